//! Mutation test: every example, catalog and fixture file, broken in small ways as hand
//! editing breaks files (each line deleted, each line duplicated, a fixed sample of flipped
//! bits), is checked as `rg check` checks it. Each mutant must give a clean result or
//! diagnostics with a code and a location inside the mutated file — never a panic. (How long
//! a file takes is measured by `scripts/bench.sh`, not asserted here.) A catalog that still parses is also resolved, as `rg diff`
//! resolves catalogs, and a catalog that checks clean is compiled, as `rg compile` does.
//!
//! The library is called directly (no process per mutant) so that the ~10,000 mutants take
//! seconds; the files are split over a few tests so that they run in parallel.

use rollegalleri::api::{self, Checker, Date, Diagnostic, FileKind, Level, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Flipped bits per file: a fixed sample, the same on every run.
const BYTE_FLIPS: usize = 24;

/// `rg check` with the repository's and the fixtures' catalogs as the catalogs appointments
/// are checked against.
fn world() -> &'static Checker {
    static WORLD: OnceLock<Checker> = OnceLock::new();
    WORLD.get_or_init(|| {
        let references = ["tests/fixtures/catalogs", "catalogs"]
            .iter()
            .flat_map(|dir| yaml_files(Path::new(dir)))
            .map(|path| api::read_file(&path).expect("readable"))
            .collect();
        Checker::embedded()
            .today(Date::parse("2026-01-15").unwrap())
            .with_catalogs(references)
    })
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() && path.extension().is_some_and(|e| e == "yaml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The mutants of a file: (what was done, the bytes).
fn mutants(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let lines: Vec<&[u8]> = bytes.split_inclusive(|b| *b == b'\n').collect();
    let mut out = Vec::new();
    for i in 0..lines.len() {
        let mut deleted = Vec::with_capacity(bytes.len());
        let mut doubled = Vec::with_capacity(bytes.len() + lines[i].len() + 1);
        for (j, line) in lines.iter().enumerate() {
            doubled.extend_from_slice(line);
            if j == i {
                if !line.ends_with(b"\n") {
                    doubled.push(b'\n');
                }
                doubled.extend_from_slice(line);
            } else {
                deleted.extend_from_slice(line);
            }
        }
        out.push((format!("line {} deleted", i + 1), deleted));
        out.push((format!("line {} duplicated", i + 1), doubled));
    }
    // A fixed pseudo-random sample (xorshift, seeded by the file's length) of single-bit flips.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64 ^ bytes.len() as u64;
    for _ in 0..BYTE_FLIPS.min(bytes.len()) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let at = (state % bytes.len() as u64) as usize;
        let bit = 1u8 << ((state >> 32) % 8);
        let mut flipped = bytes.to_vec();
        flipped[at] ^= bit;
        out.push((format!("byte {at} xor {bit:#04x}"), flipped));
    }
    out
}

/// Checks one mutant as its original's kind; returns what is wrong with the result, if anything.
/// A gallery file is checked with the other files of its folder, as `rg check` checks a
/// gallery folder (a role file alone has no `galleri.yaml`); their diagnostics must point
/// inside them too.
fn check_mutant(
    path: &Path,
    kind: FileKind,
    siblings: &[Arc<SourceFile>],
    bytes: Vec<u8>,
    render: bool,
) -> Result<(), String> {
    let world = world();
    let diagnostics = match api::decode(path, bytes) {
        Ok(file) if matches!(kind, FileKind::GalleryRole | FileKind::Galleri) => {
            let mut sources = siblings.to_vec();
            sources.push(file);
            world.check(sources)
        }
        Ok(file) => {
            let diagnostics = world.check_as(Arc::clone(&file), kind);
            if kind == FileKind::Catalog {
                compile(&file, &diagnostics, render);
            }
            diagnostics
        }
        Err(diagnostic) => vec![diagnostic],
    };
    for diagnostic in &diagnostics {
        located_inside(diagnostic, path, siblings)?;
    }
    Ok(())
}

/// The other YAML files of a gallery file's folder.
fn siblings_of(path: &Path, kind: FileKind) -> Vec<Arc<SourceFile>> {
    if !matches!(kind, FileKind::GalleryRole | FileKind::Galleri) {
        return Vec::new();
    }
    let folder = path.parent().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != path && p.is_file() && p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| api::read_file(p).expect("a readable sibling"))
        .collect()
}

