//! Search without a server: a Pagefind index of the built pages, written
//! as static files under `pagefind/` and searched in the browser.
//!
//! Runs after render, on the HTML in memory. Pagefind reads each page's
//! `<html lang>` and builds one index per language (Indonesian and
//! English each with their own stemmer) in one bundle; `pagefind.js`
//! picks the index matching the `lang` of the page it runs on.
//!
//! What is indexed is up to the templates: once any page marks an element
//! `data-pagefind-body`, pages without one are left out; inside it,
//! `data-pagefind-ignore` drops an element and `data-pagefind-meta="date"`
//! gives a result its date. Result URLs are site-absolute (`/siaran-pers/…/`)
//! and the browser side prefixes them with the folder `pagefind/` is
//! served from, so one bundle works at the domain root and under a
//! sub-path alike.
//!
//! The files are a function of the pages only: their names are content
//! hashes, gzip headers carry no time, and they are returned sorted.
//!
//! # Two ways to the same bundle
//!
//! Pagefind's own indexer ([`index_with_pagefind`]) parses every page in
//! full, one at a time behind a lock, compares each new page's URL with
//! all earlier ones', keeps about 250 KB per page (twice over while
//! building) and compresses at gzip's slowest level: on a large site it
//! takes longer and more memory than the rest of the build together, and
//! grows faster than the site (bench/README.md). [`index`] builds
//! the data files itself instead, on all cores and in batches
//! (`html` reads pages as Pagefind's parser does, `words` and
//! `bundle` are ports of its indexer), and takes from Pagefind only what
//! the browser runs: `pagefind.js`, the UI, the WebAssembly stemmers. The
//! data is Pagefind's, byte for byte once unzipped, and so are the file
//! names; only the compression level differs (`bundle::GZIP_LEVEL_INDEX`).
//! Pages with HTML that `html` does not model, a page without a language on
//! a site with languages, or a Pagefind release other than the one this
//! was ported from make [`index`] hand the whole site to Pagefind instead:
//! slower, never different. `tests/testsuite/search.rs` checks that the shipped
//! templates take the fast way and that both ways agree.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::write::Output;

mod bundle;
mod html;
mod words;

/// The folder, at the output root, that holds the bundle.
pub const BUNDLE_DIR: &str = "pagefind/";

/// Files of the bundle that pages link to (the search page's UI). They
/// are in every bundle; `session` counts them as present before the
/// index is built.
pub const LINKED_FILES: [&str; 2] = ["pagefind/pagefind-ui.css", "pagefind/pagefind-ui.js"];

/// [`FIXED_FILES`] as output paths.
pub const FIXED_PATHS: [&str; 5] = [
    "pagefind/pagefind.js",
    "pagefind/pagefind-ui.js",
    "pagefind/pagefind-ui.css",
    "pagefind/pagefind-worker.js",
    "pagefind/pagefind-entry.json",
];

/// Files of the bundle whose names do not depend on the pages (the
/// others are named by their content's hash): what a page may link to.
pub const FIXED_FILES: [&str; 5] = [
    "pagefind.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-worker.js",
    "pagefind-entry.json",
];

/// The attribute that marks the part of a page to index.
const BODY: &str = "data-pagefind-body";

/// The Pagefind release whose indexer [`bundle`], [`html`] and [`words`]
/// port; with any other, [`index`] lets Pagefind do the work.
const PORTED_FROM: &str = "1.6.0";

/// Files of Pagefind's bundle that no page of this site loads: its other
/// two UIs and the highlighter. Not shipped.
const UNUSED: [&str; 5] = [
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
];

/// Whether a built file is a page to index: HTML, and not a "not found"
/// page (served at any missing path, it would match searches for words of
/// its own text).
fn is_page(path: &str) -> bool {
    path.ends_with(".html") && path.rsplit('/').next() != Some("404.html")
}

/// The bundle: output files (path under [`BUNDLE_DIR`] → bytes), sorted by
/// path.
pub type Files = Vec<(String, Vec<u8>)>;

