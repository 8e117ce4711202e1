//! Photo operations of the core API: import, type and tags, information
//! notices, and the verdict for an intended use.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::users::Scope;
use super::verdicts::OnPhoto;
use super::{parallel, Beeldakkoord};
use crate::auth::{Action, Session};
use crate::decision::verdict::{self, Verdict};
use crate::domain::dates::check_range;
use crate::domain::form::Choice;
use crate::domain::photo::{NoticeRow, Photo, PhotoBox, PublicationRow, Tag};
use crate::error::{BlockedPerson, Error, KeyKind, NoticeError, PhotoUseError, Result};
use crate::files::{read_input, FileError, InputKind, OutputFile};
use crate::photos::inspect;
use crate::photos::library::{content_hash, Library};
use crate::store::{self};

/// File name endings picked up when a folder is imported.
const PHOTO_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "heic", "heif"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportedPhoto {
    pub id: i64,
    pub hash: String,
    /// False when the same file was imported before.
    pub new: bool,
    pub name: String,
}

/// A file the import could not take in, and why: the edges turn the error
/// into words for the person who chose the file.
#[derive(Debug)]
pub struct FailedFile {
    pub name: String,
    pub error: Error,
}

#[derive(Debug)]
pub struct PhotoImportReport {
    pub imported: Vec<ImportedPhoto>,
    pub failed: Vec<FailedFile>,
    pub cancelled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
    pub current: String,
}

impl From<PhotoBox> for BoxInput {
    fn from(b: PhotoBox) -> BoxInput {
        BoxInput { x: i64::from(b.x), y: i64::from(b.y), w: i64::from(b.w), h: i64::from(b.h) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BoxInput {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct NewNotice {
    pub groups: Vec<String>,
    pub all_staff: bool,
    pub purposes: Vec<String>,
    pub channels: Vec<String>,
    pub text: String,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PhotoCheck {
    pub photo: i64,
    pub channel: String,
    pub purpose: String,
    pub date: NaiveDate,
    pub verdict: Verdict,
    /// The consent entries the verdict's lines rest on (`PersonLine::record`),
    /// as a person names them: the form's title, the day and who signed.
    pub consents: Vec<ConsentSource>,
    /// The information notices behind "informed" lines (`PersonLine::notice`).
    pub notices: Vec<NoticeSource>,
}

/// One consent entry a verdict line rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentSource {
    pub record: i64,
    /// A withdrawal (no form), rather than an answered form.
    pub withdrawal: bool,
    pub form_title: Option<String>,
    pub form_version: Option<u32>,
    pub date: NaiveDate,
    /// Who gave it: the signer first, then everyone who co-signed.
    pub signers: Vec<String>,
}

/// One information notice a verdict line rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NoticeSource {
    pub notice: i64,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ExportReport {
    pub out: String,
    pub verdict: Verdict,
    /// How many boxes were made unrecognisable.
    pub anonymised: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct TakedownPerson {
    pub person: Option<i64>,
    pub name: Option<String>,
    /// A staff member on a teacher's list: not named (rule 8: no screen
    /// tells a teacher which colleague withdrew); the publication still goes.
    #[serde(default)]
    pub colleague: bool,
    pub status: verdict::LineStatus,
    pub rule: verdict::Rule,
}

/// A publication still online in which someone is no longer fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Takedown {
    pub publication: i64,
    pub photo: i64,
    pub place: String,
    pub channel: String,
    pub purpose: String,
    pub published_on: NaiveDate,
    pub people: Vec<TakedownPerson>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct PhotoFilter {
    pub group: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Only photos without a type or without anyone tagged.
    pub unchecked: bool,
    /// Only photos with a box around someone not identified yet.
    pub untagged: bool,
    /// Only photos this person is tagged on.
    pub person: Option<i64>,
    pub offset: u32,
    /// Page size; 0 means 200, at most 1 000.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PhotoPage {
    pub total: u32,
    pub photos: Vec<store::photos::PhotoSummary>,
}

/// The photo types, channels and purposes of the forms in use (each key
/// once, with the label of the first form that has it): what a photo can be
/// typed as and checked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PhotoChoices {
    pub photo_types: Vec<Choice>,
    pub channels: Vec<Choice>,
    pub purposes: Vec<Choice>,
}

/// A publication of a photo as recorded, with the outcome it was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PublicationInfo {
    pub id: i64,
    pub photo: i64,
    pub channel: String,
    pub purpose: String,
    pub place: String,
    pub published_on: NaiveDate,
    pub outcome: verdict::Outcome,
    pub removed_on: Option<NaiveDate>,
}

/// Everything the tagging screen shows about one photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct PhotoDetail {
    pub photo: Photo,
    pub tags: Vec<Tag>,
    /// The faces found on it, by number, with their review.
    pub faces: Vec<crate::domain::photo::Face>,
    /// Looked at by the face detector (false: the scan has not reached it yet).
    pub scanned: bool,
    pub publications: Vec<PublicationInfo>,
}

/// Which picture of a photo to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Rendition {
    /// Small, for the library grid.
    Thumb,
    /// Large, for tagging.
    Preview,
}

/// Folders deeper than this are not searched.
const MAX_DEPTH: usize = 32;

/// One file an import will try, or a named path refused outright.
enum Entry {
    File(PathBuf),
    /// Inside the data folder (or holding it).
    InsideData(PathBuf),
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Entry::File(p) | Entry::InsideData(p) => p,
        }
    }
}

