//! Markup safety: every free-text field of a catalog (system, titel, fagområde, a tailored
//! role's navn, effekt, kendetegn, kompetencer, opgaver and ansvar, a KLIK task's id and titel,
//! the `dokument` block's version, author, contact, introduction and change log)
//! filled with HTML and Markdown metacharacters — `<script>`, `</td>`, `|`, `*`, `_`,
//! backticks, links, newlines followed by list, heading and setext markers, `&amp;` — must
//! come out as literal text:
//!
//! - HTML (`rg compile --format html`), parsed with an HTML parser: each value is in the text
//!   exactly as written, and the document has the very same elements as the one made from
//!   plain values (no tag, row, cell or list item more or less);
//! - Markdown (`rg compile`, `rg table --format markdown`), read by a CommonMark parser with
//!   GitHub's tables: the same, so no value can add a table cell, end a row, start a list or a
//!   heading, or turn into emphasis, code or raw HTML.

use pulldown_cmark::{Options, Parser};
use rollegalleri::api::{self, Checker, FileKind, Level, ResolvedCatalog, SourceFile};
use scraper::{ElementRef, Html, Selector};
use std::path::Path;

/// A valid catalog with a placeholder `{F00}` … for every free-text field.
const TEMPLATE: &str = r#"system: {F00}
titel: {F01}
galleri: "1.6"
fagomraade: {F02}
dokument:
  version: {F12}
  dato: 2026-11-30
  status: hoering
  udarbejdet_af: {F13}
  kontakt: {F14}
  indledning: {F15}
  aendringer:
    - {version: {F16}, dato: 2026-11-30, tekst: {F17}}
spoc:
  opvarmning: kombit-programleder
  fase-1: projektejer
  fase-2: projektleder
  fase-3: projektleder
  fase-4: systemansvarlig
roller:
  - rolle: kombit-programleder
    status: {opvarmning: obligatorisk}
  - rolle: projektejer
    status: {opvarmning: obligatorisk, fase-1: obligatorisk}
    personsammenfald: {anbefalet: [systemejer]}
  - rolle: projektleder
    status: {fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}
  - rolle: superbruger
    navn: {F03}
    effekt: {F04}
    kendetegn: {F05}
    kompetencer: [{F06}, {F07}]
    opgaver:
      - {tekst: {F08}, implementering: true, drift_og_forvaltning: betinget}
    ansvar:
      - {tekst: {F09}, implementering: false, drift_og_forvaltning: true}
    status: {fase-2: anbefalet, fase-3: obligatorisk, fase-4: obligatorisk}
  - rolle: systemejer
    status: {fase-3: obligatorisk, fase-4: obligatorisk}
  - rolle: systemansvarlig
    status: {fase-4: obligatorisk}
klik_opgaver:
  - id: {F10}
    titel: {F11}
    tema: projektstyring-og-ledelse
    fase: fase-1
    ansvarlig: projektejer
    udfoerer: [projektleder, superbruger]
    involverede: [kombit-programleder, systemejer, systemansvarlig]
"#;

const FIELDS: usize = 18;

/// Odd fields start with what opens a Markdown block when it starts a line.
fn hostile(i: usize) -> String {
    let start = ["F", "- F", "1. F", "    F", "+ F", "--- F"][i % 6];
    format!(
        "{start}{i:02} <script>alert({i})</script> </td></tr> | a | *em* _u_ `code` [link](http://x) \
         &amp; &lt; \"q\" 'a' \\ <b>b</b>\n- item\n1. num\n===\n# heading\n    indented\n> quote end{i}"
    )
}

fn plain(i: usize) -> String {
    format!("Felt {i:02}")
}

