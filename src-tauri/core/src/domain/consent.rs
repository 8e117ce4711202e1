//! Consent events: what someone answered, who, how and when. Append-only:
//! a change or a withdrawal is a new event, never an edit.

use std::collections::BTreeMap;

use crate::domain::dates::day;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::dates::{age_on, birthday_at};
use super::form::{FormContent, ItemKey};
use super::org::{GuardianConsent, Organisation, SignaturesForYes};
use super::person::{normalise_name, Person, PersonKind};
use crate::domain::text::shorten;
use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Filled in on this PC.
    Digital,
    /// A returned paper form, entered by the office.
    Paper,
    /// Filled in by a parent (or the person) at the office desk, with a
    /// drawn signature kept beside it. Only the desk's own flow makes these.
    Kiosk,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        match s.trim().to_lowercase().as_str() {
            "digital" | "digitaal" => Some(Method::Digital),
            "paper" | "papier" => Some(Method::Paper),
            "kiosk" | "balie" => Some(Method::Kiosk),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Digital => "digital",
            Method::Paper => "paper",
            Method::Kiosk => "kiosk",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Answer {
    Yes,
    No,
    Withdrawn,
}

impl Answer {
    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<Answer> {
        match s.trim().to_lowercase().as_str() {
            "yes" | "ja" | "y" | "j" | "true" | "1" => Some(Answer::Yes),
            "no" | "nee" | "n" | "false" | "0" => Some(Answer::No),
            "withdrawn" => Some(Answer::Withdrawn),
            _ => None,
        }
    }
}

/// Whose word it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum GivenByRole {
    Guardian,
    #[serde(rename = "self")]
    SelfPerson,
    /// The office itself (only for marking an entry as a mistake).
    Office,
}

impl GivenByRole {
    pub fn as_str(self) -> &'static str {
        match self {
            GivenByRole::Guardian => "guardian",
            GivenByRole::SelfPerson => "self",
            GivenByRole::Office => "office",
        }
    }
    pub fn parse(s: &str) -> Option<GivenByRole> {
        match s {
            "guardian" => Some(GivenByRole::Guardian),
            "self" => Some(GivenByRole::SelfPerson),
            "office" => Some(GivenByRole::Office),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Record,
    Withdraw,
    /// Marks `voids` as entered in error; it then counts for nothing.
    Void,
}

/// One stored event of a person's consent history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentEvent {
    pub id: i64,
    pub person: i64,
    pub kind: EventKind,
    /// The form version answered; for a withdrawal, none.
    pub form_version_id: Option<i64>,
    pub form_id: Option<i64>,
    pub form_version: Option<u32>,
    pub form_title: Option<String>,
    pub given_by_name: String,
    pub given_by_role: GivenByRole,
    pub method: Method,
    pub date: NaiveDate,
    pub entered_by: String,
    pub entered_at: NaiveDateTime,
    pub answers: BTreeMap<String, Answer>,
    /// For a void event: the event it cancels, and why.
    pub voids: Option<i64>,
    pub void_reason: Option<String>,
    /// Set on an event that a later void event cancelled.
    pub voided_by: Option<i64>,
    /// Everyone else who signed it (the second guardian, say), in the
    /// order given. Left out when empty, so a history of single signatures
    /// hashes as it did before co-signers existed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_signers: Vec<Signer>,
    /// The scans and drawn signatures kept with it; left out when empty,
    /// like `co_signers`, so older histories hash as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
}

/// A file kept with a consent event as evidence: the scan of the signed
/// paper, or the signature drawn at the desk. The file is in the library
/// under `sha256`; this is the proof of which file it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Attachment {
    /// 1, 2, … per event, in the order attached.
    pub number: u32,
    pub kind: AttachmentKind,
    pub sha256: String,
    pub format: DocFormat,
    pub bytes: u64,
    pub pages: u32,
    pub attached_by: String,
    pub attached_at: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum AttachmentKind {
    /// A scan or photo of the returned paper form.
    Scan,
    /// The signature drawn on the screen at the desk.
    Signature,
}

impl AttachmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentKind::Scan => "scan",
            AttachmentKind::Signature => "signature",
        }
    }
    pub fn parse(s: &str) -> Option<AttachmentKind> {
        match s {
            "scan" => Some(AttachmentKind::Scan),
            "signature" => Some(AttachmentKind::Signature),
            _ => None,
        }
    }
}

