//! "Who is this?": a face's descriptor, 128 numbers that lie close together
//! for two photos of the same person. Only used when the organisation has
//! switched face suggestions on (comparing faces is processing of biometric
//! data); finding faces (`faces.rs`) does not need it.
//!
//! The network is face-api.js' FaceRecognitionNet, its port of dlib's
//! ResNet face descriptor, with the weights the npm package
//! `@vladmandic/face-api` ships (embedded by `build.rs`; 8-bit quantised).
//! The package holds weights for TensorFlow.js, not a model file, so the
//! graph is written here as ONNX nodes (the package's
//! `src/faceRecognitionNet` describes it) and handed to `tract-onnx`.
//!
//! A face is first turned upright and scaled so that its eyes, nose and
//! mouth corners land where dlib's aligned face chips have them: with plain
//! crops two different people came out as alike as two photos of one.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use image::RgbImage;
use serde::Deserialize;
use tract_onnx::pb;
use tract_onnx::prelude::*;

pub use crate::domain::photo::Embedding;

const WEIGHTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/faceapi/face_recognition_model.bin"));
const MANIFEST: &str = include_str!(concat!(env!("OUT_DIR"), "/faceapi/face_recognition_model-weights_manifest.json"));

/// The model, recorded with every stored descriptor (a new model means
/// descriptors must be computed again, never compared across models).
pub const MODEL: &str = "face-api.js FaceRecognitionNet (@vladmandic/face-api 1.7.15)";

/// Two faces closer than this are taken to be one person. Stricter than
/// the 0.6 dlib and face-api.js use (measured in `tests/recognition.rs`):
/// at 0.6 two of three pairs of different people on an old group photo
/// fell within it, at 0.5 one in ten, while five photos of one person
/// stayed within 0.5 of each other.
pub const SAME_PERSON: f32 = 0.5;

/// A face's box must be at least this many pixels high in the picture the
/// descriptor is taken from: smaller faces give descriptors that match
/// anybody, and a wrong suggestion is worse than none.
pub const MIN_FACE_PX: f32 = 36.0;

/// The aligned chip the network takes: 150 × 150 pixels, RGB.
const CHIP: usize = 150;

/// Mean RGB the network was trained with; values are (pixel − mean) / 255.
const MEAN: [f32; 3] = [122.782, 117.001, 104.298];

/// Where dlib's chips have the two eyes, the nose tip and the two mouth
/// corners (its mean face shape with a padding of 0.25, times 150), in the
/// order CenterFace gives its landmarks.
const TEMPLATE: [(f32, f32); 5] = [(47.7, 46.9), (100.3, 46.9), (74.0, 76.6), (50.4, 103.0), (97.6, 103.0)];

/// Where this build keeps the named test photos of `face_recognition`
/// (`build.rs`), for the tests of the command line and the window.
#[doc(hidden)]
pub const TEST_PHOTOS: &str = env!("FACE_RECOGNITION_DIR");

type Plan = Arc<TypedRunnableModel>;

/// The network, built and optimised once per process on first use.
fn plan() -> TractResult<Plan> {
    static PLAN: OnceLock<Result<Plan, String>> = OnceLock::new();
    PLAN.get_or_init(|| build().map_err(|e| format!("{e:#}"))).clone().map_err(TractError::msg)
}

/// The descriptor of the face whose `landmarks` (in `img`'s pixels) are given.
pub fn embed(img: &RgbImage, landmarks: &[(f32, f32); 5]) -> TractResult<Embedding> {
    embed_chip(&aligned_chip(img, landmarks))
}

