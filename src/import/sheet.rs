//! Reading a CSV, .xlsx or .ods file into a plain table of cells, refusing
//! what a hostile or damaged file could do to the machine reading it.
//!
//! The limits are checked before the spreadsheet library builds anything
//! in memory: the file's size, then every part of the zip archive is
//! inflated into nothing with a running total (the sizes an archive
//! declares can lie), then the cells' positions are checked as they are
//! streamed (.xlsx) or scanned from the XML (.ods), since a single cell at
//! row 1 000 000 would otherwise make a range of a billion empty cells.
//! Formulas and merged cells are reported with their address; a formula
//! is never evaluated.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{DataRef, Reader};
use quick_xml::events::{BytesStart, Event};

use super::message::{Issue, Location, Msg, column_name};

/// The largest file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 16 << 20;
/// The most a spreadsheet's archive may inflate to, all parts together.
pub const MAX_INFLATED_BYTES: u64 = 64 << 20;
/// The most parts (files) in a spreadsheet's archive.
pub const MAX_PARTS: usize = 1000;
/// The most rows a sheet may use, the header row included.
pub const MAX_ROWS: u32 = 100_000;
/// The most columns a sheet may use.
pub const MAX_COLUMNS: u32 = 64;

/// One cell's value, as the spreadsheet stored it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell the spreadsheet itself formats as a date.
    Date(jiff::civil::Date),
    Bool(bool),
    /// A spreadsheet error value (`#DIV/0!`).
    Error(String),
}

/// The cells of one sheet: `rows[0]` is the spreadsheet's row 1.
#[derive(Debug, Default)]
pub struct Table {
    /// The file's name, as problems print it.
    pub file: String,
    /// The sheet's name; `None` for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The location of a cell (`row` 0-based, as in `rows`).
    pub fn at(&self, row: usize, column: Option<u32>) -> Location {
        Location {
            row: Some(row as u32 + 1),
            column,
            ..self.whole()
        }
    }

    /// The location of the whole sheet.
    pub fn whole(&self) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row: None,
            column: None,
            range: None,
        }
    }

    pub fn cell(&self, row: usize, column: u32) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(column as usize))
            .unwrap_or(&Cell::Empty)
    }

    fn set(&mut self, row: u32, column: u32, cell: Cell) {
        let row = row as usize;
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        let r = &mut self.rows[row];
        if r.len() <= column as usize {
            r.resize(column as usize + 1, Cell::Empty);
        }
        r[column as usize] = cell;
    }
}

/// Reads `path`: the sheet named `sheet`, or the first one. Every problem
/// of the file is returned at once (all its formulas, all its merged
/// cells); limits stop the reading at the first one.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Table, Vec<Issue>> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let file_loc = Location {
        file: name.clone(),
        sheet: None,
        row: None,
        column: None,
        range: None,
    };
    let fail = |msg| {
        vec![Issue {
            at: file_loc.clone(),
            msg,
        }]
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "csv" | "xlsx" | "ods") {
        return Err(fail(Msg::UnsupportedFile {
            ext: format!(".{ext}"),
        }));
    }
    let bytes = read_bounded(path).map_err(fail)?;
    let mut table = Table {
        file: name,
        ..Table::default()
    };
    if ext == "csv" {
        read_csv(&bytes, &mut table)?;
        return Ok(table);
    }
    let ext = format!(".{ext}");
    check_archive(&bytes, &ext).map_err(fail)?;
    if ext == ".xlsx" {
        read_xlsx(bytes, sheet, &mut table)?;
    } else {
        read_ods(bytes, sheet, &mut table)?;
    }
    Ok(table)
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, Msg> {
    let unreadable = |e: std::io::Error| Msg::Unreadable { why: e.to_string() };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit rather than trust the file's metadata.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let bytes = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Err(Msg::FileTooBig {
            bytes,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// Inflates every part of the archive into nothing, counting: refuses a
/// zip bomb before the spreadsheet library inflates anything, whatever
/// sizes the archive declares.
fn check_archive(bytes: &[u8], ext: &str) -> Result<(), Msg> {
    let not_sheet = || Msg::NotSpreadsheet {
        ext: ext.to_string(),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_sheet())?;
    if zip.len() > MAX_PARTS {
        return Err(Msg::TooManyParts { limit: MAX_PARTS });
    }
    let needed = if ext == ".xlsx" {
        "xl/workbook.xml"
    } else {
        "content.xml"
    };
    if zip.index_for_name(needed).is_none() {
        return Err(not_sheet());
    }
    let bomb = Msg::ZipBomb {
        limit: MAX_INFLATED_BYTES,
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|_| not_sheet())?;
        let room = MAX_INFLATED_BYTES - total;
        if part.size() > room {
            return Err(bomb);
        }
        let n = std::io::copy(&mut (&mut part).take(room + 1), &mut std::io::sink())
            .map_err(|_| not_sheet())?;
        if n > room {
            return Err(bomb);
        }
        total += n;
    }
    Ok(())
}

