//! A JPEG decoded at 1/8 of its size from the DC coefficients alone.
//!
//! Why: every import makes a 400-pixel thumbnail, and a camera photo at 1/8
//! (500 × 375 for 12 megapixels) is exactly what the DC coefficient of each
//! 8 × 8 block gives: the block's average. General decoders (jpeg-decoder,
//! libjpeg-turbo) decode every AC coefficient as well and then drop them;
//! this one only steps over each AC code, with one table lookup per code.
//! That is the largest part of an import's time.
//!
//! Only sequential Huffman JPEGs with 8-bit samples, one scan holding every
//! component, and one (grey) or three (YCbCr) components take this path.
//! For anything else, and at the first sign of damage, it returns `None`:
//! the caller then decodes with jpeg-decoder, which reports damage in its
//! own words. Nothing here panics on any input (the `image` fuzz target
//! runs it).

/// Bits looked up in one step; most codes are shorter.
const LOOKUP: u32 = 10;

/// A picture at 1/8: `channels` bytes per pixel (1 grey, 3 RGB).
#[derive(Debug)]
pub struct Eighth {
    pub width: u32,
    pub height: u32,
    pub channels: u8,
    pub pixels: Vec<u8>,
}

/// Decode `bytes` at 1/8 of their size, or `None`: when that would be
/// smaller than `wanted` on both sides (a larger scale is needed), and for
/// what this module does not decode (see the module comment).
pub fn decode(bytes: &[u8], wanted: u32) -> Option<Eighth> {
    let h = Header::read(bytes)?;
    let (width, height) = (h.width.div_ceil(8), h.height.div_ceil(8));
    if width < wanted && height < wanted || u64::from(h.width) * u64::from(h.height) > super::MAX_PIXELS {
        return None;
    }
    let planes = h.scan(bytes)?;
    Some(h.assemble(&planes))
}

#[derive(Clone)]
struct Component {
    id: u8,
    /// Its place in the frame header: Y, Cb, Cr in that order.
    index: usize,
    h: u32,
    v: u32,
    quant: usize,
    dc_table: usize,
    ac_table: usize,
}

/// What the markers before the picture data say.
struct Header {
    width: u32,
    height: u32,
    /// In the order of the scan.
    components: Vec<Component>,
    /// The first quantisation value (the DC's) of each table.
    dc_quant: [Option<i32>; 4],
    dc: [Option<Huffman>; 4],
    ac: [Option<Huffman>; 4],
    restart_interval: u32,
    /// Where the scan's entropy-coded data begin.
    data_start: usize,
}

