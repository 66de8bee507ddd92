//! A finding: rule, level, message, help, where in which file, and the fix when one is certain.

use super::Level;
use super::registry::Rule;
use super::source::{ByteSpan, SourceFile, Spanned};
use std::sync::Arc;

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
        });
        self
    }

    pub(crate) fn at(mut self, file: &Arc<SourceFile>, span: ByteSpan) -> Diagnostic {
        self.location = Some(Location {
            file: Arc::clone(file),
            span: Some(span),
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
