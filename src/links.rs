//! No broken link ships: every internal link, asset and `#anchor` points
//! at a file (and an element) of the same build.
//!
//! One rule, [`verdict`], decides whether a link from a page is broken; it
//! asks what it [`Known`]s: a [`LinkIndex`] of the files a build writes
//! and of the ids of its pages. Every driver fills one: the streamed build
//! as it renders ([`Ledger`]), `check` from the plan and the pages it
//! renders ([`crate::addresses`]), `serve` from the pages it keeps
//! ([`crate::session`]). A broken link fails the build like bad data does.
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
use crate::message::{LinkFault, Message};
use crate::model::Content;
use crate::problem::{Position, Problem};
use crate::render::urls::Sections;

pub use crate::html::{hrefs, ids, is_external};

/// What links are checked against: the files a build writes and the ids
/// of its pages.
pub trait Known: Sync {
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
    pub why: LinkFault,
}

impl Broken {
    /// The problem as the built page shows it (a template's link, or a
    /// Markdown link when its text is not known).
    pub fn problem(&self) -> Problem {
        Problem::file_msg(
            format!("output: {}", self.page),
            Message::BrokenLink {
                link: self.link.clone(),
                fault: self.why.clone(),
                from: None,
            },
        )
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
/// `/netra/`), against which links starting with `/` resolve. `targets`
/// remembers where links lead (one per thread): a page's links are
/// mostly the site's navigation, the same on every page.
pub fn verdict(
    known: &impl Known,
    targets: &mut Targets,
    page: &str,
    link: &str,
    root_path: &str,
) -> Option<LinkFault> {
    if link.is_empty() || is_external(link) {
        return None;
    }
    let (path, fragment) = split_link(link);
    let target = if path.is_empty() {
        page
    } else {
        match targets.find(dir_of(page), path, root_path) {
            Some(t) => t,
            None => return Some(LinkFault::Climbs),
        }
    };
    if !known.has_file(target) {
        return Some(LinkFault::Missing {
            target: target.to_string(),
        });
    }
    match fragment {
        Some(f)
            if !f.is_empty() && target.ends_with(".html") && !known.has_id(target, &decode(f)) =>
        {
            Some(LinkFault::NoAnchor {
                anchor: f.to_string(),
                target: target.to_string(),
            })
        }
        _ => None,
    }
}

/// A link's path (without its query) and its fragment.
fn split_link(link: &str) -> (&str, Option<&str>) {
    // One scan for whichever comes first: this runs for every link of
    // every page.
    let b = link.as_bytes();
    match memchr::memchr2(b'#', b'?', b) {
        None => (link, None),
        Some(i) if b[i] == b'#' => (&link[..i], Some(&link[i + 1..])),
        Some(i) => (
            &link[..i],
            memchr::memchr(b'#', &b[i..]).map(|j| &link[i + j + 1..]),
        ),
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

/// Where links lead, per folder and link as [`climb`] gives them: a
/// page's links are mostly the site's navigation, the same on every page,
/// so each is resolved once per thread.
#[derive(Default)]
pub struct Targets {
    /// `None`: the link climbs above the site's root.
    known: rustc_hash::FxHashMap<String, Option<Box<str>>>,
    /// Links that climb exactly to the site's root, by what follows.
    from_root: rustc_hash::FxHashMap<Box<str>, Box<str>>,
    key: String,
}

impl Targets {
    /// The site path `path` leads to from the folder `dir`.
    fn find(&mut self, dir: &str, path: &str, root_path: &str) -> Option<&str> {
        // Most links of a page start with its `root` (`../../tags/x/`
        // from `a/b/`) and climb exactly to the site's root: those are
        // found by the rest alone, with no key to build, which on a large
        // site is a fair part of checking its links.
        if let Some(rest) = from_root(dir, path) {
            if !self.from_root.contains_key(rest) {
                let target = resolve("", rest, root_path)?;
                self.from_root.insert(rest.into(), target.into_boxed_str());
            }
            return self.from_root.get(rest).map(|t| &**t);
        }
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
        if !self.known.contains_key(self.key.as_str()) {
            let target = resolve(base, rest, root_path).map(String::into_boxed_str);
            self.known.insert(self.key.clone(), target);
        }
        self.known[self.key.as_str()].as_deref()
    }
}

/// What follows `path`'s climb from `dir` to the site's root, when it
/// climbs there exactly (one `../` per folder of `dir`) and the rest
/// neither climbs further nor needs decoding: resolving it from the root
/// is then what resolving `path` from `dir` gives (see [`climb`]).
fn from_root<'a>(dir: &str, path: &'a str) -> Option<&'a str> {
    let depth = memchr::memchr_iter(b'/', dir.as_bytes()).count();
    let climb = path.as_bytes().get(..3 * depth)?;
    if !climb.chunks_exact(3).all(|c| c == b"../") {
        return None;
    }
    let rest = &path[3 * depth..];
    (!rest.starts_with(['.', '/']) && memchr::memchr(b'%', rest.as_bytes()).is_none())
        .then_some(rest)
}

/// Every file a build writes and every id of its pages, as 64-bit hashes:
/// on a national site half a million paths and some millions of ids,
/// which as strings would hold tens of MiB for the whole build. Two of one site sharing a hash
/// (about one chance in 10^8 for half a million files) would only hide a
/// broken link.
#[derive(Debug, Default, Clone)]
pub struct LinkIndex {
    files: rustc_hash::FxHashSet<u64>,
    anchors: rustc_hash::FxHashSet<u64>,
}

fn key(parts: impl std::hash::Hash) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(parts)
}

impl LinkIndex {
    pub fn add_file(&mut self, path: &str) {
        self.files.insert(key(path));
    }
    pub fn add_files<'a>(&mut self, paths: impl IntoIterator<Item = &'a str>) {
        self.files.extend(paths.into_iter().map(key));
    }
    /// The ids of the page at `page`.
    pub fn add_ids<'a>(&mut self, page: &str, ids: impl IntoIterator<Item = &'a str>) {
        self.anchors
            .extend(ids.into_iter().map(|id| key((page, id))));
    }
    pub fn remove_ids<'a>(&mut self, page: &str, ids: impl IntoIterator<Item = &'a str>) {
        for id in ids {
            self.anchors.remove(&key((page, id)));
        }
    }
    /// A page of the build: its file and its ids.
    pub fn add_page(&mut self, page: &str, html: &[u8]) {
        self.add_file(page);
        for (kind, _, raw) in attributes(html) {
            if kind == Attr::Id {
                self.anchors.insert(key((page, &*borrowed_value(raw))));
            }
        }
    }
    /// Puts `paths` in place of the files it knew.
    pub fn set_files<'a>(&mut self, paths: impl IntoIterator<Item = &'a str>) {
        self.files.clear();
        self.add_files(paths);
    }
    /// Frees the ids, once no link is left to check.
    pub fn forget_ids(&mut self) {
        self.anchors = Default::default();
    }
    /// How many files it knows.
    pub fn files(&self) -> usize {
        self.files.len()
    }
}

