//! Native file dialogs (rfd) and the imports and exports that use them.
//!
//! WebDriver cannot drive native dialogs, so the e2e build names paths in
//! `BEELDAKKOORD_PICK_FILE` / `BEELDAKKOORD_SAVE_FILE`; without them the real
//! dialog opens on the GTK main thread.

use beeldakkoord_core::i18n::ErrorCode;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use beeldakkoord_core::api::{FormRef, RosterReport};
use beeldakkoord_core::files::OutputFile;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};

use super::AppState;
use crate::error::ApiError;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Roster,
    Form,
    Logo,
    Backup,
    /// The scan or photo of a signed form.
    Scan,
}

fn dialog_failed(state: &AppState) -> ApiError {
    ApiError::new(ErrorCode::DialogFailed, state.lang().pick("Het bestandsvenster kon niet geopend worden.", "The file dialog could not be opened."))
}

/// Show a dialog on the main thread and wait for the answer off it.
async fn on_main<T: Send + 'static>(app: &AppHandle, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    app.run_on_main_thread(move || {
        let _ = tx.send(f());
    })
    .ok()?;
    tauri::async_runtime::spawn_blocking(move || rx.recv().ok()).await.ok().flatten()
}

pub(super) async fn pick_open(app: &AppHandle, state: &AppState, kind: FileKind) -> Result<Option<PathBuf>, ApiError> {
    // A file dialog shows the whole PC: never from the desk view.
    state.not_at_desk()?;
    if let Some(p) = std::env::var_os("BEELDAKKOORD_PICK_FILE").filter(|p| !p.is_empty()) {
        return Ok(Some(PathBuf::from(p)));
    }
    let lang = state.lang();
    let dialog = match kind {
        FileKind::Roster => {
            rfd::FileDialog::new().set_title(lang.pick("Leerlingenlijst kiezen (CSV)", "Choose a roster (CSV)")).add_filter("CSV", &["csv", "txt"])
        }
        FileKind::Form => {
            rfd::FileDialog::new().set_title(lang.pick("Formulierbestand kiezen (TOML)", "Choose a form file (TOML)")).add_filter("TOML", &["toml"])
        }
        FileKind::Backup => rfd::FileDialog::new()
            .set_title(lang.pick("Reservekopie kiezen", "Choose a backup"))
            .add_filter(lang.pick("Reservekopie van Beeldakkoord", "Beeldakkoord backup"), &["bkb"]),
        FileKind::Scan => {
            let dialog = rfd::FileDialog::new()
                .set_title(lang.pick("Scan van het ondertekende formulier kiezen", "Choose the scan of the signed form"))
                .add_filter(lang.pick("Scan (PDF, JPEG, PNG)", "Scan (PDF, JPEG, PNG)"), &["pdf", "jpg", "jpeg", "png", "PDF", "JPG", "JPEG", "PNG"]);
            // The dialog opens in the scanner's folder, once the office chose one.
            match state.call(|core, s| core.scan_folder(s)).ok().and_then(|f| f.folder.filter(|_| !f.unreachable)) {
                Some(folder) => dialog.set_directory(folder),
                None => dialog,
            }
        }
        FileKind::Logo => rfd::FileDialog::new()
            .set_title(lang.pick("Logo kiezen (PNG of JPEG)", "Choose a logo (PNG or JPEG)"))
            .add_filter(lang.pick("Afbeelding", "Image"), &["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"]),
    };
    on_main(app, move || dialog.pick_file()).await.ok_or_else(|| dialog_failed(state))
}

/// Ask for a file to read; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn pick_file(app: AppHandle, state: State<'_, AppState>, kind: FileKind) -> Result<Option<String>, ApiError> {
    Ok(pick_open(&app, &state, kind).await?.map(|p| p.to_string_lossy().into_owned()))
}

/// Import (or with `dry_run` preview) a roster file picked earlier.
#[tauri::command]
#[specta::specta]
pub async fn import_roster(app: AppHandle, path: String, dry_run: bool) -> Result<RosterReport, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.import_roster_file(s, Path::new(&path), dry_run))).await
}

#[tauri::command]
#[specta::specta]
pub async fn import_form_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<FormRef>, ApiError> {
    let Some(path) = pick_open(&app, &state, FileKind::Form).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.import_form_file(s, &path))).await.map(Some)
}

