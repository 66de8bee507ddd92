//! Rule fixtures: `tests/fixtures/<family>/<rule>/{fail*,pass*}`. Every `# expect: CODE` comment
//! (or a `<file>.expect` sidecar with `CODE [LINE]` lines, for files that cannot hold a comment)
//! names a diagnostic expected on that line; a `pass*` case expects none at all. A case that is a
//! folder with an `rg.toml` of its own is checked as `rg` run there (a rule that is off by
//! default turned on); the diff family runs as `rg diff --people`, so the people rules fire too.

use rollegalleri::api::{self, Checker, Diagnostic};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = "tests/fixtures";

/// (file name, code, line); a line of 0 means "anywhere in the file".
type Finding = (String, String, usize);

/// `rg` as run in the fixtures folder (its `rg.toml` names `catalogs/` there), or in a case
/// folder that has an `rg.toml` of its own.
fn checker(case: &Path) -> Checker {
    let own = case.is_dir() && case.join("rg.toml").is_file();
    let folder = if own { case } else { Path::new(ROOT) };
    Checker::in_folder(folder).expect("the fixtures folder is a workspace")
}

fn cases() -> Vec<(String, PathBuf)> {
    let mut cases = Vec::new();
    for family in sorted_entries(Path::new(ROOT))
        .into_iter()
        .filter(|p| p.is_dir())
    {
        let family_name = file_name(&family);
        if family_name == "catalogs" {
            continue;
        }
        for rule in sorted_entries(&family).into_iter().filter(|p| p.is_dir()) {
            let code = format!("rg::{family_name}::{}", file_name(&rule));
            for case in sorted_entries(&rule) {
                let name = file_name(&case);
                if (name.starts_with("fail") || name.starts_with("pass"))
                    && !name.ends_with(".expect")
                {
                    cases.push((code.clone(), case));
                }
            }
        }
    }
    cases
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

fn files_in(case: &Path) -> Vec<PathBuf> {
    if case.is_dir() {
        sorted_entries(case)
            .into_iter()
            .flat_map(|p| files_in(&p))
            .collect()
    } else {
        vec![case.to_path_buf()]
    }
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn expected(case: &Path) -> BTreeSet<Finding> {
    let mut found = BTreeSet::new();
    for file in files_in(case) {
        if file.extension().is_some_and(|e| e == "expect") {
            continue;
        }
        let bytes = fs::read(&file).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        for (index, line) in text.lines().enumerate() {
            if let Some((_, codes)) = line.split_once("# expect: ") {
                for code in codes.split(',') {
                    found.insert((shown(&file), code.trim().to_string(), index + 1));
                }
            }
        }
        let sidecar = PathBuf::from(format!("{}.expect", file.display()));
        for line in fs::read_to_string(sidecar).unwrap_or_default().lines() {
            let mut words = line.split_whitespace();
            let code = words.next().unwrap().to_string();
            let at = words.next().map_or(0, |l| l.parse().unwrap());
            found.insert((shown(&file), code, at));
        }
    }
    found
}

fn actual(case: &Path) -> Vec<Diagnostic> {
    let family = file_name(case.parent().unwrap().parent().unwrap());
    if family == "config" {
        return api::config_findings(&case.join("rg.toml"));
    }
    if family == "diff" {
        // The diff family fires in `rg diff`: the case is diffed against the fixture catalogs.
        let catalogs = Path::new(ROOT).join("catalogs");
        return match checker(case)
            .with_people()
            .diff_paths(&[case.to_path_buf()], &catalogs)
        {
            Ok(diff) => diff.diagnostics().to_vec(),
            Err(error) => panic!("{} could not be diffed: {error}", case.display()),
        };
    }
    checker(case).check_paths(&[case.to_path_buf()]).unwrap().0
}

fn as_findings(diagnostics: &[Diagnostic], expected: &BTreeSet<Finding>) -> BTreeSet<Finding> {
    diagnostics
        .iter()
        .map(|d| {
            let file = d.file_name().unwrap_or_default().to_string();
            let line = d.position().map_or(0, |p| p.line);
            let anywhere = (file.clone(), d.code().to_string(), 0);
            if expected.contains(&anywhere) {
                anywhere
            } else {
                (file, d.code().to_string(), line)
            }
        })
        .collect()
}

/// The caret must sit on a value (or the offending tab), not on spaces or a comment.
fn assert_points_at_value(diagnostic: &Diagnostic) {
    let (Some(location), Some(_)) = (&diagnostic.location, diagnostic.position()) else {
        return;
    };
    let span = location.span.unwrap();
    if span.len == 0 {
        return;
    }
    let rest = &location.file.text[span.offset.min(location.file.text.len())..];
    if let Some(first) = rest.chars().next() {
        assert!(
            !matches!(first, ' ' | '\n' | '\r' | '#') || rest.trim().is_empty(),
            "{} in {} points at a space or comment",
            diagnostic.code(),
            location.file.name
        );
    }
}

#[test]
fn every_fixture_gives_exactly_its_expected_diagnostics() {
    let mut failures = Vec::new();
    for (_, case) in cases() {
        let expected = expected(&case);
        let diagnostics = actual(&case);
        diagnostics.iter().for_each(assert_points_at_value);
        let actual = as_findings(&diagnostics, &expected);
        if actual != expected {
            failures.push(format!(
                "{}:\n  expected {expected:?}\n  actual   {actual:?}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let cases = cases();
    let mut missing = Vec::new();
    for rule in api::rules() {
        let of_rule: Vec<&PathBuf> = cases
            .iter()
            .filter(|(c, _)| c == rule.code)
            .map(|(_, p)| p)
            .collect();
        let has = |prefix: &str| of_rule.iter().any(|p| file_name(p).starts_with(prefix));
        let fires = of_rule
            .iter()
            .filter(|p| file_name(p).starts_with("fail"))
            .any(|p| expected(p).iter().any(|(_, code, _)| code == rule.code));
        if !(has("pass") && fires) {
            missing.push(rule.code);
        }
    }
    assert!(
        missing.is_empty(),
        "rules without a failing and a passing fixture: {missing:?}"
    );
}