fn too_big(table: &Table, row: u32, column: u32) -> Option<Issue> {
    if row >= MAX_ROWS {
        Some(Issue {
            at: table.whole(),
            msg: Msg::TooManyRows { limit: MAX_ROWS },
        })
    } else if column >= MAX_COLUMNS {
        Some(Issue {
            at: table.whole(),
            msg: Msg::TooManyColumns { limit: MAX_COLUMNS },
        })
    } else {
        None
    }
}

fn pick_sheet(
    names: Vec<String>,
    wanted: Option<&str>,
    table: &Table,
) -> Result<String, Vec<Issue>> {
    match wanted {
        Some(w) => names.iter().find(|n| *n == w).cloned().ok_or_else(|| {
            vec![Issue {
                at: table.whole(),
                msg: Msg::SheetNotFound {
                    sheet: w.to_string(),
                    sheets: names.clone(),
                },
            }]
        }),
        None => names.into_iter().next().ok_or_else(|| {
            vec![Issue {
                at: table.whole(),
                msg: Msg::Empty,
            }]
        }),
    }
}

/// Merged cells from (row, column) to (row, column), 0-based.
fn merged(table: &Table, start: (u32, u32), end: (u32, u32)) -> Issue {
    let range = format!(
        "{}{}:{}{}",
        column_name(start.1),
        start.0 + 1,
        column_name(end.1),
        end.0 + 1
    );
    Issue {
        at: Location {
            range: Some(range.clone()),
            ..table.whole()
        },
        msg: Msg::Merged { range },
    }
}

fn read_xlsx(bytes: Vec<u8>, wanted: Option<&str>, table: &mut Table) -> Result<(), Vec<Issue>> {
    let not_sheet = |t: &Table| {
        vec![Issue {
            at: t.whole(),
            msg: Msg::NotSpreadsheet {
                ext: ".xlsx".into(),
            },
        }]
    };
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|_| not_sheet(table))?;
    let name = pick_sheet(book.sheet_names(), wanted, table)?;
    table.sheet = Some(name.clone());
    let mut issues = Vec::new();
    let regions = book
        .merge_cells_by_sheet_name(&name)
        .map_err(|_| not_sheet(table))?;
    for m in regions {
        issues.push(merged(table, m.start, m.end));
    }
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| not_sheet(table))?;
    while let Some(c) = cells
        .next_cell_with_formula()
        .map_err(|_| not_sheet(table))?
    {
        let (row, column) = c.pos;
        if let Some(issue) = too_big(table, row, column) {
            return Err(vec![issue]);
        }
        if let Some(f) = c.formula.filter(|f| !f.is_empty()) {
            issues.push(Issue {
                at: table.at(row as usize, Some(column)),
                msg: Msg::Formula { formula: f },
            });
            continue;
        }
        let cell = match c.value {
            DataRef::Empty => continue,
            DataRef::Int(i) => Cell::Number(i as f64),
            DataRef::Float(f) => Cell::Number(f),
            DataRef::String(s) => Cell::Text(s),
            DataRef::SharedString(s) => Cell::Text(s.to_string()),
            DataRef::Bool(b) => Cell::Bool(b),
            DataRef::DateTime(d) if d.is_datetime() => {
                let (y, m, d, ..) = d.to_ymd_hms_milli();
                match jiff::civil::Date::new(y as i16, m as i8, d as i8) {
                    Ok(d) => Cell::Date(d),
                    Err(_) => Cell::Error(format!("{y}-{m:02}-{d:02}")),
                }
            }
            DataRef::DateTime(d) => Cell::Number(d.as_f64()),
            DataRef::DateTimeIso(s) => iso_cell(s),
            DataRef::DurationIso(s) => Cell::Text(s),
            DataRef::Error(e) => Cell::Error(e.to_string()),
        };
        table.set(row, column, cell);
    }
    if issues.is_empty() {
        Ok(())
    } else {
        Err(issues)
    }
}

