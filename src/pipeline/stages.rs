//! Read → parse → structural validation → semantic rules, for one file of each kind.

use super::Pipeline;
use super::inputs::Input;
use crate::diag::{ByteSpan, Diagnostic, SourceFile, codes};
use crate::load::discover::{self, FileKind};
use crate::model::{Appointments, Catalog, CatalogEntry, CatalogSet};
use crate::rules;
use crate::yaml::{self, Doc};
use std::sync::Arc;

/// A file read, parsed and checked: what could be read of it and every finding (before levels).
pub(crate) struct Checked<T> {
    pub(crate) file: Arc<SourceFile>,
    pub(crate) doc: Option<Doc<T>>,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Pipeline {
    pub(crate) fn check_catalog(&self, file: Arc<SourceFile>) -> Checked<Catalog> {
        let (doc, mut diagnostics) = yaml::document::<Catalog>(&file).into_doc(&file);
        if let Some(doc) = &doc {
            diagnostics.extend(rules::catalog::check(doc, &self.gallery));
        }
        Checked {
            file,
            doc,
            diagnostics,
        }
    }

    pub(crate) fn check_appointments(
        &self,
        file: Arc<SourceFile>,
        catalogs: &CatalogSet,
    ) -> Checked<Appointments> {
        let (doc, mut diagnostics) = yaml::document::<Appointments>(&file).into_doc(&file);
        if let Some(doc) = &doc {
            diagnostics.extend(rules::appointments::check(
                doc,
                &self.gallery,
                catalogs,
                self.staleness,
            ));
        }
        Checked {
            file,
            doc,
            diagnostics,
        }
    }

    /// A catalog checked, as the run's catalog set keeps it.
    pub(crate) fn catalog_entry(&self, checked: Checked<Catalog>) -> CatalogEntry {
        let usable = checked.doc.is_some() && !self.has_errors(&checked.diagnostics);
        CatalogEntry {
            file: checked.file,
            catalog: checked.doc.map(|doc| doc.value),
            usable,
            diagnostics: checked.diagnostics,
        }
    }
}

/// What a file of the run turned out to be once read.
pub(crate) enum Classified {
    Gallery(Arc<SourceFile>),
    Catalog(Arc<SourceFile>),
    Appointments(Arc<SourceFile>),
    /// Unreadable, or of no known kind.
    Failed(Diagnostic),
}

/// Reads an input and tells its kind, by its folder or else by its keys.
pub(crate) fn classify(input: &Input) -> Classified {
    let file = match input.read() {
        Ok(file) => file,
        Err(diagnostic) => return Classified::Failed(diagnostic),
    };
    let kind = input
        .folder_kind()
        .unwrap_or_else(|| discover::kind_of(&file.path, &file.text));
    classified_as(file, kind)
}

/// A file read, as the given kind.
pub(crate) fn classified_as(file: Arc<SourceFile>, kind: FileKind) -> Classified {
    match kind {
        FileKind::GalleryRole | FileKind::Galleri => Classified::Gallery(file),
        FileKind::Catalog => Classified::Catalog(file),
        FileKind::Appointments => Classified::Appointments(file),
        FileKind::Unknown => match yaml::empty_document(&file) {
            Some(empty) => Classified::Failed(empty),
            None => Classified::Failed(unknown_kind(&file)),
        },
    }
}

/// A YAML file that is none of the kinds, pointed at its first key.
fn unknown_kind(file: &Arc<SourceFile>) -> Diagnostic {
    let mut first = 0;
    for line in file.text.split_inclusive(['\n', '\r']) {
        let content = line.trim_start();
        if !content.trim().is_empty() && !content.starts_with('#') {
            first += line.len() - content.len();
            break;
        }
        first += line.len();
    }
    let first = first.min(file.text.len());
    let len = file.text[first..]
        .find(['\n', '\r', ':'])
        .unwrap_or(file.text.len() - first);
    Diagnostic::new(&codes::yaml::INVALID_VALUE, "this YAML file is not a gallery role, catalog or appointments file")
        .with_help("a catalog has `system` and `roller`, an appointments file `kommune` and `systemer`, a gallery role `id` and `gruppe`")
        .at(file, ByteSpan { offset: first, len })
}

/// A catalog for `rg compile` and `rg table`: its findings (levels applied) and, when it has no
/// error, the resolved rollekatalog.
pub(crate) struct CatalogUse {
    pub(crate) resolved: Option<crate::resolve::ResolvedCatalog>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) errors: usize,
}

impl Pipeline {
    /// Reads (`-`: standard input), checks and resolves one catalog. A path that is no file is
    /// exit 2.
    pub(crate) fn use_catalog(
        &self,
        path: &std::path::Path,
    ) -> Result<CatalogUse, super::CouldNotRun> {
        let (doc, mut diagnostics) = match self.read_named(path)? {
            Ok(file) => {
                let checked = self.check_catalog(file);
                (checked.doc, checked.diagnostics)
            }
            // Too large, or not UTF-8: a finding about the file.
            Err(diagnostic) => (None, vec![diagnostic]),
        };
        diagnostics.extend(self.settings_findings.iter().cloned());
        let diagnostics = self.levels.apply(diagnostics);
        let errors = diagnostics
            .iter()
            .filter(|d| d.level == crate::diag::Level::Error)
            .count();
        let resolved = match doc {
            Some(doc) if errors == 0 => Some(crate::resolve::resolve(&doc.value, &self.gallery)),
            _ => None,
        };
        Ok(CatalogUse {
            resolved,
            diagnostics,
            errors,
        })
    }

    /// One named file read, or the finding that it cannot be used; exit 2 when it cannot be
    /// read at all.
    fn read_named(
        &self,
        path: &std::path::Path,
    ) -> Result<Result<Arc<SourceFile>, Diagnostic>, super::CouldNotRun> {
        let read = if path.as_os_str() == super::inputs::STDIN {
            crate::load::read::read_stdin()
        } else {
            match std::fs::metadata(path) {
                Err(error) => {
                    return Err(super::CouldNotRun::message(format!(
                        "cannot read the catalog `{}`: {error}",
                        path.display()
                    )));
                }
                Ok(meta) if meta.is_dir() => {
                    return Err(super::CouldNotRun::message(format!(
                        "`{}` is a folder; give the catalog's file, e.g. catalogs/sapa.yaml",
                        path.display()
                    )));
                }
                Ok(_) => crate::load::read::read_source(path),
            }
        };
        match read {
            Err(diagnostic) if diagnostic.rule == &codes::file::UNREADABLE => {
                Err(super::CouldNotRun {
                    message: format!("cannot read the catalog `{}`", path.display()),
                    diagnostics: vec![diagnostic],
                })
            }
            read => Ok(read),
        }
    }
}
