//! The plan: the list of every page to write, before any is rendered.
//!
//! Each page knows its path, its language and the records it shows; a
//! list page holds the indices of its own slice only, so rendering it
//! costs the same for a list of ten or of a hundred thousand.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::aggregate::Stats;
use crate::model::{Content, Dimension};

use super::orders::{Orders, per_page};
use super::pages::{self, Page, PageKind, Pager};
use super::urls::Sections;

/// Every page of the site from each language's orders, languages in
/// parallel, in plan order.
pub fn plan(c: &Content, stats: &Stats, orders: &[Orders], search: bool) -> Vec<Page> {
    c.site
        .languages
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, l)| plan_language(c, stats, i, &Sections::new(l), &orders[i], search))
        .collect()
}

/// Splits `items` into pages of `per_page` under `base`.
fn paginate(
    s: &Sections,
    base: &str,
    items: &[usize],
    per_page: usize,
    lang: usize,
    mut make: impl FnMut(Pager, Vec<usize>) -> PageKind,
) -> Vec<Page> {
    let total = items.len().div_ceil(per_page).max(1);
    (1..=total)
        .map(|n| {
            let slice = items
                .iter()
                .skip((n - 1) * per_page)
                .take(per_page)
                .copied()
                .collect();
            let pager = Pager {
                number: n,
                total,
                prev: (n > 1).then(|| s.paged(base, n - 1)),
                next: (n < total).then(|| s.paged(base, n + 1)),
                first: base.to_string(),
            };
            Page::html(s.paged(base, n), lang, make(pager, slice))
        })
        .collect()
}

/// Every page of one language.
pub fn plan_language(
    c: &Content,
    stats: &Stats,
    lang: usize,
    s: &Sections,
    o: &Orders,
    search: bool,
) -> Vec<Page> {
    let per_page = per_page(&c.site);
    let page = |url: String, kind: PageKind| Page::html(url, lang, kind);
    let mut pages = vec![
        page(pages::Home::address(s), pages::Home.into()),
        page(pages::Statistics::address(s), pages::Statistics.into()),
        page(pages::Data::address(s), pages::Data.into()),
        page(pages::Tags::address(s), pages::Tags.into()),
        page(
            pages::Search::address(s),
            pages::Search { indexed: search }.into(),
        ),
    ];
    if !c.figures.is_empty() {
        pages.push(page(
            pages::FigureIndex::address(s),
            pages::FigureIndex.into(),
        ));
    }
    pages.extend(c.figures.iter().enumerate().map(|(i, f)| {
        page(
            pages::Figure::address(s, &f.id),
            pages::Figure { figure: i }.into(),
        )
    }));
    let v = &c.vocab;
    let known = v
        .positions
        .iter()
        .map(|x| (Dimension::Position, &x.code))
        .chain(v.categories.iter().map(|x| (Dimension::Category, &x.code)))
        .chain(v.regions.iter().map(|x| (Dimension::Region, &x.code)));
    pages.extend(known.map(|(d, code)| {
        page(
            pages::Known::address(s, d, code),
            pages::Known {
                dimension: d,
                code: code.clone(),
            }
            .into(),
        )
    }));
    pages.extend(stats.chart_ids().enumerate().map(|(i, id)| {
        page(
            pages::Chart::address(s, id),
            pages::Chart { chart: i }.into(),
        )
    }));
    pages.extend(paginate(
        s,
        &pages::PressList::address(s),
        &o.press,
        per_page,
        lang,
        |pager, items| pages::PressList { pager, items }.into(),
    ));
    // The releases and the tags are most of a site's pages: made on all
    // cores, kept in order (this is on `check`'s path, before anything
    // else can run).
    pages.par_extend(o.press.par_iter().map(|&i| {
        page(
            pages::Press::address(s, &c.press[i].slug),
            pages::Press { release: i }.into(),
        )
    }));
    pages.par_extend(o.tags.par_iter().flat_map_iter(|(tag, items)| {
        paginate(
            s,
            &pages::Tag::address(s, tag),
            items,
            per_page,
            lang,
            |pager, items| {
                pages::Tag {
                    tag: tag.clone(),
                    pager,
                    items,
                }
                .into()
            },
        )
    }));
    if !c.cases.is_empty() {
        pages.extend(paginate(
            s,
            &pages::CaseList::address(s),
            &o.cases,
            per_page,
            lang,
            |pager, items| pages::CaseList { pager, items }.into(),
        ));
        pages.extend(o.cases.iter().map(|&i| {
            page(
                pages::Case::address(s, &c.cases[i].id),
                pages::Case { case: i }.into(),
            )
        }));
        let mut facets: BTreeMap<(Dimension, &str), Vec<usize>> = BTreeMap::new();
        for &i in &o.cases {
            let k = &c.cases[i];
            facets
                .entry((Dimension::Position, &k.position))
                .or_default()
                .push(i);
            facets
                .entry((Dimension::Region, &k.region))
                .or_default()
                .push(i);
            for cat in &k.categories {
                facets
                    .entry((Dimension::Category, cat))
                    .or_default()
                    .push(i);
            }
        }
        for ((d, code), items) in facets {
            pages.extend(paginate(
                s,
                &pages::Facet::address(s, d, code),
                &items,
                per_page,
                lang,
                |pager, items| {
                    pages::Facet {
                        dimension: d,
                        code: code.to_string(),
                        pager,
                        items,
                    }
                    .into()
                },
            ));
        }
    }
    for ((by, key), items) in &o.by {
        pages.extend(paginate(
            s,
            &pages::PressBy::address(s, *by, key),
            items,
            per_page,
            lang,
            |pager, items| {
                pages::PressBy {
                    by: *by,
                    key: key.clone(),
                    pager,
                    items,
                }
                .into()
            },
        ));
    }
    // Feeds: the newest releases, and the newest of each tag.
    let feed = |items: &[usize], tag: Option<&String>| {
        Page::file(
            pages::Feed::address(s, tag.map(String::as_str)),
            lang,
            pages::Feed {
                items: items.iter().take(pages::feed::ENTRIES).copied().collect(),
                tag: tag.cloned(),
            },
        )
    };
    pages.push(feed(&o.press, None));
    for (tag, items) in &o.tags {
        pages.push(feed(items, Some(tag)));
    }
    // Who produces the figures, when the site names them.
    if c.institutions.is_some() || !c.vocab.producers.is_empty() {
        pages.push(page(pages::Producers::address(s), pages::Producers.into()));
    }
    // The corrections log, when the site keeps one.
    if !c.corrections.is_empty() {
        pages.push(page(
            pages::Corrections::address(s),
            pages::Corrections.into(),
        ));
        pages.push(Page::file(
            pages::CorrectionsFeed::address(s),
            lang,
            pages::CorrectionsFeed,
        ));
    }
    pages.push(Page::file(
        pages::NotFound::address(s),
        lang,
        pages::NotFound,
    ));
    pages
}
