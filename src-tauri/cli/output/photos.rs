//! What `photo`, `publication`, `takedown` and `notice` print.

use beeldakkoord_core::api::{ExportReport, PhotoCheck, Takedown};
use beeldakkoord_core::decision::verdict::{LineStatus, Outcome, Rule};
use beeldakkoord_core::domain::photo::{Photo, Tag};
use beeldakkoord_core::Lang;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::{as_itself, lines, plain, Shown};
use crate::reports::ImportReport;

impl Shown for ImportReport {
    /// The photos taken in; the files that were not are named on stderr.
    fn json(&self, _: Lang) -> Value {
        plain(&self.imported)
    }
    fn text(&self, lang: Lang) -> String {
        let new = self.imported.iter().filter(|p| p.new).count();
        let all = self.imported.len();
        lang.pick(
            format!("{all} foto's ingelezen ({new} nieuw, {} al aanwezig).", all - new),
            format!("{all} photos imported ({new} new, {} already there).", all - new),
        )
    }
}

/// The one line on stderr when some files were not imported: the first few by name and reason, the rest counted.
pub fn not_imported(r: &ImportReport, lang: Lang) -> String {
    const NAMED: usize = 10;
    let mut names: Vec<String> = r.failed.iter().take(NAMED).map(|f| format!("{} ({})", f.name, f.message)).collect();
    if r.failed.len() > NAMED {
        names.push(lang.pick(format!("en nog {} bestanden", r.failed.len() - NAMED), format!("and {} more files", r.failed.len() - NAMED)));
    }
    let (failed, all, names) = (r.failed.len(), r.failed.len() + r.imported.len(), names.join("; "));
    lang.pick(format!("{failed} van {all} bestanden niet ingelezen: {names}"), format!("{failed} of {all} files not imported: {names}"))
}

impl Shown for Photo {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(format!("Foto {} bijgewerkt.", self.id), format!("Photo {} updated.", self.id))
    }
}

/// A photo's tags after one was added or removed.
#[derive(Serialize)]
pub struct Tags {
    pub photo: i64,
    pub tags: Vec<Tag>,
    /// The person tagged; `None` when a tag was removed.
    #[serde(skip)]
    pub tagged: Option<i64>,
}

impl Shown for Tags {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let id = self.photo;
        match self.tagged {
            Some(person) => lang.pick(format!("Persoon {person} getagd op foto {id}."), format!("Person {person} tagged in photo {id}.")),
            None => lang.pick(format!("Tag verwijderd van foto {id}."), format!("Tag removed from photo {id}.")),
        }
    }
}

impl Shown for ExportReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (out, n) = (&self.out, self.anonymised);
        lang.pick(
            format!("Kopie opgeslagen in {out} ({n} personen onherkenbaar gemaakt, geen metagegevens)."),
            format!("Copy saved to {out} ({n} people made unrecognisable, no metadata)."),
        )
    }
}

/// `photo check` in the README's shape: the verdict's outcome beside the photo, each line with its reason in words.
#[derive(Serialize)]
struct CheckView<'a> {
    photo: i64,
    channel: &'a str,
    purpose: &'a str,
    date: NaiveDate,
    verdict: Outcome,
    nobody_tagged: bool,
    unidentified_faces: u32,
    people: Vec<LineView<'a>>,
}

#[derive(Serialize)]
struct LineView<'a> {
    person: Option<i64>,
    targeted: bool,
    status: LineStatus,
    record: Option<i64>,
    form: Option<i64>,
    form_version: Option<u32>,
    notice: Option<i64>,
    /// The detected face a line is about, when nobody reviewed it.
    face: Option<u32>,
    rule: &'a Rule,
    reason: &'static str,
    #[serde(rename = "box")]
    has_box: bool,
}

