//! The home screen ("Vandaag").

use beeldakkoord_core::api::Overview;
use tauri::AppHandle;

use crate::error::ApiError;

/// What needs attention today, for the signed-in user.
#[tauri::command]
#[specta::specta]
pub async fn overview(app: AppHandle) -> Result<Overview, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.overview(s))).await
}

/// The office has seen a withdrawal a teacher registered.
#[tauri::command]
#[specta::specta]
pub async fn confirm_withdrawal(app: AppHandle, event: i64) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.confirm_withdrawal(s, event))).await
}
