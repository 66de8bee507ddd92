//! `rg diff --format markdown`: the diff as Markdown to share, in the order of the terminal's:
//! per municipality a summary table first (each system's phase, its SPOC and who holds it, the
//! counts of what is unfilled), then per system the roles that need action (`--all`: every
//! role), and with `--people` each person's roles. Emails only with consent.

use crate::diag::{Diagnostic, Level};
use crate::diff::people::PersonRoles;
use crate::diff::{Holder, MunicipalityDiff, RoleRow, SystemDiff};
use crate::render::diff_human::{View, finding_text, held_pieces};
use crate::render::markdown_text::{cell, code, inline};

/// One municipality, rendered on its own.
pub fn municipality(m: &MunicipalityDiff, diagnostics: &[Diagnostic], view: View) -> String {
    let mut out = format!("# {}\n\n", inline(&m.kommune));
    unread(&mut out, m, diagnostics);
    if !m.systemer.is_empty() {
        summary(&mut out, &m.systemer);
    }
    if !m.uden_fase.is_empty() {
        let names: Vec<String> = m.uden_fase.iter().map(|s| cell(s)).collect();
        out.push_str(&format!(
            "Fasen er ikke udfyldt, så disse it-systemer er ikke sammenlignet: {}.\n\n",
            names.join(", ")
        ));
    }
    let mut quiet = Vec::new();
    for system in &m.systemer {
        if !system_section(&mut out, system, view) {
            quiet.push(cell(&system.system));
        }
    }
    if !quiet.is_empty() {
        out.push_str(&format!("Intet at gøre i: {}.\n\n", quiet.join(", ")));
    }
    if let Some(people) = &m.personer {
        people_section(&mut out, people);
    }
    out
}

fn summary(out: &mut String, systems: &[SystemDiff]) {
    out.push_str(
        "| System | Fase | SPOC | Mangler | Anbefalet | Næste fase |\n|---|---|---|--:|--:|---|\n",
    );
    for system in systems {
        let next = match system.naeste_fase {
            None => "—".to_string(),
            Some(next) => format!("{} til {next}", system.mangler_til_naeste_fase.len()),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            cell(&system.system),
            system.fase,
            spoc(system),
            system.ubesatte_obligatoriske,
            system.ubesatte_anbefalede,
            next
        ));
    }
    out.push_str(
        "\n*Mangler*: obligatoriske roller uden udpegning i fasen. *Anbefalet*: anbefalede roller \
         uden udpegning. *Næste fase*: roller, der bliver obligatoriske i næste fase, og som ingen \
         har endnu.\n\n",
    );
}

/// The SPOC by its name in the catalog, and who holds it (emails only with consent).
fn spoc(system: &SystemDiff) -> String {
    let Some(spoc) = &system.spoc else {
        return "ikke angivet i kataloget".into();
    };
    let Some(row) = system.spoc_row() else {
        return code(spoc);
    };
    let holders = match (row.filled_by_function(), row.udpeget.is_empty()) {
        (true, true) => "(aktiveres)".to_string(),
        (false, true) => "— ingen udpeget".to_string(),
        _ => format!("— {}", holder_list(&row.udpeget, ", ")),
    };
    format!("{} {holders}", cell(&row.navn))
}

