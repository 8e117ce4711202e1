//! The photo library, tags, the verdict, notices, publications and the
//! takedown list. Photo pictures reach the window through the `photo:`
//! protocol (`protocol` below), which serves only to a logged-in user.

use beeldakkoord_core::api::{
    BoxInput, ExportReport, FacesAtImport, ImportProgress, NewNotice, PhotoCheck, PhotoChoices, PhotoDetail, PhotoFilter, PhotoPage, PublicationInfo,
    Rendition, Takedown,
};
use beeldakkoord_core::domain::photo::{NoticeRow, Photo, Tag};
use beeldakkoord_core::i18n::ErrorCode;
use chrono::NaiveDate;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

use super::AppState;
use crate::error::ApiError;
use crate::reports::ImportReport;
use beeldakkoord_core::files::OutputFile;

#[tauri::command]
#[specta::specta]
pub async fn photos(app: AppHandle, filter: PhotoFilter) -> Result<PhotoPage, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.photos(s, &filter))).await
}

#[tauri::command]
#[specta::specta]
pub async fn photo_detail(app: AppHandle, photo: i64) -> Result<PhotoDetail, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.photo_detail(s, photo))).await
}

#[tauri::command]
#[specta::specta]
pub async fn photo_choices(app: AppHandle) -> Result<PhotoChoices, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.photo_choices(s))).await
}

/// Import files and folders, reporting progress per file on `on_progress`.
/// One import at a time: a second start while one runs is refused.
#[tauri::command]
#[specta::specta]
pub async fn import_photos(app: AppHandle, paths: Vec<String>, on_progress: Channel<ImportProgress>) -> Result<ImportReport, ApiError> {
    let task = tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let Some(job) = state.import.start() else {
            return Err(ApiError::new(
                ErrorCode::PhotoImportBusy,
                state.lang().pick("Er worden al foto's ingelezen. Wacht tot dat klaar is.", "Photos are being imported already. Wait until that is done."),
            ));
        };
        let paths: Vec<std::path::PathBuf> = paths.iter().map(std::path::PathBuf::from).collect();
        let lang = state.lang();
        state
            .call(|core, s| {
                // Photos appear at once; the window scans them for faces right after, in the background.
                core.import_photos(s, &paths, FacesAtImport::Later, &mut |p| {
                    // A closed window drops the channel; the import still finishes.
                    let _ = on_progress.send(p.clone());
                    !job.cancelled()
                })
            })
            .map(|report| ImportReport::new(report, lang))
    });
    task.await.map_err(|e| ApiError::new(ErrorCode::PhotoImportFailed, e.to_string()))?
}

/// Ask a running import to stop after the file it is on.
#[tauri::command]
#[specta::specta]
pub async fn cancel_import(app: AppHandle) -> Result<(), ApiError> {
    app.state::<AppState>().import.cancel();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn set_photo(app: AppHandle, photo: i64, photo_type: Option<String>, posed: Option<bool>) -> Result<Photo, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_photo(s, photo, photo_type.as_deref(), posed))).await
}

#[tauri::command]
#[specta::specta]
pub async fn tag_photo(app: AppHandle, photo: i64, person: i64, area: Option<BoxInput>, highlighted: bool) -> Result<Vec<Tag>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.tag_photo(s, photo, person, area, highlighted))).await
}

#[tauri::command]
#[specta::specta]
pub async fn mark_unknown(app: AppHandle, photo: i64, area: BoxInput) -> Result<Vec<Tag>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.mark_unknown(s, photo, area))).await
}

#[tauri::command]
#[specta::specta]
pub async fn identify_box(app: AppHandle, photo: i64, tag: i64, person: i64, highlighted: bool) -> Result<Vec<Tag>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.identify_box(s, photo, tag, person, highlighted))).await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_tag(app: AppHandle, photo: i64, tag: i64) -> Result<Vec<Tag>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.remove_tag(s, photo, tag))).await
}

