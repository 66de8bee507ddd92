//! `rg diff`'s outputs written as the run goes (see [`crate::diff::run::stream`]): each format
//! takes one municipality at a time, writes what it can at once and keeps only what must come
//! later. What comes later and grows with the input (the findings after the tables, the
//! municipalities after the findings in JSON) waits in an unnamed temporary file, not in
//! memory; an overview keeps one small row per municipality. A file's text (held by its
//! findings for their snippets) is let go as soon as its municipality is written.

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

/// One output format of `rg diff`, fed a streamed run piece by piece.
pub(crate) trait Sink {
    /// Findings that belong to no municipality (the catalogs', the settings').
    fn findings(&mut self, found: Vec<Diagnostic>) -> io::Result<()>;
    /// A municipality and the findings of its file.
    fn municipality(
        &mut self,
        found: Vec<Diagnostic>,
        municipality: MunicipalityDiff,
    ) -> io::Result<()>;
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

/// The sink that writes `shape` to `out`.
pub(crate) fn sink<'a>(
    shape: Shape,
    out: &'a mut dyn Write,
    term: &'a Term,
) -> io::Result<Box<dyn Sink + 'a>> {
    Ok(match shape {
        Shape::Human(view) => Box::new(Human {
            out,
            term,
            view,
            problems: Spill::new(),
            renderer: report::human::Renderer::new(term),
        }),
        Shape::Quiet => Box::new(Quiet { out }),
        Shape::Json => Box::new(Json::begin(out)?),
        Shape::Markdown(view) => Box::new(Markdown { out, view }),
        Shape::Github => Box::new(Github { out }),
        Shape::Csv { all } => Box::new(Csv::begin(out, all)?),
        Shape::Xlsx { all } => Box::new(Workbook {
            out,
            all,
            whole: Vec::new(),
        }),
        Shape::Overview(format) => Box::new(OverviewSink::begin(format, out, term)?),
    })
}

/// Feeds one piece of a run to `sink`, counting its findings in `tally`.
pub(crate) fn take(sink: &mut dyn Sink, tally: &mut Tally, piece: Piece) -> io::Result<()> {
    match piece {
        Piece::Findings(found) => {
            tally.add(&found);
            sink.findings(found)
        }
        Piece::Municipality(found, municipality) => {
            tally.add(&found);
            sink.municipality(found, municipality)
        }
    }
}

/// A run gathered in memory, written as `shape` (the library's outputs, for tests and fuzzing).
pub(crate) fn render(run: &DiffRun, shape: Shape, term: &Term) -> Vec<u8> {
    let mut out = Vec::new();
    let mut tally = Tally::default();
    let written = sink(shape, &mut out, term).and_then(|mut sink| {
        run.replay(&mut |piece| take(sink.as_mut(), &mut tally, piece))?;
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

// ------------------------------------------------------------------ human

/// The tables of each municipality as it comes, then every file problem in full.
struct Human<'a> {
    out: &'a mut dyn Write,
    term: &'a Term,
    view: View,
    problems: Spill,
    /// Built once: a report of many problems renders each with the same handlers.
    renderer: report::human::Renderer,
}

impl Human<'_> {
    fn problems(&mut self, found: &[Diagnostic]) -> io::Result<()> {
        for diagnostic in found.iter().filter(|d| is_file_problem(d)) {
            self.problems
                .write_all(self.renderer.render(diagnostic).as_bytes())?;
            writeln!(self.problems)?;
        }
        Ok(())
    }
}

impl Sink for Human<'_> {
    fn findings(&mut self, found: Vec<Diagnostic>) -> io::Result<()> {
        self.problems(&found)
    }

    fn municipality(&mut self, found: Vec<Diagnostic>, m: MunicipalityDiff) -> io::Result<()> {
        let text = diff_human::municipality_text(&m, self.term, self.view);
        self.out.write_all(text.as_bytes())?;
        self.problems(&found)
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let Human { out, problems, .. } = *self;
        problems.copy_to(out)?;
        writeln!(out, "{}", summary.line())
    }
}

struct Quiet<'a> {
    out: &'a mut dyn Write,
}

