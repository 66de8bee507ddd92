//! Soft hyphens in long Danish words, so a narrow table cell breaks "Fordelings-komponent-
//! administrator" where a reader expects it instead of running over its neighbour. Browsers
//! hyphenate Danish with `hyphens: auto` only when they have a Danish dictionary, and headless
//! Chromium has none (measured: no hyphen at all), so the HTML carries its own break points.
//!
//! The break points: before the known parts of the standard's compounds (`…komponent|
//! administrator`), else between syllables by the usual Danish rule (one consonant goes to the
//! next syllable, of several the last or a cluster that can start a word, `s` stays with the
//! first part of a compound). A soft hyphen is invisible unless a line breaks there.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Words shorter than this fit any cell of the document ("Forberedelse" and "Ibrugtagning",
/// twelve letters, fit a phase column and stay whole).
const MIN_WORD: usize = 13;
/// Letters kept on each side of a break.
const MIN_PART: usize = 3;
const SOFT_HYPHEN: char = '\u{ad}';

/// Parts of the compounds in role names, task titles and phase names, before which a word
/// breaks.
const PARTS: &[&str] = &[
    "administrator",
    "aftale",
    "ansvarlig",
    "arbejdsgang",
    "berettige",
    "bruger",
    "chef",
    "digitalisering",
    "ejer",
    "forvaltning",
    "udvikling",
    "gevinst",
    "implementering",
    "indeks",
    "infrastruktur",
    "komponent",
    "kommunal",
    "konsulent",
    "kontakt",
    "koordinator",
    "leder",
    "opgave",
    "område",
    "organisation",
    "periode",
    "platform",
    "potentiale",
    "projekt",
    "skrift",
    "sortiment",
    "specifik",
    "struktur",
    "svar",
    "system",
];

/// Clusters that go together to the next syllable ("sy-stem", "pro-gram", "im-ple-men-te-ring",
/// "kon-tant-hjælp"); others split ("ud-vik-ling", "kon-takt").
const ONSETS: &[&str] = &[
    "bl", "br", "dr", "fl", "fr", "gl", "gr", "hj", "kr", "kv", "pl", "pr", "sj", "sk", "sl", "sm",
    "sn", "sp", "st", "sv", "tj", "tr", "tv",
];

/// The text with soft hyphens in its long words; short text is returned as it is.
pub fn soft_hyphens(text: &str) -> Cow<'_, str> {
    if !has_long_word(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut word: Vec<char> = Vec::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        push_word(&mut out, &word);
        word.clear();
        out.push(c);
    }
    out.pop();
    Cow::Owned(out)
}

fn has_long_word(text: &str) -> bool {
    // A letter takes at least a byte: shorter text has no word that long.
    if text.len() < MIN_WORD {
        return false;
    }
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= MIN_WORD)
}

fn push_word(out: &mut String, word: &[char]) {
    if word.len() < MIN_WORD {
        out.extend(word);
        return;
    }
    // A document repeats its long words (role names above all): each is worked out once.
    thread_local! {
        static DONE: RefCell<HashMap<Vec<char>, String>> = RefCell::new(HashMap::new());
    }
    DONE.with(|done| {
        let mut done = done.borrow_mut();
        let broken = done.entry(word.to_vec()).or_insert_with(|| {
            let breaks = break_points(word);
            let mut broken = String::with_capacity(word.len() * 2 + breaks.len() * 2);
            for (i, c) in word.iter().enumerate() {
                if breaks.contains(&i) {
                    broken.push(SOFT_HYPHEN);
                }
                broken.push(*c);
            }
            broken
        });
        out.push_str(broken);
    });
}

/// Where a word breaks: before the index.
fn break_points(word: &[char]) -> Vec<usize> {
    let lower: Vec<char> = word.iter().flat_map(|c| c.to_lowercase()).collect();
    if lower.len() != word.len() {
        return Vec::new();
    }
    let parts = part_boundaries(&lower);
    let mut breaks: Vec<usize> = syllable_boundaries(&lower)
        .into_iter()
        // A syllable break next to a compound's seam would split the wrong part.
        .filter(|b| parts.iter().all(|p| b.abs_diff(*p) > 2))
        .chain(parts.iter().copied())
        .filter(|b| *b >= MIN_PART && word.len() - b >= MIN_PART)
        .collect();
    breaks.sort_unstable();
    breaks.dedup();
    breaks
}

