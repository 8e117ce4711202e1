//! The organisation row (there is exactly one once set up).

use rusqlite::{params, Connection, OptionalExtension};

use super::{now_string, StoreError};
use crate::domain::dates::MonthDay;
use crate::domain::org::{
    BackupSettings, ConsentAgeChange, GuardianConsent, Jurisdiction, Organisation, SignaturesForYes, BACKUP_KEEP_DEFAULT, EXPIRY_WARNING_DEFAULT,
};

pub fn get(conn: &Connection) -> Result<Option<Organisation>, StoreError> {
    let row = super::row(
        conn,
        "SELECT name, jurisdiction, consent_age, school_year_start, idle_lock_minutes, guardian_consent, signatures_for_yes, leaving_ends_consent,
                    expiry_warning_days
               FROM organisation WHERE id = 1",
        [],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u16>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<bool>>(7)?,
                r.get::<_, Option<u16>>(8)?,
            ))
        },
    )
    .optional()?;
    row.map(|(name, j, consent_age, start, idle_lock_minutes, guardian, signatures, leaving_ends, expiry_warning)| {
        Ok(Organisation {
            name,
            jurisdiction: Jurisdiction::parse(&j).ok_or_else(|| StoreError::Decode(format!("jurisdiction {j}")))?,
            consent_age,
            school_year_start: MonthDay::parse(&start).map_err(|_| StoreError::Decode(format!("school year start {start}")))?,
            idle_lock_minutes,
            // NULL: set up before the choice existed; the default holds.
            guardian_consent: match guardian {
                None => GuardianConsent::default(),
                Some(g) => GuardianConsent::parse(&g).ok_or_else(|| StoreError::Decode(format!("guardian consent {g}")))?,
            },
            // NULL: set up before the choice existed; one signature, as before.
            signatures_for_yes: match signatures {
                None => SignaturesForYes::default(),
                Some(v) => SignaturesForYes::parse(&v).ok_or_else(|| StoreError::Decode(format!("signatures for yes {v}")))?,
            },
            // NULL: set up before the choice existed; the default (on) holds.
            leaving_ends_consent: leaving_ends.unwrap_or(true),
            // NULL: set up before the setting existed; the default month holds.
            expiry_warning_days: expiry_warning.unwrap_or(EXPIRY_WARNING_DEFAULT),
            consent_age_changes: consent_age_changes(conn)?,
        })
    })
    .transpose()
}

/// Changes of the age of own consent, oldest first.
fn consent_age_changes(conn: &Connection) -> Result<Vec<ConsentAgeChange>, StoreError> {
    let mut stmt = conn.prepare("SELECT from_date, age, previous_age FROM consent_age_changes ORDER BY from_date, id")?;
    let rows: Vec<(String, u8, u8)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    rows.into_iter().map(|(from, age, previous)| Ok(ConsentAgeChange { from: super::date_col(Some(from))?.unwrap_or_default(), age, previous })).collect()
}

/// The age of own consent changes from `from` on.
pub fn add_consent_age_change(conn: &Connection, from: chrono::NaiveDate, age: u8, previous: u8, by: Option<i64>) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO consent_age_changes (from_date, age, previous_age, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![from.format("%Y-%m-%d").to_string(), age, previous, by, now_string()],
    )?;
    Ok(())
}

pub fn insert(conn: &Connection, org: &Organisation) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO organisation (id, name, jurisdiction, consent_age, school_year_start, idle_lock_minutes, guardian_consent, signatures_for_yes, leaving_ends_consent, expiry_warning_days, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            org.name,
            org.jurisdiction.as_str(),
            org.consent_age,
            org.school_year_start.to_string(),
            org.idle_lock_minutes,
            org.guardian_consent.as_str(),
            org.signatures_for_yes.as_str(),
            org.leaving_ends_consent,
            org.expiry_warning_days,
            now_string()
        ],
    )?;
    Ok(())
}

pub fn update(conn: &Connection, org: &Organisation) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE organisation SET name = ?1, jurisdiction = ?2, consent_age = ?3, school_year_start = ?4, idle_lock_minutes = ?5, guardian_consent = ?6, signatures_for_yes = ?7, leaving_ends_consent = ?8,
         expiry_warning_days = ?9 WHERE id = 1",
        params![
            org.name,
            org.jurisdiction.as_str(),
            org.consent_age,
            org.school_year_start.to_string(),
            org.idle_lock_minutes,
            org.guardian_consent.as_str(),
            org.signatures_for_yes.as_str(),
            org.leaving_ends_consent,
            org.expiry_warning_days
        ],
    )?;
    Ok(())
}

/// Figures for the measures sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub admins: u32,
    pub office: u32,
    pub teachers: u32,
    pub people: u32,
    pub consent_events: u32,
    pub photos: u32,
}

pub fn counts(c: &Connection) -> Result<Counts, StoreError> {
    let n = |sql: &str| -> Result<u32, StoreError> { Ok(super::row(c, sql, [], |r| r.get::<_, i64>(0)).map(|v| u32::try_from(v).unwrap_or(u32::MAX))?) };
    Ok(Counts {
        admins: n("SELECT COUNT(*) FROM users WHERE role = 'admin'")?,
        office: n("SELECT COUNT(*) FROM users WHERE role = 'office'")?,
        teachers: n("SELECT COUNT(*) FROM users WHERE role = 'teacher'")?,
        people: n("SELECT COUNT(*) FROM persons")?,
        consent_events: n("SELECT COUNT(*) FROM consent_events")?,
        photos: n("SELECT COUNT(*) FROM photos")?,
    })
}

/// The logo for printouts (PNG bytes), if one was set.
pub fn logo(c: &Connection) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(super::row(c, "SELECT logo FROM organisation WHERE id = 1", [], |r| r.get::<_, Option<Vec<u8>>>(0)).optional()?.flatten())
}

pub fn set_logo(c: &Connection, png: Option<&[u8]>) -> Result<(), StoreError> {
    c.execute("UPDATE organisation SET logo = ?1 WHERE id = 1", params![png])?;
    Ok(())
}

/// Where the daily backup goes and how many are kept; none chosen yet: no folder, the default count.
pub fn backup_settings(conn: &Connection) -> Result<BackupSettings, StoreError> {
    let row = super::row(conn, "SELECT folder, keep FROM backup_settings WHERE id = 1", [], |r| Ok((r.get::<_, Option<String>>(0)?, r.get::<_, u16>(1)?)))
        .optional()?;
    Ok(match row {
        Some((folder, keep)) => BackupSettings { folder, keep },
        None => BackupSettings { folder: None, keep: BACKUP_KEEP_DEFAULT },
    })
}

pub fn set_backup_settings(conn: &Connection, settings: &BackupSettings) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO backup_settings (id, folder, keep, updated_at) VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, keep = excluded.keep, updated_at = excluded.updated_at",
        params![settings.folder, settings.keep, now_string()],
    )?;
    Ok(())
}

/// The folder the office's scanner saves into, if one was chosen.
pub fn scan_folder(conn: &Connection) -> Result<Option<String>, StoreError> {
    Ok(super::row(conn, "SELECT scan_folder FROM organisation WHERE id = 1", [], |r| r.get(0)).optional()?.flatten())
}

pub fn set_scan_folder(conn: &Connection, folder: Option<&str>) -> Result<(), StoreError> {
    conn.execute("UPDATE organisation SET scan_folder = ?1 WHERE id = 1", [folder])?;
    Ok(())
}
