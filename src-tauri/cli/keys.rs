//! `key`: a new recovery sheet, and a new administrator password from the recovery code.

use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Beeldakkoord;

use super::args::KeyCmd;
use super::output::{CliError, Recovered, RecoverySheet};
use super::{users::new_password, Ctx, Out};
use crate::error::ApiError;

pub(super) fn key(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: KeyCmd) -> Result<Out, ApiError> {
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        KeyCmd::Sheet { out, force } => {
            let bytes = core.print_recovery_sheet(s, ctx.lang, &OutputFile::new(&out, force)).map_err(e)?;
            Ok(Out::of(&RecoverySheet { out, bytes }, ctx.lang))
        }
        KeyCmd::Recover { .. } => unreachable!("handled before signing in"),
    }
}

/// Before anyone signs in: the code opens the data.
pub(super) fn recover(ctx: &Ctx, user: &str) -> Result<Out, ApiError> {
    let code = std::env::var("BEELDAKKOORD_RECOVERY_CODE").ok().filter(|c| !c.trim().is_empty()).ok_or_else(|| ctx.err(&CliError::NoRecoveryCode))?;
    let password = new_password(ctx)?;
    let (_, session) = Beeldakkoord::recover(&ctx.data_dir, &code, user, &password).map_err(|e| ctx.err(&e))?;
    Ok(Out::of(&Recovered { user: session.username }, ctx.lang))
}
