//! The one core API. The window's commands and the CLI are thin layers over
//! [`Beeldakkoord`]: they parse input, call one method, and show the result.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::auth::{self, Role, Session};
use crate::decision::{effective_consent, own_confirmation_needed, ItemStatus, Status};
use crate::domain::consent::{self, guardian_counts_until, Answer, AnswerInput, ConsentError, ConsentEvent, EventKind, GivenByRole, Method};
use crate::domain::dates::{age_on, check_not_future, check_range, MonthDay};
use crate::domain::form::{FormContent, ItemKey, Term};
use crate::domain::org::{Jurisdiction, Organisation, CONSENT_AGE_RANGE, IDLE_LOCK_DEFAULT, IDLE_LOCK_RANGE};
use crate::domain::person::{check_leave_date, Group, Guardian, LeaveProblem, Person, PersonKind, PersonSummary};
use crate::domain::text;
use crate::error::{ConsentRequestError, Error, FormsError, PeopleError, PhotoUseError, Result, SetupError};
use crate::files::{self, FileError, InputKind, OutputFile};
use crate::roster::{self, RosterRow};
use crate::store::forms::{FormSummary, FormVersion};
use crate::store::people::NewPersonRow;
use crate::store::{self, Actor, Store, StoreError};

/// The built-in forms, shipped so an office can start at once.
pub const BUILTIN_FORMS: &[(&str, Jurisdiction, &str)] = &[
    ("kinderopvang-basisschool-nl", Jurisdiction::Nl, include_str!("../../forms/kinderopvang-basisschool-nl.toml")),
    ("school-vlaanderen", Jurisdiction::BeVl, include_str!("../../forms/school-vlaanderen.toml")),
    ("medewerkers-nl", Jurisdiction::Nl, include_str!("../../forms/medewerkers-nl.toml")),
    ("personeel-vlaanderen", Jurisdiction::BeVl, include_str!("../../forms/personeel-vlaanderen.toml")),
];

/// The built-in forms an upgrade adds to an organisation set up before
/// they existed (migration 16): the staff forms.
pub const BUILTIN_STAFF_FORMS: &[&str] = &["medewerkers-nl", "personeel-vlaanderen"];

mod at_rest;
mod audit;
mod backup;
mod desk;
mod dossier;
mod evidence;
mod faces;
mod forms;
mod history;
mod home;
mod parallel;
mod people;
mod photos;
mod print;
mod reconsent;
mod retention;
mod roster_import;
mod setup;
mod users;
mod verdicts;
pub use at_rest::EncryptProgress;
pub use backup::{BackupInfo, BackupSecret, BackupStatus, LastBackup};
pub use desk::{DeskForm, DeskItem, DeskRecord, DeskSignature, DeskSigner, DESK_IDLE_SECONDS};
pub use dossier::{AccessReport, BatchProgress, BatchReport, DossierReport, LeaverPhotos, SkippedPhoto};
pub use evidence::{FolderScan, ScanFolder, RECENT_SCANS};
pub use faces::{Dismissal, FaceStatus, ScanFailure, ScanProgress, ScanReport, ScanWhich};
pub use home::{FormOut, Overview, PersonDue, WithdrawalToConfirm};
pub use photos::{
    BoxInput, ConsentSource, ExportReport, FacesAtImport, FailedFile, ImportProgress, ImportedPhoto, NewNotice, NoticeSource, PhotoCheck, PhotoChoices,
    PhotoDetail, PhotoFilter, PhotoImportReport, PhotoPage, PublicationInfo, Rendition, Takedown, TakedownPerson,
};
pub use print::{FormPrintReport, FormTarget, ReconsentPrintReport};
pub use reconsent::{ReconsentLine, ReconsentReason};
pub use users::{NewUser, UserInfo};

/// The database schema this build writes (an older file is upgraded to it
/// when it opens): for the window's diagnostics.
pub fn schema_version() -> u32 {
    crate::store::schema_version() as u32
}

type Clock = Arc<dyn Fn() -> NaiveDate + Send + Sync>;

