//! DESIGN rule 3, enforced: from the age of own consent a child decides, and
//! what a guardian said before keeps counting only as the organisation
//! chooses — by default until the end of the school year of the birthday,
//! or until the child's own answer. After that the verdict treats those
//! items as none ("own confirmation needed") and the re-consent round lists
//! them. Checked at the boundary dates, a leap-day birthday included.

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{BoxInput, InitRequest, NewPerson, RecordRequest, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::decision::reconsent::ReconsentReason;
use beeldakkoord_core::decision::verdict::{Outcome, Rule};
use beeldakkoord_core::decision::Status;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::org::GuardianConsent;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{d, request};

const ITEM: &str = "class/website/activities";

/// A form whose "yes" holds for the whole school career, so that only rule 3
/// can end it.
const CAREER_FORM: &str = r#"
title = "Toestemming beeldmateriaal (hele schoolloopbaan)"
text = """Beste ouder, ..."""
term = "school-career"
items = ["class/website/activities"]

[photo_types]
class = { nl = "Klasfoto", en = "Class photo" }

[channels]
website = { nl = "Website", en = "Website" }

[purposes]
activities = { nl = "Schoolactiviteiten", en = "School activities" }
"#;

struct School {
    _dir: tempfile::TempDir,
    core: Beeldakkoord,
    s: Session,
    form: i64,
    child: i64,
    photo: i64,
}

/// A school (age of own consent 16 unless `age` says otherwise) with one
/// child born on `birth`, whose guardian said yes on `given`, tagged alone on
/// a class photo.
fn school(birth: &str, given: &str, age: Option<u8>, year_start: Option<&str>) -> School {
    let dir = tempfile::tempdir().unwrap();
    // The age and school year as set up (a later change counts from its day only).
    let req = InitRequest { consent_age: age.map(i64::from), school_year_start: year_start.map(str::to_string), ..request() };
    let (core, s) = Beeldakkoord::create(&dir.path().join("data"), &req).unwrap();
    let core = core.with_today(d("2027-06-30"));
    let form = core.import_form(&s, CAREER_FORM).unwrap().form;
    core.add_group(&s, "Groep 8").unwrap();
    let child = core
        .add_person(
            &s,
            &NewPerson {
                name: "Sem Jansen".into(),
                kind: PersonKind::Child,
                birth_date: Some(d(birth)),
                groups: vec!["Groep 8".into()],
                guardians: vec!["Marieke Jansen".into()],
            },
        )
        .unwrap();
    answer(&core, &s, form, child, "Marieke Jansen", true, given);
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 40])).save(camera.join("klas.jpg")).unwrap();
    let photo = core.import_photos(&s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.set_photo(&s, photo, Some("class"), None).unwrap();
    core.tag_photo(&s, photo, child, Some(BoxInput { x: 10, y: 10, w: 50, h: 50 }), false).unwrap();
    School { _dir: dir, core, s, form, child, photo }
}

fn answer(core: &Beeldakkoord, s: &Session, form: i64, person: i64, given_by: &str, yes: bool, date: &str) {
    core.record_consent(
        s,
        &RecordRequest {
            person,
            form,
            version: None,
            answers: vec![AnswerInput { item: ITEM.into(), yes }],
            given_by: given_by.into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d(date)),
        },
    )
    .unwrap();
}

impl School {
    /// The item's status on `date`, and whether an own answer is needed.
    fn status(&self, date: &str) -> (Status, bool) {
        let item = self.core.consent_at(&self.s, self.child, Some(d(date))).unwrap().items.into_iter().find(|i| i.item == ITEM).unwrap();
        (item.status, item.own_answer_needed)
    }
    /// The verdict for the website on `date`: outcome and the child's rule.
    fn verdict(&self, date: &str) -> (Outcome, Rule) {
        let v = self.core.check_photo(&self.s, self.photo, "website", "activities", Some(d(date))).unwrap().verdict;
        (v.outcome, v.people[0].rule)
    }
    /// The items the re-consent round lists under "own consent age" on `date`.
    fn asked_again(&self, date: &str) -> Option<Vec<String>> {
        self.core.reconsent(&self.s, Some(d(date)), None).unwrap().into_iter().find(|l| l.reason == ReconsentReason::OwnConsentAge).map(|l| l.items)
    }
    fn own_confirmation_flag(&self, date: &str) -> bool {
        self.core.person_page(&self.s, self.child, Some(d(date))).unwrap().own_confirmation_needed
    }
    fn set_rule(&self, rule: GuardianConsent) {
        let mut org = self.core.organisation().unwrap();
        org.guardian_consent = rule;
        self.core.update_organisation(&self.s, &org).unwrap();
    }
}

