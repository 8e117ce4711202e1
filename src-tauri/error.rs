//! The one place where core errors become what the window and the terminal
//! show: a stable code and a message in the user's language.

use beeldakkoord_core::i18n::{ErrorCode, UserFacing};
use beeldakkoord_core::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ApiError {
    /// Stable, e.g. `consent.guardian_required`; the UI and tests match on it.
    pub code: ErrorCode,
    /// For people, in Dutch or English.
    pub message: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into() }
    }

    pub fn from_error(e: &impl UserFacing, lang: Lang) -> ApiError {
        // The code only: messages can name people. (Logged by the window; the command line has no logger.)
        log::info!("refused: {}", e.code());
        ApiError { code: e.code(), message: e.message(lang) }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} [{}]", self.message, self.code)
    }
}
