//! Helpers for the CLI scenario tests: a fresh data folder per test and the
//! real binary, run as a user would run it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

pub mod images;

pub const PASSWORD: &str = "correct horse battery";

pub struct Office {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub out: Output,
}

impl Run {
    pub fn ok(&self) -> bool {
        self.out.status.success()
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.out.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.out.stderr).into_owned()
    }
    /// The JSON document on stdout; panics with stderr when the command failed.
    pub fn json(&self) -> Value {
        assert!(self.ok(), "command failed: {}", self.stderr());
        serde_json::from_slice(&self.out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout()))
    }
    /// The error code; panics when the command succeeded.
    pub fn code(&self) -> String {
        assert!(!self.ok(), "command should fail, printed: {}", self.stdout());
        let line = self.stderr();
        assert_eq!(line.trim_end().lines().count(), 1, "error must be one line: {line}");
        let v: Value = serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("error not JSON ({e}): {line}"));
        assert!(v["message"].as_str().is_some_and(|m| m.len() > 10), "error needs a message: {line}");
        v["code"].as_str().unwrap_or_default().to_string()
    }
    pub fn message(&self) -> String {
        let v: Value = serde_json::from_str(self.stderr().trim()).unwrap_or_default();
        v["message"].as_str().unwrap_or_default().to_string()
    }
}

impl Office {
    pub fn new() -> Office {
        Office { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A set-up office: organisation in the Netherlands.
    pub fn nl() -> Office {
        let o = Office::new();
        o.json(&[
            "init",
            "--org",
            "Basisschool De Regenboog",
            "--jurisdiction",
            "nl",
            "--recovery-sheet",
            o.path().join("herstelblad.pdf").to_str().expect("UTF-8"),
        ]);
        o
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }

    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The binary with this office's data folder and password, as a plain process.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("beeldakkoord"));
        c.env("BEELDAKKOORD_PASSWORD", PASSWORD)
            .env_remove("BEELDAKKOORD_USER")
            .env_remove("BEELDAKKOORD_LANG")
            .env_remove("BEELDAKKOORD_DATA_DIR")
            .arg("--data-dir")
            .arg(self.dir.path().join("data"));
        c
    }

    /// Run with `--json`. A setup (`init`) that names no recovery sheet
    /// gets one beside the data folder, as every setup needs one.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.cmd();
        cmd.arg("--json").args(args);
        if args.first() == Some(&"init") && !args.contains(&"--recovery-sheet") {
            let sheet = (0..).map(|n| self.path().join(format!("herstelblad-{n}.pdf"))).find(|p| !p.exists()).expect("a free name");
            cmd.arg("--recovery-sheet").arg(sheet);
        }
        Run { out: cmd.output().expect("run") }
    }

    pub fn json(&self, args: &[&str]) -> Value {
        self.run(args).json()
    }

    pub fn id(&self, args: &[&str]) -> i64 {
        self.json(args)["id"].as_i64().expect("id")
    }

