//! The statistics page: every chart of the site, every figure by election
//! and by producer, and the ways into its positions, categories and
//! provinces.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::aggregate::Kind as ChartKind;
use crate::chart::ChartView;
use crate::model::{Dimension, Figure, Section};
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views::{self, Link};

#[derive(Debug, Clone, Hash)]
pub struct Statistics;

impl Statistics {
    pub fn address(s: &Sections) -> String {
        s.section(Section::Statistics)
    }
}

impl Kind for Statistics {
    fn name(&self) -> &'static str {
        "statistics"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let stats = cx.statistics();
        // The charts across years are drawn here; every other chart (one
        // per figure snapshot: some forty for the record of 2015-2025) is
        // listed with a link to its own page, so that the page stays one
        // size however many figures the record gathers.
        // The charts `charts.yaml` declares are drawn too, each with a
        // link to its own page for its table, sources and downloads.
        let (declared, charts): (Vec<&ChartView>, Vec<&ChartView>) = stats.charts
            [..stats.site_charts]
            .iter()
            .partition(|ch| ch.table.is_some());
        let declared: Vec<Value> = declared
            .iter()
            .map(|ch| stats.chart_with_sources(ch))
            .collect();
        let (drawn, listed): (Vec<&ChartView>, Vec<&ChartView>) = charts
            .into_iter()
            .partition(|ch| ch.kind == ChartKind::ByYear);
        let charts: Vec<Value> = drawn
            .iter()
            .map(|ch| stats.chart_with_sources(ch))
            .collect();
        let more: Vec<Value> = listed
            .iter()
            .map(|ch| json!({ "id": ch.id, "title": ch.title, "as_of": ch.as_of, "url": cx.sections().chart(&ch.id) }))
            .collect();
        (
            "statistics.html",
            ser(
                &json!({ "title": cx.t("statistics"), "charts": charts, "declared": declared, "more_charts": more, "has_cases": !stats.cases.is_empty(), "facets": facet_index(cx), "by_election": by_election(cx), "by_producer": by_producer(cx), "conflicts": cx.conflicts(), "corrections": cx.has_corrections().then(|| super::Corrections::address(cx.sections())), "producers": (cx.institutions().is_some() || !cx.vocab().producers.is_empty()).then(|| super::Producers::address(cx.sections())) }),
            ),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}

/// Links to every position, category and province page, by dimension.
fn facet_index(cx: &Cx) -> Vec<Value> {
    let vocab = cx.vocab();
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
                    label: cx.label(*d, code),
                    url: cx.sections().known(*d, code),
                })
                .collect();
            json!({ "label": cx.t(&format!("dim_{}", d.key())), "items": items })
        })
        .collect()
}

/// Every figure under its election, elections in the vocabulary's order
/// and figures newest first, each with its date, producer and source:
/// the complete list of the record, and the way to every source.
fn by_election(cx: &Cx) -> Vec<Value> {
    let groups = cx
        .vocab()
        .elections
        .iter()
        .map(|e| (e.code.as_str(), cx.election(&e.code).unwrap_or(&e.code)));
    figure_groups(cx, "election", groups, "no_election", |f| {
        f.election.as_deref()
    })
}

/// Every figure under its producer, producers in the vocabulary's order.
fn by_producer(cx: &Cx) -> Vec<Value> {
    let (lang, dl) = (cx.lang(), cx.default_lang());
    let groups = cx
        .vocab()
        .producers
        .iter()
        .map(|p| (p.code.as_str(), p.label.get(lang, dl)));
    figure_groups(cx, "producer", groups, "no_producer", |f| {
        f.producer.as_deref()
    })
}

/// The figures whose `key` is each group's code, then those with none
/// under `none`; groups without figures are left out. Each group's anchor
/// is `prefix-code`.
fn figure_groups<'a>(
    cx: &Cx<'a>,
    prefix: &str,
    groups: impl Iterator<Item = (&'a str, &'a str)>,
    none: &'a str,
    key: impl Fn(&Figure) -> Option<&str>,
) -> Vec<Value> {
    let stats = cx.statistics();
    let l = cx.locale();
    let in_group = |code: Option<&str>| -> Vec<Value> {
        stats
            .figure_order
            .iter()
            .filter(|&&i| key(&stats.figures[i]) == code)
            .map(|&i| {
                let v = &stats.views[i];
                json!({ "title": v.title, "url": v.url, "dated": views::dated(&stats.figures[i], l), "producer": v.producer, "election": v.election, "source": v.source })
            })
            .collect()
    };
    groups
        .map(|(code, label)| (format!("{prefix}-{code}"), label, in_group(Some(code))))
        .chain(std::iter::once((
            format!("{prefix}-none"),
            cx.t(none),
            in_group(None),
        )))
        .filter(|(_, _, figures)| !figures.is_empty())
        .map(|(id, label, figures)| json!({ "id": id, "label": label, "figures": figures }))
        .collect()
}
