//! A busy school office for tests that need volume: `seed_office DATA_DIR`
//! sets up a Flemish school (consent for the whole school career, so the
//! dates below hold on any day of the year) with one class of 30 pupils who
//! gave consent for class photos on the website three months ago, 20 class
//! photos with all 30 boxed and tagged, 100 website publications of each
//! (2 000 in all) a month ago, and today ten of the families withdrawing.
//! Every publication then has someone to take down. Everything goes
//! through the core API, as the window and the command line would do it.
//!
//! The administrator's password comes from `BEELDAKKOORD_PASSWORD`.

use std::path::PathBuf;

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{BoxInput, InitRequest, NewPerson, RecordRequest, WithdrawRequest};
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Beeldakkoord;
use chrono::{Duration, NaiveDate};

const PUPILS: usize = 30;
const PHOTOS: usize = 20;
const PUBLICATIONS_PER_PHOTO: usize = 100;
const WITHDRAWING: usize = 10;
const ITEM: &str = "class/website/activities";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: seed_office DATA_DIR")?);
    let password = std::env::var("BEELDAKKOORD_PASSWORD").map_err(|_| "set BEELDAKKOORD_PASSWORD")?;
    let request = InitRequest {
        org_name: "Basisschool De Regenboog".into(),
        jurisdiction: "be-vl".into(),
        consent_age: None,
        school_year_start: None,
        username: "admin".into(),
        password,
    };
    // The recovery sheet goes beside the data folder, as a setup's sheet must go somewhere outside it.
    let sheet = dir.with_extension("herstelblad.pdf");
    let (core, s) =
        Beeldakkoord::create_with_recovery_sheet(&dir, &request, beeldakkoord_core::Lang::Nl, &beeldakkoord_core::files::OutputFile::new(&sheet, true))?;
    let today = core.today();
    let (asked, published) = (today - Duration::days(90), today - Duration::days(30));

    core.add_group(&s, "Klas 4A")?;
    let form = core.forms(&s)?.first().ok_or("a built-in form")?.id;
    let mut pupils = Vec::new();
    for i in 0..PUPILS {
        let guardian = format!("Ouder van leerling {:02}", i + 1);
        let person = core.add_person(
            &s,
            &NewPerson {
                name: format!("Leerling {:02}", i + 1),
                kind: PersonKind::Child,
                birth_date: NaiveDate::from_ymd_opt(2017, 1 + (i % 12) as u32, 1 + i as u32 % 28),
                groups: vec!["Klas 4A".into()],
                guardians: vec![guardian.clone()],
            },
        )?;
        let answers = vec![AnswerInput::parse(&format!("{ITEM}=yes"))?];
        core.record_consent(
            &s,
            &RecordRequest { person, form, version: None, answers, given_by: guardian.clone(), co_signers: vec![], method: Method::Paper, date: Some(asked) },
        )?;
        pupils.push((person, guardian));
    }

    // Beeldakkoord never imports from its own data folder: the "camera" is elsewhere.
    let camera = std::env::temp_dir().join(format!("beeldakkoord-seed-{}", std::process::id()));
    std::fs::create_dir_all(&camera)?;
    let files: Vec<PathBuf> = (0..PHOTOS)
        .map(|i| {
            let path = camera.join(format!("KLAS_{i:03}.jpg"));
            let img = image::RgbImage::from_fn(1200, 900, |x, y| image::Rgb([(x / 5) as u8, (y / 4) as u8, (i * 12) as u8]));
            img.save(&path).map(|_| path)
        })
        .collect::<Result<_, _>>()?;
    let report = core.import_photos(&s, &files, FacesAtImport::Detect, &mut |_| true)?;
    std::fs::remove_dir_all(&camera)?;
    if !report.failed.is_empty() {
        return Err(format!("{} seed photos not imported", report.failed.len()).into());
    }
    for photo in report.imported.iter().map(|p| p.id) {
        core.set_photo(&s, photo, Some("class"), Some(true))?;
        // Six across, five down: a box for every pupil.
        for (i, (person, _)) in pupils.iter().enumerate() {
            let area = BoxInput { x: 20 + (i as i64 % 6) * 195, y: 20 + (i as i64 / 6) * 175, w: 150, h: 150 };
            core.tag_photo(&s, photo, *person, Some(area), false)?;
        }
        for n in 0..PUBLICATIONS_PER_PHOTO {
            core.add_publication(&s, photo, "website", "activities", &format!("https://regenboog.example/album/{photo}/{n}"), Some(published))?;
        }
    }

    for (person, guardian) in pupils.iter().take(WITHDRAWING) {
        let withdraw = WithdrawRequest {
            person: *person,
            items: vec![ITEM.into()],
            all: false,
            given_by: guardian.clone(),
            co_signers: vec![],
            method: Method::Paper,
            date: None,
        };
        core.withdraw_consent(&s, &withdraw)?;
    }
    println!(
        "{}",
        serde_json::json!({"pupils": PUPILS, "photos": report.imported.iter().map(|p| p.id).collect::<Vec<_>>(), "publications": PHOTOS * PUBLICATIONS_PER_PHOTO})
    );
    Ok(())
}
