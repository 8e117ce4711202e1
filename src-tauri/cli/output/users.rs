//! What `user` prints.

use beeldakkoord_core::api::UserInfo;
use beeldakkoord_core::auth::Role;
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, lines, Shown};

fn role_word(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Admin => lang.pick("beheerder", "administrator"),
        Role::Office => lang.pick("administratie", "office"),
        Role::Teacher => lang.pick("leerkracht", "teacher"),
    }
}

impl Shown for UserInfo {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let role = role_word(self.role, lang);
        let groups = if self.groups.is_empty() { String::new() } else { format!(" ({})", self.groups.join(", ")) };
        let off = if self.disabled { lang.pick(" — uitgeschakeld", " — disabled") } else { "" };
        let own = match &self.person_name {
            Some(p) => lang.pick(format!(" — eigen gegevens: {p}"), format!(" — own record: {p}")),
            None => String::new(),
        };
        lang.pick(format!("Gebruiker {}: {role}{groups}{own}{off}.", self.user), format!("User {}: {role}{groups}{own}{off}.", self.user))
    }
}

impl Shown for Vec<UserInfo> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lines(self.iter().map(|u| {
            let off = if u.disabled { lang.pick("uitgeschakeld", "disabled") } else { "" };
            format!("{:<24} {:<14} {:<30} {off}", u.user, role_word(u.role, lang), u.groups.join(", "))
        }))
    }
}

/// A password set: one's own, or someone else's by an administrator.
#[derive(Serialize)]
pub struct PasswordSet {
    pub user: String,
    #[serde(skip)]
    pub own: bool,
}

impl Shown for PasswordSet {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        match self.own {
            true => lang.pick("Uw wachtwoord is gewijzigd.".into(), "Your password has been changed.".into()),
            false => lang.pick(
                format!("Nieuw wachtwoord voor {} ingesteld; bij de volgende aanmelding kiest {} een eigen wachtwoord.", self.user, self.user),
                format!("New password set for {}; at the next sign-in they choose their own.", self.user),
            ),
        }
    }
}
