//! Open data: every record set as CSV and JSON under `data/`, and a
//! Frictionless Data Package (`data/datapackage.json`) describing the CSV
//! files.
//!
//! Each table is defined once, as a list of fields and rows of text; the
//! CSV header and the package's schema are both made from that one list, so
//! they cannot drift apart. CSV is UTF-8 without a byte-order mark, with a
//! header row, RFC 4180 quoting and `\r\n` line ends (the Frictionless
//! default dialect); numbers are plain decimals with `.`, dates are
//! `YYYY-MM-DD`. JSON is serde_json's pretty print of the model's own
//! types. Nothing depends on the clock or on hash order: records keep the
//! order they were loaded in, so the same content gives the same bytes.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::{Content, Dimension, Figure, Index, IsoDate, Localized, Record};

/// First characters with which a spreadsheet would read a text cell as a
/// formula (or, for tab and carriage return, hide one behind them).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as a spreadsheet will show it and never run: one that
/// starts like a formula gets a leading `'`, the mark spreadsheets read as
/// "text follows" (OWASP's advice for CSV injection). Numbers and dates
/// are never passed here, so `-1` stays a number.
pub(crate) fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Folder of every file written here, relative to the output folder.
const DIR: &str = "data";

/// The record sets every site publishes, each as `data/<name>.csv` and
/// `data/<name>.json`. The downloads page lists them from here.
pub const DATASETS: [&str; 13] = [
    "figures",
    "sources",
    "cases",
    "vocab/positions",
    "vocab/categories",
    "vocab/outcomes",
    "vocab/regions",
    "vocab/elections",
    "vocab/measures",
    "vocab/producers",
    "figure-sources",
    "conflicts",
    "corrections",
];

/// Code of the explicit remainder row of a share.
pub const NOT_PUBLISHED: &str = "not-published";

/// Every record set as CSV and JSON, and a Frictionless Data Package
/// describing them, as (output path, bytes), sorted by path.
pub fn export(c: &Content, idx: &Index, base_url: &str) -> Vec<(String, Vec<u8>)> {
    let langs = languages(c);
    let tables = [
        figures_table(c, idx),
        sources_table(c, &langs),
        cases_table(c, &langs),
        positions_table(c, &langs),
        categories_table(c, &langs),
        outcomes_table(c, &langs),
        regions_table(c, &langs),
        elections_table(c, &langs),
        measures_table(c, &langs),
        producers_table(c, &langs),
        figure_sources_table(c),
        conflicts_table(c, &langs),
        corrections_table(c, &langs),
    ];

    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    for t in &tables {
        out.push((format!("{DIR}/{}", t.path), t.csv()));
    }

    debug_assert!(
        tables
            .iter()
            .map(|t| t.path.trim_end_matches(".csv"))
            .eq(DATASETS),
        "one CSV table per dataset, in the order of DATASETS"
    );

    let v = &c.vocab;
    let json = [
        pretty(&figures_json(c, idx)),
        pretty(&values(&c.sources)),
        pretty(&values(&c.cases)),
        pretty(&values(&v.positions)),
        pretty(&values(&v.categories)),
        pretty(&values(&v.outcomes)),
        pretty(&values(&v.regions)),
        pretty(&values(&v.elections)),
        pretty(&values(&v.measures)),
        pretty(&values(&v.producers)),
        // Each figure's sources are in figures.json too; as a table of
        // their own, the rows of the CSV.
        pretty(&tables[10].objects()),
        pretty(&values(&c.conflicts)),
        pretty(&values(&c.corrections)),
    ];
    for (name, bytes) in DATASETS.iter().zip(json) {
        out.push((path(&format!("{name}.json")), bytes));
    }

    out.push((
        path("datapackage.json"),
        pretty(&datapackage(c, base_url, &tables)),
    ));

    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn path(rel: &str) -> String {
    format!("{DIR}/{rel}")
}

/// The site's language codes in `site.yaml` order (the default first).
fn languages(c: &Content) -> Vec<String> {
    let langs: Vec<String> = c.site.languages.iter().map(|l| l.code.clone()).collect();
    if langs.is_empty() {
        vec![c.site.default_lang().to_string()]
    } else {
        langs
    }
}

/// Pretty JSON with a final newline. The model's types and the values built
/// here have string keys only, so serialising cannot fail.
fn pretty<T: Serialize + ?Sized>(v: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).expect("export values serialise to JSON");
    bytes.push(b'\n');
    bytes
}

