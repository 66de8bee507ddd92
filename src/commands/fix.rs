//! `rg fix [PATH...] [--diff]`: the certain fixes the findings carry, written into the files
//! (only the bytes of the fixed values change, so comments, order and layout stay), or printed
//! as a unified diff. What is left is reported on stderr as `rg check` reports it, and the exit
//! code is the one `rg check` gives after the fixes.

use crate::cli::FixArgs;
use crate::commands::check::{default_paths, outcome};
use crate::commands::{Context, Failure, Outcome};
use crate::pipeline::GalleryUse;
use crate::pipeline::fix::FixedFile;
use crate::pipeline::inputs::STDIN;
use crate::printable;
use crate::report::{self, Format, Summary};
use crate::write::{self, Replacement};
use std::io::Write;

pub fn run(args: &FixArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.paths.iter().any(|path| path.as_os_str() == STDIN) {
        return Err(Failure::message(
            "rg fix changes files in place and cannot change standard input (`-`); give the file",
        ));
    }
    let pipeline = ctx.pipeline(&args.levels.flags(), GalleryUse::Checking)?;
    let paths = if args.paths.is_empty() {
        default_paths(&ctx.workspace)
    } else {
        args.paths.clone()
    };
    let run = pipeline.fix_paths(&paths)?;
    if args.diff {
        for file in &run.changed {
            out.write_all(unified_diff(file).as_bytes())?;
        }
    } else {
        let replacements: Vec<Replacement> = run
            .changed
            .iter()
            .map(|file| Replacement {
                path: &file.read.path,
                read: &file.read.text,
                text: &file.text,
            })
            .collect();
        write::replace_read_files(&replacements)?;
        for file in &run.changed {
            write!(out, "{}", fixed_lines(file))?;
        }
    }
    let mut diagnostics = run.diagnostics;
    diagnostics.extend(pipeline.settings_findings.iter().cloned());
    let diagnostics = pipeline.levels.apply(diagnostics);
    let summary = Summary::of(run.files, &diagnostics);
    let term = ctx.term.stderr();
    report::emit(
        &mut std::io::stderr().lock(),
        Format::Human,
        &diagnostics,
        &summary,
        &term,
    )?;
    Ok(outcome(&summary, args.levels.fail_on))
}

/// "fixed catalogs/sapa.yaml: 2 fixes" and what each did.
fn fixed_lines(file: &FixedFile) -> String {
    let count = file.fixes.len();
    let noun = if count == 1 { "fix" } else { "fixes" };
    let mut lines = format!(
        "fixed {}: {count} {noun}\n",
        printable::one_line(&file.read.name)
    );
    for title in &file.fixes {
        lines.push_str(&format!("  - {}\n", printable::one_line(title)));
    }
    lines
}

/// The change as a unified diff (`--- a/NAME`, `+++ b/NAME`, three lines of context), which
/// `git apply` and `patch -p1` take. A line holding a control character is shown with it
/// escaped, as every output of rg shows it, and such a hunk does not apply.
fn unified_diff(file: &FixedFile) -> String {
    let name = printable::one_line(&file.read.name);
    let diff = similar::TextDiff::from_lines(file.read.text.as_str(), file.text.as_str());
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string();
    text.split_inclusive('\n')
        .map(|line| {
            let ending = if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            };
            format!(
                "{}{ending}",
                printable::printable(&line[..line.len() - ending.len()])
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use std::path::Path;

    fn fixed(read: &str, text: &str) -> FixedFile {
        FixedFile {
            read: SourceFile::new(Path::new("catalogs/a.yaml"), read.to_string()),
            text: text.to_string(),
            fixes: vec!["write `projektleder`".into()],
        }
    }

    #[test]
    fn the_diff_names_both_sides_and_keeps_line_ends() {
        let diff = unified_diff(&fixed(
            "a: 1\r\nrolle: projektleer\r\n",
            "a: 1\r\nrolle: projektleder\r\n",
        ));
        assert!(diff.starts_with("--- a/catalogs/a.yaml\n+++ b/catalogs/a.yaml\n@@"));
        assert!(diff.contains("-rolle: projektleer\r\n+rolle: projektleder\r\n"));
    }

    #[test]
    fn control_characters_in_context_are_escaped() {
        let diff = unified_diff(&fixed(
            "# \u{1b}]0;x\u{7}\nrolle: projektleer\n",
            "# \u{1b}]0;x\u{7}\nrolle: projektleder\n",
        ));
        assert!(diff.contains(" # \\u{1b}]0;x\\u{7}\n"), "{diff}");
    }

    #[test]
    fn each_fix_is_listed() {
        assert_eq!(
            fixed_lines(&fixed("", "")),
            "fixed catalogs/a.yaml: 1 fix\n  - write `projektleder`\n"
        );
    }
}
