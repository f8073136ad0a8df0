//! Reading the attributes of HTML the build wrote: every `href`, `src` and
//! `id`, and whether a link leaves the site.
//!
//! Both the Markdown stage (links and ids of a body, for messages with a
//! line) and the link check (links and ids of every built page) read HTML
//! this way; here, below both, so neither reaches into the other.

use std::borrow::Cow;
use std::collections::HashSet;

/// `&amp;` and friends back to characters, for comparing URLs and ids.
fn unescape(s: &str) -> String {
    unescaped(s).into_owned()
}

/// [`unescape`], borrowing when there is nothing to unescape (nearly
/// always).
fn unescaped(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    Cow::Owned(unescape_entities(s))
}

fn unescape_entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// What an [`attributes`] hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attr {
    /// `href` or `src`.
    Link,
    Id,
}

/// The attribute whose `=` is at `eq`, when it is one we read: its name
/// must follow whitespace, so that `data-id=` is not an id.
fn attribute_at(html: &[u8], eq: usize) -> Option<Attr> {
    let before = &html[..eq];
    [
        (&b"href"[..], Attr::Link),
        (b"src", Attr::Link),
        (b"id", Attr::Id),
    ]
    .into_iter()
    .find(|(name, _)| {
        before.ends_with(name)
            && before
                .len()
                .checked_sub(name.len() + 1)
                .is_some_and(|i| before[i].is_ascii_whitespace())
    })
    .map(|(_, a)| a)
}

/// Every `href="…"`, `src="…"` and `id="…"` of an HTML text, in order, as
/// (kind, byte offset of the value, raw value). Only real attributes: the
/// embed snippet shows an iframe as text (`&lt;iframe src=&quot;…`), which
/// is not one. Every page of a build goes through here (a regex took a
/// third of the build's time), so it jumps from quote to quote with
/// `memchr` and looks back at the name.
pub fn attributes(html: &[u8]) -> impl Iterator<Item = (Attr, usize, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let quote = at + memchr::memchr(b'"', html.get(at..)?)?;
            at = quote + 1;
            if quote == 0 || html[quote - 1] != b'=' {
                continue;
            }
            let Some(kind) = attribute_at(html, quote - 1) else {
                continue;
            };
            let start = quote + 1;
            let end = start + memchr::memchr(b'"', &html[start..])?;
            at = end + 1;
            return Some((kind, start, &html[start..end]));
        }
    })
}

/// An attribute's raw value as text, unescaped.
pub fn value(raw: &[u8]) -> String {
    borrowed_value(raw).into_owned()
}

/// [`value`], borrowing when there is nothing to unescape.
pub fn borrowed_value(raw: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(raw) {
        Ok(s) => unescaped(s),
        Err(_) => Cow::Owned(unescape(&String::from_utf8_lossy(raw))),
    }
}

/// Every `href` and `src` of an HTML text, unescaped, with its byte offset.
pub fn hrefs(html: &str) -> impl Iterator<Item = (usize, String)> + '_ {
    attributes(html.as_bytes())
        .filter(|(kind, ..)| *kind == Attr::Link)
        .map(|(_, at, raw)| (at, value(raw)))
}

/// Every element id of an HTML text.
pub fn ids(html: &str) -> HashSet<String> {
    attributes(html.as_bytes())
        .filter(|(kind, ..)| *kind == Attr::Id)
        .map(|(_, _, raw)| value(raw))
        .collect()
}

/// Whether a link leaves the site: it has a scheme (`https:`, `mailto:`)
/// or starts with `//`.
pub fn is_external(link: &str) -> bool {
    link.starts_with("//")
        || link.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_real_href_src_and_id_attributes() {
        let html = r#"<a href="a/?x=1&amp;y=2" data-id="no">t</a><p id="p1" class="k">x="y" id=z</p>
<img
src="i.png"><pre>&lt;iframe src=&quot;https://e/&quot;&gt;</pre><a data-href="no" href="">e</a><b id="last""#;
        let got: Vec<(Attr, String)> = attributes(html.as_bytes())
            .map(|(k, _, v)| (k, value(v)))
            .collect();
        assert_eq!(
            got,
            [
                (Attr::Link, "a/?x=1&y=2".to_string()),
                (Attr::Id, "p1".into()),
                (Attr::Link, "i.png".into()),
                (Attr::Link, "".into()),
                (Attr::Id, "last".into()),
            ]
        );
        let offsets: Vec<usize> = hrefs(html).map(|(at, _)| at).collect();
        assert_eq!(&html[offsets[1]..offsets[1] + 5], "i.png");
    }
}
