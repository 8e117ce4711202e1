//! Reading a file the office named: only a regular file, only up to a size
//! stated per kind, checked before reading and enforced while reading, so
//! `/dev/zero`, a pipe or a file that keeps growing can neither hang the
//! app nor fill its memory.

use std::io::Read;
use std::path::Path;

use super::{FileError, SpecialKind};
use crate::i18n::Lang;

const MB: u64 = 1024 * 1024;

/// What a file is read as; each kind has its own size limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A roster export (CSV): 1 000 pupils take about 100 KB.
    Roster,
    /// A consent form file (TOML).
    Form,
    /// A photo (JPEG, PNG): camera originals are 3–30 MB.
    Photo,
    /// The organisation's logo (PNG, JPEG).
    Logo,
    /// The scan or photo of a signed form (PDF, JPEG, PNG).
    Scan,
}

impl InputKind {
    /// The largest file read as this kind, in bytes.
    pub const fn limit(self) -> u64 {
        match self {
            InputKind::Roster => 20 * MB,
            InputKind::Form => MB,
            InputKind::Photo => 100 * MB,
            InputKind::Logo => 5 * MB,
            // A signed form scanned in colour at 300 dpi is a few MB per page; a phone photo of it up to ~15 MB.
            InputKind::Scan => 40 * MB,
        }
    }

    pub fn limit_text(self) -> String {
        format!("{} MB", self.limit() / MB)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            InputKind::Roster => lang.pick("een leerlingenlijst", "a roster"),
            InputKind::Form => lang.pick("een formulierbestand", "a form file"),
            InputKind::Photo => lang.pick("een foto", "a photo"),
            InputKind::Logo => lang.pick("een logo", "a logo"),
            InputKind::Scan => lang.pick("een scan", "a scan"),
        }
    }
}

/// The bytes of `path`, when it is a regular file within the kind's limit.
pub fn read_input(path: &Path, kind: InputKind) -> Result<Vec<u8>, FileError> {
    let limit = kind.limit();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(match std::fs::symlink_metadata(path) {
                Ok(_) => FileError::DanglingLink(path.to_path_buf()),
                Err(_) => FileError::NotFound(path.to_path_buf()),
            });
        }
        Err(source) => return Err(FileError::Read { path: path.to_path_buf(), source }),
    };
    check_kind(path, &meta)?;
    if meta.len() > limit {
        return Err(FileError::TooLarge { path: path.to_path_buf(), kind });
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Never wait on a pipe swapped in after the check above.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
    let meta = file.metadata().map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
    check_kind(path, &meta)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    // One byte more than allowed tells a file that grew while being read.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(|source| FileError::Read { path: path.to_path_buf(), source })?;
    if bytes.len() as u64 > limit {
        return Err(FileError::TooLarge { path: path.to_path_buf(), kind });
    }
    Ok(bytes)
}

fn check_kind(path: &Path, meta: &std::fs::Metadata) -> Result<(), FileError> {
    if meta.is_dir() {
        return Err(FileError::IsFolder(path.to_path_buf()));
    }
    if !meta.is_file() {
        return Err(FileError::NotRegular { path: path.to_path_buf(), what: SpecialKind::of(&meta.file_type()) });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::UserFacing;

    fn code(r: Result<Vec<u8>, FileError>) -> &'static str {
        r.map(|_| "ok").unwrap_or_else(|e| e.code().as_str())
    }

    #[test]
    fn reads_regular_files_within_the_limit_only() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("a.csv");
        std::fs::write(&small, b"naam\nAnna\n").unwrap();
        assert_eq!(read_input(&small, InputKind::Roster).unwrap(), b"naam\nAnna\n");
        let big = dir.path().join("big.toml");
        std::fs::write(&big, vec![b'a'; (InputKind::Form.limit() + 1) as usize]).unwrap();
        assert_eq!(code(read_input(&big, InputKind::Form)), "file.too_large");
        assert_eq!(code(read_input(dir.path(), InputKind::Roster)), "file.is_folder");
        assert_eq!(code(read_input(&dir.path().join("missing.csv"), InputKind::Roster)), "file.not_found");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(code(read_input(Path::new("/dev/zero"), InputKind::Photo)), "file.not_regular");
        let fifo = dir.path().join("photo.jpg");
        let c = std::ffi::CString::new(fifo.to_string_lossy().as_bytes()).unwrap();
        // SAFETY: a valid, NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(code(read_input(&fifo, InputKind::Photo)), "file.not_regular");
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.csv")).unwrap();
        assert_eq!(code(read_input(&dir.path().join("zero.csv"), InputKind::Roster)), "file.not_regular");
    }
}
