//! The SQLite store. One writer connection behind a mutex; every write runs
//! in one transaction through [`Store::write`], which also appends the
//! hash-chained audit event. Repositories are plain functions per table.

pub mod audit;
pub mod consent;
pub mod faces;
pub mod forms;
pub mod home;
pub mod memo;
pub mod org;
pub mod people;
pub mod photos;
pub mod retention;
pub mod scope;
pub mod users;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rusqlite::{Connection, ErrorCode as SqliteCode, OpenFlags, OptionalExtension, TransactionBehavior};
use rusqlite_migration::{Migrations, M};

use crate::crypto::keys::DataKey;
use crate::i18n::{ErrorCode, Lang, UserFacing};

pub const DB_FILE: &str = "beeldakkoord.sqlite3";

/// Numbered migrations, embedded in the binary. Append; never edit one that shipped.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_photos.sql"),
    include_str!("migrations/0003_tag_ids.sql"),
    include_str!("migrations/0004_logo.sql"),
    include_str!("migrations/0005_accounts.sql"),
    include_str!("migrations/0006_idle_lock.sql"),
    include_str!("migrations/0007_audit_rows.sql"),
    include_str!("migrations/0008_guardian_consent.sql"),
    include_str!("migrations/0009_consent_age_changes.sql"),
    include_str!("migrations/0010_backup_settings.sql"),
    include_str!("migrations/0011_retention.sql"),
    include_str!("migrations/0012_faces.sql"),
    include_str!("migrations/0013_face_descriptions.sql"),
    include_str!("migrations/0014_signers.sql"),
    include_str!("migrations/0015_leaving.sql"),
    include_str!("migrations/0016_consent_attachments.sql"),
    include_str!("migrations/0017_kiosk_method.sql"),
    include_str!("migrations/0018_scan_folder.sql"),
    include_str!("migrations/0019_home.sql"),
];

/// The step after which the audit trail covers content: existing rows are
/// recorded in one baseline event, in the same transaction as the step.
const CONTENT_COVERED: usize = 7;

fn migrations() -> Migrations<'static> {
    Migrations::new(
        MIGRATIONS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i + 1 {
                CONTENT_COVERED => {
                    M::up_with_hook(sql, |tx: &rusqlite::Transaction| audit::baseline(tx).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string())))
                }
                _ => M::up(sql),
            })
            // Steps run with foreign keys off (a table rebuilt to widen a
            // CHECK has rows pointing at it); each step checks them after it ran.
            .map(M::foreign_key_check)
            .collect(),
    )
}

/// Bring `conn` to schema `to` (the latest when `None`), foreign keys off
/// while the steps run and on again after, whatever the outcome.
fn migrate(conn: &mut Connection, to: Option<usize>) -> Result<(), rusqlite_migration::Error> {
    conn.execute_batch("PRAGMA foreign_keys = OFF;")?;
    let done = match to {
        Some(n) => migrations().to_version(conn, n),
        None => migrations().to_latest(conn),
    };
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    done
}

/// Databases of an older schema, for tests of upgrades (a backup made by
/// an older version, say). Not used by the application.
#[doc(hidden)]
pub mod testing {
    use super::*;

    /// An encrypted database at `path` of schema `version`, after `sql` ran
    /// at schema `at` (rows the way that version wrote them).
    pub fn database_at(path: &Path, key: &DataKey, at: usize, sql: &str, version: usize) -> Result<(), StoreError> {
        let mut conn = keyed(Connection::open(path).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?, Some(key))?;
        let to = |conn: &mut Connection, n: usize| migrate(conn, Some(n)).map_err(|e| StoreError::Sqlite(e.to_string()));
        to(&mut conn, at)?;
        conn.execute_batch(sql)?;
        to(&mut conn, version)?;
        Ok(())
    }
}

/// The schema version this build writes.
pub fn schema_version() -> usize {
    MIGRATIONS.len()
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("cannot create data folder {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error("migration from {found} to {known} failed")]
    Migration { found: usize, known: usize },
    #[error("no data in {dir}")]
    NoData { dir: PathBuf },
    #[error("empty database file {path}")]
    EmptyFile { path: PathBuf },
    #[error("not a Beeldakkoord database")]
    NotOurs,
    #[error("database exists {path}")]
    Exists { path: PathBuf },
    #[error("read-only")]
    ReadOnly,
    #[error("read-only copy of schema {found}, this build knows {known}")]
    ReadOnlyOld { found: usize, known: usize },
    #[error("database is from a newer Beeldakkoord (schema {found}, this build knows {known})")]
    TooNew { found: usize, known: usize },
    #[error("disk full")]
    DiskFull,
    #[error("database damaged: {0}")]
    Corrupt(String),
    #[error("busy")]
    Busy,
    #[error("append-only: {0}")]
    AppendOnly(String),
    #[error("database error: {0}")]
    Sqlite(String),
    #[error("stored data unreadable: {0}")]
    Decode(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            let msg = msg.clone().unwrap_or_default();
            match f.code {
                SqliteCode::DiskFull => return StoreError::DiskFull,
                SqliteCode::DatabaseCorrupt | SqliteCode::NotADatabase => return StoreError::Corrupt(msg),
                SqliteCode::DatabaseBusy | SqliteCode::DatabaseLocked => return StoreError::Busy,
                SqliteCode::ReadOnly => return StoreError::ReadOnly,
                SqliteCode::ConstraintViolation if msg.contains("append-only") => return StoreError::AppendOnly(msg),
                _ => {}
            }
        }
        StoreError::Sqlite(e.to_string())
    }
}

