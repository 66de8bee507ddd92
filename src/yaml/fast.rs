//! The fast path under [`super::events`]: a byte-level reader for the YAML that rg's files are
//! written in, giving the very events (tokens, texts, styles, byte spans) that saphyr-parser
//! gives for them, at a fraction of the cost. It reads block mappings and sequences laid out by
//! indentation, one-line plain and quoted scalars, one-line flow collections (`[a, b]`,
//! `{fase-1: obligatorisk}`), block scalars (`|`, `>`, `|-`, `>-`, `|+`, `>+`), comments and a
//! leading `---`. At anything else — an anchor, an alias, a tag, a directive, a second
//! document, a tab, a carriage return, a scalar over several lines, a `?` key, a long key — and
//! at anything invalid it gives up (`None`), and the document is read by saphyr-parser from its
//! start, so every error and every odd construct keeps its behaviour and its message.
//!
//! The spans follow saphyr-parser's tokens: an empty value sits at its `:` (or after its `- `),
//! a collection's end where the next line's content starts, a quoted scalar and a flow
//! collection's brackets take the spaces and the comment that follow them on their line, and a
//! block scalar runs from its first content character to the indentation of the line after it.
//! The differential tests (`tests/yaml_fast_path.rs`, the `yaml_fast` fuzz target) hold the two
//! readers to the same events on every document the fast path accepts.

use super::events::{Event, Events, Style, Token};
use super::limits;
use crate::diag::{ByteSpan, SourceFile};
use std::borrow::Cow;

/// The fast path gave up; saphyr-parser reads the document.
struct Bail;

type Scan<T> = Result<T, Bail>;

/// Nesting the fast path reads; deeper documents (real files nest 6 deep) go to saphyr-parser,
/// which applies the limit with its own message. With this, and with at most
/// [`limits::MAX_NODES`] events, no document the fast path reads can reach a limit, so
/// [`Events`] counts nothing on the fast path.
pub(crate) const MAX_DEPTH: usize = 32;
const _: () = assert!(MAX_DEPTH < limits::MAX_DEPTH);
/// saphyr-parser refuses a key of more than 1024 characters before its `:`; a key of at most
/// this many bytes is well clear of that.
const MAX_KEY_BYTES: usize = 1000;

/// The events of the document in `text`, or `None` when saphyr-parser must read it.
pub(crate) fn events(text: &str) -> Option<Vec<Event<'_>>> {
    if !plain_bytes(text) {
        return None;
    }
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        line_start: 0,
        // About one event per 8 to 10 bytes in rg's files: one allocation for most documents.
        out: Vec::with_capacity(text.len() / 8 + 4),
        depth: 0,
    };
    scanner.document().ok()?;
    Some(scanner.out)
}

/// Whether every byte is a printable ASCII character, a line feed, or part of a UTF-8
/// character other than the byte order mark: no tab, carriage return, NUL or other control
/// character, which saphyr-parser treats in ways the fast path does not follow.
fn plain_bytes(text: &str) -> bool {
    // A fold without an early exit, so that the compiler vectorises it. EF starts the byte
    // order mark (EF BB BF) and is rare (Danish letters are C3 xx): only a text with one is
    // searched for the mark.
    let mut maybe_bom = false;
    for chunk in text.as_bytes().chunks(256) {
        let (control, ef) = chunk.iter().fold((false, false), |(control, ef), &b| {
            (control | ((b < 0x20) & (b != b'\n')), ef | (b == 0xEF))
        });
        if control {
            return false;
        }
        maybe_bom |= ef;
    }
    !maybe_bom || !text.contains('\u{FEFF}')
}

/// A scalar read but not yet emitted: whether it is a key is known only after it.
struct Scalar<'a> {
    text: Cow<'a, str>,
    style: Style,
    span: ByteSpan,
}

/// How a block scalar treats its final line breaks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chomping {
    Strip,
    Clip,
    Keep,
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Where the line holding `pos` starts; columns are counted from here (only spaces and
    /// ASCII indicators ever precede a column the reader uses, so bytes are characters).
    line_start: usize,
    out: Vec<Event<'a>>,
    depth: usize,
}

