//! Safe writes, for every command that writes a file: the real binary, run in this
//! repository, writing into a throw-away folder.
//!
//! - the file is written as a temporary file in the target's own folder and renamed into place:
//!   with `TMPDIR` pointing nowhere it still works, a hard link to the replaced file keeps the
//!   old text (the old file was not written over), and no temporary file is left;
//! - an existing file is refused without `--force` (exit 2, untouched);
//! - a symbolic link at the target is never followed: the file it points to is untouched
//!   (with `--force` the link itself is replaced by the file);
//! - a missing folder or a folder at the target is refused and nothing is left behind;
//! - a new file gets the permissions a plain create gives, a replaced file keeps its own;
//! - commands that write several files (`rg schema --dir`, `rg man --dir`) write all or none.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every command that writes one file, as the arguments before `-o FILE`.
const WRITERS: &[&[&str]] = &[
    &["compile", "catalogs/sapa.yaml"],
    &["compile", "catalogs/sapa.yaml", "--format", "html"],
    &["compile", "catalogs/sapa.yaml", "--format", "json"],
    &["compile", "--schema"],
    &["table", "catalogs/sapa.yaml", "--format", "markdown"],
    &["table", "catalogs/sapa.yaml", "--format", "csv"],
    &["table", "catalogs/sapa.yaml", "--format", "xlsx"],
    &["new", "catalog", "SAPA"],
    &["schema", "catalog"],
    &["diff", "examples", "--format", "json"],
    &["diff", "examples", "--format", "markdown"],
    &["diff", "examples", "--overview", "--format", "csv"],
    &["diff", "examples", "--overview", "--format", "xlsx"],
];

fn rg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        // A temporary file made anywhere but beside the target would fail.
        .env("TMPDIR", "/nonexistent/rg-safe-writes")
        .output()
        .expect("rg runs")
}

/// Runs a writer with `-o target` (and `--force`); asserts it ran (exit 0, or 1 for findings).
fn write_with(writer: &[&str], target: &Path, force: bool) -> Output {
    let mut args: Vec<&str> = writer.to_vec();
    args.extend(["-o", target.to_str().unwrap()]);
    if force {
        args.push("--force");
    }
    rg(&args)
}

fn ran(output: &Output) -> bool {
    matches!(output.status.code(), Some(0 | 1))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn target_name(writer: &[&str]) -> &'static str {
    if writer.contains(&"xlsx") {
        "ud.xlsx"
    } else {
        "ud.txt"
    }
}

