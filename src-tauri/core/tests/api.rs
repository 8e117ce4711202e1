//! The core API on a real SQLite file: form versions, append-only history,
//! migrations and damaged databases.

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{NewPerson, RecordRequest, WithdrawRequest};
use beeldakkoord_core::decision::Status;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::store::{self, StoreError};
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{child, d, record, setup};

#[test]
fn editing_an_answered_form_makes_a_new_version_and_keeps_the_old_text() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let v1 = core.form(&s, 1, None).unwrap();
    assert!(!v1.answered);

    // Unanswered: a correction changes version 1 in place.
    let mut fixed = v1.content.clone();
    fixed.text.push_str("\nTypfout verbeterd.");
    let r = core.save_form(&s, 1, &fixed).unwrap();
    assert_eq!((r.version, r.new_version), (1, false));

    let anna = child(&core, &s);
    record(&core, &s, anna, 1, "group/website/information", "2026-09-01");
    assert!(core.form(&s, 1, None).unwrap().answered);

    // Answered: an edit becomes version 2; version 1 still reads as the parent read it.
    let mut changed = fixed.clone();
    changed.text = "Nieuwe tekst met een nieuw gebruik.".into();
    let r = core.save_form(&s, 1, &changed).unwrap();
    assert_eq!((r.version, r.new_version), (2, true));
    assert_eq!(core.form(&s, 1, Some(1)).unwrap().content.text, fixed.text);
    assert_eq!(core.form(&s, 1, Some(2)).unwrap().content.text, changed.text);
    assert_eq!(core.form_versions(&s, 1).unwrap().len(), 2);

    // Below the API, the database itself refuses to touch an answered version or any history.
    let refused = |sql: &str| core.store().read(|c| c.execute(sql, []).map_err(StoreError::from)).unwrap_err();
    for sql in [
        "UPDATE form_versions SET content = '{}' WHERE version = 1",
        "DELETE FROM form_versions WHERE version = 1",
        "UPDATE consent_events SET given_on = '2020-01-01'",
        "DELETE FROM consent_events",
        "UPDATE consent_answers SET answer = 'no'",
        "DELETE FROM consent_answers",
        "DELETE FROM audit_events",
    ] {
        let e = refused(sql);
        assert!(matches!(e, StoreError::AppendOnly(_)), "{sql}: {e:?}");
        assert_eq!(e.code(), "store.append_only");
    }
}

#[test]
fn history_is_append_only_and_the_audit_chain_holds() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let anna = child(&core, &s);
    let item = "group/website/information";
    let first = record(&core, &s, anna, 1, item, "2026-09-01");
    core.withdraw_consent(
        &s,
        &WithdrawRequest {
            person: anna,
            items: vec![item.into()],
            all: false,
            given_by: "Marieke".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d("2026-10-01")),
        },
    )
    .unwrap();
    let again = record(&core, &s, anna, 1, item, "2026-11-01");
    let history = core.history(&s, anna).unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0].id, first);
    assert_eq!(history[2].id, again);
    let at = |date| core.consent_at(&s, anna, Some(d(date))).unwrap().items.into_iter().find(|i| i.item == item).unwrap().status;
    assert_eq!(at("2026-09-15"), Status::Granted);
    assert_eq!(at("2026-10-15"), Status::Withdrawn);
    assert_eq!(at("2026-11-15"), Status::Granted);

    let chain = core.verify_audit(&s).unwrap();
    assert!(chain.broken_at.is_none());
    assert!(chain.events >= 6, "setup, two built-in forms, person, record, withdrawal, record");
}

#[test]
fn audit_tampering_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    child(&core, &s);
    drop(core);
    // Tamper with the file behind the app's back (triggers dropped first, as an attacker would).
    let conn = common::raw(&dir.path().join("data"));
    conn.execute_batch("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET details = '{\"name\":\"Someone else\"}' WHERE action = 'person.add';")
        .unwrap();
    drop(conn);
    let (core, s) = common::unlock(&dir.path().join("data"));
    let chain = core.verify_audit(&s).unwrap();
    assert!(chain.broken_at.is_some());
}

