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

pub(crate) static DOCUMENT_UNVERSIONED: Rule = Rule {
    code: "rg::catalog::document_unversioned",
    level: Level::Warning,
    summary: "the catalog's `dokument` block lacks `version` or `dato`",
    explanation: include_str!("docs/catalog/document_unversioned.md"),
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
    &DOCUMENT_UNVERSIONED,
];

mod document;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::load::gallery::Gallery;
use crate::model::{Catalog, CatalogRole, GalleryRole, Gruppe, Maade, Phase, Status};
use crate::suggest;
use serde_saphyr::Spanned;
use std::collections::HashSet;
use std::sync::Arc;

/// Checks one catalog against the gallery: the appendix checklist, item by item.
pub(crate) fn check(
    file: &Arc<SourceFile>,
    catalog: &Catalog,
    gallery: &Gallery,
) -> Vec<Diagnostic> {
    let mut check = CatalogCheck {
        file,
        catalog,
        gallery,
        found: Vec::new(),
    };
    check.gallery_version();
    check.roles();
    check.spoc();
    check.handover();
    check.overlap_stated();
    check.tasks();
    check.integrations();
    check.found.extend(document::check(file, catalog));
    check.found
}

struct CatalogCheck<'a> {
    file: &'a Arc<SourceFile>,
    catalog: &'a Catalog,
    gallery: &'a Gallery,
    found: Vec<Diagnostic>,
}

impl<'a> CatalogCheck<'a> {
    fn report<T>(
        &mut self,
        rule: &'static Rule,
        value: &Spanned<T>,
        message: String,
        help: Option<String>,
    ) {
        let found = Diagnostic::new(rule, message).maybe_help(help);
        self.found.push(found.at_value(self.file, value));
    }

