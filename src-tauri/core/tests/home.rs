//! The home screen ("Vandaag") through the core API, on a fixture
//! organisation: each figure counts what it should, leaves what it should
//! not, and a teacher sees only the photo work.

use beeldakkoord_core::api::{BoxInput, FacesAtImport, FormTarget, NewUser, Overview, WithdrawRequest};
use beeldakkoord_core::auth::{Role, Session};
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::domain::org::Organisation;
use beeldakkoord_core::files::OutputFile;
use beeldakkoord_core::i18n::{Lang, UserFacing};
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{add, answer, d, dump, photo_hashes, setup};

const WEB: &str = "group/website/information";
const NEWS: &str = "group/newsletter/information";

fn teacher(core: &Beeldakkoord, admin: &Session) -> Session {
    core.add_user(admin, &NewUser { user: "juf.ellen".into(), role: Role::Teacher, groups: vec!["Groep 3".into()], password: "van de beheerder 1".into() })
        .unwrap();
    let first = core.login("juf.ellen", "van de beheerder 1").unwrap();
    core.change_password(&first, "van de beheerder 1", "een heel lang wachtwoord").unwrap()
}

fn names<T>(list: &Option<Vec<T>>, name: impl Fn(&T) -> &str) -> Vec<String> {
    list.as_ref().expect("shown to this role").iter().map(|x| name(x).to_string()).collect()
}

fn forms_out(o: &Overview) -> Vec<String> {
    names(&o.forms_out, |f| f.name.as_str())
}

fn code<T>(r: Result<T, beeldakkoord_core::Error>) -> String {
    r.err().map(|e| e.code().as_str().to_string()).unwrap_or_default()
}

fn withdraw(core: &Beeldakkoord, s: &Session, person: i64, item: &str, by: &str) -> i64 {
    let req = WithdrawRequest { person, items: vec![item.into()], all: false, given_by: by.into(), co_signers: vec![], method: Method::Paper, date: None };
    core.withdraw_consent(s, &req).unwrap()
}

