//! What `dossier`, `reconsent`, `logo` and `measures` print.

use std::path::{Path, PathBuf};

use beeldakkoord_core::api::{AccessReport, BatchReport, DossierReport, ReconsentLine, ReconsentPrintReport};
use beeldakkoord_core::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::{as_itself, lines, plain, Shown};
use crate::reports::LeaverPhotos;

/// `dossier PERSON` in the README's shape: the fingerprint's events and hash side by side.
#[derive(Serialize)]
struct DossierView<'a> {
    person: i64,
    out: &'a Path,
    bytes: u64,
    events: u32,
    fingerprint: &'a str,
}

impl Shown for DossierReport {
    fn json(&self, _: Lang) -> Value {
        let f = &self.fingerprint;
        plain(&DossierView { person: self.person, out: &self.out, bytes: self.bytes, events: f.events, fingerprint: &f.sha256 })
    }
    fn text(&self, lang: Lang) -> String {
        let (out, events, hash) = (self.out.display(), self.fingerprint.events, &self.fingerprint.sha256);
        lang.pick(
            format!("Vertrekdossier geschreven naar {out} ({events} gebeurtenissen, vingerafdruk {hash})."),
            format!("Exit dossier written to {out} ({events} events, fingerprint {hash})."),
        )
    }
}

impl Shown for AccessReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (out, photos, scans) = (self.out.display(), self.photos, self.scans);
        lang.pick(
            format!("Inzageoverzicht geschreven naar {out} ({photos} foto's, {scans} bijlage(n))."),
            format!("Access overview written to {out} ({photos} photos, {scans} attachment(s))."),
        )
    }
}

/// A batch of exit dossiers, with the period and folder it was asked for.
#[derive(Serialize)]
pub struct Batch<'a> {
    #[serde(flatten)]
    pub report: BatchReport,
    #[serde(skip)]
    pub period: (NaiveDate, NaiveDate),
    #[serde(skip)]
    pub folder: &'a Path,
}

impl Shown for Batch<'_> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let ((from, to), count, folder) = (self.period, self.report.count, self.folder.display());
        match &self.report.combined {
            Some(c) => lang.pick(
                format!("{count} vertrekdossiers geschreven naar {folder}; alles samen om af te drukken: {}.", c.display()),
                format!("{count} exit dossiers written to {folder}; all together for printing: {}.", c.display()),
            ),
            None => lang.pick(format!("Niemand vertrok tussen {from} en {to}."), format!("Nobody left between {from} and {to}.")),
        }
    }
}

/// The photos a leaver takes home, with the folder they went to.
#[derive(Serialize)]
pub struct TakeHome<'a> {
    #[serde(flatten)]
    pub report: LeaverPhotos,
    #[serde(skip)]
    pub folder: &'a Path,
}

impl Shown for TakeHome<'_> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let r = &self.report;
        let (n, folder, hidden) = (r.files.len(), self.folder.display(), r.hidden);
        let mut text = lang.pick(
            format!("{n} foto's geschreven naar {folder} ({hidden} andere personen onherkenbaar gemaakt)."),
            format!("{n} photos written to {folder} ({hidden} other people made unrecognisable)."),
        );
        for sk in &r.skipped {
            text += &match &sk.problem {
                Some(problem) => lang.pick(format!("\nNiet meegegeven: {problem}"), format!("\nLeft out: {problem}")),
                None => {
                    let unboxed = sk.unboxed.join(", ");
                    lang.pick(format!("\nNiet meegegeven: {} (zonder vak: {unboxed}).", sk.name), format!("\nLeft out: {} (no box: {unboxed}).", sk.name))
                }
            };
        }
        text
    }
}

impl Shown for Vec<ReconsentLine> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        if self.is_empty() {
            return lang.pick("Niemand hoeft opnieuw gevraagd te worden.", "Nobody needs to be asked again.").into();
        }
        lines(self.iter().map(|l| match l.groups.is_empty() {
            true => format!("{}: {}", l.name, l.reason.describe(lang)),
            false => format!("{} ({}): {}", l.name, l.groups.join(", "), l.reason.describe(lang)),
        }))
    }
}

impl Shown for ReconsentPrintReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (n, out) = (self.people, self.checklist.display());
        lang.pick(format!("Lijst met {n} personen geschreven naar {out}."), format!("List of {n} people written to {out}."))
    }
}

#[derive(Serialize)]
pub struct Logo {
    pub logo: bool,
}

impl Shown for Logo {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        match self.logo {
            true => lang.pick("Het logo staat voortaan op elke afdruk.", "The logo is on every printout from now on.").into(),
            false => lang.pick("Het logo is verwijderd.", "The logo has been removed.").into(),
        }
    }
}

#[derive(Serialize)]
pub struct Measures {
    pub out: PathBuf,
    pub bytes: u64,
}

impl Shown for Measures {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let out = self.out.display();
        lang.pick(format!("Maatregelen geschreven naar {out}."), format!("Measures written to {out}."))
    }
}
