//! Backups through the core API: a round trip that gives back the same
//! data, refusals that name what is wrong (cut off, changed, not a backup,
//! a folder that is not empty), the recovery code, and a backup made by an
//! older version.

mod common;

use std::path::Path;

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{BackupSecret, Rendition};
use beeldakkoord_core::backup;
use beeldakkoord_core::crypto::keyfile::KeyFile;
use beeldakkoord_core::crypto::keys::{self, DataKey};
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{store, Beeldakkoord, Lang};
use common::{child, dump, photo_hashes, setup};

const PW: &str = "correct horse battery";

fn admin() -> BackupSecret {
    BackupSecret::Password { user: "admin".into(), password: PW.into() }
}

fn events(data: &Path) -> i64 {
    common::raw(data).query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get(0)).unwrap()
}

/// An office with a child, consent, two photos with previews.
fn office(dir: &Path) -> (Beeldakkoord, beeldakkoord_core::auth::Session) {
    let (core, s) = setup(dir);
    let anna = child(&core, &s);
    common::record(&core, &s, anna, 1, "group/website/information", "2026-09-01");
    let folder = dir.join("camera");
    std::fs::create_dir_all(&folder).unwrap();
    image::RgbImage::from_fn(900, 600, |x, y| image::Rgb([(x / 4) as u8, (y / 3) as u8, 40])).save(folder.join("a.jpg")).unwrap();
    image::RgbImage::from_fn(300, 200, |x, y| image::Rgb([(y / 2) as u8, 90, (x / 3) as u8])).save(folder.join("b.png")).unwrap();
    for p in core.import_photos(&s, &[folder], FacesAtImport::Detect, &mut |_| true).unwrap().imported {
        core.photo_file(&s, p.id, Rendition::Preview).unwrap();
    }
    (core, s)
}

#[test]
fn a_backup_restores_the_same_data_into_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s) = office(dir.path());
    let before = dump(&data, events(&data));
    let photos = photo_hashes(&data);
    assert_eq!(photos.len(), 6);
    std::fs::create_dir_all(dir.path().join("usb")).unwrap();
    let file = dir.path().join("usb").join("reservekopie.bkb");
    let made = core.create_backup(&s, &OutputFile::new(&file, false)).unwrap();
    assert_eq!((made.files, made.photo_files), (7, 6));
    assert_eq!(made.organisation, "Kinderopvang Het Nest");
    // Nothing readable in it either.
    let bytes = std::fs::read(&file).unwrap();
    for needle in [&b"Anna"[..], b"Marieke", b"Het Nest", b"SQLite format 3", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{:?}", String::from_utf8_lossy(needle));
    }
    // No temporary files left beside it.
    assert_eq!(std::fs::read_dir(dir.path().join("usb")).unwrap().count(), 1);
    assert_eq!(Beeldakkoord::verify_backup(&file, &admin()).unwrap().created_at, made.created_at);
    drop(core);

    let target = dir.path().join("hersteld");
    let (restored, s2, _) = Beeldakkoord::restore_backup(&file, &admin(), &target, None).unwrap();
    assert_eq!(s2.username, "admin");
    assert!(restored.verify_audit(&s2).unwrap().ok);
    let log = restored.audit_log(&s2, &Default::default()).unwrap();
    assert_eq!(log.entries[0].action, "backup.restore");
    drop(restored);
    assert_eq!(dump(&target, before.iter().filter(|l| l.starts_with("audit_events:")).count() as i64), before, "the same rows");
    assert_eq!(photo_hashes(&target), photos, "every photo file bit for bit");
}

