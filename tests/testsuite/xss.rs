//! No script gets through: the common XSS payloads, fed through every
//! field that reaches a page, come out escaped or removed in every output
//! file; the fields that must be identifiers or addresses refuse them.

use std::path::Path;

use crate::common::{self, Scratch};
use serde_yaml::Value;

/// The payloads, joined: each would run script if it reached a page raw.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "'><svg onload=alert(1)>",
    "</script><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)></iframe>",
    "javascript:alert(1)",
    "\" onmouseover=\"alert(1)\" x=\"",
    "' onfocus='alert(1)' autofocus='",
    "<a href=\"javascript:alert(1)\">x</a>",
    "]]><script>alert(1)</script><![CDATA[",
    "<!--<script>alert(1)//-->",
    "{{ 7*7 }}{% raw %}",
];

fn payload(marker: &str) -> String {
    format!("{marker} {}", PAYLOADS.join(" "))
}

/// Markdown that tries every way to smuggle script through a body. Its
/// images point elsewhere (and lose their `src`): a relative `src=x` would
/// be refused as a broken link before any scan. Relative look-alikes such
/// as `java&#x09;script:` are covered by the unit tests of `markdown`.
const BODY: &str = r#"

<script>alert(1)</script>

"><img src=https://x.invalid/ onerror=alert(1)>

<svg onload=alert(1)><circle r=1 /></svg>

</script><script>alert(1)</script>

<iframe src=javascript:alert(1)></iframe>

