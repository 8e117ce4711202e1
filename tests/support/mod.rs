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
        o.json(&["init", "--org", "Basisschool De Regenboog", "--jurisdiction", "nl"]);
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
        let mut c = Command::cargo_bin("beeldakkoord").expect("binary");
        c.env("BEELDAKKOORD_PASSWORD", PASSWORD)
            .env_remove("BEELDAKKOORD_USER")
            .env_remove("BEELDAKKOORD_LANG")
            .env_remove("BEELDAKKOORD_DATA_DIR")
            .arg("--data-dir")
            .arg(self.dir.path().join("data"));
        c
    }

    /// Run with `--json`.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self.cmd().arg("--json").args(args).output().expect("run");
        Run { out }
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
}

/// Row counts of every table, read from the database file itself.
fn table_counts(db: &Path) -> Vec<(String, i64)> {
    let conn = beeldakkoord_core::store::Store::open(db).expect("open db");
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
