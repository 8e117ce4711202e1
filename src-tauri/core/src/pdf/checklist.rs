//! The re-consent checklist: per group, who has to be asked again and why,
//! with boxes to tick when the form went out and when it came back.

use chrono::NaiveDate;

use super::dossier::Vocabulary;
use super::layout::{Column, Style, CONTENT_W};
use super::letterhead::{Letterhead, Part};
use super::{date, PdfError};
use crate::decision::reconsent::ReconsentLine;
use crate::domain::form::ItemKey;
use crate::i18n::Lang;

pub struct Checklist<'a> {
    pub lang: Lang,
    pub organisation: &'a str,
    pub at: NaiveDate,
    pub group: Option<&'a str>,
    pub lines: &'a [ReconsentLine],
    pub vocabulary: &'a Vocabulary,
    /// The organisation's logo (PNG), for every page's header.
    pub logo: Option<&'a [u8]>,
}

pub fn render(c: &Checklist<'_>) -> Result<Vec<u8>, PdfError> {
    let lang = c.lang;
    let title = lang.pick("Toestemming opnieuw vragen", "Asking for consent again");
    let letterhead = Letterhead { organisation: c.organisation, logo: c.logo, lang };
    let mut doc = letterhead.start(
        title,
        Part {
            title: format!("{title} — {}", date(c.at, lang)),
            footer_left: c.group.map(String::from).unwrap_or_else(|| lang.pick("Alle groepen", "All groups").to_string()),
            footer_middle: String::new(),
        },
    )?;
    doc.title(title, Style::H1);
    doc.paragraph(&format!("{} {}", lang.pick("Stand op", "As on"), date(c.at, lang)), Style::SMALL.size(9.5), 0.0);
    doc.space(2.0);
    if c.lines.is_empty() {
        doc.paragraph(lang.pick("Niemand hoeft nu opnieuw gevraagd te worden.", "Nobody needs to be asked again now."), Style::BODY, 0.0);
        return Ok(doc.finish());
    }
    let small = Style::BODY.size(9.0);
    let cols = [
        Column { width: 38.0, style: Style::BOLD.size(9.0) },
        Column { width: 38.0, style: small },
        Column { width: CONTENT_W - 38.0 - 38.0 - 42.0, style: Style::BODY.size(8.5) },
        Column { width: 24.0, style: Style::BODY.size(14.0) },
        Column { width: 18.0, style: Style::BODY.size(14.0) },
    ];
    let header = [
        lang.pick("Naam", "Name"),
        lang.pick("Reden", "Reason"),
        lang.pick("Onderdelen", "Items"),
        lang.pick("Verstuurd", "Sent"),
        lang.pick("Terug", "Returned"),
    ];
    let no_group = lang.pick("Zonder groep", "No group").to_string();
    let mut groups: Vec<&String> = c.lines.iter().map(|l| l.groups.first().unwrap_or(&no_group)).collect();
    groups.dedup();
    for g in groups {
        doc.heading(g, Style::H2);
        let rows: Vec<Vec<String>> = c
            .lines
            .iter()
            .filter(|l| l.groups.first().unwrap_or(&no_group) == g)
            .map(|l| {
                let items: Vec<String> = l
                    .items
                    .iter()
                    .map(|i| match ItemKey::parse(i) {
                        Some(k) => format!(
                            "• {} — {} — {}",
                            c.vocabulary.photo_type(&k.photo_type, lang),
                            c.vocabulary.channel(&k.channel, lang),
                            c.vocabulary.purpose(&k.purpose, lang)
                        ),
                        None => i.clone(),
                    })
                    .collect();
                vec![l.name.clone(), l.reason.describe(lang).to_string(), items.join("\n"), "☐".into(), "☐".into()]
            })
            .collect();
        doc.table(&cols, &header, &rows);
    }
    Ok(doc.finish())
}
