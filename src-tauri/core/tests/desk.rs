//! At the desk (kiosk), through the core API: what the locked view shows for
//! one child and form, and the answers kept as an event of method `kiosk`
//! with each drawn signature as its attachment — read back byte for byte,
//! printed in the dossier, checked by `audit verify`. What the desk must
//! refuse (an empty signature, a guardian who is not linked, a question
//! left open) changes nothing in the database or the data folder.

use std::path::Path;

use beeldakkoord_core::api::{DeskRecord, DeskSignature, RecordRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, AttachmentKind, DocFormat, GivenByRole, Method};
use beeldakkoord_core::domain::org::SignaturesForYes;
use beeldakkoord_core::i18n::{Lang, UserFacing};
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{add, content_text, d, dump, photo_hashes, raw, setup, signature_png};

/// The built-in children's form, its items answered `yes` or not.
fn answers(core: &Beeldakkoord, s: &Session, yes: bool) -> Vec<AnswerInput> {
    core.form(s, 1, None).unwrap().content.items.iter().map(|i| AnswerInput { item: i.to_string(), yes }).collect()
}

fn desk(person: i64, answers: Vec<AnswerInput>, signers: &[(&str, Vec<u8>)]) -> DeskRecord {
    DeskRecord {
        person,
        form: 1,
        version: 1,
        answers,
        signatures: signers.iter().map(|(n, png)| DeskSignature { name: n.to_string(), png: png.clone() }).collect(),
    }
}

fn events(data: &Path) -> i64 {
    raw(data).query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get(0)).unwrap()
}

#[test]
fn the_desk_shows_one_childs_form_in_full_with_the_guardians_who_may_sign() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Tom Bakker"]);
    let form = core.form(&s, 1, None).unwrap();

    let shown = core.desk_form(&s, noor, 1, Lang::Nl).unwrap();
    assert_eq!((shown.person, shown.person_name.as_str(), shown.groups.clone()), (noor, "Noor Bakker", vec!["Groep 3".to_string()]));
    assert_eq!(
        (shown.form, shown.version, shown.title.as_str(), shown.text.as_str()),
        (1, form.version, form.content.title.as_str(), form.content.text.as_str())
    );
    assert_eq!(shown.items.iter().map(|i| i.key.clone()).collect::<Vec<_>>(), form.content.items.iter().map(|i| i.to_string()).collect::<Vec<_>>());
    let web = shown.items.iter().find(|i| i.key == "group/website/information").expect("the website question");
    assert_eq!((web.channel.as_str(), web.photo_type.is_empty(), web.purpose.is_empty()), ("Website", false, false), "{web:?}");
    assert_eq!(shown.term, form.content.term.describe(Lang::Nl));
    assert!(shown.withdraw.contains("altijd intrekken"), "{}", shown.withdraw);
    let signers: Vec<_> = shown.signers.iter().map(|g| (g.name.as_str(), g.role)).collect();
    assert_eq!(signers, [("Ilse Bakker", GivenByRole::Guardian), ("Tom Bakker", GivenByRole::Guardian)]);
    assert_eq!(shown.signatures_for_yes, 1, "one guardian suffices by default");
    assert!(shown.idle_seconds >= 60);

    // In English the questions and the words around them are English.
    let en = core.desk_form(&s, noor, 1, Lang::En).unwrap();
    assert!(en.withdraw.contains("withdraw"), "{}", en.withdraw);

    // Past the age of own consent, the person signs for themselves.
    let sem = add(&core, &s, "Sem de Vries", "2009-01-10", "Groep 3", &["Anouk de Vries"]);
    let own = core.desk_form(&s, sem, 1, Lang::Nl).unwrap();
    assert_eq!(own.signers.iter().map(|g| (g.name.as_str(), g.role)).collect::<Vec<_>>(), [("Sem de Vries", GivenByRole::SelfPerson)]);

    // A child without guardians, or without a birth date, cannot be asked here.
    let alone = add(&core, &s, "Fenna Smit", "2019-02-02", "Groep 3", &[]);
    assert_eq!(core.desk_form(&s, alone, 1, Lang::Nl).unwrap_err().code(), "consent.guardian_required");
    // A leaver after the leave date: refused, as recording would be.
    let gone = add(&core, &s, "Daan Mol", "2019-03-03", "Groep 3", &["Eva Mol"]);
    core.set_leave_date(&s, gone, core.today() - chrono::Days::new(10)).unwrap();
    assert_eq!(core.desk_form(&s, gone, 1, Lang::Nl).unwrap_err().code(), "consent.after_leaving");
}

#[test]
fn answers_given_at_the_desk_are_kept_with_the_drawn_signature() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Tom Bakker"]);
    let png = signature_png(false);
    let mut given = answers(&core, &s, false);
    given.iter_mut().filter(|a| a.item == "group/website/information").for_each(|a| a.yes = true);

    let event = core.record_at_desk(&s, &desk(noor, given, &[("Ilse Bakker", png.clone())])).unwrap();

    let history = core.history(&s, noor).unwrap();
    let e = history.iter().find(|e| e.id == event).unwrap();
    assert_eq!((e.method, e.given_by_name.as_str(), e.date), (Method::Kiosk, "Ilse Bakker", core.today()));
    assert_eq!(e.attachments.len(), 1);
    let a = &e.attachments[0];
    assert_eq!((a.kind, a.format, a.pages, a.bytes), (AttachmentKind::Signature, DocFormat::Png, 1, png.len() as u64));
    let (_, back) = core.consent_scan(&s, event, 1).unwrap();
    assert_eq!(back, png, "the signature reads back byte for byte");
    // The answers hold like any other.
    let now = core.consent_at(&s, noor, None).unwrap();
    assert!(format!("{now:?}").contains("group/website/information"));

    // The dossier says how it was given and prints the signature.
    let pdf = dir.path().join("dossier.pdf");
    std::fs::write(&pdf, core.dossier_pdf(&s, noor, Lang::Nl).unwrap().0).unwrap();
    let text = content_text(&pdf);
    assert!(text.contains("aan de balie ingevuld en getekend op het scherm"), "{text}");
    assert!(text.contains("handtekening, getekend aan de balie (PNG"), "{text}");

    // The trail checks the kept signature like a scan.
    let report = core.verify_audit(&s).unwrap();
    assert!(report.ok && report.files == 1, "{report:?}");
}

