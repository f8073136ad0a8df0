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

use crate::message::Message;
use crate::model::{Content, Origin, PressRelease, Record, Vocabularies};
use crate::problem::{FieldPath, Problem, Problems};

use files::Folder;
pub use files::{MAX_FILE_BYTES, read_text};
pub use frontmatter::split as split_front_matter;
use yaml::Parsed;

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

/// Files of the public record that a site may leave out: loaded when
/// present, empty when not.
pub const OPTIONAL_FILES: [&str; 5] = [
    "vocab/producers.yaml",
    "conflicts.yaml",
    "corrections.yaml",
    "charts.yaml",
    "institutions.yaml",
];

/// Folders holding one record per file, and the extension their files take.
const RECORD_DIRS: [(&str, &str); 3] = [("figures", "yaml"), ("cases", "yaml"), ("press", "md")];

/// Loads everything under `dir`. Problems are returned beside whatever did
/// load, so validation can still look at the good records.
pub fn load(dir: &Path) -> (Content, Problems) {
    let mut problems = Problems::default();
    let mut content = Content::default();

    if !dir.is_dir() {
        problems.push(Problem::file_msg(
            dir.display().to_string(),
            Message::ContentFolderNotFound,
        ));
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
            // `symlink_metadata`, so a linked file is read, and refused, not skipped.
            let present = |rel: &str| dir.join(rel).symlink_metadata().is_ok();
            let u = &mut content.unloaded;
            if present("vocab/producers.yaml") {
                content.vocab.producers = load_list(dir, "vocab/producers.yaml", &mut problems, u);
            }
            if present("conflicts.yaml") {
                content.conflicts = load_list(dir, "conflicts.yaml", &mut problems, u);
            }
            if present("corrections.yaml") {
                content.corrections = load_list(dir, "corrections.yaml", &mut problems, u);
            }
            if present("charts.yaml") {
                content.charts = load_list(dir, "charts.yaml", &mut problems, u);
            }
            if present("institutions.yaml") {
                content.institutions = load_one(dir, "institutions.yaml", &mut problems);
            }
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
            problems.push(Problem::file_msg(
                f.as_str(),
                Message::UnexpectedFileInFolder {
                    folder: folder.to_string(),
                    ext: ext.to_string(),
                    file: f.to_string(),
                },
            ));
        }
        let mut loaded = Loaded::default();
        match folder {
            "figures" => content.figures = load_records(dir, &good, &mut problems, &mut loaded),
            "cases" => content.cases = load_records(dir, &good, &mut problems, &mut loaded),
            _ => content.press = load_press(dir, &good, &mut problems, &mut loaded),
        }
        content.unloaded.extend(loaded.unloaded);
        content.repaired.extend(loaded.repaired);
    }

    for f in &files {
        let known = f == "site.yaml"
            || f == "sources.yaml"
            || OPTIONAL_FILES.contains(&f.as_str())
            || VOCAB_FILES.iter().any(|v| *f == format!("vocab/{v}.yaml"))
            || RECORD_DIRS
                .iter()
                .any(|(d, _)| f.starts_with(&format!("{d}/")));
        if !known {
            let vocabularies = f
                .starts_with("vocab/")
                .then(|| VOCAB_FILES.map(|v| format!("vocab/{v}.yaml")).to_vec());
            problems.push(Problem::file_msg(
                f.as_str(),
                Message::UnexpectedFile { vocabularies },
            ));
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
    let parsed = yaml::parse_all(&text, &origin);
    if parsed.problems.is_empty() {
        parsed.value.map(|value| Record { origin, value })
    } else {
        // A site or institutions file with placeholders would mislead
        // every rule that reads it: report, and leave it out.
        problems.extend(parsed.problems);
        None
    }
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
        producers: Vec::new(),
    }
}

/// One YAML record per file, parsed in parallel; results keep file order.
fn load_records<T: serde::de::DeserializeOwned + Send>(
    dir: &Path,
    files: &[&String],
    problems: &mut Problems,
    content: &mut Loaded,
) -> Vec<Record<T>> {
    let folder = Folder::new(dir);
    let results: Vec<Result<Parsed<Record<T>>, Problem>> = files
        .par_iter()
        .map(|rel| Ok(record(rel, folder.read_listed(rel)?)))
        .collect();
    collect(results, problems, content)
}

/// What the loader keeps beside the records: see [`Content::unloaded`]
/// and [`Content::repaired`].
#[derive(Default)]
struct Loaded {
    unloaded: Vec<String>,
    repaired: Vec<(String, String)>,
}

