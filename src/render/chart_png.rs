//! Each chart of each language as a PNG (`<section>/<id>.png`), framed
//! with the title, unit and source its page shows (see [`crate::chart::png`]).

use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use sha1::{Digest as _, Sha1};

use crate::chart::ChartView;
use crate::chart::png::{self, Caption};
use crate::model::Content;

use super::{LangViews, Theme};

/// The caption's lines of `chart`, in the words of its page: the unit as
/// in its heading, the sources as in its source line, with the date of
/// the data, and the site with the chart's permalink.
pub struct CaptionText {
    pub title: String,
    pub unit: String,
    pub source: String,
    pub credit: String,
}

impl CaptionText {
    pub fn new(c: &Content, v: &LangViews, chart: &ChartView) -> CaptionText {
        let l = v.locale;
        let mut ids = chart.sources.clone();
        ids.dedup();
        let sources: Vec<String> = ids
            .iter()
            .filter_map(|id| v.sources.get(id))
            .map(|s| format!("{}, {}", s.outlet, s.date))
            .collect();
        let mut source = format!("{}: {}", l.t("source"), sources.join("; "));
        if let Some(date) = &chart.as_of {
            source.push_str(&format!(" · {} {date}", l.t("as_of")));
        }
        CaptionText {
            title: chart.title.clone(),
            unit: format!("{}: {}", l.t("unit"), chart.unit),
            source,
            credit: format!(
                "{} · {}{}",
                c.site.title.get(&v.lang, c.site.default_lang()),
                v.base_url,
                v.sections.chart(&chart.id)
            ),
        }
    }

    pub fn caption(&self) -> Caption<'_> {
        Caption {
            title: &self.title,
            unit: &self.unit,
            source: &self.source,
            credit: &self.credit,
        }
    }
}

/// PNGs already drawn, by the composed picture they were drawn from.
///
/// `serve` re-makes every file besides the pages on each edit; a chart's
/// PNG costs milliseconds of rasterising and compressing, and a site has a
/// hundred of them, which made a one-word body edit on a 10 000-release
/// site wait 0.7 s for PNGs that had not changed. The key is a hash of
/// the composed SVG (drawing, caption and frame), so any change to what
/// the picture shows draws it again. The cache lives with the theme's
/// fonts (in [`Theme`]): new fonts start an empty one.
///
/// `build` also keeps the pictures in a folder between runs
/// ([`PngCache::keep_in`]), as Hugo keeps processed images in
/// `resources/_gen`: drawing them was a third of the CPU of a build of
/// the shipped site, and they change only when a figure, a translation
/// or the theme does.
#[derive(Debug, Default)]
pub struct PngCache {
    /// A hash of the font files the PNGs are drawn with.
    fonts: u64,
    drawn: Mutex<FxHashMap<u64, Vec<u8>>>,
    disk: Option<PngFolder>,
}

/// A folder that keeps drawn PNGs between builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngFolder {
    /// One site's (`.output.cache` beside its output): it holds the last
    /// build's pictures only, so it never outgrows the site.
    LastBuild(PathBuf),
    /// A folder named on the command line (`--cache-dir`), which builds of
    /// several sites, branches or test runs may share at once, as CI
    /// caches are: since a picture another site uses is not known here,
    /// only pictures no build has used for a month are removed from it.
    /// Deleting it costs only the drawing.
    Shared(PathBuf),
}

impl PngFolder {
    fn dir(&self) -> &Path {
        match self {
            PngFolder::LastBuild(d) | PngFolder::Shared(d) => d,
        }
    }
}

impl PngCache {
    pub fn new(fonts: u64) -> Self {
        PngCache {
            fonts,
            drawn: Default::default(),
            disk: None,
        }
    }

    /// Takes the pictures of `old` (the cache of a theme loaded before)
    /// when they were drawn with the same fonts: `serve` reloads the
    /// theme on a full reload and keeps what it drew.
    pub fn adopt(&mut self, old: PngCache) {
        if old.fonts == self.fonts {
            self.drawn = old.drawn;
            self.disk = old.disk;
        }
    }

