//! The benchmark's data set (`scripts/bench`): a large Dutch primary school
//! after five school years, made reproducibly from a seed, without
//! downloads.
//!
//! `bench_data OUT [--seed N] [--scale full|smoke]` writes, into OUT:
//! - `encrypted/data` and `plain/data`: the same school twice, as shipped
//!   (encrypted at rest) and without encryption, so each figure can be
//!   measured both ways. Full scale: 40 groups, 1 000 pupils with two
//!   guardians each, 600 pupils who left in the four past years (150 a
//!   year), 80 staff with accounts, a new version of the consent form each
//!   school year with every pupil's answers and ~10 % withdrawals, 20 000
//!   photos (300 distinct pictures, each file made unique by its EXIF and a
//!   comment) with 1–30 tags each, and 3 000 publications;
//! - `camera/`: 200 camera-size JPEGs (4000 × 3000) with EXIF, for the import;
//! - `roster.csv`: a 1 000-row roster export, for the roster import;
//! - `manifest.json`: what was made, and the ids the figures use.
//!
//! Everything goes through the core API except the tags, the photo types and
//! the "checked" marks, which go into the database in one transaction: as
//! 160 000 separate edits (each its own durable transaction and audit line)
//! they would take most of an hour, and the figures read the same rows
//! either way. OUT is written under a temporary name and renamed when
//! complete, so a cached set is always a whole one.
//!
//! The administrator is "admin" with the password [`PASSWORD`].

use std::collections::HashSet;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use beeldakkoord_core::api::{FacesAtImport, InitRequest, NewPerson, NewUser, PeopleFilter, RecordRequest, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::domain::user::Role;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::{Beeldakkoord, Lang};
use chrono::{Datelike, Duration, NaiveDate};
use image::{codecs::jpeg::JpegEncoder, Rgb, RgbImage};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// The administrator's password in every generated data folder.
const PASSWORD: &str = "bench password";
/// Changes whenever the data set changes shape, so an old cache is not used.
const VERSION: u32 = 2;

const FIRST: [&str; 40] = [
    "Emma", "Noah", "Julia", "Liam", "Mila", "Luca", "Sophie", "Finn", "Tess", "Sem", "Nora", "Daan", "Yara", "Levi", "Saar", "Milan", "Zoë", "Bram", "Lotte",
    "Jesse", "Fleur", "Thijs", "Evi", "Mees", "Lieke", "Sven", "Ayla", "Mohamed", "Fenna", "Adam", "Noor", "Ilias", "Roos", "Ravi", "Lina", "Stijn", "Amira",
    "Jens", "Hanna", "Ruben",
];
const LAST: [&str; 40] = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "Yilmaz",
    "El Amrani",
    "Schouten",
    "van Beek",
    "Willems",
    "Çelik",
];
const ADULT_FIRST: [&str; 24] = [
    "Anna", "Mark", "Ingrid", "Peter", "Fatima", "Ahmed", "Marieke", "Jeroen", "Sanne", "Bas", "Eline", "Tom", "Özlem", "Kees", "Miriam", "Hans", "Karin",
    "Rob", "Esther", "Joost", "Naima", "Wim", "Petra", "Erik",
];

struct Scale {
    name: &'static str,
    parallel: usize, // groups per grade; eight grades
    per_group: usize,
    leavers_per_year: usize,
    staff: usize,
    years: i32,
    photos: usize,
    distinct: usize,
    photo_size: (u32, u32),
    publications: usize,
    camera: usize,
    camera_size: (u32, u32),
    roster_rows: usize,
}

const FULL: Scale = Scale {
    name: "full",
    parallel: 5,
    per_group: 25,
    leavers_per_year: 150,
    staff: 80,
    years: 5,
    photos: 20_000,
    distinct: 300,
    photo_size: (800, 600),
    publications: 3_000,
    camera: 200,
    camera_size: (4000, 3000),
    roster_rows: 1_000,
};

const SMOKE: Scale = Scale {
    name: "smoke",
    parallel: 1,
    per_group: 4,
    leavers_per_year: 3,
    staff: 2,
    years: 2,
    photos: 120,
    distinct: 6,
    photo_size: (480, 360),
    publications: 30,
    camera: 6,
    camera_size: (1200, 900),
    roster_rows: 50,
};

