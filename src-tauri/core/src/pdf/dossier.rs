//! The exit dossier (vertrekdossier): everything the organisation needs to
//! show, years later, which consent a person gave, on which form text, what
//! was published of them and what was taken down.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};

use super::access::{self, PhotoShown};
use super::layout::{Column, Style, Writer, CONTENT_W, GREEN, MUTED, RED};
use super::letterhead::{Letterhead, Part};
use super::words::{words, Words};
use super::{date, date_time, PdfError};
use crate::decision::verdict::{Outcome, PersonLine};
pub use crate::domain::consent::Fingerprint;
use crate::domain::consent::{Answer, Attachment, AttachmentKind, ConsentEvent, DocFormat, EventKind, GivenByRole, Method};
use crate::domain::dates::MonthDay;
use crate::domain::form::FormVersion;
use crate::domain::form::{Choice, ItemKey, Label};
use crate::domain::person::{Person, PersonKind};
use crate::domain::photo::NoticeRow;
use crate::i18n::Lang;

/// The words of photo types, channels and purposes, from every form involved.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub photo_types: BTreeMap<String, Label>,
    pub channels: BTreeMap<String, Label>,
    pub purposes: BTreeMap<String, Label>,
}

impl Vocabulary {
    pub fn add(&mut self, photo_types: &[Choice], channels: &[Choice], purposes: &[Choice]) {
        for (map, list) in [(&mut self.photo_types, photo_types), (&mut self.channels, channels), (&mut self.purposes, purposes)] {
            for c in list {
                map.entry(c.key.clone()).or_insert_with(|| c.label.clone());
            }
        }
    }
    fn word<'a>(map: &'a BTreeMap<String, Label>, key: &'a str, lang: Lang) -> &'a str {
        map.get(key).map(|l| l.get(lang)).unwrap_or(key)
    }
    pub fn photo_type<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        Self::word(&self.photo_types, key, lang)
    }
    pub fn channel<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        Self::word(&self.channels, key, lang)
    }
    pub fn purpose<'a>(&'a self, key: &'a str, lang: Lang) -> &'a str {
        Self::word(&self.purposes, key, lang)
    }
}

/// An item that holds, and until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidItem {
    pub item: ItemKey,
    pub until: Option<NaiveDate>,
}

/// A publication on which the person was tagged when it was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPublication {
    pub id: i64,
    pub photo: i64,
    pub photo_name: String,
    pub channel: String,
    pub purpose: String,
    pub place: String,
    pub published_on: NaiveDate,
    pub outcome: Outcome,
    /// The person's line of the verdict stored with the publication.
    pub line: Option<PersonLine>,
    pub removed_on: Option<NaiveDate>,
}

/// A kept file of an event as its appendix page shows it.
pub struct Kept {
    pub event: i64,
    pub attachment: Attachment,
    /// Read and matching its hash when the dossier was gathered.
    pub readable: bool,
    /// The picture: the image itself, or a PDF's first page; `None` when
    /// it cannot be drawn.
    pub page: Option<image::RgbImage>,
}

/// Which document: the exit dossier, or the overview a person gets on an
/// access request (the same content, with their photos and their rights).
pub enum Kind<'a> {
    Exit,
    Access { photos: &'a [PhotoShown] },
}

