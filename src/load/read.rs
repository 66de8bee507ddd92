//! Reading a file from disk: size limit first, then UTF-8 decoding (a BOM is dropped; UTF-16
//! is named as such). Every file read is noted, so that no output of the same run replaces it.

use crate::diag::{ByteSpan, Diagnostic, SourceFile, codes};
use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Files larger than this are refused before they are read (`rg::yaml::limit`).
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

const BOM: &str = "\u{feff}";

/// Reads and decodes one file, or says why it could not.
pub fn read_source(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = read_bounded(path)?;
    decode(path, bytes)
}

/// Reads one file from standard input, named `<stdin>`, with the same limits.
pub fn read_stdin() -> Result<Arc<SourceFile>, Diagnostic> {
    let path = Path::new("<stdin>");
    let mut bytes = Vec::new();
    let read = std::io::stdin()
        .lock()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes);
    if let Err(error) = read {
        let empty = SourceFile::new(path, String::new());
        return Err(Diagnostic::new(
            &codes::file::UNREADABLE,
            format!("cannot read standard input: {error}"),
        )
        .in_file(&empty));
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, None));
    }
    decode(path, bytes)
}

/// Reads a file's bytes within the size limit, noting the read (a workbook for `rg import`).
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let unreadable = |error: std::io::Error| {
        let empty = SourceFile::new(path, String::new());
        Diagnostic::new(
            &codes::file::UNREADABLE,
            format!("cannot read the file: {error}"),
        )
        .in_file(&empty)
    };
    let handle = File::open(path).map_err(unreadable)?;
    let metadata = handle.metadata().map_err(unreadable)?;
    note_read(path, &metadata);
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(path, Some(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // `take` guards against a file that grows between `metadata` and `read`.
    handle
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, None));
    }
    Ok(bytes)
}

/// What makes a file the same file: its device and inode (a link or another spelling of the
/// path is the same file); elsewhere than on Unix, its canonical path.
#[cfg(unix)]
type FileId = (u64, u64);
#[cfg(not(unix))]
type FileId = PathBuf;

#[cfg(unix)]
fn file_id(_path: &Path, metadata: &Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path, _metadata: &Metadata) -> Option<FileId> {
    path.canonicalize().ok()
}

/// The files this run has read, each with the path it was read by.
static READ: Mutex<Option<HashMap<FileId, PathBuf>>> = Mutex::new(None);

fn note_read(path: &Path, metadata: &Metadata) {
    if let Some(id) = file_id(path, metadata) {
        let mut read = READ.lock().unwrap_or_else(PoisonError::into_inner);
        read.get_or_insert_with(HashMap::new)
            .insert(id, path.to_path_buf());
    }
}

/// Whether `path` names a file this run has read (following links, as reading did). The path
/// it was read by must still name it: an inode freed and reused since is another file.
pub(crate) fn was_read(path: &Path) -> bool {
    let id_of = |path: &Path| std::fs::metadata(path).ok().and_then(|m| file_id(path, &m));
    let Some(id) = id_of(path) else {
        return false;
    };
    let read = READ.lock().unwrap_or_else(PoisonError::into_inner);
    read.as_ref()
        .and_then(|read| read.get(&id))
        .is_some_and(|read_as| id_of(read_as).as_ref() == Some(&id))
}

/// `size` is known from the file system; a pipe or a growing file is only known to be larger
/// than the limit, as reading stops there.
fn too_large(path: &Path, size: Option<u64>) -> Diagnostic {
    let empty = SourceFile::new(path, String::new());
    let limit = MAX_FILE_BYTES / (1024 * 1024);
    let message = match size {
        Some(size) => format!(
            "the file is {} MiB; files over {limit} MiB are not read",
            size.div_ceil(1024 * 1024)
        ),
        None => format!("the file is larger than {limit} MiB; files over {limit} MiB are not read"),
    };
    Diagnostic::new(&codes::yaml::LIMIT, message)
        .with_help("split the file, or check that it is the file you meant")
        .in_file(&empty)
}