impl UserFacing for StoreError {
    fn code(&self) -> ErrorCode {
        match self {
            StoreError::Open { .. } => ErrorCode::StoreOpen,
            StoreError::DataDir { .. } => ErrorCode::StoreDataDir,
            StoreError::Migration { .. } => ErrorCode::StoreMigration,
            StoreError::NoData { .. } => ErrorCode::StoreNoData,
            StoreError::EmptyFile { .. } => ErrorCode::StoreEmptyFile,
            StoreError::NotOurs => ErrorCode::StoreNotOurs,
            StoreError::Exists { .. } => ErrorCode::StoreExists,
            StoreError::ReadOnly => ErrorCode::StoreReadOnly,
            StoreError::ReadOnlyOld { .. } => ErrorCode::StoreReadOnlyOld,
            StoreError::TooNew { .. } => ErrorCode::StoreTooNew,
            StoreError::DiskFull => ErrorCode::StoreDiskFull,
            StoreError::Corrupt(_) => ErrorCode::StoreCorrupt,
            StoreError::Busy => ErrorCode::StoreBusy,
            StoreError::AppendOnly(_) => ErrorCode::StoreAppendOnly,
            StoreError::Sqlite(_) => ErrorCode::StoreDatabase,
            StoreError::Decode(_) => ErrorCode::StoreDecode,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            StoreError::Open { path, source } => lang.pick(
                format!("De database {} kan niet geopend worden ({source}). Controleer of de map bestaat en schrijfbaar is.", path.display()),
                format!("The database {} cannot be opened ({source}). Check that the folder exists and is writable.", path.display()),
            ),
            StoreError::DataDir { path, source } => lang.pick(
                format!("De gegevensmap {} kan niet aangemaakt worden ({source}). Kies een map waarin u mag schrijven.", path.display()),
                format!("The data folder {} cannot be created ({source}). Choose a folder you may write to.", path.display()),
            ),
            StoreError::Migration { found, known } => lang.pick(
                format!("De database zegt schemaversie {found} te hebben, maar past daar niet bij, zodat bijwerken naar versie {known} mislukte; er is niets veranderd, zet een reservekopie terug."),
                format!("The database says it has schema version {found} but does not match it, so upgrading to version {known} failed; nothing was changed, restore a backup."),
            ),
            StoreError::NoData { dir } => lang.pick(
                format!("In {} staan geen gegevens van Beeldakkoord. Controleer de gegevensmap (--data-dir), of richt Beeldakkoord eerst in met 'init'. Er is niets aangemaakt.", dir.display()),
                format!("{} holds no Beeldakkoord data. Check the data folder (--data-dir), or set Beeldakkoord up first with 'init'. Nothing was created.", dir.display()),
            ),
            StoreError::EmptyFile { path } => lang.pick(
                format!("Het databasebestand {} is leeg (0 bytes). Zet een reservekopie terug; Beeldakkoord begint er niet stilzwijgend een nieuwe database in.", path.display()),
                format!("The database file {} is empty (0 bytes). Restore a backup; Beeldakkoord does not silently start a new database in it.", path.display()),
            ),
            StoreError::NotOurs => lang.pick(
                "Dit databasebestand is geen database van Beeldakkoord. Er is niets veranderd; controleer de gegevensmap.".to_string(),
                "This database file is not a Beeldakkoord database. Nothing was changed; check the data folder.".to_string(),
            ),
            StoreError::Exists { path } => lang.pick(
                format!("Er staat al een databasebestand: {}. Kies een lege map, of open de bestaande gegevens.", path.display()),
                format!("There is a database file already: {}. Choose an empty folder, or open the existing data.", path.display()),
            ),
            StoreError::ReadOnly => lang.pick(
                "Deze gegevensmap kan alleen gelezen worden (bijvoorbeeld een reservekopie op een gedeelde schijf): bekijken en controleren kan, vastleggen en afdrukken niet. Er is niets veranderd.".to_string(),
                "This data folder can only be read (a backup on a shared drive, say): viewing and checking work, recording and printing do not. Nothing was changed.".to_string(),
            ),
            StoreError::ReadOnlyOld { found, known } => lang.pick(
                format!("Deze alleen-lezen kopie heeft schemaversie {found}; deze versie van Beeldakkoord leest versie {known}. Kopieer de map naar een schrijfbare plek, dan wordt ze bijgewerkt."),
                format!("This read-only copy has schema version {found}; this Beeldakkoord reads version {known}. Copy the folder to a writable place to have it upgraded."),
            ),
            StoreError::TooNew { found, known } => lang.pick(
                format!("Deze database is gemaakt door een nieuwere versie van Beeldakkoord (schema {found}, deze versie kent {known}). Installeer de nieuwste versie."),
                format!("This database was made by a newer Beeldakkoord (schema {found}, this version knows {known}). Install the latest version."),
            ),
            StoreError::DiskFull => lang.pick(
                "De schijf is vol. Er is niets opgeslagen; maak ruimte vrij en probeer het opnieuw.".to_string(),
                "The disk is full. Nothing was saved; free some space and try again.".to_string(),
            ),
            StoreError::Corrupt(e) => lang.pick(
                format!("De database is beschadigd. Zet een reservekopie terug. (Technische melding: {}.)", crate::domain::text::shorten(e, 200)),
                format!("The database is damaged. Restore a backup. (Technical detail: {}.)", crate::domain::text::shorten(e, 200)),
            ),
            StoreError::Busy => lang.pick(
                "De database is even bezet door een ander venster of programma. Probeer het zo opnieuw.".to_string(),
                "The database is busy in another window or program. Try again in a moment.".to_string(),
            ),
            StoreError::AppendOnly(_) => lang.pick(
                "Toestemmingsgeschiedenis en gebruikte formulierversies kunnen niet gewijzigd of verwijderd worden. Leg een wijziging vast als nieuwe gebeurtenis.".to_string(),
                "Consent history and answered form versions cannot be changed or deleted. Record a change as a new event.".to_string(),
            ),
            StoreError::Sqlite(e) => lang.pick(
                format!("De database gaf een fout. Er is niets veranderd. (Technische melding: {}.)", crate::domain::text::shorten(e, 200)),
                format!("The database reported an error. Nothing was changed. (Technical detail: {}.)", crate::domain::text::shorten(e, 200)),
            ),
            StoreError::Decode(e) => lang.pick(
                format!("Opgeslagen gegevens zijn onleesbaar. (Technische melding: {}.)", crate::domain::text::shorten(e, 200)),
                format!("Stored data cannot be read. (Technical detail: {}.)", crate::domain::text::shorten(e, 200)),
            ),
        }
    }
}

