//! The speed-of-parse floor for the benchmark: every YAML file under the paths read and parsed
//! into its typed model, in parallel as `rg check` does, with no rules run.
//!
//! `cargo run --release --example parse-only -- PATH...` (RAYON_NUM_THREADS=1 for one core)

use rayon::prelude::*;
use rollegalleri::load::discover::{self, FileKind, Found};
use rollegalleri::load::{read, yaml};
use rollegalleri::model::{Appointments, Catalog, Galleri, GalleryRole};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let found = match discover::discover(&paths) {
        Ok(found) => found,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let files: Vec<PathBuf> = found
        .into_iter()
        .filter_map(|f| match f {
            Found::File(path) => Some(path),
            Found::Broken(..) => None,
        })
        .collect();
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
    let file = read::read_source(path).map_err(|d| format!("{}: {}", path.display(), d.message))?;
    let parsed = match discover::kind_of(&file.path, &file.text) {
        FileKind::Catalog => yaml::parse::<Catalog>(&file).map(drop),
        FileKind::Appointments => yaml::parse::<Appointments>(&file).map(drop),
        FileKind::GalleryRole => yaml::parse::<GalleryRole>(&file).map(drop),
        FileKind::Galleri => yaml::parse::<Galleri>(&file).map(drop),
        FileKind::Unknown => Ok(()),
    };
    parsed.map_err(|d| format!("{}: {}", path.display(), d.message))
}
