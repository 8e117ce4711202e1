//! Detected faces, the scans that found them, and the face settings.

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_string, StoreError};
use crate::domain::photo::{Embedding, FaceState, FoundFace, PhotoBox};

/// A face nobody reviewed yet (as an SQL condition on `photo_faces f`).
pub const OPEN: &str = "f.tag_id IS NULL AND f.dismissed IS NULL";

/// A face found again by a new scan is the same face when the boxes
/// overlap this much: it keeps its number and its review.
const SAME_FACE: f64 = 0.5;

/// A box someone drew and a detected face are the same face above this
/// overlap (drawn boxes are looser than the detector's).
const BOX_ON_FACE: f64 = 0.3;

/// One face as stored, with the tag it became and the person of that tag.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceRow {
    pub id: i64,
    pub n: u32,
    pub area: PhotoBox,
    pub score: f32,
    pub tag: Option<i64>,
    pub person: Option<i64>,
    pub person_name: Option<String>,
    pub dismissed: Option<String>,
}

impl FaceRow {
    pub fn state(&self) -> FaceState {
        match (&self.dismissed, self.tag, self.person) {
            (Some(_), _, _) => FaceState::Dismissed,
            (None, Some(_), Some(_)) => FaceState::Named,
            (None, Some(_), None) => FaceState::Unknown,
            (None, None, _) => FaceState::Suggested,
        }
    }
}

const FACE_COLS: &str = "f.id, f.n, f.box_x, f.box_y, f.box_w, f.box_h, f.score, f.tag_id, t.person_id, p.name, f.dismissed
    FROM photo_faces f LEFT JOIN photo_tags t ON t.id = f.tag_id LEFT JOIN persons p ON p.id = t.person_id";

fn face_row(r: &rusqlite::Row) -> rusqlite::Result<FaceRow> {
    Ok(FaceRow {
        id: r.get(0)?,
        n: r.get(1)?,
        area: PhotoBox { x: r.get(2)?, y: r.get(3)?, w: r.get(4)?, h: r.get(5)? },
        score: r.get::<_, f64>(6)? as f32,
        tag: r.get(7)?,
        person: r.get(8)?,
        person_name: r.get(9)?,
        dismissed: r.get(10)?,
    })
}

/// Every face on a photo, by number.
pub fn faces(c: &Connection, photo: i64) -> Result<Vec<FaceRow>, StoreError> {
    let mut stmt = c.prepare_cached(&format!("SELECT {FACE_COLS} WHERE f.photo_id = ?1 ORDER BY f.n"))?;
    let rows = stmt.query_map([photo], face_row)?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub fn face(c: &Connection, photo: i64, n: u32) -> Result<Option<FaceRow>, StoreError> {
    Ok(super::row(c, &format!("SELECT {FACE_COLS} WHERE f.photo_id = ?1 AND f.n = ?2"), params![photo, n], face_row).optional()?)
}

/// Whether the detector has looked at this photo.
pub fn scanned(c: &Connection, photo: i64) -> Result<bool, StoreError> {
    Ok(super::row(c, "SELECT EXISTS (SELECT 1 FROM face_scans WHERE photo_id = ?1)", [photo], |r| r.get(0))?)
}

/// A photo still to scan: the detector has not looked at it, or (with
/// `?2` naming the recognition model) its faces are not yet described.
const WAITING: &str = "(NOT EXISTS (SELECT 1 FROM face_scans s WHERE s.photo_id = p.id)
     OR (?2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM face_descriptions d WHERE d.photo_id = p.id AND d.model = ?2)))";

/// Photos to scan, oldest first, within what `scope` sees: those waiting
/// (see [`WAITING`]; `describe` names the model when suggestions are on), or all.
pub fn to_scan(c: &Connection, all: bool, describe: Option<&str>, scope: Option<&super::scope::Visibility>) -> Result<Vec<i64>, StoreError> {
    let sql = format!("SELECT p.id FROM photos p WHERE (?1 OR {WAITING}) AND {} ORDER BY p.id", super::scope::photo_condition(scope, "p.id"));
    let mut stmt = c.prepare_cached(&sql)?;
    let ids = stmt.query_map(params![all, describe], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}

/// What one scan changed on a photo.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanChange {
    /// Faces on the photo after the scan.
    pub faces: u32,
    /// Faces linked at once to a box someone had drawn on the same face.
    pub linked: u32,
}

