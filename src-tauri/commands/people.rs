//! People, groups and their consent.

use beeldakkoord_core::api::{NewPerson, PeopleFilter, PersonPage, RecordRequest, WithdrawRequest};
use beeldakkoord_core::domain::person::{Group, Guardian, PersonSummary};
use chrono::NaiveDate;
use tauri::State;

use super::AppState;
use crate::error::ApiError;

#[tauri::command]
#[specta::specta]
pub fn groups(state: State<'_, AppState>) -> Result<Vec<Group>, ApiError> {
    state.call(|core, s| core.groups(s))
}

#[tauri::command]
#[specta::specta]
pub fn add_group(state: State<'_, AppState>, name: String) -> Result<Group, ApiError> {
    state.call(|core, s| core.add_group(s, &name))
}

#[tauri::command]
#[specta::specta]
pub fn people(state: State<'_, AppState>, filter: PeopleFilter) -> Result<Vec<PersonSummary>, ApiError> {
    state.call(|core, s| core.people(s, &filter))
}

#[tauri::command]
#[specta::specta]
pub fn add_person(state: State<'_, AppState>, person: NewPerson) -> Result<i64, ApiError> {
    state.call(|core, s| core.add_person(s, &person))
}

#[tauri::command]
#[specta::specta]
pub fn add_guardian(state: State<'_, AppState>, person: i64, name: String) -> Result<Guardian, ApiError> {
    state.call(|core, s| core.add_guardian(s, person, &name))
}

#[tauri::command]
#[specta::specta]
pub fn set_leave_date(state: State<'_, AppState>, person: i64, date: NaiveDate) -> Result<(), ApiError> {
    state.call(|core, s| core.set_leave_date(s, person, date))
}

#[tauri::command]
#[specta::specta]
pub fn person_page(state: State<'_, AppState>, person: i64, at: Option<NaiveDate>) -> Result<PersonPage, ApiError> {
    state.call(|core, s| core.person_page(s, person, at))
}

#[tauri::command]
#[specta::specta]
pub fn record_consent(state: State<'_, AppState>, request: RecordRequest) -> Result<i64, ApiError> {
    state.call(|core, s| core.record_consent(s, &request))
}

#[tauri::command]
#[specta::specta]
pub fn withdraw_consent(state: State<'_, AppState>, request: WithdrawRequest) -> Result<i64, ApiError> {
    state.call(|core, s| core.withdraw_consent(s, &request))
}

/// Undo an entry made in error; the history keeps it, marked void.
#[tauri::command]
#[specta::specta]
pub fn void_consent_event(state: State<'_, AppState>, person: i64, event: i64, reason: String) -> Result<i64, ApiError> {
    state.call(|core, s| core.void_consent_event(s, person, event, &reason))
}
