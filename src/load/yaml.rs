//! Turning YAML text into typed records, and serde_yaml's errors into
//! [`Problem`]s that say expected and found.

use std::collections::HashMap;

use saphyr_parser::{Event, Marker, Parser};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::message::{Message, Shape};
use crate::model::Origin;
use crate::problem::{FieldPath, Position, Problem, Segment};

/// Deepest nesting of lists and mappings a content file may use. The
/// deepest record (a figure's share parts) needs five levels.
pub const MAX_DEPTH: usize = 32;

/// How many nodes aliases (`*name`) may add to a file once expanded. A
/// few aliases cost nothing; nested ones grow exponentially ("billion
/// laughs") and are refused long before they cost memory.
pub const MAX_ALIASED_NODES: u64 = 10_000;

/// What [`parse_all`] made of a document.
pub struct Parsed<T> {
    /// The record; when there are problems, with placeholders in place of
    /// the values at `repaired`, so the rules that run after loading can
    /// still look at the rest of it.
    pub value: Option<T>,
    pub problems: Vec<Problem>,
    /// Fields whose value was refused and replaced (or removed).
    pub repaired: Vec<FieldPath>,
}

/// Problems reported for one document at most: past this, a file is more
/// wrong than right, and the list would only bury the first ones.
pub const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Deserialises one document and, when it fails, keeps going: serde stops
/// at the first error, so the refused field is removed (an unknown field)
/// or given a placeholder of a kind the type accepts (a wrong value, a
/// missing field) and the document deserialised again, until it passes.
/// Every problem met on the way is reported; the first with serde's own
/// position, the later ones located from their field path when printed
/// (the text they were found in is the repaired one, not the file).
pub fn parse_all<T: DeserializeOwned>(text: &str, origin: &Origin) -> Parsed<T> {
    let fail = |p| Parsed {
        value: None,
        problems: vec![p],
        repaired: Vec::new(),
    };
    if let Err(p) = guard(text, origin) {
        return fail(p);
    }
    let first = match serde_yaml::from_str::<T>(text) {
        Ok(value) => {
            return Parsed {
                value: Some(value),
                problems: Vec::new(),
                repaired: Vec::new(),
            };
        }
        Err(e) => Problem::from_serde(&e, origin),
    };
    // A syntax error leaves no tree to repair.
    let Ok(mut tree) = serde_yaml::from_str::<Value>(text) else {
        return fail(first);
    };
    let mut out = Parsed {
        value: None,
        problems: vec![first],
        repaired: Vec::new(),
    };
    while out.problems.len() < MAX_PROBLEMS_PER_FILE {
        let last = out.problems.last().expect("one problem at least");
        let path = last.field.clone();
        if path.0.is_empty() || out.repaired.contains(&path) {
            break;
        }
        let Some(next) = repair::<T>(&mut tree, &path, last.typed.as_ref()) else {
            break;
        };
        out.repaired.push(path);
        match next {
            Ok(value) => {
                out.value = Some(value);
                break;
            }
            Err(e) => {
                let mut p = Problem::from_serde(&e, origin);
                p.position = None;
                out.problems.push(p);
            }
        }
    }
    out
}

/// Values tried in place of a refused one, in order: one of them suits
/// each kind of field a record has (text and dates, numbers, flags,
/// lists, mappings, optional values).
fn placeholders() -> [Value; 7] {
    [
        Value::String("2000-01-01".into()),
        Value::Number(0.into()),
        Value::Bool(false),
        Value::Sequence(Vec::new()),
        Value::Mapping(serde_yaml::Mapping::new()),
        Value::Null,
        Value::String("x".into()),
    ]
}

