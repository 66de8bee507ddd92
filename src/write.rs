//! Writing output files (`-o FILE`, `--dir DIR`) safely: each file's text goes to a temporary
//! file in the target's own folder, which is then renamed into place, so a reader never sees
//! half a file and a failure leaves nothing behind (an interrupt neither: see
//! [`crate::interrupt`]). An existing file is replaced only with `--force`, and only a regular
//! file: a device, a named pipe, a socket or a folder at the target is refused, so is a file
//! the same run reads. A symbolic link at the target is replaced by the file, never followed to
//! write somewhere else (and refused when it points at anything but a regular file). A new file
//! gets the permissions a plain create would give (0666 less the umask; the temporary file
//! alone would have 0600); a replaced file keeps its own. `-o -` is standard output. The one
//! write that replaces a file the run read is [`replace_read_files`], for `rg fix` alone.

use crate::failure::Failure;
use crate::interrupt;
use crate::printable;
use std::fs::{self, Metadata, Permissions};
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Where a command's output goes: standard output (no `-o`, or `-o -`), or a file. The file's
/// temporary file is made when the output is opened, before the command reads its input, so
/// that a target that cannot be written stops the run at once.
pub(crate) enum Output {
    Stdout,
    File(Pending),
}

impl Output {
    /// Standard output for `None` and `-`; else the file, checked and begun.
    pub(crate) fn open(target: Option<&Path>, force: bool) -> Result<Output, Failure> {
        match target {
            Some(path) if !is_stdout(path) => Pending::open(path, force).map(Output::File),
            _ => Ok(Output::Stdout),
        }
    }

    pub(crate) fn is_stdout(&self) -> bool {
        matches!(self, Output::Stdout)
    }

    /// Writes the whole output: to `out`, or into the file, which is then renamed into place.
    pub(crate) fn emit(self, contents: &[u8], out: &mut dyn Write) -> Result<(), Failure> {
        match self {
            Output::Stdout => out.write_all(contents)?,
            Output::File(mut file) => {
                file.fill(contents)?;
                file.commit()?;
            }
        }
        Ok(())
    }

    /// Writes what `render` writes as it writes it: to `out`, or into the temporary file, which
    /// is renamed into place once `render` has written all of it.
    pub(crate) fn emit_with(
        self,
        out: &mut dyn Write,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        match self {
            Output::Stdout => Ok(render(out)?),
            Output::File(mut file) => {
                file.fill_with(render)?;
                file.commit()
            }
        }
    }
}

/// `-o -` names standard output, as it does for most command-line tools.
pub(crate) fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

/// Writes `contents` to `path`. Fails (exit 2) if the folder does not exist, if something
/// other than a regular file is at `path`, if `path` exists and `force` is not set, if the run
/// read `path`, or if writing fails; in every failure nothing is left behind.
#[cfg(test)]
pub fn write_file(path: &Path, contents: &[u8], force: bool) -> Result<(), Failure> {
    write_files(&[(path, contents)], force)
}

/// Writes several files as one: every target is checked before anything is written, and
/// every temporary file is complete before the first is renamed into place, so that a
/// refusal or a failed write leaves none of them behind.
pub fn write_files(files: &[(&Path, &[u8])], force: bool) -> Result<(), Failure> {
    let mut pending = Vec::with_capacity(files.len());
    for (path, _) in files {
        // On an error the temporary files made so far are dropped, which deletes them.
        pending.push(Pending::open(path, force)?);
    }
    for (file, (_, contents)) in pending.iter_mut().zip(files) {
        file.fill(contents)?;
    }
    for file in pending {
        file.commit()?;
    }
    Ok(())
}

/// A file this run read, and the text that replaces it (`rg fix`).
pub(crate) struct Replacement<'a> {
    pub(crate) path: &'a Path,
    /// The text as it was read (decoded: a byte order mark dropped).
    pub(crate) read: &'a str,
    pub(crate) text: &'a str,
}

/// Replaces files the run read with new texts, the one write that may replace an input, used by
/// `rg fix` alone. Each text goes to a temporary file beside the file it replaces (the file a
/// symbolic link points to, so that a link stays a link), and the temporary files are renamed
/// over their files once all are complete. A file that changed on disk since it was read, or
/// that is no longer a regular file, stops the run (exit 2) before anything is replaced. A file
/// keeps its permissions and its byte order mark.
pub(crate) fn replace_read_files(files: &[Replacement]) -> Result<(), Failure> {
    let mut pending = Vec::with_capacity(files.len());
    for file in files {
        pending.push(prepare_replacement(file)?);
    }
    for (temp, target) in pending {
        temp.persist(&target, true)
            .map_err(|error| cannot_write(&target, &error))?;
        if let Ok(folder) = fs::File::open(folder_of(&target)) {
            let _ = folder.sync_all();
        }
    }
    Ok(())
}

