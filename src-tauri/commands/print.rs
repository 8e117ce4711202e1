//! Printouts for the window: exit dossiers (one, or a batch with progress)
//! and consent forms on paper, saved through a save dialog.

use beeldakkoord_core::api::{AccessReport, BatchProgress, BatchReport, DossierReport, FormPrintReport, FormTarget, ReconsentLine, ReconsentPrintReport};
use beeldakkoord_core::domain::person::PersonSummary;
use beeldakkoord_core::i18n::ErrorCode;
use chrono::NaiveDate;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::AppState;
use crate::error::ApiError;
use crate::reports::LeaverPhotos;
use beeldakkoord_core::files::{OutputDir, OutputFile};

/// Save the exit dossier of `person` where the user chooses; `None` when
/// the user cancels the dialog. The language is the window's.
#[tauri::command]
#[specta::specta]
pub async fn print_dossier(app: AppHandle, state: State<'_, AppState>, person: i64) -> Result<Option<DossierReport>, ApiError> {
    let lang = state.lang();
    let name = state.call(|core, s| core.person(s, person))?.name;
    let title = lang.pick("Vertrekdossier opslaan", "Save exit dossier");
    let file = format!("{} {}.pdf", lang.pick("Vertrekdossier", "Exit dossier"), beeldakkoord_core::files::safe_file_name(&name));
    let Some(path) = super::files::pick_save(&app, &state, title, &file, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    // Save dialogs ask before replacing a file; the core still refuses the data folder.
    super::blocking(app.clone(), move |state| state.call(|core, s| core.print_dossier(s, person, lang, &OutputFile::new(path, true)))).await.map(Some)
}

/// Save the overview for an access request (GDPR article 15) of `person`
/// where the user chooses; `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn export_person(app: AppHandle, state: State<'_, AppState>, person: i64) -> Result<Option<AccessReport>, ApiError> {
    let lang = state.lang();
    let name = state.call(|core, s| core.person(s, person))?.name;
    let title = lang.pick("Inzageoverzicht opslaan", "Save access overview");
    let file = format!("{} {}.pdf", lang.pick("Inzage", "Access"), beeldakkoord_core::files::safe_file_name(&name));
    let Some(path) = super::files::pick_save(&app, &state, title, &file, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.export_person(s, person, lang, &OutputFile::new(path, true)))).await.map(Some)
}

/// Everyone who left (or leaves) in a period: the list a batch will print.
#[tauri::command]
#[specta::specta]
pub async fn leavers(app: AppHandle, from: NaiveDate, to: NaiveDate) -> Result<Vec<PersonSummary>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.leavers(s, from, to))).await
}

/// Ask for a folder, then write the exit dossiers of everyone who left in
/// the period into it, streaming progress; `None` when the user cancels the
/// dialog. One batch at a time; `cancel_batch` stops it and keeps nothing.
#[tauri::command]
#[specta::specta]
pub async fn dossier_batch(app: AppHandle, from: NaiveDate, to: NaiveDate, on_progress: Channel<BatchProgress>) -> Result<Option<BatchReport>, ApiError> {
    let title = {
        let state = app.state::<AppState>();
        state.lang().pick("Map voor de vertrekdossiers kiezen", "Choose a folder for the exit dossiers")
    };
    let Some(dir) = super::files::pick_folder(&app, &app.state::<AppState>(), title).await? else {
        return Ok(None);
    };
    let task = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let Some(job) = state.batch.start() else {
            return Err(ApiError::new(
                ErrorCode::DossierBatchBusy,
                state
                    .lang()
                    .pick("Er worden al vertrekdossiers gemaakt. Wacht tot dat klaar is.", "Exit dossiers are being made already. Wait until that is done."),
            ));
        };
        let lang = state.lang();
        state
            .call(|core, s| {
                // A folder dialog does not ask about the files in it: those are never replaced.
                core.dossier_batch(
                    s,
                    from,
                    to,
                    lang,
                    &OutputDir::new(&dir, false),
                    &mut |p| {
                        // A closed window drops the channel; the batch still finishes.
                        let _ = on_progress.send(p);
                    },
                    job.cancel_flag(),
                )
            })
            .map(Some)
    });
    task.await.map_err(|e| ApiError::new(ErrorCode::DossierBatchFailed, e.to_string()))?
}

/// Ask a running batch to stop; what it made so far is thrown away.
#[tauri::command]
#[specta::specta]
pub async fn cancel_batch(app: AppHandle) -> Result<(), ApiError> {
    app.state::<AppState>().batch.cancel();
    Ok(())
}

