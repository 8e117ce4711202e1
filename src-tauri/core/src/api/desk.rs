//! At the desk (kiosk): a parent fills in a child's form on the office PC
//! and signs it on the screen. `desk_form` is everything the locked view
//! shows, in words a parent reads; `record_at_desk` keeps the answers as an
//! event of method `kiosk` with every drawn signature as its attachment.

use super::history::KeptFile;
use super::*;
use crate::auth::Action;
use crate::domain::form::Audience;
use crate::evidence;
use crate::i18n::Lang;
use crate::photos::library::content_hash;

/// How long the desk waits for a touch before it closes and keeps nothing.
pub const DESK_IDLE_SECONDS: u32 = 180;

/// One question on the form, in its three parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DeskItem {
    /// The `type/channel/purpose` key the answer is given for.
    pub key: String,
    pub photo_type: String,
    pub channel: String,
    pub purpose: String,
}

/// Who may sign at the desk: the one whose consent counts now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DeskSigner {
    pub name: String,
    pub role: GivenByRole,
}

/// Everything the locked desk view shows for one person and one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DeskForm {
    pub person: i64,
    pub person_name: String,
    pub groups: Vec<String>,
    pub form: i64,
    /// The version shown: the answers are recorded against it.
    pub version: u32,
    pub title: String,
    /// The form's full text, as on paper.
    pub text: String,
    pub items: Vec<DeskItem>,
    /// How long the consent holds, in words.
    pub term: String,
    /// How to withdraw, in words.
    pub withdraw: String,
    /// Whose signature the form needs: the guardians (one suffices, or both
    /// when the organisation asks for both for a "yes"), or the person.
    pub signers: Vec<DeskSigner>,
    /// Signatures a "yes" needs under the organisation's rule.
    pub signatures_for_yes: u8,
    pub idle_seconds: u32,
}

/// One signature drawn at the desk: who signed, and the PNG of the box.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct DeskSignature {
    pub name: String,
    pub png: Vec<u8>,
}

/// What the desk sends when the parent presses "Klaar".
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct DeskRecord {
    pub person: i64,
    pub form: i64,
    pub version: u32,
    pub answers: Vec<AnswerInput>,
    /// The one who decides first, then anyone signing beside them.
    pub signatures: Vec<DeskSignature>,
}

impl Beeldakkoord {
    /// What the desk shows for `person` and the latest version of `form`,
    /// refused when that form could not be recorded for them today.
    pub fn desk_form(&self, s: &Session, person: i64, form: i64, lang: Lang) -> Result<DeskForm> {
        self.allow(s, Action::DeskForm)?;
        let org = self.organisation()?;
        let today = self.today();
        let (person, form) = self.store.read(|c| Ok::<_, Error>((require_person(c, person)?, form_version(c, form, None)?)))?;
        let active = self.store.read(|c| store::forms::is_active(c, form.form))?;
        if !active {
            return Err(ConsentError::FormInactive { title: form.content.title.clone() }.into());
        }
        if form.content.audience != Audience::of(person.kind) {
            let staff_form = form.content.audience == Audience::Staff;
            return Err(ConsentError::FormAudience { title: form.content.title.clone(), person: person.name.clone(), staff_form }.into());
        }
        consent::check_event_date(&person, today)?;
        let signers = match consent::who_decides(&person, today, org.consent_age_on(today)) {
            None => return Err(ConsentError::BirthDateNeeded { person: person.name.clone() }.into()),
            Some(GivenByRole::Guardian) => {
                if person.guardians.is_empty() {
                    return Err(ConsentError::GuardianRequired {
                        person: person.name.clone(),
                        age: person.birth_date.map(|b| age_on(b, today)).unwrap_or_default(),
                        consent_age: org.consent_age_on(today),
                        guardians: vec![],
                    }
                    .into());
                }
                person.guardians.iter().map(|g| DeskSigner { name: g.name.clone(), role: GivenByRole::Guardian }).collect()
            }
            Some(role) => vec![DeskSigner { name: person.name.clone(), role }],
        };
        let c = &form.content;
        let label =
            |list: &[crate::domain::form::Choice], k: &str| list.iter().find(|x| x.key == k).map(|x| x.label.get(lang).to_string()).unwrap_or_else(|| k.into());
        let items = c
            .items
            .iter()
            .map(|i| DeskItem {
                key: i.to_string(),
                photo_type: label(&c.photo_types, &i.photo_type),
                channel: label(&c.channels, &i.channel),
                purpose: label(&c.purposes, &i.purpose),
            })
            .collect();
        let both = org.signatures_for_yes == crate::domain::org::SignaturesForYes::Both && signers.len() > 1;
        Ok(DeskForm {
            person: person.id,
            groups: person.groups_on(today).into_iter().map(String::from).collect(),
            person_name: person.name,
            form: form.form,
            version: form.version,
            title: c.title.clone(),
            text: c.text.clone(),
            items,
            term: c.term.describe(lang),
            withdraw: lang
                .pick(
                    "U kunt uw toestemming altijd intrekken, helemaal of voor één vraag, even eenvoudig als u haar gaf: een bericht aan de administratie of de leerkracht is genoeg. Vanaf dat moment gebruiken wij geen nieuwe foto's meer voor wat u intrekt.",
                    "You can withdraw your consent at any time, completely or for one question, as easily as you gave it: a message to the office or the teacher is enough. From then on we use no new photos for what you withdraw.",
                )
                .into(),
            signers,
            signatures_for_yes: if both { 2 } else { 1 },
            idle_seconds: DESK_IDLE_SECONDS,
        })
    }

    /// Keep what was filled in at the desk: every question answered, each
    /// signature checked to have something drawn on it and stored (encrypted)
    /// before the event that names it, taken away again when the event
    /// cannot be written.
    pub fn record_at_desk(&self, s: &Session, req: &DeskRecord) -> Result<i64> {
        self.allow(s, Action::RecordAtDesk)?;
        let first = req.signatures.first().ok_or(ConsentError::NoSigner)?;
        let form = self.store.read(|c| form_version(c, req.form, Some(req.version)))?;
        let unanswered: Vec<String> = form
            .content
            .items
            .iter()
            .filter(|i| !req.answers.iter().any(|a| a.item == i.to_string()))
            .map(|i| form.content.describe_item(i, Lang::default()))
            .collect();
        if !unanswered.is_empty() {
            return Err(ConsentError::Unanswered { items: unanswered }.into());
        }
        let mut files = Vec::with_capacity(req.signatures.len());
        for sig in &req.signatures {
            let found = evidence::signature(&sig.png)?;
            files.push(KeptFile { sha256: content_hash(&sig.png), format: found.format, bytes: sig.png.len() as u64 });
        }
        let record = RecordRequest {
            person: req.person,
            form: req.form,
            version: Some(req.version),
            answers: req.answers.clone(),
            given_by: first.name.clone(),
            co_signers: req.signatures[1..].iter().map(|x| x.name.clone()).collect(),
            method: Method::Kiosk,
            date: None,
        };
        let library = self.library()?;
        let _changing = library.begin_changes()?;
        let mut stored = Vec::new();
        for (sig, file) in req.signatures.iter().zip(&files) {
            match library.store_scan(&file.sha256, file.format, &sig.png) {
                Ok(true) => stored.push(file),
                Ok(false) => {}
                Err(e) => {
                    stored.iter().for_each(|f| library.forget_scan(&f.sha256, f.format));
                    return Err(e.into());
                }
            }
        }
        self.record(s, &record, &files).inspect_err(|_| stored.iter().for_each(|f| library.forget_scan(&f.sha256, f.format)))
    }
}