    /// Item statuses of `consent show`, as (item, status) pairs.
    pub fn statuses(&self, person: i64, at: &str) -> Vec<(String, String)> {
        let v = self.json(&["consent", "show", "--person", &person.to_string(), "--at", at]);
        v["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| (i["item"].as_str().unwrap_or_default().to_string(), i["status"].as_str().unwrap_or_default().to_string()))
            .collect()
    }

    pub fn status(&self, person: i64, at: &str, item: &str) -> String {
        self.statuses(person, at).into_iter().find(|(i, _)| i == item).map(|(_, s)| s).unwrap_or_else(|| "missing".into())
    }

    /// The database file's bytes: compared before and after to prove a failure changed nothing.
    pub fn snapshot(&self) -> Vec<(String, i64)> {
        table_counts(&self.dir.path().join("data").join("beeldakkoord.sqlite3"))
    }

    /// Marieke's paper form of 1 September 2026 for `person`, on the
    /// built-in form: yes to `item`.
    pub fn consent_yes(&self, person: &str, item: &str) {
        let answer = format!("{item}=yes");
        self.json(&[
            "consent",
            "record",
            "--person",
            person,
            "--form",
            "1",
            "--answer",
            &answer,
            "--given-by",
            "Marieke",
            "--method",
            "paper",
            "--date",
            "2026-09-01",
        ]);
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Everything a bad input must leave alone: a logical dump of the
    /// database and the SHA-256 of every file in the data folder.
    pub fn state(&self) -> State {
        state_of(&self.data())
    }

    /// Run with `--json`, stopped after `limit`; also the process's peak
    /// memory (max RSS, from `wait4`).
    pub fn run_measured(&self, args: &[&str], limit: std::time::Duration) -> Measured {
        // Through GNU time, which forks the app from its own small process:
        // the kernel counts an exec'd child's peak memory from the process it
        // replaced, and a child spawned straight from this test process (a
        // vfork sharing its memory) would report the test's own peak — with
        // other tests running beside it, hundreds of MB that are not the app's.
        static RUN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let peak_file = self.dir.path().join(format!(".peak-{}", RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed)));
        let app = self.std_cmd();
        let mut cmd = std::process::Command::new("/usr/bin/time");
        cmd.arg("-f").arg("%M").arg("-o").arg(&peak_file).arg(app.get_program()).args(app.get_args());
        for (key, value) in app.get_envs() {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        // Its own process group, so the watchdog stops GNU time and the app together.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        cmd.arg("--json").args(args).stdin(std::process::Stdio::null()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
        let started = std::time::Instant::now();
        // Reaped by `waitpid` below.
        #[allow(clippy::zombie_processes)]
        let mut child = cmd.spawn().expect("spawn");
        let pid = child.id() as libc::pid_t;
        let read_all = |mut r: Box<dyn std::io::Read + Send>| {
            std::thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = r.read_to_end(&mut buf);
                buf
            })
        };
        let stdout = read_all(Box::new(child.stdout.take().expect("stdout")));
        let stderr = read_all(Box::new(child.stderr.take().expect("stderr")));
        // Kill it if it outlives the limit; the test then fails on `timed_out`.
        let watchdog = std::thread::spawn(move || {
            while started.elapsed() < limit {
                std::thread::sleep(std::time::Duration::from_millis(50));
                // SAFETY: signal 0 only asks whether the process exists.
                if unsafe { libc::kill(pid, 0) } != 0 {
                    return false;
                }
            }
            // SAFETY: our own child's process group, still running past the limit.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
            true
        });
        let mut status = 0;
        // SAFETY: waiting on our own child's pid with a valid pointer.
        unsafe { libc::waitpid(pid, &mut status, 0) };
        let elapsed = started.elapsed();
        let timed_out = watchdog.join().unwrap_or(false);
        let status = std::os::unix::process::ExitStatusExt::from_raw(status);
        let out = std::process::Output { status, stdout: stdout.join().unwrap_or_default(), stderr: stderr.join().unwrap_or_default() };
        // GNU time's last line is the app's peak resident memory in KiB.
        let max_rss_kb = std::fs::read_to_string(&peak_file).ok().and_then(|t| t.lines().last().and_then(|l| l.trim().parse().ok())).unwrap_or(u64::MAX);
        Measured { run: Run { out }, max_rss_kb, elapsed, timed_out }
    }
}

pub struct Measured {
    pub run: Run,
    /// Peak resident memory of the process, in KiB.
    pub max_rss_kb: u64,
    pub elapsed: std::time::Duration,
    pub timed_out: bool,
}

/// A data folder's contents as far as a failed command may not change them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub dump: Vec<String>,
    pub files: std::collections::BTreeMap<String, String>,
}