/// One figure or case file (`rel` under `dir`), as a full load reads it:
/// every problem of the file when it does not load.
pub fn record_file<T: serde::de::DeserializeOwned>(
    dir: &Path,
    rel: &str,
) -> Result<Record<T>, Vec<Problem>> {
    let parsed = record(rel, read_text(dir, rel).map_err(|p| vec![p])?);
    match parsed.value {
        Some(v) if parsed.problems.is_empty() => Ok(v),
        _ => Err(parsed.problems),
    }
}

fn record<T: serde::de::DeserializeOwned>(rel: &str, text: String) -> Parsed<Record<T>> {
    let origin = Origin::file(rel);
    let parsed = yaml::parse_all(&text, &origin);
    Parsed {
        value: parsed.value.map(|value| Record { origin, value }),
        problems: parsed.problems,
        repaired: parsed.repaired,
    }
}

fn load_press(
    dir: &Path,
    files: &[&String],
    problems: &mut Problems,
    content: &mut Loaded,
) -> Vec<PressRelease> {
    let folder = Folder::new(dir);
    let results: Vec<Result<Parsed<PressRelease>, Problem>> = files
        .par_iter()
        .map(|rel| Ok(press_release(rel, folder.read_listed(rel)?)))
        .collect();
    collect(results, problems, content)
}

/// One press release (`rel` under `dir`), as a full load reads it: every
/// problem of the file when it does not load.
pub fn press_file(dir: &Path, rel: &str) -> Result<PressRelease, Vec<Problem>> {
    let parsed = press_release(rel, read_text(dir, rel).map_err(|p| vec![p])?);
    match parsed.value {
        Some(v) if parsed.problems.is_empty() => Ok(v),
        _ => Err(parsed.problems),
    }
}

/// The press release `rel` whose text is `text`.
fn press_release(rel: &str, text: String) -> Parsed<PressRelease> {
    let origin = Origin {
        line_offset: 1,
        ..Origin::file(rel)
    };
    let Some((fm, body)) = frontmatter::split(&text) else {
        return Parsed {
            value: None,
            problems: vec![missing_front_matter(rel, &text)],
            repaired: Vec::new(),
        };
    };
    let meta = match plain::front_matter(fm) {
        Some(meta) => Parsed {
            value: Some(meta),
            problems: Vec::new(),
            repaired: Vec::new(),
        },
        None => yaml::parse_all(fm, &origin),
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
    // Kept for the whole build: without the front matter's room.
    body.shrink_to_fit();
    Parsed {
        value: meta.value.map(|meta| PressRelease {
            origin,
            slug,
            meta,
            body_line,
            body,
        }),
        problems: meta.problems,
        repaired: meta.repaired,
    }
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
        Problem::msg(
            &origin,
            FieldPath::root(),
            Message::FrontMatterNotClosed {
                lines: text.lines().count(),
            },
        )
    } else {
        Problem::msg(
            &origin,
            FieldPath::root(),
            Message::MissingFrontMatter { first },
        )
    };
    p.at(crate::problem::Position { line: 1, column: 1 })
}

/// Splits results into records and problems. A file that failed names a
/// record (its file name is its id or slug) that references may still
/// point at: remember it, so they are not reported a second time. A file
/// that loaded only with placeholders keeps its record, for the rules to
/// find the file's other problems, and its placeholders are remembered.
fn collect<T>(
    results: Vec<Result<Parsed<T>, Problem>>,
    problems: &mut Problems,
    loaded: &mut Loaded,
) -> Vec<T> {
    let mut ok = Vec::with_capacity(results.len());
    for r in results {
        let parsed = match r {
            Ok(parsed) => parsed,
            Err(p) => Parsed {
                value: None,
                problems: vec![p],
                repaired: Vec::new(),
            },
        };
        let file = parsed.problems.first().map(|p| p.file.clone());
        problems.extend(parsed.problems);
        match (parsed.value, file) {
            (Some(v), file) => {
                if let Some(file) = file {
                    loaded.repaired.extend(
                        parsed
                            .repaired
                            .iter()
                            .map(|f| (file.clone(), f.to_string())),
                    );
                }
                ok.push(v);
            }
            (None, Some(file)) => {
                if let Some(stem) = std::path::Path::new(&file).file_stem() {
                    loaded.unloaded.push(stem.to_string_lossy().into_owned());
                }
            }
            (None, None) => {}
        }
    }
    ok
}