impl Header {
    fn read(bytes: &[u8]) -> Option<Header> {
        if bytes.get(..2)? != [0xFF, 0xD8] {
            return None;
        }
        let mut pos = 2;
        let mut frame: Option<(u32, u32, Vec<Component>)> = None;
        let mut dc_quant = [None; 4];
        let (mut dc, mut ac): ([Option<Huffman>; 4], [Option<Huffman>; 4]) = Default::default();
        let mut restart_interval = 0;
        let mut rgb = false;
        loop {
            // Markers may be preceded by any number of fill bytes.
            if *bytes.get(pos)? != 0xFF {
                return None;
            }
            while *bytes.get(pos)? == 0xFF {
                pos += 1;
            }
            let marker = *bytes.get(pos)?;
            pos += 1;
            if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
                continue;
            }
            let len = usize::from(u16::from_be_bytes([*bytes.get(pos)?, *bytes.get(pos + 1)?]));
            let seg = bytes.get(pos + 2..pos.checked_add(len)?)?;
            if len < 2 {
                return None;
            }
            pos += len;
            match marker {
                // Baseline and extended sequential, Huffman coded.
                0xC0 | 0xC1 => {
                    if frame.is_some() || *seg.first()? != 8 {
                        return None;
                    }
                    let height = u32::from(u16::from_be_bytes([*seg.get(1)?, *seg.get(2)?]));
                    let width = u32::from(u16::from_be_bytes([*seg.get(3)?, *seg.get(4)?]));
                    let n = usize::from(*seg.get(5)?);
                    if width == 0 || height == 0 || !(n == 1 || n == 3) || seg.len() != 6 + 3 * n {
                        return None;
                    }
                    let mut comps = Vec::with_capacity(n);
                    for (index, c) in seg[6..].chunks_exact(3).enumerate() {
                        let (h, v, quant) = (u32::from(c[1] >> 4), u32::from(c[1] & 15), usize::from(c[2]));
                        if !(1..=4).contains(&h) || !(1..=4).contains(&v) || quant > 3 {
                            return None;
                        }
                        comps.push(Component { id: c[0], index, h, v, quant, dc_table: 0, ac_table: 0 });
                    }
                    frame = Some((width, height, comps));
                }
                // Progressive, lossless, arithmetic coding, hierarchical: the full decoder.
                0xC2 | 0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCC | 0xCD..=0xCF => return None,
                0xC4 => read_huffman_tables(seg, &mut dc, &mut ac)?,
                0xDB => read_dc_quant(seg, &mut dc_quant)?,
                0xDD => restart_interval = u32::from(u16::from_be_bytes([*seg.first()?, *seg.get(1)?])),
                // Adobe's marker: transform 0 means the three components are RGB, not YCbCr.
                0xEE if seg.starts_with(b"Adobe") && seg.len() >= 12 => rgb = seg[11] == 0,
                0xDA => {
                    let (width, height, comps) = frame?;
                    let n = usize::from(*seg.first()?);
                    // One scan with every component; several scans go to the full decoder.
                    if n != comps.len() || seg.len() != 4 + 2 * n || rgb && n == 3 {
                        return None;
                    }
                    let mut ordered = Vec::with_capacity(n);
                    for s in seg[1..1 + 2 * n].chunks_exact(2) {
                        let mut c = comps.iter().find(|c| c.id == s[0])?.clone();
                        if ordered.iter().any(|o: &Component| o.id == c.id) {
                            return None;
                        }
                        c.dc_table = usize::from(s[1] >> 4);
                        c.ac_table = usize::from(s[1] & 15);
                        if c.dc_table > 3 || c.ac_table > 3 {
                            return None;
                        }
                        ordered.push(c);
                    }
                    // Components named R, G, B hold RGB (libjpeg's reading).
                    if n == 3 && ordered.iter().all(|c| b"RGB".contains(&c.id)) {
                        return None;
                    }
                    let tail = &seg[1 + 2 * n..];
                    if tail != [0, 63, 0] {
                        return None;
                    }
                    for c in &ordered {
                        dc_quant[c.quant]?;
                        dc[c.dc_table].as_ref()?;
                        ac[c.ac_table].as_ref()?;
                    }
                    return Some(Header { width, height, components: ordered, dc_quant, dc, ac, restart_interval, data_start: pos });
                }
                0xD9 => return None,
                _ => {}
            }
        }
    }

    /// Blocks across and down in the scan, and per component the blocks of one MCU.
    fn layout(&self) -> (u32, u32) {
        let hmax = self.components.iter().map(|c| c.h).max().unwrap_or(1);
        let vmax = self.components.iter().map(|c| c.v).max().unwrap_or(1);
        if self.components.len() == 1 {
            // A scan of one component is not interleaved: one block per MCU,
            // as many as cover that component's own size.
            let c = &self.components[0];
            ((self.width * c.h).div_ceil(hmax).div_ceil(8), (self.height * c.v).div_ceil(vmax).div_ceil(8))
        } else {
            (self.width.div_ceil(8 * hmax), self.height.div_ceil(8 * vmax))
        }
    }

    /// The DC value of every block, as a sample (0–255), per component.
    fn scan(&self, bytes: &[u8]) -> Option<Vec<Plane>> {
        let (mcus_x, mcus_y) = self.layout();
        let single = self.components.len() == 1;
        let mut planes: Vec<Plane> = self
            .components
            .iter()
            .map(|c| {
                let (bw, bh) = if single { (mcus_x, mcus_y) } else { (mcus_x * c.h, mcus_y * c.v) };
                Plane { width: bw, height: bh, h: c.h, v: c.v, samples: vec![0; (bw * bh) as usize] }
            })
            .collect();
        let tables: Vec<(&Huffman, &Huffman, i32)> = self
            .components
            .iter()
            .map(|c| Some((self.dc[c.dc_table].as_ref()?, self.ac[c.ac_table].as_ref()?, self.dc_quant[c.quant]?)))
            .collect::<Option<_>>()?;
        let mut bits = Bits::new(bytes, self.data_start);
        let mut pred = [0i32; 3];
        let total = mcus_x.checked_mul(mcus_y)?;
        for mcu in 0..total {
            if self.restart_interval > 0 && mcu > 0 && mcu % self.restart_interval == 0 {
                bits.restart()?;
                pred = [0; 3];
            }
            // Past the end of the data (cut off, or damaged): stop now, not after every block.
            if bits.overrun() {
                return None;
            }
            let (mx, my) = (mcu % mcus_x, mcu / mcus_x);
            for (ci, c) in self.components.iter().enumerate() {
                let (dc_table, ac_table, q) = tables[ci];
                let (bh, bv) = if single { (1, 1) } else { (c.h, c.v) };
                for v in 0..bv {
                    for h in 0..bh {
                        pred[ci] += bits.dc_diff(dc_table)?;
                        // 8-bit samples keep a DC within ±1024 × 8; more is damage.
                        if pred[ci].abs() > 1 << 13 {
                            return None;
                        }
                        bits.skip_ac(ac_table)?;
                        let plane = &mut planes[ci];
                        let (x, y) = (mx * bh + h, my * bv + v);
                        // The 1×1 inverse DCT: the block's mean, rounded as libjpeg does.
                        let sample = ((pred[ci] * q + 4) >> 3) + 128;
                        plane.samples[(y * plane.width + x) as usize] = sample.clamp(0, 255) as u8;
                    }
                }
            }
        }
        (!bits.overrun()).then_some(planes)
    }

    /// The picture at 1/8: chroma brought to full size, YCbCr to RGB.
    fn assemble(&self, planes: &[Plane]) -> Eighth {
        let (width, height) = (self.width.div_ceil(8), self.height.div_ceil(8));
        let hmax = planes.iter().map(|p| p.h).max().unwrap_or(1);
        let vmax = planes.iter().map(|p| p.v).max().unwrap_or(1);
        if planes.len() == 1 {
            // One component is never subsampled against anything.
            let pixels = upsampled(&planes[0], (planes[0].h, planes[0].v), width, height);
            return Eighth { width, height, channels: 1, pixels };
        }
        // The frame header's order is Y, Cb, Cr (JFIF); the scan's may differ.
        let mut order: Vec<(usize, &Plane)> = self.components.iter().map(|c| c.index).zip(planes).collect();
        order.sort_by_key(|(index, _)| *index);
        let [l, cb, cr] = [0, 1, 2].map(|i| upsampled(order[i].1, (hmax, vmax), width, height));
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for ((&l, &cb), &cr) in l.iter().zip(&cb).zip(&cr) {
            let (l, cb, cr) = (i32::from(l) << 16, i32::from(cb) - 128, i32::from(cr) - 128);
            // JFIF's conversion in 16-bit fixed point.
            let half = 1 << 15;
            let r = (l + 91_881 * cr + half) >> 16;
            let g = (l - 22_554 * cb - 46_802 * cr + half) >> 16;
            let b = (l + 116_130 * cb + half) >> 16;
            pixels.extend([r.clamp(0, 255) as u8, g.clamp(0, 255) as u8, b.clamp(0, 255) as u8]);
        }
        Eighth { width, height, channels: 3, pixels }
    }
}

