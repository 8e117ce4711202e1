//! Consent events and answers: insert and read, never update.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, Connection};

use super::{date_col, now_string, StoreError};
use crate::domain::consent::{Answer, Attachment, AttachmentKind, ConsentEvent, DocFormat, EventKind, GivenByRole, Method, Signer};

pub struct NewEvent<'a> {
    pub person: i64,
    pub kind: EventKind,
    pub form_version_id: Option<i64>,
    pub given_by_role: GivenByRole,
    pub given_by_guardian: Option<i64>,
    pub given_by_name: &'a str,
    pub method: Method,
    pub date: NaiveDate,
    pub entered_by: i64,
    pub answers: &'a BTreeMap<String, Answer>,
    /// For a void event: the event it cancels and why.
    pub voids: Option<(i64, &'a str)>,
    /// Everyone else who signed, in order.
    pub co_signers: &'a [Signer],
}

impl<'a> NewEvent<'a> {
    /// An event of `kind` for `person`, given by `who` (role, linked
    /// guardian, name as written) on `date` and entered by user `entered_by`;
    /// on no form and voiding nothing until the caller says otherwise.
    pub fn given(
        person: i64,
        kind: EventKind,
        who: (GivenByRole, Option<i64>, &'a str),
        method: Method,
        date: NaiveDate,
        entered_by: i64,
        answers: &'a BTreeMap<String, Answer>,
    ) -> NewEvent<'a> {
        let (given_by_role, given_by_guardian, given_by_name) = who;
        NewEvent {
            person,
            kind,
            form_version_id: None,
            given_by_role,
            given_by_guardian,
            given_by_name,
            method,
            date,
            entered_by,
            answers,
            voids: None,
            co_signers: &[],
        }
    }
}

