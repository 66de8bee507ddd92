//! The YAML event stream of one document, with byte spans, aliases replayed within budgets,
//! and the parser's errors turned into diagnostics in the tool's own words. Everything above
//! reads a file through this one gate. The events come from the fast path (`fast.rs`) when it
//! reads the document, and from `saphyr-parser` otherwise: the same events either way.

use super::fast;
use super::limits::{self, Budget};
use crate::diag::{ByteSpan, Diagnostic, SourceFile, codes};
use saphyr_parser::{Event as Raw, Parser, ScalarStyle, ScanError, Span, StrInput};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

/// How a scalar was written: plain scalars are resolved by YAML's core schema (`true`, `~`),
/// quoted and block scalars are always text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Quoted,
    Block,
}

/// One event of the document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Token<'a> {
    Scalar(Cow<'a, str>, Style),
    SeqStart,
    SeqEnd,
    MapStart,
    MapEnd,
    /// The document ended, or could not be read on (see [`Events::fatal`]).
    End,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Event<'a> {
    pub(crate) token: Token<'a>,
    pub(crate) span: ByteSpan,
}

/// The events of a file's first document.
pub(crate) struct Events<'a> {
    source: Source<'a>,
    file: &'a Arc<SourceFile>,
    budget: Budget,
    /// Events of an alias being replayed, in order.
    replay: VecDeque<Event<'a>>,
    /// Anchored values being recorded, with the depth they started at.
    recording: Vec<(usize, usize, Vec<Event<'a>>)>,
    /// Each anchor's events, by anchor id.
    anchors: Vec<Option<Rc<[Event<'a>]>>>,
    depth: usize,
    /// The error that stopped the stream: a syntax error or a limit.
    fatal: Option<Diagnostic>,
    /// Findings that do not stop the stream (a second document).
    notes: Vec<Diagnostic>,
    ended: bool,
}

/// Where the events come from.
enum Source<'a> {
    /// The fast path's events of the whole document, in order: no anchors, no errors.
    Fast(std::vec::IntoIter<Event<'a>>),
    /// saphyr-parser, which counts characters, and the cursor that turns them into bytes.
    Saphyr(Box<(Parser<'a, StrInput<'a>>, Offsets<'a>)>),
}

impl<'a> Events<'a> {
    pub(crate) fn new(file: &'a Arc<SourceFile>) -> Events<'a> {
        match fast::events(&file.text) {
            Some(events) => Events::from_source(file, Source::Fast(events.into_iter())),
            None => Events::saphyr(file),
        }
    }

    /// The events as saphyr-parser gives them, never from the fast path (which the
    /// differential tests hold to this).
    pub(crate) fn saphyr(file: &'a Arc<SourceFile>) -> Events<'a> {
        let parser = Parser::new_from_str(&file.text);
        let offsets = Offsets::new(&file.text);
        let mut events = Events::from_source(file, Source::Saphyr(Box::new((parser, offsets))));
        events.skip_to_document();
        events
    }

    fn from_source(file: &'a Arc<SourceFile>, source: Source<'a>) -> Events<'a> {
        Events {
            source,
            file,
            budget: Budget::default(),
            replay: VecDeque::new(),
            recording: Vec::new(),
            anchors: Vec::new(),
            depth: 0,
            fatal: None,
            notes: Vec::new(),
            ended: false,
        }
    }

    /// The error that stopped the stream, if one did.
    pub(crate) fn fatal(&self) -> Option<&Diagnostic> {
        self.fatal.as_ref()
    }

    pub(crate) fn into_findings(self) -> (Option<Diagnostic>, Vec<Diagnostic>) {
        (self.fatal, self.notes)
    }

    /// The next event; [`Token::End`] forever once the document is over.
    #[inline]
    pub(crate) fn next_event(&mut self) -> Event<'a> {
        // Nothing to count, record or replay on the fast path: it reads no anchors, and
        // leaves every document that nests or holds more than the limits allow to
        // saphyr-parser (see `fast::MAX_DEPTH`).
        match &mut self.source {
            Source::Fast(events) => match events.next() {
                Some(event) => event,
                None => self.end_event(),
            },
            Source::Saphyr(_) => self.next_from_saphyr(),
        }
    }

    fn next_from_saphyr(&mut self) -> Event<'a> {
        loop {
            if let Some(event) = self.replay.pop_front() {
                if !self.admit(&event, 0) {
                    return self.end_event();
                }
                self.record(&event);
                return event;
            }
            if self.ended {
                return self.end_event();
            }
            let Source::Saphyr(saphyr) = &mut self.source else {
                return self.end_event();
            };
            let (parser, offsets) = &mut **saphyr;
            let (raw, span) = match parser.next_event() {
                Some(Ok((raw, span))) => (raw, offsets.span(span)),
                Some(Err(error)) => {
                    let diagnostic = syntax(self.file, offsets, &error);
                    return self.stop(diagnostic);
                }
                None => return self.stop_quietly(),
            };
            if let Some(event) = self.translate(raw, span) {
                return event;
            }
        }
    }

    fn end_event(&mut self) -> Event<'a> {
        let at = self.file.text.len();
        Event {
            token: Token::End,
            span: ByteSpan::new(at, at),
        }
    }

    /// One parser event as a token, or `None` for events that carry nothing to read.
    fn translate(&mut self, raw: Raw<'a>, span: ByteSpan) -> Option<Event<'a>> {
        let (token, anchor) = match raw {
            Raw::Scalar(text, style, anchor, _tag) => {
                (Token::Scalar(text, style_of(style)), anchor)
            }
            Raw::SequenceStart(anchor, _) => (Token::SeqStart, anchor),
            Raw::MappingStart(anchor, _) => (Token::MapStart, anchor),
            Raw::SequenceEnd => (Token::SeqEnd, 0),
            Raw::MappingEnd => (Token::MapEnd, 0),
            Raw::Alias(anchor) => {
                self.alias(anchor, span);
                return None;
            }
            Raw::DocumentEnd => {
                self.document_end();
                return None;
            }
            Raw::StreamEnd => {
                self.ended = true;
                return None;
            }
            Raw::Nothing | Raw::StreamStart | Raw::DocumentStart(_) => return None,
        };
        let event = Event { token, span };
        if !self.admit(&event, anchor) {
            return None;
        }
        self.record(&event);
        Some(event)
    }

    /// Counts a value against the budget (nesting, values) and starts recording an anchored
    /// one; `false` when a limit stopped the stream.
    fn admit(&mut self, event: &Event<'a>, anchor: usize) -> bool {
        let starts = matches!(event.token, Token::SeqStart | Token::MapStart);
        let closes = matches!(event.token, Token::SeqEnd | Token::MapEnd);
        if starts {
            self.depth += 1;
            if self.depth > limits::MAX_DEPTH {
                self.stop(limits::too_deep(self.file, event.span));
                return false;
            }
        }
        if closes {
            self.depth = self.depth.saturating_sub(1);
        }
        if !closes && let Err(limit) = self.budget.count_value() {
            self.stop(limits::breach(self.file, event.span, limit));
            return false;
        }
        if anchor != 0 {
            self.recording
                .push((anchor, self.depth - usize::from(starts), Vec::new()));
        }
        true
    }

    /// Adds an event to every recording, and files away each anchored value it completes.
    fn record(&mut self, event: &Event<'a>) {
        if self.recording.is_empty() {
            return;
        }
        for (_, _, events) in &mut self.recording {
            events.push(event.clone());
        }
        while let Some((anchor, depth, _)) = self.recording.last() {
            if self.depth != *depth || matches!(event.token, Token::SeqStart | Token::MapStart) {
                break;
            }
            let anchor = *anchor;
            let (_, _, events) = self.recording.pop().unwrap_or_default();
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, None);
            }
            self.anchors[anchor] = Some(events.into());
        }
    }

    /// An alias (`*name`): its anchor's events again, counted against the alias budget.
    fn alias(&mut self, anchor: usize, span: ByteSpan) {
        let Some(Some(events)) = self.anchors.get(anchor).cloned() else {
            // The parser refuses unknown anchors; an alias inside its own anchor lands here.
            self.stop(
                Diagnostic::new(
                    &codes::yaml::SYNTAX,
                    "this alias refers to the value it is part of",
                )
                .with_help("an alias (`*name`) may only repeat a value that is complete before it")
                .at(self.file, span),
            );
            return;
        };
        match self.budget.count_alias(events.len()) {
            Ok(()) => self.replay.extend(events.iter().cloned()),
            Err(limit) => {
                self.stop(limits::breach(self.file, span, limit));
            }
        }
    }

    /// After the first document: a second one is reported and not read.
    fn document_end(&mut self) {
        self.ended = true;
        let Source::Saphyr(saphyr) = &mut self.source else {
            return;
        };
        let (parser, offsets) = &mut **saphyr;
        loop {
            match parser.next_event() {
                Some(Ok((Raw::DocumentStart(_), span))) => {
                    let span = offsets.span(span);
                    self.notes.push(
                        Diagnostic::new(
                            &codes::yaml::SYNTAX,
                            "a second YAML document: one document per file, and this is the second",
                        )
                        .with_help("remove the `---` line and what follows it, or move it to a file of its own")
                        .at(self.file, span),
                    );
                    return;
                }
                Some(Ok((Raw::StreamEnd, _))) | None => return,
                Some(Ok(_)) => {}
                Some(Err(error)) => {
                    self.fatal = Some(syntax(self.file, offsets, &error));
                    return;
                }
            }
        }
    }

    fn skip_to_document(&mut self) {
        let Source::Saphyr(saphyr) = &mut self.source else {
            return;
        };
        let parser = &mut saphyr.0;
        // StreamStart and DocumentStart carry nothing; an empty stream ends at once.
        loop {
            let skip = matches!(
                parser.peek(),
                Some(Ok((
                    Raw::StreamStart | Raw::DocumentStart(_) | Raw::Nothing,
                    _
                )))
            );
            if !skip {
                return;
            }
            parser.next_event();
        }
    }

    fn stop(&mut self, diagnostic: Diagnostic) -> Event<'a> {
        if self.fatal.is_none() {
            self.fatal = Some(diagnostic);
        }
        self.ended = true;
        self.replay.clear();
        self.end_event()
    }

    fn stop_quietly(&mut self) -> Event<'a> {
        self.ended = true;
        self.end_event()
    }
}

