//! Every method of the core API, called as every kind of user: refused with
//! `auth.forbidden` exactly where the policy says, and never for anyone who
//! may. The calls are one exhaustive match over `Action`, so a new method
//! (a new action) does not compile here until it has a call and a rule.
//! The source test at the end holds every method to naming its action.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{
    BoxInput, DeskRecord, DeskSignature, Dismissal, FormTarget, NewNotice, NewPerson, NewUser, PeopleFilter, PhotoFilter, RecordRequest, Rendition, ScanWhich,
    WithdrawRequest,
};
use beeldakkoord_core::auth::{Action, Need, Role, Session};
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::domain::retention::RetentionSettings;
use beeldakkoord_core::files::{OutputDir, OutputFile};
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{Beeldakkoord, Lang};

mod common;

use common::{d, setup};

const PASSWORD: &str = "een heel lang wachtwoord";

/// What one office holds for the calls to work on.
struct Office {
    core: Beeldakkoord,
    dir: PathBuf,
    child: i64,
    photo: i64,
    event: i64,
    publication: i64,
    /// A child who left last summer.
    leaver: i64,
    /// A group photo with real faces (the one the face detector ships with).
    group_photo: i64,
}

fn office(dir: &Path) -> (Office, Session) {
    let (core, admin) = setup(dir);
    core.add_group(&admin, "Groep A").unwrap();
    core.add_group(&admin, "Groep B").unwrap();
    let child = core
        .add_person(
            &admin,
            &NewPerson {
                name: "Anna".into(),
                kind: PersonKind::Child,
                birth_date: Some(d("2019-05-01")),
                groups: vec!["Groep A".into()],
                guardians: vec!["Marieke".into()],
            },
        )
        .unwrap();
    let answers = vec![AnswerInput { item: "group/website/information".into(), yes: true }];
    let event = core
        .record_consent(
            &admin,
            &RecordRequest {
                person: child,
                form: 1,
                version: None,
                answers,
                given_by: "Marieke".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-09-01")),
            },
        )
        .unwrap();
    let camera = dir.join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 90])).save(camera.join("klas.jpg")).unwrap();
    let photo = core.import_photos(&admin, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.set_photo(&admin, photo, Some("group"), Some(false)).unwrap();
    core.tag_photo(&admin, photo, child, Some(BoxInput { x: 10, y: 10, w: 50, h: 50 }), false).unwrap();
    let publication = core.add_publication(&admin, photo, "website", "information", "Schoolwebsite", Some(d("2026-10-01"))).unwrap();
    let leaver = core
        .add_person(
            &admin,
            &NewPerson { name: "Daan".into(), kind: PersonKind::Child, birth_date: Some(d("2018-03-01")), groups: vec!["Groep B".into()], guardians: vec![] },
        )
        .unwrap();
    core.set_leave_date(&admin, leaver, d("2026-07-15")).unwrap();
    let group = dir.join("groep");
    std::fs::create_dir_all(&group).unwrap();
    std::fs::copy(concat!(env!("RUSTFACE_DIR"), "/test.png"), group.join("groep.png")).unwrap();
    let group_photo = core.import_photos(&admin, &[group], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    assert!(core.photo_faces(&admin, group_photo).unwrap().len() > 20, "the group photo has its faces");
    (Office { core, dir: dir.to_path_buf(), child, photo, event, publication, leaver, group_photo }, admin)
}

/// A user of `role` who has chosen their own password (and so may work).
fn user(o: &Office, admin: &Session, name: &str, role: Role, groups: &[&str]) -> Session {
    let groups = groups.iter().map(|g| g.to_string()).collect();
    o.core.add_user(admin, &NewUser { user: name.into(), role, groups, password: "wachtwoord van de beheerder".into() }).unwrap();
    let first = o.core.login(name, "wachtwoord van de beheerder").unwrap();
    assert!(first.must_change_password);
    assert_eq!(o.core.people(&first, &PeopleFilter::default()).unwrap_err().code(), "auth.must_change_password");
    o.core.change_password(&first, "wachtwoord van de beheerder", PASSWORD).unwrap()
}

fn out(o: &Office, name: &str) -> OutputFile {
    OutputFile::new(o.dir.join(name), true)
}

fn folder(o: &Office, name: &str) -> OutputDir {
    let dir = o.dir.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    OutputDir::new(dir, true)
}

/// A small PNG, as a scanned form.
fn scan_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::RgbImage::from_pixel(40, 56, image::Rgb([240, 240, 235])).write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png).unwrap();
    bytes
}

