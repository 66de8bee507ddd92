//! Control characters from the files, made visible in every output. YAML's double-quoted
//! scalars can hold any character as an escape (`"\e]0;title\a"`), and the files are shared
//! between municipalities: a value must not move the cursor, clear the screen, set the
//! terminal's title or ring its bell when an output is printed.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;

/// A control character other than a line break or a tab.
fn is_hostile(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The text with every control character but line breaks and tabs written as `\u{1b}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_hostile(text, |out, c| write!(out, "\\u{{{:x}}}", c as u32))
}

/// The text with each control character but line breaks and tabs written by `escape`.
fn escape_hostile(
    text: &str,
    escape: impl Fn(&mut String, char) -> std::fmt::Result,
) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_hostile(c) {
            // Writing into a String cannot fail.
            let _ = escape(&mut shown, c);
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// The text with every control character but line breaks (`\n`, `\r\n`) and tabs replaced by
/// one of the same length in bytes (`?` or `¿`), for text whose byte offsets must stay (the
/// file's text under a finding's caret).
pub fn same_length(text: &str) -> Cow<'_, str> {
    let hostile_at =
        |(i, c): (usize, char)| is_hostile(c) && !(c == '\r' && text[i + 1..].starts_with('\n'));
    if !text.char_indices().any(hostile_at) {
        return Cow::Borrowed(text);
    }
    let replace = |(i, c): (usize, char)| match c.len_utf8() {
        1 if hostile_at((i, c)) => '?',
        2 if hostile_at((i, c)) => '¿',
        _ => c,
    };
    Cow::Owned(text.char_indices().map(replace).collect())
}

/// Pretty JSON with DEL and the C1 controls escaped too (serde_json escapes only those below
/// U+0020): the same data, safe to print.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> std::io::Result<String> {
    let json = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    // JSON's own syntax is ASCII without controls, so any such character is inside a string.
    let escaped = match escape_hostile(&json, |out, c| write!(out, "\\u{:04x}", c as u32)) {
        Cow::Owned(escaped) => Some(escaped),
        Cow::Borrowed(_) => None,
    };
    Ok(escaped.unwrap_or(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_written_as_escapes() {
        assert_eq!(
            printable("a\u{1b}[31mb\u{7}\r\n\tc\u{9b}\u{7f}"),
            "a\\u{1b}[31mb\\u{7}\\u{d}\n\tc\\u{9b}\\u{7f}"
        );
        assert!(matches!(printable("Rød\nlinje"), Cow::Borrowed(_)));
    }

    #[test]
    fn same_length_keeps_every_byte_offset() {
        let text = "æ\u{1b}ø\u{85}å\u{7f}\r\r\n";
        let shown = same_length(text);
        assert_eq!(shown, "æ?ø¿å??\r\n");
        assert_eq!(shown.len(), text.len());
    }

    #[test]
    fn json_keeps_its_data() {
        let value = vec!["a\u{9b}b\u{1b}c\u{7f}"];
        let json = json_pretty(&value).unwrap();
        assert!(!json.chars().any(is_hostile), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }
}
