//! Roster import speed: a 1 000-row export (as the issue asks) into a real
//! database file, first time (all added) and again (all unchanged).
//! Run: `cargo bench -p beeldakkoord-core --bench roster`.

mod common;

use beeldakkoord_core::Beeldakkoord;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

pub fn roster_csv(rows: usize) -> Vec<u8> {
    let mut s = String::from("Leerlingnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Ouder 1;Ouder 2\r\n");
    for i in 0..rows {
        let group = format!("Groep {}", 1 + i % 8);
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        s.push_str(&format!("{};Leerling{i};van;Achternaam{i};{day:02}-{month:02}-{};{group};Ouder A{i};Ouder B{i}\r\n", 10_000 + i, 2014 + i % 8));
    }
    s.into_bytes()
}

fn fresh() -> (tempfile::TempDir, Beeldakkoord, beeldakkoord_core::auth::Session) {
    let (dir, core, s) = common::office("Bench");
    (dir, core, s)
}

fn bench(c: &mut Criterion) {
    let csv = roster_csv(1000);
    let mut g = c.benchmark_group("roster_import_1000");
    g.sample_size(20);
    g.bench_function("first_import", |b| {
        b.iter_batched(fresh, |(_dir, core, s)| core.import_roster(&s, &csv, false).expect("import"), BatchSize::PerIteration)
    });
    g.bench_function("reimport_unchanged", |b| {
        b.iter_batched(
            || {
                let (dir, core, s) = fresh();
                core.import_roster(&s, &csv, false).expect("import");
                (dir, core, s)
            },
            |(_dir, core, s)| core.import_roster(&s, &csv, false).expect("import"),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