fn style_of(style: ScalarStyle) -> Style {
    match style {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
        ScalarStyle::Literal | ScalarStyle::Folded => Style::Block,
    }
}

/// The parser counts characters; diagnostics need bytes. Events come nearly in order, so a
/// cursor walks the text from one to the next.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Offsets<'a> {
        Offsets {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn span(&mut self, span: Span) -> ByteSpan {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index().max(span.start.index()));
        ByteSpan::new(start, end)
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        while self.chars > char_index {
            let Some(c) = self.text[..self.bytes].chars().next_back() else {
                break;
            };
            self.bytes -= c.len_utf8();
            self.chars -= 1;
        }
        while self.chars < char_index {
            let Some(c) = self.text[self.bytes..].chars().next() else {
                break;
            };
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        self.bytes
    }
}

/// A parser error in the tool's words, at the character where the parser stopped.
fn syntax(file: &Arc<SourceFile>, offsets: &mut Offsets, error: &ScanError) -> Diagnostic {
    let at = offsets.byte(error.marker().index());
    let span = one_char(&file.text, at);
    let info = error.info();
    if info.contains("recursion limit") {
        return limits::too_deep(file, span);
    }
    if let Some(open) = unclosed_bracket(&file.text, at) {
        let (line, _) = file.line_column(open);
        let bracket = &file.text[open..open + 1];
        let close = if bracket == "[" { "]" } else { "}" };
        return Diagnostic::new(
            &codes::yaml::SYNTAX,
            format!("the `{bracket}` opened on line {line} is not closed before this"),
        )
        .with_help(format!(
            "close it with `{close}`, or put a text that holds `{bracket}` in quotes"
        ))
        .at(file, span);
    }
    let (message, help) = describe(info);
    Diagnostic::new(&codes::yaml::SYNTAX, message)
        .with_help(help)
        .at(file, span)
}

