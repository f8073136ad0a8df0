//! Stage 4, chart: each aggregate drawn as an accessible SVG, in one
//! language, with the table of the same numbers beside it.
//!
//! Layout is a horizontal bar chart with each label on its own line above
//! its bar: long Indonesian category names get the whole width, and the
//! chart stays legible when a phone scales it down. plotters' SVG backend
//! needs no fonts; text is left to the reader's browser.

pub mod png;
pub mod table;
pub mod tiles;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use crate::aggregate::{Aggregate, Key, Kind, Unit};
use crate::format;
use crate::i18n::Locale;
use crate::model::{Content, Index, stage_rate};

/// Width of the drawing in SVG units; it scales to its container.
const WIDTH: u32 = 400;
const MARGIN: i32 = 8;
const ROW_HEIGHT: i32 = 56;
const BAR_HEIGHT: i32 = 22;
const FONT: f64 = 19.8; // plotters scales by 0.806: 16 px, about 13 px on a phone
/// Okabe–Ito blue: colour-blind safe, 5:1 against white.
const BAR: RGBColor = RGBColor(0, 114, 178);
/// The unpublished remainder: grey, 3.5:1 against white, and labelled.
const GAP: RGBColor = RGBColor(134, 134, 134);
const TEXT: RGBColor = RGBColor(26, 26, 26);

#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub label: String,
    /// Short label used in the drawing.
    pub short: String,
    pub value: f64,
    pub value_text: String,
    pub not_published: bool,
    /// For funnels: share of the stage before, formatted.
    pub rate: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    /// What the chart shows and its largest values, in words.
    pub description: String,
    pub unit: String,
    pub rows: Vec<RowView>,
    pub svg: String,
    pub figures: Vec<String>,
    pub sources: Vec<String>,
    pub as_of: Option<String>,
    pub has_gap: bool,
    pub kind: Kind,
    /// The facet page the chart belongs to, if not the statistics page.
    #[serde(skip)]
    pub facet: Option<(crate::model::Dimension, String)>,
    /// The drawing's height in SVG units (its width is 400).
    #[serde(skip)]
    pub height: u32,
    /// A chart `charts.yaml` declares: its table of several numbers per
    /// figure, drawn in place of `rows`.
    pub table: Option<table::TableView>,
}

/// Localises and draws one aggregate.
pub fn view(a: &Aggregate, c: &Content, idx: &Index, l: &Locale, lang: &str) -> ChartView {
    if a.kind == Kind::Map {
        return tiles::view(a, c, idx, l, lang);
    }
    let unit = match &a.unit {
        Unit::Measure(u) => l.t(&format!("unit_{u}")).to_string(),
        Unit::Percent => l.t("unit_percent").to_string(),
        Unit::Cases => l.t("unit_cases").to_string(),
    };
    let measure = a.measure.as_ref().map(|m| {
        idx.measures.get(m).map_or(m.clone(), |&i| {
            c.vocab.measures[i]
                .label
                .get(lang, c.site.default_lang())
                .to_string()
        })
    });
    let label = |k: &Key, short: bool| match k {
        Key::Code(d, code) if short => c.short_label(*d, idx, code, lang),
        Key::Code(d, code) => c.label(*d, idx, code, lang),
        Key::Year(y) => y.to_string(),
        Key::NotPublished => l.t("not_published").to_string(),
    };
    let value_text = |v: f64| match a.unit {
        Unit::Percent => format::percent(v, l),
        _ => format::integer(v as u64, l),
    };
    let mut rows: Vec<RowView> = a
        .rows
        .iter()
        .map(|r| RowView {
            label: label(&r.key, false),
            short: label(&r.key, true),
            value: r.value,
            value_text: value_text(r.value),
            not_published: r.key == Key::NotPublished,
            rate: None,
        })
        .collect();
    if a.kind == Kind::Funnel {
        for i in 1..rows.len() {
            rows[i].rate =
                stage_rate(rows[i - 1].value, rows[i].value).map(|r| format::percent(r, l));
        }
    }
    let dim = a
        .dimension
        .map(|d| l.t(&format!("dim_{}", d.key())).to_string())
        .unwrap_or_else(|| l.t("dim_year").to_string());
    let election = a
        .election
        .as_ref()
        .and_then(|e| idx.elections.get(e))
        .map(|&i| {
            c.vocab.elections[i]
                .label
                .get(lang, c.site.default_lang())
                .to_string()
        });
    let title = match a.kind {
        Kind::ByYear => l
            .t("chart_by_year")
            .replace("{measure}", measure.as_deref().unwrap_or("")),
        Kind::Share => l
            .t("chart_share")
            .replace("{measure}", measure.as_deref().unwrap_or(""))
            .replace("{dimension}", &dim),
        Kind::Funnel => l.t("chart_funnel").to_string(),
        Kind::Cases => l.t("chart_cases").replace("{dimension}", &dim),
        Kind::Map => unreachable!("drawn by tiles::view"),
        // Declared charts have their own titles (see `table::view`).
        Kind::Timeline | Kind::Years | Kind::Compare | Kind::Shares => a.id.clone(),
    };
    let title = match (&election, a.kind) {
        (Some(e), Kind::Share | Kind::Funnel) => format!("{title}, {e}"),
        _ => title,
    };
    let as_of = a.as_of.map(|d| format::date(d, l));
    let description = describe(&title, &unit, &rows, as_of.as_deref(), l);
    let has_gap = rows.iter().any(|r| r.not_published);
    let svg = classify_svg(&draw(&a.id, &title, &description, &rows));
    ChartView {
        height: height(rows.len()),
        table: None,
        id: a.id.clone(),
        title,
        description,
        unit,
        rows,
        svg,
        figures: a.figures.clone(),
        sources: a.sources.clone(),
        as_of,
        has_gap,
        facet: a.facet.clone(),
        kind: a.kind,
    }
}

