//! The verdict for one photo and one intended use: may it be published,
//! only after anonymising, or not at all — with one line per person.
//!
//! Rules (DESIGN.md, "The decision"; the Flemish guidance on targeted images):
//! a person is *targeted* when the photo is posed, or they are highlighted,
//! or they are the only person in it. A targeted person needs a granted,
//! unexpired, unwithdrawn item for photo type × channel × purpose on the
//! date. A non-targeted person needs an information notice, dated on or
//! before that day, covering one of their groups, the purpose and the channel.
//! Nobody tagged, unknown people and missing data never mean "allowed".
//! Faces count as people: a detected face nobody named, marked unknown or
//! dismissed is an unidentified person, so the photo is at best
//! "anonymise" (that face filled), never "allowed".

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::effective::{effective_consent, ItemStatus, Leaving, Status};
use crate::domain::consent::ConsentEvent;
use crate::domain::dates::MonthDay;
use crate::domain::form::Term;
use crate::domain::person::PersonKind;
pub use crate::domain::photo::NoticeFacts;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFacts {
    /// Key of the photo type (matched against form keys); `None` when not set yet.
    pub photo_type: Option<String>,
    pub posed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagFacts {
    /// The tag's id, carried onto its line of the verdict.
    pub id: Option<i64>,
    /// A detected face nobody reviewed yet (its number): not a tag at all.
    pub face: Option<u32>,
    /// `None`: a box around someone nobody has identified yet.
    pub person: Option<i64>,
    pub has_box: bool,
    pub highlighted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFacts {
    pub kind: PersonKind,
    /// Groups the person belongs to on the date of the use.
    pub groups: Vec<i64>,
    /// When the person left, and whether that ended their consent.
    pub leaving: Leaving,
    /// The last day a guardian's answer counts (DESIGN rule 3); `None`: until replaced.
    pub guardian_until: Option<NaiveDate>,
    pub history: Vec<ConsentEvent>,
    /// What the history says per item and date, worked out once: a takedown
    /// list asks the same few items of a person on thousands of photos.
    pub known: KnownStatuses,
}

/// A person's item statuses worked out so far (not part of their facts:
/// two people with the same history are equal whatever was asked of them).
#[derive(Debug, Clone, Default)]
pub struct KnownStatuses(RefCell<HashMap<(String, NaiveDate), Option<ItemStatus>>>);

impl KnownStatuses {
    fn get_or(&self, item: &str, at: NaiveDate, work_out: impl FnOnce() -> Option<ItemStatus>) -> Option<ItemStatus> {
        if let Some(known) = self.0.borrow().get(&(item.to_string(), at)) {
            return known.clone();
        }
        let status = work_out();
        self.0.borrow_mut().insert((item.to_string(), at), status.clone());
        status
    }
}

impl PartialEq for KnownStatuses {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for KnownStatuses {}

/// The intended use: where, for what, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Use {
    pub channel: String,
    pub purpose: String,
    pub date: NaiveDate,
}

/// Everything `decide` reads besides the photo: no I/O behind it.
pub struct Facts<'a> {
    pub people: &'a HashMap<i64, PersonFacts>,
    pub notices: &'a [NoticeFacts],
    pub terms: &'a HashMap<i64, Term>,
    pub year_start: MonthDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Allowed,
    /// Usable once every blocked person's box is made unrecognisable.
    Anonymise,
    Blocked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum LineStatus {
    Consent,
    Informed,
    NoConsent,
    Denied,
    Withdrawn,
    Expired,
    NotInformed,
    /// A detected face nobody has named, marked unknown or dismissed.
    Unidentified,
}

impl LineStatus {
    pub fn is_fine(self) -> bool {
        matches!(self, LineStatus::Consent | LineStatus::Informed)
    }
}

/// Why a line has its status; each has a stable code and words for a teacher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Targeted, and the item is granted.
    ConsentGranted,
    ConsentDenied,
    ConsentWithdrawn,
    ConsentExpired,
    /// Targeted; the person left, and leaving ended their consent.
    LeftOrganisation,
    /// Targeted, never asked for this photo type × channel × purpose.
    ConsentNeverAsked,
    /// Targeted; a guardian answered, but the person decides for themselves
    /// now and has not confirmed it (DESIGN rule 3).
    OwnAnswerNeeded,
    /// Targeted, but the photo has no photo type yet, so no item can match.
    NoPhotoType,
    /// A box without a person: nobody can have consented.
    UnknownPerson,
    /// A detected face nobody reviewed: whoever it is cannot have consented.
    FaceNotIdentified,
    /// Tagged person not in the register (deleted or wrong id).
    NotRegistered,
    /// Non-targeted and a notice covers group, purpose and channel.
    NoticeCovers,
    /// Non-targeted, no notice covers this use.
    NoNotice,
}

impl Rule {
    /// The reason in words a teacher understands.
    pub fn describe(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Rule::ConsentGranted => lang.pick("gericht beeld: toestemming gegeven voor dit gebruik", "targeted image: consent given for this use"),
            Rule::ConsentDenied => {
                lang.pick("gericht beeld: geen toestemming voor dit gebruik (nee aangekruist)", "targeted image: consent refused for this use")
            }
            Rule::ConsentWithdrawn => lang.pick("gericht beeld: toestemming ingetrokken", "targeted image: consent withdrawn"),
            Rule::ConsentExpired => lang.pick("gericht beeld: toestemming verlopen", "targeted image: consent expired"),
            Rule::LeftOrganisation => {
                lang.pick("gericht beeld: vertrokken; de toestemming eindigde bij het vertrek", "targeted image: has left; consent ended on leaving")
            }
            Rule::ConsentNeverAsked => {
                lang.pick("gericht beeld: nooit om toestemming gevraagd voor dit gebruik", "targeted image: consent never asked for this use")
            }
            Rule::OwnAnswerNeeded => lang.pick(
                "gericht beeld: eigen bevestiging nodig — de ouders antwoordden, maar deze leerling beslist nu zelf en heeft nog niet geantwoord",
                "targeted image: own confirmation needed — the parents answered, but this pupil now decides and has not answered yet",
            ),
            Rule::NoPhotoType => lang.pick("soort beeld van de foto is nog niet gekozen", "the photo's type has not been set"),
            Rule::UnknownPerson => {
                lang.pick("onbekende persoon in een vak: niemand kan toestemming gegeven hebben", "unknown person in a box: nobody can have consented")
            }
            Rule::FaceNotIdentified => lang.pick(
                "gezicht gevonden dat nog niemand benoemde: geef een naam, kies 'onbekend' of wijs het af (geen gezicht, niet herkenbaar)",
                "face found that nobody has named yet: name it, mark it unknown or dismiss it (not a face, not recognisable)",
            ),
            Rule::NotRegistered => lang.pick("persoon staat niet in de administratie", "person is not in the register"),
            Rule::NoticeCovers => {
                lang.pick("niet-gericht beeld: de groep is geïnformeerd over dit gebruik", "non-targeted image: the group was informed of this use")
            }
            Rule::NoNotice => {
                lang.pick("niet-gericht beeld: de groep is niet geïnformeerd over dit gebruik", "non-targeted image: the group was not informed of this use")
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PersonLine {
    pub person: Option<i64>,
    pub targeted: bool,
    pub status: LineStatus,
    pub rule: Rule,
    /// The consent event behind the status, if any.
    pub record: Option<i64>,
    pub form: Option<i64>,
    pub form_version: Option<u32>,
    /// The information notice behind an "informed" line.
    pub notice: Option<i64>,
    pub has_box: bool,
    /// The tag this line is about (stored verdicts from before it was kept have none).
    #[serde(default)]
    pub tag: Option<i64>,
    /// The detected face this line is about, when nobody reviewed it yet.
    #[serde(default)]
    pub face: Option<u32>,
    /// This person may be shown for this use (consent, or informed).
    #[serde(default)]
    pub fine: bool,
    /// The export fills this person's box: not fine, and there is a box.
    #[serde(default)]
    pub fill: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Verdict {
    pub outcome: Outcome,
    /// True when nobody is tagged: never allowed.
    pub nobody_tagged: bool,
    /// Detected faces nobody named, marked unknown or dismissed yet.
    #[serde(default)]
    pub unidentified_faces: u32,
    pub people: Vec<PersonLine>,
}

impl Verdict {
    /// Lines of people whose boxes must be made unrecognisable for this use.
    pub fn to_anonymise(&self) -> impl Iterator<Item = &PersonLine> {
        self.people.iter().filter(|l| l.fill)
    }
}

fn line(person: Option<i64>, targeted: bool, status: LineStatus, rule: Rule, has_box: bool) -> PersonLine {
    PersonLine {
        person,
        targeted,
        status,
        rule,
        record: None,
        form: None,
        form_version: None,
        notice: None,
        has_box,
        tag: None,
        face: None,
        fine: false,
        fill: false,
    }
}

/// `tags` holds the photo's tags and its unreviewed faces (`face` set):
/// every one of them is someone on the photo.
pub fn decide(photo: &PhotoFacts, tags: &[TagFacts], facts: &Facts, use_: &Use) -> Verdict {
    let unidentified_faces = u32::try_from(tags.iter().filter(|t| t.face.is_some()).count()).unwrap_or(u32::MAX);
    // Faces alone are no review: until someone tags the photo, nobody knows who is on it.
    let nobody_tagged = tags.iter().all(|t| t.face.is_some());
    let alone = tags.len() == 1;
    let people: Vec<PersonLine> = tags
        .iter()
        .map(|tag| {
            let targeted = photo.posed || tag.highlighted || alone;
            let l = match (tag.person, tag.person.and_then(|id| facts.people.get(&id))) {
                (None, _) if tag.face.is_some() => line(None, targeted, LineStatus::Unidentified, Rule::FaceNotIdentified, tag.has_box),
                (None, _) => line(None, targeted, LineStatus::NoConsent, Rule::UnknownPerson, tag.has_box),
                (Some(id), None) => line(Some(id), targeted, LineStatus::NoConsent, Rule::NotRegistered, tag.has_box),
                (Some(id), Some(p)) if targeted => targeted_line(id, photo, p, facts, use_, tag.has_box),
                (Some(id), Some(p)) => informed_line(id, p, facts.notices, use_, tag.has_box),
            };
            // What the window shows and the export does: decided here, once.
            let fine = l.status.is_fine();
            PersonLine { tag: tag.id, face: tag.face, fine, fill: !fine && l.has_box, ..l }
        })
        .collect();
    let outcome = if nobody_tagged {
        Outcome::Blocked
    } else if people.iter().all(|l| l.status.is_fine()) {
        Outcome::Allowed
    } else if people.iter().filter(|l| !l.status.is_fine()).all(|l| l.has_box) {
        Outcome::Anonymise
    } else {
        Outcome::Blocked
    };
    Verdict { outcome, nobody_tagged, unidentified_faces, people }
}

fn targeted_line(id: i64, photo: &PhotoFacts, p: &PersonFacts, facts: &Facts, use_: &Use, has_box: bool) -> PersonLine {
    let Some(photo_type) = &photo.photo_type else {
        return line(Some(id), true, LineStatus::NoConsent, Rule::NoPhotoType, has_box);
    };
    let item = format!("{photo_type}/{}/{}", use_.channel, use_.purpose);
    let status = p.known.get_or(&item, use_.date, || {
        effective_consent(&p.history, facts.terms, facts.year_start, p.leaving, p.guardian_until, use_.date, std::slice::from_ref(&item))
            .into_iter()
            .find(|s| s.item == item)
    });
    let (line_status, rule) = match status.as_ref().map(|s| s.status) {
        Some(Status::Granted) => (LineStatus::Consent, Rule::ConsentGranted),
        Some(Status::Denied) => (LineStatus::Denied, Rule::ConsentDenied),
        Some(Status::Withdrawn) => (LineStatus::Withdrawn, Rule::ConsentWithdrawn),
        Some(Status::Expired) if status.as_ref().is_some_and(|s| s.left_on.is_some()) => (LineStatus::Expired, Rule::LeftOrganisation),
        Some(Status::Expired) => (LineStatus::Expired, Rule::ConsentExpired),
        Some(Status::None) if status.as_ref().is_some_and(|s| s.own_answer_needed) => (LineStatus::NoConsent, Rule::OwnAnswerNeeded),
        Some(Status::None) | None => (LineStatus::NoConsent, Rule::ConsentNeverAsked),
    };
    let mut l = line(Some(id), true, line_status, rule, has_box);
    if let Some(s) = status {
        l.record = s.record;
        l.form = s.form;
        l.form_version = s.form_version;
    }
    l
}

fn informed_line(id: i64, p: &PersonFacts, notices: &[NoticeFacts], use_: &Use, has_box: bool) -> PersonLine {
    let covering = notices
        .iter()
        .filter(|n| n.date <= use_.date)
        .filter(|n| n.purposes.contains(&use_.purpose) && n.channels.contains(&use_.channel))
        .filter(|n| (p.kind == PersonKind::Staff && n.all_staff) || n.groups.iter().any(|g| p.groups.contains(g)))
        // The most recent notice is the one to show.
        .max_by_key(|n| (n.date, n.id));
    match covering {
        Some(n) => PersonLine { notice: Some(n.id), ..line(Some(id), false, LineStatus::Informed, Rule::NoticeCovers, has_box) },
        None => line(Some(id), false, LineStatus::NotInformed, Rule::NoNotice, has_box),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::fixtures::{d, event};
    use crate::domain::consent::{Answer, EventKind};

    fn child(group: i64, history: Vec<ConsentEvent>) -> PersonFacts {
        PersonFacts { kind: PersonKind::Child, groups: vec![group], leaving: Leaving::default(), guardian_until: None, history, known: Default::default() }
    }

    fn tag(person: i64, has_box: bool, highlighted: bool) -> TagFacts {
        TagFacts { id: Some(person * 100), face: None, person: Some(person), has_box, highlighted }
    }

    fn notice(id: i64, date: &str, groups: &[i64], purposes: &[&str], channels: &[&str]) -> NoticeFacts {
        NoticeFacts {
            id,
            date: d(date),
            groups: groups.to_vec(),
            all_staff: false,
            purposes: purposes.iter().map(|s| s.to_string()).collect(),
            channels: channels.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[derive(Debug, Clone)]
    struct World {
        people: HashMap<i64, PersonFacts>,
        notices: Vec<NoticeFacts>,
        terms: HashMap<i64, Term>,
    }

    impl World {
        fn new(people: Vec<(i64, PersonFacts)>, notices: Vec<NoticeFacts>) -> World {
            World { people: people.into_iter().collect(), notices, terms: HashMap::from([(10, Term::SchoolYear)]) }
        }
        fn decide(&self, photo: &PhotoFacts, tags: &[TagFacts], channel: &str, purpose: &str, date: &str) -> Verdict {
            let facts = Facts { people: &self.people, notices: &self.notices, terms: &self.terms, year_start: MonthDay::AUGUST_FIRST };
            decide(photo, tags, &facts, &Use { channel: channel.into(), purpose: purpose.into(), date: d(date) })
        }
    }

    fn posed(t: &str) -> PhotoFacts {
        PhotoFacts { photo_type: Some(t.into()), posed: true }
    }
    fn spontaneous(t: &str) -> PhotoFacts {
        PhotoFacts { photo_type: Some(t.into()), posed: false }
    }

    #[test]
    fn school_paper_yes_is_not_social_media_yes() {
        let w = World::new(
            vec![(
                1,
                child(7, vec![event(1, EventKind::Record, "2026-09-01", &[("class/paper/activities", Answer::Yes), ("class/social/activities", Answer::No)])]),
            )],
            vec![],
        );
        let paper = w.decide(&posed("class"), &[tag(1, true, false)], "paper", "activities", "2026-10-01");
        assert_eq!(paper.outcome, Outcome::Allowed);
        assert_eq!((paper.people[0].status, paper.people[0].rule, paper.people[0].record), (LineStatus::Consent, Rule::ConsentGranted, Some(1)));
        let social = w.decide(&posed("class"), &[tag(1, true, false)], "social", "activities", "2026-10-01");
        assert_eq!(social.people[0].status, LineStatus::Denied);
        assert_eq!(social.outcome, Outcome::Anonymise, "the only person has a box");
        let social_no_box = w.decide(&posed("class"), &[tag(1, false, false)], "social", "activities", "2026-10-01");
        assert_eq!(social_no_box.outcome, Outcome::Blocked);
    }

    #[test]
    fn table_of_targeted_statuses() {
        let h = vec![
            event(
                1,
                EventKind::Record,
                "2025-09-01",
                &[("portrait/web/promo", Answer::Yes), ("portrait/web/info", Answer::Yes), ("portrait/mail/info", Answer::Yes)],
            ),
            event(2, EventKind::Withdraw, "2025-10-01", &[("portrait/web/info", Answer::Withdrawn)]),
        ];
        let w = World::new(vec![(1, child(7, h))], vec![]);
        let cases = [
            ("web", "promo", "2025-11-01", LineStatus::Consent, Rule::ConsentGranted),
            ("web", "info", "2025-11-01", LineStatus::Withdrawn, Rule::ConsentWithdrawn),
            ("web", "info", "2025-09-15", LineStatus::Consent, Rule::ConsentGranted),
            ("mail", "info", "2026-08-01", LineStatus::Expired, Rule::ConsentExpired),
            ("mail", "info", "2026-07-31", LineStatus::Consent, Rule::ConsentGranted),
            ("social", "promo", "2025-11-01", LineStatus::NoConsent, Rule::ConsentNeverAsked),
            ("web", "promo", "2025-08-31", LineStatus::NoConsent, Rule::ConsentNeverAsked),
        ];
        for (channel, purpose, date, status, rule) in cases {
            let v = w.decide(&posed("portrait"), &[tag(1, false, false)], channel, purpose, date);
            assert_eq!((v.people[0].status, v.people[0].rule), (status, rule), "{channel}/{purpose} on {date}");
            assert!(v.people[0].targeted);
            assert_eq!(v.outcome, if status.is_fine() { Outcome::Allowed } else { Outcome::Blocked });
        }
    }

    #[test]
    fn targeted_when_posed_highlighted_or_alone() {
        let w = World::new(vec![(1, child(7, vec![])), (2, child(7, vec![]))], vec![notice(5, "2025-09-01", &[7], &["info"], &["web"])]);
        let two = [tag(1, true, false), tag(2, true, false)];
        let v = w.decide(&spontaneous("activity"), &two, "web", "info", "2025-10-01");
        assert_eq!(v.outcome, Outcome::Allowed, "spontaneous group shot, informed group");
        assert!(v.people.iter().all(|l| !l.targeted && l.status == LineStatus::Informed && l.notice == Some(5)));

        let v = w.decide(&posed("activity"), &two, "web", "info", "2025-10-01");
        assert!(v.people.iter().all(|l| l.targeted && l.status == LineStatus::NoConsent));
        assert_eq!(v.outcome, Outcome::Anonymise);

        let v = w.decide(&spontaneous("activity"), &[tag(1, true, true), tag(2, false, false)], "web", "info", "2025-10-01");
        assert_eq!((v.people[0].targeted, v.people[1].targeted), (true, false));
        assert_eq!(v.outcome, Outcome::Anonymise, "the highlighted child has a box, the other is informed");

        let v = w.decide(&spontaneous("activity"), &[tag(1, true, false)], "web", "info", "2025-10-01");
        assert!(v.people[0].targeted, "alone in the photo");
    }

    #[test]
    fn notices_must_cover_group_purpose_channel_and_date() {
        let people = vec![
            (1, child(7, vec![])),
            (2, child(8, vec![])),
            (
                3,
                PersonFacts {
                    kind: PersonKind::Staff,
                    groups: vec![],
                    leaving: Leaving::default(),
                    guardian_until: None,
                    history: vec![],
                    known: Default::default(),
                },
            ),
        ];
        let mut staff = notice(6, "2025-09-01", &[], &["info"], &["web"]);
        staff.all_staff = true;
        let w = World::new(people, vec![notice(5, "2025-09-10", &[7], &["info"], &["web", "paper"]), staff]);
        let tags = [tag(1, false, false), tag(2, false, false), tag(3, false, false)];
        let v = w.decide(&spontaneous("activity"), &tags, "web", "info", "2025-09-10");
        let statuses: Vec<_> = v.people.iter().map(|l| l.status).collect();
        assert_eq!(statuses, [LineStatus::Informed, LineStatus::NotInformed, LineStatus::Informed]);
        assert_eq!(v.outcome, Outcome::Blocked, "child 2 has no box");
        // The day before the notice nobody in group 7 was informed yet.
        assert_eq!(w.decide(&spontaneous("activity"), &tags, "web", "info", "2025-09-09").people[0].status, LineStatus::NotInformed);
        // Another purpose or channel is not covered.
        assert_eq!(w.decide(&spontaneous("activity"), &tags, "web", "promo", "2025-09-10").people[0].status, LineStatus::NotInformed);
        assert_eq!(w.decide(&spontaneous("activity"), &tags, "social", "info", "2025-09-10").people[0].status, LineStatus::NotInformed);
    }

    #[test]
    fn each_line_names_its_tag_and_says_whether_it_is_fine_and_filled() {
        let w = World::new(vec![(1, child(7, vec![event(1, EventKind::Record, "2025-09-01", &[("class/web/info", Answer::Yes)])]))], vec![]);
        let tags = [
            tag(1, true, false),
            TagFacts { id: Some(7), face: None, person: None, has_box: true, highlighted: false },
            TagFacts { id: Some(8), face: None, person: None, has_box: false, highlighted: false },
        ];
        let v = w.decide(&posed("class"), &tags, "web", "info", "2025-10-01");
        let lines: Vec<(Option<i64>, bool, bool)> = v.people.iter().map(|l| (l.tag, l.fine, l.fill)).collect();
        assert_eq!(lines, [(Some(100), true, false), (Some(7), false, true), (Some(8), false, false)]);
        assert_eq!(v.to_anonymise().map(|l| l.tag).collect::<Vec<_>>(), [Some(7)]);
    }

    #[test]
    fn missing_data_never_allows() {
        let w = World::new(vec![(1, child(7, vec![event(1, EventKind::Record, "2025-09-01", &[("class/web/info", Answer::Yes)])]))], vec![]);
        let nobody = w.decide(&posed("class"), &[], "web", "info", "2025-10-01");
        assert_eq!((nobody.outcome, nobody.nobody_tagged), (Outcome::Blocked, true));
        let no_type = w.decide(&PhotoFacts { photo_type: None, posed: true }, &[tag(1, false, false)], "web", "info", "2025-10-01");
        assert_eq!((no_type.outcome, no_type.people[0].rule), (Outcome::Blocked, Rule::NoPhotoType));
        let unknown = w.decide(
            &posed("class"),
            &[tag(1, false, false), TagFacts { id: Some(7), face: None, person: None, has_box: true, highlighted: false }],
            "web",
            "info",
            "2025-10-01",
        );
        assert_eq!((unknown.outcome, unknown.people[1].rule), (Outcome::Anonymise, Rule::UnknownPerson));
        let unknown_no_box =
            w.decide(&posed("class"), &[TagFacts { id: Some(8), face: None, person: None, has_box: false, highlighted: false }], "web", "info", "2025-10-01");
        assert_eq!(unknown_no_box.outcome, Outcome::Blocked);
        let unregistered = w.decide(&posed("class"), &[tag(99, false, false)], "web", "info", "2025-10-01");
        assert_eq!((unregistered.outcome, unregistered.people[0].rule), (Outcome::Blocked, Rule::NotRegistered));
    }

    fn face(n: u32) -> TagFacts {
        TagFacts { id: None, face: Some(n), person: None, has_box: true, highlighted: false }
    }

    #[test]
    fn one_tagged_child_in_a_crowd_of_unreviewed_faces_is_not_allowed() {
        // The class trip: one child tagged with consent, 28 faces nobody named.
        let w = World::new(vec![(1, child(7, vec![event(1, EventKind::Record, "2025-09-01", &[("class/web/info", Answer::Yes)])]))], vec![]);
        let mut tags = vec![tag(1, true, false)];
        tags.extend((1..=28).map(face));
        let v = w.decide(&posed("class"), &tags, "web", "info", "2025-10-01");
        assert_eq!(v.outcome, Outcome::Anonymise, "never allowed while faces are unidentified");
        assert_eq!(v.unidentified_faces, 28);
        assert!(!v.nobody_tagged);
        let faces: Vec<_> = v.people.iter().filter(|l| l.face.is_some()).collect();
        assert_eq!(faces.len(), 28);
        assert!(faces.iter().all(|l| l.person.is_none() && l.status == LineStatus::Unidentified && l.rule == Rule::FaceNotIdentified));
        assert!(faces.iter().all(|l| l.fill && !l.fine), "every unidentified face is filled on export");
        assert_eq!(v.people[0].status, LineStatus::Consent);
        // Once every face is reviewed (here: none left open), the same child alone is allowed.
        let reviewed = w.decide(&posed("class"), &[tag(1, true, false)], "web", "info", "2025-10-01");
        assert_eq!((reviewed.outcome, reviewed.unidentified_faces), (Outcome::Allowed, 0));
    }

    #[test]
    fn faces_are_people_for_who_is_targeted() {
        // Spontaneous photo: one tagged child and one unreviewed face. The
        // child is not alone, so a notice is what counts for them.
        let w = World::new(
            vec![(1, child(7, vec![event(1, EventKind::Record, "2025-09-01", &[("class/web/info", Answer::No)])]))],
            vec![notice(3, "2025-09-01", &[7], &["info"], &["web"])],
        );
        let v = w.decide(&spontaneous("class"), &[tag(1, true, false), face(1)], "web", "info", "2025-10-01");
        assert_eq!((v.people[0].targeted, v.people[0].status), (false, LineStatus::Informed));
        assert_eq!((v.outcome, v.people[1].status), (Outcome::Anonymise, LineStatus::Unidentified));
        // The face reviewed away (dismissed: not passed at all), the child is alone and targeted: the "no" counts.
        let alone = w.decide(&spontaneous("class"), &[tag(1, true, false)], "web", "info", "2025-10-01");
        assert_eq!((alone.people[0].targeted, alone.people[0].status), (true, LineStatus::Denied));
    }

    #[test]
    fn faces_without_any_tag_are_no_review() {
        let w = World::new(vec![], vec![]);
        let v = w.decide(&posed("class"), &[face(1), face(2)], "web", "info", "2025-10-01");
        assert_eq!((v.outcome, v.nobody_tagged, v.unidentified_faces), (Outcome::Blocked, true, 2));
        assert_eq!(v.people.len(), 2, "the faces are still listed");
    }

    #[test]
    fn a_leaver_with_a_school_career_term_is_no_longer_covered() {
        let mut w = World::new(
            vec![(
                1,
                PersonFacts {
                    leaving: Leaving { date: Some(d("2026-07-10")), ends_consent: false },
                    ..child(7, vec![event(1, EventKind::Record, "2020-09-01", &[("class/web/info", Answer::Yes)])])
                },
            )],
            vec![],
        );
        w.terms.insert(10, Term::SchoolCareer);
        assert_eq!(w.decide(&posed("class"), &[tag(1, false, false)], "web", "info", "2026-07-10").outcome, Outcome::Allowed);
        let after = w.decide(&posed("class"), &[tag(1, false, false)], "web", "info", "2026-07-11");
        assert_eq!(after.people[0].status, LineStatus::Expired);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const TYPES: [&str; 2] = ["class", "activity"];
        const CHANNELS: [&str; 2] = ["web", "social"];

        fn world_strategy() -> impl Strategy<Value = (World, Vec<TagFacts>, bool, usize, usize, i64)> {
            let person = (proptest::collection::vec((0usize..2, 0usize..2, any::<bool>(), 0i64..300), 0..4), 0i64..3);
            (
                proptest::collection::vec(person, 1..5),
                proptest::collection::vec((0i64..3, 0i64..300, 0usize..2), 0..3),
                proptest::collection::vec((any::<bool>(), any::<bool>()), 1..5),
                any::<bool>(),
                0usize..2,
                0usize..2,
                0i64..400,
            )
                .prop_map(|(people, notices, tags, posed, t, c, day)| {
                    let base = d("2025-08-15");
                    let people: Vec<(i64, PersonFacts)> = people
                        .into_iter()
                        .enumerate()
                        .map(|(i, (answers, group))| {
                            let history = answers
                                .into_iter()
                                .enumerate()
                                .map(|(j, (ti, ci, yes, off))| {
                                    let item = format!("{}/{}/info", TYPES[ti], CHANNELS[ci]);
                                    let date = (base + chrono::Duration::days(off)).to_string();
                                    event((i * 10 + j) as i64 + 1, EventKind::Record, &date, &[(&item, if yes { Answer::Yes } else { Answer::No })])
                                })
                                .collect();
                            (i as i64, child(group, history))
                        })
                        .collect();
                    let n = people.len() as i64;
                    let notices = notices
                        .into_iter()
                        .enumerate()
                        .map(|(k, (g, off, ci))| notice(k as i64 + 1, &(base + chrono::Duration::days(off)).to_string(), &[g], &["info"], &[CHANNELS[ci]]))
                        .collect();
                    let tags = tags.into_iter().enumerate().map(|(k, (b, h))| tag(k as i64 % n, b, h)).collect();
                    (World::new(people, notices), tags, posed, t, c, day)
                })
        }

        fn outcome_rank(o: Outcome) -> u8 {
            match o {
                Outcome::Allowed => 2,
                Outcome::Anonymise => 1,
                Outcome::Blocked => 0,
            }
        }

        proptest! {
            /// Adding a withdrawal never makes a verdict more permissive.
            #[test]
            fn withdrawal_never_unblocks((mut w, tags, posed, t, c, day) in world_strategy(), who in 0i64..5, wd_day in 0i64..400) {
                let photo = PhotoFacts { photo_type: Some(TYPES[t].into()), posed };
                let date = (d("2025-08-15") + chrono::Duration::days(day)).to_string();
                let before = w.decide(&photo, &tags, CHANNELS[c], "info", &date);
                let n = w.people.len() as i64;
                let item = format!("{}/{}/info", TYPES[t], CHANNELS[c]);
                let wd = event(1000, EventKind::Withdraw, &(d("2025-08-15") + chrono::Duration::days(wd_day)).to_string(), &[(&item, Answer::Withdrawn)]);
                if let Some(p) = w.people.get_mut(&(who % n)) { p.history.push(wd); }
                let after = w.decide(&photo, &tags, CHANNELS[c], "info", &date);
                prop_assert!(outcome_rank(after.outcome) <= outcome_rank(before.outcome), "{:?} -> {:?}", before.outcome, after.outcome);
            }

            /// Removing a tag never makes a verdict worse when it does not change
            /// who is targeted (the photo is posed, or at least two tags remain).
            /// Not a general law: removing one of two tags leaves someone alone,
            /// hence targeted; removing the last leaves nobody tagged.
            #[test]
            fn removing_a_tag_never_makes_it_worse((w, tags, posed, t, c, day) in world_strategy(), drop in 0usize..5) {
                let photo = PhotoFacts { photo_type: Some(TYPES[t].into()), posed };
                let date = (d("2025-08-15") + chrono::Duration::days(day)).to_string();
                let before = w.decide(&photo, &tags, CHANNELS[c], "info", &date);
                let mut fewer = tags.clone();
                fewer.remove(drop % tags.len());
                prop_assume!(!fewer.is_empty() && (posed || fewer.len() >= 2));
                let after = w.decide(&photo, &fewer, CHANNELS[c], "info", &date);
                prop_assert!(outcome_rank(after.outcome) >= outcome_rank(before.outcome));
            }

            /// Same inputs, same verdict; the order of people's history does not matter.
            #[test]
            fn a_function_of_its_inputs_only((mut w, tags, posed, t, c, day) in world_strategy()) {
                let photo = PhotoFacts { photo_type: Some(TYPES[t].into()), posed };
                let date = (d("2025-08-15") + chrono::Duration::days(day)).to_string();
                let first = w.decide(&photo, &tags, CHANNELS[c], "info", &date);
                prop_assert_eq!(&first, &w.decide(&photo, &tags, CHANNELS[c], "info", &date));
                for p in w.people.values_mut() { p.history.reverse(); }
                prop_assert_eq!(&first, &w.decide(&photo, &tags, CHANNELS[c], "info", &date));
            }
        }
    }
}
