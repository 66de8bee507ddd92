//! `rg diff --overview`: municipality × system, each cell the unfilled mandatory roles and the
//! phase, worst municipalities first. Holds no persons, so it is safe to share. A row keeps its
//! cells by the system's place among the overview's systems (each name kept once), so that
//! thousands of municipalities cost a few bytes per cell; the outputs are written from these
//! rows line by line, never as a table of texts.

use crate::diff::MunicipalityDiff;
use crate::model::Phase;
use crate::printable::printable;
use crate::render::markdown_text::cell;
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use std::collections::HashMap;
use std::io::{self, Write};

/// One cell: a system in one municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Cell {
    pub fase: Phase,
    pub ubesatte_obligatoriske: u32,
}

impl Cell {
    /// As the human and Markdown tables show it: `3 (fase-2)`.
    pub(crate) fn text(&self) -> String {
        format!("{} ({})", self.ubesatte_obligatoriske, self.fase)
    }
}

/// One row: a municipality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Row {
    pub kommune: String,
    pub fil: String,
    /// Errors that kept the file or a system entry from being diffed: such a row is not known
    /// to be complete, and sorts first.
    pub fejl: usize,
    pub i_alt: usize,
    /// Where it came in the run (see [`Collect::add`]).
    pub arrival: usize,
    /// Its cells by the system's place in [`Overview::systemer`], in that order.
    cells: Box<[(u32, Cell)]>,
}

impl Row {
    /// The cell of the system at `system` in [`Overview::systemer`], if the municipality has it.
    pub(crate) fn cell(&self, system: usize) -> Option<Cell> {
        let at = self
            .cells
            .binary_search_by_key(&system, |(s, _)| *s as usize)
            .ok()?;
        Some(self.cells[at].1)
    }

    /// Its cells with the system's place, in the order of the systems.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (usize, Cell)> + '_ {
        self.cells.iter().map(|(s, c)| (*s as usize, *c))
    }

    /// `N — ikke læst` for a row with errors: the mark every overview gives it.
    pub(crate) fn fejl_text(&self) -> String {
        match self.fejl {
            0 => String::new(),
            n => format!("{n} — ikke læst"),
        }
    }
}

/// Texts that many rows repeat (a system's name, a role's), each kept once: a row holds its
/// place.
#[derive(Default)]
pub(crate) struct Texts {
    texts: Vec<String>,
    known: HashMap<String, u32>,
}

impl Texts {
    /// The place of `text`, kept the first time it is given.
    pub(crate) fn place(&mut self, text: &str) -> u32 {
        if let Some(at) = self.known.get(text) {
            return *at;
        }
        let at = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text.to_string());
        self.known.insert(text.to_string(), at);
        at
    }

    /// The text at `at`.
    pub(crate) fn get(&self, at: u32) -> &str {
        self.texts.get(at as usize).map_or("", String::as_str)
    }
}

/// The rows as the run gives them: each system's name kept once, however many list it.
#[derive(Default)]
pub(crate) struct Collect {
    names: Texts,
    rows: Vec<Row>,
}

impl Collect {
    /// A municipality's row, all the overview keeps of it; gives its place in the run.
    pub(crate) fn add(&mut self, m: &MunicipalityDiff) -> usize {
        let mut cells: Vec<(u32, Cell)> = m
            .systemer
            .iter()
            .map(|s| {
                let cell = Cell {
                    fase: s.fase,
                    ubesatte_obligatoriske: u32::try_from(s.ubesatte_obligatoriske)
                        .unwrap_or(u32::MAX),
                };
                (self.names.place(&s.system), cell)
            })
            .collect();
        last_of_each(&mut cells);
        let arrival = self.rows.len();
        self.rows.push(Row {
            kommune: m.kommune.clone(),
            fil: m.fil.clone(),
            fejl: m.fejl,
            i_alt: cells
                .iter()
                .map(|(_, c)| c.ubesatte_obligatoriske as usize)
                .sum(),
            arrival,
            cells: cells.into_boxed_slice(),
        });
        arrival
    }

