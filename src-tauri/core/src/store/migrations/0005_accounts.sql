-- Accounts for everyone in the office: a user can be disabled (never
-- deleted: their name stays in the history), must choose a new password
-- after a reset, and a teacher sees the groups linked here.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));

CREATE TABLE user_groups (
    user_id  INTEGER NOT NULL REFERENCES users (id),
    group_id INTEGER NOT NULL REFERENCES org_groups (id),
    PRIMARY KEY (user_id, group_id)
);

-- Failed sign-ins per user name, for the growing delay after five.
CREATE TABLE sign_in_failures (
    username TEXT NOT NULL PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at  TEXT NOT NULL
);
