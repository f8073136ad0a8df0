//! A corpus of broken and hostile content. Each case applies one mutation
//! to a scratch copy of the shipped content (or adds a file no string edit
//! can make) and must end with a clear error naming the file, and the line
//! where there is one: a non-zero exit, no panic, bounded time and memory,
//! and the previous output untouched (`common::fails_cleanly`).

use std::io::Write;
use std::path::Path;

use crate::common::{self, Scratch, assert_has, fails_cleanly};

const FIG: &str = "figures/kasn-2020-07-31.yaml";
const PRESS: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";

type Breakage<'a> = Box<dyn Fn(&Scratch) + 'a>;

/// [`common::fails_cleanly`] for each case, after one good build.
fn each<T: Copy>(cases: &[T], apply: impl Fn(&Scratch, T)) -> Vec<String> {
    let apply = &apply;
    let closures: Vec<Breakage> = cases
        .iter()
        .map(|&c| Box::new(move |s: &Scratch| apply(s, c)) as Breakage)
        .collect();
    let refs: Vec<&dyn Fn(&Scratch)> = closures.iter().map(|b| b.as_ref()).collect();
    common::fails_cleanly_each(&refs)
}

// ---------------------------------------------------------------- front matter

#[test]
fn front_matter_never_closed() {
    let err = fails_cleanly(|s| {
        let text = s.read(PRESS);
        let (fm, body) = text[4..].split_once("\n---\n").unwrap();
        s.write(PRESS, &format!("---\n{fm}\n{body}"));
    });
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:1:1",
            "front matter not closed",
            "a second `---` line",
        ],
    );
}

#[test]
fn front_matter_missing() {
    let err = fails_cleanly(|s| {
        let text = s.read(PRESS);
        s.write(PRESS, text.strip_prefix("---\n").unwrap());
    });
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:1:1",
            "missing front matter",
            "a first line `---`",
        ],
    );
}

#[test]
fn front_matter_that_is_a_list() {
    let err = fails_cleanly(|s| s.write(PRESS, "---\n- title\n- date\n---\nBody.\n"));
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:2:",
            "wrong type",
            "sequence",
        ],
    );
}

#[test]
fn front_matter_with_broken_yaml() {
    let err = fails_cleanly(|s| s.replace(PRESS, "lang: id\n", "lang: id\n  nested: [x\n"));
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:5:9",
            "mapping values are not allowed",
        ],
    );
}

// ------------------------------------------------------------------ YAML shape

#[test]
fn unclosed_quote() {
    let err = fails_cleanly(|s| s.replace(FIG, "compiled_by: \"KASN\"", "compiled_by: \"KASN"));
    // The quote runs on to the next one, where libyaml notices.
    assert_has(
        &err,
        &["kasn-2020-07-31.yaml:", "did not find expected key"],
    );
}

#[test]
fn tab_indentation() {
    let err = fails_cleanly(|s| {
        s.replace(
            FIG,
            "  - measure: asn-dilaporkan",
            "\t- measure: asn-dilaporkan",
        )
    });
    assert_has(
        &err,
        &["kasn-2020-07-31.yaml:10:1", "cannot start any token"],
    );
}

#[test]
fn duplicate_key() {
    let err = fails_cleanly(|s| {
        s.replace(
            FIG,
            "as_of: 2020-07-31\n",
            "as_of: 2020-07-31\nas_of: 2020-07-30\n",
        )
    });
    assert_has(&err, &["kasn-2020-07-31.yaml:", "duplicate"]);
}

#[test]
fn two_documents_in_one_record() {
    let err = fails_cleanly(|s| {
        let text = s.read(FIG);
        s.write(FIG, &format!("{text}---\n{text}"));
    });
    assert_has(&err, &["kasn-2020-07-31.yaml", "more than one document"]);
}

