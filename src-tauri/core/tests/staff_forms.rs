//! Staff forms through the core API: a built-in form that addresses the
//! staff member and says refusing has no consequences (DESIGN rule 8), in
//! use where the jurisdiction matches; staff answer only staff forms and
//! children only children's forms (a wrong one is refused and changes
//! nothing); each sees only the items of the forms for them.

use beeldakkoord_core::api::{NewPerson, RecordRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::{AnswerInput, Method};
use beeldakkoord_core::domain::form::Audience;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::i18n::{Lang, UserFacing};
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{add, d, dump, photo_hashes, setup};

fn staff_form(core: &Beeldakkoord, s: &Session) -> i64 {
    core.forms(s).unwrap().into_iter().find(|f| f.builtin.as_deref() == Some("medewerkers-nl")).expect("the built-in staff form").id
}

fn record(core: &Beeldakkoord, s: &Session, person: i64, form: i64, item: &str, by: &str) -> beeldakkoord_core::error::Result<i64> {
    core.record_consent(
        s,
        &RecordRequest {
            person,
            form,
            version: None,
            answers: vec![AnswerInput { item: item.into(), yes: true }],
            given_by: by.into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d("2026-09-01")),
        },
    )
}

#[test]
fn the_built_in_staff_form_addresses_the_staff_member_without_pressure() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let forms = core.forms(&s).unwrap();
    let nl = forms.iter().find(|f| f.builtin.as_deref() == Some("medewerkers-nl")).unwrap();
    let vl = forms.iter().find(|f| f.builtin.as_deref() == Some("personeel-vlaanderen")).unwrap();
    assert!(nl.active && !vl.active, "in use where the jurisdiction matches");
    let v = core.form(&s, nl.id, None).unwrap();
    assert_eq!(v.content.audience, Audience::Staff);
    assert!(v.content.text.starts_with("Beste collega,"), "{}", v.content.text);
    assert!(v.content.text.contains("Nee zeggen, of later intrekken, heeft geen enkel gevolg voor uw werk"));
    assert!(v.content.text.contains("Uw leidinggevende krijgt geen overzicht van wie wat koos"));
    let purposes: Vec<&str> = v.content.purposes.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(purposes, ["information", "recruitment"]);
    let channels: Vec<&str> = v.content.channels.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(channels, ["internal", "website", "social"]);
    // The children's forms stay children's forms.
    let child_form = core.form(&s, 1, None).unwrap();
    assert_eq!(child_form.content.audience, Audience::Children);
    // A form exported and imported again keeps its audience.
    let toml = v.content.to_toml();
    assert!(toml.contains("audience = \"staff\""), "{toml}");
    assert_eq!(beeldakkoord_core::domain::form::FormContent::from_toml(&toml).unwrap().audience, Audience::Staff);
    let bad = toml.replace("audience = \"staff\"", "audience = \"ouders\"");
    let err = beeldakkoord_core::domain::form::FormContent::from_toml(&bad).unwrap_err();
    assert_eq!(beeldakkoord_core::error::Error::from(err).code(), "form.bad_audience");
}

#[test]
fn staff_answer_staff_forms_and_children_children_s_forms() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let data = dir.path().join("data");
    core.add_group(&s, "Groep 3").unwrap();
    let kid = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let juf = core
        .add_person(&s, &NewPerson { name: "Juf Ellen".into(), kind: PersonKind::Staff, birth_date: None, groups: vec!["Groep 3".into()], guardians: vec![] })
        .unwrap();
    let staff = staff_form(&core, &s);

    let before = (dump(&data, i64::MAX), photo_hashes(&data));
    let err = record(&core, &s, juf, 1, "group/website/information", "Juf Ellen").unwrap_err();
    assert_eq!(err.code(), "consent.form_audience");
    assert!(err.message(Lang::Nl).contains("Kies het formulier voor medewerkers"), "{}", err.message(Lang::Nl));
    let err = record(&core, &s, kid, staff, "individual/website/recruitment", "Ilse Bakker").unwrap_err();
    assert_eq!(err.code(), "consent.form_audience");
    assert!(err.message(Lang::En).contains("is a form for staff"));
    assert_eq!((dump(&data, i64::MAX), photo_hashes(&data)), before, "refused forms change nothing");

    record(&core, &s, juf, staff, "individual/website/recruitment", "Juf Ellen").unwrap();
    record(&core, &s, kid, 1, "group/website/information", "Ilse Bakker").unwrap();

    // Each sees the items of the forms for them, not the others'.
    let items = |p: i64| -> Vec<String> { core.consent_at(&s, p, Some(d("2026-09-02"))).unwrap().items.into_iter().map(|i| i.item).collect() };
    let of_staff = items(juf);
    assert!(of_staff.contains(&"individual/website/recruitment".to_string()), "{of_staff:?}");
    assert!(!of_staff.contains(&"individual/newsletter/information".to_string()), "a children's item: {of_staff:?}");
    let of_child = items(kid);
    assert!(!of_child.iter().any(|i| i.contains("recruitment") || i.starts_with("individual/") && i.contains("recruitment")), "{of_child:?}");
    let page = core.person_page(&s, juf, Some(d("2026-09-02"))).unwrap();
    assert!(page.forms.iter().all(|f| f.content.audience == Audience::Staff), "the staff member's page shows staff forms");
}
