//! What `form` prints.

use std::path::Path;

use beeldakkoord_core::api::{FormPrintReport, FormRef};
use beeldakkoord_core::domain::form::{FormSummary, FormVersion};
use beeldakkoord_core::Lang;
use serde::Serialize;

use super::{as_itself, lines, Shown};

impl Shown for FormRef {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lang.pick(format!("Formulier {} versie {} ingelezen.", self.form, self.version), format!("Form {} version {} imported.", self.form, self.version))
    }
}

#[derive(Serialize)]
pub struct FormSaved<'a> {
    pub form: i64,
    pub out: &'a Path,
}

impl Shown for FormSaved<'_> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (id, out) = (self.form, self.out.display());
        lang.pick(format!("Formulier {id} opgeslagen in {out}."), format!("Form {id} saved to {out}."))
    }
}

#[derive(Serialize)]
pub struct FormActive {
    pub form: i64,
    pub active: bool,
}

impl Shown for FormActive {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let id = self.form;
        match self.active {
            true => lang.pick(format!("Formulier {id} is in gebruik."), format!("Form {id} is in use.")),
            false => lang.pick(format!("Formulier {id} is niet meer in gebruik."), format!("Form {id} is no longer in use.")),
        }
    }
}

impl Shown for Vec<FormSummary> {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        lines(self.iter().map(|f| {
            let active = if f.active { lang.pick("in gebruik", "in use") } else { "" };
            format!("{:>4}  v{:<3} {:<60} {}", f.id, f.latest_version, f.title, active)
        }))
    }
}

impl Shown for FormVersion {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let c = &self.content;
        let mut s = format!("{} ({} {}, {})\n\n{}\n\n", c.title, lang.pick("versie", "version"), self.version, c.term.describe(lang), c.text.trim());
        for item in &c.items {
            s += &format!("  [{}] {}\n", item, c.describe_item(item, lang));
        }
        s.trim_end().to_string()
    }
}

impl Shown for FormPrintReport {
    as_itself!();
    fn text(&self, lang: Lang) -> String {
        let (n, out) = (self.forms, self.out.display());
        lang.pick(format!("{n} formulier(en) geschreven naar {out}."), format!("{n} form(s) written to {out}."))
    }
}
