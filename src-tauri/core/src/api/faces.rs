//! Faces on photos: finding them (at import, or a scan of the library), the
//! review of each face (name it, mark it unknown, dismiss it with a reason,
//! reopen it), and the organisation's choice on face suggestions.
//!
//! A face nobody reviewed counts as an unidentified person in every verdict
//! (`decision::verdict`); this module only records what people decide.

use std::collections::HashSet;
use std::sync::atomic::AtomicBool;

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::users::Scope;
use super::{parallel, Beeldakkoord};
use crate::auth::{Action, Session};
use crate::domain::photo::{Face, FaceState, FaceSuggestion, Photo};
use crate::domain::text::{clean, Field};
use crate::error::{Error, FaceError, Result};
use crate::photos::faces::{self, FoundFace, RECOGNISABLE_PX};
use crate::photos::recognition;
use crate::store::{self, faces::FaceRow};

/// Why a face is dismissed. The window offers the first three; anything
/// else is written down as given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "text")]
pub enum Dismissal {
    /// A poster, a drawing, a statue, or nothing at all.
    NotAFace,
    /// Seen from behind, turned away, hidden or blurred.
    NotRecognisable,
    /// Under [`RECOGNISABLE_PX`] pixels high in the full photo.
    TooSmall,
    Other(String),
}

impl Dismissal {
    /// The CLI's `--reason`: one of the keys, or words of one's own.
    pub fn parse(reason: Option<&str>) -> Dismissal {
        match reason.map(str::trim) {
            None | Some("") | Some("not-a-face") => Dismissal::NotAFace,
            Some("not-recognisable") => Dismissal::NotRecognisable,
            Some("too-small") => Dismissal::TooSmall,
            Some(other) => Dismissal::Other(other.to_string()),
        }
    }

    /// As kept on the face: the key, or the words.
    fn stored(&self) -> Result<String> {
        Ok(match self {
            Dismissal::NotAFace => "not-a-face".into(),
            Dismissal::NotRecognisable => "not-recognisable".into(),
            Dismissal::TooSmall => "too-small".into(),
            Dismissal::Other(text) => {
                let text = clean(Field::Reason, text)?;
                if text.is_empty() {
                    "not-a-face".into()
                } else {
                    text
                }
            }
        })
    }
}

/// Which photos a scan looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ScanWhich {
    /// Photos never scanned (after an upgrade, or imported in the window).
    New,
    /// Every photo again (reviewed faces stay as they are).
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ScanProgress {
    pub done: u32,
    pub total: u32,
    /// The photo scanned last.
    pub photo: Option<i64>,
}

/// A photo whose file could not be read for a scan.
#[derive(Debug)]
pub struct ScanFailure {
    pub photo: i64,
    pub name: String,
    pub error: Error,
}

#[derive(Debug)]
pub struct ScanReport {
    pub scanned: u32,
    /// Faces on the scanned photos after the scan.
    pub faces: u32,
    /// Faces linked at once to a box someone had drawn on them.
    pub linked: u32,
    pub failed: Vec<ScanFailure>,
    pub cancelled: bool,
}

/// The organisation's choice on face suggestions, and how far the scan is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FaceStatus {
    pub suggestions: bool,
    pub scanned: u32,
    pub waiting: u32,
}

/// What a scan worker hands back for one photo.
type Found = std::result::Result<Vec<FoundFace>, Error>;

