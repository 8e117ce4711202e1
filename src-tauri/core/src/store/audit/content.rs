//! The content check of `audit verify`: each event's list of rows against
//! the digest it claims, then every covered row against the hash its last
//! audit event recorded.

use std::collections::HashMap;

use rusqlite::Connection;

use super::rows::{self, COVERED};
use crate::domain::audit::{RowProblem, RowProblemKind};
use crate::store::StoreError;

/// The last recorded state of one row: its hash (`None`: deleted) and the event.
type Recorded = HashMap<(String, String), (Option<String>, i64)>;
/// One event's list: (table, key, hash).
type Listed = Vec<(String, String, Option<String>)>;

pub(super) fn check(conn: &Connection, mut claimed: HashMap<i64, String>) -> Result<(u64, Vec<RowProblem>), StoreError> {
    let mut problems = Vec::new();
    let recorded = trail_rows(conn, &mut claimed, &mut problems)?;
    // An event that claims rows of which none are left.
    let mut lost: Vec<i64> = claimed.into_keys().collect();
    lost.sort_unstable();
    for event in lost {
        problems.push(RowProblem { table: "audit_rows".into(), row: event, key: event.to_string(), kind: RowProblemKind::TrailRows, event: Some(event) });
    }
    let checked = tables(conn, recorded, &mut problems)?;
    Ok((checked, problems))
}

/// Read the trail's row lists, event by event; an event whose list does not
/// match its claimed digest is a problem. Returns the last state per row.
fn trail_rows(conn: &Connection, claimed: &mut HashMap<i64, String>, problems: &mut Vec<RowProblem>) -> Result<Recorded, StoreError> {
    let mut stmt = conn.prepare("SELECT event_id, tbl, row_key, hash FROM audit_rows ORDER BY event_id, tbl, row_key")?;
    let mut found = stmt.query([])?;
    let mut recorded = Recorded::new();
    let mut current: Option<(i64, Listed)> = None;
    let mut close = |event: i64, list: Listed, recorded: &mut Recorded| {
        let digest = rows::digest(list.iter().map(|(t, k, h)| (t.as_str(), k.as_str(), h.as_deref())));
        if claimed.remove(&event).as_deref() != Some(digest.as_str()) {
            problems.push(RowProblem { table: "audit_rows".into(), row: event, key: event.to_string(), kind: RowProblemKind::TrailRows, event: Some(event) });
        }
        for (t, k, h) in list {
            recorded.insert((t, k), (h, event));
        }
    };
    while let Some(r) = found.next()? {
        let event: i64 = r.get(0)?;
        let row = (r.get(1)?, r.get(2)?, r.get(3)?);
        match &mut current {
            Some((e, list)) if *e == event => list.push(row),
            _ => {
                if let Some((e, list)) = current.take() {
                    close(e, list, &mut recorded);
                }
                current = Some((event, vec![row]));
            }
        }
    }
    if let Some((e, list)) = current.take() {
        close(e, list, &mut recorded);
    }
    Ok(recorded)
}

/// Every covered row now against what was recorded. Returns how many rows
/// were checked.
fn tables(conn: &Connection, mut recorded: Recorded, problems: &mut Vec<RowProblem>) -> Result<u64, StoreError> {
    let mut checked = 0u64;
    for c in COVERED {
        rows::table_rows(conn, c, |key, hash| {
            checked += 1;
            let problem = match recorded.remove(&(c.table.to_string(), key.clone())) {
                Some((Some(h), _)) if h == hash => None,
                Some((Some(_), event)) => Some((RowProblemKind::Changed, Some(event))),
                // Deleted by the application, there again: not its doing.
                Some((None, event)) => Some((RowProblemKind::Unrecorded, Some(event))),
                None => Some((RowProblemKind::Unrecorded, None)),
            };
            if let Some((kind, event)) = problem {
                problems.push(RowProblem { table: c.table.into(), row: rows::row_number(&key), key, kind, event });
            }
        })?;
    }
    // Recorded as present and gone now.
    let mut gone: Vec<((String, String), i64)> = recorded.into_iter().filter_map(|(k, (h, e))| h.map(|_| (k, e))).collect();
    // In table order (an event before its answers), then by row.
    gone.sort_by_key(|((t, k), _)| (COVERED.iter().position(|c| c.table == t), rows::row_number(k), k.clone()));
    for ((table, key), event) in gone {
        problems.push(RowProblem { table, row: rows::row_number(&key), key, kind: RowProblemKind::Deleted, event: Some(event) });
    }
    Ok(checked)
}
