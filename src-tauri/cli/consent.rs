//! `consent` and `audit`: the consent history, proof that it is untouched, and who did what.

use beeldakkoord_core::api::{RecordRequest, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::audit::AuditFilter;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::error::ConsentRequestError;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::ErrorCode;
use beeldakkoord_core::Beeldakkoord;

use super::args::*;
use super::output::{Audit, AuditLog, Confirmed, Kept, Recorded, Shown};
use super::{Ctx, Out};
use crate::error::ApiError;

/// `consent record | withdraw | show`.
pub(super) fn consent(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: ConsentCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        ConsentCmd::Record { person, form, version, answer, given_by, method, date } => {
            let person = ctx.id("--person", &person)?;
            let form = ctx.id("--form", &form)?;
            let method = Method::parse(&method).ok_or_else(|| ctx.err(&ConsentRequestError::Method(method.clone())))?;
            let answers = answer.iter().map(|a| AnswerInput::parse(a).map_err(|err| ctx.err(&err))).collect::<Result<Vec<_>, _>>()?;
            let (given_by, co_signers) = first_and_rest(given_by);
            let req = RecordRequest { person, form, version: ctx.version(&version)?, answers, given_by, co_signers, method, date: ctx.opt_date(&date)? };
            let record = core.record_consent(s, &req).map_err(e)?;
            Ok(Out::of(&Recorded { withdrawal: false, record }, lang))
        }
        ConsentCmd::Withdraw { person, what, given_by, date } => {
            let person = ctx.id("--person", &person)?;
            let (given_by, co_signers) = first_and_rest(given_by);
            let req = WithdrawRequest { person, items: what.item, all: what.all, given_by, co_signers, method: Method::Digital, date: ctx.opt_date(&date)? };
            let record = core.withdraw_consent(s, &req).map_err(e)?;
            Ok(Out::of(&Recorded { withdrawal: true, record }, lang))
        }
        ConsentCmd::Show { person, at } => {
            let person = ctx.id("--person", &person)?;
            Ok(Out::of(&core.consent_at(s, person, ctx.opt_date(&at)?).map_err(e)?, lang))
        }
        ConsentCmd::Attach { event, file } => {
            let event = ctx.id("--event", &event)?;
            let attachment = core.attach_scan_file(s, event, &file).map_err(e)?;
            Ok(Out::of(&Kept { event, attachment, out: None }, lang))
        }
        ConsentCmd::Confirm { event } => {
            let event = ctx.id("--event", &event)?;
            core.confirm_withdrawal(s, event).map_err(e)?;
            Ok(Out::of(&Confirmed { event, confirmed: true }, lang))
        }
        ConsentCmd::Scan { event, number, out, force } => {
            let event = ctx.id("--event", &event)?;
            let number = ctx.count("--number", &number)?;
            let attachment = core.export_scan(s, event, number, &OutputFile::new(&out, force)).map_err(e)?;
            Ok(Out::of(&Kept { event, attachment, out: Some(out) }, lang))
        }
    }
}

/// `audit verify`.
pub(super) fn audit(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: AuditCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        AuditCmd::Verify { person } => {
            let chain = core.verify_audit(s).map_err(e)?;
            let person = person.map(|p| ctx.id("--person", &p)).transpose()?;
            let fp = person.map(|p| core.person_fingerprint(s, p).map(|f| (p, f))).transpose().map_err(e)?;
            let audit = Audit::new(chain, fp);
            let out = Out::of(&audit, lang);
            // A broken trail is an error for scripts, after the report.
            if !audit.chain.ok {
                return Ok(out.failing(ApiError::new(ErrorCode::AuditBroken, audit.text(lang))));
            }
            Ok(out)
        }
        AuditCmd::Log { person, user, since, until, limit } => {
            let filter = AuditFilter {
                person: person.map(|p| ctx.id("--person", &p)).transpose()?,
                user,
                since: ctx.opt_date(&since)?,
                until: ctx.opt_date(&until)?,
                before: None,
                limit: limit.map(|n| ctx.count("--limit", &n)).transpose()?,
            };
            Ok(Out::of(&AuditLog(core.audit_log(s, &filter).map_err(e)?), lang))
        }
    }
}

/// `--given-by` repeated: the first name, and everyone after it.
fn first_and_rest(mut names: Vec<String>) -> (String, Vec<String>) {
    if names.is_empty() {
        return (String::new(), names);
    }
    let first = names.remove(0);
    (first, names)
}
