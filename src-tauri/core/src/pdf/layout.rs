//! A small flow layout over printpdf's operations: A4 pages with a running
//! header and footer ("page x of y", known only at the end), headings,
//! wrapped paragraphs, label/value rows and tables whose rows wrap and, when
//! needed, continue on the next page with their header repeated. Nothing is
//! ever cut off: text that does not fit moves on to a new page. Every piece
//! of content is tagged as it is written (`tags`): paragraphs, headings,
//! label/value rows, tables and figures for a screen reader, the running
//! header and footer, rules and frames as artifacts.

use printpdf::{Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem};

use super::fonts::{Fonts, Weight};
use super::tags::Tags;

pub const PAGE_W: f32 = 210.0;
pub const PAGE_H: f32 = 297.0;
pub const MARGIN_X: f32 = 20.0;
const TOP: f32 = 27.0;
const BOTTOM: f32 = 22.0;
pub const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const PT_PER_MM: f32 = 72.0 / 25.4;
const LOGO_H: f32 = 10.0;
const LOGO_MAX_W: f32 = 40.0;

pub const BLACK: (f32, f32, f32) = (0.1, 0.1, 0.12);
pub const MUTED: (f32, f32, f32) = (0.38, 0.4, 0.45);
pub const RED: (f32, f32, f32) = (0.7, 0.1, 0.1);
pub const GREEN: (f32, f32, f32) = (0.1, 0.45, 0.2);
const LINE: (f32, f32, f32) = (0.72, 0.74, 0.78);
const SHADE: (f32, f32, f32) = (0.93, 0.95, 0.97);

/// How a run of text looks.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub color: (f32, f32, f32),
}

impl Style {
    pub const BODY: Style = Style { size: 10.0, weight: Weight::Regular, color: BLACK };
    pub const BOLD: Style = Style { size: 10.0, weight: Weight::Bold, color: BLACK };
    pub const SMALL: Style = Style { size: 8.5, weight: Weight::Regular, color: MUTED };
    pub const H1: Style = Style { size: 17.0, weight: Weight::Bold, color: BLACK };
    pub const H2: Style = Style { size: 12.5, weight: Weight::Bold, color: BLACK };
    pub const H3: Style = Style { size: 10.5, weight: Weight::Bold, color: BLACK };

    pub fn color(self, color: (f32, f32, f32)) -> Style {
        Style { color, ..self }
    }
    pub fn size(self, size: f32) -> Style {
        Style { size, ..self }
    }
    /// Baseline-to-baseline distance in mm.
    pub fn line_height(self) -> f32 {
        self.size * 1.32 / PT_PER_MM
    }
}

/// What every page carries besides its content.
#[derive(Debug, Clone)]
pub struct Running {
    /// Top left, e.g. the organisation.
    pub header_left: String,
    /// Top right, e.g. the document's title.
    pub header_right: String,
    /// Bottom left, e.g. the person's name, on every page.
    pub footer_left: String,
    /// Bottom middle, e.g. when and by whom it was printed.
    pub footer_middle: String,
    /// "Pagina {} van {}" with two `{}`.
    pub page_of: String,
}

/// A column of a table: its width in mm and the style of its cells.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub width: f32,
    pub style: Style,
}

pub struct Writer<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// Distance of the next line's top from the top of the page, in mm.
    y: f32,
    /// Where each part of the document starts (page index) and what its pages
    /// carry: one part per person in a combined printout, numbered on its own.
    sections: Vec<(usize, Running)>,
    /// PDF font handles, set when the document is made.
    regular: printpdf::FontId,
    bold: printpdf::FontId,
    /// The organisation's logo, drawn in every page's header: id, width and height in mm.
    logo: Option<(printpdf::XObjectId, f32, f32)>,
    doc: PdfDocument,
    /// The document's title and creation time, for its archival metadata.
    title: String,
    created: chrono::NaiveDateTime,
    /// The logical structure, built as content is written.
    tags: Tags,
    /// Writing the running header and footer: not part of the structure.
    artifact: bool,
    /// The document's language, as a BCP 47 tag.
    lang: &'static str,
}