#[test]
fn data_survives_reopening_and_migrations_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let anna = child(&core, &s);
    drop(core);
    let data = dir.path().join("data");
    let version = |data: &std::path::Path| -> i64 { common::raw(data).query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap() };
    assert_eq!(version(&data) as usize, store::schema_version());
    let (core, s2) = common::unlock(&data);
    assert_eq!(core.person(&s2, anna).unwrap().guardians[0].name, "Marieke");
    assert_eq!(version(&data) as usize, store::schema_version());
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;").unwrap();
    drop(conn);
    let before = std::fs::read(&db).unwrap();
    let err = Beeldakkoord::unlock(dir.path(), "admin", "correct horse battery").err().expect("must refuse");
    assert_eq!(err.code(), "store.too_new");
    assert!(std::fs::read(&db).unwrap() == before, "the file must be left as it was");
}

#[test]
fn a_damaged_file_is_reported_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(store::DB_FILE);
    let junk: Vec<u8> = (0..8192u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(&db, &junk).unwrap();
    // Random bytes look like an encrypted database; the keys beside it are what is missing.
    let err = Beeldakkoord::unlock(dir.path(), "admin", "correct horse battery").err().expect("must refuse");
    assert_eq!(err.code(), "key.missing", "{err:?}");
    assert!(err.message(beeldakkoord_core::Lang::Nl).contains("reservekopie"));
    assert!(std::fs::read(&db).unwrap() == junk, "the file must be left as it was");
    // With the keys of another installation: the database is damaged, not read.
    let other = tempfile::tempdir().unwrap();
    setup(other.path());
    std::fs::copy(
        other.path().join("data").join(beeldakkoord_core::crypto::keyfile::KEYS_FILE),
        dir.path().join(beeldakkoord_core::crypto::keyfile::KEYS_FILE),
    )
    .unwrap();
    let err = Beeldakkoord::unlock(dir.path(), "admin", "correct horse battery").err().expect("must refuse");
    assert_eq!(err.code(), "store.damaged", "{err:?}");
    assert!(err.message(beeldakkoord_core::Lang::Nl).contains("reservekopie"));
    assert!(std::fs::read(&db).unwrap() == junk, "the file must be left as it was");
}

#[test]
fn a_data_folder_that_cannot_be_created_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let err = Beeldakkoord::create(&file.join("data"), &common::request()).err().expect("must fail");
    assert_eq!(err.code(), "store.data_dir");
    // Opening a folder that is not there creates nothing and says so.
    let err = Beeldakkoord::unlock(&dir.path().join("typo"), "admin", "correct horse battery").err().expect("must fail");
    assert_eq!(err.code(), "store.no_data");
    assert!(!dir.path().join("typo").exists());
}

#[test]
fn a_full_disk_stops_the_import_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let count = |core: &Beeldakkoord| core.people(&s, &Default::default()).unwrap().len();
    // SQLite reports SQLITE_FULL exactly as on a full disk once the page limit is reached.
    let pages: i64 = core.store().read(|c| c.query_row("PRAGMA page_count", [], |r| r.get(0)).map_err(StoreError::from)).unwrap();
    core.store().read(|c| c.execute_batch(&format!("PRAGMA max_page_count = {}", pages + 2)).map_err(StoreError::from)).unwrap();
    let mut csv = String::from("naam;geboortedatum;groep;ouder 1\n");
    for i in 0..2000 {
        csv.push_str(&format!("Kind met een lange naam nummer {i};2019-01-01;Groep {};Ouder met een lange naam {i}\n", i % 8));
    }
    let err = core.import_roster(&s, csv.as_bytes(), false).unwrap_err();
    assert_eq!(err.code(), "store.disk_full", "{err:?}");
    assert!(err.message(beeldakkoord_core::Lang::Nl).contains("Er is niets opgeslagen"));
    assert_eq!(count(&core), 0);
    // With room again, the same import goes through.
    core.store().read(|c| c.execute_batch("PRAGMA max_page_count = 1073741823").map_err(StoreError::from)).unwrap();
    assert_eq!(core.import_roster(&s, csv.as_bytes(), false).unwrap().added, 2000);
}

