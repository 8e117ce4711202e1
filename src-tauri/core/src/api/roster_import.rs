//! Roster imports: all or nothing, the same file twice changes nothing.

use super::*;
use crate::auth::Action;

impl Beeldakkoord {
    /// Import a roster export. All or nothing; importing the same file twice
    /// changes nothing the second time.
    pub fn import_roster(&self, s: &Session, bytes: &[u8], dry_run: bool) -> Result<RosterReport> {
        self.allow(s, Action::ImportRoster)?;
        let org = self.organisation()?;
        let text = files::decode::decode_text(bytes)?;
        let parsed = roster::parse(&text.text, self.today())?;
        let from = self.membership_start(&org);
        let today = self.today();
        let consent_years = self.store.read(store::retention::settings)?.consent_years;
        let run = |tx: &mut store::Tx| -> Result<RosterReport> {
            // Problems only the stored data shows (a leave date before recorded consent).
            let mut late_errors = Vec::new();
            let mut report = RosterReport {
                added: 0,
                updated: 0,
                unchanged: 0,
                past_retention: 0,
                groups_created: vec![],
                ignored_columns: parsed.ignored_columns.clone(),
                dry_run,
            };
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
                    // Someone whose data would already be past retention (removed
                    // by a run, or never here) is not taken in again.
                    None if row.leave_date.is_some_and(|l| crate::decision::retention::term_over(l, consent_years, today)) => {
                        report.past_retention += 1;
                    }
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
                            if let Err(Error::People(PeopleError::LeaveBeforeConsent { last, .. })) =
                                super::people::leave_rule(leave, &existing, &history, today)
                            {
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
                    json!({"added": report.added, "updated": report.updated, "unchanged": report.unchanged, "past_retention": report.past_retention, "groups_created": report.groups_created}),
                )?;
            } else {
                // Nothing changed: still leave a trace that the import ran.
                tx.audit("roster.import", "roster", None, json!({"unchanged": report.unchanged, "past_retention": report.past_retention}))?;
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
        self.allow(s, Action::ImportRosterFile)?;
        let bytes = files::read_input(path, InputKind::Roster)?;
        self.import_roster(s, &bytes, dry_run)
    }
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
