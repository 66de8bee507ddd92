//! "Did you mean": the nearest candidate to a mistyped id, name, field or code. Part of the
//! base layer: it imports nothing of the crate.

/// Folds a word for comparison: lower case, æ/ø/å spelled as in the ids (ae/oe/aa), and
/// spaces, `_`, `/` and `:` as one `-` ("Fase 3: Ibrugtagning" → `fase-3-ibrugtagning`).
pub fn fold(word: &str) -> String {
    let mut folded = String::with_capacity(word.len());
    for c in word.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'æ' => folded.push_str("ae"),
            'ø' => folded.push_str("oe"),
            'å' => folded.push_str("aa"),
            ' ' | '_' | '/' | ':' | '-' => {
                if !folded.is_empty() && !folded.ends_with('-') {
                    folded.push('-');
                }
            }
            _ => folded.push(c),
        }
    }
    while folded.ends_with('-') {
        folded.pop();
    }
    folded
}

/// How alike two folded words are, 0 to 1: by spelling, by a shared beginning, word by word
/// for names of several words, and a one-letter slip in a short key (`pr` for `per`).
fn similarity(a: &str, b: &str) -> f64 {
    let edit = strsim::normalized_damerau_levenshtein(a, b);
    let prefix = strsim::jaro_winkler(a, b) - 0.1;
    let slip = if a.chars().count() >= 2 && strsim::damerau_levenshtein(a, b) == 1 {
        0.75
    } else {
        0.0
    };
    edit.max(prefix).max(words(a, b)).max(slip)
}

/// The share of `a`'s longer words that have a close match among `b`'s words, so that
/// "systemansvarlig for opkrævningssystemet" finds "Systemansvarlig opkrævningssystemet (FK
/// ØKO debitor)" rather than the name that only starts the same.
fn words(a: &str, b: &str) -> f64 {
    let long = |w: &&str| w.chars().count() > 3;
    let wanted: Vec<&str> = a.split('-').filter(long).collect();
    if wanted.len() < 2 {
        return 0.0;
    }
    let offered: Vec<&str> = b.split(['-', '(', ')']).filter(long).collect();
    let best = |w: &str| {
        offered
            .iter()
            .map(|o| strsim::normalized_damerau_levenshtein(w, o))
            .fold(0.0, f64::max)
    };
    let matched = wanted.iter().filter(|w| best(w) >= 0.8).count();
    // Every word must find its match, and the name must not have many more words.
    if matched < wanted.len() || offered.len() > wanted.len() + 3 {
        return 0.0;
    }
    0.8 + 0.1 * (wanted.len() as f64 / offered.len().max(1) as f64)
}

/// The digits of a word in order: `fase-5` is not a typo of `fase-1`, whatever the spelling.
fn digits(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().filter(char::is_ascii_digit)
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
    let folded = candidates
        .into_iter()
        .map(|(label, answer)| (fold(label), answer));
    nearest_folded(&fold(input), folded)
}

/// The best of candidates whose labels are folded already.
fn nearest_folded<'a, L: AsRef<str>>(
    wanted: &str,
    candidates: impl IntoIterator<Item = (L, &'a str)>,
) -> Option<&'a str> {
    if wanted.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &'a str)> = None;
    for (label, answer) in candidates {
        let label = label.as_ref();
        if !digits(wanted).eq(digits(label)) {
            continue;
        }
        let score = similarity(wanted, label);
        if score >= 0.7 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, answer));
        }
    }
    best.map(|(_, answer)| answer)
}

/// Candidates that grow with the input (a file's person keys), asked about many typos: folded
/// once, and with a budget of comparisons, so that a file with N mistakes among N candidates
/// costs time in proportion to N rather than N². When the budget is spent there are no more
/// suggestions; a hand-edited file never comes near it.
pub struct Candidates<'a> {
    folded: Vec<(String, &'a str)>,
    comparisons_left: usize,
}

/// Comparisons one [`Candidates`] makes: 40 typos among 10,000 persons, well under a second.
pub const COMPARISON_BUDGET: usize = 400_000;

impl<'a> Candidates<'a> {
    pub fn new(candidates: impl IntoIterator<Item = &'a str>) -> Self {
        Self::with_budget(candidates, COMPARISON_BUDGET)
    }

    pub fn with_budget(candidates: impl IntoIterator<Item = &'a str>, budget: usize) -> Self {
        let folded = candidates.into_iter().map(|c| (fold(c), c)).collect();
        Candidates {
            folded,
            comparisons_left: budget,
        }
    }

    /// The candidate most like `input`, while the budget lasts.
    pub fn nearest(&mut self, input: &str) -> Option<&'a str> {
        let cost = self.folded.len();
        self.comparisons_left = self.comparisons_left.checked_sub(cost)?;
        let candidates = self.folded.iter().map(|(label, c)| (label.as_str(), *c));
        nearest_folded(&fold(input), candidates)
    }
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
    fn short_keys_and_names_of_several_words() {
        assert_eq!(nearest("pr", ["per", "pia", "mette"]), Some("per"));
        let names = [
            (
                "Systemansvarlig bogføringssystemet (FK ØKO finans)",
                "finans",
            ),
            (
                "Systemansvarlig opkrævningssystemet (FK ØKO debitor)",
                "debitor",
            ),
        ];
        assert_eq!(
            nearest_by("systemansvarlig for opkrævningssystemet", names),
            Some("debitor")
        );
    }

    #[test]
    fn candidates_suggest_as_nearest_does_until_their_budget_is_spent() {
        let keys = ["per", "pia", "mette"];
        let mut candidates = Candidates::with_budget(keys, 7);
        assert_eq!(candidates.nearest("pr"), nearest("pr", keys));
        assert_eq!(candidates.nearest("mete"), Some("mette"));
        // 3 + 3 comparisons spent; a third search would need 3 more than the 1 left.
        assert_eq!(candidates.nearest("pia"), None);
    }

    #[test]
    fn numbers_must_match() {
        let ids = ["fase-1", "fase-2", "fase-3"];
        assert_eq!(nearest("fase-5", ids), None);
        assert_eq!(nearest("fase 2", ids), Some("fase-2"));
    }

    #[test]
    fn danish_letters_fold_to_ids() {
        assert_eq!(fold("Træner"), "traener");
        assert_eq!(fold("Faglig leder"), "faglig-leder");
        assert_eq!(fold("Fase 3: Ibrugtagning"), "fase-3-ibrugtagning");
        assert_eq!(fold("fase 3:Ibrugtagning"), "fase-3-ibrugtagning");
        let pairs = [
            ("Træner/underviser", "traener"),
            ("Superbruger", "superbruger"),
        ];
        assert_eq!(nearest_by("træner", pairs), Some("traener"));
    }
}
