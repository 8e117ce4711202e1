//! Backups through the API: made from a consistent snapshot while the app
//! is in use, checked without restoring, and restored only into an empty
//! folder, with a password of a user in the backup or the recovery code.

use super::*;
use crate::auth::{Action, AuthError};
use crate::backup::{self, BackupError, Manifest};
use crate::crypto::keyfile::KeyFile;
use crate::crypto::keys::{self, DataKey, KeyError};
use crate::domain::org::{BackupSettings, BACKUP_KEEP_RANGE, BACKUP_STALE_DAYS};
use rusqlite::OptionalExtension;

/// Who opens a backup: a user in it with their password, or the recovery code.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum BackupSecret {
    Password { user: String, password: String },
    RecoveryCode { code: String },
}

/// The daily backups' file names: `Beeldakkoord-2026-11-30-081502.bkb`.
const SCHEDULED_PREFIX: &str = "Beeldakkoord-";
const SCHEDULED_SUFFIX: &str = ".bkb";

/// The newest backup made, from the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LastBackup {
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    pub file: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BackupStatus {
    pub settings: BackupSettings,
    pub last: Option<LastBackup>,
    /// Whole days since the newest backup; `None`: never.
    pub days_since: Option<i64>,
    /// No backup in the last week (or ever): the window warns.
    pub stale: bool,
    /// A folder is chosen and no backup was made today.
    pub due_today: bool,
}

/// What a backup holds, as `backup verify` and the window show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BackupInfo {
    pub file: PathBuf,
    pub created_at: String,
    pub organisation: String,
    pub schema_version: u32,
    pub app_version: String,
    pub files: u32,
    pub photo_files: u32,
    pub bytes: u64,
}

fn info(file: &Path, m: &Manifest) -> BackupInfo {
    BackupInfo {
        file: file.to_path_buf(),
        created_at: m.created_at.clone(),
        organisation: m.organisation.clone(),
        schema_version: m.schema_version,
        app_version: m.app_version.clone(),
        files: u32::try_from(m.files.len()).unwrap_or(u32::MAX),
        photo_files: u32::try_from(m.files.iter().filter(|f| f.path.starts_with("photos/")).count()).unwrap_or(u32::MAX),
        bytes: std::fs::metadata(file).map(|m| m.len()).unwrap_or(0),
    }
}

/// The data key of a backup, from its own keys.
fn open_key(head: &backup::Header, secret: &BackupSecret) -> Result<DataKey> {
    match secret {
        BackupSecret::Password { user, password } => match head.keys.open(user, password) {
            Ok((key, _)) => Ok(key),
            Err(KeyError::WrongSecret) => Err(AuthError::Failed.into()),
            Err(e) => Err(e.into()),
        },
        BackupSecret::RecoveryCode { code } => Ok(head.keys.open_recovery(&keys::normalise_recovery_code(code)?)?),
    }
}

/// Every file of the data folder a backup holds: the photo library as it is
/// on disk (encrypted), in a stable order. The database goes in apart, as a snapshot.
fn photo_files(data_dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for kind in crate::photos::library::KINDS {
        let root = data_dir.join("photos").join(kind);
        let mut shards: Vec<PathBuf> = std::fs::read_dir(&root).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        shards.sort();
        for shard in shards {
            let mut files: Vec<PathBuf> = std::fs::read_dir(&shard).into_iter().flatten().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
            files.sort();
            for f in files {
                let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                if name.starts_with('.') {
                    continue; // a temporary file of a write under way
                }
                let shard_name = shard.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                out.push((format!("photos/{kind}/{shard_name}/{name}"), f));
            }
        }
    }
    out
}

impl Beeldakkoord {
    /// Write a backup of everything to `out`: a snapshot of the database
    /// taken in one read transaction (others may go on writing meanwhile)
    /// and every photo file, encrypted, then read back and checked before
    /// it takes its name. Nothing is left behind when it fails.
    pub fn create_backup(&self, s: &Session, out: &OutputFile) -> Result<BackupInfo> {
        self.allow(s, Action::CreateBackup)?;
        let out = self.output_file(out)?;
        self.write_backup(&s.actor(), &out, false)
    }

