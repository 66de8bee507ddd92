//! Typed YAML parsing with budgets, and the translation of parser errors into diagnostics.

use crate::diagnostic::{ByteSpan, Diagnostic, SourceFile};
use crate::rules::yaml;
use crate::suggest;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::options::{AliasLimits, DuplicateKeyPolicy};
use serde_saphyr::{Budget, Error, Location, Options};
use std::sync::Arc;

/// Deepest nesting accepted; the formats need 6 levels, so 64 leaves room for odd but valid files.
pub const MAX_DEPTH: usize = 64;
/// Alias replays accepted per file; real files use none, a "billion laughs" file needs millions.
pub const MAX_ALIAS_EVENTS: usize = 10_000;
/// Uses of aliases (`*name`) accepted per file (from 100 on, at most 10 per anchor).
pub const MAX_ALIASES: usize = 1_000;
/// Aliases replayed inside replays (an internal guard: anchors hold their aliases expanded).
pub const MAX_ALIAS_NESTING: usize = 16;
/// Values (scalars, sequences, mappings) per file; a 10 MiB catalog has about 300,000.
pub const MAX_NODES: usize = 1_000_000;
/// Parser events per file (a backstop: the value limit is met first).
pub const MAX_EVENTS: usize = 4_000_000;

fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    budget.max_aliases = MAX_ALIASES;
    let mut aliases = AliasLimits::default();
    aliases.max_total_replayed_events = MAX_ALIAS_EVENTS;
    aliases.max_replay_stack_depth = MAX_ALIAS_NESTING;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits = aliases;
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.with_snippet = false;
    options
}

/// The keys of a document written as one flow mapping (`{system: x, roller: {…}}`), which a
/// look at the lines cannot find; `None` when it is not a mapping or does not parse.
pub fn flow_mapping_keys(text: &str) -> Option<Vec<String>> {
    let keys: std::collections::BTreeMap<String, serde::de::IgnoredAny> =
        serde_saphyr::from_str_with_options(text, options()).ok()?;
    Some(keys.into_keys().collect())
}

