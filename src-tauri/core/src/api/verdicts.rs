//! Verdicts for photos: one check, and the takedown list over every
//! publication still online. The facts a verdict needs (each person's
//! history and groups, the notices, the forms' terms) are read once per job
//! and shared by all its verdicts: the takedown list decides every
//! publication of a photo from the same facts.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::photos::{ConsentSource, NoticeSource, PhotoCheck, Takedown, TakedownPerson};
use super::users::Scope;
use super::Beeldakkoord;
use crate::auth::{Action, Session};
use crate::decision::takedown::no_longer_fine;
use crate::decision::verdict::{self, Facts, PersonFacts, PhotoFacts, TagFacts, Use, Verdict};
use crate::domain::consent::{guardian_counts_until, EventKind};
use crate::domain::dates::check_range;
use crate::domain::org::Organisation;
use crate::domain::person::PersonKind;
use crate::domain::photo::NoticeFacts;
use crate::domain::photo::{Photo, PhotoBox, Tag};
use crate::error::{Error, KeyKind, Result};
use crate::store::consent::HistoryRead;
use crate::store::faces::FaceRow;
use crate::store::memo::Memo;
use crate::store::{self};

/// Who is on a photo: its tags, and the faces found on it (those nobody
/// reviewed count as unidentified people).
#[derive(Debug, Clone)]
pub(super) struct OnPhoto {
    pub tags: Vec<Tag>,
    pub faces: Vec<FaceRow>,
}

impl OnPhoto {
    pub(super) fn read(c: &Connection, photo: i64) -> Result<OnPhoto> {
        Ok(OnPhoto { tags: store::photos::tags(c, photo)?, faces: store::faces::faces(c, photo)? })
    }

    /// The tag a line of the verdict is about.
    pub(super) fn tag_of(&self, line: &verdict::PersonLine) -> Option<&Tag> {
        self.tags.iter().find(|t| Some(t.id) == line.tag)
    }

    /// The box a line's person is in: their tag's, or the unreviewed face's.
    pub(super) fn area_of(&self, line: &verdict::PersonLine) -> Option<PhotoBox> {
        match line.face {
            Some(n) => self.faces.iter().find(|f| f.n == n).map(|f| f.area),
            None => self.tag_of(line)?.area,
        }
    }

    pub(super) fn name_of(&self, line: &verdict::PersonLine) -> Option<String> {
        self.tag_of(line).and_then(|t| t.person_name.clone())
    }

    /// The tags, then every face nobody reviewed yet.
    fn facts(&self) -> Vec<TagFacts> {
        let tags = self.tags.iter().map(|t| TagFacts { id: Some(t.id), face: None, person: t.person, has_box: t.area.is_some(), highlighted: t.highlighted });
        let faces = self.faces.iter().filter(|f| f.state() == crate::domain::photo::FaceState::Suggested).map(|f| TagFacts {
            id: None,
            face: Some(f.n),
            person: None,
            has_box: true,
            highlighted: false,
        });
        tags.chain(faces).collect()
    }
}

/// What the verdicts of one job are decided on, read from the store as they
/// are first needed and kept for the rest of the job.
pub(super) struct VerdictFacts {
    date: NaiveDate,
    org: Organisation,
    notices: Arc<Vec<NoticeFacts>>,
    forms: Arc<store::forms::DecisionForms>,
    titles: Arc<store::forms::FormTitles>,
    /// For a job about one use of one photo: the only item whose answers matter.
    item: Option<String>,
    people: HashMap<i64, PersonFacts>,
}

impl VerdictFacts {
    /// The forms and notices come from the store's memo: they change far
    /// less often than photos are checked.
    pub(super) fn read(memo: &Memo, c: &Connection, org: &Organisation, date: NaiveDate) -> Result<VerdictFacts> {
        Ok(VerdictFacts {
            date,
            org: org.clone(),
            notices: memo.get(c, store::photos::notices)?,
            forms: memo.get(c, store::forms::decision_forms)?,
            titles: memo.get(c, store::forms::titles)?,
            item: None,
            people: HashMap::new(),
        })
    }

