//! Markdown bodies to safe HTML.
//!
//! pulldown-cmark renders with tables and footnotes; ammonia then removes
//! whatever raw HTML an editor pasted that could run script or load from
//! elsewhere (`<script>`, `on*=` handlers, `javascript:` links, iframes,
//! images from other sites). The few attributes kept for footnotes and
//! table alignment keep only the values pulldown-cmark itself writes.
//!
//! [`too_deep`] is the validator's guard: the HTML parser under ammonia
//! (html5ever) takes time quadratic in the nesting depth, so a body nested
//! thousands of levels deep (`> > > …`, `- - - …`, `<div><div>…`) is
//! refused before it is rendered.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Options, Parser, Tag as MdTag, TagEnd, html};
use regex::Regex;

/// Deepest nesting of Markdown blocks, emphasis and raw HTML elements a
/// body may use. Prose needs fewer than ten levels.
pub const MAX_NESTING: usize = 40;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // Footnotes link by id within the page; keep ids, and the classes
    // pulldown-cmark gives footnote blocks so the theme can style them.
    b.add_generic_attributes(["id"])
        .add_tag_attributes("div", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("th", ["class"])
        .add_tag_attributes("td", ["class"]);
    b.link_rel(Some("noopener noreferrer"));
    b.url_schemes(["http", "https", "mailto"].into());
    b.attribute_filter(keep);
    b
});

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Which values of the extra attributes survive: only those pulldown-cmark
/// writes itself (table alignment as a class, see `to_html`). Any other `style` could overlay the page; any other
/// `class` could borrow the site's own look for a fake notice; an image
/// from another site would tell it who reads the page.
fn keep<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    let ok = match (element, attribute) {
        ("th" | "td", "class") => matches!(value, "align-left" | "align-center" | "align-right"),
        ("div", "class") => value == "footnote-definition",
        ("sup", "class") => matches!(value, "footnote-reference" | "footnote-definition-label"),
        ("img", "src") => {
            let v = value.trim_start();
            !(v.starts_with("//") || v.starts_with("\\\\") || has_scheme(v))
        }
        _ => true,
    };
    ok.then_some(Cow::Borrowed(value))
}

/// `scheme:` before any `/`, `?` or `#`: an absolute URL.
fn has_scheme(url: &str) -> bool {
    let end = url.find(['/', '?', '#']).unwrap_or(url.len());
    url[..end].contains(':')
}

pub fn to_html(markdown: &str) -> String {
    let (raw, clean) = raw_html(markdown);
    if clean {
        CLEANER.clean(&raw).to_string()
    } else {
        with_rel(raw)
    }
}

/// pulldown-cmark's HTML of `markdown`, and whether it needs the cleaner.
fn raw_html(markdown: &str) -> (String, bool) {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let mut clean = false;
    let events = Parser::new_ext(markdown, options()).inspect(|e| clean |= needs_cleaning(e));
    html::push_html(&mut raw, events);
    // Column alignment as a class: the site's Content-Security-Policy
    // allows no `style` attribute, and the theme styles these classes.
    if raw.contains("style=\"text-align: ") {
        for side in ["left", "center", "right"] {
            raw = raw.replace(
                &format!("style=\"text-align: {side}\""),
                &format!("class=\"align-{side}\""),
            );
        }
    }
    (raw, clean)
}

/// Whether pulldown-cmark's own HTML for `e` may hold something the
/// cleaner removes. It escapes all text, so only raw HTML, a link with a
/// scheme other than http(s) and mailto, an image from elsewhere, and
/// heading classes and attributes can. Most bodies have none of them, and
/// skip the cleaner, which parses the whole HTML again (a sixth of a
/// build's time).
fn needs_cleaning(e: &Event) -> bool {
    match e {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(MdTag::Link { dest_url, .. }) => !(local(dest_url) || web(dest_url)),
        Event::Start(MdTag::Image { dest_url, .. }) => !local(dest_url),
        Event::Start(MdTag::Heading { classes, attrs, .. }) => {
            !classes.is_empty() || !attrs.is_empty()
        }
        _ => false,
    }
}

