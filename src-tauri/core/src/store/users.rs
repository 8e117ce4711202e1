//! Users table.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_string, StoreError};
use crate::domain::user::Role;

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub password_hash: String,
    pub role: Role,
}

pub fn insert(conn: &Connection, username: &str, password_hash: &str, role: Role) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO users (username, password_hash, role, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![username, password_hash, role.as_str(), now_string()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn by_name(conn: &Connection, username: &str) -> Result<Option<UserRow>, StoreError> {
    let row = conn
        .query_row("SELECT id, username, password_hash, role FROM users WHERE username = ?1", [username], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .optional()?;
    row.map(|(id, username, password_hash, role)| {
        let role = Role::parse(&role).ok_or_else(|| StoreError::Decode(format!("role {role}")))?;
        Ok(UserRow { id, username, password_hash, role })
    })
    .transpose()
}
