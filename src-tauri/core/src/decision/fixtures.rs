//! Test fixtures shared by the decision tests.

use chrono::NaiveDate;

use crate::domain::consent::{Answer, ConsentEvent, EventKind, GivenByRole, Method};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A paper consent event by a guardian; records answer form version row 10.
pub fn event(id: i64, kind: EventKind, date: &str, answers: &[(&str, Answer)]) -> ConsentEvent {
    ConsentEvent {
        id,
        person: 1,
        kind,
        form_version_id: (kind == EventKind::Record).then_some(10),
        form_id: Some(1),
        form_version: Some(1),
        form_title: None,
        given_by_name: "Ouder".into(),
        given_by_role: GivenByRole::Guardian,
        method: Method::Paper,
        date: d(date),
        entered_by: "admin".into(),
        entered_at: d(date).and_hms_opt(9, 0, 0).unwrap(),
        answers: answers.iter().map(|(k, a)| (k.to_string(), *a)).collect(),
        voids: None,
        void_reason: None,
        voided_by: None,
        co_signers: Vec::new(),
        attachments: Vec::new(),
    }
}
