//! External links are fetched only on request (`--external`), against
//! servers on this machine only: a link that answers passes, a 404 is
//! listed with the pages that link to it, a server that never answers is
//! listed after the timeout, and without the flag nothing is fetched.

use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::common::{self, Scratch};

const RELEASE: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";
const PAGE: &str = "siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html";

/// Servers on 127.0.0.1 that count what reaches them and stop by
/// themselves when the test ends (or after a minute at most).
struct Servers {
    /// Answers `/ok` 200, `/head-refused` 405 to HEAD and 200 to GET,
    /// anything else 404.
    web: Arc<tiny_http::Server>,
    web_port: u16,
    /// Accepts connections and never answers.
    silent_port: u16,
    requests: Arc<AtomicUsize>,
}

impl Servers {
    fn start() -> Self {
        let web = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let web_port = web.server_addr().to_ip().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let (server, count) = (web.clone(), requests.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                count.fetch_add(1, Ordering::SeqCst);
                let head = *request.method() == tiny_http::Method::Head;
                let status = match request.url() {
                    "/ok" => 200,
                    "/head-refused" if head => 405,
                    "/head-refused" => 200,
                    _ => 404,
                };
                let _ = request.respond(tiny_http::Response::empty(status));
            }
        });
        let silent = TcpListener::bind("127.0.0.1:0").unwrap();
        let silent_port = silent.local_addr().unwrap().port();
        silent.set_nonblocking(true).unwrap();
        let count = requests.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            let end = Instant::now() + Duration::from_secs(60);
            while Instant::now() < end {
                match silent.accept() {
                    Ok((conn, _)) => {
                        count.fetch_add(1, Ordering::SeqCst);
                        held.push(conn);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        });
        Servers {
            web,
            web_port,
            silent_port,
            requests,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.web_port)
    }

    fn silent_url(&self) -> String {
        format!("http://127.0.0.1:{}/silent", self.silent_port)
    }
}

impl Drop for Servers {
    fn drop(&mut self) {
        self.web.unblock();
    }
}

/// The shipped content with links to the local servers: a source's
/// address, and links in a release. No other external address is left.
fn content_with_links(servers: &Servers) -> Scratch {
    let s = Scratch::new();
    // The record's sources carry their real addresses: left out here, so
    // that nothing is fetched from the internet.
    let sources: String = s
        .read("sources.yaml")
        .lines()
        .filter(|l| !l.trim_start().starts_with("url: "))
        .map(|l| format!("{l}\n"))
        .collect();
    s.write("sources.yaml", &sources);
    s.replace(
        "sources.yaml",
        "  place: \"Jakarta\"\n",
        &format!("  place: \"Jakarta\"\n  url: \"{}\"\n", servers.url("/ok")),
    );
    let text = s.read(RELEASE);
    s.write(
        RELEASE,
        &format!(
            "{text}\nLihat [arsip]({}), [salinan]({}) dan [cermin]({}#bagian).\n",
            servers.url("/gone"),
            servers.url("/head-refused"),
            servers.silent_url()
        ),
    );
    let web = regex::Regex::new(r#"https?://[^\s)"'<>]+"#).unwrap();
    for (path, bytes) in common::snapshot(&s.content()) {
        for m in web.find_iter(&String::from_utf8_lossy(&bytes)) {
            assert!(
                m.as_str().starts_with("http://127.0.0.1:")
                    || m.as_str().starts_with("https://netra.example.org/"),
                "{}: {} would be fetched from the internet",
                path.display(),
                m.as_str()
            );
        }
    }
    s
}

/// `netra check --external --timeout 1` of the content, with `extra` flags.
fn check_external(s: &Scratch, extra: &[&str]) -> std::process::Output {
    let args = [&["--external", "--timeout", "1"], extra].concat();
    s.check_with(&args)
}

#[test]
fn failing_external_links_are_listed_with_their_pages() {
    let servers = Servers::start();
    let s = content_with_links(&servers);
    let started = Instant::now();
    let out = check_external(&s, &[]);
    let took = started.elapsed();
    let err = common::stderr(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    // Warnings: the content is valid.
    assert!(out.status.success(), "{err}");
    assert!(
        said.contains("checked 4 external links: 2 failed"),
        "{said}"
    );
    assert!(
        err.contains(&format!(
            "found:    {} (404 Not Found)",
            servers.url("/gone")
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "found:    {} (no answer within 1 s)",
            servers.silent_url()
        )),
        "{err}"
    );
    assert_eq!(
        err.matches("warning: external link failed").count(),
        2,
        "{err}"
    );
    assert_eq!(
        err.matches(&format!("--> output: {PAGE}")).count(),
        2,
        "{err}"
    );
    assert!(
        !err.contains("/ok") && !err.contains("/head-refused"),
        "{err}"
    );
    // Bounded, not timed: the silent server is given up on after 1 s, so
    // a hang would show here; the rest is `check` itself, a few seconds
    // in a debug build, more on a busy machine (13.7 s once in CI while
    // other builds ran).
    assert!(took < Duration::from_secs(40), "took {took:?}");

    // Strict: the same failures are errors, and the run fails.
    let out = check_external(&s, &["--strict-external"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("error: external link failed").count(),
        2,
        "{err}"
    );
}

#[test]
fn the_build_lists_failing_external_links_as_warnings() {
    let servers = Servers::start();
    let s = content_with_links(&servers);
    let out = s.build_with(&["--no-search", "--external", "--timeout", "1"]);
    let err = common::stderr(&out);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{err}");
    assert!(said.contains("2 warnings"), "{said}");
    assert!(err.contains("(404 Not Found)"), "{err}");
    assert!(s.output().join(PAGE).is_file());
}

#[test]
fn without_the_flag_nothing_is_fetched() {
    let servers = Servers::start();
    let s = content_with_links(&servers);
    let check = s.check();
    assert!(check.status.success(), "{}", common::stderr(&check));
    let build = s.build();
    assert!(build.status.success(), "{}", common::stderr(&build));
    // The links are on the page, and were left alone.
    let page = std::fs::read_to_string(s.output().join(PAGE)).unwrap();
    assert!(page.contains(&servers.url("/gone")), "{page}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(servers.requests.load(Ordering::SeqCst), 0);
}

#[test]
fn the_timeout_must_be_a_number_of_seconds() {
    let s = Scratch::new();
    let out = s.netra(["check", "--external", "--timeout", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("not a number of seconds"));
    let out = s.netra(["check", "--timeout", "5"]);
    assert_eq!(out.status.code(), Some(2), "--timeout needs --external");
}
