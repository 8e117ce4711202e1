-- DESIGN rule 3: how long a guardian's answer keeps counting once a child
-- decides for themselves. NULL (every database before this) means the
-- default, until the end of the school year of the birthday; a nullable
-- column leaves the audit trail's row hashes as they were.
ALTER TABLE organisation ADD COLUMN guardian_consent TEXT
    CHECK (guardian_consent IN ('until-school-year-end', 'until-own-answer'));
