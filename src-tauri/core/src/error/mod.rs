//! The core's error: one variant per module or area error. The edges
//! (window, CLI) turn it into `{code, message}` once, through [`UserFacing`].

mod consent;
mod faces;
mod forms;
mod notices;
mod people;
mod photos;
mod print;
mod retention;
mod setup;
mod users;

pub use consent::ConsentRequestError;
pub use faces::FaceError;
pub use forms::FormsError;
pub use notices::NoticeError;
pub use people::PeopleError;
pub use photos::{BlockedPerson, KeyKind, PhotoUseError};
pub use print::{LogoProblem, PrintError};
pub use retention::RetentionError;
pub use setup::SetupError;
pub use users::UserError;

use crate::auth::AuthError;
use crate::domain::consent::ConsentError;
use crate::domain::dates::DateError;
use crate::domain::form::FormError;
use crate::domain::text::TextError;
use crate::files::FileError;
use crate::i18n::{ErrorCode, Lang, UserFacing};
use crate::pdf::PdfError;
use crate::photos::PhotoError;
use crate::roster::RosterError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Date(#[from] DateError),
    #[error(transparent)]
    Form(#[from] FormError),
    #[error(transparent)]
    Consent(#[from] ConsentError),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Setup(#[from] SetupError),
    #[error(transparent)]
    People(#[from] PeopleError),
    #[error(transparent)]
    Forms(#[from] FormsError),
    #[error(transparent)]
    ConsentRequest(#[from] ConsentRequestError),
    #[error(transparent)]
    PhotoUse(#[from] PhotoUseError),
    #[error(transparent)]
    Notice(#[from] NoticeError),
    #[error(transparent)]
    Print(#[from] PrintError),
    #[error(transparent)]
    Photo(#[from] PhotoError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Text(#[from] TextError),
    #[error(transparent)]
    User(#[from] UserError),
    #[error(transparent)]
    Key(#[from] crate::crypto::keys::KeyError),
    #[error(transparent)]
    Backup(#[from] crate::backup::BackupError),
    #[error(transparent)]
    Retention(#[from] RetentionError),
    #[error(transparent)]
    Face(#[from] FaceError),
    #[error(transparent)]
    Evidence(#[from] crate::evidence::EvidenceError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(StoreError::from(e))
    }
}

impl UserFacing for Error {
    fn code(&self) -> ErrorCode {
        match self {
            Error::Date(e) => e.code(),
            Error::Form(e) => e.code(),
            Error::Consent(e) => e.code(),
            Error::Roster(e) => e.code(),
            Error::Auth(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Setup(e) => e.code(),
            Error::People(e) => e.code(),
            Error::Forms(e) => e.code(),
            Error::ConsentRequest(e) => e.code(),
            Error::PhotoUse(e) => e.code(),
            Error::Notice(e) => e.code(),
            Error::Print(e) => e.code(),
            Error::Photo(e) => e.code(),
            Error::Pdf(e) => e.code(),
            Error::File(e) => e.code(),
            Error::Text(e) => e.code(),
            Error::User(e) => e.code(),
            Error::Key(e) => e.code(),
            Error::Backup(e) => e.code(),
            Error::Retention(e) => e.code(),
            Error::Face(e) => e.code(),
            Error::Evidence(e) => e.code(),
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Error::Date(e) => e.message(lang),
            Error::Form(e) => e.message(lang),
            Error::Consent(e) => e.message(lang),
            Error::Roster(e) => e.message(lang),
            Error::Auth(e) => e.message(lang),
            Error::Store(e) => e.message(lang),
            Error::Setup(e) => e.message(lang),
            Error::People(e) => e.message(lang),
            Error::Forms(e) => e.message(lang),
            Error::ConsentRequest(e) => e.message(lang),
            Error::PhotoUse(e) => e.message(lang),
            Error::Notice(e) => e.message(lang),
            Error::Print(e) => e.message(lang),
            Error::Photo(e) => e.message(lang),
            Error::Pdf(e) => e.message(lang),
            Error::File(e) => e.message(lang),
            Error::Text(e) => e.message(lang),
            Error::User(e) => e.message(lang),
            Error::Key(e) => e.message(lang),
            Error::Backup(e) => e.message(lang),
            Error::Retention(e) => e.message(lang),
            Error::Face(e) => e.message(lang),
            Error::Evidence(e) => e.message(lang),
        }
    }
}
