//! The audit trail: its check, its log, and the reads it records.

use super::*;
use crate::auth::Action;
use crate::domain::audit::{AuditFilter, AuditPage, ChainReport, RowProblem, RowProblemKind};

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
        let report = self.store.read(|c| Ok::<_, Error>(store::audit::verify(c)?))?;
        let (checked, found) = self.check_kept_files()?;
        Ok(report.with_files(checked, found))
    }

    /// Every kept scan and signature against the SHA-256 recorded when it
    /// was attached: a file changed, swapped or unreadable with the data key
    /// is `file_changed`, a file gone `file_missing`. The rows themselves are
    /// covered by the trail; this covers the files they name.
    fn check_kept_files(&self) -> Result<(u64, Vec<RowProblem>)> {
        let kept = self.store.read(|c| Ok::<_, Error>(store::consent::all_attachments(c)?))?;
        let Ok(library) = self.library() else { return Ok((0, Vec::new())) };
        let mut problems = Vec::new();
        for (event, a) in &kept {
            let kind = if !library.scan_path(&a.sha256, a.format).exists() {
                Some(RowProblemKind::FileMissing)
            } else {
                match self.scan_bytes(*event, a) {
                    Ok(_) => None,
                    Err(Error::Evidence(crate::evidence::EvidenceError::Changed { .. })) => Some(RowProblemKind::FileChanged),
                    Err(e) => return Err(e),
                }
            };
            if let Some(kind) = kind {
                let event_id = self.store.read(|c| Ok::<_, Error>(store::audit::last_writer(c, "consent_attachments", &format!("{event}/{}", a.number))?))?;
                problems.push(RowProblem { table: "consent_attachments".into(), row: *event, key: format!("{event}/{}", a.number), kind, event: event_id });
            }
        }
        Ok((kept.len() as u64, problems))
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
