//! The shipped content: it passes `check`, and the built site shows every
//! official figure of FACTS.md, formatted for Indonesian, with its source.

use crate::common::{self, Scratch};

/// The figures of `../shared/FACTS.md`: (figure id, the numbers as an
/// Indonesian reader sees them, the outlet that reported them).
const FACTS: [(&str, &[&str], &str); 4] = [
    ("kasn-2018", &["508", "985"], "KILAS24.COM"),
    ("kasn-2019", &["386", "528"], "KILAS24.COM"),
    (
        "kasn-2020-07-31",
        &[
            "456", "27,6 %", "25,4 %", "14,3 %", "21,5 %", "21,3 %", "13,6 %",
        ],
        "Tribunnews.com",
    ),
    ("kasn-2020-10-07", &["694", "492", "256"], "Bawaslu"),
];

#[test]
fn shipped_content_passes_check() {
    let out = common::run(&common::repo(), &["check"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

/// The statistics page and every chart's own page, one after the other:
/// the page draws the charts across years and links to the others.
fn charts(s: &Scratch) -> String {
    let dir = s.output().join("statistik");
    let mut pages = vec![std::fs::read_to_string(dir.join("index.html")).unwrap()];
    for e in std::fs::read_dir(&dir).unwrap() {
        let page = e.unwrap().path().join("index.html");
        if let Ok(text) = std::fs::read_to_string(&page)
            && text.contains("<figure class=\"chart\"")
        {
            pages.push(text);
        }
    }
    pages.concat()
}

#[test]
fn every_official_figure_is_published_with_its_source() {
    let s = common::shipped_site();
    let stats = charts(s);
    for (id, numbers, outlet) in FACTS {
        let page =
            std::fs::read_to_string(s.output().join(format!("angka/{id}/index.html"))).unwrap();
        for n in numbers {
            assert!(
                page.contains(&format!(">{n}<")),
                "figure page {id} lacks {n}"
            );
        }
        assert!(
            page.contains(outlet),
            "figure page {id} does not name its source {outlet}"
        );
    }
    // Shares, funnel and yearly numbers are charted with their tables.
    for n in [
        "27,6 %", "13,6 %", "694", "492", "256", "985", "528", "508", "386",
    ] {
        assert!(stats.contains(&format!(">{n}<")), "no chart shows {n}");
    }
    // English pages use English number format.
    let en =
        std::fs::read_to_string(s.output().join("en/figures/kasn-2020-07-31/index.html")).unwrap();
    assert!(en.contains(">27.6%<"), "English figure page lacks 27.6%");
}

#[test]
fn unpublished_remainder_is_shown_not_spread() {
    let s = common::shipped_site();
    let stats = charts(s);
    // 100 − (27,6 + 25,4 + 14,3) and 100 − (21,5 + 21,3 + 13,6).
    assert!(stats.contains("32,7 %"), "position remainder missing");
    assert!(stats.contains("43,6 %"), "category remainder missing");
    assert!(stats.contains("Lainnya / tidak dipublikasikan"));
    let csv =
        std::fs::read_to_string(s.output().join("statistik/kasn-2020-07-31-position.csv")).unwrap();
    assert!(
        csv.lines()
            .any(|l| l.contains("32.7") && l.ends_with("true")),
        "{csv}"
    );
}

#[test]
fn charts_are_accessible_svg_with_their_numbers_in_a_table() {
    let s = common::shipped_site();
    let stats = std::fs::read_to_string(s.output().join("statistik/index.html")).unwrap();
    let charts = stats.matches("<figure class=\"chart\"").count();
    assert!(
        charts >= 5,
        "expected a chart per year series, share and funnel, found {charts}"
    );
    assert_eq!(stats.matches("role=\"img\"").count(), charts);
    assert_eq!(stats.matches("<title id=").count(), charts);
    assert_eq!(stats.matches("<desc id=").count(), charts);
    // A declared chart (charts.yaml) links to its table on its own page,
    // which keeps the page within its weight budget.
    assert_eq!(
        stats.matches("<table>").count()
            + stats
                .matches(">Tabel angka, sumber dan unduhan</a>")
                .count(),
        charts,
        "each chart needs its table"
    );
    let svg = std::fs::read_to_string(
        s.output()
            .join("statistik/kasn-2020-10-07-tindak-lanjut.svg"),
    )
    .unwrap();
    assert!(
        svg.contains("694") && svg.contains("70,9 %"),
        "funnel SVG lacks values or conversion rate: {svg}"
    );
}

#[test]
fn markdown_tables_and_footnotes_render_and_lists_paginate() {
    let s = common::shipped_site();
    let out = s.output();
    let bodies: String = std::fs::read_dir(out.join("siaran-pers"))
        .unwrap()
        .filter_map(|e| std::fs::read_to_string(e.unwrap().path().join("index.html")).ok())
        .collect();
    assert!(bodies.contains("<table>"), "no Markdown table rendered");
    assert!(
        bodies.contains("footnote-definition"),
        "no footnote rendered"
    );
    for f in [
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "tag/index.html",
        "siaran-pers/index.html",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
}
