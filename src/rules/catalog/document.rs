//! The catalog as a document (`dokument`): an edition a reader can tell apart from another
//! needs a `version` and a `dato`, and every date in the block is a real `YYYY-MM-DD`.

use crate::date::Date;
use crate::diag::codes::catalog::DOCUMENT_UNVERSIONED;
use crate::diag::{Diagnostic, SourceFile, Spanned, codes};
use crate::model::{Catalog, Dokument};
use crate::yaml::Doc;
use std::sync::Arc;

/// The findings on a catalog's `dokument` block.
pub(super) fn check(doc: &Doc<Catalog>) -> Vec<Diagnostic> {
    let file = &doc.file;
    let Some(block) = &doc.value.dokument else {
        // A block that could not be read was reported as such.
        if doc.damage.in_field("dokument") {
            return Vec::new();
        }
        return vec![absent(doc)];
    };
    let dokument = &block.value;
    let mut found: Vec<Diagnostic> = unversioned(dokument)
        .filter(|_| !doc.damage.within(block.span))
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
fn absent(doc: &Doc<Catalog>) -> Diagnostic {
    Diagnostic::new(
        &DOCUMENT_UNVERSIONED,
        "the catalog has no `dokument` block: a reader cannot tell this edition from another",
    )
    .with_help(help())
    .at(&doc.file, doc.head)
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
        Diagnostic::new(
            &codes::yaml::INVALID_VALUE,
            format!("`{}` is not a date", dato.value),
        )
        .with_help("write the date as YYYY-MM-DD, e.g. 2026-11-30")
        .at_value(file, dato)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::ByteSpan;

    #[test]
    fn what_the_block_lacks() {
        let mut dokument = Dokument::default();
        assert!(unversioned(&dokument).unwrap().contains("neither"));
        dokument.version = Some(Spanned::new("1.0".to_string(), ByteSpan::default()));
        assert_eq!(
            unversioned(&dokument).as_deref(),
            Some("`dokument` has no `dato`")
        );
    }

    #[test]
    fn a_missing_block_points_at_the_first_key() {
        let file = SourceFile::new(
            std::path::Path::new("c.yaml"),
            "# x\n{system: SAPA, roller: []}\n".to_string(),
        );
        let parsed = crate::yaml::document::<Catalog>(&file);
        let (doc, _) = parsed.into_doc(&file);
        let found = check(&doc.unwrap());
        let span = found[0].span().unwrap();
        assert_eq!(&file.text[span.offset..span.end()], "system");
    }
}
