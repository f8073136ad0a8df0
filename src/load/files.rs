//! Reading files safely: bounded size, UTF-8 only, nothing outside the
//! content folder.

use std::path::Path;

use walkdir::WalkDir;

use crate::problem::{Problem, Problems};

/// Larger files are refused before they are read: no content file comes
/// near this, and a runaway file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Every file under `dir`, as sorted `/`-separated relative paths. Hidden
/// files (editor swap files, `.git`) are skipped; symbolic links are not
/// followed, and one found is reported, since it could lead outside the
/// content folder.
pub fn walk(dir: &Path, problems: &mut Problems) -> Vec<String> {
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                problems.push(Problem::file(path, format!("cannot read: {e}")));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let Some(rel) = rel.to_str().map(|s| s.replace('\\', "/")) else {
            problems.push(
                Problem::file(
                    entry.path().to_string_lossy(),
                    "file name is not valid UTF-8",
                )
                .expected("file names in UTF-8"),
            );
            continue;
        };
        if entry.path_is_symlink() {
            problems.push(
                Problem::file(rel, "symbolic link refused")
                    .expected("a regular file inside the content folder")
                    .found("a symbolic link"),
            );
        } else if entry.file_type().is_file() {
            files.push(rel);
        }
    }
    files
}

/// Reads `rel` under `dir` as UTF-8 text, refusing oversize, empty and
/// non-UTF-8 files with a problem that names the file.
pub fn read_text(dir: &Path, rel: &str) -> Result<String, Problem> {
    let path = dir.join(rel);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| {
        let msg = if e.kind() == std::io::ErrorKind::NotFound {
            "required file is missing".to_string()
        } else {
            format!("cannot read: {e}")
        };
        Problem::file(rel, msg)
    })?;
    if meta.file_type().is_symlink() {
        return Err(Problem::file(rel, "symbolic link refused")
            .expected("a regular file inside the content folder")
            .found("a symbolic link"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::file(rel, "file too large")
            .expected(format!("at most {} MiB", MAX_FILE_BYTES / 1024 / 1024))
            .found(format!("{} bytes", meta.len())));
    }
    let bytes =
        std::fs::read(&path).map_err(|e| Problem::file(rel, format!("cannot read: {e}")))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::file(rel, "empty file").expected("the fields of a record"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Problem::file(rel, "not valid UTF-8 text")
            .expected("a file saved as UTF-8")
            .found(format!("an invalid byte sequence at byte {at}"))
    })
}
