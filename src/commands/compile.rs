//! `rg compile CATALOG`: the resolved rollekatalog as Markdown, print-ready HTML or JSON, to
//! stdout or (atomically) to a file. A catalog with errors is refused: its diagnostics go to
//! stderr as `rg check` prints them, exit 1, and no file is written.

use crate::cli::{CompileArgs, CompileFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::pipeline::GalleryUse;
use crate::render;
use crate::resolve::ResolvedCatalog;
use crate::write;
use std::io::Write;
use std::path::Path;

pub fn run(args: &CompileArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.schema {
        let schema = render::json::schema().map_err(std::io::Error::other)?;
        return emit(schema.as_bytes(), args.output.as_deref(), args.force, out);
    }
    let Some(path) = args.catalog.as_deref() else {
        return Err(Failure::message("no catalog given"));
    };
    refuse_output_onto_input(path, args.output.as_deref())?;
    let Some(catalog) = checked_catalog(path, ctx)? else {
        return Ok(Outcome::Findings);
    };
    let text = match args.format {
        CompileFormat::Markdown => render::markdown::render(&catalog),
        CompileFormat::Html => render::html::render(&catalog),
        CompileFormat::Json => render::json::render(&catalog)?,
    };
    emit(text.as_bytes(), args.output.as_deref(), args.force, out)
}

/// `-o` naming the very file the run reads is refused.
pub(crate) fn refuse_output_onto_input(input: &Path, output: Option<&Path>) -> Result<(), Failure> {
    match output {
        Some(output) if write::same_file(input, output) => Err(Failure::message(format!(
            "`{}` is the catalog itself; choose another output file",
            output.display()
        ))),
        _ => Ok(()),
    }
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

/// The catalog checked and resolved; its findings go to stderr, and `None` when it has errors.
pub(crate) fn checked_catalog(
    path: &Path,
    ctx: &Context,
) -> Result<Option<ResolvedCatalog>, Failure> {
    let pipeline = ctx.pipeline(&[], GalleryUse::Clean)?;
    let used = pipeline.use_catalog(path)?;
    ctx.to_stderr(&used.diagnostics)?;
    if used.resolved.is_none() {
        let plural = if used.errors == 1 { "error" } else { "errors" };
        eprintln!(
            "{} `{}` has {} {plural}; fix them (`rg check` lists them too) — nothing was written",
            ctx.term.stderr().error_label(),
            path.display(),
            used.errors
        );
    }
    Ok(used.resolved)
}