/// Save consent form `form` on paper for `target` (blank, one person, a
/// group) where the user chooses; `None` when the user cancels the dialog.
#[tauri::command]
#[specta::specta]
pub async fn print_form(app: AppHandle, state: State<'_, AppState>, form: i64, target: FormTarget) -> Result<Option<FormPrintReport>, ApiError> {
    let lang = state.lang();
    let who = match &target {
        FormTarget::Blank => lang.pick("blanco", "blank").to_string(),
        FormTarget::Person(p) => state.call(|core, s| core.person(s, *p))?.name,
        FormTarget::Group(g) => g.clone(),
        FormTarget::People(ids) => lang.pick(format!("{} personen", ids.len()), format!("{} people", ids.len())),
    };
    let title = lang.pick("Toestemmingsformulier opslaan", "Save consent form");
    let file = format!("{} {}.pdf", lang.pick("Toestemmingsformulier", "Consent form"), beeldakkoord_core::files::safe_file_name(&who));
    let Some(path) = super::files::pick_save(&app, &state, title, &file, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    super::blocking(app.clone(), move |state| state.call(|core, s| core.print_form(s, form, None, &target, lang, None, &OutputFile::new(path, true))))
        .await
        .map(Some)
}

/// Ask for a folder and write the photos of `person` to take home into it
/// (everyone else hidden, no metadata); `None` when the user cancels.
#[tauri::command]
#[specta::specta]
pub async fn leaver_photos(app: AppHandle, state: State<'_, AppState>, person: i64) -> Result<Option<LeaverPhotos>, ApiError> {
    let title = state.lang().pick("Map voor de foto's kiezen", "Choose a folder for the photos");
    let Some(dir) = super::files::pick_folder(&app, &state, title).await? else {
        return Ok(None);
    };
    let lang = state.lang();
    super::blocking(app.clone(), move |state| {
        state.call(|core, s| core.leaver_photos(s, person, &OutputDir::new(dir, false))).map(|r| LeaverPhotos::new(r, lang))
    })
    .await
    .map(Some)
}

/// Who has to be asked again on `at` (today when left out), in `group` or all.
#[tauri::command]
#[specta::specta]
pub async fn reconsent(app: AppHandle, at: Option<NaiveDate>, group: Option<String>) -> Result<Vec<ReconsentLine>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.reconsent(s, at, group.as_deref()))).await
}

/// Save the re-consent checklist, and with `forms` also the pre-filled forms
/// beside it; `None` when the user cancels the dialog.
#[tauri::command]
#[specta::specta]
pub async fn print_reconsent(
    app: AppHandle,
    state: State<'_, AppState>,
    at: Option<NaiveDate>,
    group: Option<String>,
    forms: bool,
) -> Result<Option<ReconsentPrintReport>, ApiError> {
    let lang = state.lang();
    let title = lang.pick("Lijst opslaan", "Save list");
    let file = format!("{}.pdf", lang.pick("Toestemming opnieuw vragen", "Ask for consent again"));
    let Some(path) = super::files::pick_save(&app, &state, title, &file, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    // The forms go beside the list under a name nobody uses yet: the dialog only asked about the list.
    let forms_path =
        forms.then(|| beeldakkoord_core::files::output::free_name(&path, lang.pick("Formulieren om opnieuw te vragen", "Forms to ask again"), "pdf"));
    let forms_out = forms_path.map(|p| OutputFile::new(p, false));
    super::blocking(app.clone(), move |state| {
        state.call(|core, s| core.print_reconsent(s, at, group.as_deref(), lang, &OutputFile::new(path, true), forms_out.as_ref()))
    })
    .await
    .map(Some)
}

/// Save the measures sheet; `None` when the user cancels the dialog.
#[tauri::command]
#[specta::specta]
pub async fn print_measures(app: AppHandle, state: State<'_, AppState>) -> Result<Option<String>, ApiError> {
    let lang = state.lang();
    let title = lang.pick("Maatregelen opslaan", "Save measures");
    let file = format!("{}.pdf", lang.pick("Maatregelen Beeldakkoord", "Beeldakkoord measures"));
    let Some(path) = super::files::pick_save(&app, &state, title, &file, "PDF", &["pdf"]).await? else {
        return Ok(None);
    };
    let shown = path.display().to_string();
    super::blocking(app.clone(), move |state| state.call(|core, s| core.print_measures(s, lang, &OutputFile::new(&path, true)))).await.map(|_| Some(shown))
}
