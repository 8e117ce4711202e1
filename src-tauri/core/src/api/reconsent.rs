//! The re-consent round: at the start of a school year (or any date), who
//! has to be asked again, and why.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{filter_group, Beeldakkoord};
use crate::auth::{Action, Session};
use crate::decision::effective::Leaving;
use crate::decision::effective_consent;
use crate::decision::reconsent::{reasons, AnsweredForm, PersonFacts};
use crate::domain::consent::{guardian_counts_until, who_decides, EventKind, GivenByRole};
use crate::domain::dates::check_range;
use crate::domain::form::{Audience, FormVersion};
use crate::domain::person::PersonKind;
use crate::error::Result;
use crate::store;

pub use crate::decision::reconsent::{ReconsentLine, ReconsentReason};

impl Beeldakkoord {
    /// Everyone present on `at` (today when left out), in `group` or all
    /// groups, who should be asked again, one line per reason, by group and name.
    pub fn reconsent(&self, s: &Session, at: Option<NaiveDate>, group: Option<&str>) -> Result<Vec<ReconsentLine>> {
        self.allow(s, Action::Reconsent)?;
        let org = self.organisation()?;
        let at = check_range(at.unwrap_or_else(|| self.today()))?;
        self.store.read(|c| {
            let group = filter_group(c, group)?;
            let q = store::people::PeopleQuery { group, search: None, include_left: false, on: at, scope: None };
            // Facts shared by everyone on the list, read once per round.
            let terms = store::forms::terms(c)?;
            let active = store::forms::active_latest(c)?;
            // What the forms in use ask of children, and of staff.
            let items_for = |audience: Audience| -> Vec<String> {
                active.iter().filter(|f| f.content.audience == audience).flat_map(|f| f.content.items.iter().map(|i| i.to_string())).collect()
            };
            let (children_items, staff_items) = (items_for(Audience::Children), items_for(Audience::Staff));
            let first_form = |audience: Audience| active.iter().find(|f| f.content.audience == audience).map(|f| f.form);
            let mut versions = FormItems::default();
            let mut out = Vec::new();
            for summary in store::people::list(c, &q)? {
                let Some(person) = store::people::person(c, summary.id)? else {
                    continue;
                };
                let history = store::consent::history(c, person.id)?;
                // The version last answered per form, and what it and the newest version ask.
                let mut latest: BTreeMap<i64, i64> = BTreeMap::new();
                for e in history.iter().filter(|e| e.kind == EventKind::Record && e.voided_by.is_none()) {
                    if let (Some(form), Some(v)) = (e.form_id, e.form_version_id) {
                        latest.insert(form, v);
                    }
                }
                let mut answered = Vec::new();
                for (form, version) in &latest {
                    answered.push(AnsweredForm { form: *form, answered: versions.of_version(c, *version)?, newest: versions.newest(c, *form)? });
                }
                let active_items = if Audience::of(person.kind) == Audience::Staff { &staff_items } else { &children_items };
                let mut asked: Vec<String> = active_items.iter().chain(answered.iter().flat_map(|f| f.answered.iter())).cloned().collect();
                asked.sort();
                asked.dedup();
                let status = effective_consent(
                    &history,
                    &terms,
                    org.school_year_start,
                    Leaving::of(&person, &org),
                    guardian_counts_until(&person, &org, at),
                    at,
                    &asked,
                );
                let decides_self = person.kind == PersonKind::Child && who_decides(&person, at, org.consent_age_on(at)) == Some(GivenByRole::SelfPerson);
                let facts = PersonFacts {
                    history: &history,
                    status: &status,
                    decides_self,
                    answered: &answered,
                    first_form: first_form(Audience::of(person.kind)),
                    warning_days: org.expiry_warning_days,
                };
                for r in reasons(&facts, at) {
                    out.push(ReconsentLine {
                        person: person.id,
                        name: person.name.clone(),
                        groups: summary.groups.clone(),
                        reason: r.reason,
                        items: r.items,
                        form: r.form,
                    });
                }
            }
            out.sort_by(|a, b| {
                (a.groups.first(), a.name.to_lowercase(), a.person, a.reason).cmp(&(b.groups.first(), b.name.to_lowercase(), b.person, b.reason))
            });
            Ok(out)
        })
    }
}

/// The items of form versions, each read once per round.
#[derive(Default)]
struct FormItems {
    by_version: std::collections::HashMap<i64, Vec<String>>,
    newest: std::collections::HashMap<i64, Vec<String>>,
}

impl FormItems {
    fn of_version(&mut self, c: &rusqlite::Connection, version: i64) -> Result<Vec<String>> {
        cached(&mut self.by_version, version, || store::forms::version_by_id(c, version))
    }

    fn newest(&mut self, c: &rusqlite::Connection, form: i64) -> Result<Vec<String>> {
        cached(&mut self.newest, form, || store::forms::version(c, form, None))
    }
}

/// The items of the form version `load` reads, read once per key.
fn cached(
    map: &mut std::collections::HashMap<i64, Vec<String>>,
    key: i64,
    load: impl FnOnce() -> Result<Option<FormVersion>, store::StoreError>,
) -> Result<Vec<String>> {
    if let Some(items) = map.get(&key) {
        return Ok(items.clone());
    }
    let items: Vec<String> = load()?.map(|f| f.content.items.iter().map(|i| i.to_string()).collect()).unwrap_or_default();
    map.insert(key, items.clone());
    Ok(items)
}
