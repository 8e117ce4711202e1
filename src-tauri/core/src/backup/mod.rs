//! Backups: one file with a consistent snapshot of the database and every
//! photo file, encrypted with the data key, and the keys file that opens it
//! (so a password of a user in the backup, or the recovery code, restores
//! it on any computer). Inside the encryption: a tar archive whose last
//! member is a manifest with the size and SHA-256 of every other member.
//!
//! Layout: `BKBACKUP`, format (1 byte), payload length (u64 LE), keys
//! length (u32 LE), the keys file (JSON), then the payload: the tar archive
//! in the chunked encryption of `crypto::stream`, whose authentication
//! refuses any changed, reordered, missing or added byte.

use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::crypto::keyfile::KeyFile;
use crate::crypto::keys::DataKey;
use crate::crypto::stream::{Decryptor, Encryptor, StreamError};
use crate::i18n::{ErrorCode, Lang, UserFacing};

pub const MAGIC: &[u8; 8] = b"BKBACKUP";
const FORMAT: u8 = 1;
const HEADER: u64 = 8 + 1 + 8 + 4;
pub const MANIFEST: &str = "manifest.json";
/// The most a keys file in a backup may claim: a damaged header must not
/// make the reader allocate gigabytes.
const MAX_KEYS: u32 = 1 << 20;
/// The most a manifest may be.
const MAX_MANIFEST: u64 = 64 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Manifest {
    pub format: u32,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
    pub app_version: String,
    pub schema_version: u32,
    pub organisation: String,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("not a backup")]
    NotABackup,
    #[error("newer format {0}")]
    NewerFormat(u8),
    #[error("cut off: {found} of {expected} bytes")]
    Truncated { found: u64, expected: u64 },
    #[error("damaged: {0}")]
    Damaged(String),
    #[error("read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("target not empty {0}")]
    TargetNotEmpty(PathBuf),
}

