//! What the home screen ("Vandaag") lists that no other screen keeps.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A form handed out to someone still present, with no answer to it
/// recorded on or after the day it went out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormOut {
    pub person: i64,
    pub name: String,
    pub form: i64,
    pub form_name: String,
    pub handed_out_on: NaiveDate,
}

/// A withdrawal a teacher registered for the office to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct WithdrawalToConfirm {
    pub event: i64,
    pub person: i64,
    pub name: String,
    pub given_on: NaiveDate,
    pub given_by: String,
    /// The teacher's user name.
    pub teacher: String,
    /// `type/channel/purpose` of each item withdrawn.
    pub items: Vec<String>,
}
