//! A teacher sees the children of their own groups and the photos on which
//! nobody else is tagged (or that they imported), and nothing more: not in
//! lists, not by asking for an id directly (the same `not found` as an id
//! that does not exist), not in the takedown list or through a thumbnail.

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{BoxInput, NewPerson, NewUser, PeopleFilter, PhotoFilter, Rendition, WithdrawRequest};
use beeldakkoord_core::auth::{Role, Session};
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::domain::person::PersonKind;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{d, record, setup};

const PASSWORD: &str = "een heel lang wachtwoord";

fn teacher(core: &Beeldakkoord, admin: &Session, name: &str, group: &str) -> Session {
    core.add_user(admin, &NewUser { user: name.into(), role: Role::Teacher, groups: vec![group.into()], password: "van de beheerder 1".into() }).unwrap();
    let first = core.login(name, "van de beheerder 1").unwrap();
    core.change_password(&first, "van de beheerder 1", PASSWORD).unwrap()
}

fn child(core: &Beeldakkoord, admin: &Session, name: &str, group: &str) -> i64 {
    core.add_person(
        admin,
        &NewPerson {
            name: name.into(),
            kind: PersonKind::Child,
            birth_date: Some(d("2019-05-01")),
            groups: vec![group.into()],
            guardians: vec!["Marieke".into()],
        },
    )
    .unwrap()
}

fn code<T>(r: Result<T, beeldakkoord_core::Error>) -> String {
    r.err().map(|e| e.code().as_str().to_string()).unwrap_or_else(|| "ok".into())
}

