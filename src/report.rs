//! Printing problems for people: each with its position, the source line
//! and a caret under the column, like a compiler.

use std::path::Path;

use crate::locate::locate;
use crate::message::Lang;
use crate::problem::{Problem, Problems};

/// Fills in line and column for problems that only know their field,
/// reading each file once.
pub fn locate_all(problems: &mut Problems, content_dir: &Path) {
    let mut cache: std::collections::HashMap<String, Option<String>> =
        std::collections::HashMap::new();
    for p in &mut problems.0 {
        // Whole-file problems (too large, not UTF-8, a link) have nothing to
        // locate, and their file must not be opened again.
        if p.position.is_some() || (p.field.0.is_empty() && p.record.is_none()) {
            continue;
        }
        let text = cache
            .entry(p.file.clone())
            .or_insert_with(|| read_yaml_part(content_dir, &p.file));
        if let Some(text) = text {
            p.position = locate(text, p.record, &p.field, p.line_offset);
        }
    }
    problems.sort();
}

/// The YAML of a file: all of it, or the front matter of a Markdown file.
fn read_yaml_part(content_dir: &Path, file: &str) -> Option<String> {
    let text = read_source(content_dir, file)?;
    if file.ends_with(".md") {
        return crate::load::front_matter(&text).map(str::to_string);
    }
    Some(text)
}

/// Content problems name files relative to the content folder; theme
/// problems carry their full path.
/// Read through the loader's safe reader: bounded size, regular files
/// only, so printing a report can never hang on a pipe or fill memory.
fn read_source(content_dir: &Path, file: &str) -> Option<String> {
    crate::load::read_text(content_dir, file)
        .or_else(|_| crate::load::read_text(Path::new(""), file))
        .ok()
}

/// One problem with a snippet of its source line, for a terminal, in
/// English.
pub fn render(p: &Problem, content_dir: &Path) -> String {
    render_in(Lang::En.error(), p, content_dir, Lang::En)
}

/// [`render`] at another level (`warning`).
pub fn render_as(level: &str, p: &Problem, content_dir: &Path) -> String {
    render_in(level, p, content_dir, Lang::En)
}

/// One problem in `lang`, at `level` (`error`, or its word in `lang`).
pub fn render_in(level: &str, p: &Problem, content_dir: &Path, lang: Lang) -> String {
    let words = p.words(lang);
    let [field_label, expected_label, found_label] = lang.labels();
    let shown = content_dir.join(&p.file);
    let file = if shown.is_file() {
        shown.display().to_string()
    } else {
        p.file.clone()
    };
    let mut out = format!("{level}: {}\n  --> {file}", words.message);
    if let Some(pos) = p.position {
        out.push_str(&format!(":{}:{}", pos.line, pos.column));
        let line = (!p.sensitive)
            .then(|| read_source(content_dir, &p.file))
            .flatten()
            .and_then(|t| {
                // A line of a few hundred characters is enough to see the
                // problem; a pathological file must not flood the terminal.
                t.lines()
                    .nth(pos.line.saturating_sub(1))
                    .map(|l| l.chars().take(200).collect::<String>())
            });
        if let Some(line) = line {
            let width = pos.line.to_string().len();
            let caret_at: usize = line
                .chars()
                .take(pos.column.saturating_sub(1))
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            out.push_str(&format!(
                "\n{:width$} |\n{} | {}\n{:width$} | {}^",
                "",
                pos.line,
                line.replace('\t', "    "),
                "",
                " ".repeat(caret_at)
            ));
        }
    }
    if !p.field.0.is_empty() {
        out.push_str(&format!("\n   = {field_label} {}", p.field));
    }
    if !words.expected.is_empty() {
        out.push_str(&format!("\n   = {expected_label} {}", words.expected));
    }
    if !words.found.is_empty() {
        out.push_str(&format!("\n   = {found_label} {}", words.found));
    }
    out
}

/// Every problem in `lang`, and how many there are.
pub fn render_all(problems: &Problems, content_dir: &Path, lang: Lang) -> String {
    let mut out: String = problems
        .iter()
        .map(|p| render_in(lang.error(), p, content_dir, lang) + "\n\n")
        .collect();
    out.push_str(&lang.problems_found(problems.len()));
    out
}
