//! What every printout of the organisation carries, in one place: its name
//! and logo at the top of each page, the document's title top right, a
//! footer, and "Pagina x van y", numbered per part (per person in a
//! combined printout).

use super::fonts::fonts;
use super::layout::{Running, Writer};
use super::PdfError;
use crate::i18n::Lang;

/// The organisation's letterhead, in the language of the printout.
#[derive(Debug, Clone, Copy)]
pub struct Letterhead<'a> {
    pub organisation: &'a str,
    /// The organisation's logo (PNG or JPEG), left of its name.
    pub logo: Option<&'a [u8]>,
    pub lang: Lang,
}

/// What one part of a printout shows around its pages.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// Top right: what the document is.
    pub title: String,
    /// Bottom left, e.g. the person the part is about.
    pub footer_left: String,
    /// Bottom middle, e.g. when and by whom it was printed.
    pub footer_middle: String,
}

impl Letterhead<'_> {
    /// A new printout whose first part is `first`; `document_title` is the PDF's own title.
    pub fn start(&self, document_title: &str, first: Part) -> Result<Writer<'static>, PdfError> {
        let fonts = fonts().ok_or(PdfError::Fonts)?;
        let mut doc = Writer::new(fonts, document_title, self.running(first));
        doc.set_language(self.lang.pick("nl-NL", "en-GB"));
        if let Some(logo) = self.logo {
            doc.set_logo(logo);
        }
        Ok(doc)
    }

    /// The next part on a fresh page, numbered from 1 again.
    pub fn next_part(&self, doc: &mut Writer<'_>, part: Part) {
        doc.begin_section(self.running(part));
    }

    fn running(&self, part: Part) -> Running {
        Running {
            header_left: self.organisation.to_string(),
            header_right: part.title,
            footer_left: part.footer_left,
            footer_middle: part.footer_middle,
            page_of: self.lang.pick("Pagina {} van {}", "Page {} of {}").to_string(),
        }
    }
}
