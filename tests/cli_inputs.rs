//! Bad input from every way in: files that never end, rows that should not
//! slip through, the encodings an office has, messages a person can act on.
//! Each refusal is checked against a logical dump of the database and the
//! SHA-256 of every file in the data folder, not only the exit code.

mod support;

use std::time::Duration;

use support::{fifo, images, walk, Office};

/// Peak memory a refused input may cost, in KiB.
const MAX_RSS_KB: u64 = 200 * 1024;

/// A refusal with `code` that changes nothing; returns the message.
fn refused(o: &Office, args: &[&str], code: &str) -> String {
    let before = o.state();
    let r = o.run(args);
    assert_eq!(r.code(), code, "{args:?}: {}", r.stderr());
    assert_eq!(o.state(), before, "{args:?} changed the data folder");
    r.message()
}

fn roster(o: &Office, name: &str, bytes: &[u8]) -> String {
    o.file(name, bytes).to_str().unwrap().to_string()
}

#[test]
fn inputs_that_never_end_are_refused_at_once_with_little_memory() {
    let o = Office::nl();
    let camera = o.path().join("camera");
    std::fs::create_dir(&camera).unwrap();
    std::fs::write(camera.join("IMG_0001.jpg"), images::jpeg(320, 240, 1)).unwrap();
    fifo(&camera.join("IMG_0002.jpg"));
    std::fs::write(camera.join("IMG_0003.jpg"), images::jpeg(320, 240, 3)).unwrap();
    let pipe = o.path().join("lijst.csv");
    fifo(&pipe);
    // Sparse: as large as they say, without using the disk.
    let huge_roster = o.path().join("groot.csv");
    std::fs::File::create(&huge_roster).unwrap().set_len(21 * 1024 * 1024).unwrap();
    let huge_photo = o.path().join("groot.jpg");
    std::fs::File::create(&huge_photo).unwrap().set_len(101 * 1024 * 1024).unwrap();

    for (args, code) in [
        (vec!["roster", "import", "/dev/zero"], "file.not_regular"),
        (vec!["roster", "import", pipe.to_str().unwrap()], "file.not_regular"),
        (vec!["roster", "import", huge_roster.to_str().unwrap()], "file.too_large"),
        (vec!["form", "import", "/dev/zero"], "file.not_regular"),
        (vec!["logo", "/dev/zero"], "file.not_regular"),
        (vec!["logo", pipe.to_str().unwrap()], "file.not_regular"),
        (vec!["photo", "import", "/dev/zero"], "photo.import_partial"),
        (vec!["photo", "import", huge_photo.to_str().unwrap()], "photo.import_partial"),
    ] {
        let before = o.state();
        let m = o.run_measured(&args, Duration::from_secs(20));
        assert!(!m.timed_out, "{args:?} hung");
        assert_eq!(m.run.code(), code, "{args:?}: {}", m.run.stderr());
        assert!(m.elapsed < Duration::from_secs(5), "{args:?} took {:?}", m.elapsed);
        assert!(m.max_rss_kb < MAX_RSS_KB, "{args:?} used {} KiB", m.max_rss_kb);
        assert_eq!(o.state(), before, "{args:?} changed the data folder");
    }
    // A pipe among photos in a folder: named, and the others are imported.
    // (Faces left for a scan: the face model's own ~110 MB per thread is not
    // what this measures.)
    let m = o.run_measured(&["photo", "import", "--scan-later", camera.to_str().unwrap()], Duration::from_secs(20));
    assert!(!m.timed_out, "the folder with a pipe hung");
    assert_eq!(m.run.code(), "photo.import_partial");
    assert!(m.run.message().contains("IMG_0002.jpg") && m.run.message().contains("pijp"), "{}", m.run.message());
    assert!(m.max_rss_kb < MAX_RSS_KB, "{} KiB", m.max_rss_kb);
    let imported: serde_json::Value = serde_json::from_slice(&m.run.out.stdout).unwrap();
    assert_eq!(imported.as_array().unwrap().len(), 2);
    // A file name with an escape sequence is kept without it.
    let odd = o.file("IMG\u{1b}[2J.jpg", &images::jpeg(200, 100, 5));
    o.json(&["photo", "import", odd.to_str().unwrap()]);
    assert!(o.state().dump.iter().any(|row| row.contains("IMG\u{FFFD}[2J.jpg")), "stored with the control character replaced");
    assert!(!o.state().dump.iter().any(|row| row.contains('\u{1b}')));
    // Many bad files: a few named, the rest counted.
    let junk = o.path().join("junk");
    std::fs::create_dir(&junk).unwrap();
    for i in 0..40 {
        std::fs::write(junk.join(format!("kapot-{i:02}.jpg")), b"not a photo").unwrap();
    }
    let msg = o.run(&["photo", "import", junk.to_str().unwrap()]).message();
    assert!(msg.starts_with("40 van 40 bestanden niet ingelezen") && msg.contains("en nog 30 bestanden") && msg.len() < 3000, "{msg}");
    // The data folder itself is no source of photos; a folder that holds it is searched around it.
    let before = o.state();
    let m = o.run(&["photo", "import", o.data().to_str().unwrap()]);
    assert!(m.message().contains("gegevensmap"), "{}", m.message());
    assert_eq!(o.state(), before);
    // (The pipe and the oversized file beside it are named again; the rest is known.)
    let r = o.run(&["photo", "import", o.path().to_str().unwrap()]);
    assert_eq!(r.code(), "photo.import_partial");
    let around: serde_json::Value = serde_json::from_slice(&r.out.stdout).unwrap();
    let names: Vec<&str> = around.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap_or_default()).collect();
    assert!(around.as_array().unwrap().iter().all(|p| p["new"] == false), "only the camera's photos, already imported: {around}");
    assert!(!names.iter().any(|n| n.len() == 68), "no thumbnail (named by its hash) became a photo: {names:?}");
    assert_eq!(o.json(&["person", "list"]).as_array().unwrap().len(), 0);
}

