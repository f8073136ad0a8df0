//! Rules for `site.yaml`.

use super::rules::Cx;
use crate::message::Message;
use crate::problem::{FieldPath, Problem};

pub fn check(cx: &mut Cx) {
    let site = &cx.content.site;
    let origin = site.origin.clone();
    if origin.file.is_empty() {
        return; // not loaded: the load problem says why
    }
    let root = FieldPath::root;
    if site.languages.is_empty() {
        cx.push(Problem::msg(
            &origin,
            root().key("languages"),
            Message::NoLanguage,
        ));
    }
    let mut prefixes = std::collections::HashSet::new();
    for (i, l) in site.languages.iter().enumerate() {
        let at = |k: &str| root().key("languages").index(i).key(k);
        let is_code = (2..=8).contains(&l.code.len())
            && l.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
        if !is_code {
            cx.push(Problem::msg(
                &origin,
                at("code"),
                Message::NotALanguageCode {
                    code: l.code.clone(),
                },
            ));
        }
        let prefix = || l.prefix.clone();
        if i == 0 && !l.prefix.is_empty() {
            cx.push(Problem::msg(
                &origin,
                at("prefix"),
                Message::PrefixOnDefaultLanguage { prefix: prefix() },
            ));
        }
        if i > 0 && !super::rules::slug_ok(&l.prefix) {
            cx.push(Problem::msg(
                &origin,
                at("prefix"),
                Message::FurtherLanguageWithoutPrefix { prefix: prefix() },
            ));
        }
        if !prefixes.insert(l.prefix.clone()) {
            cx.push(Problem::msg(
                &origin,
                at("prefix"),
                Message::PrefixUsedTwice { prefix: prefix() },
            ));
        }
        for (k, v) in &l.paths {
            if crate::model::Section::from_key(k).is_none() {
                cx.push(Problem::msg(
                    &origin,
                    at("paths").key(k),
                    Message::UnknownSection {
                        name: k.clone(),
                        sections: crate::model::Section::ALL
                            .map(|s| s.key().to_string())
                            .to_vec(),
                    },
                ));
            }
            super::rules::slug(cx, &origin, at("paths").key(k), v);
        }
    }
    let url = &site.base_url;
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.contains(char::is_whitespace) || url.contains(['"', '<', '>']) {
        cx.push(Problem::msg(
            &origin,
            root().key("base_url"),
            Message::NotAnAbsoluteUrl { url: url.clone() },
        ));
    }
    if site.per_page == 0 || site.per_page > 1000 {
        cx.push(Problem::msg(
            &origin,
            root().key("per_page"),
            Message::PageSizeOutOfRange {
                per_page: site.per_page,
            },
        ));
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
        None if hosted => cx.push(Problem::msg(
            origin,
            at("backend"),
            Message::GitHostWithoutRepository,
        )),
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
                cx.push(Problem::msg(
                    origin,
                    at("repo"),
                    Message::NotARepositoryName { repo: r.clone() },
                ));
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
        cx.push(Problem::msg(
            origin,
            at("branch"),
            Message::NotABranchName { branch: b.clone() },
        ));
    }
    if let Some(u) = &cms.auth_url
        && (!(u.starts_with("https://") || u.starts_with("http://"))
            || u.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>')))
    {
        cx.push(Problem::msg(
            origin,
            at("auth_url"),
            Message::NotAnAuthAddress { url: u.clone() },
        ));
    }
    if cms.app_id.is_some() && cms.backend != CmsBackend::Gitlab {
        cx.push(Problem::msg(
            origin,
            at("app_id"),
            Message::AppIdWithoutGitlab {
                backend: cms.backend.key().to_string(),
            },
        ));
    }
    let f = &cms.content_folder;
    if f.is_empty()
        || f.starts_with('/')
        || f.contains('\\')
        || f.split('/').any(|s| s.is_empty() || s == "." || s == "..")
    {
        cx.push(Problem::msg(
            origin,
            at("content_folder"),
            Message::NotAFolderInRepository { folder: f.clone() },
        ));
    }
    if let Some(port @ 0) = cms.local_port {
        cx.push(Problem::msg(
            origin,
            at("local_port"),
            Message::NotAPort { port },
        ));
    }
}
