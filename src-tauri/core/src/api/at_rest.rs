//! Data at rest: an installation opens only with a user's password (or the
//! recovery code), which unwraps the data key that opens the SQLCipher
//! database and decrypts the photo files. Here too: keeping each user's
//! wrapping in step with their password, the recovery sheet, and the move of
//! an installation from before encryption.

use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::auth::{attempts, Action, AuthError};
use crate::crypto::keyfile::{KeyFile, RecoveryKey};
use crate::crypto::keys::{self, DataKey, KeyError};
use crate::error::UserError;
use crate::i18n::Lang;
use crate::photos::library::Library;
use crate::store::users::UserRow;

/// Where the migrated database is made before it replaces the plain one.
const ENCRYPTING: &str = "beeldakkoord.sqlite3.encrypting";

/// The library's plain files as the migration goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EncryptProgress {
    pub done: u32,
    pub total: u32,
}

impl Beeldakkoord {
    /// Sign in to the data folder: the password opens the user's wrapping of
    /// the data key, the key opens the database, and the database has the
    /// last word (the password's hash, a disabled account, the role). An
    /// installation from before encryption is encrypted here, at its first
    /// sign-in (the database now; the photo files with
    /// [`Beeldakkoord::encrypt_library`]).
    pub fn unlock(data_dir: &Path, username: &str, password: &str) -> Result<(Beeldakkoord, Session)> {
        if !Beeldakkoord::has_data(data_dir) {
            return Err(StoreError::NoData { dir: data_dir.to_path_buf() }.into());
        }
        if store::is_plain_or_empty(data_dir) {
            return Beeldakkoord::unlock_plain(data_dir, username, password);
        }
        if password.is_empty() {
            return Err(AuthError::NoPassword.into());
        }
        let keys = KeyFile::read(data_dir)?.ok_or(KeyError::Missing)?;
        let tag = keys.tag(username);
        let (failures, last) = attempts::failures(data_dir, &tag);
        super::users::check_wait(failures, last.as_deref())?;
        let (key, used) = match keys.open(username, password) {
            Ok(opened) => opened,
            Err(KeyError::WrongSecret) => {
                if keys.disabled(username).is_some_and(|d| auth::verify_password(password, &d.password_hash)) {
                    return Err(AuthError::Disabled.into());
                }
                attempts::record_failure(data_dir, &tag);
                return Err(AuthError::Failed.into());
            }
            Err(e) => return Err(e.into()),
        };
        let core = Beeldakkoord::open_keyed(data_dir, key, keys.plain_photos_left)?;
        let session = match core.login(username, password) {
            Ok(s) => s,
            Err(e) => {
                // A wrapping the database does not confirm is from a password
                // change that never committed: it goes, when the user has another.
                if matches!(e, Error::Auth(AuthError::Failed)) && keys.users.iter().filter(|k| k.user_id == used.user_id).count() > 1 {
                    KeyFile::update(data_dir, |f| {
                        f.users.retain(|k| k.id != used.id);
                        Ok(())
                    })?;
                }
                return Err(e);
            }
        };
        let failed_before = attempts::clear(data_dir, &tag);
        if failed_before > 0 && !core.store.read_only() {
            core.store.write(&session.actor(), |tx| {
                tx.audit("auth.sign_in", "user", Some(session.user_id), json!({"user": session.username, "after_failures": failed_before}))?;
                Ok::<_, Error>(())
            })?;
        }
        Ok((core, session))
    }

    /// Open the encrypted database of `data_dir` with its data key.
    pub(crate) fn open_keyed(data_dir: &Path, key: DataKey, plain_photos_left: bool) -> Result<Beeldakkoord> {
        let store = Store::open_dir(data_dir, Some(&key))?;
        let mut core = Beeldakkoord::with_store(store, Some(data_dir.to_path_buf()));
        core.key = Some(Arc::new(key));
        core.plain_photos_left = Arc::new(AtomicBool::new(plain_photos_left));
        // Best effort: what a killed import left is tidied at the next opening that can.
        let _ = core.settle_library();
        core.add_missing_builtin_forms()?;
        Ok(core)
    }

