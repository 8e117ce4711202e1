//! The audit trail: every write, who and when, each event hashing the one before.

mod content;
mod log;
pub(crate) mod rows;

pub use log::entries;
pub(crate) use log::last_logged;

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use sha2::{Digest, Sha256};

use super::{now_string, Actor, StoreError};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

fn event_hash(prev: &str, at: &str, username: &str, action: &str, entity: &str, entity_id: Option<i64>, details: &str) -> String {
    let mut h = Sha256::new();
    for part in [prev, at, username, action, entity, &entity_id.map(|i| i.to_string()).unwrap_or_default(), details] {
        // Length-prefix each field so that no two different events hash alike.
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// An audit event a write asked for, appended when the write commits.
pub(crate) struct Pending {
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub details: serde_json::Value,
    /// Rows touched up to here belong to this event (those after the last
    /// event's mark belong to the last event).
    pub mark: i64,
}

/// Append a write's events, each with the rows it touched.
pub(crate) fn flush(conn: &Connection, actor: &Actor, pending: Vec<Pending>) -> Result<(), StoreError> {
    let last = pending.len().saturating_sub(1);
    let mut after = 0;
    for (i, p) in pending.into_iter().enumerate() {
        let written = rows::written(conn, after, (i < last).then_some(p.mark))?;
        after = p.mark;
        append(conn, actor, &p.action, &p.entity, p.entity_id, p.details, &written)?;
    }
    rows::clear(conn)
}

/// The rows already in a database that the trail begins to cover, recorded
/// in one event (on the upgrade that brought content coverage).
pub(crate) fn baseline(conn: &Connection) -> Result<(), StoreError> {
    let all = rows::all(conn)?;
    if all.is_empty() {
        return Ok(());
    }
    let details = serde_json::json!({"reason": "the audit trail covers content from here on"});
    append(conn, &Actor::system(), "audit.baseline", "audit", None, details, &all)
}

fn append(
    conn: &Connection,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    mut details: serde_json::Value,
    written: &[rows::RowHash],
) -> Result<(), StoreError> {
    if !written.is_empty() {
        let digest = rows::digest(written.iter().map(|r| (r.table.as_str(), r.key.as_str(), r.hash.as_deref())));
        let summary = serde_json::json!({"n": written.len(), "sha256": digest});
        match details.as_object_mut() {
            Some(map) => {
                map.insert(ROWS.into(), summary);
            }
            None => details = serde_json::json!({"details": details, ROWS: summary}),
        }
    }
    let prev: String =
        conn.query_row("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?.unwrap_or_else(|| GENESIS.to_string());
    let at = now_string();
    let details = details.to_string();
    let hash = event_hash(&prev, &at, &actor.username, action, entity, entity_id, &details);
    conn.execute(
        "INSERT INTO audit_events (at, user_id, username, action, entity, entity_id, details, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![at, actor.user_id, actor.username, action, entity, entity_id, details, prev, hash],
    )?;
    let event = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached("INSERT INTO audit_rows (event_id, tbl, row_key, hash) VALUES (?1, ?2, ?3, ?4)")?;
    for r in written {
        insert.execute(params![event, r.table, r.key, r.hash])?;
    }
    Ok(())
}

/// The key in an event's details that holds the digest of its rows.
pub(crate) const ROWS: &str = "row_digest";

pub use crate::domain::audit::ChainReport;

/// Recompute the chain from the start, then every covered row against the
/// hash its last audit event recorded.
pub fn verify(conn: &Connection) -> Result<ChainReport, StoreError> {
    let mut stmt = conn.prepare("SELECT id, at, username, action, entity, entity_id, details, prev_hash, hash FROM audit_events ORDER BY id")?;
    let mut found = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut events = 0u32;
    // The digest each event claims for its rows.
    let mut claimed: HashMap<i64, String> = HashMap::new();
    while let Some(r) = found.next()? {
        let id: i64 = r.get(0)?;
        let stored_prev: String = r.get(7)?;
        let stored: String = r.get(8)?;
        let details: String = r.get(6)?;
        let expect = event_hash(&prev, &r.get::<_, String>(1)?, &r.get::<_, String>(2)?, &r.get::<_, String>(3)?, &r.get::<_, String>(4)?, r.get(5)?, &details);
        if stored_prev != prev || stored != expect {
            return Ok(ChainReport::new(events, Some(id), prev, 0, Vec::new()));
        }
        if details.contains(ROWS) {
            if let Some(d) = serde_json::from_str::<serde_json::Value>(&details).ok().and_then(|v| v[ROWS]["sha256"].as_str().map(str::to_string)) {
                claimed.insert(id, d);
            }
        }
        prev = stored;
        events += 1;
    }
    let (checked, problems) = content::check(conn, claimed)?;
    Ok(ChainReport::new(events, None, prev, checked, problems))
}

/// The audit event that last wrote row `key` of `table`, if any did.
pub fn last_writer(conn: &Connection, table: &str, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(conn.query_row("SELECT MAX(event_id) FROM audit_rows WHERE tbl = ?1 AND row_key = ?2", [table, key], |r| r.get(0))?)
}
