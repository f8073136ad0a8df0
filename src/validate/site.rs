//! Rules for `site.yaml`.

use super::rules::Cx;
use crate::problem::{FieldPath, Problem};

pub fn check(cx: &mut Cx) {
    let site = &cx.content.site;
    let origin = site.origin.clone();
    if origin.file.is_empty() {
        return; // not loaded: the load problem says why
    }
    let root = FieldPath::root;
    if site.languages.is_empty() {
        cx.push(
            Problem::new(&origin, root().key("languages"), "no language configured")
                .expected("at least one language; the first is the default")
                .found("an empty list"),
        );
    }
    let mut prefixes = std::collections::HashSet::new();
    for (i, l) in site.languages.iter().enumerate() {
        let is_code = (2..=8).contains(&l.code.len())
            && l.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        if !is_code {
            cx.push(
                Problem::new(
                    &origin,
                    root().key("languages").index(i).key("code"),
                    "not a language code",
                )
                .expected("a BCP 47 code such as `id` or `en`")
                .found(format!("{:?}", l.code)),
            );
        }
        if i == 0 && !l.prefix.is_empty() {
            cx.push(
                Problem::new(
                    &origin,
                    root().key("languages").index(i).key("prefix"),
                    "the default language is served at the root",
                )
                .expected("no prefix")
                .found(format!("{:?}", l.prefix)),
            );
        }
        if i > 0 && !super::rules::slug_ok(&l.prefix) {
            cx.push(
                Problem::new(
                    &origin,
                    root().key("languages").index(i).key("prefix"),
                    "each further language needs its own URL prefix",
                )
                .expected("a prefix such as `en`")
                .found(format!("{:?}", l.prefix)),
            );
        }
        if !prefixes.insert(l.prefix.clone()) {
            cx.push(
                Problem::new(
                    &origin,
                    root().key("languages").index(i).key("prefix"),
                    "URL prefix used twice",
                )
                .expected("a prefix per language")
                .found(format!("{:?}", l.prefix)),
            );
        }
        for (k, v) in &l.paths {
            if crate::model::Section::from_key(k).is_none() {
                cx.push(
                    Problem::new(
                        &origin,
                        root().key("languages").index(i).key("paths").key(k),
                        "unknown section",
                    )
                    .expected(format!(
                        "one of: {}",
                        crate::model::Section::ALL
                            .map(crate::model::Section::key)
                            .join(", ")
                    ))
                    .found(format!("`{k}`")),
                );
            }
            super::rules::slug(
                cx,
                &origin,
                root().key("languages").index(i).key("paths").key(k),
                v,
            );
        }
    }
    let url = &site.base_url;
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.contains(char::is_whitespace) || url.contains(['"', '<', '>']) {
        cx.push(
            Problem::new(&origin, root().key("base_url"), "not an absolute URL")
                .expected("an http(s) address such as `https://example.org/`")
                .found(format!("{url:?}")),
        );
    }
    if site.per_page == 0 || site.per_page > 1000 {
        cx.push(
            Problem::new(&origin, root().key("per_page"), "page size out of range")
                .expected("1 to 1000 items per page")
                .found(site.per_page.to_string()),
        );
    }
    cx.localized(&origin, root().key("title"), &site.title);
    cx.localized(&origin, root().key("description"), &site.description);
    cx.localized(&origin, root().key("publisher"), &site.publisher);
}
