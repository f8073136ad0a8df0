//! Each chart of each language as a PNG (`<section>/<id>.png`), framed
//! with the title, unit and source its page shows (see [`crate::chart::png`]).

use rayon::prelude::*;

use crate::chart::ChartView;
use crate::chart::png::{self, Caption};
use crate::model::Content;

use super::{LangViews, Theme};

/// The caption's lines of `chart`, in the words of its page: the unit as
/// in its heading, the sources as in its source line, with the date of
/// the data, and the site with the chart's permalink.
pub struct CaptionText {
    pub title: String,
    pub unit: String,
    pub source: String,
    pub credit: String,
}

impl CaptionText {
    pub fn new(c: &Content, v: &LangViews, chart: &ChartView) -> CaptionText {
        let l = v.locale;
        let mut ids = chart.sources.clone();
        ids.dedup();
        let sources: Vec<String> = ids
            .iter()
            .filter_map(|id| v.sources.get(id))
            .map(|s| format!("{}, {}", s.outlet, s.date))
            .collect();
        let mut source = format!("{}: {}", l.t("source"), sources.join("; "));
        if let Some(date) = &chart.as_of {
            source.push_str(&format!(" · {} {date}", l.t("as_of")));
        }
        CaptionText {
            title: chart.title.clone(),
            unit: format!("{}: {}", l.t("unit"), chart.unit),
            source,
            credit: format!(
                "{} · {}{}",
                c.site.title.get(&v.lang, c.site.default_lang()),
                v.base_url,
                v.sections.chart(&chart.id)
            ),
        }
    }

    pub fn caption(&self) -> Caption<'_> {
        Caption {
            title: &self.title,
            unit: &self.unit,
            source: &self.source,
            credit: &self.credit,
        }
    }
}

/// Every chart's PNG, path → bytes, rendered in parallel. A chart that
/// cannot be drawn (a bug: see [`png::PngError`]) has no file, and the
/// link check then refuses the page that links to it.
pub fn files(c: &Content, theme: &Theme, langs: &[LangViews]) -> Vec<(String, Vec<u8>)> {
    let charts: Vec<(&LangViews, &ChartView)> = langs
        .iter()
        .flat_map(|v| v.charts.iter().map(move |ch| (v, ch)))
        .collect();
    charts
        .par_iter()
        .filter_map(|&(v, ch)| {
            let text = CaptionText::new(c, v, ch);
            let bytes = png::render(
                &crate::chart::standalone_svg(&ch.svg),
                &text.caption(),
                &theme.chart_fonts,
            )
            .ok()?;
            Some((format!("{}.png", v.sections.chart_file(&ch.id)), bytes))
        })
        .collect()
}