/// Removes or replaces the field at `path` of `tree` as `why` calls for,
/// and deserialises the result: `None` when nothing could be done, or
/// when every placeholder is refused at the same field again.
fn repair<T: DeserializeOwned>(
    tree: &mut Value,
    path: &FieldPath,
    why: Option<&Message>,
) -> Option<Result<T, serde_yaml::Error>> {
    let (last, parent) = path.0.split_last()?;
    let deserialise = |tree: &Value| {
        // A value carries no path: its text does.
        let text = serde_yaml::to_string(tree).ok()?;
        Some(serde_yaml::from_str::<T>(&text))
    };
    match why? {
        Message::UnknownField { closest, .. } | Message::PersonalField { name: closest } => {
            let Segment::Key(k) = last else { return None };
            let map = at(tree, parent)?.as_mapping_mut()?;
            let value = map.remove(k.as_str())?;
            // A misspelt name keeps its value under the name it was meant
            // to have, so the field is not also reported missing.
            if matches!(why, Some(Message::UnknownField { .. }))
                && !closest.is_empty()
                && !map.contains_key(closest.as_str())
            {
                map.insert(Value::String(closest.clone()), value);
            }
            deserialise(tree)
        }
        Message::MissingField { .. }
        | Message::WrongType { .. }
        | Message::InvalidValue { .. }
        | Message::ImpossibleDate { .. }
        | Message::DateShape { .. } => {
            for candidate in placeholders() {
                set(tree, parent, last, candidate)?;
                let result = deserialise(tree)?;
                let moved_on = match &result {
                    Ok(_) => true,
                    Err(e) => {
                        let field = Problem::from_serde(e, &Origin::file("")).field.clone();
                        !field.0.starts_with(&path.0)
                    }
                };
                if moved_on {
                    return Some(result);
                }
            }
            None
        }
        _ => None,
    }
}

/// The value at `path` inside `tree`.
fn at<'a>(tree: &'a mut Value, path: &[Segment]) -> Option<&'a mut Value> {
    path.iter().try_fold(tree, |node, seg| match seg {
        Segment::Key(k) => node.as_mapping_mut()?.get_mut(k.as_str()),
        Segment::Index(i) => node.as_sequence_mut()?.get_mut(*i),
    })
}

/// Puts `value` at `last` of the mapping or list at `parent`.
fn set(tree: &mut Value, parent: &[Segment], last: &Segment, value: Value) -> Option<()> {
    let node = at(tree, parent)?;
    match last {
        Segment::Key(k) => {
            node.as_mapping_mut()?
                .insert(Value::String(k.clone()), value);
        }
        Segment::Index(i) => *node.as_sequence_mut()?.get_mut(*i)? = value,
    }
    Some(())
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
        Problem::msg(
            origin,
            FieldPath::root(),
            Message::NestedTooDeep { max: MAX_DEPTH },
        )
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
                    return Err(Problem::msg(
                        origin,
                        FieldPath::root(),
                        Message::AliasesTooFar {
                            max: MAX_ALIASED_NODES,
                        },
                    )
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
            let p = Problem::msg(
                origin,
                FieldPath::root(),
                Message::NotAList {
                    found: kind_of(&other),
                },
            );
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
                // Values carry no positions: locate the entry's field later.
                let entry = Origin {
                    index: Some(i),
                    ..origin.clone()
                };
                // A value carries no path: deserialise the entry again from
                // its own text, whose errors name the field.
                let found = serde_yaml::to_string(&item)
                    .map(|t| parse_all::<T>(&t, &entry).problems)
                    .unwrap_or_default();
                let found = if found.is_empty() {
                    vec![Problem::from_serde(&e, &entry)]
                } else {
                    found
                };
                for mut p in found {
                    p.position = None;
                    out.problems.push(p);
                }
            }
        }
    }
    out
}

fn kind_of(v: &serde_yaml::Value) -> Shape {
    match v {
        serde_yaml::Value::Null => Shape::Nothing,
        serde_yaml::Value::Bool(_) => Shape::Boolean,
        serde_yaml::Value::Number(_) => Shape::Number,
        serde_yaml::Value::String(_) => Shape::Text,
        serde_yaml::Value::Sequence(_) => Shape::List,
        serde_yaml::Value::Mapping(_) => Shape::Mapping,
        serde_yaml::Value::Tagged(_) => Shape::Tagged,
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
