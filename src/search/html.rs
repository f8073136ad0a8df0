//! What Pagefind reads from a page: its language, the text to index (with
//! Pagefind's markers for headings and anchors), its metadata.
//!
//! A single pass over the HTML that reproduces what Pagefind's `DomParser`
//! (`fossick/parser.rs` in Pagefind 1.6.0, on lol_html) collects, for the
//! HTML netra writes: well-formed, every element closed in order, no
//! MathML, and SVG only as drawings (charts): elements closed in order or
//! self-closing (`<rect/>`), with no HTML inside them, no `<script>`,
//! `<style>` or `data-pagefind-*`. Pagefind drops an `<svg>` from the
//! text, but its elements still count (an `id` numbers an anchor, a
//! `<title>` can name the page), so they are read as Pagefind reads them.
//! Anything else is reported as
//! [`Unsupported`] and the caller lets Pagefind index the site instead, so
//! a template change can make indexing slower but never different.
//!
//! Supported attributes: `data-pagefind-body`, `data-pagefind-ignore`
//! (with or without `all`) and `data-pagefind-meta`; the others (`filter`,
//! `sort`, `weight`, `default-meta`, `index-attrs`, `title`) are not
//! modelled.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

/// Why the page is not read here; Pagefind reads it instead.
#[derive(Debug, Clone, PartialEq)]
pub struct Unsupported(pub String);

/// What Pagefind's `DomParser` returns for a page.
#[derive(Debug, Default)]
pub struct Page {
    /// The `lang` of `<html>`, lower-cased; `unknown` without one.
    pub language: String,
    /// Whether an element marked `data-pagefind-body` was found.
    pub has_custom_body: bool,
    /// The text to index, normalised, with Pagefind's markers.
    pub digest: String,
    /// Metadata: `title` (the first `<h1>`, else `<title>`) and any
    /// `data-pagefind-meta`.
    pub meta: BTreeMap<String, String>,
    /// The raw text of each element with an `id`, by anchor key.
    pub anchor_content: HashMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Status {
    Indexing,
    Ignored,
    Excluded,
    Body,
    ParentOfBody,
}

/// An open element. Its text (Pagefind's `current_value`) is the end of
/// [`Parser::text`] from `start` on, up to the start of its open child if
/// any: a child's text is written once, in place, not copied into its
/// parent's when it closes.
struct Node<'a> {
    tag: &'a str,
    start: usize,
    status: Status,
    meta: Option<Vec<String>>,
    anchor_ids: Option<Vec<String>>,
}

/// Elements whose text ends with a full stop if it ends in a word.
fn is_sentence(tag: &str) -> bool {
    matches!(
        tag,
        "h1" | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "p"
            | "td"
            | "div"
            | "ul"
            | "li"
            | "article"
            | "section"
    )
}

/// Elements inside which the anchor of their parent goes on.
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "acronym"
            | "b"
            | "bdo"
            | "big"
            | "br"
            | "button"
            | "cite"
            | "code"
            | "dfn"
            | "em"
            | "i"
            | "img"
            | "input"
            | "kbd"
            | "label"
            | "map"
            | "object"
            | "output"
            | "q"
            | "samp"
            | "script"
            | "select"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "textarea"
            | "time"
            | "tt"
            | "var"
    )
}

/// Elements never indexed (Pagefind's `REMOVE_SELECTORS`).
fn is_removed(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "style"
            | "script"
            | "noscript"
            | "label"
            | "form"
            | "svg"
            | "footer"
            | "nav"
            | "iframe"
            | "template"
    )
}

