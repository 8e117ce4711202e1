-- A form filled in by a parent at the office desk (the kiosk) is its own
-- method, with the drawn signature kept as an attachment. SQLite cannot
-- widen a CHECK in place, so the table is rebuilt with the same columns and
-- rows: every row keeps its content, so the audit trail's row hashes stay
-- as they were. The migration runs with foreign keys off (the step checks
-- them before it commits); legacy_alter_table keeps the rename from
-- rewriting the triggers of other tables that name consent_events.
PRAGMA legacy_alter_table = ON;

CREATE TABLE consent_events_new (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL REFERENCES persons (id),
    -- 'void' marks an earlier event of the same person as entered in error
    -- (an undo that keeps the mistake visible in the history).
    kind                 TEXT    NOT NULL CHECK (kind IN ('record', 'withdraw', 'void')),
    form_version_id      INTEGER REFERENCES form_versions (id),
    voids_event_id       INTEGER UNIQUE REFERENCES consent_events (id),
    void_reason          TEXT,
    given_by_role        TEXT    NOT NULL CHECK (given_by_role IN ('guardian', 'self', 'office')),
    given_by_guardian_id INTEGER REFERENCES guardians (id),
    given_by_name        TEXT    NOT NULL,
    method               TEXT    NOT NULL CHECK (method IN ('digital', 'paper', 'kiosk')),
    given_on             TEXT    NOT NULL,
    entered_by           INTEGER NOT NULL REFERENCES users (id),
    entered_at           TEXT    NOT NULL,
    CHECK ((kind = 'record') = (form_version_id IS NOT NULL)),
    CHECK ((kind = 'void') = (voids_event_id IS NOT NULL AND void_reason IS NOT NULL))
);
INSERT INTO consent_events_new
    (id, person_id, kind, form_version_id, voids_event_id, void_reason, given_by_role, given_by_guardian_id, given_by_name, method, given_on, entered_by, entered_at)
    SELECT id, person_id, kind, form_version_id, voids_event_id, void_reason, given_by_role, given_by_guardian_id, given_by_name, method, given_on, entered_by, entered_at
    FROM consent_events;
DROP TABLE consent_events;
ALTER TABLE consent_events_new RENAME TO consent_events;

CREATE INDEX consent_events_person ON consent_events (person_id);
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'append-only: consent_events'); END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
WHEN NOT EXISTS (SELECT 1 FROM retention_pass WHERE person_id = OLD.person_id)
BEGIN SELECT RAISE(ABORT, 'append-only: consent_events'); END;

PRAGMA legacy_alter_table = OFF;