/// Everything the dossier shows, gathered by the API.
pub struct Dossier<'a> {
    pub kind: Kind<'a>,
    pub lang: Lang,
    pub organisation: &'a str,
    pub person: &'a Person,
    pub printed_at: NaiveDateTime,
    pub printed_by: &'a str,
    pub events: &'a [ConsentEvent],
    /// Form versions by row id, for every version in `events`.
    pub forms: &'a BTreeMap<i64, FormVersion>,
    pub school_year_start: MonthDay,
    /// The leave date, or the print date for someone who has not left.
    pub summary_on: NaiveDate,
    pub valid_on: Vec<ValidItem>,
    /// What still holds the day after leaving; `None` while not left.
    pub valid_after: Option<Vec<ValidItem>>,
    /// What leaving ended (the organisation's setting): each "yes" with the
    /// end its term would have had.
    pub ended_by_leaving: Vec<ValidItem>,
    /// The leave date when leaving ends consent (the organisation's
    /// setting): a "yes" whose term ran past it counts until that day.
    pub leaving_ends_on: Option<NaiveDate>,
    pub notices: &'a [NoticeRow],
    pub publications: &'a [PersonPublication],
    pub fingerprint: &'a Fingerprint,
    pub vocabulary: &'a Vocabulary,
    /// The kept scans and signatures, in the order of the history: one
    /// appendix page each.
    pub appendix: &'a [Kept],
    /// The organisation's logo (PNG), for every page's header.
    pub logo: Option<&'a [u8]>,
}

/// The dossier as PDF bytes.
pub fn render(d: &Dossier<'_>) -> Result<Vec<u8>, PdfError> {
    let mut doc = letterhead(d).start(&format!("{} — {}", title(d), d.person.name), part(d))?;
    doc.set_created(d.printed_at);
    render_into(&mut doc, d);
    Ok(doc.finish())
}

/// Many dossiers in one PDF for printing: each starts on a new page and is
/// numbered on its own ("page 1 of 3" for every person). `None` when
/// `stopped` says so between two dossiers.
pub fn render_combined(title: &str, all: &[Dossier<'_>], stopped: &dyn Fn() -> bool) -> Result<Option<Vec<u8>>, PdfError> {
    let Some(first) = all.first() else {
        return Err(PdfError::Empty);
    };
    let mut doc = letterhead(first).start(title, part(first))?;
    doc.set_created(first.printed_at);
    for (i, d) in all.iter().enumerate() {
        if stopped() {
            return Ok(None);
        }
        if i > 0 {
            letterhead(d).next_part(&mut doc, part(d));
        }
        render_into(&mut doc, d);
    }
    Ok(Some(doc.finish()))
}

fn printed_line(d: &Dossier<'_>) -> String {
    words(d.lang).printed_by.replacen("{}", &date_time(d.printed_at, d.lang), 1).replacen("{}", d.printed_by, 1)
}

fn letterhead<'a>(d: &Dossier<'a>) -> Letterhead<'a> {
    Letterhead { organisation: d.organisation, logo: d.logo, lang: d.lang }
}

