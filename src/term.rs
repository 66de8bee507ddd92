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
    /// Columns to fit: `COLUMNS` when set, else the terminal's width, else 100 (stable for
    /// files and snapshots).
    pub width: usize,
    pub is_terminal: bool,
    /// Whether what goes to stderr (diagnostics, errors) is coloured: decided as `color` is,
    /// for stderr, so `rg compile x > out.html` still colours the diagnostics on the terminal.
    pub stderr_color: bool,
}

/// Width used when stdout is not a terminal.
pub const DEFAULT_WIDTH: usize = 100;

impl Term {
    /// Decides colour from `--color`, `NO_COLOR`, `CLICOLOR_FORCE` and whether stdout (and
    /// stderr) is a terminal.
    pub fn detect(choice: ColorChoice) -> Term {
        let is_terminal = std::io::stdout().is_terminal();
        let env = |name: &str| std::env::var_os(name);
        // `COLUMNS` set by hand (`COLUMNS=200 rg diff > gaps.txt`) holds for a file or a pipe
        // too; without it their width is fixed.
        let width = match columns() {
            Some(columns) => columns,
            None if is_terminal => terminal_width().unwrap_or(DEFAULT_WIDTH),
            None => DEFAULT_WIDTH,
        };
        Term {
            color: colour(choice, is_terminal, env),
            width,
            is_terminal,
            stderr_color: colour(choice, std::io::stderr().is_terminal(), env),
        }
    }

    /// Plain output for tests.
    pub fn plain() -> Term {
        Term {
            color: false,
            width: DEFAULT_WIDTH,
            is_terminal: false,
            stderr_color: false,
        }
    }

    /// No colour, not a terminal, at a fixed width (tests, outputs rendered in memory).
    pub fn plain_at(width: usize) -> Term {
        Term {
            width,
            ..Term::plain()
        }
    }

    /// The manners of stderr: its own colour decision, the same width.
    pub fn stderr(&self) -> Term {
        Term {
            color: self.stderr_color,
            ..*self
        }
    }

    /// `error:` before a message, bold red when coloured (as clap writes its own errors).
    pub fn error_label(&self) -> String {
        if self.color {
            "\x1b[1;31merror:\x1b[0m".to_string()
        } else {
            "error:".to_string()
        }
    }

    /// The text in bold when colour is on; control characters from the files are shown as
    /// escapes either way (a heading is often a value: a municipality, a system, a role).
    pub fn bold(&self, text: &str) -> String {
        let text = crate::printable::printable(text);
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// Whether a stream is coloured. `--color always|never` decide; with `auto`, `NO_COLOR` (set and
/// not empty, whatever its value: no-color.org) turns colour off, then `CLICOLOR_FORCE` (set and
/// not `0`) turns it on, then a terminal that is not `TERM=dumb` is coloured.
pub fn colour(
    choice: ColorChoice,
    is_terminal: bool,
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                is_terminal && env("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// `--color` as clap should use it for its own help and errors, read from the raw arguments
/// before they are parsed (the last `--color WHEN` or `--color=WHEN` before a `--`). With `auto`
/// clap itself honours `NO_COLOR` and `CLICOLOR_FORCE`.
pub fn clap_color(args: &[std::ffi::OsString]) -> clap::ColorChoice {
    let mut choice = clap::ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        let value = if arg == "--" {
            break;
        } else if arg == "--color" {
            args.next().map(|v| v.into_owned())
        } else {
            arg.strip_prefix("--color=").map(str::to_string)
        };
        match value.as_deref() {
            Some("always") => choice = clap::ColorChoice::Always,
            Some("never") => choice = clap::ColorChoice::Never,
            Some("auto") => choice = clap::ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// `COLUMNS`, when it is a width (at least 20 columns).
fn columns() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|c| *c >= 20)
}

fn terminal_width() -> Option<usize> {
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

    fn env<'a>(vars: &'a [(&str, &str)]) -> impl Fn(&str) -> Option<std::ffi::OsString> + 'a {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.into())
    }

    #[test]
    fn colour_follows_flag_then_environment_then_terminal() {
        use ColorChoice::*;
        assert!(colour(Auto, true, env(&[])));
        assert!(!colour(Auto, false, env(&[])));
        assert!(!colour(Auto, true, env(&[("NO_COLOR", "1")])));
        assert!(!colour(Auto, true, env(&[("NO_COLOR", "0")])), "any value");
        assert!(
            colour(Auto, true, env(&[("NO_COLOR", "")])),
            "empty is unset"
        );
        assert!(colour(Auto, false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(!colour(Auto, false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!colour(
            Auto,
            false,
            env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        ));
        assert!(!colour(Auto, true, env(&[("TERM", "dumb")])));
        assert!(colour(Always, false, env(&[("NO_COLOR", "1")])));
        assert!(!colour(Never, true, env(&[("CLICOLOR_FORCE", "1")])));
    }

    #[test]
    fn clap_colour_from_raw_arguments() {
        let args =
            |list: &[&str]| -> Vec<std::ffi::OsString> { list.iter().map(|a| a.into()).collect() };
        assert_eq!(clap_color(&args(&["rg", "list"])), clap::ColorChoice::Auto);
        assert_eq!(
            clap_color(&args(&["rg", "--color", "never", "lst"])),
            clap::ColorChoice::Never
        );
        assert_eq!(
            clap_color(&args(&["rg", "check", "--color=always"])),
            clap::ColorChoice::Always
        );
        assert_eq!(
            clap_color(&args(&["rg", "show", "--", "--color=always"])),
            clap::ColorChoice::Auto
        );
    }

    #[test]
    fn long_words_stay_whole() {
        assert_eq!(wrap("abcdefghij", 4, "", ""), "abcdefghij\n");
    }
}
