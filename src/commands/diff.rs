//! `rg diff APPOINTMENTS...`: each municipality's appointments against the roles its systems
//! need in their current phase; `--overview` for many municipalities at once.

use crate::cli::{DiffArgs, DiffFormat};
use crate::commands::check::outcome;
use crate::commands::{Context, Failure, Outcome};
use crate::diff::run;
use crate::pipeline::GalleryUse;
use crate::render::diff_human::View;
use crate::render::diff_stream::{self, OverviewFormat, Preparer, Shape, Tally};
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
    let prepared = run::prepare(&pipeline, &paths, &catalogs, args.people)?;
    let mut tally = Tally::default();
    let mut files = 0;
    output.emit_with(out, |out| {
        let shape = shape(args);
        let mut sink = diff_stream::sink(shape, out, &ctx.term)?;
        let preparer = Preparer::new(shape, &ctx.term);
        files = run::stream(
            &pipeline,
            prepared,
            &|piece| preparer.ready(piece),
            &mut |ready| {
                let ready = ready?;
                // CSV, Markdown and workbooks hold no findings: what could not be read goes to
                // stderr, one line each.
                if !ready.not_read.is_empty() {
                    std::io::stderr()
                        .lock()
                        .write_all(ready.not_read.as_bytes())?;
                }
                diff_stream::take(sink.as_mut(), &mut tally, ready)
            },
        )?;
        sink.finish(&tally.summary(files))
    })?;
    Ok(outcome(&tally.summary(files), args.levels.fail_on))
}

/// The output `args` ask for.
fn shape(args: &DiffArgs) -> Shape {
    let quiet = args.quiet && matches!(args.format, DiffFormat::Human | DiffFormat::Github);
    if quiet {
        return Shape::Quiet;
    }
    if args.overview {
        return Shape::Overview(match args.format {
            DiffFormat::Human => OverviewFormat::Human,
            DiffFormat::Github => OverviewFormat::Github,
            DiffFormat::Json => OverviewFormat::Json,
            DiffFormat::Markdown => OverviewFormat::Markdown,
            DiffFormat::Csv => OverviewFormat::Csv,
            DiffFormat::Xlsx => OverviewFormat::Xlsx,
        });
    }
    let view = View { all: args.all };
    match args.format {
        DiffFormat::Human => Shape::Human(view),
        DiffFormat::Json => Shape::Json,
        DiffFormat::Markdown => Shape::Markdown(view),
        DiffFormat::Github => Shape::Github,
        DiffFormat::Csv => Shape::Csv { all: args.all },
        DiffFormat::Xlsx => Shape::Xlsx { all: args.all },
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
