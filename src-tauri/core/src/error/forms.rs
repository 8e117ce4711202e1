//! Errors of one area, each with a stable code: finding a form and its versions.

use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum FormsError {
    #[error("unknown form {0}")]
    UnknownForm(i64),
    #[error("unknown form version {0} v{1}")]
    UnknownVersion(i64, u32),
}

impl UserFacing for FormsError {
    fn code(&self) -> ErrorCode {
        match self {
            FormsError::UnknownForm(_) => ErrorCode::FormUnknown,
            FormsError::UnknownVersion(..) => ErrorCode::FormUnknownVersion,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            FormsError::UnknownForm(id) => lang.pick(format!("Er is geen formulier met nummer {id}."), format!("There is no form with number {id}.")),
            FormsError::UnknownVersion(id, v) => lang.pick(format!("Formulier {id} heeft geen versie {v}."), format!("Form {id} has no version {v}.")),
        }
    }
}
