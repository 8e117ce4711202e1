//! The desk view (kiosk): staff open it for one person and form; from then
//! on the window answers only the desk's own commands, for that person and
//! form, until the parent finishes or stops — both sign the session out, so
//! the window is back at sign-in.

use beeldakkoord_core::api::{DeskForm, DeskRecord, DeskSignature};
use beeldakkoord_core::domain::consent::AnswerInput;
use beeldakkoord_core::i18n::ErrorCode;
use tauri::AppHandle;

use super::AppState;
use crate::error::ApiError;

/// Which person and form the desk view is for.
#[derive(Debug, Clone, Copy)]
pub struct Desk {
    person: i64,
    form: i64,
}

impl AppState {
    /// The desk's person and form, and the session of the staff member who
    /// opened it; refused when the window is not the desk view.
    fn at_desk(&self) -> Result<(Desk, beeldakkoord_core::auth::Session), ApiError> {
        let desk = self.desk().ok_or_else(|| {
            ApiError::new(ErrorCode::DeskNotOpen, self.lang().pick("Er staat geen formulier klaar aan de balie.", "No form is open at the desk."))
        })?;
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| self.not_signed_in())?;
        Ok((desk, session))
    }
}

/// Seconds instead of the core's before an idle desk view closes: only for
/// the end-to-end test, from `BEELDAKKOORD_DESK_IDLE_SECONDS` (5 to 600).
fn idle_seconds(shown: DeskForm) -> DeskForm {
    let test = std::env::var("BEELDAKKOORD_DESK_IDLE_SECONDS").ok().and_then(|v| v.trim().parse().ok()).filter(|s| (5..=600).contains(s));
    DeskForm { idle_seconds: test.unwrap_or(shown.idle_seconds), ..shown }
}

/// Staff open the desk view for `person` and `form`: checked first (a form
/// that could not be recorded for them is refused before the window locks).
#[tauri::command]
#[specta::specta]
pub async fn open_desk(app: AppHandle, person: i64, form: i64) -> Result<DeskForm, ApiError> {
    super::blocking(app, move |state| {
        let lang = state.lang();
        let shown = state.call(|core, s| core.desk_form(s, person, form, lang))?;
        *state.desk.lock().unwrap_or_else(|p| p.into_inner()) = Some(Desk { person, form });
        Ok(idle_seconds(shown))
    })
    .await
}

/// What the desk view shows (again, after the window reloaded).
#[tauri::command]
#[specta::specta]
pub async fn desk_form(app: AppHandle) -> Result<DeskForm, ApiError> {
    super::blocking(app, move |state| {
        let (desk, session) = state.at_desk()?;
        let core = state.core()?;
        core.desk_form(&session, desk.person, desk.form, state.lang()).map(idle_seconds).map_err(|e| ApiError::from_error(&e, state.lang()))
    })
    .await
}

/// Keep what the parent filled in, for the desk's person and form only
/// (whatever the window sends), and sign out. A refusal (nothing drawn, a
/// question open) keeps the desk view as it was.
#[tauri::command]
#[specta::specta]
pub async fn finish_desk(app: AppHandle, version: u32, answers: Vec<AnswerInput>, signatures: Vec<DeskSignature>) -> Result<i64, ApiError> {
    super::blocking(app, move |state| {
        let (desk, session) = state.at_desk()?;
        let core = state.core()?;
        let req = DeskRecord { person: desk.person, form: desk.form, version, answers, signatures };
        let event = core.record_at_desk(&session, &req).map_err(|e| ApiError::from_error(&e, state.lang()))?;
        state.set_session(None);
        Ok(event)
    })
    .await
}

/// Leave the desk view without keeping anything (the parent stops, or it
/// stood idle), and sign out.
#[tauri::command]
#[specta::specta]
pub async fn leave_desk(app: AppHandle) -> Result<(), ApiError> {
    super::blocking(app, move |state| {
        if state.desk().is_some() {
            state.set_session(None);
        }
        Ok(())
    })
    .await
}
