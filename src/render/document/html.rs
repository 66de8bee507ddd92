//! The outline as one self-contained, print-ready HTML file (`rg compile --format html`, and
//! the page the PDF is printed from): inline CSS, no scripts, no URL; A4 pages with a running
//! footer, chapters on new pages, table headers repeated, the timeline as inline SVG. Every
//! value is escaped, in text, attributes and the stylesheet's footer strings alike.

use super::hyphenate::soft_hyphens;
use super::outline::*;
use super::sink::Sink;
use super::svg;
use crate::model::Phase;
use crate::printable::printable;
use std::fmt::{self, Display, Write};

const CSS: &str = include_str!("print.css");

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    Escaped(text).to_string()
}

/// Text escaped for element content and quoted attribute values, as it is formatted: no
/// String of its own for each of the document's hundred thousand values.
struct Escaped<'a>(&'a str);

impl Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_escaped(f, self.0)
    }
}

fn write_escaped(out: &mut impl Write, text: &str) -> fmt::Result {
    escape_markup(out, &printable(text))
}

/// Text for the page: escaped, with break points in its long words.
struct PageText<'a>(&'a str);

impl Display for PageText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_page_text(f, self.0)
    }
}

fn write_page_text(out: &mut impl Write, text: &str) -> fmt::Result {
    // A soft hyphen is neither a control nor invisible: the hyphenated text is as printable
    // as what it was made from.
    escape_markup(out, &soft_hyphens(&printable(text)))
}

/// Writes `text` with HTML's five markup characters as entities, the runs between them whole.
fn escape_markup(out: &mut impl Write, text: &str) -> fmt::Result {
    let mut rest = text;
    // The five are ASCII: found byte by byte, no character decoded.
    let is_markup = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    while let Some(at) = rest.bytes().position(|b| is_markup(&b)) {
        out.write_str(&rest[..at])?;
        out.write_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        rest = &rest[at + 1..];
    }
    out.write_str(rest)
}

/// A CSS string literal that no text can end or leave: everything but letters, digits, space
/// and a few marks is written as a hexadecimal escape, `<` included (the sheet sits in
/// `<style>`, which `</style>` would close).
fn css_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in crate::printable::printable(value).chars() {
        if c.is_alphanumeric() || matches!(c, ' ' | '.' | ',' | ':' | '-' | '·' | '(' | ')') {
            out.push(c);
        } else {
            let _ = write!(out, "\\{:x} ", c as u32);
        }
    }
    out.push('"');
    out
}

/// The running footer: system, version and date on the left, "side N af M" on the right.
fn footer_css(document: &Document) -> String {
    let font = "font: 7.5pt \"DejaVu Sans\", \"Liberation Sans\", Arial, sans-serif; color: #555;";
    format!(
        "@page {{\n  @bottom-left {{ content: {}; {font} }}\n  \
         @bottom-right {{ content: \"side \" counter(page) \" af \" counter(pages); {font} }}\n}}\n",
        css_string(&document.footer)
    )
}

/// Writes the page into `out`.
pub fn render(document: &Document, out: &mut Sink) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>\n{CSS}{footer}</style>\n</head>\n<body>\n",
        lang = Escaped(document.lang),
        title = Escaped(&document.title),
        footer = footer_css(document),
    );
    title_page(out, document);
    out.push_str("<main>\n");
    for chapter in &document.chapters {
        section(out, chapter);
    }
    out.push_str("</main>\n</body>\n</html>\n");
}

