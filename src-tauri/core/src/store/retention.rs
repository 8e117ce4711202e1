//! Retention in the database: the terms, what a run finds, and the removal
//! itself — the one code path that writes `retention_pass`, the only way
//! past the append-only triggers on consent history.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{date_col, now_string, StoreError};
use crate::domain::person::PersonKind;
use crate::domain::retention::{PurgedPerson, Removed, RetentionSettings};

pub fn settings(c: &Connection) -> Result<RetentionSettings, StoreError> {
    let row = super::row(c, "SELECT photos_years, consent_years, untagged_years FROM retention_settings WHERE id = 1", [], |r| {
        Ok(RetentionSettings { photos_years: r.get(0)?, consent_years: r.get(1)?, untagged_years: r.get(2)? })
    })
    .optional()?;
    Ok(row.unwrap_or_default())
}

pub fn set_settings(c: &Connection, s: &RetentionSettings) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO retention_settings (id, photos_years, consent_years, untagged_years, updated_at) VALUES (1, ?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET photos_years = excluded.photos_years, consent_years = excluded.consent_years,
             untagged_years = excluded.untagged_years, updated_at = excluded.updated_at",
        params![s.photos_years, s.consent_years, s.untagged_years, now_string()],
    )?;
    Ok(())
}

/// When a retention run last removed (or found nothing to remove), local time.
pub fn last_run(c: &Connection) -> Result<Option<String>, StoreError> {
    Ok(super::row(c, "SELECT at FROM audit_events WHERE action = 'retention.run' ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).optional()?)
}

/// A person with a leave date, with what decides whether their data may go.
pub struct Leaver {
    pub id: i64,
    pub name: String,
    pub kind: PersonKind,
    pub leave_date: NaiveDate,
    pub dossier_printed: bool,
    pub dossier_skipped: bool,
}

/// Everyone who left on or before `on`, earliest first.
pub fn leavers(c: &Connection, on: NaiveDate) -> Result<Vec<Leaver>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT p.id, p.name, p.kind, p.leave_date,
                EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'dossier.print' AND a.entity = 'person' AND a.entity_id = p.id),
                EXISTS (SELECT 1 FROM audit_events a WHERE a.action = 'retention.dossier_skipped' AND a.entity = 'person' AND a.entity_id = p.id)
         FROM persons p WHERE p.leave_date IS NOT NULL AND p.leave_date <= ?1 ORDER BY p.leave_date, p.id",
    )?;
    let rows = stmt.query_map([on.to_string()], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, bool>(4)?, r.get::<_, bool>(5)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, kind, leave, printed, skipped) = row?;
        let leave_date = date_col(Some(leave))?.ok_or_else(|| StoreError::Sqlite(format!("person {id} has no leave date")))?;
        let kind = PersonKind::parse(&kind).ok_or_else(|| StoreError::Sqlite(format!("person {id} has kind {kind}")))?;
        out.push(Leaver { id, name, kind, leave_date, dossier_printed: printed, dossier_skipped: skipped });
    }
    Ok(out)
}

/// Publications still online of photos on which `person` is tagged.
pub fn online_publications(c: &Connection, person: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT DISTINCT p.id FROM publications p JOIN photo_tags t ON t.photo_id = p.photo_id
         WHERE t.person_id = ?1 AND NOT EXISTS (SELECT 1 FROM publication_removals r WHERE r.publication_id = p.id)
         ORDER BY p.id",
    )?;
    let ids = stmt.query_map([person], |r| r.get(0))?.collect::<Result<Vec<i64>, _>>()?;
    Ok(ids)
}

/// A photo taken out of the library: its files go once the removal commits.
#[derive(Debug, Clone)]
pub struct PhotoGone {
    pub id: i64,
    pub hash: String,
    pub format: String,
}

/// The files a retention run lets go, removed after its rows committed.
#[derive(Debug, Default)]
pub struct Gone {
    pub photos: Vec<PhotoGone>,
    pub scans: Vec<ScanGone>,
}

/// A kept scan or signature whose last row went: its file goes after the commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanGone {
    pub hash: String,
    pub format: crate::domain::consent::DocFormat,
}

/// Remove one photo and every tag on it (never a published one: callers
/// only pass photos without publications). Returns how many tags went.
pub fn remove_photo(c: &Connection, photo: i64, gone: &mut Vec<PhotoGone>) -> Result<u32, StoreError> {
    let (hash, format): (String, String) = super::row(c, "SELECT hash, format FROM photos WHERE id = ?1", [photo], |r| Ok((r.get(0)?, r.get(1)?)))?;
    super::faces::forget_photo(c, photo)?;
    let tags = c.execute("DELETE FROM photo_tags WHERE photo_id = ?1", [photo])?;
    c.execute("DELETE FROM photos WHERE id = ?1", [photo])?;
    raise_floor(c, "photos", photo)?;
    gone.push(PhotoGone { id: photo, hash, format });
    Ok(u32::try_from(tags).unwrap_or(u32::MAX))
}

