//! No broken link ships: every internal link, asset and `#anchor` of the
//! built pages points at a file (and an element) of the same build.
//!
//! Runs on the in-memory output, after rendering and before writing, so a
//! broken link fails the build like bad data does. Links are resolved the
//! way a browser resolves them, relative to the page; absolute paths are
//! taken relative to the base URL's path. External links are not fetched.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rayon::prelude::*;
use regex::Regex;

use crate::problem::Problem;
use crate::render::Output;

static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)="([^"]*)""#).unwrap());
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]*)""#).unwrap());

/// `&amp;` and friends back to characters, for comparing URLs and ids.
fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The folder part of a page's path: `a/b/index.html` → `a/b/`.
fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// Resolves `link` against `base` (a folder path, `a/b/`), giving a site
/// path, or `None` when it climbs above the site's root.
fn resolve(base: &str, link: &str, root_path: &str) -> Option<String> {
    let joined = match link.strip_prefix('/') {
        Some(abs) => abs
            .strip_prefix(root_path.trim_start_matches('/'))
            .unwrap_or(abs)
            .to_string(),
        None => format!("{base}{link}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    let trailing = joined.ends_with('/') || joined.is_empty();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if trailing {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// What the link check needs of one page: its links (unescaped, in
/// order) and the ids of its elements. Extracted once per rendered page,
/// so a rebuild re-reads only the pages it re-rendered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLinks {
    pub links: Vec<String>,
    pub ids: HashSet<String>,
}

impl PageLinks {
    pub fn of(html: &[u8]) -> Self {
        let html = String::from_utf8_lossy(html);
        PageLinks {
            // The embed snippet shows an iframe as text: `&lt;iframe src=…`
            // has no real attribute, and the regex sees only real ones.
            links: LINK
                .captures_iter(&html)
                .map(|c| unescape(&c[1]))
                .filter(|l| !l.is_empty() && !is_external(l))
                .collect(),
            ids: ID.captures_iter(&html).map(|c| unescape(&c[1])).collect(),
        }
    }
}

/// The site as the link check sees it: which files exist, and the ids of
/// each HTML page.
pub trait Site: Sync {
    fn exists(&self, path: &str) -> bool;
    fn ids(&self, page: &str) -> Option<&HashSet<String>>;
}

/// The broken links of `page`.
pub fn verify(page: &str, links: &PageLinks, site: &dyn Site, root_path: &str) -> Vec<Problem> {
    let mut found = Vec::new();
    for link in &links.links {
        let (path, fragment) = link
            .split_once('#')
            .map_or((link.as_str(), None), |(p, f)| (p, Some(f)));
        let path = path.split('?').next().unwrap_or("");
        let target = if path.is_empty() {
            Some(page.to_string())
        } else {
            resolve(dir_of(page), path, root_path)
        };
        let problem = match target {
            None => Some("climbs above the site's root".to_string()),
            Some(t) if !site.exists(&t) => {
                Some(format!("points to {t}, which the build does not write"))
            }
            Some(t) => match fragment {
                Some(f)
                    if !f.is_empty()
                        && t.ends_with(".html")
                        && !site.ids(&t).is_some_and(|set| set.contains(f)) =>
                {
                    Some(format!("anchor #{f} does not exist in {t}"))
                }
                _ => None,
            },
        };
        if let Some(why) = problem {
            found.push(
                Problem::file(format!("output: {page}"), "broken link")
                    .expected("a link to a page, file or anchor of this site")
                    .found(format!("{link} ({why})")),
            );
        }
    }
    found
}

/// Sorted, without repeats: one report per broken link.
pub fn tidy(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort();
    problems.dedup();
    problems
}

struct Built<'a> {
    out: &'a Output,
    ids: HashMap<&'a str, &'a HashSet<String>>,
}

impl Site for Built<'_> {
    fn exists(&self, path: &str) -> bool {
        self.out.contains_key(path)
    }
    fn ids(&self, page: &str) -> Option<&HashSet<String>> {
        self.ids.get(page).copied()
    }
}

/// Every broken internal link or anchor in the HTML of `out`.
/// `root_path` is the path of the base URL (`/` or `/netra/`), against
/// which links starting with `/` (only the 404 page has them) resolve.
pub fn check(out: &Output, root_path: &str) -> Vec<Problem> {
    let pages: Vec<(&str, PageLinks)> = out
        .par_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, bytes)| (p.as_str(), PageLinks::of(bytes)))
        .collect();
    let site = Built {
        out,
        ids: pages.iter().map(|(p, l)| (*p, &l.ids)).collect(),
    };
    tidy(
        pages
            .par_iter()
            .flat_map_iter(|(page, links)| verify(page, links, &site, root_path))
            .collect(),
    )
}

/// The link check of a build that writes pages as it renders them and
/// keeps none: each page is checked when rendered against the files the
/// build will write (known from the plan); what cannot be decided yet, an
/// anchor in another page or a file made at the end, is kept in a small
/// list, and each page leaves only a hash of each of its ids.
#[derive(Default)]
pub struct Ledger {
    /// `anchor_key(page, id)` of every id of every page checked.
    ids: rustc_hash::FxHashSet<u64>,
    later: Vec<Later>,
    problems: Vec<Problem>,
}