/// Void elements as lol_html knows them: no content, no end tag.
fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "basefont"
            | "bgsound"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose content the HTML tokenizer reads differently (raw text,
/// foreign content) beyond `script`, `style` and `title`.
fn is_unmodelled(tag: &str) -> bool {
    matches!(
        tag,
        "math"
            | "noscript"
            | "textarea"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "plaintext"
            | "template"
    )
}

/// Elements that end SVG content where they are (HTML's "breakout" tags
/// in foreign content), or whose content is read otherwise there: SVG
/// with any of them is not modelled.
fn is_unmodelled_in_svg(tag: &str) -> bool {
    is_void(tag)
        || is_unmodelled(tag)
        || tag.eq_ignore_ascii_case("foreignobject")
        || matches!(
            tag,
            "svg"
                | "script"
                | "style"
                | "b"
                | "big"
                | "blockquote"
                | "body"
                | "center"
                | "code"
                | "dd"
                | "div"
                | "dl"
                | "dt"
                | "em"
                | "font"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "head"
                | "i"
                | "li"
                | "listing"
                | "menu"
                | "nobr"
                | "ol"
                | "p"
                | "pre"
                | "ruby"
                | "s"
                | "small"
                | "span"
                | "strike"
                | "strong"
                | "sub"
                | "sup"
                | "table"
                | "tt"
                | "u"
                | "ul"
                | "var"
        )
}

/// `data-pagefind-*` attributes not modelled here.
const UNMODELLED_ATTRS: &[&str] = &[
    "data-pagefind-filter",
    "data-pagefind-sort",
    "data-pagefind-weight",
    "data-pagefind-default-meta",
    "data-pagefind-index-attrs",
    "data-pagefind-title",
];

static SENTENCE_CHARS: LazyLock<Regex> = LazyLock::new(|| Regex::new("[\\w'\"\\)\\$\\*]").unwrap());
static ATTRIBUTE_MATCH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^\\s*(?P<name>[^:\\[\\]]+)\\[(?P<attribute>.+)\\]\\s*$").unwrap());
static PRIVATE_PAGEFIND: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("___PAGEFIND_[\\S]+\\s?").unwrap());

/// Pagefind's `normalize_content`: entities decoded, ends trimmed, line
/// breaks to spaces, runs of white space to one space. The same as its
/// three regular expressions, in one pass.
pub fn normalize_content(content: &str) -> String {
    let content = html_escape::decode_html_entities(content);
    let t = content.trim();
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len());
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        if SPACE_CLASS[b[i] as usize] == 0 {
            i += 1;
            continue;
        }
        let len = space_len(t, i);
        if len == 0 {
            i += 1;
            continue;
        }
        let mut j = i + len;
        while j < b.len() {
            match space_len(t, j) {
                0 => break,
                n => j += n,
            }
        }
        let run = &t[i..j];
        if run != " " && becomes_a_space(run) {
            out.push_str(&t[copied..i]);
            out.push(' ');
            copied = j;
        }
        i = j;
    }
    out.push_str(&t[copied..]);
    out
}

/// Whether a run of white space is one space once normalised (else it
/// stays as it is): its length once each run of line breaks (`\n` or
/// `\r\n`) counts as one character is two or more, or it is a lone
/// line break. A lone other space stays.
fn becomes_a_space(run: &str) -> bool {
    let r = run.as_bytes();
    let is_break = |k: usize| r[k] == b'\n' || (r[k] == b'\r' && r.get(k + 1) == Some(&b'\n'));
    let (mut k, mut length, mut only_breaks) = (0, 0, true);
    while k < r.len() && length < 2 {
        if is_break(k) {
            while k < r.len() && is_break(k) {
                k += if r[k] == b'\r' { 2 } else { 1 };
            }
        } else {
            only_breaks = false;
            k += space_len(run, k);
        }
        length += 1;
    }
    length >= 2 || only_breaks
}

/// By byte: 1 for ASCII white space, 2 for the first byte of a non-ASCII
/// white space character (U+0085, U+00A0, U+1680, U+2000 to U+205F,
/// U+3000) or of others, 0 for the rest.
pub(super) static SPACE_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    t[b' ' as usize] = 1;
    let mut c = b'\t';
    while c <= b'\r' {
        t[c as usize] = 1;
        c += 1;
    }
    t[0xC2] = 2;
    t[0xE1] = 2;
    t[0xE2] = 2;
    t[0xE3] = 2;
    t
};

/// The length of the white space character at byte `i` of `s`, or 0.
#[inline]
pub(super) fn space_len(s: &str, i: usize) -> usize {
    match SPACE_CLASS[s.as_bytes()[i] as usize] {
        0 => 0,
        1 => 1,
        _ => {
            let c = s[i..].chars().next().expect("a character");
            if c.is_whitespace() { c.len_utf8() } else { 0 }
        }
    }
}

