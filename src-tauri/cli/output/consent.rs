//! What `consent` and `audit` print.

use beeldakkoord_core::api::ConsentOverview;
use beeldakkoord_core::decision::Status;
use beeldakkoord_core::domain::audit::{AuditPage, ChainReport, RowProblemKind};
use std::path::PathBuf;

use beeldakkoord_core::domain::consent::{Attachment, Fingerprint};
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, lines, Shown};

/// A consent event just written: a record or a withdrawal.
#[derive(Serialize)]
pub struct Recorded {
    #[serde(skip)]
    pub withdrawal: bool,
    pub record: i64,
}

impl Shown for Recorded {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let id = self.record;
        match self.withdrawal {
            false => lang.pick(format!("Toestemming vastgelegd (gebeurtenis {id})."), format!("Consent recorded (event {id}).")),
            true => lang.pick(format!("Toestemming ingetrokken (gebeurtenis {id})."), format!("Consent withdrawn (event {id}).")),
        }
    }
}

/// `consent confirm`: a teacher's withdrawal the office has seen.
#[derive(Serialize)]
pub struct Confirmed {
    pub event: i64,
    pub confirmed: bool,
}

impl Shown for Confirmed {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let id = self.event;
        lang.pick(format!("Intrekking {id} is bevestigd."), format!("Withdrawal {id} is confirmed."))
    }
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

impl Shown for ConsentOverview {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let mut s =
            lang.pick(format!("Toestemming van persoon {} op {}:\n", self.person, self.at), format!("Consent of person {} on {}:\n", self.person, self.at));
        for i in &self.items {
            let until = i.valid_until.map(|d| lang.pick(format!(", t/m {d}"), format!(", until {d}"))).unwrap_or_default();
            let rec = i.record.map(|r| format!(" (#{r}{until})")).unwrap_or_default();
            s += &format!("  {:<40} {}{}\n", i.item, status_word(i.status, lang), rec);
        }
        s.trim_end().to_string()
    }
}

/// `audit verify`: the whole chain, and one person's fingerprint when asked.
#[derive(Serialize)]
pub struct Audit {
    #[serde(flatten)]
    pub chain: ChainReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonProof>,
}

#[derive(Serialize)]
pub struct PersonProof {
    pub id: i64,
    pub events: u32,
    pub fingerprint: String,
}

impl Audit {
    pub fn new(chain: ChainReport, person: Option<(i64, Fingerprint)>) -> Audit {
        let person = person.map(|(id, f)| PersonProof { id, events: f.events, fingerprint: f.sha256 });
        Audit { chain, person }
    }
}

fn problem_words(kind: RowProblemKind) -> (&'static str, &'static str) {
    match kind {
        RowProblemKind::Changed => ("is gewijzigd buiten Beeldakkoord", "was changed outside Beeldakkoord"),
        RowProblemKind::Deleted => ("is verwijderd buiten Beeldakkoord", "was deleted outside Beeldakkoord"),
        RowProblemKind::Unrecorded => ("is toegevoegd buiten Beeldakkoord", "was added outside Beeldakkoord"),
        RowProblemKind::TrailRows => ("(de lijst van rijen van die gebeurtenis) is gewijzigd", "(that event's list of rows) was changed"),
        RowProblemKind::FileChanged => {
            ("(het bewaarde bestand) klopt niet meer met de vastgelegde hash", "(the kept file) no longer matches the recorded hash")
        }
        RowProblemKind::FileMissing => ("(het bewaarde bestand) is verdwenen", "(the kept file) is gone"),
    }
}

impl Shown for Audit {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let c = &self.chain;
        let (events, rows) = (c.events, c.rows);
        let mut text = match (&c.table, &c.key, c.broken_at) {
            _ if c.ok => lang.pick(
                format!("Audittrail in orde: {events} gebeurtenissen, {rows} rijen zoals vastgelegd."),
                format!("Audit trail intact: {events} events, {rows} rows as recorded."),
            ),
            (Some(table), Some(key), _) => {
                let (n, kind) = (c.problem_count, c.problem.map(problem_words).unwrap_or_default());
                lang.pick(
                    format!("Audittrail beschadigd: tabel {table}, rij {key} {}. ({n} afwijking(en) in totaal.)", kind.0),
                    format!("Audit trail broken: table {table}, row {key} {}. ({n} difference(s) in all.)", kind.1),
                )
            }
            (_, _, Some(id)) => lang.pick(format!("Audittrail beschadigd vanaf gebeurtenis {id}."), format!("Audit trail broken from event {id}.")),
            _ => lang.pick("Audittrail beschadigd.".to_string(), "Audit trail broken.".to_string()),
        };
        if let Some(p) = &self.person {
            text += &lang.pick(
                format!("\nPersoon {}: {} gebeurtenissen, vingerafdruk {}", p.id, p.events, p.fingerprint),
                format!("\nPerson {}: {} events, fingerprint {}", p.id, p.events, p.fingerprint),
            );
        }
        text
    }
}

/// `consent attach` and `consent scan`: the kept file, and where a copy went.
#[derive(Serialize)]
pub struct Kept {
    pub event: i64,
    #[serde(flatten)]
    pub attachment: Attachment,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out: Option<PathBuf>,
}

impl Shown for Kept {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (event, a) = (self.event, &self.attachment);
        match &self.out {
            None => lang.pick(
                format!("Bijlage {} bewaard bij gebeurtenis {event} ({}, {} bytes).\nSHA-256: {}", a.number, a.format.as_str(), a.bytes, a.sha256),
                format!("Attachment {} kept with event {event} ({}, {} bytes).\nSHA-256: {}", a.number, a.format.as_str(), a.bytes, a.sha256),
            ),
            Some(out) => lang.pick(
                format!("Bijlage {} van gebeurtenis {event} opgeslagen als {} (SHA-256 {}).", a.number, out.display(), a.sha256),
                format!("Attachment {} of event {event} saved as {} (SHA-256 {}).", a.number, out.display(), a.sha256),
            ),
        }
    }
}

/// `audit log`: the page of entries as the core gives it.
#[derive(Serialize)]
#[serde(transparent)]
pub struct AuditLog(pub AuditPage);

impl Shown for AuditLog {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        if self.0.entries.is_empty() {
            return lang.pick("Geen gebeurtenissen.", "No events.").into();
        }
        let mut text = lines(self.0.entries.iter().map(|e| {
            let about = match (&e.person_name, e.person) {
                (Some(name), Some(id)) => format!("{name} ({id})"),
                _ => match e.entity_id {
                    Some(id) => format!("{} {id}", e.entity),
                    None => e.entity.clone(),
                },
            };
            format!("{}  #{}  {}  {}  {}  {}", e.at.replace('T', " "), e.id, e.user, e.action, about, e.details)
        }));
        if self.0.more {
            text += lang.pick("\n… en oudere (gebruik --until of --limit).", "\n… and older ones (use --until or --limit).");
        }
        text
    }
}
