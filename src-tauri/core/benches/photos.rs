//! The library grid's data with 10 000 photos: opening the data folder and
//! its first page, pages of 200 with and without filters, the verdict for a
//! photo with 30 people in-process, and importing 20 camera-size photos —
//! each plain and encrypted in one run, so the ratio is what encryption costs.
//! Also one camera photo decoded at 1/8 for its thumbnail: from the DC
//! coefficients alone (ours) and by jpeg-decoder's DCT scaling.
//! Run: `cargo bench -p beeldakkoord-core --bench photos`.

mod common;

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{NewPerson, PhotoFilter};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Beeldakkoord;
use criterion::{criterion_group, criterion_main, Criterion};

const PHOTOS: i64 = 10_000;

/// A library of 10 000 photos, a third of them tagged with three children.
fn library(encrypted: bool) -> (tempfile::TempDir, Beeldakkoord, beeldakkoord_core::auth::Session) {
    let (dir, core, s) = common::office_with("Bench", encrypted);
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
    let key = encrypted
        .then(|| beeldakkoord_core::crypto::keyfile::KeyFile::read(&data).expect("keys").expect("keys file").open("admin", common::PASSWORD).expect("key").0);
    let mut conn = beeldakkoord_core::store::connect(&data.join("beeldakkoord.sqlite3"), key.as_ref()).expect("db");
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
    // One photo with 30 people, as a class photo: what a check reads most.
    let tx = conn.transaction().expect("tx");
    for k in 0..30 {
        tx.execute(
            "INSERT INTO photo_tags (photo_id, person_id, box_x, box_y, box_w, box_h) VALUES (2, ?1, ?2, 10, 100, 100)",
            rusqlite::params![kids[k * 7 % kids.len()], 10 + k as i64 * 110],
        )
        .expect("tag");
    }
    tx.commit().expect("commit");
    drop(conn);
    let (core, s) = common::reopen(&data, encrypted);
    (dir, core, s)
}

/// 20 photos of 3000 × 2000 pixels with fine detail, about a camera's size.
fn camera(dir: &std::path::Path) -> std::path::PathBuf {
    let folder = dir.join("camera");
    std::fs::create_dir_all(&folder).expect("folder");
    for i in 0..20u32 {
        let img = image::RgbImage::from_fn(3000, 2000, |x, y| {
            let v = (x.wrapping_mul(31 + i) ^ y.wrapping_mul(17)) as u8;
            image::Rgb([v, (x / 12) as u8, (y / 8) as u8 ^ v])
        });
        img.save(folder.join(format!("IMG_{i:04}.jpg"))).expect("save");
    }
    folder
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("photo_grid_10000");
    g.sample_size(20);
    for (mode, encrypted) in common::MODES {
        let (dir, core, s) = library(encrypted);
        let data = dir.path().join("data");
        g.bench_function(format!("open_and_first_page/{mode}"), |b| {
            b.iter(|| {
                let (core, s) = common::reopen(&data, encrypted);
                core.photos(&s, &PhotoFilter { limit: 200, ..Default::default() }).expect("page")
            })
        });
        // The same without the password's key derivation (argon2id, ~0.5 s by
        // design): the data key already unwrapped, as after signing in.
        if encrypted {
            let key =
                beeldakkoord_core::crypto::keyfile::KeyFile::read(&data).expect("keys").expect("keys file").open("admin", common::PASSWORD).expect("key").0;
            g.bench_function("open_with_key_and_first_page/encrypted", |b| {
                b.iter(|| {
                    let (core, s) = Beeldakkoord::open_with_key(&data, &key, "admin", common::PASSWORD).expect("open");
                    core.photos(&s, &PhotoFilter { limit: 200, ..Default::default() }).expect("page")
                })
            });
        }
        g.bench_function(format!("first_page/{mode}"), |b| b.iter(|| core.photos(&s, &PhotoFilter { limit: 200, ..Default::default() }).expect("page")));
        g.bench_function(format!("last_page/{mode}"), |b| {
            b.iter(|| core.photos(&s, &PhotoFilter { offset: 9_800, limit: 200, ..Default::default() }).expect("page"))
        });
        g.bench_function(format!("group_filter/{mode}"), |b| {
            b.iter(|| core.photos(&s, &PhotoFilter { group: Some("Groep 3".into()), limit: 200, ..Default::default() }).expect("page"))
        });
        g.bench_function(format!("check_photo_30_people/{mode}"), |b| b.iter(|| core.check_photo(&s, 2, "website", "information", None).expect("check")));
    }
    g.finish();

    let pictures = tempfile::tempdir().expect("temp dir");
    let folder = camera(pictures.path());

    let photo = std::fs::read(folder.join("IMG_0000.jpg")).expect("photo");
    let mut g = c.benchmark_group("decode_eighth_3000x2000");
    g.bench_function("dc_only", |b| b.iter(|| beeldakkoord_core::photos::jpeg_dc::decode(&photo, 1).expect("decoded")));
    g.bench_function("jpeg_decoder_scaled", |b| {
        b.iter(|| {
            let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(&photo));
            d.scale(1, 1).expect("scale");
            d.decode().expect("decoded")
        })
    });
    g.finish();

    let mut g = c.benchmark_group("import_20_camera_photos");
    g.sample_size(10);
    // Without faces (the window imports first and scans after) and with them
    // (the CLI returns when the faces are found): the ratio is what detection costs.
    for (faces, label) in [(FacesAtImport::Later, "faces_later"), (FacesAtImport::Detect, "faces_found")] {
        for (mode, encrypted) in common::MODES {
            g.bench_function(format!("{label}/{mode}"), |b| {
                b.iter_batched(
                    || common::office_with("Import", encrypted),
                    |(_dir, core, s)| core.import_photos(&s, std::slice::from_ref(&folder), faces, &mut |_| true).expect("import"),
                    criterion::BatchSize::PerIteration,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
