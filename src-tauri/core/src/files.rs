//! Writing files so that a crash or a full disk never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Makes temporary names unique between threads of one process.
static NEXT_TMP: AtomicU64 = AtomicU64::new(0);

/// Write `bytes` to `path` completely or not at all: a temporary file beside
/// it, flushed to disk, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "beeldakkoord".into());
    let n = NEXT_TMP.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
    pub fn move_in(self, out_dir: &Path, names: &[String]) -> Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
        let mut moved = Vec::with_capacity(names.len());
        for name in names {
            let target = out_dir.join(name);
            if let Err(e) = std::fs::rename(self.dir.join(name), &target) {
                for f in &moved {
                    let _ = std::fs::remove_file(f);
                }
                return Err((target, e));
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
    #[test]
    fn file_names_keep_letters_and_lose_what_windows_refuses() {
        assert_eq!(super::safe_file_name("Zoë D'Hondt"), "Zoë D'Hondt");
        assert_eq!(super::safe_file_name("a/b\\c:d?"), "a-b-c-d-");
        assert_eq!(super::safe_file_name(" Jan. "), "Jan");
        assert_eq!(super::safe_file_name("Дмитрий"), "Дмитрий");
    }
}
