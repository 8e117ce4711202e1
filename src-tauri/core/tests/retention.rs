//! Retention through the core API: terms that end the day after their last
//! day, a run that removes exactly what its dry run listed, holds for photos
//! still online and dossiers never printed, the audit trail that still
//! verifies and records the removal by number, and the append-only triggers
//! that still refuse every other delete.

mod common;

use std::path::Path;

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{BoxInput, NewPerson, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::decision::verdict::Outcome;
use beeldakkoord_core::domain::audit::AuditFilter;
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::domain::photo::PhotoBox;
use beeldakkoord_core::domain::retention::{Hold, RetentionRule, RetentionSettings};
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{Beeldakkoord, Lang};
use chrono::NaiveDate;
use common::{answer, d, dump, photo_hashes, setup};

struct Office {
    bram: i64,
    cas: i64,
    anna: i64,
    /// Only Anna on it, never published.
    only_anna: i64,
    /// Anna and Bram, boxes, never published.
    with_bram: i64,
    /// Anna without a box, Bram with one, never published.
    no_box: i64,
    /// Anna on it, published and taken down.
    taken_down: i64,
    /// Cas on it, still on the website.
    online: i64,
    online_publication: i64,
    /// Nobody on it, never published.
    untagged: i64,
}

fn import(core: &Beeldakkoord, s: &Session, dir: &Path, seed: u8) -> i64 {
    let camera = dir.join(format!("camera{seed}"));
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([(x as u8).wrapping_mul(seed), y as u8, seed])).save(camera.join(format!("foto{seed}.jpg"))).unwrap();
    core.import_photos(s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id
}

fn tag(core: &Beeldakkoord, s: &Session, photo: i64, person: i64, x: i64) {
    core.tag_photo(s, photo, person, Some(BoxInput { x, y: 20, w: 60, h: 60 }), false).unwrap();
}

fn child(core: &Beeldakkoord, s: &Session, name: &str, guardians: &[&str]) -> i64 {
    let guardians = guardians.iter().map(|g| g.to_string()).collect();
    core.add_person(s, &NewPerson { name: name.into(), kind: PersonKind::Child, birth_date: Some(d("2014-03-01")), groups: vec!["Groep A".into()], guardians })
        .unwrap()
}

/// Bram stays; Cas left in 2019 and is on a photo still online; Anna (added
/// last, so hers are the highest numbers) left on 31 July 2020.
fn office(dir: &Path) -> (Beeldakkoord, Session, Office) {
    let (core, s) = setup(dir);
    core.add_group(&s, "Groep A").unwrap();
    let bram = child(&core, &s, "Bram Jansen", &["Marieke Visser", "Johan Jansen"]);
    let cas = child(&core, &s, "Cas de Wit", &["Femke de Wit"]);
    answer(&core, &s, cas, &[("group/website/information", true)], "Femke de Wit", Method::Paper, d("2018-09-03"));
    let anna = child(&core, &s, "Anna Visser", &["Marieke Visser", "Ruud Visser"]);
    answer(&core, &s, anna, &[("group/website/information", true)], "Marieke Visser", Method::Paper, d("2019-09-02"));
    core.withdraw_consent(
        &s,
        &WithdrawRequest {
            person: anna,
            items: vec![],
            all: true,
            given_by: "Ruud Visser".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d("2020-03-02")),
        },
    )
    .unwrap();
    let wrong = answer(&core, &s, anna, &[("group/website/information", true)], "Ruud Visser", Method::Paper, d("2020-03-03"));
    core.void_consent_event(&s, anna, wrong, "verkeerde leerling").unwrap();

    let only_anna = import(&core, &s, dir, 1);
    tag(&core, &s, only_anna, anna, 10);
    let with_bram = import(&core, &s, dir, 2);
    tag(&core, &s, with_bram, anna, 10);
    tag(&core, &s, with_bram, bram, 100);
    let no_box = import(&core, &s, dir, 3);
    core.tag_photo(&s, no_box, anna, None, false).unwrap();
    tag(&core, &s, no_box, bram, 100);
    let taken_down = import(&core, &s, dir, 4);
    tag(&core, &s, taken_down, anna, 10);
    let p = core.add_publication(&s, taken_down, "website", "information", "Schoolwebsite", Some(d("2019-10-01"))).unwrap();
    core.remove_publication(&s, p, Some(d("2020-08-15"))).unwrap();
    let online = import(&core, &s, dir, 5);
    tag(&core, &s, online, cas, 10);
    let online_publication = core.add_publication(&s, online, "website", "information", "Schoolwebsite", Some(d("2018-10-01"))).unwrap();
    let untagged = import(&core, &s, dir, 6);
    // Tagged while they were there (the photos carry no date: today counts).
    core.set_leave_date(&s, cas, d("2019-07-31")).unwrap();
    core.set_leave_date(&s, anna, d("2020-07-31")).unwrap();
    (core, s, Office { bram, cas, anna, only_anna, with_bram, no_box, taken_down, online, online_publication, untagged })
}

