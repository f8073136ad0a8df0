//! Rebuilds that redo only what an edit touched, for `netra serve`.
//!
//! A [`Session`] keeps between rebuilds what a full build would compute
//! again: the loaded content, the theme, the statistics, a hash of every
//! record, each page's fingerprint (see [`crate::render::reads`]: what the page read when it was last rendered) and
//! each page's links. After an edit to existing press releases, figures or
//! cases it reloads those files alone, runs the one-record rules for them
//! alone (rules across records run in full), re-renders only the pages
//! whose fingerprint changed and checks only their links. Anything else
//! (site.yaml, vocabularies, sources, the theme, a file added or removed,
//! a failure elsewhere) takes the full path: everything loaded and
//! validated again, and still only the changed pages rendered.
//!
//! The result is a [`Delta`]: the files to write and the files to remove.
//! Applied to the previous output it gives, byte for byte, what a full
//! build writes (the `editor_loop` and `incremental` tests hold the two side by side).

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::links::{self, LinkIndex, PageLinks};
use crate::pipeline::BuildOptions;
use crate::problem::Problems;
use crate::render::orders::PlanKey;
use crate::render::pages::Page;
use crate::render::reads::{Input, RecordHashes, Values, press_hash, record_hash};
use crate::render::urls::Sections;
use crate::site::{Error, Laps, Site, invalid};
use crate::{aggregate, load, render, validate};

/// What a rebuild changed in the output.
#[derive(Debug, Default)]
pub struct Delta {
    /// Files to write, path → bytes, sorted by path.
    pub write: Vec<(String, Vec<u8>)>,
    /// Files the build no longer makes.
    pub remove: Vec<String>,
    /// Pages planned and pages rendered.
    pub pages: usize,
    pub rendered: usize,
    /// Whether this rebuild took the fast path (only edited records).
    pub fast: bool,
    /// Whether pages were left for [`Session::rebuild_rest`].
    pub deferred: bool,
    /// Whether that pass must check every page's links.
    recheck: bool,
    /// Milliseconds per step.
    pub stages: Vec<(&'static str, u128)>,
}

/// Above this many pages to render after an edit of releases, the
/// releases' own pages go first (see [`Session::rebuild`]).
const FIRST_PAGES: usize = 64;

/// What the last good build produced, for comparing the next one with.
#[derive(Default)]
struct Built {
    /// Each page's fingerprint, and what it read when last rendered.
    pages: FxHashMap<String, (u64, Vec<Input>)>,
    /// Hashes of the files that are not planned pages (charts, data…).
    files: FxHashMap<String, u64>,
    /// What those files were made from (see `render_changes`).
    files_key: Option<u64>,
    /// A hash of the set of pages' files.
    page_set: Option<u64>,
    /// Each language's charts as last drawn, and what from.
    charts: Option<(u64, Vec<crate::render::Charts>)>,
    /// Each page's links and ids.
    links: FxHashMap<String, PageLinks>,
    /// The ids of every page in `links`, for the link check.
    index: LinkIndex,
}

pub struct Session {
    opts: BuildOptions,
    /// `opts.content`, canonical, to recognise watcher paths.
    content_dir: Option<PathBuf>,
    /// The last site that loaded whole; edits on the fast path change its
    /// content in place.
    site: Option<Site>,
    hashes: RecordHashes,
    /// Files with problems in the last attempt ("" when none).
    failing: HashSet<String>,
    /// Whether the site's plan is older than its content (an edit changed
    /// what the plan reads of a release, or the figures or cases).
    replan: bool,
    built: Built,
    /// Paths of files made outside the session (the search bundle), which
    /// pages may link to.
    extra: Vec<String>,
    /// Releases edited on the fast path of the last rebuild: their own
    /// pages are rendered first (see [`Session::rebuild_rest`]).
    edited: FxHashSet<usize>,
    /// Whether the last rebuild left pages to [`Session::rebuild_rest`].
    pending: bool,
    /// Whether that pass checks every page's links (the first changed
    /// what pages it did not render link to).
    recheck: bool,
}

/// A hash of every file the pages read besides records: the site's
/// settings, vocabularies and sources, and the whole theme.
fn global_hash(opts: &BuildOptions) -> u64 {
    let mut h = DefaultHasher::new();
    (&opts.base_url, opts.search).hash(&mut h);
    let mut files: Vec<PathBuf> = ["site.yaml", "sources.yaml"]
        .iter()
        .map(|f| opts.content.join(f))
        .chain(
            load::VOCAB_FILES
                .iter()
                .map(|v| opts.content.join(format!("vocab/{v}.yaml"))),
        )
        // The record files are read by figure pages and the pages of the
        // record (corrections, producers), like a vocabulary.
        .chain(load::OPTIONAL_FILES.iter().map(|f| opts.content.join(f)))
        .collect();
    files.extend(
        walkdir::WalkDir::new(&opts.theme)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path()),
    );
    for f in files {
        (f.to_string_lossy(), std::fs::read(&f).ok()).hash(&mut h);
    }
    h.finish()
}

