//! `netra serve`: build, serve on loopback, rebuild on every change, and
//! reload open pages by themselves.
//!
//! The built site lives in memory (the same `Output` map a build writes),
//! so requests never touch the disk and can only ever reach files of the
//! site. Each rebuild also updates the output folder, writing only the
//! files whose bytes changed, so it ends equal to what `netra build`
//! writes. By default the preview shows drafts and embargoed records too,
//! and is then kept in memory only, so no draft or embargoed record ever
//! reaches the output folder; `serve --published` shows and writes what
//! `build` publishes. When a change breaks validation, the last good site stays up
//! and every open page shows the problems in an overlay until they are
//! fixed.

mod http;
mod live;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use crate::pipeline::{self, BuildOptions};
use crate::render::Output;
use crate::search;
use crate::session::{Delta, Session};

/// What the server answers from: the last good build, and the problems of
/// the last attempt, if it failed.
#[derive(Default)]
pub struct State {
    pub output: Arc<Output>,
    /// Bumped on every rebuild, good or bad; pages poll it.
    pub version: u64,
    pub errors: Option<String>,
}

pub struct ServeOptions {
    pub build: BuildOptions,
    pub addr: SocketAddr,
    /// Print each rebuild's steps with their times.
    pub verbose: bool,
    /// The language of the problems shown on the pages and printed.
    pub lang: crate::message::Lang,
}

