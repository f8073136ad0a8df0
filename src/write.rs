//! Stage 7, write: put the rendered site on disk without ever leaving a
//! half-written `output/`.
//!
//! Files go into a fresh staging folder beside the output folder; only
//! when every file is written does the staging folder take the output's
//! place, in one atomic exchange where the file system allows it. A build
//! that fails or is killed at any moment leaves the previous output as it
//! was; a leftover staging folder is removed by the next build.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The built site before it touches the disk: output path → bytes. A
/// `BTreeMap` so that iteration, and so every listing, is in one order.
pub type Output = BTreeMap<String, Vec<u8>>;

fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.{suffix}"))
}

/// Writes `files` to `out` atomically (see the module comment).
pub fn write_site(out: &Path, files: &Output) -> io::Result<()> {
    let mut staging = Staging::new(out)?;
    let files: Vec<(&String, &Vec<u8>)> = files.iter().collect();
    staging.write(&files)?;
    staging.commit()
}

/// A site being written: files go into the staging folder as they are
/// rendered, so a large site never has to be held in memory whole.
/// Dropped without [`Staging::commit`], it removes what it wrote and
/// leaves the output as it was.
pub struct Staging {
    out: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    /// Folders made so far: each is created once.
    dirs: HashSet<PathBuf>,
    committed: bool,
}

impl Staging {
    pub fn new(out: &Path) -> io::Result<Staging> {
        let staging = sibling(out, "staging");
        let old = sibling(out, "old");
        // A build killed between the two renames of the fallback swap leaves
        // the previous output as `old` and none in place: put it back first.
        if old.exists() && !out.exists() {
            std::fs::rename(&old, out)?;
        }
        for leftover in [&staging, &old] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover)?;
            }
        }
        std::fs::create_dir_all(&staging)?;
        Ok(Staging {
            out: out.to_path_buf(),
            staging,
            old,
            dirs: HashSet::new(),
            committed: false,
        })
    }

    /// The staging folder, where files written so far can be read back.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    /// Writes `files` (path under the output → bytes) in parallel.
    pub fn write<P: AsRef<str> + Sync, B: AsRef<[u8]> + Sync>(
        &mut self,
        files: &[(P, B)],
    ) -> io::Result<()> {
        if let Some((bad, _)) = files.iter().find(|(rel, _)| !safe_relative(rel.as_ref())) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "refusing to write outside the output folder: {}",
                    bad.as_ref()
                ),
            ));
        }
        // Folders first, in order, then the files in parallel: on a large
        // site the writes are most of this stage.
        let dirs: BTreeSet<&Path> = files
            .iter()
            .filter_map(|(rel, _)| Path::new(rel.as_ref()).parent())
            .filter(|d| !self.dirs.contains(*d))
            .collect();
        for d in dirs {
            std::fs::create_dir_all(self.staging.join(d))?;
            self.dirs.insert(d.to_path_buf());
        }
        let staging = &self.staging;
        files
            .par_iter()
            .try_for_each(|(rel, bytes)| std::fs::write(staging.join(rel.as_ref()), bytes))
    }

    /// Puts the written site in place of the output, in one step.
    pub fn commit(mut self) -> io::Result<()> {
        self.committed = true;
        swap_in(&self.staging, &self.out, &self.old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Puts `staging` in the place of `out`. On Linux the two folders are
/// exchanged in one atomic step, so at every instant `out` is either the
/// whole old site or the whole new one.
fn swap_in(staging: &Path, out: &Path, old: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous site.
            return std::fs::remove_dir_all(staging);
        }
        // Not supported by this file system: fall through.
    }
    std::fs::rename(out, old)?;
    std::fs::rename(staging, out)?;
    std::fs::remove_dir_all(old)
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