/// A pupil of the data set, with the school years they were at school
/// (index 0 is the oldest year) and their group letter.
struct Pupil {
    name: String,
    guardians: [String; 2],
    birth: NaiveDate,
    letter: char,
    /// Grade (1–8) in the current school year; above 8 for a past leaver.
    grade_now: i32,
    /// Last school year at school (index); None: still at school after this one.
    left_after: Option<i32>,
}

impl Pupil {
    fn grade_in(&self, year: i32, years: i32) -> i32 {
        self.grade_now - (years - 1 - year)
    }
    fn present(&self, year: i32, years: i32) -> bool {
        let g = self.grade_in(year, years);
        (1..=8).contains(&g)
    }
}

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().ok_or("usage: bench_data OUT [--seed N] [--scale full|smoke]")?);
    let (mut seed, mut scale) = (1u64, &FULL);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().ok_or("--seed needs a number")?.parse()?,
            "--scale" => {
                scale = match args.next().as_deref() {
                    Some("full") => &FULL,
                    Some("smoke") => &SMOKE,
                    _ => return Err("--scale is full or smoke".into()),
                }
            }
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    // A set made by this version of the generator, from the same seed and scale, is reused.
    if let Ok(bytes) = std::fs::read(out.join("manifest.json")) {
        let old: serde_json::Value = serde_json::from_slice(&bytes)?;
        if old["version"] == VERSION && old["seed"] == seed && old["scale"] == scale.name {
            eprintln!("data set {} is there already", out.display());
            return Ok(());
        }
    }
    let partial = out.with_extension("partial");
    if partial.exists() {
        std::fs::remove_dir_all(&partial)?;
    }
    std::fs::create_dir_all(&partial)?;
    let started = std::time::Instant::now();

    let pupils = pupils(scale, seed);
    write_camera(&partial.join("camera"), scale, seed)?;
    std::fs::write(partial.join("roster.csv"), roster_csv(scale.roster_rows, seed))?;
    let mut manifest = serde_json::json!({
        "version": VERSION, "seed": seed, "scale": scale.name, "password": PASSWORD,
        "camera_photos": scale.camera, "camera_size": [scale.camera_size.0, scale.camera_size.1], "roster_rows": scale.roster_rows,
    });
    for (mode, encrypted) in [("encrypted", true), ("plain", false)] {
        let t = std::time::Instant::now();
        let facts = school(&partial.join(mode), encrypted, scale, seed, &pupils)?;
        eprintln!("{mode}: made in {:.0} s", t.elapsed().as_secs_f64());
        manifest[mode] = facts;
    }
    std::fs::write(partial.join("manifest.json"), serde_json::to_vec_pretty(&manifest)?)?;
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::rename(&partial, &out)?;
    eprintln!("data set {} ready in {:.0} s", out.display(), started.elapsed().as_secs_f64());
    Ok(())
}

fn school_year_start(scale: &Scale, year: i32) -> NaiveDate {
    // The current school year began in September 2026.
    NaiveDate::from_ymd_opt(2026 - (scale.years - 1 - year), 9, 1).unwrap_or_default()
}

fn group_name(grade: i32, letter: char) -> String {
    format!("Groep {grade}{letter}")
}

fn unique_name(rng: &mut fastrand::Rng, taken: &mut HashSet<String>) -> String {
    loop {
        let name = format!("{} {}", FIRST[rng.usize(..FIRST.len())], LAST[rng.usize(..LAST.len())]);
        let name = if taken.contains(&name) { format!("{name} {}", taken.len()) } else { name };
        if taken.insert(name.clone()) {
            return name;
        }
    }
}

