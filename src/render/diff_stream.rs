//! `rg diff`'s outputs written as the run goes (see [`crate::diff::run::stream`]): each
//! municipality is made ready for its format on the worker that diffed it ([`Preparer`]: its
//! tables and findings rendered there, its rows freed on the thread that made them), then
//! written in file order by its [`Sink`], which keeps only what must come later. What comes
//! later and grows with the input (the findings after the tables, the municipalities after
//! the findings in JSON) waits in an unnamed temporary file, not in memory; an overview keeps
//! one small row per municipality. A file's text (held by its findings for their snippets) is
//! let go as soon as its municipality is rendered.

use crate::diag::{Diagnostic, Level};
use crate::diff::MunicipalityDiff;
use crate::diff::run::{DiffRun, Piece};
use crate::render::diff_human::View;
use crate::render::overview::{self, Collect, Overview};
use crate::render::{diff_human, diff_markdown, findings, overview_human, xlsx};
use crate::report::{self, Summary};
use crate::term::Term;
use serde::Serialize;
use std::io::{self, BufWriter, Seek, Write};
use std::sync::{Mutex, PoisonError};

/// One output format of `rg diff`, fed a streamed run piece by piece in file order.
pub(crate) trait Sink {
    /// A piece as its [`Preparer`] made it ready.
    fn take(&mut self, part: Part) -> io::Result<()>;
    /// The end of the run: what had to wait, and the summary.
    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()>;
}

/// What an output is: one per municipality, or the overview of them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Human(View),
    /// Only the summary line.
    Quiet,
    Json,
    Markdown(View),
    Github,
    /// One row per finding; `all` adds the roles without one (`--all`).
    Csv {
        all: bool,
    },
    Xlsx {
        all: bool,
    },
    Overview(OverviewFormat),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OverviewFormat {
    Human,
    Json,
    Markdown,
    Csv,
    Github,
    Xlsx,
}

impl Shape {
    /// Whether the output lists the findings themselves (else what could not be read goes
    /// to stderr).
    pub(crate) fn lists_findings(self) -> bool {
        match self {
            Shape::Human(_) | Shape::Quiet | Shape::Json | Shape::Github => true,
            Shape::Markdown(_) | Shape::Csv { .. } | Shape::Xlsx { .. } => false,
            Shape::Overview(format) => matches!(
                format,
                OverviewFormat::Human | OverviewFormat::Json | OverviewFormat::Github
            ),
        }
    }
}

/// A piece of a run made ready for its output: what its sink writes, the counts for the
/// summary, and what could not be read when the output lists no findings.
pub(crate) struct Ready {
    errors: usize,
    warnings: usize,
    /// One line per error that kept something from being read, for stderr (empty when the
    /// output lists the findings itself).
    pub(crate) not_read: String,
    part: Part,
}

/// What a sink writes of one piece.
pub(crate) enum Part {
    /// Bytes written at once, and bytes that come after every municipality (the human
    /// report's problems).
    Text { now: Vec<u8>, later: Vec<u8> },
    /// Each finding as an element of `diagnostics`, and the municipality as one of `kommuner`.
    Json {
        findings: Elements,
        kommune: Option<Vec<u8>>,
    },
    /// Kept whole, for an output made of every municipality at once.
    Whole(Vec<Diagnostic>, Option<MunicipalityDiff>),
}

/// JSON array elements rendered in one buffer, each indented as an element of the top
/// object's arrays, without the separators (which depend on what came before).
#[derive(Default)]
pub(crate) struct Elements {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Elements {
    fn push(&mut self, value: &impl Serialize) -> io::Result<()> {
        self.bytes.extend_from_slice(b"    ");
        crate::printable::write_json(&mut self.bytes, value, 2)?;
        self.ends.push(self.bytes.len());
        Ok(())
    }

    fn of_findings(found: &[Diagnostic]) -> io::Result<Elements> {
        let mut elements = Elements::default();
        for diagnostic in found {
            elements.push(&report::json::JsonDiagnostic::of(diagnostic))?;
        }
        Ok(elements)
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.bytes[start..end])
    }
}

/// Makes pieces ready for one output, on any thread: what is rendered per municipality is
/// rendered here, so that every core renders.
pub(crate) struct Preparer<'a> {
    shape: Shape,
    term: &'a Term,
    /// One human report renderer per worker thread, and one for any other thread: each is
    /// only ever locked by its own thread, and keeps its cache of wrapped help texts.
    renderers: Vec<Mutex<report::human::Renderer>>,
}

