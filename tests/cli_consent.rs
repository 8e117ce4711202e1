//! Scenario tests of the command line: set up, people, forms and consent.

mod support;

use support::Office;

/// The built-in Dutch form (kinderopvang/basisschool) is form 1.
const WEB: &str = "group/website/information";
const SOCIAL: &str = "group/social/information";
const NEWS: &str = "group/newsletter/information";

fn child(o: &Office, name: &str, birth: &str, guardian: &str) -> i64 {
    o.id(&["person", "add", "--name", name, "--kind", "child", "--birth-date", birth, "--guardian", guardian])
}

#[test]
fn init_once_and_only_once() {
    let o = Office::new();
    let v = o.json(&["init", "--org", "Kinderopvang Het Nest", "--jurisdiction", "nl"]);
    assert_eq!(v["organisation"]["consent_age"], 16);
    let before = o.snapshot();
    let again = o.run(&["init", "--org", "Ander", "--jurisdiction", "be-vl"]);
    assert_eq!(again.code(), "setup.already_initialised");
    assert_eq!(o.snapshot(), before);
    // Flemish defaults: own consent from 12; explicit ages outside 12..=18 refused.
    let vl = Office::new();
    assert_eq!(vl.json(&["init", "--org", "GO! school", "--jurisdiction", "be-vl"])["organisation"]["consent_age"], 12);
    let bad = Office::new();
    assert_eq!(bad.run(&["init", "--org", "X", "--jurisdiction", "nl", "--consent-age", "9"]).code(), "setup.consent_age");
    assert_eq!(bad.run(&["init", "--org", "X", "--jurisdiction", "fr"]).code(), "setup.jurisdiction");
    assert_eq!(bad.run(&["init", "--org", "X", "--jurisdiction", "nl", "--school-year-start", "02-29"]).code(), "date.month_day");
}

#[test]
fn login_is_required_and_checked() {
    let o = Office::nl();
    let out = o.cmd().args(["--json", "person", "list"]).env_remove("BEELDAKKOORD_PASSWORD").output().unwrap();
    assert_eq!(support::Run { out }.code(), "auth.no_password");
    let out = o.cmd().args(["--json", "person", "list"]).env("BEELDAKKOORD_PASSWORD", "wrong password").output().unwrap();
    assert_eq!(support::Run { out }.code(), "auth.failed");
    let out = o.cmd().args(["--json", "person", "list"]).env("BEELDAKKOORD_USER", "nobody").output().unwrap();
    assert_eq!(support::Run { out }.code(), "auth.failed");
    // A folder without data is not set up by accident: nothing is created.
    let fresh = Office::new();
    assert_eq!(fresh.run(&["person", "list"]).code(), "store.no_data");
    assert!(!fresh.data().exists());
}