impl UserFacing for BackupError {
    fn code(&self) -> ErrorCode {
        match self {
            BackupError::NotABackup => ErrorCode::BackupNotABackup,
            BackupError::NewerFormat(_) => ErrorCode::BackupNewer,
            BackupError::Truncated { .. } => ErrorCode::BackupTruncated,
            BackupError::Damaged(_) => ErrorCode::BackupDamaged,
            BackupError::Read { .. } => ErrorCode::FileRead,
            BackupError::Write { source, .. } if source.kind() == std::io::ErrorKind::StorageFull => ErrorCode::StoreDiskFull,
            BackupError::Write { .. } => ErrorCode::FileWrite,
            BackupError::TargetNotEmpty(_) => ErrorCode::BackupTargetNotEmpty,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let short = |p: &Path| crate::domain::text::shorten(&p.display().to_string(), 120);
        match self {
            BackupError::NotABackup => lang.pick(
                "Dit bestand is geen reservekopie van Beeldakkoord. Er is niets veranderd.".into(),
                "This file is not a Beeldakkoord backup. Nothing was changed.".into(),
            ),
            BackupError::NewerFormat(v) => lang.pick(
                format!("Deze reservekopie is gemaakt door een nieuwere versie van Beeldakkoord (formaat {v}). Installeer de nieuwste versie."),
                format!("This backup was made by a newer Beeldakkoord (format {v}). Install the latest version."),
            ),
            BackupError::Truncated { found, expected } => lang.pick(
                format!("Deze reservekopie is onvolledig: {found} van de {expected} bytes. Het kopiëren is waarschijnlijk afgebroken; gebruik een andere reservekopie. Er is niets veranderd."),
                format!("This backup is incomplete: {found} of {expected} bytes. Copying was probably cut off; use another backup. Nothing was changed."),
            ),
            BackupError::Damaged(what) => lang.pick(
                format!("Deze reservekopie is beschadigd of gewijzigd ({what}) en wordt niet gebruikt. Gebruik een andere reservekopie. Er is niets veranderd."),
                format!("This backup is damaged or was changed ({what}) and is not used. Use another backup. Nothing was changed."),
            ),
            BackupError::Read { path, source } => lang.pick(
                format!("{} kan niet gelezen worden ({}).", short(path), source.kind()),
                format!("{} cannot be read ({}).", short(path), source.kind()),
            ),
            BackupError::Write { path, source } if source.kind() == std::io::ErrorKind::StorageFull => lang.pick(
                format!("De schijf is vol bij {}. Er is niets achtergelaten; maak ruimte vrij en probeer het opnieuw.", short(path)),
                format!("The disk is full at {}. Nothing was left behind; free some space and try again.", short(path)),
            ),
            BackupError::Write { path, source } => lang.pick(
                format!("{} kan niet geschreven worden ({}). Er is niets achtergelaten.", short(path), source.kind()),
                format!("{} cannot be written ({}). Nothing was left behind.", short(path), source.kind()),
            ),
            BackupError::TargetNotEmpty(path) => lang.pick(
                format!("{} is niet leeg. Een reservekopie wordt alleen in een lege (of nieuwe) map teruggezet, zodat er nooit gegevens overschreven worden.", short(path)),
                format!("{} is not empty. A backup is restored only into an empty (or new) folder, so no data is ever overwritten.", short(path)),
            ),
        }
    }
}

fn stream_error(e: StreamError) -> BackupError {
    match e {
        StreamError::NotEncrypted => BackupError::Damaged("payload".into()),
        StreamError::Damaged { chunk } => BackupError::Damaged(format!("block {chunk}")),
        StreamError::Truncated { bytes } => BackupError::Damaged(format!("ends after {bytes} bytes")),
        StreamError::Io(e) => BackupError::Damaged(e.to_string()),
    }
}

/// An error while copying a member out: the backup's own damage (found
/// while decrypting) or the target's trouble (a full disk).
pub fn copy_error(target: &Path, e: std::io::Error) -> BackupError {
    match StreamError::from_io(e) {
        StreamError::Io(source) => BackupError::Write { path: target.to_path_buf(), source },
        damage => stream_error(damage),
    }
}

/// A member's path as stored: forward slashes, relative, nothing that
/// climbs out of the folder it is restored into.
fn safe_path(raw: &str) -> Option<PathBuf> {
    let p = Path::new(raw);
    if raw.is_empty() || raw.contains('\\') || p.is_absolute() {
        return None;
    }
    p.components().all(|c| matches!(c, Component::Normal(_))).then(|| p.to_path_buf())
}

/// Counts and hashes what passes through.
struct Hashing<R> {
    inner: R,
    hash: Sha256,
    size: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.size += n as u64;
        Ok(n)
    }
}

/// A backup being written to `path` (a temporary name; the caller renames it).
pub struct Writer {
    path: PathBuf,
    tar: tar::Builder<Encryptor<BufWriter<std::fs::File>>>,
    files: Vec<ManifestFile>,
}

impl Writer {
    pub fn create(path: &Path, keys: &KeyFile, key: &DataKey) -> Result<Writer, BackupError> {
        let werr = |source| BackupError::Write { path: path.to_path_buf(), source };
        let mut file = std::fs::OpenOptions::new().write(true).read(true).create_new(true).open(path).map_err(werr)?;
        let keys_json = serde_json::to_vec(keys).map_err(|e| BackupError::Damaged(e.to_string()))?;
        let mut head = Vec::with_capacity(HEADER as usize + keys_json.len());
        head.extend_from_slice(MAGIC);
        head.push(FORMAT);
        head.extend_from_slice(&0u64.to_le_bytes());
        head.extend_from_slice(&u32::try_from(keys_json.len()).unwrap_or(u32::MAX).to_le_bytes());
        head.extend_from_slice(&keys_json);
        file.write_all(&head).map_err(werr)?;
        let enc = Encryptor::new(key, BufWriter::with_capacity(1 << 20, file)).map_err(werr)?;
        let mut tar = tar::Builder::new(enc);
        tar.mode(tar::HeaderMode::Deterministic);
        Ok(Writer { path: path.to_path_buf(), tar, files: Vec::new() })
    }