#[test]
fn rows_that_used_to_slip_through_are_named_and_nothing_is_imported() {
    let o = Office::nl();
    let header = "naam;geboortedatum;groep;ouder 1\n";
    let long = "x".repeat(5000);
    let cases: Vec<(String, &str)> = vec![
        (format!("{header}An\0na;2018-01-01;1A;Els\n"), "stuurteken (U+0000)"),
        (format!("{header}Anna;2018-01-01;1A;Els\n\"Bram;2018-01-01;1A;Kees\n"), "aanhalingsteken"),
        (format!("{header}Anna;2018-01-01\n"), "2 velden, de kopregel 4"),
        (format!("{header}{long};2018-01-01;1A;Els\n"), "te lang (5000 tekens; hoogstens 200)"),
        (format!("{header}Anna;2018-01-01;{long};Els\n"), "de groepsnaam is te lang"),
        (format!("{header}Anna;2018-01-01;1A;{long}\n"), "de naam van de ouder/voogd is te lang"),
        (format!("{header}Anna\u{1b}[2J;2018-01-01;1A;Els\n"), "U+001B"),
        (format!("{header}Anna;2018-01-01;1A;Els\u{202e}\n"), "U+202E"),
    ];
    for (csv, want) in cases {
        let msg = refused(&o, &["roster", "import", &roster(&o, "r.csv", csv.as_bytes())], "roster.invalid");
        assert!(msg.contains(want), "{want}: {msg}");
        assert!(msg.len() < 2000, "a bounded message: {} bytes", msg.len());
    }
}

