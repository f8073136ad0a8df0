//! No broken link ships: every internal link, asset and `#anchor` points
//! at a file (and an element) of the same build.
//!
//! One rule, [`verdict`], decides whether a link from a page is broken; it
//! asks a [`Site`] which files and ids exist. The build's site is its own
//! in-memory output ([`Built`]), checked whole after rendering and before
//! writing, so a broken link fails the build like bad data does. `check`
//! asks an address book made from the render plan instead
//! ([`crate::addresses`]), without rendering every page.
//!
//! Links are resolved the way a browser resolves them, relative to the
//! page; absolute paths are taken relative to the base URL's path.
//! External links are not fetched here (see [`crate::external`]).
//!
//! Links written in Markdown are also read from the Markdown itself
//! ([`check_markdown`]), so that a broken one names its file and line, not
//! only the page it ends up on.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::html::{Attr, attributes, borrowed_value, value};
use crate::model::Content;
use crate::plan::Sections;
use crate::problem::{Position, Problem};
use crate::write::Output;

pub use crate::html::{hrefs, ids, is_external};

/// What links are checked against: the files a build writes and the ids
/// of its pages.
pub trait Site: Sync {
    /// Whether the build writes the file at this output path.
    fn has_file(&self, path: &str) -> bool;
    /// Whether the HTML page at `path` (a file the build writes) has an
    /// element with this id.
    fn has_id(&self, path: &str, id: &str) -> bool;
}

/// One broken link: the page it is on, the link as written, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Broken {
    /// Output path of the page holding the link.
    pub page: String,
    pub link: String,
    pub why: String,
}

const EXPECTED: &str = "a link to a page, file or anchor of this site";

impl Broken {
    /// The problem as the built page shows it (a template's link, or a
    /// Markdown link when its text is not known).
    pub fn problem(&self) -> Problem {
        Problem::file(format!("output: {}", self.page), "broken link")
            .expected(EXPECTED)
            .found(format!("{} ({})", self.link, self.why))
    }
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

/// `%20` and friends back to characters: a static server maps `a%20b` to
/// the file `a b`, and a browser matches `#%C3%A4` to the id `ä`.
fn decode(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr(b'%', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    percent_encoding::percent_decode_str(s).decode_utf8_lossy()
}

/// Why `link` on `page` is broken, or `None` when it is fine (or
/// external). `root_path` is the path of the base URL (`/` or
/// `/netra/`), against which links starting with `/` resolve.
pub fn verdict(site: &impl Site, page: &str, link: &str, root_path: &str) -> Option<String> {
    if link.is_empty() || is_external(link) {
        return None;
    }
    let (path, fragment) = split_link(link);
    let target = if path.is_empty() {
        page.to_string()
    } else {
        match resolve(dir_of(page), &decode(path), root_path) {
            Some(t) => t,
            None => return Some(CLIMBS.to_string()),
        }
    };
    if !site.has_file(&target) {
        return Some(missing(&target));
    }
    fragment_verdict(site, &target, fragment)
}

const CLIMBS: &str = "climbs above the site's root";

fn missing(target: &str) -> String {
    format!("points to {target}, which the build does not write")
}

/// A link's path (without its query) and its fragment.
fn split_link(link: &str) -> (&str, Option<&str>) {
    let (path, fragment) = link
        .split_once('#')
        .map_or((link, None), |(p, f)| (p, Some(f)));
    (path.split('?').next().unwrap_or(""), fragment)
}

/// Why the `#fragment` of a link to `target` (a file that exists) is
/// broken, if it is.
fn fragment_verdict(site: &impl Site, target: &str, fragment: Option<&str>) -> Option<String> {
    match fragment {
        Some(f)
            if !f.is_empty() && target.ends_with(".html") && !site.has_id(target, &decode(f)) =>
        {
            Some(format!("anchor #{f} does not exist in {target}"))
        }
        _ => None,
    }
}

/// The part of `base` a relative `link` keeps, and the rest of the link
/// once its leading `./` and `../` are applied: resolving the rest from
/// the kept part gives what resolving `link` from `base` gives. Pages in
/// different folders share most links in this form (`../../tags/x/` from
/// every release is `tags/x/` from the root), which is what lets a build
/// resolve each one once.
fn climb<'a>(base: &'a str, link: &'a str) -> (&'a str, &'a str) {
    let (mut base, mut rest) = (base, link);
    loop {
        if let Some(r) = rest.strip_prefix("./") {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("../")
            && !base.is_empty()
        {
            let trimmed = &base[..base.len() - 1];
            base = trimmed.rfind('/').map_or("", |i| &base[..=i]);
            rest = r;
        } else {
            return (base, rest);
        }
    }
}

/// Where the links a build checks lead, per folder and link as [`climb`]
/// gives them: a page's links are mostly the site's navigation, the same
/// on every page.
#[derive(Default)]
pub struct Targets {
    known: rustc_hash::FxHashMap<String, Target>,
    key: String,
}

enum Target {
    /// The file, and whether its existence waits for the end of the build.
    File {
        path: Box<str>,
        deferred: bool,
    },
    Missing(Box<str>),
    Climbs,
}

/// Every broken link of one page's HTML.
pub fn check_page(site: &impl Site, page: &str, html: &str, root_path: &str) -> Vec<Broken> {
    hrefs(html)
        .filter_map(|(_, link)| {
            verdict(site, page, &link, root_path).map(|why| Broken {
                page: page.to_string(),
                link,
                why,
            })
        })
        .collect()
}

/// The build's own output as a [`Site`]: its files, and the ids of each
/// of its pages.
pub struct Built<'a> {
    out: &'a Output,
    ids: HashMap<&'a str, HashSet<String>>,
}

impl<'a> Built<'a> {
    pub fn new(out: &'a Output) -> Self {
        let ids = out
            .par_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, bytes)| (p.as_str(), ids(&String::from_utf8_lossy(bytes))))
            .collect();
        Built { out, ids }
    }
}