impl<'a> Scanner<'a> {
    fn document(&mut self) -> Scan<()> {
        self.next_content(true)?;
        if self.at_document_marker(b'-') {
            // `---` opening the document, alone on its line (or with a comment).
            self.pos += 3;
            self.end_of_line()?;
        }
        if self.at_end() {
            return Err(Bail);
        }
        let col = self.col();
        self.block_collection(col)?;
        // Anything after the root (a less indented line) is not one document.
        if !self.at_end() {
            return Err(Bail);
        }
        Ok(())
    }

    // ----- positions -----

    fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    /// The byte at `i`; 0 past the end (the text holds no NUL).
    fn at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    fn col(&self) -> usize {
        self.pos - self.line_start
    }

    fn skip_spaces(&mut self) -> usize {
        let start = self.pos;
        while self.peek() == b' ' {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-` as a block sequence entry: followed by a space, a line break or the end.
    fn at_entry(&self) -> bool {
        self.peek() == b'-' && matches!(self.at(self.pos + 1), b' ' | b'\n' | 0)
    }

    /// `:` as a block mapping's value indicator.
    fn at_value(&self) -> bool {
        self.peek() == b':' && matches!(self.at(self.pos + 1), b' ' | b'\n' | 0)
    }

    /// `---` or `...` at the start of a line, ending there or followed by a space.
    fn at_document_marker(&self, c: u8) -> bool {
        self.col() == 0
            && self.bytes[self.pos..].starts_with(&[c, c, c])
            && matches!(self.at(self.pos + 3), b' ' | b'\n' | 0)
    }

    fn skip_comment(&mut self) {
        let rest = &self.bytes[self.pos..];
        self.pos += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
    }

    /// The rest of a line after a token: spaces and a comment (after a space), then the line's
    /// end; then on to the next content.
    fn end_of_line(&mut self) -> Scan<()> {
        self.skip_spaces();
        if self.peek() == b'#' {
            if self.pos > self.line_start && self.bytes[self.pos - 1] != b' ' {
                return Err(Bail);
            }
            self.skip_comment();
        }
        if !matches!(self.peek(), b'\n' | 0) {
            return Err(Bail);
        }
        self.next_content(false)
    }

    /// Skips spaces, comments and empty lines to the next content (or the end). A document
    /// marker there is a second document (or, unless `first`, a first one after content):
    /// not read here.
    fn next_content(&mut self, first: bool) -> Scan<()> {
        loop {
            self.skip_spaces();
            match self.peek() {
                b'#' => self.skip_comment(),
                b'\n' => {
                    self.pos += 1;
                    self.line_start = self.pos;
                }
                0 if self.at_end() => return Ok(()),
                _ => {
                    if (self.at_document_marker(b'-') && !first) || self.at_document_marker(b'.') {
                        return Err(Bail);
                    }
                    return Ok(());
                }
            }
        }
    }

    // ----- events -----

    fn emit(&mut self, token: Token<'a>, start: usize, end: usize) -> Scan<()> {
        // Beyond the value limit saphyr-parser's path reports it; no need to hold more.
        if self.out.len() >= limits::MAX_NODES {
            return Err(Bail);
        }
        self.out.push(Event {
            token,
            span: ByteSpan::new(start, end),
        });
        Ok(())
    }

    fn emit_scalar(&mut self, scalar: Scalar<'a>) -> Scan<()> {
        let end = scalar.span.end();
        self.emit(
            Token::Scalar(scalar.text, scalar.style),
            scalar.span.offset,
            end,
        )
    }

    /// The empty value of `key:` or `-`, at `at`.
    fn emit_empty(&mut self, at: usize) -> Scan<()> {
        self.emit(Token::Scalar(Cow::Borrowed(""), Style::Plain), at, at)
    }

    /// The end of a block collection, where the next content starts (or at the end).
    fn emit_block_end(&mut self, token: Token<'a>) -> Scan<()> {
        let at = self.pos.min(self.bytes.len());
        self.emit(token, at, at)
    }

    fn open(&mut self) -> Scan<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Bail);
        }
        Ok(())
    }

    fn close(&mut self) {
        self.depth -= 1;
    }

    // ----- block collections -----

    /// A block sequence or mapping starting at `pos`, in column `col`.
    fn block_collection(&mut self, col: usize) -> Scan<()> {
        if self.at_entry() {
            return self.block_sequence(col);
        }
        let key = self.block_scalar_key()?;
        self.block_mapping(col, key)
    }

    /// A plain or quoted scalar that must be followed by `:` (left at the `:`).
    fn block_scalar_key(&mut self) -> Scan<Scalar<'a>> {
        let key = self.inline_scalar(false)?;
        self.skip_spaces();
        if !self.at_value() {
            return Err(Bail);
        }
        Ok(key)
    }

    /// A plain or quoted scalar on one line.
    fn inline_scalar(&mut self, flow: bool) -> Scan<Scalar<'a>> {
        match self.peek() {
            b'"' | b'\'' => self.quoted(),
            _ => self.plain(flow),
        }
    }

    /// A block mapping in column `indent` whose first key is read (`pos` at its `:`).
    fn block_mapping(&mut self, indent: usize, first: Scalar<'a>) -> Scan<()> {
        self.open()?;
        let at = first.span.offset;
        self.emit(Token::MapStart, at, at)?;
        let mut key = first;
        loop {
            let colon = self.pos;
            if colon - key.span.offset > MAX_KEY_BYTES {
                return Err(Bail);
            }
            self.emit_scalar(key)?;
            self.pos += 1;
            self.block_value(indent, colon)?;
            if self.at_end() || self.col() < indent {
                break;
            }
            if self.col() > indent || self.at_entry() {
                return Err(Bail);
            }
            key = self.block_scalar_key()?;
        }
        self.emit_block_end(Token::MapEnd)?;
        self.close();
        Ok(())
    }

    /// The value after `key:` (`pos` after the `:`), of a mapping in column `indent`; leaves
    /// `pos` at the next content.
    fn block_value(&mut self, indent: usize, colon: usize) -> Scan<()> {
        self.skip_spaces();
        match self.peek() {
            b'\n' | 0 | b'#' => {
                self.end_of_line()?;
                if self.at_end() {
                    return self.emit_empty(colon);
                }
                let col = self.col();
                if col > indent {
                    self.block_collection(col)
                } else if col == indent && self.at_entry() {
                    self.indentless_sequence(indent)
                } else {
                    self.emit_empty(colon)
                }
            }
            b'|' | b'>' => self.block_scalar(indent),
            b'[' | b'{' => {
                self.flow_collection()?;
                self.end_of_line()
            }
            _ => {
                let value = self.inline_scalar(false)?;
                self.emit_scalar(value)?;
                self.skip_spaces();
                // `a: b: c` is an error.
                if self.at_value() {
                    return Err(Bail);
                }
                self.end_of_line()
            }
        }
    }

    /// A block sequence in column `indent` (`pos` at its first `-`).
    fn block_sequence(&mut self, indent: usize) -> Scan<()> {
        self.open()?;
        self.emit(Token::SeqStart, self.pos, self.pos)?;
        loop {
            let entry = self.entry();
            self.sequence_item(indent, entry)?;
            if self.at_end() || self.col() < indent {
                break;
            }
            if self.col() > indent || !self.at_entry() {
                return Err(Bail);
            }
        }
        self.emit_block_end(Token::SeqEnd)?;
        self.close();
        Ok(())
    }

    /// A sequence as a mapping's value, its `-` in the mapping's column: it ends at the
    /// mapping's next key.
    fn indentless_sequence(&mut self, indent: usize) -> Scan<()> {
        self.open()?;
        let mut first = true;
        loop {
            let entry = self.entry();
            if first {
                // saphyr-parser starts such a sequence at its first entry's content.
                self.emit(Token::SeqStart, entry, entry)?;
                first = false;
            }
            self.sequence_item(indent, entry)?;
            if self.at_end() || self.col() < indent || (self.col() == indent && !self.at_entry()) {
                break;
            }
            if self.col() > indent {
                return Err(Bail);
            }
        }
        self.emit_block_end(Token::SeqEnd)?;
        self.close();
        Ok(())
    }

    /// Steps over a `-` and the spaces and comment after it; where it leaves `pos` is where
    /// an empty item is.
    fn entry(&mut self) -> usize {
        self.pos += 1;
        self.skip_spaces();
        if self.peek() == b'#' {
            self.skip_comment();
        }
        self.pos
    }

    /// One item of a block sequence in column `indent`, `pos` after its `- `.
    fn sequence_item(&mut self, indent: usize, entry: usize) -> Scan<()> {
        match self.peek() {
            b'\n' | 0 => {
                self.next_content(false)?;
                if !self.at_end() && self.col() > indent {
                    let col = self.col();
                    self.block_collection(col)
                } else {
                    self.emit_empty(entry)
                }
            }
            b'-' if self.at_entry() => {
                let col = self.col();
                self.block_sequence(col)
            }
            b'|' | b'>' => self.block_scalar(indent),
            b'[' | b'{' => {
                self.flow_collection()?;
                self.end_of_line()
            }
            _ => {
                let col = self.col();
                let scalar = self.inline_scalar(false)?;
                self.skip_spaces();
                if self.at_value() {
                    // `- key: value`: a mapping in the item's column.
                    return self.block_mapping(col, scalar);
                }
                self.emit_scalar(scalar)?;
                self.end_of_line()
            }
        }
    }

    // ----- scalars -----

    /// A plain scalar on one line (`pos` at its first character); leaves `pos` after its last
    /// non-space character.
    fn plain(&mut self, flow: bool) -> Scan<Scalar<'a>> {
        let start = self.pos;
        if !self.plain_starts(flow) {
            return Err(Bail);
        }
        loop {
            self.pos = self.word_end(self.pos + 1, flow);
            let mut next = self.pos;
            while self.at(next) == b' ' {
                next += 1;
            }
            if next == self.pos || self.at(next) == b'#' || self.plain_stops(next, flow) {
                break;
            }
            if flow && self.at(next) == b'-' && is_flow(self.at(next + 1)) {
                // saphyr-parser refuses `- ,` inside a flow collection.
                return Err(Bail);
            }
            self.pos = next;
        }
        Ok(Scalar {
            text: Cow::Borrowed(&self.text[start..self.pos]),
            style: Style::Plain,
            span: ByteSpan::new(start, self.pos),
        })
    }

    /// Where the word of a plain scalar that goes on at `i` ends: at a space or where the
    /// scalar stops. The loop that most of the fast path's time is spent in.
    fn word_end(&self, from: usize, flow: bool) -> usize {
        let stops = if flow { STOPS_IN_FLOW } else { STOPS };
        let bytes = self.bytes;
        let mut i = from;
        while i < bytes.len() {
            let b = bytes[i];
            // A `:` ends the scalar only before a space (or, in flow, a flow indicator).
            if CLASS[usize::from(b)] & stops != 0 && (b != b':' || self.plain_stops(i, flow)) {
                break;
            }
            i += 1;
        }
        i
    }

    /// Whether a plain scalar can start at `pos`: not at an indicator (`-`, `?` and `:` only
    /// before a character that continues it, which for `?` and `:` the fast path leaves to
    /// saphyr-parser).
    fn plain_starts(&self, flow: bool) -> bool {
        match self.peek() {
            b' ' | b'\n' | 0 => false,
            b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
            | b'"' | b'%' | b'@' | b'`' | b'?' | b':' => false,
            b'-' => {
                let next = self.at(self.pos + 1);
                !(matches!(next, b' ' | b'\n' | 0) || (flow && is_flow(next)))
            }
            _ => true,
        }
    }

