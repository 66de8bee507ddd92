//! rollegalleri: KOMBIT's Rollegalleri as version-controlled YAML.
//!
//! Data flows one way: discover → load → check / resolve → diff → report / render.

pub mod api;
pub(crate) mod cli;
pub(crate) mod commands;
pub(crate) mod date;
pub(crate) mod diag;
pub(crate) mod diff;
pub(crate) mod failure;
pub(crate) mod fill_in;
mod interrupt;
pub(crate) mod levels;
pub(crate) mod load;
mod lookalike;
pub(crate) mod lsp;
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

use clap::FromArgMatches;
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
    let program = cli::program_name(args.first().map(|arg| arg.as_os_str()));
    let matches = cli::command(&program)
        .color(term::clap_color(&args))
        .get_matches_from(&args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let term = Term::detect(cli.global.color);
    // A date that is not one would otherwise be today, silently: refused before anything runs.
    if let Err(message) = date::today_override() {
        return ExitCode::from(finish(Err(Failure::message(message)), &term));
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let ctx = Context {
        workspace: Workspace::discover(&cwd),
        term,
        gallery_flag: cli.global.gallery.clone(),
    };
    // The language server writes stdout from a thread of its own: it must not be locked here.
    if let Command::Lsp(_) = &cli.command {
        return ExitCode::from(finish(commands::lsp::run(&ctx), &ctx.term));
    }
    // A pipe or a file takes the output in large writes (standard output alone writes at every
    // line: a diff's JSON was 200,000 system calls); a terminal still sees it line by line.
    let capacity = if ctx.term.is_terminal { 0 } else { 64 * 1024 };
    let stdout = io::BufWriter::with_capacity(capacity, io::stdout().lock());
    let mut out = QuietPipe::new(stdout);
    let result = dispatch(&cli.command, &ctx, &program, &mut out);
    // Written out before any error is reported; a failed write is one when nothing else failed.
    let flushed = out.flush();
    let result = result.and_then(|outcome| {
        flushed?;
        Ok(outcome)
    });
    ExitCode::from(finish(result, &ctx.term))
}

/// Standard output that ends quietly when its reader goes away (`rg check --format json |
/// head -c 10`): from the first write that finds the pipe closed on, writes succeed without
/// writing, so the command runs to its end and the exit code is still the findings'.
struct QuietPipe<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> QuietPipe<W> {
    fn new(inner: W) -> QuietPipe<W> {
        QuietPipe {
            inner,
            closed: false,
        }
    }

    fn unless_closed<T>(&mut self, result: io::Result<T>, quietly: T) -> io::Result<T> {
        match result {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(quietly)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for QuietPipe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.unless_closed(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_closed(flushed, ())
    }
}

fn dispatch(
    command: &Command,
    ctx: &Context,
    program: &str,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    match command {
        Command::List(args) => commands::list::run(args, ctx, out),
        Command::Show(args) => commands::show::run(args, ctx, out),
        Command::Compile(args) => commands::compile::run(args, ctx, out),
        Command::Table(args) => commands::table::run(args, ctx, out),
        Command::New(command) => commands::new::run(command, ctx, out),
        Command::Check(args) => commands::check::run(args, ctx, out),
        Command::Explain(args) => commands::explain::run(args, ctx, out),
        Command::Schema(args) => commands::schema::run(args, out),
        Command::Completions(args) => commands::completions::run(args, program, out),
        Command::Man(args) => commands::man::run(args, program, out),
        Command::Diff(args) => commands::diff::run(args, ctx, out),
        Command::Fix(args) => commands::fix::run(args, ctx, out),
        Command::Lsp(_) => commands::lsp::run(ctx),
        Command::Import(args) => commands::import::run(args, ctx, out),
    }
}

fn finish(result: Result<Outcome, Failure>, term: &Term) -> u8 {
    match result {
        Ok(Outcome::Clean) => exit::CLEAN,
        Ok(Outcome::Findings) => exit::FINDINGS,
        // A closed pipe (`rg list | head -1`) is not an error; [`QuietPipe`] keeps it from
        // reaching here from stdout.
        Err(Failure::Io(error)) if error.kind() == io::ErrorKind::BrokenPipe => exit::CLEAN,
        Err(Failure::Io(error)) => {
            let error = error.to_string();
            let shown = printable::one_line(&error);
            eprintln!("{} {shown}", term.stderr().error_label());
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
            // Messages quote what the user gave (`rg show ROLE`, file names): shown on one
            // line, with no control character reaching the terminal.
            let shown = printable::one_line(&message);
            eprintln!("{} {shown}", stderr_term.error_label());
            exit::COULD_NOT_RUN
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer whose reader has gone.
    struct Closed;

    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
    }

    #[test]
    fn a_closed_pipe_takes_every_write_quietly() {
        let mut out = QuietPipe::new(Closed);
        out.write_all(b"first").unwrap();
        assert!(out.closed);
        writeln!(out, "and the rest").unwrap();
        out.flush().unwrap();
    }
}
