//! Retention terms (DESIGN rule 9) and what a retention run removes.
//!
//! The defaults, and why:
//! - **Consent history: 5 years after leaving**, and only once the exit
//!   dossier was printed (or an administrator skipped it, logged). Consent
//!   must be provable after a child has left (source 000: the accountability
//!   duty of the GDPR); a claim for damages in the Netherlands lapses five
//!   years after the injured party learnt of it (art. 3:310 BW), so five years
//!   covers a complaint about anything published up to leaving. After that
//!   the printed dossier in the child's file is the proof.
//! - **Tags and photos never published: 1 year after leaving.** A leaver's
//!   photos may no longer be used (their consent ends with leaving), so tags
//!   only serve the year-end look-back and a parent's request for the photos;
//!   one school year covers both.
//! - **Photos on which nobody is named and that were never published: 2
//!   years after the photo's date** (the import date when it has none): the
//!   school year it was taken and the next, long enough to tag and use it.
//!
//! Photos that were ever published stay (with their publications: the
//! evidence of what was checked); a leaver's tag on them becomes an unnamed
//! box when their consent data goes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::person::PersonKind;

pub const PHOTOS_YEARS_DEFAULT: u8 = 1;
pub const CONSENT_YEARS_DEFAULT: u8 = 5;
pub const UNTAGGED_YEARS_DEFAULT: u8 = 2;
/// Every term is between one and thirty years.
pub const YEARS_RANGE: std::ops::RangeInclusive<u8> = 1..=30;

/// The organisation's retention terms, in whole years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RetentionSettings {
    /// A leaver's tags, and photos never published that show no one else
    /// still kept, go this many years after the leave date.
    pub photos_years: u8,
    /// A leaver's consent history and record go this many years after the
    /// leave date (never before the exit dossier was printed or skipped).
    pub consent_years: u8,
    /// Photos on which nobody is named and that were never published go
    /// this many years after the photo's date.
    pub untagged_years: u8,
}

impl Default for RetentionSettings {
    fn default() -> Self {
        RetentionSettings { photos_years: PHOTOS_YEARS_DEFAULT, consent_years: CONSENT_YEARS_DEFAULT, untagged_years: UNTAGGED_YEARS_DEFAULT }
    }
}

/// Which term a removal follows; its key is what the audit trail records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RetentionRule {
    /// A leaver's tags and photos never published.
    LeaverPhotos,
    /// A leaver's consent history and record.
    LeaverConsent,
    /// Photos on which nobody is named, never published.
    UntaggedPhotos,
}

impl RetentionRule {
    pub fn key(self) -> &'static str {
        match self {
            RetentionRule::LeaverPhotos => "leaver_photos",
            RetentionRule::LeaverConsent => "leaver_consent",
            RetentionRule::UntaggedPhotos => "untagged_photos",
        }
    }
}

/// Why a leaver whose consent term is over keeps their consent data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Hold {
    /// Photos of them are still online: their consent is still the proof.
    PublicationOnline { publications: Vec<i64> },
    /// Their exit dossier was never printed (and no administrator skipped it).
    DossierNotPrinted,
}

/// How many rows and files of each kind one removal takes away.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Removed {
    pub consent_events: u32,
    pub consent_answers: u32,
    /// Scans of signed forms and drawn signatures kept with the events.
    pub scans: u32,
    pub tags: u32,
    /// Tags on photos that stay, turned into boxes around someone not
    /// identified (the verdict keeps saying someone unknown is on it).
    pub tags_unnamed: u32,
    pub photos: u32,
    pub memberships: u32,
    pub guardians: u32,
    pub person: bool,
}

impl Removed {
    pub fn is_empty(&self) -> bool {
        *self == Removed::default()
    }

    pub fn add(&mut self, o: &Removed) {
        self.consent_events += o.consent_events;
        self.consent_answers += o.consent_answers;
        self.scans += o.scans;
        self.tags += o.tags;
        self.tags_unnamed += o.tags_unnamed;
        self.photos += o.photos;
        self.memberships += o.memberships;
        self.guardians += o.guardians;
        self.person |= o.person;
    }
}

/// One leaver in a retention run: what goes (or would go) and what stays.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LeaverRemoval {
    pub person: i64,
    /// Shown to the administrator on screen; never written to the audit trail.
    pub name: String,
    pub kind: PersonKind,
    pub leave_date: NaiveDate,
    /// The rules whose term is over for them.
    pub rules: Vec<RetentionRule>,
    pub removed: Removed,
    /// Set when the consent term is over but their consent data stays.
    pub hold: Option<Hold>,
    /// The photos removed with them (never published, no one else named).
    pub photos: Vec<i64>,
}

/// A photo removed because nobody is named on it and it was never published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct UntaggedPhoto {
    pub photo: i64,
    pub name: String,
    /// The photo's date, or the day it was imported when it has none.
    pub date: NaiveDate,
}

/// What a retention run removed, or with `dry_run`, would remove: exactly,
/// because a dry run does the same work and rolls it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RetentionReport {
    pub date: NaiveDate,
    pub dry_run: bool,
    pub settings: RetentionSettings,
    pub leavers: Vec<LeaverRemoval>,
    pub untagged: Vec<UntaggedPhoto>,
    pub total: Removed,
    /// Persons whose record went, in all.
    pub persons: u32,
}

/// A person whose data a retention run removed: what is left of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PurgedPerson {
    pub person: i64,
    pub kind: PersonKind,
    pub purged_on: NaiveDate,
    pub rule: String,
}

/// What the administrator's reminder says: what a run would remove today,
/// the leavers whose consent waits for their dossier, and the last run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RetentionDue {
    pub persons: u32,
    pub photos: u32,
    pub tags_unnamed: u32,
    /// Leavers past the consent term whose exit dossier was never printed.
    pub dossiers_missing: u32,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub last_run: Option<String>,
}
