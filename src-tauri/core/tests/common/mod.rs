//! Helpers shared by the core's integration tests: a set-up office on a real
//! SQLite file, a child, a recorded answer.

#![allow(dead_code)]

use beeldakkoord_core::api::{InitRequest, NewPerson, RecordRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Beeldakkoord;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The first setup of a Dutch organisation, admin "admin".
pub fn request() -> InitRequest {
    InitRequest {
        org_name: "Kinderopvang Het Nest".into(),
        jurisdiction: "nl".into(),
        consent_age: None,
        school_year_start: None,
        username: "admin".into(),
        password: "correct horse battery".into(),
    }
}

/// A set-up office whose data folder is `dir/data`, so that files the tests
/// write into `dir` lie outside it, as the rules for output files demand.
/// The data key of the installation in `data`, as the administrator's password opens it.
pub fn data_key(data: &std::path::Path) -> beeldakkoord_core::crypto::keys::DataKey {
    let keys = beeldakkoord_core::crypto::keyfile::KeyFile::read(data).unwrap().expect("keys file");
    keys.open("admin", "correct horse battery").unwrap().0
}

/// A bare connection to the database of `data`, behind the app's back (as an attacker with the key would).
pub fn raw(data: &std::path::Path) -> rusqlite::Connection {
    beeldakkoord_core::store::connect(&data.join(beeldakkoord_core::store::DB_FILE), Some(&data_key(data))).unwrap()
}

/// Sign in to the data folder `data` as the administrator.
pub fn unlock(data: &std::path::Path) -> (Beeldakkoord, Session) {
    let (core, s) = Beeldakkoord::unlock(data, "admin", "correct horse battery").unwrap();
    (core.with_today(d("2026-11-22")), s)
}

pub fn setup(dir: &std::path::Path) -> (Beeldakkoord, Session) {
    let (core, s) = Beeldakkoord::create(&dir.join("data"), &request()).unwrap();
    let core = core.with_today(d("2026-11-22"));
    (core, s)
}

pub fn child(core: &Beeldakkoord, s: &Session) -> i64 {
    core.add_person(
        s,
        &NewPerson { name: "Anna".into(), kind: PersonKind::Child, birth_date: Some(d("2020-01-01")), groups: vec![], guardians: vec!["Marieke".into()] },
    )
    .unwrap()
}

pub fn record(core: &Beeldakkoord, s: &Session, person: i64, form: i64, item: &str, date: &str) -> i64 {
    core.record_consent(
        s,
        &RecordRequest {
            person,
            form,
            version: None,
            answers: vec![AnswerInput { item: item.into(), yes: true }],
            given_by: "Marieke".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d(date)),
        },
    )
    .unwrap()
}

/// A child in `group` with these guardians.
pub fn add(core: &Beeldakkoord, s: &Session, name: &str, birth: &str, group: &str, guardians: &[&str]) -> i64 {
    core.add_person(
        s,
        &NewPerson {
            name: name.into(),
            kind: PersonKind::Child,
            birth_date: Some(d(birth)),
            groups: vec![group.into()],
            guardians: guardians.iter().map(|g| g.to_string()).collect(),
        },
    )
    .unwrap()
}

/// A returned copy of form 1 with these answers (item, yes).
pub fn answer(core: &Beeldakkoord, s: &Session, person: i64, answers: &[(&str, bool)], given_by: &str, method: Method, date: NaiveDate) -> i64 {
    core.record_consent(
        s,
        &RecordRequest {
            person,
            form: 1,
            version: None,
            answers: answers.iter().map(|(item, yes)| AnswerInput { item: item.to_string(), yes: *yes }).collect(),
            given_by: given_by.into(),
            co_signers: vec![],
            method,
            date: Some(date),
        },
    )
    .unwrap()
}

