//! A press release's front matter read without a YAML parser, when it has
//! the plain shape editors write: one `key: value` line per field at the
//! start of the line, values that are plain or quoted on one line, lists
//! of such values as `- ` lines or `[a, b]`, comment and blank lines.
//!
//! Anything else (an unknown, missing or repeated field, an escape, a
//! value over several lines, an anchor, a tag, a date that does not
//! parse) gives `None`, and the caller parses the text with serde_yaml as
//! before: problems are always described by that path, with their line,
//! column and field, and the hardening checks of [`super::yaml::guard`]
//! apply to every text this reader does not take. What this reader takes
//! is no deeper than a list in a mapping and holds no alias.
//!
//! Whatever it returns, serde_yaml returns too (tested against it on
//! generated texts): a parse of 10 000 front matters takes a fifth of the
//! time libyaml's does.

use crate::model::{FrontMatter, IsoDate};

/// The fields of [`FrontMatter`], in declaration order.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Date,
    Lang,
    Summary,
    Sources,
    Tags,
    Region,
    Election,
    Figures,
    Translation,
}

impl Field {
    fn of(key: &str) -> Option<Field> {
        Some(match key {
            "title" => Field::Title,
            "date" => Field::Date,
            "lang" => Field::Lang,
            "summary" => Field::Summary,
            "sources" => Field::Sources,
            "tags" => Field::Tags,
            "region" => Field::Region,
            "election" => Field::Election,
            "figures" => Field::Figures,
            "translation" => Field::Translation,
            _ => return None,
        })
    }

    fn is_list(self) -> bool {
        matches!(self, Field::Sources | Field::Tags | Field::Figures)
    }
}

#[derive(Default)]
struct Fields {
    title: Option<String>,
    date: Option<IsoDate>,
    lang: Option<String>,
    summary: Option<String>,
    sources: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    region: Option<Option<String>>,
    election: Option<Option<String>>,
    figures: Option<Vec<String>>,
    translation: Option<Option<String>>,
}

impl Fields {
    fn list(&mut self, f: Field) -> Option<&mut Option<Vec<String>>> {
        match f {
            Field::Sources => Some(&mut self.sources),
            Field::Tags => Some(&mut self.tags),
            Field::Figures => Some(&mut self.figures),
            _ => None,
        }
    }

    /// Sets a field that is not a list; `None` if it was already set or
    /// the value does not fit it.
    fn scalar(&mut self, f: Field, value: String, plain: bool) -> Option<()> {
        fn once<T>(slot: &mut Option<T>, v: T) -> Option<()> {
            slot.is_none().then(|| *slot = Some(v))
        }
        // A plain `null` (or `~`, which no plain value here starts with)
        // leaves an optional field out, as serde_yaml does.
        let optional = |v: String| (!(plain && is_null(&v))).then_some(v);
        match f {
            Field::Title => once(&mut self.title, value),
            Field::Date => once(&mut self.date, value.parse().ok()?),
            Field::Lang => once(&mut self.lang, value),
            Field::Summary => once(&mut self.summary, value),
            Field::Region => once(&mut self.region, optional(value)),
            Field::Election => once(&mut self.election, optional(value)),
            Field::Translation => once(&mut self.translation, optional(value)),
            Field::Sources | Field::Tags | Field::Figures => None,
        }
    }

    fn finish(self) -> Option<FrontMatter> {
        Some(FrontMatter {
            title: self.title?,
            date: self.date?,
            lang: self.lang?,
            summary: self.summary?,
            sources: self.sources?,
            tags: self.tags.unwrap_or_default(),
            region: self.region.flatten(),
            election: self.election.flatten(),
            figures: self.figures.unwrap_or_default(),
            translation: self.translation.flatten(),
            // `draft` and `publish_at` are unknown keys here: such a
            // front matter is read by serde_yaml.
            draft: false,
            publish_at: None,
        })
    }
}

fn is_null(v: &str) -> bool {
    matches!(v, "null" | "Null" | "NULL" | "~")
}