fn values<T>(records: &[Record<T>]) -> Vec<&T> {
    records.iter().map(|r| &r.value).collect()
}

/// A number as a plain decimal with `.`: `27.6`, `456`, never `1e3` (Rust
/// prints floats without an exponent).
fn number(x: f64) -> String {
    if !x.is_finite() {
        String::new()
    } else if x == 0.0 {
        "0".to_string()
    } else {
        x.to_string()
    }
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or_default().to_string()
}

fn date(d: Option<IsoDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The text of `l` in exactly `lang`: empty when not given (no fallback, so
/// a reader can tell a translation from a copy of the default).
fn text(l: Option<&Localized>, lang: &str) -> String {
    l.and_then(|l| l.0.get(lang)).cloned().unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Tables

#[derive(Clone, Copy)]
enum Type {
    String,
    Integer,
    Number,
    Date,
}

impl Type {
    fn name(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Number => "number",
            Type::Date => "date",
        }
    }
}

struct Field {
    name: String,
    ty: Type,
    description: String,
    /// The only values the field may take (besides empty).
    allowed: Vec<&'static str>,
}

/// A field of the table whose values point at `resource`'s `field`.
struct ForeignKey {
    field: &'static str,
    resource: String,
    reference: &'static str,
}

/// One CSV file: its fields (header and schema), its rows, and how it is
/// described in the data package.
struct Table {
    /// Resource name in the data package.
    name: String,
    /// Path relative to `data/` (and so to `datapackage.json`).
    path: String,
    title: String,
    description: String,
    fields: Vec<Field>,
    rows: Vec<Vec<String>>,
    primary_key: Option<&'static str>,
    foreign_keys: Vec<ForeignKey>,
}

impl Table {
    fn new(name: &str, path: &str, title: &str, description: &str) -> Self {
        Table {
            name: name.to_string(),
            path: path.to_string(),
            title: title.to_string(),
            description: description.to_string(),
            fields: Vec::new(),
            rows: Vec::new(),
            primary_key: None,
            foreign_keys: Vec::new(),
        }
    }

    fn field(&mut self, name: &str, ty: Type, description: &str) -> &mut Self {
        self.fields.push(Field {
            name: name.to_string(),
            ty,
            description: description.to_string(),
            allowed: Vec::new(),
        });
        self
    }

    fn one_of(&mut self, name: &str, allowed: &[&'static str], description: &str) -> &mut Self {
        self.field(name, Type::String, description);
        if let Some(f) = self.fields.last_mut() {
            f.allowed = allowed.to_vec();
        }
        self
    }

    /// One `<name>_<lang>` column per site language.
    fn localized(&mut self, name: &str, what: &str, langs: &[String], required: bool) -> &mut Self {
        for (i, lang) in langs.iter().enumerate() {
            let description = if i == 0 && required {
                format!("{what}, in language `{lang}` (the site's default language)")
            } else if i == 0 {
                format!(
                    "{what}, in language `{lang}` (the site's default language); empty when not given"
                )
            } else {
                format!("{what}, in language `{lang}`; empty when not translated")
            };
            self.field(&format!("{name}_{lang}"), Type::String, &description);
        }
        self
    }

    fn key(&mut self, field: &'static str) -> &mut Self {
        self.primary_key = Some(field);
        self
    }

    fn refers(
        &mut self,
        field: &'static str,
        resource: &str,
        reference: &'static str,
    ) -> &mut Self {
        self.foreign_keys.push(ForeignKey {
            field,
            resource: resource.to_string(),
            reference,
        });
        self
    }

    fn row(&mut self, row: Vec<String>) {
        assert_eq!(
            row.len(),
            self.fields.len(),
            "row of {} does not match its header",
            self.path
        );
        self.rows.push(row);
    }

    /// The rows as JSON objects keyed by field name, every value as text
    /// (as in the CSV).
    fn objects(&self) -> Vec<serde_json::Map<String, serde_json::Value>> {
        self.rows
            .iter()
            .map(|row| {
                self.fields
                    .iter()
                    .zip(row)
                    .map(|(f, v)| (f.name.clone(), serde_json::Value::from(v.as_str())))
                    .collect()
            })
            .collect()
    }

    fn csv(&self) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        // Writing into a Vec cannot fail, and `row` keeps every row as long
        // as the header.
        w.write_record(self.fields.iter().map(|f| f.name.as_str()))
            .expect("CSV header");
        for r in &self.rows {
            let cells = r.iter().zip(&self.fields).map(|(cell, f)| match f.ty {
                Type::String => inert(cell),
                Type::Integer | Type::Number | Type::Date => cell.as_str().into(),
            });
            w.write_record(cells.map(|c| c.into_owned()))
                .expect("CSV row");
        }
        w.into_inner().expect("CSV into bytes")
    }

    fn resource(&self) -> Value {
        let fields: Vec<Value> = self
            .fields
            .iter()
            .map(|f| {
                let mut m = Map::new();
                m.insert("name".into(), json!(f.name));
                m.insert("type".into(), json!(f.ty.name()));
                m.insert("description".into(), json!(f.description));
                if !f.allowed.is_empty() {
                    m.insert("constraints".into(), json!({ "enum": f.allowed }));
                }
                Value::Object(m)
            })
            .collect();
        let mut schema = Map::new();
        schema.insert("fields".into(), Value::Array(fields));
        schema.insert("missingValues".into(), json!([""]));
        if let Some(k) = self.primary_key {
            schema.insert("primaryKey".into(), json!(k));
        }
        if !self.foreign_keys.is_empty() {
            let fks: Vec<Value> = self
                .foreign_keys
                .iter()
                .map(|fk| {
                    json!({
                        "fields": fk.field,
                        "reference": { "resource": fk.resource, "fields": fk.reference },
                    })
                })
                .collect();
            schema.insert("foreignKeys".into(), Value::Array(fks));
        }

        let mut r = Map::new();
        r.insert("profile".into(), json!("tabular-data-resource"));
        r.insert("name".into(), json!(self.name));
        r.insert("path".into(), json!(self.path));
        r.insert("title".into(), json!(self.title));
        r.insert("description".into(), json!(self.description));
        r.insert("format".into(), json!("csv"));
        r.insert("mediatype".into(), json!("text/csv"));
        r.insert("encoding".into(), json!("utf-8"));
        r.insert("schema".into(), Value::Object(schema));
        Value::Object(r)
    }
}

// ---------------------------------------------------------------------------
// Figures

const KINDS: [&str; 6] = ["count", "funnel", "share", "tally", "rate", "leading"];
const DIMENSIONS: [&str; 4] = ["position", "category", "region", "outcome"];
const UNITS: [&str; 4] = ["people", "reports", "cases", "percent"];

/// The cells of one figures.csv row after the figure's own columns.
struct Number<'a> {
    kind: &'static str,
    dimension: Option<Dimension>,
    code: &'a str,
    measure: &'a str,
    value: String,
    unit: &'a str,
    /// For a quoted rate: the stage or measure it is a percentage of.
    rate_of: &'a str,
}

fn figures_table(c: &Content, idx: &Index) -> Table {
    let dl = c.site.default_lang();
    let mut t = Table::new(
        "figures",
        "figures.csv",
        "Official figures",
        "Every number published in the figure snapshots, one row per number (long format). \
         A share whose parts do not add up to 100 % has an extra row with code `not-published` \
         holding the remainder; it is never spread over the published parts.",
    );
    t.field("figure_id", Type::String, "Id of the figure snapshot (one source, one date)")
        .field("title", Type::String, &format!("Title of the snapshot, in language `{dl}`"))
        .field("as_of", Type::Date, "The day the numbers describe; empty for yearly totals and where the source gave no date for the data")
        .field("year", Type::Integer, "The calendar year a yearly total covers; empty for snapshots dated by `as_of`")
        .field("announced", Type::Date, "The day the numbers were made public, when it differs from `as_of`; may be empty")
        .field("producer", Type::String, "Code of the institution that produced the numbers (vocab/producers.csv)")
        .field("revises", Type::String, "Id of the earlier version of the same total that this figure revises; empty for a first version")
        .field("election", Type::String, "Code of the election the numbers are about (vocab/elections.csv); may be empty")
        .one_of("kind", &KINDS, "`count`: a single number of a measure; `funnel`: people at an outcome stage; `share`: a percentage of a measure; `tally`: a count of a measure for one code of `dimension`; `rate`: a percentage the source quoted, of `rate_of`; `leading`: the source names the most frequent code without a number")
        .one_of("dimension", &DIMENSIONS, "Vocabulary `code` belongs to (position, category, region or outcome); empty for counts")
        .field("code", Type::String, "Code within `dimension` (for funnel rows the outcome stage); `not-published` for the unpublished remainder of a share; empty for counts")
        .field("measure", Type::String, "Code of what is counted (vocab/measures.csv): the measure of a count, or the measure a share is a percentage of; empty for funnel and leading rows")
        .field("value", Type::Number, "The number, as published; empty for leading rows")
        .one_of("unit", &UNITS, "`people` (civil servants), `reports`, `cases` (Bawaslu's findings and reports) or `percent`; empty for leading rows. Numbers in different units are never added")
        .field("rate_of", Type::String, "For rate rows: the outcome stage or measure code the percentage is of; empty otherwise")
        .field("source_id", Type::String, "Id of the source that published the number (sources.csv)")
        .field("source_outlet", Type::String, "Outlet or publisher of the source")
        .field("source_date", Type::Date, "Publication date of the source")
        .field("other_sources", Type::String, "Ids of further sources that reported the same numbers (sources.csv), separated by `;`")
        .refers("election", "vocab-elections", "code")
        .refers("producer", "vocab-producers", "code")
        .refers("measure", "vocab-measures", "code")
        .refers("source_id", "sources", "id");

    for f in &c.figures {
        for n in figure_numbers(c, idx, f) {
            let src = idx.sources.get(&f.source).map(|&i| &c.sources[i]);
            t.row(vec![
                f.id.clone(),
                f.title.get(dl, dl).to_string(),
                date(f.as_of),
                f.year.map(|y| y.to_string()).unwrap_or_default(),
                date(f.announced),
                opt(f.producer.as_deref()),
                opt(f.revises.as_deref()),
                opt(f.election.as_deref()),
                n.kind.to_string(),
                n.dimension.map(|d| d.key().to_string()).unwrap_or_default(),
                n.code.to_string(),
                n.measure.to_string(),
                n.value,
                n.unit.to_string(),
                n.rate_of.to_string(),
                f.source.clone(),
                src.map(|s| s.outlet.clone()).unwrap_or_default(),
                date(src.map(|s| s.date)),
                f.other_sources.join(";"),
            ]);
        }
    }
    t
}

/// The numbers of one figure in the order its file lists them: counts,
/// funnel, shares (each followed by its remainder), leading.
fn figure_numbers<'a>(c: &'a Content, idx: &Index, f: &'a Figure) -> Vec<Number<'a>> {
    let mut out = Vec::new();
    for n in &f.counts {
        let unit = idx
            .measures
            .get(&n.measure)
            .map_or("", |&i| c.vocab.measures[i].unit.as_str());
        out.push(Number {
            kind: "count",
            dimension: None,
            code: "",
            measure: &n.measure,
            value: n.value.to_string(),
            unit,
            rate_of: "",
        });
    }
    for s in &f.funnel {
        out.push(Number {
            kind: "funnel",
            dimension: Some(Dimension::Outcome),
            code: &s.stage,
            measure: "",
            value: s.value.to_string(),
            unit: "people",
            rate_of: "",
        });
    }
    for s in &f.shares {
        for p in &s.parts {
            out.push(Number {
                kind: "share",
                dimension: Some(s.by),
                code: &p.code,
                measure: &s.of,
                value: number(p.percent),
                unit: "percent",
                rate_of: "",
            });
        }
        if let Some(rest) = s.not_published() {
            out.push(Number {
                kind: "share",
                dimension: Some(s.by),
                code: NOT_PUBLISHED,
                measure: &s.of,
                value: number(rest),
                unit: "percent",
                rate_of: "",
            });
        }
    }
    for t in &f.tallies {
        let unit = idx
            .measures
            .get(&t.of)
            .map_or("", |&i| c.vocab.measures[i].unit.as_str());
        for p in &t.parts {
            out.push(Number {
                kind: "tally",
                dimension: Some(t.by),
                code: &p.code,
                measure: &t.of,
                value: p.value.to_string(),
                unit,
                rate_of: "",
            });
        }
    }
    for r in &f.rates {
        out.push(Number {
            kind: "rate",
            dimension: None,
            code: &r.part,
            measure: "",
            value: number(r.percent),
            unit: "percent",
            rate_of: &r.of,
        });
    }
    for l in &f.leading {
        out.push(Number {
            kind: "leading",
            dimension: Some(l.by),
            code: &l.code,
            measure: "",
            value: String::new(),
            unit: "",
            rate_of: "",
        });
    }
    out
}

/// A figure as the model serialises it, plus its resolved source and the
/// unpublished remainder of each share.
#[derive(Serialize)]
struct FigureJson<'a> {
    #[serde(flatten)]
    figure: &'a Figure,
    source_outlet: Option<&'a str>,
    source_date: Option<IsoDate>,
    not_published: Vec<Remainder<'a>>,
}

