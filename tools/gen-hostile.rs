//! Files that grow in one direction each, for checking that every command's cost grows linearly
//! with its input (`scripts/bench.sh`, `ONLY=hostile`):
//!
//! `cargo run --release --example gen-hostile -- --out DIR --size N`
//!
//! writes, for N:
//! - `catalogs/opgaver.yaml`: a valid catalog with N KLIK tasks (check, compile, table);
//! - `fejl/mange-fejl.yaml`: a catalog with N unknown fields, one per line (N diagnostics);
//! - `fejl/en-linje.yaml`: the same catalog in flow style on one line (N diagnostics, one line);
//! - `udpegninger/personer.yaml`: N persons, all appointed (check, diff, overview);
//! - `udpegninger/ukendte.yaml`: N persons and N references to persons that do not exist, each
//!   near a real key (N suggestions searched among N persons).
//!
//! The same arguments give the same bytes on every machine.

use clap::Parser;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "Write files that each grow in one direction, for linear-cost benchmarks")]
struct Args {
    /// The folder to write; it must be empty or not exist.
    #[arg(long)]
    out: PathBuf,
    /// How many tasks, fields, persons or references each file holds.
    #[arg(long)]
    size: usize,
}

/// The system the hostile catalog declares and the appointments name.
const SYSTEM: &str = "Hostil";

/// A catalog that checks clean, before its KLIK tasks.
fn catalog_head() -> String {
    format!(
        "system: {SYSTEM}
titel: Rollekatalog for {SYSTEM}
galleri: \"1.6\"
fagomraade: Testområdet
dokument: {{version: \"1.0\", dato: 2026-01-01}}
integrationer: []
spoc:
  opvarmning: projektejer
  fase-1: projektejer
  fase-2: projektleder
  fase-3: projektleder
  fase-4: systemansvarlig
roller:
  - rolle: projektejer
    status: {{opvarmning: obligatorisk, fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}}
    personsammenfald: {{anbefalet: [systemejer]}}
  - rolle: projektleder
    udpeges: fase-1
    status: {{fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}}
  - rolle: systemejer
    status: {{fase-4: obligatorisk}}
  - rolle: systemansvarlig
    status: {{fase-4: obligatorisk}}
"
    )
}

fn many_tasks(size: usize) -> String {
    let mut text = catalog_head();
    text.push_str("klik_opgaver:\n");
    for i in 0..size {
        let _ = write!(
            text,
            "  - id: PS-{i:06}\n    titel: Opgave nummer {i}\n    tema: projektstyring-og-ledelse\n    \
             fase: fase-1\n    ansvarlig: projektejer\n    udfoerer: [projektleder]\n"
        );
    }
    text.push_str(
        "  - id: UI-01\n    titel: Overdrag it-systemet\n    tema: ud-og-indfasning\n    \
         fase: fase-4\n    ansvarlig: systemejer\n    udfoerer: [systemansvarlig]\n",
    );
    text
}

fn many_errors(size: usize) -> String {
    let mut text = catalog_head();
    for i in 0..size {
        let _ = writeln!(text, "    ukendt-{i}: {i}");
    }
    text
}

fn one_line(size: usize) -> String {
    let mut text = format!(
        "{{system: {SYSTEM}-linje, titel: En linje, galleri: \"1.6\", fagomraade: Test, \
         spoc: {{opvarmning: projektejer}}, roller: [{{rolle: projektejer"
    );
    for i in 0..size {
        let _ = write!(text, ", ukendt-{i}: {i}");
    }
    text.push_str("}]}\n");
    text
}

fn appointments(size: usize, unknown: bool) -> String {
    let mut text = String::from("kommune: Hostilby\npersoner:\n");
    for i in 0..size {
        let _ = write!(text, "  person-{i:06}:\n    navn: Person {i}\n");
    }
    let _ = write!(
        text,
        "systemer:\n  - system: {SYSTEM}\n    fase: fase-1\n    udpegninger:\n      projektleder: ["
    );
    // An unknown reference is one letter off a real key, so that each one is searched for.
    let keys: Vec<String> = (0..size)
        .map(|i| match unknown {
            true => format!("persn-{i:06}"),
            false => format!("person-{i:06}"),
        })
        .collect();
    text.push_str(&keys.join(", "));
    text.push_str("]\n      projektejer: [person-000000]\n");
    text
}

fn write(out: &Path, size: usize) -> std::io::Result<()> {
    let files: [(&str, String); 5] = [
        ("catalogs/opgaver.yaml", many_tasks(size)),
        ("fejl/mange-fejl.yaml", many_errors(size)),
        ("fejl/en-linje.yaml", one_line(size)),
        ("udpegninger/personer.yaml", appointments(size, false)),
        ("udpegninger/ukendte.yaml", appointments(size, true)),
    ];
    for (name, text) in files {
        let path = out.join(name);
        fs::create_dir_all(path.parent().unwrap_or(out))?;
        fs::write(path, text)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    if fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some()) {
        eprintln!("error: {} is not empty", args.out.display());
        return ExitCode::from(2);
    }
    match write(&args.out, args.size) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", args.out.display());
            ExitCode::from(2)
        }
    }
}