/// The search index, built while a build streams its pages to disk: each
/// page is read as it is offered (a chunk at a time, on all cores) and
/// only what the index needs of it is kept, compact (see
/// [`bundle::Indexed`]); the HTML is not. [`Pages::index`] joins them.
///
/// Which pages count is only known at the end (once one page marks its
/// `data-pagefind-body`, those without are left out), so pages are kept
/// until it is known they do not count.
pub struct Pages {
    /// Pages read, in the order offered.
    read: Vec<Read>,
    /// Whether a page read has an element marked `data-pagefind-body`.
    body_seen: bool,
    /// Whether any page offered contains the attribute's name.
    any_marked: bool,
    /// The languages of the pages, that [`Read::language`] numbers.
    languages: Vec<String>,
    interner: Arc<Mutex<words::Interner>>,
    /// The threads' words and compressors, kept from chunk to chunk.
    workers: Mutex<Vec<bundle::Worker>>,
    /// Where pages' fragments and words wait for [`Pages::index`] (see
    /// [`Pages::spill_to`]).
    spill: Option<Spill>,
}

impl Default for Pages {
    fn default() -> Self {
        Pages {
            read: Vec::new(),
            body_seen: false,
            any_marked: false,
            languages: Vec::new(),
            interner: Arc::default(),
            workers: Mutex::new(Vec::new()),
            spill: None,
        }
    }
}

/// A file that holds pages' fragments and words until the index is
/// built, removed when it is dropped.
struct Spill {
    path: std::path::PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    len: u64,
    /// The first write that failed: what the file holds is then not what
    /// the pages' places in it say, and the index fails with this.
    failed: Option<std::io::Error>,
}

impl Spill {
    /// The file from its start, once everything is written.
    fn reader(&mut self) -> std::io::Result<std::io::BufReader<std::fs::File>> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        std::io::Write::flush(&mut self.file)?;
        Ok(std::io::BufReader::new(std::fs::File::open(&self.path)?))
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// A page offered to the index, as read.
struct Read {
    path: String,
    /// Whether its HTML contains the name `data-pagefind-body`.
    marked: bool,
    has_custom_body: bool,
    /// A number in [`Pages::languages`].
    language: u16,
    /// What it adds (nothing without words), or why it cannot be read here.
    indexed: Result<Option<bundle::Indexed>, String>,
}

impl Pages {
    /// Keeps each page's fragment and words in the file `path` (made
    /// now, removed when the index is built) rather than in memory until
    /// the index is built: on 10 000 releases some 60 MiB, which a build
    /// otherwise holds at its peak, while its pages are rendered. They are
    /// read back when the pages it holds are freed.
    pub fn spill_to(&mut self, path: std::path::PathBuf) -> std::io::Result<()> {
        let file = std::fs::File::create(&path)?;
        self.spill = Some(Spill {
            path,
            file: std::io::BufWriter::new(file),
            len: 0,
            failed: None,
        });
        Ok(())
    }

