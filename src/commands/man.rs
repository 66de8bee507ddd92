//! `rg man`: the roff man page `rg(1)`, generated from the clap definitions (clap_mangen) plus
//! the sections clap does not know: exit status, environment, files. `rg man --dir DIR` writes
//! `rg.1` and one page per subcommand (`rg-check.1`, `rg-new-catalog.1`, ...). Run as
//! `rollegalleri`, the pages are `rollegalleri(1)`, `rollegalleri-check(1)`, ...: ripgrep's
//! `rg.1` is not overwritten.
//!
//! `rg man | man -l -` reads it; `groff -man -Tutf8` renders it.

use crate::cli::{self, ManArgs};
use crate::commands::{Failure, Outcome};
use crate::write;
use clap_mangen::Man;
use std::io::Write;

/// `program`: the name the program was run by.
pub fn run(args: &ManArgs, program: &str, out: &mut dyn Write) -> Result<Outcome, Failure> {
    match &args.dir {
        None => out.write_all(&page(program))?,
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Failure::message(format!(
                    "`{}` is not a folder",
                    dir.display()
                )));
            }
            // All pages or none: an existing page (without --force) stops them all.
            let pages: Vec<(std::path::PathBuf, Vec<u8>)> = pages(program)
                .into_iter()
                .map(|(file_name, text)| (dir.join(file_name), text))
                .collect();
            let files: Vec<(&std::path::Path, &[u8])> = pages
                .iter()
                .map(|(path, text)| (path.as_path(), text.as_slice()))
                .collect();
            write::write_files(&files, args.force)?;
        }
    }
    Ok(Outcome::Clean)
}

/// The command line as clap builds it (global options propagated, display names set).
fn built(program: &str) -> clap::Command {
    let mut command = cli::command(program).disable_help_subcommand(true);
    command.build();
    command
}

/// `rg(1)` (named `program`): the clap sections, then exit status, environment, files, see
/// also, version.
pub fn page(program: &str) -> Vec<u8> {
    let command = built(program);
    let see_also: Vec<String> = subcommand_pages(&command)
        .iter()
        .map(display_name)
        .collect();
    render(command, program, &see_also, true)
}

/// Every page: `rg.1` and one per subcommand, with file names.
pub fn pages(program: &str) -> Vec<(String, Vec<u8>)> {
    let command = built(program);
    let mut pages = vec![(format!("{program}.1"), page(program))];
    for sub in subcommand_pages(&command) {
        let name = display_name(&sub);
        let page = render(sub, program, &[program.to_string()], false);
        pages.push((format!("{name}.1"), page));
    }
    pages
}

fn display_name(command: &clap::Command) -> String {
    command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string()
}

/// The subcommands that get a page of their own: the leaves and the groups (`rg new`).
fn subcommand_pages(command: &clap::Command) -> Vec<clap::Command> {
    let mut found = Vec::new();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        found.push(sub.clone());
        found.extend(subcommand_pages(sub));
    }
    found
}

fn render(command: clap::Command, program: &str, see_also: &[String], top: bool) -> Vec<u8> {
    let has_options = command
        .get_arguments()
        .any(|arg| !arg.is_hide_set() && arg.get_id() != "help");
    let has_subcommands = command.has_subcommands();
    let man = Man::new(command);
    let mut out = Vec::new();
    clap_sections(&man, &mut out, has_options, has_subcommands)
        .expect("writing to a Vec cannot fail");
    let mut extra = String::new();
    extra.push_str(&EXIT_STATUS.replace("{program}", &roff_name(program)));
    if top {
        extra.push_str(ENVIRONMENT);
        extra.push_str(FILES);
    }
    if !see_also.is_empty() {
        extra.push_str(".SH \"SEE ALSO\"\n");
        let names: Vec<String> = see_also
            .iter()
            .map(|name| format!("\\fB{}\\fR(1)", roff_name(name)))
            .collect();
        extra.push_str(&names.join(",\n"));
        extra.push('\n');
    }
    out.extend_from_slice(extra.as_bytes());
    man.render_version_section(&mut out)
        .expect("writing to a Vec cannot fail");
    once_preamble(out)
}

