//! The keys file beside the database: the data key wrapped once per user's
//! password and once for the recovery code. It cannot live in the
//! database, which needs the key to open. It names nobody: a user's
//! wrapping is found by a salted hash of the user name.
//!
//! Written whole to a temporary file and renamed (readers always see a
//! complete file), changed under a lock file so two processes (the window
//! and the command line) never lose each other's change.

use std::path::{Path, PathBuf};

use chacha20poly1305::aead::rand_core::RngCore;
use chacha20poly1305::aead::OsRng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::keys::{self, DataKey, KeyError, WrappedKey};
use crate::files::write_atomic;

pub const KEYS_FILE: &str = "beeldakkoord.keys";
pub const LOCK_FILE: &str = "beeldakkoord.keys.lock";
const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    pub format: u32,
    /// hex: salts the user tags, so a name cannot be looked up in a table
    /// made in advance.
    pub salt: String,
    /// Oldest first; a user may have two for a moment while a password
    /// change commits (the one the database does not confirm goes at the
    /// next sign-in).
    pub users: Vec<UserKey>,
    pub recovery: Option<RecoveryKey>,
    /// Disabled accounts: no wrapping any more, only how to tell them, with
    /// their right password, that the account is disabled (rather than
    /// that the password is wrong).
    #[serde(default)]
    pub disabled: Vec<DisabledUser>,
    /// Photo files kept before encryption may still be plain while true;
    /// afterwards a plain file in the library is damage, not data.
    #[serde(default)]
    pub plain_photos_left: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserKey {
    /// hex, random: names this wrapping.
    pub id: String,
    pub user_id: i64,
    /// hex: SHA-256 of the file's salt and the user name.
    pub tag: String,
    pub wrapped: WrappedKey,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabledUser {
    pub user_id: i64,
    pub tag: String,
    /// The argon2id hash of the password they had: it opens nothing.
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryKey {
    pub wrapped: WrappedKey,
    /// When the sheet with this code was printed (`YYYY-MM-DD`).
    pub printed: String,
}

fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn path(dir: &Path) -> PathBuf {
    dir.join(KEYS_FILE)
}

impl KeyFile {
    pub fn new() -> KeyFile {
        KeyFile { format: FORMAT, salt: random_hex(16), users: Vec::new(), recovery: None, disabled: Vec::new(), plain_photos_left: false }
    }

    /// The keys file of `dir`, or `None` when there is none.
    pub fn read(dir: &Path) -> Result<Option<KeyFile>, KeyError> {
        let bytes = match std::fs::read(path(dir)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(KeyError::Damaged(format!("read: {}", e.kind()))),
        };
        let file: KeyFile = serde_json::from_slice(&bytes).map_err(|e| KeyError::Damaged(format!("line {}", e.line())))?;
        if file.format != FORMAT {
            return Err(KeyError::Damaged(format!("format {}", file.format)));
        }
        Ok(Some(file))
    }

    /// Write this as the keys file of `dir` (a new installation, a restore).
    pub fn write(&self, dir: &Path) -> Result<(), KeyError> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| KeyError::Damaged(e.to_string()))?;
        write_atomic(&path(dir), &json).map_err(KeyError::Write)
    }

    /// Change the keys file of `dir` under the lock: read, change, write.
    pub fn update<T>(dir: &Path, change: impl FnOnce(&mut KeyFile) -> Result<T, KeyError>) -> Result<T, KeyError> {
        let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(LOCK_FILE)).map_err(KeyError::Write)?;
        lock.lock().map_err(KeyError::Write)?;
        let mut file = KeyFile::read(dir)?.ok_or(KeyError::Missing)?;
        let out = change(&mut file)?;
        file.write(dir)?;
        drop(lock);
        Ok(out)
    }

    pub fn tag(&self, username: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.salt.as_bytes());
        h.update([0u8]);
        h.update(username.as_bytes());
        hex::encode(h.finalize())
    }

    /// The data key for `username` and `password`, with the wrapping that
    /// opened it. Newest wrapping first. An unknown name costs the same
    /// time as a wrong password, so names cannot be probed.
    pub fn open(&self, username: &str, password: &str) -> Result<(DataKey, UserKey), KeyError> {
        let tag = self.tag(username);
        let mut tried = false;
        for k in self.users.iter().rev().filter(|k| k.tag == tag) {
            tried = true;
            match keys::unwrap(&k.wrapped, password) {
                Ok(key) => return Ok((key, k.clone())),
                Err(KeyError::WrongSecret) => continue,
                Err(e) => return Err(e),
            }
        }
        if !tried {
            let key = DataKey::generate();
            let decoy = keys::wrap(&key, &random_hex(16))?;
            let _ = keys::unwrap(&decoy, password);
        }
        Err(KeyError::WrongSecret)
    }

    /// The data key from the recovery code (as normalised).
    pub fn open_recovery(&self, code: &str) -> Result<DataKey, KeyError> {
        let r = self.recovery.as_ref().ok_or(KeyError::NoRecovery)?;
        keys::unwrap(&r.wrapped, code)
    }

    /// Add a wrapping for a user; returns its id.
    pub fn add_user(&mut self, user_id: i64, username: &str, wrapped: WrappedKey) -> String {
        let id = random_hex(8);
        self.users.push(UserKey { id: id.clone(), user_id, tag: self.tag(username), wrapped });
        id
    }

    /// The disabled account `username` would be, if any.
    pub fn disabled(&self, username: &str) -> Option<&DisabledUser> {
        let tag = self.tag(username);
        self.disabled.iter().find(|d| d.tag == tag)
    }

    /// Keep, for `user_id`, only the wrapping `keep` (or none).
    pub fn keep_only(&mut self, user_id: i64, keep: Option<&str>) {
        self.users.retain(|k| k.user_id != user_id || Some(k.id.as_str()) == keep);
    }
}

