//! Same input, same bytes: whatever the order files were created in and
//! whenever the build runs; and a build killed at any moment leaves the
//! previous output whole.

use std::time::{Duration, Instant};

use crate::common::{self, Scratch};

#[test]
fn file_creation_order_and_time_do_not_matter() {
    let a = Scratch::new();
    // The same content, its files created in reverse order, a second later.
    let b = tempfile::tempdir().unwrap();
    let mut files: Vec<_> = walkdir::WalkDir::new(a.content())
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    files.reverse();
    for f in files {
        let target = b
            .path()
            .join("content")
            .join(f.strip_prefix(a.content()).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&f, &target).unwrap();
    }
    std::thread::sleep(Duration::from_millis(1100));
    let theme = common::shipped_theme();
    for dir in [a.dir.path(), b.path()] {
        let o = common::run(dir, &["build", "-q", "--theme", theme.to_str().unwrap()]);
        assert!(o.status.success(), "{}", common::stderr(&o));
    }
    common::assert_same_site(
        &common::snapshot(&a.output()),
        &common::snapshot(&b.path().join("output")),
        "with files created in another order",
    );
}

/// A site big enough that a build takes a while, so a kill lands inside it.
fn big_site() -> Scratch {
    let s = Scratch::new();
    let body = "Paragraf siaran pers tentang netralitas ASN. ".repeat(60);
    for i in 0..600 {
        s.write(
            &format!("press/2021-01-01-rilis-{i:04}.md"),
            &format!("---\ntitle: Rilis {i}\ndate: 2021-01-01\nlang: id\nsummary: Ringkasan {i}.\nsources: [kilas24-2020-03-08]\ntags: [uji-{}]\n---\n\n{body}\n", i % 40),
        );
    }
    s
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_whole() {
    let s = big_site();
    let build = || s.build_with(&["-q"]);
    assert!(build().status.success());
    let before = common::snapshot(&s.output());
    // The next build would change pages: a half-swapped output would show.
    s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 260");
    let start = Instant::now();
    assert!(build().status.success());
    let full = start.elapsed();
    let after = common::snapshot(&s.output());
    assert_ne!(before, after);
    // Back to the old output, then kill new builds at spread-out moments.
    s.replace("figures/kasn-2020-10-07.yaml", "value: 260", "value: 256");
    assert!(build().status.success());
    assert_eq!(common::snapshot(&s.output()), before);
    s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 260");
    for i in 1..=6u32 {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_netra"))
            .args(s.args("build", Some("output")))
            .arg("-q")
            .current_dir(s.dir.path())
            .spawn()
            .unwrap();
        std::thread::sleep(full * i / 7);
        let _ = child.kill();
        let _ = child.wait();
        let now = common::snapshot(&s.output());
        assert!(
            now == before || now == after,
            "kill {i} left a mixed or partial output"
        );
        if now == after {
            // That build finished before the kill; start from the old site again.
            s.replace("figures/kasn-2020-10-07.yaml", "value: 260", "value: 256");
            assert!(build().status.success());
            s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 260");
        }
    }
    // And the next build completes normally.
    assert!(build().status.success());
    assert_eq!(common::snapshot(&s.output()), after);
}

/// `build` streams pages to disk a chunk at a time; what it writes is
/// exactly the site `render_site` holds in memory (search index included).
#[test]
fn the_streamed_build_writes_the_site_rendered_in_memory() {
    let s = big_site().with_cases();
    let opts = netra::BuildOptions {
        content: s.content(),
        theme: common::shipped_theme(),
        output: s.output(),
        ..Default::default()
    };
    let memory = common::render_site(&opts).unwrap().output;
    let summary = netra::build(&opts).unwrap();
    assert!(
        summary.pages > netra::pipeline::CHUNK,
        "more than one chunk: {}",
        summary.pages
    );
    let disk = common::snapshot(&s.output());
    assert_eq!(disk.len(), memory.len());
    assert_eq!(summary.files, memory.len());
    for (k, v) in &memory {
        assert!(disk.get(std::path::Path::new(k)) == Some(v), "{k} differs");
    }
}

/// The streamed build over more than one chunk, with cases and the search
/// index, writes the same bytes on one thread as on four: chunks, link
/// ledger, cards made on first use and the index's page data all meet
/// pages in whatever order the threads take them.
#[test]
fn the_streamed_build_does_not_depend_on_the_thread_count() {
    let s = big_site().with_cases();
    let one = s.build_on_threads("1", "out1");
    let four = s.build_on_threads("4", "out4");
    assert!(
        one.keys()
            .filter(|k| k.extension().is_some_and(|e| e == "html"))
            .count()
            > netra::pipeline::CHUNK,
        "more than one chunk"
    );
    assert!(
        one.keys().any(|k| k.starts_with("pagefind")),
        "search index built"
    );
    common::assert_same_site(&one, &four, "between 1 and 4 threads");
}
