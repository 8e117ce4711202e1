//! Errors of one area, each with a stable code: the first setup and the organisation.

use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum SetupError {
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
    #[error("bad idle lock {0}")]
    IdleLock(i64),
    /// Backups to keep outside 1–365.
    #[error("backups to keep {0}")]
    BackupKeep(i64),
    /// Days to announce an ending consent outside 1–365.
    #[error("expiry warning {0}")]
    ExpiryWarning(i64),
}

impl UserFacing for SetupError {
    fn code(&self) -> ErrorCode {
        match self {
            SetupError::NotInitialised => ErrorCode::SetupNotInitialised,
            SetupError::AlreadyInitialised => ErrorCode::SetupAlreadyInitialised,
            SetupError::OrgName => ErrorCode::SetupOrgName,
            SetupError::Jurisdiction(_) => ErrorCode::SetupJurisdiction,
            SetupError::ConsentAge(_) => ErrorCode::SetupConsentAge,
            SetupError::IdleLock(_) => ErrorCode::SetupIdleLock,
            SetupError::BackupKeep(_) => ErrorCode::SetupBackupKeep,
            SetupError::ExpiryWarning(_) => ErrorCode::SetupExpiryWarning,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            SetupError::NotInitialised => lang.pick(
                "Beeldakkoord is nog niet ingericht. Start het programma en vul de eerste instellingen in (of gebruik 'init').".into(),
                "Beeldakkoord has not been set up yet. Open the app and complete the first setup (or use 'init').".into(),
            ),
            SetupError::AlreadyInitialised => lang.pick(
                "Beeldakkoord is al ingericht voor deze gegevensmap. Er is niets veranderd.".into(),
                "Beeldakkoord is already set up for this data folder. Nothing was changed.".into(),
            ),
            SetupError::OrgName => lang.pick("Vul de naam van de organisatie in.".into(), "Enter the organisation's name.".into()),
            SetupError::Jurisdiction(j) => lang.pick(
                format!("'{j}' is geen geldige regio. Kies nl (Nederland) of be-vl (Vlaanderen)."),
                format!("'{j}' is not a valid region. Choose nl (Netherlands) or be-vl (Flanders)."),
            ),
            SetupError::ConsentAge(a) => lang.pick(
                format!("{a} is geen geldige leeftijd voor eigen toestemming. Kies een leeftijd van 12 tot en met 18."),
                format!("{a} is not a valid age of own consent. Choose an age from 12 to 18."),
            ),
            SetupError::BackupKeep(n) => {
                lang.pick(format!("{n} reservekopieën bewaren kan niet: kies 1 tot 365."), format!("Keeping {n} backups is not possible: choose 1 to 365."))
            }
            SetupError::ExpiryWarning(n) => lang.pick(
                format!("{n} dagen kan niet als waarschuwingstermijn. Kies 1 tot en met 365 dagen (standaard 30)."),
                format!("{n} days cannot be the warning period. Choose 1 to 365 days (30 by default)."),
            ),
            SetupError::IdleLock(m) => lang.pick(
                format!("{m} minuten kan niet als vergrendeltijd. Kies 1 tot en met 240 minuten (standaard 10)."),
                format!("{m} minutes cannot be the lock time. Choose 1 to 240 minutes (10 by default)."),
            ),
        }
    }
}
