//! The check stage: every discovered file parsed as its kind, checked on its own, then across
//! files (catalogs against the gallery, appointments against the catalogs).

mod loaded;

use crate::diagnostic::{ByteSpan, Diagnostic, SourceFile};
use crate::load::discover::{self, Found};
use crate::load::gallery::{self, Gallery, GalleryOrigin};
use crate::load::workspace::Workspace;
use crate::load::{read, yaml};
use crate::model::Catalog;
use crate::rules;
use loaded::{Against, Input, Loaded};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub mod memory;

/// What a check run found, before levels are applied.
pub struct CheckRun {
    pub diagnostics: Vec<Diagnostic>,
    /// Files read (YAML files of any kind).
    pub files: usize,
}

/// A catalog read, parsed and checked on its own against the gallery.
pub struct CatalogReport {
    pub file: Option<Arc<SourceFile>>,
    pub catalog: Option<Catalog>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one catalog and runs the catalog rules on it (used by `rg compile` and `rg table`).
pub fn catalog_file(path: &Path, gallery: &Gallery) -> CatalogReport {
    match read::read_source(path) {
        Ok(file) => catalog_source(file, gallery),
        Err(diagnostic) => CatalogReport {
            file: None,
            catalog: None,
            diagnostics: vec![diagnostic],
        },
    }
}

/// Parses and checks a catalog already read.
pub fn catalog_source(file: Arc<SourceFile>, gallery: &Gallery) -> CatalogReport {
    match yaml::parse::<Catalog>(&file) {
        Ok(catalog) => CatalogReport {
            diagnostics: rules::catalog::check(&file, &catalog, gallery),
            catalog: Some(catalog),
            file: Some(file),
        },
        Err(diagnostic) => CatalogReport {
            file: Some(file),
            catalog: None,
            diagnostics: vec![diagnostic],
        },
    }
}

/// Parses a catalog with no checks, for use as a reference (appointments name catalogs).
pub fn parse_catalog(path: &Path) -> Option<Catalog> {
    let file = read::read_source(path).ok()?;
    yaml::parse::<Catalog>(&file).ok()
}

/// The catalogs folder by `rg.toml`, else `catalogs/` at the repository root.
pub fn catalogs_dir(workspace: &Workspace) -> PathBuf {
    let configured = workspace
        .config
        .catalogs
        .clone()
        .unwrap_or_else(|| PathBuf::from("catalogs"));
    workspace.resolve(&configured)
}

/// Every catalog in a folder, parsed without checks (unreadable or broken ones are skipped).
pub fn reference_catalogs(dir: &Path) -> Vec<(PathBuf, Catalog)> {
    let Ok(found) = discover::discover(&[dir.to_path_buf()]) else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter_map(|f| match f {
            Found::File(path) => parse_catalog(&path).map(|c| (path, c)),
            Found::Broken(..) => None,
        })
        .collect()
}

/// The path that means "read one file from standard input".
pub const STDIN: &str = "-";

/// Checks every YAML file under `paths`. Fails (exit 2) only when a path does not exist.
///
/// Files are read, parsed and checked in parallel; each appointments file is checked as soon
/// as it is parsed and then dropped, so memory holds the catalogs and the findings, not the
/// files. The findings do not depend on the number of threads: they are sorted afterwards.
pub fn check_paths(
    paths: &[PathBuf],
    workspace: &Workspace,
    gallery: &Gallery,
) -> Result<CheckRun, String> {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == STDIN);
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let found = discover::discover(&paths)?;
    let mut diagnostics = Vec::new();
    let mut inputs = Vec::new();
    if !stdin.is_empty() {
        match read::read_stdin() {
            Ok(file) => inputs.push(Input::Read(file)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let files = usize::from(!stdin.is_empty())
        + found.iter().filter(|f| matches!(f, Found::File(_))).count();
    for item in found {
        match item {
            // A pipe (`rg check <(git show HEAD:catalogs/x.yaml)`) can be read only once, and a
            // run may read an appointments file twice (below): it is read now and kept.
            Found::File(path) if is_stream(&path) => match read::read_source(&path) {
                Ok(file) => inputs.push(Input::Read(file)),
                Err(diagnostic) => diagnostics.push(diagnostic),
            },
            Found::File(path) => inputs.push(Input::Path(path)),
            Found::Broken(path, reason) => diagnostics.push(unreadable(&path, &reason)),
        }
    }
    let loaded = load_inputs(&inputs, workspace, gallery);
    diagnostics.extend(gather(loaded, gallery));
    Ok(CheckRun { diagnostics, files })
}

/// Every finding of the loaded files, the gallery files' checked together at the end.
fn gather(loaded: Vec<Loaded>, gallery: &Gallery) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut gallery_files = Vec::new();
    for item in loaded {
        match item {
            Loaded::Gallery(file) => gallery_files.push(file),
            Loaded::Catalog { found, .. } | Loaded::Appointments(found) => {
                diagnostics.extend(found)
            }
            Loaded::Failed(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics.extend(check_gallery_files(gallery_files, gallery));
    diagnostics
}

/// A named file that is not a regular file: a pipe, a character device.
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file())
}

/// Loads every input, in input order. Files whose folder makes them gallery files or catalogs
/// come first, so that appointments files meet every catalog when they are checked.
fn load_inputs(inputs: &[Input], workspace: &Workspace, gallery: &Gallery) -> Vec<Loaded> {
    let (first, rest): (Indexed, Indexed) = inputs
        .iter()
        .enumerate()
        .partition(|(_, input)| input.kind_by_folder().is_some());
    let staleness = staleness(workspace);
    let against = |catalogs| Against {
        gallery,
        catalogs,
        staleness,
    };
    let mut loaded = load_all(&first, &against(&[]));
    if !rest.is_empty() {
        let catalogs = catalogs_and_references(workspace, &loaded);
        let mut later = load_all(&rest, &against(&catalogs));
        if later
            .iter()
            .any(|(_, l)| matches!(l, Loaded::Catalog { .. }))
        {
            // A catalog known only by its keys, outside a `catalogs` folder: the appointments
            // checked before it was known are checked again, now with it.
            let mut known: Vec<&(usize, Loaded)> = loaded.iter().chain(&later).collect();
            known.sort_by_key(|(index, _)| *index);
            let catalogs = catalogs_and_references(workspace, known);
            let appointments: Indexed = rest
                .iter()
                .zip(&later)
                .filter(|(_, (_, first))| matches!(first, Loaded::Appointments(_)))
                .map(|(input, _)| *input)
                .collect();
            let rechecked = load_all(&appointments, &against(&catalogs));
            later.retain(|(_, first)| !matches!(first, Loaded::Appointments(_)));
            later.extend(rechecked);
        }
        loaded.append(&mut later);
    }
    loaded.sort_by_key(|(index, _)| *index);
    loaded.into_iter().map(|(_, item)| item).collect()
}

/// Inputs with their place in the run.
type Indexed<'a> = Vec<(usize, &'a Input)>;

/// Loads the inputs in parallel; the results keep each input's index.
fn load_all(inputs: &[(usize, &Input)], against: &Against) -> Vec<(usize, Loaded)> {
    inputs
        .par_iter()
        .map(|(index, input)| (*index, loaded::load(input, against)))
        .collect()
}

/// The catalogs loaded so far, in input order, then the repository's other catalogs:
/// appointments name catalogs that may not be among the checked files.
fn catalogs_and_references<'a>(
    workspace: &Workspace,
    loaded: impl IntoIterator<Item = &'a (usize, Loaded)>,
) -> Vec<Catalog> {
    let mut catalogs = Vec::new();
    let mut checked = Vec::new();
    for (_, item) in loaded {
        if let Loaded::Catalog { path, catalog, .. } = item {
            catalogs.push(Catalog::clone(catalog));
            checked.push(FileId::of(path));
        }
    }
    let Ok(found) = discover::discover(&[catalogs_dir(workspace)]) else {
        return catalogs;
    };
    for item in found {
        if let Found::File(path) = item
            && !checked.iter().any(|c| c.same(&FileId::of(&path)))
            && let Some(catalog) = parse_catalog(&path)
        {
            catalogs.push(catalog);
        }
    }
    catalogs
}

/// Today's date and the workspace's `stale_after_months`.
pub fn staleness(workspace: &Workspace) -> rules::appointments::Staleness {
    rules::appointments::Staleness {
        today: crate::date::Date::today(),
        after_months: workspace.config.stale_after_months(),
    }
}

fn unreadable(path: &Path, reason: &str) -> Diagnostic {
    let file = SourceFile::new(path, String::new());
    Diagnostic::new(&rules::file::UNREADABLE, format!("cannot read: {reason}")).in_file(&file)
}

fn unknown_kind(file: &Arc<SourceFile>) -> Diagnostic {
    // Point at the first key: the first line that is neither blank nor a comment.
    let mut first = 0;
    for line in file.text.split_inclusive('\n') {
        let content = line.trim_start();
        if !content.is_empty() && !content.starts_with('#') {
            first += line.len() - content.len();
            break;
        }
        first += line.len();
    }
    let first = first.min(file.text.len());
    let len = file.text[first..]
        .find(['\n', ':'])
        .unwrap_or(file.text.len() - first);
    Diagnostic::new(&rules::yaml::INVALID_VALUE, "this YAML file is not a gallery role, catalog or appointments file")
        .with_help("a catalog has `system` and `roller`, an appointments file `kommune` and `systemer`, a gallery role `id` and `gruppe`")
        .at(file, ByteSpan { offset: first, len })
}

/// Gallery files are checked as galleries, folder by folder (ids, references, version file);
/// the gallery in use was checked when it was loaded.
fn check_gallery_files(files: Vec<Arc<SourceFile>>, in_use: &Gallery) -> Vec<Diagnostic> {
    let mut folders: BTreeMap<PathBuf, Vec<Arc<SourceFile>>> = BTreeMap::new();
    for file in files {
        let folder = file.path.parent().unwrap_or(Path::new(".")).to_path_buf();
        folders.entry(folder).or_default().push(file);
    }
    folders
        .into_iter()
        .flat_map(|(folder, sources)| match in_use.findings_for(&sources) {
            Some(findings) => findings.to_vec(),
            None => gallery::load_sources(sources, GalleryOrigin::Folder(folder)).diagnostics,
        })
        .collect()
}

/// A file as a path and, where it resolves, its canonical path: two names of one file are
/// one file.
struct FileId {
    path: PathBuf,
    canonical: Option<PathBuf>,
}

impl FileId {
    fn of(path: &Path) -> FileId {
        FileId {
            path: path.to_path_buf(),
            canonical: path.canonicalize().ok(),
        }
    }

    fn same(&self, other: &FileId) -> bool {
        match (&self.canonical, &other.canonical) {
            (Some(a), Some(b)) => a == b,
            _ => self.path == other.path,
        }
    }
}
