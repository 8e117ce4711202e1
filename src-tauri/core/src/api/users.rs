//! Accounts: signing in, who may do what on every call, and the
//! administrator's work on users (add, groups, reset, disable; never delete:
//! a name stays in the history).

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::Beeldakkoord;
use crate::auth::{self, Action, AuthError, Role, Session};
use crate::domain::person::PersonKind;
use crate::domain::text;
use crate::error::{Error, Result, SetupError, UserError};
use crate::store::scope::Visibility;
use crate::store::{self, Actor};

/// What a signed-in user may see: `None` for all.
pub(crate) type Scope = Option<Visibility>;

/// Failed sign-ins before each next attempt has to wait.
pub const FREE_FAILURES: u32 = 5;
/// The longest wait between attempts, in seconds.
pub const MAX_WAIT_SECS: u64 = 300;

/// A user as the administrator sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UserInfo {
    pub id: i64,
    pub user: String,
    pub role: Role,
    /// The groups a teacher sees, by name.
    pub groups: Vec<String>,
    pub disabled: bool,
    pub must_change_password: bool,
    /// The staff member's own person record, when linked: they see their own consent.
    pub person: Option<i64>,
    pub person_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct NewUser {
    pub user: String,
    pub role: Role,
    pub groups: Vec<String>,
    pub password: String,
}

/// Seconds to wait after `failures` failed sign-ins: none for the first
/// five, then 2, 4, 8, … up to five minutes.
pub fn wait_after(failures: u32) -> u64 {
    match failures.checked_sub(FREE_FAILURES) {
        None | Some(0) => 0,
        Some(n) => 1u64.checked_shl(n.min(16)).unwrap_or(MAX_WAIT_SECS).min(MAX_WAIT_SECS),
    }
}

