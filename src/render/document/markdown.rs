//! The outline as Markdown (`rg compile --format markdown`), for a repository or a wiki. Every
//! value is escaped with [`markdown_text`], so no catalog text can turn into markup or raw HTML.
//! A viewer makes its own table of contents, and the figure is given by its description (the
//! phase table right after it holds the same).

use super::outline::*;
use super::sink::Sink;
use crate::render::markdown_text::write_inline;
use std::fmt::{self, Display, Write};

/// Writes the document into `out`.
pub fn render(document: &Document, out: &mut Sink) {
    let _ = writeln!(
        out,
        "# {}\n\n*{}*\n",
        Md(&document.title),
        Md(&document.subtitle)
    );
    out.push_str("| | |\n|---|---|\n");
    for fact in &document.facts {
        let _ = writeln!(out, "| {} | {} |", Md(&fact.label), Inlines(&fact.value));
    }
    for chapter in &document.chapters {
        section(out, chapter);
    }
}

/// Text escaped for inline Markdown, as it is formatted (a table cell is escaped alike).
struct Md<'a>(&'a str);

impl Display for Md<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_inline(f, self.0)
    }
}

fn section(out: &mut Sink, section: &Section) {
    let hashes = &"#####"[..usize::from(section.level.clamp(2, 5))];
    let _ = writeln!(out, "\n{hashes} {}", Md(&section.title));
    for b in &section.blocks {
        block(out, b);
    }
    for sub in &section.sections {
        self::section(out, sub);
    }
}

fn block(out: &mut Sink, block: &Block) {
    match block {
        Block::Paragraph(value) => {
            let _ = writeln!(out, "\n{}", Inlines(value));
        }
        Block::Note(value) => {
            let _ = writeln!(out, "\n> {}", Inlines(value));
        }
        Block::Kind(kind) => {
            let _ = writeln!(out, "\n*{}*", Md(kind));
        }
        Block::Label(label) => {
            let _ = writeln!(out, "\n**{}**", Md(label));
        }
        Block::Facts(facts) => {
            for fact in facts {
                let _ = writeln!(out, "\n**{}:** {}", Md(&fact.label), Inlines(&fact.value));
            }
        }
        Block::List(items) => {
            out.push('\n');
            for item in items {
                let _ = writeln!(out, "- {}", Inlines(item));
            }
        }
        Block::Table(t) => table(out, t),
        Block::Legend(l) => legend(out, l),
        Block::Figure(figure) => {
            let _ = writeln!(
                out,
                "\n*{}.* {}",
                Md(&figure.title),
                Md(&figure.description)
            );
        }
    }
}

/// Running text escaped as one piece (Markdown has no links here, and the symbols are plain
/// characters), so the spaces between its pieces stay.
struct Inlines<'a>(&'a [Inline]);

impl Display for Inlines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_inlines(f, self.0)
    }
}

fn write_inlines(out: &mut impl Write, value: &[Inline]) -> fmt::Result {
    match value {
        // Most text is one piece: escaped where it is, not copied first.
        [only] => write_inline(out, piece_text(only)),
        pieces => write_inline(out, &pieces.iter().map(piece_text).collect::<String>()),
    }
}

fn piece_text(piece: &Inline) -> &str {
    match piece {
        Inline::Text(t) | Inline::Link { text: t, .. } => t.as_str(),
        Inline::Symbol(symbol) => symbol.glyph(),
    }
}

/// Whether the text is written as nothing: escaping drops the blanks a value starts with, and
/// every carriage return.
fn is_blank(value: &[Inline]) -> bool {
    value.iter().all(|piece| {
        piece_text(piece)
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\r'))
    })
}

fn legend(out: &mut Sink, legend: &Legend) {
    out.push('\n');
    for (i, item) in legend.items.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        let key = std::slice::from_ref(&item.key);
        let _ = match is_blank(key) {
            true => write!(out, "{}", Md(&item.meaning)),
            false => write!(out, "{} {}", Inlines(key), Md(&item.meaning)),
        };
    }
    out.push('\n');
}

fn table(out: &mut Sink, table: &Table) {
    out.push_str("\n|");
    for column in &table.columns {
        let _ = write!(out, " {} |", Md(&column.title));
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
            let _ = write!(out, "| **{}** |", Md(heading));
            for _ in 1..table.columns.len() {
                out.push_str(" |");
            }
            out.push('\n');
        }
        for row in &group.rows {
            out.push('|');
            for c in row {
                match is_blank(&c.text) {
                    true => out.push_str(" |"),
                    false => {
                        out.push(' ');
                        let _ = write_inlines(out, &c.text);
                        out.push_str(" |");
                    }
                }
            }
            out.push('\n');
        }
    }
}
