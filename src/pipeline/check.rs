//! `rg check`'s run: every file under the paths read once, parsed as its kind, checked on its
//! own, then across files (gallery files folder by folder, catalogs against the gallery and
//! each other, appointments against the catalogs).

use super::inputs::{self, Input, Inputs};
use super::stages::{Checked, Classified, classified_as, classify};
use super::{CouldNotRun, Pipeline};
use crate::diag::{Diagnostic, SourceFile};
use crate::load::discover::FileKind;
use crate::load::gallery;
use crate::model::{CatalogSet, GalleryOrigin};
use crate::rules;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a check run found, before levels are applied.
pub(crate) struct CheckRun {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Files read (YAML files of any kind).
    pub(crate) files: usize,
}

impl Pipeline {
    /// Checks every YAML file under `paths`. Fails (exit 2) only when a path names nothing.
    pub(crate) fn check_paths(&self, paths: &[PathBuf]) -> Result<CheckRun, CouldNotRun> {
        let inputs = inputs::gather(paths, &|path| self.configured_kind(path))
            .map_err(CouldNotRun::message)?;
        Ok(self.check_inputs(inputs))
    }

    /// Checks files already in memory, each of the kind its path or keys give, as `rg check`
    /// would check them on disk (the fuzz targets and the mutation tests call this).
    pub(crate) fn check_files(&self, files: Vec<Arc<SourceFile>>) -> CheckRun {
        let count = files.len();
        self.check_inputs(Inputs {
            files: files.into_iter().map(Input::Read).collect(),
            unreadable: Vec::new(),
            count,
        })
    }

    /// Checks one file in memory as the given kind, whatever its path and keys say.
    pub(crate) fn check_file_as(&self, file: Arc<SourceFile>, kind: FileKind) -> Vec<Diagnostic> {
        let mut sorted = Sorted::default();
        sorted.add(classified_as(file, kind));
        self.check_sorted(sorted).diagnostics
    }

    pub(crate) fn check_inputs(&self, inputs: Inputs) -> CheckRun {
        let Inputs {
            files,
            unreadable,
            count,
        } = inputs;
        // Appointments files in a folder that says so are read later, each once, and dropped
        // after their check: memory holds the catalogs and the findings, not the files.
        let (later, now): (Vec<Input>, Vec<Input>) = files
            .into_iter()
            .partition(|input| matches!(input, Input::Path(_, Some(FileKind::Appointments))));
        let mut sorted = Sorted::default();
        for classified in now.par_iter().map(classify).collect::<Vec<_>>() {
            sorted.add(classified);
        }
        sorted.later = later;
        sorted.failed.extend(unreadable);
        let mut run = self.check_sorted(sorted);
        run.files = count;
        run
    }

    fn check_sorted(&self, sorted: Sorted) -> CheckRun {
        let Sorted {
            gallery_files,
            catalogs,
            appointments,
            later,
            failed,
        } = sorted;
        let mut diagnostics = failed;
        let checked = self.check_catalogs(catalogs);
        let checked_files: HashSet<PathBuf> = checked.iter().map(|c| c.file.path.clone()).collect();
        let set = self.catalog_set(checked, &self.catalogs_dir(None));
        diagnostics.extend(self.checked_findings(&set, &checked_files));
        diagnostics.extend(self.check_all_appointments(appointments, later, &set));
        diagnostics.extend(self.check_gallery_files(gallery_files));
        CheckRun {
            diagnostics,
            files: 0,
        }
    }

    /// Appointments files in parallel: each read, checked and dropped; only findings are kept.
    fn check_all_appointments(
        &self,
        read: Vec<Arc<SourceFile>>,
        later: Vec<Input>,
        set: &CatalogSet,
    ) -> Vec<Diagnostic> {
        let findings = |checked: Checked<_>| checked.diagnostics;
        let mut diagnostics: Vec<Diagnostic> = read
            .into_par_iter()
            .flat_map_iter(|file| findings(self.check_appointments(file, set)))
            .collect();
        diagnostics.par_extend(later.par_iter().flat_map_iter(|input| match input.read() {
            Ok(file) => findings(self.check_appointments(file, set)),
            Err(diagnostic) => vec![diagnostic],
        }));
        diagnostics
    }

