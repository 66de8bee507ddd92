//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, every rule in `tool.driver.rules`.

use crate::diag::Diagnostic;
use crate::diag::{Level, Rule, registry};
use serde_json::{Value, json};
use std::io::{self, Write};

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Allow => "none",
    }
}

fn rule_descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.code,
        "name": rule.code.rsplit("::").next().unwrap_or(rule.code),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.summary },
        "help": { "text": rule.explanation, "markdown": rule.explanation },
        "defaultConfiguration": { "level": sarif_level(rule.level) },
    })
}

fn result(diagnostic: &Diagnostic, rule_index: usize) -> Value {
    let mut text = match diagnostic.cell() {
        Some(cell) => format!("{cell}: {}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    if let Some(help) = &diagnostic.help {
        text.push_str(&format!("\nhelp: {help}"));
    }
    let mut result = json!({
        "ruleId": diagnostic.code(),
        "ruleIndex": rule_index,
        "level": sarif_level(diagnostic.level),
        "message": { "text": text },
    });
    if let Some(file) = diagnostic.file_name() {
        let mut physical = json!({ "artifactLocation": { "uri": uri(file) } });
        if let Some(p) = diagnostic.position() {
            physical["region"] = json!({
                "startLine": p.line,
                "startColumn": p.column,
                "endLine": p.end_line,
                "endColumn": p.end_column.max(if p.end_line == p.line { p.column + 1 } else { 1 }),
            });
        }
        result["locations"] = json!([{ "physicalLocation": physical }]);
    }
    result
}

/// A file name as a URI reference: the characters a URI cannot hold as they are (controls, a
/// space, `%`, `#` and `?`, which would start a fragment or a query, the invisible ones) are
/// percent-encoded, so that a file named `a\n::error` is one path to every SARIF reader.
fn uri(file: &str) -> String {
    let mut out = String::with_capacity(file.len());
    for c in file.chars() {
        let plain = !c.is_control()
            && !crate::printable::is_hostile(c)
            && !matches!(
                c,
                ' ' | '%'
                    | '"'
                    | '<'
                    | '>'
                    | '\\'
                    | '^'
                    | '`'
                    | '{'
                    | '|'
                    | '}'
                    | '#'
                    | '?'
                    | '['
                    | ']'
            );
        if plain {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// The whole SARIF log.
pub fn document(diagnostics: &[Diagnostic]) -> Value {
    let all: Vec<&Rule> = registry::ALL.to_vec();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let index = all.iter().position(|r| r.code == d.code()).unwrap_or(0);
            result(d, index)
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "rollegalleri",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/rollegalleri",
                "rules": all.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    out.write_all(crate::printable::json_pretty(&document(diagnostics))?.as_bytes())?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_uri_references() {
        assert_eq!(uri("catalogs/sapa.yaml"), "catalogs/sapa.yaml");
        assert_eq!(uri("kommuner/Næstved.yaml"), "kommuner/Næstved.yaml");
        assert_eq!(
            uri("a\n::error file=x #1?.yaml"),
            "a%0A::error%20file=x%20%231%3F.yaml"
        );
        assert_eq!(uri("a\u{202e}b%"), "a%E2%80%AEb%25");
    }
}
