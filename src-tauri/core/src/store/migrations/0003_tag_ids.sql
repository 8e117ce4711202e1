-- Beeldakkoord schema, version 3: tag ids are never reused.
--
-- The window names a box by its tag id. With a plain rowid, SQLite hands the
-- id of a removed tag to the next new one, so a screen that still shows the
-- old box could name or remove someone else's. AUTOINCREMENT forbids reuse.

CREATE TABLE photo_tags_v3 (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO photo_tags_v3 (id, photo_id, person_id, box_x, box_y, box_w, box_h, highlighted)
    SELECT id, photo_id, person_id, box_x, box_y, box_w, box_h, highlighted FROM photo_tags;
DROP TABLE photo_tags;
ALTER TABLE photo_tags_v3 RENAME TO photo_tags;
CREATE INDEX photo_tags_photo ON photo_tags (photo_id);
CREATE INDEX photo_tags_person ON photo_tags (person_id);
CREATE UNIQUE INDEX photo_tags_one_per_person ON photo_tags (photo_id, person_id) WHERE person_id IS NOT NULL;