/// Let go of `person`'s tags. On a photo never published on which nobody
/// still kept is named, the photo goes with them; on any other photo the tag
/// becomes a box around someone not identified, so the verdict goes on
/// saying that someone unknown is on it (a tag without a box gets the whole
/// photo as its box). Tags on published photos are only let go with
/// `published_too` (when the person's consent data goes).
pub fn release_tags(c: &Connection, person: i64, kept: &dyn Fn(i64) -> bool, published_too: bool, gone: &mut Vec<PhotoGone>) -> Result<Removed, StoreError> {
    let mut removed = Removed::default();
    // Their faces are nobody's now: nothing to compare with any more.
    super::faces::delete_embeddings_of(c, person)?;
    let tags: Vec<(i64, i64, bool, bool, u32, u32)> = {
        let mut stmt = c.prepare_cached(
            "SELECT t.id, t.photo_id, t.box_x IS NOT NULL, EXISTS (SELECT 1 FROM publications p WHERE p.photo_id = t.photo_id), ph.width, ph.height
             FROM photo_tags t JOIN photos ph ON ph.id = t.photo_id WHERE t.person_id = ?1 ORDER BY t.id",
        )?;
        let rows = stmt.query_map([person], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (tag, photo, has_box, published, width, height) in tags {
        if published && !published_too {
            continue;
        }
        if !published && !others_kept(c, photo, person, kept)? {
            removed.tags += remove_photo(c, photo, gone)?;
            removed.photos += 1;
            continue;
        }
        if has_box {
            c.execute("UPDATE photo_tags SET person_id = NULL, highlighted = 0 WHERE id = ?1", [tag])?;
        } else {
            c.execute(
                "UPDATE photo_tags SET person_id = NULL, highlighted = 0, box_x = 0, box_y = 0, box_w = ?2, box_h = ?3 WHERE id = ?1",
                params![tag, width, height],
            )?;
        }
        removed.tags_unnamed += 1;
    }
    Ok(removed)
}

/// Whether someone other than `person` whose data is still kept is named on the photo.
fn others_kept(c: &Connection, photo: i64, person: i64, kept: &dyn Fn(i64) -> bool) -> Result<bool, StoreError> {
    let mut stmt = c.prepare_cached("SELECT person_id FROM photo_tags WHERE photo_id = ?1 AND person_id IS NOT NULL AND person_id <> ?2")?;
    let others = stmt.query_map(params![photo, person], |r| r.get::<_, i64>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(others.into_iter().any(kept))
}

/// Remove a leaver's consent history and record, through the retention
/// pass: their tags (see [`release_tags`]), consent events and answers,
/// group memberships, guardians nobody else has, the link to a staff
/// account, and the person; their number is kept in `purged_persons`.
pub fn purge_person(
    c: &Connection,
    person: i64,
    kind: PersonKind,
    on: NaiveDate,
    rule: &str,
    kept: &dyn Fn(i64) -> bool,
    gone: &mut Gone,
) -> Result<Removed, StoreError> {
    let mut removed = release_tags(c, person, kept, true, &mut gone.photos)?;
    c.execute("INSERT INTO retention_pass (person_id) VALUES (?1)", [person])?;
    let max_event: Option<i64> = super::row(c, "SELECT MAX(id) FROM consent_events WHERE person_id = ?1", [person], |r| r.get(0))?;
    removed.consent_answers = count(c.execute("DELETE FROM consent_answers WHERE event_id IN (SELECT id FROM consent_events WHERE person_id = ?1)", [person])?);
    c.execute("DELETE FROM consent_cosigners WHERE event_id IN (SELECT id FROM consent_events WHERE person_id = ?1)", [person])?;
    let files: Vec<(String, String)> = {
        let mut stmt = c.prepare_cached(
            "SELECT DISTINCT a.sha256, a.format FROM consent_attachments a JOIN consent_events e ON e.id = a.event_id WHERE e.person_id = ?1",
        )?;
        let files = stmt.query_map([person], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        files
    };
    removed.scans = count(c.execute("DELETE FROM consent_attachments WHERE event_id IN (SELECT id FROM consent_events WHERE person_id = ?1)", [person])?);
    for (hash, format) in files {
        // The same paper attached to another person's event (one scan for two siblings) stays.
        let still: bool = super::row(c, "SELECT EXISTS (SELECT 1 FROM consent_attachments WHERE sha256 = ?1)", [&hash], |r| r.get(0))?;
        if let (false, Some(format)) = (still, crate::domain::consent::DocFormat::parse(&format)) {
            gone.scans.push(ScanGone { hash, format });
        }
    }
    // One statement: a void points at an event of the same person, and
    // SQLite checks foreign keys at the end of the statement.
    removed.consent_events = count(c.execute("DELETE FROM consent_events WHERE person_id = ?1", [person])?);
    c.execute("DELETE FROM retention_pass WHERE person_id = ?1", [person])?;
    if let Some(max) = max_event {
        raise_floor(c, "consent_events", max)?;
    }
    removed.memberships = count(c.execute("DELETE FROM memberships WHERE person_id = ?1", [person])?);
    c.execute("DELETE FROM form_handouts WHERE person_id = ?1", [person])?;
    let guardians: Vec<i64> = {
        let mut stmt = c.prepare_cached("SELECT guardian_id FROM child_guardians WHERE child_id = ?1")?;
        let ids = stmt.query_map([person], |r| r.get(0))?.collect::<Result<_, _>>()?;
        ids
    };
    c.execute("DELETE FROM child_guardians WHERE child_id = ?1", [person])?;
    for g in guardians {
        let n = c.execute(
            "DELETE FROM guardians WHERE id = ?1
               AND NOT EXISTS (SELECT 1 FROM child_guardians WHERE guardian_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM consent_events WHERE given_by_guardian_id = ?1)
               AND NOT EXISTS (SELECT 1 FROM consent_cosigners WHERE guardian_id = ?1)",
            [g],
        )?;
        if n > 0 {
            removed.guardians += 1;
            raise_floor(c, "guardians", g)?;
        }
    }
    c.execute("UPDATE users SET person_id = NULL WHERE person_id = ?1", [person])?;
    c.execute("DELETE FROM face_exclusions WHERE person_id = ?1", [person])?;
    c.execute("DELETE FROM persons WHERE id = ?1", [person])?;
    c.execute("INSERT INTO purged_persons (person_id, kind, purged_on, rule) VALUES (?1, ?2, ?3, ?4)", params![person, kind.as_str(), on.to_string(), rule])?;
    raise_floor(c, "persons", person)?;
    removed.person = true;
    Ok(removed)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Photos on which nobody is named and that were never published, with
/// their date (the import date when the photo has none), oldest first.
pub fn unnamed_unpublished_photos(c: &Connection) -> Result<Vec<(i64, String, NaiveDate)>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT ph.id, ph.original_name, COALESCE(ph.taken_on, substr(ph.imported_at, 1, 10)) AS day FROM photos ph
         WHERE NOT EXISTS (SELECT 1 FROM photo_tags t WHERE t.photo_id = ph.id AND t.person_id IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM publications p WHERE p.photo_id = ph.id)
         ORDER BY day, ph.id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, day) = row?;
        let date = date_col(Some(day))?.ok_or_else(|| StoreError::Sqlite(format!("photo {id} has no date")))?;
        out.push((id, name, date));
    }
    Ok(out)
}

/// The person a retention run removed under this number, if any.
pub fn purged(c: &Connection, person: i64) -> Result<Option<PurgedPerson>, StoreError> {
    let row = super::row(c, "SELECT kind, purged_on, rule FROM purged_persons WHERE person_id = ?1", [person], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
    })
    .optional()?;
    let Some((kind, on, rule)) = row else { return Ok(None) };
    let kind = PersonKind::parse(&kind).ok_or_else(|| StoreError::Sqlite(format!("purged person {person} has kind {kind}")))?;
    let purged_on = date_col(Some(on))?.ok_or_else(|| StoreError::Sqlite(format!("purged person {person} has no date")))?;
    Ok(Some(PurgedPerson { person, kind, purged_on, rule }))
}

/// Numbers of removed rows are never given again: new rows of `table` are
/// numbered above its floor.
fn raise_floor(c: &Connection, table: &str, id: i64) -> Result<(), StoreError> {
    c.execute("INSERT INTO id_floors (tbl, floor) VALUES (?1, ?2) ON CONFLICT (tbl) DO UPDATE SET floor = MAX(floor, excluded.floor)", params![table, id])?;
    Ok(())
}

/// The number for a new row of `table` (one of the tables retention removes
/// from): above every row there is and every row removed.
pub(crate) fn next_id(c: &Connection, table: &'static str) -> Result<i64, StoreError> {
    debug_assert!(["persons", "photos", "consent_events", "guardians"].contains(&table));
    let max: i64 = super::row(c, &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"), [], |r| r.get(0))?;
    let floor: i64 = super::row(c, "SELECT COALESCE(MAX(floor), 0) FROM id_floors WHERE tbl = ?1", [table], |r| r.get(0))?;
    Ok(max.max(floor) + 1)
}

/// Persons not to count as kept when deciding whether a photo stays.
pub fn kept_fn(due: &HashSet<i64>) -> impl Fn(i64) -> bool + '_ {
    move |p| !due.contains(&p)
}
