//! `rg compile CATALOG`: the resolved rollekatalog as Markdown, print-ready HTML or JSON, to
//! stdout or (atomically) to a file. A catalog with errors is refused: its diagnostics go to
//! stderr as `rg check` prints them, exit 1, and no file is written.

use crate::cli::{CompileArgs, CompileFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::render;
use crate::write;
use std::io::Write;

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
    let Some(catalog) = ctx.resolved_catalog(path)? else {
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
