//! Open-data downloads (`netra::export`) on the shipped content: every CSV
//! and JSON file parses, every official figure of FACTS.md is a row with
//! its source, shares show their unpublished remainder, and the data
//! package describes exactly the CSV files written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{self, Scratch};
use serde_json::Value;

const BASE: &str = "https://netra.example.org/";

type Files = BTreeMap<String, Vec<u8>>;

fn export_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let (content, load_problems) = netra::load::load(dir);
    assert!(load_problems.is_empty(), "{load_problems}");
    let (idx, problems) = netra::validate::validate(&content);
    assert!(problems.is_empty(), "{problems}");
    netra::export::export(&content, &idx, BASE)
}

fn shipped() -> Files {
    let out = export_dir(&common::repo().join("content"));
    let n = out.len();
    let files: Files = out.into_iter().collect();
    assert_eq!(files.len(), n, "a path is exported twice");
    files
}

/// Header and rows of a CSV file, failing on any parse error (including
/// rows of a different length than the header).
fn parse_csv(path: &str, bytes: &[u8]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap_or_else(|e| panic!("{path}: {e}"));
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_string))
                .collect()
        })
        .collect();
    (header, rows)
}

fn json(path: &str, files: &Files) -> Value {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} not exported"));
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn csv_paths(files: &Files) -> BTreeSet<String> {
    files
        .keys()
        .filter(|p| p.ends_with(".csv"))
        .cloned()
        .collect()
}

#[test]
fn exports_every_record_set_as_csv_and_json_under_data() {
    let files = shipped();
    let mut expected = vec!["data/datapackage.json".to_string()];
    for set in [
        "figures",
        "sources",
        "cases",
        "vocab/positions",
        "vocab/categories",
        "vocab/outcomes",
        "vocab/regions",
        "vocab/elections",
        "vocab/measures",
    ] {
        expected.push(format!("data/{set}.csv"));
        expected.push(format!("data/{set}.json"));
    }
    expected.sort();
    let got: Vec<String> = files.keys().cloned().collect();
    assert_eq!(got, expected);

    let out = export_dir(&common::repo().join("content"));
    let paths: Vec<&String> = out.iter().map(|(p, _)| p).collect();
    assert!(paths.is_sorted(), "output not sorted by path: {paths:?}");
}

#[test]
fn every_csv_parses_with_a_header_and_no_bom() {
    let files = shipped();
    for path in csv_paths(&files) {
        let bytes = &files[&path];
        assert!(
            !bytes.starts_with(b"\xEF\xBB\xBF"),
            "{path} starts with a BOM"
        );
        std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"));
        let (header, _) = parse_csv(&path, bytes);
        assert!(!header.is_empty(), "{path} has no header");
        assert!(header.iter().all(|h| !h.is_empty()), "{path}: {header:?}");
    }
}

#[test]
fn every_json_parses() {
    let files = shipped();
    for (path, bytes) in &files {
        if path.ends_with(".json") {
            let v: Value = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(v.is_array() || v.is_object(), "{path}");
        }
    }
    assert_eq!(
        json("data/figures.json", &files).as_array().unwrap().len(),
        4
    );
    assert_eq!(
        json("data/vocab/regions.json", &files)
            .as_array()
            .unwrap()
            .len(),
        38
    );
}

/// (figure id, kind, code or measure, value, source id) for every number
/// of `../shared/FACTS.md`.
const FACTS: [(&str, &str, &str, &str, &str); 14] = [
    (
        "kasn-2018",
        "count",
        "laporan-pengaduan",
        "508",
        "kilas24-2020-03-08",
    ),
    (
        "kasn-2018",
        "count",
        "asn-terlibat",
        "985",
        "kilas24-2020-03-08",
    ),
    (
        "kasn-2019",
        "count",
        "laporan-pengaduan",
        "386",
        "kilas24-2020-03-08",
    ),
    (
        "kasn-2019",
        "count",
        "asn-terlibat",
        "528",
        "kilas24-2020-03-08",
    ),
    (
        "kasn-2020-07-31",
        "count",
        "asn-dilaporkan",
        "456",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-07-31",
        "share",
        "jpt",
        "27.6",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-07-31",
        "share",
        "fungsional",
        "25.4",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-07-31",
        "share",
        "administrator",
        "14.3",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-07-31",
        "share",
        "pendekatan-parpol",
        "21.5",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-07-31",
        "share",
        "kampanye-medsos",
        "21.3",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-07-31",
        "share",
        "keberpihakan-paslon",
        "13.6",
        "tribunnews-2020-08-05",
    ),
    (
        "kasn-2020-10-07",
        "funnel",
        "dilaporkan",
        "694",
        "bawaslu-sukoharjo-2020-10-07",
    ),
    (
        "kasn-2020-10-07",
        "funnel",
        "rekomendasi",
        "492",
        "bawaslu-sukoharjo-2020-10-07",
    ),
    (
        "kasn-2020-10-07",
        "funnel",
        "sanksi",
        "256",
        "bawaslu-sukoharjo-2020-10-07",
    ),
];

