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
//! building) and compresses at gzip's slowest level: 19 s and 2.9 GB at
//! 10 000 press releases, growing faster than the site. [`index`] builds
//! the data files itself instead, on all cores and in batches
//! (`html` reads pages as Pagefind's parser does, `words` and
//! `bundle` are ports of its indexer), and takes from Pagefind only what
//! the browser runs: `pagefind.js`, the UI, the WebAssembly stemmers. The
//! data is Pagefind's, byte for byte once unzipped, and so are the file
//! names; only the compression level differs (`bundle::GZIP_LEVEL_INDEX`).
//! Pages with HTML that `html` does not model, a page without a language on
//! a site with languages, or a Pagefind release other than the one this
//! was ported from make [`index`] hand the whole site to Pagefind instead:
//! slower, never different. `tests/search.rs` checks that the shipped
//! templates take the fast way and that both ways agree.

use std::borrow::Cow;
use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use rayon::prelude::*;

use crate::render::Output;

mod bundle;
mod html;
mod words;

/// The folder, at the output root, that holds the bundle.
pub const BUNDLE_DIR: &str = "pagefind/";

/// Files of the bundle that pages link to (the search page's UI). They
/// are in every bundle; `session` counts them as present before the
/// index is built.
pub const LINKED_FILES: [&str; 2] = ["pagefind/pagefind-ui.css", "pagefind/pagefind-ui.js"];

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

/// The pages to index, gathered while a build streams its pages to disk:
/// only those the index will read are kept.
#[derive(Default)]
pub struct Pages {
    marked: Output,
    /// Every page, until one marks its body (then only marked ones count).
    unmarked: Output,
}

impl Pages {
    pub fn offer(&mut self, path: &str, html: &[u8]) {
        if !is_page(path) {
            return;
        }
        if memchr::memmem::find(html, BODY.as_bytes()).is_some() {
            self.marked.insert(path.to_string(), html.to_vec());
            self.unmarked.clear();
        } else if self.marked.is_empty() {
            self.unmarked.insert(path.to_string(), html.to_vec());
        }
    }

    /// The bundle, as [`index`] makes it from the whole site.
    pub fn index(self) -> Result<Vec<(String, Vec<u8>)>, String> {
        if self.marked.is_empty() {
            index(&self.unmarked)
        } else {
            index(&self.marked)
        }
    }
}

