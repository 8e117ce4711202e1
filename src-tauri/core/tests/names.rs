//! People lists in the Dutch order and found as the office types: by
//! surname without the tussenvoegsel, accents and capitals not mattering,
//! by pupil number and by a guardian's name.

use beeldakkoord_core::api::PeopleFilter;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::setup;

fn names(core: &Beeldakkoord, s: &Session, search: Option<&str>) -> Vec<String> {
    let f = PeopleFilter { group: None, search: search.map(String::from), include_left: false };
    core.people(s, &f).unwrap().into_iter().map(|p| p.name).collect()
}

#[test]
fn the_people_list_sorts_by_surname_and_finds_by_number_and_guardian() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let roster = "naam;geboortedatum;groep;leerlingnummer;ouder\n\
                  Lotte van Dijk;2018-03-01;Groep 3;1042;Anke van Dijk\n\
                  Noor Bakker;2018-04-02;Groep 3;1007;Ilse Bakker\n\
                  Sem de Wit;2018-05-03;Groep 3;1099;Karel de Wit\n\
                  Zoë Çelik;2018-06-04;Groep 3;1013;Ayşe Çelik\n\
                  Anna van der Berg;2018-07-05;Groep 3;1021;Piet van der Berg\n\
                  Tom De Smet;2018-08-06;Groep 3;1055;Els Peeters\n";
    core.import_roster(&s, roster.as_bytes(), false).unwrap();
    assert_eq!(names(&core, &s, None), ["Noor Bakker", "Anna van der Berg", "Zoë Çelik", "Tom De Smet", "Lotte van Dijk", "Sem de Wit"]);
    assert_eq!(names(&core, &s, Some("zoe")), ["Zoë Çelik"], "without the accent");
    assert_eq!(names(&core, &s, Some("VAN DI")), ["Lotte van Dijk"]);
    assert_eq!(names(&core, &s, Some("1055")), ["Tom De Smet"], "by pupil number");
    assert_eq!(names(&core, &s, Some("peeters")), ["Tom De Smet"], "by a guardian's name");
    assert_eq!(names(&core, &s, Some("ayse")), ["Zoë Çelik"]);
    assert!(names(&core, &s, Some("xyz")).is_empty());
}