    fn write_backup(&self, actor: &store::Actor, out: &Path, scheduled: bool) -> Result<BackupInfo> {
        let (Some(dir), Some(key)) = (self.data_dir.as_deref(), &self.key) else {
            return Err(KeyError::Missing.into());
        };
        let org = self.organisation()?;
        let keys = KeyFile::read(dir)?.ok_or(KeyError::Missing)?;
        let folder = out.parent().unwrap_or(Path::new("."));
        let snapshot = files::TempPath::new(folder);
        let partial = files::TempPath::new(folder);
        self.store.snapshot(snapshot.path(), key)?;
        let mut writer = backup::Writer::create(partial.path(), &keys, key)?;
        writer.add(store::DB_FILE, snapshot.path())?;
        for (name, path) in photo_files(dir) {
            writer.add(&name, &path)?;
        }
        let created_at = chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string();
        let made = writer.finish(created_at, store::schema_version() as u32, org.name)?;
        drop(snapshot);
        // Read back before it counts: a backup that cannot be restored is no backup.
        let head = backup::header(partial.path())?;
        let checked = backup::read(partial.path(), &head, key, |_, _| Ok(()))?;
        if checked != made {
            return Err(BackupError::Damaged("read back".into()).into());
        }
        partial.persist(out).map_err(|source| BackupError::Write { path: out.to_path_buf(), source })?;
        let info = info(out, &checked);
        self.store.write(actor, |tx| {
            tx.audit(
                "backup.create",
                "organisation",
                None,
                json!({"out": out, "files": info.files, "bytes": info.bytes, "created_at": info.created_at, "scheduled": scheduled}),
            )?;
            Ok::<_, Error>(())
        })?;
        Ok(info)
    }

    /// Where the daily backup goes, the newest backup made, and whether it is
    /// older than a week (the window warns then).
    pub fn backup_status(&self, s: &Session) -> Result<BackupStatus> {
        self.allow(s, Action::BackupStatus)?;
        self.backup_state()
    }

