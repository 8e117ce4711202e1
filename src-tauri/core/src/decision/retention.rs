//! When a retention term is over (pure; the store does the removing).
//!
//! A term of N years after a date keeps the data through the same calendar
//! day N years later (28 February for a 29 February) and lets it go from the
//! day after.

use chrono::{Months, NaiveDate};

use crate::domain::retention::{Hold, RetentionRule, RetentionSettings};

/// The last day data is kept, `years` after `from`.
pub fn last_kept_day(from: NaiveDate, years: u8) -> NaiveDate {
    from.checked_add_months(Months::new(u32::from(years) * 12)).unwrap_or(NaiveDate::MAX)
}

/// True from the day after the last kept day.
pub fn term_over(from: NaiveDate, years: u8, today: NaiveDate) -> bool {
    today > last_kept_day(from, years)
}

/// The rules whose term is over for someone who left on `leave`.
pub fn leaver_rules(settings: &RetentionSettings, leave: NaiveDate, today: NaiveDate) -> Vec<RetentionRule> {
    let mut rules = Vec::new();
    if term_over(leave, settings.photos_years, today) {
        rules.push(RetentionRule::LeaverPhotos);
    }
    if term_over(leave, settings.consent_years, today) {
        rules.push(RetentionRule::LeaverConsent);
    }
    rules
}

/// What keeps a leaver's consent data past its term: photos of them still
/// online (their consent is the proof), then a dossier never printed.
pub fn hold(online: Vec<i64>, dossier_printed: bool, dossier_skipped: bool) -> Option<Hold> {
    if !online.is_empty() {
        return Some(Hold::PublicationOnline { publications: online });
    }
    if !dossier_printed && !dossier_skipped {
        return Some(Hold::DossierNotPrinted);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_term_keeps_through_the_same_day_and_ends_the_day_after() {
        let leave = d("2025-07-31");
        assert_eq!(last_kept_day(leave, 1), d("2026-07-31"));
        assert!(!term_over(leave, 1, d("2026-07-31")));
        assert!(term_over(leave, 1, d("2026-08-01")));
        assert!(!term_over(leave, 5, d("2030-07-31")));
        assert!(term_over(leave, 5, d("2030-08-01")));
    }

    #[test]
    fn a_leap_day_keeps_through_the_last_day_of_february() {
        let leave = d("2024-02-29");
        assert_eq!(last_kept_day(leave, 1), d("2025-02-28"));
        assert!(!term_over(leave, 1, d("2025-02-28")));
        assert!(term_over(leave, 1, d("2025-03-01")));
        assert_eq!(last_kept_day(leave, 4), d("2028-02-29"));
    }

    #[test]
    fn rules_come_due_one_after_the_other() {
        let s = RetentionSettings::default();
        let leave = d("2020-07-15");
        assert!(leaver_rules(&s, leave, d("2021-07-15")).is_empty());
        assert_eq!(leaver_rules(&s, leave, d("2021-07-16")), vec![RetentionRule::LeaverPhotos]);
        assert_eq!(leaver_rules(&s, leave, d("2025-07-15")), vec![RetentionRule::LeaverPhotos]);
        assert_eq!(leaver_rules(&s, leave, d("2025-07-16")), vec![RetentionRule::LeaverPhotos, RetentionRule::LeaverConsent]);
    }

    #[test]
    fn an_online_photo_holds_before_a_missing_dossier() {
        assert_eq!(hold(vec![4], false, false), Some(Hold::PublicationOnline { publications: vec![4] }));
        assert_eq!(hold(vec![], false, false), Some(Hold::DossierNotPrinted));
        assert_eq!(hold(vec![], true, false), None);
        assert_eq!(hold(vec![], false, true), None);
    }
}
