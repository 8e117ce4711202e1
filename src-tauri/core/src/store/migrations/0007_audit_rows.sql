-- The audit trail covers content: every audit event lists the rows its
-- write touched with a SHA-256 of each row as written (NULL: the row was
-- deleted). `audit verify` recomputes them from the tables, so a row changed
-- or deleted with an outside tool is named. Each event's details carry a
-- digest over its rows, so this table is covered by the hash chain too.
CREATE TABLE audit_rows (
    event_id INTEGER NOT NULL REFERENCES audit_events (id),
    tbl      TEXT    NOT NULL,
    row_key  TEXT    NOT NULL,
    hash     TEXT,
    PRIMARY KEY (event_id, tbl, row_key)
);
CREATE INDEX audit_rows_row ON audit_rows (tbl, row_key, event_id);

CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'append-only: audit_rows'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows
BEGIN SELECT RAISE(ABORT, 'append-only: audit_rows'); END;

-- The audit log screen filters by person, user and date; a read logged once
-- per screen looks up the same user's last view.
CREATE INDEX audit_events_entity ON audit_events (entity, entity_id);
CREATE INDEX audit_events_user ON audit_events (username, action);

-- A staff member's account can be linked to their own person record, so
-- they can see their own consent (and nobody else's).
ALTER TABLE users ADD COLUMN person_id INTEGER REFERENCES persons (id);
CREATE UNIQUE INDEX users_person ON users (person_id) WHERE person_id IS NOT NULL;