#[derive(Serialize)]
struct Remainder<'a> {
    /// Index of the share in `shares`.
    share: usize,
    by: Dimension,
    of: &'a str,
    percent: f64,
}

fn figures_json<'a>(c: &'a Content, idx: &Index) -> Vec<FigureJson<'a>> {
    c.figures
        .iter()
        .map(|f| {
            let src = idx.sources.get(&f.source).map(|&i| &c.sources[i]);
            let not_published = f
                .shares
                .iter()
                .enumerate()
                .filter_map(|(i, s)| {
                    s.not_published().map(|percent| Remainder {
                        share: i,
                        by: s.by,
                        of: &s.of,
                        percent,
                    })
                })
                .collect();
            FigureJson {
                figure: &f.value,
                source_outlet: src.map(|s| s.outlet.as_str()),
                source_date: src.map(|s| s.date),
                not_published,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Sources and cases

fn sources_table(c: &Content, langs: &[String]) -> Table {
    let mut t = Table::new(
        "sources",
        "sources.csv",
        "Sources",
        "Every report a figure, a case or a press release cites.",
    );
    t.field("id", Type::String, "Stable id that figures and cases cite")
        .field(
            "outlet",
            Type::String,
            "Outlet or publisher, as it names itself",
        )
        .localized("title", "What the report is about", langs, true)
        .field("date", Type::Date, "Publication date")
        .field(
            "place",
            Type::String,
            "Dateline of the report; may be empty",
        )
        .field(
            "url",
            Type::String,
            "Address of the report; empty when the archived copy records none",
        )
        .field(
            "archive",
            Type::String,
            "The archived copy the editors worked from; may be empty",
        )
        .key("id");
    for s in &c.sources {
        let mut row = vec![s.id.clone(), s.outlet.clone()];
        row.extend(langs.iter().map(|l| text(Some(&s.title), l)));
        row.extend([
            s.date.to_string(),
            opt(s.place.as_deref()),
            opt(s.url.as_deref()),
            opt(s.archive.as_deref()),
        ]);
        t.row(row);
    }
    t
}

fn cases_table(c: &Content, langs: &[String]) -> Table {
    let mut t = Table::new(
        "cases",
        "cases.csv",
        "Case records",
        "Anonymised records of reported violations, one per row. They name an agency and a \
         position, never a person.",
    );
    t.field("id", Type::String, "Stable id of the case")
        .field("date", Type::Date, "Day the violation was reported")
        .field(
            "election",
            Type::String,
            "Election code (vocab/elections.csv)",
        )
        .field(
            "region",
            Type::String,
            "Two-digit province code (vocab/regions.csv)",
        )
        .field("agency", Type::String, "Employing agency (instansi)")
        .field(
            "position",
            Type::String,
            "Position code (vocab/positions.csv)",
        )
        .field(
            "categories",
            Type::String,
            "Category codes (vocab/categories.csv), separated by `;`",
        )
        .field(
            "outcome",
            Type::String,
            "Furthest outcome stage reached (vocab/outcomes.csv)",
        )
        .field(
            "source",
            Type::String,
            "Id of the source that published the case (sources.csv)",
        )
        .localized(
            "summary",
            "What happened, without identifying anyone",
            langs,
            false,
        )
        .key("id")
        .refers("election", "vocab-elections", "code")
        .refers("region", "vocab-regions", "code")
        .refers("position", "vocab-positions", "code")
        .refers("outcome", "vocab-outcomes", "code")
        .refers("source", "sources", "id");
    for k in &c.cases {
        let mut row = vec![
            k.id.clone(),
            k.date.to_string(),
            k.election.clone(),
            k.region.clone(),
            k.agency.clone(),
            k.position.clone(),
            k.categories.join(";"),
            k.outcome.clone(),
            k.source.clone(),
        ];
        row.extend(langs.iter().map(|l| text(k.summary.as_ref(), l)));
        t.row(row);
    }
    t
}

// ---------------------------------------------------------------------------
// Vocabularies

fn vocab(name: &str, title: &str, description: &str, langs: &[String]) -> Table {
    let mut t = Table::new(
        &format!("vocab-{name}"),
        &format!("vocab/{name}.csv"),
        title,
        description,
    );
    t.field("code", Type::String, "Code used by figures and cases")
        .localized("label", "Label", langs, true)
        .key("code");
    t
}

fn labels(l: &Localized, langs: &[String]) -> Vec<String> {
    langs.iter().map(|lang| text(Some(l), lang)).collect()
}

fn positions_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "positions",
        "Positions",
        "Positions (jabatan) under UU No. 5/2014; `parent` groups the levels.",
        langs,
    );
    t.localized("short", "Short label for charts", langs, false)
        .field(
            "parent",
            Type::String,
            "Code of the broader position this level belongs to; empty at the top",
        )
        .localized(
            "description",
            "What the position is, with its legal basis",
            langs,
            false,
        )
        .refers("parent", "", "code");
    for p in &c.vocab.positions {
        let mut row = vec![p.code.clone()];
        row.extend(labels(&p.label, langs));
        row.extend(langs.iter().map(|l| text(p.short.as_ref(), l)));
        row.push(opt(p.parent.as_deref()));
        row.extend(langs.iter().map(|l| text(p.description.as_ref(), l)));
        t.row(row);
    }
    t
}

fn categories_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "categories",
        "Violation categories",
        "Categories of neutrality violations named by the sources.",
        langs,
    );
    t.localized("short", "Short label for charts", langs, false)
        .localized("description", "Longer explanation", langs, false);
    for k in &c.vocab.categories {
        let mut row = vec![k.code.clone()];
        row.extend(labels(&k.label, langs));
        row.extend(langs.iter().map(|l| text(k.short.as_ref(), l)));
        row.extend(langs.iter().map(|l| text(k.description.as_ref(), l)));
        t.row(row);
    }
    t
}