#[test]
fn a_cut_off_changed_or_foreign_backup_is_refused_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = office(dir.path());
    let file = dir.path().join("kopie.bkb");
    core.create_backup(&s, &OutputFile::new(&file, false)).unwrap();
    drop(core);
    let good = std::fs::read(&file).unwrap();
    let code = |bytes: &[u8]| {
        let f = dir.path().join("test.bkb");
        std::fs::write(&f, bytes).unwrap();
        let v = Beeldakkoord::verify_backup(&f, &admin()).err().map(|e| e.code().to_string()).unwrap_or_else(|| "ok".into());
        let target = dir.path().join("doel");
        let r = Beeldakkoord::restore_backup(&f, &admin(), &target, None).err().map(|e| e.code().to_string()).unwrap_or_else(|| "ok".into());
        assert!(!target.exists() || r == "ok", "a refused restore leaves no folder");
        if target.exists() {
            std::fs::remove_dir_all(&target).unwrap();
        }
        (v, r)
    };
    assert_eq!(code(&good), ("ok".into(), "ok".into()));
    let half = &good[..good.len() / 2];
    assert_eq!(code(half), ("backup.truncated".into(), "backup.truncated".into()));
    assert_eq!(code(&good[..10]), ("backup.truncated".into(), "backup.truncated".into()));
    let mut flipped = good.clone();
    let at = good.len() - 5000;
    flipped[at] ^= 0x04;
    assert_eq!(code(&flipped), ("backup.damaged".into(), "backup.damaged".into()));
    let mut longer = good.clone();
    longer.extend_from_slice(b"extra");
    assert_eq!(code(&longer), ("backup.damaged".into(), "backup.damaged".into()));
    assert_eq!(code(b"PK\x03\x04 a zip file, not a backup"), ("backup.not_a_backup".into(), "backup.not_a_backup".into()));
    let wrong = BackupSecret::Password { user: "admin".into(), password: "wrong horse battery".into() };
    assert_eq!(Beeldakkoord::verify_backup(&file, &wrong).unwrap_err().code(), "auth.failed");
    let msg = {
        let f = dir.path().join("half.bkb");
        std::fs::write(&f, half).unwrap();
        Beeldakkoord::verify_backup(&f, &admin()).unwrap_err().message(Lang::Nl)
    };
    assert!(msg.contains("onvolledig"), "{msg}");
}

#[test]
fn a_restore_goes_only_into_an_empty_folder_and_the_recovery_code_opens_it_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sheet = dir.path().join("herstelblad.pdf");
    let (core, s) = Beeldakkoord::create_with_recovery_sheet(&data, &common::request(), Lang::Nl, &OutputFile::new(&sheet, false)).unwrap();
    let anna = child(&core, &s);
    let file = dir.path().join("kopie.bkb");
    core.create_backup(&s, &OutputFile::new(&file, false)).unwrap();
    // Never into the data folder, never over an existing file unless asked.
    assert_eq!(core.create_backup(&s, &OutputFile::new(data.join("k.bkb"), false)).unwrap_err().code(), "file.inside_data");
    assert_eq!(core.create_backup(&s, &OutputFile::new(&file, false)).unwrap_err().code(), "file.exists");
    drop(core);

    let busy = dir.path().join("bezet");
    std::fs::create_dir_all(&busy).unwrap();
    std::fs::write(busy.join("notities.txt"), b"van iemand").unwrap();
    assert_eq!(Beeldakkoord::restore_backup(&file, &admin(), &busy, None).err().unwrap().code(), "backup.target_not_empty");
    assert_eq!(std::fs::read(busy.join("notities.txt")).unwrap(), b"van iemand");
    assert_eq!(std::fs::read_dir(&busy).unwrap().count(), 1);

    // Nobody knows a password: the code from the sheet restores, and sets one.
    let secret = BackupSecret::RecoveryCode { code: common::recovery_code(&sheet) };
    assert_eq!(Beeldakkoord::verify_backup(&file, &secret).unwrap().files, 1);
    let empty = dir.path().join("leeg");
    std::fs::create_dir_all(&empty).unwrap();
    assert_eq!(Beeldakkoord::restore_backup(&file, &secret, &empty, None).err().unwrap().code(), "auth.no_password");
    let (core, s, _) = Beeldakkoord::restore_backup(&file, &secret, &empty, Some(("admin", "een nieuw wachtwoord voor beheer"))).unwrap();
    assert_eq!(core.person(&s, anna).unwrap().name, "Anna");
    drop(core);
    assert!(Beeldakkoord::unlock(&empty, "admin", "een nieuw wachtwoord voor beheer").is_ok());
}