    /// Offers built files: the pages among them are read in parallel and
    /// the files may be dropped after.
    pub fn offer<P: AsRef<str> + Sync, B: AsRef<[u8]> + Sync>(&mut self, files: &[(P, B)]) {
        let body = memchr::memmem::Finder::new(BODY);
        let found: Vec<(usize, bool)> = files
            .par_iter()
            .enumerate()
            .filter(|(_, (p, _))| is_page(p.as_ref()))
            .map(|(i, (_, b))| (i, body.find(b.as_ref()).is_some()))
            .collect();
        self.any_marked |= found.iter().any(|&(_, m)| m);
        // Once a page marks its body, pages without the attribute are not
        // read at all: lists, tags and pagination are most of a large site.
        let body_seen = self.body_seen;
        let read: Vec<(usize, bool, Result<html::Page, String>)> = found
            .into_par_iter()
            .filter(|&(_, marked)| marked || !body_seen)
            .map(|(i, marked)| {
                let bytes = files[i].1.as_ref();
                let text = std::str::from_utf8(bytes)
                    .map(Cow::Borrowed)
                    .unwrap_or_else(|_| String::from_utf8_lossy(bytes));
                (i, marked, html::read(&text).map_err(|e| e.0))
            })
            .collect();
        if !self.body_seen
            && read
                .iter()
                .any(|(_, _, r)| r.as_ref().is_ok_and(|p| p.has_custom_body))
        {
            self.body_seen = true;
            // Pages without a marked body no longer count; those with the
            // attribute's name are kept (paths only) for Pagefind, should
            // the site need it.
            self.read.retain(|r| r.marked);
            for r in &mut self.read {
                if !r.has_custom_body
                    && let Ok(indexed) = &mut r.indexed
                {
                    *indexed = None;
                }
            }
        }
        let body_seen = self.body_seen;
        let workers = &self.workers;
        let interner = &self.interner;
        let read: Vec<(Read, String)> = read
            .into_par_iter()
            .filter(|(_, marked, _)| *marked || !body_seen)
            .map_init(
                || Lease::new(workers, interner),
                |lease, (i, marked, page)| {
                    let path = files[i].0.as_ref();
                    match page {
                        Ok(page) => (
                            Read {
                                path: path.to_string(),
                                marked,
                                has_custom_body: page.has_custom_body,
                                indexed: Ok((page.has_custom_body || !body_seen)
                                    .then(|| lease.worker().page(&url(path), &page))
                                    .flatten()),
                                language: 0,
                            },
                            page.language,
                        ),
                        Err(why) => (
                            Read {
                                path: path.to_string(),
                                marked,
                                has_custom_body: false,
                                language: 0,
                                indexed: Err(why),
                            },
                            String::new(),
                        ),
                    }
                },
            )
            .collect();
        for (mut r, language) in read {
            if let (Some(spill), Ok(Some(indexed))) = (&mut self.spill, &mut r.indexed)
                && spill.failed.is_none()
            {
                match indexed.spill(&mut spill.file, spill.len) {
                    Ok(n) => spill.len += n,
                    Err(e) => spill.failed = Some(e),
                }
            }
            r.language = match self.languages.iter().position(|l| *l == language) {
                Some(n) => n as u16,
                None => {
                    self.languages.push(language);
                    (self.languages.len() - 1) as u16
                }
            };
            self.read.push(r);
        }
    }

    /// The bundle, as [`index`] makes it from the whole site; `html` gives
    /// a page's HTML again (by path) should Pagefind's own indexer be
    /// needed. With the bundle, why Pagefind's indexer was used, if it was.
    pub fn index(
        self,
        html: impl Fn(&str) -> Result<Vec<u8>, String>,
    ) -> Result<(Files, Option<String>), String> {
        match self.direct()? {
            Unread::Built(files) => Ok((files, None)),
            Unread::Unsupported { page, why, paths } => {
                let fallback = format!(
                    "search index: {page}: {why}; Pagefind's own indexer was used (slower)"
                );
                let files = with_pagefind(paths, html)?;
                Ok((files, Some(fallback)))
            }
        }
    }

