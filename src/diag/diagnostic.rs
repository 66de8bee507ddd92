//! A finding: rule, level, message, help, where in which file, and the fix when one is certain.

use super::Level;
use super::registry::Rule;
use super::source::{ByteSpan, SourceFile, Spanned};
use std::sync::Arc;

/// Where a diagnostic points: a file and, when known, the span of the offending value; in a
/// spreadsheet (`rg import`), the cell.
#[derive(Clone, Debug)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub span: Option<ByteSpan>,
    /// Boxed: most diagnostics point into YAML, and a small `Diagnostic` keeps the many
    /// `Result<_, Diagnostic>` small.
    pub cell: Option<Box<SheetCell>>,
}

/// A cell of a workbook, `Udpegninger!C7`: sheet name and A1-style address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetCell {
    pub sheet: String,
    pub cell: String,
}

impl SheetCell {
    /// The cell at a 0-based row and column of a sheet (`C7` is row 6, column 2).
    pub fn at(sheet: &str, row: usize, column: usize) -> SheetCell {
        SheetCell {
            sheet: sheet.to_string(),
            cell: format!("{}{}", column_letters(column), row + 1),
        }
    }
}

impl std::fmt::Display for SheetCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}!{}", self.sheet, self.cell)
    }
}

/// A 0-based column as spreadsheets name it: A…Z, AA…
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Start and end (1-based line/column, columns in characters), for JSON, GitHub and SARIF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    pub fn position(&self) -> Option<Position> {
        let span = self.span?;
        let (line, column) = self.file.line_column(span.offset);
        let (end_line, end_column) = self.file.line_column(span.end());
        Some(Position {
            line,
            column,
            end_line,
            end_column,
        })
    }
}

/// One replacement in a file's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: ByteSpan,
    pub replacement: String,
}

/// A change that certainly fixes a finding (a did-you-mean with one candidate, an alias
/// written as its id): what `rg fix` applies and an editor offers as a quick fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the fix does, shown in an editor ("write `fase-3`").
    pub title: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// Replaces one span with a text.
    pub(crate) fn replace(span: ByteSpan, replacement: impl Into<String>) -> Fix {
        let replacement = replacement.into();
        Fix {
            title: format!("write `{replacement}`"),
            edits: vec![Edit { span, replacement }],
        }
    }
}

/// One finding of one rule.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static Rule,
    /// The level after `rg.toml` and the command line were applied.
    pub level: Level,
    pub message: String,
    pub help: Option<String>,
    pub location: Option<Location>,
    /// Boxed: most findings have none, and a finding travels in every `Result` of the reader.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    pub(crate) fn new(rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            level: rule.level,
            message: message.into(),
            help: None,
            location: None,
            fix: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub(crate) fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fix = Some(Box::new(fix));
        self
    }

    pub(crate) fn maybe_fix(self, fix: Option<Fix>) -> Diagnostic {
        match fix {
            Some(fix) => self.with_fix(fix),
            None => self,
        }
    }

    /// "did you mean `x`?" with the fix that writes `x` over the value at `span`.
    pub(crate) fn suggesting(self, span: ByteSpan, answer: Option<&str>) -> Diagnostic {
        match answer {
            Some(answer) => self
                .with_help(format!("did you mean `{answer}`?"))
                .with_fix(Fix::replace(span, answer)),
            None => self,
        }
    }

    pub(crate) fn in_file(mut self, file: &Arc<SourceFile>) -> Diagnostic {
        self.location = Some(Location {
            file: Arc::clone(file),
            span: None,
            cell: None,
        });
        self
    }

    pub(crate) fn at(mut self, file: &Arc<SourceFile>, span: ByteSpan) -> Diagnostic {
        self.location = Some(Location {
            file: Arc::clone(file),
            span: Some(span),
            cell: None,
        });
        self
    }

    /// Points at a cell of a workbook, and at its text when the file is text (CSV).
    pub(crate) fn at_cell(
        mut self,
        file: &Arc<SourceFile>,
        cell: SheetCell,
        span: Option<ByteSpan>,
    ) -> Diagnostic {
        self.location = Some(Location {
            file: Arc::clone(file),
            span,
            cell: Some(Box::new(cell)),
        });
        self
    }

    /// Points at a value read with its span: the exact YAML value.
    pub(crate) fn at_value<T>(self, file: &Arc<SourceFile>, value: &Spanned<T>) -> Diagnostic {
        self.at(file, value.span)
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn file_name(&self) -> Option<&str> {
        self.location.as_ref().map(|l| l.file.name.as_str())
    }

    pub fn span(&self) -> Option<ByteSpan> {
        self.location.as_ref().and_then(|l| l.span)
    }

    /// The workbook cell it points at (`rg import`).
    pub fn cell(&self) -> Option<&SheetCell> {
        self.location.as_ref().and_then(|l| l.cell.as_deref())
    }

    pub fn position(&self) -> Option<Position> {
        self.location.as_ref().and_then(Location::position)
    }

    /// Sort key: file, then position, then code.
    pub(crate) fn sort_key(&self) -> (&str, usize, &'static str) {
        // Borrowed: sorting many findings compares keys n·log n times.
        let file = self.file_name().unwrap_or_default();
        let offset = self.span().map_or(0, |s| s.offset);
        (file, offset, self.rule.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        assert_eq!(
            SheetCell::at("Udpegninger", 6, 2).to_string(),
            "Udpegninger!C7"
        );
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
