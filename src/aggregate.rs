//! Stage 3, aggregate: the numbers behind every chart, language-neutral.
//!
//! Official figures are taken as published, each with its source and date;
//! share breakdowns keep their unpublished remainder as an explicit row.
//! Case records, when a site has them, are counted by year, position,
//! category, region and outcome.

use std::collections::BTreeMap;

use crate::model::{CaseRecord, Content, Dimension, Figure, Index, IsoDate, Tally};

/// What a row of a chart stands for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum Key {
    Code(Dimension, String),
    Year(i16),
    /// The part of a 100 % that the source did not publish.
    NotPublished,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Row {
    pub key: Key,
    pub value: f64,
}

/// What a chart shows. Pages and templates see it as `by-year`, `share`,
/// `funnel`, `cases` or `map`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Numbers of people or reports per year.
    ByYear,
    /// Published percentages of one total.
    Share,
    /// Outcome stages, each a subset of the one before.
    Funnel,
    /// Case records counted per code.
    Cases,
    /// One figure's published count per province, drawn as the province
    /// tile map. Its rows are the provinces the figure gives, by code;
    /// every other province of `vocab/regions.yaml` was not published.
    Map,
    /// Declared in `charts.yaml`: numbers across dates, on a time axis.
    Timeline,
    /// Declared: numbers per year.
    Years,
    /// Declared: elections side by side.
    Compare,
    /// Declared: breakdowns across dates, one panel per figure.
    Shares,
}

impl Kind {
    /// The kind of a `charts.yaml` entry that [`tables`] draws; `None` for
    /// `map`, which has drawing code of its own, and for unknown kinds,
    /// which `check` refuses.
    pub fn declared(kind: &str) -> Option<Kind> {
        match kind {
            "timeline" => Some(Kind::Timeline),
            "years" => Some(Kind::Years),
            "compare" => Some(Kind::Compare),
            "shares" => Some(Kind::Shares),
            _ => None,
        }
    }
}

/// Unit of a chart's values, printed beside every number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Unit {
    /// A measure's unit from `vocab/measures.yaml` (`people`, `reports`).
    Measure(String),
    Percent,
    Cases,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Aggregate {
    /// Stable id: the chart's anchor, file name and permalink.
    pub id: String,
    pub kind: Kind,
    pub dimension: Option<Dimension>,
    /// The measure counted or shared (`asn-dilaporkan`), if any.
    pub measure: Option<String>,
    pub unit: Unit,
    pub rows: Vec<Row>,
    /// Figure snapshots the numbers come from.
    pub figures: Vec<String>,
    /// Source ids, in the order of the rows they back.
    pub sources: Vec<String>,
    pub as_of: Option<IsoDate>,
    pub election: Option<String>,
    /// The position, category or province whose cases alone are counted.
    pub facet: Option<(Dimension, String)>,
}

/// One number a declared chart draws: a column of its table, a series
/// of its drawing.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Series {
    /// A funnel stage (outcome code).
    Stage(String),
    /// A count (measure code).
    Measure(String),
    /// One part of a share or tally breakdown.
    Part(Dimension, String),
    /// What a breakdown's parts leave of its total.
    NotPublished,
}

/// One figure in a declared chart: a row of its table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TableRow {
    pub figure: String,
    /// The date of the data (`as_of`), or of publication when the figure
    /// has none: where a timeline places the row.
    pub date: Option<IsoDate>,
    pub year: Option<i16>,
    pub election: Option<String>,
    pub producer: Option<String>,
    pub source: String,
    /// One per column: the value as published, or `None` where the figure
    /// did not publish it. Never derived, except a breakdown's
    /// [`Series::NotPublished`] remainder, which pages label as such.
    pub cells: Vec<Option<f64>>,
}

/// A chart declared in `charts.yaml`: a table whose rows are figures and
/// whose columns are the chart's numbers, all in one unit.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Table {
    pub id: String,
    pub kind: Kind,
    pub title: crate::model::Localized,
    pub note: Option<crate::model::Localized>,
    pub unit: Unit,
    pub columns: Vec<Series>,
    pub rows: Vec<TableRow>,
}

impl Table {
    /// The figures drawn, in row order.
    pub fn figures(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.figure.clone()).collect()
    }

    /// The source of each row, in row order.
    pub fn sources(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.source.clone()).collect()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// The site's charts, shown on the statistics page.
    pub charts: Vec<Aggregate>,
    /// The charts `charts.yaml` declares (all but maps), in its order.
    pub tables: Vec<Table>,
    /// Charts of one position, category or province's cases, shown on
    /// that facet's page.
    pub facets: Vec<Aggregate>,
}

