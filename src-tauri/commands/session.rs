//! Setup, login and settings.

use std::path::PathBuf;

use beeldakkoord_core::domain::dates::Period;
use chrono::NaiveDate;

use beeldakkoord_core::api::InitRequest;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::org::Organisation;
use beeldakkoord_core::{Beeldakkoord, Lang};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager};

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
    /// Today by the core's clock: the window's date fields start from it,
    /// so the window and the core never disagree about the day.
    pub today: NaiveDate,
    /// The period the leavers screen opens with, from the organisation's school year.
    pub leavers_period: Option<Period>,
    /// Seconds instead of the organisation's minutes before the window locks:
    /// only for the end-to-end test, from `BEELDAKKOORD_IDLE_LOCK_SECONDS`.
    pub idle_lock_seconds: Option<u32>,
}

/// The test's idle time, when it set one (1 to 600 seconds; anything else is ignored).
fn idle_lock_seconds() -> Option<u32> {
    std::env::var("BEELDAKKOORD_IDLE_LOCK_SECONDS").ok().and_then(|v| v.trim().parse().ok()).filter(|s| (1..=600).contains(s))
}

#[tauri::command]
#[specta::specta]
pub async fn app_status(app: AppHandle) -> Result<AppStatus, ApiError> {
    let fallback = app.clone();
    let task = tauri::async_runtime::spawn_blocking(move || status(&app.state::<AppState>()));
    // The status of a task that failed: the window shows the error.
    Ok(task.await.unwrap_or_else(|_| {
        let state = fallback.state::<AppState>();
        let error = super::task_failed(state.lang());
        AppStatus {
            initialised: false,
            session: None,
            organisation: None,
            lang: state.lang(),
            data_dir: state.data_dir.clone(),
            error: Some(error),
            today: chrono::Local::now().date_naive(),
            leavers_period: None,
            idle_lock_seconds: idle_lock_seconds(),
        }
    }))
}

fn status(state: &AppState) -> AppStatus {
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
    let today = state.core.get().map(|c| c.today()).unwrap_or_else(|| chrono::Local::now().date_naive());
    let leavers_period = state.core.get().filter(|_| initialised).and_then(|c| c.leavers_period().ok());
    AppStatus {
        initialised,
        session: state.session().ok(),
        organisation,
        lang,
        data_dir: state.data_dir.clone(),
        error,
        today,
        leavers_period,
        idle_lock_seconds: idle_lock_seconds(),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn set_language(app: AppHandle, lang: Lang) -> Result<(), ApiError> {
    *app.state::<AppState>().lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn setup(app: AppHandle, request: InitRequest) -> Result<Session, ApiError> {
    super::blocking(app, move |state| {
        let lang = state.lang();
        let _one_at_a_time = state.setting_up.lock().unwrap_or_else(|p| p.into_inner());
        let session = match state.existing_core()? {
            Some(core) => core.init(&request).map_err(|e| ApiError::from_error(&e, lang))?,
            None => {
                // The first setup makes the database; two at once (a double click) make one.
                let (core, session) = Beeldakkoord::create(&state.data_dir, &request).map_err(|e| ApiError::from_error(&e, lang))?;
                if state.core.set(core).is_err() {
                    return Err(ApiError::from_error(&beeldakkoord_core::error::SetupError::AlreadyInitialised, lang));
                }
                session
            }
        };
        state.set_session(Some(session.clone()));
        Ok(session)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn login(app: AppHandle, username: String, password: String) -> Result<Session, ApiError> {
    super::blocking(app, move |state| {
        let session = state.call_open(|core| core.login(&username, &password))?;
        state.set_session(Some(session.clone()));
        Ok(session)
    })
    .await
}

/// The signed-in user chooses a new password (after an administrator set one).
#[tauri::command]
#[specta::specta]
pub async fn change_password(app: AppHandle, current: String, next: String) -> Result<Session, ApiError> {
    super::blocking(app, move |state| {
        let session = state.call(|core, s| core.change_password(s, &current, &next))?;
        state.set_session(Some(session.clone()));
        Ok(session)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn logout(app: AppHandle) -> Result<(), ApiError> {
    app.state::<AppState>().set_session(None);
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn update_organisation(app: AppHandle, organisation: Organisation) -> Result<Organisation, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.update_organisation(s, &organisation))).await
}
