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
    // The original is kept byte for byte (encrypted on disk: decrypted with the data key here).
    let key = support::data_key(&o.data().join("beeldakkoord.sqlite3")).expect("encrypted");
    let opened = |p: &std::path::Path| {
        let sealed = std::fs::read(p).unwrap();
        assert!(!sealed.windows(3).any(|w| w == [0xFF, 0xD8, 0xFF]), "no plain JPEG on disk: {}", p.display());
        let mut plain = Vec::new();
        beeldakkoord_core::crypto::stream::decrypt(&key, &mut &sealed[..], &mut plain).expect("decrypts");
        plain
    };
    let camera = std::fs::read(dir.join("IMG_0001.JPG")).unwrap();
    assert!(originals.iter().any(|p| opened(p) == camera));
    // Thumbnails are real, small JPEGs, turned as the camera said (orientation 6: portrait).
    let thumb = image::load_from_memory(&opened(thumbs.iter().find(|p| p.to_string_lossy().contains(imported[0]["hash"].as_str().unwrap())).unwrap())).unwrap();
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
    o.json(&[
        "consent",
        "record",
        "--person",
        &anna.to_string(),
        "--form",
        "1",
        "--answer",
        "individual/newsletter/information=yes",
        "--answer",
        "individual/internal/information=no",
        "--given-by",
        "Marieke",
        "--method",
        "paper",
        "--date",
        "2026-09-01",
    ]);
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
    o.json(&[
        "notice",
        "add",
        "--group",
        "Rupsen",
        "--purpose",
        "information",
        "--channel",
        "website",
        "--text",
        "Wij maken sfeerfoto's.",
        "--date",
        "2026-09-01",
    ]);
    assert_eq!(check(&o, photo, "website", "information", "2026-10-01")["verdict"], "blocked");
    let n = o.id(&[
        "notice",
        "add",
        "--group",
        "Vlinders",
        "--purpose",
        "information",
        "--channel",
        "website",
        "--channel",
        "newsletter",
        "--text",
        "Beste ouders, tijdens activiteiten maken wij sfeerfoto's voor de website en de nieuwsbrief.",
        "--date",
        "2026-09-15",
    ]);
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
    o.json(&[
        "consent",
        "record",
        "--person",
        &kid.to_string(),
        "--form",
        &form.to_string(),
        "--answer",
        "class/paper/activities=yes",
        "--given-by",
        "Sanne",
        "--method",
        "paper",
        "--date",
        "2024-09-01",
    ]);
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
    let before = {
        let _ = before;
        o.snapshot()
    };
    assert_eq!(o.run(&["photo", "tag", &p, "--person", &left.to_string()]).code(), "photo.person_left");
    assert_eq!(o.snapshot(), before);
}

/// Mean absolute difference per channel between two same-size regions.
fn region_diff(a: &image::RgbImage, b: &image::RgbImage, x0: u32, y0: u32, w: u32, h: u32) -> f64 {
    let mut sum = 0u64;
    for y in y0..y0 + h {
        for x in x0..x0 + w {
            let (p, q) = (a.get_pixel(x, y), b.get_pixel(x, y));
            for c in 0..3 {
                sum += u64::from(p[c].abs_diff(q[c]));
            }
        }
    }
    sum as f64 / f64::from(w * h * 3)
}

/// Standard deviation of the luma inside a region: a face has detail, a fill has none.
fn region_detail(img: &image::RgbImage, x0: u32, y0: u32, w: u32, h: u32) -> f64 {
    let vals: Vec<f64> = (y0..y0 + h)
        .flat_map(|y| (x0..x0 + w).map(move |x| (x, y)))
        .map(|(x, y)| {
            let p = img.get_pixel(x, y);
            0.299 * f64::from(p[0]) + 0.587 * f64::from(p[1]) + 0.114 * f64::from(p[2])
        })
        .collect();
    let mean = vals.iter().sum::<f64>() / vals.len() as f64;
    (vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / vals.len() as f64).sqrt()
}

