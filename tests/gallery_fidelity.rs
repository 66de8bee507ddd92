//! Proves the transcription of the gallery against the standard's text (seed 000):
//! every text occurs in the source and every Opgaver/Ansvar/Kompetencer bullet is there.

use rollegalleri::api::{self, Gallery, GalleryRole, STANDARD_ORDER};
use std::path::Path;

const SEED: &str = "../shared/seeds/000_1749faacbda60530.txt";
const DESIGN: &str = "../shared/DESIGN.md";

/// Marks a hyphen that stood at a line end: the transcription may keep it or join the word.
const SOFT_HYPHEN: char = '\u{ad}';

fn repository_gallery() -> Gallery {
    let (gallery, diagnostics) =
        api::gallery_folder(Path::new("gallery")).expect("gallery/ is readable");
    assert!(diagnostics.is_empty(), "gallery has diagnostics");
    gallery.expect("gallery loads")
}

fn read_or_explain(path: &str) -> Option<String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) => {
            eprintln!(
                "SKIPPED: {path} is not readable ({error}); put ../shared beside the repository to run this check"
            );
            None
        }
    }
}

fn collapse(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line that only holds the X columns ("X", "X X", "(X)"), printed where a bullet
/// crosses a page break.
fn is_marks_only(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.split_whitespace().all(|w| w == "X" || w == "(X)")
}

/// The version table's repeated header and its "Version x.y" cells, which the extraction places
/// after (or inside) the rows they label.
fn is_version_table_furniture(line: &str) -> bool {
    line == "Dato Kommentar"
        || line
            .strip_prefix("Version ")
            .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The seed as one string without whitespace: page headers, link lines and X-only lines dropped,
/// footnote markers removed, line-end hyphens marked soft.
fn normalised_seed(seed: &str, headers: &[String]) -> Vec<char> {
    let mut joined = String::new();
    for line in seed.lines() {
        let collapsed = collapse(line);
        let dropped = headers.contains(&collapsed)
            || is_version_table_furniture(&collapsed)
            || collapsed.starts_with("http")
            || collapsed.starts_with("mailto:")
            || is_marks_only(line);
        if dropped {
            continue;
        }
        let trimmed = line.trim_end();
        match trimmed.strip_suffix('-') {
            Some(stem) => {
                joined.push_str(stem);
                joined.push(SOFT_HYPHEN);
            }
            None => joined.push_str(trimmed),
        }
        joined.push('\n');
    }
    let mended = joined
        .replace("SPOCv", "SPOC")
        .replace("Opstartiv", "Opstart");
    mended.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `wanted` (whitespace removed) occurs in the seed, a soft hyphen matching `-` or nothing.
fn occurs(seed: &[char], text: &str) -> bool {
    let wanted: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    !wanted.is_empty() && (0..seed.len()).any(|start| matches_at(seed, start, &wanted))
}

fn matches_at(seed: &[char], start: usize, wanted: &[char]) -> bool {
    let mut stack = vec![(start, 0)];
    while let Some((s, w)) = stack.pop() {
        if w == wanted.len() {
            return true;
        }
        match seed.get(s) {
            Some(&SOFT_HYPHEN) => {
                stack.push((s + 1, w));
                if wanted[w] == '-' {
                    stack.push((s + 1, w + 1));
                }
            }
            Some(&c) if c == wanted[w] => stack.push((s + 1, w + 1)),
            _ => {}
        }
    }
    false
}

fn texts_of(role: &GalleryRole) -> Vec<(&'static str, &str)> {
    let mut texts = vec![
        ("effekt", role.effekt.as_str()),
        ("kendetegn", role.kendetegn.as_str()),
    ];
    if let Some(beskrivelse) = &role.beskrivelse {
        texts.push(("beskrivelse", beskrivelse));
    }
    texts.extend(role.opgaver.iter().map(|d| ("opgaver", d.tekst.as_str())));
    texts.extend(role.ansvar.iter().map(|d| ("ansvar", d.tekst.as_str())));
    texts.extend(role.kompetencer.iter().map(|k| ("kompetencer", k.as_str())));
    texts
}

#[test]
fn every_text_occurs_in_the_standard() {
    let Some(seed) = read_or_explain(SEED) else {
        return;
    };
    let gallery = repository_gallery();
    let headers: Vec<String> = gallery
        .roles()
        .iter()
        .map(|r| format!("Rolle {}", r.navn))
        .collect();
    let seed = normalised_seed(&seed, &headers);
    let mut missing = Vec::new();
    for role in gallery.roles() {
        for (field, text) in texts_of(role) {
            if !occurs(&seed, text) {
                missing.push(format!("{} {field}: {text}", role.id.value));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not found in the standard:\n{}",
        missing.join("\n")
    );
}

/// The lines of one role's description: from its heading to the next role's, or the appendix.
fn section<'s>(lines: &[&'s str], navn: &str, headers: &[String]) -> Vec<&'s str> {
    let own = format!("Rolle {navn}");
    let start = lines
        .iter()
        .position(|l| collapse(l) == own)
        .unwrap_or_else(|| panic!("heading `{own}` not in the standard"));
    let end = lines[start + 1..]
        .iter()
        .position(|l| {
            let c = collapse(l);
            (c != own && headers.contains(&c)) || c.starts_with("3 BILAG")
        })
        .map_or(lines.len(), |i| start + 1 + i);
    lines[start..end].to_vec()
}

/// Bullets from the line starting with `from` up to the line starting with `to`.
fn bullets_between(section: &[&str], from: &str, to: &str) -> usize {
    let start = section
        .iter()
        .position(|l| l.trim_start().starts_with(from))
        .unwrap_or_else(|| panic!("no `{from}` heading"));
    section[start..]
        .iter()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || !l.trim_start().starts_with(to))
        .map(|(_, l)| l.matches('•').count())
        .sum()
}

#[test]
fn every_bullet_is_transcribed() {
    let Some(seed) = read_or_explain(SEED) else {
        return;
    };
    let gallery = repository_gallery();
    let headers: Vec<String> = gallery
        .roles()
        .iter()
        .map(|r| format!("Rolle {}", r.navn))
        .collect();
    let lines: Vec<&str> = seed.lines().collect();
    for role in gallery.roles() {
        let section = section(&lines, &role.navn, &headers);
        let id = &role.id.value;
        assert_eq!(
            bullets_between(&section, "Opgaver", "Ansvar"),
            role.opgaver.len(),
            "{id} opgaver"
        );
        assert_eq!(
            bullets_between(&section, "Ansvar", "Kompetencer"),
            role.ansvar.len(),
            "{id} ansvar"
        );
        assert_eq!(
            bullets_between(&section, "Kompetencer", "Kendetegn"),
            role.kompetencer.len(),
            "{id} kompetencer"
        );
    }
}

#[test]
fn ids_are_exactly_designs() {
    let gallery = repository_gallery();
    let ids: Vec<&str> = gallery
        .roles()
        .iter()
        .map(|r| r.id.value.as_str())
        .collect();
    assert_eq!(ids, STANDARD_ORDER);
    let Some(design) = read_or_explain(DESIGN) else {
        return;
    };
    let mut designed: Vec<String> = Vec::new();
    for line in design.lines() {
        for gruppe in ["systemspecifik", "tvaergaaende", "infrastruktur"] {
            if let Some(rest) = line.strip_prefix(&format!("| `{gruppe}` |")) {
                designed.extend(
                    rest.trim_end_matches('|')
                        .split(',')
                        .map(|id| id.trim().to_string()),
                );
            }
        }
    }
    assert_eq!(designed, STANDARD_ORDER, "DESIGN.md's id table");
    for role in gallery.roles() {
        let listed_group = STANDARD_ORDER
            .iter()
            .position(|id| *id == role.id.value)
            .unwrap();
        let expected = match listed_group {
            0..=9 => "systemspecifik",
            10..=15 => "tvaergaaende",
            _ => "infrastruktur",
        };
        assert_eq!(role.gruppe.id(), expected, "{}", role.id.value);
    }
}

#[test]
fn every_version_history_change_occurs_in_the_standard() {
    let Some(seed) = read_or_explain(SEED) else {
        return;
    };
    let gallery = repository_gallery();
    let seed = normalised_seed(&seed, &[]);
    let history = &gallery.galleri.historik;
    let versions: Vec<&str> = history.iter().map(|v| v.version.as_str()).collect();
    assert_eq!(versions, ["1.6", "1.5", "1.4", "1.3", "1.2", "1.1"]);
    for version in history {
        assert!(!version.aendringer.is_empty(), "{}", version.version);
        assert!(
            occurs(&seed, &version.dato),
            "{} dato {}",
            version.version,
            version.dato
        );
        for change in &version.aendringer {
            assert!(occurs(&seed, change), "{}: {change}", version.version);
        }
    }
}

#[test]
fn the_seed_matcher_handles_soft_hyphens() {
    let seed: Vec<char> = format!("it{SOFT_HYPHEN}systemet Implementerings{SOFT_HYPHEN}konsulent")
        .chars()
        .collect();
    assert!(occurs(&seed, "it-systemet"));
    assert!(occurs(&seed, "Implementeringskonsulent"));
    assert!(!occurs(&seed, "it--systemet"));
    assert!(!occurs(&seed, "projektleder"));
}
