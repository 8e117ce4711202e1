//! Printing: the exit dossier of a person, and the fingerprint of a person's
//! consent history that the paper carries.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{parallel, Beeldakkoord};
use crate::auth::{Action, Session};
use crate::decision::effective::Leaving;
use crate::decision::verdict::Verdict;
use crate::decision::{effective_consent, Status};
use crate::domain::consent::guardian_counts_until;
use crate::domain::consent::{history_fingerprint, ConsentEvent};
use crate::domain::dates::{check_range, DateError};
use crate::domain::form::ItemKey;
use crate::domain::org::Organisation;
use crate::domain::person::{Person, PersonKind, PersonSummary};
use crate::error::{Error, Result, SetupError};
use crate::files::{FileError, OutputDir, OutputFile, Staging};
use crate::i18n::Lang;
use crate::pdf::access::PhotoShown;
use crate::pdf::dossier::{self, Dossier, Fingerprint, Kept, PersonPublication, ValidItem, Vocabulary};
use crate::store::forms::FormVersion;
use crate::store::photos::{NoticeRow, PublicationRow};
use crate::store::{self, StoreError};

/// What printing a dossier produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct DossierReport {
    pub person: i64,
    pub out: PathBuf,
    pub bytes: u64,
    pub fingerprint: Fingerprint,
}

/// What `person export` (a GDPR access request) wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AccessReport {
    pub person: i64,
    pub out: PathBuf,
    pub bytes: u64,
    /// Photos the person is tagged on, each shown as a thumbnail.
    pub photos: u32,
    /// Of those, shown as a number and name only: the person's own place on it is not marked.
    pub photos_withheld: u32,
    /// Scans of signed forms and drawn signatures printed as appendices.
    pub scans: u32,
}

/// Where a batch is: `done` of `total` dossiers written, the last one's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
    pub name: String,
}

/// What a batch wrote: one PDF per person and one combined PDF for printing.
/// A cancelled batch writes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BatchReport {
    pub count: u32,
    pub files: Vec<PathBuf>,
    pub combined: Option<PathBuf>,
    pub cancelled: bool,
}

/// What every dossier of a print job reads alike: read once, not per person.
struct Common {
    org: Organisation,
    active: Vec<FormVersion>,
    terms: std::collections::HashMap<i64, crate::domain::form::Term>,
    notices: Vec<NoticeRow>,
    /// For a batch: every publication by person, read once for all dossiers.
    publications: Option<HashMap<i64, Vec<PublicationRow>>>,
}

impl Common {
    fn read(c: &rusqlite::Connection) -> Result<Common> {
        Ok(Common {
            org: store::org::get(c)?.ok_or(Error::Setup(SetupError::NotInitialised))?,
            active: store::forms::active_latest(c)?,
            terms: store::forms::terms(c)?,
            notices: store::photos::notice_rows(c)?,
            publications: None,
        })
    }

    /// What a batch needs: [`Common::read`] and the publications of everyone.
    fn read_for_batch(c: &rusqlite::Connection) -> Result<Common> {
        Ok(Common { publications: Some(store::photos::publications_by_person(c)?), ..Common::read(c)? })
    }

    fn publications_of(&self, c: &rusqlite::Connection, person: i64) -> Result<Vec<PublicationRow>> {
        Ok(match &self.publications {
            Some(all) => all.get(&person).cloned().unwrap_or_default(),
            None => store::photos::publications_of_person(c, person)?,
        })
    }
}

/// Everything the dossier of one person shows, read in one transaction.
struct Gathered {
    person: Person,
    /// The leave date, or today for someone who has not left.
    summary_on: NaiveDate,
    events: Vec<ConsentEvent>,
    forms: BTreeMap<i64, FormVersion>,
    vocabulary: Vocabulary,
    valid_on: Vec<ValidItem>,
    valid_after: Option<Vec<ValidItem>>,
    ended_by_leaving: Vec<ValidItem>,
    /// The leave date, when the organisation lets leaving end consent.
    leaving_ends_on: Option<NaiveDate>,
    notices: Vec<NoticeRow>,
    publications: Vec<PersonPublication>,
    appendix: Vec<Kept>,
}

