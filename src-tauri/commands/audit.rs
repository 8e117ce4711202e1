//! The audit trail in the window: the log for administrators and the check.

use beeldakkoord_core::domain::audit::{AuditFilter, AuditPage, ChainReport};
use tauri::AppHandle;

use crate::error::ApiError;

/// Who did what, when: newest first, filtered.
#[tauri::command]
#[specta::specta]
pub async fn audit_log(app: AppHandle, filter: AuditFilter) -> Result<AuditPage, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.audit_log(s, &filter))).await
}

/// Recompute the chain and every covered row.
#[tauri::command]
#[specta::specta]
pub async fn verify_audit(app: AppHandle) -> Result<ChainReport, ApiError> {
    super::blocking(app, move |state| state.call(|core, s| core.verify_audit(s))).await
}
