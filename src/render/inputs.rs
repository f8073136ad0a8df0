//! What each page is made of, as one number, so that a rebuild can skip
//! every page whose inputs did not change.
//!
//! A page's fingerprint hashes the plan entry (its path, kind, pager and
//! the ids of the records it lists) together with a hash of each record
//! it shows and of the site-wide values it reads. Two builds that give a
//! page the same fingerprint render it to the same bytes; the list of what
//! each kind reads mirrors [`super::views::page_data`] and must change
//! with it (`tests/editor_loop.rs` compares incremental rebuilds with
//! full builds for every kind of edit, which catches a missed input).

use std::hash::{Hash, Hasher};

use rustc_hash::FxHasher;

use super::views::LangViews;
use crate::model::Content;
use crate::plan::{Page, PageKind};

/// Hashes of the content, computed once per record and kept between
/// rebuilds (see `crate::session`).
#[derive(Debug, Clone, Default)]
pub struct RecordHashes {
    /// Everything every page may read: site.yaml, vocabularies, sources,
    /// the theme, the base URL and the build's options.
    pub global: u64,
    /// One per release, figure and case, in `Content` order.
    pub press: Vec<u64>,
    /// Per release, of what lists, feeds and links show of it: title,
    /// date, language, summary, tags, figures (not the body).
    pub cards: Vec<u64>,
    pub figures: Vec<u64>,
    pub cases: Vec<u64>,
}

/// Hashes derived from many records at once, computed once per rebuild.
pub struct Shared {
    /// Figures with the releases that cite them and every case: what the
    /// statistics, figure, chart and "known" pages are drawn from.
    statistics: u64,
    /// Everything: for pages that summarise the whole site.
    all: u64,
    /// Per language: the counts by year, election and province that every
    /// press list page shows, and the tag counts of the tag index.
    browse: Vec<u64>,
    tags: Vec<u64>,
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

impl Shared {
    pub fn new(c: &Content, langs: &[LangViews], r: &RecordHashes) -> Self {
        let citing: Vec<u64> = c
            .press
            .iter()
            .zip(&r.cards)
            .filter(|(p, _)| !p.meta.figures.is_empty())
            .map(|(_, h)| *h)
            .collect();
        let statistics = hash_of((r.global, &r.figures, &r.cases, citing));
        let all = hash_of((r.global, &r.figures, &r.cases, &r.cards));
        let browse = langs
            .iter()
            .map(|v| {
                hash_of(
                    v.orders
                        .by
                        .iter()
                        .map(|(k, l)| (k, l.len()))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        let tags = langs
            .iter()
            .map(|v| {
                hash_of(
                    v.orders
                        .tags
                        .iter()
                        .map(|(k, l)| (k, l.len()))
                        .collect::<Vec<_>>(),
                )
            })
            .collect();
        Shared {
            statistics,
            all,
            browse,
            tags,
        }
    }
}

/// The fingerprint of page `p`.
pub fn fingerprint(
    c: &Content,
    langs: &[LangViews],
    r: &RecordHashes,
    s: &Shared,
    p: &Page,
) -> u64 {
    let v = &langs[p.lang];
    let mut h = FxHasher::default();
    (r.global, &p.file, &p.url, p.lang).hash(&mut h);
    // The language switch (`views::same_page_target`): where this page is
    // in each language. For most kinds that follows from the page itself;
    // these depend on what the other languages hold.
    match &p.kind {
        PageKind::Press(i) => {
            let m = &c.press[*i].meta;
            if let Some(t) = &m.translation {
                let lang = v.idx.press.get(t).map(|&j| &c.press[j].meta.lang);
                (t, lang).hash(&mut h);
            }
        }
        PageKind::Tag { tag, .. } => {
            for l in langs {
                l.orders.tags.contains_key(tag).hash(&mut h);
            }
        }
        PageKind::PressBy { by, key, .. } => {
            for l in langs {
                l.orders.by.contains_key(&(*by, key.clone())).hash(&mut h);
            }
        }
        _ => {}
    }
    let press = |items: &[usize], h: &mut FxHasher| {
        for &i in items {
            (&c.press[i].slug, r.cards[i]).hash(h);
        }
    };
    match &p.kind {
        PageKind::Press(i) => {
            (0u8, r.press[*i]).hash(&mut h);
            // Previous and next: their cards.
            let neighbours: Vec<usize> = v.press_position[*i]
                .map(|k| {
                    [k.checked_sub(1), Some(k + 1)]
                        .into_iter()
                        .flatten()
                        .filter_map(|k| v.orders.press.get(k).copied())
                        .collect()
                })
                .unwrap_or_default();
            press(&neighbours, &mut h);
            if !c.press[*i].meta.figures.is_empty() {
                s.statistics.hash(&mut h);
            }
        }
        PageKind::PressList { pager, items } => {
            (1u8, pager, s.browse[p.lang]).hash(&mut h);
            press(items, &mut h);
        }
        PageKind::Tag { tag, pager, items } => {
            (2u8, tag, pager).hash(&mut h);
            press(items, &mut h);
        }
        PageKind::PressBy {
            by,
            key,
            pager,
            items,
        } => {
            (3u8, by, key, pager).hash(&mut h);
            press(items, &mut h);
        }
        PageKind::Feed { items, tag } => {
            (4u8, tag).hash(&mut h);
            press(items, &mut h);
        }
        PageKind::Tags => (5u8, s.tags[p.lang]).hash(&mut h),
        PageKind::Case(i) => (6u8, &c.cases[*i].id, r.cases[*i]).hash(&mut h),
        PageKind::CaseList { pager, items } => {
            (7u8, pager).hash(&mut h);
            for &i in items {
                (&c.cases[i].id, r.cases[i]).hash(&mut h);
            }
        }
        PageKind::Facet {
            dimension,
            code,
            pager,
            items,
        } => {
            (8u8, dimension, code, pager).hash(&mut h);
            for &i in items {
                (&c.cases[i].id, r.cases[i]).hash(&mut h);
            }
        }
        PageKind::Figure(i) => (9u8, &c.figures[*i].id, s.statistics).hash(&mut h),
        PageKind::Statistics => (10u8, s.statistics).hash(&mut h),
        PageKind::Chart(i) => (11u8, i, s.statistics).hash(&mut h),
        PageKind::Known { dimension, code } => {
            (12u8, dimension, code, s.statistics).hash(&mut h);
            let (shown, total) = super::views::known_press(c, v, *dimension, code);
            total.hash(&mut h);
            press(shown, &mut h);
        }
        // The newest releases, figures and charts: cheap enough to redo.
        PageKind::Home => (13u8, s.all).hash(&mut h),
        PageKind::Data => (14u8, s.all).hash(&mut h),
        PageKind::Search { indexed } => (15u8, indexed).hash(&mut h),
        PageKind::NotFound => 16u8.hash(&mut h),
    }
    h.finish()
}
