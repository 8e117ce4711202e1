//! What the home screen ("Vandaag") counts that no other screen keeps:
//! forms handed out and not returned, and withdrawals a teacher registered
//! that the office has not confirmed yet.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::{date_col, now_string, StoreError};
pub use crate::domain::home::{FormOut, WithdrawalToConfirm};

/// The audit action that marks a teacher's withdrawal as seen by the office.
pub const WITHDRAWAL_CONFIRMED: &str = "consent.withdrawal_confirmed";

/// Note that `form` was handed out to each of `people` on `on`.
pub fn hand_out(c: &Connection, people: &[i64], form: i64, on: NaiveDate, by: Option<i64>) -> Result<(), StoreError> {
    let mut stmt = c.prepare_cached("INSERT INTO form_handouts (person_id, form_id, handed_out_on, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let at = now_string();
    for p in people {
        stmt.execute(params![p, form, on.to_string(), by, at])?;
    }
    Ok(())
}

/// Every form out and not back on `on`, oldest hand-out first. A voided
/// answer does not count as returned; someone who left is no longer waited for.
pub fn outstanding(c: &Connection, on: NaiveDate) -> Result<Vec<FormOut>, StoreError> {
    let mut stmt = c.prepare_cached(
        "WITH latest AS (SELECT person_id, form_id, MAX(handed_out_on) AS out_on FROM form_handouts GROUP BY person_id, form_id)
         SELECT l.person_id, p.name, l.form_id, f.name, l.out_on
           FROM latest l JOIN persons p ON p.id = l.person_id JOIN form_templates f ON f.id = l.form_id
          WHERE (p.leave_date IS NULL OR p.leave_date >= ?1)
            AND NOT EXISTS (
                SELECT 1 FROM consent_events e JOIN form_versions v ON v.id = e.form_version_id
                 WHERE e.person_id = l.person_id AND v.template_id = l.form_id AND e.kind = 'record' AND e.given_on >= l.out_on
                   AND NOT EXISTS (SELECT 1 FROM consent_events x WHERE x.voids_event_id = e.id))
          ORDER BY l.out_on, p.name COLLATE dutch_name, l.person_id",
    )?;
    let rows = stmt.query_map([on.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (person, name, form, form_name, day) = row?;
        let handed_out_on = date_col(Some(day))?.ok_or_else(|| StoreError::Decode(format!("hand-out of person {person} has no date")))?;
        out.push(FormOut { person, name, form, form_name, handed_out_on });
    }
    Ok(out)
}

/// Withdrawals entered by a teacher's account, not voided and not
/// confirmed, oldest first.
pub fn withdrawals_to_confirm(c: &Connection) -> Result<Vec<WithdrawalToConfirm>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT e.id, e.person_id, p.name, e.given_on, e.given_by_name, u.username
           FROM consent_events e JOIN users u ON u.id = e.entered_by JOIN persons p ON p.id = e.person_id
          WHERE e.kind = 'withdraw' AND u.role = 'teacher'
            AND NOT EXISTS (SELECT 1 FROM consent_events x WHERE x.voids_event_id = e.id)
            AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.action = ?1 AND a.entity = 'consent_event' AND a.entity_id = e.id)
          ORDER BY e.id",
    )?;
    let rows = stmt.query_map([WITHDRAWAL_CONFIRMED], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?))
    })?;
    let mut items = c.prepare_cached("SELECT item FROM consent_answers WHERE event_id = ?1 ORDER BY item")?;
    let mut out = Vec::new();
    for row in rows {
        let (event, person, name, day, given_by, teacher) = row?;
        let given_on = date_col(Some(day))?.ok_or_else(|| StoreError::Decode(format!("consent event {event} has no date")))?;
        let items = items.query_map([event], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        out.push(WithdrawalToConfirm { event, person, name, given_on, given_by, teacher, items });
    }
    Ok(out)
}
