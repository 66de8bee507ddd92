//! CLI tests: the real binaries, run through trycmd cases under `tests/cmd/`, plus checks
//! that need a folder of their own.

use std::path::Path;
use std::process::Command;

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .case("tests/cmd/*.toml");
}

/// Cases at a width of their own (`env.add.COLUMNS` in each case): a width set for all would
/// win over the case's.
#[test]
fn cli_cases_at_a_width() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/width/*.toml");
}

fn run_in(dir: &Path, bin: &str, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

#[test]
fn both_binaries_work_with_no_files_present() {
    let empty = tempfile::tempdir().unwrap();
    for bin in [env!("CARGO_BIN_EXE_rg"), env!("CARGO_BIN_EXE_rollegalleri")] {
        let output = run_in(empty.path(), bin, &["list", "--format", "json"]);
        assert!(
            output.status.success(),
            "{bin}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let roles: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(roles.as_array().unwrap().len(), 33, "{bin}");
        let output = run_in(
            empty.path(),
            bin,
            &["show", "projektleder", "--format", "json"],
        );
        assert!(output.status.success());
        let role: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(role["opgaver"].as_array().unwrap().len(), 8);
        assert_eq!(role["ansvar"].as_array().unwrap().len(), 2);
    }
}

#[test]
fn list_filters_by_group() {
    let empty = tempfile::tempdir().unwrap();
    let output = run_in(
        empty.path(),
        env!("CARGO_BIN_EXE_rg"),
        &["list", "--gruppe", "tvaergaaende", "--format", "json"],
    );
    let roles: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids: Vec<&str> = roles
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "kombit-programleder",
            "it-digitaliseringschef",
            "it-arkitekt",
            "tekniker",
            "underskriftberettiget",
            "klik-administrator"
        ]
    );
}

#[test]
fn rg_toml_gallery_is_used_from_a_subfolder() {
    let repo = tempfile::tempdir().unwrap();
    let gallery = repo.path().join("mine");
    std::fs::create_dir(&gallery).unwrap();
    for name in ["galleri.yaml", "superbruger.yaml"] {
        std::fs::copy(Path::new("gallery").join(name), gallery.join(name)).unwrap();
    }
    std::fs::write(repo.path().join("rg.toml"), "gallery = \"mine\"\n").unwrap();
    let nested = repo.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let output = run_in(
        &nested,
        env!("CARGO_BIN_EXE_rg"),
        &["list", "--format", "json"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let roles: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(roles.as_array().unwrap().len(), 1);
}

#[test]
fn closed_pipe_is_quiet() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["show", "infrastrukturansvarlig"])
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
    assert!(status.success(), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// A closed pipe ends the output quietly, and the exit code is still the findings':
/// `set -o pipefail; rg check bad.yaml --format json | head -c 10` fails. The output is far
/// larger than a pipe holds, so the writes after the reader has gone meet the closed pipe
/// whenever the reader goes.
#[test]
fn a_closed_pipe_keeps_the_exit_code_of_the_findings() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let unknown: Vec<String> = (0..2000).map(|i| format!("ingen{i}")).collect();
    std::fs::write(
        dir.path().join("bad.yaml"),
        format!(
            "kommune: Lukket\npersoner: {{}}\ntvaergaaende:\n  kombit-programleder: [{}]\nsystemer: []\n",
            unknown.join(", ")
        ),
    )
    .unwrap();
    for format in ["json", "human", "github", "sarif"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
            .args(["check", "bad.yaml", "--format", format])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0; 10];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(output.stderr.is_empty(), "{format}: {output:?}");
    }
}

/// `tests/cmd/pipeline-9a-*` checks an untouched `rg new catalog Aula`; the file it checks
/// must be what the command writes today.
#[test]
fn the_checked_scaffold_is_what_rg_new_writes() {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["new", "catalog", "Aula"])
        .env("RG_TODAY", "2026-11-30")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    let committed = std::fs::read_to_string("tests/cmd/pipeline/aula-scaffold.yaml").unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        committed,
        "regenerate with: RG_TODAY=2026-11-30 rg new catalog Aula > tests/cmd/pipeline/aula-scaffold.yaml"
    );
}

/// The README shows `rg diff examples/vordingborg.yaml` as it prints to a pipe (100 columns):
/// the block stays what the command prints.
#[test]
fn the_readme_shows_the_diff_as_it_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = "```text\nVordingborg  (examples/vordingborg.yaml)\n";
    let at = readme.find(start).expect("the README shows the diff") + "```text\n".len();
    let block = &readme[at..at + readme[at..].find("```").unwrap()];
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["diff", "examples/vordingborg.yaml"])
        .current_dir(root)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(block, printed);
}
