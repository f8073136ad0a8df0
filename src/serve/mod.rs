//! `netra serve`: build, serve on loopback, rebuild on every change, and
//! reload open pages by themselves.
//!
//! The built site lives in memory (the same `Output` map a build writes),
//! so requests never touch the disk and can only ever reach files of the
//! site. Each rebuild also updates the output folder, writing only the
//! files whose bytes changed, so it ends equal to what `netra build`
//! writes. When a change breaks validation, the last good site stays up
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
}

/// One rebuild: how long it took and how many files it wrote.
pub struct Rebuild {
    pub millis: u128,
    pub written: usize,
    pub removed: usize,
}

/// Renders the site, and on success writes the files that changed into
/// the output folder and swaps the new site into `state`.
pub fn rebuild(opts: &BuildOptions, state: &RwLock<State>) -> Result<Rebuild, String> {
    let start = Instant::now();
    match pipeline::render_site(opts) {
        Ok(r) => {
            let previous = state.read().map(|s| s.output.clone()).unwrap_or_default();
            let (written, removed) = sync_files(&opts.output, &previous, &r.output)
                .map_err(|e| format!("error: cannot write {}: {e}", opts.output.display()))?;
            let mut s = state.write().map_err(|_| "state poisoned".to_string())?;
            s.output = Arc::new(r.output);
            s.version += 1;
            s.errors = None;
            Ok(Rebuild {
                millis: start.elapsed().as_millis(),
                written,
                removed,
            })
        }
        Err(e) => {
            let text = match &e {
                pipeline::Error::Invalid(p) => crate::report::render_all(p, &opts.content),
                other => format!("error: {other}"),
            };
            if let Ok(mut s) = state.write() {
                s.version += 1;
                s.errors = Some(text.clone());
            }
            Err(text)
        }
    }
}

/// Brings `out` from `previous` to `next`, touching only what differs.
fn sync_files(out: &Path, previous: &Output, next: &Output) -> std::io::Result<(usize, usize)> {
    let mut written = 0;
    for (rel, bytes) in next {
        if previous.get(rel) != Some(bytes) || !out.join(rel).exists() {
            let path = out.join(rel);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, bytes)?;
            written += 1;
        }
    }
    let mut removed = 0;
    for rel in previous.keys().filter(|k| !next.contains_key(*k)) {
        match std::fs::remove_file(out.join(rel)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok((written, removed))
}

/// Runs until Ctrl-C.
pub fn serve(opts: ServeOptions, quiet: bool) -> Result<(), String> {
    let state = Arc::new(RwLock::new(State::default()));
    let mut build = opts.build;
    let server = tiny_http::Server::http(opts.addr)
        .map_err(|e| format!("cannot listen on {}: {e}", opts.addr))?;
    let addr = server.server_addr().to_ip().ok_or("not an IP address")?;
    let url = format!("http://{addr}/");
    build.base_url = Some(url.clone());

    // Start from the output as a full build leaves it, so the folder is
    // complete even before the first change.
    std::fs::create_dir_all(&build.output).map_err(|e| e.to_string())?;
    existing_files(&build.output, &state);
    match rebuild(&build, &state) {
        Ok(r) => say(quiet, &format!("built in {} ms", r.millis)),
        Err(text) => eprintln!("{text}"),
    }
    println!(
        "serving {} at {url} (Ctrl-C to stop)",
        build.output.display()
    );

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
        let quiet_until = Instant::now() + Duration::from_millis(20);
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
        match rebuild(&build, &state) {
            Ok(r) => say(
                quiet,
                &format!(
                    "rebuilt in {} ms: {} files written, {} removed",
                    r.millis, r.written, r.removed
                ),
            ),
            Err(text) => {
                eprintln!("{text}\nthe last good site is still served; fix the problems above")
            }
        }
    }
    drop(watcher);
    let _ = handler.join();
    say(quiet, "stopped");
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