fn figure_rows() -> Vec<BTreeMap<String, String>> {
    let files = shipped();
    parse_csv("data/figures.csv", &files["data/figures.csv"]).1
}

#[test]
fn figures_csv_has_every_official_number_with_its_source() {
    let rows = figure_rows();
    for (id, kind, key, value, source) in FACTS {
        let hits: Vec<_> = rows
            .iter()
            .filter(|r| {
                r["figure_id"] == id
                    && r["kind"] == kind
                    && r["value"] == value
                    && (if kind == "count" {
                        r["measure"] == key
                    } else {
                        r["code"] == key
                    })
            })
            .collect();
        assert_eq!(hits.len(), 1, "{id} {kind} {key} = {value}: {hits:?}");
        let r = hits[0];
        assert_eq!(r["source_id"], source, "{r:?}");
        assert!(!r["source_outlet"].is_empty(), "{r:?}");
        assert!(!r["title"].is_empty(), "{r:?}");
        let unit = match (kind, key) {
            ("share", _) => "percent",
            ("count", "laporan-pengaduan") => "reports",
            _ => "people",
        };
        assert_eq!(r["unit"], unit, "{r:?}");
    }

    let count = |id: &str, measure: &str| {
        rows.iter()
            .find(|r| r["figure_id"] == id && r["measure"] == measure && r["kind"] == "count")
            .cloned()
            .unwrap()
    };
    let r = count("kasn-2018", "laporan-pengaduan");
    assert_eq!((r["year"].as_str(), r["as_of"].as_str()), ("2018", ""));
    assert_eq!(r["source_outlet"], "KILAS24.COM");
    assert_eq!(r["source_date"], "2020-03-08");
    let r = count("kasn-2020-07-31", "asn-dilaporkan");
    assert_eq!(
        (r["year"].as_str(), r["as_of"].as_str()),
        ("", "2020-07-31")
    );
    assert_eq!(r["election"], "pilkada-2020");

    let funnel = rows
        .iter()
        .find(|r| r["kind"] == "funnel" && r["code"] == "sanksi")
        .unwrap();
    assert_eq!(funnel["dimension"], "outcome");
    assert_eq!(funnel["measure"], "");

    let leading = rows.iter().find(|r| r["kind"] == "leading").unwrap();
    assert_eq!(leading["figure_id"], "kasn-2020-10-07");
    assert_eq!(
        (leading["dimension"].as_str(), leading["code"].as_str()),
        ("category", "kampanye-medsos")
    );
    assert_eq!(
        (leading["value"].as_str(), leading["unit"].as_str()),
        ("", "")
    );
}

