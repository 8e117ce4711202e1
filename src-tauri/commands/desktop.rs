//! The helpdesk's diagnostics (shown, and put on the clipboard), and a
//! saved printout opened in the system's PDF viewer.

use std::path::PathBuf;

use beeldakkoord_core::i18n::ErrorCode;
use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

use super::blocking;
use crate::error::ApiError;

/// Version, schema, data and log folders, system: no personal data. Also
/// before sign-in, and when the data could not be opened.
#[tauri::command]
#[specta::specta]
pub async fn diagnostics(app: AppHandle) -> Result<String, ApiError> {
    blocking(app, |s| Ok(crate::desktop::diagnostics(&s.data_dir, s.lang()))).await
}

/// The diagnostics on the clipboard, to paste into a mail to the helpdesk; answers the text copied.
#[tauri::command]
#[specta::specta]
pub async fn copy_diagnostics(app: AppHandle) -> Result<String, ApiError> {
    let handle = app.clone();
    blocking(app, move |s| {
        let text = crate::desktop::diagnostics(&s.data_dir, s.lang());
        handle.clipboard().write_text(text.clone()).map_err(|e| {
            log::warn!("clipboard: {e}");
            ApiError::new(
                ErrorCode::AppClipboard,
                s.lang().pick(
                    "Het klembord kon niet worden gevuld. Selecteer de tekst hieronder en kopieer die zelf (Ctrl+C).",
                    "The clipboard could not be filled. Select the text below and copy it yourself (Ctrl+C).",
                ),
            )
        })?;
        Ok(text)
    })
    .await
}

/// Open a file the user saved this session (a printout) in the system's
/// viewer. Only such files: the window cannot have any other path opened.
#[tauri::command]
#[specta::specta]
pub async fn open_saved(app: AppHandle, path: String) -> Result<(), ApiError> {
    let handle = app.clone();
    blocking(app, move |s| {
        let file = PathBuf::from(&path);
        if !s.was_saved(&file) || !file.is_file() {
            return Err(ApiError::new(
                ErrorCode::AppOpenNotSaved,
                s.lang()
                    .pick("Alleen een bestand dat u zojuist heeft opgeslagen, kan hier geopend worden.", "Only a file you have just saved can be opened here."),
            ));
        }
        // The path names a person: the log gets the code only (see ApiError).
        handle.opener().open_path(path.clone(), None::<&str>).map_err(|_| {
            ApiError::new(
                ErrorCode::AppOpenFailed,
                s.lang().pick(
                    format!("Er is geen programma gevonden dat PDF-bestanden opent. Het bestand staat hier: {path}"),
                    format!("No program was found that opens PDF files. The file is here: {path}"),
                ),
            )
        })
    })
    .await
}
