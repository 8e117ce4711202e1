//! Consent forms on paper: blank, for one person, or for a whole group.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{filter_group, form_version, Beeldakkoord};
use crate::auth::Session;
use crate::domain::consent::{who_decides, GivenByRole};
use crate::domain::dates::check_range;
use crate::error::{Error, InputError, Result};
use crate::i18n::Lang;
use crate::pdf::form::{self, FormPrint, PaperForm};
use crate::store;

/// For whom a paper form is printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum FormTarget {
    Blank,
    Person(i64),
    Group(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct FormPrintReport {
    pub out: PathBuf,
    /// How many forms (people) the PDF holds; 1 for a blank form.
    pub forms: u32,
    pub bytes: u64,
}

impl Beeldakkoord {
    /// Print form `id` (its latest version, or `version`) for `target` to
    /// `out`. Someone below the age of own consent gets signature lines for
    /// their guardians (one per linked guardian, at most two); from that age a
    /// line for themselves. `return_by` defaults to two weeks from today.
    #[allow(clippy::too_many_arguments)]
    pub fn print_form(&self, s: &Session, id: i64, version: Option<u32>, target: &FormTarget, lang: Lang, return_by: Option<NaiveDate>, out: &Path) -> Result<FormPrintReport> {
        let org = self.organisation()?;
        let today = self.today();
        let return_by = check_range(return_by.unwrap_or(today + chrono::Days::new(14)))?;
        let (form, people) = self.store.read(|c| {
            let form = form_version(c, id, version)?;
            let people = match target {
                FormTarget::Blank => Vec::new(),
                FormTarget::Person(p) => vec![store::people::person(c, *p)?.ok_or(Error::Input(InputError::UnknownPerson(*p)))?],
                FormTarget::Group(g) => {
                    let group = filter_group(c, Some(g))?.ok_or_else(|| Error::Input(InputError::UnknownGroup(g.clone())))?;
                    let q = store::people::PeopleQuery { group: Some(group), search: None, include_left: false, on: today };
                    let mut list = Vec::new();
                    for summary in store::people::list(c, &q)? {
                        if let Some(p) = store::people::person(c, summary.id)? {
                            list.push(p);
                        }
                    }
                    if list.is_empty() {
                        return Err(Error::Input(InputError::EmptyGroup(g.clone())));
                    }
                    list
                }
            };
            Ok::<_, Error>((form, people))
        })?;
        let forms: Vec<PaperForm<'_>> = if people.is_empty() {
            vec![PaperForm { person: None, groups: Vec::new(), signs: None }]
        } else {
            people
                .iter()
                .map(|p| PaperForm {
                    person: Some(p),
                    groups: p.groups_on(today).into_iter().map(String::from).collect(),
                    // Without a birth date the guardians sign, as for any child.
                    signs: Some(who_decides(p, today, org.consent_age).unwrap_or(GivenByRole::Guardian)),
                })
                .collect()
        };
        let count = u32::try_from(forms.len()).unwrap_or(u32::MAX);
        let bytes = form::render(&FormPrint { lang, organisation: &org.name, form: &form, consent_age: org.consent_age, return_by, forms }).map_err(Error::Pdf)?;
        self.store.write(&s.actor(), |tx| {
            crate::files::write_atomic(out, &bytes).map_err(|source| InputError::FileWrite { path: out.to_path_buf(), source })?;
            tx.audit("form.print", "form", Some(id), json!({"version": form.version, "target": target, "forms": count, "out": out}))?;
            Ok::<_, Error>(())
        })?;
        Ok(FormPrintReport { out: out.to_path_buf(), forms: count, bytes: bytes.len() as u64 })
    }
}
