//! Applying fixes to a text: each fix whole or not at all, and never two that touch the same
//! place, so that what is written is exactly what each finding proposed. A fix left out for
//! overlapping another may still apply in a later round, once the file has been checked again.

use super::{Edit, Fix};

/// The fixes that can be applied together, in the order of their first edit: identical fixes
/// (an alias repeats its anchor's findings) are taken once, a fix whose edits fall outside the
/// text or inside a character is never taken, and a fix that touches a place an earlier one
/// changes is left for later.
pub(crate) fn select<'a>(text: &str, fixes: &[&'a Fix]) -> Vec<&'a Fix> {
    let mut candidates: Vec<&'a Fix> = fixes
        .iter()
        .copied()
        .filter(|fix| !fix.edits.is_empty() && fix.edits.iter().all(|e| fits(text, e)))
        .collect();
    candidates.sort_by_key(|fix| first_offset(fix));
    let mut chosen: Vec<&'a Fix> = Vec::new();
    for fix in candidates {
        let taken = chosen.iter().any(|c| c.edits == fix.edits);
        let clashes = self_clash(fix)
            || chosen
                .iter()
                .flat_map(|c| &c.edits)
                .any(|edit| fix.edits.iter().any(|mine| clash(mine, edit)));
        if !taken && !clashes {
            chosen.push(fix);
        }
    }
    chosen
}

/// The text with the fixes applied (the chosen ones, see [`select`]).
pub(crate) fn apply(text: &str, fixes: &[&Fix]) -> String {
    let mut edits: Vec<&Edit> = fixes.iter().flat_map(|fix| &fix.edits).collect();
    // From the end backwards, so that every span still points where it was read.
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.offset));
    let mut fixed = text.to_string();
    for edit in edits {
        fixed.replace_range(edit.span.offset..edit.span.end(), &edit.replacement);
    }
    fixed
}

fn first_offset(fix: &Fix) -> usize {
    fix.edits.iter().map(|e| e.span.offset).min().unwrap_or(0)
}

/// Whether an edit lies within the text, on character boundaries.
fn fits(text: &str, edit: &Edit) -> bool {
    edit.span.end() <= text.len()
        && text.is_char_boundary(edit.span.offset)
        && text.is_char_boundary(edit.span.end())
}

/// Two edits clash when their spans overlap, or when they start at the same place (two
/// insertions there, or an insertion before a replacement, have no certain order).
fn clash(a: &Edit, b: &Edit) -> bool {
    let overlap = a.span.offset < b.span.end() && b.span.offset < a.span.end();
    overlap || a.span.offset == b.span.offset
}

/// A fix whose own edits clash cannot be applied as proposed.
fn self_clash(fix: &Fix) -> bool {
    fix.edits
        .iter()
        .enumerate()
        .any(|(i, a)| fix.edits[i + 1..].iter().any(|b| clash(a, b)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::ByteSpan;

    fn fix(offset: usize, len: usize, with: &str) -> Fix {
        Fix::replace(ByteSpan { offset, len }, with)
    }

    #[test]
    fn non_overlapping_fixes_apply_together() {
        let text = "rolle: projektleer\nfase: fase3\n";
        let a = fix(7, 11, "projektleder");
        let b = fix(25, 5, "fase-3");
        let chosen = select(text, &[&b, &a]);
        assert_eq!(chosen.len(), 2);
        assert_eq!(apply(text, &chosen), "rolle: projektleder\nfase: fase-3\n");
    }

    #[test]
    fn overlapping_and_repeated_fixes_wait() {
        let text = "abcdef";
        let a = fix(0, 3, "x");
        let same = fix(0, 3, "x");
        let inside = fix(2, 2, "y");
        let at_start = fix(0, 0, "z");
        let after = fix(3, 0, "w");
        let chosen = select(text, &[&a, &same, &inside, &at_start, &after]);
        assert_eq!(chosen.len(), 2, "{chosen:?}");
        assert_eq!(apply(text, &chosen), "xwdef");
    }

    #[test]
    fn edits_outside_the_text_or_inside_a_character_are_refused() {
        let text = "æ";
        assert!(select(text, &[&fix(1, 1, "a")]).is_empty());
        assert!(select(text, &[&fix(0, 5, "a")]).is_empty());
        assert_eq!(select(text, &[&fix(0, 2, "ae")]).len(), 1);
    }
}
