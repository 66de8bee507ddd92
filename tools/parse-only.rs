//! The speed-of-parse floor for the benchmark: every YAML file under the paths read and parsed
//! into its typed model, in parallel as `rg check` does, with no rules run.
//!
//! `cargo run --release --example parse-only -- PATH...` (RAYON_NUM_THREADS=1 for one core)
//!
//! With `--fast-path` it parses nothing and counts instead the files that rg's fast YAML path
//! reads (the rest go to saphyr-parser), checking each against saphyr-parser's events; it names
//! the files left to saphyr-parser with `--fast-path -v`, and fails on any disagreement.

use rayon::prelude::*;
use rollegalleri::api;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let fast_path = take_flag(&mut args, "--fast-path");
    let verbose = take_flag(&mut args, "-v");
    let paths: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    let files = match api::yaml_files(&paths) {
        Ok(files) => files,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    if fast_path {
        return fast_path_share(&files, verbose);
    }
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

fn take_flag(args: &mut Vec<String>, flag: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != flag);
    args.len() != before
}

/// Reads and parses one file as the kind `rg check` would give it; the model is dropped.
fn parse(path: &Path) -> Result<(), String> {
    let file = api::read_file(path).map_err(|d| format!("{}: {}", path.display(), d.message))?;
    match api::parse_only(&file, api::kind_of(&file)) {
        true => Ok(()),
        false => Err(format!("{}: does not parse cleanly", path.display())),
    }
}

/// How many files (and bytes) the fast path reads; every one checked against saphyr-parser.
fn fast_path_share(files: &[PathBuf], verbose: bool) -> ExitCode {
    let outcomes: Vec<(u64, Result<bool, String>)> = files
        .par_iter()
        .map(|path| match api::read_file(path) {
            Ok(file) => (file.text.len() as u64, api::yaml_fast_path(&file.text)),
            Err(d) => (0, Err(d.message)),
        })
        .collect();
    let (mut taken, mut bytes, mut taken_bytes, mut wrong) = (0, 0, 0, 0);
    for (path, (size, outcome)) in files.iter().zip(&outcomes) {
        bytes += size;
        match outcome {
            Ok(true) => {
                taken += 1;
                taken_bytes += size;
            }
            Ok(false) if verbose => println!("saphyr-parser: {}", path.display()),
            Ok(false) => {}
            Err(difference) => {
                wrong += 1;
                eprintln!("{}: {difference}", path.display());
            }
        }
    }
    println!(
        "fast path: {taken} of {} files ({:.1}%), {taken_bytes} of {bytes} bytes ({:.1}%); {wrong} disagreements",
        files.len(),
        100.0 * taken as f64 / files.len().max(1) as f64,
        100.0 * taken_bytes as f64 / bytes.max(1) as f64,
    );
    if wrong == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
