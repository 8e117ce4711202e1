//! Every printout is written as PDF/A-2b. veraPDF (the reference validator)
//! cannot be installed on these machines (it comes from Maven Central), so
//! this test checks the clauses of ISO 19005-2 that the writer controls, on
//! every kind of printout: the version; XMP metadata, unfiltered, saying
//! part 2 conformance B, whose title and dates agree with the Info
//! dictionary; the real creation date; an sRGB output intent with an
//! embedded ICC profile; every font embedded; a file identifier; no
//! encryption, no JavaScript, no external content; only DeviceRGB or
//! DeviceGray images (covered by the RGB output intent).

use std::path::Path;

use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::Lang;
use lopdf::{Document, Object};

mod common;

use common::{add, answer, d, setup};

fn text(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            String::from_utf16(&b[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()).unwrap()
        }
        Object::String(b, _) => String::from_utf8(b.clone()).unwrap(),
        other => panic!("not a string: {other:?}"),
    }
}

fn between<'a>(xml: &'a str, open: &str, close: &str) -> &'a str {
    let start = xml.find(open).unwrap_or_else(|| panic!("{open} in XMP")) + open.len();
    &xml[start..start + xml[start..].find(close).unwrap()]
}

/// Check one file; `today` is the date its metadata must carry.
fn check(path: &Path, today: &str) {
    let what = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    assert!(bytes.starts_with(b"%PDF-1.7"), "{what}: PDF 1.7 header");
    // A binary comment on the second line (four bytes above 127).
    let second = bytes.split(|b| *b == b'\n').nth(1).unwrap();
    assert!(second.starts_with(b"%") && second.iter().filter(|b| **b > 127).count() >= 4, "{what}: binary comment");
    let doc = Document::load_mem(&bytes).unwrap();
    assert!(doc.trailer.get(b"Encrypt").is_err(), "{what}: not encrypted");
    let id = doc.trailer.get(b"ID").and_then(Object::as_array).unwrap_or_else(|_| panic!("{what}: file identifier"));
    assert_eq!(id.len(), 2);

    let catalog = doc.catalog().unwrap();
    for forbidden in [b"AA".as_slice(), b"OpenAction", b"Names"] {
        assert!(catalog.get(forbidden).is_err(), "{what}: no {:?} in the catalog", String::from_utf8_lossy(forbidden));
    }
    // XMP: unfiltered, PDF/A-2b, agreeing with Info.
    let meta = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    assert!(meta.dict.get(b"Filter").is_err(), "{what}: metadata not filtered");
    assert_eq!(meta.dict.get(b"Subtype").unwrap().as_name().unwrap(), b"XML");
    let xmp = String::from_utf8(meta.content.clone()).unwrap();
    assert_eq!(between(&xmp, "<pdfaid:part>", "<"), "2", "{what}");
    assert_eq!(between(&xmp, "<pdfaid:conformance>", "<"), "B", "{what}");
    let info = doc.get_object(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap().as_dict().unwrap();
    let title = text(info.get(b"Title").unwrap());
    assert!(!title.is_empty());
    let xmp_title =
        between(&xmp, "<rdf:li xml:lang=\"x-default\">", "<").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    assert_eq!(xmp_title, title, "{what}: dc:title = Info Title");
    assert_eq!(between(&xmp, "<pdf:Producer>", "<"), text(info.get(b"Producer").unwrap()), "{what}");
    assert_eq!(between(&xmp, "<xmp:CreatorTool>", "<"), text(info.get(b"Creator").unwrap()), "{what}");
    let created = text(info.get(b"CreationDate").unwrap());
    let xmp_created = between(&xmp, "<xmp:CreateDate>", "<");
    // D:YYYYMMDDHHmmSS+HH'mm' against YYYY-MM-DDTHH:mm:SS+HH:mm.
    let digits: String = xmp_created.chars().filter(|c| c.is_ascii_digit()).collect();
    let pdf_digits: String = created.chars().filter(|c| c.is_ascii_digit()).collect();
    assert_eq!(digits, pdf_digits, "{what}: CreationDate = xmp:CreateDate");
    assert!(xmp_created.starts_with(today), "{what}: made today ({xmp_created}), not in 1970");
    assert_eq!(text(info.get(b"ModDate").unwrap()), created);
    assert_eq!(between(&xmp, "<xmp:ModifyDate>", "<"), xmp_created);
    assert!(info.get(b"Trapped").is_err() || info.get(b"Trapped").unwrap().as_name().unwrap() != b"Unknown");

    // The sRGB output intent with its profile.
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(intents.len(), 1, "{what}");
    let intent = intents[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let profile = doc.get_object(intent.get(b"DestOutputProfile").unwrap().as_reference().unwrap()).unwrap().as_stream().unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let icc = profile.decompressed_content().unwrap_or_else(|_| profile.content.clone());
    assert_eq!(&icc[36..40], b"acsp", "{what}: an ICC profile");
    assert_eq!(&icc[16..20], b"RGB ", "{what}: an RGB profile");

    // Every font embedded, every image in a device colour space the intent covers, nothing external.
    let mut fonts = 0;
    for (_, object) in doc.objects.iter() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice()) {
            fonts += 1;
            assert!(dict.get(b"FontFile2").is_ok() || dict.get(b"FontFile3").is_ok() || dict.get(b"FontFile").is_ok(), "{what}: a font not embedded");
        }
        if dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice()) {
            let cs = dict.get(b"ColorSpace").and_then(Object::as_name).unwrap_or(b"?");
            assert!(cs == b"DeviceRGB" || cs == b"DeviceGray", "{what}: image in {:?}", String::from_utf8_lossy(cs));
            assert!(dict.get(b"Alternates").is_err() && dict.get(b"OPI").is_err(), "{what}");
        }
        for forbidden in [b"JavaScript".as_slice(), b"JS", b"Launch", b"URI", b"EmbeddedFile"] {
            assert!(dict.get(b"S").and_then(Object::as_name).ok() != Some(forbidden), "{what}: an action {:?}", String::from_utf8_lossy(forbidden));
        }
    }
    assert!(fonts >= 1, "{what}: fonts checked");
}

