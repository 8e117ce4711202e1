//! Files the office names: what may be read (regular files of a bounded
//! size, in the encodings an office has), where output may go (never into
//! the data folder, never onto anything but a regular file), and writing so
//! that a crash or a full disk never leaves half a file.

pub mod decode;
pub mod input;
pub mod output;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::domain::text::some_of;
use crate::i18n::{ErrorCode, Lang, UserFacing};

pub use input::{read_input, InputKind};
pub use output::{OutputDir, OutputFile};

/// Makes temporary names unique between threads of one process.
static NEXT_TMP: AtomicU64 = AtomicU64::new(0);

/// Temporary files start with this, end with [`TMP_SUFFIX`], and carry the
/// process id, so a later run can tell its own from those of a killed one.
pub const TMP_PREFIX: &str = ".bk-";
pub const TMP_SUFFIX: &str = ".tmp";

/// What is wrong with a file the office named, or with reading or writing it.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("not found {0}")]
    NotFound(PathBuf),
    #[error("is a folder {0}")]
    IsFolder(PathBuf),
    #[error("not a regular file {path}")]
    NotRegular { path: PathBuf, what: SpecialKind },
    #[error("too large {path}")]
    TooLarge { path: PathBuf, kind: InputKind },
    #[error("inside the data folder {0}")]
    InsideData(PathBuf),
    #[error("the data folder as a source {0}")]
    DataAsSource(PathBuf),
    #[error("exists {0}")]
    Exists(PathBuf),
    #[error("existing files in {dir}")]
    ExistingInFolder { dir: PathBuf, names: Vec<String> },
    #[error("same output twice {0}")]
    SameOutput(PathBuf),
    #[error("no such folder {0}")]
    NoFolder(PathBuf),
    #[error("not a folder {0}")]
    NotAFolder(PathBuf),
    #[error("no file name")]
    NoName,
    #[error("dangling link {0}")]
    DanglingLink(PathBuf),
    #[error("undecodable text, tried {tried}, line {line}")]
    Undecodable { tried: &'static str, line: usize },
}

/// Kinds of file that are not a regular file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialKind {
    Device,
    Fifo,
    Socket,
    Other,
}

impl SpecialKind {
    fn of(ft: &std::fs::FileType) -> SpecialKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_block_device() || ft.is_char_device() {
                return SpecialKind::Device;
            }
            if ft.is_fifo() {
                return SpecialKind::Fifo;
            }
            if ft.is_socket() {
                return SpecialKind::Socket;
            }
        }
        let _ = ft;
        SpecialKind::Other
    }

    fn describe(self, lang: Lang) -> &'static str {
        match self {
            SpecialKind::Device => lang.pick("een apparaat", "a device"),
            SpecialKind::Fifo => lang.pick("een pijp (FIFO)", "a pipe (FIFO)"),
            SpecialKind::Socket => lang.pick("een socket", "a socket"),
            SpecialKind::Other => lang.pick("geen gewoon bestand", "not a regular file"),
        }
    }
}

/// An operating-system error in words of the user's language, never the
/// English text of the system alone.
pub fn describe_io(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (nl, en) = match e.kind() {
        K::NotFound => ("het bestand of de map bestaat niet", "the file or folder does not exist"),
        K::PermissionDenied => ("u heeft daar geen toegang (rechten)", "permission denied"),
        K::AlreadyExists => ("er bestaat daar al iets met die naam", "something with that name exists already"),
        K::StorageFull => ("de schijf is vol", "the disk is full"),
        K::ReadOnlyFilesystem => ("de schijf of map is alleen-lezen", "the disk or folder is read-only"),
        K::IsADirectory => ("dat is een map", "that is a folder"),
        K::NotADirectory => ("een deel van het pad is geen map", "part of the path is not a folder"),
        K::InvalidFilename => ("de naam is ongeldig of te lang", "the name is invalid or too long"),
        K::QuotaExceeded => ("uw schijfquotum is op", "your disk quota is used up"),
        K::FileTooLarge => ("het bestand is te groot voor deze schijf", "the file is too large for this disk"),
        K::CrossesDevices => ("het bestand kan niet naar een andere schijf verplaatst worden", "the file cannot be moved to another disk"),
        K::UnexpectedEof => ("het bestand houdt onverwacht op", "the file ends unexpectedly"),
        K::Interrupted | K::TimedOut | K::WouldBlock => ("het lezen of schrijven werd onderbroken", "reading or writing was interrupted"),
        _ => {
            return match e.raw_os_error() {
                Some(code) => lang.pick(format!("systeemfout {code}"), format!("system error {code}")),
                None => lang.pick("onbekende systeemfout", "unknown system error").to_string(),
            };
        }
    };
    lang.pick(nl, en).to_string()
}

