//! A run that lasts: the language server's pipeline for one workspace. The texts an editor holds
//! stand in for their files on disk; the catalogs folder is checked once and kept, and a
//! catalog is checked again only when its text (held, or on disk) changes. What a session
//! reports for a file is what `rg check FILE` reports for it, with the held texts saved.

use super::catalogs::{folder_catalogs, unread_entry};
use super::inputs::identity;
use super::stages::classified_as;
use super::{CouldNotRun, GalleryUse, Pipeline};
use crate::diag::{Diagnostic, SourceFile};
use crate::load::discover::{self, FileKind, Found};
use crate::load::read;
use crate::load::workspace::Workspace;
use crate::model::{CatalogEntry, CatalogSet};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// One workspace's pipeline and what it keeps between checks.
pub(crate) struct Session {
    pub(crate) pipeline: Pipeline,
    /// Texts held in memory, by the file's identity.
    held: HashMap<PathBuf, Arc<SourceFile>>,
    catalogs: CatalogSet,
    /// What each catalog entry was made from, in the set's order.
    stamps: Vec<(PathBuf, Stamp)>,
}

/// What a catalog's entry was made from: a held text (the very one), or the file on disk as it
/// was then.
#[derive(Clone, Debug)]
enum Stamp {
    Held(Arc<SourceFile>),
    Disk(Option<(SystemTime, u64)>),
}

impl PartialEq for Stamp {
    fn eq(&self, other: &Stamp) -> bool {
        match (self, other) {
            (Stamp::Held(a), Stamp::Held(b)) => Arc::ptr_eq(a, b),
            (Stamp::Disk(a), Stamp::Disk(b)) => a.is_some() && a == b,
            _ => false,
        }
    }
}

impl Session {
    /// The workspace's gallery, levels and settings, as `rg check` run at its root has them.
    pub(crate) fn open(
        workspace: &Workspace,
        gallery: Option<&Path>,
    ) -> Result<Session, CouldNotRun> {
        let pipeline = Pipeline::open(workspace, gallery, &[], GalleryUse::Checking)?;
        Ok(Session {
            pipeline,
            held: HashMap::new(),
            catalogs: CatalogSet::default(),
            stamps: Vec::new(),
        })
    }

    /// A text held in place of its file (an open document).
    pub(crate) fn hold(&mut self, file: Arc<SourceFile>) {
        self.held.insert(identity(&file.path), file);
    }

    /// The file on disk counts again.
    pub(crate) fn release(&mut self, path: &Path) {
        self.held.remove(&identity(path));
    }

    /// The held text of a file, else the file as read from disk.
    pub(crate) fn file(&self, path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
        match self.held.get(&identity(path)) {
            Some(file) => Ok(Arc::clone(file)),
            None => read::read_source(path),
        }
    }

    /// The kind `rg check` gives the file: by its folder, `rg.toml`'s appointments folder, or
    /// its keys.
    pub(crate) fn kind(&self, file: &SourceFile) -> FileKind {
        discover::kind_by_folder(&file.path)
            .or_else(|| self.pipeline.configured_kind(&file.path))
            .unwrap_or_else(|| discover::kind_of(&file.path, &file.text))
    }

    /// The catalogs appointments are checked against: the catalogs folder, held texts in place
    /// of their files, each checked again only if it changed.
    pub(crate) fn catalogs(&mut self) -> &CatalogSet {
        let dir = self.pipeline.catalogs_dir(None);
        let (paths, broken) = folder_catalogs(&dir);
        let stamps: Vec<(PathBuf, Stamp)> = paths
            .into_iter()
            .map(|path| {
                let stamp = self.stamp(&path);
                (path, stamp)
            })
            .collect();
        if stamps != self.stamps || !broken.is_empty() {
            self.rebuild(stamps, broken);
        }
        &self.catalogs
    }

    fn stamp(&self, path: &Path) -> Stamp {
        match self.held.get(&identity(path)) {
            Some(file) => Stamp::Held(Arc::clone(file)),
            None => Stamp::Disk(
                std::fs::metadata(path)
                    .ok()
                    .and_then(|meta| Some((meta.modified().ok()?, meta.len()))),
            ),
        }
    }

    fn rebuild(&mut self, stamps: Vec<(PathBuf, Stamp)>, broken: Vec<Diagnostic>) {
        let old = std::mem::take(&mut self.catalogs).into_entries();
        let mut kept: HashMap<PathBuf, (Stamp, CatalogEntry)> = std::mem::take(&mut self.stamps)
            .into_iter()
            .zip(old)
            .map(|((path, stamp), entry)| (path, (stamp, entry)))
            .collect();
        let reused: Vec<Option<CatalogEntry>> = stamps
            .iter()
            .map(|(path, stamp)| match kept.remove(path) {
                Some((old, entry)) if old == *stamp => Some(entry),
                _ => None,
            })
            .collect();
        let entries: Vec<CatalogEntry> = stamps
            .par_iter()
            .zip(reused)
            .map(|((path, _), reused)| reused.unwrap_or_else(|| self.catalog_entry(path)))
            .collect();
        for entry in entries {
            self.catalogs.push(entry);
        }
        for diagnostic in broken {
            self.catalogs.push(unread_entry(diagnostic));
        }
        self.stamps = stamps;
    }

