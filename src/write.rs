//! Writing an output file (`-o FILE`) atomically: the text goes to a temporary file in the
//! target's own folder, which is then renamed into place, so a reader never sees half a file
//! and a failure leaves nothing behind. An existing file is replaced only with `--force`.

use crate::commands::Failure;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `contents` to `path`. Fails (exit 2) if the folder does not exist, if `path` exists
/// and `force` is not set, or if writing fails; in every failure nothing is left behind.
pub fn write_file(path: &Path, contents: &[u8], force: bool) -> Result<(), Failure> {
    let shown = path.display();
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(Failure::message(format!(
            "cannot write `{shown}`: the folder `{}` does not exist",
            folder.display()
        )));
    }
    if path.is_dir() {
        return Err(Failure::message(format!(
            "cannot write `{shown}`: it is a folder"
        )));
    }
    let exists = path.symlink_metadata().is_ok();
    if exists && !force {
        return Err(Failure::message(format!(
            "`{shown}` already exists; use --force to overwrite it"
        )));
    }
    let fail = |error: std::io::Error| Failure::message(format!("cannot write `{shown}`: {error}"));
    let mut temp = tempfile::Builder::new()
        .prefix(".rg-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(fail)?;
    temp.write_all(contents).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    let persisted = if force {
        temp.persist(path)
    } else {
        // Fails rather than replace a file that appeared since the check above.
        temp.persist_noclobber(path)
    };
    persisted.map_err(|error| fail(error.error))?;
    Ok(())
}

/// The folder a file goes into: its parent, or `.` for a bare file name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether two paths name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(failure: Failure) -> String {
        match failure {
            Failure::CouldNotRun { message, .. } => message,
            Failure::Io(error) => error.to_string(),
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ud.html");
        write_file(&target, b"hej", false).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "hej");
        assert_eq!(entries(dir.path()), ["ud.html"]);
    }

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ud.md");
        std::fs::write(&target, "gammel").unwrap();
        let error = message(write_file(&target, b"ny", false).unwrap_err());
        assert!(error.contains("already exists"), "{error}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "gammel");
        write_file(&target, b"ny", true).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "ny");
        assert_eq!(entries(dir.path()), ["ud.md"]);
    }

    #[test]
    fn missing_folder_fails_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("mangler/ud.html");
        let error = message(write_file(&target, b"x", false).unwrap_err());
        assert!(error.contains("does not exist"), "{error}");
        assert!(entries(dir.path()).is_empty());
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = message(write_file(dir.path(), b"x", true).unwrap_err());
        assert!(error.contains("is a folder"), "{error}");
    }
}
