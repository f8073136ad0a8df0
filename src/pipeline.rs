//! The stages composed: `check` (load, validate) and `build` (all of them).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

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

/// Times the stages of a run.
struct Laps {
    clock: Instant,
    stages: Vec<(&'static str, u128)>,
}

impl Laps {
    fn new() -> Self {
        Laps {
            clock: Instant::now(),
            stages: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.stages.push((name, self.clock.elapsed().as_millis()));
        self.clock = Instant::now();
    }
}

/// Everything before rendering: the checked content, its statistics and
/// the plan.
struct Prepared {
    content: crate::model::Content,
    index: crate::model::Index,
    stats: aggregate::Stats,
    theme: Theme,
    pages: Vec<plan::Page>,
    orders: Vec<plan::Orders>,
}

fn prepare(opts: &BuildOptions, laps: &mut Laps) -> Result<Prepared, Error> {
    let (mut content, mut problems) = load::load(&opts.content);
    if let Some(url) = &opts.base_url {
        content.site.value.base_url = url.clone();
    }
    laps.lap("load");
    let (index, more) = validate::validate(&content);
    problems.extend(more.0);
    // A theme problem is reported with the content's, in one run.
    let theme = Theme::load(&opts.theme, &content.site)
        .map_err(|p| problems.extend(p.0))
        .ok();
    let Some(theme) = theme.filter(|_| problems.is_empty()) else {
        return Err(invalid(problems, &opts.content));
    };
    laps.lap("validate");
    let stats = aggregate::aggregate(&content, &index);
    laps.lap("aggregate");
    let mut pages = Vec::new();
    let mut orders = Vec::new();
    for (i, l) in content.site.languages.iter().enumerate() {
        let sections = plan::Sections::new(l);
        let o = plan::orders(&content, &l.code);
        pages.extend(plan::plan_language(
            &content,
            &stats,
            i,
            &sections,
            &o,
            opts.search,
        ));
        orders.push(o);
    }
    laps.lap("plan");
    Ok(Prepared {
        content,
        index,
        stats,
        theme,
        pages,
        orders,
    })
}

fn search_failed(e: String) -> Error {
    Error::Invalid(Problems(vec![crate::problem::Problem::file(
        "search index",
        e,
    )]))
}

/// Runs every stage into memory (for tests and tools; `build` streams).
pub fn render_site(opts: &BuildOptions) -> Result<Rendered, Error> {
    let mut laps = Laps::new();
    let p = prepare(opts, &mut laps)?;
    if let Some(pr) = &opts.progress {
        pr.start(p.pages.len());
    }
    let tick = || {
        if let Some(pr) = &opts.progress {
            pr.page_done();
        }
    };
    let output = render::render(
        &p.content, &p.index, &p.stats, &p.theme, &p.pages, p.orders, &tick,
    )
    .map_err(|e| invalid(e, &opts.content));
    if let Some(pr) = &opts.progress {
        pr.finish();
    }
    let mut output = output?;
    laps.lap("chart + render");
    if opts.search {
        output.extend(crate::search::index(&output).map_err(search_failed)?);
        laps.lap("search index");
    }
    let broken = crate::links::check(&output, &render::url_path(&p.content.site.base_url));
    if !broken.is_empty() {
        return Err(Error::Invalid(Problems(broken)));
    }
    laps.lap("links");
    Ok(Rendered {
        output,
        pages: p.pages.len(),
        stages: laps.stages,
    })
}

/// Pages rendered and written at a time: enough to keep both cores busy,
/// few enough that a site of any size never sits in memory whole.
pub const CHUNK: usize = 1024;

/// What a streaming build keeps of the files it wrote.
struct Kept<'a> {
    /// Every file written.
    files: rustc_hash::FxHashSet<String>,
    links: crate::links::Ledger,
    manifest: changes::Manifest,
    to_index: crate::search::Pages,
    bytes: usize,
    opts: &'a BuildOptions,
}

impl Kept<'_> {
    /// Pages: their paths are already known from the plan.
    fn count_and_index(&mut self, files: &[(String, Vec<u8>)]) {
        for (f, b) in files {
            self.bytes += b.len();
            if self.opts.want_changes {
                self.manifest.add(f, b);
            }
            if self.opts.search {
                self.to_index.offer(f, b);
            }
        }
    }

