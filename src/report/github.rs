//! `--format github`: GitHub Actions workflow commands, one line per finding.

use crate::diag::Diagnostic;
use crate::diag::Level;
use crate::report::Summary;
use std::io::{self, Write};

/// A workflow command's message added to `out`, escaped (`%`, and line breaks, which would end
/// the command); with `property`, a property value (also `:` and `,`, which end one).
fn push_escaped(out: &mut String, text: &str, property: bool) {
    for c in crate::printable::printable(text).chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
}

/// The workflow command of one finding added to `out`, without a line break.
fn push_line(out: &mut String, diagnostic: &Diagnostic) {
    use std::fmt::Write as _;
    let command = match diagnostic.level {
        Level::Error => "error",
        Level::Warning | Level::Allow => "warning",
    };
    out.push_str("::");
    out.push_str(command);
    out.push(' ');
    if let Some(file) = diagnostic.file_name() {
        out.push_str("file=");
        push_escaped(out, file, true);
        out.push(',');
    }
    if let Some(p) = diagnostic.position() {
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "line={},col={},endLine={},endColumn={},",
            p.line, p.column, p.end_line, p.end_column
        );
    }
    out.push_str("title=");
    push_escaped(out, diagnostic.code(), true);
    out.push_str("::");
    if let Some(cell) = diagnostic.cell() {
        push_escaped(out, &format!("{cell}: "), false);
    }
    push_escaped(out, &diagnostic.message, false);
    if let Some(help) = &diagnostic.help {
        out.push_str(" (help: ");
        push_escaped(out, help, false);
        out.push(')');
    }
}

#[cfg(test)]
fn line(diagnostic: &Diagnostic) -> String {
    let mut out = String::new();
    push_line(&mut out, diagnostic);
    out
}

pub fn write(out: &mut dyn Write, diagnostics: &[Diagnostic], summary: &Summary) -> io::Result<()> {
    write_lines(out, diagnostics)?;
    writeln!(out, "{}", summary.line())
}

/// One workflow command per diagnostic, without the summary.
pub(crate) fn write_lines(out: &mut dyn Write, diagnostics: &[Diagnostic]) -> io::Result<()> {
    let mut lines = String::new();
    for diagnostic in diagnostics {
        push_line(&mut lines, diagnostic);
        lines.push('\n');
        // Written in pieces of some size: one call through `dyn Write` per line is slow.
        if lines.len() >= 1 << 16 {
            out.write_all(lines.as_bytes())?;
            lines.clear();
        }
    }
    out.write_all(lines.as_bytes())
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

    #[test]
    fn commas_colons_and_percent_signs_cannot_end_a_property_or_the_command() {
        let file = SourceFile::new(Path::new("a,b:50%.yaml"), "x: 1\n".into());
        let diagnostic = Diagnostic::new(&catalog::UNKNOWN_ROLE, "100% sure,\r\nnot: this")
            .at(&file, ByteSpan { offset: 0, len: 1 });
        assert_eq!(
            line(&diagnostic),
            "::error file=a%2Cb%3A50%25.yaml,line=1,col=1,endLine=1,endColumn=2,title=rg%3A%3Acatalog%3A%3Aunknown_role::100%25 sure,\\u{d}%0Anot: this"
        );
    }
}