impl Sink for Quiet<'_> {
    fn findings(&mut self, _: Vec<Diagnostic>) -> io::Result<()> {
        Ok(())
    }

    fn municipality(&mut self, _: Vec<Diagnostic>, _: MunicipalityDiff) -> io::Result<()> {
        Ok(())
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "{}", summary.line())
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
    fn findings(&mut self, found: Vec<Diagnostic>) -> io::Result<()> {
        self.diagnostics.extend(self.out, &found)
    }

    fn municipality(&mut self, found: Vec<Diagnostic>, m: MunicipalityDiff) -> io::Result<()> {
        self.diagnostics.extend(self.out, &found)?;
        self.kommuner.push(&mut self.later, &m)
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
    /// Each element is written here first, then in one piece: serde_json writes in many small
    /// pieces, each a call through `dyn Write`.
    buffer: Vec<u8>,
}

impl JsonArray {
    fn push(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        let separator = if self.count == 0 { "\n" } else { ",\n" };
        self.count += 1;
        self.buffer.clear();
        self.buffer.extend_from_slice(separator.as_bytes());
        self.buffer.extend_from_slice(b"    ");
        crate::printable::write_json(&mut self.buffer, value, 2)?;
        out.write_all(&self.buffer)
    }

    fn extend(&mut self, out: &mut dyn Write, found: &[Diagnostic]) -> io::Result<()> {
        for diagnostic in found {
            self.push(out, &report::json::JsonDiagnostic::of(diagnostic))?;
        }
        Ok(())
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

// ------------------------------------------------------------------ Markdown, GitHub

struct Markdown<'a> {
    out: &'a mut dyn Write,
    view: View,
}

impl Sink for Markdown<'_> {
    fn findings(&mut self, _: Vec<Diagnostic>) -> io::Result<()> {
        Ok(())
    }

    fn municipality(&mut self, found: Vec<Diagnostic>, m: MunicipalityDiff) -> io::Result<()> {
        let text = diff_markdown::municipality(&m, &found, self.view);
        self.out.write_all(text.as_bytes())
    }

    fn finish(self: Box<Self>, _: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// One CSV row per finding (`rg diff --format csv`), each municipality's as it comes.
struct Csv<'a> {
    writer: ::csv::Writer<&'a mut dyn Write>,
    all: bool,
}

impl<'a> Csv<'a> {
    fn begin(out: &'a mut dyn Write, all: bool) -> io::Result<Csv<'a>> {
        let mut writer = ::csv::Writer::from_writer(out);
        writer.write_record(findings::HEADER)?;
        Ok(Csv { writer, all })
    }
}

impl Sink for Csv<'_> {
    fn findings(&mut self, _: Vec<Diagnostic>) -> io::Result<()> {
        Ok(())
    }

    fn municipality(&mut self, _: Vec<Diagnostic>, m: MunicipalityDiff) -> io::Result<()> {
        for row in findings::rows(&m, self.all) {
            let safe = row.cells().map(crate::printable::csv_cell);
            self.writer
                .write_record(safe.iter().map(|c| c.as_bytes()))?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>, _: &Summary) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The findings as a workbook, one sheet per municipality: written whole at the end.
struct Workbook<'a> {
    out: &'a mut dyn Write,
    all: bool,
    whole: Vec<MunicipalityDiff>,
}

impl Sink for Workbook<'_> {
    fn findings(&mut self, _: Vec<Diagnostic>) -> io::Result<()> {
        Ok(())
    }

    fn municipality(&mut self, _: Vec<Diagnostic>, m: MunicipalityDiff) -> io::Result<()> {
        self.whole.push(m);
        Ok(())
    }

    fn finish(self: Box<Self>, _: &Summary) -> io::Result<()> {
        let bytes = xlsx::findings(&self.whole, self.all).map_err(io::Error::other)?;
        self.out.write_all(&bytes)
    }
}

/// One workflow command per finding, as it comes.
struct Github<'a> {
    out: &'a mut dyn Write,
}

impl Sink for Github<'_> {
    fn findings(&mut self, found: Vec<Diagnostic>) -> io::Result<()> {
        report::github::write_lines(self.out, &found)
    }

    fn municipality(&mut self, found: Vec<Diagnostic>, _: MunicipalityDiff) -> io::Result<()> {
        report::github::write_lines(self.out, &found)
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        writeln!(self.out, "{}", summary.line())
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

impl Sink for OverviewSink<'_> {
    fn findings(&mut self, found: Vec<Diagnostic>) -> io::Result<()> {
        match self.format {
            OverviewFormat::Json => self.diagnostics.extend(self.out, &found),
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

    fn municipality(&mut self, found: Vec<Diagnostic>, m: MunicipalityDiff) -> io::Result<()> {
        self.findings(found)?;
        let arrival = self.rows.add(&m);
        if self.format == OverviewFormat::Xlsx {
            self.unfilled.add(arrival, &m);
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
