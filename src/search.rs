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

use std::borrow::Cow;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::render::Output;

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
        if html.windows(BODY.len()).any(|w| w == BODY.as_bytes()) {
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

/// The search index of every HTML page of the site, as output files
/// (path under [`BUNDLE_DIR`] → bytes), sorted by path. Blocks until done;
/// runs its own small async runtime for Pagefind's API.
pub fn index(out: &Output) -> Result<Vec<(String, Vec<u8>)>, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("search index: cannot start a runtime: {e}"))?;
    runtime.block_on(build(out))
}

async fn build(out: &Output) -> Result<Vec<(String, Vec<u8>)>, String> {
    let config = PagefindServiceConfig::builder().build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e:#}"))?;
    let pages: Vec<(&String, Cow<str>)> = out
        .iter()
        .filter(|(p, _)| is_page(p))
        .map(|(p, bytes)| (p, String::from_utf8_lossy(bytes)))
        .collect();
    // Once one page marks its `data-pagefind-body`, Pagefind leaves out
    // every page without one; not parsing those at all saves most of the
    // time (lists, tags and pagination are most of a large site).
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
    let mut files: Vec<(String, Vec<u8>)> = files
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
}