impl Beeldakkoord {
    /// Look for faces in photos (progress after each; `progress` may return
    /// false to stop between photos). Photos a teacher cannot see are left
    /// alone. Detection runs on every core; each photo's faces are recorded
    /// as soon as it is done, so a stopped scan keeps what it found.
    pub fn scan_faces(&self, s: &Session, which: ScanWhich, progress: &mut dyn FnMut(&ScanProgress) -> bool) -> Result<ScanReport> {
        let scope = self.allow(s, Action::ScanFaces)?;
        let library = self.library()?;
        let describe = self.describing()?;
        let photos: Vec<Photo> = self.store.read(|c| {
            store::faces::to_scan(c, which == ScanWhich::All, describe, scope.as_ref())?
                .into_iter()
                .map(|id| super::require_photo(c, id))
                .collect::<Result<_>>()
        })?;
        let total = u32::try_from(photos.len()).unwrap_or(u32::MAX);
        let mut report = ScanReport { scanned: 0, faces: 0, linked: 0, failed: vec![], cancelled: false };
        if !progress(&ScanProgress { done: 0, total, photo: None }) {
            report.cancelled = true;
            return Ok(report);
        }
        let stop = AtomicBool::new(false);
        let mut store_error: Option<Error> = None;
        parallel::ordered_map(
            &photos,
            parallel::threads(),
            &stop,
            |p| -> Found {
                let bytes = library.read_original(&p.hash, &p.format)?;
                Ok(faces::detect_in_file(&p.original_name, &bytes, p.orientation, (p.width, p.height), describe.is_some())?)
            },
            |i, found| {
                let p = &photos[i];
                match found {
                    Ok(found) => match self.record_faces(s, p.id, &found, describe) {
                        Ok(change) => {
                            report.scanned += 1;
                            report.faces += change.faces;
                            report.linked += change.linked;
                        }
                        Err(e) => {
                            store_error = Some(e);
                            return false;
                        }
                    },
                    Err(error) => report.failed.push(ScanFailure { photo: p.id, name: p.original_name.clone(), error }),
                }
                let done = u32::try_from(i + 1).unwrap_or(u32::MAX);
                if !progress(&ScanProgress { done, total, photo: Some(p.id) }) && done < total {
                    report.cancelled = true;
                    return false;
                }
                true
            },
        );
        match store_error {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    /// Record what the detector found on one photo, in one write (the photo
    /// may have been removed meanwhile: then there is nothing to record).
    fn record_faces(&self, s: &Session, photo: i64, found: &[FoundFace], describe: Option<&str>) -> Result<store::faces::ScanChange> {
        self.store.write(&s.actor(), |tx| {
            if store::photos::get(tx.conn(), photo)?.is_none() {
                return Ok(store::faces::ScanChange::default());
            }
            let change = store::faces::record_scan(tx.conn(), photo, faces::DETECTOR, found, describe, s.user_id)?;
            tx.audit("photo.faces", "photo", Some(photo), json!({"detector": faces::DETECTOR, "faces": change.faces, "linked": change.linked}))?;
            Ok(change)
        })
    }

    /// The recognition model when face suggestions are on: faces are then
    /// described as they are found.
    pub(super) fn describing(&self) -> Result<Option<&'static str>> {
        Ok(self.store.read(store::faces::suggestions_on)?.then_some(recognition::MODEL))
    }

    /// The faces found on a photo, by number, with their review (and, when
    /// suggestions are on, who each face nobody reviewed probably is).
    pub fn photo_faces(&self, s: &Session, photo: i64) -> Result<Vec<Face>> {
        let scope = self.allow(s, Action::PhotoFaces)?;
        self.store.read(|c| {
            super::require_photo_in(c, &scope, photo)?;
            faces_on(c, &scope, photo)
        })
    }

    /// Name the person whose face this is: the face becomes their tag on
    /// the photo (with the face as its box). A face named before, or marked
    /// unknown, is renamed: the last word counts.
    pub fn name_face(&self, s: &Session, photo: i64, face: u32, person: i64, highlighted: bool) -> Result<Vec<Face>> {
        let scope = self.allow(s, Action::NameFace)?;
        self.store.write(&s.actor(), |tx| {
            let f = require_face(tx.conn(), &scope, photo, face)?;
            if let Some(tag) = f.tag.filter(|_| f.person != Some(person)) {
                store::photos::delete_tag_id(tx.conn(), photo, tag)?;
            }
            let area = super::photos::BoxInput::from(f.area);
            let tag = self.tag_in(tx, &scope, s.user_id, photo, person, Some(area), highlighted)?.into_iter().find(|t| t.person == Some(person));
            if let Some(tag) = tag {
                store::faces::link(tx.conn(), f.id, tag.id, s.user_id)?;
            }
            tx.audit("photo.face", "photo", Some(photo), json!({"face": face, "state": "named", "person": person}))?;
            faces_on(tx.conn(), &scope, photo)
        })
    }

    /// Someone is there whom nobody can name: the face becomes a box to fill.
    pub fn face_unknown(&self, s: &Session, photo: i64, face: u32) -> Result<Vec<Face>> {
        let scope = self.allow(s, Action::FaceUnknown)?;
        self.store.write(&s.actor(), |tx| {
            let f = require_face(tx.conn(), &scope, photo, face)?;
            if f.state() != FaceState::Unknown {
                if let Some(tag) = f.tag {
                    store::photos::delete_tag_id(tx.conn(), photo, tag)?;
                }
                let tag = store::photos::insert_unknown_box(tx.conn(), photo, f.area)?;
                store::faces::link(tx.conn(), f.id, tag, s.user_id)?;
            }
            tx.audit("photo.face", "photo", Some(photo), json!({"face": face, "state": "unknown"}))?;
            faces_on(tx.conn(), &scope, photo)
        })
    }

    /// Not a face, or not one anybody could recognise: it no longer counts
    /// as a person. The reason is kept; "too small" only below the stated size.
    pub fn dismiss_face(&self, s: &Session, photo: i64, face: u32, reason: &Dismissal) -> Result<Vec<Face>> {
        let scope = self.allow(s, Action::DismissFace)?;
        let stored = reason.stored()?;
        self.store.write(&s.actor(), |tx| {
            let f = require_face(tx.conn(), &scope, photo, face)?;
            if *reason == Dismissal::TooSmall && f.area.h >= RECOGNISABLE_PX {
                return Err(FaceError::NotTooSmall { face, height: f.area.h, limit: RECOGNISABLE_PX }.into());
            }
            if let Some(tag) = f.tag {
                store::photos::delete_tag_id(tx.conn(), photo, tag)?;
            }
            store::faces::dismiss(tx.conn(), f.id, &stored, s.user_id)?;
            tx.audit("photo.face", "photo", Some(photo), json!({"face": face, "state": "dismissed", "reason": stored}))?;
            faces_on(tx.conn(), &scope, photo)
        })
    }

    /// Undo a review: the face is unreviewed again (a tag it became goes).
    pub fn reopen_face(&self, s: &Session, photo: i64, face: u32) -> Result<Vec<Face>> {
        let scope = self.allow(s, Action::ReopenFace)?;
        self.store.write(&s.actor(), |tx| {
            let f = require_face(tx.conn(), &scope, photo, face)?;
            if let Some(tag) = f.tag {
                store::photos::delete_tag_id(tx.conn(), photo, tag)?;
            }
            store::faces::reopen(tx.conn(), f.id)?;
            tx.audit("photo.face", "photo", Some(photo), json!({"face": face, "state": "suggested"}))?;
            faces_on(tx.conn(), &scope, photo)
        })
    }

    /// Whether face suggestions are on, and how far the scan of the library is.
    pub fn face_status(&self, s: &Session) -> Result<FaceStatus> {
        self.allow(s, Action::FaceStatus)?;
        self.store.read(|c| {
            let suggestions = store::faces::suggestions_on(c)?;
            let (scanned, waiting) = store::faces::scan_counts(c, suggestions.then_some(recognition::MODEL))?;
            Ok(FaceStatus { suggestions, scanned, waiting })
        })
    }

    /// Switch face suggestions on or off for the organisation (switching
    /// off deletes every stored embedding).
    pub fn set_face_suggestions(&self, s: &Session, on: bool) -> Result<FaceStatus> {
        self.allow(s, Action::SetFaceSuggestions)?;
        self.store.write(&s.actor(), |tx| {
            store::faces::set_suggestions(tx.conn(), on, s.user_id)?;
            tx.audit("faces.suggestions", "organisation", None, json!({"on": on}))?;
            Ok::<_, Error>(())
        })?;
        self.face_status(s)
    }

    /// A person (or their guardians) objects to face comparison: never
    /// suggested, and their embeddings go. `false` lifts the exclusion.
    pub fn set_face_exclusion(&self, s: &Session, person: i64, exclude: bool) -> Result<()> {
        let scope = self.allow(s, Action::SetFaceExclusion)?;
        self.store.write(&s.actor(), |tx| {
            super::require_person_in(tx.conn(), &scope, person)?;
            store::faces::set_excluded(tx.conn(), person, exclude, s.user_id)?;
            tx.audit("person.face_exclusion", "person", Some(person), json!({"excluded": exclude}))?;
            Ok(())
        })
    }

    /// Whether a person is excluded from face suggestions.
    pub fn face_excluded(&self, s: &Session, person: i64) -> Result<bool> {
        let scope = self.allow(s, Action::FaceExcluded)?;
        self.store.read(|c| {
            super::require_person_in(c, &scope, person)?;
            Ok(store::faces::excluded(c, person)?)
        })
    }
}

fn require_face(c: &rusqlite::Connection, scope: &Scope, photo: i64, face: u32) -> Result<FaceRow> {
    super::require_photo_in(c, scope, photo)?;
    store::faces::face(c, photo, face)?.ok_or_else(|| FaceError::Unknown { photo, face }.into())
}

/// A person is suggested for a face only once they were named on this many
/// other photos: one photo is too little to go by.
pub const SUGGEST_AFTER_PHOTOS: u32 = 2;

/// At most this many suggestions per face.
const SUGGESTIONS: usize = 3;

/// The faces on a photo as the review shows them, with suggestions for
/// each face nobody reviewed when the organisation switched them on:
/// people `scope` sees, not excluded, not tagged on the photo already,
/// named on [`SUGGEST_AFTER_PHOTOS`] other photos, whose faces lie within
/// [`recognition::SAME_PERSON`]; people of the photo's groups first.
pub(super) fn faces_on(c: &rusqlite::Connection, scope: &Scope, photo: i64) -> Result<Vec<Face>> {
    let mut faces: Vec<Face> = store::faces::faces(c, photo)?.into_iter().map(face_of).collect();
    if !faces.iter().any(|f| f.state == FaceState::Suggested) || !store::faces::suggestions_on(c)? {
        return Ok(faces);
    }
    let probes = store::faces::descriptors_on(c, photo, recognition::MODEL)?;
    if probes.is_empty() {
        return Ok(faces);
    }
    let tagged: HashSet<i64> = store::photos::tags(c, photo)?.into_iter().filter_map(|t| t.person).collect();
    let known: Vec<store::faces::KnownFace> =
        store::faces::known_faces(c, photo, recognition::MODEL, scope.as_ref())?.into_iter().filter(|k| !tagged.contains(&k.person)).collect();
    let groups: HashSet<i64> = store::faces::photo_group_members(c, photo)?.into_iter().collect();
    let mut photos_of = std::collections::HashMap::new();
    for f in faces.iter_mut().filter(|f| f.state == FaceState::Suggested) {
        let Some((_, probe)) = probes.iter().find(|(n, _)| *n == f.face) else { continue };
        let mut close = recognition::closest_people(probe, known.iter().map(|k| (k.person, &k.descriptor)));
        close.sort_by(|a, b| groups.contains(&b.0).cmp(&groups.contains(&a.0)).then(a.1.total_cmp(&b.1)));
        for (person, distance) in close {
            if f.suggestions.len() == SUGGESTIONS {
                break;
            }
            let photos = match photos_of.get(&person) {
                Some(n) => *n,
                None => {
                    let n = store::faces::named_photos(c, person, photo)?;
                    photos_of.insert(person, n);
                    n
                }
            };
            if photos < SUGGEST_AFTER_PHOTOS {
                continue;
            }
            let name = known.iter().find(|k| k.person == person).map(|k| k.name.clone()).unwrap_or_default();
            f.suggestions.push(FaceSuggestion { person, name, score: 1.0 - distance, photos });
        }
    }
    Ok(faces)
}

pub(super) fn face_of(f: FaceRow) -> Face {
    let state = f.state();
    Face {
        face: f.n,
        area: f.area,
        score: f.score,
        state,
        person: f.person,
        person_name: f.person_name,
        tag: f.tag,
        reason: f.dismissed,
        suggestions: Vec::new(),
        may_be_too_small: f.area.h < RECOGNISABLE_PX,
        too_small_below: RECOGNISABLE_PX,
    }
}
