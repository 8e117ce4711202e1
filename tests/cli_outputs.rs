//! Every command that writes a file someone names, taken from the command
//! line's own definition, against every kind of bad target: the data folder
//! and its files, links into it, devices, pipes, folders, existing files.
//! A refused write changes nothing: not the database (a logical dump), not
//! one file in the data folder (SHA-256 of each), not the target.

mod support;

use std::collections::BTreeSet;
use std::os::unix::fs::FileTypeExt;
use std::path::PathBuf;
use std::time::Duration;

use support::{fifo, images, walk, Office};

/// Arguments that name files or folders the command reads.
const INPUTS: &[&str] = &[
    "--data-dir",
    "backup restore FILE",
    "backup verify FILE",
    "consent attach FILE",
    "form import FILE",
    "logo FILE",
    "photo import PATHS",
    "roster import FILE",
];

/// Arguments that name a file (or folder) the command writes.
const OUTPUTS: &[(&str, Kind)] = &[
    ("backup create FILE", Kind::File),
    ("consent scan --out", Kind::File),
    ("dossier --out", Kind::File),
    ("dossier batch --out", Kind::Dir),
    ("dossier photos --out", Kind::Dir),
    ("form export --out", Kind::File),
    ("form print --out", Kind::File),
    ("key sheet --out", Kind::File),
    ("measures --out", Kind::File),
    ("person export --out", Kind::File),
    ("photo export --out", Kind::File),
    ("reconsent print --forms", Kind::File),
    ("reconsent print --out", Kind::File),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    File,
    Dir,
}

/// Every argument of every command whose value names a path, as
/// "command sub --long" or "command sub NAME".
fn path_args(cmd: &clap::Command, prefix: &str, out: &mut BTreeSet<String>) {
    for arg in cmd.get_arguments() {
        let shown = arg.get_value_names().map(|v| v.join(" ")).unwrap_or_else(|| arg.get_id().as_str().to_uppercase());
        if !["FILE", "DIR", "PATH"].iter().any(|k| shown.contains(k)) {
            continue;
        }
        let name = match arg.get_long() {
            Some(long) => format!("--{long}"),
            None => shown,
        };
        out.insert(if arg.is_global_set() { name } else { format!("{prefix} {name}").trim().to_string() });
    }
    for sub in cmd.get_subcommands() {
        path_args(sub, &format!("{prefix} {}", sub.get_name()), out);
    }
}

#[test]
fn the_list_of_output_arguments_is_complete() {
    let mut found = BTreeSet::new();
    path_args(&beeldakkoord_app::cli::command(), "", &mut found);
    let known: BTreeSet<String> =
        INPUTS.iter().map(|s| s.to_string()).chain(OUTPUTS.iter().map(|(s, _)| s.to_string())).chain(["init --recovery-sheet".to_string()]).collect();
    assert_eq!(found, known, "a new argument names a file: add it to INPUTS or OUTPUTS (and so to these tests)");
}

struct Fixture {
    o: Office,
    /// A child who left, with consent, on a photo.
    anna: String,
    photo: String,
    original: PathBuf,
    /// Anna's consent event, with a scan kept.
    event: String,
}

fn fixture() -> Fixture {
    let o = Office::nl();
    o.json(&["group", "add", "G"]);
    let anna = o.id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--group", "G", "--guardian", "Marieke"]).to_string();
    // Bram never answered a form: the re-consent list is not empty.
    o.id(&["person", "add", "--name", "Bram", "--kind", "child", "--birth-date", "2018-04-01", "--group", "G", "--guardian", "Joop"]);
    o.consent_yes(&anna, "individual/newsletter/information");
    let file = o.file("portret.jpg", &images::jpeg(320, 240, 7));
    let photo = o.json(&["photo", "import", file.to_str().unwrap()])[0]["id"].to_string();
    o.json(&["photo", "set", &photo, "--type", "individual", "--posed"]);
    o.json(&["photo", "tag", &photo, "--person", &anna, "--box", "10,10,50,50"]);
    o.json(&["person", "leave", &anna, "--date", "2026-10-01"]);
    let original = walk(&o.data().join("photos/originals")).pop().expect("a stored original");
    let event = o.json(&["consent", "show", "--person", &anna])["items"]
        .as_array()
        .and_then(|i| i.iter().find_map(|i| i["record"].as_i64()))
        .expect("a record")
        .to_string();
    let scan = o.file("scan.png", &images::png(200, 280));
    o.json(&["consent", "attach", "--event", &event, scan.to_str().unwrap()]);
    Fixture { o, anna, photo, original, event }
}

