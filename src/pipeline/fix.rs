//! `rg fix`'s run: the run of `rg check`, then every certain fix the findings carry applied to
//! the files' texts in memory (those that do not touch one another together), and the run
//! again with the fixed texts in place of the files, for a few rounds: a fix left out for
//! overlapping another, or one that only the first fix made possible, is applied in the next.
//! What the last run finds is what `rg check` reports once the fixes are written.

use super::inputs::{self, Input, Inputs};
use super::{CouldNotRun, Pipeline};
use crate::diag::{Diagnostic, Fix, SourceFile, apply};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rounds of fixes before the last check: enough for the four SPOC phases a catalog can lack
/// besides one, each inserted at the same place as the next.
pub(crate) const ROUNDS: usize = 5;

/// A file the fixes changed: the text read and the text fixed.
pub(crate) struct FixedFile {
    pub(crate) read: Arc<SourceFile>,
    pub(crate) text: String,
    /// What each applied fix did, in the order applied.
    pub(crate) fixes: Vec<String>,
}

/// What `rg fix` did and what is left.
pub(crate) struct FixRun {
    /// The changed files, in the order the run found them.
    pub(crate) changed: Vec<FixedFile>,
    /// What `rg check` finds in the files as fixed (levels not yet applied).
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) files: usize,
}

impl Pipeline {
    /// Fixes the files under `paths` in memory; writes nothing. Only files on disk are fixed
    /// (standard input and pipes are checked, not changed).
    pub(crate) fn fix_paths(&self, paths: &[PathBuf]) -> Result<FixRun, CouldNotRun> {
        let inputs = inputs::gather(paths, &|path| self.configured_kind(path))
            .map_err(CouldNotRun::message)?;
        let mut changed: Vec<FixedFile> = Vec::new();
        let mut round = 0;
        loop {
            let run = self.check_inputs(held_in(&inputs, &changed));
            let shown = self.levels.apply(run.diagnostics.clone());
            if round == ROUNDS || !self.fix_round(&inputs, &shown, &mut changed) {
                return Ok(FixRun {
                    changed,
                    diagnostics: run.diagnostics,
                    files: run.files,
                });
            }
            round += 1;
        }
    }

    /// Applies one round of fixes to the files they are in; `false` when none applied.
    fn fix_round(
        &self,
        inputs: &Inputs,
        diagnostics: &[Diagnostic],
        changed: &mut Vec<FixedFile>,
    ) -> bool {
        let editable: Vec<&Path> = inputs
            .files
            .iter()
            .filter_map(|input| match input {
                Input::Path(path, _) => Some(path.as_path()),
                _ => None,
            })
            .collect();
        let mut by_file: HashMap<&Path, (&Arc<SourceFile>, Vec<&Fix>)> = HashMap::new();
        for diagnostic in diagnostics {
            let (Some(fix), Some(location)) = (&diagnostic.fix, &diagnostic.location) else {
                continue;
            };
            let Some(path) = editable.iter().find(|p| **p == location.file.path) else {
                continue;
            };
            by_file
                .entry(path)
                .or_insert_with(|| (&location.file, Vec::new()))
                .1
                .push(fix);
        }
        let mut any = false;
        for path in &editable {
            let Some((file, fixes)) = by_file.get(path) else {
                continue;
            };
            let chosen = apply::select(&file.text, fixes);
            if chosen.is_empty() {
                continue;
            }
            any = true;
            let text = apply::apply(&file.text, &chosen);
            let titles = chosen.iter().map(|fix| fix.title.clone());
            match changed.iter_mut().find(|c| c.read.path == file.path) {
                Some(fixed) => {
                    fixed.text = text;
                    fixed.fixes.extend(titles);
                }
                None => changed.push(FixedFile {
                    read: Arc::clone(file),
                    text,
                    fixes: titles.collect(),
                }),
            }
        }
        any
    }
}

/// The run's inputs with each changed file's fixed text in place of the file on disk.
fn held_in(inputs: &Inputs, changed: &[FixedFile]) -> Inputs {
    let mut held = inputs.clone();
    for input in &mut held.files {
        let Input::Path(path, kind) = input else {
            continue;
        };
        if let Some(fixed) = changed.iter().find(|c| c.read.path == *path) {
            *input = Input::Held(SourceFile::new(path, fixed.text.clone()), *kind);
        }
    }
    held
}
