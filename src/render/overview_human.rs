//! The overview for a terminal (`rg diff --overview`; `--format github` shares it): the matrix
//! drawn as the diff's tables are ([`grid`]), fitted to the width by splitting the systems
//! into bands of consecutive columns, each band a table of its own with the municipality
//! first and a caption saying which systems it holds; the totals (`i alt`, `fejl`) close the
//! last band. A header wraps between its words only and a column is at least as wide as its
//! longest word and its longest cell, so no word or number is ever split. The widths come from
//! one pass over the rows; then each line is written as it is made, so no table of every cell
//! is held, however many municipalities there are.

use crate::render::grid::{self, Align, Paint, Rule, Slot};
use crate::render::overview::{Overview, Row};
use crate::term::Term;
use std::io::{self, Write};
use std::ops::Range;

/// What a column of the matrix shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Of {
    Kommune,
    /// The system at this place in [`Overview::systemer`].
    System(usize),
    Total,
    Fejl,
}

/// A column: its header (wrapping at its spaces), the narrowest it may be (its longest word or
/// cell) and the widest it needs (its header on one line).
struct Column {
    of: Of,
    header: grid::Cell,
    least: usize,
    most: usize,
}

impl Column {
    fn new(of: Of, header: grid::Cell, widest_cell: usize) -> Column {
        Column {
            of,
            least: header.min_width().max(widest_cell),
            most: header.natural_width().max(widest_cell),
            header,
        }
    }

    fn align(&self) -> Align {
        match self.of {
            Of::Total => Align::Right,
            Of::Kommune | Of::System(_) | Of::Fejl => Align::Left,
        }
    }
}

/// One table of the overview: the systems at `systems` (places in [`Overview::systemer`]),
/// and whether the totals close it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Band {
    systems: Range<usize>,
    totals: bool,
}

/// Columns this wide take this much of a line: a space either side of each, a border between
/// them and at either end.
fn framed(widths: impl IntoIterator<Item = usize>) -> usize {
    widths.into_iter().map(|w| w + 3).sum::<usize>() + 1
}

/// Writes the overview fitted to `term.width` columns, each line as it is made.
pub(crate) fn write(out: &mut dyn Write, overview: &Overview, term: &Term) -> io::Result<()> {
    let (kommune, systems, totals) = columns(overview, term.width);
    let least: Vec<usize> = systems.iter().map(|c| c.least).collect();
    let totals_least = totals.iter().map(|c| c.least + 3).sum();
    let bands = bands(kommune.least, &least, totals_least, term.width);
    for (at, band) in bands.iter().enumerate() {
        if bands.len() > 1 {
            if at > 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}", caption(band, overview.systemer.len()))?;
        }
        let mut shown = vec![&kommune];
        shown.extend(&systems[band.systems.clone()]);
        if band.totals {
            shown.extend(&totals);
        }
        let widths = widths(&shown, term.width);
        write_band(out, overview, &shown, &widths, term.color)?;
    }
    Ok(())
}

/// The columns, their widths found in one pass over the rows: the municipality's (at most a
/// third of the width unless a word needs more, so that a long name wraps rather than leaving
/// no room for the systems), the systems', the totals'.
fn columns(overview: &Overview, width: usize) -> (Column, Vec<Column>, [Column; 2]) {
    let mut name = (0, 0);
    let mut cells = vec![0; overview.systemer.len()];
    let (mut total, mut fejl) = (0, 0);
    for row in &overview.kommuner {
        let kommune = grid::Cell::text(&row.kommune);
        name = (
            name.0.max(kommune.min_width()),
            name.1.max(kommune.natural_width()),
        );
        for (system, cell) in row.cells() {
            cells[system] = cells[system].max(grid::width(&cell.text()));
        }
        total = total.max(row.i_alt.to_string().len());
        fejl = fejl.max(grid::width(&row.fejl_text()));
    }
    let mut kommune = Column::new(Of::Kommune, grid::Cell::text("kommune"), name.0);
    kommune.least = kommune.least.max(name.1.min(width / 3));
    kommune.most = kommune.least;
    let systems = overview
        .systemer
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(at, (name, cell))| Column::new(Of::System(at), grid::Cell::text(name), cell))
        .collect();
    let totals = [
        // One label, not two words.
        Column::new(Of::Total, grid::Cell::whole("i alt"), total),
        Column::new(Of::Fejl, grid::Cell::text("fejl"), fejl),
    ];
    (kommune, systems, totals)
}

