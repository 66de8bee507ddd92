//! Rules of the `catalog` family: catalogs against the gallery (the appendix checklist).
//!
//! A rule that concludes from an absence (no SPOC for a phase, a role with no task) stays
//! silent where the absence is only a value the file's reader could not read: that value was
//! reported already, and the finding would send the author after the wrong thing.

mod document;

use crate::diag::codes::catalog::*;
use crate::diag::{
    ByteSpan, Diagnostic, Edit, Fix, Rule, SourceFile, Spanned, codes, floor_char_boundary,
};
use crate::lookalike;
use crate::model::{
    Catalog, CatalogEntry, CatalogRole, CatalogSet, Gallery, GalleryRole, Gruppe, KlikTask, Maade,
    Phase, Status,
};
use crate::yaml::{Damage, Doc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Checks one catalog against the gallery: the appendix checklist, item by item.
pub(crate) fn check(doc: &Doc<Catalog>, gallery: &Gallery) -> Vec<Diagnostic> {
    let catalog = &doc.value;
    let mut check = CatalogCheck {
        file: &doc.file,
        catalog,
        damage: &doc.damage,
        head: doc.head,
        gallery,
        entries: first_entries(catalog),
        found: Vec::new(),
    };
    check.placeholders();
    check.invisible_names();
    check.gallery_version();
    check.roles();
    check.spoc();
    check.handover();
    check.overlap_stated();
    check.tasks();
    check.integrations();
    check.found.extend(document::check(doc));
    check.found
}

struct CatalogCheck<'a> {
    file: &'a Arc<SourceFile>,
    catalog: &'a Catalog,
    damage: &'a Damage,
    /// The catalog's first key, for findings about the catalog as a whole.
    head: ByteSpan,
    gallery: &'a Gallery,
    /// The first entry of each role id (looked up for every task and SPOC).
    entries: HashMap<&'a str, &'a Spanned<CatalogRole>>,
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

    /// The catalog's entry for a role.
    fn entry(&self, id: &str) -> Option<&'a Spanned<CatalogRole>> {
        self.entries.get(id).copied()
    }

    /// Whether a role's entry holds a value that could not be read.
    fn damaged(&self, entry: &Spanned<CatalogRole>) -> bool {
        self.damage.within(entry.span)
    }

    /// An unknown role id reported with the gallery id meant, or the role the gallery's
    /// history removed.
    fn unknown_role(&mut self, rule: &'static Rule, id: &Spanned<String>) {
        let diagnostic =
            Diagnostic::new(rule, format!("unknown role `{}`", id.value)).at_value(self.file, id);
        let diagnostic = match self.gallery.removed(&id.value) {
            Some(removed) => diagnostic.with_help(format!(
                "the role {} was removed from the gallery in version {}; choose the roles that took over its tasks",
                removed.name, removed.version
            )),
            None => match self.gallery.suggest(&id.value) {
                Some(near) => diagnostic.suggesting(id.span, Some(near)),
                None => diagnostic.maybe_help(lookalike::help(&id.value, None)),
            },
        };
        self.found.push(diagnostic);
    }

    /// The system's name and the KLIK tasks' ids are names others match: one holding an
    /// invisible character only looks like the name it seems to be.
    fn invisible_names(&mut self) {
        let catalog = self.catalog;
        let names = std::iter::once(("the system name", &catalog.system))
            .chain(catalog.klik_opgaver.iter().map(|t| ("the task id", &t.id)));
        for (what, name) in names {
            if let Some(named) = lookalike::invisible(&name.value) {
                self.report(
                    &codes::yaml::INVALID_VALUE,
                    name,
                    format!(
                        "{what} `{}` holds {named}, an invisible character",
                        name.value
                    ),
                    Some("delete it: a name that only looks like another matches nothing".into()),
                );
            }
        }
    }

    /// The scaffold's blanks: a catalog with no system or business area cannot be handed out.
    fn placeholders(&mut self) {
        let catalog = self.catalog;
        if catalog.system.value.trim().is_empty() {
            self.report(
                &PLACEHOLDER,
                &catalog.system,
                "`system` is empty".into(),
                Some("write the system's name as the municipalities know it, e.g. `SAPA`".into()),
            );
        }
        let blanks = [
            (
                "titel",
                &catalog.titel,
                "the document's title, e.g. `Rollekatalog for SAPA`",
            ),
            (
                "fagomraade",
                &catalog.fagomraade,
                "the business area the system supports, e.g. `Socialområdet`",
            ),
        ];
        for (field, value, what) in blanks {
            if let (true, Some(span)) = (value.is_blank(), value.span) {
                let diagnostic = Diagnostic::new(&PLACEHOLDER, format!("`{field}` is still blank"))
                    .with_help(format!("fill in {what}"))
                    .at(self.file, widen_empty(span, self.file));
                self.found.push(diagnostic);
            }
        }
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
                self.unknown_role(&UNKNOWN_ROLE, &entry.rolle);
                continue;
            };
            self.tailoring(entry, role);
            self.appointment_kind(entry, role);
            // An unreadable `udpeges` or status would be judged as the gallery's default.
            if !self.damaged(entry) {
                self.appointed_in_time(entry, role);
            }
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

    fn appointment_kind(&mut self, entry: &CatalogRole, role: &GalleryRole) {
        let maade = role.udpegning.maade;
        if let Some(phase) = &entry.udpeges
            && maade == Maade::Aktiveres
        {
            let help = format!(
                "the gallery activates `{}`: write `aktiveres: {}`",
                role.id.value, phase.value
            );
            let fix = (entry.aktiveres.is_none())
                .then(|| renamed_key(self.file, phase, "udpeges", "aktiveres"))
                .flatten();
            self.found.push(
                Diagnostic::new(
                    &APPOINTMENT_KIND,
                    format!("`{}` is activated, not appointed", role.id.value),
                )
                .with_help(help)
                .maybe_fix(fix)
                .at_value(self.file, phase),
            );
        }
        if let Some(phase) = &entry.aktiveres
            && maade == Maade::Udpeges
        {
            let help = format!(
                "the gallery appoints `{}`: write `udpeges: {}`",
                role.id.value, phase.value
            );
            let fix = (entry.udpeges.is_none())
                .then(|| renamed_key(self.file, phase, "aktiveres", "udpeges"))
                .flatten();
            self.found.push(
                Diagnostic::new(
                    &APPOINTMENT_KIND,
                    format!("`{}` is appointed, not activated", role.id.value),
                )
                .with_help(help)
                .maybe_fix(fix)
                .at_value(self.file, phase),
            );
        }
    }

    fn appointed_in_time(&mut self, entry: &CatalogRole, role: &GalleryRole) {
        let maade = role.udpegning.maade;
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
                self.unknown_role(&UNKNOWN_ROLE, id);
            }
        }
    }

    /// Checklist item 2: exactly one SPOC per phase, and active there.
    fn spoc(&mut self) {
        let catalog = self.catalog;
        let Some(spoc) = &catalog.spoc else {
            if !self.damage.in_field("spoc") {
                self.no_spoc_plan();
            }
            return;
        };
        // A phase key that could not be read was reported as such; its SPOC is not missing.
        if !self.damage.within(spoc.span) {
            let key = spoc.key;
            for phase in Phase::ALL {
                if !spoc.value.iter().any(|(p, _)| p.value == phase) {
                    let found = Diagnostic::new(&SPOC_MISSING, format!("no SPOC for {phase}"));
                    let found = match self.only_candidate(phase) {
                        Some(role) => found
                            .with_help(format!("add `{phase}: {role}` under `spoc`: it is the one role obligatorisk in {phase}"))
                            .maybe_fix(spoc_insertion(self.file, spoc, phase, role)),
                        None => found.with_help(format!("add `{phase}: <role>` under `spoc`")),
                    };
                    self.found.push(found.at(self.file, key));
                }
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

    /// The one role of the catalog that is obligatorisk in a phase, when there is exactly one
    /// (and no entry under `roller` went unread): the SPOC that phase can only have.
    fn only_candidate(&self, phase: Phase) -> Option<&'a str> {
        if self.roles_damaged() {
            return None;
        }
        let mut candidates = self.catalog.roller.iter().filter(|entry| {
            self.entry(&entry.rolle.value)
                .is_some_and(|first| std::ptr::eq(first, *entry))
                && self.gallery.role(&entry.rolle.value).is_some()
                && entry.status_in(phase) == Status::Obligatorisk
        });
        let only = candidates.next()?;
        candidates
            .next()
            .is_none()
            .then_some(only.rolle.value.as_str())
    }

    /// No `spoc` block at all: one finding for the whole plan, at the catalog's first key.
    fn no_spoc_plan(&mut self) {
        self.found.push(
            Diagnostic::new(
                &SPOC_MISSING,
                "no SPOC for any phase: the catalog has no `spoc` block",
            )
            .with_help("add `spoc:` with one role for each of opvarmning, fase-1 … fase-4")
            .at(self.file, self.head),
        );
    }

    fn spoc_active(&mut self, phase: Phase, id: &Spanned<String>) {
        if self.gallery.role(&id.value).is_none() {
            self.unknown_role(&UNKNOWN_ROLE, id);
            return;
        }
        let entry = self.entry(&id.value);
        if entry.is_some_and(|e| self.damaged(e)) {
            return;
        }
        let message = match entry.map(|e| e.status_in(phase)) {
            None if self.roles_damaged() => return,
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

    /// Whether an entry under `roller` could not be read (it may be the role looked for).
    fn roles_damaged(&self) -> bool {
        self.damage.in_field("roller")
    }

    /// Checklist item 6: systemejer and systemansvarlig take over in fase-4.
    fn handover(&mut self) {
        for id in ["systemejer", "systemansvarlig"] {
            let entry = self.entry(id);
            let message = match entry {
                None if self.roles_damaged() => continue,
                None => {
                    format!("`{id}` is not in the catalog; it is appointed at the change to fase-4")
                }
                Some(entry) if self.damaged(entry) => continue,
                Some(entry) if entry.status_in(Phase::Fase4) != Status::Obligatorisk => {
                    format!("`{id}` is not obligatorisk in fase-4")
                }
                Some(_) => continue,
            };
            let help = format!("add `{id}` with `status: {{fase-4: obligatorisk}}`");
            let diagnostic = Diagnostic::new(&HANDOVER_MISSING, message).with_help(help);
            let diagnostic = match entry {
                Some(entry) => diagnostic.at_value(self.file, &entry.rolle),
                None => diagnostic.at_value(self.file, &self.catalog.system),
            };
            self.found.push(diagnostic);
        }
    }

    /// Checklist item 6: say whether projektejer continues as systemejer.
    fn overlap_stated(&mut self) {
        let (Some(owner), Some(system_owner)) =
            (self.entry("projektejer"), self.entry("systemejer"))
        else {
            return;
        };
        // A statement that could not be read is not a missing one.
        if self.damaged(owner) || self.damaged(system_owner) {
            return;
        }
        let names = |entry: &CatalogRole, other: &str| {
            entry.personsammenfald.as_ref().is_some_and(|o| {
                o.value
                    .anbefalet
                    .iter()
                    .chain(&o.value.undgaas)
                    .any(|r| r.value == other)
            })
        };
        if names(owner, "systemejer") || names(system_owner, "projektejer") {
            return;
        }
        self.report(&OVERLAP_UNSTATED, &owner.rolle, "no personsammenfald statement for projektejer → systemejer".into(), Some("add `personsammenfald: {anbefalet: [systemejer]}` (or `undgaas: [systemejer]`) to projektejer".into()));
    }

    /// Checklist item 4: every task's roles are in the catalog and active in its phase, ids
    /// are unique, every role has a task.
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
                match self.entry(&role.value) {
                    Some(entry) => self.task_role_active(task, role, entry),
                    None => self.task_unknown_role(task, role),
                }
            }
        }
        // A task that could not be read may be the one a role takes part in.
        if self.damage.in_field("klik_opgaver") {
            return;
        }
        for entry in &catalog.roller {
            if !performing.contains(entry.rolle.value.as_str())
                && self.gallery.role(&entry.rolle.value).is_some()
            {
                self.report(&ROLE_WITHOUT_TASKS, &entry.rolle, format!("`{}` takes part in no KLIK task", entry.rolle.value), Some("name it as ansvarlig, udfoerer or involveret in a task under `klik_opgaver`".into()));
            }
        }
    }

    /// A task names a role the catalog lacks: its entry may be misspelt (then that is the
    /// cause, and is named), or the role is not chosen.
    fn task_unknown_role(&mut self, task: &KlikTask, role: &Spanned<String>) {
        let catalog = self.catalog;
        let misspelt = catalog.roller.iter().find(|entry| {
            self.gallery.role(&entry.rolle.value).is_none()
                && self.gallery.suggest(&entry.rolle.value) == Some(role.value.as_str())
        });
        let message = format!(
            "task `{}` names `{}`, which is not in the catalog",
            task.id.value, role.value
        );
        let diagnostic = Diagnostic::new(&TASK_UNKNOWN_ROLE, message).at_value(self.file, role);
        let diagnostic = if let Some(entry) = misspelt {
            let (line, _) = self.file.line_column(entry.rolle.span.offset);
            diagnostic.with_help(format!(
                "its entry under `roller` is written `{}` (line {line}), which is not a gallery id: correct that entry",
                entry.rolle.value
            ))
        } else if self.gallery.role(&role.value).is_some() {
            // A real gallery role: the catalog lacks it, or its entry could not be read;
            // another role's name is no answer.
            if self.roles_damaged() {
                return;
            }
            diagnostic.with_help(format!(
                "`{}` is a gallery role the catalog does not choose: add it to `roller`, or name a role that is there",
                role.value
            ))
        } else {
            // Only roles the catalog has and the gallery knows are offered.
            let chosen = catalog
                .roller
                .iter()
                .map(|r| r.rolle.value.as_str())
                .filter(|id| self.gallery.role(id).is_some());
            match self.gallery.suggest_among(&role.value, chosen) {
                Some(near) => diagnostic.suggesting(role.span, Some(near)),
                None if self.roles_damaged() => return,
                None => diagnostic.with_help(format!(
                    "add `{}` to `roller`, or name a role that is there",
                    role.value
                )),
            }
        };
        self.found.push(diagnostic);
    }

    /// A task in phase P names a role that is inaktiv in P.
    fn task_role_active(
        &mut self,
        task: &KlikTask,
        role: &Spanned<String>,
        entry: &Spanned<CatalogRole>,
    ) {
        if self.damaged(entry) {
            return;
        }
        let phase = task.fase.value;
        if entry.status_in(phase) != Status::Inaktiv {
            return;
        }
        self.report(
            &TASK_ROLE_INACTIVE,
            role,
            format!(
                "task `{}` in {phase} names `{}`, which is inaktiv in {phase}",
                task.id.value, role.value
            ),
            Some(format!(
                "give `{}` a status in {phase}, move the task to a phase where the role is active, or take the role off the task",
                role.value
            )),
        );
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

/// The first entry of each role id: a repeated entry is reported, and the first one counts.
fn first_entries(catalog: &Catalog) -> HashMap<&str, &Spanned<CatalogRole>> {
    let mut entries = HashMap::with_capacity(catalog.roller.len());
    for entry in &catalog.roller {
        entries.entry(entry.rolle.value.as_str()).or_insert(entry);
    }
    entries
}

/// The edit that adds `phase: role` to a `spoc` mapping, beside the entry of the phase before it
/// (or before the first entry): a line of its own, indented as the others, in a block mapping;
/// `, phase: role` in a flow mapping. `None` for an empty `spoc`.
fn spoc_insertion(
    file: &SourceFile,
    spoc: &crate::yaml::Keyed<crate::yaml::Entries<Spanned<Phase>, Spanned<String>>>,
    phase: Phase,
    role: &str,
) -> Option<Fix> {
    let entries = &spoc.value.0;
    let text = &file.text;
    let flow = text[spoc.span.offset..].starts_with('{');
    let before = entries
        .iter()
        .filter(|(p, _)| p.value < phase)
        .max_by_key(|(p, _)| p.span.offset);
    let (span, replacement) = match (before, entries.first()) {
        (Some((_, id)), _) if flow => (id.span.end(), format!(", {phase}: {role}")),
        (None, Some((first, _))) if flow => (first.span.offset, format!("{phase}: {role}, ")),
        (Some((key, id)), _) => {
            let indent = indentation(file, key.span.offset)?;
            let line = file.line_span(file.line_of(id.span.end()))?;
            let ending = line_ending(text, line.end());
            (line.end(), format!("{ending}{indent}{phase}: {role}"))
        }
        (None, Some((first, _))) => {
            let indent = indentation(file, first.span.offset)?;
            let line = file.line_span(file.line_of(first.span.offset))?;
            let ending = line_ending(text, line.end());
            (line.offset, format!("{indent}{phase}: {role}{ending}"))
        }
        (None, None) => return None,
    };
    Some(Fix {
        title: format!("add `{phase}: {role}` under `spoc`"),
        edits: vec![Edit {
            span: ByteSpan::new(span, span),
            replacement,
        }],
    })
}

/// The spaces before a key that starts its line; `None` when anything else precedes it.
fn indentation(file: &SourceFile, offset: usize) -> Option<&str> {
    let start = file.line_span(file.line_of(offset))?.offset;
    let indent = &file.text[start..offset];
    indent.chars().all(|c| c == ' ').then_some(indent)
}

/// The line break that ends a line at `end` (a file's own: `\r\n`, `\r` or `\n`).
fn line_ending(text: &str, end: usize) -> &'static str {
    let rest = &text[end..];
    if rest.starts_with("\r\n") {
        "\r\n"
    } else if rest.starts_with('\r') {
        "\r"
    } else {
        "\n"
    }
}

/// The edit that renames the key a value is written under (`udpeges: fase-1` →
/// `aktiveres: fase-1`), found just before the value on its line.
fn renamed_key(file: &SourceFile, value: &Spanned<Phase>, from: &str, to: &str) -> Option<Fix> {
    let before = file.text[..value.span.offset].trim_end_matches([' ', '\t']);
    let key_end = before.strip_suffix(':')?.len();
    let key_start = key_end.checked_sub(from.len())?;
    if file.text.get(key_start..key_end)? != from {
        return None;
    }
    Some(Fix {
        title: format!("write `{to}: {}`", value.value),
        edits: vec![Edit {
            span: ByteSpan::new(key_start, key_end),
            replacement: to.to_string(),
        }],
    })
}

/// A zero-width span (an empty value) widened to the character before it, so that a caret has
/// something to sit under.
pub(crate) fn widen_empty(span: ByteSpan, file: &SourceFile) -> ByteSpan {
    if span.len > 0 || span.offset == 0 {
        return span;
    }
    let before = floor_char_boundary(&file.text, span.offset - 1);
    ByteSpan::new(before, span.offset)
}

/// Two catalogs for one system that belong together (`together`: both checked, or both in the
/// repository's catalogs folder): every later one is reported, naming the file of the first.
/// Where only one of the two is among the files reported on (`rg check` of one catalog), that
/// one carries the finding, naming the other.
pub(crate) fn duplicate_systems(
    set: &CatalogSet,
    reported: &dyn Fn(&SourceFile) -> bool,
    together: &dyn Fn(&SourceFile, &SourceFile) -> bool,
) -> Vec<Diagnostic> {
    let mut first: HashMap<String, &CatalogEntry> = HashMap::new();
    let mut found = Vec::new();
    for entry in set.entries() {
        let Some(catalog) = &entry.catalog else {
            continue;
        };
        let name = catalog.system.value.trim();
        if name.is_empty() {
            continue;
        }
        let Some(earlier) = first.get(&name.to_ascii_lowercase()) else {
            first.insert(name.to_ascii_lowercase(), entry);
            continue;
        };
        if !together(&entry.file, &earlier.file) {
            continue;
        }
        let (at, other) = match (reported(&entry.file), reported(&earlier.file)) {
            (true, _) => (entry, earlier),
            (false, true) => (*earlier, &entry),
            (false, false) => continue,
        };
        let Some(system) = at.catalog.as_ref().map(|c| &c.system) else {
            continue;
        };
        found.push(
            Diagnostic::new(
                &DUPLICATE_SYSTEM,
                format!("system `{name}` is also declared by {}", other.file.name),
            )
            .with_help(
                "each system has one catalog: correct `system` here, or remove the outdated copy",
            )
            .at_value(&at.file, system),
        );
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::apply;
    use std::path::Path;

    const ROLES: &str = "roller:
  - rolle: projektejer
    status: {opvarmning: obligatorisk, fase-1: obligatorisk, fase-2: obligatorisk}
  - rolle: projektleder
    status: {fase-2: obligatorisk, fase-3: obligatorisk}
  - rolle: it-digitaliseringschef
    status: {fase-1: obligatorisk}
    udpeges: fase-1
";

    /// The text with every fix of one rule's findings applied that fit together.
    fn fixed(text: &str, rule: &Rule) -> String {
        let file = SourceFile::new(Path::new("catalogs/t.yaml"), text.to_string());
        let gallery = crate::load::gallery::load_embedded().gallery.unwrap();
        let (doc, _) = crate::yaml::document::<Catalog>(&file).into_doc(&file);
        let found = check(&doc.unwrap(), &gallery);
        let fixes: Vec<&Fix> = found
            .iter()
            .filter(|d| d.rule == rule)
            .filter_map(|d| d.fix.as_deref())
            .collect();
        apply::apply(text, &apply::select(text, &fixes))
    }

    #[test]
    fn a_missing_spoc_phase_with_one_candidate_is_inserted_in_phase_order() {
        let text = format!(
            "system: T\nspoc:\n  fase-2: projektleder  # SPOC\n  fase-3: projektleder\n{ROLES}"
        );
        let once = fixed(&text, &SPOC_MISSING);
        // opvarmning goes before fase-2; fase-1 has two candidates (no fix), fase-4 none.
        assert!(
            once.starts_with(
                "system: T\nspoc:\n  opvarmning: projektejer\n  fase-2: projektleder  # SPOC\n"
            ),
            "{once}"
        );
        let crlf = text.replace('\n', "\r\n");
        assert!(
            fixed(&crlf, &SPOC_MISSING).contains("spoc:\r\n  opvarmning: projektejer\r\n  fase-2:")
        );
        let flow =
            format!("system: T\nspoc: {{fase-2: projektleder, fase-3: projektleder}}\n{ROLES}");
        assert!(
            fixed(&flow, &SPOC_MISSING).contains(
                "spoc: {opvarmning: projektejer, fase-2: projektleder, fase-3: projektleder}"
            ),
            "{}",
            fixed(&flow, &SPOC_MISSING)
        );
    }

    #[test]
    fn a_phase_after_the_others_goes_below_them() {
        let roles = ROLES.replace(
            "{fase-2: obligatorisk, fase-3: obligatorisk}",
            "{fase-4: obligatorisk}",
        );
        let text = format!("system: T\nspoc:\n  opvarmning: projektejer\n{roles}");
        // fase-2 and fase-4 are inserted at the same place: one a round, as `rg fix` does.
        let once = fixed(&text, &SPOC_MISSING);
        assert!(
            once.starts_with(
                "system: T\nspoc:\n  opvarmning: projektejer\n  fase-2: projektejer\nroller:"
            ),
            "{once}"
        );
        let twice = fixed(&once, &SPOC_MISSING);
        assert!(
            twice.starts_with("system: T\nspoc:\n  opvarmning: projektejer\n  fase-2: projektejer\n  fase-4: projektleder\nroller:"),
            "{twice}"
        );
    }

    #[test]
    fn udpeges_on_an_activated_role_becomes_aktiveres() {
        let text = format!("system: T\n{ROLES}");
        assert!(
            fixed(&text, &APPOINTMENT_KIND).ends_with("    aktiveres: fase-1\n"),
            "{}",
            fixed(&text, &APPOINTMENT_KIND)
        );
    }
}
