//! The figure sheet, in long form: one row per published number, the
//! figure's own fields (id, title, date, source) repeated on each of its
//! rows or written on its first row only.

use std::collections::{BTreeMap, HashMap};

use super::{Column, Cx, Draft, Msg, Vocab, localized_yaml, percent, scalar, whole};
use crate::model::{
    Content, Count, Dimension, Figure, FunnelStep, Leading, Localized, Origin, Record, Share,
    SharePart,
};
use crate::problem::FieldPath;

pub(crate) const COLUMNS: &[Column] = &[
    col("id", &["id", "id angka", "kode angka"], true),
    loc("title", &["title", "judul"], true),
    col("as_of", &["as of", "per tanggal", "tanggal data"], false),
    col("year", &["year", "tahun"], false),
    col(
        "announced",
        &["announced", "diumumkan", "tanggal umum"],
        false,
    ),
    col("producer", &["producer", "produsen", "lembaga"], false),
    col(
        "election",
        &["election", "pemilihan", "pemilu", "pilkada"],
        false,
    ),
    col("source", &["source", "sumber"], true),
    col(
        "compiled_by",
        &["compiled by", "dihimpun oleh", "penghimpun"],
        false,
    ),
    loc("note", &["note", "catatan"], false),
    col("kind", &["kind", "jenis"], true),
    col("by", &["by", "menurut", "rincian"], false),
    col("of", &["of", "dari"], false),
    col("code", &["code", "kode"], true),
    col("value", &["value", "nilai"], true),
];

