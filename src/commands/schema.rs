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
        // The folder is made if need be (`rg schema --dir schemas` in a fresh repository), and
        // removed again if nothing could be written into it.
        let made = !dir.exists();
        std::fs::create_dir_all(dir).map_err(|error| {
            Failure::message(format!(
                "cannot make the folder `{}`: {error}",
                dir.display()
            ))
        })?;
        let files: Vec<(std::path::PathBuf, String)> = SchemaKind::ALL
            .into_iter()
            .map(|kind| (dir.join(kind.file_name()), schema::schema_text(kind)))
            .collect();
        let files: Vec<(&std::path::Path, &[u8])> = files
            .iter()
            .map(|(path, text)| (path.as_path(), text.as_bytes()))
            .collect();
        if let Err(failure) = write::write_files(&files, args.force) {
            if made {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(failure);
        }
        return Ok(Outcome::Clean);
    }
    let Some(kind) = args.kind else {
        return Err(Failure::message("name a kind or give --dir"));
    };
    let text = schema::schema_text(kind);
    write::Output::open(args.output.as_deref(), args.force)?.emit(text.as_bytes(), out)?;
    Ok(Outcome::Clean)
}
