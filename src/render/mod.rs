//! Stage 6, render: every planned page through the theme's Tera templates,
//! in parallel, into an in-memory map from output path to bytes.
//!
//! Views (the values templates see) are built once per language; a page's
//! context holds only what that page shows, so no page's cost grows with
//! the size of the site.

pub mod chart_png;
pub mod orders;
pub mod pages;
pub mod plan;
pub mod reads;
mod theme;
pub mod urls;
pub mod views;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::aggregate::Stats;
use crate::model::{Content, Index};
use crate::problem::{Problem, Problems};

use orders::Orders;
use pages::{Page, PageKind};
use reads::{Cx, Input, Reads};

pub use theme::Theme;
pub use views::{Charts, LangViews};

/// The policy every page is served under: nothing but the site's own
/// files, no inline script or style, no plugins. Shipped in each page as
/// a meta tag and, for hosts that read it (Netlify, Cloudflare Pages), as
/// a `_headers` file with the headers a meta tag cannot carry.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// How long browsers and CDNs may keep a file named by a hash of its
/// content (the theme's assets, the search index's shards): a year, and
/// no revalidation, since a changed file gets a new name.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// How long they may keep everything else (pages, feeds, data, chart
/// downloads), which keeps its address when it changes: five minutes,
/// then ask again.
pub const CACHE_SHORT: &str = "public, max-age=300, must-revalidate";

/// The hosts' `_headers` file (Netlify, Cloudflare Pages): the security
/// headers for every path, then one `Cache-Control` per path. No path
/// matches two rules that set it: Cloudflare joins the values of every
/// matching rule into one header, which would make them contradict each
/// other. So the short rule names each top-level folder and file of the
/// site instead of `/*`; the search bundle's files not named here (its
/// `.pf_meta` and `.pagefind` files) get the host's default, which
/// revalidates on every request.
fn headers_file<'a>(files: impl Iterator<Item = &'a str>) -> String {
    let mut out = format!(
        "/*\n  Content-Security-Policy: {CONTENT_SECURITY_POLICY}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n"
    );
    let mut rule = |path: &str, cache: &str| {
        out.push_str(&format!("\n{path}\n  Cache-Control: {cache}\n"));
    };
    let bundle = crate::search::BUNDLE_DIR;
    rule(&format!("/{}*", theme::ASSET_DIR), CACHE_IMMUTABLE);
    for shards in ["fragment", "index"] {
        rule(&format!("/{bundle}{shards}/*"), CACHE_IMMUTABLE);
    }
    for fixed in crate::search::FIXED_PATHS {
        rule(&format!("/{fixed}"), CACHE_SHORT);
    }
    // Each top-level folder once (`/statistik/*`), and each file at the
    // root (`/index.html`, which is also `/`).
    let named = [bundle, theme::ASSET_DIR].map(|d| d.trim_end_matches('/'));
    let mut dirs = std::collections::BTreeSet::new();
    let mut top = std::collections::BTreeSet::new();
    for f in files {
        match f.split_once('/') {
            Some((dir, _)) if !named.contains(&dir) => {
                dirs.insert(dir);
            }
            Some(_) => {}
            None if f == "_headers" => {}
            None if f == "index.html" => {
                top.insert("/".to_string());
                top.insert("/index.html".to_string());
            }
            None => {
                top.insert(format!("/{f}"));
            }
        }
    }
    top.extend(dirs.into_iter().map(|d| format!("/{d}/*")));
    for path in &top {
        rule(path, CACHE_SHORT);
    }
    out
}

pub use crate::write::Output;

/// Each language's views, built once per build from the language's
/// orders (the plan's, computed once).
pub fn views<'a>(
    c: &'a Content,
    idx: &'a Index,
    stats: &Stats,
    theme: &'a Theme,
    orders: &'a [Orders],
    charts: Option<&[Charts]>,
) -> Vec<LangViews<'a>> {
    orders
        .par_iter()
        .enumerate()
        .map(|(i, o)| {
            let drawn = charts.and_then(|ch| ch.get(i)).cloned();
            LangViews::build(c, idx, stats, &theme.locales[i], i, o, drawn)
        })
        .collect()
}

