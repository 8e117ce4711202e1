//! Errors of one area, each with a stable code: retention terms and runs.

use crate::domain::dates::day;
use chrono::NaiveDate;

use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, thiserror::Error)]
pub enum RetentionError {
    /// A term outside 1–30 years.
    #[error("retention years {0}")]
    Years(i64),
    /// Photos and tags cannot outlive the consent data they hang on.
    #[error("photos term longer than consent term")]
    PhotosLongerThanConsent { photos: u8, consent: u8 },
    /// A run that removes data for a day still to come.
    #[error("retention date in the future")]
    FutureDate { date: NaiveDate, today: NaiveDate },
    /// The person has not left (or not yet): nothing to skip.
    #[error("person {0} has not left")]
    NotLeft(i64),
    /// Skipping the dossier needs a reason for the record.
    #[error("no reason")]
    NoReason,
}

impl UserFacing for RetentionError {
    fn code(&self) -> ErrorCode {
        match self {
            RetentionError::Years(_) => ErrorCode::RetentionYears,
            RetentionError::PhotosLongerThanConsent { .. } => ErrorCode::RetentionPhotosLonger,
            RetentionError::FutureDate { .. } => ErrorCode::RetentionFutureDate,
            RetentionError::NotLeft(_) => ErrorCode::RetentionNotLeft,
            RetentionError::NoReason => ErrorCode::RetentionNoReason,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            RetentionError::Years(n) => lang.pick(
                format!("{n} jaar kan niet als bewaartermijn: kies 1 tot en met 30 jaar."),
                format!("{n} years cannot be a retention term: choose 1 to 30 years."),
            ),
            RetentionError::PhotosLongerThanConsent { photos, consent } => lang.pick(
                format!("Foto's en namen op foto's ({photos} jaar) kunnen niet langer bewaard worden dan de toestemming ({consent} jaar): met de toestemming gaan ook de namen weg. Kies voor foto's hoogstens {consent} jaar."),
                format!("Photos and names on photos ({photos} years) cannot be kept longer than consent ({consent} years): the names go with the consent. Choose at most {consent} years for photos."),
            ),
            RetentionError::FutureDate { date, today } => lang.pick(
                format!("Verwijderen per {date} kan nog niet: het is vandaag {today}, en dan zouden gegevens verdwijnen voordat hun termijn om is. Bekijk die datum met een proefrun (--dry-run).", date = day(date), today = day(today)),
                format!("Removing as of {date} is not possible yet: today is {today}, and data would go before their term is over. Look at that date with a dry run (--dry-run).", date = day(date), today = day(today)),
            ),
            RetentionError::NotLeft(id) => lang.pick(
                format!("Persoon {id} heeft geen vertrekdatum in het verleden; het dossier overslaan kan alleen voor wie vertrokken is."),
                format!("Person {id} has no leave date in the past; the dossier can only be skipped for someone who left."),
            ),
            RetentionError::NoReason => lang.pick(
                "Schrijf op waarom het dossier niet afgedrukt wordt (bijvoorbeeld: 'dossier op papier al in het archief'); die reden komt in het logboek.".into(),
                "Write down why the dossier is not printed (for example: 'paper dossier already in the archive'); the reason goes into the audit log.".into(),
            ),
        }
    }
}