impl Beeldakkoord {
    /// The count and SHA-256 of a person's consent history, as printed on the dossier.
    pub fn person_fingerprint(&self, s: &Session, person: i64) -> Result<Fingerprint> {
        self.allow(s, Action::PersonFingerprint)?;
        self.store.read(|c| {
            super::require_person(c, person)?;
            Ok(fingerprint(&store::consent::history(c, person)?))
        })
    }

    /// The exit dossier of `person` as PDF bytes, without recording a print.
    pub fn dossier_pdf(&self, s: &Session, person: i64, lang: Lang) -> Result<(Vec<u8>, Fingerprint)> {
        self.allow(s, Action::DossierPdf)?;
        self.dossier_pdf_at(s, person, lang, chrono::Local::now().naive_local())
    }

    /// The same, with the print time given (for reproducible renders).
    pub fn dossier_pdf_at(&self, s: &Session, person: i64, lang: Lang, printed_at: NaiveDateTime) -> Result<(Vec<u8>, Fingerprint)> {
        self.allow(s, Action::DossierPdfAt)?;
        let (common, g) = self.store.read(|c| {
            let common = Common::read(c)?;
            let g = self.gather(c, &common, person)?;
            Ok::<_, Error>((common, g))
        })?;
        let fp = fingerprint(&g.events);
        let logo = self.logo()?;
        let bytes = dossier::render(&self.dossier_of(&common.org, &g, &fp, s, lang, printed_at, logo.as_deref())).map_err(Error::Pdf)?;
        Ok((bytes, fp))
    }

