//! The signed paper kept as evidence: a scan or photo of a returned form
//! attached to its consent event, and read back or copied out later.

use super::*;
use crate::auth::Action;
use crate::domain::consent::{Attachment, AttachmentKind};
use crate::evidence::{self, EvidenceError};
use crate::photos::library::content_hash;
use crate::store::consent::NewAttachment;
use rusqlite::OptionalExtension;

impl Beeldakkoord {
    /// Attach the scan in the file at `path` to consent event `event`.
    pub fn attach_scan_file(&self, s: &Session, event: i64, path: &Path) -> Result<Attachment> {
        self.allow(s, Action::AttachScanFile)?;
        let bytes = files::read_input(path, InputKind::Scan)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.attach(s, event, AttachmentKind::Scan, &name, &bytes)
    }

    /// Attach a scan given as bytes (`name` is what the messages call it).
    pub fn attach_scan(&self, s: &Session, event: i64, name: &str, bytes: &[u8]) -> Result<Attachment> {
        self.allow(s, Action::AttachScan)?;
        self.attach(s, event, AttachmentKind::Scan, name, bytes)
    }

    /// Keep `bytes` with `event`: checked to be a document first, the file
    /// stored under its SHA-256 (encrypted) before the row that names it, and
    /// taken away again when the row cannot be written. The same file
    /// attached twice is stored once and numbered twice.
    pub(super) fn attach(&self, s: &Session, event: i64, kind: AttachmentKind, name: &str, bytes: &[u8]) -> Result<Attachment> {
        let found = evidence::inspect(name, bytes)?;
        let hash = content_hash(bytes);
        // An unknown event is refused before a byte is written.
        self.store.read(|c| event_person(c, event))?;
        let library = self.library()?;
        let _changing = library.begin_changes()?;
        let stored = library.store_scan(&hash, found.format, bytes)?;
        let written = self.store.write(&s.actor(), |tx| {
            let person = event_person(tx.conn(), event)?;
            let number = store::consent::insert_attachment(
                tx.conn(),
                &NewAttachment { event, kind, sha256: &hash, format: found.format, bytes: bytes.len() as u64, pages: found.pages, attached_by: s.user_id },
            )?;
            tx.audit(
                "consent.attach",
                "person",
                Some(person),
                json!({"event": event, "number": number, "kind": kind.as_str(), "sha256": hash, "format": found.format.as_str(), "bytes": bytes.len(), "pages": found.pages}),
            )?;
            Ok::<_, Error>((person, number))
        });
        let (_, number) = match written {
            Ok(w) => w,
            Err(e) => {
                if stored {
                    library.forget_scan(&hash, found.format);
                }
                return Err(e);
            }
        };
        let (_, attachment) = self.store.read(|c| store::consent::attachment(c, event, number))?.ok_or(EvidenceError::NoAttachment { event, number })?;
        Ok(attachment)
    }

    /// What attachment `number` of `event` is, without reading its file.
    pub fn attachment(&self, s: &Session, event: i64, number: u32) -> Result<Attachment> {
        self.allow(s, Action::Attachment)?;
        Ok(self.attachment_row(event, number)?.1)
    }

    fn attachment_row(&self, event: i64, number: u32) -> Result<(i64, Attachment)> {
        self.store.read(|c| {
            event_person(c, event)?;
            store::consent::attachment(c, event, number)?.ok_or_else(|| Error::from(EvidenceError::NoAttachment { event, number }))
        })
    }

    /// Attachment `number` of `event` and its file's bytes, checked against
    /// the hash recorded when it was attached. Reading it is logged like
    /// reading the person's history.
    pub fn consent_scan(&self, s: &Session, event: i64, number: u32) -> Result<(Attachment, Vec<u8>)> {
        self.allow(s, Action::ConsentScan)?;
        let (person, attachment) = self.attachment_row(event, number)?;
        let bytes = self.scan_bytes(event, &attachment)?;
        self.log_history_read(s, person)?;
        Ok((attachment, bytes))
    }

    /// Copy attachment `number` of `event` to `out`, exactly as it was attached.
    pub fn export_scan(&self, s: &Session, event: i64, number: u32, out: &OutputFile) -> Result<Attachment> {
        self.allow(s, Action::ExportScan)?;
        let out = self.output_file(out)?;
        let (attachment, bytes) = self.consent_scan(s, event, number)?;
        self.write_output(&out, &bytes)?;
        Ok(attachment)
    }

