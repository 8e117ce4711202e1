//! Who has to be asked for consent again, and why: a pure function over
//! the facts the API gathers once per round.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{own_confirmation_items, own_confirmation_needed, ItemStatus, Status};
use crate::domain::consent::{ConsentEvent, EventKind};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum ReconsentReason {
    /// A "yes" has ended (its term is over).
    Expired,
    /// A "yes" ends within the organisation's warning period (30 days unless set).
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

/// A form the person answered: the items of the version they last
/// answered, and of the form's newest version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnsweredForm {
    pub form: i64,
    pub answered: Vec<String>,
    pub newest: Vec<String>,
}

/// What the round needs to know about one person on the date.
pub struct PersonFacts<'a> {
    pub history: &'a [ConsentEvent],
    /// What holds on the date, over every item asked of them.
    pub status: &'a [ItemStatus],
    /// A child who now decides alone (from the age of own consent).
    pub decides_self: bool,
    pub answered: &'a [AnsweredForm],
    /// The form to send someone who never answered one.
    pub first_form: Option<i64>,
    /// A "yes" ending within this many days is "expiring".
    pub warning_days: u16,
}

/// One reason to ask again: the items concerned and the form to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub reason: ReconsentReason,
    pub items: Vec<String>,
    pub form: Option<i64>,
}