/// Who performs a write; recorded in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: String,
}

impl Actor {
    pub fn system() -> Actor {
        Actor { user_id: None, username: "system".into() }
    }
}

pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    /// Opened from a folder that cannot be written: every write is refused.
    read_only: bool,
    /// What reads derive from the data, kept until the data change.
    memo: memo::Memo,
}

/// Remove the database file of `dir` with its journal files: only for a
/// database a failed first setup made (callers hold no connection to it).
pub fn remove_database(dir: &Path) {
    crate::files::remove_with_journals(&dir.join(DB_FILE));
}

/// Put the database file `from` in the place of `dir`'s database, whose
/// connections are all closed: its leftover journal files go first (they
/// belong to the old file), then one rename, made durable.
pub fn replace_database(dir: &Path, from: &Path) -> Result<(), StoreError> {
    for suffix in ["-wal", "-shm", "-journal"] {
        match std::fs::remove_file(dir.join(format!("{DB_FILE}{suffix}"))) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(StoreError::Sqlite(format!("remove {suffix}: {e}"))),
            _ => {}
        }
    }
    std::fs::rename(from, dir.join(DB_FILE)).map_err(|e| StoreError::Sqlite(format!("rename: {e}")))?;
    crate::files::sync_dir(dir).map_err(|e| StoreError::Sqlite(format!("sync: {e}")))
}

/// A digest of every row of every table of `schema`, table by table: the
/// same data give the same digests, whatever the file's encryption.
fn digests(conn: &Connection, schema: &str) -> Result<Vec<(String, String)>, StoreError> {
    use sha2::{Digest, Sha256};
    let mut names = conn.prepare(&format!("SELECT name FROM \"{schema}\".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"))?;
    let tables: Vec<String> = names.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for t in tables {
        let mut rows = conn.prepare(&format!("SELECT * FROM \"{schema}\".\"{t}\" ORDER BY rowid"))?;
        let n = rows.column_count();
        let mut h = Sha256::new();
        let mut q = rows.query([])?;
        while let Some(r) = q.next()? {
            for i in 0..n {
                h.update(format!("{:?}\u{1f}", r.get::<_, rusqlite::types::Value>(i)?).as_bytes());
            }
            h.update(b"\x1e");
        }
        out.push((t, hex::encode(h.finalize())));
    }
    Ok(out)
}

/// Whether this process may write `path` (a folder or a file).
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
        // SAFETY: a valid, NUL-terminated path; access() only reads it.
        unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).map(|m| !m.permissions().readonly()).unwrap_or(false)
    }
}

/// SQLCipher sets itself up on the first keyed connection of a process, and
/// two threads doing that at once (a backup beside the window's work, test
/// threads) can find it half done ("sqlcipher not initialized"): the first
/// keyed connection is made here, once, before any other.
pub fn sqlcipher_ready() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        if let Ok(c) = Connection::open_in_memory() {
            let _ = c.execute_batch("PRAGMA key = 'warm-up'; CREATE TABLE t (x); DROP TABLE t;");
        }
    });
}

/// Give SQLCipher the raw data key before anything is read: no key
/// derivation of its own on each open. A wrong key or a damaged first page
/// shows at the first read as "not a database" (`store.damaged`).
fn keyed(conn: Connection, key: Option<&DataKey>) -> Result<Connection, StoreError> {
    sqlcipher_ready();
    collations(&conn)?;
    // The store's reads run the same statements again and again (a check reads
    // every tagged person's history): parsed and planned once per connection.
    conn.set_prepared_statement_cache_capacity(128);
    // SQLCipher writes its own complaints to stderr; the error is ours to report, once.
    conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(())).optional()?;
    if let Some(key) = key {
        conn.execute_batch(&zeroize::Zeroizing::new(format!("PRAGMA key = {};", key.sqlcipher_key().as_str())))?;
    }
    // 32 MiB of pages instead of SQLite's 2: every page read from the file
    // is decrypted and checked, and a takedown list or a batch of dossiers
    // reads the same pages of a large school's database again and again.
    conn.execute_batch("PRAGMA cache_size = -32768;")?;
    Ok(conn)
}

/// `ORDER BY name COLLATE dutch_name`: people by surname, the Dutch way
/// (see [`crate::domain::names`]).
fn collations(conn: &Connection) -> Result<(), StoreError> {
    conn.create_collation("dutch_name", crate::domain::names::compare)?;
    Ok(())
}

