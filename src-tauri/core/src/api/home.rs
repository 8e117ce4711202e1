//! The home screen ("Vandaag"): what needs attention today, each figure a
//! query of its own, only what the signed-in role may act on.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{BackupStatus, Beeldakkoord, PhotoFilter, ReconsentReason};
use crate::auth::{Action, AuthError, Session};
use crate::domain::consent::{own_consent_from, ConsentError};
pub use crate::domain::home::{FormOut, WithdrawalToConfirm};
use crate::domain::person::PersonKind;
use crate::error::{Error, Result};
use crate::store;
use crate::store::home::WITHDRAWAL_CONFIRMED;

/// A person the home screen names, with the day that matters for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonDue {
    pub person: i64,
    pub name: String,
    pub groups: Vec<String>,
    /// Their leave date, or the day they decide for themselves.
    pub on: Option<NaiveDate>,
}

/// What needs attention on `on`. A list or figure is `None` where the
/// signed-in role cannot act on it (a teacher sees photo work only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Overview {
    pub on: NaiveDate,
    pub forms_out: Option<Vec<FormOut>>,
    pub withdrawals: Option<Vec<WithdrawalToConfirm>>,
    /// Publications that must come down.
    pub takedown: Option<u32>,
    /// Photos without a type, without anyone tagged, or with faces to review.
    pub unchecked_photos: Option<u32>,
    pub leavers_without_dossier: Option<Vec<PersonDue>>,
    /// Children who reach the age of own consent in this calendar month.
    pub own_consent_this_month: Option<Vec<PersonDue>>,
    /// People with a "yes" that ends within `warning_days`.
    pub expiring: Option<Vec<PersonDue>>,
    pub warning_days: u16,
    pub backup: Option<BackupStatus>,
}

impl Beeldakkoord {
    /// Everything the home screen shows, for the signed-in user.
    pub fn overview(&self, s: &Session) -> Result<Overview> {
        self.allow(s, Action::Overview)?;
        let on = self.today();
        let org = self.organisation()?;
        let forms_out = self.when_allowed(s, Action::Reconsent, || Ok(self.store.read(|c| store::home::outstanding(c, on))?))?;
        let withdrawals = self.when_allowed(s, Action::ConfirmWithdrawal, || Ok(self.store.read(store::home::withdrawals_to_confirm)?))?;
        let takedown = self.when_allowed(s, Action::TakedownList, || Ok(count(self.takedown_list(s, None)?.len())))?;
        let unchecked_photos =
            self.when_allowed(s, Action::Photos, || Ok(self.photos(s, &PhotoFilter { unchecked: true, limit: 1, ..PhotoFilter::default() })?.total))?;
        let leavers_without_dossier = self.when_allowed(s, Action::Leavers, || {
            self.store.read(|c| {
                let mut out = Vec::new();
                for l in store::retention::leavers(c, on)?.into_iter().filter(|l| !l.dossier_printed && !l.dossier_skipped) {
                    out.push(PersonDue { person: l.id, groups: groups_of(c, l.id)?, name: l.name, on: Some(l.leave_date) });
                }
                Ok(out)
            })
        })?;
        let own_consent_this_month = self.when_allowed(s, Action::Reconsent, || {
            let (first, last) = month_of(on);
            self.store.read(|c| {
                let q = store::people::PeopleQuery { group: None, search: None, include_left: false, on, scope: None };
                let mut out = Vec::new();
                for summary in store::people::list(c, &q)?.into_iter().filter(|p| p.kind == PersonKind::Child && p.birth_date.is_some()) {
                    let Some(person) = store::people::person(c, summary.id)? else { continue };
                    if let Some(day) = own_consent_from(&person, &org).filter(|d| (first..=last).contains(d)) {
                        out.push(PersonDue { person: summary.id, name: summary.name, groups: summary.groups, on: Some(day) });
                    }
                }
                out.sort_by_key(|p| p.on);
                Ok(out)
            })
        })?;
        let expiring = self.when_allowed(s, Action::Reconsent, || {
            let mut out: Vec<PersonDue> = Vec::new();
            for line in self.reconsent(s, Some(on), None)?.into_iter().filter(|l| l.reason == ReconsentReason::Expiring) {
                if !out.iter().any(|p| p.person == line.person) {
                    out.push(PersonDue { person: line.person, name: line.name, groups: line.groups, on: None });
                }
            }
            Ok(out)
        })?;
        let backup = self.when_allowed(s, Action::BackupStatus, || self.backup_status(s))?;
        Ok(Overview {
            on,
            forms_out,
            withdrawals,
            takedown,
            unchecked_photos,
            leavers_without_dossier,
            own_consent_this_month,
            expiring,
            warning_days: org.expiry_warning_days,
            backup,
        })
    }

    /// The office has seen a withdrawal a teacher registered: it leaves the
    /// home screen. The withdrawal itself counted from the moment it was
    /// entered; this only records who looked at it (in the audit trail).
    pub fn confirm_withdrawal(&self, s: &Session, event: i64) -> Result<()> {
        self.allow(s, Action::ConfirmWithdrawal)?;
        self.store.write(&s.actor(), |tx| {
            let waiting = store::home::withdrawals_to_confirm(tx.conn())?;
            let Some(w) = waiting.iter().find(|w| w.event == event) else {
                return Err(ConsentError::NothingToConfirm(event).into());
            };
            tx.audit(WITHDRAWAL_CONFIRMED, "consent_event", Some(event), json!({"person": w.person, "teacher": w.teacher}))?;
            Ok::<_, Error>(())
        })
    }

    /// `f()` when the role may do `action`, `None` when not; other errors pass.
    fn when_allowed<T>(&self, s: &Session, action: Action, f: impl FnOnce() -> Result<T>) -> Result<Option<T>> {
        match self.allow(s, action) {
            Ok(_) => f().map(Some),
            Err(Error::Auth(AuthError::Forbidden(_))) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The groups `person` is in today or was in last.
fn groups_of(c: &rusqlite::Connection, person: i64) -> Result<Vec<String>> {
    let Some(p) = store::people::person(c, person)? else { return Ok(Vec::new()) };
    let mut groups: Vec<String> = p.memberships.iter().map(|m| m.group.clone()).collect();
    groups.dedup();
    Ok(groups)
}

/// The first and last day of `on`'s month.
fn month_of(on: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = on.with_day(1).unwrap_or(on);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    (first, next.pred_opt().unwrap_or(first))
}

#[cfg(test)]
mod tests {
    use super::month_of;
    use chrono::NaiveDate;

    #[test]
    fn months_have_their_own_length() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(month_of(d("2026-02-14")), (d("2026-02-01"), d("2026-02-28")));
        assert_eq!(month_of(d("2028-02-29")), (d("2028-02-01"), d("2028-02-29")));
        assert_eq!(month_of(d("2026-12-31")), (d("2026-12-01"), d("2026-12-31")));
    }
}
