//! One check for every text that enters Beeldakkoord, whatever the way in
//! (roster file, form file, command line, window): normalised to NFC, no
//! control characters or invisible direction overrides, and a length limit
//! per kind of field, so the limits agree everywhere.

use unicode_normalization::UnicodeNormalization;

use crate::i18n::{ErrorCode, Lang, UserFacing};

/// Kinds of text field, each with its own limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A person's name.
    Name,
    Organisation,
    Group,
    Guardian,
    /// Who gave or withdrew consent.
    GivenBy,
    /// A pupil number from the roster.
    Number,
    /// Where a photo was published.
    Place,
    /// Why an entry was voided.
    Reason,
    /// A form's title.
    Title,
    /// A label of a photo type, channel or purpose.
    Label,
    /// The full text of a consent form (several lines).
    FormText,
    /// The text of an information notice (several lines).
    NoticeText,
}

impl Field {
    /// Most characters the field may hold.
    pub const fn max(self) -> usize {
        match self {
            Field::Name | Field::Organisation | Field::Group | Field::Guardian | Field::GivenBy => 200,
            Field::Number => 50,
            Field::Place | Field::Reason | Field::Title | Field::Label => 500,
            Field::FormText => 50_000,
            Field::NoticeText => 20_000,
        }
    }

    fn multiline(self) -> bool {
        matches!(self, Field::FormText | Field::NoticeText)
    }

    fn is_name(self) -> bool {
        matches!(self, Field::Name | Field::Organisation | Field::Group | Field::Guardian | Field::GivenBy)
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Field::Name => lang.pick("de naam", "the name"),
            Field::Organisation => lang.pick("de naam van de organisatie", "the organisation's name"),
            Field::Group => lang.pick("de groepsnaam", "the group name"),
            Field::Guardian => lang.pick("de naam van de ouder/voogd", "the guardian's name"),
            Field::GivenBy => lang.pick("de naam van wie toestemming gaf", "the name of who gave consent"),
            Field::Number => lang.pick("het leerlingnummer", "the pupil number"),
            Field::Place => lang.pick("de plaats van publicatie", "the place of publication"),
            Field::Reason => lang.pick("de reden", "the reason"),
            Field::Title => lang.pick("de titel", "the title"),
            Field::Label => lang.pick("de omschrijving", "the label"),
            Field::FormText => lang.pick("de formuliertekst", "the form text"),
            Field::NoticeText => lang.pick("de tekst van het bericht", "the notice text"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("{field:?} too long ({len} > {})", field.max())]
    TooLong { field: Field, len: usize },
    #[error("{field:?} has control character U+{code:04X}")]
    Control { field: Field, code: u32 },
}

impl TextError {
    /// The problem as part of a sentence (for lists such as a roster's).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            TextError::TooLong { field, len } => lang.pick(
                format!("{} is te lang ({len} tekens; hoogstens {})", field.describe(lang), field.max()),
                format!("{} is too long ({len} characters; at most {})", field.describe(lang), field.max()),
            ),
            TextError::Control { field, code } => lang.pick(
                format!("{} bevat een onzichtbaar stuurteken (U+{code:04X}); typ de tekst opnieuw", field.describe(lang)),
                format!("{} contains an invisible control character (U+{code:04X}); type the text again", field.describe(lang)),
            ),
        }
    }
}

impl UserFacing for TextError {
    fn code(&self) -> ErrorCode {
        match self {
            TextError::TooLong { field, .. } if field.is_name() => ErrorCode::InputNameTooLong,
            TextError::TooLong { .. } => ErrorCode::InputTextTooLong,
            TextError::Control { .. } => ErrorCode::InputControlCharacter,
        }
    }
    fn message(&self, lang: Lang) -> String {
        let mut s = self.describe(lang);
        // A sentence starts with a capital.
        if let Some(first) = s.get(..1) {
            s = first.to_uppercase() + &s[1..];
        }
        s + "."
    }
}

