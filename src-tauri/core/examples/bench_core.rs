//! The benchmark's figures measured inside one process, on the data set
//! `bench_data` made (`scripts/bench` runs both).
//!
//! `bench_core SET MODE [--runs N] [--faces]` with MODE `encrypted` or
//! `plain` prints one JSON object: each figure's runs, median and unit.
//! Figures that change data work on a copy of the data folder (the database
//! copied, the photo files hard-linked: the library never changes a file in
//! place, it writes a new one and renames it), so the cached set stays as
//! it was made.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use beeldakkoord_core::api::{FacesAtImport, InitRequest, PeopleFilter, PhotoFilter, WithdrawRequest};
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::domain::consent::Method;
use beeldakkoord_core::files::OutputDir;
use beeldakkoord_core::store::StoreError;
use beeldakkoord_core::{Beeldakkoord, Lang};
use chrono::NaiveDate;
use serde_json::{json, Value};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

struct Set {
    root: PathBuf,
    mode: String,
    manifest: Value,
    password: String,
}

impl Set {
    fn data(&self) -> PathBuf {
        self.root.join(&self.mode).join("data")
    }
    fn encrypted(&self) -> bool {
        self.mode == "encrypted"
    }
    fn fact(&self, key: &str) -> Res<&Value> {
        self.manifest[&self.mode].get(key).ok_or_else(|| format!("manifest has no {key}").into())
    }
    fn open(&self, data: &Path) -> Res<(Beeldakkoord, Session)> {
        Ok(if self.encrypted() { Beeldakkoord::unlock(data, "admin", &self.password)? } else { Beeldakkoord::open_unencrypted(data, "admin", &self.password)? })
    }
    /// A working copy of the data folder in `into`.
    fn copy(&self, into: &Path) -> Res<PathBuf> {
        let to = into.join("data");
        copy_tree(&self.data(), &to, false)?;
        Ok(to)
    }
}

fn copy_tree(from: &Path, to: &Path, link: bool) -> Res<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_type()?.is_dir() {
            copy_tree(&src, &dst, link || entry.file_name() == "photos")?;
        } else if link {
            std::fs::hard_link(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// A read straight from the store's connection (what the figures compare with).
fn sql<T>(core: &Beeldakkoord, f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>) -> Res<T> {
    Ok(core.store().read(|c| f(c).map_err(StoreError::from))?)
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let m = v.len() / 2;
    if v.len() % 2 == 1 {
        v[m]
    } else {
        (v[m - 1] + v[m]) / 2.0
    }
}

fn figure(runs: &[f64], unit: &str, extra: Value) -> Value {
    let mut v = json!({"median": median(runs), "runs": runs, "unit": unit});
    if let (Some(o), Value::Object(e)) = (v.as_object_mut(), extra) {
        o.extend(e);
    }
    v
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn folder_size(dir: &Path) -> Res<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        total += if entry.file_type()?.is_dir() { folder_size(&entry.path())? } else { entry.metadata()?.len() };
    }
    Ok(total)
}

fn main() -> Res<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: bench_core SET encrypted|plain [--runs N] [--faces] [--only reads|check|takedown|dossiers|roster|import]";
    let root = PathBuf::from(args.next().ok_or(usage)?);
    let mode = args.next().ok_or(usage)?;
    if mode != "encrypted" && mode != "plain" {
        return Err(usage.into());
    }
    let (mut runs, mut faces, mut only) = (5usize, false, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().ok_or(usage)?.parse()?,
            "--faces" => faces = true,
            // One group of figures (reads, takedown, dossiers, roster, import), for a
            // profiler; "check" is the photo check alone, a hundred times as often.
            "--only" => only = Some(args.next().ok_or(usage)?),
            _ => return Err(usage.into()),
        }
    }
    let manifest: Value = serde_json::from_slice(&std::fs::read(root.join("manifest.json"))?)?;
    let password = manifest["password"].as_str().ok_or("manifest has no password")?.to_string();
    let set = Set { root, mode, manifest, password };
    let work = tempfile::tempdir()?;
    let mut out = serde_json::Map::new();

    let wanted = |part: &str| only.as_deref().is_none_or(|o| o == part);
    let data = set.data();
    if only.as_deref() == Some("check") {
        let (core, s) = set.open(&data)?;
        let photo = set.fact("photo_30")?.as_i64().ok_or("photo_30")?;
        let t = Instant::now();
        for _ in 0..runs * 100 {
            core.check_photo(&s, photo, "website", "information", None)?;
        }
        out.insert("photo_check".into(), figure(&[t.elapsed().as_secs_f64() * 1e6 / (runs * 100) as f64], "µs", json!({})));
    }
    if wanted("reads") {
        let t = Instant::now();
        let (core, s) = set.open(&data)?;
        out.insert("open_with_password".into(), figure(&[ms(t)], "ms", json!({})));
        check_figures(&set, &core, &s, runs, &mut out)?;
    }
    if wanted("takedown") {
        out.insert("takedown_after_withdrawal".into(), takedown(&set, work.path(), runs)?);
    }
    if wanted("dossiers") {
        // A batch runs for seconds: three runs are enough for a median.
        out.insert("dossier_batch".into(), dossiers(&set, work.path(), runs.min(3))?);
    }
    if wanted("roster") {
        let (first, again) = roster(&set, work.path(), runs)?;
        out.insert("roster_import".into(), first);
        out.insert("roster_reimport".into(), again);
    }
    if wanted("import") {
        out.insert("photo_import".into(), import(&set, work.path(), runs.min(3), FacesAtImport::Later)?);
        if faces {
            out.insert("photo_import_faces".into(), import(&set, work.path(), 1, FacesAtImport::Detect)?);
        }
    }
    let db = ["beeldakkoord.sqlite3", "beeldakkoord.sqlite3-wal"].iter().map(|f| std::fs::metadata(data.join(f)).map(|m| m.len()).unwrap_or(0)).sum::<u64>();
    out.insert("database_size".into(), figure(&[db as f64 / 1_048_576.0], "MiB", json!({})));
    out.insert("data_folder_size".into(), figure(&[folder_size(&data)? as f64 / 1_048_576.0], "MiB", json!({})));
    println!("{}", serde_json::to_string_pretty(&json!({"mode": set.mode, "figures": out}))?);
    Ok(())
}

