//! The one core API. The window's commands and the CLI are thin layers over
//! [`Beeldakkoord`]: they parse input, call one method, and show the result.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::auth::{self, AuthError, Role, Session};
use crate::decision::{effective_consent, own_confirmation_needed, ItemStatus, Status};
use crate::domain::consent::{self, Answer, AnswerInput, ConsentError, ConsentEvent, EventKind, GivenByRole, Method};
use crate::domain::dates::{age_on, check_not_future, check_range, MonthDay};
use crate::domain::form::{FormContent, ItemKey, Term};
use crate::domain::org::{Jurisdiction, Organisation, CONSENT_AGE_RANGE};
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
];

mod dossier;
mod photos;
mod print;
mod reconsent;
pub use dossier::{BatchProgress, BatchReport, DossierReport, LeaverPhotos, SkippedPhoto};
pub use photos::{
    BoxInput, ExportReport, FailedFile, ImportProgress, ImportedPhoto, NewNotice, PhotoCheck, PhotoChoices, PhotoDetail, PhotoFilter, PhotoImportReport,
    PhotoPage, PublicationInfo, Rendition, Takedown, TakedownPerson,
};
pub use print::{FormPrintReport, FormTarget, ReconsentPrintReport};
pub use reconsent::{ReconsentLine, ReconsentReason, EXPIRING_WITHIN_DAYS};

type Clock = Arc<dyn Fn() -> NaiveDate + Send + Sync>;

pub struct Beeldakkoord {
    store: Store,
    clock: Clock,
    /// Where photos are stored; `None` for an in-memory database.
    data_dir: Option<std::path::PathBuf>,
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
}

/// A name as kept: the one text check for its kind of field, and not empty.
fn check_name(field: text::Field, raw: &str) -> Result<String> {
    let name = text::clean(field, raw)?;
    if name.is_empty() {
        return Err(PeopleError::EmptyName.into());
    }
    Ok(name)
}

/// A first setup whose every part was checked: nothing is written before.
struct Setup {
    org: Organisation,
    username: String,
    hash: String,
}

impl Setup {
    fn check(req: &InitRequest) -> Result<Setup> {
        let name = text::clean(text::Field::Organisation, &req.org_name)?;
        if name.is_empty() {
            return Err(SetupError::OrgName.into());
        }
        let jurisdiction = Jurisdiction::parse(&req.jurisdiction).ok_or_else(|| SetupError::Jurisdiction(text::shorten(&req.jurisdiction, 40)))?;
        let consent_age = match req.consent_age {
            Some(a) => u8::try_from(a).ok().filter(|a| CONSENT_AGE_RANGE.contains(a)).ok_or(SetupError::ConsentAge(a))?,
            None => jurisdiction.default_consent_age(),
        };
        let school_year_start = match &req.school_year_start {
            Some(s) => MonthDay::parse(s)?,
            None => MonthDay::AUGUST_FIRST,
        };
        auth::check_new_credentials(&req.username, &req.password)?;
        let hash = auth::hash_password(&req.password)?;
        Ok(Setup { org: Organisation { name, jurisdiction, consent_age, school_year_start }, username: req.username.clone(), hash })
    }
}

impl Beeldakkoord {
    /// Whether `data_dir` holds a database (set up or not): the window opens
    /// it at start, or waits for the first setup to make it.
    pub fn has_data(data_dir: &Path) -> bool {
        data_dir.join(store::DB_FILE).exists()
    }

    /// Open the data folder of an existing installation. Creates nothing:
    /// see [`Beeldakkoord::create`] for a first setup.
    pub fn open(data_dir: &Path) -> Result<Beeldakkoord> {
        Ok(Beeldakkoord::with_store(Store::open_dir(data_dir)?, Some(data_dir.to_path_buf())))
    }

    pub fn open_in_memory() -> Result<Beeldakkoord> {
        Ok(Beeldakkoord::with_store(Store::open_in_memory()?, None))
    }