/// "Title. Unit: people. Largest: A 27,6 %; B 25,4 %; … As of 31 Juli 2020."
fn describe(title: &str, unit: &str, rows: &[RowView], as_of: Option<&str>, l: &Locale) -> String {
    let mut sorted: Vec<&RowView> = rows.iter().filter(|r| !r.not_published).collect();
    sorted.sort_by(|a, b| b.value.total_cmp(&a.value));
    let values: Vec<String> = sorted
        .iter()
        .take(5)
        .map(|r| format!("{} {}", r.label, r.value_text))
        .collect();
    let mut d = format!(
        "{title}. {}: {unit}. {}: {}.",
        l.t("unit"),
        l.t("largest_values"),
        values.join("; ")
    );
    if let Some(gap) = rows.iter().find(|r| r.not_published) {
        d.push_str(&format!(" {}: {}.", gap.label, gap.value_text));
    }
    if let Some(date) = as_of {
        d.push_str(&format!(" {} {date}.", l.t("as_of")));
    }
    d
}

/// The height of [`draw`]'s drawing of `rows` bars.
fn height(rows: usize) -> u32 {
    (rows as i32 * ROW_HEIGHT + MARGIN * 2).max(ROW_HEIGHT) as u32
}

/// Labels longer than the drawing is wide are cut with an ellipsis; the
/// table beside the chart always has the full name.
fn fit(label: &str) -> String {
    const MAX_CHARS: usize = 42;
    if label.chars().count() <= MAX_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(MAX_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Draws the bars with plotters, then gives the SVG its accessible name:
/// `role="img"`, a `<title>` and a `<desc>`, and a viewBox without fixed
/// size so it scales to its container.
pub fn draw(id: &str, title: &str, description: &str, rows: &[RowView]) -> String {
    let height = height(rows.len());
    let max = rows
        .iter()
        .map(|r| r.value)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let label_space = 140; // room after the bar for "1.234 (70,9 %)"
    let scale = f64::from(WIDTH as i32 - MARGIN * 2 - label_space) / max;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let font = ("sans-serif", FONT).into_font();
        let text = TextStyle::from(font.clone())
            .color(&TEXT)
            .pos(Pos::new(HPos::Left, VPos::Top));
        for (i, r) in rows.iter().enumerate() {
            let top = MARGIN + i as i32 * ROW_HEIGHT;
            let _ = root.draw(&Text::new(fit(&r.short), (MARGIN, top), text.clone()));
            let bar_top = top + 24;
            let len = ((r.value * scale).round() as i32).max(2);
            let colour = if r.not_published { GAP } else { BAR };
            let _ = root.draw(&Rectangle::new(
                [(MARGIN, bar_top), (MARGIN + len, bar_top + BAR_HEIGHT)],
                colour.filled(),
            ));
            let value = match &r.rate {
                Some(rate) => format!("{} ({rate})", r.value_text),
                None => r.value_text.clone(),
            };
            let _ = root.draw(&Text::new(
                value,
                (MARGIN + len + 6, bar_top + 2),
                text.clone(),
            ));
        }
        let _ = root.present();
    }
    let open_end = svg.find('>').unwrap_or(0);
    let head = format!(
        r#"<svg viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" class="chart-svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(title),
        escape(description)
    );
    // Drop plotters' white background: the page's colour shows through.
    let body = svg[open_end + 1..].replacen(&format!("<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height}\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>"), "", 1);
    format!("{head}{}", body.trim_start())
}

/// The colours [`draw`] paints with and the class each one becomes in a
/// page, where the theme's stylesheet colours the chart for the reader's
/// light or dark setting. A downloaded SVG keeps these colours. The tile
/// map's own are in [`tiles::PALETTE`].
const PALETTE: [(RGBColor, &str); 3] = [(BAR, "series"), (GAP, "gap"), (TEXT, "label")];

fn palette() -> impl Iterator<Item = &'static (RGBColor, &'static str)> {
    PALETTE.iter().chain(&tiles::PALETTE)
}
/// The classes [`table`] draws with, the attribute each colours and its
/// light colour (Okabe–Ito, as the stylesheet's): written back into a
/// downloaded SVG and a PNG, which have no stylesheet.
const STYLES: [(&str, &str, &str); 10] = [
    ("s0", "fill", "#0072B2"),
    ("s1", "fill", "#D55E00"),
    ("s2", "fill", "#009E73"),
    ("s3", "fill", "#CC79A7"),
    ("s0-line", "stroke", "#0072B2"),
    ("s1-line", "stroke", "#D55E00"),
    ("s2-line", "stroke", "#009E73"),
    ("s3-line", "stroke", "#CC79A7"),
    ("grid", "stroke", "#D0D7DE"),
    ("axis", "stroke", "#1A1A1A"),
];

