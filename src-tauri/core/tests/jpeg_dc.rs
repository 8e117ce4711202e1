//! The 1/8 decode from DC coefficients (the import's thumbnail path)
//! against two independent references: jpeg-decoder's own 1/8 decode, and
//! the full-size picture averaged over each 8 × 8 block. Then what it must
//! leave to the full decoder, damaged files, and thumbnails through the
//! library for every kind of JPEG.
//!
//! Fixtures (`tests/fixtures/jpeg`, made for these tests with ImageMagick
//! and libjpeg-turbo's `cjpeg`/`jpegtran` from a generated plasma picture
//! with text): 4:2:0, 4:2:2, 4:4:0, 4:4:4, grey (also with 2 × 2 sampling,
//! which a one-component scan ignores), restart markers, 16-bit
//! quantisation (extended sequential), a very low quality, and three the
//! fast path leaves alone: progressive, arithmetic coding and RGB. Real
//! camera photos: the test images of `face_recognition` 1.3.0 and
//! face-api.js' demo photos (both MIT), fetched by the build.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use beeldakkoord_core::photos::jpeg_dc;
use beeldakkoord_core::photos::library::{Library, THUMB_SIZE};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jpeg").join(name)).unwrap()
}

const FAST: [&str; 11] = [
    "yuv420.jpg",
    "yuv422.jpg",
    "yuv440.jpg",
    "yuv444.jpg",
    "grey.jpg",
    "grey-2x2.jpg",
    "grey-restart.jpg",
    "restart.jpg",
    "q16.jpg",
    "low-quality.jpg",
    "large.jpg",
];
const LEFT_ALONE: [&str; 3] = ["progressive.jpg", "arithmetic.jpg", "rgb.jpg"];

/// Camera photos from the packages the build fetched.
fn camera_photos() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in [env!("FACE_RECOGNITION_DIR"), env!("FACEAPI_DIR")] {
        for e in walk(Path::new(dir)) {
            if e.extension().is_some_and(|x| x == "jpg" || x == "jpeg") {
                out.push(e);
            }
        }
    }
    assert!(out.len() >= 8, "the packages' photos are missing: {out:?}");
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// jpeg-decoder's decode at 1/8 (its DCT scaling), as interleaved samples.
fn reference_eighth(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    d.scale(1, 1).unwrap();
    let px = d.decode().unwrap();
    let info = d.info().unwrap();
    (u32::from(info.width), u32::from(info.height), px)
}

/// The mean and largest difference of two sample arrays, per channel.
fn differences(a: &[u8], b: &[u8], channels: usize) -> Vec<(f64, u8)> {
    assert_eq!(a.len(), b.len());
    (0..channels)
        .map(|c| {
            let diffs: Vec<u8> = a.iter().skip(c).step_by(channels).zip(b.iter().skip(c).step_by(channels)).map(|(x, y)| x.abs_diff(*y)).collect();
            let mean = diffs.iter().map(|&d| f64::from(d)).sum::<f64>() / diffs.len() as f64;
            (mean, diffs.iter().copied().max().unwrap_or(0))
        })
        .collect()
}

fn check_against_jpeg_decoder(name: &str, bytes: &[u8]) {
    let ours = jpeg_dc::decode(bytes, 1).unwrap_or_else(|| panic!("{name}: not decoded at 1/8"));
    let (w, h, theirs) = reference_eighth(bytes);
    assert_eq!((ours.width, ours.height), (w, h), "{name}: size");
    let channels = usize::from(ours.channels);
    assert_eq!(theirs.len(), (w * h) as usize * channels, "{name}: channels");
    for (c, (mean, max)) in differences(&ours.pixels, &theirs, channels).into_iter().enumerate() {
        // The same inverse DCT, but theirs truncates where ours rounds as
        // libjpeg does; the colour conversion widens that a little.
        let (mean_limit, max_limit) = if channels == 1 { (0.6, 1) } else { (1.6, 4) };
        assert!(mean <= mean_limit && max <= max_limit, "{name} channel {c}: mean difference {mean:.2}, largest {max}");
    }
}

#[test]
fn every_kind_of_sequential_jpeg_matches_jpeg_decoders_eighth() {
    for name in FAST {
        check_against_jpeg_decoder(name, &fixture(name));
    }
}

#[test]
fn camera_photos_match_jpeg_decoders_eighth() {
    let mut decoded = 0;
    for path in camera_photos() {
        let bytes = std::fs::read(&path).unwrap();
        if jpeg_dc::decode(&bytes, 1).is_some() {
            check_against_jpeg_decoder(&path.display().to_string(), &bytes);
            decoded += 1;
        }
    }
    assert!(decoded >= 6, "only {decoded} camera photos took the fast path");
}