fn outcomes_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "outcomes",
        "Outcome stages",
        "Stages a reported case passes through, in order.",
        langs,
    );
    t.field("stage", Type::Integer, "Order of the stage, starting at 1")
        .localized(
            "description",
            "What reaching this stage means",
            langs,
            false,
        );
    for o in &c.vocab.outcomes {
        let mut row = vec![o.code.clone()];
        row.extend(labels(&o.label, langs));
        row.push(o.stage.to_string());
        row.extend(langs.iter().map(|l| text(o.description.as_ref(), l)));
        t.row(row);
    }
    t
}

fn regions_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "regions",
        "Provinces",
        "Provinces of Indonesia, with their Kemendagri and ISO 3166-2 codes.",
        langs,
    );
    if let Some(f) = t.fields.first_mut() {
        f.description = "Two-digit Kemendagri province code, used by cases".to_string();
    }
    t.field("iso", Type::String, "ISO 3166-2 subdivision code");
    for r in &c.vocab.regions {
        let mut row = vec![r.code.clone()];
        row.extend(labels(&r.label, langs));
        row.push(r.iso.clone());
        t.row(row);
    }
    t
}

fn elections_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "elections",
        "Elections",
        "General (Pemilu) and regional (Pilkada) elections.",
        langs,
    );
    t.field("date", Type::Date, "Voting day")
        .one_of(
            "kind",
            &["pilkada", "pemilu"],
            "`pilkada` (regional) or `pemilu` (general)",
        )
        .field(
            "regions",
            Type::Integer,
            "Number of regions that voted; empty when not certain",
        )
        .localized("note", "What a reader should know", langs, false);
    for e in &c.vocab.elections {
        let mut row = vec![e.code.clone()];
        row.extend(labels(&e.label, langs));
        row.extend([
            e.date.to_string(),
            e.kind.clone(),
            e.regions.map(|n| n.to_string()).unwrap_or_default(),
        ]);
        row.extend(langs.iter().map(|l| text(e.note.as_ref(), l)));
        t.row(row);
    }
    t
}

