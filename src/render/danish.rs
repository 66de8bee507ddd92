//! The Danish wording shared by the rendered documents and tables: symbols, legends and the
//! sentences built from a resolved catalog. Plain text; each format escapes it itself.

use crate::model::{Mark, Phase, Status};
use crate::resolve::{ResolvedCatalog, ResolvedRole};

/// The phase table's symbols.
pub const OBLIGATORISK: &str = "●";
pub const ANBEFALET: &str = "○";
pub const SPOC: &str = "★";

/// The legend under every phase table.
pub const LEGEND: &str = "● obligatorisk · ○ anbefalet · ★ SPOC · tom celle: inaktiv";

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

/// "Systemspecifik rolle", "Tværgående rolle", "Infrastrukturrolle".
pub fn group_singular(role: &ResolvedRole) -> &'static str {
    match role.gruppe {
        crate::model::Gruppe::Systemspecifik => "Systemspecifik rolle",
        crate::model::Gruppe::Tvaergaaende => "Tværgående rolle",
        crate::model::Gruppe::Infrastruktur => "Infrastrukturrolle",
    }
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
