//! The organisation: who it is, which rules apply to it.

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Organisation {
    pub name: String,
    pub jurisdiction: Jurisdiction,
    /// From this age on a person consents for themselves.
    pub consent_age: u8,
    pub school_year_start: MonthDay,
    /// Minutes without input after which the window locks.
    pub idle_lock_minutes: u16,
}

/// Minutes the window may stay open without input: at least one, at most four hours.
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u16> = 1..=240;
pub const IDLE_LOCK_DEFAULT: u16 = 10;

/// Ages outside this range are not a policy any guidance supports.
pub const CONSENT_AGE_RANGE: std::ops::RangeInclusive<u8> = 12..=18;