/// Files to import: given files as they are, folders searched for photos.
/// Links to folders are not followed (a link to a folder above would never
/// end), and nothing inside the data folder is taken: its own thumbnails
/// are no new photos (a folder that holds it is searched around it).
fn expand(paths: &[PathBuf], data_dir: Option<&Path>) -> Vec<Entry> {
    let data = data_dir.and_then(|d| std::fs::canonicalize(d).ok());
    let mut out = Vec::new();
    for p in paths {
        let real = std::fs::canonicalize(p).ok();
        if let (Some(real), Some(data)) = (&real, &data) {
            if crate::files::output::within(real, data) {
                out.push(Entry::InsideData(p.clone()));
                continue;
            }
        }
        if p.is_dir() {
            // A folder that holds the data folder (a home folder, say) is searched without it.
            let skip = data.as_deref().filter(|d| real.as_deref().is_some_and(|r| crate::files::output::within(d, r)));
            let mut found = Vec::new();
            walk(p, MAX_DEPTH, skip, &mut found);
            found.sort();
            out.extend(found.into_iter().map(Entry::File));
        } else {
            out.push(Entry::File(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, depth: usize, skip: Option<&Path>, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        // The entry itself, not what a link points to.
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            let skipped = skip.is_some_and(|s| std::fs::canonicalize(&path).is_ok_and(|c| c == s));
            if depth > 0 && !skipped {
                walk(&path, depth - 1, skip, out);
            }
        } else if kind.is_symlink() && path.is_dir() {
            continue;
        } else if path.extension().and_then(|x| x.to_str()).is_some_and(|x| PHOTO_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str())) {
            // Pipes and devices with a photo's name are named as refused when read.
            out.push(path);
        }
    }
}

/// A file read, checked, thumbnailed and stored on disk; not yet recorded.
struct Prepared {
    name: String,
    hash: String,
    info: inspect::Inspected,
    /// The original was written by this import (so it may be removed again).
    stored_new: bool,
    /// The faces found, when the import looks for them.
    faces: Option<Vec<crate::photos::faces::FoundFace>>,
}

/// How an import treats faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum FacesAtImport {
    /// Look for faces in each photo before it counts as imported (the CLI).
    Detect,
    /// Leave them for a scan right after (the window: photos appear at
    /// once and the grid shows which are still being scanned).
    Later,
}

