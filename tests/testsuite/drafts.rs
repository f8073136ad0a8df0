//! Drafts and embargoes: what `build` leaves out, what `--drafts` and
//! `--now` bring back, links to what is held back, `netra new`'s drafts,
//! and `serve`'s preview with drafts kept out of the output folder.

use std::path::Path;

use crate::common::{self, Scratch};

const RELEASE: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";
const SLUG: &str = "2020-08-05-gnn-asn-seri-kedua";
const TWIN: &str = "press/2020-08-05-gnn-asn-second-series.md";

/// Every file of `dir` that names `needle`, as relative paths.
fn files_naming(dir: &Path, needle: &str) -> Vec<String> {
    common::snapshot(dir)
        .into_iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains(needle))
        .map(|(p, _)| p.display().to_string())
        .collect()
}

/// Pages in the search index, over every language.
fn indexed_pages(dir: &Path) -> u64 {
    let entry = std::fs::read_to_string(dir.join("pagefind/pagefind-entry.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&entry).unwrap();
    v["languages"]
        .as_object()
        .unwrap()
        .values()
        .map(|l| l["page_count"].as_u64().unwrap())
        .sum()
}

fn build_into(s: &Scratch, out: &str, extra: &[&str], env: &[(&str, &str)]) {
    let args: Vec<String> = s
        .args("build", Some(out))
        .into_iter()
        .chain(extra.iter().map(|a| a.to_string()))
        .collect();
    let o = s.netra_env(&args, env);
    assert!(o.status.success(), "{}", common::stderr(&o));
}

#[test]
fn a_draft_is_in_no_page_list_feed_sitemap_search_or_download_unless_asked() {
    let s = Scratch::new();
    build_into(&s, "before", &[], &[]);
    let before = s.dir.path().join("before");
    let linked = files_naming(&before, SLUG);
    assert!(
        linked.iter().any(|f| f == "sitemap.xml") && linked.iter().any(|f| f.ends_with("atom.xml")),
        "the published release is in the sitemap and feed: {linked:?}"
    );
    // With its translation, which names it: nothing published links to it.
    s.replace(RELEASE, "---\n", "---\ndraft: true\n");
    s.replace(TWIN, "---\n", "---\ndraft: true\n");
    build_into(&s, "pub", &[], &[]);
    build_into(&s, "all", &["--drafts"], &[]);
    let (public, all) = (s.dir.path().join("pub"), s.dir.path().join("all"));
    assert_eq!(files_naming(&public, SLUG), Vec::<String>::new());
    assert_eq!(
        files_naming(&all, SLUG),
        linked,
        "--drafts publishes it as before"
    );
    assert_eq!(
        indexed_pages(&all),
        indexed_pages(&public) + 2,
        "both languages"
    );
    assert_eq!(indexed_pages(&all), indexed_pages(&before));
    // The preview marks it, in its language.
    let page = std::fs::read_to_string(all.join(format!("siaran-pers/{SLUG}/index.html"))).unwrap();
    assert!(
        page.contains("draft-banner") && page.contains("Draf."),
        "{page}"
    );

    let check = s.check();
    assert!(check.status.success(), "{}", common::stderr(&check));
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        said.contains(&format!(
            "not published: {RELEASE} (press release {SLUG}, draft)"
        )) && said.contains(&format!("not published: {TWIN} (")),
        "{said}"
    );
}

#[test]
fn a_draft_case_and_figure_leave_the_counts_and_downloads() {
    let s = Scratch::new().with_cases();
    build_into(&s, "before", &[], &[]);
    let case = std::fs::read_dir(s.content().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".yaml"))
        .min()
        .unwrap();
    let id = case.trim_end_matches(".yaml");
    assert!(!files_naming(&s.dir.path().join("before"), id).is_empty());
    let text = s.read(&format!("cases/{case}"));
    s.write(&format!("cases/{case}"), &format!("draft: true\n{text}"));
    build_into(&s, "pub", &[], &[]);
    assert_eq!(
        files_naming(&s.dir.path().join("pub"), id),
        Vec::<String>::new()
    );
}

