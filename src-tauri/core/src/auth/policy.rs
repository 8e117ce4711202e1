//! Who may do what: every method of the core API names its action, and
//! each action needs one of three levels. Teachers get the photo work and
//! registering a withdrawal; what they see within it is narrowed to their
//! groups by the methods themselves.

use crate::domain::user::Role;

/// The least a role must be for an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Anyone signed in: teachers too (within their groups).
    SignedIn,
    /// The office: people, forms, consent, printing, notices. Administrators too.
    Office,
    /// Administrators only: users and the organisation's settings.
    Admin,
}

impl Need {
    pub fn allows(self, role: Role) -> bool {
        match self {
            Need::SignedIn => true,
            Need::Office => matches!(role, Role::Office | Role::Admin),
            Need::Admin => role == Role::Admin,
        }
    }
}

macro_rules! actions {
    ($($variant:ident = $method:literal => $need:ident,)*) => {
        /// One per method of the core API that a signed-in user calls.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, with the method it belongs to.
            pub const ALL: &'static [(Action, &'static str)] = &[$((Action::$variant, $method),)*];

            pub fn need(self) -> Need {
                match self {
                    $(Action::$variant => Need::$need,)*
                }
            }

            /// The API method this action guards.
            pub fn method(self) -> &'static str {
                match self {
                    $(Action::$variant => $method,)*
                }
            }
        }
    };
}

actions! {
        AddGroup = "add_group" => Office,
        AddGuardian = "add_guardian" => Office,
        AddNotice = "add_notice" => Office,
        AddPerson = "add_person" => Office,
        AddPublication = "add_publication" => SignedIn,
        AddUser = "add_user" => Admin,
        AuditLog = "audit_log" => Admin,
        ChangePassword = "change_password" => SignedIn,
        CheckPhoto = "check_photo" => SignedIn,
        ConsentAt = "consent_at" => SignedIn,
        ConfirmWithdrawal = "confirm_withdrawal" => Office,
        Overview = "overview" => SignedIn,
        CreateForm = "create_form" => Office,
        DisableUser = "disable_user" => Admin,
        DossierBatch = "dossier_batch" => Office,
        DossierPdf = "dossier_pdf" => Office,
        DossierPdfAt = "dossier_pdf_at" => Office,
        ExportFormFile = "export_form_file" => Office,
        ExportPhoto = "export_photo" => SignedIn,
        DismissFace = "dismiss_face" => SignedIn,
        FaceExcluded = "face_excluded" => Office,
        FaceStatus = "face_status" => SignedIn,
        FaceUnknown = "face_unknown" => SignedIn,
        NameFace = "name_face" => SignedIn,
        PhotoFaces = "photo_faces" => SignedIn,
        ReopenFace = "reopen_face" => SignedIn,
        ScanFaces = "scan_faces" => SignedIn,
        SetFaceExclusion = "set_face_exclusion" => Office,
        SetFaceSuggestions = "set_face_suggestions" => Admin,
        Form = "form" => Office,
        FormVersions = "form_versions" => Office,
        Forms = "forms" => Office,
        Groups = "groups" => SignedIn,
        History = "history" => Office,
        IdentifyBox = "identify_box" => SignedIn,
        ImportForm = "import_form" => Office,
        ImportFormFile = "import_form_file" => Office,
        ImportPhotos = "import_photos" => SignedIn,
        ImportRoster = "import_roster" => Office,
        ImportRosterFile = "import_roster_file" => Office,
        LeaverPhotos = "leaver_photos" => Office,
        Leavers = "leavers" => Office,
        LinkUserPerson = "link_user_person" => Admin,
        MarkUnknown = "mark_unknown" => SignedIn,
        Notices = "notices" => Office,
        People = "people" => SignedIn,
        Person = "person" => Office,
        PersonFingerprint = "person_fingerprint" => Office,
        PersonPage = "person_page" => SignedIn,
        Photo = "photo" => SignedIn,
        PhotoChoices = "photo_choices" => SignedIn,
        PhotoDetail = "photo_detail" => SignedIn,
        PhotoFile = "photo_file" => SignedIn,
        Photos = "photos" => SignedIn,
        PrintDossier = "print_dossier" => Office,
        PrintForm = "print_form" => Office,
        PrintMeasures = "print_measures" => Office,
        PrintReconsent = "print_reconsent" => Office,
        Publications = "publications" => SignedIn,
        Reconsent = "reconsent" => Office,
        RecordConsent = "record_consent" => Office,
        RemovePublication = "remove_publication" => SignedIn,
        RemoveTag = "remove_tag" => SignedIn,
        ResetPassword = "reset_password" => Admin,
        PrintRecoverySheet = "print_recovery_sheet" => Admin,
        CreateBackup = "create_backup" => Office,
        BackupStatus = "backup_status" => Office,
        AttachScan = "attach_scan" => Office,
        AttachScanFile = "attach_scan_file" => Office,
        Attachment = "attachment" => Office,
        ConsentScan = "consent_scan" => Office,
        ExportScan = "export_scan" => Office,
        ExportPerson = "export_person" => Office,
        DeskForm = "desk_form" => Office,
        RecordAtDesk = "record_at_desk" => Office,
        ScanFolder = "scan_folder" => Office,
        SetScanFolder = "set_scan_folder" => Office,
        SetBackupSettings = "set_backup_settings" => Admin,
        ScheduledBackup = "scheduled_backup" => SignedIn,
        RetentionSettings = "retention_settings" => Admin,
        SetRetentionSettings = "set_retention_settings" => Admin,
        RunRetention = "run_retention" => Admin,
        RetentionDue = "retention_due" => Admin,
        SkipDossier = "skip_dossier" => Admin,
        SaveForm = "save_form" => Office,
        SetFormActive = "set_form_active" => Office,
        SetLeaveDate = "set_leave_date" => Office,
        SetLogo = "set_logo" => Admin,
        SetLogoFile = "set_logo_file" => Admin,
        SetPhoto = "set_photo" => SignedIn,
        SetUserGroups = "set_user_groups" => Admin,
        TagPhoto = "tag_photo" => SignedIn,
        TakedownList = "takedown_list" => SignedIn,
        UntagPhoto = "untag_photo" => SignedIn,
        UpdateOrganisation = "update_organisation" => Admin,
        Users = "users" => Admin,
        VerifyAudit = "verify_audit" => Office,
        VoidConsentEvent = "void_consent_event" => Office,
        WithdrawConsent = "withdraw_consent" => SignedIn,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_nest() {
        for role in [Role::Admin, Role::Office, Role::Teacher] {
            assert!(Need::SignedIn.allows(role));
        }
        assert!(Need::Office.allows(Role::Office) && Need::Office.allows(Role::Admin) && !Need::Office.allows(Role::Teacher));
        assert!(Need::Admin.allows(Role::Admin) && !Need::Admin.allows(Role::Office) && !Need::Admin.allows(Role::Teacher));
    }

    #[test]
    fn a_teacher_may_register_a_withdrawal_but_not_record_consent() {
        assert!(Action::WithdrawConsent.need().allows(Role::Teacher));
        assert!(!Action::RecordConsent.need().allows(Role::Teacher));
        assert!(!Action::VoidConsentEvent.need().allows(Role::Teacher));
        assert!(!Action::History.need().allows(Role::Teacher));
    }
}