impl Site for Built<'_> {
    fn has_file(&self, path: &str) -> bool {
        self.out.contains_key(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        self.ids.get(path).is_some_and(|set| set.contains(id))
    }
}

impl Built<'_> {
    /// Every broken internal link or anchor in the HTML of the build.
    pub fn check(&self, root_path: &str) -> Vec<Broken> {
        let mut broken: Vec<Broken> = self
            .out
            .par_iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .flat_map_iter(|(page, bytes)| {
                check_page(self, page, &String::from_utf8_lossy(bytes), root_path)
            })
            .collect();
        broken.sort();
        broken.dedup();
        broken
    }
}

/// Every broken internal link or anchor in the HTML of `out`.
pub fn check(out: &Output, root_path: &str) -> Vec<Broken> {
    Built::new(out).check(root_path)
}

/// A broken link found in a Markdown text, with where it is written.
#[derive(Debug, Clone)]
pub struct InText {
    pub broken: Broken,
    pub problem: Problem,
}

/// Every broken link written in the Markdown bodies of `c`'s releases,
/// resolved against the page each body is published on (`sections` per
/// language of the site, as the plan uses them).
pub fn check_markdown(
    c: &Content,
    sections: &[Sections],
    site: &impl Site,
    root_path: &str,
) -> Vec<InText> {
    let by_lang: HashMap<&str, &Sections> = c
        .site
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .zip(sections)
        .collect();
    let mut found: Vec<InText> = c
        .press
        .par_iter()
        .filter(|p| crate::markdown::may_link(&p.body))
        .flat_map_iter(|p| {
            let Some(s) = by_lang.get(p.meta.lang.as_str()) else {
                return Vec::new();
            };
            let page = format!("{}index.html", s.press(&p.slug));
            let scan = crate::markdown::scan(&p.body);
            let site = WithText {
                site,
                page: &page,
                ids: &scan.ids,
            };
            let mut found = Vec::new();
            for (at, link) in scan.links {
                let Some(why) = verdict(&site, &page, &link, root_path) else {
                    continue;
                };
                let before = &p.body[..at];
                let position = Position {
                    line: p.body_line + before.matches('\n').count(),
                    column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                };
                let problem = Problem::file(&*p.origin.file, "broken link")
                    .at(position)
                    .expected(format!(
                        "{EXPECTED}; relative links start from {}, where this text is published",
                        s.press(&p.slug)
                    ))
                    .found(format!("{link} ({why})"));
                found.push(InText {
                    broken: Broken {
                        page: page.clone(),
                        link,
                        why,
                    },
                    problem,
                });
            }
            found
        })
        .collect();
    found.sort_by(|a, b| a.problem.cmp(&b.problem));
    found
}