/// Makes the second series a draft, in both languages, and links to it
/// from another release, followed by `more`; returns the draft's file and
/// the linking release's.
pub(crate) fn link_to_a_draft(s: &Scratch, more: &str) -> (&'static str, &'static str) {
    for f in [RELEASE, TWIN] {
        s.replace(f, "---\n", "---\ndraft: true\n");
    }
    let other = "press/2018-07-05-bawaslu-356-cases-pilkada-2018.md";
    let text = s.read(other);
    s.write(
        other,
        &format!("{text}\nSee [the second series](/siaran-pers/{SLUG}/){more}.\n"),
    );
    (RELEASE, other)
}

#[test]
fn a_published_page_linking_to_a_draft_fails_naming_both_files() {
    let s = Scratch::new();
    let (draft, other) = link_to_a_draft(&s, "");
    for out in [s.check(), s.build()] {
        assert!(!out.status.success());
        let err = common::stderr(&out);
        common::assert_has(
            &err,
            &[
                "links to a press release that is not published",
                &format!("content/{other}:"),
                draft,
                "draft",
            ],
        );
    }
    assert!(!s.output().exists(), "nothing was written");
}

#[test]
fn a_figure_list_naming_an_embargoed_figure_fails_naming_both_files() {
    let s = Scratch::new();
    let other = "press/2018-07-05-bawaslu-356-cases-pilkada-2018.md";
    let figure = "figures/bawaslu-2018-07-05.yaml";
    let text = s.read(figure);
    s.write(
        figure,
        &format!("publish_at: 2030-01-01T00:00+07:00\n{text}"),
    );
    let out = s.check_with(&["--now", "2029-12-31T23:59+07:00"]);
    let err = common::stderr(&out);
    assert!(!out.status.success());
    common::assert_has(
        &err,
        &[
            "links to a figure that is not published",
            &format!("content/{other}:13:5"),
            "field:    figures[0]",
            figure,
            "embargoed until 2030-01-01T00:00+07:00",
        ],
    );
    // At the moment itself it is published, and so is the link.
    let out = s.check_with(&["--now", "2030-01-01T00:00+07:00"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn an_embargo_ends_at_its_moment_by_now_or_source_date_epoch() {
    let s = Scratch::new();
    for f in [RELEASE, TWIN] {
        s.replace(f, "---\n", "---\npublish_at: 2026-12-09T10:00+07:00\n");
    }
    let has = |out: &str| {
        s.dir
            .path()
            .join(out)
            .join(format!("siaran-pers/{SLUG}/index.html"))
            .exists()
    };
    build_into(&s, "early", &["--now", "2026-12-09T09:59+07:00"], &[]);
    build_into(&s, "on-time", &["--now", "2026-12-09T10:00+07:00"], &[]);
    // 2026-12-09T02:59:59Z and 03:00:00Z.
    build_into(
        &s,
        "epoch-early",
        &[],
        &[("SOURCE_DATE_EPOCH", "1796785199")],
    );
    build_into(
        &s,
        "epoch-on-time",
        &[],
        &[("SOURCE_DATE_EPOCH", "1796785200")],
    );
    assert!(!has("early") && !has("epoch-early"));
    assert!(has("on-time") && has("epoch-on-time"));
    let said =
        String::from_utf8_lossy(&s.check_with(&["--now", "2026-12-01T00:00Z"]).stdout).to_string();
    assert!(
        said.contains("embargoed until 2026-12-09T10:00+07:00"),
        "{said}"
    );
    // The same now, the same bytes.
    build_into(&s, "again", &["--now", "2026-12-09T10:00+07:00"], &[]);
    assert!(
        common::snapshot(&s.dir.path().join("again"))
            == common::snapshot(&s.dir.path().join("on-time"))
    );
}

#[test]
fn a_bad_publish_at_or_now_is_an_error_naming_where() {
    let s = Scratch::new();
    s.replace(RELEASE, "---\n", "---\npublish_at: 2026-12-09 10:00\n");
    let err = common::stderr(&s.check());
    common::assert_has(
        &err,
        &[
            &format!("content/{RELEASE}:2:13"),
            "field:    publish_at",
            "YYYY-MM-DDTHH:MM+07:00",
        ],
    );
    let out = s.check_with(&["--now", "2026-12-09T10:00"]);
    assert!(!out.status.success());
    assert!(common::stderr(&out).contains("--now"));
    let out = s.netra_env(s.args("check", None), &[("SOURCE_DATE_EPOCH", "soon")]);
    assert!(common::stderr(&out).contains("SOURCE_DATE_EPOCH"));
}