/// What a kept file is. Stored as text in `consent_attachments.format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum DocFormat {
    Pdf,
    Jpeg,
    Png,
}

impl DocFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            DocFormat::Pdf => "pdf",
            DocFormat::Jpeg => "jpeg",
            DocFormat::Png => "png",
        }
    }
    pub fn parse(s: &str) -> Option<DocFormat> {
        match s {
            "pdf" => Some(DocFormat::Pdf),
            "jpeg" => Some(DocFormat::Jpeg),
            "png" => Some(DocFormat::Png),
            _ => None,
        }
    }
    /// The file name extension a copy gets.
    pub fn extension(self) -> &'static str {
        match self {
            DocFormat::Pdf => "pdf",
            DocFormat::Jpeg => "jpg",
            DocFormat::Png => "png",
        }
    }
}

/// Someone who signed a consent event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Signer {
    pub name: String,
    pub role: GivenByRole,
    /// The linked guardian, for a guardian.
    pub guardian: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConsentError {
    #[error("unknown item {item}")]
    UnknownItem { item: String, known: Vec<String> },
    #[error("bad answer {0}")]
    BadAnswer(String),
    #[error("item answered twice {0}")]
    AnsweredTwice(String),
    #[error("birth date needed")]
    BirthDateNeeded { person: String },
    #[error("guardian must consent")]
    GuardianRequired { person: String, age: i32, consent_age: u8, guardians: Vec<String> },
    #[error("person must consent")]
    SelfRequired { person: String, age: Option<i32>, consent_age: u8 },
    #[error("not a guardian nor the person")]
    NotGuardianOrSelf { person: String, given_by: String },
    #[error("before birth")]
    BeforeBirth { date: NaiveDate, birth: NaiveDate },
    #[error("after leaving")]
    AfterLeaving { date: NaiveDate, leave: NaiveDate },
    #[error("term ended")]
    TermEnded { date: NaiveDate, until: NaiveDate },
    #[error("nothing to withdraw")]
    NothingToWithdraw { items: Vec<String> },
    #[error("unknown event")]
    UnknownEvent(i64),
    #[error("already voided")]
    AlreadyVoided(i64),
    /// Not a teacher's withdrawal waiting for the office (any more).
    #[error("nothing to confirm")]
    NothingToConfirm(i64),
    #[error("void reason missing")]
    VoidReason,
    #[error("form not in use")]
    FormInactive { title: String },
    #[error("form for another audience")]
    FormAudience { title: String, person: String, staff_form: bool },
    #[error("signed twice")]
    SignedTwice { name: String },
    #[error("second signature needed")]
    SecondSignatureNeeded { person: String, missing: Vec<String> },
    /// "kiosk" is the desk's own method: it comes with a drawn signature.
    #[error("kiosk method outside the desk")]
    DeskOnly,
    /// At the desk every item is answered yes or no, none left to a default.
    #[error("items not answered")]
    Unanswered { items: Vec<String> },
    /// Nobody signed at the desk.
    #[error("no signer")]
    NoSigner,
}

/// A few items and a count of the rest: messages stay short.
fn list(items: &[String], lang: Lang) -> String {
    crate::domain::text::some_of(items, 12, lang)
}

