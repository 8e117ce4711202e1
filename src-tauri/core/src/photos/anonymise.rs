//! Anonymised copies: every box to hide filled solid, all metadata gone.
//!
//! A solid fill cannot be undone (unlike a light blur). Metadata (EXIF with
//! GPS, XMP, IPTC, embedded thumbnails) is dropped by construction: the copy
//! is encoded afresh from pixels only.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

use super::PhotoError;
use crate::domain::photo::PhotoBox;

/// Fill each box with one flat colour (the box's mean, so the picture stays calm).
pub fn fill_boxes(img: &DynamicImage, boxes: &[PhotoBox]) -> RgbImage {
    let mut rgb = img.to_rgb8();
    let (w, h) = rgb.dimensions();
    for b in boxes {
        let (x0, y0) = (b.x.min(w), b.y.min(h));
        let (x1, y1) = ((b.x + b.w).min(w), (b.y + b.h).min(h));
        let n = u64::from((x1 - x0) * (y1 - y0)).max(1);
        let mut sum = [0u64; 3];
        for y in y0..y1 {
            for x in x0..x1 {
                let p = rgb.get_pixel(x, y);
                for c in 0..3 {
                    sum[c] += u64::from(p[c]);
                }
            }
        }
        let mean = Rgb([(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]);
        for y in y0..y1 {
            for x in x0..x1 {
                rgb.put_pixel(x, y, mean);
            }
        }
    }
    rgb
}

/// Encode as PNG (lossless) or JPEG, chosen by the output name.
/// Only `keep` recognisable: every `block`×`block` square outside it becomes
/// its mean colour (a coarse mosaic), so people nobody tagged or detected
/// cannot be recognised either.
pub fn only_box(img: &DynamicImage, keep: PhotoBox, block: u32) -> RgbImage {
    let src = img.to_rgb8();
    let mut out = src.clone();
    let (w, h) = src.dimensions();
    let block = block.max(2);
    let inside = |x: u32, y: u32| x >= keep.x && x < keep.x + keep.w && y >= keep.y && y < keep.y + keep.h;
    for by in (0..h).step_by(block as usize) {
        for bx in (0..w).step_by(block as usize) {
            let (x1, y1) = ((bx + block).min(w), (by + block).min(h));
            let mut sum = [0u64; 3];
            for y in by..y1 {
                for x in bx..x1 {
                    let p = src.get_pixel(x, y);
                    for c in 0..3 {
                        sum[c] += u64::from(p[c]);
                    }
                }
            }
            let n = u64::from((x1 - bx) * (y1 - by)).max(1);
            let mean = Rgb([(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]);
            for y in by..y1 {
                for x in bx..x1 {
                    if !inside(x, y) {
                        out.put_pixel(x, y, mean);
                    }
                }
            }
        }
    }
    out
}

pub fn encode(rgb: &RgbImage, out_name: &str) -> Result<Vec<u8>, PhotoError> {
    let lower = out_name.to_ascii_lowercase();
    let mut buf = Cursor::new(Vec::new());
    if lower.ends_with(".png") {
        rgb.write_to(&mut buf, ImageFormat::Png).map_err(|e| PhotoError::from_image(out_name, &e))?;
    } else if lower.ends_with(".jpg") || lower.ends_with(".jpeg") {
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut buf, 92).encode_image(rgb).map_err(|e| PhotoError::from_image(out_name, &e))?;
    } else {
        return Err(PhotoError::OutputFormat(out_name.into()));
    }
    Ok(buf.into_inner())
}