/// The part of an import that needs no database: safe on any thread.
fn prepare(library: &Library, entry: &Entry, faces: FacesAtImport, describe: bool) -> Result<Prepared> {
    let path = match entry {
        Entry::File(p) => p,
        Entry::InsideData(p) => return Err(Error::File(FileError::DataAsSource(p.clone()))),
    };
    let name = display_name(path);
    let bytes = read_input(path, InputKind::Photo)?;
    let info = inspect::inspect(&name, &bytes)?;
    let hash = content_hash(&bytes);
    // Thumbnail first: it proves the whole file decodes before anything is stored.
    library.ensure_thumbnail(&name, &hash, &bytes, info.orientation)?;
    let found = match faces {
        FacesAtImport::Detect => Some(crate::photos::faces::detect_in_file(&name, &bytes, info.orientation, info.shown_size(), describe)?),
        FacesAtImport::Later => None,
    };
    let stored_new = library.store_original(&hash, info.format, &bytes)?;
    Ok(Prepared { name, hash, info, stored_new, faces: found })
}

/// The file's name as kept and shown: file systems allow control
/// characters in names, the library does not keep them (shown as `\u{FFFD}`).
fn display_name(p: &Path) -> String {
    let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string());
    crate::domain::text::shorten(&name, 255)
}

impl Beeldakkoord {
    /// Import files and folders. A file that cannot be read is reported by
    /// name and the rest goes on; `progress` may return false to stop.
    ///
    /// Reading, checking and thumbnailing run on every core; only this
    /// thread writes to the database, in the order of the files.
    ///
    /// `faces`: look for faces in each photo before it is recorded (the
    /// CLI), or leave them for a scan right after (the window).
    pub fn import_photos(
        &self,
        s: &Session,
        paths: &[PathBuf],
        faces: FacesAtImport,
        progress: &mut dyn FnMut(&ImportProgress) -> bool,
    ) -> Result<PhotoImportReport> {
        self.allow(s, Action::ImportPhotos)?;
        let library = self.library()?;
        // One import at a time across processes; a killed one is tidied at the next opening.
        let _changing = library.begin_changes()?;
        // Temporary files of a run that was killed halfway (here and again at the end).
        library.clean_temps();
        let files = expand(paths, self.data_dir.as_deref());
        // Faces found at import are described too when suggestions are on.
        let describe = match faces {
            FacesAtImport::Detect => self.describing()?,
            FacesAtImport::Later => None,
        };
        let total = u32::try_from(files.len()).unwrap_or(u32::MAX);
        let mut report = PhotoImportReport { imported: vec![], failed: vec![], cancelled: false };
        let stop = AtomicBool::new(false);
        let mut store_error: Option<Error> = None;
        // Files prepared on disk but not recorded (after a stop): removed again below.
        let mut unrecorded: Vec<Prepared> = Vec::new();
        if !progress(&ImportProgress { done: 0, total, current: files.first().map(|p| display_name(p.path())).unwrap_or_default() }) {
            report.cancelled = true;
            stop.store(true, Ordering::Relaxed);
        }
        // Reading, checking and thumbnailing on every core; recording here, in the order of the files.
        parallel::ordered_map(
            &files,
            parallel::threads(),
            &stop,
            |entry| prepare(&library, entry, faces, describe.is_some()),
            |i, result| {
                if report.cancelled || store_error.is_some() {
                    unrecorded.extend(result.ok());
                    return false;
                }
                match result.and_then(|p| self.record_photo(s, &library, p, describe)) {
                    Ok(p) => report.imported.push(p),
                    // The database failing (disk full, …) stops the import: the next file would fail too.
                    Err(e @ Error::Store(_)) => {
                        store_error = Some(e);
                        return false;
                    }
                    Err(error) => report.failed.push(FailedFile { name: display_name(files[i].path()), error }),
                }
                let done = i + 1;
                let current = files.get(done).map(|p| display_name(p.path())).unwrap_or_default();
                if !progress(&ImportProgress { done: done as u32, total, current }) && done < files.len() {
                    report.cancelled = true;
                    return false;
                }
                true
            },
        );
        for p in unrecorded.into_iter().filter(|p| p.stored_new) {
            library.forget(&p.hash, p.info.format);
        }
        library.clean_temps();
        match store_error {
            Some(e) => Err(e),
            None => Ok(report),
        }
    }

