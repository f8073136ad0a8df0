//! Lighthouse on a phone: the pages a reader lands on score at least 95
//! for Performance and 100 for Accessibility, Best Practices and SEO,
//! with Lighthouse's default mobile emulation and slow-4G throttling, in
//! Debian's Chromium (`tests/browser/lighthouse.mjs`). Both the shipped
//! site and a site of 10 000 releases that all cite the yearly figures,
//! as an agency's releases do: no page may slow down as the site grows.
//! The scores are printed with the test's output.
//!
//! Needs what the browser test needs (`sh tests/browser/setup.sh`);
//! skipped with it under `NETRA_SKIP_BROWSER=1`.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::browser::{drain, missing_tools, say, serve};
use crate::common;

/// The pages to score, as (what, path): the same kinds on both sites.
fn pages(release: &str) -> Vec<(&'static str, String)> {
    vec![
        ("home", String::new()),
        ("statistics", "statistik/".into()),
        ("figure", "angka/kasn-2020-07-31/".into()),
        ("chart embed", "statistik/per-tahun-asn-terlibat/".into()),
        ("release", format!("siaran-pers/{release}/")),
        ("data", "data/".into()),
        ("English home", "en/".into()),
    ]
}

/// Scores the pages of the site built in `out`; every failing score is
/// listed.
fn score(name: &str, out: &Path, release: &str, failures: &mut Vec<String>) {
    let port = serve(out.to_path_buf());
    let base = format!("http://127.0.0.1:{port}/");
    let pages = pages(release);
    let mut child = Command::new("node")
        .arg(common::repo().join("tests/browser/lighthouse.mjs"))
        .arg(&base)
        .args(pages.iter().map(|(_, p)| p))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("could not start node");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let status = child.wait().unwrap();
    let stdout = stdout.join().unwrap();
    assert!(
        status.success(),
        "lighthouse failed on {name}:\n{}",
        stderr.join().unwrap()
    );
    let mut table = format!(
        "\nLighthouse, {name} (mobile, simulated slow 4G):\n| page | path | Performance | Accessibility | Best Practices | SEO | LCP ms | bytes |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
    );
    for (line, (what, path)) in stdout.lines().zip(&pages) {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON line per page");
        let s = &v["scores"];
        let get = |k: &str| s[k].as_u64().unwrap_or(0);
        table.push_str(&format!(
            "| {what} | /{path} | {} | {} | {} | {} | {} | {} |\n",
            get("performance"),
            get("accessibility"),
            get("best-practices"),
            get("seo"),
            v["metrics"]["lcp_ms"],
            v["metrics"]["bytes"]
        ));
        let wanted = [
            ("performance", 95),
            ("accessibility", 100),
            ("best-practices", 100),
            ("seo", 100),
        ];
        for (k, min) in wanted {
            if get(k) < min {
                failures.push(format!(
                    "{name} /{path}: {k} {} < {min}; failing audits: {}",
                    get(k),
                    v["failing"]
                ));
            }
        }
    }
    say(&table);
}

#[test]
fn pages_score_well_on_a_phone_small_and_large() {
    if std::env::var("NETRA_SKIP_BROWSER").as_deref() == Ok("1") {
        say("lighthouse skipped: NETRA_SKIP_BROWSER=1\n");
        return;
    }
    let missing = missing_tools();
    assert!(
        missing.is_empty(),
        "lighthouse needs {}: run `sh tests/browser/setup.sh`",
        missing.join(", ")
    );
    assert!(
        common::repo()
            .join("tests/browser/node_modules/lighthouse/package.json")
            .is_file(),
        "lighthouse is not installed: run `sh tests/browser/setup.sh`"
    );
    let mut failures = Vec::new();
    score(
        "the shipped site",
        &common::shipped_site().output(),
        "2020-08-05-gnn-asn-seri-kedua",
        &mut failures,
    );

    let corpus = tempfile::tempdir().unwrap();
    let made = Command::new("python3")
        .arg(common::repo().join("bench/gen_corpus.py"))
        .args(["--out", corpus.path().join("c").to_str().unwrap()])
        .args(["--press", "10000", "--cite", "yearly"])
        .output()
        .expect("python3 runs bench/gen_corpus.py");
    assert!(made.status.success(), "{}", common::stderr(&made));
    let content = corpus.path().join("c");
    let mut releases: Vec<String> = std::fs::read_dir(content.join("press"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    releases.sort();
    let release = releases
        .iter()
        .rev()
        .find(|n| {
            std::fs::read_to_string(content.join("press").join(n))
                .is_ok_and(|t| t.contains("\nlang: id\n"))
        })
        .expect("an Indonesian release")
        .trim_end_matches(".md")
        .to_string();
    let out = corpus.path().join("output");
    let built = common::run(
        corpus.path(),
        &[
            "build",
            "-q",
            "--content",
            content.to_str().unwrap(),
            "--theme",
            common::shipped_theme().to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert!(built.status.success(), "{}", common::stderr(&built));
    score(
        "10 000 releases citing the yearly figures",
        &out,
        &release,
        &mut failures,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