#[test]
fn a_new_file_is_renamed_into_place_with_ordinary_permissions() {
    for writer in WRITERS {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(target_name(writer));
        let output = write_with(writer, &target, false);
        assert!(ran(&output), "{writer:?}: {}", stderr(&output));
        assert!(fs::metadata(&target).unwrap().len() > 0, "{writer:?}");
        assert_eq!(names(dir.path()), [target_name(writer)], "{writer:?}");
        // The mode a plain create gives in the same folder (0666 less the umask), not the
        // temporary file's 0600.
        let plain = dir.path().join("plain");
        fs::write(&plain, "x").unwrap();
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            fs::metadata(&plain).unwrap().permissions().mode() & 0o777,
            "{writer:?}"
        );
    }
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_by_rename_with_it() {
    for writer in WRITERS {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(target_name(writer));
        fs::write(&target, "gammel").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("hardlink");
        fs::hard_link(&target, &link).unwrap();
        let inode = fs::metadata(&target).unwrap().ino();

        let output = write_with(writer, &target, false);
        assert_eq!(output.status.code(), Some(2), "{writer:?}");
        assert!(stderr(&output).contains("already exists"), "{writer:?}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "gammel");

        let output = write_with(writer, &target, true);
        assert!(ran(&output), "{writer:?}: {}", stderr(&output));
        assert_ne!(fs::read(&target).unwrap(), b"gammel", "{writer:?}");
        // Renamed into place: a new file; the old one, still linked, is untouched.
        assert_ne!(fs::metadata(&target).unwrap().ino(), inode, "{writer:?}");
        assert_eq!(fs::read_to_string(&link).unwrap(), "gammel", "{writer:?}");
        assert_eq!(
            fs::metadata(&target).unwrap().permissions().mode() & 0o777,
            0o640,
            "{writer:?}: a replaced file keeps its permissions"
        );
        let mut expected = vec!["hardlink".to_string(), target_name(writer).to_string()];
        expected.sort();
        assert_eq!(names(dir.path()), expected, "{writer:?}");
    }
}

#[test]
fn a_symlink_at_the_target_is_never_followed() {
    for writer in WRITERS {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let victim = elsewhere.path().join("victim.txt");
        fs::write(&victim, "må ikke ændres").unwrap();
        let target = dir.path().join(target_name(writer));
        std::os::unix::fs::symlink(&victim, &target).unwrap();

        let output = write_with(writer, &target, false);
        assert_eq!(output.status.code(), Some(2), "{writer:?}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "må ikke ændres");

        let output = write_with(writer, &target, true);
        assert!(ran(&output), "{writer:?}: {}", stderr(&output));
        assert_eq!(
            fs::read_to_string(&victim).unwrap(),
            "må ikke ændres",
            "{writer:?} wrote through the link"
        );
        let metadata = fs::symlink_metadata(&target).unwrap();
        assert!(
            metadata.is_file(),
            "{writer:?}: the link is replaced by the file"
        );
        assert_eq!(names(elsewhere.path()), ["victim.txt"], "{writer:?}");

        // A dangling link is no different.
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(elsewhere.path().join("nothing"), &dangling).unwrap();
        let output = write_with(writer, &dangling, false);
        assert_eq!(output.status.code(), Some(2), "{writer:?}");
        assert_eq!(names(elsewhere.path()), ["victim.txt"], "{writer:?}");
    }
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    for writer in WRITERS {
        let dir = tempfile::tempdir().unwrap();
        // The folder does not exist.
        let output = write_with(writer, &dir.path().join("mangler/ud.txt"), true);
        assert_eq!(output.status.code(), Some(2), "{writer:?}");
        assert!(stderr(&output).contains("does not exist"), "{writer:?}");
        // The target is a folder (and a link to one).
        let folder = dir.path().join("mappe");
        fs::create_dir(&folder).unwrap();
        let output = write_with(writer, &folder, true);
        assert_eq!(output.status.code(), Some(2), "{writer:?}");
        assert!(names(&folder).is_empty(), "{writer:?}");
        assert_eq!(names(dir.path()), ["mappe"], "{writer:?}");
    }
}

#[test]
fn a_catalog_with_errors_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yaml");
    fs::write(
        &broken,
        "system: X\nroller:\n  - rolle: projektleer\n    status: {fase-1: obligatorisk}\n",
    )
    .unwrap();
    for format in ["markdown", "html", "json"] {
        let target = dir.path().join(format!("ud.{format}"));
        let output = rg(&[
            "compile",
            broken.to_str().unwrap(),
            "--format",
            format,
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1));
    }
    let output = rg(&[
        "table",
        broken.to_str().unwrap(),
        "-o",
        dir.path().join("ud.csv").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(names(dir.path()), ["broken.yaml"]);
}

/// `rg schema --dir` and `rg man --dir` write several files: one existing file (without
/// `--force`) stops them all, before any is written.
#[test]
fn several_files_are_written_all_or_none() {
    for (command, some_file) in [("schema", "catalog.schema.json"), ("man", "rg-check.1")] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("ud");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(some_file), "gammel").unwrap();
        let output = rg(&[command, "--dir", out.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{command}");
        assert_eq!(names(&out), [some_file], "{command}: wrote some files");
        assert_eq!(fs::read_to_string(out.join(some_file)).unwrap(), "gammel");

        let output = rg(&[command, "--dir", out.to_str().unwrap(), "--force"]);
        assert!(ran(&output), "{command}: {}", stderr(&output));
        let written = names(&out);
        assert!(written.len() > 1, "{command}: {written:?}");
        assert!(
            written.iter().all(|n| !n.starts_with(".rg-")),
            "{command}: {written:?}"
        );
        assert_ne!(fs::read_to_string(out.join(some_file)).unwrap(), "gammel");
    }
}

/// `rg schema --dir NEW` makes the folder; when it cannot write into it, the folder goes too.
#[test]
fn a_folder_made_for_files_that_cannot_be_written_is_removed() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("ny");
    let output = rg(&["schema", "--dir", made.to_str().unwrap()]);
    assert!(ran(&output), "{}", stderr(&output));
    assert_eq!(names(&made).len(), 5);
    // A folder where one schema's name is taken by a folder: nothing is written.
    let blocked: PathBuf = dir.path().join("blokeret");
    fs::create_dir_all(blocked.join("catalog.schema.json")).unwrap();
    let output = rg(&["schema", "--dir", blocked.to_str().unwrap(), "--force"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(names(&blocked), ["catalog.schema.json"]);
}
