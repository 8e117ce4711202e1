//! Consent forms on paper: blank for a form version, or filled in for a
//! person (name, group, guardians), with a tick box per item and signature
//! lines for whoever gives consent at that age. A whole group prints as one
//! PDF, one form per person, each numbered on its own.

use chrono::NaiveDate;

use super::layout::{Column, Style, Writer, CONTENT_W, MARGIN_X, MUTED};
use super::letterhead::{Letterhead, Part};
use super::{date, PdfError};
use crate::domain::consent::GivenByRole;
use crate::domain::form::FormVersion;
use crate::domain::person::Person;
use crate::i18n::Lang;

/// One form to print: for nobody (blank) or for a person.
pub struct PaperForm<'a> {
    pub person: Option<&'a Person>,
    /// Groups of the person on the print date.
    pub groups: Vec<String>,
    /// Who signs: the guardians, or the person from the age of own consent.
    /// `None` for a blank form (both options are printed).
    pub signs: Option<GivenByRole>,
}

pub struct FormPrint<'a> {
    pub lang: Lang,
    pub organisation: &'a str,
    pub form: &'a FormVersion,
    pub consent_age: u8,
    pub return_by: NaiveDate,
    pub forms: Vec<PaperForm<'a>>,
    /// The organisation's logo (PNG), for every page's header.
    pub logo: Option<&'a [u8]>,
}

struct Words {
    version: &'static str,
    name: &'static str,
    birth_date: &'static str,
    group: &'static str,
    guardians: &'static str,
    intro_items: &'static str,
    col_type: &'static str,
    col_channel: &'static str,
    col_purpose: &'static str,
    col_answer: &'static str,
    yes_no: &'static str,
    term: &'static str,
    withdraw: &'static str,
    return_by: &'static str,
    signature: &'static str,
    sign_guardian: &'static str,
    sign_self: &'static str,
    sign_self_from: &'static str,
    sign_name: &'static str,
    sign_date: &'static str,
    sign_here: &'static str,
    blank: &'static str,
}

const NL: Words = Words {
    version: "versie",
    name: "Naam",
    birth_date: "Geboortedatum",
    group: "Groep",
    guardians: "Ouders/voogden",
    intro_items: "Kruis per regel aan of u toestemming geeft. Een regel zonder kruisje telt als \"nee\".",
    col_type: "Soort beeld",
    col_channel: "Kanaal",
    col_purpose: "Doel",
    col_answer: "Toestemming",
    yes_no: "☐ ja     ☐ nee",
    term: "Geldigheid",
    withdraw: "U kunt uw toestemming altijd intrekken, even eenvoudig als u haar gaf: een bericht aan de administratie is genoeg.",
    return_by: "Graag ingevuld en ondertekend terug vóór",
    signature: "Ondertekening",
    sign_guardian: "Ouder/voogd",
    sign_self: "Ondertekend door de persoon zelf",
    sign_self_from: "Of, vanaf {} jaar, de persoon zelf",
    sign_name: "Naam",
    sign_date: "Datum",
    sign_here: "Handtekening",
    blank: "Blanco formulier",
};

const EN: Words = Words {
    version: "version",
    name: "Name",
    birth_date: "Date of birth",
    group: "Group",
    guardians: "Parents/guardians",
    intro_items: "Tick for every line whether you consent. A line without a tick counts as \"no\".",
    col_type: "Photo type",
    col_channel: "Channel",
    col_purpose: "Purpose",
    col_answer: "Consent",
    yes_no: "☐ yes     ☐ no",
    term: "Valid",
    withdraw: "You can withdraw your consent at any time, as easily as you gave it: a message to the office is enough.",
    return_by: "Please return filled in and signed before",
    signature: "Signature",
    sign_guardian: "Parent/guardian",
    sign_self: "Signed by the person themselves",
    sign_self_from: "Or, from age {}, the person themselves",
    sign_name: "Name",
    sign_date: "Date",
    sign_here: "Signature",
    blank: "Blank form",
};

/// The forms as one PDF.
pub fn render(p: &FormPrint<'_>) -> Result<Vec<u8>, PdfError> {
    let w = p.lang.pick(&NL, &EN);
    let first = p.forms.first().ok_or(PdfError::Empty)?;
    let title = format!("{} ({} {})", p.form.content.title, w.version, p.form.version);
    let letterhead = Letterhead { organisation: p.organisation, logo: p.logo, lang: p.lang };
    let mut doc = letterhead.start(&title, part(p, first, w))?;
    for (i, f) in p.forms.iter().enumerate() {
        if i > 0 {
            letterhead.next_part(&mut doc, part(p, f, w));
        }
        one(&mut doc, p, f, w);
    }
    Ok(doc.finish())
}