#[test]
fn list_file_holding_a_mapping() {
    let err = fails_cleanly(|s| s.write("sources.yaml", "id: kilas24-2020-03-08\noutlet: x\n"));
    assert_has(
        &err,
        &["sources.yaml", "this file must hold a list", "a mapping"],
    );
}

#[test]
fn wrong_types_in_four_files() {
    let err = fails_cleanly(|s| {
        s.replace(
            FIG,
            "counts:\n  - measure: asn-dilaporkan\n    value: 456\n",
            "counts: 456\n",
        );
        s.replace(
            PRESS,
            "tags:\n  - gnn-asn\n",
            "tags: gnn-asn\n  # was a list\n",
        );
        s.replace("site.yaml", "per_page: 10", "per_page: ten");
        s.replace("vocab/outcomes.yaml", "stage: 2", "stage: [2]");
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:9:",
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "site.yaml:",
            "per_page",
            "vocab/outcomes.yaml:",
            "wrong type",
        ],
    );
    assert!(err.matches("error: wrong type").count() >= 4, "{err}");
}

#[test]
fn numbers_out_of_range() {
    let cases = [
        ("value: 456", "value: -1", "found:    integer `-1`"),
        (
            "value: 456",
            "value: 99999999999999999999999",
            "kasn-2020-07-31.yaml:11:",
        ),
        ("percent: 27.6", "percent: .nan", "impossible share"),
        ("percent: 27.6", "percent: .inf", "impossible share"),
        ("percent: 27.6", "percent: -0.1", "impossible share"),
    ];
    let reports = each(&cases, |s, (from, to, _)| s.replace(FIG, from, to));
    for (err, (_, _, needle)) in reports.iter().zip(cases) {
        assert_has(err, &["kasn-2020-07-31.yaml:", needle]);
    }
    let err = fails_cleanly(|s| s.replace("vocab/outcomes.yaml", "stage: 2", "stage: 300"));
    assert_has(
        &err,
        &["vocab/outcomes.yaml:12:10", "field:    stage", "u8", "300"],
    );
}

// ---------------------------------------------------------------- bytes in files

#[test]
fn invalid_utf8_names_file_line_and_column() {
    let err = fails_cleanly(|s| {
        let mut bytes = s.read(FIG).into_bytes();
        let at = s.read(FIG).find("Pilkada").unwrap();
        bytes[at] = 0xFF;
        s.write_bytes(FIG, &bytes);
    });
    assert_has(
        &err,
        &["kasn-2020-07-31.yaml:3:", "not valid UTF-8 text", "(0xFF)"],
    );
}

#[test]
fn latin1_markdown_body() {
    let err = fails_cleanly(|s| {
        let mut bytes = s.read(PRESS).into_bytes();
        bytes.extend_from_slice(b"\nCaf\xe9 tanpa UTF-8.\n");
        s.write_bytes(PRESS, &bytes);
    });
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "not valid UTF-8 text",
            "(0xE9)",
        ],
    );
}

#[test]
fn control_characters_never_reach_the_terminal() {
    // A raw escape sequence that would clear the editor's screen.
    let err = fails_cleanly(|s| {
        s.replace(
            FIG,
            "compiled_by: \"KASN\"",
            "compiled_by: \"KASN\u{1b}[2J\u{1b}[H\"",
        )
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:8:19",
            "control character in the text",
            "U+001B",
        ],
    );
    // A NUL byte, and a C1 control in a Markdown body.
    let err = fails_cleanly(|s| {
        s.replace(FIG, "KASN", "KA\0SN");
        let text = s.read(PRESS);
        s.write(PRESS, &format!("{text}\nTeks \u{9b}31m merah.\n"));
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:8:",
            "U+0000",
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "U+009B",
        ],
    );
}

