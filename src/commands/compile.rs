//! `rg compile CATALOG`: the resolved rollekatalog as Markdown, print-ready HTML, PDF or JSON,
//! to stdout or (atomically) to a file. A catalog with errors is refused: its diagnostics go to
//! stderr as `rg check` prints them, exit 1, and no file is written. The PDF is printed by a
//! browser on the machine; none found is exit 2 before anything is read.

use crate::cli::{CompileArgs, CompileFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::render::document::{self, pdf};
use crate::write;
use std::io::Write;

pub fn run(args: &CompileArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.browser.is_some() && args.format != CompileFormat::Pdf {
        return Err(Failure::message("--browser is used only with --format pdf"));
    }
    // The browser is found, and the target opened, before the catalog is read: a PDF that
    // cannot be printed or kept is exit 2 at once.
    let printer = match args.format {
        CompileFormat::Pdf if !args.schema => Some(pdf::find_browser(args.browser.as_deref())?.0),
        _ => None,
    };
    let output = write::Output::open(args.output.as_deref(), args.force)?;
    if args.schema {
        let schema = document::json_schema().map_err(std::io::Error::other)?;
        output.emit(schema.as_bytes(), out)?;
        return Ok(Outcome::Clean);
    }
    let Some(path) = args.catalog.as_deref() else {
        return Err(Failure::message("no catalog given"));
    };
    let Some(catalog) = ctx.resolved_catalog(path)? else {
        return Ok(Outcome::Findings);
    };
    match (args.format, printer) {
        // Streamed to the output as it is rendered: a large catalog's document is never held
        // whole.
        (CompileFormat::Markdown, _) => {
            output.emit_with(out, |out| document::write_markdown(&catalog, out))?
        }
        (CompileFormat::Html, _) => {
            output.emit_with(out, |out| document::write_html(&catalog, out))?
        }
        (CompileFormat::Json, _) => output.emit(document::json(&catalog)?.as_bytes(), out)?,
        (CompileFormat::Pdf, Some(browser)) => {
            output.emit(&pdf::print(&document::html(&catalog), &browser)?, out)?
        }
        // Only --schema goes without a browser, and it was answered above.
        (CompileFormat::Pdf, None) => output.emit(document::html(&catalog).as_bytes(), out)?,
    }
    Ok(Outcome::Clean)
}
