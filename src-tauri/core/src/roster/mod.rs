//! Reading a roster export (CSV as school administration systems write it):
//! Dutch or English headers, `,` or `;`, UTF-8 with or without BOM, or
//! Windows-1252. Parsing is all-or-nothing: every problem is reported with
//! the line as a spreadsheet numbers it, and no row is applied.

use chrono::NaiveDate;

use crate::domain::dates::{check_not_future, day, parse_date, DateError};
use crate::domain::person::{check_leave_date, normalise_name, LeaveProblem, PersonKind};
use crate::domain::text::{self, shorten, some_of, TextError};
use crate::i18n::{ErrorCode, Lang, UserFacing};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    /// Line as a spreadsheet shows it (the header is line 1).
    pub line: usize,
    pub external_id: Option<String>,
    pub name: String,
    pub kind: PersonKind,
    pub birth_date: Option<NaiveDate>,
    pub group: Option<String>,
    pub guardians: Vec<String>,
    pub leave_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Csv,
    /// Fewer cells than the header; `quote` when an opening quote was never closed.
    TooFewFields {
        found: usize,
        expected: usize,
        quote: bool,
    },
    TooManyFields {
        found: usize,
        expected: usize,
    },
    MissingName,
    Text(TextError),
    Date(DateError),
    Kind(String),
    DuplicateRow {
        first_line: usize,
    },
    GuardianForStaff,
    Leave(LeaveProblem),
}

impl Problem {
    fn describe(&self, lang: Lang) -> String {
        match self {
            Problem::Csv => lang.pick("de regel is geen geldige CSV".into(), "the line is not valid CSV".into()),
            Problem::TooFewFields { found, expected, quote: false } => lang.pick(
                format!("de regel heeft {}, de kopregel {expected}", fields(*found, lang)),
                format!("the line has {}, the header {expected}", fields(*found, lang)),
            ),
            Problem::TooFewFields { found, expected, quote: true } => lang.pick(
                format!("de regel heeft {}, de kopregel {expected}: een aanhalingsteken (\") wordt niet afgesloten", fields(*found, lang)),
                format!("the line has {}, the header {expected}: a quote (\") is never closed", fields(*found, lang)),
            ),
            Problem::TooManyFields { found, expected } => lang.pick(
                format!("de regel heeft {}, de kopregel maar {expected}", fields(*found, lang)),
                format!("the line has {}, the header only {expected}", fields(*found, lang)),
            ),
            Problem::MissingName => lang.pick("de naam is leeg".into(), "the name is empty".into()),
            Problem::Text(e) => e.describe(lang),
            Problem::Date(e) => e.message(lang).trim_end_matches('.').to_string(),
            Problem::Kind(k) => lang.pick(
                format!("'{}' is geen soort; gebruik leerling/kind of personeel", shorten(k, 40)),
                format!("'{}' is not a kind; use child/pupil or staff", shorten(k, 40)),
            ),
            Problem::DuplicateRow { first_line } => {
                lang.pick(format!("deze persoon staat ook al op regel {first_line}"), format!("this person is also on line {first_line}"))
            }
            Problem::GuardianForStaff => lang.pick("een medewerker kan geen ouder/voogd hebben".into(), "a staff member cannot have a guardian".into()),
            Problem::Leave(LeaveProblem::BeforeBirth(_)) => {
                lang.pick("de vertrekdatum ligt vóór de geboortedatum".into(), "the leave date is before the birth date".into())
            }
            Problem::Leave(LeaveProblem::BeforeConsent(last)) => lang.pick(
                format!("de vertrekdatum ligt vóór toestemming die al is vastgelegd ({last})", last = day(last)),
                format!("the leave date is before consent already recorded ({last})", last = day(last)),
            ),
            Problem::Leave(LeaveProblem::TooFarAhead(latest)) => lang.pick(
                format!("de vertrekdatum ligt meer dan een jaar vooruit (hoogstens {latest})", latest = day(latest)),
                format!("the leave date is more than a year ahead (at most {latest})", latest = day(latest)),
            ),
        }
    }
}

/// "1 veld", "3 velden".
fn fields(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::Nl) => "1 veld".into(),
        (n, Lang::Nl) => format!("{n} velden"),
        (1, _) => "1 field".into(),
        (n, _) => format!("{n} fields"),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    /// The column as named in the file's header; empty for a whole-line problem.
    pub column: String,
    pub problem: Problem,
}