fn title_page(out: &mut Sink, document: &Document) {
    let _ = writeln!(
        out,
        "<header class=\"title-page\">\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>",
        PageText(&document.title),
        PageText(&document.subtitle)
    );
    out.push_str("<table class=\"meta\">\n<tbody>\n");
    for fact in &document.facts {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            PageText(&fact.label),
            Inlines(&fact.value)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(
        "<nav class=\"toc\" aria-labelledby=\"indhold\">\n<h2 id=\"indhold\">Indhold</h2>\n",
    );
    contents(out, &document.contents, false);
    out.push_str("</nav>\n</header>\n");
}

fn contents(out: &mut Sink, entries: &[ContentsEntry], inline: bool) {
    out.push_str(if inline {
        "<ol class=\"inline\">\n"
    } else {
        "<ol>\n"
    });
    for entry in entries {
        let _ = write!(
            out,
            "<li><a href=\"#{}\">{}</a>",
            Escaped(&entry.target),
            PageText(&entry.title)
        );
        if !entry.children.is_empty() {
            out.push('\n');
            contents(out, &entry.children, entry.inline);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

fn section(out: &mut Sink, section: &Section) {
    let class = match section.kind {
        SectionKind::Chapter => " class=\"chapter\"",
        SectionKind::Flowing => "",
        SectionKind::Role => " class=\"role\"",
    };
    let _ = writeln!(out, "<section id=\"{}\"{class}>", Escaped(&section.id));
    // A role's heading, kind, note and facts are kept together, and with what follows.
    let head = match section.kind {
        SectionKind::Role => section
            .blocks
            .iter()
            .take_while(|b| matches!(b, Block::Kind(_) | Block::Note(_) | Block::Facts(_)))
            .count(),
        _ => 0,
    };
    if head > 0 {
        out.push_str("<div class=\"role-head\">\n");
        heading(out, section);
        section.blocks[..head].iter().for_each(|b| block(out, b));
        out.push_str("</div>\n");
    } else {
        heading(out, section);
    }
    section.blocks[head..].iter().for_each(|b| block(out, b));
    for sub in &section.sections {
        self::section(out, sub);
    }
    out.push_str("</section>\n");
}

fn heading(out: &mut Sink, section: &Section) {
    let _ = writeln!(
        out,
        "<h{level}>{}</h{level}>",
        PageText(&section.title),
        level = section.level.clamp(2, 5)
    );
}

fn block(out: &mut Sink, block: &Block) {
    match block {
        Block::Paragraph(value) => {
            let _ = writeln!(out, "<p>{}</p>", Inlines(value));
        }
        Block::Note(value) => {
            let _ = writeln!(out, "<p class=\"tailored\">{}</p>", Inlines(value));
        }
        Block::Label(label) => {
            let _ = writeln!(out, "<h5>{}</h5>", PageText(label));
        }
        Block::Kind(kind) => {
            let _ = writeln!(out, "<p class=\"role-kind\">{}</p>", PageText(kind));
        }
        Block::Facts(facts) => {
            out.push_str("<dl class=\"facts\">\n");
            for fact in facts {
                let _ = writeln!(
                    out,
                    "<dt>{}</dt><dd>{}</dd>",
                    PageText(&fact.label),
                    Inlines(&fact.value)
                );
            }
            out.push_str("</dl>\n");
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", Inlines(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table(out, t),
        Block::Legend(l) => legend(out, l),
        Block::Figure(figure) => {
            let _ = writeln!(
                out,
                "<figure class=\"timeline\" id=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                Escaped(&figure.id),
                svg::timeline(figure),
                PageText(&figure.title)
            );
        }
    }
}

/// Running text: its pieces one after another.
struct Inlines<'a>(&'a Text);

impl Display for Inlines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_inlines(f, self.0)
    }
}

fn write_inlines(out: &mut impl Write, text: &Text) -> fmt::Result {
    text.iter().try_for_each(|piece| write_inline(out, piece))
}

struct InlineHtml<'a>(&'a Inline);

impl Display for InlineHtml<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_inline(f, self.0)
    }
}

/// A piece of running text, written piece by piece rather than formatted: the tables' cells
/// are most of a large document.
fn write_inline(out: &mut impl Write, piece: &Inline) -> fmt::Result {
    match piece {
        Inline::Text(t) => write_page_text(out, t),
        Inline::Link { target, text: t } => {
            out.write_str("<a href=\"#")?;
            write_escaped(out, target)?;
            out.write_str("\">")?;
            write_page_text(out, t)?;
            out.write_str("</a>")
        }
        Inline::Symbol(Symbol::Spoc) => {
            out.write_str("<span class=\"spoc-star\">")?;
            out.write_str(Symbol::Spoc.glyph())?;
            out.write_str("</span>")
        }
        Inline::Symbol(symbol) => out.write_str(symbol.glyph()),
    }
}

fn legend(out: &mut Sink, legend: &Legend) {
    out.push_str("<p class=\"legend\">");
    for (i, item) in legend.items.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        // Only empty text makes an empty key: a link, a symbol or escaped text never is.
        let _ = match &item.key {
            Inline::Text(key) if key.is_empty() => write!(out, "{}", PageText(&item.meaning)),
            key => write!(
                out,
                "<span class=\"key\">{}</span> {}",
                InlineHtml(key),
                PageText(&item.meaning)
            ),
        };
    }
    out.push_str("</p>\n");
}