pub struct Beeldakkoord {
    store: Store,
    clock: Clock,
    /// Where photos are stored; `None` for an in-memory database.
    data_dir: Option<std::path::PathBuf>,
    /// The data key, while the installation is open: `None` in memory and
    /// for a plain copy from before encryption. Zeroised when dropped.
    key: Option<Arc<crate::crypto::keys::DataKey>>,
    /// The photo library still holds files from before encryption.
    plain_photos_left: Arc<std::sync::atomic::AtomicBool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct InitRequest {
    pub org_name: String,
    pub jurisdiction: String,
    pub consent_age: Option<i64>,
    /// `MM-DD`; 1 August when left out.
    pub school_year_start: Option<String>,
    pub username: String,
    pub password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct NewPerson {
    pub name: String,
    pub kind: PersonKind,
    pub birth_date: Option<NaiveDate>,
    pub groups: Vec<String>,
    pub guardians: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, specta::Type)]
pub struct PeopleFilter {
    pub group: Option<String>,
    pub search: Option<String>,
    pub include_left: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RosterReport {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// New rows of people who left longer ago than consent data are kept
    /// (a purged leaver still in the export): not added.
    pub past_retention: u32,
    pub groups_created: Vec<String>,
    pub ignored_columns: Vec<String>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormRef {
    pub form: i64,
    pub version: u32,
    /// False when an unanswered version was corrected in place.
    pub new_version: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct RecordRequest {
    pub person: i64,
    pub form: i64,
    /// The latest version when left out.
    pub version: Option<u32>,
    pub answers: Vec<AnswerInput>,
    pub given_by: String,
    /// Everyone else who signed the form (the second guardian, say).
    #[serde(default)]
    pub co_signers: Vec<String>,
    pub method: Method,
    /// Today when left out.
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct WithdrawRequest {
    pub person: i64,
    /// `type/channel/purpose` keys; ignored when `all`.
    pub items: Vec<String>,
    pub all: bool,
    pub given_by: String,
    /// Everyone else who signed the withdrawal.
    #[serde(default)]
    pub co_signers: Vec<String>,
    pub method: Method,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ConsentOverview {
    pub person: i64,
    pub at: NaiveDate,
    pub items: Vec<ItemStatus>,
}

/// Everything the person page shows. Computed here; the UI only lays it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonPage {
    pub person: Person,
    pub at: NaiveDate,
    pub age: Option<i32>,
    /// Whose consent counts today.
    pub consents: GivenByRole,
    pub consent_age: u8,
    /// The forms whose items the grid shows: those in use and those answered.
    pub forms: Vec<FormVersion>,
    pub status: Vec<ItemStatus>,
    pub history: Vec<ConsentEvent>,
    /// Consent that holds was given by a guardian, but the person now decides
    /// for themselves: ask the person to confirm.
    pub own_confirmation_needed: bool,
    /// Who may hand in a withdrawal, in the order to offer them.
    pub withdrawers: Vec<String>,
    /// Events of the history a teacher registered (a withdrawal handed in at
    /// the classroom), for the office to see marked. Kept apart from the
    /// events themselves, whose fingerprint printed dossiers carry.
    pub registered_by_teacher: Vec<i64>,
}

/// A name as kept: the one text check for its kind of field, and not empty.
fn check_name(field: text::Field, raw: &str) -> Result<String> {
    let name = text::clean(field, raw)?;
    if name.is_empty() {
        return Err(PeopleError::EmptyName.into());
    }
    Ok(name)
}

impl Beeldakkoord {
    /// Whether `data_dir` holds a database (set up or not): the window opens
    /// it at start, or waits for the first setup to make it.
    pub fn has_data(data_dir: &Path) -> bool {
        data_dir.join(store::DB_FILE).exists()
    }

    pub fn open_in_memory() -> Result<Beeldakkoord> {
        Ok(Beeldakkoord::with_store(Store::open_in_memory()?, None))
    }

    fn with_store(store: Store, data_dir: Option<std::path::PathBuf>) -> Beeldakkoord {
        Beeldakkoord { store, clock: Arc::new(|| chrono::Local::now().date_naive()), data_dir, key: None, plain_photos_left: Default::default() }
    }

    /// Fix "today" (tests, and entering history as of a date).
    pub fn with_today(mut self, today: NaiveDate) -> Beeldakkoord {
        self.clock = Arc::new(move || today);
        self
    }

    pub fn today(&self) -> NaiveDate {
        (self.clock)()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where a file the user named may be written (links followed), when the
    /// rules for output files hold: never inside the data folder, never onto
    /// anything but a regular file, an existing file only when asked.
    pub(crate) fn output_file(&self, out: &OutputFile) -> Result<PathBuf> {
        Ok(out.resolve(self.data_dir.as_deref())?)
    }

    /// Write a checked output file completely or not at all.
    pub(crate) fn write_output(&self, path: &Path, bytes: &[u8]) -> Result<()> {
        Ok(files::write_atomic(path, bytes).map_err(|source| FileError::Write { path: path.to_path_buf(), source })?)
    }

    /// The date of an event: given, or today; never in the future.
    fn event_date(&self, date: Option<NaiveDate>) -> Result<NaiveDate> {
        let d = check_range(date.unwrap_or_else(|| self.today()))?;
        Ok(check_not_future(d, self.today())?)
    }
}

pub(crate) fn form_version(c: &rusqlite::Connection, id: i64, version: Option<u32>) -> Result<FormVersion> {
    match store::forms::version(c, id, version)? {
        Some(v) => Ok(v),
        None if store::forms::template_exists(c, id)? => Err(FormsError::UnknownVersion(id, version.unwrap_or(0)).into()),
        None => Err(FormsError::UnknownForm(id).into()),
    }
}

/// A person by number, or `person.purged` when a retention run removed
/// them, or `person.unknown`.
pub(crate) fn require_person(c: &rusqlite::Connection, id: i64) -> Result<Person> {
    if let Some(p) = store::people::person(c, id)? {
        return Ok(p);
    }
    match store::retention::purged(c, id)? {
        Some(gone) => Err(PeopleError::Purged { id, on: gone.purged_on }.into()),
        None => Err(PeopleError::UnknownPerson(id).into()),
    }
}

/// A person by number whom `scope` lets the user see, or `person.unknown`:
/// one answer for "no such person" and "not yours to see", so ids of other
/// groups cannot be probed.
pub(crate) fn require_person_in(c: &rusqlite::Connection, scope: &users::Scope, id: i64) -> Result<Person> {
    if !store::scope::person_visible(c, scope.as_ref(), id)? {
        return Err(PeopleError::UnknownPerson(id).into());
    }
    require_person(c, id)
}

/// A child whose consent `scope` lets the user see, or `person.unknown`.
/// A teacher sees staff colleagues only as names to tag: a colleague's own
/// consent is for them, the office and administrators (rule 8: refusing
/// staff suffer no consequences, so nobody else sees who refused).
pub(crate) fn require_consent_subject(c: &rusqlite::Connection, scope: &users::Scope, id: i64) -> Result<Person> {
    let person = require_person_in(c, scope, id)?;
    let own = scope.as_ref().is_some_and(|v| v.is_own(id));
    if scope.is_some() && person.kind == crate::domain::person::PersonKind::Staff && !own {
        return Err(PeopleError::UnknownPerson(id).into());
    }
    Ok(person)
}

/// A photo by number that `scope` lets the user see, or `photo.unknown`.
pub(crate) fn require_photo_in(c: &rusqlite::Connection, scope: &users::Scope, id: i64) -> Result<crate::domain::photo::Photo> {
    if !store::scope::photo_visible(c, scope.as_ref(), id)? {
        return Err(PhotoUseError::UnknownPhoto(id).into());
    }
    require_photo(c, id)
}

/// A photo by number, or `photo.unknown`.
pub(crate) fn require_photo(c: &rusqlite::Connection, id: i64) -> Result<crate::domain::photo::Photo> {
    store::photos::get(c, id)?.ok_or(Error::PhotoUse(PhotoUseError::UnknownPhoto(id)))
}

/// The id of an existing group, by name.
pub(crate) fn group_id(c: &rusqlite::Connection, name: &str) -> Result<i64> {
    Ok(store::people::group_by_name(c, name)?.ok_or_else(|| Error::People(PeopleError::UnknownGroup(name.to_string())))?.0)
}

/// The group a filter names, if it names one.
pub(crate) fn filter_group(c: &rusqlite::Connection, name: Option<&str>) -> Result<Option<i64>> {
    name.filter(|g| !g.trim().is_empty()).map(|g| group_id(c, g)).transpose()
}