    /// The backup status without a session check (the caller made it).
    pub(crate) fn backup_state(&self) -> Result<BackupStatus> {
        let (settings, last) = self.store.read(|c| {
            let settings = store::org::backup_settings(c)?;
            let last = c
                .query_row("SELECT at, details FROM audit_events WHERE action = 'backup.create' ORDER BY id DESC LIMIT 1", [], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .optional()?;
            Ok::<_, Error>((settings, last))
        })?;
        let last = last.map(|(at, details)| {
            let d: serde_json::Value = serde_json::from_str(&details).unwrap_or_default();
            LastBackup { at, file: d["out"].as_str().unwrap_or_default().to_string(), bytes: d["bytes"].as_u64().unwrap_or(0) }
        });
        let today = self.today();
        let day = last.as_ref().and_then(|l| NaiveDate::parse_from_str(l.at.get(..10).unwrap_or(""), "%Y-%m-%d").ok());
        let days_since = day.map(|d| (today - d).num_days());
        Ok(BackupStatus {
            due_today: settings.folder.is_some() && day.is_none_or(|d| d < today),
            stale: days_since.is_none_or(|n| n > BACKUP_STALE_DAYS),
            days_since,
            settings,
            last,
        })
    }

    /// The administrator chooses the backup folder (an existing folder,
    /// never inside the data folder; `None`: no daily backup) and how many
    /// backups stay there.
    pub fn set_backup_settings(&self, s: &Session, folder: Option<&Path>, keep: u16) -> Result<BackupStatus> {
        self.allow(s, Action::SetBackupSettings)?;
        if !BACKUP_KEEP_RANGE.contains(&keep) {
            return Err(SetupError::BackupKeep(i64::from(keep)).into());
        }
        let folder = match folder {
            Some(f) => {
                if !f.is_dir() {
                    return Err(FileError::NotAFolder(f.to_path_buf()).into());
                }
                Some(files::OutputDir::new(f, true).resolve(self.data_dir.as_deref())?.display().to_string())
            }
            None => None,
        };
        let settings = BackupSettings { folder, keep };
        self.store.write(&s.actor(), |tx| {
            store::org::set_backup_settings(tx.conn(), &settings)?;
            tx.audit("backup.settings", "organisation", Some(1), json!({"folder": settings.folder, "keep": settings.keep}))?;
            Ok::<_, Error>(())
        })?;
        self.backup_state()
    }

    /// The window's daily backup, at the first sign-in of the day whoever
    /// signs in: into the chosen folder, named by date and time, after which
    /// only the newest `keep` of these backups stay there (other files in
    /// the folder are never touched). `None` when none was due.
    pub fn scheduled_backup(&self, s: &Session) -> Result<Option<BackupInfo>> {
        self.allow(s, Action::ScheduledBackup)?;
        let status = self.backup_state()?;
        let Some(folder) = status.settings.folder.filter(|_| status.due_today) else { return Ok(None) };
        let folder = PathBuf::from(folder);
        let stamp = chrono::Local::now().naive_local().format("%Y-%m-%d-%H%M%S").to_string();
        // Two in one second (another computer on the same share): the next free name.
        let name = (1..100)
            .map(|n| if n == 1 { format!("{SCHEDULED_PREFIX}{stamp}{SCHEDULED_SUFFIX}") } else { format!("{SCHEDULED_PREFIX}{stamp}-{n}{SCHEDULED_SUFFIX}") })
            .find(|n| !folder.join(n).exists())
            .unwrap_or_else(|| format!("{SCHEDULED_PREFIX}{stamp}-x{SCHEDULED_SUFFIX}"));
        let out = files::OutputFile::new(folder.join(name), false).resolve(self.data_dir.as_deref())?;
        let info = self.write_backup(&s.actor(), &out, true)?;
        let mut ours: Vec<PathBuf> = std::fs::read_dir(&folder)
            .map_err(|source| FileError::Read { path: folder.clone(), source })?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(SCHEDULED_PREFIX) && n.ends_with(SCHEDULED_SUFFIX)))
            .collect();
        // Oldest first: by the time in the name, then by the number added to a second name in the same second.
        ours.sort_by_key(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let stem = name.trim_start_matches(SCHEDULED_PREFIX).trim_end_matches(SCHEDULED_SUFFIX).to_string();
            let (stamp, n) = stem.split_at(stem.len().min(17));
            (stamp.to_string(), n.trim_start_matches('-').parse::<u32>().unwrap_or(1))
        });
        let surplus = ours.len().saturating_sub(usize::from(status.settings.keep));
        let mut removed = 0;
        for old in ours.iter().take(surplus) {
            if std::fs::remove_file(old).is_ok() {
                removed += 1;
            }
        }
        if removed > 0 {
            self.store.write(&s.actor(), |tx| {
                tx.audit("backup.prune", "organisation", None, json!({"folder": folder, "removed": removed, "keep": status.settings.keep}))?;
                Ok::<_, Error>(())
            })?;
        }
        Ok(Some(info))
    }

    /// Check a backup without restoring it: every byte's authentication and
    /// every file against the manifest. Needs no data folder.
    pub fn verify_backup(file: &Path, secret: &BackupSecret) -> Result<BackupInfo> {
        let head = backup::header(file)?;
        let key = open_key(&head, secret)?;
        let manifest = backup::read(file, &head, &key, |_, _| Ok(()))?;
        Ok(info(file, &manifest))
    }

    /// Restore a backup into `data_dir`, which must be empty or new: every
    /// file checked, the keys that came with it, the database brought up
    /// to this version's schema. Signed in as the user whose password opened
    /// it; with the recovery code, `admin` gets `new_password`. A restore
    /// that fails leaves the folder as it was.
    pub fn restore_backup(
        file: &Path,
        secret: &BackupSecret,
        data_dir: &Path,
        recovery_admin: Option<(&str, &str)>,
    ) -> Result<(Beeldakkoord, Session, BackupInfo)> {
        let head = backup::header(file)?;
        let key = open_key(&head, secret)?;
        let made_folder = !data_dir.exists();
        if !made_folder && std::fs::read_dir(data_dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
            return Err(BackupError::TargetNotEmpty(data_dir.to_path_buf()).into());
        }
        let restored = (|| {
            std::fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir { path: data_dir.to_path_buf(), source })?;
            let manifest = backup::read(file, &head, &key, |rel, content| {
                let target = data_dir.join(rel);
                let parent = target.parent().unwrap_or(data_dir);
                std::fs::create_dir_all(parent).map_err(|source| BackupError::Write { path: parent.to_path_buf(), source })?;
                files::write_atomic_with(&target, |f| std::io::copy(content, f).map(drop)).map_err(|e| backup::copy_error(&target, e))
            })?;
            head.keys.write(data_dir)?;
            let core = Beeldakkoord::open_keyed(data_dir, key, head.keys.plain_photos_left)?;
            let session = match (secret, recovery_admin) {
                (BackupSecret::Password { user, password }, _) => core.login(user, password)?,
                (BackupSecret::RecoveryCode { code }, Some((admin, new_password))) => {
                    drop(core);
                    let (core, session) = Beeldakkoord::recover(data_dir, code, admin, new_password)?;
                    return Ok::<_, Error>((core, session, manifest));
                }
                // The code opens the data, but someone must be able to sign in afterwards.
                (BackupSecret::RecoveryCode { .. }, None) => return Err(AuthError::NoPassword.into()),
            };
            Ok((core, session, manifest))
        })();
        match restored {
            Ok((core, session, manifest)) => {
                core.store.write(&session.actor(), |tx| {
                    tx.audit("backup.restore", "organisation", None, json!({"file": file.file_name().map(|n| n.to_string_lossy().into_owned()), "created_at": manifest.created_at, "files": manifest.files.len()}))?;
                    Ok::<_, Error>(())
                })?;
                Ok((core, session, info(file, &manifest)))
            }
            Err(e) => {
                // Only what this restore made goes: the folder was empty or new.
                if made_folder {
                    let _ = std::fs::remove_dir_all(data_dir);
                } else if let Ok(entries) = std::fs::read_dir(data_dir) {
                    for e in entries.flatten() {
                        let p = e.path();
                        let _ = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
                    }
                }
                Err(e)
            }
        }
    }
}