impl Stats {
    /// Every chart: the site's first, then the facets'.
    pub fn all(&self) -> impl Iterator<Item = &Aggregate> {
        self.charts.iter().chain(&self.facets)
    }

    /// The id of every chart, in the order each language's views hold
    /// them: the site's charts, the declared ones, the facets'.
    pub fn chart_ids(&self) -> impl Iterator<Item = &str> {
        self.charts
            .iter()
            .map(|a| a.id.as_str())
            .chain(self.tables.iter().map(|t| t.id.as_str()))
            .chain(self.facets.iter().map(|a| a.id.as_str()))
    }
}

pub fn aggregate(c: &Content, idx: &Index) -> Stats {
    let mut charts = Vec::new();
    charts.extend(by_year(c, idx));
    let mut figures: Vec<_> = c.figures.iter().collect();
    figures.sort_by(|a, b| (b.as_of, b.year, &b.id).cmp(&(a.as_of, a.year, &a.id)));
    for f in figures {
        let source = vec![f.source.clone()];
        if !f.funnel.is_empty() {
            charts.push(Aggregate {
                id: format!("{}-tindak-lanjut", f.id),
                kind: Kind::Funnel,
                dimension: Some(Dimension::Outcome),
                measure: None,
                unit: Unit::Measure("people".into()),
                rows: f
                    .funnel
                    .iter()
                    .map(|s| Row {
                        key: Key::Code(Dimension::Outcome, s.stage.clone()),
                        value: s.value as f64,
                    })
                    .collect(),
                figures: vec![f.id.clone()],
                sources: source.clone(),
                as_of: f.as_of,
                election: f.election.clone(),
                facet: None,
            });
        }
        for s in &f.shares {
            let mut rows: Vec<Row> = s
                .parts
                .iter()
                .map(|p| Row {
                    key: Key::Code(s.by, p.code.clone()),
                    value: p.percent,
                })
                .collect();
            rows.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.key.cmp(&b.key)));
            if let Some(rest) = s.not_published() {
                rows.push(Row {
                    key: Key::NotPublished,
                    value: rest,
                });
            }
            charts.push(Aggregate {
                id: format!("{}-{}", f.id, s.by.key()),
                kind: Kind::Share,
                dimension: Some(s.by),
                measure: Some(s.of.clone()),
                unit: Unit::Percent,
                rows,
                figures: vec![f.id.clone()],
                sources: source.clone(),
                as_of: f.as_of,
                election: f.election.clone(),
                facet: None,
            });
        }
    }
    charts.extend(map_charts(c, idx));
    if !c.cases.is_empty() {
        charts.extend(from_cases(c, idx));
    }
    let mut facets = Vec::new();
    if !c.cases.is_empty() {
        let v = &c.vocab;
        let codes = v
            .positions
            .iter()
            .map(|x| (Dimension::Position, &x.code))
            .chain(v.categories.iter().map(|x| (Dimension::Category, &x.code)))
            .chain(v.regions.iter().map(|x| (Dimension::Region, &x.code)));
        // Each facet reads every case: in parallel, in vocabulary order.
        use rayon::prelude::*;
        let codes: Vec<_> = codes.collect();
        facets = codes
            .par_iter()
            .flat_map_iter(|&(d, code)| facet(c, idx, d, code))
            .collect();
    }
    Stats {
        charts,
        tables: tables(c, idx),
        facets,
    }
}

/// Every declared chart but the maps, as tables of published numbers.
pub fn tables(c: &Content, idx: &Index) -> Vec<Table> {
    c.charts
        .iter()
        .filter_map(|spec| Kind::declared(&spec.kind).map(|kind| table(c, idx, spec, kind)))
        .collect()
}

