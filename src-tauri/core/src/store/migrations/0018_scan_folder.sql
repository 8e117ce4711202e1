-- The folder the office's scanner saves into, on this PC: "Scan toevoegen"
-- offers its newest files first. NULL (every database before this, and an
-- office without one) leaves the audit trail's row hashes as they were.
ALTER TABLE organisation ADD COLUMN scan_folder TEXT;
