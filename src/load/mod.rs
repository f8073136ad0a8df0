//! Stage 1, load: walk `content/`, read every file and parse it into the
//! plain types of [`crate::model`].
//!
//! Loading never stops at the first bad file: each file that cannot be read
//! or parsed becomes a [`Problem`] and the rest still load, so `check`
//! reports everything at once.

mod files;
mod frontmatter;
mod plain;
mod yaml;

use std::path::Path;

use rayon::prelude::*;

use crate::model::{Content, Origin, PressRelease, Record, Vocabularies};
use crate::problem::{FieldPath, Problem, Problems};

use files::Folder;
pub use files::{MAX_FILE_BYTES, read_text};
pub use frontmatter::split as split_front_matter;

/// The YAML front matter of a Markdown text.
pub fn front_matter(text: &str) -> Option<&str> {
    frontmatter::split(text).map(|(fm, _)| fm)
}

/// The vocabulary files every site has, in `content/vocab/`.
pub const VOCAB_FILES: [&str; 6] = [
    "positions",
    "categories",
    "outcomes",
    "regions",
    "elections",
    "measures",
];

/// Folders holding one record per file, and the extension their files take.
const RECORD_DIRS: [(&str, &str); 3] = [("figures", "yaml"), ("cases", "yaml"), ("press", "md")];

/// Loads everything under `dir`. Problems are returned beside whatever did
/// load, so validation can still look at the good records.
pub fn load(dir: &Path) -> (Content, Problems) {
    let mut problems = Problems::default();
    let mut content = Content::default();

    if !dir.is_dir() {
        problems.push(
            Problem::file(dir.display().to_string(), "content folder not found")
                .expected("a folder with site.yaml, vocab/, sources.yaml, figures/, press/"),
        );
        return (content, problems);
    }

    // The walk and the files every site has do not depend on each other.
    let mut walked = Problems::default();
    let (files, ()) = rayon::join(
        || files::walk(dir, &mut walked),
        || {
            if let Some(r) = load_one(dir, "site.yaml", &mut problems) {
                content.site = r;
            }
            content.vocab = load_vocab(dir, &mut problems, &mut content.unloaded);
            content.sources = load_list(dir, "sources.yaml", &mut problems, &mut content.unloaded);
        },
    );
    problems.extend(walked.0);

    for (folder, ext) in RECORD_DIRS {
        let wanted: Vec<&String> = files
            .iter()
            .filter(|f| f.starts_with(&format!("{folder}/")))
            .collect();
        let (good, bad): (Vec<&String>, Vec<&String>) = wanted
            .into_iter()
            .partition(|f| f.ends_with(&format!(".{ext}")) && !f[folder.len() + 1..].contains('/'));
        for f in bad {
            problems.push(
                Problem::file(f.as_str(), format!("unexpected file in {folder}/"))
                    .expected(format!(
                        "one `.{ext}` file per record, directly in {folder}/"
                    ))
                    .found(f.to_string()),
            );
        }
        match folder {
            "figures" => {
                content.figures = load_records(dir, &good, &mut problems, &mut content.unloaded)
            }
            "cases" => {
                content.cases = load_records(dir, &good, &mut problems, &mut content.unloaded)
            }
            _ => content.press = load_press(dir, &good, &mut problems, &mut content.unloaded),
        }
    }

    for f in &files {
        let known = f == "site.yaml"
            || f == "sources.yaml"
            || VOCAB_FILES.iter().any(|v| *f == format!("vocab/{v}.yaml"))
            || RECORD_DIRS
                .iter()
                .any(|(d, _)| f.starts_with(&format!("{d}/")));
        if !known {
            problems.push(
                Problem::file(f.as_str(), "unexpected file in the content folder").expected(
                    if f.starts_with("vocab/") {
                        format!(
                            "one of the vocabularies: {}",
                            VOCAB_FILES.map(|v| format!("vocab/{v}.yaml")).join(", ")
                        )
                    } else {
                        "site.yaml, sources.yaml, vocab/, figures/, cases/ or press/".to_string()
                    },
                ),
            );
        }
    }
    problems.defang();
    (content, problems)
}

fn load_one<T: serde::de::DeserializeOwned>(
    dir: &Path,
    rel: &str,
    problems: &mut Problems,
) -> Option<Record<T>> {
    let origin = Origin::file(rel);
    let text = read_text(dir, rel).map_err(|p| problems.push(p)).ok()?;
    yaml::parse(&text, &origin)
        .map(|value| Record { origin, value })
        .map_err(|p| problems.push(p))
        .ok()
}

fn load_list<T: serde::de::DeserializeOwned>(
    dir: &Path,
    rel: &str,
    problems: &mut Problems,
    unloaded: &mut Vec<String>,
) -> Vec<Record<T>> {
    let origin = Origin::file(rel);
    let Ok(text) = read_text(dir, rel).map_err(|p| problems.push(p)) else {
        return Vec::new();
    };
    let parsed = yaml::parse_list::<T>(&text, &origin);
    problems.extend(parsed.problems);
    unloaded.extend(parsed.unloaded);
    parsed
        .ok
        .into_iter()
        .map(|(i, value)| Record {
            origin: Origin {
                index: Some(i),
                ..origin.clone()
            },
            value,
        })
        .collect()
}

