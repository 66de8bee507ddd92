//! The CI integrations as users copy them: `.pre-commit-hooks.yaml` and the README's GitHub Actions,
//! code-scanning and GitLab CI examples. The YAML must parse, and the commands the examples run
//! are run here, with bash as the runners use it, against a repository with a clean catalog, a
//! broken one, and an `rg.toml` that cannot be used.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The README's YAML blocks, keyed by their first line (`# .gitlab-ci.yml`).
fn readme_blocks() -> Vec<(String, Value)> {
    let readme = fs::read_to_string("README.md").unwrap();
    let mut blocks = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```yaml" {
            continue;
        }
        let body: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        let first = body.first().copied().unwrap_or_default().to_string();
        let text = body.join("\n");
        let value: Value = serde_saphyr::from_str(&text)
            .unwrap_or_else(|e| panic!("README block `{first}` is not valid YAML: {e}"));
        blocks.push((first, value));
    }
    blocks
}

fn block(name: &str) -> Value {
    readme_blocks()
        .into_iter()
        .find(|(first, _)| first == &format!("# {name}"))
        .unwrap_or_else(|| panic!("no README block `# {name}`"))
        .1
}

/// A repository with `rg.toml` and a catalog, and a folder on PATH where `rollegalleri` is this
/// build (as `cargo install` would put it).
struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
    bin: PathBuf,
}

fn repo(catalogs: &[(&str, &str)], config: &str) -> Repo {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    let bin = dir.path().join("bin");
    fs::create_dir_all(root.join("catalogs")).unwrap();
    fs::create_dir_all(&bin).unwrap();
    fs::write(root.join("rg.toml"), config).unwrap();
    for (name, source) in catalogs {
        fs::copy(source, root.join("catalogs").join(name)).unwrap();
    }
    for name in ["rollegalleri", "rg"] {
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_rollegalleri"), bin.join(name)).unwrap();
    }
    Repo {
        _dir: dir,
        root,
        bin,
    }
}

const CLEAN: &str = "catalogs/sapa.yaml";
const BROKEN: &str = "tests/fixtures/catalog/unknown_role/fail.yaml";
const CONFIG: &str = "catalogs = \"catalogs\"\n";

fn clean_repo() -> Repo {
    repo(&[("sapa.yaml", CLEAN)], CONFIG)
}

fn broken_repo() -> Repo {
    repo(&[("sapa.yaml", CLEAN), ("broken.yaml", BROKEN)], CONFIG)
}

fn unusable_repo() -> Repo {
    repo(&[("sapa.yaml", CLEAN)], "catalogs = \"missing\"\n")
}

/// Runs a script as GitHub's `run:` does (`bash --noprofile --norc -eo pipefail`).
fn bash(repo: &Repo, script: &str) -> Output {
    let path = format!(
        "{}:{}",
        repo.bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script])
        .current_dir(&repo.root)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The `run:` steps of a workflow's jobs that call rollegalleri (not the ones installing it).
fn rollegalleri_steps(workflow: &Value) -> Vec<String> {
    let mut runs = Vec::new();
    for job in workflow["jobs"].as_object().unwrap().values() {
        for step in job["steps"].as_array().unwrap() {
            if let Some(run) = step["run"].as_str()
                && run.starts_with("rollegalleri ")
            {
                runs.push(run.to_string());
            }
        }
    }
    runs
}

#[test]
fn github_actions_example_annotates_and_fails_on_errors() {
    let workflow = block(".github/workflows/rollegalleri.yml");
    let runs = rollegalleri_steps(&workflow);
    assert_eq!(runs, ["rollegalleri check --format github"]);
    let installs = serde_json::to_string(&workflow).unwrap();
    assert!(installs.contains("cargo install --locked --git"));

    let clean = bash(&clean_repo(), &runs[0]);
    assert_eq!(clean.status.code(), Some(0), "{clean:?}");
    let broken = bash(&broken_repo(), &runs[0]);
    assert_eq!(broken.status.code(), Some(1), "{broken:?}");
    let stdout = String::from_utf8(broken.stdout).unwrap();
    assert!(
        stdout.lines().any(|l| l.starts_with(
            "::error file=catalogs/broken.yaml,line=22,col=12,endLine=22,endColumn=24,title=rg%3A%3Acatalog%3A%3Aunknown_role::"
        )),
        "{stdout}"
    );
}

#[test]
fn code_scanning_example_uploads_on_findings_and_fails_when_it_cannot_run() {
    let workflow = block(".github/workflows/rollegalleri-code-scanning.yml");
    assert_eq!(
        workflow["permissions"]["security-events"].as_str(),
        Some("write")
    );
    let steps = workflow["jobs"]["sarif"]["steps"].as_array().unwrap();
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    let sarif_file = upload["with"]["sarif_file"].as_str().unwrap();
    let runs = rollegalleri_steps(&workflow);
    assert_eq!(runs.len(), 1);
    assert!(runs[0].contains("--format sarif"));

    for (repo, findings) in [(clean_repo(), 0), (broken_repo(), 1)] {
        let output = bash(&repo, &runs[0]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let sarif: Value =
            serde_json::from_str(&fs::read_to_string(repo.root.join(sarif_file)).unwrap()).unwrap();
        assert_eq!(sarif["version"], "2.1.0");
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), findings);
    }
    let unusable = bash(&unusable_repo(), &runs[0]);
    assert_ne!(unusable.status.code(), Some(0), "exit 2 fails the step");
}