/// A site where one page's text is known: an anchor in that text is found
/// without asking the site (which may have to render the page for it).
struct WithText<'a, S> {
    site: &'a S,
    page: &'a str,
    ids: &'a HashSet<String>,
}

impl<S: Site> Site for WithText<'_, S> {
    fn has_file(&self, path: &str) -> bool {
        self.site.has_file(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        (path == self.page && self.ids.contains(id)) || self.site.has_id(path, id)
    }
}

/// The problems to report: each broken link of a Markdown text once, with
/// its file and line; the other broken links of the pages (from
/// templates) once per target and reason, with the pages that hold them.
pub fn problems(in_text: Vec<InText>, in_pages: Vec<Broken>) -> Vec<Problem> {
    let known: HashSet<&Broken> = in_text.iter().map(|t| &t.broken).collect();
    let mut by_why: BTreeMap<&str, Vec<&Broken>> = BTreeMap::new();
    for b in in_pages.iter().filter(|b| !known.contains(b)) {
        by_why.entry(&b.why).or_default().push(b);
    }
    let mut out: Vec<Problem> = by_why
        .into_values()
        .map(|same| {
            let pages: Vec<&str> = same.iter().map(|b| b.page.as_str()).collect();
            same[0]
                .problem()
                .with_file(format!("output: {}", crate::problem::list(&pages)))
        })
        .collect();
    out.extend(in_text.iter().map(|t| t.problem.clone()));
    out.sort();
    out.dedup();
    out
}

/// What a rebuild keeps of one page: its links (internal ones, unescaped,
/// in order) and the ids of its elements, so that re-checking links does
/// not re-read pages that were not re-rendered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLinks {
    pub links: Vec<String>,
    pub ids: HashSet<String>,
}

impl PageLinks {
    pub fn of(html: &[u8]) -> Self {
        let mut page = PageLinks::default();
        for (kind, _, raw) in attributes(html) {
            match kind {
                Attr::Id => {
                    page.ids.insert(value(raw));
                }
                Attr::Link => {
                    let link = value(raw);
                    if !link.is_empty() && !is_external(&link) {
                        page.links.push(link);
                    }
                }
            }
        }
        page
    }

    /// The broken links of this page, `page`, on `site`.
    pub fn check(&self, site: &impl Site, page: &str, root_path: &str) -> Vec<Broken> {
        self.links
            .iter()
            .filter_map(|link| {
                verdict(site, page, link, root_path).map(|why| Broken {
                    page: page.to_string(),
                    link: link.clone(),
                    why,
                })
            })
            .collect()
    }
}

/// The link check of a build that writes pages as it renders them and
/// keeps none: each page is checked when rendered, against the files the
/// build will write (known from the plan). What cannot be decided then,
/// an anchor in another page or a file made last (the search bundle),
/// waits in a short list; each page leaves only a hash of each of its ids.
#[derive(Default)]
pub struct Ledger {
    ids: rustc_hash::FxHashSet<u64>,
    /// (page, link) decided at the end.
    later: Vec<(String, String)>,
    broken: Vec<Broken>,
}

/// What checking one page found, to [`Ledger::add`] in page order.
pub struct PageCheck {
    ids: Vec<u64>,
    later: Vec<(String, String)>,
    broken: Vec<Broken>,
}

fn anchor_key(page: &str, id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    (page, id).hash(&mut h);
    h.finish()
}

