//! Terminal tables that never split a word. Every cell is a list of pieces — a word, an id, a
//! person's whole name — and lines break between pieces, never inside one, so a column is at
//! least as wide as its longest piece (a column of ids as wide as its longest id). When the
//! table is wider than the terminal, the widest text columns wrap first; then the least needed
//! columns are folded into a neighbour (an id in parentheses after the name) or left out (a
//! note under the table says which); only a table that cannot be narrowed further is wider
//! than asked. Drawn as comfy-table's `UTF8_FULL_CONDENSED`, with a
//! colour per cell when colour is on. Every piece is shown on one line with visible escapes
//! ([`printable::one_line`]), so a value cannot break the borders or reach the terminal raw.

use crate::printable;
use std::borrow::Cow;

/// Where a cell's text sits in its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// A cell's colour: the diff's meanings (red unfilled mandatory, yellow recommended, green
/// filled).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Paint {
    Plain,
    Red,
    Yellow,
    Green,
}

impl Paint {
    fn code(self) -> Option<&'static str> {
        match self {
            Paint::Plain => None,
            Paint::Red => Some("\x1b[31m"),
            Paint::Yellow => Some("\x1b[33m"),
            Paint::Green => Some("\x1b[32m"),
        }
    }

    /// What `write` writes, in this colour when colour is on and there is something to colour.
    fn write_to(self, out: &mut String, some: bool, color: bool, write: impl FnOnce(&mut String)) {
        match (self.code(), color && some) {
            (Some(code), true) => {
                out.push_str(code);
                write(out);
                out.push_str("\x1b[0m");
            }
            _ => write(out),
        }
    }
}

/// One cell: the pieces lines may break between, and its colour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cell {
    pieces: Vec<String>,
    /// For each piece, whether it follows the one before without a space (the part after a
    /// `/` in "Klassifikations-/sortimentsadministrator").
    glued: Vec<bool>,
    /// Each piece's width, measured once: the layout asks for it at every width it tries.
    widths: Vec<usize>,
    paint: Paint,
    /// What the cell adds to its neighbour when its column is folded into it; by default its
    /// pieces in parentheses.
    folded: Option<Vec<String>>,
}

impl Cell {
    /// Text that wraps at its spaces, and after a `/` between two words
    /// ("Træner/" "underviser"), never inside a word.
    pub(crate) fn text(text: &str) -> Cell {
        let mut cell = Cell::empty();
        for word in text.split_whitespace() {
            let word = printable::one_line(word);
            let mut rest: &str = &word;
            let mut first = true;
            while let Some(at) = rest.find('/').filter(|at| at + 1 < rest.len()) {
                cell.push(&rest[..=at], !first);
                rest = &rest[at + 1..];
                first = false;
            }
            cell.push(rest, !first);
        }
        cell
    }

    fn push(&mut self, piece: &str, glued: bool) {
        if !piece.is_empty() {
            self.pieces.push(piece.to_string());
            self.glued.push(glued);
            self.widths.push(width(piece));
        }
    }

    /// Text kept on one line whatever the width: an id, a number, a symbol.
    pub(crate) fn whole(text: &str) -> Cell {
        Cell::pieces([text])
    }

    /// Pieces kept whole, joined by spaces when they share a line (names in a list).
    pub(crate) fn pieces<S: AsRef<str>>(pieces: impl IntoIterator<Item = S>) -> Cell {
        let mut cell = Cell::empty();
        for piece in pieces {
            cell.push(&printable::one_line(piece.as_ref()), false);
        }
        cell
    }

    pub(crate) fn empty() -> Cell {
        Cell {
            pieces: Vec::new(),
            glued: Vec::new(),
            widths: Vec::new(),
            paint: Paint::Plain,
            folded: None,
        }
    }

    /// Adds nothing to its neighbour when its column is folded (the neighbour says it already).
    pub(crate) fn silent_when_folded(mut self) -> Cell {
        self.folded = Some(Vec::new());
        self
    }

    /// The pieces it adds to its neighbour when its column is folded into it.
    fn fold_pieces(&self) -> Vec<String> {
        self.folded
            .clone()
            .unwrap_or_else(|| match self.pieces.as_slice() {
                [] => Vec::new(),
                pieces => vec![format!("({})", pieces.join(" "))],
            })
    }