impl UserFacing for ConsentError {
    fn code(&self) -> ErrorCode {
        match self {
            ConsentError::UnknownItem { .. } => ErrorCode::ConsentUnknownItem,
            ConsentError::BadAnswer(_) => ErrorCode::ConsentBadAnswer,
            ConsentError::AnsweredTwice(_) => ErrorCode::ConsentAnsweredTwice,
            ConsentError::BirthDateNeeded { .. } => ErrorCode::ConsentBirthDateNeeded,
            ConsentError::GuardianRequired { .. } => ErrorCode::ConsentGuardianRequired,
            ConsentError::SelfRequired { .. } => ErrorCode::ConsentSelfRequired,
            ConsentError::NotGuardianOrSelf { .. } => ErrorCode::ConsentNotGuardianOrSelf,
            ConsentError::BeforeBirth { .. } => ErrorCode::ConsentBeforeBirth,
            ConsentError::AfterLeaving { .. } => ErrorCode::ConsentAfterLeaving,
            ConsentError::TermEnded { .. } => ErrorCode::ConsentTermEnded,
            ConsentError::NothingToWithdraw { .. } => ErrorCode::ConsentNothingToWithdraw,
            ConsentError::UnknownEvent(_) => ErrorCode::ConsentUnknownEvent,
            ConsentError::AlreadyVoided(_) => ErrorCode::ConsentAlreadyVoided,
            ConsentError::NothingToConfirm(_) => ErrorCode::ConsentNothingToConfirm,
            ConsentError::VoidReason => ErrorCode::ConsentVoidReason,
            ConsentError::FormInactive { .. } => ErrorCode::ConsentFormInactive,
            ConsentError::FormAudience { .. } => ErrorCode::ConsentFormAudience,
            ConsentError::SignedTwice { .. } => ErrorCode::ConsentSignedTwice,
            ConsentError::SecondSignatureNeeded { .. } => ErrorCode::ConsentSecondSignature,
            ConsentError::DeskOnly => ErrorCode::ConsentDeskOnly,
            ConsentError::Unanswered { .. } => ErrorCode::ConsentUnanswered,
            ConsentError::NoSigner => ErrorCode::ConsentNoSigner,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            ConsentError::UnknownItem { item, known } => lang.pick(
                format!("'{}' staat niet op dit formulier. Mogelijke vragen: {}.", shorten(item, 60), list(known, lang)),
                format!("'{}' is not on this form. Items on it: {}.", shorten(item, 60), list(known, lang)),
            ),
            ConsentError::FormInactive { title } => lang.pick(
                format!("Het formulier '{}' is niet in gebruik (bijvoorbeeld het Vlaamse formulier in een Nederlandse organisatie). Kies een formulier dat in gebruik is, of laat een beheerder dit formulier eerst weer in gebruik nemen. Er is niets vastgelegd.", shorten(title, 80)),
                format!("The form '{}' is not in use (the Flemish form in a Dutch organisation, say). Choose a form in use, or have an administrator take this form into use again first. Nothing was recorded.", shorten(title, 80)),
            ),
            ConsentError::BadAnswer(a) => lang.pick(
                format!("'{a}' is geen antwoord. Schrijf soort/kanaal/doel=yes of =no."),
                format!("'{a}' is not an answer. Write type/channel/purpose=yes or =no."),
            ),
            ConsentError::AnsweredTwice(i) => {
                lang.pick(format!("'{i}' is twee keer beantwoord. Geef elk antwoord één keer."), format!("'{i}' is answered twice. Give each answer once."))
            }
            ConsentError::BirthDateNeeded { person } => lang.pick(
                format!("Van {person} is geen geboortedatum bekend, dus is niet te bepalen wie toestemming geeft. Vul eerst de geboortedatum in."),
                format!("{person} has no birth date, so it cannot be determined who consents. Enter the birth date first."),
            ),
            ConsentError::GuardianRequired { person, age, consent_age, guardians } => {
                let who = if guardians.is_empty() {
                    lang.pick("er is nog geen ouder/voogd gekoppeld; voeg die eerst toe".to_string(), "no guardian is linked yet; add one first".to_string())
                } else {
                    lang.pick(format!("gekoppelde ouders/voogden: {}", list(guardians, lang)), format!("linked guardians: {}", list(guardians, lang)))
                };
                lang.pick(
                    format!("{person} is op die datum {age} jaar, jonger dan {consent_age}: een ouder/voogd moet toestemming geven ({who})."),
                    format!("{person} is {age} on that date, younger than {consent_age}: a parent/guardian must consent ({who})."),
                )
            }
            ConsentError::SelfRequired { person, age: Some(age), consent_age } => lang.pick(
                format!("{person} is op die datum {age} jaar (vanaf {consent_age} beslist iemand zelf): {person} moet zelf toestemming geven."),
                format!("{person} is {age} on that date (from {consent_age} people decide for themselves): {person} must consent personally."),
            ),
            ConsentError::SelfRequired { person, age: None, .. } => lang.pick(
                format!("{person} is een medewerker: alleen {person} zelf kan toestemming geven."),
                format!("{person} is a staff member: only {person} can consent."),
            ),
            ConsentError::NotGuardianOrSelf { person, given_by } => lang.pick(
                format!("'{given_by}' is geen gekoppelde ouder/voogd van {person} en niet {person} zelf."),
                format!("'{given_by}' is neither a linked guardian of {person} nor {person}."),
            ),
            ConsentError::FormAudience { title, person, staff_form: true } => lang.pick(
                format!("'{}' is een formulier voor medewerkers; {person} is een kind of leerling. Kies een formulier voor kinderen. Er is niets vastgelegd.", shorten(title, 80)),
                format!("'{}' is a form for staff; {person} is a child or pupil. Choose a form for children. Nothing was recorded.", shorten(title, 80)),
            ),
            ConsentError::FormAudience { title, person, staff_form: false } => lang.pick(
                format!("'{}' is een formulier voor kinderen en hun ouders; {person} is een medewerker. Kies het formulier voor medewerkers. Er is niets vastgelegd.", shorten(title, 80)),
                format!("'{}' is a form for children and their parents; {person} is a staff member. Choose the staff form. Nothing was recorded.", shorten(title, 80)),
            ),
            ConsentError::SignedTwice { name } => lang.pick(
                format!("'{}' staat twee keer bij wie tekende. Noem ieder één keer.", shorten(name, 80)),
                format!("'{}' is listed twice among the signers. Name each once.", shorten(name, 80)),
            ),
            ConsentError::SecondSignatureNeeded { person, missing } => lang.pick(
                format!(
                    "Deze organisatie vraagt voor een 'ja' de handtekening van beide ouders/voogden. Voor {person} ontbreekt die van {}. Vink aan wie het formulier tekende, of leg alleen de 'nee'-antwoorden vast en vraag de tweede handtekening. Er is niets vastgelegd.",
                    list(missing, lang)
                ),
                format!(
                    "This organisation asks both guardians to sign a 'yes'. For {person}, the signature of {} is missing. Tick who signed the form, or record only the 'no' answers and ask for the second signature. Nothing was recorded.",
                    list(missing, lang)
                ),
            ),
            ConsentError::DeskOnly => lang.pick(
                "'Aan de balie' is de manier van het scherm 'Invullen aan de balie', met een getekende handtekening. Kies 'papier' of 'digitaal'. Er is niets vastgelegd.".into(),
                "'At the desk' is the method of the 'Fill in at the desk' screen, with a drawn signature. Choose 'paper' or 'digital'. Nothing was recorded.".into(),
            ),
            ConsentError::Unanswered { items } => lang.pick(
                format!("Kies bij elke vraag 'ja' of 'nee'. Nog open: {}.", list(items, lang)),
                format!("Choose 'yes' or 'no' for every question. Still open: {}.", list(items, lang)),
            ),
            ConsentError::NoSigner => lang.pick("Kies wie het formulier ondertekent.".into(), "Choose who signs the form.".into()),
            ConsentError::BeforeBirth { date, birth } => {
                lang.pick(format!("De datum {date} ligt vóór de geboortedatum ({birth}).", date = day(date), birth = day(birth)), format!("The date {date} is before the birth date ({birth}).", date = day(date), birth = day(birth)))
            }
            ConsentError::AfterLeaving { date, leave } => {
                lang.pick(format!("De datum {date} ligt na de vertrekdatum ({leave}).", date = day(date), leave = day(leave)), format!("The date {date} is after the leave date ({leave}).", date = day(date), leave = day(leave)))
            }
            ConsentError::TermEnded { date, until } => lang.pick(
                format!("Deze formulierversie gold tot en met {until}; op {date} kan ze niet meer ingevuld worden. Gebruik een nieuwere versie.", date = day(date), until = day(until)),
                format!("This form version ran until {until}; it cannot be answered on {date}. Use a newer version.", date = day(date), until = day(until)),
            ),
            ConsentError::UnknownEvent(id) => lang.pick(
                format!("Gebeurtenis {id} hoort niet bij deze persoon of kan niet ongedaan gemaakt worden."),
                format!("Event {id} does not belong to this person or cannot be undone."),
            ),
            ConsentError::AlreadyVoided(id) => lang.pick(format!("Gebeurtenis {id} is al ongedaan gemaakt."), format!("Event {id} has already been undone.")),
            ConsentError::NothingToConfirm(id) => lang.pick(
                format!("Er wacht geen intrekking {id} op bevestiging: ze is al bevestigd, ongedaan gemaakt of door het kantoor zelf ingevoerd. Er is niets veranderd."),
                format!("No withdrawal {id} is waiting to be confirmed: it was confirmed already, undone, or entered by the office itself. Nothing was changed."),
            ),
            ConsentError::VoidReason => {
                lang.pick("Schrijf kort waarom deze invoer een vergissing was.".to_string(), "Write briefly why this entry was a mistake.".to_string())
            }
            ConsentError::NothingToWithdraw { items } if items.is_empty() => lang.pick(
                "Er is op die datum geen geldige toestemming om in te trekken.".to_string(),
                "There is no valid consent to withdraw on that date.".to_string(),
            ),
            ConsentError::NothingToWithdraw { items } => lang.pick(
                format!("Er is op die datum geen geldige toestemming om in te trekken voor: {}.", list(items, lang)),
                format!("There is no valid consent to withdraw on that date for: {}.", list(items, lang)),
            ),
        }
    }
}

