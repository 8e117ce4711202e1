//! Nothing half-made: a refused setup leaves no folder or database, a
//! mistyped data folder creates nothing, an empty or foreign database file
//! is never silently set up, and a read-only copy of a data folder can be
//! read without being written.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use support::{state_of, Office, PASSWORD};

#[test]
fn a_refused_setup_leaves_no_folder_or_database_behind() {
    for (args, code) in [
        (vec!["--jurisdiction", "fr"], "setup.jurisdiction"),
        (vec!["--jurisdiction", "nl", "--consent-age", "30"], "setup.consent_age"),
        (vec!["--jurisdiction", "nl", "--consent-age", "zestien"], "setup.consent_age"),
        (vec!["--jurisdiction", "nl", "--school-year-start", "13-45"], "date.month_day"),
    ] {
        let o = Office::new();
        let mut all = vec!["init", "--org", "De Regenboog"];
        all.extend(args.iter().copied());
        let r = o.run(&all);
        assert_eq!(r.code(), code, "{args:?}: {}", r.stderr());
        assert!(!o.data().exists(), "{args:?} left {}", o.data().display());
    }
    // A password that is too short, and a name with a control character.
    let o = Office::new();
    let sheet = o.path().join("herstelblad.pdf");
    let sheet = sheet.to_str().unwrap();
    let out = o
        .cmd()
        .args(["--json", "init", "--org", "De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", sheet])
        .env("BEELDAKKOORD_PASSWORD", "kort")
        .output()
        .unwrap();
    assert_eq!(support::Run { out }.code(), "auth.weak_password");
    assert!(!o.data().exists());
    assert_eq!(o.run(&["init", "--org", "De\u{1b}[2JRegenboog", "--jurisdiction", "nl"]).code(), "input.control_character");
    assert!(!o.data().exists());
    let out = o
        .cmd()
        .args(["--json", "init", "--org", "De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", sheet])
        .env("BEELDAKKOORD_USER", "ad\u{1b}[2Jmin")
        .output()
        .unwrap();
    assert_eq!(support::Run { out }.code(), "auth.username");
    assert!(!o.data().exists());
    // An existing empty folder (made by the office) stays, empty.
    std::fs::create_dir(o.data()).unwrap();
    assert_eq!(o.run(&["init", "--org", "X", "--jurisdiction", "xx"]).code(), "setup.jurisdiction");
    assert_eq!(std::fs::read_dir(o.data()).unwrap().count(), 0);
    // And then it works there.
    o.json(&["init", "--org", "De Regenboog", "--jurisdiction", "nl"]);
    assert_eq!(o.run(&["init", "--org", "Nog een", "--jurisdiction", "nl"]).code(), "setup.already_initialised");
}

#[test]
fn a_mistyped_data_folder_creates_nothing_and_says_so() {
    let o = Office::nl();
    let typo = o.path().join("dta");
    let out = assert_cmd::Command::cargo_bin("beeldakkoord")
        .unwrap()
        .env("BEELDAKKOORD_PASSWORD", PASSWORD)
        .env_remove("BEELDAKKOORD_DATA_DIR")
        .args(["--json", "--data-dir", typo.to_str().unwrap(), "person", "list"])
        .output()
        .unwrap();
    let r = support::Run { out };
    assert_eq!(r.code(), "store.no_data");
    assert!(r.message().contains("geen gegevens van Beeldakkoord"), "{}", r.message());
    assert!(!typo.exists());
}

#[test]
fn an_empty_or_foreign_database_file_is_never_set_up_silently() {
    // 0 bytes: refused by every command, setup included, and left as it is.
    let o = Office::new();
    std::fs::create_dir(o.data()).unwrap();
    std::fs::write(o.data().join("beeldakkoord.sqlite3"), b"").unwrap();
    let before = state_of(&o.data());
    assert_eq!(o.run(&["person", "list"]).code(), "store.empty_file");
    assert_eq!(o.run(&["init", "--org", "X", "--jurisdiction", "nl"]).code(), "store.empty_file");
    assert_eq!(state_of(&o.data()), before);
    assert_eq!(std::fs::read_dir(o.data()).unwrap().count(), 1, "no journal files either");

    // Another program's SQLite database.
    let o = Office::new();
    std::fs::create_dir(o.data()).unwrap();
    let db = o.data().join("beeldakkoord.sqlite3");
    rusqlite::Connection::open(&db).unwrap().execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');").unwrap();
    let before = state_of(&o.data());
    assert_eq!(o.run(&["person", "list"]).code(), "store.not_ours");
    assert_eq!(o.run(&["init", "--org", "X", "--jurisdiction", "nl"]).code(), "store.not_ours");
    assert_eq!(state_of(&o.data()), before);
}

