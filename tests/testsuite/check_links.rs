//! No broken link ships: `netra check` finds every broken internal link,
//! asset and `#anchor`, in Markdown and in templates, without building
//! the site, and names the file, the line and the link; the build reports
//! the same.

use crate::common::{self, Scratch};

const RELEASE: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";
const OTHER: &str = "press/2020-10-07-gnn-asn-seri-keempat.md";

/// Appends a paragraph to a release; returns the line it is on.
fn append(s: &Scratch, rel: &str, paragraph: &str) -> usize {
    let text = s.read(rel);
    let text = text.trim_end();
    s.write(rel, &format!("{text}\n\n{paragraph}\n"));
    text.lines().count() + 2
}

fn errors(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.starts_with("error")).collect()
}

#[test]
fn check_names_the_file_line_and_link_of_each_broken_markdown_link() {
    let s = Scratch::new();
    let line = append(
        &s,
        RELEASE,
        "Lihat [angka](../../angka/kasn-2099/), [grafik](../../statistik/#tidak-ada) dan [unduhan](../../data/kasus-lama.csv).",
    );
    let out = s.check();
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let file = format!("content/{RELEASE}");
    for (column, link, why) in [
        (
            7,
            "../../angka/kasn-2099/",
            "points to angka/kasn-2099/index.html, which the build does not write",
        ),
        (
            40,
            "../../statistik/#tidak-ada",
            "anchor #tidak-ada does not exist in statistik/index.html",
        ),
        (
            81,
            "../../data/kasus-lama.csv",
            "points to data/kasus-lama.csv, which the build does not write",
        ),
    ] {
        assert!(
            err.contains(&format!("{file}:{line}:{column}")),
            "no {file}:{line}:{column} in\n{err}"
        );
        assert!(
            err.contains(&format!("found:    {link} ({why})")),
            "{link}: {err}"
        );
    }
    assert!(
        err.contains("relative links start from siaran-pers/2020-08-05-gnn-asn-seri-kedua/"),
        "{err}"
    );
    assert!(err.contains("3 problems found"), "{err}");
    // The build refuses the same links, naming the same file and lines.
    let build = s.build();
    let build_err = common::stderr(&build);
    assert_eq!(build.status.code(), Some(1), "{build_err}");
    assert_eq!(errors(&build_err), errors(&err));
    assert!(
        build_err.contains(&format!("{file}:{line}:81")),
        "{build_err}"
    );
    assert!(!s.output().exists(), "a failed build wrote output");
}

#[test]
fn good_links_pass_check_and_build() {
    let s = Scratch::new();
    append(
        &s,
        OTHER,
        "## Dasar hukum {#dasar-hukum}\n\nLihat catatan[^1].",
    );
    append(
        &s,
        RELEASE,
        "Lihat [seri keempat](../2020-10-07-gnn-asn-seri-keempat/), \
         [dasar hukumnya](../2020-10-07-gnn-asn-seri-keempat/#dasar-hukum), \
         [catatan kaki](../2020-10-07-gnn-asn-seri-keempat/#1), \
         [grafik](../../statistik/#kasn-2020-07-31-position), \
         [tabelnya](../../statistik/kasn-2020-07-31-position.csv), \
         [data angka](../../data/figures.csv), [paket data](/data/datapackage.json), \
         [versi Inggris](../../en/press/) dan [kembali ke atas](#main).",
    );
    let out = s.check();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("is valid"), "{said}");
    let build = s.build();
    assert!(build.status.success(), "{}", common::stderr(&build));
    let page = std::fs::read_to_string(
        s.output()
            .join("siaran-pers/2020-10-07-gnn-asn-seri-keempat/index.html"),
    )
    .unwrap();
    assert!(page.contains("<h2 id=\"dasar-hukum\">"), "{page}");
}

#[test]
fn a_link_inside_the_same_text_needs_its_anchor() {
    let s = Scratch::new();
    let line = append(&s, RELEASE, "Lihat [catatan](#2) di bawah.");
    let out = s.check();
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("{RELEASE}:{line}:7")), "{err}");
    assert!(
        err.contains(
            "#2 (anchor #2 does not exist in siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html)"
        ),
        "{err}"
    );
}

/// The report of a run that must exit 1.
fn fails(out: std::process::Output) -> String {
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[test]
fn check_finds_a_broken_link_in_a_template() {
    let s = Scratch::new().with_theme_copy();
    s.edit_template(
        "press.html",
        "{{ root }}{{ tag.url }}",
        "{{ root }}{{ tag.url }}semua/",
    );
    let err = fails(s.check());
    assert!(err.contains("output: siaran-pers/"), "{err}");
    // Which tags the report names depends on the pages check samples, so
    // any tag of an Indonesian release will do.
    let broken = |report: &str| {
        report.lines().any(|l| {
            l.contains("found:    ../../tag/")
                && l.ends_with("/semua/index.html, which the build does not write)")
        })
    };
    assert!(broken(&err), "{err}");
    let build = fails(s.build());
    assert!(broken(&build), "{build}");
    assert!(!s.dir.path().join("output").exists());
}

#[test]
fn check_finds_a_missing_asset_and_anchor_of_the_theme() {
    let s = Scratch::new().with_theme_copy();
    s.edit_template(
        "base.html",
        "{{ root }}{{ asset(path=\"style.css\") }}",
        "{{ root }}assets/gaya.css",
    );
    let from = "{% for l in f.releases %}<li><a href=\"{{ root }}{{ l.url }}";
    s.edit_template("figure.html", from, &format!("{from}#grafik"));
    // `check` renders the first pages of each kind; the first figure page
    // (in file order) must list a release for the edited loop to emit a link.
    let mut figures: Vec<_> = std::fs::read_dir(s.content().join("figures"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    figures.sort();
    let first = figures[0].trim_end_matches(".yaml");
    s.replace(
        "press/2020-10-07-gnn-asn-seri-keempat.md",
        "figures:\n",
        &format!("figures:\n  - {first}\n"),
    );
    let err = fails(s.check());
    // One problem for the stylesheet, however many pages link to it.
    assert_eq!(
        err.matches("assets/gaya.css, which the build does not write")
            .count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("#grafik (anchor #grafik does not exist in siaran-pers/"),
        "{err}"
    );
}

/// `Site::files`, which every link check starts from, names exactly the
/// files the build writes (the search bundle's files named by a hash of
/// their content aside), with cases so that every kind of page exists.
#[test]
fn the_site_lists_what_the_build_writes() {
    use std::collections::BTreeSet;
    let s = Scratch::new().with_cases();
    let opts = netra::pipeline::BuildOptions {
        content: s.content(),
        theme: common::shipped_theme(),
        ..Default::default()
    };
    let built = common::render_site(&opts)
        .unwrap_or_else(|e| panic!("{e}"))
        .output;
    let site = netra::site::Site::load(&opts.sources(), &mut netra::site::Laps::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!site.content.cases.is_empty());
    let others = site.renderer().site_files(&site.pages);
    let listed: BTreeSet<&str> = site.files(others.keys().map(String::as_str)).collect();
    let written: BTreeSet<&str> = built
        .keys()
        .map(String::as_str)
        .filter(|p| {
            p.strip_prefix(netra::search::BUNDLE_DIR)
                .is_none_or(|f| netra::search::FIXED_FILES.contains(&f))
        })
        .collect();
    assert_eq!(listed, written);
}