XSS-body [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1))
[d](&#106;avascript:alert(1)) <javascript:alert(1)> [e](vbscript:msgbox(1))
[f](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [g][r]
![h](javascript:alert(1)) ![i](x" onerror="alert(1)) ![j](https://tracker.example/p.gif)

[r]: javascript:alert(1)

<a href="javascript:alert(1)" onclick="alert(1)">a</a> <b onmouseover=alert(1)>b</b>
<a href=" &#14;javascript:alert(1)">k</a> <a href="jav&#x0A;ascript:alert(1)">l</a>

<math><mtext><table><mglyph><style><img src=https://x.invalid/ onerror=alert(1)></style></mglyph></table></mtext></math>

<form action="javascript:alert(1)"><button formaction=javascript:alert(1)>x</button><input onfocus=alert(1) autofocus></form>

<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">

<meta http-equiv="refresh" content="0;url=javascript:alert(1)">

<base href="javascript:alert(1)//">

<div style="background:url(javascript:alert(1))" class="site-header">s</div>

<table><tr><td style="position:fixed;top:0">t</td></tr></table>

<details open ontoggle=alert(1)><summary>x</summary></details>

<noscript><p title="</noscript><img src=https://x.invalid/ onerror=alert(1)>"></noscript>

Footnote[^x"><script>alert(1)</script>].

[^x"><script>alert(1)</script>]: note <img src=https://x.invalid/ onerror=alert(1)>
"#;

/// Prefixes the payload to every string under the listed keys (a plain
/// string, or each language of a localised text), anywhere in `v`.
fn poison(v: &mut Value, keys: &[&str], marker: &str) {
    match v {
        Value::Mapping(m) => {
            for (k, x) in m.iter_mut() {
                let hit = k.as_str().is_some_and(|k| keys.contains(&k));
                match x {
                    Value::String(s) if hit => *s = format!("{} {s}", payload(marker)),
                    Value::Mapping(langs) if hit => {
                        for (_, t) in langs.iter_mut() {
                            if let Value::String(s) = t {
                                *s = format!("{} {s}", payload(marker));
                            }
                        }
                    }
                    _ => poison(x, keys, marker),
                }
            }
        }
        Value::Sequence(items) => items.iter_mut().for_each(|x| poison(x, keys, marker)),
        _ => {}
    }
}

fn poison_file(s: &Scratch, rel: &str, keys: &[&str], marker: &str) {
    let mut v: Value = serde_yaml::from_str(&s.read(rel)).unwrap();
    poison(&mut v, keys, marker);
    s.write(rel, &serde_yaml::to_string(&v).unwrap());
}

fn poison_press(s: &Scratch, rel: &str, marker: &str) {
    let text = s.read(rel);
    let rest = text.strip_prefix("---\n").unwrap();
    let (fm, body) = rest.split_once("\n---\n").unwrap();
    let mut v: Value = serde_yaml::from_str(fm).unwrap();
    poison(&mut v, &["title", "summary"], marker);
    let fm = serde_yaml::to_string(&v).unwrap();
    s.write(rel, &format!("---\n{fm}---\n{body}{BODY}"));
}

/// The shipped content plus the synthetic cases, with a payload in every
/// text field that reaches a page, each marked so the test can see it
/// arrived.
fn hostile_site() -> (Scratch, Vec<&'static str>) {
    let s = Scratch::new().with_cases();
    let mut markers = vec![];
    let mut at = |rel: &str, keys: &[&str], marker: &'static str| {
        poison_file(&s, rel, keys, marker);
        markers.push(marker);
    };
    at(
        "site.yaml",
        &["title", "description", "publisher"],
        "XSS-site",
    );
    at(
        "sources.yaml",
        &["outlet", "title", "place", "archive"],
        "XSS-source",
    );
    for f in std::fs::read_dir(s.content().join("figures")).unwrap() {
        let name = f.unwrap().file_name().into_string().unwrap();
        at(
            &format!("figures/{name}"),
            &["title", "note", "compiled_by"],
            "XSS-figure",
        );
    }
    for v in common::VOCABULARIES {
        at(
            &format!("vocab/{v}.yaml"),
            &["label", "short", "description"],
            "XSS-vocab",
        );
    }
    for c in ["t-0001", "t-0002", "t-0003"] {
        at(
            &format!("cases/{c}.yaml"),
            &["agency", "summary"],
            "XSS-case",
        );
    }
    for p in std::fs::read_dir(s.content().join("press")).unwrap() {
        let name = p.unwrap().file_name().into_string().unwrap();
        poison_press(&s, &format!("press/{name}"), "XSS-press");
    }
    markers.push("XSS-press");
    markers.push("XSS-body");
    markers.sort();
    markers.dedup();
    (s, markers)
}

/// One start tag: its name, attributes (values entity-decoded) and, for
/// `<script>` and `<style>`, the text up to its end tag.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

/// A small, deliberately paranoid HTML/XML tokenizer: every `<` followed
/// by a letter starts a tag, whatever the context, so anything a browser
/// might read as a tag is checked.
fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let a = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"=>/".contains(&b[i]) {
                i += 1;
            }
            let attr = html[a..i].to_ascii_lowercase();
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    let e = html[i + 1..].find(q as char).map_or(b.len(), |e| i + 1 + e);
                    value = html[i + 1..e].to_string();
                    i = e + 1;
                } else {
                    let a = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[a..i].to_string();
                }
            }
            attrs.push((attr, decode(&value)));
        }
        let mut text = String::new();
        if name == "script" || name == "style" {
            let lower = html[i.min(b.len())..].to_ascii_lowercase();
            let end = lower.find(&format!("</{name}")).unwrap_or(lower.len());
            text = html[i..i + end].to_string();
            i += end;
        }
        out.push(Tag { name, attrs, text });
    }
    out
}

/// Decodes the character references a browser would in an attribute.
fn decode(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e < 12);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let c = match ent {
            "quot" => Some('"'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "srcset",
    "xlink:href",
    "background",
    "cite",
    "longdesc",
    "manifest",
    "ping",
    "codebase",
];

/// Everything in `text` that would run script, as readable findings.
fn executable(text: &str, allow_iframe: bool) -> Vec<String> {
    let mut found = Vec::new();
    for t in tags(text) {
        let attr = |n: &str| {
            t.attrs
                .iter()
                .find(|(a, _)| a == n)
                .map(|(_, v)| v.as_str())
        };
        match t.name.as_str() {
            "script" => {
                let json_ld = attr("type") == Some("application/ld+json");
                let own_file = attr("src").is_some_and(|s| {
                    !s.contains(':') && !s.starts_with("//") && t.text.trim().is_empty()
                });
                if !json_ld && !own_file {
                    found.push(format!("<script> {:?}", t.attrs));
                }
                if t.text.contains('<') {
                    found.push(format!("`<` inside <script>: {:?}", t.text));
                }
            }
            "iframe" if allow_iframe => {}
            "iframe" | "frame" | "frameset" | "object" | "embed" | "applet" | "base" | "form"
            | "portal" => found.push(format!("<{}>", t.name)),
            "meta" if attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) => {
                found.push("<meta http-equiv=refresh>".into())
            }
            _ => {}
        }
        for (a, v) in &t.attrs {
            if a.starts_with("on") {
                found.push(format!("<{} {a}={v:?}>", t.name));
            }
            let squashed: String = v
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if URL_ATTRS.contains(&a.as_str())
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| squashed.starts_with(s) || squashed.contains(&format!(",{s}")))
            {
                found.push(format!("<{} {a}={v:?}>", t.name));
            }
            if a == "style" && (squashed.contains("url(") || squashed.contains("expression(")) {
                found.push(format!("<{} style={v:?}>", t.name));
            }
        }
    }
    found
}