impl<'a> Preparer<'a> {
    pub(crate) fn new(shape: Shape, term: &'a Term) -> Preparer<'a> {
        let renderers = match shape {
            Shape::Human(_) => (0..=rayon::current_num_threads())
                .map(|_| Mutex::new(report::human::Renderer::new(term)))
                .collect(),
            _ => Vec::new(),
        };
        Preparer {
            shape,
            term,
            renderers,
        }
    }

    pub(crate) fn ready(&self, piece: Piece) -> io::Result<Ready> {
        let (found, municipality) = match piece {
            Piece::Findings(found) => (found, None),
            Piece::Municipality(found, municipality) => (found, Some(municipality)),
        };
        let mut tally = Tally::default();
        tally.add(&found);
        let not_read = match self.shape.lists_findings() {
            true => String::new(),
            false => not_read(&found),
        };
        Ok(Ready {
            errors: tally.errors,
            warnings: tally.warnings,
            not_read,
            part: self.part(found, municipality)?,
        })
    }

    fn part(&self, found: Vec<Diagnostic>, m: Option<MunicipalityDiff>) -> io::Result<Part> {
        let text = |now: Vec<u8>| Part::Text {
            now,
            later: Vec::new(),
        };
        Ok(match self.shape {
            Shape::Human(view) => Part::Text {
                now: m.map_or_else(Vec::new, |m| {
                    diff_human::municipality_text(&m, self.term, view).into_bytes()
                }),
                later: self.problems(&found),
            },
            Shape::Quiet => text(Vec::new()),
            Shape::Markdown(view) => text(m.map_or_else(Vec::new, |m| {
                diff_markdown::municipality(&m, &found, view).into_bytes()
            })),
            Shape::Github => {
                let mut lines = Vec::new();
                report::github::write_lines(&mut lines, &found)?;
                text(lines)
            }
            Shape::Csv { all } => text(m.map_or(Ok(Vec::new()), |m| csv_rows(&m, all))?),
            Shape::Json => Part::Json {
                findings: Elements::of_findings(&found)?,
                kommune: match m {
                    Some(m) => Some(element(&m)?),
                    None => None,
                },
            },
            Shape::Xlsx { .. } | Shape::Overview(_) => Part::Whole(found, m),
        })
    }

    /// The human report of each file problem, each followed by an empty line.
    fn problems(&self, found: &[Diagnostic]) -> Vec<u8> {
        let slot = rayon::current_thread_index().map_or(self.renderers.len() - 1, |index| {
            index.min(self.renderers.len() - 1)
        });
        let mut renderer = self.renderers[slot]
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut text = String::new();
        for diagnostic in found.iter().filter(|d| is_file_problem(d)) {
            text.push_str(&renderer.render(diagnostic));
            text.push('\n');
        }
        text.into_bytes()
    }
}

/// One line per error that kept a file or an entry from being read (no snippet: the file's
/// lines may hold contact details).
fn not_read(found: &[Diagnostic]) -> String {
    let not_read = found
        .iter()
        .filter(|d| d.level == Level::Error && is_file_problem(d));
    not_read.fold(String::new(), |mut lines, error| {
        lines.push_str(&report::human::line(error));
        lines.push('\n');
        lines
    })
}

/// A municipality's CSV rows, as the sink's writer would write them.
fn csv_rows(m: &MunicipalityDiff, all: bool) -> io::Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for row in findings::rows(m, all) {
        let safe = row.cells().map(crate::printable::csv_cell);
        writer.write_record(safe.iter().map(|c| c.as_bytes()))?;
    }
    writer.into_inner().map_err(|e| e.into_error())
}

/// One element of a JSON array of the top object.
fn element(value: &impl Serialize) -> io::Result<Vec<u8>> {
    let mut elements = Elements::default();
    elements.push(value)?;
    Ok(elements.bytes)
}

