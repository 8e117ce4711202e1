//! The signed paper kept with a consent event: a scan dropped on the window
//! or picked in a dialog, and a copy saved where the user chooses.

use beeldakkoord_core::domain::consent::Attachment;
use beeldakkoord_core::files::OutputFile;
use tauri::{AppHandle, State};

use super::files::{pick_open, pick_save, FileKind};
use super::AppState;
use crate::error::ApiError;

/// Attach the file at `path` (dropped on the window) to consent event `event`.
#[tauri::command]
#[specta::specta]
pub async fn attach_scan(app: AppHandle, event: i64, path: String) -> Result<Attachment, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.attach_scan_file(s, event, std::path::Path::new(&path)))).await
}

/// Ask for the scan in a dialog and attach it; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn attach_scan_file(app: AppHandle, state: State<'_, AppState>, event: i64) -> Result<Option<Attachment>, ApiError> {
    let Some(path) = pick_open(&app, &state, FileKind::Scan).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.attach_scan_file(s, event, &path))).await.map(Some)
}

/// Save a copy of a kept scan where the user chooses; the path, or `None`
/// when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn save_scan(app: AppHandle, state: State<'_, AppState>, event: i64, number: u32) -> Result<Option<String>, ApiError> {
    let lang = state.lang();
    let kept = state.call(|core, s| core.attachment(s, event, number))?;
    let ext = kept.format.extension();
    let file = format!("{} {event}-{number}.{ext}", lang.pick("Scan registratie", "Scan entry"));
    let Some(path) = pick_save(&app, &state, lang.pick("Scan opslaan", "Save scan"), &file, &ext.to_uppercase(), &[ext]).await? else {
        return Ok(None);
    };
    let shown = path.to_string_lossy().into_owned();
    super::blocking(app.clone(), move |state| state.call(|core, s| core.export_scan(s, event, number, &OutputFile::new(path, true)))).await?;
    Ok(Some(shown))
}