/// Pages rendered: each file with its bytes, in the order asked for, and
/// what each read (see [`reads`]).
pub struct RenderedPages {
    pub files: Vec<(String, Vec<u8>)>,
    pub reads: Vec<Vec<Input>>,
}

/// One page's file, bytes and reads.
type RenderedPage = (String, Vec<u8>, Vec<Input>);

/// Renders `pages` in parallel, each to its file and bytes, in the order
/// given; every template error of the run is returned.
pub fn render_pages(
    c: &Content,
    theme: &Theme,
    langs: &[LangViews],
    pages: &[&Page],
    page_done: &(dyn Fn() + Sync),
) -> Result<RenderedPages, Problems> {
    let results: Vec<Result<RenderedPage, Problem>> = pages
        .par_iter()
        .map(|p| {
            let r =
                render_page(c, theme, langs, p).map(|(html, reads)| (p.file.clone(), html, reads));
            page_done();
            r
        })
        .collect();
    let mut out = RenderedPages {
        files: Vec::with_capacity(results.len()),
        reads: Vec::with_capacity(results.len()),
    };
    let mut problems = Problems::default();
    for r in results {
        match r {
            Ok((file, bytes, reads)) => {
                out.files.push((file, bytes));
                out.reads.push(reads);
            }
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(problems);
    }
    Ok(out)
}

/// Every file the build writes besides the pages of the plan: each chart
/// as SVG, PNG and CSV, the sitemap, robots.txt, the data exports, the hosts'
/// `_headers` and the theme's static assets.
pub fn site_files(
    c: &Content,
    idx: &Index,
    theme: &Theme,
    langs: &[LangViews],
    pages: &[Page],
    pngs: chart_png::Pngs,
) -> Output {
    let mut out = Output::new();
    for v in langs {
        for chart in v.charts.iter() {
            let base = v.sections.chart_file(&chart.id);
            out.insert(
                format!("{base}.svg"),
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n",
                    crate::chart::standalone_svg(&chart.svg)
                )
                .into_bytes(),
            );
            out.insert(format!("{base}.csv"), views::chart_csv(chart).into_bytes());
        }
    }
    out.extend(chart_png::files(c, theme, langs, pngs));
    out.insert(
        "sitemap.xml".into(),
        sitemap(&c.site.base_url, pages).into_bytes(),
    );
    out.insert(
        "robots.txt".into(),
        format!(
            "User-agent: *\nAllow: /\n{}Sitemap: {}sitemap.xml\n",
            match c.site.cms {
                Some(_) => format!(
                    "Disallow: {}{}\n",
                    url_path(&c.site.base_url),
                    crate::cms::ADMIN
                ),
                None => String::new(),
            },
            base(&c.site.base_url)
        )
        .into_bytes(),
    );
    out.extend(crate::export::export(c, idx, &c.site.base_url));
    for (path, bytes) in &theme.assets {
        out.insert(path.clone(), bytes.clone());
    }
    out.extend(crate::cms::files(c, &theme.cms));
    let mut headers = headers_file(
        pages
            .iter()
            .map(|p| p.file.as_str())
            .chain(out.keys().map(String::as_str)),
    );
    if let Some(cms) = &c.site.cms {
        headers.push_str(&crate::cms::headers(cms));
    }
    out.insert("_headers".into(), headers.into_bytes());
    out
}

