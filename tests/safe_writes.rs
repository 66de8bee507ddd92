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

/// The same file as `path`: its device and inode.
fn identity(path: &Path) -> (u64, u64) {
    let metadata = fs::metadata(path).unwrap();
    (metadata.dev(), metadata.ino())
}

/// `-o` never names a file the same run reads: not an appointments file named or found in a
/// folder, not a catalog, not the catalog compiled. Refused with `--force` too (exit 2), the
/// file untouched (the same inode, the same text), no temporary file left.
#[test]
fn an_output_never_replaces_a_file_the_run_reads() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let catalogs = dir.path().join("catalogs");
    let examples = dir.path().join("examples");
    for (from, to) in [("catalogs", &catalogs), ("examples", &examples)] {
        fs::create_dir(to).unwrap();
        for entry in fs::read_dir(root.join(from)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    let holbaek = examples.join("holbaek.yaml");
    let sapa = catalogs.join("sapa.yaml");
    let link = dir.path().join("link.yaml");
    std::os::unix::fs::symlink(&holbaek, &link).unwrap();
    let catalog_link = dir.path().join("catalog-link.yaml");
    std::os::unix::fs::symlink(&sapa, &catalog_link).unwrap();
    let (holbaek_s, sapa_s) = (holbaek.to_str().unwrap(), sapa.to_str().unwrap());
    let catalogs_s = catalogs.to_str().unwrap();
    let examples_s = examples.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &Path)> = vec![
        (vec!["diff", holbaek_s, "--format", "json"], &holbaek),
        (
            vec!["diff", holbaek_s, "--overview", "--format", "xlsx"],
            &holbaek,
        ),
        (
            vec!["diff", holbaek_s, "--overview", "--format", "csv"],
            &holbaek,
        ),
        (vec!["diff", examples_s, "--format", "markdown"], &holbaek),
        (vec!["diff", holbaek_s, "--format", "json"], &link),
        (
            vec![
                "diff",
                holbaek_s,
                "--catalogs",
                catalogs_s,
                "--format",
                "json",
            ],
            &sapa,
        ),
        (vec!["compile", sapa_s, "--format", "html"], &sapa),
        (vec!["table", sapa_s, "--format", "csv"], &sapa),
        (vec!["table", sapa_s, "--format", "xlsx"], &catalog_link),
    ];
    for (mut args, target) in cases {
        if args[0] == "diff" && !args.contains(&"--catalogs") {
            args.extend(["--catalogs", catalogs_s]);
        }
        let before = (identity(target), fs::read(target).unwrap());
        let output = write_with(&args, target, true);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("this run reads it"),
            "{args:?}: {}",
            stderr(&output)
        );
        let after = (identity(target), fs::read(target).unwrap());
        assert!(before == after, "{args:?} replaced {}", target.display());
        for folder in [dir.path(), &catalogs, &examples] {
            assert!(
                names(folder).iter().all(|n| !n.starts_with(".rg-")),
                "{args:?}: {:?}",
                names(folder)
            );
        }
    }
}

/// `--force` replaces a regular file (or a link to one) only: a device, a named pipe, a link
/// to `/proc/self/fd/1` or to a device is refused (exit 2) and stays what it was.
#[test]
fn force_replaces_only_a_regular_file() {
    for writer in WRITERS {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        assert!(
            Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let stdout_link = dir.path().join("stdout");
        std::os::unix::fs::symlink("/proc/self/fd/1", &stdout_link).unwrap();
        let null_link = dir.path().join("null-link");
        std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
        let mut targets = vec![
            (fifo.clone(), "a named pipe"),
            (stdout_link.clone(), "a symbolic link to"),
            (null_link.clone(), "a symbolic link to a character device"),
        ];
        // A device node of its own where the system lets us make one (as root).
        let device = dir.path().join("null");
        let made = Command::new("mknod")
            .arg(&device)
            .args(["c", "1", "3"])
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if made {
            targets.push((device.clone(), "a character device"));
        }
        for (target, what) in &targets {
            let before = fs::symlink_metadata(target).unwrap().file_type();
            let output = write_with(writer, target, true);
            assert_eq!(output.status.code(), Some(2), "{writer:?} {target:?}");
            let message = stderr(&output);
            assert!(
                message.contains(what) && message.contains("only a regular file is replaced"),
                "{writer:?}: {message}"
            );
            let after = fs::symlink_metadata(target).unwrap().file_type();
            assert_eq!(before, after, "{writer:?}: {target:?} was replaced");
            assert!(output.stdout.is_empty(), "{writer:?} wrote to stdout");
        }
        assert!(
            names(dir.path()).iter().all(|n| !n.starts_with(".rg-")),
            "{writer:?}"
        );
    }
}

/// `-o -` is standard output, for every command with `-o`: no file named `-` is made.
#[test]
fn a_dash_is_standard_output() {
    let stray = Path::new(env!("CARGO_MANIFEST_DIR")).join("-");
    for writer in WRITERS {
        let output = write_with(writer, Path::new("-"), false);
        assert!(ran(&output), "{writer:?}: {}", stderr(&output));
        assert!(!output.stdout.is_empty(), "{writer:?}");
        let made = stray.exists();
        let _ = fs::remove_file(&stray);
        assert!(!made, "{writer:?} made a file named `-`");
    }
}

/// SIGINT or SIGTERM while an output is being written: the temporary file beside the target is
/// removed and the exit code is 128 + the signal. Deterministic: `rg compile - -o FILE` opens
/// its output before it reads the catalog, and waits for the catalog on a pipe this test holds
/// open until the signal has been sent.
#[test]
fn an_interrupted_write_leaves_no_temporary_file() {
    use std::io::Write as _;
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ud.md");
        let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
            .args(["compile", "-", "-o", target.to_str().unwrap()])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Half a catalog: the rest never comes.
        stdin
            .write_all(b"system: SAPA\ntitel: Rollekatalog\n")
            .unwrap();
        let started = std::time::Instant::now();
        while !names(dir.path()).iter().any(|n| n.starts_with(".rg-")) {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "no temporary file appeared"
            );
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let killed = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let output = child.wait_with_output().unwrap();
        drop(stdin);
        assert_eq!(output.status.code(), Some(code), "SIG{signal}");
        assert!(
            names(dir.path()).is_empty(),
            "SIG{signal}: {:?}",
            names(dir.path())
        );
    }
}