#[test]
fn every_printout_is_pdf_a_2b_with_its_real_date() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[("group/website/information", true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    // A scan whose appendix page carries an image.
    let scan = dir.path().join("scan.jpg");
    image::RgbImage::from_pixel(600, 840, image::Rgb([240, 238, 230])).save(&scan).unwrap();
    core.attach_scan_file(&s, event, &scan).unwrap();
    let logo = dir.path().join("logo.png");
    image::RgbImage::from_pixel(120, 40, image::Rgb([20, 90, 160])).save(&logo).unwrap();
    core.set_logo_file(&s, &logo).unwrap();

    let out = |name: &str| dir.path().join(name);
    core.print_dossier(&s, noor, Lang::Nl, &OutputFile::new(out("dossier.pdf"), false)).unwrap();
    core.export_person(&s, noor, Lang::En, &OutputFile::new(out("inzage.pdf"), false)).unwrap();
    core.print_measures(&s, Lang::Nl, &OutputFile::new(out("maatregelen.pdf"), false)).unwrap();
    core.print_form(&s, 1, None, &beeldakkoord_core::api::FormTarget::Blank, Lang::Nl, None, &OutputFile::new(out("formulier.pdf"), false)).unwrap();
    core.print_recovery_sheet(&s, Lang::Nl, &OutputFile::new(out("herstelblad.pdf"), false)).unwrap();
    for name in ["dossier.pdf", "inzage.pdf", "maatregelen.pdf", "formulier.pdf", "herstelblad.pdf"] {
        check(&out(name), &today);
    }
}

#[test]
fn a_dossier_carries_its_print_time() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let at = chrono::NaiveDate::from_ymd_opt(2026, 7, 31).unwrap().and_hms_opt(14, 5, 9).unwrap();
    let (a, _) = core.dossier_pdf_at(&s, noor, Lang::Nl, at).unwrap();
    let path = dir.path().join("d.pdf");
    std::fs::write(&path, &a).unwrap();
    check(&path, "2026-07-31");
    let doc = Document::load_mem(&a).unwrap();
    let info = doc.get_object(doc.trailer.get(b"Info").unwrap().as_reference().unwrap()).unwrap().as_dict().unwrap();
    assert!(text(info.get(b"CreationDate").unwrap()).starts_with("D:20260731140509"));
    assert!(!String::from_utf8_lossy(&a).contains("D:1970"), "no 1970 date left anywhere");
}
