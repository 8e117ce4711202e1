//! Data at rest through the core API: who opens the data with which
//! secret, the recovery code, and the move of an installation from before
//! encryption (database and photo files, resumable).

mod common;

use std::path::{Path, PathBuf};

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{NewUser, Rendition};
use beeldakkoord_core::auth::Role;
use beeldakkoord_core::crypto::keyfile::{KeyFile, KEYS_FILE};
use beeldakkoord_core::crypto::stream;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{store, Beeldakkoord, Lang};
use common::{child, setup};

const ADMIN_PW: &str = "correct horse battery";

fn code_of(r: Result<(Beeldakkoord, beeldakkoord_core::auth::Session), beeldakkoord_core::Error>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(e) => e.code().to_string(),
    }
}

/// Every file below `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

fn import_two_photos(core: &Beeldakkoord, s: &beeldakkoord_core::auth::Session, dir: &Path) -> Vec<i64> {
    let folder = dir.join("in");
    std::fs::create_dir_all(&folder).unwrap();
    image::RgbImage::from_fn(900, 600, |x, y| image::Rgb([(x / 4) as u8, (y / 3) as u8, 40])).save(folder.join("a.jpg")).unwrap();
    image::RgbImage::from_fn(640, 480, |x, y| image::Rgb([(y / 2) as u8, 90, (x / 3) as u8])).save(folder.join("b.png")).unwrap();
    let ids: Vec<i64> = core.import_photos(s, &[folder], FacesAtImport::Detect, &mut |_| true).unwrap().imported.iter().map(|p| p.id).collect();
    for id in &ids {
        core.photo_file(s, *id, Rendition::Preview).unwrap();
    }
    ids
}

#[test]
fn only_a_users_password_opens_the_data_and_each_user_has_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, admin) = setup(dir.path());
    core.add_group(&admin, "Groep 1").unwrap();
    let anna = child(&core, &admin);
    core.add_user(&admin, &NewUser { user: "office".into(), role: Role::Office, groups: vec![], password: "eerste wachtwoord van kantoor".into() }).unwrap();
    drop(core);

    assert_eq!(code_of(Beeldakkoord::unlock(&data, "admin", "wrong horse battery")), "auth.failed");
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "nobody", ADMIN_PW)), "auth.failed", "an unknown name answers the same");
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "admin", "")), "auth.no_password");
    // Two users, each with their own password, read the same data.
    let (core, office) = Beeldakkoord::unlock(&data, "office", "eerste wachtwoord van kantoor").unwrap();
    let office = core.change_password(&office, "eerste wachtwoord van kantoor", "kantoor kiest zelf een zin").unwrap();
    assert_eq!(core.person(&office, anna).unwrap().name, "Anna");
    drop(core);
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "office", "eerste wachtwoord van kantoor")), "auth.failed", "the old password opens nothing");
    let (core, office) = Beeldakkoord::unlock(&data, "office", "kantoor kiest zelf een zin").unwrap();
    assert_eq!(core.person(&office, anna).unwrap().name, "Anna");
    drop(core);
    let (core, admin) = Beeldakkoord::unlock(&data, "admin", ADMIN_PW).unwrap();
    assert_eq!(core.person(&admin, anna).unwrap().name, "Anna");
    // An administrator's reset wraps for the new password without knowing the old one.
    core.reset_password(&admin, "office", "door beheer gekozen zin").unwrap();
    // Disabled: their password no longer opens the data.
    core.add_user(&admin, &NewUser { user: "weg".into(), role: Role::Office, groups: vec![], password: "tijdelijk wachtwoord weg".into() }).unwrap();
    core.disable_user(&admin, "weg").unwrap();
    drop(core);
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "office", "kantoor kiest zelf een zin")), "auth.failed");
    let (core, office) = Beeldakkoord::unlock(&data, "office", "door beheer gekozen zin").unwrap();
    assert!(office.must_change_password);
    drop(core);
    let keys = KeyFile::read(&data).unwrap().unwrap();
    assert_eq!(keys.users.len(), 2, "one wrapping per enabled user: {:?}", keys.users.iter().map(|k| k.user_id).collect::<Vec<_>>());
    assert!(keys.open("weg", "tijdelijk wachtwoord weg").is_err());
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "weg", "tijdelijk wachtwoord weg")), "auth.disabled", "told so, with the right password");
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "weg", "een gok")), "auth.failed");
}

