//! `netra import`: spreadsheets in. Every sheet is written by the test
//! itself (rust_xlsxwriter for .xlsx, a small zip of XML for .ods), then
//! imported into a scratch copy of the shipped content by the real binary.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{Scratch, stderr};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A cell of a test sheet.
enum C<'a> {
    S(&'a str),
    N(f64),
    /// A cell formatted as a date.
    D(&'a str),
    F(&'a str),
}

/// Writes `rows` into `<scratch>/<name>` as .xlsx (first row: headers).
fn xlsx(s: &Scratch, name: &str, rows: &[Vec<C>]) -> PathBuf {
    xlsx_with(s, name, rows, |_| {})
}

fn xlsx_with(
    s: &Scratch,
    name: &str,
    rows: &[Vec<C>],
    more: impl FnOnce(&mut rust_xlsxwriter::Worksheet),
) -> PathBuf {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::S(t) => sheet.write_string(r, c, *t).map(|_| ()),
                C::N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                C::D(d) => sheet
                    .write_datetime_with_format(
                        r,
                        c,
                        ExcelDateTime::parse_from_str(d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
                C::F(f) => sheet.write_formula(r, c, *f).map(|_| ()),
            }
            .unwrap();
        }
    }
    more(sheet);
    let path = s.dir.path().join(name);
    book.save(&path).unwrap();
    path
}

const CASE_HEADERS: [&str; 11] = [
    "Nomor",
    "Tanggal",
    "Pemilihan",
    "Provinsi",
    "Instansi",
    "Jabatan",
    "Kategori",
    "Tindak lanjut",
    "Sumber",
    "Ringkasan",
    "Ringkasan EN",
];

fn headers<'a>() -> Vec<C<'a>> {
    CASE_HEADERS.iter().map(|h| C::S(h)).collect()
}

/// Two good cases, written the way a data office would: labels instead
/// of codes, a real date cell, a region as a number.
fn good_rows<'a>() -> Vec<Vec<C<'a>>> {
    vec![
        headers(),
        vec![
            C::S("2020-0101"),
            C::D("2020-08-03"),
            C::S("Pilkada Serentak 2020"),
            C::S("Sulawesi Selatan"),
            C::S("Pemerintah Kabupaten Uji Impor"),
            C::S("JPT Pratama"),
            C::S("Kampanye medsos"),
            C::S("Dijatuhi sanksi oleh PPK"),
            C::S("tribunnews-2020-08-05"),
            C::S("Data uji: unggahan dukungan di media sosial."),
            C::S("Test data: a post of support on social media."),
        ],
        vec![
            C::S("2020-0102"),
            C::S("2020-08-04"),
            C::S("pilkada-2020"),
            C::N(33.0),
            C::S("Pemerintah Kota Uji Impor"),
            C::S("jpt"),
            C::S("kampanye-medsos; Pendekatan ke parpol"),
            C::S("rekomendasi"),
            C::S("tribunnews-2020-08-05"),
        ],
    ]
}

fn import(s: &Scratch, args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--content", "content"]);
    s.netra(&all)
}

fn cases_dir(s: &Scratch) -> PathBuf {
    s.content().join("cases")
}

fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    out.sort();
    out
}

