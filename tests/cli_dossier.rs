//! Scenario tests of printing: exit dossiers (one and a batch) with their
//! publications and the fingerprint that `audit verify --person` reports, and
//! consent forms on paper.

mod support;

use std::process::Command;

use support::images;
use support::Office;

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext").arg(path).arg("-").output().expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_leaver_s_dossier_lists_publications_and_its_fingerprint_matches_audit_verify() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 8"]);
    let kid =
        o.id(&["person", "add", "--name", "Noa Çelik", "--kind", "child", "--birth-date", "2014-02-01", "--group", "Groep 8", "--guardian", "Elif Çelik"]);
    let k = kid.to_string();
    o.json(&[
        "consent",
        "record",
        "--person",
        &k,
        "--form",
        "1",
        "--answer",
        "activity/website/information=yes",
        "--answer",
        "activity/social/information=yes",
        "--given-by",
        "Elif Çelik",
        "--method",
        "paper",
        "--date",
        "2025-09-01",
    ]);
    let photo = {
        let f = o.file("portret.jpg", &images::jpeg(400, 300, 7));
        o.json(&["photo", "import", f.to_str().unwrap()])[0]["id"].as_i64().unwrap().to_string()
    };
    o.json(&["photo", "set", &photo, "--type", "activity", "--posed"]);
    o.json(&["photo", "tag", &photo, "--person", &k, "--box", "100,50,120,150"]);
    let web = o.id(&[
        "publication",
        "add",
        &photo,
        "--channel",
        "website",
        "--purpose",
        "information",
        "--where",
        "Schoolwebsite, nieuwsbericht 'Afscheid groep 8'",
        "--date",
        "2025-10-01",
    ]);
    o.id(&["publication", "add", &photo, "--channel", "social", "--purpose", "information", "--where", "Instagram van de school", "--date", "2025-10-02"]);
    o.json(&["consent", "withdraw", "--person", &k, "--item", "activity/social/information", "--given-by", "Elif Çelik", "--date", "2026-02-01"]);
    o.json(&["publication", "remove", &web.to_string(), "--date", "2026-03-01"]);
    o.json(&["person", "leave", &k, "--date", "2026-07-10"]);

    let out = o.path().join("Vertrekdossier Noa Çelik.pdf");
    let r = o.json(&["dossier", &k, "--out", out.to_str().unwrap()]);
    assert_eq!(r["person"], kid);
    assert_eq!(r["events"], 2);
    let fingerprint = r["fingerprint"].as_str().unwrap().to_string();
    assert_eq!(fingerprint.len(), 64);

    let text = pdf_text(&out);
    for want in [
        "Noa Çelik",
        "Schoolwebsite, nieuwsbericht 'Afscheid groep 8'",
        "Instagram van de school",
        "Intrekking op 01-02-2026",
        "01-03-2026",
        "nog online",
        fingerprint.as_str(),
    ] {
        assert!(text.contains(want), "dossier lacks {want:?}:\n{text}");
    }

    // The paper and the store agree; printing itself did not change the history.
    let v = o.json(&["audit", "verify", "--person", &k]);
    assert_eq!(v["ok"], true);
    assert_eq!(v["person"]["events"], 2);
    assert_eq!(v["person"]["fingerprint"], fingerprint.as_str());
    // A later event changes the fingerprint, so an outdated paper shows.
    o.json(&[
        "consent",
        "record",
        "--person",
        &k,
        "--form",
        "1",
        "--answer",
        "activity/website/information=no",
        "--given-by",
        "Elif Çelik",
        "--method",
        "paper",
        "--date",
        "2026-07-01",
    ]);
    let after = o.json(&["audit", "verify", "--person", &k]);
    assert_eq!(after["person"]["events"], 3);
    assert_ne!(after["person"]["fingerprint"], fingerprint.as_str());

    // English on request.
    let en = o.path().join("exit.pdf");
    o.json(&["--lang", "en", "dossier", &k, "--out", en.to_str().unwrap()]);
    assert!(pdf_text(&en).contains("Publications showing this person"));
}

