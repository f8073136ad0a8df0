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

use regex::Regex;
use serde::Serialize;

use super::rules::Cx;
use crate::model::Origin;
use crate::problem::{FieldPath, Problem};

/// Field names refused anywhere in a record: they would hold a person's
/// name or civil-service number.
pub const PERSONAL_FIELDS: [&str; 10] = [
    "name",
    "nama",
    "nama_asn",
    "nama_lengkap",
    "nip",
    "nik",
    "terlapor",
    "pelaku",
    "employee",
    "accused",
];

struct Pattern {
    what: &'static str,
    re: Regex,
}

static PATTERNS: LazyLock<[Pattern; 3]> = LazyLock::new(|| {
    [
        // NIP: 18 digits (born YYYYMMDD, appointed YYYYMM, sex, serial),
        // often written in groups 8 6 1 3.
        Pattern {
            what: "an 18-digit NIP (civil-service number)",
            re: Regex::new(r"\b\d{8}[ .]?\d{6}[ .]?\d[ .]?\d{3}\b").unwrap(),
        },
        // Indonesian mobile and landline numbers: +62 or 0, then 8 to 12 digits.
        Pattern {
            what: "a phone number",
            re: Regex::new(r"(?:\+62|\b0)[ .-]?8\d{1,3}[ .-]?\d{3,4}[ .-]?\d{3,5}\b").unwrap(),
        },
        Pattern {
            what: "an e-mail address",
            re: Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").unwrap(),
        },
    ]
});

/// The shape of personal data found in `text`, if any: (what, match).
pub fn find_personal_data(text: &str) -> Option<(&'static str, String)> {
    PATTERNS
        .iter()
        .find_map(|p| p.re.find(text).map(|m| (p.what, m.as_str().to_string())))
}

pub fn check(cx: &mut Cx) {
    let c = cx.content;
    let public = &c.site.public_fields;
    for f in &c.figures {
        if !cx.in_scope(&f.origin) {
            continue;
        }
        scan(cx, "figures", &f.origin, &f.value, public);
    }
    for r in &c.cases {
        if !cx.in_scope(&r.origin) {
            continue;
        }
        scan(cx, "cases", &r.origin, &r.value, public);
    }
    for s in &c.sources {
        if !cx.in_scope(&s.origin) {
            continue;
        }
        scan(cx, "sources", &s.origin, &s.value, public);
    }
    for p in &c.press {
        if !cx.in_scope(&p.origin) {
            continue;
        }
        scan(cx, "press", &p.origin, &p.meta, public);
        if !public.iter().any(|f| f == "press.body")
            && let Some((what, found)) = find_personal_data(&p.body)
        {
            let before = &p.body[..p.body.find(&found).unwrap_or(0)];
            let line = p.body_line + before.matches('\n').count();
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let problem = Problem::new(&p.origin, FieldPath::root().key("body"), format!("personal data in the text: {what}"))
                .expected("no personal data of civil servants (declare `press.body` in site.yaml `public_fields` only for a public contact)")
                .found(mask(&found))
                .sensitive()
                .at(crate::problem::Position { line, column });
            cx.push(problem);
        }
    }
}

/// Prints enough of a match to find it, not enough to republish it.
fn mask(s: &str) -> String {
    let keep: String = s.chars().take(4).collect();
    format!("{keep}… ({} characters)", s.chars().count())
}

/// Walks every string of a record, with its path, through serde so that no
/// field can be forgotten when the model grows.
fn scan<T: Serialize>(cx: &mut Cx, kind: &str, origin: &Origin, value: &T, public: &[String]) {
    let Ok(json) = serde_json::to_value(value) else {
        return;
    };
    let mut stack = vec![(FieldPath::root(), &json)];
    while let Some((path, v)) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                let name = format!("{kind}.{}", top_key(&path));
                if public.contains(&name) {
                    continue;
                }
                if let Some((what, found)) = find_personal_data(s) {
                    cx.push(Problem::new(origin, path, format!("personal data: {what}")).expected(format!("no personal data of civil servants (or `{name}` in site.yaml `public_fields`)")).found(mask(&found)).sensitive());
                }
            }
            serde_json::Value::Array(items) => stack.extend(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (path.clone().index(i), x)),
            ),
            serde_json::Value::Object(map) => {
                stack.extend(map.iter().map(|(k, x)| (path.clone().key(k), x)))
            }
            _ => {}
        }
    }
}

fn top_key(path: &FieldPath) -> String {
    match path.0.first() {
        Some(crate::problem::Segment::Key(k)) => k.clone(),
        _ => String::new(),
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
    }

    #[test]
    fn leaves_figures_and_dates_alone() {
        assert!(
            find_personal_data("694 ASN, 27,6 persen, 1.234 laporan, 2020-10-07, UU No. 5/2014")
                .is_none()
        );
    }
}
