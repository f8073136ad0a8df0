//! Problems in the editor's language, and every problem of a file in one
//! run: `check`, `build` and `import` speak Indonesian or English
//! (`--lang`, else the site's first language, else `LANG`), and a file
//! with several mistakes lists them all, each with line and column.

use crate::common::{Scratch, assert_has, stderr};

const FIG: &str = "figures/kasn-2020-07-31.yaml";
const OTHER: &str = "figures/bawaslu-2018-07-05.yaml";

/// The figure with an impossible date, a misspelt field and an unknown
/// code: three mistakes serde would report one run at a time.
fn three_mistakes(s: &Scratch) {
    s.replace(FIG, "as_of: 2020-07-31", "as_of: 2020-02-30");
    s.replace(FIG, "\nsource:", "\nsourc:");
    s.replace(FIG, "code: fungsional\n", "code: fungsionall\n");
}

/// `netra check` with `args` after the usual ones; its stderr.
fn check(s: &Scratch, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut all = vec!["check", "--content", "content", "--theme"];
    let theme = s.theme().to_str().unwrap().to_string();
    all.push(&theme);
    all.extend_from_slice(args);
    let out = s.netra_env(&all, env);
    assert!(!out.status.success(), "check should fail");
    stderr(&out)
}

#[test]
fn every_problem_of_a_file_in_one_run() {
    let s = Scratch::new();
    three_mistakes(&s);
    let err = check(&s, &["--lang", "en"], &[]);
    assert_has(
        &err,
        &[
            "error: no such day on the calendar\n  --> content/figures/kasn-2020-07-31.yaml:5:8",
            "expected: a real day; the nearest is 2020-02-29",
            "error: unknown field\n  --> content/figures/kasn-2020-07-31.yaml:7:",
            "expected: `source`? (misspelt;",
            "found:    `sourc`",
            "error: unknown code, not in vocab/positions.yaml\n  --> content/figures/kasn-2020-07-31.yaml:18:15",
            "fungsional (Jabatan Fungsional)",
            "3 problems found",
        ],
    );
    // The misspelt field's value is read under the name it was meant to
    // have: `source` is not reported missing as well.
    assert!(!err.contains("missing required field"), "{err}");
}

#[test]
fn two_bad_files_are_both_listed_with_all_their_problems() {
    let s = Scratch::new();
    three_mistakes(&s);
    let other = s.read(OTHER);
    let date = other
        .lines()
        .find_map(|l| l.strip_prefix("as_of: "))
        .expect("the other figure has an as_of date")
        .to_string();
    s.replace(OTHER, &format!("as_of: {date}"), "as_of: 2021-04-31");
    s.replace(OTHER, "\nelection:", "\nelectoin:");
    let err = check(&s, &["--lang", "en"], &[]);
    assert_has(
        &err,
        &[
            "bawaslu-2018-07-05.yaml:",
            "the nearest is 2021-04-30",
            "`electoin`",
            "kasn-2020-07-31.yaml:5:8",
            "5 problems found",
        ],
    );
}

#[test]
fn check_and_build_speak_indonesian_or_english() {
    let s = Scratch::new();
    three_mistakes(&s);
    let id = check(&s, &["--lang", "id"], &[]);
    assert_has(
        &id,
        &[
            "galat: tanggal tidak ada di kalender\n  --> content/figures/kasn-2020-07-31.yaml:5:8",
            "seharusnya: tanggal terdekat yang ada: 2020-02-29",
            "galat: isian tidak dikenal",
            "tertulis:   `sourc`",
            "galat: kode tidak dikenal, tidak ada di vocab/positions.yaml",
            "salah satu dari: administrasi (Jabatan Administrasi);",
            // Field paths stay as they are written.
            "isian:      shares[0].parts[1].code",
            "3 masalah ditemukan",
            "tidak ada yang ditulis",
        ],
    );
    assert!(!id.contains("error:"), "{id}");

    for (lang, words) in [
        ("id", "galat: tanggal tidak ada di kalender"),
        ("en", "error: no such day on the calendar"),
    ] {
        let out = s.netra([
            "build",
            "--content",
            "content",
            "--theme",
            s.theme().to_str().unwrap(),
            "--output",
            "output",
            "--lang",
            lang,
        ]);
        assert!(!out.status.success());
        assert_has(&stderr(&out), &[words]);
    }
}