#[test]
fn both_guardians_sign_at_the_desk_when_the_organisation_asks_for_both() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let org = core.organisation().unwrap();
    core.update_organisation(&s, &beeldakkoord_core::domain::org::Organisation { signatures_for_yes: SignaturesForYes::Both, ..org }).unwrap();
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker", "Tom Bakker"]);
    assert_eq!(core.desk_form(&s, noor, 1, Lang::Nl).unwrap().signatures_for_yes, 2);
    let data = dir.path().join("data");
    let before = (dump(&data, events(&data)), photo_hashes(&data));

    let one = core.record_at_desk(&s, &desk(noor, answers(&core, &s, true), &[("Ilse Bakker", signature_png(false))]));
    assert_eq!(one.unwrap_err().code(), "consent.second_signature");
    assert_eq!((dump(&data, events(&data)), photo_hashes(&data)), before, "refused: nothing kept, not even the signature file");

    // Tom signs beside Ilse, with his own hand.
    let tom = image::load_from_memory(&signature_png(false)).unwrap().fliph();
    let mut tom_png = Vec::new();
    tom.write_to(&mut std::io::Cursor::new(&mut tom_png), image::ImageFormat::Png).unwrap();
    let event = core.record_at_desk(&s, &desk(noor, answers(&core, &s, true), &[("Ilse Bakker", signature_png(false)), ("Tom Bakker", tom_png)])).unwrap();
    let e = core.history(&s, noor).unwrap().into_iter().find(|e| e.id == event).unwrap();
    assert_eq!(e.co_signers.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Tom Bakker"]);
    assert_eq!(e.attachments.iter().map(|a| (a.number, a.kind)).collect::<Vec<_>>(), [(1, AttachmentKind::Signature), (2, AttachmentKind::Signature)]);
}

#[test]
fn what_the_desk_refuses_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let data = dir.path().join("data");
    let before = (dump(&data, events(&data)), photo_hashes(&data));
    let all = answers(&core, &s, true);
    let ink = signature_png(false);
    let mut jpeg = Vec::new();
    image::load_from_memory(&ink).unwrap().to_rgb8().write_to(&mut std::io::Cursor::new(&mut jpeg), image::ImageFormat::Jpeg).unwrap();
    let dot = {
        let mut img = image::RgbaImage::from_pixel(600, 200, image::Rgba([0, 0, 0, 0]));
        for x in 0..6 {
            for y in 0..6 {
                img.put_pixel(300 + x, 100 + y, image::Rgba([0, 0, 0, 255]));
            }
        }
        let mut b = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut b), image::ImageFormat::Png).unwrap();
        b
    };

    let refused = [
        ("an empty box", desk(noor, all.clone(), &[("Ilse Bakker", signature_png(true))]), "scan.empty_signature"),
        ("nothing sent", desk(noor, all.clone(), &[("Ilse Bakker", vec![])]), "scan.empty_signature"),
        ("a tap, not a signature", desk(noor, all.clone(), &[("Ilse Bakker", dot)]), "scan.empty_signature"),
        ("a JPEG", desk(noor, all.clone(), &[("Ilse Bakker", jpeg)]), "scan.not_a_document"),
        ("bytes that only start as a PNG", desk(noor, all.clone(), &[("Ilse Bakker", ink[..ink.len() / 2].to_vec())]), "scan.damaged"),
        ("a guardian not linked", desk(noor, all.clone(), &[("Piet Jansen", ink.clone())]), "consent.guardian_required"),
        ("nobody signed", desk(noor, all.clone(), &[]), "consent.no_signer"),
        ("a question left open", desk(noor, all[1..].to_vec(), &[("Ilse Bakker", ink.clone())]), "consent.unanswered"),
        ("an unknown person", desk(9999, all.clone(), &[("Ilse Bakker", ink.clone())]), "person.unknown"),
    ];
    for (what, req, code) in refused {
        let err = core.record_at_desk(&s, &req).expect_err(what);
        assert_eq!(err.code(), code, "{what}: {}", err.message(Lang::Nl));
        assert!(!err.message(Lang::Nl).is_empty() && !err.message(Lang::En).is_empty());
        assert_eq!((dump(&data, events(&data)), photo_hashes(&data)), before, "{what}: nothing changed");
    }

    // The office's own record form cannot make a desk event without a signature.
    let typed = RecordRequest {
        person: noor,
        form: 1,
        version: None,
        answers: all,
        given_by: "Ilse Bakker".into(),
        co_signers: vec![],
        method: Method::Kiosk,
        date: Some(d("2026-09-01")),
    };
    assert_eq!(core.record_consent(&s, &typed).unwrap_err().code(), "consent.desk_only");
    assert_eq!((dump(&data, events(&data)), photo_hashes(&data)), before);
}
