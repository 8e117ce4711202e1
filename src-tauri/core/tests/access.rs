//! "What we hold about you": the overview for a GDPR access request, through
//! the core API. It holds the person's data, consent history with its scans,
//! every photo they are tagged on as a thumbnail with everyone else made
//! unrecognisable (or withheld when someone else cannot be hidden), the
//! publications and their rights; it is recorded in the audit trail, and a
//! refused request writes nothing.

use std::path::Path;

use beeldakkoord_core::api::{BoxInput, FacesAtImport};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::audit::AuditFilter;
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{Beeldakkoord, Lang};

mod common;

use common::{add, answer, content_text, d, dump, pages, photo_hashes, setup};

const WEB: &str = "group/website/information";

/// A photo of fine stripes, blue and yellow, 4 pixels wide: Noor stands on
/// the left, Bram on the right.
fn import(core: &Beeldakkoord, s: &Session, dir: &Path, name: &str) -> i64 {
    let camera = dir.join(name);
    std::fs::create_dir_all(&camera).unwrap();
    // The name's length in the green channel: two photos, two files.
    let g = name.len() as u8 * 3;
    image::RgbImage::from_fn(800, 600, |x, _| if (x / 4) % 2 == 0 { image::Rgb([30, g, 210]) } else { image::Rgb([230, 220, 40]) })
        .save(camera.join(format!("{name}.jpg")))
        .unwrap();
    core.import_photos(s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id
}

#[test]
fn the_overview_holds_the_persons_data_photos_and_rights_and_hides_everyone_else() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let bram = add(&core, &s, "Bram de Wit", "2019-06-02", "Groep 3", &["Joop de Wit"]);
    let event = answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let scan = dir.path().join("scan.png");
    image::RgbImage::from_pixel(300, 420, image::Rgb([240, 238, 232])).save(&scan).unwrap();
    let kept = core.attach_scan_file(&s, event, &scan).unwrap();

    // On the first photo both have a box: Bram's half is filled in Noor's overview.
    let both = import(&core, &s, dir.path(), "schoolreis");
    core.tag_photo(&s, both, noor, Some(BoxInput { x: 50, y: 50, w: 300, h: 500 }), false).unwrap();
    core.tag_photo(&s, both, bram, Some(BoxInput { x: 420, y: 20, w: 360, h: 560 }), false).unwrap();
    // On the second nobody marked where Noor stands: the rest cannot be hidden around her, so no picture.
    let unboxed = import(&core, &s, dir.path(), "klassenfoto");
    core.tag_photo(&s, unboxed, noor, None, false).unwrap();

    let out = dir.path().join("inzage.pdf");
    let report = core.export_person(&s, noor, Lang::Nl, &OutputFile::new(&out, false)).unwrap();
    assert_eq!((report.person, report.photos, report.photos_withheld, report.scans), (noor, 2, 1, 1));
    assert_eq!(report.bytes, std::fs::metadata(&out).unwrap().len());

    let text = content_text(&out);
    for expected in [
        "Wat wij over u bewaren",
        "Inzage in persoonsgegevens (AVG, artikel 15)",
        "Noor Bakker",
        "Ilse Bakker",
        "Groep 3",
        "Toestemming vastgelegd op 01-09-2026",
        &kept.sha256,
        "Foto's waarop deze persoon is aangeduid",
        &format!("#{both} schoolreis.jpg"),
        &format!("#{unboxed} klassenfoto.jpg"),
        "Uw rechten",
        "Autoriteit Persoonsgegevens",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from: {text}");
    }
    // Data of others is not in it: not Bram's name, not his guardian.
    assert!(!text.contains("Bram") && !text.contains("Joop"), "{text}");

    // The thumbnail on the page: Noor's red half shows, Bram's blue half is a flat fill, not blue.
    let n = pages(&out);
    let prefix = dir.path().join("blad");
    let ok = std::process::Command::new("pdfimages").args(["-png"]).arg(&out).arg(&prefix).status().unwrap();
    assert!(ok.success());
    let mut thumbs: Vec<image::RgbImage> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("blad"))
        .map(|p| image::open(p).unwrap().to_rgb8())
        .filter(|i| i.width() == 400 && i.height() == 300)
        .collect();
    assert_eq!(thumbs.len(), 1, "one thumbnail shown, the other withheld ({n} pages)");
    let t = thumbs.pop().unwrap();
    // In the thumbnail (half size) Noor's box keeps its stripes; everything else, Bram's side too, is a coarse mosaic.
    let spread = |x0: u32, x1: u32| {
        let row: Vec<u8> = (x0..x1).map(|x| t.get_pixel(x, 150)[2]).collect();
        row.iter().max().unwrap() - row.iter().min().unwrap()
    };
    assert!(spread(60, 150) > 100, "Noor's side is as it was: {}", spread(60, 150));
    assert!(spread(230, 370) < 40, "Bram's side is not recognisable: {}", spread(230, 370));
    assert!(spread(0, 20) < 40, "nor the edge outside her box: {}", spread(0, 20));

    // Recorded: who asked for whose data, and when.
    let log = core.audit_log(&s, &AuditFilter { person: Some(noor), ..AuditFilter::default() }).unwrap();
    assert!(log.entries.iter().any(|e| e.action == "person.export"), "{:?}", log.entries.iter().map(|e| &e.action).collect::<Vec<_>>());

    // English on request.
    let en = dir.path().join("access.pdf");
    core.export_person(&s, noor, Lang::En, &OutputFile::new(&en, false)).unwrap();
    let text = content_text(&en);
    assert!(text.contains("What we hold about you") && text.contains("Your rights"), "{text}");

    // Refused requests write nothing and change nothing.
    let before = (dump(&data, i64::MAX), photo_hashes(&data));
    let nobody = core.export_person(&s, 999, Lang::Nl, &OutputFile::new(dir.path().join("niemand.pdf"), false)).unwrap_err();
    assert_eq!(nobody.code().as_str(), "person.unknown");
    assert!(!dir.path().join("niemand.pdf").exists());
    let inside = core.export_person(&s, noor, Lang::Nl, &OutputFile::new(data.join("inzage.pdf"), false)).unwrap_err();
    assert_eq!(inside.code().as_str(), "file.inside_data");
    let exists = core.export_person(&s, noor, Lang::Nl, &OutputFile::new(&out, false)).unwrap_err();
    assert_eq!(exists.code().as_str(), "file.exists");
    assert_eq!((dump(&data, i64::MAX), photo_hashes(&data)), before);
}