/// The front matter `fm` (the text between the `---` lines), if it has
/// the plain shape and holds a valid record; `None` sends it to the full
/// parser.
pub fn front_matter(fm: &str) -> Option<FrontMatter> {
    if !plain_characters(fm) {
        return None;
    }
    let mut fields = Fields::default();
    // The list being read: its field and the indentation of its entries.
    let mut list: Option<(Field, Option<usize>)> = None;
    for line in fm.split('\n') {
        let rest = line.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let indent = line.len() - rest.len();
        if indent > 0 || rest.starts_with('-') {
            // Only a list entry may be indented or start with `-`.
            let (field, at) = list.as_mut()?;
            let value = rest.strip_prefix("- ")?;
            if *at.get_or_insert(indent) != indent {
                return None;
            }
            let (value, _) = scalar(value)?;
            fields.list(*field)?.as_mut()?.push(value);
            continue;
        }
        // A new field ends the list before it, which must not be empty
        // (`tags:` alone is a null, not an empty list).
        if let Some((_, None)) = list.take() {
            return None;
        }
        let (key, value) = key_value(line)?;
        let field = Field::of(key)?;
        if field.is_list() {
            let slot = fields.list(field)?;
            if slot.is_some() {
                return None;
            }
            if value.is_empty() {
                *slot = Some(Vec::new());
                list = Some((field, None));
            } else {
                *slot = Some(flow_list(value)?);
            }
        } else {
            let (value, plain) = scalar(value)?;
            fields.scalar(field, value, plain)?;
        }
    }
    if let Some((_, None)) = list {
        return None;
    }
    fields.finish()
}

/// Whether `fm` holds only characters this reader reads the way YAML
/// does: no tab (an indentation error, or a separator), no carriage
/// return, no other control character, and none of the characters libyaml
/// takes for a line break (U+2028, U+2029) or refuses (U+FEFF past the
/// start, U+FFFE, U+FFFF).
fn plain_characters(fm: &str) -> bool {
    let bytes = fm.as_bytes();
    if bytes.iter().any(|&b| (b < 0x20 && b != b'\n') || b == 0x7F) {
        return false;
    }
    if bytes.is_ascii() {
        return true;
    }
    !fm.chars().any(|c| {
        ('\u{80}'..='\u{9F}').contains(&c)
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            )
    })
}

/// `key: value` at the start of a line: a key of lower-case letters and
/// `_`, a colon, then a space and the value or nothing. The value comes
/// back without the spaces around it.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return None;
    }
    let after = &line[colon + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((key, after.trim_matches(' ')))
}

/// A value on one line (spaces around it already removed, or a list
/// entry's spaces after `- `): `"double quoted"` without escapes,
/// `'single quoted'`, or plain text starting with a letter or digit, with
/// no comment and nothing YAML would read as a key. Also whether it was
/// plain (only a plain `null` is a null).
fn scalar(value: &str) -> Option<(String, bool)> {
    let value = value.trim_matches(' ');
    let first = *value.as_bytes().first()?;
    match first {
        b'"' => {
            let inner = value[1..].strip_suffix('"')?;
            (!inner.contains(['"', '\\'])).then(|| (inner.to_string(), false))
        }
        b'\'' => {
            let inner = value[1..].strip_suffix('\'')?;
            // `''` is a quote; a lone `'` would end the value early.
            if inner.replace("''", "").contains('\'') {
                return None;
            }
            Some((inner.replace("''", "'"), false))
        }
        _ if first.is_ascii_alphanumeric() || first >= 0x80 => {
            if value.contains(" #") || value.contains(": ") || value.ends_with(':') {
                return None;
            }
            Some((value.to_string(), true))
        }
        _ => None,
    }
}

