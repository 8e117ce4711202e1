//! Consent form templates and versions.

use beeldakkoord_core::api::FormRef;
use beeldakkoord_core::domain::form::FormContent;
use beeldakkoord_core::domain::form::{FormSummary, FormVersion};
use tauri::AppHandle;

use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub async fn forms(app: AppHandle) -> Result<Vec<FormSummary>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.forms(s))).await
}

#[tauri::command]
#[specta::specta]
pub async fn form(app: AppHandle, form: i64, version: Option<u32>) -> Result<FormVersion, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.form(s, form, version))).await
}

#[tauri::command]
#[specta::specta]
pub async fn form_versions(app: AppHandle, form: i64) -> Result<Vec<FormVersion>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.form_versions(s, form))).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_form(app: AppHandle, content: FormContent) -> Result<FormRef, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.create_form(s, &content))).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_form(app: AppHandle, form: i64, content: FormContent) -> Result<FormRef, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.save_form(s, form, &content))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_form_active(app: AppHandle, form: i64, active: bool) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_form_active(s, form, active))).await
}

/// Parse and check a form file's text without saving (the editor's "check").
#[tauri::command]
#[specta::specta]
pub async fn form_from_toml(app: AppHandle, text: String) -> Result<FormContent, ApiError> {
    super::blocking(app, move |state| FormContent::from_toml(&text).map_err(|e| ApiError::from_error(&e, state.lang()))).await
}
