//! Where the office may have a file written. One rule for every command
//! that writes a file someone named, in the window and on the command line:
//! never inside the data folder; only onto a regular file or a new name
//! (devices, pipes, sockets and folders are refused; a link is followed and
//! its target checked); an existing file only when the user said so.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FileError, SpecialKind};

/// A file to write, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    pub path: PathBuf,
    /// The user agreed to replace an existing file (`--force`, or a save
    /// dialog that already asked).
    pub overwrite: bool,
}

/// A folder to write files into, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputDir {
    pub path: PathBuf,
    /// Files of the same name in it may be replaced.
    pub overwrite: bool,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, overwrite: bool) -> OutputFile {
        OutputFile { path: path.into(), overwrite }
    }

    /// Check the rules; the path to write to (links followed) when they hold.
    pub fn resolve(&self, data_dir: Option<&Path>) -> Result<PathBuf, FileError> {
        let path = &self.path;
        let name = path.file_name().filter(|_| !ends_with_separator(path)).ok_or(FileError::NoName)?;
        let existing = match std::fs::symlink_metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Err(FileError::NotAFolder(parent_of(path))),
            Err(source) => return Err(FileError::Write { path: path.clone(), source }),
        };
        let resolved = match &existing {
            // An existing name (or a link): where it really leads.
            Some(_) => std::fs::canonicalize(path).map_err(|_| FileError::DanglingLink(path.clone()))?,
            None => {
                let parent = parent_of(path);
                let dir = match std::fs::canonicalize(&parent) {
                    Ok(dir) => dir,
                    Err(_) => {
                        // Inside a data folder not made yet (a first setup) is still inside it.
                        refuse_inside(&std::path::absolute(path).unwrap_or_else(|_| path.clone()), path, data_dir)?;
                        return Err(FileError::NoFolder(parent.clone()));
                    }
                };
                if !dir.is_dir() {
                    return Err(FileError::NotAFolder(parent));
                }
                dir.join(name)
            }
        };
        refuse_inside(&resolved, path, data_dir)?;
        if existing.is_some() {
            // Follows a link to its target.
            let meta = std::fs::metadata(&resolved).map_err(|source| FileError::Write { path: path.clone(), source })?;
            if meta.is_dir() {
                return Err(FileError::IsFolder(path.clone()));
            }
            if !meta.is_file() {
                return Err(FileError::NotRegular { path: path.clone(), what: SpecialKind::of(&meta.file_type()) });
            }
            if !self.overwrite {
                return Err(FileError::Exists(path.clone()));
            }
        }
        Ok(resolved)
    }
}

impl OutputDir {
    pub fn new(path: impl Into<PathBuf>, overwrite: bool) -> OutputDir {
        OutputDir { path: path.into(), overwrite }
    }

