//! Typed reading of a YAML document that reports every structural mistake, each at its exact
//! value, and keeps what could be read: an unknown key is reported and skipped, a value of the
//! wrong type is reported and the field left out (or, if the field is required, the entry that
//! holds it), so the semantic rules still run on the rest. Every reported mistake is also
//! remembered as *damage*, so that a rule concluding from an absence can tell that the absence
//! is only a value it could not read.

use super::events::{Event, Events, Style, Token};
use crate::diag::{ByteSpan, Diagnostic, Fix, SourceFile, Spanned, codes};
use crate::suggest;
use crate::vocab::Vocabulary;
use std::borrow::Cow;
use std::sync::Arc;

/// A type read from YAML. `read` consumes exactly one value, whatever it finds, and returns
/// `None` when the value could not be used (the reason is already reported).
pub(crate) trait FromYaml: Sized {
    /// What the value is, for "expected …, found …".
    const EXPECTED: &'static str;

    fn read(r: &mut Reader<'_>) -> Option<Self>;

    /// Reads the value of a mapping entry whose key is at `key` (only [`Keyed`] keeps it).
    fn read_keyed(r: &mut Reader<'_>, _key: ByteSpan) -> Option<Self> {
        Self::read(r)
    }
}

/// A value with the span of the key it was written under, for findings about the entry as a
/// whole (a `spoc` block that lacks a phase points at `spoc:`).
#[derive(Clone, Debug, Default)]
pub struct Keyed<T> {
    pub key: ByteSpan,
    pub inner: Spanned<T>,
}

impl<T> std::ops::Deref for Keyed<T> {
    type Target = Spanned<T>;

    fn deref(&self) -> &Spanned<T> {
        &self.inner
    }
}

impl<T: PartialEq> PartialEq for Keyed<T> {
    fn eq(&self, other: &Keyed<T>) -> bool {
        self.inner == other.inner
    }
}

impl<T: serde::Serialize> serde::Serialize for Keyed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.inner.serialize(serializer)
    }
}

impl<T: FromYaml> FromYaml for Keyed<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn read(r: &mut Reader<'_>) -> Option<Keyed<T>> {
        let key = ByteSpan::new(r.peek().span.offset, r.peek().span.offset);
        Self::read_keyed(r, key)
    }

    fn read_keyed(r: &mut Reader<'_>, key: ByteSpan) -> Option<Keyed<T>> {
        let inner = r.spanned(T::read)?;
        Some(Keyed { key, inner })
    }
}

/// Where a file's reported mistakes are: the values that could not be read, and the top-level
/// fields they lie in (a field whose value was unreadable is left out, and has no span left).
#[derive(Clone, Debug, Default)]
pub struct Damage {
    spans: Vec<ByteSpan>,
    fields: Vec<&'static str>,
}

impl Damage {
    /// Whether anything under this top-level field could not be read.
    pub(crate) fn in_field(&self, field: &str) -> bool {
        self.fields.contains(&field)
    }

    /// Whether anything within `span` could not be read.
    pub(crate) fn within(&self, span: ByteSpan) -> bool {
        let first = self.spans.partition_point(|s| s.offset < span.offset);
        self.spans[first..]
            .iter()
            .take_while(|s| s.offset <= span.end())
            .any(|s| span.contains(*s))
    }
}

/// The outcome of reading one document.
pub(crate) struct Parsed<T> {
    /// What could be read; `None` when the document could not be read at all (a syntax error,
    /// a limit, or a root that is not what the file kind needs).
    pub(crate) value: Option<T>,
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) damage: Damage,
    /// The document's first key, where a finding about the whole file points.
    pub(crate) head: ByteSpan,
}

impl<T> Parsed<T> {
    fn failed(diagnostic: Diagnostic) -> Parsed<T> {
        Parsed {
            value: None,
            diagnostics: vec![diagnostic],
            damage: Damage::default(),
            head: ByteSpan::default(),
        }
    }

    /// The document, when it could be read, and the structural findings either way.
    pub(crate) fn into_doc(self, file: &Arc<SourceFile>) -> (Option<Doc<T>>, Vec<Diagnostic>) {
        let doc = self.value.map(|value| Doc {
            file: Arc::clone(file),
            value,
            damage: self.damage,
            head: self.head,
        });
        (doc, self.diagnostics)
    }
}

