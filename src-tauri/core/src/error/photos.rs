//! Errors of one area: photos in the library: tags, boxes, the uses they are checked for, publications.

use crate::domain::dates::day;
use chrono::NaiveDate;

use crate::decision::verdict::Rule;
use crate::domain::text::{shorten, some_of};
use crate::i18n::{ErrorCode, Lang, UserFacing};

/// Which list of a form's keys a key was looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    PhotoType,
    Channel,
    Purpose,
}

/// Someone who blocks a use: tagged without a box and not fine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockedPerson {
    /// The name; `None` for a box nobody named.
    pub name: Option<String>,
    pub person: Option<i64>,
    pub rule: Rule,
}

impl BlockedPerson {
    fn describe(&self, lang: Lang) -> String {
        let who = match (&self.name, self.person) {
            (Some(n), _) => n.clone(),
            (None, Some(p)) => format!("#{p}"),
            (None, None) => lang.pick("onbekende persoon", "unknown person").to_string(),
        };
        format!("{who}: {}", self.rule.describe(lang))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PhotoUseError {
    #[error("unknown photo {0}")]
    UnknownPhoto(i64),
    #[error("unknown {kind:?} {key}")]
    UnknownKey { kind: KeyKind, key: String, known: Vec<String> },
    #[error("box outside")]
    BoxOutside { width: u32, height: u32 },
    #[error("left before photo")]
    LeftBeforePhoto { name: String, left: NaiveDate, taken: NaiveDate },
    #[error("not tagged")]
    NotTagged(i64),
    #[error("unknown tag {0}")]
    UnknownTag(i64),
    #[error("blocked")]
    Blocked { nobody_tagged: bool, people: Vec<BlockedPerson> },
    #[error("unknown publication {0}")]
    UnknownPublication(i64),
    #[error("already removed")]
    AlreadyRemoved(NaiveDate),
    #[error("removed before published")]
    RemovedBeforePublished(NaiveDate),
    #[error("place empty")]
    PlaceEmpty,
}

impl UserFacing for PhotoUseError {
    fn code(&self) -> ErrorCode {
        match self {
            PhotoUseError::UnknownPhoto(_) => ErrorCode::PhotoUnknown,
            PhotoUseError::UnknownKey { kind: KeyKind::PhotoType, .. } => ErrorCode::PhotoUnknownType,
            PhotoUseError::UnknownKey { kind: KeyKind::Channel, .. } => ErrorCode::PhotoUnknownChannel,
            PhotoUseError::UnknownKey { kind: KeyKind::Purpose, .. } => ErrorCode::PhotoUnknownPurpose,
            PhotoUseError::BoxOutside { .. } => ErrorCode::PhotoBoxOutside,
            PhotoUseError::LeftBeforePhoto { .. } => ErrorCode::PhotoPersonLeft,
            PhotoUseError::NotTagged(_) => ErrorCode::PhotoNotTagged,
            PhotoUseError::UnknownTag(_) => ErrorCode::PhotoUnknownTag,
            PhotoUseError::Blocked { .. } => ErrorCode::PhotoBlocked,
            PhotoUseError::UnknownPublication(_) => ErrorCode::PublicationUnknown,
            PhotoUseError::AlreadyRemoved(_) => ErrorCode::PublicationAlreadyRemoved,
            PhotoUseError::RemovedBeforePublished(_) => ErrorCode::PublicationRemovedBeforePublished,
            PhotoUseError::PlaceEmpty => ErrorCode::PublicationPlace,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            PhotoUseError::UnknownPhoto(id) => lang.pick(format!("Er is geen foto met nummer {id}."), format!("There is no photo with number {id}.")),
            PhotoUseError::UnknownKey { kind, key, known } => {
                let (nl, en) = match kind {
                    KeyKind::PhotoType => ("soort beeld", "photo type"),
                    KeyKind::Channel => ("kanaal", "channel"),
                    KeyKind::Purpose => ("doel", "purpose"),
                };
                lang.pick(
                    format!("'{}' is geen {nl} uit de formulieren. Mogelijk: {}.", shorten(key, 60), some_of(known, 12, lang)),
                    format!("'{}' is not a {en} of the forms. Known: {}.", shorten(key, 60), some_of(known, 12, lang)),
                )
            }
            PhotoUseError::BoxOutside { width, height } => lang.pick(
                format!("Het vak valt (deels) buiten de foto ({width}×{height} pixels). Teken het vak binnen de foto."),
                format!("The box lies (partly) outside the photo ({width}×{height} pixels). Draw it inside the photo."),
            ),
            PhotoUseError::LeftBeforePhoto { name, left, taken } => lang.pick(
                format!("{name} is vertrokken op {left}, vóór de foto van {taken} gemaakt is. Kies de juiste persoon."),
                format!("{name} left on {left}, before the photo of {taken} was taken. Choose the right person."),
            ),
            PhotoUseError::NotTagged(p) => lang.pick(format!("Persoon {p} staat niet op deze foto."), format!("Person {p} is not tagged in this photo.")),
            PhotoUseError::UnknownTag(id) => lang.pick(
                format!("Dit vak ({id}) staat niet (meer) op deze foto. Laad de foto opnieuw."),
                format!("This box ({id}) is not (or no longer) on this photo. Reload the photo."),
            ),
            PhotoUseError::Blocked { nobody_tagged, people } => {
                let who: Vec<String> = if *nobody_tagged {
                    vec![lang.pick("niemand getagd", "nobody tagged").to_string()]
                } else {
                    people.iter().map(|p| p.describe(lang)).collect()
                };
                let who = some_of(&who, 5, lang);
                lang.pick(
                    format!("Deze foto mag voor dit gebruik niet gebruikt worden: {who}. Tag of vraag toestemming, of kies een ander gebruik."),
                    format!("This photo may not be used for this: {who}. Tag, ask for consent, or choose another use."),
                )
            }
            PhotoUseError::UnknownPublication(id) => {
                lang.pick(format!("Er is geen publicatie met nummer {id}."), format!("There is no publication with number {id}."))
            }
            PhotoUseError::AlreadyRemoved(d) => lang
                .pick(format!("Deze publicatie is al verwijderd op {d}.", d = day(d)), format!("This publication was already taken down on {d}.", d = day(d))),
            PhotoUseError::RemovedBeforePublished(d) => lang.pick(
                format!("Een publicatie kan niet verwijderd zijn vóór ze geplaatst werd ({d}).", d = day(d)),
                format!("A publication cannot be taken down before it was published ({d}).", d = day(d)),
            ),
            PhotoUseError::PlaceEmpty => lang.pick(
                "Schrijf waar de foto geplaatst is (bijv. de pagina of de nieuwsbrief).".into(),
                "Write where the photo was published (e.g. the page or the newsletter).".into(),
            ),
        }
    }
}
