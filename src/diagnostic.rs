//! A finding: rule, level, message, help, and where in which file.

use crate::rules::{Level, Rule};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file as read from disk (or the embedded gallery): its name as the user gave it and its
/// decoded text (BOM removed). Diagnostics share it, so a file is read once.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user named it (relative paths stay relative).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name: display_name(path),
            path: path.to_path_buf(),
            text,
        })
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }

    /// The byte offset of a 1-based line and character column.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let line_start = if line <= 1 {
            0
        } else {
            self.text
                .match_indices('\n')
                .nth(line - 2)
                .map_or(self.text.len(), |(i, _)| i + 1)
        };
        let rest = &self.text[line_start..];
        let in_line = rest
            .char_indices()
            .take_while(|(_, c)| *c != '\n')
            .nth(column.saturating_sub(1))
            .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
        line_start + in_line
    }
}

/// The nearest char boundary at or before `offset` (which must be at most `text.len()`).
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Paths are shown with forward slashes and without a leading `./`.
fn display_name(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}

/// A byte range in a [`SourceFile`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ByteSpan {
    pub offset: usize,
    pub len: usize,
}

/// Where a diagnostic points: a file and, when known, the span of the offending value.
#[derive(Clone, Debug)]
pub struct Location {
    pub file: Arc<SourceFile>,
    pub span: Option<ByteSpan>,
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
        let (end_line, end_column) = self.file.line_column(span.offset + span.len);
        Some(Position {
            line,
            column,
            end_line,
            end_column,
        })
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
}

impl Diagnostic {
    pub fn new(rule: &'static Rule, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            level: rule.level,
            message: message.into(),
            help: None,
            location: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn maybe_help(mut self, help: Option<String>) -> Diagnostic {
        self.help = help;
        self
    }

    pub fn in_file(mut self, file: &Arc<SourceFile>) -> Diagnostic {
        self.location = Some(Location {
            file: Arc::clone(file),
            span: None,
        });
        self
    }

    pub fn at(mut self, file: &Arc<SourceFile>, span: ByteSpan) -> Diagnostic {
        self.location = Some(Location {
            file: Arc::clone(file),
            span: Some(span),
        });
        self
    }

    /// Points at a value read with its span (`Spanned<T>`): the exact YAML value.
    pub fn at_value<T>(
        self,
        file: &Arc<SourceFile>,
        value: &serde_saphyr::Spanned<T>,
    ) -> Diagnostic {
        let span = crate::load::yaml::value_span(file, &value.referenced);
        self.at(file, span)
    }

    pub fn code(&self) -> &'static str {
        self.rule.code
    }

    pub fn file_name(&self) -> Option<&str> {
        self.location.as_ref().map(|l| l.file.name.as_str())
    }

    pub fn position(&self) -> Option<Position> {
        self.location.as_ref().and_then(Location::position)
    }

    /// Sort key: file, then position, then code.
    pub fn sort_key(&self) -> (&str, usize, &'static str) {
        // Borrowed: sorting many findings compares keys n·log n times.
        let file = self.file_name().unwrap_or_default();
        let offset = self
            .location
            .as_ref()
            .and_then(|l| l.span)
            .map_or(0, |s| s.offset);
        (file, offset, self.rule.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<SourceFile> {
        SourceFile::new(Path::new("./a.yaml"), text.to_string())
    }

    #[test]
    fn columns_count_characters() {
        let f = file("navn: æøå\nrolle: projektleer\n");
        let offset = f.text.find("projektleer").unwrap();
        assert_eq!(f.line_column(offset), (2, 8));
        let offset = f.text.find("å").unwrap();
        assert_eq!(f.line_column(offset), (1, 9));
    }

    #[test]
    fn crlf_keeps_columns() {
        let f = file("a: 1\r\nrolle: x\r\n");
        assert_eq!(f.line_column(f.text.find('x').unwrap()), (2, 8));
    }

    #[test]
    fn offset_of_inverts_line_column() {
        let f = file("a: æ\nbb: ø\n");
        let offset = f.text.find('ø').unwrap();
        assert_eq!(f.offset_of(2, 5), offset);
        assert_eq!(f.line_column(f.offset_of(2, 5)), (2, 5));
    }

    #[test]
    fn names_lose_leading_dot_slash() {
        assert_eq!(file("").name, "a.yaml");
    }
}
