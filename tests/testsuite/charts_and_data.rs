//! Charts journalists can trust: the drawing, the table and the CSV of a
//! chart hold the same numbers; every chart has a page to embed, a
//! citation and its source; facet pages say what is known and from when.

use crate::common::{self, Scratch};

/// The `<figure>` of chart `id` in a page.
fn chart_block<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<figure class=\"chart\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = page[start..].find("</figure>").unwrap() + start;
    &page[start..end]
}

/// Numbers as the English pages print them: `1,234`, `27.6%`.
fn parse_en(s: &str) -> f64 {
    s.trim()
        .trim_end_matches('%')
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// Numbers as the Indonesian drawing prints them: `1.234`, `27,6 %`,
/// `492 (70,9 %)` (the value before the conversion rate).
fn parse_id(s: &str) -> f64 {
    let v = s
        .split(" (")
        .next()
        .unwrap()
        .trim()
        .trim_end_matches('%')
        .trim();
    v.replace('.', "")
        .replace(',', ".")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .map(|p| p.split(close).next().unwrap())
        .collect()
}

#[test]
fn drawing_table_and_csv_hold_the_same_numbers() {
    let s = common::shipped_site();
    let mut charts = 0;
    for e in std::fs::read_dir(s.output().join("statistik")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "csv") {
            continue;
        }
        let id = path.file_stem().unwrap().to_str().unwrap();
        // Declared charts, a table of several numbers per row, have tests
        // of their own (declared_charts.rs).
        let header = std::fs::read_to_string(&path).unwrap();
        if !header.starts_with("label,value,") {
            continue;
        }
        charts += 1;
        // Read as CSV, not split on commas: labels such as "Mengunggah,
        // menyukai atau membagikan …" hold commas inside quotes.
        let mut reader = csv::Reader::from_path(&path).unwrap();
        // Tile maps list every province, most of them without a number:
        // `tile_map` compares theirs.
        if reader.headers().unwrap().get(0) == Some("code") {
            continue;
        }
        let csv: Vec<f64> = reader
            .records()
            .map(|r| r.unwrap()[1].parse().unwrap())
            .collect();
        assert!(!csv.is_empty(), "{id}: empty CSV");
        // The table of the chart's English page, first numeric column.
        let page_en = s.page(&format!("en/statistics/{id}/index.html"));
        let table: Vec<f64> = between(chart_block(&page_en, id), "<tr", "</tr>")
            .iter()
            .filter_map(|row| {
                between(row, "<td class=\"num\">", "</td>")
                    .first()
                    .map(|c| parse_en(c))
            })
            .collect();
        assert_eq!(table, csv, "{id}: table and CSV differ");
        // The drawing: every second text is a bar's value (label, value, …).
        let svg = s.page(&format!("statistik/{id}.svg"));
        let texts: Vec<&str> = between(&svg, "<text", "</text>")
            .iter()
            .map(|t| t.split_once('>').unwrap().1)
            .collect();
        let drawn: Vec<f64> = texts
            .iter()
            .skip(1)
            .step_by(2)
            .map(|t| parse_id(t))
            .collect();
        assert_eq!(drawn, csv, "{id}: drawing and CSV differ");
        let page_id = s.page(&format!("statistik/{id}/index.html"));
        assert!(
            chart_block(&page_id, id).contains(&format!("href=\"../../statistik/{id}.csv\"")),
            "{id}: no link to its CSV"
        );
    }
    assert!(charts >= 5, "only {charts} charts");
}

#[test]
fn every_chart_has_an_embeddable_page_with_source_and_way_back() {
    let s = common::shipped_site();
    let stats = s.page("statistik/index.html");
    let page = s.page("statistik/kasn-2020-07-31-position/index.html");
    assert!(
        page.contains("Tribunnews.com, 5 Agustus 2020"),
        "embed page lacks its source line"
    );
    assert!(
        page.contains("href=\"../../statistik/#kasn-2020-07-31-position\""),
        "embed page lacks its link back"
    );
    assert!(
        !page.contains("site-header"),
        "an embed page carries no site navigation"
    );
    // The statistics page draws the charts across years, with the code to
    // embed each; it lists the others, each on its page.
    assert!(
        stats.contains(
            "&lt;iframe src=&quot;https://netra.example.org/statistik/per-tahun-asn-terlibat/&quot;"
        ),
        "no embed snippet"
    );
    assert!(
        stats.contains("<li id=\"kasn-2020-07-31-position\"><a href=\"../statistik/kasn-2020-07-31-position/\">"),
        "the chart is not listed where its way back leads"
    );
    let block = chart_block(&page, "kasn-2020-07-31-position");
    assert!(
        block.contains("Kutip:")
            && block.contains("https://netra.example.org/statistik/kasn-2020-07-31-position/"),
        "no citation with permalink"
    );
    assert!(block.contains("31 Juli 2020"), "no as-of date");
    assert!(block.contains("persen dari ASN yang dilaporkan"), "no unit");
}

