//! What `group`, `person` and `roster` print.

use beeldakkoord_core::api::RosterReport;
use beeldakkoord_core::domain::person::{Group, PersonKind, PersonSummary};
use beeldakkoord_core::domain::text::some_of;
use beeldakkoord_core::Lang;
use chrono::NaiveDate;
use serde::Serialize;

use super::{as_itself, lines, Shown};

impl Shown for Group {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(format!("Groep '{}' aangemaakt.", self.name), format!("Group '{}' created.", self.name))
    }
}

/// What a command added, by its new number.
#[derive(Serialize)]
pub struct Added {
    #[serde(skip)]
    pub what: Addition,
    pub id: i64,
}

pub enum Addition {
    Person,
    Publication,
    Notice,
}

impl Shown for Added {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let id = self.id;
        match self.what {
            Addition::Person => lang.pick(format!("Persoon toegevoegd met nummer {id}."), format!("Person added with number {id}.")),
            Addition::Publication => lang.pick(format!("Publicatie {id} vastgelegd."), format!("Publication {id} recorded.")),
            Addition::Notice => lang.pick(format!("Informatiebericht {id} vastgelegd."), format!("Information notice {id} recorded.")),
        }
    }
}

#[derive(Serialize)]
pub struct LeaveSet {
    pub id: i64,
    pub leave_date: NaiveDate,
}

impl Shown for LeaveSet {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (id, date) = (self.id, self.leave_date);
        lang.pick(format!("Vertrekdatum van {id} is {date}."), format!("Leave date of {id} is {date}."))
    }
}

impl Shown for Vec<PersonSummary> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        if self.is_empty() {
            return lang.pick("Geen personen gevonden.", "No people found.").into();
        }
        lines(self.iter().map(|p| {
            let kind = match p.kind {
                PersonKind::Child => lang.pick("kind", "child"),
                PersonKind::Staff => lang.pick("personeel", "staff"),
            };
            let birth = p.birth_date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
            let left = p.leave_date.map(|d| lang.pick(format!("  vertrek {d}"), format!("  leaves {d}"))).unwrap_or_default();
            format!("{:>5}  {:<30} {:<9} {}  {}{}", p.id, p.name, kind, birth, p.groups.join(", "), left)
        }))
    }
}

impl Shown for RosterReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let r = self;
        let mut s = lang.pick(
            format!(
                "{}{} toegevoegd, {} bijgewerkt, {} ongewijzigd.",
                if r.dry_run { "Proef (niets opgeslagen): " } else { "" },
                r.added,
                r.updated,
                r.unchanged
            ),
            format!("{}{} added, {} updated, {} unchanged.", if r.dry_run { "Dry run (nothing saved): " } else { "" }, r.added, r.updated, r.unchanged),
        );
        if r.past_retention > 0 {
            s += &lang.pick(
                format!(" {} niet toegevoegd: langer vertrokken dan toestemmingsgegevens bewaard worden.", r.past_retention),
                format!(" {} not added: left longer ago than consent data are kept.", r.past_retention),
            );
        }
        if !r.groups_created.is_empty() {
            s += &lang.pick(format!(" Nieuwe groepen: {}.", r.groups_created.join(", ")), format!(" New groups: {}.", r.groups_created.join(", ")));
        }
        if !r.ignored_columns.is_empty() {
            let some = some_of(&r.ignored_columns, 10, lang);
            s += &lang.pick(format!(" Niet gebruikte kolommen: {some}."), format!(" Columns not used: {some}."));
        }
        s
    }
}