#[test]
fn each_figure_counts_what_needs_doing_and_clears_when_done() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let out = |name: &str| OutputFile::new(dir.path().join(name), true);
    for g in ["Groep 3", "Groep 8"] {
        core.add_group(&s, g).unwrap();
    }
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    let daan = add(&core, &s, "Daan Mol", "2019-06-12", "Groep 3", &["Eva Mol"]);
    let sem = add(&core, &s, "Sem de Wit", "2019-01-20", "Groep 3", &["Karel de Wit"]);
    // Groep 8: one turns 16 this month (5 November), one next month, one last month.
    let lotte = add(&core, &s, "Lotte van Dijk", "2010-11-05", "Groep 8", &["Anke van Dijk"]);
    add(&core, &s, "Bas Smit", "2010-12-01", "Groep 8", &["Ruud Smit"]);
    add(&core, &s, "Iris Kok", "2010-10-31", "Groep 8", &["Petra Kok"]);

    let empty = core.overview(&s).unwrap();
    assert_eq!(empty.on, d("2026-11-22"));
    assert!(forms_out(&empty).is_empty());
    assert_eq!(empty.withdrawals, Some(vec![]));
    assert_eq!((empty.takedown, empty.unchecked_photos), (Some(0), Some(0)));
    assert_eq!(names(&empty.own_consent_this_month, |p| p.name.as_str()), ["Lotte van Dijk"]);
    assert_eq!(empty.own_consent_this_month.as_ref().unwrap()[0].on, Some(d("2026-11-05")));
    assert_eq!(empty.own_consent_this_month.as_ref().unwrap()[0].person, lotte);
    assert_eq!(empty.warning_days, 30);
    assert!(empty.backup.as_ref().unwrap().last.is_none(), "no backup yet");

    // Forms handed out to Groep 3: all three are out.
    core.print_form(&s, 1, None, &FormTarget::Group("Groep 3".into()), Lang::Nl, None, &out("groep3.pdf")).unwrap();
    // A blank form goes to nobody in particular.
    core.print_form(&s, 1, None, &FormTarget::Blank, Lang::Nl, None, &out("leeg.pdf")).unwrap();
    let o = core.overview(&s).unwrap();
    // By surname, Dutch style: Bakker, Mol, (de) Wit.
    assert_eq!(forms_out(&o), ["Noor Bakker", "Daan Mol", "Sem de Wit"]);
    assert!(o.forms_out.as_ref().unwrap().iter().all(|f| f.handed_out_on == d("2026-11-22") && f.form == 1));

    // Noor's comes back; Daan's answer dates from before the hand-out (an
    // older paper), so his is still out; Sem's is entered and then undone.
    answer(&core, &s, noor, &[(WEB, true), (NEWS, true)], "Ilse Bakker", Method::Paper, d("2026-11-22"));
    answer(&core, &s, daan, &[(WEB, true)], "Eva Mol", Method::Paper, d("2026-09-01"));
    let sem_event = answer(&core, &s, sem, &[(WEB, false)], "Karel de Wit", Method::Paper, d("2026-11-22"));
    core.void_consent_event(&s, sem, sem_event, "verkeerd kind").unwrap();
    assert_eq!(forms_out(&core.overview(&s).unwrap()), ["Daan Mol", "Sem de Wit"]);

    // Sem leaves: no longer waited for, but now a leaver without a dossier.
    core.set_leave_date(&s, sem, d("2026-11-20")).unwrap();
    let o = core.overview(&s).unwrap();
    assert_eq!(forms_out(&o), ["Daan Mol"]);
    assert_eq!(names(&o.leavers_without_dossier, |p| p.name.as_str()), ["Sem de Wit"]);
    assert_eq!(o.leavers_without_dossier.as_ref().unwrap()[0].on, Some(d("2026-11-20")));
    assert_eq!(o.leavers_without_dossier.as_ref().unwrap()[0].groups, ["Groep 3"]);
    core.print_dossier(&s, sem, Lang::Nl, &out("sem.pdf")).unwrap();
    assert_eq!(core.overview(&s).unwrap().leavers_without_dossier, Some(vec![]));

    // A teacher registers a withdrawal a parent handed in; the office's own does not need confirming.
    let juf = teacher(&core, &s);
    let by_teacher = withdraw(&core, &juf, noor, WEB, "Ilse Bakker");
    withdraw(&core, &s, noor, NEWS, "Ilse Bakker");
    let o = core.overview(&s).unwrap();
    let w = o.withdrawals.as_ref().unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].event, w[0].person, w[0].teacher.as_str(), w[0].given_by.as_str()), (by_teacher, noor, "juf.ellen", "Ilse Bakker"));
    assert_eq!(w[0].items, [WEB]);

    // Photos: two imported, neither checked; one gets a type and a tag.
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    for (i, name) in ["a.jpg", "b.jpg"].iter().enumerate() {
        image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 40 * i as u8])).save(camera.join(name)).unwrap();
    }
    let photos: Vec<i64> = core.import_photos(&s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported.iter().map(|p| p.id).collect();
    assert_eq!(core.overview(&s).unwrap().unchecked_photos, Some(2));
    core.tag_photo(&s, photos[0], daan, Some(BoxInput { x: 10, y: 10, w: 60, h: 60 }), false).unwrap();
    core.set_photo(&s, photos[0], Some("group"), Some(true)).unwrap();
    assert_eq!(core.overview(&s).unwrap().unchecked_photos, Some(1));

    // Daan's website "yes" is published, then withdrawn: it must come down.
    core.add_publication(&s, photos[0], "website", "information", "Website groep 3", Some(d("2026-11-01"))).unwrap();
    assert_eq!(core.overview(&s).unwrap().takedown, Some(0));
    withdraw(&core, &s, daan, WEB, "Eva Mol");
    assert_eq!(core.overview(&s).unwrap().takedown, Some(1));

    // The warning period: nothing ends within 30 days (the terms run to
    // 31 July); with 300 days Daan's remaining... none: his only yes is gone.
    // Noor still has nothing granted either, so answer again for her.
    answer(&core, &s, noor, &[(NEWS, true)], "Ilse Bakker", Method::Paper, d("2026-11-22"));
    assert_eq!(core.overview(&s).unwrap().expiring, Some(vec![]));
    let org = core.organisation().unwrap();
    core.update_organisation(&s, &Organisation { expiry_warning_days: 300, ..org }).unwrap();
    let o = core.overview(&s).unwrap();
    assert_eq!(o.warning_days, 300);
    assert_eq!(names(&o.expiring, |p| p.name.as_str()), ["Noor Bakker"]);

    // The office confirms the teacher's withdrawal: it leaves the list, and a second click changes nothing.
    core.confirm_withdrawal(&s, by_teacher).unwrap();
    assert_eq!(core.overview(&s).unwrap().withdrawals, Some(vec![]));
    let data = dir.path().join("data");
    let events: i64 = common::raw(&data).query_row("SELECT MAX(id) FROM audit_events", [], |r| r.get(0)).unwrap();
    let (before, files) = (dump(&data, events), photo_hashes(&data));
    assert_eq!(code(core.confirm_withdrawal(&s, by_teacher)), "consent.nothing_to_confirm");
    assert_eq!(code(core.confirm_withdrawal(&s, 9999)), "consent.nothing_to_confirm");
    assert_eq!(code(core.confirm_withdrawal(&juf, by_teacher)), "auth.forbidden");
    assert_eq!(dump(&data, events), before);
    assert_eq!(photo_hashes(&data), files);

    // A backup made today shows on the home screen.
    core.create_backup(&s, &OutputFile::new(dir.path().join("kopie.bak"), false)).unwrap();
    assert!(core.overview(&s).unwrap().backup.unwrap().last.is_some());
}

