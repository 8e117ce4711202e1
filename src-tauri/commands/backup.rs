//! Backups in the window: the administrator's folder and count, the daily
//! backup at the first sign-in of the day, one made by hand, and a restore
//! from the first-run screen.

use std::path::PathBuf;

use beeldakkoord_core::api::{BackupInfo, BackupSecret, BackupStatus};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Beeldakkoord;
use tauri::{AppHandle, State};

use super::AppState;
use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub async fn backup_status(app: AppHandle) -> Result<BackupStatus, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.backup_status(s))).await
}

/// Ask for the backup folder (a USB disk, a network share); `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_backup_folder(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let title = state.lang().pick("Map voor reservekopieën kiezen", "Choose the folder for backups");
    Ok(super::files::pick_folder(&app, &state, title).await?.map(|p| p.to_string_lossy().into_owned()))
}

#[tauri::command]
#[specta::specta]
pub async fn set_backup_settings(app: AppHandle, folder: Option<String>, keep: u16) -> Result<BackupStatus, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_backup_settings(s, folder.as_deref().map(std::path::Path::new), keep))).await
}

/// The daily backup, when one is due (the window asks after each sign-in).
#[tauri::command]
#[specta::specta]
pub async fn scheduled_backup(app: AppHandle) -> Result<Option<BackupInfo>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.scheduled_backup(s))).await
}

/// A backup made by hand, through the save dialog; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn create_backup(app: AppHandle, state: State<'_, AppState>) -> Result<Option<BackupInfo>, ApiError> {
    let lang = state.lang();
    let title = lang.pick("Reservekopie opslaan", "Save backup");
    let name = format!("{}.bkb", lang.pick("Reservekopie Beeldakkoord", "Beeldakkoord backup"));
    let Some(path) = super::files::pick_save(&app, &state, title, &name, "Beeldakkoord", &["bkb"]).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.create_backup(s, &OutputFile::new(&path, true)))).await.map(Some)
}

/// The first-run screen restores a backup into the (empty) data folder and
/// signs in: as the user whose password opened it, or, with the recovery
/// code, as the administrator `admin` with `new_password`.
#[tauri::command]
#[specta::specta]
pub async fn restore_backup(
    app: AppHandle,
    file: String,
    secret: BackupSecret,
    admin: Option<String>,
    new_password: Option<String>,
) -> Result<Session, ApiError> {
    super::blocking(app, move |state| {
        let recovery = admin.as_deref().zip(new_password.as_deref());
        state.open_once(|dir| Beeldakkoord::restore_backup(&PathBuf::from(&file), &secret, dir, recovery).map(|(core, session, _)| (core, session)), None)
    })
    .await
}
