//! A year-end batch: 300 leavers, each with two answered forms and a
//! withdrawal, printed as 300 dossiers plus one combined PDF.
//! Run: `cargo bench -p beeldakkoord-core --bench dossier`. Prints the size
//! of one dossier and of the combined PDF once before measuring.

mod common;

use beeldakkoord_core::files::OutputDir;
use std::sync::atomic::AtomicBool;

use beeldakkoord_core::api::{NewNotice, NewPerson, RecordRequest, WithdrawRequest};
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::{Beeldakkoord, Lang};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

const LEAVERS: usize = 300;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn office(encrypted: bool) -> (tempfile::TempDir, Beeldakkoord, beeldakkoord_core::auth::Session) {
    let (dir, core, s) = common::office_with("Basisschool De Regenboog", encrypted);
    let core = core.with_today(d("2026-08-01"));
    for g in ["Groep 8a", "Groep 8b"] {
        core.add_group(&s, g).expect("group");
    }
    core.add_notice(
        &s,
        &NewNotice {
            groups: vec!["Groep 8a".into(), "Groep 8b".into()],
            all_staff: false,
            purposes: vec!["information".into()],
            channels: vec!["newsletter".into()],
            text: "Sfeerfoto's bij de musical.".into(),
            date: Some(d("2025-09-10")),
        },
    )
    .expect("notice");
    let yes = |item: &str, yes: bool| AnswerInput { item: item.into(), yes };
    for i in 0..LEAVERS {
        let p = core
            .add_person(
                &s,
                &NewPerson {
                    name: format!("Leerling {i:03} Çelik-D'Hondt"),
                    kind: PersonKind::Child,
                    birth_date: Some(d("2014-03-01")),
                    groups: vec![format!("Groep 8{}", if i % 2 == 0 { "a" } else { "b" })],
                    guardians: vec![format!("Ouder {i}")],
                },
            )
            .expect("person");
        for (date, web) in [("2024-09-02", true), ("2025-09-01", i % 3 != 0)] {
            core.record_consent(
                &s,
                &RecordRequest {
                    person: p,
                    form: 1,
                    version: None,
                    answers: vec![yes("group/website/information", web), yes("group/newsletter/information", true), yes("group/social/information", false)],
                    given_by: format!("Ouder {i}"),
                    co_signers: vec![],
                    method: Method::Paper,
                    date: Some(d(date)),
                },
            )
            .expect("record");
        }
        core.withdraw_consent(
            &s,
            &WithdrawRequest {
                person: p,
                items: vec!["group/newsletter/information".into()],
                all: false,
                given_by: format!("Ouder {i}"),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-03-01")),
            },
        )
        .expect("withdraw");
        core.set_leave_date(&s, p, d("2026-07-10")).expect("leave");
    }
    (dir, core, s)
}

fn batch(c: &mut Criterion) {
    let mut g = c.benchmark_group("dossier");
    g.sample_size(10);
    for (mode, encrypted) in common::MODES {
        let (dir, core, s) = office(encrypted);
        let out = dir.path().join("out");
        let never = AtomicBool::new(false);
        let r = core.dossier_batch(&s, d("2026-07-01"), d("2026-07-31"), Lang::Nl, &OutputDir::new(&out, true), &mut |_| {}, &never).expect("batch");
        let one = std::fs::metadata(&r.files[0]).expect("file").len();
        let all: u64 = r.files.iter().map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)).sum();
        let combined = r.combined.as_ref().and_then(|c| std::fs::metadata(c).ok()).map(|m| m.len()).unwrap_or(0);
        println!("{mode}: {} dossiers: first {one} bytes, mean {} bytes, combined {combined} bytes", r.count, all / u64::from(r.count.max(1)));
        g.bench_function(format!("batch of 300 leavers/{mode}"), |b| {
            b.iter(|| core.dossier_batch(&s, d("2026-07-01"), d("2026-07-31"), Lang::Nl, &OutputDir::new(&out, true), &mut |_| {}, &never).expect("batch"))
        });
        g.bench_function(format!("one dossier in memory/{mode}"), |b| b.iter(|| core.dossier_pdf(&s, 1, Lang::Nl).expect("pdf")));
    }
    g.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
