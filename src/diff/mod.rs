//! The diff stage: a municipality's appointments against the resolved catalogs, system by
//! system in its current phase — what is unfilled, what is next, who holds inactive roles.

pub(crate) mod people;
pub(crate) mod run;

use crate::diag::codes::diff as rule;
use crate::diag::{Diagnostic, Rule, SourceFile, Spanned};
use crate::model::{
    Appointments, Gruppe, Maade, Person, Phase, RoleHolders, Status, SystemAppointments,
};
use crate::resolve::{ResolvedCatalog, ResolvedRole, ResolvedSet};
use crate::rules::appointments::Staleness;
use crate::yaml::Doc;
use foldhash::{HashMap, HashSet};
use serde::Serialize;
use std::sync::Arc;

/// A person holding a role, as shown to others: the email only with consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Holder {
    /// The person's key in the appointments file (an email address used as one is `<email>`).
    #[serde(serialize_with = "masked_key")]
    pub noegle: String,
    pub navn: String,
    /// Only when the person has `samtykke: true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The first listed holder is the primary contact (KLIK mails one person per role).
    pub primaer: bool,
    /// The person's `bekraeftet` date is older than `stale_after_months`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub foraeldet: bool,
}

/// A key as it may be shown: an email address is masked (`rg::appointments::email_as_key`);
/// the key itself stays, to tell holders apart.
pub(super) fn masked_key<S: serde::Serializer>(
    key: &str,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(crate::rules::appointments::shown_key(key))
}

/// How a role stands in the current phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoleRow {
    pub rolle: String,
    pub navn: String,
    pub status: Status,
    pub maade: Maade,
    /// Whether this is the phase's SPOC role.
    pub spoc: bool,
    /// Who holds it (cross-cutting roles may be held under `tvaergaaende`).
    pub udpeget: Vec<Holder>,
    /// The codes of the findings about this role.
    pub fund: Vec<&'static str>,
}

impl RoleRow {
    /// Activated roles are filled by function: no appointment is needed.
    pub fn filled_by_function(&self) -> bool {
        self.maade == Maade::Aktiveres
    }

    pub fn is_filled(&self) -> bool {
        self.filled_by_function() || !self.udpeget.is_empty()
    }
}

/// A role that becomes obligatorisk in the next phase and has nobody yet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextRole {
    pub rolle: String,
    pub navn: String,
}

/// One system of one municipality, in its current phase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemDiff {
    pub system: String,
    pub fase: Phase,
    /// The SPOC role of this phase, if the catalog names one.
    pub spoc: Option<String>,
    /// Roles active in this phase, and inactive ones somebody is still appointed to.
    pub roller: Vec<RoleRow>,
    pub naeste_fase: Option<Phase>,
    /// Roles obligatorisk in the next phase that nobody holds yet.
    pub mangler_til_naeste_fase: Vec<NextRole>,
    /// Obligatorisk roles unfilled now.
    pub ubesatte_obligatoriske: usize,
    /// Anbefalet roles unfilled now.
    pub ubesatte_anbefalede: usize,
}

impl SystemDiff {
    /// The SPOC's row, when the catalog names a SPOC for the phase.
    pub fn spoc_row(&self) -> Option<&RoleRow> {
        let spoc = self.spoc.as_deref()?;
        self.roller.iter().find(|r| r.rolle == spoc)
    }
}

/// One municipality's appointments against the catalogs.
#[derive(Clone, Debug, Serialize)]
pub struct MunicipalityDiff {
    pub kommune: String,
    pub fil: String,
    pub systemer: Vec<SystemDiff>,
    /// Error-level findings that kept the file or one of its system entries from being diffed
    /// (0 when all was read): such a municipality is never shown as having no gaps.
    pub fejl: usize,
    /// Systems whose `fase` is still blank (the scaffold's placeholder): not compared.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub uden_fase: Vec<String>,
    /// With `--people`: each person's roles across the municipality's systems.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personer: Option<Vec<people::PersonRoles>>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// What a diff run asks beyond the comparison itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct DiffOptions {
    /// `--people`: each person's roles, with the people rules, at this many roles per person.
    pub(crate) people: Option<usize>,
    pub(crate) staleness: Staleness,
}

impl MunicipalityDiff {
    /// A file that could not be diffed at all: named from its `kommune` if that much was read,
    /// else from its file name.
    pub(crate) fn unread(
        file: &SourceFile,
        kommune: Option<&str>,
        fejl: usize,
    ) -> MunicipalityDiff {
        let stem = || {
            file.path
                .file_stem()
                .map_or_else(|| file.name.clone(), |s| s.to_string_lossy().into_owned())
        };
        MunicipalityDiff {
            kommune: kommune.map_or_else(stem, str::to_string),
            fil: file.name.clone(),
            systemer: Vec::new(),
            fejl,
            uden_fase: Vec::new(),
            personer: None,
            diagnostics: Vec::new(),
        }
    }
}

