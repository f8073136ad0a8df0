//! The report of what a build changed: pages added, removed and changed
//! against the previous output, and every published figure whose value
//! changed.
//!
//! The previous build is the previous output folder itself: its files are
//! the manifest, and its `data/figures.csv` holds every published number,
//! so CI can compare against the site as it is published (download it,
//! point `--previous` at it) without netra keeping state of its own.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::render::Output;

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct PageChanges {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
}

/// One published number that is new, gone, or has another value.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct FigureChange {
    /// `figure / kind / dimension / code / measure`, as in `data/figures.csv`.
    pub key: String,
    /// The figure's title and what is counted.
    pub label: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Default, Serialize)]
pub struct ChangeReport {
    /// Whether there was a previous build to compare with.
    pub previous: bool,
    pub pages: PageChanges,
    /// Other files (charts, CSV, feeds, assets).
    pub files: PageChanges,
    pub figures: Vec<FigureChange>,
}

impl ChangeReport {
    pub fn is_empty(&self) -> bool {
        self.pages == PageChanges::default()
            && self.files == PageChanges::default()
            && self.figures.is_empty()
    }
}

/// Compares the files of `previous` (an output folder, possibly missing)
/// with the new output.
/// What a build wrote, as the change report needs it: a hash per file,
/// and the published figures. Kept instead of the files themselves, so a
/// large site is compared without holding either build in memory.
#[derive(Debug, Default)]
pub struct Manifest {
    files: BTreeMap<String, u64>,
    figures_csv: Option<Vec<u8>>,
}

/// The file that lists every published number.
const FIGURES_CSV: &str = "data/figures.csv";

fn hash(bytes: &[u8]) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut h, bytes);
    std::hash::Hasher::finish(&h)
}

impl Manifest {
    pub fn add(&mut self, path: &str, bytes: &[u8]) {
        self.files.insert(path.to_string(), hash(bytes));
        if path == FIGURES_CSV {
            self.figures_csv = Some(bytes.to_vec());
        }
    }

    pub fn of(out: &Output) -> Manifest {
        let mut m = Manifest::default();
        for (path, bytes) in out {
            m.add(path, bytes);
        }
        m
    }

    /// The manifest of a folder on disk, read file by file.
    fn read(dir: &Path) -> Manifest {
        let files: Vec<(String, std::path::PathBuf)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                Some((rel, e.into_path()))
            })
            // A precompressed copy changes with its file: reported once.
            .filter(|(rel, _)| !crate::write::is_precompressed(rel))
            .collect();
        let files: BTreeMap<String, u64> = files
            .into_par_iter()
            .filter_map(|(rel, path)| std::fs::read(path).ok().map(|b| (rel, hash(&b))))
            .collect();
        Manifest {
            files,
            figures_csv: std::fs::read(dir.join(FIGURES_CSV)).ok(),
        }
    }
}

pub fn compare(previous: &Path, new: &Manifest) -> ChangeReport {
    let mut report = ChangeReport {
        previous: previous.is_dir(),
        ..Default::default()
    };
    let old = if report.previous {
        Manifest::read(previous)
    } else {
        Manifest::default()
    };
    for (path, h) in &new.files {
        let b = if path.ends_with(".html") {
            &mut report.pages
        } else {
            &mut report.files
        };
        match old.files.get(path) {
            None => b.added.push(path.clone()),
            Some(prev) if prev != h => b.changed.push(path.clone()),
            Some(_) => {}
        }
    }
    for path in old.files.keys().filter(|p| !new.files.contains_key(*p)) {
        let b = if path.ends_with(".html") {
            &mut report.pages
        } else {
            &mut report.files
        };
        b.removed.push(path.clone());
    }
    let figures_old = old
        .figures_csv
        .as_deref()
        .map(figure_values)
        .unwrap_or_default();
    let figures_new = new
        .figures_csv
        .as_deref()
        .map(figure_values)
        .unwrap_or_default();
    let keys: std::collections::BTreeSet<&String> =
        figures_old.keys().chain(figures_new.keys()).collect();
    for key in keys {
        let (o, n) = (figures_old.get(key), figures_new.get(key));
        if o.map(|x| &x.1) != n.map(|x| &x.1) {
            let label = n.or(o).map(|x| x.0.clone()).unwrap_or_default();
            report.figures.push(FigureChange {
                key: key.clone(),
                label,
                old: o.map(|x| x.1.clone()),
                new: n.map(|x| x.1.clone()),
            });
        }
    }
    report
}

/// `key → (label, value with unit)` from a `data/figures.csv`.
fn figure_values(csv_bytes: &[u8]) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    let mut r = csv::Reader::from_reader(csv_bytes);
    let Ok(headers) = r.headers().cloned() else {
        return out;
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (
        Some(id),
        Some(title),
        Some(kind),
        Some(dim),
        Some(code),
        Some(measure),
        Some(value),
        Some(unit),
    ) = (
        col("figure_id"),
        col("title"),
        col("kind"),
        col("dimension"),
        col("code"),
        col("measure"),
        col("value"),
        col("unit"),
    )
    else {
        return out;
    };
    for row in r.records().filter_map(Result::ok) {
        let f = |i: usize| row.get(i).unwrap_or("").to_string();
        let key = [f(id), f(kind), f(dim), f(code), f(measure)].join(" / ");
        let what = [f(dim), f(code), f(measure)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let label = format!("{}: {what}", f(title));
        let v = if f(value).is_empty() {
            f(kind)
        } else {
            format!("{} {}", f(value), f(unit))
        };
        out.insert(key, (label, v));
    }
    out
}

/// A short Markdown summary, for a CI comment or an editor's terminal.
pub fn markdown(r: &ChangeReport) -> String {
    let mut s = String::from("## netra: what this build changes\n\n");
    if !r.previous {
        s.push_str("No previous build to compare with: every page is new.\n\n");
    }
    s.push_str(&format!(
        "- pages: {} added, {} removed, {} changed\n- other files: {} added, {} removed, {} changed\n- published figures changed: {}\n",
        r.pages.added.len(),
        r.pages.removed.len(),
        r.pages.changed.len(),
        r.files.added.len(),
        r.files.removed.len(),
        r.files.changed.len(),
        r.figures.len()
    ));
    if !r.figures.is_empty() {
        s.push_str("\n| figure | before | after |\n|---|---|---|\n");
        for f in &r.figures {
            s.push_str(&format!(
                "| {} | {} | {} |\n",
                f.label.replace('|', "\\|"),
                f.old.as_deref().unwrap_or("—"),
                f.new.as_deref().unwrap_or("—")
            ));
        }
    }
    for (title, list) in [
        ("Pages added", &r.pages.added),
        ("Pages removed", &r.pages.removed),
        ("Pages changed", &r.pages.changed),
    ] {
        if !list.is_empty() {
            s.push_str(&format!(
                "\n<details><summary>{title} ({})</summary>\n\n",
                list.len()
            ));
            for p in list.iter().take(200) {
                s.push_str(&format!("- `{p}`\n"));
            }
            if list.len() > 200 {
                s.push_str(&format!("- … and {} more\n", list.len() - 200));
            }
            s.push_str("\n</details>\n");
        }
    }
    s
}
