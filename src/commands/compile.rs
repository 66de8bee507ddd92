//! `rg compile CATALOG`: the resolved rollekatalog as Markdown, print-ready HTML or JSON, to
//! stdout or (atomically) to a file. A catalog with errors is refused: its diagnostics go to
//! stderr as `rg check` prints them, exit 1, and no file is written.

use crate::check::{self, CatalogReport};
use crate::cli::{CompileArgs, CompileFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::diagnostic::Diagnostic;
use crate::levels::Levels;
use crate::load::gallery::Gallery;
use crate::load::read;
use crate::printable;
use crate::render;
use crate::report;
use crate::resolve::{self, ResolvedCatalog};
use crate::rules::{self, Level};
use crate::term::Term;
use crate::write;
use std::io::Write;
use std::path::Path;

pub fn run(args: &CompileArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    // Opened first: a target that cannot be written stops the run before it reads anything.
    let output = write::Output::open(args.output.as_deref(), args.force)?;
    if args.schema {
        let schema = render::json::schema().map_err(std::io::Error::other)?;
        output.emit(schema.as_bytes(), out)?;
        return Ok(Outcome::Clean);
    }
    let Some(path) = args.catalog.as_deref() else {
        return Err(Failure::message("no catalog given"));
    };
    let gallery = ctx.gallery()?;
    let Some(catalog) = checked_catalog(path, &gallery, ctx)? else {
        return Ok(Outcome::Findings);
    };
    let text = match args.format {
        CompileFormat::Markdown => render::markdown::render(&catalog),
        CompileFormat::Html => render::html::render(&catalog),
        CompileFormat::Json => render::json::render(&catalog)?,
    };
    output.emit(text.as_bytes(), out)?;
    Ok(Outcome::Clean)
}

/// Reads, checks and resolves a catalog (`-` reads standard input). Diagnostics are printed
/// to stderr; `Ok(None)` when any is at error level. A catalog that cannot be read is exit 2.
pub(crate) fn checked_catalog(
    path: &Path,
    gallery: &Gallery,
    ctx: &Context,
) -> Result<Option<ResolvedCatalog>, Failure> {
    let report = if path == Path::new("-") {
        match read::read_stdin() {
            Ok(file) => check::catalog_source(file, gallery),
            Err(diagnostic) => unreadable_report(diagnostic),
        }
    } else {
        let metadata = std::fs::metadata(path).map_err(|error| {
            Failure::message(format!(
                "cannot read the catalog `{}`: {error}",
                printable::path(path)
            ))
        })?;
        if metadata.is_dir() {
            return Err(Failure::message(format!(
                "`{}` is a folder; give the catalog's file, e.g. catalogs/sapa.yaml",
                printable::path(path)
            )));
        }
        check::catalog_file(path, gallery)
    };
    if report.catalog.is_none()
        && let [only] = report.diagnostics.as_slice()
        && only.code() == rules::file::UNREADABLE.code
    {
        return Err(Failure::CouldNotRun {
            message: format!("cannot read the catalog `{}`", printable::path(path)),
            diagnostics: report.diagnostics,
        });
    }
    let (levels, _) = Levels::new(&ctx.workspace, &[]);
    let diagnostics = levels.apply(report.diagnostics);
    print_diagnostics(&diagnostics, &ctx.term)?;
    let errors = diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .count();
    match report.catalog {
        Some(catalog) if errors == 0 => Ok(Some(resolve::resolve(&catalog, gallery))),
        _ => {
            let plural = if errors == 1 { "error" } else { "errors" };
            eprintln!(
                "error: `{}` has {errors} {plural}; fix them (`rg check` lists them too) — nothing was written",
                printable::path(path)
            );
            Ok(None)
        }
    }
}

fn unreadable_report(diagnostic: Diagnostic) -> CatalogReport {
    CatalogReport {
        file: None,
        catalog: None,
        diagnostics: vec![diagnostic],
    }
}

/// Diagnostics to stderr in `rg check`'s human format, coloured as `--color` decides for stderr.
fn print_diagnostics(diagnostics: &[Diagnostic], term: &Term) -> std::io::Result<()> {
    let stderr_term = term.stderr();
    let mut stderr = std::io::stderr().lock();
    for diagnostic in diagnostics {
        write!(
            stderr,
            "{}",
            report::human::render(diagnostic, &stderr_term)
        )?;
        writeln!(stderr)?;
    }
    Ok(())
}