    #[allow(clippy::too_many_arguments)]
    fn dossier_of<'a>(
        &self,
        org: &'a Organisation,
        g: &'a Gathered,
        fp: &'a Fingerprint,
        s: &'a Session,
        lang: Lang,
        printed_at: NaiveDateTime,
        logo: Option<&'a [u8]>,
    ) -> Dossier<'a> {
        Dossier {
            kind: dossier::Kind::Exit,
            lang,
            organisation: &org.name,
            person: &g.person,
            printed_at,
            printed_by: &s.username,
            events: &g.events,
            forms: &g.forms,
            school_year_start: org.school_year_start,
            summary_on: g.summary_on,
            valid_on: g.valid_on.clone(),
            valid_after: g.valid_after.clone(),
            ended_by_leaving: g.ended_by_leaving.clone(),
            leaving_ends_on: g.leaving_ends_on,
            notices: &g.notices,
            publications: &g.publications,
            fingerprint: fp,
            vocabulary: &g.vocabulary,
            appendix: &g.appendix,
            logo,
        }
    }

    /// The overview a person gets on an access request (GDPR article 15):
    /// their data, consent history with its scans, the photos they are
    /// tagged on (only they recognisable) and publications, and their
    /// rights; written to `out` and recorded in the audit trail.
    pub fn export_person(&self, s: &Session, person: i64, lang: Lang, out: &OutputFile) -> Result<AccessReport> {
        self.allow(s, Action::ExportPerson)?;
        let out = &self.output_file(out)?;
        let (common, g, photos) = self.store.read(|c| {
            let common = Common::read(c)?;
            let g = self.gather(c, &common, person)?;
            let mut photos = Vec::new();
            for id in store::photos::photos_of_person(c, person)? {
                if let Some(p) = store::photos::get(c, id)? {
                    photos.push((p, super::verdicts::OnPhoto::read(c, id)?));
                }
            }
            Ok::<_, Error>((common, g, photos))
        })?;
        let library = self.library()?;
        let mut withheld = 0u32;
        let shown: Vec<PhotoShown> = photos
            .iter()
            .map(|(p, on)| {
                // Only where the person is marked can the rest be hidden around them.
                let own = on.tags.iter().find(|t| t.person == Some(person)).and_then(|t| t.area);
                let thumb = match own {
                    Some(own) => only_them(&library, p, own),
                    None => {
                        withheld += 1;
                        None
                    }
                };
                PhotoShown { id: p.id, name: p.original_name.clone(), taken_on: p.taken_on, thumb, withheld: own.is_none() }
            })
            .collect();
        let fp = fingerprint(&g.events);
        let logo = self.logo()?;
        let printed_at = chrono::Local::now().naive_local();
        let d = Dossier { kind: dossier::Kind::Access { photos: &shown }, ..self.dossier_of(&common.org, &g, &fp, s, lang, printed_at, logo.as_deref()) };
        let bytes = dossier::render(&d).map_err(Error::Pdf)?;
        let report = AccessReport {
            person,
            out: out.to_path_buf(),
            bytes: bytes.len() as u64,
            photos: u32::try_from(shown.len()).unwrap_or(u32::MAX),
            photos_withheld: withheld,
            scans: u32::try_from(g.appendix.len()).unwrap_or(u32::MAX),
        };
        self.store.write(&s.actor(), |tx| {
            self.write_output(out, &bytes)?;
            tx.audit("person.export", "person", Some(person), json!({"out": out, "lang": lang, "photos": report.photos, "scans": report.scans}))?;
            Ok::<_, Error>(())
        })?;
        Ok(report)
    }

    /// Everyone who left (or leaves) in `from..=to`, by name: the batch's list.
    pub fn leavers(&self, s: &Session, from: NaiveDate, to: NaiveDate) -> Result<Vec<PersonSummary>> {
        self.allow(s, Action::Leavers)?;
        let (from, to) = period(from, to)?;
        self.store.read(|c| {
            let mut out = Vec::new();
            for id in store::people::leavers(c, from, to)? {
                if let Some(p) = store::people::person(c, id)? {
                    let mut groups: Vec<String> = p.memberships.iter().map(|m| m.group.clone()).collect();
                    groups.dedup();
                    out.push(PersonSummary { id, name: p.name, kind: p.kind, birth_date: p.birth_date, leave_date: p.leave_date, groups });
                }
            }
            Ok(out)
        })
    }

    /// The exit dossiers of everyone who left in `from..=to`: one PDF per
    /// person in `out_dir` and one combined PDF for printing. Files are made in
    /// a hidden folder inside `out_dir` and moved in only when all are done,
    /// so an error or a cancel leaves no half batch behind.
    #[allow(clippy::too_many_arguments)]
    pub fn dossier_batch(
        &self,
        s: &Session,
        from: NaiveDate,
        to: NaiveDate,
        lang: Lang,
        out: &OutputDir,
        progress: &mut dyn FnMut(BatchProgress),
        cancel: &AtomicBool,
    ) -> Result<BatchReport> {
        self.allow(s, Action::DossierBatch)?;
        let (from, to) = period(from, to)?;
        let out_dir = &out.resolve(self.data_dir.as_deref())?;
        let org = self.organisation()?;
        let ids = self.store.read(|c| Ok::<_, Error>(store::people::leavers(c, from, to)?))?;
        let nothing = |cancelled| BatchReport { count: 0, files: Vec::new(), combined: None, cancelled };
        if ids.is_empty() {
            return Ok(nothing(false));
        }
        let staging = Staging::new(out_dir, "batch").map_err(|source| FileError::Write { path: out.path.clone(), source })?;
        let (names, combined) = match self.batch_into(s, &org, &ids, lang, staging.dir(), (from, to), progress, cancel)? {
            Some(done) => done,
            None => return Ok(nothing(true)),
        };
        // All made: move them in, combined last.
        let all: Vec<String> = names.into_iter().chain(std::iter::once(combined)).collect();
        out.check_names(out_dir, &all)?;
        let mut files = staging.move_in(out_dir, &all)?;
        let combined = files.pop();
        self.store.write(&s.actor(), |tx| {
            for (id, f) in ids.iter().zip(&files) {
                tx.audit("dossier.print", "person", Some(*id), json!({"out": f, "lang": lang, "batch": true}))?;
            }
            tx.audit("dossier.batch", "person", None, json!({"from": from, "to": to, "count": files.len(), "combined": combined}))?;
            Ok::<_, Error>(())
        })?;
        Ok(BatchReport { count: u32::try_from(files.len()).unwrap_or(u32::MAX), files, combined, cancelled: false })
    }

    /// Render every dossier of a batch into `dir`; `None` when cancelled.
    /// The dossiers are made on every core at once, the combined PDF beside
    /// them; progress is reported here, on the caller's thread.
    #[allow(clippy::too_many_arguments)]
    fn batch_into(
        &self,
        s: &Session,
        org: &Organisation,
        ids: &[i64],
        lang: Lang,
        dir: &Path,
        (from, to): (NaiveDate, NaiveDate),
        progress: &mut dyn FnMut(BatchProgress),
        cancel: &AtomicBool,
    ) -> Result<Option<(Vec<String>, String)>> {
        let printed_at = chrono::Local::now().naive_local();
        let gathered: Vec<Gathered> = self.store.read(|c| {
            let common = Common::read_for_batch(c)?;
            ids.iter().map(|id| self.gather(c, &common, *id)).collect::<Result<_>>()
        })?;
        let fps: Vec<Fingerprint> = gathered.iter().map(|g| fingerprint(&g.events)).collect();
        let logo = self.logo()?;
        let dossiers: Vec<Dossier<'_>> = gathered.iter().zip(&fps).map(|(g, fp)| self.dossier_of(org, g, fp, s, lang, printed_at, logo.as_deref())).collect();
        let total = u32::try_from(dossiers.len()).unwrap_or(u32::MAX);
        let prefix = lang.pick("Vertrekdossier", "Exit dossier");
        let names: Vec<String> = dossiers.iter().map(|d| format!("{prefix} {} ({}).pdf", crate::files::safe_file_name(&d.person.name), d.person.id)).collect();
        let combined = lang.pick(format!("Vertrekdossiers {from} tot {to}.pdf"), format!("Exit dossiers {from} to {to}.pdf"));

        let write = |name: &str, bytes: Vec<u8>| -> Result<()> {
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|source| Error::File(FileError::Write { path, source }))
        };
        let stop = AtomicBool::new(false);
        let (combined_result, first_error) = std::thread::scope(|scope| {
            // The combined PDF for printing, beside the single ones.
            let combined_job = scope.spawn(|| -> Result<bool> {
                match dossier::render_combined(&combined, &dossiers, &|| stop.load(Ordering::Relaxed)).map_err(Error::Pdf)? {
                    Some(bytes) => write(&combined, bytes).map(|_| true),
                    None => Ok(false),
                }
            });
            let mut first_error = None;
            let mut done = 0u32;
            let render = |i: &usize| dossier::render(&dossiers[*i]).map_err(Error::Pdf).and_then(|bytes| write(&names[*i], bytes));
            let order: Vec<usize> = (0..dossiers.len()).collect();
            parallel::ordered_map(&order, parallel::threads(), &stop, render, |i, written| {
                if first_error.is_some() || cancel.load(Ordering::Relaxed) {
                    // After a cancel or a failure the rest is thrown away: no more progress to show.
                    return false;
                }
                match written {
                    Ok(()) => {
                        done += 1;
                        progress(BatchProgress { done, total, name: names[i].clone() });
                        !cancel.load(Ordering::Relaxed)
                    }
                    Err(e) => {
                        first_error = Some(e);
                        false
                    }
                }
            });
            let combined_result = combined_job.join().unwrap_or_else(|_| Err(Error::Pdf(crate::pdf::PdfError::Empty)));
            (combined_result, first_error)
        });
        if let Some(e) = first_error {
            return Err(e);
        }
        if cancel.load(Ordering::Relaxed) || stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        match combined_result? {
            true => Ok(Some((names, combined))),
            false => Ok(None),
        }
    }

    /// Print the exit dossier of `person` to `out`; the print is recorded in
    /// the person's history. Nothing is recorded when the file cannot be written.
    pub fn print_dossier(&self, s: &Session, person: i64, lang: Lang, out: &OutputFile) -> Result<DossierReport> {
        self.allow(s, Action::PrintDossier)?;
        let out = &self.output_file(out)?;
        let (bytes, fp) = self.dossier_pdf(s, person, lang)?;
        self.store.write(&s.actor(), |tx| {
            self.write_output(out, &bytes)?;
            tx.audit("dossier.print", "person", Some(person), json!({"out": out, "lang": lang, "events": fp.events, "fingerprint": fp.sha256}))?;
            Ok::<_, Error>(())
        })?;
        Ok(DossierReport { person, out: out.to_path_buf(), bytes: bytes.len() as u64, fingerprint: fp })
    }

    fn gather(&self, c: &rusqlite::Connection, common: &Common, id: i64) -> Result<Gathered> {
        let Common { org, active, terms, notices, .. } = common;
        let person = super::require_person(c, id)?;
        let events = store::consent::history(c, id)?;
        let mut forms = BTreeMap::new();
        for v in events.iter().filter_map(|e| e.form_version_id) {
            if let std::collections::btree_map::Entry::Vacant(slot) = forms.entry(v) {
                if let Some(f) = store::forms::version_by_id(c, v)? {
                    slot.insert(f);
                }
            }
        }
        let mut vocabulary = Vocabulary::default();
        for f in forms.values().chain(active.iter()) {
            vocabulary.add(&f.content.photo_types, &f.content.channels, &f.content.purposes);
        }
        // The items asked on any form the person answered (and the current ones).
        let for_them = active.iter().filter(|f| f.content.audience == crate::domain::form::Audience::of(person.kind));
        let mut asked: Vec<String> = forms.values().chain(for_them).flat_map(|f| f.content.items.iter().map(|i| i.to_string())).collect();
        asked.sort();
        asked.dedup();
        let leaving = Leaving::of(&person, org);
        let granted = |at, leaving| -> Vec<ValidItem> {
            effective_consent(&events, terms, org.school_year_start, leaving, guardian_counts_until(&person, org, at), at, &asked)
                .into_iter()
                .filter(|s| s.status == Status::Granted)
                .filter_map(|s| ItemKey::parse(&s.item).map(|item| ValidItem { item, until: s.valid_until }))
                .collect()
        };
        let summary_on = person.leave_date.unwrap_or_else(|| self.today());
        let valid_on = granted(summary_on, leaving);
        let day_after = person.leave_date.and_then(|l| l.succ_opt());
        let valid_after = day_after.map(|at| granted(at, leaving));
        // What leaving ended: what would still hold the day after, had the terms run on.
        let ended_by_leaving = match day_after {
            Some(at) if leaving.ends_consent => granted(at, Leaving { ends_consent: false, ..leaving }),
            _ => Vec::new(),
        };

        let groups: Vec<&str> = person.memberships.iter().map(|m| m.group.as_str()).collect();
        let mut notices: Vec<NoticeRow> = notices
            .iter()
            .filter(|n| n.groups.iter().any(|g| groups.contains(&g.as_str())) || (n.all_staff && person.kind == PersonKind::Staff))
            .cloned()
            .collect();
        notices.sort_by_key(|n| (n.date, n.id));

        let mut publications = Vec::new();
        for p in common.publications_of(c, id)? {
            let verdict: Verdict = serde_json::from_str(&p.verdict).map_err(|e| StoreError::Decode(format!("publication {}: {e}", p.id)))?;
            publications.push(PersonPublication {
                id: p.id,
                photo: p.photo,
                photo_name: store::photos::photo_name(c, p.photo)?.unwrap_or_default(),
                channel: p.channel,
                purpose: p.purpose,
                place: p.place,
                published_on: p.published_on,
                outcome: verdict.outcome,
                line: verdict.people.into_iter().find(|l| l.person == Some(id)),
                removed_on: p.removed_on,
            });
        }
        // The kept scans and signatures, each as the picture its appendix page shows.
        let mut appendix = Vec::new();
        for e in &events {
            for a in &e.attachments {
                let bytes = self.scan_bytes(e.id, a).ok();
                let page = bytes.as_deref().and_then(crate::evidence::page_image);
                appendix.push(Kept { event: e.id, attachment: a.clone(), readable: bytes.is_some(), page });
            }
        }
        let leaving_ends_on = person.leave_date.filter(|_| leaving.ends_consent);
        Ok(Gathered {
            person,
            summary_on,
            events,
            forms,
            vocabulary,
            valid_on,
            valid_after,
            ended_by_leaving,
            leaving_ends_on,
            notices,
            publications,
            appendix,
        })
    }
}