    /// The bundle built without Pagefind's indexer, unless the site needs
    /// it (then the paths of the pages it is to index).
    fn direct(self) -> Result<Unread, String> {
        let Pages {
            read,
            body_seen,
            any_marked,
            languages: language_names,
            interner,
            workers,
            mut spill,
        } = self;
        // In path order, as Pagefind numbers pages; a path offered twice
        // counts as offered last.
        let mut read: Vec<(usize, Read)> = read.into_iter().enumerate().collect();
        read.par_sort_unstable_by(|(i, a), (j, b)| a.path.cmp(&b.path).then(i.cmp(j)));
        let mut read: Vec<Read> = read.into_iter().map(|(_, r)| r).collect();
        read.dedup_by(|later, earlier| {
            let same = later.path == earlier.path;
            if same {
                std::mem::swap(later, earlier);
            }
            same
        });
        let counted = |r: &Read| !body_seen || r.marked;
        let paths = |read: &[Read]| {
            read.iter()
                .filter(|r| !any_marked || r.marked)
                .map(|r| r.path.clone())
                .collect::<Vec<_>>()
        };
        if let Some(r) = read.iter().find(|r| counted(r) && r.indexed.is_err()) {
            let Err(why) = &r.indexed else { unreachable!() };
            return Ok(Unread::Unsupported {
                page: r.path.clone(),
                why: why.clone(),
                paths: paths(&read),
            });
        }
        let mut languages: BTreeMap<String, Vec<bundle::Indexed>> = BTreeMap::new();
        let mut first_of: BTreeMap<String, String> = BTreeMap::new();
        let mut paths_kept = Vec::new();
        for r in read {
            if any_marked && !r.marked {
                // Not given to Pagefind either.
            } else {
                paths_kept.push(r.path.clone());
            }
            if !counted(&r) || (body_seen && !r.has_custom_body) {
                continue;
            }
            let language = &language_names[r.language as usize];
            let pages = languages.entry(language.clone()).or_default();
            first_of
                .entry(language.clone())
                .or_insert_with(|| url(&r.path));
            if let Ok(Some(indexed)) = r.indexed {
                pages.push(indexed);
            }
        }
        if languages.len() > 1 && languages.contains_key("unknown") {
            // Pagefind would add them to the language with the most pages.
            return Ok(Unread::Unsupported {
                page: first_of["unknown"].clone(),
                why: "a page without <html lang> on a site with languages".into(),
                paths: paths_kept,
            });
        }
        drop(workers);
        // The fragments are read back now, the words as each block of
        // pages is joined (see `bundle::build`).
        let spill_path = spill.as_ref().map(|s| s.path.display().to_string());
        let cannot = |e: std::io::Error| match &spill_path {
            Some(path) => format!("{path}: {e}"),
            None => e.to_string(),
        };
        let mut spilled = match spill.as_mut().map(Spill::reader) {
            Some(r) => Some(r.map_err(cannot)?),
            None => None,
        };
        if let Some(file) = &mut spilled {
            let mut pages: Vec<&mut bundle::Indexed> = languages.values_mut().flatten().collect();
            // In the order written: one pass over the file.
            pages.sort_by_key(|p| p.spilled_at());
            for p in pages {
                p.restore_fragment(file).map_err(cannot)?;
            }
        }
        let names: Vec<Arc<str>> =
            std::mem::take(&mut interner.lock().expect("not poisoned").names);

        let langs: Vec<String> = languages.keys().cloned().collect();
        let (assets, built) = rayon::join(
            || assets(&langs),
            || {
                languages
                    .into_iter()
                    .map(|(lang, pages)| {
                        let built =
                            bundle::build(&lang, pages, &names, PORTED_FROM, spilled.as_mut());
                        (lang, built)
                    })
                    .collect::<Vec<_>>()
            },
        );
        let assets = assets?;
        if assets.version != PORTED_FROM || assets.include_characters != words::WORD_SYMBOLS {
            return Ok(Unread::Unsupported {
                page: "pagefind".into(),
                why: format!(
                    "Pagefind {} (the index is ported from {PORTED_FROM})",
                    assets.version
                ),
                paths: paths_kept,
            });
        }
        std::thread::spawn(move || drop(names));

        let mut entry = Entry {
            version: &assets.version,
            languages: BTreeMap::new(),
            include_characters: &assets.include_characters,
        };
        // A language whose pages have no words is no index, nor its stemmer.
        let mut languages_built = Vec::with_capacity(built.len());
        for (lang, b) in built {
            languages_built.push((lang, b.map_err(cannot)?));
        }
        let built: Vec<(String, bundle::Language)> = languages_built
            .into_iter()
            .filter(|(_, b)| b.page_count > 0)
            .collect();
        let mut files: Files = assets
            .files
            .into_iter()
            .filter(|(name, _)| {
                let stemmer = name
                    .strip_prefix("wasm.")
                    .and_then(|n| n.strip_suffix(".pagefind"));
                stemmer.is_none_or(|l| l == "unknown" || built.iter().any(|(lang, _)| lang == l))
            })
            .collect();
        for (lang, built) in built {
            entry.languages.insert(
                lang.clone(),
                EntryLanguage {
                    hash: built.meta_hash,
                    wasm: assets.wasm.get(&lang).cloned().flatten(),
                    page_count: built.page_count,
                },
            );
            files.extend(built.files);
        }
        files.push((
            "pagefind-entry.json".into(),
            serde_json::to_vec(&entry).expect("the entry is JSON"),
        ));
        let mut files: Files = files
            .into_iter()
            .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
            .map(|(name, bytes)| (format!("{BUNDLE_DIR}{name}"), bytes))
            .collect();
        files.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(Unread::Built(files))
    }
}

/// What [`Pages::direct`] did.
enum Unread {
    Built(Files),
    /// Nothing: `page` needs Pagefind's own indexer, which is to read the
    /// pages at `paths`.
    Unsupported {
        page: String,
        why: String,
        paths: Vec<String>,
    },
}

/// A thread's [`bundle::Worker`], taken from the pool for a stretch of
/// pages and put back after.
struct Lease<'p> {
    worker: Option<bundle::Worker>,
    pool: &'p Mutex<Vec<bundle::Worker>>,
}

