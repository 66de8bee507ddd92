//! One file per subcommand. Each takes its arguments and a [`Context`] and writes to `out`.

pub mod check;
pub mod compile;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod list;
pub mod man;
pub mod new;
pub mod schema;
pub mod show;
pub mod table;

use crate::diagnostic::Diagnostic;
use crate::load::gallery::Gallery;
use crate::load::workspace::Workspace;
use crate::rules::Level;
use crate::term::Term;
use std::io;
use std::path::PathBuf;

/// What every command may need: where it runs, the output's manners, the gallery flag.
pub struct Context {
    pub workspace: Workspace,
    pub term: Term,
    pub gallery_flag: Option<PathBuf>,
}

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

/// How a command ended when it ran.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at error level.
    Clean,
    /// Findings at error level.
    Findings,
}

impl Context {
    /// The gallery for `rg check`: usable even with errors in some of its files (they are
    /// reported when the gallery folder is among the checked paths); exit 2 only if unusable.
    pub fn gallery_for_checking(&self) -> Result<Gallery, Failure> {
        let loaded = self
            .workspace
            .load_gallery(self.gallery_flag.as_deref())
            .map_err(Failure::message)?;
        loaded.gallery.ok_or_else(|| Failure::CouldNotRun {
            message: "no usable gallery; fix it or choose another with --gallery".into(),
            diagnostics: loaded.diagnostics,
        })
    }

    /// The gallery by precedence; a gallery with errors cannot be used (exit 2).
    pub fn gallery(&self) -> Result<Gallery, Failure> {
        let loaded = self
            .workspace
            .load_gallery(self.gallery_flag.as_deref())
            .map_err(Failure::message)?;
        let errors: Vec<Diagnostic> = loaded
            .diagnostics
            .into_iter()
            .filter(|d| d.level == Level::Error)
            .collect();
        match loaded.gallery {
            Some(gallery) if errors.is_empty() => Ok(gallery),
            _ => Err(Failure::CouldNotRun {
                message: "the gallery has errors; fix them or choose another with --gallery".into(),
                diagnostics: errors,
            }),
        }
    }
}
