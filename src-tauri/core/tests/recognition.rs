//! "Who is this?": the face descriptor against face-api.js' own output, its
//! accuracy on real photos of named people, and, through the core API, the
//! organisation's consent for the processing: nothing described while
//! suggestions are off, suggestions never applied without a click, nobody
//! excluded ever suggested, and switching off deleting every descriptor.
//!
//! Photos: the test images of the PyPI package `face_recognition` 1.3.0
//! (MIT; five photos of Barack Obama, two with part of the face hidden,
//! and one of Joe Biden), and the 1927 Solvay conference group photo of
//! the `rustface` crate (29 different people).

use std::path::{Path, PathBuf};

use beeldakkoord_core::api::{FacesAtImport, NewPerson, ScanWhich};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::domain::photo::{Embedding, Face, FaceState};
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::photos::{faces, recognition};
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{d, raw, setup};

fn named_photo(file: &str) -> PathBuf {
    PathBuf::from(concat!(env!("FACE_RECOGNITION_DIR"))).join(file)
}

const OBAMA: [&str; 5] = ["obama.jpg", "obama2.jpg", "obama3.jpg", "obama_partial_face.jpg", "obama_partial_face2.jpg"];

/// Every face on a photo file, described (as with suggestions on).
fn described(path: &Path) -> Vec<faces::FoundFace> {
    let bytes = std::fs::read(path).unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    let shown = (img.width(), img.height());
    let mut found = faces::detect(&img, shown).unwrap();
    faces::describe_faces(&img, shown, &mut found).unwrap();
    found
}

/// The descriptor of the largest face on a photo.
fn main_face(file: &str) -> Embedding {
    let found = described(&named_photo(file));
    let largest = found.iter().max_by_key(|f| f.area.h).unwrap_or_else(|| panic!("a face on {file}"));
    largest.embedding.unwrap_or_else(|| panic!("the face on {file} is described"))
}

#[test]
fn the_descriptor_is_face_api_js_own() {
    // A chip of obama.jpg, aligned once, and the descriptor face-api.js
    // (TensorFlow.js) gave for it: the graph written here is the same network.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/faces");
    let chip: Vec<f32> = std::fs::read(fixtures.join("obama-chip.rgb")).unwrap().into_iter().map(f32::from).collect();
    let want: Vec<f32> = serde_json::from_str(&std::fs::read_to_string(fixtures.join("obama-chip.face-api.json")).unwrap()).unwrap();
    let got = recognition::embed_chip(&chip).unwrap();
    let worst = got.0.iter().zip(&want).map(|(a, b)| (a - b).abs()).fold(0f32, f32::max);
    assert_eq!(want.len(), 128);
    assert!(worst < 1e-4, "differs from face-api.js by {worst}");
    assert!(recognition::embed_chip(&chip[1..]).is_err(), "a chip of the wrong size is refused");
}

/// Leave one out: each named photo is the new face; the gallery is every
/// other named photo and the 29 people of the Solvay photo, each their
/// own person. Top-1 is right when the closest person (within the
/// threshold) is the same person, or nobody when the gallery has no other
/// photo of them.
#[test]
fn the_same_person_is_found_among_thirty_others() {
    let mut gallery: Vec<(String, Embedding)> = Vec::new();
    for file in OBAMA {
        gallery.push(("obama".into(), main_face(file)));
    }
    gallery.push(("biden".into(), main_face("biden.jpg")));
    let solvay = described(&PathBuf::from(concat!(env!("RUSTFACE_DIR"), "/test.png")));
    for (i, e) in solvay.iter().filter_map(|f| f.embedding).enumerate() {
        gallery.push((format!("solvay-{i}"), e));
    }
    let people: Vec<String> = gallery.iter().map(|(p, _)| p.clone()).collect();
    let mut right = 0;
    for probe in 0..6 {
        let others = gallery.iter().enumerate().filter(|(i, _)| *i != probe).map(|(i, (_, e))| (i as i64, e));
        let top = recognition::closest_people(&gallery[probe].1, others).first().map(|(i, _)| people[*i as usize].clone());
        let truth = people[probe].clone();
        let expected = gallery.iter().enumerate().any(|(i, (p, _))| i != probe && *p == truth).then_some(truth);
        println!("{:>24}: closest {top:?}, expected {expected:?}", [&OBAMA[..], &["biden.jpg"]].concat()[probe]);
        if top == expected {
            right += 1;
        }
    }
    println!("top-1 {right}/6 among {} people", people.len() - 4);
    // Measured: 6 of 6. Locked with room for one.
    assert!(right >= 5, "top-1 fell to {right}/6");
}