fn pupils(scale: &Scale, seed: u64) -> Vec<Pupil> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut taken = HashSet::new();
    let letters: Vec<char> = ('a'..='z').take(scale.parallel).collect();
    let mut all = Vec::new();
    let mut pupil = |rng: &mut fastrand::Rng, grade_now: i32, left_after: Option<i32>, letter: char| {
        let name = unique_name(rng, &mut taken);
        let surname = name.split_once(' ').map(|(_, l)| l.to_string()).unwrap_or_default();
        let guardians = [
            format!("{} {surname}", ADULT_FIRST[rng.usize(..ADULT_FIRST.len())]),
            format!("{} {}", ADULT_FIRST[rng.usize(..ADULT_FIRST.len())], LAST[rng.usize(..LAST.len())]),
        ];
        // Groep 1 is the year a child turns five.
        let birth_year = 2026 - 4 - grade_now;
        let birth = NaiveDate::from_ymd_opt(birth_year, 1 + rng.u32(..12), 1 + rng.u32(..28)).unwrap_or_default();
        Pupil { name, guardians, birth, letter, grade_now, left_after }
    };
    for grade in 1..=8 {
        for &letter in &letters {
            for _ in 0..scale.per_group {
                all.push(pupil(&mut rng, grade, None, letter));
            }
        }
    }
    for past in 0..scale.years - 1 {
        for i in 0..scale.leavers_per_year {
            // Left after groep 8 in school year `past`: now in "grade" 8 + years since.
            let grade_now = 8 + (scale.years - 1 - past);
            all.push(pupil(&mut rng, grade_now, Some(past), letters[i % letters.len()]));
        }
    }
    all
}

