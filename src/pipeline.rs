//! The stages composed: `check` (load, validate, links without rendering
//! the site) and `build` (all of them).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::addresses::AddressBook;
use crate::changes::{self, ChangeReport};
use crate::model::{Content, Index};
use crate::problem::Problems;
use crate::render::Theme;
use crate::{aggregate, external, links, load, plan, render, report, validate, write};

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
    /// Also fetch every external link (`--external`).
    pub external: Option<external::Options>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            content: crate::folders::CONTENT.into(),
            theme: crate::folders::THEME.into(),
            output: crate::folders::OUTPUT.into(),
            base_url: None,
            compare_with: None,
            want_changes: false,
            progress: None,
            search: true,
            external: None,
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
    /// External links fetched, and those that failed (warnings).
    pub external: Option<external::Report>,
    /// Why the search index was built by Pagefind's own indexer (much
    /// slower), if it was: a page's HTML that netra's does not model.
    pub search_fallback: Option<String>,
}

fn invalid(mut problems: Problems, content: &Path) -> Error {
    report::locate_all(&mut problems, content);
    Error::Invalid(problems)
}

/// What `check` looks at.
#[derive(Clone)]
pub struct CheckOptions {
    pub content: PathBuf,
    pub theme: PathBuf,
    /// Also fetch every external link (`--external`).
    pub external: Option<external::Options>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            content: crate::folders::CONTENT.into(),
            theme: crate::folders::THEME.into(),
            external: None,
        }
    }
}

#[derive(Debug)]
pub struct CheckSummary {
    /// Records loaded and validated.
    pub records: usize,
    /// Pages the site would have.
    pub pages: usize,
    /// Pages rendered to check the templates' links.
    pub rendered: usize,
    /// External links fetched, and those that failed (warnings unless
    /// strict).
    pub external: Option<external::Report>,
    /// Milliseconds per stage.
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

/// Content that passed validation, with the theme, ready to plan.
struct Valid {
    content: Content,
    index: Index,
    theme: Theme,
}

/// Loads and validates the content and loads the theme; every problem of
/// both in one report.
fn load_valid(
    content_dir: &Path,
    theme_dir: &Path,
    base_url: Option<&str>,
    laps: &mut Laps,
) -> Result<Valid, Error> {
    let (mut content, mut problems) = load::load(content_dir);
    if !content_dir.is_dir() {
        // Nothing was loaded: every rule would only repeat that.
        return Err(invalid(problems, content_dir));
    }
    if let Some(url) = base_url {
        content.site.value.base_url = url.to_string();
    }
    laps.lap("load");
    let (index, more) = validate::validate(&content);
    problems.extend(more.0);
    // A theme problem is reported with the content's, in one run.
    let theme = Theme::load(theme_dir, &content.site)
        .map_err(|p| problems.extend(p.0))
        .ok();
    laps.lap("validate");
    match theme.filter(|_| problems.is_empty()) {
        Some(theme) => Ok(Valid {
            content,
            index,
            theme,
        }),
        None => Err(invalid(problems, content_dir)),
    }
}

/// Every page of the site, every language, in plan order.
pub fn plan_site(content: &Content, stats: &aggregate::Stats, search: bool) -> Vec<plan::Page> {
    plan_with_orders(content, stats, search).0
}

/// The pages, and each language's orders (which the views reuse).
pub(crate) fn plan_with_orders(
    content: &Content,
    stats: &aggregate::Stats,
    search: bool,
) -> (Vec<plan::Page>, Vec<plan::Orders>) {
    let orders = plan::language_orders(content);
    (plan_from(content, stats, &orders, search), orders)
}

/// Every page of the site from each language's orders, languages in
/// parallel.
fn plan_from(
    content: &Content,
    stats: &aggregate::Stats,
    orders: &[plan::Orders],
    search: bool,
) -> Vec<plan::Page> {
    content
        .site
        .languages
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, l)| {
            let sections = plan::Sections::new(l);
            plan::plan_language(content, stats, i, &sections, &orders[i], search)
        })
        .collect()
}

fn sections(content: &Content) -> Vec<plan::Sections> {
    content
        .site
        .languages
        .iter()
        .map(plan::Sections::new)
        .collect()
}