#[test]
fn gitlab_example_writes_a_code_quality_report() {
    if Command::new("jq").arg("--version").output().is_err() {
        eprintln!("jq is not installed; skipped");
        return;
    }
    let pipeline = block(".gitlab-ci.yml");
    let job = &pipeline["rollegalleri"];
    let report = job["artifacts"]["reports"]["codequality"].as_str().unwrap();
    assert_eq!(job["artifacts"]["when"], "always");
    let script: Vec<&str> = job["script"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line.as_str().unwrap())
        .collect();
    // GitLab runs the lines of `script` in one shell; the job fails on the first failing line.
    let program = script.join("\n");

    let broken = broken_repo();
    let output = bash(&broken, &program);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let issues: Value =
        serde_json::from_str(&fs::read_to_string(broken.root.join(report)).unwrap()).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 1);
    let issue = &issues[0];
    assert_eq!(issue["check_name"], "rg::catalog::unknown_role");
    assert_eq!(issue["severity"], "major");
    assert_eq!(issue["location"]["path"], "catalogs/broken.yaml");
    assert_eq!(issue["location"]["lines"]["begin"], 22);
    assert!(
        issue["description"]
            .as_str()
            .unwrap()
            .contains("unknown role `superbruuger`")
    );
    assert!(issue["fingerprint"].as_str().is_some_and(|f| !f.is_empty()));

    let clean = clean_repo();
    let output = bash(&clean, &program);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let issues: Value =
        serde_json::from_str(&fs::read_to_string(clean.root.join(report)).unwrap()).unwrap();
    assert_eq!(issues, serde_json::json!([]));

    let output = bash(&unusable_repo(), &program);
    assert_ne!(output.status.code(), Some(0), "exit 2 fails the job");
}

#[test]
fn pre_commit_hooks_run_the_installed_binary() {
    let hooks: Value =
        serde_saphyr::from_str(&fs::read_to_string(".pre-commit-hooks.yaml").unwrap()).unwrap();
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["rg-check", "rg-fix"]);
    let manifest: toml::Value = toml::from_str(&fs::read_to_string("Cargo.toml").unwrap()).unwrap();
    let bins: Vec<&str> = manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    for hook in hooks {
        assert_eq!(hook["language"], "rust");
        assert_eq!(hook["pass_filenames"], false);
        // the entry's program is one of the binaries `cargo install` puts on the PATH
        let entry = hook["entry"].as_str().unwrap();
        let program = entry.split_whitespace().next().unwrap();
        assert!(bins.contains(&program), "{program} not in {bins:?}");
        files_pattern_takes_yaml_and_rg_toml(hook["files"].as_str().unwrap());
    }

    // pre-commit runs `entry` with no file names; as it would in these repositories:
    let check = hooks[0]["entry"].as_str().unwrap();
    assert_eq!(bash(&clean_repo(), check).status.code(), Some(0));
    assert_eq!(bash(&broken_repo(), check).status.code(), Some(1));
    // rg-fix writes the typo's fix (pre-commit then fails the commit, as files changed) and
    // leaves a repository that rg-check passes; a clean one it leaves as it is.
    let fix = hooks[1]["entry"].as_str().unwrap();
    let clean = clean_repo();
    let before = fs::read(clean.root.join("catalogs/sapa.yaml")).unwrap();
    assert_eq!(bash(&clean, fix).status.code(), Some(0));
    assert_eq!(
        fs::read(clean.root.join("catalogs/sapa.yaml")).unwrap(),
        before
    );
    let broken = broken_repo();
    let output = bash(&broken, fix);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let fixed = fs::read_to_string(broken.root.join("catalogs/broken.yaml")).unwrap();
    assert!(fixed.contains("- rolle: superbruger  # expect"), "{fixed}");
    assert_eq!(bash(&broken, check).status.code(), Some(0));

    // the README's .pre-commit-config.yaml names both hooks, the fixer first
    let config = block(".pre-commit-config.yaml");
    assert_eq!(config["repos"][0]["hooks"][0]["id"], "rg-fix");
    assert_eq!(config["repos"][0]["hooks"][1]["id"], "rg-check");
}

/// `files` is a Python regex searched in each staged path.
fn files_pattern_takes_yaml_and_rg_toml(files: &str) {
    if let Ok(output) = Command::new("python3")
        .arg("-c")
        .arg(
            "import re, sys\n\
             pattern = re.compile(sys.argv[1])\n\
             print(' '.join(p for p in sys.argv[2:] if pattern.search(p)))",
        )
        .arg(files)
        .args([
            "catalogs/sapa.yaml",
            "gallery/projektleder.yaml",
            "udpegninger/aabenraa.yml",
            "rg.toml",
            "sub/rg.toml",
            "README.md",
            "src/main.rs",
            "myrg.toml",
            "catalogs/sapa.yaml.orig",
        ])
        .output()
    {
        assert_eq!(
            String::from_utf8_lossy(&output.stdout).trim(),
            "catalogs/sapa.yaml gallery/projektleder.yaml udpegninger/aabenraa.yml rg.toml sub/rg.toml"
        );
    }
}

#[test]
fn vs_code_settings_name_the_committed_schemas() {
    let readme = fs::read_to_string("README.md").unwrap();
    let start = readme
        .find("```json\n{\n  \"yaml.schemas\"")
        .expect("the settings block");
    let body = &readme[start + "```json\n".len()..];
    let body = &body[..body.find("```").unwrap()];
    let settings: Value = serde_json::from_str(body).unwrap();
    let schemas = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(schemas.len(), 4);
    for schema in schemas.keys() {
        assert!(Path::new(schema).is_file(), "{schema}");
    }
}