/// A document that could be read, what could not be read of it, and its file: what the
/// semantic rules take.
pub(crate) struct Doc<T> {
    pub(crate) file: Arc<SourceFile>,
    pub(crate) value: T,
    pub(crate) damage: Damage,
    pub(crate) head: ByteSpan,
}

/// Reads a file's document as `T`, with every mistake reported.
pub(crate) fn document<T: FromYaml>(file: &Arc<SourceFile>) -> Parsed<T> {
    if let Some(empty) = empty_document(file) {
        return Parsed::failed(empty);
    }
    if let Some(tab) = tab_in_indentation(&file.text) {
        return Parsed::failed(
            Diagnostic::new(&codes::yaml::SYNTAX, "a tab is used for indentation")
                .with_help("YAML indents with spaces only; replace the tab with spaces")
                .at(
                    file,
                    ByteSpan {
                        offset: tab,
                        len: 1,
                    },
                ),
        );
    }
    let mut reader = Reader::new(file);
    let value = T::read(&mut reader);
    reader.finish(value)
}

/// An empty or comment-only file holds no document to check.
pub(crate) fn empty_document(file: &Arc<SourceFile>) -> Option<Diagnostic> {
    let only_comments = file
        .text
        .lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---");
    only_comments.then(|| {
        Diagnostic::new(
            &codes::yaml::INVALID_VALUE,
            "the file holds no YAML document",
        )
        .with_help("a gallery role, catalog or appointments file starts with its keys")
        .at(file, ByteSpan { offset: 0, len: 0 })
    })
}

/// A tab in a line's indentation: YAML forbids it, and the parser reads some of them as
/// separation and would accept the file.
fn tab_in_indentation(text: &str) -> Option<usize> {
    // Most files hold no tab at all: one fast scan settles it.
    if !text.contains('\t') {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = line[indent..].trim_end();
        if !rest.is_empty()
            && !rest.starts_with('#')
            && let Some(tab) = line[..indent].find('\t')
        {
            return Some(offset + tab);
        }
        offset += line.len();
    }
    None
}

/// The cursor over a document's events, and what reading it found.
pub(crate) struct Reader<'a> {
    events: Events<'a>,
    file: &'a Arc<SourceFile>,
    peeked: Option<Event<'a>>,
    /// Where the last consumed event ended, for the span of a whole value.
    last_end: usize,
    diagnostics: Vec<Diagnostic>,
    damage: Damage,
    /// The top-level field being read, for [`Damage::in_field`].
    path: Vec<&'static str>,
    head: Option<ByteSpan>,
}

/// Where a mapping is, for findings about what it lacks.
pub(crate) struct MapInfo {
    /// The mapping's first key (or its `{`), where "missing field" points.
    pub(crate) head: ByteSpan,
    pub(crate) span: ByteSpan,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(file: &'a Arc<SourceFile>) -> Reader<'a> {
        Reader {
            events: Events::new(file),
            file,
            peeked: None,
            last_end: 0,
            diagnostics: Vec::new(),
            damage: Damage::default(),
            path: Vec::new(),
            head: None,
        }
    }

    fn finish<T>(mut self, value: Option<T>) -> Parsed<T> {
        let trailing = self.peek().token.clone();
        if !matches!(trailing, Token::End) {
            let span = self.peek().span;
            self.report(
                Diagnostic::new(&codes::yaml::SYNTAX, "more YAML after the document's end")
                    .with_help("a file holds one mapping; indent this line into it or remove it")
                    .at(self.file, span),
            );
        }
        let (fatal, notes) = self.events.into_findings();
        let mut diagnostics = self.diagnostics;
        diagnostics.extend(notes);
        let value = match fatal {
            Some(fatal) => {
                diagnostics.push(fatal);
                None
            }
            None => value,
        };
        // An alias repeats its anchor's mistakes at the anchor: report each once.
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
        let mut damage = self.damage;
        damage.spans.sort();
        damage.spans.dedup();
        damage.fields.dedup();
        Parsed {
            value,
            diagnostics,
            damage,
            head: self.head.unwrap_or_default(),
        }
    }

    pub(crate) fn file(&self) -> &'a Arc<SourceFile> {
        self.file
    }

