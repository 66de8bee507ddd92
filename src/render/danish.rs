//! The Danish wording shared by the rendered documents and tables: symbols, legends and the
//! sentences built from a resolved catalog. Plain text; each format escapes it itself.

use crate::model::{Maade, Mark, Phase, Status};
use crate::resolve::{OverlapPair, ResolvedCatalog, ResolvedRole};

/// The phase table's symbols.
pub const OBLIGATORISK: &str = "●";
pub const ANBEFALET: &str = "○";
pub const SPOC: &str = "★";

/// The legend under every phase table.
pub const LEGEND: &str = "● obligatorisk · ○ anbefalet · ★ SPOC · tom celle: inaktiv";

/// The seed 003 / appendix text on the SPOC's changing profile.
pub const SPOC_PROFILE: &str = "KOMBIT har til hver en tid behov for ét entydigt kontaktpunkt i \
kommunen, en SPOC (single point of contact). Profilen skifter over tid: kontaktperson ved \
kommunens tilslutning i opvarmningsperioden, ledelse i fase 1, projektleder i fase 2 og 3 og \
systemansvarlig, når it-systemet er i drift og forvaltning i fase 4. Ved store releases kan \
faserne 1–3 gentages, og SPOC fungerer da i en periode igen som projektleder.";

/// The checklist's item 6, as the hand-over section's introduction.
pub const HANDOVER_INTRO: &str = "Ved faseskiftet fra fase 3: Ibrugtagning til fase 4: Forankring \
overgår it-systemet til drift og forvaltning. Systemejer og systemansvarlig skal da være udpeget, \
KOMBITs SPOC skifter, og projektlederen er ikke længere obligatorisk. Roller af betydning for \
drift og forvaltning kan udpeges tidligere for at sikre en solid overlevering.";

pub fn status_symbol(status: Status) -> &'static str {
    match status {
        Status::Obligatorisk => OBLIGATORISK,
        Status::Anbefalet => ANBEFALET,
        Status::Inaktiv => "",
    }
}

/// A phase-table cell: the status symbol, then ★ for the SPOC.
pub fn cell(status: Status, spoc: bool) -> String {
    match (status_symbol(status), spoc) {
        (symbol, false) => symbol.to_string(),
        ("", true) => SPOC.to_string(),
        (symbol, true) => format!("{symbol} {SPOC}"),
    }
}

/// The X columns of Opgaver and Ansvar.
pub fn mark(mark: Mark) -> &'static str {
    match mark {
        Mark::Yes => "X",
        Mark::No => "",
        Mark::Conditional => "(X)",
    }
}

/// Header of a phase column at three widths: full title, medium, short.
pub fn phase_header(phase: Phase, width: HeaderWidth) -> &'static str {
    match width {
        HeaderWidth::Full => phase.title(),
        HeaderWidth::Medium => match phase {
            Phase::Opvarmning => "Opvarmning",
            Phase::Fase1 => "Fase 1",
            Phase::Fase2 => "Fase 2",
            Phase::Fase3 => "Fase 3",
            Phase::Fase4 => "Fase 4",
        },
        HeaderWidth::Short => phase.short(),
    }
}

/// How wide the phase headers of a table are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderWidth {
    Full,
    Medium,
    Short,
}

/// Joins items the Danish way: "a", "a og b", "a, b og c".
pub fn join<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} og {}", head.join(", "), last.as_ref())
        }
    }
}