    pub(crate) fn paint(mut self, paint: Paint) -> Cell {
        self.paint = paint;
        self
    }

    /// The longest piece: the column cannot be narrower.
    pub(crate) fn min_width(&self) -> usize {
        self.widths.iter().copied().max().unwrap_or(0)
    }

    /// All pieces on one line.
    pub(crate) fn natural_width(&self) -> usize {
        let words: usize = self.widths.iter().sum();
        let spaces = self.glued.iter().skip(1).filter(|g| !**g).count();
        words + spaces
    }

    /// How many lines [`Cell::lines`] gives at `columns`, without making them.
    fn line_count(&self, columns: usize) -> usize {
        let mut count = 1;
        let mut line = 0;
        for (&piece, glued) in self.widths.iter().zip(&self.glued) {
            let space = usize::from(!glued);
            if line > 0 && line + space + piece > columns {
                count += 1;
                line = piece;
            } else {
                line += if line > 0 { space + piece } else { piece };
            }
        }
        count
    }

    /// The width of the longest of [`Cell::lines`] at `columns`, without making them.
    fn longest_line(&self, columns: usize) -> usize {
        let (mut longest, mut line) = (0, 0);
        for (&piece, glued) in self.widths.iter().zip(&self.glued) {
            let space = usize::from(!glued);
            if line > 0 && line + space + piece > columns {
                longest = longest.max(line);
                line = piece;
            } else {
                line += if line > 0 { space + piece } else { piece };
            }
        }
        longest.max(line)
    }

    /// The lines of [`Cell::lines`] at `columns` added to `lines`, as spans of pieces.
    fn wrap_into(&self, columns: usize, lines: &mut Vec<Span>) {
        let mut span = Span {
            start: 0,
            end: 0,
            width: 0,
        };
        for (at, (&piece, glued)) in self.widths.iter().zip(&self.glued).enumerate() {
            let space = usize::from(!glued);
            if span.width > 0 && span.width + space + piece > columns {
                lines.push(span);
                span = Span {
                    start: at,
                    end: at + 1,
                    width: piece,
                };
            } else {
                span.width += if span.width > 0 { space + piece } else { piece };
                span.end = at + 1;
            }
        }
        lines.push(span);
    }

    /// The pieces of one line, joined as [`Cell::lines`] joins them.
    fn push_span(&self, out: &mut String, span: Span) {
        for at in span.start..span.end {
            if at > span.start && !self.glued[at] {
                out.push(' ');
            }
            out.push_str(&self.pieces[at]);
        }
    }

    /// The pieces wrapped to `columns`, at least one line.
    pub(crate) fn lines(&self, columns: usize) -> Vec<String> {
        let mut spans = Vec::new();
        self.wrap_into(columns, &mut spans);
        spans
            .into_iter()
            .map(|span| {
                let mut line = String::new();
                self.push_span(&mut line, span);
                line
            })
            .collect()
    }
}

/// Columns a text takes: one per character (the tables' symbols and Danish letters are one
/// column wide in a terminal).
pub(crate) fn width(text: &str) -> usize {
    text.chars().count()
}

/// A column: its header, alignment and how readily it is left out.
#[derive(Clone)]
struct Column {
    header: Cell,
    align: Align,
    /// Left out (or folded) when the table does not fit, highest first; 0 is never left out.
    drop: u8,
    /// The column this one is folded into instead of being left out.
    fold_into: Option<usize>,
}

/// The lines each cell of a column takes, by (column, width): each wrapped once.
type Known = foldhash::HashMap<(usize, usize), Vec<usize>>;

/// For each row, its tallest cell among the shown columns and the tallest of the others: the
/// height of a row without any one column, found in one step.
struct Tallest {
    /// (the column of the tallest cell, its height, the height of the next tallest).
    rows: Vec<(usize, usize, usize)>,
}

impl Tallest {
    fn of(heights: &[Vec<usize>]) -> Tallest {
        let count = heights.first().map_or(0, Vec::len);
        let mut rows = vec![(usize::MAX, 0, 0); count];
        for (column, lines) in heights.iter().enumerate() {
            for (row, &h) in rows.iter_mut().zip(lines) {
                if row.0 == usize::MAX || h > row.1 {
                    *row = (column, h, row.1);
                } else if h > row.2 {
                    row.2 = h;
                }
            }
        }
        Tallest { rows }
    }

