//! Photos, tags and information notices.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{date_col, now_string, StoreError};
pub use crate::domain::photo::{Inspected, NoticeFacts, NoticeRow, Photo, PhotoBox, PhotoSummary, PublicationRow, Tag};

pub fn by_hash(c: &Connection, hash: &str) -> Result<Option<i64>, StoreError> {
    Ok(super::row(c, "SELECT id FROM photos WHERE hash = ?1", [hash], |r| r.get(0)).optional()?)
}

/// The content hash of every photo (for tidying the library after a crash).
pub fn all_hashes(c: &Connection) -> Result<std::collections::HashSet<String>, StoreError> {
    let mut stmt = c.prepare_cached("SELECT hash FROM photos")?;
    let hashes = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(hashes)
}

pub fn insert(c: &Connection, hash: &str, name: &str, i: &Inspected, user: i64) -> Result<i64, StoreError> {
    let (w, h) = i.shown_size();
    c.execute(
        "INSERT INTO photos (id, hash, original_name, format, width, height, orientation, taken_on, imported_by, imported_at)
         VALUES (?10, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![hash, name, i.format, w, h, i.orientation, i.taken_on.map(|d| d.to_string()), user, now_string(), super::retention::next_id(c, "photos")?],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn get(c: &Connection, id: i64) -> Result<Option<Photo>, StoreError> {
    let row = super::row(
        c,
        "SELECT id, hash, original_name, format, width, height, orientation, taken_on, photo_type, posed, imported_at FROM photos WHERE id = ?1",
        [id],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u32>(5)?,
                r.get::<_, u8>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, bool>(9)?,
                r.get::<_, String>(10)?,
            ))
        },
    )
    .optional()?;
    row.map(|(id, hash, original_name, format, width, height, orientation, taken, photo_type, posed, imported_at)| {
        Ok(Photo { id, hash, original_name, format, width, height, orientation, taken_on: date_col(taken)?, photo_type, posed, imported_at })
    })
    .transpose()
}

pub fn set_type_posed(c: &Connection, id: i64, photo_type: Option<&str>, posed: bool) -> Result<(), StoreError> {
    c.execute("UPDATE photos SET photo_type = ?2, posed = ?3 WHERE id = ?1", params![id, photo_type, posed])?;
    Ok(())
}

