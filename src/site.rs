//! One build's state, owned in one place, as Zola's `Site` owns a build:
//! the checked content, its index, the theme, the statistics, each
//! language's orders and the plan. `check`, `build` and `serve`'s
//! incremental session all start from a [`Site`], time their stages with
//! one [`Laps`] and fail with one [`Error`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::aggregate::{self, Stats};
use crate::model::{Content, Index};
use crate::problem::Problems;
use crate::publish::{self, Held, Publish};
use crate::render::orders::{self, Orders};
use crate::render::pages::Page;
use crate::render::{Renderer, Theme, plan};
use crate::{load, report, validate};

/// Why a run failed.
#[derive(Debug)]
pub enum Error {
    /// The content or theme has problems; nothing was written.
    Invalid(Problems),
    /// Writing the output failed; the previous output is untouched.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Invalid(p) => write!(f, "{p}"),
            Error::Io(path, e) => write!(
                f,
                "cannot write {}: {e}; the previous output is unchanged",
                path.display()
            ),
        }
    }
}

impl std::error::Error for Error {}

/// The failed run for `problems`: sorted, each with its line and column
/// found in the files under `content`.
pub fn invalid(mut problems: Problems, content: &Path) -> Error {
    problems.sort();
    report::locate_all(&mut problems, content);
    Error::Invalid(problems)
}

/// Times the stages of a run.
pub struct Laps {
    clock: Instant,
    pub stages: Vec<(&'static str, u128)>,
}

impl Default for Laps {
    fn default() -> Self {
        Laps {
            clock: Instant::now(),
            stages: Vec::new(),
        }
    }
}

impl Laps {
    /// Ends the stage `name`, started when the last one ended.
    pub fn lap(&mut self, name: &'static str) {
        self.stages.push((name, self.clock.elapsed().as_millis()));
        self.clock = Instant::now();
    }
}

/// Where a site comes from.
#[derive(Debug, Clone)]
pub struct Sources<'a> {
    pub content: &'a Path,
    pub theme: &'a Path,
    /// Replaces `base_url` from `site.yaml` (e.g. for a preview host).
    pub base_url: Option<&'a str>,
    /// Whether the build writes the search index (its page says so).
    pub search: bool,
    /// Which records are published: drafts and embargoes, and "now".
    pub publish: Publish,
}

/// A checked site, ready to render.
pub struct Site {
    pub content: Content,
    pub index: Index,
    pub theme: Theme,
    pub stats: Stats,
    /// Each language's orders, in the site's order of languages.
    pub orders: Vec<Orders>,
    /// Every page of every language, in plan order.
    pub pages: Vec<Page>,
    pub search: bool,
    /// The records left out (drafts, embargoes), for `check` to list and
    /// the link checks to name.
    pub held: Vec<Held>,
}

impl Site {
    /// Loads and validates the content and loads the theme (every problem
    /// of both in one report), then counts and plans.
    pub fn load(from: &Sources, laps: &mut Laps) -> Result<Site, Error> {
        let (content, index, held, mut problems) = load_content(from, laps);
        if !from.content.is_dir() {
            // Nothing was loaded: every rule would only repeat that.
            return Err(invalid(problems, from.content));
        }
        // A theme problem is reported with the content's, in one run.
        let theme = Theme::load(from.theme, &content.site)
            .map_err(|p| problems.extend(p.0))
            .ok();
        laps.lap("validate");
        let Some(theme) = theme.filter(|_| problems.is_empty()) else {
            return Err(invalid(problems, from.content));
        };
        let stats = aggregate::aggregate(&content, &index);
        laps.lap("aggregate");
        let orders = orders::language_orders(&content);
        let pages = plan::plan(&content, &stats, &orders, from.search);
        laps.lap("plan");
        Ok(Site {
            content,
            index,
            theme,
            stats,
            orders,
            pages,
            search: from.search,
            held,
        })
    }

    /// The site of checked content.
    pub fn new(content: Content, index: Index, theme: Theme, search: bool) -> Site {
        let stats = aggregate::aggregate(&content, &index);
        let orders = orders::language_orders(&content);
        let pages = plan::plan(&content, &stats, &orders, search);
        Site {
            content,
            index,
            theme,
            stats,
            orders,
            pages,
            search,
            held: Vec::new(),
        }
    }

    /// Counts and plans again, after the content changed.
    pub fn recount(&mut self) {
        self.stats = aggregate::aggregate(&self.content, &self.index);
        self.replan();
    }

    /// Plans again, after the content changed in what the plan reads.
    pub fn replan(&mut self) {
        self.orders = orders::language_orders(&self.content);
        self.pages = plan::plan(&self.content, &self.stats, &self.orders, self.search);
    }

    /// Records loaded and validated.
    pub fn records(&self) -> usize {
        let c = &self.content;
        c.figures.len() + c.cases.len() + c.press.len() + c.sources.len()
    }

    /// The site's views, to render pages with.
    pub fn renderer(&self) -> Renderer<'_> {
        self.renderer_with(None)
    }

    /// [`Site::renderer`] with the charts already drawn, when the caller
    /// knows they are this site's (`crate::session`).
    pub fn renderer_with(&self, charts: Option<&[crate::render::Charts]>) -> Renderer<'_> {
        Renderer::new(
            &self.content,
            &self.index,
            &self.stats,
            &self.theme,
            &self.orders,
            charts,
        )
    }

    /// Every file the build writes, but for the search bundle's files
    /// named by a hash of their content: the pages of the plan, the
    /// other files (`site_files`: the names of [`Renderer::site_files`])
    /// and the search bundle's entry files. What every link check starts
    /// from.
    pub fn files<'a>(
        &'a self,
        site_files: impl Iterator<Item = &'a str>,
    ) -> impl Iterator<Item = &'a str> {
        let search = self.search;
        self.pages
            .iter()
            .map(|p| p.file.as_str())
            .chain(site_files)
            .chain(
                crate::search::FIXED_PATHS
                    .iter()
                    .copied()
                    .filter(move |_| search),
            )
    }
}

/// Loads and validates the content, then keeps what `from.publish`
/// publishes (the index is of that set); without a content folder, only
/// that problem (every rule would only repeat it). Laps "load";
/// validating is the caller's to lap, with whatever it adds.
pub fn load_content(from: &Sources, laps: &mut Laps) -> (Content, Index, Vec<Held>, Problems) {
    let (mut content, mut problems) = load::load(from.content);
    if let Some(url) = from.base_url {
        content.site.value.base_url = url.to_string();
    }
    laps.lap("load");
    if !from.content.is_dir() {
        let index = Index::build(&content);
        return (content, index, Vec::new(), problems);
    }
    // Drafts are validated as published records are: `serve`
    // renders them, and publishing one must not bring new problems.
    let (index, more) = validate::validate(&content);
    problems.extend(more.0);
    let (held, more) = publish::select(&mut content, from.publish);
    if held.is_empty() {
        return (content, index, held, problems);
    }
    problems.extend(more.0);
    let index = Index::build(&content);
    (content, index, held, problems)
}