#[test]
fn a_teacher_sees_their_groups_and_nothing_of_others() {
    let dir = tempfile::tempdir().unwrap();
    let (core, admin) = setup(dir.path());
    core.add_group(&admin, "Groep A").unwrap();
    core.add_group(&admin, "Groep B").unwrap();
    let anna = child(&core, &admin, "Anna", "Groep A");
    let bram = child(&core, &admin, "Bram", "Groep B");
    let juf =
        core.add_person(&admin, &NewPerson { name: "Juf Ellen".into(), kind: PersonKind::Staff, birth_date: None, groups: vec![], guardians: vec![] }).unwrap();
    for kid in [anna, bram] {
        record(&core, &admin, kid, 1, "group/website/information", "2026-09-01");
    }
    let a = teacher(&core, &admin, "juf-a", "Groep A");
    let b = teacher(&core, &admin, "meester-b", "Groep B");

    // Photos: Anna alone, Bram alone, both, nobody yet.
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    for i in 0..4u8 {
        image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, i * 60])).save(camera.join(format!("foto{i}.jpg"))).unwrap();
    }
    let ids: Vec<i64> = core.import_photos(&admin, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported.iter().map(|p| p.id).collect();
    let (only_anna, only_bram, both, nobody) = (ids[0], ids[1], ids[2], ids[3]);
    let tag = |photo, who, x| core.tag_photo(&admin, photo, who, Some(BoxInput { x, y: 10, w: 40, h: 40 }), false).unwrap();
    tag(only_anna, anna, 10);
    tag(only_bram, bram, 10);
    tag(both, anna, 10);
    tag(both, bram, 100);
    tag(only_anna, juf, 200);
    for p in [only_anna, only_bram, both] {
        // Posed class photos: everyone on them is targeted, so consent counts.
        core.set_photo(&admin, p, Some("group"), Some(true)).unwrap();
        core.add_publication(&admin, p, "website", "information", &format!("Website {p}"), Some(d("2026-10-01"))).unwrap();
    }
    // Both families withdraw: every publication is on the office's takedown list.
    for kid in [anna, bram] {
        core.withdraw_consent(
            &admin,
            &WithdrawRequest {
                person: kid,
                items: vec![],
                all: true,
                given_by: "Marieke".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-11-01")),
            },
        )
        .unwrap();
    }

    // People: a teacher lists their group's children and the staff to tag, and searches within them.
    let names = |s: &Session, search: Option<&str>| -> Vec<String> {
        core.people(s, &PeopleFilter { search: search.map(String::from), group: None, include_left: true }).unwrap().into_iter().map(|p| p.name).collect()
    };
    assert_eq!(names(&admin, None), ["Anna", "Bram", "Juf Ellen"]);
    assert_eq!(names(&a, None), ["Anna", "Juf Ellen"]);
    assert_eq!(names(&b, None), ["Bram", "Juf Ellen"]);
    assert_eq!(names(&a, Some("bram")), Vec::<String>::new());
    assert_eq!(core.groups(&a).unwrap().into_iter().map(|g| g.name).collect::<Vec<_>>(), ["Groep A"]);

    // A person: the own group's child, without the history; another group's child as if they did not exist.
    let page = core.person_page(&a, anna, None).unwrap();
    assert!(page.history.is_empty() && !page.status.is_empty(), "statuses, never who signed");
    assert!(!core.person_page(&admin, anna, None).unwrap().history.is_empty());
    assert_eq!(code(core.person_page(&a, bram, None)), code(core.person_page(&a, 999_999, None)));
    assert_eq!(code(core.person_page(&a, bram, None)), "person.unknown");
    assert_eq!(code(core.consent_at(&a, bram, None)), "person.unknown");
    // A colleague is a name to tag, never a consent to look at (only the office and administrators see it).
    assert_eq!(code(core.person_page(&a, juf, None)), "person.unknown");
    assert_eq!(code(core.consent_at(&a, juf, None)), "person.unknown");
    assert_eq!(code(core.person_page(&admin, juf, None)), "ok");

    // Photos: only those with nobody of another group on them.
    let visible = |s: &Session| -> Vec<i64> {
        let mut v: Vec<i64> = core.photos(s, &PhotoFilter { limit: 100, ..Default::default() }).unwrap().photos.into_iter().map(|p| p.id).collect();
        v.sort();
        v
    };
    assert_eq!(visible(&admin), ids);
    assert_eq!(visible(&a), [only_anna, nobody]);
    assert_eq!(visible(&b), [only_bram, nobody]);
    assert_eq!(core.photos(&a, &PhotoFilter { limit: 100, ..Default::default() }).unwrap().total, 2, "the count is the teacher's too");
    for hidden in [only_bram, both] {
        assert_eq!(code(core.photo_detail(&a, hidden)), "photo.unknown");
        assert_eq!(code(core.photo_file(&a, hidden, Rendition::Thumb)), "photo.unknown");
        assert_eq!(code(core.check_photo(&a, hidden, "website", "information", None)), "photo.unknown");
        assert_eq!(code(core.tag_photo(&a, hidden, anna, None, false)), "photo.unknown");
        assert_eq!(code(core.publications(&a, hidden)), "photo.unknown");
    }
    assert_eq!(code(core.photo_detail(&a, hidden_id())), code(core.photo_detail(&a, only_bram)));
    assert_eq!(code(core.photo_file(&a, only_anna, Rendition::Thumb)), "ok");

    // Tagging someone of another group on a photo of one's own: not found either, and nothing changes.
    let before = core.photo_detail(&admin, nobody).unwrap().tags.len();
    assert_eq!(code(core.tag_photo(&a, nobody, bram, None, false)), "person.unknown");
    assert_eq!(core.photo_detail(&admin, nobody).unwrap().tags.len(), before);

    // A teacher's own import stays theirs, whoever is tagged on it later.
    let own = dir.path().join("eigen");
    std::fs::create_dir_all(&own).unwrap();
    image::RgbImage::from_pixel(200, 150, image::Rgb([10, 200, 30])).save(own.join("uitstap.jpg")).unwrap();
    let mine = core.import_photos(&b, &[own], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.tag_photo(&admin, mine, anna, None, false).unwrap();
    assert!(visible(&b).contains(&mine), "imported by this teacher");
    assert!(visible(&a).contains(&mine), "only a child of group A on it");
    core.tag_photo(&admin, mine, bram, None, false).unwrap();
    assert!(visible(&b).contains(&mine) && !visible(&a).contains(&mine), "Bram is not A's to see");

    // The takedown list: the office sees all three, each teacher the one of their group.
    let takedown = |s: &Session| -> Vec<i64> { core.takedown_list(s, Some(d("2026-11-20"))).unwrap().into_iter().map(|t| t.photo).collect() };
    assert_eq!(takedown(&admin), [only_anna, only_bram, both]);
    assert_eq!(takedown(&a), [only_anna]);
    assert_eq!(takedown(&b), [only_bram]);

    // A withdrawal a parent hands in: for the own group's child, not for another's.
    let withdraw = |s: &Session, kid, guardian: &str| {
        core.withdraw_consent(
            s,
            &WithdrawRequest {
                person: kid,
                items: vec!["group/website/information".into()],
                all: false,
                given_by: guardian.into(),
                co_signers: vec![],
                method: Method::Paper,
                date: None,
            },
        )
    };
    assert_eq!(code(withdraw(&a, bram, "Marieke")), "person.unknown");
    // Anna's consent was withdrawn already: the answer is about the consent, not about who asks.
    assert_eq!(code(withdraw(&a, anna, "Marieke")), "consent.nothing_to_withdraw");
    // A withdrawal the teacher registers takes effect at once, and the office sees who registered it.
    record(&core, &admin, anna, 1, "group/newsletter/information", "2026-11-05");
    let event = core
        .withdraw_consent(
            &a,
            &WithdrawRequest {
                person: anna,
                items: vec!["group/newsletter/information".into()],
                all: false,
                given_by: "Marieke".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: None,
            },
        )
        .unwrap();
    assert_eq!(
        core.consent_at(&a, anna, None).unwrap().items.iter().find(|i| i.item == "group/newsletter/information").unwrap().status,
        beeldakkoord_core::decision::Status::Withdrawn
    );
    assert_eq!(core.person_page(&admin, anna, None).unwrap().registered_by_teacher, [event]);
    assert!(core.person_page(&a, anna, None).unwrap().registered_by_teacher.is_empty());
}

/// An id no photo has.
fn hidden_id() -> i64 {
    987_654
}

/// A staff member's own consent is theirs to see (and to withdraw), once the
/// administrator linked their account to their record; a colleague's never is.
#[test]
fn a_staff_member_sees_their_own_consent_and_no_colleagues() {
    let dir = tempfile::tempdir().unwrap();
    let (core, admin) = setup(dir.path());
    core.add_group(&admin, "Groep A").unwrap();
    let staff = |name: &str| {
        core.add_person(&admin, &NewPerson { name: name.into(), kind: PersonKind::Staff, birth_date: None, groups: vec![], guardians: vec![] }).unwrap()
    };
    let ellen = staff("Juf Ellen");
    let karim = staff("Meester Karim");
    let anna = child(&core, &admin, "Anna", "Groep A");
    let item = "group/website/information";
    for (who, by) in [(ellen, "Juf Ellen"), (karim, "Meester Karim")] {
        core.record_consent(
            &admin,
            &beeldakkoord_core::api::RecordRequest {
                person: who,
                // The built-in staff form.
                form: 3,
                version: None,
                answers: vec![beeldakkoord_core::domain::consent::AnswerInput { item: item.into(), yes: true }],
                given_by: by.into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-09-01")),
            },
        )
        .unwrap();
    }
    let a = teacher(&core, &admin, "juf-ellen", "Groep A");
    // Not linked yet: her own record is as unknown to her as any colleague's.
    assert_eq!(code(core.person_page(&a, ellen, None)), "person.unknown");

    // Only a staff record, and one account per record.
    assert_eq!(code(core.link_user_person(&admin, "juf-ellen", Some(anna))), "user.person_not_staff");
    assert_eq!(code(core.link_user_person(&admin, "juf-ellen", Some(987_654))), "person.unknown");
    assert_eq!(code(core.link_user_person(&a, "juf-ellen", Some(ellen))), "auth.forbidden");
    let linked = core.link_user_person(&admin, "juf-ellen", Some(ellen)).unwrap();
    assert_eq!((linked.person, linked.person_name.as_deref()), (Some(ellen), Some("Juf Ellen")));
    core.add_user(&admin, &NewUser { user: "kantoor".into(), role: Role::Office, groups: vec![], password: "van de beheerder 1".into() }).unwrap();
    assert_eq!(code(core.link_user_person(&admin, "kantoor", Some(ellen))), "user.person_taken");

    // Her own page, with its history; withdrawing her own consent works at once.
    let own = core.person_page(&a, ellen, None).unwrap();
    assert_eq!(own.history.len(), 1);
    assert_eq!(own.status.iter().find(|s| s.item == item).unwrap().status, beeldakkoord_core::decision::Status::Granted);
    core.withdraw_consent(
        &a,
        &WithdrawRequest {
            person: ellen,
            items: vec![item.into()],
            all: false,
            given_by: "Juf Ellen".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: None,
        },
    )
    .unwrap();
    assert_eq!(core.consent_at(&a, ellen, None).unwrap().items.iter().find(|i| i.item == item).unwrap().status, beeldakkoord_core::decision::Status::Withdrawn);
    // A colleague's stays unknown, in every way of asking.
    assert_eq!(code(core.person_page(&a, karim, None)), "person.unknown");
    assert_eq!(code(core.consent_at(&a, karim, None)), "person.unknown");
    assert_eq!(
        code(core.withdraw_consent(
            &a,
            &WithdrawRequest {
                person: karim,
                items: vec![item.into()],
                all: false,
                given_by: "Meester Karim".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: None
            }
        )),
        "person.unknown"
    );
    // A class photo with Anna and Karim on the website; Karim withdraws. The
    // office's takedown list names him; a teacher's says "a colleague" (rule 8).
    record(&core, &admin, anna, 1, item, "2026-09-01");
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 200])).save(camera.join("klas.jpg")).unwrap();
    let photo = core.import_photos(&admin, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    // Posed: everyone on it is targeted, so consent counts.
    core.set_photo(&admin, photo, Some("group"), Some(true)).unwrap();
    core.tag_photo(&admin, photo, anna, Some(BoxInput { x: 10, y: 10, w: 40, h: 40 }), false).unwrap();
    core.tag_photo(&admin, photo, karim, Some(BoxInput { x: 100, y: 10, w: 40, h: 40 }), false).unwrap();
    core.add_publication(&admin, photo, "website", "information", "Website", Some(d("2026-10-01"))).unwrap();
    core.withdraw_consent(
        &admin,
        &WithdrawRequest {
            person: karim,
            items: vec![item.into()],
            all: false,
            given_by: "Meester Karim".into(),
            co_signers: vec![],
            method: Method::Paper,
            date: Some(d("2026-10-05")),
        },
    )
    .unwrap();
    let office_list = core.takedown_list(&admin, Some(d("2026-10-06"))).unwrap();
    assert_eq!(office_list[0].people.iter().map(|p| (p.name.clone(), p.colleague)).collect::<Vec<_>>(), [(Some("Meester Karim".to_string()), false)]);
    let teacher_list = core.takedown_list(&a, Some(d("2026-10-06"))).unwrap();
    assert_eq!(teacher_list.len(), 1, "the publication still goes on the teacher's list");
    assert_eq!(teacher_list[0].people.iter().map(|p| (p.person, p.name.clone(), p.colleague)).collect::<Vec<_>>(), [(None, None, true)]);

    // Unlinking takes effect at the next call.
    core.link_user_person(&admin, "juf-ellen", None).unwrap();
    assert_eq!(code(core.person_page(&a, ellen, None)), "person.unknown");
    assert!(core.verify_audit(&admin).unwrap().ok);
}
