//! The province tile map: Indonesia's 38 provinces as equal tiles, laid
//! out roughly as on a map, each with its code and its number.
//!
//! A tile map gives the small provinces (DKI Jakarta, DI Yogyakarta) the
//! same room as Papua, so every number can be printed on its tile and
//! read; the shade of a tile only repeats it. Provinces the source did
//! not publish are hatched and say so in words: they are never drawn as
//! zero. Where each tile sits is content (`tile:` in
//! `vocab/regions.yaml`); without it the tiles follow the codes in rows.
//!
//! The drawing is written by hand rather than with plotters, which has no
//! groups, titles or patterns; it follows [`super::draw`]'s conventions
//! (the same `<svg>` head, colours as `fill` attributes that
//! [`super::classify_svg`] turns into classes), so the page, the SVG
//! download and the PNG treat it like every other chart.

use std::fmt::Write as _;

use plotters::style::RGBColor;

use super::{ChartView, RowView, escape};
use crate::aggregate::{Aggregate, Key, Unit};
use crate::format;
use crate::i18n::Locale;
use crate::model::{Content, Index, Region};

/// Small enough that the 14 columns of Indonesia fit a phone's width
/// with the numbers legible (some 10 px), large enough for three digits.
const TILE: u32 = 40;
const PITCH: u32 = TILE + 3;
const MARGIN: u32 = 8;
/// Lines of the legend below the tiles.
const LEGEND_LINE: u32 = 24;
const LEGEND_FONT: u32 = 15;
const SWATCH: u32 = 16;
/// Tiles per row when the regions have no layout.
const PLAIN_COLUMNS: u8 = 10;

/// Light to dark Okabe–Ito blues, one per bin of values. The two light
/// ones carry dark text, the two dark ones white text (4.7:1 and more).
const SHADES: [RGBColor; 4] = [
    RGBColor(220, 235, 247),
    RGBColor(158, 197, 230),
    RGBColor(46, 120, 183),
    RGBColor(11, 79, 138),
];
/// The hatching of a province not published: pale ground, grey stripes.
const HATCH_GROUND: RGBColor = RGBColor(239, 239, 239);
const HATCH_LINE: RGBColor = RGBColor(179, 179, 179);
/// Text on the two dark shades.
const INVERSE: RGBColor = RGBColor(255, 255, 255);
/// The outline of every tile and swatch: mid grey, 3:1 and more on the
/// light and the dark ground, so that each shape stands out whatever its
/// shade.
const OUTLINE: &str = "#868686";

/// The colours the map paints with beside [`super::PALETTE`]'s, and the
/// class each becomes in a page (see `style.css` for both schemes).
pub const PALETTE: [(RGBColor, &str); 7] = [
    (SHADES[0], "tile-1"),
    (SHADES[1], "tile-2"),
    (SHADES[2], "tile-3"),
    (SHADES[3], "tile-4"),
    (HATCH_GROUND, "hatch-ground"),
    (HATCH_LINE, "hatch-line"),
    (INVERSE, "label-inverse"),
];

/// Localises one map aggregate: a row for every province of the
/// vocabulary, in its order, those the figure does not give marked not
/// published; then the drawing.
pub fn view(a: &Aggregate, c: &Content, _: &Index, l: &Locale, lang: &str) -> ChartView {
    let dl = c.site.default_lang();
    let unit = match &a.unit {
        Unit::Measure(u) => l.t(&format!("unit_{u}")).to_string(),
        Unit::Percent => l.t("unit_percent").to_string(),
        Unit::Cases => l.t("unit_cases").to_string(),
    };
    let value_of = |code: &str| {
        a.rows.iter().find_map(|r| match &r.key {
            Key::Code(_, k) if k == code => Some(r.value),
            _ => None,
        })
    };
    let rows: Vec<RowView> = c
        .vocab
        .regions
        .iter()
        .map(|r| {
            let value = value_of(&r.code);
            RowView {
                label: r.label.get(lang, dl).to_string(),
                short: r.code.clone(),
                value: value.unwrap_or(f64::NAN),
                value_text: value.map_or_else(
                    || l.t("map_not_published").to_string(),
                    |v| format::integer(v as u64, l),
                ),
                not_published: value.is_none(),
                rate: None,
            }
        })
        .collect();
    let title = c
        .charts
        .iter()
        .find(|s| s.id == a.id)
        .map_or_else(|| a.id.clone(), |s| s.title.get(lang, dl).to_string());
    let as_of = a.as_of.map(|d| format::date(d, l));
    let description = describe(&title, &unit, &rows, as_of.as_deref(), l);
    let tiles: Vec<Tile> = c
        .vocab
        .regions
        .iter()
        .zip(&rows)
        .enumerate()
        .map(|(i, (region, row))| Tile {
            at: place(region, i),
            row,
        })
        .collect();
    let text = Words {
        unit: &unit,
        not_published: l.t("map_not_published"),
        short: l.t("map_not_published_short"),
    };
    let svg = super::classify_svg(&draw(&a.id, &title, &description, &tiles, &text, l));
    // The viewBox's height: `draw` lays the legend out line by line.
    let height = svg
        .split_once("viewBox=\"0 0 ")
        .and_then(|(_, rest)| rest.split('"').next())
        .and_then(|wh| wh.split_whitespace().nth(1))
        .and_then(|h| h.parse().ok())
        .unwrap_or(0);
    ChartView {
        height,
        table: None,
        id: a.id.clone(),
        title,
        description,
        unit,
        has_gap: rows.iter().any(|r| r.not_published),
        rows,
        svg,
        figures: a.figures.clone(),
        sources: a.sources.clone(),
        as_of,
        kind: a.kind,
        facet: a.facet.clone(),
    }
}