    /// Record a prepared file, unless the same content is known already.
    fn record_photo(&self, s: &Session, library: &Library, p: Prepared, describe: Option<&str>) -> Result<ImportedPhoto> {
        if let Some(id) = self.store.read(|c| Ok::<_, Error>(store::photos::by_hash(c, &p.hash)?))? {
            return Ok(ImportedPhoto { id, hash: p.hash, new: false, name: p.name });
        }
        let saved = self.store.write(&s.actor(), |tx| {
            let id = store::photos::insert(tx.conn(), &p.hash, &p.name, &p.info, s.user_id)?;
            tx.audit("photo.import", "photo", Some(id), json!({"hash": p.hash, "name": p.name, "taken_on": p.info.taken_on}))?;
            if let Some(found) = &p.faces {
                let change = store::faces::record_scan(tx.conn(), id, crate::photos::faces::DETECTOR, found, describe, s.user_id)?;
                tx.audit("photo.faces", "photo", Some(id), json!({"detector": crate::photos::faces::DETECTOR, "faces": change.faces}))?;
            }
            Ok::<_, Error>(id)
        });
        match saved {
            Ok(id) => Ok(ImportedPhoto { id, hash: p.hash, new: true, name: p.name }),
            Err(e) => {
                if p.stored_new {
                    library.forget(&p.hash, p.info.format);
                }
                Err(e)
            }
        }
    }

    /// A page of the library, newest first (for a grid that loads as it scrolls).
    pub fn photos(&self, s: &Session, f: &PhotoFilter) -> Result<PhotoPage> {
        let scope = self.allow(s, Action::Photos)?;
        self.store.read(|c| {
            let group = super::filter_group(c, f.group.as_deref())?;
            if let Some(person) = f.person {
                // Someone unknown (or not the user's to see) is a mistake to name, not an empty library.
                super::require_person_in(c, &scope, person)?;
            }
            let limit = if f.limit == 0 { 200 } else { f.limit.min(1000) };
            let q = store::photos::PhotoQuery {
                group,
                from: f.from,
                to: f.to,
                unchecked: f.unchecked,
                untagged: f.untagged,
                person: f.person,
                offset: f.offset,
                limit,
                scope,
            };
            let (total, photos) = store::photos::list(c, &q)?;
            Ok(PhotoPage { total, photos })
        })
    }

    pub fn photo(&self, s: &Session, id: i64) -> Result<(Photo, Vec<Tag>)> {
        let scope = self.allow(s, Action::Photo)?;
        self.store.read(|c| {
            let p = super::require_photo_in(c, &scope, id)?;
            Ok((p, store::photos::tags(c, id)?))
        })
    }

    /// One photo with its tags and publications, for the tagging screen.
    pub fn photo_detail(&self, s: &Session, id: i64) -> Result<PhotoDetail> {
        let scope = self.allow(s, Action::PhotoDetail)?;
        self.store.read(|c| {
            let photo = super::require_photo_in(c, &scope, id)?;
            let tags = store::photos::tags(c, id)?;
            let faces = super::faces::faces_on(c, &scope, id)?;
            let scanned = store::faces::scanned(c, id)?;
            let publications = store::photos::publications_of(c, id)?.into_iter().map(publication_info).collect::<Result<_>>()?;
            Ok(PhotoDetail { photo, tags, faces, scanned, publications })
        })
    }

    /// A thumbnail's or preview's JPEG (decrypted), made when it is missing.
    /// Only for a logged-in user: photos sit behind the login.
    pub fn photo_file(&self, s: &Session, id: i64, rendition: Rendition) -> Result<Vec<u8>> {
        let scope = self.allow(s, Action::PhotoFile)?;
        let photo = self.store.read(|c| super::require_photo_in(c, &scope, id))?;
        let library = self.library()?;
        Ok(match rendition {
            Rendition::Preview => library.preview(&photo.original_name, &photo.hash, &photo.format, photo.orientation)?,
            Rendition::Thumb => library.thumbnail(&photo.original_name, &photo.hash, &photo.format, photo.orientation)?,
        })
    }