/// A bare connection to a database file, keyed: for tools and tests that
/// read or repair the file itself (no migrations, no audit triggers).
pub fn connect(path: &Path, key: Option<&DataKey>) -> Result<Connection, StoreError> {
    let conn = Connection::open(path).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
    keyed(conn, key)
}

/// Whether the database file of `dir` is plain SQLite (an installation from
/// before encryption): its first bytes say so; SQLCipher's look random.
pub fn is_plain(dir: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(dir.join(DB_FILE)).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok() && &head == b"SQLite format 3\0"
}

/// [`is_plain`], or an empty file (which opening names as such).
pub fn is_plain_or_empty(dir: &Path) -> bool {
    is_plain(dir) || std::fs::metadata(dir.join(DB_FILE)).is_ok_and(|m| m.len() == 0)
}

/// A `file:` URI for SQLite with the characters it reads specially escaped.
fn file_uri(path: &Path, query: &str) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
            '\\' => uri.push('/'),
            c => uri.push(c),
        }
    }
    format!("{uri}?{query}")
}

/// A write in progress. Dropping it without [`Store::write`] committing rolls back.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    actor: &'a Actor,
    pending: Vec<audit::Pending>,
}

impl Tx<'_> {
    pub fn conn(&self) -> &Connection {
        &self.tx
    }
    pub fn actor(&self) -> &Actor {
        self.actor
    }
    /// Record an audit event for what this write did. It is appended when
    /// the write commits, with the rows written since the previous event.
    pub fn audit(&mut self, action: &str, entity: &str, entity_id: Option<i64>, details: serde_json::Value) -> Result<(), StoreError> {
        let mark = audit::rows::mark(&self.tx)?;
        self.pending.push(audit::Pending { action: action.into(), entity: entity.into(), entity_id, details, mark });
        Ok(())
    }
}

impl Store {
    /// Open the database of an existing data folder and bring its schema up
    /// to date. Never creates anything: a mistyped folder, a missing or
    /// empty database file is an error, not a new installation. A folder
    /// that cannot be written (a backup on a read-only share) opens for
    /// reading only. `key` opens an encrypted database; `None` only a plain
    /// one (an installation from before encryption, to be migrated).
    pub fn open_dir(dir: &Path, key: Option<&DataKey>) -> Result<Store, StoreError> {
        let path = dir.join(DB_FILE);
        let meta = std::fs::metadata(&path).map_err(|_| StoreError::NoData { dir: dir.to_path_buf() })?;
        if !meta.is_file() {
            return Err(StoreError::NoData { dir: dir.to_path_buf() });
        }
        if meta.len() == 0 {
            return Err(StoreError::EmptyFile { path });
        }
        if !writable(dir) || !writable(&path) {
            return Store::open_read_only(&path, key);
        }
        Store::open(&path, key)
    }