#[test]
fn one_check_per_field_everywhere_so_the_limits_agree() {
    let o = Office::nl();
    let ok = "ë".repeat(200);
    let too_long = "ë".repeat(201);
    o.json(&["group", "add", &ok]);
    o.json(&["person", "add", "--name", &ok, "--kind", "child", "--guardian", &ok]);
    let csv = format!("naam;groep;ouder 1\n{};{ok};{ok}\n", "y".repeat(200));
    o.json(&["roster", "import", &roster(&o, "ok.csv", csv.as_bytes())]);
    assert_eq!(refused(&o, &["group", "add", &too_long], "input.name_too_long"), "De groepsnaam is te lang (201 tekens; hoogstens 200).");
    refused(&o, &["person", "add", "--name", &too_long, "--kind", "child"], "input.name_too_long");
    refused(&o, &["person", "add", "--name", "Anna", "--kind", "child", "--guardian", &too_long], "input.name_too_long");
    refused(&o, &["roster", "import", &roster(&o, "long.csv", format!("naam\n{too_long}\n").as_bytes())], "roster.invalid");
    refused(&o, &["person", "add", "--name", "Anna\u{1b}[31m", "--kind", "child"], "input.control_character");
    refused(&o, &["group", "add", "Groep\u{7}3"], "input.control_character");
    // The same letters typed two ways are one name (NFC).
    let p = o.id(&["person", "add", "--name", "Zoë de Vries", "--kind", "child", "--birth-date", "2018-04-03"]);
    let r = o.json(&["roster", "import", &roster(&o, "nfd.csv", "naam;geboortedatum\nZoe\u{0308} de Vries;2018-04-03\n".as_bytes())]);
    assert_eq!((r["added"].as_i64(), r["unchanged"].as_i64()), (Some(0), Some(1)), "{r}");
    let list = o.json(&["person", "list"]);
    assert!(list.as_array().unwrap().iter().any(|x| x["id"] == p && x["name"] == "Zoë de Vries"));
    // Cells a spreadsheet would run as a formula are plain text here.
    o.json(&["roster", "import", &roster(&o, "f.csv", b"naam\n=HYPERLINK(\"x\")\n+31 6\n")]);
    let names: Vec<String> = o.json(&["person", "list"]).as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect();
    assert!(names.contains(&"=HYPERLINK(\"x\")".to_string()) && names.contains(&"+31 6".to_string()), "{names:?}");
}