/// Invisible characters that are refused: control characters (C0, C1,
/// DEL) and the overrides that turn the order of letters around on screen.
fn forbidden(c: char, multiline: bool) -> bool {
    if multiline && matches!(c, '\n' | '\t') {
        return false;
    }
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The text as it is kept: NFC; one line with single spaces, or for
/// multi-line fields as written with `\n` line ends. Empty stays
/// empty: whether a field may be empty is the caller's rule.
pub fn clean(field: Field, raw: &str) -> Result<String, TextError> {
    let multiline = field.multiline();
    // A tab in a one-line field is a space; a line break there is refused.
    let unified = if multiline { raw.replace("\r\n", "\n").replace('\r', "\n") } else { raw.replace('\t', " ") };
    if let Some(c) = unified.chars().find(|c| forbidden(*c, multiline)) {
        return Err(TextError::Control { field, code: u32::from(c) });
    }
    let normal: String = unified.nfc().collect();
    // Several lines are kept as written (the exact text a parent read); one line is tidied.
    let out = if multiline { normal } else { normal.split_whitespace().collect::<Vec<_>>().join(" ") };
    let len = out.chars().count();
    if len > field.max() {
        return Err(TextError::TooLong { field, len });
    }
    Ok(out)
}

/// A text for a message: at most `max` characters (then "…"), control
/// characters shown as `�`, so an error can never grow with its input or
/// steer a terminal.
pub fn shorten(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).map(|c| if forbidden(c, false) { '\u{FFFD}' } else { c }).collect();
    if s.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// At most `n` names, then how many more: messages stay short whatever the input.
pub fn some_of(names: &[String], n: usize, lang: Lang) -> String {
    let mut shown: Vec<String> = names.iter().take(n).map(|s| shorten(s, 60)).collect();
    if names.len() > n {
        shown.push(lang.pick(format!("en {} meer", names.len() - n), format!("and {} more", names.len() - n)));
    }
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_normalised_and_tidied() {
        // "e" + combining diaeresis becomes one "ë".
        assert_eq!(clean(Field::Name, "  Zoe\u{0308}   van\tDijk ").unwrap(), "Zoë van Dijk");
        assert_eq!(clean(Field::Name, "Zoë van Dijk").unwrap().len(), "Zoë van Dijk".len());
        assert_eq!(clean(Field::Name, "   ").unwrap(), "");
    }

    #[test]
    fn control_characters_and_overrides_are_refused() {
        for bad in ["An\0na", "Anna\nvan Dijk", "An\u{1b}[31mna", "Anna\u{7f}", "An\u{202E}na", "An\u{85}na"] {
            assert!(matches!(clean(Field::Name, bad), Err(TextError::Control { .. })), "{bad:?}");
        }
        assert!(matches!(clean(Field::NoticeText, "Beste ouder,\u{7}\nwe"), Err(TextError::Control { code: 7, .. })));
        assert_eq!(clean(Field::NoticeText, "Beste ouder,\r\n\r\nwe maken\tfoto's.\n").unwrap(), "Beste ouder,\n\nwe maken\tfoto's.\n");
    }

    #[test]
    fn limits_per_field_count_characters_not_bytes() {
        assert!(clean(Field::Name, &"ë".repeat(200)).is_ok());
        assert_eq!(clean(Field::Name, &"ë".repeat(201)), Err(TextError::TooLong { field: Field::Name, len: 201 }));
        assert!(clean(Field::Place, &"x".repeat(500)).is_ok());
        assert!(clean(Field::Place, &"x".repeat(501)).is_err());
    }

    #[test]
    fn messages_stay_short_and_clean() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten(&"x".repeat(10_000), 5), "xxxxx…");
        assert_eq!(shorten("a\u{1b}b", 5), "a\u{FFFD}b");
        let m = clean(Field::Name, &"x".repeat(5000)).unwrap_err().message(Lang::Nl);
        assert!(m.starts_with("De naam is te lang (5000 tekens; hoogstens 200)") && !m.contains(".."), "{m}");
    }
}