    /// Whether a plain scalar ends before the byte at `i`: a line's end, a `:` before a space
    /// (or, in flow, before a flow indicator), a flow indicator in flow.
    fn plain_stops(&self, i: usize, flow: bool) -> bool {
        match self.at(i) {
            b'\n' | 0 => true,
            b':' => {
                let next = self.at(i + 1);
                matches!(next, b' ' | b'\n' | 0) || (flow && is_flow(next))
            }
            b',' | b'[' | b']' | b'{' | b'}' => flow,
            _ => false,
        }
    }

    /// A single- or double-quoted scalar on one line; its span takes the spaces and the
    /// comment after it on its line, as saphyr-parser's does.
    fn quoted(&mut self) -> Scan<Scalar<'a>> {
        let start = self.pos;
        let text = if self.peek() == b'\'' {
            self.single_quoted()?
        } else {
            self.double_quoted()?
        };
        let spaced = self.skip_spaces() > 0;
        if self.peek() == b'#' {
            if !spaced {
                return Err(Bail);
            }
            self.skip_comment();
        }
        Ok(Scalar {
            text,
            style: Style::Quoted,
            span: ByteSpan::new(start, self.pos),
        })
    }

    /// `'…'` with `''` for a quote; leaves `pos` after the closing quote.
    fn single_quoted(&mut self) -> Scan<Cow<'a, str>> {
        self.pos += 1;
        let mut piece = self.pos;
        let mut owned: Option<String> = None;
        loop {
            match self.peek() {
                b'\n' | 0 => return Err(Bail),
                b'\'' if self.at(self.pos + 1) == b'\'' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[piece..=self.pos]);
                    self.pos += 2;
                    piece = self.pos;
                }
                b'\'' => break,
                _ => self.pos += 1,
            }
        }
        let text = finish(owned, &self.text[piece..self.pos]);
        self.pos += 1;
        Ok(text)
    }

    /// `"…"` with YAML's escapes; leaves `pos` after the closing quote.
    fn double_quoted(&mut self) -> Scan<Cow<'a, str>> {
        self.pos += 1;
        let mut piece = self.pos;
        let mut owned: Option<String> = None;
        loop {
            match self.peek() {
                b'\n' | 0 => return Err(Bail),
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[piece..self.pos]);
                    let (c, len) = escape(&self.bytes[self.pos + 1..]).ok_or(Bail)?;
                    text.push(c);
                    self.pos += 1 + len;
                    piece = self.pos;
                }
                b'"' => break,
                _ => self.pos += 1,
            }
        }
        let text = finish(owned, &self.text[piece..self.pos]);
        self.pos += 1;
        Ok(text)
    }

    /// A block scalar (`pos` at its `|` or `>`) of a collection in column `parent`; leaves
    /// `pos` at the next content. Follows saphyr-parser's `scan_block_scalar` step by step.
    fn block_scalar(&mut self, parent: usize) -> Scan<()> {
        let literal = self.peek() == b'|';
        self.pos += 1;
        let chomping = match self.peek() {
            b'-' => Chomping::Strip,
            b'+' => Chomping::Keep,
            _ => Chomping::Clip,
        };
        if chomping != Chomping::Clip {
            self.pos += 1;
        }
        // An indentation indicator (`|2`) is left to saphyr-parser.
        let spaced = self.skip_spaces() > 0;
        if self.peek() == b'#' && spaced {
            self.skip_comment();
        }
        if self.peek() != b'\n' {
            return Err(Bail);
        }
        self.next_line();
        let (indent, mut breaks) = self.block_indent(parent)?;
        let start = self.pos;
        let mut text = String::new();
        let mut leading_break = false;
        let mut leading_blank = false;
        while self.col() == indent && !matches!(self.peek(), b'\n' | 0) {
            let trailing_blank = self.peek() == b' ';
            if !literal && leading_break && !leading_blank && !trailing_blank {
                if breaks == 0 {
                    text.push(' ');
                }
            } else if leading_break {
                text.push('\n');
            }
            push_breaks(&mut text, breaks);
            leading_break = false;
            breaks = 0;
            leading_blank = trailing_blank;
            let rest = &self.bytes[self.pos..];
            let line = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            text.push_str(&self.text[self.pos..self.pos + line]);
            self.pos += line;
            if self.peek() != b'\n' {
                break;
            }
            self.next_line();
            leading_break = true;
            breaks = self.block_blank_lines(indent);
        }
        if chomping != Chomping::Strip {
            if leading_break {
                text.push('\n');
            }
            if self.at_end() && self.col() >= indent.max(1) {
                text.push('\n');
            }
        }
        if chomping == Chomping::Keep {
            push_breaks(&mut text, breaks);
        }
        self.emit(
            Token::Scalar(Cow::Owned(text), Style::Block),
            start,
            self.pos,
        )?;
        self.next_content(false)
    }

    /// The indentation of a block scalar's content, from its first lines, and the empty lines
    /// before it; refuses an empty block scalar and a first line indented less than an empty
    /// line before it (both left to saphyr-parser).
    fn block_indent(&mut self, parent: usize) -> Scan<(usize, usize)> {
        let mut widest = 0;
        let mut breaks = 0;
        loop {
            widest = widest.max(self.skip_spaces());
            if self.peek() != b'\n' {
                break;
            }
            self.next_line();
            breaks += 1;
        }
        let indent = widest.max(parent + 1);
        if self.at_end() || self.col() != indent {
            return Err(Bail);
        }
        Ok((indent, breaks))
    }

    /// Steps over a block scalar's indentation on the following lines, and over the empty
    /// lines among them; the number of empty lines.
    fn block_blank_lines(&mut self, indent: usize) -> usize {
        let mut breaks = 0;
        loop {
            while self.col() < indent && self.peek() == b' ' {
                self.pos += 1;
            }
            if self.peek() != b'\n' {
                return breaks;
            }
            self.next_line();
            breaks += 1;
        }
    }

    /// Steps over the line feed at `pos`.
    fn next_line(&mut self) {
        self.pos += 1;
        self.line_start = self.pos;
    }

    // ----- flow collections -----

    /// `[…]` or `{…}` closed on the same line (`pos` at the bracket).
    fn flow_collection(&mut self) -> Scan<()> {
        self.open()?;
        let mapping = self.peek() == b'{';
        let start = self.pos;
        self.pos += 1;
        self.skip_spaces();
        let (open, close, closing) = if mapping {
            (Token::MapStart, Token::MapEnd, b'}')
        } else {
            (Token::SeqStart, Token::SeqEnd, b']')
        };
        self.emit(open, start, self.pos)?;
        // The `,` just before the closing bracket, with its spaces.
        let mut comma = None;
        while self.peek() != closing {
            if mapping {
                self.flow_entry()?;
            } else {
                self.flow_node()?;
            }
            self.skip_spaces();
            comma = None;
            match self.peek() {
                b',' => {
                    let at = self.pos;
                    self.pos += 1;
                    self.skip_spaces();
                    comma = Some((at, self.pos));
                }
                c if c == closing => {}
                _ => return Err(Bail),
            }
        }
        let end = self.pos;
        self.pos += 1;
        let spaced = self.skip_spaces() > 0;
        if self.peek() == b'#' {
            if !spaced {
                return Err(Bail);
            }
            self.skip_comment();
        }
        // saphyr-parser ends a flow mapping with a trailing comma at that comma.
        let (from, to) = match comma {
            Some(comma) if mapping => comma,
            _ => (end, self.pos),
        };
        self.emit(close, from, to)?;
        self.close();
        Ok(())
    }

    /// One value inside a flow collection.
    fn flow_node(&mut self) -> Scan<()> {
        match self.peek() {
            b'[' | b'{' => self.flow_collection(),
            _ => {
                let scalar = self.inline_scalar(true)?;
                self.emit_scalar(scalar)
            }
        }
    }

    /// `key: value` (or `key:`) inside a flow mapping.
    fn flow_entry(&mut self) -> Scan<()> {
        if matches!(self.peek(), b'[' | b'{') {
            return Err(Bail);
        }
        let key = self.inline_scalar(true)?;
        self.emit_scalar(key)?;
        self.skip_spaces();
        // `{a}` and `{"a":b}` are valid YAML, and left to saphyr-parser.
        if self.peek() != b':' || !matches!(self.at(self.pos + 1), b' ' | b',' | b'}') {
            return Err(Bail);
        }
        let colon = self.pos;
        self.pos += 1;
        self.skip_spaces();
        match self.peek() {
            b',' | b'}' => self.emit_empty(colon),
            _ => self.flow_node(),
        }
    }
}

