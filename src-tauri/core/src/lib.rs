//! Beeldakkoord core: the domain, the consent rules and the store.
//!
//! This crate knows nothing of Tauri or of any user interface. The desktop
//! shell and the command line both call [`api::Beeldakkoord`], the one API
//! through which every operation runs.

pub mod api;
pub mod auth;
pub mod backup;
pub mod crypto;
pub mod decision;
pub mod domain;
pub mod error;
pub mod evidence;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod pdf;
pub mod photos;
pub mod roster;
pub mod store;

pub use api::Beeldakkoord;
pub use error::{Error, Result};
pub use i18n::Lang;
