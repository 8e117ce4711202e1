//! The two languages of the product. Dutch first; English second.

mod codes;

pub use codes::ErrorCode;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "nl-be" | "nederlands" => Some(Lang::Nl),
            "en" | "en-gb" | "en-us" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pick the Dutch or the English text.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// An error a person can act on: a stable code for programs, a message for people.
pub trait UserFacing {
    fn code(&self) -> ErrorCode;
    fn message(&self, lang: Lang) -> String;
}
