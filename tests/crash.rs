//! The crash test (`scripts/crash-test`): a loop of consent records, a roster
//! import of 5 000 rows and a photo import of 100 files run at once against
//! one data folder and are killed with SIGKILL at a random moment. Then the
//! data folder is opened again and checked: SQLite's integrity check, the
//! audit trail, every consent record a process was told was saved, the
//! roster all or nothing, no photo row without its files and no file without
//! its row; and the photo import is run again to completion.
//!
//! Ignored in the ordinary test run; `scripts/crash-test [RUNS]` runs it
//! (200 runs by default, `CRASH_RUNS`), `scripts/test` with 30.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use support::{images, Office, PASSWORD};

const ROSTER_ROWS: usize = 5_000;
const PHOTOS: usize = 100;

/// A small, seeded random source: runs are repeatable from their number.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn cli(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(assert_cmd::cargo::cargo_bin("beeldakkoord"));
    c.env("BEELDAKKOORD_PASSWORD", PASSWORD)
        .env_remove("BEELDAKKOORD_USER")
        .env_remove("BEELDAKKOORD_LANG")
        .env_remove("BEELDAKKOORD_DATA_DIR")
        .arg("--data-dir")
        .arg(data)
        .arg("--json")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

/// The office every run starts from, with the roster file and the camera folder beside it.
struct Template {
    office: Office,
    person: String,
    roster: PathBuf,
    camera: PathBuf,
}

fn template() -> Template {
    let office = Office::nl();
    office.json(&["group", "add", "Groep 1"]);
    let person = office
        .id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--group", "Groep 1", "--guardian", "Marieke"])
        .to_string();
    let mut csv = String::from("naam;geboortedatum;groep;leerlingnummer\n");
    for i in 0..ROSTER_ROWS {
        csv += &format!("Kind {i:04};2018-{:02}-{:02};Groep 1;R{i:05}\n", 1 + i % 12, 1 + i % 28);
    }
    let roster = office.file("rooster.csv", csv.as_bytes());
    let camera = office.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    for i in 0..PHOTOS {
        std::fs::write(camera.join(format!("IMG_{i:03}.jpg")), images::jpeg(480, 360, i as u8)).unwrap();
    }
    Template { office, person, roster, camera }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// What one run saw before the kill.
#[derive(Default)]
struct Seen {
    acknowledged: Vec<i64>,
    /// Records refused (not killed): their error codes.
    refused: Vec<String>,
    roster_finished: bool,
    photos_finished: bool,
}

fn finished(child: &mut Child) -> bool {
    matches!(child.try_wait(), Ok(Some(status)) if status.success())
}

/// Run the three writers and kill them all after `after`.
fn run_and_kill(t: &Template, data: &Path, after: Duration) -> Seen {
    let mut roster = cli(data, &["roster", "import", t.roster.to_str().unwrap()]).spawn().unwrap();
    let mut photos = cli(data, &["photo", "import", "--scan-later", t.camera.to_str().unwrap()]).spawn().unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let current: Arc<Mutex<Option<Child>>> = Arc::new(Mutex::new(None));
    let loop_thread = {
        let (stop, current, data, person) = (stop.clone(), current.clone(), data.to_path_buf(), t.person.clone());
        std::thread::spawn(move || {
            let mut acknowledged = Vec::new();
            let mut refused = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let args = [
                    "consent",
                    "record",
                    "--person",
                    &person,
                    "--form",
                    "1",
                    "--answer",
                    "group/website/information=yes",
                    "--given-by",
                    "Marieke",
                    "--method",
                    "paper",
                ];
                let child = cli(&data, &args).spawn().unwrap();
                *current.lock().unwrap() = Some(child);
                // Wait without holding the lock, so the killer can reach the child.
                let output = loop {
                    let mut guard = current.lock().unwrap();
                    let Some(child) = guard.as_mut() else { break None };
                    if let Ok(Some(_)) = child.try_wait() {
                        break guard.take().map(|c| c.wait_with_output().unwrap());
                    }
                    drop(guard);
                    std::thread::sleep(Duration::from_millis(2));
                };
                // What the writer got back: an id means the record was acknowledged.
                match output {
                    Some(out) if out.status.success() => {
                        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                        acknowledged.push(v["record"].as_i64().unwrap());
                    }
                    // Exited by itself with an error (a kill has no exit code).
                    Some(out) if out.status.code().is_some() => {
                        let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap_or_default();
                        refused.push(v["code"].as_str().unwrap_or("?").to_string());
                    }
                    _ => {}
                }
            }
            (acknowledged, refused)
        })
    };
    std::thread::sleep(after);
    let roster_finished = finished(&mut roster);
    let photos_finished = finished(&mut photos);
    stop.store(true, Ordering::SeqCst);
    for child in [&mut roster, &mut photos] {
        let _ = child.kill();
        let _ = child.wait();
    }
    if let Some(mut child) = current.lock().unwrap().take() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let (acknowledged, refused) = loop_thread.join().unwrap();
    Seen { acknowledged, refused, roster_finished, photos_finished }
}