/// One answer as entered: an item and yes or no.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AnswerInput {
    pub item: String,
    pub yes: bool,
}

impl AnswerInput {
    /// `type/channel/purpose=yes|no`, as on the command line.
    pub fn parse(entry: &str) -> Result<AnswerInput, ConsentError> {
        let bad = || ConsentError::BadAnswer(entry.to_string());
        let (item, answer) = entry.split_once('=').ok_or_else(bad)?;
        match Answer::parse(answer) {
            Some(Answer::Yes) => Ok(AnswerInput { item: item.trim().to_string(), yes: true }),
            Some(Answer::No) => Ok(AnswerInput { item: item.trim().to_string(), yes: false }),
            _ => Err(bad()),
        }
    }
}

/// Check answers against a form version. Items the form asks but the
/// answers leave out count as "no".
pub fn complete_answers(form: &FormContent, given: &[AnswerInput]) -> Result<BTreeMap<String, Answer>, ConsentError> {
    let mut answers = BTreeMap::new();
    for a in given {
        let key = ItemKey::parse(&a.item)
            .filter(|k| form.items.contains(k))
            .ok_or_else(|| ConsentError::UnknownItem { item: a.item.trim().to_string(), known: form.items.iter().map(|i| i.to_string()).collect() })?;
        let answer = if a.yes { Answer::Yes } else { Answer::No };
        if answers.insert(key.to_string(), answer).is_some() {
            return Err(ConsentError::AnsweredTwice(key.to_string()));
        }
    }
    Ok(form.items.iter().map(|i| (i.to_string(), answers.get(&i.to_string()).copied().unwrap_or(Answer::No))).collect())
}