#[test]
fn a_good_sheet_imports_passes_check_and_is_built() {
    let s = Scratch::new();
    xlsx(&s, "kasus.xlsx", &good_rows());
    let out = import(&s, &["cases", "kasus.xlsx", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("new       cases/2020-0101.yaml"),
        "{}",
        stdout(&out)
    );

    let case: netra::model::CaseRecord =
        serde_yaml::from_str(&s.read("cases/2020-0101.yaml")).unwrap();
    assert_eq!(case.date.to_string(), "2020-08-03");
    assert_eq!(case.election, "pilkada-2020");
    assert_eq!(case.region, "73");
    assert_eq!(case.position, "jpt-pratama");
    assert_eq!(case.outcome, "sanksi");
    assert_eq!(case.categories, ["kampanye-medsos"]);
    assert_eq!(
        case.summary.unwrap().0["en"],
        "Test data: a post of support on social media."
    );
    let second: netra::model::CaseRecord =
        serde_yaml::from_str(&s.read("cases/2020-0102.yaml")).unwrap();
    assert_eq!(second.region, "33");
    assert_eq!(second.categories, ["kampanye-medsos", "pendekatan-parpol"]);
    assert!(second.summary.is_none());

    let check = s.check();
    assert!(check.status.success(), "{}", stderr(&check));
    let build = s.build();
    assert!(build.status.success(), "{}", stderr(&build));
    let built = files_under(&s.output());
    assert!(
        built
            .iter()
            .any(|(p, b)| p.extension().is_some_and(|e| e == "html")
                && String::from_utf8_lossy(b).contains("Pemerintah Kota Uji Impor")),
        "no page shows the imported case"
    );
}

#[test]
fn reimporting_the_same_sheet_changes_nothing() {
    let s = Scratch::new();
    xlsx(&s, "kasus.xlsx", &good_rows());
    assert!(import(&s, &["cases", "kasus.xlsx"]).status.success());
    let before = files_under(&s.content());
    let again = import(&s, &["cases", "kasus.xlsx", "--lang", "id"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(files_under(&s.content()), before);
    let text = stdout(&again);
    assert!(text.contains("tetap     cases/2020-0101.yaml"), "{text}");
    assert!(text.contains("0 baru, 0 berubah, 2 tetap"), "{text}");

    // A changed cell changes that record's file only.
    let mut rows = good_rows();
    rows[2][4] = C::S("Pemerintah Kota Uji Impor Dua");
    xlsx(&s, "kasus.xlsx", &rows);
    let third = import(&s, &["cases", "kasus.xlsx", "--lang", "en"]);
    let text = stdout(&third);
    assert!(text.contains("unchanged cases/2020-0101.yaml"), "{text}");
    assert!(text.contains("changed   cases/2020-0102.yaml"), "{text}");
}

#[test]
fn a_dry_run_writes_nothing() {
    let s = Scratch::new();
    xlsx(&s, "kasus.xlsx", &good_rows());
    let before = files_under(&s.content());
    let out = import(&s, &["cases", "kasus.xlsx", "--dry-run", "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("new       cases/2020-0102.yaml"));
    assert!(stdout(&out).contains("dry run: no file was written"));
    assert_eq!(files_under(&s.content()), before);
    assert!(!cases_dir(&s).exists());
}

#[test]
fn a_bad_sheet_names_every_bad_cell_and_writes_nothing() {
    let s = Scratch::new();
    let mut rows = good_rows();
    rows[1][3] = C::S("Jawa Tenga");
    rows[1][9] = C::S("Hubungi 0812 3456 7890");
    rows[2][1] = C::S("2020-02-30");
    rows[2][4] = C::S(" ");
    rows.push(vec![
        C::S("2020-0103"),
        // A date typed into a general cell: Excel keeps the serial number.
        C::N(43831.0),
        C::S("pilkada-2020"),
        C::S("73"),
        C::S("Pemerintah Kabupaten Uji"),
        C::S("jpt"),
        C::S("kampanye-medsos"),
        C::S("dilaporkan"),
        C::S("sumber-tak-ada"),
    ]);
    xlsx(&s, "kasus.xlsx", &rows);
    let before = files_under(&s.content());

    let en = stderr(&import(&s, &["cases", "kasus.xlsx", "--lang", "en"]));
    for (cell, words) in [
        (
            "kasus.xlsx:Sheet1!D2",
            "`Jawa Tenga` is not a known `Provinsi`",
        ),
        ("kasus.xlsx:Sheet1!D2", "33 (Central Java)"),
        ("kasus.xlsx:Sheet1!J2", "a phone number"),
        ("kasus.xlsx:Sheet1!B3", "the nearest real day is 2020-02-29"),
        ("kasus.xlsx:Sheet1!E3", "`Instansi` is empty"),
        ("kasus.xlsx:Sheet1!B4", "a date written as a number: 43831"),
        ("kasus.xlsx:Sheet1!B4", "write 2020-01-01"),
        (
            "kasus.xlsx:Sheet1!I4",
            "`sumber-tak-ada` is not a known `Sumber`",
        ),
    ] {
        let block = en
            .split("\n\n")
            .find(|b| b.contains(cell) && b.contains(words));
        assert!(block.is_some(), "no {words:?} at {cell} in:\n{en}");
    }
    assert!(en.contains("6 problems found; no file was written"), "{en}");
    assert!(!en.contains("0812"), "the phone number is printed:\n{en}");

    let id = stderr(&import(&s, &["cases", "kasus.xlsx", "--lang", "id"]));
    assert!(
        id.contains("galat: kasus.xlsx:Sheet1!D2: `Jawa Tenga` tidak dikenal sebagai `Provinsi`"),
        "{id}"
    );
    // The nearest code first, and a message's worth of the rest, counted.
    assert!(id.contains("salah satu dari: 33 (Jawa Tengah); "), "{id}");
    assert!(en.contains("one of: 33 (Central Java); "), "{en}");
    let sources = s.read("sources.yaml").matches("\n- id: ").count();
    assert!(
        en.contains(&format!(" … ({sources} codes)")) || sources <= 12,
        "every source listed:\n{en}"
    );
    assert!(id.contains("tanggal terdekat yang ada: 2020-02-29"), "{id}");
    assert!(id.contains("tanggal tertulis sebagai angka: 43831"), "{id}");
    assert!(
        id.contains("6 masalah ditemukan; tidak ada berkas yang ditulis"),
        "{id}"
    );
    assert!(
        id.contains("galat: kasus.xlsx:Sheet1!J2: data pribadi: nomor telepon"),
        "{id}"
    );
    assert!(id.contains("hapus data pribadi ASN dari sel ini"), "{id}");
    assert!(
        en.contains("remove the civil servant's personal data from this cell"),
        "{en}"
    );
    assert!(!id.contains("0812"), "the phone number is printed:\n{id}");
    assert_eq!(files_under(&s.content()), before);
}

#[test]
fn csv_cells_are_named_by_column_and_row() {
    let s = Scratch::new();
    // Semicolons, as Indonesian Excel saves CSV; English headers.
    // A blank line and a cell with a line break: rows as a spreadsheet shows them.
    let text = "id;date;election;region;agency;position;categories;outcome;source\n\
                \n\
                2020-0201;2020-08-03;pilkada-2020;73;\"Pemerintah\nKabupaten Uji\";jpt;kampanye-medsos;sanksi;tribunnews-2020-08-05\n\
                2020-0202;43831;pilkada-2020;73;Pemerintah Kabupaten Uji;jpt;kampanye-medsos;ditahan;tribunnews-2020-08-05\n";
    std::fs::write(s.dir.path().join("kasus.csv"), text).unwrap();
    let out = import(&s, &["cases", "kasus.csv", "--lang", "en"]);
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(
        err.contains("error: kasus.csv:B4: a date written as a number: 43831"),
        "{err}"
    );
    assert!(
        err.contains("error: kasus.csv:H4: `ditahan` is not a known `outcome`"),
        "{err}"
    );
    assert!(err.contains("2 problems found"), "{err}");
    assert!(!cases_dir(&s).exists());

    std::fs::write(
        s.dir.path().join("kasus.csv"),
        text.replace("43831", "2020-08-05")
            .replace("ditahan", "rekomendasi"),
    )
    .unwrap();
    let out = import(&s, &["cases", "kasus.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.check().status.success());
}

#[test]
fn columns_for_personal_data_and_unknown_columns_are_refused() {
    let s = Scratch::new();
    let mut rows = good_rows();
    rows[0].push(C::S("Nama ASN"));
    rows[0].push(C::S("Keterangan"));
    xlsx(&s, "kasus.xlsx", &rows);
    let en = stderr(&import(&s, &["cases", "kasus.xlsx", "--lang", "en"]));
    assert!(
        en.contains("kasus.xlsx:Sheet1!L1: the column `Nama ASN` holds personal data"),
        "{en}"
    );
    assert!(
        en.contains("kasus.xlsx:Sheet1!M1: unknown column name: `Keterangan`"),
        "{en}"
    );
    let id = stderr(&import(&s, &["cases", "kasus.xlsx", "--lang", "id"]));
    assert!(id.contains("kolom `Nama ASN` berisi data pribadi"), "{id}");
    assert!(!cases_dir(&s).exists());
}

const FIGURE_CSV: &str = "id,judul,judul en,per tanggal,pemilihan,sumber,dihimpun oleh,produsen,jenis,menurut,dari,kode,nilai\n\
kasn-uji-impor,\"ASN dilaporkan, uji impor\",Civil servants reported (import test),2020-07-31,pilkada-2020,tribunnews-2020-08-05,KASN,kasn,jumlah,,,asn-dilaporkan,456\n\
kasn-uji-impor,,,,,,,,porsi,jabatan,asn-dilaporkan,JPT,\"27,6\"\n\
kasn-uji-impor,,,,,,,,porsi,jabatan,asn-dilaporkan,fungsional,25.4\n\
kasn-uji-impor,,,,,,,,tahapan,,,dilaporkan,456\n\
kasn-uji-impor,,,,,,,,tahapan,,,rekomendasi,300\n\
kasn-uji-impor,,,,,,,,terbanyak,kategori,,Kampanye medsos,\n";

#[test]
fn a_long_figure_sheet_becomes_one_figure() {
    let s = Scratch::new();
    std::fs::write(s.dir.path().join("angka.csv"), FIGURE_CSV).unwrap();
    let out = import(&s, &["figures", "angka.csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let f: netra::model::Figure =
        serde_yaml::from_str(&s.read("figures/kasn-uji-impor.yaml")).unwrap();
    assert_eq!(f.title.0["id"], "ASN dilaporkan, uji impor");
    assert_eq!(f.as_of.unwrap().to_string(), "2020-07-31");
    assert_eq!(f.producer.as_deref(), Some("kasn"));
    assert_eq!(f.counts.len(), 1);
    assert_eq!(
        (f.counts[0].measure.as_str(), f.counts[0].value),
        ("asn-dilaporkan", 456)
    );
    let funnel: Vec<_> = f
        .funnel
        .iter()
        .map(|s| (s.stage.as_str(), s.value))
        .collect();
    assert_eq!(funnel, [("dilaporkan", 456), ("rekomendasi", 300)]);
    assert_eq!(f.shares.len(), 1);
    let parts: Vec<_> = f.shares[0]
        .parts
        .iter()
        .map(|p| (p.code.as_str(), p.percent))
        .collect();
    assert_eq!(parts, [("jpt", 27.6), ("fungsional", 25.4)]);
    assert_eq!(f.leading[0].code, "kampanye-medsos");
    assert!(s.check().status.success(), "{}", stderr(&s.check()));
    let again = import(&s, &["figures", "angka.csv", "--lang", "en"]);
    assert!(stdout(&again).contains("unchanged figures/kasn-uji-impor.yaml"));

    // The shared funnel rule, at the cell that breaks it.
    std::fs::write(
        s.dir.path().join("angka.csv"),
        FIGURE_CSV.replace(",300\n", ",500\n"),
    )
    .unwrap();
    let err = stderr(&import(&s, &["figures", "angka.csv", "--lang", "en"]));
    assert!(
        err.contains("error: angka.csv:M6: a later stage holds more people than the one before it"),
        "{err}"
    );
    assert!(err.contains("at most 456"), "{err}");
    let err = stderr(&import(&s, &["figures", "angka.csv", "--lang", "id"]));
    assert!(err.contains("galat: angka.csv:M6: tahap ini berisi lebih banyak orang daripada tahap sebelumnya (tertulis: 500)"), "{err}");
    assert!(
        err.contains("paling banyak 456 (jumlah pada `dilaporkan`)"),
        "{err}"
    );
}

// Hostile files.

/// Runs the import in both languages; returns (id, en) stderr after
/// checking it failed and wrote nothing.
fn refused(s: &Scratch, kind: &str, file: &str) -> (String, String) {
    let before = files_under(&s.content());
    let mut both = Vec::new();
    for lang in ["id", "en"] {
        let out = import(s, &[kind, file, "--lang", lang]);
        assert!(!out.status.success(), "{file} imported: {}", stdout(&out));
        both.push(stderr(&out));
    }
    assert_eq!(
        files_under(&s.content()),
        before,
        "{file} changed the content"
    );
    (both.remove(0), both.remove(0))
}

fn zip_file(path: &Path, parts: &[(&str, &[u8])], repeat_last: usize) {
    let mut z = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (i, (name, bytes)) in parts.iter().enumerate() {
        z.start_file(*name, opts).unwrap();
        let times = if i + 1 == parts.len() { repeat_last } else { 1 };
        for _ in 0..times {
            z.write_all(bytes).unwrap();
        }
    }
    z.finish().unwrap();
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_inflated() {
    let s = Scratch::new();
    let path = s.dir.path().join("bom.xlsx");
    // 80 MiB of spaces inside a sheet part: some 80 KiB on disk.
    zip_file(
        &path,
        &[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &[b' '; 1 << 20]),
        ],
        80,
    );
    assert!(std::fs::metadata(&path).unwrap().len() < 1 << 20);
    let (id, en) = refused(&s, "cases", "bom.xlsx");
    assert!(
        en.contains("error: bom.xlsx: the file's contents inflate to more than 64 MiB"),
        "{en}"
    );
    assert!(
        id.contains("galat: bom.xlsx: isi berkas mengembang lebih dari 64 MiB"),
        "{id}"
    );
}

#[test]
fn a_file_that_is_not_a_spreadsheet_is_refused() {
    let s = Scratch::new();
    std::fs::write(s.dir.path().join("kasus.xlsx"), "Nomor,Tanggal\n1,2\n").unwrap();
    let (id, en) = refused(&s, "cases", "kasus.xlsx");
    assert!(
        en.contains("error: kasus.xlsx: this file is not a whole .xlsx spreadsheet"),
        "{en}"
    );
    assert!(
        id.contains("galat: kasus.xlsx: berkas ini bukan lembar kerja .xlsx yang utuh"),
        "{id}"
    );
    std::fs::write(s.dir.path().join("kasus.pdf"), "%PDF").unwrap();
    let (id, en) = refused(&s, "cases", "kasus.pdf");
    assert!(en.contains("unsupported kind of file: `.pdf`"), "{en}");
    assert!(id.contains("jenis berkas tidak didukung: `.pdf`"), "{id}");
}

#[test]
fn a_huge_sheet_is_refused() {
    let s = Scratch::new();
    // One far cell would make a range of millions of empty cells.
    xlsx_with(&s, "besar.xlsx", &good_rows(), |sheet| {
        sheet.write_string(500_000, 0, "x").unwrap();
    });
    let (id, en) = refused(&s, "cases", "besar.xlsx");
    assert!(
        en.contains("error: besar.xlsx:Sheet1: sheet too large: more than 100000 rows"),
        "{en}"
    );
    assert!(
        id.contains("lembar terlalu besar: lebih dari 100000 baris"),
        "{id}"
    );
    xlsx_with(&s, "lebar.xlsx", &good_rows(), |sheet| {
        sheet.write_string(1, 16_000, "x").unwrap();
    });
    let (id, en) = refused(&s, "cases", "lebar.xlsx");
    assert!(en.contains("sheet too wide: more than 64 columns"), "{en}");
    assert!(
        id.contains("lembar terlalu lebar: lebih dari 64 kolom"),
        "{id}"
    );
}

#[test]
fn formulas_are_reported_never_evaluated() {
    let s = Scratch::new();
    let mut rows = good_rows();
    rows[1][1] = C::F("=DATE(2020,8,3)");
    rows[2][3] = C::F("=30+3");
    xlsx(&s, "rumus.xlsx", &rows);
    let (id, en) = refused(&s, "cases", "rumus.xlsx");
    assert!(
        en.contains("error: rumus.xlsx:Sheet1!B2: the cell holds a formula `=DATE(2020,8,3)`"),
        "{en}"
    );
    assert!(
        en.contains("error: rumus.xlsx:Sheet1!D3: the cell holds a formula `=30+3`"),
        "{en}"
    );
    assert!(en.contains("Paste Special"), "{en}");
    assert!(
        id.contains("galat: rumus.xlsx:Sheet1!D3: sel berisi rumus `=30+3`"),
        "{id}"
    );
}

#[test]
fn merged_cells_are_reported_with_their_range() {
    let s = Scratch::new();
    xlsx_with(&s, "gabung.xlsx", &good_rows(), |sheet| {
        sheet
            .merge_range(1, 2, 2, 2, "pilkada-2020", &Format::new())
            .unwrap();
    });
    let (id, en) = refused(&s, "cases", "gabung.xlsx");
    assert!(
        en.contains("error: gabung.xlsx:Sheet1!C2:C3: merged cells (C2:C3)"),
        "{en}"
    );
    assert!(
        id.contains("galat: gabung.xlsx:Sheet1!C2:C3: sel digabung (C2:C3)"),
        "{id}"
    );
}

/// A minimal OpenDocument spreadsheet with one sheet of `rows` (raw
/// `<table:table-row>` elements).
fn ods(s: &Scratch, name: &str, rows: &str) -> PathBuf {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Lembar1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let path = s.dir.path().join(name);
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_file(
        &path,
        &[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("META-INF/manifest.xml", manifest),
            ("content.xml", content.as_bytes()),
        ],
        1,
    );
    path
}

fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| {
            if let Some(d) = c.strip_prefix("date:") {
                format!(r#"<table:table-cell office:value-type="date" office:date-value="{d}"><text:p>{d}</text:p></table:table-cell>"#)
            } else if c.starts_with('<') {
                c.to_string()
            } else {
                format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#)
            }
        })
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

fn ods_rows(second: &[&str]) -> String {
    let header = ods_row(&CASE_HEADERS[..9]);
    let trailing = r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    format!("{header}{}{trailing}", ods_row(second))
}

const ODS_CASE: [&str; 9] = [
    "2020-0301",
    "date:2020-08-03",
    "Pilkada Serentak 2020",
    "Jawa Tengah",
    "Pemerintah Kabupaten Uji ODS",
    "fungsional",
    "kampanye-medsos",
    "dilaporkan",
    "tribunnews-2020-08-05",
];

#[test]
fn an_ods_sheet_imports_and_its_formulas_and_merged_cells_are_refused() {
    let s = Scratch::new();
    ods(&s, "kasus.ods", &ods_rows(&ODS_CASE));
    let out = import(&s, &["cases", "kasus.ods"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let case: netra::model::CaseRecord =
        serde_yaml::from_str(&s.read("cases/2020-0301.yaml")).unwrap();
    assert_eq!(
        (case.region.as_str(), case.date.to_string().as_str()),
        ("33", "2020-08-03")
    );
    assert!(s.check().status.success());

    let mut bad = ODS_CASE;
    bad[3] = r#"<table:table-cell table:formula="of:=30+3" office:value-type="float" office:value="33"><text:p>33</text:p></table:table-cell>"#;
    bad[5] = r#"<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>jpt</text:p></table:table-cell><table:covered-table-cell/>"#;
    ods(&s, "buruk.ods", &ods_rows(&bad[..8]));
    let (id, en) = refused(&s, "cases", "buruk.ods");
    assert!(
        en.contains("error: buruk.ods:Lembar1!D2: the cell holds a formula `=30+3`"),
        "{en}"
    );
    assert!(
        en.contains("error: buruk.ods:Lembar1!F2:G2: merged cells (F2:G2)"),
        "{en}"
    );
    assert!(
        id.contains("galat: buruk.ods:Lembar1!D2: sel berisi rumus `=30+3`"),
        "{id}"
    );
    assert!(
        id.contains("galat: buruk.ods:Lembar1!F2:G2: sel digabung (F2:G2)"),
        "{id}"
    );

    // A million rows of one repeated value: refused before it is built.
    let huge = format!(
        "{}{}",
        ods_row(&CASE_HEADERS[..9]),
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
    );
    ods(&s, "besar.ods", &huge);
    let (id, en) = refused(&s, "cases", "besar.ods");
    assert!(
        en.contains("sheet too large: more than 100000 rows"),
        "{en}"
    );
    assert!(id.contains("lembar terlalu besar"), "{id}");
}

#[test]
fn an_ods_whose_repeats_would_fill_memory_is_refused_within_bounds() {
    let s = Scratch::new();
    // 16 384 columns × 1 000 000 rows of one value: a few hundred bytes
    // that a reader expanding repeats would turn into gigabytes.
    let rows = format!(
        "{}{}",
        ods_row(&CASE_HEADERS[..9]),
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#
    );
    ods(&s, "bom.ods", &rows);
    let out = common::run_bounded(
        s.dir.path(),
        &["import", "cases", "bom.ods", "--lang", "en"],
        1024 * 1024,
        60,
    )
    .expect("the import ran out of time");
    let err = stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("error: bom.ods:Lembar1: sheet too"), "{err}");
}

#[test]
fn a_title_row_or_a_missing_column_is_named() {
    let s = Scratch::new();
    let mut rows = good_rows();
    rows.insert(0, vec![C::S("Data Kasus Netralitas ASN 2020")]);
    xlsx(&s, "judul.xlsx", &rows);
    let (id, en) = refused(&s, "cases", "judul.xlsx");
    assert!(
        en.contains("error: judul.xlsx:Sheet1!1: the first row holds no column names"),
        "{en}"
    );
    assert!(
        id.contains("galat: judul.xlsx:Sheet1!1: baris pertama tidak berisi nama kolom"),
        "{id}"
    );

    let rows: Vec<Vec<C>> = good_rows()
        .into_iter()
        .map(|r| r.into_iter().take(8).collect())
        .collect();
    xlsx(&s, "tanpa.xlsx", &rows);
    let (id, en) = refused(&s, "cases", "tanpa.xlsx");
    assert!(en.contains("no `source` column"), "{en}");
    assert!(id.contains("kolom `sumber` tidak ada"), "{id}");
}

#[test]
fn the_sheet_named_by_sheet_is_read() {
    let s = Scratch::new();
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("Catatan")
        .unwrap()
        .write_string(0, 0, "Dibuat oleh kantor data")
        .unwrap();
    let sheet = book.add_worksheet().set_name("Kasus").unwrap();
    for (c, h) in CASE_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ODS_CASE.iter().enumerate() {
        sheet
            .write_string(1, c as u16, v.trim_start_matches("date:"))
            .unwrap();
    }
    book.save(s.dir.path().join("dua.xlsx")).unwrap();

    let out = import(&s, &["cases", "dua.xlsx", "--sheet", "Kasus"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(s.read("cases/2020-0301.yaml").contains("region: \"33\""));

    let (id, en) = refused(&s, "cases", "dua.xlsx");
    assert!(
        en.contains("dua.xlsx:Catatan!1: the first row holds no column names"),
        "{en}"
    );
    assert!(id.contains("dua.xlsx:Catatan!1: baris pertama"), "{id}");
    let en = stderr(&import(
        &s,
        &["cases", "dua.xlsx", "--sheet", "Data", "--lang", "en"],
    ));
    assert!(en.contains("no sheet named `Data`"), "{en}");
    assert!(en.contains("one of: Catatan, Kasus"), "{en}");
}

#[test]
fn a_failed_write_is_reported_and_leaves_no_file() {
    let s = Scratch::new();
    xlsx(&s, "kasus.xlsx", &good_rows());
    // A file where the cases folder should be: nothing can be written there.
    s.write("cases", "not a folder");
    let (id, en) = refused(&s, "cases", "kasus.xlsx");
    assert!(
        en.contains("error: kasus.xlsx:Sheet1: cannot write"),
        "{en}"
    );
    assert!(
        id.contains("galat: kasus.xlsx:Sheet1: tidak dapat menulis"),
        "{id}"
    );
    assert_eq!(s.read("cases"), "not a folder");
}
