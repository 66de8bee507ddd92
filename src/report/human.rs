//! Human output: miette's graphical reports, one per finding, then a one-line summary.

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::report::Summary;
use crate::rules::Level;
use crate::term::Term;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, NamedSource, Severity,
    SourceSpan, SpanContents,
};
use std::fmt;
use std::io::{self, Write};
use std::sync::Arc;

/// A file's text shared with miette without copying it.
struct SharedText(Arc<SourceFile>);

impl miette::SourceCode for SharedText {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        self.0
            .text
            .read_span(span, context_lines_before, context_lines_after)
    }
}

/// A [`Diagnostic`] seen through miette's trait.
struct MietteView<'a> {
    diagnostic: &'a Diagnostic,
    source: Option<NamedSource<SharedText>>,
}

impl<'a> MietteView<'a> {
    fn new(diagnostic: &'a Diagnostic) -> MietteView<'a> {
        let source = diagnostic
            .location
            .as_ref()
            .filter(|l| l.span.is_some())
            .map(|l| NamedSource::new(l.file.name.clone(), SharedText(Arc::clone(&l.file))));
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
        match (&d.location, d.position()) {
            (Some(location), None) => write!(f, "{}: {}", location.file.name, d.message),
            _ => f.write_str(&d.message),
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
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.diagnostic.location.as_ref()?.span?;
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
