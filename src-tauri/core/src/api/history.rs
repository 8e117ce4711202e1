//! Consent history: record, withdraw, undo an entry made in error, and what holds on a date.

use super::*;
use crate::auth::Action;
use crate::domain::consent::{AttachmentKind, DocFormat};
use crate::domain::form::Audience;
use crate::store::consent::{NewAttachment, NewEvent};

/// A file already stored in the library, to be named by an event's row.
pub(super) struct KeptFile {
    pub sha256: String,
    pub format: DocFormat,
    pub bytes: u64,
}

impl Beeldakkoord {
    pub fn record_consent(&self, s: &Session, req: &RecordRequest) -> Result<i64> {
        self.allow(s, Action::RecordConsent)?;
        // A desk event comes with its drawn signature: only `record_at_desk` makes one.
        if req.method == Method::Kiosk {
            return Err(ConsentError::DeskOnly.into());
        }
        self.record(s, req, &[])
    }

    /// Record `req`, with `signatures` (files already in the library) kept
    /// as the event's attachments in the same transaction.
    pub(super) fn record(&self, s: &Session, req: &RecordRequest, signatures: &[KeptFile]) -> Result<i64> {
        let org = self.organisation()?;
        let date = self.event_date(req.date)?;
        let names = signer_names(&req.given_by, &req.co_signers)?;
        self.store.write(&s.actor(), |tx| {
            let person = require_person(tx.conn(), req.person)?;
            let form = form_version(tx.conn(), req.form, req.version)?;
            // Answers on a form the organisation does not use are a slip (the Flemish form in a Dutch school).
            if !store::forms::is_active(tx.conn(), form.form)? {
                return Err(ConsentError::FormInactive { title: form.content.title.clone() }.into());
            }
            // Staff answer staff forms, children (or their guardians) children's forms.
            if form.content.audience != Audience::of(person.kind) {
                let staff_form = form.content.audience == Audience::Staff;
                return Err(ConsentError::FormAudience { title: form.content.title.clone(), person: person.name.clone(), staff_form }.into());
            }
            consent::check_event_date(&person, date)?;
            if let Term::Until(until) = form.content.term {
                if date > until {
                    return Err(ConsentError::TermEnded { date, until }.into());
                }
            }
            let signers = consent::record_signers(&person, &names, date, org.consent_age_on(date))?;
            let answers = consent::complete_answers(&form.content, &req.answers)?;
            consent::check_signatures(&person, &signers, &answers, org.signatures_for_yes)?;
            let (first, others) = (&signers[0], &signers[1..]);
            let event = NewEvent::given(person.id, EventKind::Record, (first.role, first.guardian, &first.name), req.method, date, s.user_id, &answers);
            let id = store::consent::insert(tx.conn(), &NewEvent { form_version_id: Some(form.version_id), co_signers: others, ..event })?;
            tx.audit(
                "consent.record",
                "person",
                Some(person.id),
                json!({"event": id, "form": form.form, "version": form.version, "date": date, "given_by": first.name, "role": first.role.as_str(),
                       "co_signers": others.iter().map(|o| &o.name).collect::<Vec<_>>(), "method": req.method.as_str(), "answers": answers}),
            )?;
            for file in signatures {
                let a = NewAttachment { event: id, kind: AttachmentKind::Signature, sha256: &file.sha256, format: file.format, bytes: file.bytes, pages: 1, attached_by: s.user_id };
                let number = store::consent::insert_attachment(tx.conn(), &a)?;
                tx.audit(
                    "consent.attach",
                    "person",
                    Some(person.id),
                    json!({"event": id, "number": number, "kind": a.kind.as_str(), "sha256": a.sha256, "format": a.format.as_str(), "bytes": a.bytes, "pages": 1}),
                )?;
            }
            Ok(id)
        })
    }