fn title(d: &Dossier<'_>) -> &'static str {
    match d.kind {
        Kind::Exit => words(d.lang).dossier_title,
        Kind::Access { .. } => access::words(d.lang).title,
    }
}

fn subtitle(d: &Dossier<'_>) -> &'static str {
    match d.kind {
        Kind::Exit => words(d.lang).dossier_subtitle,
        Kind::Access { .. } => access::words(d.lang).subtitle,
    }
}

fn part(d: &Dossier<'_>) -> Part {
    Part {
        title: format!("{} — {}", title(d), subtitle(d).split(" — ").next().unwrap_or("")),
        footer_left: d.person.name.clone(),
        footer_middle: printed_line(d),
    }
}

fn render_into(doc: &mut Writer<'_>, d: &Dossier<'_>) {
    let w = words(d.lang);
    doc.title(title(d), Style::H1);
    doc.paragraph(&d.person.name, Style::H2, 0.0);
    doc.paragraph(subtitle(d), Style::SMALL.size(9.5), 0.0);
    doc.space(3.0);
    if let Kind::Access { .. } = d.kind {
        access::intro(doc, d.organisation, d.lang);
    }
    summary(doc, d, w);
    person(doc, d, w);
    history(doc, d, w);
    if let Kind::Access { photos } = d.kind {
        access::photos(doc, photos, d.lang);
    }
    notices(doc, d, w);
    publications(doc, d, w);
    if let Kind::Access { .. } = d.kind {
        access::rights(doc, d.organisation, d.lang);
    }
    verification(doc, d, w, &printed_line(d));
    appendix(doc, d, w);
}

/// The appendix letter-number of a kept file: its place in the dossier (1, 2, …).
fn appendix_number(d: &Dossier<'_>, event: i64, number: u32) -> usize {
    d.appendix.iter().position(|k| k.event == event && k.attachment.number == number).map_or(0, |i| i + 1)
}

fn attachment_words(a: &Attachment, w: &Words) -> String {
    let kind = match a.kind {
        AttachmentKind::Scan => w.scan_kind,
        AttachmentKind::Signature => w.signature_kind,
    };
    let format = match a.format {
        DocFormat::Pdf => "PDF",
        DocFormat::Jpeg => "JPEG",
        DocFormat::Png => "PNG",
    };
    let size = if a.bytes >= 1024 * 1024 { format!("{:.1} MB", a.bytes as f64 / (1024.0 * 1024.0)) } else { format!("{} kB", a.bytes.div_ceil(1024)) };
    if a.pages > 1 {
        format!("{kind} ({format}, {} {}, {size})", a.pages, w.pages)
    } else {
        format!("{kind} ({format}, {size})")
    }
}

/// One page per kept file: what it is, its hash, and the picture.
fn appendix(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words) {
    for (i, k) in d.appendix.iter().enumerate() {
        doc.new_page();
        doc.heading(&w.appendix.replacen("{}", &(i + 1).to_string(), 1).replacen("{}", &k.event.to_string(), 1), Style::H2);
        doc.paragraph(&attachment_words(&k.attachment, w), Style::BODY, 0.0);
        doc.paragraph(w.appendix_intro, Style::SMALL.size(9.0), 0.0);
        doc.paragraph(&k.attachment.sha256, Style::BOLD.size(9.0), 0.0);
        if k.attachment.pages > 1 && k.page.is_some() {
            doc.paragraph(&w.first_page_only.replacen("{}", &k.attachment.pages.to_string(), 1), Style::SMALL.size(9.0), 0.0);
        }
        doc.space(2.0);
        match (&k.page, k.readable) {
            (_, false) => doc.paragraph(w.not_readable, Style::BOLD.color(RED), 0.0),
            (Some(page), true) => doc.image(page, &attachment_words(&k.attachment, w)),
            (None, true) => {
                doc.paragraph(&w.not_drawn.replacen("{}", &k.event.to_string(), 1).replacen("{}", &k.attachment.number.to_string(), 1), Style::BODY, 0.0)
            }
        }
    }
}

fn item_words(v: &Vocabulary, i: &ItemKey, lang: Lang) -> String {
    format!("{} — {} — {}", v.photo_type(&i.photo_type, lang), v.channel(&i.channel, lang), v.purpose(&i.purpose, lang))
}

fn until_words(until: Option<NaiveDate>, w: &Words, lang: Lang) -> String {
    until.map(|u| format!("{} {}", w.until, date(u, lang))).unwrap_or_else(|| w.no_end.to_string())
}

fn summary(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words) {
    let lang = d.lang;
    let mut lines: Vec<(String, Style)> = Vec::new();
    let any_record = d.events.iter().any(|e| e.kind == EventKind::Record && e.voided_by.is_none());
    if !any_record {
        lines.push((w.no_consent_at_all.to_string(), Style::BOLD.color(RED)));
    }
    let first = if d.valid_after.is_some() { w.valid_on_leave } else { w.valid_now };
    lines.push((format!("{first} ({})", date(d.summary_on, lang)), Style::H3));
    if d.valid_on.is_empty() {
        lines.push((w.nothing.to_string(), Style::BODY));
    }
    for v in &d.valid_on {
        lines.push((format!("• {} ({})", item_words(d.vocabulary, &v.item, lang), until_words(v.until, w, lang)), Style::BODY));
    }
    if let Some(after) = &d.valid_after {
        lines.push((w.valid_after_leave.to_string(), Style::H3));
        if after.is_empty() {
            lines.push((w.nothing_after.to_string(), Style::BODY.color(GREEN)));
        }
        for v in after {
            lines.push((format!("• {} ({})", item_words(d.vocabulary, &v.item, lang), until_words(v.until, w, lang)), Style::BOLD.color(RED)));
        }
    }
    if !d.ended_by_leaving.is_empty() {
        lines.push((format!("{} {}", w.ended_by_leaving, date(d.summary_on, lang)), Style::H3));
        lines.push((w.ended_by_leaving_why.to_string(), Style::BODY));
        for v in &d.ended_by_leaving {
            lines.push((format!("• {} ({} {})", item_words(d.vocabulary, &v.item, lang), w.would_have_run, until_words(v.until, w, lang)), Style::BODY));
        }
    }
    doc.heading(w.summary, Style::H2);
    doc.shaded(&lines);
    doc.space(2.0);
}

const LABEL_W: f32 = 42.0;

fn person(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words) {
    let lang = d.lang;
    let p = d.person;
    doc.heading(w.person, Style::H2);
    doc.field(w.name, &p.name, LABEL_W);
    doc.field(w.kind, if p.kind == PersonKind::Child { w.child } else { w.staff }, LABEL_W);
    doc.field(w.birth_date, &p.birth_date.map(|b| date(b, lang)).unwrap_or_else(|| "—".into()), LABEL_W);
    if let Some(n) = &p.external_id {
        doc.field(w.number, n, LABEL_W);
    }
    let groups = if p.memberships.is_empty() {
        w.none.to_string()
    } else {
        p.memberships
            .iter()
            .map(|m| match m.to {
                Some(to) => format!("{}: {} – {}", m.group, date(m.from, lang), date(to, lang)),
                None => format!("{}: {} {}", m.group, w.since, date(m.from, lang)),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    doc.field(w.groups, &groups, LABEL_W);
    doc.field(w.leave_date, &p.leave_date.map(|l| date(l, lang)).unwrap_or_else(|| w.not_left.into()), LABEL_W);
    let guardians = if p.guardians.is_empty() { w.none.to_string() } else { p.guardians.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join("\n") };
    doc.field(w.guardians, &guardians, LABEL_W);
    doc.space(2.0);
}

/// A section's heading and one line on what it holds; `empty` says so plainly when it holds nothing.
fn section(doc: &mut Writer<'_>, title: &str, intro: &str, empty: Option<&str>) {
    doc.heading(title, Style::H2);
    doc.paragraph(intro, Style::SMALL.size(9.0), 0.0);
    doc.space(1.5);
    if let Some(e) = empty {
        doc.paragraph(e, Style::BODY, 0.0);
    }
}

fn role(r: GivenByRole, w: &Words) -> &'static str {
    match r {
        GivenByRole::Guardian => w.role_guardian,
        GivenByRole::SelfPerson => w.role_self,
        GivenByRole::Office => w.role_office,
    }
}

fn answer(a: Answer, w: &Words) -> &'static str {
    match a {
        Answer::Yes => w.yes,
        Answer::No => w.no,
        Answer::Withdrawn => w.withdrawn,
    }
}

fn history(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words) {
    let lang = d.lang;
    section(doc, w.history, w.history_intro, d.events.is_empty().then_some(w.no_consent_at_all));
    let mut events: Vec<&ConsentEvent> = d.events.iter().collect();
    events.sort_by_key(|e| (e.date, e.id));
    for (n, e) in events.iter().enumerate() {
        let title = match e.kind {
            EventKind::Record => w.record_on,
            EventKind::Withdraw => w.withdraw_on,
            EventKind::Void => w.void_on,
        };
        doc.heading(&format!("{}. {title} {}  (#{})", n + 1, date(e.date, lang), e.id), Style::H3);
        if e.kind == EventKind::Void {
            doc.field(w.voids, &format!("#{}", e.voids.unwrap_or_default()), LABEL_W);
            doc.field(w.reason, e.void_reason.as_deref().unwrap_or("—"), LABEL_W);
            doc.field(w.entered_by, &format!("{} ({})", e.entered_by, date_time(e.entered_at, lang)), LABEL_W);
            doc.space(2.0);
            continue;
        }
        // Everyone who signed, the one who decides first.
        let signers: Vec<String> = std::iter::once((e.given_by_name.as_str(), e.given_by_role))
            .chain(e.co_signers.iter().map(|c| (c.name.as_str(), c.role)))
            .map(|(name, r)| format!("{name} ({})", role(r, w)))
            .collect();
        doc.field(if signers.len() > 1 { w.signed_by } else { w.given_by }, &signers.join(", "), LABEL_W);
        let method = match e.method {
            Method::Paper => w.paper,
            Method::Digital => w.digital,
            Method::Kiosk => w.kiosk,
        };
        doc.field(w.method, method, LABEL_W);
        doc.field(w.entered_by, &format!("{} ({})", e.entered_by, date_time(e.entered_at, lang)), LABEL_W);
        let form = e.form_version_id.and_then(|v| d.forms.get(&v));
        if let Some(f) = form {
            doc.field(w.form, &format!("{} ({} {})", f.content.title, w.version, f.version), LABEL_W);
            doc.field(w.term, &f.content.term.describe(lang), LABEL_W);
        } else if let (Some(title), Some(v)) = (&e.form_title, e.form_version) {
            doc.field(w.form, &format!("{title} ({} {v})", w.version), LABEL_W);
        }
        for a in &e.attachments {
            let label = format!("{} {}", w.attachment, appendix_number(d, e.id, a.number));
            let value = format!("{}, {} {}. SHA-256:", attachment_words(a, w), w.see_appendix, appendix_number(d, e.id, a.number));
            doc.field(&label, &value, LABEL_W);
            // The hash on a line of its own, never wrapped, so it can be read off and compared.
            doc.paragraph(&a.sha256, Style::BODY.size(8.5), LABEL_W);
        }
        if e.voided_by.is_some() {
            doc.paragraph(w.voided_later, Style::BOLD.color(RED), 0.0);
        }
        // In the order the form asked them; anything else after.
        let mut ordered: Vec<(&String, &Answer)> = Vec::with_capacity(e.answers.len());
        if let Some(f) = form {
            for key in &f.content.items {
                if let Some((k, a)) = e.answers.get_key_value(&key.to_string()) {
                    ordered.push((k, a));
                }
            }
        }
        for (k, a) in &e.answers {
            if !ordered.iter().any(|(o, _)| *o == k) {
                ordered.push((k, a));
            }
        }
        let rows: Vec<Vec<String>> = ordered
            .into_iter()
            .map(|(item, a)| {
                let key = ItemKey::parse(item);
                let (t, c, p) = match &key {
                    Some(k) => (
                        d.vocabulary.photo_type(&k.photo_type, lang).to_string(),
                        d.vocabulary.channel(&k.channel, lang).to_string(),
                        d.vocabulary.purpose(&k.purpose, lang).to_string(),
                    ),
                    None => (item.clone(), String::new(), String::new()),
                };
                let until = match (a, form) {
                    (Answer::Yes, Some(f)) => {
                        let term = f.content.term.valid_until(e.date, d.school_year_start, d.person.leave_date);
                        match d.leaving_ends_on {
                            // Leaving ended it before its term: say so, with the day.
                            Some(left) if term.is_none_or(|t| t > left) => w.until_left.replacen("{}", &date(left, lang), 1),
                            _ => until_words(term, w, lang),
                        }
                    }
                    _ => "—".into(),
                };
                vec![t, c, p, answer(*a, w).to_string(), until]
            })
            .collect();
        if !rows.is_empty() {
            doc.space(1.0);
            let small = Style::BODY.size(9.0);
            let cols = [
                Column { width: 42.0, style: small },
                Column { width: 30.0, style: small },
                Column { width: 40.0, style: small },
                Column { width: 27.0, style: Style::BOLD.size(9.0) },
                Column { width: CONTENT_W - 139.0, style: small },
            ];
            let header = [w.col_type, w.col_channel, w.col_purpose, w.col_answer, w.col_valid_until];
            doc.table(&cols, &header, &rows);
        }
        if let Some(f) = form {
            doc.paragraph(w.form_text, Style::SMALL.size(9.0).color(MUTED), 0.0);
            doc.paragraph(&f.content.text, Style::BODY.size(9.0), 4.0);
        }
        doc.space(2.0);
        doc.rule();
    }
}

fn notices(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words) {
    let lang = d.lang;
    section(doc, w.notices, w.notices_intro, d.notices.is_empty().then_some(w.no_notices));
    for n in d.notices {
        let mut to: Vec<String> = n.groups.clone();
        if n.all_staff {
            to.push(w.all_staff.to_string());
        }
        doc.heading(&format!("{} — {}", date(n.date, lang), to.join(", ")), Style::H3);
        let purposes: Vec<&str> = n.purposes.iter().map(|k| d.vocabulary.purpose(k, lang)).collect();
        let channels: Vec<&str> = n.channels.iter().map(|k| d.vocabulary.channel(k, lang)).collect();
        doc.field(w.purposes, &purposes.join(", "), LABEL_W);
        doc.field(w.channels, &channels.join(", "), LABEL_W);
        doc.paragraph(&n.text, Style::BODY.size(9.0), 4.0);
        doc.space(1.5);
    }
    doc.space(2.0);
}

fn outcome(o: Outcome, w: &Words) -> &'static str {
    match o {
        Outcome::Allowed => w.allowed,
        Outcome::Anonymise => w.anonymise,
        Outcome::Blocked => w.blocked,
    }
}

fn publications(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words) {
    let lang = d.lang;
    section(doc, w.publications, w.publications_intro, d.publications.is_empty().then_some(w.no_publications));
    if d.publications.is_empty() {
        doc.space(2.0);
        return;
    }
    let small = Style::BODY.size(8.5);
    let cols = [
        Column { width: 20.0, style: small },
        Column { width: 25.0, style: small },
        Column { width: 34.0, style: small },
        Column { width: 30.0, style: small },
        Column { width: CONTENT_W - 20.0 - 25.0 - 34.0 - 30.0 - 26.0, style: small },
        Column { width: 26.0, style: small },
    ];
    let rows: Vec<Vec<String>> = d
        .publications
        .iter()
        .map(|p| {
            let why =
                p.line.as_ref().map(|l| format!("{} — {}", outcome(p.outcome, w), l.rule.describe(lang))).unwrap_or_else(|| outcome(p.outcome, w).to_string());
            vec![
                date(p.published_on, lang),
                format!("#{} {}", p.photo, p.photo_name),
                format!("{} — {}", d.vocabulary.channel(&p.channel, lang), d.vocabulary.purpose(&p.purpose, lang)),
                p.place.clone(),
                why,
                p.removed_on.map(|r| date(r, lang)).unwrap_or_else(|| w.still_online.into()),
            ]
        })
        .collect();
    doc.table(&cols, &[w.col_date, w.col_photo, w.col_channel, w.col_where, w.col_verdict, w.col_removed], &rows);
    doc.space(2.0);
}

fn verification(doc: &mut Writer<'_>, d: &Dossier<'_>, w: &Words, printed: &str) {
    doc.heading(w.verification, Style::H2);
    doc.shaded(&[
        (format!("{}: {}", w.events, d.fingerprint.events), Style::BODY),
        // The hash on a line of its own, never wrapped, so it can be read off and compared.
        (format!("{}:", w.fingerprint), Style::BODY),
        (d.fingerprint.sha256.clone(), Style::BOLD.size(9.0)),
        (w.verify_how.replacen("{}", &d.person.id.to_string(), 1), Style::SMALL),
        (printed.to_string(), Style::SMALL),
    ]);
}