#[test]
fn crossing_the_consent_age_asks_for_the_persons_own_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    // Turns 16 on 2026-05-17; "today" is 2026-11-22.
    let sam = core
        .add_person(
            &s,
            &NewPerson { name: "Sam".into(), kind: PersonKind::Child, birth_date: Some(d("2010-05-17")), groups: vec![], guardians: vec!["Lotte".into()] },
        )
        .unwrap();
    let item = "group/website/information";
    core.record_consent(
        &s,
        &RecordRequest {
            person: sam,
            form: 1,
            version: None,
            answers: vec![AnswerInput { item: item.into(), yes: true }],
            given_by: "Lotte".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d("2025-09-01")),
        },
    )
    .unwrap();
    let before = core.person_page(&s, sam, Some(d("2026-05-16"))).unwrap();
    assert!(!before.own_confirmation_needed);
    assert_eq!(before.consents, beeldakkoord_core::domain::consent::GivenByRole::Guardian);
    // The school year 2025-2026 still runs on 2026-07-01: granted, given by the guardian, Sam is 16.
    let after = core.person_page(&s, sam, Some(d("2026-07-01"))).unwrap();
    assert_eq!(after.age, Some(16));
    assert!(after.own_confirmation_needed);
    // Sam confirms; nothing to ask any more.
    core.record_consent(
        &s,
        &RecordRequest {
            person: sam,
            form: 1,
            version: None,
            answers: vec![AnswerInput { item: item.into(), yes: true }],
            given_by: "Sam".into(),
            co_signers: vec![],
            method: Method::Digital,
            date: Some(d("2026-07-01")),
        },
    )
    .unwrap();
    assert!(!core.person_page(&s, sam, Some(d("2026-07-01"))).unwrap().own_confirmation_needed);
}

#[test]
fn a_slip_is_undone_by_a_void_event_that_keeps_the_mistake_visible() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let anna = child(&core, &s);
    let item = "group/website/information";
    let good = record(&core, &s, anna, 1, item, "2026-09-01");
    // The office ticked "no" on the wrong child's form by mistake.
    let slip = core
        .record_consent(
            &s,
            &RecordRequest {
                person: anna,
                form: 1,
                version: None,
                answers: vec![],
                given_by: "Marieke".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-10-01")),
            },
        )
        .unwrap();
    let status = |core: &Beeldakkoord| core.consent_at(&s, anna, Some(d("2026-10-15"))).unwrap().items.into_iter().find(|i| i.item == item).unwrap();
    assert_eq!(status(&core).status, Status::Denied);

    let err = core.void_consent_event(&s, anna, slip, "   ").unwrap_err();
    assert_eq!(err.code(), "consent.void_reason");
    let void = core.void_consent_event(&s, anna, slip, "Formulier van een ander kind").unwrap();
    let now = status(&core);
    assert_eq!((now.status, now.record), (Status::Granted, Some(good)));

    let history = core.history(&s, anna).unwrap();
    assert_eq!(history.len(), 3, "the mistake stays in the history");
    let slipped = history.iter().find(|e| e.id == slip).unwrap();
    assert_eq!(slipped.voided_by, Some(void));
    assert_eq!(core.void_consent_event(&s, anna, slip, "nog eens").unwrap_err().code(), "consent.already_voided");
    assert_eq!(core.void_consent_event(&s, anna, void, "een void ongedaan maken").unwrap_err().code(), "consent.unknown_event");
    let other = core
        .add_person(&s, &NewPerson { name: "Bram".into(), kind: PersonKind::Child, birth_date: Some(d("2020-01-01")), groups: vec![], guardians: vec![] })
        .unwrap();
    assert_eq!(core.void_consent_event(&s, other, good, "verkeerde persoon").unwrap_err().code(), "consent.unknown_event");
}

fn count_files(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).into_iter().flatten().flatten().map(|e| if e.path().is_dir() { count_files(&e.path()) } else { 1 }).sum()
}

