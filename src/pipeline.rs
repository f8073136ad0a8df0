//! The stages composed: `check` (load, validate, links without rendering
//! the site) and `build` (all of them), each from one [`Site`].

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::addresses::AddressBook;
use crate::changes::{self, ChangeReport};
use crate::model::Content;
use crate::problem::Problems;
use crate::publish::{Held, Publish};
use crate::render::chart_png::PngFolder;
use crate::render::urls::Sections;
use crate::site::{Laps, Site, Sources, invalid};
use crate::{external, links, render, write};

pub use crate::site::Error;

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
    /// Write a `.gz` and a `.br` beside each large text file
    /// (`--precompress`; see [`write`]).
    pub precompress: bool,
    /// Drafts and embargoes: `--drafts`, `--now`.
    pub publish: Publish,
    /// A folder that keeps the drawn PNG charts between builds (the
    /// command line's default: [`write::cache_folder`] of the output;
    /// `--cache-dir` for one of the user's; `--no-cache` for none). Only
    /// the drawing is saved: the files are the same bytes either way.
    pub cache: Option<PngFolder>,
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
            precompress: false,
            publish: Publish::default(),
            cache: None,
        }
    }
}

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

/// What `check` looks at.
#[derive(Clone)]
pub struct CheckOptions {
    pub content: PathBuf,
    pub theme: PathBuf,
    /// Also fetch every external link (`--external`).
    pub external: Option<external::Options>,
    /// Drafts and embargoes: what a build with these options publishes.
    pub publish: Publish,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            content: crate::folders::CONTENT.into(),
            theme: crate::folders::THEME.into(),
            external: None,
            publish: Publish::default(),
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
    /// Records the build leaves out: drafts, and embargoes with their
    /// moment.
    pub held: Vec<Held>,
}

impl BuildOptions {
    /// Where the site comes from.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            content: &self.content,
            theme: &self.theme,
            base_url: self.base_url.as_deref(),
            search: self.search,
            publish: self.publish,
        }
    }
}

fn sections(content: &Content) -> Vec<Sections> {
    content.site.languages.iter().map(Sections::new).collect()
}

