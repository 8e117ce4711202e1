//! Consent forms on paper, read back with pdftotext: blank, for one person,
//! for a whole group; who signs depends on age; page one against its
//! reviewed reference image.

use beeldakkoord_core::api::FormTarget;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::Lang;

mod common;

use common::{add, collapse, compare_with_reference, content_text, d, full_text, pages, setup};

#[test]
fn a_blank_form_has_the_full_text_every_item_with_tick_boxes_and_room_for_either_signature() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let form = core.form(&s, 1, None).unwrap();
    let out = dir.path().join("blanco.pdf");
    let r = core.print_form(&s, 1, None, &FormTarget::Blank, Lang::Nl, Some(d("2026-12-07")), &OutputFile::new(&out, true)).unwrap();
    assert_eq!(r.forms, 1);
    let text = content_text(&out);
    assert!(text.contains(&collapse(&form.content.text)), "the full form text:\n{text}");
    // One tick line per item asked.
    assert_eq!(text.matches("☐ ja ☐ nee").count(), form.content.items.len(), "{text}");
    for want in [
        "Groeps- of klassenfoto (geposeerd)",
        "Sociale media",
        "Promotie van de organisatie",
        "Ouder/voogd 1",
        "Ouder/voogd 2",
        "Of, vanaf 16 jaar, de persoon zelf",
        "Graag ingevuld en ondertekend terug vóór 07-12-2026.",
    ] {
        assert!(text.contains(want), "blank form lacks {want:?}:\n{text}");
    }
    compare_with_reference(&out, "consent-form-page1");
}

#[test]
fn a_group_prints_one_filled_in_form_per_child_with_the_right_people_to_sign() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 8").unwrap();
    // Today is 2026-11-22: Ayoub is 16 and signs himself; Lieke's two guardians sign; Mees has none linked yet.
    add(&core, &s, "Ayoub El Amrani", "2010-03-01", "Groep 8", &["Samira El Amrani"]);
    add(&core, &s, "Lieke van 't Hof", "2014-06-15", "Groep 8", &["Bas van 't Hof", "Noor van 't Hof"]);
    add(&core, &s, "Mees Ğündüz", "2014-09-01", "Groep 8", &[]);
    let left = add(&core, &s, "Vertrokken Kind", "2014-01-01", "Groep 8", &["Ouder"]);
    core.set_leave_date(&s, left, d("2026-07-10")).unwrap();

    let out = dir.path().join("groep8.pdf");
    let r = core.print_form(&s, 1, None, &FormTarget::Group("Groep 8".into()), Lang::Nl, None, &OutputFile::new(&out, true)).unwrap();
    assert_eq!(r.forms, 3, "who left gets no form");
    let all = full_text(&out);
    // Each child's form is numbered on its own and names the child on every page.
    let n = pages(&out);
    assert!(n >= 3);
    assert_eq!(all.matches("Pagina 1 van").count(), 3, "{all}");
    assert!(!all.contains("Vertrokken Kind"));
    let text = content_text(&out);
    for want in [
        "Ondertekend door de persoon zelf (Ayoub El Amrani)",
        "Ouder/voogd: Bas van 't Hof",
        "Ouder/voogd: Noor van 't Hof",
        "Mees Ğündüz",
        "Ouder/voogd 1",
        // Two weeks from today unless told otherwise.
        "terug vóór 06-12-2026",
    ] {
        assert!(text.contains(want), "group print lacks {want:?}:\n{text}");
    }
    assert!(!text.contains("Ouder/voogd: Samira El Amrani"), "a 16-year-old signs alone in the Netherlands");

    // English, for one person.
    let one = dir.path().join("lieke.pdf");
    let lieke = core.people(&s, &Default::default()).unwrap().into_iter().find(|p| p.name.starts_with("Lieke")).unwrap().id;
    core.print_form(&s, 1, None, &FormTarget::Person(lieke), Lang::En, None, &OutputFile::new(&one, true)).unwrap();
    let en = content_text(&one);
    assert!(en.contains("Parent/guardian: Bas van 't Hof") && en.contains("☐ yes ☐ no"), "{en}");
}