    /// A new database in `dir` (made when missing) for a first setup,
    /// encrypted with `key` (always, but for benchmarks of what that costs).
    pub fn create_dir(dir: &Path, key: Option<&DataKey>) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir { path: dir.to_path_buf(), source })?;
        let path = dir.join(DB_FILE);
        // Claim the file first: of two setups at once, one makes it and the other is refused.
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(StoreError::Exists { path }),
            Err(source) => return Err(StoreError::DataDir { path: dir.to_path_buf(), source }),
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let made = Connection::open_with_flags(&path, flags)
            .map_err(|source| StoreError::Open { path: path.clone(), source })
            .and_then(|conn| keyed(conn, key))
            .and_then(|conn| Store::setup(conn, Some(path.clone()), true));
        if made.is_err() {
            // The file this call claimed goes again: no empty database is left behind.
            remove_database(dir);
        }
        made
    }

    /// Open an existing database file for reading and writing.
    pub fn open(path: &Path, key: Option<&DataKey>) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        Store::setup(keyed(conn, key)?, Some(path.to_path_buf()), false)
    }

    /// Read a database that may not be written: no journal, no side files,
    /// no schema upgrade (so it must be of this version).
    fn open_read_only(path: &Path, key: Option<&DataKey>) -> Result<Store, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(file_uri(path, "mode=ro&immutable=1"), flags)
            .map_err(|source| StoreError::Open { path: path.to_path_buf(), source })?;
        let conn = keyed(conn, key)?;
        let found = Store::check_version(&conn, false)?;
        if found < schema_version() {
            return Err(StoreError::ReadOnlyOld { found, known: schema_version() });
        }
        Ok(Store { conn: Mutex::new(conn), path: Some(path.to_path_buf()), read_only: true, memo: memo::Memo::default() })
    }

    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        collations(&conn)?;
        Store::setup(conn, None, true)
    }

    /// The schema version in the file; refuses one that is not Beeldakkoord's
    /// (version 0 where a database was expected) or is newer than this build.
    fn check_version(conn: &Connection, new: bool) -> Result<usize, StoreError> {
        let found: usize = conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).map(|v| v.max(0) as usize)?;
        if found > schema_version() {
            return Err(StoreError::TooNew { found, known: schema_version() });
        }
        if found == 0 && !new {
            return Err(StoreError::NotOurs);
        }
        Ok(found)
    }

    fn setup(mut conn: Connection, path: Option<PathBuf>, new: bool) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Refuse a newer, foreign or unreadable file before anything writes to it.
        let found = Store::check_version(&conn, new)?;
        // journal_mode answers with a row, so it is queried rather than executed.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        // FULL: consent is evidence, so a committed write must survive a power
        // cut too (NORMAL in WAL mode may lose the last commits then).
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
        // All pending steps run in one transaction: a failed upgrade changes nothing.
        migrate(&mut conn, None).map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => match StoreError::from(err) {
                e @ (StoreError::DiskFull | StoreError::Busy | StoreError::Corrupt(_) | StoreError::ReadOnly) => e,
                _ => StoreError::Migration { found, known: schema_version() },
            },
            _ => StoreError::Migration { found, known: schema_version() },
        })?;
        audit::rows::install(&conn)?;
        Ok(Store { conn: Mutex::new(conn), path, read_only: false, memo: memo::Memo::default() })
    }

    /// Copy this (plain) database into a new encrypted file `to` with
    /// SQLCipher's own `sqlcipher_export`, and check the copy row for row
    /// before anyone relies on it.
    pub fn export_encrypted(&self, to: &Path, key: &DataKey) -> Result<(), StoreError> {
        let conn = self.lock();
        // The connection may open files but not make them: the new one is made here.
        std::fs::OpenOptions::new().write(true).create_new(true).open(to).map_err(|e| StoreError::Sqlite(format!("create {}: {e}", to.display())))?;
        let raw = zeroize::Zeroizing::new(format!("x'{}'", hex::encode(key.bytes())));
        conn.execute("ATTACH DATABASE ?1 AS encrypted KEY ?2", rusqlite::params![to.to_string_lossy(), raw.as_str()])?;
        let exported = (|| {
            conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
            let version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
            conn.execute_batch(&format!("PRAGMA encrypted.user_version = {version};"))?;
            if digests(&conn, "main")? != digests(&conn, "encrypted")? {
                return Err(StoreError::Corrupt("the encrypted copy differs from the database".into()));
            }
            Ok(())
        })();
        let detached = conn.execute_batch("DETACH DATABASE encrypted");
        exported?;
        detached?;
        // Read back through a fresh connection, as the next start will.
        let check = Connection::open_with_flags(to, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|source| StoreError::Open { path: to.to_path_buf(), source })?;
        let check = keyed(check, Some(key))?;
        let ok: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" || digests(&check, "main")? != digests(&conn, "main")? {
            return Err(StoreError::Corrupt(format!("the encrypted copy does not check: {ok}")));
        }
        Ok(())
    }

    /// Every page of the encrypted file checked against its authentication
    /// code (SQLCipher's `cipher_integrity_check`), then SQLite's own check.
    pub fn check_pages(&self) -> Result<(), StoreError> {
        let conn = self.lock();
        let mut stmt = conn.prepare("PRAGMA cipher_integrity_check")?;
        let problems: Vec<String> = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<_, _>>()?;
        if let Some(first) = problems.first() {
            return Err(StoreError::Corrupt(format!("{} ({} in all)", crate::domain::text::shorten(first, 120), problems.len())));
        }
        let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(StoreError::Corrupt(crate::domain::text::shorten(&ok, 120)));
        }
        Ok(())
    }

    /// A consistent copy of the database in the new file `to`, encrypted with
    /// the same key: SQLite's online backup API in one step, so the copy is
    /// the state at one moment while other processes go on writing.
    /// (SQLCipher's `VACUUM INTO` is not used: it is known to write the copy
    /// wrongly for encrypted databases, sqlcipher#338.)
    pub fn snapshot(&self, to: &Path, key: &DataKey) -> Result<(), StoreError> {
        let conn = self.lock();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let dst = Connection::open_with_flags(to, flags).map_err(|source| StoreError::Open { path: to.to_path_buf(), source })?;
        let mut dst = keyed(dst, Some(key))?;
        {
            let backup = rusqlite::backup::Backup::new(&conn, &mut dst)?;
            backup.step(-1)?;
        }
        let ok: String = dst.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if ok != "ok" {
            return Err(StoreError::Corrupt(format!("snapshot: {}", crate::domain::text::shorten(&ok, 120))));
        }
        // One file, no journal beside it: what goes into the backup is whole.
        let _mode: String = dst.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        dst.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }

    /// Move everything from the write-ahead log into the database file.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        let conn = self.lock();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// True when the database opened for reading only.
    pub fn read_only(&self) -> bool {
        self.read_only
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic in another thread leaves the connection usable: SQLite
        // rolled the transaction back when it was dropped.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Values derived from the data, for reads that need them again and
    /// again: call [`memo::Memo::get`] with the connection of the read.
    pub fn memo(&self) -> &memo::Memo {
        &self.memo
    }

    /// Read without writing. The read is one transaction: it sees the data
    /// of one moment, and SQLite takes its locks once instead of once per
    /// statement (a photo check runs a hundred).
    pub fn read<T, E: From<StoreError>>(&self, f: impl FnOnce(&Connection) -> Result<T, E>) -> Result<T, E> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred).map_err(StoreError::from)?;
        let out = f(&tx)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// The one way to write. Runs `f` in a transaction; commits only when `f`
    /// succeeded and recorded at least one audit event, else nothing changes.
    pub fn write<T, E: From<StoreError>>(&self, actor: &Actor, f: impl FnOnce(&mut Tx) -> Result<T, E>) -> Result<T, E> {
        self.write_inner(actor, true, f)
    }

    /// Run a write and roll it back: what would happen, without it happening.
    pub fn dry_run<T, E: From<StoreError>>(&self, actor: &Actor, f: impl FnOnce(&mut Tx) -> Result<T, E>) -> Result<T, E> {
        self.write_inner(actor, false, f)
    }

    fn write_inner<T, E: From<StoreError>>(&self, actor: &Actor, commit: bool, f: impl FnOnce(&mut Tx) -> Result<T, E>) -> Result<T, E> {
        if self.read_only {
            return Err(StoreError::ReadOnly.into());
        }
        let mut conn = self.lock();
        let _writing = self.memo.writing();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        audit::rows::clear(&tx)?;
        let mut w = Tx { tx, actor, pending: Vec::new() };
        let out = f(&mut w)?;
        if commit {
            if w.pending.is_empty() {
                return Err(StoreError::Sqlite("write without audit event".into()).into());
            }
            audit::flush(&w.tx, actor, w.pending)?;
            w.tx.commit().map_err(StoreError::from)?;
        }
        Ok(out)
    }
}