fn dossier(core: &Beeldakkoord, s: &Session, dir: &Path, person: i64) {
    core.print_dossier(s, person, Lang::Nl, &OutputFile::new(dir.join(format!("dossier-{person}.pdf")), true)).unwrap();
}

fn last_event(data: &Path) -> i64 {
    common::raw(data).query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get(0)).unwrap()
}

#[test]
fn terms_end_the_day_after_their_last_day_and_a_dry_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s, o) = office(dir.path());
    let (before, files) = (dump(&data, last_event(&data)), photo_hashes(&data));
    let dry = |date: &str| core.run_retention(&s, Some(d(date)), true).unwrap();

    // One year after 31 July 2020: kept through 31 July 2021.
    assert!(dry("2021-07-31").leavers.iter().all(|l| l.person != o.anna));
    let photos = dry("2021-08-01");
    let anna = photos.leavers.iter().find(|l| l.person == o.anna).expect("Anna's photos are due");
    assert_eq!(anna.rules, [RetentionRule::LeaverPhotos]);
    assert_eq!(anna.photos, [o.only_anna], "only the photo nobody else is on goes");
    assert_eq!((anna.removed.photos, anna.removed.tags, anna.removed.tags_unnamed, anna.removed.person), (1, 1, 2, false));
    assert_eq!(anna.hold, None);
    assert!(photos.dry_run);

    // Five years: consent kept through 31 July 2025, then held for the dossier.
    let kept = dry("2025-07-31");
    assert_eq!(kept.leavers.iter().find(|l| l.person == o.anna).unwrap().rules, [RetentionRule::LeaverPhotos]);
    let due = dry("2025-08-01");
    let anna = due.leavers.iter().find(|l| l.person == o.anna).unwrap();
    assert_eq!(anna.rules, [RetentionRule::LeaverPhotos, RetentionRule::LeaverConsent]);
    assert_eq!(anna.hold, Some(Hold::DossierNotPrinted));
    assert!(!anna.removed.person);
    let cas = due.leavers.iter().find(|l| l.person == o.cas).unwrap();
    assert_eq!(cas.hold, Some(Hold::PublicationOnline { publications: vec![o.online_publication] }));

    // A date to come may be looked at, not removed.
    let later = core.run_retention(&s, Some(d("2030-01-01")), false).unwrap_err();
    assert_eq!(later.code(), "retention.future_date");
    assert!(later.message(Lang::Nl).contains("proefrun"), "{}", later.message(Lang::Nl));

    assert_eq!(dump(&data, i64::MAX), before, "a dry run and a refused run leave every row as it was");
    assert_eq!(photo_hashes(&data), files);
    assert_eq!(last_event(&data), before.iter().filter(|r| r.starts_with("audit_events:")).count() as i64);
}

