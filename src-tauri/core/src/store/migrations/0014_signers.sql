-- A consent event signed by more than one person: both guardians on one
-- form, or a guardian beside a pupil's own signature. The event keeps the
-- signer who decides (given_by_*); the others are here, in the order given.
-- Append-only like the events themselves; the retention pass alone may
-- remove them, with the events of the person it removes.
CREATE TABLE consent_cosigners (
    event_id    INTEGER NOT NULL REFERENCES consent_events (id),
    position    INTEGER NOT NULL CHECK (position >= 1),
    role        TEXT    NOT NULL CHECK (role IN ('guardian', 'self')),
    guardian_id INTEGER REFERENCES guardians (id),
    name        TEXT    NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX consent_cosigners_guardian ON consent_cosigners (guardian_id);

CREATE TRIGGER consent_cosigners_no_update BEFORE UPDATE ON consent_cosigners
BEGIN SELECT RAISE(ABORT, 'append-only: consent_cosigners'); END;
CREATE TRIGGER consent_cosigners_no_delete BEFORE DELETE ON consent_cosigners
WHEN NOT EXISTS (
    SELECT 1 FROM retention_pass p JOIN consent_events e ON e.person_id = p.person_id WHERE e.id = OLD.event_id
)
BEGIN SELECT RAISE(ABORT, 'append-only: consent_cosigners'); END;

-- How many guardians sign a "yes": NULL (every database before this) is
-- the default, one; 'both' asks both where two are linked. A nullable
-- column leaves the audit trail's row hashes as they were.
ALTER TABLE organisation ADD COLUMN signatures_for_yes TEXT
    CHECK (signatures_for_yes IN ('one', 'both'));