/// The temporary file holding a replacement, and the file it will replace.
fn prepare_replacement(file: &Replacement) -> Result<(Temporary, PathBuf), Failure> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let fail = |error: std::io::Error| cannot_write(file.path, &error);
    let target = fs::canonicalize(file.path).map_err(fail)?;
    let metadata = fs::metadata(&target).map_err(fail)?;
    if !metadata.is_file() {
        return Err(Failure::message(format!(
            "cannot write `{}`: it is {}",
            printable::path(file.path),
            kind(&metadata)
        )));
    }
    let on_disk = fs::read(&target).map_err(fail)?;
    let bom = on_disk.starts_with(BOM);
    let body = if bom {
        &on_disk[BOM.len()..]
    } else {
        &on_disk[..]
    };
    if body != file.read.as_bytes() {
        return Err(Failure::message(format!(
            "`{}` changed since it was read; nothing was written: run the command again",
            printable::path(file.path)
        )));
    }
    let mut temp = Temporary::beside(&target).map_err(fail)?;
    let written = temp.file().and_then(|handle| {
        if bom {
            handle.write_all(BOM)?;
        }
        handle.write_all(file.text.as_bytes())?;
        handle.as_file().set_permissions(metadata.permissions())?;
        handle.as_file().sync_all()
    });
    written.map_err(fail)?;
    Ok((temp, target))
}

/// A file being written: its target, checked, and the temporary file beside it.
pub(crate) struct Pending {
    path: PathBuf,
    force: bool,
    /// The permissions of the regular file it replaces.
    replaced: Option<Permissions>,
    temp: Temporary,
}

impl Pending {
    fn open(path: &Path, force: bool) -> Result<Pending, Failure> {
        let replaced = check_target(path, force)?;
        let temp = Temporary::beside(path).map_err(|error| cannot_write(path, &error))?;
        Ok(Pending {
            path: path.to_path_buf(),
            force,
            replaced,
            temp,
        })
    }

    /// The whole text in the temporary file, flushed to disk.
    fn fill(&mut self, contents: &[u8]) -> Result<(), Failure> {
        self.fill_with(|out| out.write_all(contents))
    }

    /// What `render` writes, in the temporary file (buffered: renderers write in small pieces),
    /// flushed to disk.
    fn fill_with(
        &mut self,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), Failure> {
        let path = &self.path;
        let fail = |error: std::io::Error| cannot_write(path, &error);
        let file = self.temp.file().map_err(fail)?;
        let mut buffered = std::io::BufWriter::new(&mut *file);
        render(&mut buffered).map_err(fail)?;
        buffered.flush().map_err(fail)?;
        drop(buffered);
        if let Some(permissions) = &self.replaced {
            file.as_file()
                .set_permissions(permissions.clone())
                .map_err(fail)?;
        }
        file.as_file().sync_all().map_err(fail)
    }

    /// Renames the temporary file into place, unless the run read the target: an output never
    /// replaces an input (`rg diff a.yaml -o a.yaml --force`), whether named directly, found in a
    /// folder or read as a catalog.
    fn commit(self) -> Result<(), Failure> {
        if crate::load::read::was_read(&self.path) {
            return Err(Failure::message(format!(
                "cannot write `{}`: this run reads it; choose another output file",
                printable::path(&self.path)
            )));
        }
        let (path, force) = (self.path, self.force);
        self.temp
            .persist(&path, force)
            .map_err(|error| cannot_write(&path, &error))?;
        // The rename itself is made durable with the folder (best effort: not every system
        // lets a folder be opened for that).
        if let Ok(folder) = fs::File::open(folder_of(&path)) {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

/// A temporary file, on the interrupt list from when it is made until it is renamed into place
/// or removed (when dropped).
struct Temporary {
    file: Option<NamedTempFile>,
}

impl Temporary {
    fn beside(path: &Path) -> std::io::Result<Temporary> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(".rg-").suffix(".tmp");
        #[cfg(unix)]
        let new_file = {
            use std::os::unix::fs::PermissionsExt;
            Permissions::from_mode(0o666)
        };
        #[cfg(unix)]
        builder.permissions(new_file);
        let folder = folder_of(path);
        interrupt::with_pending(|list| {
            let file = builder.tempfile_in(folder)?;
            list.push(file.path().to_path_buf());
            Ok(Temporary { file: Some(file) })
        })
    }

    fn file(&mut self) -> std::io::Result<&mut NamedTempFile> {
        self.file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the temporary file is gone"))
    }

    /// Renames it to `path`; without `force` it fails rather than replace a file that appeared
    /// since the target was checked.
    fn persist(mut self, path: &Path, force: bool) -> std::io::Result<()> {
        let Some(file) = self.file.take() else {
            return Err(std::io::Error::other("the temporary file is gone"));
        };
        interrupt::with_pending(|list| {
            let temp_path = file.path().to_path_buf();
            let persisted = if force {
                file.persist(path)
            } else {
                file.persist_noclobber(path)
            };
            // A failed rename gives the file back; dropping it here removes it, still listed.
            let result = persisted.map(drop).map_err(|error| error.error);
            interrupt::forget(list, &temp_path);
            result
        })
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            interrupt::with_pending(|list| {
                let temp_path = file.path().to_path_buf();
                drop(file);
                interrupt::forget(list, &temp_path);
            });
        }
    }
}

/// Checks that `path` may be written; returns the permissions of the regular file it replaces.
fn check_target(path: &Path, force: bool) -> Result<Option<Permissions>, Failure> {
    let shown = printable::path(path);
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(Failure::message(format!(
            "cannot write `{shown}`: the folder `{}` does not exist",
            printable::path(&folder)
        )));
    }
    // `symlink_metadata`: a link at the target is looked at, not followed.
    let Ok(metadata) = path.symlink_metadata() else {
        return Ok(None);
    };
    if let Some(what) = not_replaceable(path, &metadata) {
        return Err(Failure::message(format!(
            "cannot write `{shown}`: it is {what}; only a regular file is replaced (`-o -` writes to standard output)"
        )));
    }
    if !force {
        return Err(Failure::message(format!(
            "`{shown}` already exists; use --force to overwrite it"
        )));
    }
    Ok(metadata.is_file().then(|| metadata.permissions()))
}

