//! First setup, login and the organisation's settings.

use super::*;
use crate::auth::Action;
use crate::domain::org::{EXPIRY_WARNING_DEFAULT, EXPIRY_WARNING_RANGE};

impl Beeldakkoord {
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

    /// First setup of an in-memory database (tests): see
    /// [`Beeldakkoord::create`] for a data folder.
    pub fn init(&self, req: &InitRequest) -> Result<Session> {
        self.init_checked(&Setup::check(req)?)
    }

    /// [`Beeldakkoord::create`], then the recovery sheet: where it goes is
    /// checked before anything is made, and a sheet that cannot be written
    /// undoes the setup (an installation without its sheet is one lost
    /// password away from losing everything).
    pub fn create_with_recovery_sheet(data_dir: &Path, req: &InitRequest, lang: crate::i18n::Lang, sheet: &OutputFile) -> Result<(Beeldakkoord, Session)> {
        sheet.resolve(Some(data_dir))?;
        let made_folder = !data_dir.exists();
        let (core, session) = Beeldakkoord::create(data_dir, req)?;
        match core.print_recovery_sheet(&session, lang, sheet) {
            Ok(_) => Ok((core, session)),
            Err(e) => {
                drop(core);
                undo_setup(data_dir, made_folder);
                Err(e)
            }
        }
    }

    /// First run in a folder without data: everything in the request is
    /// checked before anything is made, and a setup that fails after all
    /// leaves no database and no folder it made behind. A new data key
    /// encrypts the database from its first byte; the administrator's
    /// password wraps it (see [`Beeldakkoord::print_recovery_sheet`] for
    /// the sheet that goes in the safe).
    pub fn create(data_dir: &Path, req: &InitRequest) -> Result<(Beeldakkoord, Session)> {
        Beeldakkoord::create_with(data_dir, req, true)
    }

    /// The same installation without encryption, to measure what
    /// encryption costs (`benches/`); never for an office's data.
    #[doc(hidden)]
    pub fn create_unencrypted(data_dir: &Path, req: &InitRequest) -> Result<(Beeldakkoord, Session)> {
        Beeldakkoord::create_with(data_dir, req, false)
    }

    /// An installation [`Beeldakkoord::create_unencrypted`] made, opened as it is.
    #[doc(hidden)]
    pub fn open_unencrypted(data_dir: &Path, username: &str, password: &str) -> Result<(Beeldakkoord, Session)> {
        let core = Beeldakkoord::with_store(Store::open_dir(data_dir, None)?, Some(data_dir.to_path_buf()));
        let session = core.login(username, password)?;
        Ok((core, session))
    }

    /// An encrypted installation opened with its data key already
    /// unwrapped: what opening costs beyond the password's key derivation,
    /// next to [`Beeldakkoord::open_unencrypted`] (`benches/`).
    #[doc(hidden)]
    pub fn open_with_key(data_dir: &Path, key: &crate::crypto::keys::DataKey, username: &str, password: &str) -> Result<(Beeldakkoord, Session)> {
        let core = Beeldakkoord::open_keyed(data_dir, key.copy(), false)?;
        let session = core.login(username, password)?;
        Ok((core, session))
    }

    fn create_with(data_dir: &Path, req: &InitRequest, encrypted: bool) -> Result<(Beeldakkoord, Session)> {
        let setup = Setup::check(req)?;
        if Beeldakkoord::has_data(data_dir) {
            // Never a second setup over data: an empty, foreign or newer file is named as such.
            if store::is_plain_or_empty(data_dir) {
                Store::open_dir(data_dir, None)?;
            }
            return Err(SetupError::AlreadyInitialised.into());
        }
        let made_folder = !data_dir.exists();
        let key = crate::crypto::keys::DataKey::generate();
        // Slow on purpose (argon2id): done before anything is made.
        let wrapped = crate::crypto::keys::wrap(&key, &req.password)?;
        let store = match Store::create_dir(data_dir, Some(&key).filter(|_| encrypted)) {
            Ok(store) => store,
            Err(e) => {
                if made_folder {
                    // Only when still empty: another setup may have claimed it meanwhile.
                    let _ = std::fs::remove_dir(data_dir);
                }
                return Err(e.into());
            }
        };
        let mut core = Beeldakkoord::with_store(store, Some(data_dir.to_path_buf()));
        core.key = Some(Arc::new(key)).filter(|_| encrypted);
        let made = core.init_checked(&setup).and_then(|session| {
            if !encrypted {
                return Ok(session);
            }
            let mut keys = crate::crypto::keyfile::KeyFile::new();
            keys.add_user(session.user_id, &session.username, wrapped);
            keys.write(data_dir)?;
            Ok(session)
        });
        match made {
            Ok(session) => {
                // Best effort: an import makes it otherwise.
                let _ = core.settle_library();
                Ok((core, session))
            }
            Err(e) => {
                drop(core);
                undo_setup(data_dir, made_folder);
                Err(e)
            }
        }
    }

