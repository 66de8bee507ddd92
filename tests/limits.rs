//! The documented limits (README "Limits", `rg explain rg::yaml::limit`), each tested on both
//! sides: at the limit a file is read and checked as usual, one past it gives
//! `rg::yaml::limit` (or, for the number of files, exit 2 before anything is read).

use rollegalleri::api::{
    self, Checker, Date, Diagnostic, FileKind, MAX_ALIAS_EVENTS, MAX_ALIASES, MAX_DEPTH,
    MAX_FILE_BYTES, MAX_FILES, MAX_NODES, SourceFile,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        Checker::embedded()
            .today(Date::parse("2026-01-15").unwrap())
            .with_catalogs(Vec::new())
    })
}

/// `rg check` on a catalog's text: the diagnostics.
fn check(text: String) -> Vec<Diagnostic> {
    let file = SourceFile::new(Path::new("catalogs/limit.yaml"), text);
    checker().check_as(file, FileKind::Catalog)
}

fn limit(diagnostics: &[Diagnostic]) -> Option<&Diagnostic> {
    diagnostics.iter().find(|d| d.code() == "rg::yaml::limit")
}

fn assert_limit(text: String, says: &str) {
    let diagnostics = check(text);
    let found = limit(&diagnostics).unwrap_or_else(|| {
        panic!(
            "no rg::yaml::limit: {:?}",
            diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    });
    assert!(found.message.contains(says), "{}", found.message);
    assert!(found.position().is_some(), "a limit points at the place");
}

fn assert_no_limit(text: String) {
    let diagnostics = check(text);
    assert!(
        limit(&diagnostics).is_none(),
        "{:?}",
        diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
}

// ------------------------------------------------------------------ file size

#[test]
fn file_size_10_mib() {
    let dir = tempfile::tempdir().unwrap();
    // A comment of exactly 10 MiB is read (and is an empty document); one byte more is not.
    let at = dir.path().join("at.yaml");
    let mut text = vec![b'#'; MAX_FILE_BYTES as usize - 1];
    text.push(b'\n');
    std::fs::write(&at, &text).unwrap();
    let file = api::read_file(&at).expect("10 MiB is read");
    assert_eq!(file.text.len() as u64, MAX_FILE_BYTES);
    let over = dir.path().join("over.yaml");
    text.push(b'\n');
    std::fs::write(&over, &text).unwrap();
    let error = api::read_file(&over).unwrap_err();
    assert_eq!(error.code(), "rg::yaml::limit");
    assert!(error.message.contains("over 10 MiB"), "{}", error.message);
}

#[test]
fn file_size_10_mib_on_standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b'#'; 1024 * 1024];
        for _ in 0..10 {
            stdin.write_all(&chunk).unwrap();
        }
        let _ = stdin.write_all(b"\n");
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "rg::yaml::limit", "{json}");
    assert_eq!(json["diagnostics"][0]["file"], "<stdin>");
    // Reading stops at the limit: the size is not known, only that it is over.
    assert_eq!(
        json["diagnostics"][0]["message"],
        "the file is larger than 10 MiB; files over 10 MiB are not read"
    );
    assert_eq!(output.status.code(), Some(1));
}

// ------------------------------------------------------------------ nesting

/// `system: x` and `roller:` holding `levels - 1` nested flow sequences: the top-level
/// mapping is the first level.
fn nested_flow(levels: usize) -> String {
    let inner = levels - 1;
    format!(
        "system: x\nroller: {}{}\n",
        "[".repeat(inner),
        "]".repeat(inner)
    )
}

/// The same in block style: one more indented mapping per level.
fn nested_block(levels: usize) -> String {
    let mut text = String::from("system: x\nroller:\n");
    for level in 1..levels {
        text.push_str(&" ".repeat(level));
        text.push_str(&format!("k{level}:\n"));
    }
    text
}