/// `query_row` through the connection's statement cache: the reads of a
/// photo check run thousands of times, and parsing their SQL every time cost
/// more than reading the row.
pub(crate) fn row<T, P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(params, f)
}

/// Read a `YYYY-MM-DD` column.
pub(crate) fn date_col(s: Option<String>) -> Result<Option<chrono::NaiveDate>, StoreError> {
    s.map(|s| parse_date(&s).ok_or_else(|| StoreError::Decode(format!("{s}: not a date (YYYY-MM-DD)")))).transpose()
}

/// `YYYY-MM-DD` as the store writes it. By hand: chrono's format parser was
/// a tenth of a photo check, which reads hundreds of dates.
fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| -> Option<u32> { b.get(r)?.iter().try_fold(0u32, |n, d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))) };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(i32::try_from(digits(0..4)?).ok()?, digits(5..7)?, digits(8..10)?)
}

pub(crate) fn now_string() -> String {
    chrono::Local::now().naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_the_store_writes_them_and_nothing_else() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("2026-12-02"), d(2026, 12, 2));
        assert_eq!(parse_date("0001-01-01"), d(1, 1, 1));
        assert_eq!(parse_date("2024-02-29"), d(2024, 2, 29));
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "2026-01-5",
            "20260105",
            "2026/01/05",
            "2026-01-05T10:00",
            "",
            "２０２６-01-05",
            "+026-01-05",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(matches!(date_col(Some("2026-02-30".into())), Err(StoreError::Decode(_))));
        assert_eq!(date_col(None).ok(), Some(None));
    }

    #[test]
    fn migrations_are_valid_and_reach_the_latest_version() {
        migrations().validate().unwrap();
        let store = Store::open_in_memory().unwrap();
        let v: i64 = store.read(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(StoreError::from)).unwrap();
        assert_eq!(v as usize, schema_version());
    }

    #[test]
    fn every_table_is_covered_by_the_audit_trail_or_says_why_not() {
        let store = Store::open_in_memory().unwrap();
        let tables: Vec<String> = store
            .read(|c| {
                let mut stmt = c.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
                let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
                Ok::<_, StoreError>(names)
            })
            .unwrap();
        for t in &tables {
            let covered = audit::rows::COVERED.iter().any(|c| c.table == t);
            let not = audit::rows::NOT_COVERED.iter().any(|(n, _)| n == t);
            assert!(covered != not, "{t}: covered {covered}, listed as not covered {not}");
        }
        assert_eq!(tables.len(), audit::rows::COVERED.len() + audit::rows::NOT_COVERED.len());
    }

    #[test]
    fn tags_survive_the_move_to_schema_3_and_their_ids_are_never_reused() {
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::new(MIGRATIONS[..2].iter().map(|sql| M::up(sql)).collect()).to_latest(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'a', 'x', 'admin', 'now');
             INSERT INTO photos (id, hash, original_name, format, width, height, imported_by, imported_at) VALUES (1, 'h', 'a.jpg', 'jpeg', 10, 10, 1, 'now');
             INSERT INTO photo_tags (id, photo_id, person_id, box_x, box_y, box_w, box_h) VALUES (1, 1, NULL, 1, 2, 3, 4), (2, 1, NULL, 5, 5, 5, 5);",
        )
        .unwrap();
        migrate(&mut conn, None).unwrap();
        let kept: Vec<(i64, i64)> = conn
            .prepare("SELECT id, box_x FROM photo_tags ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(kept, [(1, 1), (2, 5)]);
        conn.execute("DELETE FROM photo_tags WHERE id = 2", []).unwrap();
        conn.execute("INSERT INTO photo_tags (photo_id, box_x, box_y, box_w, box_h) VALUES (1, 9, 9, 9, 9)", []).unwrap();
        assert_eq!(conn.last_insert_rowid(), 3, "a removed tag's id is not handed out again");
    }

    #[test]
    fn an_upgraded_database_is_covered_from_a_baseline_on() {
        // A database of schema 6 with consent in it and no row lists.
        let mut conn = Connection::open_in_memory().unwrap();
        Migrations::new(MIGRATIONS[..CONTENT_COVERED - 1].iter().map(|sql| M::up(sql)).collect()).to_latest(&mut conn).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, name, jurisdiction, consent_age, school_year_start, created_at) VALUES (1, 'Het Nest', 'nl', 16, '08-01', 'now');
             INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'admin', 'x', 'admin', 'now');
             INSERT INTO persons (id, kind, name, roster_key, created_at) VALUES (1, 'child', 'Anna', 'anna', 'now');
             INSERT INTO form_templates (id, name, created_at) VALUES (1, 'Foto', 'now');
             INSERT INTO form_versions (id, template_id, version, content, created_at) VALUES (1, 1, 1, '{}', 'now');
             INSERT INTO consent_events (id, person_id, kind, form_version_id, given_by_role, given_by_name, method, given_on, entered_by, entered_at)
                 VALUES (1, 1, 'record', 1, 'guardian', 'Marieke', 'paper', '2026-09-01', 1, 'now');
             INSERT INTO consent_answers (event_id, item, answer) VALUES (1, 'group/website/information', 'no');",
        )
        .unwrap();
        migrate(&mut conn, None).unwrap();
        let report = audit::verify(&conn).unwrap();
        assert!(report.ok, "{report:?}");
        assert_eq!(report.rows, 7);
        let baseline: String = conn.query_row("SELECT action FROM audit_events", [], |r| r.get(0)).unwrap();
        assert_eq!(baseline, "audit.baseline");
        // From the baseline on, a change outside the application is named.
        conn.execute_batch("DROP TRIGGER consent_answers_no_update; UPDATE consent_answers SET answer = 'yes';").unwrap();
        let report = audit::verify(&conn).unwrap();
        assert_eq!((report.table.as_deref(), report.key.as_deref()), (Some("consent_answers"), Some("1/group/website/information")));
    }

    #[test]
    fn the_store_is_built_on_sqlcipher() {
        // Encryption at rest needs SQLCipher underneath; without a key it
        // reads and writes plain SQLite files as before.
        let store = Store::open_in_memory().unwrap();
        let version: String = store.read(|c| c.query_row("PRAGMA cipher_version", [], |r| r.get(0)).map_err(StoreError::from)).unwrap();
        assert!(version.starts_with('4'), "SQLCipher {version}");
    }

    #[test]
    fn a_store_file_is_encrypted_and_opens_with_its_key_only() {
        let (dir, key, store) = encrypted_store_with_a_group();
        store.checkpoint().unwrap();
        drop(store);
        let bytes = std::fs::read(dir.path().join(DB_FILE)).unwrap();
        assert!(!is_plain(dir.path()) && !bytes.windows(16).any(|w| w == b"Groep Zonnebloem"));
        assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));
        assert!(matches!(Store::open_dir(dir.path(), Some(&DataKey::generate())), Err(StoreError::Corrupt(_))), "another key");
        assert!(matches!(Store::open_dir(dir.path(), None), Err(StoreError::Corrupt(_))), "no key");
        let again = Store::open_dir(dir.path(), Some(&key)).unwrap();
        let name: String = again.read(|c| c.query_row("SELECT name FROM org_groups", [], |r| r.get(0)).map_err(StoreError::from)).unwrap();
        assert_eq!(name, "Groep Zonnebloem");
    }

    #[test]
    fn a_store_file_is_opened_for_durable_commits() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create_dir(dir.path(), Some(&DataKey::generate())).unwrap();
        let (mode, sync): (String, i64) = store
            .read(|c| Ok::<_, StoreError>((c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?, c.query_row("PRAGMA synchronous", [], |r| r.get(0))?)))
            .unwrap();
        // WAL, and 2 = FULL: a committed consent record survives a power cut.
        assert_eq!((mode.as_str(), sync), ("wal", 2));
    }

    #[test]
    fn a_dry_run_leaves_no_trail() {
        let store = Store::open_in_memory().unwrap();
        let r: Result<(), StoreError> = store.dry_run(&Actor::system(), |tx| {
            tx.conn().execute("INSERT INTO org_groups (name, name_key, created_at) VALUES ('A', 'a', 'x')", [])?;
            tx.audit("group.add", "group", Some(1), serde_json::json!({}))
        });
        r.unwrap();
        let (events, rows): (i64, i64) = store
            .read(|c| {
                c.query_row("SELECT (SELECT COUNT(*) FROM audit_events), (SELECT COUNT(*) FROM audit_rows)", [], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(StoreError::from)
            })
            .unwrap();
        assert_eq!((events, rows), (0, 0));
        let touched: i64 = store.read(|c| c.query_row("SELECT COUNT(*) FROM temp.audit_touched", [], |r| r.get(0)).map_err(StoreError::from)).unwrap();
        assert_eq!(touched, 0);
    }

    #[test]
    fn write_without_audit_commits_nothing() {
        let store = Store::open_in_memory().unwrap();
        let actor = Actor::system();
        let r: Result<(), StoreError> = store.write(&actor, |tx| {
            tx.conn().execute("INSERT INTO org_groups (name, name_key, created_at) VALUES ('A', 'a', 'x')", [])?;
            Ok(())
        });
        assert!(r.is_err());
        let n: i64 = store.read(|c| c.query_row("SELECT COUNT(*) FROM org_groups", [], |r| r.get(0)).map_err(StoreError::from)).unwrap();
        assert_eq!(n, 0);
    }
}

