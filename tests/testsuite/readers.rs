//! The readers' site: feeds a reader accepts, a complete sitemap, share
//! cards, article metadata, language alternates, navigation by date,
//! election and province, and no broken link.

use crate::common::{self, Scratch};

const BASE: &str = "https://netra.example.org/";

fn html_pages(s: &Scratch) -> Vec<String> {
    common::snapshot(&s.output())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".html"))
        .collect()
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.has_tag_name(name))
}

#[test]
fn atom_feeds_have_what_rfc_4287_requires() {
    let s = common::shipped_site();
    let feeds: Vec<String> = common::snapshot(&s.output())
        .into_keys()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p.ends_with("atom.xml"))
        .collect();
    // The releases, a tag, and the corrections log, in both languages.
    for expected in [
        "atom.xml",
        "en/atom.xml",
        "tag/pilkada-2020/atom.xml",
        "koreksi/atom.xml",
        "en/corrections/atom.xml",
    ] {
        assert!(
            feeds.iter().any(|f| f == expected),
            "no {expected} in {feeds:?}"
        );
    }
    for f in &feeds {
        let text = s.page(f);
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{f} is not XML: {e}"));
        let feed = doc.root_element();
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom"),
            "{f}"
        );
        for required in ["id", "title", "updated", "author"] {
            assert!(child(feed, required).is_some(), "{f} lacks feed/{required}");
        }
        let self_link = feed
            .children()
            .find(|c| c.has_tag_name("link") && c.attribute("rel") == Some("self"))
            .unwrap();
        assert_eq!(
            self_link.attribute("href"),
            Some(format!("{BASE}{f}").as_str()),
            "{f}: wrong self link"
        );
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.has_tag_name("entry"))
            .collect();
        if f != "en/atom.xml" {
            assert!(!entries.is_empty(), "{f} has no entries");
        }
        for e in entries {
            for required in ["id", "title", "updated"] {
                assert!(child(e, required).is_some(), "{f}: entry lacks {required}");
            }
            let updated = child(e, "updated").unwrap().text().unwrap();
            assert!(
                updated.len() == 20 && updated.ends_with('Z'),
                "{f}: {updated} is not an RFC 3339 date"
            );
            let href = e
                .children()
                .find(|c| c.has_tag_name("link"))
                .and_then(|l| l.attribute("href"))
                .unwrap();
            assert!(href.starts_with(BASE), "{f}: relative entry link {href}");
            let page = href.strip_prefix(BASE).unwrap();
            assert!(
                s.output().join(page).join("index.html").is_file(),
                "{f}: entry links to missing {page}"
            );
        }
    }
}