/// Which records a changed file is.
enum Edit {
    Press(usize),
    Figure(usize),
    Case(usize),
}

impl Session {
    pub fn new(opts: BuildOptions) -> Self {
        Session {
            content_dir: opts.content.canonicalize().ok(),
            opts,
            site: None,
            hashes: RecordHashes::default(),
            failing: HashSet::from([String::new()]),
            replan: false,
            built: Built::default(),
            extra: Vec::new(),
            edited: FxHashSet::default(),
            pending: false,
            recheck: false,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// Files made outside the session that pages link to (the search
    /// bundle), so the link check knows them.
    pub fn set_extra_files(&mut self, paths: impl IntoIterator<Item = String>) {
        self.extra = paths.into_iter().collect();
    }

    /// Rebuilds after `changed` (paths as the watcher reports them; empty
    /// for a first or full build).
    ///
    /// An edit that moves a release in its lists (a new date, a new tag)
    /// changes every page of those lists after it: thousands of pages on a
    /// large site, a second or more to render and write. The editor is
    /// looking at the release itself, so when the edit touches more than
    /// [`FIRST_PAGES`] pages, this renders only the edited releases' own
    /// pages and leaves the rest to [`Session::rebuild_rest`], which
    /// `serve` calls right after writing these.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Delta, Error> {
        let mut laps = Laps::default();
        self.edited.clear();
        self.pending = false;
        // Owed by a pass that left pages and did not run: the pages are
        // still dirty, and so is the check of every link.
        let recheck = std::mem::take(&mut self.recheck);
        let edits = self.edits(changed);
        let fast = edits.is_some();
        let loaded = match edits {
            Some(files) => self.reload_edited(&files),
            None => self.reload_all(),
        };
        laps.lap("load + validate");
        let result = loaded.and_then(|()| {
            let site = self.site.as_mut().expect("a site that loaded");
            if std::mem::take(&mut self.replan) {
                site.replan();
            }
            laps.lap("plan");
            let first = (!self.edited.is_empty()).then_some(&self.edited);
            render_changes(
                site,
                &self.hashes,
                &mut self.built,
                &self.extra,
                first,
                recheck,
                &mut laps,
            )
        });
        match result {
            Ok(mut delta) => {
                self.failing.clear();
                self.pending = delta.deferred;
                self.recheck = delta.recheck;
                delta.fast = fast;
                delta.stages = laps.stages;
                Ok(delta)
            }
            Err(e) => {
                if let Error::Invalid(p) = &e {
                    self.failing = p.0.iter().map(|p| p.file.clone()).collect();
                }
                self.recheck = recheck;
                Err(e)
            }
        }
    }

    /// The pages the last [`Session::rebuild`] left for later, if any.
    /// They are the pages whose fingerprint changed and that were not
    /// rendered, so nothing needs remembering beyond "there are some".
    pub fn rebuild_rest(&mut self) -> Option<Result<Delta, Error>> {
        if !std::mem::take(&mut self.pending) {
            return None;
        }
        let mut laps = Laps::default();
        let site = self.site.as_ref()?;
        let recheck = std::mem::take(&mut self.recheck);
        let result = render_changes(
            site,
            &self.hashes,
            &mut self.built,
            &self.extra,
            None,
            recheck,
            &mut laps,
        );
        if result.is_err() {
            self.recheck = recheck;
        }
        Some(result.map(|mut delta| {
            delta.fast = true;
            delta.stages = laps.stages;
            delta
        }))
    }

    /// The edited records, when the fast path applies: every changed path
    /// is an existing press release, figure or case of the loaded content,
    /// and the last attempt failed, if at all, only in these files.
    fn edits(&self, changed: &[PathBuf]) -> Option<Vec<String>> {
        if self.site.is_none() || changed.is_empty() {
            return None;
        }
        let dir = self.content_dir.as_ref()?;
        let mut files = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(dir).ok()?.to_str()?.replace('\\', "/");
            let is_record = ["press/", "figures/", "cases/"]
                .iter()
                .any(|d| rel.strip_prefix(d).is_some_and(|f| !f.contains('/')));
            let meta = std::fs::symlink_metadata(path).ok()?;
            if !is_record || !meta.is_file() || self.find(&rel).is_none() {
                return None;
            }
            files.push(rel);
        }
        files.sort();
        files.dedup();
        if self.failing.iter().any(|f| !files.contains(f)) {
            return None;
        }
        Some(files)
    }

