//! Turning YAML text into typed records, and serde_yaml's errors into
//! [`Problem`]s that say expected and found.

use serde::de::DeserializeOwned;

use crate::model::Origin;
use crate::problem::{FieldPath, Position, Problem};

/// Deserialises one document, or describes why it cannot be.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &Origin) -> Result<T, Problem> {
    serde_yaml::from_str(text).map_err(|e| problem_from_serde(&e, origin))
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
            out.problems.push(problem_from_serde(&e, origin));
            return out;
        }
    };
    for (i, item) in items.into_iter().enumerate() {
        let key = ["id", "code"]
            .iter()
            .find_map(|k| item.get(k).and_then(|v| v.as_str()).map(str::to_string));
        match serde_yaml::from_value::<T>(item) {
            Ok(v) => out.ok.push((i, v)),
            Err(e) => {
                out.unloaded.extend(key);
                // Values carry no positions: locate the entry's field later.
                let entry = Origin {
                    index: Some(i),
                    ..origin.clone()
                };
                let mut p = problem_from_serde(&e, &entry);
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

/// serde_yaml prints `path: message at line L column C`; split that into
/// our fields and phrase serde's standard messages as expected/found.
pub fn problem_from_serde(e: &serde_yaml::Error, origin: &Origin) -> Problem {
    let mut text = e.to_string();
    if let Some(at) = text.rfind(" at line ") {
        text.truncate(at);
    }
    let (mut field, mut message) = match text.split_once(": ") {
        Some((p, rest)) if !p.contains(char::is_whitespace) => {
            (FieldPath::parse(p), rest.to_string())
        }
        _ => (FieldPath::root(), text.clone()),
    };
    let mut expected = String::new();
    let mut found = String::new();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (name, exp) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let name = name.trim_matches('`').to_string();
        expected = format!(
            "{} (a misspelt or unsupported field is refused)",
            exp.replace('`', "")
        );
        found = format!("`{name}`");
        field = field.key(&name);
        message = if crate::validate::PERSONAL_FIELDS.contains(&name.as_str()) {
            expected =
                "no names or NIP of civil servants: records describe agencies and positions".into();
            "personal data refused".into()
        } else {
            "unknown field".into()
        };
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        let name = rest.trim_matches('`').to_string();
        expected = format!("a value for `{name}` (required)");
        found = "no such field".into();
        field = field.key(&name);
        message = "missing required field".into();
    } else if let Some((kind, rest)) = message
        .strip_prefix("invalid type: ")
        .map(|r| ("wrong type", r))
        .or_else(|| {
            message
                .strip_prefix("invalid value: ")
                .map(|r| ("invalid value", r))
        })
        && let Some((f, exp)) = rest.split_once(", expected ")
    {
        found = f.to_string();
        expected = exp.to_string();
        message = kind.to_string();
    } else if message.contains("repetition limit") || message.contains("recursion limit") {
        expected = "plain YAML without deeply nested or repeatedly expanded aliases".into();
    }
    let sensitive = message == "personal data refused";
    let mut p = Problem::new(origin, field, message)
        .expected(expected)
        .found(found);
    p.sensitive = sensitive;
    if let Some(loc) = e.location() {
        p = p.at(Position {
            line: loc.line() + origin.line_offset,
            column: loc.column(),
        });
    }
    p
}