/// Choose the organisation's logo for printouts; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn set_logo_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<bool>, ApiError> {
    let Some(path) = pick_open(&app, &state, FileKind::Logo).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.set_logo_file(s, &path))).await.map(|_| Some(true))
}

/// Printouts without a logo from now on.
#[tauri::command]
#[specta::specta]
pub async fn remove_logo(app: AppHandle) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_logo(s, None))).await
}

/// Whether printouts carry a logo.
#[tauri::command]
#[specta::specta]
pub async fn has_logo(app: AppHandle) -> Result<bool, ApiError> {
    super::blocking(app, move |state| state.call(|core, _| core.logo().map(|l| l.is_some()))).await
}

/// Ask where to save; `None` when the user cancels. The e2e build names the
/// path in `BEELDAKKOORD_SAVE_FILE`.
pub(super) async fn pick_save(
    app: &AppHandle,
    state: &AppState,
    title: &str,
    file_name: &str,
    filter: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, ApiError> {
    state.not_at_desk()?;
    let chosen = match std::env::var_os("BEELDAKKOORD_SAVE_FILE").filter(|p| !p.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => {
            let dialog = rfd::FileDialog::new().set_title(title).set_file_name(file_name).add_filter(filter, extensions);
            on_main(app, move || dialog.save_file()).await.ok_or_else(|| dialog_failed(state))?
        }
    };
    if let Some(path) = &chosen {
        state.remember_saved(path);
    }
    Ok(chosen)
}

/// Ask for a folder to write into; `None` when the user cancels. The e2e
/// build names it in `BEELDAKKOORD_PICK_FOLDER`.
pub(super) async fn pick_folder(app: &AppHandle, state: &AppState, title: &str) -> Result<Option<PathBuf>, ApiError> {
    state.not_at_desk()?;
    if let Some(p) = std::env::var_os("BEELDAKKOORD_PICK_FOLDER").filter(|p| !p.is_empty()) {
        return Ok(Some(PathBuf::from(p)));
    }
    let dialog = rfd::FileDialog::new().set_title(title);
    on_main(app, move || dialog.pick_folder()).await.ok_or_else(|| dialog_failed(state))
}

/// Ask for photo files, or with `folder` for a folder of photos; empty when
/// the user cancels. The e2e build names them in `BEELDAKKOORD_PICK_PHOTOS`
/// (separated like PATH).
#[tauri::command]
#[specta::specta]
pub async fn pick_photos(app: AppHandle, state: State<'_, AppState>, folder: bool) -> Result<Vec<String>, ApiError> {
    state.not_at_desk()?;
    if let Some(list) = std::env::var_os("BEELDAKKOORD_PICK_PHOTOS").filter(|p| !p.is_empty()) {
        return Ok(std::env::split_paths(&list).map(|p| p.to_string_lossy().into_owned()).collect());
    }
    let lang = state.lang();
    let picked = if folder {
        let dialog = rfd::FileDialog::new().set_title(lang.pick("Map met foto's kiezen", "Choose a folder of photos"));
        on_main(&app, move || dialog.pick_folder().map(|p| vec![p])).await
    } else {
        let dialog = rfd::FileDialog::new()
            .set_title(lang.pick("Foto's kiezen", "Choose photos"))
            .add_filter(lang.pick("Foto's (JPEG, PNG)", "Photos (JPEG, PNG)"), &["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"]);
        on_main(&app, move || dialog.pick_files()).await
    };
    let picked = picked.ok_or_else(|| dialog_failed(&state))?;
    Ok(picked.unwrap_or_default().into_iter().map(|p| p.to_string_lossy().into_owned()).collect())
}

/// Save a form version as a TOML file; returns the path, `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_form_file(app: AppHandle, state: State<'_, AppState>, form: i64, version: Option<u32>) -> Result<Option<String>, ApiError> {
    // Fails early on an unknown form, before a dialog opens.
    state.call(|core, s| core.form(s, form, version))?;
    let title = state.lang().pick("Formulier opslaan", "Save form");
    let Some(path) = pick_save(&app, &state, title, &format!("formulier-{form}.toml"), "TOML", &["toml"]).await? else {
        return Ok(None);
    };
    // The save dialog has asked before replacing a file.
    let saved = super::blocking(app.clone(), move |state| state.call(|core, s| core.export_form_file(s, form, version, &OutputFile::new(path, true)))).await?;
    Ok(Some(saved.to_string_lossy().into_owned()))
}
