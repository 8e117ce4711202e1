//! The audit trail covers content: a row changed, deleted or added with an
//! outside SQLite tool is named by `verify_audit` (table and row); what the
//! application itself writes, updates and deletes always verifies. The log
//! shows who did what, filtered, and reads of a full history are logged
//! once per screen.

use beeldakkoord_core::api::FacesAtImport;
use beeldakkoord_core::api::{BoxInput, NewNotice, NewUser, WithdrawRequest};
use beeldakkoord_core::auth::{Role, Session};
use beeldakkoord_core::domain::audit::{AuditFilter, ChainReport, RowProblemKind};
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::Beeldakkoord;

mod common;

use common::{child, d, record, setup};

const ITEM: &str = "group/website/information";

/// Ids of what the office below holds.
struct Office {
    dir: tempfile::TempDir,
    anna: i64,
    record: i64,
    withdrawal: i64,
    photo: i64,
    tag: i64,
    publication: i64,
    notice: i64,
}

/// An office with consent (a yes, a no, a withdrawal), a tagged photo whose
/// box moved and whose second tag was removed, a publication taken down and
/// one still up, a notice and a second user: every kind of covered write,
/// including the application's own updates and deletes.
fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "Groep A").unwrap();
    let anna = child(&core, &s);
    let record_id = core
        .record_consent(
            &s,
            &beeldakkoord_core::api::RecordRequest {
                person: anna,
                form: 1,
                version: None,
                answers: vec![
                    beeldakkoord_core::domain::consent::AnswerInput { item: ITEM.into(), yes: true },
                    beeldakkoord_core::domain::consent::AnswerInput { item: "group/internal/information".into(), yes: false },
                ],
                given_by: "Marieke".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-09-01")),
            },
        )
        .unwrap();
    let withdrawal = core
        .withdraw_consent(
            &s,
            &WithdrawRequest {
                person: anna,
                items: vec![ITEM.into()],
                all: false,
                given_by: "Marieke".into(),
                co_signers: vec![],
                method: Method::Paper,
                date: Some(d("2026-10-01")),
            },
        )
        .unwrap();
    record(&core, &s, anna, 1, ITEM, "2026-10-15");

    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    image::RgbImage::from_fn(320, 240, |x, y| image::Rgb([x as u8, y as u8, 90])).save(camera.join("klas.jpg")).unwrap();
    let photo = core.import_photos(&s, &[camera], FacesAtImport::Detect, &mut |_| true).unwrap().imported[0].id;
    core.tag_photo(&s, photo, anna, Some(BoxInput { x: 10, y: 10, w: 40, h: 40 }), false).unwrap();
    // The box moves (an update) and a second box is drawn and removed (a delete).
    let tags = core.tag_photo(&s, photo, anna, Some(BoxInput { x: 20, y: 20, w: 50, h: 50 }), true).unwrap();
    let tag = tags[0].id;
    let tags = core.mark_unknown(&s, photo, BoxInput { x: 100, y: 100, w: 30, h: 30 }).unwrap();
    let unknown = tags.iter().find(|t| t.id != tag).unwrap().id;
    core.remove_tag(&s, photo, unknown).unwrap();
    core.set_photo(&s, photo, Some("group"), Some(false)).unwrap();

    let publication = core.add_publication(&s, photo, "internal", "information", "Prikbord", Some(d("2026-11-01"))).unwrap();
    let gone = core.add_publication(&s, photo, "internal", "information", "Nieuwsbrief", Some(d("2026-11-02"))).unwrap();
    core.remove_publication(&s, gone, Some(d("2026-11-03"))).unwrap();
    let notice = core
        .add_notice(
            &s,
            &NewNotice {
                groups: vec!["Groep A".into()],
                all_staff: false,
                purposes: vec!["information".into()],
                channels: vec!["internal".into()],
                text: "Schoolreis naar de dierentuin".into(),
                date: Some(d("2026-11-05")),
            },
        )
        .unwrap();
    core.add_user(&s, &NewUser { user: "kantoor".into(), role: Role::Office, groups: vec![], password: "van de beheerder 1".into() }).unwrap();

    let office = Office { dir, anna, record: record_id, withdrawal, photo, tag, publication, notice };
    let report = verify(&office);
    assert!(report.ok, "the application's own writes verify: {report:?}");
    assert_eq!(report.problem_count, 0);
    assert!(report.rows > 30, "covered rows checked: {}", report.rows);
    office
}

fn open(o: &Office) -> (Beeldakkoord, Session) {
    common::unlock(&o.dir.path().join("data"))
}

