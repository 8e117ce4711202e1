//! What the benchmarks share: a set-up office in a fresh data folder.

#![allow(dead_code)]

use beeldakkoord_core::api::InitRequest;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::Beeldakkoord;

pub const PASSWORD: &str = "bench password";

/// A Dutch organisation `name` with admin "admin", in a new data folder.
pub fn office(name: &str) -> (tempfile::TempDir, Beeldakkoord, Session) {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = InitRequest {
        org_name: name.into(),
        jurisdiction: "nl".into(),
        consent_age: None,
        school_year_start: None,
        username: "admin".into(),
        password: PASSWORD.into(),
    };
    let (core, s) = Beeldakkoord::create(&dir.path().join("data"), &request).expect("create");
    (dir, core, s)
}