    /// Also reads pictures from, and writes them to, `folder` (made when
    /// first needed).
    pub fn keep_in(&mut self, folder: PngFolder) {
        self.disk = Some(folder);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<u64, Vec<u8>>> {
        self.drawn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The file in the folder for the picture composed as `svg`, named by
    /// a SHA-1 of the picture, the fonts and the netra that draws it (its
    /// version and [`DRAWER`]): a folder shared by two versions, or by a
    /// netra rebuilt with other drawing code, does not hand one the
    /// other's pictures.
    fn disk_name(&self, svg: &str) -> Option<PathBuf> {
        let dir = self.disk.as_ref()?.dir();
        let mut h = Sha1::new();
        h.update(env!("CARGO_PKG_VERSION").as_bytes());
        h.update(DRAWER.to_le_bytes());
        h.update(self.fonts.to_le_bytes());
        h.update(svg.as_bytes());
        let mut name = String::with_capacity(44);
        for b in h.finalize() {
            let _ = write!(name, "{b:02x}");
        }
        name.push_str(".png");
        Some(dir.join(name))
    }

    fn read_disk(path: &Path) -> Option<Vec<u8>> {
        let bytes = std::fs::read(path).ok()?;
        // A file cut short (a full disk) is drawn again.
        bytes.ends_with(PNG_END).then_some(bytes)
    }

    /// Writes the pictures this run drew, each to a temporary name of
    /// its own and then renamed, so that a run stopped half-way, or
    /// another writing the same picture into a shared folder, leaves no
    /// half file under a picture's name. A site's own folder then loses
    /// the pictures no chart uses any more; a shared one, those no build
    /// has used for [`SHARED_UNUSED_FOR`] (the pictures this run read are
    /// marked used by their modification time). A folder that cannot be
    /// written only costs the next run the drawing.
    fn store(&self, pictures: &[(&Path, &[u8], bool)]) {
        let Some(folder) = &self.disk else { return };
        let dir = folder.dir();
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let now = SystemTime::now();
        for &(path, bytes, drawn) in pictures {
            if drawn {
                write_whole(path, bytes);
            } else if matches!(folder, PngFolder::Shared(_)) {
                let touched = std::fs::File::options()
                    .append(true)
                    .open(path)
                    .and_then(|f| f.set_modified(now));
                // Removed by another build since it was read (it was
                // nearly a month unused), or not ours to touch: written
                // again, as the newest use.
                if touched.is_err() {
                    write_whole(path, bytes);
                }
            }
        }
        let keep: HashSet<&Path> = match folder {
            PngFolder::LastBuild(_) => pictures.iter().map(|&(p, _, _)| p).collect(),
            PngFolder::Shared(_) => HashSet::new(),
        };
        let unused = |entry: &std::fs::DirEntry| -> bool {
            let path = entry.path();
            let name = entry.file_name();
            let Some(kind) = name.to_str().and_then(NetraFile::of) else {
                // Not a name netra writes: a shared folder may be one the
                // user keeps other things in.
                return matches!(folder, PngFolder::LastBuild(_));
            };
            let age = || {
                entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .unwrap_or_default()
            };
            if kind == NetraFile::Part {
                return age() > PART_LEFT_FOR;
            }
            match folder {
                PngFolder::LastBuild(_) => !keep.contains(path.as_path()),
                PngFolder::Shared(_) => age() > SHARED_UNUSED_FOR,
            }
        };
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if unused(&entry) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The files netra writes in a picture folder: a picture,
/// `<40 hex digits>.png`, and its temporary file while it is written,
/// `<40 hex digits>.<pid>-<n>.part` (see [`write_whole`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NetraFile {
    Picture,
    Part,
}

impl NetraFile {
    fn of(name: &str) -> Option<NetraFile> {
        let (hash, rest) = name.split_at_checked(40)?;
        if !hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return None;
        }
        if rest == ".png" {
            return Some(NetraFile::Picture);
        }
        let (pid, n) = rest
            .strip_prefix('.')?
            .strip_suffix(".part")?
            .split_once('-')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (digits(pid) && digits(n)).then_some(NetraFile::Part)
    }
}

/// Writes `bytes` to `path` through a temporary file of this process and
/// write (pid and a counter: builds in one process may run at once), left
/// behind by nothing but a killed process.
fn write_whole(path: &Path, bytes: &[u8]) {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let part = path.with_extension(format!("{}-{n}.part", std::process::id()));
    let written = std::fs::write(&part, bytes).and_then(|()| std::fs::rename(&part, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&part);
    }
}

/// A PNG's last chunk, `IEND`, with its CRC.
const PNG_END: &[u8] = &[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

/// Which drawing code draws: a hash, made when netra is compiled, of the
/// code that turns a composed picture into PNG bytes and of `Cargo.lock`
/// (the versions of the rasteriser, shaper and encoder). A rebuild that
/// changes either starts a new set of pictures; the same source built
/// again, as CI's `cargo install` does on every run, finds its own. (The
/// size and time of the binary, used before, changed at every install,
/// so a folder kept in a CI cache never hit and only grew.)
///
/// Also hashed: `Cargo.toml` (the crates' features and profiles) and the
/// machine's architecture and system, since a CI cache may be shared by
/// runners of several. Not covered: a `cargo install` without `--locked`,
/// which may build newer crates than `Cargo.lock` names.
const DRAWER: u64 = {
    let h = fnv1a(FNV_OFFSET, include_bytes!("../chart/png.rs"));
    let h = fnv1a(h, include_bytes!("chart_png.rs"));
    let h = fnv1a(h, include_bytes!("../../Cargo.lock"));
    let h = fnv1a(h, include_bytes!("../../Cargo.toml"));
    let h = fnv1a(h, std::env::consts::ARCH.as_bytes());
    fnv1a(h, std::env::consts::OS.as_bytes())
};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, as a `const fn` for [`DRAWER`].
const fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// How long a picture no build has used stays in a shared folder
/// ([`PngFolder::Shared`]): a month, so that a branch built now and then
/// keeps its pictures while an old version's go.
const SHARED_UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 3600);

/// How old a temporary file must be to be another run's leftover (a run
/// killed between writing and renaming) rather than one being written.
const PART_LEFT_FOR: Duration = Duration::from_secs(3600);

/// Whether [`files`] draws the PNGs or only names them (`check` needs
/// only to know which files a build writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pngs {
    Draw,
    /// Each file with no bytes.
    NameOnly,
}

/// Every chart's PNG, path → bytes, rendered in parallel. A chart that
/// cannot be drawn (a bug: see [`png::PngError`]) has no file, and the
/// link check then refuses the page that links to it.
pub fn files(
    c: &Content,
    theme: &Theme,
    langs: &[LangViews],
    pngs: Pngs,
) -> Vec<(String, Vec<u8>)> {
    let charts: Vec<(&LangViews, &ChartView)> = langs
        .iter()
        .flat_map(|v| v.charts.iter().map(move |ch| (v, ch)))
        .collect();
    let path = |v: &LangViews, ch: &ChartView| format!("{}.png", v.sections.chart_file(&ch.id));
    if pngs == Pngs::NameOnly {
        return charts
            .iter()
            .map(|&(v, ch)| (path(v, ch), Vec::new()))
            .collect();
    }
    let fonts = &theme.chart_fonts;
    let cache = &theme.pngs;
    // Each PNG with its file in the cache folder (named once per picture),
    // its key, and whether this run drew it.
    type Drawn = (String, Option<PathBuf>, u64, Vec<u8>, bool);
    let drawn: Vec<Drawn> = charts
        .par_iter()
        .filter_map(|&(v, ch)| {
            let text = CaptionText::new(c, v, ch);
            // The page's drawing colours by class, which resvg cannot
            // see: the colours are written back, as in the download; the
            // canvas is white already, so no ground is drawn.
            let svg = crate::chart::painted_svg(&ch.svg);
            let composed = png::compose(&svg, &text.caption(), fonts).ok()?;
            let key = {
                let mut h = FxHasher::default();
                composed.svg.hash(&mut h);
                h.finish()
            };
            let on_disk = cache.disk_name(&composed.svg);
            let cached = cache.lock().get(&key).cloned();
            let (bytes, fresh) =
                match cached.or_else(|| on_disk.as_deref().and_then(PngCache::read_disk)) {
                    Some(b) => (b, false),
                    None => (png::rasterise(&composed, fonts).ok()?, true),
                };
            Some((path(v, ch), on_disk, key, bytes, fresh))
        })
        .collect();
    cache.store(
        &drawn
            .iter()
            .filter_map(|(_, on_disk, _, bytes, fresh)| {
                Some((on_disk.as_deref()?, bytes.as_slice(), *fresh))
            })
            .collect::<Vec<_>>(),
    );
    // Keep only this build's pictures: an edited chart's old PNG goes.
    // With a folder (a build), the next run reads them from there: no
    // copy is held in memory.
    let mut map = cache.lock();
    map.clear();
    let in_memory = cache.disk.is_none();
    drawn
        .into_iter()
        .map(|(file, _, key, bytes, _)| {
            if in_memory {
                map.insert(key, bytes.clone());
            }
            (file, bytes)
        })
        .collect()
}