/// The embed snippets shown on a page, decoded: what a reader copies into
/// their own site must be as safe as the page.
fn embed_snippets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(p) = rest.find("<pre><code>&lt;iframe") {
        let code = &rest[p + "<pre><code>".len()..];
        let end = code.find("</code>").unwrap();
        out.push(decode(&code[..end]));
        rest = &code[end..];
    }
    out
}

fn scan_output(out: &Path) -> (Vec<String>, String) {
    let mut problems = Vec::new();
    let mut all_text = String::new();
    for e in walkdir::WalkDir::new(out) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let path = e.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !["html", "xml", "svg", "csv", "json", "txt"].contains(&ext) {
            continue;
        }
        let rel = path.strip_prefix(out).unwrap().display().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        if ["html", "xml", "svg"].contains(&ext) {
            for f in executable(&text, false) {
                problems.push(format!("{rel}: {f}"));
            }
            for snippet in embed_snippets(&text) {
                for f in executable(&snippet, true) {
                    problems.push(format!("{rel}: embed snippet: {f}"));
                }
                let iframes: Vec<Tag> = tags(&snippet);
                let ok = iframes.len() == 1
                    && iframes[0].name == "iframe"
                    && iframes[0]
                        .attrs
                        .iter()
                        .any(|(a, v)| a == "src" && v.starts_with("https://"));
                if !ok {
                    problems.push(format!("{rel}: embed snippet is not one iframe: {snippet}"));
                }
            }
        }
        all_text.push_str(&text);
    }
    (problems, all_text)
}

#[test]
fn the_scanner_sees_what_a_browser_would_run() {
    let bad = r#"<p>x</p><SCRIPT>alert(1)</SCRIPT><img src=x OnError=alert(1)>
<a href="&#106;avascript:alert(1)">a</a><a href=" java&#x09;script:x">b</a>
<iframe src=x></iframe><script type="application/ld+json">{"a":"</x>"}</script>
<div style="background:url(x)"></div><meta http-equiv="Refresh" content="0">"#;
    assert_eq!(
        executable(bad, false).len(),
        8,
        "{:#?}",
        executable(bad, false)
    );
    let good = r#"<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&lt;script&gt;</p>
<a href="https://example.org/?q=javascript:">x</a><script type="application/ld+json">{"a":"\u003c/script>"}</script>
<svg role="img"><title>&lt;svg onload=alert(1)&gt;</title></svg><td style="text-align: left">"#;
    assert!(
        executable(good, false).is_empty(),
        "{:#?}",
        executable(good, false)
    );
}

#[test]
fn no_payload_in_any_field_runs_in_any_output_file() {
    let (s, markers) = hostile_site();
    let out = s.build();
    assert!(
        out.status.success(),
        "the build should publish hostile text, escaped:\n{}",
        common::stderr(&out)
    );
    let (problems, all_text) = scan_output(&s.output());
    assert!(
        problems.is_empty(),
        "executable payloads survived:\n{}",
        problems.join("\n")
    );
    for m in markers {
        assert!(
            all_text.contains(m),
            "{m} reached no output file: the test would prove nothing"
        );
    }
    // The payload text itself is published, escaped, not silently dropped.
    assert!(all_text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    // Text is never read as a template.
    assert!(all_text.contains("{{ 7*7 }}{% raw %}"));
    // Labels reach the SVG drawings, escaped.
    let svg_with_label = walkdir::WalkDir::new(s.output())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "svg"))
        .any(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .contains("XSS-vocab &lt;script&gt;")
        });
    assert!(svg_with_label, "no SVG chart shows a poisoned label");
}

