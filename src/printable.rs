//! Control characters from the files, made visible in every output. YAML's double-quoted
//! scalars can hold any character as an escape (`"\e]0;title\a"`), and the files are shared
//! between municipalities: a value must not move the cursor, clear the screen, set the
//! terminal's title or ring its bell when an output is printed. Nor may it reorder the text
//! around it unseen (the bidi controls, as in "Trojan Source") or hide inside a word (the
//! zero-width characters): those are shown as escapes too. CSV cells are kept from being read
//! as spreadsheet formulas here as well.

use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;

/// A control character other than a line break or a tab, or an invisible one.
pub(crate) fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_invisible(c)
}

/// The bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which reorder the
/// text shown around them, and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF; a
/// byte order mark at a file's start is dropped when it is read, so any left is inside text).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{061c}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// The text with every control character but line breaks and tabs written as `\u{1b}`.
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_hostile(text, |out, c| write!(out, "\\u{{{:x}}}", c as u32))
}

/// Text that must stay on one line (a file name, a value in an exit message): as
/// [`printable`], and line breaks and tabs written as escapes too, so that a file named
/// `"a\n::error file=x"` cannot start a line of its own in a report.
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape_where(
        text,
        |c| is_hostile(c) || c.is_control(),
        |out, c| write!(out, "\\u{{{:x}}}", c as u32),
    )
}

/// A path as [`one_line`] shows it.
pub fn path(path: &std::path::Path) -> String {
    one_line(&path.to_string_lossy()).into_owned()
}

/// A CSV cell that a spreadsheet cannot take for a formula: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against CSV injection;
/// Excel and LibreOffice show the text and hide the quote). Control characters are escaped.
pub fn csv_cell(text: &str) -> Cow<'_, str> {
    let text = printable(text);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        text
    }
}

/// The text with each control character but line breaks and tabs written by `escape`.
fn escape_hostile(
    text: &str,
    escape: impl Fn(&mut String, char) -> std::fmt::Result,
) -> Cow<'_, str> {
    // Most text has no byte a hostile character can start with: told by the table, without
    // decoding a character (a document asks for its hundred thousand values).
    if !text.bytes().any(|b| MAY_START_HOSTILE[usize::from(b)]) {
        return Cow::Borrowed(text);
    }
    escape_where(text, is_hostile, escape)
}

/// The text with each character that `hostile` picks written by `escape`.
fn escape_where(
    text: &str,
    hostile: impl Fn(char) -> bool,
    escape: impl Fn(&mut String, char) -> std::fmt::Result,
) -> Cow<'_, str> {
    if !text.chars().any(&hostile) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if hostile(c) {
            // Writing into a String cannot fail.
            let _ = escape(&mut shown, c);
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// The text with every control character but line breaks (`\n`, `\r\n`) and tabs, and every
/// invisible character, replaced by one of the same length in bytes (`?`, `¿` or `�`), for text
/// whose byte offsets must stay (the file's text under a finding's caret).
pub fn same_length(text: &str) -> Cow<'_, str> {
    let hostile_at =
        |(i, c): (usize, char)| is_hostile(c) && !(c == '\r' && text[i + 1..].starts_with('\n'));
    if !text.char_indices().any(hostile_at) {
        return Cow::Borrowed(text);
    }
    let replace = |(i, c): (usize, char)| match c.len_utf8() {
        1 if hostile_at((i, c)) => '?',
        2 if hostile_at((i, c)) => '¿',
        // The bidi and zero-width characters other than U+061C take three bytes.
        3 if hostile_at((i, c)) => '\u{fffd}',
        _ => c,
    };
    Cow::Owned(text.char_indices().map(replace).collect())
}

/// Pretty JSON with DEL and the C1 controls escaped too (serde_json escapes only those below
/// U+0020): the same data, safe to print.
pub fn json_pretty<T: Serialize + ?Sized>(value: &T) -> std::io::Result<String> {
    let mut json = Vec::with_capacity(128);
    write_json(&mut json, value, 0)?;
    // Only whole characters are written, and serde_json writes UTF-8.
    String::from_utf8(json).map_err(std::io::Error::other)
}

/// Writes `value` as [`json_pretty`] does, straight to `out`, as if nested `depth` levels deep
/// (its inner lines indented so): an element of a JSON document written piece by piece.
pub(crate) fn write_json<T: Serialize + ?Sized>(
    out: impl std::io::Write,
    value: &T,
    depth: usize,
) -> std::io::Result<()> {
    let formatter = SafePretty {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)
}

/// The bytes a hostile character's UTF-8 can start with, by byte: most text has none, and a
/// table tells it in one step per byte.
static MAY_START_HOSTILE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = byte < 0x20 || matches!(byte, 0x7f | 0xc2 | 0xd8 | 0xe2 | 0xef);
        byte += 1;
    }
    table
};

/// serde_json's pretty layout (two spaces a level), with every hostile character inside a
/// string written as `\uXXXX`. JSON's own syntax is ASCII without controls, so strings are
/// the only place one can be.
struct SafePretty {
    depth: usize,
    has_value: bool,
}

