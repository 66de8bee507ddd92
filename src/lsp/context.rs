//! What the cursor is on: the path of keys and list items from the document's root to the
//! scalar under the cursor, read from the YAML event stream into a small tree. A document being
//! typed often does not parse where the cursor is (`  projektl` under a mapping has no `:` yet,
//! `rolle: ` has no value): the word at the cursor is then completed in a copy of the text
//! (a placeholder, a `:`) and that copy is read; when even that does not parse, the path comes
//! from the lines' indentation.

use crate::diag::{ByteSpan, SourceFile};
use crate::yaml::{Events, Token};
use std::path::Path;
use std::sync::Arc;

/// A step from a node to one inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// Whether the cursor is on a mapping's key or on a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    Key,
    Value,
}

/// The scalar under the cursor: where it is in the document and in the text.
#[derive(Clone, Debug)]
pub(crate) struct At {
    /// From the root to the scalar: for a key, the path ends with that key; for a value, with
    /// the key or index it is under.
    pub(crate) path: Vec<Step>,
    pub(crate) place: Place,
    /// The word under the cursor in the text (empty when nothing is written yet).
    pub(crate) word: ByteSpan,
    pub(crate) text: String,
}

#[cfg(test)]
impl At {
    /// The path as keys, an item written `*`: `roller.*.rolle`.
    pub(crate) fn dotted(&self) -> String {
        let steps: Vec<&str> = self
            .path
            .iter()
            .map(|step| match step {
                Step::Key(key) => key.as_str(),
                Step::Index(_) => "*",
            })
            .collect();
        steps.join(".")
    }
}

/// A document read as a tree of scalars, mappings and lists, with spans.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Scalar(String, ByteSpan),
    Map(Vec<(Node, Node)>, ByteSpan),
    Seq(Vec<Node>, ByteSpan),
}

impl Node {
    pub(crate) fn span(&self) -> ByteSpan {
        match self {
            Node::Scalar(_, span) | Node::Map(_, span) | Node::Seq(_, span) => *span,
        }
    }

    /// The node at a path.
    pub(crate) fn get(&self, path: &[Step]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        let next = match (self, first) {
            (Node::Map(entries, _), Step::Key(wanted)) => entries
                .iter()
                .find(|(key, _)| matches!(key, Node::Scalar(k, _) if k == wanted))
                .map(|(_, value)| value),
            (Node::Seq(items, _), Step::Index(i)) => items.get(*i),
            _ => None,
        }?;
        next.get(rest)
    }

    /// The text of the scalar at a path.
    pub(crate) fn text(&self, path: &[Step]) -> Option<&str> {
        match self.get(path)? {
            Node::Scalar(text, _) => Some(text),
            _ => None,
        }
    }

