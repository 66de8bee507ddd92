//! The lines under a finding's caret with long lines clipped: a file written on one line (by a
//! tool, or in YAML's flow style) would otherwise be printed whole under every finding.

use crate::diag::{ByteSpan, floor_char_boundary};

/// Lines up to this many characters are shown whole.
const MAX_CHARS: usize = 160;
/// Characters kept before the caret when its line is clipped.
const BEFORE_CARET: usize = 40;
const CUT: &str = "…";

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
    /// `None` when every line around the span is short enough to show as it is.
    pub(crate) fn clip(text: &str, span: ByteSpan) -> Option<Excerpt> {
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
}