    pub(crate) fn peek(&mut self) -> &Event<'a> {
        if self.peeked.is_none() {
            self.peeked = Some(self.events.next_event());
        }
        // Filled just above.
        self.peeked.get_or_insert_with(unreachable_event)
    }

    pub(crate) fn next(&mut self) -> Event<'a> {
        let event = match self.peeked.take() {
            Some(event) => event,
            None => self.events.next_event(),
        };
        if !matches!(event.token, Token::End) {
            self.last_end = event.span.end();
            if self.head.is_none() && matches!(event.token, Token::Scalar(..)) {
                self.head = Some(event.span);
            }
        }
        event
    }

    /// Whether the stream stopped on a syntax error or a limit: nothing read after it counts.
    fn stopped(&self) -> bool {
        self.events.fatal().is_some()
    }

    /// Reports a structural mistake (unless the stream stopped: what follows a syntax error is
    /// not the user's mistake) and remembers its place as damage.
    pub(crate) fn report(&mut self, diagnostic: Diagnostic) {
        if self.stopped() {
            return;
        }
        if let Some(span) = diagnostic.span() {
            self.damaged(span);
        }
        self.diagnostics.push(diagnostic);
    }

    /// Remembers damage with no finding of its own (a value left out because of another).
    pub(crate) fn damaged(&mut self, span: ByteSpan) {
        self.damage.spans.push(span);
        if let Some(field) = self.path.first() {
            self.damage.fields.push(*field);
        }
    }

    /// Reading the value of a struct's field (for [`Damage::in_field`]).
    pub(crate) fn enter(&mut self, field: &'static str) {
        self.path.push(field);
    }

    pub(crate) fn leave(&mut self) {
        self.path.pop();
    }

    /// Consumes one whole value.
    pub(crate) fn skip(&mut self) {
        let mut depth = 0usize;
        loop {
            let event = self.next();
            match event.token {
                Token::SeqStart | Token::MapStart => depth += 1,
                Token::SeqEnd | Token::MapEnd => depth = depth.saturating_sub(1),
                Token::End => return,
                Token::Scalar(..) => {}
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// Reads one value with the span it covers.
    pub(crate) fn spanned<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<Spanned<T>> {
        let start = self.peek().span.offset;
        let value = read(self)?;
        Some(Spanned::new(
            value,
            ByteSpan::new(start, self.last_end.max(start)),
        ))
    }

    /// The next value as a scalar, or a report that it is not one.
    pub(crate) fn scalar(&mut self, expected: &str) -> Option<(Cow<'a, str>, Style, ByteSpan)> {
        if matches!(self.peek().token, Token::Scalar(..)) {
            let event = self.next();
            if let Token::Scalar(text, style) = event.token {
                return Some((text, style, event.span));
            }
        }
        self.mismatch(expected);
        None
    }

    /// The next value as a scalar that is not null (`~`, `null`, nothing), in Unicode's
    /// composed form (NFC), so that `åse` typed as `a` + ring is the same key as `åse`.
    pub(crate) fn text(&mut self, expected: &str) -> Option<(Cow<'a, str>, ByteSpan)> {
        let (text, style, span) = self.scalar(expected)?;
        let text = composed(text);
        if is_null(&text, style) {
            self.report(
                Diagnostic::new(
                    &codes::yaml::INVALID_VALUE,
                    format!("no value here; expected {expected}"),
                )
                .at(self.file, self.value_span(span)),
            );
            return None;
        }
        Some((text, span))
    }

    /// Whether the next value is null (and consumes it if so).
    pub(crate) fn take_null(&mut self) -> bool {
        let null =
            matches!(&self.peek().token, Token::Scalar(text, style) if is_null(text, *style));
        if null {
            self.next();
        }
        null
    }

    /// A zero-width span (an empty value) is widened to the character before it, so that a
    /// caret has something to sit under.
    fn value_span(&self, span: ByteSpan) -> ByteSpan {
        if span.len > 0 || span.offset == 0 {
            return span;
        }
        let before = crate::diag::floor_char_boundary(&self.file.text, span.offset - 1);
        ByteSpan::new(before, span.offset)
    }

    /// Reports that the next value is not of the expected kind, and skips it.
    pub(crate) fn mismatch(&mut self, expected: &str) {
        let event = self.peek().clone();
        let found = match &event.token {
            Token::Scalar(text, style) if is_null(text, *style) => "nothing".to_string(),
            Token::Scalar(text, _) => format!("`{}`", shorten(text)),
            Token::SeqStart => "a list".to_string(),
            Token::MapStart => "a mapping".to_string(),
            Token::SeqEnd | Token::MapEnd | Token::End => {
                self.skip();
                return;
            }
        };
        let span = self.first_line(self.value_span(event.span));
        self.skip();
        // A value the parser could not read to its end (an unclosed `[`) is not of a wrong
        // type: the syntax error is the finding.
        self.report(
            Diagnostic::new(
                &codes::yaml::INVALID_VALUE,
                format!("expected {expected}, found {found}"),
            )
            .at(self.file, span),
        );
    }

    /// A span cut at the end of its first line: a caret under a whole block is no help.
    fn first_line(&self, span: ByteSpan) -> ByteSpan {
        let line = self.file.line_of(span.offset);
        match self.file.line_span(line) {
            Some(line) => ByteSpan::new(span.offset, span.end().min(line.end()).max(span.offset)),
            None => span,
        }
    }

    /// Reads a mapping: `field` is called with each key (text) and its span and reads the
    /// value; it returns `false` for a key it does not know, which is then reported with the
    /// nearest of `known` and skipped. Keys that repeat are reported and their values skipped.
    pub(crate) fn mapping(
        &mut self,
        expected: &str,
        known: &[&str],
        mut field: impl FnMut(&mut Self, &str, ByteSpan) -> bool,
    ) -> Option<MapInfo> {
        if !matches!(self.peek().token, Token::MapStart) {
            self.mismatch(expected);
            return None;
        }
        let start = self.next().span;
        let mut head = None;
        let mut seen = Seen::default();
        loop {
            let event = self.next();
            let key = match event.token {
                Token::MapEnd => break,
                Token::End => return None,
                Token::Scalar(text, _) => text,
                Token::SeqStart | Token::MapStart => {
                    self.complex_key(event.span);
                    continue;
                }
                Token::SeqEnd => continue,
            };
            head.get_or_insert(event.span);
            if !seen.first(&key) {
                self.duplicate_key(&key, event.span);
                self.skip();
                continue;
            }
            if !field(self, &key, event.span) {
                self.unknown_field(&key, event.span, known);
                self.skip();
            }
        }
        let span = ByteSpan::new(start.offset, self.last_end);
        Some(MapInfo {
            head: head.unwrap_or(start),
            span,
        })
    }

    /// A key that is a list or mapping (`? [a, b]`): no file kind has one.
    fn complex_key(&mut self, span: ByteSpan) {
        self.report(
            Diagnostic::new(
                &codes::yaml::INVALID_VALUE,
                "a key must be a text, not a list or mapping",
            )
            .at(self.file, self.first_line(span)),
        );
        // The rest of the key, then its value.
        let mut depth = 1usize;
        while depth > 0 {
            match self.next().token {
                Token::SeqStart | Token::MapStart => depth += 1,
                Token::SeqEnd | Token::MapEnd => depth -= 1,
                Token::End => return,
                Token::Scalar(..) => {}
            }
        }
        self.skip();
    }

    pub(crate) fn duplicate_key(&mut self, key: &str, span: ByteSpan) {
        self.report(
            Diagnostic::new(
                &codes::yaml::DUPLICATE_KEY,
                format!("duplicate key `{}`", shorten(key)),
            )
            .with_help("each key may appear once in a mapping; merge the two entries")
            .at(self.file, span),
        );
    }

    fn unknown_field(&mut self, key: &str, span: ByteSpan, known: &[&str]) {
        let near = suggest::nearest(key, known.iter().copied());
        let diagnostic = Diagnostic::new(
            &codes::yaml::UNKNOWN_FIELD,
            format!("unknown field `{}`", shorten(key)),
        )
        .at(self.file, span);
        let diagnostic = match near {
            Some(_) => diagnostic.suggesting(span, near),
            None => diagnostic.with_help(format!("known fields: {}", known.join(", "))),
        };
        self.report(diagnostic);
    }

    /// Reports a required field that is absent.
    pub(crate) fn missing_field(&mut self, map: &MapInfo, name: &str) {
        self.report(
            Diagnostic::new(
                &codes::yaml::INVALID_VALUE,
                format!("missing field `{name}`"),
            )
            .with_help(format!("add `{name}:` to this mapping"))
            .at(self.file, map.head),
        );
        self.damaged(map.span);
    }

    /// Reads a sequence, calling `item` for each element. A null value is an empty list.
    pub(crate) fn sequence(
        &mut self,
        expected: &str,
        mut item: impl FnMut(&mut Self),
    ) -> Option<()> {
        if self.take_null() {
            return Some(());
        }
        if let Token::Scalar(text, _) = &self.peek().token {
            // A single id where a list is needed (`udfoerer: projektleder`): say how to write it.
            let (text, span) = (text.to_string(), self.peek().span);
            self.next();
            let written = format!("[{text}]");
            self.report(
                Diagnostic::new(
                    &codes::yaml::INVALID_VALUE,
                    format!("expected {expected}, found `{}`", shorten(&text)),
                )
                .with_help(format!("write it as a list: `{written}`"))
                .with_fix(Fix::replace(span, written))
                .at(self.file, span),
            );
            return None;
        }
        if !matches!(self.peek().token, Token::SeqStart) {
            self.mismatch(expected);
            return None;
        }
        self.next();
        loop {
            match self.peek().token {
                Token::SeqEnd => {
                    self.next();
                    return Some(());
                }
                Token::End => return None,
                _ => item(self),
            }
        }
    }
}

/// An event never seen: `peek` always fills its slot before reading it.
fn unreachable_event<'a>() -> Event<'a> {
    Event {
        token: Token::End,
        span: ByteSpan::default(),
    }
}

/// A text with its combining sequences composed (`a` + U+030A is `å`), so that a key typed on a
/// keyboard that decomposes is the same key. Only texts holding a combining mark are composed:
/// NFC also folds singletons such as the Kelvin sign into `K`, and those must stay visible to
/// the look-alike checks. Texts with nothing to compose are returned without a copy.
pub(crate) fn composed(text: Cow<'_, str>) -> Cow<'_, str> {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::canonical_combining_class;
    if text.is_ascii() || !text.chars().any(|c| canonical_combining_class(c) != 0) {
        return text;
    }
    Cow::Owned(text.nfc().collect())
}

/// YAML's core schema: these plain scalars are null.
fn is_null(text: &str, style: Style) -> bool {
    style == Style::Plain && matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// At most 60 characters of a value, for a message.
fn shorten(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(60) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// Keys seen in one mapping: a short list, or a set once the mapping is large. The keys are
/// the events' own texts, borrowed from the file when the parser could.
#[derive(Default)]
pub(crate) struct Seen<'a> {
    few: Vec<Cow<'a, str>>,
    many: std::collections::HashSet<Cow<'a, str>>,
}

impl<'a> Seen<'a> {
    /// Whether `key` is new (and remembers it).
    #[allow(
        clippy::ptr_arg,
        reason = "a `Cow` is kept: a key borrowed from the file is remembered without a copy"
    )]
    pub(crate) fn first(&mut self, key: &Cow<'a, str>) -> bool {
        const FEW: usize = 16;
        if self.many.is_empty() {
            if self.few.iter().any(|k| k == key) {
                return false;
            }
            if self.few.len() < FEW {
                self.few.push(key.clone());
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key.clone())
    }
}

impl FromYaml for String {
    const EXPECTED: &'static str = "a text";

    fn read(r: &mut Reader<'_>) -> Option<String> {
        r.text(Self::EXPECTED).map(|(text, _)| text.into_owned())
    }
}

impl FromYaml for bool {
    const EXPECTED: &'static str = "`true` or `false`";

    fn read(r: &mut Reader<'_>) -> Option<bool> {
        let (text, style, span) = r.scalar(Self::EXPECTED)?;
        match (style, text.as_ref()) {
            (Style::Plain, "true" | "True" | "TRUE") => Some(true),
            (Style::Plain, "false" | "False" | "FALSE") => Some(false),
            _ => {
                r.report(
                    Diagnostic::new(
                        &codes::yaml::INVALID_VALUE,
                        format!("expected `true` or `false`, found `{}`", shorten(&text)),
                    )
                    .at(r.file(), span),
                );
                None
            }
        }
    }
}

impl<T: FromYaml> FromYaml for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn read(r: &mut Reader<'_>) -> Option<Option<T>> {
        if r.take_null() {
            return Some(None);
        }
        T::read(r).map(Some)
    }

    fn read_keyed(r: &mut Reader<'_>, key: ByteSpan) -> Option<Option<T>> {
        if r.take_null() {
            return Some(None);
        }
        T::read_keyed(r, key).map(Some)
    }
}

impl<T: FromYaml> FromYaml for Spanned<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn read(r: &mut Reader<'_>) -> Option<Spanned<T>> {
        r.spanned(T::read)
    }
}

/// A list: items that cannot be read are left out (each is reported).
impl<T: FromYaml> FromYaml for Vec<T> {
    const EXPECTED: &'static str = "a list";

    fn read(r: &mut Reader<'_>) -> Option<Vec<T>> {
        let mut items = Vec::new();
        r.sequence(Self::EXPECTED, |r| items.extend(T::read(r)))?;
        Some(items)
    }
}

/// A vocabulary value: its id, or a finding that suggests the id meant.
impl<V: Vocabulary> FromYaml for V {
    const EXPECTED: &'static str = "a value from a fixed list";

    fn read(r: &mut Reader<'_>) -> Option<V> {
        let expected = format!("a {}", V::WHAT);
        let (text, span) = r.text(&expected)?;
        if let Some(value) = V::from_id(&text) {
            return Some(value);
        }
        let diagnostic = Diagnostic::new(
            &codes::yaml::INVALID_VALUE,
            format!("unknown {} `{}`", V::WHAT, shorten(&text)),
        )
        .at(r.file(), span);
        let diagnostic = match (V::from_alias(&text), V::suggest(&text)) {
            // The standard's own name for the value (`Ibrugtagning`, `Fase 3`): the file
            // holds ids, so say which id that name stands for.
            (Some(named), _) => diagnostic
                .with_fix(Fix::replace(span, named.id()))
                .with_help(format!(
                    "`{}` is {} ({}): write its id, `{}`",
                    shorten(&text),
                    named.id(),
                    named.title(),
                    named.id()
                )),
            (None, Some(near)) => diagnostic.suggesting(span, Some(near.id())),
            (None, None) => diagnostic.with_help(format!("{} are {}", V::PLURAL, V::listing())),
        };
        r.report(diagnostic);
        None
    }
}

/// A field of a struct being read: not yet seen, seen but unreadable, or read.
pub(crate) enum Slot<T> {
    Absent,
    Invalid,
    Present(T),
}

impl<T: FromYaml> Slot<T> {
    /// Reads the field's value (the mapping reports a repeated key before it gets here).
    pub(crate) fn fill(&mut self, r: &mut Reader<'_>, key: ByteSpan) {
        *self = match T::read_keyed(r, key) {
            Some(value) => Slot::Present(value),
            None => Slot::Invalid,
        };
    }

    /// A required field: absent is reported; unreadable was reported.
    pub(crate) fn required(self, r: &mut Reader<'_>, map: &MapInfo, name: &str) -> Option<T> {
        match self {
            Slot::Present(value) => Some(value),
            Slot::Invalid => None,
            Slot::Absent => {
                r.missing_field(map, name);
                None
            }
        }
    }
}

impl<T: Default> Slot<T> {
    /// An optional field: absent or unreadable is its default.
    pub(crate) fn optional(self) -> T {
        match self {
            Slot::Present(value) => value,
            Slot::Absent | Slot::Invalid => T::default(),
        }
    }
}

/// An optional value that remembers whether it was written blank (`fagomraade: null`, the
/// scaffold's gaps) or left out, so a finding can tell the two apart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written<T> {
    pub value: Option<T>,
    /// Where the value was written, blank or not; `None` when the key is absent.
    pub span: Option<ByteSpan>,
}

