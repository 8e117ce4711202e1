//! Data at rest through the real binary: after a scripted day of work the
//! data folder shows no name and no picture; a wrong password opens
//! nothing; the recovery sheet's code sets a new administrator password;
//! a flipped byte in the database or in a photo file is named as damage.

mod support;

use support::{images, walk, Office};

fn scripted_day(o: &Office) -> (String, String) {
    o.json(&["group", "add", "Groep Zonnebloem"]);
    let anna = o
        .id(&[
            "person",
            "add",
            "--name",
            "Anneke Vermeulen",
            "--kind",
            "child",
            "--birth-date",
            "2018-03-01",
            "--group",
            "Groep Zonnebloem",
            "--guardian",
            "Marieke",
        ])
        .to_string();
    o.consent_yes(&anna, "group/website/information");
    let file = o.file("klassenfoto.jpg", &images::jpeg(640, 480, 3));
    let photo = o.json(&["photo", "import", file.to_str().unwrap()])[0]["id"].to_string();
    o.json(&["photo", "set", &photo, "--type", "group"]);
    o.json(&["photo", "tag", &photo, "--person", &anna, "--box", "10,10,80,80"]);
    let dossier = o.path().join("dossier.pdf");
    o.json(&["dossier", &anna, "--out", dossier.to_str().unwrap()]);
    (anna, photo)
}

#[test]
fn after_a_day_of_work_nothing_in_the_data_folder_is_readable() {
    let o = Office::nl();
    scripted_day(&o);
    let files = walk(&o.data());
    assert!(files.len() >= 4, "{files:?}");
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for needle in [
            &b"Vermeulen"[..],
            b"Anneke",
            b"Marieke",
            b"Zonnebloem",
            b"SQLite format 3",
            b"JFIF",
            b"Exif",
            b"\x89PNG",
            b"\xff\xd8\xff\xe0",
            b"\xff\xd8\xff\xe1",
        ] {
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{} holds {:?}", f.display(), String::from_utf8_lossy(needle));
        }
    }
    // The database does not open as plain SQLite.
    let plain = rusqlite::Connection::open(o.data().join("beeldakkoord.sqlite3")).unwrap();
    assert!(plain.query_row("SELECT COUNT(*) FROM people", [], |r| r.get::<_, i64>(0)).is_err());
    // A wrong password opens nothing and changes nothing.
    let before = o.state();
    let out = o.cmd().args(["--json", "person", "list"]).env("BEELDAKKOORD_PASSWORD", "wrong horse battery").output().unwrap();
    assert_eq!(support::Run { out }.code(), "auth.failed");
    let mut after = o.state();
    // The failed attempt is counted beside the database (no name in it); nothing else moved.
    assert!(after.files.remove("beeldakkoord.signin").is_some());
    assert!(after.files == before.files && after.dump == before.dump, "a wrong password changed the data folder");
}

#[test]
fn the_recovery_sheet_sets_a_new_admin_password_and_a_new_sheet_replaces_it() {
    let o = Office::nl();
    let (anna, _) = scripted_day(&o);
    let code = support::recovery_code(&o.path().join("herstelblad.pdf"));
    let recover = |code: &str, user: &str| {
        let out = o
            .cmd()
            .args(["--json", "key", "recover", "--user", user])
            .env("BEELDAKKOORD_RECOVERY_CODE", code)
            .env("BEELDAKKOORD_NEW_PASSWORD", "een nieuw beheerwachtwoord")
            .env_remove("BEELDAKKOORD_PASSWORD")
            .output()
            .unwrap();
        support::Run { out }
    };
    let before = o.state();
    let typo = format!("{}{}", if code.starts_with('Z') { "Y" } else { "Z" }, &code[1..]);
    assert_eq!(recover(&typo, "admin").code(), "key.recovery_typo");
    assert_eq!(recover(&code, "niemand").code(), "user.not_admin");
    assert_eq!(o.state(), before, "refused recoveries change nothing");
    let r = recover(&code.replace('-', " ").to_lowercase(), "admin");
    assert_eq!(r.json()["user"], "admin");
    // The old password is gone, the new one reads everything.
    assert_eq!(o.run(&["person", "list"]).code(), "auth.failed");
    let as_new = |args: &[&str]| {
        let out = o.cmd().arg("--json").args(args).env("BEELDAKKOORD_PASSWORD", "een nieuw beheerwachtwoord").output().unwrap();
        support::Run { out }
    };
    assert_eq!(as_new(&["person", "list"]).json()[0]["id"].to_string(), anna);
    // A new sheet: the old code stops working.
    let sheet2 = o.path().join("herstelblad-nieuw.pdf");
    as_new(&["key", "sheet", "--out", sheet2.to_str().unwrap()]).json();
    assert_ne!(support::recovery_code(&sheet2), code);
    assert_eq!(recover(&code, "admin").code(), "key.wrong_secret");
}

#[test]
fn a_flipped_byte_in_the_database_or_a_photo_file_is_damage_said_plainly() {
    let o = Office::nl();
    let (_, photo) = scripted_day(&o);
    assert_eq!(o.json(&["audit", "verify"])["ok"], true);

    // A photo file: the export that reads it says which file is damaged.
    let original = walk(&o.data().join("photos/originals")).pop().unwrap();
    let mut bytes = std::fs::read(&original).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&original, &bytes).unwrap();
    let out = o.path().join("export.jpg");
    let r = o.run(&["photo", "export", &photo, "--channel", "website", "--purpose", "information", "--date", "2026-09-15", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code(), "photo.damaged", "{}", r.stderr());
    assert!(r.message().contains("reservekopie"), "{}", r.message());
    assert!(!out.exists(), "no half-written export");
    bytes[at] ^= 0x01;
    std::fs::write(&original, &bytes).unwrap();

    // The database: a byte in a page in the middle of the file.
    let db = o.data().join("beeldakkoord.sqlite3");
    let bytes = std::fs::read(&db).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages >= 3, "{pages} pages");
    for page in [0, pages / 2, pages - 1] {
        let mut damaged = bytes.clone();
        damaged[page * 4096 + 1000] ^= 0x01;
        std::fs::write(&db, &damaged).unwrap();
        let r = o.run(&["audit", "verify"]);
        assert_eq!(r.code(), "store.damaged", "page {page}: {}", r.stderr());
        assert!(r.message().contains("reservekopie"));
    }
    // The good file back: everything reads and checks again.
    std::fs::write(&db, &bytes).unwrap();
    assert_eq!(o.json(&["audit", "verify"])["ok"], true);
}
