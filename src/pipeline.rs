//! The stages composed: `check` (load, validate) and `build` (all of them).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::changes::{self, ChangeReport};
use crate::problem::Problems;
use crate::render::Theme;
use crate::{aggregate, load, plan, render, report, validate, write};

/// Told how far rendering has got, for a progress bar.
pub trait Progress: Send + Sync {
    fn start(&self, pages: usize);
    fn page_done(&self);
    fn finish(&self);
}

#[derive(Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub theme: PathBuf,
    pub output: PathBuf,
    /// Replaces `base_url` from `site.yaml` (e.g. for a preview host).
    pub base_url: Option<String>,
    /// Compare with this earlier output (default: `output` before the
    /// swap) and report what changed.
    pub compare_with: Option<PathBuf>,
    pub want_changes: bool,
    pub progress: Option<Arc<dyn Progress>>,
    /// Build the search index (on by default; `--no-search` for speed when
    /// a preview does not need it).
    pub search: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            content: "content".into(),
            theme: "themes/default".into(),
            output: "output".into(),
            base_url: None,
            compare_with: None,
            want_changes: false,
            progress: None,
            search: true,
        }
    }
}

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

#[derive(Debug)]
pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub millis: u128,
    /// Milliseconds per stage, in pipeline order.
    pub stages: Vec<(&'static str, u128)>,
    pub changes: Option<ChangeReport>,
}

fn invalid(mut problems: Problems, content: &Path) -> Error {
    report::locate_all(&mut problems, content);
    Error::Invalid(problems)
}

/// Loads and validates; writes nothing.
pub fn check(content_dir: &Path) -> Result<usize, Error> {
    let (content, mut problems) = load::load(content_dir);
    let (_, more) = validate::validate(&content);
    problems.extend(more.0);
    if problems.is_empty() {
        Ok(content.figures.len()
            + content.cases.len()
            + content.press.len()
            + content.sources.len())
    } else {
        Err(invalid(problems, content_dir))
    }
}

/// The built site in memory, with how long each stage took.
pub struct Rendered {
    pub output: render::Output,
    pub pages: usize,
    pub stages: Vec<(&'static str, u128)>,
}

/// Runs every stage into memory; `build` then writes the result.
pub fn render_site(opts: &BuildOptions) -> Result<Rendered, Error> {
    let mut clock = Instant::now();
    let mut stages = Vec::new();
    let mut lap = |name: &'static str| {
        stages.push((name, clock.elapsed().as_millis()));
        clock = Instant::now();
    };
    let (mut content, mut problems) = load::load(&opts.content);
    if let Some(url) = &opts.base_url {
        content.site.value.base_url = url.clone();
    }
    lap("load");
    let (index, more) = validate::validate(&content);
    problems.extend(more.0);
    // A theme problem is reported with the content's, in one run.
    let theme = Theme::load(&opts.theme, &content.site)
        .map_err(|p| problems.extend(p.0))
        .ok();
    let Some(theme) = theme.filter(|_| problems.is_empty()) else {
        return Err(invalid(problems, &opts.content));
    };
    lap("validate");
    let stats = aggregate::aggregate(&content, &index);
    lap("aggregate");
    let mut pages = Vec::new();
    let mut all_orders = Vec::new();
    for (i, l) in content.site.languages.iter().enumerate() {
        let sections = plan::Sections::new(l);
        let orders = plan::orders(&content, &l.code);
        pages.extend(plan::plan_language(
            &content,
            &stats,
            i,
            &sections,
            &orders,
            opts.search,
        ));
        all_orders.push(orders);
    }
    lap("plan");
    if let Some(p) = &opts.progress {
        p.start(pages.len());
    }
    let tick = || {
        if let Some(p) = &opts.progress {
            p.page_done();
        }
    };
    let output = render::render(&content, &index, &stats, &theme, &pages, all_orders, &tick)
        .map_err(|p| invalid(p, &opts.content));
    if let Some(p) = &opts.progress {
        p.finish();
    }
    let mut output = output?;
    lap("chart + render");
    if opts.search {
        let bundle = crate::search::index(&output).map_err(|e| {
            Error::Invalid(Problems(vec![crate::problem::Problem::file(
                "search index",
                e,
            )]))
        })?;
        output.extend(bundle);
        lap("search index");
    }
    let broken = crate::links::check(&output, &render::url_path(&content.site.base_url));
    if !broken.is_empty() {
        return Err(Error::Invalid(Problems(broken)));
    }
    lap("links");
    Ok(Rendered {
        output,
        pages: pages.len(),
        stages,
    })
}

pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    let Rendered {
        output,
        pages,
        mut stages,
    } = render_site(opts)?;
    let changes = opts.want_changes.then(|| {
        let previous = opts.compare_with.as_deref().unwrap_or(&opts.output);
        changes::compare(previous, &output)
    });
    let clock = Instant::now();
    write::write_site(&opts.output, &output).map_err(|e| Error::Io(opts.output.clone(), e))?;
    stages.push(("write", clock.elapsed().as_millis()));
    Ok(BuildSummary {
        pages,
        files: output.len(),
        bytes: output.values().map(Vec::len).sum(),
        millis: start.elapsed().as_millis(),
        stages,
        changes,
    })
}