#[test]
fn bad_dossier_requests_are_refused_and_write_nothing() {
    let o = Office::nl();
    let p = o.id(&["person", "add", "--name", "Sem", "--kind", "child", "--birth-date", "2019-01-01"]).to_string();
    let before = o.snapshot();
    assert_eq!(o.run(&["dossier", "999", "--out", o.path().join("x.pdf").to_str().unwrap()]).code(), "person.unknown");
    assert_eq!(o.run(&["dossier", "abc", "--out", o.path().join("x.pdf").to_str().unwrap()]).code(), "input.number");
    let blocker = o.file("bestand", b"a file where a folder should be");
    assert_eq!(o.run(&["dossier", &p, "--out", blocker.join("x.pdf").to_str().unwrap()]).code(), "file.not_a_folder");
    assert!(!o.path().join("x.pdf").exists());
    assert_eq!(o.snapshot(), before, "a refused print records nothing");
    assert_eq!(o.run(&["audit", "verify", "--person", "999"]).code(), "person.unknown");
}

fn pages(pdf: &std::path::Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs");
    String::from_utf8_lossy(&out.stdout).lines().find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap_or(0))).unwrap_or(0)
}

#[test]
fn a_year_end_batch_writes_one_dossier_per_leaver_and_one_to_print() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 8"]);
    let mut leavers = Vec::new();
    for (name, leave) in [
        ("Bram de Wit", Some("2026-07-10")),
        ("Aïcha El Idrissi", Some("2026-07-10")),
        ("Chris O'Brien", Some("2026-06-30")),
        ("Dewi Blijft", None),
        ("Eva Eerder", Some("2025-07-10")),
    ] {
        let id = o.id(&["person", "add", "--name", name, "--kind", "child", "--birth-date", "2014-01-01", "--group", "Groep 8", "--guardian", "Ouder"]);
        if let Some(l) = leave {
            o.json(&["person", "leave", &id.to_string(), "--date", l]);
            if l.starts_with("2026") {
                leavers.push(id);
            }
        }
    }
    o.json(&[
        "consent",
        "record",
        "--person",
        &leavers[0].to_string(),
        "--form",
        "1",
        "--answer",
        "group/website/information=yes",
        "--given-by",
        "Ouder",
        "--method",
        "paper",
        "--date",
        "2025-09-01",
    ]);
    let dir = o.path().join("einde schooljaar");
    let r = o.json(&["dossier", "batch", "--left-from", "2026-06-01", "--left-to", "2026-07-31", "--out", dir.to_str().unwrap()]);
    assert_eq!(r["count"], 3);
    let files: Vec<std::path::PathBuf> = r["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().into()).collect();
    assert_eq!(files.len(), 3);
    let combined = std::path::PathBuf::from(r["combined"].as_str().unwrap());
    // By surname (El Idrissi, O'Brien, de Wit under W); each file names its person.
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names[0].contains("Aïcha El Idrissi") && names[1].contains("Chris O'Brien") && names[2].contains("Bram de Wit"), "{names:?}");
    let mut total = 0;
    for f in &files {
        assert!(f.starts_with(&dir) && f.exists());
        total += pages(f);
    }
    // The combined PDF is every dossier, each numbered on its own.
    assert_eq!(pages(&combined), total);
    let all = pdf_text(&combined);
    for who in ["Aïcha El Idrissi", "Bram de Wit", "Chris O'Brien"] {
        assert!(all.contains(who), "{who} in the combined PDF");
    }
    assert!(!all.contains("Dewi Blijft") && !all.contains("Eva Eerder"));
    assert!(all.contains("Pagina 1 van"));
    // Nothing else in the folder: no temporary leftovers.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 4);

    // Nobody in a period: an empty answer, no folder content.
    let none = o.json(&["dossier", "batch", "--left-from", "2024-01-01", "--left-to", "2024-12-31", "--out", o.path().join("leeg").to_str().unwrap()]);
    assert_eq!(none["count"], 0);
    assert_eq!(none["combined"], serde_json::Value::Null);
}

#[test]
fn a_batch_that_cannot_be_written_leaves_nothing_behind() {
    let o = Office::nl();
    let id = o.id(&["person", "add", "--name", "Fleur", "--kind", "child", "--birth-date", "2014-01-01"]);
    o.json(&["person", "leave", &id.to_string(), "--date", "2026-07-10"]);
    let before = o.snapshot();
    let blocker = o.file("geen-map", b"a file");
    assert_eq!(
        o.run(&["dossier", "batch", "--left-from", "2026-07-01", "--left-to", "2026-07-31", "--out", blocker.to_str().unwrap()]).code(),
        "file.not_a_folder"
    );
    assert_eq!(
        o.run(&["dossier", "batch", "--left-from", "2026-07-31", "--left-to", "2026-07-01", "--out", o.path().join("x").to_str().unwrap()]).code(),
        "date.order"
    );
    assert_eq!(
        o.run(&["dossier", "batch", "--left-from", "2026-13-01", "--left-to", "2026-07-01", "--out", o.path().join("x").to_str().unwrap()]).code(),
        "date.malformed"
    );
    assert!(!o.path().join("x").exists());
    assert_eq!(o.snapshot(), before);
}

