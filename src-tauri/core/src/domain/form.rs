//! Consent forms: what is asked (photo types × channels × purposes), the text
//! a parent reads, and for how long an answer holds.

use crate::domain::dates::day;
use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::dates::{self, MonthDay};
use super::text::{self, shorten, Field};
use crate::i18n::{ErrorCode, Lang, UserFacing};

/// A label in both languages of the product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Label {
    pub nl: String,
    pub en: String,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.nl, &self.en)
    }
}

/// Who a form is for: children (their guardians, or themselves from the
/// age of own consent) or staff. Each person is offered only the forms for
/// them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    #[default]
    Children,
    Staff,
}

impl Audience {
    pub fn of(kind: crate::domain::person::PersonKind) -> Audience {
        match kind {
            crate::domain::person::PersonKind::Staff => Audience::Staff,
            crate::domain::person::PersonKind::Child => Audience::Children,
        }
    }
    pub fn is_children(&self) -> bool {
        *self == Audience::Children
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Children => "children",
            Audience::Staff => "staff",
        }
    }
    pub fn parse(s: &str) -> Option<Audience> {
        match s.trim() {
            "children" => Some(Audience::Children),
            "staff" => Some(Audience::Staff),
            _ => None,
        }
    }
}

/// How long a "yes" holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "date", rename_all = "kebab-case")]
pub enum Term {
    /// Until the end of the school year in which it was given.
    SchoolYear,
    /// Until the person leaves.
    SchoolCareer,
    /// Until and including a fixed date.
    Until(NaiveDate),
}

impl Term {
    pub fn parse(s: &str) -> Option<Term> {
        match s.trim() {
            "school-year" => Some(Term::SchoolYear),
            "school-career" => Some(Term::SchoolCareer),
            other => {
                let date = other.strip_prefix("until:")?;
                let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
                dates::check_range(d).ok().map(Term::Until)
            }
        }
    }

    pub fn as_string(self) -> String {
        match self {
            Term::SchoolYear => "school-year".into(),
            Term::SchoolCareer => "school-career".into(),
            Term::Until(d) => format!("until:{d}"),
        }
    }

    /// The last day on which an answer given on `given` holds; `None` while
    /// it has no end yet (a school career of someone who has not left).
    pub fn valid_until(self, given: NaiveDate, year_start: MonthDay, leave: Option<NaiveDate>) -> Option<NaiveDate> {
        match self {
            Term::SchoolYear => Some(year_start.school_year_end(given)),
            Term::SchoolCareer => leave,
            Term::Until(d) => Some(d),
        }
    }

    pub fn describe(self, lang: Lang) -> String {
        match self {
            Term::SchoolYear => lang.pick("tot het einde van het schooljaar", "until the end of the school year").into(),
            Term::SchoolCareer => lang.pick("tot het einde van de schoolloopbaan", "until the end of the school career").into(),
            Term::Until(d) => lang.pick(format!("tot en met {d}", d = day(d)), format!("until {d} inclusive", d = day(d))),
        }
    }
}

/// One question on a form: a photo type, used in a channel, for a purpose.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type)]
pub struct ItemKey {
    pub photo_type: String,
    pub channel: String,
    pub purpose: String,
}

impl ItemKey {
    pub fn parse(s: &str) -> Option<ItemKey> {
        let mut parts = s.trim().split('/');
        let (t, c, p) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || ![t, c, p].iter().all(|k| valid_key(k)) {
            return None;
        }
        Some(ItemKey { photo_type: t.into(), channel: c.into(), purpose: p.into() })
    }
}

impl std::fmt::Display for ItemKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}/{}", self.photo_type, self.channel, self.purpose)
    }
}

/// Keys are lowercase `a-z`, `0-9` and `-`, as in the form file.
pub fn valid_key(k: &str) -> bool {
    !k.is_empty() && k.len() <= 40 && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// One choice on a form (a photo type, a channel or a purpose): a key and its labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Choice {
    pub key: String,
    pub label: Label,
    /// A photo type that is posed by its nature (a class photo): everyone on
    /// such a photo is targeted, whatever its "posed" box says. Left out
    /// when false, so forms stored before it read and hash alike.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub posed: bool,
}