/// A link decided at the end: an anchor in another page, or a file the
/// build makes last.
struct Later {
    page: String,
    link: String,
    target: String,
    fragment: Option<String>,
}

fn anchor_key(page: &str, id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    (page, id).hash(&mut h);
    h.finish()
}

fn broken(page: &str, link: &str, why: String) -> Problem {
    Problem::file(format!("output: {page}"), "broken link")
        .expected("a link to a page, file or anchor of this site")
        .found(format!("{link} ({why})"))
}

/// What checking one page found.
pub struct PageCheck {
    ids: Vec<u64>,
    later: Vec<Later>,
    problems: Vec<Problem>,
}

impl Ledger {
    /// Checks the page `page` (thread-safe: run pages in parallel, then
    /// [`Ledger::add`] the results in order). `exists` knows every file
    /// but those `defer` names, which are checked by [`Ledger::finish`].
    pub fn check_page(
        page: &str,
        html: &[u8],
        exists: &(dyn Fn(&str) -> bool + Sync),
        defer: &(dyn Fn(&str) -> bool + Sync),
        root_path: &str,
    ) -> PageCheck {
        let links = PageLinks::of(html);
        let mut check = PageCheck {
            ids: links.ids.iter().map(|id| anchor_key(page, id)).collect(),
            later: Vec::new(),
            problems: Vec::new(),
        };
        for link in &links.links {
            let (path, fragment) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(p, f)| (p, Some(f)));
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(dir_of(page), path, root_path)
            };
            let fragment = fragment.filter(|f| !f.is_empty());
            match target {
                None => check.problems.push(broken(
                    page,
                    link,
                    "climbs above the site's root".to_string(),
                )),
                Some(t)
                    if defer(&t) || (fragment.is_some() && t.ends_with(".html") && t != page) =>
                {
                    check.later.push(Later {
                        page: page.to_string(),
                        link: link.clone(),
                        target: t,
                        fragment: fragment.map(str::to_string),
                    })
                }
                Some(t) if !exists(&t) => check.problems.push(broken(
                    page,
                    link,
                    format!("points to {t}, which the build does not write"),
                )),
                Some(t) => {
                    if let Some(f) = fragment
                        && t.ends_with(".html")
                        && !links.ids.contains(f)
                    {
                        check.problems.push(broken(
                            page,
                            link,
                            format!("anchor #{f} does not exist in {t}"),
                        ));
                    }
                }
            }
        }
        check
    }

    pub fn add(&mut self, c: PageCheck) {
        self.ids.extend(c.ids);
        self.later.extend(c.later);
        self.problems.extend(c.problems);
    }

    /// Every broken link, once all pages are checked; `exists` now knows
    /// every file.
    pub fn finish(self, exists: &dyn Fn(&str) -> bool) -> Vec<Problem> {
        let mut problems = self.problems;
        for l in self.later {
            if !exists(&l.target) {
                problems.push(broken(
                    &l.page,
                    &l.link,
                    format!("points to {}, which the build does not write", l.target),
                ));
            } else if let Some(f) = &l.fragment
                && l.target.ends_with(".html")
                && !self.ids.contains(&anchor_key(&l.target, f))
            {
                problems.push(broken(
                    &l.page,
                    &l.link,
                    format!("anchor #{f} does not exist in {}", l.target),
                ));
            }
        }
        tidy(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        assert_eq!(
            resolve("a/b/", "../c/", "/").as_deref(),
            Some("a/c/index.html")
        );
        assert_eq!(resolve("a/", "x.csv", "/").as_deref(), Some("a/x.csv"));
        assert_eq!(resolve("", "./", "/").as_deref(), Some("index.html"));
        assert_eq!(resolve("a/", "../../x", "/"), None);
        assert_eq!(
            resolve("", "/statistik/", "/").as_deref(),
            Some("statistik/index.html")
        );
        assert_eq!(
            resolve("", "/netra/statistik/", "/netra/").as_deref(),
            Some("statistik/index.html")
        );
        assert_eq!(resolve("", "/", "/").as_deref(), Some("index.html"));
    }

    #[test]
    fn finds_broken_links_and_anchors() {
        let mut out = Output::new();
        out.insert("index.html".into(), br#"<a href="a/">a</a> <a href="a/#x">x</a> <a href="a/#nope">n</a> <a href="gone/">g</a> <a href="https://example.org/">e</a> <img src="i.svg">"#.to_vec());
        out.insert(
            "a/index.html".into(),
            br#"<h2 id="x">X</h2><a href="../">up</a>"#.to_vec(),
        );
        let found: Vec<String> = check(&out, "/").iter().map(|p| p.found.clone()).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found.iter().any(|f| f.starts_with("a/#nope")));
        assert!(found.iter().any(|f| f.starts_with("gone/")));
        assert!(found.iter().any(|f| f.starts_with("i.svg")));
    }
}