/// The photo's thumbnail with only `own` (in the photo's pixels, scaled to
/// the thumbnail) recognisable: a copy for one person may show nobody else,
/// including people nobody tagged or detected. `None` when it cannot be read.
fn only_them(library: &crate::photos::library::Library, p: &crate::domain::photo::Photo, own: crate::domain::photo::PhotoBox) -> Option<image::RgbImage> {
    let jpeg = library.thumbnail(&p.original_name, &p.hash, &p.format, p.orientation).ok()?;
    let img = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).ok()?;
    let scale = img.width() as f32 / p.width.max(1) as f32;
    // Scaled inwards, so nothing beside the box stays sharp.
    let keep = crate::domain::photo::PhotoBox {
        x: (own.x as f32 * scale).ceil() as u32,
        y: (own.y as f32 * scale).ceil() as u32,
        w: (own.w as f32 * scale).floor() as u32,
        h: (own.h as f32 * scale).floor() as u32,
    };
    Some(crate::photos::anonymise::only_box(&img, keep, 12))
}

/// Where everyone but `person` is on a photo: each other tag's box and
/// every face nobody reviewed (DESIGN: faces count as people until named).
/// Someone else tagged without a box cannot be hidden: their names instead.
fn others_on(on: &super::verdicts::OnPhoto, person: i64) -> Result<Vec<crate::domain::photo::PhotoBox>, Vec<String>> {
    let others: Vec<_> = on.tags.iter().filter(|t| t.person != Some(person)).collect();
    let unboxed: Vec<String> =
        others.iter().filter(|t| t.area.is_none()).map(|t| t.person_name.clone().unwrap_or_else(|| format!("#{}", t.person.unwrap_or_default()))).collect();
    if !unboxed.is_empty() {
        return Err(unboxed);
    }
    let open_faces = on.faces.iter().filter(|f| f.state() == crate::domain::photo::FaceState::Suggested).map(|f| f.area);
    Ok(others.iter().filter_map(|t| t.area).chain(open_faces).collect())
}

