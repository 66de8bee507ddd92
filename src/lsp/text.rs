//! Where things are, as the protocol says it: positions are a 0-based line and a column in
//! UTF-16 code units (an emoji is two, `æ` one), lines end at `\n`, `\r\n` or a lone `\r`, as
//! [`SourceFile`] counts them; documents are named by `file:` URIs.

use crate::diag::{ByteSpan, SourceFile};
use lsp_types::{Position, Range, TextDocumentContentChangeEvent, Uri};
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

/// The position of a byte offset (clamped to the text, moved back to a character boundary).
pub(crate) fn position(file: &SourceFile, offset: usize) -> Position {
    let offset = crate::diag::floor_char_boundary(&file.text, offset.min(file.text.len()));
    let line = file.line_of(offset);
    let start = file.line_span(line).map_or(0, |span| span.offset);
    let column = file.text[start..offset].encode_utf16().count();
    Position::new(to_u32(line), to_u32(column))
}

pub(crate) fn range(file: &SourceFile, span: ByteSpan) -> Range {
    Range::new(position(file, span.offset), position(file, span.end()))
}

/// The byte offset of a position in a text: a column past the line's end is its end, a
/// line past the text's end is the end, and a column inside a character is its start.
pub(crate) fn offset(text: &str, position: Position) -> usize {
    let start = line_start(text, position.line as usize);
    let line_end = text[start..]
        .find(['\n', '\r'])
        .map_or(text.len(), |end| start + end);
    let mut units = 0;
    for (i, c) in text[start..line_end].char_indices() {
        if units >= position.character as usize {
            return start + i;
        }
        units += c.len_utf16();
        if units > position.character as usize {
            return start + i;
        }
    }
    line_end
}

/// The byte offset where a 0-based line starts (the text's end for a line past it).
fn line_start(text: &str, line: usize) -> usize {
    let bytes = text.as_bytes();
    let mut seen = 0;
    let mut i = 0;
    while seen < line {
        match bytes.get(i) {
            None => return text.len(),
            Some(b'\n') => seen += 1,
            Some(b'\r') if bytes.get(i + 1) != Some(&b'\n') => seen += 1,
            Some(_) => {}
        }
        i += 1;
    }
    i
}

/// The byte span of a range in a text.
pub(crate) fn span(text: &str, range: Range) -> ByteSpan {
    let start = offset(text, range.start);
    let end = offset(text, range.end).max(start);
    ByteSpan::new(start, end)
}

/// A document's text after an edit from the editor (a range replaced, or the whole text).
pub(crate) fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        Some(range) => {
            let span = span(text, range);
            text.replace_range(span.offset..span.end(), &change.text);
        }
        None => *text = change.text,
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The local path of a `file:` URI (percent-decoded); `None` for any other scheme.
pub(crate) fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // An authority other than none or `localhost` names another machine.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(at) if rest[..at].eq_ignore_ascii_case("localhost") => &rest[at..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    // `file:///C:/x` is `C:/x` on Windows.
    let windows_drive = decoded.len() > 2
        && decoded.as_bytes()[2] == b':'
        && decoded.as_bytes()[1].is_ascii_alphabetic();
    if cfg!(windows) && windows_drive {
        return Some(PathBuf::from(&decoded[1..]));
    }
    Some(PathBuf::from(decoded))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `file:` URI of an absolute path, every byte outside the unreserved set and `/`
/// percent-encoded (so `æ` is `%C3%A6`, a space `%20`).
pub(crate) fn uri_of(path: &Path) -> Option<Uri> {
    let absolute = absolute(path);
    let shown = absolute.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file://");
    if !shown.starts_with('/') {
        uri.push('/');
    }
    for byte in shown.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            b':' if cfg!(windows) => uri.push(':'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

/// A path made absolute against the current folder, `.` and `..` resolved in its words.
pub(crate) fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .unwrap_or_else(|_| PathBuf::from("/"))
            .join(path)
    };
    let mut tidy = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                tidy.pop();
            }
            other => tidy.push(other),
        }
    }
    tidy
}

/// A path as the pipeline names files: relative to the current folder when it lies below it,
/// so that messages naming another file read as `rg check` run there writes them.
pub(crate) fn shown(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().map(|cwd| absolute(&cwd));
    match cwd.ok().and_then(|cwd| path.strip_prefix(&cwd).ok()) {
        Some(below) if !below.as_os_str().is_empty() => below.to_path_buf(),
        Some(_) => PathBuf::from("."),
        None => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> std::sync::Arc<SourceFile> {
        SourceFile::new(Path::new("a.yaml"), text.to_string())
    }

    #[test]
    fn columns_are_utf16_code_units() {
        let text = "navn: \"æ😀\" rolle: x\r\nfase: y\n";
        let f = file(text);
        let x = text.find('x').unwrap();
        // `navn: "` is 7 units, `æ` one, the emoji two, `" rolle: ` nine.
        assert_eq!(position(&f, x), Position::new(0, 19));
        assert_eq!(offset(text, Position::new(0, 19)), x);
        let y = text.find('y').unwrap();
        assert_eq!(position(&f, y), Position::new(1, 6));
        assert_eq!(offset(text, Position::new(1, 6)), y);
    }

    #[test]
    fn positions_past_the_end_or_inside_a_character_are_clamped() {
        let text = "a😀b\nc";
        assert_eq!(offset(text, Position::new(0, 2)), 1, "inside the emoji");
        assert_eq!(offset(text, Position::new(0, 99)), 6, "past the line");
        assert_eq!(
            offset(text, Position::new(9, 0)),
            text.len(),
            "past the text"
        );
        assert_eq!(
            offset("a\rb", Position::new(1, 0)),
            2,
            "a lone CR ends a line"
        );
    }

    #[test]
    fn incremental_changes_splice_the_text() {
        let mut text = "rolle: projektleer\n".to_string();
        apply_change(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range::new(Position::new(0, 17), Position::new(0, 17))),
                range_length: None,
                text: "d".into(),
            },
        );
        assert_eq!(text, "rolle: projektleedr\n");
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_round_trip_with_danish_letters_and_spaces() {
        let path = Path::new("/tmp/kataloger æø/sapa 1.yaml");
        let uri = uri_of(path).unwrap();
        assert_eq!(
            uri.as_str(),
            "file:///tmp/kataloger%20%C3%A6%C3%B8/sapa%201.yaml"
        );
        assert_eq!(path_of(&uri).unwrap(), path);
        let other = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&other), None);
    }
}