/// Record what the detector found on a photo. Reviewed faces stay as they
/// are; an unreviewed face found again keeps its number; unreviewed faces
/// not found again go; a new face that lies on a box someone drew is
/// linked to that box's tag at once. With `described` (the recognition
/// model), the faces' descriptors are stored and the photo counts as described.
pub fn record_scan(c: &Connection, photo: i64, detector: &str, found: &[FoundFace], described: Option<&str>, user: i64) -> Result<ScanChange, StoreError> {
    // Suggestions switched off while the scan ran: keep nothing it described.
    let described = match described {
        Some(model) if suggestions_on(c)? => Some(model),
        _ => None,
    };
    let before = faces(c, photo)?;
    let mut kept: Vec<i64> = Vec::new();
    let mut fresh: Vec<FoundFace> = Vec::new();
    for f in found {
        let same = before.iter().filter(|b| !kept.contains(&b.id)).find(|b| b.area.overlap(f.area) >= SAME_FACE);
        match same {
            // Reviewed: the review stands, box and all.
            Some(b) if b.state() != FaceState::Suggested => kept.push(b.id),
            Some(b) => {
                c.execute(
                    "UPDATE photo_faces SET box_x = ?2, box_y = ?3, box_w = ?4, box_h = ?5, score = ?6, detector = ?7 WHERE id = ?1",
                    params![b.id, f.area.x, f.area.y, f.area.w, f.area.h, f64::from(f.score), detector],
                )?;
                kept.push(b.id);
            }
            None => fresh.push(*f),
        }
        if let (Some(model), Some(b), Some(e)) = (described, same, f.embedding) {
            put_descriptor(c, b.id, model, &e)?;
        }
    }
    for gone in before.iter().filter(|b| b.state() == FaceState::Suggested && !kept.contains(&b.id)) {
        delete_face(c, gone.id)?;
    }
    let first: u32 = super::row(c, "SELECT COALESCE(MAX(n), 0) + 1 FROM photo_faces WHERE photo_id = ?1", [photo], |r| r.get(0))?;
    for (n, f) in (first..).zip(&fresh) {
        c.execute(
            "INSERT INTO photo_faces (photo_id, n, box_x, box_y, box_w, box_h, score, detector) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![photo, n, f.area.x, f.area.y, f.area.w, f.area.h, f64::from(f.score), detector],
        )?;
        if let (Some(model), Some(e)) = (described, f.embedding) {
            put_descriptor(c, c.last_insert_rowid(), model, &e)?;
        }
    }
    if let Some(model) = described {
        c.execute(
            "INSERT INTO face_descriptions (photo_id, model, described_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (photo_id) DO UPDATE SET model = excluded.model, described_at = excluded.described_at",
            params![photo, model, now_string()],
        )?;
    }
    let total: u32 = super::row(c, "SELECT COUNT(*) FROM photo_faces WHERE photo_id = ?1", [photo], |r| r.get(0))?;
    c.execute(
        "INSERT INTO face_scans (photo_id, detector, faces, scanned_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (photo_id) DO UPDATE SET detector = excluded.detector, faces = excluded.faces, scanned_at = excluded.scanned_at",
        params![photo, detector, total, now_string()],
    )?;
    // Boxes drawn before the scan (by hand, or before faces were found at all).
    let mut linked = 0;
    let mut stmt = c.prepare_cached(
        "SELECT t.id, t.box_x, t.box_y, t.box_w, t.box_h FROM photo_tags t
          WHERE t.photo_id = ?1 AND t.box_x IS NOT NULL AND NOT EXISTS (SELECT 1 FROM photo_faces f WHERE f.tag_id = t.id) ORDER BY t.id",
    )?;
    let boxes: Vec<(i64, PhotoBox)> =
        stmt.query_map([photo], |r| Ok((r.get(0)?, PhotoBox { x: r.get(1)?, y: r.get(2)?, w: r.get(3)?, h: r.get(4)? })))?.collect::<Result<_, _>>()?;
    for (tag, area) in boxes {
        if link_best(c, photo, tag, area, user)? {
            linked += 1;
        }
    }
    Ok(ScanChange { faces: total, linked })
}

/// Keep a face's descriptor, unless the face was dismissed or is named as
/// someone excluded from face suggestions.
fn put_descriptor(c: &Connection, face: i64, model: &str, e: &Embedding) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO face_embeddings (face_id, model, vector)
         SELECT f.id, ?2, ?3 FROM photo_faces f WHERE f.id = ?1 AND f.dismissed IS NULL
            AND NOT EXISTS (SELECT 1 FROM photo_tags t JOIN face_exclusions x ON x.person_id = t.person_id WHERE t.id = f.tag_id)
         ON CONFLICT (face_id) DO UPDATE SET model = excluded.model, vector = excluded.vector",
        params![face, model, e.to_bytes()],
    )?;
    Ok(())
}

