//! rollegalleri: KOMBIT's Rollegalleri as version-controlled YAML.
//!
//! Data flows one way: discover → load → check / resolve → diff → report / render.

pub mod api;
pub(crate) mod cli;
pub(crate) mod commands;
pub(crate) mod date;
pub(crate) mod diag;
pub(crate) mod diff;
pub(crate) mod levels;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod pipeline;
pub(crate) mod printable;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod resolve;
pub(crate) mod rules;
pub(crate) mod schema;
pub(crate) mod suggest;
pub(crate) mod term;
pub(crate) mod vocab;
pub(crate) mod write;
pub(crate) mod yaml;

use clap::{CommandFactory, FromArgMatches};
use cli::{Cli, Command};
use commands::{Context, Failure, Outcome};
use load::workspace::Workspace;
use std::io::{self, Write};
use std::process::ExitCode;
use term::Term;

/// `--version`: the tool's version and the gallery version it embeds.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (embedded gallery: Rollegalleri ",
    env!("RG_EMBEDDED_GALLERY_VERSION"),
    ")"
);

/// Exit codes (every command): 0 ran clean, 1 findings at error level, 2 could not run.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const COULD_NOT_RUN: u8 = 2;
}

/// The whole program: parse the command line, run, map the result to an exit code.
pub fn main() -> ExitCode {
    // clap's own help and errors follow `--color` too; usage errors go to stderr with exit 2.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let matches = Cli::command()
        .color(term::clap_color(&args))
        .get_matches_from(&args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let term = Term::detect(cli.global.color);
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let ctx = Context {
        workspace: Workspace::discover(&cwd),
        term,
        gallery_flag: cli.global.gallery.clone(),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = dispatch(&cli.command, &ctx, &mut out).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    ExitCode::from(finish(result, &ctx.term))
}

fn dispatch(command: &Command, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    match command {
        Command::List(args) => commands::list::run(args, ctx, out),
        Command::Show(args) => commands::show::run(args, ctx, out),
        Command::Compile(args) => commands::compile::run(args, ctx, out),
        Command::Table(args) => commands::table::run(args, ctx, out),
        Command::New(command) => commands::new::run(command, ctx, out),
        Command::Check(args) => commands::check::run(args, ctx, out),
        Command::Explain(args) => commands::explain::run(args, ctx, out),
        Command::Schema(args) => commands::schema::run(args, out),
        Command::Completions(args) => commands::completions::run(args, out),
        Command::Man(args) => commands::man::run(args, out),
        Command::Diff(args) => commands::diff::run(args, ctx, out),
    }
}

fn finish(result: Result<Outcome, Failure>, term: &Term) -> u8 {
    match result {
        Ok(Outcome::Clean) => exit::CLEAN,
        Ok(Outcome::Findings) => exit::FINDINGS,
        // A closed pipe (`rg list | head -1`) is not an error.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => exit::CLEAN,
        Err(Failure::Io(error)) => {
            eprintln!("{} {error}", term.stderr().error_label());
            exit::COULD_NOT_RUN
        }
        Err(Failure::CouldNotRun {
            message,
            diagnostics,
        }) => {
            let stderr_term = term.stderr();
            for diagnostic in &diagnostics {
                eprint!("{}", report::human::render(diagnostic, &stderr_term));
            }
            eprintln!("{} {message}", stderr_term.error_label());
            exit::COULD_NOT_RUN
        }
    }
}
