//! The rollekatalog as Markdown (`rg compile --format markdown`): every value escaped with
//! [`markdown_text`], so no catalog text can turn into markup or raw HTML.

use crate::model::{Duty, Phase, Theme};
use crate::render::danish;
use crate::render::markdown_text::{cell, inline};
use crate::render::table;
use crate::resolve::{ResolvedCatalog, ResolvedRole};
use std::fmt::Write;

pub fn render(catalog: &ResolvedCatalog) -> String {
    let mut out = String::new();
    front_matter(&mut out, catalog);
    out.push_str("\n## Faseoversigt\n\n");
    out.push_str(&table::markdown(catalog));
    spoc(&mut out, catalog);
    handover(&mut out, catalog);
    roles(&mut out, catalog);
    tasks(&mut out, catalog);
    out
}

fn front_matter(out: &mut String, catalog: &ResolvedCatalog) {
    let _ = writeln!(out, "# {}\n", inline(&catalog.titel));
    out.push_str("| | |\n|---|---|\n");
    let _ = writeln!(out, "| It-system | {} |", cell(&catalog.system));
    if let Some(fagomraade) = &catalog.fagomraade {
        let _ = writeln!(out, "| Fagområde | {} |", cell(fagomraade));
    }
    let _ = writeln!(
        out,
        "| Rollegalleri | {} |",
        cell(&danish::gallery_line(catalog))
    );
    let integrations: Vec<&str> = catalog.integrationer.iter().map(|i| i.title()).collect();
    let integrations = if integrations.is_empty() {
        "ingen".to_string()
    } else {
        integrations.join(", ")
    };
    let _ = writeln!(out, "| Integrationer | {} |", cell(&integrations));
    let _ = writeln!(out, "| Roller | {} |", catalog.roller.len());
    let _ = writeln!(out, "| KLIK-opgaver | {} |", catalog.klik_opgaver.len());
}

fn spoc(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("\n## SPOC-forløb\n\n| Fase | SPOC |\n|---|---|\n");
    for phase in Phase::ALL {
        let holder = catalog
            .spoc_in(phase)
            .map_or("ikke angivet".to_string(), |id| cell(catalog.name_of(id)));
        let _ = writeln!(out, "| {} | {holder} |", phase.title());
    }
    let _ = writeln!(
        out,
        "\n{}\n\n{}",
        inline(&danish::spoc_change(catalog)),
        inline(danish::SPOC_PROFILE)
    );
}

fn handover(out: &mut String, catalog: &ResolvedCatalog) {
    let handover = catalog.handover();
    let _ = writeln!(
        out,
        "\n## Overgang til drift og forvaltning\n\n{}\n",
        inline(danish::HANDOVER_INTRO)
    );
    out.push_str("### Overtager i fase 4\n\n");
    if handover.taking_over.is_empty() {
        out.push_str("Ingen roller bliver obligatoriske ved overgangen.\n");
    } else {
        out.push_str("| Rolle | Udpegning | Fase 3 | Fase 4 |\n|---|---|:-:|:-:|\n");
        for role in &handover.taking_over {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&role.navn),
                cell(&danish::udpegning(role, catalog)),
                danish::cell(
                    role.status_in(Phase::Fase3),
                    catalog.is_spoc(&role.id, Phase::Fase3)
                ),
                danish::cell(
                    role.status_in(Phase::Fase4),
                    catalog.is_spoc(&role.id, Phase::Fase4)
                ),
            );
        }
    }
    out.push_str("\n### Ikke længere obligatoriske i fase 4\n\n");
    if handover.phased_out.is_empty() {
        out.push_str("Alle roller, der er obligatoriske i fase 3, er det også i fase 4.\n");
    } else {
        out.push_str("| Rolle | Status i fase 4 | Afløses af |\n|---|---|---|\n");
        for role in &handover.phased_out {
            let successor = role
                .afloeses_af
                .as_deref()
                .map_or(String::new(), |id| cell(catalog.name_of(id)));
            let _ = writeln!(
                out,
                "| {} | {} | {successor} |",
                cell(&role.navn),
                role.status_in(Phase::Fase4).id(),
            );
        }
    }
    let _ = writeln!(
        out,
        "\n### SPOC\n\n{}\n\n### Personsammenfald\n",
        inline(&danish::spoc_change(catalog))
    );
    if handover.overlaps.is_empty() {
        out.push_str("Kataloget tager ikke stilling til personsammenfald.\n");
    } else {
        for pair in &handover.overlaps {
            let _ = writeln!(out, "- {}", inline(&danish::overlap_pair(pair, catalog)));
        }
    }
}