/// Link the unreviewed face that lies best on `area` to `tag`; false when none does.
fn link_best(c: &Connection, photo: i64, tag: i64, area: PhotoBox, user: i64) -> Result<bool, StoreError> {
    let best = faces(c, photo)?
        .into_iter()
        .filter(|f| f.state() == FaceState::Suggested)
        .map(|f| (f.area.overlap(area), f.id))
        .filter(|(o, _)| *o >= BOX_ON_FACE)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, face)) => {
            link(c, face, tag, user)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

/// A tag's box was set or moved: the face it was linked to (if any) is
/// free again, and the unreviewed face under the new box is linked.
pub fn relink_tag(c: &Connection, photo: i64, tag: i64, area: Option<PhotoBox>, user: i64) -> Result<(), StoreError> {
    c.execute("UPDATE photo_faces SET tag_id = NULL, reviewed_by = NULL, reviewed_at = NULL WHERE tag_id = ?1", [tag])?;
    if let Some(area) = area {
        link_best(c, photo, tag, area, user)?;
    }
    Ok(())
}

/// This face is this tag (named, or marked unknown).
pub fn link(c: &Connection, face: i64, tag: i64, user: i64) -> Result<(), StoreError> {
    c.execute("UPDATE photo_faces SET tag_id = NULL, reviewed_by = NULL, reviewed_at = NULL WHERE tag_id = ?1 AND id <> ?2", params![tag, face])?;
    c.execute(
        "UPDATE photo_faces SET tag_id = ?2, dismissed = NULL, reviewed_by = ?3, reviewed_at = ?4 WHERE id = ?1",
        params![face, tag, user, now_string()],
    )?;
    // Named as someone who objects to face comparison: nothing is kept to compare.
    c.execute(
        "DELETE FROM face_embeddings WHERE face_id = ?1
           AND EXISTS (SELECT 1 FROM photo_tags t JOIN face_exclusions x ON x.person_id = t.person_id WHERE t.id = ?2)",
        params![face, tag],
    )?;
    Ok(())
}

pub fn dismiss(c: &Connection, face: i64, reason: &str, user: i64) -> Result<(), StoreError> {
    c.execute(
        "UPDATE photo_faces SET tag_id = NULL, dismissed = ?2, reviewed_by = ?3, reviewed_at = ?4 WHERE id = ?1",
        params![face, reason, user, now_string()],
    )?;
    // A face that is not one is no one: nothing to compare it with later.
    c.execute("DELETE FROM face_embeddings WHERE face_id = ?1", [face])?;
    Ok(())
}

/// Back to unreviewed (the caller removes a tag it had become).
pub fn reopen(c: &Connection, face: i64) -> Result<(), StoreError> {
    c.execute("UPDATE photo_faces SET tag_id = NULL, dismissed = NULL, reviewed_by = NULL, reviewed_at = NULL WHERE id = ?1", [face])?;
    Ok(())
}

fn delete_face(c: &Connection, face: i64) -> Result<(), StoreError> {
    c.execute("DELETE FROM face_embeddings WHERE face_id = ?1", [face])?;
    c.execute("DELETE FROM photo_faces WHERE id = ?1", [face])?;
    Ok(())
}

/// Everything about faces on a photo that is being removed.
pub fn forget_photo(c: &Connection, photo: i64) -> Result<(), StoreError> {
    c.execute("DELETE FROM face_embeddings WHERE face_id IN (SELECT id FROM photo_faces WHERE photo_id = ?1)", [photo])?;
    c.execute("DELETE FROM photo_faces WHERE photo_id = ?1", [photo])?;
    c.execute("DELETE FROM face_scans WHERE photo_id = ?1", [photo])?;
    c.execute("DELETE FROM face_descriptions WHERE photo_id = ?1", [photo])?;
    Ok(())
}

/// Whether face suggestions are on for the organisation (off until an
/// administrator switches them on).
pub fn suggestions_on(c: &Connection) -> Result<bool, StoreError> {
    Ok(super::row(c, "SELECT suggestions FROM face_settings WHERE id = 1", [], |r| r.get(0)).optional()?.unwrap_or(false))
}

pub fn set_suggestions(c: &Connection, on: bool, user: i64) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO face_settings (id, suggestions, changed_by, changed_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET suggestions = excluded.suggestions, changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        params![on, user, now_string()],
    )?;
    if !on {
        c.execute("DELETE FROM face_embeddings", [])?;
        c.execute("DELETE FROM face_descriptions", [])?;
    }
    Ok(())
}

pub fn excluded(c: &Connection, person: i64) -> Result<bool, StoreError> {
    Ok(super::row(c, "SELECT 1 FROM face_exclusions WHERE person_id = ?1", [person], |_| Ok(())).optional()?.is_some())
}

