//! Retention (DESIGN rule 9): the terms, a run that removes what is past
//! them (or, dry, shows exactly that), and skipping a leaver's dossier.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde_json::json;

use super::{Beeldakkoord, Result};
use crate::auth::{Action, Session};
use crate::decision::retention::{hold, leaver_rules, term_over};
use crate::domain::retention::{Hold, LeaverRemoval, Removed, RetentionDue, RetentionReport, RetentionRule, RetentionSettings, UntaggedPhoto, YEARS_RANGE};
use crate::domain::text;
use crate::error::{Error, RetentionError};
use crate::store::retention::{self as rstore, Gone};
use crate::store::Tx;

impl Beeldakkoord {
    /// The organisation's retention terms (the defaults until an
    /// administrator sets them).
    pub fn retention_settings(&self, s: &Session) -> Result<RetentionSettings> {
        self.allow(s, Action::RetentionSettings)?;
        Ok(self.store.read(rstore::settings)?)
    }

    pub fn set_retention_settings(&self, s: &Session, settings: RetentionSettings) -> Result<RetentionSettings> {
        self.allow(s, Action::SetRetentionSettings)?;
        for years in [settings.photos_years, settings.consent_years, settings.untagged_years] {
            if !YEARS_RANGE.contains(&years) {
                return Err(RetentionError::Years(i64::from(years)).into());
            }
        }
        if settings.photos_years > settings.consent_years {
            return Err(RetentionError::PhotosLongerThanConsent { photos: settings.photos_years, consent: settings.consent_years }.into());
        }
        self.store.write(&s.actor(), |tx| {
            rstore::set_settings(tx.conn(), &settings)?;
            tx.audit(
                "retention.settings",
                "organisation",
                Some(1),
                json!({"photos_years": settings.photos_years, "consent_years": settings.consent_years, "untagged_years": settings.untagged_years}),
            )?;
            Ok::<_, Error>(())
        })?;
        Ok(settings)
    }

    /// Remove what is past its retention term on `date` (today when not
    /// given; a later day only with `dry_run`). A dry run does exactly the
    /// same work in a transaction it rolls back, so its list is what a run
    /// removes. Every removal is an audit event naming the person by number,
    /// the rule and how many of each kind went; photo files go after the
    /// removal committed.
    pub fn run_retention(&self, s: &Session, date: Option<NaiveDate>, dry_run: bool) -> Result<RetentionReport> {
        self.allow(s, Action::RunRetention)?;
        let today = self.today();
        let date = date.unwrap_or(today);
        if date > today && !dry_run {
            return Err(RetentionError::FutureDate { date, today }.into());
        }
        let mut gone = Gone::default();
        let work = |tx: &mut Tx| run(tx, date, dry_run, &mut gone);
        if dry_run {
            return self.store.dry_run(&s.actor(), work);
        }
        // The files go after the rows committed; killed in between, the next opening removes them.
        // (A database in memory has no library and no files to remove.)
        let library = self.library().ok();
        let _changing = library.as_ref().map(|l| l.begin_changes()).transpose()?;
        let report = self.store.write(&s.actor(), work)?;
        for (library, photo) in library.iter().flat_map(|l| gone.photos.iter().map(move |p| (l, p))) {
            library.forget(&photo.hash, &photo.format);
        }
        for (library, scan) in library.iter().flat_map(|l| gone.scans.iter().map(move |f| (l, f))) {
            library.forget_scan(&scan.hash, scan.format);
        }
        Ok(report)
    }

    /// For the administrator's reminder: what a run would remove today (a
    /// dry run) and which leavers wait for their dossier.
    pub fn retention_due(&self, s: &Session) -> Result<RetentionDue> {
        self.allow(s, Action::RetentionDue)?;
        let today = self.today();
        let report = self.store.dry_run(&s.actor(), |tx| run(tx, today, true, &mut Gone::default()))?;
        let last_run = self.store.read(rstore::last_run)?;
        let dossiers_missing = report.leavers.iter().filter(|l| l.hold == Some(Hold::DossierNotPrinted)).count();
        Ok(RetentionDue {
            persons: report.persons,
            photos: report.total.photos,
            tags_unnamed: report.total.tags_unnamed,
            dossiers_missing: u32::try_from(dossiers_missing).unwrap_or(u32::MAX),
            last_run,
        })
    }