#[test]
fn a_backup_from_an_older_version_is_brought_up_to_date_after_restoring() {
    let dir = tempfile::tempdir().unwrap();
    // What an installation of schema 8 held: an organisation and its administrator.
    let key = DataKey::generate();
    let db = dir.path().join("old.sqlite3");
    let hash = beeldakkoord_core::auth::hash_password("het wachtwoord van toen").unwrap();
    let sql = format!(
        "INSERT INTO organisation (id, name, jurisdiction, consent_age, school_year_start, created_at) VALUES (1, 'Oude School', 'nl', 16, '08-01', '2025-01-01T08:00:00');
         INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'admin', '{hash}', 'admin', '2025-01-01T08:00:00');"
    );
    store::testing::database_at(&db, &key, 4, &sql, 8).unwrap();
    let mut keys = KeyFile::new();
    keys.add_user(1, "admin", keys::wrap(&key, "het wachtwoord van toen").unwrap());
    let file = dir.path().join("oud.bkb");
    let mut w = backup::Writer::create(&file, &keys, &key).unwrap();
    w.add(store::DB_FILE, &db).unwrap();
    w.finish("2025-06-01T12:00:00".into(), 8, "Oude School".into()).unwrap();
    let secret = BackupSecret::Password { user: "admin".into(), password: "het wachtwoord van toen".into() };
    assert_eq!(Beeldakkoord::verify_backup(&file, &secret).unwrap().schema_version, 8);
    let target = dir.path().join("nu");
    let (core, s, info) = Beeldakkoord::restore_backup(&file, &secret, &target, None).unwrap();
    assert_eq!(info.schema_version, 8, "what the backup holds");
    assert_eq!(core.organisation().unwrap().name, "Oude School");
    // The built-in staff forms arrive with the upgrade, once, as audited writes.
    let staff: Vec<(Option<String>, bool)> = core
        .forms(&s)
        .unwrap()
        .into_iter()
        .filter(|f| f.title.contains("medewerkers") || f.title.contains("personeel"))
        .map(|f| (f.builtin, f.active))
        .collect();
    assert_eq!(staff, [(Some("medewerkers-nl".to_string()), true), (Some("personeel-vlaanderen".to_string()), false)]);
    assert!(core.verify_audit(&s).unwrap().ok);
    drop(core);
    let version: i64 = store::connect(&target.join(store::DB_FILE), Some(&key)).unwrap().query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version as usize, store::schema_version());
}

#[test]
fn the_daily_backup_goes_into_the_chosen_folder_once_a_day_and_keeps_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (core, s) = setup(dir.path());
    child(&core, &s);
    let status = core.backup_status(&s).unwrap();
    assert_eq!((status.settings.folder.as_deref(), status.settings.keep, status.last.is_none(), status.stale, status.due_today), (None, 14, true, true, false));
    assert!(core.scheduled_backup(&s).unwrap().is_none(), "no folder chosen: nothing to do");
    // A folder that is not one, one inside the data folder, a count out of range: refused, nothing changes.
    let usb = dir.path().join("usb");
    assert_eq!(core.set_backup_settings(&s, Some(&usb), 2).unwrap_err().code(), "file.not_a_folder");
    assert_eq!(core.set_backup_settings(&s, Some(&data), 2).unwrap_err().code(), "file.inside_data");
    std::fs::create_dir_all(&usb).unwrap();
    assert_eq!(core.set_backup_settings(&s, Some(&usb), 0).unwrap_err().code(), "setup.backup_keep");
    assert_eq!(core.backup_status(&s).unwrap().settings.folder, None);
    std::fs::write(usb.join("notities.txt"), b"van de administratie").unwrap();
    std::fs::write(usb.join("Beeldakkoord-handleiding.pdf"), b"%PDF").unwrap();
    let status = core.set_backup_settings(&s, Some(&usb), 2).unwrap();
    assert!(status.due_today);
    drop(core);

    // Three days, one sign-in each (twice on the first): one backup a day, the newest two kept.
    let real_today = chrono::Local::now().date_naive();
    let mut made = Vec::new();
    for day in 0..3 {
        let (core, s) = Beeldakkoord::unlock(&data, "admin", PW).unwrap();
        let core = core.with_today(real_today + chrono::Duration::days(day));
        made.push(core.scheduled_backup(&s).unwrap().expect("due").file);
        if day == 0 {
            assert!(core.scheduled_backup(&s).unwrap().is_none(), "once a day");
        }
        let status = core.backup_status(&s).unwrap();
        assert!(!status.stale && status.last.is_some());
    }
    let mut names: Vec<String> = std::fs::read_dir(&usb).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> = made[1..].iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    expected.extend(["Beeldakkoord-handleiding.pdf".to_string(), "notities.txt".to_string()]);
    expected.sort();
    assert_eq!(names, expected, "the newest two kept, other files untouched");
    for name in names.iter().filter(|n| n.ends_with(".bkb")) {
        assert!(Beeldakkoord::verify_backup(&usb.join(name), &admin()).is_ok());
    }
    // A week later without a backup: stale.
    let (core, s) = Beeldakkoord::unlock(&data, "admin", PW).unwrap();
    let core = core.with_today(real_today + chrono::Duration::days(10));
    let status = core.backup_status(&s).unwrap();
    assert!(status.stale && status.due_today);
    // The backups were recorded today by the real clock; "today" is ten days on.
    assert_eq!(status.days_since, Some(10));
}
