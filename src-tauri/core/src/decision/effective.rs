//! Effective consent at a date: per item granted, denied, withdrawn, expired
//! or never asked, with the event behind it.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::consent::{Answer, ConsentEvent, EventKind, GivenByRole};
use crate::domain::dates::MonthDay;
use crate::domain::form::Term;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Granted,
    Denied,
    Withdrawn,
    Expired,
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ItemStatus {
    /// `type/channel/purpose`
    pub item: String,
    pub status: Status,
    /// The event that decides the status (for a withdrawal: the withdrawal).
    pub record: Option<i64>,
    pub form: Option<i64>,
    pub form_version: Option<u32>,
    /// Last day a "yes" holds; `None` when it has no end yet or nothing was granted.
    pub valid_until: Option<NaiveDate>,
    /// When the deciding event happened.
    pub since: Option<NaiveDate>,
    /// A guardian's answer that stopped counting: the person decides for
    /// themselves now and has not answered yet (DESIGN rule 3). The status
    /// is then `None`; `record` still names the guardian's answer.
    #[serde(default)]
    pub own_answer_needed: bool,
    /// A "yes" that ended because the person left on this day (the
    /// organisation's setting); the status is then `Expired`.
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
}

/// When a person left, and whether leaving ends their consent (the
/// organisation's setting; the term of a form runs on otherwise).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Leaving {
    pub date: Option<NaiveDate>,
    pub ends_consent: bool,
}

impl Leaving {
    pub fn of(person: &crate::domain::person::Person, org: &crate::domain::org::Organisation) -> Leaving {
        Leaving { date: person.leave_date, ends_consent: org.leaving_ends_consent }
    }

    /// The last day a "yes" can hold because the person left.
    fn last_day(self) -> Option<NaiveDate> {
        self.date.filter(|_| self.ends_consent)
    }
}

struct Latest {
    answer: Answer,
    /// A record a guardian gave (not a withdrawal: that never lapses into anything looser).
    by_guardian: bool,
    record: i64,
    form: Option<i64>,
    form_version: Option<u32>,
    valid_until: Option<NaiveDate>,
    since: NaiveDate,
}