pub fn insert(conn: &Connection, e: &NewEvent) -> Result<i64, StoreError> {
    let kind = match e.kind {
        EventKind::Record => "record",
        EventKind::Withdraw => "withdraw",
        EventKind::Void => "void",
    };
    conn.execute(
        "INSERT INTO consent_events (id, person_id, kind, form_version_id, given_by_role, given_by_guardian_id, given_by_name, method, given_on, entered_by, entered_at, voids_event_id, void_reason)
         VALUES (?13, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            e.person,
            kind,
            e.form_version_id,
            e.given_by_role.as_str(),
            e.given_by_guardian,
            e.given_by_name,
            e.method.as_str(),
            e.date.to_string(),
            e.entered_by,
            now_string(),
            e.voids.map(|v| v.0),
            e.voids.map(|v| v.1),
            super::retention::next_id(conn, "consent_events")?
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached("INSERT INTO consent_answers (event_id, item, answer) VALUES (?1, ?2, ?3)")?;
    for (item, answer) in e.answers {
        stmt.execute(params![id, item, answer.as_str()])?;
    }
    let mut stmt = conn.prepare_cached("INSERT INTO consent_cosigners (event_id, position, role, guardian_id, name) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (position, s) in (1..).zip(e.co_signers) {
        stmt.execute(params![id, position, s.role.as_str(), s.guardian, s.name])?;
    }
    Ok(id)
}

/// How much of a history to read. A verdict on one use needs the answers to
/// one item only (of the dozens each form asks), and the forms' titles can
/// come from a list read once instead of from each event's letter.
#[derive(Default, Clone, Copy)]
pub struct HistoryRead<'a> {
    /// Only the answers to this `type/channel/purpose` item.
    pub item: Option<&'a str>,
    /// The form titles by version (see `forms::titles`).
    pub titles: Option<&'a super::forms::FormTitles>,
}

/// A person's whole history, in the order it happened (date, then entry).
pub fn history(conn: &Connection, person: i64) -> Result<Vec<ConsentEvent>, StoreError> {
    history_with(conn, person, HistoryRead::default())
}

/// [`history`], reading only what `how` asks for.
pub fn history_with(conn: &Connection, person: i64, how: HistoryRead<'_>) -> Result<Vec<ConsentEvent>, StoreError> {
    // Without a list of titles: the form's title alone, taken out by SQLite,
    // not the whole letter parsed per event.
    let title = match how.titles {
        Some(_) => "NULL",
        None => "CASE WHEN json_valid(v.content) THEN json_extract(v.content, '$.title') END",
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT e.id, e.kind, e.form_version_id, v.template_id, v.version, {title}, e.given_by_name, e.given_by_role,
                e.method, e.given_on, u.username, e.entered_at, e.voids_event_id, e.void_reason
           FROM consent_events e
           JOIN users u ON u.id = e.entered_by
           LEFT JOIN form_versions v ON v.id = e.form_version_id
          WHERE e.person_id = ?1
          ORDER BY e.given_on, e.id"
    ))?;
    let rows = stmt.query_map([person], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, Option<i64>>(3)?,
            r.get::<_, Option<u32>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, String>(9)?,
            r.get::<_, String>(10)?,
            r.get::<_, String>(11)?,
            r.get::<_, Option<i64>>(12)?,
            r.get::<_, Option<String>>(13)?,
        ))
    })?;
    let mut events = Vec::new();
    for row in rows {
        let (id, kind, fv, form_id, version, title, given_by_name, role, method, given_on, entered_by, entered_at, voids, void_reason) = row?;
        let decode = |what: &str| StoreError::Decode(format!("consent event {id}: {what}"));
        events.push(ConsentEvent {
            id,
            person,
            kind: match kind.as_str() {
                "record" => EventKind::Record,
                "withdraw" => EventKind::Withdraw,
                "void" => EventKind::Void,
                _ => return Err(decode("kind")),
            },
            form_version_id: fv,
            form_id,
            form_version: version,
            form_title: match how.titles {
                Some(t) => fv.and_then(|v| t.get(v)),
                None => title,
            },
            given_by_name,
            given_by_role: GivenByRole::parse(&role).ok_or_else(|| decode("role"))?,
            method: Method::parse(&method).ok_or_else(|| decode("method"))?,
            date: date_col(Some(given_on))?.ok_or_else(|| decode("date"))?,
            entered_by,
            entered_at: NaiveDateTime::parse_from_str(&entered_at, "%Y-%m-%dT%H:%M:%S").map_err(|_| decode("entered_at"))?,
            answers: BTreeMap::new(),
            voids,
            void_reason,
            voided_by: None,
            co_signers: Vec::new(),
            attachments: Vec::new(),
        });
    }
    let voids: Vec<(i64, i64)> = events.iter().filter_map(|e| e.voids.map(|v| (v, e.id))).collect();
    for (target, by) in voids {
        if let Some(e) = events.iter_mut().find(|e| e.id == target) {
            e.voided_by = Some(by);
        }
    }
    // One item is a seek per event on the key (event, item); all are a walk.
    let mut stmt = conn.prepare_cached(match how.item {
        Some(_) => {
            "SELECT a.event_id, a.item, a.answer FROM consent_answers a JOIN consent_events e ON e.id = a.event_id WHERE e.person_id = ?1 AND a.item = ?2"
        }
        None => "SELECT a.event_id, a.item, a.answer FROM consent_answers a JOIN consent_events e ON e.id = a.event_id WHERE e.person_id = ?1 AND ?2 IS NULL",
    })?;
    let answers = stmt.query_map(params![person, how.item], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
    for a in answers {
        let (event, item, answer) = a?;
        let answer = Answer::parse(&answer).ok_or_else(|| StoreError::Decode(format!("answer {answer}")))?;
        if let Some(e) = events.iter_mut().find(|e| e.id == event) {
            e.answers.insert(item, answer);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.event_id, c.role, c.guardian_id, c.name FROM consent_cosigners c JOIN consent_events e ON e.id = c.event_id
          WHERE e.person_id = ?1 ORDER BY c.event_id, c.position",
    )?;
    let signers = stmt.query_map([person], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<i64>>(2)?, r.get::<_, String>(3)?)))?;
    for row in signers {
        let (event, role, guardian, name) = row?;
        let role = GivenByRole::parse(&role).ok_or_else(|| StoreError::Decode(format!("consent event {event}: signer role")))?;
        if let Some(e) = events.iter_mut().find(|e| e.id == event) {
            e.co_signers.push(Signer { name, role, guardian });
        }
    }
    for (event, attachment) in attachments(conn, Some(("e.person_id", person)))? {
        if let Some(e) = events.iter_mut().find(|e| e.id == event) {
            e.attachments.push(attachment);
        }
    }
    Ok(events)
}

