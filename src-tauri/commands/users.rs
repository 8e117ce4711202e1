//! Accounts, for administrators: the core refuses everyone else.

use beeldakkoord_core::api::{NewUser, UserInfo};
use tauri::AppHandle;

use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub async fn users(app: AppHandle) -> Result<Vec<UserInfo>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.users(s))).await
}

/// A new account; its user chooses their own password at the first sign-in.
#[tauri::command]
#[specta::specta]
pub async fn add_user(app: AppHandle, user: NewUser) -> Result<UserInfo, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.add_user(s, &user))).await
}

/// Replace the groups a teacher sees.
#[tauri::command]
#[specta::specta]
pub async fn set_user_groups(app: AppHandle, user: String, groups: Vec<String>) -> Result<UserInfo, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_user_groups(s, &user, &groups))).await
}

#[tauri::command]
#[specta::specta]
pub async fn disable_user(app: AppHandle, user: String) -> Result<UserInfo, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.disable_user(s, &user))).await
}

/// A new password the user replaces at their next sign-in.
#[tauri::command]
#[specta::specta]
pub async fn reset_password(app: AppHandle, user: String, password: String) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.reset_password(s, &user, &password))).await
}

/// Link an account to the staff member's own record (`None` undoes it).
#[tauri::command]
#[specta::specta]
pub async fn link_user_person(app: AppHandle, user: String, person: Option<i64>) -> Result<UserInfo, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.link_user_person(s, &user, person))).await
}
