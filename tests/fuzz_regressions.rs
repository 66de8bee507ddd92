//! Every input a fuzz target crashed on, kept under `tests/fuzz_regressions/TARGET/` and run
//! through the same harness as the fuzzer (`fuzz/src/lib.rs`, with its checks of what must
//! hold for any input), so a fixed crash stays fixed. The seed files run through it as well.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod harness;

use std::fs;
use std::path::{Path, PathBuf};

/// A fuzz target: its name and what it runs on one input.
type Target = (&'static str, fn(&[u8]));

const TARGETS: [Target; 6] = [
    ("gallery_role", harness::gallery_role),
    ("galleri", harness::galleri),
    ("catalog", harness::catalog),
    ("appointments", harness::appointments),
    ("compile", harness::compile),
    ("yaml_fast", harness::yaml_fast),
];

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn every_crash_the_fuzzers_found_stays_fixed() {
    let mut ran = 0;
    for (target, run) in TARGETS {
        for file in files(&Path::new("tests/fuzz_regressions").join(target)) {
            let bytes = fs::read(&file).unwrap();
            // Pass or fail, never by the clock: the inputs the fuzzers found slow are timed
            // by `scripts/bench.sh` (hostile sizes), not here.
            let outcome = std::panic::catch_unwind(|| run(&bytes));
            assert!(outcome.is_ok(), "{target}: {} panics", file.display());
            ran += 1;
        }
    }
    assert!(ran > 0);
}

#[test]
fn the_repository_files_pass_the_harness() {
    // The seeds of the fuzzers: what must hold for any input holds for them.
    let yaml = |dir: &str| {
        files(Path::new(dir))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
    };
    for path in yaml("catalogs") {
        let bytes = fs::read(&path).unwrap();
        harness::catalog(&bytes);
        harness::compile(&bytes);
    }
    for path in yaml("examples") {
        harness::appointments(&fs::read(&path).unwrap());
        harness::yaml_fast(&fs::read(&path).unwrap());
    }
    harness::gallery_role(&fs::read("gallery/projektleder.yaml").unwrap());
    harness::galleri(&fs::read("gallery/galleri.yaml").unwrap());
}
