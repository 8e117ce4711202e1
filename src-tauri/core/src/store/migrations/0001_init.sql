-- Beeldakkoord schema, version 1.
-- Keep SQL portable (PostgreSQL later) where that costs nothing; triggers
-- are SQLite's and would be rewritten there.

CREATE TABLE organisation (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    name              TEXT    NOT NULL,
    jurisdiction      TEXT    NOT NULL CHECK (jurisdiction IN ('nl', 'be-vl')),
    consent_age       INTEGER NOT NULL CHECK (consent_age BETWEEN 12 AND 18),
    school_year_start TEXT    NOT NULL,
    created_at        TEXT    NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'office', 'teacher')),
    created_at    TEXT NOT NULL
);

CREATE TABLE org_groups (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('child', 'staff')),
    name        TEXT NOT NULL,
    birth_date  TEXT,
    leave_date  TEXT,
    external_id TEXT UNIQUE,
    -- name + birth date, lowercased: matches a roster row without a number.
    roster_key  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX persons_roster_key ON persons (roster_key);

CREATE TABLE memberships (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES persons (id),
    group_id  INTEGER NOT NULL REFERENCES org_groups (id),
    from_date TEXT    NOT NULL,
    to_date   TEXT
);
CREATE INDEX memberships_person ON memberships (person_id);
CREATE INDEX memberships_group ON memberships (group_id);

CREATE TABLE guardians (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX guardians_name_key ON guardians (name_key);

CREATE TABLE child_guardians (
    child_id    INTEGER NOT NULL REFERENCES persons (id),
    guardian_id INTEGER NOT NULL REFERENCES guardians (id),
    PRIMARY KEY (child_id, guardian_id)
);

CREATE TABLE form_templates (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    builtin    TEXT    UNIQUE,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT    NOT NULL
);

CREATE TABLE form_versions (
    id          INTEGER PRIMARY KEY,
    template_id INTEGER NOT NULL REFERENCES form_templates (id),
    version     INTEGER NOT NULL,
    -- The whole form as JSON: title, full text, keys, labels, items, term.
    content     TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    UNIQUE (template_id, version)
);

CREATE TABLE consent_events (
    id                   INTEGER PRIMARY KEY,
    person_id            INTEGER NOT NULL REFERENCES persons (id),
    -- 'void' marks an earlier event of the same person as entered in error
    -- (an undo that keeps the mistake visible in the history).
    kind                 TEXT    NOT NULL CHECK (kind IN ('record', 'withdraw', 'void')),
    form_version_id      INTEGER REFERENCES form_versions (id),
    voids_event_id       INTEGER UNIQUE REFERENCES consent_events (id),
    void_reason          TEXT,
    given_by_role        TEXT    NOT NULL CHECK (given_by_role IN ('guardian', 'self', 'office')),
    given_by_guardian_id INTEGER REFERENCES guardians (id),
    given_by_name        TEXT    NOT NULL,
    method               TEXT    NOT NULL CHECK (method IN ('digital', 'paper')),
    given_on             TEXT    NOT NULL,
    entered_by           INTEGER NOT NULL REFERENCES users (id),
    entered_at           TEXT    NOT NULL,
    CHECK ((kind = 'record') = (form_version_id IS NOT NULL)),
    CHECK ((kind = 'void') = (voids_event_id IS NOT NULL AND void_reason IS NOT NULL))
);
CREATE INDEX consent_events_person ON consent_events (person_id);

CREATE TABLE consent_answers (
    event_id INTEGER NOT NULL REFERENCES consent_events (id),
    item     TEXT    NOT NULL,
    answer   TEXT    NOT NULL CHECK (answer IN ('yes', 'no', 'withdrawn')),
    PRIMARY KEY (event_id, item)
);

CREATE TABLE audit_events (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    user_id   INTEGER,
    username  TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id INTEGER,
    details   TEXT    NOT NULL,
    prev_hash TEXT    NOT NULL,
    hash      TEXT    NOT NULL UNIQUE
);

-- Consent history and the audit trail are append-only.
CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
BEGIN SELECT RAISE(ABORT, 'append-only: consent_events'); END;
CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events
BEGIN SELECT RAISE(ABORT, 'append-only: consent_events'); END;
CREATE TRIGGER consent_answers_no_update BEFORE UPDATE ON consent_answers
BEGIN SELECT RAISE(ABORT, 'append-only: consent_answers'); END;
CREATE TRIGGER consent_answers_no_delete BEFORE DELETE ON consent_answers
BEGIN SELECT RAISE(ABORT, 'append-only: consent_answers'); END;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'append-only: audit_events'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'append-only: audit_events'); END;

-- A form version someone answered is what they read: it never changes.
CREATE TRIGGER form_versions_frozen_update BEFORE UPDATE ON form_versions
WHEN EXISTS (SELECT 1 FROM consent_events WHERE form_version_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'append-only: answered form version'); END;
CREATE TRIGGER form_versions_frozen_delete BEFORE DELETE ON form_versions
WHEN EXISTS (SELECT 1 FROM consent_events WHERE form_version_id = OLD.id)
BEGIN SELECT RAISE(ABORT, 'append-only: answered form version'); END;