    /// Make the library's lock file, and when a process died while adding
    /// or removing photo files, remove the files no photo row names (see
    /// `Library::tidy_after_crash`).
    pub(crate) fn settle_library(&self) -> Result<()> {
        if self.store.read_only() {
            return Ok(());
        }
        let library = self.library()?;
        library.ensure_lock_file()?;
        if !library.needs_tidying() {
            return Ok(());
        }
        let mut known: std::collections::HashSet<String> = self.store.read(|c| Ok::<_, Error>(store::photos::all_hashes(c)?))?;
        known.extend(self.store.read(|c| Ok::<_, Error>(store::consent::all_attachments(c)?))?.into_iter().map(|(_, a)| a.sha256));
        library.tidy_after_crash(&|hash| known.contains(hash))?;
        Ok(())
    }

    /// The photo library, encrypting with the data key.
    pub(crate) fn library(&self) -> Result<Library> {
        let dir = self.data_dir.as_deref().ok_or(Error::Photo(crate::photos::PhotoError::NoLibrary))?;
        Ok(Library::new(dir, self.key.clone(), self.plain_photos_left.clone()))
    }

    /// Whether the data are encrypted (false only for a plain read-only
    /// copy from before encryption, and in memory).
    pub fn encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// A user's wrapping is made again when it is not the one plain
    /// wrapping with today's parameters: after an upgrade (a wrapping made
    /// from a password hash), or when a crash left two. The password was
    /// just checked against the database.
    pub(crate) fn refresh_wrapping(&self, user: &UserRow, password: &str) -> Result<()> {
        let (Some(dir), Some(_)) = (self.data_dir.as_deref(), &self.key) else { return Ok(()) };
        if self.store.read_only() {
            return Ok(());
        }
        let keys = KeyFile::read(dir)?.ok_or(KeyError::Missing)?;
        let mine: Vec<_> = keys.users.iter().filter(|k| k.user_id == user.id).collect();
        if mine.len() == 1 && mine[0].wrapped.kdf == keys::kdf() && mine[0].tag == keys.tag(&user.username) {
            return Ok(());
        }
        let id = self.add_wrapping(user.id, &user.username, password)?;
        self.keep_wrapping(user.id, Some(&id))
    }

    /// Wrap the data key for a user's (new) password, next to what they
    /// have: called before the password's hash commits, so a crash leaves a
    /// wrapping too many, never one too few. Returns its id.
    pub(crate) fn add_wrapping(&self, user_id: i64, username: &str, password: &str) -> Result<String> {
        let (Some(dir), Some(key)) = (self.data_dir.as_deref(), &self.key) else { return Ok(String::new()) };
        let wrapped = keys::wrap(key, password)?;
        Ok(KeyFile::update(dir, |f| Ok(f.add_user(user_id, username, wrapped)))?)
    }

    /// Keep only the wrapping `keep` of a user (none: the account was disabled).
    pub(crate) fn keep_wrapping(&self, user_id: i64, keep: Option<&str>) -> Result<()> {
        let (Some(dir), Some(_)) = (self.data_dir.as_deref(), &self.key) else { return Ok(()) };
        Ok(KeyFile::update(dir, |f| {
            f.keep_only(user_id, keep);
            Ok(())
        })?)
    }

    /// A disabled account's password no longer opens the data: its wrapping
    /// goes, and only its hash stays, to say "disabled" to the right password.
    pub(crate) fn disable_wrapping(&self, user: &UserRow) -> Result<()> {
        let (Some(dir), Some(_)) = (self.data_dir.as_deref(), &self.key) else { return Ok(()) };
        Ok(KeyFile::update(dir, |f| {
            f.keep_only(user.id, None);
            let tag = f.tag(&user.username);
            f.disabled.retain(|d| d.user_id != user.id);
            f.disabled.push(crate::crypto::keyfile::DisabledUser { user_id: user.id, tag, password_hash: user.password_hash.clone() });
            Ok(())
        })?)
    }