/// Reads on the data set as it is: the verdict for the class photo with 30
/// people against one SQLite point read through the same store, the home
/// screen, the grid's pages and a people search.
fn check_figures(set: &Set, core: &Beeldakkoord, s: &Session, runs: usize, out: &mut serde_json::Map<String, Value>) -> Res<()> {
    let photo = set.fact("photo_30")?.as_i64().ok_or("photo_30")?;
    let people = core.photo(s, photo)?.1.len();
    // Many calls per run: one check is well under a millisecond. One run of
    // a few calls is the smoke run's (a debug build).
    let (reps, calls) = if runs > 1 { (runs.max(5), 500) } else { (1, 20) };
    let per_call = |f: &mut dyn FnMut() -> Res<()>| -> Res<Vec<f64>> {
        for _ in 0..calls / 10 {
            f()?;
        }
        (0..reps)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..calls {
                    f()?;
                }
                Ok(t.elapsed().as_secs_f64() * 1e6 / calls as f64)
            })
            .collect()
    };
    let check = per_call(&mut || {
        core.check_photo(s, photo, "website", "information", None)?;
        Ok(())
    })?;
    let point = per_call(&mut || {
        let hash: String = sql(core, |c| c.prepare_cached("SELECT hash FROM photos WHERE id = ?1")?.query_row([photo], |r| r.get(0)))?;
        std::hint::black_box(hash);
        Ok(())
    })?;
    out.insert("photo_check".into(), figure(&check, "µs", json!({"people": people})));
    out.insert("sqlite_point_read".into(), figure(&point, "µs", json!({})));

    let timed = |f: &mut dyn FnMut() -> Res<usize>| -> Res<(Vec<f64>, usize)> {
        let mut n = f()?;
        let mut xs = Vec::new();
        for _ in 0..reps {
            let t = Instant::now();
            n = f()?;
            xs.push(ms(t));
        }
        Ok((xs, n))
    };
    let (xs, _) = timed(&mut || Ok(usize::from(core.overview(s).is_ok())))?;
    out.insert("home_overview".into(), figure(&xs, "ms", json!({})));
    let (xs, n) = timed(&mut || Ok(core.people(s, &PeopleFilter::default())?.len()))?;
    out.insert("people_list".into(), figure(&xs, "ms", json!({"rows": n})));
    let (xs, n) = timed(&mut || Ok(core.people(s, &PeopleFilter { search: Some("jan".into()), ..Default::default() })?.len()))?;
    out.insert("people_search".into(), figure(&xs, "ms", json!({"rows": n})));
    let (xs, n) = timed(&mut || Ok(core.photos(s, &PhotoFilter { limit: 200, ..Default::default() })?.photos.len()))?;
    out.insert("grid_first_page".into(), figure(&xs, "ms", json!({"rows": n})));
    let total = set.fact("photos")?.as_u64().unwrap_or(0) as i64;
    let (xs, n) = timed(&mut || Ok(core.photos(s, &PhotoFilter { offset: (total - 200).max(0) as _, limit: 200, ..Default::default() })?.photos.len()))?;
    out.insert("grid_last_page".into(), figure(&xs, "ms", json!({"rows": n})));
    Ok(())
}