/// One rebuild: how long it took and how many files it wrote.
pub struct Rebuild {
    pub millis: u128,
    /// Pages planned and pages rendered.
    pub pages: usize,
    pub rendered: usize,
    pub written: usize,
    pub removed: usize,
    /// Milliseconds per step, for `--verbose`.
    pub stages: Vec<(&'static str, u128)>,
    /// Pages rendered after the edited releases' own were out (lists the
    /// edit moved them in), and when they were out.
    pub later: Option<(usize, u128)>,
}

/// Rebuilds after `changed` (everything when empty), writes the files
/// that changed into the output folder and swaps them into `state`. The
/// search index follows, once the pages are out.
pub fn rebuild(
    session: &mut Session,
    changed: &[PathBuf],
    state: &RwLock<State>,
    lang: crate::message::Lang,
) -> Result<Rebuild, String> {
    let start = Instant::now();
    let out = session.options().output.clone();
    // A preview with drafts and embargoed records lives in memory only:
    // the output folder holds what `build` would publish, or nothing new.
    let disk = (!session.options().publish.drafts).then_some(out.as_path());
    let content = session.options().content.clone();
    let delta = session
        .rebuild(changed)
        .map_err(|e| report_failure(&e, &content, lang, state))?;
    let write_err = |e: std::io::Error| match lang {
        crate::message::Lang::Id => format!(
            "{}: tidak dapat menulis ke {}: {e}",
            lang.error(),
            out.display()
        ),
        crate::message::Lang::En => format!("error: cannot write {}: {e}", out.display()),
    };
    let (mut written, mut removed) = (0, 0);
    let Delta {
        write,
        remove,
        pages,
        rendered,
        stages,
        ..
    } = delta;
    let counts = (&mut written, &mut removed);
    apply(disk, state, write, &remove, changed.is_empty(), counts).map_err(write_err)?;
    let millis = start.elapsed().as_millis();
    // The edited releases' pages are out and open tabs reload; the pages
    // of the lists the edit moved them in follow.
    let mut later = None;
    if let Some(rest) = session.rebuild_rest() {
        let rest = rest.map_err(|e| report_failure(&e, &content, lang, state))?;
        let counts = (&mut written, &mut removed);
        apply(disk, state, rest.write, &rest.remove, false, counts).map_err(write_err)?;
        later = Some((rest.rendered, start.elapsed().as_millis()));
    }
    let mut stages = stages;
    let before: u128 = stages.iter().map(|(_, ms)| ms).sum();
    stages.push(("write", millis.saturating_sub(before)));
    // The pages are out and open tabs reload; the index follows, built
    // without holding the lock so the server keeps answering.
    if session.options().search {
        let clock = Instant::now();
        let snapshot = state.read().map(|s| s.output.clone()).unwrap_or_default();
        let bundle: Output = search::index(&snapshot)
            .map_err(|e| format!("error: {e}"))?
            .into_iter()
            .collect();
        drop(snapshot);
        let mut guard = state.write().map_err(|_| "state poisoned".to_string())?;
        let output = Arc::make_mut(&mut guard.output);
        let old: Vec<String> = output
            .keys()
            .filter(|k| k.starts_with(search::BUNDLE_DIR) && !bundle.contains_key(*k))
            .cloned()
            .collect();
        removed += remove_files(disk, output, &old).map_err(write_err)?;
        let fresh: Output = bundle
            .into_iter()
            .filter(|(k, v)| output.get(k) != Some(v))
            .collect();
        written += write_files(disk, output, fresh).map_err(write_err)?;
        session.set_extra_files(
            output
                .keys()
                .filter(|k| k.starts_with(search::BUNDLE_DIR))
                .cloned(),
        );
        stages.push(("search index", clock.elapsed().as_millis()));
    }
    Ok(Rebuild {
        millis,
        pages,
        rendered,
        written,
        removed,
        stages,
        later,
    })
}

/// Shows the problems of a failed rebuild in open tabs (the last good
/// site stays served) and returns their text for the terminal.
fn report_failure(
    e: &pipeline::Error,
    content: &Path,
    lang: crate::message::Lang,
    state: &RwLock<State>,
) -> String {
    let text = match e {
        pipeline::Error::Invalid(p) => crate::report::render_all(p, content, lang),
        other => format!("error: {other}"),
    };
    if let Ok(mut s) = state.write() {
        s.version += 1;
        s.errors = Some(text.clone());
    }
    text
}

/// Writes `write` under `out`, removes `remove`, and swaps both into
/// `state`, whose version then tells open tabs to reload. `first` marks a
/// first build, after which whatever else the folder holds is stale
/// (but for the search bundle, replaced after).
fn apply(
    out: Option<&Path>,
    state: &RwLock<State>,
    write: Vec<(String, Vec<u8>)>,
    remove: &[String],
    first: bool,
    (written, removed): (&mut usize, &mut usize),
) -> std::io::Result<()> {
    // Pages come from rendering with room to spare (a buffer the size of
    // a large page, `Theme::render_page`); the preview holds the whole
    // site for as long as it runs, so each is cut to its size, before
    // the lock that pages being served wait on.
    let write: Vec<(String, Vec<u8>)> = write
        .into_iter()
        .map(|(k, mut v)| {
            v.shrink_to_fit();
            (k, v)
        })
        .collect();
    let mut guard = state
        .write()
        .map_err(|_| std::io::Error::other("state poisoned"))?;
    let State {
        output,
        version,
        errors,
    } = &mut *guard;
    let output = Arc::make_mut(output);
    let mut next: Output = write.into_iter().collect();
    if first {
        let stale: Vec<String> = output
            .keys()
            .filter(|k| !next.contains_key(*k) && !k.starts_with(search::BUNDLE_DIR))
            .cloned()
            .collect();
        next.retain(|k, v| output.get(k) != Some(v) || out.is_some_and(|d| !d.join(k).exists()));
        *removed += remove_files(out, output, &stale)?;
    }
    *written += write_files(out, output, next)?;
    *removed += remove_files(out, output, remove)?;
    *version += 1;
    *errors = None;
    Ok(())
}

/// Writes `files` under `out` and into `output`.
fn write_files(out: Option<&Path>, output: &mut Output, files: Output) -> std::io::Result<usize> {
    let n = files.len();
    let Some(out) = out else {
        output.extend(files);
        return Ok(n);
    };
    let dirs: std::collections::BTreeSet<&Path> =
        files.keys().filter_map(|k| Path::new(k).parent()).collect();
    for d in dirs {
        std::fs::create_dir_all(out.join(d))?;
    }
    for (rel, bytes) in &files {
        std::fs::write(out.join(rel), bytes)?;
    }
    output.extend(files);
    Ok(n)
}

/// Removes `files` from `out` and from `output`.
fn remove_files(
    out: Option<&Path>,
    output: &mut Output,
    files: &[String],
) -> std::io::Result<usize> {
    let mut removed = 0;
    for rel in files {
        output.remove(rel);
        let Some(out) = out else {
            removed += 1;
            continue;
        };
        match std::fs::remove_file(out.join(rel)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Runs until Ctrl-C.
pub fn serve(opts: ServeOptions, quiet: bool) -> Result<(), String> {
    let state = Arc::new(RwLock::new(State::default()));
    let mut build = opts.build;
    let verbose = opts.verbose;
    let lang = opts.lang;
    let server = tiny_http::Server::http(opts.addr).map_err(|e| {
        // Most often another `netra serve` (or another server) holds the port.
        let in_use = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse);
        let port = opts.addr.port();
        match (lang, in_use) {
            (crate::message::Lang::Id, true) => format!(
                "port {port} sudah dipakai (mungkin oleh `netra serve` lain): hentikan yang lain, atau pakai `--port {}`",
                port.wrapping_add(1)
            ),
            (crate::message::Lang::En, true) => format!(
                "port {port} is in use (perhaps by another `netra serve`): stop the other one, or use `--port {}`",
                port.wrapping_add(1)
            ),
            (crate::message::Lang::Id, false) => {
                format!("tidak dapat melayani di {}: {e}", opts.addr)
            }
            (crate::message::Lang::En, false) => format!("cannot listen on {}: {e}", opts.addr),
        }
    })?;
    let addr = server.server_addr().to_ip().ok_or("not an IP address")?;
    let url = format!("http://{addr}/");
    build.base_url = Some(url.clone());

    // Start from the output as a full build leaves it, so the folder is
    // complete even before the first change.
    std::fs::create_dir_all(&build.output).map_err(|e| e.to_string())?;
    existing_files(&build.output, &state);
    let mut session = Session::new(build.clone());
    let id = lang == crate::message::Lang::Id;
    match rebuild(&mut session, &[], &state, lang) {
        Ok(r) if id => say(quiet, &format!("dibangun dalam {} ms", r.millis)),
        Ok(r) => say(quiet, &format!("built in {} ms", r.millis)),
        Err(text) => eprintln!("{text}"),
    }
    let out = build.output.display();
    match (build.publish.drafts, id) {
        (true, true) => println!(
            "pratinjau di {url}, dengan draf dan embargo (ditandai; folder {out} tidak ditulis; Ctrl-C untuk berhenti)"
        ),
        (true, false) => println!(
            "previewing at {url}, drafts and embargoes included (marked; {out} is not written; Ctrl-C to stop)"
        ),
        (false, true) => println!("menyajikan {out} di {url} (Ctrl-C untuk berhenti)"),
        (false, false) => println!("serving {out} at {url} (Ctrl-C to stop)"),
    }

    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)).map_err(|e| e.to_string())?;

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| e.to_string())?;
    let watched: Vec<PathBuf> = [&build.content, &build.theme]
        .iter()
        .filter_map(|d| d.canonicalize().ok())
        .collect();
    for dir in [&build.content, &build.theme] {
        notify::Watcher::watch(&mut watcher, dir, notify::RecursiveMode::Recursive)
            .map_err(|e| format!("cannot watch {}: {e}", dir.display()))?;
    }