/// A YAML double-quoted scalar (a JSON string is one; these values have no DEL or C1).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn catalog_with(value: impl Fn(usize) -> String) -> (ResolvedCatalog, Vec<String>) {
    let values: Vec<String> = (0..FIELDS).map(value).collect();
    let mut yaml = TEMPLATE.to_string();
    for (i, v) in values.iter().enumerate() {
        yaml = yaml.replace(&format!("{{F{i:02}}}"), &quoted(v));
    }
    assert!(!yaml.contains("{F"), "a placeholder is left");
    let file = SourceFile::new(Path::new("catalogs/markup.yaml"), yaml);
    let checker = Checker::embedded();
    let errors: Vec<String> = checker
        .check_as(file.clone(), FileKind::Catalog)
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(|d| format!("{}: {}", d.code(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let catalog = checker.resolve_anyway(&api::read_catalog(&file).unwrap());
    (catalog, values)
}

/// Whitespace runs as one space: newlines in a value may be shown as spaces or line breaks.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document's elements in order, line breaks left out (a newline in a value may become
/// `<br>`, and the figure sets a long name on more lines, each a `<tspan>`), each with its
/// attributes' names.
fn shape(document: &Html) -> Vec<String> {
    document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| !matches!(e.value().name(), "br" | "tspan"))
        .map(|e| {
            let mut attrs: Vec<&str> = e.value().attrs().map(|(name, _)| name).collect();
            attrs.sort();
            format!("{}[{}]", e.value().name(), attrs.join(","))
        })
        .collect()
}

/// The document's text as a reader sees it: a line break reads as a space, and a soft hyphen
/// (a place a long word may break) is not seen.
fn text_of(document: &Html) -> String {
    let mut text = String::new();
    for node in document.root_element().descendants() {
        match node.value() {
            scraper::Node::Text(t) => text.push_str(&t.replace('\u{ad}', "")),
            scraper::Node::Element(e) if e.name() == "br" => text.push(' '),
            _ => {}
        }
    }
    normalized(&text)
}

/// The same elements as the plain document, and every value there as literal text.
fn assert_literal(kind: &str, hostile_doc: &Html, plain_doc: &Html, values: &[String]) {
    let (hostile_shape, plain_shape) = (shape(hostile_doc), shape(plain_doc));
    if hostile_shape != plain_shape {
        let first = hostile_shape
            .iter()
            .zip(&plain_shape)
            .position(|(a, b)| a != b)
            .unwrap_or(hostile_shape.len().min(plain_shape.len()));
        panic!(
            "{kind}: a value changed the document's structure at element {first}: {:?} where \
             plain values give {:?}",
            hostile_shape.get(first..(first + 5).min(hostile_shape.len())),
            plain_shape.get(first..(first + 5).min(plain_shape.len())),
        );
    }
    let text = text_of(hostile_doc);
    for value in values {
        assert!(
            text.contains(&normalized(value)),
            "{kind}: `{value}` is not in the text as written"
        );
    }
    let select = |css: &str| Selector::parse(css).unwrap();
    assert_eq!(
        hostile_doc.select(&select("script, b")).count(),
        0,
        "{kind}"
    );
}

fn markdown_document(markdown: &str) -> Html {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    Html::parse_document(&html)
}

/// Every row of every table has as many cells as its header.
fn tables_keep_their_columns(kind: &str, document: &Html) {
    let rows = Selector::parse("tr").unwrap();
    let cells = Selector::parse("th, td").unwrap();
    let tables = Selector::parse("table").unwrap();
    for table in document.select(&tables) {
        let counts: Vec<usize> = table
            .select(&rows)
            .filter(|row| row.value().attr("class") != Some("group"))
            .map(|row| row.select(&cells).count())
            .collect();
        assert!(
            counts.windows(2).all(|w| w[0] == w[1]),
            "{kind}: a table's rows have {counts:?} cells"
        );
    }
}

#[test]
fn every_value_is_literal_text_in_html() {
    let (hostile_catalog, values) = catalog_with(hostile);
    let (plain_catalog, _) = catalog_with(plain);
    let hostile_doc = Html::parse_document(&api::compile_html(&hostile_catalog));
    let plain_doc = Html::parse_document(&api::compile_html(&plain_catalog));
    assert_literal("html", &hostile_doc, &plain_doc, &values);
    tables_keep_their_columns("html", &hostile_doc);
}

#[test]
fn every_value_is_literal_text_in_markdown() {
    let (hostile_catalog, values) = catalog_with(hostile);
    let (plain_catalog, _) = catalog_with(plain);
    let hostile_doc = markdown_document(&api::compile_markdown(&hostile_catalog));
    let plain_doc = markdown_document(&api::compile_markdown(&plain_catalog));
    assert_literal("markdown", &hostile_doc, &plain_doc, &values);
    tables_keep_their_columns("markdown", &hostile_doc);
}

#[test]
fn the_markdown_table_keeps_its_columns() {
    let (hostile_catalog, _) = catalog_with(hostile);
    let (plain_catalog, _) = catalog_with(plain);
    let hostile_doc = markdown_document(&api::table(&hostile_catalog, "markdown", 0));
    let plain_doc = markdown_document(&api::table(&plain_catalog, "markdown", 0));
    // The table shows role names: the tailored superbruger's is hostile.
    assert_literal(
        "table",
        &hostile_doc,
        &plain_doc,
        &[hostile_catalog.roller[3].navn.clone()],
    );
    tables_keep_their_columns("table", &hostile_doc);
}

/// `rg diff --format markdown`, the diff to share: the municipality, the system, the people's
/// names and a SPOC id from a catalog that was never checked (`rg diff` reads catalogs as they
/// are) stay text too.
#[test]
fn every_value_is_literal_text_in_the_diff_markdown() {
    let render = |value: &dyn Fn(usize) -> String| {
        let mut catalog_yaml = TEMPLATE.to_string();
        for i in 0..FIELDS {
            catalog_yaml = catalog_yaml.replace(&format!("{{F{i:02}}}"), &quoted(&value(i)));
        }
        // The SPOC of fase-3 is written as nothing in the gallery is called.
        catalog_yaml = catalog_yaml.replace(
            "  fase-3: projektleder",
            &format!("  fase-3: {}", quoted(&value(20))),
        );
        let catalog_file = SourceFile::new(Path::new("catalogs/markup.yaml"), catalog_yaml);
        let catalog = api::read_catalog(&catalog_file).unwrap();
        let appointments_yaml = format!(
            "kommune: {}\npersoner:\n  a: {{navn: {}, email: a@b.dk, samtykke: true}}\n  b: {{navn: {}}}\n\
             systemer:\n  - system: {}\n    fase: fase-3\n    udpegninger:\n      projektleder: [a, b]\n      superbruger: [b]\n",
            quoted(&value(21)),
            quoted(&value(22)),
            quoted(&value(23)),
            quoted(&value(0)),
        );
        let file = SourceFile::new(Path::new("examples/markup.yaml"), appointments_yaml);
        let diff = Checker::embedded().diff_unchecked(vec![(catalog_file, catalog)], vec![file]);
        assert_eq!(diff.municipalities()[0].systemer.len(), 1);
        diff.markdown()
    };
    let hostile_markdown = render(&hostile);
    // A SPOC id with a backtick cannot be a code span; plain text with one is shown the same way.
    let plain_markdown = render(&|i| match i {
        20 => "Felt `20`".to_string(),
        i => plain(i),
    });
    let values: Vec<String> = [0, 20, 21, 22, 23].into_iter().map(hostile).collect();
    assert_literal(
        "diff markdown",
        &markdown_document(&hostile_markdown),
        &markdown_document(&plain_markdown),
        &values,
    );
    tables_keep_their_columns("diff markdown", &markdown_document(&hostile_markdown));
}