/// The descriptor of an aligned chip (150 × 150 RGB values, row by row).
pub fn embed_chip(chip: &[f32]) -> TractResult<Embedding> {
    if chip.len() != CHIP * CHIP * 3 {
        return Err(TractError::msg("a face chip is 150 × 150 RGB values"));
    }
    let input: Tensor = tract_ndarray::Array4::from_shape_fn((1, 3, CHIP, CHIP), |(_, c, y, x)| (chip[(y * CHIP + x) * 3 + c] - MEAN[c]) / 255.0).into();
    let out = plan()?.run(tvec!(input.into()))?;
    let values = out[0].to_plain_array_view::<f32>()?;
    let mut v = [0f32; 128];
    if values.len() != v.len() {
        return Err(TractError::msg(format!("the face model gave {} numbers, not 128", values.len())));
    }
    for (slot, x) in v.iter_mut().zip(values.iter()) {
        *slot = *x;
    }
    Ok(Embedding(v))
}

/// The people with a face closer to `probe` than [`SAME_PERSON`], each
/// once with the distance of their closest face, closest first.
/// `known`: each known face's person and descriptor.
pub fn closest_people<'a>(probe: &Embedding, known: impl IntoIterator<Item = (i64, &'a Embedding)>) -> Vec<(i64, f32)> {
    let mut best: HashMap<i64, f32> = HashMap::new();
    for (person, descriptor) in known {
        let d = probe.distance(descriptor);
        if d < SAME_PERSON {
            let slot = best.entry(person).or_insert(d);
            *slot = slot.min(d);
        }
    }
    let mut close: Vec<(i64, f32)> = best.into_iter().collect();
    close.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    close
}

/// The face turned upright and scaled onto [`TEMPLATE`] (the similarity
/// transform that fits the five points best), sampled bilinearly; outside
/// the picture is black. RGB values, row by row.
pub fn aligned_chip(img: &RgbImage, landmarks: &[(f32, f32); 5]) -> Vec<f32> {
    let n = 5.0;
    let mean = |pts: &[(f32, f32)]| (pts.iter().map(|p| p.0).sum::<f32>() / n, pts.iter().map(|p| p.1).sum::<f32>() / n);
    let (mpx, mpy) = mean(landmarks);
    let (mqx, mqy) = mean(&TEMPLATE);
    let (mut sa, mut sb, mut spp) = (0f32, 0f32, 0f32);
    for (p, q) in landmarks.iter().zip(TEMPLATE.iter()) {
        let (px, py, qx, qy) = (p.0 - mpx, p.1 - mpy, q.0 - mqx, q.1 - mqy);
        sa += px * qx + py * qy;
        sb += px * qy - py * qx;
        spp += px * px + py * py;
    }
    let mut chip = vec![0f32; CHIP * CHIP * 3];
    if spp <= f32::EPSILON {
        return chip;
    }
    // chip = [a −b; b a] · photo + t, so photo = [a b; −b a] · (chip − t) / (a² + b²).
    let (a, b) = (sa / spp, sb / spp);
    let (tx, ty) = (mqx - (a * mpx - b * mpy), mqy - (b * mpx + a * mpy));
    let det = a * a + b * b;
    let (w, h) = (img.width() as i64, img.height() as i64);
    for y in 0..CHIP {
        for x in 0..CHIP {
            let (qx, qy) = (x as f32 - tx, y as f32 - ty);
            let (ix, iy) = ((a * qx + b * qy) / det, (-b * qx + a * qy) / det);
            let (x0, y0) = (ix.floor(), iy.floor());
            let (fx, fy) = (ix - x0, iy - y0);
            let at = &mut chip[(y * CHIP + x) * 3..(y * CHIP + x) * 3 + 3];
            for (dx, dy, weight) in [(0, 0, (1.0 - fx) * (1.0 - fy)), (1, 0, fx * (1.0 - fy)), (0, 1, (1.0 - fx) * fy), (1, 1, fx * fy)] {
                let (sx, sy) = (x0 as i64 + dx, y0 as i64 + dy);
                if sx >= 0 && sy >= 0 && sx < w && sy < h {
                    let p = img.get_pixel(sx as u32, sy as u32);
                    for c in 0..3 {
                        at[c] += weight * f32::from(p[c]);
                    }
                }
            }
        }
    }
    chip
}