    /// The types, channels and purposes photos are typed and checked with.
    pub fn photo_choices(&self, s: &Session) -> Result<PhotoChoices> {
        self.allow(s, Action::PhotoChoices)?;
        self.store.read(|c| Ok(PhotoChoices::clone(&*self.store.memo().get(c, choices_in)?)))
    }

    pub(super) fn check_key(&self, c: &rusqlite::Connection, kind: KeyKind, key: &str) -> Result<String> {
        let choices = self.store.memo().get(c, choices_in)?;
        let list = match kind {
            KeyKind::PhotoType => &choices.photo_types,
            KeyKind::Channel => &choices.channels,
            KeyKind::Purpose => &choices.purposes,
        };
        let key = key.trim();
        if list.iter().any(|k| k.key == key) {
            Ok(key.to_string())
        } else {
            Err(PhotoUseError::UnknownKey { kind, key: key.to_string(), known: list.iter().map(|c| c.key.clone()).collect() }.into())
        }
    }

    pub fn set_photo(&self, s: &Session, id: i64, photo_type: Option<&str>, posed: Option<bool>) -> Result<Photo> {
        let scope = self.allow(s, Action::SetPhoto)?;
        self.store.write(&s.actor(), |tx| {
            let p = super::require_photo_in(tx.conn(), &scope, id)?;
            let t = match photo_type {
                Some(t) => Some(self.check_key(tx.conn(), KeyKind::PhotoType, t)?),
                None => p.photo_type.clone(),
            };
            // A type that is posed by its nature makes the photo posed: the box and the type never disagree.
            let posed = store::forms::decision_forms(tx.conn())?.is_posed(t.as_deref(), posed.unwrap_or(p.posed));
            store::photos::set_type_posed(tx.conn(), id, t.as_deref(), posed)?;
            tx.audit("photo.set", "photo", Some(id), json!({"type": t, "posed": posed}))?;
            Ok(Photo { photo_type: t, posed, ..p })
        })
    }

    pub fn tag_photo(&self, s: &Session, id: i64, person: i64, area: Option<BoxInput>, highlighted: bool) -> Result<Vec<Tag>> {
        let scope = self.allow(s, Action::TagPhoto)?;
        self.store.write(&s.actor(), |tx| self.tag_in(tx, &scope, s.user_id, id, person, area, highlighted))
    }

