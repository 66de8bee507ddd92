//! `rg new appointments KOMMUNE`: what a municipality has to fill in, from the catalogs in use —
//! every system with its roles per phase, the cross-cutting roles once for all systems, one
//! example person — as an appointments YAML file with the roles as comments, or as the rows of
//! the fill-in workbook. Both check without errors; the blanks are `rg::appointments::placeholder`
//! warnings until they are filled.

use super::layout;
use crate::model::{Gruppe, Maade, Phase, Status};
use crate::printable::yaml_string;
// Comments hold names from the catalogs: on one line, control characters as visible escapes.
use crate::printable::one_line;
use crate::resolve::{ResolvedCatalog, ResolvedRole};
use std::fmt::Write;

/// The scaffold of one municipality.
pub(crate) struct Scaffold<'a> {
    pub kommune: String,
    /// The catalogs in use, by system name.
    pub catalogs: Vec<&'a ResolvedCatalog>,
}

/// A cross-cutting or infrastructure role, appointed once for every system that has it.
pub(crate) struct CrossRole<'a> {
    pub role: &'a ResolvedRole,
    pub systems: Vec<&'a str>,
}

impl<'a> Scaffold<'a> {
    pub(crate) fn new(kommune: &str, catalogs: &'a [ResolvedCatalog]) -> Scaffold<'a> {
        let mut catalogs: Vec<&ResolvedCatalog> = catalogs.iter().collect();
        catalogs.sort_by_key(|c| c.system.to_lowercase());
        Scaffold {
            kommune: kommune.to_string(),
            catalogs,
        }
    }

    /// The cross-cutting roles of all catalogs, in the order they first appear.
    pub(crate) fn cross_cutting(&self) -> Vec<CrossRole<'a>> {
        let mut roles: Vec<CrossRole> = Vec::new();
        for catalog in &self.catalogs {
            for role in catalog
                .roller
                .iter()
                .filter(|r| r.gruppe != Gruppe::Systemspecifik)
            {
                match roles.iter_mut().find(|r| r.role.id == role.id) {
                    Some(known) => known.systems.push(&catalog.system),
                    None => roles.push(CrossRole {
                        role,
                        systems: vec![&catalog.system],
                    }),
                }
            }
        }
        roles
    }
}

/// The phases a role is in with a status, as ranges: "fase-1–fase-3, fase-4".
fn phases_with(role: &ResolvedRole, status: Status) -> String {
    let phases: Vec<Phase> = Phase::ALL
        .into_iter()
        .filter(|p| role.status_in(*p) == status)
        .collect();
    ranges(&phases)
}

fn ranges(phases: &[Phase]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut start = 0;
    while start < phases.len() {
        let mut end = start;
        while end + 1 < phases.len() && phases[end].next() == Some(phases[end + 1]) {
            end += 1;
        }
        parts.push(match end - start {
            0 => phases[start].id().to_string(),
            1 => format!("{}, {}", phases[start].id(), phases[end].id()),
            _ => format!("{}–{}", phases[start].id(), phases[end].id()),
        });
        start = end + 1;
    }
    parts.join(", ")
}

/// A role's statuses in words a reader scans: "● fase-1–fase-3 · ○ fase-4 · ★ fase-2, fase-3",
/// "aktiveres" for a role that follows a job.
pub(crate) fn status_summary(catalog: &ResolvedCatalog, role: &ResolvedRole) -> String {
    let mut parts = Vec::new();
    for (symbol, status) in [("●", Status::Obligatorisk), ("○", Status::Anbefalet)] {
        let phases = phases_with(role, status);
        if !phases.is_empty() {
            parts.push(format!("{symbol} {phases}"));
        }
    }
    let spoc = ranges(&catalog.spoc_phases(&role.id));
    if !spoc.is_empty() {
        parts.push(format!("★ {spoc}"));
    }
    if role.maade == Maade::Aktiveres {
        parts.push("aktiveres".into());
    }
    parts.join(" · ")
}

