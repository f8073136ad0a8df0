//! Helpers for the integration tests: a scratch copy of the shipped
//! content, running the real `netra` binary on it, and reading what it
//! built.
//!
//! A test starts from [`Scratch::new`] and says what it needs:
//!
//! ```ignore
//! let s = Scratch::new().with_cases().with_theme_copy();
//! s.replace("site.yaml", "per_page: 10", "per_page: 2");
//! let s = s.built();
//! assert!(s.page("kasus/index.html").contains("t-0001"));
//! ```

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The theme the repository ships, `themes/default`.
pub fn shipped_theme() -> PathBuf {
    repo().join("themes/default")
}

/// A temporary folder holding a copy of the shipped `content/`, and the
/// theme its builds and checks use.
pub struct Scratch {
    pub dir: tempfile::TempDir,
    theme: PathBuf,
    /// Whether builds keep their PNGs in [`shared_png_cache`].
    shared_pngs: bool,
}

/// The PNG charts drawn by the suite's builds, in one folder (`--cache-dir`)
/// for every run of both test crates: a debug build of the shipped site
/// spends two thirds of its time drawing them, and the suite builds it
/// some fifty times. A picture is named by what it shows, the fonts and
/// the drawing code, so a build takes from here only what it would have
/// drawn the same; `png_charts` checks that cached and drawn pictures are
/// the same bytes. Pictures no run used for a month leave it, as from any
/// shared folder.
pub fn shared_png_cache() -> &'static Path {
    static DIR: LazyLock<PathBuf> =
        LazyLock::new(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("png-cache"));
    &DIR
}

