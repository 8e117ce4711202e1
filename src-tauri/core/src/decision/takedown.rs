//! Which people on a publication that is still online are no longer
//! fine: fine when it was published, not fine now (withdrawn, expired,
//! left). A pure function over the verdict stored at publication and the
//! verdict on the date.

use super::verdict::Verdict;

/// The lines of `now` (by index) for people who were fine in `then` and are
/// not fine now. Someone not on the photo at publication, or not fine then
/// either, is not a reason to take it down: the verdict then allowed it.
pub fn no_longer_fine(then: &Verdict, now: &Verdict) -> Vec<usize> {
    now.people
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.status.is_fine() && then.people.iter().any(|t| t.person == line.person && t.status.is_fine()))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::verdict::{LineStatus, Outcome, PersonLine, Rule};

    fn line(person: Option<i64>, status: LineStatus) -> PersonLine {
        PersonLine {
            person,
            targeted: true,
            status,
            rule: Rule::ConsentNeverAsked,
            record: None,
            form: None,
            form_version: None,
            notice: None,
            has_box: true,
            tag: None,
            face: None,
            fine: status.is_fine(),
            fill: !status.is_fine(),
        }
    }

    fn verdict(people: Vec<PersonLine>) -> Verdict {
        Verdict { outcome: Outcome::Allowed, nobody_tagged: people.is_empty(), unidentified_faces: 0, people }
    }

    /// Table: the verdict then and now, and the lines that call for a takedown.
    #[test]
    fn only_people_who_were_fine_and_are_not_now() {
        use LineStatus::*;
        type Row = (&'static str, Vec<PersonLine>, Vec<PersonLine>, Vec<usize>);
        let rows: Vec<Row> = vec![
            ("nothing changed", vec![line(Some(1), Consent)], vec![line(Some(1), Consent)], vec![]),
            ("consent withdrawn", vec![line(Some(1), Consent)], vec![line(Some(1), Withdrawn)], vec![0]),
            ("consent expired", vec![line(Some(1), Consent)], vec![line(Some(1), Expired)], vec![0]),
            ("informed, now not", vec![line(Some(2), Informed)], vec![line(Some(2), NotInformed)], vec![0]),
            ("not fine then either (published anonymised)", vec![line(Some(1), NoConsent)], vec![line(Some(1), NoConsent)], vec![]),
            ("tagged after publication", vec![line(Some(1), Consent)], vec![line(Some(1), Consent), line(Some(3), NoConsent)], vec![]),
            ("one of two", vec![line(Some(1), Consent), line(Some(2), Consent)], vec![line(Some(1), Consent), line(Some(2), Withdrawn)], vec![1]),
            ("an unknown box then and now", vec![line(None, NoConsent)], vec![line(None, NoConsent)], vec![]),
        ];
        for (what, then, now, want) in rows {
            assert_eq!(no_longer_fine(&verdict(then), &verdict(now)), want, "{what}");
        }
    }
}
