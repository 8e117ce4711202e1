//! Failed sign-ins counted while the database is still locked: a wrong
//! password cannot open the data key, so it cannot be written into the
//! (encrypted) database. Kept in a small plain file beside it, per salted
//! name tag (no names), under the keys file's lock. The successful sign-in
//! carries the count into the audit trail.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

const FILE: &str = "beeldakkoord.signin";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Attempts {
    /// Tag → (failures, last failure `YYYY-MM-DDTHH:MM:SS`).
    failed: BTreeMap<String, (u32, String)>,
}

fn read(dir: &Path) -> Attempts {
    // A damaged file must not lock anybody out: it counts as no failures.
    std::fs::read(dir.join(FILE)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

fn change(dir: &Path, f: impl FnOnce(&mut Attempts)) -> std::io::Result<()> {
    let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(dir.join(crate::crypto::keyfile::LOCK_FILE))?;
    lock.lock()?;
    let mut a = read(dir);
    f(&mut a);
    let json = serde_json::to_vec(&a).map_err(std::io::Error::other)?;
    crate::files::write_atomic(&dir.join(FILE), &json)
}

fn now() -> String {
    chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Failures so far for `tag`, and when the last one was.
pub fn failures(dir: &Path, tag: &str) -> (u32, Option<String>) {
    read(dir).failed.get(tag).map(|(n, at)| (*n, Some(at.clone()))).unwrap_or((0, None))
}

/// Count one more failure; the new count. A folder that cannot be written
/// counts nothing (it cannot be changed either).
pub fn record_failure(dir: &Path, tag: &str) -> u32 {
    let mut n = 0;
    let _ = change(dir, |a| {
        let entry = a.failed.entry(tag.to_string()).or_insert((0, String::new()));
        entry.0 = entry.0.saturating_add(1);
        entry.1 = now();
        n = entry.0;
    });
    n
}

/// Forget the failures of `tag` (it signed in); how many there were.
pub fn clear(dir: &Path, tag: &str) -> u32 {
    let (n, _) = failures(dir, tag);
    if n > 0 {
        let _ = change(dir, |a| {
            a.failed.remove(tag);
        });
    }
    n
}