#[test]
fn people_and_groups() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 3"]);
    assert_eq!(o.run(&["group", "add", "groep  3"]).code(), "group.exists");
    let before = o.snapshot();
    let r = o.run(&["person", "add", "--name", "Anna", "--kind", "child", "--group", "Groep 9"]);
    assert_eq!(r.code(), "group.unknown");
    assert_eq!(o.snapshot(), before, "a failed add changes nothing");
    assert_eq!(o.run(&["person", "add", "--name", "Anna", "--kind", "kat"]).code(), "person.kind");
    assert_eq!(o.run(&["person", "add", "--name", "  ", "--kind", "child"]).code(), "input.name_empty");
    assert_eq!(o.run(&["person", "add", "--name", "Juf Ans", "--kind", "staff", "--guardian", "X"]).code(), "person.guardian_for_staff");
    assert_eq!(o.run(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2019-02-30"]).code(), "date.malformed");
    assert_eq!(o.run(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2999-01-01"]).code(), "date.out_of_range");
    assert_eq!(o.run(&["person", "add", "--name", "Anna", "--kind", "child", "--birth-date", "2099-01-01"]).code(), "date.in_future");

    let anna = o.id(&[
        "person",
        "add",
        "--name",
        "Anna de Vries",
        "--kind",
        "child",
        "--birth-date",
        "03-04-2019",
        "--group",
        "Groep 3",
        "--guardian",
        "Marieke de Vries",
        "--guardian",
        "Joost de Vries",
    ]);
    let ans = o.id(&["person", "add", "--name", "Ans Bakker", "--kind", "staff"]);
    let list = o.json(&["person", "list", "--group", "Groep 3"]);
    let ids: Vec<i64> = list.as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [anna]);
    assert_eq!(list[0]["birth_date"], "2019-04-03");
    assert_eq!(o.json(&["person", "list"]).as_array().unwrap().len(), 2);
    assert_eq!(o.run(&["person", "list", "--group", "Nergens"]).code(), "group.unknown");

    o.json(&["person", "leave", &anna.to_string(), "--date", "2026-07-10"]);
    let everyone = o.json(&["person", "list"]);
    // By surname: Ans Bakker before Anna de Vries.
    assert_eq!(everyone[0]["id"], ans);
    assert_eq!(everyone[1]["leave_date"], "2026-07-10");
    assert_eq!(o.run(&["person", "leave", &anna.to_string(), "--date", "2010-01-01"]).code(), "person.leave_before_birth");
    assert_eq!(o.run(&["person", "leave", "999", "--date", "2026-01-01"]).code(), "person.unknown");
    assert_eq!(o.run(&["person", "leave", "abc", "--date", "2026-01-01"]).code(), "input.number");
}

#[test]
fn specific_consent_change_and_withdrawal_keep_full_history() {
    let o = Office::nl();
    let anna = child(&o, "Anna de Vries", "2019-04-03", "Marieke de Vries");
    let p = anna.to_string();
    let rec = o.json(&[
        "consent",
        "record",
        "--person",
        &p,
        "--form",
        "1",
        "--answer",
        &format!("{WEB}=yes"),
        "--answer",
        &format!("{NEWS}=yes"),
        "--answer",
        &format!("{SOCIAL}=no"),
        "--given-by",
        "Marieke de Vries",
        "--method",
        "paper",
        "--date",
        "2025-09-01",
    ]);
    let first = rec["record"].as_i64().unwrap();

    // Yes for the website is not yes for social media; unanswered is no.
    let at = "2025-10-01";
    assert_eq!(o.status(anna, at, WEB), "granted");
    assert_eq!(o.status(anna, at, SOCIAL), "denied");
    assert_eq!(o.status(anna, at, "individual/internal/information"), "denied");
    assert_eq!(o.status(anna, "2025-08-31", WEB), "none");
    let show = o.json(&["consent", "show", "--person", &p, "--at", at]);
    let web = show["items"].as_array().unwrap().iter().find(|i| i["item"] == WEB).unwrap().clone();
    assert_eq!(web["record"].as_i64(), Some(first));
    assert_eq!(web["form_version"], 1);
    assert_eq!(web["valid_until"], "2026-07-31");

    // Changing an answer is a new event; the earlier one still decides the past.
    o.json(&[
        "consent",
        "record",
        "--person",
        &p,
        "--form",
        "1",
        "--answer",
        &format!("{SOCIAL}=yes"),
        "--answer",
        &format!("{WEB}=yes"),
        "--given-by",
        "marieke de vries",
        "--method",
        "digital",
        "--date",
        "2025-11-01",
    ]);
    assert_eq!(o.status(anna, "2025-10-31", SOCIAL), "denied");
    assert_eq!(o.status(anna, "2025-11-01", SOCIAL), "granted");
    assert_eq!(o.status(anna, "2025-11-01", NEWS), "denied", "the new form answered newsletter with no");

    // Withdraw one item: effective at once, the rest stays.
    o.json(&["consent", "withdraw", "--person", &p, "--item", SOCIAL, "--given-by", "Marieke de Vries", "--date", "2025-12-01"]);
    assert_eq!(o.status(anna, "2025-12-01", SOCIAL), "withdrawn");
    assert_eq!(o.status(anna, "2025-12-01", WEB), "granted");
    assert_eq!(o.status(anna, "2025-11-30", SOCIAL), "granted");

    // Withdrawing what is not granted is refused and changes nothing.
    let before = o.snapshot();
    assert_eq!(
        o.run(&["consent", "withdraw", "--person", &p, "--item", SOCIAL, "--given-by", "Marieke de Vries", "--date", "2025-12-02"]).code(),
        "consent.nothing_to_withdraw"
    );
    assert_eq!(
        o.run(&["consent", "withdraw", "--person", &p, "--item", NEWS, "--given-by", "Marieke de Vries", "--date", "2025-12-02"]).code(),
        "consent.nothing_to_withdraw"
    );
    assert_eq!(o.snapshot(), before);

    // Withdraw everything.
    o.json(&["consent", "withdraw", "--person", &p, "--all", "--given-by", "Marieke de Vries", "--date", "2026-01-05"]);
    assert!(o.statuses(anna, "2026-01-05").iter().all(|(_, s)| s != "granted"));
    assert_eq!(
        o.run(&["consent", "withdraw", "--person", &p, "--all", "--given-by", "Marieke de Vries", "--date", "2026-01-06"]).code(),
        "consent.nothing_to_withdraw"
    );

    // The school year ends; consent given on 2025-09-01 is expired from 2026-08-01.
    let p2 = child(&o, "Bram Jansen", "2018-01-01", "Els Jansen");
    o.json(&[
        "consent",
        "record",
        "--person",
        &p2.to_string(),
        "--form",
        "1",
        "--answer",
        &format!("{WEB}=yes"),
        "--given-by",
        "Els Jansen",
        "--method",
        "paper",
        "--date",
        "2025-09-01",
    ]);
    assert_eq!(o.status(p2, "2026-07-31", WEB), "granted");
    assert_eq!(o.status(p2, "2026-08-01", WEB), "expired");
}

#[test]
fn who_may_consent_depends_on_age_on_that_date() {
    let o = Office::nl();
    // Turns 16 on 2026-05-17.
    let teen = child(&o, "Sam Peeters", "2010-05-17", "Lotte Peeters");
    let p = teen.to_string();
    let record = |by: &str, date: &str| {
        o.run(&["consent", "record", "--person", &p, "--form", "1", "--answer", &format!("{WEB}=yes"), "--given-by", by, "--method", "paper", "--date", date])
    };
    let before = o.snapshot();
    assert_eq!(record("Sam Peeters", "2026-05-16").code(), "consent.guardian_required");
    assert_eq!(record("Lotte Peeters", "2026-05-17").code(), "consent.self_required");
    assert_eq!(record("Buurvrouw", "2026-05-16").code(), "consent.guardian_required");
    assert_eq!(o.snapshot(), before);
    assert!(record("Lotte Peeters", "2026-05-16").ok());
    assert!(record("Sam Peeters", "2026-05-17").ok());
    // Withdrawal: the guardian may still withdraw after the child decides alone, and so may the child.
    assert!(o.run(&["consent", "withdraw", "--person", &p, "--item", WEB, "--given-by", "Lotte Peeters", "--date", "2026-06-01"]).ok());
    assert_eq!(
        o.run(&["consent", "withdraw", "--person", &p, "--all", "--given-by", "Onbekend", "--date", "2026-06-02"]).code(),
        "consent.not_guardian_or_self"
    );

    // Staff consent for themselves only, on the staff form (form 3); never on a children's form.
    let staff = o.id(&["person", "add", "--name", "Ans Bakker", "--kind", "staff"]).to_string();
    assert_eq!(
        o.run(&["consent", "record", "--person", &staff, "--form", "3", "--answer", &format!("{WEB}=yes"), "--given-by", "De directeur", "--method", "paper"])
            .code(),
        "consent.self_required"
    );
    assert_eq!(
        o.run(&["consent", "record", "--person", &staff, "--form", "1", "--answer", &format!("{WEB}=yes"), "--given-by", "Ans Bakker", "--method", "digital"])
            .code(),
        "consent.form_audience"
    );
    assert!(o
        .run(&["consent", "record", "--person", &staff, "--form", "3", "--answer", &format!("{WEB}=yes"), "--given-by", "Ans Bakker", "--method", "digital"])
        .ok());

    // A child without a birth date: who consents is unknown, so nothing is stored.
    let nobirth = o.id(&["person", "add", "--name", "Mo", "--kind", "child", "--guardian", "Fatima"]).to_string();
    assert_eq!(
        o.run(&["consent", "record", "--person", &nobirth, "--form", "1", "--answer", &format!("{WEB}=yes"), "--given-by", "Fatima", "--method", "paper"])
            .code(),
        "consent.birth_date_needed"
    );
}

#[test]
fn bad_consent_input_is_refused_and_changes_nothing() {
    let o = Office::nl();
    let anna = child(&o, "Anna", "2019-04-03", "Marieke");
    let p = anna.to_string();
    let before = o.snapshot();
    let rec = |extra: &[&str]| {
        let mut args = vec!["consent", "record", "--person", &p, "--form", "1", "--given-by", "Marieke", "--method", "paper"];
        args.extend_from_slice(extra);
        o.run(&args)
    };
    assert_eq!(rec(&["--answer", "group/tiktok/information=yes"]).code(), "consent.unknown_item");
    assert_eq!(rec(&["--answer", "group/website=yes"]).code(), "consent.unknown_item");
    assert_eq!(rec(&["--answer", &format!("{WEB}=misschien")]).code(), "consent.bad_answer");
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--answer", &format!("{WEB}=no")]).code(), "consent.answered_twice");
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--date", "2026-02-30"]).code(), "date.malformed");
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--date", "1850-01-01"]).code(), "date.out_of_range");
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--date", "2100-01-01"]).code(), "date.in_future");
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--date", "2019-01-01"]).code(), "consent.before_birth");
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--version", "7"]).code(), "form.unknown_version");
    assert_eq!(o.run(&["consent", "record", "--person", &p, "--form", "99", "--given-by", "Marieke", "--method", "paper"]).code(), "form.unknown");
    assert_eq!(o.run(&["consent", "record", "--person", "4242", "--form", "1", "--given-by", "Marieke", "--method", "paper"]).code(), "person.unknown");
    assert_eq!(o.run(&["consent", "record", "--person", &p, "--form", "1", "--given-by", "Marieke", "--method", "fax"]).code(), "consent.method");
    // "kiosk" is the desk's own method, with a drawn signature: not typed in.
    let web = format!("{WEB}=yes");
    assert_eq!(
        o.run(&["consent", "record", "--person", &p, "--form", "1", "--answer", &web, "--given-by", "Marieke", "--method", "kiosk"]).code(),
        "consent.desk_only"
    );
    assert_eq!(o.snapshot(), before);
    // After leaving, no new consent can be dated later.
    o.json(&["person", "leave", &p, "--date", "2025-07-01"]);
    assert_eq!(rec(&["--answer", &format!("{WEB}=yes"), "--date", "2025-07-02"]).code(), "consent.after_leaving");
}

#[test]
fn messages_follow_the_language() {
    let o = Office::nl();
    let nl = o.run(&["person", "add", "--name", "A", "--kind", "child", "--group", "Vlinders"]);
    assert!(nl.message().contains("bestaat niet"), "{}", nl.message());
    let en = o.run(&["--lang", "en", "person", "add", "--name", "A", "--kind", "child", "--group", "Vlinders"]);
    assert!(en.message().contains("does not exist"), "{}", en.message());
    // Usage errors are translated too, and plain (non-JSON) errors are one line on stderr.
    let out = o.cmd().args(["--lang", "en", "person", "add", "--kind", "child"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.starts_with("Something is missing: --name") && err.trim_end().lines().count() == 1, "{err}");
}

#[test]
fn forms_import_export_show_list() {
    let o = Office::nl();
    let src = include_str!("fixtures/form-school.toml");
    let f = o.file("form.toml", src.as_bytes());
    let r = o.json(&["form", "import", f.to_str().unwrap()]);
    let id = r["form"].as_i64().unwrap();
    assert_eq!(r["version"], 1);
    let out = o.path().join("export.toml");
    o.json(&["form", "export", &id.to_string(), "--out", out.to_str().unwrap()]);
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(exported.contains("class/social/promotion"));
    // The exported file imports as an identical form.
    let again = o.json(&["form", "import", out.to_str().unwrap()]);
    let a = o.json(&["form", "show", &id.to_string()]);
    let b = o.json(&["form", "show", &again["form"].to_string()]);
    assert_eq!(a["content"], b["content"]);
    assert!(a["content"]["text"].as_str().unwrap().contains("Beste ouder"));
    let list = o.json(&["form", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 6, "four built-in forms (children and staff, NL and Flanders) and two imported");

    let bad = o.file("bad.toml", src.replace("class/social/promotion", "class/tiktok/promotion").as_bytes());
    let before = o.snapshot();
    assert_eq!(o.run(&["form", "import", bad.to_str().unwrap()]).code(), "form.unknown_key");
    assert_eq!(o.run(&["form", "import", "/nonexistent/form.toml"]).code(), "file.not_found");
    assert_eq!(o.snapshot(), before);
    assert_eq!(o.run(&["form", "export", &id.to_string(), "--out", "/nonexistent/dir/x.toml"]).code(), "file.no_folder");
    assert_eq!(o.run(&["form", "show", "77"]).code(), "form.unknown");
}

/// `audit verify` after a change with an outside SQLite tool: the report on
/// stdout names the table and row, the exit code and `audit.broken` say it
/// failed; an untouched trail verifies. `audit log` shows who did what.
#[test]
fn audit_verify_names_a_row_changed_outside_and_the_log_shows_who_did_what() {
    let o = Office::nl();
    let anna = child(&o, "Anna", "2019-05-01", "Marieke").to_string();
    o.consent_yes(&anna, WEB);
    let intact = o.run(&["audit", "verify"]);
    assert!(intact.ok(), "{}", intact.stderr());
    assert_eq!(intact.json()["ok"], true);
    assert!(intact.json()["rows"].as_u64().unwrap() > 5);

    let log = o.json(&["audit", "log", "--person", &anna]);
    let actions: Vec<&str> = log["entries"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["consent.record", "person.add"]);
    assert_eq!(log["entries"][0]["person_name"], "Anna");
    assert_eq!(o.run(&["audit", "log", "--since", "2026-02-30"]).code(), "date.malformed");
    assert_eq!(o.run(&["audit", "log", "--limit", "0"]).code(), "input.number");

    let conn = support::raw(&o.data());
    conn.execute_batch(&format!("DROP TRIGGER consent_answers_no_update; UPDATE consent_answers SET answer = 'no' WHERE item = '{WEB}';")).unwrap();
    drop(conn);
    let broken = o.run(&["audit", "verify"]);
    assert!(!broken.ok());
    assert_eq!(broken.code(), "audit.broken");
    let report: serde_json::Value = serde_json::from_str(&broken.stdout()).expect("the report is printed before the failure");
    assert_eq!(report["ok"], false);
    assert_eq!(report["table"], "consent_answers");
    assert_eq!(report["key"], format!("1/{WEB}"));
    assert_eq!(report["row"], 1);
    assert_eq!(report["problem"], "changed");
    assert!(broken.message().contains("consent_answers"), "{}", broken.message());
}

/// Rule 3's choice on the command line: shown, set, a wrong word refused and nothing changed.
#[test]
fn how_long_a_guardians_answer_counts_is_the_organisations_choice() {
    let o = Office::nl();
    assert_eq!(o.json(&["org", "show"])["guardian_consent"], "until-school-year-end");
    let before = o.state();
    assert_eq!(o.run(&["org", "set", "--guardian-consent", "forever"]).code(), "cli.usage");
    assert_eq!(o.state(), before, "a refused setting changes nothing");
    assert_eq!(o.json(&["org", "set", "--guardian-consent", "until-own-answer"])["guardian_consent"], "until-own-answer");
    let text = support::Run { out: o.cmd().args(["--lang", "en", "org", "show"]).output().unwrap() }.stdout();
    assert!(text.contains("what parents said before counts after that until their own answer is recorded"), "{text}");
}

/// Both guardians on one form: `--given-by` repeated, the organisation's
/// rule for a "yes", withdrawal by either alone, and the dossier naming
/// everyone who signed.
#[test]
fn two_signers_the_one_or_both_rule_and_withdrawal_by_either() {
    let o = Office::nl();
    let kid = o.id(&[
        "person",
        "add",
        "--name",
        "Noor Bakker",
        "--kind",
        "child",
        "--birth-date",
        "2019-04-02",
        "--guardian",
        "Ilse Bakker",
        "--guardian",
        "Ruud Bakker",
    ]);
    let k = kid.to_string();
    let web = format!("{WEB}=yes");
    let record = |by: &[&str]| {
        let mut args = vec!["consent", "record", "--person", &k, "--form", "1", "--answer", &web, "--method", "paper", "--date", "2026-09-01"];
        for b in by {
            args.extend(["--given-by", b]);
        }
        o.run(&args)
    };
    assert_eq!(o.json(&["org", "show"])["signatures_for_yes"], "one");
    assert_eq!(o.run(&["org", "set", "--signatures-for-yes", "all"]).code(), "cli.usage");
    assert_eq!(o.json(&["org", "set", "--signatures-for-yes", "both"])["signatures_for_yes"], "both");
    let text = support::Run { out: o.cmd().args(["org", "show"]).output().unwrap() }.stdout();
    assert!(text.contains("Beide ouders/voogden tekenen voor een 'ja'; intrekken kan één van hen alleen"), "{text}");

    let before = o.state();
    let one = record(&["Ilse Bakker"]);
    assert_eq!(one.code(), "consent.second_signature");
    assert!(one.message().contains("Ruud Bakker"), "{}", one.message());
    assert_eq!(record(&["Ilse Bakker", "Ilse Bakker"]).code(), "consent.signed_twice");
    assert_eq!(record(&["Ilse Bakker", "Buurman"]).code(), "consent.not_guardian_or_self");
    assert_eq!(o.state(), before, "refused signatures change nothing");

    record(&["Ilse Bakker", "Ruud Bakker"]).json();
    assert_eq!(o.status(kid, "2026-09-02", WEB), "granted");
    o.json(&["consent", "withdraw", "--person", &k, "--all", "--given-by", "Ruud Bakker", "--date", "2026-10-01"]);
    assert_eq!(o.status(kid, "2026-10-02", WEB), "withdrawn");

    let out = o.path().join("dossier-noor.pdf");
    o.json(&["dossier", &k, "--out", out.to_str().unwrap()]);
    let text = std::process::Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Getekend door"), "{text}");
    assert!(text.contains("Ilse Bakker (ouder/voogd), Ruud Bakker (ouder/voogd)"), "{text}");
}

/// Whether leaving ends consent: on by default, switched off and on, a
/// wrong word refused with nothing changed.
#[test]
fn leaving_ends_consent_is_the_organisations_choice() {
    let o = Office::nl();
    assert_eq!(o.json(&["org", "show"])["leaving_ends_consent"], true);
    let before = o.state();
    assert_eq!(o.run(&["org", "set", "--leaving-ends-consent", "maybe"]).code(), "cli.usage");
    assert_eq!(o.state(), before, "a refused setting changes nothing");
    assert_eq!(o.json(&["org", "set", "--leaving-ends-consent", "off"])["leaving_ends_consent"], false);
    let text = support::Run { out: o.cmd().args(["--lang", "en", "org", "show"]).output().unwrap() }.stdout();
    assert!(text.contains("Consent runs on after leaving until the end of its term"), "{text}");
    assert_eq!(o.json(&["org", "set", "--leaving-ends-consent", "on"])["leaving_ends_consent"], true);
}

/// The signed paper as evidence on the command line: a scan attached to
/// its event, copied back out byte for byte, named by hash in the dossier,
/// a changed file found by `audit verify`; files that are no scan refused
/// with nothing changed.
#[test]
fn a_scan_of_the_signed_form_is_kept_printed_and_checked() {
    let o = Office::nl();
    let kid = child(&o, "Noor Bakker", "2019-04-02", "Ilse Bakker");
    let k = kid.to_string();
    let web = format!("{WEB}=yes");
    let event = o.json(&[
        "consent",
        "record",
        "--person",
        &k,
        "--form",
        "1",
        "--answer",
        &web,
        "--given-by",
        "Ilse Bakker",
        "--method",
        "paper",
        "--date",
        "2026-09-01",
    ])["record"]
        .to_string();
    let png = support::images::png(620, 877);
    let scan = o.file("scan formulier.png", &png);
    let sha = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&png))
    };

    // Bad files first: each refused by code, nothing changed.
    let before = o.state();
    let empty = o.file("leeg.jpg", b"");
    let text = o.file("brief.txt", b"Beste ouders,\n");
    let half = o.file("half.png", &png[..png.len() / 3]);
    for (file, code) in [(&empty, "scan.empty"), (&text, "scan.not_a_document"), (&half, "scan.damaged")] {
        let r = o.run(&["consent", "attach", "--event", &event, file.to_str().unwrap()]);
        assert_eq!(r.code(), code, "{}", file.display());
        assert!(!r.message().is_empty());
    }
    assert_eq!(o.run(&["consent", "attach", "--event", "4242", scan.to_str().unwrap()]).code(), "consent.unknown_event");
    assert_eq!(o.run(&["consent", "attach", "--event", &event]).code(), "cli.usage");
    assert_eq!(o.state(), before, "refused scans change nothing");

    let kept = o.json(&["consent", "attach", "--event", &event, scan.to_str().unwrap()]);
    assert_eq!((kept["number"].as_i64(), kept["format"].as_str(), kept["sha256"].as_str()), (Some(1), Some("png"), Some(sha.as_str())));
    let human = support::Run { out: o.cmd().args(["consent", "scan", "--event", &event, "--out", o.path().join("a.png").to_str().unwrap()]).output().unwrap() };
    assert!(human.stdout().contains("Bijlage 1 van gebeurtenis"), "{}", human.stdout());
    assert_eq!(std::fs::read(o.path().join("a.png")).unwrap(), png, "the copy is the scan, byte for byte");
    // An existing file only with --force; a second number that is not there.
    assert_eq!(o.run(&["consent", "scan", "--event", &event, "--out", o.path().join("a.png").to_str().unwrap()]).code(), "file.exists");
    assert_eq!(o.run(&["consent", "scan", "--event", &event, "--number", "2", "--out", o.path().join("b.png").to_str().unwrap()]).code(), "scan.unknown");

    let out = o.path().join("dossier-noor.pdf");
    o.json(&["dossier", &k, "--out", out.to_str().unwrap()]);
    let text = std::process::Command::new("pdftotext").arg(&out).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&format!("zie bijlage 1. SHA-256: {sha}")), "{text}");
    assert!(text.contains("Bijlage 1 — registratie #"), "{text}");
    assert_eq!(o.json(&["audit", "verify"])["files"], 1);

    // The kept file changed behind the app's back: audit verify says so and fails.
    let stored = support::walk(&o.data()).into_iter().find(|p| p.to_string_lossy().contains("/scans/")).expect("the kept file");
    let mut bytes = std::fs::read(&stored).unwrap();
    let i = bytes.len() - 40;
    bytes[i] ^= 0x80;
    std::fs::write(&stored, &bytes).unwrap();
    let r = o.run(&["audit", "verify"]);
    assert_eq!(r.code(), "audit.broken");
    let report: serde_json::Value = serde_json::from_str(&r.stdout()).unwrap();
    assert_eq!((report["table"].as_str(), report["problem"].as_str()), (Some("consent_attachments"), Some("file_changed")));
    assert_eq!(o.run(&["consent", "scan", "--event", &event, "--out", o.path().join("c.png").to_str().unwrap()]).code(), "scan.changed");
    assert!(!o.path().join("c.png").exists());
}