pub fn tags(c: &Connection, photo: i64) -> Result<Vec<Tag>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT t.id, t.person_id, p.name, t.box_x, t.box_y, t.box_w, t.box_h, t.highlighted
           FROM photo_tags t LEFT JOIN persons p ON p.id = t.person_id WHERE t.photo_id = ?1 ORDER BY t.id",
    )?;
    let rows = stmt.query_map([photo], |r| {
        let area = match (r.get::<_, Option<u32>>(3)?, r.get::<_, Option<u32>>(4)?, r.get::<_, Option<u32>>(5)?, r.get::<_, Option<u32>>(6)?) {
            (Some(x), Some(y), Some(w), Some(h)) => Some(PhotoBox { x, y, w, h }),
            _ => None,
        };
        Ok(Tag { id: r.get(0)?, person: r.get(1)?, person_name: r.get(2)?, area, highlighted: r.get(7)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Tag a person (again): one tag per person per photo, the last word counts.
pub fn upsert_tag(c: &Connection, photo: i64, person: i64, area: Option<PhotoBox>, highlighted: bool) -> Result<i64, StoreError> {
    let (x, y, w, h) = match area {
        Some(b) => (Some(b.x), Some(b.y), Some(b.w), Some(b.h)),
        None => (None, None, None, None),
    };
    let existing: Option<i64> =
        super::row(c, "SELECT id FROM photo_tags WHERE photo_id = ?1 AND person_id = ?2", params![photo, person], |r| r.get(0)).optional()?;
    match existing {
        Some(id) => {
            c.execute(
                "UPDATE photo_tags SET box_x = ?2, box_y = ?3, box_w = ?4, box_h = ?5, highlighted = ?6 WHERE id = ?1",
                params![id, x, y, w, h, highlighted],
            )?;
            Ok(id)
        }
        None => {
            c.execute(
                "INSERT INTO photo_tags (photo_id, person_id, box_x, box_y, box_w, box_h, highlighted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![photo, person, x, y, w, h, highlighted],
            )?;
            Ok(c.last_insert_rowid())
        }
    }
}

pub fn delete_tag(c: &Connection, photo: i64, person: i64) -> Result<bool, StoreError> {
    Ok(c.execute("DELETE FROM photo_tags WHERE photo_id = ?1 AND person_id = ?2", params![photo, person])? > 0)
}

/// A box around someone nobody has identified yet.
pub fn insert_unknown_box(c: &Connection, photo: i64, b: PhotoBox) -> Result<i64, StoreError> {
    c.execute(
        "INSERT INTO photo_tags (photo_id, person_id, box_x, box_y, box_w, box_h, highlighted) VALUES (?1, NULL, ?2, ?3, ?4, ?5, 0)",
        params![photo, b.x, b.y, b.w, b.h],
    )?;
    Ok(c.last_insert_rowid())
}

/// Remove one tag of a photo by its id; false when the photo has no such tag.
pub fn delete_tag_id(c: &Connection, photo: i64, tag: i64) -> Result<bool, StoreError> {
    Ok(c.execute("DELETE FROM photo_tags WHERE photo_id = ?1 AND id = ?2", params![photo, tag])? > 0)
}

pub struct NewNoticeRow<'a> {
    pub text: &'a str,
    pub date: NaiveDate,
    pub all_staff: bool,
    pub groups: &'a [i64],
    pub purposes: &'a [String],
    pub channels: &'a [String],
    pub user: i64,
}

pub fn insert_notice(c: &Connection, n: &NewNoticeRow) -> Result<i64, StoreError> {
    let json = |v: &[String]| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    c.execute(
        "INSERT INTO information_notices (text, given_on, all_staff, purposes, channels, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![n.text, n.date.to_string(), n.all_staff, json(n.purposes), json(n.channels), n.user, now_string()],
    )?;
    let id = c.last_insert_rowid();
    for g in n.groups {
        c.execute("INSERT INTO notice_groups (notice_id, group_id) VALUES (?1, ?2)", params![id, g])?;
    }
    Ok(id)
}

/// Every notice, newest first, with the names of its groups.
pub fn notice_rows(c: &Connection) -> Result<Vec<NoticeRow>, StoreError> {
    let facts = notices(c)?;
    let mut text_stmt = c.prepare_cached("SELECT text FROM information_notices WHERE id = ?1")?;
    let mut name_stmt = c.prepare_cached("SELECT name FROM org_groups WHERE id = ?1")?;
    let mut out = Vec::with_capacity(facts.len());
    for n in facts.into_iter().rev() {
        let text: String = text_stmt.query_row([n.id], |r| r.get(0))?;
        let groups = n.groups.iter().map(|g| name_stmt.query_row([g], |r| r.get(0))).collect::<Result<Vec<String>, _>>()?;
        out.push(NoticeRow { id: n.id, text, date: n.date, all_staff: n.all_staff, groups, purposes: n.purposes, channels: n.channels });
    }
    out.sort_by_key(|n| std::cmp::Reverse((n.date, n.id)));
    Ok(out)
}

pub fn notices(c: &Connection) -> Result<Vec<NoticeFacts>, StoreError> {
    let mut stmt = c.prepare_cached("SELECT id, given_on, all_staff, purposes, channels FROM information_notices ORDER BY id")?;
    let rows: Vec<(i64, String, bool, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<Result<_, _>>()?;
    let mut groups_stmt = c.prepare_cached("SELECT group_id FROM notice_groups WHERE notice_id = ?1 ORDER BY group_id")?;
    rows.into_iter()
        .map(|(id, date, all_staff, purposes, channels)| {
            let decode = |s: &str| serde_json::from_str::<Vec<String>>(s).map_err(|e| StoreError::Decode(format!("notice {id}: {e}")));
            let groups = groups_stmt.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
            Ok(NoticeFacts {
                id,
                date: date_col(Some(date))?.ok_or_else(|| StoreError::Decode(format!("notice {id}: date")))?,
                groups,
                all_staff,
                purposes: decode(&purposes)?,
                channels: decode(&channels)?,
            })
        })
        .collect()
}

pub struct NewPublicationRow<'a> {
    pub photo: i64,
    pub channel: &'a str,
    pub purpose: &'a str,
    pub place: &'a str,
    pub date: NaiveDate,
    pub verdict: &'a str,
    pub user: i64,
}

pub fn insert_publication(c: &Connection, p: &NewPublicationRow) -> Result<i64, StoreError> {
    c.execute(
        "INSERT INTO publications (photo_id, channel, purpose, place, published_on, verdict, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![p.photo, p.channel, p.purpose, p.place, p.date.to_string(), p.verdict, p.user, now_string()],
    )?;
    Ok(c.last_insert_rowid())
}

const PUBLICATION_COLS: &str = "p.id, p.photo_id, p.channel, p.purpose, p.place, p.published_on, p.verdict, r.removed_on
    FROM publications p LEFT JOIN publication_removals r ON r.publication_id = p.id";

/// A publication's columns as read, before dates are parsed.
type PublicationCols = (i64, i64, String, String, String, String, String, Option<String>);

fn publication_row(r: &rusqlite::Row) -> rusqlite::Result<PublicationCols> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
}

fn to_publication((id, photo, channel, purpose, place, on, verdict, removed): PublicationCols) -> Result<PublicationRow, StoreError> {
    Ok(PublicationRow {
        id,
        photo,
        channel,
        purpose,
        place,
        published_on: date_col(Some(on))?.ok_or_else(|| StoreError::Decode(format!("publication {id}")))?,
        verdict,
        removed_on: date_col(removed)?,
    })
}

pub fn publication(c: &Connection, id: i64) -> Result<Option<PublicationRow>, StoreError> {
    super::row(c, &format!("SELECT {PUBLICATION_COLS} WHERE p.id = ?1"), [id], publication_row).optional()?.map(to_publication).transpose()
}

/// Publications made on or before `at` and not taken down by then.
pub fn online(c: &Connection, at: NaiveDate, scope: Option<&super::scope::Visibility>) -> Result<Vec<PublicationRow>, StoreError> {
    let visible = super::scope::photo_condition(scope, "p.photo_id");
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {PUBLICATION_COLS} WHERE p.published_on <= ?1 AND (r.removed_on IS NULL OR r.removed_on > ?1) AND {visible} ORDER BY p.id"
    ))?;
    let rows: Vec<_> = stmt.query_map([at.to_string()], publication_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(to_publication).collect()
}

/// Every publication of one photo, oldest first.
pub fn publications_of(c: &Connection, photo: i64) -> Result<Vec<PublicationRow>, StoreError> {
    let mut stmt = c.prepare_cached(&format!("SELECT {PUBLICATION_COLS} WHERE p.photo_id = ?1 ORDER BY p.published_on, p.id"))?;
    let rows: Vec<_> = stmt.query_map([photo], publication_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(to_publication).collect()
}

/// Every publication whose recorded verdict has a line for `person`, oldest
/// first: who was on it when it was checked, not who is tagged today.
pub fn publications_of_person(c: &Connection, person: i64) -> Result<Vec<PublicationRow>, StoreError> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {PUBLICATION_COLS} WHERE EXISTS (SELECT 1 FROM json_each(p.verdict, '$.people') j WHERE json_extract(j.value, '$.person') = ?1)
         ORDER BY p.published_on, p.id"
    ))?;
    let rows: Vec<_> = stmt.query_map([person], publication_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(to_publication).collect()
}