#[test]
fn json_ld_cannot_end_its_script_element() {
    let (s, _) = hostile_site();
    assert!(s.build().status.success());
    let mut seen = 0;
    for e in walkdir::WalkDir::new(s.output()) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        for t in tags(&html) {
            if t.name == "script" {
                seen += 1;
                assert!(!t.text.contains('<'), "{}: {}", e.path().display(), t.text);
                if t.text.contains("XSS-site") {
                    assert!(
                        t.text.contains("\\u003cscript"),
                        "the site title is not in the JSON-LD as expected: {}",
                        t.text
                    );
                }
            }
        }
    }
    assert!(seen > 0, "no JSON-LD found: the test would prove nothing");
}

fn refused(breakage: impl FnOnce(&Scratch), needles: &[&str]) {
    let s = Scratch::new();
    breakage(&s);
    let out = s.build();
    let err = common::stderr(&out);
    assert!(!out.status.success(), "build should fail:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!s.output().exists(), "a refused build wrote output");
    common::assert_has(&err, needles);
}

const PRESS: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";

#[test]
fn tags_must_be_slugs_so_a_payload_tag_is_refused() {
    refused(
        |s| {
            s.replace(
                PRESS,
                "  - gnn-asn\n",
                "  - \"<script>alert(1)</script>\"\n",
            )
        },
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "not a valid identifier",
            "tags[0]",
        ],
    );
    refused(
        |s| {
            s.replace(
                PRESS,
                "  - gnn-asn\n",
                "  - \"\\\"><svg onload=alert(1)>\"\n",
            )
        },
        &["not a valid identifier", "tags[0]"],
    );
}

#[test]
fn ids_and_codes_with_payloads_are_refused() {
    refused(
        |s| {
            s.replace(
                "sources.yaml",
                "id: tribunnews-2020-08-05",
                "id: \"tribunnews\\\"><script>alert(1)</script>\"",
            )
        },
        &["sources.yaml:", "not a valid identifier", "field:    id"],
    );
    refused(
        |s| {
            s.replace(
                "vocab/categories.yaml",
                "code: kampanye-medsos",
                "code: \"javascript:alert(1)\"",
            )
        },
        &["vocab/categories.yaml:", "not a valid identifier"],
    );
    refused(
        |s| {
            s.replace(
                "site.yaml",
                "press: press\n",
                "press: \"x\\\" onload=\\\"alert(1)\"\n",
            )
        },
        &["site.yaml:", "not a valid identifier", "paths.press"],
    );
}

#[test]
fn javascript_and_attribute_breaking_source_urls_are_refused() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "https://example.org/\\\"><script>alert(1)</script>",
        "https://example.org/' onmouseover='alert(1)",
        "https://exa mple.org/",
        "https:///evil.example/",
        "https://",
    ] {
        refused(
            |s| {
                s.replace(
                    "sources.yaml",
                    "  place: \"Jakarta\"\n",
                    &format!("  place: \"Jakarta\"\n  url: \"{url}\"\n"),
                )
            },
            &["sources.yaml:", "not a web address", "field:    url"],
        );
    }
    // A plain address is accepted and linked.
    let s = Scratch::new();
    s.replace(
        "sources.yaml",
        "  place: \"Jakarta\"\n",
        "  place: \"Jakarta\"\n  url: \"https://www.tribunnews.com/nasional/2020/08/05/x?a=1&b=2\"\n",
    );
    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn a_script_base_url_is_refused_from_the_file_and_the_command_line() {
    refused(
        |s| {
            s.replace(
                "site.yaml",
                "base_url: \"https://netra.example.org/\"",
                "base_url: \"javascript:alert(1)//\"",
            )
        },
        &["site.yaml:", "not an absolute URL"],
    );
    refused(
        |s| {
            s.replace(
                "site.yaml",
                "base_url: \"https://netra.example.org/\"",
                "base_url: \"https://netra.example.org/\\\"><script>alert(1)</script>/\"",
            )
        },
        &["site.yaml:", "not an absolute URL"],
    );
    let s = Scratch::new();
    let out = s.build_with(&["--base-url", "javascript:alert(1)//"]);
    assert!(!out.status.success(), "{}", common::stderr(&out));
    assert!(common::stderr(&out).contains("not an absolute URL"));
    assert!(!s.output().exists());
}