#[test]
fn consent_forms_print_blank_for_a_person_and_for_a_group() {
    let o = Office::nl();
    o.json(&["group", "add", "Peuters"]);
    for (name, guardian) in [("Fenna", "Mirjam"), ("Gijs", "Koen")] {
        o.id(&["person", "add", "--name", name, "--kind", "child", "--birth-date", "2023-01-01", "--group", "Peuters", "--guardian", guardian]);
    }
    let blank = o.path().join("blanco.pdf");
    let r = o.json(&["form", "print", "1", "--out", blank.to_str().unwrap(), "--return-by", "2026-12-18"]);
    assert_eq!(r["forms"], 1);
    assert!(pdf_text(&blank).contains("terug vóór 18-12-2026"));
    let group = o.path().join("peuters.pdf");
    let r = o.json(&["form", "print", "1", "--group", "Peuters", "--out", group.to_str().unwrap()]);
    assert_eq!(r["forms"], 2);
    let text = pdf_text(&group);
    assert!(text.contains("Ouder/voogd: Mirjam") && text.contains("Ouder/voogd: Koen"), "{text}");
    let one = o.path().join("fenna.pdf");
    assert_eq!(o.json(&["--lang", "en", "form", "print", "1", "--person", "1", "--out", one.to_str().unwrap()])["forms"], 1);
    assert!(pdf_text(&one).contains("Parent/guardian: Mirjam"));
    // --person and --group together is a usage error; unknown things are named.
    let both = o.cmd().args(["form", "print", "1", "--person", "1", "--group", "Peuters", "--out", "x.pdf"]).output().unwrap();
    assert_eq!(both.status.code(), Some(2));
    assert_eq!(o.run(&["form", "print", "7", "--out", o.path().join("x.pdf").to_str().unwrap()]).code(), "form.unknown");
    assert_eq!(o.run(&["form", "print", "1", "--group", "Kleuters", "--out", o.path().join("x.pdf").to_str().unwrap()]).code(), "group.unknown");
    assert!(!o.path().join("x.pdf").exists());
}