/// "Title. Unit: people. Largest: Sulawesi Selatan 45; … Not published: 33
/// of 38 provinces. As of 6 February 2024."
fn describe(title: &str, unit: &str, rows: &[RowView], as_of: Option<&str>, l: &Locale) -> String {
    let mut given: Vec<&RowView> = rows.iter().filter(|r| !r.not_published).collect();
    given.sort_by(|a, b| b.value.total_cmp(&a.value));
    let values: Vec<String> = given
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
    let missing = rows.len() - given.len();
    if missing > 0 {
        d.push_str(&format!(
            " {}: {}.",
            l.t("map_not_published"),
            l.t("map_of_provinces")
                .replace("{count}", &missing.to_string())
                .replace("{total}", &rows.len().to_string())
        ));
    }
    if let Some(date) = as_of {
        d.push_str(&format!(" {} {date}.", l.t("as_of")));
    }
    d
}

/// Where a region's tile goes: its own `tile`, or its place in code
/// order when the vocabulary has no layout (`check` refuses a partial one).
fn place(r: &Region, i: usize) -> (u32, u32) {
    match r.tile {
        Some([col, row]) => (u32::from(col), u32::from(row)),
        None => (
            (i % usize::from(PLAIN_COLUMNS)) as u32,
            (i / usize::from(PLAIN_COLUMNS)) as u32,
        ),
    }
}

struct Tile<'a> {
    /// Column and row.
    at: (u32, u32),
    row: &'a RowView,
}

/// The words the drawing prints, in the page's language.
struct Words<'a> {
    unit: &'a str,
    not_published: &'a str,
    /// What a tile not published says, in its few letters.
    short: &'a str,
}

/// Value bins of equal width, at most four, in round steps (1, 2, 2.5
/// or 5 times a power of ten, whole numbers only) from zero to past the
/// largest value: the legend's ranges, `(low, high)` inclusive.
fn bins(max: u64) -> Vec<(u64, u64)> {
    let want = (max + 1).div_ceil(4);
    let step = (0..19)
        .flat_map(|power| [10, 20, 25, 50].map(|m| m * 10u64.pow(power)))
        .filter(|tenfold| tenfold % 10 == 0)
        .map(|tenfold| tenfold / 10)
        .find(|&step| step >= want)
        .unwrap_or(want);
    let n = (max + 1).div_ceil(step);
    (0..n).map(|k| (k * step, (k + 1) * step - 1)).collect()
}

/// The shade of bin `k` of `n`: spread over the four, so that few bins
/// still differ clearly.
fn shade(k: usize, n: usize) -> usize {
    if n <= 1 {
        1
    } else {
        (k * (SHADES.len() - 1) + (n - 1) / 2) / (n - 1)
    }
}