    /// The keys of the mapping at a path, with their spans.
    pub(crate) fn keys(&self, path: &[Step]) -> Vec<(&str, ByteSpan)> {
        match self.get(path) {
            Some(Node::Map(entries, _)) => entries
                .iter()
                .filter_map(|(key, _)| match key {
                    Node::Scalar(text, span) => Some((text.as_str(), *span)),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A document's tree as far as it parses (a syntax error ends every open node there).
pub(crate) fn tree(text: &str) -> Option<Node> {
    let file = SourceFile::new(Path::new("lsp.yaml"), text.to_string());
    let mut events = Events::new(&file);
    let first = events.next_event();
    build(&mut events, first.token, first.span, text.len())
}

fn build(
    events: &mut Events<'_>,
    token: Token<'_>,
    span: ByteSpan,
    end_of_text: usize,
) -> Option<Node> {
    match token {
        Token::Scalar(text, _) => Some(Node::Scalar(text.into_owned(), span)),
        Token::MapStart => {
            let mut entries = Vec::new();
            let mut key: Option<Node> = None;
            let end = loop {
                let event = events.next_event();
                match event.token {
                    Token::MapEnd => break event.span.offset,
                    Token::End => break end_of_text,
                    token => {
                        let node = build(events, token, event.span, end_of_text)?;
                        match key.take() {
                            None => key = Some(node),
                            Some(k) => entries.push((k, node)),
                        }
                    }
                }
            };
            let end = entries
                .last()
                .map_or(end, |(_, value): &(Node, Node)| value.span().end().max(end));
            Some(Node::Map(entries, ByteSpan::new(span.offset, end)))
        }
        Token::SeqStart => {
            let mut items = Vec::new();
            let end = loop {
                let event = events.next_event();
                match event.token {
                    Token::SeqEnd => break event.span.end(),
                    Token::End => break end_of_text,
                    token => items.push(build(events, token, event.span, end_of_text)?),
                }
            };
            Some(Node::Seq(items, ByteSpan::new(span.offset, end)))
        }
        Token::MapEnd | Token::SeqEnd | Token::End => None,
    }
}

/// The scalar whose span holds the offset (its end included), and its path.
fn find(node: &Node, offset: usize, path: &mut Vec<Step>) -> Option<(Place, ByteSpan)> {
    let holds = |span: ByteSpan| span.offset <= offset && offset <= span.end();
    match node {
        Node::Scalar(_, span) if holds(*span) => Some((Place::Value, *span)),
        Node::Scalar(..) => None,
        Node::Map(entries, _) => entries.iter().find_map(|(key, value)| {
            let Node::Scalar(name, key_span) = key else {
                return None;
            };
            path.push(Step::Key(name.clone()));
            if holds(*key_span) {
                return Some((Place::Key, *key_span));
            }
            let found = find(value, offset, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
        Node::Seq(items, _) => items.iter().enumerate().find_map(|(i, item)| {
            path.push(Step::Index(i));
            let found = find(item, offset, path);
            if found.is_none() {
                path.pop();
            }
            found
        }),
    }
}

/// What the cursor at `offset` is on, and the document's tree when it parses.
pub(crate) fn at(file: &Arc<SourceFile>, offset: usize) -> (Option<At>, Option<Node>) {
    let text = &file.text;
    let offset = crate::diag::floor_char_boundary(text, offset.min(text.len()));
    let word = word_at(text, offset);
    let tree = tree(text);
    // A word alone on its line is a key being typed, though YAML reads it as the value of the
    // key above (`udpegninger:` and below it `projektl`).
    let alone = line_of(text, offset).trim() == &text[word.offset..word.end()] && word.len > 0;
    let found = tree.as_ref().filter(|_| !alone);
    if let Some(found) = found.and_then(|t| at_in(t, text, offset, word)) {
        return (Some(found), tree);
    }
    if let Some(found) = completed(text, offset, word) {
        return (Some(found), tree);
    }
    (from_lines(text, offset, word), tree)
}

/// The line an offset is on, without its line break.
fn line_of(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// The non-empty scalar under the cursor in a tree.
fn at_in(tree: &Node, text: &str, offset: usize, word: ByteSpan) -> Option<At> {
    let mut path = Vec::new();
    let (place, span) = find(tree, offset, &mut path)?;
    if span.len == 0 {
        return None;
    }
    let written = text.get(span.offset..span.end()).unwrap_or_default();
    let quoted = written.starts_with(['"', '\'']);
    let word = if quoted { word } else { span };
    Some(At {
        path,
        place,
        word,
        text: text[word.offset..word.end()].to_string(),
    })
}

/// The placeholder written at the cursor in a copy of the text, so that a value or key still
/// being typed parses as one.
const PLACEHOLDER: &str = "rgcursor";

/// Reads a copy of the text with the word at the cursor completed: a placeholder where nothing
/// is written yet, a `:` after a word that starts a line of a mapping without one.
fn completed(text: &str, offset: usize, word: ByteSpan) -> Option<At> {
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = line_of(text, offset);
    let before = text[line_start..word.offset].trim_start();
    let bare = before.is_empty() && !line.contains(':') && !line.trim_start().starts_with('-');
    let mut copy = String::with_capacity(text.len() + PLACEHOLDER.len() + 1);
    copy.push_str(&text[..word.end()]);
    if word.len == 0 {
        copy.push_str(PLACEHOLDER);
    }
    if bare {
        copy.push(':');
    }
    copy.push_str(&text[word.end()..]);
    let tree = tree(&copy)?;
    let mut path = Vec::new();
    let (place, _) = find(&tree, word.offset, &mut path)?;
    Some(At {
        path,
        place,
        word,
        text: text[word.offset..word.end()].to_string(),
    })
}

/// The path from the lines' indentation, for a document that does not parse: the keys of the
/// lines above that are less indented, an item for each `- ` on the way.
fn from_lines(text: &str, offset: usize, word: ByteSpan) -> Option<At> {
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let current = &text[line_start..offset];
    let (mut limit, own_key, place) = line_shape(current);
    let mut path: Vec<Step> = Vec::new();
    if let Some(key) = own_key.filter(|_| place == Place::Value) {
        path.push(Step::Key(key));
    }
    if current.trim_start().starts_with("- ") && place == Place::Value {
        path.push(Step::Index(0));
        limit = current.len() - current.trim_start().len();
    }
    for line in text[..line_start].lines().rev() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if indent >= limit {
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            let key_indent = indent + 2;
            if key_indent < limit
                && let Some((key, rest)) = item.split_once(':')
                && rest.trim().is_empty()
            {
                path.push(Step::Key(key.trim().to_string()));
            }
            path.push(Step::Index(0));
        } else if let Some((key, _)) = trimmed.split_once(':') {
            path.push(Step::Key(key.trim().trim_matches('"').to_string()));
        }
        limit = indent;
        if indent == 0 {
            break;
        }
    }
    path.reverse();
    if place == Place::Key {
        path.push(Step::Key(text[word.offset..word.end()].to_string()));
    }
    Some(At {
        path,
        place,
        word,
        text: text[word.offset..word.end()].to_string(),
    })
}

/// A line up to the cursor: the indentation its key has, its key, and whether the cursor is
/// on the key or after it.
fn line_shape(line: &str) -> (usize, Option<String>, Place) {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let content = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let key_indent = indent + (trimmed.len() - content.len());
    match content.split_once(':') {
        Some((key, _)) => (
            key_indent,
            Some(key.trim().trim_matches('"').to_string()),
            Place::Value,
        ),
        None => (key_indent, None, Place::Key),
    }
}

/// The word around an offset: letters, digits and `-`, `_`, `.`, `@` (ids, phases, keys).
pub(crate) fn word_at(text: &str, offset: usize) -> ByteSpan {
    let part = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@');
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| part(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = text[offset..]
        .char_indices()
        .find(|(_, c)| !part(*c))
        .map_or(text.len(), |(i, _)| offset + i);
    ByteSpan::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_cursor(marked: &str) -> At {
        let offset = marked.find('|').unwrap();
        let text = marked.replace('|', "");
        let file = SourceFile::new(Path::new("a.yaml"), text);
        at(&file, offset).0.expect("something at the cursor")
    }

    #[test]
    fn values_keys_and_items_of_a_parsed_document() {
        let text = "roller:\n  - rolle: projekt|leder\n    status: {fase-1: obligatorisk}\n";
        let found = at_cursor(text);
        assert_eq!(found.dotted(), "roller.*.rolle");
        assert_eq!(found.place, Place::Value);
        assert_eq!(found.text, "projektleder");
        let found = at_cursor("roller:\n  - rolle: x\n    status: {fase-1: obl|}\n");
        assert_eq!(found.dotted(), "roller.*.status.fase-1");
        let found = at_cursor("roller:\n  - rolle: x\n    sta|tus: {}\n");
        assert_eq!(
            (found.dotted().as_str(), found.place),
            ("roller.*.status", Place::Key)
        );
        let found = at_cursor("klik_opgaver:\n  - udfoerer: [a, tr|]\n");
        assert_eq!(found.path[2], Step::Key("udfoerer".into()));
        assert_eq!(found.path[3], Step::Index(1));
        assert_eq!(found.text, "tr");
    }

    #[test]
    fn what_is_still_being_typed() {
        let found = at_cursor("spoc:\n  fase-1: |\nroller: []\n");
        assert_eq!(
            (found.dotted().as_str(), found.place),
            ("spoc.fase-1", Place::Value)
        );
        assert_eq!(found.word.len, 0);
        let found = at_cursor("systemer:\n  - system: SAPA\n    udpegninger:\n      projektl|\n");
        assert_eq!(found.dotted(), "systemer.*.udpegninger.projektl");
        assert_eq!(found.place, Place::Key);
        assert_eq!(found.text, "projektl");
    }

    #[test]
    fn a_document_that_does_not_parse_falls_back_to_its_lines() {
        let found = at_cursor("spoc: [\nroller:\n  - rolle: proj|\n    status: {\n");
        assert_eq!(found.dotted(), "roller.*.rolle");
        assert_eq!(found.text, "proj");
    }
}
