//! Human output: miette's graphical reports, one per finding, then a one-line summary.

use crate::diag::Level;
use crate::diag::{ByteSpan, Diagnostic, SourceFile};
use crate::printable;
use crate::report::Summary;
use crate::report::excerpt::Excerpt;
use crate::term::Term;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NamedSource, Severity, SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// What miette shows under a finding, and where its caret is.
struct Snippet {
    /// The lines around the finding, control characters made harmless (same byte offsets)
    /// or long lines clipped.
    text: String,
    /// The file's 0-based line number of the text's first line.
    first_line: usize,
    span: ByteSpan,
    /// The caret's 0-based column in the file, in characters (miette would count bytes), as the
    /// other formats count it.
    column: usize,
}

impl Snippet {
    fn of(file: &Arc<SourceFile>, span: ByteSpan) -> Snippet {
        let excerpt = Excerpt::around(file, span);
        Snippet {
            text: excerpt.text,
            first_line: excerpt.first_line,
            span: excerpt.span,
            column: excerpt.column,
        }
    }

    fn text(&self) -> &str {
        &self.text
    }
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text()
            .read_span(span, context_lines_before, context_lines_after)?;
        // Without context lines miette asks for the header's line and column.
        let column = if context_lines_before == 0 && span.offset() == self.span.offset {
            self.column
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new(
            inner.data(),
            *inner.span(),
            self.first_line + inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// A [`Diagnostic`] seen through miette's trait.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    /// The snippet and the caret's span in it.
    source: Option<(NamedSource<Snippet>, ByteSpan)>,
}

impl<'a> MietteView<'a> {
    fn new(diagnostic: &'a Diagnostic) -> MietteView<'a> {
        let source = diagnostic.location.as_ref().and_then(|l| {
            let snippet = Snippet::of(&l.file, l.span?);
            let span = snippet.span;
            Some((
                NamedSource::new(printable::one_line(&l.file.name), snippet),
                span,
            ))
        });
        MietteView { diagnostic, source }
    }
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        let message = printable::printable(&d.message);
        let cell = d
            .cell()
            .map(|c| printable::one_line(&c.to_string()).into_owned());
        match (&d.location, d.position(), cell) {
            (Some(location), None, cell) => {
                let file = printable::one_line(&location.file.name);
                match cell {
                    Some(cell) => write!(f, "{file} {cell}: {message}"),
                    None => write!(f, "{file}: {message}"),
                }
            }
            // The snippet names the file and line; the cell is what the reader looks up.
            (_, Some(_), Some(cell)) => write!(f, "{cell}: {message}"),
            _ => f.write_str(&message),
        }
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.rule.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.diagnostic.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Allow => Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(printable::printable(h)) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source
            .as_ref()
            .map(|(s, _)| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.source.as_ref()?;
        let label = LabeledSpan::new(Some("here".to_string()), span.offset, span.len);
        Some(Box::new(std::iter::once(label)))
    }
}

/// Renders one diagnostic as miette would, at the terminal's width and colour.
pub fn render(diagnostic: &Diagnostic, term: &Term) -> String {
    let theme = if term.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(term.width)
        .with_links(false);
    let mut out = String::new();
    let view = MietteView::new(diagnostic);
    if handler.render_report(&mut out, &view).is_err() {
        out = format!("{}: {}\n", diagnostic.rule.code, diagnostic.message);
    }
    out
}

/// One line per finding, without the file's text: where the full report would quote lines a
/// shared output must not hold (`rg diff --format markdown`'s stderr).
pub(crate) fn line(diagnostic: &Diagnostic) -> String {
    let cell = diagnostic.cell().map_or(String::new(), |c| {
        format!(" {}", printable::one_line(&c.to_string()))
    });
    let place = match (diagnostic.file_name(), diagnostic.position()) {
        (Some(file), Some(p)) => {
            format!(
                "{}:{}:{}{cell}: ",
                printable::one_line(file),
                p.line,
                p.column
            )
        }
        (Some(file), None) => format!("{}{cell}: ", printable::one_line(file)),
        _ => String::new(),
    };
    format!(
        "{}[{}]: {place}{}",
        diagnostic.level,
        diagnostic.rule.code,
        printable::printable(&diagnostic.message)
    )
}

/// Writes every diagnostic, then the summary line.
pub fn write(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
    term: &Term,
) -> io::Result<()> {
    for diagnostic in diagnostics {
        write!(out, "{}", render(diagnostic, term))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", summary.line())
}
