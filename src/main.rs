//! The `netra` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use netra::{BuildOptions, Error};

/// Build a transparency site from sourced records.
#[derive(Parser)]
#[command(name = "netra", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (only if every check passes).
    Build(BuildArgs),
    /// Load and validate the content; write nothing.
    Check {
        /// Content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

#[derive(Args)]
struct BuildArgs {
    /// Content folder.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Theme folder.
    #[arg(long, default_value = "themes/default")]
    theme: PathBuf,
    /// Output folder; replaced as a whole when the build succeeds.
    #[arg(long, short, default_value = "output")]
    output: PathBuf,
    /// Base URL to publish under, instead of `base_url` in site.yaml.
    #[arg(long)]
    base_url: Option<String>,
}

fn report(e: &Error, content: &std::path::Path) {
    match e {
        Error::Invalid(problems) => eprintln!(
            "{}\nnothing was written; the previous output is unchanged",
            netra::report::render_all(problems, content)
        ),
        other => eprintln!("error: {other}"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(a) => {
            let opts = BuildOptions {
                content: a.content,
                theme: a.theme,
                output: a.output,
                base_url: a.base_url,
            };
            match netra::build(&opts) {
                Ok(s) => {
                    println!(
                        "built {} pages ({} files, {} KiB) into {} in {} ms",
                        s.pages,
                        s.files,
                        s.bytes / 1024,
                        opts.output.display(),
                        s.millis
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    report(&e, &opts.content);
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { content } => match netra::check(&content) {
            Ok(n) => {
                println!("{} is valid: {n} records checked", content.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                report(&e, &content);
                ExitCode::FAILURE
            }
        },
    }
}
