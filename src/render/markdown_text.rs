//! Making arbitrary text safe inside Markdown: table cells and inline text.

use std::fmt;

/// Escapes text for a Markdown table cell: pipes and Markdown markup are escaped and line
/// breaks become `<br>`, so a cell can never break its row or turn into markup.
pub fn cell(text: &str) -> String {
    inline(text)
}

/// Escapes text for inline Markdown: markup characters are backslash-escaped, `<`/`&` become
/// entities so no HTML passes through, and line breaks become `<br>`, so that a value never
/// starts a line of its own (where `- `, `1. `, `===` or four spaces would open a list, a
/// heading or a code block). A value may itself start a line (a list item, a paragraph): its
/// leading blanks are dropped and a list marker at its start is escaped.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = write_inline(&mut out, text);
    out
}

/// Writes `text` as [`inline`] returns it, the runs that need no escape whole.
pub(crate) fn write_inline(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    let text = text.trim_start_matches([' ', '\t', '\r']);
    let marker = block_marker_at_start(text);
    let mut plain_from = 0;
    for (i, c) in text.char_indices() {
        let escaped = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => Escape::Backslash,
            '<' => Escape::As("&lt;"),
            '>' => Escape::As("&gt;"),
            '&' => Escape::As("&amp;"),
            '\r' => Escape::As(""),
            '\n' => Escape::As("<br>"),
            _ if crate::printable::is_hostile(c) => Escape::Hostile,
            _ if Some(i) == marker => Escape::Backslash,
            _ => continue,
        };
        out.write_str(&text[plain_from..i])?;
        plain_from = i + c.len_utf8();
        match escaped {
            Escape::Backslash => write!(out, "\\{c}")?,
            Escape::As(entity) => out.write_str(entity)?,
            // Shown as `\u{1b}`: its backslash escaped, as every backslash here is.
            Escape::Hostile => write!(out, "\\\\u{{{:x}}}", c as u32)?,
        }
    }
    out.write_str(&text[plain_from..])
}

/// How [`write_inline`] writes a character that cannot stand as it is.
enum Escape {
    Backslash,
    As(&'static str),
    Hostile,
}

/// An id as inline code (`` `projektleder` ``); text that a code span cannot hold as it is
/// (a backtick, a line break) is written as escaped inline text instead.
pub fn code(text: &str) -> String {
    if text.is_empty()
        || text.contains('`')
        || text.contains(|c: char| c.is_control() || crate::printable::is_hostile(c))
    {
        inline(text)
    } else {
        format!("`{text}`")
    }
}

/// Where a list or thematic-break marker starts the text (`-`, `+`, `=`, or the `.`/`)` of
/// `1.`), to be escaped.
fn block_marker_at_start(text: &str) -> Option<usize> {
    if text.starts_with(['-', '+', '=']) {
        return Some(0);
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && text[digits..].starts_with(['.', ')'])).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_rows() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell("<script>&amp;"), "&lt;script&gt;&amp;amp;");
        assert_eq!(inline("*x* `y`"), "\\*x\\* \\`y\\`");
    }

    #[test]
    fn a_value_cannot_open_a_block() {
        assert_eq!(inline("a\n- b\n1. c\n==="), "a<br>- b<br>1. c<br>===");
        assert_eq!(inline("- a"), "\\- a");
        assert_eq!(inline("12. a"), "12\\. a");
        assert_eq!(inline("3) a"), "3\\) a");
        assert_eq!(inline("    kode"), "kode");
        assert_eq!(inline("fase-1, 2. fase"), "fase-1, 2. fase");
    }

    #[test]
    fn code_spans_hold_only_what_they_can() {
        assert_eq!(code("projektleder"), "`projektleder`");
        assert_eq!(code("<b>|*"), "`<b>|*`");
        assert_eq!(code("a`b"), "a\\`b");
        assert_eq!(code("a\n- b"), "a<br>- b");
    }
}