/// An encrypted store in a temporary folder with one group, "Groep Zonnebloem".
#[cfg(test)]
fn encrypted_store_with_a_group() -> (tempfile::TempDir, DataKey, Store) {
    let dir = tempfile::tempdir().unwrap();
    let key = DataKey::generate();
    let store = Store::create_dir(dir.path(), Some(&key)).unwrap();
    store
        .write(&Actor::system(), |tx| {
            tx.conn().execute("INSERT INTO org_groups (name, name_key, created_at) VALUES ('Groep Zonnebloem', 'groep zonnebloem', 'x')", [])?;
            tx.audit("group.add", "group", Some(1), serde_json::json!({}))
        })
        .unwrap();
    (dir, key, store)
}

#[cfg(test)]
mod snapshot_tests {
    use super::*;

    /// The issue asked which way to copy an encrypted database SQLCipher
    /// gets right. Both do here (SQLCipher 4.14): the online backup API
    /// (what backups use: SQLCipher's documented route between databases
    /// with the same key) and `VACUUM INTO` (reported broken in older
    /// versions, sqlcipher#338). Each copy is encrypted and holds the same rows.
    #[test]
    fn a_snapshot_is_an_encrypted_copy_with_the_same_rows_and_so_is_vacuum_into() {
        let (dir, key, store) = encrypted_store_with_a_group();
        let snapshot = dir.path().join("snapshot.sqlite3");
        store.snapshot(&snapshot, &key).unwrap();
        let vacuumed = dir.path().join("vacuum.sqlite3");
        // Outside a read: a read is a transaction, and VACUUM runs only outside one.
        store.lock().execute("VACUUM INTO ?1", [vacuumed.to_string_lossy()]).unwrap();
        let original = store.read(|c| digests(c, "main")).unwrap();
        for copy in [&snapshot, &vacuumed] {
            let bytes = std::fs::read(copy).unwrap();
            assert!(!bytes.starts_with(b"SQLite format 3") && !bytes.windows(16).any(|w| w == b"Groep Zonnebloem"), "{}", copy.display());
            assert!(connect(copy, None)
                .and_then(|c| c.query_row("SELECT COUNT(*) FROM org_groups", [], |r| r.get::<_, i64>(0)).map_err(StoreError::from))
                .is_err());
            let c = connect(copy, Some(&key)).unwrap();
            assert_eq!(digests(&c, "main").unwrap(), original, "{}", copy.display());
        }
        // The snapshot is one file: no journal beside it.
        assert!(!dir.path().join("snapshot.sqlite3-wal").exists() && !dir.path().join("snapshot.sqlite3-journal").exists());
    }

