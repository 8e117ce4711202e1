//! Setup, login and settings.

use std::path::PathBuf;

use beeldakkoord_core::api::InitRequest;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::org::Organisation;
use beeldakkoord_core::{Beeldakkoord, Lang};
use serde::{Deserialize, Serialize};
use tauri::State;

use super::AppState;
use crate::error::ApiError;

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct AppStatus {
    pub initialised: bool,
    pub session: Option<Session>,
    pub organisation: Option<Organisation>,
    pub lang: Lang,
    pub data_dir: PathBuf,
    /// Set when the database could not be opened; the window shows it.
    pub error: Option<ApiError>,
}

#[tauri::command]
#[specta::specta]
pub fn app_status(state: State<'_, AppState>) -> AppStatus {
    let lang = state.lang();
    let (initialised, organisation, error) = match state.existing_core() {
        Ok(Some(core)) => match core.is_initialised() {
            Ok(true) => (true, core.organisation().ok(), None),
            Ok(false) => (false, None, None),
            Err(e) => (false, None, Some(ApiError::from_error(&e, lang))),
        },
        Ok(None) => (false, None, None),
        Err(e) => (false, None, Some(e)),
    };
    AppStatus { initialised, session: state.session().ok(), organisation, lang, data_dir: state.data_dir.clone(), error }
}

#[tauri::command]
#[specta::specta]
pub fn set_language(state: State<'_, AppState>, lang: Lang) {
    *state.lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
}

#[tauri::command]
#[specta::specta]
pub fn setup(state: State<'_, AppState>, request: InitRequest) -> Result<Session, ApiError> {
    let lang = state.lang();
    let session = match state.existing_core()? {
        Some(core) => core.init(&request).map_err(|e| ApiError::from_error(&e, lang))?,
        None => {
            // The first setup makes the database; two at once (a double click) make one.
            let (core, session) = Beeldakkoord::create(&state.data_dir, &request).map_err(|e| ApiError::from_error(&e, lang))?;
            if state.core.set(core).is_err() {
                return Err(ApiError::from_error(&beeldakkoord_core::error::InputError::AlreadyInitialised, lang));
            }
            session
        }
    };
    state.set_session(Some(session.clone()));
    Ok(session)
}

#[tauri::command]
#[specta::specta]
pub fn login(state: State<'_, AppState>, username: String, password: String) -> Result<Session, ApiError> {
    let session = state.call_open(|core| core.login(&username, &password))?;
    state.set_session(Some(session.clone()));
    Ok(session)
}

#[tauri::command]
#[specta::specta]
pub fn logout(state: State<'_, AppState>) {
    state.set_session(None);
}

#[tauri::command]
#[specta::specta]
pub fn update_organisation(state: State<'_, AppState>, organisation: Organisation) -> Result<Organisation, ApiError> {
    state.call(|core, s| core.update_organisation(s, &organisation))
}
