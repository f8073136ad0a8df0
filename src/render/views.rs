//! The values templates see: records turned into labelled, formatted,
//! linked views for one language.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;
use serde_json::{Value, json};
use tera::Value as TeraValue;

use crate::aggregate::{Kind, Stats};
use crate::chart::{self, ChartView};
use crate::export::DATASETS;
use crate::format;
use crate::i18n::Locale;
use crate::markdown;
use crate::model::{self, Content, Dimension, Figure, Index, Record};
use crate::plan::{By, Orders, Page, PageKind, Pager, Sections};

/// A template value built in place, `map! { "title" => x, … }`, each
/// value through `TeraValue::from`. Pages are built this way rather than
/// through `json!` (a second tree, serialised again into Tera's): Tera's
/// values share their contents, so a card or source made once per
/// language goes into every page that shows it for the price of a count.
macro_rules! map {
    ($($k:literal => $v:expr),* $(,)?) => {{
        let mut m = tera::Map::new();
        $( m.insert(tera::value::Key::from($k), TeraValue::from($v)); )*
        TeraValue::from(m)
    }};
}

/// A record view as a template value.
fn ser<T: Serialize + ?Sized>(x: &T) -> TeraValue {
    TeraValue::from_serializable(x)
}

fn link(label: &str, url: String) -> TeraValue {
    map! { "label" => label, "url" => url }
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub id: String,
    pub outlet: String,
    pub title: String,
    pub date: String,
    pub url: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PressCard {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
    pub tags: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Number {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub rate: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShareView {
    pub title: String,
    pub parts: Vec<Number>,
    pub not_published: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub id: String,
    pub url: String,
    pub title: String,
    /// "per 31 Juli 2020" or "tahun 2018".
    pub period: String,
    pub election: Option<String>,
    pub source: Option<SourceView>,
    pub compiled_by: Option<String>,
    pub counts: Vec<Number>,
    pub funnel: Vec<Number>,
    pub shares: Vec<ShareView>,
    pub leading: Vec<Number>,
    pub note: Option<String>,
    pub charts: Vec<Link>,
    pub releases: Vec<Link>,
}

/// Everything one language's pages draw from, built once.
pub struct LangViews<'a> {
    /// Where each release stands in `orders.press` (for previous/next in
    /// constant time; a search per page made the build quadratic).
    pub press_position: Vec<Option<usize>>,
    /// `charts[..site_charts]` are the statistics page's; the rest belong to facet pages.
    pub site_charts: usize,
    /// Indices into `charts` of each facet's charts.
    pub facet_charts: HashMap<(Dimension, String), Vec<usize>>,
    pub idx: &'a Index,
    /// `base_url` with a trailing slash, for absolute links (feeds, embeds, citations).
    pub base_url: String,
    pub index: usize,
    pub lang: String,
    pub locale: &'a Locale,
    pub sections: Sections,
    pub orders: Orders,
    pub charts: Vec<ChartView>,
    pub figures: Vec<FigureView>,
    /// Newest first.
    pub figure_order: Vec<usize>,
    /// The card of each release of this language as a template value,
    /// made when first needed: a check renders a few pages, and
    /// needs a few cards.
    press: Vec<OnceLock<Option<TeraValue>>>,
    content: &'a Content,
    pub sources: HashMap<String, SourceView>,
    /// `sources` as template values.
    source_values: HashMap<String, TeraValue>,
    /// The links by year, election and province every press list shows.
    browse: OnceLock<TeraValue>,
}

impl<'a> LangViews<'a> {
    pub fn build(
        c: &'a Content,
        idx: &'a Index,
        stats: &Stats,
        locale: &'a Locale,
        index: usize,
        sections: Sections,
        orders: Orders,
    ) -> Self {
        let lang = c.site.languages[index].code.clone();
        let dl = c.site.default_lang().to_string();
        let sources: HashMap<String, SourceView> = c
            .sources
            .iter()
            .map(|s| {
                let v = SourceView {
                    id: s.id.clone(),
                    outlet: s.outlet.clone(),
                    title: s.title.get(&lang, &dl).to_string(),
                    date: format::date(s.date, locale),
                    url: s.url.clone(),
                    place: s.place.clone(),
                };
                (s.id.clone(), v)
            })
            .collect();
        let charts: Vec<ChartView> = stats
            .all()
            .map(|a| chart::view(a, c, idx, locale, &lang))
            .collect();
        let site_charts = stats.charts.len();
        let facet_charts = stats.facets.iter().enumerate().fold(
            HashMap::new(),
            |mut m: HashMap<(Dimension, String), Vec<usize>>, (i, a)| {
                if let Some(f) = &a.facet {
                    m.entry(f.clone()).or_default().push(site_charts + i);
                }
                m
            },
        );
        let figures = c
            .figures
            .iter()
            .map(|f| figure_view(c, idx, f, locale, &lang, &sections, &sources, &charts))
            .collect();
        let mut figure_order: Vec<usize> = (0..c.figures.len()).collect();
        figure_order.sort_by(|&a, &b| {
            let (fa, fb) = (&c.figures[a], &c.figures[b]);
            (fb.as_of.map(|d| d.year()).or(fb.year), fb.as_of, &fa.id).cmp(&(
                fa.as_of.map(|d| d.year()).or(fa.year),
                fa.as_of,
                &fb.id,
            ))
        });
        let base_url = if c.site.base_url.ends_with('/') {
            c.site.base_url.clone()
        } else {
            format!("{}/", c.site.base_url)
        };
        let mut press_position = vec![None; c.press.len()];
        for (k, &i) in orders.press.iter().enumerate() {
            press_position[i] = Some(k);
        }
        let source_values = sources.iter().map(|(id, s)| (id.clone(), ser(s))).collect();
        LangViews {
            press: (0..c.press.len()).map(|_| OnceLock::new()).collect(),
            source_values,
            browse: OnceLock::new(),
            content: c,
            press_position,
            site_charts,
            facet_charts,
            idx,
            base_url,
            index,
            lang,
            locale,
            sections,
            orders,
            charts,
            figures,
            figure_order,
            sources,
        }
    }
}

impl LangViews<'_> {
    /// The cards made so far, to be freed where the caller chooses (a
    /// rebuild hands them to another thread rather than make the editor
    /// wait).
    pub fn take_cards(&mut self) -> Vec<OnceLock<Option<TeraValue>>> {
        std::mem::take(&mut self.press)
    }

    /// The card of release `i` as a template value, if it is in this
    /// language.
    fn card_value(&self, i: usize) -> Option<TeraValue> {
        self.press[i]
            .get_or_init(|| self.make_card(i).map(|card| ser(&card)))
            .clone()
    }

    /// The card of release `i`, if it is in this language.
    pub fn card(&self, i: usize) -> Option<PressCard> {
        self.make_card(i)
    }

    fn make_card(&self, i: usize) -> Option<PressCard> {
        self.press_position[i]?;
        let p = &self.content.press[i];
        let s = &self.sections;
        Some(PressCard {
            title: p.meta.title.clone(),
            url: s.press(&p.slug),
            date: format::date(p.meta.date, self.locale),
            date_iso: p.meta.date.to_string(),
            summary: p.meta.summary.clone(),
            tags: p
                .meta
                .tags
                .iter()
                .map(|t| Link {
                    label: t.clone(),
                    url: s.tag(t),
                })
                .collect(),
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn figure_view(
    c: &Content,
    idx: &Index,
    f: &Record<Figure>,
    l: &Locale,
    lang: &str,
    s: &Sections,
    sources: &HashMap<String, SourceView>,
    charts: &[ChartView],
) -> FigureView {
    let dl = c.site.default_lang();
    let measure = |m: &str| idx.measures.get(m).map(|&i| &c.vocab.measures[i]);
    let unit_of = |m: &str| {
        measure(m).map_or(String::new(), |x| {
            l.t(&format!("unit_{}", x.unit)).to_string()
        })
    };
    let period = match (f.as_of, f.year) {
        (Some(d), _) => format!("{} {}", l.t("as_of"), format::date(d, l)),
        (None, Some(y)) => format!("{} {y}", l.t("year")),
        _ => String::new(),
    };
    let mut funnel: Vec<Number> = Vec::new();
    for (i, step) in f.funnel.iter().enumerate() {
        let rate = i
            .checked_sub(1)
            .and_then(|b| model::stage_rate(f.funnel[b].value as f64, step.value as f64))
            .map(|r| format::percent(r, l));
        funnel.push(Number {
            label: c.label(Dimension::Outcome, idx, &step.stage, lang),
            value: format::integer(step.value, l),
            unit: l.t("unit_people").to_string(),
            rate,
        });
    }
    let shares = f
        .shares
        .iter()
        .map(|sh| {
            let of = measure(&sh.of).map_or(sh.of.clone(), |m| m.label.get(lang, dl).to_string());
            ShareView {
                title: format!("{} — {}", l.t(&format!("dim_{}", sh.by.key())), of),
                parts: sh
                    .parts
                    .iter()
                    .map(|p| Number {
                        label: c.label(sh.by, idx, &p.code, lang),
                        value: format::percent(p.percent, l),
                        unit: String::new(),
                        rate: None,
                    })
                    .collect(),
                not_published: sh.not_published().map(|rest| format::percent(rest, l)),
            }
        })
        .collect();
    let mut releases: Vec<(String, Link)> = Vec::new();
    for p in &c.press {
        if p.meta.lang == lang && p.meta.figures.contains(&f.id) {
            releases.push((
                p.meta.date.to_string(),
                Link {
                    label: p.meta.title.clone(),
                    url: s.press(&p.slug),
                },
            ));
        }
    }
    releases.sort_by(|a, b| b.0.cmp(&a.0));
    FigureView {
        id: f.id.clone(),
        url: s.figure(&f.id),
        title: f.title.get(lang, dl).to_string(),
        period,
        election: f
            .election
            .as_ref()
            .and_then(|e| idx.elections.get(e))
            .map(|&i| c.vocab.elections[i].label.get(lang, dl).to_string()),
        source: sources.get(&f.source).cloned(),
        compiled_by: f.compiled_by.clone(),
        counts: f
            .counts
            .iter()
            .map(|n| Number {
                label: measure(&n.measure)
                    .map_or(n.measure.clone(), |m| m.label.get(lang, dl).to_string()),
                value: format::integer(n.value, l),
                unit: unit_of(&n.measure),
                rate: None,
            })
            .collect(),
        funnel,
        shares,
        leading: f
            .leading
            .iter()
            .map(|x| Number {
                label: l.t(&format!("dim_{}", x.by.key())).to_string(),
                value: c.label(x.by, idx, &x.code, lang),
                unit: String::new(),
                rate: None,
            })
            .collect(),
        note: f.note.as_ref().map(|n| n.get(lang, dl).to_string()),
        charts: charts
            .iter()
            .filter(|ch| ch.figures.contains(&f.id))
            .map(|ch| Link {
                label: ch.title.clone(),
                url: format!("{}#{}", s.section("statistics"), ch.id),
            })
            .collect(),
        releases: releases.into_iter().map(|(_, l)| l).collect(),
    }
}

/// The CSV of exactly one chart's numbers: header row, one row per bar.
pub fn chart_csv(ch: &ChartView) -> String {
    // CRLF like every other CSV of the site (RFC 4180, Frictionless default).
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(["label", "value", "unit", "not_published"]);
    for r in &ch.rows {
        let _ = w.write_record([
            r.label.as_str(),
            &r.value.to_string(),
            &ch.unit,
            if r.not_published { "true" } else { "false" },
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn pager(p: &Pager) -> TeraValue {
    map! { "first" => p.first.as_str(), "next" => p.next.as_deref(), "number" => p.number, "prev" => p.prev.as_deref(), "total" => p.total }
}

fn cards(v: &LangViews, items: &[usize]) -> Vec<TeraValue> {
    items.iter().filter_map(|&i| v.card_value(i)).collect()
}

fn chart_with_sources(v: &LangViews, ch: &ChartView) -> Value {
    let sources: Vec<&SourceView> = {
        let mut ids = ch.sources.clone();
        ids.dedup();
        ids.iter().filter_map(|id| v.sources.get(id)).collect()
    };
    let figures: Vec<Link> = ch
        .figures
        .iter()
        .filter_map(|id| v.figures.iter().find(|f| &f.id == id))
        .map(|f| Link {
            label: f.title.clone(),
            url: f.url.clone(),
        })
        .collect();
    let base = format!("{}{}", v.sections.section("statistics"), ch.id);
    let page = v.sections.chart(&ch.id);
    // Where the chart lives among other charts: the link back from its own page.
    let home = match &ch.facet {
        Some((d, code)) => v.sections.known(*d, code),
        None => v.sections.section("statistics"),
    };
    let back = format!("{home}#{}", ch.id);
    let permalink = format!("{}{page}", v.base_url);
    // Releases that report the chart's figures: the reader's way from a
    // number to the text that published it.
    let mut releases: Vec<&Link> = v
        .figures
        .iter()
        .filter(|f| ch.figures.contains(&f.id))
        .flat_map(|f| &f.releases)
        .collect();
    releases.sort_by(|a, b| a.url.cmp(&b.url));
    releases.dedup_by(|a, b| a.url == b.url);
    let height = 160 + ch.rows.len() * 90;
    let embed = format!(
        "<iframe src=\"{permalink}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:0\"></iframe>",
        ch.title
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    );
    json!({
        "chart": ch, "sources": sources, "figures": figures, "releases": releases,
        "csv": format!("{base}.csv"), "svg": format!("{base}.svg"),
        "page": page, "permalink": permalink, "embed": embed, "back": back,
    })
}

/// The template and the `page` value of one planned page. Pages made by
/// the thousand (releases, lists, feeds, cases) are built as template
/// values directly; the others go through `json!`, which reads better.
pub fn page_data(c: &Content, v: &LangViews, p: &Page) -> (&'static str, TeraValue) {
    match &p.kind {
        PageKind::PressList { pager: pg, items } => (
            "press_list.html",
            map! { "browse" => v.browse(c), "items" => cards(v, items), "pager" => pager(pg), "tag" => TeraValue::none(), "title" => v.locale.t("press") },
        ),
        PageKind::Tag {
            tag,
            pager: pg,
            items,
        } => (
            "press_list.html",
            map! { "feed" => format!("{}atom.xml", v.sections.tag(tag)), "items" => cards(v, items), "pager" => pager(pg), "tag" => tag.as_str(), "title" => format!("{}: {tag}", v.locale.t("tag")) },
        ),
        PageKind::PressBy {
            by,
            key,
            pager: pg,
            items,
        } => {
            let label = by_label(c, v, *by, key);
            let title = format!("{}: {label}", v.locale.t(&format!("by_{}", by.section())));
            (
                "press_list.html",
                map! { "items" => cards(v, items), "pager" => pager(pg), "tag" => TeraValue::none(), "title" => title },
            )
        }
        PageKind::Press(i) => press_page(c, v, *i),
        PageKind::Feed { items, tag } => feed(c, v, p, items, tag.as_deref()),
        PageKind::CaseList { pager: pg, items } => (
            "cases.html",
            map! { "facet" => TeraValue::none(), "items" => case_rows(c, v, items), "pager" => pager(pg), "title" => v.locale.t("cases") },
        ),
        PageKind::Facet {
            dimension,
            code,
            pager: pg,
            items,
        } => {
            let label = c.label(*dimension, v.idx, code, &v.lang);
            let title = format!(
                "{}: {label}",
                v.locale.t(&format!("dim_{}", dimension.key()))
            );
            (
                "cases.html",
                map! { "facet" => label, "items" => case_rows(c, v, items), "pager" => pager(pg), "title" => title },
            )
        }
        PageKind::Case(i) => {
            let row = case_rows(c, v, &[*i]).pop();
            let k = &c.cases[*i];
            let summary = k
                .summary
                .as_ref()
                .map(|s| s.get(&v.lang, c.site.default_lang()).to_string());
            (
                "case.html",
                map! { "case" => row, "summary" => summary, "title" => format!("{} {}", v.locale.t("case"), k.id) },
            )
        }
        _ => {
            let (template, value) = other_page_data(c, v, p);
            (template, ser(&value))
        }
    }
}

/// [`page_data`] of the pages a site has a few of.
fn other_page_data(c: &Content, v: &LangViews, p: &Page) -> (&'static str, Value) {
    let t = |k: &str| v.locale.t(k).to_string();
    match &p.kind {
        PageKind::Home => {
            let latest: Vec<&FigureView> = v.figure_order.iter().map(|&i| &v.figures[i]).collect();
            let charts: Vec<Value> = v.charts[..v.site_charts]
                .iter()
                .filter(|ch| ch.kind != Kind::ByYear)
                .take(2)
                .map(|ch| chart_with_sources(v, ch))
                .collect();
            let press: Vec<PressCard> = v
                .orders
                .press
                .iter()
                .take(3)
                .filter_map(|&i| v.card(i))
                .collect();
            (
                "home.html",
                json!({ "title": t("home"), "figures": latest, "charts": charts, "press": press }),
            )
        }
        PageKind::Statistics => {
            let charts: Vec<Value> = v.charts[..v.site_charts]
                .iter()
                .map(|ch| chart_with_sources(v, ch))
                .collect();
            (
                "statistics.html",
                json!({ "title": t("statistics"), "charts": charts, "has_cases": !c.cases.is_empty(), "facets": facet_index(c, v) }),
            )
        }
        PageKind::Figure(i) => {
            let f = &v.figures[*i];
            ("figure.html", json!({ "title": f.title, "figure": f }))
        }
        PageKind::Tags => {
            let tags: Vec<Value> = v.orders.tags.iter().map(|(tag, items)| json!({ "label": tag, "url": v.sections.tag(tag), "count": items.len() })).collect();
            ("tags.html", json!({ "title": t("tags"), "tags": tags }))
        }
        PageKind::Chart(i) => {
            let ch = &v.charts[*i];
            (
                "chart.html",
                json!({ "title": ch.title, "summary": ch.description, "item": chart_with_sources(v, ch) }),
            )
        }
        PageKind::Known { dimension, code } => known_page(c, v, *dimension, code),
        PageKind::Data => data_page(c, v),
        PageKind::Search { indexed } => (
            "search.html",
            json!({ "title": t("search"), "indexed": indexed }),
        ),
        PageKind::NotFound => ("404.html", json!({ "title": t("not_found") })),
        PageKind::PressList { .. }
        | PageKind::Tag { .. }
        | PageKind::PressBy { .. }
        | PageKind::Press(_)
        | PageKind::Feed { .. }
        | PageKind::CaseList { .. }
        | PageKind::Facet { .. }
        | PageKind::Case(_) => unreachable!("made by page_data"),
    }
}

/// How a province, election or year is named in this language.
fn by_label(c: &Content, v: &LangViews, by: By, key: &str) -> String {
    match by {
        By::Region => c.label(Dimension::Region, v.idx, key, &v.lang),
        By::Election => v.idx.elections.get(key).map_or(key.to_string(), |&i| {
            c.vocab.elections[i]
                .label
                .get(&v.lang, c.site.default_lang())
                .to_string()
        }),
        By::Year => key.to_string(),
    }
}

impl LangViews<'_> {
    /// [`browse_index`], made once: every page of the press list shows it.
    fn browse(&self, c: &Content) -> TeraValue {
        self.browse
            .get_or_init(|| ser(&browse_index(c, self)))
            .clone()
    }
}

/// Links to the releases by year, election and province, for list pages.
fn browse_index(c: &Content, v: &LangViews) -> Vec<Value> {
    By::ALL
        .iter()
        .map(|&by| {
            let mut items: Vec<(&String, usize)> = v.orders.by.iter().filter(|((b, _), _)| *b == by).map(|((_, k), list)| (k, list.len())).collect();
            if by == By::Year {
                items.reverse();
            }
            let links: Vec<Value> = items.iter().map(|(k, n)| json!({ "label": by_label(c, v, by, k), "url": v.sections.press_by(by, k), "count": n })).collect();
            json!({ "label": v.locale.t(&format!("by_{}", by.section())), "items": links })
        })
        .filter(|g| g["items"].as_array().is_some_and(|a| !a.is_empty()))
        .collect()
}

/// An Atom feed (RFC 4287) of `items`: absolute links, stable ids.
fn feed(
    c: &Content,
    v: &LangViews,
    p: &Page,
    items: &[usize],
    tag: Option<&str>,
) -> (&'static str, TeraValue) {
    let base = &v.base_url;
    let entries: Vec<TeraValue> = items
        .iter()
        .map(|&i| {
            let url = format!("{base}{}", v.sections.press(&c.press[i].slug));
            map! { "card" => v.card_value(i), "id" => url, "updated" => format!("{}T00:00:00Z", c.press[i].meta.date) }
        })
        .collect();
    let updated = items.first().map_or_else(
        || "2000-01-01T00:00:00Z".to_string(),
        |&i| format!("{}T00:00:00Z", c.press[i].meta.date),
    );
    let (title, home) = match tag {
        Some(t) => (
            format!("{}: {t}", v.locale.t("tag")),
            format!("{base}{}", v.sections.tag(t)),
        ),
        None => (
            v.locale.t("press").to_string(),
            format!("{base}{}", v.sections.section("press")),
        ),
    };
    (
        "atom.xml",
        map! { "entries" => entries, "home" => home, "self" => format!("{base}{}", p.url), "title" => title, "updated" => updated },
    )
}

fn press_page(c: &Content, v: &LangViews, i: usize) -> (&'static str, TeraValue) {
    let p = &c.press[i];
    let card = v.card_value(i);
    let pos = v.press_position[i];
    // The list is newest first: "previous" is the older release.
    let older = pos
        .and_then(|k| v.orders.press.get(k + 1))
        .and_then(|&j| v.card_value(j));
    let newer = pos
        .and_then(|k| k.checked_sub(1))
        .and_then(|k| v.orders.press.get(k))
        .and_then(|&j| v.card_value(j));
    let sources: Vec<&SourceView> = p
        .meta
        .sources
        .iter()
        .filter_map(|s| v.sources.get(s))
        .collect();
    let figures: Vec<TeraValue> = p
        .meta
        .figures
        .iter()
        .filter_map(|id| v.figures.iter().find(|f| &f.id == id))
        .map(|f| link(&format!("{} ({})", f.title, f.period), f.url.clone()))
        .collect();
    let source_values: Vec<TeraValue> = p
        .meta
        .sources
        .iter()
        .filter_map(|s| v.source_values.get(s).cloned())
        .collect();
    let idx = v.idx;
    let region = p
        .meta
        .region
        .as_ref()
        .map(|r| c.label(Dimension::Region, idx, r, &v.lang));
    let election = p
        .meta
        .election
        .as_ref()
        .and_then(|e| idx.elections.get(e))
        .map(|&k| {
            c.vocab.elections[k]
                .label
                .get(&v.lang, c.site.default_lang())
                .to_string()
        });
    let body = markdown::to_html(&p.body);
    let url = format!("{}{}", v.base_url, v.sections.press(&p.slug));
    let article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": p.meta.title,
        "description": p.meta.summary,
        "datePublished": p.meta.date.to_string(),
        "inLanguage": p.meta.lang,
        "url": url,
        "mainEntityOfPage": url,
        "keywords": p.meta.tags,
        "publisher": { "@type": "Organization", "name": c.site.publisher.get(&v.lang, c.site.default_lang()) },
        "citation": sources.iter().map(|s| json!({ "@type": "CreativeWork", "name": s.title, "publisher": s.outlet, "datePublished": s.date })).collect::<Vec<_>>(),
    });
    let json_ld = json_for_script(&article);
    (
        "press.html",
        map! { "body" => body, "card" => card, "election" => election, "figures" => figures, "json_ld" => json_ld, "newer" => newer, "og_type" => "article", "older" => older, "region" => region, "sources" => source_values, "summary" => p.meta.summary.as_str(), "title" => p.meta.title.as_str() },
    )
}

fn case_rows(c: &Content, v: &LangViews, items: &[usize]) -> Vec<TeraValue> {
    let idx = v.idx;
    items
        .iter()
        .map(|&i| {
            let k = &c.cases[i];
            let facet = |d: Dimension, code: &str| link(&c.label(d, idx, code, &v.lang), v.sections.facet(d, code));
            map! {
                "agency" => k.agency.as_str(),
                "categories" => k.categories.iter().map(|x| facet(Dimension::Category, x)).collect::<Vec<_>>(),
                "date" => format::date(k.date, v.locale),
                "id" => k.id.as_str(),
                "outcome" => c.label(Dimension::Outcome, idx, &k.outcome, &v.lang),
                "position" => facet(Dimension::Position, &k.position),
                "region" => facet(Dimension::Region, &k.region),
                "source" => v.source_values.get(&k.source).cloned(),
                "url" => v.sections.case(&k.id),
            }
        })
        .collect()
}

/// The URL of the page `p` in language `l`, relative to `p`: the same page
/// where it exists there, else that language's home page.
pub fn same_page_in(p: &Page, l: &LangViews, c: &Content) -> String {
    let root = "../".repeat(p.url.matches('/').count());
    let out = format!("{root}{}", same_page_target(p, l, c));
    if out.is_empty() { "./".into() } else { out }
}

/// The site-relative URL of the page `p` in language `l`.
pub fn same_page_target(p: &Page, l: &LangViews, c: &Content) -> String {
    let s = &l.sections;
    match &p.kind {
        PageKind::Home => s.home(),
        PageKind::Statistics => s.section("statistics"),
        PageKind::Chart(i) => s.chart(&l.charts[*i].id),
        PageKind::Known { dimension, code } => s.known(*dimension, code),
        PageKind::Data => s.section("data"),
        PageKind::Search { .. } => s.search(),
        PageKind::Tags => s.section("tags"),
        PageKind::Figure(i) => s.figure(&c.figures[*i].id),
        PageKind::PressList { .. } => s.section("press"),
        PageKind::Press(i) => {
            let p = &c.press[*i];
            if p.meta.lang == l.lang {
                s.press(&p.slug)
            } else {
                match &p.meta.translation {
                    Some(t)
                        if l.idx
                            .press
                            .get(t)
                            .is_some_and(|&j| c.press[j].meta.lang == l.lang) =>
                    {
                        s.press(t)
                    }
                    _ => s.section("press"),
                }
            }
        }
        PageKind::CaseList { .. } => s.section("cases"),
        PageKind::Case(i) => s.case(&c.cases[*i].id),
        PageKind::Facet {
            dimension, code, ..
        } => s.facet(*dimension, code),
        PageKind::Tag { tag, .. } if l.orders.tags.contains_key(tag) => s.tag(tag),
        PageKind::Tag { .. } => s.section("tags"),
        PageKind::PressBy { by, key, .. } if l.orders.by.contains_key(&(*by, key.clone())) => {
            s.press_by(*by, key)
        }
        PageKind::PressBy { .. } => s.section("press"),
        PageKind::NotFound | PageKind::Feed { .. } => s.home(),
    }
}

/// JSON to embed in a `<script type="application/ld+json">`: inside it,
/// only `<` could end the element early, so it is escaped.
fn json_for_script(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

/// Links to every position, category and province page, by dimension.
fn facet_index(c: &Content, v: &LangViews) -> Vec<Value> {
    let vocab = &c.vocab;
    let groups: [(Dimension, Vec<&str>); 3] = [
        (
            Dimension::Position,
            vocab.positions.iter().map(|x| x.code.as_str()).collect(),
        ),
        (
            Dimension::Category,
            vocab.categories.iter().map(|x| x.code.as_str()).collect(),
        ),
        (
            Dimension::Region,
            vocab.regions.iter().map(|x| x.code.as_str()).collect(),
        ),
    ];
    groups
        .iter()
        .map(|(d, codes)| {
            let items: Vec<Link> = codes
                .iter()
                .map(|code| Link {
                    label: c.label(*d, v.idx, code, &v.lang),
                    url: v.sections.known(*d, code),
                })
                .collect();
            json!({ "label": v.locale.t(&format!("dim_{}", d.key())), "items": items })
        })
        .collect()
}

/// The releases a "known" page shows (a province's newest, a page's
/// worth; none for other dimensions) and how many there are in all: the
/// page links to the paginated list of all of them, so that it stays one
/// size however many releases a province gathers over the years.
pub fn known_press<'v>(
    c: &Content,
    v: &'v LangViews,
    d: Dimension,
    code: &str,
) -> (&'v [usize], usize) {
    let about: &[usize] = match d {
        Dimension::Region => v
            .orders
            .by
            .get(&(By::Region, code.to_string()))
            .map_or(&[], Vec::as_slice),
        _ => &[],
    };
    (
        &about[..about.len().min(crate::plan::per_page(c))],
        about.len(),
    )
}

/// One position, category or province: the official figures that name it,
/// with their date and source; its cases and their charts when there are
/// any; and, for a province, the releases about it.
fn known_page(c: &Content, v: &LangViews, d: Dimension, code: &str) -> (&'static str, Value) {
    let l = v.locale;
    let label = c.label(d, v.idx, code, &v.lang);
    let mut facts: Vec<Value> = Vec::new();
    for &i in &v.figure_order {
        let f = &c.figures[i];
        let fv = &v.figures[i];
        let source = fv
            .source
            .as_ref()
            .map(|s| format!("{}, {}", s.outlet, s.date));
        for sh in f.shares.iter().filter(|sh| sh.by == d) {
            for p in sh.parts.iter().filter(|p| p.code == code) {
                let of = v.idx.measures.get(&sh.of).map_or(sh.of.clone(), |&m| {
                    c.vocab.measures[m]
                        .label
                        .get(&v.lang, c.site.default_lang())
                        .to_string()
                });
                facts.push(json!({ "value": format::percent(p.percent, l), "what": of, "period": fv.period, "figure": fv.title, "url": fv.url, "source": source }));
            }
        }
        for x in f.leading.iter().filter(|x| x.by == d && x.code == code) {
            let _ = x;
            facts.push(json!({ "value": l.t("leading"), "what": "", "period": fv.period, "figure": fv.title, "url": fv.url, "source": source }));
        }
    }
    let charts: Vec<Value> = v
        .facet_charts
        .get(&(d, code.to_string()))
        .into_iter()
        .flatten()
        .map(|&i| chart_with_sources(v, &v.charts[i]))
        .collect();
    let cases = c
        .cases
        .iter()
        .filter(|k| match d {
            Dimension::Position => k.position == code,
            Dimension::Category => k.categories.iter().any(|x| x == code),
            Dimension::Region => k.region == code,
            Dimension::Outcome => k.outcome == code,
        })
        .count();
    let (shown, total) = known_press(c, v, d, code);
    let press: Vec<PressCard> = shown.iter().filter_map(|&i| v.card(i)).collect();
    let press_all = (total > shown.len()).then(|| v.sections.press_by(By::Region, code));
    let description = match d {
        Dimension::Position => v
            .idx
            .positions
            .get(code)
            .and_then(|&i| c.vocab.positions[i].description.as_ref()),
        Dimension::Category => v
            .idx
            .categories
            .get(code)
            .and_then(|&i| c.vocab.categories[i].description.as_ref()),
        _ => None,
    }
    .map(|t| t.get(&v.lang, c.site.default_lang()).to_string());
    let title = format!("{}: {label}", l.t(&format!("dim_{}", d.key())));
    let case_list = (cases > 0).then(|| v.sections.facet(d, code));
    (
        "known.html",
        json!({ "title": title, "label": label, "description": description, "facts": facts, "charts": charts, "cases": cases, "case_list": case_list, "press": press, "press_total": total, "press_all": press_all }),
    )
}

/// The downloads page, with schema.org `Dataset` metadata so that dataset
/// search engines find the data.
fn data_page(c: &Content, v: &LangViews) -> (&'static str, Value) {
    let l = v.locale;
    let files: Vec<Value> = DATASETS
        .iter()
        .map(|name| {
            let key = format!("data_{}", name.replace("vocab/", "vocab_"));
            json!({ "name": name, "label": l.t(&key), "csv": format!("data/{name}.csv"), "json": format!("data/{name}.json") })
        })
        .collect();
    let dl = c.site.default_lang();
    // The period the figures cover, as ISO dates or years (`2018/2020-10-07`).
    let mut periods: Vec<String> = c
        .figures
        .iter()
        .filter_map(|f| {
            f.as_of
                .map(|d| d.to_string())
                .or(f.year.map(|y| y.to_string()))
        })
        .collect();
    periods.sort();
    let (first, last) = (periods.first().cloned(), periods.last().cloned());
    let distribution: Vec<Value> = DATASETS
        .iter()
        .flat_map(|name| {
            [("csv", "text/csv"), ("json", "application/json")]
                .map(|(ext, mime)| json!({ "@type": "DataDownload", "encodingFormat": mime, "contentUrl": format!("{}data/{name}.{ext}", v.base_url) }))
        })
        .collect();
    let mut dataset = json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": c.site.title.get(&v.lang, dl),
        "description": c.site.description.get(&v.lang, dl),
        "url": format!("{}{}", v.base_url, v.sections.section("data")),
        "inLanguage": v.lang,
        "isAccessibleForFree": true,
        "spatialCoverage": { "@type": "Place", "name": "Indonesia" },
        "creator": { "@type": "Organization", "name": c.site.publisher.get(&v.lang, dl) },
        "distribution": distribution,
    });
    if let (Some(a), Some(b)) = (first, last) {
        dataset["temporalCoverage"] = json!(format!("{a}/{b}"));
    }
    let json_ld = json_for_script(&dataset);
    (
        "data.html",
        json!({ "title": l.t("data"), "files": files, "datapackage": "data/datapackage.json", "json_ld": json_ld }),
    )
}