impl Default for KeyFile {
    fn default() -> Self {
        KeyFile::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_opens_with_their_password_and_a_stranger_learns_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let key = DataKey::generate();
        let mut f = KeyFile::new();
        let first = f.add_user(1, "beheer", keys::wrap(&key, "eerste wachtwoord").unwrap());
        f.write(dir.path()).unwrap();
        let stored = std::fs::read_to_string(path(dir.path())).unwrap();
        assert!(!stored.contains("beheer") && !stored.contains(&hex::encode(key.bytes())));
        let f = KeyFile::read(dir.path()).unwrap().unwrap();
        let (opened, with) = f.open("beheer", "eerste wachtwoord").unwrap();
        assert_eq!(opened.bytes(), key.bytes());
        assert_eq!(with.id, first);
        assert!(matches!(f.open("beheer", "fout"), Err(KeyError::WrongSecret)));
        assert!(matches!(f.open("niemand", "eerste wachtwoord"), Err(KeyError::WrongSecret)));
        // A second wrapping (a password change on its way): both open, the newest first.
        let second = KeyFile::update(dir.path(), |f| Ok(f.add_user(1, "beheer", keys::wrap(&key, "tweede wachtwoord").unwrap()))).unwrap();
        let f = KeyFile::read(dir.path()).unwrap().unwrap();
        assert_eq!(f.open("beheer", "tweede wachtwoord").unwrap().1.id, second);
        assert_eq!(f.open("beheer", "eerste wachtwoord").unwrap().1.id, first);
        KeyFile::update(dir.path(), |f| {
            f.keep_only(1, Some(&second));
            Ok(())
        })
        .unwrap();
        assert!(KeyFile::read(dir.path()).unwrap().unwrap().open("beheer", "eerste wachtwoord").is_err());
    }

    #[test]
    fn a_missing_or_garbled_keys_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        assert!(KeyFile::read(dir.path()).unwrap().is_none());
        assert!(matches!(KeyFile::update(dir.path(), |_| Ok(())), Err(KeyError::Missing)));
        std::fs::write(path(dir.path()), b"{\"format\": 1,\n garbage").unwrap();
        assert!(matches!(KeyFile::read(dir.path()), Err(KeyError::Damaged(_))));
    }
}
