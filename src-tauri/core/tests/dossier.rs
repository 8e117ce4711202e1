//! The exit dossier as a real PDF, read back with pdftotext and rendered with
//! pdftoppm: what it says, that nothing is lost over page breaks, and what
//! page one looks like against a reviewed reference image.

use beeldakkoord_core::files::{OutputDir, OutputFile};
use std::path::{Path, PathBuf};

use beeldakkoord_core::api::{NewNotice, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::{Beeldakkoord, Lang};

mod common;

use common::{add, answer, collapse, compare_with_reference, content_text, d, full_text, pages, setup};

const WEB: &str = "group/website/information";
const SOCIAL: &str = "group/social/information";
const NEWS: &str = "group/newsletter/information";

/// How many audit events of `action` there are (about `person`, when given).
fn audited(core: &Beeldakkoord, action: &str, person: Option<i64>) -> i64 {
    core.store()
        .read(|c| {
            c.query_row("SELECT COUNT(*) FROM audit_events WHERE action = ?1 AND (?2 IS NULL OR entity_id = ?2)", rusqlite::params![action, person], |r| {
                r.get(0)
            })
            .map_err(beeldakkoord_core::store::StoreError::from)
        })
        .unwrap()
}

fn print(core: &Beeldakkoord, s: &Session, person: i64, lang: Lang, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    core.print_dossier(s, person, lang, &OutputFile::new(&out, true)).unwrap();
    out
}

#[test]
fn the_dossier_holds_the_person_every_form_text_every_answer_and_the_fingerprint() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 8b").unwrap();
    let zoe = add(&core, &s, "Zoë D'Hondt-Çelik", "2014-05-03", "Groep 8b", &["Anaïs D'Hondt", "Jörg Çelik"]);

    // Version 1 answered in September; the office then edits the form, so the
    // second answer is on version 2, whose text differs.
    let v1 = core.form(&s, 1, None).unwrap();
    answer(&core, &s, zoe, &[(WEB, true), (NEWS, true), (SOCIAL, false)], "Anaïs D'Hondt", Method::Paper, d("2025-09-01"));
    let mut edited = v1.content.clone();
    edited.text.push_str("\n\nNieuw dit jaar: de reünie-avond en het naïeve café-concert worden ook gefotografeerd (ç, é, ë, ï).");
    core.save_form(&s, 1, &edited).unwrap();
    answer(&core, &s, zoe, &[(WEB, true), (SOCIAL, true)], "Jörg Çelik", Method::Digital, d("2026-01-12"));
    core.withdraw_consent(
        &s,
        &WithdrawRequest {
            person: zoe,
            items: vec![SOCIAL.into()],
            all: false,
            given_by: "Anaïs D'Hondt".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d("2026-03-02")),
        },
    )
    .unwrap();
    core.add_notice(
        &s,
        &NewNotice {
            groups: vec!["Groep 8b".into()],
            all_staff: false,
            purposes: vec!["information".into()],
            channels: vec!["newsletter".into()],
            text: "Tijdens de sportdag maken we sfeerfoto's voor de nieuwsbrief.".into(),
            date: Some(d("2025-09-15")),
        },
    )
    .unwrap();
    core.set_leave_date(&s, zoe, d("2026-07-10")).unwrap();

    let pdf = print(&core, &s, zoe, Lang::Nl, dir.path(), "vertrek.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    // Fonts are subset: a dossier stays small enough to print by the hundred.
    assert!(bytes.len() < 150_000, "dossier is {} bytes", bytes.len());

    let text = content_text(&pdf);
    for want in [
        "Vertrekdossier",
        "Zoë D'Hondt-Çelik",
        "03-05-2014",
        "Groep 8b",
        "Anaïs D'Hondt",
        "Jörg Çelik",
        "10-07-2026",
        // Both versions, each with its full text exactly as it read.
        "(versie 1)",
        "(versie 2)",
        "Toestemming vastgelegd op 01-09-2025",
        "Toestemming vastgelegd op 12-01-2026",
        "Intrekking op 02-03-2026",
        "ouder/voogd",
        "op papier, ingevoerd door de administratie",
        "digitaal, op deze computer",
        "Tijdens de sportdag maken we sfeerfoto's voor de nieuwsbrief.",
        // Leaving ends consent (the default): the school-year yes would have run until
        // the year ended; the paper says that leaving ended it, and when it would have.
        "Blijft geldig na de vertrekdatum Niets: alle toestemming eindigt uiterlijk bij het vertrek.",
        "Beëindigd door het vertrek op 10-07-2026",
        "• Groeps- of klassenfoto (geposeerd) — Website — Ouders informeren over activiteiten (de termijn liep anders t/m 31-07-2026)",
        "Ingetrokken",
    ] {
        assert!(text.contains(want), "dossier lacks {want:?}:\n{text}");
    }
    assert!(text.contains(&collapse(&v1.content.text)), "version 1's full text");
    assert!(text.contains(&collapse(&edited.text)), "version 2's full text");
    // Items in words with their answer; the yes for the website until the end of that school year.
    assert!(text.contains("Website"), "{text}");
    assert!(text.contains("Sociale media"), "{text}");
    assert!(text.contains("t/m 31-07-2026"), "{text}");
    assert!(text.contains("Ja") && text.contains("Nee"), "{text}");
    assert!(text.contains("Ingetrokken"), "{text}");

    // The fingerprint on paper is the one the core reports.
    let fp = core.person_fingerprint(&s, zoe).unwrap();
    assert_eq!(fp.events, 3);
    assert!(text.contains(&format!("Aantal gebeurtenissen: {}", fp.events)), "{text}");
    assert!(text.contains(&fp.sha256), "fingerprint {} on paper:\n{text}", fp.sha256);

    // Header and footer on every page: organisation, name, "page x of y".
    let n = pages(&pdf);
    let full = full_text(&pdf);
    assert!(full.contains(&format!("Pagina {n} van {n}")), "{full}");
    assert_eq!(full.matches("Pagina ").count(), n);
    assert_eq!(full.matches("Kinderopvang Het Nest").count(), n);

    // Printing is recorded in the history, and does not change the fingerprint.
    assert_eq!(audited(&core, "dossier.print", Some(zoe)), 1);
    assert_eq!(core.person_fingerprint(&s, zoe).unwrap(), fp);
    assert!(core.verify_audit(&s).unwrap().broken_at.is_none());

    // English on request.
    let en = content_text(&print(&core, &s, zoe, Lang::En, dir.path(), "exit.pdf"));
    for want in ["Exit dossier", "Consent recorded on 01-09-2025", "Withdrawal on 02-03-2026", "Social media", &fp.sha256] {
        assert!(en.contains(want), "English dossier lacks {want:?}:\n{en}");
    }
}