/// A date the spreadsheet wrote in ISO 8601 (`2020-08-03`, maybe with a
/// time of day).
fn iso_cell(s: String) -> Cell {
    s.get(..10)
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .map_or(Cell::Text(s), Cell::Date)
}

fn read_ods(bytes: Vec<u8>, wanted: Option<&str>, table: &mut Table) -> Result<(), Vec<Issue>> {
    let not_sheet = |t: &Table| {
        vec![Issue {
            at: t.whole(),
            msg: Msg::NotSpreadsheet { ext: ".ods".into() },
        }]
    };
    // The scan comes first: calamine builds every sheet as it opens the file.
    let content = {
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).map_err(|_| not_sheet(table))?;
        let mut part = zip.by_name("content.xml").map_err(|_| not_sheet(table))?;
        let mut text = Vec::new();
        part.read_to_end(&mut text).map_err(|_| not_sheet(table))?;
        text
    };
    let found = scan_ods(&content, table)?;
    let mut book = calamine::Ods::new(Cursor::new(bytes)).map_err(|_| not_sheet(table))?;
    let name = pick_sheet(book.sheet_names(), wanted, table)?;
    table.sheet = Some(name.clone());
    let issues: Vec<Issue> = found
        .into_iter()
        .filter(|i| i.at.sheet.as_deref() == Some(name.as_str()))
        .collect();
    if !issues.is_empty() {
        return Err(issues);
    }
    let range = book.worksheet_range(&name).map_err(|_| not_sheet(table))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    for (r, c, value) in range.used_cells() {
        let (row, column) = (top + r as u32, left + c as u32);
        if let Some(issue) = too_big(table, row, column) {
            return Err(vec![issue]);
        }
        let cell = match value {
            calamine::Data::Empty => continue,
            calamine::Data::Int(i) => Cell::Number(*i as f64),
            calamine::Data::Float(f) => Cell::Number(*f),
            calamine::Data::String(s) => Cell::Text(s.clone()),
            calamine::Data::Bool(b) => Cell::Bool(*b),
            calamine::Data::DateTime(d) => Cell::Number(d.as_f64()),
            calamine::Data::DateTimeIso(s) => iso_cell(s.clone()),
            calamine::Data::DurationIso(s) => Cell::Text(s.clone()),
            calamine::Data::Error(e) => Cell::Error(e.to_string()),
        };
        table.set(row, column, cell);
    }
    Ok(())
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.to_string())
}