    /// Check the rules for the folder; the folder to write into when they
    /// hold. A folder that does not exist yet is made when written to.
    pub fn resolve(&self, data_dir: Option<&Path>) -> Result<PathBuf, FileError> {
        let path = &self.path;
        if path.as_os_str().is_empty() {
            return Err(FileError::NoName);
        }
        let resolved = match std::fs::symlink_metadata(path) {
            Ok(_) => {
                let real = std::fs::canonicalize(path).map_err(|_| FileError::DanglingLink(path.clone()))?;
                if !real.is_dir() {
                    return Err(FileError::NotAFolder(path.clone()));
                }
                real
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => resolve_new(path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Err(FileError::NotAFolder(parent_of(path))),
            Err(source) => return Err(FileError::Write { path: path.clone(), source }),
        };
        refuse_inside(&resolved, path, data_dir)?;
        Ok(resolved)
    }

    /// Before writing `names` into `dir`: nothing of those names may be
    /// anything but a regular file, and regular files only with `overwrite`.
    pub fn check_names(&self, dir: &Path, names: &[String]) -> Result<(), FileError> {
        let mut taken = Vec::new();
        for name in names {
            let target = dir.join(name);
            match std::fs::symlink_metadata(&target) {
                Ok(m) if m.is_dir() => return Err(FileError::IsFolder(target)),
                Ok(m) if m.is_file() || m.file_type().is_symlink() => taken.push(name.clone()),
                Ok(m) => return Err(FileError::NotRegular { path: target, what: SpecialKind::of(&m.file_type()) }),
                Err(_) => {}
            }
        }
        if !taken.is_empty() && !self.overwrite {
            return Err(FileError::ExistingInFolder { dir: self.path.clone(), names: taken });
        }
        Ok(())
    }
}

/// Two outputs of one command are never the same file.
pub fn distinct(resolved: &[(&Path, &Path)]) -> Result<(), FileError> {
    for (i, (a, shown)) in resolved.iter().enumerate() {
        if resolved[i + 1..].iter().any(|(b, _)| same_path(a, b)) {
            return Err(FileError::SameOutput(shown.to_path_buf()));
        }
    }
    Ok(())
}

/// `stem.ext` beside `near`, or `stem (2).ext`, `stem (3).ext`, … : the
/// first name nothing uses yet, for a second file the user did not name.
pub fn free_name(near: &Path, stem: &str, ext: &str) -> PathBuf {
    let dir = near.parent().unwrap_or(Path::new("."));
    let mut candidate = dir.join(format!("{stem}.{ext}"));
    let mut n = 2;
    while std::fs::symlink_metadata(&candidate).is_ok() || candidate == near {
        candidate = dir.join(format!("{stem} ({n}).{ext}"));
        n += 1;
    }
    candidate
}

/// The folder a path names its file in (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

fn ends_with_separator(p: &Path) -> bool {
    let s = p.as_os_str().to_string_lossy();
    s.ends_with('/') || (cfg!(windows) && s.ends_with('\\'))
}

/// A path that does not exist yet, made absolute from its nearest existing
/// folder with links resolved, so that no spelling can hide where it leads.
fn resolve_new(path: &Path) -> Result<PathBuf, FileError> {
    let abs = std::path::absolute(path).map_err(|source| FileError::Write { path: path.to_path_buf(), source })?;
    let mut base = abs.clone();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(&base) {
            if !real.is_dir() {
                return Err(FileError::NotAFolder(base));
            }
            let mut out = real;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return Ok(out);
        }
        match base.components().next_back() {
            Some(Component::Normal(part)) => rest.push(part.to_os_string()),
            // `..` after a missing folder cannot be resolved safely.
            _ => return Err(FileError::NoFolder(path.to_path_buf())),
        }
        if !base.pop() {
            return Err(FileError::NoFolder(path.to_path_buf()));
        }
    }
}

/// Refuse a resolved path inside the data folder (links resolved on both sides).
fn refuse_inside(resolved: &Path, shown: &Path, data_dir: Option<&Path>) -> Result<(), FileError> {
    let Some(data) = data_dir else { return Ok(()) };
    let data = std::fs::canonicalize(data).or_else(|_| std::path::absolute(data)).unwrap_or_else(|_| data.to_path_buf());
    if within(resolved, &data) {
        return Err(FileError::InsideData(shown.to_path_buf()));
    }
    Ok(())
}

/// Whether `path` is `dir` or lies under it. Windows and macOS compare
/// names without case, as their file systems do.
pub fn within(path: &Path, dir: &Path) -> bool {
    if cfg!(any(windows, target_os = "macos")) {
        let lower = |p: &Path| PathBuf::from(p.to_string_lossy().to_lowercase());
        lower(path).starts_with(lower(dir))
    } else {
        path.starts_with(dir)
    }
}

fn same_path(a: &Path, b: &Path) -> bool {
    within(a, b) && within(b, a)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let root = tempfile::tempdir().unwrap();
        let data = root.path().join("data");
        let out = root.path().join("out");
        std::fs::create_dir_all(data.join("photos")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(data.join("beeldakkoord.sqlite3"), b"db").unwrap();
        (root, data, out)
    }

    fn code(r: Result<PathBuf, FileError>) -> &'static str {
        use crate::i18n::UserFacing;
        match r {
            Ok(_) => "ok",
            Err(e) => e.code().as_str(),
        }
    }

