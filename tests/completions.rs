//! `rg completions SHELL` and `rg man`: the scripts are produced for every shell, and where the
//! shell is installed they are run: bash and fish complete role ids and rule codes, zsh parses it.

use std::path::Path;
use std::process::{Command, Output};

fn rg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .output()
        .expect("rg runs")
}

fn script(shell: &str) -> String {
    let output = rg(&["completions", shell]);
    assert!(output.status.success(), "{shell}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn installed(shell: &str) -> bool {
    Command::new(shell)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_shell_gets_a_script_with_role_ids_and_rule_codes() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = script(shell);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        assert!(script.contains("projektleder"), "{shell}: no role ids");
        assert!(
            script.contains("supportberettiget-bruger"),
            "{shell}: no role ids"
        );
        // zsh: the colons of a value escaped to survive `eval` (see zsh_completes_...)
        let code = if shell == "zsh" {
            "rg\\\\\\:\\\\\\:catalog\\\\\\:\\\\\\:unknown_role\\:\""
        } else {
            "rg::catalog::unknown_role"
        };
        assert!(script.contains(code), "{shell}: no rule codes");
    }
    assert!(!script("elvish").is_empty());
}

#[test]
fn unknown_shell_is_a_usage_error() {
    let output = rg(&["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("invalid value 'tcsh'"));
}

#[test]
fn the_script_completes_the_name_it_was_called_by() {
    let output = Command::new(env!("CARGO_BIN_EXE_rollegalleri"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let script = String::from_utf8(output.stdout).unwrap();
    assert!(script.contains(
        "complete -F _rollegalleri_whole_words -o nosort -o bashdefault -o default rollegalleri"
    ));
    assert!(!script.contains("complete -F _rg_whole_words"));
}

/// Completes `line` in bash as readline would: `COMP_WORDS` split at the word breaks (`:` too).
fn bash_complete(script_path: &Path, line: &str) -> Vec<String> {
    let program = format!(
        r#"
source '{script}'
line='{line}'
COMP_LINE="$line"
COMP_POINT=${{#line}}
# readline's words: split at blanks and at the characters of COMP_WORDBREAKS (: = among them)
words=()
word=''
for (( i = 0; i < ${{#line}}; i++ )); do
    c="${{line:i:1}}"
    if [[ "$c" == ' ' ]]; then
        [[ -n "$word" ]] && words+=("$word")
        word=''
    elif [[ "$c" == ':' || "$c" == '=' ]]; then
        [[ -n "$word" ]] && words+=("$word")
        words+=("$c")
        word=''
    else
        word+="$c"
    fi
done
words+=("$word")
COMP_WORDS=("${{words[@]}}")
COMP_CWORD=$(( ${{#words[@]}} - 1 ))
prev=''
(( COMP_CWORD > 0 )) && prev="${{words[COMP_CWORD-1]}}"
_rg_whole_words rg "$word" "$prev"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        script = script_path.display(),
    );
    let output = Command::new("bash")
        .arg("-c")
        .arg(program)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_role_ids_and_whole_rule_codes() {
    if !installed("bash") {
        eprintln!("bash is not installed; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rg.bash");
    std::fs::write(&path, script("bash")).unwrap();

    assert_eq!(bash_complete(&path, "rg show projektl"), ["projektleder"]);
    assert_eq!(
        bash_complete(&path, "rg show supp"),
        ["supportberettiget-bruger"]
    );
    // bash replaces only what follows the last `:`, so the candidates are trimmed to that part
    assert_eq!(
        bash_complete(&path, "rg explain rg::catalog::unknown_r"),
        ["unknown_role"]
    );
    assert_eq!(
        bash_complete(&path, "rg check --deny rg::catalog::spoc_"),
        ["spoc_missing", "spoc_not_active", "spoc_unchanged"]
    );
    let all = bash_complete(&path, "rg explain rg::");
    assert!(
        all.contains(&"catalog::unknown_role".to_string()),
        "{all:?}"
    );
    let kinds = bash_complete(&path, "rg schema ca");
    assert_eq!(kinds, ["catalog"]);
    let shells = bash_complete(&path, "rg completions p");
    assert_eq!(shells, ["powershell"]);
}

#[test]
fn fish_completes_role_ids_and_rule_codes() {
    if !installed("fish") {
        eprintln!("fish is not installed; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rg.fish");
    std::fs::write(&path, script("fish")).unwrap();
    let complete = |line: &str| -> Vec<String> {
        let output = Command::new("fish")
            .arg("--no-config")
            .arg("-c")
            .arg(format!("source '{}'; complete -C '{line}'", path.display()))
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    assert_eq!(complete("rg show projektl"), ["projektleder\tProjektleder"]);
    let codes = complete("rg explain rg::catalog::spoc_");
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(
        codes[0].starts_with("rg::catalog::spoc_missing\t"),
        "{codes:?}"
    );
    let denied = complete("rg check --deny rg::diff::unfilled_m");
    assert_eq!(denied.len(), 1, "{denied:?}");
}

/// Drives an interactive zsh through zsh's own pseudo-terminal module: load the script with
/// compinit, type `line`, press TAB, wait (up to ~10 s) for `word` to appear completed.
const ZSH_DRIVER: &str = r#"
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PATH=$1:\$PATH; fpath=($2 \$fpath); autoload -U compinit; compinit -u -d $2/.zcompdump; PS1='READY> '"
wait_for() {
  local acc='' chunk
  local -i tries=0
  while (( tries++ < 200 )); do
    if zpty -rt z chunk 2>/dev/null; then
      acc+=$chunk
      if [[ $acc == $~1 ]]; then REPLY=$acc; return 0; fi
    else
      sleep 0.05
    fi
  done
  REPLY=$acc
  return 1
}
wait_for '*READY> *' || { print -r -- "no prompt: ${(q)REPLY}"; exit 2 }
zpty -w -n z "$3"$'\t'
if wait_for "*${4}[^a-z_]*"; then print ok; else print -r -- "not completed: ${(q)REPLY}"; exit 1; fi
"#;

#[test]
fn zsh_completes_role_ids_and_whole_rule_codes() {
    if !installed("zsh") {
        eprintln!("zsh is not installed; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let functions = dir.path().join("functions");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&functions).unwrap();
    std::fs::create_dir(&bin).unwrap();
    std::fs::write(functions.join("_rg"), script("zsh")).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_rg"), bin.join("rg")).unwrap();
    let driver = dir.path().join("driver.zsh");
    std::fs::write(&driver, ZSH_DRIVER).unwrap();
    let parsed = Command::new("zsh")
        .arg("-n")
        .arg(functions.join("_rg"))
        .output()
        .unwrap();
    assert!(parsed.status.success(), "{parsed:?}");
    for (typed, completed) in [
        ("rg show projektl", "projektleder"),
        (
            "rg explain rg::catalog::unknown_r",
            "rg::catalog::unknown_role",
        ),
        ("rg check --deny rg::diff::spoc", "rg::diff::spoc_unfilled"),
    ] {
        let output = Command::new("zsh")
            .arg("-f")
            .arg(&driver)
            .arg(&bin)
            .arg(&functions)
            .arg(typed)
            .arg(completed)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "`{typed}<TAB>`: {}",
            String::from_utf8_lossy(&output.stdout)
        );
    }
}

#[test]
fn powershell_gets_argument_values() {
    let script = script("powershell");
    // a positional: the role ids in `rg show`'s case
    let show = script.find("        'rg;show' {\n").unwrap();
    let show_end = show + script[show..].find("break").unwrap();
    assert!(script[show..show_end].contains(
        "[CompletionResult]::new('projektleder', 'projektleder', [CompletionResultType]::ParameterValue, 'Projektleder')"
    ));
    // an option: the rule codes after `rg check --deny`, ahead of clap's own switch
    let deny = script.find("        'rg;check;--deny' {\n").unwrap();
    let clap_switch = script.find("$completions = @(switch ($command) {").unwrap();
    assert!(deny < clap_switch);
    assert!(script[deny..].contains("'rg::catalog::unknown_role'"));
    // quotes in help texts are doubled
    assert!(script.contains("system''s catalog"));
    assert!(!script.contains("system's catalog"));
}

#[test]
fn man_page_renders() {
    let output = rg(&["man"]);
    assert!(output.status.success());
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(page.contains("\n.TH rg 1 "), "{page}");
    for subcommand in ["check", "explain", "schema", "completions", "man"] {
        assert!(
            page.contains(&format!("\\fBrg\\-{subcommand}\\fR(1)")),
            "{subcommand}"
        );
    }
    assert!(page.contains("CLICOLOR_FORCE"));
    if !installed("groff") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rg.1");
    std::fs::write(&path, &page).unwrap();
    // -k: through preconv, as man(1) does, for the UTF-8 (×, ●, æøå) in the help texts
    let rendered = Command::new("groff")
        .args(["-k", "-man", "-Tutf8", "-ww", "-z"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(rendered.status.success());
    assert_eq!(
        String::from_utf8_lossy(&rendered.stderr),
        "",
        "groff warnings"
    );
}

#[test]
fn man_dir_writes_a_page_per_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .arg("man")
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    for page in [
        "rg.1",
        "rg-check.1",
        "rg-new.1",
        "rg-new-catalog.1",
        "rg-schema.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        let name = page.trim_end_matches(".1");
        assert!(text.contains(&format!("\n.TH {name} 1 ")), "{page}");
    }
    assert!(!dir.path().join("rg-help.1").exists());
}

/// Installed as `rollegalleri` (ripgrep owns `rg`), the man pages, `--version`, the usage and
/// the completions name `rollegalleri`: `rollegalleri man --dir` must not write over ripgrep's
/// `rg.1`.
#[test]
fn the_second_name_is_used_throughout() {
    let bin = env!("CARGO_BIN_EXE_rollegalleri");
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(bin)
        .arg("man")
        .arg("--dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert!(
        pages.iter().all(|p| p.starts_with("rollegalleri")),
        "{pages:?}"
    );
    assert!(
        pages.contains(&"rollegalleri-check.1".to_string()),
        "{pages:?}"
    );
    let top = std::fs::read_to_string(dir.path().join("rollegalleri.1")).unwrap();
    assert!(top.contains("\n.TH rollegalleri 1 "), "{top}");
    assert!(top.contains("\\fBrollegalleri\\-check\\fR(1)"), "{top}");

    let text = |args: &[&str]| {
        let output = Command::new(bin).args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(text(&["--version"]).starts_with("rollegalleri 0.1.0 "));
    assert!(text(&["check", "--help"]).contains("Usage: rollegalleri check"));
    assert!(text(&["man"]).contains("\n.TH rollegalleri 1 "));
    let zsh = text(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef rollegalleri"), "{}", &zsh[..40]);
    let fish = text(&["completions", "fish"]);
    assert!(fish.contains("complete -c rollegalleri "), "{fish}");
    assert!(!fish.contains("complete -c rg "), "{fish}");

    // A copy under another name is named so too; a name a script cannot hold is `rg`.
    let copy = dir.path().join("rg-dev");
    std::fs::copy(bin, &copy).unwrap();
    let output = Command::new(&copy).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("rg-dev 0.1.0 "));
    let odd = dir.path().join("rg $(x)");
    std::fs::copy(bin, &odd).unwrap();
    let output = Command::new(&odd).arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("rg 0.1.0 "));
}