/// [`publications_of_person`] for everyone at once, by person: each
/// recorded verdict is read once instead of once per person (a year-end
/// batch of 300 dossiers read 3 000 verdicts 300 times).
pub fn publications_by_person(c: &Connection) -> Result<HashMap<i64, Vec<PublicationRow>>, StoreError> {
    #[derive(serde::Deserialize)]
    struct Line {
        person: Option<i64>,
    }
    #[derive(serde::Deserialize)]
    struct Lines {
        people: Vec<Line>,
    }
    let mut stmt = c.prepare_cached(&format!("SELECT {PUBLICATION_COLS} ORDER BY p.published_on, p.id"))?;
    let rows: Vec<_> = stmt.query_map([], publication_row)?.collect::<Result<_, _>>()?;
    let mut out: HashMap<i64, Vec<PublicationRow>> = HashMap::new();
    for row in rows {
        let p = to_publication(row)?;
        let lines: Lines = serde_json::from_str(&p.verdict).map_err(|e| StoreError::Decode(format!("publication {}: {e}", p.id)))?;
        let mut people: Vec<i64> = lines.people.into_iter().filter_map(|l| l.person).collect();
        people.sort_unstable();
        people.dedup();
        for person in people {
            out.entry(person).or_default().push(p.clone());
        }
    }
    Ok(out)
}

