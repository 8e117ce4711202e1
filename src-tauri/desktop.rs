//! Desktop conventions, by Tauri's own plugins: one running window (a
//! second start brings the first to the front), the window's size and
//! place remembered, a log file in the platform log folder, and the
//! diagnostics a helpdesk asks for. Nothing here knows about consent.

use std::path::{Path, PathBuf};

use beeldakkoord_core::Lang;
use tauri::{Manager, Runtime};
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
use tauri_plugin_window_state::StateFlags;

/// The log file's name (`beeldakkoord.log` in the platform log folder).
const LOG_NAME: &str = "beeldakkoord";
/// One file up to this size, then a new one; the newest few are kept.
const LOG_MAX_BYTES: u128 = 1_000_000;
const LOG_KEEP: usize = 5;
/// What is remembered of the window: size, place, maximised.
const WINDOW_STATE: StateFlags = StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

/// The platform's folder for logs: `~/.local/state/nl.beeldakkoord.app/logs`
/// on Linux (XDG state, never the data folder, where every file is
/// encrypted), `%LOCALAPPDATA%\nl.beeldakkoord.app\logs` on Windows.
pub fn log_dir() -> PathBuf {
    dirs::state_dir().or_else(dirs::data_local_dir).unwrap_or_else(std::env::temp_dir).join(crate::APP_ID).join("logs")
}

/// The log: warnings and what the app did (started, codes of refusals),
/// never names, answers or paths of people's files. Rotated by size.
pub fn log_plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .target(Target::new(TargetKind::Folder { path: log_dir(), file_name: Some(LOG_NAME.into()) }))
        .max_file_size(LOG_MAX_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(LOG_KEEP))
        .level(log::LevelFilter::Info)
        // Libraries log request details at info; only their warnings count.
        .level_for("tao", log::LevelFilter::Warn)
        .level_for("wry", log::LevelFilter::Warn)
        .level_for("tauri", log::LevelFilter::Warn)
        .build()
}

/// The window's size, place and maximised state, as the user left them.
pub fn window_state_plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri_plugin_window_state::Builder::default().with_state_flags(WINDOW_STATE).build()
}

/// Write the window's size and place soon after it changes, not only at a
/// clean exit: an office PC is often switched off with the window open.
/// Changes within half a second are written once.
pub fn remember_window<R: Runtime>(window: &tauri::Window<R>, event: &tauri::WindowEvent) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use tauri_plugin_window_state::AppHandleExt;
    static PENDING: AtomicBool = AtomicBool::new(false);
    if !matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)) || PENDING.swap(true, Ordering::SeqCst) {
        return;
    }
    let app = window.app_handle().clone();
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(500));
        PENDING.store(false, Ordering::SeqCst);
        if let Err(e) = app.save_window_state(WINDOW_STATE) {
            log::warn!("window state not saved: {e}");
        }
    });
}

/// A second start shows the running window instead of opening another on
/// the same data. On Linux the plugin needs the session bus: without one
/// (a bare X session, a test) the app starts on its own without the check
/// rather than not at all.
pub fn single_instance_plugin<R: Runtime>() -> Option<tauri::plugin::TauriPlugin<R>> {
    if cfg!(target_os = "linux")
        && !session_bus_reachable(std::env::var("DBUS_SESSION_BUS_ADDRESS").ok().as_deref(), std::env::var_os("XDG_RUNTIME_DIR").as_deref().map(Path::new))
    {
        return None;
    }
    Some(tauri_plugin_single_instance::init(|app, _args, _cwd| {
        log::info!("a second start: this window comes to the front");
        if let Some(w) = app.get_webview_window("main") {
            let _ = w.unminimize();
            let _ = w.show();
            let _ = w.set_focus();
        }
    }))
}

/// Whether the plugin can reach a D-Bus session bus: an address it can use,
/// or the usual socket in the runtime folder when none is set.
fn session_bus_reachable(address: Option<&str>, runtime_dir: Option<&Path>) -> bool {
    match address.map(str::trim) {
        Some(a) if !a.is_empty() => a.split(';').any(|part| ["unix:", "tcp:"].iter().any(|t| part.starts_with(t))),
        _ => runtime_dir.is_some_and(|d| d.join("bus").exists()),
    }
}

/// What a helpdesk needs to know, and nothing about anyone: the version,
/// the schema, where the data and the log are, the system.
pub fn diagnostics(data_dir: &Path, lang: Lang) -> String {
    let webview = tauri::webview_version().unwrap_or_else(|_| lang.pick("onbekend", "unknown").into());
    let lines = [
        format!("Beeldakkoord {}", env!("CARGO_PKG_VERSION")),
        format!("{}: {}", lang.pick("Databaseschema", "Database schema"), beeldakkoord_core::api::schema_version()),
        format!("{}: {}", lang.pick("Gegevensmap", "Data folder"), data_dir.display()),
        format!("{}: {}", lang.pick("Logmap", "Log folder"), log_dir().display()),
        format!("{}: {} {} ({})", lang.pick("Systeem", "System"), std::env::consts::OS, std::env::consts::ARCH, os_release()),
        format!("Tauri {} · WebView {webview}", tauri::VERSION),
        format!("{}: {}", lang.pick("Taal", "Language"), lang.pick("Nederlands", "English")),
    ];
    lines.join("\n")
}

/// The system's own name for itself, where it has one.
fn os_release() -> String {
    #[cfg(target_os = "linux")]
    {
        let pretty = std::fs::read_to_string("/etc/os-release")
            .ok()
            .and_then(|t| t.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=").map(|v| v.trim_matches('"').to_string())));
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").map(|k| k.trim().to_string()).unwrap_or_default();
        [pretty.unwrap_or_default(), kernel].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ")
    }
    #[cfg(not(target_os = "linux"))]
    {
        String::from(std::env::consts::FAMILY)
    }
}

#[cfg(test)]
mod tests {
    use super::session_bus_reachable;
    use std::path::Path;

    #[test]
    fn a_usable_bus_address_or_the_runtime_socket_counts_and_nothing_else() {
        let nowhere = Path::new("/nonexistent-runtime-dir");
        assert!(session_bus_reachable(Some("unix:path=/run/user/1000/bus"), Some(nowhere)));
        assert!(session_bus_reachable(Some("disabled:;unix:abstract=/tmp/dbus-x"), None));
        assert!(!session_bus_reachable(Some("disabled:"), Some(nowhere)));
        assert!(!session_bus_reachable(Some("  "), Some(nowhere)));
        assert!(!session_bus_reachable(None, None));
        let dir = tempfile::tempdir().unwrap();
        assert!(!session_bus_reachable(None, Some(dir.path())));
        std::fs::write(dir.path().join("bus"), b"").unwrap();
        assert!(session_bus_reachable(None, Some(dir.path())));
    }
}