    /// A new recovery code, printed on a sheet for the safe; the previous
    /// code stops working. The sheet is written before the code counts, so
    /// a sheet that could not be saved leaves the old code in force.
    pub fn print_recovery_sheet(&self, s: &Session, lang: Lang, out: &OutputFile) -> Result<u64> {
        self.allow(s, Action::PrintRecoverySheet)?;
        let (Some(dir), Some(key)) = (self.data_dir.as_deref(), &self.key) else {
            return Err(KeyError::NoRecovery.into());
        };
        let out = &self.output_file(out)?;
        let org = self.organisation()?;
        let code = keys::new_recovery_code();
        let wrapped = keys::wrap(key, &code)?;
        let now = chrono::Local::now().naive_local();
        let data_dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf()).display().to_string();
        let bytes = crate::pdf::recovery::render(&crate::pdf::recovery::RecoverySheet {
            lang,
            organisation: &org.name,
            logo: self.logo()?.as_deref(),
            code: &code,
            printed_at: now,
            printed_by: &s.username,
            data_dir: &data_dir,
        })?;
        self.store.write(&s.actor(), |tx| {
            self.write_output(out, &bytes)?;
            KeyFile::update(dir, |f| {
                f.recovery = Some(RecoveryKey { wrapped, printed: self.today().to_string() });
                Ok(())
            })?;
            tx.audit("key.recovery_sheet", "organisation", None, json!({"out": out, "printed": self.today()}))?;
            Ok::<_, Error>(())
        })?;
        Ok(bytes.len() as u64)
    }

    /// The day the recovery sheet in force was printed; `None`: never (the
    /// window asks an administrator to print one).
    pub fn recovery_sheet_printed(&self) -> Result<Option<NaiveDate>> {
        let Some(dir) = self.data_dir.as_deref().filter(|_| self.key.is_some()) else { return Ok(None) };
        let keys = KeyFile::read(dir)?.ok_or(KeyError::Missing)?;
        Ok(keys.recovery.and_then(|r| r.printed.parse().ok()))
    }

    /// No administrator can sign in: the recovery code opens the data and
    /// sets a new password for the administrator `username`.
    pub fn recover(data_dir: &Path, code: &str, username: &str, new_password: &str) -> Result<(Beeldakkoord, Session)> {
        let code = keys::normalise_recovery_code(code)?;
        auth::check_password(new_password)?;
        if !Beeldakkoord::has_data(data_dir) {
            return Err(StoreError::NoData { dir: data_dir.to_path_buf() }.into());
        }
        let keys = KeyFile::read(data_dir)?.ok_or(KeyError::Missing)?;
        let key = keys.open_recovery(&code)?;
        let core = Beeldakkoord::open_keyed(data_dir, key, keys.plain_photos_left)?;
        let user = core.store.read(|c| store::users::by_name(c, username).map_err(Error::from))?;
        let user = user.filter(|u| u.role == Role::Admin && !u.disabled).ok_or_else(|| UserError::NotAdmin(text::shorten(username, 64)))?;
        let hash = auth::hash_password(new_password)?;
        let id = core.add_wrapping(user.id, &user.username, new_password)?;
        core.store.write(&Actor { user_id: Some(user.id), username: user.username.clone() }, |tx| {
            store::users::set_password(tx.conn(), user.id, &hash, false)?;
            store::users::clear_failures(tx.conn(), &user.username)?;
            tx.audit("key.recover", "user", Some(user.id), json!({"user": user.username}))?;
            Ok::<_, Error>(())
        })?;
        core.keep_wrapping(user.id, Some(&id))?;
        attempts::clear(data_dir, &keys.tag(&user.username));
        let session = Session { user_id: user.id, username: user.username, role: user.role, must_change_password: false, person: user.person_id };
        Ok((core, session))
    }

    /// An installation from before encryption: sign in as always, then move
    /// the database into an encrypted copy (checked row for row before it
    /// replaces the plain file) and wrap the new data key for every user:
    /// the one signing in with their password, the others with the hash of
    /// theirs (renewed at their next sign-in). A read-only copy stays plain.
    fn unlock_plain(data_dir: &Path, username: &str, password: &str) -> Result<(Beeldakkoord, Session)> {
        let plain = Beeldakkoord::with_store(Store::open_dir(data_dir, None)?, Some(data_dir.to_path_buf()));
        let session = plain.login(username, password)?;
        if plain.store.read_only() {
            return Ok((plain, session));
        }
        let key = DataKey::generate();
        let users = plain.store.read(|c| store::users::all(c).map_err(Error::from))?;
        let encrypting = data_dir.join(ENCRYPTING);
        files::remove_with_journals(&encrypting);
        plain.store.export_encrypted(&encrypting, &key)?;
        let mut keys = KeyFile::new();
        for u in &users {
            if u.disabled {
                let tag = keys.tag(&u.username);
                keys.disabled.push(crate::crypto::keyfile::DisabledUser { user_id: u.id, tag, password_hash: u.password_hash.clone() });
                continue;
            }
            let wrapped = if u.id == session.user_id { keys::wrap(&key, password)? } else { keys::wrap_for_password_hash(&key, &u.password_hash)? };
            keys.add_user(u.id, &u.username, wrapped);
        }
        keys.plain_photos_left = data_dir.join("photos").exists();
        keys.write(data_dir)?;
        // The plain database closes (its journal checkpointed and gone), then the encrypted one takes its name.
        plain.store.checkpoint()?;
        drop(plain);
        store::replace_database(data_dir, &encrypting)?;
        let core = Beeldakkoord::open_keyed(data_dir, key, keys.plain_photos_left)?;
        core.store.write(&session.actor(), |tx| {
            tx.audit("store.encrypted", "organisation", None, json!({"users": keys.users.len(), "photos_to_encrypt": keys.plain_photos_left}))?;
            Ok::<_, Error>(())
        })?;
        Ok((core, session))
    }

    /// Files of the photo library still plain (from before encryption).
    pub fn plain_photo_files(&self) -> usize {
        if !self.plain_photos_left.load(Ordering::Relaxed) {
            return 0;
        }
        self.library().map(|l| l.plain_files().len()).unwrap_or(0)
    }

    /// Encrypt the photo library's plain files, one by one: each encrypted
    /// copy is read back and compared before it replaces the plain file, so
    /// the run can stop (or be killed) anywhere and start again. `progress`
    /// may return false to stop. Once none are left, a plain file in the
    /// library counts as damage.
    pub fn encrypt_library(&self, progress: &mut dyn FnMut(&EncryptProgress) -> bool) -> Result<EncryptProgress> {
        let (Some(dir), Some(_)) = (self.data_dir.as_deref(), &self.key) else {
            return Ok(EncryptProgress { done: 0, total: 0 });
        };
        let library = self.library()?;
        library.clean_temps();
        let files = library.plain_files();
        let total = u32::try_from(files.len()).unwrap_or(u32::MAX);
        let mut bytes = 0u64;
        let mut done = 0;
        for file in &files {
            if !progress(&EncryptProgress { done, total }) {
                return Ok(EncryptProgress { done, total });
            }
            bytes += library.encrypt_in_place(file)?;
            done += 1;
        }
        if self.plain_photos_left.load(Ordering::Relaxed) {
            KeyFile::update(dir, |f| {
                f.plain_photos_left = false;
                Ok(())
            })?;
            self.plain_photos_left.store(false, Ordering::Relaxed);
            self.store.write(&Actor::system(), |tx| {
                tx.audit("photos.encrypted", "photo", None, json!({"files": done, "bytes": bytes}))?;
                Ok::<_, Error>(())
            })?;
        }
        progress(&EncryptProgress { done, total });
        Ok(EncryptProgress { done, total })
    }
}