pub fn state_of(data: &Path) -> State {
    use sha2::Digest;
    let mut files = std::collections::BTreeMap::new();
    if data.exists() {
        for f in walk(data) {
            let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("read {}: {e}", f.display()));
            files.insert(f.strip_prefix(data).unwrap_or(&f).display().to_string(), hex::encode(sha2::Sha256::digest(&bytes)));
        }
    }
    State { dump: dump(&data.join("beeldakkoord.sqlite3")), files }
}

/// A named pipe at `path`, as a hostile or confused user might name it.
pub fn fifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().expect("a UTF-8 path")).expect("no NUL");
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo {}", path.display());
}

/// Every file below `dir`, sorted (links to folders not followed).
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The data key of the installation whose database is `db`, opened with
/// the administrator's password (`None` for a plain file).
pub fn data_key(db: &Path) -> Option<beeldakkoord_core::crypto::keys::DataKey> {
    beeldakkoord_core::store::sqlcipher_ready();
    let dir = db.parent()?;
    let keys = beeldakkoord_core::crypto::keyfile::KeyFile::read(dir).expect("keys file readable")?;
    Some(keys.open("admin", PASSWORD).expect("the administrator's password opens the data key").0)
}

/// A bare, keyed connection to the database of a data folder (as someone
/// with the key, working behind the app's back).
pub fn raw(data: &Path) -> rusqlite::Connection {
    let db = data.join("beeldakkoord.sqlite3");
    beeldakkoord_core::store::connect(&db, data_key(&db).as_ref()).expect("open database")
}

/// Every row of every table, in rowid order, as text. Opened `immutable`,
/// so reading makes no side files and changes nothing itself.
pub fn dump(db: &Path) -> Vec<String> {
    beeldakkoord_core::store::sqlcipher_ready();
    if !db.exists() {
        return vec!["(no database)".into()];
    }
    let uri = format!("file:{}?immutable=1", db.display());
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let c = rusqlite::Connection::open_with_flags(uri, flags).expect("open database read-only");
    if let Some(key) = data_key(db) {
        c.execute_batch(&format!("PRAGMA key = {};", key.sqlcipher_key().as_str())).expect("key");
    }
    let mut out = Vec::new();
    let version: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("user_version");
    out.push(format!("user_version {version}"));
    let mut stmt = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").expect("tables");
    let tables: Vec<String> = stmt.query_map([], |r| r.get(0)).expect("tables").collect::<Result<_, _>>().expect("tables");
    for t in tables {
        let mut rows = c.prepare(&format!("SELECT * FROM \"{t}\" ORDER BY rowid")).expect("select");
        let n = rows.column_count();
        let lines: Vec<String> = rows
            .query_map([], |r| {
                let cells: Vec<String> = (0..n).map(|i| r.get::<_, rusqlite::types::Value>(i).map(|v| format!("{v:?}"))).collect::<Result<_, _>>()?;
                Ok(format!("{t}: {}", cells.join(" | ")))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
        out.extend(lines);
    }
    out
}

/// Row counts of every table, read from the database file itself.
fn table_counts(db: &Path) -> Vec<(String, i64)> {
    let key = data_key(db);
    let conn = beeldakkoord_core::store::Store::open(db, key.as_ref()).expect("open db");
    conn.read(|c| {
        let mut stmt = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
        let names: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for n in names {
            let count: i64 = c.query_row(&format!("SELECT COUNT(*) FROM \"{n}\""), [], |r| r.get(0))?;
            out.push((n, count));
        }
        Ok::<_, beeldakkoord_core::store::StoreError>(out)
    })
    .expect("count rows")
}

/// The recovery code printed on a recovery sheet (pdftotext): nine groups of four, three to a line.
pub fn recovery_code(sheet: &Path) -> String {
    let out = std::process::Command::new("pdftotext").arg(sheet).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let groups: Vec<&str> = text
        .lines()
        .filter(|l| l.split_whitespace().count() == 3 && l.split_whitespace().all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())))
        .flat_map(|l| l.split_whitespace())
        .collect();
    assert_eq!(groups.len(), 9, "nine groups on the sheet: {text}");
    groups.join("-")
}
