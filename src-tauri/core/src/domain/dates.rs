//! Dates as the office writes them, ages, and school years.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::i18n::{ErrorCode, Lang, UserFacing};

/// Dates outside this range are typing mistakes, not history.
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => panic!("valid constant"),
};
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2100, 12, 31) {
    Some(d) => d,
    None => panic!("valid constant"),
};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("not a date: {0}")]
    Malformed(String),
    #[error("date out of range: {0}")]
    OutOfRange(NaiveDate),
    #[error("date in the future: {0}")]
    InFuture(NaiveDate),
    #[error("not a month-day: {0}")]
    MonthDay(String),
    #[error("period ends before it starts: {from} > {to}")]
    Order { from: NaiveDate, to: NaiveDate },
}

impl UserFacing for DateError {
    fn code(&self) -> ErrorCode {
        match self {
            DateError::Malformed(_) => ErrorCode::DateMalformed,
            DateError::OutOfRange(_) => ErrorCode::DateOutOfRange,
            DateError::InFuture(_) => ErrorCode::DateInFuture,
            DateError::MonthDay(_) => ErrorCode::DateMonthDay,
            DateError::Order { .. } => ErrorCode::DateOrder,
        }
    }
    fn message(&self, lang: Lang) -> String {
        match self {
            DateError::Malformed(s) => lang.pick(
                format!("'{s}' is geen geldige datum. Schrijf de datum als DD-MM-JJJJ (bijv. 01-09-2026) of JJJJ-MM-DD."),
                format!("'{s}' is not a valid date. Write it as DD-MM-YYYY (e.g. 01-09-2026) or YYYY-MM-DD."),
            ),
            DateError::OutOfRange(d) => lang.pick(
                format!("De datum {d} ligt buiten het bereik 1900–2100. Controleer het jaartal.", d = day(d)),
                format!("The date {d} is outside 1900–2100. Check the year.", d = day(d)),
            ),
            DateError::InFuture(d) => lang.pick(
                format!("De datum {d} ligt in de toekomst. Vul de datum in waarop het gebeurde.", d = day(d)),
                format!("The date {d} is in the future. Enter the date on which it happened.", d = day(d)),
            ),
            DateError::MonthDay(s) => lang.pick(
                format!("'{s}' is geen geldige begindatum van het schooljaar. Schrijf MM-DD, bijv. 08-01 (29 februari kan niet)."),
                format!("'{s}' is not a valid school-year start. Write MM-DD, e.g. 08-01 (29 February is not allowed)."),
            ),
            DateError::Order { from, to } => lang.pick(
                format!("De periode begint op {from} maar eindigt al op {to}. Kies een einddatum op of na de begindatum.", from = day(from), to = day(to)),
                format!("The period starts on {from} but ends on {to}. Choose an end date on or after the start date.", from = day(from), to = day(to)),
            ),
        }
    }
}

/// A date as every screen and printout shows it, whatever the language:
/// day first, `dd-mm-yyyy` (messages too, so the office reads one form).
pub fn day(d: impl std::borrow::Borrow<NaiveDate>) -> String {
    d.borrow().format("%d-%m-%Y").to_string()
}

/// Parse `YYYY-MM-DD` or `DD-MM-YYYY` (also with `/` or `.`, as spreadsheets write it).
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let malformed = || DateError::Malformed(s.to_string());
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(malformed());
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| malformed());
    let (y, m, d) = if parts[0].len() == 4 && parts[2].len() <= 2 {
        (num(parts[0])?, num(parts[1])?, num(parts[2])?)
    } else if parts[2].len() == 4 && parts[0].len() <= 2 {
        (num(parts[2])?, num(parts[1])?, num(parts[0])?)
    } else {
        return Err(malformed());
    };
    let y = i32::try_from(y).map_err(|_| malformed())?;
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(malformed)?;
    check_range(date)
}