/// Loads and validates the content, then checks every internal link
/// without rendering the site: Markdown links against the address book
/// of the planned site, template links on a sample of rendered pages.
/// Writes nothing.
pub fn check(opts: &CheckOptions) -> Result<CheckSummary, Error> {
    let mut laps = Laps::default();
    let from = Sources {
        content: &opts.content,
        theme: &opts.theme,
        base_url: None,
        search: true,
        publish: opts.publish,
    };
    let site = Site::load(&from, &mut laps)?;
    let renderer = site.renderer();
    let book = AddressBook::new(&site, &renderer);
    laps.lap("address book");
    let root = render::url_path(&site.content.site.base_url);
    let (in_pages, mut problems) = book.check_templates(&root);
    let rendered = book.rendered();
    laps.lap("theme links");
    let mut in_text = links::check_markdown(&site.content, &sections(&site.content), &book, &root);
    links::name_held(&mut in_text, &site.held);
    problems.extend(links::problems(in_text, in_pages));
    laps.lap("markdown links");
    if !problems.is_empty() {
        return Err(invalid(Problems(problems), &opts.content));
    }
    let external = match &opts.external {
        Some(x) => {
            // Every page, as the build renders it: an external link can
            // come from any record through any template.
            let all: Vec<&render::pages::Page> = site.pages.iter().collect();
            let pages = renderer
                .pages(&all, &|| {})
                .map_err(|p| invalid(p, &opts.content))?;
            let output: render::Output = pages
                .files
                .into_iter()
                .chain(renderer.site_files(&site.pages))
                .collect();
            let report =
                external::check(&external::collect(&output, &site.content.site.base_url), x);
            laps.lap("external links");
            Some(report)
        }
        None => None,
    };
    strict_external(opts.external.as_ref(), external.as_ref())?;
    let summary = CheckSummary {
        records: site.records(),
        pages: site.pages.len(),
        rendered,
        external,
        stages: laps.stages,
        held: site.held.clone(),
    };
    drop(book);
    drop(renderer);
    drop_aside(site);
    Ok(summary)
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

/// The error for broken links found in the built pages: the same links
/// read again from the Markdown, to name its file and line.
fn broken_links(
    content: &Content,
    known: &impl links::Known,
    root: &str,
    in_pages: Vec<links::Broken>,
    content_dir: &Path,
    held: &[Held],
) -> Error {
    let mut in_text = links::check_markdown(content, &sections(content), known, root);
    links::name_held(&mut in_text, held);
    invalid(Problems(links::problems(in_text, in_pages)), content_dir)
}

fn search_failed(e: String) -> Error {
    Error::Invalid(Problems(vec![crate::problem::Problem::file_msg(
        "search index",
        crate::message::Message::SearchIndexFailed { detail: e },
    )]))
}

/// Pages rendered and written at a time: enough to keep both cores busy,
/// few enough that a site of any size never sits in memory whole.
pub const CHUNK: usize = 256;

/// What a streaming build keeps of the files it wrote.
struct Kept<'a> {
    /// Every file written (a page's before it is rendered: the plan
    /// names them), and the ids of the pages checked so far.
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
    /// Files written: counted, and offered to the change report, the
    /// search index and the external link check.
    fn record(&mut self, files: &[(String, Vec<u8>)]) {
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
}

/// Builds the site into `opts.output`: pages are rendered and written to
/// the staging folder a chunk at a time, keeping of each only its links
/// (and, for the search index, the pages it indexes); the staging folder
/// replaces the output only when everything, links included, is right.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary, Error> {
    let start = Instant::now();
    let mut laps = Laps::default();
    let mut site = Site::load(&opts.sources(), &mut laps)?;
    if let Some(folder) = &opts.cache {
        site.theme.pngs.keep_in(folder.clone());
    }
    let io = |e: std::io::Error| Error::Io(opts.output.clone(), e);
    let mut staging = write::Staging::new(&opts.output).map_err(io)?;
    staging.precompress(opts.precompress);
    let renderer = site.renderer();
    if let Some(pr) = &opts.progress {
        pr.start(site.pages.len());
    }
    let tick = || {
        if let Some(pr) = &opts.progress {
            pr.page_done();
        }
    };
    let mut kept = Kept {
        links: Default::default(),
        manifest: changes::Manifest::default(),
        to_index: crate::search::Pages::default(),
        external: Default::default(),
        bytes: 0,
        opts,
        base_url: site.content.site.base_url.clone(),
    };
    if opts.search {
        // Inside the staging folder, which the build removes should it
        // stop; the file itself goes once the index is built.
        let spill = staging.path().join(".search-pages");
        if let Err(e) = kept.to_index.spill_to(spill) {
            return Err(io(e));
        }
    }
    // Files other than pages first: with the plan, they tell the link
    // check every file the build writes before any page is rendered.
    let others = renderer.site_files(&site.pages);
    kept.links
        .index
        .add_files(site.files(others.keys().map(String::as_str)));
    let others: Vec<(String, Vec<u8>)> = others.into_iter().collect();
    kept.record(&others);
    staging.write(&others).map_err(io)?;
    drop(others);
    // Files named by a hash of what the search index holds are made last.
    let defer = |f: &str| f.starts_with(crate::search::BUNDLE_DIR);
    let root = render::url_path(&site.content.site.base_url);
    let all: Vec<&render::pages::Page> = site.pages.iter().collect();
    // A thread of its own writes each chunk while the next is rendered:
    // writing was a quarter of this stage's time, with the cores partly
    // idle between chunks. One chunk waits at most, so memory stays
    // bounded.
    let write_ms = std::thread::scope(|scope| -> Result<u128, Error> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(String, Vec<u8>)>>(1);
        let staging = &mut staging;
        let writer = scope.spawn(move || -> std::io::Result<u128> {
            let mut ms = 0;
            for files in rx {
                let clock = Instant::now();
                staging.write(&files)?;
                ms += clock.elapsed().as_millis();
            }
            Ok(ms)
        });
        for chunk in all.chunks(CHUNK) {
            let files = renderer
                .pages(chunk, &tick)
                .map_err(|e| invalid(e, &opts.content))?
                .files;
            let ledger = &kept.links;
            let checks: Vec<links::PageCheck> = files
                .par_iter()
                .map_init(links::Targets::default, |targets, (f, b)| {
                    ledger.check_page(f, b, &defer, &root, targets)
                })
                .collect();
            // Into the ledger chunk by chunk, in page order.
            for c in checks {
                kept.links.add(c);
            }
            kept.record(&files);
            if tx.send(files).is_err() {
                // The writer stopped on an error, which it returns.
                break;
            }
        }
        drop(tx);
        writer
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
            .map_err(io)
    })?;
    if let Some(pr) = &opts.progress {
        pr.finish();
    }
    laps.lap("chart + render + write");
    laps.stages.push(("(writing, beside it)", write_ms));
    // Links are decided before the search index is built: the bundle's
    // files a page may link to are named in advance. Everything the pages
    // were made from is then freed, before the index's largest step, which
    // sets the build's peak memory.
    let broken = kept.links.finish(&root);
    if !broken.is_empty() {
        return Err(broken_links(
            &site.content,
            &kept.links.index,
            &root,
            broken,
            &opts.content,
            &site.held,
        ));
    }
    laps.lap("links");
    let external = opts.external.as_ref().map(|x| {
        let report = external::check(&kept.external, x);
        laps.lap("external links");
        report
    });
    strict_external(opts.external.as_ref(), external.as_ref())?;
    let page_count = site.pages.len();
    drop(renderer);
    if opts.search {
        // Freed before the index reads back what it kept of the pages,
        // which then takes the site's place in memory rather than adding
        // to it: the build's peak.
        drop(site);
    } else {
        drop_aside(site);
    }
    kept.links.index.forget_ids();
    let mut search_fallback = None;
    if opts.search {
        // Should the site need Pagefind's own indexer, it reads the pages
        // back from the staging folder: none is kept in memory.
        let staged = staging.path().to_path_buf();
        let (bundle, fallback) = std::mem::take(&mut kept.to_index)
            .index(|p| std::fs::read(staged.join(p)).map_err(|e| format!("{p}: {e}")))
            .map_err(search_failed)?;
        search_fallback = fallback;
        kept.links
            .index
            .add_files(bundle.iter().map(|(f, _)| f.as_str()));
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
    let (file_count, bytes) = (kept.links.index.files(), kept.bytes);
    drop_aside(std::mem::take(&mut kept.links));
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

/// Frees `garbage` on a thread of its own: freeing the records of 10 000
/// releases, or the pages built from them, takes long enough to be seen,
/// and the caller has no more use for them.
fn drop_aside<T: Send + 'static>(garbage: T) {
    std::thread::spawn(move || drop(garbage));
}