fn table(c: &Content, idx: &Index, spec: &crate::model::ChartSpec, kind: Kind) -> Table {
    let figures: Vec<&crate::model::Figure> = spec
        .figures
        .iter()
        .filter_map(|id| idx.figures.get(id).map(|&i| &c.figures[i].value))
        .collect();
    let measure_unit = |m: &str| {
        idx.measures
            .get(m)
            .map_or("people".to_string(), |&i| c.vocab.measures[i].unit.clone())
    };
    // Columns: stages and measures as listed; a breakdown's parts in the
    // order they first appear, then its remainder.
    let mut columns: Vec<Series> = Vec::new();
    let mut unit = Unit::Measure("people".into());
    for n in &spec.numbers {
        if let Some(s) = &n.stage {
            columns.push(Series::Stage(s.clone()));
        } else if let Some(m) = &n.measure {
            unit = Unit::Measure(measure_unit(m));
            columns.push(Series::Measure(m.clone()));
        } else if let Some(d) = n.share.or(n.tally) {
            for f in &figures {
                let parts: Vec<&str> = match n.share {
                    Some(_) => f
                        .shares
                        .iter()
                        .filter(|s| s.by == d)
                        .flat_map(|s| s.parts.iter().map(|p| p.code.as_str()))
                        .collect(),
                    None => f
                        .tallies
                        .iter()
                        .filter(|t| t.by == d)
                        .flat_map(|t| {
                            unit = Unit::Measure(measure_unit(&t.of));
                            t.parts.iter().map(|p| p.code.as_str())
                        })
                        .collect(),
                };
                for code in parts {
                    let s = Series::Part(d, code.to_string());
                    if !columns.contains(&s) {
                        columns.push(s);
                    }
                }
            }
            if n.share.is_some() {
                unit = Unit::Percent;
            }
            columns.push(Series::NotPublished);
        }
    }
    let rows = figures
        .iter()
        .map(|f| TableRow {
            figure: f.id.clone(),
            date: f.as_of.or(f.announced),
            year: f.year,
            election: f.election.clone(),
            producer: f.producer.clone(),
            source: f.source.clone(),
            cells: columns.iter().map(|s| cell(f, s, &spec.numbers)).collect(),
        })
        .collect();
    Table {
        id: spec.id.clone(),
        kind,
        title: spec.title.clone(),
        note: spec.note.clone(),
        unit,
        columns,
        rows,
    }
}

/// The value of column `s` in figure `f`, as published.
fn cell(
    f: &crate::model::Figure,
    s: &Series,
    numbers: &[crate::model::ChartNumber],
) -> Option<f64> {
    match s {
        Series::Stage(code) => f
            .funnel
            .iter()
            .find(|x| &x.stage == code)
            .map(|x| x.value as f64),
        Series::Measure(code) => f
            .counts
            .iter()
            .find(|x| &x.measure == code)
            .map(|x| x.value as f64),
        Series::Part(d, code) => f
            .shares
            .iter()
            .filter(|x| x.by == *d)
            .flat_map(|x| x.parts.iter().map(|p| (p.code.as_str(), p.percent)))
            .chain(
                f.tallies
                    .iter()
                    .filter(|x| x.by == *d)
                    .flat_map(|x| x.parts.iter().map(|p| (p.code.as_str(), p.value as f64))),
            )
            .find(|p| p.0 == code)
            .map(|p| p.1),
        Series::NotPublished => {
            let d = numbers.iter().find_map(|n| n.share.or(n.tally))?;
            if let Some(share) = f.shares.iter().find(|x| x.by == d) {
                return share.not_published();
            }
            // A tally's remainder: the figure's total of the same measure
            // (or the stage it names) less the parts, when it has one.
            let t = f.tallies.iter().find(|x| x.by == d)?;
            let known: u64 = t.parts.iter().map(|p| p.value).sum();
            let total = f
                .counts
                .iter()
                .find(|n| n.measure == t.of)
                .map(|n| n.value)
                .or_else(|| f.funnel.iter().find(|n| n.stage == t.of).map(|n| n.value))?;
            (total > known).then(|| (total - known) as f64)
        }
    }
}

/// One tile map per `map` chart of `charts.yaml`, in its order: the
/// counts by province of its figures (the first figure that gives a
/// province wins), under the chart's id. The spec's title is the map's,
/// looked up by that id when the map is drawn.
pub fn map_charts(c: &Content, idx: &Index) -> Vec<Aggregate> {
    c.charts
        .iter()
        .filter(|spec| spec.kind == "map")
        .map(|spec| {
            let figures: Vec<&Figure> = spec
                .figures
                .iter()
                .filter_map(|id| idx.figures.get(id).map(|&i| &c.figures[i].value))
                .collect();
            let tallies: Vec<(&Figure, &Tally)> = figures
                .iter()
                .flat_map(|&f| {
                    f.tallies
                        .iter()
                        .filter(|t| t.by == Dimension::Region)
                        .map(move |t| (f, t))
                })
                .collect();
            let mut values: BTreeMap<&str, u64> = BTreeMap::new();
            for (_, t) in &tallies {
                for p in &t.parts {
                    values.entry(&p.code).or_insert(p.value);
                }
            }
            let measure = tallies.first().map(|(_, t)| t.of.clone());
            let unit = measure
                .as_ref()
                .and_then(|m| idx.measures.get(m))
                .map_or("people".to_string(), |&i| c.vocab.measures[i].unit.clone());
            let first = figures.first();
            Aggregate {
                id: spec.id.clone(),
                kind: Kind::Map,
                dimension: Some(Dimension::Region),
                measure,
                unit: Unit::Measure(unit),
                rows: values
                    .into_iter()
                    .map(|(code, v)| Row {
                        key: Key::Code(Dimension::Region, code.to_string()),
                        value: v as f64,
                    })
                    .collect(),
                figures: spec.figures.clone(),
                sources: figures.iter().map(|f| f.source.clone()).collect(),
                as_of: first.and_then(|f| f.as_of),
                election: first.and_then(|f| f.election.clone()),
                facet: None,
            }
        })
        .collect()
}