#[test]
fn sitemap_lists_every_public_page_and_nothing_else() {
    let s = common::shipped_site();
    let sitemap = s.page("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let mut listed: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().strip_prefix(BASE).unwrap().to_string())
        .collect();
    listed.sort();
    let mut pages: Vec<String> = html_pages(s)
        .into_iter()
        .filter(|p| !p.ends_with("404.html"))
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect();
    pages.sort();
    assert_eq!(listed, pages);
    assert!(
        s.page("robots.txt")
            .contains(&format!("Sitemap: {BASE}sitemap.xml"))
    );
}

#[test]
fn every_page_has_a_share_card_canonical_url_and_language_alternates() {
    let s = common::shipped_site();
    for page in html_pages(s) {
        let html = s.page(&page);
        for needle in [
            "<meta property=\"og:title\"",
            "<meta property=\"og:description\"",
            "<meta name=\"twitter:card\" content=\"summary\"",
            "<link rel=\"canonical\" href=\"https://",
            "hreflang=\"id\" href=\"https://",
            "hreflang=\"en\" href=\"https://",
        ] {
            assert!(html.contains(needle), "{page} lacks {needle}");
        }
        let lang = if page.starts_with("en/") { "en" } else { "id" };
        assert!(
            html.contains(&format!("<html lang=\"{lang}\">")),
            "{page} has the wrong lang"
        );
    }
}

#[test]
fn press_releases_carry_news_article_metadata_and_link_onwards() {
    let s = common::shipped_site();
    let html = s.page("siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html");
    let ld = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap()
        .split("</script>")
        .next()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(ld).unwrap();
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(v["datePublished"], "2020-08-05");
    assert!(
        v["headline"]
            .as_str()
            .unwrap()
            .starts_with("Kampanye Virtual GNN-ASN Seri Kedua")
    );
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    // Previous and next releases, and the figure the release reports.
    assert!(
        html.contains(
            "rel=\"prev\" href=\"../../siaran-pers/2020-06-30-kasn-369-asn-dilaporkan/\""
        )
    );
    assert!(
        html.contains(
            "rel=\"next\" href=\"../../siaran-pers/2020-08-26-kasn-490-asn-dilaporkan/\""
        )
    );
    assert!(html.contains("href=\"../../angka/kasn-2020-07-31/\""));
    // And the figure links back to the release.
    assert!(
        s.page("angka/kasn-2020-07-31/index.html")
            .contains("href=\"../../siaran-pers/2020-08-05-gnn-asn-seri-kedua/\"")
    );
}

#[test]
fn releases_by_year_election_and_province() {
    let s = common::shipped_site();
    assert!(
        s.page("siaran-pers/tahun/2020/index.html")
            .contains("2020-08-05-gnn-asn-seri-kedua")
    );
    assert!(
        !s.page("siaran-pers/tahun/2020/index.html")
            .contains("2022-11-18-seminar")
    );
    let pilkada = s.page("siaran-pers/pemilihan/pilkada-2020/index.html");
    assert!(pilkada.contains("2020-12-27-bawaslu-kasn-akhir-pilkada-2020"));
    assert!(!pilkada.contains("2022-11-18-seminar"));
    assert!(
        s.page("siaran-pers/provinsi/75/index.html")
            .contains("2022-11-18-seminar-netralitas-asn-gorontalo")
    );
    let list = s.page("siaran-pers/index.html");
    assert!(
        list.contains("href=\"../siaran-pers/provinsi/73/\"") && list.contains("Sulawesi Selatan"),
        "press list lacks the browse-by links"
    );
}

#[test]
fn language_switch_leads_to_the_same_page() {
    let s = common::shipped_site();
    let id = s.page("angka/kasn-2020-10-07/index.html");
    assert!(
        id.contains("href=\"../../en/figures/kasn-2020-10-07/\" hreflang=\"en\""),
        "no switch to the English figure page"
    );
    let en = s.page("en/figures/kasn-2020-10-07/index.html");
    assert!(
        en.contains("href=\"../../../angka/kasn-2020-10-07/\" hreflang=\"id\""),
        "no switch back"
    );
    // A release leads to its English version, and back.
    let release = s.page("siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html");
    assert!(
        release
            .contains("href=\"../../en/press/2020-08-05-gnn-asn-second-series/\" hreflang=\"en\"")
    );
    let english = s.page("en/press/2020-08-05-gnn-asn-second-series/index.html");
    assert!(
        english.contains(
            "href=\"../../../siaran-pers/2020-08-05-gnn-asn-seri-kedua/\" hreflang=\"id\""
        )
    );
}

#[test]
fn a_broken_link_in_markdown_fails_the_build() {
    let s = Scratch::new_built();
    let before = common::snapshot(&s.output());
    let rel = "press/2020-08-05-gnn-asn-seri-kedua.md";
    let text = s.read(rel);
    s.write(rel, &format!("{text}\nLihat [angka](../../angka/kasn-2099/) dan [grafik](../../statistik/#tidak-ada).\n"));
    let out = s.build();
    let err = common::stderr(&out);
    assert!(!out.status.success());
    // Named by the Markdown file and line, and the page it is published on.
    let line = text.lines().count() + 2;
    assert!(
        err.contains(&format!("content/{rel}:{line}:7"))
            && err.contains("siaran-pers/2020-08-05-gnn-asn-seri-kedua/")
            && err.contains("../../angka/kasn-2099/"),
        "{err}"
    );
    assert!(err.contains("anchor #tidak-ada does not exist"), "{err}");
    assert_eq!(common::snapshot(&s.output()), before);
}

#[test]
fn a_site_under_a_sub_path_uses_it_for_absolute_urls_only() {
    let s = Scratch::new();
    let out = s.build_with(&["--base-url", "https://example.org/netra/"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let not_found = s.page("404.html");
    assert!(
        not_found.contains("href=\"/netra/assets/style."),
        "404 page must link absolutely under the sub-path"
    );
    // Each language has its own, in its folder, in its language.
    let english = s.page("en/404.html");
    assert!(english.contains("<html lang=\"en\""), "{english}");
    assert!(
        english.contains("href=\"/netra/en/\""),
        "links home in English"
    );
    assert!(
        s.page("sitemap.xml")
            .contains("<loc>https://example.org/netra/statistik/</loc>")
    );
    assert!(
        s.page("index.html").contains("href=\"./assets/style."),
        "pages link relatively"
    );
}