impl<'p> Lease<'p> {
    fn new(pool: &'p Mutex<Vec<bundle::Worker>>, interner: &Arc<Mutex<words::Interner>>) -> Self {
        let worker = pool.lock().expect("not poisoned").pop();
        Lease {
            worker: Some(worker.unwrap_or_else(|| bundle::Worker::new(interner.clone()))),
            pool,
        }
    }

    fn worker(&mut self) -> &mut bundle::Worker {
        self.worker.as_mut().expect("leased")
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let (Some(worker), Ok(mut pool)) = (self.worker.take(), self.pool.lock()) {
            pool.push(worker);
        }
    }
}

/// The search index of every HTML page of the site, as output files,
/// sorted by path. Blocks until done.
pub fn index(out: &Output) -> Result<Files, String> {
    let mut pages = Pages::default();
    pages.offer(&out.iter().collect::<Vec<_>>());
    pages
        .index(|p| Ok(out.get(p).cloned().unwrap_or_default()))
        .map(|(files, _)| files)
}

/// What [`index_direct`] did.
#[derive(Debug)]
pub enum Direct {
    /// The bundle.
    Built(Files),
    /// Nothing: `page` (a path, or `pagefind` for the Pagefind release)
    /// needs Pagefind's own indexer, for the reason `why`.
    Unsupported { page: String, why: String },
}

/// The bundle built without Pagefind's indexer (see the module
/// documentation), unless the site needs it.
pub fn index_direct(out: &Output) -> Result<Direct, String> {
    let mut pages = Pages::default();
    pages.offer(&out.iter().collect::<Vec<_>>());
    Ok(match pages.direct()? {
        Unread::Built(files) => Direct::Built(files),
        Unread::Unsupported { page, why, .. } => Direct::Unsupported { page, why },
    })
}

/// The URL Pagefind gives a page at `path`: site-absolute, without
/// `index.html`, percent-encoded.
fn url(path: &str) -> String {
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
        .add(b' ')
        .add(b'"')
        .add(b'#')
        .add(b'%')
        .add(b'<')
        .add(b'>')
        .add(b'?')
        .add(b'`')
        .add(b'{')
        .add(b'}');
    let path = if let Some(dir) = path.strip_suffix("/index.html") {
        &path[..dir.len() + 1]
    } else if path == "index.html" {
        ""
    } else {
        path
    };
    format!("/{}", percent_encoding::utf8_percent_encode(path, PATH))
}

/// `pagefind-entry.json`, as Pagefind writes it.
#[derive(serde::Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: &'a [char],
}

#[derive(serde::Serialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

/// What the browser runs, from Pagefind: its scripts, UI and stemmers.
struct Assets {
    version: String,
    include_characters: Vec<char>,
    /// Each language's stemmer file, if Pagefind has one.
    wasm: BTreeMap<String, Option<String>>,
    files: Files,
}