#[test]
fn the_language_defaults_to_the_sites_then_to_lang() {
    let s = Scratch::new();
    three_mistakes(&s);
    // The shipped site is Indonesian first, whatever LANG says.
    let err = check(&s, &[], &[("LANG", "en_US.UTF-8")]);
    assert_has(&err, &["galat: tanggal tidak ada di kalender"]);

    // English first: English.
    let site = s.read("site.yaml");
    let en_first = site.replacen("  - code: id\n", "  - code: en\n", 1);
    assert_ne!(site, en_first, "site.yaml's first language moved");
    s.write("site.yaml", &en_first);
    let err = check(&s, &[], &[("LANG", "id_ID.UTF-8")]);
    assert_has(&err, &["error: no such day on the calendar"]);

    // No site to ask: LANG decides.
    std::fs::remove_file(s.content().join("site.yaml")).unwrap();
    let err = check(&s, &[], &[("LANG", "id_ID.UTF-8")]);
    assert_has(
        &err,
        &["galat: tanggal tidak ada di kalender", "masalah ditemukan"],
    );
    let err = check(&s, &[], &[("LANG", "C.UTF-8")]);
    assert_has(
        &err,
        &["error: no such day on the calendar", "problems found"],
    );
}

#[test]
fn import_speaks_the_sites_language_unless_told() {
    let s = Scratch::new();
    let text = "id;date;election;region;agency;position;categories;outcome;source\n\
                2020-0202;43831;pilkada-2020;73;Pemerintah Kabupaten Uji;jpt;kampanye-medsos;ditahan;tribunnews-2020-08-05\n";
    std::fs::write(s.dir.path().join("kasus.csv"), text).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["import", "cases", "kasus.csv", "--content", "content"];
        args.extend_from_slice(extra);
        let out = s.netra_env(&args, &[("LANG", "en_US.UTF-8")]);
        assert!(!out.status.success());
        stderr(&out)
    };
    assert_has(
        &run(&[]),
        &["galat: kasus.csv:B2: tanggal tertulis sebagai angka: 43831"],
    );
    assert_has(
        &run(&["--lang", "id"]),
        &["galat: kasus.csv:B2: tanggal tertulis sebagai angka"],
    );
    assert_has(
        &run(&["--lang", "en"]),
        &["error: kasus.csv:B2: a date written as a number: 43831"],
    );
}

