//! Groups, persons, memberships and guardians.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{date_col, now_string, StoreError};
use crate::domain::names::fold;
use crate::domain::person::{normalise_name, Group, Guardian, Membership, Person, PersonKind, PersonSummary};

pub fn group_by_name(conn: &Connection, name: &str) -> Result<Option<(i64, String)>, StoreError> {
    Ok(super::row(conn, "SELECT id, name FROM org_groups WHERE name_key = ?1", [normalise_name(name)], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
}

pub fn insert_group(conn: &Connection, name: &str) -> Result<i64, StoreError> {
    conn.execute("INSERT INTO org_groups (name, name_key, created_at) VALUES (?1, ?2, ?3)", params![name, normalise_name(name), now_string()])?;
    Ok(conn.last_insert_rowid())
}

/// Groups with the number of current members on `on`.
pub fn groups(conn: &Connection, on: NaiveDate) -> Result<Vec<Group>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT g.id, g.name,
                (SELECT COUNT(DISTINCT m.person_id) FROM memberships m
                  WHERE m.group_id = g.id AND m.from_date <= ?1 AND (m.to_date IS NULL OR m.to_date >= ?1))
           FROM org_groups g ORDER BY g.name_key",
    )?;
    let rows = stmt.query_map([on.to_string()], |r| Ok(Group { id: r.get(0)?, name: r.get(1)?, members: r.get(2)? }))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub struct NewPersonRow<'a> {
    pub kind: PersonKind,
    pub name: &'a str,
    pub birth_date: Option<NaiveDate>,
    pub leave_date: Option<NaiveDate>,
    pub external_id: Option<&'a str>,
}

/// The key a roster row without a number is matched on.
pub fn roster_key(name: &str, birth: Option<NaiveDate>) -> String {
    format!("{}|{}", normalise_name(name), birth.map(|d| d.to_string()).unwrap_or_default())
}

pub fn insert_person(conn: &Connection, p: &NewPersonRow) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO persons (id, kind, name, birth_date, leave_date, external_id, roster_key, created_at)
         VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            p.kind.as_str(),
            p.name,
            p.birth_date.map(|d| d.to_string()),
            p.leave_date.map(|d| d.to_string()),
            p.external_id,
            roster_key(p.name, p.birth_date),
            now_string(),
            super::retention::next_id(conn, "persons")?
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update_person(conn: &Connection, id: i64, p: &NewPersonRow) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE persons SET kind = ?2, name = ?3, birth_date = ?4, leave_date = ?5, external_id = ?6, roster_key = ?7 WHERE id = ?1",
        params![
            id,
            p.kind.as_str(),
            p.name,
            p.birth_date.map(|d| d.to_string()),
            p.leave_date.map(|d| d.to_string()),
            p.external_id,
            roster_key(p.name, p.birth_date)
        ],
    )?;
    Ok(())
}

pub fn set_leave_date(conn: &Connection, id: i64, leave: NaiveDate) -> Result<(), StoreError> {
    conn.execute("UPDATE persons SET leave_date = ?2 WHERE id = ?1", params![id, leave.to_string()])?;
    // Memberships end on the leave date at the latest.
    conn.execute(
        "UPDATE memberships SET to_date = ?2 WHERE person_id = ?1 AND (to_date IS NULL OR to_date > ?2) AND from_date <= ?2",
        params![id, leave.to_string()],
    )?;
    Ok(())
}

pub fn add_membership(conn: &Connection, person: i64, group: i64, from: NaiveDate) -> Result<(), StoreError> {
    conn.execute("INSERT INTO memberships (person_id, group_id, from_date) VALUES (?1, ?2, ?3)", params![person, group, from.to_string()])?;
    Ok(())
}

