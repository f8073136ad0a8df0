//! Each kind of bad input: the build fails, names the file, line, column
//! and field, says what was expected, and leaves the previous output as it
//! was, byte for byte.

use crate::common::{self, Scratch, assert_has, fails_cleanly};

const FIG: &str = "figures/kasn-2020-07-31.yaml";
const PRESS: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";

#[test]
fn yaml_syntax_error() {
    let err = fails_cleanly(|s| s.replace(FIG, "  en: \"Civil", "  en: \"Civil\" servants\""));
    assert_has(
        &err,
        &[
            "content/figures/kasn-2020-07-31.yaml:4:",
            "did not find expected key",
        ],
    );
    // One broken file is one problem: references to it are not reported again.
    assert_has(&err, &["1 problem found"]);
}

#[test]
fn wrong_type() {
    let err = fails_cleanly(|s| s.replace(FIG, "value: 456", "value: banyak"));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:11:",
            "wrong type",
            "counts[0].value",
            "expected: u64",
            "found:    string \"banyak\"",
        ],
    );
}

#[test]
fn missing_required_field() {
    let err = fails_cleanly(|s| s.replace(FIG, "source: tribunnews-2020-08-05\n", ""));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:1:",
            "missing required field",
            "field:    source",
        ],
    );
}

#[test]
fn unknown_field_is_a_typo_not_silence() {
    let err = fails_cleanly(|s| s.replace(FIG, "as_of:", "as_off:"));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:5:1",
            "unknown field",
            "found:    `as_off`",
        ],
    );
}

#[test]
fn unknown_vocabulary_code() {
    let err = fails_cleanly(|s| s.replace(FIG, "code: fungsional", "code: fungsionall"));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:18:15",
            "unknown code, not in vocab/positions.yaml",
            "shares[0].parts[1].code",
            "`fungsionall`",
        ],
    );
}

#[test]
fn duplicate_id() {
    let err = fails_cleanly(|s| s.write("figures/kasn-2020-07-31-copy.yaml", &s.read(FIG)));
    assert_has(
        &err,
        &[
            ":1:5",
            "duplicate figure id",
            "`kasn-2020-07-31` is already used in figures/kasn-2020-07-31",
            "id and file name differ",
        ],
    );
}

#[test]
fn impossible_date() {
    let err = fails_cleanly(|s| s.replace(FIG, "as_of: 2020-07-31", "as_of: 2020-02-30"));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:5:8",
            "field:    as_of",
            "found:    `2020-02-30`",
            "no such day on the calendar",
            "the nearest is 2020-02-29",
            "1 problem found",
        ],
    );
}

#[test]
fn share_above_100() {
    let err = fails_cleanly(|s| s.replace(FIG, "percent: 25.4", "percent: 125.4"));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:19:18",
            "impossible share",
            "125.4",
            "shares add up to more than 100 %",
        ],
    );
}

#[test]
fn more_sanctioned_than_recommended() {
    let err =
        fails_cleanly(|s| s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 592"));
    assert_has(
        &err,
        &[
            "kasn-2020-10-07.yaml:",
            "a later stage holds more people than the one before it",
            "funnel[2].value",
            "at most 492",
            "found:    592",
        ],
    );
}

#[test]
fn source_that_points_nowhere() {
    let err = fails_cleanly(|s| {
        s.replace(
            PRESS,
            "  - tribunnews-2020-08-05",
            "  - tribunews-2020-08-05",
        )
    });
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:7:5",
            "not in sources.yaml",
            "sources[0]",
        ],
    );
}

#[test]
fn personal_data_field_is_refused() {
    let err =
        fails_cleanly(|s| s.replace(FIG, "compiled_by:", "nama: Fulan bin Fulan\ncompiled_by:"));
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:8:1",
            "personal data refused",
            "`nama`",
        ],
    );
    assert!(
        !err.contains("Fulan bin"),
        "the error repeats the personal data"
    );
}

#[test]
fn nip_in_a_press_release_is_refused() {
    let err = fails_cleanly(|s| {
        let text = s.read(PRESS);
        s.write(
            PRESS,
            &format!("{text}\nTerlapor ber-NIP 198001012005011001.\n"),
        );
    });
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "personal data in the text",
            "NIP",
        ],
    );
    assert!(
        !err.contains("198001012005011001"),
        "the error repeats the NIP"
    );
}

#[test]
fn every_problem_is_listed_in_one_run() {
    let err = fails_cleanly(|s| {
        s.replace(FIG, "code: fungsional", "code: fungsionall");
        s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 592");
        s.replace(PRESS, "date: 2020-08-05", "date: 2020-13-05");
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml",
            "kasn-2020-10-07.yaml",
            "2020-08-05-gnn-asn-seri-kedua.md:3:",
            "3 problems found",
        ],
    );
}

#[test]
fn template_error_names_the_template_and_keeps_output() {
    let s = Scratch::new().with_theme_copy().built();
    let before = common::snapshot(&s.output());
    s.edit_template(
        "press.html",
        "{{ page.title }}",
        "{{ page.title | no_such_filter }}",
    );
    let out = s.build();
    assert!(!out.status.success());
    assert_has(&common::stderr(&out), &["press.html", "no_such_filter"]);
    assert_eq!(common::snapshot(&s.output()), before);
}

#[test]
fn a_missing_content_folder_is_one_problem_not_a_cascade() {
    let err = fails_cleanly(|s| std::fs::remove_dir_all(s.content()).unwrap());
    assert_has(&err, &["content folder not found", "1 problem found"]);
    assert!(!err.contains("empty vocabulary"), "{err}");
}