/// Render page one at 40 dpi in grey and compare it with the reviewed image
/// under `tests/reference/`. A missing reference is written and the test
/// fails, so that a person looks at it before it counts.
pub fn compare_with_reference(pdf: &Path, name: &str) {
    let prefix = pdf.with_extension("");
    let ok = Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-r", "40", "-gray", "-png", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm runs")
        .success();
    assert!(ok, "pdftoppm rendered the page");
    let rendered_path = prefix.with_extension("png");
    let rendered = image::open(&rendered_path).unwrap().to_luma8();
    let reference_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/reference").join(format!("{name}.png"));
    if std::env::var_os("BEELDAKKOORD_UPDATE_REFERENCE").is_some() || !reference_path.exists() {
        std::fs::create_dir_all(reference_path.parent().unwrap()).unwrap();
        std::fs::copy(&rendered_path, &reference_path).unwrap();
        panic!("wrote {}: look at it, commit it if it is right, and run again", reference_path.display());
    }
    let reference = image::open(&reference_path).unwrap().to_luma8();
    assert_eq!(rendered.dimensions(), reference.dimensions(), "page size");
    let diff: Vec<f64> = rendered.pixels().zip(reference.pixels()).map(|(a, b)| (f64::from(a.0[0]) - f64::from(b.0[0])).abs()).collect();
    let mean = diff.iter().sum::<f64>() / diff.len() as f64;
    let changed = diff.iter().filter(|d| **d > 64.0).count() as f64 / diff.len() as f64;
    // Text moved or missing changes far more than 1 % of the pixels; antialiasing differences stay well below.
    assert!(mean < 2.0 && changed < 0.01, "page one differs from the reference: mean {mean:.2}, {:.2} % of pixels changed", changed * 100.0);
}

/// The text of a PDF's content area (header and footer cropped off), with
/// all whitespace, line and page breaks collapsed to single spaces.
pub fn content_text(pdf: &Path) -> String {
    // A4 in points at 72 dpi: skip the 17-mm header band and the 15-mm footer band.
    let out =
        Command::new("pdftotext").args(["-x", "0", "-y", "50", "-W", "595", "-H", "745"]).arg(pdf).arg("-").output().expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    collapse(&String::from_utf8_lossy(&out.stdout))
}

/// All text, header and footer included.
pub fn full_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The recovery code printed on a recovery sheet: nine groups of four, three to a line.
pub fn recovery_code(sheet: &Path) -> String {
    let text = full_text(sheet);
    let groups: Vec<&str> = text
        .lines()
        .filter(|l| l.split_whitespace().count() == 3 && l.split_whitespace().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())))
        .flat_map(|l| l.split_whitespace())
        .collect();
    assert_eq!(groups.len(), 9, "nine groups on the sheet: {text}");
    groups.join("-")
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout).lines().find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap_or(0))).unwrap_or(0)
}

/// SHA-256 of every photo file under `dir/photos` (not the library's lock
/// file beside their folders), by path.
pub fn photo_hashes(dir: &Path) -> std::collections::BTreeMap<String, String> {
    use sha2::Digest;
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.parent() != Some(&root.join("photos")) {
                out.insert(p.strip_prefix(root).unwrap().display().to_string(), hex::encode(sha2::Sha256::digest(std::fs::read(&p).unwrap())));
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, &dir.join("photos"), &mut out);
    out
}

/// Every row of every table but the audit trail's own, and the audit events up to `events`.
pub fn dump(data: &Path, events: i64) -> Vec<String> {
    let c = raw(data);
    let tables: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let filter = if t == "audit_events" { format!(" WHERE id <= {events}") } else { String::new() };
        let mut stmt = c.prepare(&format!("SELECT * FROM \"{t}\"{filter} ORDER BY rowid")).unwrap();
        let n = stmt.column_count();
        let rows: Vec<String> = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        out.extend(rows.into_iter().map(|r| format!("{t}: {r}")));
    }
    out
}

/// A signature as the desk's signing box sends it: dark ink drawn on white,
/// a looping line across the box (`blank`: the box left empty).
pub fn signature_png(blank: bool) -> Vec<u8> {
    let mut img = image::RgbaImage::from_pixel(600, 200, image::Rgba([255, 255, 255, 255]));
    if !blank {
        for t in 0..2000 {
            let x = 40.0 + t as f32 * 0.25;
            let y = 100.0 + 50.0 * (t as f32 / 60.0).sin();
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                img.put_pixel(x as u32 + dx, y as u32 + dy, image::Rgba([20, 30, 80, 255]));
            }
        }
    }
    let mut bytes = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}