    /// The row's height without column `column` (1 when it is the only column).
    fn without(&self, column: usize, row: usize) -> usize {
        let (tallest, first, second) = self.rows[row];
        if tallest == column {
            second.max(1)
        } else {
            first
        }
    }
}

/// One column narrowed: which (among those shown), to what width, its cells' lines then.
struct Step {
    at: usize,
    width: usize,
    heights: Vec<usize>,
}

/// A table of cells, fitted to a width when rendered.
#[derive(Clone)]
pub(crate) struct Grid {
    columns: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

impl Grid {
    pub(crate) fn new() -> Grid {
        Grid {
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// Adds a column whose header wraps at its spaces; `drop` 0 is never left out, higher
    /// numbers go first.
    pub(crate) fn column(self, header: &str, align: Align, drop: u8) -> Grid {
        self.column_with(Cell::text(header), align, drop)
    }

    /// Adds a column with a header cell of its own (a header that must not wrap).
    pub(crate) fn column_with(mut self, header: Cell, align: Align, drop: u8) -> Grid {
        self.columns.push(Column {
            header: header.paint(Paint::Plain),
            align,
            drop,
            fold_into: None,
        });
        self
    }

    /// Adds a column that, when the table does not fit, is folded into column `into` (its
    /// cells' pieces appended there) rather than left out.
    pub(crate) fn folding_column(mut self, header: &str, into: usize, drop: u8) -> Grid {
        self.columns.push(Column {
            header: Cell::text(header),
            align: Align::Left,
            drop,
            fold_into: Some(into),
        });
        self
    }

    /// Adds a row; missing cells are empty, extra ones are ignored.
    pub(crate) fn row(&mut self, mut cells: Vec<Cell>) {
        cells.resize(self.columns.len(), Cell::empty());
        self.rows.push(cells);
    }

    /// The cells of a column, its header first.
    fn cells(&self, column: usize) -> impl Iterator<Item = &Cell> {
        std::iter::once(&self.columns[column].header)
            .chain(self.rows.iter().map(move |r| &r[column]))
    }

    fn min_width(&self, column: usize) -> usize {
        self.cells(column).map(Cell::min_width).max().unwrap_or(0)
    }

    fn natural_width(&self, column: usize) -> usize {
        self.cells(column)
            .map(Cell::natural_width)
            .max()
            .unwrap_or(0)
    }

    /// Folds or leaves out columns until the narrowest table fits `width` (or nothing more
    /// can go): the columns shown, and the notes on what was folded or left out.
    fn narrowed(&self, width: usize) -> (Cow<'_, Grid>, Vec<usize>, Vec<String>) {
        let frame = |n: usize| 3 * n + 1;
        // Copied only when a column is folded into another: most tables fit as they are.
        let mut grid = Cow::Borrowed(self);
        let mut shown: Vec<usize> = (0..grid.columns.len()).collect();
        let mut notes = Vec::new();
        loop {
            let least: usize = shown.iter().map(|c| grid.min_width(*c)).sum();
            if least + frame(shown.len()) <= width {
                break;
            }
            // The least needed column goes, the rightmost of equals.
            let candidate = shown
                .iter()
                .enumerate()
                .filter(|(_, c)| grid.columns[**c].drop > 0)
                .max_by_key(|(at, c)| (grid.columns[**c].drop, *at));
            let Some((at, &column)) = candidate else {
                break;
            };
            shown.remove(at);
            let header = grid.columns[column].header.pieces.join(" ");
            match grid.columns[column].fold_into.filter(|c| shown.contains(c)) {
                Some(into) => {
                    let mut added = false;
                    for row in &mut grid.to_mut().rows {
                        for piece in row[column].fold_pieces() {
                            row[into].push(&piece, false);
                            added = true;
                        }
                    }
                    // A note of parentheses where none are would send the reader looking.
                    if added {
                        let target = grid.columns[into].header.pieces.join(" ");
                        notes.push(format!("{header} i parentes under {target}"));
                    } else {
                        notes.push(format!("{header} udeladt"));
                    }
                }
                None => notes.push(format!("{header} udeladt")),
            }
        }
        (grid, shown, notes)
    }

    /// Whether the table fits `width` columns, once the columns that may go have made room.
    pub(crate) fn fits(&self, width: usize) -> bool {
        let (grid, shown, _) = self.narrowed(width);
        let least: usize = shown.iter().map(|c| grid.min_width(*c)).sum();
        least + 3 * shown.len() < width
    }

    /// The widths of the shown columns: each as wide as its content until the table fits, the
    /// columns given up where that costs the fewest lines of table per column (a header that
    /// wraps once before every row with a long name does), the widest first among equals.
    fn widths(&self, shown: &[usize], width: usize) -> Vec<usize> {
        let mins: Vec<usize> = shown.iter().map(|c| self.min_width(*c)).collect();
        let mut widths: Vec<usize> = shown.iter().map(|c| self.natural_width(*c)).collect();
        let frame = 3 * shown.len() + 1;
        let mut excess = (widths.iter().sum::<usize>() + frame).saturating_sub(width);
        if excess == 0 {
            return widths;
        }
        let mut known = Known::default();
        let mut heights: Vec<Vec<usize>> = shown
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.heights(*c, *w, &mut known).to_vec())
            .collect();
        while excess > 0 {
            let step = self.cheapest_step(shown, &widths, &mins, &heights, excess, &mut known);
            let Some(step) = step else {
                break;
            };
            excess -= widths[step.at] - step.width;
            widths[step.at] = step.width;
            heights[step.at] = step.heights;
        }
        // A wrapped column as wide as its longest line, not wider.
        for (at, column) in shown.iter().enumerate() {
            widths[at] = self
                .cells(*column)
                .map(|cell| cell.longest_line(widths[at]))
                .max()
                .unwrap_or(0)
                .max(mins[at]);
        }
        widths
    }

    /// The lines each cell of a column (its header first) takes at `columns`; each column and
    /// width wrapped once (`known`), however often the narrowing asks.
    fn heights<'a>(&self, column: usize, columns: usize, known: &'a mut Known) -> &'a [usize] {
        known
            .entry((column, columns))
            .or_insert_with(|| self.cells(column).map(|c| c.line_count(columns)).collect())
    }

