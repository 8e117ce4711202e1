//! Photos, the boxes and tags on them, information notices and
//! publications, as the rest of the app sees them. Plain data.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PhotoBox {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl PhotoBox {
    /// How much two boxes overlap: the shared area over the area they cover together.
    pub fn overlap(self, other: PhotoBox) -> f64 {
        let (a, b) = (self, other);
        let iw = (a.x + a.w).min(b.x + b.w).saturating_sub(a.x.max(b.x));
        let ih = (a.y + a.h).min(b.y + b.h).saturating_sub(a.y.max(b.y));
        let inter = f64::from(iw) * f64::from(ih);
        let union = f64::from(a.w) * f64::from(a.h) + f64::from(b.w) * f64::from(b.h) - inter;
        if union <= 0.0 {
            0.0
        } else {
            inter / union
        }
    }
}

/// One face as the detector saw it, in pixels of the photo as shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundFace {
    pub area: PhotoBox,
    pub score: f32,
    /// Eyes (left and right in the picture), nose tip, mouth corners: what a
    /// recognition model aligns a face by. Not stored; found again by a scan.
    pub landmarks: Option<[(f32, f32); 5]>,
    /// Its descriptor, when face suggestions are on and the face is large
    /// enough to compare.
    pub embedding: Option<Embedding>,
}

/// A face's descriptor (`photos::recognition`): two photos of one person
/// give descriptors less than `SAME_PERSON` apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Embedding(pub [f32; 128]);

impl Embedding {
    /// Euclidean distance, as the model was trained for.
    pub fn distance(&self, other: &Embedding) -> f32 {
        self.0.iter().zip(other.0.iter()).map(|(a, b)| (a - b) * (a - b)).sum::<f32>().sqrt()
    }

    /// As stored: 128 little-endian 32-bit floats.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.0.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Embedding> {
        if bytes.len() != 128 * 4 {
            return None;
        }
        let mut v = [0f32; 128];
        for (slot, b) in v.iter_mut().zip(bytes.chunks_exact(4)) {
            *slot = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        }
        Some(Embedding(v))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Tag {
    pub id: i64,
    pub person: Option<i64>,
    pub person_name: Option<String>,
    #[serde(rename = "box")]
    pub area: Option<PhotoBox>,
    pub highlighted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Photo {
    pub id: i64,
    pub hash: String,
    pub original_name: String,
    pub format: String,
    /// Size as shown (after EXIF orientation): boxes use these pixels.
    pub width: u32,
    pub height: u32,
    pub orientation: u8,
    pub taken_on: Option<NaiveDate>,
    pub photo_type: Option<String>,
    pub posed: bool,
    pub imported_at: String,
}

/// A notice as the office entered it, for the notices screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NoticeRow {
    pub id: i64,
    pub text: String,
    pub date: NaiveDate,
    pub all_staff: bool,
    pub groups: Vec<String>,
    pub purposes: Vec<String>,
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PhotoSummary {
    pub id: i64,
    pub hash: String,
    pub name: String,
    /// Taken (EXIF), else imported.
    pub date: NaiveDate,
    pub photo_type: Option<String>,
    pub posed: bool,
    pub tags: u32,
    /// Boxes around someone not identified yet.
    pub unknown_boxes: u32,
    /// Detected faces nobody named, marked unknown or dismissed yet.
    pub faces: u32,
    /// Looked at by the face detector (false: still to be scanned).
    pub scanned: bool,
    /// Not yet checked: no photo type, nobody tagged, or faces not yet
    /// reviewed (what the library's "not yet checked" filter finds).
    pub unchecked: bool,
    /// The names of the people tagged on it, by surname.
    pub people: Vec<String>,
    /// The channels it is online on now (publications not taken down).
    pub published: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicationRow {
    pub id: i64,
    pub photo: i64,
    pub channel: String,
    pub purpose: String,
    pub place: String,
    pub published_on: NaiveDate,
    /// The verdict as JSON, exactly as it was when recorded.
    pub verdict: String,
    pub removed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NoticeFacts {
    pub id: i64,
    pub date: NaiveDate,
    pub groups: Vec<i64>,
    /// Covers all staff (staff are not in groups).
    pub all_staff: bool,
    pub purposes: Vec<String>,
    pub channels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    pub format: &'static str,
    /// Size as stored (before orientation).
    pub width: u32,
    pub height: u32,
    /// EXIF orientation 1..=8 (1 when absent).
    pub orientation: u8,
    pub taken_on: Option<NaiveDate>,
}

impl Inspected {
    /// Size as shown, after orientation: boxes are in these pixels.
    pub fn shown_size(&self) -> (u32, u32) {
        if self.orientation >= 5 {
            (self.height, self.width)
        } else {
            (self.width, self.height)
        }
    }
}

/// Where a detected face stands in its review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum FaceState {
    /// Found, not reviewed: an unidentified person to the verdict.
    Suggested,
    /// Someone named it: the face is that person's tag.
    Named,
    /// Reviewed as someone nobody can name: a box to fill.
    Unknown,
    /// Not a face, or not recognisable (with the reason on record).
    Dismissed,
}

/// Someone the recognition model thinks a face may be (never applied
/// without a click).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct FaceSuggestion {
    pub person: i64,
    pub name: String,
    /// 1 − the distance to this person's closest earlier face: above 0.5
    /// (closer than `recognition::SAME_PERSON`), higher is more alike.
    pub score: f32,
    /// Earlier photos on which this person was named with a face.
    pub photos: u32,
}

/// A face found on a photo, as the review shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Face {
    /// Its number on the photo (1, 2, … in reading order).
    pub face: u32,
    #[serde(rename = "box")]
    pub area: PhotoBox,
    pub score: f32,
    pub state: FaceState,
    pub person: Option<i64>,
    pub person_name: Option<String>,
    /// The tag it became (named or unknown).
    pub tag: Option<i64>,
    /// Why it was dismissed.
    pub reason: Option<String>,
    pub suggestions: Vec<FaceSuggestion>,
    /// It may be dismissed as too small to recognise (its box is under
    /// `too_small_below` pixels high in the full photo).
    pub may_be_too_small: bool,
    pub too_small_below: u32,
}

#[cfg(test)]
mod tests {
    use super::PhotoBox;

    fn b(x: u32, y: u32, w: u32, h: u32) -> PhotoBox {
        PhotoBox { x, y, w, h }
    }

    #[test]
    fn overlap_is_shared_over_covered() {
        assert_eq!(b(0, 0, 10, 10).overlap(b(0, 0, 10, 10)), 1.0);
        assert_eq!(b(0, 0, 10, 10).overlap(b(20, 20, 10, 10)), 0.0);
        assert!((b(0, 0, 10, 10).overlap(b(5, 0, 10, 10)) - 50.0 / 150.0).abs() < 1e-9);
    }
}