/// A name in roff: its hyphens as `\-`.
fn roff_name(name: &str) -> String {
    name.replace('-', "\\-")
}

/// Each clap_mangen section comes with roff's `.ie`/`.el` preamble; the page needs it once.
fn once_preamble(page: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8(page).expect("roff is UTF-8");
    let mut seen = std::collections::HashSet::new();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if !preamble || seen.insert(line.to_string()) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.into_bytes()
}

fn clap_sections(
    man: &Man,
    out: &mut Vec<u8>,
    has_options: bool,
    has_subcommands: bool,
) -> std::io::Result<()> {
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if has_options {
        man.render_options_section(out)?;
    }
    if has_subcommands {
        man.render_subcommands_section(out)?;
    }
    Ok(())
}

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Ran, and nothing was found at error level.
.TP
\fB1\fR
Findings at error level (with \fB\-\-fail\-on warning\fR, warnings too).
.TP
\fB2\fR
Could not run: bad arguments, an unreadable path, an unknown role or rule, no usable gallery.
.PP
A closed standard output (\fB{program} list | head \-1\fR) ends the output quietly; the code is still the findings'.
"#;

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBNO_COLOR\fR
When set and not empty, \fB\-\-color auto\fR does not colour.
.TP
\fBCLICOLOR_FORCE\fR
When set and not \fB0\fR, \fB\-\-color auto\fR colours even when the output is not a terminal (\fBNO_COLOR\fR wins).
.TP
\fBCOLUMNS\fR
The width to fit tables and wrapped text to, when the output is a terminal.
.TP
\fBRG_TODAY\fR
The date (\fIYYYY\-MM\-DD\fR) that stale confirmations are counted to, instead of today; any other value is exit 2.
"#;

const FILES: &str = r#".SH FILES
.TP
\fBrg.toml\fR
Found from the current folder upwards: where the gallery, catalogs and appointments are, and the level of each rule.
.TP
\fBgallery/\fR
One \fI<id>\fB.yaml\fR per role and \fBgalleri.yaml\fR; without one, the gallery embedded in the binary is used.
.TP
\fBcatalogs/\fR
One catalog per IT system.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_has_clap_and_own_sections() {
        let page = String::from_utf8(page("rg")).unwrap();
        assert!(page.starts_with(".ie \\n(.g .ds Aq"), "{}", &page[..40]);
        assert!(page.contains("\n.TH rg 1 "), "{}", &page[..200]);
        assert_eq!(page.matches(".el .ds Aq").count(), 1, "one preamble");
        for heading in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH OPTIONS",
            ".SH SUBCOMMANDS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH \"SEE ALSO\"",
            ".SH VERSION",
        ] {
            assert!(page.contains(heading), "missing {heading}");
        }
        assert!(page.contains("\\fBrg\\-check\\fR(1)"), "{page}");
    }

    #[test]
    fn one_page_per_subcommand() {
        let names: Vec<String> = pages("rg").into_iter().map(|(name, _)| name).collect();
        for expected in [
            "rg.1",
            "rg-check.1",
            "rg-explain.1",
            "rg-schema.1",
            "rg-man.1",
        ] {
            assert!(names.iter().any(|n| n == expected), "{expected}: {names:?}");
        }
        assert!(!names.iter().any(|n| n == "rg-help.1"));
    }

    #[test]
    fn pages_are_named_as_the_program_was_run() {
        let pages = pages("rollegalleri");
        let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
        assert!(names.contains(&"rollegalleri.1"), "{names:?}");
        assert!(names.contains(&"rollegalleri-check.1"), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("rg")), "{names:?}");
        let top = String::from_utf8(pages[0].1.clone()).unwrap();
        assert!(top.contains("\n.TH rollegalleri 1 "), "{}", &top[..200]);
        assert!(top.contains("rollegalleri list | head"), "{top}");
        let check = pages
            .iter()
            .find(|(n, _)| n == "rollegalleri-check.1")
            .unwrap();
        let check = String::from_utf8(check.1.clone()).unwrap();
        assert!(
            check.contains("\n.TH rollegalleri-check 1 "),
            "{}",
            &check[..300]
        );
        assert!(check.contains("\\fBrollegalleri\\fR(1)"), "{check}");
    }
}
