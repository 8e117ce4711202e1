//! People, groups and their consent.

use beeldakkoord_core::api::{NewPerson, PeopleFilter, PersonPage, RecordRequest, WithdrawRequest};
use beeldakkoord_core::domain::person::{Group, Guardian, PersonSummary};
use chrono::NaiveDate;
use tauri::AppHandle;

use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub async fn groups(app: AppHandle) -> Result<Vec<Group>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.groups(s))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_group(app: AppHandle, name: String) -> Result<Group, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.add_group(s, &name))).await
}

#[tauri::command]
#[specta::specta]
pub async fn people(app: AppHandle, filter: PeopleFilter) -> Result<Vec<PersonSummary>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.people(s, &filter))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_person(app: AppHandle, person: NewPerson) -> Result<i64, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.add_person(s, &person))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_guardian(app: AppHandle, person: i64, name: String) -> Result<Guardian, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.add_guardian(s, person, &name))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_leave_date(app: AppHandle, person: i64, date: NaiveDate) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_leave_date(s, person, date))).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_page(app: AppHandle, person: i64, at: Option<NaiveDate>) -> Result<PersonPage, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.person_page(s, person, at))).await
}

#[tauri::command]
#[specta::specta]
pub async fn record_consent(app: AppHandle, request: RecordRequest) -> Result<i64, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.record_consent(s, &request))).await
}

#[tauri::command]
#[specta::specta]
pub async fn withdraw_consent(app: AppHandle, request: WithdrawRequest) -> Result<i64, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.withdraw_consent(s, &request))).await
}

/// Undo an entry made in error; the history keeps it, marked void.
#[tauri::command]
#[specta::specta]
pub async fn void_consent_event(app: AppHandle, person: i64, event: i64, reason: String) -> Result<i64, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.void_consent_event(s, person, event, &reason))).await
}