/// Whose consent counts for `person` on `date`: staff always themselves; a
/// child from the age of own consent themselves, below it a guardian.
/// `None` for a child without a birth date (it cannot be known).
pub fn who_decides(person: &Person, date: NaiveDate, consent_age: u8) -> Option<GivenByRole> {
    if person.kind == PersonKind::Staff {
        return Some(GivenByRole::SelfPerson);
    }
    let age = age_on(person.birth_date?, date);
    Some(if age >= i32::from(consent_age) { GivenByRole::SelfPerson } else { GivenByRole::Guardian })
}

/// The first day `person` decides for themselves (DESIGN rule 3): their
/// birthday at the age of own consent then in force, or the day a lower age
/// took effect if they were past it already. `None` for staff (always
/// themselves) and a child without a birth date (it cannot be known).
pub fn own_consent_from(person: &Person, org: &Organisation) -> Option<NaiveDate> {
    if person.kind == PersonKind::Staff {
        return None;
    }
    let birth = person.birth_date?;
    let periods = org.consent_age_periods();
    for (i, (start, age)) in periods.iter().enumerate() {
        let end = periods.get(i + 1).and_then(|p| p.0);
        let day = birthday_at(birth, *age)?.max(start.unwrap_or(NaiveDate::MIN));
        if end.is_none_or(|e| day < e) {
            return Some(day);
        }
    }
    None
}

/// The last day on which a guardian's answer for `person` counts when asked
/// about `at` (DESIGN rule 3), or `None` when it counts until replaced: the
/// person does not decide for themselves on `at`, or the organisation keeps
/// a guardian's word until the person's own.
pub fn guardian_counts_until(person: &Person, org: &Organisation, at: NaiveDate) -> Option<NaiveDate> {
    if org.guardian_consent == GuardianConsent::UntilOwnAnswer || who_decides(person, at, org.consent_age_on(at)) != Some(GivenByRole::SelfPerson) {
        return None;
    }
    Some(org.school_year_start.school_year_end(own_consent_from(person, org)?))
}

