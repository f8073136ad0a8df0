//! What the browser tests share: finding the tools, a static server for a
//! built site, and printing past the test harness's capture. A module of
//! both test crates, `testsuite` and `lighthouse`.

use crate::common;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

/// Where [`serve`] puts the site, besides `/`.
pub const SUB_PATH: &str = "/situs/";

/// Prints past the test harness's capture, so a passing run shows its
/// report too.
pub fn say(text: &str) {
    let mut o = std::io::stdout().lock();
    let _ = o.write_all(text.as_bytes());
    let _ = o.flush();
}

/// A Node.js script of `tests/browser/` started with `args`, in the
/// repository, and readers of its output and errors: read both while it
/// runs, or it stops on a full pipe.
pub fn node(
    script: &str,
    args: &[&OsStr],
) -> (
    std::process::Child,
    std::thread::JoinHandle<String>,
    std::thread::JoinHandle<String>,
) {
    let repo = common::repo();
    let mut child = Command::new("node")
        .arg(repo.join("tests/browser").join(script))
        .args(args)
        .current_dir(&repo)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("could not start node");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    (child, stdout, stderr)
}

pub fn drain<R: Read + Send + 'static>(mut r: R) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let mut buf = Vec::new();
        let _ = r.read_to_end(&mut buf);
        s.push_str(&String::from_utf8_lossy(&buf));
        s
    })
}

pub fn chromium() -> PathBuf {
    std::env::var_os("NETRA_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether a browser test `what` runs: not under `NETRA_SKIP_BROWSER=1`
/// (which the output says), and otherwise only with Chromium, Node.js,
/// Java and the packages of `tests/browser/node_modules` it needs
/// (`modules`, besides those every browser test needs), or it fails
/// naming what is missing and how to install it.
pub fn browser_tests_run(what: &str, modules: &[&str]) -> bool {
    if std::env::var("NETRA_SKIP_BROWSER").as_deref() == Ok("1") {
        say(&format!("{what} skipped: NETRA_SKIP_BROWSER=1\n"));
        return false;
    }
    let mut missing = Vec::new();
    if !chromium().is_file() {
        missing.push(format!("Chromium at {}", chromium().display()));
    }
    if !runs("node", "--version") {
        missing.push("Node.js (`node`)".into());
    }
    if !runs("java", "-version") {
        missing.push("Java (`java`)".into());
    }
    let dir = common::repo().join("tests/browser/node_modules");
    let every = [
        "playwright-core/package.json",
        "axe-core/axe.min.js",
        "vnu-jar/build/dist/vnu.jar",
    ];
    for f in every.iter().chain(modules) {
        if !dir.join(f).is_file() {
            missing.push(format!("tests/browser/node_modules/{f}"));
        }
    }
    assert!(
        missing.is_empty(),
        "{what} needs {}: run `sh tests/browser/setup.sh` \
         (or set NETRA_SKIP_BROWSER=1 to skip it)",
        missing.join(", ")
    );
    true
}

/// A static server on 127.0.0.1 for the test's lifetime: the output under
/// `/situs/`, and also at `/`, where the site's base URL
/// (`https://netra.example.org/`) puts it, for the 404 page, which is
/// served at every depth and so links from the site's base path. The
/// checks fail any request a `/situs/` page makes outside `/situs/`.
/// A missing file gets `404.html` with status 404, as static hosts do.
pub fn serve(root: PathBuf) -> u16 {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    for _ in 0..4 {
        let server = Arc::clone(&server);
        let root = root.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let _ = respond(&root, request);
            }
        });
    }
    port
}

fn respond(root: &Path, request: tiny_http::Request) -> std::io::Result<()> {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    let rel = url.strip_prefix(SUB_PATH).or_else(|| url.strip_prefix('/'));
    let Some(rel) = rel.and_then(percent_decode) else {
        return request.respond(tiny_http::Response::empty(400));
    };
    if rel
        .split('/')
        .any(|s| s == ".." || s == "." || s.contains('\\'))
    {
        return request.respond(tiny_http::Response::empty(400));
    }
    let mut path = root.join(&rel);
    if path.is_dir() {
        if !rel.is_empty() && !rel.ends_with('/') {
            let to = format!("{url}/");
            let header = tiny_http::Header::from_bytes("Location", to.as_bytes()).unwrap();
            return request.respond(tiny_http::Response::empty(301).with_header(header));
        }
        path = path.join("index.html");
    }
    let (status, path) = if path.is_file() {
        (200, path)
    } else {
        (404, root.join("404.html"))
    };
    let body = std::fs::read(&path)?;
    let kind = match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    };
    let header = tiny_http::Header::from_bytes("Content-Type", kind).unwrap();
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header);
    request.respond(response)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}
