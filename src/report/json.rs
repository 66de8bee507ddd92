//! `--format json`: one object with every diagnostic and a summary (a public contract).

use crate::diag::Diagnostic;
use crate::report::Summary;
use serde::Serialize;
use std::io::{self, Write};

/// One diagnostic as the JSON contract spells it.
#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub file: Option<&'a str>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub end_line: Option<usize>,
    pub end_column: Option<usize>,
    /// The workbook sheet and cell (`rg import`); absent for the files' own findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    pub fn of(diagnostic: &'a Diagnostic) -> JsonDiagnostic<'a> {
        let position = diagnostic.position();
        JsonDiagnostic {
            code: diagnostic.code(),
            severity: diagnostic.level.id(),
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            file: diagnostic.file_name(),
            line: position.map(|p| p.line),
            column: position.map(|p| p.column),
            end_line: position.map(|p| p.end_line),
            end_column: position.map(|p| p.end_column),
            sheet: diagnostic.cell().map(|c| c.sheet.as_str()),
            cell: diagnostic.cell().map(|c| c.cell.as_str()),
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: &'a Summary,
}

pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], summary: &Summary) -> io::Result<()> {
    let document = Document {
        diagnostics: diagnostics.iter().map(JsonDiagnostic::of).collect(),
        summary,
    };
    out.write_all(crate::printable::json_pretty(&document)?.as_bytes())?;
    writeln!(out)
}
