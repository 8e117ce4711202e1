//! Scenario tests of the photo commands: import, tags, notices and the verdict.

mod support;

use support::images;
use support::Office;

/// The built-in Dutch form: photo types group/individual/activity, channels
/// internal/newsletter/website/social, purposes information/promotion.
fn child(o: &Office, name: &str, group: &str, guardian: &str) -> i64 {
    o.id(&["person", "add", "--name", name, "--kind", "child", "--birth-date", "2018-03-01", "--group", group, "--guardian", guardian])
}

fn import_one(o: &Office, name: &str, bytes: &[u8]) -> i64 {
    let f = o.file(name, bytes);
    o.json(&["photo", "import", f.to_str().unwrap()])[0]["id"].as_i64().expect("photo id")
}

fn check(o: &Office, photo: i64, channel: &str, purpose: &str, date: &str) -> serde_json::Value {
    o.json(&["photo", "check", &photo.to_string(), "--channel", channel, "--purpose", purpose, "--date", date])
}

#[test]
fn import_stores_each_file_once_and_reports_bad_files_by_name() {
    let o = Office::nl();
    let dir = o.path().join("camera");
    std::fs::create_dir_all(dir.join("dag 2")).unwrap();
    std::fs::write(dir.join("IMG_0001.JPG"), images::with_exif(&images::jpeg(400, 300, 1), "2026:10:05 10:30:00", 6)).unwrap();
    std::fs::write(dir.join("dag 2/IMG_0002.jpg"), images::jpeg(640, 480, 2)).unwrap();
    std::fs::write(dir.join("scan.png"), images::png(200, 100)).unwrap();
    std::fs::write(dir.join("notes.txt"), b"not a photo").unwrap();
    let full = images::jpeg(320, 240, 3);
    std::fs::write(dir.join("afgebroken.jpg"), &full[..full.len() / 2]).unwrap();
    std::fs::write(dir.join("eigenlijk-png.jpg"), images::png(50, 50)).unwrap();
    std::fs::write(dir.join("leeg.jpg"), b"").unwrap();
    std::fs::write(dir.join("reus.jpg"), images::jpeg_claiming(20000, 10000)).unwrap();

    let r = o.run(&["photo", "import", dir.to_str().unwrap()]);
    assert_eq!(r.code(), "photo.import_partial");
    let msg = r.message();
    for bad in ["afgebroken.jpg", "leeg.jpg", "reus.jpg"] {
        assert!(msg.contains(bad), "{bad} must be named: {msg}");
    }
    let imported: serde_json::Value = serde_json::from_slice(&r.out.stdout).unwrap();
    // Three photos plus the PNG named .jpg: the content decides, not the name.
    assert_eq!(imported.as_array().unwrap().len(), 4, "{imported}");
    assert!(imported.as_array().unwrap().iter().all(|p| p["new"] == true));

    // Content-addressed: the same file again is the same photo.
    let again = o.json(&["photo", "import", dir.join("IMG_0001.JPG").to_str().unwrap()]);
    assert_eq!(again[0]["new"], false);
    assert_eq!(again[0]["id"], imported[0]["id"]);
    let originals = walk_files(&o.path().join("data/photos/originals"));
    assert_eq!(originals.len(), 4);
    let thumbs = walk_files(&o.path().join("data/photos/thumbs"));
    assert_eq!(thumbs.len(), 4);
    // The original is kept byte for byte.
    let camera = std::fs::read(dir.join("IMG_0001.JPG")).unwrap();
    assert!(originals.iter().any(|p| std::fs::read(p).unwrap() == camera));
    // Thumbnails are real, small JPEGs, turned as the camera said (orientation 6: portrait).
    let thumb = image::open(thumbs.iter().find(|p| p.to_string_lossy().contains(imported[0]["hash"].as_str().unwrap())).unwrap()).unwrap();
    assert!(thumb.height() > thumb.width(), "{}x{}", thumb.width(), thumb.height());
    assert!(thumb.width() <= 400 && thumb.height() <= 400);

    assert_eq!(o.run(&["photo", "import", "/no/such/file.jpg"]).code(), "photo.import_partial");
}

fn walk_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(walk_files(&e.path()));
        } else {
            out.push(e.path());
        }
    }
    out
}

