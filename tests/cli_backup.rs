//! Backups through the real binary: made while another process keeps
//! writing, restored into an empty folder with the same data, and refused,
//! naming the problem, when cut off or changed.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use support::{images, Office};

fn office_with_photos() -> Office {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 3"]);
    let anna =
        o.id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--group", "Groep 3", "--guardian", "Marieke"]).to_string();
    o.consent_yes(&anna, "group/website/information");
    let camera = o.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    for i in 0..3 {
        std::fs::write(camera.join(format!("IMG_{i}.jpg")), images::jpeg(320 + i * 16, 240, i as u8)).unwrap();
    }
    o.json(&["photo", "import", camera.to_str().unwrap()]);
    o
}

/// The binary on another data folder (a restore target), same password.
fn at(data: &std::path::Path, args: &[&str]) -> support::Run {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("beeldakkoord"))
        .env("BEELDAKKOORD_PASSWORD", support::PASSWORD)
        .env_remove("BEELDAKKOORD_USER")
        .env_remove("BEELDAKKOORD_LANG")
        .env_remove("BEELDAKKOORD_DATA_DIR")
        .args(["--data-dir", data.to_str().unwrap(), "--json"])
        .args(args)
        .output()
        .unwrap();
    support::Run { out }
}

#[test]
fn a_backup_restores_bit_for_bit_and_is_checked_without_restoring() {
    let o = office_with_photos();
    let before = o.state();
    let file = o.path().join("usb").join("reservekopie.bkb");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let made = o.json(&["backup", "create", file.to_str().unwrap()]);
    assert_eq!(made["done"], "created");
    assert_eq!(made["photo_files"], 6);
    let checked = o.json(&["backup", "verify", file.to_str().unwrap()]);
    assert_eq!((checked["done"].as_str(), checked["created_at"].as_str()), (Some("verified"), made["created_at"].as_str()));

    let target = o.path().join("nieuwe-pc");
    let restored = at(&target, &["backup", "restore", file.to_str().unwrap()]).json();
    assert_eq!(restored["done"], "restored");
    // The same rows (up to the restore's own audit event) and every file bit for bit.
    let after = support::state_of(&target);
    let events = before.dump.iter().filter(|l| l.starts_with("audit_events:")).count();
    let restored_dump: Vec<String> = {
        let mut n = 0;
        after
            .dump
            .iter()
            .filter(|l| {
                if l.starts_with("audit_events:") {
                    n += 1;
                    return n <= events;
                }
                true
            })
            .cloned()
            .collect()
    };
    assert_eq!(restored_dump, before.dump.iter().filter(|l| !l.contains("backup.create")).cloned().collect::<Vec<_>>());
    for (name, hash) in before.files.iter().filter(|(n, _)| n.starts_with("photos/")) {
        assert_eq!(after.files.get(name), Some(hash), "{name}");
    }
    assert_eq!(at(&target, &["audit", "verify"]).json()["ok"], true);
    let last = at(&target, &["audit", "log", "--limit", "1"]).json();
    assert_eq!(last["entries"][0]["action"], "backup.restore");
}

#[test]
fn a_backup_taken_while_another_process_writes_is_one_consistent_moment() {
    let o = Arc::new(office_with_photos());
    let stop = Arc::new(AtomicBool::new(false));
    let added = Arc::new(Mutex::new(Vec::<i64>::new()));
    let writer = {
        let (o, stop, added) = (o.clone(), stop.clone(), added.clone());
        std::thread::spawn(move || {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let r = o.run(&[
                    "person",
                    "add",
                    "--name",
                    &format!("Tijdens de kopie {i}"),
                    "--kind",
                    "child",
                    "--birth-date",
                    "2019-01-01",
                    "--group",
                    "Groep 3",
                ]);
                if r.ok() {
                    added.lock().unwrap().push(r.json()["id"].as_i64().unwrap());
                }
                i += 1;
            }
        })
    };
    // Let the writer get going, then take the backup in the middle of it.
    while added.lock().unwrap().len() < 3 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let file = o.path().join("tijdens.bkb");
    o.json(&["backup", "create", file.to_str().unwrap()]);
    let during = added.lock().unwrap().len();
    stop.store(true, Ordering::Relaxed);
    writer.join().unwrap();
    let all = added.lock().unwrap().clone();
    assert!(all.len() > during.min(3), "the writer kept going: {}", all.len());

    let target = o.path().join("hersteld");
    at(&target, &["backup", "restore", file.to_str().unwrap()]).json();
    assert_eq!(at(&target, &["audit", "verify"]).json()["ok"], true, "the snapshot is one moment: chain and rows agree");
    let people = at(&target, &["person", "list"]).json();
    let ids: Vec<i64> = people.as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    // Every person in the backup was acknowledged to the writer (or was there before), in order, without gaps.
    let restored_added: Vec<i64> = ids.iter().copied().filter(|id| all.contains(id)).collect();
    assert_eq!(restored_added, all[..restored_added.len()].to_vec(), "a prefix of what was written: {ids:?}");
    assert!(restored_added.len() >= 3);
}

#[test]
fn a_cut_off_or_changed_backup_is_refused_by_verify_and_restore_naming_the_problem() {
    let o = office_with_photos();
    let file = o.path().join("kopie.bkb");
    o.json(&["backup", "create", file.to_str().unwrap()]);
    let good = std::fs::read(&file).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("cut off", good[..good.len() * 2 / 3].to_vec(), "backup.truncated", "onvolledig"),
        (
            "a byte changed",
            {
                let mut b = good.clone();
                let at = b.len() / 2;
                b[at] ^= 0x10;
                b
            },
            "backup.damaged",
            "beschadigd of gewijzigd",
        ),
        ("not a backup", b"%PDF-1.7 something else".to_vec(), "backup.not_a_backup", "geen reservekopie"),
    ];
    for (what, bytes, code, words) in cases {
        let bad = o.path().join("slecht.bkb");
        std::fs::write(&bad, &bytes).unwrap();
        let v = o.run(&["backup", "verify", bad.to_str().unwrap()]);
        assert_eq!(v.code(), code, "{what}: verify");
        assert!(v.message().contains(words), "{what}: {}", v.message());
        let target = o.path().join("doel");
        let r = at(&target, &["backup", "restore", bad.to_str().unwrap()]);
        assert_eq!(r.code(), code, "{what}: restore");
        assert!(!target.exists(), "{what}: a refused restore leaves no data folder");
    }
    // Into a data folder that holds data: refused, and the data stay as they were.
    let before = o.state();
    let r = o.run(&["backup", "restore", file.to_str().unwrap()]);
    assert_eq!(r.code(), "backup.target_not_empty");
    assert_eq!(o.state(), before);
    // A wrong password opens no backup.
    let out = o.cmd().args(["--json", "backup", "verify", file.to_str().unwrap()]).env("BEELDAKKOORD_PASSWORD", "wrong horse battery").output().unwrap();
    assert_eq!(support::Run { out }.code(), "auth.failed");
}
