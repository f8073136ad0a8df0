//! A chart on a page of its own, small enough to embed in an iframe.

use serde_json::json;
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::render::reads::Cx;
use crate::render::urls::Sections;

/// Chart `chart` (an index into the language's charts: the site's, then
/// the facets').
#[derive(Debug, Clone, Hash)]
pub struct Chart {
    pub chart: usize,
}

impl Chart {
    pub fn address(s: &Sections, id: &str) -> String {
        s.chart(id)
    }
}

impl Kind for Chart {
    fn name(&self) -> &'static str {
        "chart"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let stats = cx.statistics();
        let ch = &stats.charts[self.chart];
        (
            "chart.html",
            ser(
                &json!({ "title": ch.title, "summary": ch.description, "item": cx.chart_with_sources(ch) }),
            ),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections(), &cx.statistics().charts[self.chart].id)
    }
}
