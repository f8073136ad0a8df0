//! The `netra` command line.

/// See Cargo.toml for why.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read once as it starts (this is the name
/// tikv-jemallocator's jemalloc looks for).
///
/// - Huge pages for its heap: a build fills hundreds of MiB with small
///   records and pages, and faulting them in 4 KiB at a time was a tenth
///   of `netra check`'s time on 10 000 releases (about 22 000 faults
///   against 4 500). Where the kernel has them off, nothing changes.
/// - One arena for every thread: the pages are rendered on rayon's
///   threads and the site is freed on the main one, and memory freed in
///   one thread's arena was not reused by the next stage's allocations in
///   another's. On 10 000 releases the peak went from 243 to about
///   200 MiB, in the same time (contention on two cores is small).
/// - Pages freed more than 300 ms ago go back to the system: a further 20
///   MiB off the peak (bench/README.md, "Memory").
///
/// A reference to an array, not to a slice or a `CStr`: a thin pointer,
/// which is what jemalloc reads (`const char *`).
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static ALLOCATOR_OPTIONS: &[u8; 40] = b"thp:always,narenas:1,dirty_decay_ms:300\0";

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use netra::message::Lang;
use netra::pipeline::Progress;
use netra::render::chart_png::PngFolder;
use netra::{BuildOptions, Error, folders};

