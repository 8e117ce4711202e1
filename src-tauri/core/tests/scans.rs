//! The signed paper kept as evidence, through the core API: a scan (PDF,
//! JPEG, PNG) attached to a consent event, stored encrypted under its
//! SHA-256, read back byte for byte, counted in the history's fingerprint,
//! printed in the dossier (its hash, and the scan itself as an appendix
//! page), checked by `audit verify`, carried by a backup, and removed by the
//! retention pass with its events. Bad files are refused and change nothing.

use std::path::Path;

use beeldakkoord_core::api::BackupSecret;
use beeldakkoord_core::domain::audit::RowProblemKind;
use beeldakkoord_core::domain::consent::{AttachmentKind, DocFormat, Method};
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::{Lang, UserFacing};
use beeldakkoord_core::Beeldakkoord;
use sha2::Digest;

mod common;

use common::{add, answer, content_text, d, dump, pages, photo_hashes, raw, setup};

const WEB: &str = "group/website/information";

fn sha(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

/// A scanned page as a phone or scanner makes it: greyish paper, dark
/// lines of "text" and a signature-like scrawl; `w`×`h` pixels.
fn page_image(w: u32, h: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        let line = (y / 14) % 3 == 0 && x > w / 10 && x < w * 9 / 10 && (x / 9) % 7 != 0;
        let scrawl = y > h * 3 / 4 && y < h * 3 / 4 + 40 && ((x as f32 / 11.0).sin() * 15.0 + (h * 3 / 4 + 20) as f32 - y as f32).abs() < 2.5;
        if line || scrawl {
            image::Rgb([30, 30, 60])
        } else {
            image::Rgb([238, 236, 230])
        }
    })
}

fn jpeg_scan(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85).encode_image(&page_image(1240, 1754)).unwrap();
    std::fs::write(path, &bytes).unwrap();
    bytes
}

fn png_scan(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    page_image(620, 877).write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    std::fs::write(path, &bytes).unwrap();
    bytes
}

/// A real PDF of several pages: the measures sheet the app prints.
fn pdf_scan(core: &Beeldakkoord, s: &beeldakkoord_core::auth::Session, path: &Path) -> Vec<u8> {
    core.print_measures(s, Lang::Nl, &OutputFile::new(path, true)).unwrap();
    std::fs::read(path).unwrap()
}

fn events(data: &Path) -> i64 {
    raw(data).query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_scan_is_kept_encrypted_under_its_hash_and_read_back_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let before = core.person_fingerprint(&s, noor).unwrap();

    let file = dir.path().join("scan formulier Noor.jpg");
    let bytes = jpeg_scan(&file);
    let a = core.attach_scan_file(&s, event, &file).unwrap();
    assert_eq!((a.number, a.kind, a.format, a.pages), (1, AttachmentKind::Scan, DocFormat::Jpeg, 1));
    assert_eq!(a.sha256, sha(&bytes));
    assert_eq!(a.bytes, bytes.len() as u64);
    assert_eq!(a.attached_by, "admin");

    // In the history, beside its event, and counted in the fingerprint.
    let history = core.history(&s, noor).unwrap();
    assert_eq!(history.iter().find(|e| e.id == event).unwrap().attachments, vec![a.clone()]);
    let after = core.person_fingerprint(&s, noor).unwrap();
    assert_eq!(after.events, before.events, "attaching is no new event");
    assert_ne!(after.sha256, before.sha256, "the fingerprint covers the scan");

    // Stored once, encrypted: the library file is not the scan.
    let stored = data.join("photos/scans").join(&a.sha256[..2]).join(format!("{}.jpg", a.sha256));
    let on_disk = std::fs::read(&stored).unwrap();
    assert_ne!(on_disk, bytes);
    assert!(!on_disk.windows(4).any(|w| w == [0xFF, 0xD8, 0xFF, 0xE0]), "no JPEG header in the clear");

    // Read back and copied out exactly; the copy never goes into the data folder.
    let (same, back) = core.consent_scan(&s, event, 1).unwrap();
    assert_eq!((same, back.as_slice()), (a.clone(), bytes.as_slice()));
    let out = dir.path().join("kopie.jpg");
    core.export_scan(&s, event, 1, &OutputFile::new(&out, false)).unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
    let inside = core.export_scan(&s, event, 1, &OutputFile::new(data.join("kopie.jpg"), false)).unwrap_err();
    assert_eq!(inside.code().as_str(), "file.inside_data");
    assert_eq!(core.export_scan(&s, event, 2, &OutputFile::new(dir.path().join("2.jpg"), false)).unwrap_err().code().as_str(), "scan.unknown");

    // The same paper again (a second page scanned as the same file): numbered 2, stored once.
    let again = core.attach_scan_file(&s, event, &file).unwrap();
    assert_eq!(again.number, 2);
    assert_eq!(photo_hashes(&data).keys().filter(|k| k.contains("scans/")).count(), 1);

    // The trail covers the rows: verified whole, every kept file checked.
    let report = core.verify_audit(&s).unwrap();
    assert!(report.ok, "{report:?}");
    assert_eq!(report.files, 2);
}

