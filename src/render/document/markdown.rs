//! The outline as Markdown (`rg compile --format markdown`), for a repository or a wiki. Every
//! value is escaped with [`markdown_text`], so no catalog text can turn into markup or raw HTML.
//! A viewer makes its own table of contents, and the figure is given by its description (the
//! phase table right after it holds the same).

use super::outline::*;
use crate::render::markdown_text::{cell, inline};
use std::fmt::Write;

pub fn render(document: &Document) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = writeln!(
        out,
        "# {}\n\n*{}*\n",
        inline(&document.title),
        inline(&document.subtitle)
    );
    out.push_str("| | |\n|---|---|\n");
    for fact in &document.facts {
        let _ = writeln!(out, "| {} | {} |", cell(&fact.label), inlines(&fact.value));
    }
    for chapter in &document.chapters {
        section(&mut out, chapter);
    }
    out
}

fn section(out: &mut String, section: &Section) {
    let hashes = "#".repeat(usize::from(section.level.clamp(2, 5)));
    let _ = writeln!(out, "\n{hashes} {}", inline(&section.title));
    for b in &section.blocks {
        block(out, b);
    }
    for sub in &section.sections {
        self::section(out, sub);
    }
}

fn block(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(value) => {
            let _ = writeln!(out, "\n{}", inlines(value));
        }
        Block::Note(value) => {
            let _ = writeln!(out, "\n> {}", inlines(value));
        }
        Block::Kind(kind) => {
            let _ = writeln!(out, "\n*{}*", inline(kind));
        }
        Block::Label(label) => {
            let _ = writeln!(out, "\n**{}**", inline(label));
        }
        Block::Facts(facts) => {
            for fact in facts {
                let _ = writeln!(
                    out,
                    "\n**{}:** {}",
                    inline(&fact.label),
                    inlines(&fact.value)
                );
            }
        }
        Block::List(items) => {
            out.push('\n');
            for item in items {
                let _ = writeln!(out, "- {}", inlines(item));
            }
        }
        Block::Table(t) => table(out, t),
        Block::Legend(l) => legend(out, l),
        Block::Figure(figure) => {
            let _ = writeln!(
                out,
                "\n*{}.* {}",
                inline(&figure.title),
                inline(&figure.description)
            );
        }
    }
}

/// Running text escaped as one piece (Markdown has no links here, and the symbols are plain
/// characters), so the spaces between its pieces stay.
fn inlines(value: &[Inline]) -> String {
    let text: String = value
        .iter()
        .map(|piece| match piece {
            Inline::Text(t) | Inline::Link { text: t, .. } => t.as_str(),
            Inline::Symbol(symbol) => symbol.glyph(),
        })
        .collect();
    inline(&text)
}

fn legend(out: &mut String, legend: &Legend) {
    let items: Vec<String> = legend
        .items
        .iter()
        .map(|item| match inlines(std::slice::from_ref(&item.key)) {
            key if key.is_empty() => inline(&item.meaning),
            key => format!("{key} {}", inline(&item.meaning)),
        })
        .collect();
    let _ = writeln!(out, "\n{}", items.join(" · "));
}

fn table(out: &mut String, table: &Table) {
    out.push_str("\n|");
    for column in &table.columns {
        let _ = write!(out, " {} |", cell(&column.title));
    }
    out.push_str("\n|");
    for column in &table.columns {
        out.push_str(match column.kind {
            ColumnKind::Phase(_) | ColumnKind::Mark => ":-:|",
            _ => "---|",
        });
    }
    out.push('\n');
    for group in &table.groups {
        if let Some(heading) = &group.heading {
            let _ = writeln!(
                out,
                "| **{}** |{}",
                cell(heading),
                " |".repeat(table.columns.len() - 1)
            );
        }
        for row in &group.rows {
            out.push('|');
            for c in row {
                match inlines(&c.text) {
                    text if text.is_empty() => out.push_str(" |"),
                    text => {
                        let _ = write!(out, " {text} |");
                    }
                }
            }
            out.push('\n');
        }
    }
}