/// The consent that holds on `at`, per item.
///
/// `events` is the person's whole history in any order; only events dated on
/// or before `at` count, later-dated and then later-entered events win.
/// `terms` gives the term of each answered form version. `asked` lists items
/// to report even when never answered (the forms in use), in display order.
/// After `guardian_until` (see `domain::consent::guardian_counts_until`) an
/// answer a guardian recorded counts as none: the person's own is needed.
/// When leaving ends consent, every "yes" ends on the leave date at the
/// latest (reported as expired, with `left_on`).
pub fn effective_consent(
    events: &[ConsentEvent],
    terms: &HashMap<i64, Term>,
    year_start: MonthDay,
    leaving: Leaving,
    guardian_until: Option<NaiveDate>,
    at: NaiveDate,
    asked: &[String],
) -> Vec<ItemStatus> {
    // An event marked as entered in error counts for nothing, at any date.
    let voided: std::collections::HashSet<i64> = events.iter().filter_map(|e| e.voids).collect();
    let mut ordered: Vec<&ConsentEvent> = events.iter().filter(|e| e.date <= at && !voided.contains(&e.id)).collect();
    ordered.sort_by_key(|e| (e.date, e.id));

    let mut latest: BTreeMap<&str, Latest> = BTreeMap::new();
    for event in ordered {
        for (item, answer) in &event.answers {
            match event.kind {
                EventKind::Record => {
                    let term = event.form_version_id.and_then(|v| terms.get(&v)).copied();
                    let valid_until = match (answer, term) {
                        (Answer::Yes, Some(t)) => t.valid_until(event.date, year_start, leaving.date),
                        // A yes on an unknown form cannot be shown to hold.
                        (Answer::Yes, None) => Some(event.date),
                        _ => None,
                    };
                    let valid_until = match (answer, leaving.last_day()) {
                        (Answer::Yes, Some(left)) => Some(valid_until.map_or(left, |v| v.min(left))),
                        _ => valid_until,
                    };
                    latest.insert(
                        item,
                        Latest {
                            answer: *answer,
                            by_guardian: event.given_by_role == GivenByRole::Guardian,
                            record: event.id,
                            form: event.form_id,
                            form_version: event.form_version,
                            valid_until,
                            since: event.date,
                        },
                    );
                }
                EventKind::Void => {}
                EventKind::Withdraw => {
                    let prev = latest.get(item.as_str());
                    let (form, form_version) = prev.map(|p| (p.form, p.form_version)).unwrap_or((None, None));
                    latest.insert(
                        item,
                        Latest { answer: Answer::Withdrawn, by_guardian: false, record: event.id, form, form_version, valid_until: None, since: event.date },
                    );
                }
            }
        }
    }

    let status_of = |item: &str| -> ItemStatus {
        match latest.get(item) {
            None => ItemStatus {
                item: item.to_string(),
                status: Status::None,
                record: None,
                form: None,
                form_version: None,
                valid_until: None,
                since: None,
                own_answer_needed: false,
                left_on: None,
            },
            Some(l) => {
                let lapsed = l.by_guardian && guardian_until.is_some_and(|u| at > u);
                let status = match l.answer {
                    _ if lapsed => Status::None,
                    Answer::Yes if l.valid_until.is_some_and(|u| at > u) => Status::Expired,
                    Answer::Yes => Status::Granted,
                    Answer::No => Status::Denied,
                    Answer::Withdrawn => Status::Withdrawn,
                };
                ItemStatus {
                    item: item.to_string(),
                    status,
                    record: Some(l.record),
                    form: l.form,
                    form_version: l.form_version,
                    valid_until: if lapsed { None } else { l.valid_until },
                    since: Some(l.since),
                    own_answer_needed: lapsed,
                    left_on: leaving.last_day().filter(|left| status == Status::Expired && l.valid_until == Some(*left)),
                }
            }
        }
    };

    let mut out: Vec<ItemStatus> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in asked.iter().map(String::as_str).chain(latest.keys().copied()) {
        if seen.insert(item.to_string()) {
            out.push(status_of(item));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::fixtures::{d, event as ev};

    fn terms(t: Term) -> HashMap<i64, Term> {
        HashMap::from([(10, t)])
    }

    fn status(events: &[ConsentEvent], t: Term, leave: Option<NaiveDate>, at: &str, item: &str) -> Status {
        effective_consent(events, &terms(t), MonthDay::AUGUST_FIRST, Leaving { date: leave, ends_consent: false }, None, d(at), &[item.to_string()])
            .into_iter()
            .find(|s| s.item == item)
            .unwrap()
            .status
    }

    const WEB: &str = "class/website/activities";
    const SOCIAL: &str = "class/social/promotion";

    #[test]
    fn yes_for_website_is_not_yes_for_social_media() {
        let e = [ev(1, EventKind::Record, "2026-09-01", &[(WEB, Answer::Yes), (SOCIAL, Answer::No)])];
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-10-01", WEB), Status::Granted);
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-10-01", SOCIAL), Status::Denied);
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-08-31", WEB), Status::None);
    }

    #[test]
    fn school_year_term_expires_on_the_first_day_of_the_next_year() {
        let e = [ev(1, EventKind::Record, "2026-09-01", &[(WEB, Answer::Yes)])];
        assert_eq!(status(&e, Term::SchoolYear, None, "2027-07-31", WEB), Status::Granted);
        assert_eq!(status(&e, Term::SchoolYear, None, "2027-08-01", WEB), Status::Expired);
    }

    #[test]
    fn school_career_ends_with_the_leave_date() {
        let e = [ev(1, EventKind::Record, "2020-09-01", &[(WEB, Answer::Yes)])];
        assert_eq!(status(&e, Term::SchoolCareer, None, "2030-01-01", WEB), Status::Granted);
        assert_eq!(status(&e, Term::SchoolCareer, Some(d("2026-07-10")), "2026-07-10", WEB), Status::Granted);
        assert_eq!(status(&e, Term::SchoolCareer, Some(d("2026-07-10")), "2026-07-11", WEB), Status::Expired);
    }

    /// Leaving in March with a school-year term: with the setting on, the
    /// yes ends the day after leaving (and says so); with it off, it runs to 31 July.
    #[test]
    fn leaving_ends_a_yes_the_day_after_when_the_organisation_says_so() {
        let e = [ev(1, EventKind::Record, "2026-09-01", &[(WEB, Answer::Yes), (SOCIAL, Answer::No)])];
        let at = |ends: bool, day: &str| {
            let leaving = Leaving { date: Some(d("2027-03-12")), ends_consent: ends };
            effective_consent(&e, &terms(Term::SchoolYear), MonthDay::AUGUST_FIRST, leaving, None, d(day), &[WEB.to_string(), SOCIAL.to_string()])
        };
        let on_the_day = at(true, "2027-03-12");
        assert_eq!((on_the_day[0].status, on_the_day[0].valid_until, on_the_day[0].left_on), (Status::Granted, Some(d("2027-03-12")), None));
        let after = at(true, "2027-03-13");
        assert_eq!((after[0].status, after[0].left_on), (Status::Expired, Some(d("2027-03-12"))));
        assert_eq!((after[1].status, after[1].left_on), (Status::Denied, None), "a no stays a no");
        let off = at(false, "2027-03-13");
        assert_eq!((off[0].status, off[0].valid_until, off[0].left_on), (Status::Granted, Some(d("2027-07-31")), None));
        assert_eq!(at(false, "2027-08-01")[0].status, Status::Expired);
        // A term that ended before leaving expired by itself, not by leaving.
        let late = Leaving { date: Some(d("2027-08-15")), ends_consent: true };
        let s = effective_consent(&e, &terms(Term::SchoolYear), MonthDay::AUGUST_FIRST, late, None, d("2027-08-20"), &[WEB.to_string()]);
        assert_eq!((s[0].status, s[0].left_on), (Status::Expired, None));
    }

    #[test]
    fn withdrawal_wins_from_its_date_and_history_before_it_stays() {
        let e = [ev(1, EventKind::Record, "2026-09-01", &[(WEB, Answer::Yes)]), ev(2, EventKind::Withdraw, "2026-11-01", &[(WEB, Answer::Withdrawn)])];
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-10-31", WEB), Status::Granted);
        let after = effective_consent(&e, &terms(Term::SchoolYear), MonthDay::AUGUST_FIRST, Leaving::default(), None, d("2026-11-01"), &[]);
        assert_eq!(after[0].status, Status::Withdrawn);
        assert_eq!(after[0].record, Some(2));
        assert_eq!(after[0].form_version, Some(1));
    }

    #[test]
    fn a_guardians_answer_stops_counting_after_the_given_day_and_the_persons_own_takes_over() {
        let all = |events: &[ConsentEvent], at: &str| {
            effective_consent(events, &terms(Term::SchoolCareer), MonthDay::AUGUST_FIRST, Leaving::default(), Some(d("2026-07-31")), d(at), &[WEB.to_string()])
                .remove(0)
        };
        let guardian = [ev(1, EventKind::Record, "2025-09-01", &[(WEB, Answer::Yes)])];
        assert_eq!((all(&guardian, "2026-07-31").status, all(&guardian, "2026-07-31").own_answer_needed), (Status::Granted, false));
        let lapsed = all(&guardian, "2026-08-01");
        assert_eq!((lapsed.status, lapsed.own_answer_needed, lapsed.record, lapsed.valid_until), (Status::None, true, Some(1), None));
        let mut own = ev(2, EventKind::Record, "2026-09-01", &[(WEB, Answer::No)]);
        own.given_by_role = GivenByRole::SelfPerson;
        let both = [guardian[0].clone(), own];
        assert_eq!((all(&both, "2026-09-01").status, all(&both, "2026-09-01").own_answer_needed), (Status::Denied, false));
        // A guardian's withdrawal is never loosened into "none".
        let withdrawn = [guardian[0].clone(), ev(3, EventKind::Withdraw, "2026-01-01", &[(WEB, Answer::Withdrawn)])];
        assert_eq!(all(&withdrawn, "2027-01-01").status, Status::Withdrawn);
    }

    #[test]
    fn a_voided_event_counts_for_nothing() {
        let mut void = ev(3, EventKind::Void, "2026-12-01", &[]);
        void.voids = Some(2);
        let e = [ev(1, EventKind::Record, "2026-09-01", &[(WEB, Answer::Yes)]), ev(2, EventKind::Record, "2026-10-01", &[(WEB, Answer::No)]), void];
        // Entered in error: the "no" never held, also before the void was entered.
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-10-15", WEB), Status::Granted);
        assert_eq!(status(&e[..2], Term::SchoolYear, None, "2026-10-15", WEB), Status::Denied);
    }

    #[test]
    fn a_later_record_replaces_an_earlier_answer_even_if_entered_first() {
        // The newer form was typed in before an old paper form was found.
        let e = [ev(5, EventKind::Record, "2026-10-01", &[(WEB, Answer::No)]), ev(6, EventKind::Record, "2026-09-01", &[(WEB, Answer::Yes)])];
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-09-15", WEB), Status::Granted);
        assert_eq!(status(&e, Term::SchoolYear, None, "2026-10-15", WEB), Status::Denied);
    }

    proptest::proptest! {
        /// Appending a withdrawal never makes anything more allowed, and never
        /// changes what held before its date.
        #[test]
        fn appending_a_withdrawal_only_takes_away(
            answers in proptest::collection::vec((0usize..3, proptest::bool::ANY, 0i64..700), 1..8),
            wd_item in 0usize..3, wd_day in 0i64..700, at_day in 0i64..800,
        ) {
            let items = [WEB, SOCIAL, "portrait/internal/activities"];
            let base = d("2025-09-01");
            let mut events: Vec<ConsentEvent> = answers.iter().enumerate().map(|(i, (item, yes, day))| {
                let date = (base + chrono::Duration::days(*day)).to_string();
                ev(i as i64 + 1, EventKind::Record, &date, &[(items[*item], if *yes { Answer::Yes } else { Answer::No })])
            }).collect();
            let at = base + chrono::Duration::days(at_day);
            let asked: Vec<String> = items.iter().map(|s| s.to_string()).collect();
            let before = effective_consent(&events, &terms(Term::SchoolYear), MonthDay::AUGUST_FIRST, Leaving::default(), None, at, &asked);
            let wd_date = base + chrono::Duration::days(wd_day);
            events.push(ev(100, EventKind::Withdraw, &wd_date.to_string(), &[(items[wd_item], Answer::Withdrawn)]));
            let after = effective_consent(&events, &terms(Term::SchoolYear), MonthDay::AUGUST_FIRST, Leaving::default(), None, at, &asked);
            for (b, a) in before.iter().zip(&after) {
                proptest::prop_assert_eq!(&b.item, &a.item);
                if a.status == Status::Granted { proptest::prop_assert_eq!(b.status, Status::Granted); }
                if at < wd_date || a.item != items[wd_item] { proptest::prop_assert_eq!(b, a); }
            }
        }

        /// The result does not depend on the order the events are given in.
        #[test]
        fn order_of_input_does_not_matter(days in proptest::collection::vec(0i64..400, 1..6), at_day in 0i64..500) {
            let base = d("2025-09-01");
            let events: Vec<ConsentEvent> = days.iter().enumerate().map(|(i, day)| {
                let date = (base + chrono::Duration::days(*day)).to_string();
                let a = if i % 2 == 0 { Answer::Yes } else { Answer::No };
                ev(i as i64 + 1, EventKind::Record, &date, &[(WEB, a)])
            }).collect();
            let mut reversed = events.clone();
            reversed.reverse();
            let at = base + chrono::Duration::days(at_day);
            let t = terms(Term::SchoolYear);
            proptest::prop_assert_eq!(
                effective_consent(&events, &t, MonthDay::AUGUST_FIRST, Leaving::default(), None, at, &[]),
                effective_consent(&reversed, &t, MonthDay::AUGUST_FIRST, Leaving::default(), None, at, &[])
            );
        }
    }
}
