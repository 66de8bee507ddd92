//! The JSON Schemas under `schemas/`: current with the model, and in agreement with the files.
//!
//! - every committed schema equals what `rg schema` generates now (regenerate with
//!   `cargo run -- schema --dir schemas --force`);
//! - every gallery file, catalog, appointments file and `rg.toml` of the repository validates;
//! - on the rule fixtures the schemas agree with `rg check`: whatever the parser rejects as an
//!   unknown field or a wrong value, the schema rejects too, and a file the schema rejects is one
//!   `rg check` finds errors in.

use rollegalleri::api::{self, FileKind, SchemaKind};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const REGENERATE: &str = "cargo run -- schema --dir schemas --force";

fn committed(kind: SchemaKind) -> String {
    let path = Path::new("schemas").join(kind.file_name());
    fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `{REGENERATE}`", path.display()))
}

fn validator(kind: SchemaKind) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&committed(kind)).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{kind:?}: not a valid schema: {e}"))
}

/// The errors of `instance` against the schema, one line each (empty when valid).
fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn yaml(path: &Path) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    serde_saphyr::from_str::<Value>(&text).ok()
}

fn schema_kind(kind: FileKind) -> Option<SchemaKind> {
    match kind {
        FileKind::GalleryRole => Some(SchemaKind::GalleryRole),
        FileKind::Galleri => Some(SchemaKind::Galleri),
        FileKind::Catalog => Some(SchemaKind::Catalog),
        FileKind::Appointments => Some(SchemaKind::Appointments),
        FileKind::Unknown => None,
    }
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(yaml_files(&path));
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn committed_schemas_are_current() {
    let mut stale = Vec::new();
    for kind in SchemaKind::ALL {
        if committed(kind) != api::schema_text(kind) {
            stale.push(kind.file_name());
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: the model changed; run `{REGENERATE}` and commit schemas/"
    );
}

#[test]
fn rg_schema_prints_the_committed_schema() {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["schema", "catalog"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        committed(SchemaKind::Catalog)
    );
}

#[test]
fn rg_schema_dir_writes_every_kind_and_keeps_files_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rg"))
            .args(["schema", "--dir"])
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&[]).status.success());
    for kind in SchemaKind::ALL {
        let written = fs::read_to_string(dir.path().join(kind.file_name())).unwrap();
        assert_eq!(written, committed(kind), "{kind:?}");
    }
    let again = run(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert!(run(&["--force"]).status.success());
}