/// A period in order and within range.
fn period(from: NaiveDate, to: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    let (from, to) = (check_range(from)?, check_range(to)?);
    if from > to {
        return Err(DateError::Order { from, to }.into());
    }
    Ok((from, to))
}

fn fingerprint(events: &[ConsentEvent]) -> Fingerprint {
    let (events, sha256) = history_fingerprint(events);
    Fingerprint { events, sha256 }
}

/// A photo left out of the take-home set, and why: the edges put the
/// problem into words.
#[derive(Debug)]
pub struct SkippedPhoto {
    pub photo: i64,
    pub name: String,
    /// Others on it without a box: they cannot be hidden, so the photo stays home.
    pub unboxed: Vec<String>,
    /// Why the copy could not be made (a damaged original), when that is the reason.
    pub problem: Option<Error>,
}

/// The photos of a leaving person to take home.
#[derive(Debug)]
pub struct LeaverPhotos {
    pub person: i64,
    pub files: Vec<PathBuf>,
    /// Boxes of other people made unrecognisable, over all files.
    pub hidden: u32,
    pub skipped: Vec<SkippedPhoto>,
}

impl Beeldakkoord {
    /// Copies of every photo on which `person` is tagged, for the family to
    /// take home: every other tagged person's box and every face nobody
    /// reviewed filled solid, all metadata
    /// gone. A photo with someone else on it who has no box is left out (and
    /// named), since that person cannot be hidden. Written into a hidden
    /// folder inside `out_dir` and moved in only when all are done.
    pub fn leaver_photos(&self, s: &Session, person: i64, out: &OutputDir) -> Result<LeaverPhotos> {
        self.allow(s, Action::LeaverPhotos)?;
        let out_dir = &out.resolve(self.data_dir.as_deref())?;
        let library = self.library()?;
        let photos = self.store.read(|c| {
            super::require_person(c, person)?;
            let mut out = Vec::new();
            for id in store::photos::photos_of_person(c, person)? {
                if let Some(p) = store::photos::get(c, id)? {
                    out.push((p, super::verdicts::OnPhoto::read(c, id)?));
                }
            }
            Ok::<_, Error>(out)
        })?;
        let staging = Staging::new(out_dir, "photos").map_err(|source| FileError::Write { path: out.path.clone(), source })?;
        let (mut names, mut hidden, mut skipped) = (Vec::new(), 0u32, Vec::new());
        for (photo, on) in &photos {
            let boxes = match others_on(on, person) {
                Ok(boxes) => boxes,
                Err(unboxed) => {
                    skipped.push(SkippedPhoto { photo: photo.id, name: photo.original_name.clone(), unboxed, problem: None });
                    continue;
                }
            };
            let stem = Path::new(&photo.original_name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let name = format!("{} {}.jpg", photo.id, crate::files::safe_file_name(&stem));
            // One photo that cannot be made never stops the others: it is named with the reason.
            let made = (|| -> Result<Vec<u8>> {
                let bytes = library.read_original(&photo.hash, &photo.format)?;
                let img = crate::photos::library::decode(&photo.original_name, &bytes, photo.orientation)?;
                let rgb = crate::photos::anonymise::fill_boxes(&img, &boxes);
                Ok(crate::photos::anonymise::encode(&rgb, &name)?)
            })();
            let encoded = match made {
                Ok(encoded) => encoded,
                Err(e @ (Error::Photo(_) | Error::File(FileError::Read { .. }))) => {
                    skipped.push(SkippedPhoto { photo: photo.id, name: photo.original_name.clone(), unboxed: Vec::new(), problem: Some(e) });
                    continue;
                }
                Err(e) => return Err(e),
            };
            let path = staging.dir().join(&name);
            std::fs::write(&path, encoded).map_err(|source| FileError::Write { path, source })?;
            hidden += u32::try_from(boxes.len()).unwrap_or(u32::MAX);
            names.push(name);
        }
        out.check_names(out_dir, &names)?;
        let files = staging.move_in(out_dir, &names)?;
        self.store.write(&s.actor(), |tx| {
            tx.audit("dossier.photos", "person", Some(person), json!({"out": out_dir, "files": files.len(), "hidden": hidden, "skipped": skipped.len()}))?;
            Ok::<_, Error>(())
        })?;
        Ok(LeaverPhotos { person, files, hidden, skipped })
    }
}