    fn with_store(store: Store, data_dir: Option<std::path::PathBuf>) -> Beeldakkoord {
        Beeldakkoord { store, clock: Arc::new(|| chrono::Local::now().date_naive()), data_dir }
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

    // ----- setup and login -------------------------------------------------

    pub fn is_initialised(&self) -> Result<bool> {
        self.store.read(|c| Ok(store::org::get(c)?.is_some()))
    }

    /// The period the leavers screen opens with (see [`MonthDay::leavers_period`]).
    pub fn leavers_period(&self) -> Result<crate::domain::dates::Period> {
        Ok(self.organisation()?.school_year_start.leavers_period(self.today()))
    }

    pub fn organisation(&self) -> Result<Organisation> {
        self.store.read(|c| store::org::get(c)?.ok_or(Error::Setup(SetupError::NotInitialised)))
    }

    /// First run: the organisation, the first (admin) user, the built-in forms.
    pub fn init(&self, req: &InitRequest) -> Result<Session> {
        self.init_checked(&Setup::check(req)?)
    }

    /// First run in a folder without data: everything in the request is
    /// checked before anything is made, and a setup that fails after all
    /// leaves no database and no folder it made behind.
    pub fn create(data_dir: &Path, req: &InitRequest) -> Result<(Beeldakkoord, Session)> {
        let setup = Setup::check(req)?;
        if data_dir.join(store::DB_FILE).exists() {
            // An earlier start may have made the database without setting up.
            let core = Beeldakkoord::open(data_dir)?;
            let session = core.init_checked(&setup)?;
            return Ok((core, session));
        }
        let made_folder = !data_dir.exists();
        let store = match Store::create_dir(data_dir) {
            Ok(store) => store,
            Err(e) => {
                if made_folder {
                    // Only when still empty: another setup may have claimed it meanwhile.
                    let _ = std::fs::remove_dir(data_dir);
                }
                return Err(e.into());
            }
        };
        let core = Beeldakkoord::with_store(store, Some(data_dir.to_path_buf()));
        match core.init_checked(&setup) {
            Ok(session) => Ok((core, session)),
            Err(e) => {
                // This call made the database: it goes again, with the folder if this call made that too.
                drop(core);
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(data_dir.join(format!("{}{suffix}", store::DB_FILE)));
                }
                if made_folder {
                    let _ = std::fs::remove_dir_all(data_dir);
                }
                Err(e)
            }
        }
    }

    fn init_checked(&self, setup: &Setup) -> Result<Session> {
        let Setup { org, username, hash } = setup;
        let actor = Actor { user_id: None, username: username.clone() };
        let user_id = self.store.write(&actor, |tx| {
            if store::org::get(tx.conn())?.is_some() {
                return Err(Error::Setup(SetupError::AlreadyInitialised));
            }
            store::org::insert(tx.conn(), org)?;
            let user_id = store::users::insert(tx.conn(), username, hash, Role::Admin)?;
            tx.audit(
                "setup.init",
                "organisation",
                Some(1),
                json!({"name": org.name, "jurisdiction": org.jurisdiction.as_str(), "consent_age": org.consent_age, "school_year_start": org.school_year_start.to_string(), "admin": username}),
            )?;
            for (key, j, src) in BUILTIN_FORMS {
                let content = FormContent::from_toml(src)?;
                let id = store::forms::insert_template(tx.conn(), &content.title, Some(key), *j == org.jurisdiction)?;
                store::forms::insert_version(tx.conn(), id, 1, &content, Some(user_id))?;
                tx.audit("form.builtin", "form", Some(id), json!({"builtin": key, "version": 1}))?;
            }
            Ok(user_id)
        })?;
        Ok(Session { user_id, username: username.clone(), role: Role::Admin })
    }