#[test]
fn each_pixel_is_the_mean_of_its_block_in_the_full_picture() {
    // An independent reference: the full decode (zune-jpeg, through `image`) averaged per block.
    for name in ["grey.jpg", "large.jpg", "yuv444.jpg"] {
        let bytes = fixture(name);
        let ours = jpeg_dc::decode(&bytes, 1).unwrap();
        let full = image::load_from_memory(&bytes).unwrap().to_luma8();
        let mut ours_luma = Vec::new();
        let mut means = Vec::new();
        let grey = image::DynamicImage::ImageRgb8(if ours.channels == 3 {
            image::RgbImage::from_raw(ours.width, ours.height, ours.pixels.clone()).unwrap()
        } else {
            image::DynamicImage::ImageLuma8(image::GrayImage::from_raw(ours.width, ours.height, ours.pixels.clone()).unwrap()).to_rgb8()
        })
        .to_luma8();
        for by in 0..full.height() / 8 {
            for bx in 0..full.width() / 8 {
                let sum: u32 = (0..8).flat_map(|y| (0..8).map(move |x| (x, y))).map(|(x, y)| u32::from(full.get_pixel(bx * 8 + x, by * 8 + y)[0])).sum();
                means.push(((sum + 32) / 64) as u8);
                ours_luma.push(grey.get_pixel(bx, by)[0]);
            }
        }
        let (mean, _) = differences(&ours_luma, &means, 1)[0];
        assert!(mean <= 2.0, "{name}: blocks differ from the full picture's means by {mean:.2} on average");
    }
}

#[test]
fn progressive_arithmetic_and_rgb_files_are_left_to_the_full_decoder() {
    for name in LEFT_ALONE {
        assert!(jpeg_dc::decode(&fixture(name), 1).is_none(), "{name}");
    }
    assert!(jpeg_dc::decode(b"\x89PNG\r\n\x1a\n", 1).is_none());
    assert!(jpeg_dc::decode(&[], 1).is_none());
}

#[test]
fn a_picture_too_small_at_an_eighth_is_left_to_a_larger_scale() {
    // 203 × 157 at 1/8 is 26 × 20: a 400-pixel thumbnail needs more.
    let bytes = fixture("yuv420.jpg");
    assert!(jpeg_dc::decode(&bytes, 400).is_none());
    assert!(jpeg_dc::decode(&bytes, 26).is_some());
    assert!(jpeg_dc::decode(&bytes, 20).is_some(), "one side large enough is enough, as in jpeg-decoder");
    assert!(jpeg_dc::decode(&bytes, 27).is_none());
}

/// A small deterministic generator, so a failing case can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn damaged_files_never_panic_and_cut_off_data_is_refused() {
    let mut rng = Lcg(20261201);
    for name in FAST {
        let bytes = fixture(name);
        // Cut in the middle of the picture data: the decoder would read past the end.
        let cut = &bytes[..bytes.len() / 2];
        assert!(jpeg_dc::decode(cut, 1).is_none(), "{name}: half a file decoded");
        for _ in 0..300 {
            let mut damaged = bytes.clone();
            match rng.next() % 3 {
                0 => {
                    let at = rng.next() as usize % damaged.len();
                    damaged[at] ^= 1 << (rng.next() % 8);
                }
                1 => {
                    let at = rng.next() as usize % damaged.len();
                    damaged[at] = rng.next() as u8;
                }
                _ => damaged.truncate(rng.next() as usize % damaged.len()),
            }
            if let Some(e) = jpeg_dc::decode(&damaged, 1) {
                assert_eq!(e.pixels.len(), (e.width * e.height) as usize * usize::from(e.channels), "{name}");
            }
        }
    }
}

#[test]
fn the_library_makes_thumbnails_of_every_kind_through_either_path() {
    let dir = tempfile::tempdir().unwrap();
    let library = Library::new(dir.path(), None, Arc::new(AtomicBool::new(false)));
    let mut all: Vec<(String, Vec<u8>)> = FAST.iter().chain(LEFT_ALONE.iter()).map(|n| (n.to_string(), fixture(n))).collect();
    all.extend(camera_photos().into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())));
    for (name, bytes) in all {
        let hash = beeldakkoord_core::photos::library::content_hash(&bytes);
        if name == "arithmetic.jpg" {
            // Neither decoder here reads arithmetic coding: refused, nothing stored.
            assert!(library.ensure_thumbnail(&name, &hash, &bytes, 1).is_err());
            continue;
        }
        let full = image::load_from_memory(&bytes).unwrap();
        library.ensure_thumbnail(&name, &hash, &bytes, 1).unwrap();
        let thumb = image::load_from_memory(&library.thumbnail(&name, &hash, "jpeg", 1).unwrap()).unwrap();
        let long = full.width().max(full.height()).min(THUMB_SIZE);
        assert_eq!(thumb.width().max(thumb.height()), long, "{name}: {}x{}", thumb.width(), thumb.height());
        let ratio = |w: u32, h: u32| f64::from(w) / f64::from(h);
        assert!((ratio(thumb.width(), thumb.height()) - ratio(full.width(), full.height())).abs() < 0.05, "{name}: shape kept");
    }
}
