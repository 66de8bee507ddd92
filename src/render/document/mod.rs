//! The rollekatalog as a document to hand out: one outline built from the resolved catalog
//! (`build.rs`, the model in `outline.rs`), rendered as Markdown, HTML and, through the HTML,
//! PDF; the JSON is the resolved catalog itself, for programs. The renderers only render: no
//! section, sentence or table is made anywhere but in the outline.

mod build;
mod html;
mod hyphenate;
mod json;
mod markdown;
mod outline;
pub(crate) mod pdf;
mod sink;
mod svg;
#[cfg(test)]
mod tests;
mod wording;

use crate::resolve::ResolvedCatalog;
use sink::Sink;
use std::io::{self, Write};

/// The document as Markdown.
pub fn markdown(catalog: &ResolvedCatalog) -> String {
    let document = build::document(catalog);
    sink::to_string(|out| markdown::render(&document, out))
}

/// The document as one self-contained, print-ready HTML file.
pub fn html(catalog: &ResolvedCatalog) -> String {
    let document = build::document(catalog);
    sink::to_string(|out| html::render(&document, out))
}

/// Writes [`markdown`]'s document to `out` as it is rendered.
pub(crate) fn write_markdown(catalog: &ResolvedCatalog, out: &mut dyn Write) -> io::Result<()> {
    stream(catalog, out, markdown::render)
}

/// Writes [`html`]'s page to `out` as it is rendered.
pub(crate) fn write_html(catalog: &ResolvedCatalog, out: &mut dyn Write) -> io::Result<()> {
    stream(catalog, out, html::render)
}

/// The catalog's document rendered by `render` straight into `out`.
fn stream(
    catalog: &ResolvedCatalog,
    out: &mut dyn Write,
    render: fn(&outline::Document, &mut Sink),
) -> io::Result<()> {
    let document = build::document(catalog);
    let mut sink = Sink::new(out);
    render(&document, &mut sink);
    sink.finish()
}

/// The resolved catalog as JSON, pretty-printed, with a final newline.
pub fn json(catalog: &ResolvedCatalog) -> std::io::Result<String> {
    json::render(catalog)
}

/// The JSON Schema of [`json`]'s output.
pub fn json_schema() -> serde_json::Result<String> {
    json::schema()
}

/// The titles of the chapters that start a new printed page, in order (for tests that read
/// the printed pages back).
pub fn chapter_titles(catalog: &ResolvedCatalog) -> Vec<String> {
    build::document(catalog)
        .chapters
        .into_iter()
        .filter(|c| c.kind == outline::SectionKind::Chapter)
        .map(|c| c.title)
        .collect()
}