/// A URL within the site: no scheme, no other host, nothing a browser
/// would strip before reading it.
fn local(url: &str) -> bool {
    !(url.starts_with("//")
        || url.starts_with("\\\\")
        || has_scheme(url)
        || url.starts_with(|c: char| c.is_whitespace() || c.is_control()))
}

/// An http(s) or mailto URL, as the cleaner keeps them.
fn web(url: &str) -> bool {
    ["http://", "https://", "mailto:"].iter().any(|scheme| {
        url.get(..scheme.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
    }) && !url.contains(|c: char| c.is_whitespace() || c.is_control())
}

/// HTML that skipped the cleaner, written as the cleaner writes it:
/// `rel="noopener noreferrer"` on every link, and void elements without
/// the XHTML slash (`<br>`, not `<br />`). Every tag in such HTML is
/// pulldown-cmark's (text is escaped, so ` />` and `<a href="` occur in
/// tags only), and its attribute values are escaped too, so a link's tag
/// ends at the first `">`.
fn with_rel(html: String) -> String {
    const OPEN: &str = "<a href=\"";
    let html = if html.contains(" />") {
        html.replace(" />", ">")
    } else {
        html
    };
    if !html.contains(OPEN) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html.as_str();
    while let Some(i) = rest.find(OPEN) {
        let after = i + OPEN.len();
        let Some(end) = rest[after..].find("\">").map(|e| after + e + 1) else {
            break;
        };
        out.push_str(&rest[..end]);
        out.push_str(" rel=\"noopener noreferrer\"");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Whether a body may hold a link at all: an inline or reference link or
/// image (`](`, `]:`), a footnote (`[^`), raw HTML or an autolink (`<`).
/// Most bodies have none, and need no parsing for links.
pub fn may_link(markdown: &str) -> bool {
    static MAY_LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\(|\]:|\[\^|<").unwrap());
    MAY_LINK.is_match(markdown)
}

/// The links and ids of a body's published HTML, read from the Markdown.
#[derive(Debug, Default)]
pub struct Scan {
    /// Every `href` and `src`, with the byte offset where it is written.
    pub links: Vec<(usize, String)>,
    /// Every element id: footnotes, headings with an `{#id}`, raw HTML.
    pub ids: HashSet<String>,
}

/// The links and ids of a body as [`to_html`] publishes them, without
/// rendering the whole body: each link is written out by pulldown-cmark's
/// own HTML writer, and raw HTML is cleaned by the same rules as in
/// [`to_html`].
pub fn scan(markdown: &str) -> Scan {
    let written = |events: &[Event]| {
        let mut h = String::new();
        html::push_html(&mut h, events.iter().cloned());
        h
    };
    let mut out = Scan::default();
    let mut push = |at: usize, html: &str| {
        out.links
            .extend(crate::html::hrefs(html).map(|(_, link)| (at, link)));
        out.ids.extend(crate::html::ids(html));
    };
    // A block of raw HTML arrives line by line; it is cleaned as a whole.
    let mut block: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(MdTag::HtmlBlock) => block = Some((range.start, String::new())),
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((at, raw)) = block.take() {
                    push(at, &CLEANER.clean(&raw).to_string());
                }
            }
            Event::Html(h) => {
                if let Some((_, raw)) = &mut block {
                    raw.push_str(&h);
                } else {
                    push(range.start, &CLEANER.clean(&h).to_string());
                }
            }
            Event::InlineHtml(h) => push(range.start, &CLEANER.clean(&h).to_string()),
            e @ (Event::Start(MdTag::Link { .. }) | Event::FootnoteReference(_)) => {
                push(range.start, &written(&[e]))
            }
            e @ Event::Start(MdTag::Image { .. }) => {
                push(range.start, &written(&[e, Event::End(TagEnd::Image)]))
            }
            e @ (Event::Start(MdTag::FootnoteDefinition(_))
            | Event::Start(MdTag::Heading { .. })) => push(range.start, &written(&[e])),
            _ => {}
        }
    }
    out
}

/// Elements that never have content, and so never nest.
const VOID: [&str; 16] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "frame",
];