/// What rendering a page needs, prepared once: the content, the theme and
/// each language's views. For rendering a few pages (`check`'s sample).
pub struct Renderer<'a> {
    c: &'a Content,
    idx: &'a Index,
    theme: &'a Theme,
    langs: Vec<LangViews<'a>>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        c: &'a Content,
        idx: &'a Index,
        stats: &Stats,
        theme: &'a Theme,
        orders: &'a [Orders],
        charts: Option<&[Charts]>,
    ) -> Self {
        Renderer {
            c,
            idx,
            theme,
            langs: views(c, idx, stats, theme, orders, charts),
        }
    }

    /// Each language's charts, to give the next [`Renderer::new`] of the
    /// same figures, cases and site-wide files.
    pub fn charts(&self) -> Vec<Charts> {
        self.langs.iter().map(|v| v.charts.clone()).collect()
    }

    /// One planned page through its template.
    pub fn page(&self, p: &Page) -> Result<String, Problem> {
        render_page(self.c, self.theme, &self.langs, p).map(|(html, _)| {
            // Tera writes only text; lossy is for the type, not the case.
            String::from_utf8(html)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        })
    }

    /// Renders `pages`; see [`render_pages`].
    pub fn pages(
        &self,
        pages: &[&Page],
        page_done: &(dyn Fn() + Sync),
    ) -> Result<RenderedPages, Problems> {
        render_pages(self.c, self.theme, &self.langs, pages, page_done)
    }

    /// [`site_files`] of this site.
    pub fn site_files(&self, pages: &[Page]) -> Output {
        self.site_files_with(pages, chart_png::Pngs::Draw)
    }

    /// [`Self::site_files`], with the PNG charts drawn or only named.
    pub fn site_files_with(&self, pages: &[Page], pngs: chart_png::Pngs) -> Output {
        site_files(self.c, self.idx, self.theme, &self.langs, pages, pngs)
    }

    /// Each language's views.
    pub fn langs(&self) -> &[LangViews<'a>] {
        &self.langs
    }

    /// The views, to free where the caller chooses.
    pub fn into_langs(self) -> Vec<LangViews<'a>> {
        self.langs
    }
}

fn base(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

fn xml_escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return s.into();
    }
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .into()
}