/// Exclude a person from suggestions (their embeddings go) or include them again.
pub fn set_excluded(c: &Connection, person: i64, exclude: bool, user: i64) -> Result<(), StoreError> {
    if exclude {
        c.execute("INSERT OR IGNORE INTO face_exclusions (person_id, entered_by, entered_at) VALUES (?1, ?2, ?3)", params![person, user, now_string()])?;
        delete_embeddings_of(c, person)?;
    } else if c.execute("DELETE FROM face_exclusions WHERE person_id = ?1", [person])? > 0 {
        // Their faces may be compared again: the next scan describes those photos.
        c.execute(
            "DELETE FROM face_descriptions WHERE photo_id IN
               (SELECT f.photo_id FROM photo_faces f JOIN photo_tags t ON t.id = f.tag_id WHERE t.person_id = ?1)",
            [person],
        )?;
    }
    Ok(())
}

/// The embeddings of every face named as `person`.
pub fn delete_embeddings_of(c: &Connection, person: i64) -> Result<(), StoreError> {
    c.execute(
        "DELETE FROM face_embeddings WHERE face_id IN
           (SELECT f.id FROM photo_faces f JOIN photo_tags t ON t.id = f.tag_id WHERE t.person_id = ?1)",
        [person],
    )?;
    Ok(())
}

/// How many photos were scanned and how many wait (see [`WAITING`]), for
/// the library's status line.
pub fn scan_counts(c: &Connection, describe: Option<&str>) -> Result<(u32, u32), StoreError> {
    Ok(super::row(c, &format!("SELECT (SELECT COUNT(*) FROM face_scans), (SELECT COUNT(*) FROM photos p WHERE {WAITING})"), params![0, describe], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?)
}

/// A face named as someone, described: what a new face is compared with.
#[derive(Debug, Clone)]
pub struct KnownFace {
    pub person: i64,
    pub name: String,
    pub descriptor: Embedding,
}

/// How many of a person's latest named faces a comparison looks at: enough
/// for their looks over the years, and bounded for a large school.
const KNOWN_PER_PERSON: u32 = 20;

/// The described faces named as someone on other photos than `photo`:
/// people `scope` sees and nobody excluded, each person's latest first.
pub fn known_faces(c: &Connection, photo: i64, model: &str, scope: Option<&super::scope::Visibility>) -> Result<Vec<KnownFace>, StoreError> {
    let sql = format!(
        "SELECT person_id, name, vector FROM (
           SELECT t.person_id, p.name, e.vector, ROW_NUMBER() OVER (PARTITION BY t.person_id ORDER BY f.id DESC) AS k
             FROM face_embeddings e JOIN photo_faces f ON f.id = e.face_id
             JOIN photo_tags t ON t.id = f.tag_id JOIN persons p ON p.id = t.person_id
            WHERE e.model = ?2 AND f.photo_id <> ?1 AND f.dismissed IS NULL
              AND NOT EXISTS (SELECT 1 FROM face_exclusions x WHERE x.person_id = t.person_id) AND {})
          WHERE k <= ?3",
        super::scope::person_condition(scope, "t.person_id")
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![photo, model, KNOWN_PER_PERSON], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, Vec<u8>>(2)?)))?;
    let mut known = Vec::new();
    for row in rows {
        let (person, name, bytes) = row?;
        if let Some(descriptor) = Embedding::from_bytes(&bytes) {
            known.push(KnownFace { person, name, descriptor });
        }
    }
    Ok(known)
}

/// The descriptors of the faces on a photo, by face number.
pub fn descriptors_on(c: &Connection, photo: i64, model: &str) -> Result<Vec<(u32, Embedding)>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT f.n, e.vector FROM face_embeddings e JOIN photo_faces f ON f.id = e.face_id WHERE f.photo_id = ?1 AND e.model = ?2 ORDER BY f.n",
    )?;
    let rows = stmt.query_map(params![photo, model], |r| Ok((r.get(0)?, r.get::<_, Vec<u8>>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (n, bytes) = row?;
        if let Some(e) = Embedding::from_bytes(&bytes) {
            out.push((n, e));
        }
    }
    Ok(out)
}

/// On how many other photos than `photo` a face was named as `person`.
pub fn named_photos(c: &Connection, person: i64, photo: i64) -> Result<u32, StoreError> {
    Ok(super::row(
        c,
        "SELECT COUNT(DISTINCT f.photo_id) FROM photo_faces f JOIN photo_tags t ON t.id = f.tag_id WHERE t.person_id = ?1 AND f.photo_id <> ?2",
        params![person, photo],
        |r| r.get(0),
    )?)
}

/// Everyone in a group with someone tagged on the photo (the photo's groups).
pub fn photo_group_members(c: &Connection, photo: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = c.prepare_cached(
        "SELECT DISTINCT m2.person_id FROM photo_tags t JOIN memberships m1 ON m1.person_id = t.person_id
           JOIN memberships m2 ON m2.group_id = m1.group_id WHERE t.photo_id = ?1",
    )?;
    let ids = stmt.query_map([photo], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}
