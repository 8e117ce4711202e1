//! The benchmark's reference window (`scripts/bench`): what any Tauri 2 app
//! costs to start and to keep in memory, with one static page and nothing
//! else. Beeldakkoord's start and memory are measured against it.

// No console window on Windows, as for Beeldakkoord.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("beeldakkoord-hello: {e}");
        std::process::exit(1);
    }
}
