//! Reading a file from disk: size limit first, then UTF-8 decoding (a BOM is dropped).

use crate::diag::{ByteSpan, Diagnostic, SourceFile, codes};
use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

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

fn read_bounded(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let unreadable = |error: std::io::Error| {
        let empty = SourceFile::new(path, String::new());
        Diagnostic::new(
            &codes::file::UNREADABLE,
            format!("cannot read the file: {error}"),
        )
        .in_file(&empty)
    };
    let handle = File::open(path).map_err(unreadable)?;
    let size = handle.metadata().map_err(unreadable)?.len();
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

/// Decodes UTF-8, dropping a leading BOM. Invalid bytes are reported at the first one.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
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

    #[test]
    fn missing_file_is_unreadable() {
        let error = read_source(Path::new("/no/such/file.yaml")).unwrap_err();
        assert_eq!(error.code(), "rg::file::unreadable");
    }
}