#[derive(Deserialize)]
struct Group {
    paths: Vec<String>,
    weights: Vec<WeightSpec>,
}

#[derive(Deserialize)]
struct WeightSpec {
    name: String,
    shape: Vec<usize>,
    dtype: String,
    quantization: Option<Quantization>,
}

#[derive(Deserialize)]
struct Quantization {
    dtype: String,
    scale: f32,
    min: f32,
}

/// A weight by name: its shape (TensorFlow's order) and values.
type Weights = HashMap<String, (Vec<usize>, Vec<f32>)>;

/// The weights as the manifest lays them out in the one weights file:
/// 8-bit values are `q · scale + min`, the rest 32-bit floats.
fn weights() -> TractResult<Weights> {
    let groups: Vec<Group> = serde_json::from_str(MANIFEST).map_err(|e| TractError::msg(format!("face model manifest: {e}")))?;
    let mut out = Weights::new();
    let mut at = 0usize;
    for group in &groups {
        if group.paths.len() != 1 {
            return Err(TractError::msg("the face model is expected in one weights file"));
        }
        for w in &group.weights {
            let count: usize = w.shape.iter().product();
            let values: Vec<f32> = match &w.quantization {
                Some(q) if q.dtype == "uint8" => {
                    let bytes = WEIGHTS.get(at..at + count).ok_or_else(|| TractError::msg("face model weights cut short"))?;
                    at += count;
                    bytes.iter().map(|b| f32::from(*b) * q.scale + q.min).collect()
                }
                None if w.dtype == "float32" => {
                    let bytes = WEIGHTS.get(at..at + 4 * count).ok_or_else(|| TractError::msg("face model weights cut short"))?;
                    at += 4 * count;
                    bytes.chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect()
                }
                _ => return Err(TractError::msg(format!("face model weight {} has a form this build does not read", w.name))),
            };
            out.insert(w.name.clone(), (w.shape.clone(), values));
        }
    }
    if at != WEIGHTS.len() {
        return Err(TractError::msg("face model weights and manifest disagree"));
    }
    Ok(out)
}

/// The ONNX graph being written, node by node.
struct Graph {
    weights: Weights,
    nodes: Vec<pb::NodeProto>,
    constants: Vec<pb::TensorProto>,
    count: usize,
}

