//! Roster import from the CSV files school administration systems export.

mod support;

use support::Office;

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

const DUTCH: &str = "Leerlingnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Ouder 1;Ouder 2;E-mail\r\n\
1001;Zoë;van;Dijk;03-04-2018;Groep 3;Anouk van Dijk;Kees van Dijk;a@b.nl\r\n\
1002;François;;Leclercq;01-12-2017;Groep 4;Inès Leclercq;;\r\n\
1003;Daan;de;Boer;15-06-2018;Groep 3;Sanne de Boer;;\r\n";

#[test]
fn import_dutch_export_twice_changes_nothing_the_second_time() {
    let o = Office::nl();
    let f = o.file("leerlingen.csv", &windows_1252(DUTCH));
    let path = f.to_str().unwrap();

    let dry = o.json(&["roster", "import", path, "--dry-run"]);
    assert_eq!((dry["added"].as_i64(), dry["dry_run"].as_bool()), (Some(3), Some(true)));
    assert_eq!(o.json(&["person", "list"]).as_array().unwrap().len(), 0, "a dry run saves nothing");

    let r = o.json(&["roster", "import", path]);
    assert_eq!((r["added"].as_i64(), r["updated"].as_i64(), r["unchanged"].as_i64()), (Some(3), Some(0), Some(0)));
    assert_eq!(r["ignored_columns"][0], "E-mail");
    let people = o.json(&["person", "list", "--group", "Groep 3"]);
    let names: Vec<&str> = people.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Daan de Boer", "Zoë van Dijk"]);

    let before = o.snapshot();
    let again = o.json(&["roster", "import", path]);
    assert_eq!((again["added"].as_i64(), again["updated"].as_i64(), again["unchanged"].as_i64()), (Some(0), Some(0), Some(3)));
    let after = o.snapshot();
    // Only the audit trail notes that the import ran.
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).map(|(a, _)| a.0.as_str()).collect();
    assert_eq!(changed, ["audit_events"]);

    // A moved pupil and a new guardian are updates, matched on the pupil number.
    let moved = DUTCH.replace("1003;Daan;de;Boer;15-06-2018;Groep 3;Sanne de Boer;;", "1003;Daan;de;Boer;15-06-2018;Groep 4;Sanne de Boer;Piet de Boer;");
    let r = o.json(&["roster", "import", o.file("b.csv", &windows_1252(&moved)).to_str().unwrap()]);
    assert_eq!((r["added"].as_i64(), r["updated"].as_i64(), r["unchanged"].as_i64()), (Some(0), Some(1), Some(2)));
    assert_eq!(o.json(&["person", "list", "--group", "Groep 4"]).as_array().unwrap().len(), 2);
}

#[test]
fn english_comma_utf8_bom_file_without_numbers() {
    let o = Office::nl();
    let src = "\u{feff}Name,Date of birth,Class,Guardian 1,Guardian 2,Kind\n\"Jansen, Piet\",2016-05-17,5B,Els Jansen,,pupil\nMr Smith,,,,,staff\n";
    let f = o.file("roster.csv", src.as_bytes());
    let r = o.json(&["roster", "import", f.to_str().unwrap()]);
    assert_eq!(r["added"], 2);
    assert_eq!(r["groups_created"][0], "5B");
    let again = o.json(&["roster", "import", f.to_str().unwrap()]);
    assert_eq!(again["unchanged"], 2, "matched on name and birth date");
    // The imported guardian can give consent.
    let piet = o.json(&["person", "list", "--group", "5B"])[0]["id"].as_i64().unwrap().to_string();
    assert!(o
        .run(&[
            "consent",
            "record",
            "--person",
            &piet,
            "--form",
            "1",
            "--answer",
            "group/website/information=yes",
            "--given-by",
            "Els Jansen",
            "--method",
            "paper",
            "--date",
            "2026-09-01"
        ])
        .ok());
}

#[test]
fn a_file_with_any_error_imports_nothing_and_names_the_line() {
    let o = Office::nl();
    let bad = "naam;geboortedatum;groep;soort\nAnna;2018-01-01;1A;leerling\nBram;31-02-2018;1A;leerling\nCor;2018-01-01;1A;kat\n";
    let before = o.snapshot();
    let r = o.run(&["roster", "import", o.file("bad.csv", bad.as_bytes()).to_str().unwrap()]);
    assert_eq!(r.code(), "roster.invalid");
    let msg = r.message();
    assert!(msg.contains("regel 3, kolom 'geboortedatum'") && msg.contains("regel 4, kolom 'soort'"), "{msg}");
    assert_eq!(o.snapshot(), before, "nothing imported, no group created");

    let en = o.run(&["--lang", "en", "roster", "import", o.file("bad2.csv", bad.as_bytes()).to_str().unwrap()]);
    assert!(en.message().contains("line 3, column 'geboortedatum'"), "{}", en.message());

    assert_eq!(o.run(&["roster", "import", o.file("x.csv", b"voornaam;klas\nAnna;1A\n").to_str().unwrap()]).code(), "roster.no_name_column");
    assert_eq!(o.run(&["roster", "import", o.file("e.csv", b"").to_str().unwrap()]).code(), "roster.empty");
    assert_eq!(o.run(&["roster", "import", o.file("d.csv", b"naam\nAnna\nanna\n").to_str().unwrap()]).code(), "roster.invalid");
    assert_eq!(o.run(&["roster", "import", "/no/such/file.csv"]).code(), "file.not_found");
    // Binary junk is not a roster either.
    let junk: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(!o.run(&["roster", "import", o.file("junk.csv", &junk).to_str().unwrap()]).ok());
    assert_eq!(o.snapshot(), before);
}