/// One family withdraws everything; then the takedown list over every publication.
fn takedown(set: &Set, work: &Path, runs: usize) -> Res<Value> {
    let dir = work.join("takedown");
    let data = set.copy(&dir)?;
    let (core, s) = set.open(&data)?;
    // The pupil on the most publications: the withdrawal that matters most.
    let (person, on): (i64, i64) = sql(&core, |c| {
        c.query_row(
            "SELECT t.person_id, COUNT(DISTINCT p.id) AS n FROM publications p JOIN photo_tags t ON t.photo_id = p.photo_id \
             JOIN persons x ON x.id = t.person_id WHERE x.kind = 'child' GROUP BY t.person_id ORDER BY n DESC, t.person_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    })?;
    let guardian = core.person(&s, person)?.guardians.first().map(|g| g.name.clone()).ok_or("a guardian")?;
    core.withdraw_consent(
        &s,
        &WithdrawRequest { person, items: vec![], all: true, given_by: guardian, co_signers: vec![], method: Method::Paper, date: None },
    )?;
    let publications: i64 = sql(&core, |c| c.query_row("SELECT COUNT(*) FROM publications", [], |r| r.get(0)))?;
    let mut listed = core.takedown_list(&s, None)?.len();
    let mut xs = Vec::new();
    for _ in 0..if runs > 1 { runs.max(5) } else { 1 } {
        let t = Instant::now();
        listed = core.takedown_list(&s, None)?.len();
        xs.push(ms(t));
    }
    drop(core);
    std::fs::remove_dir_all(&dir)?;
    Ok(figure(&xs, "ms", json!({"publications": publications, "on_withdrawn_pupil": on, "to_take_down": listed})))
}

/// The year-end batch over the leavers of the last two school years, with the combined PDF.
fn dossiers(set: &Set, work: &Path, runs: usize) -> Res<Value> {
    let from: NaiveDate = serde_json::from_value(set.fact("leavers_from")?.clone())?;
    let to: NaiveDate = serde_json::from_value(set.fact("leavers_to")?.clone())?;
    let mut xs = Vec::new();
    let (mut count, mut combined, mut each) = (0, 0u64, 0u64);
    for run in 0..runs {
        let dir = work.join(format!("dossiers{run}"));
        let data = set.copy(&dir)?;
        let (core, s) = set.open(&data)?;
        let out = dir.join("print");
        std::fs::create_dir_all(&out)?;
        let t = Instant::now();
        let report = core.dossier_batch(&s, from, to, Lang::Nl, &OutputDir::new(&out, false), &mut |_| {}, &AtomicBool::new(false))?;
        xs.push(ms(t));
        count = report.count;
        combined = report.combined.as_ref().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).unwrap_or(0);
        each = report.files.iter().map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)).sum::<u64>() / u64::from(count.max(1));
        drop(core);
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(figure(&xs, "ms", json!({"dossiers": count, "kib_per_dossier": each / 1024, "combined_kib": combined / 1024})))
}

fn fresh(set: &Set, dir: &Path) -> Res<(Beeldakkoord, Session)> {
    let request = InitRequest {
        org_name: "Kindcentrum De Regenboog".into(),
        jurisdiction: "nl".into(),
        consent_age: None,
        school_year_start: None,
        username: "admin".into(),
        password: set.password.clone(),
    };
    let data = dir.join("data");
    Ok(if set.encrypted() { Beeldakkoord::create(&data, &request)? } else { Beeldakkoord::create_unencrypted(&data, &request)? })
}

/// The roster export into a new school's data folder, then the same file again.
fn roster(set: &Set, work: &Path, runs: usize) -> Res<(Value, Value)> {
    let csv = std::fs::read(set.root.join("roster.csv"))?;
    let (mut first, mut again) = (Vec::new(), Vec::new());
    let (mut added, mut unchanged) = (0, 0);
    for run in 0..runs {
        let dir = work.join(format!("roster{run}"));
        let (core, s) = fresh(set, &dir)?;
        let t = Instant::now();
        added = core.import_roster(&s, &csv, false)?.added;
        first.push(ms(t));
        let t = Instant::now();
        unchanged = core.import_roster(&s, &csv, false)?.unchanged;
        again.push(ms(t));
        drop(core);
        std::fs::remove_dir_all(&dir)?;
    }
    Ok((figure(&first, "ms", json!({"added": added})), figure(&again, "ms", json!({"unchanged": unchanged}))))
}

/// The camera's files into a new school's library, as one import.
fn import(set: &Set, work: &Path, runs: usize, faces: FacesAtImport) -> Res<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(set.root.join("camera"))?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    files.sort();
    let mut xs = Vec::new();
    for run in 0..runs {
        let dir = work.join(format!("import{run}"));
        let (core, s) = fresh(set, &dir)?;
        let t = Instant::now();
        let report = core.import_photos(&s, &files, faces, &mut |_| true)?;
        xs.push(ms(t));
        if report.imported.len() != files.len() {
            return Err(format!("import took {} of {} files", report.imported.len(), files.len()).into());
        }
        drop(core);
        std::fs::remove_dir_all(&dir)?;
    }
    let per_second: Vec<f64> = xs.iter().map(|ms| files.len() as f64 * 1000.0 / ms).collect();
    Ok(figure(
        &xs,
        "ms",
        json!({"files": files.len(), "photos_per_s": median(&per_second), "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)}),
    ))
}
