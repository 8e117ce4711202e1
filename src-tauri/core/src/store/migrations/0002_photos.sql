-- Beeldakkoord schema, version 2: information notices, photos, tags,
-- publications and their removal.

-- Non-targeted images need no consent, but the people in them must have been
-- informed: what is photographed, for which purpose, in which channel.
CREATE TABLE information_notices (
    id         INTEGER PRIMARY KEY,
    text       TEXT    NOT NULL,
    given_on   TEXT    NOT NULL,
    all_staff  INTEGER NOT NULL DEFAULT 0 CHECK (all_staff IN (0, 1)),
    -- JSON arrays of keys, e.g. ["activities"]; a notice is never edited.
    purposes   TEXT    NOT NULL,
    channels   TEXT    NOT NULL,
    entered_by INTEGER NOT NULL REFERENCES users (id),
    entered_at TEXT    NOT NULL
);

CREATE TABLE notice_groups (
    notice_id INTEGER NOT NULL REFERENCES information_notices (id),
    group_id  INTEGER NOT NULL REFERENCES org_groups (id),
    PRIMARY KEY (notice_id, group_id)
);

CREATE TABLE photos (
    id            INTEGER PRIMARY KEY,
    -- SHA-256 of the original file: importing the same file twice is one photo.
    hash          TEXT    NOT NULL UNIQUE,
    original_name TEXT    NOT NULL,
    format        TEXT    NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    -- EXIF orientation 1..8; boxes are stored in displayed (oriented) pixels.
    orientation   INTEGER NOT NULL DEFAULT 1,
    taken_on      TEXT,
    photo_type    TEXT,
    posed         INTEGER NOT NULL DEFAULT 0 CHECK (posed IN (0, 1)),
    checked_at    TEXT,
    imported_by   INTEGER NOT NULL REFERENCES users (id),
    imported_at   TEXT    NOT NULL
);
CREATE INDEX photos_taken_on ON photos (taken_on);

CREATE TABLE photo_tags (
    id          INTEGER PRIMARY KEY,
    photo_id    INTEGER NOT NULL REFERENCES photos (id),
    -- NULL: a box around someone not identified yet.
    person_id   INTEGER REFERENCES persons (id),
    box_x       INTEGER,
    box_y       INTEGER,
    box_w       INTEGER,
    box_h       INTEGER,
    highlighted INTEGER NOT NULL DEFAULT 0 CHECK (highlighted IN (0, 1)),
    CHECK ((box_x IS NULL) = (box_w IS NULL) AND (box_x IS NULL) = (box_y IS NULL) AND (box_x IS NULL) = (box_h IS NULL)),
    CHECK (person_id IS NOT NULL OR box_x IS NOT NULL)
);
CREATE INDEX photo_tags_photo ON photo_tags (photo_id);
CREATE INDEX photo_tags_person ON photo_tags (person_id);
CREATE UNIQUE INDEX photo_tags_one_per_person ON photo_tags (photo_id, person_id) WHERE person_id IS NOT NULL;

CREATE TABLE publications (
    id           INTEGER PRIMARY KEY,
    photo_id     INTEGER NOT NULL REFERENCES photos (id),
    channel      TEXT    NOT NULL,
    purpose      TEXT    NOT NULL,
    place        TEXT    NOT NULL,
    published_on TEXT    NOT NULL,
    -- The verdict the publication was checked against, as JSON: proof later.
    verdict      TEXT    NOT NULL,
    entered_by   INTEGER NOT NULL REFERENCES users (id),
    entered_at   TEXT    NOT NULL
);
CREATE INDEX publications_photo ON publications (photo_id);

CREATE TABLE publication_removals (
    publication_id INTEGER PRIMARY KEY REFERENCES publications (id),
    removed_on     TEXT    NOT NULL,
    entered_by     INTEGER NOT NULL REFERENCES users (id),
    entered_at     TEXT    NOT NULL
);

-- Notices and publications are evidence: append-only like consent.
CREATE TRIGGER information_notices_no_update BEFORE UPDATE ON information_notices
BEGIN SELECT RAISE(ABORT, 'append-only: information_notices'); END;
CREATE TRIGGER information_notices_no_delete BEFORE DELETE ON information_notices
BEGIN SELECT RAISE(ABORT, 'append-only: information_notices'); END;
CREATE TRIGGER publications_no_update BEFORE UPDATE ON publications
BEGIN SELECT RAISE(ABORT, 'append-only: publications'); END;
CREATE TRIGGER publications_no_delete BEFORE DELETE ON publications
BEGIN SELECT RAISE(ABORT, 'append-only: publications'); END;
CREATE TRIGGER publication_removals_no_update BEFORE UPDATE ON publication_removals
BEGIN SELECT RAISE(ABORT, 'append-only: publication_removals'); END;
CREATE TRIGGER publication_removals_no_delete BEFORE DELETE ON publication_removals
BEGIN SELECT RAISE(ABORT, 'append-only: publication_removals'); END;
