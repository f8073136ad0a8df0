//! Rebuilds that redo only what an edit touched, for `netra serve`.
//!
//! A [`Session`] keeps between rebuilds what a full build would compute
//! again: the loaded content, the theme, the statistics, a hash of every
//! record, each page's fingerprint (see [`crate::render::fingerprint`]) and
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
//! build writes (`tests/editor_loop.rs` holds the two side by side).

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::aggregate::{self, Stats};
use crate::links::{self, PageLinks};
use crate::model::{Content, Index};
use crate::pipeline::{BuildOptions, Error};
use crate::problem::Problems;
use crate::render::{self, RecordHashes, Shared, Theme};
use crate::{load, plan, report, validate};

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
    /// Milliseconds per step.
    pub stages: Vec<(&'static str, u128)>,
}

/// What the last good build produced, for comparing the next one with.
#[derive(Default)]
struct Built {
    fingerprints: FxHashMap<String, u64>,
    /// Hashes of the files that are not planned pages (charts, data…).
    files: FxHashMap<String, u64>,
    links: FxHashMap<String, PageLinks>,
    /// The last good plan and its orders: reused as they are when an edit
    /// changed nothing the plan reads ([`plan_key`]), since then every
    /// list, order and URL is the same.
    plan: Option<(Vec<plan::Page>, Vec<plan::Orders>)>,
}

pub struct Session {
    opts: BuildOptions,
    /// `opts.content`, canonical, to recognise watcher paths.
    content_dir: Option<PathBuf>,
    content: Content,
    theme: Option<Theme>,
    stats: Option<Stats>,
    hashes: RecordHashes,
    /// Files with problems in the last attempt ("" when none).
    failing: HashSet<String>,
    /// Whether the last attempt loaded and validated everything.
    loaded: bool,
    built: Built,
    /// Paths of files made outside the session (the search bundle), which
    /// pages may link to.
    extra: HashSet<String>,
    /// Whether the current edit left every release's front matter, every
    /// figure and every case as they were.
    same_shape: bool,
}

fn hash_json<T: serde::Serialize>(value: &T, h: &mut DefaultHasher) {
    struct Writer<'a>(&'a mut DefaultHasher);
    impl std::io::Write for Writer<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let _ = serde_json::to_writer(Writer(h), value);
}

/// A release's hash, and its card's (see [`RecordHashes::cards`]).
fn press_hash(p: &crate::model::PressRelease) -> (u64, u64) {
    let mut h = DefaultHasher::new();
    (&*p.origin.file, &p.slug).hash(&mut h);
    hash_json(&p.meta, &mut h);
    let card = h.finish();
    (&p.body, p.body_line).hash(&mut h);
    (h.finish(), card)
}

