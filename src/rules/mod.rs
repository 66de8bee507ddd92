//! The rule registry: every rule's code, default level, summary and explanation, declared once
//! in the file of its family. Codes are a public contract and are never renamed.

pub(crate) mod appointments;
pub(crate) mod catalog;
pub(crate) mod config;
pub(crate) mod diff;
pub(crate) mod file;
pub(crate) mod gallery;
pub(crate) mod yaml;

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a finding counts: `error` fails the run, `warning` is shown, `allow` is dropped.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported; fails the run only with `--fail-on warning`.
    Warning,
    /// Reported; fails the run (exit 1).
    Error,
}

impl Level {
    pub fn id(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A rule: its stable code, default level, one-line summary and long explanation (Markdown).
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub level: Level,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// Every rule, family by family.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    [
        yaml::ALL,
        file::ALL,
        config::ALL,
        gallery::ALL,
        catalog::ALL,
        appointments::ALL,
        diff::ALL,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    all().find(|rule| rule.code == code)
}

/// The nearest known code, for "did you mean" on a mistyped code.
pub fn suggest(code: &str) -> Option<&'static str> {
    crate::suggest::nearest(code, all().map(|rule| rule.code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for rule in all() {
            assert!(seen.insert(rule.code), "{} declared twice", rule.code);
            let parts: Vec<_> = rule.code.split("::").collect();
            assert_eq!(parts.len(), 3, "{}", rule.code);
            assert_eq!(parts[0], "rg");
            assert!(rule.explanation.starts_with(&format!("# {}", rule.code)));
        }
    }

    #[test]
    fn finds_and_suggests() {
        assert!(find("rg::catalog::unknown_role").is_some());
        assert_eq!(
            suggest("rg::catalog::unknown_rol"),
            Some("rg::catalog::unknown_role")
        );
    }
}
