//! What `netra import` tells an editor, in Indonesian and English.
//!
//! Every message is a [`Msg`] variant carrying its facts; [`Msg::render`]
//! turns it into words for one [`Lang`]. Keeping the facts typed (and the
//! words in one place) lets the later work on every command's messages
//! extend the same pattern, and lets tests assert on what went wrong
//! rather than on a sentence.

use std::fmt;

pub use crate::message::{Choice, Lang};

/// One thing `netra import` reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// The extension is not .csv, .xlsx or .ods.
    UnsupportedFile {
        ext: String,
    },
    FileTooBig {
        bytes: u64,
        limit: u64,
    },
    /// An I/O error reading the file.
    Unreadable {
        why: String,
    },
    /// A CSV file not saved as UTF-8.
    NotUtf8,
    /// Named .xlsx or .ods, but not a spreadsheet inside.
    NotSpreadsheet {
        ext: String,
    },
    /// The archive would inflate to more than `limit` bytes.
    ZipBomb {
        limit: u64,
    },
    TooManyParts {
        limit: usize,
    },
    SheetNotFound {
        sheet: String,
        sheets: Vec<String>,
    },
    TooManyRows {
        limit: u32,
    },
    TooManyColumns {
        limit: u32,
    },
    /// No header row: nothing but empty cells.
    Empty,
    /// A cell holds a formula; it is never evaluated.
    Formula {
        formula: String,
    },
    /// Cells merged into one, over `range`.
    Merged {
        range: String,
    },
    /// A spreadsheet error value such as `#DIV/0!`.
    ErrorValue {
        value: String,
    },
    UnknownColumn {
        header: String,
        known: Vec<String>,
    },
    /// A column whose name says it holds a person's identity.
    PersonalColumn {
        header: String,
    },
    DuplicateColumn {
        header: String,
        first: String,
    },
    /// A required column is absent: its Indonesian and English names.
    MissingColumn {
        id: String,
        en: String,
    },
    /// None of the first row's cells is a column name.
    NoHeader,
    /// The content folder's site, vocabularies or sources do not load,
    /// so rows cannot be checked against them.
    ContentBroken {
        files: Vec<String>,
    },
    /// A required cell is empty.
    Missing {
        column: String,
    },
    /// A number in a date column: `serial` read as a spreadsheet date
    /// would be `as_date`.
    DateAsNumber {
        serial: String,
        as_date: Option<String>,
    },
    /// Not written YYYY-MM-DD; `suggestion` is the same day written so,
    /// when the text can be read as a day-first date.
    DateShape {
        text: String,
        suggestion: Option<String>,
    },
    /// YYYY-MM-DD, but no such day; `nearest` is the closest real one.
    DateImpossible {
        text: String,
        nearest: String,
    },
    UnknownCode {
        column: String,
        value: String,
        allowed: Vec<Choice>,
    },
    NotANumber {
        text: String,
    },
    NotAWholeNumber {
        text: String,
    },
    DuplicateId {
        id: String,
        first_row: u32,
    },
    /// A figure's field repeated on its rows with another value.
    Conflict {
        column: String,
        first_row: u32,
        first: String,
    },
    UnknownKind {
        text: String,
    },
    /// A column that this kind of figure row needs is empty.
    NeededFor {
        column: String,
        kind: String,
    },
    /// A rule shared with hand-written records (`netra check`) failed.
    /// `message`, `expected` and `found` are its English words, for the
    /// few problems without a [`crate::message::Message`] (the YAML
    /// reader's own). `hidden`: the row holds personal data, and the
    /// report must not print what the cell says.
    Rule {
        message: String,
        expected: String,
        found: String,
        typed: Option<Box<crate::message::Message>>,
        hidden: bool,
    },
    CannotWrite {
        path: String,
        why: String,
    },
}

/// What went wrong and what to write instead.
pub struct Rendered {
    pub what: String,
    pub fix: String,
}