#[test]
fn a_guardians_yes_counts_until_the_end_of_the_school_year_of_the_sixteenth_birthday() {
    // Born 15 March 2010: 16 on 15 March 2026; that school year ends 31 July 2026.
    let sc = school("2010-03-15", "2025-09-01", None, None);
    // The day before the birthday: the guardian decides, nothing to confirm.
    assert_eq!(sc.status("2026-03-14"), (Status::Granted, false));
    assert!(!sc.own_confirmation_flag("2026-03-14"));
    assert_eq!(sc.asked_again("2026-03-14"), None);
    // On the birthday Sem decides; the guardian's yes still counts, and the office is told to ask.
    assert_eq!(sc.status("2026-03-15"), (Status::Granted, false));
    assert!(sc.own_confirmation_flag("2026-03-15"));
    assert_eq!(sc.asked_again("2026-03-15"), Some(vec![ITEM.to_string()]));
    assert_eq!(sc.verdict("2026-03-15"), (Outcome::Allowed, Rule::ConsentGranted));
    // The last day of that school year: still counts.
    assert_eq!(sc.status("2026-07-31"), (Status::Granted, false));
    assert_eq!(sc.verdict("2026-07-31").0, Outcome::Allowed);
    // The next day it no longer does: none, own confirmation needed, and the photo is anonymised.
    assert_eq!(sc.status("2026-08-01"), (Status::None, true));
    assert_eq!(sc.verdict("2026-08-01"), (Outcome::Anonymise, Rule::OwnAnswerNeeded));
    assert_eq!(sc.asked_again("2026-08-01"), Some(vec![ITEM.to_string()]));
    assert!(sc.own_confirmation_flag("2026-08-01"));

    // Sem's own answer, recorded later, is what holds from its date.
    answer(&sc.core, &sc.s, sc.form, sc.child, "Sem Jansen", true, "2026-09-01");
    assert_eq!(sc.status("2026-09-01"), (Status::Granted, false));
    assert_eq!(sc.verdict("2026-09-01"), (Outcome::Allowed, Rule::ConsentGranted));
    assert_eq!(sc.asked_again("2026-09-01"), None);
    assert!(!sc.own_confirmation_flag("2026-09-01"));
    // History is not rewritten: on the dates before, the guardian's answer is what held.
    assert_eq!(sc.status("2026-07-31"), (Status::Granted, false));
}

#[test]
fn until_own_answer_the_guardians_yes_keeps_counting_and_the_office_is_still_told() {
    let sc = school("2010-03-15", "2025-09-01", None, None);
    sc.set_rule(GuardianConsent::UntilOwnAnswer);
    assert_eq!(sc.status("2026-08-01"), (Status::Granted, false));
    assert_eq!(sc.status("2030-01-01"), (Status::Granted, false));
    assert_eq!(sc.verdict("2026-08-01").0, Outcome::Allowed);
    assert!(sc.own_confirmation_flag("2026-08-01"));
    assert_eq!(sc.asked_again("2026-08-01"), Some(vec![ITEM.to_string()]));
    // Sem says no: that is what holds.
    answer(&sc.core, &sc.s, sc.form, sc.child, "Sem Jansen", false, "2026-09-01");
    assert_eq!(sc.status("2026-09-01"), (Status::Denied, false));
    assert_eq!(sc.verdict("2026-09-01"), (Outcome::Anonymise, Rule::ConsentDenied));
    // Back to the default: the choice applies at once, to every date.
    sc.set_rule(GuardianConsent::UntilSchoolYearEnd);
    assert_eq!(sc.status("2026-08-01"), (Status::None, true));
}