impl UserFacing for FileError {
    fn code(&self) -> ErrorCode {
        match self {
            FileError::Read { .. } => ErrorCode::FileRead,
            FileError::Write { .. } => ErrorCode::FileWrite,
            FileError::NotFound(_) => ErrorCode::FileNotFound,
            FileError::IsFolder(_) => ErrorCode::FileIsFolder,
            FileError::NotRegular { .. } => ErrorCode::FileNotRegular,
            FileError::TooLarge { .. } => ErrorCode::FileTooLarge,
            FileError::InsideData(_) | FileError::DataAsSource(_) => ErrorCode::FileInsideData,
            FileError::Exists(_) | FileError::ExistingInFolder { .. } => ErrorCode::FileExists,
            FileError::SameOutput(_) => ErrorCode::FileSameOutput,
            FileError::NoFolder(_) => ErrorCode::FileNoFolder,
            FileError::NotAFolder(_) => ErrorCode::FileNotAFolder,
            FileError::NoName => ErrorCode::FileNoName,
            FileError::DanglingLink(_) => ErrorCode::FileDanglingLink,
            FileError::Undecodable { .. } => ErrorCode::FileEncoding,
        }
    }

    fn message(&self, lang: Lang) -> String {
        let show = |p: &Path| crate::domain::text::shorten(&p.display().to_string(), 200);
        match self {
            FileError::Read { path, source } => lang.pick(
                format!("Het bestand {} kan niet gelezen worden: {}.", show(path), describe_io(source, lang)),
                format!("The file {} cannot be read: {}.", show(path), describe_io(source, lang)),
            ),
            FileError::Write { path, source } => lang.pick(
                format!("Het bestand {} kan niet geschreven worden: {}. Er is niets opgeslagen.", show(path), describe_io(source, lang)),
                format!("The file {} cannot be written: {}. Nothing was saved.", show(path), describe_io(source, lang)),
            ),
            FileError::NotFound(p) => lang.pick(
                format!("Het bestand {} bestaat niet. Controleer de naam en de map.", show(p)),
                format!("The file {} does not exist. Check the name and the folder.", show(p)),
            ),
            FileError::IsFolder(p) => lang.pick(
                format!("{} is een map, geen bestand. Kies een bestand.", show(p)),
                format!("{} is a folder, not a file. Choose a file.", show(p)),
            ),
            FileError::NotRegular { path, what } => lang.pick(
                format!("{} is {}, geen gewoon bestand: Beeldakkoord leest en schrijft alleen gewone bestanden.", show(path), what.describe(lang)),
                format!("{} is {}, not a regular file: Beeldakkoord reads and writes regular files only.", show(path), what.describe(lang)),
            ),
            FileError::TooLarge { path, kind } => lang.pick(
                format!("{} is te groot voor {} (hoogstens {}).", show(path), kind.describe(lang), kind.limit_text()),
                format!("{} is too large for {} (at most {}).", show(path), kind.describe(lang), kind.limit_text()),
            ),
            FileError::InsideData(p) => lang.pick(
                format!("{} ligt in de gegevensmap van Beeldakkoord. Bewaar afdrukken en kopieën in een andere map, zodat de gegevens zelf nooit overschreven worden. Er is niets veranderd.", show(p)),
                format!("{} is inside Beeldakkoord's data folder. Save printouts and copies in another folder, so the data itself is never overwritten. Nothing was changed.", show(p)),
            ),
            FileError::DataAsSource(p) => lang.pick(
                format!("{} is (of ligt in) de gegevensmap van Beeldakkoord: daar staan de eigen kopieën van foto's die al zijn ingelezen. Kies de map van de camera of de telefoon.", show(p)),
                format!("{} is (or is inside) Beeldakkoord's data folder: it holds the copies of photos already imported. Choose the camera's or the phone's folder.", show(p)),
            ),
            FileError::Exists(p) => lang.pick(
                format!("Het bestand {} bestaat al. Kies een andere naam (op de opdrachtregel vervangt --force het bestand). Er is niets veranderd.", show(p)),
                format!("The file {} exists already. Choose another name (on the command line, --force replaces it). Nothing was changed.", show(p)),
            ),
            FileError::ExistingInFolder { dir, names } => lang.pick(
                format!("In {} staan al bestanden met dezelfde naam: {}. Kies een lege map (op de opdrachtregel vervangt --force ze). Er is niets veranderd.", show(dir), some_of(names, 3, lang)),
                format!("{} already holds files of the same name: {}. Choose an empty folder (on the command line, --force replaces them). Nothing was changed.", show(dir), some_of(names, 3, lang)),
            ),
            FileError::SameOutput(p) => lang.pick(
                format!("Twee uitvoerbestanden hebben dezelfde naam ({}); het ene zou het andere overschrijven. Kies twee verschillende namen.", show(p)),
                format!("Two output files have the same name ({}); one would overwrite the other. Choose two different names.", show(p)),
            ),
            FileError::NoFolder(p) => lang.pick(
                format!("De map {} bestaat niet. Maak de map eerst aan of kies een bestaande map.", show(p)),
                format!("The folder {} does not exist. Create it first or choose an existing folder.", show(p)),
            ),
            FileError::NotAFolder(p) => lang.pick(
                format!("{} is geen map. Kies een map om de bestanden in te zetten.", show(p)),
                format!("{} is not a folder. Choose a folder to put the files in.", show(p)),
            ),
            FileError::NoName => lang.pick("Geef een bestandsnaam op.".to_string(), "Give a file name.".to_string()),
            FileError::DanglingLink(p) => lang.pick(
                format!("{} is een snelkoppeling die nergens naar wijst. Kies een gewoon bestand.", show(p)),
                format!("{} is a link that points nowhere. Choose a regular file.", show(p)),
            ),
            FileError::Undecodable { tried, line } => lang.pick(
                format!("Regel {line} van het bestand is geen leesbare tekst (geprobeerd: {tried}). Sla het bestand op als 'CSV UTF-8' of 'Unicode-tekst' en probeer opnieuw. Er is niets ingelezen."),
                format!("Line {line} of the file is not readable text (tried: {tried}). Save the file as 'CSV UTF-8' or 'Unicode text' and try again. Nothing was imported."),
            ),
        }
    }
}