#[test]
fn a_run_removes_what_its_dry_run_listed_and_the_trail_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s, o) = office(dir.path());
    // The reminder: Anna waits for her dossier (Cas for his photo to come down); her photo may go already.
    let due = core.retention_due(&s).unwrap();
    assert_eq!((due.persons, due.photos, due.dossiers_missing, due.last_run.as_deref()), (0, 1, 1, None));
    dossier(&core, &s, dir.path(), o.anna);
    let only_anna_hash = core.photo(&s, o.only_anna).unwrap().0.hash;
    let anna_events: i64 = common::raw(&data).query_row("SELECT MAX(id) FROM consent_events", [], |r| r.get(0)).unwrap();

    let dry = core.run_retention(&s, None, true).unwrap();
    let run = core.run_retention(&s, None, false).unwrap();
    assert!(!run.dry_run);
    assert_eq!((dry.leavers.clone(), dry.untagged.clone(), dry.total.clone()), (run.leavers.clone(), run.untagged.clone(), run.total.clone()));
    let anna = run.leavers.iter().find(|l| l.person == o.anna).unwrap();
    assert_eq!(anna.hold, None);
    // Record, withdrawal, the wrong record and its void.
    assert_eq!((anna.removed.person, anna.removed.consent_events, anna.removed.memberships), (true, 4, 1));
    assert_eq!(anna.removed.guardians, 1, "Ruud goes; Marieke stays for Bram");
    assert_eq!((anna.removed.photos, anna.removed.tags_unnamed), (1, 3));
    assert_eq!(run.persons, 1);

    // Her record is gone with a reason; her dossier is refused.
    for err in
        [core.person(&s, o.anna).unwrap_err(), core.print_dossier(&s, o.anna, Lang::Nl, &OutputFile::new(dir.path().join("again.pdf"), true)).unwrap_err()]
    {
        assert_eq!(err.code(), "person.purged");
        assert!(err.message(Lang::Nl).contains("bewaartermijn") && err.message(Lang::En).contains("printed dossier"), "{}", err.message(Lang::En));
    }
    assert!(!dir.path().join("again.pdf").exists());
    // Her photo is gone, files too; on the others someone unknown stays visible to the verdict.
    assert_eq!(core.photo(&s, o.only_anna).unwrap_err().code(), "photo.unknown");
    assert!(photo_hashes(&data).keys().all(|f| !f.contains(&only_anna_hash)), "no file of the removed photo is left");
    let tags = |p: i64| core.photo(&s, p).unwrap().1;
    let with_bram = tags(o.with_bram);
    assert_eq!(with_bram.len(), 2);
    assert!(with_bram.iter().any(|t| t.person.is_none() && t.area == Some(PhotoBox { x: 10, y: 20, w: 60, h: 60 })));
    assert!(
        tags(o.no_box).iter().any(|t| t.person.is_none() && t.area == Some(PhotoBox { x: 0, y: 0, w: 320, h: 240 })),
        "a tag without a box covers the whole photo"
    );
    assert!(tags(o.taken_down).iter().all(|t| t.person.is_none()));
    assert_eq!(core.photo_detail(&s, o.taken_down).unwrap().publications.len(), 1, "the publication stays as evidence");
    let check = core.check_photo(&s, o.with_bram, "website", "information", None).unwrap();
    assert_ne!(check.verdict.outcome, Outcome::Allowed);
    // Cas is held (still online) and keeps everything; Bram is untouched.
    assert!(core.person(&s, o.cas).is_ok() && core.person(&s, o.bram).is_ok());
    assert_eq!(tags(o.online)[0].person, Some(o.cas));
    // The untagged photo is younger than its term.
    assert!(core.photo(&s, o.untagged).is_ok());

    // The trail verifies and says what went, for whom by number, on which rule: no name.
    let trail = core.verify_audit(&s).unwrap();
    assert!(trail.ok, "{trail:?}");
    let log = core.audit_log(&s, &AuditFilter { person: Some(o.anna), ..AuditFilter::default() }).unwrap();
    let purge = log.entries.iter().find(|e| e.action == "retention.purge").expect("the removal is logged");
    assert!(purge.details.contains("leaver_consent") && purge.details.contains("\"consent_events\":4"), "{}", purge.details);
    let raw = common::raw(&data);
    let details: Vec<String> = raw
        .prepare("SELECT details FROM audit_events WHERE action LIKE 'retention.%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(details.iter().all(|t| !t.contains("Anna") && !t.contains("Visser")), "{details:?}");

    // The school's export still lists her: she is not taken in again; a recent leaver is.
    let roster = "naam;geboortedatum;groep;vertrekdatum\nAnna Visser;01-03-2014;Groep A;31-07-2020\nFleur Bos;01-03-2014;Groep A;31-07-2026\n";
    let imported = core.import_roster(&s, roster.as_bytes(), false).unwrap();
    assert_eq!((imported.added, imported.past_retention), (1, 1));
    assert!(core
        .people(&s, &beeldakkoord_core::api::PeopleFilter { include_left: true, ..Default::default() })
        .unwrap()
        .iter()
        .all(|p| p.name != "Anna Visser"));

    // Her numbers are never given again.
    let next = child(&core, &s, "Eva", &["Office"]);
    assert_eq!(next, o.anna + 2, "Fleur took the first number after Anna's");
    let event = answer(&core, &s, next, &[("group/website/information", true)], "Office", Method::Paper, d("2026-09-01"));
    assert!(event > anna_events);

    // Every other delete of consent is still refused; the pass is empty.
    assert_eq!(raw.query_row("SELECT COUNT(*) FROM retention_pass", [], |r| r.get::<_, i64>(0)).unwrap(), 0);
    for sql in [
        format!("DELETE FROM consent_events WHERE person_id = {next}"),
        format!("DELETE FROM consent_events WHERE person_id = {}", o.cas),
        format!("DELETE FROM consent_answers WHERE event_id = {event}"),
        format!("UPDATE consent_events SET given_on = '2020-01-01' WHERE id = {event}"),
        format!("DELETE FROM purged_persons WHERE person_id = {}", o.anna),
        "DELETE FROM audit_events".to_string(),
    ] {
        let err = raw.execute(&sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }

    let due = core.retention_due(&s).unwrap();
    assert_eq!((due.persons, due.photos, due.tags_unnamed, due.dossiers_missing), (0, 0, 0, 0), "nothing left but Cas, held by his photo online");
    assert!(due.last_run.is_some());
    // A second run finds nothing more and logs no removal.
    let events = last_event(&data);
    let again = core.run_retention(&s, None, false).unwrap();
    assert_eq!((again.persons, again.total.photos, again.total.tags_unnamed), (0, 0, 0));
    let new_actions: Vec<String> =
        raw.prepare("SELECT action FROM audit_events WHERE id > ?1").unwrap().query_map([events], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(new_actions, ["retention.run"]);
}

#[test]
fn a_delete_past_the_triggers_by_another_program_is_caught_by_the_trail() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s, o) = office(dir.path());
    let raw = common::raw(&data);
    // Someone who read the schema takes the pass themselves.
    raw.execute_batch(&format!(
        "INSERT INTO retention_pass (person_id) VALUES ({b});
         DELETE FROM consent_answers WHERE event_id IN (SELECT id FROM consent_events WHERE person_id = {b});
         DELETE FROM consent_events WHERE person_id = {b};
         DELETE FROM retention_pass;",
        b = o.cas
    ))
    .unwrap();
    let trail = core.verify_audit(&s).unwrap();
    assert!(!trail.ok);
    assert_eq!(trail.table.as_deref(), Some("consent_events"));
}

