//! `rg compile CATALOG`: the resolved rollekatalog as Markdown, print-ready HTML, PDF or JSON,
//! to stdout or (atomically) to a file. A catalog with errors is refused: its diagnostics go to
//! stderr as `rg check` prints them, exit 1, and no file is written. The PDF is printed by a
//! browser on the machine; none found is exit 2 before anything is read.

use crate::check::{self, CatalogReport};
use crate::cli::{CompileArgs, CompileFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::diagnostic::Diagnostic;
use crate::levels::Levels;
use crate::load::gallery::Gallery;
use crate::load::read;
use crate::render::document::{self, pdf};
use crate::report;
use crate::resolve::{self, ResolvedCatalog};
use crate::rules::{self, Level};
use crate::term::Term;
use crate::write;
use std::io::Write;
use std::path::Path;

pub fn run(args: &CompileArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.schema {
        let schema = document::json_schema().map_err(std::io::Error::other)?;
        return emit(schema.as_bytes(), args.output.as_deref(), args.force, out);
    }
    let Some(path) = args.catalog.as_deref() else {
        return Err(Failure::message("no catalog given"));
    };
    if let Some(output) = &args.output
        && write::same_file(path, output)
    {
        return Err(Failure::message(format!(
            "`{}` is the catalog itself; choose another output file",
            output.display()
        )));
    }
    if args.browser.is_some() && args.format != CompileFormat::Pdf {
        return Err(Failure::message("--browser is used only with --format pdf"));
    }
    // The browser is found, and the target checked, before the catalog is read: a PDF that
    // cannot be printed or kept is exit 2 at once.
    let printer = match args.format {
        CompileFormat::Pdf => Some(pdf::find_browser(args.browser.as_deref())?.0),
        _ => None,
    };
    if let (Some(_), Some(output)) = (&printer, &args.output) {
        write::check_writable(output, args.force)?;
    }
    let gallery = ctx.gallery()?;
    let Some(catalog) = checked_catalog(path, &gallery, ctx)? else {
        return Ok(Outcome::Findings);
    };
    let text = document_text(args.format, &catalog)?;
    let bytes = match printer {
        Some(browser) => pdf::print(&text, &browser)?,
        None => text.into_bytes(),
    };
    emit(&bytes, args.output.as_deref(), args.force, out)
}

/// The document in its format; for the PDF, the HTML page the browser prints.
fn document_text(format: CompileFormat, catalog: &ResolvedCatalog) -> std::io::Result<String> {
    Ok(match format {
        CompileFormat::Markdown => document::markdown(catalog),
        CompileFormat::Html | CompileFormat::Pdf => document::html(catalog),
        CompileFormat::Json => document::json(catalog)?,
    })
}

/// Writes to the `-o` file, else to stdout.
pub(crate) fn emit(
    contents: &[u8],
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> Result<Outcome, Failure> {
    match output {
        Some(path) => write::write_file(path, contents, force)?,
        None => out.write_all(contents)?,
    }
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
                path.display()
            ))
        })?;
        if metadata.is_dir() {
            return Err(Failure::message(format!(
                "`{}` is a folder; give the catalog's file, e.g. catalogs/sapa.yaml",
                path.display()
            )));
        }
        check::catalog_file(path, gallery)
    };
    if report.catalog.is_none()
        && let [only] = report.diagnostics.as_slice()
        && only.code() == rules::file::UNREADABLE.code
    {
        return Err(Failure::CouldNotRun {
            message: format!("cannot read the catalog `{}`", path.display()),
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
                path.display()
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
