//! Consent forms: import, export, edit (a new version once answered), in use or not.

use super::*;
use crate::auth::Action;

impl Beeldakkoord {
    /// Import a form file (TOML, at most 1 MB) the user named.
    pub fn import_form_file(&self, s: &Session, path: &Path) -> Result<FormRef> {
        self.allow(s, Action::ImportFormFile)?;
        let bytes = files::read_input(path, InputKind::Form)?;
        let text = files::decode::decode_text(&bytes)?;
        self.import_form(s, &text.text)
    }

    /// Save a form version as a form file (TOML) where the user asked.
    pub fn export_form_file(&self, s: &Session, id: i64, version: Option<u32>, out: &OutputFile) -> Result<PathBuf> {
        self.allow(s, Action::ExportFormFile)?;
        let path = self.output_file(out)?;
        let form = self.form(s, id, version)?;
        self.store.write(&s.actor(), |tx| {
            self.write_output(&path, form.content.to_toml().as_bytes())?;
            tx.audit("form.export", "form", Some(id), json!({"version": form.version, "out": path}))?;
            Ok::<_, Error>(())
        })?;
        Ok(path)
    }

    pub fn forms(&self, s: &Session) -> Result<Vec<FormSummary>> {
        self.allow(s, Action::Forms)?;
        self.store.read(|c| Ok(store::forms::list(c)?))
    }

    pub fn form(&self, s: &Session, id: i64, version: Option<u32>) -> Result<FormVersion> {
        self.allow(s, Action::Form)?;
        self.store.read(|c| form_version(c, id, version))
    }

    pub fn form_versions(&self, s: &Session, id: i64) -> Result<Vec<FormVersion>> {
        self.allow(s, Action::FormVersions)?;
        self.store.read(|c| {
            if !store::forms::template_exists(c, id)? {
                return Err(FormsError::UnknownForm(id).into());
            }
            Ok(store::forms::versions(c, id)?)
        })
    }

    pub fn import_form(&self, s: &Session, toml_src: &str) -> Result<FormRef> {
        self.allow(s, Action::ImportForm)?;
        let content = FormContent::from_toml(toml_src)?;
        self.create_form(s, &content)
    }

    pub fn create_form(&self, s: &Session, content: &FormContent) -> Result<FormRef> {
        self.allow(s, Action::CreateForm)?;
        let content = &content.cleaned()?;
        self.store.write(&s.actor(), |tx| {
            let id = store::forms::insert_template(tx.conn(), &content.title, None, true)?;
            store::forms::insert_version(tx.conn(), id, 1, content, Some(s.user_id))?;
            tx.audit("form.create", "form", Some(id), json!({"title": content.title, "version": 1}))?;
            Ok(FormRef { form: id, version: 1, new_version: true })
        })
    }

    /// Save an edited form. A version nobody answered is corrected in place;
    /// once answered, the edit becomes a new version and the old one stays.
    pub fn save_form(&self, s: &Session, id: i64, content: &FormContent) -> Result<FormRef> {
        self.allow(s, Action::SaveForm)?;
        let content = &content.cleaned()?;
        self.store.write(&s.actor(), |tx| {
            let latest = form_version(tx.conn(), id, None)?;
            if latest.content == *content {
                tx.audit("form.save_unchanged", "form", Some(id), json!({"version": latest.version}))?;
                return Ok(FormRef { form: id, version: latest.version, new_version: false });
            }
            store::forms::set_template_name(tx.conn(), id, &content.title)?;
            let out = if latest.answered {
                let v = latest.version + 1;
                store::forms::insert_version(tx.conn(), id, v, content, Some(s.user_id))?;
                FormRef { form: id, version: v, new_version: true }
            } else {
                store::forms::replace_unanswered(tx.conn(), latest.version_id, content)?;
                FormRef { form: id, version: latest.version, new_version: false }
            };
            tx.audit("form.save", "form", Some(id), json!({"version": out.version, "new_version": out.new_version}))?;
            Ok(out)
        })
    }

    pub fn set_form_active(&self, s: &Session, id: i64, active: bool) -> Result<()> {
        self.allow(s, Action::SetFormActive)?;
        self.store.write(&s.actor(), |tx| {
            if !store::forms::template_exists(tx.conn(), id)? {
                return Err(Error::Forms(FormsError::UnknownForm(id)));
            }
            store::forms::set_active(tx.conn(), id, active)?;
            tx.audit("form.active", "form", Some(id), json!({"active": active}))?;
            Ok(())
        })
    }
}
