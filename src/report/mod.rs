//! Report: one file per diagnostic output format.

mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::diagnostic::Diagnostic;
use crate::rules::Level;

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