/// Call the method behind `action` as `s`, with arguments that work for an administrator.
fn call(o: &Office, s: &Session, admin: &Session, action: Action, n: usize) -> Result<(), beeldakkoord_core::Error> {
    let c = &o.core;
    let never = AtomicBool::new(false);
    let form_toml = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/forms/kinderopvang-basisschool-nl.toml")).unwrap();
    let person = |name: &str| NewPerson { name: name.into(), kind: PersonKind::Child, birth_date: Some(d("2019-01-01")), groups: vec![], guardians: vec![] };
    match action {
        Action::AddGroup => c.add_group(s, &format!("Nieuwe groep {n}")).map(drop),
        Action::AddGuardian => c.add_guardian(s, o.child, &format!("Voogd {n}")).map(drop),
        Action::AddNotice => c
            .add_notice(
                s,
                &NewNotice {
                    groups: vec!["Groep A".into()],
                    all_staff: false,
                    purposes: vec!["information".into()],
                    channels: vec!["website".into()],
                    text: "Sfeerbeelden van het schoolreisje.".into(),
                    date: None,
                },
            )
            .map(drop),
        Action::AddPerson => c.add_person(s, &person(&format!("Kind {n}"))).map(drop),
        Action::AddPublication => c.add_publication(s, o.photo, "website", "information", &format!("Nieuwsbrief {n}"), Some(d("2026-10-02"))).map(drop),
        Action::AddUser => c.add_user(s, &NewUser { user: format!("nieuw{n}"), role: Role::Office, groups: vec![], password: PASSWORD.into() }).map(drop),
        Action::ChangePassword => c.change_password(s, PASSWORD, PASSWORD).map(drop),
        Action::CheckPhoto => c.check_photo(s, o.photo, "website", "information", None).map(drop),
        Action::ConsentAt => c.consent_at(s, o.child, None).map(drop),
        // No teacher's withdrawal waits here: an allowed role gets `nothing_to_confirm`.
        Action::ConfirmWithdrawal => c.confirm_withdrawal(s, o.event),
        Action::Overview => c.overview(s).map(drop),
        Action::CreateForm => c.create_form(s, &c.form(admin, 1, None)?.content).map(drop),
        Action::DisableUser => c.disable_user(s, "slachtoffer").map(drop),
        Action::DossierBatch => c.dossier_batch(s, d("2026-01-01"), d("2026-12-31"), Lang::Nl, &folder(o, &format!("batch{n}")), &mut |_| {}, &never).map(drop),
        Action::DossierPdf => c.dossier_pdf(s, o.child, Lang::Nl).map(drop),
        Action::DossierPdfAt => c.dossier_pdf_at(s, o.child, Lang::Nl, d("2026-11-22").and_hms_opt(9, 0, 0).unwrap()).map(drop),
        Action::ExportFormFile => c.export_form_file(s, 1, None, &out(o, "form.toml")).map(drop),
        Action::ExportPhoto => c.export_photo(s, o.photo, "website", "information", None, &out(o, "export.jpg")).map(drop),
        Action::Form => c.form(s, 1, None).map(drop),
        Action::FormVersions => c.form_versions(s, 1).map(drop),
        Action::Forms => c.forms(s).map(drop),
        Action::Groups => c.groups(s).map(drop),
        Action::History => c.history(s, o.child).map(drop),
        Action::AttachScan => c.attach_scan(s, o.event, "scan.png", &scan_png()).map(drop),
        Action::ExportPerson => c.export_person(s, o.child, Lang::Nl, &out(o, &format!("inzage-{n}.pdf"))).map(drop),
        Action::DeskForm => c.desk_form(s, o.child, 1, Lang::Nl).map(drop),
        Action::ScanFolder => c.scan_folder(s).map(drop),
        Action::SetScanFolder => c.set_scan_folder(s, Some(&folder(o, "scanner").path)).map(drop),
        Action::RecordAtDesk => c
            .record_at_desk(
                s,
                &DeskRecord {
                    person: o.child,
                    form: 1,
                    version: 1,
                    answers: c.form(admin, 1, None).unwrap().content.items.iter().map(|i| AnswerInput { item: i.to_string(), yes: false }).collect(),
                    signatures: vec![DeskSignature { name: "Marieke".into(), png: common::signature_png(false) }],
                },
            )
            .map(drop),
        Action::AttachScanFile => {
            let file = o.dir.join(format!("scan-{n}.png"));
            std::fs::write(&file, scan_png()).unwrap();
            c.attach_scan_file(s, o.event, &file).map(drop)
        }
        Action::ConsentScan | Action::Attachment | Action::ExportScan => {
            let kept = c.attach_scan(admin, o.event, "scan.png", &scan_png()).unwrap();
            match action {
                Action::ConsentScan => c.consent_scan(s, o.event, kept.number).map(drop),
                Action::Attachment => c.attachment(s, o.event, kept.number).map(drop),
                _ => c.export_scan(s, o.event, kept.number, &out(o, &format!("scan-{n}.png"))).map(drop),
            }
        }
        Action::IdentifyBox => {
            let tag = c.mark_unknown(admin, o.photo, BoxInput { x: 100, y: 100, w: 40, h: 40 })?.last().unwrap().id;
            c.identify_box(s, o.photo, tag, o.child, false).map(drop)
        }
        Action::ImportForm => c.import_form(s, &form_toml).map(drop),
        Action::ImportFormFile => c.import_form_file(s, Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/forms/school-vlaanderen.toml"))).map(drop),
        Action::ImportPhotos => c.import_photos(s, &[o.dir.join("camera")], FacesAtImport::Detect, &mut |_| true).map(drop),
        Action::ImportRoster => c.import_roster(s, b"naam;geboortedatum;groep\nBram;2019-02-02;Groep A\n", true).map(drop),
        Action::ImportRosterFile => {
            let file = o.dir.join("leerlingen.csv");
            std::fs::write(&file, "naam;geboortedatum;groep\nBram;2019-02-02;Groep A\n").unwrap();
            c.import_roster_file(s, &file, true).map(drop)
        }
        Action::LeaverPhotos => c.leaver_photos(s, o.child, &folder(o, &format!("thuis{n}"))).map(drop),
        Action::Leavers => c.leavers(s, d("2026-01-01"), d("2026-12-31")).map(drop),
        Action::MarkUnknown => c.mark_unknown(s, o.photo, BoxInput { x: 200, y: 100, w: 30, h: 30 }).map(drop),
        Action::Notices => c.notices(s).map(drop),
        Action::People => c.people(s, &PeopleFilter::default()).map(drop),
        Action::Person => c.person(s, o.child).map(drop),
        Action::PersonFingerprint => c.person_fingerprint(s, o.child).map(drop),
        Action::PersonPage => c.person_page(s, o.child, None).map(drop),
        Action::Photo => c.photo(s, o.photo).map(drop),
        Action::PhotoChoices => c.photo_choices(s).map(drop),
        Action::PhotoDetail => c.photo_detail(s, o.photo).map(drop),
        Action::PhotoFile => c.photo_file(s, o.photo, Rendition::Thumb).map(drop),
        Action::Photos => c.photos(s, &PhotoFilter::default()).map(drop),
        Action::PrintDossier => c.print_dossier(s, o.child, Lang::Nl, &out(o, "dossier.pdf")).map(drop),
        Action::PrintForm => c.print_form(s, 1, None, &FormTarget::Blank, Lang::Nl, None, &out(o, "formulier.pdf")).map(drop),
        Action::PrintMeasures => c.print_measures(s, Lang::Nl, &out(o, "maatregelen.pdf")).map(drop),
        Action::PrintRecoverySheet => c.print_recovery_sheet(s, Lang::Nl, &out(o, "herstelblad.pdf")).map(drop),
        Action::CreateBackup => c.create_backup(s, &out(o, "kopie.bkb")).map(drop),
        Action::BackupStatus => c.backup_status(s).map(drop),
        Action::SetBackupSettings => {
            let usb = o.dir.join("usb");
            std::fs::create_dir_all(&usb).unwrap();
            c.set_backup_settings(s, Some(&usb), 3).map(drop)
        }
        Action::ScheduledBackup => c.scheduled_backup(s).map(drop),
        Action::RetentionSettings => c.retention_settings(s).map(drop),
        Action::SetRetentionSettings => c.set_retention_settings(s, RetentionSettings::default()).map(drop),
        Action::RunRetention => c.run_retention(s, None, false).map(drop),
        Action::RetentionDue => c.retention_due(s).map(drop),
        Action::SkipDossier => c.skip_dossier(s, o.leaver, "dossier op papier in het archief").map(drop),
        Action::PrintReconsent => c.print_reconsent(s, None, None, Lang::Nl, &out(o, "opnieuw.pdf"), None).map(drop),
        Action::Publications => c.publications(s, o.photo).map(drop),
        Action::Reconsent => c.reconsent(s, None, None).map(drop),
        Action::RecordConsent => c
            .record_consent(
                s,
                &RecordRequest {
                    person: o.child,
                    form: 1,
                    version: None,
                    answers: vec![AnswerInput { item: "group/newsletter/information".into(), yes: true }],
                    given_by: "Marieke".into(),
                    co_signers: vec![],
                    method: Method::Paper,
                    date: None,
                },
            )
            .map(drop),
        Action::RemovePublication => c.remove_publication(s, o.publication, None).map(drop),
        Action::RemoveTag => {
            let tag = c.mark_unknown(admin, o.photo, BoxInput { x: 150, y: 150, w: 20, h: 20 })?.last().unwrap().id;
            c.remove_tag(s, o.photo, tag).map(drop)
        }
        Action::PhotoFaces => c.photo_faces(s, o.group_photo).map(drop),
        Action::ScanFaces => c.scan_faces(s, ScanWhich::New, &mut |_| true).map(drop),
        Action::NameFace => c.name_face(s, o.group_photo, 1, o.child, false).map(drop),
        Action::FaceUnknown => c.face_unknown(s, o.group_photo, 2).map(drop),
        Action::DismissFace => c.dismiss_face(s, o.group_photo, 3, &Dismissal::NotRecognisable).map(drop),
        Action::ReopenFace => c.reopen_face(s, o.group_photo, 3).map(drop),
        Action::FaceStatus => c.face_status(s).map(drop),
        Action::SetFaceSuggestions => c.set_face_suggestions(s, false).map(drop),
        Action::SetFaceExclusion => c.set_face_exclusion(s, o.child, true).map(drop),
        Action::FaceExcluded => c.face_excluded(s, o.child).map(drop),
        Action::ResetPassword => c.reset_password(s, "slachtoffer", PASSWORD).map(drop),
        Action::SaveForm => c.save_form(s, 1, &c.form(admin, 1, None)?.content).map(drop),
        Action::SetFormActive => c.set_form_active(s, 1, true).map(drop),
        Action::SetLeaveDate => c.set_leave_date(s, o.child, d("2027-07-31")).map(drop),
        Action::SetLogo => c.set_logo(s, None).map(drop),
        Action::SetLogoFile => {
            let logo = o.dir.join("logo.png");
            image::RgbImage::from_pixel(40, 20, image::Rgb([200, 30, 30])).save(&logo).unwrap();
            c.set_logo_file(s, &logo).map(drop)
        }
        Action::SetPhoto => c.set_photo(s, o.photo, Some("group"), Some(false)).map(drop),
        Action::SetUserGroups => c.set_user_groups(s, "juf-a", &["Groep A".into()]).map(drop),
        Action::TagPhoto => c.tag_photo(s, o.photo, o.child, Some(BoxInput { x: 10, y: 10, w: 50, h: 50 }), false).map(drop),
        Action::TakedownList => c.takedown_list(s, None).map(drop),
        Action::UntagPhoto => c.untag_photo(s, o.photo, 999_999).map(drop),
        Action::UpdateOrganisation => c.update_organisation(s, &c.organisation()?).map(drop),
        Action::Users => c.users(s).map(drop),
        Action::VerifyAudit => c.verify_audit(s).map(drop),
        Action::AuditLog => c.audit_log(s, &Default::default()).map(drop),
        Action::LinkUserPerson => c.link_user_person(s, "slachtoffer", None).map(drop),
        Action::VoidConsentEvent => c.void_consent_event(s, o.child, o.event, "Verkeerd ingevoerd").map(drop),
        Action::WithdrawConsent => c
            .withdraw_consent(
                s,
                &WithdrawRequest {
                    person: o.child,
                    items: vec!["group/newsletter/information".into()],
                    all: false,
                    given_by: "Marieke".into(),
                    co_signers: vec![],
                    method: Method::Paper,
                    date: None,
                },
            )
            .map(drop),
    }
}

#[test]
fn every_action_is_refused_exactly_where_the_policy_says() {
    let dir = tempfile::tempdir().unwrap();
    let (o, admin) = office(dir.path());
    let office_user = user(&o, &admin, "kantoor", Role::Office, &[]);
    let teacher_a = user(&o, &admin, "juf-a", Role::Teacher, &["Groep A"]);
    let teacher_b = user(&o, &admin, "meester-b", Role::Teacher, &["Groep B"]);
    let disabled = user(&o, &admin, "oud", Role::Office, &[]);
    user(&o, &admin, "slachtoffer", Role::Office, &[]);
    o.core.disable_user(&admin, "oud").unwrap();

    let mut cells = 0;
    let mut wrong = Vec::new();
    for (n, (action, method)) in Action::ALL.iter().enumerate() {
        for (who, s, role) in [
            ("admin", &admin, Some(Role::Admin)),
            ("office", &office_user, Some(Role::Office)),
            ("teacher A", &teacher_a, Some(Role::Teacher)),
            ("teacher B", &teacher_b, Some(Role::Teacher)),
            ("disabled", &disabled, None),
        ] {
            cells += 1;
            let code = call(&o, s, &admin, *action, n).err().map(|e| e.code().as_str().to_string());
            let expected = match role {
                None => Some("auth.required"),
                Some(r) if !action.need().allows(r) => Some("auth.forbidden"),
                Some(_) => None,
            };
            let refused_for_role = matches!(code.as_deref(), Some("auth.forbidden" | "auth.required"));
            let ok = match expected {
                Some(want) => code.as_deref() == Some(want),
                // Allowed: whatever else the call says, never a refusal for who is asking.
                None => !refused_for_role,
            };
            if !ok {
                wrong.push(format!("{method} as {who}: got {code:?}, expected {expected:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {cells} cells wrong:\n{}", wrong.len(), wrong.join("\n"));
    assert_eq!(cells, Action::ALL.len() * 5);
    // Every write of every method, by every role, is covered by the trail:
    // nothing the application writes escapes it.
    let trail = o.core.verify_audit(&admin).unwrap();
    assert!(trail.ok, "{trail:?}");
    // The table as the note reports it.
    let count = |need| Action::ALL.iter().filter(|(a, _)| a.need() == need).count();
    println!(
        "{cells} cells: {} actions ({} for anyone signed in, {} office, {} admin) x 5 users",
        Action::ALL.len(),
        count(Need::SignedIn),
        count(Need::Office),
        count(Need::Admin)
    );
}

#[test]
fn users_are_checked_and_the_last_admin_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (o, admin) = office(dir.path());
    let c = &o.core;
    let new = |user: &str, role, groups: &[&str], password: &str| NewUser {
        user: user.into(),
        role,
        groups: groups.iter().map(|g| g.to_string()).collect(),
        password: password.into(),
    };
    let code = |r: Result<beeldakkoord_core::api::UserInfo, beeldakkoord_core::Error>| r.err().map(|e| e.code().as_str().to_string());
    assert_eq!(code(c.add_user(&admin, &new("", Role::Office, &[], PASSWORD))).as_deref(), Some("auth.username"));
    assert_eq!(code(c.add_user(&admin, &new("de juf", Role::Office, &[], PASSWORD))).as_deref(), Some("auth.username"));
    assert_eq!(code(c.add_user(&admin, &new(&"x".repeat(300), Role::Office, &[], PASSWORD))).as_deref(), Some("input.name_too_long"));
    assert_eq!(code(c.add_user(&admin, &new("juf", Role::Teacher, &[], PASSWORD))).as_deref(), Some("user.groups"));
    assert_eq!(code(c.add_user(&admin, &new("juf", Role::Teacher, &["Groep Z"], PASSWORD))).as_deref(), Some("group.unknown"));
    assert_eq!(code(c.add_user(&admin, &new("juf", Role::Teacher, &["Groep A"], "1234567890"))).as_deref(), Some("auth.common_password"));
    assert_eq!(code(c.add_user(&admin, &new("juf", Role::Teacher, &["Groep A"], "kort"))).as_deref(), Some("auth.weak_password"));
    assert_eq!(code(c.add_user(&admin, &new("juf", Role::Teacher, &["Groep A"], PASSWORD))), None);
    assert_eq!(code(c.add_user(&admin, &new("juf", Role::Office, &[], PASSWORD))).as_deref(), Some("user.exists"));
    // Nothing half-made by the refusals: one user besides the administrator.
    assert_eq!(c.users(&admin).unwrap().iter().map(|u| u.user.as_str()).collect::<Vec<_>>(), ["admin", "juf"]);

    let juf = c.login("juf", PASSWORD).unwrap();
    assert_eq!(c.change_password(&juf, PASSWORD, PASSWORD).unwrap_err().code(), "auth.same_password");
    assert_eq!(c.change_password(&juf, "niet het huidige wachtwoord", "een ander lang wachtwoord").unwrap_err().code(), "auth.failed");
    assert_eq!(code(c.disable_user(&admin, "admin")).as_deref(), Some("user.last_admin"));
    c.add_user(&admin, &new("tweede", Role::Admin, &[], PASSWORD)).unwrap();
    c.disable_user(&admin, "admin").unwrap();
    assert_eq!(c.login("admin", "correct horse battery").unwrap_err().code(), "auth.disabled");
    // The session of a user disabled meanwhile ends at its next call.
    assert_eq!(c.groups(&admin).unwrap_err().code(), "auth.required");
}

#[test]
fn after_five_wrong_passwords_each_next_try_waits_longer() {
    let dir = tempfile::tempdir().unwrap();
    let (o, _) = office(dir.path());
    for _ in 0..5 {
        assert_eq!(o.core.login("admin", "verkeerd wachtwoord").unwrap_err().code(), "auth.failed");
    }
    // The sixth failure starts the wait; even the right password waits now.
    assert_eq!(o.core.login("admin", "verkeerd wachtwoord").unwrap_err().code(), "auth.failed");
    assert_eq!(o.core.login("admin", "correct horse battery").unwrap_err().code(), "auth.wait");
    let logged = o
        .core
        .store()
        .read(|c| {
            c.query_row("SELECT COUNT(*) FROM audit_events WHERE action = 'auth.sign_in_failed'", [], |r| r.get::<_, i64>(0))
                .map_err(beeldakkoord_core::store::StoreError::from)
        })
        .unwrap();
    assert_eq!(logged, 6);
}

/// The list of who may do what, written out apart from the code:
/// teachers do the photo work and register a withdrawal a parent hands in;
/// the office does people, forms, consent, printing and notices; only
/// administrators manage users and the organisation's settings.
fn specified(action: Action) -> Need {
    match action {
        Action::AddPublication
        | Action::ScheduledBackup
        | Action::ChangePassword
        | Action::CheckPhoto
        | Action::ConsentAt
        | Action::Overview
        | Action::ExportPhoto
        | Action::Groups
        | Action::IdentifyBox
        | Action::ImportPhotos
        | Action::MarkUnknown
        | Action::People
        | Action::PersonPage
        | Action::Photo
        | Action::PhotoChoices
        | Action::PhotoDetail
        | Action::PhotoFile
        | Action::Photos
        | Action::Publications
        | Action::RemovePublication
        | Action::RemoveTag
        | Action::SetPhoto
        | Action::TagPhoto
        | Action::TakedownList
        | Action::UntagPhoto
        | Action::PhotoFaces
        | Action::ScanFaces
        | Action::NameFace
        | Action::FaceUnknown
        | Action::DismissFace
        | Action::ReopenFace
        | Action::FaceStatus
        | Action::WithdrawConsent => Need::SignedIn,
        Action::AddGroup
        | Action::AddGuardian
        | Action::AddNotice
        | Action::AddPerson
        | Action::CreateForm
        | Action::DossierBatch
        | Action::DossierPdf
        | Action::DossierPdfAt
        | Action::ExportFormFile
        | Action::Form
        | Action::FormVersions
        | Action::Forms
        | Action::History
        | Action::AttachScan
        | Action::AttachScanFile
        | Action::Attachment
        | Action::ConsentScan
        | Action::ExportScan
        | Action::ExportPerson
        | Action::DeskForm
        | Action::RecordAtDesk
        | Action::ScanFolder
        | Action::SetScanFolder
        | Action::ImportForm
        | Action::ImportFormFile
        | Action::ImportRoster
        | Action::ImportRosterFile
        | Action::LeaverPhotos
        | Action::Leavers
        | Action::Notices
        | Action::Person
        | Action::PersonFingerprint
        | Action::PrintDossier
        | Action::PrintForm
        | Action::PrintMeasures
        | Action::PrintReconsent
        | Action::Reconsent
        | Action::RecordConsent
        | Action::SaveForm
        | Action::SetFormActive
        | Action::SetLeaveDate
        | Action::VerifyAudit
        | Action::CreateBackup
        | Action::BackupStatus
        | Action::SetFaceExclusion
        | Action::FaceExcluded
        | Action::ConfirmWithdrawal
        | Action::VoidConsentEvent => Need::Office,
        Action::AddUser
        | Action::SetFaceSuggestions
        | Action::AuditLog
        | Action::DisableUser
        | Action::LinkUserPerson
        | Action::PrintRecoverySheet
        | Action::SetBackupSettings
        | Action::RetentionSettings
        | Action::SetRetentionSettings
        | Action::RunRetention
        | Action::RetentionDue
        | Action::SkipDossier
        | Action::ResetPassword
        | Action::SetLogo
        | Action::SetLogoFile
        | Action::SetUserGroups
        | Action::UpdateOrganisation
        | Action::Users => Need::Admin,
    }
}

#[test]
fn the_policy_is_the_specified_one() {
    for (action, method) in Action::ALL {
        assert_eq!(action.need(), specified(*action), "{method}");
    }
}

/// Every method that takes a session names its own action first thing, and
/// every action belongs to a method: read from the source.
#[test]
fn every_method_names_its_action() {
    let api = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/api");
    let mut methods = Vec::new();
    for entry in std::fs::read_dir(&api).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("pub fn ") {
            rest = &rest[at + 7..];
            let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let body_at = rest.find('{').unwrap();
            let signature = &rest[..body_at];
            if signature.contains("&self") && signature.contains("s: &Session") {
                let camel: String = name.split('_').map(|w| w[..1].to_uppercase() + &w[1..]).collect();
                let first = rest[body_at + 1..].trim_start().lines().next().unwrap_or_default();
                let names = first == format!("self.allow(s, Action::{camel})?;") || first == format!("let scope = self.allow(s, Action::{camel})?;");
                assert!(names, "{name} must start by naming its action, not `{first}`");
                methods.push(name);
            }
        }
    }
    methods.sort();
    let mut actions: Vec<&str> = Action::ALL.iter().map(|(_, m)| *m).collect();
    actions.sort();
    assert_eq!(methods, actions, "every API method has exactly one action");
}