fn measures_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "measures",
        "Measures",
        "What a count counts, and in which unit.",
        langs,
    );
    t.one_of("unit", &["people", "reports"], "`people` or `reports`");
    for m in &c.vocab.measures {
        let mut row = vec![m.code.clone()];
        row.extend(labels(&m.label, langs));
        row.push(m.unit.clone());
        t.row(row);
    }
    t
}

fn producers_table(c: &Content, langs: &[String]) -> Table {
    let mut t = vocab(
        "producers",
        "Producers",
        "Institutions that produced the figures, the unit each counts and the period in which it held its role.",
        langs,
    );
    t.localized("short", "Short label", langs, false)
        .one_of(
            "unit",
            &["people", "cases"],
            "`people` (civil servants: KASN, BKN, Kemendagri) or `cases` (Bawaslu); the two are never added",
        )
        .field(
            "from",
            Type::String,
            "When the role began, as precisely as known (`2014`, `2024-09`, `2024-08-23`); may be empty",
        )
        .field(
            "until",
            Type::String,
            "When the role ended, as precisely as known; empty while it lasts",
        )
        .localized("role", "The role and what the producer published", langs, true)
        .field(
            "sources",
            Type::String,
            "Ids of the sources for the period and the role (sources.csv), separated by `;`",
        );
    for p in &c.vocab.producers {
        let mut row = vec![p.code.clone()];
        row.extend(labels(&p.label, langs));
        row.extend(langs.iter().map(|l| text(p.short.as_ref(), l)));
        row.extend([
            p.unit.clone(),
            opt(p.from.as_deref()),
            opt(p.until.as_deref()),
        ]);
        row.extend(labels(&p.role, langs));
        row.push(p.sources.join(";"));
        t.row(row);
    }
    t
}