    /// Tag `person` on photo `id`; a box on a detected face makes the face theirs.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn tag_in(
        &self,
        tx: &mut store::Tx,
        scope: &Scope,
        user: i64,
        id: i64,
        person: i64,
        area: Option<BoxInput>,
        highlighted: bool,
    ) -> Result<Vec<Tag>> {
        let photo = super::require_photo_in(tx.conn(), scope, id)?;
        let who = super::require_person_in(tx.conn(), scope, person)?;
        let taken = photo.taken_on.unwrap_or_else(|| self.today());
        if let Some(left) = who.leave_date.filter(|l| *l < taken) {
            return Err(PhotoUseError::LeftBeforePhoto { name: who.name.clone(), left, taken }.into());
        }
        let area = area.map(|b| checked_box(b, photo.width, photo.height)).transpose()?;
        let tag = store::photos::upsert_tag(tx.conn(), id, person, area, highlighted)?;
        store::faces::relink_tag(tx.conn(), id, tag, area, user)?;
        tx.audit("photo.tag", "photo", Some(id), json!({"person": person, "box": area, "highlighted": highlighted}))?;
        Ok(store::photos::tags(tx.conn(), id)?)
    }

    pub fn untag_photo(&self, s: &Session, id: i64, person: i64) -> Result<Vec<Tag>> {
        let scope = self.allow(s, Action::UntagPhoto)?;
        self.store.write(&s.actor(), |tx| {
            super::require_photo_in(tx.conn(), &scope, id)?;
            if !store::photos::delete_tag(tx.conn(), id, person)? {
                return Err(PhotoUseError::NotTagged(person).into());
            }
            tx.audit("photo.untag", "photo", Some(id), json!({"person": person}))?;
            Ok(store::photos::tags(tx.conn(), id)?)
        })
    }

    /// Draw a box around someone nobody has identified yet: until someone is
    /// named, the verdict can only allow the photo with that box filled.
    pub fn mark_unknown(&self, s: &Session, id: i64, area: BoxInput) -> Result<Vec<Tag>> {
        let scope = self.allow(s, Action::MarkUnknown)?;
        self.store.write(&s.actor(), |tx| {
            let photo = super::require_photo_in(tx.conn(), &scope, id)?;
            let area = checked_box(area, photo.width, photo.height)?;
            let tag = store::photos::insert_unknown_box(tx.conn(), id, area)?;
            store::faces::relink_tag(tx.conn(), id, tag, Some(area), s.user_id)?;
            tx.audit("photo.box", "photo", Some(id), json!({"tag": tag, "box": area}))?;
            Ok(store::photos::tags(tx.conn(), id)?)
        })
    }

    /// Name the person in a box: the box becomes that person's tag (one write).
    pub fn identify_box(&self, s: &Session, id: i64, tag: i64, person: i64, highlighted: bool) -> Result<Vec<Tag>> {
        let scope = self.allow(s, Action::IdentifyBox)?;
        let area = self.store.read(|c| {
            super::require_photo_in(c, &scope, id)?;
            let t = store::photos::tags(c, id)?.into_iter().find(|t| t.id == tag).ok_or(Error::PhotoUse(PhotoUseError::UnknownTag(tag)))?;
            Ok::<_, Error>(t.area)
        })?;
        let area = area.map(BoxInput::from);
        self.store.write(&s.actor(), |tx| {
            if !store::photos::delete_tag_id(tx.conn(), id, tag)? {
                return Err(PhotoUseError::UnknownTag(tag).into());
            }
            self.tag_in(tx, &scope, s.user_id, id, person, area, highlighted)
        })
    }

    /// Remove one tag or box by its id (the window's "remove" on a box).
    pub fn remove_tag(&self, s: &Session, id: i64, tag: i64) -> Result<Vec<Tag>> {
        let scope = self.allow(s, Action::RemoveTag)?;
        self.store.write(&s.actor(), |tx| {
            super::require_photo_in(tx.conn(), &scope, id)?;
            if !store::photos::delete_tag_id(tx.conn(), id, tag)? {
                return Err(PhotoUseError::UnknownTag(tag).into());
            }
            tx.audit("photo.untag", "photo", Some(id), json!({"tag": tag}))?;
            Ok(store::photos::tags(tx.conn(), id)?)
        })
    }

    /// Every information notice, newest first.
    pub fn notices(&self, s: &Session) -> Result<Vec<NoticeRow>> {
        self.allow(s, Action::Notices)?;
        self.store.read(|c| Ok(store::photos::notice_rows(c)?))
    }

    /// Publications of one photo, oldest first.
    pub fn publications(&self, s: &Session, photo: i64) -> Result<Vec<PublicationInfo>> {
        let scope = self.allow(s, Action::Publications)?;
        self.store.read(|c| {
            super::require_photo_in(c, &scope, photo)?;
            store::photos::publications_of(c, photo)?.into_iter().map(publication_info).collect()
        })
    }

    pub fn add_notice(&self, s: &Session, n: &NewNotice) -> Result<i64> {
        self.allow(s, Action::AddNotice)?;
        let cleaned = crate::domain::text::clean(crate::domain::text::Field::NoticeText, &n.text)?;
        let text = cleaned.trim();
        if text.is_empty() {
            return Err(NoticeError::NoticeText.into());
        }
        if n.groups.is_empty() && !n.all_staff {
            return Err(NoticeError::NoticeAudience.into());
        }
        let date = self.event_date(n.date)?;
        self.store.write(&s.actor(), |tx| {
            let groups = n.groups.iter().map(|g| super::group_id(tx.conn(), g)).collect::<Result<Vec<_>>>()?;
            let purposes = n.purposes.iter().map(|p| self.check_key(tx.conn(), KeyKind::Purpose, p)).collect::<Result<Vec<_>>>()?;
            let channels = n.channels.iter().map(|c| self.check_key(tx.conn(), KeyKind::Channel, c)).collect::<Result<Vec<_>>>()?;
            if purposes.is_empty() || channels.is_empty() {
                return Err(NoticeError::NoticeUses.into());
            }
            let id = store::photos::insert_notice(
                tx.conn(),
                &store::photos::NewNoticeRow { text, date, all_staff: n.all_staff, groups: &groups, purposes: &purposes, channels: &channels, user: s.user_id },
            )?;
            tx.audit(
                "notice.add",
                "notice",
                Some(id),
                json!({"groups": n.groups, "all_staff": n.all_staff, "purposes": purposes, "channels": channels, "date": date}),
            )?;
            Ok(id)
        })
    }
}

