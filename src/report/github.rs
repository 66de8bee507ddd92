//! `--format github`: GitHub Actions workflow commands, one line per finding.

use crate::diag::Diagnostic;
use crate::diag::Level;
use crate::report::Summary;
use std::io::{self, Write};

/// Escapes a workflow command's message.
fn escape_data(text: &str) -> String {
    crate::printable::printable(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn line(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.level {
        Level::Error => "error",
        Level::Warning | Level::Allow => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = diagnostic.file_name() {
        properties.push(format!("file={}", escape_property(file)));
    }
    if let Some(p) = diagnostic.position() {
        properties.push(format!("line={}", p.line));
        properties.push(format!("col={}", p.column));
        properties.push(format!("endLine={}", p.end_line));
        properties.push(format!("endColumn={}", p.end_column));
    }
    properties.push(format!("title={}", escape_property(diagnostic.code())));
    let mut message = match diagnostic.cell() {
        Some(cell) => format!("{cell}: {}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    if let Some(help) = &diagnostic.help {
        message.push_str(&format!(" (help: {help})"));
    }
    format!(
        "::{command} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], summary: &Summary) -> io::Result<()> {
    write_lines(out, diagnostics)?;
    writeln!(out, "{}", summary.line())
}

/// One workflow command per diagnostic, without the summary.
pub(crate) fn write_lines(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(out, "{}", line(diagnostic))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes::catalog;
    use crate::diag::{ByteSpan, SourceFile};
    use std::path::Path;

    #[test]
    fn one_line_with_position_and_code() {
        let file = SourceFile::new(
            Path::new("catalogs/sapa.yaml"),
            "roller:\n  - rolle: projektleer\n".into(),
        );
        let offset = file.text.find("projektleer").unwrap();
        let diagnostic = Diagnostic::new(&catalog::UNKNOWN_ROLE, "unknown role `projektleer`\nx")
            .with_help("did you mean `projektleder`?")
            .at(&file, ByteSpan { offset, len: 11 });
        assert_eq!(
            line(&diagnostic),
            "::error file=catalogs/sapa.yaml,line=2,col=12,endLine=2,endColumn=23,title=rg%3A%3Acatalog%3A%3Aunknown_role::unknown role `projektleer`%0Ax (help: did you mean `projektleder`?)"
        );
    }
}
