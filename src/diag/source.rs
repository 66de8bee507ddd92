//! The files findings point into, byte spans in them, and values read with their span.

use serde::{Serialize, Serializer};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// A file as read from disk (or the embedded gallery): its name as the user gave it and its
/// decoded text (BOM removed). Diagnostics share it, so a file is read once.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user named it (relative paths stay relative).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    /// Built on the first position asked for: a clean file never needs it.
    index: OnceLock<LineIndex>,
}

/// Where lines start, and how many characters precede every [`CHECKPOINT`]-th byte, so that a
/// position costs a binary search and a short count however long the file or its lines are.
#[derive(Debug)]
struct LineIndex {
    line_starts: Vec<usize>,
    chars_before_checkpoint: Vec<usize>,
}

/// Small, for the findings on one long line (a flow sequence of many references), each of
/// whose columns counts up to a checkpoint's bytes twice; the index costs 8 bytes per 128.
const CHECKPOINT: usize = 128;

impl LineIndex {
    fn of(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut chars_before_checkpoint = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0;
        for (n, chunk) in bytes.chunks(CHECKPOINT).enumerate() {
            chars_before_checkpoint.push(chars);
            let base = n * CHECKPOINT;
            for (i, &byte) in chunk.iter().enumerate() {
                // A line ends at `\n`, at `\r\n`, and at a lone `\r` (YAML 1.2 line breaks).
                let breaks =
                    byte == b'\n' || (byte == b'\r' && bytes.get(base + i + 1) != Some(&b'\n'));
                if breaks {
                    line_starts.push(base + i + 1);
                }
            }
            chars += chars_in(chunk);
        }
        if bytes.len().is_multiple_of(CHECKPOINT) {
            chars_before_checkpoint.push(chars);
        }
        LineIndex {
            line_starts,
            chars_before_checkpoint,
        }
    }

    /// Characters before a byte offset (a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let checkpoint = offset / CHECKPOINT;
        let Some(&before) = self.chars_before_checkpoint.get(checkpoint) else {
            return 0;
        };
        let from = checkpoint * CHECKPOINT;
        before + chars_in(&text.as_bytes()[from..offset])
    }

    /// Characters from `start` to `offset` (char boundaries, `start <= offset`): counted when
    /// they are near, as on most lines, else by the checkpoints, which cost up to a
    /// checkpoint's bytes each.
    fn chars_between(&self, text: &str, start: usize, offset: usize) -> usize {
        if offset - start <= CHECKPOINT {
            return chars_in(&text.as_bytes()[start..offset]);
        }
        self.chars_before(text, offset) - self.chars_before(text, start)
    }

    /// 0-based line of a byte offset.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }
}

/// Characters in UTF-8 bytes: every byte but continuation bytes starts one.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b & 0xC0 != 0x80).count()
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            name: display_name(path),
            path: path.to_path_buf(),
            text,
            index: OnceLock::new(),
        })
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::of(&self.text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.index();
        let line = index.line_of(offset);
        let start = index.line_starts[line];
        (line + 1, index.chars_between(&self.text, start, offset) + 1)
    }

    /// The byte range of a 0-based line, without its line break.
    pub(crate) fn line_span(&self, line: usize) -> Option<ByteSpan> {
        let starts = &self.index().line_starts;
        let start = *starts.get(line)?;
        let end = starts.get(line + 1).map_or(self.text.len(), |next| *next);
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        Some(ByteSpan {
            offset: start,
            len: content.len(),
        })
    }

    /// The 0-based line of a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.index().line_of(offset.min(self.text.len()))
    }

    /// The text of a span (empty if it lies outside the file).
    #[cfg(test)]
    pub(crate) fn slice(&self, span: ByteSpan) -> &str {
        self.text.get(span.offset..span.end()).unwrap_or_default()
    }
}

/// The nearest char boundary at or before `offset` (which must be at most `text.len()`).
pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Paths are shown with forward slashes and without a leading `./`.
fn display_name(path: &Path) -> String {
    let shown = path.to_string_lossy().replace('\\', "/");
    shown.strip_prefix("./").unwrap_or(&shown).to_string()
}

