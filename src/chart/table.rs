//! The charts `charts.yaml` declares, localised and drawn: a timeline on
//! a real time axis, bars per year, elections side by side, and
//! breakdowns as small multiples.
//!
//! The SVG is written by hand rather than through plotters: every element
//! carries its class (`s0`…`s3`, `s0-line`…, `gap`, `label`, `grid`) from
//! the start, so the page's stylesheet colours it for light and dark, and
//! [`super::standalone_svg`] paints the light colours back for downloads.
//! Text takes its colour from the one `label` group around the drawing.
//! Series never differ by colour alone: lines by dash and marker shape,
//! bars by the label written beside each.

use std::fmt::Write as _;

use serde::Serialize;

use super::{ChartView, escape, fit};
use crate::aggregate::{Kind, Series, Table, Unit};
use crate::format;
use crate::i18n::Locale;
use crate::model::{Content, Dimension, Index, IsoDate};

const WIDTH: f64 = 400.0;
const MARGIN: f64 = 8.0;
/// The font size of the drawing: the existing charts' 16 px.
const FONT: f64 = 16.0;
const SMALL: f64 = 13.0;
/// How many series one chart can tell apart by marker and dash.
const STYLES: usize = 4;

/// One cell of a declared chart's table.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    /// As published; `None` where the figure did not publish it.
    pub value: Option<f64>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TableRowView {
    /// The date, year or election the row stands for.
    pub label: String,
    pub figure: String,
    /// ISO date of the row, for a timeline.
    pub date: Option<String>,
    pub cells: Vec<CellView>,
}

/// The table of a declared chart: a row per figure, a column per number.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    /// What the rows stand for: "Tanggal", "Tahun", "Pemilihan".
    pub row_header: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRowView>,
    pub note: Option<String>,
}