impl Shown for PhotoCheck {
    fn json(&self, lang: Lang) -> Value {
        let people = self
            .verdict
            .people
            .iter()
            .map(|l| LineView {
                person: l.person,
                targeted: l.targeted,
                status: l.status,
                record: l.record,
                form: l.form,
                form_version: l.form_version,
                notice: l.notice,
                face: l.face,
                rule: &l.rule,
                reason: l.rule.describe(lang),
                has_box: l.has_box,
            })
            .collect();
        let v = &self.verdict;
        plain(&CheckView {
            photo: self.photo,
            channel: &self.channel,
            purpose: &self.purpose,
            date: self.date,
            verdict: v.outcome,
            nobody_tagged: v.nobody_tagged,
            unidentified_faces: v.unidentified_faces,
            people,
        })
    }
    fn text(&self, lang: Lang) -> String {
        let verdict = match self.verdict.outcome {
            Outcome::Allowed => lang.pick("MAG gebruikt worden", "MAY be used"),
            Outcome::Anonymise => {
                lang.pick("mag ALLEEN na onherkenbaar maken van de gemarkeerde personen", "may be used ONLY after making the marked people unrecognisable")
            }
            Outcome::Blocked => lang.pick("mag NIET gebruikt worden", "may NOT be used"),
        };
        let (photo, channel, purpose, date) = (self.photo, &self.channel, &self.purpose, self.date);
        let mut s = lang.pick(
            format!("Foto {photo} via {channel} voor {purpose} op {date}: {verdict}.\n"),
            format!("Photo {photo} in {channel} for {purpose} on {date}: {verdict}.\n"),
        );
        if self.verdict.nobody_tagged {
            s += lang.pick("  Niemand is getagd: tag eerst wie er op de foto staat.\n", "  Nobody is tagged: tag who is in the photo first.\n");
        }
        let n = self.verdict.unidentified_faces;
        if n > 0 {
            s += &lang.pick(
                format!("  {n} gezichten niet geïdentificeerd: benoem ze, kies 'onbekend' of wijs ze af (photo faces {photo}).\n"),
                format!("  {n} faces not identified: name them, mark them unknown or dismiss them (photo faces {photo}).\n"),
            );
        }
        for l in &self.verdict.people {
            let who = match (l.person, l.face) {
                (Some(p), _) => format!("#{p}"),
                (None, Some(face)) => lang.pick(format!("gez.{face}"), format!("face {face}")),
                (None, None) => "?".into(),
            };
            let mark = if l.fine { "ok " } else { "!! " };
            s += &format!("  {mark}{who:<6} {}\n", l.rule.describe(lang));
        }
        s.trim_end().to_string()
    }
}

#[derive(Serialize)]
pub struct PublicationRemoved {
    pub id: i64,
    pub removed: bool,
}

impl Shown for PublicationRemoved {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(format!("Publicatie {} is verwijderd.", self.id), format!("Publication {} taken down.", self.id))
    }
}

/// `takedown list` in the README's shape: the place as `where`, each person's reason in words.
#[derive(Serialize)]
struct TakedownView<'a> {
    publication: i64,
    photo: i64,
    #[serde(rename = "where")]
    place: &'a str,
    channel: &'a str,
    purpose: &'a str,
    published_on: NaiveDate,
    people: Vec<TakedownPersonView<'a>>,
}

#[derive(Serialize)]
struct TakedownPersonView<'a> {
    person: Option<i64>,
    name: Option<&'a str>,
    /// A colleague on a teacher's list, not named (rule 8).
    colleague: bool,
    status: LineStatus,
    reason: &'static str,
}

impl Shown for Vec<Takedown> {
    fn json(&self, lang: Lang) -> Value {
        let views: Vec<TakedownView> = self
            .iter()
            .map(|t| TakedownView {
                publication: t.publication,
                photo: t.photo,
                place: &t.place,
                channel: &t.channel,
                purpose: &t.purpose,
                published_on: t.published_on,
                people: t
                    .people
                    .iter()
                    .map(|p| TakedownPersonView {
                        person: p.person,
                        name: p.name.as_deref(),
                        colleague: p.colleague,
                        status: p.status,
                        reason: p.rule.describe(lang),
                    })
                    .collect(),
            })
            .collect();
        plain(&views)
    }
    fn text(&self, lang: Lang) -> String {
        if self.is_empty() {
            return lang.pick("Niets te verwijderen.", "Nothing to take down.").into();
        }
        lines(self.iter().map(|t| {
            let who: Vec<String> = t
                .people
                .iter()
                .map(|p| {
                    let name = match (&p.name, p.colleague) {
                        (_, true) => lang.pick("een collega", "a colleague"),
                        (Some(n), false) => n.as_str(),
                        (None, false) => "?",
                    };
                    format!("{name} ({})", p.rule.describe(lang))
                })
                .collect();
            let (publication, photo, place, since, who) = (t.publication, t.photo, &t.place, t.published_on, who.join("; "));
            lang.pick(
                format!("Publicatie {publication} (foto {photo}, {place}, sinds {since}): verwijderen wegens {who}"),
                format!("Publication {publication} (photo {photo}, {place}, since {since}): take down because of {who}"),
            )
        }))
    }
}
