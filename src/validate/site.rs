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
    if let Some(cms) = &site.cms {
        check_cms(cx, &origin, cms);
    }
}

/// `cms:` names a repository the editor can reach and paths that stay
/// inside it; Decap itself would only fail at login, in the browser.
fn check_cms(cx: &mut Cx, origin: &crate::model::Origin, cms: &crate::model::CmsConfig) {
    use crate::model::CmsBackend;
    let at = |k: &str| FieldPath::root().key("cms").key(k);
    let hosted = matches!(cms.backend, CmsBackend::Github | CmsBackend::Gitlab);
    match &cms.repo {
        None if hosted => cx.push(
            Problem::new(origin, at("backend"), "a Git host without a repository")
                .expected("`repo: owner/name` beside `backend`")
                .found("no `repo`"),
        ),
        Some(r) => {
            let parts: Vec<&str> = r.split('/').collect();
            let part_ok = |p: &&str| {
                !p.is_empty()
                    && !p.starts_with('.')
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            };
            // GitLab nests projects in groups: `group/subgroup/name`.
            let most = if cms.backend == CmsBackend::Gitlab {
                20
            } else {
                2
            };
            if !(2..=most).contains(&parts.len()) || !parts.iter().all(part_ok) {
                cx.push(
                    Problem::new(origin, at("repo"), "not a repository name")
                        .expected("`owner/name` as in the repository's address, e.g. `agency/netra-content`")
                        .found(format!("{r:?}")),
                );
            }
        }
        None => {}
    }
    let b = &cms.branch;
    if b.is_empty()
        || b.contains("..")
        || b.starts_with(['-', '/'])
        || b.contains(|c: char| c.is_whitespace() || c.is_control() || "~^:?*[\\".contains(c))
    {
        cx.push(
            Problem::new(origin, at("branch"), "not a branch name")
                .expected("a Git branch such as `main`")
                .found(format!("{b:?}")),
        );
    }
    if let Some(u) = &cms.auth_url
        && (!(u.starts_with("https://") || u.starts_with("http://"))
            || u.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>')))
    {
        cx.push(
            Problem::new(origin, at("auth_url"), "not a web address")
                .expected("the OAuth service's address, e.g. `https://auth.example.org`")
                .found(format!("{u:?}")),
        );
    }
    if cms.app_id.is_some() && cms.backend != CmsBackend::Gitlab {
        cx.push(
            Problem::new(
                origin,
                at("app_id"),
                "only GitLab logs in with an application id",
            )
            .expected("`backend: gitlab`, or no `app_id`")
            .found(format!("`backend: {}`", cms.backend.key())),
        );
    }
    let f = &cms.content_folder;
    if f.is_empty()
        || f.starts_with('/')
        || f.contains('\\')
        || f.split('/').any(|s| s.is_empty() || s == "." || s == "..")
    {
        cx.push(
            Problem::new(
                origin,
                at("content_folder"),
                "not a folder inside the repository",
            )
            .expected("a relative path such as `content` or `site/content`")
            .found(format!("{f:?}")),
        );
    }
    if cms.local_port == Some(0) {
        cx.push(
            Problem::new(origin, at("local_port"), "not a port")
                .expected("decap-server's port, 1 to 65535 (it uses 8081 unless told)")
                .found("0"),
        );
    }
}
