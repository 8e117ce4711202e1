//! Tauri commands: each one takes the state, calls one core method, and maps
//! the error once. No rules live here.

mod audit;
mod backup;
mod desk;
mod desktop;
mod evidence;
mod faces;
mod files;
mod forms;
mod home;
mod job;
mod people;
mod photos;
mod print;
mod retention;
mod session;
mod users;

use beeldakkoord_core::i18n::ErrorCode;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use beeldakkoord_core::auth::Session;
use beeldakkoord_core::{Beeldakkoord, Lang};
use specta_typescript::Typescript;
use tauri::{AppHandle, Manager};
use tauri_specta::{collect_commands, Builder};

use crate::error::ApiError;

/// Signing in to data that are open already.
type SignIn<'a> = dyn Fn(&Beeldakkoord) -> beeldakkoord_core::Result<Session> + 'a;

pub struct AppState {
    /// Set by the first sign-in (the password unwraps the data key) or the
    /// first setup; kept until the window closes.
    core: OnceLock<Beeldakkoord>,
    /// One first setup or first sign-in at a time (commands run side by side on the pool).
    setting_up: Mutex<()>,
    session: Mutex<Option<Session>>,
    /// Set while the window is the locked desk view for one person and
    /// form: every other command is refused until the desk is done or left,
    /// which signs the session out.
    desk: Mutex<Option<desk::Desk>>,
    lang: Mutex<Lang>,
    data_dir: PathBuf,
    /// The window's photo import (one at a time, with its stop request).
    import: job::ExclusiveJob,
    /// The window's scan for faces (one at a time).
    scan: job::ExclusiveJob,
    /// The window's batch of exit dossiers (one at a time).
    batch: job::ExclusiveJob,
    /// Photo files from before encryption being encrypted, after the first sign-in.
    encrypting: Mutex<Option<beeldakkoord_core::api::EncryptProgress>>,
    /// Files the user chose in a save dialog this session: the only ones
    /// "open" hands to the system's viewer.
    saved: Mutex<std::collections::HashSet<PathBuf>>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let lang = std::env::var("BEELDAKKOORD_LANG").ok().and_then(|l| Lang::parse(&l)).unwrap_or_default();
        // A first start finds no database: nothing is made until the setup
        // form is sent. An existing one opens at the first sign-in: its
        // password unwraps the data key.
        AppState {
            core: OnceLock::new(),
            setting_up: Mutex::new(()),
            session: Mutex::new(None),
            desk: Mutex::new(None),
            lang: Mutex::new(lang),
            data_dir,
            import: job::ExclusiveJob::default(),
            scan: job::ExclusiveJob::default(),
            batch: job::ExclusiveJob::default(),
            encrypting: Mutex::new(None),
            saved: Mutex::new(std::collections::HashSet::new()),
        }
    }

    /// Remember a file the user chose to save to, so it may be opened later.
    pub(crate) fn remember_saved(&self, path: &std::path::Path) {
        self.saved.lock().unwrap_or_else(|p| p.into_inner()).insert(path.to_path_buf());
    }

    pub(crate) fn was_saved(&self, path: &std::path::Path) -> bool {
        self.saved.lock().unwrap_or_else(|p| p.into_inner()).contains(path)
    }

    fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The open installation; before the first sign-in there is none.
    fn core(&self) -> Result<&Beeldakkoord, ApiError> {
        self.core.get().ok_or_else(|| self.not_signed_in())
    }

    fn not_signed_in(&self) -> ApiError {
        ApiError::new(
            ErrorCode::AuthRequired,
            self.lang().pick("U bent niet (meer) aangemeld. Meld u opnieuw aan.", "You are not logged in. Please log in again."),
        )
    }

    /// The signed-in session, refused while the window is the desk view.
    fn session(&self) -> Result<Session, ApiError> {
        self.not_at_desk()?;
        self.session.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or_else(|| self.not_signed_in())
    }

    /// Refuse while the window is the locked desk view (a parent at the desk
    /// reaches nothing but the form they fill in).
    fn not_at_desk(&self) -> Result<(), ApiError> {
        match self.desk() {
            Some(_) => Err(ApiError::new(
                ErrorCode::DeskLocked,
                self.lang().pick(
                    "Dit scherm is alleen voor het invullen aan de balie. Rond het formulier af of kies 'Stoppen'; daarna meldt een medewerker zich weer aan.",
                    "This screen is only for filling in at the desk. Finish the form or choose 'Stop'; a member of staff then signs in again.",
                ),
            )),
            None => Ok(()),
        }
    }

    fn desk(&self) -> Option<desk::Desk> {
        *self.desk.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Open the data once (first setup, first sign-in, recovery, restore),
    /// one at a time: a second click while the first is under way finds the
    /// data open and gets `when_open` instead (`None`: refused, as a second
    /// setup is). The session it gives is the window's from then on.
    fn open_once(
        &self,
        open: impl FnOnce(&std::path::Path) -> beeldakkoord_core::Result<(Beeldakkoord, Session)>,
        when_open: Option<&SignIn<'_>>,
    ) -> Result<Session, ApiError> {
        let lang = self.lang();
        let err = |e: &beeldakkoord_core::Error| ApiError::from_error(e, lang);
        let _one_at_a_time = self.setting_up.lock().unwrap_or_else(|p| p.into_inner());
        let session = match (self.core.get(), when_open) {
            (Some(core), Some(f)) => f(core).map_err(|e| err(&e))?,
            (Some(_), None) => return Err(ApiError::from_error(&beeldakkoord_core::error::SetupError::AlreadyInitialised, lang)),
            (None, _) => {
                let (core, session) = open(&self.data_dir).map_err(|e| err(&e))?;
                let _ = self.core.set(core);
                session
            }
        };
        self.set_session(Some(session.clone()));
        Ok(session)
    }

    /// A new session (or none) ends the desk view, if there was one.
    fn set_session(&self, s: Option<Session>) {
        *self.desk.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.session.lock().unwrap_or_else(|p| p.into_inner()) = s;
    }

    /// Run a core call that needs a logged-in user.
    fn call<T>(&self, f: impl FnOnce(&Beeldakkoord, &Session) -> beeldakkoord_core::Result<T>) -> Result<T, ApiError> {
        let core = self.core()?;
        let session = self.session()?;
        f(core, &session).map_err(|e| ApiError::from_error(&e, self.lang()))
    }
}

