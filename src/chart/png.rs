//! Each chart as a PNG for articles and slides: the chart's drawing at
//! twice its size, framed by its title, unit and source, so that the
//! picture still says what it shows and where the numbers come from once
//! it is cut out of the page.
//!
//! The frame is composed as one standalone SVG around the chart's own
//! drawing, then rasterised with resvg. Text is set only in the theme's
//! fonts (`fonts/` in the theme, never the machine's), and the PNG holds
//! no time or text chunk: the same chart gives the same bytes on every
//! machine that runs the same netra.

use std::fmt::Write as _;
use std::sync::Arc;

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use rustc_hash::FxHashMap;
use skrifa::MetadataProvider;

/// How many pixels of the PNG make one unit of the chart's SVG.
pub const SCALE: u32 = 2;

/// Space around the frame's text; the chart's own margin, so the title
/// lines up with the bar labels.
const PAD: f32 = 8.0;
const TEXT: &str = "#1A1A1A";
/// The page's secondary text: 7:1 against white.
const MUTED: &str = "#555555";
const RULE: &str = "#CCCCCC";

/// One block of wrapped text in the frame.
struct Style {
    size: f32,
    line_height: f32,
    bold: bool,
    colour: &'static str,
}

const TITLE: Style = Style {
    size: 20.0,
    line_height: 24.0,
    bold: true,
    colour: TEXT,
};
const META: Style = Style {
    size: 14.0,
    line_height: 18.0,
    bold: false,
    colour: MUTED,
};
const SOURCE: Style = Style {
    size: 13.0,
    line_height: 17.0,
    bold: false,
    colour: TEXT,
};
const CREDIT: Style = Style {
    size: 12.0,
    line_height: 16.0,
    bold: false,
    colour: MUTED,
};

/// The text around a chart, each line as its page shows it.
#[derive(Debug, Clone, Copy)]
pub struct Caption<'a> {
    pub title: &'a str,
    /// "Unit: people".
    pub unit: &'a str,
    /// "Source: KASN, 31 July 2020 · as of 31 July 2020".
    pub source: &'a str,
    /// The site's name and the chart's permalink.
    pub credit: &'a str,
}

/// Why a theme's fonts cannot draw the charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// No file was given.
    Missing,
    /// This file (by the name it was given under) holds no font face.
    NotAFont(String),
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FontError::Missing => f.write_str("no font to draw the PNG charts' text with"),
            FontError::NotAFont(name) => write!(f, "{name} is not a TrueType or OpenType font"),
        }
    }
}

impl std::error::Error for FontError {}

