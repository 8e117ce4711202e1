//! A consent event signed by more than one person, through the core API:
//! both guardians on one form, the organisation's rule for a "yes" (one
//! signature or both), withdrawal by either guardian alone, who may sign at
//! all, and the signers in the history, the dossier, the audit trail and
//! the retention pass. A refused event changes nothing.

use beeldakkoord_core::api::{RecordRequest, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, EventKind, GivenByRole, Method};
use beeldakkoord_core::domain::org::SignaturesForYes;
use beeldakkoord_core::i18n::{Lang, UserFacing};
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{add, d, dump, photo_hashes, raw, setup};

const WEB: &str = "group/website/information";
const NEWS: &str = "group/newsletter/information";

fn request(person: i64, answers: &[(&str, bool)], signers: &[&str]) -> RecordRequest {
    RecordRequest {
        person,
        form: 1,
        version: None,
        answers: answers.iter().map(|(item, yes)| AnswerInput { item: item.to_string(), yes: *yes }).collect(),
        given_by: signers[0].into(),
        co_signers: signers[1..].iter().map(|s| s.to_string()).collect(),
        method: Method::Paper,
        date: Some(d("2026-09-01")),
    }
}

fn both_needed(core: &Beeldakkoord, s: &Session) {
    let org = core.organisation().unwrap();
    core.update_organisation(s, &beeldakkoord_core::domain::org::Organisation { signatures_for_yes: SignaturesForYes::Both, ..org }).unwrap();
}

fn status(core: &Beeldakkoord, s: &Session, person: i64, item: &str, at: &str) -> String {
    let overview = core.consent_at(s, person, Some(d(at))).unwrap();
    let i = overview.items.iter().find(|i| i.item == item).unwrap();
    format!("{:?}", i.status).to_lowercase()
}

#[test]
fn both_guardians_sign_one_form_and_the_history_names_them_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Ruud Bakker"]);
    let id = core.record_consent(&s, &request(noor, &[(WEB, true), (NEWS, false)], &["Ilse Bakker", "ruud  bakker"])).unwrap();
    let history = core.history(&s, noor).unwrap();
    let e = history.iter().find(|e| e.id == id).unwrap();
    assert_eq!((e.given_by_name.as_str(), e.given_by_role), ("Ilse Bakker", GivenByRole::Guardian));
    assert_eq!(e.co_signers.len(), 1);
    assert_eq!(e.co_signers[0].name, "ruud bakker", "the name as written, tidied");
    assert_eq!(e.co_signers[0].role, GivenByRole::Guardian);
    assert!(e.co_signers[0].guardian.is_some(), "linked to the guardian");
    assert_eq!(status(&core, &s, noor, WEB, "2026-09-02"), "granted");
    // The audit trail covers the signers: verified whole, and a signer changed outside is named.
    assert!(core.verify_audit(&s).unwrap().ok);
    let data = dir.path().join("data");
    raw(&data).execute("DROP TRIGGER consent_cosigners_no_update", []).unwrap();
    raw(&data).execute("UPDATE consent_cosigners SET name = 'Iemand anders' WHERE event_id = ?1", [id]).unwrap();
    let report = core.verify_audit(&s).unwrap();
    assert!(!report.ok);
    assert_eq!(report.table.as_deref(), Some("consent_cosigners"));
}

#[test]
fn the_pupil_and_a_guardian_in_any_order_the_one_who_decides_first() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 8").unwrap();
    // 12 on the day: the guardian decides, the pupil signs beside them.
    let sem = add(&core, &s, "Sem de Wit", "2014-03-01", "Groep 8", &["Karin de Wit"]);
    let id = core.record_consent(&s, &request(sem, &[(WEB, true)], &["Sem de Wit", "Karin de Wit"])).unwrap();
    let e = core.history(&s, sem).unwrap().into_iter().find(|e| e.id == id).unwrap();
    assert_eq!((e.given_by_name.as_str(), e.given_by_role), ("Karin de Wit", GivenByRole::Guardian));
    assert_eq!((e.co_signers[0].name.as_str(), e.co_signers[0].role), ("Sem de Wit", GivenByRole::SelfPerson));
}

