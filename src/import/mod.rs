//! `netra import`: a data office's spreadsheet in, one record file per row
//! (cases) or per figure out.
//!
//! A stage beside the pipeline, before `load`: it reads the sheet
//! ([`sheet`]), maps its columns to the fields of the content model
//! (English names or the Indonesian ones a data office uses), turns each
//! row into a record, and validates the records together with the rest of
//! the content folder by the same rules as hand-written ones
//! ([`crate::validate`]). Each problem is mapped back to its cell
//! (`kasus.xlsx:Sheet1!D14`). Only when every row passes are the files
//! written, each to a temporary file first and then renamed over the old
//! one, so a failure never leaves half a file. The same sheet imported
//! twice writes the same bytes: the second run changes nothing.
//!
//! `docs/import.md` documents the layouts.

mod cases;
mod figures;
pub mod message;
pub mod sheet;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::model::{Content, IsoDate, Localized};
use crate::problem::FieldPath;

pub use message::{Choice, Issue, Lang, Location, Msg};
use sheet::{Cell, Table};

/// What a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Figures, one row per published number: `content/figures/<id>.yaml`.
    Figures,
    /// Case records, one row per case: `content/cases/<id>.yaml`.
    Cases,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub file: PathBuf,
    pub kind: Kind,
    /// The sheet to read (default: the first).
    pub sheet: Option<String>,
    /// Report what would be written; write nothing.
    pub dry_run: bool,
    /// The language of the labels listed beside allowed codes.
    pub lang: Lang,
}

/// What importing does to one record file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    New,
    Changed,
    Unchanged,
}

impl Status {
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::New, Lang::Id) => "baru",
            (Status::New, Lang::En) => "new",
            (Status::Changed, Lang::Id) => "berubah",
            (Status::Changed, Lang::En) => "changed",
            (Status::Unchanged, Lang::Id) => "tetap",
            (Status::Unchanged, Lang::En) => "unchanged",
        }
    }
}

/// One record file the import writes (or would write).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// Relative to the content folder: `cases/2020-0001.yaml`.
    pub file: String,
    pub status: Status,
}

/// Imports `opts.file` into `opts.content`; on success, every record file
/// with what happened to it (in sheet order). On failure nothing is
/// written and every problem found is returned, sorted by cell.
pub fn run(opts: &Options) -> Result<Vec<Planned>, Vec<Issue>> {
    let table = sheet::read(&opts.file, opts.sheet.as_deref())?;
    let (mut content, loaded) = crate::load::load(&opts.content);
    // Rows are checked against the site, vocabularies and sources: if
    // those do not load, every code would look unknown.
    let mut broken: Vec<String> = loaded
        .iter()
        .filter(|p| {
            p.file == "site.yaml" || p.file == "sources.yaml" || p.file.starts_with("vocab/")
        })
        .map(|p| p.file.clone())
        .collect();
    broken.sort();
    broken.dedup();
    if !broken.is_empty() {
        return Err(vec![Issue {
            at: table.whole(),
            msg: Msg::ContentBroken { files: broken },
        }]);
    }
    let langs: Vec<String> = if content.site.languages.is_empty() {
        vec!["id".to_string()]
    } else {
        content
            .site
            .languages
            .iter()
            .map(|l| l.code.clone())
            .collect()
    };
    let vocab = Vocab::new(&content, opts.lang, &langs[0]);
    let specs = match opts.kind {
        Kind::Cases => cases::COLUMNS,
        Kind::Figures => figures::COLUMNS,
    };
    let mut cx = Cx::new(&table, specs, &langs)?;
    let drafts = match opts.kind {
        Kind::Cases => cases::convert(&mut cx, &vocab, &mut content),
        Kind::Figures => figures::convert(&mut cx, &vocab, &mut content),
    };
    let mut issues = std::mem::take(&mut cx.issues);
    issues.extend(rule_issues(&content, &drafts, &cx));
    if !issues.is_empty() {
        // Stable: the problems of one cell keep the order they were found in.
        issues.sort_by(|a, b| a.at.cmp(&b.at));
        return Err(issues);
    }
    let mut planned = Vec::new();
    let mut writes = Vec::new();
    for d in &drafts {
        let path = opts.content.join(&d.file);
        let status = match std::fs::read(&path) {
            Ok(old) if old == d.yaml.as_bytes() => Status::Unchanged,
            Ok(_) => Status::Changed,
            Err(_) => Status::New,
        };
        if status != Status::Unchanged {
            writes.push((path, d.yaml.as_str()));
        }
        planned.push(Planned {
            file: d.file.clone(),
            status,
        });
    }
    if !opts.dry_run {
        write_all(&writes).map_err(|(path, e)| {
            vec![Issue {
                at: table.whole(),
                msg: Msg::CannotWrite {
                    path: path.display().to_string(),
                    why: e.to_string(),
                },
            }]
        })?;
    }
    Ok(planned)
}