impl<T> Written<T> {
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }
}

impl Written<String> {
    /// Written, but null or only spaces.
    pub(crate) fn is_blank(&self) -> bool {
        self.span.is_some() && self.value.as_deref().is_none_or(|v| v.trim().is_empty())
    }
}

impl<T: serde::Serialize> serde::Serialize for Written<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: FromYaml> FromYaml for Written<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn read(r: &mut Reader<'_>) -> Option<Written<T>> {
        let span = r.peek().span;
        if r.take_null() {
            return Some(Written {
                value: None,
                span: Some(span),
            });
        }
        let value = r.spanned(T::read)?;
        Some(Written {
            value: Some(value.value),
            span: Some(value.span),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::yaml::{Entries, parse_str};

    #[test]
    fn keys_and_values_are_compared_composed() {
        let parsed = parse_str::<Entries<String, String>>("\"a\u{30a}se\": \"Å\"\n");
        let entries = parsed.value.unwrap().0;
        assert_eq!(entries[0].0, "\u{e5}se");
        assert_eq!(entries[0].1, "Å");
    }

    #[test]
    fn singletons_are_not_folded_so_look_alikes_stay_visible() {
        let parsed = parse_str::<Entries<String, String>>("\u{212a}Y: \u{212b}\n");
        let entries = parsed.value.unwrap().0;
        assert_eq!(entries[0].0, "\u{212a}Y");
        assert_eq!(entries[0].1, "\u{212b}");
    }
}
