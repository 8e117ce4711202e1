//! What every command prints: its JSON (the contract in the README: the
//! serialised core type, or a view of it where the README names fields its
//! own way) and all the text for people at a terminal, in one place.

mod consent;
mod faces;
mod forms;
mod home;
mod people;
mod photos;
mod print;
mod retention;
mod setup;
mod usage;
mod users;

pub use consent::{Audit, AuditLog, Confirmed, Kept, Recorded};
pub use faces::{scan_progress, FaceExclusion, Faces};
pub use forms::{FormActive, FormSaved};
pub use people::{Added, Addition, LeaveSet};
pub use photos::{not_imported, PublicationRemoved, Tags};
pub use print::{Batch, Logo, Measures, TakeHome};
pub use retention::DossierSkipped;
pub use setup::{BackupShown, Recovered, RecoverySheet, SetUp};
pub use usage::{usage_message, CliError};
pub use users::PasswordSet;

use beeldakkoord_core::Lang;
use serde::Serialize;
use serde_json::Value;

/// A command's result as both outputs show it.
pub trait Shown {
    /// What `--json` prints.
    fn json(&self, lang: Lang) -> Value;
    /// What a person at a terminal reads.
    fn text(&self, lang: Lang) -> String;
}

/// The JSON of a value that is its own contract.
fn plain(value: &impl Serialize) -> Value {
    // Only maps with string keys and plain values are serialised here: this cannot fail.
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Implements `Shown::json` as the serialised value itself.
macro_rules! as_itself {
    () => {
        fn json(&self, _: beeldakkoord_core::Lang) -> serde_json::Value {
            super::plain(self)
        }
    };
}
pub(crate) use as_itself;

fn lines(rows: impl Iterator<Item = String>) -> String {
    rows.collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::ImportReport;
    use beeldakkoord_core::api::ImportedPhoto;

    /// The text for people never leaks into a value's JSON, and the JSON keeps the README's names.
    #[test]
    fn views_keep_the_readme_names() {
        let added = Added { what: Addition::Notice, id: 7 };
        assert_eq!(added.json(Lang::Nl), serde_json::json!({"id": 7}));
        assert_eq!(Recorded { withdrawal: true, record: 3 }.json(Lang::En), serde_json::json!({"record": 3}));
        let tags = Tags { photo: 2, tags: vec![], tagged: Some(5) };
        assert_eq!(tags.json(Lang::Nl), serde_json::json!({"photo": 2, "tags": []}));
        assert!(tags.text(Lang::Nl).contains("Persoon 5"));
    }

    #[test]
    fn imported_photos_are_listed_by_id_hash_and_newness() {
        let r = ImportReport { imported: vec![ImportedPhoto { id: 1, hash: "ab".into(), new: true, name: "a.jpg".into() }], failed: vec![], cancelled: false };
        let v = r.json(Lang::Nl);
        assert_eq!((v[0]["id"].as_i64(), v[0]["hash"].as_str(), v[0]["new"].as_bool()), (Some(1), Some("ab"), Some(true)));
    }
}