/// What `new`, `check` and `build` say when all is well, and what `check`
/// lists as held back, is in the site's language too: an editor of the
/// Indonesian site meets no English on the way to a draft's preview.
#[test]
fn a_draft_from_new_to_check_and_build_speaks_the_sites_language() {
    let s = Scratch::new();
    let stdout = |args: &[&str]| {
        let out = s.netra_env(args, &[("LANG", "en_US.UTF-8")]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let theme = s.theme().to_str().unwrap().to_string();
    let created = stdout(&["new", "press", "Siaran Uji Draf", "--content", "content"]);
    assert_has(&created, &["dibuat sebagai draf", "netra serve"]);
    let file = created.split_whitespace().next().unwrap().to_string();
    // Its comments, which explain each field, too.
    let text = std::fs::read_to_string(s.dir.path().join(&file)).unwrap();
    assert_has(
        &text,
        &[
            "# Draf: `netra serve` menampilkannya",
            "summary: \"TODO: satu atau dua kalimat.\"",
        ],
    );
    let checked = stdout(&["check", "--content", "content", "--theme", &theme]);
    assert_has(
        &checked,
        &[
            "content sah:",
            &format!(
                "belum terbit: {} (siaran pers ",
                file.trim_start_matches("content/")
            ),
            ", draf)",
        ],
    );
    let built = stdout(&["build", "--content", "content", "--theme", &theme]);
    assert_has(&built, &["halaman (", "dibangun ke output", "0 peringatan"]);
    let en = stdout(&[
        "check",
        "--content",
        "content",
        "--theme",
        &theme,
        "--lang",
        "en",
    ]);
    assert_has(&en, &["content is valid:", "not published: ", "draft)"]);
}

/// Links are what an editor breaks most: a link to nowhere and a link to
/// a draft are reported in Indonesian too, with the same facts.
#[test]
fn broken_links_and_links_to_drafts_in_both_languages() {
    let s = Scratch::new();
    let (draft, _) = crate::drafts::link_to_a_draft(&s, " and [a figure](/angka/kasn-2099/)");
    assert_has(
        &check(&s, &["--lang", "id"], &[]),
        &[
            "galat: tautan rusak",
            "/angka/kasn-2099/ (menuju angka/kasn-2099/index.html, yang tidak dibuat oleh build)",
            "galat: menautkan ke siaran pers yang belum terbit",
            &format!("({draft}, draf)"),
        ],
    );
    assert_has(
        &check(&s, &["--lang", "en"], &[]),
        &[
            "error: broken link",
            "/angka/kasn-2099/ (points to angka/kasn-2099/index.html, which the build does not write)",
            "error: links to a press release that is not published",
            &format!("({draft}, draft)"),
        ],
    );
}

/// What goes wrong with a file as a whole (saved in another encoding,
/// left empty) is said in Indonesian too, each file named, in one run.
#[test]
fn file_problems_in_both_languages() {
    let s = Scratch::new();
    let release = "press/2020-08-05-gnn-asn-seri-kedua.md";
    let mut latin1 = s.read(release).into_bytes();
    latin1.extend_from_slice(b"\nKab. Bone \xe9\n");
    s.write_bytes(release, &latin1);
    s.write("figures/kasn-2020-07-31.yaml", "  \n");
    assert_has(
        &check(&s, &["--lang", "id"], &[]),
        &[
            "galat: teks bukan UTF-8 yang sah",
            &format!("content/{release}:"),
            "galat: berkas kosong",
            "2 masalah ditemukan",
        ],
    );
    assert_has(
        &check(&s, &["--lang", "en"], &[]),
        &[
            "error: not valid UTF-8 text",
            "error: empty file",
            "2 problems found",
        ],
    );
}

/// The rules of a record (a release without a source, in a language the
/// site does not have; a funnel that grows) in Indonesian and English.
#[test]
fn record_rules_in_both_languages() {
    let s = Scratch::new();
    s.write(
        "press/2021-01-04-uji-aturan.md",
        "---\ntitle: Uji\ndate: 2021-01-04\nlang: jv\nsummary: Ringkasan.\nsources: []\n---\n\nIsi.\n",
    );
    s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 600");
    s.replace(
        "figures/kasn-2020-10-07.yaml",
        "announced: 2020-10-07",
        "announced: 2020-09-01",
    );
    assert_has(
        &check(&s, &["--lang", "id"], &[]),
        &[
            "galat: siaran pers tanpa sumber",
            "galat: bukan bahasa situs ini",
            "seharusnya: salah satu dari: id, en",
            "galat: tahap ini berisi lebih banyak orang daripada tahap sebelumnya",
            "galat: diumumkan sebelum tanggal datanya",
            "seharusnya: hari yang sama dengan atau sesudah `as_of` (2020-09-30)",
        ],
    );
    assert_has(
        &check(&s, &["--lang", "en"], &[]),
        &[
            "error: a press release without a source",
            "error: not a language of this site",
            "error: a later stage holds more people than the one before it",
            "error: announced before the date of its data",
        ],
    );
}

/// Replaces the first `from` in a file of the theme copy, failing loudly
/// if the shipped theme no longer holds it.
fn edit_theme_file(s: &Scratch, rel: &str, from: &str, to: &str) {
    let path = s.theme().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} no longer holds {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// What is set up once rather than written every day (site.yaml, a
/// vocabulary, charts.yaml, the theme's translation file) is said in
/// Indonesian and English too, every file in one run.
#[test]
fn site_vocabulary_chart_and_translation_rules_in_both_languages() {
    let s = Scratch::new().with_theme_copy();
    s.replace("site.yaml", "per_page: 10", "per_page: 0");
    s.replace("vocab/elections.yaml", "kind: pemilu", "kind: pilpres");
    s.replace("charts.yaml", "kind: timeline", "kind: pie");
    edit_theme_file(&s, "i18n/en.yaml", ", December]", "]");
    assert_has(
        &check(&s, &["--lang", "id"], &[]),
        &[
            "galat: jumlah entri per halaman di luar batas",
            "seharusnya: 1 sampai 1000 entri per halaman",
            "galat: jenis pemilihan tidak dikenal",
            "seharusnya: `pilkada` atau `pemilu`",
            "galat: jenis grafik tidak dikenal",
            "seharusnya: salah satu dari: `timeline`, `years`,",
            "tertulis:   `pie`",
            "galat: jumlah nama bulan salah",
            "seharusnya: 12 nama bulan, dimulai dari Januari",
            "4 masalah ditemukan",
        ],
    );
    assert_has(
        &check(&s, &["--lang", "en"], &[]),
        &[
            "error: page size out of range",
            "error: unknown election kind",
            "error: unknown chart kind",
            "expected: one of `timeline`, `years`,",
            "error: wrong number of month names",
            "4 problems found",
        ],
    );
}

/// A stray file in a folder of records and a theme with a string left
/// untranslated and a template naming a file it does not ship.
#[test]
fn stray_files_and_theme_gaps_in_both_languages() {
    let s = Scratch::new().with_theme_copy();
    s.write("figures/catatan.txt", "catatan\n");
    edit_theme_file(&s, "i18n/en.yaml", "  home: Home\n", "");
    s.edit_template(
        "base.html",
        "asset(path=\"style.css\")",
        "asset(path=\"gaya.css\")",
    );
    assert_has(
        &check(&s, &["--lang", "id"], &[]),
        &[
            "galat: berkas yang tidak semestinya ada di figures/",
            "seharusnya: satu berkas `.yaml` untuk setiap catatan, langsung di figures/",
            "galat: teks antarmuka belum diterjemahkan",
            "seharusnya: terjemahan untuk `home`",
            "folder static/ tema tidak memuat \"gaya.css\" (isinya: favicon.svg, search.js, style.css)",
            "3 masalah ditemukan",
        ],
    );
    assert_has(
        &check(&s, &["--lang", "en"], &[]),
        &[
            "error: unexpected file in figures/",
            "error: interface string not translated",
            "expected: a translation of `home`",
            "the theme's static/ folder has no \"gaya.css\" (it has favicon.svg, search.js, style.css)",
            "3 problems found",
        ],
    );
}

/// A mistyped command or option, which clap reports in English, is first
/// said in the site's language with what was probably meant; `--lang`
/// still decides, even on a command line clap could not read.
#[test]
fn a_mistyped_command_is_said_in_the_editors_language() {
    let s = Scratch::new();
    let out = s.netra(["chek"]);
    assert!(!out.status.success());
    assert_has(
        &stderr(&out),
        &[
            "galat: perintah `chek` tidak dikenal",
            "perbaikan: mungkin maksudnya `check`",
            "unrecognized subcommand 'chek'",
        ],
    );
    let out = s.netra(["check", "--conten", "content"]);
    assert_has(
        &stderr(&out),
        &[
            "galat: pilihan `--conten` tidak dikenal untuk perintah ini",
            "mungkin maksudnya `--content`",
        ],
    );
    let out = s.netra(["--lang", "en", "chek"]);
    let err = stderr(&out);
    assert!(!err.contains("galat"), "{err}");
    assert_has(&err, &["unrecognized subcommand 'chek'"]);
}