impl<'f> Writer<'f> {
    pub fn new(fonts: &'f Fonts, title: &str, running: Running) -> Writer<'f> {
        let mut doc = PdfDocument::new(title);
        doc.metadata.info.producer = "Beeldakkoord".into();
        doc.metadata.info.creator = "Beeldakkoord".into();
        let regular = doc.add_font(&fonts.regular);
        let bold = doc.add_font(&fonts.bold);
        let (title, created) = (title.to_string(), chrono::Local::now().naive_local());
        Writer {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
            sections: vec![(0, running)],
            regular,
            bold,
            logo: None,
            doc,
            title,
            created,
            tags: Tags::default(),
            artifact: false,
            lang: "nl-NL",
        }
    }

    /// The language a screen reader reads the document in (`nl-NL`, `en-GB`).
    pub fn set_language(&mut self, lang: &'static str) {
        self.lang = lang;
    }

    /// Open a structure element (`L`, `LI`, `Sect`…) around what follows, until `end`.
    pub fn begin(&mut self, role: &'static str) {
        self.tags.begin(role);
    }

    pub fn end(&mut self) {
        self.tags.end();
    }

    /// When the document was made, as its metadata says (the print time of a dossier).
    pub fn set_created(&mut self, at: chrono::NaiveDateTime) {
        self.created = at;
    }

    /// Put the organisation's logo (PNG or JPEG bytes) in every page's
    /// header, left of the organisation's name. An image that cannot be read
    /// is left out: a printout is never refused for its logo.
    pub fn set_logo(&mut self, bytes: &[u8]) {
        let mut warnings = Vec::new();
        let Ok(raw) = printpdf::RawImage::decode_from_bytes(bytes, &mut warnings) else {
            return;
        };
        let (w, h) = (raw.width as f32, raw.height as f32);
        if w < 1.0 || h < 1.0 {
            return;
        }
        // 10 mm high, at most 40 mm wide.
        let scale = (LOGO_H / h).min(LOGO_MAX_W / w);
        let id = self.doc.add_image(&raw);
        // The pixels per inch that give the image that size on paper.
        let dpi = 25.4 / scale;
        self.logo = Some((id, w * scale, dpi));
    }

    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Distance of the next line's top from the top of the page, in mm.
    pub fn cursor(&self) -> f32 {
        self.y
    }

    /// Space left on this page, in mm.
    pub fn room(&self) -> f32 {
        PAGE_H - BOTTOM - self.y
    }

    /// Start a new part on a fresh page, with its own header, footer and page numbers.
    pub fn begin_section(&mut self, running: Running) {
        if !self.pages.last().is_some_and(|p| p.is_empty()) {
            self.new_page();
        }
        let start = self.pages.len() - 1;
        self.sections.retain(|(s, _)| *s != start);
        self.sections.push((start, running));
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Start a new page unless `h` mm still fit.
    pub fn ensure(&mut self, h: f32) {
        if self.room() < h && self.y > TOP {
            self.new_page();
        }
    }

    pub fn space(&mut self, mm: f32) {
        self.y += mm;
        if self.room() < 0.0 {
            self.new_page();
        }
    }

    /// A picture in the flow, as large as fits the content width and the
    /// rest of this page, its shape kept, centred and framed (a scan of a
    /// signed form in the dossier's appendix).
    pub fn image(&mut self, rgb: &image::RgbImage, alt: &str) {
        let (w, h) = (rgb.width() as f32, rgb.height() as f32);
        if w < 1.0 || h < 1.0 {
            return;
        }
        let room = self.room() - 1.0;
        // Millimetres per pixel.
        let scale = (CONTENT_W / w).min(room / h);
        let (mw, mh) = (w * scale, h * scale);
        let (x, top) = (MARGIN_X + (CONTENT_W - mw) / 2.0, self.y);
        let figure = self.tags.begin("Figure");
        self.tags.set_alt(figure, alt);
        self.place_image(rgb, x, top, scale);
        self.tags.end();
        self.rect(x, top, mw, mh, None, Some(LINE));
        self.y += mh + 1.0;
    }

    /// A row of small pictures side by side, each at most `cell_w` wide and
    /// `max_h` high, with a caption under it (wrapped to the cell); the row
    /// starts a new page when it does not fit.
    pub fn image_row(&mut self, cells: &[(Option<&image::RgbImage>, String)], cell_w: f32, gap: f32, max_h: f32) {
        let caption = Style::SMALL.size(7.5);
        let lines = cells.iter().map(|(_, c)| self.wrap(c, caption, cell_w).len()).max().unwrap_or(1);
        let row_h = max_h + 1.5 + lines as f32 * caption.line_height();
        self.ensure(row_h + 2.0);
        let top = self.y;
        for (i, (img, text)) in cells.iter().enumerate() {
            let x = MARGIN_X + i as f32 * (cell_w + gap);
            if let Some(img) = img {
                let (w, h) = (img.width() as f32, img.height() as f32);
                if w >= 1.0 && h >= 1.0 {
                    let scale = (cell_w / w).min(max_h / h);
                    let (mw, mh) = (w * scale, h * scale);
                    let figure = self.tags.begin("Figure");
                    self.tags.set_alt(figure, text);
                    self.place_image(img, x, top + (max_h - mh), scale);
                    self.tags.end();
                    self.rect(x, top + (max_h - mh), mw, mh, None, Some(LINE));
                }
            } else {
                self.rect(x, top, cell_w, max_h, Some(SHADE), Some(LINE));
            }
            self.tags.begin("P");
            for (n, line) in self.wrap(text, caption, cell_w).iter().enumerate() {
                self.text_at(x, top + max_h + 1.5 + n as f32 * caption.line_height(), line, caption);
            }
            self.tags.end();
        }
        self.y = top + row_h + 2.0;
    }

    /// Draw `img` with its top left corner at (`x`, `top`) mm, `scale` mm per pixel.
    fn place_image(&mut self, img: &image::RgbImage, x: f32, top: f32, scale: f32) {
        let raw = printpdf::RawImage {
            pixels: printpdf::RawImageData::U8(img.as_raw().clone()),
            width: img.width() as usize,
            height: img.height() as usize,
            data_format: printpdf::RawImageFormat::RGB8,
            tag: Vec::new(),
        };
        let id = self.doc.add_image(&raw);
        let mh = img.height() as f32 * scale;
        let mark = self.mark();
        self.ops().push(mark);
        self.ops().push(Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(Mm(x).into()),
                translate_y: Some(Mm(PAGE_H - top - mh).into()),
                dpi: Some(25.4 / scale),
                ..Default::default()
            },
        });
        self.ops().push(Op::EndMarkedContent);
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The operator that opens the next piece of content: marked with its
    /// MCID in the open structure element, or as an artifact in the running
    /// header and footer. `EndMarkedContent` closes it.
    fn mark(&mut self) -> Op {
        if self.artifact {
            return Op::BeginMarkedContent { tag: "Artifact".into() };
        }
        let (mcid, role) = self.tags.mark(self.pages.len() - 1);
        let properties = printpdf::DictItem::Dict { map: [("MCID".to_string(), printpdf::DictItem::Int(mcid))].into_iter().collect() };
        Op::BeginMarkedContentWithProperties { tag: role.into(), properties }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        // `pages` always holds the current page.
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Text on one line at (x, top of line) in mm, without moving the flow.
    pub fn text_at(&mut self, x: f32, top: f32, text: &str, style: Style) {
        let font = match style.weight {
            Weight::Regular => self.regular.clone(),
            Weight::Bold => self.bold.clone(),
        };
        let text = printable(self.fonts, style.weight, text);
        let baseline = top + style.size * 0.95 / PT_PER_MM;
        let mark = self.mark();
        let page = self.ops();
        page.extend([
            mark,
            Op::StartTextSection,
            Op::SetFillColor { col: rgb(style.color) },
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(style.size) },
            Op::SetTextCursor { pos: Point { x: Mm(x).into(), y: Mm(PAGE_H - baseline).into() } },
            Op::ShowText { items: vec![TextItem::Text(text)] },
            Op::EndTextSection,
            Op::EndMarkedContent,
        ]);
    }

    pub fn width(&self, text: &str, style: Style) -> f32 {
        self.fonts.metrics(style.weight).width(text, style.size) / PT_PER_MM
    }

    /// Break `text` into lines no wider than `width` mm. Line breaks in the
    /// text are kept; a word longer than a line is split.
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let metrics = self.fonts.metrics(style.weight);
        let fits = |s: &str| metrics.width(s, style.size) / PT_PER_MM <= width;
        let mut out = Vec::new();
        for para in text.split('\n') {
            let para = para.trim_end_matches('\r');
            let mut line = String::new();
            for word in para.split_whitespace() {
                let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
                if fits(&candidate) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line));
                }
                // A word wider than the line: cut it where it stops fitting.
                let mut rest = word.to_string();
                while !fits(&rest) {
                    let mut cut = String::new();
                    for c in rest.chars() {
                        cut.push(c);
                        if !fits(&cut) {
                            cut.pop();
                            break;
                        }
                    }
                    if cut.is_empty() {
                        cut = rest.chars().next().map(String::from).unwrap_or_default();
                    }
                    rest = rest[cut.len()..].to_string();
                    out.push(cut);
                }
                line = rest;
            }
            out.push(line);
        }
        out
    }

    /// A wrapped paragraph across the content width, indented by `indent` mm.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        self.tags.begin("P");
        self.lines(text, style, indent);
        self.tags.end();
    }

    /// The document's title: set like a paragraph, tagged as its first-level heading.
    pub fn title(&mut self, text: &str, style: Style) {
        self.tags.begin("H1");
        self.lines(text, style, 0.0);
        self.tags.end();
    }

    /// The wrapped lines of `text`, in the open structure element.
    fn lines(&mut self, text: &str, style: Style, indent: f32) {
        let lh = style.line_height();
        for line in self.wrap(text, style, CONTENT_W - indent) {
            self.ensure(lh);
            if !line.is_empty() {
                self.text_at(MARGIN_X + indent, self.y, &line, style);
            }
            self.y += lh;
        }
    }

    pub fn heading(&mut self, text: &str, style: Style) {
        // A heading never ends a page: keep room for a few lines under it.
        self.ensure(style.line_height() + 4.0 * Style::BODY.line_height());
        self.space(1.5);
        // The level by size: the document's title, a section, a subsection.
        self.tags.begin(if style.size >= Style::H1.size {
            "H1"
        } else if style.size >= Style::H2.size {
            "H2"
        } else {
            "H3"
        });
        self.lines(text, style, 0.0);
        self.tags.end();
        self.y += 1.0;
    }

    /// A thin line across the content width.
    pub fn rule(&mut self) {
        self.ensure(2.0);
        let y = self.y + 0.8;
        self.line(MARGIN_X, y, MARGIN_X + CONTENT_W, y, LINE, 0.5);
        self.y += 2.0;
    }

    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: (f32, f32, f32), width_pt: f32) {
        let point = |x: f32, y: f32| LinePoint { p: Point { x: Mm(x).into(), y: Mm(PAGE_H - y).into() }, bezier: false };
        // Rules and frames are decoration: artifacts, never read aloud.
        self.ops().extend([
            Op::BeginMarkedContent { tag: "Artifact".into() },
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: rgb(color) },
            Op::SetOutlineThickness { pt: Pt(width_pt) },
            Op::DrawLine { line: Line { points: vec![point(x1, y1), point(x2, y2)], is_closed: false } },
            Op::RestoreGraphicsState,
            Op::EndMarkedContent,
        ]);
    }

    /// A rectangle with its top left at (x, y) mm: filled, outlined, or both.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<(f32, f32, f32)>, stroke: Option<(f32, f32, f32)>) {
        let r = |mode| Rect { x: Mm(x).into(), y: Mm(PAGE_H - y - h).into(), width: Mm(w).into(), height: Mm(h).into(), mode: Some(mode), winding_order: None };
        let mut ops = vec![Op::BeginMarkedContent { tag: "Artifact".into() }, Op::SaveGraphicsState];
        if let Some(f) = fill {
            ops.push(Op::SetFillColor { col: rgb(f) });
            ops.push(Op::DrawRectangle { rectangle: r(PaintMode::Fill) });
        }
        if let Some(s) = stroke {
            ops.push(Op::SetOutlineColor { col: rgb(s) });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
            ops.push(Op::DrawRectangle { rectangle: r(PaintMode::Stroke) });
        }
        ops.push(Op::RestoreGraphicsState);
        ops.push(Op::EndMarkedContent);
        self.ops().extend(ops);
    }

    /// Label and value side by side; the value wraps under itself.
    pub fn field(&mut self, label: &str, value: &str, label_w: f32) {
        let value_lines = self.wrap(value, Style::BODY, CONTENT_W - label_w);
        let lh = Style::BODY.line_height();
        self.ensure(lh);
        // One paragraph: the label, then its value.
        self.tags.begin("P");
        self.text_at(MARGIN_X, self.y, label, Style::BODY.color(MUTED));
        for line in value_lines {
            self.ensure(lh);
            self.text_at(MARGIN_X + label_w, self.y, &line, Style::BODY);
            self.y += lh;
        }
        self.tags.end();
    }

    /// A shaded block of lines (for summaries and verification), kept on one
    /// page when it fits on one.
    pub fn shaded(&mut self, lines: &[(String, Style)]) {
        let pad = 3.0;
        let inner = CONTENT_W - 2.0 * pad;
        let wrapped: Vec<(Vec<String>, Style)> = lines.iter().map(|(t, s)| (self.wrap(t, *s, inner), *s)).collect();
        let height: f32 = wrapped.iter().map(|(l, s)| l.len() as f32 * s.line_height()).sum::<f32>() + 2.0 * pad;
        if height <= PAGE_H - TOP - BOTTOM {
            self.ensure(height);
            self.rect(MARGIN_X, self.y, CONTENT_W, height, Some(SHADE), Some(LINE));
            self.y += pad;
            for (ls, s) in wrapped {
                self.tags.begin("P");
                for l in ls {
                    self.text_at(MARGIN_X + pad, self.y, &l, s);
                    self.y += s.line_height();
                }
                self.tags.end();
            }
            self.y += pad;
        } else {
            for (t, s) in lines {
                self.paragraph(t, *s, pad);
            }
        }
    }

    /// A table: a bold header row, then rows whose cells wrap. A row that does
    /// not fit moves to the next page (with the header again); a row taller
    /// than a page is split between lines.
    pub fn table(&mut self, columns: &[Column], header: &[&str], rows: &[Vec<String>]) {
        let pad = 1.2;
        let header_cells: Vec<Vec<String>> =
            header.iter().zip(columns).map(|(h, c)| self.wrap(h, Style::BOLD.size(c.style.size.min(9.5)), c.width - 2.0 * pad)).collect();
        let header_style = |c: &Column| Style::BOLD.size(c.style.size.min(9.5));
        let header_h = header_cells.iter().zip(columns).map(|(l, c)| l.len() as f32 * header_style(c).line_height()).fold(0.0, f32::max) + 2.0 * pad;
        let first_row_h = rows.first().map(|r| self.row_height(columns, r, pad)).unwrap_or(0.0).min(PAGE_H - TOP - BOTTOM - header_h);
        self.ensure(header_h + first_row_h);
        self.tags.begin("Table");
        self.table_header(columns, &header_cells, header_h, pad, true);
        for row in rows {
            let cells: Vec<Vec<String>> = row.iter().zip(columns).map(|(t, c)| self.wrap(t, c.style, c.width - 2.0 * pad)).collect();
            // A row's cells, filled a page at a time when the row is split.
            self.tags.begin("TR");
            let tds: Vec<usize> = columns.iter().map(|_| self.tags.add("TD")).collect();
            let mut from = vec![0usize; cells.len()];
            loop {
                // How many lines of each cell fit in the room left.
                let room = self.room() - 2.0 * pad;
                let take: Vec<usize> = cells
                    .iter()
                    .zip(columns)
                    .zip(&from)
                    .map(|((l, c), f)| (l.len() - f).min((room / c.style.line_height()).floor().max(0.0) as usize))
                    .collect();
                let rest_h: f32 = cells.iter().zip(columns).zip(&from).map(|((l, c), f)| (l.len() - f) as f32 * c.style.line_height()).fold(0.0, f32::max);
                let whole = rest_h + 2.0 * pad <= self.room();
                let fresh_page_fits = rest_h + 2.0 * pad <= PAGE_H - TOP - BOTTOM - header_h;
                if !whole && (fresh_page_fits || take.iter().all(|t| *t == 0)) {
                    self.new_page();
                    self.table_header(columns, &header_cells, header_h, pad, false);
                    continue;
                }
                let h = cells.iter().zip(columns).zip(take.iter().zip(&from)).map(|((_, c), (t, _))| *t as f32 * c.style.line_height()).fold(0.0, f32::max)
                    + 2.0 * pad;
                let top = self.y;
                let mut x = MARGIN_X;
                for (i, (lines, c)) in cells.iter().zip(columns).enumerate() {
                    let mut ly = top + pad;
                    self.tags.enter(tds[i]);
                    for l in &lines[from[i]..from[i] + take[i]] {
                        self.text_at(x + pad, ly, l, c.style);
                        ly += c.style.line_height();
                    }
                    self.tags.end();
                    from[i] += take[i];
                    x += c.width;
                }
                self.y = top + h;
                self.line(MARGIN_X, self.y, MARGIN_X + columns.iter().map(|c| c.width).sum::<f32>(), self.y, LINE, 0.4);
                if cells.iter().zip(&from).all(|(l, f)| *f >= l.len()) {
                    break;
                }
                self.new_page();
                self.table_header(columns, &header_cells, header_h, pad, false);
            }
            self.tags.end();
        }
        self.tags.end();
        self.y += 2.0;
    }

    fn row_height(&self, columns: &[Column], row: &[String], pad: f32) -> f32 {
        row.iter().zip(columns).map(|(t, c)| self.wrap(t, c.style, c.width - 2.0 * pad).len() as f32 * c.style.line_height()).fold(0.0, f32::max) + 2.0 * pad
    }

    /// The header row; repeated on a following page (`first` false) it is
    /// an artifact, so a screen reader reads the header once.
    fn table_header(&mut self, columns: &[Column], cells: &[Vec<String>], h: f32, pad: f32, first: bool) {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        self.rect(MARGIN_X, self.y, total, h, Some(SHADE), None);
        let mut x = MARGIN_X;
        let was = self.artifact;
        self.artifact = !first || was;
        if first {
            self.tags.begin("TR");
        }
        for (lines, c) in cells.iter().zip(columns) {
            let s = Style::BOLD.size(c.style.size.min(9.5));
            let mut ly = self.y + pad;
            if first {
                self.tags.begin("TH");
            }
            for l in lines {
                self.text_at(x + pad, ly, l, s);
                ly += s.line_height();
            }
            if first {
                self.tags.end();
            }
            x += c.width;
        }
        if first {
            self.tags.end();
        }
        self.artifact = was;
        self.y += h;
        self.line(MARGIN_X, self.y, MARGIN_X + total, self.y, LINE, 0.6);
    }

    /// Stamp header and footer on every page and write the PDF.
    pub fn finish(mut self) -> Vec<u8> {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let sections = std::mem::take(&mut self.sections);
        let mut out = Vec::with_capacity(total);
        for (i, content) in pages.into_iter().enumerate() {
            // The part this page belongs to, and its page numbers.
            let k = sections.iter().rposition(|(start, _)| *start <= i).unwrap_or(0);
            let (start, r) = &sections[k];
            let end = sections.get(k + 1).map(|(s, _)| *s).unwrap_or(total);
            self.pages = vec![Vec::new()];
            self.stamp(r, i + 1 - start, end - start);
            let mut ops = self.pages.pop().unwrap_or_default();
            ops.extend(content);
            out.push(PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops));
        }
        let mut warnings = Vec::new();
        let opts = PdfSaveOptions { optimize: false, ..PdfSaveOptions::default() };
        let mut doc = self.doc.with_pages(out).to_lopdf_document(&opts, &mut warnings);
        compress_streams(&mut doc);
        self.tags.write(&mut doc, self.lang);
        super::archival::make_archival(&mut doc, &self.title, self.created);
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let _ = doc.save_to(&mut bytes);
        bytes
    }

    fn stamp(&mut self, r: &Running, page: usize, of: usize) {
        self.artifact = true;
        let small = Style::SMALL;
        let mut left = MARGIN_X;
        if let Some((id, w, dpi)) = self.logo.clone() {
            // Bottom of the logo on the header's baseline area, above the rule at 17 mm.
            let bottom = 15.0;
            self.ops().push(Op::BeginMarkedContent { tag: "Artifact".into() });
            self.ops().push(Op::UseXobject {
                id,
                transform: printpdf::XObjectTransform {
                    translate_x: Some(Mm(MARGIN_X).into()),
                    translate_y: Some(Mm(PAGE_H - bottom).into()),
                    dpi: Some(dpi),
                    ..Default::default()
                },
            });
            self.ops().push(Op::EndMarkedContent);
            left += w + 3.0;
        }
        self.text_at(left, 12.0, &r.header_left, Style::BOLD.size(9.0));
        let w = self.width(&r.header_right, small);
        self.text_at(PAGE_W - MARGIN_X - w, 12.3, &r.header_right, small);
        self.line(MARGIN_X, 17.0, PAGE_W - MARGIN_X, 17.0, LINE, 0.6);
        self.line(MARGIN_X, PAGE_H - 15.0, PAGE_W - MARGIN_X, PAGE_H - 15.0, LINE, 0.6);
        let foot_y = PAGE_H - 13.0;
        self.text_at(MARGIN_X, foot_y, &r.footer_left, Style::BOLD.size(8.5));
        let mw = self.width(&r.footer_middle, small);
        self.text_at((PAGE_W - mw) / 2.0, foot_y, &r.footer_middle, small);
        let page_of = r.page_of.replacen("{}", &page.to_string(), 1).replacen("{}", &of.to_string(), 1);
        let pw = self.width(&page_of, small);
        self.text_at(PAGE_W - MARGIN_X - pw, foot_y, &page_of, small);
        self.artifact = false;
    }
}

/// Deflate every stream that may be compressed, at a level that costs a
/// fraction of lopdf's "best" for files a few percent larger: a batch of
/// hundreds of dossiers spent most of its time there.
fn compress_streams(doc: &mut lopdf::Document) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(COMPRESSION_LEVEL));
            let packed = encoder.write_all(&stream.content).and_then(|_| encoder.finish());
            if let Ok(packed) = packed {
                if packed.len() < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(packed);
                }
            }
        }
    }
}

const COMPRESSION_LEVEL: u32 = 4;

fn rgb((r, g, b): (f32, f32, f32)) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

/// Characters the face cannot draw become "?", so a line never prints blank.
fn printable(fonts: &Fonts, weight: Weight, text: &str) -> String {
    let m = fonts.metrics(weight);
    text.chars().map(|c| if m.has(c) { c } else { '?' }).filter(|c| !c.is_control()).collect()
}
