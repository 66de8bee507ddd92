//! What the output may look like: colour and width, decided once from flags and environment.

use std::io::IsTerminal;

/// `--color` as given on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// The output's manners.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub color: bool,
    /// Columns to fit: the terminal's width, else 100 (stable for files and snapshots).
    pub width: usize,
    pub is_terminal: bool,
}

/// Width used when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

impl Term {
    /// Decides colour from `--color`, `NO_COLOR`, `CLICOLOR_FORCE` and whether stdout is a terminal.
    pub fn detect(choice: ColorChoice) -> Term {
        let is_terminal = std::io::stdout().is_terminal();
        let env_set =
            |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !env_set("NO_COLOR") && (env_set("CLICOLOR_FORCE") || is_terminal),
        };
        let width = if is_terminal {
            terminal_width().unwrap_or(DEFAULT_WIDTH)
        } else {
            DEFAULT_WIDTH
        };
        Term {
            color,
            width,
            is_terminal,
        }
    }

    /// Plain output for tests.
    pub fn plain() -> Term {
        Term {
            color: false,
            width: DEFAULT_WIDTH,
            is_terminal: false,
        }
    }

    pub fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

fn terminal_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return Some(columns);
    }
    comfy_table::Table::new().width().map(usize::from)
}

/// Word-wraps `text` to `width` columns: the first line after `first`, the rest after `rest`.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::from(first);
    let mut column = first.chars().count();
    let mut line_empty = true;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if !line_empty && column + 1 + len > width {
            out.push('\n');
            out.push_str(rest);
            column = rest.chars().count();
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += len;
        line_empty = false;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_with_hanging_indent() {
        let wrapped = wrap("aaa bbb ccc ddd", 9, "- ", "  ");
        assert_eq!(wrapped, "- aaa bbb\n  ccc ddd\n");
    }

    #[test]
    fn long_words_stay_whole() {
        assert_eq!(wrap("abcdefghij", 4, "", ""), "abcdefghij\n");
    }
}