/// Every reason to ask this person again on `at`, in the order of
/// [`ReconsentReason`].
pub fn reasons(p: &PersonFacts, at: NaiveDate) -> Vec<Reason> {
    let answered_any = p.history.iter().any(|e| e.kind == EventKind::Record && e.voided_by.is_none());
    if !answered_any {
        return vec![Reason { reason: ReconsentReason::NeverAsked, items: Vec::new(), form: p.first_form }];
    }
    let soon = at + chrono::Days::new(u64::from(p.warning_days));
    let form_of = |item: &str| p.status.iter().find(|s| s.item == item).and_then(|s| s.form);
    let reason = |reason, items: Vec<String>| {
        let form = items.first().and_then(|i| form_of(i));
        Reason { reason, items, form }
    };
    let mut out = Vec::new();
    let expired: Vec<String> = p.status.iter().filter(|s| s.status == Status::Expired).map(|s| s.item.clone()).collect();
    if !expired.is_empty() {
        out.push(reason(ReconsentReason::Expired, expired));
    }
    let expiring: Vec<String> =
        p.status.iter().filter(|s| s.status == Status::Granted && s.valid_until.is_some_and(|u| u >= at && u < soon)).map(|s| s.item.clone()).collect();
    if !expiring.is_empty() {
        out.push(reason(ReconsentReason::Expiring, expiring));
    }
    if own_confirmation_needed(p.status, p.history, p.decides_self) {
        let from_guardian: Vec<String> = own_confirmation_items(p.status, p.history, p.decides_self).map(|s| s.item.clone()).collect();
        out.push(reason(ReconsentReason::OwnConsentAge, from_guardian));
    }
    // A change of use needs new consent: items the newest version asks that the answered one did not.
    for f in p.answered {
        let added: Vec<String> = f.newest.iter().filter(|i| !f.answered.contains(i)).cloned().collect();
        if !added.is_empty() {
            out.push(Reason { reason: ReconsentReason::NewUses, items: added, form: Some(f.form) });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::fixtures::{d, event};
    use crate::domain::consent::{Answer, GivenByRole};

    fn status(item: &str, st: Status, until: Option<&str>, record: Option<i64>) -> ItemStatus {
        ItemStatus {
            item: item.into(),
            status: st,
            record,
            form: record.map(|_| 1),
            form_version: record.map(|_| 1),
            valid_until: until.map(d),
            since: None,
            own_answer_needed: false,
            left_on: None,
        }
    }

    fn recorded(id: i64, role: GivenByRole) -> ConsentEvent {
        let mut e = event(id, EventKind::Record, "2025-09-01", &[("a/b/c", Answer::Yes)]);
        e.given_by_role = role;
        e
    }

    /// Table: facts in, reasons out.
    #[test]
    fn reasons_for_each_situation() {
        let at = d("2026-09-01");
        let guardian = [recorded(1, GivenByRole::Guardian)];
        let own = [recorded(1, GivenByRole::SelfPerson)];
        let none: [AnsweredForm; 0] = [];
        let new_items = [AnsweredForm { form: 1, answered: vec!["a/b/c".into()], newest: vec!["a/b/c".into(), "a/b/d".into()] }];
        type Row<'a> = (&'a str, &'a [ConsentEvent], Vec<ItemStatus>, bool, &'a [AnsweredForm], Vec<(ReconsentReason, Vec<&'a str>)>);
        let rows: Vec<Row> = vec![
            ("never answered", &[], vec![], false, &none, vec![(ReconsentReason::NeverAsked, vec![])]),
            ("all fine", &own, vec![status("a/b/c", Status::Granted, Some("2027-07-31"), Some(1))], false, &none, vec![]),
            (
                "a yes has ended",
                &own,
                vec![status("a/b/c", Status::Expired, Some("2026-07-31"), Some(1))],
                false,
                &none,
                vec![(ReconsentReason::Expired, vec!["a/b/c"])],
            ),
            (
                "a yes ends within 30 days",
                &own,
                vec![status("a/b/c", Status::Granted, Some("2026-09-30"), Some(1)), status("a/b/d", Status::Granted, Some("2026-10-01"), Some(1))],
                false,
                &none,
                vec![(ReconsentReason::Expiring, vec!["a/b/c"])],
            ),
            (
                "decides alone now, a guardian said yes",
                &guardian,
                vec![status("a/b/c", Status::Granted, Some("2027-07-31"), Some(1))],
                true,
                &none,
                vec![(ReconsentReason::OwnConsentAge, vec!["a/b/c"])],
            ),
            ("a guardian said yes, the child does not decide yet", &guardian, vec![status("a/b/c", Status::Granted, None, Some(1))], false, &none, vec![]),
            (
                "a newer version asks more",
                &own,
                vec![status("a/b/c", Status::Granted, None, Some(1))],
                false,
                &new_items,
                vec![(ReconsentReason::NewUses, vec!["a/b/d"])],
            ),
            (
                "several at once, in order",
                &guardian,
                vec![status("a/b/c", Status::Expired, None, Some(1)), status("a/b/e", Status::Granted, Some("2026-09-10"), Some(1))],
                true,
                &new_items,
                vec![
                    (ReconsentReason::Expired, vec!["a/b/c"]),
                    (ReconsentReason::Expiring, vec!["a/b/e"]),
                    (ReconsentReason::OwnConsentAge, vec!["a/b/e"]),
                    (ReconsentReason::NewUses, vec!["a/b/d"]),
                ],
            ),
        ];
        for (what, history, status, decides_self, answered, want) in rows {
            let facts = PersonFacts { history, status: &status, decides_self, answered, first_form: Some(1), warning_days: 30 };
            let got: Vec<(ReconsentReason, Vec<String>)> = reasons(&facts, at).into_iter().map(|r| (r.reason, r.items)).collect();
            let want: Vec<(ReconsentReason, Vec<String>)> = want.into_iter().map(|(r, i)| (r, i.into_iter().map(String::from).collect())).collect();
            assert_eq!(got, want, "{what}");
        }
    }

    #[test]
    fn a_voided_form_counts_as_never_answered() {
        let mut e = recorded(1, GivenByRole::Guardian);
        e.voided_by = Some(2);
        let facts = PersonFacts { history: &[e], status: &[], decides_self: false, answered: &[], first_form: Some(7), warning_days: 30 };
        assert_eq!(reasons(&facts, d("2026-09-01")), vec![Reason { reason: ReconsentReason::NeverAsked, items: vec![], form: Some(7) }]);
    }

    /// The organisation's warning period decides what counts as "expiring".
    #[test]
    fn expiring_follows_the_warning_period() {
        let own = [recorded(1, GivenByRole::SelfPerson)];
        let status = [status("a/b/c", Status::Granted, Some("2026-09-07"), Some(1)), status("a/b/d", Status::Granted, Some("2026-10-20"), Some(1))];
        let expiring = |warning_days| {
            let facts = PersonFacts { history: &own, status: &status, decides_self: false, answered: &[], first_form: None, warning_days };
            reasons(&facts, d("2026-09-01")).into_iter().filter(|r| r.reason == ReconsentReason::Expiring).flat_map(|r| r.items).collect::<Vec<_>>()
        };
        assert_eq!(expiring(7), vec!["a/b/c"], "last day in the sixth day from now: inside a week");
        assert!(expiring(6).is_empty(), "not inside six days");
        assert_eq!(expiring(30), vec!["a/b/c"]);
        assert_eq!(expiring(60), vec!["a/b/c", "a/b/d"]);
    }
}
