//! Rules of the `appointments` family: appointments files against the catalogs.

use super::{Level, Rule};

pub(crate) static UNKNOWN_SYSTEM: Rule = Rule {
    code: "rg::appointments::unknown_system",
    level: Level::Error,
    summary: "no catalog for the system",
    explanation: include_str!("docs/appointments/unknown_system.md"),
};

pub(crate) static DUPLICATE_SYSTEM: Rule = Rule {
    code: "rg::appointments::duplicate_system",
    level: Level::Error,
    summary: "a system listed twice in one appointments file",
    explanation: include_str!("docs/appointments/duplicate_system.md"),
};

pub(crate) static EMPTY_SYSTEMS: Rule = Rule {
    code: "rg::appointments::empty_systems",
    level: Level::Warning,
    summary: "the appointments file lists no systems",
    explanation: include_str!("docs/appointments/empty_systems.md"),
};

pub(crate) static UNKNOWN_ROLE: Rule = Rule {
    code: "rg::appointments::unknown_role",
    level: Level::Error,
    summary: "a role not in the system's catalog (or, under `tvaergaaende`, not a cross-cutting role)",
    explanation: include_str!("docs/appointments/unknown_role.md"),
};

pub(crate) static UNKNOWN_PERSON: Rule = Rule {
    code: "rg::appointments::unknown_person",
    level: Level::Error,
    summary: "a person key not under `personer`",
    explanation: include_str!("docs/appointments/unknown_person.md"),
};

pub(crate) static DUPLICATE_PERSON: Rule = Rule {
    code: "rg::appointments::duplicate_person",
    level: Level::Error,
    summary: "a person listed twice for one role",
    explanation: include_str!("docs/appointments/duplicate_person.md"),
};

pub(crate) static UNUSED_PERSON: Rule = Rule {
    code: "rg::appointments::unused_person",
    level: Level::Warning,
    summary: "a person appointed to nothing",
    explanation: include_str!("docs/appointments/unused_person.md"),
};

pub(crate) static INVALID_EMAIL: Rule = Rule {
    code: "rg::appointments::invalid_email",
    level: Level::Error,
    summary: "not an email address",
    explanation: include_str!("docs/appointments/invalid_email.md"),
};

pub(crate) static ACTIVATED_ROLE_APPOINTED: Rule = Rule {
    code: "rg::appointments::activated_role_appointed",
    level: Level::Warning,
    summary: "an `aktiveres` role is given an appointment",
    explanation: include_str!("docs/appointments/activated_role_appointed.md"),
};

pub(crate) static STALE: Rule = Rule {
    code: "rg::appointments::stale",
    level: Level::Warning,
    summary: "an appointment was last confirmed longer ago than `stale_after_months`",
    explanation: include_str!("docs/appointments/stale.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[
    &UNKNOWN_SYSTEM,
    &DUPLICATE_SYSTEM,
    &EMPTY_SYSTEMS,
    &UNKNOWN_ROLE,
    &UNKNOWN_PERSON,
    &DUPLICATE_PERSON,
    &UNUSED_PERSON,
    &INVALID_EMAIL,
    &ACTIVATED_ROLE_APPOINTED,
    &STALE,
];