/// Pagefind's removal of its own markers from metadata values.
pub fn tidy(value: &str) -> Cow<'_, str> {
    if !value.contains("___PAGEFIND_") {
        return value.into();
    }
    PRIVATE_PAGEFIND.replace_all(value, "")
}

/// Whether the regular expression `[\w'"\)\$\*]` matches `c`.
fn is_sentence_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '\'' | '"' | ')' | '$' | '*')
    } else {
        let mut b = [0; 4];
        SENTENCE_CHARS.is_match(c.encode_utf8(&mut b))
    }
}

/// The attributes of a start tag, raw (entities as written).
struct Attrs<'x, 'a>(&'x [(Cow<'a, str>, &'a str)]);

impl Attrs<'_, '_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

/// `parse_attr_string`: `a, b[attr], c:literal` → `a`, `b:<value of
/// attr>`, `c:literal`.
fn parse_attr_string(input: &str, attrs: &Attrs<'_, '_>) -> Vec<String> {
    if let Some((names, literal)) = input.split_once(':') {
        let mut parsed = parse_attr_string(names, attrs);
        if let Some(last) = parsed.last_mut() {
            last.push(':');
            last.push_str(literal);
        }
        return parsed;
    }
    input
        .split(',')
        .map(|chunk| {
            let chunk = chunk.trim();
            if let Some(value) = ATTRIBUTE_MATCH.captures(chunk) {
                let name = &value["name"];
                let attr = &value["attribute"];
                format!("{}:{}", name, attrs.get(attr).unwrap_or_default())
            } else {
                chunk.to_owned()
            }
        })
        .collect()
}

/// `get_attribute_pair`: `name:value` literally, or `name` and the text of
/// the element.
fn attribute_pair(spec: &str, text: &str) -> Option<(String, String)> {
    match spec.split_once(':') {
        Some((name, value)) => Some((name.to_owned(), normalize_content(value))),
        None if text.is_empty() => None,
        None => Some((spec.to_owned(), normalize_content(text))),
    }
}

struct Parser<'a> {
    stack: Vec<Node<'a>>,
    /// The text of the open elements, one after the other.
    text: String,
    meta: BTreeMap<String, String>,
    anchor_content: HashMap<String, String>,
    anchor_counter: usize,
    language: Option<String>,
    in_html: bool,
    /// The place in `stack` of the `<svg>` being read, if one is.
    svg: Option<usize>,
}