/// Check that `given_by` is the one whose consent counts (see [`who_decides`]).
pub fn who_gives(person: &Person, given_by: &str, date: NaiveDate, consent_age: u8) -> Result<(GivenByRole, Option<i64>), ConsentError> {
    let wanted = normalise_name(given_by);
    let is_self = normalise_name(&person.name) == wanted;
    let age = person.birth_date.map(|b| age_on(b, date));
    match who_decides(person, date, consent_age) {
        None => Err(ConsentError::BirthDateNeeded { person: person.name.clone() }),
        Some(GivenByRole::SelfPerson) if is_self => Ok((GivenByRole::SelfPerson, None)),
        // Staff have no age here: the message then says they are staff.
        Some(GivenByRole::SelfPerson) => {
            Err(ConsentError::SelfRequired { person: person.name.clone(), age: age.filter(|_| person.kind != PersonKind::Staff), consent_age })
        }
        Some(_) => match person.guardians.iter().find(|g| normalise_name(&g.name) == wanted) {
            Some(g) => Ok((GivenByRole::Guardian, Some(g.id))),
            None => Err(ConsentError::GuardianRequired {
                person: person.name.clone(),
                age: age.unwrap_or_default(),
                consent_age,
                guardians: person.guardians.iter().map(|g| g.name.clone()).collect(),
            }),
        },
    }
}

/// `name` as a signer for `person`: the person, or one of their linked guardians.
fn signer_for(person: &Person, name: &str) -> Option<Signer> {
    let wanted = normalise_name(name);
    if normalise_name(&person.name) == wanted {
        return Some(Signer { name: name.to_string(), role: GivenByRole::SelfPerson, guardian: None });
    }
    person.guardians.iter().find(|g| normalise_name(&g.name) == wanted).map(|g| Signer {
        name: name.to_string(),
        role: GivenByRole::Guardian,
        guardian: Some(g.id),
    })
}

/// Everyone who signed a form for `person` on `date`: the one who decides
/// first (see [`who_gives`]), then the others in the order given, each the
/// person or a linked guardian (a guardian beside a pupil's own signature,
/// or the pupil beside a guardian's). Nobody twice.
pub fn record_signers(person: &Person, names: &[String], date: NaiveDate, consent_age: u8) -> Result<Vec<Signer>, ConsentError> {
    let Some(first) = names.iter().position(|n| who_gives(person, n, date, consent_age).is_ok()) else {
        // Nobody given decides: say why for the first name.
        let first = names.first().map(String::as_str).unwrap_or_default();
        return Err(match who_gives(person, first, date, consent_age) {
            Err(e) => e,
            Ok(_) => ConsentError::NotGuardianOrSelf { person: person.name.clone(), given_by: first.to_string() },
        });
    };
    let (role, guardian) = who_gives(person, &names[first], date, consent_age)?;
    let mut out = vec![Signer { name: names[first].clone(), role, guardian }];
    for name in names.iter().enumerate().filter(|(i, _)| *i != first).map(|(_, n)| n) {
        out.push(signer_for(person, name).ok_or_else(|| ConsentError::NotGuardianOrSelf { person: person.name.clone(), given_by: name.trim().to_string() })?);
    }
    nobody_twice(&out)?;
    Ok(out)
}

/// Everyone who signed a withdrawal: any of them may (see [`who_withdraws`]).
pub fn withdraw_signers(person: &Person, names: &[String]) -> Result<Vec<Signer>, ConsentError> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let (role, guardian) = who_withdraws(person, name)?;
        out.push(Signer { name: name.clone(), role, guardian });
    }
    nobody_twice(&out)?;
    Ok(out)
}

fn nobody_twice(signers: &[Signer]) -> Result<(), ConsentError> {
    let mut seen = std::collections::HashSet::new();
    for s in signers {
        if !seen.insert((s.role, s.guardian)) {
            return Err(ConsentError::SignedTwice { name: s.name.clone() });
        }
    }
    Ok(())
}