impl Beeldakkoord {
    /// Why a use is blocked, naming the people (each line names its tag).
    fn blocked_error(v: &Verdict, on: &OnPhoto) -> Error {
        let people = v.people.iter().filter(|l| !l.fine && !l.has_box).map(|l| BlockedPerson { name: on.name_of(l), person: l.person, rule: l.rule }).collect();
        PhotoUseError::Blocked { nobody_tagged: v.nobody_tagged, people }.into()
    }

    /// Write a copy for a use: blocked people's boxes filled, metadata gone.
    /// Refused when the verdict is "blocked".
    #[allow(clippy::too_many_arguments)]
    pub fn export_photo(&self, s: &Session, id: i64, channel: &str, purpose: &str, date: Option<NaiveDate>, out: &OutputFile) -> Result<ExportReport> {
        let scope = self.allow(s, Action::ExportPhoto)?;
        let out = &self.output_file(out)?;
        let org = self.organisation()?;
        let date = check_range(date.unwrap_or_else(|| self.today()))?;
        let (check, photo, on) = self.store.read(|c| self.verdict_in(c, &scope, &org, id, channel, purpose, date))?;
        if check.verdict.outcome == verdict::Outcome::Blocked {
            return Err(Self::blocked_error(&check.verdict, &on));
        }
        let library = self.library()?;
        let bytes = library.read_original(&photo.hash, &photo.format)?;
        let img = crate::photos::library::decode(&photo.original_name, &bytes, photo.orientation)?;
        // Boxes of every line that is not fine: a tag's box, or an unreviewed face's.
        let boxes: Vec<PhotoBox> = check.verdict.to_anonymise().filter_map(|l| on.area_of(l)).collect();
        let rgb = crate::photos::anonymise::fill_boxes(&img, &boxes);
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let encoded = crate::photos::anonymise::encode(&rgb, &name)?;
        self.write_output(out, &encoded)?;
        let anonymised = u32::try_from(boxes.len()).unwrap_or(u32::MAX);
        self.store.write(&s.actor(), |tx| {
            tx.audit("photo.export", "photo", Some(id), json!({"channel": check.channel, "purpose": check.purpose, "date": check.date, "verdict": check.verdict.outcome, "anonymised": anonymised, "out": out}))?;
            Ok::<_, Error>(())
        })?;
        Ok(ExportReport { out: out.display().to_string(), verdict: check.verdict, anonymised })
    }

