-- The age of own consent can change; a change counts from its day on, so
-- whose word counted on an earlier day stays as it was. Each change keeps
-- the age before it: with no rows, the organisation's age holds for every day.
CREATE TABLE consent_age_changes (
    id           INTEGER PRIMARY KEY,
    from_date    TEXT    NOT NULL,
    age          INTEGER NOT NULL CHECK (age BETWEEN 12 AND 18),
    previous_age INTEGER NOT NULL CHECK (previous_age BETWEEN 12 AND 18),
    entered_by   INTEGER REFERENCES users (id),
    entered_at   TEXT    NOT NULL
);

CREATE TRIGGER consent_age_changes_no_update BEFORE UPDATE ON consent_age_changes
BEGIN SELECT RAISE(ABORT, 'append-only: consent_age_changes'); END;
CREATE TRIGGER consent_age_changes_no_delete BEFORE DELETE ON consent_age_changes
BEGIN SELECT RAISE(ABORT, 'append-only: consent_age_changes'); END;
