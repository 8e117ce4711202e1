//! The core's error: one variant per module error. The edges (window, CLI)
//! turn it into `{code, message}` once, through [`UserFacing`].

use chrono::NaiveDate;

use crate::auth::AuthError;
use crate::domain::consent::ConsentError;
use crate::domain::dates::DateError;
use crate::domain::form::FormError;
use crate::domain::text::{shorten, some_of, TextError};
use crate::files::FileError;
use crate::i18n::{Lang, UserFacing};
use crate::pdf::PdfError;
use crate::photos::PhotoError;
use crate::roster::RosterError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Date(#[from] DateError),
    #[error(transparent)]
    Form(#[from] FormError),
    #[error(transparent)]
    Consent(#[from] ConsentError),
    #[error(transparent)]
    Roster(#[from] RosterError),
    #[error(transparent)]
    Auth(#[from] AuthError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Input(#[from] InputError),
    #[error(transparent)]
    Photo(#[from] PhotoError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Text(#[from] TextError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(StoreError::from(e))
    }
}

impl UserFacing for Error {
    fn code(&self) -> &'static str {
        match self {
            Error::Date(e) => e.code(),
            Error::Form(e) => e.code(),
            Error::Consent(e) => e.code(),
            Error::Roster(e) => e.code(),
            Error::Auth(e) => e.code(),
            Error::Store(e) => e.code(),
            Error::Input(e) => e.code(),
            Error::Photo(e) => e.code(),
            Error::Pdf(e) => e.code(),
            Error::File(e) => e.code(),
            Error::Text(e) => e.code(),
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            Error::Date(e) => e.message(lang),
            Error::Form(e) => e.message(lang),
            Error::Consent(e) => e.message(lang),
            Error::Roster(e) => e.message(lang),
            Error::Auth(e) => e.message(lang),
            Error::Store(e) => e.message(lang),
            Error::Input(e) => e.message(lang),
            Error::Photo(e) => e.message(lang),
            Error::Pdf(e) => e.message(lang),
            Error::File(e) => e.message(lang),
            Error::Text(e) => e.message(lang),
        }
    }
}

/// Why a file cannot be the organisation's logo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoProblem {
    TooLarge,
    NotImage,
    NotPngOrJpeg,
    Damaged,
}

/// Requests that do not fit the data: unknown ids, missing names, …
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("not initialised")]
    NotInitialised,
    #[error("already initialised")]
    AlreadyInitialised,
    #[error("organisation name empty")]
    OrgName,
    #[error("bad jurisdiction {0}")]
    Jurisdiction(String),
    #[error("bad consent age {0}")]
    ConsentAge(i64),
    #[error("name empty")]
    EmptyName,
    #[error("name too long")]
    NameTooLong,
    #[error("unknown group {0}")]
    UnknownGroup(String),
    #[error("group has nobody {0}")]
    EmptyGroup(String),
    #[error("logo unusable: {0:?}")]
    Logo(LogoProblem),
    #[error("group exists {0}")]
    GroupExists(String),
    #[error("unknown person {0}")]
    UnknownPerson(i64),
    #[error("unknown form {0}")]
    UnknownForm(i64),
    #[error("unknown form version {0} v{1}")]
    UnknownVersion(i64, u32),
    #[error("bad kind {0}")]
    Kind(String),
    #[error("bad method {0}")]
    Method(String),
    #[error("guardian for staff")]
    GuardianForStaff,
    #[error("guardian exists")]
    GuardianExists(String),
    #[error("leave before birth")]
    LeaveBeforeBirth { leave: NaiveDate, birth: NaiveDate },
    #[error("leave before consent")]
    LeaveBeforeConsent { leave: NaiveDate, last: NaiveDate },
    #[error("leave too far ahead")]
    LeaveTooFar { leave: NaiveDate, latest: NaiveDate },
    #[error("no items to withdraw")]
    NoItems,
    #[error("unknown photo {0}")]
    UnknownPhoto(i64),
    #[error("unknown {what} {key}")]
    UnknownKey { what: &'static str, key: String, known: Vec<String> },
    #[error("box outside")]
    BoxOutside { width: u32, height: u32 },
    #[error("left before photo")]
    LeftBeforePhoto { name: String, left: NaiveDate, taken: NaiveDate },
    #[error("not tagged")]
    NotTagged(i64),
    #[error("notice without audience")]
    NoticeAudience,
    #[error("notice text empty")]
    NoticeText,
    #[error("blocked")]
    Blocked { people: Vec<String> },
    #[error("unknown publication {0}")]
    UnknownPublication(i64),
    #[error("already removed")]
    AlreadyRemoved(NaiveDate),
    #[error("removed before published")]
    RemovedBeforePublished(NaiveDate),
    #[error("place empty")]
    PlaceEmpty,
    #[error("unknown tag {0}")]
    UnknownTag(i64),
    #[error("notice without purpose or channel")]
    NoticeUses,
}

impl UserFacing for InputError {
    fn code(&self) -> &'static str {
        match self {
            InputError::NotInitialised => "setup.not_initialised",
            InputError::AlreadyInitialised => "setup.already_initialised",
            InputError::OrgName => "setup.org_name",
            InputError::Jurisdiction(_) => "setup.jurisdiction",
            InputError::ConsentAge(_) => "setup.consent_age",
            InputError::EmptyName => "input.name_empty",
            InputError::NameTooLong => "input.name_too_long",
            InputError::UnknownGroup(_) => "group.unknown",
            InputError::EmptyGroup(_) => "group.empty",
            InputError::Logo(_) => "org.logo",
            InputError::GroupExists(_) => "group.exists",
            InputError::UnknownPerson(_) => "person.unknown",
            InputError::UnknownForm(_) => "form.unknown",
            InputError::UnknownVersion(..) => "form.unknown_version",
            InputError::Kind(_) => "person.kind",
            InputError::Method(_) => "consent.method",
            InputError::GuardianForStaff => "person.guardian_for_staff",
            InputError::GuardianExists(_) => "person.guardian_exists",
            InputError::LeaveBeforeBirth { .. } => "person.leave_before_birth",
            InputError::LeaveBeforeConsent { .. } => "person.leave_before_consent",
            InputError::LeaveTooFar { .. } => "person.leave_too_far",
            InputError::NoItems => "consent.no_items",
            InputError::UnknownPhoto(_) => "photo.unknown",
            InputError::UnknownKey { what: "type", .. } => "photo.unknown_type",
            InputError::UnknownKey { what: "channel", .. } => "photo.unknown_channel",
            InputError::UnknownKey { .. } => "photo.unknown_purpose",
            InputError::BoxOutside { .. } => "photo.box_outside",
            InputError::LeftBeforePhoto { .. } => "photo.person_left",
            InputError::NotTagged(_) => "photo.not_tagged",
            InputError::NoticeAudience => "notice.audience",
            InputError::NoticeText => "notice.text",
            InputError::Blocked { .. } => "photo.blocked",
            InputError::UnknownPublication(_) => "publication.unknown",
            InputError::AlreadyRemoved(_) => "publication.already_removed",
            InputError::RemovedBeforePublished(_) => "publication.removed_before_published",
            InputError::PlaceEmpty => "publication.place",
            InputError::UnknownTag(_) => "photo.unknown_tag",
            InputError::NoticeUses => "notice.uses",
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            InputError::NotInitialised => lang.pick(
                "Beeldakkoord is nog niet ingericht. Start het programma en vul de eerste instellingen in (of gebruik 'init').".into(),
                "Beeldakkoord has not been set up yet. Open the app and complete the first setup (or use 'init').".into(),
            ),
            InputError::AlreadyInitialised => lang.pick(
                "Beeldakkoord is al ingericht voor deze gegevensmap. Er is niets veranderd.".into(),
                "Beeldakkoord is already set up for this data folder. Nothing was changed.".into(),
            ),
            InputError::OrgName => lang.pick("Vul de naam van de organisatie in.".into(), "Enter the organisation's name.".into()),
            InputError::Jurisdiction(j) => lang.pick(
                format!("'{j}' is geen geldige regio. Kies nl (Nederland) of be-vl (Vlaanderen)."),
                format!("'{j}' is not a valid region. Choose nl (Netherlands) or be-vl (Flanders)."),
            ),
            InputError::ConsentAge(a) => lang.pick(
                format!("{a} is geen geldige leeftijd voor eigen toestemming. Kies een leeftijd van 12 tot en met 18."),
                format!("{a} is not a valid age of own consent. Choose an age from 12 to 18."),
            ),
            InputError::EmptyName => lang.pick("Vul een naam in.".into(), "Enter a name.".into()),
            InputError::NameTooLong => {
                lang.pick("Deze naam is te lang (maximaal 200 tekens).".into(), "This name is too long (200 characters at most).".into())
            }
            InputError::UnknownGroup(g) => lang.pick(
                format!("De groep '{}' bestaat niet. Maak de groep eerst aan of kies een bestaande groep.", shorten(g, 80)),
                format!("The group '{}' does not exist. Create it first or choose an existing group.", shorten(g, 80)),
            ),
            InputError::GroupExists(g) => lang.pick(format!("De groep '{}' bestaat al.", shorten(g, 80)), format!("The group '{}' already exists.", shorten(g, 80))),
            InputError::Logo(problem) => {
                let (nl, en) = match problem {
                    LogoProblem::TooLarge => ("het is groter dan 5 MB", "it is larger than 5 MB"),
                    LogoProblem::NotImage => ("het is geen afbeelding", "it is not an image"),
                    LogoProblem::NotPngOrJpeg => ("het is geen PNG of JPEG", "it is not PNG or JPEG"),
                    LogoProblem::Damaged => ("de afbeelding is beschadigd", "the image is damaged"),
                };
                lang.pick(
                    format!("Dit bestand kan niet als logo dienen: {nl}. Kies een PNG- of JPEG-afbeelding van hooguit 5 MB."),
                    format!("This file cannot serve as a logo: {en}. Choose a PNG or JPEG image of at most 5 MB."),
                )
            }
            InputError::EmptyGroup(g) => lang.pick(
                format!("In de groep '{}' zit nu niemand: er is niets om af te drukken. Voeg eerst kinderen aan de groep toe.", shorten(g, 80)),
                format!("Nobody is in the group '{}' now, so there is nothing to print. Add children to the group first.", shorten(g, 80)),
            ),
            InputError::UnknownPerson(id) => lang.pick(format!("Er is geen persoon met nummer {id}."), format!("There is no person with number {id}.")),
            InputError::UnknownForm(id) => lang.pick(format!("Er is geen formulier met nummer {id}."), format!("There is no form with number {id}.")),
            InputError::UnknownVersion(id, v) => lang.pick(format!("Formulier {id} heeft geen versie {v}."), format!("Form {id} has no version {v}.")),
            InputError::Kind(k) => lang.pick(
                format!("'{}' is geen soort persoon. Kies child (kind/leerling) of staff (personeel).", shorten(k, 40)),
                format!("'{}' is not a kind of person. Choose child or staff.", shorten(k, 40)),
            ),
            InputError::Method(m) => lang.pick(
                format!("'{}' is geen manier van toestemming geven. Kies digital of paper.", shorten(m, 40)),
                format!("'{}' is not a consent method. Choose digital or paper.", shorten(m, 40)),
            ),
            InputError::GuardianForStaff => lang.pick(
                "Een medewerker heeft geen ouder/voogd: medewerkers geven zelf toestemming.".into(),
                "A staff member has no guardian: staff consent for themselves.".into(),
            ),
            InputError::GuardianExists(g) => lang.pick(format!("{g} is al gekoppeld."), format!("{g} is already linked.")),
            InputError::LeaveBeforeConsent { leave, last } => lang.pick(
                format!("De vertrekdatum {leave} ligt vóór toestemming die al is vastgelegd (op {last}). Kies een vertrekdatum op of na {last}, of maak een verkeerd vastgelegde toestemming eerst ongedaan."),
                format!("The leave date {leave} is before consent already recorded (on {last}). Choose a leave date on or after {last}, or undo consent recorded in error first."),
            ),
            InputError::LeaveTooFar { leave, latest } => lang.pick(
                format!("De vertrekdatum {leave} ligt meer dan een jaar vooruit. Een geplande vertrekdatum mag tot en met {latest}; klopt het jaartal?"),
                format!("The leave date {leave} is more than a year ahead. A planned leave date may be up to {latest}; is the year right?"),
            ),
            InputError::LeaveBeforeBirth { leave, birth } => lang.pick(
                format!("De vertrekdatum {leave} ligt vóór de geboortedatum {birth}."),
                format!("The leave date {leave} is before the birth date {birth}."),
            ),
            InputError::UnknownPhoto(id) => lang.pick(format!("Er is geen foto met nummer {id}."), format!("There is no photo with number {id}.")),
            InputError::UnknownKey { what, key, known } => {
                let (nl, en) = match *what {
                    "type" => ("soort beeld", "photo type"),
                    "channel" => ("kanaal", "channel"),
                    _ => ("doel", "purpose"),
                };
                lang.pick(
                    format!("'{}' is geen {nl} uit de formulieren. Mogelijk: {}.", shorten(key, 60), some_of(known, 12, lang)),
                    format!("'{}' is not a {en} of the forms. Known: {}.", shorten(key, 60), some_of(known, 12, lang)),
                )
            }
            InputError::BoxOutside { width, height } => lang.pick(
                format!("Het vak valt (deels) buiten de foto ({width}×{height} pixels). Teken het vak binnen de foto."),
                format!("The box lies (partly) outside the photo ({width}×{height} pixels). Draw it inside the photo."),
            ),
            InputError::LeftBeforePhoto { name, left, taken } => lang.pick(
                format!("{name} is vertrokken op {left}, vóór de foto van {taken} gemaakt is. Kies de juiste persoon."),
                format!("{name} left on {left}, before the photo of {taken} was taken. Choose the right person."),
            ),
            InputError::NotTagged(p) => lang.pick(format!("Persoon {p} staat niet op deze foto."), format!("Person {p} is not tagged in this photo.")),
            InputError::NoticeAudience => lang.pick(
                "Kies minstens één groep (of al het personeel) die geïnformeerd is.".into(),
                "Choose at least one group (or all staff) that was informed.".into(),
            ),
            InputError::NoticeText => lang.pick(
                "Schrijf de tekst van het informatiebericht, zoals de ouders die kregen.".into(),
                "Write the text of the notice as the parents received it.".into(),
            ),
            InputError::Blocked { people } => lang.pick(
                format!("Deze foto mag voor dit gebruik niet gebruikt worden: {}. Tag of vraag toestemming, of kies een ander gebruik.", people.join("; ")),
                format!("This photo may not be used for this: {}. Tag, ask for consent, or choose another use.", people.join("; ")),
            ),
            InputError::UnknownPublication(id) => {
                lang.pick(format!("Er is geen publicatie met nummer {id}."), format!("There is no publication with number {id}."))
            }
            InputError::AlreadyRemoved(d) => {
                lang.pick(format!("Deze publicatie is al verwijderd op {d}."), format!("This publication was already taken down on {d}."))
            }
            InputError::RemovedBeforePublished(d) => lang.pick(
                format!("Een publicatie kan niet verwijderd zijn vóór ze geplaatst werd ({d})."),
                format!("A publication cannot be taken down before it was published ({d})."),
            ),
            InputError::PlaceEmpty => lang.pick(
                "Schrijf waar de foto geplaatst is (bijv. de pagina of de nieuwsbrief).".into(),
                "Write where the photo was published (e.g. the page or the newsletter).".into(),
            ),
            InputError::NoItems => {
                lang.pick("Kies welke toestemming u intrekt, of kies 'alles'.".into(), "Choose which consent to withdraw, or choose 'all'.".into())
            }
            InputError::UnknownTag(id) => lang.pick(
                format!("Dit vak ({id}) staat niet (meer) op deze foto. Laad de foto opnieuw."),
                format!("This box ({id}) is not (or no longer) on this photo. Reload the photo."),
            ),
            InputError::NoticeUses => lang.pick(
                "Kies minstens één doel en één kanaal waarover de groep geïnformeerd is.".into(),
                "Choose at least one purpose and one channel the group was informed about.".into(),
            ),
        }
    }
}
