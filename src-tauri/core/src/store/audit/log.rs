//! Reading the audit trail as a log: who did what, when, newest first.

use rusqlite::{params, Connection};

use crate::domain::audit::{AuditEntry, AuditFilter, AuditPage};
use crate::store::StoreError;

/// Entries per page when the caller names no limit, and the most it may ask.
pub const PAGE: u32 = 200;
pub const MAX_PAGE: u32 = 2000;

/// The person an event concerns: the entity itself, or a `person` named in
/// its details (a tag on a photo).
/// Details that are not JSON (altered from outside) are shown as they are.
const PERSON: &str = "CASE WHEN e.entity = 'person' THEN e.entity_id WHEN json_valid(e.details) THEN json_extract(e.details, '$.person') END";

pub fn entries(conn: &Connection, f: &AuditFilter) -> Result<AuditPage, StoreError> {
    let limit = f.limit.unwrap_or(PAGE).clamp(1, MAX_PAGE);
    // Dates compare as text: `at` is `YYYY-MM-DDTHH:MM:SS`.
    let since = f.since.map(|d| d.format("%Y-%m-%d").to_string());
    let until = f.until.and_then(|d| d.succ_opt()).map(|d| d.format("%Y-%m-%d").to_string());
    let sql = format!(
        "SELECT e.id, e.at, e.username, e.action, e.entity, e.entity_id, p.id, p.name, CASE WHEN json_valid(e.details) THEN json_remove(e.details, '$.{digest}') ELSE e.details END
         FROM audit_events e
         LEFT JOIN persons p ON p.id = {PERSON}
         WHERE (?1 IS NULL OR (e.entity = 'person' AND e.entity_id = ?1) OR (e.entity <> 'person' AND json_valid(e.details) AND json_extract(e.details, '$.person') = ?1))
           AND (?2 IS NULL OR e.username = ?2)
           AND (?3 IS NULL OR e.at >= ?3)
           AND (?4 IS NULL OR e.at < ?4)
           AND (?5 IS NULL OR e.id < ?5)
         ORDER BY e.id DESC
         LIMIT ?6",
        digest = super::ROWS,
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut entries = stmt
        .query_map(params![f.person, f.user, since, until, f.before, i64::from(limit) + 1], |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                user: r.get(2)?,
                action: r.get(3)?,
                entity: r.get(4)?,
                entity_id: r.get(5)?,
                person: r.get(6)?,
                person_name: r.get(7)?,
                details: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = entries.len() > limit as usize;
    entries.truncate(limit as usize);
    Ok(AuditPage { entries, more })
}

/// When `user` last logged `action` on `entity_id`, if ever.
pub(crate) fn last_logged(conn: &Connection, user: &str, action: &str, entity_id: i64) -> Result<Option<String>, StoreError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT at FROM audit_events WHERE username = ?1 AND action = ?2 AND entity_id = ?3 ORDER BY id DESC LIMIT 1",
            params![user, action, entity_id],
            |r| r.get(0),
        )
        .optional()?)
}
