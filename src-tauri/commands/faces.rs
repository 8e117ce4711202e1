//! Faces on photos: the background scan with progress and a stop, the
//! review of each face, and the face-suggestion settings.

use beeldakkoord_core::api::{Dismissal, FaceStatus, ScanProgress, ScanWhich};
use beeldakkoord_core::domain::photo::Face;
use beeldakkoord_core::i18n::ErrorCode;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager};

use super::AppState;
use crate::error::ApiError;
use crate::reports::ScanReport;

/// Look for faces in photos not scanned yet (or all), reporting each photo
/// on `on_progress`. One scan at a time: a second start while one runs
/// gets `None` (the window starts another when the running one is done and
/// photos still wait).
///
/// The scan keeps every core busy for minutes; it runs on a thread of its
/// own at the lowest priority (its workers inherit it), so the window's
/// processes get the cores first and keep drawing while it runs.
#[tauri::command]
#[specta::specta]
pub async fn scan_faces(app: AppHandle, which: ScanWhich, on_progress: Channel<ScanProgress>) -> Result<Option<ScanReport>, ApiError> {
    let failed = |e: String| ApiError::new(ErrorCode::PhotoImportFailed, e);
    let worker = std::thread::Builder::new()
        .name("face-scan".into())
        .spawn(move || {
            background_priority();
            scan_in_background(&app, which, &on_progress)
        })
        .map_err(|e| failed(e.to_string()))?;
    let joined = tauri::async_runtime::spawn_blocking(move || worker.join()).await.map_err(|e| failed(e.to_string()))?;
    joined.map_err(|_| failed("the face scan stopped unexpectedly".into()))?
}

/// Lower this thread (and the threads it starts) below everything else.
/// On Linux: SCHED_IDLE, which runs only on cores nothing else wants (at a
/// nice value of 19 the scan still took half a core from the window while
/// it scrolled); elsewhere the platform's lowest priority. A platform that
/// refuses only costs smoothness.
fn background_priority() {
    use thread_priority::ThreadPriority;
    #[cfg(target_os = "linux")]
    {
        use thread_priority::unix::{set_thread_priority_and_policy, thread_native_id, NormalThreadSchedulePolicy, ThreadSchedulePolicy};
        let idle = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
        if set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, idle).is_ok() {
            return;
        }
    }
    let _ = thread_priority::set_current_thread_priority(ThreadPriority::Min);
}

fn scan_in_background(app: &AppHandle, which: ScanWhich, on_progress: &Channel<ScanProgress>) -> Result<Option<ScanReport>, ApiError> {
    let state = app.state::<AppState>();
    let Some(job) = state.scan.start() else {
        return Ok(None);
    };
    let lang = state.lang();
    state
        .call(|core, s| {
            core.scan_faces(s, which, &mut |p| {
                // A closed window drops the channel; the scan still records what it finished.
                let _ = on_progress.send(p.clone());
                !job.cancelled()
            })
        })
        .map(|report| Some(ScanReport::new(report, lang)))
}

/// Ask a running scan to stop after the photos it is on.
#[tauri::command]
#[specta::specta]
pub async fn cancel_scan(app: AppHandle) -> Result<(), ApiError> {
    app.state::<AppState>().scan.cancel();
    Ok(())
}

#[tauri::command]
#[specta::specta]
pub async fn photo_faces(app: AppHandle, photo: i64) -> Result<Vec<Face>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.photo_faces(s, photo))).await
}

#[tauri::command]
#[specta::specta]
pub async fn name_face(app: AppHandle, photo: i64, face: u32, person: i64, highlighted: bool) -> Result<Vec<Face>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.name_face(s, photo, face, person, highlighted))).await
}

#[tauri::command]
#[specta::specta]
pub async fn face_unknown(app: AppHandle, photo: i64, face: u32) -> Result<Vec<Face>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.face_unknown(s, photo, face))).await
}

#[tauri::command]
#[specta::specta]
pub async fn dismiss_face(app: AppHandle, photo: i64, face: u32, reason: Dismissal) -> Result<Vec<Face>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.dismiss_face(s, photo, face, &reason))).await
}

#[tauri::command]
#[specta::specta]
pub async fn reopen_face(app: AppHandle, photo: i64, face: u32) -> Result<Vec<Face>, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.reopen_face(s, photo, face))).await
}

#[tauri::command]
#[specta::specta]
pub async fn face_status(app: AppHandle) -> Result<FaceStatus, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.face_status(s))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_face_suggestions(app: AppHandle, on: bool) -> Result<FaceStatus, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_face_suggestions(s, on))).await
}

#[tauri::command]
#[specta::specta]
pub async fn face_excluded(app: AppHandle, person: i64) -> Result<bool, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.face_excluded(s, person))).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_face_exclusion(app: AppHandle, person: i64, exclude: bool) -> Result<(), ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.set_face_exclusion(s, person, exclude))).await
}