/// Bytes that may end a plain scalar's word: a space, a line feed, a `:`; in flow, also the
/// flow indicators.
const STOPS: u8 = 1;
const STOPS_IN_FLOW: u8 = 3;

const CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    class[b' ' as usize] = STOPS;
    class[b'\n' as usize] = STOPS;
    class[b':' as usize] = STOPS;
    let mut i = 0;
    let flow = *b",[]{}";
    while i < flow.len() {
        class[flow[i] as usize] = STOPS_IN_FLOW & !STOPS;
        i += 1;
    }
    class
};

fn is_flow(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// A quoted scalar's text: borrowed when it held no escape.
fn finish<'a>(owned: Option<String>, last: &'a str) -> Cow<'a, str> {
    match owned {
        Some(mut text) => {
            text.push_str(last);
            Cow::Owned(text)
        }
        None => Cow::Borrowed(last),
    }
}

fn push_breaks(text: &mut String, breaks: usize) {
    for _ in 0..breaks {
        text.push('\n');
    }
}

/// A double-quoted escape (the bytes after its `\`): the character and how many bytes it
/// takes; `None` for one YAML does not know (saphyr-parser reports it) and for an escaped line
/// break (a scalar over two lines).
fn escape(after: &[u8]) -> Option<(char, usize)> {
    let c = match *after.first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b't' => '\t',
        b'n' => '\n',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b' ' => ' ',
        b'"' => '"',
        b'/' => '/',
        b'\\' => '\\',
        b'N' => '\u{85}',
        b'_' => '\u{a0}',
        b'L' => '\u{2028}',
        b'P' => '\u{2029}',
        b'x' => return hex(after, 2),
        b'u' => return hex(after, 4),
        b'U' => return hex(after, 8),
        _ => return None,
    };
    Some((c, 1))
}

