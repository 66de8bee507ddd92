//! Checking files already in memory, as `rg check` checks files on disk: each file is parsed
//! as its kind, checked on its own, then across files (gallery files folder by folder,
//! catalogs against the gallery, appointments against the catalogs). The fuzz targets and the
//! mutation tests call this, so that no file has to be written.

use super::{Parsed, check_gallery_files, parse_source, unknown_kind};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::load::discover::{self, FileKind};
use crate::load::gallery::Gallery;
use crate::load::yaml;
use crate::model::{Appointments, Catalog};
use crate::rules;
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
    let mut diagnostics = Vec::new();
    let parsed: Vec<Parsed> = sources
        .into_iter()
        .map(|file| parse_source(file, &mut diagnostics))
        .collect();
    check_parsed(parsed, diagnostics, gallery, references, staleness)
}

/// Checks one file as the given kind, whatever its path and keys say.
pub fn check_source_as(
    file: Arc<SourceFile>,
    kind: FileKind,
    gallery: &Gallery,
    references: &[Catalog],
    staleness: Staleness,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let parsed = parse_as(file, kind, &mut diagnostics);
    check_parsed(vec![parsed], diagnostics, gallery, references, staleness)
}

/// The kind `rg check` gives a file.
pub fn kind_of(file: &SourceFile) -> FileKind {
    discover::kind_of(&file.path, &file.text)
}

fn parse_as(file: Arc<SourceFile>, kind: FileKind, diagnostics: &mut Vec<Diagnostic>) -> Parsed {
    if let Some(empty) = yaml::empty_document(&file) {
        diagnostics.push(empty);
        return Parsed::Other;
    }
    let parsed = match kind {
        FileKind::Catalog => yaml::parse::<Catalog>(&file).map(|c| Parsed::Catalog(file, c)),
        FileKind::Appointments => {
            yaml::parse::<Appointments>(&file).map(|a| Parsed::Appointments(file, a))
        }
        FileKind::GalleryRole | FileKind::Galleri => Ok(Parsed::Gallery(file)),
        FileKind::Unknown => Err(unknown_kind(&file)),
    };
    parsed.unwrap_or_else(|diagnostic| {
        diagnostics.push(diagnostic);
        Parsed::Other
    })
}

fn check_parsed(
    parsed: Vec<Parsed>,
    mut diagnostics: Vec<Diagnostic>,
    gallery: &Gallery,
    references: &[Catalog],
    staleness: Staleness,
) -> Vec<Diagnostic> {
    diagnostics.extend(check_gallery_files(&parsed));
    for item in &parsed {
        if let Parsed::Catalog(file, catalog) = item {
            diagnostics.extend(rules::catalog::check(file, catalog, gallery));
        }
    }
    if !parsed.iter().any(|p| matches!(p, Parsed::Appointments(..))) {
        return diagnostics;
    }
    let catalogs: Vec<Catalog> = parsed
        .iter()
        .filter_map(|p| match p {
            Parsed::Catalog(_, catalog) => Some(catalog.clone()),
            _ => None,
        })
        .chain(references.iter().cloned())
        .collect();
    for item in &parsed {
        if let Parsed::Appointments(file, appointments) = item {
            diagnostics.extend(rules::appointments::check(
                file,
                appointments,
                gallery,
                &catalogs,
                staleness,
            ));
        }
    }
    diagnostics
}