/// Pairs of different people on one photo whose faces fall within the
/// threshold: each would be a wrong suggestion if one of them had been
/// named before. The old Solvay photo (grainy, black and white) is the
/// hard case; the face-api.js demo photos are ordinary colour photos.
#[test]
fn different_people_on_one_photo_are_seldom_taken_for_one() {
    let demo = Path::new(env!("FACEAPI_DIR")).join("demo");
    let mut photos = vec![PathBuf::from(concat!(env!("RUSTFACE_DIR"), "/test.png"))];
    photos.extend((1..=6).map(|i| demo.join(format!("sample{i}.jpg"))));
    let mut counts = Vec::new();
    for path in &photos {
        let people: Vec<Embedding> = described(path).iter().filter_map(|f| f.embedding).collect();
        let (mut pairs, mut confused) = (0, 0);
        for (i, a) in people.iter().enumerate() {
            for b in &people[i + 1..] {
                pairs += 1;
                if a.distance(b) < recognition::SAME_PERSON {
                    confused += 1;
                }
            }
        }
        println!("{}: {} faces described, {confused} of {pairs} pairs within the threshold", path.display(), people.len());
        counts.push((people.len(), pairs, confused));
    }
    // Measured: Solvay 29 faces, 38 of 406 pairs; the demo photos 21 faces, 0 of 43.
    let (faces, pairs, confused) = counts[0];
    assert!(faces >= 25 && confused * 100 <= pairs * 12, "Solvay: {confused} of {pairs} pairs ({faces} faces)");
    let demo_faces: usize = counts[1..].iter().map(|c| c.0).sum();
    let demo_confused: usize = counts[1..].iter().map(|c| c.2).sum();
    assert!(demo_faces >= 18 && demo_confused <= 1, "demo photos: {demo_confused} pairs confused ({demo_faces} faces)");
}

/// An office with one group: Barack and Joe in it.
struct Office {
    core: Beeldakkoord,
    admin: Session,
    data: PathBuf,
    camera: PathBuf,
    barack: i64,
    joe: i64,
}

fn office(dir: &Path) -> Office {
    let (core, admin) = setup(dir);
    core.add_group(&admin, "Groep 8").unwrap();
    let add = |name: &str| {
        core.add_person(
            &admin,
            &NewPerson { name: name.into(), kind: PersonKind::Child, birth_date: Some(d("2014-05-01")), groups: vec!["Groep 8".into()], guardians: vec![] },
        )
        .unwrap()
    };
    let (barack, joe) = (add("Barack"), add("Joe"));
    let camera = dir.join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    Office { core, admin, data: dir.join("data"), camera, barack, joe }
}

