//! The re-consent round in the core: a newer form version that adds a use
//! puts everyone who answered the older version on the list.

use beeldakkoord_core::api::ReconsentReason;
use beeldakkoord_core::domain::form::ItemKey;

mod common;

use common::{child, record, setup};

#[test]
fn a_new_use_in_a_newer_form_version_asks_for_new_consent() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let anna = child(&core, &s);
    record(&core, &s, anna, 1, "group/website/information", "2026-09-10");
    // Nothing to ask yet: the answer holds until the end of the school year.
    let before = core.reconsent(&s, None, None).unwrap();
    assert!(before.iter().all(|l| l.reason != ReconsentReason::NewUses), "{before:?}");

    // The office adds a use (individual photos on the website) in a new version.
    let mut content = core.form(&s, 1, None).unwrap().content;
    let added = ItemKey::parse("individual/website/information").unwrap();
    assert!(!content.items.contains(&added));
    content.items.push(added);
    let saved = core.save_form(&s, 1, &content).unwrap();
    assert!(saved.new_version);

    let after = core.reconsent(&s, None, None).unwrap();
    let line = after.iter().find(|l| l.reason == ReconsentReason::NewUses).expect("new uses listed");
    assert_eq!(line.person, anna);
    assert_eq!(line.items, vec!["individual/website/information".to_string()]);
    assert_eq!(line.form, Some(1));

    // Answering the new version takes her off the list.
    record(&core, &s, anna, 1, "individual/website/information", "2026-11-01");
    let done = core.reconsent(&s, None, None).unwrap();
    assert!(done.iter().all(|l| l.reason != ReconsentReason::NewUses), "{done:?}");
}