const fn col(field: &'static str, names: &'static [&'static str], required: bool) -> Column {
    Column {
        field,
        names,
        required,
        localized: false,
    }
}

const fn loc(field: &'static str, names: &'static [&'static str], required: bool) -> Column {
    Column {
        field,
        names,
        required,
        localized: true,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Number {
    Count,
    Funnel,
    Share,
    Leading,
}

fn number_kind(t: &str) -> Option<Number> {
    Some(match t.trim().to_lowercase().as_str() {
        "count" | "counts" | "jumlah" => Number::Count,
        "funnel" | "tahapan" | "tahap" => Number::Funnel,
        "share" | "shares" | "porsi" | "persentase" => Number::Share,
        "leading" | "terbanyak" => Number::Leading,
        _ => return None,
    })
}

fn dimension(t: &str) -> Option<Dimension> {
    Some(match t.trim().to_lowercase().as_str() {
        "position" | "jabatan" => Dimension::Position,
        "category" | "kategori" | "jenis pelanggaran" => Dimension::Category,
        "region" | "provinsi" | "wilayah" => Dimension::Region,
        "outcome" | "hasil" | "tindak lanjut" => Dimension::Outcome,
        _ => return None,
    })
}

/// The fields of a figure written once for all its rows (besides its
/// title and note, given per language).
const FIGURE_FIELDS: [&str; 7] = [
    "as_of",
    "year",
    "announced",
    "producer",
    "election",
    "source",
    "compiled_by",
];

/// The parts of one share (by, of), each with its row.
type ShareRows = ((Dimension, String), Vec<(SharePart, usize)>);

/// One figure as its rows are read.
struct Acc {
    id: String,
    rows: Vec<usize>,
    /// Field → the first row giving it, and its text there.
    given: BTreeMap<String, (usize, String)>,
    counts: Vec<(Count, usize)>,
    funnel: Vec<(FunnelStep, usize)>,
    /// (by, of) → parts with their rows.
    shares: Vec<ShareRows>,
    leading: Vec<(Leading, usize)>,
}

pub(crate) fn convert(cx: &mut Cx, v: &Vocab, content: &mut Content) -> Vec<Draft> {
    let mut figures: Vec<Acc> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let rows: Vec<usize> = cx.data_rows().collect();
    let mut fields: Vec<String> = FIGURE_FIELDS.iter().map(|f| f.to_string()).collect();
    for l in cx.langs {
        fields.push(format!("title.{l}"));
        fields.push(format!("note.{l}"));
    }
    for row in rows {
        let Some(id) = cx.required(row, "id") else {
            continue;
        };
        let i = *index.entry(id.clone()).or_insert_with(|| {
            figures.push(Acc {
                id,
                rows: Vec::new(),
                given: BTreeMap::new(),
                counts: Vec::new(),
                funnel: Vec::new(),
                shares: Vec::new(),
                leading: Vec::new(),
            });
            figures.len() - 1
        });
        let f = &mut figures[i];
        f.rows.push(row);
        for field in &fields {
            let Some(text) = cx.text(row, field) else {
                continue;
            };
            match f.given.get(field) {
                Some((first_row, first)) if *first != text => {
                    let (column, first_row, first) =
                        (cx.header(field), *first_row as u32 + 1, first.clone());
                    cx.report(
                        row,
                        field,
                        Msg::Conflict {
                            column,
                            first_row,
                            first,
                        },
                    );
                }
                Some(_) => {}
                None => {
                    f.given.insert(field.clone(), (row, text));
                }
            }
        }
        let Some(kind_text) = cx.required(row, "kind") else {
            continue;
        };
        let Some(kind) = number_kind(&kind_text) else {
            cx.report(row, "kind", Msg::UnknownKind { text: kind_text });
            continue;
        };
        let value_cell = cx.cell(row, "value");
        match kind {
            Number::Count | Number::Funnel => {
                let codes = if kind == Number::Count {
                    &v.measures
                } else {
                    &v.outcomes
                };
                let code = cx.code(row, "code", codes, true).unwrap_or_default();
                let n = value(cx, row, value_cell, &kind_text, whole).unwrap_or(0);
                let f = &mut figures[i];
                if kind == Number::Count {
                    f.counts.push((
                        Count {
                            measure: code,
                            value: n,
                        },
                        row,
                    ));
                } else {
                    f.funnel.push((
                        FunnelStep {
                            stage: code,
                            value: n,
                        },
                        row,
                    ));
                }
            }
            Number::Share | Number::Leading => {
                let by = match cx.text(row, "by") {
                    None => {
                        let column = cx.header("by");
                        cx.report(
                            row,
                            "by",
                            Msg::NeededFor {
                                column,
                                kind: kind_text.clone(),
                            },
                        );
                        None
                    }
                    Some(t) => match dimension(&t) {
                        Some(d) => Some(d),
                        None => {
                            let column = cx.header("by");
                            let allowed = Dimension::ALL
                                .iter()
                                .map(|d| super::Choice {
                                    code: d.key().to_string(),
                                    label: by_label(*d).to_string(),
                                })
                                .collect();
                            cx.report(
                                row,
                                "by",
                                Msg::UnknownCode {
                                    column,
                                    value: t,
                                    allowed,
                                },
                            );
                            None
                        }
                    },
                };
                let code = match by {
                    Some(d) => cx
                        .code(row, "code", v.dimension(d), true)
                        .unwrap_or_default(),
                    None => cx.required(row, "code").unwrap_or_default(),
                };
                let by = by.unwrap_or(Dimension::Position);
                if kind == Number::Leading {
                    figures[i].leading.push((Leading { by, code }, row));
                    continue;
                }
                let of = match cx.text(row, "of") {
                    Some(t) => cx.resolve(row, "of", &t, &v.measures).unwrap_or_default(),
                    None => {
                        let column = cx.header("of");
                        cx.report(
                            row,
                            "of",
                            Msg::NeededFor {
                                column,
                                kind: kind_text.clone(),
                            },
                        );
                        String::new()
                    }
                };
                let p = value(cx, row, value_cell, &kind_text, percent).unwrap_or(0.0);
                let part = (SharePart { code, percent: p }, row);
                let f = &mut figures[i];
                match f.shares.iter_mut().find(|(k, _)| *k == (by, of.clone())) {
                    Some((_, parts)) => parts.push(part),
                    None => f.shares.push(((by, of), vec![part])),
                }
            }
        }
    }
    let mut drafts = Vec::new();
    for f in figures {
        drafts.push(finish(cx, v, f, content));
    }
    drafts
}

/// The number of a row, reported when missing or unreadable.
fn value<T>(
    cx: &mut Cx,
    row: usize,
    cell: Option<&super::sheet::Cell>,
    kind: &str,
    convert: fn(&super::sheet::Cell) -> Result<T, Msg>,
) -> Option<T> {
    let Some(cell) = cell else {
        let column = cx.header("value");
        cx.report(
            row,
            "value",
            Msg::NeededFor {
                column,
                kind: kind.to_string(),
            },
        );
        return None;
    };
    convert(cell).map_err(|m| cx.report(row, "value", m)).ok()
}

fn by_label(d: Dimension) -> &'static str {
    match d {
        Dimension::Position => "jabatan",
        Dimension::Category => "kategori",
        Dimension::Region => "provinsi",
        Dimension::Outcome => "hasil",
    }
}

/// The figure from its rows, put into `content`, and its file.
fn finish(cx: &mut Cx, v: &Vocab, f: Acc, content: &mut Content) -> Draft {
    let first = f.rows[0];
    // The row where a figure field was given (its first row if nowhere).
    let at = |field: &str| f.given.get(field).map_or(first, |(r, _)| *r);
    let localized = |prefix: &str| {
        let map: BTreeMap<String, String> = f
            .given
            .iter()
            .filter_map(|(k, (_, t))| Some((k.strip_prefix(prefix)?.to_string(), t.clone())))
            .collect();
        Localized(map)
    };
    let title = localized("title.");
    let note = localized("note.");
    let as_of = f
        .given
        .contains_key("as_of")
        .then(|| cx.date(at("as_of"), "as_of", false))
        .flatten();
    let announced = f
        .given
        .contains_key("announced")
        .then(|| cx.date(at("announced"), "announced", false))
        .flatten();
    let year = f.given.get("year").and_then(|(row, _)| {
        let cell = cx.cell(*row, "year")?;
        match whole(cell).ok().and_then(|y| i16::try_from(y).ok()) {
            Some(y) => Some(y),
            None => {
                let text = super::display(cell);
                cx.report(*row, "year", Msg::NotAWholeNumber { text });
                None
            }
        }
    });
    let election = f
        .given
        .get("election")
        .and_then(|(row, t)| cx.resolve(*row, "election", t, &v.elections));
    let source = match f.given.get("source") {
        Some((row, t)) => cx
            .resolve(*row, "source", t, &v.sources)
            .unwrap_or_default(),
        None => {
            let column = cx.header("source");
            cx.report(first, "source", Msg::Missing { column });
            String::new()
        }
    };
    if title.0.is_empty() {
        let column = cx.header(&format!("title.{}", cx.langs[0]));
        cx.report(
            first,
            &format!("title.{}", cx.langs[0]),
            Msg::Missing { column },
        );
    }
    let figure = Figure {
        id: f.id.clone(),
        title,
        as_of,
        year,
        election,
        announced,
        producer: f.given.get("producer").map(|(_, t)| t.clone()),
        source,
        other_sources: Vec::new(),
        revises: None,
        compiled_by: f.given.get("compiled_by").map(|(_, t)| t.clone()),
        counts: f.counts.iter().map(|(c, _)| c.clone()).collect(),
        funnel: f.funnel.iter().map(|(s, _)| s.clone()).collect(),
        shares: f
            .shares
            .iter()
            .map(|((by, of), parts)| Share {
                by: *by,
                of: of.clone(),
                parts: parts.iter().map(|(p, _)| p.clone()).collect(),
            })
            .collect(),
        leading: f.leading.iter().map(|(l, _)| l.clone()).collect(),
        tallies: Vec::new(),
        rates: Vec::new(),
        note: (!note.0.is_empty()).then_some(note),
        draft: false,
        publish_at: None,
    };
    let root = FieldPath::root;
    let mut cells = BTreeMap::new();
    cells.insert(root(), (first, None));
    for field in [
        "id",
        "as_of",
        "year",
        "announced",
        "producer",
        "election",
        "source",
        "compiled_by",
    ] {
        cells.insert(root().key(field), (at(field), cx.column(field)));
    }
    for field in ["title", "note"] {
        let l0 = format!("{field}.{}", cx.langs[0]);
        cells.insert(root().key(field), (at(&l0), cx.column(&l0)));
        for l in cx.langs {
            let k = format!("{field}.{l}");
            cells.insert(root().key(field).key(l.as_str()), (at(&k), cx.column(&k)));
        }
    }
    let (code, value) = (cx.column("code"), cx.column("value"));
    for (list, rows, sub) in [
        (
            "counts",
            f.counts.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
            "measure",
        ),
        (
            "funnel",
            f.funnel.iter().map(|(_, r)| *r).collect(),
            "stage",
        ),
        (
            "leading",
            f.leading.iter().map(|(_, r)| *r).collect(),
            "code",
        ),
    ] {
        for (i, r) in rows.into_iter().enumerate() {
            let at = root().key(list).index(i);
            cells.insert(at.clone(), (r, code));
            cells.insert(at.clone().key(sub), (r, code));
            cells.insert(at.key("value"), (r, value));
        }
    }
    for (i, (_, parts)) in f.shares.iter().enumerate() {
        let at = root().key("shares").index(i);
        cells.insert(at.clone(), (parts[0].1, code));
        cells.insert(at.clone().key("of"), (parts[0].1, cx.column("of")));
        cells.insert(at.clone().key("parts"), (parts[0].1, value));
        for (j, (_, r)) in parts.iter().enumerate() {
            let pat = at.clone().key("parts").index(j);
            cells.insert(pat.clone(), (*r, code));
            cells.insert(pat.clone().key("code"), (*r, code));
            cells.insert(pat.key("percent"), (*r, value));
        }
    }
    let file = format!("figures/{}.yaml", f.id);
    let draft = Draft {
        yaml: yaml(&figure, cx.langs),
        file: file.clone(),
        cells,
        rows: f.rows,
    };
    content.figures.retain(|r| *r.origin.file != *file);
    content.figures.push(Record {
        origin: Origin::file(file),
        value: figure,
    });
    draft
}

/// The figure as an editor would write it by hand.
fn yaml(f: &Figure, langs: &[String]) -> String {
    let mut out = format!("id: {}\n", scalar(&f.id));
    localized_yaml(&mut out, "title", &f.title, langs, "");
    if let Some(d) = f.as_of {
        out.push_str(&format!("as_of: {d}\n"));
    }
    if let Some(y) = f.year {
        out.push_str(&format!("year: {y}\n"));
    }
    if let Some(d) = f.announced {
        out.push_str(&format!("announced: {d}\n"));
    }
    if let Some(e) = &f.election {
        out.push_str(&format!("election: {}\n", scalar(e)));
    }
    if let Some(p) = &f.producer {
        out.push_str(&format!("producer: {}\n", scalar(p)));
    }
    out.push_str(&format!("source: {}\n", scalar(&f.source)));
    if let Some(c) = &f.compiled_by {
        out.push_str(&format!(
            "compiled_by: {}\n",
            serde_json::to_string(c).unwrap_or_default()
        ));
    }
    coded_values(
        &mut out,
        "counts",
        "measure",
        f.counts.iter().map(|c| (c.measure.as_str(), c.value)),
    );
    coded_values(
        &mut out,
        "funnel",
        "stage",
        f.funnel.iter().map(|s| (s.stage.as_str(), s.value)),
    );
    if !f.shares.is_empty() {
        out.push_str("shares:\n");
        for s in &f.shares {
            out.push_str(&format!(
                "  - by: {}\n    of: {}\n    parts:\n",
                s.by.key(),
                scalar(&s.of)
            ));
            for p in &s.parts {
                out.push_str(&format!(
                    "      - code: {}\n        percent: {:?}\n",
                    scalar(&p.code),
                    p.percent
                ));
            }
        }
    }
    if !f.leading.is_empty() {
        out.push_str("leading:\n");
        for l in &f.leading {
            out.push_str(&format!(
                "  - by: {}\n    code: {}\n",
                l.by.key(),
                scalar(&l.code)
            ));
        }
    }
    if let Some(n) = &f.note {
        localized_yaml(&mut out, "note", n, langs, "");
    }
    out
}

/// A list of `{<key>: code, value: n}` under `name`, nothing when empty:
/// a figure's counts and its funnel are written alike.
fn coded_values<'a>(
    out: &mut String,
    name: &str,
    key: &str,
    items: impl Iterator<Item = (&'a str, u64)>,
) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    out.push_str(&format!("{name}:\n"));
    for (code, value) in items {
        out.push_str(&format!(
            "  - {key}: {}\n    value: {value}\n",
            scalar(code)
        ));
    }
}