/// A plane at the picture's size: each pixel's centre placed in the plane
/// and the nearest samples weighed linearly (for chroma at half size this
/// is libjpeg's "fancy" upsampling: 3/4 and 1/4).
fn upsampled(p: &Plane, (hmax, vmax): (u32, u32), width: u32, height: u32) -> Vec<u8> {
    if p.h == hmax && p.v == vmax {
        return (0..height).flat_map(|y| (0..width).map(move |x| p.samples[(y * p.width + x) as usize])).collect();
    }
    // Per output position: the two samples and the second one's weight in 1/256.
    let axis = |len: u32, num: u32, den: u32, plane_len: u32| -> Vec<(usize, usize, i32)> {
        (0..len)
            .map(|x| {
                let pos = (i64::from(2 * x + 1) * i64::from(num) * 128 / i64::from(den) - 128).max(0);
                let last = i64::from(plane_len) - 1;
                let i0 = (pos >> 8).min(last);
                (i0 as usize, (i0 + 1).min(last) as usize, (pos & 255) as i32)
            })
            .collect()
    };
    let xs = axis(width, p.h, hmax, p.width);
    let ys = axis(height, p.v, vmax, p.height);
    let row = |i: usize| &p.samples[i * p.width as usize..(i + 1) * p.width as usize];
    let mut out = Vec::with_capacity((width * height) as usize);
    for &(y0, y1, wy) in &ys {
        let (r0, r1) = (row(y0), row(y1));
        for &(x0, x1, wx) in &xs {
            let top = i32::from(r0[x0]) * (256 - wx) + i32::from(r0[x1]) * wx;
            let bottom = i32::from(r1[x0]) * (256 - wx) + i32::from(r1[x1]) * wx;
            out.push(((top * (256 - wy) + bottom * wy + (1 << 15)) >> 16) as u8);
        }
    }
    out
}

struct Plane {
    width: u32,
    height: u32,
    h: u32,
    v: u32,
    samples: Vec<u8>,
}