/// The column widths of each kind of table: fixed layout, so no cell is wider than its share
/// of the page; `auto` columns share what is left.
fn widths(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Phases => &["auto", "13.4%", "13.4%", "13.4%", "13.4%", "13.4%"],
        TableKind::Appointments => &["31%", "15%", "22%", "auto"],
        TableKind::Spoc => &["28%", "36%", "auto"],
        TableKind::TakingOver => &["28%", "auto", "13.4%", "13.4%"],
        TableKind::PhasedOut => &["40%", "22%", "auto"],
        TableKind::RoleOverview => &["28%", "auto", "30%"],
        TableKind::Duties => &["auto", "7.5em", "7.5em"],
        TableKind::RoleTasks => &["5.2em", "auto", "9.5em", "8.5em"],
        TableKind::Tasks => &["5.2em", "24%", "8.5em", "auto", "auto", "auto"],
        TableKind::RoleIds => &["55%", "auto"],
        TableKind::Changes => &["6em", "9.5em", "auto"],
    }
}

fn table_class(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Phases => "phases",
        TableKind::Appointments => "appointments",
        TableKind::Spoc => "spoc",
        TableKind::TakingOver => "taking-over",
        TableKind::PhasedOut => "phased-out",
        TableKind::RoleOverview => "role-overview",
        TableKind::Duties => "duties",
        TableKind::RoleTasks => "role-tasks",
        TableKind::Tasks => "tasks",
        TableKind::RoleIds => "role-ids",
        TableKind::Changes => "changes",
    }
}

fn cell_class(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Name => "name",
        ColumnKind::Text => "text",
        ColumnKind::Code => "code",
        ColumnKind::Phase(_) => "phase",
        ColumnKind::Mark => "mark",
    }
}

fn table(out: &mut Sink, table: &Table) {
    let _ = writeln!(out, "<table class=\"{}\">", table_class(table.kind));
    out.push_str("<colgroup>");
    for width in widths(table.kind).iter().take(table.columns.len()) {
        let _ = write!(out, "<col style=\"width: {width}\">");
    }
    out.push_str("</colgroup>\n<thead>\n<tr>");
    for column in &table.columns {
        let _ = write!(
            out,
            "<th scope=\"col\" class=\"{}\">{}</th>",
            cell_class(column.kind),
            Header(column)
        );
    }
    out.push_str("</tr>\n</thead>\n");
    for group in &table.groups {
        out.push_str("<tbody>\n");
        if let Some(heading) = &group.heading {
            let _ = writeln!(
                out,
                "<tr class=\"group\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>",
                table.columns.len(),
                PageText(heading)
            );
        }
        for row in &group.rows {
            table_row(out, &table.columns, row);
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n");
}

/// A phase's header over two lines ("Fase 1" over "Opstart"); any other header as it is.
struct Header<'a>(&'a Column);

impl Display for Header<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let column = self.0;
        match column.kind {
            ColumnKind::Phase(phase) if phase != Phase::Opvarmning => {
                match column.title.split_once(": ") {
                    Some((number, name)) => {
                        write!(f, "{}<span>{}</span>", PageText(number), PageText(name))
                    }
                    None => PageText(&column.title).fmt(f),
                }
            }
            _ => PageText(&column.title).fmt(f),
        }
    }
}

fn table_row(out: &mut Sink, columns: &[Column], row: &[Cell]) {
    out.push_str("<tr>");
    for (cell, column) in row.iter().zip(columns) {
        let (tag, scope) = match column.kind {
            ColumnKind::Name => ("th", " scope=\"row\""),
            _ => ("td", ""),
        };
        // Pushed piece by piece: a row of each task in each of its roles' tables.
        out.push('<');
        out.push_str(tag);
        out.push_str(scope);
        out.push_str(" class=\"");
        out.push_str(cell_class(column.kind));
        out.push('"');
        if let Some(meaning) = &cell.meaning {
            out.push_str(" title=\"");
            let _ = write_escaped(out, meaning);
            out.push('"');
        }
        out.push('>');
        let _ = write_inlines(out, &cell.text);
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    out.push_str("</tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_entities() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("Ærø & Ålborg"), "Ærø &amp; Ålborg");
    }

    #[test]
    fn css_strings_cannot_close_the_sheet() {
        assert_eq!(css_string("SAPA · 1.2"), "\"SAPA · 1.2\"");
        assert_eq!(css_string("a\"b; }"), "\"a\\22 b\\3b  \\7d \"");
        assert_eq!(css_string("</style>"), "\"\\3c \\2f style\\3e \"");
        let hostile = css_string("\\\n\u{1b}'");
        assert_eq!(hostile, "\"\\5c \\a \\5c u\\7b 1b\\7d \\27 \"");
    }
}