/// Writes every file to a temporary file beside it, then renames them all
/// into place. A failure while writing (a full disk) leaves every old file
/// as it was; each rename replaces a whole file at once, so no file is
/// ever left half written.
fn write_all(files: &[(PathBuf, &str)]) -> Result<(), (PathBuf, std::io::Error)> {
    let mut temps = Vec::new();
    let result = (|| {
        for (path, text) in files {
            let dir = path.parent().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            // A dot file: `load` skips it if a crash leaves it behind.
            let temp = dir.join(format!(".{name}.import"));
            std::fs::write(&temp, text).map_err(|e| (path.clone(), e))?;
            temps.push((temp, path));
        }
        for (temp, path) in &temps {
            std::fs::rename(temp, path).map_err(|e| ((*path).clone(), e))?;
        }
        Ok(())
    })();
    if result.is_err() {
        for (temp, _) in &temps {
            let _ = std::fs::remove_file(temp);
        }
    }
    result
}

/// A column of a sheet layout: the field it fills and the header names
/// it may have, English first, then Indonesian.
pub(crate) struct Column {
    pub field: &'static str,
    pub names: &'static [&'static str],
    pub required: bool,
    /// Given once per language: `ringkasan`, `ringkasan en`.
    pub localized: bool,
}

/// Header names compared the way people write them: case, spaces,
/// underscores, hyphens, dots and brackets do not matter.
fn norm(s: &str) -> String {
    s.to_lowercase()
        .replace(['_', '-', '.', '(', ')', '/'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A record made from the sheet, ready to validate and write.
pub(crate) struct Draft {
    /// `cases/<id>.yaml`, relative to the content folder.
    pub file: String,
    pub yaml: String,
    /// Where each field came from: (row, column), 0-based.
    pub cells: BTreeMap<FieldPath, (usize, Option<u32>)>,
    pub rows: Vec<usize>,
}

/// The sheet being converted: its columns, and the problems found so far.
pub(crate) struct Cx<'a> {
    pub table: &'a Table,
    /// Field (`summary.en` for localized ones) → column, and the header
    /// the sheet gives it.
    columns: HashMap<String, (u32, String)>,
    pub langs: &'a [String],
    pub issues: Vec<Issue>,
    /// Cells already reported: a rule failing on them again is not.
    reported: HashSet<(usize, Option<u32>)>,
}

impl<'a> Cx<'a> {
    fn new(table: &'a Table, specs: &[Column], langs: &'a [String]) -> Result<Self, Vec<Issue>> {
        let mut issues = Vec::new();
        let header = table
            .rows
            .first()
            .filter(|r| r.iter().any(|c| *c != Cell::Empty));
        let Some(header) = header else {
            return Err(vec![Issue {
                at: table.whole(),
                msg: Msg::Empty,
            }]);
        };
        let personal: Vec<String> = crate::model::PERSONAL_FIELDS
            .iter()
            .map(|f| norm(f))
            .collect();
        let mut columns: HashMap<String, (u32, String)> = HashMap::new();
        for (c, cell) in header.iter().enumerate() {
            let c = c as u32;
            let at = table.at(0, Some(c));
            let text = match cell {
                Cell::Empty => continue,
                Cell::Text(t) => t.trim().to_string(),
                other => display(other),
            };
            let n = norm(&text);
            if personal.contains(&n) {
                issues.push(Issue {
                    at,
                    msg: Msg::PersonalColumn { header: text },
                });
                continue;
            }
            let Some(field) = field_of(specs, langs, &n) else {
                issues.push(Issue {
                    at,
                    msg: Msg::UnknownColumn {
                        header: text,
                        known: known_names(specs),
                    },
                });
                continue;
            };
            if let Some((first, _)) = columns.get(&field) {
                issues.push(Issue {
                    at,
                    msg: Msg::DuplicateColumn {
                        header: text,
                        first: message::column_name(*first),
                    },
                });
                continue;
            }
            columns.insert(field, (c, text));
        }
        for s in specs.iter().filter(|s| s.required) {
            let field = if s.localized {
                format!("{}.{}", s.field, langs[0])
            } else {
                s.field.to_string()
            };
            if !columns.contains_key(&field) {
                issues.push(Issue {
                    at: table.at(0, None),
                    msg: Msg::MissingColumn {
                        id: s.names.get(1).unwrap_or(&s.names[0]).to_string(),
                        en: s.names[0].to_string(),
                    },
                });
            }
        }
        // A title row above the table, not a sheet of typos.
        if columns.is_empty() {
            return Err(vec![Issue {
                at: table.at(0, None),
                msg: Msg::NoHeader,
            }]);
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        Ok(Cx {
            table,
            columns,
            langs,
            issues: Vec::new(),
            reported: HashSet::new(),
        })
    }

    /// Rows holding anything, after the header (0-based).
    pub fn data_rows(&self) -> impl Iterator<Item = usize> + use<'_> {
        (1..self.table.rows.len()).filter(|&r| self.table.rows[r].iter().any(|c| *c != Cell::Empty))
    }

    pub fn column(&self, field: &str) -> Option<u32> {
        self.columns.get(field).map(|(c, _)| *c)
    }

    /// The header the sheet gives `field`, for messages.
    pub fn header(&self, field: &str) -> String {
        self.columns
            .get(field)
            .map_or_else(|| field.to_string(), |(_, h)| h.clone())
    }

    pub fn report(&mut self, row: usize, field: &str, msg: Msg) {
        let column = self.column(field);
        self.reported.insert((row, column));
        self.issues.push(Issue {
            at: self.table.at(row, column),
            msg,
        });
    }

    /// The cell of `field` on `row`, when the sheet has that column and
    /// the cell is not empty. A spreadsheet error value is reported here.
    pub fn cell(&mut self, row: usize, field: &str) -> Option<&'a Cell> {
        let c = self.column(field)?;
        let table = self.table;
        match table.cell(row, c) {
            Cell::Empty => None,
            Cell::Text(t) if t.trim().is_empty() => None,
            Cell::Error(e) => {
                let value = e.clone();
                self.report(row, field, Msg::ErrorValue { value });
                None
            }
            cell => Some(cell),
        }
    }

    pub fn text(&mut self, row: usize, field: &str) -> Option<String> {
        self.cell(row, field).map(display)
    }

    /// The text of a cell that must be filled in; reported when empty.
    pub fn required(&mut self, row: usize, field: &str) -> Option<String> {
        let t = self.text(row, field);
        if t.is_none() && !self.reported.contains(&(row, self.column(field))) {
            let column = self.header(field);
            self.report(row, field, Msg::Missing { column });
        }
        t
    }

    /// A date: a date cell, or text written YYYY-MM-DD.
    pub fn date(&mut self, row: usize, field: &str, required: bool) -> Option<IsoDate> {
        let cell = if required {
            self.required(row, field)?;
            self.cell(row, field)?
        } else {
            self.cell(row, field)?
        };
        match date_of(cell) {
            Ok(d) => Some(d),
            Err(msg) => {
                self.report(row, field, msg);
                None
            }
        }
    }

    /// A code of `codes`, given as the code or as one of its labels.
    /// An unknown one is reported with the allowed codes; the text is
    /// returned as written, so the record can still be checked.
    pub fn code(
        &mut self,
        row: usize,
        field: &str,
        codes: &Codes,
        required: bool,
    ) -> Option<String> {
        let text = if required {
            self.required(row, field)?
        } else {
            self.text(row, field)?
        };
        self.resolve(row, field, &text, codes)
    }

    pub fn resolve(
        &mut self,
        row: usize,
        field: &str,
        text: &str,
        codes: &Codes,
    ) -> Option<String> {
        match codes.resolve(text) {
            Some(code) => Some(code.to_string()),
            None => {
                let column = self.header(field);
                self.report(
                    row,
                    field,
                    Msg::UnknownCode {
                        column,
                        value: text.to_string(),
                        allowed: codes.nearest_first(text),
                    },
                );
                Some(text.to_string())
            }
        }
    }

    /// Text per language from the columns `field`, `field en`, ….
    pub fn localized(&mut self, row: usize, field: &str) -> Option<Localized> {
        let mut map = BTreeMap::new();
        for l in self.langs {
            if let Some(t) = self.text(row, &format!("{field}.{l}")) {
                map.insert(l.clone(), t);
            }
        }
        (!map.is_empty()).then_some(Localized(map))
    }

    /// Where each language of `field` is: `summary` → the default
    /// language's column, `summary.en` → the English one.
    pub fn localized_cells(
        &self,
        row: usize,
        field: &str,
        cells: &mut BTreeMap<FieldPath, (usize, Option<u32>)>,
    ) {
        let base = FieldPath::root().key(field);
        cells.insert(
            base.clone(),
            (row, self.column(&format!("{field}.{}", self.langs[0]))),
        );
        for l in self.langs {
            cells.insert(
                base.clone().key(l.as_str()),
                (row, self.column(&format!("{field}.{l}"))),
            );
        }
    }
}

fn field_of(specs: &[Column], langs: &[String], header: &str) -> Option<String> {
    for s in specs {
        for name in s.names {
            let name = norm(name);
            if header == name {
                return Some(if s.localized {
                    format!("{}.{}", s.field, langs[0])
                } else {
                    s.field.to_string()
                });
            }
            if s.localized {
                for l in langs {
                    if *header == format!("{name} {l}") {
                        return Some(format!("{}.{l}", s.field));
                    }
                }
            }
        }
    }
    None
}

fn known_names(specs: &[Column]) -> Vec<String> {
    specs
        .iter()
        .map(|s| {
            let mut n = s.names.join(" / ");
            if s.localized {
                n.push_str(&format!(" (+ {} en)", s.names[0]));
            }
            n
        })
        .collect()
}

/// A cell as text: numbers without a needless `.0`, dates as YYYY-MM-DD.
pub(crate) fn display(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.trim().to_string(),
        Cell::Number(n) => number(*n),
        Cell::Date(d) => d.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Error(e) => e.clone(),
    }
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// The day a spreadsheet serial number stands for (1900 date system),
/// when it falls in the years a record may have.
fn serial_date(n: f64) -> Option<String> {
    if n.fract() != 0.0 || !(1.0..=2_958_465.0).contains(&n) {
        return None;
    }
    let d = jiff::civil::date(1899, 12, 30)
        .checked_add(jiff::Span::new().days(n as i64))
        .ok()?;
    (1999..=2100).contains(&d.year()).then(|| d.to_string())
}

fn date_of(cell: &Cell) -> Result<IsoDate, Msg> {
    let text = match cell {
        Cell::Date(d) => return Ok(IsoDate(*d)),
        Cell::Number(n) => {
            return Err(Msg::DateAsNumber {
                serial: number(*n),
                as_date: serial_date(*n),
            });
        }
        other => display(other),
    };
    if let Ok(n) = text.replace(',', ".").parse::<f64>() {
        return Err(Msg::DateAsNumber {
            serial: text.clone(),
            as_date: serial_date(n),
        });
    }
    let parts: Vec<&str> = text.split(['-', '/', '.']).map(str::trim).collect();
    let nums: Vec<i64> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if parts.len() == 3 && nums.len() == 3 {
        // Year first (ISO), or day first as Indonesians write it.
        let (y, m, d) = if parts[0].len() == 4 {
            (nums[0], nums[1], nums[2])
        } else if parts[2].len() == 4 {
            (nums[2], nums[1], nums[0])
        } else {
            return Err(Msg::DateShape {
                text,
                suggestion: None,
            });
        };
        let Ok(y) = i16::try_from(y) else {
            return Err(Msg::DateShape {
                text,
                suggestion: None,
            });
        };
        let m = m.clamp(1, 12) as i8;
        let first = jiff::civil::Date::new(y, m, 1).map_err(|_| Msg::DateShape {
            text: text.clone(),
            suggestion: None,
        })?;
        let last = first.days_in_month() as i64;
        let nearest = jiff::civil::Date::new(y, m, d.clamp(1, last) as i8)
            .map(|d| d.to_string())
            .unwrap_or_default();
        let iso_shape = parts[0].len() == 4
            && parts[1].len() == 2
            && parts[2].len() == 2
            && text.as_bytes()[4] == b'-'
            && text.as_bytes()[7] == b'-';
        if iso_shape {
            return match text.parse::<IsoDate>() {
                Ok(d) => Ok(d),
                Err(_) => Err(Msg::DateImpossible { text, nearest }),
            };
        }
        let exact = nums[1] == m as i64
            && (1..=last).contains(&if parts[0].len() == 4 {
                nums[2]
            } else {
                nums[0]
            });
        return Err(Msg::DateShape {
            text,
            suggestion: exact.then_some(nearest),
        });
    }
    Err(Msg::DateShape {
        text,
        suggestion: None,
    })
}

/// A whole number (a count): `456`, `1.234` or `1,234` are refused as
/// ambiguous only when they are not whole.
pub(crate) fn whole(cell: &Cell) -> Result<u64, Msg> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => Ok(*n as u64),
        Cell::Number(n) => Err(Msg::NotAWholeNumber { text: number(*n) }),
        other => {
            let t = display(other);
            t.parse::<u64>().map_err(|_| {
                if t.replace(',', ".").parse::<f64>().is_ok() {
                    Msg::NotAWholeNumber { text: t.clone() }
                } else {
                    Msg::NotANumber { text: t.clone() }
                }
            })
        }
    }
}