    pub fn login(&self, username: &str, password: &str) -> Result<Session> {
        if !self.is_initialised()? {
            return Err(SetupError::NotInitialised.into());
        }
        if password.is_empty() {
            return Err(AuthError::NoPassword.into());
        }
        let user = self.store.read(|c| store::users::by_name(c, username).map_err(Error::from))?;
        match user {
            Some(u) if auth::verify_password(password, &u.password_hash) => Ok(Session { user_id: u.id, username: u.username, role: u.role }),
            // Spend the same time on unknown users, so names cannot be probed.
            None => {
                let _ = auth::verify_password(password, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$4xHSSzbBa8hM+pU2DzDtS8iM5L4bDl5bVOvWGTbFZHs");
                Err(AuthError::Failed.into())
            }
            Some(_) => Err(AuthError::Failed.into()),
        }
    }

    pub fn update_organisation(&self, s: &Session, org: &Organisation) -> Result<Organisation> {
        let name = text::clean(text::Field::Organisation, &org.name)?;
        if name.is_empty() {
            return Err(SetupError::OrgName.into());
        }
        if !CONSENT_AGE_RANGE.contains(&org.consent_age) {
            return Err(SetupError::ConsentAge(i64::from(org.consent_age)).into());
        }
        MonthDay::parse(&org.school_year_start.to_string())?;
        let org = Organisation { name, ..org.clone() };
        self.store.write(&s.actor(), |tx| {
            store::org::get(tx.conn())?.ok_or(Error::Setup(SetupError::NotInitialised))?;
            store::org::update(tx.conn(), &org)?;
            tx.audit("setup.update", "organisation", Some(1), serde_json::to_value(&org).unwrap_or_default())?;
            Ok(org.clone())
        })
    }

    // ----- groups and people ------------------------------------------------

    pub fn add_group(&self, s: &Session, name: &str) -> Result<Group> {
        let name = check_name(text::Field::Group, name)?;
        self.store.write(&s.actor(), |tx| {
            if store::people::group_by_name(tx.conn(), &name)?.is_some() {
                return Err(Error::People(PeopleError::GroupExists(name.clone())));
            }
            let id = store::people::insert_group(tx.conn(), &name)?;
            tx.audit("group.add", "group", Some(id), json!({"name": name}))?;
            Ok(Group { id, name: name.clone(), members: 0 })
        })
    }

    pub fn groups(&self, _s: &Session) -> Result<Vec<Group>> {
        self.store.read(|c| Ok(store::people::groups(c, self.today())?))
    }

    /// When a membership added today counts from: the start of this school year,
    /// so that photos and forms from earlier this year see the group.
    fn membership_start(&self, org: &Organisation) -> NaiveDate {
        org.school_year_start.school_year_start(self.today())
    }

    pub fn add_person(&self, s: &Session, p: &NewPerson) -> Result<i64> {
        let org = self.organisation()?;
        let name = check_name(text::Field::Name, &p.name)?;
        let birth_date = p.birth_date.map(|d| check_range(d).and_then(|d| check_not_future(d, self.today()))).transpose()?;
        let guardians = p.guardians.iter().map(|g| check_name(text::Field::Guardian, g)).collect::<Result<Vec<_>>>()?;
        if p.kind == PersonKind::Staff && !guardians.is_empty() {
            return Err(PeopleError::GuardianForStaff.into());
        }
        let from = self.membership_start(&org);
        self.store.write(&s.actor(), |tx| {
            let group_ids = p.groups.iter().map(|g| group_id(tx.conn(), g)).collect::<Result<Vec<_>>>()?;
            let row = NewPersonRow { kind: p.kind, name: &name, birth_date, leave_date: None, external_id: None };
            let id = store::people::insert_person(tx.conn(), &row)?;
            for g in &group_ids {
                store::people::add_membership(tx.conn(), id, *g, from)?;
            }
            for g in &guardians {
                let gid = store::people::guardian_find_or_create(tx.conn(), g)?;
                store::people::link_guardian(tx.conn(), id, gid)?;
            }
            tx.audit(
                "person.add",
                "person",
                Some(id),
                json!({"name": name, "kind": p.kind.as_str(), "birth_date": birth_date, "groups": p.groups, "guardians": guardians}),
            )?;
            Ok(id)
        })
    }

    pub fn add_guardian(&self, s: &Session, child: i64, name: &str) -> Result<Guardian> {
        let name = check_name(text::Field::Guardian, name)?;
        self.store.write(&s.actor(), |tx| {
            let person = require_person(tx.conn(), child)?;
            if person.kind == PersonKind::Staff {
                return Err(Error::People(PeopleError::GuardianForStaff));
            }
            let gid = store::people::guardian_find_or_create(tx.conn(), &name)?;
            if !store::people::link_guardian(tx.conn(), child, gid)? {
                return Err(Error::People(PeopleError::GuardianExists(name.clone())));
            }
            tx.audit("person.guardian", "person", Some(child), json!({"guardian": name}))?;
            Ok(Guardian { id: gid, name: name.clone() })
        })
    }

    /// Set when a person leaves (or will leave: up to a year ahead). Not
    /// before birth, nor before consent already recorded for them.
    pub fn set_leave_date(&self, s: &Session, id: i64, date: NaiveDate) -> Result<()> {
        let date = check_range(date)?;
        let today = self.today();
        self.store.write(&s.actor(), |tx| {
            let person = require_person(tx.conn(), id)?;
            let history = store::consent::history(tx.conn(), id)?;
            leave_rule(date, &person, &history, today)?;
            store::people::set_leave_date(tx.conn(), id, date)?;
            tx.audit("person.leave", "person", Some(id), json!({"leave_date": date, "previous": person.leave_date}))?;
            Ok(())
        })
    }

    pub fn people(&self, _s: &Session, f: &PeopleFilter) -> Result<Vec<PersonSummary>> {
        self.store.read(|c| {
            let group = filter_group(c, f.group.as_deref())?;
            let q = store::people::PeopleQuery { group, search: f.search.as_deref(), include_left: f.include_left, on: self.today() };
            Ok(store::people::list(c, &q)?)
        })
    }

    pub fn person(&self, _s: &Session, id: i64) -> Result<Person> {
        self.store.read(|c| require_person(c, id))
    }

    // ----- roster -----------------------------------------------------------

    /// Import a roster export. All or nothing; importing the same file twice
    /// changes nothing the second time.
    pub fn import_roster(&self, s: &Session, bytes: &[u8], dry_run: bool) -> Result<RosterReport> {
        let org = self.organisation()?;
        let text = files::decode::decode_text(bytes)?;
        let parsed = roster::parse(&text.text, self.today())?;
        let from = self.membership_start(&org);
        let today = self.today();
        let run = |tx: &mut store::Tx| -> Result<RosterReport> {
            // Problems only the stored data shows (a leave date before recorded consent).
            let mut late_errors = Vec::new();
            let mut report =
                RosterReport { added: 0, updated: 0, unchanged: 0, groups_created: vec![], ignored_columns: parsed.ignored_columns.clone(), dry_run };
            for row in &parsed.rows {
                let group_id = match &row.group {
                    Some(g) => Some(match store::people::group_by_name(tx.conn(), g)? {
                        Some((id, _)) => id,
                        None => {
                            report.groups_created.push(g.clone());
                            store::people::insert_group(tx.conn(), g)?
                        }
                    }),
                    None => None,
                };
                match find_roster_person(tx.conn(), row)? {
                    None => {
                        let id = store::people::insert_person(tx.conn(), &row_fields(row))?;
                        if let Some(g) = group_id {
                            store::people::add_membership(tx.conn(), id, g, from)?;
                        }
                        link_guardians(tx.conn(), id, &row.guardians)?;
                        report.added += 1;
                    }
                    Some(existing) => {
                        if let Some(leave) = row.leave_date.filter(|l| existing.leave_date != Some(*l)) {
                            let history = store::consent::history(tx.conn(), existing.id)?;
                            if let Err(Error::People(PeopleError::LeaveBeforeConsent { last, .. })) = leave_rule(leave, &existing, &history, today) {
                                let problem = roster::Problem::Leave(LeaveProblem::BeforeConsent(last));
                                late_errors.push(roster::RowError { line: row.line, column: parsed.leave_column.clone(), problem });
                            }
                        }
                        let mut changed = false;
                        let fields = row_fields(row);
                        let same = existing.name == row.name
                            && existing.kind == row.kind
                            && existing.birth_date == row.birth_date
                            && existing.leave_date == row.leave_date
                            && (row.external_id.is_none() || existing.external_id == row.external_id);
                        if !same {
                            let keep_id = NewPersonRow { external_id: row.external_id.as_deref().or(existing.external_id.as_deref()), ..fields };
                            store::people::update_person(tx.conn(), existing.id, &keep_id)?;
                            changed = true;
                        }
                        // Someone who has left keeps the groups they left from.
                        let left = row.leave_date.is_some_and(|l| l < today);
                        if let (Some(g), false) = (group_id, left) {
                            changed |= store::people::set_groups_from(tx.conn(), existing.id, &[g], today)?;
                        }
                        changed |= link_guardians(tx.conn(), existing.id, &row.guardians)?;
                        if changed {
                            report.updated += 1;
                        } else {
                            report.unchanged += 1;
                        }
                    }
                }
            }
            if !late_errors.is_empty() {
                // The transaction rolls back: the file imports all or nothing.
                return Err(roster::RosterError::Rows(late_errors).into());
            }
            if report.added + report.updated > 0 || !report.groups_created.is_empty() {
                tx.audit(
                    "roster.import",
                    "roster",
                    None,
                    json!({"added": report.added, "updated": report.updated, "unchanged": report.unchanged, "groups_created": report.groups_created}),
                )?;
            } else {
                // Nothing changed: still leave a trace that the import ran.
                tx.audit("roster.import", "roster", None, json!({"unchanged": report.unchanged}))?;
            }
            Ok(report)
        };
        if dry_run {
            self.store.dry_run(&s.actor(), run)
        } else {
            self.store.write(&s.actor(), run)
        }
    }

    /// Import a roster file the user named (a regular file of at most 20 MB).
    pub fn import_roster_file(&self, s: &Session, path: &Path, dry_run: bool) -> Result<RosterReport> {
        let bytes = files::read_input(path, InputKind::Roster)?;
        self.import_roster(s, &bytes, dry_run)
    }

    // ----- forms ------------------------------------------------------------

    /// Import a form file (TOML, at most 1 MB) the user named.
    pub fn import_form_file(&self, s: &Session, path: &Path) -> Result<FormRef> {
        let bytes = files::read_input(path, InputKind::Form)?;
        let text = files::decode::decode_text(&bytes)?;
        self.import_form(s, &text.text)
    }

    /// Save a form version as a form file (TOML) where the user asked.
    pub fn export_form_file(&self, s: &Session, id: i64, version: Option<u32>, out: &OutputFile) -> Result<PathBuf> {
        let path = self.output_file(out)?;
        let form = self.form(s, id, version)?;
        self.store.write(&s.actor(), |tx| {
            self.write_output(&path, form.content.to_toml().as_bytes())?;
            tx.audit("form.export", "form", Some(id), json!({"version": form.version, "out": path}))?;
            Ok::<_, Error>(())
        })?;
        Ok(path)
    }

    pub fn forms(&self, _s: &Session) -> Result<Vec<FormSummary>> {
        self.store.read(|c| Ok(store::forms::list(c)?))
    }

    pub fn form(&self, _s: &Session, id: i64, version: Option<u32>) -> Result<FormVersion> {
        self.store.read(|c| form_version(c, id, version))
    }

    pub fn form_versions(&self, _s: &Session, id: i64) -> Result<Vec<FormVersion>> {
        self.store.read(|c| {
            if !store::forms::template_exists(c, id)? {
                return Err(FormsError::UnknownForm(id).into());
            }
            Ok(store::forms::versions(c, id)?)
        })
    }

    pub fn import_form(&self, s: &Session, toml_src: &str) -> Result<FormRef> {
        let content = FormContent::from_toml(toml_src)?;
        self.create_form(s, &content)
    }

    pub fn create_form(&self, s: &Session, content: &FormContent) -> Result<FormRef> {
        let content = &content.cleaned()?;
        self.store.write(&s.actor(), |tx| {
            let id = store::forms::insert_template(tx.conn(), &content.title, None, true)?;
            store::forms::insert_version(tx.conn(), id, 1, content, Some(s.user_id))?;
            tx.audit("form.create", "form", Some(id), json!({"title": content.title, "version": 1}))?;
            Ok(FormRef { form: id, version: 1, new_version: true })
        })
    }

    /// Save an edited form. A version nobody answered is corrected in place;
    /// once answered, the edit becomes a new version and the old one stays.
    pub fn save_form(&self, s: &Session, id: i64, content: &FormContent) -> Result<FormRef> {
        let content = &content.cleaned()?;
        self.store.write(&s.actor(), |tx| {
            let latest = form_version(tx.conn(), id, None)?;
            if latest.content == *content {
                tx.audit("form.save_unchanged", "form", Some(id), json!({"version": latest.version}))?;
                return Ok(FormRef { form: id, version: latest.version, new_version: false });
            }
            store::forms::set_template_name(tx.conn(), id, &content.title)?;
            let out = if latest.answered {
                let v = latest.version + 1;
                store::forms::insert_version(tx.conn(), id, v, content, Some(s.user_id))?;
                FormRef { form: id, version: v, new_version: true }
            } else {
                store::forms::replace_unanswered(tx.conn(), latest.version_id, content)?;
                FormRef { form: id, version: latest.version, new_version: false }
            };
            tx.audit("form.save", "form", Some(id), json!({"version": out.version, "new_version": out.new_version}))?;
            Ok(out)
        })
    }

    pub fn set_form_active(&self, s: &Session, id: i64, active: bool) -> Result<()> {
        self.store.write(&s.actor(), |tx| {
            if !store::forms::template_exists(tx.conn(), id)? {
                return Err(Error::Forms(FormsError::UnknownForm(id)));
            }
            store::forms::set_active(tx.conn(), id, active)?;
            tx.audit("form.active", "form", Some(id), json!({"active": active}))?;
            Ok(())
        })
    }

    // ----- consent ----------------------------------------------------------

    pub fn record_consent(&self, s: &Session, req: &RecordRequest) -> Result<i64> {
        let org = self.organisation()?;
        let date = self.event_date(req.date)?;
        let given_by = text::clean(text::Field::GivenBy, &req.given_by)?;
        self.store.write(&s.actor(), |tx| {
            let person = require_person(tx.conn(), req.person)?;
            let form = form_version(tx.conn(), req.form, req.version)?;
            // Answers on a form the organisation does not use are a slip (the Flemish form in a Dutch school).
            if !store::forms::is_active(tx.conn(), form.form)? {
                return Err(ConsentError::FormInactive { title: form.content.title.clone() }.into());
            }
            consent::check_event_date(&person, date)?;
            if let Term::Until(until) = form.content.term {
                if date > until {
                    return Err(ConsentError::TermEnded { date, until }.into());
                }
            }
            let (role, guardian) = consent::who_gives(&person, &given_by, date, org.consent_age)?;
            let answers = consent::complete_answers(&form.content, &req.answers)?;
            let id = store::consent::insert(tx.conn(), &store::consent::NewEvent {
                person: person.id,
                kind: EventKind::Record,
                form_version_id: Some(form.version_id),
                given_by_role: role,
                given_by_guardian: guardian,
                given_by_name: &given_by,
                method: req.method,
                date,
                entered_by: s.user_id,
                answers: &answers,
                voids: None,
            })?;
            tx.audit("consent.record", "person", Some(person.id), json!({"event": id, "form": form.form, "version": form.version, "date": date, "given_by": given_by, "role": role.as_str(), "method": req.method.as_str(), "answers": answers}))?;
            Ok(id)
        })
    }

    pub fn withdraw_consent(&self, s: &Session, req: &WithdrawRequest) -> Result<i64> {
        let org = self.organisation()?;
        let date = self.event_date(req.date)?;
        let given_by = text::clean(text::Field::GivenBy, &req.given_by)?;
        if !req.all && req.items.is_empty() {
            return Err(ConsentRequestError::NoItems.into());
        }
        self.store.write(&s.actor(), |tx| {
            let person = require_person(tx.conn(), req.person)?;
            consent::check_event_date(&person, date)?;
            let (role, guardian) = consent::who_withdraws(&person, &given_by)?;
            let history = store::consent::history(tx.conn(), person.id)?;
            let now = status_at(tx.conn(), &org, &person, &history, date, &[])?;
            let granted: Vec<&str> = now.iter().filter(|i| i.status == Status::Granted).map(|i| i.item.as_str()).collect();
            let items: Vec<String> = if req.all {
                if granted.is_empty() {
                    return Err(ConsentError::NothingToWithdraw { items: vec![] }.into());
                }
                granted.iter().map(|s| s.to_string()).collect()
            } else {
                let mut keys = Vec::new();
                for raw in &req.items {
                    let key = ItemKey::parse(raw).map(|k| k.to_string()).unwrap_or_else(|| raw.trim().to_string());
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
                let missing: Vec<String> = keys.iter().filter(|k| !granted.contains(&k.as_str())).cloned().collect();
                if !missing.is_empty() {
                    return Err(ConsentError::NothingToWithdraw { items: missing }.into());
                }
                keys
            };
            let answers = items.iter().map(|i| (i.clone(), Answer::Withdrawn)).collect();
            let id = store::consent::insert(
                tx.conn(),
                &store::consent::NewEvent {
                    person: person.id,
                    kind: EventKind::Withdraw,
                    form_version_id: None,
                    given_by_role: role,
                    given_by_guardian: guardian,
                    given_by_name: &given_by,
                    method: req.method,
                    date,
                    entered_by: s.user_id,
                    answers: &answers,
                    voids: None,
                },
            )?;
            tx.audit("consent.withdraw", "person", Some(person.id), json!({"event": id, "date": date, "given_by": given_by, "items": items}))?;
            Ok(id)
        })
    }

    /// Undo an entry made in error (wrong child, wrong box ticked): a new
    /// event marks it void, so it counts for nothing and stays visible.
    pub fn void_consent_event(&self, s: &Session, person: i64, event: i64, reason: &str) -> Result<i64> {
        let reason = text::clean(text::Field::Reason, reason)?;
        if reason.is_empty() {
            return Err(ConsentError::VoidReason.into());
        }
        let today = self.today();
        self.store.write(&s.actor(), |tx| {
            require_person(tx.conn(), person)?;
            let history = store::consent::history(tx.conn(), person)?;
            let target = history.iter().find(|e| e.id == event && e.kind != EventKind::Void).ok_or(Error::Consent(ConsentError::UnknownEvent(event)))?;
            if target.voided_by.is_some() {
                return Err(ConsentError::AlreadyVoided(event).into());
            }
            let id = store::consent::insert(
                tx.conn(),
                &store::consent::NewEvent {
                    person,
                    kind: EventKind::Void,
                    form_version_id: None,
                    given_by_role: GivenByRole::Office,
                    given_by_guardian: None,
                    given_by_name: &s.username,
                    method: Method::Digital,
                    date: today,
                    entered_by: s.user_id,
                    answers: &Default::default(),
                    voids: Some((event, &reason)),
                },
            )?;
            tx.audit("consent.void", "person", Some(person), json!({"event": id, "voids": event, "reason": reason}))?;
            Ok(id)
        })
    }

    /// What holds for `person` on `at` (today when left out), item by item.
    pub fn consent_at(&self, _s: &Session, person: i64, at: Option<NaiveDate>) -> Result<ConsentOverview> {
        let org = self.organisation()?;
        let at = check_range(at.unwrap_or_else(|| self.today()))?;
        self.store.read(|c| {
            let p = require_person(c, person)?;
            let asked: Vec<String> = store::forms::active_latest(c)?.iter().flat_map(|f| f.content.items.iter().map(|i| i.to_string())).collect();
            let history = store::consent::history(c, person)?;
            Ok(ConsentOverview { person, at, items: status_at(c, &org, &p, &history, at, &asked)? })
        })
    }

    pub fn history(&self, _s: &Session, person: i64) -> Result<Vec<ConsentEvent>> {
        self.store.read(|c| {
            require_person(c, person)?;
            Ok(store::consent::history(c, person)?)
        })
    }

    pub fn person_page(&self, _s: &Session, id: i64, at: Option<NaiveDate>) -> Result<PersonPage> {
        let org = self.organisation()?;
        let at = check_range(at.unwrap_or_else(|| self.today()))?;
        self.store.read(|c| {
            let person = require_person(c, id)?;
            let history = store::consent::history(c, id)?;
            let mut forms = store::forms::active_latest(c)?;
            // Forms the person answered, in the version they answered, also show.
            for e in &history {
                if let Some(v) = e.form_version_id {
                    if !forms.iter().any(|f| f.version_id == v) {
                        if let Some(f) = store::forms::version_by_id(c, v)? {
                            forms.push(f);
                        }
                    }
                }
            }
            let asked: Vec<String> = forms.iter().flat_map(|f| f.content.items.iter().map(|i| i.to_string())).collect();
            let status = status_at(c, &org, &person, &history, at, &asked)?;
            let age = person.birth_date.map(|b| age_on(b, at));
            // Without a birth date the guardians are asked, as for any child.
            let consents = consent::who_decides(&person, at, org.consent_age).unwrap_or(GivenByRole::Guardian);
            let own_confirmation_needed = own_confirmation_needed(&status, &history, consents == GivenByRole::SelfPerson);
            let withdrawers = consent::withdrawers(&person, consents == GivenByRole::SelfPerson);
            Ok(PersonPage { person, at, age, consents, consent_age: org.consent_age, forms, status, history, own_confirmation_needed, withdrawers })
        })
    }

    /// Check the audit trail's hash chain.
    pub fn verify_audit(&self, _s: &Session) -> Result<store::audit::ChainReport> {
        self.store.read(|c| Ok(store::audit::verify(c)?))
    }
}

/// The leave-date rule of [`crate::domain::person::check_leave_date`] for a
/// person and their consent history (entries made in error do not count).
fn leave_rule(leave: NaiveDate, person: &Person, history: &[ConsentEvent], today: NaiveDate) -> Result<()> {
    let last = history.iter().filter(|e| e.kind != EventKind::Void && e.voided_by.is_none()).map(|e| e.date).max();
    check_leave_date(leave, person.birth_date, last, today).map_err(|p| {
        Error::People(match p {
            LeaveProblem::BeforeBirth(birth) => PeopleError::LeaveBeforeBirth { leave, birth },
            LeaveProblem::BeforeConsent(last) => PeopleError::LeaveBeforeConsent { leave, last },
            LeaveProblem::TooFarAhead(latest) => PeopleError::LeaveTooFar { leave, latest },
        })
    })
}

pub(crate) fn form_version(c: &rusqlite::Connection, id: i64, version: Option<u32>) -> Result<FormVersion> {
    match store::forms::version(c, id, version)? {
        Some(v) => Ok(v),
        None if store::forms::template_exists(c, id)? => Err(FormsError::UnknownVersion(id, version.unwrap_or(0)).into()),
        None => Err(FormsError::UnknownForm(id).into()),
    }
}

fn status_at(
    c: &rusqlite::Connection,
    org: &Organisation,
    person: &Person,
    history: &[ConsentEvent],
    at: NaiveDate,
    asked: &[String],
) -> Result<Vec<ItemStatus>> {
    let terms = store::forms::terms(c)?;
    Ok(effective_consent(history, &terms, org.school_year_start, person.leave_date, at, asked))
}

/// A person by number, or `person.unknown`.
pub(crate) fn require_person(c: &rusqlite::Connection, id: i64) -> Result<Person> {
    store::people::person(c, id)?.ok_or(Error::People(PeopleError::UnknownPerson(id)))
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

fn row_fields(row: &RosterRow) -> NewPersonRow<'_> {
    NewPersonRow { kind: row.kind, name: &row.name, birth_date: row.birth_date, leave_date: row.leave_date, external_id: row.external_id.as_deref() }
}

fn find_roster_person(c: &rusqlite::Connection, row: &RosterRow) -> Result<Option<Person>, StoreError> {
    // The pupil number first; else name and birth date.
    let by_number = match &row.external_id {
        Some(ext) => store::people::by_external_id(c, ext)?,
        None => None,
    };
    let id = match by_number {
        Some(id) => Some(id),
        None => store::people::by_roster_key(c, &store::people::roster_key(&row.name, row.birth_date))?,
    };
    id.map(|id| store::people::person(c, id)).transpose().map(Option::flatten)
}

/// Link the named guardians; true when any link was new.
fn link_guardians(c: &rusqlite::Connection, child: i64, names: &[String]) -> Result<bool, StoreError> {
    let mut any = false;
    for name in names {
        let gid = store::people::guardian_find_or_create(c, name)?;
        any |= store::people::link_guardian(c, child, gid)?;
    }
    Ok(any)
}
