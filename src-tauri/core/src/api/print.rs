//! Consent forms on paper: blank, for one person, or for a whole group.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{filter_group, form_version, Beeldakkoord};
use crate::auth::{Action, Session};
use crate::domain::consent::{who_decides, GivenByRole};
use crate::domain::dates::check_range;
use crate::error::{Error, LogoProblem, PeopleError, PrintError, Result};
use crate::files::OutputFile;
use crate::i18n::Lang;
use crate::pdf::form::{self, FormPrint, PaperForm};
use crate::store;

/// For whom a paper form is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum FormTarget {
    Blank,
    Person(i64),
    Group(String),
    /// Several people, e.g. everyone on the re-consent list.
    People(Vec<i64>),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormPrintReport {
    pub out: PathBuf,
    /// How many forms (people) the PDF holds; 1 for a blank form.
    pub forms: u32,
    pub bytes: u64,
}

impl Beeldakkoord {
    /// Print form `id` (its latest version, or `version`) for `target` to
    /// `out`. Someone below the age of own consent gets signature lines for
    /// their guardians (one per linked guardian, at most two); from that age a
    /// line for themselves. `return_by` defaults to two weeks from today.
    #[allow(clippy::too_many_arguments)]
    pub fn print_form(
        &self,
        s: &Session,
        id: i64,
        version: Option<u32>,
        target: &FormTarget,
        lang: Lang,
        return_by: Option<NaiveDate>,
        out: &OutputFile,
    ) -> Result<FormPrintReport> {
        self.allow(s, Action::PrintForm)?;
        let out = &self.output_file(out)?;
        let org = self.organisation()?;
        let today = self.today();
        let return_by = check_range(return_by.unwrap_or(today + chrono::Days::new(14)))?;
        let (form, people) = self.store.read(|c| {
            let form = form_version(c, id, version)?;
            let people = match target {
                FormTarget::Blank => Vec::new(),
                FormTarget::Person(p) => vec![super::require_person(c, *p)?],
                FormTarget::People(ids) => {
                    let mut list = Vec::with_capacity(ids.len());
                    for p in ids {
                        list.push(super::require_person(c, *p)?);
                    }
                    if list.is_empty() {
                        return Err(Error::Pdf(crate::pdf::PdfError::Empty));
                    }
                    list
                }
                FormTarget::Group(g) => {
                    let group = filter_group(c, Some(g))?.ok_or_else(|| Error::People(PeopleError::UnknownGroup(g.clone())))?;
                    let q = store::people::PeopleQuery { group: Some(group), search: None, include_left: false, on: today, scope: None };
                    let mut list = Vec::new();
                    for summary in store::people::list(c, &q)? {
                        if let Some(p) = store::people::person(c, summary.id)? {
                            list.push(p);
                        }
                    }
                    if list.is_empty() {
                        return Err(Error::Print(PrintError::EmptyGroup(g.clone())));
                    }
                    list
                }
            };
            Ok::<_, Error>((form, people))
        })?;
        let forms: Vec<PaperForm<'_>> = if people.is_empty() {
            vec![PaperForm { person: None, groups: Vec::new(), signs: None }]
        } else {
            people
                .iter()
                .map(|p| PaperForm {
                    person: Some(p),
                    groups: p.groups_on(today).into_iter().map(String::from).collect(),
                    // Without a birth date the guardians sign, as for any child.
                    signs: Some(who_decides(p, today, org.consent_age_on(today)).unwrap_or(GivenByRole::Guardian)),
                })
                .collect()
        };
        let count = u32::try_from(forms.len()).unwrap_or(u32::MAX);
        let logo = self.logo()?;
        let bytes =
            form::render(&FormPrint { lang, organisation: &org.name, form: &form, consent_age: org.consent_age, return_by, forms, logo: logo.as_deref() })
                .map_err(Error::Pdf)?;
        self.store.write(&s.actor(), |tx| {
            self.write_output(out, &bytes)?;
            // A form with a name on it goes out to that person: the home screen waits for it back.
            let named: Vec<i64> = people.iter().map(|p| p.id).collect();
            store::home::hand_out(tx.conn(), &named, form.form, today, s.actor().user_id)?;
            tx.audit("form.print", "form", Some(id), json!({"version": form.version, "target": target, "forms": count, "out": out}))?;
            Ok::<_, Error>(())
        })?;
        Ok(FormPrintReport { out: out.to_path_buf(), forms: count, bytes: bytes.len() as u64 })
    }
}

