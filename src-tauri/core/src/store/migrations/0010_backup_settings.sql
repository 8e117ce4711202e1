-- Where the window writes its daily backup (a USB disk, a network share),
-- and how many of its backups it keeps there.
CREATE TABLE backup_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    folder     TEXT,
    keep       INTEGER NOT NULL CHECK (keep BETWEEN 1 AND 365),
    updated_at TEXT NOT NULL
);
