//! The phase × role table: one row per role (grouped), one column per phase, ● obligatorisk,
//! ○ anbefalet, blank inaktiv, ★ on the SPOC's cell. As a terminal table (fitted to the width,
//! no word broken), as Markdown (also used by the compiled Markdown document) and as CSV.

use crate::model::{Gruppe, Phase};
use crate::render::danish::{self, HeaderWidth};
use crate::render::grid::{Align, Cell, Grid};
use crate::render::markdown_text;
use crate::resolve::{ResolvedCatalog, ResolvedRole};
use crate::term::wrap;

/// Columns the table's frame takes: one border per column plus one, and one space of padding
/// on each side of every column.
fn frame_width(columns: usize) -> usize {
    columns + 1 + 2 * columns
}

/// The widest phase headers that leave the role names room (up to 36 columns) in `width`.
pub fn header_width(catalog: &ResolvedCatalog, width: usize) -> HeaderWidth {
    let names = catalog
        .roller
        .iter()
        .map(|r| r.navn.chars().count())
        .chain(catalog.groups().iter().map(|g| g.heading().chars().count()))
        .max()
        .unwrap_or(5)
        .min(36);
    let fixed = frame_width(Phase::ALL.len() + 1) + names;
    [HeaderWidth::Full, HeaderWidth::Medium]
        .into_iter()
        .find(|candidate| {
            let headers: usize = Phase::ALL
                .iter()
                .map(|p| danish::phase_header(*p, *candidate).chars().count().max(3))
                .sum();
            fixed + headers <= width
        })
        .unwrap_or(HeaderWidth::Short)
}

/// The terminal table with its legend, fitted to `width` columns: the role names wrap at
/// their spaces, never inside a word; the phase headers are the widest that fit.
pub fn terminal(catalog: &ResolvedCatalog, width: usize) -> String {
    let headers = header_width(catalog, width);
    let mut grid = Grid::new().column("Rolle", Align::Left, 0);
    for phase in Phase::ALL {
        grid = grid.column_with(
            Cell::whole(danish::phase_header(phase, headers)),
            Align::Center,
            0,
        );
    }
    for gruppe in catalog.groups() {
        grid.row(vec![Cell::text(&gruppe.heading().to_uppercase())]);
        for role in catalog.roles_in(gruppe) {
            let mut row = vec![Cell::text(&role.navn)];
            row.extend(
                Phase::ALL
                    .iter()
                    .map(|p| Cell::whole(&cell(catalog, role, *p))),
            );
            grid.row(row);
        }
    }
    let mut out = grid.render(width, false);
    out.push('\n');
    out.push_str(&wrap(danish::LEGEND, width, "", ""));
    if headers != HeaderWidth::Full {
        let key: Vec<String> = Phase::ALL
            .iter()
            .map(|p| {
                let (header, title) = (danish::phase_header(*p, headers), p.title());
                if title.starts_with(header) {
                    title.to_string()
                } else {
                    format!("{header} = {title}")
                }
            })
            .collect();
        out.push_str(&wrap_items(&key, " · ", width));
    }
    out
}

/// Joins items with `separator`, breaking lines between items (never inside one) to fit `width`.
fn wrap_items(items: &[String], separator: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for item in items {
        let candidate = if line.is_empty() {
            item.clone()
        } else {
            format!("{line}{separator}{item}")
        };
        if !line.is_empty() && candidate.chars().count() > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = item.clone();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn cell(catalog: &ResolvedCatalog, role: &ResolvedRole, phase: Phase) -> String {
    danish::cell(role.status_in(phase), catalog.is_spoc(&role.id, phase))
}

/// The table in Markdown, group headings as bold rows, legend below.
pub fn markdown(catalog: &ResolvedCatalog) -> String {
    let mut out = String::from("| Rolle |");
    for phase in Phase::ALL {
        out.push_str(&format!(
            " {} |",
            danish::phase_header(phase, HeaderWidth::Medium)
        ));
    }
    out.push_str("\n|---|");
    out.push_str(&":-:|".repeat(Phase::ALL.len()));
    out.push('\n');
    for gruppe in catalog.groups() {
        out.push_str(&format!(
            "| **{}** |{}\n",
            gruppe.heading(),
            " |".repeat(Phase::ALL.len())
        ));
        for role in catalog.roles_in(gruppe) {
            out.push_str(&format!("| {} |", markdown_text::cell(&role.navn)));
            for phase in Phase::ALL {
                let text = cell(catalog, role, phase);
                if text.is_empty() {
                    out.push_str(" |");
                } else {
                    out.push_str(&format!(" {text} |"));
                }
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("\n{}\n", danish::LEGEND));
    out
}

/// The table as CSV for spreadsheets: one row per role, each phase's status as its id
/// (`obligatorisk`, `anbefalet`, `inaktiv`) and the phases in which the role is SPOC.
pub fn csv(catalog: &ResolvedCatalog) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec!["gruppe", "rolle", "navn"];
    header.extend(Phase::ALL.iter().map(|p| p.id()));
    header.push("spoc");
    // Writing CSV into memory cannot fail.
    let _ = writer.write_record(&header);
    for gruppe in Gruppe::ALL {
        for role in catalog.roles_in(gruppe) {
            let mut fields = vec![gruppe.id().to_string(), role.id.clone(), role.navn.clone()];
            fields.extend(
                Phase::ALL
                    .iter()
                    .map(|p| role.status_in(*p).id().to_string()),
            );
            let spoc: Vec<&str> = catalog
                .spoc_phases(&role.id)
                .into_iter()
                .map(Phase::id)
                .collect();
            fields.push(spoc.join(" "));
            // No cell may be taken for a formula: a tailored `navn: "=HYPERLINK(...)"`.
            let _ = writer.write_record(
                fields
                    .iter()
                    .map(|f| crate::printable::csv_cell(f).into_owned()),
            );
        }
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_items_are_never_split() {
        let items: Vec<String> = ["aaa = 1", "bbb = 2", "ccc = 3"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            wrap_items(&items, " · ", 17),
            "aaa = 1 · bbb = 2\nccc = 3\n"
        );
        assert_eq!(wrap_items(&items, " · ", 5), "aaa = 1\nbbb = 2\nccc = 3\n");
    }
}