/// The sink that writes `shape` to `out`.
pub(crate) fn sink<'a>(
    shape: Shape,
    out: &'a mut dyn Write,
    term: &'a Term,
) -> io::Result<Box<dyn Sink + 'a>> {
    let text = |out, end| {
        Box::new(TextSink {
            out,
            later: None,
            end,
        })
    };
    Ok(match shape {
        Shape::Human(_) => Box::new(TextSink {
            out,
            later: Some(Spill::new()),
            end: End::Summary,
        }),
        Shape::Quiet | Shape::Github => text(out, End::Summary),
        Shape::Markdown(_) => text(out, End::Nothing),
        Shape::Csv { .. } => {
            let mut header = ::csv::Writer::from_writer(&mut *out);
            header.write_record(findings::HEADER)?;
            header.flush()?;
            drop(header);
            text(out, End::Nothing)
        }
        Shape::Json => Box::new(Json::begin(out)?),
        Shape::Xlsx { all } => Box::new(Workbook {
            out,
            all,
            whole: Vec::new(),
        }),
        Shape::Overview(format) => Box::new(OverviewSink::begin(format, out, term)?),
    })
}

/// Feeds one piece, made ready, to `sink`, counting its findings in `tally`.
pub(crate) fn take(sink: &mut dyn Sink, tally: &mut Tally, ready: Ready) -> io::Result<()> {
    tally.errors += ready.errors;
    tally.warnings += ready.warnings;
    sink.take(ready.part)
}

/// A run gathered in memory, written as `shape` (the library's outputs, for tests and fuzzing).
pub(crate) fn render(run: &DiffRun, shape: Shape, term: &Term) -> Vec<u8> {
    let mut out = Vec::new();
    let mut tally = Tally::default();
    let preparer = Preparer::new(shape, term);
    let written = sink(shape, &mut out, term).and_then(|mut sink| {
        run.replay(&mut |piece| take(sink.as_mut(), &mut tally, preparer.ready(piece)?))?;
        sink.finish(&tally.summary(run.files))
    });
    written.expect("writing to memory cannot fail");
    out
}

/// The findings about the files themselves (the check stage), not the diff's own, which the
/// tables show.
fn is_file_problem(diagnostic: &Diagnostic) -> bool {
    !diagnostic.rule.code.starts_with("rg::diff::")
}

/// A part this sink's own preparer does not make: a mistake in this module, reported rather
/// than written wrong.
fn not_made_for(sink: &str) -> io::Error {
    io::Error::other(format!("rg diff: a piece not made for the {sink} output"))
}

// ------------------------------------------------------------------ text

/// The outputs written as text a municipality at a time: human, quiet, Markdown, GitHub, CSV.
struct TextSink<'a> {
    out: &'a mut dyn Write,
    /// What comes after every municipality (the human report's file problems).
    later: Option<Spill>,
    end: End,
}

/// What a text output ends with.
enum End {
    /// What waited, then the summary line.
    Summary,
    Nothing,
}

impl Sink for TextSink<'_> {
    fn take(&mut self, part: Part) -> io::Result<()> {
        let Part::Text { now, later } = part else {
            return Err(not_made_for("text"));
        };
        self.out.write_all(&now)?;
        match &mut self.later {
            Some(spill) => spill.write_all(&later),
            None if later.is_empty() => Ok(()),
            None => Err(not_made_for("text")),
        }
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let TextSink { out, later, end } = *self;
        if let Some(later) = later {
            later.copy_to(out)?;
        }
        match end {
            End::Summary => writeln!(out, "{}", summary.line()),
            End::Nothing => out.flush(),
        }
    }
}

// ------------------------------------------------------------------ JSON

/// `{"diagnostics": [...], "kommuner": [...], "summary": {...}}`, laid out as serde_json's
/// pretty printer lays out the whole object: the findings are written as they come, the
/// municipalities wait in a temporary file.
struct Json<'a> {
    out: &'a mut dyn Write,
    diagnostics: JsonArray,
    kommuner: JsonArray,
    later: Spill,
}

impl<'a> Json<'a> {
    fn begin(out: &'a mut dyn Write) -> io::Result<Json<'a>> {
        write!(out, "{{\n  \"diagnostics\": [")?;
        Ok(Json {
            out,
            diagnostics: JsonArray::default(),
            kommuner: JsonArray::default(),
            later: Spill::new(),
        })
    }
}

impl Sink for Json<'_> {
    fn take(&mut self, part: Part) -> io::Result<()> {
        let Part::Json { findings, kommune } = part else {
            return Err(not_made_for("JSON"));
        };
        self.diagnostics.extend(self.out, &findings)?;
        match kommune {
            Some(kommune) => self.kommuner.push_element(&mut self.later, &kommune),
            None => Ok(()),
        }
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let Json {
            out,
            diagnostics,
            kommuner,
            later,
        } = *self;
        diagnostics.close(out)?;
        write!(out, ",\n  \"kommuner\": [")?;
        later.copy_to(out)?;
        kommuner.close(out)?;
        json_field(out, "summary", summary)?;
        writeln!(out, "\n}}")
    }
}