/// Run a command's work off the window's main thread, on the blocking pool:
/// every command that touches the store or files goes through here, so a
/// long list or a photo check never freezes the window.
pub(crate) async fn blocking<T: Send + 'static>(app: AppHandle, work: impl FnOnce(&AppState) -> Result<T, ApiError> + Send + 'static) -> Result<T, ApiError> {
    let handle = app.clone();
    match tauri::async_runtime::spawn_blocking(move || work(&handle.state::<AppState>())).await {
        Ok(result) => result,
        Err(_) => Err(task_failed(app.state::<AppState>().lang())),
    }
}

/// The error for work that stopped unexpectedly (a panic in the task).
pub(crate) fn task_failed(lang: Lang) -> ApiError {
    ApiError::new(
        ErrorCode::AppTaskFailed,
        lang.pick(
            "Er ging onverwacht iets mis; er is niets veranderd. Probeer het opnieuw.",
            "Something went wrong unexpectedly; nothing was changed. Try again.",
        ),
    )
}

pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            session::app_status,
            desktop::diagnostics,
            desktop::copy_diagnostics,
            desktop::open_saved,
            home::overview,
            home::confirm_withdrawal,
            backup::backup_status,
            backup::pick_backup_folder,
            backup::set_backup_settings,
            backup::scheduled_backup,
            backup::create_backup,
            backup::restore_backup,
            retention::retention_settings,
            retention::set_retention_settings,
            retention::run_retention,
            retention::skip_dossier,
            retention::retention_due,
            session::recover,
            session::print_recovery_sheet,
            session::set_language,
            session::setup,
            session::login,
            session::change_password,
            session::logout,
            session::update_organisation,
            users::users,
            users::add_user,
            users::set_user_groups,
            users::disable_user,
            users::reset_password,
            users::link_user_person,
            audit::audit_log,
            audit::verify_audit,
            people::groups,
            people::add_group,
            people::people,
            people::add_person,
            people::add_guardian,
            people::set_leave_date,
            people::person_page,
            people::record_consent,
            people::withdraw_consent,
            people::void_consent_event,
            evidence::scan_folder,
            evidence::pick_scan_folder,
            evidence::clear_scan_folder,
            desk::open_desk,
            desk::desk_form,
            desk::finish_desk,
            desk::leave_desk,
            forms::forms,
            forms::form,
            forms::form_versions,
            forms::create_form,
            forms::save_form,
            forms::set_form_active,
            forms::form_from_toml,
            files::pick_file,
            files::import_roster,
            files::import_form_file,
            files::export_form_file,
            files::pick_photos,
            files::set_logo_file,
            files::remove_logo,
            files::has_logo,
            photos::photos,
            photos::photo_detail,
            photos::photo_choices,
            photos::import_photos,
            photos::cancel_import,
            photos::set_photo,
            photos::tag_photo,
            photos::mark_unknown,
            photos::identify_box,
            photos::remove_tag,
            photos::check_photo,
            photos::export_photo_file,
            photos::notices,
            photos::add_notice,
            photos::publications,
            photos::add_publication,
            photos::remove_publication,
            photos::takedown_list,
            faces::scan_faces,
            faces::cancel_scan,
            faces::photo_faces,
            faces::name_face,
            faces::face_unknown,
            faces::dismiss_face,
            faces::reopen_face,
            faces::face_status,
            faces::set_face_suggestions,
            faces::face_excluded,
            faces::set_face_exclusion,
            evidence::attach_scan,
            evidence::attach_scan_file,
            evidence::save_scan,
            print::print_dossier,
            print::export_person,
            print::leavers,
            print::dossier_batch,
            print::cancel_batch,
            print::print_form,
            print::leaver_photos,
            print::reconsent,
            print::print_reconsent,
            print::print_measures,
        ])
        .dangerously_cast_bigints_to_number()
        .disable_serde_phases()
}

