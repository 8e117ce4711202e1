//! Face detection per 12-megapixel photo (a JPEG of 4000 × 3000 with the
//! Solvay group in it, decoded and searched as the import does), on one
//! core and on all cores, for CenterFace (the app's detector) and, for the
//! comparison, SeetaFace's frontal cascade (rustface) at the settings the
//! app used before; and CenterFace with every face described, as when
//! face suggestions are on. Run: `cargo bench -p beeldakkoord-core --bench faces`.

use std::io::Cursor;

use beeldakkoord_core::photos::faces;
use criterion::{criterion_group, criterion_main, Criterion};
use image::{imageops, DynamicImage, Rgb, RgbImage};
use rayon::prelude::*;

/// A camera-size JPEG with 29 faces of about 140 pixels.
fn class_photo() -> Vec<u8> {
    let solvay = image::open(concat!(env!("RUSTFACE_DIR"), "/test.png")).expect("the rustface group photo").to_rgb8();
    let big = imageops::resize(&solvay, 3332, 2272, imageops::FilterType::Triangle);
    let mut canvas = RgbImage::from_pixel(4000, 3000, Rgb([120, 130, 125]));
    imageops::replace(&mut canvas, &big, 334, 364);
    let mut out = Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(canvas).write_to(&mut out, image::ImageFormat::Jpeg).expect("encode");
    out.into_inner()
}

fn centerface(jpeg: &[u8]) -> usize {
    faces::detect_in_file("klas.jpg", jpeg, 1, (4000, 3000), false).expect("detects").len()
}

/// With face suggestions on: every face also described.
fn centerface_described(jpeg: &[u8]) -> usize {
    faces::detect_in_file("klas.jpg", jpeg, 1, (4000, 3000), true).expect("detects").iter().filter(|f| f.embedding.is_some()).count()
}

fn seetaface(jpeg: &[u8]) -> usize {
    let img = image::load_from_memory(jpeg).expect("decodes").resize(2000, 2000, imageops::FilterType::Triangle).to_luma8();
    let model = rustface::read_model(std::fs::File::open(concat!(env!("RUSTFACE_DIR"), "/model/seeta_fd_frontal_v1.0.bin")).expect("model")).expect("reads");
    let mut d = rustface::create_detector_with_model(model);
    d.set_min_face_size(20);
    d.set_score_thresh(2.0);
    d.set_pyramid_scale_factor(0.8);
    d.set_slide_window_step(4, 4);
    d.detect(&rustface::ImageData::new(img.as_raw(), img.width(), img.height())).len()
}

fn bench(c: &mut Criterion) {
    let jpeg = class_photo();
    assert!(centerface(&jpeg) >= 27, "the bench photo has its faces");
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("pool");
    let all = rayon::ThreadPoolBuilder::new().num_threads(cores).build().expect("pool");
    let photos: Vec<&[u8]> = vec![jpeg.as_slice(); cores];
    let mut g = c.benchmark_group("faces_12mp");
    g.sample_size(10);
    for (name, detect) in [("centerface", centerface as fn(&[u8]) -> usize), ("centerface_described", centerface_described), ("seetaface", seetaface)] {
        // One core: one photo after another on a pool of one thread (rustface's own threads too).
        g.bench_function(format!("{name}/one_core_per_photo"), |b| b.iter(|| one.install(|| detect(&jpeg))));
        // All cores: as many photos at once as cores; the time is for all of them.
        g.bench_function(format!("{name}/all_cores_{cores}_photos"), |b| b.iter(|| all.install(|| photos.par_iter().map(|p| detect(p)).sum::<usize>())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
