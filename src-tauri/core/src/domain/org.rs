//! The organisation: who it is, which rules apply to it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::MonthDay;

/// Where the organisation is; decides defaults such as the consent age.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub enum Jurisdiction {
    #[serde(rename = "nl")]
    Nl,
    #[serde(rename = "be-vl")]
    BeVl,
}

impl Jurisdiction {
    pub fn parse(s: &str) -> Option<Jurisdiction> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Jurisdiction::Nl),
            "be-vl" => Some(Jurisdiction::BeVl),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::Nl => "nl",
            Jurisdiction::BeVl => "be-vl",
        }
    }

    /// The Netherlands: the age of digital consent is 16 (UAVG art. 5).
    /// Flanders: schools commonly let pupils decide from 12.
    pub fn default_consent_age(self) -> u8 {
        match self {
            Jurisdiction::Nl => 16,
            Jurisdiction::BeVl => 12,
        }
    }
}

/// Backups the window keeps in the backup folder, unless the administrator chose otherwise:
/// two weeks of daily backups.
pub const BACKUP_KEEP_DEFAULT: u16 = 14;
pub const BACKUP_KEEP_RANGE: std::ops::RangeInclusive<u16> = 1..=365;
/// After this many days without a backup the window warns.
pub const BACKUP_STALE_DAYS: i64 = 7;
/// A "yes" that ends within this many days is announced, unless the
/// administrator chose otherwise: a month, enough to hand out and collect a form.
pub const EXPIRY_WARNING_DEFAULT: u16 = 30;
pub const EXPIRY_WARNING_RANGE: std::ops::RangeInclusive<u16> = 1..=365;

fn expiry_warning_default() -> u16 {
    EXPIRY_WARNING_DEFAULT
}

/// Where the window's daily backup goes (a USB disk, a network share) and how many it keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BackupSettings {
    pub folder: Option<String>,
    pub keep: u16,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Organisation {
    pub name: String,
    pub jurisdiction: Jurisdiction,
    /// From this age on a person consents for themselves.
    pub consent_age: u8,
    pub school_year_start: MonthDay,
    /// Minutes without input after which the window locks.
    pub idle_lock_minutes: u16,
    /// How long a guardian's answer keeps counting once a child decides for themselves.
    pub guardian_consent: GuardianConsent,
    /// How many guardians sign a "yes" before it can be recorded.
    #[serde(default)]
    pub signatures_for_yes: SignaturesForYes,
    /// From the day after someone's leave date every "yes" of theirs counts
    /// as ended (default on); off, the terms of the forms run on.
    #[serde(default = "on")]
    pub leaving_ends_consent: bool,
    /// How many days ahead a "yes" that ends is announced (home screen,
    /// re-consent round).
    #[serde(default = "expiry_warning_default")]
    pub expiry_warning_days: u16,
    /// Earlier changes of `consent_age`, oldest first; each counts from its
    /// day. Read from the store; what a caller sends here is ignored.
    #[serde(default)]
    pub consent_age_changes: Vec<ConsentAgeChange>,
}

/// The age of own consent changed on `from` (to `age`, from `previous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentAgeChange {
    pub from: NaiveDate,
    pub age: u8,
    pub previous: u8,
}

impl Organisation {
    /// The age of own consent in force on `date`: a change counts from its
    /// day on, so an earlier day keeps the age it had.
    pub fn consent_age_on(&self, date: NaiveDate) -> u8 {
        self.consent_age_changes.iter().find(|c| c.from > date).map_or(self.consent_age, |c| c.previous)
    }

    /// The ages in force, as (first day, age) from the earliest; the first
    /// has no first day.
    pub fn consent_age_periods(&self) -> Vec<(Option<NaiveDate>, u8)> {
        let first = self.consent_age_changes.first().map_or(self.consent_age, |c| c.previous);
        std::iter::once((None, first)).chain(self.consent_age_changes.iter().map(|c| (Some(c.from), c.age))).collect()
    }
}

/// DESIGN rule 3: from the age of own consent the child decides. What a
/// guardian said before keeps counting only as the organisation chooses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum GuardianConsent {
    /// Until the end of the school year in which the birthday falls (the
    /// default: if in doubt, the child's own word, and a year to ask it).
    #[default]
    UntilSchoolYearEnd,
    /// Until the person's own answer is recorded.
    UntilOwnAnswer,
}

impl GuardianConsent {
    pub fn as_str(self) -> &'static str {
        match self {
            GuardianConsent::UntilSchoolYearEnd => "until-school-year-end",
            GuardianConsent::UntilOwnAnswer => "until-own-answer",
        }
    }
    pub fn parse(s: &str) -> Option<GuardianConsent> {
        match s.trim() {
            "until-school-year-end" => Some(GuardianConsent::UntilSchoolYearEnd),
            "until-own-answer" => Some(GuardianConsent::UntilOwnAnswer),
            _ => None,
        }
    }
}

fn on() -> bool {
    true
}

/// How many of a child's guardians sign a "yes". Withdrawing always
/// needs one: it must be as easy as giving (GDPR art. 7(3)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum SignaturesForYes {
    /// One guardian's signature suffices (the default: Dutch and Flemish
    /// guidance let one parent act for both in everyday matters).
    #[default]
    One,
    /// Both guardians sign where two are linked; with one linked, theirs.
    Both,
}

impl SignaturesForYes {
    pub fn as_str(self) -> &'static str {
        match self {
            SignaturesForYes::One => "one",
            SignaturesForYes::Both => "both",
        }
    }
    pub fn parse(s: &str) -> Option<SignaturesForYes> {
        match s.trim() {
            "one" => Some(SignaturesForYes::One),
            "both" => Some(SignaturesForYes::Both),
            _ => None,
        }
    }
}

/// Minutes the window may stay open without input: at least one, at most four hours.
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u16> = 1..=240;
pub const IDLE_LOCK_DEFAULT: u16 = 10;

/// Ages outside this range are not a policy any guidance supports.
pub const CONSENT_AGE_RANGE: std::ops::RangeInclusive<u8> = 12..=18;
