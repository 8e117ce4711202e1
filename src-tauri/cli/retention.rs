//! `retention`: the terms, a run (or a dry run), skipping a leaver's dossier.

use beeldakkoord_core::auth::Session;
use beeldakkoord_core::error::RetentionError;
use beeldakkoord_core::Beeldakkoord;

use super::args::RetentionCmd;
use super::output::{CliError, DossierSkipped};
use super::{Ctx, Out};
use crate::error::ApiError;

pub(super) fn retention(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: RetentionCmd) -> Result<Out, ApiError> {
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        RetentionCmd::Settings { photos_years, consent_years, untagged_years } => {
            let mut settings = core.retention_settings(s).map_err(e)?;
            if photos_years.is_none() && consent_years.is_none() && untagged_years.is_none() {
                return Ok(Out::of(&settings, ctx.lang));
            }
            let years = |what: &str, raw: &str| -> Result<u8, ApiError> {
                let n = raw.trim().parse::<i64>().map_err(|_| ctx.err(&CliError::NotANumber { what: what.into(), raw: raw.into() }))?;
                u8::try_from(n).map_err(|_| ctx.err(&RetentionError::Years(n)))
            };
            if let Some(y) = photos_years {
                settings.photos_years = years("--photos-years", &y)?;
            }
            if let Some(y) = consent_years {
                settings.consent_years = years("--consent-years", &y)?;
            }
            if let Some(y) = untagged_years {
                settings.untagged_years = years("--untagged-years", &y)?;
            }
            Ok(Out::of(&core.set_retention_settings(s, settings).map_err(e)?, ctx.lang))
        }
        RetentionCmd::Run { dry_run, date } => Ok(Out::of(&core.run_retention(s, ctx.opt_date(&date)?, dry_run).map_err(e)?, ctx.lang)),
        RetentionCmd::SkipDossier { person, reason } => {
            let person = ctx.id("person", &person)?;
            core.skip_dossier(s, person, &reason).map_err(e)?;
            Ok(Out::of(&DossierSkipped { person, reason: reason.trim().to_string() }, ctx.lang))
        }
    }
}