pub fn check_range(date: NaiveDate) -> Result<NaiveDate, DateError> {
    if date < MIN_DATE || date > MAX_DATE {
        Err(DateError::OutOfRange(date))
    } else {
        Ok(date)
    }
}

/// A date of something that already happened: not after `today`.
pub fn check_not_future(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, DateError> {
    if date > today {
        Err(DateError::InFuture(date))
    } else {
        Ok(date)
    }
}

/// Completed years of age on `on`. Someone born on 29 February turns a year
/// older on 1 March in years without that day.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// The day someone born on `birth` turns `age`: their birthday that year,
/// or 1 March for a 29 February birthday in a year without that day (as
/// [`age_on`] counts).
pub fn birthday_at(birth: NaiveDate, age: u8) -> Option<NaiveDate> {
    let year = birth.year() + i32::from(age);
    birth.with_year(year).or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
}

/// The first day of the school year, e.g. 1 August. Never 29 February, so
/// that every year has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub const AUGUST_FIRST: MonthDay = MonthDay { month: 8, day: 1 };

    pub fn parse(s: &str) -> Result<MonthDay, DateError> {
        let bad = || DateError::MonthDay(s.to_string());
        let (m, d) = s.trim().split_once('-').ok_or_else(bad)?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        // 2001 has no 29 February, which is exactly the day we refuse.
        NaiveDate::from_ymd_opt(2001, month, day).ok_or_else(bad)?;
        Ok(MonthDay { month, day })
    }

    fn in_year(self, year: i32) -> NaiveDate {
        // Valid by construction (never 29 February), but stay total anyway.
        NaiveDate::from_ymd_opt(year, self.month, self.day).unwrap_or(NaiveDate::MIN)
    }

    /// The first day of the school year that contains `date`.
    pub fn school_year_start(self, date: NaiveDate) -> NaiveDate {
        let this_year = self.in_year(date.year());
        if date >= this_year {
            this_year
        } else {
            self.in_year(date.year() - 1)
        }
    }

    /// The last day of the school year that contains `date`.
    pub fn school_year_end(self, date: NaiveDate) -> NaiveDate {
        let next = self.in_year(self.school_year_start(date).year() + 1);
        next.pred_opt().unwrap_or(next)
    }

    /// When most children leave: the two months before a school year starts
    /// and the first month of it (1 June to 31 August for a 1 August start).
    /// From two months before a start that summer counts, else the last one.
    pub fn leavers_period(self, today: NaiveDate) -> Period {
        let ahead = today.checked_add_months(Months::new(2)).unwrap_or(today);
        let start = self.school_year_start(ahead);
        let from = start.checked_sub_months(Months::new(2)).unwrap_or(start);
        let to = start.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(start);
        Period { from, to }
    }
}

/// A period of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl std::fmt::Display for MonthDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

#[cfg(test)]
mod leavers_tests {
    use super::*;

    #[test]
    fn the_leavers_period_is_the_summer_around_the_school_year_start() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let aug = MonthDay::AUGUST_FIRST;
        for (today, from, to) in [
            ("2026-06-01", "2026-06-01", "2026-08-31"),
            ("2026-07-15", "2026-06-01", "2026-08-31"),
            ("2026-12-31", "2026-06-01", "2026-08-31"),
            ("2027-05-31", "2026-06-01", "2026-08-31"),
            ("2027-06-01", "2027-06-01", "2027-08-31"),
        ] {
            assert_eq!(aug.leavers_period(d(today)), Period { from: d(from), to: d(to) }, "{today}");
        }
        // A school year that starts on 1 September: July and August, and September.
        let sep = MonthDay::parse("09-01").unwrap();
        assert_eq!(sep.leavers_period(d("2026-10-10")), Period { from: d("2026-07-01"), to: d("2026-09-30") });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_both_office_formats() {
        assert_eq!(parse_date("2026-09-01").unwrap(), d("2026-09-01"));
        assert_eq!(parse_date("01-09-2026").unwrap(), d("2026-09-01"));
        assert_eq!(parse_date(" 1/9/2026 ").unwrap(), d("2026-09-01"));
        assert_eq!(parse_date("29.02.2024").unwrap(), d("2024-02-29"));
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        for bad in ["2026-02-30", "29-02-2025", "2026-13-01", "26-09-01", "", "2026-9", "gisteren", "2026-09-01x", "+2026-09-01"] {
            assert!(matches!(parse_date(bad), Err(DateError::Malformed(_))), "{bad}");
        }
        assert!(matches!(parse_date("1899-12-31"), Err(DateError::OutOfRange(_))));
        assert!(matches!(parse_date("2101-01-01"), Err(DateError::OutOfRange(_))));
    }