    fn record(&mut self, files: &[(String, Vec<u8>)]) {
        for (f, b) in files {
            self.bytes += b.len();
            self.files.insert(f.clone());
            if self.opts.want_changes {
                self.manifest.add(f, b);
            }
            if self.opts.search {
                self.to_index.offer(f, b);
            }
        }
    }
}

/// Builds the site into `opts.output`: pages are rendered and written to
/// the staging folder a chunk at a time, keeping of each only its links
/// (and, for the search index, the pages it indexes); the staging folder
/// replaces the output only when everything, links included, is right.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    let mut laps = Laps::new();
    let p = prepare(opts, &mut laps)?;
    let io = |e: std::io::Error| Error::Io(opts.output.clone(), e);
    let mut staging = write::Staging::new(&opts.output).map_err(io)?;
    let langs = render::views(&p.content, &p.index, &p.stats, &p.theme, p.orders);
    if let Some(pr) = &opts.progress {
        pr.start(p.pages.len());
    }
    let tick = || {
        if let Some(pr) = &opts.progress {
            pr.page_done();
        }
    };
    let mut kept = Kept {
        files: Default::default(),
        links: Default::default(),
        manifest: changes::Manifest::default(),
        to_index: crate::search::Pages::default(),
        bytes: 0,
        opts,
    };
    let mut write_ms = 0;
    // Files other than pages first: with the plan, they tell the link
    // check every file the build writes before any page is rendered.
    let site: Vec<(String, Vec<u8>)> =
        render::site_files(&p.content, &p.index, &p.theme, &langs, &p.pages)
            .into_iter()
            .collect();
    kept.record(&site);
    staging.write(&site).map_err(io)?;
    let planned: rustc_hash::FxHashSet<&str> = p.pages.iter().map(|p| p.file.as_str()).collect();
    let site_files = kept.files.clone();
    let exists = |f: &str| planned.contains(f) || site_files.contains(f);
    let defer = |f: &str| f.starts_with(crate::search::BUNDLE_DIR);
    let root = render::url_path(&p.content.site.base_url);
    let mut checks = Vec::new();
    let all: Vec<&plan::Page> = p.pages.iter().collect();
    for chunk in all.chunks(CHUNK) {
        let files = render::render_pages(&p.content, &p.theme, &langs, chunk, &tick)
            .map_err(|e| invalid(e, &opts.content))?;
        checks.extend(
            files
                .par_iter()
                .map(|(f, b)| crate::links::Ledger::check_page(f, b, &exists, &defer, &root))
                .collect::<Vec<_>>(),
        );
        let clock = Instant::now();
        staging.write(&files).map_err(io)?;
        write_ms += clock.elapsed().as_millis();
        kept.count_and_index(&files);
    }
    drop(planned);
    for c in checks {
        kept.links.add(c);
    }
    if let Some(pr) = &opts.progress {
        pr.finish();
    }
    laps.lap("chart + render + write");
    laps.stages.push(("(of which write)", write_ms));
    for page in &p.pages {
        kept.files.insert(page.file.clone());
    }
    if opts.search {
        let bundle = std::mem::take(&mut kept.to_index)
            .index()
            .map_err(search_failed)?;
        kept.record(&bundle);
        staging.write(&bundle).map_err(io)?;
        laps.lap("search index");
    }
    let links = std::mem::take(&mut kept.links);
    let broken = links.finish(&|f| kept.files.contains(f));
    if !broken.is_empty() {
        return Err(Error::Invalid(Problems(broken)));
    }
    laps.lap("links");
    let changes = opts.want_changes.then(|| {
        let previous = opts.compare_with.as_deref().unwrap_or(&opts.output);
        changes::compare(previous, &kept.manifest)
    });
    staging.commit().map_err(io)?;
    laps.lap("swap");
    Ok(BuildSummary {
        pages: p.pages.len(),
        files: kept.files.len(),
        bytes: kept.bytes,
        millis: start.elapsed().as_millis(),
        stages: laps.stages,
        changes,
    })
}