#[test]
fn escaped_control_characters_in_values_are_printed_escaped() {
    // YAML escapes turn into real control characters once parsed: the
    // report must show them escaped (fails_cleanly checks the bytes).
    let err = fails_cleanly(|s| {
        s.replace(FIG, "code: fungsional", "code: \"fungsional\\e[2J\\0\"");
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:18:",
            "unknown code",
            "`fungsional\\u{1b}[2J\\u{0}`",
        ],
    );
    let err = fails_cleanly(|s| {
        s.replace(FIG, "compiled_by:", "\"\\e]0;owned\\a\": x\ncompiled_by:");
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:8:1",
            "unknown field",
            "`\\u{1b}]0;owned\\u{7}`",
        ],
    );
}

#[test]
fn empty_files() {
    let err = fails_cleanly(|s| {
        s.write(FIG, "");
        s.write(PRESS, "  \n\n\t\n");
        s.write("vocab/measures.yaml", "\u{feff}\n");
    });
    assert_has(
        &err,
        &[
            "figures/kasn-2020-07-31.yaml",
            "2020-08-05-gnn-asn-seri-kedua.md",
            "vocab/measures.yaml",
            "empty file",
        ],
    );
    assert_eq!(err.matches("error: empty file").count(), 3, "{err}");
}

#[test]
fn an_empty_required_file() {
    let err = fails_cleanly(|s| s.write("site.yaml", ""));
    assert_has(&err, &["site.yaml", "empty file"]);
    // No cascade: press releases are not blamed for the missing languages.
    assert!(!err.contains("not a language of this site"), "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let s = Scratch::new();
    let text = s.read(PRESS);
    s.write(PRESS, &format!("\u{feff}{text}"));
    let fig = s.read(FIG);
    s.write(FIG, &format!("\u{feff}{fig}"));
    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
}

#[test]
fn a_file_of_40_mb_is_refused_by_its_size() {
    let err = fails_cleanly(|s| {
        // Valid YAML throughout: were it read and parsed, it would take
        // seconds and hundreds of megabytes, and the test would see it.
        let line = "- {code: x, label: {id: \"Lorem ipsum dolor sit amet\"}}\n";
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(s.content().join("vocab/positions.yaml")).unwrap(),
        );
        for _ in 0..(40 * 1024 * 1024 / line.len() + 1) {
            f.write_all(line.as_bytes()).unwrap();
        }
        f.flush().unwrap();
        let body = "Lorem ipsum dolor sit amet. ".repeat(40 * 1024 * 1024 / 28 + 1);
        s.write(
            "press/2030-01-01-besar.md",
            &format!("---\ntitle: x\n---\n{body}"),
        );
    });
    assert_has(
        &err,
        &[
            "vocab/positions.yaml",
            "press/2030-01-01-besar.md",
            "file too large",
            "at most 8 MiB",
        ],
    );
    assert_eq!(err.matches("error: file too large").count(), 2, "{err}");
}

#[test]
fn a_file_just_over_the_limit_is_refused_and_one_under_is_read() {
    let err = fails_cleanly(|s| {
        let text = s.read(PRESS);
        let pad = 8 * 1024 * 1024 + 1 - text.len();
        s.write(PRESS, &format!("{text}{}", "a".repeat(pad)));
    });
    assert_has(&err, &["file too large", "8388609 bytes"]);
}

// ------------------------------------------------------------- YAML bombs

#[test]
fn deeply_nested_flow_yaml() {
    let err = fails_cleanly(|s| {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        s.replace(
            FIG,
            "compiled_by: \"KASN\"",
            &format!("compiled_by: {deep}"),
        );
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:8:",
            "YAML nested too deeply",
            "at most 32 levels",
        ],
    );
}

#[test]
fn deeply_nested_block_yaml() {
    let err = fails_cleanly(|s| {
        let deep: String = (0..200)
            .map(|i| format!("{}a:\n", "  ".repeat(i)))
            .collect();
        s.write(
            "sources.yaml",
            &format!(
                "- id: x\n  extra:\n{}",
                deep.lines()
                    .map(|l| format!("    {l}\n"))
                    .collect::<String>()
            ),
        );
    });
    assert_has(&err, &["sources.yaml:", "YAML nested too deeply"]);
}

