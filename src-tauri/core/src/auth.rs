//! Login: users with argon2id password hashes.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

pub use crate::domain::user::Role;
use crate::i18n::{ErrorCode, Lang, UserFacing};
use crate::store::Actor;

pub const MIN_PASSWORD_LEN: usize = 8;

/// A logged-in user. Every operation but setup and login needs one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Session {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
}

impl Session {
    pub fn actor(&self) -> Actor {
        Actor { user_id: Some(self.user_id), username: self.username.clone() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AuthError {
    #[error("no password given")]
    NoPassword,
    #[error("login failed")]
    Failed,
    #[error("password too short")]
    WeakPassword,
    #[error("bad username")]
    Username,
    #[error("hashing failed: {0}")]
    Hash(String),
}

impl UserFacing for AuthError {
    fn code(&self) -> ErrorCode {
        match self {
            AuthError::NoPassword => ErrorCode::AuthNoPassword,
            AuthError::Failed => ErrorCode::AuthFailed,
            AuthError::WeakPassword => ErrorCode::AuthWeakPassword,
            AuthError::Username => ErrorCode::AuthUsername,
            AuthError::Hash(_) => ErrorCode::AuthHash,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            AuthError::NoPassword => lang.pick(
                "Geen wachtwoord opgegeven. Zet het wachtwoord in BEELDAKKOORD_PASSWORD (en de gebruiker in BEELDAKKOORD_USER).".into(),
                "No password given. Put the password in BEELDAKKOORD_PASSWORD (and the user in BEELDAKKOORD_USER).".into(),
            ),
            AuthError::Failed => lang.pick("Gebruikersnaam of wachtwoord klopt niet.".into(), "The user name or password is not right.".into()),
            AuthError::WeakPassword => lang.pick(
                format!("Kies een wachtwoord van minstens {MIN_PASSWORD_LEN} tekens."),
                format!("Choose a password of at least {MIN_PASSWORD_LEN} characters."),
            ),
            AuthError::Username => lang
                .pick("Kies een gebruikersnaam van 1 tot 64 tekens zonder spaties.".into(), "Choose a user name of 1 to 64 characters without spaces.".into()),
            AuthError::Hash(e) => lang.pick(format!("Het wachtwoord kon niet verwerkt worden ({e})."), format!("The password could not be processed ({e}).")),
        }
    }
}

pub fn check_new_credentials(username: &str, password: &str) -> Result<(), AuthError> {
    if username.is_empty() || username.len() > 64 || username.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AuthError::Username);
    }
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(AuthError::WeakPassword);
    }
    Ok(())
}

/// An argon2id PHC string with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| AuthError::Hash(e.to_string()))
}

pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("geheim-wachtwoord").unwrap();
        let b = hash_password("geheim-wachtwoord").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify_password("geheim-wachtwoord", &a));
        assert!(!verify_password("Geheim-wachtwoord", &a));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn new_credentials_are_checked() {
        assert!(matches!(check_new_credentials("admin", "kort"), Err(AuthError::WeakPassword)));
        assert!(matches!(check_new_credentials("de admin", "lang genoeg"), Err(AuthError::Username)));
        assert!(matches!(check_new_credentials("ad\u{1b}[2Jmin", "lang genoeg"), Err(AuthError::Username)));
        assert!(check_new_credentials("admin", "lang genoeg").is_ok());
    }
}
