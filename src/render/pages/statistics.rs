//! The statistics page: every chart of the site, the places where sources
//! disagree, and the ways into every figure, position, category and
//! province.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::aggregate::Kind as ChartKind;
use crate::chart::ChartView;
use crate::model::{Dimension, Section};
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views::Link;

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
            .map(|ch| cx.chart_with_sources(ch))
            .collect();
        let (drawn, listed): (Vec<&ChartView>, Vec<&ChartView>) = charts
            .into_iter()
            .partition(|ch| ch.kind == ChartKind::ByYear);
        let charts: Vec<Value> = drawn.iter().map(|ch| cx.chart_with_sources(ch)).collect();
        let more: Vec<Value> = listed
            .iter()
            .map(|ch| json!({ "id": ch.id, "title": ch.title, "as_of": ch.as_of, "url": cx.sections().chart(&ch.id) }))
            .collect();
        (
            "statistics.html",
            ser(
                &json!({ "title": cx.t("statistics"), "charts": charts, "declared": declared, "more_charts": more, "has_cases": !stats.cases.is_empty(), "facets": facet_index(cx), "figures": (!stats.figures.is_empty()).then(|| super::FigureIndex::address(cx.sections())), "conflicts": cx.conflicts(), "corrections": cx.has_corrections().then(|| super::Corrections::address(cx.sections())), "producers": (cx.institutions().is_some() || !cx.vocab().producers.is_empty()).then(|| super::Producers::address(cx.sections())) }),
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
