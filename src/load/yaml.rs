//! Turning YAML text into typed records, and serde_yaml's errors into
//! [`Problem`]s that say expected and found.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser};
use serde::de::DeserializeOwned;

use crate::model::Origin;
use crate::problem::{FieldPath, Position, Problem};

/// Deepest nesting of lists and mappings a content file may use. The
/// deepest record (a figure's share parts) needs five levels.
pub const MAX_DEPTH: usize = 32;

/// How many nodes aliases (`*name`) may add to a file once expanded. A
/// few aliases cost nothing; nested ones grow exponentially ("billion
/// laughs") and are refused long before they cost memory.
pub const MAX_ALIASED_NODES: u64 = 10_000;

/// Deserialises one document, or describes why it cannot be.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &Origin) -> Result<T, Problem> {
    guard(text, origin)?;
    serde_yaml::from_str(text).map_err(|e| Problem::from_serde(&e, origin))
}

/// Refuses, with line and column, YAML that is nested too deeply or whose
/// aliases expand too far, before serde_yaml sees it: libyaml's scanner
/// takes time quadratic in the nesting depth (an 8 MiB file of `[` would
/// take hours), and serde_yaml names no line for its repetition limit.
/// saphyr-parser streams events in linear time, and this pass stops at the
/// first level too deep. Syntax errors are left to serde_yaml, which
/// describes them the way the rest of the report does.
pub fn guard(text: &str, origin: &Origin) -> Result<(), Problem> {
    if surely_shallow(text) {
        return Ok(());
    }
    let at = |m: &Marker| Position {
        line: m.line() + origin.line_offset,
        column: m.col() + 1,
    };
    let too_deep = |m: &Marker| {
        Problem::new(origin, FieldPath::root(), "YAML nested too deeply")
            .expected(format!(
                "at most {MAX_DEPTH} levels of lists and mappings (records need fewer than 10)"
            ))
            .found(format!("more than {MAX_DEPTH} levels"))
            .at(at(m))
    };
    // Expanded size of each anchored node, in nodes.
    let mut sizes: HashMap<usize, u64> = HashMap::new();
    // Open lists and mappings: their anchor and the node count at their start.
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut nodes: u64 = 0;
    let mut aliased: u64 = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(x) => x,
            Err(e) if e.info().contains("recursion limit") => return Err(too_deep(e.marker())),
            Err(_) => return Ok(()),
        };
        match event {
            Event::Scalar(_, _, anchor, _) => {
                nodes += 1;
                if anchor > 0 {
                    sizes.insert(anchor, 1);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                nodes += 1;
                open.push((anchor, nodes));
                if open.len() > MAX_DEPTH {
                    return Err(too_deep(&span.start));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = open.pop()
                    && anchor > 0
                {
                    sizes.insert(anchor, nodes - start + 1);
                }
            }
            Event::Alias(id) => {
                let n = sizes.get(&id).copied().unwrap_or(1);
                nodes = nodes.saturating_add(n);
                aliased = aliased.saturating_add(n);
                if aliased > MAX_ALIASED_NODES {
                    return Err(Problem::new(
                        origin,
                        FieldPath::root(),
                        "YAML aliases expand too far",
                    )
                    .expected(format!(
                        "aliases (`*name`) that repeat at most {MAX_ALIASED_NODES} values in all; write the values out"
                    ))
                    .found(format!("more than {MAX_ALIASED_NODES} values once expanded"))
                    .at(at(&span.start)));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether `text` can be neither too deep nor alias-expanded, without
/// parsing it: it has no alias (`*`), and fewer characters that can open
/// a list or mapping than [`MAX_DEPTH`]. Every list or mapping open at
/// once starts with its own such character: `[` or `{` (flow), `- ` (a
/// block list's first entry), `:` (a mapping's first key) or `? ` (an
/// explicit key). A front matter of a dozen fields is surely shallow;
/// the full parse is for the rest.
fn surely_shallow(text: &str) -> bool {
    let b = text.as_bytes();
    if memchr::memchr(b'*', b).is_some() {
        return false;
    }
    let flow_or_keys = memchr::memchr3_iter(b'[', b'{', b':', b)
        .take(MAX_DEPTH)
        .count();
    let entries = memchr::memchr2_iter(b'-', b'?', b)
        .filter(|&i| b.get(i + 1).is_none_or(u8::is_ascii_whitespace))
        .take(MAX_DEPTH)
        .count();
    flow_or_keys + entries < MAX_DEPTH
}

/// What a list file held: the good entries with their index, the
/// problems of the bad ones, and the `id`/`code` of each bad entry (so
/// that references to it are not reported a second time).
pub struct ListParse<T> {
    pub ok: Vec<(usize, T)>,
    pub problems: Vec<Problem>,
    pub unloaded: Vec<String>,
}

/// Deserialises a list file one entry at a time, so that one bad entry
/// does not hide the problems of the others.
pub fn parse_list<T: DeserializeOwned>(text: &str, origin: &Origin) -> ListParse<T> {
    let mut out = ListParse {
        ok: Vec::new(),
        problems: Vec::new(),
        unloaded: Vec::new(),
    };
    if let Err(p) = guard(text, origin) {
        out.problems.push(p);
        return out;
    }
    let items: Vec<serde_yaml::Value> = match serde_yaml::from_str(text) {
        Ok(serde_yaml::Value::Sequence(items)) => items,
        Ok(serde_yaml::Value::Null) => Vec::new(),
        Ok(other) => {
            let p = Problem::new(origin, FieldPath::root(), "this file must hold a list")
                .expected("a YAML list of entries, each starting with `- `")
                .found(kind_of(&other));
            out.problems.push(p);
            return out;
        }
        Err(e) => {
            out.problems.push(Problem::from_serde(&e, origin));
            return out;
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        let key = ["id", "code"]
            .iter()
            .find_map(|k| item.get(k).and_then(|v| v.as_str()).map(str::to_string));
        match T::deserialize(&item) {
            Ok(v) => out.ok.push((i, v)),
            Err(e) => {
                out.unloaded.extend(key);
                // A value carries no path: deserialise the entry again from
                // its own text, whose errors name the field.
                let e = serde_yaml::to_string(&item)
                    .ok()
                    .and_then(|t| serde_yaml::from_str::<T>(&t).err())
                    .unwrap_or(e);
                // Values carry no positions: locate the entry's field later.
                let entry = Origin {
                    index: Some(i),
                    ..origin.clone()
                };
                let mut p = Problem::from_serde(&e, &entry);
                p.position = None;
                out.problems.push(p);
            }
        }
    }
    out
}

fn kind_of(v: &serde_yaml::Value) -> &'static str {
    match v {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_text_skips_the_full_guard_and_deep_text_does_not() {
        let front = "title: \"A: b\"\ndate: 2020-08-05\ntags:\n  - gnn-asn\n  - pilkada-2020\nsources: [a-2020]\n";
        assert!(surely_shallow(front));
        let origin = Origin::file("x.yaml");
        // Whatever the shortcut lets through, the full guard lets through.
        for depth in [MAX_DEPTH / 2, MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1] {
            for text in [
                format!("{}x{}", "[".repeat(depth), "]".repeat(depth)),
                (0..depth)
                    .map(|i| format!("{}k:\n", "  ".repeat(i)))
                    .collect::<String>(),
                (0..depth)
                    .map(|i| format!("{}-\n", "  ".repeat(i)))
                    .collect(),
                "- ".repeat(depth),
            ] {
                if surely_shallow(&text) {
                    assert!(guard(&text, &origin).is_ok(), "{text}");
                }
            }
            assert!(!surely_shallow(&"[".repeat(depth + MAX_DEPTH)));
        }
        assert!(
            !surely_shallow("a: &x [1]\nb: *x\n"),
            "aliases always take the full guard"
        );
    }
}
