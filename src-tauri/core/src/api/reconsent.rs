//! The re-consent round: at the start of a school year (or any date), who
//! has to be asked again, and why.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{filter_group, Beeldakkoord};
use crate::auth::Session;
use crate::decision::{effective_consent, own_confirmation_needed, Status};
use crate::domain::consent::{who_decides, EventKind, GivenByRole};
use crate::domain::dates::check_range;
use crate::domain::person::PersonKind;
use crate::error::Result;
use crate::i18n::Lang;
use crate::store;

/// How many days ahead an ending "yes" counts as "expiring".
pub const EXPIRING_WITHIN_DAYS: u64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum ReconsentReason {
    /// A "yes" has ended (its term is over).
    Expired,
    /// A "yes" ends within [`EXPIRING_WITHIN_DAYS`] days.
    Expiring,
    /// Never answered any form.
    NeverAsked,
    /// Decides alone now, but what holds was given by a guardian.
    OwnConsentAge,
    /// Answered a form version that a newer version extends with new uses.
    NewUses,
}

impl ReconsentReason {
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            ReconsentReason::Expired => lang.pick("toestemming is verlopen", "consent has expired"),
            ReconsentReason::Expiring => lang.pick("toestemming loopt binnenkort af", "consent ends soon"),
            ReconsentReason::NeverAsked => lang.pick("heeft nooit een formulier ingevuld", "never answered a form"),
            ReconsentReason::OwnConsentAge => {
                lang.pick("beslist nu zelf; de toestemming kwam van een ouder/voogd", "decides alone now; consent came from a guardian")
            }
            ReconsentReason::NewUses => lang.pick("een nieuwere formulierversie vraagt om nieuwe toepassingen", "a newer form version asks about new uses"),
        }
    }
}

/// One reason to ask one person again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReconsentLine {
    pub person: i64,
    pub name: String,
    pub groups: Vec<String>,
    pub reason: ReconsentReason,
    /// The items concerned (`type/channel/purpose`), where the reason has items.
    pub items: Vec<String>,
    /// The form to send, where one is known.
    pub form: Option<i64>,
}

impl Beeldakkoord {
    /// Everyone present on `at` (today when left out), in `group` or all
    /// groups, who should be asked again, one line per reason, by group and name.
    pub fn reconsent(&self, _s: &Session, at: Option<NaiveDate>, group: Option<&str>) -> Result<Vec<ReconsentLine>> {
        let org = self.organisation()?;
        let at = check_range(at.unwrap_or_else(|| self.today()))?;
        let soon = at + chrono::Days::new(EXPIRING_WITHIN_DAYS);
        self.store.read(|c| {
            let group = filter_group(c, group)?;
            let q = store::people::PeopleQuery { group, search: None, include_left: false, on: at };
            let terms = store::forms::terms(c)?;
            let active = store::forms::active_latest(c)?;
            let mut out = Vec::new();
            for summary in store::people::list(c, &q)? {
                let Some(person) = store::people::person(c, summary.id)? else {
                    continue;
                };
                let history = store::consent::history(c, person.id)?;
                let records: Vec<_> = history.iter().filter(|e| e.kind == EventKind::Record && e.voided_by.is_none()).collect();
                let line = |reason, items: Vec<String>, form| ReconsentLine {
                    person: person.id,
                    name: person.name.clone(),
                    groups: summary.groups.clone(),
                    reason,
                    items,
                    form,
                };
                if records.is_empty() {
                    out.push(line(ReconsentReason::NeverAsked, Vec::new(), active.first().map(|f| f.form)));
                    continue;
                }
                // The latest answer per form, and the items each version asked.
                let mut latest: BTreeMap<i64, i64> = BTreeMap::new();
                for e in &records {
                    if let (Some(form), Some(v)) = (e.form_id, e.form_version_id) {
                        latest.insert(form, v);
                    }
                }
                let mut asked: Vec<String> = active.iter().flat_map(|f| f.content.items.iter().map(|i| i.to_string())).collect();
                for v in latest.values() {
                    if let Some(f) = store::forms::version_by_id(c, *v)? {
                        asked.extend(f.content.items.iter().map(|i| i.to_string()));
                    }
                }
                asked.sort();
                asked.dedup();
                let status = effective_consent(&history, &terms, org.school_year_start, person.leave_date, at, &asked);
                let form_of = |item: &str| status.iter().find(|s| s.item == item).and_then(|s| s.form);

                let expired: Vec<String> = status.iter().filter(|s| s.status == Status::Expired).map(|s| s.item.clone()).collect();
                if !expired.is_empty() {
                    let form = form_of(&expired[0]);
                    out.push(line(ReconsentReason::Expired, expired, form));
                }
                let expiring: Vec<String> = status
                    .iter()
                    .filter(|s| s.status == Status::Granted && s.valid_until.is_some_and(|u| u >= at && u < soon))
                    .map(|s| s.item.clone())
                    .collect();
                if !expiring.is_empty() {
                    let form = form_of(&expiring[0]);
                    out.push(line(ReconsentReason::Expiring, expiring, form));
                }
                let decides_self = person.kind == PersonKind::Child && who_decides(&person, at, org.consent_age) == Some(GivenByRole::SelfPerson);
                if own_confirmation_needed(&status, &history, decides_self) {
                    let items: Vec<String> = status
                        .iter()
                        .filter(|s| s.status == Status::Granted && history.iter().any(|e| Some(e.id) == s.record && e.given_by_role == GivenByRole::Guardian))
                        .map(|s| s.item.clone())
                        .collect();
                    let form = items.first().and_then(|i| form_of(i));
                    out.push(line(ReconsentReason::OwnConsentAge, items, form));
                }
                // A change of use needs new consent: items the newest version asks that the answered one did not.
                for (form, answered) in &latest {
                    let (Some(old), Some(new)) = (store::forms::version_by_id(c, *answered)?, store::forms::version(c, *form, None)?) else {
                        continue;
                    };
                    if new.version_id == old.version_id {
                        continue;
                    }
                    let added: Vec<String> = new.content.items.iter().filter(|i| !old.content.items.contains(i)).map(|i| i.to_string()).collect();
                    if !added.is_empty() {
                        out.push(line(ReconsentReason::NewUses, added, Some(*form)));
                    }
                }
            }
            out.sort_by(|a, b| {
                (a.groups.first(), a.name.to_lowercase(), a.person, a.reason).cmp(&(b.groups.first(), b.name.to_lowercase(), b.person, b.reason))
            });
            Ok(out)
        })
    }
}