fn school(dir: &Path, encrypted: bool, scale: &Scale, seed: u64, pupils: &[Pupil]) -> Res<serde_json::Value> {
    std::fs::create_dir_all(dir)?;
    let data = dir.join("data");
    let request = InitRequest {
        org_name: "Kindcentrum De Regenboog".into(),
        jurisdiction: "nl".into(),
        consent_age: None,
        school_year_start: None,
        username: "admin".into(),
        password: PASSWORD.into(),
    };
    // The recovery sheet printed, as at a real first start (it goes beside the data folder, and away).
    let sheet = dir.join("herstelblad.pdf");
    let (core, s) = if encrypted {
        Beeldakkoord::create_with_recovery_sheet(&data, &request, Lang::Nl, &OutputFile::new(&sheet, true))?
    } else {
        Beeldakkoord::create_unencrypted(&data, &request)?
    };
    let _ = std::fs::remove_file(&sheet);
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    let letters: Vec<char> = ('a'..='z').take(scale.parallel).collect();
    for grade in 1..=8 {
        for &letter in &letters {
            core.add_group(&s, &group_name(grade, letter))?;
        }
    }

    // The pupils at school now come from the roster export, as in a school;
    // those who left were entered in earlier years.
    let mut csv = String::from("Leerlingnummer;Naam;Geboortedatum;Groep;Ouder 1;Ouder 2\r\n");
    for (i, p) in pupils.iter().enumerate().filter(|(_, p)| p.left_after.is_none()) {
        csv.push_str(&format!(
            "{};{};{};{};{};{}\r\n",
            100_000 + i,
            p.name,
            p.birth.format("%d-%m-%Y"),
            group_name(p.grade_now, p.letter),
            p.guardians[0],
            p.guardians[1]
        ));
    }
    core.import_roster(&s, csv.as_bytes(), false)?;
    let listed = core.people(&s, &PeopleFilter { include_left: true, ..Default::default() })?;
    let by_name: std::collections::HashMap<&str, i64> = listed.iter().map(|p| (p.name.as_str(), p.id)).collect();
    let mut ids = Vec::with_capacity(pupils.len());
    for p in pupils {
        let id = match (p.left_after, by_name.get(p.name.as_str())) {
            (None, Some(&id)) => id,
            (None, None) => return Err(format!("the roster did not add {}", p.name).into()),
            (Some(_), _) => core.add_person(
                &s,
                &NewPerson {
                    name: p.name.clone(),
                    kind: PersonKind::Child,
                    birth_date: Some(p.birth),
                    groups: vec![group_name(8, p.letter)],
                    guardians: p.guardians.to_vec(),
                },
            )?,
        };
        ids.push(id);
    }

    // Staff: a teacher per group (and a few more), each with an account for their group.
    let mut taken: HashSet<String> = pupils.iter().map(|p| p.name.clone()).collect();
    for i in 0..scale.staff {
        let group = group_name(1 + (i / letters.len()) as i32 % 8, letters[i % letters.len()]);
        let name = unique_name(&mut rng, &mut taken);
        let person = core.add_person(&s, &NewPerson { name, kind: PersonKind::Staff, birth_date: None, groups: vec![group.clone()], guardians: vec![] })?;
        let user = format!("leerkracht{:02}", i + 1);
        core.add_user(&s, &NewUser { user: user.clone(), role: Role::Teacher, groups: vec![group], password: format!("{PASSWORD} {i}") })?;
        core.link_user_person(&s, &user, Some(person))?;
    }

    // Consent: a new version of the form each school year, every pupil's
    // answers in September or October, and about one in ten withdrawing
    // part of it later that year.
    let form = core.forms(&s)?.into_iter().find(|f| f.builtin.is_some() && f.active).ok_or("a built-in form")?.id;
    let base = core.form(&s, form, None)?.content;
    let items: Vec<String> = base.items.iter().map(|i| i.to_string()).collect();
    let today = core.today();
    let (mut records, mut withdrawals) = (0u32, 0u32);
    for year in 0..scale.years {
        let start = school_year_start(scale, year);
        if year > 0 {
            let mut content = base.clone();
            content.text = format!("Schooljaar {}-{}.\n\n{}", start.year(), start.year() + 1, base.text);
            core.save_form(&s, form, &content)?;
        }
        for (p, &id) in pupils.iter().zip(&ids).filter(|(p, _)| p.present(year, scale.years)) {
            let answers: Vec<AnswerInput> = items
                .iter()
                .map(|item| {
                    let likely = if item.contains("social") || item.contains("promotion") {
                        0.45
                    } else if item.contains("website") {
                        0.7
                    } else {
                        0.92
                    };
                    AnswerInput { item: item.clone(), yes: rng.f64() < likely }
                })
                .collect();
            let signer = rng.usize(..2);
            let date = (start + Duration::days(rng.i64(0..45))).min(today);
            core.record_consent(
                &s,
                &RecordRequest {
                    person: id,
                    form,
                    version: None,
                    answers: answers.clone(),
                    given_by: p.guardians[signer].clone(),
                    co_signers: if rng.bool() { vec![p.guardians[1 - signer].clone()] } else { vec![] },
                    method: Method::Paper,
                    date: Some(date),
                },
            )?;
            records += 1;
            let given: Vec<&AnswerInput> = answers.iter().filter(|a| a.yes).collect();
            // Before the summer holiday, so a leaver's withdrawal comes before their leave date.
            let later = date + Duration::days(rng.i64(50..240));
            if rng.f64() < 0.1 && !given.is_empty() && later < today {
                let item = given[rng.usize(..given.len())].item.clone();
                core.withdraw_consent(
                    &s,
                    &WithdrawRequest {
                        person: id,
                        items: vec![item],
                        all: false,
                        given_by: p.guardians[signer].clone(),
                        co_signers: vec![],
                        method: Method::Paper,
                        date: Some(later),
                    },
                )?;
                withdrawals += 1;
            }
        }
    }
    for (p, &id) in pupils.iter().zip(&ids) {
        if let Some(year) = p.left_after {
            let left = NaiveDate::from_ymd_opt(school_year_start(scale, year).year() + 1, 7, 10).unwrap_or_default();
            core.set_leave_date(&s, id, left)?;
        }
    }

    let photos = photo_library(&core, &s, dir, scale, seed)?;
    drop(core);
    let (photo_30, tags) = tag_photos(&data, encrypted, scale, seed, pupils, &ids, &photos)?;
    let (core, s) = if encrypted { Beeldakkoord::unlock(&data, "admin", PASSWORD)? } else { Beeldakkoord::open_unencrypted(&data, "admin", PASSWORD)? };
    let publications = publish(&core, &s, scale, seed, &photos)?;

    let past_leavers = |years: std::ops::Range<i32>| pupils.iter().filter(|p| p.left_after.is_some_and(|y| years.contains(&y))).count();
    // The two most recent years of leavers: the dossier batch's period.
    let first_batch_year = (scale.years - 3).max(0);
    let leavers_from = NaiveDate::from_ymd_opt(school_year_start(scale, first_batch_year).year(), 9, 1).unwrap_or_default();
    let leavers_to = NaiveDate::from_ymd_opt(school_year_start(scale, scale.years - 1).year(), 8, 31).unwrap_or_default();
    Ok(serde_json::json!({
        "groups": 8 * scale.parallel,
        "pupils": pupils.iter().filter(|p| p.left_after.is_none()).count(),
        "leavers": past_leavers(0..scale.years),
        "guardians": 2 * pupils.len(),
        "staff": scale.staff,
        "consent_records": records,
        "withdrawals": withdrawals,
        "photos": photos.len(),
        "distinct_pictures": scale.distinct,
        "tags": tags,
        "publications": publications,
        "photo_30": photo_30,
        "leavers_from": leavers_from,
        "leavers_to": leavers_to,
        "leavers_in_batch": past_leavers(first_batch_year..scale.years - 1),
    }))
}