    pub fn withdraw_consent(&self, s: &Session, req: &WithdrawRequest) -> Result<i64> {
        let scope = self.allow(s, Action::WithdrawConsent)?;
        let org = self.organisation()?;
        let date = self.event_date(req.date)?;
        let names = signer_names(&req.given_by, &req.co_signers)?;
        if !req.all && req.items.is_empty() {
            return Err(ConsentRequestError::NoItems.into());
        }
        self.store.write(&s.actor(), |tx| {
            // A teacher registers a withdrawal a parent handed in, for a child of their groups.
            let person = super::require_consent_subject(tx.conn(), &scope, req.person)?;
            consent::check_event_date(&person, date)?;
            let signers = consent::withdraw_signers(&person, &names)?;
            let (first, others) = (&signers[0], &signers[1..]);
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
                &NewEvent {
                    co_signers: others,
                    ..NewEvent::given(person.id, EventKind::Withdraw, (first.role, first.guardian, &first.name), req.method, date, s.user_id, &answers)
                },
            )?;
            tx.audit(
                "consent.withdraw",
                "person",
                Some(person.id),
                json!({"event": id, "date": date, "given_by": first.name, "co_signers": others.iter().map(|o| &o.name).collect::<Vec<_>>(), "items": items}),
            )?;
            Ok(id)
        })
    }

    /// Undo an entry made in error (wrong child, wrong box ticked): a new
    /// event marks it void, so it counts for nothing and stays visible.
    pub fn void_consent_event(&self, s: &Session, person: i64, event: i64, reason: &str) -> Result<i64> {
        self.allow(s, Action::VoidConsentEvent)?;
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
            let none = Default::default();
            let void = NewEvent::given(person, EventKind::Void, (GivenByRole::Office, None, &s.username), Method::Digital, today, s.user_id, &none);
            let id = store::consent::insert(tx.conn(), &NewEvent { voids: Some((event, &reason)), ..void })?;
            tx.audit("consent.void", "person", Some(person), json!({"event": id, "voids": event, "reason": reason}))?;
            Ok(id)
        })
    }

    /// What holds for `person` on `at` (today when left out), item by item.
    pub fn consent_at(&self, s: &Session, person: i64, at: Option<NaiveDate>) -> Result<ConsentOverview> {
        let scope = self.allow(s, Action::ConsentAt)?;
        let org = self.organisation()?;
        let at = check_range(at.unwrap_or_else(|| self.today()))?;
        self.store.read(|c| {
            let p = super::require_consent_subject(c, &scope, person)?;
            let asked: Vec<String> =
                store::forms::active_latest_for(c, Audience::of(p.kind))?.iter().flat_map(|f| f.content.items.iter().map(|i| i.to_string())).collect();
            let history = store::consent::history(c, person)?;
            Ok(ConsentOverview { person, at, items: status_at(c, &org, &p, &history, at, &asked)? })
        })
    }

    pub fn history(&self, s: &Session, person: i64) -> Result<Vec<ConsentEvent>> {
        self.allow(s, Action::History)?;
        let history = self.store.read(|c| {
            require_person(c, person)?;
            Ok::<_, Error>(store::consent::history(c, person)?)
        })?;
        self.log_history_read(s, person)?;
        Ok(history)
    }

    pub fn person_page(&self, s: &Session, id: i64, at: Option<NaiveDate>) -> Result<PersonPage> {
        let scope = self.allow(s, Action::PersonPage)?;
        let org = self.organisation()?;
        let at = check_range(at.unwrap_or_else(|| self.today()))?;
        // The full page (history, who signed): for the office, and for a staff member's own record.
        let full = scope.as_ref().is_none_or(|v| v.is_own(id));
        let page = self.store.read(|c| {
            let person = super::require_consent_subject(c, &scope, id)?;
            let history = store::consent::history(c, id)?;
            // The forms in use for someone like them (staff or children).
            let mut forms = store::forms::active_latest_for(c, Audience::of(person.kind))?;
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
            let consents = consent::who_decides(&person, at, org.consent_age_on(at)).unwrap_or(GivenByRole::Guardian);
            let own_confirmation_needed = own_confirmation_needed(&status, &history, consents == GivenByRole::SelfPerson);
            let withdrawers = consent::withdrawers(&person, consents == GivenByRole::SelfPerson);
            // A teacher sees what holds, item by item, never the history or who
            // signed, except their own (a staff member's own consent is theirs).
            let (history, registered_by_teacher) = if full { (history, store::consent::entered_by_teachers(c, id)?) } else { (Vec::new(), Vec::new()) };
            Ok::<_, Error>(PersonPage {
                person,
                at,
                age,
                consents,
                consent_age: org.consent_age_on(at),
                forms,
                status,
                history,
                own_confirmation_needed,
                withdrawers,
                registered_by_teacher,
            })
        })?;
        // Who looked at a person's full history is part of accountability.
        if full {
            self.log_history_read(s, id)?;
        }
        Ok(page)
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
    let leaving = crate::decision::effective::Leaving::of(person, org);
    Ok(effective_consent(history, &terms, org.school_year_start, leaving, guardian_counts_until(person, org, at), at, asked))
}

/// The names of everyone who signed, tidied: the first as given, then the
/// others (blank ones left out).
fn signer_names(given_by: &str, co_signers: &[String]) -> Result<Vec<String>> {
    let mut names = vec![text::clean(text::Field::GivenBy, given_by)?];
    for name in co_signers {
        let name = text::clean(text::Field::GivenBy, name)?;
        if !name.is_empty() {
            names.push(name);
        }
    }
    Ok(names)
}
