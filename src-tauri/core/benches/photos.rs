//! The library grid's data with 10 000 photos: one page of 200, first and
//! last, with and without filters, and the verdict for one photo in-process.
//! Run: `cargo bench -p beeldakkoord-core --bench photos`.

mod common;

use beeldakkoord_core::api::{NewPerson, PhotoFilter};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Beeldakkoord;
use criterion::{criterion_group, criterion_main, Criterion};

const PHOTOS: i64 = 10_000;

/// A library of 10 000 photos, a third of them tagged with three children.
fn library() -> (tempfile::TempDir, Beeldakkoord, beeldakkoord_core::auth::Session) {
    let (dir, core, s) = common::office("Bench");
    for g in 1..=8 {
        core.add_group(&s, &format!("Groep {g}")).expect("group");
    }
    let kids: Vec<i64> = (0..240)
        .map(|i| {
            core.add_person(
                &s,
                &NewPerson {
                    name: format!("Kind {i}"),
                    kind: PersonKind::Child,
                    birth_date: None,
                    groups: vec![format!("Groep {}", 1 + i % 8)],
                    guardians: vec![],
                },
            )
            .expect("person")
        })
        .collect();
    drop(core);
    // Rows straight into the file: importing 10 000 real images would measure the import, not the grid.
    let data = dir.path().join("data");
    let key = beeldakkoord_core::crypto::keyfile::KeyFile::read(&data).expect("keys").expect("keys file").open("admin", common::PASSWORD).expect("key").0;
    let mut conn = beeldakkoord_core::store::connect(&data.join("beeldakkoord.sqlite3"), Some(&key)).expect("db");
    let tx = conn.transaction().expect("tx");
    for i in 0..PHOTOS {
        let day = format!("2026-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
        tx.execute(
            "INSERT INTO photos (id, hash, original_name, format, width, height, taken_on, photo_type, imported_by, imported_at) VALUES (?1, ?2, ?3, 'jpeg', 4000, 3000, ?4, ?5, 1, '2026-11-01T10:00:00')",
            rusqlite::params![i + 1, format!("{:064x}", i), format!("IMG_{i:05}.jpg"), day, if i % 2 == 0 { Some("group") } else { None }],
        )
        .expect("photo");
        if i % 3 == 0 {
            for k in 0..3 {
                let kid = kids[((i as usize) + k * 7) % kids.len()];
                tx.execute(
                    "INSERT INTO photo_tags (photo_id, person_id, box_x, box_y, box_w, box_h) VALUES (?1, ?2, 10, 10, 100, 100)",
                    rusqlite::params![i + 1, kid],
                )
                .expect("tag");
            }
        }
    }
    tx.commit().expect("commit");
    drop(conn);
    let (core, s) = Beeldakkoord::unlock(&data, "admin", common::PASSWORD).expect("reopen");
    (dir, core, s)
}

fn bench(c: &mut Criterion) {
    let (_dir, core, s) = library();
    let mut g = c.benchmark_group("photo_grid_10000");
    g.sample_size(30);
    g.bench_function("first_page", |b| b.iter(|| core.photos(&s, &PhotoFilter { limit: 200, ..Default::default() }).expect("page")));
    g.bench_function("last_page", |b| b.iter(|| core.photos(&s, &PhotoFilter { offset: 9_800, limit: 200, ..Default::default() }).expect("page")));
    g.bench_function("unchecked_filter", |b| b.iter(|| core.photos(&s, &PhotoFilter { unchecked: true, limit: 200, ..Default::default() }).expect("page")));
    g.bench_function("group_filter", |b| {
        b.iter(|| core.photos(&s, &PhotoFilter { group: Some("Groep 3".into()), limit: 200, ..Default::default() }).expect("page"))
    });
    g.bench_function("check_one_photo", |b| b.iter(|| core.check_photo(&s, 1, "website", "information", None).expect("check")));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
