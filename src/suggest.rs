//! "Did you mean": the nearest candidate to a mistyped id, name, field or code.

/// Folds a word for comparison: lower case, and æ/ø/å spelled as in the ids (ae/oe/aa).
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => folded.push_str("ae"),
            'ø' => folded.push_str("oe"),
            'å' => folded.push_str("aa"),
            ' ' | '_' | '/' => folded.push('-'),
            _ => folded.push(c),
        }
    }
    folded
}

fn similarity(a: &str, b: &str) -> f64 {
    let edit = strsim::normalized_damerau_levenshtein(a, b);
    let prefix = strsim::jaro_winkler(a, b);
    edit.max(prefix - 0.1)
}

/// The candidate most like `input`, if any is close enough to be a plausible typo.
pub fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest_by(input, candidates.into_iter().map(|c| (c, c)))
}

/// Like [`nearest`], over `(label, answer)` pairs: the label is compared, the answer returned.
/// Used to match Danish names ("Faglig leder") as well as ids (`faglig-leder`).
pub fn nearest_by<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Option<&'a str> {
    let wanted = fold(input);
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &'a str)> = None;
    for (label, answer) in candidates {
        let score = similarity(&wanted, &fold(label));
        if score >= 0.7 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, answer));
        }
    }
    best.map(|(_, answer)| answer)
}

/// "did you mean `x`?" for a help text.
pub fn did_you_mean(answer: Option<&str>) -> Option<String> {
    answer.map(|a| format!("did you mean `{a}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_id() {
        let ids = ["projektleder", "projektejer", "systemejer"];
        assert_eq!(nearest("projektleer", ids), Some("projektleder"));
        assert_eq!(nearest("systemjer", ids), Some("systemejer"));
        assert_eq!(nearest("completely-different", ids), None);
    }

    #[test]
    fn danish_letters_fold_to_ids() {
        assert_eq!(fold("Træner"), "traener");
        assert_eq!(fold("Faglig leder"), "faglig-leder");
        let pairs = [
            ("Træner/underviser", "traener"),
            ("Superbruger", "superbruger"),
        ];
        assert_eq!(nearest_by("træner", pairs), Some("traener"));
    }
}