/// One chart per measure published for whole years, oldest year first.
fn by_year(c: &Content, idx: &Index) -> Vec<Aggregate> {
    // (year, value, source id, figure id) per (measure order, measure code)
    type Point<'a> = (i16, u64, &'a str, &'a str);
    let mut per_measure: BTreeMap<(usize, &str), Vec<Point>> = BTreeMap::new();
    for f in &c.figures {
        let Some(year) = f.year else { continue };
        for count in &f.counts {
            let order = idx
                .measures
                .get(&count.measure)
                .copied()
                .unwrap_or(usize::MAX);
            per_measure
                .entry((order, &count.measure))
                .or_default()
                .push((year, count.value, &f.source, &f.id));
        }
    }
    per_measure
        .into_iter()
        .map(|((_, measure), mut points)| {
            points.sort();
            let unit = idx
                .measures
                .get(measure)
                .map_or("people".to_string(), |&i| c.vocab.measures[i].unit.clone());
            Aggregate {
                id: format!("per-tahun-{measure}"),
                kind: Kind::ByYear,
                dimension: None,
                measure: Some(measure.to_string()),
                unit: Unit::Measure(unit),
                rows: points
                    .iter()
                    .map(|p| Row {
                        key: Key::Year(p.0),
                        value: p.1 as f64,
                    })
                    .collect(),
                figures: points.iter().map(|p| p.3.to_string()).collect(),
                sources: points.iter().map(|p| p.2.to_string()).collect(),
                as_of: None,
                election: None,
                facet: None,
            }
        })
        .collect()
}

/// Case records counted by every facet. A case with several categories
/// counts once in each; a case that reached a later outcome stage has
/// passed the earlier ones, so the funnel counts it in each of those too.
fn from_cases(c: &Content, idx: &Index) -> Vec<Aggregate> {
    let all: Vec<&CaseRecord> = c.cases.iter().map(|k| &k.value).collect();
    case_charts(c, idx, &all, None)
}

/// The charts of one facet page (the cases of one position, category or
/// province): every breakdown but the facet's own.
pub fn facet(c: &Content, idx: &Index, d: Dimension, code: &str) -> Vec<Aggregate> {
    let cases: Vec<&CaseRecord> = c
        .cases
        .iter()
        .map(|k| &k.value)
        .filter(|k| match d {
            Dimension::Position => k.position == code,
            Dimension::Category => k.categories.iter().any(|x| x == code),
            Dimension::Region => k.region == code,
            Dimension::Outcome => k.outcome == code,
        })
        .collect();
    if cases.is_empty() {
        return Vec::new();
    }
    case_charts(c, idx, &cases, Some((d, code)))
}

fn count(keys: impl Iterator<Item = Key>) -> Vec<Row> {
    let mut n: BTreeMap<Key, u64> = BTreeMap::new();
    for k in keys {
        *n.entry(k).or_default() += 1;
    }
    let mut rows: Vec<Row> = n
        .into_iter()
        .map(|(key, v)| Row {
            key,
            value: v as f64,
        })
        .collect();
    rows.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.key.cmp(&b.key)));
    rows
}

/// How many cases have each code of `d` (a case may have several
/// categories), most first, as [`count`] orders them. Counted under
/// borrowed codes: a code is copied once per chart, not once per case.
fn count_codes<'a>(d: Dimension, codes: impl Iterator<Item = &'a str>) -> Vec<Row> {
    let mut n: BTreeMap<&str, u64> = BTreeMap::new();
    for code in codes {
        *n.entry(code).or_default() += 1;
    }
    let mut rows: Vec<Row> = n
        .into_iter()
        .map(|(code, v)| Row {
            key: Key::Code(d, code.to_string()),
            value: v as f64,
        })
        .collect();
    rows.sort_by(|a, b| b.value.total_cmp(&a.value).then_with(|| a.key.cmp(&b.key)));
    rows
}