#[test]
fn with_both_required_a_yes_needs_both_and_a_refusal_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Ruud Bakker"]);
    let alone = add(&core, &s, "Jip Smit", "2019-05-02", "Groep 3", &["Fleur Smit"]);
    // The default: one signature.
    assert_eq!(core.organisation().unwrap().signatures_for_yes, SignaturesForYes::One);
    both_needed(&core, &s);
    assert_eq!(core.organisation().unwrap().signatures_for_yes, SignaturesForYes::Both);

    let before = (dump(&data, i64::MAX), photo_hashes(&data));
    let err = core.record_consent(&s, &request(noor, &[(WEB, true), (NEWS, false)], &["Ilse Bakker"])).unwrap_err();
    assert_eq!(err.code(), "consent.second_signature");
    let nl = err.message(Lang::Nl);
    assert!(nl.contains("Ruud Bakker") && nl.contains("beide ouders"), "{nl}");
    assert!(err.message(Lang::En).contains("both guardians"));
    assert_eq!((dump(&data, i64::MAX), photo_hashes(&data)), before, "a refused yes changes nothing");
    assert_eq!(status(&core, &s, noor, WEB, "2026-09-02"), "none");

    // Only "no" answers: one guardian suffices.
    core.record_consent(&s, &request(noor, &[(NEWS, false)], &["Ilse Bakker"])).unwrap();
    // Both ticked: the yes counts.
    core.record_consent(&s, &request(noor, &[(WEB, true)], &["Ruud Bakker", "Ilse Bakker"])).unwrap();
    assert_eq!(status(&core, &s, noor, WEB, "2026-09-02"), "granted");
    // A child with one linked guardian: theirs is enough.
    core.record_consent(&s, &request(alone, &[(WEB, true)], &["Fleur Smit"])).unwrap();
    assert_eq!(status(&core, &s, alone, WEB, "2026-09-02"), "granted");

    // Withdrawing stays as easy as giving: either guardian alone.
    let w = core
        .withdraw_consent(
            &s,
            &WithdrawRequest {
                person: noor,
                items: vec![WEB.into()],
                all: false,
                given_by: "Ruud Bakker".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-10-01")),
            },
        )
        .unwrap();
    assert_eq!(status(&core, &s, noor, WEB, "2026-10-02"), "withdrawn");
    let e = core.history(&s, noor).unwrap().into_iter().find(|e| e.id == w).unwrap();
    assert_eq!((e.kind, e.given_by_name.as_str(), e.co_signers.len()), (EventKind::Withdraw, "Ruud Bakker", 0));
}

#[test]
fn a_stranger_or_the_same_guardian_twice_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Ruud Bakker"]);
    let before = (dump(&data, i64::MAX), photo_hashes(&data));
    let err = core.record_consent(&s, &request(noor, &[(WEB, true)], &["Ilse Bakker", "Oma Bakker"])).unwrap_err();
    assert_eq!(err.code(), "consent.not_guardian_or_self");
    assert!(err.message(Lang::Nl).contains("Oma Bakker"));
    let err = core.record_consent(&s, &request(noor, &[(WEB, true)], &["Ilse Bakker", "ILSE BAKKER"])).unwrap_err();
    assert_eq!(err.code(), "consent.signed_twice");
    // Nobody who decides among the names: the reason for the first.
    let err = core.record_consent(&s, &request(noor, &[(WEB, true)], &["Oma Bakker", "Opa Bakker"])).unwrap_err();
    assert_eq!(err.code(), "consent.guardian_required");
    let err = core
        .withdraw_consent(
            &s,
            &WithdrawRequest {
                person: noor,
                items: vec![],
                all: true,
                given_by: "Ilse Bakker".into(),
                co_signers: vec!["Buurvrouw".into()],
                method: Method::Paper,
                date: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "consent.not_guardian_or_self");
    assert_eq!((dump(&data, i64::MAX), photo_hashes(&data)), before, "nothing recorded");
}

#[test]
fn single_signatures_hash_as_before_and_the_dossier_lists_every_signer() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Ruud Bakker"]);
    core.record_consent(&s, &request(noor, &[(NEWS, false)], &["Ilse Bakker"])).unwrap();
    // An event of one signer serialises without the new field: printed fingerprints stay valid.
    let history = core.history(&s, noor).unwrap();
    let json = serde_json::to_value(&history[0]).unwrap();
    assert!(json.get("co_signers").is_none(), "{json}");
    core.record_consent(&s, &request(noor, &[(WEB, true)], &["Ilse Bakker", "Ruud Bakker"])).unwrap();
    let out = dir.path().join("dossier.pdf");
    core.print_dossier(&s, noor, Lang::Nl, &beeldakkoord_core::files::OutputFile::new(&out, true)).unwrap();
    let text = common::content_text(&out);
    // Labels and values stand in two columns: the text has the labels of an event, then its values.
    assert!(text.contains("(#1) Gegeven door Manier"), "{text}");
    assert!(text.contains("(#2) Getekend door Manier"), "{text}");
    assert!(text.contains("Termijn Ilse Bakker (ouder/voogd), Ruud Bakker (ouder/voogd) op papier"), "{text}");
}

#[test]
fn the_retention_pass_removes_signers_with_the_events_and_nothing_else_can() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 1").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2015-04-02", "Groep 1", &["Ilse Bakker", "Ruud Bakker"]);
    core.record_consent(&s, &RecordRequest { date: Some(d("2019-09-01")), ..request(noor, &[(WEB, true)], &["Ilse Bakker", "Ruud Bakker"]) }).unwrap();
    let rows = |sql: &str| -> i64 { raw(&data).query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(rows("SELECT COUNT(*) FROM consent_cosigners"), 1);
    // Signers cannot be removed behind the retention pass's back.
    assert!(raw(&data).execute("DELETE FROM consent_cosigners", []).is_err());
    // She left in 2020; five years on, with her dossier printed, her consent data go.
    core.set_leave_date(&s, noor, d("2020-07-31")).unwrap();
    core.print_dossier(&s, noor, Lang::Nl, &beeldakkoord_core::files::OutputFile::new(dir.path().join("dossier.pdf"), true)).unwrap();
    let run = core.run_retention(&s, None, false).unwrap();
    let gone = run.leavers.iter().find(|l| l.person == noor).expect("Noor is due");
    assert!(gone.removed.person);
    assert_eq!(gone.removed.guardians, 2);
    assert_eq!(rows("SELECT COUNT(*) FROM consent_cosigners"), 0);
    assert!(core.verify_audit(&s).unwrap().ok);
}