#[test]
fn a_schema_that_does_not_match_its_version_says_so_in_one_sentence() {
    let o = Office::nl();
    // Claims to be older than it is: the upgrade would create tables that exist.
    support::raw(&o.data()).execute_batch("PRAGMA user_version = 1;").unwrap();
    let before = state_of(&o.data());
    let r = o.run(&["person", "list"]);
    assert_eq!(r.code(), "store.migration");
    let msg = r.message();
    assert!(msg.contains("schemaversie 1") && !msg.contains("CREATE") && msg.matches(". ").count() == 0, "{msg}");
    assert_eq!(state_of(&o.data()), before);
}

/// Make `dir` and all in it read-only (and readable for everyone, so the
/// test can run the app as an unprivileged user when it runs as root).
fn read_only(dir: &Path) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        if e.file_type().unwrap().is_dir() {
            read_only(&e.path());
        } else {
            std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
        }
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
}

/// Run as a user who cannot write the folder: root writes anywhere, so as
/// root the command runs as `nobody`.
fn run_as_reader(o: &Office, data: &Path, args: &[&str]) -> support::Run {
    let bin = assert_cmd::cargo::cargo_bin("beeldakkoord");
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    let mut cmd = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]).arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    cmd.env("BEELDAKKOORD_PASSWORD", PASSWORD).env_remove("BEELDAKKOORD_USER").env_remove("BEELDAKKOORD_LANG").env("HOME", o.path());
    cmd.arg("--json").arg("--data-dir").arg(data).args(args);
    support::Run { out: cmd.output().expect("run") }
}

#[test]
fn a_read_only_copy_of_a_data_folder_can_be_read_and_refuses_writes_clearly() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 3"]);
    let anna =
        o.id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--group", "Groep 3", "--guardian", "Marieke"]).to_string();
    o.consent_yes(&anna, "group/website/information");
    let expected_list = o.json(&["person", "list"]);
    let expected_consent = o.json(&["consent", "show", "--person", &anna, "--at", "2026-10-01"]);

    // The copy sits on a "share" the reader may enter but not change.
    let share = o.path().join("share");
    std::fs::create_dir(&share).unwrap();
    let copy = share.join("backup");
    std::fs::create_dir(&copy).unwrap();
    for e in std::fs::read_dir(o.data()).unwrap().flatten() {
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), copy.join(e.file_name())).unwrap();
        }
    }
    std::fs::set_permissions(o.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    read_only(&share);
    let before = state_of(&copy);

    let list = run_as_reader(&o, &copy, &["person", "list"]);
    assert_eq!(list.json(), expected_list);
    assert_eq!(run_as_reader(&o, &copy, &["consent", "show", "--person", &anna, "--at", "2026-10-01"]).json(), expected_consent);
    assert_eq!(run_as_reader(&o, &copy, &["audit", "verify"]).json()["ok"], true);
    let write = run_as_reader(&o, &copy, &["group", "add", "Groep 4"]);
    assert_eq!(write.code(), "store.read_only");
    assert!(write.message().contains("alleen gelezen"), "{}", write.message());
    assert_eq!(state_of(&copy), before, "reading a read-only copy wrote nothing");
    let mut entries: Vec<String> = std::fs::read_dir(&copy).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    entries.sort();
    let mut copied: Vec<String> =
        std::fs::read_dir(o.data()).unwrap().flatten().filter(|e| e.path().is_file()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    copied.sort();
    assert_eq!(entries, copied, "no journal or lock files were added");
    // Let the temporary folder be removed again.
    std::fs::set_permissions(&share, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
}