/// What is at the target, when it is anything but a regular file, a link to one or a dangling
/// link: a device (`/dev/null`), a named pipe or a link to `/proc/self/fd/1` would be written
/// through or lost by a rename.
fn not_replaceable(path: &Path, metadata: &Metadata) -> Option<String> {
    if !metadata.file_type().is_symlink() {
        return (!metadata.is_file()).then(|| kind(metadata).to_string());
    }
    match fs::metadata(path) {
        Ok(pointed) if !pointed.is_file() => Some(format!("a symbolic link to {}", kind(&pointed))),
        _ => None,
    }
}

/// What a file that is not a regular file is, in words.
fn kind(metadata: &Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let file_type = metadata.file_type();
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn cannot_write(path: &Path, error: &std::io::Error) -> Failure {
    Failure::message(format!("cannot write `{}`: {error}", printable::path(path)))
}

/// The folder a file goes into: its parent, or `.` for a bare file name.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
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
        assert!(error.contains("it is a folder"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let error = message(write_file(&fifo, b"x", true).unwrap_err());
        assert!(error.contains("it is a named pipe"), "{error}");
        let link = dir.path().join("stdout");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let error = message(write_file(&link, b"x", true).unwrap_err());
        assert!(
            error.contains("it is a symbolic link to a character device"),
            "{error}"
        );
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(entries(dir.path()), ["fifo", "stdout"]);
    }

    #[test]
    fn a_dash_is_standard_output() {
        let dir = tempfile::tempdir().unwrap();
        let output = Output::open(Some(Path::new("-")), false).unwrap();
        assert!(output.is_stdout());
        let mut out = Vec::new();
        output.emit(b"hej", &mut out).unwrap();
        assert_eq!(out, b"hej");
        let target = dir.path().join("ud.txt");
        let output = Output::open(Some(&target), false).unwrap();
        // The temporary file is there from the start, and only it.
        assert_eq!(entries(dir.path()).len(), 1);
        assert!(entries(dir.path())[0].starts_with(".rg-"));
        output.emit(b"hej", &mut out).unwrap();
        assert_eq!(entries(dir.path()), ["ud.txt"]);
    }

    #[test]
    fn a_read_file_is_replaced_in_place_keeping_its_mark_and_mode() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.yaml");
        std::fs::write(&target, "\u{feff}rolle: projektleer\r\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&target, Permissions::from_mode(0o640)).unwrap();
        }
        let replace = Replacement {
            path: &target,
            read: "rolle: projektleer\r\n",
            text: "rolle: projektleder\r\n",
        };
        replace_read_files(&[replace]).unwrap();
        assert_eq!(
            std::fs::read_to_string(&target).unwrap(),
            "\u{feff}rolle: projektleder\r\n"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o640);
        }
        assert_eq!(entries(dir.path()), ["a.yaml"]);
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.yaml"), dir.path().join("b.yaml"));
        std::fs::write(&a, "a: 1\n").unwrap();
        std::fs::write(&b, "b: edited meanwhile\n").unwrap();
        let replacements = [
            Replacement {
                path: &a,
                read: "a: 1\n",
                text: "a: 2\n",
            },
            Replacement {
                path: &b,
                read: "b: 1\n",
                text: "b: 2\n",
            },
        ];
        let error = message(replace_read_files(&replacements).unwrap_err());
        assert!(error.contains("changed since it was read"), "{error}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "a: 1\n");
        assert_eq!(entries(dir.path()), ["a.yaml", "b.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_its_file_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        let link = dir.path().join("link.yaml");
        std::fs::write(&real, "a: 1\n").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let replace = Replacement {
            path: &link,
            read: "a: 1\n",
            text: "a: 2\n",
        };
        replace_read_files(&[replace]).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "a: 2\n");
    }

    #[test]
    fn an_abandoned_output_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let output = Output::open(Some(&dir.path().join("ud.txt")), false).unwrap();
        drop(output);
        assert!(entries(dir.path()).is_empty());
    }
}
