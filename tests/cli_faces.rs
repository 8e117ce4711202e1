//! Faces on the command line: `photo import` returns with the faces found,
//! `photo faces` lists them, a face is named with `photo tag --face`, marked
//! unknown or dismissed, and `photo check` counts every face nobody
//! reviewed. Wrong input is refused with a code and changes nothing.

mod support;

use serde_json::Value;
use support::{images, Office};

fn faces(o: &Office, photo: &str) -> Vec<Value> {
    o.json(&["photo", "faces", photo]).as_array().expect("a list").clone()
}

#[test]
fn a_group_photo_is_reviewed_face_by_face_on_the_command_line() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 5"]);
    let noor = o.json(&["person", "add", "--name", "Noor", "--kind", "child", "--birth-date", "2017-03-01", "--group", "Groep 5", "--guardian", "Marieke"])
        ["id"]
        .to_string();
    o.consent_yes(&noor, "group/website/information");
    let file = o.file("schoolreis.png", &std::fs::read(images::group_photo()).unwrap());
    // The import returns when the faces are found: they are there at once.
    let photo = o.json(&["photo", "import", file.to_str().unwrap()])[0]["id"].to_string();
    o.json(&["photo", "set", &photo, "--type", "group", "--posed"]);
    let found = faces(&o, &photo);
    assert!(found.len() >= 27, "{} faces", found.len());
    let first = &found[0];
    assert_eq!((first["face"].as_u64(), first["state"].as_str(), first["person"].is_null()), (Some(1), Some("suggested"), true));
    assert_eq!(first["box"].as_array().map(Vec::len), Some(4));
    assert!(first["score"].as_f64().is_some_and(|s| s > 0.0));
    assert_eq!(first["suggestions"], serde_json::json!([]), "suggestions are off");

    // Noor tagged without naming her face: every face is still someone unknown.
    o.json(&["photo", "tag", &photo, "--person", &noor]);
    let check = o.json(&["photo", "check", &photo, "--channel", "website", "--purpose", "information"]);
    assert_ne!(check["verdict"], "allowed");
    assert_eq!(check["unidentified_faces"].as_u64(), Some(found.len() as u64));
    let lines = check["people"].as_array().unwrap();
    let unidentified: Vec<&Value> = lines.iter().filter(|l| l["status"] == "unidentified").collect();
    assert_eq!(unidentified.len(), found.len());
    assert!(unidentified.iter().all(|l| l["person"].is_null() && l["face"].as_u64().is_some()));
    let out = o.std_cmd().args(["--lang", "en", "photo", "check", &photo, "--channel", "website", "--purpose", "information"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&format!("{} faces not identified", found.len())), "{text}");

    // Name face 1, mark 2 unknown, dismiss 3 with a reason and the rest by default.
    let tagged = o.json(&["photo", "tag", &photo, "--person", &noor, "--face", "1"]);
    assert!(tagged["tags"].as_array().unwrap().iter().any(|t| t["person"] == noor.parse::<i64>().unwrap() && !t["box"].is_null()));
    let after = o.json(&["photo", "faces", "unknown", &photo, "--face", "2"]);
    assert_eq!(after[1]["state"], "unknown");
    let after = o.json(&["photo", "faces", "dismiss", &photo, "--face", "3", "--reason", "poster aan de muur"]);
    assert_eq!((after[2]["state"].as_str(), after[2]["reason"].as_str()), (Some("dismissed"), Some("poster aan de muur")));
    for n in 4..=found.len() {
        o.json(&["photo", "faces", "dismiss", &photo, "--face", &n.to_string(), "--reason", "not-recognisable"]);
    }
    let check = o.json(&["photo", "check", &photo, "--channel", "website", "--purpose", "information"]);
    assert_eq!((check["verdict"].as_str(), check["unidentified_faces"].as_u64()), (Some("anonymise"), Some(0)), "only the unknown face to fill");
    // Reopening counts the face again.
    o.json(&["photo", "faces", "reopen", &photo, "--face", "3"]);
    assert_eq!(o.json(&["photo", "check", &photo, "--channel", "website", "--purpose", "information"])["unidentified_faces"].as_u64(), Some(1));
    // The scan finds nothing new to do; `--all` looks again and keeps every review.
    let scan = o.run(&["photo", "faces", "scan"]);
    assert_eq!(scan.json()["scanned"].as_u64(), Some(0));
    let before = faces(&o, &photo);
    let again = o.run(&["photo", "faces", "scan", "--all"]);
    assert_eq!(again.json()["scanned"].as_u64(), Some(1));
    assert!(again.stderr().contains("1/1"), "progress on stderr: {}", again.stderr());
    assert_eq!(faces(&o, &photo), before);
}