/// A percentage: `27.6`, `27,6` or `27,6 %`.
pub(crate) fn percent(cell: &Cell) -> Result<f64, Msg> {
    match cell {
        Cell::Number(n) => Ok(*n),
        other => {
            let t = display(other);
            t.trim_end_matches('%')
                .trim()
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .ok_or(Msg::NotANumber { text: t })
        }
    }
}

/// A vocabulary's codes and the names that stand for them.
pub(crate) struct Codes {
    /// (normalised code or label, code)
    names: Vec<(String, String)>,
    pub choices: Vec<Choice>,
}

impl Codes {
    fn new<'l>(
        entries: impl Iterator<Item = (&'l str, Vec<&'l Localized>, Vec<&'l str>)>,
        lang: &str,
        default: &str,
    ) -> Self {
        let mut names = Vec::new();
        let mut choices = Vec::new();
        for (code, labels, extra) in entries {
            names.push((label_norm(code), code.to_string()));
            for l in &labels {
                for text in l.0.values() {
                    names.push((label_norm(text), code.to_string()));
                }
            }
            for e in extra {
                names.push((label_norm(e), code.to_string()));
            }
            choices.push(Choice {
                code: code.to_string(),
                label: labels
                    .first()
                    .map_or("", |l| l.get(lang, default))
                    .to_string(),
            });
        }
        Codes { names, choices }
    }

