//! First setup, login and the organisation's settings.

use super::*;
use crate::auth::Action;

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

    /// First run: the organisation, the first (admin) user, the built-in forms.
    pub fn init(&self, req: &InitRequest) -> Result<Session> {
        self.init_checked(&Setup::check(req)?)
    }

    /// First run in a folder without data: everything in the request is
    /// checked before anything is made, and a setup that fails after all
    /// leaves no database and no folder it made behind.
    pub fn create(data_dir: &Path, req: &InitRequest) -> Result<(Beeldakkoord, Session)> {
        let setup = Setup::check(req)?;
        if Beeldakkoord::has_data(data_dir) {
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
                store::remove_database(data_dir);
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
                       "idle_lock_minutes": saved.idle_lock_minutes, "guardian_consent": saved.guardian_consent.as_str()}),
            )?;
            Ok(saved)
        })
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
                consent_age_changes: Vec::new(),
            },
            username: req.username.clone(),
            hash,
        })
    }
}