/// Reads a page as Pagefind would (see the module documentation).
pub fn read(html: &str) -> Result<Page, Unsupported> {
    let mut p = Parser {
        stack: vec![Node {
            tag: "",
            start: 0,
            status: Status::Indexing,
            meta: None,
            anchor_ids: None,
        }],
        text: String::with_capacity(html.len() / 2),
        meta: BTreeMap::new(),
        anchor_content: HashMap::new(),
        anchor_counter: 0,
        language: None,
        in_html: false,
        svg: None,
    };
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(lt) = memchr(b'<', &bytes[i..]).map(|o| i + o) else {
            p.text(&html[i..])?;
            break;
        };
        if lt > i {
            p.text(&html[i..lt])?;
        }
        let rest = &bytes[lt + 1..];
        match rest.first() {
            Some(b'!') => {
                if rest.starts_with(b"!--") {
                    let end = find(bytes, lt + 4, b"-->")
                        .ok_or_else(|| unsupported("an unclosed comment"))?;
                    i = end + 3;
                } else if rest.starts_with(b"![CDATA[") {
                    return Err(unsupported("CDATA"));
                } else {
                    // A doctype.
                    let end = memchr(b'>', rest).ok_or_else(|| unsupported("an unclosed tag"))?;
                    i = lt + 1 + end + 1;
                }
            }
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let end = memchr(b'>', rest).ok_or_else(|| unsupported("an unclosed tag"))?;
                let name = html[lt + 2..lt + 1 + end]
                    .split(|c: char| c.is_ascii_whitespace() || c == '/')
                    .next()
                    .unwrap_or_default();
                p.end(name)?;
                i = lt + 1 + end + 1;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let in_svg = p.svg.is_some();
                let (tag, next, self_closing) = start_tag(html, lt + 1, &mut attrs, in_svg)?;
                i = next;
                // In SVG, `<title>` holds elements and text like any other.
                let raw_text = !in_svg && matches!(tag, "script" | "style" | "title");
                p.start(tag, &Attrs(&attrs), self_closing)?;
                if raw_text {
                    // Raw text up to the end tag (no `<!--` escapes: netra
                    // writes none).
                    let close = format!("</{tag}");
                    let end = find_ci(bytes, i, close.as_bytes())
                        .ok_or_else(|| unsupported("an unclosed script, style or title"))?;
                    if end > i {
                        p.text(&html[i..end])?;
                    }
                    let gt = memchr(b'>', &bytes[end..])
                        .ok_or_else(|| unsupported("an unclosed tag"))?;
                    p.end(tag)?;
                    i = end + gt + 1;
                }
            }
            Some(b'?') => return Err(unsupported("a processing instruction")),
            Some(b'/') => return Err(unsupported("a malformed end tag")),
            _ => {
                // A `<` that starts no tag is text.
                p.text("<")?;
                i = lt + 1;
            }
        }
    }
    if p.stack.len() != 1 {
        return Err(unsupported(&format!(
            "<{}> is not closed",
            p.stack.last().map(|n| n.tag).unwrap_or_default()
        )));
    }
    let root = p.stack.pop().unwrap();
    let mut meta = p.meta;
    if let Some(image) = meta.remove("auto_image") {
        let alt = meta.remove("auto_image_alt").unwrap_or_default();
        if !meta.contains_key("image") {
            meta.insert("image".into(), image);
            meta.insert("image_alt".into(), alt);
        }
    }
    if let Some(title) = meta.remove("auto_title")
        && !meta.contains_key("title")
    {
        meta.insert("title".into(), title);
    }
    if let Some(title) = meta.remove("auto_page_title")
        && !meta.contains_key("title")
    {
        meta.insert("title".into(), title);
    }
    Ok(Page {
        language: p
            .language
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| "unknown".into()),
        has_custom_body: root.status == Status::ParentOfBody,
        digest: normalize_content(&p.text),
        meta,
        anchor_content: p.anchor_content,
    })
}

fn unsupported(what: &str) -> Unsupported {
    Unsupported(what.to_string())
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    memchr::memchr(needle, haystack)
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&haystack[from..], needle).map(|o| from + o)
}

/// `needle` (`</` and a lower-case name) in any case.
fn find_ci(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(o) = memchr::memmem::find(&haystack[at..], b"</") {
        let i = at + o;
        if haystack
            .get(i..i + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
            && matches!(
                haystack.get(i + needle.len()),
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
            )
        {
            return Some(i);
        }
        at = i + 2;
    }
    None
}

/// A start tag from just after its `<`: name, attributes, the index after
/// its `>`, and whether it ends with `/>`. Names are lower case but in
/// SVG (`linearGradient`).
fn start_tag<'a>(
    html: &'a str,
    from: usize,
    attrs: &mut Vec<(Cow<'a, str>, &'a str)>,
    in_svg: bool,
) -> Result<(&'a str, usize, bool), Unsupported> {
    let b = html.as_bytes();
    let mut i = from;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = &html[from..i];
    if name
        .bytes()
        .any(|c| (c.is_ascii_uppercase() && !in_svg) || c >= 0x80)
    {
        return Err(unsupported(&format!("the tag name {name}")));
    }
    attrs.clear();
    loop {
        // A `/` right before the `>` makes the tag self-closing.
        let mut slash = false;
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            slash = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return Err(unsupported("an unclosed tag"));
        }
        if b[i] == b'>' {
            return Ok((name, i + 1, slash));
        }
        let start = i;
        while i < b.len()
            && !b[i].is_ascii_whitespace()
            && b[i] != b'/'
            && b[i] != b'>'
            && b[i] != b'='
        {
            i += 1;
        }
        let attr = &html[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end =
                        memchr(q, &b[i + 1..]).ok_or_else(|| unsupported("an unclosed tag"))?;
                    value = &html[i + 1..i + 1 + end];
                    i += end + 2;
                }
                _ => {
                    let s = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = &html[s..i];
                }
            }
        }
        let attr: Cow<str> = if attr.bytes().any(|c| c.is_ascii_uppercase()) {
            attr.to_ascii_lowercase().into()
        } else {
            attr.into()
        };
        // The first of two same-named attributes counts.
        if !attrs.iter().any(|(n, _): &(Cow<str>, &str)| *n == attr) {
            attrs.push((attr, value));
        }
    }
}