    fn catalog_entry(&self, path: &Path) -> CatalogEntry {
        match self.file(path) {
            Ok(file) => self
                .pipeline
                .catalog_entry(self.pipeline.check_catalog(file)),
            Err(diagnostic) => unread_entry(diagnostic),
        }
    }

    /// What `rg check PATH` reports for the file (levels applied), its held text in place of
    /// the file; nothing for a YAML file that is none of rg's and lies outside its folders.
    pub(crate) fn check(&mut self, path: &Path) -> Vec<Diagnostic> {
        let found = match self.file(path) {
            Ok(file) => self.findings(file),
            Err(diagnostic) => vec![diagnostic],
        };
        let mut shown = self.pipeline.levels.apply(found);
        shown.retain(|d| d.location.as_ref().is_some_and(|l| l.file.path == path));
        shown
    }

    /// Several files at once (appointments files after a catalog changed), in parallel.
    pub(crate) fn check_many(&mut self, paths: &[PathBuf]) -> Vec<(PathBuf, Vec<Diagnostic>)> {
        self.catalogs();
        let this = &*self;
        paths
            .par_iter()
            .map(|path| {
                let found = match this.file(path) {
                    Ok(file) => this.findings_with(file, &this.catalogs),
                    Err(diagnostic) => vec![diagnostic],
                };
                let mut shown = this.pipeline.levels.apply(found);
                shown.retain(|d| d.location.as_ref().is_some_and(|l| l.file.path == *path));
                (path.clone(), shown)
            })
            .collect()
    }

    fn findings(&mut self, file: Arc<SourceFile>) -> Vec<Diagnostic> {
        self.catalogs();
        self.findings_with(file, &self.catalogs)
    }

    fn findings_with(&self, file: Arc<SourceFile>, set: &CatalogSet) -> Vec<Diagnostic> {
        let pipeline = &self.pipeline;
        match self.kind(&file) {
            FileKind::Catalog => {
                let in_set = set.entries().iter().any(|e| e.file.path == file.path);
                if in_set && self.stamp(&file.path) == self.stamp_of(&file.path) {
                    pipeline.checked_findings(set, &HashSet::from([file.path.clone()]))
                } else {
                    // Outside the catalogs folder: `rg check FILE` sees no other catalog with it.
                    pipeline.check_catalog(file).diagnostics
                }
            }
            FileKind::Appointments => pipeline.check_appointments(file, set).diagnostics,
            FileKind::GalleryRole | FileKind::Galleri => {
                pipeline.check_gallery_files(self.gallery_folder(&file))
            }
            FileKind::Unknown if self.in_folders(&file.path) => {
                match classified_as(file, FileKind::Unknown) {
                    super::stages::Classified::Failed(diagnostic) => vec![diagnostic],
                    _ => Vec::new(),
                }
            }
            FileKind::Unknown => Vec::new(),
        }
    }

    fn stamp_of(&self, path: &Path) -> Stamp {
        self.stamps
            .iter()
            .find(|(p, _)| p == path)
            .map_or(Stamp::Disk(None), |(_, stamp)| stamp.clone())
    }

    /// The gallery folder a gallery file lies in, its held texts in place of their files.
    fn gallery_folder(&self, file: &Arc<SourceFile>) -> Vec<Arc<SourceFile>> {
        let folder = file.path.parent().unwrap_or(Path::new("."));
        let mut files: Vec<Arc<SourceFile>> = discover::discover(&[folder.to_path_buf()])
            .unwrap_or_default()
            .into_iter()
            .filter_map(|found| match found {
                Found::File(path) if path.parent() == Some(folder) => self.file(&path).ok(),
                _ => None,
            })
            .collect();
        if !files.iter().any(|f| f.path == file.path) {
            files.push(Arc::clone(file));
        }
        files
    }

    /// Whether a path lies in one of the folders `rg.toml` names (or `catalogs/`).
    fn in_folders(&self, path: &Path) -> bool {
        let config = &self.pipeline.workspace.config;
        let folders = [&config.gallery, &config.appointments]
            .into_iter()
            .flatten()
            .map(|folder| self.pipeline.workspace.resolve(folder))
            .chain([self.pipeline.catalogs_dir(None)]);
        let parent = path.parent().map(identity);
        folders
            .map(|folder| identity(&folder))
            .any(|folder| parent.as_ref().is_some_and(|p| p.starts_with(&folder)))
    }

    /// The YAML files of the workspace's appointments folder (`rg.toml`'s `appointments`), as
    /// `rg check` walks it; none when `rg.toml` names no such folder.
    pub(crate) fn appointments_files(&self) -> Vec<PathBuf> {
        let Some(folder) = &self.pipeline.workspace.config.appointments else {
            return Vec::new();
        };
        let folder = self.pipeline.workspace.resolve(folder);
        discover::discover(&[folder])
            .unwrap_or_default()
            .into_iter()
            .filter_map(|found| match found {
                Found::File(path) => Some(path),
                Found::Broken(..) => None,
            })
            .collect()
    }

    /// Whether a path's text is held.
    pub(crate) fn is_held(&self, path: &Path) -> bool {
        self.held.contains_key(&identity(path))
    }
}
