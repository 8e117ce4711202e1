//! The pure parts, without I/O: the verdict for a class photo with 30
//! pupils who each have five school years of consent history (a record a
//! year, some withdrawals), the consent that holds on a date for one such
//! history (the terms), and one exit dossier drawn as PDF.
//! Run: `cargo bench -p beeldakkoord-core --bench decision` (scripts/bench
//! runs it and puts the medians in its table).

mod common;

use std::collections::{BTreeMap, HashMap};

use beeldakkoord_core::api::{NewPerson, RecordRequest};
use beeldakkoord_core::decision::effective::{effective_consent, Leaving};
use beeldakkoord_core::decision::verdict::{decide, Facts, PersonFacts, PhotoFacts, TagFacts, Use};
use beeldakkoord_core::domain::consent::{Answer, AnswerInput, ConsentEvent, EventKind, GivenByRole, Method};
use beeldakkoord_core::domain::dates::MonthDay;
use beeldakkoord_core::domain::form::Term;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Lang;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

const ITEMS: [&str; 6] = [
    "group/internal/information",
    "group/newsletter/information",
    "group/website/information",
    "group/social/information",
    "activity/website/information",
    "activity/social/promotion",
];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// Five school years: a record each September on that year's form version, and in some years a withdrawal.
fn history(person: i64) -> Vec<ConsentEvent> {
    let mut events = Vec::new();
    for (n, year) in (2022..2027).enumerate() {
        let id = person * 100 + n as i64 * 2;
        let answers: BTreeMap<String, Answer> = ITEMS
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_string(), if (person as usize + i + n).is_multiple_of(7) { Answer::No } else { Answer::Yes }))
            .collect();
        let event = |id, kind, date: NaiveDate, answers| ConsentEvent {
            id,
            person,
            kind,
            form_version_id: (kind == EventKind::Record).then_some(10 + n as i64),
            form_id: Some(1),
            form_version: Some(1 + n as u32),
            form_title: None,
            given_by_name: "Ouder".into(),
            given_by_role: GivenByRole::Guardian,
            method: Method::Paper,
            date,
            entered_by: "admin".into(),
            entered_at: date.and_hms_opt(9, 0, 0).expect("time"),
            answers,
            voids: None,
            void_reason: None,
            voided_by: None,
            co_signers: Vec::new(),
            attachments: Vec::new(),
        };
        events.push(event(id, EventKind::Record, day(year, 9, 10), answers));
        if (person + n as i64) % 10 == 0 {
            let withdrawn = BTreeMap::from([(ITEMS[2].to_string(), Answer::Withdrawn)]);
            events.push(event(id + 1, EventKind::Withdraw, day(year + 1, 2, 1), withdrawn));
        }
    }
    events
}

fn pure(c: &mut Criterion) {
    let terms: HashMap<i64, Term> = (10..15).map(|v| (v, Term::SchoolYear)).collect();
    let people: HashMap<i64, PersonFacts> = (1..=30)
        .map(|p| {
            (
                p,
                PersonFacts {
                    kind: PersonKind::Child,
                    groups: vec![1],
                    leaving: Leaving::default(),
                    guardian_until: None,
                    history: history(p),
                    known: Default::default(),
                },
            )
        })
        .collect();
    let facts = Facts { people: &people, notices: &[], terms: &terms, year_start: MonthDay::AUGUST_FIRST };
    let photo = PhotoFacts { photo_type: Some("group".into()), posed: true };
    let tags: Vec<TagFacts> = (1..=30).map(|p| TagFacts { id: Some(p), face: None, person: Some(p), has_box: true, highlighted: false }).collect();
    let use_ = Use { channel: "website".into(), purpose: "information".into(), date: day(2026, 11, 2) };
    c.benchmark_group("decision").bench_function("class_photo_30_pupils_5_years", |b| b.iter(|| decide(&photo, &tags, &facts, &use_)));

    let one = history(10);
    let asked: Vec<String> = ITEMS.iter().map(|s| s.to_string()).collect();
    c.benchmark_group("terms").bench_function("effective_consent_5_years", |b| {
        b.iter(|| effective_consent(&one, &terms, MonthDay::AUGUST_FIRST, Leaving::default(), None, day(2026, 11, 2), &asked))
    });
}

fn one_dossier(c: &mut Criterion) {
    let (_dir, core, s) = common::office("Kindcentrum De Regenboog");
    let core = core.with_today(day(2026, 7, 20));
    core.add_group(&s, "Groep 8a").expect("group");
    let form = core.forms(&s).expect("forms").first().expect("a built-in form").id;
    let person = core
        .add_person(
            &s,
            &NewPerson {
                name: "Sanne van der Meer".into(),
                kind: PersonKind::Child,
                birth_date: Some(day(2014, 3, 1)),
                groups: vec!["Groep 8a".into()],
                guardians: vec!["Anna van der Meer".into(), "Mark de Boer".into()],
            },
        )
        .expect("person");
    for year in 2022..2026 {
        let answers = ITEMS.iter().map(|k| AnswerInput { item: k.to_string(), yes: !k.contains("social") }).collect();
        core.record_consent(
            &s,
            &RecordRequest {
                person,
                form,
                version: None,
                answers,
                given_by: "Anna van der Meer".into(),
                co_signers: vec!["Mark de Boer".into()],
                method: Method::Paper,
                date: Some(day(year, 9, 12)),
            },
        )
        .expect("record");
    }
    core.set_leave_date(&s, person, day(2026, 7, 10)).expect("leave");
    let printed = day(2026, 7, 20).and_hms_opt(10, 0, 0).expect("time");
    c.benchmark_group("one_dossier").bench_function("four_years_pdf", |b| b.iter(|| core.dossier_pdf_at(&s, person, Lang::Nl, printed).expect("dossier")));
}

criterion_group!(benches, pure, one_dossier);
criterion_main!(benches);