#[test]
fn a_file_of_opening_brackets_up_to_the_size_limit() {
    // libyaml's scanner is quadratic in the nesting depth: this file alone
    // would keep serde_yaml busy for hours.
    let err = fails_cleanly(|s| {
        s.write_bytes(FIG, &vec![b'['; 8 * 1024 * 1024 - 16]);
    });
    assert_has(&err, &["kasn-2020-07-31.yaml:1:", "YAML nested too deeply"]);
}

#[test]
fn deeply_nested_front_matter() {
    let err = fails_cleanly(|s| {
        s.replace(
            PRESS,
            "lang: id\n",
            &format!("lang: id\nregion: {}\n", "{a: ".repeat(5000)),
        );
    });
    assert_has(
        &err,
        &[
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "YAML nested too deeply",
        ],
    );
}

/// Nine levels of nine aliases: a billion strings once expanded.
fn billion_laughs(indent: &str) -> String {
    let mut y = format!(
        "{indent}a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let refs = vec![format!("*{}", w[0]); 9].join(",");
        y.push_str(&format!("{indent}{}: &{} [{refs}]\n", w[1], w[1]));
    }
    y
}

#[test]
fn billion_laughs_in_a_record() {
    let err = fails_cleanly(|s| {
        let text = s.read(FIG);
        s.write(FIG, &format!("{text}{}", billion_laughs("")));
    });
    assert_has(
        &err,
        &[
            "kasn-2020-07-31.yaml:",
            "YAML aliases expand too far",
            "at most 10000",
        ],
    );
}

#[test]
fn billion_laughs_in_a_list_file_and_in_front_matter() {
    let err = fails_cleanly(|s| {
        let text = s.read("sources.yaml");
        s.write(
            "sources.yaml",
            &format!("{text}- id: lol\n{}", billion_laughs("  ")),
        );
        s.replace(
            PRESS,
            "lang: id\n",
            &format!("lang: id\n{}", billion_laughs("")),
        );
    });
    assert_has(
        &err,
        &[
            "sources.yaml:",
            "2020-08-05-gnn-asn-seri-kedua.md:",
            "YAML aliases expand too far",
        ],
    );
}

#[test]
fn a_few_aliases_are_fine() {
    let s = Scratch::new();
    s.replace(FIG, "compiled_by: \"KASN\"", "compiled_by: &k \"KASN\"");
    s.replace(
        "figures/kasn-2020-10-07.yaml",
        "compiled_by: \"KASN\"",
        "compiled_by: \"KASN\"",
    );
    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
}

// ------------------------------------------------------- Markdown bombs

#[test]
fn deeply_nested_markdown() {
    let bombs = [
        "> ".repeat(100_000),
        format!("{}x", "- ".repeat(50_000)),
        format!("{}x{}", "*".repeat(50_000), "*".repeat(50_000)),
        "<div>".repeat(200_000),
        "<b></i>".repeat(100_000),
    ];
    let bombs: Vec<&str> = bombs.iter().map(String::as_str).collect();
    let reports = each(&bombs, |s, bomb| {
        let text = s.read(PRESS);
        s.write(PRESS, &format!("{text}\nAkhir.\n\n{bomb}\n"));
    });
    for err in reports {
        assert_has(
            &err,
            &[
                "2020-08-05-gnn-asn-seri-kedua.md:",
                "Markdown nested too deeply",
                "field:    body",
            ],
        );
    }
}

