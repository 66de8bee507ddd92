//! `rg diff --format markdown`: the diff as Markdown to share (emails only with consent).

use crate::diag::{Diagnostic, Level};
use crate::diff::{Holder, MunicipalityDiff, RoleRow};
use crate::render::diff_human::finding_text;
use crate::render::markdown_text::{cell, code, inline};

/// One municipality, with the findings of its file.
pub fn municipality(municipality: &MunicipalityDiff, diagnostics: &[&Diagnostic]) -> String {
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", inline(&municipality.kommune)));
    unread(&mut out, municipality, diagnostics);
    for system in &municipality.systemer {
        let spoc = system.spoc.as_deref().unwrap_or("ikke angivet");
        out.push_str(&format!(
            "## {} — {} ({})\n\nSPOC: {}\n\n| Rolle | Status | Udpeget | Fund |\n|---|---|---|---|\n",
            inline(&system.system),
            system.fase,
            system.fase.title(),
            code(spoc)
        ));
        for row in &system.roller {
            out.push_str(&format!(
                "| {}{} | {} | {} | {} |\n",
                cell(&row.navn),
                if row.spoc { " ★" } else { "" },
                row.status,
                holders(row),
                findings(row)
            ));
        }
        if let Some(next) = system.naeste_fase {
            let missing: Vec<String> = system
                .mangler_til_naeste_fase
                .iter()
                .map(|r| cell(&r.navn))
                .collect();
            let text = if missing.is_empty() {
                "ingen".to_string()
            } else {
                missing.join(", ")
            };
            out.push_str(&format!("\nMangler til {next}: {text}\n"));
        }
        out.push('\n');
    }
    out
}

/// What kept the file or a system from being diffed: the reader must not take the rest as all.
fn unread(out: &mut String, municipality: &MunicipalityDiff, diagnostics: &[&Diagnostic]) {
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
    if row.filled_by_function() && row.udpeget.is_empty() {
        return "aktiveres — ingen udpegning".into();
    }
    let several = row.udpeget.len() > 1;
    row.udpeget
        .iter()
        .map(|h| holder(h, several))
        .collect::<Vec<_>>()
        .join("<br>")
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

fn findings(row: &RoleRow) -> String {
    row.fund
        .iter()
        .map(|c| format!("{} (`{c}`)", finding_text(c)))
        .collect::<Vec<_>>()
        .join("<br>")
}
