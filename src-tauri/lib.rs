//! The Beeldakkoord binary: the desktop window (Tauri) and the command line,
//! both thin layers over `beeldakkoord_core::Beeldakkoord`.

pub mod cli;
pub mod commands;
pub mod desktop;
pub mod error;
pub mod reports;

use std::path::PathBuf;

/// Tauri's identifier; also names the data folder.
pub const APP_ID: &str = "nl.beeldakkoord.app";

/// `--data-dir`, else `BEELDAKKOORD_DATA_DIR`, else the platform data folder
/// (`~/.local/share/nl.beeldakkoord.app` on Linux, `%APPDATA%\nl.beeldakkoord.app` on Windows).
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| std::env::var_os("BEELDAKKOORD_DATA_DIR").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| dirs::data_dir().map(|d| d.join(APP_ID)))
        .unwrap_or_else(|| PathBuf::from(APP_ID))
}

/// True when the arguments ask for the command line rather than the window.
/// Flags alone (such as those a WebDriver adds) still open the window.
pub fn wants_cli(args: &[std::ffi::OsString]) -> bool {
    args.iter().skip(1).any(|a| {
        let a = a.to_string_lossy();
        !a.starts_with('-') || matches!(a.as_ref(), "-h" | "--help" | "-V" | "--version" | "--json" | "--data-dir" | "--lang")
    })
}

pub fn run_window() {
    commands::run();
}