#[test]
fn a_withdrawal_the_teacher_undoes_leaves_the_list_and_a_teacher_sees_only_photo_work() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep 3").unwrap();
    let noor = add(&core, &s, "Noor Bakker", "2019-04-02", "Groep 3", &["Ilse Bakker"]);
    answer(&core, &s, noor, &[(WEB, true)], "Ilse Bakker", Method::Paper, d("2026-09-01"));
    let juf = teacher(&core, &s);
    let event = withdraw(&core, &juf, noor, WEB, "Ilse Bakker");
    assert_eq!(core.overview(&s).unwrap().withdrawals.unwrap().len(), 1);
    core.void_consent_event(&s, noor, event, "verkeerd vakje").unwrap();
    assert_eq!(core.overview(&s).unwrap().withdrawals, Some(vec![]));
    assert_eq!(code(core.confirm_withdrawal(&s, event)), "consent.nothing_to_confirm");

    let o = core.overview(&juf).unwrap();
    assert_eq!((o.takedown, o.unchecked_photos), (Some(0), Some(0)));
    assert!(o.forms_out.is_none() && o.withdrawals.is_none() && o.leavers_without_dossier.is_none());
    assert!(o.own_consent_this_month.is_none() && o.expiring.is_none() && o.backup.is_none());
}

#[test]
fn the_warning_period_is_a_setting_within_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    let org = core.organisation().unwrap();
    assert_eq!(org.expiry_warning_days, 30, "a month unless chosen otherwise");
    for bad in [0, 366] {
        let r = core.update_organisation(&s, &Organisation { expiry_warning_days: bad, ..org.clone() });
        assert_eq!(code(r), "setup.expiry_warning", "{bad} days");
    }
    assert_eq!(core.organisation().unwrap(), org, "nothing changed");
    core.update_organisation(&s, &Organisation { expiry_warning_days: 14, ..org }).unwrap();
    assert_eq!(core.organisation().unwrap().expiry_warning_days, 14);
}