/// Why a chart could not be made into a PNG: a bug in how the frame or
/// the chart was written, as their text is escaped and their size bounded.
#[derive(Debug)]
pub enum PngError {
    /// The chart's SVG has no `viewBox="0 0 W H"` to size the frame by.
    NoViewBox,
    Svg(usvg::Error),
    /// The picture is empty or too large for a pixmap.
    Size(u32, u32),
    Encode(png::EncodingError),
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PngError::NoViewBox => f.write_str("the chart's SVG has no viewBox"),
            PngError::Svg(e) => write!(f, "the composed SVG does not parse: {e}"),
            PngError::Size(w, h) => write!(f, "no pixmap of {w}×{h} pixels"),
            PngError::Encode(e) => write!(f, "PNG encoding failed: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// The theme's fonts, loaded once per theme and shared by every chart.
pub struct Fonts {
    options: usvg::Options<'static>,
    regular: fontdb::ID,
    bold: fontdb::ID,
}

impl Fonts {
    /// Loads font files (name, bytes), in the order given. The first
    /// family becomes `sans-serif`, the family the charts ask for; the
    /// frame's bold text uses its boldest face (the regular one if it has
    /// no bold).
    pub fn new<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Fonts, FontError> {
        let mut db = fontdb::Database::new();
        for (name, bytes) in files {
            let before = db.len();
            db.load_font_data(bytes.to_vec());
            if db.len() == before {
                return Err(FontError::NotAFont(name.to_string()));
            }
        }
        let family = db
            .faces()
            .next()
            .and_then(|f| f.families.first())
            .map(|(name, _)| name.clone())
            .ok_or(FontError::Missing)?;
        db.set_sans_serif_family(family.clone());
        let query = |weight| {
            db.query(&fontdb::Query {
                families: &[fontdb::Family::SansSerif],
                weight,
                ..fontdb::Query::default()
            })
        };
        let regular = query(fontdb::Weight::NORMAL).ok_or(FontError::Missing)?;
        let bold = query(fontdb::Weight::BOLD).unwrap_or(regular);
        let options = usvg::Options {
            font_family: family,
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        Ok(Fonts {
            options,
            regular,
            bold,
        })
    }

    /// The width of `text` set in one line, from the glyphs' advances.
    /// Kerning is left out: it only narrows a line, so a wrapped line
    /// never overflows.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let id = if bold { self.bold } else { self.regular };
        self.options
            .fontdb
            .with_face_data(id, |data, index| {
                let font = skrifa::FontRef::from_index(data, index).ok()?;
                let charmap = font.charmap();
                let metrics = font.glyph_metrics(
                    skrifa::instance::Size::new(size),
                    skrifa::instance::LocationRef::default(),
                );
                Some(
                    text.chars()
                        .map(|c| {
                            charmap
                                .map(c)
                                .and_then(|g| metrics.advance_width(g))
                                .unwrap_or(size * 0.6)
                        })
                        .sum(),
                )
            })
            .flatten()
            // A face that fontdb loaded but skrifa cannot read: guess
            // wide, so that lines wrap early rather than overflow.
            .unwrap_or(text.chars().count() as f32 * size * 0.6)
    }

    /// `text` in lines no wider than `width`: broken first between the
    /// parts it joins with " · " (the separator is dropped at a break),
    /// then at spaces, and a word wider than a line (a long URL) where it
    /// must be.
    fn wrap(&self, text: &str, style: &Style, width: f32) -> Vec<String> {
        let fits = |s: &str| self.width(s, style.size, style.bold) <= width;
        let mut lines = Vec::new();
        let mut line = String::new();
        for part in text.split(" · ") {
            let joined = format!("{line} · {part}");
            if !line.is_empty() && fits(&joined) {
                line = joined;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for word in part.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if fits(&candidate) {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if !fits(&line) && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// A frame and its chart as one standalone SVG, in the chart's units.
#[derive(Debug, Clone)]
pub struct Composed {
    pub svg: String,
    pub width: u32,
    pub height: u32,
}

/// Frames `chart_svg` (as [`super::draw`] writes it) with its caption:
/// title and unit above, a rule and the source and credit below, on white.
pub fn compose(chart_svg: &str, caption: &Caption, fonts: &Fonts) -> Result<Composed, PngError> {
    let (width, chart_height) = view_box(chart_svg).ok_or(PngError::NoViewBox)?;
    let text_width = width as f32 - 2.0 * PAD;
    let mut body = String::new();
    let mut y = PAD + 4.0;
    let block = |body: &mut String, y: &mut f32, text: &str, style: &Style| {
        for line in fonts.wrap(text, style, text_width) {
            // The baseline, a font size below the line's top, as browsers
            // place the first line of a block.
            let baseline = *y + style.size;
            let _ = write!(
                body,
                r#"<text x="{PAD}" y="{baseline}" font-size="{}"{} fill="{}">{}</text>"#,
                style.size,
                if style.bold {
                    r#" font-weight="bold""#
                } else {
                    ""
                },
                style.colour,
                escape(&line)
            );
            *y += style.line_height;
        }
    };
    block(&mut body, &mut y, caption.title, &TITLE);
    y += 2.0;
    block(&mut body, &mut y, caption.unit, &META);
    y += 4.0;
    let chart_top = y;
    // The chart nested as it is: its own viewBox keeps its coordinates.
    // Unclipped: resvg clips a nested `<svg>` through a mask the size of
    // the whole picture, which was a quarter of drawing a PNG, and the
    // chart is drawn within its box anyway.
    let nested = chart_svg.replacen(
        "<svg ",
        &format!(
            r#"<svg x="0" y="{chart_top}" width="{width}" height="{chart_height}" overflow="visible" "#
        ),
        1,
    );
    body.push_str(&nested);
    y += chart_height as f32;
    let _ = write!(
        body,
        r#"<line x1="{PAD}" y1="{y}" x2="{}" y2="{y}" stroke="{RULE}" stroke-width="1"/>"#,
        width as f32 - PAD
    );
    y += 7.0;
    block(&mut body, &mut y, caption.source, &SOURCE);
    y += 2.0;
    block(&mut body, &mut y, caption.credit, &CREDIT);
    let height = (y + PAD).ceil() as u32;
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif">{body}</svg>"##
    );
    Ok(Composed { svg, width, height })
}

/// Rasterises a composed SVG at [`SCALE`] times its size, as an opaque
/// PNG: indexed colour when it has at most 256 colours, else RGB.
pub fn rasterise(composed: &Composed, fonts: &Fonts) -> Result<Vec<u8>, PngError> {
    let tree = usvg::Tree::from_str(&composed.svg, &fonts.options).map_err(PngError::Svg)?;
    let (w, h) = (composed.width * SCALE, composed.height * SCALE);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::Size(w, h))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let scale = SCALE as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_depth(png::BitDepth::Eight);
    // A chart is a few flat colours and their anti-aliased edges: every
    // chart of the shipped site has fewer than 256, so the PNG is stored
    // as indices into a palette. That is a third of the bytes to compress
    // and smaller files than RGB, without losing a pixel. A picture with
    // more colours falls back to RGB. Measurements in bench/README.md
    // ("PNG encoding").
    let data = match indexed(pixmap.data()) {
        Some((palette, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(palette);
            // Runs of one index are what deflate finds best unfiltered.
            encoder.set_filter(png::Filter::NoFilter);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            // Rows of flat colour, which the Sub filter predicts best.
            encoder.set_filter(png::Filter::Sub);
            drop_alpha(pixmap.data())
        }
    };
    encoder.set_deflate_compression(png::DeflateCompression::Level(4));
    encoder.set_source_srgb(png::SrgbRenderingIntent::RelativeColorimetric);
    // 192 dpi: twice the 96 of the page, so an editor that reads it
    // places the picture at the chart's size on the page.
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: 7559,
        yppu: 7559,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(PngError::Encode)?;
    writer.write_image_data(&data).map_err(PngError::Encode)?;
    writer.finish().map_err(PngError::Encode)?;
    Ok(out)
}

/// Opaque on white, so premultiplied RGBA is plain RGBA: the alpha bytes
/// can simply go. Written with plain indexing rather than iterators:
/// unoptimised (the tests' debug builds), `chunks_exact` and
/// `extend_from_slice` cost a dozen calls a pixel, and this loop was
/// nearly half the time of a debug build of the shipped site.
fn drop_alpha(rgba: &[u8]) -> Vec<u8> {
    let mut rgb = vec![0; rgba.len() / 4 * 3];
    let (mut i, mut j) = (0, 0);
    while i + 3 < rgba.len() {
        rgb[j] = rgba[i];
        rgb[j + 1] = rgba[i + 1];
        rgb[j + 2] = rgba[i + 2];
        i += 4;
        j += 3;
    }
    rgb
}

/// The picture as a palette of RGB colours, in the order they first
/// appear (so the same picture gives the same file), and one index per
/// pixel; `None` when it has more than 256 colours. Opaque on white, as
/// in [`drop_alpha`], so the alpha byte is left out.
fn indexed(rgba: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut palette: Vec<u8> = Vec::new();
    let mut seen: FxHashMap<u32, u8> = FxHashMap::default();
    let mut indices = vec![0; rgba.len() / 4];
    // Neighbouring pixels are mostly the same colour: the last one found
    // spares most lookups. A pixel's key has its alpha byte set, so the
    // first pixel never matches the initial 0. Plain indexing, as in
    // `drop_alpha`, for the tests' unoptimised builds.
    let (mut last, mut last_index) = (0u32, 0u8);
    let (mut i, mut j) = (0, 0);
    while i + 3 < rgba.len() {
        let key = u32::from_le_bytes([rgba[i], rgba[i + 1], rgba[i + 2], 0xFF]);
        if key != last {
            last_index = match seen.get(&key) {
                Some(&index) => index,
                None => {
                    let index = u8::try_from(seen.len()).ok()?;
                    seen.insert(key, index);
                    palette.extend_from_slice(&rgba[i..i + 3]);
                    index
                }
            };
            last = key;
        }
        indices[j] = last_index;
        i += 4;
        j += 1;
    }
    Some((palette, indices))
}

/// [`compose`], then [`rasterise`].
pub fn render(chart_svg: &str, caption: &Caption, fonts: &Fonts) -> Result<Vec<u8>, PngError> {
    rasterise(&compose(chart_svg, caption, fonts)?, fonts)
}

/// Width and height of a `viewBox="0 0 W H"`.
fn view_box(svg: &str) -> Option<(u32, u32)> {
    let start = svg.find("viewBox=\"")? + "viewBox=\"".len();
    let value = &svg[start..start + svg[start..].find('"')?];
    let n: Vec<u32> = value
        .split_whitespace()
        .map(|v| v.parse().ok())
        .collect::<Option<_>>()?;
    match n[..] {
        [0, 0, w, h] if w > 0 && h > 0 => Some((w, h)),
        _ => None,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/fonts");
        let files: Vec<(String, Vec<u8>)> =
            ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"]
                .iter()
                .map(|n| (n.to_string(), std::fs::read(dir.join(n)).unwrap()))
                .collect();
        Fonts::new(files.iter().map(|(n, b)| (n.as_str(), b.as_slice()))).unwrap()
    }

    #[test]
    fn lines_wrap_within_the_width_and_keep_every_word() {
        let f = fonts();
        let text = "Sumber: Komisi Aparatur Sipil Negara, 31 Juli 2020; Badan Pengawas Pemilihan Umum, 12 Agustus 2020 · per 31 Juli 2020 https://example.org/statistik/grafik/kasn-2020-07-31-kategori-pelanggaran/";
        let lines = f.wrap(text, &SOURCE, 200.0);
        assert!(lines.len() > 3, "{lines:?}");
        for l in &lines {
            assert!(f.width(l, SOURCE.size, false) <= 200.0, "{l:?} is too wide");
        }
        assert_eq!(
            lines.concat().replace(' ', ""),
            text.replace([' ', '·'], "")
        );
        // "per 31 Juli 2020" is not split across lines.
        assert!(lines.iter().any(|l| l == "per 31 Juli 2020"), "{lines:?}");
    }

    #[test]
    fn a_palette_keeps_every_pixel_and_more_than_256_colours_stay_rgb() {
        // Two colours in runs, as a chart's rows are.
        let rgba: Vec<u8> = [[255, 255, 255, 255], [0, 114, 178, 255]]
            .iter()
            .cycle()
            .take(10)
            .flat_map(|p| [*p, *p, *p])
            .flatten()
            .collect();
        let (palette, indices) = indexed(&rgba).unwrap();
        assert_eq!(palette, [255, 255, 255, 0, 114, 178]);
        let expanded: Vec<u8> = indices
            .iter()
            .flat_map(|&i| palette[3 * i as usize..3 * i as usize + 3].to_vec())
            .collect();
        assert_eq!(expanded, drop_alpha(&rgba));
        // 256 colours fit; a 257th does not.
        let many = |n: u32| -> Vec<u8> {
            (0..n)
                .flat_map(|c| [(c >> 8) as u8, c as u8, 7, 255])
                .collect()
        };
        assert_eq!(indexed(&many(256)).unwrap().0.len(), 3 * 256);
        assert!(indexed(&many(257)).is_none());
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let f = fonts();
        assert!(f.width("Pelanggaran", 20.0, true) > f.width("Pelanggaran", 20.0, false));
    }

    #[test]
    fn a_file_that_is_no_font_is_named() {
        let err = Fonts::new([("OFL.txt", b"SIL Open Font License".as_slice())]).err();
        assert_eq!(err, Some(FontError::NotAFont("OFL.txt".into())));
        assert_eq!(Fonts::new([]).err(), Some(FontError::Missing));
    }
}