    let http_state = state.clone();
    let http_stop = stop.clone();
    let handler = std::thread::spawn(move || {
        while !http_stop.load(Ordering::SeqCst) {
            if let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(100)) {
                let state = http_state.clone();
                std::thread::spawn(move || http::respond(req, &state));
            }
        }
    });

    while !stop.load(Ordering::SeqCst) {
        let Ok(paths) = rx.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        // Editors save in bursts (write, rename, chmod): gather them.
        let mut changed: Vec<PathBuf> = paths;
        let quiet_until = Instant::now() + Duration::from_millis(5);
        while let Ok(more) = rx.recv_timeout(quiet_until.saturating_duration_since(Instant::now()))
        {
            changed.extend(more);
        }
        // Editor swap and backup files (`.x.swp`, `.#x`) are not content.
        let relevant: Vec<&PathBuf> = changed
            .iter()
            .filter(|p| !is_hidden_within(p, &watched))
            .collect();
        if relevant.is_empty() {
            continue;
        }
        let changed: Vec<PathBuf> = relevant.into_iter().cloned().collect();
        match rebuild(&mut session, &changed, &state, lang) {
            Ok(r) => {
                let (ms, rendered, pages) = (r.millis, r.rendered, r.pages);
                let (written, removed) = (r.written, r.removed);
                say(
                    quiet,
                    &if id {
                        format!(
                            "dibangun ulang dalam {ms} ms: {rendered} dari {pages} halaman dirender, {written} berkas ditulis, {removed} dihapus"
                        )
                    } else {
                        format!(
                            "rebuilt in {ms} ms: {rendered} of {pages} pages rendered, {written} files written, {removed} removed"
                        )
                    },
                );
                if let Some((n, ms)) = r.later {
                    say(
                        quiet,
                        &if id {
                            format!("  lalu {n} halaman daftar, selesai pada {ms} ms")
                        } else {
                            format!("  then {n} pages of lists, out at {ms} ms")
                        },
                    );
                }
                if verbose {
                    for (name, ms) in &r.stages {
                        say(quiet, &format!("  {name:<16} {ms:>6} ms"));
                    }
                }
            }
            Err(text) => {
                eprintln!("{text}\n{}", lang.last_good_served())
            }
        }
    }
    drop(watcher);
    let _ = handler.join();
    say(quiet, if id { "berhenti" } else { "stopped" });
    Ok(())
}

/// Whether `path` is, or is inside, a hidden entry below one of the
/// watched folders (whose own path may well contain hidden folders).
fn is_hidden_within(path: &Path, watched: &[PathBuf]) -> bool {
    let rel = watched
        .iter()
        .find_map(|w| path.strip_prefix(w).ok())
        .unwrap_or(path);
    rel.components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

fn say(quiet: bool, text: &str) {
    if !quiet {
        println!("{text}");
    }
}

/// What the output folder holds now, as the baseline for writing only
/// what changed.
fn existing_files(out: &Path, state: &RwLock<State>) {
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        if let (Ok(rel), Ok(bytes)) = (e.path().strip_prefix(out), std::fs::read(e.path())) {
            files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
        }
    }
    if let Ok(mut s) = state.write() {
        s.output = Arc::new(files);
    }
}
