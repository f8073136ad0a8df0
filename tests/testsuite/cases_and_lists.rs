//! Sites with case records get case pages, facet pages and charts counted
//! from the records; every list is paginated with stable URLs.

use crate::common::{self, Scratch};

#[test]
fn case_records_get_pages_facets_and_charts() {
    let s = Scratch::new().with_cases();
    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let list = s.page("kasus/index.html");
    for id in ["t-0001", "t-0002", "t-0003"] {
        assert!(list.contains(id), "case list lacks {id}");
        assert!(s.output().join(format!("kasus/{id}/index.html")).is_file());
    }
    // Facets: t-0001 and t-0002 are in Sulawesi Selatan (73), t-0003 in Gorontalo (75).
    let sulsel = s.page("kasus/provinsi/73/index.html");
    assert!(sulsel.contains("t-0001") && sulsel.contains("t-0002") && !sulsel.contains("t-0003"));
    let medsos = s.page("kasus/kategori/kampanye-medsos/index.html");
    assert!(medsos.contains("t-0001") && medsos.contains("t-0002") && !medsos.contains("t-0003"));
    assert!(
        s.page("kasus/jabatan/administrator/index.html")
            .contains("t-0003")
    );
    // Charts counted from the records, beside the official figures.
    let stats = s.page("statistik/index.html");
    for id in [
        "kasus-per-tahun",
        "kasus-per-jabatan",
        "kasus-per-kategori",
        "kasus-per-provinsi",
        "kasus-tindak-lanjut",
    ] {
        assert!(
            stats.contains(&format!("id=\"{id}\"")),
            "statistics lacks chart {id}"
        );
    }
    // Funnel counts a case at every stage it passed: 3 reported, 2
    // recommended, 1 sanctioned.
    let funnel = s.page("statistik/kasus-tindak-lanjut.csv");
    let values: Vec<&str> = funnel
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(values, ["3", "2", "1"], "{funnel}");
    // A case with two categories counts once in each.
    let cats = s.page("statistik/kasus-per-kategori.csv");
    assert!(
        cats.lines()
            .any(|l| l.starts_with("Kampanye") && l.contains(",2,")),
        "{cats}"
    );
    assert!(s.page("en/cases/t-0002/index.html").contains("t-0002"));
}

#[test]
fn a_case_with_unknown_codes_fails_with_positions() {
    let s = Scratch::new().with_cases();
    s.replace("cases/t-0002.yaml", "region: \"73\"", "region: \"99\"");
    s.replace(
        "cases/t-0002.yaml",
        "outcome: rekomendasi",
        "outcome: diproses",
    );
    let out = s.check();
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("cases/t-0002.yaml:4:9") && err.contains("vocab/regions.yaml"),
        "{err}"
    );
    assert!(
        err.contains("cases/t-0002.yaml:8:10") && err.contains("vocab/outcomes.yaml"),
        "{err}"
    );
}

#[test]
fn lists_paginate_with_stable_urls() {
    let s = Scratch::new();
    s.replace("site.yaml", "per_page: 10", "per_page: 3");
    assert!(s.build().status.success());
    let releases = std::fs::read_dir(s.content().join("press"))
        .unwrap()
        .filter(|e| {
            std::fs::read_to_string(e.as_ref().unwrap().path())
                .unwrap()
                .contains("\nlang: id\n")
        })
        .count();
    let pages = releases.div_ceil(3);
    assert!(pages > 2, "the shipped releases fill more than two pages");
    let first = s.page("siaran-pers/index.html");
    let last = s.page(&format!("siaran-pers/halaman/{pages}/index.html"));
    // Newest first, three a page: the oldest release is on the last page.
    assert_eq!(first.matches("class=\"press-item\"").count(), 3);
    assert_eq!(
        last.matches("class=\"press-item\"").count(),
        releases - 3 * (pages - 1)
    );
    assert!(
        last.contains("2018-07-05-bawaslu-356-kasus-pilkada-2018"),
        "oldest release should be on the last page"
    );
    assert!(
        first.contains("href=\"../siaran-pers/halaman/2/\""),
        "page 1 links to page 2"
    );
    assert!(last.contains("rel=\"prev\""));
    let after = format!("siaran-pers/halaman/{}", pages + 1);
    assert!(!s.output().join(after).exists());
}

/// A list page's `items_html` (each card rendered once, joined with the
/// page's root) is byte for byte what a loop over `page.items` through the
/// card partial writes, on list pages at every depth.
#[test]
fn cards_rendered_once_are_the_cards_a_loop_renders() {
    let s = Scratch::new().with_theme_copy();
    let once = s.build_on_threads("2", "once");
    s.edit_template(
        "press_list.html",
        "{{ items_html | safe }}",
        r#"{% set top_level_list = true %}{% for p in page.items %}{% include "partials/press_item.html" %}{% endfor %}"#,
    );
    let looped = s.build_on_threads("2", "looped");
    common::assert_same_site(&looped, &once, "items_html against the loop");
    // Lists at three depths, each with cards whose links climb to the root.
    for (page, root) in [
        ("siaran-pers/index.html", "../"),
        ("tag/data-kasn/index.html", "../../"),
        ("siaran-pers/tahun/2020/index.html", "../../../"),
    ] {
        let html = String::from_utf8(once[std::path::Path::new(page)].clone()).unwrap();
        let card = html
            .split("<li class=\"press-item\">")
            .nth(1)
            .unwrap_or_else(|| panic!("{page} lists no card"));
        assert!(
            card.contains(&format!("href=\"{root}siaran-pers/")),
            "{page}: {card}"
        );
    }
    // A theme that keeps the loop may give its card what only the page
    // has: the cards are rendered alone only for a page that reads
    // `items_html`, so no page fails on `page_url` being undefined there.
    s.edit_template(
        "partials/press_item.html",
        r#"<li class="press-item">"#,
        r#"<li class="press-item" data-on="{{ page_url }}">"#,
    );
    let marked = s.build_on_threads("2", "marked");
    let list =
        String::from_utf8(marked[std::path::Path::new("siaran-pers/index.html")].clone()).unwrap();
    assert!(
        list.contains(r#"<li class="press-item" data-on="siaran-pers/">"#),
        "{list}"
    );
}
