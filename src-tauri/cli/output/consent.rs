//! What `consent` and `audit` print.

use beeldakkoord_core::api::ConsentOverview;
use beeldakkoord_core::decision::Status;
use beeldakkoord_core::domain::consent::{ChainReport, Fingerprint};
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, Shown};

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
    pub ok: bool,
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
        Audit { ok: chain.broken_at.is_none(), chain, person }
    }
}

impl Shown for Audit {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let events = self.chain.events;
        let mut text = match self.chain.broken_at {
            None => lang.pick(format!("Audittrail in orde: {events} gebeurtenissen."), format!("Audit trail intact: {events} events.")),
            Some(id) => lang.pick(format!("Audittrail beschadigd vanaf gebeurtenis {id}."), format!("Audit trail broken from event {id}.")),
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
