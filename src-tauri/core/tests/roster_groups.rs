//! Group memberships after roster imports: whatever the order and however
//! many imports fall on one day, on every day the child is in exactly the
//! group of the last file imported on or before that day.

mod common;

use beeldakkoord_core::store;
use beeldakkoord_core::Beeldakkoord;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

const GROUPS: [&str; 3] = ["Groep A", "Groep B", "Groep C"];

fn office() -> (Beeldakkoord, beeldakkoord_core::auth::Session) {
    let core = Beeldakkoord::open_in_memory().unwrap();
    let s = core.init(&common::request()).unwrap();
    (core, s)
}

fn groups_on(core: &Beeldakkoord, person: i64, day: NaiveDate) -> Vec<String> {
    core.store()
        .read(|c| {
            let ids = store::people::current_group_ids(c, person, day)?;
            let all = store::people::groups(c, day)?;
            Ok::<_, store::StoreError>(ids.iter().filter_map(|id| all.iter().find(|g| g.id == *id).map(|g| g.name.clone())).collect())
        })
        .unwrap()
}

/// Import a one-pupil roster placing her in `group` on `day`.
fn import(core: Beeldakkoord, s: &beeldakkoord_core::auth::Session, day: NaiveDate, group: &str) -> Beeldakkoord {
    let core = core.with_today(day);
    let csv = format!("leerlingnummer;naam;geboortedatum;groep\n1001;Zoë van Dijk;03-04-2018;{group}\n");
    core.import_roster(s, csv.as_bytes(), false).unwrap();
    core
}

#[test]
fn a_b_a_b_on_one_day_ends_in_b_and_a_further_import_changes_nothing() {
    let (mut core, s) = office();
    let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    for g in ["Groep A", "Groep B", "Groep A", "Groep B"] {
        core = import(core, &s, day, g);
    }
    assert_eq!(groups_on(&core, 1, day), ["Groep B"]);
    assert_eq!(groups_on(&core, 1, day + Days::new(1)), ["Groep B"]);
    let again = core.import_roster(&s, "leerlingnummer;naam;geboortedatum;groep\n1001;Zoë van Dijk;03-04-2018;Groep B\n".as_bytes(), false).unwrap();
    assert_eq!((again.updated, again.unchanged), (0, 1));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn membership_is_the_last_file_of_each_day(steps in proptest::collection::vec((0u64..3, 0usize..3), 1..10)) {
        let (mut core, s) = office();
        let start = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let mut day = start;
        // The group of the last import on each day.
        let mut last: Vec<(NaiveDate, &str)> = Vec::new();
        for (gap, g) in &steps {
            day = day + Days::new(*gap);
            core = import(core, &s, day, GROUPS[*g]);
            match last.last_mut() {
                Some((d, group)) if *d == day => *group = GROUPS[*g],
                _ => last.push((day, GROUPS[*g])),
            }
        }
        // Every day from the first import to past the last: the last file on or before it.
        let mut check = start;
        while check <= day + Days::new(2) {
            let expected: Vec<String> = last.iter().rev().find(|(d, _)| *d <= check).map(|(_, g)| vec![g.to_string()]).unwrap_or_default();
            // The first import places a new pupil from the start of the school year.
            if check >= last[0].0 {
                prop_assert_eq!(groups_on(&core, 1, check), expected, "on {} after {:?}", check, steps);
            }
            check = check + Days::new(1);
        }
    }
}