#[test]
fn a_cancelled_import_keeps_what_it_recorded_and_leaves_no_stray_files() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let photos = dir.path().join("in");
    std::fs::create_dir_all(&photos).unwrap();
    for i in 0..12u8 {
        let img = image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([(x as u8).wrapping_mul(i + 1), y as u8, i]));
        img.save(photos.join(format!("IMG_{i:02}.jpg"))).unwrap();
    }
    let mut seen = Vec::new();
    let report = core
        .import_photos(&s, std::slice::from_ref(&photos), FacesAtImport::Detect, &mut |p| {
            seen.push(p.done);
            p.done < 3
        })
        .unwrap();
    assert!(report.cancelled);
    assert_eq!(report.imported.len(), 3, "stopped after the third");
    assert_eq!(seen, [0, 1, 2, 3], "progress counts up in file order");
    let names: Vec<&str> = report.imported.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["IMG_00.jpg", "IMG_01.jpg", "IMG_02.jpg"]);
    let library = dir.path().join("data/photos");
    assert_eq!(count_files(&library.join("originals")), 3, "files prepared after the stop are removed again");
    assert_eq!(count_files(&library.join("thumbs")), 3);
    // Importing everything afterwards finds the three again and adds the rest.
    let all = core.import_photos(&s, &[photos], FacesAtImport::Detect, &mut |_| true).unwrap();
    assert_eq!(all.imported.iter().filter(|p| !p.new).count(), 3);
    assert_eq!(all.imported.iter().filter(|p| p.new).count(), 9);
    assert_eq!(count_files(&library.join("originals")), 12);
}

#[test]
fn the_photo_list_pages_and_filters() {
    use beeldakkoord_core::api::PhotoFilter;
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(&dir.path().join("data"));
    core.add_group(&s, "Vlinders").unwrap();
    let kid = core
        .add_person(
            &s,
            &NewPerson { name: "Anna".into(), kind: PersonKind::Child, birth_date: Some(d("2019-01-01")), groups: vec!["Vlinders".into()], guardians: vec![] },
        )
        .unwrap();
    let photos = dir.path().join("in");
    std::fs::create_dir_all(&photos).unwrap();
    for i in 0..5u8 {
        image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * i, y as u8, i])).save(photos.join(format!("p{i}.png"))).unwrap();
    }
    let ids: Vec<i64> = core.import_photos(&s, &[photos], FacesAtImport::Detect, &mut |_| true).unwrap().imported.iter().map(|p| p.id).collect();
    core.set_photo(&s, ids[0], Some("group"), Some(true)).unwrap();
    core.tag_photo(&s, ids[0], kid, None, false).unwrap();
    core.tag_photo(&s, ids[1], kid, None, false).unwrap();

    let all = core.photos(&s, &PhotoFilter::default()).unwrap();
    assert_eq!(all.total, 5);
    assert_eq!(all.photos.first().unwrap().id, ids[4], "newest first");
    let page = core.photos(&s, &PhotoFilter { offset: 2, limit: 2, ..Default::default() }).unwrap();
    assert_eq!((page.total, page.photos.len()), (5, 2));
    assert_eq!(page.photos.iter().map(|p| p.id).collect::<Vec<_>>(), [ids[2], ids[1]]);
    let in_group = core.photos(&s, &PhotoFilter { group: Some("Vlinders".into()), ..Default::default() }).unwrap();
    assert_eq!(in_group.total, 2);
    let unchecked = core.photos(&s, &PhotoFilter { unchecked: true, ..Default::default() }).unwrap();
    assert_eq!(unchecked.total, 4, "only photo 0 has a type and a tag");
    // The page says the same of each photo, so the grid's badge and the filter agree.
    assert!(unchecked.photos.iter().all(|p| p.unchecked));
    assert_eq!(all.photos.iter().filter(|p| !p.unchecked).count(), 1);
    // Without EXIF a photo counts on the day it was imported (the real clock, not the test's "today").
    let imported = chrono::Local::now().date_naive();
    assert_eq!(core.photos(&s, &PhotoFilter { from: Some(imported), to: Some(imported), ..Default::default() }).unwrap().total, 5);
    assert_eq!(core.photos(&s, &PhotoFilter { to: Some(d("2020-01-01")), ..Default::default() }).unwrap().total, 0);
    assert_eq!(core.photos(&s, &PhotoFilter { untagged: true, ..Default::default() }).unwrap().total, 0);
    assert_eq!(core.photos(&s, &PhotoFilter { group: Some("Nergens".into()), ..Default::default() }).unwrap_err().code(), "group.unknown");

    // Every photo of one child, and each cell names who is on it.
    let bram =
        core.add_person(&s, &NewPerson { name: "Bram de Vries".into(), kind: PersonKind::Child, birth_date: None, groups: vec![], guardians: vec![] }).unwrap();
    core.tag_photo(&s, ids[1], bram, None, false).unwrap();
    let annas = core.photos(&s, &PhotoFilter { person: Some(kid), ..Default::default() }).unwrap();
    assert_eq!(annas.photos.iter().map(|p| p.id).collect::<Vec<_>>(), [ids[1], ids[0]]);
    assert_eq!(annas.photos[0].people, ["Anna", "Bram de Vries"], "by surname: Anna before Vries");
    assert_eq!(annas.photos[1].people, ["Anna"]);
    assert!(annas.photos.iter().all(|p| p.published.is_empty()));
    let brams = core.photos(&s, &PhotoFilter { person: Some(bram), group: Some("Vlinders".into()), ..Default::default() }).unwrap();
    assert_eq!(brams.photos.iter().map(|p| p.id).collect::<Vec<_>>(), [ids[1]], "person and group filters combine");
    assert!(core.photos(&s, &PhotoFilter::default()).unwrap().photos.iter().filter(|p| p.tags == 0).all(|p| p.people.is_empty()));
    assert_eq!(core.photos(&s, &PhotoFilter { person: Some(9_999), ..Default::default() }).unwrap_err().code(), "person.unknown");
}

