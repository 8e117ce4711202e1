//! Finding faces on the device: where a face is, never whose.
//!
//! Detection protects children (DESIGN: "Faces count as people"), so it is
//! always on; it runs in the core, the same for the CLI and the window, and
//! nothing leaves the computer. The detector is SeetaFace's frontal cascade
//! as `rustface` ships it (model embedded by `build.rs`); the choice and its
//! measured recall are in ARCHITECTURE.md.

use std::sync::OnceLock;

use image::{DynamicImage, GrayImage};

use super::PhotoError;
pub use crate::domain::photo::FoundFace;
use crate::domain::photo::PhotoBox;

/// The detector and model, recorded with every scan and every face.
pub const DETECTOR: &str = "seetaface-frontal-1.0";

/// Detection looks at the photo with its long side at most this many
/// pixels: a 12-megapixel photo is decoded at half size straight from the
/// JPEG, which keeps a scan near a second.
pub const WORK_SIZE: u32 = 2000;

/// The smallest face looked for, in pixels of the working image (the
/// detector's own window is 40; smaller needs an enlarged pyramid level).
pub const MIN_FACE: u32 = 20;

/// The detector's score a window must reach to count as a face.
pub const SCORE_THRESHOLD: f64 = 2.0;

/// A face too small to recognise: its box is under this many pixels high
/// in the photo at full size (in a 4000 × 3000 photo: about 1 % of its
/// height). Measured on the stored photo, not a smaller published copy, so
/// the rule errs on the side of the child. "Too small" is refused above it.
pub const RECOGNISABLE_PX: u32 = 32;

const MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/seeta_fd_frontal_v1.0.bin"));

fn model() -> Result<&'static rustface::Model, PhotoError> {
    static MODEL: OnceLock<Option<rustface::Model>> = OnceLock::new();
    MODEL.get_or_init(|| rustface::read_model(MODEL_BYTES).ok()).as_ref().ok_or(PhotoError::FaceModel)
}

/// Faces in a stored photo file, in pixels of the photo as shown
/// (`shown`: its width and height after EXIF orientation).
pub fn detect_in_file(name: &str, bytes: &[u8], orientation: u8, shown: (u32, u32)) -> Result<Vec<FoundFace>, PhotoError> {
    let img = match super::library::scaled_jpeg(bytes, orientation, WORK_SIZE) {
        Some(img) => img,
        None => super::library::decode(name, bytes, orientation)?,
    };
    detect(&img, shown)
}

/// Faces in a decoded picture; boxes are scaled to `shown` pixels, so a
/// picture decoded smaller than the photo gives boxes on the photo.
pub fn detect(img: &DynamicImage, shown: (u32, u32)) -> Result<Vec<FoundFace>, PhotoError> {
    let gray: GrayImage = if img.width().max(img.height()) > WORK_SIZE {
        img.resize(WORK_SIZE, WORK_SIZE, image::imageops::FilterType::Triangle).to_luma8()
    } else {
        img.to_luma8()
    };
    let (w, h) = gray.dimensions();
    // The detector needs a picture larger than its smallest window.
    if w < MIN_FACE || h < MIN_FACE {
        return Ok(Vec::new());
    }
    let mut detector = rustface::create_detector_with_model(model()?.clone());
    detector.set_min_face_size(MIN_FACE);
    detector.set_score_thresh(SCORE_THRESHOLD);
    detector.set_pyramid_scale_factor(0.8);
    detector.set_slide_window_step(4, 4);
    let found = detector.detect(&rustface::ImageData::new(gray.as_raw(), w, h));
    let (sx, sy) = (f64::from(shown.0) / f64::from(w), f64::from(shown.1) / f64::from(h));
    let mut faces: Vec<FoundFace> = found
        .iter()
        .filter_map(|f| {
            let b = f.bbox();
            let area = on_photo(f64::from(b.x()) * sx, f64::from(b.y()) * sy, f64::from(b.width()) * sx, f64::from(b.height()) * sy, shown)?;
            Some(FoundFace { area, score: f.score() as f32 })
        })
        .collect();
    reading_order(&mut faces);
    Ok(faces)
}