/// Where the generated TypeScript bindings live (committed; CI checks they are fresh).
pub const BINDINGS: &str = "ui/src/lib/api/bindings.ts";

pub fn export_bindings(path: &std::path::Path) -> Result<(), String> {
    builder()
        .export(
            Typescript::default().header("// Generated by tauri-specta from the Rust commands. Do not edit: run `cargo test -p beeldakkoord bindings`.\n"),
            path,
        )
        .map_err(|e| e.to_string())
}

pub fn run() {
    let builder = builder();
    let state = AppState::open(crate::data_dir(None));
    // The single-instance plugin goes first, so a second start ends before anything else runs.
    let single = crate::desktop::single_instance_plugin();
    let redirected = single.is_some();
    let mut app = tauri::Builder::default();
    if let Some(plugin) = single {
        app = app.plugin(plugin);
    }
    app.plugin(crate::desktop::log_plugin())
        .plugin(crate::desktop::window_state_plugin())
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .on_window_event(crate::desktop::remember_window)
        .invoke_handler(builder.invoke_handler())
        // Thumbnails and previews; read off the IPC thread so the window stays responsive.
        .register_asynchronous_uri_scheme_protocol("photo", |ctx, request, responder| {
            let app = ctx.app_handle().clone();
            let path = request.uri().path().to_string();
            tauri::async_runtime::spawn_blocking(move || responder.respond(photos::protocol(&app, &path)));
        })
        .setup(move |app| {
            builder.mount_events(app);
            log::info!("Beeldakkoord {} started (schema {})", env!("CARGO_PKG_VERSION"), beeldakkoord_core::api::schema_version());
            if !redirected {
                log::warn!("no session bus: a second start is not redirected to this window");
            }
            Ok(())
        })
        .run(tauri::generate_context!("tauri.conf.json"))
        .unwrap_or_else(|e| {
            eprintln!("Beeldakkoord kon niet starten / could not start: {e}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tests {
    /// Tauri runs synchronous commands on the window's main thread: every
    /// command here must be `async` (and do its work through `blocking`).
    #[test]
    fn every_command_is_async_and_answers_a_result() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/commands");
        let (mut sync, mut untyped) = (Vec::new(), Vec::new());
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                if line.trim() == "#[tauri::command]" {
                    // The signature, from `fn` to the body's opening brace (it may span lines).
                    let start = lines[i + 1..].iter().position(|l| l.contains(" fn ")).map_or(lines.len(), |p| i + 1 + p);
                    let f = lines[start.min(lines.len())..].join(" ");
                    let f = f.split(" {").next().unwrap_or_default();
                    if !f.contains("async fn") {
                        sync.push(format!("{}: {}", entry.file_name().to_string_lossy(), f.trim()));
                    }
                    // The window's one wrapper (ui/src/lib/api) unwraps Result for every command.
                    if !f.contains("-> Result<") {
                        untyped.push(format!("{}: {}", entry.file_name().to_string_lossy(), f.trim()));
                    }
                }
            }
        }
        assert!(sync.is_empty(), "synchronous commands: {sync:#?}");
        assert!(untyped.is_empty(), "commands that do not answer Result<_, ApiError>: {untyped:#?}");
    }

    /// The window's commands and the command line take their types from the
    /// core's `domain` and `api`, never from its `store`.
    #[test]
    fn the_shell_never_reaches_into_the_store() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
        // Spelled in two parts so this test does not find itself.
        let needle = ["beeldakkoord_core", "::store"].concat();
        let mut found = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() && path != root.join("core") {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && std::fs::read_to_string(&path).unwrap().contains(&needle) {
                    found.push(path.display().to_string());
                }
            }
        }
        assert!(found.is_empty(), "the shell uses the core's store: {found:#?}");
    }

    /// Regenerates the committed bindings; CI fails when this changes a file.
    #[test]
    fn bindings() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(super::BINDINGS);
        super::export_bindings(&path).unwrap();
    }
}
