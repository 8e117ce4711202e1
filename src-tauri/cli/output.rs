//! Text output for people at a terminal (the JSON output is the contract).

use beeldakkoord_core::api::{ConsentOverview, PhotoCheck, RosterReport, Takedown};

use crate::reports::ImportReport;
use beeldakkoord_core::decision::verdict::{LineStatus, Outcome};
use beeldakkoord_core::decision::Status;
use beeldakkoord_core::domain::form::{FormSummary, FormVersion};
use beeldakkoord_core::domain::person::{PersonKind, PersonSummary};
use beeldakkoord_core::domain::text::some_of;
use beeldakkoord_core::Lang;

pub fn people(list: &[PersonSummary], lang: Lang) -> String {
    if list.is_empty() {
        return lang.pick("Geen personen gevonden.", "No people found.").into();
    }
    list.iter()
        .map(|p| {
            let kind = match p.kind {
                PersonKind::Child => lang.pick("kind", "child"),
                PersonKind::Staff => lang.pick("personeel", "staff"),
            };
            let birth = p.birth_date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
            let left = p.leave_date.map(|d| lang.pick(format!("  vertrek {d}"), format!("  leaves {d}"))).unwrap_or_default();
            format!("{:>5}  {:<30} {:<9} {}  {}{}", p.id, p.name, kind, birth, p.groups.join(", "), left)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn roster(r: &RosterReport, lang: Lang) -> String {
    let mut s = lang.pick(
        format!("{}{} toegevoegd, {} bijgewerkt, {} ongewijzigd.", if r.dry_run { "Proef (niets opgeslagen): " } else { "" }, r.added, r.updated, r.unchanged),
        format!("{}{} added, {} updated, {} unchanged.", if r.dry_run { "Dry run (nothing saved): " } else { "" }, r.added, r.updated, r.unchanged),
    );
    if !r.groups_created.is_empty() {
        s += &lang.pick(format!(" Nieuwe groepen: {}.", r.groups_created.join(", ")), format!(" New groups: {}.", r.groups_created.join(", ")));
    }
    if !r.ignored_columns.is_empty() {
        let some = some_of(&r.ignored_columns, 10, lang);
        s += &lang.pick(format!(" Niet gebruikte kolommen: {some}."), format!(" Columns not used: {some}."));
    }
    s
}

pub fn forms(list: &[FormSummary], lang: Lang) -> String {
    list.iter()
        .map(|f| {
            let active = if f.active { lang.pick("in gebruik", "in use") } else { "" };
            format!("{:>4}  v{:<3} {:<60} {}", f.id, f.latest_version, f.title, active)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn form(f: &FormVersion, lang: Lang) -> String {
    let c = &f.content;
    let mut s = format!("{} ({} {}, {})\n\n{}\n\n", c.title, lang.pick("versie", "version"), f.version, c.term.describe(lang), c.text.trim());
    for item in &c.items {
        s += &format!("  [{}] {}\n", item, c.describe_item(item, lang));
    }
    s.trim_end().to_string()
}

fn status_word(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Granted => lang.pick("toestemming", "granted"),
        Status::Denied => lang.pick("geweigerd", "denied"),
        Status::Withdrawn => lang.pick("ingetrokken", "withdrawn"),
        Status::Expired => lang.pick("verlopen", "expired"),
        Status::None => lang.pick("niet gevraagd", "never asked"),
    }
}

pub fn consent(o: &ConsentOverview, lang: Lang) -> String {
    let mut s = lang.pick(format!("Toestemming van persoon {} op {}:\n", o.person, o.at), format!("Consent of person {} on {}:\n", o.person, o.at));
    for i in &o.items {
        let until = i.valid_until.map(|d| lang.pick(format!(", t/m {d}"), format!(", until {d}"))).unwrap_or_default();
        let rec = i.record.map(|r| format!(" (#{r}{until})")).unwrap_or_default();
        s += &format!("  {:<40} {}{}\n", i.item, status_word(i.status, lang), rec);
    }
    s.trim_end().to_string()
}

pub fn imported(r: &ImportReport, lang: Lang) -> String {
    let new = r.imported.iter().filter(|p| p.new).count();
    lang.pick(
        format!("{} foto's ingelezen ({} nieuw, {} al aanwezig).", r.imported.len(), new, r.imported.len() - new),
        format!("{} photos imported ({} new, {} already there).", r.imported.len(), new, r.imported.len() - new),
    )
}

pub fn check(c: &PhotoCheck, lang: Lang) -> String {
    let verdict = match c.verdict.outcome {
        Outcome::Allowed => lang.pick("MAG gebruikt worden", "MAY be used"),
        Outcome::Anonymise => {
            lang.pick("mag ALLEEN na onherkenbaar maken van de gemarkeerde personen", "may be used ONLY after making the marked people unrecognisable")
        }
        Outcome::Blocked => lang.pick("mag NIET gebruikt worden", "may NOT be used"),
    };
    let mut s = lang.pick(
        format!("Foto {} via {} voor {} op {}: {verdict}.\n", c.photo, c.channel, c.purpose, c.date),
        format!("Photo {} in {} for {} on {}: {verdict}.\n", c.photo, c.channel, c.purpose, c.date),
    );
    if c.verdict.nobody_tagged {
        s += lang.pick("  Niemand is getagd: tag eerst wie er op de foto staat.", "  Nobody is tagged: tag who is in the photo first.");
    }
    for l in &c.verdict.people {
        let who = l.person.map(|p| format!("#{p}")).unwrap_or_else(|| "?".into());
        let mark = if l.status == LineStatus::Consent || l.status == LineStatus::Informed { "ok " } else { "!! " };
        s += &format!("  {mark}{who:<6} {}\n", l.rule.describe(lang));
    }
    s.trim_end().to_string()
}

pub fn takedown(list: &[Takedown], lang: Lang) -> String {
    if list.is_empty() {
        return lang.pick("Niets te verwijderen.", "Nothing to take down.").into();
    }
    list.iter()
        .map(|t| {
            let who: Vec<String> = t.people.iter().map(|p| format!("{} ({})", p.name.clone().unwrap_or_else(|| "?".into()), p.rule.describe(lang))).collect();
            lang.pick(
                format!("Publicatie {} (foto {}, {}, sinds {}): verwijderen wegens {}", t.publication, t.photo, t.place, t.published_on, who.join("; ")),
                format!("Publication {} (photo {}, {}, since {}): take down because of {}", t.publication, t.photo, t.place, t.published_on, who.join("; ")),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