#[test]
fn the_photos_to_take_home_hide_everyone_else_and_carry_no_metadata() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 8"]);
    let kid = |name: &str| {
        o.id(&["person", "add", "--name", name, "--kind", "child", "--birth-date", "2014-01-01", "--group", "Groep 8", "--guardian", "Ouder"]).to_string()
    };
    let (lotte, sem, mila) = (kid("Lotte"), kid("Sem"), kid("Mila"));
    let import = |name: &str, seed: u8| {
        let f = o.file(name, &images::with_exif(&images::jpeg(400, 300, seed), "2026:05:01 10:00:00", 1));
        o.json(&["photo", "import", f.to_str().unwrap()])[0]["id"].as_i64().unwrap().to_string()
    };
    let (two, alone, unboxed) = (import("samen.jpg", 1), import("alleen.jpg", 2), import("zonder-vak.jpg", 3));
    // Sem's box takes in the bright square of the test image: hiding him changes a lot.
    o.json(&["photo", "tag", &two, "--person", &lotte, "--box", "250,180,100,100"]);
    o.json(&["photo", "tag", &two, "--person", &sem, "--box", "90,60,120,100"]);
    o.json(&["photo", "tag", &alone, "--person", &lotte, "--box", "50,50,100,100"]);
    o.json(&["photo", "tag", &unboxed, "--person", &lotte, "--box", "50,50,100,100"]);
    o.json(&["photo", "tag", &unboxed, "--person", &mila]);
    let untouched = o.json(&["photo", "import", o.file("ander.jpg", &images::jpeg(300, 200, 9)).to_str().unwrap()]);
    assert_eq!(untouched[0]["new"], true);

    let dir = o.path().join("mee naar huis");
    let r = o.json(&["dossier", "photos", &lotte, "--out", dir.to_str().unwrap()]);
    let files: Vec<std::path::PathBuf> = r["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().into()).collect();
    assert_eq!(files.len(), 2, "{r}");
    assert_eq!(r["hidden"], 1);
    assert_eq!(r["skipped"][0]["photo"].to_string(), unboxed);
    assert_eq!(r["skipped"][0]["unboxed"][0], "Mila");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2, "no leftovers");

    let together = files.iter().find(|f| f.file_name().unwrap().to_string_lossy().starts_with(&format!("{two} "))).expect("the photo with Sem");
    let bytes = std::fs::read(together).unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "no EXIF in the copy");
    let copy = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let source = image::load_from_memory(&images::jpeg(400, 300, 1)).unwrap().to_rgb8();
    let diff = |x0: u32, y0: u32, w: u32, h: u32| {
        let mut sum = 0f64;
        for y in y0..y0 + h {
            for x in x0..x0 + w {
                let (a, b) = (copy.get_pixel(x, y), source.get_pixel(x, y));
                sum += (0..3).map(|c| (f64::from(a[c]) - f64::from(b[c])).abs()).sum::<f64>();
            }
        }
        sum / f64::from(w * h * 3)
    };
    // Sem's box is one flat colour now, far from the original; Lotte is as she was.
    assert!(diff(90, 60, 120, 100) > 20.0, "Sem hidden: {}", diff(90, 60, 120, 100));
    assert!(diff(260, 190, 80, 80) < 4.0, "Lotte unchanged: {}", diff(260, 190, 80, 80));
    let p = copy.get_pixel(95, 65);
    assert!(
        (92..208).step_by(17).all(|x| (62..158).step_by(13).all(|y| copy
            .get_pixel(x, y)
            .0
            .iter()
            .zip(p.0)
            .all(|(a, b)| (i32::from(*a) - i32::from(b)).abs() <= 6))),
        "solid fill"
    );

    // Mila has no box on her photo: that is fine for her own copy, where Lotte is hidden.
    let hers = o.json(&["dossier", "photos", &mila, "--out", o.path().join("mila").to_str().unwrap()]);
    assert_eq!((hers["files"].as_array().unwrap().len(), hers["hidden"].as_u64()), (1, Some(1)));
    // Someone on no photo gets an empty folder; unknown people are refused.
    let noud = kid("Noud");
    let none = o.json(&["dossier", "photos", &noud, "--out", o.path().join("leeg").to_str().unwrap()]);
    assert_eq!(none["files"].as_array().unwrap().len(), 0);
    assert_eq!(o.run(&["dossier", "photos", "999", "--out", o.path().join("x").to_str().unwrap()]).code(), "person.unknown");
}

#[test]
fn the_measures_sheet_states_what_is_enforced_and_what_is_not_on_one_page() {
    let o = Office::nl();
    let out = o.path().join("maatregelen.pdf");
    o.json(&["measures", "--out", out.to_str().unwrap()]);
    assert_eq!(pages(&out), 1);
    let text = pdf_text(&out);
    for want in [
        "Technische en organisatorische maatregelen",
        "argon2id",
        "1 beheerder(s), 0 administratie, 0 leerkracht(en)",
        "rijen nu gecontroleerd: intact",
        "Kop van de keten",
        "Een leerkracht ziet alleen de kinderen en foto's van de eigen groepen",
        "SQLCipher",
        "Herstelblad afgedrukt op",
        "Er is geen map voor dagelijkse reservekopieën",
        "Bewaartermijnen",
    ] {
        assert!(text.contains(want), "measures lack {want:?}: {text}");
    }
    assert!(!text.contains("beperken nog niet"), "roles are enforced now: {text}");
    // A row changed outside the app shows on the sheet, named.
    support::raw(&o.data()).execute_batch("UPDATE organisation SET consent_age = 12;").unwrap();
    let changed = o.path().join("gewijzigd.pdf");
    o.json(&["measures", "--out", changed.to_str().unwrap()]);
    assert!(pdf_text(&changed).contains("BESCHADIGD, tabel organisation rij 1"), "{}", pdf_text(&changed));
    // A tampered audit trail (triggers dropped, as an attacker would) shows on the sheet.
    support::raw(&o.data()).execute_batch("DROP TRIGGER audit_events_no_update; UPDATE audit_events SET details = '{}' WHERE id = 1;").unwrap();
    let again = o.path().join("na.pdf");
    o.json(&["measures", "--out", again.to_str().unwrap()]);
    assert!(pdf_text(&again).contains("BESCHADIGD vanaf gebeurtenis 1"), "{}", pdf_text(&again));
}

