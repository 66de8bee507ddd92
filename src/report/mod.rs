//! Report: one file per diagnostic output format.

mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diag::{Diagnostic, Level};
use crate::term::Term;
use std::io::{self, Write};

/// How findings are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Human,
    /// The summary line only.
    Quiet,
    Json,
    Github,
    Sarif,
}

/// Writes findings in a format: the one dispatch every command uses.
pub(crate) fn emit(
    out: &mut dyn Write,
    format: Format,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    term: &Term,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(out, diagnostics, summary, term),
        Format::Quiet => writeln!(out, "{}", summary.line()),
        Format::Json => json::write(out, diagnostics, summary),
        Format::Github => github::write(out, diagnostics, summary),
        Format::Sarif => sarif::write(out, diagnostics),
    }
}

/// Counts for the closing line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn of(files: usize, diagnostics: &[Diagnostic]) -> Summary {
        let count = |level| diagnostics.iter().filter(|d| d.level == level).count();
        Summary {
            files,
            errors: count(Level::Error),
            warnings: count(Level::Warning),
        }
    }

    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "checked {}: {}, {}",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}
