//! `rg schema KIND`: the JSON Schema of a file kind; `rg schema --dir DIR` writes all of them
//! (this repository's `schemas/` is made that way and a test keeps it current), making DIR if
//! it does not exist.

use crate::cli::SchemaArgs;
use crate::commands::{Failure, Outcome};
use crate::schema::{self, SchemaKind};
use crate::write;
use std::io::Write;

pub fn run(args: &SchemaArgs, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if let Some(dir) = &args.dir {
        // The folder is made if need be (`rg schema --dir schemas` in a fresh repository).
        std::fs::create_dir_all(dir).map_err(|error| {
            Failure::message(format!(
                "cannot make the folder `{}`: {error}",
                dir.display()
            ))
        })?;
        for kind in SchemaKind::ALL {
            let path = dir.join(kind.file_name());
            write::write_file(&path, schema::schema_text(kind).as_bytes(), args.force)?;
        }
        return Ok(Outcome::Clean);
    }
    let Some(kind) = args.kind else {
        return Err(Failure::message("name a kind or give --dir"));
    };
    let text = schema::schema_text(kind);
    match &args.output {
        Some(path) => write::write_file(path, text.as_bytes(), args.force)?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(Outcome::Clean)
}
