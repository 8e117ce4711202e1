//! Every printout is written as PDF/A-2b. veraPDF (the reference validator)
//! cannot be installed on these machines (it comes from Maven Central), so
//! this test checks the clauses of ISO 19005-2 that the writer controls, on
//! every kind of printout: the version; XMP metadata, unfiltered, saying
//! part 2 conformance B, whose title and dates agree with the Info
//! dictionary; the real creation date; an sRGB output intent with an
//! embedded ICC profile; every font embedded; a file identifier; no
//! encryption, no JavaScript, no external content; only DeviceRGB or
//! DeviceGray images (covered by the RGB output intent).
//!
//! And every printout is a Tagged PDF a screen reader can follow: marked,
//! in its language, with a structure tree whose elements own every piece of
//! content on every page (headers, footers and rules as artifacts), read in
//! order by poppler's own structure reader.

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

/// Every kind of printout, into `dir`: a dossier with a scan as appendix
/// (an image page) and a logo, an access overview in English, the measures
/// sheet, a blank form and the recovery sheet.
fn print_every_kind(dir: &Path) {
    let (core, s) = setup(dir);
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let event = answer(&core, &s, noor, &[("group/website/information", true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let scan = dir.join("scan.jpg");
    image::RgbImage::from_pixel(600, 840, image::Rgb([240, 238, 230])).save(&scan).unwrap();
    core.attach_scan_file(&s, event, &scan).unwrap();
    let logo = dir.join("logo.png");
    image::RgbImage::from_pixel(120, 40, image::Rgb([20, 90, 160])).save(&logo).unwrap();
    core.set_logo_file(&s, &logo).unwrap();

    let out = |name: &str| OutputFile::new(dir.join(name), false);
    core.print_dossier(&s, noor, Lang::Nl, &out("dossier.pdf")).unwrap();
    core.export_person(&s, noor, Lang::En, &out("inzage.pdf")).unwrap();
    core.print_measures(&s, Lang::Nl, &out("maatregelen.pdf")).unwrap();
    core.print_form(&s, 1, None, &beeldakkoord_core::api::FormTarget::Blank, Lang::Nl, None, &out("formulier.pdf")).unwrap();
    core.print_recovery_sheet(&s, Lang::Nl, &out("herstelblad.pdf")).unwrap();
}

#[test]
fn every_printout_is_pdf_a_2b_with_its_real_date() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    print_every_kind(dir.path());
    let out = |name: &str| dir.path().join(name);
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

/// A structure element as read back: its type, the content it owns (page, MCID) and its alt text.
type Element = (String, Vec<(lopdf::ObjectId, i64)>, Option<String>);

/// The elements of a structure tree under `node`, depth first.
fn walk(doc: &Document, node: &lopdf::Dictionary, out: &mut Vec<Element>) {
    let role = String::from_utf8_lossy(node.get(b"S").and_then(Object::as_name).unwrap_or(b"?")).into_owned();
    let mut mine = Vec::new();
    let kids = node.get(b"K").and_then(Object::as_array).cloned().unwrap_or_default();
    let at = out.len();
    out.push((role, Vec::new(), node.get(b"Alt").ok().map(text)));
    for kid in kids {
        match kid {
            Object::Reference(r) => walk(doc, doc.get_object(r).unwrap().as_dict().unwrap(), out),
            Object::Dictionary(mcr) => mine.push((mcr.get(b"Pg").unwrap().as_reference().unwrap(), mcr.get(b"MCID").unwrap().as_i64().unwrap())),
            other => panic!("unexpected kid {other:?}"),
        }
    }
    out[at].1 = mine;
}

/// Check that `path` is tagged in `lang`; returns the element types in reading order.
fn check_tagged(path: &Path, lang: &str) -> Vec<String> {
    let what = path.file_name().unwrap().to_string_lossy().into_owned();
    let doc = Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark = catalog.get(b"MarkInfo").and_then(Object::as_dict).unwrap_or_else(|_| panic!("{what}: MarkInfo"));
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap(), "{what}: marked");
    assert_eq!(text(catalog.get(b"Lang").unwrap()), lang, "{what}: language");
    let root = doc.get_object(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap()).unwrap().as_dict().unwrap();
    let top = doc.get_object(root.get(b"K").unwrap().as_reference().unwrap()).unwrap().as_dict().unwrap();
    let mut elements = Vec::new();
    walk(&doc, top, &mut elements);
    assert_eq!(elements[0].0, "Document", "{what}");
    let owned: std::collections::BTreeSet<(lopdf::ObjectId, i64)> = elements.iter().flat_map(|e| e.1.iter().copied()).collect();
    let parent_tree = doc.get_object(root.get(b"ParentTree").unwrap().as_reference().unwrap()).unwrap().as_dict().unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();

    // Every page: its content marked, every MCID owned by an element and in the parent tree.
    let mut seen = std::collections::BTreeSet::new();
    for (n, (_, page)) in doc.get_pages().into_iter().enumerate() {
        let dict = doc.get_object(page).unwrap().as_dict().unwrap();
        let key = dict.get(b"StructParents").unwrap_or_else(|_| panic!("{what}: page {} has no StructParents", n + 1)).as_i64().unwrap();
        let list = nums.chunks(2).find(|kv| kv[0].as_i64().unwrap() == key).map(|kv| kv[1].as_array().unwrap().len()).unwrap_or(0);
        let content = doc.get_and_decode_page_content(page).unwrap();
        let mut stack: Vec<Option<i64>> = Vec::new();
        let mut marked_ops = 0;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let mcid = op.operands.get(1).and_then(|o| o.as_dict().ok()).and_then(|d| d.get(b"MCID").ok()).and_then(|m| m.as_i64().ok());
                    stack.push(mcid);
                    if let Some(m) = mcid {
                        assert!(seen.insert((page, m)), "{what}: MCID {m} twice on page {}", n + 1);
                        assert!((m as usize) < list, "{what}: MCID {m} not in the parent tree");
                    }
                }
                "BMC" => {
                    assert_eq!(op.operands[0].as_name().unwrap(), b"Artifact", "{what}");
                    stack.push(None);
                }
                "EMC" => {
                    stack.pop().expect("EMC without BMC/BDC");
                }
                "Tj" | "TJ" | "Do" | "re" | "l" | "S" | "f" => {
                    assert!(!stack.is_empty(), "{what}: page {}: {} outside marked content", n + 1, op.operator);
                    marked_ops += 1;
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "{what}: unbalanced marked content on page {}", n + 1);
        assert!(marked_ops > 0, "{what}: page {} has content", n + 1);
    }
    assert_eq!(seen, owned, "{what}: the content marked on the pages is the content the tree owns");
    for (role, _, alt) in &elements {
        if role == "Figure" {
            assert!(alt.as_deref().is_some_and(|a| !a.trim().is_empty()), "{what}: a figure without alternative text");
        }
    }
    elements.into_iter().map(|e| e.0).collect()
}

/// What poppler reads from the structure tree: element types and their text.
fn structure_text(path: &Path) -> String {
    let out = std::process::Command::new("pdfinfo").arg("-struct-text").arg(path).output().expect("pdfinfo (poppler-utils) is installed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_printout_is_tagged_for_a_screen_reader() {
    let dir = tempfile::tempdir().unwrap();
    print_every_kind(dir.path());
    let out = |name: &str| dir.path().join(name);

    let dossier = check_tagged(&out("dossier.pdf"), "nl-NL");
    for role in ["H1", "H2", "P", "Table", "TR", "TH", "TD", "Figure"] {
        assert!(dossier.iter().any(|r| r == role), "the dossier has a {role}: {dossier:?}");
    }
    let first_heading = dossier.iter().position(|r| r.starts_with('H')).unwrap();
    assert_eq!(dossier[first_heading], "H1", "the dossier starts with its title");
    assert!(check_tagged(&out("inzage.pdf"), "en-GB").iter().any(|r| r == "Figure"));
    for name in ["maatregelen.pdf", "formulier.pdf", "herstelblad.pdf"] {
        check_tagged(&out(name), "nl-NL");
    }

    // Poppler reads the tree: the title as a heading, the person's name in it, the header and footer nowhere.
    let read = structure_text(&out("dossier.pdf"));
    let h1 = read.lines().skip_while(|l| !l.trim_start().starts_with("H1")).nth(1).unwrap_or_default().to_string();
    assert!(read.contains("Noor Bakker"), "{read}");
    assert!(!h1.trim().is_empty(), "the first heading has text: {read}");
    assert!(!read.contains("Pagina 1 van"), "the running footer is an artifact: {read}");
}