fn part(p: &FormPrint<'_>, f: &PaperForm<'_>, w: &Words) -> Part {
    Part {
        title: format!("{} ({} {})", p.form.content.title, w.version, p.form.version),
        footer_left: f.person.map(|x| x.name.clone()).unwrap_or_else(|| w.blank.to_string()),
        footer_middle: format!("{} {}", w.return_by, date(p.return_by, p.lang)),
    }
}

const LABEL_W: f32 = 38.0;

fn one(doc: &mut Writer<'_>, p: &FormPrint<'_>, f: &PaperForm<'_>, w: &Words) {
    let lang = p.lang;
    let c = &p.form.content;
    doc.title(&c.title, Style::H1.size(15.0));
    doc.paragraph(&format!("{} {}", w.version, p.form.version), Style::SMALL, 0.0);
    doc.space(2.0);
    match f.person {
        Some(person) => {
            doc.field(w.name, &person.name, LABEL_W);
            doc.field(w.birth_date, &person.birth_date.map(|b| date(b, lang)).unwrap_or_else(|| "—".into()), LABEL_W);
            doc.field(w.group, &if f.groups.is_empty() { "—".to_string() } else { f.groups.join(", ") }, LABEL_W);
            if !person.guardians.is_empty() {
                doc.field(w.guardians, &person.guardians.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join(", "), LABEL_W);
            }
        }
        None => {
            for label in [w.name, w.birth_date, w.group] {
                write_in(doc, label);
            }
        }
    }
    doc.space(3.0);
    doc.paragraph(&c.text, Style::BODY, 0.0);
    doc.space(3.0);
    doc.paragraph(w.intro_items, Style::BOLD, 0.0);
    doc.space(1.0);
    let label = |list: &[crate::domain::form::Choice], k: &str| {
        list.iter().find(|x| x.key == k).map(|x| x.label.get(lang).to_string()).unwrap_or_else(|| k.to_string())
    };
    let rows: Vec<Vec<String>> = c
        .items
        .iter()
        .map(|i| vec![label(&c.photo_types, &i.photo_type), label(&c.channels, &i.channel), label(&c.purposes, &i.purpose), w.yes_no.to_string()])
        .collect();
    let body = Style::BODY.size(9.5);
    let cols = [
        Column { width: 48.0, style: body },
        Column { width: 40.0, style: body },
        Column { width: 44.0, style: body },
        Column { width: CONTENT_W - 132.0, style: Style::BODY.size(11.0) },
    ];
    doc.table(&cols, &[w.col_type, w.col_channel, w.col_purpose, w.col_answer], &rows);
    doc.field(w.term, &c.term.describe(lang), LABEL_W);
    doc.space(1.0);
    doc.paragraph(w.withdraw, Style::SMALL.size(9.0), 0.0);
    doc.space(2.0);
    doc.paragraph(&format!("{} {}.", w.return_by, date(p.return_by, lang)), Style::BOLD, 0.0);
    signatures(doc, p, f, w);
}

/// A label with a line to write on.
fn write_in(doc: &mut Writer<'_>, label: &str) {
    let lh = Style::BODY.line_height() + 3.0;
    doc.ensure(lh);
    doc.space(3.0);
    let y = doc.cursor();
    doc.text_at(MARGIN_X, y - 1.0, label, Style::BODY.color(MUTED));
    doc.line(MARGIN_X + LABEL_W, y + 3.5, MARGIN_X + CONTENT_W, y + 3.5, MUTED, 0.5);
    doc.space(Style::BODY.line_height());
}

fn signatures(doc: &mut Writer<'_>, p: &FormPrint<'_>, f: &PaperForm<'_>, w: &Words) {
    // Who signs: the person (own consent), or one line per guardian (at least one, at most two).
    let blocks: Vec<String> = match (f.signs, f.person) {
        (Some(GivenByRole::SelfPerson), Some(person)) => {
            vec![format!("{} ({})", w.sign_self, person.name)]
        }
        (_, Some(person)) => {
            let names: Vec<String> = person.guardians.iter().take(2).map(|g| format!("{}: {}", w.sign_guardian, g.name)).collect();
            if names.is_empty() {
                vec![format!("{} 1", w.sign_guardian), format!("{} 2", w.sign_guardian)]
            } else {
                names
            }
        }
        (_, None) => vec![format!("{} 1", w.sign_guardian), format!("{} 2", w.sign_guardian), w.sign_self_from.replacen("{}", &p.consent_age.to_string(), 1)],
    };
    // Keep the signature part together on one page.
    let block_h = 4.0 * (Style::BODY.line_height() + 4.0);
    doc.ensure(Style::H2.line_height() + 4.0 + block_h * blocks.len().min(2) as f32);
    doc.heading(w.signature, Style::H3);
    for b in blocks {
        doc.ensure(block_h);
        doc.paragraph(&b, Style::BOLD, 0.0);
        for label in [w.sign_name, w.sign_date, w.sign_here] {
            write_in(doc, label);
        }
        doc.space(3.0);
    }
}
