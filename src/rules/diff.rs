//! Rules of the `diff` family: `rg diff`: appointments against the roles required in a phase.

use super::{Level, Rule};

pub(crate) static UNFILLED_MANDATORY: Rule = Rule {
    code: "rg::diff::unfilled_mandatory",
    level: Level::Error,
    summary: "obligatorisk in the current phase, nobody appointed",
    explanation: include_str!("docs/diff/unfilled_mandatory.md"),
};

pub(crate) static UNFILLED_RECOMMENDED: Rule = Rule {
    code: "rg::diff::unfilled_recommended",
    level: Level::Warning,
    summary: "anbefalet in the current phase, nobody appointed",
    explanation: include_str!("docs/diff/unfilled_recommended.md"),
};

pub(crate) static SPOC_UNFILLED: Rule = Rule {
    code: "rg::diff::spoc_unfilled",
    level: Level::Error,
    summary: "the current phase's SPOC role has nobody",
    explanation: include_str!("docs/diff/spoc_unfilled.md"),
};

pub(crate) static INACTIVE_APPOINTED: Rule = Rule {
    code: "rg::diff::inactive_appointed",
    level: Level::Warning,
    summary: "appointed to a role that is inactive in the current phase",
    explanation: include_str!("docs/diff/inactive_appointed.md"),
};

pub(crate) static NEXT_PHASE_UNFILLED: Rule = Rule {
    code: "rg::diff::next_phase_unfilled",
    level: Level::Warning,
    summary: "obligatorisk in the next phase, nobody appointed yet",
    explanation: include_str!("docs/diff/next_phase_unfilled.md"),
};

pub(crate) static OVERLAP_DISCOURAGED: Rule = Rule {
    code: "rg::diff::overlap_discouraged",
    level: Level::Warning,
    summary: "one person holds two roles the catalog says to keep apart",
    explanation: include_str!("docs/diff/overlap_discouraged.md"),
};

pub(crate) static OVERLAP_RECOMMENDED: Rule = Rule {
    code: "rg::diff::overlap_recommended",
    level: Level::Warning,
    summary: "the catalog recommends one person for two roles, and two different people hold them",
    explanation: include_str!("docs/diff/overlap_recommended.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[
    &UNFILLED_MANDATORY,
    &UNFILLED_RECOMMENDED,
    &SPOC_UNFILLED,
    &INACTIVE_APPOINTED,
    &NEXT_PHASE_UNFILLED,
    &OVERLAP_DISCOURAGED,
    &OVERLAP_RECOMMENDED,
];