/// An array inside the top object, written one element at a time.
#[derive(Default)]
struct JsonArray {
    count: usize,
}

impl JsonArray {
    fn push(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        self.push_element(out, &element(value)?)
    }

    /// An element rendered as [`Elements`] renders it, after its separator.
    fn push_element(&mut self, out: &mut dyn Write, element: &[u8]) -> io::Result<()> {
        let separator: &[u8] = if self.count == 0 { b"\n" } else { b",\n" };
        self.count += 1;
        out.write_all(separator)?;
        out.write_all(element)
    }

    fn extend(&mut self, out: &mut dyn Write, elements: &Elements) -> io::Result<()> {
        elements
            .iter()
            .try_for_each(|element| self.push_element(out, element))
    }

    fn close(self, out: &mut dyn Write) -> io::Result<()> {
        match self.count {
            0 => write!(out, "]"),
            _ => write!(out, "\n  ]"),
        }
    }
}

/// `,\n  "key": value` inside the top object.
fn json_field(out: &mut dyn Write, key: &str, value: &impl Serialize) -> io::Result<()> {
    write!(out, ",\n  \"{key}\": ")?;
    crate::printable::write_json(out, value, 1)
}

// ------------------------------------------------------------------ workbook

/// The findings as a workbook, one sheet per municipality: written whole at the end.
struct Workbook<'a> {
    out: &'a mut dyn Write,
    all: bool,
    whole: Vec<MunicipalityDiff>,
}

impl Sink for Workbook<'_> {
    fn take(&mut self, part: Part) -> io::Result<()> {
        let Part::Whole(_, municipality) = part else {
            return Err(not_made_for("workbook"));
        };
        self.whole.extend(municipality);
        Ok(())
    }

    fn finish(self: Box<Self>, _: &Summary) -> io::Result<()> {
        let bytes = xlsx::findings(&self.whole, self.all).map_err(io::Error::other)?;
        self.out.write_all(&bytes)
    }
}

// ------------------------------------------------------------------ overview

/// One row per municipality; the matrix is written at the end, once every row is known (it
/// is sorted). The findings are written as they come where they come first (JSON), else wait.
struct OverviewSink<'a> {
    format: OverviewFormat,
    out: &'a mut dyn Write,
    term: &'a Term,
    rows: Collect,
    /// The workbook's sheet of unfilled roles: those roles of each municipality, by its
    /// place in the run.
    unfilled: xlsx::Unfilled,
    diagnostics: JsonArray,
    later: Spill,
}

impl<'a> OverviewSink<'a> {
    fn begin(
        format: OverviewFormat,
        out: &'a mut dyn Write,
        term: &'a Term,
    ) -> io::Result<OverviewSink<'a>> {
        if format == OverviewFormat::Json {
            write!(out, "{{\n  \"diagnostics\": [")?;
        }
        Ok(OverviewSink {
            format,
            out,
            term,
            rows: Collect::default(),
            unfilled: xlsx::Unfilled::default(),
            diagnostics: JsonArray::default(),
            later: Spill::new(),
        })
    }
}

impl OverviewSink<'_> {
    fn findings(&mut self, found: Vec<Diagnostic>) -> io::Result<()> {
        match self.format {
            OverviewFormat::Json => {
                let elements = Elements::of_findings(&found)?;
                self.diagnostics.extend(self.out, &elements)
            }
            // One line each, no snippet: an overview is shared, and the files' lines may
            // hold contact details.
            OverviewFormat::Human => {
                for problem in found.iter().filter(|d| is_file_problem(d)) {
                    writeln!(self.later, "{}", report::human::line(problem))?;
                }
                Ok(())
            }
            OverviewFormat::Github => report::github::write_lines(&mut self.later, &found),
            OverviewFormat::Markdown | OverviewFormat::Csv | OverviewFormat::Xlsx => Ok(()),
        }
    }
}

