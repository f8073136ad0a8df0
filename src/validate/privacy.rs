//! The privacy rule: the site publishes no personal data of accused civil
//! servants.
//!
//! Records name agencies and positions, never people. Two checks enforce
//! that: fields whose name says they hold a person's identity are refused
//! (they are also unknown to the model, but deserve a clearer message), and
//! every text that reaches a page is scanned for the shapes of personal
//! data: an 18-digit NIP, a phone number, an e-mail address. A site can
//! declare a field public in `site.yaml` (`public_fields: [press.body]`)
//! when, say, its press office's own e-mail must appear.

use std::sync::LazyLock;

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use serde::Serialize;

use super::rules::Cx;
use crate::message::Message;
use crate::model::Origin;
use crate::problem::{FieldPath, Problem};

struct Pattern {
    what: &'static str,
    /// For any text.
    unicode: Regex,
    /// The same pattern for ASCII text, where it means the same: `\d` and
    /// `\b` of ASCII only, which the regex engine runs several times
    /// faster.
    ascii: Regex,
}

impl Pattern {
    fn new(what: &'static str, re: &str) -> Self {
        Pattern {
            what,
            unicode: Regex::new(re).unwrap(),
            ascii: RegexBuilder::new(re).unicode(false).build().unwrap(),
        }
    }

    fn find<'t>(&self, text: &'t str, ascii: bool) -> Option<regex::Match<'t>> {
        if ascii {
            self.ascii.find(text)
        } else {
            self.unicode.find(text)
        }
    }
}

static PATTERNS: LazyLock<[Pattern; 3]> = LazyLock::new(|| {
    [
        // NIP: 18 digits (born YYYYMMDD, appointed YYYYMM, sex, serial),
        // often written in groups 8 6 1 3.
        Pattern::new(
            "an 18-digit NIP (civil-service number)",
            r"\b\d{8}[ .]?\d{6}[ .]?\d[ .]?\d{3}\b",
        ),
        // Indonesian mobile and landline numbers: +62 or 0, then 8 to 12 digits.
        Pattern::new(
            "a phone number",
            r"(?:\+62|\b0)[ .-]?8\d{1,3}[ .-]?\d{3,4}[ .-]?\d{3,5}\b",
        ),
        Pattern::new(
            "an e-mail address",
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        ),
    ]
});

/// The shape of personal data found in `text`, if any: (what, match).
pub fn find_personal_data(text: &str) -> Option<(&'static str, String)> {
    let ascii = text.is_ascii();
    // A phone number has at least 9 digits, a NIP 18, an address an `@`:
    // most fields (titles, codes, dates) have neither, and need no search.
    if ascii && !text.contains('@') && text.bytes().filter(u8::is_ascii_digit).take(9).count() < 9 {
        return None;
    }
    PATTERNS.iter().find_map(|p| {
        p.find(text, ascii)
            .map(|m| (p.what, m.as_str().to_string()))
    })
}