fn figure_sources_table(c: &Content) -> Table {
    let mut t = Table::new(
        "figure-sources",
        "figure-sources.csv",
        "Sources of each figure",
        "Every outlet that reported a figure's numbers, one row per figure and source: the first \
         source the numbers are taken from, then the others.",
    );
    t.field("figure_id", Type::String, "Id of the figure (figures.csv)")
        .field("source_id", Type::String, "Id of the source (sources.csv)")
        .one_of(
            "role",
            &["first", "other"],
            "`first`: the report the numbers are taken from; `other`: a further report of them",
        )
        .refers("source_id", "sources", "id");
    for f in &c.figures {
        t.row(vec![f.id.clone(), f.source.clone(), "first".to_string()]);
        for s in &f.other_sources {
            t.row(vec![f.id.clone(), s.clone(), "other".to_string()]);
        }
    }
    t
}

fn conflicts_table(c: &Content, langs: &[String]) -> Table {
    let mut t = Table::new(
        "conflicts",
        "conflicts.csv",
        "Conflicts between sources",
        "Where sources disagree about a figure's value, label, date, version or sum: one row per \
         claim, every claim kept with its source. Nothing is resolved silently.",
    );
    t.field("conflict_id", Type::String, "Id of the conflict")
        .one_of(
            "kind",
            &["value", "label", "date", "version", "producer", "sum"],
            "What the sources disagree about",
        )
        .localized("title", "What the conflict is about", langs, true)
        .field(
            "figures",
            Type::String,
            "Ids of the figures concerned (figures.csv), separated by `;`",
        )
        .field(
            "claim",
            Type::Integer,
            "Number of the claim within the conflict, from 1",
        )
        .field(
            "source_id",
            Type::String,
            "Id of the source making the claim (sources.csv)",
        )
        .field(
            "figure_id",
            Type::String,
            "Id of the figure holding this claim's numbers; may be empty",
        )
        .field(
            "value",
            Type::Number,
            "The number the source gives, as published; may be empty",
        )
        .field(
            "as_of",
            Type::Date,
            "The date the source gives for the data, where dates are at issue; may be empty",
        )
        .localized("says", "What the source says", langs, true)
        .localized("note", "Why the difference matters", langs, true)
        .refers("source_id", "sources", "id");
    for k in &c.conflicts {
        for (i, claim) in k.claims.iter().enumerate() {
            let mut row = vec![k.id.clone(), k.kind.clone()];
            row.extend(labels(&k.title, langs));
            row.extend([
                k.figures.join(";"),
                (i + 1).to_string(),
                claim.source.clone(),
                opt(claim.figure.as_deref()),
                claim.value.map(number).unwrap_or_default(),
                date(claim.as_of),
            ]);
            row.extend(labels(&claim.says, langs));
            row.extend(labels(&k.note, langs));
            t.row(row);
        }
    }
    t
}