#[test]
fn anonymised_export_hides_blocked_people_and_strips_metadata() {
    let o = Office::nl();
    o.json(&["group", "add", "G"]);
    let yes = child(&o, "Anna", "G", "Marieke");
    let no = child(&o, "Bram", "G", "Els");
    o.consent_yes(&yes.to_string(), "group/website/information");
    let original = images::with_exif(&images::jpeg(640, 480, 7), "2026:10:05 10:30:00", 1);
    let photo = import_one(&o, "klas.jpg", &original);
    let p = photo.to_string();
    o.json(&["photo", "set", &p, "--type", "group", "--posed"]);
    o.json(&["photo", "tag", &p, "--person", &yes.to_string(), "--box", "20,20,100,120"]);
    o.json(&["photo", "tag", &p, "--person", &no.to_string(), "--box", "150,110,180,130"]);
    assert_eq!(check(&o, photo, "website", "information", "2026-10-10")["verdict"], "anonymise");

    let out = o.path().join("voor-website.png");
    let r = o.json(&["photo", "export", &p, "--channel", "website", "--purpose", "information", "--date", "2026-10-10", "--out", out.to_str().unwrap()]);
    assert_eq!(r["anonymised"], 1);
    let bytes = std::fs::read(&out).unwrap();
    // No EXIF (with GPS), XMP or IPTC in the copy.
    assert!(exif::Reader::new().read_from_container(&mut std::io::Cursor::new(&bytes)).is_err());
    for marker in [&b"Exif"[..], b"http://ns.adobe.com/xap", b"Photoshop 3.0", b"Testcamera"] {
        assert!(!bytes.windows(marker.len()).any(|w| w == marker), "metadata left: {}", String::from_utf8_lossy(marker));
    }
    let exported = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let source = image::load_from_memory(&original).unwrap().to_rgb8();
    assert_eq!(exported.dimensions(), source.dimensions());
    // Bram's box: nothing of the picture is left (flat, and far from the original).
    assert!(region_detail(&source, 150, 110, 180, 130) > 20.0, "the fixture must have detail there");
    assert!(region_detail(&exported, 150, 110, 180, 130) < 0.5);
    assert!(region_diff(&source, &exported, 150, 110, 180, 130) > 20.0);
    // Outside it (Anna, who consented, and the rest): exactly the decoded original.
    assert_eq!(region_diff(&source, &exported, 0, 0, 640, 100), 0.0);
    assert_eq!(region_diff(&source, &exported, 20, 20, 100, 120), 0.0);
    assert_eq!(region_diff(&source, &exported, 340, 0, 300, 480), 0.0);

    // JPEG export works too; a blocked use is refused and writes nothing.
    let jpg = o.path().join("voor-website.jpg");
    o.json(&["photo", "export", &p, "--channel", "website", "--purpose", "information", "--date", "2026-10-10", "--out", jpg.to_str().unwrap()]);
    assert!(image::load_from_memory(&std::fs::read(&jpg).unwrap()).is_ok());
    o.json(&["photo", "tag", &p, "--person", &no.to_string()]);
    let blocked = o.path().join("social.png");
    let r = o.run(&["photo", "export", &p, "--channel", "website", "--purpose", "information", "--date", "2026-10-10", "--out", blocked.to_str().unwrap()]);
    assert_eq!(r.code(), "photo.blocked");
    assert!(r.message().contains("Bram"), "{}", r.message());
    assert!(!blocked.exists());
    assert_eq!(o.run(&["photo", "export", &p, "--channel", "website", "--purpose", "information", "--out", "/nonexistent/dir/x.png"]).code(), "file.no_folder");
}

#[test]
fn withdrawal_after_publication_puts_it_on_the_takedown_list() {
    let o = Office::nl();
    o.json(&["group", "add", "G"]);
    let anna = child(&o, "Anna", "G", "Marieke");
    let a = anna.to_string();
    o.consent_yes(&a, "individual/newsletter/information");
    let photo = import_one(&o, "portret.jpg", &images::jpeg(300, 400, 3));
    let p = photo.to_string();
    o.json(&["photo", "set", &p, "--type", "individual", "--posed"]);
    o.json(&["photo", "tag", &p, "--person", &a]);

    // A blocked use cannot be recorded as published.
    let before = o.snapshot();
    assert_eq!(
        o.run(&["publication", "add", &p, "--channel", "social", "--purpose", "information", "--where", "Facebook", "--date", "2026-10-01"]).code(),
        "photo.blocked"
    );
    assert_eq!(
        o.run(&["publication", "add", &p, "--channel", "newsletter", "--purpose", "information", "--where", " ", "--date", "2026-10-01"]).code(),
        "publication.place"
    );
    assert_eq!(o.snapshot(), before);

    let pub_id =
        o.id(&["publication", "add", &p, "--channel", "newsletter", "--purpose", "information", "--where", "Nieuwsbrief oktober", "--date", "2026-10-01"]);
    assert_eq!(o.json(&["takedown", "list", "--date", "2026-10-15"]).as_array().unwrap().len(), 0);

    o.json(&["consent", "withdraw", "--person", &a, "--item", "individual/newsletter/information", "--given-by", "Marieke", "--date", "2026-11-01"]);
    assert_eq!(o.json(&["takedown", "list", "--date", "2026-10-31"]).as_array().unwrap().len(), 0, "before the withdrawal");
    let list = o.json(&["takedown", "list", "--date", "2026-11-01"]);
    assert_eq!(list[0]["publication"], pub_id);
    assert_eq!(list[0]["where"], "Nieuwsbrief oktober");
    assert_eq!(list[0]["people"][0]["person"], anna);
    assert_eq!(list[0]["people"][0]["status"], "withdrawn");

    assert_eq!(o.run(&["publication", "remove", &pub_id.to_string(), "--date", "2026-09-30"]).code(), "publication.removed_before_published");
    o.json(&["publication", "remove", &pub_id.to_string(), "--date", "2026-11-02"]);
    assert_eq!(o.json(&["takedown", "list", "--date", "2026-11-02"]).as_array().unwrap().len(), 0);
    assert_eq!(o.json(&["takedown", "list", "--date", "2026-11-01"]).as_array().unwrap().len(), 1, "still online on the day before removal");
    assert_eq!(o.run(&["publication", "remove", &pub_id.to_string(), "--date", "2026-11-03"]).code(), "publication.already_removed");
    assert_eq!(o.run(&["publication", "remove", "99"]).code(), "publication.unknown");
}
