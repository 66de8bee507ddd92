//! `rg check [PATH...]`: validate every gallery, catalog and appointments file, for CI.

use crate::check;
use crate::cli::{CheckArgs, CheckFormat, FailOn};
use crate::commands::{Context, Failure, Outcome};
use crate::diagnostic::Diagnostic;
use crate::levels::Levels;
use crate::load::workspace::Workspace;
use crate::report::{self, Summary};
use std::io::Write;
use std::path::PathBuf;

pub fn run(args: &CheckArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let (levels, unknown_codes) = Levels::new(&ctx.workspace, &args.levels.flags());
    if !unknown_codes.is_empty() {
        return Err(Failure::CouldNotRun {
            message: "unknown rule code on the command line; `rg explain --list` lists them".into(),
            diagnostics: unknown_codes,
        });
    }
    let gallery = ctx.gallery_for_checking()?;
    let paths = if args.paths.is_empty() {
        default_paths(&ctx.workspace)
    } else {
        args.paths.clone()
    };
    let run = check::check_paths(&paths, &ctx.workspace, &gallery).map_err(Failure::message)?;
    let mut diagnostics = run.diagnostics;
    diagnostics.extend(ctx.workspace.diagnostics.iter().cloned());
    let diagnostics = levels.apply(diagnostics);
    let summary = Summary::of(run.files, &diagnostics);
    write(out, args, &diagnostics, &summary, ctx)?;
    Ok(outcome(&summary, args.levels.fail_on))
}

/// Writes diagnostics in the chosen format (`--quiet`: the summary line only).
pub fn write(
    out: &mut dyn Write,
    args: &CheckArgs,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    ctx: &Context,
) -> std::io::Result<()> {
    match args.format {
        CheckFormat::Human if args.quiet => writeln!(out, "{}", summary.line()),
        CheckFormat::Human => report::human::write(out, diagnostics, summary, &ctx.term),
        CheckFormat::Json => report::json::write(out, diagnostics, summary),
        CheckFormat::Github => report::github::write(out, diagnostics, summary),
        CheckFormat::Sarif => report::sarif::write(out, diagnostics),
    }
}

/// Exit 1 when anything is at error level, or (with `--fail-on warning`) at warning level.
pub fn outcome(summary: &Summary, fail_on: FailOn) -> Outcome {
    let failing = summary.errors > 0 || (fail_on == FailOn::Warning && summary.warnings > 0);
    if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// `rg.toml`'s gallery, catalogs and appointments folders; without them the repository root.
fn default_paths(workspace: &Workspace) -> Vec<PathBuf> {
    if workspace.config_path.is_none() {
        return vec![PathBuf::from(".")];
    }
    let config = &workspace.config;
    let configured: Vec<PathBuf> = [&config.gallery, &config.catalogs, &config.appointments]
        .into_iter()
        .flatten()
        .map(|p| workspace.resolve(p))
        .collect();
    if configured.is_empty() {
        vec![workspace.root.clone()]
    } else {
        configured
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_warning() {
        let warnings = Summary {
            files: 1,
            errors: 0,
            warnings: 2,
        };
        assert_eq!(outcome(&warnings, FailOn::Error), Outcome::Clean);
        assert_eq!(outcome(&warnings, FailOn::Warning), Outcome::Findings);
        let errors = Summary {
            files: 1,
            errors: 1,
            warnings: 0,
        };
        assert_eq!(outcome(&errors, FailOn::Error), Outcome::Findings);
    }
}
