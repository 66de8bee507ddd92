//! Rules of the `yaml` family: YAML structure and the model's field rules.

use super::{Level, Rule};

pub(crate) static SYNTAX: Rule = Rule {
    code: "rg::yaml::syntax",
    level: Level::Error,
    summary: "not valid YAML",
    explanation: include_str!("docs/yaml/syntax.md"),
};

pub(crate) static DUPLICATE_KEY: Rule = Rule {
    code: "rg::yaml::duplicate_key",
    level: Level::Error,
    summary: "a mapping repeats a key",
    explanation: include_str!("docs/yaml/duplicate_key.md"),
};

pub(crate) static UNKNOWN_FIELD: Rule = Rule {
    code: "rg::yaml::unknown_field",
    level: Level::Error,
    summary: "a key the file format does not have",
    explanation: include_str!("docs/yaml/unknown_field.md"),
};

pub(crate) static INVALID_VALUE: Rule = Rule {
    code: "rg::yaml::invalid_value",
    level: Level::Error,
    summary: "wrong type, missing required field, or a value outside its set",
    explanation: include_str!("docs/yaml/invalid_value.md"),
};

pub(crate) static LIMIT: Rule = Rule {
    code: "rg::yaml::limit",
    level: Level::Error,
    summary: "file too large, nesting too deep, or alias expansion too large",
    explanation: include_str!("docs/yaml/limit.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[
    &SYNTAX,
    &DUPLICATE_KEY,
    &UNKNOWN_FIELD,
    &INVALID_VALUE,
    &LIMIT,
];