fn corrections_table(c: &Content, langs: &[String]) -> Table {
    let mut t = Table::new(
        "corrections",
        "corrections.csv",
        "Corrections",
        "Every correction of a published figure: when, which field, the old and the new value, and why.",
    );
    t.field("id", Type::String, "Stable id of the correction")
        .field("date", Type::Date, "Day the correction was published")
        .field(
            "figure_id",
            Type::String,
            "Id of the corrected figure (figures.csv)",
        )
        .field(
            "field",
            Type::String,
            "The field of the figure that changed",
        )
        .localized("old", "The value before the correction", langs, true)
        .localized("new", "The value after the correction", langs, true)
        .localized("reason", "Why it was corrected", langs, true)
        .field(
            "conflict",
            Type::String,
            "Id of the conflict that explains it (conflicts.csv); may be empty",
        )
        .field(
            "sources",
            Type::String,
            "Ids of the sources for the correction (sources.csv), separated by `;`",
        )
        .key("id");
    for k in &c.corrections {
        let mut row = vec![
            k.id.clone(),
            k.date.to_string(),
            k.figure.clone(),
            k.field.clone(),
        ];
        row.extend(labels(&k.old, langs));
        row.extend(labels(&k.new, langs));
        row.extend(labels(&k.reason, langs));
        row.extend([opt(k.conflict.as_deref()), k.sources.join(";")]);
        t.row(row);
    }
    t
}

