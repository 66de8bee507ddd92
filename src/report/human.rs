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
use std::borrow::Cow;
use std::collections::HashMap;
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
    /// The help as miette writes it: printable, or already wrapped to its lines.
    help: Option<Cow<'a, str>>,
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
        let help = diagnostic.help.as_deref().map(printable::printable);
        MietteView {
            diagnostic,
            source,
            help,
        }
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
        self.help
            .as_ref()
            .map(|h| Box::new(h.as_ref()) as Box<dyn fmt::Display>)
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

/// miette's handlers for one terminal. Wrapping a text costs Unicode's line-breaking rules
/// even when the text fits on its line, most of a long report's time; a text that certainly
/// fits is written by a handler that does not wrap, to the same bytes, and so is a help text
/// wrapped here once for all the findings that share it.
pub(crate) struct Renderer {
    wrapping: GraphicalReportHandler,
    unwrapped: GraphicalReportHandler,
    width: usize,
    /// Help texts too long for their line, wrapped as miette wraps them (`None`: one that
    /// only miette itself can write).
    wrapped_help: HashMap<String, Option<String>>,
}

/// Columns a text's first line loses to miette: its margin (2), the widest indent
/// (`  help: `, 8) and a hyphen a wrap could add (1).
const INDENT_AND_MARGIN: usize = 11;
/// miette's margin, and the indents of a help text's first and further lines.
const MARGIN: usize = 2;
const HELP_INDENT: &str = "  help: ";
const HELP_REST_INDENT: &str = "        ";
/// Wrapped help texts kept: the few that findings share, in bounded memory however many differ.
const WRAPPED_HELP_KEPT: usize = 1024;

impl Renderer {
    pub(crate) fn new(term: &Term) -> Renderer {
        let theme = if term.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let wrapping = GraphicalReportHandler::new_themed(theme)
            .with_width(term.width)
            .with_links(false);
        Renderer {
            unwrapped: wrapping.clone().with_wrap_lines(false),
            wrapping,
            width: term.width,
            wrapped_help: HashMap::new(),
        }
    }

    /// One diagnostic as miette renders it.
    pub(crate) fn render(&mut self, diagnostic: &Diagnostic) -> String {
        let mut out = String::new();
        let mut view = MietteView::new(diagnostic);
        let unwrapped = self.fits(&view.to_string()) && self.unwrap_help(&mut view);
        let handler = if unwrapped {
            &self.unwrapped
        } else {
            &self.wrapping
        };
        if handler.render_report(&mut out, &view).is_err() {
            out = format!("{}: {}\n", diagnostic.rule.code, diagnostic.message);
        }
        out
    }

    /// Whether the view's help can go to the handler that does not wrap: it fits, or is
    /// replaced by its wrapped lines.
    fn unwrap_help(&mut self, view: &mut MietteView<'_>) -> bool {
        let Some(help) = &view.help else {
            return true;
        };
        if self.fits(help) {
            return true;
        }
        match self.wrapped_help(help) {
            Some(wrapped) => {
                view.help = Some(Cow::Owned(wrapped));
                true
            }
            None => false,
        }
    }

    /// Whether wrapping would leave a text as it is, so that not wrapping writes the same: one
    /// line, not blank (a blank line's indent loses its trailing space), no trailing space
    /// (wrapping drops it), and no longer in bytes than its line is wide, since no character
    /// is wider than its UTF-8 encoding.
    fn fits(&self, text: &str) -> bool {
        text.len() + INDENT_AND_MARGIN <= self.width
            && !text.contains('\n')
            && !text.ends_with(' ')
            && !text.trim().is_empty()
    }

    /// A help text's lines as miette would wrap them, for the handler that does not wrap;
    /// remembered for the next finding with the same help.
    fn wrapped_help(&mut self, help: &str) -> Option<String> {
        if let Some(wrapped) = self.wrapped_help.get(help) {
            return wrapped.clone();
        }
        if self.wrapped_help.len() >= WRAPPED_HELP_KEPT {
            self.wrapped_help.clear();
        }
        let wrapped = wrap_help(help, self.width);
        self.wrapped_help.insert(help.to_string(), wrapped.clone());
        wrapped
    }
}

/// A help text wrapped with miette's options, its indents taken off: the lines that miette's
/// handler without wrapping indents back to the same bytes. `None` when a line is blank, which
/// that handler would indent differently. (miette colours the first indent, which wrapping
/// does not see: it measures text without its colour codes.)
fn wrap_help(help: &str, width: usize) -> Option<String> {
    let options = textwrap::Options::new(width.saturating_sub(MARGIN))
        .initial_indent(HELP_INDENT)
        .subsequent_indent(HELP_REST_INDENT)
        .break_words(true);
    let lines = textwrap::wrap(help, options);
    let mut wrapped = String::with_capacity(help.len() + lines.len());
    for (i, line) in lines.iter().enumerate() {
        let indent = if i == 0 {
            HELP_INDENT
        } else {
            HELP_REST_INDENT
        };
        let text = line.strip_prefix(indent)?;
        if text.trim().is_empty() {
            return None;
        }
        if i > 0 {
            wrapped.push('\n');
        }
        wrapped.push_str(text);
    }
    Some(wrapped)
}

/// Renders one diagnostic as miette would, at the terminal's width and colour.
pub fn render(diagnostic: &Diagnostic, term: &Term) -> String {
    Renderer::new(term).render(diagnostic)
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
    let mut renderer = Renderer::new(term);
    for diagnostic in diagnostics {
        out.write_all(renderer.render(diagnostic).as_bytes())?;
        writeln!(out)?;
    }
    writeln!(out, "{}", summary.line())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;
    use crate::diag::codes::catalog;
    use proptest::prelude::*;
    use std::path::Path;

    /// What miette writes with its wrapping on for every text: what the shortcuts must match.
    fn as_miette_writes(diagnostic: &Diagnostic, term: &Term) -> String {
        let renderer = Renderer::new(term);
        let mut out = String::new();
        let view = MietteView::new(diagnostic);
        renderer.wrapping.render_report(&mut out, &view).unwrap();
        out
    }

    proptest! {
        #[test]
        fn texts_that_fit_and_shared_help_are_written_as_miette_writes_them(
            message in "[a-zæ ,.`\t\u{a0}\u{4e00}\u{1f600}/-]{0,120}",
            help in proptest::option::of("[a-zøå ()/`\t\u{a0}\u{4e00}-]{0,240}"),
            width in 20usize..140,
            quoted in any::<bool>(),
        ) {
            let term = Term::plain_at(width);
            let file = SourceFile::new(Path::new("a.yaml"), "roller:\n  - rolle: x\n".into());
            let mut diagnostic = Diagnostic::new(&catalog::UNKNOWN_ROLE, message);
            if let Some(help) = help {
                diagnostic = diagnostic.with_help(help);
            }
            if quoted {
                diagnostic = diagnostic.at(&file, crate::diag::ByteSpan { offset: 17, len: 1 });
            }
            let mut renderer = Renderer::new(&term);
            // Twice: the second time the help comes from what was wrapped the first.
            for _ in 0..2 {
                prop_assert_eq!(renderer.render(&diagnostic), as_miette_writes(&diagnostic, &term));
            }
        }
    }
}
