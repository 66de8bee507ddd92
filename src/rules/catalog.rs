//! Rules of the `catalog` family: catalogs against the gallery (the appendix checklist).

use super::{Level, Rule};

pub(crate) static UNKNOWN_ROLE: Rule = Rule {
    code: "rg::catalog::unknown_role",
    level: Level::Error,
    summary: "a role id that is not in the gallery",
    explanation: include_str!("docs/catalog/unknown_role.md"),
};

pub(crate) static DUPLICATE_ROLE: Rule = Rule {
    code: "rg::catalog::duplicate_role",
    level: Level::Error,
    summary: "a role listed twice in a catalog",
    explanation: include_str!("docs/catalog/duplicate_role.md"),
};

pub(crate) static SPOC_MISSING: Rule = Rule {
    code: "rg::catalog::spoc_missing",
    level: Level::Error,
    summary: "a phase with no SPOC",
    explanation: include_str!("docs/catalog/spoc_missing.md"),
};

pub(crate) static SPOC_NOT_ACTIVE: Rule = Rule {
    code: "rg::catalog::spoc_not_active",
    level: Level::Error,
    summary: "the SPOC role is not in the catalog or not obligatorisk in that phase",
    explanation: include_str!("docs/catalog/spoc_not_active.md"),
};

pub(crate) static SPOC_UNCHANGED: Rule = Rule {
    code: "rg::catalog::spoc_unchanged",
    level: Level::Warning,
    summary: "fase-4 has the same SPOC as fase-3",
    explanation: include_str!("docs/catalog/spoc_unchanged.md"),
};

pub(crate) static TAILORED_CROSSCUTTING: Rule = Rule {
    code: "rg::catalog::tailored_crosscutting",
    level: Level::Error,
    summary: "name or description changed on a tværgående or infrastruktur role",
    explanation: include_str!("docs/catalog/tailored_crosscutting.md"),
};

pub(crate) static APPOINTED_TOO_LATE: Rule = Rule {
    code: "rg::catalog::appointed_too_late",
    level: Level::Error,
    summary: "a role is obligatorisk in a phase before the phase it is appointed or activated in",
    explanation: include_str!("docs/catalog/appointed_too_late.md"),
};

pub(crate) static APPOINTMENT_KIND: Rule = Rule {
    code: "rg::catalog::appointment_kind",
    level: Level::Warning,
    summary: "`udpeges` set for a role the gallery activates, or `aktiveres` for one it appoints",
    explanation: include_str!("docs/catalog/appointment_kind.md"),
};

pub(crate) static HANDOVER_MISSING: Rule = Rule {
    code: "rg::catalog::handover_missing",
    level: Level::Error,
    summary: "systemejer or systemansvarlig not obligatorisk in fase-4",
    explanation: include_str!("docs/catalog/handover_missing.md"),
};

pub(crate) static ACTIVE_AFTER_PHASE_OUT: Rule = Rule {
    code: "rg::catalog::active_after_phase_out",
    level: Level::Error,
    summary: "a role is obligatorisk after the phase it is phased out after",
    explanation: include_str!("docs/catalog/active_after_phase_out.md"),
};

pub(crate) static OVERLAP_UNSTATED: Rule = Rule {
    code: "rg::catalog::overlap_unstated",
    level: Level::Warning,
    summary: "no personsammenfald statement for projektejer → systemejer",
    explanation: include_str!("docs/catalog/overlap_unstated.md"),
};

pub(crate) static ROLE_WITHOUT_TASKS: Rule = Rule {
    code: "rg::catalog::role_without_tasks",
    level: Level::Warning,
    summary: "a role performs no KLIK task",
    explanation: include_str!("docs/catalog/role_without_tasks.md"),
};

pub(crate) static TASK_UNKNOWN_ROLE: Rule = Rule {
    code: "rg::catalog::task_unknown_role",
    level: Level::Error,
    summary: "a KLIK task names a role that is not in the catalog",
    explanation: include_str!("docs/catalog/task_unknown_role.md"),
};

pub(crate) static DUPLICATE_TASK: Rule = Rule {
    code: "rg::catalog::duplicate_task",
    level: Level::Error,
    summary: "two KLIK tasks share an id",
    explanation: include_str!("docs/catalog/duplicate_task.md"),
};

pub(crate) static INTEGRATION_ROLE_MISSING: Rule = Rule {
    code: "rg::catalog::integration_role_missing",
    level: Level::Warning,
    summary: "a declared integration's role is not in the catalog",
    explanation: include_str!("docs/catalog/integration_role_missing.md"),
};

pub(crate) static GALLERY_VERSION: Rule = Rule {
    code: "rg::catalog::gallery_version",
    level: Level::Warning,
    summary: "written against another gallery version than the one in use",
    explanation: include_str!("docs/catalog/gallery_version.md"),
};

/// Every rule of this family, in registry order.
pub(crate) static ALL: &[&Rule] = &[
    &UNKNOWN_ROLE,
    &DUPLICATE_ROLE,
    &SPOC_MISSING,
    &SPOC_NOT_ACTIVE,
    &SPOC_UNCHANGED,
    &TAILORED_CROSSCUTTING,
    &APPOINTED_TOO_LATE,
    &APPOINTMENT_KIND,
    &HANDOVER_MISSING,
    &ACTIVE_AFTER_PHASE_OUT,
    &OVERLAP_UNSTATED,
    &ROLE_WITHOUT_TASKS,
    &TASK_UNKNOWN_ROLE,
    &DUPLICATE_TASK,
    &INTEGRATION_ROLE_MISSING,
    &GALLERY_VERSION,
];
