//! `rg table CATALOG`: the phase × role table in the terminal, as Markdown or as CSV.
//! Like `rg compile`, it refuses a catalog with errors (exit 1, diagnostics on stderr).

use crate::cli::{TableArgs, TableFormat};
use crate::commands::compile::checked_catalog;
use crate::commands::{Context, Failure, Outcome};
use crate::render::table;
use std::io::Write;

pub fn run(args: &TableArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    let gallery = ctx.gallery()?;
    let Some(catalog) = checked_catalog(&args.catalog, &gallery, ctx)? else {
        return Ok(Outcome::Findings);
    };
    let text = match args.format {
        TableFormat::Table => table::terminal(&catalog, ctx.term.width),
        TableFormat::Markdown => table::markdown(&catalog),
        TableFormat::Csv => table::csv(&catalog),
    };
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}
