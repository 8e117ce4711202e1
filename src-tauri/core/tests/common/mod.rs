//! Helpers shared by the core's integration tests: a set-up office on a real
//! SQLite file, a child, a recorded answer.

#![allow(dead_code)]

use beeldakkoord_core::api::{InitRequest, NewPerson, RecordRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Beeldakkoord;
use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn setup(dir: &std::path::Path) -> (Beeldakkoord, Session) {
    let core = Beeldakkoord::open(dir).unwrap().with_today(d("2026-11-22"));
    let s = core
        .init(&InitRequest {
            org_name: "Kinderopvang Het Nest".into(),
            jurisdiction: "nl".into(),
            consent_age: None,
            school_year_start: None,
            username: "admin".into(),
            password: "correct horse battery".into(),
        })
        .unwrap();
    (core, s)
}

pub fn child(core: &Beeldakkoord, s: &Session) -> i64 {
    core.add_person(s, &NewPerson { name: "Anna".into(), kind: PersonKind::Child, birth_date: Some(d("2020-01-01")), groups: vec![], guardians: vec!["Marieke".into()] })
        .unwrap()
}

pub fn record(core: &Beeldakkoord, s: &Session, person: i64, form: i64, item: &str, date: &str) -> i64 {
    core.record_consent(s, &RecordRequest {
        person,
        form,
        version: None,
        answers: vec![AnswerInput { item: item.into(), yes: true }],
        given_by: "Marieke".into(),
        method: Method::Paper,
        date: Some(d(date)),
    })
    .unwrap()
}