/// What `rg diff` does with a catalog (resolve it, errors or not) and, when `render`, what
/// `rg compile` does with a clean one (rendering in a debug build is slow, so every fourth
/// mutant is rendered; the fuzzers and the property tests render every input).
fn compile(file: &Arc<SourceFile>, diagnostics: &[Diagnostic], render: bool) {
    let Some(catalog) = api::read_catalog(file) else {
        return;
    };
    let resolved = world().resolve_anyway(&catalog);
    if render && diagnostics.iter().all(|d| d.level != Level::Error) {
        api::compile_markdown(&resolved);
        api::compile_html(&resolved);
    }
}

fn located_inside(
    diagnostic: &Diagnostic,
    path: &Path,
    siblings: &[Arc<SourceFile>],
) -> Result<(), String> {
    let code = diagnostic.code();
    if !code.starts_with("rg::") || code.split("::").count() != 3 {
        return Err(format!("malformed code {code}"));
    }
    let Some(location) = &diagnostic.location else {
        return Err(format!("{code} has no location: {}", diagnostic.message));
    };
    let in_folder = siblings.iter().any(|s| s.path == location.file.path);
    if location.file.path != path && !in_folder {
        return Err(format!("{code} points at {}", location.file.name));
    }
    let Some(span) = location.span else {
        return Err(format!("{code} has no position: {}", diagnostic.message));
    };
    let len = location.file.text.len();
    if span.offset > len || span.offset + span.len > len {
        return Err(format!("{code}: {span:?} outside {len} bytes"));
    }
    Ok(())
}

/// Runs every mutant of every file under `dirs`; fails listing every bad mutant.
fn mutate_all(dirs: &[&str]) {
    let files: Vec<PathBuf> = dirs.iter().flat_map(|d| yaml_files(Path::new(d))).collect();
    assert!(!files.is_empty(), "no files under {dirs:?}");
    let mut problems = Vec::new();
    let mut count = 0;
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let original = api::decode(path, bytes.clone());
        let kind = match &original {
            Ok(file) => api::kind_of(file),
            Err(_) => FileKind::Unknown,
        };
        // A file of no kind (a YAML fixture that is not one) is checked as a catalog.
        let kind = match kind {
            FileKind::Unknown => FileKind::Catalog,
            kind => kind,
        };
        let siblings = siblings_of(path, kind);
        for (index, (what, mutant)) in mutants(&bytes).into_iter().enumerate() {
            count += 1;
            let render = index % 4 == 0;
            let result =
                std::panic::catch_unwind(|| check_mutant(path, kind, &siblings, mutant, render));
            match result {
                Err(_) => problems.push(format!("{}: {what}: panicked", path.display())),
                Ok(Err(problem)) => problems.push(format!("{}: {what}: {problem}", path.display())),
                Ok(Ok(())) => {}
            }
        }
    }
    assert!(count > files.len(), "too few mutants");
    eprintln!("{dirs:?}: {} files, {count} mutants", files.len());
    assert!(
        problems.is_empty(),
        "{} of {count} mutants went wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn mutated_example_catalogs() {
    mutate_all(&["catalogs", "tests/fixtures/catalogs"]);
}

#[test]
fn mutated_rule_fixture_catalogs() {
    mutate_all(&["tests/fixtures/catalog"]);
}

#[test]
fn mutated_appointments() {
    mutate_all(&[
        "examples",
        "tests/fixtures/appointments",
        "tests/fixtures/diff",
    ]);
}

#[test]
fn mutated_gallery_yaml_and_file_fixtures() {
    mutate_all(&[
        "tests/fixtures/gallery",
        "tests/fixtures/gallery-broken",
        "tests/fixtures/yaml",
        "tests/fixtures/file",
    ]);
}