/// A page's view of the site while it is checked: its own ids are known
/// (as [`anchor_key`]s), other pages' ids and deferred files are taken as
/// present and noted.
struct Probe<'a> {
    page: &'a str,
    own: &'a rustc_hash::FxHashSet<u64>,
    exists: &'a (dyn Fn(&str) -> bool + Sync),
    defer: &'a (dyn Fn(&str) -> bool + Sync),
    deferred: std::sync::atomic::AtomicBool,
}

impl Site for Probe<'_> {
    fn has_file(&self, path: &str) -> bool {
        if (self.defer)(path) {
            self.deferred
                .store(true, std::sync::atomic::Ordering::Relaxed);
            return true;
        }
        (self.exists)(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        if path == self.page {
            return self.own.contains(&anchor_key(path, id));
        }
        self.deferred
            .store(true, std::sync::atomic::Ordering::Relaxed);
        true
    }
}

impl Targets {
    fn find(
        &mut self,
        dir: &str,
        path: &str,
        root_path: &str,
        exists: &(dyn Fn(&str) -> bool + Sync),
        defer: &(dyn Fn(&str) -> bool + Sync),
    ) -> &Target {
        let path = decode(path);
        let (base, rest) = if path.starts_with('/') {
            ("", &*path)
        } else {
            climb(dir, &path)
        };
        self.key.clear();
        self.key.push_str(base);
        self.key.push('\0');
        self.key.push_str(rest);
        if self.known.contains_key(self.key.as_str()) {
            return &self.known[self.key.as_str()];
        }
        let target = match resolve(base, rest, root_path) {
            None => Target::Climbs,
            Some(t) if defer(&t) => Target::File {
                path: t.into(),
                deferred: true,
            },
            Some(t) if exists(&t) => Target::File {
                path: t.into(),
                deferred: false,
            },
            Some(t) => Target::Missing(t.into()),
        };
        self.known.entry(self.key.clone()).or_insert(target)
    }
}

/// The finished site as the ledger knows it.
pub struct LedgerSite<'a> {
    files: &'a (dyn Fn(&str) -> bool + Sync),
    ids: &'a rustc_hash::FxHashSet<u64>,
}

impl Site for LedgerSite<'_> {
    fn has_file(&self, path: &str) -> bool {
        (self.files)(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        self.ids.contains(&anchor_key(path, id))
    }
}

impl Ledger {
    /// Checks the page `page` (thread-safe: check pages in parallel, then
    /// add the results in order). `exists` knows every file except those
    /// `defer` names; `targets` remembers where links lead (one per
    /// worker). Decides as [`verdict`] does.
    pub fn check_page(
        page: &str,
        html: &[u8],
        exists: &(dyn Fn(&str) -> bool + Sync),
        defer: &(dyn Fn(&str) -> bool + Sync),
        root_path: &str,
        targets: &mut Targets,
    ) -> PageCheck {
        // One pass over the page; the links are checked once every id is
        // known (a link may point at an id further down). Ids are kept as
        // hashes: the ledger keeps nothing else of them.
        let mut own = rustc_hash::FxHashSet::default();
        let mut links = Vec::new();
        for (kind, _, raw) in attributes(html) {
            match kind {
                Attr::Id => {
                    own.insert(anchor_key(page, &borrowed_value(raw)));
                }
                Attr::Link => links.push(raw),
            }
        }
        let mut check = PageCheck {
            ids: Vec::new(),
            later: Vec::new(),
            broken: Vec::new(),
        };
        let dir = dir_of(page);
        for raw in links {
            let link = borrowed_value(raw);
            if link.is_empty() || is_external(&link) {
                continue;
            }
            let (path, fragment) = split_link(&link);
            let this_page;
            let target = if path.is_empty() {
                this_page = Target::File {
                    path: page.into(),
                    deferred: defer(page),
                };
                &this_page
            } else {
                targets.find(dir, path, root_path, exists, defer)
            };
            let why = match target {
                Target::Climbs => Some(CLIMBS.to_string()),
                Target::Missing(t) => Some(missing(t)),
                Target::File { deferred: true, .. } => {
                    check.later.push((page.to_string(), link.into_owned()));
                    continue;
                }
                Target::File { path: t, .. } => {
                    let here = Probe {
                        page,
                        own: &own,
                        exists,
                        defer,
                        deferred: false.into(),
                    };
                    let why = fragment_verdict(&here, t, fragment);
                    if why.is_none() && here.deferred.into_inner() {
                        check.later.push((page.to_string(), link.into_owned()));
                        continue;
                    }
                    why
                }
            };
            if let Some(why) = why {
                check.broken.push(Broken {
                    page: page.to_string(),
                    link: link.into_owned(),
                    why,
                });
            }
        }
        check.ids = own.into_iter().collect();
        check
    }

