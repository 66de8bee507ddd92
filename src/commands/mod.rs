//! One file per subcommand. Each takes its arguments and a [`Context`], runs the pipeline and
//! writes to `out`: arguments → pipeline → renderer → outcome.

pub mod check;
pub mod compile;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod import;
pub mod list;
pub mod lsp;
pub mod man;
pub mod new;
pub mod schema;
pub mod show;
pub mod table;

use crate::diag::Diagnostic;
pub use crate::failure::Failure;
use crate::levels::LevelFlag;
use crate::load::workspace::Workspace;
use crate::model::Gallery;
use crate::pipeline::{GalleryUse, Pipeline};
use crate::report;
use crate::term::Term;
use std::io::{self, Write};
use std::path::PathBuf;

/// What every command may need: where it runs, the output's manners, the gallery flag.
pub struct Context {
    pub workspace: Workspace,
    pub term: Term,
    pub gallery_flag: Option<PathBuf>,
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
    /// The run's pipeline: gallery, levels and settings.
    pub(crate) fn pipeline(
        &self,
        flags: &[LevelFlag],
        gallery_use: GalleryUse,
    ) -> Result<Pipeline, Failure> {
        Ok(Pipeline::open(
            &self.workspace,
            self.gallery_flag.as_deref(),
            flags,
            gallery_use,
        )?)
    }

    /// The gallery, for the commands that need nothing else of the pipeline.
    pub(crate) fn gallery(&self) -> Result<Gallery, Failure> {
        Ok(self.pipeline(&[], GalleryUse::Clean)?.gallery)
    }

    /// A catalog for `rg compile` and `rg table`: checked and resolved, its findings on stderr;
    /// `None` when it has errors (and nothing may be written).
    pub(crate) fn resolved_catalog(
        &self,
        path: &std::path::Path,
    ) -> Result<Option<crate::resolve::ResolvedCatalog>, Failure> {
        let pipeline = self.pipeline(&[], GalleryUse::Clean)?;
        let used = pipeline.use_catalog(path)?;
        self.to_stderr(&used.diagnostics)?;
        if used.resolved.is_none() {
            let plural = if used.errors == 1 { "error" } else { "errors" };
            eprintln!(
                "{} `{}` has {} {plural}; fix them (`rg check` lists them too) — nothing was written",
                self.term.stderr().error_label(),
                crate::printable::path(path),
                used.errors
            );
        }
        Ok(used.resolved)
    }

    /// Findings to stderr in `rg check`'s human format, coloured as `--color` decides.
    pub(crate) fn to_stderr(&self, diagnostics: &[Diagnostic]) -> io::Result<()> {
        let term = self.term.stderr();
        let mut stderr = io::stderr().lock();
        for diagnostic in diagnostics {
            write!(stderr, "{}", report::human::render(diagnostic, &term))?;
            writeln!(stderr)?;
        }
        Ok(())
    }
}
