//! The repository a command runs in: its root, its `rg.toml`, and which gallery to use.
//!
//! Gallery precedence: `--gallery DIR` > `rg.toml` `gallery = "..."` > a `gallery/` folder at
//! the repository root > the gallery embedded in the binary.

use crate::diag::{Diagnostic, SourceFile};
use crate::load::config::{self, CONFIG_FILE, Config};
use crate::load::gallery::{self, LoadedGallery};
use crate::load::read;
use std::path::{Component, Path, PathBuf};

/// Where the command runs and what `rg.toml` says.
#[derive(Clone, Debug)]
pub struct Workspace {
    /// The folder holding `rg.toml`, else the nearest with `.git`, else the current folder.
    pub root: PathBuf,
    pub config: Config,
    /// Problems with `rg.toml` itself.
    pub diagnostics: Vec<Diagnostic>,
    pub config_path: Option<PathBuf>,
}

impl Workspace {
    /// Finds `rg.toml` by walking up from `cwd`.
    pub fn discover(cwd: &Path) -> Workspace {
        let (config_path, root) = find_root(cwd);
        let mut workspace = Workspace {
            root: relative_to(cwd, &root),
            config: Config::default(),
            diagnostics: Vec::new(),
            config_path: None,
        };
        if let Some(path) = config_path {
            let shown = workspace.root.join(CONFIG_FILE);
            match read::read_source(&path) {
                Ok(file) => {
                    // Read by absolute path, named as the user sees it from `cwd`.
                    let file = SourceFile::new(&shown, file.text.clone());
                    let (config, found) = config::parse(&file);
                    workspace.config = config;
                    workspace.diagnostics = found;
                }
                Err(diagnostic) => workspace.diagnostics.push(diagnostic),
            }
            workspace.config_path = Some(path);
        }
        workspace
    }

    /// The folder [`Workspace::discover`] roots a workspace at when run in `dir`: the folder of
    /// the nearest `rg.toml` above, else of the nearest `.git`, else `dir` itself.
    pub fn root_of(dir: &Path) -> PathBuf {
        find_root(dir).1
    }

    /// As [`Workspace::discover`] from another folder than the process's: the root is given
    /// relative to the process's current folder, as file names are.
    pub fn discover_in(dir: &Path) -> Workspace {
        let mut workspace = Workspace::discover(dir);
        workspace.root = tidy(&dir.join(&workspace.root));
        workspace
    }

    /// A workspace with no `rg.toml`, rooted at the current folder: every default.
    pub fn empty() -> Workspace {
        Workspace {
            root: PathBuf::from("."),
            config: Config::default(),
            diagnostics: Vec::new(),
            config_path: None,
        }
    }

    /// A path from `rg.toml`, relative to the repository root.
    pub fn resolve(&self, configured: &Path) -> PathBuf {
        tidy(&self.root.join(configured))
    }

    /// The gallery folder to use, if any (else the embedded gallery).
    pub fn gallery_dir(&self, flag: Option<&Path>) -> Option<PathBuf> {
        if let Some(dir) = flag {
            return Some(dir.to_path_buf());
        }
        if let Some(dir) = &self.config.gallery {
            return Some(self.resolve(dir));
        }
        let default = self.resolve(Path::new("gallery"));
        default
            .join(gallery::GALLERI_FILE)
            .is_file()
            .then_some(default)
    }

    /// Loads the gallery by the precedence above.
    pub fn load_gallery(&self, flag: Option<&Path>) -> Result<LoadedGallery, String> {
        match self.gallery_dir(flag) {
            Some(dir) => gallery::load_folder(&dir),
            None => Ok(gallery::load_embedded()),
        }
    }
}

/// The nearest `rg.toml` above `cwd`, and the root it gives (else the nearest `.git`'s folder,
/// else `cwd`).
fn find_root(cwd: &Path) -> (Option<PathBuf>, PathBuf) {
    let config_path = cwd
        .ancestors()
        .map(|dir| dir.join(CONFIG_FILE))
        .find(|candidate| candidate.is_file());
    let root = match &config_path {
        Some(path) => path.parent().unwrap_or(cwd).to_path_buf(),
        None => cwd
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(cwd)
            .to_path_buf(),
    };
    (config_path, root)
}

/// `root` as seen from `cwd`: `.` for the same folder, `..` segments for an ancestor, so that
/// file names in diagnostics stay relative as the user would type them.
fn relative_to(cwd: &Path, root: &Path) -> PathBuf {
    match cwd.strip_prefix(root) {
        Ok(below) => {
            let ups = below.components().count();
            if ups == 0 {
                PathBuf::from(".")
            } else {
                (0..ups).map(|_| "..").collect()
            }
        }
        Err(_) => root.to_path_buf(),
    }
}

/// Drops `.` components so paths print as `catalogs/x.yaml`, not `./catalogs/x.yaml`.
fn tidy(path: &Path) -> PathBuf {
    let tidied: PathBuf = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if tidied.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        tidied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_is_relative_to_cwd() {
        assert_eq!(
            relative_to(Path::new("/a/b/c"), Path::new("/a")),
            PathBuf::from("../..")
        );
        assert_eq!(
            relative_to(Path::new("/a"), Path::new("/a")),
            PathBuf::from(".")
        );
    }

    #[test]
    fn resolve_joins_without_dot() {
        let workspace = Workspace {
            root: PathBuf::from("."),
            config: Config::default(),
            diagnostics: Vec::new(),
            config_path: None,
        };
        assert_eq!(
            workspace.resolve(Path::new("catalogs")),
            PathBuf::from("catalogs")
        );
    }

    #[test]
    fn finds_rg_toml_upwards() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "catalogs = \"kat\"\n").unwrap();
        let nested = dir.path().join("x/y");
        std::fs::create_dir_all(&nested).unwrap();
        let workspace = Workspace::discover(&nested);
        assert_eq!(workspace.root, PathBuf::from("../.."));
        assert_eq!(
            workspace.resolve(Path::new("kat")),
            PathBuf::from("../../kat")
        );
    }
}
