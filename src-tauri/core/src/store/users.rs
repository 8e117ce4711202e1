//! Users, the groups a teacher sees, and failed sign-ins.

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{now_string, StoreError};
use crate::domain::user::Role;

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: Role,
    pub disabled: bool,
    pub must_change_password: bool,
    /// The staff member's own person record, when linked.
    pub person_id: Option<i64>,
}

const COLS: &str = "id, username, password_hash, role, disabled, must_change_password, person_id";

type Raw = (i64, String, String, String, bool, bool, Option<i64>);

fn user_row(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
}

fn to_user((id, username, password_hash, role, disabled, must_change_password, person_id): Raw) -> Result<UserRow, StoreError> {
    let role = Role::parse(&role).ok_or_else(|| StoreError::Decode(format!("role {role}")))?;
    Ok(UserRow { id, username, password_hash, role, disabled, must_change_password, person_id })
}

/// Link a user to their own person record (or undo the link).
pub fn set_person(conn: &Connection, user: i64, person: Option<i64>) -> Result<(), StoreError> {
    conn.execute("UPDATE users SET person_id = ?2 WHERE id = ?1", params![user, person])?;
    Ok(())
}

/// The user linked to `person`, if any.
pub fn by_person(conn: &Connection, person: i64) -> Result<Option<UserRow>, StoreError> {
    super::row(conn, &format!("SELECT {COLS} FROM users WHERE person_id = ?1"), [person], user_row).optional()?.map(to_user).transpose()
}

pub fn insert(conn: &Connection, username: &str, password_hash: &str, role: Role) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO users (username, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![username, password_hash, role.as_str(), now_string()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn by_name(conn: &Connection, username: &str) -> Result<Option<UserRow>, StoreError> {
    super::row(conn, &format!("SELECT {COLS} FROM users WHERE username = ?1"), [username], user_row).optional()?.map(to_user).transpose()
}

pub fn by_id(conn: &Connection, id: i64) -> Result<Option<UserRow>, StoreError> {
    super::row(conn, &format!("SELECT {COLS} FROM users WHERE id = ?1"), [id], user_row).optional()?.map(to_user).transpose()
}

/// Every user, by name.
pub fn all(conn: &Connection) -> Result<Vec<UserRow>, StoreError> {
    let mut stmt = conn.prepare(&format!("SELECT {COLS} FROM users ORDER BY username"))?;
    let rows: Vec<_> = stmt.query_map([], user_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(to_user).collect()
}

/// The ids of the groups a user is linked to.
pub fn group_ids(conn: &Connection, user: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare("SELECT group_id FROM user_groups WHERE user_id = ?1 ORDER BY group_id")?;
    let ids = stmt.query_map([user], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The names of the groups a user is linked to, by name.
pub fn group_names(conn: &Connection, user: i64) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare("SELECT g.name FROM user_groups ug JOIN org_groups g ON g.id = ug.group_id WHERE ug.user_id = ?1 ORDER BY g.name")?;
    let names = stmt.query_map([user], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(names)
}

pub fn set_groups(conn: &Connection, user: i64, groups: &[i64]) -> Result<(), StoreError> {
    conn.execute("DELETE FROM user_groups WHERE user_id = ?1", [user])?;
    for g in groups {
        conn.execute("INSERT OR IGNORE INTO user_groups (user_id, group_id) VALUES (?1, ?2)", [user, *g])?;
    }
    Ok(())
}

pub fn set_disabled(conn: &Connection, user: i64, disabled: bool) -> Result<(), StoreError> {
    conn.execute("UPDATE users SET disabled = ?2 WHERE id = ?1", params![user, disabled])?;
    Ok(())
}

/// A new password; `must_change` when someone else chose it.
pub fn set_password(conn: &Connection, user: i64, password_hash: &str, must_change: bool) -> Result<(), StoreError> {
    conn.execute("UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1", params![user, password_hash, must_change])?;
    Ok(())
}

/// Administrators who can still sign in.
pub fn active_admins(conn: &Connection) -> Result<u32, StoreError> {
    Ok(super::row(conn, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = 0", [], |r| r.get(0))?)
}

/// Failed sign-ins for a name since the last good one, and when the last was.
pub fn failures(conn: &Connection, username: &str) -> Result<(u32, Option<String>), StoreError> {
    let row = super::row(conn, "SELECT failures, last_at FROM sign_in_failures WHERE username = ?1", [username], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    Ok(row.map_or((0, None), |(n, at)| (n, Some(at))))
}

pub fn record_failure(conn: &Connection, username: &str) -> Result<u32, StoreError> {
    conn.execute(
        "INSERT INTO sign_in_failures (username, failures, last_at) VALUES (?1, 1, ?2)
         ON CONFLICT (username) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at",
        params![username, now_string()],
    )?;
    Ok(failures(conn, username)?.0)
}

pub fn clear_failures(conn: &Connection, username: &str) -> Result<(), StoreError> {
    conn.execute("DELETE FROM sign_in_failures WHERE username = ?1", [username])?;
    Ok(())
}
