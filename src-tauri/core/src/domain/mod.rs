//! Types and rules of the consent domain. Pure: no I/O.

pub mod audit;
pub mod consent;
pub mod dates;
pub mod form;
pub mod home;
pub mod names;
pub mod org;
pub mod person;
pub mod photo;
pub mod retention;
pub mod text;
pub mod user;

pub use dates::DateError;