/// Diffs every system of one appointments file whose catalog is known and whose phase is
/// written, except those in `skip` (entries with errors of their own).
pub(crate) fn diff(
    doc: &Doc<Appointments>,
    catalogs: &ResolvedSet,
    skip: &HashSet<usize>,
    options: &DiffOptions,
) -> MunicipalityDiff {
    let (file, appointments) = (&doc.file, &doc.value);
    let persons: HashMap<&str, &Person> = appointments
        .personer
        .iter()
        .map(|(key, person)| (key.value.as_str(), person))
        .collect();
    let mut diagnostics = Vec::new();
    let mut uden_fase = Vec::new();
    let mut systemer = Vec::new();
    for (index, system) in appointments.systemer.value.iter().enumerate() {
        let Some(catalog) = catalogs.get(&system.system.value) else {
            continue;
        };
        if skip.contains(&index) {
            continue;
        }
        let Some(phase) = system.phase() else {
            uden_fase.push(catalog.system.clone());
            continue;
        };
        let mut context = SystemContext {
            file,
            appointments,
            persons: &persons,
            system,
            catalog,
            phase,
            staleness: options.staleness,
            found: Vec::new(),
        };
        systemer.push(context.diff());
        diagnostics.append(&mut context.found);
    }
    let mut municipality = MunicipalityDiff {
        kommune: appointments.kommune.value.clone(),
        fil: file.name.clone(),
        systemer,
        fejl: 0,
        uden_fase,
        personer: None,
        diagnostics,
    };
    if let Some(max_roles) = options.people {
        people::people(doc, catalogs, &mut municipality, max_roles);
    }
    municipality
}

struct SystemContext<'a> {
    file: &'a Arc<SourceFile>,
    appointments: &'a Appointments,
    /// The file's persons by key, looked up for every holder.
    persons: &'a HashMap<&'a str, &'a Person>,
    system: &'a SystemAppointments,
    catalog: &'a ResolvedCatalog,
    phase: Phase,
    staleness: Staleness,
    found: Vec<Diagnostic>,
}

impl<'a> SystemContext<'a> {
    fn diff(&mut self) -> SystemDiff {
        let phase = self.phase;
        let spoc = self.catalog.spoc_in(phase).map(str::to_string);
        let mut roller = Vec::new();
        for role in &self.catalog.roller {
            if let Some(row) = self.row(role, phase, spoc.as_deref()) {
                roller.push(row);
            }
        }
        self.overlaps(&mut roller);
        let next = phase.next();
        let mangler_til_naeste_fase = next.map(|n| self.next_phase(n, phase)).unwrap_or_default();
        let count = |code: &str| roller.iter().filter(|r| r.fund.contains(&code)).count();
        let ubesatte_obligatoriske = count(rule::UNFILLED_MANDATORY.code);
        let ubesatte_anbefalede = count(rule::UNFILLED_RECOMMENDED.code);
        SystemDiff {
            system: self.catalog.system.clone(),
            fase: phase,
            spoc,
            roller,
            naeste_fase: next,
            mangler_til_naeste_fase,
            ubesatte_obligatoriske,
            ubesatte_anbefalede,
        }
    }

    /// Holders of a role: the system's own appointments, and for a cross-cutting role also
    /// those under `tvaergaaende`, which hold across all systems.
    fn holders(&self, role: &ResolvedRole) -> Vec<Holder> {
        let own = keys_of(&self.system.udpegninger, &role.id);
        let cross_cutting = (role.gruppe != Gruppe::Systemspecifik)
            .then(|| keys_of(&self.appointments.tvaergaaende, &role.id));
        let keys = first_of_each(own.chain(cross_cutting.into_iter().flatten()));
        keys.iter()
            .enumerate()
            .filter_map(|(index, key)| {
                let person = self.persons.get(key)?;
                Some(Holder {
                    noegle: key.to_string(),
                    navn: person.navn.value.clone(),
                    email: person.shareable_email().map(str::to_string),
                    primaer: index == 0,
                    foraeldet: person
                        .bekraeftet
                        .as_ref()
                        .is_some_and(|date| self.staleness.is_stale(&date.value)),
                })
            })
            .collect()
    }