/// Parses a whole file as `T`. Tabs in indentation are refused first: YAML forbids them, and
/// the parser would otherwise read some of them as separation and accept the file.
pub fn parse<T: DeserializeOwned>(file: &Arc<SourceFile>) -> Result<T, Diagnostic> {
    if let Some(empty) = empty_document(file) {
        return Err(empty);
    }
    if let Some(tab) = tab_in_indentation(&file.text) {
        return Err(
            Diagnostic::new(&yaml::SYNTAX, "a tab is used for indentation")
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
    serde_saphyr::from_str_with_options(&file.text, options()).map_err(|error| {
        // The typed parse stops at the first mismatch, which in a bomb, a 10,000-deep document
        // or a broken one comes before the parser reaches the limit or the syntax error; an
        // untyped walk of the whole document finds those, and they are what needs fixing first.
        let error = match serde_saphyr::from_str_with_options::<Walk>(&file.text, options()) {
            Err(walk_error) if is_limit(&walk_error) || is_syntax(&walk_error) => walk_error,
            _ => error,
        };
        translate(file, &error)
    })
}

/// An error of the YAML text itself, as opposed to a value of the wrong shape.
fn is_syntax(error: &Error) -> bool {
    !is_limit(error)
        && matches!(
            describe(error).rule.code,
            "rg::yaml::syntax" | "rg::yaml::duplicate_key"
        )
}

fn is_limit(error: &Error) -> bool {
    match error {
        Error::AliasError { error, .. } => is_limit(error),
        // The parser's own nesting guard ("recursion limit exceeded") has no variant of its own.
        Error::ExternalMessage { msg, .. } => msg.contains("limit exceeded"),
        _ => matches!(
            error,
            Error::Budget { .. }
                | Error::AliasReplayLimitExceeded { .. }
                | Error::AliasExpansionLimitExceeded { .. }
                | Error::AliasReplayStackDepthExceeded { .. }
                | Error::AliasReplayCounterOverflow { .. }
        ),
    }
}

/// Visits every node of a document (expanding aliases), keeping nothing: used to find out
/// whether a document breaks a parser limit.
struct Walk;

impl<'de> serde::Deserialize<'de> for Walk {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Walk, D::Error> {
        deserializer.deserialize_any(WalkVisitor)
    }
}

struct WalkVisitor;

impl<'de> serde::de::Visitor<'de> for WalkVisitor {
    type Value = Walk;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_str<E>(self, _: &str) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_unit<E>(self) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_none<E>(self) -> Result<Walk, E> {
        Ok(Walk)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Walk, D::Error> {
        Walk::deserialize(d)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<Walk, D::Error> {
        Walk::deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Walk, A::Error> {
        while seq.next_element::<Walk>()?.is_some() {}
        Ok(Walk)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Walk, A::Error> {
        while map.next_entry::<Walk, Walk>()?.is_some() {}
        Ok(Walk)
    }
}

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

fn translate(file: &Arc<SourceFile>, error: &Error) -> Diagnostic {
    if let Error::AliasError { error, .. } = error {
        return translate(file, error);
    }
    let diagnostic = if is_limit(error) {
        limit(error)
    } else {
        describe(error)
    };
    match error.location() {
        Some(location) => diagnostic.at(file, span_of(file, &location)),
        None => diagnostic.in_file(file),
    }
}

fn describe(error: &Error) -> Diagnostic {
    match error {
        Error::DuplicateMappingKey { key, .. } => Diagnostic::new(
            &yaml::DUPLICATE_KEY,
            match key {
                Some(key) => format!("duplicate key `{key}`"),
                None => "duplicate key".to_string(),
            },
        )
        .with_help("each key may appear once in a mapping; merge the two entries"),
        Error::SerdeUnknownField {
            field, expected, ..
        } => Diagnostic::new(&yaml::UNKNOWN_FIELD, format!("unknown field `{field}`"))
            .with_help(help_for(field, expected, "known fields")),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => Diagnostic::new(&yaml::INVALID_VALUE, format!("unknown value `{variant}`"))
            .with_help(help_for(variant, expected, "expected one of")),
        Error::SerdeMissingField { field, .. } => {
            Diagnostic::new(&yaml::INVALID_VALUE, format!("missing field `{field}`"))
        }
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        }
        | Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => Diagnostic::new(
            &yaml::INVALID_VALUE,
            format!("invalid value: {unexpected}, expected {expected}"),
        ),
        Error::InvalidScalar { ty, .. } => Diagnostic::new(
            &yaml::INVALID_VALUE,
            format!("invalid value, expected {ty}"),
        ),
        Error::Unexpected { expected, .. } => {
            Diagnostic::new(&yaml::INVALID_VALUE, format!("expected {expected}"))
        }
        Error::NullIntoString { .. } => {
            Diagnostic::new(&yaml::INVALID_VALUE, "empty value, expected text")
        }
        _ => Diagnostic::new(&yaml::SYNTAX, bare_message(error)),
    }
}

fn limit(error: &Error) -> Diagnostic {
    use serde_saphyr::budget::BudgetBreach;
    let what = match error {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => format!("nesting deeper than {MAX_DEPTH} levels"),
            BudgetBreach::Aliases { .. } => {
                format!("more than {MAX_ALIASES} uses of aliases (`*name`)")
            }
            BudgetBreach::AliasAnchorRatio { aliases, anchors } => {
                format!("{aliases} uses of aliases for {anchors} anchors (more than 10 per anchor)")
            }
            BudgetBreach::Nodes { .. } => format!("more than {MAX_NODES} values"),
            BudgetBreach::Events { .. } => format!("more than {MAX_EVENTS} parser events"),
            _ => bare_message(error),
        },
        Error::AliasReplayLimitExceeded { .. } | Error::AliasExpansionLimitExceeded { .. } => {
            format!("more than {MAX_ALIAS_EVENTS} values expanded from aliases")
        }
        Error::AliasReplayStackDepthExceeded { .. } => {
            format!("aliases nested more than {MAX_ALIAS_NESTING} deep")
        }
        // The parser's own guard against deep nesting, met before the budget's.
        Error::ExternalMessage { msg, .. } if msg.contains("recursion limit") => {
            format!("nesting deeper than {MAX_DEPTH} levels")
        }
        _ => bare_message(error),
    };
    Diagnostic::new(
        &yaml::LIMIT,
        format!("the file exceeds a parser limit: {what}"),
    )
    .with_help("a real file stays far below every limit; `rg explain rg::yaml::limit` lists them")
}

/// An empty or comment-only file holds no document to check.
pub fn empty_document(file: &Arc<SourceFile>) -> Option<Diagnostic> {
    only_comments(&file.text).then(|| {
        Diagnostic::new(&yaml::INVALID_VALUE, "the file holds no YAML document")
            .with_help("a gallery role, catalog or appointments file starts with its keys")
            .at(file, ByteSpan { offset: 0, len: 0 })
    })
}

fn only_comments(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---")
}

fn help_for(word: &str, expected: &[&'static str], lead: &str) -> String {
    match suggest::nearest(word, expected.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("{lead}: {}", expected.join(", ")),
    }
}

/// The parser's message without its trailing " at line L, column C".
fn bare_message(error: &Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message,
    }
}

fn span_of(file: &SourceFile, location: &Location) -> ByteSpan {
    let span = location.span();
    let (offset, len) = match (span.byte_offset(), span.byte_len()) {
        (Some(offset), Some(len)) => (offset as usize, len as usize),
        _ => (
            file.offset_of(location.line() as usize, location.column() as usize),
            span.len() as usize,
        ),
    };
    within(&file.text, offset, len)
}

/// A span kept inside the text and on character boundaries: the parser reports an error at
/// the end of the input as one character past it, which no report can point at.
fn within(text: &str, offset: usize, len: usize) -> ByteSpan {
    let mut start = offset.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = offset.saturating_add(len).clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    ByteSpan {
        offset: start,
        len: end - start,
    }
}

/// Converts a value's span into a byte span in its file.
pub fn value_span(file: &SourceFile, location: &Location) -> ByteSpan {
    span_of(file, location)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        rolle: String,
        #[serde(default)]
        antal: Option<u32>,
    }

    fn parse_text(text: &str) -> Result<Doc, Diagnostic> {
        parse(&SourceFile::new(Path::new("t.yaml"), text.to_string()))
    }

    fn code_and_place(text: &str) -> (&'static str, usize, usize) {
        let error = parse_text(text).unwrap_err();
        let position = error.position().unwrap();
        (error.code(), position.line, position.column)
    }

    #[test]
    fn duplicate_key() {
        assert_eq!(
            code_and_place("rolle: a\nrolle: b\n"),
            ("rg::yaml::duplicate_key", 2, 1)
        );
    }

    #[test]
    fn unknown_field_suggests() {
        let error = parse_text("rolle: a\nrole: b\n").unwrap_err();
        assert_eq!(error.code(), "rg::yaml::unknown_field");
        assert_eq!(error.help.as_deref(), Some("did you mean `rolle`?"));
    }

    #[test]
    fn wrong_type_is_invalid_value() {
        assert_eq!(
            code_and_place("rolle: a\nantal: x\n"),
            ("rg::yaml::invalid_value", 2, 8)
        );
    }

    #[test]
    fn empty_and_comment_only_files() {
        assert_eq!(
            parse_text("").unwrap_err().code(),
            "rg::yaml::invalid_value"
        );
        assert_eq!(
            parse_text("# note\n").unwrap_err().code(),
            "rg::yaml::invalid_value"
        );
    }

    #[test]
    fn tab_indentation_is_syntax() {
        assert_eq!(
            code_and_place("rolle: a\n\tantal: 1\n"),
            ("rg::yaml::syntax", 2, 1)
        );
    }

    #[test]
    fn syntax_error_mid_file() {
        let (code, line, _) = code_and_place("rolle: a\nantal: [1, 2\nx: y\n");
        assert!(code == "rg::yaml::syntax" || code == "rg::yaml::invalid_value");
        assert!(line >= 2);
    }

    #[test]
    fn alias_bomb_hits_the_limit() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g"])
        {
            text.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        text.push_str("rolle: *h\n");
        assert_eq!(parse_text(&text).unwrap_err().code(), "rg::yaml::limit");
    }

    #[test]
    fn spans_stay_inside_the_text() {
        assert_eq!(within("ab", 2, 1), ByteSpan { offset: 2, len: 0 });
        assert_eq!(within("ab", 7, 3), ByteSpan { offset: 2, len: 0 });
        assert_eq!(within("æb", 1, 1), ByteSpan { offset: 0, len: 2 });
        assert_eq!(within("aæ", 1, 1), ByteSpan { offset: 1, len: 2 });
    }

    #[test]
    fn deep_nesting_hits_the_limit() {
        let text = format!("rolle: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let e = parse_text(&text).unwrap_err();
        assert_eq!(e.code(), "rg::yaml::limit", "{}", e.message);
    }
}
