//! The speed-of-parse floor for the benchmark: every YAML file under the paths read and parsed
//! into its typed model, in parallel as `rg check` does, with no rules run.
//!
//! `cargo run --release --example parse-only -- PATH...` (RAYON_NUM_THREADS=1 for one core)

use rayon::prelude::*;
use rollegalleri::api;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let files = match api::yaml_files(&paths) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let failed: Vec<String> = files
        .par_iter()
        .filter_map(|path| parse(path).err())
        .collect();
    for failure in &failed {
        eprintln!("{failure}");
    }
    println!("{} files parsed, {} failed", files.len(), failed.len());
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Reads and parses one file as the kind `rg check` would give it; the model is dropped.
fn parse(path: &Path) -> Result<(), String> {
    let file = api::read_file(path).map_err(|d| format!("{}: {}", path.display(), d.message))?;
    match api::parse_only(&file, api::kind_of(&file)) {
        true => Ok(()),
        false => Err(format!("{}: does not parse cleanly", path.display())),
    }
}
