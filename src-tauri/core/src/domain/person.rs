//! People the organisation photographs: children and staff, their groups and guardians.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    Child,
    Staff,
}

impl PersonKind {
    pub fn parse(s: &str) -> Option<PersonKind> {
        match s.trim().to_lowercase().as_str() {
            "child" | "kind" | "leerling" | "pupil" | "student" | "" => Some(PersonKind::Child),
            "staff" | "personeel" | "medewerker" | "leerkracht" | "teacher" | "employee" => Some(PersonKind::Staff),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            PersonKind::Child => "child",
            PersonKind::Staff => "staff",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub members: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Guardian {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Membership {
    pub group: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Person {
    pub id: i64,
    pub name: String,
    pub kind: PersonKind,
    pub birth_date: Option<NaiveDate>,
    pub leave_date: Option<NaiveDate>,
    pub external_id: Option<String>,
    pub memberships: Vec<Membership>,
    pub guardians: Vec<Guardian>,
}

impl Person {
    /// Names of the groups the person belongs to on `date`.
    pub fn groups_on(&self, date: NaiveDate) -> Vec<&str> {
        self.memberships.iter().filter(|m| m.from <= date && m.to.is_none_or(|to| date <= to)).map(|m| m.group.as_str()).collect()
    }
}

/// One row of the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonSummary {
    pub id: i64,
    pub name: String,
    pub kind: PersonKind,
    pub birth_date: Option<NaiveDate>,
    pub leave_date: Option<NaiveDate>,
    pub groups: Vec<String>,
}

/// Names compare without case and with collapsed spaces: "els  Jansen" is "Els Jansen".
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A tidy display name: trimmed, single spaces.
pub fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub const MAX_NAME_LEN: usize = 200;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(normalise_name("  Els   JANSEN "), normalise_name("els jansen"));
        assert_eq!(clean_name("  Zoë   d'Haese "), "Zoë d'Haese");
    }

    #[test]
    fn kinds_in_both_languages() {
        assert_eq!(PersonKind::parse("Leerling"), Some(PersonKind::Child));
        assert_eq!(PersonKind::parse("personeel"), Some(PersonKind::Staff));
        assert_eq!(PersonKind::parse("hond"), None);
    }
}
