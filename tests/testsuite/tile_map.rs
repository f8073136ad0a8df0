//! The province tile map, on the shipped content: every `map` chart of
//! `charts.yaml` draws the 38 provinces of `vocab/regions.yaml`, each
//! with the number its figure gives or "not published" (never 0), in the
//! drawing, the table and the CSV of both languages; a broken layout is
//! refused where it is written.

use std::collections::BTreeMap;

use crate::common::{self, Scratch, assert_has, fails_cleanly_each};

/// The provinces of the shipped vocabulary: code → (name id, name en).
fn regions() -> Vec<(String, String, String)> {
    let text =
        std::fs::read_to_string(crate::common::repo().join("content/vocab/regions.yaml")).unwrap();
    let list: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
    list.iter()
        .map(|r| {
            (
                r["code"].as_str().unwrap().to_string(),
                r["label"]["id"].as_str().unwrap().to_string(),
                r["label"]["en"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Each `map` chart of the shipped `charts.yaml`: its id and the counts
/// by province of its figures, as the figure files give them.
fn maps() -> Vec<(String, Vec<String>, BTreeMap<String, u64>)> {
    let repo = crate::common::repo();
    let text = std::fs::read_to_string(repo.join("content/charts.yaml")).unwrap();
    let charts: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).unwrap();
    charts
        .iter()
        .filter(|c| c["kind"].as_str() == Some("map"))
        .map(|c| {
            let figures: Vec<String> = c["figures"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect();
            let mut values = BTreeMap::new();
            for f in &figures {
                let text = std::fs::read_to_string(repo.join(format!("content/figures/{f}.yaml")))
                    .unwrap();
                let fig: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
                for t in fig["tallies"].as_sequence().into_iter().flatten() {
                    if t["by"].as_str() != Some("region") {
                        continue;
                    }
                    for p in t["parts"].as_sequence().unwrap() {
                        values
                            .entry(p["code"].as_str().unwrap().to_string())
                            .or_insert(p["value"].as_u64().unwrap());
                    }
                }
            }
            (c["id"].as_str().unwrap().to_string(), figures, values)
        })
        .collect()
}

/// `v` with thousands grouped by `sep`: `1.234` in id, `1,234` in en.
fn grouped(v: u64, sep: char) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The `data-code`s of the tiles of an SVG, in order.
fn tile_codes(svg: &str) -> Vec<&str> {
    svg.split("<g class=\"tile\" data-code=\"")
        .skip(1)
        .map(|t| &t[..t.find('"').unwrap()])
        .collect()
}

/// The `<title>` of the tile of province `code`.
fn tile_title<'a>(svg: &'a str, code: &str) -> &'a str {
    let at = svg
        .find(&format!("<g class=\"tile\" data-code=\"{code}\"><title>"))
        .unwrap_or_else(|| panic!("no tile {code}"));
    let rest = &svg[at..];
    let open = rest.find("<title>").unwrap() + "<title>".len();
    &rest[open..rest.find("</title>").unwrap()]
}

/// The table row of province `code` in a chart page, as its cells' text.
fn table_row(page: &str, code: &str) -> Vec<String> {
    let at = page
        .find(&format!("<td>{code}</td>"))
        .unwrap_or_else(|| panic!("no table row {code}"));
    let row = &page[at..at + page[at..].find("</tr>").unwrap()];
    row.split('<')
        .filter_map(|p| p.split_once('>').map(|(_, text)| text.trim()))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn every_map_draws_the_38_provinces_with_their_numbers_or_not_published() {
    let s = common::shipped_site();
    let regions = regions();
    assert_eq!(regions.len(), 38);
    let codes: Vec<&str> = regions.iter().map(|r| r.0.as_str()).collect();
    let maps = maps();
    assert!(maps.len() >= 5, "only {} maps", maps.len());
    // (language, chart folder, figure folder, group separator, not published)
    let langs = [
        ("id", "statistik", "angka", '.', "tidak dipublikasikan"),
        ("en", "en/statistics", "en/figures", ',', "not published"),
    ];
    for (id, figures, values) in &maps {
        assert!(!values.is_empty(), "{id}: the figure gives no province");
        assert!(values.len() < 38, "{id}: no province to show unpublished");
        for &(lang, charts, figure_dir, sep, not_published) in &langs {
            let svg = s.page(&format!("{charts}/{id}.svg"));
            let page = s.page(&format!("{charts}/{id}/index.html"));
            let inline = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap()];
            for drawing in [svg.as_str(), inline] {
                assert_eq!(tile_codes(drawing), codes, "{id} ({lang}): tiles");
            }
            // Colours by class in the page, so that dark mode recolours
            // them; the download keeps its own.
            assert!(!inline.contains("fill=\"#"), "{id}: colour in the page");
            assert!(svg.contains("fill=\"#"), "{id}: download without colour");
            for (code, name_id, name_en) in &regions {
                let name = if lang == "id" { name_id } else { name_en };
                let title = tile_title(&svg, code);
                let row = table_row(&page, code);
                assert_eq!(row[..2], [code.clone(), name.clone()], "{id}: row {code}");
                match values.get(code) {
                    Some(&v) => {
                        let v = grouped(v, sep);
                        assert!(
                            title.starts_with(&format!("{code} {name}: {v} ")),
                            "{id} ({lang}): tile {code} says {title:?}"
                        );
                        assert_eq!(row[2], v, "{id} ({lang}): table row {code}");
                    }
                    None => {
                        assert_eq!(
                            title,
                            format!("{code} {name}: {not_published}"),
                            "{id} ({lang}): tile {code}"
                        );
                        assert_eq!(row[2], not_published, "{id} ({lang}): table row {code}");
                    }
                }
            }
            // The figure's page leads to the map; the statistics page lists it.
            for f in figures {
                let fig = s.page(&format!("{figure_dir}/{f}/index.html"));
                assert!(
                    fig.contains(&format!("/#{id}\"")),
                    "{f} ({lang}) does not link to {id}"
                );
            }
            let stats = s.page(&format!("{charts}/index.html"));
            assert!(
                stats.contains(&format!("<li id=\"{id}\"><a href=\"")),
                "{id} not listed on the statistics page ({lang})"
            );
        }
        // The CSV: one row per province, by code; a value only where
        // the figure gives one.
        let mut csv =
            csv::Reader::from_path(s.output().join(format!("statistik/{id}.csv"))).unwrap();
        assert_eq!(
            csv.headers().unwrap(),
            vec!["code", "province", "value", "unit", "not_published"]
        );
        let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 38, "{id}: CSV rows");
        for (row, code) in rows.iter().zip(&codes) {
            assert_eq!(&row[0], *code);
            match values.get(*code) {
                Some(v) => assert_eq!((&row[2], &row[4]), (v.to_string().as_str(), "false")),
                None => assert_eq!((&row[2], &row[4]), ("", "true"), "{id}: {code}"),
            }
        }
    }
}

#[test]
fn a_broken_tile_layout_is_refused_where_it_is_written() {
    let file = "vocab/regions.yaml";
    let text = Scratch::new().read(file);
    // Lines are counted from 1.
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let reports = fails_cleanly_each(&[
        // North Sumatra on Aceh's tile.
        &|s: &Scratch| s.replace(file, "tile: [0, 1]", "tile: [0, 0]"),
        // Riau without one.
        &|s: &Scratch| s.replace(file, "  tile: [1, 1]\n", ""),
        &|s: &Scratch| s.replace(file, "tile: [13, 3]", "tile: [40, 3]"),
    ]);
    assert_has(
        &reports[0],
        &[
            &format!("content/vocab/regions.yaml:{}:", line_of("tile: [0, 1]")),
            "two provinces on one tile",
            "field:    tile",
            "a tile not taken by `11`",
        ],
    );
    assert_has(
        &reports[1],
        &[
            &format!("content/vocab/regions.yaml:{}:", line_of("code: \"14\"")),
            "a province without a tile",
            "field:    tile",
        ],
    );
    assert_has(
        &reports[2],
        &[
            &format!("content/vocab/regions.yaml:{}:", line_of("tile: [13, 3]")),
            "a tile off the map",
            "field:    tile",
            "found:    [40, 3]",
        ],
    );
}