fn images_in(pdf: &std::path::Path) -> usize {
    let out = Command::new("pdfimages").arg("-list").arg(pdf).output().expect("pdfimages runs (poppler-utils)");
    // Two header lines, then one line per image.
    String::from_utf8_lossy(&out.stdout).lines().skip(2).count()
}

#[test]
fn the_organisation_s_logo_is_on_every_page_once_set() {
    let o = Office::nl();
    let p = o.id(&["person", "add", "--name", "Ilse", "--kind", "child", "--birth-date", "2015-01-01"]).to_string();
    let before = o.path().join("zonder.pdf");
    o.json(&["dossier", &p, "--out", before.to_str().unwrap()]);
    assert_eq!(images_in(&before), 0);

    let logo = o.file("logo.jpg", &images::jpeg(1200, 400, 5));
    o.json(&["logo", logo.to_str().unwrap()]);
    let with = o.path().join("met.pdf");
    o.json(&["dossier", &p, "--out", with.to_str().unwrap()]);
    // The image is embedded once and drawn on every page.
    assert_eq!(images_in(&with), pages(&with), "one drawing per page");
    let size = std::fs::metadata(&with).unwrap().len();
    assert!(size < 200_000, "a logo keeps the dossier small: {size} bytes");
    let form = o.path().join("formulier.pdf");
    o.json(&["form", "print", "1", "--out", form.to_str().unwrap()]);
    assert_eq!(images_in(&form), pages(&form));

    // Not an image: refused, the old logo stays.
    let text = o.file("logo.txt", b"geen plaatje");
    assert_eq!(o.run(&["logo", text.to_str().unwrap()]).code(), "org.logo");
    assert_eq!(o.run(&["logo", o.path().join("weg.png").to_str().unwrap()]).code(), "file.not_found");
    let still = o.path().join("nog.pdf");
    o.json(&["dossier", &p, "--out", still.to_str().unwrap()]);
    assert!(images_in(&still) > 0);

    o.json(&["logo", "--remove"]);
    let gone = o.path().join("weg.pdf");
    o.json(&["dossier", &p, "--out", gone.to_str().unwrap()]);
    assert_eq!(images_in(&gone), 0);
}

/// `person export`: the overview for an access request, with the person's
/// photos (others unrecognisable) and their rights; a refused request writes
/// nothing and changes nothing.
#[test]
fn an_access_request_overview_holds_the_persons_data_and_photos() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 8"]);
    let kid =
        o.id(&["person", "add", "--name", "Noa Çelik", "--kind", "child", "--birth-date", "2014-02-01", "--group", "Groep 8", "--guardian", "Elif Çelik"]);
    let other = o.id(&["person", "add", "--name", "Sem Visser", "--kind", "child", "--birth-date", "2014-03-01", "--group", "Groep 8"]);
    let k = kid.to_string();
    o.json(&["consent", "record", "--person", &k, "--form", "1", "--answer", "group/website/information=yes", "--given-by", "Elif Çelik", "--method", "paper"]);
    let photo = o.file("uitje.jpg", &images::jpeg(640, 480, 7));
    let id = o.json(&["photo", "import", photo.to_str().unwrap()])[0]["id"].to_string();
    o.json(&["photo", "tag", &id, "--person", &k, "--box", "10,10,200,300"]);
    o.json(&["photo", "tag", &id, "--person", &other.to_string(), "--box", "300,10,200,300"]);

    let out = o.path().join("inzage Noa.pdf");
    let report = o.json(&["person", "export", &k, "--out", out.to_str().unwrap()]);
    assert_eq!((report["photos"].as_i64(), report["photos_withheld"].as_i64(), report["scans"].as_i64()), (Some(1), Some(0), Some(0)));
    let text = pdf_text(&out);
    for expected in ["Wat wij over u bewaren", "Noa Çelik", "Elif Çelik", "uitje.jpg", "Uw rechten"] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert!(!text.contains("Sem Visser"), "nobody else's data: {text}");

    let before = o.state();
    assert_eq!(o.run(&["person", "export", "4242", "--out", o.path().join("x.pdf").to_str().unwrap()]).code(), "person.unknown");
    assert_eq!(o.run(&["person", "export", &k, "--out", out.to_str().unwrap()]).code(), "file.exists");
    assert_eq!(o.run(&["person", "export", &k, "--out", o.data().join("x.pdf").to_str().unwrap()]).code(), "file.inside_data");
    assert!(!o.path().join("x.pdf").exists());
    assert_eq!(o.state(), before);
}