#[test]
fn school_paper_yes_is_not_social_media_yes() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 3"]);
    let anna = child(&o, "Anna", "Groep 3", "Marieke");
    o.json(&["consent", "record", "--person", &anna.to_string(), "--form", "1", "--answer", "individual/newsletter/information=yes", "--answer", "individual/internal/information=no", "--given-by", "Marieke", "--method", "paper", "--date", "2026-09-01"]);
    let photo = import_one(&o, "portret.jpg", &images::jpeg(400, 300, 9));
    o.json(&["photo", "set", &photo.to_string(), "--type", "individual", "--posed"]);
    o.json(&["photo", "tag", &photo.to_string(), "--person", &anna.to_string(), "--box", "100,50,120,150"]);

    let paper = check(&o, photo, "newsletter", "information", "2026-10-01");
    assert_eq!(paper["verdict"], "allowed");
    assert_eq!(paper["people"][0]["status"], "consent");
    assert_eq!(paper["people"][0]["targeted"], true);
    assert_eq!(paper["people"][0]["form_version"], 1);
    assert!(paper["people"][0]["record"].as_i64().is_some());

    let internal = check(&o, photo, "internal", "information", "2026-10-01");
    assert_eq!(internal["people"][0]["status"], "denied");
    assert_eq!(internal["verdict"], "anonymise", "Anna has a box that can be made unrecognisable");
    let social = check(&o, photo, "social", "information", "2026-10-01");
    assert_eq!(social["people"][0]["status"], "no-consent");

    // Without a box the photo cannot be rescued by anonymising.
    o.json(&["photo", "tag", &photo.to_string(), "--person", &anna.to_string()]);
    assert_eq!(check(&o, photo, "social", "information", "2026-10-01")["verdict"], "blocked");

    // The school year ends: consent from 2026-09-01 holds until 2027-07-31.
    assert_eq!(check(&o, photo, "newsletter", "information", "2027-07-31")["verdict"], "allowed");
    let next = check(&o, photo, "newsletter", "information", "2027-08-01");
    assert_eq!((next["verdict"].as_str(), next["people"][0]["status"].as_str()), (Some("blocked"), Some("expired")));

    // Untagged: nobody tagged is never allowed.
    o.json(&["photo", "untag", &photo.to_string(), "--person", &anna.to_string()]);
    let empty = check(&o, photo, "newsletter", "information", "2026-10-01");
    assert_eq!((empty["verdict"].as_str(), empty["nobody_tagged"].as_bool()), (Some("blocked"), Some(true)));
}

#[test]
fn spontaneous_group_shot_needs_a_notice() {
    let o = Office::nl();
    o.json(&["group", "add", "Vlinders"]);
    o.json(&["group", "add", "Rupsen"]);
    let a = child(&o, "Anna", "Vlinders", "Marieke");
    let b = child(&o, "Bram", "Vlinders", "Els");
    let photo = import_one(&o, "bos.jpg", &images::jpeg(800, 600, 4));
    let p = photo.to_string();
    o.json(&["photo", "set", &p, "--type", "activity", "--not-posed"]);
    o.json(&["photo", "tag", &p, "--person", &a.to_string(), "--box", "10,10,100,100"]);
    o.json(&["photo", "tag", &p, "--person", &b.to_string()]);
    let before = check(&o, photo, "website", "information", "2026-10-01");
    assert_eq!(before["verdict"], "blocked");
    assert!(before["people"].as_array().unwrap().iter().all(|l| l["status"] == "not-informed" && l["targeted"] == false));

    // A notice for another group does not count; one for this group does, from its date.
    o.json(&["notice", "add", "--group", "Rupsen", "--purpose", "information", "--channel", "website", "--text", "Wij maken sfeerfoto's.", "--date", "2026-09-01"]);
    assert_eq!(check(&o, photo, "website", "information", "2026-10-01")["verdict"], "blocked");
    let n = o.id(&["notice", "add", "--group", "Vlinders", "--purpose", "information", "--channel", "website", "--channel", "newsletter", "--text", "Beste ouders, tijdens activiteiten maken wij sfeerfoto's voor de website en de nieuwsbrief.", "--date", "2026-09-15"]);
    let after = check(&o, photo, "website", "information", "2026-10-01");
    assert_eq!(after["verdict"], "allowed");
    assert_eq!(after["people"][0]["notice"], n);
    assert_eq!(check(&o, photo, "website", "information", "2026-09-14")["verdict"], "blocked");
    assert_eq!(check(&o, photo, "social", "information", "2026-10-01")["verdict"], "blocked");

    // Highlighting one child makes that child targeted: consent is needed.
    o.json(&["photo", "tag", &p, "--person", &a.to_string(), "--box", "10,10,100,100", "--highlighted"]);
    let hl = check(&o, photo, "website", "information", "2026-10-01");
    assert_eq!((hl["people"][0]["targeted"].as_bool(), hl["people"][0]["status"].as_str()), (Some(true), Some("no-consent")));
    assert_eq!(hl["verdict"], "anonymise");
}

