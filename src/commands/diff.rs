//! `rg diff APPOINTMENTS...`: each municipality's appointments against the roles its systems
//! need in their current phase; `--overview` for many municipalities at once.

use crate::cli::{DiffArgs, DiffFormat};
use crate::commands::check::outcome;
use crate::commands::{Context, Failure, Outcome};
use crate::diag::Level;
use crate::diff::run::{self, DiffRun};
use crate::pipeline::GalleryUse;
use crate::render::diff_human::View;
use crate::render::{diff_human, diff_markdown, findings, overview, xlsx};
use crate::report::{self, Summary};
use std::io::Write;
use std::path::PathBuf;

pub fn run(args: &DiffArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    // Opened first: a target that cannot be written stops the run before it reads anything.
    let output = crate::write::Output::open(args.output.as_deref(), args.force)?;
    if args.format == DiffFormat::Xlsx && output.is_stdout() && ctx.term.is_terminal {
        return Err(Failure::message(
            "an xlsx workbook is binary; write it with -o FILE (or redirect stdout)",
        ));
    }
    let pipeline = ctx.pipeline(&args.levels.flags(), GalleryUse::Clean)?;
    let catalogs = pipeline.catalogs_dir(args.catalogs.as_deref());
    if !catalogs.is_dir() {
        return Err(Failure::message(format!(
            "no catalogs folder at {}; name one with --catalogs DIR or `catalogs` in rg.toml",
            catalogs.display()
        )));
    }
    let paths = appointment_paths(args, ctx)?;
    let run = run::run(&pipeline, &paths, &catalogs, args.people)?;
    let summary = Summary::of(run.files, &run.diagnostics);
    if !carries_diagnostics(args) {
        // CSV, Markdown and workbooks hold no findings: what could not be read goes to stderr,
        // one line each (no snippet: the file's lines may hold contact details).
        let mut stderr = std::io::stderr().lock();
        for error in run
            .diagnostics
            .iter()
            .filter(|d| d.level == Level::Error && !d.rule.code.starts_with("rg::diff::"))
        {
            writeln!(stderr, "{}", crate::report::human::line(error))?;
        }
    }
    output.emit_with(out, |out| write(out, args, &run, &summary, ctx))?;
    Ok(outcome(&summary, args.levels.fail_on))
}

/// Whether the chosen output lists the findings itself.
fn carries_diagnostics(args: &DiffArgs) -> bool {
    match args.format {
        DiffFormat::Human | DiffFormat::Json | DiffFormat::Github => true,
        DiffFormat::Markdown | DiffFormat::Csv | DiffFormat::Xlsx => false,
    }
}

fn appointment_paths(args: &DiffArgs, ctx: &Context) -> Result<Vec<PathBuf>, Failure> {
    if !args.paths.is_empty() {
        return Ok(args.paths.clone());
    }
    match &ctx.workspace.config.appointments {
        Some(dir) => Ok(vec![ctx.workspace.resolve(dir)]),
        None => Err(Failure::message(
            "name the appointments files or folders, or set `appointments` in rg.toml",
        )),
    }
}

fn write(
    out: &mut dyn Write,
    args: &DiffArgs,
    run: &DiffRun,
    summary: &Summary,
    ctx: &Context,
) -> std::io::Result<()> {
    if args.quiet && matches!(args.format, DiffFormat::Human | DiffFormat::Github) {
        return writeln!(out, "{}", summary.line());
    }
    if args.overview {
        let matrix = overview::Overview::of(&run.municipalities);
        return match args.format {
            DiffFormat::Human | DiffFormat::Github => {
                writeln!(out, "{}", overview::table(&matrix, &ctx.term))?;
                writeln!(out, "{}", summary.line())
            }
            DiffFormat::Json => overview::json(out, &matrix, &run.diagnostics, summary),
            DiffFormat::Markdown => write!(out, "{}", overview::markdown(&matrix)),
            DiffFormat::Csv => overview::csv(out, &matrix),
            DiffFormat::Xlsx => out.write_all(
                &xlsx::overview(&matrix, &run.municipalities).map_err(std::io::Error::other)?,
            ),
        };
    }
    let view = View { all: args.all };
    match args.format {
        DiffFormat::Human => diff_human::write(out, run, summary, &ctx.term, view),
        DiffFormat::Json => diff_json(out, run, summary),
        DiffFormat::Markdown => write!(
            out,
            "{}",
            diff_markdown::render(&run.municipalities, &run.diagnostics, view)
        ),
        DiffFormat::Github => report::github::write(out, &run.diagnostics, summary),
        DiffFormat::Csv => findings::csv(out, &run.municipalities, args.all),
        DiffFormat::Xlsx => out.write_all(
            &xlsx::findings(&run.municipalities, args.all).map_err(std::io::Error::other)?,
        ),
    }
}

/// The check/diff JSON contract (`diagnostics`, `summary`) plus the diff per municipality.
fn diff_json(out: &mut dyn Write, run: &DiffRun, summary: &Summary) -> std::io::Result<()> {
    let document = serde_json::json!({
        "diagnostics": run.diagnostics.iter().map(report::json::JsonDiagnostic::of).collect::<Vec<_>>(),
        "summary": summary,
        "kommuner": run.municipalities,
    });
    out.write_all(crate::printable::json_pretty(&document)?.as_bytes())?;
    writeln!(out)
}