/// Decodes UTF-8, dropping a leading BOM. Invalid bytes are reported at the first one; UTF-16
/// is reported as such, since its text of ASCII letters and zero bytes may well be valid UTF-8.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    if let Some(order) = utf16(&bytes) {
        let empty = SourceFile::new(path, String::new());
        return Err(
            Diagnostic::new(&codes::file::ENCODING, "the file looks like UTF-16; save it as UTF-8")
                .with_help(format!(
                    "it reads as UTF-16 {order}; save it with the encoding UTF-8 (Notepad and Excel call UTF-16 \"Unicode\")"
                ))
                .in_file(&empty),
        );
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BOM) {
                text.drain(..BOM.len());
            }
            Ok(SourceFile::new(path, text))
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let file = SourceFile::new(path, lossy);
            let span = ByteSpan {
                offset: valid,
                len: '\u{fffd}'.len_utf8(),
            };
            Err(
                Diagnostic::new(&codes::file::ENCODING, "the file is not valid UTF-8")
                    .with_help("save the file as UTF-8 (Latin-1 and Windows-1252 are not accepted)")
                    .at(&file, span),
            )
        }
    }
}

/// The byte order of text that looks like UTF-16: by its byte order mark, else by where its
/// zero bytes are. The files are mostly ASCII and Danish letters, each a zero byte and another
/// in UTF-16, while UTF-8 text has no zero bytes at all.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian (with a byte order mark)"),
        [0xFE, 0xFF, ..] => return Some("big-endian (with a byte order mark)"),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    let zeros = |first: usize| {
        sample
            .iter()
            .skip(first)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if pairs == 0 {
        None
    } else if odd * 2 >= pairs && even * 8 < odd {
        Some("little-endian")
    } else if even * 2 >= pairs && odd * 8 < even {
        Some("big-endian")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let file = decode(Path::new("a.yaml"), b"\xef\xbb\xbfa: 1\n".to_vec()).unwrap();
        assert_eq!(file.text, "a: 1\n");
    }

    #[test]
    fn latin1_is_reported_at_the_first_bad_byte() {
        let error = decode(Path::new("a.yaml"), b"navn: S\xf8ren\n".to_vec()).unwrap_err();
        assert_eq!(error.code(), "rg::file::encoding");
        let position = error.position().unwrap();
        assert_eq!((position.line, position.column), (1, 8));
    }

    fn utf16_bytes(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut units: Vec<u16> = text.encode_utf16().collect();
        if bom {
            units.insert(0, 0xfeff);
        }
        let bytes = |unit: u16| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        };
        units.into_iter().flat_map(bytes).collect()
    }

    #[test]
    fn utf16_is_named_with_or_without_a_bom() {
        let text = "kommune: Næstved\npersoner: {}\n";
        for big_endian in [false, true] {
            for bom in [false, true] {
                let bytes = utf16_bytes(text, big_endian, bom);
                let error = decode(Path::new("a.yaml"), bytes).unwrap_err();
                assert_eq!(error.code(), "rg::file::encoding");
                assert_eq!(
                    error.message,
                    "the file looks like UTF-16; save it as UTF-8"
                );
                let help = error.help.unwrap();
                let order = if big_endian {
                    "big-endian"
                } else {
                    "little-endian"
                };
                assert!(help.contains(order), "{help}");
            }
        }
        assert!(decode(Path::new("a.yaml"), text.as_bytes().to_vec()).is_ok());
        assert!(decode(Path::new("a.yaml"), b"a".to_vec()).is_ok());
    }

    #[test]
    fn a_read_file_is_known_by_any_path_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        std::fs::write(&file, "a: 1\n").unwrap();
        assert!(!was_read(&file));
        read_source(&file).unwrap();
        assert!(was_read(&file));
        assert!(was_read(&dir.path().join(".").join("a.yaml")));
        #[cfg(unix)]
        {
            let link = dir.path().join("link.yaml");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert!(was_read(&link));
        }
        // Removed and made anew: another file.
        std::fs::remove_file(&file).unwrap();
        std::fs::write(&file, "a: 2\n").unwrap();
        let other = dir.path().join("b.yaml");
        std::fs::write(&other, "b: 1\n").unwrap();
        assert!(!was_read(&other));
    }

    #[test]
    fn missing_file_is_unreadable() {
        let error = read_source(Path::new("/no/such/file.yaml")).unwrap_err();
        assert_eq!(error.code(), "rg::file::unreadable");
    }
}