    fn find(&self, rel: &str) -> Option<Edit> {
        let c = &self.site.as_ref()?.content;
        let at = |file: &str| *file == *rel;
        c.press
            .iter()
            .position(|p| at(&p.origin.file))
            .map(Edit::Press)
            .or_else(|| {
                c.figures
                    .iter()
                    .position(|f| at(&f.origin.file))
                    .map(Edit::Figure)
            })
            .or_else(|| {
                c.cases
                    .iter()
                    .position(|k| at(&k.origin.file))
                    .map(Edit::Case)
            })
    }

    /// The fast path: reloads `files` in place. A file that no longer
    /// parses keeps its last good record (the build fails anyway); a
    /// figure or case whose id changed falls back to the full path, since
    /// references to it elsewhere were checked against the old id.
    fn reload_edited(&mut self, files: &[String]) -> Result<(), Error> {
        let dir = self.opts.content.clone();
        let mut problems = Problems::default();
        let mut figures_or_cases = false;
        for rel in files {
            let edit = self.find(rel);
            let (Some(edit), Some(site)) = (edit, self.site.as_mut()) else {
                return self.reload_all();
            };
            let c = &mut site.content;
            match edit {
                Edit::Press(i) => match load::press_file(&dir, rel) {
                    // Now held back: the full path takes it out and
                    // checks the links to it.
                    Ok(p) if held(self.opts.publish, p.meta.draft, p.meta.publish_at) => {
                        return self.reload_all();
                    }
                    Ok(p) => {
                        self.edited.insert(i);
                        self.replan |= PlanKey::of(&c.press[i]) != PlanKey::of(&p);
                        (self.hashes.press[i], self.hashes.cards[i]) = press_hash(&p);
                        c.press[i] = p;
                    }
                    Err(ps) => problems.extend(ps),
                },
                Edit::Figure(i) => match load::record_file::<crate::model::Figure>(&dir, rel) {
                    Ok(f) if f.id != c.figures[i].id => return self.reload_all(),
                    Ok(f) if held(self.opts.publish, f.draft, f.publish_at) => {
                        return self.reload_all();
                    }
                    Ok(f) => {
                        self.hashes.figures[i] = record_hash(&f);
                        c.figures[i] = f;
                        figures_or_cases = true;
                    }
                    Err(ps) => problems.extend(ps),
                },
                Edit::Case(i) => match load::record_file::<crate::model::CaseRecord>(&dir, rel) {
                    Ok(k) if k.id != c.cases[i].id => return self.reload_all(),
                    Ok(k) if held(self.opts.publish, k.draft, k.publish_at) => {
                        return self.reload_all();
                    }
                    Ok(k) => {
                        self.hashes.cases[i] = record_hash(&k);
                        c.cases[i] = k;
                        figures_or_cases = true;
                    }
                    Err(ps) => problems.extend(ps),
                },
            }
        }
        problems.defang();
        let site = self.site.as_mut().expect("found above");
        let scope: HashSet<String> = files.iter().cloned().collect();
        let (index, more) = validate::validate_scoped(&site.content, Some(&scope));
        problems.extend(more.0);
        site.index = index;
        if !problems.is_empty() {
            return Err(invalid(problems, &self.opts.content));
        }
        if figures_or_cases {
            site.stats = aggregate::aggregate(&site.content, &site.index);
            self.replan = true;
        }
        Ok(())
    }

    /// The full path: everything loaded and validated again. Edits take
    /// the fast path only from a full load that worked; a full load with
    /// problems is redone until it works.
    fn reload_all(&mut self) -> Result<(), Error> {
        let pngs = self.site.take().map(|s| s.theme.pngs);
        self.replan = false;
        let mut site = Site::load(&self.opts.sources(), &mut Laps::default())?;
        if let Some(old) = pngs {
            site.theme.pngs.adopt(old);
        }
        let hashes = RecordHashes::of(&site.content, global_hash(&self.opts));
        // A file added, removed or held back moves the records after it:
        // what each page read is rewritten to where its records are now,
        // so that only the pages that show something new are rendered.
        if hashes.keys != self.hashes.keys {
            let reads = self
                .built
                .pages
                .values_mut()
                .flat_map(|(_, r)| r.iter_mut());
            self.hashes.keys.move_reads(&hashes.keys, reads);
        }
        self.hashes = hashes;
        self.site = Some(site);
        Ok(())
    }
}