    #[test]
    fn age_counts_on_the_exact_birthday() {
        let b = d("2010-05-17");
        assert_eq!(age_on(b, d("2026-05-16")), 15);
        assert_eq!(age_on(b, d("2026-05-17")), 16);
    }

    #[test]
    fn leap_day_birthday_turns_on_first_of_march() {
        let b = d("2008-02-29");
        assert_eq!(age_on(b, d("2024-02-28")), 15);
        assert_eq!(age_on(b, d("2024-02-29")), 16);
        assert_eq!(age_on(b, d("2025-02-28")), 16);
        assert_eq!(age_on(b, d("2023-02-28")), 14);
        assert_eq!(age_on(b, d("2023-03-01")), 15);
    }

    #[test]
    fn school_year_boundaries() {
        let aug = MonthDay::AUGUST_FIRST;
        assert_eq!(aug.school_year_end(d("2026-07-31")), d("2026-07-31"));
        assert_eq!(aug.school_year_end(d("2026-08-01")), d("2027-07-31"));
        assert_eq!(aug.school_year_end(d("2027-02-28")), d("2027-07-31"));
        assert_eq!(aug.school_year_start(d("2026-01-15")), d("2025-08-01"));
        let sep = MonthDay::parse("09-01").unwrap();
        assert_eq!(sep.school_year_end(d("2024-02-29")), d("2024-08-31"));
        let mar = MonthDay::parse("03-01").unwrap();
        // The year before a leap-year start ends on 29 February.
        assert_eq!(mar.school_year_end(d("2023-06-01")), d("2024-02-29"));
    }

    #[test]
    fn month_day_refuses_leap_day_and_nonsense() {
        assert!(MonthDay::parse("02-29").is_err());
        assert!(MonthDay::parse("13-01").is_err());
        assert!(MonthDay::parse("aug").is_err());
        assert_eq!(MonthDay::parse("08-01").unwrap().to_string(), "08-01");
    }

    proptest::proptest! {
        #[test]
        fn school_year_contains_its_date(days in 0i64..70_000, m in 1u32..=12, dd in 1u32..=28) {
            let date = MIN_DATE + chrono::Duration::days(days);
            let md = MonthDay { month: m, day: dd };
            let start = md.school_year_start(date);
            let end = md.school_year_end(date);
            proptest::prop_assert!(start <= date && date <= end);
            // A school year is 365 or 366 days long and the next one starts the day after.
            let len = (end - start).num_days() + 1;
            proptest::prop_assert!(len == 365 || len == 366);
            proptest::prop_assert_eq!(md.school_year_start(end.succ_opt().unwrap()), end.succ_opt().unwrap());
        }

        #[test]
        fn age_increases_by_one_each_birthday(bdays in 0i64..50_000, years in 0i32..100) {
            let birth = MIN_DATE + chrono::Duration::days(bdays);
            let later = birth.with_year(birth.year() + years).unwrap_or_else(|| {
                NaiveDate::from_ymd_opt(birth.year() + years, 3, 1).unwrap()
            });
            proptest::prop_assert_eq!(age_on(birth, later), years);
            if let Some(before) = later.pred_opt() {
                if years > 0 { proptest::prop_assert_eq!(age_on(birth, before), years - 1); }
            }
        }
    }
}
