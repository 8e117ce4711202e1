//! Groups, people, guardians and leave dates.

use super::*;
use crate::auth::Action;

impl Beeldakkoord {
    pub fn add_group(&self, s: &Session, name: &str) -> Result<Group> {
        self.allow(s, Action::AddGroup)?;
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

    pub fn groups(&self, s: &Session) -> Result<Vec<Group>> {
        let scope = self.allow(s, Action::Groups)?;
        let groups = self.store.read(|c| Ok::<_, Error>(store::people::groups(c, self.today())?))?;
        // A teacher's picker shows their own groups.
        Ok(match scope {
            None => groups,
            Some(v) => groups.into_iter().filter(|g| v.groups.contains(&g.id)).collect(),
        })
    }

    /// When a membership added today counts from: the start of this school year,
    /// so that photos and forms from earlier this year see the group.
    pub(super) fn membership_start(&self, org: &Organisation) -> NaiveDate {
        org.school_year_start.school_year_start(self.today())
    }

    pub fn add_person(&self, s: &Session, p: &NewPerson) -> Result<i64> {
        self.allow(s, Action::AddPerson)?;
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
        self.allow(s, Action::AddGuardian)?;
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
        self.allow(s, Action::SetLeaveDate)?;
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

    pub fn people(&self, s: &Session, f: &PeopleFilter) -> Result<Vec<PersonSummary>> {
        let scope = self.allow(s, Action::People)?;
        self.store.read(|c| {
            let group = filter_group(c, f.group.as_deref())?;
            let q = store::people::PeopleQuery { group, search: f.search.as_deref(), include_left: f.include_left, on: self.today(), scope: scope.as_ref() };
            Ok(store::people::list(c, &q)?)
        })
    }

    pub fn person(&self, s: &Session, id: i64) -> Result<Person> {
        self.allow(s, Action::Person)?;
        self.store.read(|c| require_person(c, id))
    }
}

/// The leave-date rule of [`crate::domain::person::check_leave_date`] for a
/// person and their consent history (entries made in error do not count).
pub(super) fn leave_rule(leave: NaiveDate, person: &Person, history: &[ConsentEvent], today: NaiveDate) -> Result<()> {
    let last = history.iter().filter(|e| e.kind != EventKind::Void && e.voided_by.is_none()).map(|e| e.date).max();
    check_leave_date(leave, person.birth_date, last, today).map_err(|p| {
        Error::People(match p {
            LeaveProblem::BeforeBirth(birth) => PeopleError::LeaveBeforeBirth { leave, birth },
            LeaveProblem::BeforeConsent(last) => PeopleError::LeaveBeforeConsent { leave, last },
            LeaveProblem::TooFarAhead(latest) => PeopleError::LeaveTooFar { leave, latest },
        })
    })
}
