//! Signing in: users with argon2id password hashes, the rules for new
//! passwords, and who may do what.

pub mod attempts;
pub mod passwords;
pub mod policy;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

pub use crate::domain::user::Role;
use crate::i18n::{ErrorCode, Lang, UserFacing};
use crate::store::Actor;
pub use policy::{Action, Need};

pub use passwords::MIN_PASSWORD_LEN;

/// A signed-in user. Every operation but setup and signing in needs one;
/// the core checks it against the users table on every call, so a user
/// disabled or given another role meanwhile is held to that at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Session {
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    /// Someone else chose the password: a new one first, then anything else.
    pub must_change_password: bool,
    /// The user's own person record (a staff member's own consent), as at sign-in.
    pub person: Option<i64>,
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
    #[error("common password")]
    CommonPassword,
    #[error("bad username")]
    Username,
    #[error("hashing failed: {0}")]
    Hash(String),
    /// The session's user no longer exists or was disabled.
    #[error("session ended")]
    SessionEnded,
    #[error("account disabled")]
    Disabled,
    #[error("password must be changed")]
    MustChangePassword,
    #[error("new password same as the current one")]
    SamePassword,
    #[error("forbidden")]
    Forbidden(Need),
    /// Too many failed sign-ins for this name: try again after this many seconds.
    #[error("wait {0} s")]
    Wait(u64),
}

impl UserFacing for AuthError {
    fn code(&self) -> ErrorCode {
        match self {
            AuthError::NoPassword => ErrorCode::AuthNoPassword,
            AuthError::Failed => ErrorCode::AuthFailed,
            AuthError::WeakPassword => ErrorCode::AuthWeakPassword,
            AuthError::CommonPassword => ErrorCode::AuthCommonPassword,
            AuthError::Username => ErrorCode::AuthUsername,
            AuthError::Hash(_) => ErrorCode::AuthHash,
            AuthError::SessionEnded => ErrorCode::AuthRequired,
            AuthError::Disabled => ErrorCode::AuthDisabled,
            AuthError::MustChangePassword => ErrorCode::AuthMustChangePassword,
            AuthError::SamePassword => ErrorCode::AuthSamePassword,
            AuthError::Forbidden(_) => ErrorCode::AuthForbidden,
            AuthError::Wait(_) => ErrorCode::AuthWait,
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
                format!("Kies een wachtwoord van minstens {MIN_PASSWORD_LEN} tekens. Een zin van een paar woorden werkt goed."),
                format!("Choose a password of at least {MIN_PASSWORD_LEN} characters. A sentence of a few words works well."),
            ),
            AuthError::CommonPassword => lang.pick(
                format!("Dit wachtwoord staat bij de {} meest gebruikte wachtwoorden en is snel geraden. Kies een ander, bijvoorbeeld een zin van een paar woorden.", passwords::COMMON_REFUSED),
                format!("This password is among the {} most used passwords and is quickly guessed. Choose another, for instance a sentence of a few words.", passwords::COMMON_REFUSED),
            ),
            AuthError::Username => lang
                .pick("Kies een gebruikersnaam van 1 tot 64 tekens zonder spaties.".into(), "Choose a user name of 1 to 64 characters without spaces.".into()),
            AuthError::Hash(e) => lang.pick(format!("Het wachtwoord kon niet verwerkt worden ({e})."), format!("The password could not be processed ({e}).")),
            AuthError::SessionEnded => lang.pick("U bent niet (meer) aangemeld. Meld u opnieuw aan.".into(), "You are not signed in any more. Please sign in again.".into()),
            AuthError::Disabled => lang.pick(
                "Dit account is uitgeschakeld. Vraag de beheerder van Beeldakkoord om het weer aan te zetten.".into(),
                "This account is disabled. Ask the Beeldakkoord administrator to enable it again.".into(),
            ),
            AuthError::MustChangePassword => lang.pick(
                "Kies eerst een nieuw wachtwoord: het huidige is door de beheerder ingesteld.".into(),
                "Choose a new password first: the current one was set by the administrator.".into(),
            ),
            AuthError::SamePassword => lang.pick(
                "Het nieuwe wachtwoord is hetzelfde als het huidige. Kies een ander.".into(),
                "The new password is the same as the current one. Choose another.".into(),
            ),
            AuthError::Forbidden(need) => match need {
                Need::Admin => lang.pick("Dit mag alleen een beheerder (admin).".into(), "Only an administrator (admin) may do this.".into()),
                Need::Office => lang.pick(
                    "Dit mag alleen de administratie (office) of een beheerder (admin).".into(),
                    "Only the office (office) or an administrator (admin) may do this.".into(),
                ),
                Need::SignedIn => lang.pick("Meld u eerst aan.".into(), "Sign in first.".into()),
            },
            AuthError::Wait(secs) => lang.pick(
                format!("Te vaak een verkeerd wachtwoord voor deze gebruiker. Probeer het over {secs} seconden opnieuw."),
                format!("Too many wrong passwords for this user. Try again in {secs} seconds."),
            ),
        }
    }
}

pub fn check_username(username: &str) -> Result<(), AuthError> {
    if username.is_empty() || username.chars().count() > 64 || username.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AuthError::Username);
    }
    Ok(())
}

pub fn check_password(password: &str) -> Result<(), AuthError> {
    passwords::check(password).map_err(|w| match w {
        passwords::Weakness::TooShort => AuthError::WeakPassword,
        passwords::Weakness::Common => AuthError::CommonPassword,
    })
}

pub fn check_new_credentials(username: &str, password: &str) -> Result<(), AuthError> {
    check_username(username)?;
    check_password(password)
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
