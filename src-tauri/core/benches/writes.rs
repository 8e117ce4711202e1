//! The cost of durable writes: a consent record (one transaction with its
//! audit event and row hashes) with `synchronous = FULL`, as the store opens,
//! against the same connection set back to `NORMAL`, in one run on the same
//! disk. Run: `cargo bench -p beeldakkoord-core --bench writes`.

mod common;

use beeldakkoord_core::api::{NewPerson, RecordRequest};
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::store::StoreError;
use criterion::{criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("consent_record");
    g.sample_size(30);
    for mode in ["FULL", "NORMAL"] {
        let (_dir, core, s) = common::office("Bench");
        core.store().read(|conn| conn.execute_batch(&format!("PRAGMA synchronous = {mode};")).map_err(StoreError::from)).expect("pragma");
        let child = core
            .add_person(
                &s,
                &NewPerson {
                    name: "Anna".into(),
                    kind: PersonKind::Child,
                    birth_date: Some(chrono::NaiveDate::from_ymd_opt(2019, 5, 1).expect("date")),
                    groups: vec![],
                    guardians: vec!["Marieke".into()],
                },
            )
            .expect("person");
        let mut yes = false;
        g.bench_function(mode, |b| {
            b.iter(|| {
                yes = !yes;
                core.record_consent(
                    &s,
                    &RecordRequest {
                        person: child,
                        form: 1,
                        version: None,
                        answers: vec![AnswerInput { item: "group/website/information".into(), yes }],
                        given_by: "Marieke".into(),
                        co_signers: vec![],
                        method: Method::Paper,
                        date: None,
                    },
                )
                .expect("record")
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
