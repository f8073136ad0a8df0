//! Each chart of each language as a PNG (`<section>/<id>.png`), framed
//! with the title, unit and source its page shows (see [`crate::chart::png`]).

use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

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

/// PNGs already drawn, by the composed picture they were drawn from.
///
/// `serve` re-makes every file besides the pages on each edit; a chart's
/// PNG costs milliseconds of rasterising and compressing, and a site has a
/// hundred of them, which made a one-word body edit on a 10 000-release
/// site wait 0.7 s for PNGs that had not changed. The key is a hash of
/// the composed SVG (drawing, caption and frame), so any change to what
/// the picture shows draws it again. The cache lives with the theme's
/// fonts (in [`Theme`]): new fonts start an empty one.
#[derive(Debug, Default)]
pub struct PngCache {
    /// A hash of the font files the PNGs are drawn with.
    fonts: u64,
    drawn: Mutex<FxHashMap<u64, Vec<u8>>>,
}

impl PngCache {
    pub fn new(fonts: u64) -> Self {
        PngCache {
            fonts,
            drawn: Default::default(),
        }
    }

    /// Takes the pictures of `old` (the cache of a theme loaded before)
    /// when they were drawn with the same fonts: `serve` reloads the
    /// theme on a full reload and keeps what it drew.
    pub fn adopt(&mut self, old: PngCache) {
        if old.fonts == self.fonts {
            self.drawn = old.drawn;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<u64, Vec<u8>>> {
        self.drawn.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Whether [`files`] draws the PNGs or only names them (`check` needs
/// only to know which files a build writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pngs {
    Draw,
    /// Each file with no bytes.
    NameOnly,
}

/// Every chart's PNG, path → bytes, rendered in parallel. A chart that
/// cannot be drawn (a bug: see [`png::PngError`]) has no file, and the
/// link check then refuses the page that links to it.
pub fn files(
    c: &Content,
    theme: &Theme,
    langs: &[LangViews],
    pngs: Pngs,
) -> Vec<(String, Vec<u8>)> {
    let charts: Vec<(&LangViews, &ChartView)> = langs
        .iter()
        .flat_map(|v| v.charts.iter().map(move |ch| (v, ch)))
        .collect();
    let path = |v: &LangViews, ch: &ChartView| format!("{}.png", v.sections.chart_file(&ch.id));
    if pngs == Pngs::NameOnly {
        return charts
            .iter()
            .map(|&(v, ch)| (path(v, ch), Vec::new()))
            .collect();
    }
    let fonts = &theme.chart_fonts;
    let cache = &theme.pngs;
    let drawn: Vec<(String, u64, Vec<u8>)> = charts
        .par_iter()
        .filter_map(|&(v, ch)| {
            let text = CaptionText::new(c, v, ch);
            // The page's drawing colours by class, which resvg cannot
            // see: the colours are written back, as in the download; the
            // canvas is white already, so no ground is drawn.
            let svg = crate::chart::painted_svg(&ch.svg);
            let composed = png::compose(&svg, &text.caption(), fonts).ok()?;
            let key = {
                let mut h = FxHasher::default();
                composed.svg.hash(&mut h);
                h.finish()
            };
            let cached = cache.lock().get(&key).cloned();
            let bytes = match cached {
                Some(b) => b,
                None => png::rasterise(&composed, fonts).ok()?,
            };
            Some((path(v, ch), key, bytes))
        })
        .collect();
    // Keep only this build's pictures: an edited chart's old PNG goes.
    let mut map = cache.lock();
    map.clear();
    drawn
        .into_iter()
        .map(|(file, key, bytes)| {
            map.insert(key, bytes.clone());
            (file, bytes)
        })
        .collect()
}
