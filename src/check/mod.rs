//! The check stage: every discovered file parsed as its kind, checked on its own, then across
//! files (catalogs against the gallery, appointments against the catalogs).

use crate::diagnostic::{ByteSpan, Diagnostic, SourceFile};
use crate::load::discover::{self, FileKind, Found};
use crate::load::gallery::{self, Gallery, GalleryOrigin};
use crate::load::workspace::Workspace;
use crate::load::{read, yaml};
use crate::model::{Appointments, Catalog};
use crate::rules;
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

/// A file of the run, read and parsed.
enum Parsed {
    Catalog(Arc<SourceFile>, Catalog),
    Appointments(Arc<SourceFile>, Appointments),
    Gallery(Arc<SourceFile>),
    Other,
}

/// The path that means "read one file from standard input".
pub const STDIN: &str = "-";

/// Checks every YAML file under `paths`. Fails (exit 2) only when a path does not exist.
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
    let mut parsed = Vec::new();
    let mut files = 0;
    if !stdin.is_empty() {
        files += 1;
        match read::read_stdin() {
            Ok(file) => parsed.push(parse_source(file, &mut diagnostics)),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    for item in found {
        match item {
            Found::File(path) => {
                files += 1;
                parsed.push(parse_file(&path, &mut diagnostics));
            }
            Found::Broken(path, reason) => diagnostics.push(unreadable(&path, &reason)),
        }
    }
    diagnostics.extend(check_gallery_files(&parsed));
    let mut catalogs = Vec::new();
    for item in &parsed {
        if let Parsed::Catalog(file, catalog) = item {
            diagnostics.extend(rules::catalog::check(file, catalog, gallery));
            catalogs.push(catalog.clone());
        }
    }
    add_reference_catalogs(workspace, &parsed, &mut catalogs);
    for item in &parsed {
        if let Parsed::Appointments(file, appointments) = item {
            diagnostics.extend(rules::appointments::check(
                file,
                appointments,
                gallery,
                &catalogs,
                staleness(workspace),
            ));
        }
    }
    Ok(CheckRun { diagnostics, files })
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

fn parse_file(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Parsed {
    match read::read_source(path) {
        Ok(file) => parse_source(file, diagnostics),
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            Parsed::Other
        }
    }
}

fn parse_source(file: Arc<SourceFile>, diagnostics: &mut Vec<Diagnostic>) -> Parsed {
    if let Some(empty) = yaml::empty_document(&file) {
        diagnostics.push(empty);
        return Parsed::Other;
    }
    match discover::kind_of(&file.path, &file.text) {
        FileKind::Catalog => match yaml::parse::<Catalog>(&file) {
            Ok(catalog) => Parsed::Catalog(file, catalog),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                Parsed::Other
            }
        },
        FileKind::Appointments => match yaml::parse::<Appointments>(&file) {
            Ok(appointments) => Parsed::Appointments(file, appointments),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                Parsed::Other
            }
        },
        FileKind::GalleryRole | FileKind::Galleri => Parsed::Gallery(file),
        FileKind::Unknown => {
            diagnostics.push(unknown_kind(&file));
            Parsed::Other
        }
    }
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

/// Gallery files are checked as galleries, folder by folder (ids, references, version file).
fn check_gallery_files(parsed: &[Parsed]) -> Vec<Diagnostic> {
    let mut folders: BTreeMap<PathBuf, Vec<Arc<SourceFile>>> = BTreeMap::new();
    for item in parsed {
        if let Parsed::Gallery(file) = item {
            let folder = file.path.parent().unwrap_or(Path::new(".")).to_path_buf();
            folders.entry(folder).or_default().push(Arc::clone(file));
        }
    }
    folders
        .into_iter()
        .flat_map(|(folder, sources)| {
            gallery::load_sources(sources, GalleryOrigin::Folder(folder)).diagnostics
        })
        .collect()
}

/// Appointments name catalogs that may not be among the checked files: add the repository's.
fn add_reference_catalogs(workspace: &Workspace, parsed: &[Parsed], catalogs: &mut Vec<Catalog>) {
    let checked: Vec<&Path> = parsed
        .iter()
        .filter_map(|p| match p {
            Parsed::Catalog(file, _) => Some(file.path.as_path()),
            _ => None,
        })
        .collect();
    let needs_references = parsed.iter().any(|p| matches!(p, Parsed::Appointments(..)));
    if !needs_references {
        return;
    }
    for (path, catalog) in reference_catalogs(&catalogs_dir(workspace)) {
        if !checked.iter().any(|c| same_file(c, &path)) {
            catalogs.push(catalog);
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
