//! The audit trail: its check, its log, and the reads it records.

use super::*;
use crate::auth::Action;
use crate::domain::audit::{AuditFilter, AuditPage, ChainReport};

/// A person's history opened again by the same user within this time is
/// the same screen (a reload after an edit), not a new look: one entry.
const SAME_SCREEN: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

impl Beeldakkoord {
    /// Check the audit trail: the file's every page (an encrypted page
    /// carries its own authentication code: one changed byte is damage,
    /// `store.damaged`), the hash chain, then every covered row against the
    /// hash its last audit event recorded.
    pub fn verify_audit(&self, s: &Session) -> Result<ChainReport> {
        self.allow(s, Action::VerifyAudit)?;
        if self.key.is_some() {
            self.store.check_pages()?;
        }
        self.store.read(|c| Ok(store::audit::verify(c)?))
    }

    /// Who did what, when: newest first, filtered by person, user and dates.
    pub fn audit_log(&self, s: &Session, filter: &AuditFilter) -> Result<AuditPage> {
        self.allow(s, Action::AuditLog)?;
        if let (Some(from), Some(to)) = (filter.since, filter.until) {
            if from > to {
                return Err(Error::Date(crate::domain::DateError::Order { from, to }));
            }
        }
        self.store.read(|c| Ok(store::audit::entries(c, filter)?))
    }

    /// Record that `s` read the full consent history of `person`: once per
    /// screen (see [`SAME_SCREEN`]). A copy opened read-only cannot record
    /// it and is still readable.
    pub(super) fn log_history_read(&self, s: &Session, person: i64) -> Result<()> {
        if self.store.read_only() {
            return Ok(());
        }
        const ACTION: &str = "person.history_read";
        let last = self.store.read(|c| store::audit::last_logged(c, &s.username, ACTION, person))?;
        let now = chrono::Local::now().naive_local();
        let recent = last
            .and_then(|at| chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S").ok())
            .is_some_and(|at| now.signed_duration_since(at) < SAME_SCREEN && at <= now);
        if recent {
            return Ok(());
        }
        self.store.write(&s.actor(), |tx| Ok::<_, Error>(tx.audit(ACTION, "person", Some(person), serde_json::json!({}))?))
    }
}
