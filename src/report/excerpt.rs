//! The lines under a finding's caret with long lines clipped: a file written on one line (by a
//! tool, or in YAML's flow style) would otherwise be printed whole under every finding.

use crate::diag::{ByteSpan, SourceFile, floor_char_boundary};

/// Lines up to this many characters are shown whole.
const MAX_CHARS: usize = 160;
/// Characters kept before the caret when its line is clipped.
const BEFORE_CARET: usize = 40;
const CUT: &str = "…";
/// Bytes kept either side of a span on a long line before it is clipped: more than the
/// characters a window shows (a character is at most 4 bytes), so that clipping costs the
/// window, not the line.
const BOUND: usize = 4 * (MAX_CHARS + 1);

/// The span's line and one line either side (miette's context), long lines clipped, with the
/// span moved to where it now stands.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Excerpt {
    pub(crate) text: String,
    /// The file's 0-based line number of the excerpt's first line.
    pub(crate) first_line: usize,
    pub(crate) span: ByteSpan,
    /// The span's 0-based column in the file, in characters, for the header.
    pub(crate) column: usize,
}

impl Excerpt {
    /// The lines miette shows for a span (its lines and one either side), found by the file's
    /// line index: a finding costs its own lines, never a scan of the file or of a long line.
    pub(crate) fn around(file: &SourceFile, span: ByteSpan) -> Excerpt {
        let text = &file.text;
        let offset = floor_char_boundary(text, span.offset.min(text.len()));
        let caret_line = file.line_of(offset);
        let first = caret_line.saturating_sub(1);
        let last = (file.line_of(span.end()) + 1).min(file.line_of(text.len()));
        let column = file.line_column(offset).1 - 1;
        let is_long = |line: ByteSpan| {
            line.len > MAX_CHARS
                && text[line.offset..line.end()]
                    .chars()
                    .nth(MAX_CHARS)
                    .is_some()
        };
        if !(first..=last)
            .filter_map(|l| file.line_span(l))
            .any(is_long)
        {
            let start = file.line_span(first).map_or(0, |l| l.offset);
            // Up to the next line's start: the last line keeps its line break, as in the file.
            let end = file.line_span(last + 1).map_or(text.len(), |l| l.offset);
            let window = &text[start..end];
            let inner = (offset - start).min(window.len());
            return Excerpt {
                text: crate::printable::same_length(window).into_owned(),
                first_line: first,
                span: ByteSpan {
                    offset: inner,
                    len: span.len.min(window.len() - inner),
                },
                column,
            };
        }
        let (bounded, inner) = bounded(
            file,
            caret_line,
            ByteSpan {
                offset,
                len: span.len,
            },
        );
        match Excerpt::clip(&bounded, inner) {
            Some(excerpt) => Excerpt {
                first_line: first + excerpt.first_line,
                column,
                ..excerpt
            },
            None => Excerpt {
                text: crate::printable::same_length(&bounded).into_owned(),
                first_line: first,
                span: inner,
                column,
            },
        }
    }

    /// `None` when every line around the span is short enough to show as it is.
    fn clip(text: &str, span: ByteSpan) -> Option<Excerpt> {
        let offset = floor_char_boundary(text, span.offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let before_start = match line_start {
            0 => 0,
            _ => text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1),
        };
        let after_end = match text[line_end..].get(1..) {
            Some(rest) => rest.find('\n').map_or(text.len(), |i| line_end + 1 + i),
            None => line_end,
        };
        let around = [
            &text[before_start..line_start.saturating_sub(1).max(before_start)],
            &text[line_start..line_end],
            &text[(line_end + 1).min(after_end)..after_end],
        ];
        if around.iter().all(|line| line.chars().count() <= MAX_CHARS) {
            return None;
        }
        let caret = &text[line_start..line_end];
        let mut span_end = (offset + span.len).min(line_end);
        while !text.is_char_boundary(span_end) {
            span_end += 1;
        }
        let cut = window(caret, offset - line_start, span_end - line_start);
        let mut lines = Vec::new();
        if line_start > 0 {
            lines.push(head(around[0]));
        }
        let span = ByteSpan {
            offset: lines.iter().map(|l| l.len() + 1).sum::<usize>() + cut.span.offset,
            len: cut.span.len,
        };
        lines.push(cut.line);
        // The empty "line" after a file's last newline is no line.
        if line_end < text.len() && !(around[2].is_empty() && after_end == text.len()) {
            lines.push(head(around[2]));
        }
        Some(Excerpt {
            text: crate::printable::same_length(&lines.join("\n")).into_owned(),
            first_line: text[..before_start].matches('\n').count(),
            span,
            column: char_column(text, offset),
        })
    }
}