/// One photo of the library: its id, the school year and group it shows.
struct LibraryPhoto {
    id: i64,
    year: i32,
    grade: i32,
    letter: char,
    taken: NaiveDate,
}

/// A picture with shapes and gradients: each distinct, compressing as a photo would.
fn picture(rng: &mut fastrand::Rng, (w, h): (u32, u32)) -> RgbImage {
    let (a, b, c) = (rng.u32(1..9), rng.u32(1..9), rng.u8(..));
    let (cx, cy, r) = (rng.u32(..w), rng.u32(..h), rng.u32(h / 8..h / 2));
    RgbImage::from_fn(w, h, |x, y| {
        let dx = x.abs_diff(cx);
        let dy = y.abs_diff(cy);
        let inside = dx * dx + dy * dy < r * r;
        let noise = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 13) as u8 & 15;
        if inside {
            Rgb([c.wrapping_add(noise), (x * a / 7) as u8, 200u8.wrapping_sub(noise)])
        } else {
            Rgb([(x * a / 5) as u8 ^ noise, (y * b / 5) as u8, c.wrapping_add((x + y) as u8 / 3)])
        }
    })
}

fn jpeg(img: &RgbImage, quality: u8) -> Res<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    JpegEncoder::new_with_quality(&mut out, quality).encode_image(img)?;
    Ok(out.into_inner())
}

/// A camera's file: the picture with an EXIF block (date taken, camera) and
/// a comment that makes it one of a kind.
fn camera_file(jpeg: &[u8], taken: NaiveDate, n: usize) -> Res<Vec<u8>> {
    use exif::experimental::Writer;
    use exif::{Field, In, Tag, Value};
    let ascii = |tag, s: String| Field { tag, ifd_num: In::PRIMARY, value: Value::Ascii(vec![s.into_bytes()]) };
    let fields = [
        ascii(Tag::DateTimeOriginal, taken.format("%Y:%m:%d 10:15:00").to_string()),
        ascii(Tag::Make, "Beeldakkoord".into()),
        ascii(Tag::Model, "Benchmark camera".into()),
        Field { tag: Tag::Orientation, ifd_num: In::PRIMARY, value: Value::Short(vec![1]) },
    ];
    let mut w = Writer::new();
    for f in &fields {
        w.push_field(f);
    }
    let mut tiff = Cursor::new(Vec::new());
    w.write(&mut tiff, false)?;
    let tiff = tiff.into_inner();
    let note = format!("Beeldakkoord benchmark photo {n}");
    let mut out = Vec::with_capacity(jpeg.len() + tiff.len() + 64);
    out.extend_from_slice(&jpeg[..2]); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(tiff.len() + 8)?.to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&u16::try_from(note.len() + 2)?.to_be_bytes());
    out.extend_from_slice(note.as_bytes());
    out.extend_from_slice(&jpeg[2..]);
    Ok(out)
}

fn write_camera(folder: &Path, scale: &Scale, seed: u64) -> Res<()> {
    std::fs::create_dir_all(folder)?;
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xca3e7a);
    // Two pictures alternate, so no import can reuse a decoded picture.
    let pictures = [jpeg(&picture(&mut rng, scale.camera_size), 92)?, jpeg(&picture(&mut rng, scale.camera_size), 92)?];
    let day = NaiveDate::from_ymd_opt(2026, 10, 2).unwrap_or_default();
    for i in 0..scale.camera {
        let bytes = camera_file(&pictures[i % 2], day, i)?;
        std::fs::write(folder.join(format!("IMG_{:04}.JPG", i + 1)), bytes)?;
    }
    Ok(())
}

