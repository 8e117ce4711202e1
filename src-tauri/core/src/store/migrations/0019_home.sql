-- How many days ahead a "yes" that ends is announced on the home screen and
-- in the re-consent round. NULL (every database before this): 30 days, and
-- the audit trail's row hashes stay as they were.
ALTER TABLE organisation ADD COLUMN expiry_warning_days INTEGER;

-- A form printed with a person's name on it was handed out: the home screen
-- lists it until that person's answer to the form is recorded.
CREATE TABLE form_handouts (
    id             INTEGER PRIMARY KEY,
    person_id      INTEGER NOT NULL REFERENCES persons (id),
    form_id        INTEGER NOT NULL REFERENCES form_templates (id),
    handed_out_on  TEXT    NOT NULL,
    entered_by     INTEGER REFERENCES users (id),
    entered_at     TEXT    NOT NULL
);
CREATE INDEX form_handouts_person ON form_handouts (person_id, form_id);