/// The systems split into bands that fit `width`, in their order: each band takes as many
/// systems (at their narrowest, `systems`) as fit beside the municipality's column
/// (`kommune`), at least one; the totals (`totals`, framed) close the last band, which gives
/// up its last system to them when they do not fit there, and they make a band of their own
/// only when neither fits. A band is wider than `width` only when one system alone does not
/// fit. Of the ways with the fewest bands, the one whose bands are most even.
fn bands(kommune: usize, systems: &[usize], totals: usize, width: usize) -> Vec<Band> {
    let greedy = packed(kommune, systems, totals, width, usize::MAX);
    // As many bands, each as even as they can be: not 10, 10, 9 and 1 systems but 8, 8, 8, 6.
    let count = greedy.len();
    let even = systems.len().div_ceil(count);
    let fullest = greedy.iter().map(|b| b.systems.len()).max().unwrap_or(0);
    (even..fullest)
        .map(|most| packed(kommune, systems, totals, width, most))
        .find(|bands| bands.len() <= count)
        .unwrap_or(greedy)
}

/// [`bands`] with at most `most` systems in a band.
fn packed(
    kommune: usize,
    systems: &[usize],
    totals: usize,
    width: usize,
    most: usize,
) -> Vec<Band> {
    let base = framed([kommune]);
    let mut bands = Vec::new();
    let (mut start, mut used) = (0, base);
    for (at, system) in systems.iter().enumerate() {
        if at > start && (used + system + 3 > width || at - start == most) {
            bands.push(Band {
                systems: start..at,
                totals: false,
            });
            (start, used) = (at, base);
        }
        used += system + 3;
    }
    let end = systems.len();
    // Where the totals do not fit, the last system goes with them if it can, so that a
    // band of totals alone is the last resort.
    let with_last = |at: usize| base + systems[at] + 3 + totals <= width;
    let split = if start == end || used + totals <= width {
        start
    } else if end - start > 1 && with_last(end - 1) {
        end - 1
    } else {
        end
    };
    if split > start {
        bands.push(Band {
            systems: start..split,
            totals: false,
        });
    }
    bands.push(Band {
        systems: split..end,
        totals: true,
    });
    bands
}

/// The line above a band: which of the `count` systems it holds.
fn caption(band: &Band, count: usize) -> String {
    let Range { start, end } = band.systems;
    match end - start {
        0 => "I alt og fejl".to_string(),
        1 => format!("System {end} af {count}"),
        _ => format!("Systemer {}–{end} af {count}", start + 1),
    }
}

/// The widths of a band's columns: each at its narrowest, then what is left of `width` given
/// to the columns whose headers need the least to fit on one line, so that as many headers as
/// can be are one line.
fn widths(columns: &[&Column], width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = columns.iter().map(|c| c.least).collect();
    let mut spare = width.saturating_sub(framed(widths.iter().copied()));
    let mut wanting: Vec<usize> = (0..columns.len()).collect();
    wanting.sort_by_key(|at| columns[*at].most - columns[*at].least);
    for at in wanting {
        let more = (columns[at].most - columns[at].least).min(spare);
        widths[at] += more;
        spare -= more;
    }
    widths
}

/// One band as a table: the header, then every row.
fn write_band(
    out: &mut dyn Write,
    overview: &Overview,
    columns: &[&Column],
    widths: &[usize],
    color: bool,
) -> io::Result<()> {
    writeln!(out, "{}", grid::rule(widths, Rule::Top))?;
    let headers: Vec<Vec<String>> = columns
        .iter()
        .zip(widths)
        .map(|(c, w)| c.header.lines(*w))
        .collect();
    write_lines(out, columns, widths, &headers, &[], color)?;
    writeln!(out, "{}", grid::rule(widths, Rule::UnderHeader))?;
    for row in &overview.kommuner {
        let (texts, paints): (Vec<Vec<String>>, Vec<Paint>) = columns
            .iter()
            .zip(widths)
            .map(|(c, w)| cell(row, c.of, *w))
            .unzip();
        write_lines(out, columns, widths, &texts, &paints, color)?;
    }
    writeln!(out, "{}", grid::rule(widths, Rule::Bottom))
}

/// A row's cell in a column: its lines at `width` (only the municipality's name may wrap, at
/// its spaces) and its colour, red for unfilled roles or errors, green for none unfilled.
fn cell(row: &Row, of: Of, width: usize) -> (Vec<String>, Paint) {
    match of {
        Of::Kommune => (grid::Cell::text(&row.kommune).lines(width), Paint::Plain),
        Of::System(system) => match row.cell(system) {
            Some(cell) if cell.ubesatte_obligatoriske > 0 => (vec![cell.text()], Paint::Red),
            Some(cell) => (vec![cell.text()], Paint::Green),
            None => (Vec::new(), Paint::Plain),
        },
        Of::Total => (vec![row.i_alt.to_string()], Paint::Plain),
        Of::Fejl => (vec![row.fejl_text()], Paint::Red),
    }
}

