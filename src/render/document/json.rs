//! The rollekatalog for programs (`rg compile --format json`): the resolved catalog the outline
//! is built from, with every id, and its JSON Schema (`rg compile --schema`), generated from the
//! same types with schemars. A contract: it reads back as the same catalog.

use crate::resolve::ResolvedCatalog;

/// The resolved catalog, pretty-printed, with a final newline.
pub fn render(catalog: &ResolvedCatalog) -> std::io::Result<String> {
    let mut text = crate::printable::json_pretty(catalog)?;
    text.push('\n');
    Ok(text)
}

/// The JSON Schema of [`ResolvedCatalog`], pretty-printed, with a final newline.
pub fn schema() -> serde_json::Result<String> {
    let schema = schemars::schema_for!(ResolvedCatalog);
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    Ok(text)
}