fn record_hash<T: serde::Serialize>(r: &crate::model::Record<T>) -> u64 {
    let mut h = DefaultHasher::new();
    (&*r.origin.file, r.origin.index).hash(&mut h);
    hash_json(&r.value, &mut h);
    h.finish()
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

/// What the plan reads of a release: with these unchanged, every list,
/// order and URL stays as it was (a new title or body only re-renders).
fn plan_key(
    p: &crate::model::PressRelease,
) -> (
    &str,
    crate::model::IsoDate,
    &[String],
    &Option<String>,
    &Option<String>,
) {
    let m = &p.meta;
    (&m.lang, m.date, &m.tags, &m.region, &m.election)
}

/// Which records a changed file is.
enum Edit {
    Press(usize),
    Figure(usize),
    Case(usize),
}

impl Session {
    pub fn new(opts: BuildOptions) -> Self {
        let opts_search = opts.search;
        Session {
            content_dir: opts.content.canonicalize().ok(),
            opts,
            content: Content::default(),
            theme: None,
            stats: None,
            hashes: RecordHashes::default(),
            failing: HashSet::from([String::new()]),
            loaded: false,
            built: Built::default(),
            same_shape: false,
            extra: if opts_search {
                crate::search::LINKED_FILES.map(String::from).into()
            } else {
                HashSet::new()
            },
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
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Delta, Error> {
        let mut stages = Vec::new();
        let mut clock = Instant::now();
        let mut lap = |name: &'static str, stages: &mut Vec<(&'static str, u128)>| {
            stages.push((name, clock.elapsed().as_millis()));
            clock = Instant::now();
        };
        let edits = self.edits(changed);
        let fast = edits.is_some();
        self.same_shape = false;
        let (index, problems) = match edits {
            Some(files) => self.reload_edited(&files)?,
            None => self.reload_all(),
        };
        lap("load + validate", &mut stages);
        self.failing = problems.0.iter().map(|p| p.file.clone()).collect();
        let (Some(theme), Some(stats)) = (&self.theme, &self.stats) else {
            return Err(invalid(problems, &self.opts.content));
        };
        if !problems.is_empty() {
            return Err(invalid(problems, &self.opts.content));
        }
        let mut delta = render_changes(
            &self.content,
            &index,
            stats,
            theme,
            &self.hashes,
            &mut self.built,
            &self.extra,
            self.opts.search,
            self.same_shape,
        )
        .inspect_err(|e| {
            if let Error::Invalid(p) = e {
                self.failing = p.0.iter().map(|p| p.file.clone()).collect();
            }
        })?;
        self.failing.clear();
        delta.fast = fast;
        stages.append(&mut delta.stages);
        delta.stages = stages;
        Ok(delta)
    }

    /// The edited records, when the fast path applies: every changed path
    /// is an existing press release, figure or case of the loaded content,
    /// and the last attempt failed, if at all, only in these files.
    fn edits(&self, changed: &[PathBuf]) -> Option<Vec<String>> {
        if !self.loaded || changed.is_empty() {
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
        let c = &self.content;
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
    fn reload_edited(&mut self, files: &[String]) -> Result<(Index, Problems), Error> {
        let dir = self.opts.content.clone();
        let mut problems = Problems::default();
        let mut figures_or_cases = false;
        let mut same_cards = true;
        for rel in files {
            let Some(edit) = self.find(rel) else {
                return Ok(self.reload_all());
            };
            match edit {
                Edit::Press(i) => match load::press_file(&dir, rel) {
                    Ok(p) => {
                        same_cards &= plan_key(&self.content.press[i]) == plan_key(&p);
                        (self.hashes.press[i], self.hashes.cards[i]) = press_hash(&p);
                        self.content.press[i] = p;
                    }
                    Err(p) => problems.push(p),
                },
                Edit::Figure(i) => match load::record_file::<crate::model::Figure>(&dir, rel) {
                    Ok(f) if f.id != self.content.figures[i].id => return Ok(self.reload_all()),
                    Ok(f) => {
                        self.hashes.figures[i] = record_hash(&f);
                        self.content.figures[i] = f;
                        figures_or_cases = true;
                    }
                    Err(p) => problems.push(p),
                },
                Edit::Case(i) => match load::record_file::<crate::model::CaseRecord>(&dir, rel) {
                    Ok(k) if k.id != self.content.cases[i].id => return Ok(self.reload_all()),
                    Ok(k) => {
                        self.hashes.cases[i] = record_hash(&k);
                        self.content.cases[i] = k;
                        figures_or_cases = true;
                    }
                    Err(p) => problems.push(p),
                },
            }
        }
        problems.defang();
        let scope: HashSet<String> = files.iter().cloned().collect();
        let (index, more) = validate::validate_scoped(&self.content, Some(&scope));
        problems.extend(more.0);
        if problems.is_empty() && figures_or_cases {
            self.stats = Some(aggregate::aggregate(&self.content, &index));
        }
        self.same_shape = same_cards && !figures_or_cases;
        Ok((index, problems))
    }

    /// The full path: everything loaded and validated again.
    fn reload_all(&mut self) -> (Index, Problems) {
        let (mut content, mut problems) = load::load(&self.opts.content);
        if let Some(url) = &self.opts.base_url {
            content.site.value.base_url = url.clone();
        }
        // Without a content folder nothing loaded, and every rule would
        // only repeat that.
        let (index, more) = if self.opts.content.is_dir() {
            validate::validate(&content)
        } else {
            (Index::build(&content), Problems::default())
        };
        problems.extend(more.0);
        self.theme = Theme::load(&self.opts.theme, &content.site)
            .map_err(|p| problems.extend(p.0))
            .ok();
        let (press, cards) = content.press.par_iter().map(press_hash).unzip();
        self.hashes = RecordHashes {
            global: global_hash(&self.opts),
            press,
            cards,
            figures: content.figures.par_iter().map(record_hash).collect(),
            cases: content.cases.par_iter().map(record_hash).collect(),
        };
        self.stats = problems
            .is_empty()
            .then(|| aggregate::aggregate(&content, &index));
        self.content = content;
        // Edits take the fast path only from a full load that worked; a
        // full load with problems is redone until it works.
        self.loaded = problems.is_empty();
        (index, problems)
    }
}

fn invalid(mut problems: Problems, content: &Path) -> Error {
    problems.sort();
    report::locate_all(&mut problems, content);
    Error::Invalid(problems)
}

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    b.hash(&mut h);
    h.finish()
}

/// The link check's view of the site being built: the last good build's
/// pages, minus those no longer planned, with the re-rendered ones
/// replaced.
struct NextSite<'a> {
    new: FxHashMap<&'a str, &'a PageLinks>,
    old: &'a FxHashMap<String, PageLinks>,
    planned: &'a rustc_hash::FxHashSet<&'a str>,
    files: &'a FxHashMap<String, u64>,
    extra: &'a HashSet<String>,
}

impl NextSite<'_> {
    fn ids(&self, page: &str) -> Option<&HashSet<String>> {
        match self.new.get(page) {
            Some(l) => Some(&l.ids),
            None if self.planned.contains(page) => self.old.get(page).map(|l| &l.ids),
            None => None,
        }
    }
}

impl links::Site for NextSite<'_> {
    fn has_file(&self, path: &str) -> bool {
        self.planned.contains(path) || self.files.contains_key(path) || self.extra.contains(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        self.ids(path).is_some_and(|ids| ids.contains(id))
    }
}

/// Plans every page, renders those whose fingerprint changed, checks
/// their links, and on success records the new state in `built`.
#[allow(clippy::too_many_arguments)]
fn render_changes(
    c: &Content,
    idx: &Index,
    stats: &Stats,
    theme: &Theme,
    hashes: &RecordHashes,
    built: &mut Built,
    extra: &HashSet<String>,
    search: bool,
    same_shape: bool,
) -> Result<Delta, Error> {
    let mut stages = Vec::new();
    let mut clock = Instant::now();
    let mut lap = |name: &'static str, stages: &mut Vec<(&'static str, u128)>| {
        stages.push((name, clock.elapsed().as_millis()));
        clock = Instant::now();
    };
    let sections: Vec<plan::Sections> = c.site.languages.iter().map(plan::Sections::new).collect();
    // Taken now: after a failed attempt the next one plans afresh.
    let (pages, orders) = match built.plan.take() {
        Some((pages, orders)) if same_shape => {
            let copy = orders.clone();
            (pages, copy)
        }
        _ => crate::pipeline::plan_with_orders(c, stats, search),
    };
    lap("plan", &mut stages);
    let langs = render::views(c, idx, stats, theme, orders);
    lap("views", &mut stages);
    let shared = Shared::new(c, &langs, hashes);
    let fingerprints: Vec<u64> = pages
        .par_iter()
        .map(|p| render::fingerprint(c, &langs, hashes, &shared, p))
        .collect();
    let dirty: Vec<&plan::Page> = pages
        .iter()
        .zip(&fingerprints)
        .filter(|(p, fp)| built.fingerprints.get(&p.file) != Some(fp))
        .map(|(p, _)| p)
        .collect();
    lap("fingerprints", &mut stages);
    let rendered =
        render::render_pages(c, theme, &langs, &dirty, &|| {}).map_err(Error::Invalid)?;
    lap("render pages", &mut stages);
    let site = render::site_files(c, idx, theme, &langs, &pages);
    let files: FxHashMap<String, u64> = site
        .par_iter()
        .map(|(k, v)| (k.clone(), hash_bytes(v)))
        .collect();
    lap("site files", &mut stages);

    // Links: every page keeps its extract; re-rendered pages get new ones.
    let new_links: Vec<(String, PageLinks)> = rendered
        .par_iter()
        .map(|(f, b)| (f.clone(), PageLinks::of(b)))
        .collect();
    let planned: rustc_hash::FxHashSet<&str> = pages.iter().map(|p| p.file.as_str()).collect();
    let removed_pages: Vec<String> = built
        .fingerprints
        .keys()
        .filter(|f| !planned.contains(f.as_str()))
        .cloned()
        .collect();
    // A page that lost an id, or a file that is gone, may break links of
    // pages that were not re-rendered: then every page is checked again.
    let recheck_all = !removed_pages.is_empty()
        || built.files.keys().any(|f| !files.contains_key(f))
        || new_links.iter().any(|(f, l)| {
            built
                .links
                .get(f)
                .is_some_and(|old| !old.ids.is_subset(&l.ids))
        });
    let root = render::url_path(&c.site.base_url);
    let next = NextSite {
        new: new_links.iter().map(|(f, l)| (f.as_str(), l)).collect(),
        old: &built.links,
        planned: &planned,
        files: &files,
        extra,
    };
    let to_check: Vec<(&str, &PageLinks)> = if recheck_all {
        pages
            .iter()
            .filter_map(|p| {
                let f = p.file.as_str();
                next.new
                    .get(f)
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
        .flat_map_iter(|(f, l)| l.check(&next, f, &root))
        .collect();
    if !broken.is_empty() {
        broken.sort();
        broken.dedup();
        let in_text = links::check_markdown(c, &sections, &next, &root);
        return Err(Error::Invalid(Problems(links::problems(in_text, broken))));
    }
    drop(next);
    lap("links", &mut stages);

    let mut write: Vec<(String, Vec<u8>)> = rendered;
    write.extend(
        site.into_iter()
            .filter(|(k, _)| built.files.get(k) != files.get(k)),
    );
    write.sort_by(|a, b| a.0.cmp(&b.0));
    let mut remove: Vec<String> = removed_pages.clone();
    remove.extend(
        built
            .files
            .keys()
            .filter(|f| !files.contains_key(*f))
            .cloned(),
    );
    remove.sort();
    let rendered_count = dirty.len();
    for (p, fp) in pages.iter().zip(fingerprints) {
        match built.fingerprints.get_mut(&p.file) {
            Some(old) => *old = fp,
            None => {
                built.fingerprints.insert(p.file.clone(), fp);
            }
        }
    }
    for f in &removed_pages {
        built.fingerprints.remove(f);
    }
    built.files = files;
    for f in &removed_pages {
        built.links.remove(f);
    }
    built.links.extend(new_links);
    // The plan and orders are kept for the next edit; freeing the cards
    // takes milliseconds the editor would wait for: another thread does.
    let mut orders = Vec::new();
    let mut garbage = Vec::new();
    for mut l in langs {
        orders.push(std::mem::take(&mut l.orders));
        garbage.push(l.take_cards());
    }
    let page_count = pages.len();
    built.plan = Some((pages, orders));
    std::thread::spawn(move || drop(garbage));
    Ok(Delta {
        write,
        remove,
        pages: page_count,
        rendered: rendered_count,
        fast: false,
        stages,
    })
}