    pub fn add(&mut self, c: PageCheck) {
        self.ids.extend(c.ids);
        self.later.extend(c.later);
        self.broken.extend(c.broken);
    }

    /// The whole site, once every page is checked and every file known.
    pub fn site<'a>(&'a self, files: &'a (dyn Fn(&str) -> bool + Sync)) -> LedgerSite<'a> {
        LedgerSite {
            files,
            ids: &self.ids,
        }
    }

    /// Every broken link, sorted.
    pub fn finish(&self, site: &LedgerSite, root_path: &str) -> Vec<Broken> {
        let mut broken = self.broken.clone();
        for (page, link) in &self.later {
            if let Some(why) = verdict(site, page, link, root_path) {
                broken.push(Broken {
                    page: page.clone(),
                    link: link.clone(),
                    why,
                });
            }
        }
        broken.sort();
        broken.dedup();
        broken
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_resolves_the_same_from_the_part_of_its_folder_it_keeps() {
        for base in ["", "a/", "a/b/", "a/b/c/"] {
            for link in [
                "x/",
                "./x",
                "../x/",
                "../../x/y.html",
                "../../../x",
                "..",
                "../",
                "./../x/",
                "a/../b/",
                "../x/../../y",
                ".",
                "x/./y/",
            ] {
                let (kept, rest) = climb(base, link);
                assert_eq!(
                    resolve(kept, rest, "/"),
                    resolve(base, link, "/"),
                    "{link} from {base:?} (kept {kept:?}, rest {rest:?})"
                );
            }
        }
        assert_eq!(
            climb("siaran-pers/rilis/", "../../tags/x/"),
            ("", "tags/x/")
        );
    }

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
        out.insert("index.html".into(), br#"<a href="a/">a</a> <a href="a/#x">x</a> <a href="a/#nope">n</a> <a href="gone/">g</a> <a href="https://example.org/">e</a> <img src="i.svg"> <a href="a%20b.csv">s</a> <a href="a/#%C3%A4">u</a>"#.to_vec());
        out.insert(
            "a/index.html".into(),
            r#"<h2 id="x">X</h2><p id="ä"></p><a href="../">up</a>"#
                .as_bytes()
                .to_vec(),
        );
        out.insert("a b.csv".into(), Vec::new());
        let found: Vec<String> = check(&out, "/").iter().map(|b| b.link.clone()).collect();
        assert_eq!(found, ["a/#nope", "gone/", "i.svg"], "{found:?}");
    }

    #[test]
    fn a_template_link_is_reported_once_with_its_pages() {
        let on = |page: &str, link: &str| Broken {
            page: page.into(),
            link: link.into(),
            why: "points to a.png, which the build does not write".into(),
        };
        let all = problems(
            Vec::new(),
            vec![on("index.html", "a.png"), on("x/index.html", "../a.png")],
        );
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].file, "output: index.html, x/index.html");
        assert!(all[0].found.starts_with("a.png ("), "{}", all[0].found);
    }

    #[test]
    fn a_link_in_a_text_is_reported_once_with_its_file() {
        let b = |link: &str| Broken {
            page: "p/index.html".into(),
            link: link.into(),
            why: "gone".into(),
        };
        let text = InText {
            broken: b("x/"),
            problem: Problem::file("press/p.md", "broken link"),
        };
        let mut elsewhere = b("x/");
        elsewhere.page = "q/index.html".into();
        let all = problems(vec![text], vec![b("x/"), elsewhere]);
        let files: Vec<&str> = all.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["output: q/index.html", "press/p.md"]);
    }
}
