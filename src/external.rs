//! External links, checked only on request (`--external`): every distinct
//! `http(s)` address the built pages link to is fetched once, by a few
//! workers at a time, each request bounded by a timeout.
//!
//! A link is good when it answers with a 2xx status, after redirects. The
//! request is `HEAD`; a server that answers `HEAD` with an error status
//! (some refuse the method, some answer it wrongly) is asked again with
//! `GET`, whose status decides. A link that times out or cannot connect is
//! not asked twice. Links into the site's own `base_url` are internal:
//! they are checked against the build, never fetched.
//!
//! A failing external link is a warning: another site's outage must not
//! stop a publication. `--strict-external` makes it an error.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use crate::problem::Problem;
use crate::render::Output;

/// How external links are checked.
#[derive(Debug, Clone)]
pub struct Options {
    /// Longest wait for one request, redirects included.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub workers: usize,
    /// A failing external link fails the run.
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            workers: 8,
            strict: false,
        }
    }
}

/// An external link that did not answer with success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub url: String,
    /// The status (`404 Not Found`) or the error.
    pub why: String,
    /// Output paths of the pages that link to it, sorted.
    pub pages: Vec<String>,
}

/// What a check of external links found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Distinct addresses fetched.
    pub checked: usize,
    /// Sorted by address.
    pub failures: Vec<Failure>,
}

impl Failure {
    pub fn problem(&self) -> Problem {
        let pages: Vec<&str> = self.pages.iter().map(String::as_str).collect();
        Problem::file_msg(
            format!("output: {}", crate::problem::list(&pages)),
            crate::message::Message::ExternalLinkFailed {
                url: self.url.clone(),
                why: self.why.clone(),
            },
        )
    }
}

impl Report {
    pub fn problems(&self) -> Vec<Problem> {
        self.failures.iter().map(Failure::problem).collect()
    }
}

/// Whether `link` is an `http:` or `https:` address.
fn is_web(link: &str) -> bool {
    let l = link.as_bytes();
    let starts = |p: &str| l.len() >= p.len() && l[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    starts("http://") || starts("https://")
}

/// Every distinct external web address the HTML pages of `out` link to
/// (without its `#fragment`), with the pages that link to it. Addresses
/// under `base_url` are the site's own and left out.
pub fn collect(out: &Output, base_url: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut urls = BTreeMap::new();
    collect_into(&mut urls, out, base_url);
    urls
}

/// [`collect`] for a build that streams its pages: adds the external
/// links of `files` (HTML pages among them) to `urls`.
pub fn collect_into<'a>(
    urls: &mut BTreeMap<String, BTreeSet<String>>,
    files: impl IntoIterator<Item = (&'a String, &'a Vec<u8>)>,
    base_url: &str,
) {
    let own = if base_url.ends_with('/') {
        base_url.to_string()
    } else {
        format!("{base_url}/")
    };
    for (page, bytes) in files.into_iter().filter(|(p, _)| p.ends_with(".html")) {
        for (_, link) in crate::html::hrefs(&String::from_utf8_lossy(bytes)) {
            let url = link.split('#').next().unwrap_or_default();
            if is_web(url) && !url.starts_with(&own) && url != own.trim_end_matches('/') {
                urls.entry(url.to_string())
                    .or_default()
                    .insert(page.clone());
            }
        }
    }
}

/// Fetches every address of `urls`, at most `opts.workers` at a time.
pub fn check(urls: &BTreeMap<String, BTreeSet<String>>, opts: &Options) -> Report {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("netra-link-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let list: Vec<(&String, &BTreeSet<String>)> = urls.iter().collect();
    let next = AtomicUsize::new(0);
    let workers = opts.workers.clamp(1, list.len().max(1));
    let mut failures: Vec<Failure> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut failed = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some((url, pages)) = list.get(i) else {
                            break;
                        };
                        if let Err(why) = fetch(&agent, url, opts.timeout) {
                            failed.push(Failure {
                                url: url.to_string(),
                                why,
                                pages: pages.iter().cloned().collect(),
                            });
                        }
                    }
                    failed
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    failures.sort_by(|a, b| a.url.cmp(&b.url));
    Report {
        checked: list.len(),
        failures,
    }
}

/// `Ok` when `url` answers with success; else the status or the error.
fn fetch(agent: &ureq::Agent, url: &str, timeout: Duration) -> Result<(), String> {
    let status = |r: &ureq::http::Response<ureq::Body>| {
        let s = r.status();
        if s.is_success() {
            Ok(())
        } else {
            Err(format!(
                "{} {}",
                s.as_u16(),
                s.canonical_reason().unwrap_or_default()
            )
            .trim_end()
            .to_string())
        }
    };
    match agent.head(url).call() {
        Ok(r) if status(&r).is_ok() => return Ok(()),
        // No answer at all: asking again would only wait as long again.
        Err(e) => return Err(describe(e, timeout)),
        Ok(_) => {}
    }
    match agent.get(url).call() {
        Ok(r) => status(&r),
        Err(e) => Err(describe(e, timeout)),
    }
}

fn describe(e: ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s", timeout.as_secs_f64()),
        ureq::Error::HostNotFound => "host not found".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_distinct_web_links_but_not_the_sites_own() {
        let mut out = Output::new();
        out.insert(
            "a/index.html".into(),
            br#"<a href="https://x.org/r#1">x</a> <a href="https://x.org/r#2">x</a> <link rel="canonical" href="https://site.org/a/"> <a href="mailto:a@b.org">m</a> <a href="../">up</a> <a href="HTTP://Y.org/">y</a>"#.to_vec(),
        );
        out.insert(
            "b/index.html".into(),
            br#"<a href="https://x.org/r">x</a> <a href="https://site.org">home</a>"#.to_vec(),
        );
        let urls = collect(&out, "https://site.org/");
        let keys: Vec<&str> = urls.keys().map(String::as_str).collect();
        assert_eq!(keys, ["HTTP://Y.org/", "https://x.org/r"]);
        assert_eq!(urls["https://x.org/r"].len(), 2);
    }

    #[test]
    fn a_failure_names_a_few_pages_and_counts_the_rest() {
        let f = Failure {
            url: "https://x.org/".into(),
            why: "404 Not Found".into(),
            pages: (0..8).map(|i| format!("p{i}/index.html")).collect(),
        };
        let p = f.problem();
        assert!(p.file.contains("p4/index.html") && !p.file.contains("p5/"));
        assert!(p.file.ends_with("and 3 more"), "{}", p.file);
        assert_eq!(p.found, "https://x.org/ (404 Not Found)");
    }
}
