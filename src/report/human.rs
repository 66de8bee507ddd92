//! Human output: miette's graphical reports, one per finding, then a one-line summary.

use crate::diagnostic::{ByteSpan, Diagnostic, SourceFile};
use crate::printable;
use crate::report::Summary;
use crate::report::excerpt::{self, Excerpt};
use crate::rules::Level;
use crate::term::Term;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    NamedSource, Severity, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// What miette shows under a finding: the file's text shared without copying it; a copy with
/// its control characters made harmless (same byte offsets); or, when a line there is long, an
/// excerpt with the long lines clipped.
enum Snippet {
    Shared(Arc<SourceFile>),
    Harmless(String),
    Clipped(Excerpt),
}

impl miette::SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        match self {
            Snippet::Shared(file) => {
                read_text(&file.text, span, context_lines_before, context_lines_after)
            }
            Snippet::Harmless(text) => {
                read_text(text, span, context_lines_before, context_lines_after)
            }
            Snippet::Clipped(excerpt) => {
                excerpt.read_span(span, context_lines_before, context_lines_after)
            }
        }
    }
}

fn read_text<'a>(
    text: &'a str,
    span: &SourceSpan,
    context_lines_before: usize,
    context_lines_after: usize,
) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
    let inner =
        miette::SourceCode::read_span(text, span, context_lines_before, context_lines_after)?;
    // Without context lines miette asks for the header's line and column; the column is
    // counted in characters, as in the other formats, not in bytes.
    let column = match context_lines_before {
        0 => excerpt::char_column(text, span.offset()),
        _ => inner.column(),
    };
    Ok(Box::new(MietteSpanContents::new(
        inner.data(),
        *inner.span(),
        inner.line(),
        column,
        inner.line_count(),
    )))
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
            let span = l.span?;
            let (snippet, span) = match Excerpt::clip(&l.file.text, span) {
                Some(excerpt) => {
                    let span = excerpt.span;
                    (Snippet::Clipped(excerpt), span)
                }
                None => match printable::same_length(&l.file.text) {
                    Cow::Borrowed(_) => (Snippet::Shared(Arc::clone(&l.file)), span),
                    Cow::Owned(text) => (Snippet::Harmless(text), span),
                },
            };
            Some((
                NamedSource::new(printable::printable(&l.file.name), snippet),
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
        match (&d.location, d.position()) {
            (Some(location), None) => write!(
                f,
                "{}: {message}",
                printable::printable(&location.file.name)
            ),
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
