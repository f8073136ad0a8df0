//! The built site in a real browser: the shipped content as the `netra`
//! binary builds it ([`common::shipped_site`]), served from 127.0.0.1
//! under the sub-path `/situs/` (so every link and asset must be
//! relative), and runs
//! `tests/browser/check.mjs`: headless Chromium for console errors, failed
//! requests, Content-Security-Policy violations, broken links and chart
//! layout at 390 and 1280 px; axe-core for WCAG 2.1 A and AA; the Nu HTML
//! Checker on every HTML file.
//!
//! Needs Chromium, Node.js, Java and `tests/browser/node_modules`:
//! `sh tests/browser/setup.sh` installs what is missing. Without them the
//! test fails and says so, unless `NETRA_SKIP_BROWSER=1` is set.

use crate::common;
use crate::web::{SUB_PATH, browser_tests_run, node, say, serve};

use std::time::{Duration, Instant};

/// The whole check (build, browser, validator) stays well under this.
const TIMEOUT: Duration = Duration::from_secs(240);

#[test]
fn built_site_passes_browser_accessibility_and_html_checks() {
    if !browser_tests_run("the browser checks", &[]) {
        return;
    }

    let out = common::shipped_site().output();
    let port = serve(out.clone());
    let base = format!("http://127.0.0.1:{port}{SUB_PATH}");
    let (mut child, stdout, stderr) = node("check.mjs", &[base.as_ref(), out.as_ref()]);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let report = format!("{}{}", stdout.join().unwrap(), stderr.join().unwrap());
    match status {
        Some(s) if s.success() => say(&report),
        Some(s) => panic!("tests/browser/check.mjs failed ({s}):\n{report}"),
        None => panic!(
            "tests/browser/check.mjs did not finish in {}s:\n{report}",
            TIMEOUT.as_secs()
        ),
    }
}
