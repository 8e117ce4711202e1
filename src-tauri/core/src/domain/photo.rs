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
    /// Not yet checked: no photo type, or nobody tagged (what the library's
    /// "not yet checked" filter finds).
    pub unchecked: bool,
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