#[test]
fn a_person_without_any_consent_gets_a_dossier_that_says_so_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Peuters").unwrap();
    let p = add(&core, &s, "Ιωάννα Παπαδοπούλου", "2022-02-02", "Peuters", &[]);
    let pdf = print(&core, &s, p, Lang::Nl, dir.path(), "leeg.pdf");
    let text = content_text(&pdf);
    assert!(text.contains("Ιωάννα Παπαδοπούλου"), "non-Latin names survive: {text}");
    assert!(text.contains("Voor deze persoon is nooit toestemming vastgelegd."), "{text}");
    assert!(text.contains("Deze persoon staat op geen enkele vastgelegde publicatie."), "{text}");
    assert!(text.contains("Aantal gebeurtenissen: 0"), "{text}");
}

#[test]
fn forty_records_with_long_texts_flow_over_many_pages_without_losing_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let p = add(&core, &s, "Daan O'Neill", "2018-03-01", "Groep 3", &["Fenna O'Neill"]);
    // A long form text: many numbered sentences, a very long word, blank lines.
    let mut content = core.form(&s, 1, None).unwrap().content;
    content.text = (1..=60)
        .map(|i| format!("Zin {i}: wij gebruiken beeldmateriaal alleen voor het doel dat u aankruist, en bewaren het niet langer dan nodig."))
        .collect::<Vec<_>>()
        .join(if cfg!(windows) { "\r\n" } else { "\n" });
    content.text.push_str("\n\nAansprakelijkheidsverzekeringsmaatschappijovereenkomstvoorwaardenbijlage: einde.");
    core.save_form(&s, 1, &content).unwrap();
    for i in 0..40 {
        let date = d("2018-09-01") + chrono::Days::new(i * 30);
        answer(&core, &s, p, &[(WEB, i % 2 == 0), (NEWS, true), (SOCIAL, i % 3 == 0)], "Fenna O'Neill", Method::Paper, date);
    }
    let pdf = print(&core, &s, p, Lang::Nl, dir.path(), "lang.pdf");
    let n = pages(&pdf);
    assert!(n >= 40, "40 long records need many pages, got {n}");
    let text = content_text(&pdf);
    // Every record, and in every one the whole text: each sentence 40 times.
    for i in 1..=60 {
        let sentence = format!("Zin {i}: wij gebruiken beeldmateriaal alleen voor het doel dat u aankruist, en bewaren het niet langer dan nodig.");
        assert_eq!(text.matches(&sentence).count(), 40, "sentence {i} in every record");
    }
    assert_eq!(text.matches("Toestemming vastgelegd op").count(), 40);
    // The word too long for a line is cut, not lost: its pieces are all there.
    let joined: String = text.split(' ').collect();
    assert_eq!(joined.matches("Aansprakelijkheidsverzekeringsmaatschappijovereenkomstvoorwaardenbijlage:einde.").count(), 40);
}

