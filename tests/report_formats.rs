//! The machine-readable formats against their contracts: SARIF 2.1.0 against the OASIS schema,
//! and the pinned list of rule codes (a rename shows up in review).

use rollegalleri::api::{self, Checker, Diagnostic};
use std::path::{Path, PathBuf};

/// The SARIF 2.1.0 schema, as shipped inside the `serde-sarif` package in cargo's registry.
fn sarif_schema() -> serde_json::Value {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cargo"));
    let registry = cargo_home.join("registry/src");
    let schema = std::fs::read_dir(&registry)
        .unwrap()
        .flat_map(|index| std::fs::read_dir(index.unwrap().path()).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("serde-sarif-")
        })
        .map(|path| path.join("src/schema.json"))
        .find(|path| path.is_file())
        .expect("serde-sarif (a dev-dependency) is unpacked in cargo's registry");
    serde_json::from_str(&std::fs::read_to_string(schema).unwrap()).unwrap()
}

fn findings() -> Vec<Diagnostic> {
    let checker = Checker::in_folder(Path::new(".")).unwrap();
    let paths = [
        PathBuf::from("tests/fixtures/catalog"),
        PathBuf::from("tests/fixtures/yaml"),
    ];
    checker.check_paths(&paths).unwrap().0
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let diagnostics = findings();
    assert!(diagnostics.len() > 10);
    let document: serde_json::Value =
        serde_json::from_str(&api::report(&diagnostics, 1, "sarif")).unwrap();
    // The published schema's `language` patterns have a stray `]` that the Rust regex engine
    // rejects; they are replaced by the pattern they mean. We never emit `language`.
    let schema = sarif_schema().to_string().replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let typed: serde_sarif::sarif::Sarif = serde_json::from_value(document.clone()).unwrap();
    assert_eq!(typed.runs.len(), 1);
    let rules_listed = document["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(rules_listed, api::rules().len());
    let results = document["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            document["runs"][0]["tool"]["driver"]["rules"][index]["id"],
            result["ruleId"]
        );
    }
}

#[test]
fn the_list_of_rule_codes_is_pinned() {
    let listed: Vec<String> = api::rules()
        .iter()
        .map(|r| format!("{} {}", r.code, r.level))
        .collect();
    insta::assert_snapshot!(listed.join("\n"));
}

#[test]
fn every_rule_has_an_explanation_with_example_and_fix() {
    for rule in api::rules() {
        for section in ["## Why", "## Example", "## Fix"] {
            assert!(
                rule.explanation.contains(section),
                "{} lacks {section}",
                rule.code
            );
        }
        assert!(
            rule.explanation
                .contains(&format!("Default level: {}.", rule.level)),
            "{}",
            rule.code
        );
    }
}
