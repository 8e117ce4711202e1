//! Errors of one area, each with a stable code: groups, people and guardians.

use crate::domain::dates::day;
use chrono::NaiveDate;

use crate::domain::text::shorten;
use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum PeopleError {
    #[error("name empty")]
    EmptyName,
    #[error("unknown group {0}")]
    UnknownGroup(String),
    #[error("group exists {0}")]
    GroupExists(String),
    #[error("unknown person {0}")]
    UnknownPerson(i64),
    /// The person's data went at the end of its retention term.
    #[error("person {id} purged")]
    Purged { id: i64, on: NaiveDate },
    #[error("bad kind {0}")]
    Kind(String),
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
}

impl UserFacing for PeopleError {
    fn code(&self) -> ErrorCode {
        match self {
            PeopleError::EmptyName => ErrorCode::InputNameEmpty,
            PeopleError::UnknownGroup(_) => ErrorCode::GroupUnknown,
            PeopleError::GroupExists(_) => ErrorCode::GroupExists,
            PeopleError::UnknownPerson(_) => ErrorCode::PersonUnknown,
            PeopleError::Purged { .. } => ErrorCode::PersonPurged,
            PeopleError::Kind(_) => ErrorCode::PersonKind,
            PeopleError::GuardianForStaff => ErrorCode::PersonGuardianForStaff,
            PeopleError::GuardianExists(_) => ErrorCode::PersonGuardianExists,
            PeopleError::LeaveBeforeBirth { .. } => ErrorCode::PersonLeaveBeforeBirth,
            PeopleError::LeaveBeforeConsent { .. } => ErrorCode::PersonLeaveBeforeConsent,
            PeopleError::LeaveTooFar { .. } => ErrorCode::PersonLeaveTooFar,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            PeopleError::EmptyName => lang.pick("Vul een naam in.".into(), "Enter a name.".into()),
            PeopleError::UnknownGroup(g) => lang.pick(
                format!("De groep '{}' bestaat niet. Maak de groep eerst aan of kies een bestaande groep.", shorten(g, 80)),
                format!("The group '{}' does not exist. Create it first or choose an existing group.", shorten(g, 80)),
            ),
            PeopleError::GroupExists(g) => lang.pick(format!("De groep '{}' bestaat al.", shorten(g, 80)), format!("The group '{}' already exists.", shorten(g, 80))),
            PeopleError::UnknownPerson(id) => lang.pick(format!("Er is geen persoon met nummer {id}."), format!("There is no person with number {id}.")),
            PeopleError::Purged { id, on } => lang.pick(
                format!("De gegevens van persoon {id} zijn op {on} verwijderd: de bewaartermijn was voorbij. Het afgedrukte dossier in het leerlingdossier is nu het bewijs van toestemming.", on = day(on)),
                format!("The data of person {id} were removed on {on}: their retention term was over. The printed dossier in the pupil's file is now the proof of consent.", on = day(on)),
            ),
            PeopleError::Kind(k) => lang.pick(
                format!("'{}' is geen soort persoon. Kies child (kind/leerling) of staff (personeel).", shorten(k, 40)),
                format!("'{}' is not a kind of person. Choose child or staff.", shorten(k, 40)),
            ),
            PeopleError::GuardianForStaff => lang.pick(
                "Een medewerker heeft geen ouder/voogd: medewerkers geven zelf toestemming.".into(),
                "A staff member has no guardian: staff consent for themselves.".into(),
            ),
            PeopleError::GuardianExists(g) => lang.pick(format!("{g} is al gekoppeld."), format!("{g} is already linked.")),
            PeopleError::LeaveBeforeBirth { leave, birth } => lang.pick(
                format!("De vertrekdatum {leave} ligt vóór de geboortedatum {birth}.", leave = day(leave), birth = day(birth)),
                format!("The leave date {leave} is before the birth date {birth}.", leave = day(leave), birth = day(birth)),
            ),
            PeopleError::LeaveBeforeConsent { leave, last } => lang.pick(
                format!("De vertrekdatum {leave} ligt vóór toestemming die al is vastgelegd (op {last}). Kies een vertrekdatum op of na {last}, of maak een verkeerd vastgelegde toestemming eerst ongedaan.", leave = day(leave), last = day(last)),
                format!("The leave date {leave} is before consent already recorded (on {last}). Choose a leave date on or after {last}, or undo consent recorded in error first.", leave = day(leave), last = day(last)),
            ),
            PeopleError::LeaveTooFar { leave, latest } => lang.pick(
                format!("De vertrekdatum {leave} ligt meer dan een jaar vooruit. Een geplande vertrekdatum mag tot en met {latest}; klopt het jaartal?", leave = day(leave), latest = day(latest)),
                format!("The leave date {leave} is more than a year ahead. A planned leave date may be up to {latest}; is the year right?", leave = day(leave), latest = day(latest)),
            ),
        }
    }
}