/// From day `on`, `person` is in exactly the groups `want` (the day before
/// stays as it was). Correct for any number of changes on one day: a
/// membership that began on `on` and is no longer wanted never took effect
/// and goes; one that a change earlier that day ended is taken up again.
/// Returns whether anything changed.
pub fn set_groups_from(conn: &Connection, person: i64, want: &[i64], on: NaiveDate) -> Result<bool, StoreError> {
    let day = on.to_string();
    let before = on.pred_opt().unwrap_or(on).to_string();
    let mut stmt =
        conn.prepare_cached("SELECT id, group_id, from_date, to_date FROM memberships WHERE person_id = ?1 AND (to_date IS NULL OR to_date >= ?2)")?;
    let rows: Vec<(i64, i64, String, Option<String>)> =
        stmt.query_map(params![person, before], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
    let mut changed = false;
    let mut open_groups = Vec::new();
    // Memberships that hold on `on` first: keep the wanted ones, end the rest.
    for (id, group, from, to) in &rows {
        if to.as_deref().is_some_and(|t| t < day.as_str()) {
            continue;
        }
        if want.contains(group) {
            open_groups.push(*group);
        } else if from.as_str() >= day.as_str() {
            conn.execute("DELETE FROM memberships WHERE id = ?1", [id])?;
            changed = true;
        } else {
            conn.execute("UPDATE memberships SET to_date = ?2 WHERE id = ?1", params![id, before])?;
            changed = true;
        }
    }
    // Then those a change earlier today ended (they end the day before): wanted again, taken up again.
    for (id, group, _, to) in &rows {
        if to.as_deref() == Some(before.as_str()) && want.contains(group) && !open_groups.contains(group) {
            conn.execute("UPDATE memberships SET to_date = NULL WHERE id = ?1", [id])?;
            open_groups.push(*group);
            changed = true;
        }
    }
    for g in want {
        if !open_groups.contains(g) {
            add_membership(conn, person, *g, on)?;
            open_groups.push(*g);
            changed = true;
        }
    }
    Ok(changed)
}

/// Ids of groups `person` is in on `on`.
pub fn current_group_ids(conn: &Connection, person: i64, on: NaiveDate) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT group_id FROM memberships WHERE person_id = ?1 AND from_date <= ?2 AND (to_date IS NULL OR to_date >= ?2) ORDER BY group_id",
    )?;
    let rows = stmt.query_map(params![person, on.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn guardian_find_or_create(conn: &Connection, name: &str) -> Result<i64, StoreError> {
    let key = normalise_name(name);
    if let Some(id) = super::row(conn, "SELECT id FROM guardians WHERE name_key = ?1 ORDER BY id LIMIT 1", [&key], |r| r.get(0)).optional()? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO guardians (id, name, name_key, created_at) VALUES (?4, ?1, ?2, ?3)",
        params![name, key, now_string(), super::retention::next_id(conn, "guardians")?],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Link a guardian; false when already linked.
pub fn link_guardian(conn: &Connection, child: i64, guardian: i64) -> Result<bool, StoreError> {
    let n = conn.execute("INSERT OR IGNORE INTO child_guardians (child_id, guardian_id) VALUES (?1, ?2)", params![child, guardian])?;
    Ok(n > 0)
}

fn kind_col(s: String) -> Result<PersonKind, StoreError> {
    PersonKind::parse(&s).ok_or_else(|| StoreError::Decode(format!("kind {s}")))
}

pub fn person(conn: &Connection, id: i64) -> Result<Option<Person>, StoreError> {
    let row = super::row(conn, "SELECT id, name, kind, birth_date, leave_date, external_id FROM persons WHERE id = ?1", [id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })
    .optional()?;
    let Some((id, name, kind, birth, leave, external_id)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT g.name, m.from_date, m.to_date FROM memberships m JOIN org_groups g ON g.id = m.group_id
          WHERE m.person_id = ?1 ORDER BY m.from_date, g.name_key",
    )?;
    let memberships = stmt
        .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
        .map(|row| {
            let (group, from, to) = row?;
            Ok(Membership { group, from: date_col(Some(from))?.unwrap_or(NaiveDate::MIN), to: date_col(to)? })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT g.id, g.name FROM child_guardians cg JOIN guardians g ON g.id = cg.guardian_id WHERE cg.child_id = ?1 ORDER BY g.id")?;
    let guardians = stmt.query_map([id], |r| Ok(Guardian { id: r.get(0)?, name: r.get(1)? }))?.collect::<Result<_, _>>()?;
    Ok(Some(Person { id, name, kind: kind_col(kind)?, birth_date: date_col(birth)?, leave_date: date_col(leave)?, external_id, memberships, guardians }))
}

pub fn by_external_id(conn: &Connection, external_id: &str) -> Result<Option<i64>, StoreError> {
    Ok(super::row(conn, "SELECT id FROM persons WHERE external_id = ?1", [external_id], |r| r.get(0)).optional()?)
}

pub fn by_roster_key(conn: &Connection, key: &str) -> Result<Option<i64>, StoreError> {
    Ok(super::row(conn, "SELECT id FROM persons WHERE roster_key = ?1 ORDER BY id LIMIT 1", [key], |r| r.get(0)).optional()?)
}

pub struct PeopleQuery<'a> {
    pub group: Option<i64>,
    pub search: Option<&'a str>,
    pub include_left: bool,
    pub on: NaiveDate,
    /// A teacher's: the people of their groups and staff.
    pub scope: Option<&'a super::scope::Visibility>,
}

pub fn list(conn: &Connection, q: &PeopleQuery) -> Result<Vec<PersonSummary>, StoreError> {
    let on = q.on.to_string();
    // Searching in Rust: SQLite's lower() only knows ASCII, and names have ë, ç, …
    // A search finds a person by name, pupil number or a guardian's name,
    // without accents or capitals mattering ("zoe" finds Zoë).
    let needle = q.search.map(|s| fold(&normalise_name(s))).filter(|s| !s.is_empty());
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.name, p.kind, p.birth_date, p.leave_date,
                (SELECT group_concat(name, char(31)) FROM (
                    SELECT DISTINCT g.name FROM memberships m JOIN org_groups g ON g.id = m.group_id
                     WHERE m.person_id = p.id AND m.from_date <= ?1 AND (m.to_date IS NULL OR m.to_date >= ?1)
                     ORDER BY g.name_key)),
                p.external_id,
                (SELECT group_concat(gu.name, char(31)) FROM child_guardians cg JOIN guardians gu ON gu.id = cg.guardian_id WHERE cg.child_id = p.id)
           FROM persons p
          WHERE (?2 IS NULL OR EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = p.id AND m.group_id = ?2
                                         AND m.from_date <= ?1 AND (m.to_date IS NULL OR m.to_date >= ?1)))
            AND (?3 = 1 OR p.leave_date IS NULL OR p.leave_date >= ?1)
            AND {visible}
          ORDER BY p.name COLLATE dutch_name, p.id",
        visible = super::scope::person_condition(q.scope, "p.id")
    ))?;
    let rows = stmt.query_map(params![on, q.group, q.include_left as i64], |r| {
        Ok((
            (r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get::<_, Option<String>>(5)?),
            (r.get::<_, Option<String>>(6)?, r.get::<_, Option<String>>(7)?),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((id, name, kind, birth, leave, groups), (number, guardians)) = row?;
        if let Some(n) = &needle {
            let found = |text: &str| fold(&normalise_name(text)).contains(n.as_str());
            if !found(&name) && !number.as_deref().is_some_and(found) && !guardians.as_deref().is_some_and(|g| g.split('\u{1f}').any(found)) {
                continue;
            }
        }
        out.push(PersonSummary {
            id,
            name,
            kind: kind_col(kind)?,
            birth_date: date_col(birth)?,
            leave_date: date_col(leave)?,
            groups: groups.map(|g| g.split('\u{1f}').map(str::to_string).collect()).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Ids of everyone whose leave date lies in `from..=to`, by name.
pub fn leavers(c: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<i64>, StoreError> {
    let mut stmt = c.prepare_cached("SELECT id FROM persons WHERE leave_date BETWEEN ?1 AND ?2 ORDER BY name COLLATE dutch_name, id")?;
    let ids = stmt.query_map([from.to_string(), to.to_string()], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}
