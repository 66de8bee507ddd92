//! Making arbitrary text safe inside Markdown: table cells and inline text.

/// Escapes text for a Markdown table cell: pipes and Markdown markup are escaped and line
/// breaks become `<br>`, so a cell can never break its row or turn into markup.
pub fn cell(text: &str) -> String {
    inline(text).replace('\n', "<br>")
}

/// Escapes text for inline Markdown: markup characters are backslash-escaped, `<`/`&` become
/// entities so no HTML passes through.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
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
}