/// What printing the re-consent round produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ReconsentPrintReport {
    pub checklist: PathBuf,
    /// People on the list (each once).
    pub people: u32,
    /// The pre-filled forms for them, when asked for.
    pub forms: Option<PathBuf>,
}

impl Beeldakkoord {
    /// Print the re-consent checklist for `at` (and `group`) to `out`, and
    /// with `forms_out` the current active form pre-filled for everyone on it.
    #[allow(clippy::too_many_arguments)]
    pub fn print_reconsent(
        &self,
        s: &Session,
        at: Option<NaiveDate>,
        group: Option<&str>,
        lang: Lang,
        out: &OutputFile,
        forms_out: Option<&OutputFile>,
    ) -> Result<ReconsentPrintReport> {
        self.allow(s, Action::PrintReconsent)?;
        let out_path = self.output_file(out)?;
        if let Some(f) = forms_out {
            crate::files::output::distinct(&[(&out_path, &out.path), (&self.output_file(f)?, &f.path)])?;
        }
        let out = &out_path;
        let org = self.organisation()?;
        let at_date = check_range(at.unwrap_or_else(|| self.today()))?;
        let lines = self.reconsent(s, Some(at_date), group)?;
        let (vocabulary, form) = self.store.read(|c| {
            let active = store::forms::active_latest(c)?;
            let mut v = crate::pdf::dossier::Vocabulary::default();
            for f in &active {
                v.add(&f.content.photo_types, &f.content.channels, &f.content.purposes);
            }
            Ok::<_, Error>((v, active.first().map(|f| f.form)))
        })?;
        let logo = self.logo()?;
        let bytes = crate::pdf::checklist::render(&crate::pdf::checklist::Checklist {
            lang,
            organisation: &org.name,
            at: at_date,
            group,
            lines: &lines,
            vocabulary: &vocabulary,
            logo: logo.as_deref(),
        })
        .map_err(Error::Pdf)?;
        let mut people: Vec<i64> = lines.iter().map(|l| l.person).collect();
        people.dedup();
        let forms = match (forms_out, form, people.is_empty()) {
            (Some(forms_out), Some(form), false) => Some(self.print_form(s, form, None, &FormTarget::People(people.clone()), lang, None, forms_out)?.out),
            _ => None,
        };
        self.store.write(&s.actor(), |tx| {
            self.write_output(out, &bytes)?;
            tx.audit("reconsent.print", "person", None, json!({"at": at_date, "group": group, "people": people.len(), "out": out}))?;
            Ok::<_, Error>(())
        })?;
        Ok(ReconsentPrintReport { checklist: out.to_path_buf(), people: u32::try_from(people.len()).unwrap_or(u32::MAX), forms })
    }
}

