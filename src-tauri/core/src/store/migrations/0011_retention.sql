-- Retention (DESIGN rule 9): how long data of people who left is kept, the
-- people whose data was removed, and the one way past the append-only
-- triggers.

-- No row: the defaults in the code (domain::retention) hold.
CREATE TABLE retention_settings (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    photos_years   INTEGER NOT NULL CHECK (photos_years BETWEEN 1 AND 30),
    consent_years  INTEGER NOT NULL CHECK (consent_years BETWEEN 1 AND 30),
    untagged_years INTEGER NOT NULL CHECK (untagged_years BETWEEN 1 AND 30),
    updated_at     TEXT    NOT NULL,
    CHECK (photos_years <= consent_years)
);

-- A person whose data was removed: the number only, so a dossier asked for
-- later is refused with a reason, and the number is never given again.
CREATE TABLE purged_persons (
    person_id INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind IN ('child', 'staff')),
    purged_on TEXT    NOT NULL,
    rule      TEXT    NOT NULL
);
CREATE TRIGGER purged_persons_no_update BEFORE UPDATE ON purged_persons
BEGIN SELECT RAISE(ABORT, 'append-only: purged_persons'); END;
CREATE TRIGGER purged_persons_no_delete BEFORE DELETE ON purged_persons
BEGIN SELECT RAISE(ABORT, 'append-only: purged_persons'); END;

-- The highest number removed per table: new rows are numbered above it, so
-- a number in the audit trail or on paper never names someone else later.
CREATE TABLE id_floors (
    tbl   TEXT    PRIMARY KEY,
    floor INTEGER NOT NULL
);

-- The sanctioned way past the append-only triggers: the retention run (and
-- nothing else) writes the person it removes here, deletes, and empties it
-- again in the same transaction. Every other delete is still refused.
CREATE TABLE retention_pass (
    person_id INTEGER PRIMARY KEY
);

DROP TRIGGER consent_events_no_delete;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
WHEN NOT EXISTS (SELECT 1 FROM retention_pass WHERE person_id = OLD.person_id)
BEGIN SELECT RAISE(ABORT, 'append-only: consent_events'); END;

DROP TRIGGER consent_answers_no_delete;
CREATE TRIGGER consent_answers_no_delete BEFORE DELETE ON consent_answers
WHEN NOT EXISTS (
    SELECT 1 FROM retention_pass p JOIN consent_events e ON e.person_id = p.person_id WHERE e.id = OLD.event_id
)
BEGIN SELECT RAISE(ABORT, 'append-only: consent_answers'); END;

-- The office's list of leavers asks for dossiers printed per person.
CREATE INDEX IF NOT EXISTS audit_events_action_entity ON audit_events (action, entity_id);
