//! `user` and `org`: accounts (administrators; your own password for anyone) and the organisation's settings.

use beeldakkoord_core::api::NewUser;
use beeldakkoord_core::auth::{Role, Session};
use beeldakkoord_core::error::UserError;
use beeldakkoord_core::Beeldakkoord;

use beeldakkoord_core::domain::dates::MonthDay;
use beeldakkoord_core::domain::org::{GuardianConsent, SignaturesForYes};
use beeldakkoord_core::error::SetupError;

use super::args::{OrgCmd, UserCmd};
use super::output::{CliError, PasswordSet};
use super::{Ctx, Out};
use crate::error::ApiError;

/// `user add | list | groups | disable | passwd`.
pub(super) fn user(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: UserCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    match cmd {
        UserCmd::Add { name, role, groups } => {
            let role = Role::parse(role.trim()).ok_or_else(|| ctx.err(&UserError::Role(role.clone())))?;
            let password = new_password(ctx)?;
            Ok(Out::of(&core.add_user(s, &NewUser { user: name, role, groups, password }).map_err(e)?, lang))
        }
        UserCmd::List => Ok(Out::of(&core.users(s).map_err(e)?, lang)),
        UserCmd::Groups { name, groups } => Ok(Out::of(&core.set_user_groups(s, &name, &groups).map_err(e)?, lang)),
        UserCmd::Disable { name } => Ok(Out::of(&core.disable_user(s, &name).map_err(e)?, lang)),
        UserCmd::Link { name, person, none: _ } => {
            let person = person.map(|p| ctx.id("--person", &p)).transpose()?;
            Ok(Out::of(&core.link_user_person(s, &name, person).map_err(e)?, lang))
        }
        UserCmd::Passwd { name } => {
            let new = new_password(ctx)?;
            let own = name == s.username;
            if own {
                let (_, current) = ctx.password()?;
                core.change_password(s, &current, &new).map_err(e)?;
            } else {
                core.reset_password(s, &name, &new).map_err(e)?;
            }
            Ok(Out::of(&PasswordSet { user: name, own }, lang))
        }
    }
}

pub(super) fn new_password(ctx: &Ctx) -> Result<String, ApiError> {
    std::env::var("BEELDAKKOORD_NEW_PASSWORD").ok().filter(|p| !p.is_empty()).ok_or_else(|| ctx.err(&CliError::NoNewPassword))
}

/// `org show | set`.
pub(super) fn org(ctx: &Ctx, core: &Beeldakkoord, s: &Session, cmd: OrgCmd) -> Result<Out, ApiError> {
    let lang = ctx.lang;
    let e = |err: beeldakkoord_core::Error| ctx.err(&err);
    let mut org = core.organisation().map_err(e)?;
    if let OrgCmd::Set {
        name,
        consent_age,
        school_year_start,
        idle_lock_minutes,
        guardian_consent,
        signatures_for_yes,
        leaving_ends_consent,
        expiry_warning_days,
    } = cmd
    {
        let number = |what: &str, raw: &str| raw.trim().parse::<i64>().map_err(|_| ctx.err(&CliError::NotANumber { what: what.into(), raw: raw.into() }));
        if let Some(n) = name {
            org.name = n;
        }
        if let Some(a) = consent_age {
            let a = number("--consent-age", &a)?;
            org.consent_age = u8::try_from(a).map_err(|_| ctx.err(&SetupError::ConsentAge(a)))?;
        }
        if let Some(start) = school_year_start {
            org.school_year_start = MonthDay::parse(&start).map_err(|err| ctx.err(&err))?;
        }
        if let Some(m) = idle_lock_minutes {
            let m = number("--idle-lock-minutes", &m)?;
            org.idle_lock_minutes = u16::try_from(m).map_err(|_| ctx.err(&SetupError::IdleLock(m)))?;
        }
        if let Some(d) = expiry_warning_days {
            let d = number("--expiry-warning-days", &d)?;
            org.expiry_warning_days = u16::try_from(d).map_err(|_| ctx.err(&SetupError::ExpiryWarning(d)))?;
        }
        if let Some(g) = guardian_consent {
            // clap allows only the two names.
            org.guardian_consent = GuardianConsent::parse(&g).ok_or_else(|| ctx.err(&CliError::Usage(g.clone())))?;
        }
        if let Some(v) = leaving_ends_consent {
            // clap allows only on and off.
            org.leaving_ends_consent = v == "on";
        }
        if let Some(n) = signatures_for_yes {
            org.signatures_for_yes = SignaturesForYes::parse(&n).ok_or_else(|| ctx.err(&CliError::Usage(n.clone())))?;
        }
        org = core.update_organisation(s, &org).map_err(e)?;
    }
    Ok(Out::of(&org, lang))
}
