//! Writing output files (`-o FILE`, `--dir DIR`) safely: each file's text goes to a temporary
//! file in the target's own folder, which is then renamed into place, so a reader never sees
//! half a file and a failure leaves nothing behind. An existing file is replaced only with
//! `--force`; a symbolic link at the target is replaced by the file, never followed to write
//! somewhere else. A new file gets the permissions a plain create would give (0666 less the
//! umask; the temporary file alone would have 0600); a replaced file keeps its own.

use crate::commands::Failure;
use std::fs::{self, Permissions};
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Writes `contents` to `path`. Fails (exit 2) if the folder does not exist, if `path` is a
/// folder, if `path` exists and `force` is not set, or if writing fails; in every failure
/// nothing is left behind.
pub fn write_file(path: &Path, contents: &[u8], force: bool) -> Result<(), Failure> {
    write_files(&[(path, contents)], force)
}

/// Writes several files as one: every target is checked before anything is written, and
/// every temporary file is complete before the first is renamed into place, so that a
/// refusal or a failed write leaves none of them behind.
pub fn write_files(files: &[(&Path, &[u8])], force: bool) -> Result<(), Failure> {
    let mut existing = Vec::with_capacity(files.len());
    for (path, _) in files {
        existing.push(check_target(path, force)?);
    }
    let mut written: Vec<NamedTempFile> = Vec::with_capacity(files.len());
    for ((path, contents), existing) in files.iter().zip(&existing) {
        // On an error the temporary files made so far are dropped, which deletes them.
        written.push(temporary(path, contents, existing.as_ref())?);
    }
    for ((path, _), temp) in files.iter().zip(written) {
        let persisted = if force {
            temp.persist(path)
        } else {
            // Fails rather than replace a file that appeared since the check above.
            temp.persist_noclobber(path)
        };
        persisted.map_err(|error| cannot_write(path, &error.error))?;
        // The rename itself is made durable with the folder (best effort: not every system
        // lets a folder be opened for that).
        if let Ok(folder) = fs::File::open(folder_of(path)) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}

/// Fails as [`write_file`] would, before anything is made: for work that takes a while (a PDF
/// printed by a browser) and would be lost at the end.
pub fn check_writable(path: &Path, force: bool) -> Result<(), Failure> {
    check_target(path, force).map(|_| ())
}

/// Checks that `path` may be written; returns the permissions of the regular file it replaces.
fn check_target(path: &Path, force: bool) -> Result<Option<Permissions>, Failure> {
    let shown = path.display();
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(Failure::message(format!(
            "cannot write `{shown}`: the folder `{}` does not exist",
            folder.display()
        )));
    }
    // `symlink_metadata`: a link at the target is looked at, not followed.
    let Ok(metadata) = path.symlink_metadata() else {
        return Ok(None);
    };
    if metadata.is_dir() {
        return Err(Failure::message(format!(
            "cannot write `{shown}`: it is a folder"
        )));
    }
    if !force {
        return Err(Failure::message(format!(
            "`{shown}` already exists; use --force to overwrite it"
        )));
    }
    Ok(metadata.is_file().then(|| metadata.permissions()))
}

/// The whole text in a temporary file beside `path`, flushed to disk.
fn temporary(
    path: &Path,
    contents: &[u8],
    replaced: Option<&Permissions>,
) -> Result<NamedTempFile, Failure> {
    let fail = |error: std::io::Error| cannot_write(path, &error);
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rg-").suffix(".tmp");
    #[cfg(unix)]
    let new_file = {
        use std::os::unix::fs::PermissionsExt;
        Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(new_file);
    let mut temp = builder.tempfile_in(folder_of(path)).map_err(fail)?;
    temp.write_all(contents).map_err(fail)?;
    if let Some(permissions) = replaced {
        temp.as_file()
            .set_permissions(permissions.clone())
            .map_err(fail)?;
    }
    temp.as_file().sync_all().map_err(fail)?;
    Ok(temp)
}

fn cannot_write(path: &Path, error: &std::io::Error) -> Failure {
    Failure::message(format!("cannot write `{}`: {error}", path.display()))
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
    fn several_files_are_written_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
        std::fs::write(&b, "gammel").unwrap();
        let error = message(write_files(&[(&a, b"a"), (&b, b"b")], false).unwrap_err());
        assert!(error.contains("already exists"), "{error}");
        assert_eq!(entries(dir.path()), ["b.json"]);
        write_files(&[(&a, b"a"), (&b, b"b")], true).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "b");
        assert_eq!(entries(dir.path()), ["a.json", "b.json"]);
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = message(write_file(dir.path(), b"x", true).unwrap_err());
        assert!(error.contains("is a folder"), "{error}");
    }
}
