//! `rg explain CODE`: a rule's long explanation; `rg explain --list`: every rule.

use crate::cli::ExplainArgs;
use crate::commands::{Context, Failure, Outcome};
use crate::diag::{Rule, registry};
use crate::render::grid::{Align, Cell, Grid};
use crate::suggest;
use crate::term::Term;
use std::io::Write;

pub fn run(args: &ExplainArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.list {
        writeln!(out, "{}", list(&ctx.term))?;
        return Ok(Outcome::Clean);
    }
    let wanted = args.code.as_deref().unwrap_or_default();
    let rule = find(wanted).ok_or_else(|| {
        let hint = suggest::did_you_mean(registry::suggest(&qualified(wanted)))
            .unwrap_or_else(|| "`rg explain --list` lists every rule".into());
        Failure::message(format!("no rule `{wanted}`; {hint}"))
    })?;
    write!(out, "{}", render_markdown(rule.explanation, &ctx.term))?;
    Ok(Outcome::Clean)
}

/// `unknown_role`, `catalog::unknown_role` and `rg::catalog::unknown_role` all name a rule.
fn find(wanted: &str) -> Option<&'static Rule> {
    registry::find(&qualified(wanted)).or_else(|| {
        let mut matching = registry::ALL
            .iter()
            .copied()
            .filter(|r| r.code.ends_with(&format!("::{wanted}")));
        let only = matching.next()?;
        matching.next().is_none().then_some(only)
    })
}

fn qualified(code: &str) -> String {
    if code.starts_with("rg::") {
        code.to_string()
    } else {
        format!("rg::{code}")
    }
}

/// Every rule: codes never broken, summaries wrapped at their spaces.
fn list(term: &Term) -> String {
    let mut grid = Grid::new()
        .column("code", Align::Left, 0)
        .column("level", Align::Left, 0)
        .column("summary", Align::Left, 0);
    for rule in registry::ALL.iter().copied() {
        grid.row(vec![
            Cell::whole(rule.code),
            Cell::whole(rule.level.id()),
            Cell::text(rule.summary),
        ]);
    }
    grid.render(term.width, term.color)
}

/// Markdown made readable in a terminal: headings in bold, code blocks indented, fences dropped.
fn render_markdown(markdown: &str, term: &Term) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str(&format!("    {line}\n"));
        } else if let Some(title) = line.strip_prefix("# ") {
            out.push_str(&format!(
                "{}\n{}\n",
                term.bold(title),
                "=".repeat(title.chars().count())
            ));
        } else if let Some(heading) = line.strip_prefix("## ") {
            out.push_str(&format!("{}\n", term.bold(heading)));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_codes_resolve() {
        assert_eq!(
            find("unknown_role"),
            None,
            "ambiguous: catalog and appointments"
        );
        assert_eq!(
            find("catalog::unknown_role").unwrap().code,
            "rg::catalog::unknown_role"
        );
        assert_eq!(
            find("spoc_missing").unwrap().code,
            "rg::catalog::spoc_missing"
        );
    }

    #[test]
    fn code_blocks_are_indented() {
        let rendered = render_markdown("# T\n\n```yaml\na: 1\n```\n", &Term::plain());
        assert_eq!(rendered, "T\n=\n\n    a: 1\n");
    }
}