#[test]
fn unknown_boxes_are_named_in_one_step_and_count_as_unidentified_until_then() {
    use beeldakkoord_core::api::{BoxInput, PhotoFilter};
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(&dir.path().join("data"));
    let anna = child(&core, &s);
    let photos = dir.path().join("in");
    std::fs::create_dir_all(&photos).unwrap();
    image::RgbImage::from_fn(400, 300, |x, y| image::Rgb([x as u8, y as u8, 7])).save(photos.join("feest.png")).unwrap();
    let id = core.import_photos(&s, &[photos], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.set_photo(&s, id, Some("activity"), Some(false)).unwrap();

    let b = BoxInput { x: 10, y: 20, w: 100, h: 120 };
    let tags = core.mark_unknown(&s, id, b).unwrap();
    assert_eq!(tags.len(), 1);
    assert_eq!((tags[0].person, tags[0].area.map(|a| (a.x, a.y, a.w, a.h))), (None, Some((10, 20, 100, 120))));
    assert_eq!(core.photos(&s, &PhotoFilter { untagged: true, ..Default::default() }).unwrap().total, 1);
    // An unknown person with a box: usable only anonymised; the export fills that box.
    let check = core.check_photo(&s, id, "website", "information", None).unwrap();
    assert_eq!(check.verdict.outcome, beeldakkoord_core::decision::verdict::Outcome::Anonymise);
    let publication = core.add_publication(&s, id, "website", "information", "Nieuwsbrief november", Some(d("2026-11-20"))).unwrap();
    // The library cell says where a photo is online, until it is taken down.
    let online = |core: &Beeldakkoord| core.photos(&s, &PhotoFilter::default()).unwrap().photos[0].published.clone();
    assert_eq!(online(&core), ["website"]);
    core.remove_publication(&s, publication, Some(d("2026-11-21"))).unwrap();
    assert!(online(&core).is_empty());
    let listed = core.photo_detail(&s, id).unwrap().publications;
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].outcome, listed[0].place.as_str(), listed[0].removed_on),
        (beeldakkoord_core::decision::verdict::Outcome::Anonymise, "Nieuwsbrief november", Some(d("2026-11-21")))
    );
    assert_eq!(core.publications(&s, id).unwrap(), listed);

    // A box outside the photo is refused and changes nothing.
    assert_eq!(core.mark_unknown(&s, id, BoxInput { x: 390, y: 0, w: 20, h: 20 }).unwrap_err().code(), "photo.box_outside");
    assert_eq!(core.photo_detail(&s, id).unwrap().tags.len(), 1);

    let named = core.identify_box(&s, id, tags[0].id, anna, true).unwrap();
    assert_eq!(named.len(), 1);
    assert_eq!((named[0].person, named[0].highlighted, named[0].area), (Some(anna), true, tags[0].area));
    assert_eq!(core.photos(&s, &PhotoFilter { untagged: true, ..Default::default() }).unwrap().total, 0);
    // The old box is gone: naming it again is refused, and nothing changes.
    assert_eq!(core.identify_box(&s, id, tags[0].id, anna, false).unwrap_err().code(), "photo.unknown_tag");
    assert_eq!(core.remove_tag(&s, id, tags[0].id).unwrap_err().code(), "photo.unknown_tag");
    assert_eq!(core.remove_tag(&s, id, named[0].id).unwrap(), vec![]);
    assert_eq!(core.remove_tag(&s, 999, named[0].id).unwrap_err().code(), "photo.unknown");
}

