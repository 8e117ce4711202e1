//! The only place that decides consent. Pure functions: no I/O, no clock.

pub mod effective;

pub use effective::{effective_consent, ItemStatus, Status};
