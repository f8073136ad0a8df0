//! What is known about one position, category or province: the official
//! figures that name it, with their date and source; its cases and their
//! charts when there are any; and, for a province, its newest releases.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::format;
use crate::model::Dimension;
use crate::render::orders::per_page;
use crate::render::reads::Cx;
use crate::render::urls::{By, Sections};
use crate::render::views::PressCard;

#[derive(Debug, Clone, Hash)]
pub struct Known {
    pub dimension: Dimension,
    pub code: String,
}

impl Known {
    pub fn address(s: &Sections, d: Dimension, code: &str) -> String {
        s.known(d, code)
    }
}

impl Kind for Known {
    fn name(&self) -> &'static str {
        "known"
    }

    fn variant(&self) -> &'static str {
        self.dimension.key()
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let (d, code) = (self.dimension, self.code.as_str());
        let l = cx.locale();
        let label = cx.label(d, code);
        let stats = cx.statistics();
        let mut facts: Vec<Value> = Vec::new();
        for &i in stats.figure_order {
            let f = &stats.figures[i];
            let fv = &stats.views[i];
            let source = fv
                .source
                .as_ref()
                .map(|s| format!("{}, {}", s.outlet, s.date));
            for sh in f.shares.iter().filter(|sh| sh.by == d) {
                for p in sh.parts.iter().filter(|p| p.code == code) {
                    let of = cx.measure(&sh.of).unwrap_or(&sh.of);
                    facts.push(json!({ "value": format::percent(p.percent, l), "what": of, "period": fv.period, "figure": fv.title, "url": fv.url, "source": source }));
                }
            }
            for _ in f.leading.iter().filter(|x| x.by == d && x.code == code) {
                facts.push(json!({ "value": l.t("leading"), "what": "", "period": fv.period, "figure": fv.title, "url": fv.url, "source": source }));
            }
        }
        let charts: Vec<Value> = stats
            .facet_charts
            .get(&(d, code.to_string()))
            .into_iter()
            .flatten()
            .map(|&i| cx.chart_with_sources(&stats.charts[i]))
            .collect();
        let cases = stats
            .cases
            .iter()
            .filter(|k| match d {
                Dimension::Position => k.position == code,
                Dimension::Category => k.categories.iter().any(|x| x == code),
                Dimension::Region => k.region == code,
                Dimension::Outcome => k.outcome == code,
            })
            .count();
        // A province's newest releases, a page's worth, and a link to the
        // paginated list of all of them: the page stays one size however
        // many releases a province gathers over the years.
        let about: &[usize] = match d {
            Dimension::Region => cx.listed(By::Region, code),
            _ => &[],
        };
        let total = about.len();
        let shown = &about[..total.min(per_page(cx.site()))];
        let press: Vec<PressCard> = shown.iter().filter_map(|&i| cx.card_view(i)).collect();
        let press_all = (total > shown.len()).then(|| cx.sections().press_by(By::Region, code));
        let description = cx.description(d, code);
        let title = format!("{}: {label}", l.t(&format!("dim_{}", d.key())));
        let case_list = (cases > 0).then(|| cx.sections().facet(d, code));
        (
            "known.html",
            ser(
                &json!({ "title": title, "label": label, "description": description, "facts": facts, "charts": charts, "cases": cases, "case_list": case_list, "press": press, "press_total": total, "press_all": press_all }),
            ),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections(), self.dimension, &self.code)
    }
}
