//! The case sheet: one row per case, one column per field.

use std::collections::{BTreeMap, HashMap};

use super::{Column, Cx, Draft, Vocab, localized_yaml, scalar};
use crate::model::{CaseRecord, Content, IsoDate, Origin, Record};
use crate::problem::FieldPath;

/// The columns of a case sheet, English name first.
pub(crate) const COLUMNS: &[Column] = &[
    col(
        "id",
        &["id", "nomor", "no", "nomor kasus", "no kasus"],
        true,
    ),
    col("date", &["date", "tanggal", "tanggal laporan", "tgl"], true),
    col(
        "election",
        &["election", "pemilihan", "pemilu", "pilkada"],
        true,
    ),
    col("region", &["region", "provinsi", "wilayah"], true),
    col("agency", &["agency", "instansi"], true),
    col("position", &["position", "jabatan"], true),
    col(
        "categories",
        &["categories", "kategori", "category", "jenis pelanggaran"],
        true,
    ),
    col(
        "outcome",
        &["outcome", "hasil", "tindak lanjut", "status"],
        true,
    ),
    col("source", &["source", "sumber"], true),
    Column {
        field: "summary",
        names: &["summary", "ringkasan"],
        required: false,
        localized: true,
    },
];

const fn col(field: &'static str, names: &'static [&'static str], required: bool) -> Column {
    Column {
        field,
        names,
        required,
        localized: false,
    }
}

/// Turns every row into a case record, put into `content` in place of the
/// record of the same id, and returns what to write.
pub(crate) fn convert(cx: &mut Cx, v: &Vocab, content: &mut Content) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let rows: Vec<usize> = cx.data_rows().collect();
    for row in rows {
        let id = cx.required(row, "id");
        let date = cx.date(row, "date", true);
        let election = cx.code(row, "election", &v.elections, true);
        let region = cx.code(row, "region", &v.regions, true);
        let agency = cx.required(row, "agency");
        let position = cx.code(row, "position", &v.positions, true);
        let categories: Vec<String> = cx
            .required(row, "categories")
            .map(|t| {
                t.split([';', '\n'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .filter_map(|c| cx.resolve(row, "categories", c, &v.categories))
                    .collect()
            })
            .unwrap_or_default();
        let outcome = cx.code(row, "outcome", &v.outcomes, true);
        let source = cx.code(row, "source", &v.sources, true);
        let summary = cx.localized(row, "summary");
        let Some(id) = id else { continue };
        if let Some(first) = seen.get(&id) {
            let first_row = *first as u32 + 1;
            cx.report(row, "id", super::Msg::DuplicateId { id, first_row });
            continue;
        }
        seen.insert(id.clone(), row);
        let case = CaseRecord {
            id: id.clone(),
            // Stand-ins for what is already reported, so the rules can
            // still look at the rest of the row.
            date: date.unwrap_or(IsoDate(jiff::civil::date(2000, 1, 1))),
            election: election.unwrap_or_default(),
            region: region.unwrap_or_default(),
            agency: agency.unwrap_or_default(),
            position: position.unwrap_or_default(),
            categories,
            outcome: outcome.unwrap_or_default(),
            source: source.unwrap_or_default(),
            summary,
            draft: false,
            publish_at: None,
        };
        let file = format!("cases/{id}.yaml");
        let mut cells = BTreeMap::new();
        cells.insert(FieldPath::root(), (row, None));
        for c in COLUMNS.iter().filter(|c| !c.localized) {
            cells.insert(FieldPath::root().key(c.field), (row, cx.column(c.field)));
        }
        cx.localized_cells(row, "summary", &mut cells);
        drafts.push(Draft {
            yaml: yaml(&case, cx.langs),
            file: file.clone(),
            cells,
            rows: vec![row],
        });
        content.cases.retain(|c| *c.origin.file != *file);
        content.cases.push(Record {
            origin: Origin::file(file),
            value: case,
        });
    }
    drafts
}

/// The record as an editor would write it by hand.
fn yaml(c: &CaseRecord, langs: &[String]) -> String {
    let mut out = String::new();
    out.push_str(&format!("id: {}\n", scalar(&c.id)));
    out.push_str(&format!("date: {}\n", c.date));
    out.push_str(&format!("election: {}\n", scalar(&c.election)));
    // Always quoted: a region code is digits, and must stay a string.
    out.push_str(&format!(
        "region: {}\n",
        serde_json::to_string(&c.region).unwrap_or_default()
    ));
    out.push_str(&format!(
        "agency: {}\n",
        serde_json::to_string(&c.agency).unwrap_or_default()
    ));
    out.push_str(&format!("position: {}\n", scalar(&c.position)));
    let cats: Vec<String> = c.categories.iter().map(|c| scalar(c)).collect();
    out.push_str(&format!("categories: [{}]\n", cats.join(", ")));
    out.push_str(&format!("outcome: {}\n", scalar(&c.outcome)));
    out.push_str(&format!("source: {}\n", scalar(&c.source)));
    if let Some(s) = &c.summary {
        localized_yaml(&mut out, "summary", s, langs, "");
    }
    out
}
