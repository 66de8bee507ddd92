//! `rg table CATALOG`: the phase × role table in the terminal, as Markdown, CSV or an Excel
//! workbook (`--format xlsx -o FILE`).
//! Like `rg compile`, it refuses a catalog with errors (exit 1, diagnostics on stderr).

use crate::cli::{TableArgs, TableFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::render::{table, xlsx};
use crate::write;
use std::io::Write;

pub fn run(args: &TableArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    // Opened first: a target that cannot be written stops the run before it reads anything.
    let output = write::Output::open(args.output.as_deref(), args.force)?;
    let Some(catalog) = ctx.resolved_catalog(&args.catalog)? else {
        return Ok(Outcome::Findings);
    };
    let bytes = match args.format {
        TableFormat::Table => table::terminal(&catalog, ctx.term.width).into_bytes(),
        TableFormat::Markdown => table::markdown(&catalog).into_bytes(),
        TableFormat::Csv => table::csv(&catalog).into_bytes(),
        TableFormat::Xlsx => {
            if output.is_stdout() && ctx.term.is_terminal {
                return Err(Failure::message(
                    "an xlsx workbook is binary; write it with -o FILE (or redirect stdout)",
                ));
            }
            xlsx::table(&catalog)
                .map_err(|error| Failure::message(format!("cannot make the workbook: {error}")))?
        }
    };
    output.emit(&bytes, out)?;
    Ok(Outcome::Clean)
}