    #[test]
    fn files_inside_the_data_folder_are_refused_however_they_are_spelled() {
        let (_root, data, out) = setup();
        let d = Some(data.as_path());
        let f = |p: PathBuf| OutputFile::new(p, true).resolve(d);
        assert_eq!(code(f(data.join("beeldakkoord.sqlite3"))), "file.inside_data");
        assert_eq!(code(f(data.join("beeldakkoord.sqlite3-wal"))), "file.inside_data");
        assert_eq!(code(f(out.join("../data/x.pdf"))), "file.inside_data");
        assert_eq!(code(f(data.join("photos/new.pdf"))), "file.inside_data");
        std::os::unix::fs::symlink(data.join("beeldakkoord.sqlite3"), out.join("link.pdf")).unwrap();
        assert_eq!(code(f(out.join("link.pdf"))), "file.inside_data");
        std::os::unix::fs::symlink(&data, out.join("datalink")).unwrap();
        assert_eq!(code(f(out.join("datalink/new.pdf"))), "file.inside_data");
        assert_eq!(code(f(out.join("fine.pdf"))), "ok");
    }

    #[test]
    fn only_regular_files_or_new_names_and_existing_ones_only_when_asked() {
        let (_root, data, out) = setup();
        let d = Some(data.as_path());
        assert_eq!(code(OutputFile::new("/dev/null", true).resolve(d)), "file.not_regular");
        assert_eq!(code(OutputFile::new(&out, true).resolve(d)), "file.is_folder");
        assert_eq!(code(OutputFile::new(out.join("missing/x.pdf"), true).resolve(d)), "file.no_folder");
        assert_eq!(code(OutputFile::new(out.join("dir/"), true).resolve(d)), "file.no_name");
        std::fs::write(out.join("old.pdf"), b"old").unwrap();
        assert_eq!(code(OutputFile::new(out.join("old.pdf"), false).resolve(d)), "file.exists");
        assert_eq!(code(OutputFile::new(out.join("old.pdf"), true).resolve(d)), "ok");
        std::os::unix::fs::symlink(out.join("nowhere"), out.join("dangling.pdf")).unwrap();
        assert_eq!(code(OutputFile::new(out.join("dangling.pdf"), true).resolve(d)), "file.dangling_link");
    }

    #[test]
    fn folders_follow_the_same_rules() {
        let (_root, data, out) = setup();
        let d = Some(data.as_path());
        assert_eq!(code(OutputDir::new(&data, true).resolve(d)), "file.inside_data");
        assert_eq!(code(OutputDir::new(data.join("photos/new"), true).resolve(d)), "file.inside_data");
        assert_eq!(code(OutputDir::new(out.join("new/deeper"), false).resolve(d)), "ok");
        std::fs::write(out.join("a.pdf"), b"x").unwrap();
        assert_eq!(code(OutputDir::new(out.join("a.pdf"), false).resolve(d)), "file.not_a_folder");
        let dir = OutputDir::new(&out, false);
        assert!(dir.check_names(&out, &["b.pdf".into()]).is_ok());
        assert!(matches!(dir.check_names(&out, &["a.pdf".into(), "b.pdf".into()]), Err(FileError::ExistingInFolder { .. })));
        assert!(OutputDir::new(&out, true).check_names(&out, &["a.pdf".into()]).is_ok());
    }

    #[test]
    fn a_second_file_gets_a_name_nobody_uses() {
        let (_root, _data, out) = setup();
        let list = out.join("Lijst.pdf");
        assert_eq!(free_name(&list, "Formulieren", "pdf"), out.join("Formulieren.pdf"));
        std::fs::write(out.join("Formulieren.pdf"), b"x").unwrap();
        std::fs::write(out.join("Formulieren (2).pdf"), b"x").unwrap();
        assert_eq!(free_name(&list, "Formulieren", "pdf"), out.join("Formulieren (3).pdf"));
        // Never the file the user named for the first output.
        assert_eq!(free_name(&out.join("Lijst.pdf"), "Lijst", "pdf"), out.join("Lijst (2).pdf"));
    }

    #[test]
    fn two_outputs_never_the_same_file() {
        let (_root, _data, out) = setup();
        let a = out.join("a.pdf");
        let b = out.join("b.pdf");
        assert!(distinct(&[(&a, &a), (&b, &b)]).is_ok());
        assert!(matches!(distinct(&[(&a, &a), (&a, &b)]), Err(FileError::SameOutput(_))));
    }
}
