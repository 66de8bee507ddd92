//! Finding the files to check: paths given, folders walked, each YAML file given a kind.

use crate::diag::SourceFile;
use crate::yaml;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// What a YAML file is, decided by where it lives or by its top-level keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    GalleryRole,
    Galleri,
    Catalog,
    Appointments,
    /// A YAML file that is none of the kinds.
    Unknown,
}

/// A path found, or a path that could not be walked.
#[derive(Debug)]
pub enum Found {
    File(PathBuf),
    /// Could not be walked (a loop, no permission); reported as `rg::file::unreadable`.
    Broken(PathBuf, String),
}

pub fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml")
}

/// The most YAML files one run reads. A repository holds the 33 gallery roles, a catalog per
/// system and an appointments file per municipality (98): a few hundred. Far more means a
/// path such as `/` or a home folder was given by mistake, which would be read for minutes.
pub const MAX_FILES: usize = 10_000;

/// Every YAML file under the paths, in sorted order. A path that does not exist is an error,
/// and so are more than [`MAX_FILES`] files (the walk stops there).
pub fn discover(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    let mut found = Vec::new();
    for path in paths {
        if !path.exists() && path.symlink_metadata().is_err() {
            return Err(format!("{}: no such file or folder", path.display()));
        }
        if path.is_dir() {
            walk(path, &mut found)?;
        } else {
            found.push(Found::File(path.clone()));
        }
        if found.len() > MAX_FILES {
            return Err(too_many_files(path));
        }
    }
    Ok(found)
}

/// The message for more than [`MAX_FILES`] files (exit 2, rule `rg::yaml::limit`).
pub fn too_many_files(path: &Path) -> String {
    format!(
        "more than {MAX_FILES} YAML files under `{}` (rg::yaml::limit); nothing was checked: \
         name the folders that hold the gallery, catalogs and appointments",
        path.display()
    )
}

fn walk(dir: &Path, found: &mut Vec<Found>) -> Result<(), String> {
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !is_skipped(
                    entry.file_name().to_string_lossy().as_ref(),
                    entry.file_type().is_dir(),
                )
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && is_yaml(entry.path()) => {
                found.push(Found::File(entry.path().to_path_buf()));
                if found.len() > MAX_FILES {
                    return Err(too_many_files(dir));
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                let reason = if error.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it".to_string()
                } else {
                    error.to_string()
                };
                found.push(Found::Broken(path, reason));
            }
        }
    }
    Ok(())
}

/// Hidden folders and `target/` are not walked.
fn is_skipped(name: &str, is_dir: bool) -> bool {
    is_dir && (name.starts_with('.') || name == "target")
}

/// The kind of a file: by its folder (`gallery/`, `catalogs/`), else by its top-level keys.
pub fn kind_of(path: &Path, text: &str) -> FileKind {
    kind_by_folder(path).unwrap_or_else(|| kind_by_keys(text))
}

/// The kind a file's name or folder gives it, known before it is read. `galleri.yaml` is the
/// gallery's version file wherever the gallery folder is, so that a broken one is reported as
/// what it is, not as a file of no kind.
pub fn kind_by_folder(path: &Path) -> Option<FileKind> {
    if path.file_name().is_some_and(|n| n == "galleri.yaml") {
        return Some(FileKind::Galleri);
    }
    let folder = path.parent().and_then(Path::file_name)?;
    if folder == "gallery" {
        Some(FileKind::GalleryRole)
    } else if folder == "catalogs" {
        Some(FileKind::Catalog)
    } else {
        None
    }
}

fn kind_by_keys(text: &str) -> FileKind {
    match kind_of_keys(&top_level_keys(text)) {
        FileKind::Unknown if starts_with_flow_mapping(text) => {
            // Rare (a file written by a tool on one line): the copy costs nothing that matters.
            let file = SourceFile::new(Path::new("flow.yaml"), text.to_string());
            let keys = yaml::top_level_keys(&file).unwrap_or_default();
            kind_of_keys(&keys.iter().map(String::as_str).collect::<Vec<_>>())
        }
        kind => kind,
    }
}

/// Whether the document's first line that is not blank or a comment opens a flow mapping.
fn starts_with_flow_mapping(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|line| !line.is_empty() && !line.starts_with('#') && *line != "---")
        .is_some_and(|line| line.starts_with('{'))
}

fn kind_of_keys(keys: &[&str]) -> FileKind {
    let has = |key: &str| keys.contains(&key);
    if has("system") && has("roller") {
        FileKind::Catalog
    } else if has("kommune") && has("systemer") {
        FileKind::Appointments
    } else if has("id") && has("gruppe") {
        FileKind::GalleryRole
    } else if has("version") && has("historik") {
        FileKind::Galleri
    } else {
        FileKind::Unknown
    }
}

/// Keys that start a line at column 0 (`key:`), enough to tell the kinds apart without parsing.
fn top_level_keys(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|line| !line.starts_with([' ', '\t', '#', '-']))
        .filter_map(|line| {
            line.split_once(':')
                .map(|(key, _)| key.trim().trim_matches('"'))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_folder_and_keys() {
        assert_eq!(
            kind_of(Path::new("gallery/projektleder.yaml"), ""),
            FileKind::GalleryRole
        );
        assert_eq!(
            kind_of(Path::new("gallery/galleri.yaml"), ""),
            FileKind::Galleri
        );
        assert_eq!(
            kind_of(Path::new("mine/galleri.yaml"), "titel: x\n"),
            FileKind::Galleri
        );
        assert_eq!(
            kind_of(Path::new("catalogs/sapa.yaml"), ""),
            FileKind::Catalog
        );
        assert_eq!(
            kind_of(Path::new("x/a.yaml"), "kommune: A\nsystemer: []\n"),
            FileKind::Appointments
        );
        assert_eq!(
            kind_of(Path::new("x/a.yaml"), "system: A\nroller: []\n"),
            FileKind::Catalog
        );
        assert_eq!(
            kind_of(Path::new("x/a.yaml"), "id: a\ngruppe: x\n"),
            FileKind::GalleryRole
        );
        assert_eq!(
            kind_of(Path::new("x/a.yaml"), "name: x\n"),
            FileKind::Unknown
        );
    }

    #[test]
    fn kinds_of_flow_mappings() {
        let kind = |text: &str| kind_of(Path::new("x/a.yaml"), text);
        assert_eq!(
            kind("# one line\n---\n{system: A, roller: {}}\n"),
            FileKind::Catalog
        );
        assert_eq!(
            kind("{kommune: A,\n  systemer: []}\n"),
            FileKind::Appointments
        );
        assert_eq!(kind("{name: x}\n"), FileKind::Unknown);
        assert_eq!(kind("{system: A, roller: \n"), FileKind::Unknown);
        assert_eq!(kind("[system, roller]\n"), FileKind::Unknown);
    }

    #[test]
    fn hidden_and_target_folders_are_skipped() {
        assert!(is_skipped(".git", true));
        assert!(is_skipped("target", true));
        assert!(!is_skipped(".hidden.yaml", false));
        assert!(!is_skipped("catalogs", true));
    }
}
