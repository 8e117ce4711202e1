//! The only place that decides consent. Pure functions: no I/O, no clock.

pub mod effective;
pub mod reconsent;
pub mod takedown;
pub mod verdict;

#[cfg(test)]
mod fixtures;

pub use effective::{effective_consent, ItemStatus, Status};

use crate::domain::consent::{ConsentEvent, GivenByRole};

/// True when consent that holds now was given by a guardian while the person
/// now decides for themselves (they crossed the age of own consent): the
/// office should ask the person to confirm it.
pub fn own_confirmation_needed(status: &[ItemStatus], history: &[ConsentEvent], decides_self: bool) -> bool {
    decides_self
        && status
            .iter()
            .filter(|s| s.status == Status::Granted)
            .any(|s| history.iter().any(|e| Some(e.id) == s.record && e.given_by_role == GivenByRole::Guardian))
}
