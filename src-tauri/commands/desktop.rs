//! The helpdesk's diagnostics: shown, and put on the clipboard.

use beeldakkoord_core::i18n::ErrorCode;
use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;

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
