//! Errors of one area, each with a stable code: printouts and the logo on them.

use crate::domain::text::shorten;
use crate::i18n::{ErrorCode, Lang, UserFacing};

/// Why a file cannot be the organisation's logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    TooLarge,
    NotImage,
    NotPngOrJpeg,
    Damaged,
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("group has nobody {0}")]
    EmptyGroup(String),
    #[error("logo unusable: {0:?}")]
    Logo(LogoProblem),
}

impl UserFacing for PrintError {
    fn code(&self) -> ErrorCode {
        match self {
            PrintError::EmptyGroup(_) => ErrorCode::GroupEmpty,
            PrintError::Logo(_) => ErrorCode::OrgLogo,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            PrintError::EmptyGroup(g) => lang.pick(
                format!("In de groep '{}' zit nu niemand: er is niets om af te drukken. Voeg eerst kinderen aan de groep toe.", shorten(g, 80)),
                format!("Nobody is in the group '{}' now, so there is nothing to print. Add children to the group first.", shorten(g, 80)),
            ),
            PrintError::Logo(problem) => {
                let (nl, en) = match problem {
                    LogoProblem::TooLarge => ("het is groter dan 5 MB", "it is larger than 5 MB"),
                    LogoProblem::NotImage => ("het is geen afbeelding", "it is not an image"),
                    LogoProblem::NotPngOrJpeg => ("het is geen PNG of JPEG", "it is not PNG or JPEG"),
                    LogoProblem::Damaged => ("de afbeelding is beschadigd", "the image is damaged"),
                };
                lang.pick(
                    format!("Dit bestand kan niet als logo dienen: {nl}. Kies een PNG- of JPEG-afbeelding van hooguit 5 MB."),
                    format!("This file cannot serve as a logo: {en}. Choose a PNG or JPEG image of at most 5 MB."),
                )
            }
        }
    }
}
