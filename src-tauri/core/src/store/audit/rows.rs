//! The content the audit trail covers: which tables, how a row hashes, and
//! which rows a write touched.
//!
//! Temporary triggers on this connection note every row a write inserts,
//! updates or deletes; when the write commits, each audit event lists those
//! rows with a SHA-256 of their content. A tool that changes the file from
//! outside has no such triggers, so what it changes is not recorded and
//! `audit verify` names it.

use rusqlite::types::ValueRef;
use rusqlite::{params_from_iter, Connection};
use sha2::{Digest, Sha256};

use crate::store::StoreError;

/// A covered table and the columns that name one of its rows.
pub(crate) struct Covered {
    pub table: &'static str,
    pub key: &'static [&'static str],
}

/// Every table whose content is evidence or decides a verdict or who sees
/// what. Not covered: the audit trail itself (it is the chain) and failed
/// sign-in counters (not evidence). A table added later joins this list;
/// a migration that gives existing rows a new non-NULL value must record a
/// new baseline for that table (NULL columns do not count in a row's hash,
/// so an added nullable column changes nothing).
pub(crate) const COVERED: &[Covered] = &[
    Covered { table: "organisation", key: &["id"] },
    Covered { table: "consent_age_changes", key: &["id"] },
    Covered { table: "backup_settings", key: &["id"] },
    Covered { table: "retention_settings", key: &["id"] },
    Covered { table: "purged_persons", key: &["person_id"] },
    Covered { table: "users", key: &["id"] },
    Covered { table: "user_groups", key: &["user_id", "group_id"] },
    Covered { table: "org_groups", key: &["id"] },
    Covered { table: "persons", key: &["id"] },
    Covered { table: "memberships", key: &["id"] },
    Covered { table: "guardians", key: &["id"] },
    Covered { table: "child_guardians", key: &["child_id", "guardian_id"] },
    Covered { table: "form_templates", key: &["id"] },
    Covered { table: "form_versions", key: &["id"] },
    Covered { table: "consent_events", key: &["id"] },
    Covered { table: "consent_answers", key: &["event_id", "item"] },
    Covered { table: "consent_cosigners", key: &["event_id", "position"] },
    Covered { table: "consent_attachments", key: &["event_id", "position"] },
    Covered { table: "form_handouts", key: &["id"] },
    Covered { table: "information_notices", key: &["id"] },
    Covered { table: "notice_groups", key: &["notice_id", "group_id"] },
    Covered { table: "photos", key: &["id"] },
    Covered { table: "photo_tags", key: &["id"] },
    Covered { table: "publications", key: &["id"] },
    Covered { table: "publication_removals", key: &["publication_id"] },
    Covered { table: "face_scans", key: &["photo_id"] },
    Covered { table: "photo_faces", key: &["id"] },
    Covered { table: "face_settings", key: &["id"] },
    Covered { table: "face_exclusions", key: &["person_id"] },
];

/// Tables the trail does not cover, and why: a new table is in one list or
/// the other (a test reads the schema).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const NOT_COVERED: &[(&str, &str)] = &[
    ("audit_events", "the chain itself"),
    ("audit_rows", "the chain's list of rows"),
    ("sign_in_failures", "counters, not evidence"),
    ("id_floors", "bookkeeping: numbers never given again"),
    ("retention_pass", "empty outside a retention run's transaction"),
    ("face_embeddings", "derived from the photo by the recognition model, recomputable"),
    ("face_descriptions", "which photos have descriptors: derived, recomputable"),
];

/// One covered row as a write left it: its hash, or `None` when deleted.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct RowHash {
    pub table: String,
    pub key: String,
    pub hash: Option<String>,
}

fn key_expr(c: &Covered, prefix: &str) -> String {
    c.key.iter().map(|k| format!("{prefix}{k}")).collect::<Vec<_>>().join(" || '/' || ")
}

fn covered(table: &str) -> Option<&'static Covered> {
    COVERED.iter().find(|c| c.table == table)
}

