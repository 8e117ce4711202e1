//! The re-consent round from the command line: who has to be asked again at
//! the start of a school year, and why; the checklist and the forms on paper.

mod support;

use std::path::Path;
use std::process::Command;

use support::Office;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).to_string_lossy().into_owned()
}

fn child(o: &Office, name: &str, birth: &str, group: &str) -> String {
    o.id(&["person", "add", "--name", name, "--kind", "child", "--birth-date", birth, "--group", group, "--guardian", &format!("Ouder van {name}")]).to_string()
}

fn record(o: &Office, person: &str, name: &str, form: &str, item: &str, date: &str) {
    o.json(&[
        "consent",
        "record",
        "--person",
        person,
        "--form",
        form,
        "--answer",
        &format!("{item}=yes"),
        "--given-by",
        &format!("Ouder van {name}"),
        "--method",
        "paper",
        "--date",
        date,
    ]);
}

#[test]
fn the_start_of_a_school_year_lists_who_to_ask_again_and_why() {
    let o = Office::nl();
    o.json(&["group", "add", "Groep 7"]);
    o.json(&["group", "add", "Groep 8"]);
    let career = o.json(&["form", "import", &fixture("form-career.toml")])["form"].as_i64().unwrap().to_string();
    let until = o.json(&["form", "import", &fixture("form-until.toml")])["form"].as_i64().unwrap().to_string();
    let ties = child(&o, "Ties", "2015-04-01", "Groep 7");
    let vera = child(&o, "Vera", "2015-06-01", "Groep 7");
    let ruben = child(&o, "Ruben", "2010-03-01", "Groep 8");
    let jade = child(&o, "Jade", "2015-01-01", "Groep 8");
    let gone = child(&o, "Weg", "2015-01-01", "Groep 8");
    // Last year's school-year form has ended on 31 July.
    record(&o, &ties, "Ties", "1", "group/website/information", "2025-09-01");
    // A guardian answered for Ruben at 15; at 16 he decides himself.
    record(&o, &ruben, "Ruben", &career, "class/paper/activities", "2025-09-01");
    // Jade's trip consent runs until 20 September.
    record(&o, &jade, "Jade", &until, "trip/website/activities", "2026-06-01");
    record(&o, &gone, "Weg", "1", "group/website/information", "2025-09-01");
    o.json(&["person", "leave", &gone, "--date", "2026-07-10"]);

    let list = o.json(&["reconsent", "list", "--date", "2026-09-01"]);
    let reasons: Vec<(String, String)> =
        list.as_array().unwrap().iter().map(|l| (l["person"].to_string(), l["reason"].as_str().unwrap().to_string())).collect();
    let want = |p: &str, r: &str| (p.to_string(), r.to_string());
    assert!(reasons.contains(&want(&ties, "expired")), "{list}");
    assert!(reasons.contains(&want(&vera, "never-asked")), "{list}");
    assert!(reasons.contains(&want(&ruben, "own-consent-age")), "{list}");
    assert!(reasons.contains(&want(&jade, "expiring")), "{list}");
    assert!(!reasons.iter().any(|(p, _)| *p == gone), "who left is not asked again: {list}");
    assert_eq!(reasons.len(), 4, "{list}");
    // The expired line names the item.
    let ties_line = list.as_array().unwrap().iter().find(|l| l["person"] == ties.parse::<i64>().unwrap()).unwrap();
    assert_eq!(ties_line["items"][0], "group/website/information");

    // One group only; before Ruben's birthday he was not on the list.
    let g7 = o.json(&["reconsent", "list", "--date", "2026-09-01", "--group", "Groep 7"]);
    assert_eq!(g7.as_array().unwrap().len(), 2);
    let earlier = o.json(&["reconsent", "list", "--date", "2026-02-01", "--group", "Groep 8"]);
    assert!(!earlier.as_array().unwrap().iter().any(|l| l["reason"] == "own-consent-age"), "{earlier}");

    // The checklist and the forms to send.
    let checklist = o.path().join("opnieuw.pdf");
    let forms = o.path().join("formulieren.pdf");
    let r = o.json(&["reconsent", "print", "--date", "2026-09-01", "--out", checklist.to_str().unwrap(), "--forms", forms.to_str().unwrap()]);
    assert_eq!(r["people"], 4);
    let text =
        String::from_utf8_lossy(&Command::new("pdftotext").arg(&checklist).arg("-").output().unwrap().stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "Toestemming opnieuw vragen",
        "Groep 7",
        "Groep 8",
        "Ties",
        "toestemming is verlopen",
        "heeft nooit een formulier ingevuld",
        "beslist nu zelf",
        "loopt binnenkort af",
        "Schoolreisfoto — Website",
    ] {
        assert!(text.contains(want), "checklist lacks {want:?}: {text}");
    }
    let forms_text = String::from_utf8_lossy(&Command::new("pdftotext").arg(&forms).arg("-").output().unwrap().stdout).into_owned();
    assert_eq!(forms_text.matches("Pagina 1 van").count(), 4, "one form per person");
    assert!(forms_text.contains("Ondertekend door de persoon zelf (Ruben)"), "Ruben signs himself now");

    // Bad input: a date out of range, an unknown group.
    assert_eq!(o.run(&["reconsent", "list", "--date", "1800-01-01"]).code(), "date.out_of_range");
    assert_eq!(o.run(&["reconsent", "list", "--group", "Groep 99"]).code(), "group.unknown");
}