/// The scaffold as an appointments YAML file (after the modeline).
pub(crate) fn yaml(scaffold: &Scaffold, catalogs_dir: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Udpegninger for {} – skabelon fra `rg new appointments` ({} rollekataloger i {}).",
        one_line(&scaffold.kommune),
        scaffold.catalogs.len(),
        one_line(catalogs_dir)
    );
    out.push_str(YAML_GUIDE);
    let _ = writeln!(out, "kommune: {}\n", yaml_string(&scaffold.kommune));
    out.push_str(
        "personer:\n\
         \x20 eksempel:                     # erstat nøglen med personens egen, fx `mette`\n\
         \x20   navn: \"\"                    # det fulde navn\n\
         \x20   # email: fornavn.efternavn@kommune.dk\n\
         \x20   samtykke: false             # true, når personen har givet samtykke\n\n",
    );
    cross_cutting(&mut out, scaffold);
    out.push_str("systemer:\n");
    for catalog in &scaffold.catalogs {
        system(&mut out, catalog);
    }
    out
}

const YAML_GUIDE: &str = "#
# Sådan udfyldes filen:
# 1. Skriv hver person én gang under `personer` med en kort nøgle (fx `mette`), navn og e-mail.
#    `samtykke: true` betyder, at personen accepterer, at andre kommuner ser kontaktoplysningerne;
#    uden samtykke vises e-mailen aldrig uden for kommunen.
# 2. Skriv hvert it-systems aktuelle fase i kommunen ved `fase:` (opvarmning, fase-1 … fase-4).
#    Et system uden fase sammenlignes ikke.
# 3. Fjern `#` foran de roller, der er udpeget, og skriv personernes nøgler i listen, fx
#    `projektleder: [mette, jens]`; den første er den primære kontakt. En rolle, der aktiveres,
#    følger en stilling: det er frivilligt at skrive, hvem der har den.
# 4. Tjek filen med `rg check`, og se med `rg diff`, hvad der mangler i hvert systems fase.
# Tegn: ● obligatorisk, ○ anbefalet, ★ SPOC (KOMBITs kontaktperson i fasen).

";

/// The cross-cutting roles, each once with the systems that have it.
fn cross_cutting(out: &mut String, scaffold: &Scaffold) {
    let roles = scaffold.cross_cutting();
    out.push_str(
        "# Tværgående roller og infrastrukturroller gælder for alle it-systemer: skriv dem her én gang.\n\
         tvaergaaende:\n",
    );
    if roles.is_empty() {
        out.push_str("  # (katalogerne har ingen tværgående roller)\n");
    }
    let width = roles.iter().map(|r| r.role.id.len()).max().unwrap_or(0);
    for cross in &roles {
        let role = cross.role;
        let mut note = format!("{} · {}", role.navn, cross.systems.join(", "));
        if role.maade == Maade::Aktiveres {
            note.push_str(" · aktiveres");
        }
        let _ = writeln!(
            out,
            "  # {:width$}  # {}",
            format!("{}: []", role.id),
            one_line(&note),
            width = width + 4
        );
    }
    out.push('\n');
}

/// One system: its phase to fill, its roles per phase, its own roles to appoint.
fn system(out: &mut String, catalog: &ResolvedCatalog) {
    let _ = writeln!(out, "  - system: {}", yaml_string(&catalog.system));
    out.push_str(
        "    fase: null                    # opvarmning, fase-1, fase-2, fase-3 eller fase-4\n",
    );
    out.push_str("    # Roller pr. fase (● obligatorisk, ○ anbefalet, ★ SPOC):\n");
    for phase in Phase::ALL {
        let roles: Vec<String> = catalog
            .roller
            .iter()
            .filter_map(|role| {
                let symbol = match role.status_in(phase) {
                    Status::Obligatorisk => "●",
                    Status::Anbefalet => "○",
                    Status::Inaktiv => return None,
                };
                let star = if catalog.is_spoc(&role.id, phase) {
                    "★"
                } else {
                    ""
                };
                Some(format!("{symbol}{star} {}", role.id))
            })
            .collect();
        out.push_str(&comment_items(&format!("{}:", phase.id()), &roles, 96));
    }
    out.push_str("    udpegninger:\n");
    let own: Vec<&ResolvedRole> = catalog
        .roller
        .iter()
        .filter(|r| r.gruppe == Gruppe::Systemspecifik)
        .collect();
    let width = own.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for role in own {
        let _ = writeln!(
            out,
            "      # {:width$}  # {} · {}",
            format!("{}: []", role.id),
            one_line(&role.navn),
            status_summary(catalog, role),
            width = width + 4
        );
    }
}

