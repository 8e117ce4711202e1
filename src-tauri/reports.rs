//! Core reports that carry errors, as both edges show them: each error as
//! its stable code and a message in the user's language, made here once.

use beeldakkoord_core::api::{ImportedPhoto, PhotoImportReport};
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
