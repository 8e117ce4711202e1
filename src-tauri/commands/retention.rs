//! Retention in the window (administrators): the terms, the list of what is
//! past them (a dry run), the removal itself, and skipping a dossier.

use beeldakkoord_core::domain::retention::{RetentionDue, RetentionReport, RetentionSettings};
use chrono::NaiveDate;
use tauri::AppHandle;

use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub async fn retention_settings(app: AppHandle) -> Result<RetentionSettings, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.retention_settings(s))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_retention_settings(app: AppHandle, settings: RetentionSettings) -> Result<RetentionSettings, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_retention_settings(s, settings))).await
}

/// What a run on `date` (today when `None`) removes; with `dry_run` nothing
/// is removed and the list is exactly what a run would remove.
#[tauri::command]
#[specta::specta]
pub async fn run_retention(app: AppHandle, date: Option<NaiveDate>, dry_run: bool) -> Result<RetentionReport, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.run_retention(s, date, dry_run))).await
}

#[tauri::command]
#[specta::specta]
pub async fn skip_dossier(app: AppHandle, person: i64, reason: String) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.skip_dossier(s, person, &reason))).await
}

/// The administrator's reminder after signing in.
#[tauri::command]
#[specta::specta]
pub async fn retention_due(app: AppHandle) -> Result<RetentionDue, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.retention_due(s))).await
}
