//! A YAML mapping kept as an ordered list of entries, so that keys keep their spans.

use super::events::Token;
use super::read::{FromYaml, Reader};
use serde::{Serialize, Serializer};

/// The entries of a YAML mapping in source order. Unlike a `BTreeMap`, every key keeps the
/// span it was read with (a `Spanned` key cannot be ordered), so diagnostics can point at it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entries<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<K, V> Entries<K, V> {
    pub fn iter(&self) -> impl Iterator<Item = &(K, V)> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Entries whose key or value cannot be read are left out (each is reported); a repeated key
/// is reported and its second value skipped; a null value is an empty mapping.
impl<K: FromYaml, V: FromYaml> FromYaml for Entries<K, V> {
    const EXPECTED: &'static str = "a mapping";

    fn read(r: &mut Reader<'_>) -> Option<Entries<K, V>> {
        if r.take_null() {
            return Some(Entries::default());
        }
        if !matches!(r.peek().token, Token::MapStart) {
            r.mismatch(Self::EXPECTED);
            return None;
        }
        r.next();
        let mut entries = Vec::new();
        let mut seen = super::read::Seen::default();
        loop {
            let event = r.peek().clone();
            match &event.token {
                Token::MapEnd => {
                    r.next();
                    return Some(Entries(entries));
                }
                Token::End => return None,
                // Keys compare composed (NFC), as the values read from them do.
                Token::Scalar(text, _) if !seen.first(&super::read::composed(text.clone())) => {
                    r.next();
                    r.duplicate_key(text, event.span);
                    r.skip();
                    continue;
                }
                _ => {}
            }
            let key = K::read(r);
            match key {
                Some(key) => entries.extend(V::read(r).map(|value| (key, value))),
                None => r.skip(),
            }
        }
    }
}

impl<K: Serialize, V: Serialize> Serialize for Entries<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Spanned;
    use crate::model::Phase;

    #[test]
    fn bad_keys_and_values_are_left_out_and_reported() {
        let parsed = crate::yaml::parse_str::<Entries<Spanned<Phase>, String>>(
            "fase-1: a\nfase3: b\nfase-2: [c]\nfase-1: d\nfase-4: e\n",
        );
        let kept: Vec<(Phase, String)> = parsed
            .value
            .unwrap()
            .0
            .into_iter()
            .map(|(k, v)| (k.value, v))
            .collect();
        assert_eq!(
            kept,
            [(Phase::Fase1, "a".into()), (Phase::Fase4, "e".into())]
        );
        let codes: Vec<&str> = parsed.diagnostics.iter().map(|d| d.code()).collect();
        assert_eq!(
            codes,
            [
                "rg::yaml::invalid_value",
                "rg::yaml::invalid_value",
                "rg::yaml::duplicate_key"
            ]
        );
        assert_eq!(
            parsed.diagnostics[0].help.as_deref(),
            Some("`fase3` is fase-3 (Fase 3: Ibrugtagning): write its id, `fase-3`")
        );
    }
}