/// The detector's box grown to cover forehead and chin (its box is the
/// inner face: eyes to mouth), clipped to the photo. `None` when nothing
/// of it lies on the photo.
fn on_photo(x: f64, y: f64, w: f64, h: f64, shown: (u32, u32)) -> Option<PhotoBox> {
    let (x0, y0) = ((x - w * 0.1).max(0.0), (y - h * 0.2).max(0.0));
    let (x1, y1) = ((x + w * 1.1).min(f64::from(shown.0)), (y + h * 1.15).min(f64::from(shown.1)));
    if x1 - x0 < 1.0 || y1 - y0 < 1.0 {
        return None;
    }
    // Within 0..shown by the clamps above.
    Some(PhotoBox { x: x0 as u32, y: y0 as u32, w: (x1 - x0) as u32, h: (y1 - y0) as u32 })
}

/// Number faces as a person reads a class photo: row by row, left to right.
/// A face belongs to the row of the face above it when their centres are
/// less than half a face apart.
fn reading_order(faces: &mut [FoundFace]) {
    faces.sort_by_key(|f| f.area.y + f.area.h / 2);
    let mut row = 0u32;
    let mut rows = Vec::with_capacity(faces.len());
    let mut last: Option<&FoundFace> = None;
    for f in faces.iter() {
        if let Some(prev) = last {
            let gap = (f.area.y + f.area.h / 2).saturating_sub(prev.area.y + prev.area.h / 2);
            if gap * 2 > prev.area.h.min(f.area.h) {
                row += 1;
            }
        }
        rows.push(row);
        last = Some(f);
    }
    let mut keyed: Vec<(u32, FoundFace)> = rows.into_iter().zip(faces.iter().copied()).collect();
    keyed.sort_by_key(|(row, f)| (*row, f.area.x));
    for (slot, (_, f)) in faces.iter_mut().zip(keyed) {
        *slot = f;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(x: u32, y: u32, w: u32, h: u32) -> PhotoBox {
        PhotoBox { x, y, w, h }
    }

    #[test]
    fn faces_are_numbered_row_by_row_left_to_right() {
        let face = |x, y| FoundFace { area: b(x, y, 40, 40), score: 3.0 };
        // Back row slightly uneven, front row lower.
        let mut faces = vec![face(300, 110), face(100, 200), face(10, 100), face(160, 95), face(20, 210)];
        reading_order(&mut faces);
        let order: Vec<(u32, u32)> = faces.iter().map(|f| (f.area.x, f.area.y)).collect();
        assert_eq!(order, vec![(10, 100), (160, 95), (300, 110), (20, 210), (100, 200)]);
    }

    #[test]
    fn boxes_grow_to_the_whole_face_and_stay_on_the_photo() {
        let grown = on_photo(100.0, 100.0, 50.0, 50.0, (1000, 1000)).expect("on the photo");
        assert_eq!((grown.x, grown.y, grown.w, grown.h), (95, 90, 60, 67));
        let edge = on_photo(0.0, 0.0, 50.0, 50.0, (40, 40)).expect("partly on the photo");
        assert_eq!((edge.x, edge.y, edge.w, edge.h), (0, 0, 40, 40));
        assert_eq!(on_photo(50.0, 50.0, 10.0, 10.0, (40, 40)), None);
    }

    #[test]
    fn a_picture_without_faces_has_none() {
        let img = DynamicImage::ImageLuma8(GrayImage::from_pixel(400, 300, image::Luma([128])));
        assert!(detect(&img, (400, 300)).expect("detects").is_empty());
        let tiny = DynamicImage::ImageLuma8(GrayImage::from_pixel(8, 8, image::Luma([0])));
        assert!(detect(&tiny, (8, 8)).expect("detects").is_empty());
    }
}