fn load_vocab(dir: &Path, problems: &mut Problems, unloaded: &mut Vec<String>) -> Vocabularies {
    let path = |name: &str| format!("vocab/{name}.yaml");
    Vocabularies {
        positions: load_list(dir, &path("positions"), problems, unloaded),
        categories: load_list(dir, &path("categories"), problems, unloaded),
        outcomes: load_list(dir, &path("outcomes"), problems, unloaded),
        regions: load_list(dir, &path("regions"), problems, unloaded),
        elections: load_list(dir, &path("elections"), problems, unloaded),
        measures: load_list(dir, &path("measures"), problems, unloaded),
    }
}

/// One YAML record per file, parsed in parallel; results keep file order.
fn load_records<T: serde::de::DeserializeOwned + Send>(
    dir: &Path,
    files: &[&String],
    problems: &mut Problems,
    unloaded: &mut Vec<String>,
) -> Vec<Record<T>> {
    let folder = Folder::new(dir);
    let results: Vec<Result<Record<T>, Problem>> = files
        .par_iter()
        .map(|rel| record(rel, folder.read_listed(rel)?))
        .collect();
    collect(results, problems, unloaded)
}

/// One figure or case file (`rel` under `dir`), as a full load reads it.
pub fn record_file<T: serde::de::DeserializeOwned>(
    dir: &Path,
    rel: &str,
) -> Result<Record<T>, Problem> {
    record(rel, read_text(dir, rel)?)
}

fn record<T: serde::de::DeserializeOwned>(rel: &str, text: String) -> Result<Record<T>, Problem> {
    let origin = Origin::file(rel);
    yaml::parse(&text, &origin).map(|value| Record { origin, value })
}

fn load_press(
    dir: &Path,
    files: &[&String],
    problems: &mut Problems,
    unloaded: &mut Vec<String>,
) -> Vec<PressRelease> {
    let folder = Folder::new(dir);
    let results: Vec<Result<PressRelease, Problem>> = files
        .par_iter()
        .map(|rel| press_release(rel, folder.read_listed(rel)?))
        .collect();
    collect(results, problems, unloaded)
}

/// One press release (`rel` under `dir`), as a full load reads it.
pub fn press_file(dir: &Path, rel: &str) -> Result<PressRelease, Problem> {
    press_release(rel, read_text(dir, rel)?)
}

/// The press release `rel` whose text is `text`.
fn press_release(rel: &str, text: String) -> Result<PressRelease, Problem> {
    let origin = Origin {
        line_offset: 1,
        ..Origin::file(rel)
    };
    let (fm, body) = frontmatter::split(&text).ok_or_else(|| missing_front_matter(rel, &text))?;
    let meta = match plain::front_matter(fm) {
        Some(meta) => meta,
        None => yaml::parse(fm, &origin)?,
    };
    let slug = rel
        .trim_start_matches("press/")
        .trim_end_matches(".md")
        .to_string();
    let body_line = fm.lines().count() + 3;
    // The body is the end of the text: moved to its start, not copied.
    let body_start = text.len() - body.len();
    let mut body = text;
    body.drain(..body_start);
    Ok(PressRelease {
        origin,
        slug,
        meta,
        body_line,
        body,
    })
}

/// Why a Markdown file has no front matter: no opening `---` line, or one
/// that is never closed (the whole file would otherwise become YAML).
fn missing_front_matter(rel: &str, text: &str) -> Problem {
    let origin = Origin::file(rel);
    let first: String = text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(60)
        .collect();
    let p = if first.trim_end() == "---" {
        Problem::new(&origin, FieldPath::root(), "front matter not closed")
            .expected("a second `---` line after the YAML fields, before the Markdown body")
            .found(format!(
                "no closing `---` in {} lines",
                text.lines().count()
            ))
    } else {
        Problem::new(&origin, FieldPath::root(), "missing front matter")
            .expected("a first line `---`, YAML fields, then a closing `---` line before the Markdown body")
            .found(format!("{first:?}"))
    };
    p.at(crate::problem::Position { line: 1, column: 1 })
}

/// Splits results into records and problems. A file that failed names a
/// record (its file name is its id or slug) that references may still
/// point at: remember it, so they are not reported a second time.
fn collect<T>(
    results: Vec<Result<T, Problem>>,
    problems: &mut Problems,
    unloaded: &mut Vec<String>,
) -> Vec<T> {
    let mut ok = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(v) => ok.push(v),
            Err(p) => {
                if let Some(stem) = std::path::Path::new(&p.file).file_stem() {
                    unloaded.push(stem.to_string_lossy().into_owned());
                }
                problems.push(p);
            }
        }
    }
    ok
}
