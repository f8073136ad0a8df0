//! The crate's top-level modules form no import cycle.
//!
//! DESIGN.md has the pipeline run one way, no stage reaching back. A cycle
//! between top-level modules is the first sign of a stage reaching back, and
//! rustc accepts it silently, so this test reads `src/` and looks for one.
//!
//! An edge A → B exists when any file of module A names `crate::B`, or climbs
//! out of A with `super::` and names B. Comments and literals are skipped, so
//! doc links and strings do not count.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Path,
    Open,
    Close,
    Comma,
    Other,
}

/// Splits Rust source into the few tokens the graph needs, dropping
/// comments, strings, chars and lifetimes.
fn tokens(src: &str) -> Vec<Token> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if src[i..].starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if src[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if src[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if let Some(len) = raw_string(&src[i..]) {
            i += len;
        } else if c == b'"' || (c == b'b' && b.get(i + 1) == Some(&b'"')) {
            i += if c == b'b' { 2 } else { 1 };
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == b'\'' {
            // A char literal ends with a quote within a few bytes; a
            // lifetime does not.
            let rest = &src[i + 1..];
            let end = if rest.starts_with('\\') {
                rest[2..].find('\'').map(|n| n + 3)
            } else {
                rest.chars()
                    .next()
                    .filter(|ch| rest[ch.len_utf8()..].starts_with('\''))
                    .map(|ch| ch.len_utf8() + 1)
            };
            i += 1 + end.unwrap_or(0);
        } else if c == b'_' || c.is_ascii_alphabetic() {
            let start = i;
            while i < b.len() && (b[i] == b'_' || b[i].is_ascii_alphanumeric()) {
                i += 1;
            }
            out.push(Token::Ident(src[start..i].to_owned()));
        } else if src[i..].starts_with("::") {
            out.push(Token::Path);
            i += 2;
        } else {
            out.push(match c {
                b'{' => Token::Open,
                b'}' => Token::Close,
                b',' => Token::Comma,
                _ => Token::Other,
            });
            i += if c.is_ascii() {
                1
            } else {
                src[i..].chars().next().unwrap().len_utf8()
            };
        }
    }
    out
}

/// The length of a raw string literal (`r"…"`, `r#"…"#`, `br#"…"#`) at the
/// start of `s`.
fn raw_string(s: &str) -> Option<usize> {
    let body = s.strip_prefix("br").or_else(|| s.strip_prefix('r'))?;
    let hashes = body.len() - body.trim_start_matches('#').len();
    let body = body[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close)?;
    Some(s.len() - body.len() + end + close.len())
}

fn ident(t: Option<&Token>) -> Option<&str> {
    match t {
        Some(Token::Ident(s)) => Some(s),
        _ => None,
    }
}

/// The top-level modules named after a path that starts at the crate root,
/// `tokens` starting just after its `::`: `a` for `a::x`, `a` and `b` for
/// `{a::x, b::{y, z}}`.
fn named(tokens: &[Token]) -> Vec<String> {
    if let Some(name) = ident(tokens.first()) {
        return vec![name.to_owned()];
    }
    let mut names = Vec::new();
    if tokens.first() != Some(&Token::Open) {
        return names;
    }
    let (mut depth, mut expect) = (0, true);
    for t in tokens {
        match t {
            Token::Open => {
                depth += 1;
                expect = depth == 1;
            }
            Token::Close => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Token::Comma if depth == 1 => expect = true,
            Token::Ident(s) if expect => {
                names.push(s.clone());
                expect = false;
            }
            _ => expect = false,
        }
    }
    names
}

/// The top-level modules one file of module `depth` levels deep names.
fn edges(src: &str, depth: usize) -> BTreeSet<String> {
    let t = tokens(src);
    let mut out = BTreeSet::new();
    // Brace depths at which inline `mod x {` blocks opened.
    let mut inline: Vec<usize> = Vec::new();
    let mut braces = 0;
    let mut i = 0;
    while i < t.len() {
        match &t[i] {
            Token::Open => {
                let opens_mod = i >= 2 && ident(t.get(i - 2)) == Some("mod");
                braces += 1;
                if opens_mod {
                    inline.push(braces);
                }
            }
            Token::Close => {
                if inline.last() == Some(&braces) {
                    inline.pop();
                }
                braces -= 1;
            }
            Token::Ident(s) if s == "crate" && t.get(i + 1) == Some(&Token::Path) => {
                let before = i.checked_sub(1).map(|p| &t[p]);
                if before != Some(&Token::Path) {
                    out.extend(named(&t[i + 2..]));
                }
            }
            Token::Ident(s) if s == "super" && (i == 0 || t[i - 1] != Token::Path) => {
                let mut j = i;
                let mut climbs = 0;
                while ident(t.get(j)) == Some("super") && t.get(j + 1) == Some(&Token::Path) {
                    climbs += 1;
                    j += 2;
                }
                if climbs == depth + inline.len() {
                    out.extend(named(&t[j..]));
                }
                i = j.max(i + 1);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level module → the top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        let parts: Vec<&str> = rel.iter().map(|p| p.to_str().unwrap()).collect();
        // The crate root and the binary are not modules of the library.
        if parts == ["lib.rs"] || parts == ["main.rs"] {
            continue;
        }
        let top = parts[0].trim_end_matches(".rs").to_owned();
        let depth = parts.len() - usize::from(parts.last() == Some(&"mod.rs"));
        let text = std::fs::read_to_string(&file).unwrap();
        let named = edges(&text, depth);
        let set = graph.entry(top.clone()).or_default();
        set.extend(named.into_iter().filter(|n| *n != top));
    }
    let modules: BTreeSet<String> = graph.keys().cloned().collect();
    for set in graph.values_mut() {
        set.retain(|n| modules.contains(n));
    }
    graph
}

/// One cycle in `graph`, its modules in order, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        stack: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        marks.insert(node, Mark::Open);
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            match marks.get(next.as_str()).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|n| n == next).unwrap();
                    let mut found: Vec<String> =
                        stack[from..].iter().map(|n| n.to_string()).collect();
                    found.push(next.clone());
                    return Some(found);
                }
                Mark::New => {
                    if let Some(found) = visit(next, graph, marks, stack) {
                        return Some(found);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node.as_str()).copied().unwrap_or(Mark::New) == Mark::New {
            let mut stack = Vec::new();
            if let Some(found) = visit(node, graph, &mut marks, &mut stack) {
                return Some(found);
            }
        }
    }
    None
}

#[test]
fn top_level_modules_have_no_import_cycle() {
    let graph = graph();
    assert!(graph.len() > 10, "read too few modules: {graph:?}");
    if let Some(found) = cycle(&graph) {
        panic!("import cycle: {}", found.join(" → "));
    }
}

#[test]
fn the_scanner_sees_each_kind_of_path() {
    let src = r#"
        use crate::{a::X, b::{self, Y}};
        use crate::c;
        // use crate::commented;
        const S: &str = "crate::quoted";
        fn f<'a>(x: &'a str) -> char { let _ = crate::d::g(); '"' }
        mod tests { use super::super::e; use super::inside; }
        fn g() { super::f::h(); }
    "#;
    let found: Vec<String> = edges(src, 1).into_iter().collect();
    assert_eq!(found, ["a", "b", "c", "d", "e", "f"]);
}

#[test]
fn a_cycle_is_named_in_order() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph.entry(from.into()).or_default().insert(to.into());
        graph.entry(to.into()).or_default();
    }
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    graph.get_mut("c").unwrap().remove("a");
    assert_eq!(cycle(&graph), None);
}