/// A comment line of items after a label, continued on indented comment lines, breaking
/// only between items ("●★ projektejer" stays together).
fn comment_items(label: &str, items: &[String], width: usize) -> String {
    let mut out = String::new();
    let mut line = format!("    #   {label}");
    for (at, item) in items.iter().enumerate() {
        let comma = if at + 1 < items.len() { "," } else { "" };
        let piece = format!(" {item}{comma}");
        if line.chars().count() + piece.chars().count() > width && !line.ends_with(':') {
            out.push_str(&line);
            out.push('\n');
            line = "    #      ".to_string();
        }
        line.push_str(&piece);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

/// The rows of the workbook's sheets: what `--format xlsx` and `--format csv` write.
pub(crate) struct SheetRows {
    pub kommune: String,
    pub persons: Vec<Vec<String>>,
    pub appointments: Vec<Vec<String>>,
}

/// The sheets' rows: the example person, then a row per cross-cutting role and per role of
/// each system, with the role's name and statuses beside it for the reader.
pub(crate) fn sheet_rows(scaffold: &Scaffold) -> SheetRows {
    let persons = vec![vec![
        "eksempel".to_string(),
        String::new(),
        String::new(),
        layout::NO.to_string(),
    ]];
    let mut appointments = Vec::new();
    for cross in scaffold.cross_cutting() {
        let mut help = format!("alle systemer: {}", cross.systems.join(", "));
        if cross.role.maade == Maade::Aktiveres {
            help.push_str(" · aktiveres");
        }
        appointments.push(vec![
            layout::CROSS_CUTTING.to_string(),
            String::new(),
            cross.role.id.clone(),
            String::new(),
            cross.role.navn.clone(),
            help,
        ]);
    }
    for catalog in &scaffold.catalogs {
        for role in catalog
            .roller
            .iter()
            .filter(|r| r.gruppe == Gruppe::Systemspecifik)
        {
            appointments.push(vec![
                catalog.system.clone(),
                String::new(),
                role.id.clone(),
                String::new(),
                role.navn.clone(),
                status_summary(catalog, role),
            ]);
        }
    }
    SheetRows {
        kommune: scaffold.kommune.clone(),
        persons,
        appointments,
    }
}

/// The sheets in one CSV file: the municipality, then *Personer* and *Udpegninger*, each
/// after a line naming it and with its header row (the layout `rg import` reads from CSV).
pub(crate) fn csv(rows: &SheetRows) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .flexible(true)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let cell = |text: &str| crate::printable::csv_cell(text).into_owned();
    // Writing CSV into memory cannot fail.
    let _ = writer.write_record([layout::KOMMUNE.to_string(), cell(&rows.kommune)]);
    let _ = writer.write_record([layout::PERSONS]);
    let _ = writer.write_record(layout::PERSON_COLUMNS);
    for row in &rows.persons {
        let _ = writer.write_record(row.iter().map(|c| cell(c)));
    }
    let _ = writer.write_record([layout::APPOINTMENTS]);
    let header: Vec<&str> = layout::APPOINTMENT_COLUMNS
        .iter()
        .chain(layout::APPOINTMENT_HELP.iter())
        .copied()
        .collect();
    let _ = writer.write_record(&header);
    for row in &rows.appointments {
        let _ = writer.write_record(row.iter().map(|c| cell(c)));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_written_as_ranges() {
        use Phase::*;
        assert_eq!(ranges(&[Fase1, Fase2, Fase3]), "fase-1–fase-3");
        assert_eq!(ranges(&[Fase3, Fase4]), "fase-3, fase-4");
        assert_eq!(
            ranges(&[Opvarmning, Fase2, Fase3, Fase4]),
            "opvarmning, fase-2–fase-4"
        );
        assert_eq!(ranges(&[]), "");
    }
}