    /// An administrator lets a leaver's consent data go at the end of its
    /// term without a printed dossier (the paper one is already filed, say).
    /// The reason goes into the audit trail, which is what the run checks.
    pub fn skip_dossier(&self, s: &Session, person: i64, reason: &str) -> Result<()> {
        self.allow(s, Action::SkipDossier)?;
        if reason.trim().is_empty() {
            return Err(RetentionError::NoReason.into());
        }
        // The one check every text passes (length, no control characters).
        let reason = text::clean(text::Field::Reason, reason)?;
        let today = self.today();
        self.store.write(&s.actor(), |tx| {
            let p = super::require_person(tx.conn(), person)?;
            if p.leave_date.is_none_or(|d| d > today) {
                return Err(RetentionError::NotLeft(person).into());
            }
            tx.audit("retention.dossier_skipped", "person", Some(person), json!({"reason": reason}))?;
            Ok::<_, Error>(())
        })
    }
}

/// The run itself, inside one transaction: leavers first (earliest leave
/// date first), then photos nobody is named on.
fn run(tx: &mut Tx, date: NaiveDate, dry_run: bool, gone: &mut Gone) -> Result<RetentionReport> {
    let settings = rstore::settings(tx.conn())?;
    let leavers = rstore::leavers(tx.conn(), date)?;
    // Everyone whose photo term is over: their names on a photo no longer keep it.
    let due: HashSet<i64> =
        leavers.iter().filter(|l| leaver_rules(&settings, l.leave_date, date).contains(&RetentionRule::LeaverPhotos)).map(|l| l.id).collect();
    let kept = rstore::kept_fn(&due);
    let mut report = RetentionReport { date, dry_run, settings, leavers: Vec::new(), untagged: Vec::new(), total: Removed::default(), persons: 0 };
    for l in leavers {
        let rules = leaver_rules(&settings, l.leave_date, date);
        if rules.is_empty() {
            continue;
        }
        let consent_due = rules.contains(&RetentionRule::LeaverConsent);
        let held = if consent_due { hold(rstore::online_publications(tx.conn(), l.id)?, l.dossier_printed, l.dossier_skipped) } else { None };
        let before = gone.photos.len();
        let (removed, rule) = if consent_due && held.is_none() {
            (rstore::purge_person(tx.conn(), l.id, l.kind, date, RetentionRule::LeaverConsent.key(), &kept, gone)?, RetentionRule::LeaverConsent)
        } else {
            (rstore::release_tags(tx.conn(), l.id, &kept, false, &mut gone.photos)?, RetentionRule::LeaverPhotos)
        };
        let photos: Vec<i64> = gone.photos[before..].iter().map(|p| p.id).collect();
        if removed.is_empty() && held.is_none() {
            continue;
        }
        if !removed.is_empty() {
            tx.audit(
                "retention.purge",
                "person",
                Some(l.id),
                json!({"rule": rule.key(), "left": l.leave_date, "date": date, "removed": removed, "photos": photos}),
            )?;
        }
        report.total.add(&removed);
        report.persons += u32::from(removed.person);
        report.leavers.push(LeaverRemoval { person: l.id, name: l.name, kind: l.kind, leave_date: l.leave_date, rules, removed, hold: held, photos });
    }
    let mut untagged_ids = Vec::new();
    for (photo, name, day) in rstore::unnamed_unpublished_photos(tx.conn())? {
        if !term_over(day, settings.untagged_years, date) {
            continue;
        }
        report.total.tags += rstore::remove_photo(tx.conn(), photo, &mut gone.photos)?;
        report.total.photos += 1;
        untagged_ids.push(photo);
        report.untagged.push(UntaggedPhoto { photo, name, date: day });
    }
    if !untagged_ids.is_empty() {
        tx.audit("retention.purge", "photo", None, json!({"rule": RetentionRule::UntaggedPhotos.key(), "date": date, "photos": untagged_ids}))?;
    }
    tx.audit("retention.run", "organisation", Some(1), json!({"date": date, "settings": settings, "removed": report.total, "persons": report.persons}))?;
    Ok(report)
}