    /// The catalog's entry for a role (borrowed from the catalog, not from `self`).
    fn entry(&self, id: &str) -> Option<&'a CatalogRole> {
        self.catalog.entry(id)
    }

    fn gallery_version(&mut self) {
        let Some(version) = &self.catalog.galleri else {
            return;
        };
        let in_use = self.gallery.version().to_string();
        if version.value != in_use {
            self.report(
                &GALLERY_VERSION,
                version,
                format!(
                    "written against gallery {}, but gallery {in_use} is in use",
                    version.value
                ),
                Some(format!(
                    "review the catalog against gallery {in_use} and set `galleri: \"{in_use}\"`"
                )),
            );
        }
    }

    /// Checklist items 1, 3 and 5: known roles, once each, tailored only where allowed,
    /// appointed no later than needed and not mandatory after being phased out.
    fn roles(&mut self) {
        let mut seen = HashSet::new();
        let (catalog, gallery) = (self.catalog, self.gallery);
        for entry in &catalog.roller {
            let id = entry.rolle.value.as_str();
            if !seen.insert(id) {
                self.report(
                    &DUPLICATE_ROLE,
                    &entry.rolle,
                    format!("role `{id}` is listed twice"),
                    Some("merge the two entries into one".into()),
                );
                continue;
            }
            let Some(role) = gallery.role(id) else {
                let help = suggest::did_you_mean(self.gallery.suggest(id));
                self.report(
                    &UNKNOWN_ROLE,
                    &entry.rolle,
                    format!("unknown role `{id}`"),
                    help,
                );
                continue;
            };
            self.tailoring(entry, role);
            self.appointment(entry, role);
            self.phase_out(entry, role);
            self.overlap_references(entry);
        }
    }

    fn tailoring(&mut self, entry: &CatalogRole, role: &GalleryRole) {
        if role.gruppe == Gruppe::Systemspecifik {
            return;
        }
        let tailored: [(&str, Option<&Spanned<String>>, bool); 2] = [
            (
                "navn",
                entry.navn.as_ref(),
                entry.navn.as_ref().is_some_and(|n| n.value != role.navn),
            ),
            (
                "effekt",
                entry.effekt.as_ref(),
                entry
                    .effekt
                    .as_ref()
                    .is_some_and(|e| e.value != role.effekt),
            ),
        ];
        for (field, value, changed) in tailored {
            if let (Some(value), true) = (value, changed) {
                self.report_tailored(field, value, role);
            }
        }
        if let Some(kendetegn) = entry
            .kendetegn
            .as_ref()
            .filter(|k| k.value != role.kendetegn)
        {
            self.report_tailored("kendetegn", kendetegn, role);
        }
        if let Some(opgaver) = entry.opgaver.as_ref().filter(|o| o.value != role.opgaver) {
            self.report_tailored("opgaver", opgaver, role);
        }
        if let Some(ansvar) = entry.ansvar.as_ref().filter(|a| a.value != role.ansvar) {
            self.report_tailored("ansvar", ansvar, role);
        }
        if let Some(kompetencer) = entry
            .kompetencer
            .as_ref()
            .filter(|k| k.value != role.kompetencer)
        {
            self.report_tailored("kompetencer", kompetencer, role);
        }
    }

    fn report_tailored<T>(&mut self, field: &str, value: &Spanned<T>, role: &GalleryRole) {
        self.report(
            &TAILORED_CROSSCUTTING,
            value,
            format!("`{field}` is changed on the {} role `{}`", role.gruppe.id(), role.id.value),
            Some("only systemspecifik roles are tailored; cross-cutting roles keep the gallery's name and description".into()),
        );
    }

    fn appointment(&mut self, entry: &CatalogRole, role: &GalleryRole) {
        let maade = role.udpegning.maade;
        if let Some(phase) = &entry.udpeges
            && maade == Maade::Aktiveres
        {
            let help = format!(
                "the gallery activates `{}`: write `aktiveres: {}`",
                role.id.value, phase.value
            );
            self.report(
                &APPOINTMENT_KIND,
                phase,
                format!("`{}` is activated, not appointed", role.id.value),
                Some(help),
            );
        }
        if let Some(phase) = &entry.aktiveres
            && maade == Maade::Udpeges
        {
            let help = format!(
                "the gallery appoints `{}`: write `udpeges: {}`",
                role.id.value, phase.value
            );
            self.report(
                &APPOINTMENT_KIND,
                phase,
                format!("`{}` is appointed, not activated", role.id.value),
                Some(help),
            );
        }
        let appointed = entry
            .appointed_override()
            .map(|p| p.value)
            .or(role.udpegning.fase);
        let Some(appointed) = appointed else {
            return;
        };
        let too_early = entry
            .status
            .iter()
            .filter(|(phase, status)| {
                status.value == Status::Obligatorisk && phase.value < appointed
            })
            .min_by_key(|(phase, _)| phase.value);
        if let Some((phase, status)) = too_early {
            let verb = if maade == Maade::Aktiveres {
                "activated"
            } else {
                "appointed"
            };
            let source = if entry.appointed_override().is_some() {
                "the catalog"
            } else {
                "the gallery's default"
            };
            self.report(
                &APPOINTED_TOO_LATE,
                status,
                format!(
                    "`{}` is obligatorisk in {} but {verb} in {appointed} ({source})",
                    role.id.value, phase.value
                ),
                Some(format!(
                    "appoint it earlier (`{}: {}`) or start its status in {appointed}",
                    if maade == Maade::Aktiveres {
                        "aktiveres"
                    } else {
                        "udpeges"
                    },
                    phase.value
                )),
            );
        }
    }

    fn phase_out(&mut self, entry: &CatalogRole, role: &GalleryRole) {
        let Some(last) = role.udpegning.udfases_efter else {
            return;
        };
        let after = entry
            .status
            .iter()
            .find(|(phase, status)| status.value == Status::Obligatorisk && phase.value > last);
        if let Some((phase, status)) = after {
            let takeover = role
                .udpegning
                .afloeses_af
                .as_ref()
                .map(|t| format!("; `{}` takes over", t.value))
                .unwrap_or_default();
            self.report(
                &ACTIVE_AFTER_PHASE_OUT,
                status,
                format!(
                    "`{}` is obligatorisk in {} but is phased out after {last}",
                    role.id.value, phase.value
                ),
                Some(format!("make it `anbefalet` or drop the phase{takeover}")),
            );
        }
    }

    fn overlap_references(&mut self, entry: &CatalogRole) {
        let Some(overlap) = &entry.personsammenfald else {
            return;
        };
        for id in overlap.value.anbefalet.iter().chain(&overlap.value.undgaas) {
            if self.gallery.role(&id.value).is_none() {
                let help = suggest::did_you_mean(self.gallery.suggest(&id.value));
                self.report(
                    &UNKNOWN_ROLE,
                    id,
                    format!("unknown role `{}`", id.value),
                    help,
                );
            }
        }
    }

    /// Checklist item 2: exactly one SPOC per phase, and active there.
    fn spoc(&mut self) {
        let catalog = self.catalog;
        let Some(spoc) = &catalog.spoc else {
            for phase in Phase::ALL {
                self.report(
                    &SPOC_MISSING,
                    &catalog.system,
                    format!("no SPOC for {phase}: the catalog has no `spoc` plan"),
                    Some(
                        "add `spoc:` with one role for each of opvarmning, fase-1 … fase-4".into(),
                    ),
                );
            }
            return;
        };
        for phase in Phase::ALL {
            if !spoc.value.iter().any(|(p, _)| p.value == phase) {
                self.report(
                    &SPOC_MISSING,
                    spoc,
                    format!("no SPOC for {phase}"),
                    Some(format!("add `{phase}: <role>` under `spoc`")),
                );
            }
        }
        for (phase, id) in spoc.value.iter() {
            self.spoc_active(phase.value, id);
        }
        let holder = |phase: Phase| {
            spoc.value
                .iter()
                .find(|(p, _)| p.value == phase)
                .map(|(_, id)| id)
        };
        if let (Some(before), Some(after)) = (holder(Phase::Fase3), holder(Phase::Fase4))
            && before.value == after.value
        {
            self.report(&SPOC_UNCHANGED, after, format!("the SPOC stays `{}` from fase-3 to fase-4", after.value), Some("at the change to drift og forvaltning the SPOC changes, typically to `systemansvarlig`".into()));
        }
    }

    fn spoc_active(&mut self, phase: Phase, id: &Spanned<String>) {
        if self.gallery.role(&id.value).is_none() {
            let help = suggest::did_you_mean(self.gallery.suggest(&id.value));
            self.report(
                &UNKNOWN_ROLE,
                id,
                format!("unknown role `{}`", id.value),
                help,
            );
            return;
        }
        let status = self.entry(&id.value).map(|e| e.status_in(phase));
        let message = match status {
            None => format!(
                "SPOC `{}` for {phase} is not in the catalog's roles",
                id.value
            ),
            Some(Status::Obligatorisk) => return,
            Some(status) => format!(
                "SPOC `{}` is {status} in {phase}, not obligatorisk",
                id.value
            ),
        };
        self.report(
            &SPOC_NOT_ACTIVE,
            id,
            message,
            Some(format!(
                "make `{}` obligatorisk in {phase}, or name another SPOC",
                id.value
            )),
        );
    }

    /// Checklist item 6: systemejer and systemansvarlig take over in fase-4.
    fn handover(&mut self) {
        for id in ["systemejer", "systemansvarlig"] {
            let message = match self.entry(id) {
                None => {
                    format!("`{id}` is not in the catalog; it is appointed at the change to fase-4")
                }
                Some(entry) if entry.status_in(Phase::Fase4) != Status::Obligatorisk => {
                    format!("`{id}` is not obligatorisk in fase-4")
                }
                Some(_) => continue,
            };
            let catalog = self.catalog;
            let anchor = catalog.entry(id).map_or(&catalog.system, |e| &e.rolle);
            let help = format!("add `{id}` with `status: {{fase-4: obligatorisk}}`");
            self.report(&HANDOVER_MISSING, anchor, message, Some(help));
        }
    }

    /// Checklist item 6: say whether projektejer continues as systemejer.
    fn overlap_stated(&mut self) {
        let (Some(owner), Some(_)) = (self.entry("projektejer"), self.entry("systemejer")) else {
            return;
        };
        let names = |entry: Option<&CatalogRole>, other: &str| {
            entry
                .and_then(|e| e.personsammenfald.as_ref())
                .is_some_and(|o| {
                    o.value
                        .anbefalet
                        .iter()
                        .chain(&o.value.undgaas)
                        .any(|r| r.value == other)
                })
        };
        if names(Some(owner), "systemejer") || names(self.entry("systemejer"), "projektejer") {
            return;
        }
        let rolle = owner.rolle.clone();
        self.report(&OVERLAP_UNSTATED, &rolle, "no personsammenfald statement for projektejer → systemejer".into(), Some("add `personsammenfald: {anbefalet: [systemejer]}` (or `undgaas: [systemejer]`) to projektejer".into()));
    }

    /// Checklist item 4: every task's roles are in the catalog, ids are unique, every role has a task.
    fn tasks(&mut self) {
        let catalog = self.catalog;
        let mut ids = HashSet::new();
        let mut performing = HashSet::new();
        for task in &catalog.klik_opgaver {
            if !ids.insert(task.id.value.as_str()) {
                self.report(
                    &DUPLICATE_TASK,
                    &task.id,
                    format!("task id `{}` is used twice", task.id.value),
                    Some("give each KLIK task its own id".into()),
                );
            }
            for (role, _) in task.participants() {
                performing.insert(role.value.as_str());
                if self.entry(&role.value).is_none() {
                    let chosen = catalog.roller.iter().map(|r| r.rolle.value.as_str());
                    let help = suggest::did_you_mean(suggest::nearest(&role.value, chosen))
                        .or_else(|| {
                            Some(format!(
                                "add `{}` to `roller`, or name a role that is there",
                                role.value
                            ))
                        });
                    self.report(
                        &TASK_UNKNOWN_ROLE,
                        role,
                        format!(
                            "task `{}` names `{}`, which is not in the catalog",
                            task.id.value, role.value
                        ),
                        help,
                    );
                }
            }
        }
        for entry in &catalog.roller {
            if !performing.contains(entry.rolle.value.as_str())
                && self.gallery.role(&entry.rolle.value).is_some()
            {
                self.report(&ROLE_WITHOUT_TASKS, &entry.rolle, format!("`{}` takes part in no KLIK task", entry.rolle.value), Some("name it as ansvarlig, udfoerer or involveret in a task under `klik_opgaver`".into()));
            }
        }
    }

    /// A declared integration proposes the roles dedicated to it (not the two that serve the
    /// whole infrastructure, infrastrukturejer and infrastrukturansvarlig, and not roles KOMBIT
    /// does not initiate).
    fn integrations(&mut self) {
        let all = crate::model::Integration::ALL.len();
        for integration in &self.catalog.integrationer {
            for role in self.gallery.roles() {
                let serves = role
                    .integrationer
                    .iter()
                    .any(|i| i.value == integration.value);
                let dedicated = role.integrationer.len() < all;
                // A role KOMBIT does not initiate (forvaltningsansvarlig) exists only where a
                // municipality runs its own systems: nothing to propose.
                let initiated = role.udpegning.maade != Maade::IkkeInitieret;
                if serves && dedicated && initiated && self.entry(&role.id.value).is_none() {
                    self.report(
                        &INTEGRATION_ROLE_MISSING,
                        integration,
                        format!(
                            "integration `{}` is served by `{}`, which is not in the catalog",
                            integration.value.id(),
                            role.id.value
                        ),
                        Some(format!("add `{}` to `roller`", role.id.value)),
                    );
                }
            }
        }
    }
}