#[test]
fn the_dossier_names_each_scan_by_hash_and_prints_it_as_an_appendix_page() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let plain = dir.path().join("zonder.pdf");
    core.print_dossier(&s, noor, Lang::Nl, &OutputFile::new(&plain, false)).unwrap();

    let jpg = jpeg_scan(&dir.path().join("scan.jpg"));
    let pdf = pdf_scan(&core, &s, &dir.path().join("scan.pdf"));
    let a1 = core.attach_scan_file(&s, event, &dir.path().join("scan.jpg")).unwrap();
    let a2 = core.attach_scan_file(&s, event, &dir.path().join("scan.pdf")).unwrap();
    assert_eq!((a1.sha256.as_str(), a2.sha256.as_str()), (sha(&jpg).as_str(), sha(&pdf).as_str()));
    assert_eq!(a2.format, DocFormat::Pdf);
    assert!(a2.pages >= 1);

    let out = dir.path().join("dossier.pdf");
    let report = core.print_dossier(&s, noor, Lang::Nl, &OutputFile::new(&out, false)).unwrap();
    let text = content_text(&out);
    assert!(
        text.contains(&format!("scan van het ondertekende formulier (JPEG, {} kB), zie bijlage 1. SHA-256: {}", jpg.len().div_ceil(1024), a1.sha256)),
        "{text}"
    );
    assert!(text.contains(&format!("zie bijlage 2. SHA-256: {}", a2.sha256)), "{text}");
    assert!(text.contains("Bijlage 1 — registratie #") && text.contains("Bijlage 2 — registratie #"), "{text}");
    assert_eq!(report.fingerprint, core.person_fingerprint(&s, noor).unwrap());
    // One appendix page per scan.
    assert_eq!(pages(&out), pages(&plain) + 2);

    // The appendix pages carry the pictures: the JPEG's page is mostly paper-grey with dark lines,
    // the PDF's first page (rendered) shows the measures sheet's own text as pixels.
    let png = dir.path().join("page");
    let n = pages(&out);
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "40", "-gray", "-png", "-f", &(n - 1).to_string(), "-l", &n.to_string()])
        .arg(&out)
        .arg(&png)
        .status()
        .unwrap();
    assert!(status.success());
    for (page, min_dark) in [(n - 1, 0.02), (n, 0.005)] {
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("page") && p.to_string_lossy().ends_with(&format!("-{page}.png")))
            .unwrap_or_else(|| panic!("page {page} rendered"));
        let img = image::open(&file).unwrap().to_luma8();
        // The middle of the page, below the heading: the picture.
        let (w, h) = img.dimensions();
        let mid: Vec<u8> = (h / 3..h * 5 / 6).flat_map(|y| (w / 6..w * 5 / 6).map(move |x| (x, y))).map(|(x, y)| img.get_pixel(x, y)[0]).collect();
        let dark = mid.iter().filter(|v| **v < 128).count() as f64 / mid.len() as f64;
        assert!(dark > min_dark, "page {page}: {dark:.4} dark");
        assert!(dark < 0.6, "page {page} is not a black box: {dark:.4}");
    }

    // English words on an English dossier.
    let en = dir.path().join("dossier-en.pdf");
    core.print_dossier(&s, noor, Lang::En, &OutputFile::new(&en, false)).unwrap();
    assert!(content_text(&en).contains("Appendix 1 — entry #"));
}