    /// The matrix of the rows: the systems by name; the unread first, then by unfilled roles,
    /// then by name.
    pub(crate) fn finish(self) -> Overview {
        let Collect { names, mut rows } = self;
        let names = names.texts;
        let mut order: Vec<usize> = (0..names.len()).collect();
        order.sort_by(|a, b| names[*a].cmp(&names[*b]));
        let mut place = vec![0u32; names.len()];
        for (sorted, seen) in order.iter().enumerate() {
            place[*seen] = sorted as u32;
        }
        for row in &mut rows {
            for (system, _) in row.cells.iter_mut() {
                *system = place[*system as usize];
            }
            row.cells.sort_by_key(|(system, _)| *system);
        }
        rows.sort_by(|a, b| {
            (b.fejl > 0)
                .cmp(&(a.fejl > 0))
                .then_with(|| b.i_alt.cmp(&a.i_alt))
                .then_with(|| a.kommune.cmp(&b.kommune))
        });
        let mut names: Vec<Option<String>> = names.into_iter().map(Some).collect();
        let systemer = order
            .iter()
            .filter_map(|seen| names[*seen].take())
            .collect();
        Overview {
            systemer,
            kommuner: rows,
        }
    }
}

/// A system listed twice in a file counts once, as it was last given.
fn last_of_each(cells: &mut Vec<(u32, Cell)>) {
    // A stable sort keeps the order of a system's entries; the later one replaces the kept.
    cells.sort_by_key(|(system, _)| *system);
    cells.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            *kept = *later;
        }
        same
    });
}

/// The whole matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Overview {
    pub systemer: Vec<String>,
    pub kommuner: Vec<Row>,
}

impl Overview {
    /// A row as JSON: `systemer` an object from the system's name to its cell, by name.
    pub(crate) fn json_row<'a>(&'a self, row: &'a Row) -> impl Serialize + 'a {
        JsonRow {
            row,
            names: &self.systemer,
        }
    }

    /// The Markdown table's and the human table's header texts, unescaped.
    fn header(&self) -> impl Iterator<Item = &str> {
        std::iter::once("kommune")
            .chain(self.systemer.iter().map(String::as_str))
            .chain(["i alt", "fejl"])
    }
}

/// A row serialised with its systems' names, as the derived form of a row holding them would.
struct JsonRow<'a> {
    row: &'a Row,
    names: &'a [String],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut row = serializer.serialize_struct("Row", 5)?;
        row.serialize_field("kommune", &self.row.kommune)?;
        row.serialize_field("fil", &self.row.fil)?;
        row.serialize_field("fejl", &self.row.fejl)?;
        row.serialize_field("i_alt", &self.row.i_alt)?;
        row.serialize_field("systemer", &JsonCells(self))?;
        row.end()
    }
}

struct JsonCells<'a>(&'a JsonRow<'a>);

impl Serialize for JsonCells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let JsonRow { row, names } = self.0;
        serializer.collect_map(row.cells().map(|(system, cell)| (&names[system], cell)))
    }
}

