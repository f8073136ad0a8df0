//! Shared helpers for the rules: the context they write problems into, and
//! the checks several record kinds need (codes exist, ids unique, text
//! given in the default language).

use std::collections::{HashMap, HashSet};

use crate::message::{Choice, Message};
use crate::model::{Content, Dimension, Index, Localized, Origin};
use crate::problem::{FieldPath, Problem, Problems};

pub struct Cx<'a> {
    pub content: &'a Content,
    pub index: &'a Index,
    pub problems: &'a mut Problems,
    /// When set, rules about one record at a time run only for records
    /// of these files (a rebuild after an edit); rules across records
    /// always run. See [`super::validate_scoped`].
    pub scope: Option<&'a HashSet<String>>,
}

impl Cx<'_> {
    /// Whether the one-record rules should look at the record of `origin`.
    pub fn in_scope(&self, origin: &Origin) -> bool {
        self.scope.is_none_or(|files| files.contains(&*origin.file))
    }

    pub fn push(&mut self, p: Problem) {
        self.problems.push(p);
    }

    /// `code` must exist in `codes`; `what` names the vocabulary file.
    pub fn known(
        &mut self,
        origin: &Origin,
        field: FieldPath,
        code: &str,
        codes: &HashMap<String, usize>,
        what: &str,
    ) {
        self.known_labelled(origin, field, code, codes, what, &|_| String::new());
    }

    /// [`Cx::known`], listing each allowed code with its `label`.
    pub fn known_labelled(
        &mut self,
        origin: &Origin,
        field: FieldPath,
        code: &str,
        codes: &HashMap<String, usize>,
        what: &str,
        label: &dyn Fn(&str) -> String,
    ) {
        if !codes.contains_key(code) && !self.content.unloaded.iter().any(|u| u == code) {
            let mut known: Vec<&str> = codes.keys().map(String::as_str).collect();
            known.sort_unstable();
            let allowed = known
                .into_iter()
                .map(|c| Choice {
                    code: c.to_string(),
                    label: label(c),
                })
                .collect();
            self.push(Problem::msg(
                origin,
                field,
                Message::UnknownCode {
                    code: code.to_string(),
                    file: what.to_string(),
                    allowed,
                },
            ));
        }
    }

    pub fn known_in(&mut self, origin: &Origin, field: FieldPath, code: &str, d: Dimension) {
        let codes = self.index.dimension(d);
        let (content, index) = (self.content, self.index);
        let lang = content.site.default_lang().to_string();
        let label = |c: &str| content.label(d, index, c, &lang);
        self.known_labelled(origin, field, code, codes, d.vocab_file(), &label);
    }

    /// Localised text must be given in the site's default language and be
    /// non-empty in every language it is given in.
    pub fn localized(&mut self, origin: &Origin, field: FieldPath, text: &Localized) {
        let lang = self.content.site.default_lang().to_string();
        if !text.0.contains_key(&lang) {
            self.push(Problem::msg(
                origin,
                field.clone(),
                Message::MissingDefaultLanguage {
                    lang,
                    given: text.0.keys().cloned().collect(),
                },
            ));
        }
        for (l, s) in &text.0 {
            if s.trim().is_empty() {
                self.push(Problem::msg(
                    origin,
                    field.clone().key(l),
                    Message::EmptyText,
                ));
            }
        }
    }

    pub fn not_empty(&mut self, origin: &Origin, field: FieldPath, s: &str) {
        if s.trim().is_empty() {
            self.push(Problem::msg(origin, field, Message::EmptyValue));
        }
    }
}

/// Reports every id after its first use. `items` yields (origin, id).
pub fn unique<'a>(
    cx: &mut Cx,
    field: &str,
    what: &str,
    items: impl Iterator<Item = (&'a Origin, &'a str)>,
) {
    let mut seen: HashMap<&str, &Origin> = HashMap::new();
    for (origin, id) in items {
        if let Some(first) = seen.get(id) {
            let at = match first.index {
                Some(i) => format!("{} (entry {})", first.file, i + 1),
                None => first.file.to_string(),
            };
            cx.push(Problem::msg(
                origin,
                FieldPath::root().key(field),
                Message::Duplicate {
                    what: what.to_string(),
                    id: id.to_string(),
                    at,
                },
            ));
        } else {
            seen.insert(id, origin);
        }
    }
}

/// Ids and codes end up in URLs and file names: lower-case ASCII letters,
/// digits and single hyphens only, so no id can escape its folder or
/// collide with another by case.
pub fn slug_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 120
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

pub fn slug(cx: &mut Cx, origin: &Origin, field: FieldPath, s: &str) {
    if !slug_ok(s) {
        cx.push(Problem::msg(
            origin,
            field,
            Message::NotAnIdentifier {
                text: s.to_string(),
            },
        ));
    }
}

/// A list of codes must not name the same code twice.
pub fn no_repeats<'a>(
    cx: &mut Cx,
    origin: &Origin,
    field: FieldPath,
    codes: impl Iterator<Item = &'a str>,
) {
    let mut seen = HashSet::new();
    for (i, c) in codes.enumerate() {
        if !seen.insert(c) {
            cx.push(Problem::msg(
                origin,
                field.clone().index(i),
                Message::ListedTwice {
                    code: c.to_string(),
                },
            ));
        }
    }
}
