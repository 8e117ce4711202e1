//! Consent form templates and versions.

use beeldakkoord_core::api::FormRef;
use beeldakkoord_core::domain::form::FormContent;
use beeldakkoord_core::store::forms::{FormSummary, FormVersion};
use tauri::State;

use super::AppState;
use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub fn forms(state: State<'_, AppState>) -> Result<Vec<FormSummary>, ApiError> {
    state.call(|core, s| core.forms(s))
}

#[tauri::command]
#[specta::specta]
pub fn form(state: State<'_, AppState>, form: i64, version: Option<u32>) -> Result<FormVersion, ApiError> {
    state.call(|core, s| core.form(s, form, version))
}

#[tauri::command]
#[specta::specta]
pub fn form_versions(state: State<'_, AppState>, form: i64) -> Result<Vec<FormVersion>, ApiError> {
    state.call(|core, s| core.form_versions(s, form))
}

#[tauri::command]
#[specta::specta]
pub fn create_form(state: State<'_, AppState>, content: FormContent) -> Result<FormRef, ApiError> {
    state.call(|core, s| core.create_form(s, &content))
}

#[tauri::command]
#[specta::specta]
pub fn save_form(state: State<'_, AppState>, form: i64, content: FormContent) -> Result<FormRef, ApiError> {
    state.call(|core, s| core.save_form(s, form, &content))
}

#[tauri::command]
#[specta::specta]
pub fn set_form_active(state: State<'_, AppState>, form: i64, active: bool) -> Result<(), ApiError> {
    state.call(|core, s| core.set_form_active(s, form, active))
}

/// Parse and check a form file's text without saving (the editor's "check").
#[tauri::command]
#[specta::specta]
pub fn form_from_toml(state: State<'_, AppState>, text: String) -> Result<FormContent, ApiError> {
    FormContent::from_toml(&text).map_err(|e| ApiError::from_error(&e, state.lang()))
}