#[tauri::command]
#[specta::specta]
pub async fn check_photo(app: AppHandle, photo: i64, channel: String, purpose: String, date: Option<NaiveDate>) -> Result<PhotoCheck, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.check_photo(s, photo, &channel, &purpose, date))).await
}

/// Save an anonymised copy for a use where the user chooses; `None` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn export_photo_file(
    app: AppHandle,
    state: State<'_, AppState>,
    photo: i64,
    channel: String,
    purpose: String,
    date: Option<NaiveDate>,
) -> Result<Option<ExportReport>, ApiError> {
    let title = state.lang().pick("Foto voor publicatie opslaan", "Save photo for publication");
    let Some(path) = super::files::pick_save(&app, &state, title, &format!("foto-{photo}-{channel}.jpg"), "JPEG", &["jpg", "jpeg", "png"]).await? else {
        return Ok(None);
    };
    // The save dialog has asked before replacing a file.
    super::blocking(app.clone(), move |state| state.call(|core, s| core.export_photo(s, photo, &channel, &purpose, date, &OutputFile::new(path, true))))
        .await
        .map(Some)
}

#[tauri::command]
#[specta::specta]
pub async fn notices(app: AppHandle) -> Result<Vec<NoticeRow>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.notices(s))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_notice(app: AppHandle, notice: NewNotice) -> Result<i64, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.add_notice(s, &notice))).await
}

#[tauri::command]
#[specta::specta]
pub async fn publications(app: AppHandle, photo: i64) -> Result<Vec<PublicationInfo>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.publications(s, photo))).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_publication(app: AppHandle, photo: i64, channel: String, purpose: String, place: String, date: Option<NaiveDate>) -> Result<i64, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.add_publication(s, photo, &channel, &purpose, &place, date))).await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_publication(app: AppHandle, publication: i64, date: Option<NaiveDate>) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.remove_publication(s, publication, date))).await
}

#[tauri::command]
#[specta::specta]
pub async fn takedown_list(app: AppHandle, date: Option<NaiveDate>) -> Result<Vec<Takedown>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.takedown_list(s, date))).await
}

/// `photo://localhost/thumb/ID` and `photo://localhost/preview/ID`: the
/// picture as JPEG, for a logged-in user only.
pub fn protocol(app: &AppHandle, path: &str) -> tauri::http::Response<Vec<u8>> {
    use tauri::http::{header, Response, StatusCode};
    let reply = |status: StatusCode, body: Vec<u8>, kind: &str| {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, kind)
            // The same id always shows the same picture: originals never change.
            .header(header::CACHE_CONTROL, "private, max-age=31536000, immutable")
            .body(body)
            .unwrap_or_else(|_| Response::new(Vec::new()))
    };
    let mut parts = path.trim_matches('/').split('/');
    let rendition = match parts.next() {
        Some("thumb") => Rendition::Thumb,
        Some("preview") => Rendition::Preview,
        _ => return reply(StatusCode::NOT_FOUND, b"unknown picture".to_vec(), "text/plain"),
    };
    let Some(id) = parts.next().and_then(|p| p.parse::<i64>().ok()) else {
        return reply(StatusCode::NOT_FOUND, b"unknown photo".to_vec(), "text/plain");
    };
    let state = app.state::<AppState>();
    match state.call(|core, s| core.photo_file(s, id, rendition)) {
        Ok(bytes) => reply(StatusCode::OK, bytes, "image/jpeg"),
        Err(e) if e.code == "auth.required" => reply(StatusCode::UNAUTHORIZED, e.message.into_bytes(), "text/plain"),
        Err(e) if e.code == "photo.unknown" => reply(StatusCode::NOT_FOUND, e.message.into_bytes(), "text/plain"),
        Err(e) => reply(StatusCode::INTERNAL_SERVER_ERROR, e.message.into_bytes(), "text/plain"),
    }
}