fn roles(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("\n## Roller\n");
    for gruppe in catalog.groups() {
        let _ = writeln!(out, "\n### {}", gruppe.heading());
        for role in catalog.roles_in(gruppe) {
            role_section(out, catalog, role);
        }
    }
}

fn role_section(out: &mut String, catalog: &ResolvedCatalog, role: &ResolvedRole) {
    let _ = writeln!(
        out,
        "\n#### {}\n\n*{}* · `{}`",
        inline(&role.navn),
        danish::group_singular(role),
        inline(&role.id)
    );
    if let Some(note) = danish::tailoring(role) {
        let _ = writeln!(out, "\n*{}*", inline(&note));
    }
    let _ = writeln!(out, "\n**Effekt:** {}", inline(&role.effekt));
    if let Some(beskrivelse) = &role.beskrivelse {
        let _ = writeln!(out, "\n**Beskrivelse:** {}", inline(beskrivelse));
    }
    duties(out, "Opgaver", &role.opgaver);
    duties(out, "Ansvar", &role.ansvar);
    if !role.kompetencer.is_empty() {
        out.push_str("\n**Kompetencer**\n\n");
        for kompetence in &role.kompetencer {
            let _ = writeln!(out, "- {}", inline(kompetence));
        }
    }
    let _ = writeln!(out, "\n**Kendetegn:** {}", inline(&role.kendetegn));
    let _ = writeln!(
        out,
        "\n**Udpegning:** {}",
        inline(&danish::udpegning(role, catalog))
    );
    let _ = writeln!(out, "\n**Status:** {}", danish::status_summary(role));
    let spoc = catalog.spoc_phases(&role.id);
    if !spoc.is_empty() {
        let _ = writeln!(out, "\n**SPOC:** i {}.", danish::phase_list(&spoc));
    }
    if let Some(advice) = danish::personsammenfald(role, catalog) {
        let _ = writeln!(out, "\n**Personsammenfald:** {}", inline(&advice));
    }
    if !role.integrationer.is_empty() {
        let names: Vec<&str> = role.integrationer.iter().map(|i| i.title()).collect();
        let _ = writeln!(out, "\n**Integrationer:** {}", names.join(", "));
    }
    out.push_str("\n**KLIK-opgaver**\n\n");
    if role.klik_opgaver.is_empty() {
        out.push_str("Rollen indgår ikke i katalogets KLIK-opgaver.\n");
        return;
    }
    out.push_str("| ID | Opgave | Fase | Rollens del |\n|---|---|---|---|\n");
    let mut seen = Vec::new();
    for task_ref in &role.klik_opgaver {
        if seen.contains(&task_ref.id.as_str()) {
            continue;
        }
        seen.push(task_ref.id.as_str());
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
            "| {} | {} | {} | {} |",
            cell(&task.id),
            cell(&task.titel),
            task.fase.title(),
            danish::join(&parts)
        );
    }
}

fn duties(out: &mut String, heading: &str, duties: &[Duty]) {
    if duties.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\n| {heading} | Implementering | Drift og forvaltning |\n|---|:-:|:-:|"
    );
    for duty in duties {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&duty.tekst),
            danish::mark(duty.implementering),
            danish::mark(duty.drift_og_forvaltning)
        );
    }
}

fn tasks(out: &mut String, catalog: &ResolvedCatalog) {
    out.push_str("\n## KLIK-opgaver\n");
    if catalog.klik_opgaver.is_empty() {
        out.push_str("\nKataloget har ingen KLIK-opgaver.\n");
        return;
    }
    for theme in Theme::ALL {
        let tasks = catalog.tasks_in(theme);
        if tasks.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n### {}\n\n| ID | Opgave | Fase | Ansvarlig | Udfører | Involverede |\n|---|---|---|---|---|---|",
            theme.title()
        );
        for task in tasks {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&task.id),
                cell(&task.titel),
                task.fase.title(),
                cell(catalog.name_of(&task.ansvarlig)),
                cell(&danish::names(catalog, &task.udfoerer)),
                cell(&danish::names(catalog, &task.involverede)),
            );
        }
    }
}
