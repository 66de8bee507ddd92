//! The compiled rollekatalog as a reader gets it, read back from the HTML with an HTML parser,
//! for each repository catalog: the chapters in order with the change log last, the edition on
//! the title page and in the running footer, the reading guide and its legends, a legend under
//! every table with symbols or X marks, the timeline figure (accessible, one row per role, the
//! SPOC and the hand-over marked), the appointment table, the SPOC change said once, no role id
//! or note for the author in the reader's text, and no element the template does not write.

use rollegalleri::api::{self, Checker, ResolvedCatalog};
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use std::path::Path;

const CATALOGS: [&str; 3] = [
    "catalogs/sapa.yaml",
    "catalogs/ky.yaml",
    "catalogs/bom.yaml",
];

/// The elements the HTML template writes; a value can add none.
const ELEMENTS: &[&str] = &[
    "a",
    "body",
    "col",
    "colgroup",
    "dd",
    "desc",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "head",
    "header",
    "html",
    "li",
    "line",
    "main",
    "meta",
    "nav",
    "ol",
    "p",
    "path",
    "polygon",
    "rect",
    "section",
    "span",
    "style",
    "svg",
    "table",
    "tbody",
    "td",
    "text",
    "th",
    "thead",
    "title",
    "tr",
    "tspan",
    "ul",
];

fn resolved(path: &str) -> ResolvedCatalog {
    let file = api::read_file(Path::new(path)).unwrap();
    Checker::embedded().resolve(file).unwrap()
}

fn select<'a>(root: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    root.select(&Selector::parse(css).unwrap()).collect()
}

/// An element's text as shown: soft hyphens (break points only) left out, spaces collapsed.
fn text(element: &ElementRef) -> String {
    let text: String = element.text().collect::<String>().replace('\u{ad}', "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn documents() -> Vec<(&'static str, ResolvedCatalog, Html)> {
    CATALOGS
        .iter()
        .map(|path| {
            let catalog = resolved(path);
            let html = Html::parse_document(&api::compile_html(&catalog));
            (*path, catalog, html)
        })
        .collect()
}

#[test]
fn chapters_come_in_order_and_the_change_log_closes_the_document() {
    for (path, catalog, html) in documents() {
        let ids: Vec<&str> = select(&html, "main > section")
            .iter()
            .map(|s| s.value().id().unwrap())
            .collect();
        assert_eq!(
            ids,
            [
                "indledning",
                "laesevejledning",
                "faseoversigt",
                "udpegning",
                "spoc-forloeb",
                "overgang",
                "roller",
                "klik-opgaver",
                "bilag-id",
                "aendringslog"
            ],
            "{path}"
        );
        let chapters: Vec<String> = select(&html, "main > section.chapter > h2")
            .iter()
            .map(text)
            .collect();
        assert_eq!(chapters, api::chapter_titles(&catalog), "{path}");
        let changes = select(&html, "#aendringslog table.changes tbody tr");
        assert_eq!(changes.len(), catalog.dokument.aendringer.len(), "{path}");
        // The catalog's own introduction opens the document.
        let intro = text(&select(&html, "#indledning p")[0]);
        let own = catalog.dokument.indledning.as_deref().unwrap();
        assert!(
            own.split_whitespace().take(5).all(|w| intro.contains(w)),
            "{path}: {intro}"
        );
    }
}

#[test]
fn the_edition_is_on_the_title_page_and_in_the_footer() {
    for (path, catalog, html) in documents() {
        let doc = &catalog.dokument;
        let rows: Vec<(String, String)> = select(&html, "header table.meta tr")
            .iter()
            .map(|tr| {
                let cells = |css| text(&tr.select(&Selector::parse(css).unwrap()).next().unwrap());
                (cells("th"), cells("td"))
            })
            .collect();
        let row = |label: &str| {
            rows.iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("{path}: no {label} on the title page"))
        };
        assert_eq!(row("Version"), doc.version.clone().unwrap());
        assert!(
            row("Dato").ends_with(&doc.dato.as_deref().unwrap()[..4]),
            "{path}"
        );
        assert_eq!(row("Udarbejdet af"), doc.udarbejdet_af.clone().unwrap());
        assert!(!row("Status").is_empty());
        let title = text(&select(&html, "head title")[0]);
        assert_eq!(title, catalog.titel);
        let lang = select(&html, "html")[0].value().attr("lang");
        assert_eq!(lang, Some("da"));
        let style = text(&select(&html, "style")[0]);
        let footer = format!(
            "{} · Rollekatalog version {}",
            catalog.system,
            doc.version.as_deref().unwrap()
        );
        let escaped: String = footer
            .chars()
            .map(|c| match c {
                ' ' | '.' | '·' => c.to_string(),
                c if c.is_alphanumeric() => c.to_string(),
                c => format!("\\{:x} ", c as u32),
            })
            .collect();
        assert!(
            style.contains(&format!("@bottom-left {{ content: \"{escaped}")),
            "{path}"
        );
        assert!(style.contains("\"side \" counter(page) \" af \" counter(pages)"));
    }
}