/// The caret's line and the lines either side, each cut to [`BOUND`] bytes around what a
/// window can show of it, and the span's place in that text.
fn bounded(file: &SourceFile, caret_line: usize, span: ByteSpan) -> (String, ByteSpan) {
    let text = &file.text;
    let cut = |from: usize, to: usize| {
        let from = floor_char_boundary(text, from);
        let mut to = to.min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        &text[from..to.max(from)]
    };
    let head_of = |line: ByteSpan| cut(line.offset, line.offset + BOUND.min(line.len));
    let mut lines: Vec<&str> = Vec::new();
    if let Some(before) = caret_line.checked_sub(1).and_then(|l| file.line_span(l)) {
        lines.push(head_of(before));
    }
    let line = file.line_span(caret_line).unwrap_or_default();
    let from = span.offset.saturating_sub(BOUND).max(line.offset);
    let to = (span.offset + span.len + BOUND).min(line.end());
    let caret = cut(from, to);
    let before: usize = lines.iter().map(|l| l.len() + 1).sum();
    let start_in_caret = floor_char_boundary(text, from);
    lines.push(caret);
    if let Some(after) = file.line_span(caret_line + 1) {
        lines.push(head_of(after));
    }
    let inner = ByteSpan {
        offset: before + (span.offset - start_in_caret).min(caret.len()),
        len: span
            .len
            .min(caret.len().saturating_sub(span.offset - start_in_caret)),
    };
    (lines.join("\n"), inner)
}

/// A line other than the caret's: its first characters.
fn head(line: &str) -> String {
    match line.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}{CUT}", &line[..end]),
        None => line.to_string(),
    }
}

/// The 0-based column of a byte offset, in characters, as `rg check --format json` counts
/// (miette counts bytes).
pub(crate) fn char_column(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    text[line_start..offset].chars().count()
}

/// The caret's line cut around the span, and the span's place in it.
struct Window {
    line: String,
    span: ByteSpan,
}

