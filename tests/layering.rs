//! The crate's layers: each top-level module of `src/` may use only modules of a lower layer, so
//! no module imports one that imports it back. The data flows one way: the base layer for
//! diagnostics, then reading YAML, the model, loading, the rules, the pipeline, the diff, the
//! renderers, the commands. A new module must be given a layer here.
//!
//! What counts as a use: every `crate::<module>` path in a module's non-test code (imports and
//! paths written in full alike). Unit tests (`#[cfg(test)]` sections, `tests.rs` files) may
//! reach anywhere.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Lowest first. A module may use the modules of the layers before its own, and no other.
const LAYERS: &[&[&str]] = &[
    // Leaf helpers that know nothing of the domain.
    &["suggest", "printable", "date", "interrupt"],
    &["vocab", "lookalike", "term"],
    // The base layer: Diagnostic, Level, source files and spans, the rule registry.
    &["diag"],
    &["yaml", "failure", "report"],
    &["model"],
    &["load"],
    &["rules", "levels", "resolve", "schema", "write"],
    &["pipeline"],
    &["diff"],
    &["render"],
    &["cli", "lsp", "fill_in"],
    &["commands"],
    &["api"],
];

/// The modules a file's non-test code names as `crate::<module>`.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
            .collect();
        assert!(
            !rest.starts_with('{'),
            "`crate::{{…}}` hides which modules are used; write one `use` per module"
        );
        if !name.is_empty() {
            found.push(name);
        }
    }
    found
}

/// Every `.rs` file under `dir` (recursively), with the top-level module it belongs to.
fn files(dir: &Path, top: Option<&str>, out: &mut Vec<(String, std::path::PathBuf)>) {
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let module = top.map_or_else(|| name.trim_end_matches(".rs").to_string(), str::to_string);
        if path.is_dir() {
            files(&path, Some(&module), out);
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push((module, path));
        }
    }
}

#[test]
fn every_module_uses_only_the_layers_below_it() {
    let layer_of: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, modules)| modules.iter().map(move |m| (*m, layer)))
        .collect();
    let mut all = Vec::new();
    files(Path::new("src"), None, &mut all);
    let mut problems = Vec::new();
    for (module, path) in &all {
        // The crate root and the binaries sit above every layer.
        if matches!(module.as_str(), "lib" | "bin") {
            continue;
        }
        let Some(&own) = layer_of.get(module.as_str()) else {
            problems.push(format!("{module} ({}) has no layer", path.display()));
            continue;
        };
        let text = fs::read_to_string(path).unwrap();
        for used in uses(&text) {
            if used == *module {
                continue;
            }
            match layer_of.get(used.as_str()) {
                Some(&layer) if layer < own => {}
                Some(_) => problems.push(format!(
                    "{} ({module}) uses crate::{used}, which is not below it",
                    path.display()
                )),
                None => problems.push(format!(
                    "{} uses crate::{used}, which has no layer",
                    path.display()
                )),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_use_written_in_full_and_skips_tests() {
    let text = "use crate::diag::Diagnostic;\nfn f() { crate::model::STANDARD_ORDER; }\n\
                #[cfg(test)]\nmod tests { use crate::api; }\n";
    assert_eq!(uses(text), ["diag", "model"]);
}