impl Beeldakkoord {
    /// The one-page measures sheet for the privacy register, with today's figures.
    pub fn print_measures(&self, s: &Session, lang: Lang, out: &OutputFile) -> Result<u64> {
        self.allow(s, Action::PrintMeasures)?;
        let out = &self.output_file(out)?;
        let org = self.organisation()?;
        let (counts, chain, retention, last_run, face_suggestions) = self.store.read(|c| {
            Ok::<_, Error>((
                store::org::counts(c)?,
                store::audit::verify(c)?,
                store::retention::settings(c)?,
                store::retention::last_run(c)?,
                store::faces::suggestions_on(c)?,
            ))
        })?;
        let backups = self.backup_state()?;
        let data_dir = self
            .data_dir
            .as_deref()
            .map(|d| std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf()).display().to_string())
            .unwrap_or_else(|| lang.pick("(alleen in het geheugen)", "(in memory only)").to_string());
        let bytes = crate::pdf::measures::render(&crate::pdf::measures::Measures {
            lang,
            organisation: &org.name,
            printed_at: chrono::Local::now().naive_local(),
            printed_by: &s.username,
            jurisdiction: org.jurisdiction.as_str(),
            consent_age: org.consent_age,
            users: (counts.admins, counts.office, counts.teachers),
            audit_events: chain.events,
            audit_broken_at: chain.broken_at,
            audit_row: chain.table.as_deref().zip(chain.key.as_deref()),
            audit_head: &chain.head,
            audit_rows: chain.rows,
            idle_lock_minutes: org.idle_lock_minutes,
            people: counts.people,
            consent_events: counts.consent_events,
            photos: counts.photos,
            data_dir: &data_dir,
            logo: self.logo()?.as_deref(),
            encrypted: self.encrypted(),
            recovery_sheet: self.recovery_sheet_printed()?,
            backup_folder: backups.settings.folder.as_deref(),
            last_backup: backups.last.as_ref().map(|l| l.at.as_str()),
            retention,
            retention_last_run: last_run.as_deref(),
            face_suggestions,
        })
        .map_err(Error::Pdf)?;
        self.store.write(&s.actor(), |tx| {
            self.write_output(out, &bytes)?;
            tx.audit("measures.print", "organisation", None, json!({"out": out}))?;
            Ok::<_, Error>(())
        })?;
        Ok(bytes.len() as u64)
    }
}

/// Logos larger than this are refused before decoding.
const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;

impl Beeldakkoord {
    /// The organisation's logo for printouts (PNG), if one was set.
    pub fn logo(&self) -> Result<Option<Vec<u8>>> {
        self.store.read(|c| Ok(store::org::logo(c)?))
    }

    /// Set the logo from a file the user named (PNG or JPEG, at most 5 MB).
    pub fn set_logo_file(&self, s: &Session, path: &std::path::Path) -> Result<()> {
        self.allow(s, Action::SetLogoFile)?;
        let bytes = crate::files::read_input(path, crate::files::InputKind::Logo)?;
        self.set_logo(s, Some(&bytes))
    }

    /// Set (or with `None` remove) the organisation's logo for printouts. The
    /// image is decoded, shrunk to fit 600 × 300 pixels and kept as PNG, so
    /// every printout stays small whatever the office chose.
    pub fn set_logo(&self, s: &Session, image: Option<&[u8]>) -> Result<()> {
        self.allow(s, Action::SetLogo)?;
        let png = match image {
            None => None,
            Some(bytes) => Some(logo_png(bytes)?),
        };
        self.store.write(&s.actor(), |tx| {
            store::org::set_logo(tx.conn(), png.as_deref())?;
            tx.audit("org.logo", "organisation", None, json!({"set": png.is_some(), "bytes": png.as_ref().map(Vec::len)}))?;
            Ok::<_, Error>(())
        })
    }
}

fn logo_png(bytes: &[u8]) -> Result<Vec<u8>> {
    let bad = |p: LogoProblem| Error::Print(PrintError::Logo(p));
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(bad(LogoProblem::TooLarge));
    }
    let format = image::guess_format(bytes).map_err(|_| bad(LogoProblem::NotImage))?;
    if !matches!(format, image::ImageFormat::Png | image::ImageFormat::Jpeg) {
        return Err(bad(LogoProblem::NotPngOrJpeg));
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|_| bad(LogoProblem::Damaged))?;
    let small = img.thumbnail(600, 300);
    let mut out = std::io::Cursor::new(Vec::new());
    small.write_to(&mut out, image::ImageFormat::Png).map_err(|_| bad(LogoProblem::Damaged))?;
    Ok(out.into_inner())
}
