//! `backup`: make one (signed in), check or restore one (with a password of
//! a user in the backup, or the recovery code; no data folder needed).

use std::path::{Path, PathBuf};

use beeldakkoord_core::api::BackupSecret;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Beeldakkoord;

use super::output::BackupShown;
use super::{users::new_password, Ctx, Out};
use crate::error::ApiError;

/// The recovery code when BEELDAKKOORD_RECOVERY_CODE is set, else the user's password.
fn secret(ctx: &Ctx) -> Result<BackupSecret, ApiError> {
    if let Some(code) = std::env::var("BEELDAKKOORD_RECOVERY_CODE").ok().filter(|c| !c.trim().is_empty()) {
        return Ok(BackupSecret::RecoveryCode { code });
    }
    let (user, password) = ctx.password()?;
    Ok(BackupSecret::Password { user, password })
}

pub(super) fn create(ctx: &Ctx, core: &Beeldakkoord, s: &Session, file: PathBuf, force: bool) -> Result<Out, ApiError> {
    let info = core.create_backup(s, &OutputFile::new(&file, force)).map_err(|e| ctx.err(&e))?;
    Ok(Out::of(&BackupShown { info, done: "created", data_dir: None }, ctx.lang))
}

pub(super) fn verify(ctx: &Ctx, file: &Path) -> Result<Out, ApiError> {
    let info = Beeldakkoord::verify_backup(file, &secret(ctx)?).map_err(|e| ctx.err(&e))?;
    Ok(Out::of(&BackupShown { info, done: "verified", data_dir: None }, ctx.lang))
}

pub(super) fn restore(ctx: &Ctx, file: &Path, admin: Option<&str>) -> Result<Out, ApiError> {
    let secret = secret(ctx)?;
    let new = match (&secret, admin) {
        (BackupSecret::RecoveryCode { .. }, Some(admin)) => Some((admin.to_string(), new_password(ctx)?)),
        _ => None,
    };
    let (_, _, info) =
        Beeldakkoord::restore_backup(file, &secret, &ctx.data_dir, new.as_ref().map(|(a, p)| (a.as_str(), p.as_str()))).map_err(|e| ctx.err(&e))?;
    Ok(Out::of(&BackupShown { info, done: "restored", data_dir: Some(ctx.data_dir.clone()) }, ctx.lang))
}
