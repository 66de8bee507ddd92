//! Text that looks alike but is not the same: an id, person key or system name with an
//! invisible character inside (`projekt\u{200b}leder`), and a system name whose letters only
//! look like a catalog's (the Kelvin sign `K` for `K`, fullwidth `ＫＹ`). Names match exactly,
//! ignoring case in ASCII only; these are named in the diagnostic, by code point, instead.

use crate::printable::is_invisible;
use unicode_normalization::UnicodeNormalization;

/// The names of the invisible characters [`printable::is_invisible`] knows.
fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{061c}' => "ARABIC LETTER MARK",
        '\u{200b}' => "ZERO WIDTH SPACE",
        '\u{200c}' => "ZERO WIDTH NON-JOINER",
        '\u{200d}' => "ZERO WIDTH JOINER",
        '\u{200e}' => "LEFT-TO-RIGHT MARK",
        '\u{200f}' => "RIGHT-TO-LEFT MARK",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{feff}' => "ZERO WIDTH NO-BREAK SPACE",
        _ => "an invisible character",
    }
}

/// The first invisible character in `text`, named: `U+200B ZERO WIDTH SPACE`.
pub(crate) fn invisible(text: &str) -> Option<String> {
    let c = text.chars().find(|c| is_invisible(*c))?;
    Some(format!("U+{:04X} {}", c as u32, invisible_name(c)))
}

/// "`x` holds U+200B ZERO WIDTH SPACE, an invisible character", for a help text.
pub(crate) fn invisible_note(text: &str) -> Option<String> {
    let named = invisible(text)?;
    Some(format!(
        "`{text}` holds {named}, an invisible character; delete it"
    ))
}

/// A help text with the invisible character in `value` named before it, if there is one:
/// for the unknown_* rules, whose value matches nothing because of it.
pub(crate) fn help(value: &str, help: Option<String>) -> Option<String> {
    match (invisible_note(value), help) {
        (Some(note), Some(help)) => Some(format!("{note}; {help}")),
        (note, help) => note.or(help),
    }
}

/// The name as far as looks go: compatibility-normalised (NFKC: `K` → `K`, `Ｋ` → `K`),
/// lower-cased, invisible characters dropped.
fn folded(name: &str) -> String {
    name.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !is_invisible(*c))
        .collect()
}

/// The character of `name` that only looks like ASCII: one that is not, but whose
/// compatibility form, lower-cased, is (`K` → `K`, `Ｓ` → `S`, `ﬁ` → `fi`); with that form.
fn odd_character(name: &str) -> Option<(char, String)> {
    name.chars().filter(|c| !c.is_ascii()).find_map(|c| {
        let plain: String = std::iter::once(c).nfkc().collect();
        let ascii = !plain.is_empty()
            && plain
                .chars()
                .flat_map(char::to_lowercase)
                .all(|l| l.is_ascii());
        ascii.then_some((c, plain))
    })
}

/// When `name` matches none of `names` but looks like one of them, a help text naming the
/// character that differs: "`KY` is not the catalog `KY`: it holds U+212A, which looks like `K`".
pub(crate) fn lookalike_note<'a>(
    name: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wanted = folded(name);
    let like = names.into_iter().find(|other| folded(other) == wanted)?;
    let (holder, (c, plain)) = odd_character(name)
        .map(|odd| (name, odd))
        .or_else(|| odd_character(like).map(|odd| (like, odd)))?;
    let (which, fix) = if holder == name {
        ("it holds", "write it in plain letters")
    } else {
        (
            "the catalog's name holds",
            "write the catalog's in plain letters",
        )
    };
    Some(format!(
        "`{name}` only looks like the catalog `{like}`: {which} U+{:04X}, which looks like `{plain}`; {fix}",
        c as u32
    ))
}

/// The plain name among `names` that `name` only looks like because of a character of its
/// own (`KY` with a Kelvin sign for the catalog `KY`): writing that name is the fix. `None`
/// when the odd character is in the other name, or when nothing looks alike.
pub(crate) fn plain_twin<'a>(
    name: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted = folded(name);
    let like = names.into_iter().find(|other| folded(other) == wanted)?;
    (odd_character(name).is_some() && odd_character(like).is_none()).then_some(like)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named() {
        assert_eq!(
            invisible("projekt\u{200b}leder").as_deref(),
            Some("U+200B ZERO WIDTH SPACE")
        );
        assert_eq!(
            invisible("a\u{202e}b").as_deref(),
            Some("U+202E RIGHT-TO-LEFT OVERRIDE")
        );
        assert_eq!(invisible("projektleder"), None);
        let help = help(
            "projekt\u{200b}leder",
            Some("did you mean `projektleder`?".into()),
        );
        assert_eq!(
            help.as_deref(),
            Some(
                "`projekt\u{200b}leder` holds U+200B ZERO WIDTH SPACE, an invisible character; delete it; did you mean `projektleder`?"
            )
        );
    }

    #[test]
    fn look_alikes_name_the_odd_character() {
        let note = lookalike_note("\u{212a}Y", ["SAPA", "KY"]).unwrap();
        assert!(
            note.contains("U+212A") && note.contains("looks like `K`"),
            "{note}"
        );
        let note = lookalike_note("\u{ff33}APA", ["SAPA"]).unwrap();
        assert!(note.contains("U+FF33"), "{note}");
        let note = lookalike_note("KY", ["\u{212a}Y"]).unwrap();
        assert!(note.contains("the catalog's name holds U+212A"), "{note}");
        assert!(
            note.starts_with("`KY` only looks like the catalog `\u{212a}Y`"),
            "{note}"
        );
        assert_eq!(lookalike_note("SAPO", ["SAPA"]), None);
        assert_eq!(plain_twin("\u{212a}Y", ["SAPA", "KY"]), Some("KY"));
        assert_eq!(plain_twin("KY", ["\u{212a}Y"]), None);
        assert_eq!(lookalike_note("Sæby", ["SAEBY"]), None);
    }
}
