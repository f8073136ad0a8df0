//! The whole record on the built site: every number of every figure file
//! on its figure page in each language's number format, with its sources
//! and dates; every value of every conflict on each page it concerns; the
//! home page leading with the newest figure. Expectations are read from
//! the shipped `content/`, so the tests follow the record as it grows; the
//! formats are written out here, as a reader expects them.

use std::collections::BTreeMap;

use serde_yaml::Value;

use crate::common::{self, Scratch};

/// A language's code, where its figure pages are, and how it writes
/// numbers: group separator, decimal separator, percent sign, months.
struct Lang {
    code: &'static str,
    figures: &'static str,
    group: char,
    decimal: char,
    percent: &'static str,
    months: [&'static str; 12],
}

const LANGS: [Lang; 2] = [
    Lang {
        code: "id",
        figures: "angka",
        group: '.',
        decimal: ',',
        percent: " %",
        months: [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ],
    },
    Lang {
        code: "en",
        figures: "en/figures",
        group: ',',
        decimal: '.',
        percent: "%",
        months: [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    },
];

impl Lang {
    /// 1.158 / 1,158.
    fn whole(&self, n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.group);
            }
            out.push(d);
        }
        out
    }

    /// A number as published: whole, or with its one decimal (27,6 / 27.6).
    fn number(&self, x: f64) -> String {
        if x.fract() == 0.0 {
            self.whole(x as u64)
        } else {
            let s = format!("{x:.1}");
            let (int, frac) = s.split_once('.').unwrap();
            format!("{}{}{frac}", self.whole(int.parse().unwrap()), self.decimal)
        }
    }

    /// A share, always with one decimal: 27,6 % / 27.6%.
    fn share(&self, x: f64) -> String {
        let s = format!("{x:.1}");
        let (int, frac) = s.split_once('.').unwrap();
        format!(
            "{}{}{frac}{}",
            self.whole(int.parse().unwrap()),
            self.decimal,
            self.percent
        )
    }

    /// A percentage as the source quoted it: 43 % / 78,5 %.
    fn quoted(&self, x: f64) -> String {
        format!("{}{}", self.number(x), self.percent)
    }

    /// `2024-12-04` as 4 Desember 2024 / 4 December 2024.
    fn date(&self, iso: &str) -> String {
        let mut parts = iso.split('-').map(|p| p.parse::<usize>().unwrap());
        let (y, m, d) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        format!("{d} {} {y}", self.months[m - 1])
    }
}

