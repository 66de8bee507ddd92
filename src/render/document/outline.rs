//! The document's outline: chapters, sections, paragraphs, tables, legends and figures, built
//! once from a resolved catalog (`build.rs`) and rendered by each format's file. It holds plain
//! text only; every renderer escapes it for its own format.

use crate::model::{Phase, Status};

/// The whole rollekatalog as a reader gets it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The document's title (`<title>`, the PDF's title, the first heading).
    pub title: String,
    /// The language of every text in it (`lang`).
    pub lang: &'static str,
    /// The line under the title.
    pub subtitle: String,
    /// The title page's facts: system, edition, date, status, gallery, …
    pub facts: Vec<Fact>,
    /// The running footer of every printed page, before "side N af M".
    pub footer: String,
    /// The table of contents.
    pub contents: Vec<ContentsEntry>,
    /// The chapters, in order; the change log closes the document.
    pub chapters: Vec<Section>,
}

/// One line of the table of contents, with what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentsEntry {
    pub target: String,
    pub title: String,
    /// Whether the children are shown as one run of links (the roles of a group), not a list.
    pub inline: bool,
    pub children: Vec<ContentsEntry>,
}

/// A chapter or section: a heading, its blocks, then its subsections.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// The fragment id other parts link to.
    pub id: String,
    pub title: String,
    /// 2 for a chapter, 3 and 4 below it.
    pub level: u8,
    pub kind: SectionKind,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
}

/// What a section is, for the print layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// A chapter that starts a new printed page.
    Chapter,
    /// A section that follows on the same page.
    Flowing,
    /// One role: its heading stays with its first facts and table.
    Role,
}

/// A block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Paragraph(Text),
    /// A paragraph set apart (a tailored role's origin).
    Note(Text),
    /// A small heading inside a section ("Kompetencer").
    Label(String),
    /// A role's line under its heading ("Systemspecifik rolle").
    Kind(String),
    /// Label and value pairs.
    Facts(Vec<Fact>),
    List(Vec<Text>),
    Table(Table),
    Legend(Legend),
    Figure(Timeline),
}

/// Running text: plain pieces, links to sections and symbols.
pub type Text = Vec<Inline>;

#[derive(Clone, Debug, PartialEq)]
pub enum Inline {
    Text(String),
    /// A link to the section with this id (a role's name, say).
    Link {
        target: String,
        text: String,
    },
    Symbol(Symbol),
}

/// The symbols of the phase tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Symbol {
    Obligatorisk,
    Anbefalet,
    Spoc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub label: String,
    pub value: Text,
}

/// A table: its kind (which sets the column widths in print), columns and row groups.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub kind: TableKind,
    pub columns: Vec<Column>,
    pub groups: Vec<RowGroup>,
}

/// The tables of the document; each renderer lays out its columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// Role × phase, ● ○ ★.
    Phases,
    /// Udpegning og aktivering.
    Appointments,
    /// SPOC per phase.
    Spoc,
    /// Roles that take over in fase 4.
    TakingOver,
    /// Roles no longer mandatory in fase 4.
    PhasedOut,
    /// Rolle, effekt, status.
    RoleOverview,
    /// A role's Opgaver or Ansvar with the I/D columns.
    Duties,
    /// A role's KLIK tasks.
    RoleTasks,
    /// The KLIK tasks of one theme.
    Tasks,
    /// Role names and their ids.
    RoleIds,
    /// The change log.
    Changes,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    pub kind: ColumnKind,
}

/// How a column's cells are set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    /// The row's heading (a role's name).
    Name,
    Text,
    /// A narrow identifier (PS-01, a version).
    Code,
    /// A phase's symbols, centred.
    Phase(Phase),
    /// An X column, centred.
    Mark,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RowGroup {
    /// A heading row across the table ("Systemspecifikke roller").
    pub heading: Option<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub text: Text,
    /// What the cell means in words, for symbols (a tooltip, a screen reader).
    pub meaning: Option<String>,
}

/// What each symbol or mark of a table means, beside the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    pub items: Vec<LegendItem>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub key: Inline,
    pub meaning: String,
}

/// The phase timeline: one row per role, a bar over each phase where it is obligatorisk or
/// anbefalet, the SPOC marked, the hand-over from fase 3 to fase 4 drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    pub id: String,
    /// The figure's caption, also its accessible title.
    pub title: String,
    /// The figure in words, for those who cannot see it.
    pub description: String,
    /// The SPOC's name in each phase, in phase order (the top row, as in the standard's Figur 5).
    pub spoc: Vec<Option<String>>,
    pub groups: Vec<TimelineGroup>,
    /// What the figure's marks mean.
    pub legend: TimelineLegend,
}

/// The meaning of the figure's dark and light bars, its star and its dashed line.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineLegend {
    pub obligatorisk: String,
    pub anbefalet: String,
    pub spoc: String,
    pub handover: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineGroup {
    pub heading: String,
    pub rows: Vec<TimelineRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TimelineRow {
    pub name: String,
    /// The status in each phase, in phase order.
    pub status: Vec<Status>,
    /// Whether the role is SPOC in each phase.
    pub spoc: Vec<bool>,
}

impl Inline {
    pub fn text(text: impl Into<String>) -> Inline {
        Inline::Text(text.into())
    }

    /// The inline as plain text (symbols as their glyphs).
    #[cfg(test)]
    pub fn plain(&self) -> String {
        match self {
            Inline::Text(text) | Inline::Link { text, .. } => text.clone(),
            Inline::Symbol(symbol) => symbol.glyph().to_string(),
        }
    }
}

impl Symbol {
    pub fn glyph(self) -> &'static str {
        match self {
            Symbol::Obligatorisk => crate::render::danish::OBLIGATORISK,
            Symbol::Anbefalet => crate::render::danish::ANBEFALET,
            Symbol::Spoc => crate::render::danish::SPOC,
        }
    }
}

/// A text of one plain piece.
pub fn plain(text: impl Into<String>) -> Text {
    vec![Inline::text(text)]
}

/// The text as plain text.
#[cfg(test)]
pub fn plain_text(text: &Text) -> String {
    text.iter().map(Inline::plain).collect()
}

impl Cell {
    pub fn new(text: Text) -> Cell {
        Cell {
            text,
            meaning: None,
        }
    }

    pub fn plain(text: impl Into<String>) -> Cell {
        Cell::new(plain(text))
    }
}
