//! `rg lsp`: the language server for editors, on stdin/stdout (see [`crate::lsp`]).

use crate::commands::{Context, Failure, Outcome};

pub fn run(ctx: &Context) -> Result<Outcome, Failure> {
    crate::lsp::run(ctx.gallery_flag.as_deref())
        .map_err(|error| Failure::message(format!("the language server stopped: {error}")))?;
    Ok(Outcome::Clean)
}