/// The command for output argument `key`, writing to `target`.
fn command(f: &Fixture, key: &str, target: &str) -> Vec<String> {
    let elsewhere = f.o.path().join(format!("elsewhere-{}.pdf", key.replace(' ', "_")));
    let elsewhere = elsewhere.to_str().unwrap();
    let v: Vec<&str> = match key {
        "dossier --out" => vec!["dossier", &f.anna, "--out", target],
        "dossier batch --out" => vec!["dossier", "batch", "--left-from", "2026-09-01", "--left-to", "2026-10-31", "--out", target],
        "dossier photos --out" => vec!["dossier", "photos", &f.anna, "--out", target],
        "form export --out" => vec!["form", "export", "1", "--out", target],
        "form print --out" => vec!["form", "print", "1", "--out", target],
        "measures --out" => vec!["measures", "--out", target],
        "key sheet --out" => vec!["key", "sheet", "--out", target],
        "backup create FILE" => vec!["backup", "create", target],
        "consent scan --out" => vec!["consent", "scan", "--event", &f.event, "--out", target],
        "person export --out" => vec!["person", "export", &f.anna, "--out", target],
        "photo export --out" => {
            vec!["photo", "export", &f.photo, "--channel", "newsletter", "--purpose", "information", "--date", "2026-09-15", "--out", target]
        }
        "reconsent print --forms" => {
            vec!["reconsent", "print", "--out", elsewhere, "--forms", target]
        }
        "reconsent print --out" => {
            vec!["reconsent", "print", "--out", target, "--forms", elsewhere]
        }
        other => panic!("no scenario for {other}"),
    };
    v.into_iter().map(String::from).collect()
}

/// Run a command that must be refused with `code`, quickly, changing nothing.
fn refused(f: &Fixture, args: &[String], code: &str, what: &str) {
    let before = f.o.state();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let m = f.o.run_measured(&args, Duration::from_secs(20));
    assert!(!m.timed_out, "{what}: hung ({args:?})");
    assert_eq!(m.run.code(), code, "{what}: {args:?}: {}", m.run.stderr());
    assert_eq!(f.o.state(), before, "{what}: a refused write changed the data folder");
}

#[test]
fn no_output_file_can_land_in_the_data_folder_or_on_anything_but_a_regular_file() {
    let f = fixture();
    let data = f.o.data();
    let out = f.o.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let link = out.join("link-to-db.pdf");
    std::os::unix::fs::symlink(data.join("beeldakkoord.sqlite3"), &link).unwrap();
    let pipe = out.join("pipe.pdf");
    fifo(&pipe);
    let existing = out.join("existing.pdf");
    std::fs::write(&existing, b"the office's own file").unwrap();

    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (data.join("beeldakkoord.sqlite3"), "file.inside_data", "the database"),
        (data.join("beeldakkoord.sqlite3-wal"), "file.inside_data", "the write-ahead log"),
        (f.original.clone(), "file.inside_data", "a stored original"),
        (data.join("photos/new.pdf"), "file.inside_data", "a new name in the data folder"),
        (out.join("../data/beeldakkoord.sqlite3"), "file.inside_data", "the database by a detour"),
        (link.clone(), "file.inside_data", "a link to the database"),
        (PathBuf::from("/dev/null"), "file.not_regular", "a device"),
        (pipe.clone(), "file.not_regular", "a pipe"),
        (out.clone(), "file.is_folder", "a folder"),
        (out.join("missing/x.pdf"), "file.no_folder", "a folder that does not exist"),
    ];
    for (key, _) in OUTPUTS.iter().filter(|(_, k)| *k == Kind::File) {
        for (target, code, what) in &cases {
            // Even when replacing is allowed.
            let mut args = command(&f, key, target.to_str().unwrap());
            args.push("--force".into());
            refused(&f, &args, code, &format!("{key} onto {what}"));
        }
        // An existing file stays unless asked.
        refused(&f, &command(&f, key, existing.to_str().unwrap()), "file.exists", &format!("{key} onto an existing file"));
        assert_eq!(std::fs::read(&existing).unwrap(), b"the office's own file");
        assert!(std::fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
    }
    // With --force an existing regular file is replaced, and it stays a regular file.
    for (key, _) in OUTPUTS.iter().filter(|(_, k)| *k == Kind::File) {
        let ext = if key.starts_with("photo") { "jpg" } else { "out" };
        let target = out.join(format!("replace-{}.{ext}", key.replace(' ', "_")));
        std::fs::write(&target, b"old").unwrap();
        let mut args = command(&f, key, target.to_str().unwrap());
        args.push("--force".into());
        // The second file of `reconsent print` may exist from an earlier round.
        let run = f.o.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(run.ok(), "{key} --force: {}", run.stderr());
        assert_ne!(std::fs::read(&target).unwrap(), b"old", "{key} replaced the file");
    }
}

