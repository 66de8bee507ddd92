//! The rollekatalog as one self-contained, print-ready HTML file (`rg compile --format html`):
//! inline CSS, no scripts, no external requests; A4 pages, each role on a new page, table
//! headers repeated across pages, a table of contents with links. Every value is escaped.

use crate::model::{Duty, Phase, Theme};
use crate::render::danish;
use crate::resolve::{ResolvedCatalog, ResolvedRole};
use std::fmt::Write;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let text = crate::printable::printable(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A fragment id from any text: ASCII letters, digits and `-`, everything else `-`.
fn anchor(prefix: &str, text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{slug}")
}

fn role_anchor(id: &str) -> String {
    anchor("rolle", id)
}

fn theme_anchor(theme: Theme) -> String {
    anchor("tema", theme.id())
}

const CSS: &str = r#"
@page {
  size: A4;
  margin: 15mm 15mm 17mm 17mm;
  @bottom-right { content: "Side " counter(page) " af " counter(pages); font: 8pt "DejaVu Sans", Arial, sans-serif; color: #555; }
}
:root { --accent: #1f4e79; --line: #b8c4d0; --soft: #eef2f6; }
* { box-sizing: border-box; }
html { font: 9.5pt/1.4 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; color: #1a1a1a; }
body { margin: 0 auto; max-width: 60em; padding: 1.5em; }
h1, h2, h3, h4 { color: var(--accent); line-height: 1.2; break-after: avoid; page-break-after: avoid; }
h1 { font-size: 22pt; margin: 0 0 .3em; }
h2 { font-size: 15pt; margin: 1.6em 0 .5em; border-bottom: 1.5pt solid var(--accent); padding-bottom: .15em; }
h3 { font-size: 12.5pt; margin: 1.3em 0 .4em; }
h4 { font-size: 10.5pt; margin: 1.1em 0 .3em; }
p { margin: .4em 0 .6em; }
a { color: var(--accent); text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 .9em; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: .5pt solid var(--line); padding: .25em .45em; vertical-align: top; text-align: left; }
th { background: var(--soft); font-weight: bold; }
td.mark, th.mark { text-align: center; width: 6.5em; }
.meta { margin: 1em 0 1.5em; width: auto; min-width: 55%; font-size: 10pt; }
.meta th { width: 9em; }
.subtitle { color: #444; font-size: 11pt; margin: 0 0 1em; }
.toc ol { padding-left: 1.3em; margin: .2em 0; }
.toc li { margin: .1em 0; }
.toc > ol > li { margin-top: .35em; }
.toc ol.roles { list-style: none; padding-left: 1.3em; margin-bottom: .3em; }
.toc ol.roles li { display: inline; }
.toc ol.roles li:not(:last-child)::after { content: " · "; color: #777; }
.phases th.phase { text-align: center; width: 4.4em; font-size: 8.5pt; }
.phases th.phase span { display: block; font-weight: normal; }
.phases td { vertical-align: middle; }
.phases td.cell { text-align: center; font-size: 11pt; white-space: nowrap; }
.phases tr.group th { background: #dde5ee; text-align: left; }
.phases td.name { padding-left: 1.2em; }
.spoc-star { color: #b8860b; }
.legend { font-size: 9pt; color: #333; }
#faseoversigt, .roles-chapter, .tasks-chapter { break-before: page; page-break-before: always; }
#spoc-forloeb { break-inside: avoid; page-break-inside: avoid; }
section.role { break-before: page; page-break-before: always; }
.role-kind { color: #555; margin: -.2em 0 .6em; font-size: 9.5pt; }
.role-kind code { font-size: 9pt; }
.tailored { border-left: 3pt solid #b8860b; background: #fbf6e9; padding: .35em .6em; font-size: 9.5pt; }
dl.facts { display: grid; grid-template-columns: 11.5em 1fr; gap: .25em .8em; margin: .6em 0 .9em; }
dl.facts dt { font-weight: bold; color: var(--accent); }
dl.facts dd { margin: 0; }
ul { margin: .3em 0 .7em; padding-left: 1.3em; }
li { margin: .15em 0; }
.empty { color: #666; font-style: italic; }
table.tasks { table-layout: fixed; }
table.tasks col.id { width: 4.6em; }
table.tasks col.title { width: 30%; }
table.tasks col.phase { width: 8.6em; }
td.id { white-space: nowrap; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: inherit; }
}
"#;

pub fn render(catalog: &ResolvedCatalog) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(&catalog.titel)
    );
    front_matter(&mut out, catalog);
    toc(&mut out, catalog);
    phases(&mut out, catalog);
    spoc(&mut out, catalog);
    handover(&mut out, catalog);
    roles(&mut out, catalog);
    tasks(&mut out, catalog);
    out.push_str("</body>\n</html>\n");
    out
}

fn front_matter(out: &mut String, catalog: &ResolvedCatalog) {
    let _ = writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">Rollekatalog udarbejdet efter KOMBITs rollegalleri</p>",
        escape(&catalog.titel)
    );
    out.push_str("<table class=\"meta\">\n<tbody>\n");
    let mut row = |label: &str, value: &str| {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{label}</th><td>{}</td></tr>",
            escape(value)
        );
    };
    row("It-system", &catalog.system);
    if let Some(fagomraade) = &catalog.fagomraade {
        row("Fagområde", fagomraade);
    }
    row("Rollegalleri", &danish::gallery_line(catalog));
    let integrations: Vec<&str> = catalog.integrationer.iter().map(|i| i.title()).collect();
    row(
        "Integrationer",
        &if integrations.is_empty() {
            "ingen".to_string()
        } else {
            integrations.join(", ")
        },
    );
    row("Roller", &catalog.roller.len().to_string());
    row("KLIK-opgaver", &catalog.klik_opgaver.len().to_string());
    out.push_str("</tbody>\n</table>\n</header>\n");
}

fn toc(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str(
        "<nav class=\"toc\" aria-labelledby=\"indhold\">\n<h2 id=\"indhold\">Indhold</h2>\n<ol>\n",
    );
    out.push_str("<li><a href=\"#faseoversigt\">Faseoversigt</a></li>\n");
    out.push_str("<li><a href=\"#spoc-forloeb\">SPOC-forløb</a></li>\n");
    out.push_str("<li><a href=\"#overgang\">Overgang til drift og forvaltning</a></li>\n");
    out.push_str("<li><a href=\"#roller\">Roller</a>\n<ol>\n");
    for gruppe in catalog.groups() {
        let _ = writeln!(
            out,
            "<li>{}\n<ol class=\"roles\">",
            escape(gruppe.heading())
        );
        for role in catalog.roles_in(gruppe) {
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                escape(&role_anchor(&role.id)),
                escape(&role.navn)
            );
        }
        out.push_str("</ol>\n</li>\n");
    }
    out.push_str("</ol>\n</li>\n<li><a href=\"#klik-opgaver\">KLIK-opgaver</a>\n<ol>\n");
    for theme in Theme::ALL {
        if !catalog.tasks_in(theme).is_empty() {
            let _ = writeln!(
                out,
                "<li><a href=\"#{}\">{}</a></li>",
                theme_anchor(theme),
                escape(theme.title())
            );
        }
    }
    out.push_str("</ol>\n</li>\n</ol>\n</nav>\n");
}

fn phase_header_cell(phase: Phase) -> String {
    match phase.title().split_once(": ") {
        Some((number, name)) => format!(
            "<th class=\"phase\" scope=\"col\">{}<span>{}</span></th>",
            escape(number),
            escape(name)
        ),
        None => format!(
            "<th class=\"phase\" scope=\"col\">{}</th>",
            escape(phase.title())
        ),
    }
}

fn phase_cell(catalog: &ResolvedCatalog, role: &ResolvedRole, phase: Phase) -> String {
    let status = role.status_in(phase);
    let spoc = catalog.is_spoc(&role.id, phase);
    let symbol = danish::status_symbol(status);
    let star = if spoc {
        format!(
            "{}<span class=\"spoc-star\">{}</span>",
            if symbol.is_empty() { "" } else { " " },
            danish::SPOC
        )
    } else {
        String::new()
    };
    let label = match (status, spoc) {
        (crate::model::Status::Inaktiv, false) => String::from("inaktiv"),
        (s, false) => s.id().to_string(),
        (s, true) => format!("{}, SPOC", s.id()),
    };
    format!(
        "<td class=\"cell\" title=\"{}\">{symbol}{star}</td>",
        escape(&label)
    )
}

fn phases(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("<section id=\"faseoversigt\">\n<h2>Faseoversigt</h2>\n");
    out.push_str("<table class=\"phases\">\n<thead>\n<tr><th scope=\"col\">Rolle</th>");
    for phase in Phase::ALL {
        out.push_str(&phase_header_cell(phase));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for gruppe in catalog.groups() {
        let _ = writeln!(
            out,
            "<tr class=\"group\"><th colspan=\"{}\" scope=\"rowgroup\">{}</th></tr>",
            Phase::ALL.len() + 1,
            escape(gruppe.heading())
        );
        for role in catalog.roles_in(gruppe) {
            let _ = write!(
                out,
                "<tr><td class=\"name\"><a href=\"#{}\">{}</a></td>",
                escape(&role_anchor(&role.id)),
                escape(&role.navn)
            );
            for phase in Phase::ALL {
                out.push_str(&phase_cell(catalog, role, phase));
            }
            out.push_str("</tr>\n");
        }
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p class=\"legend\">{}</p>\n</section>",
        legend_html()
    );
}

fn legend_html() -> String {
    format!(
        "{} obligatorisk · {} anbefalet · <span class=\"spoc-star\">{}</span> SPOC · tom celle: inaktiv",
        danish::OBLIGATORISK,
        danish::ANBEFALET,
        danish::SPOC
    )
}

fn role_link(catalog: &ResolvedCatalog, id: &str) -> String {
    match catalog.role(id) {
        Some(role) => format!(
            "<a href=\"#{}\">{}</a>",
            escape(&role_anchor(&role.id)),
            escape(&role.navn)
        ),
        None => escape(id),
    }
}

fn role_links(catalog: &ResolvedCatalog, ids: &[String]) -> String {
    ids.iter()
        .map(|id| role_link(catalog, id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn spoc(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("<section id=\"spoc-forloeb\">\n<h2>SPOC-forløb</h2>\n");
    out.push_str("<table>\n<thead>\n<tr><th scope=\"col\">Fase</th><th scope=\"col\">SPOC</th></tr>\n</thead>\n<tbody>\n");
    for phase in Phase::ALL {
        let holder = catalog.spoc_in(phase).map_or_else(
            || "<span class=\"empty\">ikke angivet</span>".to_string(),
            |id| role_link(catalog, id),
        );
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{holder}</td></tr>",
            escape(phase.title())
        );
    }
    let _ = writeln!(
        out,
        "</tbody>\n</table>\n<p><strong>{}</strong></p>\n<p>{}</p>\n</section>",
        escape(&danish::spoc_change(catalog)),
        escape(danish::SPOC_PROFILE)
    );
}

fn handover(out: &mut String, catalog: &ResolvedCatalog) {
    let handover = catalog.handover();
    let _ = writeln!(
        out,
        "<section id=\"overgang\">\n<h2>Overgang til drift og forvaltning</h2>\n<p>{}</p>",
        escape(danish::HANDOVER_INTRO)
    );
    out.push_str("<h3>Overtager i fase 4</h3>\n");
    if handover.taking_over.is_empty() {
        out.push_str("<p class=\"empty\">Ingen roller bliver obligatoriske ved overgangen.</p>\n");
    } else {
        out.push_str("<table>\n<thead>\n<tr><th scope=\"col\">Rolle</th><th scope=\"col\">Udpegning</th><th class=\"mark\" scope=\"col\">Fase 3</th><th class=\"mark\" scope=\"col\">Fase 4</th></tr>\n</thead>\n<tbody>\n");
        for role in &handover.taking_over {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td>{}{}</tr>",
                role_link(catalog, &role.id),
                escape(&danish::udpegning(role, catalog)),
                phase_cell(catalog, role, Phase::Fase3),
                phase_cell(catalog, role, Phase::Fase4),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("<h3>Ikke længere obligatoriske i fase 4</h3>\n");
    if handover.phased_out.is_empty() {
        out.push_str(
            "<p class=\"empty\">Alle roller, der er obligatoriske i fase 3, er det også i fase 4.</p>\n",
        );
    } else {
        out.push_str("<table>\n<thead>\n<tr><th scope=\"col\">Rolle</th><th scope=\"col\">Status i fase 4</th><th scope=\"col\">Afløses af</th></tr>\n</thead>\n<tbody>\n");
        for role in &handover.phased_out {
            let successor = role
                .afloeses_af
                .as_deref()
                .map_or(String::new(), |id| role_link(catalog, id));
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{successor}</td></tr>",
                role_link(catalog, &role.id),
                role.status_in(Phase::Fase4).id(),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    let _ = writeln!(
        out,
        "<h3>SPOC</h3>\n<p>{}</p>\n<h3>Personsammenfald</h3>",
        escape(&danish::spoc_change(catalog))
    );
    if handover.overlaps.is_empty() {
        out.push_str(
            "<p class=\"empty\">Kataloget tager ikke stilling til personsammenfald.</p>\n",
        );
    } else {
        out.push_str("<ul>\n");
        for pair in &handover.overlaps {
            let _ = writeln!(
                out,
                "<li>{}</li>",
                escape(&danish::overlap_pair(pair, catalog))
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn roles(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("<section id=\"roller\" class=\"roles-chapter\">\n<h2>Roller</h2>\n");
    out.push_str("<p>Hver rolle står på sin egen side med effekt, opgaver og ansvar (med kolonnerne Implementering, der dækker opvarmningsperioden til og med fase 3, og Drift og forvaltning, der dækker fase 4), kompetencer, kendetegn, udpegning og rollens KLIK-opgaver.</p>\n");
    out.push_str("<table>\n<thead>\n<tr><th scope=\"col\">Rolle</th><th scope=\"col\">Effekt</th><th scope=\"col\">Status</th></tr>\n</thead>\n");
    for gruppe in catalog.groups() {
        let _ = writeln!(
            out,
            "<tbody>\n<tr class=\"group\"><th colspan=\"3\" scope=\"rowgroup\">{}</th></tr>",
            escape(gruppe.heading())
        );
        for role in catalog.roles_in(gruppe) {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                role_link(catalog, &role.id),
                escape(&role.effekt),
                escape(&danish::status_summary(role))
            );
        }
        out.push_str("</tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
    for gruppe in catalog.groups() {
        for (index, role) in catalog.roles_in(gruppe).enumerate() {
            let heading = (index == 0).then(|| gruppe.heading());
            role_section(out, catalog, role, heading);
        }
    }
}

fn role_section(
    out: &mut String,
    catalog: &ResolvedCatalog,
    role: &ResolvedRole,
    group_heading: Option<&str>,
) {
    let _ = writeln!(
        out,
        "<section class=\"role\" id=\"{}\">",
        escape(&role_anchor(&role.id))
    );
    if let Some(heading) = group_heading {
        let _ = writeln!(out, "<h2>{}</h2>", escape(heading));
    }
    let _ = writeln!(
        out,
        "<h3>{}</h3>\n<p class=\"role-kind\">{} · <code>{}</code></p>",
        escape(&role.navn),
        danish::group_singular(role),
        escape(&role.id)
    );
    if let Some(note) = danish::tailoring(role) {
        let _ = writeln!(out, "<p class=\"tailored\">{}</p>", escape(&note));
    }
    out.push_str("<dl class=\"facts\">\n");
    let mut fact = |label: &str, html: String| {
        let _ = writeln!(out, "<dt>{label}</dt><dd>{html}</dd>");
    };
    fact("Effekt", escape(&role.effekt));
    if let Some(beskrivelse) = &role.beskrivelse {
        fact("Beskrivelse", escape(beskrivelse));
    }
    fact("Status", escape(&danish::status_summary(role)));
    let spoc = catalog.spoc_phases(&role.id);
    if !spoc.is_empty() {
        fact(
            "SPOC",
            format!(
                "<span class=\"spoc-star\">{}</span> i {}",
                danish::SPOC,
                escape(&danish::phase_list(&spoc))
            ),
        );
    }
    fact("Udpegning", escape(&danish::udpegning(role, catalog)));
    if let Some(advice) = danish::personsammenfald(role, catalog) {
        fact("Personsammenfald", escape(&advice));
    }
    if !role.integrationer.is_empty() {
        let names: Vec<&str> = role.integrationer.iter().map(|i| i.title()).collect();
        fact("Integrationer", escape(&names.join(", ")));
    }
    out.push_str("</dl>\n");
    duties(out, "Opgaver", &role.opgaver);
    duties(out, "Ansvar", &role.ansvar);
    if !role.kompetencer.is_empty() {
        out.push_str("<h4>Kompetencer</h4>\n<ul>\n");
        for kompetence in &role.kompetencer {
            let _ = writeln!(out, "<li>{}</li>", escape(kompetence));
        }
        out.push_str("</ul>\n");
    }
    let _ = writeln!(
        out,
        "<h4>Kendetegn</h4>\n<p>{}</p>",
        escape(&role.kendetegn)
    );
    out.push_str("<h4>KLIK-opgaver</h4>\n");
    if role.klik_opgaver.is_empty() {
        out.push_str("<p class=\"empty\">Rollen indgår ikke i katalogets KLIK-opgaver.</p>\n");
    } else {
        out.push_str("<table>\n<thead>\n<tr><th scope=\"col\">ID</th><th scope=\"col\">Opgave</th><th scope=\"col\">Fase</th><th scope=\"col\">Rollens del</th></tr>\n</thead>\n<tbody>\n");
        let mut seen: Vec<&str> = Vec::new();
        for task_ref in &role.klik_opgaver {
            if seen.contains(&task_ref.id.as_str()) {
                continue;
            }
            seen.push(&task_ref.id);
            let Some(task) = catalog.task(&task_ref.id) else {
                continue;
            };
            let parts: Vec<&str> = role
                .takes_part_in(&task.id)
                .iter()
                .map(|p| p.title())
                .collect();
            let _ = writeln!(
                out,
                "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&task.id),
                escape(&task.titel),
                escape(task.fase.title()),
                escape(&danish::join(&parts))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn duties(out: &mut String, heading: &str, duties: &[Duty]) {
    if duties.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h4>{heading}</h4>\n<table class=\"duties\">\n<thead>\n<tr><th scope=\"col\">{heading}</th><th class=\"mark\" scope=\"col\">Implementering</th><th class=\"mark\" scope=\"col\">Drift og forvaltning</th></tr>\n</thead>\n<tbody>"
    );
    for duty in duties {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"mark\">{}</td><td class=\"mark\">{}</td></tr>",
            escape(&duty.tekst),
            danish::mark(duty.implementering),
            danish::mark(duty.drift_og_forvaltning)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn tasks(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("<section id=\"klik-opgaver\" class=\"tasks-chapter\">\n<h2>KLIK-opgaver</h2>\n");
    if catalog.klik_opgaver.is_empty() {
        out.push_str("<p class=\"empty\">Kataloget har ingen KLIK-opgaver.</p>\n</section>\n");
        return;
    }
    out.push_str("<p>KLIK-opgaverne efter tema i KOMBITs implementeringsmodel og derefter fase, med den ansvarlige rolle, de udførende og de involverede.</p>\n");
    for theme in Theme::ALL {
        let tasks = catalog.tasks_in(theme);
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<h3 id=\"{}\">{}</h3>\n<table class=\"tasks\">\n<colgroup><col class=\"id\"><col class=\"title\"><col class=\"phase\"><col><col><col></colgroup>\n<thead>\n<tr><th scope=\"col\">ID</th><th scope=\"col\">Opgave</th><th scope=\"col\">Fase</th><th scope=\"col\">Ansvarlig</th><th scope=\"col\">Udfører</th><th scope=\"col\">Involverede</th></tr>\n</thead>\n<tbody>",
            theme_anchor(theme),
            escape(theme.title())
        );
        for task in tasks {
            let _ = writeln!(
                out,
                "<tr><td class=\"id\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&task.id),
                escape(&task.titel),
                escape(task.fase.title()),
                role_link(catalog, &task.ansvarlig),
                role_links(catalog, &task.udfoerer),
                role_links(catalog, &task.involverede),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
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
    fn anchors_are_plain_ascii() {
        assert_eq!(role_anchor("projektleder"), "rolle-projektleder");
        assert_eq!(anchor("x", "a b\"<æ"), "x-a-b---");
    }
}
