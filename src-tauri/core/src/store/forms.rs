//! Form templates and their versions. A version someone answered is frozen
//! (also by a trigger); a change then becomes a new version.

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Row};

use super::{now_string, StoreError};
use crate::domain::form::{Audience, FormContent, Term};
pub use crate::domain::form::{FormSummary, FormVersion};

/// Whether the built-in form `key` was ever added (in use or not).
pub fn has_builtin(conn: &Connection, key: &str) -> Result<bool, StoreError> {
    Ok(super::row(conn, "SELECT EXISTS (SELECT 1 FROM form_templates WHERE builtin = ?1)", [key], |r| r.get(0))?)
}

pub fn insert_template(conn: &Connection, name: &str, builtin: Option<&str>, active: bool) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO form_templates (name, builtin, active, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, builtin, active as i64, now_string()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_template_name(conn: &Connection, template: i64, name: &str) -> Result<(), StoreError> {
    conn.execute("UPDATE form_templates SET name = ?2 WHERE id = ?1", params![template, name])?;
    Ok(())
}

/// Whether a form template is in use.
pub fn is_active(conn: &Connection, template: i64) -> Result<bool, StoreError> {
    Ok(super::row(conn, "SELECT active FROM form_templates WHERE id = ?1", [template], |r| r.get::<_, i64>(0)).optional()?.is_some_and(|a| a != 0))
}

pub fn set_active(conn: &Connection, template: i64, active: bool) -> Result<(), StoreError> {
    conn.execute("UPDATE form_templates SET active = ?2 WHERE id = ?1", params![template, active as i64])?;
    Ok(())
}

fn content_json(content: &FormContent) -> Result<String, StoreError> {
    serde_json::to_string(content).map_err(|e| StoreError::Decode(e.to_string()))
}

pub fn insert_version(conn: &Connection, template: i64, version: u32, content: &FormContent, user: Option<i64>) -> Result<i64, StoreError> {
    conn.execute(
        "INSERT INTO form_versions (template_id, version, content, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![template, version, content_json(content)?, now_string(), user],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Only for a version nobody answered; the trigger refuses the rest.
pub fn replace_unanswered(conn: &Connection, version_id: i64, content: &FormContent) -> Result<(), StoreError> {
    conn.execute("UPDATE form_versions SET content = ?2 WHERE id = ?1", params![version_id, content_json(content)?])?;
    Ok(())
}

const VERSION_COLS: &str = "v.id, v.template_id, v.version, v.content, v.created_at,
    EXISTS (SELECT 1 FROM consent_events e WHERE e.form_version_id = v.id)";

fn version_row(r: &Row) -> rusqlite::Result<(i64, i64, u32, String, String, bool)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
}

fn to_version((version_id, form, version, content, created_at, answered): (i64, i64, u32, String, String, bool)) -> Result<FormVersion, StoreError> {
    let content: FormContent = serde_json::from_str(&content).map_err(|e| StoreError::Decode(format!("form version {version_id}: {e}")))?;
    Ok(FormVersion { version_id, form, version, content, created_at, answered })
}

/// A version of a template; the latest when `version` is `None`.
pub fn version(conn: &Connection, template: i64, version: Option<u32>) -> Result<Option<FormVersion>, StoreError> {
    let row = match version {
        Some(v) => super::row(
            conn,
            &format!("SELECT {VERSION_COLS} FROM form_versions v WHERE v.template_id = ?1 AND v.version = ?2"),
            params![template, v],
            version_row,
        )
        .optional()?,
        None => super::row(
            conn,
            &format!("SELECT {VERSION_COLS} FROM form_versions v WHERE v.template_id = ?1 ORDER BY v.version DESC LIMIT 1"),
            [template],
            version_row,
        )
        .optional()?,
    };
    row.map(to_version).transpose()
}

pub fn version_by_id(conn: &Connection, version_id: i64) -> Result<Option<FormVersion>, StoreError> {
    super::row(conn, &format!("SELECT {VERSION_COLS} FROM form_versions v WHERE v.id = ?1"), [version_id], version_row).optional()?.map(to_version).transpose()
}

pub fn versions(conn: &Connection, template: i64) -> Result<Vec<FormVersion>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {VERSION_COLS} FROM form_versions v WHERE v.template_id = ?1 ORDER BY v.version"))?;
    let rows: Vec<_> = stmt.query_map([template], version_row)?.collect::<Result<_, _>>()?;
    rows.into_iter().map(to_version).collect()
}

pub fn template_exists(conn: &Connection, template: i64) -> Result<bool, StoreError> {
    Ok(super::row(conn, "SELECT 1 FROM form_templates WHERE id = ?1", [template], |_| Ok(())).optional()?.is_some())
}

pub fn list(conn: &Connection) -> Result<Vec<FormSummary>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.active, t.builtin,
                (SELECT content FROM form_versions v WHERE v.template_id = t.id ORDER BY v.version DESC LIMIT 1),
                (SELECT MAX(version) FROM form_versions v WHERE v.template_id = t.id),
                (SELECT COUNT(*) FROM form_versions v WHERE v.template_id = t.id),
                (SELECT COUNT(*) FROM consent_events e JOIN form_versions v ON v.id = e.form_version_id WHERE v.template_id = t.id)
           FROM form_templates t ORDER BY t.active DESC, t.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<u32>>(4)?,
            r.get::<_, u32>(5)?,
            r.get::<_, u32>(6)?,
        ))
    })?;
    rows.map(|row| {
        let (id, active, builtin, content, latest, versions, answered) = row?;
        let (title, audience) = match content {
            Some(c) => {
                let c = serde_json::from_str::<FormContent>(&c).map_err(|e| StoreError::Decode(e.to_string()))?;
                (c.title, c.audience)
            }
            None => (String::new(), Default::default()),
        };
        Ok(FormSummary { id, title, latest_version: latest.unwrap_or(0), versions, active, builtin, answered, audience })
    })
    .collect()
}

