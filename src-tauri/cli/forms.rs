//! `form`: consent forms, their versions and printing them.

use beeldakkoord_core::api::FormTarget;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Beeldakkoord;

use super::args::*;
use super::output::{FormActive, FormSaved};
use super::{Ctx, Out};
use crate::error::ApiError;

/// `form import | export | list | activate | deactivate | show | print`.
pub(super) fn form(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: FormCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        FormCmd::Import { file } => Ok(Out::of(&core.import_form_file(s, &file).map_err(e)?, lang)),
        FormCmd::Export { id, out, version, force } => {
            let id = ctx.id("ID", &id)?;
            core.export_form_file(s, id, ctx.version(&version)?, &OutputFile::new(&out, force)).map_err(e)?;
            Ok(Out::of(&FormSaved { form: id, out: &out }, lang))
        }
        FormCmd::Activate { id } => {
            let id = ctx.id("ID", &id)?;
            core.set_form_active(s, id, true).map_err(e)?;
            Ok(Out::of(&FormActive { form: id, active: true }, lang))
        }
        FormCmd::Deactivate { id } => {
            let id = ctx.id("ID", &id)?;
            core.set_form_active(s, id, false).map_err(e)?;
            Ok(Out::of(&FormActive { form: id, active: false }, lang))
        }
        FormCmd::List => Ok(Out::of(&core.forms(s).map_err(e)?, lang)),
        FormCmd::Show { id, version } => {
            let id = ctx.id("ID", &id)?;
            Ok(Out::of(&core.form(s, id, ctx.version(&version)?).map_err(e)?, lang))
        }
        FormCmd::Print { id, version, person, group, return_by, out, force } => {
            let id = ctx.id("ID", &id)?;
            let target = match (person, group) {
                (Some(p), _) => FormTarget::Person(ctx.id("--person", &p)?),
                (None, Some(g)) => FormTarget::Group(g),
                (None, None) => FormTarget::Blank,
            };
            let r = core.print_form(s, id, ctx.version(&version)?, &target, lang, ctx.opt_date(&return_by)?, &OutputFile::new(out, force)).map_err(e)?;
            Ok(Out::of(&r, lang))
        }
    }
}
