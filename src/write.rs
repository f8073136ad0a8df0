//! Stage 7, write: put the rendered site on disk without ever leaving a
//! half-written `output/`.
//!
//! Files go into a fresh staging folder beside the output folder; only
//! when every file is written does the staging folder take the output's
//! place, in one atomic exchange where the file system allows it. A build
//! that fails or is killed at any moment leaves the previous output as it
//! was; a leftover staging folder is removed by the next build.
//!
//! With [`Staging::precompress`], each text file of some size also gets a
//! gzip and a Brotli copy beside it (`index.html.gz`, `index.html.br`),
//! for servers that send a precompressed file as it is (nginx's
//! `gzip_static` and `brotli_static`, Caddy's `precompressed`): the
//! strongest compression once at build time, not a faster one on
//! every request. Both are byte for byte the same on every build.

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

/// Where `build` keeps what it may reuse next time (the drawn PNG
/// charts): beside the output, as the staging folder is, so that it is
/// never published with the site.
pub fn cache_folder(out: &Path) -> PathBuf {
    sibling(out, "cache")
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
    precompress: bool,
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
            precompress: false,
        })
    }

    /// Whether each text file written from now on also gets its `.gz`
    /// and `.br` (see the module comment).
    pub fn precompress(&mut self, on: bool) {
        self.precompress = on;
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
        let precompress = self.precompress;
        files.par_iter().try_for_each(|(rel, bytes)| {
            let (rel, bytes) = (rel.as_ref(), bytes.as_ref());
            std::fs::write(staging.join(rel), bytes)?;
            if precompress && worth_compressing(rel, bytes) {
                std::fs::write(staging.join(format!("{rel}.gz")), gzip(bytes))?;
                std::fs::write(staging.join(format!("{rel}.br")), brotli(bytes))?;
            }
            Ok(())
        })
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

/// Files smaller than this are not precompressed: they fit in a packet or
/// two either way, and servers send small files as they are.
pub const PRECOMPRESS_MIN_BYTES: usize = 1024;

/// What a precompressed copy's name ends with after its file's name.
pub const PRECOMPRESSED: [&str; 2] = [".gz", ".br"];

/// Text files the build writes that compress well. Not the search
/// index's shards: Pagefind gzips them itself.
const TEXT_EXTENSIONS: [&str; 7] = ["html", "css", "js", "svg", "xml", "json", "csv"];

/// Whether the file at `rel` gets precompressed copies.
pub fn worth_compressing(rel: &str, bytes: &[u8]) -> bool {
    bytes.len() >= PRECOMPRESS_MIN_BYTES
        && rel
            .rsplit_once('.')
            .is_some_and(|(_, ext)| TEXT_EXTENSIONS.contains(&ext))
}

/// Whether `rel` names a precompressed copy of a text file (`x.html.gz`).
pub fn is_precompressed(rel: &str) -> bool {
    PRECOMPRESSED.iter().any(|suffix| {
        rel.strip_suffix(suffix).is_some_and(|original| {
            original
                .rsplit_once('.')
                .is_some_and(|(_, ext)| TEXT_EXTENSIONS.contains(&ext))
        })
    })
}

/// `bytes` gzipped at the highest level, with a header that holds no
/// name and no time, so the same bytes always give the same file.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .operating_system(255) // "unknown": the same on every system
        .write(
            Vec::with_capacity(bytes.len() / 3),
            flate2::Compression::best(),
        );
    gz.write_all(bytes).expect("gzip into memory");
    gz.finish().expect("gzip into memory")
}

/// Brotli's quality for the `.br` files. 11, the highest, took twice as
/// long on the shipped site for 2 % less (1.7 s against 0.8 s of one
/// core, 254 kB against 259 kB for 1.1 MB of text; gzip: 316 kB in
/// 0.02 s).
const BROTLI_QUALITY: i32 = 10;

/// `bytes` in Brotli, as text, with the format's default window.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    use brotli::enc::backward_references::BrotliEncoderMode;
    let params = brotli::enc::BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: 22,
        mode: BrotliEncoderMode::BROTLI_MODE_TEXT,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(bytes.len() / 4);
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("brotli into memory");
    out
}

/// The precompressed copies of every file of `files` worth it, for a site
/// built in memory (see [`Staging::precompress`]).
pub fn precompressed(files: &Output) -> Output {
    let worth: Vec<(&String, &Vec<u8>)> = files
        .iter()
        .filter(|(rel, bytes)| worth_compressing(rel, bytes))
        .collect();
    worth
        .into_par_iter()
        .flat_map_iter(|(rel, bytes)| {
            [
                (format!("{rel}.gz"), gzip(bytes)),
                (format!("{rel}.br"), brotli(bytes)),
            ]
        })
        .collect()
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
