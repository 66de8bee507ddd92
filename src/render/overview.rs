//! `rg diff --overview`: municipality × system, each cell the unfilled mandatory roles and the
//! phase, worst municipalities first. Holds no persons, so it is safe to share.

use crate::diff::MunicipalityDiff;
use crate::model::Phase;
use crate::printable::printable;
use crate::render::markdown_text::cell;
use crate::term::Term;
use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// One cell: a system in one municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub fase: Phase,
    pub ubesatte_obligatoriske: usize,
}

/// One row: a municipality.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub kommune: String,
    pub fil: String,
    /// Errors that kept the file or a system entry from being diffed: such a row is not known
    /// to be complete, and sorts first.
    pub fejl: usize,
    pub i_alt: usize,
    pub systemer: BTreeMap<String, Cell>,
}

/// The whole matrix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub systemer: Vec<String>,
    pub kommuner: Vec<Row>,
}

impl Overview {
    /// A municipality's row: all the overview keeps of it.
    pub fn row(m: &MunicipalityDiff) -> Row {
        let systemer: BTreeMap<String, Cell> = m
            .systemer
            .iter()
            .map(|s| {
                (
                    s.system.clone(),
                    Cell {
                        fase: s.fase,
                        ubesatte_obligatoriske: s.ubesatte_obligatoriske,
                    },
                )
            })
            .collect();
        Row {
            kommune: m.kommune.clone(),
            fil: m.fil.clone(),
            fejl: m.fejl,
            i_alt: systemer.values().map(|c| c.ubesatte_obligatoriske).sum(),
            systemer,
        }
    }

    /// The matrix of these rows: the unread first, then by unfilled roles, then by name.
    pub fn from_rows(mut kommuner: Vec<Row>) -> Overview {
        kommuner.sort_by(|a, b| {
            (b.fejl > 0)
                .cmp(&(a.fejl > 0))
                .then_with(|| b.i_alt.cmp(&a.i_alt))
                .then_with(|| a.kommune.cmp(&b.kommune))
        });
        let mut systemer: Vec<String> = kommuner
            .iter()
            .flat_map(|r| r.systemer.keys().cloned())
            .collect();
        systemer.sort();
        systemer.dedup();
        Overview { systemer, kommuner }
    }

    fn cell_text(&self, row: &Row, system: &str) -> String {
        row.systemer.get(system).map_or(String::new(), |c| {
            format!("{} ({})", c.ubesatte_obligatoriske, c.fase)
        })
    }

    fn header(&self) -> Vec<String> {
        let mut header = vec!["kommune".to_string()];
        header.extend(self.systemer.iter().map(|s| printable(s).into_owned()));
        header.push("i alt".into());
        header.push("fejl".into());
        header
    }

    fn rows(&self) -> impl Iterator<Item = Vec<String>> + '_ {
        self.kommuner.iter().map(|row| {
            let mut cells = vec![printable(&row.kommune).into_owned()];
            cells.extend(self.systemer.iter().map(|s| self.cell_text(row, s)));
            cells.push(row.i_alt.to_string());
            cells.push(match row.fejl {
                0 => String::new(),
                n => format!("{n} — ikke læst"),
            });
            cells
        })
    }
}

pub fn table(overview: &Overview, term: &Term) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(overview.header());
    if !term.is_terminal {
        table.set_width(term.width as u16);
    }
    for row in overview.rows() {
        table.add_row(row);
    }
    table
}

pub fn markdown(overview: &Overview) -> String {
    let header = overview.header();
    let mut out = format!(
        "| {} |\n|{}\n",
        header
            .iter()
            .map(|h| cell(h))
            .collect::<Vec<_>>()
            .join(" | "),
        "---|".repeat(header.len())
    );
    for row in overview.rows() {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

/// The matrix as CSV: every count its own numeric column (a system's unfilled mandatory roles,
/// then its phase beside it, the total, the errors), so that a spreadsheet sorts and sums them;
/// no cell can be taken for a formula ([`crate::printable::csv_cell`]).
pub fn csv(out: &mut dyn Write, overview: &Overview) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let cells = |row: &[String]| {
        row.iter()
            .map(|cell| crate::printable::csv_cell(cell).into_owned())
            .collect::<Vec<_>>()
    };
    let mut header = vec!["kommune".to_string()];
    for system in &overview.systemer {
        header.push(system.clone());
        header.push(format!("{system} fase"));
    }
    header.extend(["i alt".to_string(), "fejl".to_string()]);
    writer.write_record(cells(&header))?;
    for row in &overview.kommuner {
        let mut line = vec![row.kommune.clone()];
        for system in &overview.systemer {
            match row.systemer.get(system) {
                Some(cell) => {
                    line.push(cell.ubesatte_obligatoriske.to_string());
                    line.push(cell.fase.id().to_string());
                }
                None => line.extend([String::new(), String::new()]),
            }
        }
        line.push(row.i_alt.to_string());
        line.push(row.fejl.to_string());
        writer.write_record(cells(&line))?;
    }
    writer.flush()
}
