//! `rg import SHEET.xlsx|.csv -o FILE`: a filled-in appointments workbook back into YAML,
//! checked against the catalogs as `rg check` checks a file; every finding names its cell
//! (`Udpegninger!C7`). Nothing is written while a cell has an error; an existing file is kept
//! unless `--force`.

use crate::cli::{CheckFormat, ImportArgs};
use crate::commands::check::outcome;
use crate::commands::{Context, Failure, Outcome};
use crate::diag::Diagnostic;
use crate::fill_in::{import, read};
use crate::pipeline::GalleryUse;
use crate::report::{self, Format, Summary};
use crate::write;
use std::io::Write;
use std::path::Path;

pub fn run(args: &ImportArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    // Opened first: a target that cannot be written stops the run before it reads anything.
    let output = write::Output::open(Some(&args.output), args.force)?;
    let pipeline = ctx.pipeline(&args.levels.flags(), GalleryUse::Clean)?;
    let dir = pipeline.catalogs_dir(args.catalogs.as_deref());
    if !dir.is_dir() {
        return Err(Failure::message(format!(
            "no catalogs folder at {}; name one with --catalogs DIR or `catalogs` in rg.toml",
            crate::printable::path(&dir)
        )));
    }
    let (diagnostics, imported) = match book(&args.sheet)? {
        Ok(book) => {
            let set = pipeline.folder_set(&dir);
            let name = if output.is_stdout() {
                Path::new("<stdout>")
            } else {
                args.output.as_path()
            };
            let imported = import::import(&book, &pipeline, &set, name);
            (imported.diagnostics.clone(), Some(imported))
        }
        Err(diagnostic) => (vec![diagnostic], None),
    };
    let mut diagnostics = diagnostics;
    diagnostics.extend(pipeline.settings_findings.iter().cloned());
    let diagnostics = pipeline.levels.apply(diagnostics);
    let summary = Summary::of(1, &diagnostics);
    // The YAML may go to stdout; the findings then go to stderr.
    let mut report = Vec::new();
    report::emit(
        &mut report,
        format(args.format),
        &diagnostics,
        &summary,
        &ctx.term,
    )?;
    if output.is_stdout() {
        std::io::stderr().lock().write_all(&report)?;
    } else {
        out.write_all(&report)?;
    }
    let imported = match imported {
        Some(imported) if summary.errors == 0 => imported,
        _ => {
            eprintln!(
                "{} `{}` has {} — nothing was written",
                ctx.term.stderr().error_label(),
                crate::printable::path(&args.sheet),
                plural(summary.errors, "error")
            );
            return Ok(Outcome::Findings);
        }
    };
    output.emit(imported.yaml.as_bytes(), out)?;
    if !write::is_stdout(&args.output) {
        eprintln!(
            "wrote {}: {}, {}",
            crate::printable::path(&args.output),
            plural(imported.persons, "person"),
            plural(imported.systems, "system")
        );
    }
    Ok(outcome(&summary, args.levels.fail_on))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn format(format: CheckFormat) -> Format {
    match format {
        CheckFormat::Human => Format::Human,
        CheckFormat::Json => Format::Json,
        CheckFormat::Github => Format::Github,
        CheckFormat::Sarif => Format::Sarif,
    }
}

/// The workbook, or the finding that it is none (a damaged or foreign file); a path that
/// cannot be read at all is exit 2.
fn book(path: &Path) -> Result<Result<read::Book, Diagnostic>, Failure> {
    let meta = std::fs::metadata(path).map_err(|error| {
        Failure::message(format!(
            "cannot read the workbook `{}`: {error}",
            crate::printable::path(path)
        ))
    })?;
    if meta.is_dir() {
        return Err(Failure::message(format!(
            "`{}` is a folder; give the workbook's file",
            crate::printable::path(path)
        )));
    }
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        return Ok(crate::load::read::read_source(path).map(read::csv));
    }
    Ok(crate::load::read::read_bounded(path).and_then(|bytes| read::xlsx(path, bytes)))
}