#[test]
fn shares_show_their_unpublished_remainder() {
    let rows = figure_rows();
    let gaps: Vec<(&str, &str, &str)> = rows
        .iter()
        .filter(|r| r["code"] == "not-published")
        .map(|r| {
            assert_eq!(r["kind"], "share");
            assert_eq!(r["unit"], "percent");
            assert_eq!(r["measure"], "asn-dilaporkan");
            assert_eq!(r["source_id"], "tribunnews-2020-08-05");
            (
                r["figure_id"].as_str(),
                r["dimension"].as_str(),
                r["value"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [
            ("kasn-2020-07-31", "position", "32.7"),
            ("kasn-2020-07-31", "category", "43.6"),
        ]
    );

    let files = shipped();
    let figures = json("data/figures.json", &files);
    let f = figures
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "kasn-2020-07-31")
        .unwrap();
    assert_eq!(f["source"], "tribunnews-2020-08-05");
    assert_eq!(f["source_outlet"], "Tribunnews.com");
    assert_eq!(f["source_date"], "2020-08-05");
    let rest: Vec<f64> = f["not_published"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["percent"].as_f64().unwrap())
        .collect();
    assert_eq!(rest, [32.7, 43.6]);
}

#[test]
fn numbers_use_dots_and_dates_are_iso() {
    let files = shipped();
    for path in csv_paths(&files) {
        let (header, rows) = parse_csv(&path, &files[&path]);
        for row in &rows {
            for h in &header {
                let v = &row[h];
                if v.is_empty() {
                    continue;
                }
                if h == "value" || h == "year" || h == "stage" || h == "regions" {
                    assert!(!v.contains(','), "{path} {h}: {v}");
                    v.parse::<f64>()
                        .unwrap_or_else(|e| panic!("{path} {h}: {v}: {e}"));
                }
                if h == "date" || h.ends_with("_date") || h == "as_of" {
                    v.parse::<netra::model::IsoDate>()
                        .unwrap_or_else(|e| panic!("{path} {h}: {e}"));
                }
            }
        }
    }
}

#[test]
fn vocabularies_have_a_label_column_per_language() {
    let files = shipped();
    for name in common::VOCABULARIES {
        let path = format!("data/vocab/{name}.csv");
        let (header, rows) = parse_csv(&path, &files[&path]);
        assert_eq!(header[..3], ["code", "label_id", "label_en"], "{path}");
        assert!(!rows.is_empty(), "{path}");
        assert!(rows.iter().all(|r| !r["label_id"].is_empty()), "{path}");
    }
    let (_, regions) = parse_csv("data/vocab/regions.csv", &files["data/vocab/regions.csv"]);
    assert_eq!(regions.len(), 38);
    assert_eq!(regions[0]["code"], "11");
    assert_eq!(regions[0]["iso"], "ID-AC");
    let (_, positions) = parse_csv(
        "data/vocab/positions.csv",
        &files["data/vocab/positions.csv"],
    );
    let pratama = positions
        .iter()
        .find(|r| r["code"] == "jpt-pratama")
        .unwrap();
    assert_eq!(pratama["parent"], "jpt");
}

#[test]
fn no_cases_gives_a_header_and_an_empty_list() {
    let files = shipped();
    let (header, rows) = parse_csv("data/cases.csv", &files["data/cases.csv"]);
    assert_eq!(header[0], "id");
    assert!(header.contains(&"categories".to_string()));
    assert!(rows.is_empty());
    assert_eq!(json("data/cases.json", &files), Value::Array(Vec::new()));
}

#[test]
fn a_case_is_exported_with_its_categories_joined() {
    let s = Scratch::new();
    s.write(
        "cases/2020-0001.yaml",
        "id: 2020-0001\n\
         date: 2020-09-14\n\
         election: pilkada-2020\n\
         region: \"73\"\n\
         agency: \"Pemerintah Kabupaten Contoh, Sulawesi Selatan\"\n\
         position: jpt-pratama\n\
         categories: [kampanye-medsos, pendekatan-parpol]\n\
         outcome: rekomendasi\n\
         source: tribunnews-2020-08-05\n\
         summary: {id: \"Mengunggah \\\"materi\\\" kampanye.\"}\n",
    );
    let files: Files = export_dir(&s.content()).into_iter().collect();
    let (_, rows) = parse_csv("data/cases.csv", &files["data/cases.csv"]);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["id"], "2020-0001");
    assert_eq!(r["region"], "73");
    assert_eq!(r["agency"], "Pemerintah Kabupaten Contoh, Sulawesi Selatan");
    assert_eq!(r["categories"], "kampanye-medsos;pendekatan-parpol");
    assert_eq!(r["summary_id"], "Mengunggah \"materi\" kampanye.");
    assert_eq!(r["summary_en"], "");
    let cases = json("data/cases.json", &files);
    assert_eq!(cases[0]["id"], "2020-0001");
    assert_eq!(cases[0]["categories"][1], "pendekatan-parpol");
}

#[test]
fn datapackage_describes_exactly_the_csv_files() {
    let files = shipped();
    let pkg = json("data/datapackage.json", &files);
    let name = pkg["name"].as_str().unwrap();
    assert!(name.starts_with("netra-"), "{name}");
    assert!(
        name.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{name}"
    );
    assert!(pkg["title"].as_str().unwrap().starts_with("Netra"));
    assert_eq!(pkg["homepage"], BASE);
    assert!(pkg.get("licenses").is_none(), "no licence is known");

    let resources = pkg["resources"].as_array().unwrap();
    let mut listed = BTreeSet::new();
    let mut names = BTreeSet::new();
    for r in resources {
        let path = r["path"].as_str().unwrap();
        let full = format!("data/{path}");
        assert!(files.contains_key(&full), "{path} is not exported");
        assert!(listed.insert(full.clone()), "{path} listed twice");
        assert!(names.insert(r["name"].as_str().unwrap().to_string()));
        assert_eq!(r["format"], "csv");
        assert_eq!(r["mediatype"], "text/csv");
        assert_eq!(r["encoding"], "utf-8");

        let fields: Vec<&str> = r["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let t = f["type"].as_str().unwrap();
                assert!(["string", "integer", "number", "date"].contains(&t), "{t}");
                assert!(!f["description"].as_str().unwrap().is_empty());
                f["name"].as_str().unwrap()
            })
            .collect();
        let (header, _) = parse_csv(&full, &files[&full]);
        assert_eq!(fields, header, "{path}");

        // Foreign keys point at a resource of the package and a field of it.
        if let Some(fks) = r["schema"]["foreignKeys"].as_array() {
            for fk in fks {
                assert!(header.contains(&fk["fields"].as_str().unwrap().to_string()));
                let target = fk["reference"]["resource"].as_str().unwrap();
                let target = if target.is_empty() {
                    r
                } else {
                    resources.iter().find(|x| x["name"] == target).unwrap()
                };
                let field = fk["reference"]["fields"].as_str().unwrap();
                assert!(
                    target["schema"]["fields"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|f| f["name"] == field)
                );
            }
        }
    }
    assert_eq!(listed, csv_paths(&files));
}

#[test]
fn output_is_identical_across_calls() {
    let a = export_dir(&common::repo().join("content"));
    let b = export_dir(&common::repo().join("content"));
    assert_eq!(a, b);
}