#[test]
fn repository_files_validate() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let folders = ["gallery", "catalogs", "examples"];
    for file in folders.iter().flat_map(|f| yaml_files(Path::new(f))) {
        let text = fs::read_to_string(&file).unwrap();
        let Some(kind) = schema_kind(api::kind_of_text(&file, &text)) else {
            failures.push(format!("{}: not a known kind", file.display()));
            continue;
        };
        let instance: Value = serde_saphyr::from_str(&text).unwrap();
        for error in errors(&validator(kind), &instance) {
            failures.push(format!("{}: {error}", file.display()));
        }
        checked += 1;
    }
    // The gallery is always there: 33 roles and galleri.yaml.
    assert!(checked >= 34, "only {checked} files found");
    let config: Value = toml::from_str(&fs::read_to_string("rg.toml").unwrap()).unwrap();
    for error in errors(&validator(SchemaKind::Config), &config) {
        failures.push(format!("rg.toml: {error}"));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn schemas_reject_what_an_editor_should_flag() {
    let catalog = validator(SchemaKind::Catalog);
    let base = r#"
system: SAPA
roller:
  - rolle: projektleder
    status: {fase-1: obligatorisk}
spoc: {fase-1: projektleder}
klik_opgaver:
  - {id: PS-01, titel: T, tema: projektstyring-og-ledelse, fase: fase-1, ansvarlig: projektleder}
"#;
    let valid: Value = serde_saphyr::from_str(base).unwrap();
    assert_eq!(errors(&catalog, &valid), Vec::<String>::new());
    for (from, to) in [
        ("rolle: projektleder", "rolle: projektleer"),
        ("fase-1: obligatorisk", "fase-5: obligatorisk"),
        ("fase-1: obligatorisk", "fase-1: vigtig"),
        ("tema: projektstyring-og-ledelse", "tema: ledelse"),
        ("system: SAPA", "system: SAPA\nfagomrade: x"),
        ("spoc: {fase-1: projektleder}", "spoc: {fase-1: leder}"),
    ] {
        let broken: Value = serde_saphyr::from_str(&base.replace(from, to)).unwrap();
        assert!(!errors(&catalog, &broken).is_empty(), "accepted `{to}`");
    }
    let appointments = validator(SchemaKind::Appointments);
    let base = r#"
kommune: Vordingborg
personer:
  mette: {navn: Mette Hansen, email: meha@vordingborg.dk, samtykke: true, bekraeftet: 2024-05-01}
tvaergaaende:
  kombit-programleder: [mette]
systemer:
  - system: SAPA
    fase: fase-3
    udpegninger: {projektleder: [mette]}
"#;
    let valid: Value = serde_saphyr::from_str(base).unwrap();
    assert_eq!(errors(&appointments, &valid), Vec::<String>::new());
    for (from, to) in [
        // projektleder is systemspecifik: not allowed under tvaergaaende
        ("kombit-programleder: [mette]", "projektleder: [mette]"),
        ("email: meha@vordingborg.dk", "email: meha"),
        ("fase: fase-3", "fase: drift"),
        ("{projektleder: [mette]}", "{projektlder: [mette]}"),
    ] {
        let broken: Value = serde_saphyr::from_str(&base.replace(from, to)).unwrap();
        assert!(
            !errors(&appointments, &broken).is_empty(),
            "accepted `{to}`"
        );
    }
    let config = validator(SchemaKind::Config);
    let good: Value =
        toml::from_str("[rules]\n\"rg::catalog::role_without_tasks\" = \"allow\"\n").unwrap();
    assert_eq!(errors(&config, &good), Vec::<String>::new());
    for text in [
        "[rules]\n\"rg::catalog::role_without_task\" = \"allow\"\n",
        "[rules]\n\"rg::catalog::role_without_tasks\" = \"off\"\n",
        "galery = \"g\"\n",
    ] {
        let bad: Value = toml::from_str(text).unwrap();
        assert!(!errors(&config, &bad).is_empty(), "accepted {text:?}");
    }
}

/// The codes `rg check --format json` reports for one file (run where the fixtures' rg.toml is).
fn check_codes(file: &Path) -> Vec<(String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["check", "--format", "json"])
        .arg(file.strip_prefix("tests/fixtures").unwrap())
        .current_dir("tests/fixtures")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: {e}: {:?}", file.display(), output));
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn schemas_agree_with_rg_check_on_the_fixtures() {
    let mut disagreements = Vec::new();
    let mut compared = 0;
    for file in yaml_files(Path::new("tests/fixtures")) {
        let Ok(text) = fs::read_to_string(&file) else {
            continue; // not UTF-8: the encoding fixtures
        };
        let Some(kind) = schema_kind(api::kind_of_text(&file, &text)) else {
            continue;
        };
        // Not YAML the way an editor reads it (syntax, limits, duplicate keys): nothing to compare.
        let Some(instance) = yaml(&file) else {
            continue;
        };
        compared += 1;
        let schema_errors = errors(&validator(kind), &instance);
        let codes = check_codes(&file);
        let parser_rejects = codes.iter().any(|(code, _)| {
            code == "rg::yaml::unknown_field" || code == "rg::yaml::invalid_value"
        });
        let has_error = codes.iter().any(|(_, severity)| severity == "error");
        if parser_rejects && schema_errors.is_empty() {
            disagreements.push(format!(
                "{}: rg check says {codes:?}, the schema accepts it",
                file.display()
            ));
        }
        if !schema_errors.is_empty() && !has_error {
            disagreements.push(format!(
                "{}: the schema says {schema_errors:?}, rg check finds no error ({codes:?})",
                file.display()
            ));
        }
    }
    assert!(compared > 40, "only {compared} fixtures compared");
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
}

#[test]
fn new_catalog_names_its_schema_and_validates_against_it() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::write(repo.path().join("rg.toml"), "catalogs = \"kataloger\"\n").unwrap();
    std::fs::create_dir_all(repo.path().join("kataloger/social")).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_rg"))
            .args(args)
            .current_dir(repo.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    // to stdout: as seen from the catalogs folder rg.toml names
    let printed = run(&["new", "catalog", "SAPA"]);
    assert!(printed.status.success(), "{printed:?}");
    let text = String::from_utf8(printed.stdout).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("# yaml-language-server: $schema=../schemas/catalog.schema.json")
    );
    // no schemas/ yet: a hint says how to write them
    assert!(String::from_utf8_lossy(&printed.stderr).contains("rg schema --dir schemas"));
    // with -o: as seen from the file's own folder
    let written = run(&["new", "catalog", "SAPA", "-o", "kataloger/social/sapa.yaml"]);
    assert!(written.status.success(), "{written:?}");
    let file = repo.path().join("kataloger/social/sapa.yaml");
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../schemas/catalog.schema.json\n")
    );
    // the path it names is where `rg schema --dir schemas` writes, and the scaffold validates
    let schemas = run(&["schema", "--dir", "schemas"]);
    assert!(schemas.status.success(), "{schemas:?}");
    let named = file
        .parent()
        .unwrap()
        .join("../../schemas/catalog.schema.json");
    assert!(named.is_file());
    let instance: Value = serde_saphyr::from_str(&text).unwrap();
    assert_eq!(
        errors(&validator(SchemaKind::Catalog), &instance),
        Vec::<String>::new()
    );
    let again = run(&["new", "catalog", "KY"]);
    assert!(
        again.stderr.is_empty(),
        "no hint once the schemas are there"
    );
}
