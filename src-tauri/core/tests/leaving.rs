//! Leaving ends what it should, through the core API: with the
//! organisation's setting on (the default), every "yes" of a person who left
//! counts as ended from the day after the leave date ("left on …"), the
//! verdict says why, the publications they are on go on the takedown list,
//! and the exit dossier names what leaving ended. With the setting off, the
//! terms of the forms run on as before.

use beeldakkoord_core::api::{BoxInput, FacesAtImport};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::decision::verdict::Rule;
use beeldakkoord_core::decision::Status;
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::domain::org::Organisation;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::Lang;
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{add, answer, d, setup};

const WEB: &str = "group/website/information";

/// A child in Groep 3 with a "yes" for the website (school-year term, so
/// until 31 July 2027), on a posed class photo published on 1 October.
/// Returns (child, photo).
fn office(core: &Beeldakkoord, s: &Session, dir: &std::path::Path) -> (i64, i64) {
    core.add_group(s, "Groep 3").unwrap();
    let noor = add(core, s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    answer(core, s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let camera = dir.join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 90])).save(camera.join("klas.jpg")).unwrap();
    let photo = core.import_photos(s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.tag_photo(s, photo, noor, Some(BoxInput { x: 10, y: 10, w: 60, h: 60 }), false).unwrap();
    core.set_photo(s, photo, Some("group"), Some(true)).unwrap();
    core.add_publication(s, photo, "website", "information", "Website groep 3", Some(d("2026-10-01"))).unwrap();
    core.set_leave_date(s, noor, d("2026-11-13")).unwrap();
    (noor, photo)
}

fn set_leaving_ends(core: &Beeldakkoord, s: &Session, on: bool) {
    let org = core.organisation().unwrap();
    core.update_organisation(s, &Organisation { leaving_ends_consent: on, ..org }).unwrap();
}

#[test]
fn by_default_a_yes_ends_the_day_after_leaving_and_the_publication_must_come_down() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    assert!(core.organisation().unwrap().leaving_ends_consent, "on by default");
    let (noor, photo) = office(&core, &s, dir.path());

    let on = |day: &str| core.consent_at(&s, noor, Some(d(day))).unwrap().items.into_iter().find(|i| i.item == WEB).unwrap();
    let last_day = on("2026-11-13");
    assert_eq!((last_day.status, last_day.valid_until, last_day.left_on), (Status::Granted, Some(d("2026-11-13")), None));
    let after = on("2026-11-14");
    assert_eq!((after.status, after.left_on), (Status::Expired, Some(d("2026-11-13"))));

    let check = core.check_photo(&s, photo, "website", "information", Some(d("2026-11-14"))).unwrap();
    let line = check.verdict.people.iter().find(|l| l.person == Some(noor)).unwrap();
    assert_eq!(line.rule, Rule::LeftOrganisation);
    assert!(!line.fine);
    assert!(core.check_photo(&s, photo, "website", "information", Some(d("2026-11-13"))).unwrap().verdict.people[0].fine);

    let list = core.takedown_list(&s, Some(d("2026-11-14"))).unwrap();
    assert_eq!(list.iter().map(|t| t.photo).collect::<Vec<_>>(), [photo]);
    assert_eq!(list[0].people[0].rule, Rule::LeftOrganisation);
    assert!(core.takedown_list(&s, Some(d("2026-11-13"))).unwrap().is_empty(), "not before the day after leaving");

    let out = dir.path().join("dossier.pdf");
    core.print_dossier(&s, noor, Lang::Nl, &OutputFile::new(&out, true)).unwrap();
    let text = common::content_text(&out);
    assert!(text.contains("Niets: alle toestemming eindigt uiterlijk bij het vertrek."), "{text}");
    assert!(text.contains("Beëindigd door het vertrek op 13-11-2026"), "{text}");
    assert!(text.contains("de termijn liep anders t/m 31-07-2027"), "{text}");
    // The event's own table says the same: the yes counted until the leave date, not its term.
    assert!(text.contains("Ja t/m 13-11-2026 (beëindigd door vertrek)"), "{text}");
    assert!(!text.contains("Ja t/m 31-07-2027"), "{text}");
}

#[test]
fn with_the_setting_off_the_terms_run_on_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    set_leaving_ends(&core, &s, false);
    assert!(!core.organisation().unwrap().leaving_ends_consent);
    let (noor, photo) = office(&core, &s, dir.path());

    let after = core.consent_at(&s, noor, Some(d("2026-11-14"))).unwrap().items.into_iter().find(|i| i.item == WEB).unwrap();
    assert_eq!((after.status, after.valid_until, after.left_on), (Status::Granted, Some(d("2027-07-31")), None));
    assert!(core.takedown_list(&s, Some(d("2026-11-14"))).unwrap().is_empty());
    let check = core.check_photo(&s, photo, "website", "information", Some(d("2026-11-14"))).unwrap();
    assert!(check.verdict.people[0].fine);
    // The line cites the paper it rests on by title, day and signer, not by number.
    let source = &check.consents[..];
    assert_eq!(source.len(), 1);
    assert_eq!(Some(source[0].record), check.verdict.people[0].record);
    assert_eq!((source[0].withdrawal, source[0].date, source[0].signers.clone()), (false, d("2026-09-01"), vec!["Ilse Bakker".to_string()]));
    assert_eq!(source[0].form_version, Some(1));
    assert!(source[0].form_title.as_deref().is_some_and(|t| !t.is_empty()));
    assert!(check.notices.is_empty());

    let out = dir.path().join("dossier.pdf");
    core.print_dossier(&s, noor, Lang::Nl, &OutputFile::new(&out, true)).unwrap();
    let text = common::content_text(&out);
    assert!(text.contains("Blijft geldig na de vertrekdatum"), "{text}");
    assert!(!text.contains("Beëindigd door het vertrek"), "{text}");
    assert!(text.contains("Ja t/m 31-07-2027") && !text.contains("beëindigd door vertrek"), "{text}");

    // Switched on again: the same history reads as ended, nothing rewritten.
    set_leaving_ends(&core, &s, true);
    let after = core.consent_at(&s, noor, Some(d("2026-11-14"))).unwrap().items.into_iter().find(|i| i.item == WEB).unwrap();
    assert_eq!(after.left_on, Some(d("2026-11-13")));
}
