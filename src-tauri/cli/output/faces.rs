//! What `photo faces` prints.

use beeldakkoord_core::api::{FaceStatus, ScanProgress};
use beeldakkoord_core::domain::photo::{Face, FaceState};
use beeldakkoord_core::Lang;
use serde::Serialize;
use serde_json::Value;

use super::{as_itself, lines, plain, Shown};
use crate::reports::ScanReport;

/// A photo's faces (after one was reviewed: `changed`).
pub struct Faces {
    pub photo: i64,
    pub faces: Vec<Face>,
    pub changed: Option<u32>,
}

/// One face in the README's shape: the box as `[x, y, w, h]`.
#[derive(Serialize)]
struct FaceView<'a> {
    face: u32,
    #[serde(rename = "box")]
    area: [u32; 4],
    score: f32,
    state: FaceState,
    person: Option<i64>,
    name: Option<&'a str>,
    reason: Option<&'a str>,
    suggestions: Vec<SuggestionView<'a>>,
}

/// "Probably: Noor (3 earlier photos)": never applied without `photo tag --face`.
#[derive(Serialize)]
struct SuggestionView<'a> {
    person: i64,
    name: &'a str,
    score: f32,
    /// Other photos on which this person was named.
    photos: u32,
}

fn state_words(state: FaceState, lang: Lang) -> &'static str {
    match state {
        FaceState::Suggested => lang.pick("nog niet benoemd", "not named yet"),
        FaceState::Named => lang.pick("benoemd", "named"),
        FaceState::Unknown => lang.pick("onbekend", "unknown"),
        FaceState::Dismissed => lang.pick("afgewezen", "dismissed"),
    }
}

impl Shown for Faces {
    fn json(&self, _: Lang) -> Value {
        let views: Vec<FaceView> = self
            .faces
            .iter()
            .map(|f| FaceView {
                face: f.face,
                area: [f.area.x, f.area.y, f.area.w, f.area.h],
                score: f.score,
                state: f.state,
                person: f.person,
                name: f.person_name.as_deref(),
                reason: f.reason.as_deref(),
                suggestions: f.suggestions.iter().map(|s| SuggestionView { person: s.person, name: &s.name, score: s.score, photos: s.photos }).collect(),
            })
            .collect();
        plain(&views)
    }
    fn text(&self, lang: Lang) -> String {
        let open = self.faces.iter().filter(|f| f.state == FaceState::Suggested).count();
        let head = match self.changed {
            Some(n) => lang.pick(format!("Gezicht {n} op foto {} bijgewerkt.", self.photo), format!("Face {n} on photo {} updated.", self.photo)),
            None => lang.pick(
                format!("Foto {}: {} gezichten gevonden, {open} nog niet benoemd.", self.photo, self.faces.len()),
                format!("Photo {}: {} faces found, {open} not named yet.", self.photo, self.faces.len()),
            ),
        };
        let rows = self.faces.iter().map(|f| {
            let who = match (&f.person_name, f.person, &f.reason, f.suggestions.first()) {
                (Some(name), Some(id), _, _) => format!("{name} (#{id})"),
                (_, _, Some(reason), _) => reason.clone(),
                (_, _, _, Some(s)) => lang.pick(
                    format!("waarschijnlijk: {} (#{}, {} eerdere foto's)", s.name, s.person, s.photos),
                    format!("probably: {} (#{}, {} earlier photos)", s.name, s.person, s.photos),
                ),
                _ => String::new(),
            };
            let b = f.area;
            format!("  {:>3}  {},{},{},{}  {:<16} {who}", f.face, b.x, b.y, b.w, b.h, state_words(f.state, lang))
        });
        lines(std::iter::once(head).chain(rows))
    }
}

impl Shown for ScanReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (scanned, faces, failed) = (self.scanned, self.faces, self.failed.len());
        let mut s = lang.pick(format!("{scanned} foto's doorzocht: {faces} gezichten gevonden."), format!("{scanned} photos scanned: {faces} faces found."));
        for f in &self.failed {
            s += &format!("\n  {} ({}): {}", f.name, f.photo, f.message);
        }
        if failed > 0 {
            s += &lang.pick(format!("\n{failed} foto's konden niet gelezen worden."), format!("\n{failed} photos could not be read."));
        }
        s
    }
}

/// The line on stderr while a scan runs.
pub fn scan_progress(p: &ScanProgress, lang: Lang) -> String {
    lang.pick(format!("Gezichten zoeken: {}/{} foto's", p.done, p.total), format!("Looking for faces: {}/{} photos", p.done, p.total))
}

impl Shown for FaceStatus {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let on = if self.suggestions { lang.pick("aan", "on") } else { lang.pick("uit", "off") };
        lang.pick(
            format!("Gezichtssuggesties: {on}. {} foto's doorzocht, {} wachten nog.", self.scanned, self.waiting),
            format!("Face suggestions: {on}. {} photos scanned, {} still waiting.", self.scanned, self.waiting),
        )
    }
}

#[derive(Serialize)]
pub struct FaceExclusion {
    pub person: i64,
    pub excluded: bool,
}

impl Shown for FaceExclusion {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let p = self.person;
        if self.excluded {
            lang.pick(
                format!("Persoon {p} wordt nooit voorgesteld bij een gezicht; opgeslagen gezichtsgegevens zijn verwijderd."),
                format!("Person {p} is never suggested for a face; stored face data were deleted."),
            )
        } else {
            lang.pick(format!("Persoon {p} kan weer voorgesteld worden bij gezichten."), format!("Person {p} may be suggested for faces again."))
        }
    }
}
