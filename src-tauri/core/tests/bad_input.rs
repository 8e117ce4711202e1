//! Properties: whatever bytes a user hands Beeldakkoord as a roster, a form,
//! a photo or a backup, a refusal changes nothing — the logical dump of the
//! database and every file in the data folder stay as they were. The inputs
//! are random bytes and valid files with random bytes changed, inserted or
//! cut off.

mod common;

use std::path::Path;

use beeldakkoord_core::api::BackupSecret;
use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::Beeldakkoord;
use common::{dump, photo_hashes, setup};
use proptest::prelude::*;

const ROSTER: &str = "leerlingnummer;naam;geboortedatum;groep;ouder 1\n1001;Zoë van Dijk;03-04-2018;Groep 3;Marieke van Dijk\n1002;Bram Jansen;2018-05-01;Groep 3;Johan Jansen\n";

fn form() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/form-school.toml")).unwrap()
}

fn jpeg() -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 5, 90]))
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .unwrap();
    out
}

/// Changes to a valid file: (position, what happens there).
#[derive(Debug, Clone)]
enum Change {
    Set(usize, u8),
    Insert(usize, u8),
    Cut(usize),
}

fn changed(mut bytes: Vec<u8>, changes: &[Change]) -> Vec<u8> {
    for c in changes {
        match *c {
            Change::Set(at, b) if !bytes.is_empty() => {
                let n = bytes.len();
                bytes[at % n] = b;
            }
            Change::Insert(at, b) => bytes.insert(at % (bytes.len() + 1), b),
            Change::Cut(at) => bytes.truncate(at % (bytes.len() + 1)),
            Change::Set(..) => {}
        }
    }
    bytes
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Change::Set(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Change::Insert(a, b)),
        any::<usize>().prop_map(Change::Cut),
    ]
}

/// Random bytes, or a valid file with up to eight changes.
fn input(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![proptest::collection::vec(any::<u8>(), 0..600), proptest::collection::vec(change(), 1..8).prop_map(move |c| changed(valid.clone(), &c)),]
}

struct Office {
    _dir: tempfile::TempDir,
    core: Beeldakkoord,
    s: Session,
    data: std::path::PathBuf,
    inputs: std::path::PathBuf,
}

fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let data = dir.path().join("data");
    Office { _dir: dir, core, s, data, inputs }
}

type State = (Vec<String>, std::collections::BTreeMap<String, String>);

fn state(data: &Path) -> State {
    (dump(data, i64::MAX), photo_hashes(data))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_refused_roster_changes_nothing(bytes in input(ROSTER.as_bytes().to_vec())) {
        let o = office();
        let before = state(&o.data);
        let file = o.inputs.join("rooster.csv");
        std::fs::write(&file, &bytes).unwrap();
        if o.core.import_roster_file(&o.s, &file, false).is_err() {
            prop_assert_eq!(state(&o.data), before);
        }
    }

    #[test]
    fn a_refused_form_changes_nothing(bytes in input(form().into_bytes())) {
        let o = office();
        let before = state(&o.data);
        let file = o.inputs.join("formulier.toml");
        std::fs::write(&file, &bytes).unwrap();
        if o.core.import_form_file(&o.s, &file).is_err() {
            prop_assert_eq!(state(&o.data), before);
        }
    }

    #[test]
    fn a_refused_photo_changes_nothing(bytes in input(jpeg())) {
        let o = office();
        let before = state(&o.data);
        let file = o.inputs.join("foto.jpg");
        std::fs::write(&file, &bytes).unwrap();
        match o.core.import_photos(&o.s, std::slice::from_ref(&file), FacesAtImport::Detect, &mut |_| true) {
            Ok(report) if !report.failed.is_empty() => prop_assert_eq!(state(&o.data), before),
            Err(_) => prop_assert_eq!(state(&o.data), before),
            Ok(_) => {}
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// A damaged backup restores nothing (the target folder stays empty), or,
    /// where the change touched nothing that counts, exactly what was saved.
    #[test]
    fn a_damaged_backup_restores_nothing(changes in proptest::collection::vec(change(), 1..6)) {
        let o = office();
        let file = o.inputs.join("kopie.bkb");
        o.core.create_backup(&o.s, &beeldakkoord_core::files::OutputFile::new(&file, true)).unwrap();
        let bytes = changed(std::fs::read(&file).unwrap(), &changes);
        prop_assume!(bytes != std::fs::read(&file).unwrap());
        std::fs::write(&file, &bytes).unwrap();
        let target = o.inputs.join("nieuw");
        let secret = BackupSecret::Password { user: "admin".into(), password: "correct horse battery".into() };
        match Beeldakkoord::restore_backup(&file, &secret, &target, None) {
            Err(_) => {
                let left: Vec<_> = std::fs::read_dir(&target).map(|d| d.flatten().map(|e| e.file_name()).collect()).unwrap_or_default();
                prop_assert!(left.is_empty(), "left behind: {:?}", left);
            }
            Ok((core, s, _)) => {
                prop_assert_eq!(photo_hashes(&target), photo_hashes(&o.data));
                prop_assert_eq!(core.organisation().unwrap(), o.core.organisation().unwrap());
                prop_assert_eq!(core.groups(&s).unwrap(), o.core.groups(&o.s).unwrap());
            }
        }
    }
}
