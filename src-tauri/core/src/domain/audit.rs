//! What `audit verify` finds and what the audit log shows. Pure: no I/O.

use serde::{Deserialize, Serialize};

/// The audit trail checked from its first event: the hash chain, and every
/// covered row against the hash its last audit event recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChainReport {
    /// True when the chain is whole and every covered row is as written.
    pub ok: bool,
    pub events: u32,
    /// The first event whose hash does not match, or the event that last
    /// wrote the first row found changed or deleted.
    pub broken_at: Option<i64>,
    /// The table and row of the first problem found in the content.
    pub table: Option<String>,
    pub row: Option<i64>,
    /// The whole key where a row is named by more than one column
    /// (`12/website`: event 12, item website).
    pub key: Option<String>,
    pub problem: Option<RowProblemKind>,
    /// Covered rows checked against the trail.
    pub rows: u64,
    /// Every problem found (the first 20), and how many there are.
    pub problems: Vec<RowProblem>,
    pub problem_count: u32,
    pub head: String,
    /// Kept files (scans of signed forms, drawn signatures) checked against
    /// the SHA-256 recorded when they were attached.
    pub files: u64,
}

/// How a covered row differs from what the audit trail recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RowProblemKind {
    /// The row's content is not what its last audit event recorded.
    Changed,
    /// The row was recorded and is gone.
    Deleted,
    /// The row exists and no audit event wrote it.
    Unrecorded,
    /// The audit trail's own list of rows for an event was altered.
    TrailRows,
    /// A kept scan's file no longer holds what was attached (changed,
    /// replaced, or not readable with the data key).
    FileChanged,
    /// A kept scan's file is gone.
    FileMissing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct RowProblem {
    pub table: String,
    pub row: i64,
    pub key: String,
    pub kind: RowProblemKind,
    /// The audit event that last wrote the row, if any did.
    pub event: Option<i64>,
}

/// At most this many problems are listed; all are counted.
pub const PROBLEMS_LISTED: usize = 20;

impl ChainReport {
    /// A report from the chain check and the content check.
    pub fn new(events: u32, chain_broken_at: Option<i64>, head: String, rows: u64, problems: Vec<RowProblem>) -> ChainReport {
        let first = problems.first().cloned();
        let problem_count = u32::try_from(problems.len()).unwrap_or(u32::MAX);
        ChainReport {
            ok: chain_broken_at.is_none() && problems.is_empty(),
            events,
            broken_at: chain_broken_at.or_else(|| first.as_ref().and_then(|p| p.event)),
            table: first.as_ref().map(|p| p.table.clone()).or_else(|| chain_broken_at.map(|_| "audit_events".to_string())),
            row: first.as_ref().map(|p| p.row).or(chain_broken_at),
            key: first.as_ref().map(|p| p.key.clone()),
            problem: first.map(|p| p.kind),
            rows,
            problems: problems.into_iter().take(PROBLEMS_LISTED).collect(),
            problem_count,
            head,
            files: 0,
        }
    }

    /// Add what the check of the kept files found (`checked` files).
    pub fn with_files(mut self, checked: u64, found: Vec<RowProblem>) -> ChainReport {
        self.files = checked;
        let Some(first) = found.first() else { return self };
        if self.ok {
            self.broken_at = first.event;
            self.table = Some(first.table.clone());
            self.row = Some(first.row);
            self.key = Some(first.key.clone());
            self.problem = Some(first.kind);
        }
        self.ok = false;
        self.problem_count = self.problem_count.saturating_add(u32::try_from(found.len()).unwrap_or(u32::MAX));
        let room = PROBLEMS_LISTED.saturating_sub(self.problems.len());
        self.problems.extend(found.into_iter().take(room));
        self
    }
}

/// One line of the audit log: who did what, when, to what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AuditEntry {
    pub id: i64,
    /// Local time, `YYYY-MM-DDTHH:MM:SS`.
    pub at: String,
    pub user: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    /// The person the event concerns, when it concerns one.
    pub person: Option<i64>,
    pub person_name: Option<String>,
    /// The event's details as recorded (compact JSON), without the row digest.
    pub details: String,
}

/// Which part of the audit log to show; newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AuditFilter {
    pub person: Option<i64>,
    pub user: Option<String>,
    pub since: Option<chrono::NaiveDate>,
    pub until: Option<chrono::NaiveDate>,
    /// Only events with an id below this one (the next page).
    pub before: Option<i64>,
    pub limit: Option<u32>,
}

/// A page of the audit log and whether older entries follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    pub more: bool,
}
