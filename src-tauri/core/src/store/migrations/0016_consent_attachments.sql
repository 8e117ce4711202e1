-- What came with a consent event besides its answers: the scan or photo of
-- the signed paper form, or the signature drawn at the desk (kiosk). The
-- file lives in the library under its SHA-256, encrypted like the photos;
-- this row is the proof of which file it was. Numbered per event in the
-- order attached. Append-only like the events: a scan added later is a new
-- row, never a change; the retention pass alone may remove them, with the
-- events of the person it removes.
CREATE TABLE consent_attachments (
    event_id    INTEGER NOT NULL REFERENCES consent_events (id),
    position    INTEGER NOT NULL CHECK (position >= 1),
    kind        TEXT    NOT NULL CHECK (kind IN ('scan', 'signature')),
    sha256      TEXT    NOT NULL CHECK (length(sha256) = 64),
    format      TEXT    NOT NULL CHECK (format IN ('pdf', 'jpeg', 'png')),
    bytes       INTEGER NOT NULL CHECK (bytes > 0),
    pages       INTEGER NOT NULL CHECK (pages >= 1),
    attached_by INTEGER NOT NULL REFERENCES users (id),
    attached_at TEXT    NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX consent_attachments_sha256 ON consent_attachments (sha256);

CREATE TRIGGER consent_attachments_no_update BEFORE UPDATE ON consent_attachments
BEGIN SELECT RAISE(ABORT, 'append-only: consent_attachments'); END;
CREATE TRIGGER consent_attachments_no_delete BEFORE DELETE ON consent_attachments
WHEN NOT EXISTS (
    SELECT 1 FROM retention_pass p JOIN consent_events e ON e.person_id = p.person_id WHERE e.id = OLD.event_id
)
BEGIN SELECT RAISE(ABORT, 'append-only: consent_attachments'); END;
