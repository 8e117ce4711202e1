//! What a scan file is, by its content alone (never its name): a PDF, a
//! JPEG or a PNG that reads as one, within a size. Anything else is refused
//! before a byte is stored.

use std::io::Cursor;

use super::{DocFormat, EvidenceError};

/// The largest scan kept: the same limit as reading one from a file.
pub const MAX_SCAN_BYTES: u64 = crate::files::InputKind::Scan.limit();

/// Pixels an image scan may decode to (a 300-dpi A3 in colour is ~17 MP).
const MAX_PIXELS: u64 = 100_000_000;

/// A file found to be a document this app keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inspected {
    pub format: DocFormat,
    /// Pages of a PDF; 1 for an image.
    pub pages: u32,
}

/// Say what `bytes` (the file called `name`) is, or why it cannot be kept.
pub fn inspect(name: &str, bytes: &[u8]) -> Result<Inspected, EvidenceError> {
    if bytes.is_empty() {
        return Err(EvidenceError::Empty(name.into()));
    }
    if bytes.len() as u64 > MAX_SCAN_BYTES {
        return Err(EvidenceError::TooLarge { name: name.into(), bytes: bytes.len() as u64 });
    }
    let damaged = |detail: String| EvidenceError::Damaged { name: name.into(), detail };
    match sniff(bytes) {
        Some(DocFormat::Pdf) => {
            let pages = pdf_pages(bytes).map_err(|e| match e {
                PdfProblem::Locked => EvidenceError::Locked(name.into()),
                PdfProblem::Unreadable => damaged("PDF".into()),
                PdfProblem::NoPages => damaged("PDF zonder pagina's / PDF without pages".into()),
            })?;
            Ok(Inspected { format: DocFormat::Pdf, pages })
        }
        Some(format) => {
            let reader =
                image::ImageReader::with_format(Cursor::new(bytes), if format == DocFormat::Png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg });
            let (w, h) = reader.into_dimensions().map_err(|e| damaged(e.to_string()))?;
            if u64::from(w) * u64::from(h) > MAX_PIXELS {
                return Err(damaged(format!("{w}×{h}")));
            }
            // Decode it all once: a cut-off or garbled file is refused now,
            // not when a dossier years later cannot print it.
            let mut reader = image::ImageReader::new(Cursor::new(bytes));
            reader.set_format(if format == DocFormat::Png { image::ImageFormat::Png } else { image::ImageFormat::Jpeg });
            reader.decode().map_err(|e| damaged(e.to_string()))?;
            if format == DocFormat::Jpeg && !bytes.ends_with(&[0xFF, 0xD9]) && !trailing_eoi(bytes) {
                return Err(damaged("cut off".into()));
            }
            Ok(Inspected { format, pages: 1 })
        }
        None => Err(EvidenceError::NotADocument(name.into())),
    }
}

/// The format by the first bytes. A PDF may have a little junk before its
/// header (the format allows 1 024 bytes).
pub(super) fn sniff(bytes: &[u8]) -> Option<DocFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(DocFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(DocFormat::Png);
    }
    let head = &bytes[..bytes.len().min(1024)];
    head.windows(5).any(|w| w == b"%PDF-").then_some(DocFormat::Pdf)
}

/// A JPEG whose end-of-image marker is followed by a little padding some
/// scanners add.
fn trailing_eoi(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    tail.windows(2).any(|w| w == [0xFF, 0xD9])
}

pub(super) enum PdfProblem {
    Locked,
    Unreadable,
    NoPages,
}

/// Load a PDF with hayro and count its pages. A parser must never take the
/// app down: a panic inside it counts as unreadable.
pub(super) fn pdf_pages(bytes: &[u8]) -> Result<u32, PdfProblem> {
    let data = bytes.to_vec();
    let counted = std::panic::catch_unwind(move || match hayro::hayro_syntax::Pdf::new(data) {
        Ok(pdf) => Ok(pdf.pages().len()),
        Err(hayro::hayro_syntax::LoadPdfError::Decryption(_)) => Err(PdfProblem::Locked),
        Err(_) => Err(PdfProblem::Unreadable),
    });
    match counted {
        Ok(Ok(0)) => Err(PdfProblem::NoPages),
        Ok(Ok(n)) => Ok(u32::try_from(n).unwrap_or(u32::MAX)),
        Ok(Err(e)) => Err(e),
        Err(_) => Err(PdfProblem::Unreadable),
    }
}

/// The largest drawn signature kept: a PNG of the signing box is tens of kB.
pub const MAX_SIGNATURE_BYTES: usize = 2 * 1024 * 1024;

/// The largest signing box, in pixels each way.
const MAX_SIGNATURE_SIDE: u32 = 4000;

/// Dark pixels a signature needs, and how far its ink must reach (in pixels,
/// across or down): a tap or a stray dot is not a signature.
const MIN_INK_PIXELS: usize = 60;
const MIN_INK_REACH: u32 = 30;

/// Check a signature drawn at the desk: a PNG of the signing box (the window
/// draws dark ink on white or on nothing) with something drawn on it.
pub fn signature(bytes: &[u8]) -> Result<Inspected, EvidenceError> {
    let name = "handtekening.png";
    if bytes.is_empty() {
        return Err(EvidenceError::EmptySignature);
    }
    if bytes.len() > MAX_SIGNATURE_BYTES {
        return Err(EvidenceError::TooLarge { name: name.into(), bytes: bytes.len() as u64 });
    }
    if sniff(bytes) != Some(DocFormat::Png) {
        return Err(EvidenceError::NotADocument(name.into()));
    }
    let damaged = |detail: String| EvidenceError::Damaged { name: name.into(), detail };
    let reader = image::ImageReader::with_format(Cursor::new(bytes), image::ImageFormat::Png);
    let (w, h) = reader.into_dimensions().map_err(|e| damaged(e.to_string()))?;
    if w > MAX_SIGNATURE_SIDE || h > MAX_SIGNATURE_SIDE {
        return Err(damaged(format!("{w}×{h}")));
    }
    let img = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).map_err(|e| damaged(e.to_string()))?.into_rgba8();
    let (mut count, mut left, mut top, mut right, mut bottom) = (0usize, u32::MAX, u32::MAX, 0u32, 0u32);
    for (x, y, p) in img.enumerate_pixels() {
        let [r, g, b, a] = p.0;
        // Ink: opaque enough and dark (white or see-through is paper).
        let luma = (u32::from(r) * 299 + u32::from(g) * 587 + u32::from(b) * 114) / 1000;
        if a >= 128 && luma < 160 {
            count += 1;
            (left, top, right, bottom) = (left.min(x), top.min(y), right.max(x), bottom.max(y));
        }
    }
    if count < MIN_INK_PIXELS || (right - left).max(bottom - top) < MIN_INK_REACH {
        return Err(EvidenceError::EmptySignature);
    }
    Ok(Inspected { format: DocFormat::Png, pages: 1 })
}