/// The search index of every HTML page of the site, as output files,
/// sorted by path. Blocks until done.
pub fn index(out: &Output) -> Result<Files, String> {
    match index_direct(out)? {
        Direct::Built(files) => Ok(files),
        Direct::Unsupported { .. } => index_with_pagefind(out),
    }
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
    let html: Vec<(&String, &[u8])> = out
        .iter()
        .filter(|(p, _)| is_page(p))
        .map(|(p, bytes)| (p, bytes.as_slice()))
        .collect();
    let body = memchr::memmem::Finder::new(BODY);
    let marked: Vec<bool> = html
        .par_iter()
        .map(|(_, h)| body.find(h).is_some())
        .collect();
    // Once one page marks its `data-pagefind-body`, Pagefind leaves out
    // every page without one; not reading those at all saves most of the
    // time (lists, tags and pagination are most of a large site).
    let mut all = !marked.iter().any(|&m| m);
    let mut pages = match read_pages(&html, |i| all || marked[i]) {
        Ok(pages) => pages,
        Err(unsupported) => return Ok(unsupported),
    };
    if !all && !pages.iter().any(|p| p.html.has_custom_body) {
        // The attribute's name was only text: every page counts.
        all = true;
        pages = match read_pages(&html, |_| true) {
            Ok(pages) => pages,
            Err(unsupported) => return Ok(unsupported),
        };
    }
    let used_custom_body = pages.iter().any(|p| p.html.has_custom_body);
    let mut languages: BTreeMap<String, Vec<bundle::Page>> = BTreeMap::new();
    for page in pages {
        if page.html.has_custom_body || !used_custom_body {
            languages
                .entry(page.html.language.clone())
                .or_default()
                .push(page);
        }
    }
    if languages.len() > 1 && languages.contains_key("unknown") {
        // Pagefind would add them to the language with the most pages.
        return Ok(Direct::Unsupported {
            page: languages["unknown"][0].url.clone(),
            why: "a page without <html lang> on a site with languages".into(),
        });
    }

    let langs: Vec<String> = languages.keys().cloned().collect();
    let (assets, built) = rayon::join(
        || assets(&langs),
        || {
            let mut built = Vec::new();
            for (lang, pages) in languages {
                let fields = bundle::field_names(&pages);
                let language = match bundle::build(&lang, pages, &fields, PORTED_FROM) {
                    Ok(language) => language,
                    Err(fields) => {
                        // Rare (see `bundle::build`): read the pages again.
                        let Ok(pages) = read_pages(&html, |i| all || marked[i]) else {
                            unreachable!("the pages were read before");
                        };
                        let pages = pages
                            .into_iter()
                            .filter(|p| {
                                p.html.language == lang
                                    && (p.html.has_custom_body || !used_custom_body)
                            })
                            .collect();
                        bundle::build(&lang, pages, &fields, PORTED_FROM)
                            .expect("the fields are now known")
                    }
                };
                built.push((lang, language));
            }
            built
        },
    );
    let assets = assets?;
    if assets.version != PORTED_FROM || assets.include_characters != words::WORD_SYMBOLS {
        return Ok(Direct::Unsupported {
            page: "pagefind".into(),
            why: format!(
                "Pagefind {} (the index is ported from {PORTED_FROM})",
                assets.version
            ),
        });
    }

    let mut entry = Entry {
        version: &assets.version,
        languages: BTreeMap::new(),
        include_characters: &assets.include_characters,
    };
    // A language whose pages have no words is no index, nor its stemmer.
    let built: Vec<(String, bundle::Language)> = built
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
    files.sort();
    Ok(Direct::Built(files))
}

/// Reads the pages for which `wanted(i)` in parallel, in path order.
fn read_pages(
    html: &[(&String, &[u8])],
    wanted: impl Fn(usize) -> bool + Sync,
) -> Result<Vec<bundle::Page>, Direct> {
    let read: Vec<Result<bundle::Page, Direct>> = html
        .par_iter()
        .enumerate()
        .filter(|(i, _)| wanted(*i))
        .map(|(_, (path, bytes))| {
            let text = std::str::from_utf8(bytes)
                .map(Cow::Borrowed)
                .unwrap_or_else(|_| String::from_utf8_lossy(bytes));
            (path, text)
        })
        .map(|(path, text)| match html::read(&text) {
            Ok(page) => Ok(bundle::Page {
                url: url(path),
                html: page,
            }),
            Err(html::Unsupported(why)) => Err(Direct::Unsupported {
                page: path.to_string(),
                why,
            }),
        })
        .collect();
    read.into_iter().collect()
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
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("search index: cannot start a runtime: {e}"))?;
    runtime.block_on(build_with_pagefind(out))
}

async fn build_with_pagefind(out: &Output) -> Result<Files, String> {
    let config = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e:#}"))?;
    let pages: Vec<(&String, Cow<str>)> = out
        .iter()
        .filter(|(p, _)| is_page(p))
        .map(|(p, bytes)| (p, String::from_utf8_lossy(bytes)))
        .collect();
    let any_marked = pages.iter().any(|(_, html)| html.contains(BODY));
    for (path, html) in pages {
        if any_marked && !html.contains(BODY) {
            continue;
        }
        // A relative source path: Pagefind turns `a/b/index.html` into the
        // URL `/a/b/`.
        index
            .add_html_file(Some(path.clone()), None, html.into_owned())
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
}

#[cfg(test)]
mod tests {
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
