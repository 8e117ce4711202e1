//! The one typeface of every printout (DejaVu Sans, regular and bold), embedded
//! so a document looks the same on every office PC, and the glyph widths the
//! layout needs to wrap lines. Parsing a face is done once per process.

use std::sync::OnceLock;

use printpdf::ParsedFont;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Advance widths per character, in font units, for the characters a school
/// prints (Latin, Greek, Cyrillic, punctuation); others are looked up on demand.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    ascii: [u16; 128],
}

impl Metrics {
    fn new(bytes: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let mut ascii = [0u16; 128];
        for (i, w) in ascii.iter_mut().enumerate() {
            *w = advance(&face, char::from(i as u8));
        }
        Some(Metrics { face, units_per_em, ascii })
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| if c.is_ascii() { u32::from(self.ascii[c as usize]) } else { u32::from(advance(&self.face, c)) }).sum();
        units as f32 * size / self.units_per_em
    }

    /// Whether the face can draw `c`; others print as a replacement mark.
    pub fn has(&self, c: char) -> bool {
        c.is_control() || self.face.glyph_index(c).is_some()
    }
}

fn advance(face: &ttf_parser::Face<'_>, c: char) -> u16 {
    face.glyph_index(c).or_else(|| face.glyph_index('?')).and_then(|g| face.glyph_hor_advance(g)).unwrap_or(0)
}

/// The parsed faces and their metrics, shared by every document.
pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
    pub regular_metrics: Metrics,
    pub bold_metrics: Metrics,
}

impl Fonts {
    pub fn metrics(&self, w: Weight) -> &Metrics {
        match w {
            Weight::Regular => &self.regular_metrics,
            Weight::Bold => &self.bold_metrics,
        }
    }
}

/// The embedded fonts, parsed on first use. `None` only if the build shipped
/// broken font files, which the tests would have caught.
pub fn fonts() -> Option<&'static Fonts> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut warnings = Vec::new();
            Some(Fonts {
                regular: ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)?,
                bold: ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)?,
                regular_metrics: Metrics::new(REGULAR_TTF)?,
                bold_metrics: Metrics::new(BOLD_TTF)?,
            })
        })
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_faces_parse_and_measure() {
        let f = fonts().expect("fonts parse");
        let m = f.metrics(Weight::Regular);
        // Wider text measures wider; bold is wider than regular.
        assert!(m.width("WWWW", 10.0) > m.width("iiii", 10.0));
        assert!(f.metrics(Weight::Bold).width("Zoë", 10.0) > m.width("Zoë", 10.0));
        for c in ['é', 'ë', 'ï', 'ç', 'ø', 'Ж', 'ß'] {
            assert!(m.has(c), "{c} is in the face");
        }
        assert!(m.width("ë", 10.0) > 0.0);
    }
}
