//! Core reports that carry errors, as both edges show them: each error as
//! its stable code and a message in the user's language, made here once.

use std::path::PathBuf;

use beeldakkoord_core::api::{self as core, ImportedPhoto, PhotoImportReport};
use beeldakkoord_core::i18n::{ErrorCode, UserFacing};
use beeldakkoord_core::Lang;
use serde::Serialize;

/// A file that was not imported: its name, and why in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FailedFile {
    pub name: String,
    pub code: ErrorCode,
    pub message: String,
}

/// What an import did, file by file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportReport {
    pub imported: Vec<ImportedPhoto>,
    pub failed: Vec<FailedFile>,
    pub cancelled: bool,
}

impl ImportReport {
    pub fn new(report: PhotoImportReport, lang: Lang) -> ImportReport {
        let failed = report.failed.into_iter().map(|f| FailedFile { code: f.error.code(), message: f.error.message(lang), name: f.name }).collect();
        ImportReport { imported: report.imported, failed, cancelled: report.cancelled }
    }
}

/// A photo whose file could not be scanned for faces, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FailedScan {
    pub photo: i64,
    pub name: String,
    pub code: ErrorCode,
    pub message: String,
}

/// What a scan for faces did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ScanReport {
    pub scanned: u32,
    pub faces: u32,
    /// Faces linked at once to a box someone had drawn on them.
    pub linked: u32,
    pub failed: Vec<FailedScan>,
    pub cancelled: bool,
}

impl ScanReport {
    pub fn new(report: core::ScanReport, lang: Lang) -> ScanReport {
        let failed =
            report.failed.into_iter().map(|f| FailedScan { photo: f.photo, name: f.name, code: f.error.code(), message: f.error.message(lang) }).collect();
        ScanReport { scanned: report.scanned, faces: report.faces, linked: report.linked, failed, cancelled: report.cancelled }
    }
}

/// A photo left out of the take-home set: others on it without a box, or the reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SkippedPhoto {
    pub photo: i64,
    pub name: String,
    /// Others on it without a box: they cannot be hidden, so the photo stays home.
    pub unboxed: Vec<String>,
    /// Why the copy could not be made (a damaged original), when that is the reason.
    pub problem: Option<String>,
}

/// The photos of a leaving person to take home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LeaverPhotos {
    pub person: i64,
    pub files: Vec<PathBuf>,
    /// Boxes of other people made unrecognisable, over all files.
    pub hidden: u32,
    pub skipped: Vec<SkippedPhoto>,
}

impl LeaverPhotos {
    pub fn new(report: core::LeaverPhotos, lang: Lang) -> LeaverPhotos {
        let skipped = report
            .skipped
            .into_iter()
            .map(|s| SkippedPhoto { photo: s.photo, name: s.name, unboxed: s.unboxed, problem: s.problem.map(|e| e.message(lang)) })
            .collect();
        LeaverPhotos { person: report.person, files: report.files, hidden: report.hidden, skipped }
    }
}
