//! Values derived from the database (the forms' terms, the photo choices,
//! the notices) kept between reads until the data change. A photo check
//! needs them on every call; reading and parsing every form version each
//! time cost more than the verdict itself.
//!
//! The data have changed when this connection wrote anything
//! (`total_changes`) or another connection committed (`PRAGMA
//! data_version`). During a write nothing is kept: a value built from rows
//! that are then rolled back must not outlive them.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::StoreError;

/// What the data looked like when the values were built.
type Token = (u64, i64);

#[derive(Default)]
pub struct Memo {
    inner: Mutex<Kept>,
    writing: AtomicBool,
}

/// A write in progress (see [`Memo::writing`]); its end is when it drops.
pub struct Writing<'a>(&'a AtomicBool);

impl Drop for Writing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

#[derive(Default)]
struct Kept {
    token: Option<Token>,
    values: HashMap<TypeId, Arc<dyn Any + Send + Sync>>,
}

fn token(conn: &Connection) -> Result<Token, StoreError> {
    let version: i64 = conn.prepare_cached("PRAGMA data_version")?.query_row([], |r| r.get(0))?;
    Ok((conn.total_changes(), version))
}

impl Memo {
    /// The value of type `T` built by `build` from the data as they are now:
    /// kept from an earlier call when nothing changed since, else built anew.
    /// One value per type: `T` names what is kept.
    pub fn get<T, E>(&self, conn: &Connection, build: impl FnOnce(&Connection) -> Result<T, E>) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        E: From<StoreError>,
    {
        if self.writing.load(Ordering::SeqCst) {
            return build(conn).map(Arc::new);
        }
        let now = token(conn)?;
        {
            let kept = self.inner.lock().unwrap_or_else(|p| p.into_inner());
            if kept.token == Some(now) {
                if let Some(v) = kept.values.get(&TypeId::of::<T>()).and_then(|v| Arc::clone(v).downcast::<T>().ok()) {
                    return Ok(v);
                }
            }
        }
        let value = Arc::new(build(conn)?);
        let mut kept = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if kept.token != Some(now) {
            kept.values.clear();
            kept.token = Some(now);
        }
        kept.values.insert(TypeId::of::<T>(), value.clone() as Arc<dyn Any + Send + Sync>);
        Ok(value)
    }
}

impl Memo {
    /// Mark a write as begun: until the returned guard drops, values are
    /// built for each call and not kept.
    pub fn writing(&self) -> Writing<'_> {
        self.writing.store(true, Ordering::SeqCst);
        Writing(&self.writing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Count(i64);

    fn count(c: &Connection) -> Result<Count, StoreError> {
        Ok(Count(c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0))?))
    }

    fn db(path: &std::path::Path) -> Connection {
        let c = Connection::open(path).unwrap();
        c.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS t (x INTEGER);").unwrap();
        c
    }

    #[test]
    fn a_value_is_kept_until_this_connection_writes() {
        let dir = tempfile::tempdir().unwrap();
        let c = db(&dir.path().join("m.sqlite3"));
        let memo = Memo::default();
        let first = memo.get(&c, count).unwrap();
        assert_eq!(*first, Count(0));
        // Kept: the same allocation comes back, the builder is not called.
        let again = memo.get(&c, |_| -> Result<Count, StoreError> { panic!("built again although nothing changed") }).unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        c.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(*memo.get(&c, count).unwrap(), Count(1));
    }

    #[test]
    fn a_commit_by_another_connection_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.sqlite3");
        let (c, other) = (db(&path), db(&path));
        let memo = Memo::default();
        assert_eq!(*memo.get(&c, count).unwrap(), Count(0));
        other.execute("INSERT INTO t VALUES (1)", []).unwrap();
        assert_eq!(*memo.get(&c, count).unwrap(), Count(1));
    }

    #[test]
    fn nothing_built_during_a_write_outlives_its_rollback() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = db(&dir.path().join("m.sqlite3"));
        let memo = Memo::default();
        assert_eq!(*memo.get(&c, count).unwrap(), Count(0));
        {
            let _writing = memo.writing();
            let tx = c.transaction().unwrap();
            tx.execute("INSERT INTO t VALUES (1)", []).unwrap();
            assert_eq!(*memo.get(&tx, count).unwrap(), Count(1));
            tx.rollback().unwrap();
        }
        assert_eq!(*memo.get(&c, count).unwrap(), Count(0));
    }

    #[test]
    fn a_read_transaction_keeps_values() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = db(&dir.path().join("m.sqlite3"));
        let memo = Memo::default();
        let first = {
            let tx = c.transaction().unwrap();
            memo.get(&tx, count).unwrap()
        };
        let tx = c.transaction().unwrap();
        assert!(Arc::ptr_eq(&first, &memo.get(&tx, count).unwrap()));
    }

    #[test]
    fn values_of_other_types_are_kept_side_by_side() {
        let dir = tempfile::tempdir().unwrap();
        let c = db(&dir.path().join("m.sqlite3"));
        let memo = Memo::default();
        let n = memo.get(&c, count).unwrap();
        let s = memo.get(&c, |_| Ok::<_, StoreError>(String::from("forms"))).unwrap();
        assert_eq!((&*n, s.as_str()), (&Count(0), "forms"));
        assert!(Arc::ptr_eq(&n, &memo.get(&c, count).unwrap()));
    }
}
