//! Retention through the real binary: a dry run that lists and changes
//! nothing, refusals that change nothing, a run that removes a leaver once
//! the dossier is printed, and that leaver's dossier refused afterwards.

mod support;

use support::{images, Office};

/// Daan left in 2018 after his consent in 2017 and a photo of his class;
/// Noor stays.
fn office() -> (Office, String, String) {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 8"]);
    let daan = o
        .id(&["person", "add", "--name", "Daan Smit", "--kind", "child", "--birth-date", "2006-03-01", "--group", "Groep 8", "--guardian", "Marieke"])
        .to_string();
    let noor = o
        .id(&["person", "add", "--name", "Noor Bakker", "--kind", "child", "--birth-date", "2016-05-01", "--group", "Groep 8", "--guardian", "Ilse"])
        .to_string();
    o.json(&[
        "consent",
        "record",
        "--person",
        &daan,
        "--form",
        "1",
        "--answer",
        "group/website/information=yes",
        "--given-by",
        "Marieke",
        "--method",
        "paper",
        "--date",
        "2017-09-04",
    ]);
    let camera = o.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    std::fs::write(camera.join("klas.jpg"), images::with_exif(&images::jpeg(320, 240, 3), "2018:05:14 10:00:00", 1)).unwrap();
    std::fs::write(camera.join("alleen.jpg"), images::with_exif(&images::jpeg(320, 240, 9), "2018:05:15 10:00:00", 1)).unwrap();
    let photos = o.json(&["photo", "import", camera.to_str().unwrap()]);
    let id = |name: &str| photos.as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["id"].to_string();
    o.json(&["photo", "tag", &id("klas.jpg"), "--person", &daan, "--box", "10,10,60,60"]);
    o.json(&["photo", "tag", &id("klas.jpg"), "--person", &noor, "--box", "100,10,60,60"]);
    o.json(&["photo", "tag", &id("alleen.jpg"), "--person", &daan, "--box", "10,10,60,60"]);
    o.json(&["person", "leave", &daan, "--date", "2018-07-31"]);
    (o, daan, noor)
}

/// Whether a JSON number is the id printed as `id`.
fn is(v: &serde_json::Value, id: &str) -> bool {
    v.as_i64().is_some() && v.as_i64() == id.parse().ok()
}

#[test]
fn a_dry_run_lists_what_goes_and_bad_input_changes_nothing() {
    let (o, daan, _) = office();
    let before = o.state();
    let dry = o.json(&["retention", "run", "--dry-run"]);
    assert_eq!(dry["dry_run"], true);
    let leaver = dry["leavers"].as_array().unwrap().iter().find(|l| is(&l["person"], &daan)).expect("Daan is listed");
    assert_eq!(leaver["hold"]["kind"], "dossier_not_printed");
    assert_eq!((leaver["removed"]["photos"].as_u64(), leaver["removed"]["tags_unnamed"].as_u64()), (Some(1), Some(1)));
    for (args, code) in [
        (vec!["retention", "run", "--date", "2099-01-01"], "retention.future_date"),
        (vec!["retention", "run", "--date", "morgen"], "date.malformed"),
        (vec!["retention", "settings", "--photos-years", "0"], "retention.years"),
        (vec!["retention", "settings", "--consent-years", "300"], "retention.years"),
        (vec!["retention", "settings", "--consent-years", "vijf"], "input.number"),
        (vec!["retention", "settings", "--photos-years", "6"], "retention.photos_longer"),
        (vec!["retention", "skip-dossier", &daan, "--reason", "  "], "retention.no_reason"),
        (vec!["retention", "skip-dossier", "999", "--reason", "weg"], "person.unknown"),
    ] {
        assert_eq!(o.run(&args).code(), code, "{args:?}");
        assert_eq!(o.state(), before, "{args:?} changed the data folder");
    }
    // The text for people says it was a dry run.
    let text = o.cmd().args(["retention", "run", "--dry-run"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Proefrun") && text.contains("Daan Smit") && text.contains("vertrekdossier"), "{text}");
    assert_eq!(o.state(), before);
}

#[test]
fn a_leaver_goes_once_the_dossier_is_printed_and_the_dossier_is_refused_after() {
    let (o, daan, noor) = office();
    let settings = o.json(&["retention", "settings"]);
    assert_eq!((settings["photos_years"].as_u64(), settings["consent_years"].as_u64(), settings["untagged_years"].as_u64()), (Some(1), Some(5), Some(2)));
    let paper = o.path().join("dossier-daan.pdf");
    o.json(&["dossier", &daan, "--out", paper.to_str().unwrap()]);
    let run = o.json(&["retention", "run"]);
    assert_eq!(run["persons"], 1);
    let leaver = run["leavers"].as_array().unwrap().iter().find(|l| is(&l["person"], &daan)).unwrap();
    assert_eq!(leaver["removed"]["person"], true);
    assert_eq!(leaver["removed"]["consent_events"], 1);
    assert!(o.json(&["audit", "verify"])["ok"].as_bool().unwrap());

    let again = o.path().join("opnieuw.pdf");
    let refused = o.run(&["dossier", &daan, "--out", again.to_str().unwrap()]);
    assert_eq!(refused.code(), "person.purged");
    assert!(refused.message().contains("verwijderd"), "{}", refused.message());
    assert!(!again.exists());
    assert_eq!(o.run(&["consent", "show", "--person", &daan]).code(), "person.purged");
    // Noor keeps her photo, with someone unknown where Daan was.
    let list = o.json(&["person", "list"]);
    assert!(list.as_array().unwrap().iter().any(|p| is(&p["id"], &noor)));
    let log = o.json(&["audit", "log", "--person", &daan]);
    let entries = log["entries"].as_array().unwrap();
    assert!(entries.iter().any(|e| e["action"] == "retention.purge" && !e["details"].as_str().unwrap().contains("Daan")), "{log}");
}