    fn row(&mut self, role: &ResolvedRole, phase: Phase, spoc: Option<&str>) -> Option<RoleRow> {
        let status = role.status_in(phase);
        let own_entry = entry_for(&self.system.udpegninger, &role.id);
        if status == Status::Inaktiv && own_entry.is_none() {
            return None;
        }
        let mut row = RoleRow {
            rolle: role.id.clone(),
            navn: role.navn.clone(),
            status,
            maade: role.maade,
            spoc: spoc == Some(role.id.as_str()),
            udpeget: self.holders(role),
            fund: Vec::new(),
        };
        match (status, own_entry) {
            (Status::Inaktiv, Some(key)) => self.inactive(&mut row, key, phase),
            (Status::Obligatorisk, _) if !row.is_filled() => {
                self.unfilled(&mut row, &rule::UNFILLED_MANDATORY, "obligatorisk", phase)
            }
            (Status::Anbefalet, _) if !row.is_filled() => {
                self.unfilled(&mut row, &rule::UNFILLED_RECOMMENDED, "anbefalet", phase)
            }
            _ => {}
        }
        // A contact nobody has confirmed for long is why KLIK mail bounces: worth acting on.
        if row.udpeget.iter().any(|h| h.foraeldet) {
            row.fund.push(crate::diag::codes::appointments::STALE.code);
        }
        if row.spoc && !row.is_filled() {
            row.fund.push(rule::SPOC_UNFILLED.code);
            let message = format!(
                "{}: nobody holds `{}`, the SPOC in {phase}",
                self.catalog.system, role.id
            );
            self.report(
                &rule::SPOC_UNFILLED,
                self.name_span(),
                message,
                "KOMBIT talks to the SPOC; appoint a person to the role",
            );
        }
        Some(row)
    }

    fn unfilled(&mut self, row: &mut RoleRow, which: &'static Rule, status: &str, phase: Phase) {
        row.fund.push(which.code);
        let message = format!(
            "{}: `{}` is {status} in {phase} and nobody is appointed",
            self.catalog.system, row.rolle
        );
        let help = format!(
            "appoint a person under `udpegninger: {{{}: [...]}}`",
            row.rolle
        );
        self.report(which, self.name_span(), message, &help);
    }

    fn inactive(&mut self, row: &mut RoleRow, key: &Spanned<String>, phase: Phase) {
        row.fund.push(rule::INACTIVE_APPOINTED.code);
        let message = format!(
            "{}: `{}` is inactive in {phase} but still has an appointment",
            self.catalog.system, row.rolle
        );
        self.report(
            &rule::INACTIVE_APPOINTED,
            key,
            message,
            "remove the appointment, or check the system's phase",
        );
    }

    /// Roles obligatorisk in the next phase (and not already unfilled now) that nobody holds.
    fn next_phase(&mut self, next: Phase, now: Phase) -> Vec<NextRole> {
        let mut missing = Vec::new();
        for role in &self.catalog.roller {
            let due = role.status_in(next) == Status::Obligatorisk
                && role.status_in(now) != Status::Obligatorisk;
            if !due || role.maade == Maade::Aktiveres || !self.holders(role).is_empty() {
                continue;
            }
            let message = format!(
                "{}: `{}` is obligatorisk in {next} and nobody is appointed yet",
                self.catalog.system, role.id
            );
            let help = format!(
                "appoint `{}` before {} moves to {next}",
                role.id, self.catalog.system
            );
            self.report(&rule::NEXT_PHASE_UNFILLED, self.name_span(), message, &help);
            missing.push(NextRole {
                rolle: role.id.clone(),
                navn: role.navn.clone(),
            });
        }
        missing
    }

    /// Personsammenfald: one person in two roles to keep apart, or two people where one is advised.
    fn overlaps(&mut self, rows: &mut [RoleRow]) {
        for role in &self.catalog.roller {
            let holders = self.holders(role);
            for other in &role.personsammenfald.undgaas {
                let Some(other_role) = self.catalog.role(other) else {
                    continue;
                };
                // Each pair once: the advice is symmetric.
                if role.id > other_role.id && other_role.personsammenfald.undgaas.contains(&role.id)
                {
                    continue;
                }
                let others = self.holders(other_role);
                if let Some(both) = holders
                    .iter()
                    .find(|h| others.iter().any(|o| o.noegle == h.noegle))
                {
                    let message = format!(
                        "{}: {} holds both `{}` and `{}`, which the catalog says to keep apart",
                        self.catalog.system, both.navn, role.id, other
                    );
                    let anchor = self.person_span(&role.id, &both.noegle);
                    self.report(&rule::OVERLAP_DISCOURAGED, anchor, message, "nobody should supervise their own work: appoint another person to one of them");
                    mark(rows, &role.id, rule::OVERLAP_DISCOURAGED.code);
                }
            }
            for other in &role.personsammenfald.anbefalet {
                let Some(other_role) = self.catalog.role(other) else {
                    continue;
                };
                if role.id > other_role.id
                    && other_role.personsammenfald.anbefalet.contains(&role.id)
                {
                    continue;
                }
                let others = self.holders(other_role);
                let (Some(a), Some(b)) = (holders.first(), others.first()) else {
                    continue;
                };
                if a.noegle != b.noegle {
                    let message = format!(
                        "{}: the catalog recommends one person as `{}` and `{}`; {} and {} hold them",
                        self.catalog.system, role.id, other, a.navn, b.navn
                    );
                    let anchor = self.person_span(&other_role.id, &b.noegle);
                    self.report(
                        &rule::OVERLAP_RECOMMENDED,
                        anchor,
                        message,
                        "for continuity the catalog advises the same person in both roles",
                    );
                    mark(rows, &other_role.id, rule::OVERLAP_RECOMMENDED.code);
                }
            }
        }
    }