/// Pagefind's browser files for a site in `langs`, from a bundle of one
/// word per language.
fn assets(langs: &[String]) -> Result<Assets, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("search index: cannot start a runtime: {e}"))?;
    let files = runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e:#}"))?;
        for (i, lang) in langs.iter().enumerate() {
            index
                .add_custom_record(
                    format!("/{i}/"),
                    "netra".into(),
                    lang.clone(),
                    None,
                    None,
                    None,
                )
                .await
                .map_err(|e| format!("search index: {e:#}"))?;
        }
        index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e:#}"))
    })?;
    let mut assets = Assets {
        version: String::new(),
        include_characters: Vec::new(),
        wasm: BTreeMap::new(),
        files: Vec::new(),
    };
    for f in files {
        let name = f.filename.to_string_lossy().replace('\\', "/");
        if name == "pagefind-entry.json" {
            #[derive(serde::Deserialize)]
            struct In {
                version: String,
                languages: BTreeMap<String, InLanguage>,
                include_characters: Vec<char>,
            }
            #[derive(serde::Deserialize)]
            struct InLanguage {
                wasm: Option<String>,
            }
            let entry: In = serde_json::from_slice(&f.contents)
                .map_err(|e| format!("search index: Pagefind's entry file: {e}"))?;
            assets.version = entry.version;
            assets.include_characters = entry.include_characters;
            assets.wasm = entry
                .languages
                .into_iter()
                .map(|(l, e)| (l, e.wasm))
                .collect();
        } else if !name.contains(".pf_") {
            assets.files.push((name, f.contents));
        }
    }
    Ok(assets)
}

/// The bundle as Pagefind's own indexer builds it: the reference
/// [`index_direct`] is tested against, and what [`index`] falls back to.
pub fn index_with_pagefind(out: &Output) -> Result<Files, String> {
    let pages: Vec<&String> = out.keys().filter(|p| is_page(p)).collect();
    let marked = |p: &&String| memchr::memmem::find(&out[*p], BODY.as_bytes()).is_some();
    let any_marked = pages.iter().any(marked);
    let pages = pages
        .into_iter()
        .filter(|p| !any_marked || marked(p))
        .cloned()
        .collect();
    with_pagefind(pages, |p| Ok(out[p].clone()))
}

/// [`index_with_pagefind`] for the pages at `paths` (those Pagefind is to
/// index, in path order), their HTML read one at a time by `html`.
fn with_pagefind(
    paths: Vec<String>,
    html: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<Files, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("search index: cannot start a runtime: {e}"))?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder().build();
        let mut index =
            PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e:#}"))?;
        for path in paths {
            let bytes = html(&path).map_err(|e| format!("search index: {e}"))?;
            let html = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            };
            // A relative source path: Pagefind turns `a/b/index.html` into
            // the URL `/a/b/`.
            index
                .add_html_file(Some(path.clone()), None, html)
                .await
                .map_err(|e| format!("search index: {path}: {e:#}"))?;
        }
        let files = index
            .get_files()
            .await
            .map_err(|e| format!("search index: {e:#}"))?;
        let mut files: Files = files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| !UNUSED.contains(&name.as_str()))
            .map(|(name, bytes)| (format!("{BUNDLE_DIR}{name}"), bytes))
            .collect();
        files.sort();
        Ok(files)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn fixed_paths_are_the_fixed_files_in_the_bundle() {
        let joined = super::FIXED_FILES.map(|f| format!("{}{f}", super::BUNDLE_DIR));
        assert_eq!(joined, super::FIXED_PATHS);
        assert!(
            super::LINKED_FILES
                .iter()
                .all(|f| super::FIXED_PATHS.contains(f))
        );
    }

    #[test]
    fn pages_to_index() {
        assert!(super::is_page("index.html"));
        assert!(super::is_page("en/press/x/index.html"));
        assert!(!super::is_page("404.html"));
        assert!(!super::is_page("en/404.html"));
        assert!(!super::is_page("statistik/x.svg"));
    }

    #[test]
    fn urls_as_pagefind_makes_them() {
        assert_eq!(super::url("index.html"), "/");
        assert_eq!(super::url("a/b/index.html"), "/a/b/");
        assert_eq!(super::url("a/x.html"), "/a/x.html");
        assert_eq!(super::url("a b/ü?.html"), "/a%20b/%C3%BC%3F.html");
    }
}