impl<'a> Parser<'a> {
    fn text(&mut self, text: &str) -> Result<(), Unsupported> {
        if !self.in_html {
            if text.trim().is_empty() {
                return Ok(());
            }
            return Err(unsupported("text outside <html>"));
        }
        let node = self.stack.last().unwrap();
        self.text.push_str(text);
        if !matches!(node.status, Status::Ignored | Status::Excluded)
            && let Some(ids) = &node.anchor_ids
        {
            for id in ids {
                self.anchor_content
                    .entry(id.clone())
                    .or_default()
                    .push_str(text);
            }
        }
        Ok(())
    }

    fn start(
        &mut self,
        tag: &'a str,
        attrs: &Attrs<'_, '_>,
        self_closing: bool,
    ) -> Result<(), Unsupported> {
        let in_svg = self.svg.is_some();
        if is_unmodelled(tag) || (in_svg && is_unmodelled_in_svg(tag)) {
            return Err(unsupported(&format!("<{tag}>")));
        }
        if in_svg
            && let Some((name, _)) = attrs
                .0
                .iter()
                .find(|(n, _)| n.starts_with("data-pagefind-"))
        {
            return Err(unsupported(&format!("{name} in <svg>")));
        }
        if tag == "svg" && self_closing {
            return Err(unsupported("<svg/>"));
        }
        if let Some((name, _)) = attrs.0.iter().find(|(n, _)| {
            n.starts_with("data-pagefind-") && UNMODELLED_ATTRS.contains(&n.as_ref())
        }) {
            return Err(unsupported(name));
        }
        if tag == "html" {
            if self.in_html {
                return Err(unsupported("a second <html>"));
            }
            self.in_html = true;
            if let Some(lang) = attrs.get("lang") {
                self.language = Some(lang.to_lowercase());
            }
        } else if !self.in_html {
            return Err(unsupported(&format!("<{tag}> outside <html>")));
        }

        let ignore =
            attrs
                .get("data-pagefind-ignore")
                .map(|a| match a.to_ascii_lowercase().as_str() {
                    "" | "index" | "true" => Status::Ignored,
                    _ => Status::Excluded,
                });
        let status = if attrs.get("data-pagefind-body").is_some() {
            Status::Body
        } else {
            ignore.unwrap_or(Status::Indexing)
        };
        let meta = attrs
            .get("data-pagefind-meta")
            .map(|a| parse_attr_string(a, attrs));
        let element_id = attrs.get("id").map(|id| {
            id.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        });

        let mut anchor_id = None;
        if status != Status::Excluded
            && status != Status::Ignored
            && let Some(element_id) = element_id
        {
            let parent = self.stack.last().unwrap();
            if !(parent.status == Status::ParentOfBody
                && status != Status::Body
                && status != Status::ParentOfBody)
            {
                let n = self.anchor_counter;
                // The parent's text: it is the last open element.
                self.text
                    .push_str(&format!(" ___PAGEFIND_ANCHOR___{tag}:{n}:{element_id} "));
                anchor_id = Some(format!("{n}:{element_id}"));
                self.anchor_counter += 1;
            }
        }
        if status != Status::Excluded && tag == "br" {
            self.text.push(' ');
        }

        let parent = self.stack.last().unwrap();
        let mut anchor_ids = if parent.anchor_ids.is_some() && is_inline(tag) {
            parent.anchor_ids.clone()
        } else {
            None
        };
        if let Some(id) = anchor_id {
            anchor_ids.get_or_insert_with(Vec::new).push(id);
        }
        let mut node = Node {
            tag,
            start: self.text.len(),
            status: if parent.status == Status::Excluded {
                Status::Excluded
            } else {
                status
            },
            meta,
            anchor_ids,
        };

        if is_void(tag) || (in_svg && self_closing) {
            // No end tag: what Pagefind does for it right away.
            if node.status == Status::Excluded {
                return Ok(());
            }
            self.take_meta(&node);
            if tag == "img"
                && !self.meta.contains_key("auto_image")
                && (self.meta.contains_key("auto_title") || self.meta.contains_key("title"))
                && let Some(src) = attrs.get("src")
            {
                self.meta
                    .insert("auto_image".into(), normalize_content(src));
                if let Some(alt) = attrs.get("alt") {
                    self.meta
                        .insert("auto_image_alt".into(), normalize_content(alt));
                }
            }
            return Ok(());
        }
        if is_removed(tag) {
            node.status = Status::Ignored;
        }
        if tag == "svg" {
            self.svg = Some(self.stack.len());
        }
        self.stack.push(node);
        Ok(())
    }