/// `\xHH`, `\uHHHH`, `\UHHHHHHHH`: exactly `digits` hexadecimal digits naming a character.
fn hex(after: &[u8], digits: usize) -> Option<(char, usize)> {
    let code = after.get(1..=digits)?;
    let mut value = 0u32;
    for &b in code {
        value = (value << 4) | char::from(b).to_digit(16)?;
    }
    Some((char::from_u32(value)?, 1 + digits))
}

/// Whether the fast path reads `text` (`Ok(true)`) or leaves it to saphyr-parser
/// (`Ok(false)`); `Err` names the first difference when it reads a document otherwise than
/// saphyr-parser does, or reads one that saphyr-parser refuses.
pub(crate) fn agrees(text: &str) -> Result<bool, String> {
    let file = SourceFile::new(std::path::Path::new("agree.yaml"), text.to_string());
    if events(&file.text).is_none() {
        return Ok(false);
    }
    let (ours, our_findings) = all_events(Events::new(&file));
    let (theirs, (fatal, notes)) = all_events(Events::saphyr(&file));
    if let Some(fatal) = fatal {
        return Err(format!(
            "the fast path reads a document saphyr-parser refuses: {} ({:?})",
            fatal.message,
            fatal.span()
        ));
    }
    if let Some(note) = notes.first() {
        return Err(format!("saphyr-parser notes: {}", note.message));
    }
    if our_findings.0.is_some() || !our_findings.1.is_empty() {
        return Err("the fast path's stream has findings".to_string());
    }
    let count = ours.len().max(theirs.len());
    for i in 0..count {
        if ours.get(i) != theirs.get(i) {
            return Err(format!(
                "event {i}: the fast path gives {:?}, saphyr-parser {:?}",
                ours.get(i),
                theirs.get(i)
            ));
        }
    }
    Ok(true)
}

