//! `dossier`, `reconsent`, `logo` and `measures`: what goes on paper.

use std::path::PathBuf;

use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::{OutputDir, OutputFile};
use beeldakkoord_core::Beeldakkoord;

use super::args::*;
use super::output::{Batch, CliError, Logo, Measures, TakeHome};
use super::{Ctx, Out};
use crate::error::ApiError;
use crate::reports::LeaverPhotos;

/// `dossier PERSON | batch | photos`.
pub(super) fn dossier(ctx: &Ctx, core: &Beeldakkoord, s: &Session, args: DossierArgs) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match args {
        DossierArgs { batch: Some(DossierCmd::Batch { left_from, left_to, out, force }), .. } => {
            let (from, to) = (ctx.date(&left_from)?, ctx.date(&left_to)?);
            let never = std::sync::atomic::AtomicBool::new(false);
            let report = core.dossier_batch(s, from, to, lang, &OutputDir::new(&out, force), &mut |_| {}, &never).map_err(e)?;
            Ok(Out::of(&Batch { report, period: (from, to), folder: &out }, lang))
        }
        DossierArgs { batch: Some(DossierCmd::Photos { person, out, force }), .. } => {
            let person = ctx.id("PERSON", &person)?;
            let report = LeaverPhotos::new(core.leaver_photos(s, person, &OutputDir::new(&out, force)).map_err(e)?, lang);
            Ok(Out::of(&TakeHome { report, folder: &out }, lang))
        }
        DossierArgs { person, out, force, .. } => {
            // clap requires both when there is no subcommand.
            let (Some(person), Some(out)) = (person, out) else {
                return Err(ctx.err(&CliError::DossierArgs));
            };
            let person = ctx.id("PERSON", &person)?;
            Ok(Out::of(&core.print_dossier(s, person, lang, &OutputFile::new(out, force)).map_err(e)?, lang))
        }
    }
}

/// `reconsent list | print`.
pub(super) fn reconsent(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: ReconsentCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        ReconsentCmd::List { date, group } => Ok(Out::of(&core.reconsent(s, ctx.opt_date(&date)?, group.as_deref()).map_err(e)?, lang)),
        ReconsentCmd::Print { date, group, out, forms, force } => {
            let forms = forms.map(|f| OutputFile::new(f, force));
            let r = core.print_reconsent(s, ctx.opt_date(&date)?, group.as_deref(), lang, &OutputFile::new(out, force), forms.as_ref()).map_err(e)?;
            Ok(Out::of(&r, lang))
        }
    }
}

/// `logo FILE | --remove`.
pub(super) fn logo(ctx: &Ctx, core: &Beeldakkoord, s: &Session, file: Option<PathBuf>, remove: bool) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    let file = file.filter(|_| !remove);
    match &file {
        Some(f) => core.set_logo_file(s, f).map_err(e)?,
        None => core.set_logo(s, None).map_err(e)?,
    }
    Ok(Out::of(&Logo { logo: file.is_some() }, lang))
}

/// `measures --out FILE`.
pub(super) fn measures(ctx: &Ctx, core: &Beeldakkoord, s: &Session, out: PathBuf, force: bool) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    let bytes = core.print_measures(s, lang, &OutputFile::new(&out, force)).map_err(e)?;
    Ok(Out::of(&Measures { out, bytes }, lang))
}