#[test]
fn an_unwritable_output_is_a_clear_error_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 1").unwrap();
    let p = add(&core, &s, "Sem", "2020-01-01", "Groep 1", &["Iris"]);
    let file = dir.path().join("geen-map.txt");
    std::fs::write(&file, b"a file, not a folder").unwrap();
    let out = file.join("dossier.pdf");
    let err = core.print_dossier(&s, p, Lang::Nl, &OutputFile::new(&out, true)).unwrap_err();
    assert_eq!(err.code(), "file.not_a_folder");
    assert!(err.message(Lang::Nl).contains("geen-map.txt is geen map"), "{}", err.message(Lang::Nl));
    assert_eq!(audited(&core, "dossier.print", None), 0);
    assert_eq!(core.print_dossier(&s, 999, Lang::Nl, &OutputFile::new(dir.path().join("x.pdf"), false)).unwrap_err().code(), "person.unknown");
    assert!(!dir.path().join("x.pdf").exists());
}

#[test]
fn page_one_looks_like_the_reviewed_reference() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 8b").unwrap();
    let p = add(&core, &s, "Zoë D'Hondt-Çelik", "2014-05-03", "Groep 8b", &["Anaïs D'Hondt"]);
    answer(&core, &s, p, &[(WEB, true), (NEWS, true), (SOCIAL, false)], "Anaïs D'Hondt", Method::Paper, d("2025-09-01"));
    core.set_leave_date(&s, p, d("2026-07-10")).unwrap();
    let pdf = dir.path().join("ref.pdf");
    let (bytes, _) = core.dossier_pdf_at(&s, p, Lang::Nl, d("2026-11-22").and_hms_opt(10, 30, 0).unwrap()).unwrap();
    std::fs::write(&pdf, bytes).unwrap();
    compare_with_reference(&pdf, "dossier-page1");
}

#[test]
fn a_cancelled_batch_leaves_no_files_and_records_nothing() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 8").unwrap();
    for name in ["Ada", "Bo", "Cas", "Dirk"] {
        let p = add(&core, &s, name, "2014-01-01", "Groep 8", &["Ouder"]);
        core.set_leave_date(&s, p, d("2026-07-10")).unwrap();
    }
    let out = dir.path().join("batch");
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let r = core
        .dossier_batch(
            &s,
            d("2026-07-01"),
            d("2026-07-31"),
            Lang::Nl,
            &OutputDir::new(&out, false),
            &mut |p| {
                seen.push((p.done, p.total));
                if p.done == 2 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap();
    assert!(r.cancelled);
    assert_eq!(r.count, 0);
    assert_eq!(seen, vec![(1, 4), (2, 4)]);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0, "no files and no hidden staging folder");
    assert_eq!(audited(&core, "dossier.print", None) + audited(&core, "dossier.batch", None), 0);

    // Run again to the end: four dossiers, each print recorded.
    let r = core.dossier_batch(&s, d("2026-07-01"), d("2026-07-31"), Lang::En, &OutputDir::new(&out, false), &mut |_| {}, &AtomicBool::new(false)).unwrap();
    assert_eq!((r.count, r.cancelled), (4, false));
    assert!(r.combined.as_ref().is_some_and(|c| c.exists()));
    assert_eq!(audited(&core, "dossier.print", None), 4);
    assert_eq!(audited(&core, "dossier.batch", None), 1);
}