/// The offset of a `[` or `{` left open before `at` on an earlier line (outside quotes and
/// comments): the usual cause of an error a line or more below it.
fn unclosed_bracket(text: &str, at: usize) -> Option<usize> {
    let before = &text[..crate::diag::floor_char_boundary(text, at.min(text.len()))];
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut previous = ' ';
    for (i, c) in before.char_indices() {
        match (quote, c) {
            _ if comment => comment = c != '\n' && c != '\r',
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '#') if previous.is_whitespace() => comment = true,
            (None, '"' | '\'') if previous.is_whitespace() || "[{,:".contains(previous) => {
                quote = Some(c)
            }
            (None, '[' | '{') => open.push(i),
            (None, ']' | '}') => {
                open.pop();
            }
            _ => {}
        }
        previous = c;
    }
    let last_line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    open.into_iter().rev().find(|&o| o < last_line_start)
}

/// The character at a byte offset (none at the end of the file).
fn one_char(text: &str, at: usize) -> ByteSpan {
    let at = crate::diag::floor_char_boundary(text, at.min(text.len()));
    let len = text[at..].chars().next().map_or(0, char::len_utf8);
    ByteSpan { offset: at, len }
}

/// What a parser error means for the person editing the file.
fn describe(info: &str) -> (&'static str, &'static str) {
    const KNOWN: &[(&str, &str, &str)] = &[
        (
            "did not find expected key",
            "this line does not fit the mapping above it",
            "check the line's indentation, and that each entry is written `key: value`",
        ),
        (
            "'-' indicator",
            "this line does not fit the list above it",
            "check the line's indentation: list items start with `- ` at the same column",
        ),
        (
            "mapping values are not allowed",
            "a `: ` here starts a value where none can start",
            "put a text that holds `: ` in quotes, or check the indentation of the line",
        ),
        (
            "mapping keys are not allowed",
            "a key is not allowed here",
            "check the indentation of the line",
        ),
        (
            "flow sequence",
            "a `[` list is not closed with `]`, or its items are not separated by `,`",
            "close the list with `]` on the same or a later line",
        ),
        (
            "flow mapping",
            "a `{` mapping is not closed with `}`, or its entries are not separated by `,`",
            "close the mapping with `}`",
        ),
        (
            "quoted scalar, found unexpected end",
            "a quoted text is not closed",
            "add the closing quote",
        ),
        (
            "quoted scalar, found unexpected document",
            "a quoted text is not closed before a `---` or `...` line",
            "add the closing quote",
        ),
        (
            "escape",
            "an escape in double quotes that YAML does not know",
            "write `\\\\` for a backslash, or put the text in single quotes",
        ),
        (
            "hexadecimal",
            "an escape in double quotes that YAML does not know",
            "write `\\\\` for a backslash, or put the text in single quotes",
        ),
        (
            "unknown anchor",
            "this alias names no anchor defined before it",
            "define the value with `&name` before `*name` uses it, or write the value out",
        ),
        (
            "duplicated anchor",
            "an anchor name is used twice",
            "give each `&name` its own name",
        ),
        (
            "tab",
            "a tab is used where YAML allows only spaces",
            "indent with spaces, and replace tabs inside values with spaces",
        ),
        (
            "block scalar",
            "a `|` or `>` text block is not indented consistently",
            "indent every line of the block at least as far as its first line",
        ),
        (
            "did not find expected node content",
            "a value is missing here",
            "write the value, or quote a text that starts with one of `[]{},:#&*!|>'\"%@`",
        ),
        (
            "':' indicator",
            "a `:` is out of place here",
            "put a text that holds `:` in quotes",
        ),
        (
            "unexpected character",
            "a character that cannot start a value here",
            "put the text in quotes",
        ),
        (
            "unprintable",
            "a character that YAML does not allow in a file (a control character)",
            "remove it, or write it as an escape in double quotes",
        ),
        (
            "byte order mark",
            "a byte order mark (U+FEFF) inside the document",
            "remove the invisible character",
        ),
        (
            "directive",
            "a line starting with `%` is read as a YAML directive and is not a valid one",
            "put a text that starts with `%` in quotes",
        ),
        (
            "tag",
            "a `!` starts a YAML tag here, and it is not a valid one",
            "put a text that starts with `!` in quotes",
        ),
        (
            "indentation",
            "the indentation here does not fit the lines around it",
            "indent with spaces to the level of the entry it belongs to",
        ),
        (
            "anchor or alias",
            "a `&` or `*` must be followed by a name",
            "put a text that starts with `&` or `*` in quotes",
        ),
    ];
    KNOWN
        .iter()
        .find(|(needle, ..)| info.contains(needle))
        .map_or(
            (
                "the YAML cannot be read from here on",
                "check this line's indentation, quotes and brackets",
            ),
            |(_, message, help)| (*message, *help),
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn tokens(text: &str) -> (Vec<String>, Option<String>) {
        let file = SourceFile::new(Path::new("t.yaml"), text.to_string());
        let mut events = Events::new(&file);
        let mut seen = Vec::new();
        loop {
            let event = events.next_event();
            let shown = match &event.token {
                Token::End => break,
                Token::Scalar(text, _) => format!("{text}@{}", file.slice(event.span)),
                other => format!("{other:?}"),
            };
            seen.push(shown);
        }
        (seen, events.fatal().map(|d| d.message.clone()))
    }

    #[test]
    fn scalars_carry_byte_spans() {
        let (seen, fatal) = tokens("navn: Søren\nby: \"Århus\"\n");
        assert_eq!(
            seen,
            [
                "MapStart",
                "navn@navn",
                "Søren@Søren",
                "by@by",
                "Århus@\"Århus\"",
                "MapEnd"
            ]
        );
        assert_eq!(fatal, None);
    }

    #[test]
    fn aliases_are_replayed() {
        let (seen, _) = tokens("a: &x [1, 2]\nb: *x\n");
        let scalars: Vec<&String> = seen.iter().filter(|s| s.contains('@')).collect();
        assert_eq!(scalars, ["a@a", "1@1", "2@2", "b@b", "1@1", "2@2"]);
    }

    #[test]
    fn syntax_errors_stop_in_own_words() {
        let (_, fatal) = tokens("a: [1, 2\nb: c\n");
        assert_eq!(
            fatal.as_deref(),
            Some("the `[` opened on line 1 is not closed before this")
        );
        let (_, fatal) = tokens("a: \"open\n");
        assert_eq!(fatal.as_deref(), Some("a quoted text is not closed"));
    }

    #[test]
    fn a_second_document_is_a_note() {
        let file = SourceFile::new(Path::new("t.yaml"), "a: 1\n---\nb: 2\n".to_string());
        let mut events = Events::new(&file);
        while !matches!(events.next_event().token, Token::End) {}
        let (fatal, notes) = events.into_findings();
        assert!(fatal.is_none());
        assert!(notes[0].message.contains("second"));
    }
}