#[test]
fn bad_form_print_requests_are_refused_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Leeg").unwrap();
    let out = dir.path().join("x.pdf");
    let code = |r: beeldakkoord_core::Result<_>| r.map(|_| ()).unwrap_err().code();
    assert_eq!(code(core.print_form(&s, 99, None, &FormTarget::Blank, Lang::Nl, None, &OutputFile::new(&out, true))), "form.unknown");
    assert_eq!(code(core.print_form(&s, 1, Some(9), &FormTarget::Blank, Lang::Nl, None, &OutputFile::new(&out, true))), "form.unknown_version");
    assert_eq!(code(core.print_form(&s, 1, None, &FormTarget::Group("Leeg".into()), Lang::Nl, None, &OutputFile::new(&out, true))), "group.empty");
    assert_eq!(code(core.print_form(&s, 1, None, &FormTarget::Group("Bestaat niet".into()), Lang::Nl, None, &OutputFile::new(&out, true))), "group.unknown");
    assert_eq!(code(core.print_form(&s, 1, None, &FormTarget::Person(42), Lang::Nl, None, &OutputFile::new(&out, true))), "person.unknown");
    assert_eq!(code(core.print_form(&s, 1, None, &FormTarget::Blank, Lang::Nl, Some(d("1800-01-01")), &OutputFile::new(&out, true))), "date.out_of_range");
    assert!(!out.exists());
}

/// The re-consent checklist and the measures sheet, rendered from fixed data
/// so that page one can be compared with its reviewed reference.
#[test]
fn the_checklist_and_the_measures_sheet_look_like_their_references() {
    use beeldakkoord_core::api::{ReconsentLine, ReconsentReason};
    use beeldakkoord_core::pdf::{checklist, dossier::Vocabulary, measures};

    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let form = core.form(&s, 1, None).unwrap();
    let mut vocabulary = Vocabulary::default();
    vocabulary.add(&form.content.photo_types, &form.content.channels, &form.content.purposes);
    let line = |person, name: &str, group: &str, reason, items: &[&str]| ReconsentLine {
        person,
        name: name.into(),
        groups: vec![group.into()],
        reason,
        items: items.iter().map(|i| i.to_string()).collect(),
        form: Some(1),
    };
    let lines = vec![
        line(1, "Aïcha El Idrissi", "Groep 7", ReconsentReason::Expired, &["group/website/information", "group/social/information"]),
        line(2, "Bram de Wit", "Groep 7", ReconsentReason::NeverAsked, &[]),
        line(3, "Ruben O'Neill", "Groep 8", ReconsentReason::OwnConsentAge, &["group/newsletter/information"]),
        line(4, "Zoë Jansen", "Groep 8", ReconsentReason::NewUses, &["individual/website/information"]),
    ];
    let bytes = checklist::render(&checklist::Checklist {
        lang: Lang::Nl,
        organisation: "Basisschool De Regenboog",
        at: d("2026-09-01"),
        group: None,
        lines: &lines,
        vocabulary: &vocabulary,
        logo: None,
    })
    .unwrap();
    let pdf = dir.path().join("checklist.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let text = content_text(&pdf);
    for want in [
        "Toestemming opnieuw vragen",
        "Groep 7",
        "Groep 8",
        "Aïcha El Idrissi",
        "toestemming is verlopen",
        "Sociale media",
        "een nieuwere formulierversie vraagt",
        "Verstuurd",
    ] {
        assert!(text.contains(want), "checklist lacks {want:?}: {text}");
    }
    compare_with_reference(&pdf, "reconsent-checklist-page1");

    let bytes = measures::render(&measures::Measures {
        lang: Lang::Nl,
        organisation: "Basisschool De Regenboog",
        printed_at: d("2026-11-22").and_hms_opt(10, 30, 0).unwrap(),
        printed_by: "admin",
        jurisdiction: "nl",
        consent_age: 16,
        users: (1, 2, 12),
        audit_events: 4211,
        audit_broken_at: None,
        audit_row: None,
        audit_head: "3f9a0c2be17d4e56a8b90c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5",
        audit_rows: 61_240,
        idle_lock_minutes: 10,
        people: 312,
        consent_events: 988,
        photos: 5120,
        data_dir: "C:\\Users\\kantoor\\AppData\\Roaming\\nl.beeldakkoord.app",
        logo: None,
        encrypted: true,
        recovery_sheet: Some(d("2026-09-01")),
        backup_folder: Some("E:\\Reservekopie"),
        last_backup: Some("2026-11-22T08:05:12"),
        retention: beeldakkoord_core::domain::retention::RetentionSettings::default(),
        retention_last_run: Some("2026-11-02T09:12:40"),
        face_suggestions: false,
    })
    .unwrap();
    let pdf = dir.path().join("measures.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    assert_eq!(pages(&pdf), 1, "one page");
    compare_with_reference(&pdf, "measures-page1");
}