/// The caret's line cut to at most [`MAX_CHARS`] characters around the span (byte offsets
/// `start..end` in the line).
fn window(line: &str, start: usize, end: usize) -> Window {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let caret = chars.partition_point(|(i, _)| *i < start);
    let from = caret
        .saturating_sub(BEFORE_CARET)
        .min(chars.len().saturating_sub(MAX_CHARS));
    let to = (from + MAX_CHARS).min(chars.len());
    let byte = |index: usize| chars.get(index).map_or(line.len(), |(i, _)| *i);
    let (from_byte, to_byte) = (byte(from), byte(to));
    let lead = if from > 0 { CUT } else { "" };
    let tail = if to < chars.len() { CUT } else { "" };
    let offset = lead.len() + start.clamp(from_byte, to_byte) - from_byte;
    let len = end.clamp(from_byte, to_byte) - start.clamp(from_byte, to_byte);
    Window {
        line: format!("{lead}{}{tail}", &line[from_byte..to_byte]),
        span: ByteSpan { offset, len },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str) -> ByteSpan {
        ByteSpan {
            offset: text.find(needle).unwrap(),
            len: needle.len(),
        }
    }

    fn shown(excerpt: &Excerpt) -> &str {
        &excerpt.text[excerpt.span.offset..excerpt.span.offset + excerpt.span.len]
    }

    #[test]
    fn a_span_inside_a_character_or_past_the_end_is_no_panic() {
        let text = format!("titel: {}\n", "æ".repeat(400));
        for offset in [8, 9, text.len() - 1, text.len(), text.len() + 5] {
            let span = ByteSpan { offset, len: 3 };
            let excerpt = Excerpt::clip(&text, span).unwrap();
            let shown = excerpt.span;
            assert!(excerpt.text.is_char_boundary(shown.offset));
            assert!(excerpt.text.is_char_boundary(shown.offset + shown.len));
            assert!(char_column(&text, offset) <= 407);
        }
    }

    #[test]
    fn short_lines_are_shown_whole() {
        let text = "a: 1\nb: 2\nc: 3\n";
        assert_eq!(Excerpt::clip(text, span_of(text, "2")), None);
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!(
            "system: x\ntitel: {}FEJL{}\nroller: []\n",
            "å".repeat(500),
            "ø".repeat(500)
        );
        let excerpt = Excerpt::clip(&text, span_of(&text, "FEJL")).unwrap();
        assert_eq!(shown(&excerpt), "FEJL");
        let lines: Vec<&str> = excerpt.text.lines().collect();
        assert_eq!(lines[0], "system: x");
        assert_eq!(lines[2], "roller: []");
        assert!(
            lines[1].starts_with(CUT) && lines[1].ends_with(CUT),
            "{}",
            lines[1]
        );
        assert_eq!(lines[1].chars().count(), MAX_CHARS + 2);
        assert_eq!(excerpt.first_line, 0);
    }

    #[test]
    fn a_span_at_the_start_or_end_of_a_long_line_stays_in_the_window() {
        let text = format!("{}\nroller: [{}END]", "# x".repeat(100), "a, ".repeat(300));
        let start = Excerpt::clip(&text, span_of(&text, "# x")).unwrap();
        assert_eq!(shown(&start), "# x");
        assert!(!start.text.starts_with(CUT));
        let end = Excerpt::clip(&text, span_of(&text, "END]")).unwrap();
        assert_eq!(shown(&end), "END]");
        assert!(end.text.lines().last().unwrap().ends_with("END]"));
        assert_eq!(end.first_line, 0);
    }

    #[test]
    fn a_span_longer_than_the_window_is_cut_with_it() {
        let value = format!("\"{}\"", "x".repeat(1000));
        let text = format!("a: 1\nb: 2\ntitel: {value}\n");
        let excerpt = Excerpt::clip(&text, span_of(&text, &value)).unwrap();
        assert_eq!(excerpt.first_line, 1);
        assert_eq!(
            excerpt.text,
            format!("b: 2\ntitel: \"{}{CUT}", "x".repeat(MAX_CHARS - 8))
        );
        assert_eq!(shown(&excerpt), format!("\"{}", "x".repeat(MAX_CHARS - 8)));
    }

    #[test]
    fn around_shows_what_clipping_the_whole_file_shows() {
        let line = format!("{}FEJL{}", "aæ, ".repeat(700), "ø😀 ".repeat(700));
        let text = format!(
            "system: x\ntitel: {line}\nroller: [{}]\nslut: 1\n",
            "b, ".repeat(400)
        );
        let file = SourceFile::new(std::path::Path::new("x.yaml"), text.clone());
        for offset in (0..text.len())
            .step_by(97)
            .filter(|o| text.is_char_boundary(*o))
        {
            let span = ByteSpan { offset, len: 4 };
            let whole = Excerpt::clip(&text, span);
            let around = Excerpt::around(&file, span);
            if let Some(whole) = whole {
                assert_eq!(around, whole, "at {offset}");
            }
        }
    }

    #[test]
    fn around_a_short_line_is_the_lines_either_side() {
        let text = "a: 1\nb: 2\nc: 3\nd: 4\n";
        let file = SourceFile::new(std::path::Path::new("x.yaml"), text.into());
        let excerpt = Excerpt::around(&file, span_of(text, "3"));
        assert_eq!(excerpt.text, "b: 2\nc: 3\nd: 4\n");
        assert_eq!((excerpt.first_line, excerpt.column), (1, 3));
        assert_eq!(shown(&excerpt), "3");
    }
}
