//! The run's catalogs by system: read and checked in parallel, each once, duplicates found.

use super::Pipeline;
use super::inputs::{self, Input};
use super::stages::Checked;
use crate::diag::Diagnostic;
use crate::load::discover::{self, Found};
use crate::model::{Catalog, CatalogSet};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

impl Pipeline {
    /// The catalogs of a run: those it checks (in order), then the folder's others, which
    /// appointments may name though they are not among the checked files. A folder that does
    /// not exist adds none.
    pub(crate) fn catalog_set(&self, checked: Vec<Checked<Catalog>>, dir: &Path) -> CatalogSet {
        let known: HashSet<PathBuf> = checked
            .iter()
            .map(|c| inputs::identity(&c.file.path))
            .collect();
        let (others, broken): (Vec<Input>, Vec<Diagnostic>) = match &self.references {
            Some(files) => (files.iter().cloned().map(Input::Read).collect(), Vec::new()),
            None => {
                let (found, broken) = folder_catalogs(dir);
                let others = found
                    .into_iter()
                    .filter(|path| !known.contains(&inputs::identity(path)))
                    .map(|path| Input::Path(path, None))
                    .collect();
                (others, broken)
            }
        };
        let mut set = CatalogSet::default();
        for catalog in checked {
            set.push(self.catalog_entry(catalog));
        }
        // For `rg diff` (nothing checked) the folder's catalogs are the run's own.
        let references_only = set.entries().is_empty();
        let add = |set: &mut CatalogSet, entry| match references_only {
            true => set.push(entry),
            false => set.push_reference(entry),
        };
        for entry in self.read_catalogs(&others) {
            add(&mut set, entry);
        }
        for diagnostic in broken {
            add(&mut set, unread_entry(diagnostic));
        }
        set
    }

    /// The catalogs of a folder, for `rg diff`: all of it is read.
    pub(crate) fn folder_set(&self, dir: &Path) -> CatalogSet {
        self.catalog_set(Vec::new(), dir)
    }

    fn read_catalogs(&self, inputs: &[Input]) -> Vec<crate::model::CatalogEntry> {
        inputs
            .par_iter()
            .map(|input| match input.read() {
                Ok(file) => self.catalog_entry(self.check_catalog(file)),
                Err(diagnostic) => unread_entry(diagnostic),
            })
            .collect()
    }

    /// Reads and checks inputs known to be catalogs, in parallel, keeping their order.
    pub(crate) fn check_catalogs(
        &self,
        files: Vec<std::sync::Arc<crate::diag::SourceFile>>,
    ) -> Vec<Checked<Catalog>> {
        files
            .into_par_iter()
            .map(|file| self.check_catalog(file))
            .collect()
    }
}

/// A catalog file that could not be read: kept, so that its system can say why.
pub(crate) fn unread_entry(diagnostic: Diagnostic) -> crate::model::CatalogEntry {
    let file = diagnostic
        .location
        .as_ref()
        .map(|l| std::sync::Arc::clone(&l.file))
        .unwrap_or_else(|| crate::diag::SourceFile::new(Path::new("<catalog>"), String::new()));
    crate::model::CatalogEntry {
        file,
        catalog: None,
        usable: false,
        diagnostics: vec![diagnostic],
    }
}

/// The YAML files of a catalogs folder, and what could not be walked in it (none of either
/// when the folder does not exist).
pub(crate) fn folder_catalogs(dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut broken = Vec::new();
    for found in discover::discover(&[dir.to_path_buf()]).unwrap_or_default() {
        match found {
            Found::File(path) => files.push(path),
            Found::Broken(path, reason) => broken.push(inputs::unreadable(&path, &reason)),
        }
    }
    (files, broken)
}
