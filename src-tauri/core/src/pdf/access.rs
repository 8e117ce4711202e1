//! "What we hold about you": the overview a person (or their guardian) gets
//! on a GDPR access request (article 15). It is the exit dossier's content
//! — personal data, consent history with the signed scans, publications —
//! opened with what the request is about, plus every photo the person is
//! tagged on as a thumbnail (only they recognisable, the rest a coarse
//! mosaic: article 15(4), a copy may not reveal others) and their rights.

use chrono::NaiveDate;

use super::date;
use super::layout::{Style, Writer, CONTENT_W};
use crate::i18n::Lang;

/// A photo the person is tagged on, as the overview shows it.
pub struct PhotoShown {
    pub id: i64,
    pub name: String,
    pub taken_on: Option<NaiveDate>,
    /// The thumbnail with only this person recognisable; `None` when the
    /// file could not be read or `withheld`.
    pub thumb: Option<image::RgbImage>,
    /// Not shown: where the person is on it is not marked, so the rest cannot be hidden.
    pub withheld: bool,
}

pub(super) struct AccessWords {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub intro: &'static str,
    pub photos: &'static str,
    pub photos_intro: &'static str,
    pub no_photos: &'static str,
    pub unreadable: &'static str,
    pub withheld: &'static str,
    pub rights: &'static str,
    pub rights_text: &'static str,
}

const NL: AccessWords = AccessWords {
    title: "Wat wij over u bewaren",
    subtitle: "Inzage in persoonsgegevens (AVG, artikel 15)",
    intro: "Dit overzicht bevat alle gegevens die {org} in Beeldakkoord over deze persoon bewaart: de persoonsgegevens, de toestemming voor beeldmateriaal met elke wijziging en intrekking (met de ondertekende formulieren als bijlage), de foto's waarop deze persoon is aangeduid en waar die zijn gepubliceerd. Gegevens die alleen over anderen gaan staan er niet in.",
    photos: "Foto's waarop deze persoon is aangeduid",
    photos_intro: "Verkleind. Alleen deze persoon is herkenbaar; de rest van elke foto is onherkenbaar gemaakt, want dit overzicht mag geen gegevens van anderen tonen.",
    no_photos: "Deze persoon is op geen enkele foto aangeduid.",
    unreadable: "(bestand niet leesbaar)",
    withheld: "(niet getoond: op deze foto is niet aangegeven waar deze persoon staat)",
    rights: "Uw rechten",
    rights_text: "U kunt toestemming op elk moment intrekken, even eenvoudig als u die gaf. U kunt vragen gegevens te verbeteren of te wissen, of het gebruik ervan te beperken. Vragen of bezwaren: neem contact op met de administratie of de functionaris gegevensbescherming van {org}. U kunt ook een klacht indienen bij de toezichthouder: in Nederland de Autoriteit Persoonsgegevens, in Vlaanderen de Gegevensbeschermingsautoriteit.",
};

const EN: AccessWords = AccessWords {
    title: "What we hold about you",
    subtitle: "Access to personal data (GDPR, article 15)",
    intro: "This overview holds all data {org} keeps about this person in Beeldakkoord: the personal data, the consent for images with every change and withdrawal (with the signed forms as appendices), the photos this person is tagged on and where they were published. Data that is only about others is not in it.",
    photos: "Photos this person is tagged on",
    photos_intro: "Reduced in size. Only this person is recognisable; the rest of each photo is made unrecognisable, as this overview may not show data of others.",
    no_photos: "This person is tagged on no photo.",
    unreadable: "(file cannot be read)",
    withheld: "(not shown: where this person is on the photo is not marked)",
    rights: "Your rights",
    rights_text: "You can withdraw consent at any time, as easily as you gave it. You can ask for data to be corrected or erased, or for its use to be restricted. Questions or objections: contact the office or the data protection officer of {org}. You can also lodge a complaint with the supervisory authority: in the Netherlands the Autoriteit Persoonsgegevens, in Flanders the Gegevensbeschermingsautoriteit.",
};

pub(super) fn words(lang: Lang) -> &'static AccessWords {
    lang.pick(&NL, &EN)
}

/// What the request is about, under the title.
pub(super) fn intro(doc: &mut Writer<'_>, org: &str, lang: Lang) {
    doc.paragraph(&words(lang).intro.replace("{org}", org), Style::BODY.size(9.5), 0.0);
    doc.space(3.0);
}

/// Every photo as a thumbnail, three to a row, with its number, name and date.
pub(super) fn photos(doc: &mut Writer<'_>, photos: &[PhotoShown], lang: Lang) {
    let w = words(lang);
    doc.heading(w.photos, Style::H2);
    doc.paragraph(w.photos_intro, Style::SMALL.size(9.0), 0.0);
    doc.space(1.5);
    if photos.is_empty() {
        doc.paragraph(w.no_photos, Style::BODY, 0.0);
        doc.space(2.0);
        return;
    }
    const COLS: usize = 3;
    const GAP: f32 = 5.0;
    let cell_w = (CONTENT_W - GAP * (COLS - 1) as f32) / COLS as f32;
    for row in photos.chunks(COLS) {
        let cells: Vec<(Option<&image::RgbImage>, String)> = row
            .iter()
            .map(|p| {
                let when = p.taken_on.map(|d| format!(" — {}", date(d, lang))).unwrap_or_default();
                let note = match (&p.thumb, p.withheld) {
                    (_, true) => format!(" {}", w.withheld),
                    (None, false) => format!(" {}", w.unreadable),
                    (Some(_), false) => String::new(),
                };
                let caption = format!("#{} {}{when}{note}", p.id, p.name);
                (p.thumb.as_ref(), caption)
            })
            .collect();
        doc.image_row(&cells, cell_w, GAP, 38.0);
    }
    doc.space(2.0);
}

/// The person's rights and where to go.
pub(super) fn rights(doc: &mut Writer<'_>, org: &str, lang: Lang) {
    let w = words(lang);
    doc.heading(w.rights, Style::H2);
    doc.paragraph(&w.rights_text.replace("{org}", org), Style::BODY.size(9.5), 0.0);
    doc.space(2.0);
}