/// What the decision needs of the stored forms, read in one pass over every
/// version: the photo-check path reads it once per job.
#[derive(Debug, Default)]
pub struct DecisionForms {
    /// The term of every form version, by row id.
    pub terms: HashMap<i64, Term>,
    /// Photo type keys some form version calls posed by nature.
    pub posed_types: HashSet<String>,
}

impl DecisionForms {
    /// A class photo is posed by its type: its own box cannot make it a
    /// candid one. Used when a photo is saved and when an older row is read.
    pub fn is_posed(&self, photo_type: Option<&str>, posed_box: bool) -> bool {
        posed_box || photo_type.is_some_and(|t| self.posed_types.contains(t))
    }
}

pub fn decision_forms(conn: &Connection) -> Result<DecisionForms, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, content FROM form_versions")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = DecisionForms::default();
    for row in rows {
        let (id, content) = row?;
        let c: FormContent = serde_json::from_str(&content).map_err(|e| StoreError::Decode(e.to_string()))?;
        out.posed_types.extend(c.photo_types.into_iter().filter(|t| t.posed).map(|t| t.key));
        out.terms.insert(id, c.term);
    }
    Ok(out)
}

/// The title of every form version, by row id: what a history names its
/// events' forms by, read once instead of from each event's letter.
#[derive(Debug, Default)]
pub struct FormTitles(HashMap<i64, String>);

impl FormTitles {
    pub fn get(&self, version_id: i64) -> Option<String> {
        self.0.get(&version_id).cloned()
    }
}

pub fn titles(conn: &Connection) -> Result<FormTitles, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id, CASE WHEN json_valid(content) THEN json_extract(content, '$.title') END FROM form_versions")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        if let (id, Some(title)) = row? {
            out.insert(id, title);
        }
    }
    Ok(FormTitles(out))
}

/// The term of every form version, by row id, for the decision.
pub fn terms(conn: &Connection) -> Result<HashMap<i64, Term>, StoreError> {
    Ok(decision_forms(conn)?.terms)
}

/// The forms in use for `audience` (staff or children), latest versions.
pub fn active_latest_for(conn: &Connection, audience: Audience) -> Result<Vec<FormVersion>, StoreError> {
    Ok(active_latest(conn)?.into_iter().filter(|f| f.content.audience == audience).collect())
}

/// Latest versions of the active templates: the forms in use.
pub fn active_latest(conn: &Connection) -> Result<Vec<FormVersion>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id FROM form_templates WHERE active = 1 ORDER BY id")?;
    let ids: Vec<i64> = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        if let Some(v) = version(conn, id, None)? {
            out.push(v);
        }
    }
    Ok(out)
}