/// Write `bytes` to `path` completely or not at all: a temporary file beside
/// it, flushed to disk, then renamed over the target. The rename replaces
/// the name, never the contents of another file that shares it.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes))
}

/// [`write_atomic`] for content made while writing (an encrypted stream).
pub fn write_atomic_with(path: &Path, write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let tmp = dir.join(tmp_name());
    let result = (|| {
        // create_new: never follow or reuse something already at the temporary name.
        let mut f = std::fs::OpenOptions::new().read(true).write(true).create_new(true).open(&tmp)?;
        write(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable only once the folder is.
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A temporary file's name in a folder (named as the clean-up of killed
/// runs knows them), removed when dropped unless [`TempPath::persist`] gave
/// it its final name.
pub struct TempPath {
    path: Option<PathBuf>,
}

impl TempPath {
    pub fn new(dir: &Path) -> TempPath {
        TempPath { path: Some(dir.join(tmp_name())) }
    }

    pub fn path(&self) -> &Path {
        self.path.as_deref().unwrap_or(Path::new(""))
    }

    /// Rename to `to` (replacing it) and make the rename durable.
    pub fn persist(mut self, to: &Path) -> std::io::Result<()> {
        let from = self.path.take().ok_or_else(|| std::io::Error::other("persisted twice"))?;
        let done = std::fs::rename(&from, to).and_then(|_| sync_dir(to.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))));
        if done.is_err() {
            let _ = std::fs::remove_file(&from);
        }
        done
    }
}

impl Drop for TempPath {
    fn drop(&mut self) {
        if let Some(p) = self.path.take() {
            remove_with_journals(&p);
        }
    }
}

/// Remove a file and the journal files SQLite may have left beside it
/// (`-wal`, `-shm`, `-journal`); what is not there is no error.
pub fn remove_with_journals(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Flush a folder's entries (a new or renamed file in it) to disk. Windows
/// cannot open a folder as a file; NTFS journals renames itself.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// A fresh temporary name: `.bk-<pid>-<n>.tmp`.
fn tmp_name() -> String {
    let n = NEXT_TMP.fetch_add(1, Ordering::Relaxed);
    format!("{TMP_PREFIX}{}-{n}{TMP_SUFFIX}", std::process::id())
}

/// The process that made a temporary file, from its name.
/// Also reads the older form `.<name>.<pid>-<n>.tmp`.
fn tmp_owner(name: &str) -> Option<u32> {
    let stem = name.strip_suffix(TMP_SUFFIX)?;
    let rest = match stem.strip_prefix(TMP_PREFIX) {
        Some(rest) => rest,
        None => stem.strip_prefix('.')?.rsplit_once('.')?.1,
    };
    let (pid, n) = rest.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether a process still runs. Where that cannot be told, it is assumed
/// to run, so only files older than a day are removed then.
fn process_alive(pid: u32) -> Option<bool> {
    if pid == std::process::id() {
        return Some(true);
    }
    let proc_dir = Path::new("/proc");
    if cfg!(target_os = "linux") && proc_dir.is_dir() {
        return Some(proc_dir.join(pid.to_string()).exists());
    }
    None
}

/// Remove temporary files that a killed or crashed run left under `root`
/// (searched to `depth` levels). Those of a process that still runs are
/// kept. Returns how many were removed.
pub fn clean_stale_temps(root: &Path, depth: usize) -> usize {
    let mut removed = 0;
    let Ok(entries) = std::fs::read_dir(root) else {
        return 0;
    };
    for e in entries.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let name = e.file_name().to_string_lossy().into_owned();
        if ft.is_dir() && depth > 0 {
            removed += clean_stale_temps(&e.path(), depth - 1);
        } else if ft.is_file() {
            let Some(pid) = tmp_owner(&name) else {
                continue;
            };
            let stale = match process_alive(pid) {
                Some(alive) => !alive,
                None => e.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok()).is_some_and(|age| age.as_secs() > 86_400),
            };
            if stale && std::fs::remove_file(e.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// A hidden folder inside an output folder where a set of files is made
/// before any of it shows: [`Staging::move_in`] moves them all in, and
/// whatever happens before that (an error, a cancel) leaves nothing behind,
/// because dropping the staging folder removes it with what it holds.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// Make `out_dir` if needed and a fresh hidden folder inside it.
    pub fn new(out_dir: &Path, what: &str) -> std::io::Result<Staging> {
        std::fs::create_dir_all(out_dir)?;
        let n = NEXT_TMP.fetch_add(1, Ordering::Relaxed);
        let dir = out_dir.join(format!(".beeldakkoord-{what}-{}-{n}", std::process::id()));
        std::fs::create_dir(&dir)?;
        Ok(Staging { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Move `names` from the staging folder into `out_dir`, in order. If one
    /// cannot be moved, those already moved are removed again and the error
    /// names the file.
    pub fn move_in(self, out_dir: &Path, names: &[String]) -> Result<Vec<PathBuf>, FileError> {
        let mut moved = Vec::with_capacity(names.len());
        for name in names {
            let target = out_dir.join(name);
            if let Err(source) = std::fs::rename(self.dir.join(name), &target) {
                for f in &moved {
                    let _ = std::fs::remove_file(f);
                }
                return Err(FileError::Write { path: target, source });
            }
            moved.push(target);
        }
        Ok(moved)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A name fit for a file on every office PC: no path separators and none of
/// the characters Windows refuses; letters of any language stay.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() { '-' } else { c }).collect();
    cleaned.trim().trim_end_matches('.').trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_and_lose_what_windows_refuses() {
        assert_eq!(safe_file_name("Zoë D'Hondt"), "Zoë D'Hondt");
        assert_eq!(safe_file_name("a/b\\c:d?"), "a-b-c-d-");
        assert_eq!(safe_file_name(" Jan. "), "Jan");
        assert_eq!(safe_file_name("Дмитрий"), "Дмитрий");
    }

    #[test]
    fn temporary_files_of_dead_processes_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("ab");
        std::fs::create_dir(&sub).unwrap();
        // A pid far above any Linux pid_max: that process cannot run.
        let dead = sub.join(format!("{TMP_PREFIX}4194305-0{TMP_SUFFIX}"));
        let dead_old_style = sub.join(".ab12.jpg.4194306-3.tmp");
        let mine = sub.join(format!("{TMP_PREFIX}{}-7{TMP_SUFFIX}", std::process::id()));
        let other = sub.join("photo.jpg");
        for p in [&dead, &dead_old_style, &mine, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        if cfg!(target_os = "linux") {
            assert_eq!(clean_stale_temps(dir.path(), 2), 2);
            assert!(!dead.exists() && !dead_old_style.exists());
        }
        assert!(mine.exists() && other.exists());
    }

    #[test]
    fn a_failed_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder: the rename fails, the temporary file goes.
        let target = dir.path().join("sub");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("keep"), b"x").unwrap();
        assert!(write_atomic(&target, b"data").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, [std::ffi::OsString::from("sub")]);
    }
}