#[test]
fn naming_a_box_after_a_person_who_left_before_the_photo_keeps_the_box() {
    use beeldakkoord_core::api::BoxInput;
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(&dir.path().join("data"));
    let anna = child(&core, &s);
    core.set_leave_date(&s, anna, d("2026-01-31")).unwrap();
    let photos = dir.path().join("in");
    std::fs::create_dir_all(&photos).unwrap();
    image::RgbImage::from_fn(200, 100, |x, y| image::Rgb([x as u8, y as u8, 1])).save(photos.join("a.png")).unwrap();
    let id = core.import_photos(&s, &[photos], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    let tags = core.mark_unknown(&s, id, BoxInput { x: 0, y: 0, w: 50, h: 50 }).unwrap();
    // Without EXIF the photo counts on its import day, after Anna left.
    assert_eq!(core.identify_box(&s, id, tags[0].id, anna, false).unwrap_err().code(), "photo.person_left");
    assert_eq!(core.photo_detail(&s, id).unwrap().tags, tags, "the failed write changed nothing");
}

#[test]
fn thumbnails_and_previews_are_served_from_the_library_and_made_again_when_lost() {
    use beeldakkoord_core::api::Rendition;
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let photos = dir.path().join("in");
    std::fs::create_dir_all(&photos).unwrap();
    image::RgbImage::from_fn(3200, 1800, |x, y| image::Rgb([(x / 13) as u8, (y / 7) as u8, 90])).save(photos.join("groot.jpg")).unwrap();
    let id = core.import_photos(&s, &[photos], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;

    let preview = core.photo_file(&s, id, Rendition::Preview).unwrap();
    let img = image::load_from_memory(&preview).unwrap();
    assert_eq!((img.width(), img.height()), (1600, 900), "long side 1600, shape kept");
    let files = |kind: &str| -> Vec<std::path::PathBuf> {
        let root = dir.path().join("data").join("photos").join(kind);
        std::fs::read_dir(&root).unwrap().flatten().flat_map(|shard| std::fs::read_dir(shard.path()).unwrap().flatten().map(|f| f.path())).collect()
    };
    // On disk, every rendition is encrypted: no JPEG signature, nothing to open.
    for kind in ["originals", "thumbs", "previews"] {
        let found = files(kind);
        assert_eq!(found.len(), 1, "{kind}");
        let bytes = std::fs::read(&found[0]).unwrap();
        // The JPEG's start is nowhere near the file's start (anywhere later, random bytes may match by chance).
        assert!(bytes.starts_with(b"BKE1") && !bytes[..64].windows(3).any(|w| w == [0xFF, 0xD8, 0xFF]), "{kind}");
        assert!(image::load_from_memory(&bytes).is_err());
    }
    std::fs::remove_file(&files("thumbs")[0]).unwrap();
    let again = core.photo_file(&s, id, Rendition::Thumb).unwrap();
    let img = image::load_from_memory(&again).unwrap();
    assert_eq!((img.width(), img.height()), (400, 225));
    assert_eq!(core.photo_file(&s, 77, Rendition::Thumb).unwrap_err().code(), "photo.unknown");
    // A flipped byte in a stored file is damage, said so; never a wrong picture.
    let preview_file = &files("previews")[0];
    let mut bytes = std::fs::read(preview_file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    std::fs::write(preview_file, &bytes).unwrap();
    let err = core.photo_file(&s, id, Rendition::Preview).unwrap_err();
    assert_eq!(err.code(), "photo.damaged");
    assert!(!err.message(beeldakkoord_core::Lang::Nl).contains(&dir.path().display().to_string()), "no full path in the message");
    // A plain JPEG put in the library's place is refused too.
    std::fs::write(preview_file, &again).unwrap();
    assert_eq!(core.photo_file(&s, id, Rendition::Preview).unwrap_err().code(), "photo.damaged");
}

#[test]
fn choices_notices_and_publications_are_listed_for_the_window() {
    use beeldakkoord_core::api::NewNotice;
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(&dir.path().join("data"));
    let choices = core.photo_choices(&s).unwrap();
    let keys = |v: &[beeldakkoord_core::domain::form::Choice]| v.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
    assert_eq!(keys(&choices.photo_types), ["group", "individual", "activity"]);
    assert_eq!(keys(&choices.channels), ["internal", "newsletter", "website", "social"]);
    // The staff form adds recruitment.
    assert_eq!(keys(&choices.purposes), ["information", "promotion", "recruitment"]);

    core.add_group(&s, "Vlinders").unwrap();
    let notice = |purposes: Vec<String>, channels: Vec<String>, date: &str| NewNotice {
        groups: vec!["Vlinders".into()],
        all_staff: false,
        purposes,
        channels,
        text: "We maken sfeerfoto's van activiteiten.".into(),
        date: Some(d(date)),
    };
    assert_eq!(core.add_notice(&s, &notice(vec![], vec!["website".into()], "2026-09-01")).unwrap_err().code(), "notice.uses");
    let first = core.add_notice(&s, &notice(vec!["information".into()], vec!["website".into()], "2026-09-01")).unwrap();
    let second = core.add_notice(&s, &notice(vec!["information".into()], vec!["newsletter".into(), "website".into()], "2026-10-01")).unwrap();
    let list = core.notices(&s).unwrap();
    assert_eq!(list.iter().map(|n| n.id).collect::<Vec<_>>(), [second, first], "newest first");
    assert_eq!(list[0].groups, ["Vlinders"]);
    assert_eq!(list[0].channels, ["newsletter", "website"]);
    assert_eq!(list[0].text, "We maken sfeerfoto's van activiteiten.");
}

#[test]
fn a_class_photo_is_posed_by_its_type_whatever_its_box_says() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(&dir.path().join("data"));
    core.add_group(&s, "Vlinders").unwrap();
    let kids: Vec<i64> =
        ["Anna de Wit", "Bram Smit", "Cas Pauwels"].iter().map(|name| common::add(&core, &s, name, "2020-01-01", "Vlinders", &["Marieke"])).collect();
    for &kid in &kids {
        record(&core, &s, kid, 1, "group/website/information", "2026-09-01");
    }
    // The built-in form calls its group photo posed; an activity photo it does not.
    let choices = core.photo_choices(&s).unwrap();
    let posed = |key: &str| choices.photo_types.iter().find(|c| c.key == key).unwrap().posed;
    assert!(posed("group") && !posed("activity"));

    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 90])).save(camera.join("klas.jpg")).unwrap();
    let photo = core.import_photos(&s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    for &kid in &kids {
        core.tag_photo(&s, photo, kid, None, false).unwrap();
    }
    // Unticking "posed" on a group photo does not turn consenting children into "not informed".
    assert!(core.set_photo(&s, photo, Some("group"), Some(false)).unwrap().posed, "the type wins over the box");
    let check = core.check_photo(&s, photo, "website", "information", Some(d("2026-10-01"))).unwrap();
    assert_eq!(check.verdict.outcome, beeldakkoord_core::decision::verdict::Outcome::Allowed);
    assert!(check.verdict.people.iter().all(|l| l.targeted && l.fine));
    assert_eq!(check.consents.len(), 3, "each line cites its own form");

    // An activity photo of three, nobody highlighted: not targeted, so the notice counts and there is none.
    let activity = core.set_photo(&s, photo, Some("activity"), Some(false)).unwrap();
    assert!(!activity.posed);
    let check = core.check_photo(&s, photo, "website", "information", Some(d("2026-10-01"))).unwrap();
    assert!(check.verdict.people.iter().all(|l| !l.targeted && !l.fine));
}
