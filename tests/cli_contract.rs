//! The README documents the command line's JSON output: every documented
//! command runs here, and every key the README shows is in its output.
//! A renamed key or command fails this test before it reaches a script.

mod support;

use std::collections::BTreeMap;

use serde_json::Value;
use support::{images, Office};

/// The README's command block: (command words, the JSON shape shown after `->`).
fn documented() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md");
    let start = readme.find("## The command line").expect("a command-line section");
    let block = &readme[start..];
    let open = block.find("\n```\n").expect("a code block") + 5;
    let close = open + block[open..].find("\n```").expect("its end");
    let mut out: Vec<(String, String)> = Vec::new();
    for line in block[open..close].lines() {
        if line.starts_with(char::is_whitespace) {
            // A continuation of the shape above.
            if let Some(last) = out.last_mut().filter(|_| line.trim_start().starts_with(['-', '"', '[', '{'])) {
                last.1.push_str(line.trim().trim_start_matches("->").trim());
            }
            continue;
        }
        let (cmd, shape) = line.split_once("->").map_or((line, ""), |(c, s)| (c, s.trim()));
        let words: Vec<&str> = cmd.split_whitespace().take_while(|w| w.chars().all(|c| c.is_ascii_lowercase())).collect();
        out.push((words.join(" "), shape.to_string()));
    }
    out.retain(|(_, shape)| !shape.is_empty());
    out
}