impl Sink for OverviewSink<'_> {
    fn take(&mut self, part: Part) -> io::Result<()> {
        let Part::Whole(found, municipality) = part else {
            return Err(not_made_for("overview"));
        };
        self.findings(found)?;
        if let Some(m) = municipality {
            let arrival = self.rows.add(&m);
            if self.format == OverviewFormat::Xlsx {
                self.unfilled.add(arrival, &m);
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let OverviewSink {
            format,
            out,
            term,
            rows,
            unfilled,
            diagnostics,
            later,
        } = *self;
        let matrix = rows.finish();
        match format {
            OverviewFormat::Human | OverviewFormat::Github => {
                overview_human::write(out, &matrix, term)?;
                later.copy_to(out)?;
                writeln!(out, "{}", summary.line())?;
            }
            OverviewFormat::Json => {
                diagnostics.close(out)?;
                json_rows(out, &matrix)?;
                json_field(out, "summary", summary)?;
                json_field(out, "systemer", &matrix.systemer)?;
                writeln!(out, "\n}}")?;
            }
            OverviewFormat::Markdown => overview::markdown(out, &matrix)?,
            OverviewFormat::Csv => overview::csv(out, &matrix)?,
            OverviewFormat::Xlsx => xlsx::overview(out, &matrix, &unfilled)?,
        }
        Ok(())
    }
}

/// `,\n  "kommuner": [...]` a row at a time, laid out as [`json_field`] lays out the whole.
fn json_rows(out: &mut dyn Write, matrix: &Overview) -> io::Result<()> {
    write!(out, ",\n  \"kommuner\": [")?;
    let mut rows = JsonArray::default();
    for row in &matrix.kommuner {
        rows.push(out, &matrix.json_row(row))?;
    }
    rows.close(out)
}

// ------------------------------------------------------------------ spill

/// A part of the output that comes after parts still being written: held in an unnamed
/// temporary file (gone when closed, even if the run is killed), so that memory does not grow
/// with the input. Where no temporary file can be made (`TMPDIR` names no folder, a full
/// disk), it is held in memory: the output is still written, only with more memory.
enum Spill {
    File(BufWriter<std::fs::File>),
    Memory(Vec<u8>),
}

impl Spill {
    fn new() -> Spill {
        match tempfile::tempfile() {
            Ok(file) => Spill::File(BufWriter::new(file)),
            Err(_) => Spill::Memory(Vec::new()),
        }
    }

    fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Spill::File(buffered) => {
                let mut file = buffered.into_inner().map_err(|e| e.into_error())?;
                file.rewind()?;
                io::copy(&mut file, out)?;
                Ok(())
            }
            Spill::Memory(bytes) => out.write_all(&bytes),
        }
    }
}

impl Write for Spill {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Spill::File(file) => file.write(bytes),
            Spill::Memory(memory) => memory.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Spill::File(file) => file.flush(),
            Spill::Memory(_) => Ok(()),
        }
    }
}

/// Counts what a run found, for its summary and exit code, as the pieces go by.
#[derive(Default)]
pub(crate) struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub(crate) fn add(&mut self, found: &[Diagnostic]) {
        for diagnostic in found {
            match diagnostic.level {
                Level::Error => self.errors += 1,
                Level::Warning => self.warnings += 1,
                _ => {}
            }
        }
    }

    pub(crate) fn summary(&self, files: usize) -> Summary {
        Summary {
            files,
            errors: self.errors,
            warnings: self.warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_object_is_laid_out_as_serde_json_lays_out_the_whole() {
        let items = [
            serde_json::json!({"a": 1, "b": [1, 2]}),
            serde_json::json!("x"),
        ];
        let mut out = Vec::new();
        write!(out, "{{\n  \"diagnostics\": [").unwrap();
        let mut array = JsonArray::default();
        for item in &items {
            array.push(&mut out, item).unwrap();
        }
        array.close(&mut out).unwrap();
        write!(out, ",\n  \"kommuner\": [").unwrap();
        JsonArray::default().close(&mut out).unwrap();
        json_field(&mut out, "summary", &serde_json::json!({"files": 2})).unwrap();
        writeln!(out, "\n}}").unwrap();
        let whole = serde_json::json!({
            "diagnostics": items,
            "kommuner": [],
            "summary": {"files": 2},
        });
        let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn a_spill_gives_back_what_was_written_to_it() {
        for mut spill in [Spill::new(), Spill::Memory(Vec::new())] {
            write!(spill, "later").unwrap();
            let mut out = b"first, ".to_vec();
            spill.copy_to(&mut out).unwrap();
            assert_eq!(out, b"first, later");
        }
    }
}