pub fn check(cx: &mut Cx) {
    let c = cx.content;
    let public = &c.site.public_fields;
    let scope = cx.scope;
    let in_scope = |o: &Origin| scope.is_none_or(|files| files.contains(&*o.file));
    let mut found: Vec<Problem> = Vec::new();
    found.par_extend(
        c.figures
            .par_iter()
            .filter(|f| in_scope(&f.origin))
            .flat_map_iter(|f| scan("figures", &f.origin, &f.value, public)),
    );
    found.par_extend(
        c.cases
            .par_iter()
            .filter(|r| in_scope(&r.origin))
            .flat_map_iter(|r| scan("cases", &r.origin, &r.value, public)),
    );
    found.par_extend(
        c.sources
            .par_iter()
            .filter(|s| in_scope(&s.origin))
            .flat_map_iter(|s| scan("sources", &s.origin, &s.value, public)),
    );
    // The public record: every text that reaches its pages.
    found.par_extend(
        c.conflicts
            .par_iter()
            .filter(|r| in_scope(&r.origin))
            .flat_map_iter(|r| scan("conflicts", &r.origin, &r.value, public)),
    );
    found.par_extend(
        c.corrections
            .par_iter()
            .filter(|r| in_scope(&r.origin))
            .flat_map_iter(|r| scan("corrections", &r.origin, &r.value, public)),
    );
    found.par_extend(
        c.vocab
            .producers
            .par_iter()
            .filter(|r| in_scope(&r.origin))
            .flat_map_iter(|r| scan("producers", &r.origin, &r.value, public)),
    );
    if let Some(r) = c.institutions.as_ref().filter(|r| in_scope(&r.origin)) {
        found.extend(scan("institutions", &r.origin, &r.value, public));
    }
    let body_public = public.iter().any(|f| f == "press.body");
    found.par_extend(
        c.press
            .par_iter()
            .filter(|p| in_scope(&p.origin))
            .flat_map_iter(|p| {
                let mut found = scan("press", &p.origin, &p.meta, public);
                if !body_public && let Some((what, m)) = find_personal_data(&p.body) {
                    let before = &p.body[..p.body.find(&m).unwrap_or(0)];
                    let line = p.body_line + before.matches('\n').count();
                    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                    let personal = Message::PersonalData {
                        what: what.to_string(),
                        masked: mask(&m),
                        allow: None,
                    };
                    found.push(
                        Problem::msg(&p.origin, FieldPath::root().key("body"), personal)
                            .sensitive()
                            .at(crate::problem::Position { line, column }),
                    );
                }
                found
            }),
    );
    for p in found {
        cx.push(p);
    }
}

/// Prints enough of a match to find it, not enough to republish it.
fn mask(s: &str) -> String {
    let keep: String = s.chars().take(4).collect();
    format!("{keep}… ({} characters)", s.chars().count())
}

/// Walks every string of a record, with its path, through serde so that no
/// field can be forgotten when the model grows. The path is built only for
/// a string that holds personal data.
fn scan<T: Serialize>(kind: &str, origin: &Origin, value: &T, public: &[String]) -> Vec<Problem> {
    let mut found = Vec::new();
    let Ok(json) = serde_json::to_value(value) else {
        return found;
    };
    strings(&json, &mut Vec::new(), &mut |path, s| {
        let Some((what, m)) = find_personal_data(s) else {
            return;
        };
        let top = match path.first() {
            Some(Step::Key(k)) => k,
            _ => "",
        };
        let name = format!("{kind}.{top}");
        if public.contains(&name) {
            return;
        }
        let path = path.iter().fold(FieldPath::root(), |p, step| match step {
            Step::Key(k) => p.key(*k),
            Step::Index(i) => p.index(*i),
        });
        found.push(
            Problem::msg(
                origin,
                path,
                Message::PersonalData {
                    what: what.to_string(),
                    masked: mask(&m),
                    allow: Some(name.to_string()),
                },
            )
            .sensitive(),
        );
    });
    found
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Calls `each` with every string in `v` and its path, depth first and
/// the last entry of a list or mapping first.
fn strings<'a>(
    v: &'a serde_json::Value,
    path: &mut Vec<Step<'a>>,
    each: &mut impl FnMut(&[Step<'a>], &'a str),
) {
    match v {
        serde_json::Value::String(s) => each(path, s),
        serde_json::Value::Array(items) => {
            for (i, x) in items.iter().enumerate().rev() {
                path.push(Step::Index(i));
                strings(x, path, each);
                path.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (k, x) in map.iter().rev() {
                path.push(Step::Key(k));
                strings(x, path, each);
                path.pop();
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::find_personal_data;

    #[test]
    fn finds_nip_phone_and_email() {
        assert!(find_personal_data("NIP 198001012005011001").is_some());
        assert!(find_personal_data("NIP 19800101 200501 1 001").is_some());
        assert!(find_personal_data("hubungi 0812-3456-7890").is_some());
        assert!(find_personal_data("surel: a.b@example.go.id").is_some());
        // The shortest shapes, at the edge of the digit count.
        assert!(find_personal_data("hubungi 081-234-567").is_some());
        assert!(find_personal_data("hubungi 081-234-56").is_none());
        assert!(find_personal_data("a@b.co").is_some());
    }

    #[test]
    fn leaves_figures_and_dates_alone() {
        assert!(
            find_personal_data("694 ASN, 27,6 persen, 1.234 laporan, 2020-10-07, UU No. 5/2014")
                .is_none()
        );
    }
}