    /// Where a person is named for a role (the system's entry, else `tvaergaaende`, else the system).
    fn person_span(&self, role: &str, person: &str) -> &'a Spanned<String> {
        reference(self.system, self.appointments, role, person)
    }

    /// The system's name in the file: where findings about the whole system point.
    fn name_span(&self) -> &'a Spanned<String> {
        &self.system.system
    }

    fn report(&mut self, which: &'static Rule, at: &Spanned<String>, message: String, help: &str) {
        let found = Diagnostic::new(which, message).with_help(help);
        self.found.push(found.at_value(self.file, at));
    }
}

/// Where a person is named for a role in a system: the system's entry, else `tvaergaaende`,
/// else the system's name.
pub(crate) fn reference<'a>(
    system: &'a SystemAppointments,
    appointments: &'a Appointments,
    role: &str,
    person: &str,
) -> &'a Spanned<String> {
    [&system.udpegninger, &appointments.tvaergaaende]
        .into_iter()
        .flat_map(|holders| holders.iter())
        .filter(|(r, _)| r.value == role)
        .flat_map(|(_, persons)| persons.iter())
        .find(|p| p.value == person)
        .unwrap_or(&system.system)
}

/// The systems (by index) whose entries hold an error-level diagnostic. Errors outside
/// `systemer` block no system.
pub(crate) fn systems_with_errors(
    appointments: &Appointments,
    errors: &[&Diagnostic],
) -> HashSet<usize> {
    errors
        .iter()
        .filter_map(|d| entry_of(appointments, d))
        .collect()
}

/// The system entry (by index) a finding lies in, if any.
pub(crate) fn entry_of(appointments: &Appointments, diagnostic: &Diagnostic) -> Option<usize> {
    let entries = &appointments.systemer.value;
    let span = diagnostic.span()?;
    // Entries lie in file order: the last one starting at or before the finding.
    let index = entries
        .partition_point(|e| e.span.offset <= span.offset)
        .checked_sub(1)?;
    entries[index].span.contains(span).then_some(index)
}

fn entry_for<'h>(holders: &'h RoleHolders, role: &str) -> Option<&'h Spanned<String>> {
    holders
        .iter()
        .find(|(r, _)| r.value == role)
        .map(|(r, _)| r)
}

fn keys_of<'h>(holders: &'h RoleHolders, role: &'h str) -> impl Iterator<Item = &'h str> {
    holders
        .iter()
        .filter(move |(r, _)| r.value == role)
        .flat_map(|(_, persons)| persons.iter().map(|p| p.value.as_str()))
}

/// Each key once, in the order first met. A role has a handful of holders, for which a scan is
/// cheapest (this runs for every role of every system); a long list gets a set, so that it
/// stays linear.
fn first_of_each<'k>(keys: impl Iterator<Item = &'k str>) -> Vec<&'k str> {
    const SCAN_UP_TO: usize = 16;
    let mut first: Vec<&str> = Vec::new();
    let mut seen: Option<HashSet<&str>> = None;
    for key in keys {
        let new = match &mut seen {
            Some(set) => set.insert(key),
            None if first.len() < SCAN_UP_TO => !first.contains(&key),
            None => {
                let mut set: HashSet<&str> = first.iter().copied().collect();
                let new = set.insert(key);
                seen = Some(set);
                new
            }
        };
        if new {
            first.push(key);
        }
    }
    first
}

fn mark(rows: &mut [RoleRow], role: &str, code: &'static str) {
    if let Some(row) = rows.iter_mut().find(|r| r.rolle == role) {
        row.fund.push(code);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn first_of_each_keeps_the_order_first_met_short_or_long() {
        let short = ["a", "b", "a", "c", "b"];
        assert_eq!(super::first_of_each(short.into_iter()), ["a", "b", "c"]);
        let long: Vec<String> = (0..40).chain(0..40).map(|i| format!("k{i}")).collect();
        let once = super::first_of_each(long.iter().map(String::as_str));
        assert_eq!(once.len(), 40);
        assert_eq!(once[39], "k39");
    }
}
