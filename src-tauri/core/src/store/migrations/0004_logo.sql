-- The organisation's logo for printouts: a small PNG, re-encoded on upload.
ALTER TABLE organisation ADD COLUMN logo BLOB;
