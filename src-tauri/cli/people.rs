//! `group`, `person` and `roster`: who is in the register.

use beeldakkoord_core::api::{NewPerson, PeopleFilter};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::error::PeopleError;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Beeldakkoord;

use super::args::*;
use super::output::{Added, Addition, LeaveSet};
use super::{Ctx, Out};
use crate::error::ApiError;

/// `group add`.
pub(super) fn group(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: GroupCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        GroupCmd::Add { name } => Ok(Out::of(&core.add_group(s, &name).map_err(e)?, lang)),
    }
}

/// `person add | leave | list`.
pub(super) fn person(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: PersonCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        PersonCmd::Add { name, kind, birth_date, group, guardian } => {
            let kind = PersonKind::parse(&kind).filter(|_| !kind.trim().is_empty()).ok_or_else(|| ctx.err(&PeopleError::Kind(kind.clone())))?;
            let birth_date = ctx.opt_date(&birth_date)?;
            let id = core.add_person(s, &NewPerson { name, kind, birth_date, groups: group, guardians: guardian }).map_err(e)?;
            Ok(Out::of(&Added { what: Addition::Person, id }, lang))
        }
        PersonCmd::Leave { id, date } => {
            let id = ctx.id("ID", &id)?;
            let date = ctx.date(&date)?;
            core.set_leave_date(s, id, date).map_err(e)?;
            Ok(Out::of(&LeaveSet { id, leave_date: date }, lang))
        }
        PersonCmd::List { group } => Ok(Out::of(&core.people(s, &PeopleFilter { group, search: None, include_left: true }).map_err(e)?, lang)),
        PersonCmd::Export { id, out, force } => {
            let id = ctx.id("ID", &id)?;
            Ok(Out::of(&core.export_person(s, id, lang, &OutputFile::new(out, force)).map_err(e)?, lang))
        }
    }
}

/// `roster import`.
pub(super) fn roster(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: RosterCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        RosterCmd::Import { file, dry_run } => Ok(Out::of(&core.import_roster_file(s, &file, dry_run).map_err(e)?, lang)),
    }
}