/// Refused while the wait after `failures` failed sign-ins (the last at
/// `last`, `YYYY-MM-DDTHH:MM:SS`) has not passed.
pub(crate) fn check_wait(failures: u32, last: Option<&str>) -> Result<()> {
    let wait = wait_after(failures);
    if wait > 0 {
        let since = last.and_then(|at| chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S").ok());
        let passed = since.map_or(i64::MAX, |at| (chrono::Local::now().naive_local() - at).num_seconds());
        if passed < wait as i64 {
            return Err(AuthError::Wait(wait - passed.max(0) as u64).into());
        }
    }
    Ok(())
}

impl Beeldakkoord {
    pub fn login(&self, username: &str, password: &str) -> Result<Session> {
        if !self.is_initialised()? {
            return Err(SetupError::NotInitialised.into());
        }
        if password.is_empty() {
            return Err(AuthError::NoPassword.into());
        }
        let (failures, last) = self.store.read(|c| store::users::failures(c, username).map_err(Error::from))?;
        check_wait(failures, last.as_deref())?;
        let user = self.store.read(|c| store::users::by_name(c, username).map_err(Error::from))?;
        let verified = match &user {
            Some(u) => auth::verify_password(password, &u.password_hash),
            // Spend the same time on unknown users, so names cannot be probed.
            None => {
                let _ = auth::verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$4xHSSzbBa8hM+pU2DzDtS8iM5L4bDl5bVOvWGTbFZHs");
                false
            }
        };
        let Some(u) = user.filter(|_| verified) else {
            // Counted per name typed, known or not; logged in the audit trail.
            let name = text::shorten(username, 64);
            self.store.write(&Actor::system(), |tx| {
                let n = store::users::record_failure(tx.conn(), &name)?;
                tx.audit("auth.sign_in_failed", "user", None, json!({"user": name, "failures": n, "wait": wait_after(n)}))?;
                Ok::<_, Error>(())
            })?;
            return Err(AuthError::Failed.into());
        };
        if u.disabled {
            return Err(AuthError::Disabled.into());
        }
        self.refresh_wrapping(&u, password)?;
        if failures > 0 {
            self.store.write(&Actor::system(), |tx| {
                store::users::clear_failures(tx.conn(), username)?;
                tx.audit("auth.sign_in", "user", Some(u.id), json!({"user": u.username, "after_failures": failures}))?;
                Ok::<_, Error>(())
            })?;
        }
        Ok(Session { user_id: u.id, username: u.username, role: u.role, must_change_password: u.must_change_password, person: u.person_id })
    }

    /// May the user of `s` do `action`, and what may they see doing it?
    /// Checked against the users table on every call, so a disabled user or
    /// a changed role or group counts at once. `None`: everything (the
    /// office, administrators); a teacher sees their groups.
    pub(crate) fn allow(&self, s: &Session, action: Action) -> Result<Scope> {
        // One read on every call: the user and, for a teacher, their groups.
        let (user, groups) = self.store.read(|c| {
            let user = store::users::by_id(c, s.user_id)?;
            let groups = match &user {
                Some(u) if u.role == Role::Teacher => store::users::group_ids(c, u.id)?,
                _ => Vec::new(),
            };
            Ok::<_, Error>((user, groups))
        })?;
        let Some(user) = user.filter(|u| !u.disabled) else {
            return Err(AuthError::SessionEnded.into());
        };
        if user.must_change_password && action != Action::ChangePassword {
            return Err(AuthError::MustChangePassword.into());
        }
        if !action.need().allows(user.role) {
            return Err(AuthError::Forbidden(action.need()).into());
        }
        if user.role != Role::Teacher {
            return Ok(None);
        }
        Ok(Some(Visibility { user: user.id, groups, on: self.today(), own_person: user.person_id }))
    }

    pub fn users(&self, s: &Session) -> Result<Vec<UserInfo>> {
        self.allow(s, Action::Users)?;
        self.store.read(|c| store::users::all(c)?.into_iter().map(|u| info(c, u)).collect())
    }

    pub fn add_user(&self, s: &Session, new: &NewUser) -> Result<UserInfo> {
        self.allow(s, Action::AddUser)?;
        let name = text::clean(text::Field::Name, &new.user)?;
        auth::check_new_credentials(&name, &new.password)?;
        let hash = auth::hash_password(&new.password)?;
        self.store.write(&s.actor(), |tx| {
            if store::users::by_name(tx.conn(), &name)?.is_some() {
                return Err(UserError::Exists(name.clone()).into());
            }
            let groups = group_ids(tx.conn(), new.role, &new.groups)?;
            let id = store::users::insert(tx.conn(), &name, &hash, new.role)?;
            store::users::set_groups(tx.conn(), id, &groups)?;
            // Someone else chose the password: the user picks their own at first sign-in.
            store::users::set_password(tx.conn(), id, &hash, true)?;
            tx.audit("user.add", "user", Some(id), json!({"user": name, "role": new.role, "groups": new.groups}))?;
            let row = store::users::by_id(tx.conn(), id)?.ok_or_else(|| UserError::Unknown(name.clone()))?;
            // Their password opens the data too; wrapped before the account commits.
            self.add_wrapping(id, &name, &new.password)?;
            info(tx.conn(), row)
        })
    }

    /// Replace a teacher's groups.
    pub fn set_user_groups(&self, s: &Session, user: &str, groups: &[String]) -> Result<UserInfo> {
        self.allow(s, Action::SetUserGroups)?;
        self.store.write(&s.actor(), |tx| {
            let u = store::users::by_name(tx.conn(), user)?.ok_or_else(|| UserError::Unknown(user.to_string()))?;
            let ids = group_ids(tx.conn(), u.role, groups)?;
            store::users::set_groups(tx.conn(), u.id, &ids)?;
            tx.audit("user.groups", "user", Some(u.id), json!({"user": u.username, "groups": groups}))?;
            info(tx.conn(), u)
        })
    }

    /// Disable an account: it cannot sign in any more, its name stays in the history.
    /// Link `user` to their own staff record, so they see their own consent
    /// (rule 8: nobody else sees a colleague's); `None` undoes the link.
    pub fn link_user_person(&self, s: &Session, user: &str, person: Option<i64>) -> Result<UserInfo> {
        self.allow(s, Action::LinkUserPerson)?;
        self.store.write(&s.actor(), |tx| {
            let u = store::users::by_name(tx.conn(), user)?.ok_or_else(|| UserError::Unknown(user.to_string()))?;
            if let Some(p) = person {
                let found = super::require_person(tx.conn(), p)?;
                if found.kind != PersonKind::Staff {
                    return Err(UserError::PersonNotStaff(found.name).into());
                }
                if let Some(other) = store::users::by_person(tx.conn(), p)?.filter(|o| o.id != u.id) {
                    return Err(UserError::PersonTaken { person: found.name, user: other.username }.into());
                }
            }
            store::users::set_person(tx.conn(), u.id, person)?;
            tx.audit("user.person", "user", Some(u.id), json!({"user": u.username, "person": person}))?;
            let linked = store::users::by_id(tx.conn(), u.id)?.ok_or_else(|| UserError::Unknown(user.to_string()))?;
            info(tx.conn(), linked)
        })
    }

    pub fn disable_user(&self, s: &Session, user: &str) -> Result<UserInfo> {
        self.allow(s, Action::DisableUser)?;
        self.store.write(&s.actor(), |tx| {
            let u = store::users::by_name(tx.conn(), user)?.ok_or_else(|| UserError::Unknown(user.to_string()))?;
            if u.role == Role::Admin && !u.disabled && store::users::active_admins(tx.conn())? <= 1 {
                return Err(UserError::LastAdmin.into());
            }
            store::users::set_disabled(tx.conn(), u.id, true)?;
            tx.audit("user.disable", "user", Some(u.id), json!({"user": u.username}))?;
            let row = store::users::by_id(tx.conn(), u.id)?.ok_or_else(|| UserError::Unknown(user.to_string()))?;
            // Their password no longer opens the data.
            self.disable_wrapping(&row)?;
            info(tx.conn(), row)
        })
    }

    /// An administrator sets a new password for someone; they choose their
    /// own at the next sign-in (not when administrators reset their own).
    pub fn reset_password(&self, s: &Session, user: &str, password: &str) -> Result<()> {
        self.allow(s, Action::ResetPassword)?;
        auth::check_password(password)?;
        let hash = auth::hash_password(password)?;
        // The administrator's session holds the data key: it is wrapped for
        // the new password without knowing the old one.
        let (id, wrapping) = self.store.write(&s.actor(), |tx| {
            let u = store::users::by_name(tx.conn(), user)?.ok_or_else(|| UserError::Unknown(user.to_string()))?;
            store::users::set_password(tx.conn(), u.id, &hash, u.id != s.user_id)?;
            tx.audit("user.reset_password", "user", Some(u.id), json!({"user": u.username}))?;
            let wrapping = if u.disabled { None } else { Some(self.add_wrapping(u.id, &u.username, password)?) };
            Ok::<_, Error>((u.id, wrapping))
        })?;
        self.keep_wrapping(id, wrapping.as_deref())
    }

    /// The signed-in user chooses a new password, proving the current one.
    pub fn change_password(&self, s: &Session, current: &str, new: &str) -> Result<Session> {
        self.allow(s, Action::ChangePassword)?;
        let u = self.store.read(|c| store::users::by_id(c, s.user_id).map_err(Error::from))?.ok_or(AuthError::SessionEnded)?;
        if !auth::verify_password(current, &u.password_hash) {
            return Err(AuthError::Failed.into());
        }
        auth::check_password(new)?;
        if new == current {
            return Err(AuthError::SamePassword.into());
        }
        let hash = auth::hash_password(new)?;
        let wrapping = self.store.write(&s.actor(), |tx| {
            store::users::set_password(tx.conn(), u.id, &hash, false)?;
            tx.audit("user.change_password", "user", Some(u.id), json!({"user": u.username}))?;
            self.add_wrapping(u.id, &u.username, new)
        })?;
        self.keep_wrapping(u.id, Some(&wrapping))?;
        Ok(Session { must_change_password: false, ..s.clone() })
    }
}

fn info(c: &rusqlite::Connection, u: store::users::UserRow) -> Result<UserInfo> {
    let person_name = match u.person_id {
        Some(p) => store::people::person(c, p)?.map(|p| p.name),
        None => None,
    };
    Ok(UserInfo {
        person: u.person_id,
        person_name,
        groups: store::users::group_names(c, u.id)?,
        id: u.id,
        user: u.username,
        role: u.role,
        disabled: u.disabled,
        must_change_password: u.must_change_password,
    })
}

/// The groups a user of `role` is linked to: every teacher needs at least one.
fn group_ids(c: &rusqlite::Connection, role: Role, names: &[String]) -> Result<Vec<i64>> {
    let ids = names.iter().map(|g| super::group_id(c, g)).collect::<Result<Vec<_>>>()?;
    if role == Role::Teacher && ids.is_empty() {
        return Err(UserError::TeacherGroups.into());
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_after_five_failures_and_stops_at_five_minutes() {
        let waits: Vec<u64> = (0..=20).map(wait_after).collect();
        assert_eq!(&waits[..9], &[0, 0, 0, 0, 0, 0, 2, 4, 8]);
        assert_eq!(waits[20], MAX_WAIT_SECS);
        assert!(waits.windows(2).all(|w| w[0] <= w[1]));
    }
}
