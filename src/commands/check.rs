//! `rg check [PATH...]`: validate every gallery, catalog and appointments file, for CI.

use crate::cli::{CheckArgs, CheckFormat, FailOn};
use crate::commands::{Context, Failure, Outcome};
use crate::load::workspace::Workspace;
use crate::pipeline::GalleryUse;
use crate::report::{self, Format, Summary};
use std::io::Write;
use std::path::PathBuf;

pub fn run(args: &CheckArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let pipeline = ctx.pipeline(&args.levels.flags(), GalleryUse::Checking)?;
    let paths = if args.paths.is_empty() {
        default_paths(&ctx.workspace)
    } else {
        args.paths.clone()
    };
    let run = pipeline.check_paths(&paths)?;
    let mut diagnostics = run.diagnostics;
    diagnostics.extend(pipeline.settings_findings.iter().cloned());
    let diagnostics = pipeline.levels.apply(diagnostics);
    let summary = Summary::of(run.files, &diagnostics);
    let format = match args.format {
        _ if args.quiet && args.format == CheckFormat::Human => Format::Quiet,
        CheckFormat::Human => Format::Human,
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
        CheckFormat::Sarif => Format::Sarif,
    };
    report::emit(out, format, &diagnostics, &summary, &ctx.term)?;
    Ok(outcome(&summary, args.levels.fail_on))
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
pub(crate) fn default_paths(workspace: &Workspace) -> Vec<PathBuf> {
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
