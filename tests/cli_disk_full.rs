//! A full disk, for real: the data folder (or the backup's folder) on a
//! small tmpfs in a private mount namespace (`unshare`), filled up. The
//! photo import and the backup say the disk is full, the database stays
//! intact, and no partial file is left behind.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{images, walk, Office, PASSWORD};

/// Run `script` (sh) in a private mount namespace where `$SMALL` is a fresh
/// tmpfs of `kib` KiB; `$BIN` is the app. Returns the script's output.
fn on_a_small_disk(o: &Office, kib: u32, script: &str) -> std::process::Output {
    let small = o.path().join("small");
    std::fs::create_dir_all(&small).unwrap();
    let full = format!("mount -t tmpfs -o size={kib}k tmpfs \"$SMALL\" && {script}");
    let out = Command::new("unshare")
        .args(["-rm", "sh", "-ec", &full])
        .env("SMALL", &small)
        .env("BIN", assert_cmd::cargo::cargo_bin("beeldakkoord"))
        .env("BEELDAKKOORD_PASSWORD", PASSWORD)
        .env_remove("BEELDAKKOORD_DATA_DIR")
        .env_remove("BEELDAKKOORD_USER")
        .env_remove("BEELDAKKOORD_LANG")
        .output()
        .expect("unshare runs (util-linux)");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("mount:") && !String::from_utf8_lossy(&out.stderr).contains("unshare:"),
        "a private tmpfs is needed for this test: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The one-line JSON error a script run left in `dir/stderr`, having failed (`dir/rc`).
fn failure(dir: &Path) -> serde_json::Value {
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(dir.join("rc").exists(), "the command must fail: {stderr}");
    serde_json::from_str(stderr.trim()).unwrap_or_else(|e| panic!("{e}: {stderr}"))
}

/// The app on a data folder outside any namespace.
fn app(data: &Path, args: &[&str]) -> support::Run {
    let out = Command::new(assert_cmd::cargo::cargo_bin("beeldakkoord"))
        .env("BEELDAKKOORD_PASSWORD", PASSWORD)
        .env_remove("BEELDAKKOORD_USER")
        .env_remove("BEELDAKKOORD_DATA_DIR")
        .args(["--json", "--data-dir", data.to_str().unwrap()])
        .args(args)
        .output()
        .unwrap();
    support::Run { out }
}

/// What must hold after any failure: the database checks, every photo row
/// has its files and every file a row, no temporary file is left.
fn intact(data: &Path) -> usize {
    assert_eq!(app(data, &["audit", "verify"]).json()["ok"], true, "the database and its trail are intact");
    let temps: Vec<PathBuf> = walk(data).into_iter().filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(".bk-")).collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
    let conn = support::raw(data);
    let hashes: Vec<String> = conn.prepare("SELECT hash FROM photos").unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    let originals: Vec<String> = walk(&data.join("photos/originals")).iter().map(|p| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    let mut a = hashes.clone();
    a.sort();
    let mut b = originals.clone();
    b.sort();
    assert_eq!(a, b, "every photo row has its original and every original a row");
    for h in &hashes {
        assert!(walk(&data.join("photos/thumbs")).iter().any(|p| p.to_string_lossy().contains(h.as_str())), "thumbnail of {h}");
    }
    hashes.len()
}

#[test]
fn a_photo_import_onto_a_full_disk_says_so_and_leaves_no_partial_file() {
    let o = Office::nl();
    let camera = o.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    // Photos that do not compress: each takes its size on the disk.
    for i in 0..12u8 {
        std::fs::write(camera.join(format!("IMG_{i:02}.jpg")), images::noisy_jpeg(900, 700, i)).unwrap();
    }
    let size: u64 = walk(&camera).iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    let data_size: u64 = walk(&o.data()).iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    // Room for the data folder and about a third of the photos.
    let kib = ((data_size + size / 3) / 1024 + 256) as u32;
    let after = o.path().join("after");
    let out = on_a_small_disk(
        &o,
        kib,
        &format!(
            "cp -a \"{data}\" \"$SMALL/data\"; \"$BIN\" --json --data-dir \"$SMALL/data\" photo import \"{camera}\" > \"{dir}/stdout\" 2> \"{dir}/stderr\" || echo $? > \"{dir}/rc\"; cp -a \"$SMALL/data\" \"{after}\"",
            data = o.data().display(),
            camera = camera.display(),
            dir = o.path().display(),
            after = after.display()
        ),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let error = failure(o.path());
    // The database's own write hit the limit (a photo file's may too): the import stops there.
    assert!(["store.disk_full", "photo.import_partial"].contains(&error["code"].as_str().unwrap_or_default()), "{error}");
    assert!(error["message"].as_str().unwrap().to_lowercase().contains("schijf is vol"), "{error}");
    let imported = intact(&after);
    assert!(imported > 0 && imported < 12, "some fitted, some did not: {imported}");
    // With room again (the same folder, off the small disk), the rest goes in.
    let again = app(&after, &["photo", "import", camera.to_str().unwrap()]).json();
    assert_eq!(again.as_array().unwrap().len(), 12);
    assert_eq!(intact(&after), 12);
}

#[test]
fn a_backup_onto_a_full_disk_says_so_and_leaves_nothing_behind() {
    let o = Office::nl();
    let camera = o.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    for i in 0..6u8 {
        std::fs::write(camera.join(format!("IMG_{i}.jpg")), images::noisy_jpeg(900, 700, i)).unwrap();
    }
    o.json(&["photo", "import", camera.to_str().unwrap()]);
    let before = o.state();
    let data_size: u64 = walk(&o.data()).iter().map(|p| std::fs::metadata(p).unwrap().len()).sum();
    let out = on_a_small_disk(
        &o,
        (data_size / 2048) as u32,
        &format!(
            "\"$BIN\" --json --data-dir \"{data}\" backup create \"$SMALL/kopie.bkb\" 2> \"{dir}/stderr\" || echo $? > \"{dir}/rc\"; ls -A \"$SMALL\" > \"{dir}/left\"",
            data = o.data().display(),
            dir = o.path().display()
        ),
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let error = failure(o.path());
    assert_eq!(error["code"], "store.disk_full", "{error}");
    assert!(error["message"].as_str().unwrap().contains("vol"), "{error}");
    assert_eq!(std::fs::read_to_string(o.path().join("left")).unwrap(), "", "no partial backup, no snapshot left on the disk");
    assert_eq!(o.state(), before, "the data folder is untouched");
}
