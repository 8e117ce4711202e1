//! Evidence kept with a consent event: the scan or photo of the signed
//! paper form, and the signature drawn at the desk. `inspect` says what a
//! file is by its content (PDF, JPEG, PNG; its pages) and refuses anything
//! else; `render` makes the page images the dossier prints as its appendix.
//! The files themselves live in the library (`photos::library`), encrypted
//! under their SHA-256.

mod inspect;
mod render;

pub use inspect::{inspect, signature, Inspected, MAX_SCAN_BYTES, MAX_SIGNATURE_BYTES};
pub use render::page_image;

pub use crate::domain::consent::DocFormat;
use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// The file has no bytes at all.
    #[error("empty scan {0}")]
    Empty(String),
    /// Larger than any scan of a form is.
    #[error("scan {name} too large ({bytes} bytes)")]
    TooLarge { name: String, bytes: u64 },
    /// Neither a PDF nor a JPEG or PNG image.
    #[error("{0} is not a document")]
    NotADocument(String),
    /// It starts as one of them and does not read as one.
    #[error("{name} damaged: {detail}")]
    Damaged { name: String, detail: String },
    /// A PDF with a password: it could never be shown or printed again.
    #[error("{0} is encrypted")]
    Locked(String),
    /// The event has no attachment with that number.
    #[error("event {event} has no attachment {number}")]
    NoAttachment { event: i64, number: u32 },
    /// A kept file that no longer is what was attached (changed, swapped,
    /// unreadable with the data key) or is gone.
    #[error("kept file of event {event}, attachment {number} changed")]
    Changed { event: i64, number: u32 },
    /// A drawn signature with nothing drawn on it.
    #[error("empty signature")]
    EmptySignature,
}

impl UserFacing for EvidenceError {
    fn code(&self) -> ErrorCode {
        match self {
            EvidenceError::Empty(_) => ErrorCode::ScanEmpty,
            EvidenceError::TooLarge { .. } => ErrorCode::ScanTooLarge,
            EvidenceError::NotADocument(_) => ErrorCode::ScanNotADocument,
            EvidenceError::Damaged { .. } => ErrorCode::ScanDamaged,
            EvidenceError::Locked(_) => ErrorCode::ScanLocked,
            EvidenceError::NoAttachment { .. } => ErrorCode::ScanUnknown,
            EvidenceError::Changed { .. } => ErrorCode::ScanChanged,
            EvidenceError::EmptySignature => ErrorCode::ScanEmptySignature,
        }
    }
    fn message(&self, lang: Lang) -> String {
        use crate::domain::text::shorten;
        match self {
            EvidenceError::Empty(n) => lang.pick(
                format!("'{}' is leeg (0 bytes). Scan het formulier opnieuw en kies het nieuwe bestand.", shorten(n, 80)),
                format!("'{}' is empty (0 bytes). Scan the form again and choose the new file.", shorten(n, 80)),
            ),
            EvidenceError::TooLarge { name, bytes } => {
                let mb = bytes / (1024 * 1024);
                let max = MAX_SCAN_BYTES / (1024 * 1024);
                lang.pick(
                    format!("'{}' is {mb} MB; een scan mag hoogstens {max} MB zijn. Scan in grijstinten op 200–300 dpi, of als PDF.", shorten(name, 80)),
                    format!("'{}' is {mb} MB; a scan may be at most {max} MB. Scan in greyscale at 200–300 dpi, or as a PDF.", shorten(name, 80)),
                )
            }
            EvidenceError::NotADocument(n) => lang.pick(
                format!("'{}' is geen PDF, JPEG of PNG. Kies de scan of foto van het ondertekende formulier.", shorten(n, 80)),
                format!("'{}' is not a PDF, JPEG or PNG. Choose the scan or photo of the signed form.", shorten(n, 80)),
            ),
            EvidenceError::Damaged { name, detail } => lang.pick(
                format!("'{}' is beschadigd en kan niet gelezen worden ({}). Scan het formulier opnieuw.", shorten(name, 80), shorten(detail, 120)),
                format!("'{}' is damaged and cannot be read ({}). Scan the form again.", shorten(name, 80), shorten(detail, 120)),
            ),
            EvidenceError::Locked(n) => lang.pick(
                format!("'{}' is met een wachtwoord beveiligd; zo kan het later niet getoond of afgedrukt worden. Bewaar de scan zonder wachtwoord.", shorten(n, 80)),
                format!("'{}' is protected with a password, so it could not be shown or printed later. Save the scan without a password.", shorten(n, 80)),
            ),
            EvidenceError::NoAttachment { event, number } => lang.pick(
                format!("Registratie {event} heeft geen bijlage {number}."),
                format!("Entry {event} has no attachment {number}."),
            ),
            EvidenceError::Changed { event, number } => lang.pick(
                format!("Het bewaarde bestand van bijlage {number} bij registratie {event} is niet meer wat er is bijgevoegd: het is buiten Beeldakkoord gewijzigd, beschadigd of weggehaald. Zet de gegevensmap terug uit een back-up; 'audit verify' toont wat er nog meer afwijkt."),
                format!("The kept file of attachment {number} of entry {event} is no longer what was attached: it was changed outside Beeldakkoord, damaged or removed. Restore the data folder from a backup; 'audit verify' shows what else differs."),
            ),
            EvidenceError::EmptySignature => lang.pick(
                "Er is nog niets getekend. Zet uw handtekening in het vak.".into(),
                "Nothing has been drawn yet. Sign in the box.".into(),
            ),
        }
    }
}