fn verify(o: &Office) -> ChainReport {
    let (core, s) = open(o);
    core.verify_audit(&s).unwrap()
}

/// Change the file as an outside SQLite tool would: triggers dropped first.
fn tamper(o: &Office, sql: &str) {
    let conn = common::raw(&o.dir.path().join("data"));
    for table in ["consent_events", "consent_answers", "publications", "information_notices", "audit_rows"] {
        for op in ["update", "delete"] {
            conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {table}_no_{op};")).unwrap();
        }
    }
    conn.execute_batch(sql).unwrap();
}

fn names(report: &ChainReport, table: &str, key: &str, kind: RowProblemKind) {
    assert!(!report.ok, "{report:?}");
    assert_eq!(report.table.as_deref(), Some(table), "{report:?}");
    assert_eq!(report.key.as_deref(), Some(key), "{report:?}");
    assert_eq!(report.problem, Some(kind), "{report:?}");
}

#[test]
fn an_answer_changed_from_no_to_yes_is_named() {
    let o = office();
    tamper(&o, &format!("UPDATE consent_answers SET answer = 'yes' WHERE event_id = {} AND item = 'group/internal/information'", o.record));
    let r = verify(&o);
    names(&r, "consent_answers", &format!("{}/group/internal/information", o.record), RowProblemKind::Changed);
    assert_eq!(r.row, Some(o.record));
    assert!(r.broken_at.is_some(), "the event that wrote the answer is named");
    assert_eq!(r.problem_count, 1);
}

#[test]
fn a_deleted_withdrawal_is_named() {
    let o = office();
    tamper(&o, &format!("DELETE FROM consent_answers WHERE event_id = {0}; DELETE FROM consent_events WHERE id = {0};", o.withdrawal));
    let r = verify(&o);
    names(&r, "consent_events", &o.withdrawal.to_string(), RowProblemKind::Deleted);
    assert_eq!(r.row, Some(o.withdrawal));
    assert!(r.problems.iter().any(|p| p.table == "consent_answers" && p.kind == RowProblemKind::Deleted), "its answer too: {r:?}");
}

#[test]
fn a_moved_tag_box_is_named() {
    let o = office();
    tamper(&o, &format!("UPDATE photo_tags SET box_x = box_x + 200 WHERE id = {}", o.tag));
    names(&verify(&o), "photo_tags", &o.tag.to_string(), RowProblemKind::Changed);
}

#[test]
fn a_deleted_publication_is_named() {
    let o = office();
    tamper(&o, &format!("DELETE FROM publications WHERE id = {}", o.publication));
    let r = verify(&o);
    names(&r, "publications", &o.publication.to_string(), RowProblemKind::Deleted);
    assert_eq!(r.row, Some(o.publication));
}

#[test]
fn other_covered_content_changed_outside_is_named() {
    // (statement, table named, key named with the same placeholders, problem)
    let cases: Vec<(&str, &str, &str, RowProblemKind)> = vec![
        ("UPDATE information_notices SET text = 'Iets anders' WHERE id = {notice}", "information_notices", "{notice}", RowProblemKind::Changed),
        ("UPDATE photos SET photo_type = 'portrait' WHERE id = {photo}", "photos", "{photo}", RowProblemKind::Changed),
        ("UPDATE users SET role = 'admin' WHERE username = 'kantoor'", "users", "2", RowProblemKind::Changed),
        ("UPDATE persons SET birth_date = '2008-01-01' WHERE id = {anna}", "persons", "{anna}", RowProblemKind::Changed),
        (
            // A consent nobody gave, added with its answer.
            "INSERT INTO consent_events (id, person_id, kind, form_version_id, given_by_role, given_by_name, method, given_on, entered_by, entered_at)
             VALUES (99, {anna}, 'record', 1, 'guardian', 'Marieke', 'paper', '2026-11-20', 1, '2026-11-20T10:00:00')",
            "consent_events",
            "99",
            RowProblemKind::Unrecorded,
        ),
        (
            // The trail's own list of rows, rewritten to match a change.
            "DELETE FROM audit_rows WHERE tbl = 'publications' AND row_key = '{publication}'",
            "audit_rows",
            "",
            RowProblemKind::TrailRows,
        ),
    ];
    for (sql, table, key, kind) in cases {
        let o = office();
        let fill = |text: &str| {
            text.replace("{notice}", &o.notice.to_string())
                .replace("{photo}", &o.photo.to_string())
                .replace("{anna}", &o.anna.to_string())
                .replace("{publication}", &o.publication.to_string())
        };
        let sql = fill(sql);
        tamper(&o, &sql);
        let r = verify(&o);
        assert!(!r.ok, "{sql}: {r:?}");
        assert_eq!(r.table.as_deref(), Some(table), "{sql}: {r:?}");
        assert_eq!(r.problem, Some(kind), "{sql}: {r:?}");
        let key = fill(key);
        if !key.is_empty() {
            assert_eq!(r.key.as_deref(), Some(key.as_str()), "{sql}: {r:?}");
        }
    }
}