fn fill(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// A rough width of `s` set in sans-serif at `size`: enough to lay the
/// legend out without fonts (the drawing's text is the reader's font).
fn width(s: &str, size: u32) -> u32 {
    (s.chars().count() as u32 * size * 6).div_ceil(10)
}

fn draw(
    id: &str,
    title: &str,
    description: &str,
    tiles: &[Tile],
    words: &Words,
    l: &Locale,
) -> String {
    let cols = tiles.iter().map(|t| t.at.0 + 1).max().unwrap_or(1);
    let grid_rows = tiles.iter().map(|t| t.at.1 + 1).max().unwrap_or(1);
    let width_units = 2 * MARGIN + cols * PITCH - (PITCH - TILE);
    let max = tiles
        .iter()
        .filter(|t| !t.row.not_published)
        .map(|t| t.row.value as u64)
        .max()
        .unwrap_or(0);
    let bins = bins(max);
    let bin_of = |v: u64| bins.iter().position(|&(_, hi)| v <= hi).unwrap_or(0);
    let hatch = format!("{id}-hatch");
    let text_colour = |s: usize| if s >= 2 { INVERSE } else { super::TEXT };

    let mut body = String::new();
    let _ = write!(
        body,
        // Diagonal stripes drawn into an upright tile (the bands where
        // x + y falls in [0, 8/3) and [8, 8 + 8/3)) rather than an upright
        // stripe rotated by `patternTransform`: a rotated pattern is
        // sampled bicubically by the PNG rasteriser, about a fifth of a
        // small site's build for a dozen maps.
        r#"<defs><pattern id="{hatch}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="{}"/><path d="M0 0H2.67L0 2.67ZM8 0V2.67L2.67 8H0Z" fill="{}"/></pattern></defs>"#,
        fill(HATCH_GROUND),
        fill(HATCH_LINE)
    );
    for t in tiles {
        let x = MARGIN + t.at.0 * PITCH;
        let y = MARGIN + t.at.1 * PITCH;
        let r = t.row;
        let (tile_fill, text, value) = if r.not_published {
            (format!("url(#{hatch})"), super::TEXT, words.short)
        } else {
            let s = shade(bin_of(r.value as u64), bins.len());
            (fill(SHADES[s]), text_colour(s), r.value_text.as_str())
        };
        let said = if r.not_published {
            words.not_published.to_string()
        } else {
            format!("{} {}", r.value_text, words.unit)
        };
        let _ = write!(
            body,
            r#"<g class="tile" data-code="{code}"><title>{code} {name}: {said}</title><rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="3" fill="{tile_fill}" stroke="{OUTLINE}" stroke-width="1"/><text x="{tx}" y="{ty}" font-size="12" fill="{tc}">{code}</text><text x="{vx}" y="{vy}" font-size="{vs}" font-weight="{weight}" text-anchor="middle" fill="{tc}">{value}</text></g>"#,
            code = escape(&r.short),
            name = escape(&r.label),
            said = escape(&said),
            tx = x + 4,
            ty = y + 13,
            tc = fill(text),
            vx = x + TILE / 2,
            vy = y + 33,
            // A number stands out; the words for its absence do not.
            weight = if r.not_published { "normal" } else { "bold" },
            vs = match value.chars().count() {
                _ if r.not_published => 11,
                n if n > 4 => 11,
                4 => 14,
                _ => 17,
            },
            value = escape(value),
        );
    }

    // The legend: each bin's range beside its shade, then the hatching
    // beside what it means, wrapped to the drawing's width.
    let mut items: Vec<(String, String)> = bins
        .iter()
        .enumerate()
        .map(|(k, &(lo, hi))| {
            let range = if lo == hi {
                format::integer(lo, l)
            } else {
                format!("{}–{}", format::integer(lo, l), format::integer(hi, l))
            };
            (fill(SHADES[shade(k, bins.len())]), range)
        })
        .collect();
    items.push((
        format!("url(#{hatch})"),
        format!("{} = {}", words.short, words.not_published),
    ));
    let top = MARGIN + grid_rows * PITCH + 8;
    let (mut x, mut line) = (MARGIN, 0);
    for (swatch, label) in &items {
        let w = SWATCH + 6 + width(label, LEGEND_FONT) + 16;
        if x > MARGIN && x + w > width_units - MARGIN {
            x = MARGIN;
            line += 1;
        }
        let y = top + line * LEGEND_LINE;
        let _ = write!(
            body,
            r#"<rect x="{x}" y="{y}" width="{SWATCH}" height="{SWATCH}" fill="{swatch}" stroke="{OUTLINE}" stroke-width="1"/><text x="{}" y="{}" font-size="{LEGEND_FONT}" fill="{}">{}</text>"#,
            x + SWATCH + 6,
            y + SWATCH - 2,
            fill(super::TEXT),
            escape(label)
        );
        x += w;
    }
    let height = top + (line + 1) * LEGEND_LINE;
    format!(
        r#"<svg viewBox="0 0 {width_units} {height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" class="chart-svg chart-map" font-family="sans-serif"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{body}</svg>"#,
        escape(title),
        escape(description)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_are_round_at_most_four_and_hold_the_largest_value() {
        for max in [0, 1, 3, 4, 9, 45, 157, 1000, 123_456] {
            let b = bins(max);
            assert!((1..=4).contains(&b.len()), "{max}: {b:?}");
            assert_eq!(b[0].0, 0);
            assert!(b.last().unwrap().1 >= max, "{max}: {b:?}");
            assert!(b.windows(2).all(|w| w[1].0 == w[0].1 + 1), "{b:?}");
        }
        assert_eq!(bins(45), [(0, 19), (20, 39), (40, 59)]);
        assert_eq!(bins(92), [(0, 24), (25, 49), (50, 74), (75, 99)]);
    }

    #[test]
    fn the_lowest_and_highest_bins_take_the_lightest_and_darkest_shades() {
        for n in 2..=4 {
            assert_eq!(shade(0, n), 0);
            assert_eq!(shade(n - 1, n), SHADES.len() - 1);
        }
    }
}