/// Every allowed code: a sheet's column has few, and all are shown.
impl Msg {
    pub fn render(&self, lang: Lang) -> Rendered {
        let id = lang == Lang::Id;
        let (what, fix) = match self {
            Msg::UnsupportedFile { ext } => (
                if id { format!("jenis berkas tidak didukung: `{ext}`") } else { format!("unsupported kind of file: `{ext}`") },
                if id { "simpan lembar kerja sebagai .xlsx, .ods atau .csv".into() } else { "save the sheet as .xlsx, .ods or .csv".into() },
            ),
            Msg::FileTooBig { bytes, limit } => (
                if id { format!("berkas terlalu besar: {} MiB", bytes >> 20) } else { format!("file too large: {} MiB", bytes >> 20) },
                if id { format!("paling besar {} MiB; bagi data ke beberapa berkas", limit >> 20) } else { format!("at most {} MiB; split the data into several files", limit >> 20) },
            ),
            Msg::Unreadable { why } => (
                if id { format!("berkas tidak dapat dibaca: {why}") } else { format!("cannot read the file: {why}") },
                if id { "periksa nama dan letak berkas".into() } else { "check the file's name and folder".into() },
            ),
            Msg::NotUtf8 => (
                if id { "berkas CSV tidak tersimpan sebagai UTF-8".into() } else { "the CSV file is not saved as UTF-8".into() },
                if id { "simpan ulang dengan \"CSV UTF-8\" (Excel) atau set karakter Unicode (UTF-8) (LibreOffice)".into() } else { "save it again as \"CSV UTF-8\" (Excel) or with the Unicode (UTF-8) character set (LibreOffice)".into() },
            ),
            Msg::NotSpreadsheet { ext } => (
                if id { format!("berkas ini bukan lembar kerja {ext} yang utuh") } else { format!("this file is not a whole {ext} spreadsheet") },
                if id { format!("buka berkas di Excel atau LibreOffice dan simpan ulang sebagai {ext}") } else { format!("open it in Excel or LibreOffice and save it again as {ext}") },
            ),
            Msg::ZipBomb { limit } => (
                if id { format!("isi berkas mengembang lebih dari {} MiB saat dibuka (kemungkinan berkas berbahaya)", limit >> 20) } else { format!("the file's contents inflate to more than {} MiB when opened (possibly a hostile file)", limit >> 20) },
                if id { "gunakan lembar kerja asli dari kantor data, hanya berisi tabel datanya".into() } else { "use the data office's original sheet, holding only its table".into() },
            ),
            Msg::TooManyParts { limit } => (
                if id { format!("berkas berisi lebih dari {limit} bagian") } else { format!("the file holds more than {limit} parts") },
                if id { "simpan hanya lembar data ke berkas baru".into() } else { "save only the data sheet to a new file".into() },
            ),
            Msg::SheetNotFound { sheet, sheets } => (
                if id { format!("tidak ada lembar bernama `{sheet}`") } else { format!("no sheet named `{sheet}`") },
                if id { format!("salah satu dari: {}", sheets.join(", ")) } else { format!("one of: {}", sheets.join(", ")) },
            ),
            Msg::TooManyRows { limit } => (
                if id { format!("lembar terlalu besar: lebih dari {limit} baris") } else { format!("sheet too large: more than {limit} rows") },
                if id { "bagi data ke beberapa berkas, atau hapus baris kosong di bawah tabel".into() } else { "split the data into several files, or delete empty rows below the table".into() },
            ),
            Msg::TooManyColumns { limit } => (
                if id { format!("lembar terlalu lebar: lebih dari {limit} kolom") } else { format!("sheet too wide: more than {limit} columns") },
                if id { "hapus kolom yang tidak dipakai".into() } else { "delete the columns that are not used".into() },
            ),
            Msg::Empty => (
                if id { "lembar kosong: tidak ada baris judul kolom".into() } else { "empty sheet: no row of column names".into() },
                if id { "baris pertama berisi nama kolom (lihat README), data mulai baris kedua".into() } else { "the first row holds the column names (see the README), data from the second".into() },
            ),
            Msg::Formula { formula } => (
                if id { format!("sel berisi rumus `={formula}`; rumus tidak dihitung") } else { format!("the cell holds a formula `={formula}`; formulas are not calculated") },
                if id { "salin sel lalu tempel sebagai nilai (Tempel Spesial → Nilai)".into() } else { "copy the cells and paste them as values (Paste Special → Values)".into() },
            ),
            Msg::Merged { range } => (
                if id { format!("sel digabung ({range})") } else { format!("merged cells ({range})") },
                if id { "pisahkan sel (Unmerge) dan tulis nilainya di setiap baris".into() } else { "unmerge the cells and write the value on every row".into() },
            ),
            Msg::ErrorValue { value } => (
                if id { format!("sel berisi galat lembar kerja `{value}`") } else { format!("the cell holds a spreadsheet error `{value}`") },
                if id { "tulis nilainya sendiri".into() } else { "write the value itself".into() },
            ),
            Msg::UnknownColumn { header, known } => (
                if id { format!("nama kolom tidak dikenal: `{header}`") } else { format!("unknown column name: `{header}`") },
                if id { format!("salah satu dari: {}; atau hapus kolom ini", known.join(", ")) } else { format!("one of: {}; or delete this column", known.join(", ")) },
            ),
            Msg::PersonalColumn { header } => (
                if id { format!("kolom `{header}` berisi data pribadi, yang tidak pernah diterbitkan") } else { format!("the column `{header}` holds personal data, which is never published") },
                if id { "hapus kolom ini: catatan kasus menyebut instansi dan jabatan, bukan nama atau NIP".into() } else { "delete this column: a case names an agency and a position, never a name or NIP".into() },
            ),
            Msg::DuplicateColumn { header, first } => (
                if id { format!("kolom `{header}` muncul dua kali (pertama di kolom {first})") } else { format!("the column `{header}` appears twice (first in column {first})") },
                if id { "hapus salah satunya".into() } else { "delete one of them".into() },
            ),
            Msg::MissingColumn { id: name_id, en: name_en } => (
                if id { format!("kolom `{name_id}` tidak ada") } else { format!("no `{name_en}` column") },
                if id { format!("tambahkan kolom `{name_id}` (atau `{name_en}`) pada baris pertama") } else { format!("add a `{name_en}` (or `{name_id}`) column to the first row") },
            ),
            Msg::NoHeader => (
                if id { "baris pertama tidak berisi nama kolom".into() } else { "the first row holds no column names".into() },
                if id { "hapus baris judul di atas tabel: baris pertama berisi nama kolom (lihat README)".into() } else { "delete title rows above the table: the first row holds the column names (see the README)".into() },
            ),
            Msg::ContentBroken { files } => (
                if id { format!("folder konten bermasalah: {}", files.join(", ")) } else { format!("the content folder has problems: {}", files.join(", ")) },
                if id { "jalankan `netra check` dan perbaiki dulu, lalu impor lagi".into() } else { "run `netra check` and fix them first, then import again".into() },
            ),
            Msg::Missing { column } => (
                if id { format!("`{column}` kosong") } else { format!("`{column}` is empty") },
                if id { format!("isi `{column}` pada baris ini") } else { format!("fill in `{column}` on this row") },
            ),
            Msg::DateAsNumber { serial, as_date } => (
                if id { format!("tanggal tertulis sebagai angka: {serial}") } else { format!("a date written as a number: {serial}") },
                match (as_date, id) {
                    (Some(d), true) => format!("format sel sebagai Tanggal, atau tulis {d} (TTTT-BB-HH) bila itu yang dimaksud"),
                    (Some(d), false) => format!("format the cell as a Date, or write {d} (YYYY-MM-DD) if that is the day meant"),
                    (None, true) => "format sel sebagai Tanggal, atau tulis tanggal sebagai TTTT-BB-HH, misalnya 2020-08-03".into(),
                    (None, false) => "format the cell as a Date, or write the date as YYYY-MM-DD, e.g. 2020-08-03".into(),
                },
            ),
            Msg::DateShape { text, suggestion } => (
                if id { format!("bukan tanggal TTTT-BB-HH: `{text}`") } else { format!("not a date written YYYY-MM-DD: `{text}`") },
                match (suggestion, id) {
                    (Some(s), true) => format!("tulis {s}"),
                    (Some(s), false) => format!("write {s}"),
                    (None, true) => "tahun-bulan-hari, misalnya 2020-08-03, atau sel berformat Tanggal".into(),
                    (None, false) => "year-month-day, e.g. 2020-08-03, or a cell formatted as a Date".into(),
                },
            ),
            Msg::DateImpossible { text, nearest } => (
                if id { format!("tanggal tidak ada di kalender: {text}") } else { format!("no such day on the calendar: {text}") },
                if id { format!("tanggal terdekat yang ada: {nearest}") } else { format!("the nearest real day is {nearest}") },
            ),
            Msg::UnknownCode { column, value, allowed } => (
                if id { format!("`{value}` tidak dikenal sebagai `{column}`") } else { format!("`{value}` is not a known `{column}`") },
                if id { format!("tulis kode atau nama salah satu dari: {}", crate::message::choices(allowed, lang)) } else { format!("write the code or name of one of: {}", crate::message::choices(allowed, lang)) },
            ),
            Msg::NotANumber { text } => (
                if id { format!("bukan angka: `{text}`") } else { format!("not a number: `{text}`") },
                if id { "tulis angka saja, misalnya 456 atau 27,6".into() } else { "write a number only, e.g. 456 or 27.6".into() },
            ),
            Msg::NotAWholeNumber { text } => (
                if id { format!("bukan bilangan bulat: `{text}`") } else { format!("not a whole number: `{text}`") },
                if id { "tulis bilangan bulat tanpa titik atau koma, misalnya 456".into() } else { "write a whole number without separators, e.g. 456".into() },
            ),
            Msg::DuplicateId { id: dup, first_row } => (
                if id { format!("id `{dup}` sudah dipakai di baris {first_row}") } else { format!("the id `{dup}` is already used on row {first_row}") },
                if id { "beri setiap baris id sendiri".into() } else { "give each row its own id".into() },
            ),
            Msg::Conflict { column, first_row, first } => (
                if id { format!("`{column}` berbeda dari baris {first_row} angka yang sama (`{first}`)") } else { format!("`{column}` differs from row {first_row} of the same figure (`{first}`)") },
                if id { format!("tulis `{first}`, atau kosongkan sel ini") } else { format!("write `{first}`, or leave this cell empty") },
            ),
            Msg::UnknownKind { text } => (
                if id { format!("jenis angka tidak dikenal: `{text}`") } else { format!("unknown kind of number: `{text}`") },
                if id { "salah satu dari: jumlah (count), tahapan (funnel), porsi (share), terbanyak (leading)".into() } else { "one of: count (jumlah), funnel (tahapan), share (porsi), leading (terbanyak)".into() },
            ),
            Msg::NeededFor { column, kind } => (
                if id { format!("`{column}` kosong, padahal diperlukan untuk jenis `{kind}`") } else { format!("`{column}` is empty, but a `{kind}` row needs it") },
                if id { format!("isi `{column}` (lihat docs/import.md)") } else { format!("fill in `{column}` (see docs/import.md)") },
            ),
            Msg::Rule { typed: Some(typed), hidden, .. } => {
                let r = typed.render(lang);
                // In a sheet, personal data is removed from the cell, not
                // declared public in site.yaml.
                let expected = match **typed {
                    crate::message::Message::PersonalData { .. } if id => {
                        "hapus data pribadi ASN dari sel ini; catatan menyebut instansi dan jabatan, bukan orang".into()
                    }
                    crate::message::Message::PersonalData { .. } => {
                        "remove the civil servant's personal data from this cell; records name agencies and positions, not people".into()
                    }
                    _ => r.expected,
                };
                (
                    if r.found.is_empty() || *hidden { r.message } else if id { format!("{} (tertulis: {})", r.message, r.found) } else { format!("{} (found: {})", r.message, r.found) },
                    expected,
                )
            }
            Msg::Rule { message, expected, found, hidden, .. } => (
                if found.is_empty() || *hidden { message.clone() } else if id { format!("{message} (tertulis: {found})") } else { format!("{message} (found: {found})") },
                expected.clone(),
            ),
            Msg::CannotWrite { path, why } => (
                if id { format!("tidak dapat menulis {path}: {why}") } else { format!("cannot write {path}: {why}") },
                if id { "periksa izin folder content/; berkas lain tidak diubah".into() } else { "check the permissions of the content/ folder; other files are unchanged".into() },
            ),
        };
        Rendered { what, fix }
    }
}

