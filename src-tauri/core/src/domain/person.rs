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

/// How far ahead a leave date may be entered: a departure announced for the
/// end of the school year, or a move next spring (roster exports carry
/// such dates). Further ahead is taken for a typing error.
pub const PLANNED_LEAVE_DAYS: u64 = 366;

/// Why a leave date cannot be right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveProblem {
    /// Before the person was born.
    BeforeBirth(NaiveDate),
    /// Before consent already recorded for the person: that consent would
    /// then have been given after leaving.
    BeforeConsent(NaiveDate),
    /// More than [`PLANNED_LEAVE_DAYS`] ahead; the latest date allowed.
    TooFarAhead(NaiveDate),
}

/// The rules for a leave date: not before birth, not before the last
/// consent event recorded, not more than a year ahead.
pub fn check_leave_date(leave: NaiveDate, birth: Option<NaiveDate>, last_consent: Option<NaiveDate>, today: NaiveDate) -> Result<(), LeaveProblem> {
    if let Some(birth) = birth.filter(|b| leave < *b) {
        return Err(LeaveProblem::BeforeBirth(birth));
    }
    if let Some(last) = last_consent.filter(|l| leave < *l) {
        return Err(LeaveProblem::BeforeConsent(last));
    }
    let latest = today + chrono::Days::new(PLANNED_LEAVE_DAYS);
    if leave > latest {
        return Err(LeaveProblem::TooFarAhead(latest));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_loosely() {
        assert_eq!(normalise_name("  Els   JANSEN "), normalise_name("els jansen"));
    }

    #[test]
    fn leave_dates_follow_birth_and_consent_and_are_at_most_a_year_ahead() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let today = d("2026-11-30");
        let (birth, consent) = (Some(d("2018-03-01")), Some(d("2026-09-01")));
        assert_eq!(check_leave_date(d("2026-10-01"), birth, consent, today), Ok(()));
        assert_eq!(check_leave_date(d("2027-07-31"), birth, consent, today), Ok(()), "planned: end of the school year");
        assert_eq!(check_leave_date(d("2026-09-01"), birth, consent, today), Ok(()), "the day of the last consent");
        assert_eq!(check_leave_date(d("2026-08-31"), birth, consent, today), Err(LeaveProblem::BeforeConsent(d("2026-09-01"))));
        assert_eq!(check_leave_date(d("2017-01-01"), birth, None, today), Err(LeaveProblem::BeforeBirth(d("2018-03-01"))));
        assert_eq!(check_leave_date(d("2028-01-01"), birth, None, today), Err(LeaveProblem::TooFarAhead(d("2027-12-01"))));
    }

    #[test]
    fn kinds_in_both_languages() {
        assert_eq!(PersonKind::parse("Leerling"), Some(PersonKind::Child));
        assert_eq!(PersonKind::parse("personeel"), Some(PersonKind::Staff));
        assert_eq!(PersonKind::parse("hond"), None);
    }
}