impl Office {
    fn import(&self, file: &str) -> i64 {
        let path = self.camera.join(file);
        std::fs::copy(named_photo(file), &path).unwrap();
        self.core.import_photos(&self.admin, &[path], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id
    }

    fn largest(&self, photo: i64) -> Face {
        self.core.photo_faces(&self.admin, photo).unwrap().into_iter().max_by_key(|f| f.area.h).unwrap()
    }

    fn count(&self, table: &str) -> i64 {
        raw(&self.data).query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }
}

#[test]
fn suggestions_need_the_organisations_choice_and_a_click() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path());
    // Off (the default): faces are found, nothing is described.
    let first = o.import("obama.jpg");
    let second = o.import("obama2.jpg");
    assert!(!o.core.face_status(&o.admin).unwrap().suggestions);
    assert_eq!((o.count("face_embeddings"), o.count("face_descriptions")), (0, 0));
    assert!(o.largest(first).suggestions.is_empty());

    // A teacher cannot switch them on; an administrator can.
    let teacher_error = o.core.set_face_suggestions(&teacher(&o), true).unwrap_err();
    assert_eq!(teacher_error.code().as_str(), "auth.forbidden");
    let status = o.core.set_face_suggestions(&o.admin, true).unwrap();
    assert_eq!(status.waiting, 2, "the photos imported before wait to be described");
    let report = o.core.scan_faces(&o.admin, ScanWhich::New, &mut |_| true).unwrap();
    assert_eq!(report.scanned, 2);
    assert_eq!(o.core.face_status(&o.admin).unwrap().waiting, 0);
    assert!(o.count("face_embeddings") >= 2);

    // Named on two photos: suggested for a third, with the count, but not applied.
    for photo in [first, second] {
        let face = o.largest(photo);
        o.core.name_face(&o.admin, photo, face.face, o.barack, false).unwrap();
    }
    let third = o.import("obama3.jpg");
    let face = o.largest(third);
    assert_eq!(face.state, FaceState::Suggested);
    assert_eq!(face.suggestions.len(), 1, "{:?}", face.suggestions);
    let s = &face.suggestions[0];
    assert_eq!((s.person, s.name.as_str(), s.photos), (o.barack, "Barack", 2));
    assert!(s.score > 1.0 - recognition::SAME_PERSON && s.score <= 1.0);
    assert!(o.core.photo(&o.admin, third).unwrap().1.iter().all(|t| t.person != Some(o.barack)), "a suggestion is not a tag");
    assert_eq!(o.core.check_photo(&o.admin, third, "website", "information", None).unwrap().verdict.unidentified_faces, 1, "it still counts as unidentified");
    // Joe (never named) is never suggested; naming Barack takes one click.
    o.core.name_face(&o.admin, third, face.face, o.barack, false).unwrap();
    assert_eq!(o.largest(third).state, FaceState::Named);

    // Barack's guardians object: never suggested again, his descriptors go.
    let fourth = o.import("obama_partial_face.jpg");
    assert!(!o.largest(fourth).suggestions.is_empty());
    let before = o.count("face_embeddings");
    o.core.set_face_exclusion(&o.admin, o.barack, true).unwrap();
    assert_eq!(o.count("face_embeddings"), before - 3, "the three faces named Barack lose their descriptors");
    assert!(o.largest(fourth).suggestions.is_empty());
    // Naming a face as him now keeps nothing to compare.
    let f = o.largest(fourth);
    o.core.name_face(&o.admin, fourth, f.face, o.barack, false).unwrap();
    assert_eq!(o.count("face_embeddings"), before - 4);
    // The objection lifted: his photos wait to be described again.
    o.core.set_face_exclusion(&o.admin, o.barack, false).unwrap();
    assert_eq!(o.core.face_status(&o.admin).unwrap().waiting, 4);
    o.core.scan_faces(&o.admin, ScanWhich::New, &mut |_| true).unwrap();
    assert_eq!(o.count("face_embeddings"), before);

    // Switched off: every descriptor is deleted, and none is made at import.
    o.core.set_face_suggestions(&o.admin, false).unwrap();
    assert_eq!((o.count("face_embeddings"), o.count("face_descriptions")), (0, 0));
    let fifth = o.import("obama_partial_face2.jpg");
    assert!(o.largest(fifth).suggestions.is_empty());
    assert_eq!(o.count("face_embeddings"), 0);
    assert_eq!(o.core.face_status(&o.admin).unwrap().waiting, 0);
    let _ = o.joe;
}

#[test]
fn switching_off_during_a_scan_keeps_nothing_the_scan_describes_after() {
    let dir = tempfile::tempdir().unwrap();
    let o = office(dir.path());
    for file in ["obama.jpg", "biden.jpg"] {
        std::fs::copy(named_photo(file), o.camera.join(file)).unwrap();
    }
    o.core.import_photos(&o.admin, std::slice::from_ref(&o.camera), FacesAtImport::Later, &mut |_| true).unwrap();
    o.core.set_face_suggestions(&o.admin, true).unwrap();
    // After the first photo, an administrator switches suggestions off.
    let mut switched = false;
    let report = o
        .core
        .scan_faces(&o.admin, ScanWhich::New, &mut |p| {
            if p.done == 1 && !switched {
                o.core.set_face_suggestions(&o.admin, false).unwrap();
                switched = true;
            }
            true
        })
        .unwrap();
    assert!(switched && report.scanned == 2);
    assert_eq!((o.count("face_embeddings"), o.count("face_descriptions")), (0, 0), "the second photo's faces were not kept");
    assert!(o.core.photo_faces(&o.admin, 2).unwrap().len() == 1, "the faces themselves were found");
}

fn teacher(o: &Office) -> Session {
    use beeldakkoord_core::api::NewUser;
    use beeldakkoord_core::auth::Role;
    let password = "wachtwoord van de beheerder";
    o.core.add_user(&o.admin, &NewUser { user: "juf".into(), role: Role::Teacher, groups: vec!["Groep 8".into()], password: password.into() }).unwrap();
    let first = o.core.login("juf", password).unwrap();
    o.core.change_password(&first, password, "een nieuw wachtwoord voor de juf").unwrap()
}