/// The setup's own output: the recovery sheet. Refused before anything is
/// made, so a refused setup leaves no data folder either.
#[test]
fn the_recovery_sheet_of_a_setup_goes_nowhere_it_may_not_and_nothing_is_made() {
    let o = Office::new();
    let out = o.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let pipe = out.join("pipe.pdf");
    fifo(&pipe);
    let existing = out.join("existing.pdf");
    std::fs::write(&existing, b"the office's own file").unwrap();
    let data = o.data();
    for (target, code) in [
        (data.join("herstelblad.pdf"), "file.inside_data"),
        (PathBuf::from("/dev/null"), "file.not_regular"),
        (pipe.clone(), "file.not_regular"),
        (out.clone(), "file.is_folder"),
        (existing.clone(), "file.exists"),
        (out.join("missing/x.pdf"), "file.no_folder"),
    ] {
        let r = o.run(&["init", "--org", "De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", target.to_str().unwrap()]);
        assert_eq!(r.code(), code, "{}: {}", target.display(), r.stderr());
        assert!(!data.exists(), "{}: a refused setup made the data folder", target.display());
    }
    assert_eq!(std::fs::read(&existing).unwrap(), b"the office's own file");
    let sheet = out.join("herstelblad.pdf");
    o.json(&["init", "--org", "De Regenboog", "--jurisdiction", "nl", "--recovery-sheet", sheet.to_str().unwrap()]);
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"%PDF"));
}

#[test]
fn no_output_folder_can_be_the_data_folder_and_files_in_it_stay_unless_asked() {
    let f = fixture();
    let data = f.o.data();
    let out = f.o.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let link = out.join("data-link");
    std::os::unix::fs::symlink(&data, &link).unwrap();
    let pipe = out.join("pipe");
    fifo(&pipe);
    let file = out.join("a-file");
    std::fs::write(&file, b"x").unwrap();
    let cases: Vec<(PathBuf, &str, &str)> = vec![
        (data.clone(), "file.inside_data", "the data folder"),
        (data.join("photos/originals"), "file.inside_data", "the originals"),
        (data.join("new"), "file.inside_data", "a new folder inside the data folder"),
        (link.clone(), "file.inside_data", "a link to the data folder"),
        (file.clone(), "file.not_a_folder", "a file"),
        (pipe.clone(), "file.not_a_folder", "a pipe"),
    ];
    for (key, _) in OUTPUTS.iter().filter(|(_, k)| *k == Kind::Dir) {
        for (target, code, what) in &cases {
            let mut args = command(&f, key, target.to_str().unwrap());
            args.push("--force".into());
            refused(&f, &args, code, &format!("{key} into {what}"));
        }
        // Written once into a new folder; a second time the names are taken.
        let dir = out.join(format!("set-{}", key.replace(' ', "_")));
        let first = f.o.json(&command(&f, key, dir.to_str().unwrap()).iter().map(String::as_str).collect::<Vec<_>>());
        let files = walk(&dir);
        assert!(!files.is_empty(), "{key}: {first}");
        let hashes: Vec<Vec<u8>> = files.iter().map(|p| std::fs::read(p).unwrap()).collect();
        refused(&f, &command(&f, key, dir.to_str().unwrap()), "file.exists", &format!("{key} onto its own earlier files"));
        assert_eq!(files.iter().map(|p| std::fs::read(p).unwrap()).collect::<Vec<_>>(), hashes);
        let mut again = command(&f, key, dir.to_str().unwrap());
        again.push("--force".into());
        assert!(f.o.run(&again.iter().map(String::as_str).collect::<Vec<_>>()).ok(), "{key} --force");
    }
}

#[test]
fn two_outputs_of_one_command_are_never_the_same_file() {
    let f = fixture();
    let same = f.o.path().join("same.pdf");
    let twice = ["reconsent", "print", "--out", same.to_str().unwrap(), "--forms", same.to_str().unwrap()].map(String::from);
    refused(&f, &twice, "file.same_output", "one file for both");
    // Also when spelled differently.
    let detour = f.o.path().join("out/../same.pdf");
    std::fs::create_dir_all(f.o.path().join("out")).unwrap();
    let twice = ["reconsent", "print", "--out", same.to_str().unwrap(), "--forms", detour.to_str().unwrap()].map(String::from);
    refused(&f, &twice, "file.same_output", "one file by two spellings");
    assert!(!same.exists());
}
