//! Every error code Beeldakkoord answers with, in one enum: the window and
//! the CLI's JSON carry them as strings (`person.unknown`), the window's
//! TypeScript gets them as a union generated from this list, and tests
//! match on them. A code once published never changes meaning.

use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($name:ident = $text:literal,)*) => {
        /// A stable error code; serialised as its dotted text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
        pub enum ErrorCode {
            $(#[serde(rename = $text)] $name,)*
        }

        impl ErrorCode {
            /// Every code, in the order of this file.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name,)*];

            /// The dotted text, e.g. `person.unknown`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$name => $text,)*
                }
            }
        }
    };
}

codes! {
    // auth
    AuthCommonPassword = "auth.common_password",
    AuthDisabled = "auth.disabled",
    AuthFailed = "auth.failed",
    AuthForbidden = "auth.forbidden",
    AuthHash = "auth.hash",
    AuthMustChangePassword = "auth.must_change_password",
    AuthNoPassword = "auth.no_password",
    AuthRequired = "auth.required",
    DeskLocked = "desk.locked",
    DeskNotOpen = "desk.not_open",
    AuthSamePassword = "auth.same_password",
    AuthUsername = "auth.username",
    AuthWait = "auth.wait",
    AuthWeakPassword = "auth.weak_password",
    // backup
    BackupDamaged = "backup.damaged",
    BackupNewer = "backup.newer",
    BackupNotABackup = "backup.not_a_backup",
    BackupTargetNotEmpty = "backup.target_not_empty",
    BackupTruncated = "backup.truncated",
    // consent
    ConsentAfterLeaving = "consent.after_leaving",
    ConsentAlreadyVoided = "consent.already_voided",
    ConsentNothingToConfirm = "consent.nothing_to_confirm",
    ConsentAnsweredTwice = "consent.answered_twice",
    ConsentBadAnswer = "consent.bad_answer",
    ConsentBeforeBirth = "consent.before_birth",
    ConsentBirthDateNeeded = "consent.birth_date_needed",
    ConsentFormAudience = "consent.form_audience",
    ConsentFormInactive = "consent.form_inactive",
    ConsentGuardianRequired = "consent.guardian_required",
    ConsentMethod = "consent.method",
    ConsentNoItems = "consent.no_items",
    ConsentNotGuardianOrSelf = "consent.not_guardian_or_self",
    ConsentNothingToWithdraw = "consent.nothing_to_withdraw",
    ConsentSecondSignature = "consent.second_signature",
    ConsentDeskOnly = "consent.desk_only",
    ConsentUnanswered = "consent.unanswered",
    ConsentNoSigner = "consent.no_signer",
    ConsentSelfRequired = "consent.self_required",
    ConsentSignedTwice = "consent.signed_twice",
    ConsentTermEnded = "consent.term_ended",
    ConsentUnknownEvent = "consent.unknown_event",
    ConsentUnknownItem = "consent.unknown_item",
    ConsentVoidReason = "consent.void_reason",
    // date
    DateInFuture = "date.in_future",
    DateMalformed = "date.malformed",
    DateMonthDay = "date.month_day",
    DateOrder = "date.order",
    DateOutOfRange = "date.out_of_range",
    // file
    FileDanglingLink = "file.dangling_link",
    FileEncoding = "file.encoding",
    FileExists = "file.exists",
    FileInsideData = "file.inside_data",
    FileIsFolder = "file.is_folder",
    FileNoFolder = "file.no_folder",
    FileNoName = "file.no_name",
    FileNotAFolder = "file.not_a_folder",
    FileNotFound = "file.not_found",
    FileNotRegular = "file.not_regular",
    FileRead = "file.read",
    FileSameOutput = "file.same_output",
    FileTooLarge = "file.too_large",
    FileWrite = "file.write",
    // form
    FormBadAudience = "form.bad_audience",
    FormBadItem = "form.bad_item",
    FormBadKey = "form.bad_key",
    FormBadTerm = "form.bad_term",
    FormDuplicateItem = "form.duplicate_item",
    FormLabel = "form.label",
    FormMissing = "form.missing",
    FormToml = "form.toml",
    FormUnknown = "form.unknown",
    FormUnknownKey = "form.unknown_key",
    FormUnknownVersion = "form.unknown_version",
    // group
    GroupEmpty = "group.empty",
    GroupExists = "group.exists",
    GroupUnknown = "group.unknown",
    // input
    InputControlCharacter = "input.control_character",
    InputNameEmpty = "input.name_empty",
    InputNameTooLong = "input.name_too_long",
    InputTextTooLong = "input.text_too_long",
    // notice
    NoticeAudience = "notice.audience",
    NoticeText = "notice.text",
    NoticeUses = "notice.uses",
    // org
    OrgLogo = "org.logo",
    // pdf
    PdfEmpty = "pdf.empty",
    PdfFonts = "pdf.fonts",
    // person
    PersonGuardianExists = "person.guardian_exists",
    PersonGuardianForStaff = "person.guardian_for_staff",
    PersonKind = "person.kind",
    PersonLeaveBeforeBirth = "person.leave_before_birth",
    PersonLeaveBeforeConsent = "person.leave_before_consent",
    PersonLeaveTooFar = "person.leave_too_far",
    PersonPurged = "person.purged",
    PersonUnknown = "person.unknown",
    // face
    FaceNotTooSmall = "face.not_too_small",
    FaceUnknown = "face.unknown",
    // photo
    PhotoBlocked = "photo.blocked",
    PhotoBoxOutside = "photo.box_outside",
    PhotoCorrupt = "photo.corrupt",
    PhotoDamaged = "photo.damaged",
    PhotoEmpty = "photo.empty",
    PhotoFaceModel = "photo.face_model",
    PhotoNoLibrary = "photo.no_library",
    PhotoNotTagged = "photo.not_tagged",
    PhotoOutputFormat = "photo.output_format",
    PhotoPersonLeft = "photo.person_left",
    PhotoShape = "photo.shape",
    PhotoTooLarge = "photo.too_large",
    PhotoUnknown = "photo.unknown",
    PhotoUnknownChannel = "photo.unknown_channel",
    PhotoUnknownPurpose = "photo.unknown_purpose",
    PhotoUnknownTag = "photo.unknown_tag",
    PhotoUnknownType = "photo.unknown_type",
    PhotoUnsupported = "photo.unsupported",
    // publication
    PublicationAlreadyRemoved = "publication.already_removed",
    PublicationPlace = "publication.place",
    PublicationRemovedBeforePublished = "publication.removed_before_published",
    PublicationUnknown = "publication.unknown",
    // retention
    RetentionFutureDate = "retention.future_date",
    RetentionNoReason = "retention.no_reason",
    RetentionNotLeft = "retention.not_left",
    RetentionPhotosLonger = "retention.photos_longer",
    RetentionYears = "retention.years",
    // roster
    RosterDuplicateColumn = "roster.duplicate_column",
    RosterEmpty = "roster.empty",
    RosterInvalid = "roster.invalid",
    RosterNoNameColumn = "roster.no_name_column",
    // setup
    ScanChanged = "scan.changed",
    ScanDamaged = "scan.damaged",
    ScanEmpty = "scan.empty",
    ScanEmptySignature = "scan.empty_signature",
    ScanLocked = "scan.locked",
    ScanNotADocument = "scan.not_a_document",
    ScanTooLarge = "scan.too_large",
    ScanUnknown = "scan.unknown",
    SetupAlreadyInitialised = "setup.already_initialised",
    SetupConsentAge = "setup.consent_age",
    SetupBackupKeep = "setup.backup_keep",
    SetupIdleLock = "setup.idle_lock",
    SetupExpiryWarning = "setup.expiry_warning",
    SetupJurisdiction = "setup.jurisdiction",
    SetupNotInitialised = "setup.not_initialised",
    SetupOrgName = "setup.org_name",
    // user
    KeyDamaged = "key.damaged",
    KeyMissing = "key.missing",
    KeyNoRecovery = "key.no_recovery",
    KeyRecoveryTypo = "key.recovery_typo",
    KeyWrongSecret = "key.wrong_secret",
    KeyWrite = "key.write",
    UserExists = "user.exists",
    UserGroups = "user.groups",
    UserLastAdmin = "user.last_admin",
    UserPersonNotStaff = "user.person_not_staff",
    UserPersonTaken = "user.person_taken",
    UserNotAdmin = "user.not_admin",
    UserRole = "user.role",
    UserUnknown = "user.unknown",
    // store
    StoreAppendOnly = "store.append_only",
    StoreBusy = "store.busy",
    StoreCorrupt = "store.damaged",
    StoreDataDir = "store.data_dir",
    StoreDatabase = "store.database",
    StoreDecode = "store.decode",
    StoreDiskFull = "store.disk_full",
    StoreEmptyFile = "store.empty_file",
    StoreExists = "store.exists",
    StoreMigration = "store.migration",
    StoreNoData = "store.no_data",
    StoreNotOurs = "store.not_ours",
    StoreOpen = "store.open",
    StoreReadOnly = "store.read_only",
    StoreReadOnlyOld = "store.read_only_old",
    StoreTooNew = "store.too_new",
    // Raised by the window or the command line rather than the core.
    AppTaskFailed = "app.task_failed",
    AppClipboard = "app.clipboard",
    AppOpenFailed = "app.open_failed",
    AppOpenNotSaved = "app.open_not_saved",
    AuditBroken = "audit.broken",
    CliLang = "cli.lang",
    CliUsage = "cli.usage",
    DialogFailed = "dialog.failed",
    DossierBatchBusy = "dossier.batch_busy",
    DossierBatchFailed = "dossier.batch_failed",
    InputBox = "input.box",
    InputNumber = "input.number",
    PhotoImportBusy = "photo.import_busy",
    PhotoImportFailed = "photo.import_failed",
    PhotoImportPartial = "photo.import_partial",
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Lets tests and callers compare with the dotted text directly.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_dotted_and_unique() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} twice");
            let (area, what) = text.split_once('.').unwrap_or_else(|| panic!("{text} has no area"));
            assert!(!area.is_empty() && !what.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'), "{text}");
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::Value::String(text.to_string()));
        }
    }
}