/// The keys at the top of a documented shape (of its first element for a list).
fn keys(shape: &str) -> Vec<String> {
    let inner = shape.trim_start_matches('[');
    let mut depth = 0;
    let mut keys = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            '"' => {
                let end = inner[i + 1..].find('"').map_or(inner.len(), |e| i + 1 + e);
                let word = &inner[i + 1..end];
                if depth == 1 && inner[end + 1..].trim_start().starts_with(':') {
                    keys.push(word.to_string());
                }
                while chars.peek().is_some_and(|(j, _)| *j <= end) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    keys
}

#[test]
fn every_documented_output_has_the_documented_keys() {
    let o = Office::nl();
    let d = |args: &[&str]| o.json(args);
    d(&["group", "add", "G"]);
    let anna =
        d(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2018-03-01", "--group", "G", "--guardian", "Marieke"])["id"].to_string();
    let bram = d(&["person", "add", "--name", "Bram", "--kind", "child", "--birth-date", "2018-04-01", "--group", "G", "--guardian", "Joop"])["id"].to_string();
    o.consent_yes(&anna, "individual/newsletter/information");
    let roster = o.file("r.csv", b"naam;geboortedatum;groep\nCor;2018-05-01;G\n");
    let form = o.file("f.toml", std::fs::read("tests/fixtures/form-school.toml").expect("fixture").as_slice());
    let photo_file = o.file("p.jpg", &images::jpeg(320, 240, 3));
    let logo = o.file("logo.png", &images::png(60, 30));
    let out = o.path().join("uit");
    std::fs::create_dir(&out).unwrap();
    let path = |name: &str| out.join(name).to_str().unwrap().to_string();

    // One run per documented command, in an order that gives each its data.
    let mut outputs: BTreeMap<&str, Value> = BTreeMap::new();
    let added = o
        .std_cmd()
        .env("BEELDAKKOORD_NEW_PASSWORD", "wachtwoord van de beheerder")
        .args(["--json", "user", "add", "juf", "--role", "teacher", "--group", "G"])
        .output()
        .unwrap();
    outputs.insert("user add", serde_json::from_slice(&added.stdout).expect("user add prints JSON"));
    // The teacher chooses a password and registers a withdrawal Fenna's father handed in; the office confirms it.
    let fenna =
        d(&["person", "add", "--name", "Fenna", "--kind", "child", "--birth-date", "2018-02-01", "--group", "G", "--guardian", "Joop"])["id"].to_string();
    let as_juf = |args: &[&str], password: &str| {
        o.std_cmd()
            .env("BEELDAKKOORD_USER", "juf")
            .env("BEELDAKKOORD_PASSWORD", password)
            .env("BEELDAKKOORD_NEW_PASSWORD", "de juf haar eigen wachtwoord")
            .arg("--json")
            .args(args)
            .output()
            .unwrap()
    };
    assert!(as_juf(&["user", "passwd", "juf"], "wachtwoord van de beheerder").status.success());
    let item = "individual/newsletter/information";
    let yes = format!("{item}=yes");
    d(&["consent", "record", "--person", &fenna, "--form", "1", "--answer", &yes, "--given-by", "Joop", "--method", "paper", "--date", "2026-09-01"]);
    let withdrawn = as_juf(&["consent", "withdraw", "--person", &fenna, "--item", item, "--given-by", "Joop"], "de juf haar eigen wachtwoord");
    let by_juf: Value = serde_json::from_slice(&withdrawn.stdout).expect("consent withdraw prints JSON");
    outputs.insert("today", d(&["today"]));
    assert_eq!(outputs["today"]["withdrawals"][0]["teacher"], "juf", "{}", outputs["today"]);
    outputs.insert("consent confirm", d(&["consent", "confirm", "--event", &by_juf["record"].to_string()]));
    outputs.insert("user list", d(&["user", "list"]));
    outputs.insert("org show", d(&["org", "show"]));
    outputs.insert("person add", d(&["person", "add", "--name", "Dirk", "--kind", "staff"]));
    outputs.insert("roster import", d(&["roster", "import", roster.to_str().unwrap()]));
    outputs.insert("form import", d(&["form", "import", form.to_str().unwrap()]));
    outputs.insert("consent show", d(&["consent", "show", "--person", &anna]));
    let event = outputs["consent show"]["items"].as_array().and_then(|i| i.iter().find_map(|i| i["record"].as_i64())).expect("a record").to_string();
    let scan = o.file("scan.png", &images::png(300, 420));
    outputs.insert("consent attach", d(&["consent", "attach", "--event", &event, scan.to_str().unwrap()]));
    outputs.insert("consent scan", d(&["consent", "scan", "--event", &event, "--out", &path("kopie.png")]));
    outputs.insert("person export", d(&["person", "export", &anna, "--out", &path("inzage.pdf")]));
    outputs.insert("notice add", d(&["notice", "add", "--group", "G", "--purpose", "information", "--channel", "newsletter", "--text", "Sfeerbeelden"]));
    let imported = d(&["photo", "import", photo_file.to_str().unwrap()]);
    let photo = imported[0]["id"].to_string();
    outputs.insert("photo import", imported);
    d(&["photo", "set", &photo, "--type", "individual", "--posed"]);
    d(&["photo", "tag", &photo, "--person", &anna, "--box", "10,10,50,50"]);
    outputs.insert("photo check", d(&["photo", "check", &photo, "--channel", "newsletter", "--purpose", "information", "--date", "2026-09-15"]));
    let group_file = o.file("groep.png", &std::fs::read(images::group_photo()).expect("the group photo"));
    let group = d(&["photo", "import", group_file.to_str().unwrap()])[0]["id"].to_string();
    outputs.insert("photo faces", d(&["photo", "faces", &group]));
    outputs.insert("photo faces scan", d(&["photo", "faces", "scan", "--all"]));
    outputs.insert("photo faces suggestions", d(&["photo", "faces", "suggestions"]));
    outputs.insert("photo faces exclude", d(&["photo", "faces", "exclude", &bram]));
    outputs.insert(
        "publication add",
        d(&["publication", "add", &photo, "--channel", "newsletter", "--purpose", "information", "--where", "Nieuwsbrief", "--date", "2026-09-15"]),
    );
    d(&["consent", "withdraw", "--person", &anna, "--all", "--given-by", "Marieke", "--date", "2026-10-01"]);
    outputs.insert("takedown list", d(&["takedown", "list"]));
    outputs.insert("form print", d(&["form", "print", "1", "--out", &path("formulier.pdf")]));
    outputs.insert("dossier", d(&["dossier", &anna, "--out", &path("dossier.pdf")]));
    outputs.insert("reconsent list", d(&["reconsent", "list"]));
    outputs.insert("reconsent print", d(&["reconsent", "print", "--out", &path("lijst.pdf"), "--forms", &path("formulieren.pdf")]));
    outputs.insert("measures", d(&["measures", "--out", &path("maatregelen.pdf")]));
    outputs.insert("logo", d(&["logo", logo.to_str().unwrap()]));
    outputs.insert("audit verify", d(&["audit", "verify", "--person", &bram]));
    outputs.insert("audit log", d(&["audit", "log", "--limit", "5"]));
    outputs.insert("dossier photos", d(&["dossier", "photos", &anna, "--out", &path("mee")]));
    d(&["person", "leave", &anna, "--date", "2026-10-02"]);
    outputs.insert("dossier batch", d(&["dossier", "batch", "--left-from", "2026-10-01", "--left-to", "2026-10-31", "--out", &path("batch")]));
    outputs.insert("retention settings", d(&["retention", "settings", "--untagged-years", "3"]));
    d(&["person", "leave", &bram, "--date", "2019-07-31"]);
    outputs.insert("retention run", d(&["retention", "run", "--dry-run", "--date", "2025-01-01"]));
    outputs.insert("key sheet", d(&["key", "sheet", "--out", &path("herstelblad.pdf")]));
    outputs.insert("backup create", d(&["backup", "create", &path("kopie.bkb")]));
    outputs.insert("backup verify", d(&["backup", "verify", &path("kopie.bkb")]));
    let restored = o.path().join("hersteld");
    let restore = std::process::Command::new(assert_cmd::cargo::cargo_bin("beeldakkoord"))
        .env("BEELDAKKOORD_PASSWORD", support::PASSWORD)
        .env_remove("BEELDAKKOORD_USER")
        .args(["--json", "--data-dir", restored.to_str().unwrap(), "backup", "restore", &path("kopie.bkb")])
        .output()
        .unwrap();
    outputs.insert("backup restore", serde_json::from_slice(&restore.stdout).expect("backup restore prints JSON"));
    let fresh = Office::new();
    outputs
        .insert("init", fresh.json(&["init", "--org", "Nieuw", "--jurisdiction", "nl", "--recovery-sheet", fresh.path().join("blad.pdf").to_str().unwrap()]));
    let code = support::recovery_code(&fresh.path().join("blad.pdf"));
    let recovered = fresh
        .std_cmd()
        .env("BEELDAKKOORD_RECOVERY_CODE", &code)
        .env("BEELDAKKOORD_NEW_PASSWORD", "een nieuw wachtwoord voor beheer")
        .args(["--json", "key", "recover", "--user", "admin"])
        .output()
        .unwrap();
    outputs.insert("key recover", serde_json::from_slice(&recovered.stdout).expect("key recover prints JSON"));

    let documented = documented();
    assert!(documented.len() >= 18, "the README's command block was not found whole: {documented:?}");
    for (cmd, shape) in &documented {
        let value = outputs.get(cmd.as_str()).unwrap_or_else(|| panic!("`{cmd}` is documented with output but not run here: add it"));
        let object = match value {
            Value::Array(items) => items.first().unwrap_or_else(|| panic!("`{cmd}` gave an empty list; give it data")),
            other => other,
        };
        for key in keys(shape) {
            assert!(object.get(&key).is_some(), "`{cmd}`: the README shows \"{key}\", the output lacks it: {object}");
        }
    }
}

#[test]
fn shapes_are_read_as_written() {
    assert_eq!(keys(r#"{"id": N}"#), ["id"]);
    assert_eq!(keys(r#"[{"id": N, "hash": "...", "new": true|false}]"#), ["id", "hash", "new"]);
    assert_eq!(keys(r#"{"person": ID, "items": [{"item": "...", "status": "x"}], "at": "..."}"#), ["person", "items", "at"]);
}