/// A file to keep with an event: what `evidence::inspect` found it to be.
pub struct NewAttachment<'a> {
    pub event: i64,
    pub kind: AttachmentKind,
    pub sha256: &'a str,
    pub format: DocFormat,
    pub bytes: u64,
    pub pages: u32,
    pub attached_by: i64,
}

/// Add a file to an event, numbered after those it has; returns the number.
pub fn insert_attachment(conn: &Connection, a: &NewAttachment) -> Result<u32, StoreError> {
    let number: u32 = super::row(conn, "SELECT COALESCE(MAX(position), 0) + 1 FROM consent_attachments WHERE event_id = ?1", [a.event], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO consent_attachments (event_id, position, kind, sha256, format, bytes, pages, attached_by, attached_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.event,
            number,
            a.kind.as_str(),
            a.sha256,
            a.format.as_str(),
            i64::try_from(a.bytes).unwrap_or(i64::MAX),
            a.pages,
            a.attached_by,
            now_string()
        ],
    )?;
    Ok(number)
}

/// One attachment of an event, and the person whose event it is.
pub fn attachment(conn: &Connection, event: i64, number: u32) -> Result<Option<(i64, Attachment)>, StoreError> {
    let person: Option<i64> = super::row(conn, "SELECT person_id FROM consent_events WHERE id = ?1", [event], |r| r.get(0)).map(Some).or_else(|e| {
        if e == rusqlite::Error::QueryReturnedNoRows {
            Ok(None)
        } else {
            Err(e)
        }
    })?;
    let Some(person) = person else { return Ok(None) };
    let found = attachments(conn, Some(("a.event_id", event)))?.into_iter().find(|(_, a)| a.number == number);
    Ok(found.map(|(_, a)| (person, a)))
}

/// Every kept file: event, number, SHA-256 and format, in order (the file
/// check of `audit verify`, and what a tidy-up after a crash must keep).
pub fn all_attachments(conn: &Connection) -> Result<Vec<(i64, Attachment)>, StoreError> {
    attachments(conn, None)
}

/// Attachments with their event, all or those where `column` equals the value.
fn attachments(conn: &Connection, filter: Option<(&str, i64)>) -> Result<Vec<(i64, Attachment)>, StoreError> {
    let (condition, param) = match filter {
        Some((column, value)) => (format!("WHERE {column} = ?1"), vec![value]),
        None => (String::new(), Vec::new()),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.event_id, a.position, a.kind, a.sha256, a.format, a.bytes, a.pages, u.username, a.attached_at
           FROM consent_attachments a JOIN consent_events e ON e.id = a.event_id JOIN users u ON u.id = a.attached_by
          {condition} ORDER BY a.event_id, a.position"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(param), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, u32>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (event, number, kind, sha256, format, bytes, pages, attached_by, at) = row?;
        let decode = |what: &str| StoreError::Decode(format!("consent event {event}, attachment {number}: {what}"));
        out.push((
            event,
            Attachment {
                number,
                kind: AttachmentKind::parse(&kind).ok_or_else(|| decode("kind"))?,
                sha256,
                format: DocFormat::parse(&format).ok_or_else(|| decode("format"))?,
                bytes: u64::try_from(bytes).map_err(|_| decode("bytes"))?,
                pages,
                attached_by,
                attached_at: NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S").map_err(|_| decode("attached_at"))?,
            },
        ));
    }
    Ok(out)
}

pub fn count_for_version(conn: &Connection, version_id: i64) -> Result<u32, StoreError> {
    Ok(super::row(conn, "SELECT COUNT(*) FROM consent_events WHERE form_version_id = ?1", [version_id], |r| r.get(0))?)
}

/// Ids of the person's events entered by a teacher (a withdrawal a parent
/// handed in at the classroom): the office sees them marked.
pub fn entered_by_teachers(conn: &Connection, person: i64) -> Result<Vec<i64>, StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT e.id FROM consent_events e JOIN users u ON u.id = e.entered_by WHERE e.person_id = ?1 AND u.role = 'teacher' ORDER BY e.id")?;
    let ids = stmt.query_map([person], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(ids)
}