fn yaml(s: &Scratch, file: &str) -> Value {
    serde_yaml::from_str(&s.read(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every figure file of the content, by id.
fn figures(s: &Scratch) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(s.content().join("figures")).unwrap() {
        let path = e.unwrap().path();
        let f: Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        out.insert(f["id"].as_str().unwrap().to_string(), f);
    }
    assert!(out.len() > 30, "the shipped record has its figures");
    out
}

fn list(v: &Value) -> &[Value] {
    v.as_sequence().map_or(&[], Vec::as_slice)
}

fn date_of(v: &Value) -> Option<String> {
    // serde_yaml reads an unquoted date as a string.
    v.as_str().map(str::to_string)
}

/// A page's text with the entities Tera's escaping writes turned back.
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

/// The shown form of each number of figure `f`, in a table cell or a big
/// number: `>1.158<`.
fn numbers(f: &Value, l: &Lang) -> Vec<String> {
    let mut out = Vec::new();
    for c in list(&f["counts"]).iter().chain(list(&f["funnel"])) {
        out.push(l.whole(c["value"].as_u64().unwrap()));
    }
    for t in list(&f["tallies"]) {
        for p in list(&t["parts"]) {
            out.push(l.whole(p["value"].as_u64().unwrap()));
        }
    }
    for sh in list(&f["shares"]) {
        for p in list(&sh["parts"]) {
            out.push(l.share(p["percent"].as_f64().unwrap()));
        }
    }
    for r in list(&f["rates"]) {
        out.push(l.quoted(r["percent"].as_f64().unwrap()));
    }
    out.into_iter().map(|n| format!(">{n}<")).collect()
}

#[test]
fn every_figure_page_shows_each_number_its_sources_and_dates_in_both_languages() {
    let s = common::shipped_site();
    let sources: Vec<Value> = serde_yaml::from_value(yaml(s, "sources.yaml")).unwrap();
    let source = |id: &str| {
        sources
            .iter()
            .find(|x| x["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("source {id}"))
    };
    let mut checked = 0;
    for (id, f) in figures(s) {
        for l in &LANGS {
            let page = unescaped(&s.page(&format!("{}/{id}/index.html", l.figures)));
            let lang = l.code;
            for n in numbers(&f, l) {
                assert!(page.contains(&n), "{lang} {id}: no {n}");
                checked += 1;
            }
            let cited = std::iter::once(&f["source"]).chain(list(&f["other_sources"]));
            for sid in cited {
                let src = source(sid.as_str().unwrap());
                let outlet = src["outlet"].as_str().unwrap();
                assert!(page.contains(outlet), "{lang} {id}: no {outlet}");
                if let Some(url) = src["url"].as_str() {
                    assert!(
                        page.contains(&format!("href=\"{url}\"")),
                        "{lang} {id}: no link to {url}"
                    );
                }
                let date = l.date(&date_of(&src["date"]).unwrap());
                assert!(page.contains(&date), "{lang} {id}: {outlet} {date}");
            }
            // The date of the data, and of its announcement.
            let meta = between(&page, "<p class=\"meta\">", "</p>");
            for key in ["as_of", "announced"] {
                if let Some(d) = date_of(&f[key]) {
                    assert!(meta.contains(&l.date(&d)), "{lang} {id}: {key} {d}");
                }
            }
            if let (Some(y), None) = (f["year"].as_u64(), date_of(&f["as_of"])) {
                assert!(meta.contains(&y.to_string()), "{lang} {id}: year {y}");
            }
        }
    }
    assert!(checked > 300, "only {checked} numbers checked");
}

#[test]
fn every_value_of_a_conflict_is_on_each_page_it_concerns_in_both_languages() {
    let s = common::shipped_site();
    let conflicts: Vec<Value> = serde_yaml::from_value(yaml(s, "conflicts.yaml")).unwrap();
    assert!(conflicts.len() >= 9, "the record's nine conflicts");
    for k in &conflicts {
        let id = k["id"].as_str().unwrap();
        let values: Vec<f64> = list(&k["claims"])
            .iter()
            .filter_map(|c| c["value"].as_f64())
            .collect();
        for figure in list(&k["figures"]) {
            let figure = figure.as_str().unwrap();
            for l in &LANGS {
                let page = unescaped(&s.page(&format!("{}/{figure}/index.html", l.figures)));
                let section = between(&page, &format!("id=\"conflict-{id}\""), "</section>");
                for v in &values {
                    let cell = format!("<td class=\"num\">{}</td>", l.number(*v));
                    assert!(section.contains(&cell), "{} {figure} {id}: {cell}", l.code);
                }
            }
        }
    }
}

#[test]
fn the_home_page_leads_with_the_newest_figure_and_links_the_whole_record() {
    let s = common::shipped_site();
    let all = figures(s);
    // The newest by the date of the data: as of, else the day it was
    // stated. Figures of the same day are equally newest.
    let date = |f: &Value| date_of(&f["as_of"]).or_else(|| date_of(&f["announced"]));
    let newest_day = all.values().filter_map(date).max().unwrap();
    assert!(
        newest_day.as_str() >= "2024-01-01",
        "the record reaches 2024"
    );
    let newest: Vec<&Value> = all
        .values()
        .filter(|f| date(f).as_ref() == Some(&newest_day))
        .collect();
    let producers: Vec<Value> = serde_yaml::from_value(yaml(s, "vocab/producers.yaml")).unwrap();
    for (l, home, statistics, figures) in [
        (&LANGS[0], "index.html", "statistik/", "angka/"),
        (&LANGS[1], "en/index.html", "en/statistics/", "en/figures/"),
    ] {
        let lang = l.code;
        let page = unescaped(&s.page(home));
        let lead = between(&page, "<p class=\"newest\">", "</p>");
        assert!(lead.contains(&l.date(&newest_day)), "{lang}: {lead}");
        let shown = newest
            .iter()
            .find(|f| page.contains(&format!("id=\"{}\"", f["id"].as_str().unwrap())))
            .unwrap_or_else(|| panic!("{lang}: no card of the newest figure"));
        let code = shown["producer"].as_str().unwrap();
        let producer = producers
            .iter()
            .find(|p| p["code"].as_str() == Some(code))
            .unwrap();
        let short = producer["short"][lang].as_str().unwrap();
        assert!(lead.contains(short), "{lang}: {lead} lacks {short}");
        let card = between(
            &page,
            &format!("id=\"{}\"", shown["id"].as_str().unwrap()),
            "</article>",
        );
        assert!(card.contains(short), "{lang}");
        for n in list(&shown["counts"]).iter().chain(list(&shown["funnel"])) {
            let n = format!(">{}<", l.whole(n["value"].as_u64().unwrap()));
            assert!(card.contains(&n), "{lang}: card lacks {n}");
        }
        // A bounded page: not every figure is on it.
        let cards = page.matches("class=\"card figure-card\"").count();
        assert!((1..=6).contains(&cards), "{lang}: {cards} figure cards");

        // The whole record is a link away: every figure with its source
        // by election, and by producer; the charts; corrections; producers.
        let record = between(&page, "id=\"whole-record\"", "</nav>");
        for anchor in ["all-charts", "conflicts"] {
            assert!(
                record.contains(&format!("{statistics}#{anchor}\"")),
                "{lang}: no link to {anchor}"
            );
        }
        for anchor in ["by-election", "by-producer"] {
            assert!(
                record.contains(&format!("{figures}#{anchor}\"")),
                "{lang}: no link to {anchor}"
            );
        }
        let corrections = if lang == "id" {
            "koreksi/"
        } else {
            "en/corrections/"
        };
        let producers_page = if lang == "id" {
            "produsen/"
        } else {
            "en/producers/"
        };
        assert!(record.contains(&format!("{corrections}\"")), "{lang}");
        assert!(record.contains(&format!("{producers_page}\"")), "{lang}");
        let stats = unescaped(&s.page(&format!("{statistics}index.html")));
        // Every place where the sources disagree, a link away.
        let conflicts: Vec<Value> = serde_yaml::from_value(yaml(s, "conflicts.yaml")).unwrap();
        let listed = between(&stats, "id=\"conflicts\"", "</section>");
        for k in &conflicts {
            let at = format!(
                "{}/{}/#conflict-{}\"",
                l.figures,
                k["figures"][0].as_str().unwrap(),
                k["id"].as_str().unwrap()
            );
            assert!(listed.contains(&at), "{lang}: no link to {at}");
        }
        // Every figure by election and by producer, on a page of their
        // own so that the statistics page keeps within its budget.
        let index = unescaped(&s.page(&format!("{figures}index.html")));
        assert!(
            stats.contains(&format!("{figures}\"")),
            "{lang}: no way to {figures}"
        );
        let by_election = between(&index, "id=\"by-election\"", "</section>");
        let by_producer = between(&index, "id=\"by-producer\"", "</section>");
        for (id, f) in &all {
            let link = format!("{}/{id}/\"", l.figures);
            assert!(by_election.contains(&link), "{lang}: {id} by election");
            assert!(by_producer.contains(&link), "{lang}: {id} by producer");
            if let Some(e) = f["election"].as_str() {
                let group = between(by_election, &format!("id=\"election-{e}\""), "</ul>");
                assert!(group.contains(&link), "{lang}: {id} under {e}");
            }
            if let Some(p) = f["producer"].as_str() {
                let group = between(by_producer, &format!("id=\"producer-{p}\""), "</ul>");
                assert!(group.contains(&link), "{lang}: {id} under {p}");
            }
        }
    }
}
