//! Printouts: the exit dossier of a person, consent forms on paper, the
//! re-consent checklist and the measures sheet. Documents are built from data the API gathered; nothing here reads the
//! store or decides consent.

pub mod access;
pub mod archival;
pub mod checklist;
pub mod dossier;
pub mod fonts;
pub mod form;
pub mod layout;
pub mod letterhead;
pub mod measures;
pub mod recovery;
mod tags;
mod words;

use chrono::{NaiveDate, NaiveDateTime};

use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The fonts built into the program could not be read.
    #[error("embedded fonts unreadable")]
    Fonts,
    /// A combined printout of nobody.
    #[error("nothing to print")]
    Empty,
}

impl UserFacing for PdfError {
    fn code(&self) -> ErrorCode {
        match self {
            PdfError::Fonts => ErrorCode::PdfFonts,
            PdfError::Empty => ErrorCode::PdfEmpty,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            PdfError::Fonts => lang
                .pick(
                    "De lettertypen in het programma zijn beschadigd; er kan niets worden afgedrukt. Installeer Beeldakkoord opnieuw.",
                    "The fonts inside the program are damaged, so nothing can be printed. Reinstall Beeldakkoord.",
                )
                .into(),
            PdfError::Empty => lang.pick("Er is niets om af te drukken.", "There is nothing to print.").into(),
        }
    }
}

/// A date on paper as on screen, day first in both languages (dd-mm-yyyy):
/// an English printout is still read in a Dutch or Flemish office.
pub fn date(d: NaiveDate, _lang: Lang) -> String {
    d.format("%d-%m-%Y").to_string()
}

pub fn date_time(t: NaiveDateTime, lang: Lang) -> String {
    format!("{} {}", date(t.date(), lang), t.format("%H:%M"))
}