fn ints(name: &str, values: &[i64]) -> pb::AttributeProto {
    pb::AttributeProto { name: name.into(), r#type: pb::attribute_proto::AttributeType::Ints as i32, ints: values.to_vec(), ..Default::default() }
}

impl Graph {
    fn fresh(&mut self, what: &str) -> String {
        self.count += 1;
        format!("{what}_{}", self.count)
    }

    fn node(&mut self, op: &str, inputs: &[&str], attributes: Vec<pb::AttributeProto>) -> String {
        let output = self.fresh(op);
        self.nodes.push(pb::NodeProto {
            input: inputs.iter().map(|s| s.to_string()).collect(),
            output: vec![output.clone()],
            op_type: op.into(),
            attribute: attributes,
            ..Default::default()
        });
        output
    }

    fn floats(&mut self, dims: &[usize], values: Vec<f32>) -> String {
        let name = self.fresh("w");
        self.constants.push(pb::TensorProto {
            name: name.clone(),
            dims: dims.iter().map(|d| *d as i64).collect(),
            data_type: pb::tensor_proto::DataType::Float as i32,
            float_data: values,
            ..Default::default()
        });
        name
    }

    fn int64s(&mut self, values: &[i64]) -> String {
        let name = self.fresh("i");
        self.constants.push(pb::TensorProto {
            name: name.clone(),
            dims: vec![values.len() as i64],
            data_type: pb::tensor_proto::DataType::Int64 as i32,
            int64_data: values.to_vec(),
            ..Default::default()
        });
        name
    }

    fn weight(&self, name: &str) -> TractResult<&(Vec<usize>, Vec<f32>)> {
        self.weights.get(name).ok_or_else(|| TractError::msg(format!("face model has no weight {name}")))
    }

    /// face-api.js' conv layer: a convolution, then a per-channel scale and
    /// shift (folded into the convolution here), then optionally ReLU.
    /// "Same" padding keeps the size; otherwise none ("valid").
    fn conv(&mut self, x: &str, layer: &str, stride: i64, relu: bool, same: bool) -> TractResult<String> {
        let (shape, filters) = self.weight(&format!("{layer}/conv/filters"))?.clone();
        let bias = &self.weight(&format!("{layer}/conv/bias"))?.1.clone();
        let scale = &self.weight(&format!("{layer}/scale/weights"))?.1.clone();
        let shift = &self.weight(&format!("{layer}/scale/biases"))?.1.clone();
        let [kh, kw, cin, cout] = shape[..] else { return Err(TractError::msg(format!("{layer}: filters are not 4-dimensional"))) };
        // TensorFlow's filters are [h, w, in, out]; ONNX wants [out, in, h, w].
        let mut kernel = vec![0f32; filters.len()];
        for (i, v) in filters.iter().enumerate() {
            let (o, rest) = (i % cout, i / cout);
            let (c, rest) = (rest % cin, rest / cin);
            let (kx, ky) = (rest % kw, rest / kw);
            kernel[((o * cin + c) * kh + ky) * kw + kx] = v * scale[o];
        }
        let folded: Vec<f32> = (0..cout).map(|o| bias[o] * scale[o] + shift[o]).collect();
        let k = self.floats(&[cout, cin, kh, kw], kernel);
        let b = self.floats(&[cout], folded);
        let pad = if same { (kh / 2) as i64 } else { 0 };
        let y =
            self.node("Conv", &[x, &k, &b], vec![ints("kernel_shape", &[kh as i64, kw as i64]), ints("strides", &[stride, stride]), ints("pads", &[pad; 4])]);
        Ok(if relu { self.node("Relu", &[&y], vec![]) } else { y })
    }

    fn residual(&mut self, x: &str, block: &str) -> TractResult<String> {
        let y = self.conv(x, &format!("{block}/conv1"), 1, true, true)?;
        let y = self.conv(&y, &format!("{block}/conv2"), 1, false, true)?;
        let sum = self.node("Add", &[&y, x], vec![]);
        Ok(self.node("Relu", &[&sum], vec![]))
    }

    /// A block that halves the size and may widen the channels: the
    /// shortcut is a 2 × 2 average, with zero channels added; where the
    /// halves disagree by one, the main path gets a zero row and column.
    fn residual_down(&mut self, x: &str, block: &str, channels: (i64, i64), size: i64) -> TractResult<(String, i64)> {
        let mut y = self.conv(x, &format!("{block}/conv1"), 2, true, false)?;
        y = self.conv(&y, &format!("{block}/conv2"), 1, false, true)?;
        let mut pooled = self.node("AveragePool", &[x], vec![ints("kernel_shape", &[2, 2]), ints("strides", &[2, 2])]);
        let (main, short) = ((size - 3) / 2 + 1, size / 2);
        if main != short {
            let pads = self.int64s(&[0, 0, 0, 0, 0, 0, short - main, short - main]);
            y = self.node("Pad", &[&y, &pads], vec![]);
        }
        if channels.0 != channels.1 {
            let pads = self.int64s(&[0, 0, 0, 0, 0, channels.1 - channels.0, 0, 0]);
            pooled = self.node("Pad", &[&pooled, &pads], vec![]);
        }
        let sum = self.node("Add", &[&pooled, &y], vec![]);
        Ok((self.node("Relu", &[&sum], vec![]), short))
    }
}

/// The input: 32-bit floats, one chip of 3 × 150 × 150.
fn input_type() -> pb::TypeProto {
    use pb::tensor_shape_proto::{dimension, Dimension};
    let dim = |d: usize| Dimension { value: Some(dimension::Value::DimValue(d as i64)), ..Default::default() };
    let tensor = pb::type_proto::Tensor {
        elem_type: pb::tensor_proto::DataType::Float as i32,
        shape: Some(pb::TensorShapeProto { dim: vec![dim(1), dim(3), dim(CHIP), dim(CHIP)] }),
    };
    pb::TypeProto { value: Some(pb::type_proto::Value::TensorType(tensor)), ..Default::default() }
}

/// The network, in the order of face-api.js' `faceRecognitionNet`.
fn build() -> TractResult<Plan> {
    let mut g = Graph { weights: weights()?, nodes: vec![], constants: vec![], count: 0 };
    let x = g.conv("input", "conv32_down", 2, true, false)?; // 150 → 72
    let mut x = g.node("MaxPool", &[&x], vec![ints("kernel_shape", &[3, 3]), ints("strides", &[2, 2])]); // → 35
    let mut size = 35;
    for block in ["conv32_1", "conv32_2", "conv32_3"] {
        x = g.residual(&x, block)?;
    }
    let downs: [(&str, (i64, i64), &[&str]); 4] = [
        ("conv64_down", (32, 64), &["conv64_1", "conv64_2", "conv64_3"]),
        ("conv128_down", (64, 128), &["conv128_1", "conv128_2"]),
        ("conv256_down", (128, 256), &["conv256_1", "conv256_2"]),
        ("conv256_down_out", (256, 256), &[]),
    ];
    for (down, channels, blocks) in downs {
        (x, size) = g.residual_down(&x, down, channels, size)?;
        for block in blocks {
            x = g.residual(&x, block)?;
        }
    }
    let mean = g.node(
        "ReduceMean",
        &[&x],
        vec![
            ints("axes", &[2, 3]),
            pb::AttributeProto { name: "keepdims".into(), r#type: pb::attribute_proto::AttributeType::Int as i32, i: 0, ..Default::default() },
        ],
    );
    let (fc_shape, fc) = g.weight("fc")?.clone();
    let fc = g.floats(&fc_shape, fc);
    let descriptor = g.node("MatMul", &[&mean, &fc], vec![]);
    let graph = pb::GraphProto {
        name: "face_recognition".into(),
        node: g.nodes,
        initializer: g.constants,
        input: vec![pb::ValueInfoProto { name: "input".into(), r#type: Some(input_type()), ..Default::default() }],
        output: vec![pb::ValueInfoProto { name: descriptor, ..Default::default() }],
        ..Default::default()
    };
    let proto = pb::ModelProto {
        ir_version: 7,
        opset_import: vec![pb::OperatorSetIdProto { domain: String::new(), version: 13 }],
        graph: Some(graph),
        ..Default::default()
    };
    tract_onnx::onnx().model_for_proto_model(&proto)?.into_optimized()?.into_runnable()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_weights_match_their_manifest() {
        let w = weights().expect("the embedded weights read");
        assert_eq!(w["conv32_down/conv/filters"].0, vec![7, 7, 3, 32]);
        assert_eq!(w["fc"].0, vec![256, 128]);
    }

    #[test]
    fn a_face_on_its_template_is_copied_unturned() {
        // A picture whose landmarks already sit on the template: the chip is the picture.
        let img = RgbImage::from_fn(150, 150, |x, y| image::Rgb([x as u8, y as u8, 7]));
        let chip = aligned_chip(&img, &TEMPLATE);
        for (x, y) in [(0usize, 0usize), (74, 76), (149, 149), (10, 120)] {
            let at = (y * CHIP + x) * 3;
            assert!((chip[at] - x as f32).abs() < 0.6 && (chip[at + 1] - y as f32).abs() < 0.6 && (chip[at + 2] - 7.0).abs() < 0.6, "pixel {x},{y}");
        }
    }
}
