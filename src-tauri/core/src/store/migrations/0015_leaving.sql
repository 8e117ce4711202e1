-- Whether leaving ends a person's consent (from the day after the leave
-- date every "yes" counts as ended). NULL (every database before this) is
-- the default, on: a childcare complaints body ruled that photos of a child
-- who left may no longer be used. 0 keeps the terms of the forms running.
-- A nullable column leaves the audit trail's row hashes as they were.
ALTER TABLE organisation ADD COLUMN leaving_ends_consent INTEGER
    CHECK (leaving_ends_consent IN (0, 1));
