//! Setup, login and settings.

use std::path::PathBuf;

use beeldakkoord_core::domain::dates::Period;
use chrono::NaiveDate;

use beeldakkoord_core::api::EncryptProgress;
use beeldakkoord_core::api::InitRequest;
use beeldakkoord_core::auth::Role;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::org::Organisation;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{Beeldakkoord, Lang};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, State};

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
    /// No recovery sheet in force: an administrator is asked to print one.
    pub recovery_sheet_needed: bool,
    /// Photo files from before encryption still being encrypted.
    pub encrypting: Option<EncryptProgress>,
    /// The window is the locked desk view (`session` is then left out).
    pub desk: bool,
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
            recovery_sheet_needed: false,
            encrypting: None,
            desk: state.desk().is_some(),
        }
    }))
}

fn status(state: &AppState) -> AppStatus {
    let lang = state.lang();
    let core = state.core.get();
    // Before the first sign-in the data are locked: only whether there are any.
    let (organisation, error) = match core.map(|c| c.organisation()) {
        Some(Ok(org)) => (Some(org), None),
        Some(Err(e)) => (None, Some(ApiError::from_error(&e, lang))),
        None => (None, None),
    };
    let initialised = core.is_some() || Beeldakkoord::has_data(&state.data_dir);
    let session = state.session().ok();
    let is_admin = session.as_ref().is_some_and(|s| s.role == Role::Admin);
    let recovery_sheet_needed = is_admin && core.is_some_and(|c| c.encrypted() && matches!(c.recovery_sheet_printed(), Ok(None)));
    AppStatus {
        initialised,
        session,
        organisation,
        lang,
        data_dir: state.data_dir.clone(),
        error,
        today: core.map(|c| c.today()).unwrap_or_else(|| chrono::Local::now().date_naive()),
        leavers_period: core.filter(|_| initialised).and_then(|c| c.leavers_period().ok()),
        idle_lock_seconds: idle_lock_seconds(),
        recovery_sheet_needed,
        encrypting: *state.encrypting.lock().unwrap_or_else(|p| p.into_inner()),
        desk: state.desk().is_some(),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn set_language(app: AppHandle, lang: Lang) -> Result<(), ApiError> {
    *app.state::<AppState>().lang.lock().unwrap_or_else(|p| p.into_inner()) = lang;
    Ok(())
}

/// The first setup makes the database; two at once (a double click) make one.
#[tauri::command]
#[specta::specta]
pub async fn setup(app: AppHandle, request: InitRequest) -> Result<Session, ApiError> {
    super::blocking(app, move |state| state.open_once(|dir| Beeldakkoord::create(dir, &request), None)).await
}

/// The first sign-in opens the data with the password; later ones (after
/// signing out, or the idle lock) sign in to the open data.
#[tauri::command]
#[specta::specta]
pub async fn login(app: AppHandle, username: String, password: String) -> Result<Session, ApiError> {
    let handle = app.clone();
    let session = super::blocking(app, move |state| {
        let sign_in = |core: &Beeldakkoord| core.login(&username, &password);
        match state.core.get() {
            Some(core) => {
                let session = sign_in(core).map_err(|e| ApiError::from_error(&e, state.lang()))?;
                state.set_session(Some(session.clone()));
                Ok(session)
            }
            None => state.open_once(|dir| Beeldakkoord::unlock(dir, &username, &password), Some(&sign_in)),
        }
    })
    .await?;
    encrypt_in_background(handle);
    Ok(session)
}

/// No administrator can sign in: the recovery code from the sheet opens the
/// data and sets a new password for an administrator, who is then signed in.
/// Once the data are open, an administrator resets passwords under Accounts.
#[tauri::command]
#[specta::specta]
pub async fn recover(app: AppHandle, code: String, username: String, password: String) -> Result<Session, ApiError> {
    super::blocking(app, move |state| state.open_once(|dir| Beeldakkoord::recover(dir, &code, &username, &password), None)).await
}

/// Save a new recovery sheet; `None` when the user cancels the dialog.
#[tauri::command]
#[specta::specta]
pub async fn print_recovery_sheet(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let lang = state.lang();
    let title = lang.pick("Herstelblad opslaan", "Save recovery sheet");
    let file = format!("{}.pdf", lang.pick("Herstelblad Beeldakkoord", "Beeldakkoord recovery sheet"));
    let Some(path) = super::files::pick_save(&app, &state, title, &file, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    super::blocking(app.clone(), move |state| state.call(|core, s| core.print_recovery_sheet(s, lang, &OutputFile::new(&path, true))))
        .await
        .map(|_| Some(shown))
}

/// Photo files from before encryption are encrypted after the first
/// sign-in, off the window's threads; `app_status` shows how far it is.
fn encrypt_in_background(app: AppHandle) {
    let state = app.state::<AppState>();
    let Some(core) = state.core.get() else { return };
    let mut running = state.encrypting.lock().unwrap_or_else(|p| p.into_inner());
    if running.is_some() || core.plain_photo_files() == 0 {
        return;
    }
    *running = Some(EncryptProgress { done: 0, total: 0 });
    drop(running);
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        if let Some(core) = state.core.get() {
            let result = core.encrypt_library(&mut |p| {
                *state.encrypting.lock().unwrap_or_else(|p| p.into_inner()) = Some(*p);
                true
            });
            if let Err(e) = result {
                eprintln!("encrypting photo files stopped: {}", e.code());
            }
        }
        *state.encrypting.lock().unwrap_or_else(|p| p.into_inner()) = None;
    });
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
