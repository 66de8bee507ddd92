//! One file of a check run, read, parsed and (for appointments) checked on its own thread.

use super::unknown_kind;
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::load::discover::{self, FileKind};
use crate::load::gallery::Gallery;
use crate::load::{read, yaml};
use crate::model::{Appointments, Catalog};
use crate::rules;
use crate::rules::appointments::Staleness;
use std::path::PathBuf;
use std::sync::Arc;

/// A file of the run: a path found, or a file already read (standard input, read once up front,
/// or a file handed over in memory).
pub(super) enum Input {
    Path(PathBuf),
    Read(Arc<SourceFile>),
}

impl Input {
    /// Whether the file's folder says it is a gallery file or a catalog.
    pub(super) fn kind_by_folder(&self) -> Option<FileKind> {
        match self {
            Input::Path(path) => discover::kind_by_folder(path),
            Input::Read(_) => None,
        }
    }

    fn read(&self) -> Result<Arc<SourceFile>, Diagnostic> {
        match self {
            Input::Path(path) => read::read_source(path),
            Input::Read(file) => Ok(Arc::clone(file)),
        }
    }
}

/// What became of one file.
pub(super) enum Loaded {
    /// A gallery file, checked with the rest of its folder afterwards.
    Gallery(Arc<SourceFile>),
    /// A catalog with its findings, kept: appointments are checked against it.
    Catalog {
        path: PathBuf,
        catalog: Box<Catalog>,
        found: Vec<Diagnostic>,
    },
    /// An appointments file, already checked and dropped: only its findings are kept, so
    /// memory does not grow with the number of files.
    Appointments(Vec<Diagnostic>),
    /// Unreadable, unparsable, or of no known kind.
    Failed(Diagnostic),
}

/// What checking an appointments file needs.
pub(super) struct Against<'a> {
    pub gallery: &'a Gallery,
    pub catalogs: &'a [Catalog],
    pub staleness: Staleness,
}

pub(super) fn load(input: &Input, against: &Against) -> Loaded {
    let file = match input.read() {
        Ok(file) => file,
        Err(diagnostic) => return Loaded::Failed(diagnostic),
    };
    let kind = discover::kind_of(&file.path, &file.text);
    load_as(file, kind, against)
}

/// Loads a file as the given kind, whatever its path and keys say.
pub(super) fn load_as(file: Arc<SourceFile>, kind: FileKind, against: &Against) -> Loaded {
    if let Some(empty) = yaml::empty_document(&file) {
        return Loaded::Failed(empty);
    }
    let parsed = match kind {
        FileKind::Catalog => yaml::parse::<Catalog>(&file).map(|catalog| Loaded::Catalog {
            found: rules::catalog::check(&file, &catalog, against.gallery),
            path: file.path.clone(),
            catalog: Box::new(catalog),
        }),
        FileKind::Appointments => yaml::parse::<Appointments>(&file).map(|appointments| {
            Loaded::Appointments(rules::appointments::check(
                &file,
                &appointments,
                against.gallery,
                against.catalogs,
                against.staleness,
            ))
        }),
        FileKind::GalleryRole | FileKind::Galleri => Ok(Loaded::Gallery(file)),
        FileKind::Unknown => Err(unknown_kind(&file)),
    };
    parsed.unwrap_or_else(Loaded::Failed)
}
