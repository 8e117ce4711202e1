-- Photos whose faces were described for face suggestions, and with which
-- model. Like the descriptors themselves (face_embeddings) this is derived
-- from the photo and recomputable, so the audit trail does not cover it:
-- switching suggestions off deletes both, and the scan after switching them
-- on again describes every photo not listed here.
CREATE TABLE face_descriptions (
    photo_id     INTEGER PRIMARY KEY REFERENCES photos (id),
    model        TEXT    NOT NULL,
    described_at TEXT    NOT NULL
);
