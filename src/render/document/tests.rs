//! The outline of a repository catalog as an insta snapshot, written as an indented tree a
//! reviewer can read: each heading with its kind, each block with its text.

use super::build;
use super::outline::*;
use crate::load::gallery::load_embedded;
use crate::resolve::{ResolvedCatalog, resolve};
use std::fmt::Write;
use std::path::Path;

fn resolved(path: &str) -> ResolvedCatalog {
    let gallery = load_embedded().gallery.expect("embedded gallery");
    let file = crate::load::read::read_source(Path::new(path)).expect("readable");
    let catalog = crate::yaml::document(&file).value;
    resolve(&catalog.expect("the catalog parses"), &gallery)
}

fn dump(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title: {} [{}]", document.title, document.lang);
    let _ = writeln!(out, "subtitle: {}", document.subtitle);
    let _ = writeln!(out, "footer: {} · side N af M", document.footer);
    for fact in &document.facts {
        let _ = writeln!(out, "fact {}: {}", fact.label, plain_text(&fact.value));
    }
    out.push_str("contents:\n");
    for entry in &document.contents {
        contents(&mut out, entry, 1);
    }
    for chapter in &document.chapters {
        section(&mut out, chapter, 0);
    }
    out
}

fn contents(out: &mut String, entry: &ContentsEntry, depth: usize) {
    let _ = writeln!(
        out,
        "{}- {} #{}",
        "  ".repeat(depth),
        entry.title,
        entry.target
    );
    for child in &entry.children {
        contents(out, child, depth + 1);
    }
}

fn section(out: &mut String, section: &Section, depth: usize) {
    let pad = "  ".repeat(depth);
    let _ = writeln!(
        out,
        "{pad}{} {} #{} ({:?})",
        "#".repeat(usize::from(section.level)),
        section.title,
        section.id,
        section.kind
    );
    for b in &section.blocks {
        block(out, b, &pad);
    }
    for sub in &section.sections {
        self::section(out, sub, depth + 1);
    }
}

fn block(out: &mut String, block: &Block, pad: &str) {
    let _ = match block {
        Block::Paragraph(t) => writeln!(out, "{pad}  ¶ {}", plain_text(t)),
        Block::Note(t) => writeln!(out, "{pad}  note: {}", plain_text(t)),
        Block::Label(l) => writeln!(out, "{pad}  label: {l}"),
        Block::Kind(k) => writeln!(out, "{pad}  kind: {k}"),
        Block::Facts(facts) => facts
            .iter()
            .try_for_each(|f| writeln!(out, "{pad}  {}: {}", f.label, plain_text(&f.value))),
        Block::List(items) => items
            .iter()
            .try_for_each(|i| writeln!(out, "{pad}  • {}", plain_text(i))),
        Block::Legend(l) => writeln!(out, "{pad}  legend: {}", legend(l)),
        Block::Table(t) => table(out, t, pad),
        Block::Figure(f) => figure(out, f, pad),
    };
}

fn legend(legend: &Legend) -> String {
    let items: Vec<String> = legend
        .items
        .iter()
        .map(|i| format!("[{}] {}", i.key.plain(), i.meaning))
        .collect();
    items.join(" · ")
}

fn table(out: &mut String, table: &Table, pad: &str) -> std::fmt::Result {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.title.as_str()).collect();
    writeln!(
        out,
        "{pad}  table {:?}: {}",
        table.kind,
        columns.join(" | ")
    )?;
    for group in &table.groups {
        if let Some(heading) = &group.heading {
            writeln!(out, "{pad}    == {heading}")?;
        }
        for row in &group.rows {
            let cells: Vec<String> = row.iter().map(|c| plain_text(&c.text)).collect();
            writeln!(out, "{pad}    | {} |", cells.join(" | "))?;
        }
    }
    Ok(())
}

fn figure(out: &mut String, figure: &Timeline, pad: &str) -> std::fmt::Result {
    writeln!(out, "{pad}  figure #{}: {}", figure.id, figure.title)?;
    writeln!(out, "{pad}    desc: {}", figure.description)?;
    let spoc: Vec<&str> = figure
        .spoc
        .iter()
        .map(|s| s.as_deref().unwrap_or("-"))
        .collect();
    writeln!(out, "{pad}    spoc: {}", spoc.join(" | "))?;
    for group in &figure.groups {
        writeln!(out, "{pad}    == {}", group.heading)?;
        for row in &group.rows {
            let bars: String = row
                .status
                .iter()
                .zip(&row.spoc)
                .map(|(s, spoc)| {
                    let bar = match s {
                        crate::model::Status::Obligatorisk => '█',
                        crate::model::Status::Anbefalet => '░',
                        crate::model::Status::Inaktiv => '·',
                    };
                    format!("{bar}{}", if *spoc { '★' } else { ' ' })
                })
                .collect();
            writeln!(out, "{pad}    {bars} {}", row.name)?;
        }
    }
    Ok(())
}

#[test]
fn the_outline_of_sapa() {
    insta::assert_snapshot!(dump(&build::document(&resolved("catalogs/sapa.yaml"))));
}

#[test]
fn chapters_and_the_change_log_close_the_document() {
    for path in [
        "catalogs/sapa.yaml",
        "catalogs/ky.yaml",
        "catalogs/bom.yaml",
    ] {
        let document = build::document(&resolved(path));
        let last = document.chapters.last().unwrap();
        assert_eq!(last.id, "aendringslog", "{path}");
        // No reader-facing text names a role by its id, but the appendix of ids. (An id of one
        // word is the role's name in lower case, "projektleder", so only ids with a hyphen can
        // be told from words.)
        let catalog = resolved(path);
        let text = dump(&Document {
            chapters: document
                .chapters
                .iter()
                .filter(|c| c.id != "bilag-id")
                .cloned()
                .collect(),
            ..document.clone()
        });
        let words: Vec<&str> = text
            .lines()
            .flat_map(|l| l.split(|c: char| c.is_whitespace() || "|,.;:()".contains(c)))
            .collect();
        for role in catalog.roller.iter().filter(|r| r.id.contains('-')) {
            assert!(
                !words.contains(&role.id.as_str()),
                "{path}: the id `{}` is shown to readers",
                role.id
            );
        }
        assert!(
            !text.contains("galleriets forslag"),
            "{path}: a note for the author"
        );
    }
}
