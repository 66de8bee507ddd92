//! Writes a planned catalog as YAML, in the layout of the repository's own catalogs.

use crate::system_plan::{PlannedRole, PlannedTask, SystemPlan};
use crate::yaml_text::{flow_list, scalar};
use rollegalleri::api::{Maade, Phase};
use std::fmt::Write;

pub fn render(plan: &SystemPlan, galleri: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Rollekatalog for {} (genereret til ydelsestest).",
        plan.name
    );
    let _ = writeln!(out, "system: {}", scalar(&plan.name));
    let _ = writeln!(
        out,
        "titel: {}",
        scalar(&format!("Rollekatalog for {}", plan.name))
    );
    let _ = writeln!(out, "galleri: \"{galleri}\"");
    let _ = writeln!(out, "fagomraade: {}", scalar(&plan.fagomraade));
    // A fixed edition, so the corpus stays reproducible.
    out.push_str("dokument: {version: \"1.0\", dato: 2026-01-15, status: godkendt}\n");
    let integrations: Vec<&str> = plan.integrations.iter().map(|i| i.id()).collect();
    let _ = writeln!(out, "integrationer: {}", flow_list(&integrations));
    out.push_str("\nspoc:\n");
    for (phase, role) in Phase::ALL.iter().zip(plan.spoc) {
        let _ = writeln!(out, "  {phase}: {role}");
    }
    out.push_str("\nroller:\n");
    for role in &plan.roles {
        write_role(&mut out, role);
    }
    out.push_str("\nklik_opgaver:\n");
    for task in &plan.tasks {
        write_task(&mut out, task);
    }
    out
}

fn write_role(out: &mut String, role: &PlannedRole) {
    let _ = writeln!(out, "  - rolle: {}", role.id);
    if let Some(navn) = &role.navn {
        let _ = writeln!(out, "    navn: {}", scalar(navn));
    }
    let status: Vec<String> = role
        .status
        .iter()
        .map(|(phase, status)| format!("{phase}: {}", status.id()))
        .collect();
    let _ = writeln!(out, "    status: {{{}}}", status.join(", "));
    if let Some(phase) = role.earlier {
        let key = if role.maade == Maade::Aktiveres {
            "aktiveres"
        } else {
            "udpeges"
        };
        let _ = writeln!(out, "    {key}: {phase}");
    }
    if role.id == "projektejer" {
        out.push_str("    personsammenfald: {anbefalet: [systemejer]}\n");
    }
}

fn write_task(out: &mut String, task: &PlannedTask) {
    let _ = writeln!(out, "  - id: {}", task.id);
    let _ = writeln!(out, "    titel: {}", scalar(task.titel));
    let _ = writeln!(out, "    tema: {}", task.tema);
    let _ = writeln!(out, "    fase: {}", task.fase);
    let _ = writeln!(out, "    ansvarlig: {}", task.ansvarlig);
    if !task.udfoerer.is_empty() {
        let _ = writeln!(out, "    udfoerer: {}", flow_list(&task.udfoerer));
    }
    if !task.involverede.is_empty() {
        let _ = writeln!(out, "    involverede: {}", flow_list(&task.involverede));
    }
}
