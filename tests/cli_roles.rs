//! Every command of the command line, run by an administrator, an office
//! worker, a teacher and a disabled user: refused with `auth.forbidden`
//! (and nothing written) exactly where the role may not, never where it may.
//! The table is checked against the CLI's own definition, so a new command
//! without a row fails here.

mod support;

use std::collections::BTreeSet;

use support::{images, Office, PASSWORD};

const FIRST: &str = "wachtwoord van de beheerder";
const OWN: &str = "mijn eigen lange wachtwoord";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    SignedIn,
    Office,
    Admin,
}

/// Run `args` as `user` (with `password`), `--json`.
fn run_as(o: &Office, user: &str, password: &str, args: &[&str]) -> support::Run {
    let out = o
        .std_cmd()
        .env("BEELDAKKOORD_USER", user)
        .env("BEELDAKKOORD_PASSWORD", password)
        .env("BEELDAKKOORD_NEW_PASSWORD", OWN)
        .arg("--json")
        .args(args)
        .output()
        .expect("run");
    support::Run { out }
}

/// An account added by the administrator whose user chose their own password.
fn account(o: &Office, name: &str, role: &str, groups: &[&str]) {
    let mut args = vec!["user", "add", name, "--role", role];
    for g in groups {
        args.extend(["--group", g]);
    }
    let added = o.std_cmd().env("BEELDAKKOORD_NEW_PASSWORD", FIRST).arg("--json").args(&args).output().expect("run");
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    // The first password was the administrator's: nothing else until the user chose one.
    assert_eq!(run_as(o, name, FIRST, &["person", "list"]).code(), "auth.must_change_password");
    let changed = run_as(o, name, FIRST, &["user", "passwd", name]);
    assert!(changed.ok(), "{}", changed.stderr());
}

/// Leaf commands of the CLI definition, as words ("photo tag", "dossier").
fn leaves(cmd: &clap::Command, prefix: &str, out: &mut BTreeSet<String>) {
    let subs: Vec<_> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    if subs.is_empty() || !prefix.is_empty() && cmd.get_arguments().any(|a| a.is_positional()) {
        out.insert(prefix.trim().to_string());
    }
    for sub in subs {
        leaves(sub, &format!("{prefix} {}", sub.get_name()), out);
    }
}