#[test]
fn a_leaver_with_a_school_career_term() {
    let o = Office::nl();
    let src = include_str!("fixtures/form-school.toml").replace("term = \"school-year\"", "term = \"school-career\"");
    let form = o.json(&["form", "import", o.file("f.toml", src.as_bytes()).to_str().unwrap()])["form"].as_i64().unwrap();
    o.json(&["group", "add", "3A"]);
    let kid = child(&o, "Lotte", "3A", "Sanne");
    o.json(&["consent", "record", "--person", &kid.to_string(), "--form", &form.to_string(), "--answer", "class/paper/activities=yes", "--given-by", "Sanne", "--method", "paper", "--date", "2024-09-01"]);
    let photo = import_one(&o, "klas.jpg", &images::jpeg(600, 400, 5));
    o.json(&["photo", "set", &photo.to_string(), "--type", "class", "--posed"]);
    o.json(&["photo", "tag", &photo.to_string(), "--person", &kid.to_string()]);
    assert_eq!(check(&o, photo, "paper", "activities", "2026-06-01")["verdict"], "allowed", "school career: no yearly end");
    o.json(&["person", "leave", &kid.to_string(), "--date", "2026-07-03"]);
    assert_eq!(check(&o, photo, "paper", "activities", "2026-07-03")["verdict"], "allowed");
    let after = check(&o, photo, "paper", "activities", "2026-07-04");
    assert_eq!((after["verdict"].as_str(), after["people"][0]["status"].as_str()), (Some("blocked"), Some("expired")));
}

#[test]
fn bad_photo_input_is_refused_and_changes_nothing() {
    let o = Office::nl();
    o.json(&["group", "add", "G"]);
    let kid = child(&o, "Anna", "G", "Marieke");
    let photo = import_one(&o, "a.jpg", &images::with_exif(&images::jpeg(400, 300, 1), "2026:10:05 10:30:00", 1));
    let p = photo.to_string();
    let before = o.snapshot();
    assert_eq!(o.run(&["photo", "set", &p, "--type", "selfie"]).code(), "photo.unknown_type");
    assert_eq!(o.run(&["photo", "set", "999", "--type", "group"]).code(), "photo.unknown");
    assert_eq!(o.run(&["photo", "tag", &p, "--person", &kid.to_string(), "--box", "350,10,100,100"]).code(), "photo.box_outside");
    assert_eq!(o.run(&["photo", "tag", &p, "--person", &kid.to_string(), "--box=-1,10,100,100"]).code(), "photo.box_outside");
    assert_eq!(o.run(&["photo", "tag", &p, "--person", &kid.to_string(), "--box", "10,10,0,100"]).code(), "photo.box_outside");
    assert_eq!(o.run(&["photo", "tag", &p, "--person", &kid.to_string(), "--box", "10,10,100"]).code(), "input.box");
    assert_eq!(o.run(&["photo", "tag", &p, "--person", "4242"]).code(), "person.unknown");
    assert_eq!(o.run(&["photo", "untag", &p, "--person", &kid.to_string()]).code(), "photo.not_tagged");
    assert_eq!(o.run(&["photo", "check", &p, "--channel", "tiktok", "--purpose", "information"]).code(), "photo.unknown_channel");
    assert_eq!(o.run(&["photo", "check", &p, "--channel", "website", "--purpose", "reclame"]).code(), "photo.unknown_purpose");
    assert_eq!(o.run(&["notice", "add", "--purpose", "information", "--channel", "website", "--text", "x"]).code(), "notice.audience");
    assert_eq!(o.run(&["notice", "add", "--group", "G", "--purpose", "information", "--channel", "website", "--text", "  "]).code(), "notice.text");
    assert_eq!(o.run(&["notice", "add", "--group", "Nergens", "--purpose", "information", "--channel", "website", "--text", "x"]).code(), "group.unknown");
    // A person who left before the photo was taken (EXIF: 2026-10-05) cannot be in it.
    let left = child(&o, "Bram", "G", "Els");
    o.json(&["person", "leave", &left.to_string(), "--date", "2026-07-01"]);
    let before = { let _ = before; o.snapshot() };
    assert_eq!(o.run(&["photo", "tag", &p, "--person", &left.to_string()]).code(), "photo.person_left");
    assert_eq!(o.snapshot(), before);
}