/// The matrix as a Markdown table, a row at a time.
pub(crate) fn markdown(out: &mut dyn Write, overview: &Overview) -> io::Result<()> {
    let header: Vec<String> = overview.header().map(|h| cell(&printable(h))).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(header.len()))?;
    let mut line = String::new();
    for row in &overview.kommuner {
        line.clear();
        line.push_str("| ");
        line.push_str(&cell(&printable(&row.kommune)));
        for system in 0..overview.systemer.len() {
            line.push_str(" | ");
            if let Some(c) = row.cell(system) {
                line.push_str(&c.text());
            }
        }
        line.push_str(&format!(" | {} | {} |", row.i_alt, cell(&row.fejl_text())));
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The matrix as CSV: every count its own numeric column (a system's unfilled mandatory roles,
/// then its phase beside it, the total, the errors), so that a spreadsheet sorts and sums them;
/// no cell can be taken for a formula ([`crate::printable::csv_cell`]).
pub(crate) fn csv(out: &mut dyn Write, overview: &Overview) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let mut header = vec!["kommune".to_string()];
    for system in &overview.systemer {
        header.push(system.clone());
        header.push(format!("{system} fase"));
    }
    header.extend(["i alt".to_string(), "fejl".to_string()]);
    write_safe(&mut writer, &header)?;
    let mut line: Vec<String> = Vec::with_capacity(header.len());
    for row in &overview.kommuner {
        line.clear();
        line.push(row.kommune.clone());
        for system in 0..overview.systemer.len() {
            match row.cell(system) {
                Some(cell) => {
                    line.push(cell.ubesatte_obligatoriske.to_string());
                    line.push(cell.fase.id().to_string());
                }
                None => line.extend([String::new(), String::new()]),
            }
        }
        line.push(row.i_alt.to_string());
        line.push(row.fejl.to_string());
        write_safe(&mut writer, &line)?;
    }
    writer.flush()
}

fn write_safe(writer: &mut ::csv::Writer<&mut dyn Write>, cells: &[String]) -> io::Result<()> {
    let safe = cells.iter().map(|c| crate::printable::csv_cell(c));
    writer.write_record(safe.map(|c| c.into_owned()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(collect: &mut Collect, kommune: &str, systems: &[(&str, usize)]) -> usize {
        let systemer = systems
            .iter()
            .map(|(system, unfilled)| crate::diff::SystemDiff {
                system: system.to_string(),
                fase: Phase::Fase2,
                spoc: None,
                roller: Vec::new(),
                naeste_fase: None,
                mangler_til_naeste_fase: Vec::new(),
                ubesatte_obligatoriske: *unfilled,
                ubesatte_anbefalede: 0,
            })
            .collect();
        collect.add(&MunicipalityDiff {
            kommune: kommune.to_string(),
            fil: format!("{kommune}.yaml"),
            systemer,
            fejl: 0,
            uden_fase: Vec::new(),
            personer: None,
            diagnostics: Vec::new(),
        })
    }

    #[test]
    fn systems_are_sorted_by_name_and_rows_worst_first() {
        let mut collect = Collect::default();
        row(&mut collect, "Aby", &[("SAPA", 1), ("KY", 0)]);
        row(&mut collect, "Bby", &[("Byg", 2), ("SAPA", 3)]);
        let overview = collect.finish();
        assert_eq!(overview.systemer, ["Byg", "KY", "SAPA"]);
        let names: Vec<&str> = overview
            .kommuner
            .iter()
            .map(|r| r.kommune.as_str())
            .collect();
        assert_eq!(names, ["Bby", "Aby"]);
        let bby = &overview.kommuner[0];
        assert_eq!(bby.cell(0).map(|c| c.ubesatte_obligatoriske), Some(2));
        assert_eq!(bby.cell(1), None);
        assert_eq!(bby.cell(2).map(|c| c.ubesatte_obligatoriske), Some(3));
        assert_eq!(bby.arrival, 1);
    }

    #[test]
    fn a_system_listed_twice_counts_once_as_last_given() {
        let mut collect = Collect::default();
        row(&mut collect, "Aby", &[("SAPA", 1), ("KY", 4), ("SAPA", 2)]);
        let overview = collect.finish();
        let aby = &overview.kommuner[0];
        assert_eq!(aby.i_alt, 6);
        assert_eq!(aby.cells().count(), 2);
        assert_eq!(aby.cell(1).map(|c| c.ubesatte_obligatoriske), Some(2));
    }

    #[test]
    fn a_row_in_json_is_a_map_from_name_to_cell() {
        let mut collect = Collect::default();
        row(&mut collect, "Aby", &[("SAPA", 1), ("KY", 0)]);
        let overview = collect.finish();
        let json = serde_json::to_value(overview.json_row(&overview.kommuner[0])).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "kommune": "Aby", "fil": "Aby.yaml", "fejl": 0, "i_alt": 1,
                "systemer": {
                    "KY": {"fase": "fase-2", "ubesatte_obligatoriske": 0},
                    "SAPA": {"fase": "fase-2", "ubesatte_obligatoriske": 1},
                },
            })
        );
        let text = serde_json::to_string(&overview.json_row(&overview.kommuner[0])).unwrap();
        assert!(text.starts_with(r#"{"kommune":"Aby","fil":"Aby.yaml","fejl":0,"i_alt":1,"#));
    }
}