/// Phases in running text: "opvarmningsperioden og fase 1–3", "fase 2 og 4".
pub fn phase_list(phases: &[Phase]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if phases.contains(&Phase::Opvarmning) {
        parts.push("opvarmningsperioden".into());
    }
    let numbers: Vec<u8> = phases
        .iter()
        .filter_map(|p| match p {
            Phase::Opvarmning => None,
            Phase::Fase1 => Some(1),
            Phase::Fase2 => Some(2),
            Phase::Fase3 => Some(3),
            Phase::Fase4 => Some(4),
        })
        .collect();
    let mut runs: Vec<(u8, u8)> = Vec::new();
    for n in numbers {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let runs: Vec<String> = runs
        .into_iter()
        .flat_map(|(start, end)| match end - start {
            0 => vec![start.to_string()],
            1 => vec![start.to_string(), end.to_string()],
            _ => vec![format!("{start}–{end}")],
        })
        .collect();
    if !runs.is_empty() {
        parts.push(format!("fase {}", join(&runs)));
    }
    join(&parts)
}

/// "Obligatorisk i fase 1–3; anbefalet i fase 4." (or "Inaktiv i alle faser.")
pub fn status_summary(role: &ResolvedRole) -> String {
    let with = |wanted: Status| -> Vec<Phase> {
        role.status
            .iter()
            .filter(|(_, s)| **s == wanted)
            .map(|(p, _)| p)
            .collect()
    };
    // In the order the statuses first occur: "anbefalet i fase 3; obligatorisk i fase 4".
    let mut parts: Vec<(Phase, String)> = Vec::new();
    for (status, word) in [
        (Status::Obligatorisk, "obligatorisk"),
        (Status::Anbefalet, "anbefalet"),
    ] {
        let phases = with(status);
        if let Some(first) = phases.first() {
            parts.push((*first, format!("{word} i {}", phase_list(&phases))));
        }
    }
    if parts.is_empty() {
        return "Inaktiv i alle faser.".into();
    }
    parts.sort_by_key(|(first, _)| *first);
    let parts: Vec<String> = parts.into_iter().map(|(_, text)| text).collect();
    capitalize(&format!("{}.", parts.join("; ")))
}

pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Lowercases the first letter of a phase title for running text ("fase 2: Forberedelse").
pub fn phase_in_text(phase: Phase) -> String {
    match phase {
        Phase::Opvarmning => "opvarmningsperioden".into(),
        other => {
            let title = other.title();
            let mut chars = title.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
    }
}

/// How and when the role is filled, with the gallery's default when the catalog differs,
/// then when it is phased out and who takes over.
pub fn udpegning(role: &ResolvedRole, catalog: &ResolvedCatalog) -> String {
    let mut text = match (role.maade, role.udpeges_i) {
        (Maade::Udpeges, Some(phase)) => format!("Udpeges i {}.", phase_in_text(phase)),
        (Maade::Udpeges, None) => {
            "Udpeges; galleriet angiver ingen fase (se Kendetegn).".to_string()
        }
        (Maade::Aktiveres, Some(phase)) => format!(
            "Aktiveres i {}; rollen følger en stilling eller funktion, så udpegning er overflødig.",
            phase_in_text(phase)
        ),
        (Maade::Aktiveres, None) => {
            "Aktiveres; rollen følger en stilling eller funktion, så udpegning er overflødig."
                .to_string()
        }
        (Maade::IkkeInitieret, Some(phase)) => format!(
            "Udpegning initieres ikke af KOMBIT; kataloget regner med rollen fra {}.",
            phase_in_text(phase)
        ),
        (Maade::IkkeInitieret, None) => "Udpegning initieres ikke af KOMBIT.".to_string(),
    };
    if role.udpeges_i.is_some() && role.udpeges_i != role.galleriets_udpeges_i {
        match role.galleriets_udpeges_i {
            Some(default) => text.push_str(&format!(
                " Fastlagt i kataloget; galleriets forslag er {}.",
                phase_in_text(default)
            )),
            None => text.push_str(" Fastlagt i kataloget."),
        }
    }
    if let Some(after) = role.udfases_efter {
        text.push_str(&format!(" Udfases efter {}", phase_in_text(after)));
        match &role.afloeses_af {
            Some(by) => text.push_str(&format!(" og afløses af {}.", catalog.name_of(by))),
            None => text.push('.'),
        }
    } else if let Some(by) = &role.afloeses_af {
        text.push_str(&format!(" Afløses af {}.", catalog.name_of(by)));
    }
    text
}

/// The person-overlap advice of one role: "Anbefales samme person som Systemejer. ..."
pub fn personsammenfald(role: &ResolvedRole, catalog: &ResolvedCatalog) -> Option<String> {
    let names = |ids: &[String]| {
        join(
            &ids.iter()
                .map(|id| catalog.name_of(id).to_string())
                .collect::<Vec<_>>(),
        )
    };
    let mut parts = Vec::new();
    if !role.personsammenfald.anbefalet.is_empty() {
        parts.push(format!(
            "Samme person anbefales at varetage rollen som {}.",
            names(&role.personsammenfald.anbefalet)
        ));
    }
    if !role.personsammenfald.undgaas.is_empty() {
        parts.push(format!(
            "Samme person bør ikke også varetage rollen som {}.",
            names(&role.personsammenfald.undgaas)
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// One overlap statement of the hand-over section.
pub fn overlap_pair(pair: &OverlapPair, catalog: &ResolvedCatalog) -> String {
    let (from, to) = (catalog.name_of(pair.from), catalog.name_of(pair.to));
    if pair.anbefalet {
        format!("Personsammenfald anbefales: {from} → {to} (samme person fortsætter).")
    } else {
        format!("Personsammenfald undgås: {from} og {to} varetages af forskellige personer.")
    }
}

/// The line on the SPOC at the change to fase-4.
pub fn spoc_change(catalog: &ResolvedCatalog) -> String {
    let handover = catalog.handover();
    match (handover.spoc_before, handover.spoc_after) {
        (Some(before), Some(after)) if before == after => format!(
            "SPOC er den samme i fase 3 og fase 4 ({}). Tjeklisten forventer, at SPOC skifter, \
             når it-systemet overgår til drift og forvaltning.",
            catalog.name_of(before)
        ),
        (Some(before), Some(after)) => format!(
            "Ved overgangen fra fase 3: Ibrugtagning til fase 4: Forankring skifter SPOC fra {} \
             til {}.",
            catalog.name_of(before),
            catalog.name_of(after)
        ),
        (None, Some(after)) => format!(
            "Kataloget angiver ingen SPOC for fase 3; i fase 4 er SPOC {}.",
            catalog.name_of(after)
        ),
        (Some(before), None) => format!(
            "Kataloget angiver ingen SPOC for fase 4; i fase 3 er SPOC {}.",
            catalog.name_of(before)
        ),
        (None, None) => "Kataloget angiver ingen SPOC for fase 3 og fase 4.".into(),
    }
}

/// "Tilpasset fra galleriets rolle «Supportberettiget bruger»: navn, opgaver og ansvar."
pub fn tailoring(role: &ResolvedRole) -> Option<String> {
    role.is_tailored().then(|| {
        format!(
            "Tilpasset fra rollegalleriets rolle »{}«: {}.",
            role.galleriets_navn,
            join(&role.tilpasset)
        )
    })
}

/// "Systemspecifik rolle", "Tværgående rolle", "Infrastrukturrolle".
pub fn group_singular(role: &ResolvedRole) -> &'static str {
    match role.gruppe {
        crate::model::Gruppe::Systemspecifik => "Systemspecifik rolle",
        crate::model::Gruppe::Tvaergaaende => "Tværgående rolle",
        crate::model::Gruppe::Infrastruktur => "Infrastrukturrolle",
    }
}

/// Role names for a list of ids, joined.
pub fn names(catalog: &ResolvedCatalog, ids: &[String]) -> String {
    ids.iter()
        .map(|id| catalog.name_of(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The gallery line of the front matter: "Rollegalleri 1.6 (Maj 2024)".
pub fn gallery_line(catalog: &ResolvedCatalog) -> String {
    let g = &catalog.galleri;
    let mut line = format!("{} {} ({})", g.titel, g.version, g.dato);
    if let Some(written) = &g.skrevet_mod
        && *written != g.version
    {
        line.push_str(&format!("; kataloget er skrevet mod version {written}"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_lists_read_naturally() {
        use Phase::*;
        assert_eq!(phase_list(&[Fase1, Fase2, Fase3]), "fase 1–3");
        assert_eq!(phase_list(&[Fase2, Fase4]), "fase 2 og 4");
        assert_eq!(phase_list(&[Fase3, Fase4]), "fase 3 og 4");
        assert_eq!(
            phase_list(&[Opvarmning, Fase1, Fase2, Fase3]),
            "opvarmningsperioden og fase 1–3"
        );
        assert_eq!(phase_list(&[Opvarmning]), "opvarmningsperioden");
        assert_eq!(phase_list(&[Fase1, Fase2, Fase4]), "fase 1, 2 og 4");
    }

    #[test]
    fn cells_combine_status_and_spoc() {
        assert_eq!(cell(Status::Obligatorisk, true), "● ★");
        assert_eq!(cell(Status::Anbefalet, false), "○");
        assert_eq!(cell(Status::Inaktiv, false), "");
        assert_eq!(cell(Status::Inaktiv, true), "★");
    }

    #[test]
    fn danish_join() {
        assert_eq!(join(&["a"]), "a");
        assert_eq!(join(&["a", "b"]), "a og b");
        assert_eq!(join(&["a", "b", "c"]), "a, b og c");
    }
}
