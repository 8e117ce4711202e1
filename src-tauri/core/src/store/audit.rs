//! The audit trail: every write, who and when, each event hashing the one before.

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

pub fn append(conn: &Connection, actor: &Actor, action: &str, entity: &str, entity_id: Option<i64>, details: &serde_json::Value) -> Result<(), StoreError> {
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
    Ok(())
}

pub use crate::domain::consent::ChainReport;

/// Recompute the chain from the start.
pub fn verify(conn: &Connection) -> Result<ChainReport, StoreError> {
    let mut stmt = conn.prepare("SELECT id, at, username, action, entity, entity_id, details, prev_hash, hash FROM audit_events ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_string();
    let mut events = 0u32;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let stored_prev: String = r.get(7)?;
        let stored: String = r.get(8)?;
        let expect = event_hash(
            &prev,
            &r.get::<_, String>(1)?,
            &r.get::<_, String>(2)?,
            &r.get::<_, String>(3)?,
            &r.get::<_, String>(4)?,
            r.get(5)?,
            &r.get::<_, String>(6)?,
        );
        if stored_prev != prev || stored != expect {
            return Ok(ChainReport { events, broken_at: Some(id), head: prev });
        }
        prev = stored;
        events += 1;
    }
    Ok(ChainReport { events, broken_at: None, head: prev })
}
