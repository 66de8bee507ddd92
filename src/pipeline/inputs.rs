//! Discover → read: the files a run is given, walked and read, each once. A path that names
//! nothing is exit 2; everything found but unreadable is a finding of its own.

use crate::diag::{Diagnostic, SourceFile, codes};
use crate::load::discover::{self, FileKind, Found};
use crate::load::read;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The path that means "read one file from standard input".
pub const STDIN: &str = "-";

/// A file of the run: a path found (with the kind its folder gives it), or a file already read
/// (standard input or a pipe, which can be read only once, or a file handed over in memory).
#[derive(Clone)]
pub(crate) enum Input {
    Path(PathBuf, Option<FileKind>),
    Read(Arc<SourceFile>),
    /// A file's text held in memory in place of what is on disk (`rg fix` between rounds),
    /// with the kind its path was given.
    Held(Arc<SourceFile>, Option<FileKind>),
}

impl Input {
    pub(crate) fn read(&self) -> Result<Arc<SourceFile>, Diagnostic> {
        match self {
            Input::Path(path, _) => read::read_source(path),
            Input::Read(file) | Input::Held(file, _) => Ok(Arc::clone(file)),
        }
    }

    /// The kind the file's folder or name gives it, known before reading.
    pub(crate) fn folder_kind(&self) -> Option<FileKind> {
        match self {
            Input::Path(_, kind) | Input::Held(_, kind) => *kind,
            Input::Read(file) => discover::kind_by_folder(&file.path),
        }
    }
}

/// What a run was given: its inputs in order, the findings about what could not be read,
/// and how many YAML files it names.
#[derive(Clone)]
pub(crate) struct Inputs {
    pub(crate) files: Vec<Input>,
    pub(crate) unreadable: Vec<Diagnostic>,
    pub(crate) count: usize,
}

/// Walks the paths (`-` is standard input). Folders named as appointments folders give their
/// files that kind. Exit 2 (an `Err`) only when a path names nothing or too many files.
pub(crate) fn gather(
    paths: &[PathBuf],
    kind_of_folder: &dyn Fn(&Path) -> Option<FileKind>,
) -> Result<Inputs, String> {
    let (stdin, paths): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == STDIN);
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    let found = discover::discover(&paths)?;
    let mut inputs = Inputs {
        files: Vec::new(),
        unreadable: Vec::new(),
        count: 0,
    };
    if !stdin.is_empty() {
        inputs.count += 1;
        match read::read_stdin() {
            Ok(file) => inputs.files.push(Input::Read(file)),
            Err(diagnostic) => inputs.unreadable.push(diagnostic),
        }
    }
    let mut seen = HashSet::new();
    for item in found {
        match item {
            // The same file named twice (or through a link) is one file.
            Found::File(path) if !seen.insert(identity(&path)) => {}
            Found::File(path) => {
                inputs.count += 1;
                inputs.add(path, kind_of_folder);
            }
            Found::Broken(path, reason) => inputs.unreadable.push(unreadable(&path, &reason)),
        }
    }
    Ok(inputs)
}

impl Inputs {
    fn add(&mut self, path: PathBuf, kind_of_folder: &dyn Fn(&Path) -> Option<FileKind>) {
        // A pipe (`rg check <(git show HEAD:catalogs/x.yaml)`) can be read only once: now.
        if is_stream(&path) {
            match read::read_source(&path) {
                Ok(file) => self.files.push(Input::Read(file)),
                Err(diagnostic) => self.unreadable.push(diagnostic),
            }
            return;
        }
        let kind = discover::kind_by_folder(&path).or_else(|| kind_of_folder(&path));
        self.files.push(Input::Path(path, kind));
    }
}

/// A file's identity: its canonical path where it resolves, else the path as given.
pub(crate) fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// A named file that is not a regular file: a pipe, a character device.
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|meta| !meta.is_file())
}

pub(crate) fn unreadable(path: &Path, reason: &str) -> Diagnostic {
    let file = SourceFile::new(path, String::new());
    Diagnostic::new(&codes::file::UNREADABLE, format!("cannot read: {reason}")).in_file(&file)
}
