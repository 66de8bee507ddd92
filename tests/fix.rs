//! `rg fix` on the fixtures in `tests/fix/` (a copy of them in a temporary folder): the files as
//! fixed and the diff (insta snapshots), what is left (only what has no certain fix), comments
//! kept, files with nothing to fix untouched down to their mtime, `--diff` writing nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

const FILES: [&str; 4] = [
    "rg.toml",
    "catalogs/fiks.yaml",
    "udpegninger/fiksby.yaml",
    "udpegninger/ren.yaml",
];

/// A copy of `tests/fix/`, every file dated a day back, so that a rewrite shows in its mtime.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in FILES {
        let target = dir.path().join(name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(Path::new("tests/fix").join(name), &target).unwrap();
        let file = std::fs::File::options().write(true).open(&target).unwrap();
        let a_day_ago = SystemTime::now() - Duration::from_secs(86_400);
        file.set_modified(a_day_ago).unwrap();
    }
    dir
}

fn rg(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap()
}

fn state(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    FILES
        .iter()
        .map(|name| {
            let path = dir.join(name);
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            (path.clone(), std::fs::read(&path).unwrap(), modified)
        })
        .collect()
}

fn text(output: &[u8]) -> String {
    String::from_utf8(output.to_vec()).unwrap()
}

#[test]
fn fixes_are_written_in_place_and_only_what_has_no_fix_is_left() {
    let dir = copy();
    let before = state(dir.path());
    let fixed = rg(dir.path(), &["fix"]);
    // `Ukendt` names no catalog and nothing near one: still an error, so exit 1 as `rg check`.
    assert_eq!(fixed.status.code(), Some(1), "{}", text(&fixed.stderr));
    insta::assert_snapshot!("fix_stdout", text(&fixed.stdout));
    let stderr = text(&fixed.stderr);
    assert!(
        stderr.contains("no catalog for system `Ukendt`"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("checked 3 files: 1 error, 0 warnings\n"),
        "{stderr}"
    );

    let catalog = std::fs::read_to_string(dir.path().join("catalogs/fiks.yaml")).unwrap();
    insta::assert_snapshot!("fiks_fixed", catalog);
    let appointments = std::fs::read_to_string(dir.path().join("udpegninger/fiksby.yaml")).unwrap();
    insta::assert_snapshot!("fiksby_fixed", appointments);
    // Every comment is still there, on its line.
    for (name, fixed) in [
        ("catalogs/fiks.yaml", &catalog),
        ("udpegninger/fiksby.yaml", &appointments),
    ] {
        let original = std::fs::read_to_string(Path::new("tests/fix").join(name)).unwrap();
        for comment in original
            .lines()
            .filter_map(|l| l.find('#').map(|at| &l[at..]))
        {
            assert!(fixed.contains(comment), "{name} lost {comment:?}");
        }
    }
    // The file with nothing to fix, and rg.toml, are untouched: same bytes, same mtime.
    let after = state(dir.path());
    for (was, is) in before.iter().zip(&after) {
        if was.0.ends_with("ren.yaml") || was.0.ends_with("rg.toml") {
            assert_eq!(was, is, "{}", was.0.display());
        } else {
            assert_ne!(was.1, is.1, "{} was fixed", was.0.display());
        }
    }
    // What `rg check` says now: the one finding without a fix.
    let check = rg(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["rg::appointments::unknown_system"]);
    // Nothing is left to fix: a second run writes nothing.
    let again = rg(dir.path(), &["fix"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(text(&again.stdout), "");
    assert_eq!(state(dir.path()), after);
}

#[test]
fn the_diff_shows_the_fixes_and_writes_nothing() {
    let dir = copy();
    let before = state(dir.path());
    let diff = rg(dir.path(), &["fix", "--diff"]);
    assert_eq!(diff.status.code(), Some(1));
    insta::assert_snapshot!("fix_diff", text(&diff.stdout));
    assert_eq!(state(dir.path()), before, "--diff writes nothing");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("catalogs"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["fiks.yaml"], "no temporary file is left");

    // The diff applies to the files as they are and gives what `rg fix` writes.
    let fixed = copy();
    assert_eq!(rg(fixed.path(), &["fix"]).status.code(), Some(1));
    let patch = Command::new("patch")
        .args(["-p1", "--quiet"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .spawn();
    let Ok(mut patch) = patch else {
        eprintln!("SKIPPED: `patch` is not on PATH; the diff's application was not tried");
        return;
    };
    use std::io::Write;
    patch.stdin.take().unwrap().write_all(&diff.stdout).unwrap();
    assert!(patch.wait().unwrap().success());
    for name in FILES {
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            std::fs::read(fixed.path().join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn standard_input_is_not_fixed() {
    let dir = copy();
    let output = rg(dir.path(), &["fix", "-"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("cannot change standard input"));
}
