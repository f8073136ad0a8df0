//! The home page: the newest figures, two charts and the newest releases.

use serde_json::json;
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::aggregate::Kind as ChartKind;
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views::{FigureView, PressCard};

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
        let latest: Vec<&FigureView> = stats
            .figure_order
            .iter()
            .map(|&i| &stats.views[i])
            .collect();
        let charts: Vec<serde_json::Value> = stats.charts[..stats.site_charts]
            .iter()
            .filter(|ch| ch.kind != ChartKind::ByYear)
            .take(2)
            .map(|ch| stats.chart_with_sources(ch))
            .collect();
        let press: Vec<PressCard> = cx
            .newest(3)
            .iter()
            .filter_map(|&i| cx.card_view(i))
            .collect();
        (
            "home.html",
            ser(
                &json!({ "title": cx.t("home"), "figures": latest, "charts": charts, "press": press }),
            ),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