fn part_boundaries(lower: &[char]) -> Vec<usize> {
    let text: String = lower.iter().collect();
    let mut found = Vec::new();
    for part in PARTS {
        for (byte, _) in text.match_indices(part) {
            let at = text[..byte].chars().count();
            if at > 0 {
                found.push(at);
            }
        }
    }
    found
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'æ' | 'ø' | 'å' | 'é')
}

/// Syllable breaks: for each run of consonants between two vowels, where it splits.
fn syllable_boundaries(lower: &[char]) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        if !is_vowel(lower[i]) {
            i += 1;
            continue;
        }
        let start = i + 1;
        let end = (start..lower.len())
            .find(|j| is_vowel(lower[*j]))
            .unwrap_or(lower.len());
        if end < lower.len() && end > start {
            breaks.push(split_cluster(lower, start, end));
        }
        i = end;
    }
    breaks
}

/// Where the consonants `lower[start..end]` between two vowels split.
fn split_cluster(lower: &[char], start: usize, end: usize) -> usize {
    if end - start == 1 {
        return start;
    }
    // A compound's joining `s` after a consonant stays with the first part
    // ("opvarmnings|periode", "sags|behandler"), when what follows it can start a syllable
    // ("gevinst|potentiale" not).
    if let Some(s) = (start + 1..end - 1).rev().find(|j| lower[*j] == 's')
        && starts_syllable(&lower[s + 1..end])
    {
        return s + 1;
    }
    // Else the longest run at the end that can start a syllable goes to the next one
    // ("sy|stem", "admini|strator", "pro|gram").
    (start..end)
        .find(|b| starts_syllable(&lower[*b..end]))
        .unwrap_or(end - 1)
}

/// Consonants that can start a Danish syllable: one, or a cluster a word can start with.
fn starts_syllable(consonants: &[char]) -> bool {
    let text: String = consonants.iter().collect();
    match consonants.len() {
        1 => true,
        2 => ONSETS.contains(&text.as_str()),
        3 => ["str", "spr", "skr", "spl"].contains(&text.as_str()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        soft_hyphens(text).replace(SOFT_HYPHEN, "-")
    }

    #[test]
    fn compounds_break_at_their_seams() {
        for (word, broken) in [
            (
                "Fordelingskomponentadministrator",
                "For-de-lings-kom-po-nent-admi-ni-stra-tor",
            ),
            ("Opvarmningsperiode", "Opvarm-nings-periode"),
            ("Systemansvarlig", "System-an-svar-lig"),
            ("gevinstpotentiale", "gevinst-poten-tiale"),
            ("databehandleraftaler", "data-be-hand-ler-afta-ler"),
            ("Infrastrukturansvarlig", "Infra-struk-tur-an-svar-lig"),
            ("Underskriftberettiget", "Under-skrift-beret-ti-get"),
            ("kontanthjælpen", "kon-tant-hjæl-pen"),
            ("efterimplementering", "efter-imple-men-te-ring"),
        ] {
            assert_eq!(shown(word), broken);
        }
    }

    #[test]
    fn short_words_and_punctuation_stay() {
        assert_eq!(shown("Fase 3: Ibrugtagning"), "Fase 3: Ibrugtagning");
        assert_eq!(shown("Projektlederen"), "Pro-jekt-lede-ren");
        assert_eq!(shown("Superbruger & Co"), "Superbruger & Co");
        assert!(matches!(soft_hyphens("Kort tekst"), Cow::Borrowed(_)));
        assert_eq!(
            shown("Klassifikations-/sortimentsadministrator"),
            "Klas-si-fi-ka-tions-/sor-ti-ments-admi-ni-stra-tor"
        );
    }

    #[test]
    fn the_text_is_unchanged_but_for_soft_hyphens() {
        let text = "<b>Implementeringskonsulenten</b> & \"æøå\" 12345678901234 ÆØÅÆØÅÆØÅÆØÅ";
        assert_eq!(soft_hyphens(text).replace(SOFT_HYPHEN, ""), text);
    }
}
