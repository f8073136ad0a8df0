//! Stage 7, write: put the rendered site on disk without ever leaving a
//! half-written `output/`.
//!
//! Files go into a fresh staging folder beside the output folder; only
//! when every file is written is the old output moved aside and the
//! staging folder renamed into its place. A build that fails or is killed
//! before that leaves the previous output as it was; a leftover staging or
//! old folder is removed by the next build.

use std::io;
use std::path::{Path, PathBuf};

use crate::render::Output;

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes `files` to `out` atomically (see the module comment).
pub fn write_site(out: &Path, files: &Output) -> io::Result<()> {
    let staging = sibling(out, "staging");
    let old = sibling(out, "old");
    // A killed earlier build may have left these.
    if old.exists() && !out.exists() {
        std::fs::rename(&old, out)?;
    }
    for leftover in [&staging, &old] {
        if leftover.exists() {
            std::fs::remove_dir_all(leftover)?;
        }
    }
    std::fs::create_dir_all(&staging)?;
    for (rel, bytes) in files {
        if !safe_relative(rel) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {rel}"),
            ));
        }
        let path = staging.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
    }
    if out.exists() {
        std::fs::rename(out, &old)?;
    }
    std::fs::rename(&staging, out)?;
    if old.exists() {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// A path made of plain names only: no root, no `..`, no empty segment.
fn safe_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && !seg.contains('\0'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn refuses_escaping_paths() {
        assert!(super::safe_relative("a/b/index.html"));
        assert!(!super::safe_relative("../x"));
        assert!(!super::safe_relative("/etc/passwd"));
        assert!(!super::safe_relative("a//b"));
    }
}