impl SafePretty {
    fn line<W: std::io::Write + ?Sized>(&self, out: &mut W, first: bool) -> std::io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(out)
    }

    fn indent<W: std::io::Write + ?Sized>(&self, out: &mut W) -> std::io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        let mut left = self.depth * 2;
        while left > 0 {
            let now = left.min(SPACES.len());
            out.write_all(&SPACES[..now])?;
            left -= now;
        }
        Ok(())
    }

    fn open<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for SafePretty {
    fn begin_array<W: std::io::Write + ?Sized>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: std::io::Write + ?Sized>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn end_array_value<W: std::io::Write + ?Sized>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: std::io::Write + ?Sized>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: std::io::Write + ?Sized>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(out, first)
    }

    fn begin_object_value<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
    ) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: std::io::Write + ?Sized>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_string_fragment<W: std::io::Write + ?Sized>(
        &mut self,
        out: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !fragment
            .as_bytes()
            .iter()
            .any(|b| MAY_START_HOSTILE[usize::from(*b)])
        {
            return out.write_all(fragment.as_bytes());
        }
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_hostile(c)) {
            out.write_all(&rest.as_bytes()[..at])?;
            write!(out, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        out.write_all(rest.as_bytes())
    }
}

/// A YAML double-quoted scalar: safe for any text (`:`, `#`, quotes, line breaks).
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_survive_anything() {
        for text in [
            "SAPA",
            "a: b # c",
            "\"quoted\" \\ back",
            "to\nlinjer\ttab",
            "Byg og Miljø",
        ] {
            let parsed = crate::yaml::parse_str::<crate::model::Entries<String, String>>(&format!(
                "v: {}\n",
                yaml_string(text)
            ));
            assert_eq!(parsed.value.unwrap().0[0].1, text);
        }
    }

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
    fn bidi_and_zero_width_characters_are_escaped() {
        let text = "a\u{202e}b\u{200b}c\u{feff}d\u{61c}e\u{2066}f\u{200d}g\u{2060}h";
        assert_eq!(
            printable(text),
            "a\\u{202e}b\\u{200b}c\\u{feff}d\\u{61c}e\\u{2066}f\\u{200d}g\\u{2060}h"
        );
        // Other letters, marks and spaces stay, emoji and Danish included.
        assert!(matches!(printable("Rød\u{a0}æ é 👍"), Cow::Borrowed(_)));
    }

    #[test]
    fn same_length_replaces_invisible_characters_too() {
        let text = "x\u{202e}y\u{61c}z\u{200b}";
        let shown = same_length(text);
        assert_eq!(shown, "x\u{fffd}y¿z\u{fffd}");
        assert_eq!(shown.len(), text.len());
        assert!(!shown.chars().any(is_hostile));
    }

    #[test]
    fn one_line_escapes_line_breaks_and_tabs_too() {
        assert_eq!(
            one_line("a\n::error file=x\t\r\u{1b}.yaml"),
            "a\\u{a}::error file=x\\u{9}\\u{d}\\u{1b}.yaml"
        );
        assert_eq!(path(std::path::Path::new("a/b.yaml")), "a/b.yaml");
    }

    #[test]
    fn csv_cells_never_start_a_formula() {
        for formula in ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "=HYPERLINK(\"x\")"] {
            assert_eq!(csv_cell(formula), format!("'{formula}"));
        }
        assert_eq!(csv_cell("\r=1"), "\\u{d}=1");
        assert_eq!(csv_cell("Holbæk"), "Holbæk");
        assert_eq!(csv_cell("3 (fase-2)"), "3 (fase-2)");
    }

    #[test]
    fn json_keeps_its_data() {
        let value = vec!["a\u{9b}b\u{1b}c\u{7f}d\u{202e}e"];
        let json = json_pretty(&value).unwrap();
        assert!(!json.chars().any(is_hostile), "{json}");
        let back: Vec<String> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn json_is_serde_jsons_pretty_layout() {
        let value = serde_json::json!({
            "tom": [], "tomt": {}, "tal": [1, 2], "navn": "Holbæk", "indre": {"a": [{"b": null}]}
        });
        let ours = json_pretty(&value).unwrap();
        assert_eq!(ours, serde_json::to_string_pretty(&value).unwrap());
        // Nested two levels deep, every line after the first is indented two levels more.
        let mut nested = Vec::new();
        write_json(&mut nested, &value, 2).unwrap();
        let indented = ours.replace('\n', "\n    ");
        assert_eq!(String::from_utf8(nested).unwrap(), indented);
    }

    #[test]
    fn json_escapes_each_hostile_character_wherever_it_sits_in_a_string() {
        for text in [
            "\u{7f}",
            "x\u{85}",
            "\u{200b}y",
            "æ\u{feff}ø\u{61c}å",
            "\u{2066}\u{2069}",
        ] {
            let json = json_pretty(&text).unwrap();
            assert!(!json.chars().any(is_hostile), "{json}");
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        }
        // Text without one, Danish letters and all, is written as it is.
        assert_eq!(json_pretty("Ærø – Åbenrå").unwrap(), "\"Ærø – Åbenrå\"");
    }
}