    /// A kept file's bytes (attachment `a` of `event`); `scan.changed` when
    /// they are gone, do not decrypt, or no longer hash to what was recorded.
    pub(super) fn scan_bytes(&self, event: i64, a: &Attachment) -> Result<Vec<u8>> {
        let changed = || Error::from(EvidenceError::Changed { event, number: a.number });
        let bytes = match self.library()?.read_scan(&a.sha256, a.format) {
            Ok(b) => b,
            Err(crate::photos::PhotoError::Damaged(_)) => return Err(changed()),
            Err(crate::photos::PhotoError::File(crate::files::FileError::Read { source, .. })) if source.kind() == std::io::ErrorKind::NotFound => {
                return Err(changed())
            }
            Err(e) => return Err(e.into()),
        };
        if content_hash(&bytes) != a.sha256 {
            return Err(changed());
        }
        Ok(bytes)
    }
}

/// How many of the scanner folder's newest documents are offered.
pub const RECENT_SCANS: usize = 8;

/// A document in the scanner's folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FolderScan {
    pub path: PathBuf,
    pub name: String,
    pub bytes: u64,
    /// When the scanner wrote it (local time).
    pub modified: chrono::NaiveDateTime,
}

/// The folder the office's scanner saves into and its newest documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ScanFolder {
    /// `None` until the office chooses one.
    pub folder: Option<PathBuf>,
    /// The newest PDF, JPEG and PNG files there, newest first (at most
    /// [`RECENT_SCANS`]); what is attached is checked by its content then.
    pub recent: Vec<FolderScan>,
    /// Chosen, but not there now (a network share that is down, a USB disk).
    pub unreachable: bool,
}

impl Beeldakkoord {
    /// The scanner's folder and its newest documents, to attach from.
    pub fn scan_folder(&self, s: &Session) -> Result<ScanFolder> {
        self.allow(s, Action::ScanFolder)?;
        let folder = self.store.read(store::org::scan_folder)?.map(PathBuf::from);
        let Some(dir) = folder.clone() else {
            return Ok(ScanFolder { folder, recent: Vec::new(), unreachable: false });
        };
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(ScanFolder { folder, recent: Vec::new(), unreachable: true });
        };
        let mut recent: Vec<FolderScan> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let ext = Path::new(&name).extension()?.to_string_lossy().to_lowercase();
                // Documents only; hidden files and half-written temporary ones are not offered.
                if name.starts_with('.') || !["pdf", "jpg", "jpeg", "png"].contains(&ext.as_str()) {
                    return None;
                }
                let meta = e.metadata().ok().filter(|m| m.is_file() && m.len() > 0)?;
                let modified = chrono::DateTime::<chrono::Local>::from(meta.modified().ok()?).naive_local();
                Some(FolderScan { path: e.path(), name, bytes: meta.len(), modified })
            })
            .collect();
        recent.sort_by(|a, b| b.modified.cmp(&a.modified).then_with(|| a.name.cmp(&b.name)));
        recent.truncate(RECENT_SCANS);
        Ok(ScanFolder { folder, recent, unreachable: false })
    }

    /// Choose the folder the office's scanner saves into (`None`: no folder).
    /// It must be a folder now, and not inside the data folder.
    pub fn set_scan_folder(&self, s: &Session, folder: Option<&Path>) -> Result<ScanFolder> {
        self.allow(s, Action::SetScanFolder)?;
        let folder = match folder {
            Some(f) => {
                if !f.is_dir() {
                    return Err(FileError::NotAFolder(f.to_path_buf()).into());
                }
                Some(files::OutputDir::new(f, false).resolve(self.data_dir.as_deref())?.display().to_string())
            }
            None => None,
        };
        self.store.write(&s.actor(), |tx| {
            store::org::set_scan_folder(tx.conn(), folder.as_deref())?;
            tx.audit("scan.folder", "organisation", Some(1), json!({"folder": folder}))?;
            Ok::<_, Error>(())
        })?;
        self.scan_folder(s)
    }
}

/// The person whose event `event` is, or `consent.unknown_event`.
fn event_person(c: &rusqlite::Connection, event: i64) -> Result<i64> {
    c.query_row("SELECT person_id FROM consent_events WHERE id = ?1", [event], |r| r.get(0)).optional()?.ok_or_else(|| ConsentError::UnknownEvent(event).into())
}