impl Known for LinkIndex {
    fn has_file(&self, path: &str) -> bool {
        self.files.contains(&key(path))
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        self.anchors.contains(&key((path, id)))
    }
}

/// Every broken link of one page's HTML.
pub fn check_page(known: &impl Known, page: &str, html: &str, root_path: &str) -> Vec<Broken> {
    let mut targets = Targets::default();
    hrefs(html)
        .filter_map(|(_, link)| {
            verdict(known, &mut targets, page, &link, root_path).map(|why| Broken {
                page: page.to_string(),
                link,
                why,
            })
        })
        .collect()
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
    known: &impl Known,
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
        .map_init(Targets::default, |targets, p| {
            let Some(s) = by_lang.get(p.meta.lang.as_str()) else {
                return Vec::new();
            };
            let page = format!("{}index.html", s.press(&p.slug));
            let scan = crate::markdown::scan(&p.body);
            let known = WithText {
                known,
                page: &page,
                ids: &scan.ids,
            };
            let mut found = Vec::new();
            for (at, link) in scan.links {
                let Some(why) = verdict(&known, targets, &page, &link, root_path) else {
                    continue;
                };
                let before = &p.body[..at];
                let position = Position {
                    line: p.body_line + before.matches('\n').count(),
                    column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
                };
                let problem = Problem::file_msg(
                    &*p.origin.file,
                    Message::BrokenLink {
                        link: link.clone(),
                        fault: why.clone(),
                        from: Some(s.press(&p.slug)),
                    },
                )
                .at(position);
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
        .flatten()
        .collect();
    found.sort_by(|a, b| a.problem.cmp(&b.problem));
    found
}

/// What is known, with one page's text: an anchor in that text is found
/// without asking for the page's ids (`check` renders a page for them).
struct WithText<'a, K> {
    known: &'a K,
    page: &'a str,
    ids: &'a HashSet<String>,
}

impl<K: Known> Known for WithText<'_, K> {
    fn has_file(&self, path: &str) -> bool {
        self.known.has_file(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        (path == self.page && self.ids.contains(id)) || self.known.has_id(path, id)
    }
}

/// Rephrases each broken link in `in_text` that points at a record the
/// build holds back (a draft, an embargo) to name that record's file too.
pub fn name_held(in_text: &mut [InText], held: &[crate::publish::Held]) {
    for t in in_text {
        if let Some(h) = crate::publish::target(held, &t.broken.link) {
            let at = t.problem.position;
            let mut named = Problem::file_msg(
                t.problem.file.as_str(),
                crate::publish::held_message(h, &t.broken.link),
            );
            named.position = at;
            t.problem = named;
        }
    }
}

/// The problems to report: each broken link of a Markdown text once, with
/// its file and line; the other broken links of the pages (from
/// templates) once per target and reason, with the pages that hold them.
pub fn problems(in_text: Vec<InText>, in_pages: Vec<Broken>) -> Vec<Problem> {
    let known: HashSet<&Broken> = in_text.iter().map(|t| &t.broken).collect();
    let mut by_why: BTreeMap<&LinkFault, Vec<&Broken>> = BTreeMap::new();
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

    /// The broken links of this page, `page`, against what is `known`.
    pub fn check(
        &self,
        known: &impl Known,
        targets: &mut Targets,
        page: &str,
        root_path: &str,
    ) -> Vec<Broken> {
        self.links
            .iter()
            .filter_map(|link| {
                verdict(known, targets, page, link, root_path).map(|why| Broken {
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
/// build will write (all in the index before the first page is rendered).
/// What cannot be decided then, an anchor in another page or a file made
/// last (the search bundle), waits in a short list; each page leaves only
/// its ids in the index.
#[derive(Default)]
pub struct Ledger {
    pub index: LinkIndex,
    /// (page, link) decided at the end.
    later: Vec<(String, String)>,
    broken: Vec<Broken>,
}

/// What checking one page found, to [`Ledger::add`] in page order.
pub struct PageCheck {
    anchors: Vec<u64>,
    later: Vec<(String, String)>,
    broken: Vec<Broken>,
}

/// A page's view of the site while it is checked: its own ids are known,
/// other pages' ids and the files `defer` names are taken as present and
/// noted, to be decided at the end.
struct Probe<'a> {
    page: &'a str,
    own: &'a rustc_hash::FxHashSet<u64>,
    index: &'a LinkIndex,
    defer: &'a (dyn Fn(&str) -> bool + Sync),
    deferred: std::sync::atomic::AtomicBool,
}

impl Known for Probe<'_> {
    fn has_file(&self, path: &str) -> bool {
        if (self.defer)(path) {
            self.deferred
                .store(true, std::sync::atomic::Ordering::Relaxed);
            return true;
        }
        self.index.has_file(path)
    }
    fn has_id(&self, path: &str, id: &str) -> bool {
        if path == self.page {
            return self.own.contains(&key((path, id)));
        }
        self.deferred
            .store(true, std::sync::atomic::Ordering::Relaxed);
        true
    }
}

impl Ledger {
    /// Checks the page `page` (thread-safe: check pages in parallel, then
    /// add the results in order) against the files in the index; links to
    /// the files `defer` names are decided at the end.
    pub fn check_page(
        &self,
        page: &str,
        html: &[u8],
        defer: &(dyn Fn(&str) -> bool + Sync),
        root_path: &str,
        targets: &mut Targets,
    ) -> PageCheck {
        // One pass over the page; the links are checked once every id is
        // known (a link may point at an id further down).
        let mut own = rustc_hash::FxHashSet::default();
        let mut links = Vec::new();
        for (kind, _, raw) in attributes(html) {
            match kind {
                Attr::Id => {
                    own.insert(key((page, &*borrowed_value(raw))));
                }
                Attr::Link => links.push(raw),
            }
        }
        let mut check = PageCheck {
            anchors: Vec::new(),
            later: Vec::new(),
            broken: Vec::new(),
        };
        for raw in links {
            let link = borrowed_value(raw);
            let probe = Probe {
                page,
                own: &own,
                index: &self.index,
                defer,
                deferred: false.into(),
            };
            match verdict(&probe, targets, page, &link, root_path) {
                Some(why) => check.broken.push(Broken {
                    page: page.to_string(),
                    link: link.into_owned(),
                    why,
                }),
                None if probe.deferred.into_inner() => {
                    check.later.push((page.to_string(), link.into_owned()))
                }
                None => {}
            }
        }
        check.anchors = own.into_iter().collect();
        check
    }

    pub fn add(&mut self, c: PageCheck) {
        self.index.anchors.extend(c.anchors);
        self.later.extend(c.later);
        self.broken.extend(c.broken);
    }

    /// Every broken link, sorted, once every page is checked and every
    /// file is in the index.
    pub fn finish(&self, root_path: &str) -> Vec<Broken> {
        let mut broken = self.broken.clone();
        let mut targets = Targets::default();
        for (page, link) in &self.later {
            if let Some(why) = verdict(&self.index, &mut targets, page, link, root_path) {
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
    fn a_link_to_the_root_resolves_as_its_full_climb_does() {
        let dirs = ["", "a/", "a/b/", "siaran-pers/angka/x/halaman/2/"];
        let links = [
            "tags/x/",
            "../tags/x/",
            "../../tags/x/",
            "../../../x",
            "../../",
            "../..",
            "./x",
            "../.././x",
            "../../../../../",
            "../../../../../../x",
            "a%20b/",
            "/abs/",
            "..//x",
            "x#y",
            "../ä/",
            "",
        ];
        for dir in dirs {
            for link in links {
                let mut fast = Targets::default();
                // What the general path does: decode, climb, resolve.
                let full = {
                    let decoded = decode(link);
                    let (base, rest) = climb(dir, &decoded);
                    resolve(base, rest, "/")
                };
                let found = fast.find(dir, link, "/").map(str::to_string);
                assert_eq!(found, full, "{link:?} from {dir:?}");
            }
        }
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
        let mut out = std::collections::BTreeMap::<String, Vec<u8>>::new();
        out.insert("index.html".into(), br#"<a href="a/">a</a> <a href="a/#x">x</a> <a href="a/#nope">n</a> <a href="gone/">g</a> <a href="https://example.org/">e</a> <img src="i.svg"> <a href="a%20b.csv">s</a> <a href="a/#%C3%A4">u</a>"#.to_vec());
        out.insert(
            "a/index.html".into(),
            r#"<h2 id="x">X</h2><p id="ä"></p><a href="../">up</a>"#
                .as_bytes()
                .to_vec(),
        );
        out.insert("a b.csv".into(), Vec::new());
        let mut index = LinkIndex::default();
        for (path, bytes) in &out {
            index.add_page(path, bytes);
        }
        let found: Vec<String> = out
            .iter()
            .flat_map(|(page, html)| check_page(&index, page, &String::from_utf8_lossy(html), "/"))
            .map(|b| b.link)
            .collect();
        assert_eq!(found, ["a/#nope", "gone/", "i.svg"], "{found:?}");
    }

    #[test]
    fn a_template_link_is_reported_once_with_its_pages() {
        let on = |page: &str, link: &str| Broken {
            page: page.into(),
            link: link.into(),
            why: LinkFault::Missing {
                target: "a.png".into(),
            },
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
            why: LinkFault::Missing {
                target: "x/index.html".into(),
            },
        };
        let text = InText {
            broken: b("x/"),
            problem: b("x/").problem().with_file("press/p.md"),
        };
        let mut elsewhere = b("x/");
        elsewhere.page = "q/index.html".into();
        let all = problems(vec![text], vec![b("x/"), elsewhere]);
        let files: Vec<&str> = all.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["output: q/index.html", "press/p.md"]);
    }
}