#[test]
fn repeated_failures_make_the_next_attempt_wait_and_are_logged_at_the_next_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    drop(setup(dir.path()));
    for _ in 0..6 {
        assert_eq!(code_of(Beeldakkoord::unlock(&data, "admin", "geraden wachtwoord")), "auth.failed");
    }
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "admin", ADMIN_PW)), "auth.wait", "even the right password waits");
    // Nothing in the attempts file names anybody.
    let attempts = std::fs::read_to_string(data.join("beeldakkoord.signin")).unwrap();
    assert!(!attempts.contains("admin"));
}

#[test]
fn the_recovery_code_works_once_printed_and_a_typo_or_an_old_code_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sheet = dir.path().join("herstelblad.pdf");
    let (core, admin) = Beeldakkoord::create_with_recovery_sheet(&data, &common::request(), Lang::Nl, &OutputFile::new(&sheet, false)).unwrap();
    let anna = child(&core, &admin);
    assert_eq!(core.recovery_sheet_printed().unwrap(), Some(core.today()));
    drop(core);
    let code = common::recovery_code(&sheet);
    assert!(common::full_text(&sheet).contains("kluis"), "instructions to keep it in the safe");

    let mistyped = format!("X{}", &code[1..]);
    let mistyped = if mistyped == code { format!("Y{}", &code[1..]) } else { mistyped };
    assert_eq!(code_of(Beeldakkoord::recover(&data, &mistyped, "admin", "een nieuw beheerwachtwoord")), "key.recovery_typo");
    assert_eq!(code_of(Beeldakkoord::recover(&data, &code, "admin", "kort")), "auth.weak_password");
    // The code opens the data and sets a new password for an administrator.
    let (core, admin) = Beeldakkoord::recover(&data, &code.to_lowercase(), "admin", "een nieuw beheerwachtwoord").unwrap();
    assert_eq!(core.person(&admin, anna).unwrap().name, "Anna");
    assert!(core.audit_log(&admin, &Default::default()).unwrap().entries.iter().any(|e| e.action == "key.recover"));
    // A new sheet: the old code stops working.
    let sheet2 = dir.path().join("herstelblad-2.pdf");
    core.print_recovery_sheet(&admin, Lang::En, &OutputFile::new(&sheet2, false)).unwrap();
    drop(core);
    assert_eq!(code_of(Beeldakkoord::unlock(&data, "admin", ADMIN_PW)), "auth.failed");
    assert_eq!(code_of(Beeldakkoord::recover(&data, &code, "admin", "nog een nieuw wachtwoord")), "key.wrong_secret");
    assert!(common::full_text(&sheet2).contains("Recovery code"));
}

#[test]
fn nothing_in_the_data_folder_is_readable_without_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, admin) = setup(dir.path());
    core.add_group(&admin, "Groep Zonnebloem").unwrap();
    let anna = common::add(&core, &admin, "Anneke Vermeulen", "2019-03-04", "Groep Zonnebloem", &["Marieke"]);
    common::record(&core, &admin, anna, 1, "group/website/information", "2026-09-01");
    import_two_photos(&core, &admin, dir.path());
    drop(core);
    for f in walk(&data) {
        let bytes = std::fs::read(&f).unwrap();
        let shown = f.strip_prefix(&data).unwrap().display().to_string();
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
            assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{shown} holds {:?}", String::from_utf8_lossy(needle));
        }
    }
    assert!(!store::is_plain(&data));
}

/// Turn an encrypted installation back into one from before encryption: a
/// plain database, plain photo files, no keys file.
fn make_plain(data: &Path) {
    let key = common::data_key(data);
    let db = data.join(store::DB_FILE);
    let plain = data.join("plain.sqlite3");
    let conn = store::connect(&db, Some(&key)).unwrap();
    conn.execute("ATTACH DATABASE ?1 AS plain KEY ''", [plain.to_string_lossy()]).unwrap();
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(())).unwrap();
    let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!("PRAGMA plain.user_version = {version}; DETACH DATABASE plain;")).unwrap();
    drop(conn);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(data.join(format!("{}{suffix}", store::DB_FILE)));
    }
    std::fs::rename(&plain, &db).unwrap();
    // The photo files, not the library's (empty) lock file beside their folders.
    for f in walk(&data.join("photos")).into_iter().filter(|f| f.parent() != Some(&data.join("photos"))) {
        let sealed = std::fs::read(&f).unwrap();
        let mut out = Vec::new();
        stream::decrypt(&key, &mut &sealed[..], &mut out).unwrap();
        std::fs::write(&f, out).unwrap();
    }
    for f in [KEYS_FILE, "beeldakkoord.keys.lock"] {
        let _ = std::fs::remove_file(data.join(f));
    }
    assert!(store::is_plain(data));
}