    /// Record that a photo was published; stores the verdict it was checked
    /// against. Refused when that verdict is "blocked".
    pub fn add_publication(&self, s: &Session, photo: i64, channel: &str, purpose: &str, place: &str, date: Option<NaiveDate>) -> Result<i64> {
        let scope = self.allow(s, Action::AddPublication)?;
        let place = &crate::domain::text::clean(crate::domain::text::Field::Place, place)?;
        if place.is_empty() {
            return Err(PhotoUseError::PlaceEmpty.into());
        }
        let date = self.event_date(date)?;
        let org = self.organisation()?;
        let (check, _, on) = self.store.read(|c| self.verdict_in(c, &scope, &org, photo, channel, purpose, date))?;
        if check.verdict.outcome == verdict::Outcome::Blocked {
            return Err(Self::blocked_error(&check.verdict, &on));
        }
        let verdict_json = serde_json::to_string(&check.verdict).map_err(|e| Error::Store(store::StoreError::Decode(e.to_string())))?;
        self.store.write(&s.actor(), |tx| {
            let id = store::photos::insert_publication(
                tx.conn(),
                &store::photos::NewPublicationRow {
                    photo,
                    channel: &check.channel,
                    purpose: &check.purpose,
                    place,
                    date,
                    verdict: &verdict_json,
                    user: s.user_id,
                },
            )?;
            tx.audit(
                "publication.add",
                "publication",
                Some(id),
                json!({"photo": photo, "channel": check.channel, "purpose": check.purpose, "place": place, "date": date, "verdict": check.verdict.outcome}),
            )?;
            Ok(id)
        })
    }

    pub fn remove_publication(&self, s: &Session, id: i64, date: Option<NaiveDate>) -> Result<()> {
        let scope = self.allow(s, Action::RemovePublication)?;
        let date = self.event_date(date)?;
        self.store.write(&s.actor(), |tx| {
            let unknown = || Error::PhotoUse(PhotoUseError::UnknownPublication(id));
            let p = store::photos::publication(tx.conn(), id)?.ok_or_else(unknown)?;
            // A publication of a photo the user may not see is as unknown as one that does not exist.
            if !store::scope::photo_visible(tx.conn(), scope.as_ref(), p.photo)? {
                return Err(unknown());
            }
            if let Some(d) = p.removed_on {
                return Err(PhotoUseError::AlreadyRemoved(d).into());
            }
            if date < p.published_on {
                return Err(PhotoUseError::RemovedBeforePublished(p.published_on).into());
            }
            store::photos::insert_removal(tx.conn(), id, date, s.user_id)?;
            tx.audit("publication.remove", "publication", Some(id), json!({"date": date}))?;
            Ok(())
        })
    }
}

/// The choices of every active form's latest version, each key once.
fn choices_in(c: &rusqlite::Connection) -> Result<PhotoChoices> {
    let mut out = PhotoChoices::default();
    for f in store::forms::active_latest(c)? {
        for (from, into) in [(&f.content.photo_types, &mut out.photo_types), (&f.content.channels, &mut out.channels), (&f.content.purposes, &mut out.purposes)]
        {
            for choice in from {
                if !into.iter().any(|k| k.key == choice.key) {
                    into.push(choice.clone());
                }
            }
        }
    }
    Ok(out)
}

fn publication_info(p: PublicationRow) -> Result<PublicationInfo> {
    let then: Verdict = serde_json::from_str(&p.verdict).map_err(|e| Error::Store(store::StoreError::Decode(format!("publication {}: {e}", p.id))))?;
    Ok(PublicationInfo {
        id: p.id,
        photo: p.photo,
        channel: p.channel,
        purpose: p.purpose,
        place: p.place,
        published_on: p.published_on,
        outcome: then.outcome,
        removed_on: p.removed_on,
    })
}

/// A box must have an area and lie inside the shown photo.
fn checked_box(b: BoxInput, width: u32, height: u32) -> Result<PhotoBox> {
    let inside = b.x >= 0 && b.y >= 0 && b.w > 0 && b.h > 0 && b.x + b.w <= i64::from(width) && b.y + b.h <= i64::from(height);
    if !inside {
        return Err(PhotoUseError::BoxOutside { width, height }.into());
    }
    // In range of u32 by the check above.
    Ok(PhotoBox { x: b.x as u32, y: b.y as u32, w: b.w as u32, h: b.h as u32 })
}
