//! The pages of the public record: what a figure page shows of its
//! conflicts, corrections and versions, the corrections log and its feed.
//! Every expectation is read from the shipped content, so the tests follow
//! the record as it grows.

use serde_yaml::Value;

use crate::common::{self, Scratch};

/// The shipped languages and where each publishes figures and corrections.
const LANGS: [(&str, &str, &str); 2] = [
    ("id", "angka", "koreksi"),
    ("en", "en/figures", "en/corrections"),
];

fn yaml(s: &Scratch, file: &str) -> Vec<Value> {
    serde_yaml::from_str(&s.read(file)).unwrap()
}

fn text(v: &Value, key: &str) -> String {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key}"))
        .to_string()
}

/// A page's text with the entities Tera's escaping writes turned back, so
/// that content can be looked for as written.
fn unescaped(page: &str) -> String {
    page.replace("&#x2F;", "/")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The part of `page` from `start` to the first `end` after it.
fn between<'p>(page: &'p str, start: &str, end: &str) -> &'p str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in the page"));
    let rest = &page[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// A whole number as a language groups it: 1.305 in Indonesian, 1,305 in English.
fn grouped(n: u64, lang: &str) -> String {
    let digits = n.to_string();
    let sep = if lang == "en" { ',' } else { '.' };
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

#[test]
fn a_figure_page_shows_every_claim_of_its_conflicts_with_its_source() {
    let s = common::shipped_site();
    let sources = yaml(s, "sources.yaml");
    let outlet = |id: &str| {
        sources
            .iter()
            .find(|x| x["id"].as_str() == Some(id))
            .map(|x| text(x, "outlet"))
            .unwrap_or_else(|| panic!("source {id}"))
    };
    let conflicts = yaml(s, "conflicts.yaml");
    assert!(!conflicts.is_empty());
    for k in &conflicts {
        let id = text(k, "id");
        let figure = k["figures"][0].as_str().unwrap();
        for (lang, figures, _) in LANGS {
            let page = unescaped(&s.page(&format!("{figures}/{figure}/index.html")));
            let section = between(&page, &format!("id=\"conflict-{id}\""), "</section>");
            assert!(section.contains(&text(&k["title"], lang)), "{lang} {id}");
            assert!(section.contains(&text(&k["note"], lang)), "{lang} {id}");
            let claims = k["claims"].as_sequence().unwrap();
            assert_eq!(
                section.matches("<tr><th scope=\"row\">").count(),
                claims.len()
            );
            for c in claims {
                assert!(section.contains(&outlet(&text(c, "source"))), "{lang} {id}");
                assert!(section.contains(&text(&c["says"], lang)), "{lang} {id}");
                if let Some(v) = c["value"].as_u64() {
                    let cell = format!("<td class=\"num\">{}</td>", grouped(v, lang));
                    assert!(section.contains(&cell), "{lang} {id}: {cell}");
                }
            }
        }
    }
}

#[test]
fn the_corrections_page_lists_every_correction_newest_first_and_its_feed_has_each() {
    let s = common::shipped_site();
    let corrections = yaml(s, "corrections.yaml");
    assert_eq!(
        corrections.len(),
        3,
        "the shipped log has three corrections"
    );
    // The file lists them oldest first; the page and the feed newest first.
    let newest_first: Vec<String> = corrections.iter().rev().map(|c| text(c, "id")).collect();
    for (lang, figures, log) in LANGS {
        let page = unescaped(&s.page(&format!("{log}/index.html")));
        let anchors: Vec<String> = page
            .split("<article class=\"correction\" id=\"")
            .skip(1)
            .map(|a| a[..a.find('"').unwrap()].to_string())
            .collect();
        assert_eq!(anchors, newest_first, "{lang}");
        for c in &corrections {
            let id = text(c, "id");
            let entry = between(&page, &format!("id=\"{id}\""), "</article>");
            for key in ["old", "new", "reason"] {
                assert!(entry.contains(&text(&c[key], lang)), "{lang} {id} {key}");
            }
            let figure = format!("{figures}/{}/\"", text(c, "figure"));
            assert!(entry.contains(&figure), "{lang} {id} links {figure}");
            // The figure's own page shows its correction too.
            let fpage = unescaped(&s.page(&format!("{figures}/{}/index.html", text(c, "figure"))));
            let shown = between(&fpage, &format!("id=\"correction-{id}\""), "</div>");
            assert!(shown.contains(&text(&c["new"], lang)), "{lang} {id}");
        }

        let feed = s.page(&format!("{log}/atom.xml"));
        let doc = roxmltree::Document::parse(&feed).unwrap();
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        let ids: Vec<String> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| {
                let id = e.children().find(|n| n.has_tag_name("id")).unwrap();
                for required in ["title", "updated", "link", "summary"] {
                    assert!(e.children().any(|n| n.has_tag_name(required)), "{required}");
                }
                id.text().unwrap().to_string()
            })
            .collect();
        assert_eq!(
            ids.len(),
            corrections.len(),
            "{lang}: one entry per correction"
        );
        for (feed_id, id) in ids.iter().zip(&newest_first) {
            assert!(feed_id.starts_with("https://"), "{feed_id}");
            assert!(feed_id.ends_with(&format!("/{log}/#{id}")), "{feed_id}");
        }
    }
}

#[test]
fn versions_of_a_total_link_each_other_both_ways() {
    let s = common::shipped_site();
    let mut pairs = 0;
    for e in std::fs::read_dir(s.content().join("figures")).unwrap() {
        let f: Value =
            serde_yaml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        let Some(older) = f["revises"].as_str() else {
            continue;
        };
        let newer = text(&f, "id");
        pairs += 1;
        for (lang, figures, _) in LANGS {
            let versions = |id: &str| {
                let page = s.page(&format!("{figures}/{id}/index.html"));
                between(&page, "<ol class=\"versions\">", "</ol>").to_string()
            };
            let link = |id: &str| format!("{figures}/{id}/\"");
            assert!(
                versions(&newer).contains(&link(older)),
                "{lang} {newer} → {older}"
            );
            assert!(
                versions(older).contains(&link(&newer)),
                "{lang} {older} → {newer}"
            );
        }
    }
    assert!(pairs > 0, "the shipped record has revised totals");
}

#[test]
fn the_producers_page_says_who_publishes_now() {
    let s = common::shipped_site();
    let producers = yaml(s, "vocab/producers.yaml");
    for (lang, page, figures) in [
        ("id", "produsen", "angka"),
        ("en", "en/producers", "en/figures"),
    ] {
        let text_of = unescaped(&s.page(&format!("{page}/index.html")));
        // KASN's end and who took over, from the shipped text.
        assert!(text_of.contains("91/2024"), "{lang}");
        assert!(
            text_of.contains("KASN") && text_of.contains("BKN"),
            "{lang}"
        );
        let kasn = between(&text_of, "id=\"kasn\"", "</section>");
        assert!(kasn.contains("2024-08-23"), "{lang}: KASN's period ends");
        for p in &producers {
            let entry = between(
                &text_of,
                &format!("id=\"{}\"", text(p, "code")),
                "</section>",
            );
            assert!(entry.contains(&text(&p["role"], lang)), "{lang}");
        }
        // A figure page links its producer's entry.
        let figure = s.page(&format!("{figures}/kasn-2020-10-07/index.html"));
        assert!(figure.contains(&format!("{page}/#kasn\"")), "{lang}");
    }
}

#[test]
fn a_tally_shows_what_its_parts_leave_of_the_total_as_not_published() {
    let s = common::shipped_site();
    let mut checked = 0;
    for e in std::fs::read_dir(s.content().join("figures")).unwrap() {
        let f: Value =
            serde_yaml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()).unwrap();
        let Some(tallies) = f["tallies"].as_sequence() else {
            continue;
        };
        let id = text(&f, "id");
        let page = s.page(&format!("angka/{id}/index.html"));
        for t in tallies {
            let of = t["of"].as_str().unwrap();
            let Some(total) = f["counts"]
                .as_sequence()
                .into_iter()
                .flatten()
                .find(|c| c["measure"].as_str() == Some(of))
                .and_then(|c| c["value"].as_u64())
            else {
                continue;
            };
            let known: u64 = t["parts"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|p| p["value"].as_u64().unwrap())
                .sum();
            if total > known {
                let row = format!(
                    "not-published\"><th scope=\"row\">Lainnya / tidak dipublikasikan</th><td class=\"num\">{}</td>",
                    grouped(total - known, "id")
                );
                assert!(page.contains(&row), "{id}: {row}");
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the shipped record has partial tallies");
}