    /// Facts for deciding only `photo` in `channel` for `purpose`: of each
    /// person's answers only those to that one item are read.
    pub(super) fn for_one_use(mut self, photo: &Photo, channel: &str, purpose: &str) -> VerdictFacts {
        // Without a type nobody's answers count (the verdict asks for one); reading none is right too.
        self.item = Some(photo.photo_type.as_deref().map_or_else(String::new, |t| format!("{t}/{channel}/{purpose}")));
        self
    }

    /// The verdict for `photo` with who is `on` it, used in `channel` for `purpose` on the job's date.
    pub(super) fn decide(&mut self, c: &Connection, photo: &Photo, on: &OnPhoto, channel: &str, purpose: &str) -> Result<Verdict> {
        for person in on.tags.iter().filter_map(|t| t.person) {
            if self.people.contains_key(&person) {
                continue;
            }
            if let Some(p) = store::people::person(c, person)? {
                let facts = PersonFacts {
                    kind: p.kind,
                    groups: store::people::current_group_ids(c, person, self.date)?,
                    leaving: crate::decision::effective::Leaving::of(&p, &self.org),
                    guardian_until: guardian_counts_until(&p, &self.org, self.date),
                    history: store::consent::history_with(c, person, HistoryRead { item: self.item.as_deref(), titles: Some(&self.titles) })?,
                    known: Default::default(),
                };
                self.people.insert(person, facts);
            }
        }
        let facts = Facts { people: &self.people, notices: &self.notices, terms: &self.forms.terms, year_start: self.org.school_year_start };
        let posed = self.forms.is_posed(photo.photo_type.as_deref(), photo.posed);
        let photo_facts = PhotoFacts { photo_type: photo.photo_type.clone(), posed };
        Ok(verdict::decide(&photo_facts, &on.facts(), &facts, &Use { channel: channel.to_string(), purpose: purpose.to_string(), date: self.date }))
    }

    /// The consent entries and notices `v`'s lines rest on, each once, in
    /// the order of the lines: what the window cites instead of numbers.
    pub(super) fn sources(&self, v: &Verdict) -> (Vec<ConsentSource>, Vec<NoticeSource>) {
        let mut consents: Vec<ConsentSource> = Vec::new();
        let mut notices: Vec<NoticeSource> = Vec::new();
        for line in &v.people {
            let event = match (line.person, line.record) {
                (Some(person), Some(record)) => self.people.get(&person).and_then(|p| p.history.iter().find(|e| e.id == record)),
                _ => None,
            };
            if let Some(e) = event.filter(|e| !consents.iter().any(|c| c.record == e.id)) {
                let signers = std::iter::once(e.given_by_name.clone()).chain(e.co_signers.iter().map(|s| s.name.clone())).collect();
                consents.push(ConsentSource {
                    record: e.id,
                    withdrawal: e.kind == EventKind::Withdraw,
                    form_title: e.form_title.clone(),
                    form_version: e.form_version,
                    date: e.date,
                    signers,
                });
            }
            let notice = line.notice.and_then(|n| self.notices.iter().find(|f| f.id == n));
            if let Some(n) = notice.filter(|n| !notices.iter().any(|s| s.notice == n.id)) {
                notices.push(NoticeSource { notice: n.id, date: n.date });
            }
        }
        (consents, notices)
    }
}

impl Beeldakkoord {
    /// May this photo be used in `channel` for `purpose` on `date` (today when left out)?
    pub fn check_photo(&self, s: &Session, id: i64, channel: &str, purpose: &str, date: Option<NaiveDate>) -> Result<PhotoCheck> {
        let scope = self.allow(s, Action::CheckPhoto)?;
        let org = self.organisation()?;
        let date = check_range(date.unwrap_or_else(|| self.today()))?;
        self.store.read(|c| Ok(self.verdict_in(c, &scope, &org, id, channel, purpose, date)?.0))
    }

