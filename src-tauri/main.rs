// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if beeldakkoord_app::wants_cli(&args) {
        std::process::exit(beeldakkoord_app::cli::main(args));
    }
    beeldakkoord_app::run_window();
}
