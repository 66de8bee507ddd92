//! `rg diff --format csv|xlsx` without `--overview`: a municipality's gaps as rows for a
//! spreadsheet, one row per finding — kommune, system, fase, rolle (id), rollenavn, status,
//! fund, udpeget, kode. With `--all` the roles without findings get a row too. Names are
//! shown, emails only with `samtykke: true`; a municipality that could not be fully read says
//! so in a row of its own, so it is never taken for one without gaps.

use crate::diag::codes::{appointments, diff as rule};
use crate::diff::{Holder, MunicipalityDiff, RoleRow, SystemDiff};
use crate::model::Status;
use crate::render::diff_human::finding_text;

/// The columns, as the CSV header and the workbook's header row name them.
pub const HEADER: [&str; 9] = [
    "kommune",
    "system",
    "fase",
    "rolle",
    "rollenavn",
    "status",
    "fund",
    "udpeget",
    "kode",
];

/// One finding (or, with `--all`, one role).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub kommune: String,
    pub system: String,
    pub fase: String,
    pub rolle: String,
    pub rollenavn: String,
    /// The role's status in the system's current phase (`obligatorisk`, `anbefalet`, `inaktiv`).
    pub status: Option<Status>,
    pub fund: String,
    pub udpeget: String,
    /// The rule code of the finding; empty for a role without one.
    pub kode: String,
}

impl Row {
    pub fn cells(&self) -> [&str; 9] {
        [
            &self.kommune,
            &self.system,
            &self.fase,
            &self.rolle,
            &self.rollenavn,
            self.status.map_or("", |s| s.id()),
            &self.fund,
            &self.udpeget,
            &self.kode,
        ]
    }

    /// Whether the row is about a mandatory role nobody holds now (red in the workbook).
    pub fn unfilled_mandatory(&self) -> bool {
        self.kode == rule::UNFILLED_MANDATORY.code || self.kode == rule::SPOC_UNFILLED.code
    }

    fn about(m: &MunicipalityDiff, system: &str, fase: &str) -> Row {
        Row {
            kommune: m.kommune.clone(),
            system: system.to_string(),
            fase: fase.to_string(),
            rolle: String::new(),
            rollenavn: String::new(),
            status: None,
            fund: String::new(),
            udpeget: String::new(),
            kode: String::new(),
        }
    }
}

/// The rows of one municipality, in its systems' order.
pub fn rows(m: &MunicipalityDiff, all: bool) -> Vec<Row> {
    let mut rows = Vec::new();
    if m.fejl > 0 {
        let mut row = Row::about(m, "", "");
        row.fund = format!(
            "ikke fuldt læst: {} fejl holdt filen eller et it-system ude af sammenligningen",
            m.fejl
        );
        rows.push(row);
    }
    for system in &m.uden_fase {
        let mut row = Row::about(m, system, "");
        row.fund = "fasen er ikke udfyldt; ikke sammenlignet".into();
        row.kode = appointments::PLACEHOLDER.code.into();
        rows.push(row);
    }
    for system in &m.systemer {
        system_rows(m, system, all, &mut rows);
    }
    for person in m.personer.iter().flatten().filter(|p| p.for_mange) {
        let mut row = Row::about(m, "", "");
        row.fund = format!(
            "{} ({} roller)",
            finding_text(rule::PERSON_OVERLOADED.code),
            person.roller.len()
        );
        row.udpeget = named(&person.navn, person.email.as_deref());
        row.kode = rule::PERSON_OVERLOADED.code.into();
        rows.push(row);
    }
    rows
}

fn system_rows(m: &MunicipalityDiff, system: &SystemDiff, all: bool, rows: &mut Vec<Row>) {
    let fase = system.fase.id();
    let next = system.naeste_fase;
    let due = |rolle: &str| {
        system
            .mangler_til_naeste_fase
            .iter()
            .any(|n| &*n.rolle == rolle)
    };
    for role in &system.roller {
        let due_now = next.is_some() && due(&role.rolle);
        // Most roles need nothing: their row is made only when it is shown.
        if role.fund.is_empty() && !due_now && !all {
            continue;
        }
        let base = role_row(m, system, role);
        for code in &role.fund {
            let mut row = base.clone();
            row.fund = finding_text(code).into();
            row.kode = code.to_string();
            rows.push(row);
        }
        if let (Some(next), true) = (next, due_now) {
            let mut row = base.clone();
            row.fund = format!("mangler til {next}");
            row.kode = rule::NEXT_PHASE_UNFILLED.code.into();
            rows.push(row);
        } else if all && role.fund.is_empty() {
            rows.push(base);
        }
    }
    let Some(next) = next else { return };
    for missing in &system.mangler_til_naeste_fase {
        if system.roller.iter().any(|r| r.rolle == missing.rolle) {
            continue;
        }
        let mut row = Row::about(m, &system.system, fase);
        row.rolle = missing.rolle.to_string();
        row.rollenavn = missing.navn.to_string();
        row.status = Some(Status::Inaktiv);
        row.fund = format!("mangler til {next}");
        row.kode = rule::NEXT_PHASE_UNFILLED.code.into();
        rows.push(row);
    }
}

fn role_row(m: &MunicipalityDiff, system: &SystemDiff, role: &RoleRow) -> Row {
    let mut row = Row::about(m, &system.system, system.fase.id());
    row.rolle = role.rolle.to_string();
    row.rollenavn = role.navn.to_string();
    row.status = Some(role.status);
    row.udpeget = holders(&role.udpeget, role.filled_by_function());
    row
}

/// The holders' names, each email only with consent.
fn holders(list: &[Holder], activated: bool) -> String {
    let names: Vec<String> = list
        .iter()
        .map(|h| named(&h.navn, h.email.as_deref()))
        .collect();
    match (activated, names.is_empty()) {
        (true, true) => "aktiveres".into(),
        (true, false) => format!("aktiveres — {}", names.join(", ")),
        _ => names.join(", "),
    }
}

fn named(name: &str, email: Option<&str>) -> String {
    match email {
        Some(email) => format!("{name} ({email})"),
        None => name.to_string(),
    }
}