#[test]
fn a_large_import_can_leave_the_faces_for_a_scan() {
    let o = Office::nl();
    let file = o.file("groep.png", &std::fs::read(images::group_photo()).unwrap());
    let photo = o.json(&["photo", "import", "--scan-later", file.to_str().unwrap()])[0]["id"].to_string();
    assert_eq!(faces(&o, &photo), Vec::<Value>::new(), "no faces before the scan");
    assert_eq!(o.json(&["photo", "faces", "suggestions"])["waiting"].as_u64(), Some(1));
    let scan = o.run(&["photo", "faces", "scan"]);
    assert_eq!(scan.json()["scanned"].as_u64(), Some(1));
    assert!(faces(&o, &photo).len() >= 27);
    assert_eq!(o.json(&["photo", "faces", "suggestions"])["waiting"].as_u64(), Some(0));
}

#[test]
fn who_is_this_is_suggested_once_an_admin_switches_it_on() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 8"]);
    let barack = o.json(&["person", "add", "--name", "Barack", "--kind", "child", "--birth-date", "2014-05-01", "--group", "Groep 8"])["id"].clone();
    let photos = std::path::Path::new(beeldakkoord_core::photos::recognition::TEST_PHOTOS);
    let import = |name: &str| {
        let file = o.file(name, &std::fs::read(photos.join(name)).unwrap());
        o.json(&["photo", "import", file.to_str().unwrap()])[0]["id"].to_string()
    };
    let off = o.json(&["photo", "faces", "suggestions"]);
    assert_eq!(off["suggestions"], false, "off until an administrator switches it on");
    let on = o.json(&["photo", "faces", "suggestions", "--on"]);
    assert_eq!(on["suggestions"], true);
    for name in ["obama.jpg", "obama2.jpg"] {
        let photo = import(name);
        o.json(&["photo", "tag", &photo, "--person", &barack.to_string(), "--face", "1"]);
    }
    let third = import("obama3.jpg");
    let face = &faces(&o, &third)[0];
    assert_eq!(face["state"], "suggested", "a suggestion is never applied by itself");
    let suggestion = &face["suggestions"][0];
    assert_eq!((&suggestion["person"], suggestion["photos"].as_u64()), (&barack, Some(2)));
    assert!(suggestion["score"].as_f64().is_some_and(|s| s > 0.5 && s <= 1.0), "{suggestion}");
    // Excluded: never suggested.
    o.json(&["photo", "faces", "exclude", &barack.to_string()]);
    assert_eq!(faces(&o, &third)[0]["suggestions"], serde_json::json!([]));
}

#[test]
fn wrong_face_input_is_refused_and_changes_nothing() {
    let o = Office::nl();
    let anna = o.json(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2019-03-01", "--guardian", "Marieke"])["id"].to_string();
    let file = o.file("groep.png", &std::fs::read(images::group_photo()).unwrap());
    let photo = o.json(&["photo", "import", file.to_str().unwrap()])[0]["id"].to_string();
    let before = o.state();
    let cases: &[(&[&str], &str)] = &[
        (&["photo", "tag", &photo, "--person", &anna, "--face", "0"], "input.number"),
        (&["photo", "tag", &photo, "--person", &anna, "--face", "een"], "input.number"),
        (&["photo", "tag", &photo, "--person", &anna, "--face", "999"], "face.unknown"),
        (&["photo", "tag", &photo, "--person", &anna, "--face", "1", "--box", "1,1,5,5"], "cli.usage"),
        (&["photo", "faces", "unknown", "999999", "--face", "1"], "photo.unknown"),
        (&["photo", "faces", "dismiss", &photo, "--face", "1", "--reason", "too-small"], "face.not_too_small"),
        (&["photo", "faces"], "cli.usage"),
        (&["photo", "faces", "suggestions", "--on", "--off"], "cli.usage"),
        (&["photo", "faces", "exclude", "424242"], "person.unknown"),
    ];
    for (args, code) in cases {
        let run = o.run(args);
        assert!(!run.ok(), "{args:?} succeeded");
        assert_eq!(run.code(), *code, "{args:?}: {}", run.message());
        assert!(!run.message().is_empty());
        assert_eq!(o.state(), before, "{args:?} changed the data");
    }
}