fn sitemap(base_url: &str, pages: &[Page]) -> String {
    let base = xml_escape(&base(base_url)).into_owned();
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut urls: Vec<&str> = pages
        .iter()
        .filter(|p| p.file.ends_with("index.html"))
        .map(|p| p.url.as_str())
        .collect();
    urls.sort_unstable();
    for u in urls {
        s.push_str("  <url><loc>");
        s.push_str(&base);
        s.push_str(&xml_escape(u));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

/// `../` once per folder level of `url`, so every link works whether the
/// site is served from a domain's root or from a sub-path.
fn root_of(url: &str) -> String {
    let depth = url.matches('/').count();
    if depth == 0 {
        "./".to_string()
    } else {
        "../".repeat(depth)
    }
}

#[derive(Serialize)]
struct Alternate<'a> {
    code: &'a str,
    name: &'a str,
    href: String,
    /// Absolute, as search engines want `hreflang` alternates.
    absolute: String,
    current: bool,
}

fn render_page(
    c: &Content,
    theme: &Theme,
    langs: &[LangViews],
    p: &Page,
) -> Result<(Vec<u8>, Vec<Input>), Problem> {
    let reads = Reads::default();
    let cx = Cx::new(c, langs, p.lang, &reads);
    let kind = p.kind.kind();
    let mut context = Context::new();
    let not_found = matches!(p.kind, PageKind::NotFound(_));
    let root = if not_found {
        // Served at any missing path: links must be absolute.
        url_path(&c.site.base_url)
    } else {
        root_of(&p.url)
    };
    context.insert("root", &root);
    context.insert("page_url", &p.url);
    context.insert("canonical", &format!("{}{}", base(&c.site.base_url), p.url));
    let alternates: Vec<Alternate> = langs
        .iter()
        .map(|l| {
            let target = kind.twin(&cx.in_lang(l.index));
            Alternate {
                code: &l.lang,
                name: l.locale.t("language_name"),
                // The 404 page is served at any depth: its links start at the site's path.
                href: if not_found {
                    format!("{root}{target}")
                } else {
                    relative(p, &target)
                },
                absolute: format!("{}{target}", l.base_url),
                current: l.index == p.lang,
            }
        })
        .collect();
    context.insert("alternates", &alternates);
    let (template, data) = kind.data(&cx, p);
    context.insert_value("page", data);
    if let Some(items) = kind.listed().filter(|_| theme.reads_items_html(template)) {
        let html = cards_html(theme, &langs[p.lang], items, &root).map_err(|e| {
            Problem::file_msg(
                theme.template_path(CARD),
                crate::message::Message::TemplateFailedOnPage {
                    page: p.file.to_string(),
                    detail: e.to_string(),
                },
            )
        })?;
        context.insert(ITEMS_HTML, &html);
    }
    let html = theme.render_page(p.lang, template, &context).map_err(|e| {
        Problem::file_msg(
            theme.template_path(template),
            crate::message::Message::TemplateFailedOnPage {
                page: p.file.to_string(),
                detail: e.to_string(),
            },
        )
    })?;
    Ok((html, reads.into_inputs()))
}

/// A list page's cards, rendered (see [`cards_html`]).
const ITEMS_HTML: &str = "items_html";

/// The theme's card of a release in a list.
const CARD: &str = "partials/press_item.html";

/// Stands for the page's `root` in a card rendered once for every list
/// page that shows it. Framed by a character of Unicode's private use
/// area: not escaped by Tera, and not something a template or a record
/// has reason to write (a record that held this exact sequence would see
/// it replaced by the page's root, no worse).
const ROOT_MARK: &str = "\u{E000}root\u{E000}";

/// The cards of `items` (releases in `v`'s language) as list items, each
/// rendered through [`CARD`] with `p` (its card), `root` and
/// `top_level_list` (true: a list page's cards head its sections).
///
/// Every release is on a dozen list pages or more (the pages of its tags,
/// year, province, election and of each figure it cites), and rendering a
/// card through Tera for each was a third of the CPU of a 10 000-release
/// build: each card is rendered once, with a mark where the root goes, and
/// joined with each page's root. A theme without the partial gets an
/// empty string.
fn cards_html(
    theme: &Theme,
    v: &LangViews,
    items: &[usize],
    root: &str,
) -> Result<String, tera::Error> {
    if !theme.has_template(v.index, CARD) {
        return Ok(String::new());
    }
    let mut out = String::new();
    for &i in items {
        let Some(parts) = v.card_html.get(i) else {
            continue;
        };
        let parts = match parts.get() {
            Some(parts) => parts,
            None => {
                let Some(card) = v.card_value(i) else {
                    continue;
                };
                let mut cx = Context::new();
                cx.insert_value("p", card);
                cx.insert("root", ROOT_MARK);
                cx.insert("top_level_list", &true);
                let html = theme.render(v.index, CARD, &cx)?;
                let split: Box<[Box<str>]> = html.split(ROOT_MARK).map(Box::from).collect();
                parts.get_or_init(|| split)
            }
        };
        for (k, part) in parts.iter().enumerate() {
            if k > 0 {
                out.push_str(root);
            }
            out.push_str(part);
        }
    }
    Ok(out)
}

/// `target` (site-relative) as a link from page `p`.
fn relative(p: &Page, target: &str) -> String {
    let root = "../".repeat(p.url.matches('/').count());
    let out = format!("{root}{target}");
    if out.is_empty() { "./".into() } else { out }
}

/// The path part of a URL: `https://x.org/netra/` → `/netra/`.
pub fn url_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn relative_roots() {
        assert_eq!(super::root_of(""), "./");
        assert_eq!(super::root_of("siaran-pers/"), "../");
        assert_eq!(super::root_of("en/press/page/2/"), "../../../../");
        assert_eq!(super::url_path("https://x.org/netra"), "/netra/");
        assert_eq!(super::url_path("https://x.org"), "/");
    }
}