    /// Add the file at `source` as `name`.
    pub fn add(&mut self, name: &str, source: &Path) -> Result<(), BackupError> {
        let rerr = |e| BackupError::Read { path: source.to_path_buf(), source: e };
        let file = std::fs::File::open(source).map_err(rerr)?;
        let size = file.metadata().map_err(rerr)?.len();
        let mut header = tar::Header::new_gnu();
        header.set_size(size);
        header.set_mode(0o600);
        let mut reader = Hashing { inner: BufReader::new(file).take(size), hash: Sha256::new(), size: 0 };
        self.tar.append_data(&mut header, name, &mut reader).map_err(|e| BackupError::Write { path: self.path.clone(), source: e })?;
        if reader.size != size {
            return Err(BackupError::Read { path: source.to_path_buf(), source: std::io::Error::other("changed while read") });
        }
        self.files.push(ManifestFile { path: name.to_string(), size, sha256: hex::encode(reader.hash.finalize()) });
        Ok(())
    }

    /// Add the manifest, seal the archive, write its length into the
    /// header, and flush it all to disk.
    pub fn finish(mut self, created_at: String, schema_version: u32, organisation: String) -> Result<Manifest, BackupError> {
        let werr = |source| BackupError::Write { path: self.path.clone(), source };
        let manifest = Manifest {
            format: 1,
            created_at,
            app_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version,
            organisation,
            files: std::mem::take(&mut self.files),
        };
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| BackupError::Damaged(e.to_string()))?;
        let mut header = tar::Header::new_gnu();
        header.set_size(json.len() as u64);
        header.set_mode(0o600);
        self.tar.append_data(&mut header, MANIFEST, &json[..]).map_err(werr)?;
        let enc = self.tar.into_inner().map_err(werr)?;
        let buffered = enc.finish().map_err(werr)?;
        let mut file = buffered.into_inner().map_err(|e| werr(e.into_error()))?;
        let end = file.stream_position().map_err(werr)?;
        let keys_len = {
            file.seek(SeekFrom::Start(HEADER - 4)).map_err(werr)?;
            let mut b = [0u8; 4];
            file.read_exact(&mut b).map_err(werr)?;
            u64::from(u32::from_le_bytes(b))
        };
        let payload = end - HEADER - keys_len;
        file.seek(SeekFrom::Start(9)).map_err(werr)?;
        file.write_all(&payload.to_le_bytes()).map_err(werr)?;
        file.sync_all().map_err(werr)?;
        Ok(manifest)
    }
}

/// The part of a backup readable without a key: the keys that open it.
pub struct Header {
    pub keys: KeyFile,
    payload_at: u64,
    payload_len: u64,
}

/// A backup file around `archive`, a tar stream encrypted here with `key`:
/// for fuzzing the reader beyond the header and the encryption.
#[doc(hidden)]
pub fn around(archive: &[u8], keys: &KeyFile, key: &DataKey) -> Vec<u8> {
    let keys_json = serde_json::to_vec(keys).unwrap_or_default();
    let mut sealed = Vec::new();
    if crate::crypto::stream::encrypt(key, &mut &archive[..], &mut sealed).is_err() {
        return Vec::new();
    }
    let mut out = MAGIC.to_vec();
    out.push(FORMAT);
    out.extend_from_slice(&(sealed.len() as u64).to_le_bytes());
    out.extend_from_slice(&u32::try_from(keys_json.len()).unwrap_or(u32::MAX).to_le_bytes());
    out.extend_from_slice(&keys_json);
    out.extend_from_slice(&sealed);
    out
}