/// Ids of the photos on which `person` is tagged, oldest first.
pub fn photos_of_person(c: &Connection, person: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT t.photo_id FROM photo_tags t JOIN photos p ON p.id = t.photo_id WHERE t.person_id = ?1 ORDER BY COALESCE(p.taken_on, p.imported_at), p.id",
    )?;
    let ids = stmt.query_map([person], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// The original file name of a photo.
pub fn photo_name(c: &Connection, id: i64) -> Result<Option<String>, StoreError> {
    Ok(super::row(c, "SELECT original_name FROM photos WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

pub fn insert_removal(c: &Connection, id: i64, date: NaiveDate, user: i64) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO publication_removals (publication_id, removed_on, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, date.to_string(), user, now_string()],
    )?;
    Ok(())
}

pub struct PhotoQuery {
    pub group: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Type not set or nobody tagged yet.
    pub unchecked: bool,
    /// Has a box without a person.
    pub untagged: bool,
    /// Only photos this person is tagged on.
    pub person: Option<i64>,
    pub offset: u32,
    pub limit: u32,
    /// A teacher's: only photos with nobody of other groups on them, or their own imports.
    pub scope: Option<super::scope::Visibility>,
}

/// The date a photo counts on: when it was taken, else when it was imported.
const PHOTO_DATE: &str = "COALESCE(p.taken_on, substr(p.imported_at, 1, 10))";

fn photo_where(scope: Option<&super::scope::Visibility>) -> String {
    format!(
        // The group test is not correlated with `p`, so SQLite builds its set once
        // from the group's memberships instead of probing per photo.
        "WHERE (?1 IS NULL OR p.id IN (SELECT t.photo_id FROM memberships m
                 JOIN photo_tags t ON t.person_id = m.person_id
                 JOIN photos q ON q.id = t.photo_id
                 WHERE m.group_id = ?1 AND m.from_date <= {dq} AND (m.to_date IS NULL OR m.to_date >= {dq})))
           AND (?2 IS NULL OR {d} >= ?2)
           AND (?3 IS NULL OR {d} <= ?3)
           AND (?4 = 0 OR p.photo_type IS NULL OR NOT EXISTS (SELECT 1 FROM photo_tags t WHERE t.photo_id = p.id)
                OR EXISTS (SELECT 1 FROM photo_faces f WHERE f.photo_id = p.id AND {open}))
           AND (?5 = 0 OR EXISTS (SELECT 1 FROM photo_tags t WHERE t.photo_id = p.id AND t.person_id IS NULL)
                OR EXISTS (SELECT 1 FROM photo_faces f WHERE f.photo_id = p.id AND {open}))
           AND (?6 IS NULL OR EXISTS (SELECT 1 FROM photo_tags t WHERE t.photo_id = p.id AND t.person_id = ?6))
           AND {visible}",
        d = PHOTO_DATE,
        open = super::faces::OPEN,
        dq = PHOTO_DATE.replace("p.", "q."),
        visible = super::scope::photo_condition(scope, "p.id")
    )
}

/// One page of photos, newest first, and how many match in all.
pub fn list(c: &Connection, q: &PhotoQuery) -> Result<(u32, Vec<PhotoSummary>), StoreError> {
    let filter = params![q.group, q.from.map(|d| d.to_string()), q.to.map(|d| d.to_string()), q.unchecked, q.untagged, q.person];
    let total: u32 = super::row(c, &format!("SELECT COUNT(*) FROM photos p {}", photo_where(q.scope.as_ref())), filter, |r| r.get(0))?;
    let sql = format!(
        "SELECT p.id, p.hash, p.original_name, {d}, p.photo_type, p.posed,
                (SELECT COUNT(*) FROM photo_tags t WHERE t.photo_id = p.id),
                (SELECT COUNT(*) FROM photo_tags t WHERE t.photo_id = p.id AND t.person_id IS NULL),
                (SELECT COUNT(*) FROM photo_faces f WHERE f.photo_id = p.id AND {open}),
                EXISTS (SELECT 1 FROM face_scans s WHERE s.photo_id = p.id)
           FROM photos p {w} ORDER BY {d} DESC, p.id DESC LIMIT ?7 OFFSET ?8",
        d = PHOTO_DATE,
        open = super::faces::OPEN,
        w = photo_where(q.scope.as_ref())
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map(
        params![q.group, q.from.map(|d| d.to_string()), q.to.map(|d| d.to_string()), q.unchecked, q.untagged, q.person, q.limit, q.offset],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, bool>(5)?,
                r.get::<_, u32>(6)?,
                r.get::<_, u32>(7)?,
                r.get::<_, u32>(8)?,
                r.get::<_, bool>(9)?,
            ))
        },
    )?;
    // Who is on each photo and where it is online, so a cell can say so
    // without opening the photo: two indexed lookups per photo of the page.
    let mut names = c.prepare_cached(
        "SELECT pe.name FROM photo_tags t JOIN persons pe ON pe.id = t.person_id
          WHERE t.photo_id = ?1 ORDER BY pe.name COLLATE dutch_name, pe.id",
    )?;
    let mut online = c.prepare_cached(
        "SELECT DISTINCT pu.channel FROM publications pu
          WHERE pu.photo_id = ?1 AND NOT EXISTS (SELECT 1 FROM publication_removals r WHERE r.publication_id = pu.id)
          ORDER BY pu.channel",
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, hash, name, date, photo_type, posed, tags, unknown_boxes, faces, scanned) = row?;
        let date = date_col(Some(date))?.ok_or_else(|| StoreError::Decode(format!("photo {id} date")))?;
        let unchecked = photo_type.is_none() || tags == 0 || faces > 0;
        let people = names.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        let published = online.query_map([id], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        out.push(PhotoSummary { id, hash, name, date, photo_type, posed, tags, unknown_boxes, faces, scanned, unchecked, people, published });
    }
    Ok((total, out))
}