#[test]
fn facet_pages_say_what_is_known_and_from_when() {
    let s = common::shipped_site();
    let jpt = s.page("statistik/jabatan/jpt/index.html");
    assert!(
        jpt.contains("27,6 %")
            && jpt.contains("per 31 Juli 2020")
            && jpt.contains("Tribunnews.com"),
        "JPT page lacks its figure"
    );
    let medsos = s.page("statistik/kategori/kampanye-medsos/index.html");
    assert!(
        medsos.contains("21,3 %") && medsos.contains("per 30 September 2020"),
        "category page lacks the share or the leading mention of the data of 30 September"
    );
    let gorontalo = s.page("statistik/provinsi/75/index.html");
    assert!(
        gorontalo.contains("Belum ada angka resmi"),
        "a province without figures must say so"
    );
    assert!(
        gorontalo.contains("2022-11-18-seminar-netralitas-asn-gorontalo"),
        "province page lacks the release about it"
    );
    let provinces = std::fs::read_dir(s.output().join("statistik/provinsi"))
        .unwrap()
        .count();
    assert_eq!(provinces, 38);
}

/// A province page shows a page's worth of its newest releases and links
/// to the paginated list of all of them, so that it stays one size as a
/// province gathers releases over the years.
#[test]
fn a_province_page_shows_its_newest_releases_and_links_to_all() {
    let s = Scratch::new();
    s.replace("site.yaml", "per_page: 10", "per_page: 2");
    let original = "press/2022-11-18-seminar-netralitas-asn-gorontalo.md";
    let text = s.read(original);
    for (date, slug) in [
        ("2023-01-10", "gorontalo-januari"),
        ("2023-02-10", "gorontalo-februari"),
    ] {
        s.write(
            &format!("press/{date}-{slug}.md"),
            &text.replace("date: 2022-11-18", &format!("date: {date}")),
        );
    }
    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let page = s.page("statistik/provinsi/75/index.html");
    assert!(
        page.contains("2023-02-10-gorontalo-februari"),
        "newest missing"
    );
    assert!(
        page.contains("2023-01-10-gorontalo-januari"),
        "second missing"
    );
    assert!(
        !page.contains("2022-11-18-seminar-netralitas-asn-gorontalo"),
        "the third release is beyond a page's worth"
    );
    let link =
        "href=\"../../../siaran-pers/provinsi/75/\">Semua siaran pers tentang Gorontalo (3) →";
    assert!(page.contains(link), "no link to all three: {page}");
    let all = s.page("siaran-pers/provinsi/75/halaman/2/index.html");
    assert!(all.contains("2022-11-18-seminar-netralitas-asn-gorontalo"));
    // With no more releases than a page holds, no such link.
    let other = s.page("statistik/provinsi/73/index.html");
    assert!(!other.contains("Semua siaran pers tentang"), "{other}");
}

#[test]
fn data_page_describes_the_dataset_for_search_engines() {
    let s = common::shipped_site();
    let page = s.page("data/index.html");
    let ld = between(&page, "<script type=\"application/ld+json\">", "</script>")[0];
    let v: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(v["@type"], "Dataset");
    let urls: Vec<&str> = v["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["contentUrl"].as_str().unwrap())
        .collect();
    for u in &urls {
        let rel = u.strip_prefix("https://netra.example.org/").unwrap();
        assert!(
            s.output().join(rel).is_file(),
            "{u} is listed but not shipped"
        );
        assert!(
            page.contains(&format!("href=\"../{rel}\"")),
            "{rel} not linked from the data page"
        );
    }
    assert!(urls.len() >= 18);
}
