//! `form`: consent forms, their versions and printing them.

use beeldakkoord_core::api::FormTarget;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Beeldakkoord;
use serde_json::json;

use super::args::*;
use super::{output, Ctx, Out};
use crate::error::ApiError;

/// `form import | export | list | activate | deactivate | show | print`.
pub(super) fn form(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: FormCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        FormCmd::Import { file } => {
            let r = core.import_form_file(s, &file).map_err(e)?;
            Ok(Out::new(
                json!({"form": r.form, "version": r.version}),
                lang.pick(format!("Formulier {} versie {} ingelezen.", r.form, r.version), format!("Form {} version {} imported.", r.form, r.version)),
            ))
        }
        FormCmd::Export { id, out, version, force } => {
            let id = ctx.id("ID", &id)?;
            core.export_form_file(s, id, ctx.version(&version)?, &OutputFile::new(&out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"form": id, "out": out}),
                lang.pick(format!("Formulier {id} opgeslagen in {}.", out.display()), format!("Form {id} saved to {}.", out.display())),
            ))
        }
        FormCmd::Activate { id } => {
            let id = ctx.id("ID", &id)?;
            core.set_form_active(s, id, true).map_err(e)?;
            Ok(Out::new(json!({"form": id, "active": true}), lang.pick(format!("Formulier {id} is in gebruik."), format!("Form {id} is in use."))))
        }
        FormCmd::Deactivate { id } => {
            let id = ctx.id("ID", &id)?;
            core.set_form_active(s, id, false).map_err(e)?;
            Ok(Out::new(
                json!({"form": id, "active": false}),
                lang.pick(format!("Formulier {id} is niet meer in gebruik."), format!("Form {id} is no longer in use.")),
            ))
        }
        FormCmd::List => {
            let forms = core.forms(s).map_err(e)?;
            Ok(Out::new(json!(forms), output::forms(&forms, lang)))
        }
        FormCmd::Show { id, version } => {
            let id = ctx.id("ID", &id)?;
            let f = core.form(s, id, ctx.version(&version)?).map_err(e)?;
            let text = output::form(&f, lang);
            Ok(Out::new(json!(f), text))
        }
        FormCmd::Print { id, version, person, group, return_by, out, force } => {
            let id = ctx.id("ID", &id)?;
            let target = match (person, group) {
                (Some(p), _) => FormTarget::Person(ctx.id("--person", &p)?),
                (None, Some(g)) => FormTarget::Group(g),
                (None, None) => FormTarget::Blank,
            };
            let r = core.print_form(s, id, ctx.version(&version)?, &target, lang, ctx.opt_date(&return_by)?, &OutputFile::new(out, force)).map_err(e)?;
            Ok(Out::new(
                json!({"out": r.out, "forms": r.forms, "bytes": r.bytes}),
                lang.pick(
                    format!("{} formulier(en) geschreven naar {}.", r.forms, r.out.display()),
                    format!("{} form(s) written to {}.", r.forms, r.out.display()),
                ),
            ))
        }
    }
}
