//! Embeds the face detector's model from the crate that ships it.
//!
//! `rustface` carries its trained model (`model/seeta_fd_frontal_v1.0.bin`)
//! in its published crate but has no API that hands out the bytes. Cargo
//! says where that crate's sources are (`cargo metadata`); the model is
//! copied from there into `OUT_DIR` and `include_bytes!`'d by
//! `photos::faces`. Nothing is downloaded, at build or at run time.

use std::path::{Path, PathBuf};
use std::process::Command;

const MODEL: &str = "model/seeta_fd_frontal_v1.0.bin";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let rustface = rustface_dir(&cargo, &manifest);
    let model = rustface.join(MODEL);
    // The crate's group photo (1666 × 1136, the 1927 Solvay conference):
    // the detection tests measure recall on it.
    println!("cargo:rustc-env=RUSTFACE_DIR={}", rustface.display());
    println!("cargo:rerun-if-changed={}", model.display());
    println!("cargo:rerun-if-changed=build.rs");
    std::fs::copy(&model, out.join("seeta_fd_frontal_v1.0.bin")).unwrap_or_else(|e| panic!("the face model {} could not be copied: {e}", model.display()));
}

/// The folder of the `rustface` package this build resolved to.
fn rustface_dir(cargo: &str, manifest: &Path) -> PathBuf {
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--manifest-path"])
        .arg(manifest.join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("cargo metadata lists packages");
    let rustface = packages.iter().find(|p| p["name"] == "rustface" && p["version"] == "0.1.7").expect("rustface 0.1.7 is a dependency of beeldakkoord-core");
    let manifest_path = rustface["manifest_path"].as_str().expect("a package has a manifest path");
    Path::new(manifest_path).parent().expect("a manifest is in a folder").to_path_buf()
}