    /// The built-in staff forms for an organisation set up before they
    /// existed: added once, at the first opening after the upgrade, as
    /// a write of the system (in use where the jurisdiction matches).
    pub(crate) fn add_missing_builtin_forms(&self) -> Result<()> {
        if self.store.read_only() {
            return Ok(());
        }
        let missing = self.store.read(|c| {
            let Some(org) = store::org::get(c)? else { return Ok::<_, Error>(Vec::new()) };
            let mut missing = Vec::new();
            for (key, j, src) in BUILTIN_FORMS.iter().filter(|(key, _, _)| BUILTIN_STAFF_FORMS.contains(key)) {
                if !store::forms::has_builtin(c, key)? {
                    missing.push((*key, *j == org.jurisdiction, *src));
                }
            }
            Ok(missing)
        })?;
        if missing.is_empty() {
            return Ok(());
        }
        self.store.write(&Actor::system(), |tx| {
            for (key, active, src) in &missing {
                let content = FormContent::from_toml(src)?;
                let id = store::forms::insert_template(tx.conn(), &content.title, Some(key), *active)?;
                store::forms::insert_version(tx.conn(), id, 1, &content, None)?;
                tx.audit("form.builtin", "form", Some(id), json!({"builtin": key, "version": 1, "upgrade": true}))?;
            }
            Ok::<_, Error>(())
        })
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
        Ok(Session { user_id, username: username.clone(), role: Role::Admin, must_change_password: false, person: None })
    }

    pub fn update_organisation(&self, s: &Session, org: &Organisation) -> Result<Organisation> {
        self.allow(s, Action::UpdateOrganisation)?;
        let name = text::clean(text::Field::Organisation, &org.name)?;
        if name.is_empty() {
            return Err(SetupError::OrgName.into());
        }
        if !CONSENT_AGE_RANGE.contains(&org.consent_age) {
            return Err(SetupError::ConsentAge(i64::from(org.consent_age)).into());
        }
        if !IDLE_LOCK_RANGE.contains(&org.idle_lock_minutes) {
            return Err(SetupError::IdleLock(i64::from(org.idle_lock_minutes)).into());
        }
        if !EXPIRY_WARNING_RANGE.contains(&org.expiry_warning_days) {
            return Err(SetupError::ExpiryWarning(i64::from(org.expiry_warning_days)).into());
        }
        MonthDay::parse(&org.school_year_start.to_string())?;
        let org = Organisation { name, ..org.clone() };
        let today = self.today();
        self.store.write(&s.actor(), |tx| {
            let before = store::org::get(tx.conn())?.ok_or(Error::Setup(SetupError::NotInitialised))?;
            store::org::update(tx.conn(), &org)?;
            // A new age of own consent counts from today: whose word counted before stays.
            if org.consent_age != before.consent_age {
                store::org::add_consent_age_change(tx.conn(), today, org.consent_age, before.consent_age, s.actor().user_id)?;
            }
            let saved = store::org::get(tx.conn())?.ok_or(Error::Setup(SetupError::NotInitialised))?;
            tx.audit(
                "setup.update",
                "organisation",
                Some(1),
                json!({"name": saved.name, "consent_age": saved.consent_age, "consent_age_from": today, "school_year_start": saved.school_year_start.to_string(),
                       "idle_lock_minutes": saved.idle_lock_minutes, "guardian_consent": saved.guardian_consent.as_str(),
                       "signatures_for_yes": saved.signatures_for_yes.as_str(), "leaving_ends_consent": saved.leaving_ends_consent,
                       "expiry_warning_days": saved.expiry_warning_days}),
            )?;
            Ok(saved)
        })
    }
}

/// A setup that failed after it made the database: the database and keys go
/// again, with the folder if the setup made that too.
fn undo_setup(data_dir: &Path, made_folder: bool) {
    store::remove_database(data_dir);
    let _ = std::fs::remove_file(crate::crypto::keyfile::path(data_dir));
    let _ = std::fs::remove_file(data_dir.join(crate::crypto::keyfile::LOCK_FILE));
    if made_folder {
        let _ = std::fs::remove_dir_all(data_dir);
    }
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
        Ok(Setup {
            org: Organisation {
                name,
                jurisdiction,
                consent_age,
                school_year_start,
                idle_lock_minutes: IDLE_LOCK_DEFAULT,
                guardian_consent: Default::default(),
                signatures_for_yes: Default::default(),
                leaving_ends_consent: true,
                expiry_warning_days: EXPIRY_WARNING_DEFAULT,
                consent_age_changes: Vec::new(),
            },
            username: req.username.clone(),
            hash,
        })
    }
}
