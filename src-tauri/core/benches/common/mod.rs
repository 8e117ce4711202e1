//! What the benchmarks share: a set-up office in a fresh data folder.

#![allow(dead_code)]

use beeldakkoord_core::api::InitRequest;
use beeldakkoord_core::auth::Session;
use beeldakkoord_core::Beeldakkoord;

pub const PASSWORD: &str = "bench password";

/// A Dutch organisation `name` with admin "admin", in a new data folder.
pub fn office(name: &str) -> (tempfile::TempDir, Beeldakkoord, Session) {
    office_with(name, true)
}

/// The two ways a bench measures: as shipped, and the same build without
/// encryption (what encryption costs is their ratio).
pub const MODES: [(&str, bool); 2] = [("plain", false), ("encrypted", true)];

/// [`office`], encrypted or not.
pub fn office_with(name: &str, encrypted: bool) -> (tempfile::TempDir, Beeldakkoord, Session) {
    let dir = tempfile::tempdir().expect("temp dir");
    let request = InitRequest {
        org_name: name.into(),
        jurisdiction: "nl".into(),
        consent_age: None,
        school_year_start: None,
        username: "admin".into(),
        password: PASSWORD.into(),
    };
    let data = dir.path().join("data");
    let (core, s) = if encrypted { Beeldakkoord::create(&data, &request) } else { Beeldakkoord::create_unencrypted(&data, &request) }.expect("create");
    (dir, core, s)
}

/// Open the data folder again, as the window does at sign-in.
pub fn reopen(data: &std::path::Path, encrypted: bool) -> (Beeldakkoord, Session) {
    if encrypted { Beeldakkoord::unlock(data, "admin", PASSWORD) } else { Beeldakkoord::open_unencrypted(data, "admin", PASSWORD) }.expect("reopen")
}