fn held(p: crate::publish::Publish, draft: bool, at: Option<crate::model::Moment>) -> bool {
    crate::publish::why(p, draft, at).is_some()
}

fn ids(l: &PageLinks) -> impl Iterator<Item = &str> {
    l.ids.iter().map(String::as_str)
}

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    b.hash(&mut h);
    h.finish()
}

/// Renders the pages of `site` whose fingerprint changed, checks their
/// links, and on success records the new state in `built`.
fn render_changes(
    site: &Site,
    hashes: &RecordHashes,
    built: &mut Built,
    extra: &[String],
    first: Option<&FxHashSet<usize>>,
    recheck: bool,
    laps: &mut Laps,
) -> Result<Delta, Error> {
    let c = &site.content;
    // What the charts and the files besides the pages are drawn from.
    let drawn_from = {
        let mut h = FxHasher::default();
        (hashes.global, &hashes.figures, &hashes.cases).hash(&mut h);
        h.finish()
    };
    let charts = built
        .charts
        .as_ref()
        .filter(|(key, _)| *key == drawn_from)
        .map(|(_, charts)| charts.as_slice());
    let renderer = site.renderer_with(charts);
    laps.lap("views");
    let values = Values::new(renderer.langs(), hashes);
    let fingerprints: Vec<Option<u64>> = site
        .pages
        .par_iter()
        .map(|p| {
            let (old, reads) = built.pages.get(&p.file)?;
            let new = values.fingerprint(p, reads);
            (new == *old).then_some(new)
        })
        .collect();
    let mut dirty: Vec<&Page> = site
        .pages
        .iter()
        .zip(&fingerprints)
        .filter(|(_, fp)| fp.is_none())
        .map(|(p, _)| p)
        .collect();
    // The set of pages, not their order (a new date moves a release in
    // the plan): when it is the last one's, no page went.
    let page_set = site
        .pages
        .par_iter()
        .map(|p| hash_bytes(p.file.as_bytes()))
        .reduce(|| 0, u64::wrapping_add);
    let mut removed_pages: Vec<String> = if built.page_set == Some(page_set) {
        Vec::new()
    } else {
        let planned: FxHashSet<&str> = site.pages.iter().map(|p| p.file.as_str()).collect();
        built
            .pages
            .keys()
            .filter(|f| !planned.contains(f.as_str()))
            .cloned()
            .collect()
    };
    // Only the edited releases' own pages (those that read the whole
    // release) when the edit touches many. The pages left for later keep
    // their old links, which may point to pages that go: pages are removed
    // and every link checked in the pass that renders the rest.
    let mut deferred = false;
    if let Some(edited) = first
        && dirty.len() > FIRST_PAGES
    {
        let own = |p: &&Page| {
            built.pages.get(&p.file).is_some_and(|(_, reads)| {
                reads
                    .iter()
                    .any(|r| matches!(r, Input::Press(i) if edited.contains(i)))
            })
        };
        let own: Vec<&Page> = dirty.iter().copied().filter(own).collect();
        if !own.is_empty() && own.len() < dirty.len() {
            deferred = true;
            dirty = own;
            removed_pages.clear();
        }
    }
    laps.lap("fingerprints");
    let rendered = renderer.pages(&dirty, &|| {}).map_err(Error::Invalid)?;
    laps.lap("render pages");
    // The files besides the pages (charts, downloads, sitemap, headers)
    // are drawn from everything but the releases, and from the list of
    // pages: made again only when one of those changed. An edit to a
    // release's text (a body, a title, a date) leaves them.
    // The sitemap and headers are sorted: made from the set of pages.
    let files_key = {
        let mut h = FxHasher::default();
        (drawn_from, page_set).hash(&mut h);
        h.finish()
    };
    let (others, files) = if built.files_key == Some(files_key) {
        (crate::render::Output::new(), built.files.clone())
    } else {
        let others = renderer.site_files(&site.pages);
        let files: FxHashMap<String, u64> = others
            .par_iter()
            .map(|(k, v)| (k.clone(), hash_bytes(v)))
            .collect();
        (others, files)
    };
    laps.lap("site files");

    // Links: every page keeps its extract; re-rendered pages get new ones.
    let new_links: Vec<(String, PageLinks)> = rendered
        .files
        .par_iter()
        .map(|(f, b)| (f.clone(), PageLinks::of(b)))
        .collect();
    // A page that lost an id, or a file that is gone, may break links of
    // pages that were not re-rendered: then every page is checked again.
    let recheck_all = recheck
        || !removed_pages.is_empty()
        || built.files.keys().any(|f| !files.contains_key(f))
        || new_links.iter().any(|(f, l)| {
            built
                .links
                .get(f)
                .is_some_and(|old| !old.ids.is_subset(&l.ids))
        });
    let mut index = std::mem::take(&mut built.index);
    index.set_files(
        site.files(files.keys().map(String::as_str))
            .chain(extra.iter().map(String::as_str)),
    );
    for f in &removed_pages {
        if let Some(old) = built.links.get(f) {
            index.remove_ids(f, ids(old));
        }
    }
    for (f, l) in &new_links {
        if let Some(old) = built.links.get(f) {
            index.remove_ids(f, ids(old));
        }
        index.add_ids(f, ids(l));
    }
    let root = render::url_path(&c.site.base_url);
    // Left for later, with the pages that still hold their old links.
    let recheck_later = deferred && recheck_all;
    let to_check: Vec<(&str, &PageLinks)> = if recheck_all && !deferred {
        let new: FxHashMap<&str, &PageLinks> =
            new_links.iter().map(|(f, l)| (f.as_str(), l)).collect();
        site.pages
            .iter()
            .filter_map(|p| {
                let f = p.file.as_str();
                new.get(f)
                    .copied()
                    .or_else(|| built.links.get(f))
                    .map(|l| (f, l))
            })
            .collect()
    } else {
        new_links.iter().map(|(f, l)| (f.as_str(), l)).collect()
    };
    let mut broken: Vec<links::Broken> = to_check
        .par_iter()
        .map_init(links::Targets::default, |targets, (f, l)| {
            l.check(&index, targets, f, &root)
        })
        .flatten()
        .collect();
    if !broken.is_empty() {
        // The pages are not taken: the index goes back to their ids.
        let mut restored = LinkIndex::default();
        for (f, l) in &built.links {
            restored.add_ids(f, ids(l));
        }
        built.index = restored;
        broken.sort();
        broken.dedup();
        let sections: Vec<Sections> = c.site.languages.iter().map(Sections::new).collect();
        let mut in_text = links::check_markdown(c, &sections, &index, &root);
        links::name_held(&mut in_text, &site.held);
        return Err(Error::Invalid(Problems(links::problems(in_text, broken))));
    }
    built.index = index;
    laps.lap("links");

    let rendered_count = dirty.len();
    let crate::render::RenderedPages {
        files: pages,
        reads,
    } = rendered;
    for (p, reads) in dirty.iter().zip(reads) {
        let fp = values.fingerprint(p, &reads);
        built.pages.insert(p.file.clone(), (fp, reads));
    }
    for f in &removed_pages {
        built.pages.remove(f);
        built.links.remove(f);
    }
    built.links.extend(new_links);
    let mut write: Vec<(String, Vec<u8>)> = pages;
    write.extend(
        others
            .into_iter()
            .filter(|(k, _)| built.files.get(k) != files.get(k)),
    );
    write.sort_by(|a, b| a.0.cmp(&b.0));
    let mut remove: Vec<String> = removed_pages;
    remove.extend(
        built
            .files
            .keys()
            .filter(|f| !files.contains_key(*f))
            .cloned(),
    );
    remove.sort();
    built.files = files;
    built.files_key = Some(files_key);
    // A pass that left pages for later also left the pages that go.
    built.page_set = (!deferred).then_some(page_set);
    built.charts = Some((drawn_from, renderer.charts()));
    // Freeing the cards takes milliseconds the editor would wait for:
    // another thread does.
    let garbage: Vec<_> = renderer
        .into_langs()
        .into_iter()
        .map(|mut l| l.take_cards())
        .collect();
    std::thread::spawn(move || drop(garbage));
    Ok(Delta {
        deferred,
        recheck: recheck_later,
        write,
        remove,
        pages: site.pages.len(),
        rendered: rendered_count,
        fast: false,
        stages: Vec::new(),
    })
}
