//! `dossier`, `reconsent`, `logo` and `measures`: what goes on paper.

use beeldakkoord_core::i18n::ErrorCode;
use std::path::PathBuf;

use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::{OutputDir, OutputFile};
use beeldakkoord_core::Beeldakkoord;
use serde_json::json;

use super::args::*;
use super::{Ctx, Out};
use crate::error::ApiError;

/// `dossier PERSON | batch | photos`.
pub(super) fn dossier(ctx: &Ctx, core: &Beeldakkoord, s: &Session, args: DossierArgs) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match args {
        DossierArgs { batch: Some(DossierCmd::Batch { left_from, left_to, out, force }), .. } => {
            let (from, to) = (ctx.date(&left_from)?, ctx.date(&left_to)?);
            let never = std::sync::atomic::AtomicBool::new(false);
            let r = core.dossier_batch(s, from, to, lang, &OutputDir::new(&out, force), &mut |_| {}, &never).map_err(e)?;
            Ok(Out::new(
                json!({"count": r.count, "files": r.files, "combined": r.combined}),
                match &r.combined {
                    Some(c) => lang.pick(
                        format!("{} vertrekdossiers geschreven naar {}; alles samen om af te drukken: {}.", r.count, out.display(), c.display()),
                        format!("{} exit dossiers written to {}; all together for printing: {}.", r.count, out.display(), c.display()),
                    ),
                    None => lang.pick(format!("Niemand vertrok tussen {from} en {to}."), format!("Nobody left between {from} and {to}.")),
                },
            ))
        }
        DossierArgs { batch: Some(DossierCmd::Photos { person, out, force }), .. } => {
            let person = ctx.id("PERSON", &person)?;
            let r = core.leaver_photos(s, person, &OutputDir::new(&out, force), lang).map_err(e)?;
            let mut text = lang.pick(
                format!("{} foto's geschreven naar {} ({} andere personen onherkenbaar gemaakt).", r.files.len(), out.display(), r.hidden),
                format!("{} photos written to {} ({} other people made unrecognisable).", r.files.len(), out.display(), r.hidden),
            );
            for sk in &r.skipped {
                text.push_str(&match &sk.problem {
                    Some(problem) => lang.pick(format!("\nNiet meegegeven: {}", problem), format!("\nLeft out: {}", problem)),
                    None => lang.pick(
                        format!("\nNiet meegegeven: {} (zonder vak: {}).", sk.name, sk.unboxed.join(", ")),
                        format!("\nLeft out: {} (no box: {}).", sk.name, sk.unboxed.join(", ")),
                    ),
                });
            }
            Ok(Out::new(
                json!({"person": r.person, "files": r.files, "hidden": r.hidden, "skipped": r.skipped.iter().map(|sk| json!({"photo": sk.photo, "name": sk.name, "unboxed": sk.unboxed, "problem": sk.problem})).collect::<Vec<_>>()}),
                text,
            ))
        }
        DossierArgs { person, out, force, .. } => {
            // clap requires both when there is no subcommand.
            let (Some(person), Some(out)) = (person, out) else {
                return Err(ApiError::new(
                    ErrorCode::CliUsage,
                    lang.pick("Geef een persoonsnummer en --out BESTAND.pdf.", "Give a person number and --out FILE.pdf."),
                ));
            };
            let person = ctx.id("PERSON", &person)?;
            let r = core.print_dossier(s, person, lang, &OutputFile::new(out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"person": r.person, "out": r.out, "bytes": r.bytes, "events": r.fingerprint.events, "fingerprint": r.fingerprint.sha256}),
                lang.pick(
                    format!(
                        "Vertrekdossier geschreven naar {} ({} gebeurtenissen, vingerafdruk {}).",
                        r.out.display(),
                        r.fingerprint.events,
                        r.fingerprint.sha256
                    ),
                    format!("Exit dossier written to {} ({} events, fingerprint {}).", r.out.display(), r.fingerprint.events, r.fingerprint.sha256),
                ),
            ))
        }
    }
}

/// `reconsent list | print`.
pub(super) fn reconsent(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: ReconsentCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        ReconsentCmd::List { date, group } => {
            let lines = core.reconsent(s, ctx.opt_date(&date)?, group.as_deref()).map_err(e)?;
            let v: Vec<_> = lines
                .iter()
                .map(|l| json!({"person": l.person, "name": l.name, "groups": l.groups, "reason": l.reason, "items": l.items, "form": l.form}))
                .collect();
            let text = if lines.is_empty() {
                lang.pick("Niemand hoeft opnieuw gevraagd te worden.", "Nobody needs to be asked again.").to_string()
            } else {
                lines
                    .iter()
                    .map(|l| match l.groups.is_empty() {
                        true => format!("{}: {}", l.name, l.reason.describe(lang)),
                        false => format!("{} ({}): {}", l.name, l.groups.join(", "), l.reason.describe(lang)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            Ok(Out::new(json!(v), text))
        }
        ReconsentCmd::Print { date, group, out, forms, force } => {
            let forms = forms.map(|f| OutputFile::new(f, force));
            let r = core.print_reconsent(s, ctx.opt_date(&date)?, group.as_deref(), lang, &OutputFile::new(out, force), forms.as_ref()).map_err(e)?;
            Ok(Out::new(
                json!({"checklist": r.checklist, "people": r.people, "forms": r.forms}),
                lang.pick(
                    format!("Lijst met {} personen geschreven naar {}.", r.people, r.checklist.display()),
                    format!("List of {} people written to {}.", r.people, r.checklist.display()),
                ),
            ))
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
    Ok(Out::new(
        json!({"logo": file.is_some()}),
        match file {
            Some(_) => lang.pick("Het logo staat voortaan op elke afdruk.", "The logo is on every printout from now on."),
            None => lang.pick("Het logo is verwijderd.", "The logo has been removed."),
        },
    ))
}

/// `measures --out FILE`.
pub(super) fn measures(ctx: &Ctx, core: &Beeldakkoord, s: &Session, out: PathBuf, force: bool) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    let bytes = core.print_measures(s, lang, &OutputFile::new(&out, force)).map_err(e)?;
    Ok(Out::new(
        json!({"out": out, "bytes": bytes}),
        lang.pick(format!("Maatregelen geschreven naar {}.", out.display()), format!("Measures written to {}.", out.display())),
    ))
}