/// Loads and validates the content, then checks every internal link
/// without rendering the site: Markdown links against the address book
/// of the planned site, template links on a sample of rendered pages.
/// Writes nothing.
pub fn check(opts: &CheckOptions) -> Result<CheckSummary, Error> {
    let mut laps = Laps::new();
    let Valid {
        content,
        index,
        theme,
    } = load_valid(&opts.content, &opts.theme, None, &mut laps)?;
    let records =
        content.figures.len() + content.cases.len() + content.press.len() + content.sources.len();
    let stats = aggregate::aggregate(&content, &index);
    // The orders once, for the plan and the sample's views alike.
    let orders = plan::language_orders(&content);
    let (pages, renderer) = rayon::join(
        || plan_from(&content, &stats, &orders, true),
        || render::Renderer::with_orders(&content, &index, &stats, &theme, orders.clone()),
    );
    laps.lap("plan");
    let book = AddressBook::new(&pages, &renderer, true);
    laps.lap("address book");
    let root = render::url_path(&content.site.base_url);
    let (in_pages, mut problems) = book.check_templates(&root);
    let rendered = book.rendered();
    laps.lap("theme links");
    let in_text = links::check_markdown(&content, &sections(&content), &book, &root);
    problems.extend(links::problems(in_text, in_pages));
    laps.lap("markdown links");
    if !problems.is_empty() {
        return Err(invalid(Problems(problems), &opts.content));
    }
    let external = match &opts.external {
        Some(x) => {
            // Every page, as the build renders it: an external link can
            // come from any record through any template.
            let orders = plan_with_orders(&content, &stats, true).1;
            let output = render::render(&content, &index, &stats, &theme, &pages, orders, &|| {})
                .map_err(|p| invalid(p, &opts.content))?;
            let report = external::check(&external::collect(&output, &content.site.base_url), x);
            laps.lap("external links");
            Some(report)
        }
        None => None,
    };
    strict_external(opts.external.as_ref(), external.as_ref())?;
    let planned = pages.len();
    drop(book);
    drop(renderer);
    drop_aside((content, index, stats, pages));
    Ok(CheckSummary {
        records,
        pages: planned,
        rendered,
        external,
        stages: laps.stages,
    })
}

/// Under `--strict-external`, a failing external link fails the run.
fn strict_external(
    opts: Option<&external::Options>,
    report: Option<&external::Report>,
) -> Result<(), Error> {
    match (opts, report) {
        (Some(o), Some(r)) if o.strict && !r.failures.is_empty() => {
            Err(Error::Invalid(Problems(r.problems())))
        }
        _ => Ok(()),
    }
}

/// The built site in memory, with how long each stage took.
pub struct Rendered {
    pub output: render::Output,
    pub pages: usize,
    pub stages: Vec<(&'static str, u128)>,
    pub external: Option<external::Report>,
}

/// Everything a build has before it renders: checked content, theme,
/// statistics, the plan and each language's orders.
struct Prepared {
    content: Content,
    index: Index,
    theme: Theme,
    stats: aggregate::Stats,
    pages: Vec<plan::Page>,
    orders: Vec<plan::Orders>,
}

fn prepare(opts: &BuildOptions, laps: &mut Laps) -> Result<Prepared, Error> {
    let Valid {
        content,
        index,
        theme,
    } = load_valid(&opts.content, &opts.theme, opts.base_url.as_deref(), laps)?;
    let stats = aggregate::aggregate(&content, &index);
    laps.lap("aggregate");
    let (pages, orders) = plan_with_orders(&content, &stats, opts.search);
    laps.lap("plan");
    Ok(Prepared {
        content,
        index,
        theme,
        stats,
        pages,
        orders,
    })
}

/// Runs every stage into memory (for tests and tools; `build` streams the
/// same site to disk).
pub fn render_site(opts: &BuildOptions) -> Result<Rendered, Error> {
    let mut laps = Laps::new();
    let Prepared {
        content,
        index,
        theme,
        stats,
        pages,
        orders,
    } = prepare(opts, &mut laps)?;
    if let Some(p) = &opts.progress {
        p.start(pages.len());
    }
    let tick = || {
        if let Some(p) = &opts.progress {
            p.page_done();
        }
    };
    let output = render::render(&content, &index, &stats, &theme, &pages, orders, &tick)
        .map_err(|p| invalid(p, &opts.content));
    if let Some(p) = &opts.progress {
        p.finish();
    }
    let mut output = output?;
    laps.lap("chart + render");
    if opts.search {
        output.extend(crate::search::index(&output).map_err(search_failed)?);
        laps.lap("search index");
    }
    let root = render::url_path(&content.site.base_url);
    let site = links::Built::new(&output);
    let in_pages = site.check(&root);
    if !in_pages.is_empty() {
        return Err(broken_links(
            &content,
            &site,
            &root,
            in_pages,
            &opts.content,
        ));
    }
    laps.lap("links");
    let external = opts.external.as_ref().map(|x| {
        let report = external::check(&external::collect(&output, &content.site.base_url), x);
        laps.lap("external links");
        report
    });
    strict_external(opts.external.as_ref(), external.as_ref())?;
    Ok(Rendered {
        output,
        pages: pages.len(),
        stages: laps.stages,
        external,
    })
}

/// The error for broken links found in the built pages: the same links
/// read again from the Markdown, to name its file and line.
fn broken_links(
    content: &Content,
    site: &impl links::Site,
    root: &str,
    in_pages: Vec<links::Broken>,
    content_dir: &Path,
) -> Error {
    let in_text = links::check_markdown(content, &sections(content), site, root);
    invalid(Problems(links::problems(in_text, in_pages)), content_dir)
}

fn search_failed(e: String) -> Error {
    Error::Invalid(Problems(vec![crate::problem::Problem::file(
        "search index",
        e,
    )]))
}

/// Pages rendered and written at a time: enough to keep both cores busy,
/// few enough that a site of any size never sits in memory whole.
pub const CHUNK: usize = 1024;

/// What a streaming build keeps of the files it wrote.
struct Kept<'a> {
    /// Every file written, as [`file_key`]s: on a national site half a
    /// million paths, which as strings took some 50 MiB.
    files: rustc_hash::FxHashSet<u64>,
    links: crate::links::Ledger,
    manifest: changes::Manifest,
    to_index: crate::search::Pages,
    /// External links and the pages holding them, when they are checked.
    external: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    bytes: usize,
    opts: &'a BuildOptions,
    base_url: String,
}