fn case_charts(
    c: &Content,
    idx: &Index,
    cases: &[&CaseRecord],
    facet: Option<(Dimension, &str)>,
) -> Vec<Aggregate> {
    let prefix = match facet {
        None => "kasus".to_string(),
        Some((d, code)) => format!("kasus-{}-{code}", d.key()),
    };
    let skip = facet.map(|(d, _)| d);
    let mut sources: Vec<&str> = cases.iter().map(|k| k.source.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    let sources: Vec<String> = sources.into_iter().map(str::to_string).collect();
    let chart =
        |suffix: &str, kind: Kind, dimension: Option<Dimension>, rows: Vec<Row>| Aggregate {
            id: format!("{prefix}-{suffix}"),
            kind,
            dimension,
            measure: None,
            unit: Unit::Cases,
            rows,
            figures: Vec::new(),
            sources: sources.clone(),
            as_of: cases.iter().map(|k| k.date).max(),
            election: None,
            facet: facet.map(|(d, code)| (d, code.to_string())),
        };
    let mut years = count(cases.iter().map(|k| Key::Year(k.date.year())));
    years.sort_by(|a, b| a.key.cmp(&b.key));
    let mut out = vec![chart("per-tahun", Kind::Cases, None, years)];
    let facets = [
        (Dimension::Position, "per-jabatan"),
        (Dimension::Category, "per-kategori"),
        (Dimension::Region, "per-provinsi"),
    ];
    for (d, suffix) in facets {
        if skip != Some(d) {
            let rows = match d {
                Dimension::Category => count_codes(
                    d,
                    cases
                        .iter()
                        .flat_map(|k| k.categories.iter().map(String::as_str)),
                ),
                Dimension::Region => count_codes(d, cases.iter().map(|k| k.region.as_str())),
                _ => count_codes(d, cases.iter().map(|k| k.position.as_str())),
            };
            out.push(chart(suffix, Kind::Cases, Some(d), rows));
        }
    }
    let mut stages: Vec<(u8, &str)> = c
        .vocab
        .outcomes
        .iter()
        .map(|o| (o.stage, o.code.as_str()))
        .collect();
    stages.sort();
    // The stage each case reached, looked up once per case.
    let reached: Vec<u8> = cases
        .iter()
        .map(|k| {
            idx.outcomes
                .get(&k.outcome)
                .map_or(0, |&i| c.vocab.outcomes[i].stage)
        })
        .collect();
    let funnel = stages
        .iter()
        .map(|&(stage, code)| Row {
            key: Key::Code(Dimension::Outcome, code.to_string()),
            value: reached.iter().filter(|&&r| r >= stage).count() as f64,
        })
        .collect();
    out.push(chart(
        "tindak-lanjut",
        Kind::Funnel,
        Some(Dimension::Outcome),
        funnel,
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_remainder_is_explicit() {
        let c = Content {
            figures: vec![crate::model::Record {
                origin: Default::default(),
                value: serde_yaml::from_str(
                    "id: f\ntitle: {id: F}\nas_of: 2020-07-31\nsource: s\nshares:\n  - by: position\n    of: m\n    parts:\n      - {code: a, percent: 27.6}\n      - {code: b, percent: 25.4}\n      - {code: c, percent: 14.3}\n",
                )
                .unwrap(),
            }],
            ..Default::default()
        };
        let stats = aggregate(&c, &Index::build(&c));
        let share = &stats.charts[0];
        assert_eq!(share.rows.len(), 4);
        assert_eq!(share.rows[3].key, Key::NotPublished);
        assert!(
            (share.rows[3].value - 32.7).abs() < 1e-9,
            "{}",
            share.rows[3].value
        );
    }

    #[test]
    fn templates_see_each_chart_kind_by_its_name() {
        let names: Vec<serde_json::Value> = [
            Kind::ByYear,
            Kind::Share,
            Kind::Funnel,
            Kind::Cases,
            Kind::Map,
        ]
        .iter()
        .map(|k| serde_json::to_value(k).unwrap())
        .collect();
        assert_eq!(names, ["by-year", "share", "funnel", "cases", "map"]);
    }
}
