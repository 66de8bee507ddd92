//! The catalog as a document (`dokument`): an edition a reader can tell apart from another
//! needs a `version` and a `dato`, and every date in the block is a real `YYYY-MM-DD`.

use super::DOCUMENT_UNVERSIONED;
use crate::date::Date;
use crate::diagnostic::{ByteSpan, Diagnostic, SourceFile};
use crate::model::{Catalog, Dokument};
use crate::rules::yaml::INVALID_VALUE;
use serde_saphyr::Spanned;
use std::sync::Arc;

/// The findings on a catalog's `dokument` block.
pub(super) fn check(file: &Arc<SourceFile>, catalog: &Catalog) -> Vec<Diagnostic> {
    let Some(block) = &catalog.dokument else {
        return vec![absent(file, catalog)];
    };
    let dokument = &block.value;
    let mut found: Vec<Diagnostic> = unversioned(dokument)
        .map(|message| {
            Diagnostic::new(&DOCUMENT_UNVERSIONED, message)
                .with_help(help())
                .at_value(file, block)
        })
        .into_iter()
        .collect();
    let dates = dokument
        .dato
        .iter()
        .chain(dokument.aendringer.iter().filter_map(|a| a.dato.as_ref()));
    found.extend(dates.filter_map(|dato| invalid_date(file, dato)));
    found
}

/// No block at all: the caret goes to the catalog's first key, where the block belongs.
fn absent(file: &Arc<SourceFile>, catalog: &Catalog) -> Diagnostic {
    let found = Diagnostic::new(
        &DOCUMENT_UNVERSIONED,
        "the catalog has no `dokument` block: a reader cannot tell this edition from another",
    )
    .with_help(help());
    match first_key(&file.text) {
        Some(span) => found.at(file, span),
        None => found.at_value(file, &catalog.system),
    }
}

/// What the block lacks, if anything.
fn unversioned(dokument: &Dokument) -> Option<String> {
    match (&dokument.version, &dokument.dato) {
        (Some(_), Some(_)) => None,
        (None, Some(_)) => Some("`dokument` has no `version`".into()),
        (Some(_), None) => Some("`dokument` has no `dato`".into()),
        (None, None) => Some("`dokument` has neither `version` nor `dato`".into()),
    }
}

fn help() -> &'static str {
    "name the edition: `dokument: {version: \"1.0\", dato: YYYY-MM-DD}` (the catalog's own version, not the gallery's)"
}

fn invalid_date(file: &Arc<SourceFile>, dato: &Spanned<String>) -> Option<Diagnostic> {
    Date::parse(&dato.value).is_none().then(|| {
        Diagnostic::new(&INVALID_VALUE, format!("`{}` is not a date", dato.value))
            .with_help("write the date as YYYY-MM-DD, e.g. 2026-11-30")
            .at_value(file, dato)
    })
}

/// The span of the first key of the top-level mapping: the first line that is neither blank,
/// a comment, a document marker nor a directive, past a flow mapping's `{`.
fn first_key(text: &str) -> Option<ByteSpan> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches([' ', '\t', '\u{feff}']);
        if trimmed.trim().is_empty()
            || trimmed.starts_with(['#', '%'])
            || trimmed.starts_with("---")
        {
            continue;
        }
        let key = trimmed.trim_start_matches(['{', ' ', '\t']);
        let len = key.find([':', ',', '}', '\r', '\n']).unwrap_or(key.len());
        let len = key[..len].trim_end().len();
        return (len > 0).then(|| ByteSpan {
            offset: start + (line.len() - key.len()),
            len,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(text: &str) -> Option<&str> {
        first_key(text).map(|s| &text[s.offset..s.offset + s.len])
    }

    #[test]
    fn the_first_key_past_comments_markers_and_braces() {
        assert_eq!(key("# x\n\n---\nsystem: SAPA\n"), Some("system"));
        assert_eq!(key("{system: SAPA, roller: []}"), Some("system"));
        assert_eq!(key("  titel: T\nsystem: X\n"), Some("titel"));
        assert_eq!(key("# only comments\n"), None);
    }

    #[test]
    fn what_the_block_lacks() {
        let mut dokument = Dokument::default();
        assert!(unversioned(&dokument).unwrap().contains("neither"));
        dokument.version = Some(serde_saphyr::from_str("\"1.0\"").unwrap());
        assert_eq!(
            unversioned(&dokument).as_deref(),
            Some("`dokument` has no `dato`")
        );
    }
}