/// Elements a second one of which closes the first (`<p>a<p>b`).
const SELF_CLOSING_SIBLINGS: [&str; 8] = ["p", "li", "dt", "dd", "option", "tr", "td", "th"];

/// The byte offset in `markdown` where its nesting first exceeds
/// [`MAX_NESTING`], if it does. Markdown blocks and inlines are counted
/// exactly; raw HTML is counted from its tags, conservatively: an element
/// counts as closed only when its own end tag follows it directly, so
/// misnested or unclosed tags only ever count more, never less.
pub fn too_deep(markdown: &str) -> Option<usize> {
    if surely_shallow(markdown) {
        return None;
    }
    nesting_exceeds(markdown)
}

/// Whether `markdown` surely nests at most [`MAX_NESTING`] levels, without
/// parsing it: an upper bound of its nesting, from the characters that
/// can open a level, is within the limit. Each level open at once has its
/// own opener. Blocks: `>` (quote), a list marker at the start of a line's
/// blocks (a list and its item: counted twice), `]:` (footnote), and one
/// leaf block (a table: three levels). Raw HTML: `<` (an element, or an
/// autolink: counted twice); its elements are counted across blocks.
/// Inlines: `*`, `_`, `~` (emphasis, strikethrough), `[` (link, image),
/// which never span a blank line, so they are counted per paragraph. Most
/// prose is far within the limit, and is not parsed.
fn surely_shallow(markdown: &str) -> bool {
    const LEAF: usize = 3;
    let budget = MAX_NESTING - LEAF;
    // First, every opener of the whole text at once, in passes that are
    // vectorised: enough for nearly every text.
    let bytes = markdown.as_bytes();
    let (inline, blocks) = openers(bytes);
    let notes = memchr::memmem::find_iter(bytes, b"]:").count();
    let markers: usize = std::iter::once(0)
        .chain(memchr::memchr2_iter(b'\n', b'\r', bytes).map(|i| i + 1))
        .map(|start| list_markers(&markdown[start..]))
        .sum();
    if inline + blocks + notes + 2 * markers <= budget {
        return true;
    }
    // Then inlines paragraph by paragraph.
    let mut blocks = 0;
    let mut inline = 0;
    for line in markdown.split('\n') {
        let bytes = line.as_bytes();
        if bytes.iter().all(u8::is_ascii_whitespace) {
            inline = 0;
            continue;
        }
        let (i, b) = openers(bytes);
        inline += i;
        // A lone `\r` ends a line too; a line that is blank only between
        // two of them is counted with its neighbours, which is more.
        let markers: usize = line.split('\r').map(list_markers).sum();
        blocks += b + 2 * markers + bytes.windows(2).filter(|w| w == b"]:").count();
        if blocks + inline > budget {
            return false;
        }
    }
    true
}

/// Characters of a line that can open an inline level, and a block or
/// raw HTML level (see [`surely_shallow`]).
fn openers(line: &[u8]) -> (usize, usize) {
    let (mut inline, mut blocks) = (0, 0);
    for part in line.chunks(64) {
        // At most 2 a byte over 64 bytes: no overflow. Written without
        // branches, so that it is vectorised.
        let (i, b) = part.iter().fold((0u8, 0u8), |(i, b), &c| {
            (
                i + u8::from(c == b'*')
                    + u8::from(c == b'_')
                    + u8::from(c == b'~')
                    + u8::from(c == b'['),
                b + u8::from(c == b'>') + 2 * u8::from(c == b'<'),
            )
        });
        inline += usize::from(i);
        blocks += usize::from(b);
    }
    (inline, blocks)
}

/// List markers that open a line's blocks (`- 1. > * text` has three;
/// so has `[^1]: - - - text`, whose footnote's blocks start on its line).
fn list_markers(line: &str) -> usize {
    let b = line.as_bytes();
    let mut i = 0;
    let mut markers = 0;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'>') {
            i += 1;
        }
        if b[i..].starts_with(b"[^")
            && let Some(end) = line[i..].find("]:")
        {
            i += end + 2;
            continue;
        }
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let end = match b.get(i) {
            Some(b'-' | b'+' | b'*') => i + 1,
            Some(_)
                if (1..=9).contains(&digits) && matches!(b.get(i + digits), Some(b'.' | b')')) =>
            {
                i + digits + 1
            }
            _ => return markers,
        };
        if !b.get(end).is_none_or(u8::is_ascii_whitespace) {
            return markers;
        }
        markers += 1;
        i = end;
    }
}