#[test]
fn the_log_shows_who_did_what_filtered_and_only_to_admins() {
    let o = office();
    let (core, s) = open(&o);
    let all = core.audit_log(&s, &AuditFilter::default()).unwrap();
    assert!(all.entries.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    assert!(all.entries.iter().all(|e| !e.details.contains("row_digest")), "the row digest is the trail's, not the reader's");

    let anna = core.audit_log(&s, &AuditFilter { person: Some(o.anna), ..Default::default() }).unwrap();
    let actions: Vec<&str> = anna.entries.iter().map(|e| e.action.as_str()).collect();
    for want in ["person.add", "consent.record", "consent.withdraw", "photo.tag"] {
        assert!(actions.contains(&want), "{want} in {actions:?}");
    }
    assert!(anna.entries.iter().all(|e| e.person == Some(o.anna) && e.person_name.as_deref() == Some("Anna")));
    assert!(!actions.contains(&"publication.add") && !actions.contains(&"user.add"), "{actions:?}");

    let by_admin = core.audit_log(&s, &AuditFilter { user: Some("admin".into()), ..Default::default() }).unwrap();
    assert_eq!(by_admin.entries.len(), all.entries.len());
    let by_nobody = core.audit_log(&s, &AuditFilter { user: Some("kantoor".into()), ..Default::default() }).unwrap();
    assert!(by_nobody.entries.is_empty());

    let today = chrono::Local::now().date_naive();
    let since_tomorrow = core.audit_log(&s, &AuditFilter { since: today.succ_opt(), ..Default::default() }).unwrap();
    assert!(since_tomorrow.entries.is_empty());
    let until_yesterday = core.audit_log(&s, &AuditFilter { until: today.pred_opt(), ..Default::default() }).unwrap();
    assert!(until_yesterday.entries.is_empty());
    let today_only = core.audit_log(&s, &AuditFilter { since: Some(today), until: Some(today), ..Default::default() }).unwrap();
    assert_eq!(today_only.entries.len(), all.entries.len());
    let backwards = core.audit_log(&s, &AuditFilter { since: Some(today), until: today.pred_opt(), ..Default::default() });
    assert_eq!(backwards.unwrap_err().code(), "date.order");

    // Pages: three at a time, the next page before the last id seen.
    let first = core.audit_log(&s, &AuditFilter { limit: Some(3), ..Default::default() }).unwrap();
    assert_eq!(first.entries.len(), 3);
    assert!(first.more);
    let next = core.audit_log(&s, &AuditFilter { limit: Some(3), before: Some(first.entries[2].id), ..Default::default() }).unwrap();
    assert_eq!(next.entries[0].id, all.entries[3].id);

    let office_user = core.login("kantoor", "van de beheerder 1").unwrap();
    let office_user = core.change_password(&office_user, "van de beheerder 1", "een heel lang wachtwoord").unwrap();
    assert_eq!(core.audit_log(&office_user, &AuditFilter::default()).unwrap_err().code(), "auth.forbidden");
}

#[test]
fn reading_a_full_history_is_logged_once_per_screen() {
    let o = office();
    let (core, s) = open(&o);
    let reads = || {
        core.audit_log(&s, &AuditFilter { person: Some(o.anna), ..Default::default() })
            .unwrap()
            .entries
            .iter()
            .filter(|e| e.action == "person.history_read")
            .count()
    };
    assert_eq!(reads(), 0);
    core.person_page(&s, o.anna, None).unwrap();
    assert_eq!(reads(), 1);
    // The same screen reloading (after an edit) is not a new look.
    core.person_page(&s, o.anna, None).unwrap();
    core.history(&s, o.anna).unwrap();
    assert_eq!(reads(), 1);
    assert!(core.verify_audit(&s).unwrap().ok);
    // Statuses alone (what a teacher or `consent show` reads) are not the history.
    core.consent_at(&s, o.anna, None).unwrap();
    assert_eq!(reads(), 1);
}
