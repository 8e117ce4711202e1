//! The fuzzing corpus (`fuzz/corpus/TARGET`: seeds and every input the
//! fuzzer kept, including those that once crashed) replayed through the same
//! checks the fuzz targets run, on the stable toolchain, in every test run.

use std::path::Path;

use beeldakkoord_core::fuzzing;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target);
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let bytes = std::fs::read(entry.path()).unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if std::panic::catch_unwind(|| check(&bytes)).is_err() {
            panic!("{target}: corpus input {name} fails");
        }
        n += 1;
    }
    assert!(n >= 3, "{target}: the corpus has {n} inputs; seeds are missing");
}

#[test]
fn roster_corpus() {
    replay("roster_csv", fuzzing::roster_csv);
}

#[test]
fn form_corpus() {
    replay("form_toml", fuzzing::form_toml);
}

#[test]
fn image_corpus() {
    replay("image", fuzzing::image);
}

#[test]
fn backup_corpus() {
    replay("backup", fuzzing::backup);
}