/// A photo type as written in a form file: its labels, and `posed = true`
/// for a type that is posed by its nature.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PhotoTypeEntry {
    nl: String,
    en: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    posed: bool,
}

fn to_choices(map: IndexMap<String, Label>) -> Vec<Choice> {
    map.into_iter().map(|(key, label)| Choice { key, label, posed: false }).collect()
}

fn to_map(list: &[Choice]) -> IndexMap<String, Label> {
    list.iter().map(|c| (c.key.clone(), c.label.clone())).collect()
}

fn type_choices(map: IndexMap<String, PhotoTypeEntry>) -> Vec<Choice> {
    map.into_iter().map(|(key, e)| Choice { key, label: Label { nl: e.nl, en: e.en }, posed: e.posed }).collect()
}

fn type_map(list: &[Choice]) -> IndexMap<String, PhotoTypeEntry> {
    list.iter().map(|c| (c.key.clone(), PhotoTypeEntry { nl: c.label.nl.clone(), en: c.label.en.clone(), posed: c.posed })).collect()
}

fn has_key(list: &[Choice], key: &str) -> bool {
    list.iter().any(|c| c.key == key)
}

/// Everything a form version says. Immutable once someone answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormContent {
    pub title: String,
    pub text: String,
    pub term: Term,
    /// Left out for children's forms, so forms stored before it read and
    /// write back alike.
    #[serde(default, skip_serializing_if = "Audience::is_children")]
    pub audience: Audience,
    pub photo_types: Vec<Choice>,
    pub channels: Vec<Choice>,
    pub purposes: Vec<Choice>,
    pub items: Vec<ItemKey>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("form file is not valid TOML at {line}:{column}: {message}")]
    Toml { message: String, line: usize, column: usize },
    #[error(transparent)]
    Text(#[from] crate::domain::text::TextError),
    #[error("form field missing or empty: {0}")]
    Missing(&'static str),
    #[error("bad key {0}")]
    BadKey(String),
    #[error("label missing for {0}")]
    Label(String),
    #[error("bad term {0}")]
    BadTerm(String),
    #[error("bad audience {0}")]
    BadAudience(String),
    #[error("bad item {0}")]
    BadItem(String),
    #[error("unknown key in item {item}: {key}")]
    UnknownInItem { item: String, key: String },
    #[error("item twice: {0}")]
    DuplicateItem(String),
}

impl UserFacing for FormError {
    fn code(&self) -> ErrorCode {
        match self {
            FormError::Toml { .. } => ErrorCode::FormToml,
            FormError::Text(e) => e.code(),
            FormError::Missing(_) => ErrorCode::FormMissing,
            FormError::BadKey(_) => ErrorCode::FormBadKey,
            FormError::Label(_) => ErrorCode::FormLabel,
            FormError::BadTerm(_) => ErrorCode::FormBadTerm,
            FormError::BadAudience(_) => ErrorCode::FormBadAudience,
            FormError::BadItem(_) => ErrorCode::FormBadItem,
            FormError::UnknownInItem { .. } => ErrorCode::FormUnknownKey,
            FormError::DuplicateItem(_) => ErrorCode::FormDuplicateItem,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            FormError::Toml { message, line: 0, .. } => lang.pick(
                format!(
                    "In het formulierbestand ontbreekt een onderdeel; zie het voorbeeld in de handleiding (technische melding: {}).",
                    shorten(message, 120)
                ),
                format!("The form file lacks a part; see the example in the manual (technical detail: {}).", shorten(message, 120)),
            ),
            FormError::Toml { message, line, column } => lang.pick(
                format!(
                    "Het formulierbestand klopt niet op regel {line}, kolom {column}; verbeter het daar en probeer opnieuw (technische melding: {}).",
                    shorten(message, 120)
                ),
                format!(
                    "The form file is wrong at line {line}, column {column}; correct it there and try again (technical detail: {}).",
                    shorten(message, 120)
                ),
            ),
            FormError::Text(e) => e.message(lang),
            FormError::Missing(field) => lang.pick(format!("Het formulier mist '{field}'. Vul dit in."), format!("The form lacks '{field}'. Fill it in.")),
            FormError::BadKey(k) => lang.pick(
                format!("De sleutel '{}' is ongeldig: gebruik alleen kleine letters a-z, cijfers en '-'.", shorten(k, 60)),
                format!("The key '{}' is not valid: use only lowercase a-z, digits and '-'.", shorten(k, 60)),
            ),
            FormError::Label(k) => lang.pick(
                format!("'{k}' heeft geen Nederlandse en Engelse omschrijving. Vul beide in."),
                format!("'{k}' lacks a Dutch and an English label. Fill in both."),
            ),
            FormError::BadTerm(t) => lang.pick(
                format!("De termijn '{}' is ongeldig. Kies school-year, school-career of until:JJJJ-MM-DD.", shorten(t, 60)),
                format!("The term '{}' is not valid. Use school-year, school-career or until:YYYY-MM-DD.", shorten(t, 60)),
            ),
            FormError::BadAudience(a) => lang.pick(
                format!("'{}' is geen doelgroep. Schrijf audience = \"children\" (kinderen en leerlingen) of \"staff\" (medewerkers).", shorten(a, 60)),
                format!("'{}' is not an audience. Write audience = \"children\" (children and pupils) or \"staff\" (staff members).", shorten(a, 60)),
            ),
            FormError::BadItem(i) => lang.pick(
                format!("'{}' is geen geldige vraag. Schrijf soort/kanaal/doel, bijv. klas/website/activiteiten.", shorten(i, 60)),
                format!("'{}' is not a valid item. Write type/channel/purpose, e.g. class/website/activities.", shorten(i, 60)),
            ),
            FormError::UnknownInItem { item, key } => lang.pick(
                format!("De vraag '{item}' noemt '{key}', maar die staat niet bij de soorten beeld, kanalen of doelen van het formulier."),
                format!("The item '{item}' names '{key}', which is not among the form's photo types, channels or purposes."),
            ),
            FormError::DuplicateItem(i) => {
                lang.pick(format!("De vraag '{i}' staat twee keer op het formulier."), format!("The item '{i}' is on the form twice."))
            }
        }
    }
}

/// The form file as written in TOML (see DESIGN.md, "Form file").
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormFile {
    title: String,
    text: String,
    term: String,
    /// `children` (default) or `staff`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    audience: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<Vec<String>>,
    photo_types: IndexMap<String, PhotoTypeEntry>,
    channels: IndexMap<String, Label>,
    purposes: IndexMap<String, Label>,
}

/// Where in the file a TOML error is, as an editor counts (from 1).
fn toml_error(src: &str, e: &toml::de::Error) -> FormError {
    // A missing field has no place in the file: say what is missing instead.
    if e.message().starts_with("missing field") {
        return FormError::Toml { message: e.message().replace('\n', " "), line: 0, column: 0 };
    }
    let at = e.span().map_or(0, |s| s.start).min(src.len());
    let before = src.get(..at).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    FormError::Toml { message: e.message().replace('\n', " "), line, column }
}

impl FormContent {
    pub fn from_toml(src: &str) -> Result<FormContent, FormError> {
        let file: FormFile = toml::from_str(src).map_err(|e| toml_error(src, &e))?;
        let term = Term::parse(&file.term).ok_or_else(|| FormError::BadTerm(file.term.clone()))?;
        let audience = match &file.audience {
            None => Audience::Children,
            Some(a) => Audience::parse(a).ok_or_else(|| FormError::BadAudience(a.clone()))?,
        };
        let items = match &file.items {
            Some(list) => list.iter().map(|s| ItemKey::parse(s).ok_or_else(|| FormError::BadItem(s.clone()))).collect::<Result<Vec<_>, _>>()?,
            None => {
                let mut all = Vec::new();
                for t in file.photo_types.keys() {
                    for c in file.channels.keys() {
                        for p in file.purposes.keys() {
                            all.push(ItemKey { photo_type: t.clone(), channel: c.clone(), purpose: p.clone() });
                        }
                    }
                }
                all
            }
        };
        let content = FormContent {
            title: file.title,
            text: file.text,
            term,
            audience,
            photo_types: type_choices(file.photo_types),
            channels: to_choices(file.channels),
            purposes: to_choices(file.purposes),
            items,
        };
        content.cleaned()
    }

    pub fn to_toml(&self) -> String {
        let file = FormFile {
            title: self.title.clone(),
            text: self.text.clone(),
            term: self.term.as_string(),
            audience: (!self.audience.is_children()).then(|| self.audience.as_str().to_string()),
            items: Some(self.items.iter().map(|i| i.to_string()).collect()),
            photo_types: type_map(&self.photo_types),
            channels: to_map(&self.channels),
            purposes: to_map(&self.purposes),
        };
        // Serialising plain strings and maps cannot fail.
        toml::to_string(&file).unwrap_or_default()
    }

    /// The content as kept: title, text and labels through the one text
    /// check (NFC, tidy lines), then validated.
    pub fn cleaned(&self) -> Result<FormContent, FormError> {
        let label = |l: &Label| -> Result<Label, FormError> { Ok(Label { nl: text::clean(Field::Label, &l.nl)?, en: text::clean(Field::Label, &l.en)? }) };
        let choices = |list: &[Choice]| -> Result<Vec<Choice>, FormError> {
            list.iter().map(|c| Ok(Choice { key: c.key.clone(), label: label(&c.label)?, posed: c.posed })).collect()
        };
        let content = FormContent {
            title: text::clean(Field::Title, &self.title)?,
            text: text::clean(Field::FormText, &self.text)?,
            term: self.term,
            audience: self.audience,
            photo_types: choices(&self.photo_types)?,
            channels: choices(&self.channels)?,
            purposes: choices(&self.purposes)?,
            items: self.items.clone(),
        };
        content.validate()?;
        Ok(content)
    }

    pub fn validate(&self) -> Result<(), FormError> {
        if self.title.trim().is_empty() {
            return Err(FormError::Missing("title"));
        }
        if self.text.trim().is_empty() {
            return Err(FormError::Missing("text"));
        }
        // The one text check per field: length, control characters.
        text::clean(Field::Title, &self.title)?;
        text::clean(Field::FormText, &self.text)?;
        for (what, map) in [("photo_types", &self.photo_types), ("channels", &self.channels), ("purposes", &self.purposes)] {
            if map.is_empty() {
                return Err(FormError::Missing(what));
            }
            let mut keys = std::collections::HashSet::new();
            for Choice { key, label, .. } in map {
                if !valid_key(key) || !keys.insert(key) {
                    return Err(FormError::BadKey(key.clone()));
                }
                if label.nl.trim().is_empty() || label.en.trim().is_empty() {
                    return Err(FormError::Label(key.clone()));
                }
                text::clean(Field::Label, &label.nl)?;
                text::clean(Field::Label, &label.en)?;
            }
        }
        if self.items.is_empty() {
            return Err(FormError::Missing("items"));
        }
        let mut seen = std::collections::HashSet::new();
        for item in &self.items {
            for (key, map) in [(&item.photo_type, &self.photo_types), (&item.channel, &self.channels), (&item.purpose, &self.purposes)] {
                if !has_key(map, key) {
                    return Err(FormError::UnknownInItem { item: item.to_string(), key: key.clone() });
                }
            }
            if !seen.insert(item) {
                return Err(FormError::DuplicateItem(item.to_string()));
            }
        }
        Ok(())
    }

    /// The item in words, e.g. "Klasfoto — Schoolkrant — Promotie".
    pub fn describe_item(&self, item: &ItemKey, lang: Lang) -> String {
        let get = |list: &[Choice], k: &str| list.iter().find(|c| c.key == k).map(|c| c.label.get(lang).to_string()).unwrap_or_else(|| k.to_string());
        format!("{} — {} — {}", get(&self.photo_types, &item.photo_type), get(&self.channels, &item.channel), get(&self.purposes, &item.purpose))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormSummary {
    pub id: i64,
    pub title: String,
    pub latest_version: u32,
    pub versions: u32,
    pub active: bool,
    pub builtin: Option<String>,
    /// Consent records given on any version of this form.
    pub answered: u32,
    /// Who answers it (the latest version's audience): children and their
    /// guardians, or staff.
    pub audience: Audience,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormVersion {
    /// Row id of this version (what consent records point at).
    pub version_id: i64,
    pub form: i64,
    pub version: u32,
    pub content: FormContent,
    pub created_at: String,
    /// True once someone answered it: it can no longer change.
    pub answered: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
title = "Toestemming beeldmateriaal 2026-2027"
text = """Beste ouder, ..."""
term = "school-year"
items = ["class/paper/activities", "class/social/promotion"]

[photo_types]
class = { nl = "Klasfoto", en = "Class photo", posed = true }
individual = { nl = "Individuele foto", en = "Individual photo" }

[channels]
paper = { nl = "Schoolkrant", en = "School paper" }
social = { nl = "Sociale media", en = "Social media" }

[purposes]
activities = { nl = "Bekendmaking van schoolactiviteiten", en = "Announcing school activities" }
promotion = { nl = "Promotie", en = "Promotion" }
"#;

    #[test]
    fn reads_the_design_example_and_round_trips() {
        let form = FormContent::from_toml(SAMPLE).unwrap();
        assert_eq!(form.items.len(), 2);
        assert_eq!(form.term, Term::SchoolYear);
        assert_eq!(form.photo_types.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(), ["class", "individual"]);
        assert_eq!(form.photo_types.iter().map(|c| c.posed).collect::<Vec<_>>(), [true, false]);
        let again = FormContent::from_toml(&form.to_toml()).unwrap();
        assert_eq!(again, form);
    }

    #[test]
    fn posed_is_left_out_where_false_so_older_forms_hash_alike() {
        let form = FormContent::from_toml(SAMPLE).unwrap();
        let json = serde_json::to_value(&form.photo_types).unwrap();
        assert_eq!(json[0]["posed"], serde_json::json!(true));
        assert!(json[1].get("posed").is_none());
        let older: Vec<Choice> = serde_json::from_str(r#"[{"key":"class","label":{"nl":"Klasfoto","en":"Class photo"}}]"#).unwrap();
        assert!(!older[0].posed);
        // A misspelt field on a photo type is an error, not silently nothing.
        let typo = SAMPLE.replace("posed = true", "posd = true");
        assert!(matches!(FormContent::from_toml(&typo), Err(FormError::Toml { .. })));
    }

    #[test]
    fn missing_items_means_every_combination() {
        let src = SAMPLE.replace("items = [\"class/paper/activities\", \"class/social/promotion\"]\n", "");
        let form = FormContent::from_toml(&src).unwrap();
        assert_eq!(form.items.len(), 2 * 2 * 2);
    }

    #[test]
    fn rejects_bad_forms_with_the_reason() {
        let cases = [
            (SAMPLE.replace("class/social/promotion", "class/tiktok/promotion"), "form.unknown_key"),
            (SAMPLE.replace("class/social/promotion", "class/social"), "form.bad_item"),
            (SAMPLE.replace("class/social/promotion", "class/paper/activities"), "form.duplicate_item"),
            (SAMPLE.replace("\"school-year\"", "\"forever\""), "form.bad_term"),
            (SAMPLE.replace("\"school-year\"", "\"until:2027-02-30\""), "form.bad_term"),
            (SAMPLE.replace("individual = ", "Individual = "), "form.bad_key"),
            (SAMPLE.replace("en = \"Promotion\"", "en = \"\""), "form.label"),
            (SAMPLE.replace("title = \"Toestemming beeldmateriaal 2026-2027\"", "title = \" \""), "form.missing"),
            (SAMPLE.replace("[purposes]", "[purposes\n"), "form.toml"),
            (format!("{SAMPLE}\nextra = 1\n").replace("extra = 1\n", "").replace("term =", "colour = \"red\"\nterm ="), "form.toml"),
        ];
        for (src, code) in cases {
            let err = FormContent::from_toml(&src).unwrap_err();
            assert_eq!(err.code(), code, "{err:?}");
            assert!(!err.message(Lang::Nl).is_empty());
        }
    }

    #[test]
    fn terms_end_where_they_should() {
        let aug = MonthDay::AUGUST_FIRST;
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(Term::SchoolYear.valid_until(d("2026-09-01"), aug, None), Some(d("2027-07-31")));
        assert_eq!(Term::SchoolCareer.valid_until(d("2026-09-01"), aug, None), None);
        assert_eq!(Term::SchoolCareer.valid_until(d("2026-09-01"), aug, Some(d("2030-07-01"))), Some(d("2030-07-01")));
        assert_eq!(Term::parse("until:2027-07-31").unwrap().valid_until(d("2026-09-01"), aug, None), Some(d("2027-07-31")));
        assert_eq!(Term::parse("until:2027-07-31").unwrap().as_string(), "until:2027-07-31");
    }
}