/// `[a, b]`: entries of letters, digits, `-`, `_` and `.`, starting with a
/// letter or digit.
fn flow_list(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    if inner.trim_matches(' ').is_empty() {
        return Some(Vec::new());
    }
    inner
        .split(',')
        .map(|item| {
            let item = item.trim_matches(' ');
            let simple = item.as_bytes().first()?.is_ascii_alphanumeric()
                && item
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
            simple.then(|| item.to_string())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::front_matter;
    use crate::model::FrontMatter;
    use proptest::prelude::*;

    /// What serde_yaml makes of `fm`, as the full path parses it.
    fn full(fm: &str) -> Option<FrontMatter> {
        serde_yaml::from_str(fm).ok()
    }

    /// The reader takes `fm` and agrees with serde_yaml.
    fn agrees(fm: &str) {
        let fast = front_matter(fm);
        assert!(fast.is_some(), "not taken:\n{fm}");
        assert_eq!(fast, full(fm), "{fm}");
    }

    /// The reader leaves `fm` to serde_yaml.
    fn declines(fm: &str) {
        assert_eq!(front_matter(fm), None, "taken:\n{fm}");
    }

    const BASE: &str =
        "title: \"A: b\"\ndate: 2020-08-05\nlang: id\nsummary: 'It''s x'\nsources: [a-2020]\n";

    #[test]
    fn takes_the_plain_shapes() {
        agrees(BASE);
        agrees(&format!(
            "{BASE}tags:\n  - gnn-asn\n  - \"pilkada 2020\"\n\n  # a comment\nregion: \"72\"\nelection: null\n"
        ));
        agrees(&format!("{BASE}tags:\n- a\n- b\nfigures: []\nregion: 72\n"));
        agrees(&format!("{BASE}translation: x#not-a-comment\n"));
        agrees(&format!(
            "{BASE}region: NULL\nelection: Null\ntranslation: nullish\n"
        ));
        agrees(
            "# first\ntitle:   Plain title, with [brackets] and {braces}:fine  \ndate: \"2020-02-29\"\nlang: en\nsummary: “Quoted” — é\nsources:\n - a\n - b\n",
        );
    }

    #[test]
    fn leaves_everything_else_to_serde_yaml() {
        for extra in [
            "title: again\n",
            "unknown: x\n",
            "tags:\n",
            "tags:\nregion: x\n",
            "tags: x\n",
            "tags: [\"a\"]\n",
            "tags: [a, ]\n",
            "tags:\n  - a\n    continued\n",
            "tags:\n  - a\n - b\n",
            "tags:\n  -a\n",
            "tags:\n  - &x a\n",
            "tags:\n  - *x\n",
            "tags:\n  - - a\n",
            "tags:\n  - a: b\n",
            "region: x\n  continued\n",
            "region: x\n\n  continued\n",
            "region: \"x\\ty\"\n",
            "region: \"x\n  y\"\n",
            "region: 'x' y\n",
            "region: !tag x\n",
            "region: &a x\n",
            "region: x # comment\n",
            "region: a: b\n",
            "region: a:\n",
            "region:\n",
            "region: |\n  x\n",
            "region: >\n  x\n",
            "region: -x\n",
            "region:\tx\n",
            "region: x\u{2028}y\n",
            "region: \u{feff}x\n",
            " region: x\n",
            "region : x\n",
            "region:x\n",
            "...\n",
            "--- x\n",
            "%YAML 1.2\n",
            "? region\n: x\n",
            "\"region\": x\n",
        ] {
            declines(&format!("{BASE}{extra}"));
        }
        declines("title: x\ndate: 2020-02-30\nlang: id\nsummary: x\nsources: [a]\n");
        declines("title: x\ndate: 2020-2-3\nlang: id\nsummary: x\nsources: [a]\n");
        declines("title: x\ndate: 2020-02-03\nlang: id\nsummary: x\n");
        declines(&BASE.replace('\n', "\r\n"));
        declines("");
    }

    /// Lines that may or may not be YAML, in any order: whatever the reader
    /// takes, serde_yaml reads the same.
    fn line() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "title",
            "date",
            "lang",
            "summary",
            "sources",
            "tags",
            "region",
            "election",
            "figures",
            "translation",
            "other",
            "Title",
        ]);
        let value = prop::sample::select(vec![
            "",
            "x",
            "\"x y\"",
            "'a''b'",
            "2020-08-05",
            "\"2021-01-31\"",
            "null",
            "~",
            "72",
            "[a, b-c]",
            "[]",
            "[a,b]",
            "a # c",
            "a#b",
            "a: b",
            "\"a\" # c",
            "'",
            "\"",
            "&a x",
            "*a",
            "!!str x",
            "|",
            "- a",
            "x:",
            "http://x.y/z",
            "true",
            "é “q”",
            "[a, [b]]",
            "{a: b}",
            "  x  ",
        ]);
        let indent = prop::sample::select(vec!["", " ", "  ", "    "]);
        prop_oneof![
            (key, value.clone()).prop_map(|(k, v)| format!("{k}: {v}")),
            (indent.clone(), value.clone()).prop_map(|(i, v)| format!("{i}- {v}")),
            (indent, value).prop_map(|(i, v)| format!("{i}{v}")),
            Just(String::new()),
            Just("# c".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn what_the_reader_takes_serde_yaml_reads_the_same(
            lines in prop::collection::vec(line(), 0..8),
            order in prop::collection::vec(0usize..6, 0..6),
        ) {
            // Usually a valid record, with generated lines among its fields.
            let base: Vec<&str> = BASE.lines().collect();
            let mut all: Vec<String> = Vec::new();
            let mut extra = lines.into_iter();
            for (i, b) in base.iter().enumerate() {
                if order.contains(&i) {
                    all.extend(extra.next());
                }
                all.push(b.to_string());
            }
            all.extend(extra);
            let fm = all.join("\n") + "\n";
            if let Some(fast) = front_matter(&fm) {
                prop_assert_eq!(Some(fast), full(&fm), "{}", fm);
            }
        }
    }
}
