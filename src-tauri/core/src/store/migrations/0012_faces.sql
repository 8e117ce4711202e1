-- Faces found on the device (DESIGN: "Faces count as people").
--
-- A detected face is a suggested box until someone reviews it: named (it is
-- linked to the tag of the person), marked unknown (linked to a box without
-- a person) or dismissed with a reason. A face that is none of these is an
-- unidentified person to the verdict.

-- Which photos were scanned, by which detector: a photo without a row here
-- has not been scanned yet (the grid shows it, the scan after the upgrade
-- finds it).
CREATE TABLE face_scans (
    photo_id   INTEGER PRIMARY KEY REFERENCES photos (id),
    detector   TEXT    NOT NULL,
    faces      INTEGER NOT NULL CHECK (faces >= 0),
    scanned_at TEXT    NOT NULL
);

CREATE TABLE photo_faces (
    -- AUTOINCREMENT: the window names a face by number, never reused.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    photo_id    INTEGER NOT NULL REFERENCES photos (id),
    -- The face's number on its photo (1, 2, …), as the CLI and window name it.
    n           INTEGER NOT NULL CHECK (n >= 1),
    box_x       INTEGER NOT NULL CHECK (box_x >= 0),
    box_y       INTEGER NOT NULL CHECK (box_y >= 0),
    box_w       INTEGER NOT NULL CHECK (box_w > 0),
    box_h       INTEGER NOT NULL CHECK (box_h > 0),
    score       REAL    NOT NULL,
    detector    TEXT    NOT NULL,
    -- Named or marked unknown: the tag that says who (or that nobody knows).
    tag_id      INTEGER REFERENCES photo_tags (id),
    -- Dismissed (not a face, not recognisable): the reason, never empty.
    dismissed   TEXT CHECK (dismissed IS NULL OR length(dismissed) > 0),
    reviewed_by INTEGER REFERENCES users (id),
    reviewed_at TEXT,
    UNIQUE (photo_id, n),
    CHECK (tag_id IS NULL OR dismissed IS NULL)
);
CREATE INDEX photo_faces_photo ON photo_faces (photo_id);
CREATE UNIQUE INDEX photo_faces_tag ON photo_faces (tag_id) WHERE tag_id IS NOT NULL;

-- A tag that goes (a person untagged, a box removed) leaves its face
-- unreviewed again: it is still a face nobody named.
CREATE TRIGGER photo_tags_free_face AFTER DELETE ON photo_tags
BEGIN
    UPDATE photo_faces SET tag_id = NULL, reviewed_by = NULL, reviewed_at = NULL WHERE tag_id = OLD.id;
END;

-- Comparing faces is processing of biometric data: off until an
-- administrator switches it on. No row: off.
CREATE TABLE face_settings (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    suggestions INTEGER NOT NULL CHECK (suggestions IN (0, 1)),
    changed_by  INTEGER NOT NULL REFERENCES users (id),
    changed_at  TEXT    NOT NULL
);

-- People who (or whose guardians) object: never suggested, no embeddings kept.
CREATE TABLE face_exclusions (
    person_id   INTEGER PRIMARY KEY REFERENCES persons (id),
    entered_by  INTEGER NOT NULL REFERENCES users (id),
    entered_at  TEXT    NOT NULL
);

-- What the recognition model made of a face: kept with the photo data (in
-- the encrypted database), recomputable from the photo, removed with the
-- face or when suggestions are switched off.
CREATE TABLE face_embeddings (
    face_id INTEGER PRIMARY KEY REFERENCES photo_faces (id),
    model   TEXT    NOT NULL,
    vector  BLOB    NOT NULL
);