fn read_dc_quant(mut seg: &[u8], out: &mut [Option<i32>; 4]) -> Option<()> {
    while let Some((&pq_tq, rest)) = seg.split_first() {
        let (precision, id) = (pq_tq >> 4, usize::from(pq_tq & 15));
        let size = match precision {
            0 => 64,
            1 => 128,
            _ => return None,
        };
        let table = rest.get(..size)?;
        let q = if precision == 0 { i32::from(table[0]) } else { i32::from(u16::from_be_bytes([table[0], table[1]])) };
        *out.get_mut(id)? = Some(q);
        seg = &rest[size..];
    }
    Some(())
}

fn read_huffman_tables(mut seg: &[u8], dc: &mut [Option<Huffman>; 4], ac: &mut [Option<Huffman>; 4]) -> Option<()> {
    while let Some((&tc_th, rest)) = seg.split_first() {
        let counts: [u8; 16] = rest.get(..16)?.try_into().ok()?;
        let n: usize = counts.iter().map(|&c| usize::from(c)).sum();
        let values = rest.get(16..16 + n)?;
        let table = Huffman::new(&counts, values, tc_th >> 4 == 1)?;
        match tc_th >> 4 {
            0 => *dc.get_mut(usize::from(tc_th & 15))? = Some(table),
            1 => *ac.get_mut(usize::from(tc_th & 15))? = Some(table),
            _ => return None,
        }
        seg = &rest[16 + n..];
    }
    Some(())
}

/// One Huffman table, canonical codes as the standard builds them.
struct Huffman {
    /// By the next `LOOKUP` bits: code length << 8 | symbol; 0 when the code is longer.
    fast: Box<Table>,
    /// AC tables only, by the next `LOOKUP` bits: the bits to step over
    /// (code and value), and how far the coefficient index moves (`EOB`
    /// ends the block); 0 when the code is longer or not valid here.
    skip: Box<Table>,
    /// The largest code of each length (-1: none), for codes longer than `LOOKUP`.
    max_code: [i32; 17],
    /// Index into `values` of each length's first code, minus that code.
    offset: [i32; 17],
    values: Vec<u8>,
}

const EOB: u16 = 1 << 15;

/// One entry per `LOOKUP`-bit prefix; a fixed size, so a lookup needs no bounds check.
type Table = [u16; 1 << LOOKUP];

impl Huffman {
    fn new(counts: &[u8; 16], values: &[u8], is_ac: bool) -> Option<Huffman> {
        let mut fast = Box::new([0u16; 1 << LOOKUP]);
        // DC tables never skip: theirs stays empty.
        let mut skip = Box::new([0u16; 1 << LOOKUP]);
        let mut max_code = [-1i32; 17];
        let mut offset = [0i32; 17];
        let (mut code, mut k) = (0u32, 0usize);
        for len in 1..=16u32 {
            let count = u32::from(counts[len as usize - 1]);
            offset[len as usize] = k as i32 - code as i32;
            for _ in 0..count {
                // More codes of a length than fit: not a valid table.
                if code >= 1 << len {
                    return None;
                }
                let symbol = *values.get(k)?;
                if len <= LOOKUP {
                    let shift = LOOKUP - len;
                    let first = (code << shift) as usize;
                    for e in &mut fast[first..first + (1 << shift)] {
                        *e = (len as u16) << 8 | u16::from(symbol);
                    }
                    if is_ac {
                        let (run, size) = (u16::from(symbol >> 4), u16::from(symbol & 15));
                        let entry = match (run, size) {
                            (0, 0) => EOB | len as u16,
                            (15, 0) => 16 << 5 | len as u16,
                            (_, 0) => 0,
                            _ => (run + 1) << 5 | (len as u16 + size),
                        };
                        for e in &mut skip[first..first + (1 << shift)] {
                            *e = entry;
                        }
                    }
                }
                code += 1;
                k += 1;
            }
            if count > 0 {
                max_code[len as usize] = code as i32 - 1;
            }
            code <<= 1;
        }
        Some(Huffman { fast, skip, max_code, offset, values: values.to_vec() })
    }
}

/// The entropy-coded data, read most significant bit first, with the
/// stuffed zero after each 0xFF removed.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    /// The next bits, at the top.
    buf: u64,
    n: u32,
    /// Zero bits added after the data ran into a marker (they sit at the bottom of `buf`).
    padded: u32,
}