    /// Of every narrowing of one column by at most `excess`, the one that adds the fewest
    /// lines to the table per column given up; among equals the one giving up most, then the
    /// widest column.
    fn cheapest_step(
        &self,
        shown: &[usize],
        widths: &[usize],
        mins: &[usize],
        heights: &[Vec<usize>],
        excess: usize,
        known: &mut Known,
    ) -> Option<Step> {
        let tallest = Tallest::of(heights);
        let mut best: Option<(usize, usize, usize, usize)> = None;
        for at in (0..shown.len()).filter(|at| widths[*at] > mins[*at]) {
            // Each row's height without this column: what its narrowing must exceed to cost.
            let table = |column: &[usize]| -> usize {
                column
                    .iter()
                    .enumerate()
                    .map(|(row, h)| (*h).max(tallest.without(at, row)))
                    .sum()
            };
            let now = table(&heights[at]);
            let lowest = mins[at].max(widths[at].saturating_sub(excess));
            for target in (lowest..widths[at]).rev() {
                let added = table(self.heights(shown[at], target, known)) - now;
                let saved = widths[at] - target;
                let better = match best {
                    None => true,
                    Some((best_added, best_saved, best_at, _)) => {
                        let (this, that) = (added * best_saved, best_added * saved);
                        this < that
                            || (this == that && (saved, widths[at]) > (best_saved, widths[best_at]))
                    }
                };
                if better {
                    best = Some((added, saved, at, target));
                }
            }
        }
        let (_, _, at, width) = best?;
        Some(Step {
            at,
            width,
            heights: self.heights(shown[at], width, known).to_vec(),
        })
    }

    /// The table drawn to fit `width` columns, coloured when `color` is on; a note under it
    /// says which columns were folded or left out. No line break at the end.
    pub(crate) fn render(&self, width: usize, color: bool) -> String {
        let (table, notes) = self.draw(width, color);
        if notes.is_empty() {
            return table;
        }
        let note = format!(
            "({} for at passe til {width} kolonner; en bredere terminal viser alt)",
            notes.join(", ")
        );
        format!(
            "{table}\n{}",
            crate::term::wrap(&note, width, "", " ").trim_end()
        )
    }