/// Build a transparency site from sourced records.
#[derive(Parser)]
#[command(name = "netra", version, about, long_about = None)]
struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print the time each stage took.
    #[arg(long, short, global = true)]
    verbose: bool,
    /// Language of the messages: id or en (default: the site's first
    /// language, else LANG's).
    #[arg(long, global = true, value_enum)]
    lang: Option<netra::message::Lang>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (only if every check passes).
    Build(BuildArgs),
    /// Validate the content and check every internal link, asset and anchor; write nothing.
    Check {
        /// Content folder.
        #[arg(long, default_value = folders::CONTENT)]
        content: PathBuf,
        /// Theme folder (its templates' links are checked too).
        #[arg(long, default_value = folders::THEME)]
        theme: PathBuf,
        #[command(flatten)]
        external: ExternalArgs,
        #[command(flatten)]
        publish: PublishArgs,
    },
    /// Build, serve on this machine, rebuild on every change and reload open pages.
    Serve {
        #[command(flatten)]
        dirs: Dirs,
        /// Port to listen on (0 picks a free one).
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Address to listen on. Loopback by default: other machines cannot
        /// reach it unless you say so (e.g. `--bind 0.0.0.0`).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Skip the search index (it is rebuilt in full after every change;
        /// on a large site, previews are faster without it).
        #[arg(long)]
        no_search: bool,
        /// Show only what `netra build` publishes, and keep the output
        /// folder equal to it. Without it, drafts and embargoed records are
        /// shown too, marked as such, and the preview lives in memory only:
        /// the output folder is not written, so nothing unpublished can
        /// reach it.
        #[arg(long)]
        published: bool,
    },
    /// Start a new press release, figure snapshot or case record.
    New {
        /// What to create.
        kind: netra::scaffold::Kind,
        /// The release's title; for a figure or case, its id (generated if left out).
        title: Option<String>,
        /// Content folder.
        #[arg(long, default_value = folders::CONTENT)]
        content: PathBuf,
    },
    /// Turn the rows of a spreadsheet (.xlsx, .ods, .csv) into case or
    /// figure records; writes nothing unless every row passes.
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// What the sheet holds.
    kind: netra::import::Kind,
    /// The spreadsheet: .xlsx, .ods or .csv (UTF-8).
    file: PathBuf,
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The sheet to read (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// Show which files would be new, changed or unchanged; write nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Args)]
struct Dirs {
    /// Content folder.
    #[arg(long, default_value = folders::CONTENT)]
    content: PathBuf,
    /// Theme folder.
    #[arg(long, default_value = folders::THEME)]
    theme: PathBuf,
    /// Output folder.
    #[arg(long, short, default_value = folders::OUTPUT)]
    output: PathBuf,
}

#[derive(Args)]
struct BuildArgs {
    /// Content folder.
    #[arg(long, default_value = folders::CONTENT)]
    content: PathBuf,
    /// Theme folder.
    #[arg(long, default_value = folders::THEME)]
    theme: PathBuf,
    /// Output folder; replaced as a whole when the build succeeds.
    #[arg(long, short, default_value = folders::OUTPUT)]
    output: PathBuf,
    /// Base URL to publish under, instead of `base_url` in site.yaml.
    #[arg(long)]
    base_url: Option<String>,
    /// Write what changed against the previous build to this file:
    /// Markdown if it ends in `.md`, JSON otherwise.
    #[arg(long)]
    report: Option<PathBuf>,
    /// The previous build to compare with (default: the output folder as
    /// it is before this build), e.g. a copy of the published site.
    #[arg(long, requires = "report")]
    previous: Option<PathBuf>,
    /// Skip the search index (faster; the search page then finds nothing).
    #[arg(long)]
    no_search: bool,
    /// Also write a gzip (`.gz`) and a Brotli (`.br`) copy beside each
    /// text file of 1 KiB or more, for servers that send them as they are
    /// (nginx's gzip_static, Caddy's precompressed).
    #[arg(long)]
    precompress: bool,
    /// Draw every PNG chart again instead of taking those drawn by the
    /// last build from the cache beside the output (`.output.cache`).
    #[arg(long, conflicts_with = "cache_dir")]
    no_cache: bool,
    /// Keep the drawn PNG charts in this folder instead of beside the
    /// output. It may be shared by several sites or branches (a CI
    /// cache): nothing is removed from it, so delete it now and then.
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    #[command(flatten)]
    external: ExternalArgs,
    #[command(flatten)]
    publish: PublishArgs,
}

#[derive(Args)]
struct PublishArgs {
    /// Also publish drafts and embargoed records (a private preview).
    #[arg(long)]
    drafts: bool,
    /// The build's "now", in RFC 3339 (`2026-12-09T10:00+07:00`): an
    /// embargo (`publish_at`) ends at this moment. Default:
    /// SOURCE_DATE_EPOCH, else the clock.
    #[arg(long, value_parser = netra::publish::parse_now)]
    now: Option<jiff::Timestamp>,
}

impl PublishArgs {
    fn options(&self) -> Result<netra::publish::Publish, String> {
        let now = match self.now {
            Some(t) => t,
            None => netra::publish::now_from_env()?,
        };
        Ok(netra::publish::Publish {
            drafts: self.drafts,
            now,
        })
    }
}

#[derive(Args)]
struct ExternalArgs {
    /// Also fetch every external http(s) link the pages hold (HEAD, then
    /// GET) and list those that fail, with the pages that link to them.
    #[arg(long)]
    external: bool,
    /// Seconds to wait for each external link.
    #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = seconds, requires = "external")]
    timeout: std::time::Duration,
    /// A failing external link is an error (exit 1), not a warning.
    #[arg(long, requires = "external")]
    strict_external: bool,
}

impl ExternalArgs {
    fn options(&self) -> Option<netra::external::Options> {
        self.external.then(|| netra::external::Options {
            timeout: self.timeout,
            strict: self.strict_external,
            ..netra::external::Options::default()
        })
    }
}

fn seconds(s: &str) -> Result<std::time::Duration, String> {
    match s.parse::<f64>() {
        Ok(n) if n > 0.0 && n <= 3600.0 => Ok(std::time::Duration::from_secs_f64(n)),
        _ => Err(format!("`{s}` is not a number of seconds from 0 to 3600")),
    }
}

/// What `build` and `check` both report when they succeed.
trait Run {
    fn stages(&self) -> &[(&'static str, u128)];
    fn external(&self) -> Option<&netra::external::Report>;
}

impl Run for netra::BuildSummary {
    fn stages(&self) -> &[(&'static str, u128)] {
        &self.stages
    }
    fn external(&self) -> Option<&netra::external::Report> {
        self.external.as_ref()
    }
}

impl Run for netra::CheckSummary {
    fn stages(&self) -> &[(&'static str, u128)] {
        &self.stages
    }
    fn external(&self) -> Option<&netra::external::Report> {
        self.external.as_ref()
    }
}

/// The summary of a run that succeeded, after printing the time of each
/// stage (`-v`) and the external links that failed; `None` after printing
/// the problems of one that failed.
fn done<T: Run>(
    run: Result<T, Error>,
    content: &Path,
    quiet: bool,
    verbose: bool,
    lang: Lang,
) -> Option<T> {
    let summary = run.map_err(|e| report_error(&e, content, lang)).ok()?;
    if verbose {
        for (stage, ms) in summary.stages() {
            println!("  {stage:<15} {ms:>6} ms");
        }
    }
    if let Some(report) = summary.external() {
        report_external(report, content, quiet, lang);
    }
    Some(summary)
}

/// Lists the external links that failed, as warnings, and a count.
fn report_external(report: &netra::external::Report, content: &Path, quiet: bool, lang: Lang) {
    for p in report.problems() {
        let text = netra::report::render_as("warning", &p, content);
        let text = if colour() {
            text.replacen("warning:", "\x1b[1;33mwarning:\x1b[0m", 1)
        } else {
            text
        };
        eprintln!("{text}\n");
    }
    if !quiet {
        let (checked, failed) = (report.checked, report.failures.len());
        match lang {
            Lang::Id => println!("{checked} tautan eksternal diperiksa: {failed} gagal"),
            Lang::En => println!("checked {checked} external links: {failed} failed"),
        }
    }
}

/// Colour only for a person at a terminal, and never with NO_COLOR set.
fn colour() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn report_error(e: &Error, content: &Path, lang: Lang) {
    let text = match e {
        Error::Invalid(problems) => format!(
            "{}\n{}",
            netra::report::render_all(problems, content, lang),
            lang.nothing_written()
        ),
        other => format!("{}: {other}", lang.error()),
    };
    let label = format!("{}:", lang.error());
    if colour() {
        let text = text
            .lines()
            .map(|l| {
                if let Some(rest) = l.strip_prefix(&label) {
                    format!("\x1b[1;31m{label}\x1b[0m\x1b[1m{rest}\x1b[0m")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        eprintln!("{text}");
    } else {
        eprintln!("{text}");
    }
}

/// A progress bar on a terminal for builds that take more than a moment.
struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn start(&self, pages: usize) {
        self.0.set_length(pages as u64);
    }
    fn page_done(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn progress(quiet: bool) -> Option<Arc<dyn Progress>> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("rendering {bar:30} {pos}/{len} pages").ok()?,
    );
    // Drawn only after a moment: small builds finish before it shows.
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr_with_hz(4));
    Some(Arc::new(Bar(bar)))
}

fn build(a: BuildArgs, quiet: bool, verbose: bool, lang: Option<Lang>) -> ExitCode {
    let lang = lang.unwrap_or_else(|| Lang::for_content(&a.content));
    let publish = match a.publish.options() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cache = match (a.no_cache, a.cache_dir) {
        (true, _) => None,
        (false, Some(dir)) => Some(PngFolder::Shared(dir)),
        (false, None) => Some(PngFolder::LastBuild(netra::write::cache_folder(&a.output))),
    };
    let opts = BuildOptions {
        content: a.content,
        theme: a.theme,
        output: a.output,
        base_url: a.base_url,
        compare_with: a.previous,
        want_changes: a.report.is_some(),
        progress: progress(quiet),
        search: !a.no_search,
        external: a.external.options(),
        precompress: a.precompress,
        publish,
        cache,
    };
    let Some(summary) = done(netra::build(&opts), &opts.content, quiet, verbose, lang) else {
        return ExitCode::FAILURE;
    };
    if let Some(why) = &summary.search_fallback {
        let label = if colour() {
            "\x1b[1;33mwarning:\x1b[0m"
        } else {
            "warning:"
        };
        eprintln!("{label} {why}\n");
    }
    if !quiet {
        let warnings = summary.external.as_ref().map_or(0, |r| r.failures.len())
            + usize::from(summary.search_fallback.is_some());
        let (pages, files, kib) = (summary.pages, summary.files, summary.bytes / 1024);
        let (out, ms) = (opts.output.display(), summary.millis);
        match lang {
            Lang::Id => println!(
                "{pages} halaman ({files} berkas, {kib} KiB) dibangun ke {out} dalam {ms} ms, {warnings} peringatan"
            ),
            Lang::En => println!(
                "built {pages} pages ({files} files, {kib} KiB) into {out} in {ms} ms, {warnings} warning{}",
                if warnings == 1 { "" } else { "s" }
            ),
        }
    }
    if let (Some(path), Some(changes)) = (&a.report, &summary.changes) {
        let text = if path.extension().is_some_and(|e| e == "md") {
            netra::changes::markdown(changes)
        } else {
            serde_json::to_string_pretty(changes).unwrap_or_default() + "\n"
        };
        if let Err(e) = std::fs::write(path, text) {
            eprintln!(
                "error: cannot write the change report {}: {e}",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        if !quiet {
            let p = &changes.pages;
            let (added, removed, changed) = (p.added.len(), p.removed.len(), p.changed.len());
            let (figures, report) = (changes.figures.len(), path.display());
            match lang {
                Lang::Id => println!(
                    "perubahan: {added} halaman baru, {removed} dihapus, {changed} berubah; {figures} angka terbit berubah (laporan: {report})"
                ),
                Lang::En => println!(
                    "changes: {added} pages added, {removed} removed, {changed} changed; {figures} published figures changed (report: {report})"
                ),
            }
        }
    }
    ExitCode::SUCCESS
}

fn check(
    content: PathBuf,
    theme: PathBuf,
    external: ExternalArgs,
    publish: PublishArgs,
    quiet: bool,
    verbose: bool,
    lang: Option<Lang>,
) -> ExitCode {
    let publish = match publish.options() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let lang = lang.unwrap_or_else(|| Lang::for_content(&content));
    let opts = netra::CheckOptions {
        content,
        theme,
        external: external.options(),
        publish,
    };
    let Some(summary) = done(netra::check(&opts), &opts.content, quiet, verbose, lang) else {
        return ExitCode::FAILURE;
    };
    if !quiet {
        let (content, records) = (opts.content.display(), summary.records);
        let (rendered, pages) = (summary.rendered, summary.pages);
        match lang {
            Lang::Id => println!(
                "{content} sah: {records} catatan diperiksa; tidak ada tautan rusak di Markdown maupun di tema ({rendered} dari {pages} halaman dirender untuk memeriksanya)"
            ),
            Lang::En => println!(
                "{content} is valid: {records} records checked; no broken link in the Markdown, nor in the theme ({rendered} of the {pages} pages rendered to check it)"
            ),
        }
        // What the build leaves out, so an editor sees why a page is missing.
        for h in &summary.held {
            println!("{}", held_line(h, lang));
        }
    }
    ExitCode::SUCCESS
}

/// `not published: press/x.md (press release x, draft)`, in `lang`.
fn held_line(h: &netra::publish::Held, lang: Lang) -> String {
    let (file, key) = (&h.file, &h.key);
    let (noun, why) = (h.kind.noun(lang), h.why.words(lang));
    match lang {
        Lang::Id => format!("belum terbit: {file} ({noun} {key}, {why})"),
        Lang::En => format!("not published: {file} ({noun} {key}, {why})"),
    }
}

fn import(a: ImportArgs, quiet: bool, lang: Option<Lang>) -> ExitCode {
    use netra::import::Status;
    let lang = lang.unwrap_or_else(|| Lang::for_content(&a.content));
    let opts = netra::import::Options {
        content: a.content,
        file: a.file,
        kind: a.kind,
        sheet: a.sheet,
        dry_run: a.dry_run,
        lang,
    };
    let id = lang == Lang::Id;
    match netra::import::run(&opts) {
        Ok(planned) => {
            if !quiet {
                for p in &planned {
                    println!("{:<9} {}", p.status.word(lang), p.file);
                }
                let n = |s: Status| planned.iter().filter(|p| p.status == s).count();
                let (new, changed, same) =
                    (n(Status::New), n(Status::Changed), n(Status::Unchanged));
                let what = match (opts.dry_run, id) {
                    (true, true) => "uji coba: tidak ada berkas yang ditulis".to_string(),
                    (true, false) => "dry run: no file was written".to_string(),
                    (false, true) => format!(
                        "ditulis ke {}; jalankan `netra check`",
                        opts.content.display()
                    ),
                    (false, false) => {
                        format!("written to {}; run `netra check`", opts.content.display())
                    }
                };
                if id {
                    println!("{new} baru, {changed} berubah, {same} tetap ({what})");
                } else {
                    println!("{new} new, {changed} changed, {same} unchanged ({what})");
                }
            }
            ExitCode::SUCCESS
        }
        Err(issues) => {
            for i in &issues {
                let text = i.render(lang);
                let text = if colour() {
                    text.replacen(
                        &format!("{}:", lang.error()),
                        &format!("\x1b[1;31m{}:\x1b[0m", lang.error()),
                        1,
                    )
                } else {
                    text
                };
                eprintln!("{text}\n");
            }
            let n = issues.len();
            if id {
                eprintln!("{n} masalah ditemukan; tidak ada berkas yang ditulis");
            } else {
                eprintln!(
                    "{n} problem{} found; no file was written",
                    if n == 1 { "" } else { "s" }
                );
            }
            ExitCode::FAILURE
        }
    }
}

/// A command line clap cannot read, said in Indonesian when that is the
/// editor's language (clap speaks English only): what was not understood
/// and what was probably meant; clap's own lines follow.
fn command_line_error(e: clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // The arguments clap could not read may still say the language or
    // the content folder.
    let args: Vec<String> = std::env::args().collect();
    let after = |flag: &str| {
        args.iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix(flag) {
                Some("") => args.get(i + 1).cloned(),
                Some(v) => v.strip_prefix('=').map(str::to_string),
                None => None,
            })
    };
    let lang = match after("--lang").as_deref() {
        Some("id") => Lang::Id,
        Some("en") => Lang::En,
        _ => Lang::for_content(Path::new(
            &after("--content").unwrap_or_else(|| folders::CONTENT.into()),
        )),
    };
    let shown = matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion);
    if lang == Lang::Id && !shown {
        let text = |k| match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(", "),
            _ => String::new(),
        };
        let what = match e.kind() {
            ErrorKind::InvalidSubcommand => {
                format!(
                    "perintah `{}` tidak dikenal",
                    text(ContextKind::InvalidSubcommand)
                )
            }
            ErrorKind::UnknownArgument => format!(
                "pilihan `{}` tidak dikenal untuk perintah ini",
                text(ContextKind::InvalidArg)
            ),
            ErrorKind::InvalidValue => format!(
                "nilai `{}` tidak sah untuk `{}`",
                text(ContextKind::InvalidValue),
                text(ContextKind::InvalidArg)
            ),
            ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
                "perintah belum lengkap".to_string()
            }
            _ => "perintah tidak dapat dibaca".to_string(),
        };
        eprintln!("galat: {what}");
        let suggested = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
            .into_iter()
            .map(text)
            .find(|s| !s.is_empty());
        if let Some(s) = suggested {
            eprintln!("perbaikan: mungkin maksudnya `{s}`");
        }
        eprintln!(
            "(perintah yang ada: build, check, serve, new, import; `netra --help` menjelaskan semuanya)\n"
        );
    }
    e.exit()
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return command_line_error(e),
    };
    let (quiet, verbose, lang) = (cli.quiet, cli.verbose, cli.lang);
    match cli.command {
        Command::Build(a) => build(a, quiet, verbose, lang),
        Command::Check {
            content,
            theme,
            external,
            publish,
        } => check(content, theme, external, publish, quiet, verbose, lang),
        Command::Serve {
            dirs,
            port,
            bind,
            no_search,
            published,
        } => {
            let lang = lang.unwrap_or_else(|| Lang::for_content(&dirs.content));
            let opts = netra::serve::ServeOptions {
                build: BuildOptions {
                    content: dirs.content,
                    theme: dirs.theme,
                    output: dirs.output,
                    search: !no_search,
                    // An editor previews what they are writing: a draft
                    // is shown unless asked otherwise (issue #16).
                    publish: netra::publish::Publish {
                        drafts: !published,
                        ..Default::default()
                    },
                    ..BuildOptions::default()
                },
                addr: std::net::SocketAddr::new(bind, port),
                verbose,
                lang,
            };
            match netra::serve::serve(opts, quiet) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("{}: {e}", lang.error());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Import(a) => import(a, quiet, lang),
        Command::New {
            kind,
            title,
            content,
        } => {
            let said = lang.unwrap_or_else(|| Lang::for_content(&content));
            let lang = netra::scaffold::site_language(&content);
            match netra::scaffold::create(
                &content,
                kind,
                title.as_deref(),
                &lang,
                netra::scaffold::today(),
            ) {
                Ok(path) => {
                    if !quiet {
                        let path = path.display();
                        match said {
                            Lang::Id => println!(
                                "{path} dibuat sebagai draf: ganti setiap TODO, lihat pratinjaunya dengan `netra serve`, lalu hapus `draft: true` untuk menerbitkannya"
                            ),
                            Lang::En => println!(
                                "created {path}: a draft; replace each TODO, preview with `netra serve`, then delete `draft: true` to publish"
                            ),
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