#[test]
fn a_leap_day_birthday_counts_from_the_first_of_march() {
    // Born 29 February 2008, own consent at 17: on 1 March 2025 (no 29 February
    // that year). With the school year starting on 1 March, that day opens a
    // school year, which ends on 28 February 2026.
    let sc = school("2008-02-29", "2024-09-01", Some(17), Some("03-01"));
    assert!(!sc.own_confirmation_flag("2025-02-28"));
    assert!(sc.own_confirmation_flag("2025-03-01"));
    assert_eq!(sc.status("2026-02-28"), (Status::Granted, false));
    assert_eq!(sc.status("2026-03-01"), (Status::None, true));
    assert_eq!(sc.verdict("2026-03-01"), (Outcome::Anonymise, Rule::OwnAnswerNeeded));
}

#[test]
fn a_guardians_withdrawal_stays_a_withdrawal_and_staff_and_unknown_ages_are_untouched() {
    let sc = school("2010-03-15", "2025-09-01", None, None);
    sc.core
        .withdraw_consent(
            &sc.s,
            &WithdrawRequest {
                person: sc.child,
                items: vec![ITEM.into()],
                all: false,
                given_by: "Marieke Jansen".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-01-10")),
            },
        )
        .unwrap();
    assert_eq!(sc.status("2026-08-01"), (Status::Withdrawn, false));
    assert_eq!(sc.verdict("2026-08-01").1, Rule::ConsentWithdrawn);

    // A child without a birth date: whose word counts cannot be known, the guardian's stays.
    let no_birth = sc
        .core
        .add_person(&sc.s, &NewPerson { name: "Lotte".into(), kind: PersonKind::Child, birth_date: None, groups: vec![], guardians: vec!["Anna".into()] })
        .unwrap();
    let item = |p| sc.core.consent_at(&sc.s, p, Some(d("2030-01-01"))).unwrap().items.into_iter().find(|i| i.item == ITEM).unwrap();
    assert!(!item(no_birth).own_answer_needed);
}

#[test]
fn a_new_age_of_own_consent_counts_from_its_day_and_a_guardians_word_until_that_school_year_ends() {
    // Sem is 14 on 10 January 2027 when the organisation lowers the age from 16 to 12.
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = Beeldakkoord::create(&dir.path().join("data"), &request()).unwrap();
    let core = core.with_today(d("2027-01-10"));
    let form = core.import_form(&s, CAREER_FORM).unwrap().form;
    let sem = core
        .add_person(
            &s,
            &NewPerson {
                name: "Sem Jansen".into(),
                kind: PersonKind::Child,
                birth_date: Some(d("2012-05-01")),
                groups: vec![],
                guardians: vec!["Marieke Jansen".into()],
            },
        )
        .unwrap();
    answer(&core, &s, form, sem, "Marieke Jansen", true, "2026-09-01");
    let mut org = core.organisation().unwrap();
    org.consent_age = 12;
    let saved = core.update_organisation(&s, &org).unwrap();
    assert_eq!(saved.consent_age_changes.len(), 1);
    assert_eq!((saved.consent_age_changes[0].from, saved.consent_age_changes[0].previous), (d("2027-01-10"), 16));
    let page = |date: &str| core.person_page(&s, sem, Some(d(date))).unwrap();
    // The day before the change the guardian decided, at 16; from the change on Sem does.
    assert_eq!((page("2027-01-09").consents, page("2027-01-09").consent_age), (beeldakkoord_core::domain::consent::GivenByRole::Guardian, 16));
    assert_eq!((page("2027-01-10").consents, page("2027-01-10").consent_age), (beeldakkoord_core::domain::consent::GivenByRole::SelfPerson, 12));
    // The guardian's yes counts until the end of the school year in which the change took effect, not one that ended long ago.
    let status = |date: &str| {
        core.consent_at(&s, sem, Some(d(date))).unwrap().items.into_iter().find(|i| i.item == ITEM).map(|i| (i.status, i.own_answer_needed)).unwrap()
    };
    assert_eq!(status("2027-07-31"), (Status::Granted, false));
    assert_eq!(status("2027-08-01"), (Status::None, true));
    // Only Sem's own word can be recorded from now on; the change is in the audit trail and covered by it.
    let refused = core.record_consent(
        &s,
        &RecordRequest {
            person: sem,
            form,
            version: None,
            answers: vec![AnswerInput { item: ITEM.into(), yes: true }],
            given_by: "Marieke Jansen".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: None,
        },
    );
    assert_eq!(beeldakkoord_core::i18n::UserFacing::code(&refused.unwrap_err()), "consent.self_required");
    assert!(core.verify_audit(&s).unwrap().ok);
}