    /// The table drawn to fit `width` columns, and what was folded or left out to fit (for a
    /// caller that says so once for several tables). No line break at the end.
    pub(crate) fn draw(&self, width: usize, color: bool) -> (String, Vec<String>) {
        let (grid, shown, notes) = self.narrowed(width);
        let widths = grid.widths(&shown, width);
        let mut out = String::new();
        let mut wrapped = Wrapped::default();
        border(&mut out, &widths, Rule::Top);
        let header: Vec<&Cell> = shown.iter().map(|c| &grid.columns[*c].header).collect();
        grid.draw_row(&mut out, &header, &shown, &widths, color, &mut wrapped);
        border(&mut out, &widths, Rule::UnderHeader);
        let mut cells: Vec<&Cell> = Vec::with_capacity(shown.len());
        for row in &grid.rows {
            cells.clear();
            cells.extend(shown.iter().map(|c| &row[*c]));
            grid.draw_row(&mut out, &cells, &shown, &widths, color, &mut wrapped);
        }
        border(&mut out, &widths, Rule::Bottom);
        out.pop(); // the last line break
        (out, notes)
    }

    /// Each line of the row's cells, wrapped to their columns, ended by a line break.
    fn draw_row(
        &self,
        out: &mut String,
        cells: &[&Cell],
        shown: &[usize],
        widths: &[usize],
        color: bool,
        wrapped: &mut Wrapped,
    ) {
        wrapped.wrap(cells, widths);
        for line in 0..wrapped.height() {
            out.push('│');
            for (at, cell) in cells.iter().enumerate() {
                if at > 0 {
                    out.push('┆');
                }
                out.push(' ');
                let span = wrapped.line(at, line);
                let text_width = span.map_or(0, |s| s.width);
                let align = self.columns[shown[at]].align;
                pad_with(
                    out,
                    text_width,
                    widths[at],
                    align,
                    cell.paint,
                    color,
                    |out| {
                        if let Some(span) = span {
                            cell.push_span(out, span);
                        }
                    },
                );
                out.push(' ');
            }
            out.push_str("│\n");
        }
    }
}

/// A line of a wrapped cell: its pieces `start..end`, and their width with the spaces between.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    end: usize,
    width: usize,
}

/// The lines of one row's cells, kept from row to row so that drawing a row allocates nothing.
#[derive(Default)]
struct Wrapped {
    lines: Vec<Span>,
    /// Where each cell's lines start in `lines`, and where the last ends.
    starts: Vec<usize>,
}

impl Wrapped {
    fn wrap(&mut self, cells: &[&Cell], widths: &[usize]) {
        self.lines.clear();
        self.starts.clear();
        for (cell, width) in cells.iter().zip(widths) {
            self.starts.push(self.lines.len());
            cell.wrap_into(*width, &mut self.lines);
        }
        self.starts.push(self.lines.len());
    }

    fn height(&self) -> usize {
        self.starts
            .windows(2)
            .map(|w| w[1] - w[0])
            .max()
            .unwrap_or(1)
    }

    /// Line `line` of cell `cell`, if it has that many.
    fn line(&self, cell: usize, line: usize) -> Option<Span> {
        let at = self.starts[cell] + line;
        (at < self.starts[cell + 1]).then(|| self.lines[at])
    }
}

/// A line of a table's frame, drawn as comfy-table's `UTF8_FULL_CONDENSED` draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Rule {
    Top,
    UnderHeader,
    Bottom,
}

/// The frame's line `rule` over columns of these widths (each with a space either side).
pub(crate) fn rule(widths: &[usize], rule: Rule) -> String {
    let mut out = String::new();
    border(&mut out, widths, rule);
    out.pop(); // the line break
    out
}

/// [`rule`] added to `out`, ended by a line break.
fn border(out: &mut String, widths: &[usize], rule: Rule) {
    let (left, fill, join, right) = match rule {
        Rule::Top => ("┌", "─", "┬", "┐"),
        Rule::UnderHeader => ("╞", "═", "╪", "╡"),
        Rule::Bottom => ("└", "─", "┴", "┘"),
    };
    out.push_str(left);
    for (at, w) in widths.iter().enumerate() {
        if at > 0 {
            out.push_str(join);
        }
        spaces(out, fill, w + 2);
    }
    out.push_str(right);
    out.push('\n');
}

fn spaces(out: &mut String, fill: &str, count: usize) {
    for _ in 0..count {
        out.push_str(fill);
    }
}