#[test]
fn an_online_photo_holds_consent_until_it_is_taken_down_and_a_skipped_dossier_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s, o) = office(dir.path());
    let held = core.run_retention(&s, None, false).unwrap();
    assert_eq!(held.leavers.iter().find(|l| l.person == o.cas).unwrap().hold, Some(Hold::PublicationOnline { publications: vec![o.online_publication] }));
    core.remove_publication(&s, o.online_publication, Some(d("2026-11-01"))).unwrap();
    // Now the dossier holds; an administrator skips it with a reason.
    let next = core.run_retention(&s, None, true).unwrap();
    assert_eq!(next.leavers.iter().find(|l| l.person == o.cas).unwrap().hold, Some(Hold::DossierNotPrinted));
    assert_eq!(core.skip_dossier(&s, o.cas, "   ").unwrap_err().code(), "retention.no_reason");
    assert_eq!(core.skip_dossier(&s, o.bram, "vertrekt niet").unwrap_err().code(), "retention.not_left");
    core.skip_dossier(&s, o.cas, "papieren dossier 2019 ligt in het archief").unwrap();
    let log = core.audit_log(&s, &AuditFilter { person: Some(o.cas), ..AuditFilter::default() }).unwrap();
    assert!(log.entries.iter().any(|e| e.action == "retention.dossier_skipped" && e.details.contains("archief")));
    let run = core.run_retention(&s, None, false).unwrap();
    let cas = run.leavers.iter().find(|l| l.person == o.cas).unwrap();
    assert!(cas.removed.person && cas.hold.is_none());
    assert_eq!(cas.removed.guardians, 1);
    // The published photo stays, with someone unknown where Cas was.
    let (_, tags) = core.photo(&s, o.online).unwrap();
    assert_eq!((tags.len(), tags[0].person), (1, None));
    assert!(core.verify_audit(&s).unwrap().ok);
}