// ---------------------------------------------------------------------------
// Data package

/// `netra-` and the host and path of the site's own base URL, as a slug
/// (`https://netra.example.org/` → `netra-example-org`, without repeating a
/// leading `netra`). Taken from `site.yaml`, not from a `--base-url`
/// override, so a preview build names the package as the real site does.
fn package_name(c: &Content, base_url: &str) -> String {
    let url = if c.site.base_url.is_empty() {
        base_url
    } else {
        &c.site.base_url
    };
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let mut slug = String::new();
    for ch in rest.chars().map(|ch| ch.to_ascii_lowercase()) {
        if ch.is_ascii_alphanumeric() {
            slug.push(ch);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = slug.strip_prefix("netra-").unwrap_or(slug);
    if slug.is_empty() || slug == "netra" {
        "netra-data".to_string()
    } else {
        format!("netra-{slug}")
    }
}

fn datapackage(c: &Content, base_url: &str, tables: &[Table]) -> Value {
    let dl = c.site.default_lang();
    let mut p = Map::new();
    p.insert("profile".into(), json!("tabular-data-package"));
    p.insert("name".into(), json!(package_name(c, base_url)));
    p.insert("title".into(), json!(c.site.title.get(dl, dl)));
    let description = c.site.description.get(dl, dl);
    if !description.is_empty() {
        p.insert("description".into(), json!(description));
    }
    if !base_url.is_empty() {
        p.insert("homepage".into(), json!(base_url));
    }
    let publisher = c.site.publisher.get(dl, dl);
    if !publisher.is_empty() {
        p.insert(
            "contributors".into(),
            json!([{ "title": publisher, "role": "publisher" }]),
        );
    }
    p.insert(
        "resources".into(),
        Value::Array(tables.iter().map(Table::resource).collect()),
    );
    Value::Object(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text that looks like a formula is made inert; a number, even a
    /// negative one, is written as it is.
    #[test]
    fn only_text_cells_are_made_inert() {
        let mut t = Table::new("t", "t.csv", "T", "T");
        t.field("text", Type::String, "")
            .field("n", Type::Number, "")
            .field("d", Type::Date, "");
        t.row(vec!["-1".into(), "-1".into(), "2020-01-01".into()]);
        t.row(vec!["=1+1".into(), "-0.5".into(), String::new()]);
        t.row(vec!["a=b".into(), "3".into(), String::new()]);
        let csv = String::from_utf8(t.csv()).unwrap();
        assert_eq!(
            csv,
            "text,n,d\r\n'-1,-1,2020-01-01\r\n'=1+1,-0.5,\r\na=b,3,\r\n"
        );
    }
}
