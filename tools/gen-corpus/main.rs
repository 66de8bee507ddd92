//! A deterministic corpus for benchmarking `rg` at national scale:
//!
//! `cargo run --release --example gen-corpus -- --out DIR --municipalities 98 --systems 30 [--scale K] [--seed S]`
//!
//! writes `DIR/gallery/` (the embedded gallery), `DIR/catalogs/` (one valid catalog per system),
//! `DIR/udpegninger/` (one appointments file per municipality, K times) and `DIR/rg.toml`.
//! The same arguments give the same bytes on every machine.

mod catalog_yaml;
mod corpus;
mod municipality;
mod names;
mod rng;
mod system_plan;
mod yaml_text;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Write a deterministic benchmark corpus of gallery, catalogs and appointments")]
struct Args {
    /// The folder to write; it must be empty or not exist.
    #[arg(long)]
    out: PathBuf,
    /// Municipalities per copy (the first 98 have the real names).
    #[arg(long, default_value_t = 98)]
    municipalities: usize,
    /// IT systems, each with a catalog and an entry in every appointments file.
    #[arg(long, default_value_t = 30)]
    systems: usize,
    /// Copies of the municipalities: K × municipalities appointments files.
    #[arg(long, default_value_t = 1)]
    scale: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if std::fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some()) {
        eprintln!("error: {} is not empty", args.out.display());
        return ExitCode::from(2);
    }
    let options = corpus::Options {
        municipalities: args.municipalities,
        systems: args.systems.max(1),
        scale: args.scale,
        seed: args.seed,
    };
    match corpus::write(&args.out, &options) {
        Ok(written) => {
            eprintln!(
                "wrote {} files, {:.2} MB, to {}",
                written.files,
                written.bytes as f64 / 1e6,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