impl RowError {
    pub fn describe(&self, lang: Lang) -> String {
        let what = self.problem.describe(lang);
        if self.column.is_empty() {
            lang.pick(format!("regel {}: {what}", self.line), format!("line {}: {what}", self.line))
        } else {
            lang.pick(format!("regel {}, kolom '{}': {what}", self.line, self.column), format!("line {}, column '{}': {what}", self.line, self.column))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    #[error("roster file is empty")]
    Empty,
    #[error("no name column")]
    NoNameColumn { found: Vec<String> },
    #[error("column twice: {0}")]
    DuplicateColumn(String),
    #[error("{} problems in roster", .0.len())]
    Rows(Vec<RowError>),
}

/// At most this many problems are spelled out; the count says the rest.
const SHOWN_PROBLEMS: usize = 10;

impl UserFacing for RosterError {
    fn code(&self) -> ErrorCode {
        match self {
            RosterError::Empty => ErrorCode::RosterEmpty,
            RosterError::NoNameColumn { .. } => ErrorCode::RosterNoNameColumn,
            RosterError::DuplicateColumn(_) => ErrorCode::RosterDuplicateColumn,
            RosterError::Rows(_) => ErrorCode::RosterInvalid,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            RosterError::Empty => lang.pick(
                "Het bestand is leeg of heeft alleen een kopregel. Er is niets ingelezen.".into(),
                "The file is empty or has only a header line. Nothing was imported.".into(),
            ),
            RosterError::NoNameColumn { found } => lang.pick(
                format!(
                    "Regel 1 heeft geen kolom 'naam' (of 'voornaam' en 'achternaam'). Gevonden kolommen: {}. Er is niets ingelezen.",
                    some_of(found, 10, lang)
                ),
                format!("Line 1 has no 'name' column (or 'first name' and 'last name'). Columns found: {}. Nothing was imported.", some_of(found, 10, lang)),
            ),
            RosterError::DuplicateColumn(c) => lang.pick(
                format!("Regel 1: de kolom '{}' staat er twee keer in. Er is niets ingelezen.", shorten(c, 60)),
                format!("Line 1: the column '{}' appears twice. Nothing was imported.", shorten(c, 60)),
            ),
            RosterError::Rows(errors) => {
                let mut shown: Vec<String> = errors.iter().take(SHOWN_PROBLEMS).map(|e| e.describe(lang)).collect();
                if errors.len() > SHOWN_PROBLEMS {
                    shown.push(lang.pick(format!("en nog {} fouten", errors.len() - SHOWN_PROBLEMS), format!("and {} more", errors.len() - SHOWN_PROBLEMS)));
                }
                lang.pick(
                    format!("Er is niets ingelezen: {} fout(en) in het bestand. {}. Verbeter het bestand en probeer opnieuw.", errors.len(), shown.join("; ")),
                    format!("Nothing was imported: {} problem(s) in the file. {}. Correct the file and try again.", errors.len(), shown.join("; ")),
                )
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    First,
    Infix,
    Last,
    Birth,
    Group,
    Kind,
    Guardian,
    Leave,
}

/// Header cells compare without case, spaces or punctuation.
fn header_key(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn field_of(header: &str) -> Option<Field> {
    let k = header_key(header);
    let is = |names: &[&str]| names.contains(&k.as_str());
    if is(&["id", "nummer", "nr", "leerlingnummer", "stamnummer", "personeelsnummer", "number", "studentnumber", "pupilnumber", "externalid", "key", "sleutel"])
    {
        Some(Field::Id)
    } else if is(&["naam", "name", "volledigenaam", "fullname", "leerling", "pupil"]) {
        Some(Field::Name)
    } else if is(&["voornaam", "roepnaam", "firstname", "givenname"]) {
        Some(Field::First)
    } else if is(&["tussenvoegsel", "tussenvoegsels", "voorvoegsel", "infix", "prefix"]) {
        Some(Field::Infix)
    } else if is(&["achternaam", "familienaam", "lastname", "surname", "familyname"]) {
        Some(Field::Last)
    } else if is(&["geboortedatum", "geboren", "birthdate", "dateofbirth", "dob"]) {
        Some(Field::Birth)
    } else if is(&["groep", "klas", "klasgroep", "group", "class", "stamgroep"]) {
        Some(Field::Group)
    } else if is(&["soort", "type", "kind", "rol", "role", "categorie", "category"]) {
        Some(Field::Kind)
    } else if is(&["vertrekdatum", "uitschrijfdatum", "einddatum", "datumvertrek", "datumuitschrijving", "leavedate", "leftdate", "enddate", "leavingdate"]) {
        Some(Field::Leave)
    } else if ["ouder", "voogd", "verzorger", "guardian", "parent"]
        .iter()
        .any(|p| k.starts_with(p) || k.starts_with(&format!("naam{p}")) || k.starts_with(&format!("{p}naam")))
    {
        Some(Field::Guardian)
    } else {
        None
    }
}

/// The separator used in the header line: `;`, `,` or tab, whichever is most common outside quotes.
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut counts = [(b';', 0), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for c in counts.iter_mut() {
                if c.0 == b {
                    c.1 += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|c| c.1).filter(|c| c.1 > 0).map(|c| c.0).unwrap_or(b',')
}

#[derive(Debug)]
pub struct Parsed {
    pub rows: Vec<RosterRow>,
    /// Header cells that are not used, so the office sees what was left out.
    pub ignored_columns: Vec<String>,
    /// The leave date's column as the file names it (for problems found later).
    pub leave_column: String,
}

/// Parse a roster's text (see [`crate::files::decode::decode_text`] for its bytes).
pub fn parse(text: &str, today: NaiveDate) -> Result<Parsed, RosterError> {
    if text.trim().is_empty() {
        return Err(RosterError::Empty);
    }
    let delimiter = sniff_delimiter(text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(true).flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|_| RosterError::Empty)?.iter().map(str::to_string).collect();

    let mut columns: Vec<(usize, Field)> = Vec::new();
    let mut ignored = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match field_of(h) {
            Some(f) if f != Field::Guardian && columns.iter().any(|(_, g)| *g == f) => return Err(RosterError::DuplicateColumn(h.clone())),
            Some(f) => columns.push((i, f)),
            None if h.trim().is_empty() => {}
            None => ignored.push(h.clone()),
        }
    }
    let col = |f: Field| columns.iter().find(|(_, g)| *g == f).map(|(i, _)| *i);
    let has_name = col(Field::Name).is_some() || (col(Field::First).is_some() && col(Field::Last).is_some());
    if !has_name {
        return Err(RosterError::NoNameColumn { found: headers.clone() });
    }

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                errors.push(RowError { line, column: String::new(), problem: Problem::Csv });
                continue;
            }
        };
        if record.iter().all(|c| c.is_empty()) {
            continue; // Spreadsheets leave blank lines at the end.
        }
        if record.len() != headers.len() {
            let (found, expected) = (record.len(), headers.len());
            let problem = if found > expected {
                Problem::TooManyFields { found, expected }
            } else {
                // An opening quote that is never closed swallows separators and line ends.
                Problem::TooFewFields { found, expected, quote: record.iter().any(|c| c.contains('\n') || c.contains(delimiter as char)) }
            };
            errors.push(RowError { line, column: String::new(), problem });
            continue;
        }
        let get = |f: Field| col(f).and_then(|i| record.get(i)).unwrap_or("").trim();
        let mut err = |f: Field, problem: Problem| {
            let column = col(f).and_then(|i| headers.get(i)).cloned().unwrap_or_default();
            errors.push(RowError { line, column: shorten(&column, 60), problem });
        };
        // Every text cell goes through the one check for its kind of field.
        let mut checked = |f: Field, kind: text::Field, raw: &str| -> Option<String> { text::clean(kind, raw).map_err(|e| err(f, Problem::Text(e))).ok() };

        let name_field = if col(Field::Name).is_some() { Field::Name } else { Field::Last };
        let name_checked = if col(Field::Name).is_some() {
            checked(Field::Name, text::Field::Name, get(Field::Name))
        } else {
            checked(Field::Last, text::Field::Name, &[get(Field::First), get(Field::Infix), get(Field::Last)].join(" "))
        };
        let external_id = checked(Field::Id, text::Field::Number, get(Field::Id)).filter(|s| !s.is_empty());
        let group = checked(Field::Group, text::Field::Group, get(Field::Group)).filter(|g| !g.is_empty());
        let guardian_cells: Vec<String> =
            columns.iter().filter(|(_, f)| *f == Field::Guardian).filter_map(|(i, _)| record.get(*i)).map(str::to_string).collect();
        let guardians: Vec<String> =
            guardian_cells.iter().filter_map(|g| checked(Field::Guardian, text::Field::Guardian, g)).filter(|g| !g.is_empty()).collect();
        if name_checked.as_deref() == Some("") {
            err(name_field, Problem::MissingName);
        }
        let name = name_checked.unwrap_or_default();
        let mut date = |f: Field, must_be_past: bool| -> Option<NaiveDate> {
            let raw = get(f);
            if raw.is_empty() {
                return None;
            }
            match parse_date(raw).and_then(|d| if must_be_past { check_not_future(d, today) } else { Ok(d) }) {
                Ok(d) => Some(d),
                Err(e) => {
                    err(f, Problem::Date(e));
                    None
                }
            }
        };
        let birth_date = date(Field::Birth, true);
        let leave_date = date(Field::Leave, false);
        let kind = match PersonKind::parse(get(Field::Kind)) {
            Some(k) => k,
            None => {
                err(Field::Kind, Problem::Kind(get(Field::Kind).to_string()));
                PersonKind::Child
            }
        };
        if kind == PersonKind::Staff && !guardians.is_empty() {
            err(Field::Guardian, Problem::GuardianForStaff);
        }
        if let Some(Err(p)) = leave_date.map(|l| check_leave_date(l, birth_date, None, today)) {
            err(Field::Leave, Problem::Leave(p));
        }
        let key = external_id
            .clone()
            .map(|k| format!("id:{k}"))
            .unwrap_or_else(|| format!("{}|{}", normalise_name(&name), birth_date.map(|d| d.to_string()).unwrap_or_default()));
        if let Some(first_line) = seen.get(&key) {
            errors.push(RowError { line, column: String::new(), problem: Problem::DuplicateRow { first_line: *first_line } });
        } else {
            seen.insert(key, line);
        }
        rows.push(RosterRow { line, external_id, name, kind, birth_date, group, guardians, leave_date });
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(RosterError::Rows(errors));
    }
    if rows.is_empty() {
        return Err(RosterError::Empty);
    }
    let leave_column = col(Field::Leave).and_then(|i| headers.get(i)).map(|h| shorten(h, 60)).unwrap_or_default();
    Ok(Parsed { rows, ignored_columns: ignored, leave_column })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn reads_dutch_semicolon_windows_1252() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Leerlingnummer;Voornaam;Tussenvoegsel;Achternaam;Geboortedatum;Groep;Ouder 1;Ouder 2\r\n\
             1001;Zoë;van;Dijk;03-04-2018;Groep 3;Anouk van Dijk;Kees van Dijk\r\n\
             1002;François;;Leclercq;2017-12-01;Groep 4;Inès Leclercq;\r\n",
        );
        let text = crate::files::decode::decode_text(&bytes).unwrap();
        assert_eq!(text.encoding, "windows-1252");
        let parsed = parse(&text.text, today()).unwrap();
        assert_eq!(parsed.rows.len(), 2);
        let r = &parsed.rows[0];
        assert_eq!(r.name, "Zoë van Dijk");
        assert_eq!(r.external_id.as_deref(), Some("1001"));
        assert_eq!(r.birth_date, NaiveDate::from_ymd_opt(2018, 4, 3));
        assert_eq!(r.guardians, ["Anouk van Dijk", "Kees van Dijk"]);
        assert_eq!(parsed.rows[1].name, "François Leclercq");
        assert_eq!(parsed.rows[1].guardians, ["Inès Leclercq"]);
    }

    #[test]
    fn reads_english_comma_utf8_with_bom_and_quotes() {
        let src = "\u{feff}Name,Birth date,Class,Guardian,Email\n\"Jansen, Piet\",2016-05-17,1A,Els Jansen,x@y\n";
        let parsed = parse(src, today()).unwrap();
        assert_eq!(parsed.rows[0].name, "Jansen, Piet");
        assert_eq!(parsed.rows[0].group.as_deref(), Some("1A"));
        assert_eq!(parsed.ignored_columns, ["Email"]);
    }

    #[test]
    fn reports_every_problem_with_line_and_column() {
        let src = "naam;geboortedatum;soort\nAnna;31-02-2015;leerling\n;2015-01-01;leerling\nBram;2015-01-01;hond\nCor;2099-01-01;leerling\nAnna;31-02-2015;leerling\n";
        let Err(RosterError::Rows(errors)) = parse(src, today()) else { panic!("should fail") };
        let lines: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(lines, [(2, "geboortedatum"), (3, "naam"), (4, "soort"), (5, "geboortedatum"), (6, "geboortedatum"), (6, "")]);
        let msg = RosterError::Rows(errors).message(Lang::Nl);
        assert!(msg.contains("regel 2, kolom 'geboortedatum'"), "{msg}");
    }

    #[test]
    fn structural_problems() {
        assert_eq!(parse("", today()).unwrap_err(), RosterError::Empty);
        assert_eq!(parse("naam\n", today()).unwrap_err(), RosterError::Empty);
        assert!(matches!(parse("foo,bar\n1,2\n", today()).unwrap_err(), RosterError::NoNameColumn { .. }));
        assert!(matches!(parse("naam,name\na,b\n", today()).unwrap_err(), RosterError::DuplicateColumn(_)));
        let Err(RosterError::Rows(e)) = parse("naam,klas\nAnna,1A,extra\n", today()) else { panic!() };
        assert!(matches!(e[0].problem, Problem::TooManyFields { found: 3, expected: 2 }));
    }
}