#[test]
fn an_installation_from_before_encryption_is_encrypted_at_its_first_sign_in_resumably() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, admin) = setup(dir.path());
    let anna = child(&core, &admin);
    common::record(&core, &admin, anna, 1, "group/website/information", "2026-09-01");
    core.add_user(&admin, &NewUser { user: "office".into(), role: Role::Office, groups: vec![], password: "kantoor wachtwoord een".into() }).unwrap();
    let ids = import_two_photos(&core, &admin, dir.path());
    let thumbs: Vec<Vec<u8>> = ids.iter().map(|id| core.photo_file(&admin, *id, Rendition::Thumb).unwrap()).collect();
    let page = core.person_page(&admin, anna, None).unwrap();
    drop(core);
    make_plain(&data);
    // An earlier attempt was interrupted: a half-made copy and keys of a key never used.
    std::fs::write(data.join("beeldakkoord.sqlite3.encrypting"), b"half a copy").unwrap();
    KeyFile::new().write(&data).unwrap();

    // The office signs in first: their password still works, via its stored hash.
    let (core, office) = Beeldakkoord::unlock(&data, "office", "kantoor wachtwoord een").unwrap();
    assert!(core.encrypted());
    assert!(!store::is_plain(&data));
    assert!(!data.join("beeldakkoord.sqlite3.encrypting").exists());
    let office = core.change_password(&office, "kantoor wachtwoord een", "kantoor wachtwoord twee").unwrap();
    assert_eq!(core.person_page(&office, anna, None).unwrap().history, page.history);
    // Photos: still plain until the library is encrypted, and readable meanwhile.
    assert_eq!(core.plain_photo_files(), 6);
    assert_eq!(core.photo_file(&office, ids[0], Rendition::Thumb).unwrap(), thumbs[0]);
    // Stopped after two files (a closed window), then resumed.
    let mut seen = 0;
    let first = core.encrypt_library(&mut |_| {
        seen += 1;
        seen <= 2
    });
    assert_eq!(first.unwrap().done, 2);
    assert_eq!(core.plain_photo_files(), 4);
    for (id, thumb) in ids.iter().zip(&thumbs) {
        assert_eq!(&core.photo_file(&office, *id, Rendition::Thumb).unwrap(), thumb, "half-way, both kinds read");
    }
    let done = core.encrypt_library(&mut |_| true).unwrap();
    assert_eq!((done.done, done.total), (4, 4));
    assert_eq!(core.plain_photo_files(), 0);
    assert!(!KeyFile::read(&data).unwrap().unwrap().plain_photos_left);
    for (id, thumb) in ids.iter().zip(&thumbs) {
        assert_eq!(&core.photo_file(&office, *id, Rendition::Thumb).unwrap(), thumb);
    }
    let check = core.verify_audit(&office).unwrap();
    assert!(check.ok, "{check:?}");
    drop(core);
    // The administrator, whose wrapping came from a stored hash, signs in; it is made again.
    let (core, admin) = Beeldakkoord::unlock(&data, "admin", ADMIN_PW).unwrap();
    assert_eq!(core.person_page(&admin, anna, None).unwrap().history, page.history);
    let keys = KeyFile::read(&data).unwrap().unwrap();
    assert!(keys.users.iter().all(|k| k.wrapped.kdf == beeldakkoord_core::crypto::keys::kdf()), "every wrapping renewed");
    let log = core.audit_log(&admin, &Default::default()).unwrap();
    assert!(log.entries.iter().any(|e| e.action == "store.encrypted"));
    assert!(log.entries.iter().any(|e| e.action == "photos.encrypted"));
    drop(core);
    for f in walk(&data) {
        let bytes = std::fs::read(&f).unwrap();
        assert!(
            !bytes.windows(15).any(|w| w == b"SQLite format 3")
                && ![b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1"].iter().any(|jpeg| bytes.windows(4).any(|w| w == *jpeg)),
            "{}",
            f.display()
        );
    }
}
