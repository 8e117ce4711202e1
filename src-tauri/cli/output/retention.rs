//! What `retention` prints.

use beeldakkoord_core::domain::retention::{Hold, LeaverRemoval, Removed, RetentionReport, RetentionSettings};
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, lines, Shown};

impl Shown for RetentionSettings {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(
            format!(
                "Bewaartermijnen: namen op foto's en nooit gepubliceerde foto's van wie vertrok {} jaar na vertrek; toestemming en gegevens {} jaar na vertrek (na het afdrukken van het dossier); foto's waarop niemand genoemd is en die nooit gepubliceerd zijn {} jaar na de fotodatum.",
                self.photos_years, self.consent_years, self.untagged_years
            ),
            format!(
                "Retention terms: names on photos and never-published photos of leavers {} years after leaving; consent and records {} years after leaving (once the dossier was printed); photos on which nobody is named, never published, {} years after the photo's date.",
                self.photos_years, self.consent_years, self.untagged_years
            ),
        )
    }
}

/// The parts of a removal that are not zero, in words.
fn removed_words(r: &Removed, lang: Lang) -> String {
    let parts = [
        (r.consent_events, "toestemmingsregels", "consent records"),
        (r.consent_answers, "antwoorden", "answers"),
        (r.photos, "foto's", "photos"),
        (r.tags, "namen op verwijderde foto's", "tags on removed photos"),
        (r.tags_unnamed, "namen op foto's vervangen door 'onbekend'", "names on photos replaced by 'unknown'"),
        (r.memberships, "groepslidmaatschappen", "group memberships"),
        (r.guardians, "ouders/verzorgers", "guardians"),
    ];
    let mut words: Vec<String> = parts.iter().filter(|(n, _, _)| *n > 0).map(|(n, nl, en)| format!("{n} {}", lang.pick(*nl, *en))).collect();
    if r.person {
        words.push(lang.pick("de persoonsgegevens", "the person's record").to_string());
    }
    words.join(", ")
}

fn leaver_line(l: &LeaverRemoval, dry: bool, lang: Lang) -> String {
    let who = format!("{} {} ({} {})", l.person, l.name, lang.pick("vertrokken", "left"), l.leave_date);
    let mut out = String::new();
    if !l.removed.is_empty() {
        let verb = match dry {
            true => lang.pick("gaat weg", "would go"),
            false => lang.pick("verwijderd", "removed"),
        };
        out = format!("{who}: {verb}: {}.", removed_words(&l.removed, lang));
    }
    if let Some(hold) = &l.hold {
        let why = match hold {
            Hold::PublicationOnline { publications } => {
                let ids = publications.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ");
                lang.pick(
                    format!("toestemming blijft: een foto staat nog online (publicatie {ids}); haal die eerst weg"),
                    format!("consent stays: a photo is still online (publication {ids}); take it down first"),
                )
            }
            Hold::DossierNotPrinted => lang.pick(
                "toestemming blijft: het vertrekdossier is nog niet afgedrukt (of sla het over met 'retention skip-dossier')".to_string(),
                "consent stays: the exit dossier has not been printed (or skip it with 'retention skip-dossier')".to_string(),
            ),
        };
        out = if out.is_empty() { format!("{who}: {why}.") } else { format!("{out} {}{}.", why[..1].to_uppercase(), &why[1..]) };
    }
    format!("- {out}")
}

impl Shown for RetentionReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let head = match self.dry_run {
            true => lang.pick(
                format!("Proefrun bewaartermijnen per {} — er is niets verwijderd. Dit zou weggaan:", self.date),
                format!("Retention dry run as of {} — nothing was removed. This would go:", self.date),
            ),
            false => lang.pick(format!("Bewaartermijnen per {}:", self.date), format!("Retention as of {}:", self.date)),
        };
        if self.leavers.is_empty() && self.untagged.is_empty() {
            return format!("{head}\n{}", lang.pick("Niets is over zijn bewaartermijn.", "Nothing is past its retention term."));
        }
        let leavers = self.leavers.iter().map(|l| leaver_line(l, self.dry_run, lang));
        let photos = self.untagged.iter().map(|u| {
            lang.pick(
                format!("- foto {} ({}): niemand genoemd, nooit gepubliceerd.", u.photo, u.date),
                format!("- photo {} ({}): nobody named, never published.", u.photo, u.date),
            )
        });
        let total = removed_words(&self.total, lang);
        let total = if total.is_empty() { lang.pick("niets", "nothing").to_string() } else { total };
        format!("{head}\n{}\n{} {total}; {} {}.", lines(leavers.chain(photos)), lang.pick("Totaal:", "Total:"), self.persons, lang.pick("personen", "persons"))
    }
}

/// An administrator let a leaver's consent data go without a dossier.
#[derive(Serialize)]
pub struct DossierSkipped {
    pub person: i64,
    pub reason: String,
}

impl Shown for DossierSkipped {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(
            format!("Het dossier van persoon {} wordt overgeslagen (reden in het logboek: {}). Na de bewaartermijn gaan de toestemmingsgegevens weg zonder afgedrukt dossier.", self.person, self.reason),
            format!("The dossier of person {} is skipped (reason in the audit log: {}). After the retention term the consent data go without a printed dossier.", self.person, self.reason),
        )
    }
}