/// One column's text on one line of a table: already on one line and printable
/// ([`printable::one_line`]), at most `width` columns wide.
pub(crate) struct Slot<'a> {
    pub(crate) text: &'a str,
    pub(crate) width: usize,
    pub(crate) align: Align,
    pub(crate) paint: Paint,
}

/// A line of a table: each column's text padded to its width, between the borders.
pub(crate) fn text_line<'a>(slots: impl IntoIterator<Item = Slot<'a>>, color: bool) -> String {
    let mut out = String::new();
    push_line(&mut out, slots, color);
    out.pop(); // the line break
    out
}

/// [`text_line`] added to `out`, ended by a line break.
fn push_line<'a>(out: &mut String, slots: impl IntoIterator<Item = Slot<'a>>, color: bool) {
    out.push('│');
    for (at, slot) in slots.into_iter().enumerate() {
        if at > 0 {
            out.push('┆');
        }
        out.push(' ');
        pad(out, slot.text, slot.width, slot.align, slot.paint, color);
        out.push(' ');
    }
    out.push_str("│\n");
}

/// The text padded to `columns`, coloured (the padding not).
fn pad(out: &mut String, text: &str, columns: usize, align: Align, paint: Paint, color: bool) {
    pad_with(out, width(text), columns, align, paint, color, |out| {
        out.push_str(text)
    });
}

