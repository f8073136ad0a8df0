//! The home page: the newest figure of each producer, the ways into the
//! whole record, two charts and the newest releases.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::aggregate::Kind as ChartKind;
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views::{self, PressCard};

/// The most figures the home page shows, however long the record grows:
/// the newest of each producer, newest first.
const NEWEST: usize = 6;

#[derive(Debug, Clone, Hash)]
pub struct Home;

impl Home {
    pub fn address(s: &Sections) -> String {
        s.home()
    }
}

impl Kind for Home {
    fn name(&self) -> &'static str {
        "home"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let stats = cx.statistics();
        let l = cx.locale();
        // One figure per producer, so that a producer that publishes often
        // (KASN gave three figures on one day) does not hide the others.
        let mut producers: Vec<Option<&str>> = Vec::new();
        let mut figures: Vec<Value> = Vec::new();
        for &i in stats.figure_order {
            let f = &stats.figures[i];
            if figures.len() == NEWEST || producers.contains(&f.producer.as_deref()) {
                continue;
            }
            producers.push(f.producer.as_deref());
            let mut v = json!(stats.views[i]);
            v["dated"] = json!(views::dated(f, l));
            figures.push(v);
        }
        let newest = figures.first().map(
            |f| json!({ "dated": f["dated"], "url": f["url"], "producer": f["producer"]["short"] }),
        );
        let s = cx.sections();
        let statistics = s.section(Section::Statistics);
        let series = json!({
            "by_election": format!("{}#by-election", super::FigureIndex::address(s)),
            "by_producer": format!("{}#by-producer", super::FigureIndex::address(s)),
            "charts": format!("{statistics}#all-charts"),
            "conflicts": (!cx.conflicts().is_empty()).then(|| format!("{statistics}#conflicts")),
            "corrections": cx.has_corrections().then(|| super::Corrections::address(s)),
            "producers": (cx.institutions().is_some() || !cx.vocab().producers.is_empty())
                .then(|| super::Producers::address(s)),
        });
        let charts: Vec<Value> = stats.charts[..stats.site_charts]
            .iter()
            .filter(|ch| ch.kind != ChartKind::ByYear)
            .take(2)
            .map(|ch| cx.chart_with_sources(ch))
            .collect();
        let press: Vec<PressCard> = cx
            .newest(3)
            .iter()
            .filter_map(|&i| cx.card_view(i))
            .collect();
        (
            "home.html",
            ser(
                &json!({ "title": cx.t("home"), "newest": newest, "figures": figures, "series": series, "charts": charts, "press": press }),
            ),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