/// Where in the imported file a problem is: `kasus.xlsx:Sheet1!D14` for a
/// cell, `kasus.xlsx:Sheet1!14` for a whole row, `kasus.csv:D14` in a CSV
/// file (which has no sheets), `kasus.xlsx` for the whole file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based, as the spreadsheet shows it.
    pub row: Option<u32>,
    /// 0-based; printed as letters.
    pub column: Option<u32>,
    /// A range (merged cells), printed as is after the sheet.
    pub range: Option<String>,
}

/// `A` for 0, `Z` for 25, `AA` for 26.
pub fn column_name(mut c: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        let cell = match (&self.range, self.row, self.column) {
            (Some(r), _, _) => Some(r.clone()),
            (None, Some(r), Some(c)) => Some(format!("{}{r}", column_name(c))),
            (None, Some(r), None) => Some(r.to_string()),
            (None, None, Some(c)) => Some(column_name(c)),
            (None, None, None) => None,
        };
        match (&self.sheet, cell) {
            (Some(s), Some(c)) => write!(f, ":{s}!{c}"),
            (None, Some(c)) => write!(f, ":{c}"),
            (Some(s), None) => write!(f, ":{s}"),
            (None, None) => Ok(()),
        }
    }
}

/// The longest first line of a message, in characters.
const MAX_LINE: usize = 300;

/// A message and where it applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub at: Location,
    pub msg: Msg,
}

impl Issue {
    /// `galat: kasus.xlsx:Sheet1!D14: …` and an indented line with the fix.
    pub fn render(&self, lang: Lang) -> String {
        let r = self.msg.render(lang);
        // A cell's text is quoted in the message: keep a huge one short.
        let what = if r.what.chars().count() > MAX_LINE {
            format!("{}…", r.what.chars().take(MAX_LINE).collect::<String>())
        } else {
            r.what
        };
        let mut out = format!("{}: {}: {what}", lang.error(), self.at);
        if !r.fix.is_empty() {
            out.push_str(&format!("\n    {}: {}", lang.fix(), r.fix));
        }
        // A hostile cell cannot send control sequences to the terminal.
        out.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_language() {
        assert_eq!(Lang::default_for("id", Some("en_US.UTF-8")), Lang::Id);
        assert_eq!(Lang::default_for("en", Some("id_ID.UTF-8")), Lang::En);
        assert_eq!(Lang::default_for("jv", Some("id_ID.UTF-8")), Lang::Id);
        assert_eq!(Lang::default_for("jv", None), Lang::En);
    }

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