/// The lines of one row of cells (`texts`, one list of lines per column), as high as its
/// highest cell; `paints` colours them (none: plain).
fn write_lines(
    out: &mut dyn Write,
    columns: &[&Column],
    widths: &[usize],
    texts: &[Vec<String>],
    paints: &[Paint],
    color: bool,
) -> io::Result<()> {
    let height = texts.iter().map(Vec::len).max().unwrap_or(0).max(1);
    for line in 0..height {
        let slots = texts.iter().enumerate().map(|(at, lines)| Slot {
            text: lines.get(line).map_or("", String::as_str),
            width: widths[at],
            align: columns[at].align(),
            paint: paints.get(at).copied().unwrap_or(Paint::Plain),
        });
        writeln!(out, "{}", grid::text_line(slots, color))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::{MunicipalityDiff, SystemDiff};
    use crate::model::Phase;
    use crate::render::overview::Collect;

    fn overview(systems: &[&str], municipalities: &[&str]) -> Overview {
        let mut collect = Collect::default();
        for (at, kommune) in municipalities.iter().enumerate() {
            let systemer = systems
                .iter()
                .map(|system| SystemDiff {
                    system: system.to_string(),
                    fase: Phase::Fase3,
                    spoc: None,
                    roller: Vec::new(),
                    naeste_fase: None,
                    mangler_til_naeste_fase: Vec::new(),
                    ubesatte_obligatoriske: at * 7,
                    ubesatte_anbefalede: 0,
                })
                .collect();
            collect.add(&MunicipalityDiff {
                kommune: kommune.to_string(),
                fil: format!("{at}.yaml"),
                systemer,
                fejl: usize::from(at == 0),
                uden_fase: Vec::new(),
                personer: None,
                diagnostics: Vec::new(),
            });
        }
        collect.finish()
    }

    fn render(overview: &Overview, width: usize) -> String {
        let mut out = Vec::new();
        write(&mut out, overview, &Term::plain_at(width)).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Thirty systems with names of one to three words, as the scale corpus has.
    fn thirty() -> Vec<String> {
        let words = [
            "Byg og Miljø",
            "KY",
            "Sundhedsplatform",
            "Fælles Sprog Data",
        ];
        (0..30)
            .map(|at| format!("{} {at}", words[at % 4]))
            .collect()
    }

    #[test]
    fn systems_that_fit_are_one_table_without_a_caption() {
        let matrix = overview(&["Byg og Miljø", "KY", "SAPA"], &["Holbæk", "Vordingborg"]);
        let table = render(&matrix, 100);
        assert!(!table.contains("af 3"), "{table}");
        assert!(
            table.contains(
                "│ kommune     ┆ Byg og Miljø ┆ KY         ┆ SAPA       ┆ i alt ┆ fejl          │"
            ),
            "{table}"
        );
        assert!(table.contains("│ Holbæk      ┆ 0 (fase-3)   ┆"), "{table}");
        assert!(table.contains("┆ 1 — ikke læst │"), "{table}");
        assert_eq!(table.lines().count(), 6, "{table}");
    }

    #[test]
    fn every_band_fits_the_width_and_holds_the_systems_in_order() {
        let names = thirty();
        let systems: Vec<&str> = names.iter().map(String::as_str).collect();
        let matrix = overview(
            &systems,
            &["Aabenraa", "Lyngby-Taarbæk", "Ringkøbing-Skjern"],
        );
        for width in [60, 80, 120, 200] {
            let table = render(&matrix, width);
            for line in table.lines() {
                assert!(line.chars().count() <= width, "{width}: {line}\n{table}");
            }
            // The bands hold the systems in order, each once: 1–a, a+1–b, ... –30.
            let mut next = 1;
            for caption in table.lines().filter(|l| l.ends_with(" af 30")) {
                let range = caption.split(' ').nth(1).unwrap();
                let (first, last) = range.split_once('–').unwrap_or((range, range));
                assert_eq!(first.parse::<usize>().unwrap(), next, "{caption}\n{table}");
                next = last.parse::<usize>().unwrap() + 1;
            }
            assert_eq!(next, 31, "{width}: {table}");
            assert!(table.starts_with("Systemer 1–"), "{table}");
            assert_eq!(table.matches("i alt").count(), 1, "{table}");
            let last = table.rsplit(" af 30\n").next().unwrap();
            assert!(last.contains("i alt"), "{width}: {table}");
        }
    }

    #[test]
    fn a_header_wraps_between_words_only() {
        let matrix = overview(
            &["Fælles Sprog Data Platform", "Sundhedsplatform"],
            &["Aby"],
        );
        let table = render(&matrix, 50);
        for line in table.lines() {
            assert!(line.chars().count() <= 50, "{line}\n{table}");
        }
        assert!(table.contains("Sundhedsplatform"), "{table}");
        for word in ["Fælles", "Sprog", "Data", "Platform"] {
            assert!(table.contains(word), "{word} split in\n{table}");
        }
        // The header takes more than one line.
        let alone = |l: &&str| l.contains("Platform") && !l.contains("Fælles");
        assert!(table.lines().any(|l| alone(&l)), "{table}");
    }

    #[test]
    fn headers_take_one_line_when_there_is_room() {
        let matrix = overview(&["Fælles Sprog Data Platform", "KY"], &["Aby"]);
        let table = render(&matrix, 200);
        assert!(table.contains("┆ Fælles Sprog Data Platform ┆"), "{table}");
        assert_eq!(table.lines().count(), 5, "{table}");
    }

    #[test]
    fn a_word_wider_than_the_width_gets_a_band_of_its_own_and_stays_whole() {
        let long = "Lokalplansindberetningsplatformsadministrationen";
        let matrix = overview(&["KY", long, "SAPA"], &["Aby", "Bby"]);
        let table = render(&matrix, 40);
        assert!(table.contains(long), "{table}");
        assert!(table.contains("System 2 af 3"), "{table}");
        let band = table.split("System 2 af 3").nth(1).unwrap();
        let band = band.split("\n\n").next().unwrap();
        assert!(!band.contains("KY") && !band.contains("SAPA"), "{band}");
        // The other bands still fit.
        let first = table.split("\n\n").next().unwrap();
        for line in first.lines() {
            assert!(line.chars().count() <= 40, "{line}\n{table}");
        }
    }

    #[test]
    fn the_totals_take_the_last_system_along_when_the_last_band_is_full() {
        // kommune 7 wide: 11 framed; systems of 10: 13 each; totals framed 20.
        let band = |systems: Range<usize>, totals: bool| Band { systems, totals };
        assert_eq!(
            bands(7, &[10, 10, 10], 20, 11 + 3 * 13),
            [band(0..2, false), band(2..3, true)]
        );
        assert_eq!(
            bands(7, &[10, 10, 10], 20, 11 + 3 * 13 + 20),
            [band(0..3, true)]
        );
        assert_eq!(
            bands(7, &[10, 10, 10], 20, 11 + 13 + 20),
            [band(0..2, false), band(2..3, true)]
        );
        // Where one system and the totals are too wide, the totals stand alone.
        let alone = bands(7, &[10, 10, 10], 20, 11 + 13 + 19);
        assert_eq!(
            alone,
            [band(0..2, false), band(2..3, false), band(3..3, true)]
        );
        assert_eq!(caption(&alone[2], 3), "I alt og fejl");
        assert_eq!(caption(&alone[1], 3), "System 3 af 3");
        assert_eq!(caption(&alone[0], 3), "Systemer 1–2 af 3");
    }

    #[test]
    fn bands_are_as_even_as_their_number_allows() {
        let band = |systems: Range<usize>, totals: bool| Band { systems, totals };
        // Greedy: 4, 4 and 1 with the totals; even: 3, 3, 3.
        let width = 11 + 3 * 13 + 20;
        assert_eq!(
            bands(7, &[10; 9], 20, width),
            [band(0..3, false), band(3..6, false), band(6..9, true)]
        );
    }

    #[test]
    fn no_systems_is_one_table_of_the_totals() {
        assert_eq!(
            bands(7, &[], 20, 80),
            [Band {
                systems: 0..0,
                totals: true
            }]
        );
    }

    #[test]
    fn a_long_name_wraps_at_its_spaces_and_values_cannot_break_the_borders() {
        let long = "Den Meget Lange Kommune Med Et Navn Over Flere Linjer\u{1b}[2J";
        let matrix = overview(&["KY", "SAPA"], &[long, "Aby\nBby"]);
        let table = render(&matrix, 60);
        assert!(!table.contains('\u{1b}'), "{table}");
        let captions = ["", "Systemer 1–2 af 2", "System 2 af 2", "I alt og fejl"];
        for line in table.lines().filter(|l| !captions.contains(l)) {
            assert!(line.chars().count() <= 60, "{line}\n{table}");
            assert!(line.starts_with(['│', '┌', '╞', '└']), "{line}\n{table}");
        }
        assert!(table.contains("│ Den Meget"), "{table}");
        assert!(table.contains("Aby Bby"), "{table}");
    }

    #[test]
    fn colour_marks_unfilled_red_and_none_green() {
        let matrix = overview(&["KY"], &["Aby", "Bby"]);
        let mut out = Vec::new();
        let term = Term {
            color: true,
            ..Term::plain_at(80)
        };
        write(&mut out, &matrix, &term).unwrap();
        let table = String::from_utf8(out).unwrap();
        assert!(table.contains("\x1b[31m7 (fase-3)\x1b[0m"), "{table:?}");
        assert!(table.contains("\x1b[32m0 (fase-3)\x1b[0m"), "{table:?}");
        assert!(!render(&matrix, 80).contains('\x1b'));
    }
}
