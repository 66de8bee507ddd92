//! Rules of the `file` family: reading files.

use super::{Level, Rule};

pub(crate) static ENCODING: Rule = Rule {
    code: "rg::file::encoding",
    level: Level::Error,
    summary: "the file is not UTF-8",
    explanation: include_str!("docs/file/encoding.md"),
};

pub(crate) static UNREADABLE: Rule = Rule {
    code: "rg::file::unreadable",
    level: Level::Error,
    summary: "the file cannot be read",
    explanation: include_str!("docs/file/unreadable.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[&ENCODING, &UNREADABLE];
