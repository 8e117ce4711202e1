//! `consent` and `audit`: the consent history and proof that it is untouched.

use beeldakkoord_core::api::{RecordRequest, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::error::ConsentRequestError;
use beeldakkoord_core::i18n::ErrorCode;
use beeldakkoord_core::Beeldakkoord;
use serde_json::json;

use super::args::*;
use super::{output, Ctx, Out};
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
            let req = RecordRequest { person, form, version: ctx.version(&version)?, answers, given_by, method, date: ctx.opt_date(&date)? };
            let id = core.record_consent(s, &req).map_err(e)?;
            Ok(Out::new(json!({"record": id}), lang.pick(format!("Toestemming vastgelegd (gebeurtenis {id})."), format!("Consent recorded (event {id})."))))
        }
        ConsentCmd::Withdraw { person, what, given_by, date } => {
            let person = ctx.id("--person", &person)?;
            let req = WithdrawRequest { person, items: what.item, all: what.all, given_by, method: Method::Digital, date: ctx.opt_date(&date)? };
            let id = core.withdraw_consent(s, &req).map_err(e)?;
            Ok(Out::new(json!({"record": id}), lang.pick(format!("Toestemming ingetrokken (gebeurtenis {id})."), format!("Consent withdrawn (event {id})."))))
        }
        ConsentCmd::Show { person, at } => {
            let person = ctx.id("--person", &person)?;
            let o = core.consent_at(s, person, ctx.opt_date(&at)?).map_err(e)?;
            let items: Vec<_> = o
                .items
                .iter()
                .map(|i| json!({"item": i.item, "status": i.status, "record": i.record, "form": i.form, "form_version": i.form_version, "valid_until": i.valid_until}))
                .collect();
            Ok(Out::new(json!({"person": o.person, "at": o.at, "items": items}), output::consent(&o, lang)))
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
            let ok = chain.broken_at.is_none();
            let mut text = match chain.broken_at {
                None => lang.pick(format!("Audittrail in orde: {} gebeurtenissen.", chain.events), format!("Audit trail intact: {} events.", chain.events)),
                Some(id) => lang.pick(format!("Audittrail beschadigd vanaf gebeurtenis {id}."), format!("Audit trail broken from event {id}.")),
            };
            if let Some((p, f)) = &fp {
                text.push_str(&lang.pick(
                    format!("\nPersoon {p}: {} gebeurtenissen, vingerafdruk {}", f.events, f.sha256),
                    format!("\nPerson {p}: {} events, fingerprint {}", f.events, f.sha256),
                ));
            }
            let mut v = json!({"ok": ok, "events": chain.events, "broken_at": chain.broken_at, "head": chain.head});
            if let Some((p, f)) = fp {
                v["person"] = json!({"id": p, "events": f.events, "fingerprint": f.sha256});
            }
            // A broken chain is an error for scripts, after the report.
            if !ok {
                return Err(ApiError::new(ErrorCode::AuditBroken, text));
            }
            Ok(Out::new(v, text))
        }
    }
}