/// Everything that must hold after a crash; each problem as a line.
fn check(data: &Path, seen: &Seen) -> Vec<String> {
    let mut problems = Vec::new();
    // Opening again (any command) tidies what a killed import left.
    let verify = cli(data, &["audit", "verify"]).output().unwrap();
    if !verify.status.success() {
        problems.push(format!("audit verify: {}", String::from_utf8_lossy(&verify.stdout).trim()));
    }
    let c = support::raw(data);
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    if integrity != "ok" {
        problems.push(format!("integrity_check: {integrity}"));
    }
    let fk: i64 = c.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).unwrap();
    if fk != 0 {
        problems.push(format!("{fk} rows break a foreign key"));
    }
    let events: BTreeSet<i64> = c.prepare("SELECT id FROM consent_events").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    for id in &seen.acknowledged {
        if !events.contains(id) {
            problems.push(format!("acknowledged consent record {id} is missing"));
        }
    }
    let roster: i64 = c.query_row("SELECT COUNT(*) FROM persons WHERE external_id LIKE 'R%'", [], |r| r.get(0)).unwrap();
    if roster != 0 && roster != ROSTER_ROWS as i64 {
        problems.push(format!("roster half imported: {roster} of {ROSTER_ROWS}"));
    }
    if seen.roster_finished && roster != ROSTER_ROWS as i64 {
        problems.push(format!("roster import finished but {roster} rows are there"));
    }
    problems.extend(library_problems(data, &c));
    problems
}

/// Photo rows without their files, and files (or temporary files) without a row.
fn library_problems(data: &Path, c: &rusqlite::Connection) -> Vec<String> {
    let mut problems = Vec::new();
    let rows: Vec<(String, String)> =
        c.prepare("SELECT hash, format FROM photos").unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    let hashes: BTreeSet<&str> = rows.iter().map(|(h, _)| h.as_str()).collect();
    for (hash, format) in &rows {
        let ext = if format == "png" { "png" } else { "jpg" };
        for (kind, ext) in [("originals", ext), ("thumbs", "jpg")] {
            if !data.join("photos").join(kind).join(&hash[..2]).join(format!("{hash}.{ext}")).is_file() {
                problems.push(format!("photo {hash} has no {kind} file"));
            }
        }
    }
    for f in support::walk(&data.join("photos")) {
        let rel = f.strip_prefix(data.join("photos")).unwrap();
        if rel.components().count() == 1 {
            continue; // the import lock beside the folders
        }
        let stem = f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !hashes.contains(stem.as_str()) {
            problems.push(format!("file without a photo: {}", rel.display()));
        }
    }
    problems
}

#[test]
#[ignore = "long: run by scripts/crash-test"]
fn killed_writers_lose_nothing_that_was_acknowledged() {
    let runs: u64 = std::env::var("CRASH_RUNS").ok().and_then(|n| n.parse().ok()).unwrap_or(200);
    let t = template();
    let template_data = t.office.data();
    // How long the writers take untouched: kill moments are spread over it.
    let probe = t.office.path().join("probe");
    copy_dir(&template_data, &probe);
    let timed = |args: &[&str]| {
        let started = Instant::now();
        assert!(cli(&probe, args).output().unwrap().status.success(), "{args:?}");
        started.elapsed().as_millis() as u64 + 1
    };
    let roster_ms = timed(&["roster", "import", t.roster.to_str().unwrap()]);
    let photos_ms = timed(&["photo", "import", "--scan-later", t.camera.to_str().unwrap()]);
    // Half the kills fall while the roster is read in, half over the photo import's span (slower with the others running).
    println!("untouched: roster import {roster_ms} ms, photo import {photos_ms} ms");

    let mut anomalies = Vec::new();
    let (mut acknowledged, mut roster_done, mut photos_done) = (0, 0, 0);
    let mut refused: Vec<String> = Vec::new();
    let mut interrupted_imports = 0;
    for run in 0..runs {
        let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ (run + 1));
        let data = t.office.path().join(format!("run-{run}"));
        copy_dir(&template_data, &data);
        let span = if run % 2 == 0 { roster_ms * 3 / 2 } else { photos_ms * 2 };
        let after = Duration::from_millis(random.below(span + 1));
        let seen = run_and_kill(&t, &data, after);
        interrupted_imports += u32::from(data.join("photos/changing").exists());
        acknowledged += seen.acknowledged.len();
        refused.extend(seen.refused.iter().cloned());
        roster_done += u32::from(seen.roster_finished);
        photos_done += u32::from(seen.photos_finished);
        for p in check(&data, &seen) {
            anomalies.push(format!("run {run} (killed after {} ms): {p}", after.as_millis()));
        }
        // The import, run again, completes and leaves the library whole.
        let again = cli(&data, &["photo", "import", "--scan-later", t.camera.to_str().unwrap()]).output().unwrap();
        if !again.status.success() {
            anomalies.push(format!("run {run}: import again failed: {}", String::from_utf8_lossy(&again.stderr).trim()));
        }
        let c = support::raw(&data);
        let n: i64 = c.query_row("SELECT COUNT(*) FROM photos", [], |r| r.get(0)).unwrap();
        if n != PHOTOS as i64 {
            anomalies.push(format!("run {run}: {n} photos after importing again"));
        }
        for p in library_problems(&data, &c) {
            anomalies.push(format!("run {run} after importing again: {p}"));
        }
        std::fs::remove_dir_all(&data).unwrap();
    }
    println!(
        "{runs} runs: {acknowledged} consent records acknowledged ({} refused: {:?}), roster finished before the kill in {roster_done}, photo import in {photos_done} ({interrupted_imports} killed mid-import and tidied at the next opening); anomalies: {}",
        refused.len(),
        refused.iter().collect::<BTreeSet<_>>(),
        anomalies.len()
    );
    assert!(anomalies.is_empty(), "{}", anomalies.join("\n"));
}