#[test]
fn audit_verify_finds_a_kept_file_changed_swapped_or_gone() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let a = core
        .attach_scan_file(&s, event, &{
            let p = dir.path().join("a.png");
            png_scan(&p);
            p
        })
        .unwrap();
    let b_path = dir.path().join("b.jpg");
    jpeg_scan(&b_path);
    let b = core.attach_scan_file(&s, event, &b_path).unwrap();
    assert!(core.verify_audit(&s).unwrap().ok);
    let file_of = |hash: &str, ext: &str| data.join("photos/scans").join(&hash[..2]).join(format!("{hash}.{ext}"));

    // One byte changed inside the encrypted file.
    let path = file_of(&a.sha256, "png");
    let original = std::fs::read(&path).unwrap();
    let mut changed = original.clone();
    let i = changed.len() / 2;
    changed[i] ^= 0x01;
    std::fs::write(&path, &changed).unwrap();
    let report = core.verify_audit(&s).unwrap();
    assert!(!report.ok);
    assert_eq!(report.table.as_deref(), Some("consent_attachments"));
    assert_eq!(report.key, Some(format!("{event}/1")));
    assert_eq!(report.problem, Some(RowProblemKind::FileChanged));
    assert!(report.broken_at.is_some(), "names the event that attached it");
    // The scan is not served as if nothing happened.
    assert_eq!(core.consent_scan(&s, event, 1).unwrap_err().code().as_str(), "scan.changed");

    // Swapped for the other (valid, encrypted) scan: decrypts, but the hash is wrong.
    std::fs::copy(file_of(&b.sha256, "jpg"), &path).unwrap();
    assert_eq!(core.verify_audit(&s).unwrap().problem, Some(RowProblemKind::FileChanged));

    // Gone.
    std::fs::remove_file(&path).unwrap();
    let report = core.verify_audit(&s).unwrap();
    assert_eq!(report.problem, Some(RowProblemKind::FileMissing));
    assert_eq!(report.problem_count, 1, "the other scan is fine");

    // Put back as it was: whole again.
    std::fs::write(&path, &original).unwrap();
    assert!(core.verify_audit(&s).unwrap().ok);
}

#[test]
fn a_file_that_is_not_a_scan_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let good = dir.path().join("goed.png");
    let png = png_scan(&good);

    let f = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let huge = dir.path().join("enorm.pdf");
    {
        let file = std::fs::File::create(&huge).unwrap();
        file.set_len(200 * 1024 * 1024).unwrap(); // sparse: 200 MB on paper, nothing on disk
    }
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (f("leeg.pdf", b""), "scan.empty"),
        (huge, "file.too_large"),
        (f("brief.txt", "Beste ouders, hierbij het formulier.".as_bytes()), "scan.not_a_document"),
        (f("formulier.docx", b"PK\x03\x04\x14\x00\x06\x00word/document.xml"), "scan.not_a_document"),
        (f("half.png", &png[..png.len() / 2]), "scan.damaged"),
        (f("kapot.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF"), "scan.damaged"),
        (f("kapot.jpg", &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1, 1, 0, 0, 1]), "scan.damaged"),
        (dir.path().join("bestaat-niet.jpg"), "file.not_found"),
        (dir.path().to_path_buf(), "file.is_folder"),
    ];
    let db = dump(&data, i64::MAX);
    let files = photo_hashes(&data);
    for (path, code) in cases {
        let err = core.attach_scan_file(&s, event, &path).unwrap_err();
        assert_eq!(err.code().as_str(), code, "{}", path.display());
        assert!(err.message(Lang::Nl).len() > 20, "a message a person can act on");
        assert_eq!(dump(&data, i64::MAX), db, "{code}: the database is as it was");
        assert_eq!(photo_hashes(&data), files, "{code}: the data folder is as it was");
    }
    // An event that does not exist, with a good file.
    assert_eq!(core.attach_scan_file(&s, 999, &good).unwrap_err().code().as_str(), "consent.unknown_event");
    assert_eq!(dump(&data, i64::MAX), db);
    assert_eq!(photo_hashes(&data), files);
    // The good file itself is fine.
    assert_eq!(core.attach_scan(&s, event, "goed.png", &png).unwrap().number, 1);
}

#[test]
fn kept_files_go_into_a_backup_and_with_the_events_at_the_end_of_retention() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 1").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2015-04-02", "Groep 1", &["Ilse Bakker"]);
    let sam = add(&core, &s, "Sam Bakker", "2016-04-02", "Groep 1", &["Ilse Bakker"]);
    let e1 = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2019-09-01"));
    let e2 = answer(&core, &s, sam, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2019-09-01"));
    let only_noor = dir.path().join("noor.jpg");
    jpeg_scan(&only_noor);
    let both = dir.path().join("beiden.png");
    png_scan(&both);
    let a = core.attach_scan_file(&s, e1, &only_noor).unwrap();
    // One sheet for two siblings: the same file kept with both events.
    let shared = core.attach_scan_file(&s, e1, &both).unwrap();
    core.attach_scan_file(&s, e2, &both).unwrap();

    // A backup carries the scans; restored elsewhere, they read back whole.
    let backup = dir.path().join("kopie.bkbackup");
    core.create_backup(&s, &OutputFile::new(&backup, false)).unwrap();
    let target = dir.path().join("elders");
    let secret = BackupSecret::Password { user: "admin".into(), password: "correct horse battery".into() };
    let (restored, s2, _) = Beeldakkoord::restore_backup(&backup, &secret, &target, None).unwrap();
    assert_eq!(restored.consent_scan(&s2, e1, 1).unwrap().1, std::fs::read(&only_noor).unwrap());
    assert!(restored.verify_audit(&s2).unwrap().ok);
    drop(restored);

    // Rows cannot be changed or removed behind the app's back.
    assert!(raw(&data).execute("DELETE FROM consent_attachments", []).is_err());
    assert!(raw(&data).execute("UPDATE consent_attachments SET sha256 = ?1", [&shared.sha256]).is_err());

    // Noor left in 2020; five years on, with her dossier printed, her scans go with her events.
    core.set_leave_date(&s, noor, d("2020-07-31")).unwrap();
    core.print_dossier(&s, noor, Lang::Nl, &OutputFile::new(dir.path().join("dossier.pdf"), true)).unwrap();
    let before = events(&data);
    let run = core.run_retention(&s, None, false).unwrap();
    assert!(events(&data) > before);
    let gone = run.leavers.iter().find(|l| l.person == noor).expect("Noor is due");
    assert_eq!(gone.removed.scans, 2);
    let kept = photo_hashes(&data);
    assert!(!kept.keys().any(|k| k.contains(&a.sha256)), "her own scan's file is gone");
    assert!(kept.keys().any(|k| k.contains(&shared.sha256)), "the sheet her brother's event keeps stays");
    assert_eq!(core.consent_scan(&s, e2, 1).unwrap().0.sha256, shared.sha256);
    assert!(core.verify_audit(&s).unwrap().ok);
}