impl Kept<'_> {
    /// Pages: their paths are already known from the plan.
    fn count_and_index(&mut self, files: &[(String, Vec<u8>)]) {
        if self.opts.external.is_some() {
            external::collect_into(
                &mut self.external,
                files.iter().map(|(p, b)| (p, b)),
                &self.base_url,
            );
        }
        for (f, b) in files {
            self.bytes += b.len();
            if self.opts.want_changes {
                self.manifest.add(f, b);
            }
        }
        if self.opts.search {
            self.to_index.offer(files);
        }
    }

    fn record(&mut self, files: &[(String, Vec<u8>)]) {
        for (f, b) in files {
            self.bytes += b.len();
            self.files.insert(file_key(f));
            if self.opts.want_changes {
                self.manifest.add(f, b);
            }
        }
        if self.opts.search {
            self.to_index.offer(files);
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
    let Prepared {
        content,
        index,
        theme,
        stats,
        pages,
        orders,
    } = prepare(opts, &mut laps)?;
    let io = |e: std::io::Error| Error::Io(opts.output.clone(), e);
    let mut staging = write::Staging::new(&opts.output).map_err(io)?;
    let langs = render::views(&content, &index, &stats, &theme, orders);
    if let Some(pr) = &opts.progress {
        pr.start(pages.len());
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
        external: Default::default(),
        bytes: 0,
        opts,
        base_url: content.site.base_url.clone(),
    };
    let mut write_ms = 0;
    // Files other than pages first: with the plan, they tell the link
    // check every file the build writes before any page is rendered.
    let site: Vec<(String, Vec<u8>)> = render::site_files(&content, &index, &theme, &langs, &pages)
        .into_iter()
        .collect();
    kept.record(&site);
    staging.write(&site).map_err(io)?;
    let planned: rustc_hash::FxHashSet<&str> = pages.iter().map(|p| p.file.as_str()).collect();
    let site_files = kept.files.clone();
    let exists = |f: &str| planned.contains(f) || site_files.contains(&file_key(f));
    let defer = |f: &str| f.starts_with(crate::search::BUNDLE_DIR);
    let root = render::url_path(&content.site.base_url);
    let all: Vec<&plan::Page> = pages.iter().collect();
    for chunk in all.chunks(CHUNK) {
        let files = render::render_pages(&content, &theme, &langs, chunk, &tick)
            .map_err(|e| invalid(e, &opts.content))?;
        let checks: Vec<links::PageCheck> = files
            .par_iter()
            .map_init(links::Targets::default, |targets, (f, b)| {
                links::Ledger::check_page(f, b, &exists, &defer, &root, targets)
            })
            .collect();
        // Into the ledger chunk by chunk, in page order: a page's ids are
        // kept as hashes in one set, not in a list per page.
        for c in checks {
            kept.links.add(c);
        }
        let clock = Instant::now();
        staging.write(&files).map_err(io)?;
        write_ms += clock.elapsed().as_millis();
        kept.count_and_index(&files);
    }
    drop(planned);
    if let Some(pr) = &opts.progress {
        pr.finish();
    }
    laps.lap("chart + render + write");
    laps.stages.push(("(of which write)", write_ms));
    for page in &pages {
        kept.files.insert(file_key(&page.file));
    }
    // Links are decided before the search index is built: the bundle's
    // files a page may link to are named in advance. Everything the pages
    // were made from is then freed, before the index's largest step
    // (100 000 cases and 10 000 releases: some 150 MiB off the peak).
    if opts.search {
        kept.files.extend(
            crate::search::FIXED_FILES
                .iter()
                .map(|f| file_key(&format!("{}{f}", crate::search::BUNDLE_DIR))),
        );
    }
    {
        let files = &kept.files;
        let has_file = |f: &str| files.contains(&file_key(f));
        let site = kept.links.site(&has_file);
        let broken = kept.links.finish(&site, &root);
        if !broken.is_empty() {
            return Err(broken_links(&content, &site, &root, broken, &opts.content));
        }
    }
    laps.lap("links");
    let external = opts.external.as_ref().map(|x| {
        let report = external::check(&kept.external, x);
        laps.lap("external links");
        report
    });
    strict_external(opts.external.as_ref(), external.as_ref())?;
    let page_count = pages.len();
    drop(langs);
    drop((content, index, stats, pages, theme));
    kept.links = Default::default();
    let mut search_fallback = None;
    if opts.search {
        // Should the site need Pagefind's own indexer, it reads the pages
        // back from the staging folder: none is kept in memory.
        let staged = staging.path().to_path_buf();
        let (bundle, fallback) = std::mem::take(&mut kept.to_index)
            .index(|p| std::fs::read(staged.join(p)).map_err(|e| format!("{p}: {e}")))
            .map_err(search_failed)?;
        search_fallback = fallback;
        kept.record(&bundle);
        staging.write(&bundle).map_err(io)?;
        laps.lap("search index");
    }
    let changes = opts.want_changes.then(|| {
        let previous = opts.compare_with.as_deref().unwrap_or(&opts.output);
        changes::compare(previous, &kept.manifest)
    });
    staging.commit().map_err(io)?;
    laps.lap("swap");
    let (file_count, bytes) = (kept.files.len(), kept.bytes);
    drop_aside(std::mem::take(&mut kept.files));
    Ok(BuildSummary {
        pages: page_count,
        files: file_count,
        bytes,
        millis: start.elapsed().as_millis(),
        stages: laps.stages,
        changes,
        external,
        search_fallback,
    })
}

/// A file's path as the streamed build keeps it: a 64-bit hash. Two
/// paths of one site sharing a hash (about one chance in 10^8 for half a
/// million files) would only hide a link to the missing one.
fn file_key(path: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(path)
}

/// Frees `garbage` on a thread of its own: freeing the records of 10 000
/// releases, or the pages built from them, takes long enough to be seen,
/// and the caller has no more use for them.
fn drop_aside<T: Send + 'static>(garbage: T) {
    std::thread::spawn(move || drop(garbage));
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    /// The shipped content with the fixture cases, so that every kind of
    /// page exists.
    fn full_content(into: &Path) {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for (from, to) in [("content", ""), ("tests/fixtures/cases", "cases")] {
            for e in walkdir::WalkDir::new(repo.join(from)) {
                let e = e.unwrap();
                let rel = e.path().strip_prefix(repo.join(from)).unwrap();
                let target = into.join(to).join(rel);
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else if to.is_empty() || rel.extension().is_some_and(|x| x == "yaml") {
                    std::fs::copy(e.path(), &target).unwrap();
                }
            }
        }
    }

    #[test]
    fn the_address_book_lists_what_the_build_writes() {
        let dir = tempfile::tempdir().unwrap();
        full_content(dir.path());
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let opts = BuildOptions {
            content: dir.path().to_path_buf(),
            theme: theme.clone(),
            ..BuildOptions::default()
        };
        let built = render_site(&opts).unwrap_or_else(|e| panic!("{e}")).output;
        let v = load_valid(dir.path(), &theme, None, &mut Laps::new())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!v.content.cases.is_empty());
        let stats = aggregate::aggregate(&v.content, &v.index);
        let pages = plan_site(&v.content, &stats, true);
        let renderer = render::Renderer::new(&v.content, &v.index, &stats, &v.theme);
        let book = AddressBook::new(&pages, &renderer, true);
        let listed: BTreeSet<&str> = book.files().collect();
        // The search bundle's other files are named by their hash.
        let written: BTreeSet<&str> = built
            .keys()
            .map(String::as_str)
            .filter(|p| {
                p.strip_prefix(crate::search::BUNDLE_DIR)
                    .is_none_or(|f| crate::search::FIXED_FILES.contains(&f))
            })
            .collect();
        assert_eq!(listed, written);
    }
}