fn count(e: &BytesStart, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// Walks `content.xml` of an .ods file before calamine builds its sheets:
/// every sheet's used area must stay within the limits (repeated rows and
/// cells count as often as they repeat; refused at once). Returns the
/// formulas and merged cells of every sheet, each located in its sheet.
fn scan_ods(xml: &[u8], table: &Table) -> Result<Vec<Issue>, Vec<Issue>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut issues = Vec::new();
    let mut sheet = Table {
        file: table.file.clone(),
        ..Table::default()
    };
    let (mut row, mut column, mut row_repeat) = (0u64, 0u64, 1u64);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|_| {
            vec![Issue {
                at: table.whole(),
                msg: Msg::NotSpreadsheet { ext: ".ods".into() },
            }]
        })?;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    sheet.sheet = attr(e, "table:name");
                    row = 0;
                }
                "table:table-row" => {
                    row_repeat = count(e, "table:number-rows-repeated");
                    column = 0;
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let repeat = count(e, "table:number-columns-repeated");
                    let formula = attr(e, "table:formula");
                    let used = formula.is_some() || attr(e, "office:value-type").is_some();
                    if used {
                        // Repeat counts come from the file: saturate, never overflow.
                        let last_row = row.saturating_add(row_repeat - 1);
                        let last_column = column.saturating_add(repeat - 1);
                        let clamp = |n: u64| n.min(u32::MAX as u64) as u32;
                        if let Some(issue) = too_big(&sheet, clamp(last_row), clamp(last_column)) {
                            return Err(vec![issue]);
                        }
                    }
                    // A used cell is within the limits by now.
                    if let Some(f) = formula {
                        let f = f.strip_prefix("of:").unwrap_or(&f);
                        issues.push(Issue {
                            at: sheet.at(row as usize, Some(column as u32)),
                            msg: Msg::Formula {
                                formula: f.trim_start_matches('=').to_string(),
                            },
                        });
                    }
                    let across = count(e, "table:number-columns-spanned");
                    let down = count(e, "table:number-rows-spanned");
                    if across > 1 || down > 1 {
                        let clamp = |n: u64, max: u32| n.min(max as u64) as u32;
                        issues.push(merged(
                            &sheet,
                            (clamp(row, MAX_ROWS), clamp(column, MAX_COLUMNS)),
                            (
                                clamp(row.saturating_add(down - 1), MAX_ROWS),
                                clamp(column.saturating_add(across - 1), MAX_COLUMNS),
                            ),
                        ));
                    }
                    column = column.saturating_add(repeat);
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(row_repeat);
            }
            _ => {}
        }
        // An empty row element ends at once.
        if let Event::Empty(e) = &event
            && e.name().as_ref() == "table:table-row"
        {
            row = row.saturating_add(row_repeat);
        }
        buf.clear();
    }
    Ok(issues)
}

/// Reads CSV written by a spreadsheet: UTF-8 (a byte-order mark is
/// skipped), separated by commas or, as Indonesian Excel saves it, by
/// semicolons (whichever the first line holds more of). Rows are counted
/// as a spreadsheet shows them: a quoted cell with line breaks is one row.
fn read_csv(bytes: &[u8], table: &mut Table) -> Result<(), Vec<Issue>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![Issue {
            at: table.whole(),
            msg: Msg::NotUtf8,
        }]);
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // The csv crate skips blank lines, which a spreadsheet shows as empty
    // rows: a record's row is its line, less the line breaks inside the
    // quoted cells before it.
    let mut breaks = 0;
    let mut next_row = 0;
    for record in reader.records() {
        let record = record.map_err(|e| {
            vec![Issue {
                at: table.at(next_row, None),
                msg: Msg::Unreadable { why: e.to_string() },
            }]
        })?;
        let line = record
            .position()
            .map_or(next_row + 1, |p| p.line() as usize);
        let row = line.saturating_sub(1 + breaks).max(next_row);
        breaks += record
            .iter()
            .map(|f| f.matches('\n').count())
            .sum::<usize>();
        next_row = row + 1;
        for (column, field) in record.iter().enumerate() {
            if let Some(issue) = too_big(table, row as u32, column as u32) {
                return Err(vec![issue]);
            }
            if !field.trim().is_empty() {
                table.set(row as u32, column as u32, Cell::Text(field.to_string()));
            }
        }
    }
    Ok(())
}