#[test]
fn the_guide_explains_every_symbol_and_mark() {
    for (path, _, html) in documents() {
        let guide = text(&select(&html, "#laesevejledning")[0]);
        for needle in [
            "● Obligatorisk",
            "○ Anbefalet",
            "Inaktiv (tom celle)",
            "★ SPOC",
            "(X)",
            "Implementering dækker opvarmningsperioden til og med fase 3",
            "Drift og forvaltning dækker fase 4",
            "aktiveres",
            "KLIK-opgave",
        ] {
            assert!(guide.contains(needle), "{path}: the guide lacks `{needle}`");
        }
    }
}

/// The legend that follows an element (a table or figure), if the next element is one.
fn legend_after(element: &ElementRef) -> Option<String> {
    element
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .filter(|e| {
            e.value()
                .has_class("legend", scraper::CaseSensitivity::CaseSensitive)
        })
        .map(|e| text(&e))
}

#[test]
fn every_table_with_symbols_or_marks_has_its_legend() {
    for (path, _, html) in documents() {
        for table in select(&html, "table.phases, table.taking-over") {
            let legend = legend_after(&table).unwrap_or_default();
            for key in [
                "● obligatorisk",
                "○ anbefalet",
                "★ SPOC",
                "tom celle: inaktiv",
            ] {
                assert!(
                    legend.contains(key),
                    "{path}: `{key}` missing in `{legend}`"
                );
            }
        }
        for role in select(&html, "section.role") {
            let tables: Vec<ElementRef> = role
                .select(&Selector::parse("table.duties").unwrap())
                .collect();
            let Some(last) = tables.last() else { continue };
            let legend = legend_after(last).unwrap_or_default();
            assert!(legend.contains("X hører til rollen"), "{path}: {legend}");
            let conditional = tables.iter().any(|t| text(t).contains("(X)"));
            assert_eq!(legend.contains("(X)"), conditional, "{path}: {legend}");
        }
        let overview = select(&html, "#roller > table.role-overview");
        assert!(
            legend_after(&overview[0])
                .unwrap()
                .contains("X hører til rollen")
        );
    }
}

#[test]
fn the_timeline_is_drawn_accessibly_with_a_row_per_role() {
    for (path, catalog, html) in documents() {
        let figure = select(&html, "#faseoversigt figure.timeline")[0];
        let svg = figure
            .select(&Selector::parse("svg").unwrap())
            .next()
            .unwrap();
        assert_eq!(svg.value().attr("role"), Some("img"));
        let labels = svg.value().attr("aria-labelledby").unwrap();
        let title = select(&html, "svg > title")[0];
        let desc = select(&html, "svg > desc")[0];
        assert_eq!(
            labels,
            format!(
                "{} {}",
                title.value().id().unwrap(),
                desc.value().id().unwrap()
            )
        );
        let caption = text(&select(&html, "figure.timeline figcaption")[0]);
        assert_eq!(text(&title), caption);
        let described = text(&desc);
        for phase in api::Phase::ALL {
            let spoc = catalog.spoc_role(phase).unwrap();
            assert!(
                described.contains(&format!("{}: {}", phase.title(), spoc.navn)),
                "{path}: {described}"
            );
        }
        // One text per role (its name, maybe over lines), a star per SPOC phase (and one each
        // in the SPOC band and the legend), the hand-over as a dashed line.
        let names: Vec<String> = svg
            .select(&Selector::parse("text").unwrap())
            .map(|t| t.text().collect::<String>())
            .collect();
        for role in &catalog.roller {
            let first = role.navn.split_whitespace().next().unwrap();
            assert!(
                names.iter().any(|n| n.starts_with(first)),
                "{path}: {}",
                role.navn
            );
        }
        let stars = svg.select(&Selector::parse("polygon").unwrap()).count();
        assert_eq!(stars, 5 + 2, "{path}");
        let dashed = svg
            .select(&Selector::parse("line[stroke-dasharray]").unwrap())
            .count();
        assert_eq!(dashed, 2, "{path}: the hand-over line and its key");
        // The table beside it says the same in text.
        let next = figure
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .next()
            .unwrap();
        assert!(
            next.value()
                .has_class("phases", scraper::CaseSensitivity::CaseSensitive)
        );
    }
}