#[test]
fn every_command_is_refused_exactly_where_the_role_may_not() {
    let o = Office::nl();
    let d = |args: &[&str]| o.json(args);
    d(&["group", "add", "Groep A"]);
    d(&["group", "add", "Groep B"]);
    let anna = d(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2019-03-01", "--group", "Groep A", "--guardian", "Marieke"])["id"]
        .to_string();
    o.consent_yes(&anna, "group/website/information");
    let camera = o.path().join("camera");
    std::fs::create_dir(&camera).unwrap();
    std::fs::write(camera.join("klas.jpg"), images::jpeg(320, 240, 4)).unwrap();
    let photo = d(&["photo", "import", camera.to_str().unwrap()])[0]["id"].to_string();
    let trip = o.path().join("schoolreis");
    std::fs::create_dir(&trip).unwrap();
    std::fs::copy(images::group_photo(), trip.join("groep.png")).unwrap();
    let group_photo = d(&["photo", "import", trip.to_str().unwrap()])[0]["id"].to_string();
    d(&["photo", "set", &photo, "--type", "group"]);
    d(&["photo", "tag", &photo, "--person", &anna, "--box", "10,10,60,60"]);
    let publication =
        d(&["publication", "add", &photo, "--channel", "website", "--purpose", "information", "--where", "Schoolwebsite", "--date", "2026-10-01"])["id"]
            .to_string();
    let form = o.file("f.toml", std::fs::read("tests/fixtures/form-school.toml").expect("fixture").as_slice());
    let roster = o.file("r.csv", b"naam;geboortedatum;groep\nCor;2019-05-01;Groep A\n");
    let logo = o.file("logo.png", &images::png(60, 30));
    let scan = o.file("scan.png", &images::png(200, 280));
    let event = o.json(&["consent", "show", "--person", &anna])["items"]
        .as_array()
        .and_then(|i| i.iter().find_map(|i| i["record"].as_i64()))
        .expect("a record")
        .to_string();
    // One scan kept for `consent scan` to copy, whoever runs it.
    o.json(&["consent", "attach", "--event", &event, scan.to_str().unwrap()]);
    let scan = scan.to_str().unwrap().to_string();
    account(&o, "kantoor", "office", &[]);
    account(&o, "juf", "teacher", &["Groep A"]);
    account(&o, "oud", "office", &[]);
    assert!(o.run(&["user", "disable", "oud"]).ok());
    account(&o, "slachtoffer", "office", &[]);

    let path = |name: &str| o.path().join(name).to_str().unwrap().to_string();
    let dir = |name: &str| {
        let p = o.path().join(name);
        std::fs::create_dir_all(&p).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (roster, form, logo, camera) =
        (roster.to_str().unwrap().to_string(), form.to_str().unwrap().to_string(), logo.to_str().unwrap().to_string(), camera.to_str().unwrap().to_string());
    // (command words, arguments for a run by user number n, who may)
    type Args = Box<dyn Fn(usize) -> Vec<String>>;
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let table: Vec<(&str, Args, Need)> = vec![
        ("user add", Box::new(move |n| s(&["user", "add", &format!("nieuw{n}"), "--role", "office"])), Need::Admin),
        ("user list", Box::new(move |_| s(&["user", "list"])), Need::Admin),
        ("user groups", Box::new(move |_| s(&["user", "groups", "juf", "--group", "Groep A"])), Need::Admin),
        ("user disable", Box::new(move |_| s(&["user", "disable", "slachtoffer"])), Need::Admin),
        ("user link", Box::new(move |_| s(&["user", "link", "slachtoffer", "--none"])), Need::Admin),
        ("user passwd", Box::new(move |_| s(&["user", "passwd", "slachtoffer"])), Need::Admin),
        ("org show", Box::new(move |_| s(&["org", "show"])), Need::SignedIn),
        ("org set", Box::new(move |_| s(&["org", "set", "--idle-lock-minutes", "15"])), Need::Admin),
        ("group add", Box::new(move |n| s(&["group", "add", &format!("Groep {n}{n}")])), Need::Office),
        ("person add", Box::new(move |n| s(&["person", "add", "--name", &format!("Kind {n}"), "--kind", "child"])), Need::Office),
        (
            "person leave",
            {
                let a = anna.clone();
                Box::new(move |_| s(&["person", "leave", &a, "--date", "2027-07-31"]))
            },
            Need::Office,
        ),
        ("person list", Box::new(move |_| s(&["person", "list"])), Need::SignedIn),
        (
            "roster import",
            {
                let r = roster.clone();
                Box::new(move |_| s(&["roster", "import", &r, "--dry-run"]))
            },
            Need::Office,
        ),
        (
            "form import",
            {
                let f = form.clone();
                Box::new(move |_| s(&["form", "import", &f]))
            },
            Need::Office,
        ),
        (
            "form export",
            {
                let p = path("export.toml");
                Box::new(move |_| s(&["form", "export", "1", "--out", &p, "--force"]))
            },
            Need::Office,
        ),
        ("form list", Box::new(move |_| s(&["form", "list"])), Need::Office),
        ("form activate", Box::new(move |_| s(&["form", "activate", "1"])), Need::Office),
        ("form deactivate", Box::new(move |_| s(&["form", "deactivate", "2"])), Need::Office),
        ("form show", Box::new(move |_| s(&["form", "show", "1"])), Need::Office),
        (
            "form print",
            {
                let p = path("formulier.pdf");
                Box::new(move |_| s(&["form", "print", "1", "--out", &p, "--force"]))
            },
            Need::Office,
        ),
        (
            "consent record",
            {
                let a = anna.clone();
                Box::new(move |_| {
                    s(&[
                        "consent",
                        "record",
                        "--person",
                        &a,
                        "--form",
                        "1",
                        "--answer",
                        "group/newsletter/information=yes",
                        "--given-by",
                        "Marieke",
                        "--method",
                        "paper",
                    ])
                })
            },
            Need::Office,
        ),
        (
            "consent withdraw",
            {
                let a = anna.clone();
                Box::new(move |_| s(&["consent", "withdraw", "--person", &a, "--item", "group/newsletter/information", "--given-by", "Marieke"]))
            },
            Need::SignedIn,
        ),
        (
            "consent show",
            {
                let a = anna.clone();
                Box::new(move |_| s(&["consent", "show", "--person", &a]))
            },
            Need::SignedIn,
        ),
        (
            "consent attach",
            {
                let (e, f) = (event.clone(), scan.clone());
                Box::new(move |_| s(&["consent", "attach", "--event", &e, &f]))
            },
            Need::Office,
        ),
        (
            "consent scan",
            {
                let (e, p) = (event.clone(), path("kopie-scan.png"));
                Box::new(move |_| s(&["consent", "scan", "--event", &e, "--out", &p, "--force"]))
            },
            Need::Office,
        ),
        (
            "person export",
            {
                let (a, p) = (anna.clone(), path("inzage.pdf"));
                Box::new(move |_| s(&["person", "export", &a, "--out", &p, "--force"]))
            },
            Need::Office,
        ),
        (
            "notice add",
            Box::new(move |_| {
                s(&["notice", "add", "--group", "Groep A", "--purpose", "information", "--channel", "website", "--text", "Sfeerbeelden van de sportdag."])
            }),
            Need::Office,
        ),
        (
            "photo import",
            {
                let c = camera.clone();
                Box::new(move |_| s(&["photo", "import", &c]))
            },
            Need::SignedIn,
        ),
        (
            "photo set",
            {
                let p = photo.clone();
                Box::new(move |_| s(&["photo", "set", &p, "--type", "group"]))
            },
            Need::SignedIn,
        ),
        (
            "photo tag",
            {
                let (p, a) = (photo.clone(), anna.clone());
                Box::new(move |_| s(&["photo", "tag", &p, "--person", &a, "--box", "10,10,60,60"]))
            },
            Need::SignedIn,
        ),
        (
            "photo untag",
            {
                let p = photo.clone();
                Box::new(move |_| s(&["photo", "untag", &p, "--person", "999999"]))
            },
            Need::SignedIn,
        ),
        (
            "photo check",
            {
                let p = photo.clone();
                Box::new(move |_| s(&["photo", "check", &p, "--channel", "website", "--purpose", "information"]))
            },
            Need::SignedIn,
        ),
        (
            "photo faces",
            {
                let p = group_photo.clone();
                Box::new(move |_| s(&["photo", "faces", &p]))
            },
            Need::SignedIn,
        ),
        ("photo faces scan", Box::new(move |_| s(&["photo", "faces", "scan"])), Need::SignedIn),
        (
            "photo faces unknown",
            {
                let p = group_photo.clone();
                Box::new(move |n| s(&["photo", "faces", "unknown", &p, "--face", &(1 + n % 20).to_string()]))
            },
            Need::SignedIn,
        ),
        (
            "photo faces dismiss",
            {
                let p = group_photo.clone();
                Box::new(move |n| s(&["photo", "faces", "dismiss", &p, "--face", &(1 + n % 20).to_string(), "--reason", "not-recognisable"]))
            },
            Need::SignedIn,
        ),
        (
            "photo faces reopen",
            {
                let p = group_photo.clone();
                Box::new(move |n| s(&["photo", "faces", "reopen", &p, "--face", &(1 + n % 20).to_string()]))
            },
            Need::SignedIn,
        ),
        ("photo faces suggestions", Box::new(move |_| s(&["photo", "faces", "suggestions", "--off"])), Need::Admin),
        (
            "photo faces exclude",
            {
                let a = anna.clone();
                Box::new(move |_| s(&["photo", "faces", "exclude", &a]))
            },
            Need::Office,
        ),
        (
            "photo export",
            {
                let (p, out) = (photo.clone(), path("export.jpg"));
                Box::new(move |_| s(&["photo", "export", &p, "--channel", "website", "--purpose", "information", "--out", &out, "--force"]))
            },
            Need::SignedIn,
        ),
        (
            "publication add",
            {
                let p = photo.clone();
                Box::new(move |n| s(&["publication", "add", &p, "--channel", "website", "--purpose", "information", "--where", &format!("Nieuwsbrief {n}")]))
            },
            Need::SignedIn,
        ),
        (
            "publication remove",
            {
                let p = publication.clone();
                Box::new(move |_| s(&["publication", "remove", &p]))
            },
            Need::SignedIn,
        ),
        ("takedown list", Box::new(move |_| s(&["takedown", "list"])), Need::SignedIn),
        (
            "dossier",
            {
                let (a, out) = (anna.clone(), path("dossier.pdf"));
                Box::new(move |_| s(&["dossier", &a, "--out", &out, "--force"]))
            },
            Need::Office,
        ),
        (
            "dossier batch",
            {
                let out = dir("batch");
                Box::new(move |_| s(&["dossier", "batch", "--left-from", "2026-01-01", "--left-to", "2026-12-31", "--out", &out, "--force"]))
            },
            Need::Office,
        ),
        (
            "dossier photos",
            {
                let (a, out) = (anna.clone(), dir("thuis"));
                Box::new(move |_| s(&["dossier", "photos", &a, "--out", &out, "--force"]))
            },
            Need::Office,
        ),
        ("reconsent list", Box::new(move |_| s(&["reconsent", "list"])), Need::Office),
        (
            "reconsent print",
            {
                let out = path("opnieuw.pdf");
                Box::new(move |_| s(&["reconsent", "print", "--out", &out, "--force"]))
            },
            Need::Office,
        ),
        (
            "measures",
            {
                let out = path("maatregelen.pdf");
                Box::new(move |_| s(&["measures", "--out", &out, "--force"]))
            },
            Need::Office,
        ),
        (
            "logo",
            {
                let l = logo.clone();
                Box::new(move |_| s(&["logo", &l]))
            },
            Need::Admin,
        ),
        (
            "key sheet",
            {
                let out = path("herstelblad.pdf");
                Box::new(move |_| s(&["key", "sheet", "--out", &out, "--force"]))
            },
            Need::Admin,
        ),
        (
            "backup create",
            {
                let out = path("kopie.bkb");
                Box::new(move |_| s(&["backup", "create", &out, "--force"]))
            },
            Need::Office,
        ),
        ("retention settings", Box::new(move |_| s(&["retention", "settings"])), Need::Admin),
        ("retention run", Box::new(move |_| s(&["retention", "run", "--dry-run"])), Need::Admin),
        ("retention skip-dossier", Box::new(move |_| s(&["retention", "skip-dossier", "1", "--reason", "dossier in het archief"])), Need::Admin),
        ("audit verify", Box::new(move |_| s(&["audit", "verify"])), Need::Office),
        ("today", Box::new(move |_| s(&["today"])), Need::SignedIn),
        // No teacher's withdrawal waits: those who may get `nothing_to_confirm`.
        ("consent confirm", Box::new(move |_| s(&["consent", "confirm", "--event", "1"])), Need::Office),
        ("audit log", Box::new(move |_| s(&["audit", "log", "--limit", "5"])), Need::Admin),
    ];

    // The table covers the whole CLI (but `init` and `key recover`, which nobody is signed in for).
    let mut defined = BTreeSet::new();
    leaves(&beeldakkoord_app::cli::command(), "", &mut defined);
    defined.remove("init");
    defined.remove("key recover");
    defined.remove("backup verify");
    defined.remove("backup restore");
    let listed: BTreeSet<String> = table.iter().map(|(c, _, _)| c.to_string()).collect();
    assert_eq!(defined, listed, "every command needs a row in this table");

    let users = [("admin", PASSWORD, Some(Need::Admin)), ("kantoor", OWN, Some(Need::Office)), ("juf", OWN, Some(Need::SignedIn)), ("oud", OWN, None)];
    let mut cells = 0;
    let mut wrong = Vec::new();
    for (n, (words, args, need)) in table.iter().enumerate() {
        for (user, password, level) in users {
            cells += 1;
            let args = args(n);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let before = o.snapshot();
            let run = run_as(&o, user, password, &args);
            let may = level.is_some_and(|l| match need {
                Need::SignedIn => true,
                Need::Office => l != Need::SignedIn,
                Need::Admin => l == Need::Admin,
            });
            let code = if run.ok() { String::new() } else { run.code() };
            let fine = match (level, may) {
                (None, _) => code == "auth.disabled",
                (Some(_), false) => code == "auth.forbidden" && o.snapshot() == before && run.message().contains("admin"),
                (Some(_), true) => !matches!(code.as_str(), "auth.forbidden" | "auth.disabled" | "auth.required" | "auth.must_change_password"),
            };
            if !fine {
                wrong.push(format!("{words} as {user}: {code} {}", run.message()));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {cells} cells wrong:\n{}", wrong.len(), wrong.join("\n"));
    println!("{cells} cells: {} commands x 4 users", table.len());
}
