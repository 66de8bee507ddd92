//! `rg diff` for a person at a terminal: per municipality and system, a table of the roles that
//! matter in the current phase and what is missing for the next phase (the file problems and
//! the summary line follow all municipalities: see `diff_stream`).

use crate::diff::{Holder, MunicipalityDiff, RoleRow, SystemDiff};
use crate::model::Status;
use crate::printable::printable;
use crate::term::Term;
use comfy_table::{ColumnConstraint, ContentArrangement, Table, presets};
use std::io::{self, Write};

pub(crate) fn write_municipality(
    out: &mut dyn Write,
    municipality: &MunicipalityDiff,
    term: &Term,
) -> io::Result<()> {
    writeln!(
        out,
        "{}  ({})",
        term.bold(&municipality.kommune),
        crate::printable::one_line(&municipality.fil)
    )?;
    // What kept the file or an entry out is said first: the tables below are not all of it.
    if municipality.fejl > 0 {
        writeln!(
            out,
            "  ikke fuldt læst: {} fejl holdt filen eller et it-system ude af sammenligningen (se nedenfor)\n",
            municipality.fejl
        )?;
    } else if municipality.systemer.is_empty() {
        writeln!(out, "  ingen it-systemer med et rollekatalog\n")?;
    }
    for system in &municipality.systemer {
        write_system(out, system, term)?;
    }
    Ok(())
}

fn write_system(out: &mut dyn Write, system: &SystemDiff, term: &Term) -> io::Result<()> {
    let phase_name = system.fase.title().rsplit(": ").next().unwrap_or_default();
    writeln!(
        out,
        "\n{} · {} {phase_name} · SPOC: {}",
        term.bold(&system.system),
        system.fase,
        printable(&spoc_line(system))
    )?;
    writeln!(out, "{}", printable(&table(system, term).to_string()))?;
    write_codes(out, system)?;
    if let Some(next) = system.naeste_fase {
        if system.mangler_til_naeste_fase.is_empty() {
            writeln!(out, "Til {next}: alle obligatoriske roller er besat.")?;
        } else {
            let names: Vec<String> = system
                .mangler_til_naeste_fase
                .iter()
                .map(|r| r.rolle.clone())
                .collect();
            writeln!(
                out,
                "Til {next} mangler: {} [{}]",
                names.join(", "),
                crate::diag::codes::diff::NEXT_PHASE_UNFILLED.code
            )?;
        }
    }
    writeln!(out)
}

fn spoc_line(system: &SystemDiff) -> String {
    let Some(spoc) = &system.spoc else {
        return "ikke angivet i kataloget".into();
    };
    match system.roller.iter().find(|r| &r.rolle == spoc) {
        Some(row) if row.filled_by_function() => format!("{spoc} (aktiveres)"),
        Some(row) if !row.udpeget.is_empty() => format!("{spoc} — {}", holders(&row.udpeget)),
        _ => format!(
            "{spoc} — ingen udpeget [{}]",
            crate::diag::codes::diff::SPOC_UNFILLED.code
        ),
    }
}

fn table(system: &SystemDiff, term: &Term) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["rolle", "status", "udpeget", "fund"]);
    if !term.is_terminal {
        table.set_width(term.width as u16);
    }
    for row in &system.roller {
        table.add_row([
            role_cell(row),
            status_cell(row.status).into(),
            holders_cell(row),
            findings_cell(row),
        ]);
    }
    // Role ids are looked up by name: keep them whole, let the names wrap instead.
    for column in [0, 1] {
        if let Some(column) = table.column_mut(column) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    table
}

fn role_cell(row: &RoleRow) -> String {
    if row.spoc {
        format!("{} ★", row.rolle)
    } else {
        row.rolle.clone()
    }
}

fn status_cell(status: Status) -> &'static str {
    match status {
        Status::Obligatorisk => "● obligatorisk",
        Status::Anbefalet => "○ anbefalet",
        Status::Inaktiv => "inaktiv",
    }
}

fn holders_cell(row: &RoleRow) -> String {
    if row.filled_by_function() && row.udpeget.is_empty() {
        return "aktiveres — ingen udpegning".into();
    }
    if row.udpeget.is_empty() {
        "—".into()
    } else {
        holders(&row.udpeget)
    }
}

/// Names, the primary contact marked when there are several.
pub fn holders(list: &[Holder]) -> String {
    let many = list.len() > 1;
    list.iter()
        .map(|h| {
            if h.primaer && many {
                format!("{} (primær)", h.navn)
            } else {
                h.navn.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn findings_cell(row: &RoleRow) -> String {
    row.fund
        .iter()
        .map(|code| finding_text(code))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Each finding with its code, so `rg explain CODE` can say more.
fn write_codes(out: &mut dyn Write, system: &SystemDiff) -> io::Result<()> {
    for row in &system.roller {
        for code in &row.fund {
            writeln!(out, "  {code}: {}", row.rolle)?;
        }
    }
    Ok(())
}

/// The Danish words for a diff finding, as shown next to its code.
pub fn finding_text(code: &str) -> &'static str {
    match code {
        "rg::diff::unfilled_mandatory" => "mangler",
        "rg::diff::unfilled_recommended" => "anbefales besat",
        "rg::diff::spoc_unfilled" => "SPOC mangler",
        "rg::diff::inactive_appointed" => "inaktiv, men udpeget",
        "rg::diff::overlap_discouraged" => "personsammenfald frarådes",
        "rg::diff::overlap_recommended" => "personsammenfald anbefales",
        _ => "fund",
    }
}
