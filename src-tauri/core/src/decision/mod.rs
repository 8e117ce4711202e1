//! The only place that decides consent. Pure functions: no I/O, no clock.

pub mod effective;
pub mod reconsent;
pub mod retention;
pub mod takedown;
pub mod verdict;

#[cfg(test)]
mod fixtures;

pub use effective::{effective_consent, ItemStatus, Status};

use crate::domain::consent::{ConsentEvent, GivenByRole};

/// The items whose answer came from a guardian while the person now decides
/// for themselves (they crossed the age of own consent): a "yes" that still
/// counts for now, and answers that stopped counting (DESIGN rule 3). The
/// office asks the person for their own answer.
pub fn own_confirmation_items<'a>(status: &'a [ItemStatus], history: &'a [ConsentEvent], decides_self: bool) -> impl Iterator<Item = &'a ItemStatus> {
    status.iter().filter(move |s| {
        decides_self
            && (s.own_answer_needed
                || (s.status == Status::Granted && history.iter().any(|e| Some(e.id) == s.record && e.given_by_role == GivenByRole::Guardian)))
    })
}

/// True when the person should be asked for their own answer (see [`own_confirmation_items`]).
pub fn own_confirmation_needed(status: &[ItemStatus], history: &[ConsentEvent], decides_self: bool) -> bool {
    own_confirmation_items(status, history, decides_self).next().is_some()
}
