//! A kept document as one picture for the dossier's appendix: an image
//! scan as it is, a PDF's first page rasterised with hayro (pure Rust; no
//! PDF library with C parts is needed). Both at most 150 dpi on A4, which
//! keeps a signature legible and a dossier small.

use std::io::Cursor;

use image::{DynamicImage, RgbImage};

use super::{inspect::sniff, DocFormat};

/// Long and short side, in pixels, of A4 at 150 dpi.
const MAX_LONG: u32 = 1754;
const MAX_SHORT: u32 = 1240;

/// The first page of a kept file as an image, or `None` when it cannot be
/// drawn (the dossier then lists it by its hash alone).
pub fn page_image(bytes: &[u8]) -> Option<RgbImage> {
    let img = match sniff(bytes)? {
        DocFormat::Pdf => first_pdf_page(bytes)?,
        DocFormat::Jpeg | DocFormat::Png => {
            let mut reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
            let mut limits = image::Limits::default();
            limits.max_alloc = Some(crate::photos::MAX_DECODE_BYTES);
            reader.limits(limits);
            reader.decode().ok()?
        }
    };
    Some(fit(img).into_rgb8())
}

fn fit(img: DynamicImage) -> DynamicImage {
    let (w, h) = (img.width(), img.height());
    let (max_w, max_h) = if w >= h { (MAX_LONG, MAX_SHORT) } else { (MAX_SHORT, MAX_LONG) };
    if w <= max_w && h <= max_h {
        return img;
    }
    img.resize(max_w, max_h, image::imageops::FilterType::Triangle)
}

/// hayro's picture of page 1 on white, scaled to fit; a panic inside the
/// rasteriser is caught and counts as "cannot be drawn".
fn first_pdf_page(bytes: &[u8]) -> Option<DynamicImage> {
    let data = bytes.to_vec();
    std::panic::catch_unwind(move || {
        let pdf = hayro::hayro_syntax::Pdf::new(data).ok()?;
        let page = pdf.pages().first()?;
        let (w, h) = page.render_dimensions();
        if !(w.is_finite() && h.is_finite()) || w < 1.0 || h < 1.0 {
            return None;
        }
        let (max_w, max_h) = if w >= h { (MAX_LONG, MAX_SHORT) } else { (MAX_SHORT, MAX_LONG) };
        let scale = (max_w as f32 / w).min(max_h as f32 / h);
        let settings = hayro::PixmapSettings { x_scale: scale, y_scale: scale, bg_color: hayro::vello_cpu::color::palette::css::WHITE };
        let cache = hayro::RenderCache::new();
        let pixmap = hayro::render(page, &cache, &Default::default(), &Default::default(), &settings);
        let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        let rgba = image::RgbaImage::from_raw(pw, ph, pixmap.take_rgba8(hayro::vello_cpu::peniko::ImageAlphaType::Alpha))?;
        Some(DynamicImage::ImageRgba8(rgba))
    })
    .ok()
    .flatten()
}