fn roster_csv(rows: usize, seed: u64) -> String {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x7051e7);
    let mut taken = HashSet::new();
    let mut s = String::from("Leerlingnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Ouder 1;Ouder 2\r\n");
    for i in 0..rows {
        let name = unique_name(&mut rng, &mut taken);
        let (first, last) = name.split_once(' ').unwrap_or((&name, "Jansen"));
        let (tussen, achter) = match last.rsplit_once(' ') {
            Some((t, a)) if t.chars().all(|c| c.is_lowercase() || c == ' ') => (t, a),
            _ => ("", last),
        };
        let grade = 1 + (i % 8) as i32;
        s.push_str(&format!(
            "{};{first};{tussen};{achter};{:02}-{:02}-{};Groep {grade}{};{} {last};{} {}\r\n",
            200_000 + i,
            1 + rng.u32(..28),
            1 + rng.u32(..12),
            2026 - 4 - grade,
            ['a', 'b', 'c', 'd', 'e'][i % 5],
            ADULT_FIRST[rng.usize(..ADULT_FIRST.len())],
            ADULT_FIRST[rng.usize(..ADULT_FIRST.len())],
            LAST[rng.usize(..LAST.len())],
        ));
    }
    s
}

/// Import the library through the core, a batch of files at a time.
fn photo_library(core: &Beeldakkoord, s: &Session, dir: &Path, scale: &Scale, seed: u64) -> Res<Vec<LibraryPhoto>> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0xf070);
    let pictures: Vec<Vec<u8>> = (0..scale.distinct).map(|_| jpeg(&picture(&mut rng, scale.photo_size), 85)).collect::<Res<_>>()?;
    let letters: Vec<char> = ('a'..='z').take(scale.parallel).collect();
    let today = core.today();
    let mut plan = Vec::with_capacity(scale.photos);
    for i in 0..scale.photos {
        // Spread over the school years, more in recent ones (more cameras, more trips).
        let year = ((i as f64 / scale.photos as f64).sqrt() * scale.years as f64) as i32;
        let year = year.clamp(0, scale.years - 1);
        let start = school_year_start(scale, year);
        let taken = (start + Duration::days(rng.i64(0..300))).min(today - Duration::days(1));
        plan.push((year, 1 + rng.i32(0..8), letters[rng.usize(..letters.len())], taken));
    }
    let camera = dir.join("import");
    let mut out = Vec::with_capacity(scale.photos);
    for (chunk_no, chunk) in plan.chunks(500).enumerate() {
        std::fs::create_dir_all(&camera)?;
        let mut paths = Vec::with_capacity(chunk.len());
        for (k, &(_, _, _, taken)) in chunk.iter().enumerate() {
            let n = chunk_no * 500 + k;
            let path = camera.join(format!("DSC_{n:05}.JPG"));
            std::fs::write(&path, camera_file(&pictures[n % pictures.len()], taken, n)?)?;
            paths.push(path);
        }
        let report = core.import_photos(s, &paths, FacesAtImport::Later, &mut |_| true)?;
        if !report.failed.is_empty() || report.imported.len() != chunk.len() {
            return Err(format!("import of {} files: {} failed", chunk.len(), report.failed.len()).into());
        }
        // The report lists the files in the order given.
        for (photo, &(year, grade, letter, taken)) in report.imported.iter().zip(chunk) {
            out.push(LibraryPhoto { id: photo.id, year, grade, letter, taken });
        }
        std::fs::remove_dir_all(&camera)?;
        eprint!("\r  photos: {}/{}", out.len(), scale.photos);
    }
    eprintln!();
    Ok(out)
}

