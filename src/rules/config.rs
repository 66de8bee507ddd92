//! Rules of the `config` family: `rg.toml` and rule-level flags.

use super::{Level, Rule};

pub(crate) static INVALID: Rule = Rule {
    code: "rg::config::invalid",
    level: Level::Error,
    summary: "`rg.toml` is not valid TOML or has a value of the wrong type",
    explanation: include_str!("docs/config/invalid.md"),
};

pub(crate) static UNKNOWN_RULE: Rule = Rule {
    code: "rg::config::unknown_rule",
    level: Level::Error,
    summary: "a rule code in `rg.toml` or on the command line names no rule",
    explanation: include_str!("docs/config/unknown_rule.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[&INVALID, &UNKNOWN_RULE];
