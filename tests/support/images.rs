//! Real image files for the photo tests, made on the spot.

#![allow(dead_code)]

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};

/// A camera-like JPEG: a gradient with a bright square, so that pixels differ.
pub fn jpeg(w: u32, h: u32, seed: u8) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        let inside = x > w / 4 && x < w / 2 && y > h / 4 && y < h / 2;
        if inside {
            Rgb([250, 240, seed])
        } else {
            Rgb([(x * 255 / w.max(1)) as u8, (y * 255 / h.max(1)) as u8, seed])
        }
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Jpeg).expect("encode jpeg");
    out.into_inner()
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).expect("encode png");
    out.into_inner()
}

/// Put an EXIF block (date taken, orientation) into a JPEG, as a camera does.
pub fn with_exif(jpeg: &[u8], taken: &str, orientation: u16) -> Vec<u8> {
    use exif::experimental::Writer;
    use exif::{Field, In, Tag, Value};
    let date = Field { tag: Tag::DateTimeOriginal, ifd_num: In::PRIMARY, value: Value::Ascii(vec![taken.as_bytes().to_vec()]) };
    let orient = Field { tag: Tag::Orientation, ifd_num: In::PRIMARY, value: Value::Short(vec![orientation]) };
    let make = Field { tag: Tag::Make, ifd_num: In::PRIMARY, value: Value::Ascii(vec![b"Beeldakkoord Testcamera".to_vec()]) };
    let mut w = Writer::new();
    w.push_field(&date);
    w.push_field(&orient);
    w.push_field(&make);
    let mut tiff = Cursor::new(Vec::new());
    w.write(&mut tiff, false).expect("exif");
    let tiff = tiff.into_inner();
    let mut out = jpeg[..2].to_vec(); // SOI
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// A JPEG whose frame header claims `w`×`h` pixels (e.g. 200 megapixels)
/// while the file stays small: the size check must not decode it.
pub fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut bytes = jpeg(64, 48, 1);
    let sof = bytes.windows(2).position(|p| p == [0xFF, 0xC0]).expect("baseline SOF0");
    bytes[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    bytes
}

/// A JPEG of noise: it does not compress, so it takes its size on a disk.
pub fn noisy_jpeg(w: u32, h: u32, seed: u8) -> Vec<u8> {
    let mut state = 0x9E37_79B9u32 ^ u32::from(seed).wrapping_mul(0x85EB_CA6B);
    let img = RgbImage::from_fn(w, h, |_, _| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let [a, b, c, _] = state.to_le_bytes();
        Rgb([a, b, c])
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Jpeg).expect("encode jpeg");
    out.into_inner()
}

/// The group photo that ships in the `rustface` crate (29 faces; the 1927
/// Solvay conference, public domain), found where cargo keeps that crate.
pub fn group_photo() -> std::path::PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // This machine's platform only: a fresh machine has no other platform's crates to read offline.
    let rustc = std::process::Command::new("rustc").arg("-vV").output().expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout).lines().find_map(|l| l.strip_prefix("host: ").map(str::to_string)).expect("rustc names its host");
    let out = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
            &host,
            "--manifest-path",
            concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"),
        ])
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON");
    let manifest = meta["packages"].as_array().expect("packages").iter().find(|p| p["name"] == "rustface").expect("rustface is a dependency")["manifest_path"]
        .as_str()
        .expect("a manifest path")
        .to_string();
    std::path::Path::new(&manifest).parent().expect("a folder").join("test.png")
}