type Findings = (
    Option<crate::diag::Diagnostic>,
    Vec<crate::diag::Diagnostic>,
);

fn all_events(mut events: Events<'_>) -> (Vec<Event<'_>>, Findings) {
    let mut all = Vec::new();
    loop {
        let event = events.next_event();
        if event.token == Token::End {
            break;
        }
        all.push(event);
    }
    (all, events.into_findings())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Option<Vec<String>> {
        let events = events(text)?;
        Some(
            events
                .iter()
                .map(|e| {
                    let at = format!("{}..{}", e.span.offset, e.span.end());
                    match &e.token {
                        Token::Scalar(t, s) => format!("{t:?}/{s:?}@{at}"),
                        other => format!("{other:?}@{at}"),
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn a_mapping_with_a_flow_list() {
        assert_eq!(
            shown("a: b\nc: [x, \"y\" ] # z\n").unwrap(),
            [
                "MapStart@0..0",
                "\"a\"/Plain@0..1",
                "\"b\"/Plain@3..4",
                "\"c\"/Plain@5..6",
                "SeqStart@8..9",
                "\"x\"/Plain@9..10",
                "\"y\"/Quoted@12..16",
                "SeqEnd@16..21",
                "MapEnd@22..22",
            ]
        );
    }

    #[test]
    fn plain_scalars_are_borrowed() {
        let events = events("navn: Søren Møller\n").unwrap();
        assert!(matches!(
            &events[2].token,
            Token::Scalar(Cow::Borrowed("Søren Møller"), Style::Plain)
        ));
    }

    #[test]
    fn what_it_does_not_read_goes_to_saphyr() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: b\n  c\n",
            "a: \"b\n  c\"\n",
            "? a\n: b\n",
            "a:\tb\n",
            "a: b\r\n",
            "a: [b,\n  c]\n",
            "a: |2\n   x\n",
            "a: \"\\q\"\n",
            "",
            "# only a comment\n",
            "just text\n",
            "a: b: c\n",
            "a: {b}\n",
        ] {
            assert!(events(text).is_none(), "{text:?}");
        }
    }

    /// Documents whose spans and texts follow saphyr-parser's less obvious rules.
    #[test]
    fn odd_spans_agree_with_saphyr() {
        for text in [
            // A flow mapping with a trailing comma ends at the comma.
            "a: {b: c ,}\n",
            "a: [b ,]\n",
            // An empty value sits at its `:`, an empty item after its `- ` and comment.
            "a:\nb:  # c\nc:\n- # d\n-\n- e\n",
            // A quoted scalar takes the spaces and comment after it.
            "\"a\"  : 'b' # c\n",
            // Block scalars: folding, more indented lines, chomping, the end of the file.
            "a: >-\n  b\n  c\n\n  d\n   e\n  f\nb: |+\n  x\n\n\nc: 1\n",
            "a: >\n\n  b\n \n  c\n",
            "- |\n  x\n  ",
            "- >-\n    x\n  # not content\n- y",
            // Indentless and compact sequences, nested ones.
            "a:\n- b: 1\n  c:\n  - d\n- - e\n  - f\ng: h\n",
        ] {
            assert_eq!(agrees(text), Ok(true), "{text:?}");
        }
    }

    /// Texts near the edges of what the fast path reads: it agrees or leaves them alone.
    #[test]
    fn edges_agree_or_go_to_saphyr() {
        let long = "k".repeat(1100);
        let deep = (0..40).fold(String::from("x"), |inner, _| format!("[{inner}]"));
        let nested: String = (0..40).map(|i| format!("{}a:\n", " ".repeat(i))).collect();
        for text in [
            format!("a: {{{long}: b}}\n"),
            format!("{long}: b\n"),
            format!("- {long}: b\n"),
            format!("a: {long}\n"),
            format!("a: {deep}\n"),
            nested,
            "a: b\u{7f}c\n".to_string(),
            "a: b\u{85}c\n".to_string(),
            "a: \u{a0}b\n".to_string(),
            "a: b\u{2028}c\n".to_string(),
            "a: b\n...\n".to_string(),
            "a: b\n... # end\n".to_string(),
            "a: '\u{85}'\n".to_string(),
            "a:  \nb: c\n".to_string(),
            "- a\n -b\n".to_string(),
            "a: -\n".to_string(),
            "a: [-]\n".to_string(),
            "a: [a-, -b]\n".to_string(),
            "a: {b: [c, {d: e}], f: }\n".to_string(),
            "a: b:c\n".to_string(),
            "a: [b:c, d: e]\n".to_string(),
            "a: x #\n".to_string(),
            "a: \"x\"#c\n".to_string(),
        ] {
            assert!(agrees(&text).is_ok(), "{text:?}: {:?}", agrees(&text));
        }
    }

    #[test]
    fn escapes() {
        assert_eq!(escape(b"x41"), Some(('A', 3)));
        assert_eq!(escape(b"u00e6"), Some(('æ', 5)));
        assert_eq!(escape(b"ud800"), None);
        assert_eq!(escape(b"U0001F600"), Some(('😀', 9)));
        assert_eq!(escape(b"q"), None);
    }
}