/// Install the triggers that note touched rows. Per connection; they live
/// in `temp`, so nothing of them is in the file.
pub(crate) fn install(conn: &Connection) -> Result<(), StoreError> {
    let mut sql = String::from("CREATE TEMP TABLE IF NOT EXISTS audit_touched (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_key TEXT NOT NULL);\n");
    for c in COVERED {
        let (t, new, old) = (c.table, key_expr(c, "NEW."), key_expr(c, "OLD."));
        sql += &format!(
            "CREATE TEMP TRIGGER IF NOT EXISTS audit_touch_{t}_ins AFTER INSERT ON main.{t}
             BEGIN INSERT INTO audit_touched (tbl, row_key) VALUES ('{t}', {new}); END;
             CREATE TEMP TRIGGER IF NOT EXISTS audit_touch_{t}_upd AFTER UPDATE ON main.{t}
             BEGIN INSERT INTO audit_touched (tbl, row_key) VALUES ('{t}', {old}), ('{t}', {new}); END;
             CREATE TEMP TRIGGER IF NOT EXISTS audit_touch_{t}_del AFTER DELETE ON main.{t}
             BEGIN INSERT INTO audit_touched (tbl, row_key) VALUES ('{t}', {old}); END;\n"
        );
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// Where the list of touched rows stands now.
pub(crate) fn mark(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT COALESCE(MAX(seq), 0) FROM temp.audit_touched", [], |r| r.get(0))?)
}

pub(crate) fn clear(conn: &Connection) -> Result<(), StoreError> {
    conn.execute("DELETE FROM temp.audit_touched", [])?;
    Ok(())
}

/// The rows touched after `after` (up to and including `upto`), each once,
/// with their content now.
pub(crate) fn written(conn: &Connection, after: i64, upto: Option<i64>) -> Result<Vec<RowHash>, StoreError> {
    let mut stmt = conn.prepare("SELECT DISTINCT tbl, row_key FROM temp.audit_touched WHERE seq > ?1 AND seq <= ?2")?;
    let touched: Vec<(String, String)> = stmt.query_map([after, upto.unwrap_or(i64::MAX)], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    let mut rows = Vec::with_capacity(touched.len());
    for (table, key) in touched {
        let Some(c) = covered(&table) else { continue };
        let hash = row_hash(conn, c, &key)?;
        rows.push(RowHash { table, key, hash });
    }
    rows.sort();
    Ok(rows)
}

/// The hash of one row now, or `None` when it does not exist.
fn row_hash(conn: &Connection, c: &Covered, key: &str) -> Result<Option<String>, StoreError> {
    let parts: Vec<&str> = key.splitn(c.key.len(), '/').collect();
    let filter = c.key.iter().enumerate().map(|(i, k)| format!("{k} = ?{}", i + 1)).collect::<Vec<_>>().join(" AND ");
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM main.{} WHERE {filter}", c.table))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut found = stmt.query(params_from_iter(parts))?;
    match found.next()? {
        Some(r) => Ok(Some(hash_row(c.table, key, &names, r, 0)?)),
        None => Ok(None),
    }
}

fn put(h: &mut Sha256, bytes: &[u8]) {
    // Length-prefixed, so that no two different rows hash alike.
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// SHA-256 over the table, the key and every non-NULL column by name.
fn hash_row(table: &str, key: &str, names: &[String], r: &rusqlite::Row, skip: usize) -> Result<String, StoreError> {
    let mut h = Sha256::new();
    put(&mut h, table.as_bytes());
    put(&mut h, key.as_bytes());
    for (i, name) in names.iter().enumerate().skip(skip) {
        let (tag, bytes): (u8, Vec<u8>) = match r.get_ref(i)? {
            ValueRef::Null => continue,
            ValueRef::Integer(n) => (b'i', n.to_string().into_bytes()),
            ValueRef::Real(f) => (b'r', f.to_bits().to_le_bytes().to_vec()),
            ValueRef::Text(t) => (b't', t.to_vec()),
            ValueRef::Blob(b) => (b'b', b.to_vec()),
        };
        put(&mut h, name.as_bytes());
        h.update([tag]);
        put(&mut h, &bytes);
    }
    Ok(hex::encode(h.finalize()))
}

/// Every row of one covered table with its hash, in key order.
pub(crate) fn table_rows(conn: &Connection, c: &Covered, mut each: impl FnMut(String, String)) -> Result<(), StoreError> {
    // A database at an older schema (during a migration) lacks later tables: they have no rows yet.
    let exists: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [c.table], |r| r.get(0))?;
    if !exists {
        return Ok(());
    }
    let order = c.key.join(", ");
    let mut stmt = conn.prepare(&format!("SELECT {} AS audit_key, * FROM main.{} ORDER BY {order}", key_expr(c, ""), c.table))?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let key: String = match r.get_ref(0)? {
            ValueRef::Integer(n) => n.to_string(),
            ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            _ => String::new(),
        };
        let hash = hash_row(c.table, &key, &names, r, 1)?;
        each(key, hash);
    }
    Ok(())
}

/// Every covered row in the database, for a baseline. A migration runs it
/// when later tables do not exist yet: those have no rows to cover (see `table_rows`).
pub(crate) fn all(conn: &Connection) -> Result<Vec<RowHash>, StoreError> {
    let mut out = Vec::new();
    for c in COVERED {
        table_rows(conn, c, |key, hash| out.push(RowHash { table: c.table.to_string(), key, hash: Some(hash) }))?;
    }
    out.sort();
    Ok(out)
}

/// A digest over an event's list of rows, kept in the event's details so
/// the hash chain covers the list.
pub(crate) fn digest<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, Option<&'a str>)>) -> String {
    let mut h = Sha256::new();
    for (table, key, hash) in rows {
        put(&mut h, table.as_bytes());
        put(&mut h, key.as_bytes());
        match hash {
            Some(x) => put(&mut h, x.as_bytes()),
            None => h.update([0xff]),
        }
    }
    hex::encode(h.finalize())
}

/// The row number of a key: its first part (`12/website` → 12).
pub(crate) fn row_number(key: &str) -> i64 {
    key.split('/').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}
