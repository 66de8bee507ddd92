//! Checking files already in memory, as `rg check` checks files on disk: each file is parsed
//! as its kind, checked on its own, then across files (gallery files folder by folder,
//! catalogs against the gallery, appointments against the catalogs). The fuzz targets and the
//! mutation tests call this, so that no file has to be written.

use super::gather;
use super::loaded::{self, Against, Input, Loaded};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::load::discover::{self, FileKind};
use crate::load::gallery::Gallery;
use crate::model::Catalog;
use std::sync::Arc;

/// When appointments count as stale (a fixed "today" makes a run repeatable).
pub use crate::rules::appointments::Staleness;

/// Checks `sources`, each of the kind its path or keys give (as `rg check` decides).
/// `references` are the repository's catalogs, which appointments are checked against besides
/// the catalogs among `sources` (as `rg check` adds the `catalogs` folder). Returns every
/// diagnostic, before levels are applied.
pub fn check_sources(
    sources: Vec<Arc<SourceFile>>,
    gallery: &Gallery,
    references: &[Catalog],
    staleness: Staleness,
) -> Vec<Diagnostic> {
    let inputs: Vec<Input> = sources.into_iter().map(Input::Read).collect();
    let load_all = |catalogs: &[Catalog]| -> Vec<Loaded> {
        let against = Against {
            gallery,
            catalogs,
            staleness,
        };
        inputs
            .iter()
            .map(|input| loaded::load(input, &against))
            .collect()
    };
    let first = load_all(references);
    let found_catalogs: Vec<Catalog> = first
        .iter()
        .filter_map(|l| match l {
            Loaded::Catalog { catalog, .. } => Some(Catalog::clone(catalog)),
            _ => None,
        })
        .collect();
    // Appointments are checked against the catalogs among the sources too.
    let loaded = if found_catalogs.is_empty() {
        first
    } else {
        let catalogs: Vec<Catalog> = found_catalogs
            .into_iter()
            .chain(references.iter().cloned())
            .collect();
        load_all(&catalogs)
    };
    gather(loaded, gallery)
}

/// Checks one file as the given kind, whatever its path and keys say.
pub fn check_source_as(
    file: Arc<SourceFile>,
    kind: FileKind,
    gallery: &Gallery,
    references: &[Catalog],
    staleness: Staleness,
) -> Vec<Diagnostic> {
    let against = Against {
        gallery,
        catalogs: references,
        staleness,
    };
    gather(vec![loaded::load_as(file, kind, &against)], gallery)
}

/// The kind `rg check` gives a file.
pub fn kind_of(file: &SourceFile) -> FileKind {
    discover::kind_of(&file.path, &file.text)
}