fn fill(c: RGBColor) -> String {
    format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)
}

/// The drawing as a page shows it inline: each colour plotters wrote as a
/// `fill` attribute becomes a class (`series`, `gap`, `label`), so the
/// page's stylesheet colours the chart in both schemes.
pub fn classify_svg(svg: &str) -> String {
    in_tags(svg, |tag| {
        palette().fold(tag.to_string(), |tag, &(colour, class)| {
            tag.replace(&fill(colour), &format!("class=\"{class}\""))
        })
    })
}

/// `svg` with `f` applied to each tag (from `<` to `>`) and its text
/// left as it is, so a label can never be taken for an attribute. Text
/// and attribute values are escaped, so a `<` or `>` is always a tag's.
fn in_tags(svg: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        out.push_str(&f(&rest[open..close]));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The drawing as a file of its own, for a reader's article: the light
/// colours written back beside each class, on a white ground, so it looks
/// the same in any viewer or editor, whatever its colour scheme.
pub fn standalone_svg(inline: &str) -> String {
    let painted = painted_svg(inline);
    // The ground goes first, under everything else: after the `<title>`
    // and `<desc>`, which name the drawing.
    match painted.find("</desc>") {
        Some(i) => {
            let at = i + "</desc>".len();
            format!(
                "{}<rect class=\"ground\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>{}",
                &painted[..at],
                &painted[at..]
            )
        }
        None => painted,
    }
}

/// The drawing with its light colours written back beside each class and
/// no ground: what the PNG draws on its own white canvas.
pub fn painted_svg(inline: &str) -> String {
    in_tags(inline, |tag| {
        let tag = palette().fold(tag.to_string(), |tag, &(colour, class)| {
            let class = format!("class=\"{class}\"");
            tag.replace(&class, &format!("{class} {}", fill(colour)))
        });
        STYLES.iter().fold(tag, |tag, &(class, attr, colour)| {
            let class = format!("class=\"{class}\"");
            // A line is never filled: without a stylesheet, an SVG fills
            // a polyline black.
            let paint = if attr == "stroke" {
                format!("{class} fill=\"none\" stroke=\"{colour}\"")
            } else {
                format!("{class} {attr}=\"{colour}\"")
            };
            tag.replace(&class, &paint)
        })
    })
}