/// A byte range in a [`SourceFile`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSpan {
    pub offset: usize,
    pub len: usize,
}

impl ByteSpan {
    pub(crate) fn new(offset: usize, end: usize) -> ByteSpan {
        ByteSpan {
            offset,
            len: end.saturating_sub(offset),
        }
    }

    pub(crate) fn end(self) -> usize {
        self.offset + self.len
    }

    /// Whether `other` lies within this span.
    pub(crate) fn contains(self, other: ByteSpan) -> bool {
        self.offset <= other.offset && other.end() <= self.end()
    }
}

/// A value read from a file with the span of its YAML value, so that a finding about it can
/// point at it. Compares and serialises as the value alone.
#[derive(Clone, Debug, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub span: ByteSpan,
}

impl<T> Spanned<T> {
    pub(crate) fn new(value: T, span: ByteSpan) -> Spanned<T> {
        Spanned { value, span }
    }

    pub fn get_ref(&self) -> &T {
        &self.value
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Spanned<T>) -> bool {
        self.value == other.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// The pre-parsed embedded gallery (JSON) carries values without spans.
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Spanned<T>, D::Error> {
        T::deserialize(deserializer).map(|value| Spanned::new(value, ByteSpan::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<SourceFile> {
        SourceFile::new(Path::new("./a.yaml"), text.to_string())
    }

    #[test]
    fn columns_count_characters() {
        let f = file("navn: æøå\nrolle: projektleer\n");
        let offset = f.text.find("projektleer").unwrap();
        assert_eq!(f.line_column(offset), (2, 8));
        let offset = f.text.find('å').unwrap();
        assert_eq!(f.line_column(offset), (1, 9));
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        let f = file("a: 1\r\nrolle: x\r\n");
        assert_eq!(f.line_column(f.text.find('x').unwrap()), (2, 8));
        let f = file("# c\ra: 1\rrolle: x\r");
        assert_eq!(f.line_column(f.text.find('x').unwrap()), (3, 8));
    }

    #[test]
    fn long_lines_count_across_checkpoints() {
        let text = format!("{}x", "æ".repeat(3000));
        let f = file(&text);
        assert_eq!(f.line_column(text.len() - 1), (1, 3001));
    }

    /// Each character's offset, line and column, as read by walking the text from its start.
    fn walked(text: &str) -> Vec<(usize, (usize, usize))> {
        let (mut line, mut column) = (1, 1);
        let mut walked = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            walked.push((at, (line, column)));
            let next = chars.peek().map(|(_, c)| *c);
            if c == '\n' || (c == '\r' && next != Some('\n')) {
                (line, column) = (line + 1, 1);
            } else {
                column += 1; // the `\r` of a `\r\n` too, before its `\n`
            }
        }
        walked
    }

    #[test]
    fn every_offset_agrees_with_a_walk_from_the_start() {
        // Short and long lines, multi-byte characters, and line breaks on both sides of the
        // index's checkpoints.
        let mut text = String::new();
        for n in 0..40 {
            text.push_str(&"æb".repeat(n * 37 % 700));
            text.push_str(["\n", "\r\n", "\r"][n % 3]);
        }
        text.insert_str(floor_char_boundary(&text, 10 * CHECKPOINT - 1), "\r\n");
        let f = file(&text);
        for (offset, expected) in walked(&text) {
            assert_eq!(f.line_column(offset), expected, "at {offset}");
        }
    }

    #[test]
    fn line_spans_leave_out_the_break() {
        let f = file("ab\r\ncd\n");
        assert_eq!(f.slice(f.line_span(0).unwrap()), "ab");
        assert_eq!(f.slice(f.line_span(1).unwrap()), "cd");
    }

    #[test]
    fn names_lose_leading_dot_slash() {
        assert_eq!(file("").name, "a.yaml");
    }
}