#[test]
fn photos_nobody_is_named_on_go_the_day_after_their_term() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s, o) = office(dir.path());
    // Imported today without a date in the file: the import date counts.
    let imported: NaiveDate = core.photo(&s, o.untagged).unwrap().0.imported_at[..10].parse().unwrap();
    let last = imported.checked_add_months(chrono::Months::new(24)).unwrap();
    let listed = |date: NaiveDate| core.run_retention(&s, Some(date), true).unwrap().untagged.iter().any(|u| u.photo == o.untagged);
    assert!(!listed(last));
    assert!(listed(last.succ_opt().unwrap()));
    let core = core.with_today(last.succ_opt().unwrap());
    let hash = core.photo(&s, o.untagged).unwrap().0.hash;
    let run = core.run_retention(&s, None, false).unwrap();
    assert_eq!(run.untagged.iter().map(|u| u.photo).collect::<Vec<_>>(), [o.untagged]);
    assert_eq!(core.photo(&s, o.untagged).unwrap_err().code(), "photo.unknown");
    assert!(photo_hashes(&data).keys().all(|f| !f.contains(&hash)));
    // Published photos stay whatever their age.
    assert!(core.photo(&s, o.taken_down).is_ok() && core.photo(&s, o.online).is_ok());
    assert!(core.verify_audit(&s).unwrap().ok);
}

#[test]
fn terms_are_checked_and_a_refused_change_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s, _) = office(dir.path());
    assert_eq!(core.retention_settings(&s).unwrap(), RetentionSettings { photos_years: 1, consent_years: 5, untagged_years: 2 });
    let before = dump(&data, i64::MAX);
    let set =
        |p, c, u| core.set_retention_settings(&s, RetentionSettings { photos_years: p, consent_years: c, untagged_years: u }).map_err(|e| e.code().as_str());
    assert_eq!(set(0, 5, 2), Err("retention.years"));
    assert_eq!(set(1, 31, 2), Err("retention.years"));
    assert_eq!(set(1, 5, 0), Err("retention.years"));
    assert_eq!(set(6, 5, 2), Err("retention.photos_longer"));
    assert_eq!(dump(&data, i64::MAX), before);
    assert_eq!(set(2, 7, 3), Ok(RetentionSettings { photos_years: 2, consent_years: 7, untagged_years: 3 }));
    assert_eq!(core.retention_settings(&s).unwrap().consent_years, 7);
    assert!(core.verify_audit(&s).unwrap().ok);
}
