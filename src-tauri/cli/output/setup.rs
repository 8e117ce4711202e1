//! What `init` prints.

use std::path::Path;

use beeldakkoord_core::domain::org::Organisation;
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, Shown};

#[derive(Serialize)]
pub struct SetUp<'a> {
    pub organisation: Organisation,
    pub user: String,
    pub data_dir: &'a Path,
}

impl Shown for SetUp<'_> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (org, age, user) = (&self.organisation.name, self.organisation.consent_age, &self.user);
        lang.pick(
            format!("{org} is ingericht (toestemming zelf vanaf {age} jaar). Gebruiker: {user}."),
            format!("{org} is set up (own consent from age {age}). User: {user}."),
        )
    }
}