/// Read a backup's header and check its length: a cut-off copy is named as such.
pub fn header(path: &Path) -> Result<Header, BackupError> {
    let rerr = |source| BackupError::Read { path: path.to_path_buf(), source };
    let mut file = std::fs::File::open(path).map_err(rerr)?;
    let total = file.metadata().map_err(rerr)?.len();
    let mut head = [0u8; HEADER as usize];
    if total < HEADER {
        return Err(if total >= 8 && starts_with_magic(&mut file) {
            BackupError::Truncated { found: total, expected: HEADER }
        } else {
            BackupError::NotABackup
        });
    }
    file.read_exact(&mut head).map_err(rerr)?;
    if &head[..8] != MAGIC {
        return Err(BackupError::NotABackup);
    }
    if head[8] != FORMAT {
        return Err(BackupError::NewerFormat(head[8]));
    }
    let payload_len = u64::from_le_bytes(head[9..17].try_into().map_err(|_| BackupError::NotABackup)?);
    let keys_len = u32::from_le_bytes(head[17..21].try_into().map_err(|_| BackupError::NotABackup)?);
    if payload_len == 0 {
        // The length is written last: a backup whose writing stopped.
        return Err(BackupError::Damaged("not finished".into()));
    }
    if keys_len > MAX_KEYS {
        return Err(BackupError::Damaged("header".into()));
    }
    // A damaged length can be anything: no sum of it may overflow (found by fuzzing).
    let Some(expected) = (HEADER + u64::from(keys_len)).checked_add(payload_len) else {
        return Err(BackupError::Damaged("header".into()));
    };
    if total < expected {
        return Err(BackupError::Truncated { found: total, expected });
    }
    if total > expected {
        return Err(BackupError::Damaged(format!("{} bytes too many", total - expected)));
    }
    let mut keys = vec![0u8; keys_len as usize];
    file.read_exact(&mut keys).map_err(rerr)?;
    let keys: KeyFile = serde_json::from_slice(&keys).map_err(|_| BackupError::Damaged("keys".into()))?;
    Ok(Header { keys, payload_at: HEADER + u64::from(keys_len), payload_len })
}

fn starts_with_magic(file: &mut std::fs::File) -> bool {
    let mut m = [0u8; 8];
    file.seek(SeekFrom::Start(0)).is_ok() && file.read_exact(&mut m).is_ok() && &m == MAGIC
}

/// Read every member of the backup at `path`, checking each against the
/// manifest; `sink` gets each file (name, contents) to keep or drop. The
/// manifest, once everything matched.
pub fn read(path: &Path, head: &Header, key: &DataKey, mut sink: impl FnMut(&Path, &mut dyn Read) -> Result<(), BackupError>) -> Result<Manifest, BackupError> {
    let rerr = |source| BackupError::Read { path: path.to_path_buf(), source };
    let mut file = std::fs::File::open(path).map_err(rerr)?;
    file.seek(SeekFrom::Start(head.payload_at)).map_err(rerr)?;
    let payload = BufReader::with_capacity(1 << 20, file).take(head.payload_len);
    let dec = Decryptor::new(key, payload).map_err(stream_error)?;
    let mut archive = tar::Archive::new(dec);
    let mut seen: Vec<ManifestFile> = Vec::new();
    let mut manifest: Option<Manifest> = None;
    let io = |e: std::io::Error| stream_error(StreamError::from_io(e));
    for entry in archive.entries().map_err(io)? {
        let mut entry = entry.map_err(io)?;
        let name = entry.path().map_err(io)?.to_string_lossy().into_owned();
        if manifest.is_some() {
            return Err(BackupError::Damaged(format!("{name} after the manifest")));
        }
        if name == MANIFEST {
            if entry.size() > MAX_MANIFEST {
                return Err(BackupError::Damaged("manifest too large".into()));
            }
            let mut json = Vec::new();
            entry.read_to_end(&mut json).map_err(io)?;
            manifest = Some(serde_json::from_slice(&json).map_err(|_| BackupError::Damaged("manifest".into()))?);
            continue;
        }
        let rel = safe_path(&name).ok_or_else(|| BackupError::Damaged(format!("member {name}")))?;
        let mut reader = Hashing { inner: &mut entry, hash: Sha256::new(), size: 0 };
        sink(&rel, &mut reader)?;
        // Whatever the sink left unread still counts.
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(io)?;
        seen.push(ManifestFile { path: name, size: reader.size, sha256: hex::encode(reader.hash.finalize()) });
    }
    // The tar reader stops at its end marker: the encryption's last chunk must be read too.
    let mut rest = archive.into_inner();
    std::io::copy(&mut rest, &mut std::io::sink()).map_err(io)?;
    let manifest = manifest.ok_or_else(|| BackupError::Damaged("no manifest".into()))?;
    if manifest.files != seen {
        let first = manifest.files.iter().zip(&seen).find(|(a, b)| a != b).map(|(a, _)| a.path.clone()).unwrap_or_else(|| "file count".into());
        return Err(BackupError::Damaged(format!("manifest differs at {first}")));
    }
    Ok(manifest)
}