    /// Gallery files are checked as galleries, folder by folder (ids, references, version
    /// file); the gallery in use was checked when it was loaded.
    pub(crate) fn check_gallery_files(&self, files: Vec<Arc<SourceFile>>) -> Vec<Diagnostic> {
        let mut folders: BTreeMap<PathBuf, Vec<Arc<SourceFile>>> = BTreeMap::new();
        for file in files {
            let folder = file.path.parent().unwrap_or(Path::new(".")).to_path_buf();
            folders.entry(folder).or_default().push(file);
        }
        folders
            .into_iter()
            .flat_map(|(folder, sources)| {
                if self.is_gallery_in_use(&sources) {
                    return self.gallery_findings.clone();
                }
                let loaded = gallery::load_sources(sources, GalleryOrigin::Folder(folder));
                let mut found = loaded.diagnostics;
                if let Some(gallery) = &loaded.gallery {
                    found.extend(rules::gallery::check(gallery));
                }
                found
            })
            .collect()
    }

    /// The findings of the catalogs that were checked (not of those only read as references),
    /// and of each system declared twice among the checked catalogs or among the repository's.
    pub(crate) fn checked_findings(
        &self,
        set: &CatalogSet,
        checked: &HashSet<PathBuf>,
    ) -> Vec<Diagnostic> {
        let is_checked = |file: &SourceFile| checked.contains(&file.path);
        let in_repository = self.repository_catalogs();
        let mut found: Vec<Diagnostic> = set
            .entries()
            .iter()
            .filter(|entry| is_checked(&entry.file))
            .flat_map(|entry| entry.diagnostics.iter().cloned())
            .collect();
        let together = |a: &SourceFile, b: &SourceFile| {
            (is_checked(a) && is_checked(b)) || (in_repository(a) && in_repository(b))
        };
        found.extend(rules::catalog::duplicate_systems(
            set,
            &is_checked,
            &together,
        ));
        found
    }

    /// Whether a catalog is one of the repository's: in its catalogs folder (or among the
    /// catalogs held in memory in its place).
    fn repository_catalogs(&self) -> impl Fn(&SourceFile) -> bool + '_ {
        let folder = inputs::identity(&self.catalogs_dir(None));
        move |file: &SourceFile| match &self.references {
            Some(files) => files.iter().any(|r| r.path == file.path),
            None => inputs::identity(&file.path).starts_with(&folder),
        }
    }

    /// Whether these are the very files the gallery in use was loaded from: their findings
    /// are known, and the files need not be parsed a second time.
    fn is_gallery_in_use(&self, files: &[Arc<SourceFile>]) -> bool {
        let sources = &self.gallery.sources;
        files.len() == sources.len()
            && files
                .iter()
                .zip(sources)
                .all(|(a, b)| a.path == b.path && a.text == b.text)
    }
}

/// The run's files by what they turned out to be.
#[derive(Default)]
struct Sorted {
    gallery_files: Vec<Arc<SourceFile>>,
    catalogs: Vec<Arc<SourceFile>>,
    appointments: Vec<Arc<SourceFile>>,
    /// Appointments files not yet read.
    later: Vec<Input>,
    failed: Vec<Diagnostic>,
}

impl Sorted {
    fn add(&mut self, classified: Classified) {
        match classified {
            Classified::Gallery(file) => self.gallery_files.push(file),
            Classified::Catalog(file) => self.catalogs.push(file),
            Classified::Appointments(file) => self.appointments.push(file),
            Classified::Failed(diagnostic) => self.failed.push(diagnostic),
        }
    }
}
