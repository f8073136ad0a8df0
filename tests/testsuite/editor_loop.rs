//! The editor's commands: `netra new` scaffolds, the change report, and
//! output that fits a CI log.

use crate::common::{self, Scratch};

fn netra_at(s: &Scratch, args: &[&str], epoch: &str) -> std::process::Output {
    s.netra_env(args, &[("SOURCE_DATE_EPOCH", epoch)])
}

#[test]
fn new_press_release_is_a_draft_that_passes_check_and_never_overwrites() {
    let s = Scratch::new();
    // 2020-09-13 UTC.
    let out = netra_at(
        &s,
        &["new", "press", "KASN: 700 ASN Dilaporkan!"],
        "1600000000",
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let rel = "press/2020-09-13-kasn-700-asn-dilaporkan.md";
    let text = s.read(rel);
    assert!(
        text.contains("title: \"KASN: 700 ASN Dilaporkan!\"")
            && text.contains("date: 2020-09-13")
            && text.contains("lang: id"),
        "{text}"
    );
    // A draft that passes check as it is: every field present, each
    // explained, references the site's own; build leaves it out.
    assert!(
        text.contains("\ndraft: true\n") && text.contains("summary: "),
        "{text}"
    );
    assert!(
        text.lines().filter(|l| l.starts_with('#')).count() >= 8,
        "{text}"
    );
    let check = s.check();
    assert!(check.status.success(), "{}", common::stderr(&check));
    assert!(
        String::from_utf8_lossy(&check.stdout)
            .contains(&format!("not published: {rel} (press release")),
    );
    // A second run refuses and leaves the file as it was.
    std::fs::write(s.content().join(rel), "edited").unwrap();
    let again = netra_at(
        &s,
        &["new", "press", "KASN: 700 ASN Dilaporkan!"],
        "1600000000",
    );
    assert!(!again.status.success());
    assert!(common::stderr(&again).contains("already exists"));
    assert_eq!(s.read(rel), "edited");
}

#[test]
fn new_case_and_figure_are_drafts_with_ids_and_every_required_field() {
    let s = Scratch::new();
    assert!(
        netra_at(&s, &["new", "case"], "1600000000")
            .status
            .success()
    );
    assert!(
        netra_at(&s, &["new", "case"], "1600000000")
            .status
            .success()
    );
    assert!(
        netra_at(&s, &["new", "figure"], "1600000000")
            .status
            .success()
    );
    let case = s.read("cases/2020-0002.yaml");
    for field in [
        "id: 2020-0002",
        "date: 2020-09-13",
        "election:",
        "region:",
        "agency:",
        "position:",
        "categories:",
        "outcome:",
        "source:",
    ] {
        assert!(case.contains(field), "case scaffold lacks {field}");
    }
    assert!(
        s.read("figures/kasn-2020-09-13.yaml")
            .contains("as_of: 2020-09-13")
    );
    // Drafts that pass check as they are, and that build leaves out.
    let check = s.check();
    assert!(check.status.success(), "{}", common::stderr(&check));
    let said = String::from_utf8_lossy(&check.stdout).to_string();
    for held in [
        "cases/2020-0001.yaml (case 2020-0001, draft)",
        "cases/2020-0002.yaml (case 2020-0002, draft)",
        "figures/kasn-2020-09-13.yaml (figure kasn-2020-09-13, draft)",
    ] {
        assert!(said.contains(held), "{said}");
    }
    let build = s.build();
    assert!(build.status.success(), "{}", common::stderr(&build));
    assert!(!s.output().join("kasus/2020-0001/index.html").exists());
    // With the drafts, their pages are there.
    let build = s.build_with(&["--drafts"]);
    assert!(build.status.success(), "{}", common::stderr(&build));
    assert!(
        s.page("kasus/2020-0001/index.html")
            .contains("draft-banner")
    );
}

#[test]
fn change_report_names_pages_and_figures_that_changed() {
    let s = Scratch::new();
    let build = |extra: &[&str]| {
        let o = s.build_with(extra);
        assert!(o.status.success(), "{}", common::stderr(&o));
        String::from_utf8(o.stdout).unwrap()
    };
    build(&[]);
    let same = build(&["--report", "same.json"]);
    assert!(
        same.contains("0 pages added, 0 removed, 0 changed; 0 published figures changed"),
        "{same}"
    );
    s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 260");
    build(&["--report", "r.json"]);
    let r: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(s.dir.path().join("r.json")).unwrap())
            .unwrap();
    let figures = r["figures"].as_array().unwrap();
    assert_eq!(figures.len(), 1, "{r}");
    assert_eq!(figures[0]["old"], "256 people");
    assert_eq!(figures[0]["new"], "260 people");
    let changed: Vec<&str> = r["pages"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        changed.contains(&"angka/kasn-2020-10-07/index.html")
            && changed.contains(&"statistik/kasn-2020-10-07-tindak-lanjut/index.html"),
        "{changed:?}"
    );
    assert!(
        !changed.contains(&"angka/kasn-2018/index.html"),
        "an unrelated page is reported changed"
    );
    assert!(r["pages"]["added"].as_array().unwrap().is_empty());
    // Markdown for a CI comment.
    build(&["--report", "r.md", "--previous", "output"]);
}

#[test]
fn quiet_is_quiet_and_logs_have_no_colour_codes() {
    let s = Scratch::new();
    let o = s.build_with(&["-q"]);
    assert!(
        o.status.success() && o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    s.replace("figures/kasn-2018.yaml", "value: 508", "value: x");
    let o = s.check();
    let err = common::stderr(&o);
    assert!(err.starts_with("error: "), "{err}");
    assert!(!err.contains('\x1b'), "colour codes in a non-terminal log");
    assert!(o.stdout.is_empty(), "errors go to stderr only");
}