#[test]
fn appointment_spoc_and_hand_over_are_each_said_once() {
    for (path, catalog, html) in documents() {
        let rows = select(&html, "#udpegning table.appointments tbody tr:not(.group)");
        assert_eq!(rows.len(), catalog.roller.len(), "{path}");
        for row in &rows {
            let cells: Vec<String> = row
                .select(&Selector::parse("th, td").unwrap())
                .map(|c| text(&c))
                .collect();
            assert!(
                matches!(cells[1].as_str(), "Udpeges" | "Aktiveres"),
                "{cells:?}"
            );
            assert!(!cells[2].is_empty() && !cells[3].is_empty(), "{cells:?}");
        }
        let whole = text(&select(&html, "body")[0]);
        assert_eq!(whole.matches("skifter SPOC fra").count(), 1, "{path}");
        let spoc_rows = select(&html, "#spoc-forloeb table.spoc tbody tr");
        assert_eq!(spoc_rows.len(), 5);
        let handover = text(&select(&html, "#overgang")[0]);
        for needle in [
            "Systemejer",
            "Systemansvarlig",
            "Personsammenfald anbefales",
        ] {
            assert!(handover.contains(needle), "{path}: {needle}");
        }
    }
}

#[test]
fn the_reader_sees_no_ids_and_no_notes_for_the_author() {
    for (path, catalog, html) in documents() {
        let reader: String = select(&html, "body > header, main > section:not(#bilag-id)")
            .iter()
            .map(text)
            .collect::<Vec<_>>()
            .join(" ");
        for role in catalog.roller.iter().filter(|r| r.id.contains('-')) {
            let words: BTreeSet<&str> = reader
                .split(|c: char| c.is_whitespace() || "(),.;:".contains(c))
                .collect();
            assert!(
                !words.contains(role.id.as_str()),
                "{path}: `{}` is shown",
                role.id
            );
        }
        assert!(!reader.contains("Fastlagt i kataloget"), "{path}");
        assert!(!reader.contains("galleriets forslag"), "{path}");
        assert!(select(&html, "code").is_empty(), "{path}");
        // The appendix has every id, for the municipalities' own files.
        let appendix = text(&select(&html, "#bilag-id")[0]);
        for role in &catalog.roller {
            assert!(appendix.contains(&role.id), "{path}: {}", role.id);
        }
    }
}

#[test]
fn every_role_heading_is_kept_with_its_facts() {
    for (path, catalog, html) in documents() {
        let heads = select(&html, "section.role > div.role-head");
        assert_eq!(heads.len(), catalog.roller.len(), "{path}");
        for head in heads {
            let children: Vec<&str> = head
                .children()
                .filter_map(ElementRef::wrap)
                .map(|e| e.value().name())
                .collect();
            assert_eq!(children.first(), Some(&"h4"), "{path}");
            assert_eq!(children.last(), Some(&"dl"), "{path}");
        }
    }
}

#[test]
fn no_element_the_template_does_not_write() {
    for (path, _, html) in documents() {
        let names: BTreeSet<String> = html
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .map(|e| e.value().name().to_string())
            .collect();
        let unknown: Vec<&String> = names
            .iter()
            .filter(|n| !ELEMENTS.contains(&n.as_str()))
            .collect();
        assert!(unknown.is_empty(), "{path}: {unknown:?}");
        assert!(select(&html, "script, img, link, iframe, object").is_empty());
    }
}
