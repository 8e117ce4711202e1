//! The photo library: reading image files safely, content-addressed storage
//! of originals (never modified), and cached thumbnails.

pub mod anonymise;
pub mod inspect;
pub mod library;

use std::path::PathBuf;

use crate::i18n::{Lang, UserFacing};

/// Decoding more than this is refused: a 200-megapixel image would need
/// gigabytes. Originals up to it are stored and thumbnailed.
pub const MAX_PIXELS: u64 = 120_000_000;
/// Memory one decode may allocate.
pub const MAX_DECODE_BYTES: u64 = 1 << 30;

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("empty file {0}")]
    Empty(String),
    #[error("unsupported {name}")]
    Unsupported { name: String, detail: String },
    #[error("corrupt {name}: {detail}")]
    Corrupt { name: String, detail: String },
    #[error("too large {name}")]
    TooLarge { name: String, megapixels: u64 },
    #[error("read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("no photo library")]
    NoLibrary,
}

impl UserFacing for PhotoError {
    fn code(&self) -> &'static str {
        match self {
            PhotoError::Empty(_) => "photo.empty",
            PhotoError::Unsupported { .. } => "photo.unsupported",
            PhotoError::Corrupt { .. } => "photo.corrupt",
            PhotoError::TooLarge { .. } => "photo.too_large",
            PhotoError::Read { .. } => "file.read",
            PhotoError::Write { .. } => "file.write",
            PhotoError::NoLibrary => "photo.no_library",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            PhotoError::Empty(n) => lang.pick(format!("{n} is leeg (0 bytes)."), format!("{n} is empty (0 bytes).")),
            PhotoError::Unsupported { name, detail } => lang.pick(
                format!("{name} is geen JPEG- of PNG-foto ({detail}). Sla de foto op als JPEG en probeer opnieuw."),
                format!("{name} is not a JPEG or PNG photo ({detail}). Save it as JPEG and try again."),
            ),
            PhotoError::Corrupt { name, detail } => lang.pick(
                format!("{name} is beschadigd of onvolledig en kan niet gelezen worden ({detail})."),
                format!("{name} is damaged or incomplete and cannot be read ({detail})."),
            ),
            PhotoError::TooLarge { name, megapixels } => lang.pick(
                format!("{name} is te groot ({megapixels} megapixel; hoogstens {} megapixel). Verklein de foto eerst.", MAX_PIXELS / 1_000_000),
                format!("{name} is too large ({megapixels} megapixels; at most {}). Make it smaller first.", MAX_PIXELS / 1_000_000),
            ),
            PhotoError::Read { path, source } => {
                lang.pick(format!("{} kan niet gelezen worden: {source}.", path.display()), format!("{} cannot be read: {source}.", path.display()))
            }
            PhotoError::Write { path, source } => lang.pick(
                format!("{} kan niet geschreven worden: {source}. Er is niets opgeslagen.", path.display()),
                format!("{} cannot be written: {source}. Nothing was saved.", path.display()),
            ),
            PhotoError::NoLibrary => lang.pick("Er is geen gegevensmap voor foto's.".to_string(), "There is no data folder for photos.".to_string()),
        }
    }
}