/// The system's heading and its roles that need action (or all); `false` when it had none.
fn system_section(out: &mut String, system: &SystemDiff, view: View) -> bool {
    let next = system.naeste_fase;
    let due = |rolle: &str| {
        next.filter(|_| {
            system
                .mangler_til_naeste_fase
                .iter()
                .any(|n| &*n.rolle == rolle)
        })
    };
    let rows: Vec<&RoleRow> = system
        .roller
        .iter()
        .filter(|r| view.all || !r.fund.is_empty() || due(&r.rolle).is_some())
        .collect();
    let extra: Vec<_> = system
        .mangler_til_naeste_fase
        .iter()
        .filter(|n| !system.roller.iter().any(|r| r.rolle == n.rolle))
        .collect();
    if rows.is_empty() && extra.is_empty() {
        return false;
    }
    out.push_str(&format!(
        "## {} — {} ({})\n\nSPOC: {}\n\n| Rolle | Id | Status | Udpeget | Fund |\n|---|---|---|---|---|\n",
        inline(&system.system),
        system.fase,
        system.fase.title(),
        spoc(system)
    ));
    for row in rows {
        let mut findings: Vec<String> = row
            .fund
            .iter()
            .map(|c| format!("{} (`{c}`)", finding_text(c)))
            .collect();
        if let Some(next) = due(&row.rolle) {
            findings.push(format!(
                "mangler til {next} (`rg::diff::next_phase_unfilled`)"
            ));
        }
        out.push_str(&format!(
            "| {}{} | {} | {} | {} | {} |\n",
            cell(&row.navn),
            if row.spoc { " ★" } else { "" },
            code(&row.rolle),
            row.status,
            holders(row),
            findings.join("<br>")
        ));
    }
    if let Some(next) = next {
        for missing in extra {
            out.push_str(&format!(
                "| {} | {} | obligatorisk fra {next} | — | mangler til {next} (`rg::diff::next_phase_unfilled`) |\n",
                cell(&missing.navn),
                code(&missing.rolle),
            ));
        }
    }
    out.push('\n');
    true
}

/// What kept the file or a system from being diffed: the reader must not take the rest as all.
fn unread(out: &mut String, municipality: &MunicipalityDiff, diagnostics: &[Diagnostic]) {
    if municipality.fejl == 0 {
        return;
    }
    out.push_str(&format!(
        "**Ikke fuldt læst:** {} fejl holdt filen eller et it-system ude af sammenligningen.\n\n",
        municipality.fejl
    ));
    let errors = diagnostics
        .iter()
        .filter(|d| d.level == Level::Error && d.file_name() == Some(municipality.fil.as_str()));
    for diagnostic in errors {
        let line = diagnostic
            .position()
            .map_or(String::new(), |p| format!("linje {}: ", p.line));
        out.push_str(&format!(
            "- {line}{} ({})\n",
            inline(&diagnostic.message),
            code(diagnostic.code())
        ));
    }
    out.push('\n');
}

fn holders(row: &RoleRow) -> String {
    match (row.filled_by_function(), row.udpeget.is_empty()) {
        (true, true) => "aktiveres — ingen udpegning".into(),
        (true, false) => format!("aktiveres — {}", holder_list(&row.udpeget, "<br>")),
        (false, true) => "—".into(),
        (false, false) => holder_list(&row.udpeget, "<br>"),
    }
}

fn holder_list(list: &[Holder], separator: &str) -> String {
    let several = list.len() > 1;
    list.iter()
        .map(|h| holder(h, several))
        .collect::<Vec<_>>()
        .join(separator)
}

/// A holder's name, the email only with consent, and "primær" when several hold the role.
fn holder(h: &Holder, several: bool) -> String {
    let mut text = cell(&h.navn);
    if let Some(email) = &h.email {
        text.push_str(&format!(" ({})", cell(email)));
    }
    if h.primaer && several {
        text.push_str(" — primær");
    }
    text
}

fn people_section(out: &mut String, people: &[PersonRoles]) {
    out.push_str(
        "## Personer og deres roller\n\n| Person | Roller | Alene om | Hvilke roller |\n|---|--:|--:|---|\n",
    );
    for person in people {
        let mut name = cell(&person.navn);
        if let Some(email) = &person.email {
            name.push_str(&format!(" ({})", cell(email)));
        }
        let roles = cell(&held_pieces(person).join(" "));
        let count = if person.for_mange {
            format!("**{}** (for mange)", person.roller.len())
        } else {
            person.roller.len().to_string()
        };
        out.push_str(&format!(
            "| {name} | {count} | {} | {} |\n",
            person.alene.len(),
            roles
        ));
    }
    out.push_str(
        "\n*Roller*: på tværs af kommunens it-systemer (`rg::diff::person_overloaded` over \
         `max_roles_per_person`). *Alene om*: obligatoriske roller i systemets fase, som kun \
         personen har (`rg::diff::single_holder`).\n\n",
    );
}