fn utf16(text: &str, le: bool) -> Vec<u8> {
    let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        out.extend(if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    out
}

#[test]
fn excel_unicode_text_is_read_and_undecodable_text_names_encoding_and_line() {
    let o = Office::nl();
    let text =
        "Naam\tGeboortedatum\tGroep\tOuder 1\r\nZoë van Dijk\t03-04-2018\tGroep 3\tAnouk van Dijk\r\nFrançois Leclercq\t01-12-2017\tGroep 4\tInès Leclercq\r\n";
    let r = o.json(&["roster", "import", &roster(&o, "le.txt", &utf16(text, true))]);
    assert_eq!(r["added"], 2);
    let r = o.json(&["roster", "import", &roster(&o, "be.txt", &utf16(&text.replace("Zoë", "Zoé"), false))]);
    assert_eq!(r["added"], 1, "{r}");
    let names: Vec<String> = o.json(&["person", "list"]).as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect();
    assert!(names.contains(&"François Leclercq".into()) && names.contains(&"Zoé van Dijk".into()), "{names:?}");

    let msg = refused(&o, &["roster", "import", &roster(&o, "bad.csv", b"naam\nAnna\nBr\x81m\n")], "file.encoding");
    assert!(msg.starts_with("Regel 3 van het bestand") && msg.contains("UTF-8, windows-1252"), "{msg}");
    assert!(!msg.contains("\\u{0}") && !msg.contains('\0'));
}

#[test]
fn messages_are_bounded_plain_and_in_the_users_language() {
    let o = Office::nl();
    // A 10 MB line and 20 000 columns: the message names a few and counts the rest.
    let line = format!("naam;soort\nAnna;{}\n", "k".repeat(10 * 1024 * 1024));
    let msg = refused(&o, &["roster", "import", &roster(&o, "line.csv", line.as_bytes())], "roster.invalid");
    assert!(msg.len() < 1000, "{} bytes", msg.len());
    let columns: Vec<String> = (0..20_000).map(|i| format!("kolom{i}")).collect();
    let msg = refused(&o, &["roster", "import", &roster(&o, "cols.csv", format!("{}\n", columns.join(";")).as_bytes())], "roster.no_name_column");
    assert!(msg.len() < 1000 && msg.contains("en 19990 meer"), "{} bytes: {}", msg.len(), &msg[..msg.len().min(300)]);

    // A person number that is no person is "no such person".
    assert_eq!(o.run(&["consent", "show", "--person", "0"]).code(), "person.unknown");
    assert_eq!(o.run(&["person", "leave", "999", "--date", "2026-01-01"]).code(), "person.unknown");

    // Missing arguments are listed.
    let msg = o.run(&["consent", "record", "--person", "1"]).message();
    for arg in ["--form", "--given-by", "--method"] {
        assert!(msg.contains(arg), "{arg} not named: {msg}");
    }

    // TOML errors say where.
    let bad = o.file("bad.toml", b"title = \"Toestemming\"\ntext = \"Beste ouder\"\nterm = school-year\n");
    let msg = refused(&o, &["form", "import", bad.to_str().unwrap()], "form.toml");
    assert!(msg.contains("regel 3, kolom 8"), "{msg}");

    // A damaged PNG: a Dutch sentence, no decoder internals.
    let mut png = images::png(40, 30);
    png[16..24].copy_from_slice(&[0xFF; 8]);
    let f = o.file("kapot.png", &png);
    let r = o.run(&["photo", "import", f.to_str().unwrap()]);
    let msg = r.message();
    assert!(msg.contains("kapot.png is beschadigd"), "{msg}");
    assert!(!msg.contains('{') && !msg.contains("ChunkType") && !msg.contains("IHDR"), "{msg}");

    // No double full stops anywhere in a battery of refusals, in both languages.
    for lang in ["nl", "en"] {
        for args in [
            vec!["roster", "import", "/nonexistent.csv"],
            vec!["form", "import", "/dev/null"],
            vec!["form", "export", "1", "--out", "/nonexistent/x.toml"],
            vec!["person", "add", "--name", "", "--kind", "child"],
            vec!["person", "add", "--name", "Anna", "--kind", "hond"],
            vec!["consent", "record", "--person", "1", "--form", "1", "--answer", "x/y/z=yes", "--given-by", "A", "--method", "paper"],
            vec!["measures", "--out", "/dev/null"],
            vec!["photo", "import", "/dev/zero"],
            vec!["logo", "/etc/hostname"],
            vec!["group", "add", "x\u{7}"],
            vec!["person", "leave", "1", "--date", "2099-01-01"],
            vec!["--data-dir", "/nonexistent/beeldakkoord", "person", "list"],
        ] {
            let mut all = vec!["--lang", lang];
            all.extend(args.iter().copied());
            let msg = if args[0] == "--data-dir" {
                // Its own data folder: run without the office's.
                let out = assert_cmd::Command::cargo_bin("beeldakkoord")
                    .unwrap()
                    .env("BEELDAKKOORD_PASSWORD", support::PASSWORD)
                    .arg("--json")
                    .args(&all)
                    .output()
                    .unwrap();
                support::Run { out }.message()
            } else {
                o.run(&all).message()
            };
            assert!(!msg.is_empty(), "{args:?} gave no message");
            assert!(!msg.contains(".."), "{args:?}: {msg}");
            assert!(!msg.contains("os error"), "{args:?}: {msg}");
        }
    }
}

#[test]
fn consent_on_a_form_not_in_use_is_refused_until_an_admin_takes_it_into_use() {
    let o = Office::nl();
    let p = o.id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--guardian", "Marieke"]).to_string();
    let forms = o.json(&["form", "list"]);
    let flemish = forms.as_array().unwrap().iter().find(|f| f["active"] == false).expect("the Flemish form is not in use")["id"].to_string();
    let first = &o.json(&["form", "show", &flemish])["content"]["items"][0];
    let item = format!("{}/{}/{}", first["photo_type"].as_str().unwrap(), first["channel"].as_str().unwrap(), first["purpose"].as_str().unwrap());
    let args = [
        "consent",
        "record",
        "--person",
        &p,
        "--form",
        &flemish,
        "--answer",
        &format!("{item}=yes"),
        "--given-by",
        "Marieke",
        "--method",
        "paper",
        "--date",
        "2026-09-01",
    ];
    let msg = refused(&o, &args, "consent.form_inactive");
    assert!(msg.contains("niet in gebruik"), "{msg}");
    o.json(&["form", "activate", &flemish]);
    o.json(&args);
    o.json(&["form", "deactivate", &flemish]);
    assert!(o.json(&["form", "list"]).as_array().unwrap().iter().any(|f| f["id"] == flemish.parse::<i64>().unwrap() && f["active"] == false));
}

#[test]
fn leave_dates_follow_recorded_consent_and_are_at_most_a_year_ahead() {
    let o = Office::nl();
    let p = o.id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--guardian", "Marieke"]).to_string();
    o.consent_yes(&p, "group/website/information");
    let msg = refused(&o, &["person", "leave", &p, "--date", "2026-08-31"], "person.leave_before_consent");
    assert!(msg.contains("01-09-2026"), "{msg}");
    let today = chrono::Local::now().date_naive();
    let far = (today + chrono::Days::new(400)).to_string();
    refused(&o, &["person", "leave", &p, "--date", &far], "person.leave_too_far");
    // The same rules in a roster file, named by line.
    let csv = format!("naam;geboortedatum;vertrekdatum\nAnna;2018-03-01;{far}\n");
    let msg = refused(&o, &["roster", "import", &roster(&o, "far.csv", csv.as_bytes())], "roster.invalid");
    assert!(msg.contains("regel 2, kolom 'vertrekdatum'"), "{msg}");
    let csv = "naam;geboortedatum;vertrekdatum\nAnna;2018-03-01;2026-08-01\n";
    let msg = refused(&o, &["roster", "import", &roster(&o, "early.csv", csv.as_bytes())], "roster.invalid");
    assert!(msg.contains("vóór toestemming die al is vastgelegd (01-09-2026)"), "{msg}");
    // A planned departure at the end of the school year is fine.
    let planned = (today + chrono::Days::new(200)).to_string();
    o.json(&["person", "leave", &p, "--date", &planned]);
}

#[test]
fn photos_of_extreme_shape_are_refused_and_one_bad_photo_never_stops_a_take_home_set() {
    let o = Office::nl();
    let strip = image::RgbImage::from_pixel(100_000, 1, image::Rgb([1, 2, 3]));
    let mut png = std::io::Cursor::new(Vec::new());
    strip.write_to(&mut png, image::ImageFormat::Png).unwrap();
    let f = o.file("strook.png", png.get_ref());
    let before = o.state();
    let r = o.run(&["photo", "import", f.to_str().unwrap()]);
    assert_eq!(r.code(), "photo.import_partial");
    assert!(r.message().contains("100000 × 1 pixels") && r.message().contains("20 keer"), "{}", r.message());
    assert_eq!(o.state(), before);

    // Two photos of Anna; the original of one is damaged on disk afterwards.
    o.json(&["group", "add", "G"]);
    let anna = o.id(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--group", "G", "--guardian", "M"]).to_string();
    let mut ids = Vec::new();
    for seed in [1u8, 2] {
        let f = o.file(&format!("IMG_{seed}.jpg"), &images::jpeg(320, 240, seed));
        let id = o.json(&["photo", "import", f.to_str().unwrap()])[0]["id"].to_string();
        o.json(&["photo", "tag", &id, "--person", &anna, "--box", "10,10,40,40"]);
        ids.push(id);
    }
    let originals = walk(&o.data().join("photos/originals"));
    std::fs::write(&originals[0], b"not a picture any more").unwrap();
    let out = o.path().join("mee");
    let r = o.json(&["dossier", "photos", &anna, "--out", out.to_str().unwrap()]);
    assert_eq!(r["files"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(r["skipped"].as_array().unwrap().len(), 1, "{r}");
    assert!(r["skipped"][0]["problem"].as_str().unwrap().contains("beschadigd"), "{r}");
}

#[test]
fn temporary_files_of_a_killed_import_are_cleaned_on_the_next() {
    let o = Office::nl();
    let f = o.file("IMG_1.jpg", &images::jpeg(320, 240, 1));
    o.json(&["photo", "import", f.to_str().unwrap()]);
    let shard = std::fs::read_dir(o.data().join("photos/thumbs")).unwrap().flatten().next().unwrap().path();
    // As a `kill -9` leaves them: a complete thumbnail under a temporary name, old and new style.
    let stale = [shard.join(".bk-4194303-0.tmp"), shard.join(".abcd.jpg.4194304-2.tmp")];
    for s in &stale {
        std::fs::write(s, images::jpeg(40, 30, 9)).unwrap();
    }
    let g = o.file("IMG_2.jpg", &images::jpeg(320, 240, 2));
    o.json(&["photo", "import", g.to_str().unwrap()]);
    for s in &stale {
        assert!(!s.exists(), "{} left", s.display());
    }
}
