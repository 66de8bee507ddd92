//! Terminal manners: `--color` and `NO_COLOR`/`CLICOLOR_FORCE` on stdout, stderr and clap's own
//! errors; usage errors on stderr with exit 2; a closed pipe is quiet; the width of a terminal.

use std::io::Read;
use std::process::{Command, Output, Stdio};

const ESC: &str = "\x1b[";

/// Runs `rg` with no colour variables inherited, then the given ones.
fn rg(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rg"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CLICOLOR")
        .env_remove("COLUMNS");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("rg runs")
}

fn coloured(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes).contains(ESC)
}

/// Flags, environment, whether stdout is coloured.
type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], bool);

#[test]
fn stdout_colour_follows_flag_and_environment() {
    let show = ["show", "projektleder"];
    let cases: [Case; 7] = [
        (&[], &[], false), // not a terminal
        (&[], &[("CLICOLOR_FORCE", "1")], true),
        (&[], &[("CLICOLOR_FORCE", "0")], false),
        (&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
        (&["--color", "always"], &[("NO_COLOR", "1")], true),
        (&["--color=never"], &[("CLICOLOR_FORCE", "1")], false),
        (&["--color", "auto"], &[("CLICOLOR_FORCE", "1")], true),
    ];
    for (flags, env, expected) in cases {
        let mut args = show.to_vec();
        args.extend_from_slice(flags);
        let output = rg(&args, env);
        assert!(output.status.success());
        assert_eq!(
            coloured(&output.stdout),
            expected,
            "rg {args:?} with {env:?}"
        );
    }
}

#[test]
fn every_command_takes_color() {
    for args in [
        &["list", "--color", "never"][..],
        &["show", "traener", "--color", "never"],
        &["explain", "--list", "--color", "never"],
        &["check", "--color", "never", "gallery"],
        &["schema", "catalog", "--color", "never"],
        &["completions", "bash", "--color", "never"],
        &["man", "--color", "never"],
        &["--color", "never", "list"],
    ] {
        let output = rg(args, &[]);
        assert_eq!(output.status.code(), Some(0), "rg {args:?}: {output:?}");
    }
}

#[test]
fn stderr_colour_is_decided_for_stderr() {
    // an unknown role is a could-not-run error on stderr
    let forced = rg(&["show", "projektleer", "--color", "always"], &[]);
    assert_eq!(forced.status.code(), Some(2));
    assert!(coloured(&forced.stderr), "{forced:?}");
    let auto = rg(&["show", "projektleer"], &[("CLICOLOR_FORCE", "1")]);
    assert!(coloured(&auto.stderr));
    let plain = rg(&["show", "projektleer"], &[]);
    assert!(!coloured(&plain.stderr));
    assert!(String::from_utf8_lossy(&plain.stderr).contains("error:"));
}

#[test]
fn usage_errors_go_to_stderr_with_exit_2() {
    for args in [
        &["frobnicate"][..],
        &["show"],
        &["check", "--format", "xml"],
        &["list", "--color", "sometimes"],
    ] {
        let output = rg(args, &[]);
        assert_eq!(output.status.code(), Some(2), "rg {args:?}");
        assert!(output.stdout.is_empty(), "rg {args:?}: stdout not empty");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("error:"),
            "rg {args:?}"
        );
    }
    // clap's error follows --color as well
    let forced = rg(&["frobnicate", "--color", "always"], &[]);
    assert!(coloured(&forced.stderr));
    let never = rg(
        &["frobnicate", "--color", "never"],
        &[("CLICOLOR_FORCE", "1")],
    );
    assert!(!coloured(&never.stderr));
    // help and version are not errors
    let help = rg(&["--help"], &[]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage:"));
}

#[test]
fn version_names_the_embedded_gallery() {
    let output = rg(&["--version"], &[]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("embedded gallery: Rollegalleri 1.6"),
        "{text}"
    );
}

#[test]
fn a_closed_pipe_is_quiet() {
    // `rg man | head -0`: the reader is gone before rg writes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["completions", "bash"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(stderr, "");
}

#[test]
fn quiet_prints_only_the_summary() {
    let loud = rg(&["check", "tests/fixtures/catalog/unknown_role"], &[]);
    let quiet = rg(
        &["check", "--quiet", "tests/fixtures/catalog/unknown_role"],
        &[],
    );
    assert_eq!(loud.status.code(), quiet.status.code());
    let quiet = String::from_utf8(quiet.stdout).unwrap();
    assert_eq!(quiet.lines().count(), 1, "{quiet}");
    assert!(String::from_utf8_lossy(&loud.stdout).lines().count() > 5);
    assert!(
        String::from_utf8_lossy(&loud.stdout).ends_with(&quiet),
        "the summary is the last line of the loud output"
    );
}

/// Runs `rg list` in a pseudo-terminal of `columns` columns (util-linux `script`).
fn list_in_terminal(columns: &str) -> Option<String> {
    let probe = Command::new("script").arg("--version").output().ok()?;
    if !probe.status.success() {
        return None;
    }
    let rg = env!("CARGO_BIN_EXE_rg");
    let output = Command::new("script")
        .args([
            "-qec",
            &format!("stty cols {columns}; {rg} list"),
            "/dev/null",
        ])
        .env_remove("COLUMNS")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .ok()?;
    assert!(output.status.success(), "{output:?}");
    Some(String::from_utf8_lossy(&output.stdout).replace('\r', ""))
}

#[test]
fn tables_fit_the_terminal() {
    let (Some(narrow), Some(wide)) = (list_in_terminal("60"), list_in_terminal("160")) else {
        eprintln!("`script` (util-linux) is not installed; skipped");
        return;
    };
    let widest = |text: &str| text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest(&narrow) <= 60, "{narrow}");
    assert!(widest(&wide) > 60, "{wide}");
}