/// The byte offset where the nesting of `markdown` first exceeds
/// [`MAX_NESTING`], by parsing it.
fn nesting_exceeds(markdown: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut raw: Vec<String> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => {
                for tag in tags(&h) {
                    match tag {
                        Tag::Open(name) => {
                            if VOID.contains(&name.as_str()) {
                                continue;
                            }
                            if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                                && raw.last() == Some(&name)
                            {
                                continue;
                            }
                            raw.push(name);
                        }
                        Tag::Close(name) => {
                            if raw.last() == Some(&name) {
                                raw.pop();
                            }
                        }
                    }
                    if depth + raw.len() > MAX_NESTING {
                        return Some(range.start);
                    }
                }
            }
            _ => {}
        }
        if depth + raw.len() > MAX_NESTING {
            return Some(range.start);
        }
    }
    None
}

enum Tag {
    Open(String),
    Close(String),
}

/// The start and end tags in a fragment of raw HTML, names lower-cased.
/// Comments, doctypes and processing instructions are skipped; a tag left
/// open at the end of the fragment still counts.
fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let close = b.get(i) == Some(&b'/');
        let start = if close { i + 1 } else { i };
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'-') {
            end += 1;
        }
        let name = html[start..end].to_ascii_lowercase();
        // Skip the attributes up to the tag's `>`, quotes respected.
        let mut quote = None;
        i = end;
        while i < b.len() {
            match (quote, b[i]) {
                (None, b'"' | b'\'') => quote = Some(b[i]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            i += 1;
        }
        out.push(if close {
            Tag::Close(name)
        } else {
            Tag::Open(name)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{CLEANER, MAX_NESTING, may_link, raw_html, scan, to_html, too_deep, with_rel};

    #[test]
    fn bodies_that_skip_the_cleaner_come_out_as_it_would_make_them() {
        // No straight quote in text: pulldown-cmark writes it `&quot;`,
        // the cleaner's serialiser `"` (the same HTML, other bytes).
        for body in [
            "Plain *prose* with **bold**, ~~struck~~ and `code`.\n",
            "See [the figures](../../angka/kasn-2018/ \"title\") and ![a chart](../../statistik/a.svg).\n",
            "An autolink <https://example.org/a?b=1&c=2> and <a@example.org>, [mail](mailto:x@example.org).\n",
            "Text[^1] and more[^note].\n\n[^1]: One.\n[^note]: Two, see [x](#1).\n",
            "## Background {#background}\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
            "1. one\n2. two\n   > quoted & 1 < 2 > 0\n",
            "A hard  \nbreak, then a rule:\n\n---\n",
        ] {
            let (raw, clean) = raw_html(body);
            assert!(!clean, "{body}");
            assert_eq!(
                with_rel(raw.clone()),
                CLEANER.clean(&raw).to_string(),
                "{body}"
            );
        }
        for body in [
            "<b>raw</b>\n",
            "[js](javascript:alert(1))\n",
            "![far](https://tracker.example/p.gif)\n",
            "![near](//tracker.example/p.gif)\n",
            "## Styled {.notice}\n",
            "## Data {data-x=y}\n",
        ] {
            assert!(raw_html(body).1, "{body} must go through the cleaner");
        }
    }

    /// Bodies with every way Markdown makes a link or an id.
    const LINKING: [&str; 9] = [
        "See [the figures](../../angka/kasn-2018/) and ![a chart](../../statistik/a.svg \"t\").\n",
        "A [reference][r] and a [shortcut].\n\n[r]: ../x/?a=1&b=2#top\n[shortcut]: <../with space/ä.csv>\n",
        "Text[^1] and more[^note].\n\n[^1]: One.\n[^note]: Two, see [x](#1).\n",
        "## Background {#background .wide}\n\nBack to [it](#background).\n",
        "Raw <a href='../single/'>single</a>, <a href=../bare/>bare</a>, <img src=\"../i.png\">.\n",
        "<div id=\"box\">\n<p><a href=\"../block/\"\nclass=\"x\">spans lines</a></p>\n</div>\n",
        "<script src=\"../gone.js\"></script>\n\n<iframe src=\"../frame/\"></iframe>\n",
        "An autolink <https://example.org/> and <a@example.org>, [js](javascript:alert(1)).\n",
        "[top](#) [empty]() [amp](a&amp;b/) [pct](a%20b/)\n",
    ];

    #[test]
    fn scan_finds_the_links_and_ids_of_the_published_html() {
        for body in LINKING {
            assert!(may_link(body), "{body}");
            let html = to_html(body);
            let mut published: Vec<String> = crate::html::hrefs(&html)
                .map(|(_, l)| l)
                .filter(|l| !crate::html::is_external(l))
                .collect();
            let found = scan(body);
            let mut read: Vec<String> = found
                .links
                .iter()
                .map(|(_, l)| l.clone())
                .filter(|l| !crate::html::is_external(l))
                .collect();
            published.sort();
            read.sort();
            assert_eq!(read, published, "links of {body:?} in {html}");
            assert_eq!(
                found.ids,
                crate::html::ids(&html),
                "ids of {body:?} in {html}"
            );
        }
    }

    #[test]
    fn scan_gives_where_each_link_is_written() {
        let body = "One line.\n\nSee [x](../x/) and <a href=\"../y/\">y</a>.\n";
        let found = scan(body);
        let at: Vec<(usize, &str)> = found.links.iter().map(|(i, l)| (*i, l.as_str())).collect();
        assert_eq!(at, [(15, "../x/"), (30, "../y/")]);
        assert!(!may_link("Plain prose, 27,6 persen (2020) [sic]."));
    }

    #[test]
    fn tables_and_footnotes_render() {
        let h = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1].\n\n[^1]: Note.\n");
        assert!(h.contains("<table>"), "{h}");
        assert!(h.contains("footnote-definition"), "{h}");
    }

    #[test]
    fn table_alignment_and_footnote_classes_are_kept() {
        let h = to_html("| a | b |\n|:--|--:|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: Note.\n");
        assert!(h.contains(r#"class="align-left""#), "{h}");
        assert!(h.contains(r#"class="align-right""#), "{h}");
        assert!(!h.contains("style="), "{h}");
        assert!(h.contains(r#"<sup class="footnote-reference">"#), "{h}");
        assert!(h.contains(r#"<div class="footnote-definition""#), "{h}");
    }

    #[test]
    fn other_styles_classes_and_remote_images_are_dropped() {
        let h = to_html(
            "<table><tr><td style=\"position:fixed;top:0;width:100%\">x</td></tr></table>\n\n\
             <div class=\"notice site-header\">y</div>\n\n\
             ![t](https://tracker.example/p.gif) ![u](//tracker.example/p.gif) ![v](img/ok.png)\n",
        );
        assert!(!h.contains("position"), "{h}");
        assert!(!h.contains("site-header"), "{h}");
        assert!(!h.contains("tracker"), "{h}");
        assert!(h.contains(r#"src="img/ok.png""#), "{h}");
    }

    #[test]
    fn script_is_removed() {
        let h = to_html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        );
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        for link in [
            "[a](JaVaScRiPt:alert(1))",
            "[b](java&#x09;script:alert(1))",
            "[c](&#106;avascript:alert(1))",
            "<javascript:alert(1)>",
            "[d][r]\n\n[r]: javascript:alert(1)",
            "[e](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\" &#14;javascript:alert(1)\">f</a>",
        ] {
            let h = to_html(link);
            let hrefs: Vec<&str> = h.split("href=\"").skip(1).collect();
            for href in hrefs {
                let href = href.split('"').next().unwrap().to_ascii_lowercase();
                assert!(
                    !href.contains("script:") || href.contains("%09"),
                    "{link} gave {h}"
                );
                assert!(!href.starts_with("data:"), "{link} gave {h}");
            }
        }
    }

    /// Text that nests, block openers then inline ones, near the limit:
    /// mostly nothing between openers, so that they nest.
    fn nesting() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let sep = || prop_oneof![12 => Just(""), 1 => proptest::sample::select(&SEPARATORS[..])];
        let blocks =
            proptest::collection::vec((proptest::sample::select(&BLOCKS[..]), sep()), 0..45);
        let inlines = proptest::collection::vec(proptest::sample::select(&INLINES[..]), 0..45);
        (blocks, inlines).prop_map(|(blocks, inlines)| {
            let mut body: String = blocks.iter().flat_map(|(a, b)| [*a, *b]).collect();
            body.extend(inlines.iter().map(|(open, _)| *open));
            body.push('x');
            body.extend(inlines.iter().rev().map(|(_, close)| *close));
            body
        })
    }

    proptest::proptest! {
        // Cases that once failed are kept beside this file
        // (`markdown.proptest-regressions`) and tried first.
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            failure_persistence: Some(Box::new(
                proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
            )),
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// What the shortcut lets through, the parser does too.
        #[test]
        fn the_shortcut_never_hides_deep_nesting(body in nesting()) {
            if super::surely_shallow(&body) {
                proptest::prop_assert_eq!(super::nesting_exceeds(&body), None, "{:?}", body);
            }
        }
    }

    const BLOCKS: [&str; 9] = ["- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "[^a]: ", "-\t"];
    const INLINES: [(&str, &str); 9] = [
        ("*", "*"),
        ("**", "**"),
        ("_", "_"),
        ("~~", "~~"),
        ("[", "](u)"),
        ("![", "](u)"),
        ("<b>", "</b>"),
        ("<div>", ""),
        ("a *", "* a"),
    ];
    const SEPARATORS: [&str; 7] = ["\n", "\r", "\r\n", "\n  ", " ", "\n\n", "\n> "];

    #[test]
    fn prose_is_surely_shallow_and_deep_text_is_not() {
        let prose = "Komisi Aparatur Sipil Negara (KASN) mencatat [456 ASN](../x/); 27,6 persen dari _JPT_.\n\n";
        assert!(super::surely_shallow(&prose.repeat(50)));
        assert!(super::surely_shallow(&format!(
            "{}[^1]: UU No. 5/2014.\n",
            prose.repeat(50)
        )));
        assert!(!super::surely_shallow(&"- ".repeat(MAX_NESTING / 2)));
        assert!(!super::surely_shallow(&format!(
            "[^a]: {}x",
            "- ".repeat(20)
        )));
        assert!(!super::surely_shallow(&"> ".repeat(MAX_NESTING)));
        assert!(!super::surely_shallow(&"-\r".repeat(MAX_NESTING / 2)));
        assert!(!super::surely_shallow(&"- \r".repeat(MAX_NESTING / 2)));
        assert!(!super::surely_shallow(&format!(
            "{}x",
            "- ".repeat(MAX_NESTING / 2)
        )));
    }

    #[test]
    fn nesting_is_bounded() {
        assert_eq!(
            too_deep("# T\n\n- a\n  - b\n    - *c* **d**\n\n> q\n"),
            None
        );
        assert_eq!(
            too_deep("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>\n"),
            None
        );
        let p = "<p>a<p>b<p>c".repeat(30);
        assert_eq!(too_deep(&p), None, "sibling <p>s do not nest");
        assert!(too_deep(&"> ".repeat(MAX_NESTING + 1)).is_some());
        assert!(too_deep(&format!("{}x", "- ".repeat(MAX_NESTING))).is_some());
        assert!(too_deep(&format!("x {}", "<div>".repeat(MAX_NESTING + 1))).is_some());
        assert!(too_deep(&format!("x {}", "<b></i>".repeat(MAX_NESTING + 1))).is_some());
        assert!(too_deep(&format!("x {}", "<span title='>'>".repeat(MAX_NESTING + 1))).is_some());
        let at = too_deep(&format!("ok\n\n{}", "> ".repeat(100))).unwrap();
        assert!(at >= 4, "offset {at}");
    }
}
