//! The signed paper kept with a consent event: a scan dropped on the window
//! or picked in a dialog, and a copy saved where the user chooses.

use beeldakkoord_core::api::ScanFolder;
use beeldakkoord_core::domain::consent::Attachment;
use beeldakkoord_core::files::OutputFile;
use tauri::{AppHandle, State};

use super::files::{pick_folder, pick_open, pick_save, FileKind};
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

/// The scanner's folder and its newest documents.
#[tauri::command]
#[specta::specta]
pub async fn scan_folder(app: AppHandle) -> Result<ScanFolder, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.scan_folder(s))).await
}

/// Choose the scanner's folder in a dialog (`None`: cancelled, nothing changed).
#[tauri::command]
#[specta::specta]
pub async fn pick_scan_folder(app: AppHandle, state: State<'_, AppState>) -> Result<Option<ScanFolder>, ApiError> {
    let title = state.lang().pick("Map van de scanner kiezen", "Choose the scanner's folder");
    let Some(folder) = pick_folder(&app, &state, title).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.set_scan_folder(s, Some(&folder)))).await.map(Some)
}

/// Stop offering a scanner's folder.
#[tauri::command]
#[specta::specta]
pub async fn clear_scan_folder(app: AppHandle) -> Result<ScanFolder, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_scan_folder(s, None))).await
}