/// A "yes" a guardian gives needs the signatures the organisation asks
/// for: with `Both`, both linked guardians (or the only one). A form of
/// "no" answers only, and a person deciding for themselves, need one.
pub fn check_signatures(person: &Person, signers: &[Signer], answers: &BTreeMap<String, Answer>, rule: SignaturesForYes) -> Result<(), ConsentError> {
    let decider_is_guardian = signers.first().is_some_and(|s| s.role == GivenByRole::Guardian);
    if rule == SignaturesForYes::One || !decider_is_guardian || !answers.values().any(|a| *a == Answer::Yes) {
        return Ok(());
    }
    let signed: std::collections::HashSet<i64> = signers.iter().filter_map(|s| s.guardian).collect();
    if signed.len() >= person.guardians.len().min(2) {
        return Ok(());
    }
    let missing = person.guardians.iter().filter(|g| !signed.contains(&g.id)).map(|g| g.name.clone()).collect();
    Err(ConsentError::SecondSignatureNeeded { person: person.name.clone(), missing })
}

/// Withdrawing must be as easy as giving: the person themselves or any
/// linked guardian may withdraw, whatever the age.
pub fn who_withdraws(person: &Person, given_by: &str) -> Result<(GivenByRole, Option<i64>), ConsentError> {
    let wanted = normalise_name(given_by);
    if normalise_name(&person.name) == wanted {
        return Ok((GivenByRole::SelfPerson, None));
    }
    person
        .guardians
        .iter()
        .find(|g| normalise_name(&g.name) == wanted)
        .map(|g| (GivenByRole::Guardian, Some(g.id)))
        .ok_or_else(|| ConsentError::NotGuardianOrSelf { person: person.name.clone(), given_by: given_by.trim().to_string() })
}

/// Everyone who may withdraw consent for `person` (see [`who_withdraws`]):
/// the person and every linked guardian, whoever decides now first.
pub fn withdrawers(person: &Person, decides_self: bool) -> Vec<String> {
    let guardians = person.guardians.iter().map(|g| g.name.clone());
    let mut all: Vec<String> = if decides_self {
        std::iter::once(person.name.clone()).chain(guardians).collect()
    } else {
        guardians.chain(std::iter::once(person.name.clone())).collect()
    };
    let mut seen = std::collections::HashSet::new();
    all.retain(|n| seen.insert(normalise_name(n)));
    all
}

/// A consent date must fall within the person's life at the organisation.
pub fn check_event_date(person: &Person, date: NaiveDate) -> Result<(), ConsentError> {
    if let Some(birth) = person.birth_date {
        if date < birth {
            return Err(ConsentError::BeforeBirth { date, birth });
        }
    }
    if let Some(leave) = person.leave_date {
        if date > leave {
            return Err(ConsentError::AfterLeaving { date, leave });
        }
    }
    Ok(())
}

/// The number of consent events of a person and a SHA-256 over them, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Fingerprint {
    pub events: u32,
    pub sha256: String,
}

/// The number of events in a person's consent history and a SHA-256 over
/// them in order. Printed on the exit dossier and reported by `audit verify
/// --person`, so a paper record can be matched with the store years later.
/// Printing itself is not a consent event, so printing never changes it.
pub fn history_fingerprint(events: &[ConsentEvent]) -> (u32, String) {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for e in events {
        // serde_json writes struct fields in declaration order and answers in
        // key order (BTreeMap): the same history always hashes alike.
        let bytes = serde_json::to_vec(e).unwrap_or_default();
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    (u32::try_from(events.len()).unwrap_or(u32::MAX), hex::encode(h.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::Guardian;

    #[test]
    fn everyone_offered_to_withdraw_may_withdraw() {
        let person = Person {
            id: 1,
            name: "Sanne de Vries".into(),
            kind: PersonKind::Child,
            birth_date: None,
            leave_date: None,
            external_id: None,
            memberships: vec![],
            guardians: vec![Guardian { id: 2, name: "Anna de Vries".into() }, Guardian { id: 3, name: "Piet de Vries".into() }],
        };
        assert_eq!(withdrawers(&person, false), ["Anna de Vries", "Piet de Vries", "Sanne de Vries"]);
        assert_eq!(withdrawers(&person, true)[0], "Sanne de Vries");
        for name in withdrawers(&person, false) {
            assert!(who_withdraws(&person, &name).is_ok(), "{name}");
        }
    }
}
