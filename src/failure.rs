//! Why a command could not run (exit 2): kept below the commands, so that the writers and the
//! PDF printer they call can fail the same way without importing them back.

use crate::diag::Diagnostic;
use std::io;

/// Why a command could not run (exit 2), or an I/O failure while writing.
#[derive(Debug)]
pub enum Failure {
    /// A message and the diagnostics behind it (e.g. a broken gallery).
    CouldNotRun {
        message: String,
        diagnostics: Vec<Diagnostic>,
    },
    Io(io::Error),
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Io(error)
    }
}

impl Failure {
    pub fn message(message: impl Into<String>) -> Failure {
        Failure::CouldNotRun {
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }
}