#[test]
fn the_scanner_folder_offers_its_newest_documents_to_attach() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    assert_eq!(core.scan_folder(&s).unwrap().folder, None, "no folder until the office chooses one");

    // What a scanner leaves in its folder, oldest first, with other things beside it.
    let scanner = dir.path().join("scanner");
    std::fs::create_dir_all(scanner.join("archief")).unwrap();
    let start = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for i in 0..10 {
        let path = scanner.join(format!("scan_{i:04}.{}", if i % 2 == 0 { "jpg" } else { "PDF" }));
        if i % 2 == 0 {
            jpeg_scan(&path);
        } else {
            std::fs::write(&path, b"%PDF-1.4 placeholder").unwrap();
        }
        std::fs::File::options().write(true).open(&path).unwrap().set_modified(start + std::time::Duration::from_secs(60 * i)).unwrap();
    }
    std::fs::write(scanner.join("lees mij.txt"), "Scanner van de administratie").unwrap();
    std::fs::write(scanner.join(".scan_0011.jpg.part"), "half").unwrap();
    std::fs::write(scanner.join("leeg.png"), b"").unwrap();

    let before = (dump(&data, events(&data)), photo_hashes(&data));
    for bad in [dir.path().join("bestaat niet"), scanner.join("lees mij.txt"), data.clone()] {
        assert!(core.set_scan_folder(&s, Some(&bad)).is_err(), "{}", bad.display());
    }
    assert_eq!(core.set_scan_folder(&s, Some(&data)).unwrap_err().code(), "file.inside_data");
    assert_eq!(core.set_scan_folder(&s, Some(&scanner.join("lees mij.txt"))).unwrap_err().code(), "file.not_a_folder");
    assert_eq!((dump(&data, events(&data)), photo_hashes(&data)), before, "refused folders change nothing");

    let shown = core.set_scan_folder(&s, Some(&scanner)).unwrap();
    assert_eq!(shown.folder.as_deref(), Some(std::fs::canonicalize(&scanner).unwrap().as_path()));
    assert!(!shown.unreachable);
    let names: Vec<&str> = shown.recent.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        ["scan_0009.PDF", "scan_0008.jpg", "scan_0007.PDF", "scan_0006.jpg", "scan_0005.PDF", "scan_0004.jpg", "scan_0003.PDF", "scan_0002.jpg"],
        "newest first, documents only, at most eight"
    );
    assert!(shown.recent.windows(2).all(|w| w[0].modified >= w[1].modified));

    // The newest JPEG attaches like any file; what only looks like a PDF is refused by its content.
    let jpeg = shown.recent.iter().find(|f| f.name == "scan_0008.jpg").unwrap();
    let kept = core.attach_scan_file(&s, event, &jpeg.path).unwrap();
    assert_eq!(kept.bytes, jpeg.bytes);
    assert_eq!(core.attach_scan_file(&s, event, &shown.recent[0].path).unwrap_err().code(), "scan.damaged");

    // A folder that went away (a share that is down) says so, and can be cleared.
    std::fs::rename(&scanner, dir.path().join("weg")).unwrap();
    let gone = core.scan_folder(&s).unwrap();
    assert!(gone.unreachable && gone.recent.is_empty());
    assert_eq!(core.set_scan_folder(&s, None).unwrap().folder, None);
}