/// A text `text_width` wide, written by `write`, padded to `columns` and coloured as [`pad`].
fn pad_with(
    out: &mut String,
    text_width: usize,
    columns: usize,
    align: Align,
    paint: Paint,
    color: bool,
    write: impl FnOnce(&mut String),
) {
    let room = columns.saturating_sub(text_width);
    let (left, right) = match align {
        Align::Left => (0, room),
        Align::Right => (room, 0),
        // As comfy-table centres: the odd column on the left.
        Align::Center => (room - room / 2, room / 2),
    };
    spaces(out, " ", left);
    paint.write_to(out, text_width > 0, color, write);
    spaces(out, " ", right);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        let mut grid = Grid::new()
            .column("id", Align::Left, 0)
            .column("navn", Align::Left, 0)
            .column("gruppe", Align::Left, 1);
        grid.row(vec![
            Cell::whole("supportberettiget-bruger"),
            Cell::text("Supportberettiget bruger Byg og Miljø"),
            Cell::whole("systemspecifik"),
        ]);
        grid.row(vec![
            Cell::whole("it-digitaliseringschef"),
            Cell::pieces(["Lise Vinther,", "Hanne Dahl"]),
            Cell::whole("tvaergaaende"),
        ]);
        grid
    }

    #[test]
    fn a_wide_terminal_shows_every_cell_on_one_line() {
        let table = grid().render(120, false);
        assert_eq!(table.lines().count(), 6, "{table}");
        assert!(table.contains("│ supportberettiget-bruger ┆ Supportberettiget bruger Byg og Miljø ┆ systemspecifik │"), "{table}");
    }

    #[test]
    fn text_wraps_at_spaces_and_ids_stay_whole() {
        let table = grid().render(70, false);
        for line in table.lines() {
            assert!(line.chars().count() <= 70, "{line}");
        }
        assert!(table.contains("supportberettiget-bruger"), "{table}");
        assert!(table.contains("Lise Vinther,"), "{table}");
        assert!(table.contains("Hanne Dahl"), "{table}");
        assert!(table.contains("systemspecifik"), "{table}");
        for word in ["Supportberettiget", "bruger", "Miljø"] {
            assert!(table.contains(word), "{word} split in {table}");
        }
    }

    #[test]
    fn the_least_needed_column_is_left_out_when_nothing_else_fits() {
        let table = grid().render(48, false);
        assert!(!table.contains("systemspecifik"), "{table}");
        assert!(table.contains("supportberettiget-bruger"), "{table}");
        assert!(
            table.contains("(gruppe udeladt for at passe til 48 kolonner"),
            "{table}"
        );
        for line in table.lines() {
            assert!(line.chars().count() <= 48, "{line}");
        }
    }

    #[test]
    fn a_folded_column_goes_into_its_neighbour() {
        let mut grid = Grid::new()
            .column("rolle", Align::Left, 0)
            .folding_column("id", 0, 1)
            .column("fund", Align::Left, 0);
        grid.row(vec![
            Cell::text("Superbruger SAPA"),
            Cell::whole("superbruger"),
            Cell::whole("mangler"),
        ]);
        grid.row(vec![
            Cell::text("Projektleder"),
            Cell::whole("projektleder").silent_when_folded(),
            Cell::whole("mangler"),
        ]);
        assert!(grid.render(60, false).contains("┆ superbruger  ┆"));
        let narrow = grid.render(34, false);
        assert!(narrow.contains("(superbruger)"), "{narrow}");
        assert!(!narrow.contains("(projektleder)"), "{narrow}");
        assert!(narrow.contains("id i parentes under rolle"), "{narrow}");

        // When every name says its id, nothing is put in parentheses, and the note says so.
        let mut silent = Grid::new()
            .column("rolle", Align::Left, 0)
            .folding_column("id", 0, 1)
            .column("fund", Align::Left, 0);
        silent.row(vec![
            Cell::text("Projektleder"),
            Cell::whole("projektleder").silent_when_folded(),
            Cell::whole("mangler"),
        ]);
        let narrow = silent.render(30, false);
        assert!(narrow.contains("(id udeladt for at passe"), "{narrow}");
    }

    #[test]
    fn a_table_that_cannot_narrow_further_is_wider_than_asked_but_never_splits() {
        let table = grid().render(20, false);
        assert!(table.contains("supportberettiget-bruger"), "{table}");
        assert!(table.contains("Supportberettiget"), "{table}");
    }

    #[test]
    fn words_joined_by_a_slash_may_part_after_it() {
        let mut grid = Grid::new().column("navn", Align::Left, 0);
        grid.row(vec![Cell::text("Klassifikations-/sortimentsadministrator")]);
        grid.row(vec![Cell::text("Træner/underviser")]);
        let wide = grid.render(60, false);
        assert!(
            wide.contains("Klassifikations-/sortimentsadministrator"),
            "{wide}"
        );
        let narrow = grid.render(30, false);
        assert!(narrow.contains("│ Klassifikations-/ "), "{narrow}");
        assert!(narrow.contains("│ sortimentsadministrator "), "{narrow}");
        assert!(narrow.contains("Træner/underviser"), "{narrow}");
    }

    #[test]
    fn counted_lines_are_the_wrapped_lines() {
        let cells = [
            Cell::text("Klassifikations-/sortimentsadministrator i kommunen"),
            Cell::pieces(["Lise Vinther,", "Hanne Dahl", "+1"]),
            Cell::text(""),
            Cell::whole("supportberettiget-bruger"),
        ];
        for cell in &cells {
            for columns in 0..60 {
                assert_eq!(
                    cell.line_count(columns),
                    cell.lines(columns).len(),
                    "{cell:?}"
                );
            }
        }
    }

    #[test]
    fn a_header_wraps_before_every_row_with_a_long_name_does() {
        let mut grid =
            Grid::new()
                .column("SPOC", Align::Left, 0)
                .column("næste fase", Align::Right, 0);
        for name in [
            "Peter Frederiksen Svendsen +1",
            "Lene Jørgensen Jørgensen +1",
        ] {
            grid.row(vec![Cell::pieces(name.split(' ')), Cell::whole("1")]);
        }
        // 29 + 10 + 7 of frame is 46: four columns too many for 42, which the header gives.
        let table = grid.render(42, false);
        assert!(
            table.contains("│ Peter Frederiksen Svendsen +1 ┆"),
            "{table}"
        );
        assert!(table.contains("┆ næste │"), "{table}");
        assert_eq!(table.lines().count(), 7, "{table}");
    }

    #[test]
    fn colour_paints_the_text_not_the_padding() {
        let mut grid = Grid::new().column("fund", Align::Left, 0);
        grid.row(vec![Cell::text("mangler").paint(Paint::Red)]);
        let table = grid.render(40, true);
        assert!(table.contains("│ \x1b[31mmangler\x1b[0m │"), "{table:?}");
        assert!(!grid.render(40, false).contains('\x1b'));
    }

    #[test]
    fn values_cannot_break_the_borders() {
        let mut grid = Grid::new().column("navn", Align::Left, 0);
        grid.row(vec![Cell::text("a\nb\u{1b}[2J")]);
        let table = grid.render(40, false);
        assert_eq!(table.lines().count(), 5, "{table}");
        assert!(!table.contains('\x1b'));
    }
}
