//! The window's save commands pass what the save dialog answered, with
//! "replace" already agreed (`overwrite: true`); the folder dialogs never
//! replace. Even so, nothing reaches the data folder.

mod common;

use beeldakkoord_core::api::FormTarget;
use beeldakkoord_core::files::{OutputDir, OutputFile};
use beeldakkoord_core::i18n::UserFacing;
use beeldakkoord_core::Lang;
use common::{add, d, setup};

#[test]
fn every_save_the_window_offers_refuses_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (core, s) = setup(dir.path());
    core.add_group(&s, "G").unwrap();
    let p = add(&core, &s, "Sem", "2019-01-01", "G", &["Iris"]);
    let data = dir.path().join("data");
    let db = OutputFile::new(data.join("beeldakkoord.sqlite3"), true);
    let code = |r: Result<(), beeldakkoord_core::Error>| r.err().map(|e| e.code().as_str()).unwrap_or("ok");
    let state = || std::fs::read(data.join("beeldakkoord.sqlite3")).unwrap();
    let before = state();
    assert_eq!(code(core.print_dossier(&s, p, Lang::Nl, &db).map(|_| ())), "file.inside_data");
    assert_eq!(code(core.print_form(&s, 1, None, &FormTarget::Blank, Lang::Nl, None, &db).map(|_| ())), "file.inside_data");
    assert_eq!(code(core.print_measures(&s, Lang::Nl, &db).map(|_| ())), "file.inside_data");
    assert_eq!(code(core.export_form_file(&s, 1, None, &db).map(|_| ())), "file.inside_data");
    assert_eq!(code(core.export_photo(&s, 1, "website", "information", None, &db).map(|_| ())), "file.inside_data");
    let elsewhere = OutputFile::new(dir.path().join("lijst.pdf"), true);
    assert_eq!(code(core.print_reconsent(&s, None, None, Lang::Nl, &elsewhere, Some(&db)).map(|_| ())), "file.inside_data");
    assert_eq!(code(core.print_reconsent(&s, None, None, Lang::Nl, &db, Some(&elsewhere)).map(|_| ())), "file.inside_data");
    assert!(!dir.path().join("lijst.pdf").exists(), "nothing half done");
    let folder = OutputDir::new(&data, false);
    let never = std::sync::atomic::AtomicBool::new(false);
    core.set_leave_date(&s, p, d("2026-10-01")).unwrap();
    assert_eq!(code(core.dossier_batch(&s, d("2026-10-01"), d("2026-10-31"), Lang::Nl, &folder, &mut |_| {}, &never).map(|_| ())), "file.inside_data");
    assert_eq!(code(core.leaver_photos(&s, p, &folder).map(|_| ())), "file.inside_data");
    assert_eq!(state(), before);
}