/// Localises and draws one declared chart.
pub fn view(t: &Table, c: &Content, idx: &Index, l: &Locale, lang: &str) -> ChartView {
    let dl = c.site.default_lang();
    let unit = match &t.unit {
        Unit::Measure(u) => l.t(&format!("unit_{u}")).to_string(),
        Unit::Percent => l.t("unit_percent").to_string(),
        Unit::Cases => l.t("unit_cases").to_string(),
    };
    let measure = |m: &str| {
        idx.measures.get(m).map_or(m.to_string(), |&i| {
            c.vocab.measures[i].label.get(lang, dl).to_string()
        })
    };
    let column = |s: &Series, short: bool| match s {
        Series::Stage(code) => c.label(Dimension::Outcome, idx, code, lang),
        Series::Measure(code) => measure(code),
        Series::Part(d, code) if short => c.short_label(*d, idx, code, lang),
        Series::Part(d, code) => c.label(*d, idx, code, lang),
        Series::NotPublished => l.t("not_published").to_string(),
    };
    let columns: Vec<String> = t.columns.iter().map(|s| column(s, false)).collect();
    let shorts: Vec<String> = t.columns.iter().map(|s| column(s, true)).collect();
    let value_text = |v: f64| match t.unit {
        Unit::Percent => format::percent(v, l),
        _ => format::integer(v as u64, l),
    };
    let producer = |code: &Option<String>| {
        code.as_ref().and_then(|p| {
            c.vocab.producers.iter().find(|x| &x.code == p).map(|x| {
                x.short
                    .as_ref()
                    .unwrap_or(&x.label)
                    .get(lang, dl)
                    .to_string()
            })
        })
    };
    let election = |code: &Option<String>| {
        code.as_ref()
            .and_then(|e| idx.elections.get(e))
            .map(|&i| c.vocab.elections[i].label.get(lang, dl).to_string())
    };
    let rows: Vec<TableRowView> = t
        .rows
        .iter()
        .map(|r| {
            let date = r.date.map(|d| format::date(d, l));
            let label = match t.kind {
                Kind::Years => r.year.map(|y| y.to_string()),
                // Two figures of one election and producer differ by date.
                Kind::Compare => election(&r.election).map(|e| {
                    let by = match producer(&r.producer) {
                        Some(p) => format!("{e} · {p}"),
                        None => e,
                    };
                    date.as_ref().map_or(by.clone(), |d| format!("{by}, {d}"))
                }),
                Kind::Shares => date.clone().map(|d| match producer(&r.producer) {
                    Some(p) => format!("{p}, {d}"),
                    None => d,
                }),
                _ => date.clone(),
            }
            .or(date)
            .unwrap_or_else(|| r.figure.clone());
            TableRowView {
                label,
                figure: r.figure.clone(),
                date: r.date.map(|d| d.to_string()),
                cells: r
                    .cells
                    .iter()
                    .zip(&t.columns)
                    .map(|(&v, s)| CellView {
                        value: v,
                        text: match (v, s) {
                            (Some(v), _) => value_text(v),
                            (None, Series::NotPublished) => "—".into(),
                            (None, _) => l.t("cell_not_published").to_string(),
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    let title = t.title.get(lang, dl).to_string();
    let dates: Vec<IsoDate> = t.rows.iter().filter_map(|r| r.date).collect();
    let as_of = match (dates.iter().min(), dates.iter().max()) {
        (Some(a), Some(b)) if a != b => {
            Some(format!("{} – {}", format::date(*a, l), format::date(*b, l)))
        }
        (Some(a), _) => Some(format::date(*a, l)),
        _ => None,
    };
    let note = t.note.as_ref().map(|n| n.get(lang, dl).to_string());
    let description = describe(&title, &unit, &columns, &rows, note.as_deref(), l);
    let id = &t.id;
    let (svg, height) = match t.kind {
        Kind::Timeline => timeline(id, &title, &description, &shorts, &t.rows, &rows, l),
        _ => bars(id, &title, &description, t, &shorts, &rows),
    };
    let row_header = match t.kind {
        Kind::Years => "row_years",
        Kind::Compare => "row_compare",
        _ => "row_dates",
    };
    ChartView {
        id: t.id.clone(),
        title,
        description,
        unit,
        rows: Vec::new(),
        svg,
        figures: t.figures(),
        sources: t.sources(),
        as_of,
        has_gap: t.columns.contains(&Series::NotPublished),
        kind: t.kind,
        facet: None,
        height,
        table: Some(TableView {
            row_header: l.t(row_header).to_string(),
            columns,
            rows,
            note,
        }),
    }
}

/// "Title. Unit: people. Numbers: reported, recommended, sanctioned;
/// 8 rows, 26 June 2020 to 19 December 2020. Note."
fn describe(
    title: &str,
    unit: &str,
    columns: &[String],
    rows: &[TableRowView],
    note: Option<&str>,
    l: &Locale,
) -> String {
    let mut d = format!(
        "{title}. {}: {unit}. {}: {}.",
        l.t("unit"),
        l.t("chart_series"),
        columns.join(", ")
    );
    if let (Some(first), Some(last)) = (rows.first(), rows.last()) {
        let _ = write!(
            d,
            " {}",
            l.t("chart_rows")
                .replace("{n}", &rows.len().to_string())
                .replace("{first}", &first.label)
                .replace("{last}", &last.label)
        );
    }
    if let Some(n) = note {
        let _ = write!(d, " {n}");
    }
    d
}

fn head(id: &str, title: &str, description: &str, height: f64) -> String {
    format!(
        r#"<svg viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{id}-title {id}-desc" class="chart-svg" font-family="sans-serif" font-size="{FONT}"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><g class="label">"#,
        escape(title),
        escape(description)
    )
}

/// `text` in lines of at most `max` characters, broken between words.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// A series' marker, centred on the origin: circle, square, triangle,
/// diamond.
fn marker(k: usize) -> String {
    let class = format!("s{}", k % STYLES);
    match k % STYLES {
        0 => format!(r#"<circle r="4.5" class="{class}"/>"#),
        1 => format!(r#"<rect x="-4" y="-4" width="8" height="8" class="{class}"/>"#),
        2 => format!(r#"<path d="M0 -5.5 L5 4 L-5 4 Z" class="{class}"/>"#),
        _ => format!(r#"<path d="M0 -5.5 L5.5 0 L0 5.5 L-5.5 0 Z" class="{class}"/>"#),
    }
}

fn dash(k: usize) -> &'static str {
    match k % STYLES {
        0 => "",
        1 => r#" stroke-dasharray="7 4""#,
        2 => r#" stroke-dasharray="2 3""#,
        _ => r#" stroke-dasharray="9 3 2 3""#,
    }
}

/// `x` to a tenth of a unit: finer than any screen shows, and short to write.
fn n(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A round step for about four gridlines up to `max`.
fn step(max: f64) -> f64 {
    let raw = (max / 4.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * mag)
}

fn days(from: IsoDate, to: IsoDate) -> f64 {
    from.0.until(to.0).map_or(0.0, |s| f64::from(s.get_days()))
}

/// Lines with markers, each point at its date: x is proportional to the
/// days between dates, so uneven snapshots show as uneven gaps.
fn timeline(
    id: &str,
    title: &str,
    description: &str,
    series: &[String],
    data: &[crate::aggregate::TableRow],
    rows: &[TableRowView],
    l: &Locale,
) -> (String, u32) {
    let legend_line = 22.0;
    let legend: Vec<Vec<String>> = series.iter().map(|name| wrap(name, 40)).collect();
    let legend_lines: usize = legend.iter().map(Vec::len).sum();
    let plot_top = MARGIN + legend_lines as f64 * legend_line + 14.0;
    let plot_h = 200.0;
    let left = 52.0;
    let right = WIDTH - 18.0;
    let bottom = plot_top + plot_h;
    let height = bottom + 44.0;
    let dates: Vec<IsoDate> = data.iter().filter_map(|r| r.date).collect();
    let (Some(&first), Some(&last)) = (dates.iter().min(), dates.iter().max()) else {
        return (
            head(id, title, description, height) + "</g></svg>",
            height as u32,
        );
    };
    let span = days(first, last).max(1.0);
    let inner = 10.0;
    let x = |d: IsoDate| n(left + inner + days(first, d) / span * (right - left - 2.0 * inner));
    let max = data
        .iter()
        .flat_map(|r| r.cells.iter().flatten())
        .fold(0.0_f64, |a, &b| a.max(b));
    let step = step(max);
    let top_value = (max / step).ceil().max(1.0) * step;
    let y = |v: f64| n(bottom - v / top_value * plot_h);
    let mut s = head(id, title, description, height);
    // Legend: marker, dash and name of each series.
    let mut ly = MARGIN + 10.0;
    for (k, lines) in legend.iter().enumerate() {
        let _ = write!(
            s,
            r#"<line x1="{MARGIN}" y1="{ly}" x2="{}" y2="{ly}" class="s{}-line" stroke-width="2"{}/><g transform="translate({} {ly})">{}</g>"#,
            MARGIN + 30.0,
            k % STYLES,
            dash(k),
            MARGIN + 15.0,
            marker(k),
        );
        for line in lines {
            let _ = write!(
                s,
                r#"<text x="{}" y="{}">{}</text>"#,
                MARGIN + 38.0,
                ly + 5.5,
                escape(line)
            );
            ly += legend_line;
        }
    }
    // Gridlines and their values.
    let mut v = 0.0;
    while v <= top_value + 1e-9 {
        let gy = y(v);
        let _ = write!(
            s,
            r#"<line x1="{left}" y1="{gy}" x2="{right}" y2="{gy}" class="grid" stroke-width="1"/><text x="{}" y="{}" font-size="{SMALL}" text-anchor="end">{}</text>"#,
            left - 6.0,
            n(gy + 4.5),
            format::integer(v as u64, l)
        );
        v += step;
    }
    // Ticks: each month's first day over a short span, each year's
    // otherwise, labelled with the month or the year.
    let yearly = span > 500.0;
    let mut tick = jiff::civil::date(first.year(), if yearly { 1 } else { first.month() }, 1);
    let mut last_label_x = f64::NEG_INFINITY;
    while tick <= last.0 {
        let d = IsoDate(tick);
        if tick >= first.0 {
            let tx = x(d);
            let label = if yearly {
                d.year().to_string()
            } else {
                let month: String = l
                    .months
                    .get(d.month() as usize - 1)
                    .map_or(String::new(), |m| m.chars().take(3).collect());
                if d.month() == 1 || last_label_x.is_infinite() {
                    format!("{month} {}", d.year())
                } else {
                    month
                }
            };
            let _ = write!(
                s,
                r#"<line x1="{tx}" y1="{bottom}" x2="{tx}" y2="{}" class="grid" stroke-width="1"/>"#,
                bottom + 5.0
            );
            // Labels that would touch are left out; the tick stays.
            if tx - last_label_x > 44.0 {
                let _ = write!(
                    s,
                    r#"<text x="{tx}" y="{}" font-size="{SMALL}" text-anchor="middle">{}</text>"#,
                    bottom + 20.0,
                    escape(&label)
                );
                last_label_x = tx;
            }
        }
        tick = if yearly || tick.month() == 12 {
            jiff::civil::date(tick.year() + 1, 1, 1)
        } else {
            jiff::civil::date(tick.year(), tick.month() + 1, 1)
        };
    }
    let _ = write!(
        s,
        r#"<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" class="axis" stroke-width="1"/>"#
    );
    // Each series: lines between published points (a gap where a figure
    // did not publish the number), then the points with their values.
    for (k, name) in series.iter().enumerate() {
        let points: Vec<Option<(f64, f64)>> = data
            .iter()
            .map(|r| Some((x(r.date?), y(r.cells[k]?))))
            .collect();
        for run in points.split(Option::is_none) {
            if run.len() > 1 {
                let pts: Vec<String> = run
                    .iter()
                    .flatten()
                    .map(|(px, py)| format!("{px:.1},{py:.1}"))
                    .collect();
                let _ = write!(
                    s,
                    r#"<polyline points="{}" class="s{}-line" stroke-width="2"{}/>"#,
                    pts.join(" "),
                    k % STYLES,
                    dash(k)
                );
            }
        }
        for (p, r) in points.iter().zip(rows) {
            let Some((px, py)) = p else { continue };
            let _ = write!(
                s,
                r#"<g class="point" transform="translate({px:.1} {py:.1})"><title>{}, {}: {}</title>{}</g>"#,
                escape(name),
                escape(&r.label),
                escape(&r.cells[k].text),
                marker(k)
            );
        }
    }
    s.push_str("</g></svg>");
    (s, height.ceil() as u32)
}

/// A bar of [`bars`]: its label, length, value and class.
struct Bar {
    label: String,
    value: f64,
    text: String,
    class: String,
}

/// Horizontal bars in panels: one panel per figure (its date, year or
/// election as heading), one bar per published number, each labelled
/// with its name and value. A breakdown's panel ends with its "not
/// published" remainder, in the gap colour and named.
fn bars(
    id: &str,
    title: &str,
    description: &str,
    t: &Table,
    shorts: &[String],
    rows: &[TableRowView],
) -> (String, u32) {
    let shares = t.kind == Kind::Shares;
    let panels: Vec<(Option<&str>, Vec<Bar>)> = if t.columns.len() == 1 && !shares {
        // One number: a bar per row, the row's label beside it.
        vec![(
            None,
            rows.iter()
                .filter_map(|r| {
                    let v = r.cells[0].value?;
                    Some(Bar {
                        label: r.label.clone(),
                        value: v,
                        text: r.cells[0].text.clone(),
                        class: "s0".into(),
                    })
                })
                .collect(),
        )]
    } else {
        rows.iter()
            .map(|r| {
                let mut bars: Vec<Bar> = r
                    .cells
                    .iter()
                    .enumerate()
                    .filter_map(|(k, cell)| {
                        let v = cell.value?;
                        let gap = t.columns[k] == Series::NotPublished;
                        Some(Bar {
                            label: shorts[k].clone(),
                            value: v,
                            text: cell.text.clone(),
                            class: if gap {
                                "gap".into()
                            } else if shares {
                                "s0".into()
                            } else {
                                format!("s{}", k % STYLES)
                            },
                        })
                    })
                    .collect();
                if shares {
                    // Largest part first, the remainder last.
                    bars.sort_by(|a, b| {
                        (a.class == "gap")
                            .cmp(&(b.class == "gap"))
                            .then(b.value.total_cmp(&a.value))
                    });
                }
                (Some(r.label.as_str()), bars)
            })
            .collect()
    };
    // Long names (positions, categories) get a line of their own above
    // the bar; short ones (years, stages) sit beside it.
    let above = panels
        .iter()
        .flat_map(|p| &p.1)
        .any(|b| b.label.chars().count() > 14);
    // Labels above a bar wrap onto a second line rather than lose their
    // end; a third would be cut.
    let lines = |b: &Bar| -> Vec<String> {
        let mut l = wrap(&b.label, 44);
        if l.len() > 2 {
            l.truncate(2);
            l[1] = fit(&format!("{} …", l[1]));
        }
        l
    };
    let line_h = 19.0;
    let row_h = |b: &Bar| {
        if above {
            34.0 + line_h * lines(b).len() as f64
        } else {
            30.0
        }
    };
    let label_w = if above {
        0.0
    } else {
        panels
            .iter()
            .flat_map(|p| &p.1)
            .map(|b| b.label.chars().count())
            .max()
            .unwrap_or(0)
            .min(14) as f64
            * 8.6
            + 8.0
    };
    let heading_h = |h: &str| 11.0 + line_h * wrap(h, 40).len() as f64;
    let mut height = MARGIN;
    for (h, bars) in &panels {
        height += h.map_or(0.0, heading_h) + bars.iter().map(row_h).sum::<f64>() + 6.0;
    }
    height += MARGIN;
    let max = panels
        .iter()
        .flat_map(|p| &p.1)
        .map(|b| b.value)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let value_space = 72.0;
    let scale = (WIDTH - 2.0 * MARGIN - label_w - value_space) / max;
    let mut s = head(id, title, description, height);
    let mut top = MARGIN;
    for (heading, bars) in &panels {
        if let Some(h) = heading {
            let lines = wrap(h, 40);
            for (i, line) in lines.iter().enumerate() {
                let _ = write!(
                    s,
                    r#"<text x="{MARGIN}" y="{}" font-weight="bold">{}</text>"#,
                    top + 18.0 + line_h * i as f64,
                    escape(line)
                );
            }
            let rule = top + 6.0 + line_h * lines.len() as f64;
            let _ = write!(
                s,
                r#"<line x1="{MARGIN}" y1="{rule}" x2="{}" y2="{rule}" class="grid" stroke-width="1"/>"#,
                WIDTH - MARGIN
            );
            top += heading_h(h);
        }
        for b in bars {
            let (bar_x, bar_y) = if above {
                let lines = lines(b);
                for (i, line) in lines.iter().enumerate() {
                    let _ = write!(
                        s,
                        r#"<text x="{MARGIN}" y="{}">{}</text>"#,
                        top + 15.0 + line_h * i as f64,
                        escape(line)
                    );
                }
                (MARGIN, top + 3.0 + line_h * lines.len() as f64)
            } else {
                let label: String = if b.label.chars().count() > 14 {
                    b.label.chars().take(13).collect::<String>() + "…"
                } else {
                    b.label.clone()
                };
                let _ = write!(
                    s,
                    r#"<text x="{MARGIN}" y="{}">{}</text>"#,
                    top + 19.0,
                    escape(&label)
                );
                (MARGIN + label_w, top + 4.0)
            };
            let len = (b.value * scale).max(2.0);
            let _ = write!(
                s,
                r#"<rect x="{bar_x}" y="{bar_y}" width="{len:.1}" height="22" class="{}"/><text x="{:.1}" y="{}">{}</text>"#,
                b.class,
                bar_x + len + 6.0,
                bar_y + 16.0,
                escape(&b.text)
            );
            top += row_h(b);
        }
        top += 6.0;
    }
    s.push_str("</g></svg>");
    (s, height.ceil() as u32)
}