// ------------------------------------------------------------ symbolic links

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(unix)]
#[test]
fn symbolic_link_leading_outside_content() {
    let err = fails_cleanly(|s| {
        let outside = s.dir.path().join("secret.yaml");
        std::fs::write(&outside, "id: kasn-2099\nSECRET-CONTENT: 1\n").unwrap();
        symlink(&outside, &s.content().join("figures/kasn-2099.yaml"));
        symlink(
            Path::new("/etc/passwd"),
            &s.content().join("press/passwd.md"),
        );
    });
    assert_has(
        &err,
        &[
            "figures/kasn-2099.yaml",
            "press/passwd.md",
            "symbolic link refused",
        ],
    );
    assert!(
        !err.contains("SECRET-CONTENT") && !err.contains("root:"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symbolic_link_inside_content() {
    let err = fails_cleanly(|s| {
        symlink(
            Path::new("2020-08-05-gnn-asn-seri-kedua.md"),
            &s.content().join("press/2020-08-06-salinan.md"),
        );
    });
    assert_has(
        &err,
        &["press/2020-08-06-salinan.md", "symbolic link refused"],
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn symbolic_link_to_a_folder_and_in_place_of_a_required_file() {
    let err = fails_cleanly(|s| {
        let elsewhere = s.dir.path().join("elsewhere");
        common::copy_dir(&s.content().join("press"), &elsewhere);
        std::fs::remove_dir_all(s.content().join("press")).unwrap();
        symlink(&elsewhere, &s.content().join("press"));
        std::fs::rename(
            s.content().join("site.yaml"),
            s.dir.path().join("site.yaml"),
        )
        .unwrap();
        symlink(Path::new("../site.yaml"), &s.content().join("site.yaml"));
    });
    assert_has(&err, &["--> press\n", "site.yaml", "symbolic link refused"]);
    assert_eq!(
        err.matches("error: symbolic link refused").count(),
        2,
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn dangling_symbolic_link() {
    let err = fails_cleanly(|s| {
        symlink(
            Path::new("/nonexistent/x.yaml"),
            &s.content().join("figures/x.yaml"),
        );
    });
    assert_has(&err, &["figures/x.yaml", "symbolic link refused"]);
}

/// A symbolic link to a named pipe: whoever opens it waits forever, so a
/// refused file must never be opened, not even to show a line of it.
#[cfg(unix)]
#[test]
fn a_refused_file_is_never_opened() {
    let s = Scratch::new();
    let fifo = s.dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    symlink(&fifo, &s.content().join("figures/kasn-2099.yaml"));
    symlink(Path::new("/dev/zero"), &s.content().join("press/zero.md"));
    let out = s
        .build_bounded()
        .expect("the build opened a named pipe or read /dev/zero: killed");
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_has(
        &err,
        &["kasn-2099.yaml", "zero.md", "symbolic link refused"],
    );
}

/// A named pipe in place of a file is reported, not opened.
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused() {
    let s = Scratch::new();
    let made = std::process::Command::new("mkfifo")
        .arg(s.content().join("figures/kasn-2099.yaml"))
        .arg(s.content().join("sources.yaml.new"))
        .status()
        .unwrap();
    assert!(made.success());
    std::fs::remove_file(s.content().join("sources.yaml")).unwrap();
    std::fs::rename(
        s.content().join("sources.yaml.new"),
        s.content().join("sources.yaml"),
    )
    .unwrap();
    let out = s
        .build_bounded()
        .expect("the build opened a named pipe: killed");
    let err = common::stderr(&out);
    assert_has(
        &err,
        &[
            "figures/kasn-2099.yaml",
            "sources.yaml",
            "not a regular file",
        ],
    );
}

// ------------------------------------------------------- ids and file names

#[test]
fn ids_that_could_leave_their_folder() {
    let cases = [
        (FIG, "id: kasn-2020-07-31", "id: ../../../etc/passwd"),
        (FIG, "id: kasn-2020-07-31", "id: \"kasn/2020\""),
        (FIG, "id: kasn-2020-07-31", "id: \"kasn\\\\2020\""),
        (FIG, "id: kasn-2020-07-31", "id: \"kasn\\0\""),
        (FIG, "id: kasn-2020-07-31", "id: \"kasn\\t2020\""),
        (FIG, "id: kasn-2020-07-31", "id: \"kasn\\u202e2020\""),
        (FIG, "id: kasn-2020-07-31", "id: .."),
        (
            "sources.yaml",
            "id: kilas24-2020-03-08",
            "id: \"kilas24/../x\"",
        ),
        (
            "vocab/positions.yaml",
            "code: jpt-utama",
            "code: \"JPT-Utama\"",
        ),
        (PRESS, "  - gnn-asn\n", "  - \"../gnn\"\n"),
        ("site.yaml", "press: press\n", "press: \"../press\"\n"),
    ];
    let reports = each(&cases, |s, (file, from, to)| s.replace(file, from, to));
    for (err, (file, _, _)) in reports.iter().zip(cases) {
        assert_has(err, &[file, "not a valid identifier"]);
    }
    let err = fails_cleanly(|s| s.replace("site.yaml", "prefix: en", "prefix: \"../en\""));
    assert_has(
        &err,
        &["site.yaml:24:13", "its own URL prefix", "\"../en\""],
    );
}

#[test]
fn press_file_names_that_are_not_slugs() {
    let names = [
        "press/a..b.md",
        "press/a\\b.md",
        "press/2020 rilis.md",
        "press/Rilis.md",
        "press/-rilis.md",
        "press/a\"><script>.md",
    ];
    let reports = each(&names, |s, name| s.write(name, &s.read(PRESS)));
    for (err, name) in reports.iter().zip(names) {
        assert_has(err, &["press/", "file name is not a valid slug"]);
        let stem = name.trim_start_matches("press/").trim_end_matches(".md");
        assert!(
            err.contains(&format!("{stem:?}")),
            "the slug is not shown as written: {stem:?}\n{err}"
        );
    }
}

#[test]
fn file_names_with_control_characters() {
    let err = fails_cleanly(|s| {
        s.write("press/rilis\u{1b}[2J.md", &s.read(PRESS));
        s.write("press/rilis\nbaru.md", &s.read(PRESS));
    });
    assert_has(
        &err,
        &[
            "press/rilis\\u{1b}[2J.md",
            "press/rilis\\u{a}baru.md",
            "file name with control characters refused",
        ],
    );
}

#[test]
fn file_names_that_differ_only_by_case() {
    let err = fails_cleanly(|s| {
        s.write("press/A.md", &s.read(PRESS));
        s.write("press/a.md", &s.read(PRESS));
        s.write("vocab/Positions.yaml", &s.read("vocab/positions.yaml"));
    });
    assert_has(
        &err,
        &[
            "file names differ only by letter case",
            "`press/A.md` and `press/a.md`",
            "`vocab/Positions.yaml` and `vocab/positions.yaml`",
        ],
    );
}

#[test]
fn file_names_that_differ_only_by_unicode_normalisation() {
    let nfc = "press/2020-08-05-caf\u{e9}.md";
    let nfd = "press/2020-08-05-cafe\u{301}.md";
    let err = fails_cleanly(|s| {
        s.write(nfc, &s.read(PRESS));
        s.write(nfd, &s.read(PRESS));
    });
    assert_has(
        &err,
        &[
            "press/2020-08-05-caf\\u{e9}.md",
            "press/2020-08-05-cafe\\u{301}.md",
            "file name with non-ASCII characters refused",
        ],
    );
    assert_eq!(
        err.matches("error: file name with non-ASCII").count(),
        2,
        "{err}"
    );
}

#[test]
fn folders_that_differ_only_by_case_and_stray_files() {
    let err = fails_cleanly(|s| {
        s.write("Figures/kasn-2099.yaml", &s.read(FIG));
        s.write("vocab/extra.yaml", "- code: x\n  label: {id: x}\n");
    });
    assert_has(
        &err,
        &[
            "`Figures` and `figures`",
            "Figures/kasn-2099.yaml",
            "vocab/extra.yaml",
            "one of the vocabularies",
        ],
    );
}
