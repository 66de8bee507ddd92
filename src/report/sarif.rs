//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning, every rule in `tool.driver.rules`.

use crate::diag::Diagnostic;
use crate::diag::{Level, Rule, registry};
use serde_json::{Value, json};
use std::collections::HashMap;
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

/// Each finding's index in `tool.driver.rules`, by rule code.
fn rule_indices(all: &[&Rule]) -> HashMap<&'static str, usize> {
    let mut indices = HashMap::with_capacity(all.len());
    for (index, rule) in all.iter().enumerate().rev() {
        // The first rule of a code wins, as a search from the front finds it.
        indices.insert(rule.code, index);
    }
    indices
}

/// The results of the findings, one at a time.
fn results<'a>(diagnostics: &'a [Diagnostic], all: &[&Rule]) -> impl Iterator<Item = Value> + 'a {
    let indices = rule_indices(all);
    diagnostics
        .iter()
        .map(move |d| result(d, indices.get(d.code()).copied().unwrap_or(0)))
}

/// The SARIF log around its results.
fn log(all: &[&Rule], results: Vec<Value>) -> Value {
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

/// The whole SARIF log, as [`write`] prints it.
#[cfg(test)]
fn document(diagnostics: &[Diagnostic]) -> Value {
    let all: Vec<&Rule> = registry::ALL.to_vec();
    log(&all, results(diagnostics, &all).collect())
}

/// The results array's key as the log without results writes it; JSON strings escape their
/// quotes, so it occurs once, as the key.
const NO_RESULTS: &str = "\"results\": []";
/// How deep a result stands in the log: the log, `runs`, the run, `results`.
const RESULT_DEPTH: usize = 4;

/// Writes the log as [`document`] would print it, one result at a time: a log of many findings
/// is never held whole, as values or as text.
pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let all: Vec<&Rule> = registry::ALL.to_vec();
    let frame = crate::printable::json_pretty(&log(&all, Vec::new()))?;
    let at = frame
        .find(NO_RESULTS)
        .ok_or_else(|| io::Error::other("no results in SARIF"))?;
    let (head, tail) = frame.split_at(at + NO_RESULTS.len() - 1);
    out.write_all(head.as_bytes())?;
    let mut first = true;
    for result in results(diagnostics, &all) {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        write_indent(out, RESULT_DEPTH)?;
        crate::printable::write_json(&mut *out, &result, RESULT_DEPTH)?;
        first = false;
    }
    if !first {
        out.write_all(b"\n")?;
        write_indent(out, RESULT_DEPTH - 1)?;
    }
    out.write_all(tail.as_bytes())?;
    writeln!(out)
}

/// The indent of a line `depth` levels deep, as the pretty JSON writes it.
fn write_indent(out: &mut dyn Write, depth: usize) -> io::Result<()> {
    write!(out, "{:width$}", "", width = depth * 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{ByteSpan, SourceFile};

    #[test]
    fn the_streamed_log_is_the_document_printed() {
        let file = SourceFile::new(std::path::Path::new("a b.yaml"), "a: 1\nb: æ\n".into());
        let finding = |rule: &'static Rule| {
            Diagnostic::new(rule, "x \u{1b}")
                .with_help("y")
                .at(&file, ByteSpan { offset: 8, len: 2 })
        };
        let rules = &registry::ALL;
        let diagnostics = [
            finding(rules[3]),
            Diagnostic::new(rules[0], "z"),
            finding(rules[rules.len() - 1]),
        ];
        for diagnostics in [&diagnostics[..], &[]] {
            let mut streamed = Vec::new();
            write(&mut streamed, diagnostics).unwrap();
            let printed = crate::printable::json_pretty(&document(diagnostics)).unwrap() + "\n";
            assert_eq!(String::from_utf8(streamed).unwrap(), printed);
        }
    }

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