    /// The choices, those whose code or a label (in any language) is
    /// nearest to `text` first: `Jawa Tenga` brings `33 (Jawa Tengah)`
    /// whatever the message language.
    fn nearest_first(&self, text: &str) -> Vec<Choice> {
        let t = label_norm(text);
        let distance = |code: &str| {
            self.names
                .iter()
                .filter(|(_, c)| c == code)
                .map(|(n, _)| strsim::damerau_levenshtein(&t, n))
                .min()
                .unwrap_or(usize::MAX)
        };
        let mut nearest: Vec<(usize, &Choice)> = self
            .choices
            .iter()
            .map(|c| (distance(&c.code), c))
            .collect();
        nearest.sort_by_key(|(d, _)| *d);
        nearest.into_iter().map(|(_, c)| c.clone()).collect()
    }

    fn resolve(&self, text: &str) -> Option<&str> {
        let t = label_norm(text);
        self.names
            .iter()
            .find(|(n, _)| *n == t)
            .map(|(_, c)| c.as_str())
    }
}

fn label_norm(s: &str) -> String {
    s.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every vocabulary a sheet's cell may name, with labels in the
/// message language.
pub(crate) struct Vocab {
    pub positions: Codes,
    pub categories: Codes,
    pub outcomes: Codes,
    pub regions: Codes,
    pub elections: Codes,
    pub measures: Codes,
    pub sources: Codes,
}

impl Vocab {
    fn new(c: &Content, lang: Lang, default: &str) -> Self {
        let lang = match lang {
            Lang::Id => "id",
            Lang::En => "en",
        };
        let v = &c.vocab;
        let mk =
            |e: Vec<(&str, Vec<&Localized>, Vec<&str>)>| Codes::new(e.into_iter(), lang, default);
        Vocab {
            positions: mk(v
                .positions
                .iter()
                .map(|p| {
                    (
                        p.code.as_str(),
                        [Some(&p.label), p.short.as_ref()]
                            .into_iter()
                            .flatten()
                            .collect(),
                        vec![],
                    )
                })
                .collect()),
            categories: mk(v
                .categories
                .iter()
                .map(|p| {
                    (
                        p.code.as_str(),
                        [Some(&p.label), p.short.as_ref()]
                            .into_iter()
                            .flatten()
                            .collect(),
                        vec![],
                    )
                })
                .collect()),
            outcomes: mk(v
                .outcomes
                .iter()
                .map(|p| (p.code.as_str(), vec![&p.label], vec![]))
                .collect()),
            regions: mk(v
                .regions
                .iter()
                .map(|p| (p.code.as_str(), vec![&p.label], vec![p.iso.as_str()]))
                .collect()),
            elections: mk(v
                .elections
                .iter()
                .map(|p| (p.code.as_str(), vec![&p.label], vec![]))
                .collect()),
            measures: mk(v
                .measures
                .iter()
                .map(|p| (p.code.as_str(), vec![&p.label], vec![]))
                .collect()),
            sources: {
                let mut codes = mk(c
                    .sources
                    .iter()
                    .map(|s| (s.id.as_str(), vec![], vec![]))
                    .collect());
                for (choice, s) in codes.choices.iter_mut().zip(&c.sources) {
                    choice.label = format!("{}, {}", s.outlet, s.date);
                }
                codes
            },
        }
    }

    pub fn dimension(&self, d: crate::model::Dimension) -> &Codes {
        use crate::model::Dimension;
        match d {
            Dimension::Position => &self.positions,
            Dimension::Category => &self.categories,
            Dimension::Region => &self.regions,
            Dimension::Outcome => &self.outcomes,
        }
    }
}

/// The problems the shared rules find in the imported records, each at
/// its cell; those on a cell already reported are left out.
fn rule_issues(content: &Content, drafts: &[Draft], cx: &Cx) -> Vec<Issue> {
    let by_file: HashMap<&str, &Draft> = drafts.iter().map(|d| (d.file.as_str(), d)).collect();
    let (_, problems) = crate::validate::validate(content);
    let mut out = Vec::new();
    for p in problems.iter() {
        let Some(d) = by_file.get(p.file.as_str()) else {
            continue;
        };
        let mut path = p.field.clone();
        let (row, column) = loop {
            if let Some(&at) = d.cells.get(&path) {
                break at;
            }
            if path.0.pop().is_none() {
                break (d.rows[0], None);
            }
        };
        let noisy = if column.is_none() {
            d.rows
                .iter()
                .any(|r| cx.reported.iter().any(|(rr, _)| rr == r))
        } else {
            cx.reported.contains(&(row, column))
        };
        if noisy {
            continue;
        }
        out.push(Issue {
            at: cx.table.at(row, column),
            msg: Msg::Rule {
                message: p.message.clone(),
                expected: p.expected.clone(),
                found: if p.sensitive {
                    String::new()
                } else {
                    p.found.clone()
                },
                typed: p.typed.clone().map(Box::new),
                hidden: p.sensitive,
            },
        });
    }
    out
}

/// A YAML scalar: plain when YAML cannot read it as anything but this
/// string, double-quoted (JSON's escapes are YAML's) otherwise.
pub(crate) fn scalar(s: &str) -> String {
    let plain = s.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !matches!(
            s,
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

/// Localised text as a block map, the site's languages first in their
/// order.
pub(crate) fn localized_yaml(
    out: &mut String,
    key: &str,
    text: &Localized,
    langs: &[String],
    indent: &str,
) {
    out.push_str(&format!("{indent}{key}:\n"));
    let mut keys: Vec<&String> = langs.iter().filter(|l| text.0.contains_key(*l)).collect();
    keys.extend(text.0.keys().filter(|k| !langs.contains(k)));
    for k in keys {
        out.push_str(&format!(
            "{indent}  {}: {}\n",
            scalar(k),
            serde_json::to_string(&text.0[k]).unwrap_or_default()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |t: &str| date_of(&Cell::Text(t.into()));
        assert_eq!(d("2020-08-03").unwrap().to_string(), "2020-08-03");
        assert_eq!(
            d("2020-02-30").unwrap_err(),
            Msg::DateImpossible {
                text: "2020-02-30".into(),
                nearest: "2020-02-29".into()
            }
        );
        assert_eq!(
            d("03/08/2020").unwrap_err(),
            Msg::DateShape {
                text: "03/08/2020".into(),
                suggestion: Some("2020-08-03".into())
            }
        );
        assert_eq!(
            d("43831").unwrap_err(),
            Msg::DateAsNumber {
                serial: "43831".into(),
                as_date: Some("2020-01-01".into())
            }
        );
        assert_eq!(
            date_of(&Cell::Number(43831.0)).unwrap_err(),
            Msg::DateAsNumber {
                serial: "43831".into(),
                as_date: Some("2020-01-01".into())
            }
        );
    }

    #[test]
    fn scalars() {
        assert_eq!(scalar("pilkada-2020"), "pilkada-2020");
        assert_eq!(scalar("73"), "\"73\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("Pemerintah \"X\""), "\"Pemerintah \\\"X\\\"\"");
    }
}