    #[test]
    fn the_desk_method_comes_in_by_rebuilding_the_events_table_with_every_row_and_rule_kept() {
        // Consent from before the trail covered content, then schema 16.
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Some(CONTENT_COVERED - 1)).unwrap();
        conn.execute_batch(
            "INSERT INTO organisation (id, name, jurisdiction, consent_age, school_year_start, created_at) VALUES (1, 'Het Nest', 'nl', 16, '08-01', 'now');
             INSERT INTO users (id, username, password_hash, role, created_at) VALUES (1, 'admin', 'x', 'admin', 'now');
             INSERT INTO persons (id, kind, name, roster_key, created_at) VALUES (1, 'child', 'Anna', 'anna', 'now');
             INSERT INTO form_templates (id, name, created_at) VALUES (1, 'Foto', 'now');
             INSERT INTO form_versions (id, template_id, version, content, created_at) VALUES (1, 1, 1, '{}', 'now');
             INSERT INTO consent_events (id, person_id, kind, form_version_id, given_by_role, given_by_name, method, given_on, entered_by, entered_at)
                 VALUES (1, 1, 'record', 1, 'guardian', 'Marieke', 'paper', '2026-09-01', 1, 'now');
             INSERT INTO consent_events (id, person_id, kind, voids_event_id, void_reason, given_by_role, given_by_name, method, given_on, entered_by, entered_at)
                 VALUES (2, 1, 'void', 1, 'typo', 'office', 'admin', 'digital', '2026-09-02', 1, 'now');
             INSERT INTO consent_answers (event_id, item, answer) VALUES (1, 'group/website/information', 'yes');",
        )
        .unwrap();
        migrate(&mut conn, Some(16)).unwrap();
        let rows = |c: &Connection| -> Vec<String> {
            c.prepare("SELECT * FROM consent_events ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((0..13).map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap())).collect::<Vec<_>>().join("|")))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = rows(&conn);
        let report = audit::verify(&conn).unwrap();
        assert!(report.ok, "{report:?}");

        migrate(&mut conn, None).unwrap();
        assert_eq!(rows(&conn), before, "every row as it was");
        assert!(audit::verify(&conn).unwrap().ok, "row hashes unchanged");
        let on: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(on, 1, "foreign keys are on again");
        // The new method is accepted, an unknown one still refused.
        let insert = |id: i64, method: &str, person: i64| {
            conn.execute(
                "INSERT INTO consent_events (id, person_id, kind, form_version_id, given_by_role, given_by_name, method, given_on, entered_by, entered_at)
                 VALUES (?1, ?3, 'record', 1, 'guardian', 'Marieke', ?2, '2026-09-03', 1, 'now')",
                rusqlite::params![id, method, person],
            )
        };
        insert(3, "kiosk", 1).unwrap();
        assert!(insert(4, "fax", 1).is_err());
        // Foreign keys still point at the rebuilt table, and it at others.
        assert!(insert(5, "paper", 99).is_err(), "an unknown person");
        assert!(conn.execute("INSERT INTO consent_answers (event_id, item, answer) VALUES (77, 'a/b/c', 'no')", []).is_err(), "an unknown event");
        // Still append-only, and the other tables' rules that name it still work.
        assert!(conn.execute("UPDATE consent_events SET method = 'paper' WHERE id = 3", []).is_err());
        assert!(conn.execute("DELETE FROM consent_events WHERE id = 3", []).is_err());
        assert!(conn.execute("DELETE FROM consent_answers WHERE event_id = 1", []).is_err());
        assert!(conn.execute("DELETE FROM form_versions WHERE id = 1", []).is_err());
        let index: i64 = conn.query_row("SELECT COUNT(*) FROM sqlite_master WHERE name = 'consent_events_person'", [], |r| r.get(0)).unwrap();
        assert_eq!(index, 1);
    }
}
