//! The photo library: reading image files safely, content-addressed storage
//! of originals (never modified), and cached thumbnails.

pub mod anonymise;
mod centerface;
pub mod faces;
pub mod inspect;
pub mod jpeg_dc;
pub mod library;
pub mod recognition;

use crate::i18n::{ErrorCode, Lang, UserFacing};

/// Decoding more than this is refused: a 200-megapixel image would need
/// gigabytes. Originals up to it are stored and thumbnailed.
pub const MAX_PIXELS: u64 = 120_000_000;
/// Memory one decode may allocate.
pub const MAX_DECODE_BYTES: u64 = 1 << 30;

/// A photo's longer side may be at most this many times its shorter side:
/// wide panoramas (8:1) pass, a strip of pixels (100 000 × 1) is no photo.
pub const MAX_ASPECT: u32 = 20;

/// Why a file could not be read as a picture. Decoder texts stay out of
/// messages: they are English and technical.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// The file stops before the end of the picture.
    Truncated,
    /// The picture data do not decode.
    Undecodable,
    /// The header names a picture of no pixels.
    NoPixels,
    /// Decoding would need more memory than allowed.
    TooMuchMemory,
}

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("empty file {0}")]
    Empty(String),
    #[error("unsupported {name}: {format}")]
    Unsupported { name: String, format: String },
    #[error("corrupt {name}: {damage:?}")]
    Corrupt { name: String, damage: Damage },
    #[error("too large {name}")]
    TooLarge { name: String, megapixels: u64 },
    #[error("odd shape {name}: {width}x{height}")]
    Shape { name: String, width: u32, height: u32 },
    #[error("output must be .jpg or .png: {0}")]
    OutputFormat(String),
    #[error(transparent)]
    File(#[from] crate::files::FileError),
    #[error("no photo library")]
    NoLibrary,
    /// A file in the library that does not decrypt (changed, cut off) or is
    /// plain where only encrypted files belong.
    #[error("stored photo file damaged: {0}")]
    Damaged(String),
    /// Another process is adding or removing library files right now.
    #[error("library busy")]
    Busy,
    /// The embedded face model does not load (a broken build).
    #[error("face model does not load")]
    FaceModel,
}

impl PhotoError {
    /// A decoder's complaint about `name`, sorted into what it means.
    pub fn from_image(name: &str, e: &image::ImageError) -> PhotoError {
        let damage = match e {
            image::ImageError::Limits(_) => Damage::TooMuchMemory,
            image::ImageError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => Damage::Truncated,
            _ => Damage::Undecodable,
        };
        PhotoError::Corrupt { name: name.to_string(), damage }
    }
}

impl UserFacing for PhotoError {
    fn code(&self) -> ErrorCode {
        match self {
            PhotoError::Empty(_) => ErrorCode::PhotoEmpty,
            PhotoError::Unsupported { .. } => ErrorCode::PhotoUnsupported,
            PhotoError::Corrupt { .. } => ErrorCode::PhotoCorrupt,
            PhotoError::TooLarge { .. } => ErrorCode::PhotoTooLarge,
            PhotoError::Shape { .. } => ErrorCode::PhotoShape,
            PhotoError::OutputFormat(_) => ErrorCode::PhotoOutputFormat,
            PhotoError::File(e) => e.code(),
            PhotoError::NoLibrary => ErrorCode::PhotoNoLibrary,
            PhotoError::Damaged(_) => ErrorCode::PhotoDamaged,
            PhotoError::Busy => ErrorCode::PhotoImportBusy,
            PhotoError::FaceModel => ErrorCode::PhotoFaceModel,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let short = |n: &str| crate::domain::text::shorten(n, 80);
        match self {
            PhotoError::Empty(n) => lang.pick(format!("{} is leeg (0 bytes).", short(n)), format!("{} is empty (0 bytes).", short(n))),
            PhotoError::Unsupported { name, format } => lang.pick(
                format!("{} is geen JPEG- of PNG-foto ({format}). Sla de foto op als JPEG en probeer opnieuw.", short(name)),
                format!("{} is not a JPEG or PNG photo ({format}). Save it as JPEG and try again.", short(name)),
            ),
            PhotoError::Corrupt { name, damage } => {
                let (nl, en) = match damage {
                    Damage::Truncated => ("het bestand is afgebroken", "the file is cut off"),
                    Damage::Undecodable => ("de beeldgegevens kloppen niet", "the picture data are invalid"),
                    Damage::NoPixels => ("het beeld heeft geen pixels", "the picture has no pixels"),
                    Damage::TooMuchMemory => ("openen zou te veel geheugen vragen", "opening it would need too much memory"),
                };
                lang.pick(
                    format!("{} is beschadigd of onvolledig en kan niet gelezen worden: {nl}. Kopieer de foto opnieuw van de camera.", short(name)),
                    format!("{} is damaged or incomplete and cannot be read: {en}. Copy the photo from the camera again.", short(name)),
                )
            }
            PhotoError::TooLarge { name, megapixels } => lang.pick(
                format!("{} is te groot ({megapixels} megapixel; hoogstens {} megapixel). Verklein de foto eerst.", short(name), MAX_PIXELS / 1_000_000),
                format!("{} is too large ({megapixels} megapixels; at most {}). Make it smaller first.", short(name), MAX_PIXELS / 1_000_000),
            ),
            PhotoError::Shape { name, width, height } => lang.pick(
                format!(
                    "{} is {width} × {height} pixels: te smal om een foto te zijn (de lange zijde mag hoogstens {MAX_ASPECT} keer de korte zijn).",
                    short(name)
                ),
                format!(
                    "{} is {width} × {height} pixels: too narrow to be a photo (the long side may be at most {MAX_ASPECT} times the short side).",
                    short(name)
                ),
            ),
            PhotoError::Busy => lang.pick(
                "Er worden al foto's geïmporteerd of verwijderd (in een ander venster of op de opdrachtregel). Probeer het opnieuw als dat klaar is.".into(),
                "Photos are already being imported or removed (in another window or on the command line). Try again when that is done.".into(),
            ),
            PhotoError::FaceModel => lang.pick(
                "Het model om gezichten te vinden is niet te laden: deze installatie is beschadigd. Installeer Beeldakkoord opnieuw.".into(),
                "The model that finds faces does not load: this installation is damaged. Install Beeldakkoord again.".into(),
            ),
            PhotoError::OutputFormat(name) => {
                lang.pick(format!("{} moet eindigen op .jpg, .jpeg of .png.", short(name)), format!("{} must end in .jpg, .jpeg or .png.", short(name)))
            }
            PhotoError::File(e) => e.message(lang),
            PhotoError::NoLibrary => lang.pick("Er is geen gegevensmap voor foto's.".to_string(), "There is no data folder for photos.".to_string()),
            PhotoError::Damaged(file) => lang.pick(
                format!("Het opgeslagen fotobestand {} is beschadigd of gewijzigd en wordt niet getoond. Zet een reservekopie terug.", short(file)),
                format!("The stored photo file {} is damaged or was changed, and is not shown. Restore a backup.", short(file)),
            ),
        }
    }
}