#[test]
fn nesting_64_levels() {
    assert_no_limit(nested_flow(MAX_DEPTH));
    assert_limit(nested_flow(MAX_DEPTH + 1), "nesting deeper than 64 levels");
    assert_no_limit(nested_block(MAX_DEPTH));
    assert_limit(nested_block(MAX_DEPTH + 1), "nesting deeper than 64 levels");
    // Far deeper than the parser's own guard: the same diagnostic.
    assert_limit(nested_flow(10_000), "nesting deeper than 64 levels");
}

// ------------------------------------------------------------------ aliases

/// One anchored sequence of `size` scalars, used `uses` times: each use replays `size + 2`
/// events (the sequence's start and end too).
fn replays(size: usize, uses: usize) -> String {
    format!(
        "system: x\nanker: &a [{}]\nroller: [{}]\n",
        vec!["x"; size].join(", "),
        vec!["*a"; uses].join(", ")
    )
}

#[test]
fn values_expanded_from_aliases_10_000() {
    assert_eq!(MAX_ALIAS_EVENTS, 10_000);
    assert_no_limit(replays(998, 10)); // 10 × 1,000 events
    assert_limit(
        replays(999, 10),
        "more than 10000 values expanded from aliases",
    );
    // The billion laughs of the rule's explanation.
    let mut bomb = String::from("system: x\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{previous}"); 9].join(", ")
        ));
    }
    bomb.push_str("roller: [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n");
    assert_limit(bomb, "expanded from aliases");
}

/// `uses` aliases spread over `anchors` anchored scalars.
fn alias_uses(anchors: usize, uses: usize) -> String {
    let mut text = String::from("system: x\n");
    for i in 0..anchors {
        text.push_str(&format!("a{i}: &a{i} x\n"));
    }
    let aliases: Vec<String> = (0..uses).map(|i| format!("*a{}", i % anchors)).collect();
    text.push_str(&format!("roller: [{}]\n", aliases.join(", ")));
    text
}

#[test]
fn alias_uses_1_000() {
    assert_eq!(MAX_ALIASES, 1_000);
    assert_no_limit(alias_uses(100, 1_000));
    assert_limit(alias_uses(200, 1_001), "more than 1000 uses of aliases");
    assert_no_limit(alias_uses(1, 1_000));
}

// ------------------------------------------------------------------ values

#[test]
fn values_1_000_000() {
    // The top-level mapping, its two keys, `x`, the sequence: 5 values besides the items.
    let items = |n: usize| format!("system: x\nroller: [{}]\n", vec!["1"; n].join(","));
    assert_no_limit(items(MAX_NODES - 5));
    assert_limit(items(MAX_NODES - 4), "more than 1000000 values");
}

// ------------------------------------------------------------------ number of files

fn folder_of_files(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        std::fs::write(dir.path().join(format!("f{i:05}.yaml")), "").unwrap();
    }
    dir
}

#[test]
fn files_per_run_10_000() {
    let dir = folder_of_files(MAX_FILES);
    let found = api::yaml_files(&[dir.path().to_path_buf()]).expect("10,000 files are read");
    assert_eq!(found.len(), MAX_FILES);
    std::fs::write(dir.path().join("one-more.yaml"), "").unwrap();
    let error = api::yaml_files(&[dir.path().to_path_buf()]).unwrap_err();
    assert!(error.contains("more than 10000 YAML files"), "{error}");
    // Spread over several paths, they count together.
    let other = folder_of_files(1);
    std::fs::remove_file(dir.path().join("one-more.yaml")).unwrap();
    let paths: Vec<PathBuf> = vec![dir.path().into(), other.path().into()];
    assert!(api::yaml_files(&paths).is_err());

    // `rg check` and `rg diff` stop at once with exit 2; so does a gallery folder that big.
    for args in [
        vec![
            "check",
            other.path().to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
        vec![
            "diff",
            other.path().to_str().unwrap(),
            dir.path().to_str().unwrap(),
        ],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_rg"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("rg::yaml::limit"), "{stderr}");
    }
    std::fs::write(dir.path().join("one-more.yaml"), "").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["--gallery", dir.path().to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("more than 10000 YAML files"));
}