    fn take_meta(&mut self, node: &Node) {
        for spec in node.meta.iter().flatten() {
            if let Some((name, value)) = attribute_pair(spec, &self.text[node.start..]) {
                self.meta.insert(name, value);
            }
        }
    }

    fn end(&mut self, tag: &str) -> Result<(), Unsupported> {
        let name_ok = self.stack.len() > 1 && self.stack.last().unwrap().tag == tag;
        if !name_ok {
            return Err(unsupported(&format!("a stray or misnested </{tag}>")));
        }
        let node = self.stack.pop().unwrap();
        if tag == "html" {
            self.in_html = false;
        }
        if self.svg == Some(self.stack.len()) {
            self.svg = None;
        }
        if !self.close(tag, &node) {
            self.text.truncate(node.start);
        }
        Ok(())
    }

    /// What Pagefind does at an end tag; whether the element's text goes
    /// on as its parent's.
    fn close(&mut self, tag: &str, node: &Node) -> bool {
        if node.status == Status::Excluded {
            return false;
        }
        self.take_meta(node);
        let value = &self.text[node.start..];
        if tag == "h1" && !self.meta.contains_key("auto_title") && !value.trim().is_empty() {
            self.meta
                .insert("auto_title".into(), normalize_content(value));
        }
        if tag == "title" && !self.meta.contains_key("auto_page_title") {
            self.meta
                .insert("auto_page_title".into(), normalize_content(value));
        }
        if node.status == Status::Ignored {
            return false;
        }
        let parent = self.stack.last_mut().unwrap();
        if parent.status == Status::ParentOfBody
            && node.status != Status::Body
            && node.status != Status::ParentOfBody
        {
            return false;
        }
        if is_sentence(tag) {
            let full_stop = self.text[node.start..]
                .chars()
                .last()
                .is_some_and(is_sentence_char);
            self.text.insert(node.start, ' ');
            self.text.push_str(if full_stop { ". " } else { " " });
        }
        let weight = match tag {
            "h1" => Some("7"),
            "h2" => Some("6"),
            "h3" => Some("5"),
            "h4" => Some("4"),
            "h5" => Some("3"),
            "h6" => Some("2"),
            _ => None,
        };
        if let Some(weight) = weight {
            self.text.insert_str(
                node.start,
                &[" ___PAGEFIND_AUTO_WEIGHT___", weight, " "].concat(),
            );
            self.text.push_str(" ___END_PAGEFIND_WEIGHT___ ");
        }
        // Its text is the end of its parent's already; a body's replaces
        // what its parent had before it.
        if matches!(node.status, Status::Body | Status::ParentOfBody) {
            if parent.status != Status::ParentOfBody {
                self.text.replace_range(parent.start..node.start, "");
            }
            parent.status = Status::ParentOfBody;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pagefind's own implementation, as the reference.
    fn normalize_by_regex(content: &str) -> String {
        static NEWLINES: LazyLock<Regex> = LazyLock::new(|| Regex::new("(\n|\r\n)+").unwrap());
        static TRIM: LazyLock<Regex> =
            LazyLock::new(|| Regex::new("^[\n\r\\s]+|[\n\r\\s]+$").unwrap());
        static SPACES: LazyLock<Regex> = LazyLock::new(|| Regex::new("\\s{2,}").unwrap());
        let content = html_escape::decode_html_entities(content);
        let content = TRIM.replace_all(&content, "");
        let content = NEWLINES.replace_all(&content, " ");
        let content = SPACES.replace_all(&content, " ");
        content.to_string()
    }

    #[test]
    fn normalize_content_matches_pagefinds_regexes() {
        let pieces = [
            "a", "b", " ", "  ", "\n", "\r\n", "\r", "\t", "\u{a0}", "&amp;", "&nbsp;", "&#39;",
            "\u{2003}", "x.", "\n\n", "\r\r\n", " \n",
        ];
        // Every sequence of up to four pieces.
        let mut cases = vec![String::new()];
        for _ in 0..4 {
            let mut next = Vec::new();
            for c in &cases {
                for p in pieces {
                    next.push(format!("{c}{p}"));
                }
            }
            cases.extend(next);
            cases.sort();
            cases.dedup();
        }
        for case in cases {
            assert_eq!(
                normalize_content(&case),
                normalize_by_regex(&case),
                "{case:?}"
            );
        }
    }

    fn page(body: &str) -> Page {
        read(&format!(
            "<!DOCTYPE html>\n<html lang=\"ID\"><head><title>T &amp; t</title>\
             <script type=\"application/ld+json\">{{\"a\":\"<b>\"}}</script></head>\n\
             <body><nav><h1>Menu</h1></nav>{body}<footer>F</footer></body></html>\n"
        ))
        .unwrap()
    }

    #[test]
    fn reads_the_body_with_pagefinds_markers() {
        let p = page(
            "<main id=\"main\"><article data-pagefind-body><h1>Judul <i>x</i></h1>\
             <p>Satu<br>dua</p><ul><li>a</li><li>b &amp; c</li></ul>\
             <nav data-pagefind-ignore>lain</nav><div data-pagefind-ignore=\"all\">\
             <span data-pagefind-meta=\"hidden\">h</span></div>\
             <h2 id=\"sec\">Bagian <a href=\"#\">dua</a></h2>\
             <time data-pagefind-meta=\"date\">5 Mei</time></article><p>after</p></main>",
        );
        assert_eq!(p.language, "id");
        assert!(p.has_custom_body);
        assert_eq!(
            p.digest,
            "___PAGEFIND_AUTO_WEIGHT___7 Judul x. ___END_PAGEFIND_WEIGHT___ Satu dua. a. b & c. \
             ___PAGEFIND_ANCHOR___h2:1:sec ___PAGEFIND_AUTO_WEIGHT___6 Bagian dua. \
             ___END_PAGEFIND_WEIGHT___ 5 Mei."
        );
        // The first <h1> of the page, even in an ignored <nav>.
        assert_eq!(p.meta["title"], "Menu");
        assert_eq!(p.meta["date"], "5 Mei");
        assert!(!p.meta.contains_key("hidden"));
        assert_eq!(p.anchor_content["1:sec"], "Bagian dua");
    }

    #[test]
    fn refuses_what_it_does_not_model() {
        for html in [
            "<html><body><math></math></body></html>",
            "<html><body><svg><p>x</p></svg></body></html>",
            "<html><body><svg><foreignObject></foreignObject></svg></body></html>",
            "<html><body><svg><style>a{}</style></svg></body></html>",
            "<html><body><svg><g data-pagefind-meta=\"x\"></g></svg></body></html>",
            "<html><body><svg/></body></html>",
            "<html><body><p>a<p>b</body></html>",
            "<html><body><div data-pagefind-filter=\"x\"></div></body></html>",
            "<html><body><DIV></DIV></body></html>",
            "<html><body></p></body></html>",
            "<html><body></ p></body></html>",
            "<html><body>",
        ] {
            assert!(read(html).is_err(), "{html}");
        }
    }
}