impl Scratch {
    /// A copy of the shipped content, built with the shipped theme.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        Scratch {
            dir,
            theme: shipped_theme(),
            shared_pngs: true,
        }
    }

    /// Builds keep their PNGs where `netra build` keeps them by default,
    /// beside the output, rather than in [`shared_png_cache`]: for the
    /// tests of that cache and of drawing.
    pub fn with_own_png_cache(mut self) -> Self {
        self.shared_pngs = false;
        self
    }

    /// A copy of the shipped content with the output of its build, as
    /// `Scratch::new().built()` would leave it, copied from
    /// [`shipped_site`] rather than built again: for tests that need a
    /// previous good output before they break or change the content.
    pub fn new_built() -> Self {
        let s = Scratch::new();
        copy_dir(&shipped_site().output(), &s.output());
        s
    }

    /// Adds the synthetic case records of `tests/fixtures/cases/`.
    pub fn with_cases(self) -> Self {
        for e in std::fs::read_dir(repo().join("tests/fixtures/cases")).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "yaml") {
                let name = p.file_name().unwrap().to_str().unwrap().to_string();
                self.write(
                    &format!("cases/{name}"),
                    &std::fs::read_to_string(&p).unwrap(),
                );
            }
        }
        self
    }

    /// Builds and checks with a copy of the shipped theme, at
    /// `themes/default` in the scratch folder (where `netra` looks by
    /// default), so that the test may edit it.
    pub fn with_theme_copy(mut self) -> Self {
        self.theme = self.dir.path().join("themes/default");
        copy_dir(&shipped_theme(), &self.theme);
        self
    }

    /// Builds the content, failing the test with the report if the build
    /// fails.
    pub fn built(self) -> Self {
        let out = self.build();
        assert!(out.status.success(), "{}", stderr(&out));
        self
    }

    pub fn content(&self) -> PathBuf {
        self.dir.path().join("content")
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    /// The theme builds and checks use.
    pub fn theme(&self) -> &Path {
        &self.theme
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let p = self.content().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.content().join(rel)).unwrap()
    }

    /// Replaces the first `from` in a content file, failing loudly if the
    /// shipped content no longer holds it.
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} no longer contains {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Replaces the first `from` in a template of the theme copy (see
    /// [`Scratch::with_theme_copy`]), failing loudly if it no longer holds it.
    pub fn edit_template(&self, template: &str, from: &str, to: &str) {
        assert!(
            self.theme.starts_with(self.dir.path()),
            "edit a copy of the theme, not the shipped one"
        );
        let path = self.theme.join("templates").join(template);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{template} no longer holds {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Puts the shipped content back, whatever a test did to it.
    pub fn reset_content(&self) {
        std::fs::remove_dir_all(self.content()).unwrap();
        copy_dir(&repo().join("content"), &self.content());
    }

    /// A file the build wrote, as text.
    pub fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `command` on this content and theme, writing to `output` (a folder
    /// beside the content) where the command writes.
    pub fn args(&self, command: &str, output: Option<&str>) -> Vec<String> {
        let mut args = vec![
            command.to_string(),
            "--content".into(),
            "content".into(),
            "--theme".into(),
            self.theme.to_str().unwrap().into(),
        ];
        if let Some(out) = output {
            args.extend(["--output".into(), out.into()]);
        }
        if command == "build" && self.shared_pngs {
            args.extend([
                "--cache-dir".into(),
                shared_png_cache().to_str().unwrap().into(),
            ]);
        }
        // The shipped site is Indonesian first; the tests read English
        // (tests/testsuite/messages.rs checks the default and Indonesian).
        args.extend(["--lang".into(), "en".into()]);
        args
    }

    /// Runs `netra` in the scratch folder.
    pub fn netra<S: AsRef<OsStr>>(&self, args: impl IntoIterator<Item = S>) -> Output {
        self.netra_env(args, &[])
    }

    /// Runs `netra` in the scratch folder with environment variables set.
    pub fn netra_env<S: AsRef<OsStr>>(
        &self,
        args: impl IntoIterator<Item = S>,
        env: &[(&str, &str)],
    ) -> Output {
        Command::new(env!("CARGO_BIN_EXE_netra"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    /// `netra check` of the content.
    pub fn check(&self) -> Output {
        self.check_with(&[])
    }

    /// `netra check` of the content with `extra` flags.
    pub fn check_with(&self, extra: &[&str]) -> Output {
        self.netra(
            self.args("check", None)
                .iter()
                .map(String::as_str)
                .chain(extra.iter().copied()),
        )
    }

    /// `netra build` of the content into `output/`.
    pub fn build(&self) -> Output {
        self.build_with(&[])
    }

    /// `netra build` of the content into `output/` with `extra` flags.
    pub fn build_with(&self, extra: &[&str]) -> Output {
        self.netra(
            self.args("build", Some("output"))
                .iter()
                .map(String::as_str)
                .chain(extra.iter().copied()),
        )
    }

    /// Builds the content on `threads` threads into `out` (beside the
    /// content), and reads back what was written: the thread-count tests
    /// compare two of these.
    pub fn build_on_threads(&self, threads: &str, out: &str) -> BTreeMap<PathBuf, Vec<u8>> {
        let o = self.netra_env(
            self.args("build", Some(out)),
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        snapshot(&self.dir.path().join(out))
    }

    /// `build` under [`run_bounded`]'s limits.
    pub fn build_bounded(&self) -> Option<Output> {
        let args = self.args("build", Some("output"));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_bounded(self.dir.path(), &args, HOSTILE_MEMORY_KB, HOSTILE_SECONDS)
    }

    /// `check` under [`run_bounded`]'s limits.
    fn check_bounded(&self) -> Option<Output> {
        let args = self.args("check", None);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_bounded(self.dir.path(), &args, HOSTILE_MEMORY_KB, HOSTILE_SECONDS)
    }
}

/// The shipped content, built once per run of the test suite and shared
/// by every test that only reads the pages of the shipped site: a debug
/// build of it takes some ten seconds, which forty tests paid each.
/// Builds are deterministic and do not depend on their folder
/// (tests/testsuite/determinism.rs), so one build stands for all.
pub fn shipped_site() -> &'static Scratch {
    static SITE: LazyLock<Scratch> = LazyLock::new(|| Scratch::new().built());
    &SITE
}

/// Runs `netra` with `args` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts that `err` holds every one of `needles`, showing it whole if not.
pub fn assert_has(err: &str, needles: &[&str]) {
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in:\n{err}");
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, for byte-for-byte comparisons.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Asserts that two sites (from [`snapshot`]) hold the same files with
/// the same bytes, naming the first file that differs.
pub fn assert_same_site(
    a: &BTreeMap<PathBuf, Vec<u8>>,
    b: &BTreeMap<PathBuf, Vec<u8>>,
    what: &str,
) {
    assert!(!a.is_empty(), "no files built");
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in a {
        assert!(v == &b[k], "{} differs {what}", k.display());
    }
}

/// The vocabularies of the content model, `content/vocab/<name>.yaml`.
pub const VOCABULARIES: [&str; 6] = [
    "positions",
    "categories",
    "outcomes",
    "regions",
    "elections",
    "measures",
];

/// Memory a hostile-input run may use (virtual, KiB): a build of the
/// shipped content needs a fraction of it.
pub const HOSTILE_MEMORY_KB: u64 = 1024 * 1024;

/// Time a hostile-input run may take, debug build included.
pub const HOSTILE_SECONDS: u64 = 10;

/// Runs `netra` with `args` in `cwd` under a memory limit (`ulimit -v`,
/// two threads and two allocator arenas so the limit means the same on
/// any machine), and kills it after `seconds`. `None` when it had to be killed.
pub fn run_bounded(cwd: &Path, args: &[&str], memory_kb: u64, seconds: u64) -> Option<Output> {
    use std::time::{Duration, Instant};
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {memory_kb} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_netra"))
        .args(args)
        .current_dir(cwd)
        .env("RAYON_NUM_THREADS", "2")
        // jemalloc (the binary's allocator) as built by tikv-jemallocator.
        .env("_RJEM_MALLOC_CONF", "narenas:2")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes meanwhile, so a long report cannot block the child.
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out_pipe, &mut v).ok();
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err_pipe, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > Duration::from_secs(seconds) {
            child.kill().ok();
            child.wait().ok();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Some(Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    })
}

/// Builds the good content once, breaks it with `breakage`, and checks
/// that the failing build ends cleanly: exit code 1 within the time and
/// memory limits, no panic, no terminal control characters in the
/// report, the previous output byte for byte, and `check` failing with
/// the same number of problems. Returns the report.
pub fn fails_cleanly(breakage: impl Fn(&Scratch)) -> String {
    fails_cleanly_each(&[&breakage]).pop().unwrap()
}

/// [`fails_cleanly`] for several breakages, each applied alone to fresh
/// content after a good build. Returns the reports in order.
pub fn fails_cleanly_each(breakages: &[&dyn Fn(&Scratch)]) -> Vec<String> {
    let s = Scratch::new_built();
    let before = snapshot(&s.output());
    let mut reports = Vec::new();
    for breakage in breakages {
        s.reset_content();
        breakage(&s);
        reports.push(failed_cleanly(&s, &before));
    }
    reports
}

fn failed_cleanly(s: &Scratch, before: &BTreeMap<PathBuf, Vec<u8>>) -> String {
    let started = std::time::Instant::now();
    let out = s
        .build_bounded()
        .unwrap_or_else(|| panic!("build still running after {HOSTILE_SECONDS} s: killed"));
    let took = started.elapsed();
    let err = stderr(&out);
    assert!(!out.status.success(), "build should fail:\n{err}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "build should exit with 1, not die:\n{err}"
    );
    assert!(!err.contains("panicked"), "build panicked:\n{err}");
    assert!(
        !err.chars().any(|c| c.is_control() && c != '\n'),
        "the report holds control characters:\n{err:?}"
    );
    assert!(
        took.as_secs() < HOSTILE_SECONDS,
        "build took {took:?}:\n{err}"
    );
    assert_eq!(
        &snapshot(&s.output()),
        before,
        "output changed after a failed build"
    );
    let check = s.check_bounded().expect("check still running: killed");
    assert_eq!(check.status.code(), Some(1), "check should fail too");
    assert_eq!(
        stderr(&check)
            .lines()
            .filter(|l| l.starts_with("error"))
            .count(),
        err.lines().filter(|l| l.starts_with("error")).count(),
        "check and build report differently"
    );
    err
}

/// The built site in memory.
pub struct Rendered {
    pub output: netra::render::Output,
}

/// Every stage into memory, as `build` writes it to disk (search index
/// included when `opts.search`), every link checked: the driver the tests
/// compare incremental rebuilds, thread counts and the search index with.
pub fn render_site(opts: &netra::pipeline::BuildOptions) -> Result<Rendered, String> {
    use netra::links::{self, LinkIndex};
    let site = netra::site::Site::load(&opts.sources(), &mut netra::site::Laps::default())
        .map_err(|e| e.to_string())?;
    let renderer = site.renderer();
    let all: Vec<&netra::render::pages::Page> = site.pages.iter().collect();
    let pages = renderer.pages(&all, &|| {}).map_err(|p| p.to_string())?;
    let mut output: netra::render::Output = pages.files.into_iter().collect();
    output.extend(renderer.site_files(&site.pages));
    if opts.search {
        output.extend(netra::search::index(&output)?);
    }
    let mut index = LinkIndex::default();
    for (path, bytes) in &output {
        index.add_page(path, bytes);
    }
    let root = netra::render::url_path(&site.content.site.base_url);
    let broken: Vec<links::Broken> = output
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .flat_map(|(page, bytes)| {
            links::check_page(&index, page, &String::from_utf8_lossy(bytes), &root)
        })
        .collect();
    if !broken.is_empty() {
        return Err(netra::problem::Problems(links::problems(Vec::new(), broken)).to_string());
    }
    Ok(Rendered { output })
}