    /// The verdict, the photo and who is on it, from one read: each line of
    /// the verdict names its tag or face.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn verdict_in(
        &self,
        c: &Connection,
        scope: &Scope,
        org: &Organisation,
        id: i64,
        channel: &str,
        purpose: &str,
        date: NaiveDate,
    ) -> Result<(PhotoCheck, Photo, OnPhoto)> {
        let photo = super::require_photo_in(c, scope, id)?;
        let channel = self.check_key(c, KeyKind::Channel, channel)?;
        let purpose = self.check_key(c, KeyKind::Purpose, purpose)?;
        let on = OnPhoto::read(c, id)?;
        let mut facts = VerdictFacts::read(self.store.memo(), c, org, date)?.for_one_use(&photo, &channel, &purpose);
        let verdict = facts.decide(c, &photo, &on, &channel, &purpose)?;
        let (consents, notices) = facts.sources(&verdict);
        Ok((PhotoCheck { photo: id, channel, purpose, date, verdict, consents, notices }, photo, on))
    }

    /// Publications still online on `date` in which someone who was fine when
    /// it was published no longer is (withdrawn, expired, left).
    ///
    /// One read, one set of facts: every use of a photo is decided once,
    /// however often it was published that way.
    pub fn takedown_list(&self, s: &Session, date: Option<NaiveDate>) -> Result<Vec<Takedown>> {
        let scope = self.allow(s, Action::TakedownList)?;
        let date = check_range(date.unwrap_or_else(|| self.today()))?;
        let org = self.organisation()?;
        self.store.read(|c| {
            let mut facts = VerdictFacts::read(self.store.memo(), c, &org, date)?;
            let mut photos: HashMap<i64, (Photo, OnPhoto)> = HashMap::new();
            let mut now: HashMap<(i64, String, String), Verdict> = HashMap::new();
            let mut out = Vec::new();
            for p in store::photos::online(c, date, scope.as_ref())? {
                let then: Verdict =
                    serde_json::from_str(&p.verdict).map_err(|e| Error::Store(store::StoreError::Decode(format!("publication {}: {e}", p.id))))?;
                if let std::collections::hash_map::Entry::Vacant(slot) = photos.entry(p.photo) {
                    slot.insert((super::require_photo(c, p.photo)?, OnPhoto::read(c, p.photo)?));
                }
                let (photo, on) = &photos[&p.photo];
                // The channel and purpose were checked when the publication was recorded.
                let key = (p.photo, p.channel.clone(), p.purpose.clone());
                if !now.contains_key(&key) {
                    let verdict = facts.decide(c, photo, on, &p.channel, &p.purpose)?;
                    now.insert(key.clone(), verdict);
                }
                let current = &now[&key];
                let people: Vec<TakedownPerson> = no_longer_fine(&then, current)
                    .into_iter()
                    .filter_map(|i| current.people.get(i))
                    .map(|line| {
                        let staff = line.person.and_then(|id| facts.people.get(&id)).is_some_and(|p| p.kind == PersonKind::Staff);
                        let own = scope.as_ref().zip(line.person).is_some_and(|(v, p)| v.is_own(p));
                        if staff && scope.is_some() && !own {
                            return TakedownPerson { person: None, name: None, colleague: true, status: line.status, rule: line.rule };
                        }
                        TakedownPerson { person: line.person, name: on.name_of(line), colleague: false, status: line.status, rule: line.rule }
                    })
                    .collect();
                if !people.is_empty() {
                    out.push(Takedown {
                        publication: p.id,
                        photo: p.photo,
                        place: p.place,
                        channel: p.channel,
                        purpose: p.purpose,
                        published_on: p.published_on,
                        people,
                    });
                }
            }
            Ok(out)
        })
    }
}