impl<'a> Bits<'a> {
    fn new(data: &'a [u8], pos: usize) -> Bits<'a> {
        Bits { data, pos, buf: 0, n: 0, padded: 0 }
    }

    #[inline]
    fn refill(&mut self) {
        if self.n > 56 {
            return;
        }
        // Whole bytes at once while none of the next eight is 0xFF (stuffing or a marker).
        if let Some(chunk) = self.data.get(self.pos..self.pos + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_be_bytes(word);
            let inverted = !word;
            let has_ff = inverted.wrapping_sub(0x0101_0101_0101_0101) & !inverted & 0x8080_8080_8080_8080 != 0;
            if !has_ff {
                let take = (64 - self.n) / 8;
                let bits = take * 8;
                // 8 ≤ bits ≤ 64 − n: no shift reaches 64.
                self.buf |= (word >> (64 - bits)) << (64 - self.n - bits);
                self.n += bits;
                self.pos += take as usize;
                return;
            }
        }
        while self.n <= 56 {
            let byte = match self.data.get(self.pos) {
                Some(&0xFF) if self.data.get(self.pos + 1) == Some(&0) => {
                    self.pos += 2;
                    0xFF
                }
                Some(&0xFF) | None => {
                    // A marker or the end: zeros from here on.
                    self.padded += 8;
                    0
                }
                Some(&b) => {
                    self.pos += 1;
                    b
                }
            };
            self.buf |= u64::from(byte) << (56 - self.n);
            self.n += 8;
        }
    }

    #[inline]
    fn peek(&self, count: u32) -> u32 {
        (self.buf >> (64 - count)) as u32
    }

    #[inline]
    fn consume(&mut self, count: u32) {
        self.buf <<= count;
        self.n -= count;
    }

    /// One symbol; `None` for a code the table does not have.
    #[inline]
    fn symbol(&mut self, t: &Huffman) -> Option<u8> {
        if self.n < 32 {
            self.refill();
        }
        let e = t.fast[self.peek(LOOKUP) as usize];
        if e != 0 {
            self.consume(u32::from(e >> 8));
            return Some(e as u8);
        }
        let bits16 = self.peek(16) as i32;
        for len in LOOKUP + 1..=16 {
            let code = bits16 >> (16 - len);
            if code <= t.max_code[len as usize] {
                self.consume(len);
                return t.values.get(usize::try_from(code + t.offset[len as usize]).ok()?).copied();
            }
        }
        None
    }

    /// The DC difference of the next block.
    #[inline]
    fn dc_diff(&mut self, t: &Huffman) -> Option<i32> {
        let size = u32::from(self.symbol(t)?);
        if size == 0 {
            return Some(0);
        }
        if size > 11 {
            return None;
        }
        if self.n < size {
            self.refill();
        }
        let v = self.peek(size) as i32;
        self.consume(size);
        // Values below half the range are negative (the standard's EXTEND).
        Some(if v < 1 << (size - 1) { v - (1 << size) + 1 } else { v })
    }

    /// Step over the block's 63 AC coefficients.
    #[inline]
    fn skip_ac(&mut self, t: &Huffman) -> Option<()> {
        let mut k = 1u32;
        while k < 64 {
            if self.n < 32 {
                self.refill();
            }
            let e = t.skip[self.peek(LOOKUP) as usize];
            if e != 0 {
                self.consume(u32::from(e & 31));
                if e & EOB != 0 {
                    return Some(());
                }
                k += u32::from(e >> 5 & 31);
                continue;
            }
            // A long code, or one that is not valid.
            let rs = self.symbol(t)?;
            let (run, size) = (u32::from(rs >> 4), u32::from(rs & 15));
            match (run, size) {
                (0, 0) => return Some(()),
                (15, 0) => k += 16,
                (_, 0) => return None,
                _ => {
                    if self.n < size {
                        self.refill();
                    }
                    self.consume(size);
                    k += run + 1;
                }
            }
        }
        (k == 64).then_some(())
    }

    /// At a restart marker: the bits left are the byte's fill, then RSTn.
    fn restart(&mut self) -> Option<()> {
        if self.overrun() || self.n - self.padded >= 8 {
            return None;
        }
        while self.data.get(self.pos) == Some(&0xFF) && self.data.get(self.pos + 1) == Some(&0xFF) {
            self.pos += 1;
        }
        if self.data.get(self.pos) != Some(&0xFF) || !(0xD0..=0xD7).contains(self.data.get(self.pos + 1)?) {
            return None;
        }
        self.pos += 2;
        (self.buf, self.n, self.padded) = (0, 0, 0);
        Some(())
    }

    /// Some bit decoded came from the padding, not the data.
    fn overrun(&self) -> bool {
        self.n < self.padded
    }
}