/// Photo types, tags with boxes, and the "checked" mark, in one transaction.
/// Returns the id of the class photo with 30 people and the number of tags.
fn tag_photos(data: &Path, encrypted: bool, scale: &Scale, seed: u64, pupils: &[Pupil], ids: &[i64], photos: &[LibraryPhoto]) -> Res<(i64, u64)> {
    let key = if encrypted { Some(beeldakkoord_core::crypto::keyfile::KeyFile::read(data)?.ok_or("no key file")?.open("admin", PASSWORD)?.0) } else { None };
    let mut conn = beeldakkoord_core::store::connect(&data.join("beeldakkoord.sqlite3"), key.as_ref())?;
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x7a9);
    let class = |year: i32, grade: i32, letter: char| -> Vec<i64> {
        pupils.iter().zip(ids).filter(|(p, _)| p.letter == letter && p.grade_in(year, scale.years) == grade).map(|(_, &id)| id).collect()
    };
    let (w, h) = (i64::from(scale.photo_size.0), i64::from(scale.photo_size.1));
    let tx = conn.transaction()?;
    let mut tags = 0u64;
    let mut photo_30 = 0;
    {
        let mut tag =
            tx.prepare("INSERT INTO photo_tags (photo_id, person_id, box_x, box_y, box_w, box_h, highlighted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        let mut kind = tx.prepare("UPDATE photos SET photo_type = ?2, posed = ?3, checked_at = ?4 WHERE id = ?1")?;
        for (n, p) in photos.iter().enumerate() {
            let mut people = class(p.year, p.grade, p.letter);
            // The first photo is the class photo of two groups together: 30 people (fewer in the smoke set).
            let wanted = if n == 0 {
                let other = if p.grade < 8 { p.grade + 1 } else { p.grade - 1 };
                people.extend(class(p.year, other, p.letter));
                30.min(people.len())
            } else {
                let roll = rng.f64();
                if roll < 0.25 {
                    rng.usize(15..=30)
                } else if roll < 0.8 {
                    rng.usize(1..=8)
                } else {
                    1
                }
                .min(people.len())
            };
            let (photo_type, posed) = if n == 0 || wanted >= 15 {
                ("group", true)
            } else if wanted == 1 {
                ("individual", false)
            } else {
                ("activity", false)
            };
            rng.shuffle(&mut people);
            people.truncate(wanted);
            if n == 0 {
                photo_30 = p.id;
            }
            let cols = (people.len() as f64).sqrt().ceil().max(1.0) as i64;
            let (cw, ch) = (w / cols, h / cols);
            for (k, &person) in people.iter().enumerate() {
                let (cx, cy) = ((k as i64 % cols) * cw, (k as i64 / cols) * ch);
                let highlighted = photo_type == "activity" && k < 2;
                tag.execute(rusqlite::params![p.id, person, cx + cw / 6, cy + ch / 6, (cw * 2 / 3).max(8), (ch * 2 / 3).max(8), highlighted])?;
                tags += 1;
            }
            // The newest few are waiting for a check, as after a trip.
            let checked = (n + 40 < photos.len()).then(|| format!("{}T15:00:00", p.taken));
            kind.execute(rusqlite::params![p.id, photo_type, posed, checked])?;
        }
    }
    tx.commit()?;
    Ok((photo_30, tags))
}

/// Publications through the core: each one checked against consent on its
/// date, as the window does; a blocked use is not published.
fn publish(core: &Beeldakkoord, s: &Session, scale: &Scale, seed: u64, photos: &[LibraryPhoto]) -> Res<usize> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x9b);
    let today = core.today();
    let (mut made, mut tries) = (0, 0);
    while made < scale.publications && tries < scale.publications * 30 {
        tries += 1;
        let p = &photos[rng.usize(..photos.len())];
        let channel = ["website", "newsletter", "internal", "website", "newsletter"][rng.usize(..5)];
        let date = (p.taken + Duration::days(rng.i64(1..30))).min(today);
        let place = match channel {
            "website" => format!("Website, album {}", p.taken.format("%Y-%m")),
            "newsletter" => format!("Nieuwsbrief {}", p.taken.format("%m-%Y")),
            _ => "Ouderportaal".to_string(),
        };
        match core.add_publication(s, p.id, channel, "information", &place, Some(date)) {
            Ok(_) => made += 1,
            Err(beeldakkoord_core::Error::PhotoUse(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    if made < scale.publications {
        return Err(format!("only {made} of {} publications were allowed in {tries} tries", scale.publications).into());
    }
    Ok(made)
}
