//! The diff stage: a municipality's appointments against the resolved catalogs, system by
//! system in its current phase — what is unfilled, what is next, who holds inactive roles.

pub(crate) mod people;
pub(crate) mod run;

use crate::diag::codes::diff as rule;
use crate::diag::{Diagnostic, Rule, SourceFile, Spanned};
use crate::model::{
    Appointments, Gruppe, Maade, Person, Phase, RoleHolders, Status, SystemAppointments,
};
use crate::resolve::{Personsammenfald, ResolvedCatalog, ResolvedRole, ResolvedSet};
use crate::rules::appointments::Staleness;
use crate::yaml::Doc;
use foldhash::{HashMap, HashSet};
use serde::Serialize;
use std::sync::Arc;

/// A person as the diff shows them to others: the email only with consent. Built once per
/// file and shared by every role the person holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// The person's key in the appointments file (an email address used as one is `<email>`).
    pub noegle: String,
    pub navn: String,
    /// Only when the person has `samtykke: true`.
    pub email: Option<String>,
    /// The person's `bekraeftet` date is older than `stale_after_months`.
    pub foraeldet: bool,
}

/// A person holding a role. Reads as the person ([`Shown`]'s fields) and whether they are the
/// role's primary contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holder {
    person: Arc<Shown>,
    /// The first listed holder is the primary contact (KLIK mails one person per role).
    pub primaer: bool,
}

impl std::ops::Deref for Holder {
    type Target = Shown;

    fn deref(&self) -> &Shown {
        &self.person
    }
}

impl Serialize for Holder {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fields = 3 + usize::from(self.email.is_some()) + usize::from(self.foraeldet);
        let mut holder = serializer.serialize_struct("Holder", fields)?;
        holder.serialize_field(
            "noegle",
            crate::rules::appointments::shown_key(&self.noegle),
        )?;
        holder.serialize_field("navn", &self.navn)?;
        if let Some(email) = &self.email {
            holder.serialize_field("email", email)?;
        }
        holder.serialize_field("primaer", &self.primaer)?;
        if self.foraeldet {
            holder.serialize_field("foraeldet", &true)?;
        }
        holder.end()
    }
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
    /// The role's id and the catalog's name for it, shared with every row of the role.
    pub rolle: Arc<str>,
    pub navn: Arc<str>,
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
    pub rolle: Arc<str>,
    pub navn: Arc<str>,
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
        self.roller.iter().find(|r| &*r.rolle == spoc)
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

/// The resolved catalogs as the diff reads them, prepared once per run: each role's id and
/// name shared by every row that shows it, and each role found by its id in one step.
pub(crate) struct Catalogs<'r> {
    resolved: &'r ResolvedSet,
    by_system: HashMap<&'r str, PreparedCatalog<'r>>,
}

/// One catalog, prepared for the diff.
struct PreparedCatalog<'r> {
    catalog: &'r ResolvedCatalog,
    /// Each of the catalog's roles, in its order: the id and the name rows show.
    names: Vec<(Arc<str>, Arc<str>)>,
    /// A role's place in `catalog.roller`, by id.
    index: HashMap<&'r str, usize>,
    /// The catalog's personsammenfald advice as pairs of places, each pair once, in the order
    /// the findings are reported: the same for every system entry of the catalog.
    advice: Vec<Advice>,
}

/// One pair of roles the catalog advises about (by place in `catalog.roller`).
#[derive(Clone, Copy, Debug)]
enum Advice {
    /// Not one person in both (`undgaas`).
    Apart(usize, usize),
    /// One person in both (`anbefalet`).
    Together(usize, usize),
}

impl<'r> Catalogs<'r> {
    pub(crate) fn of(resolved: &'r ResolvedSet) -> Catalogs<'r> {
        let by_system = resolved
            .iter()
            .map(|(key, catalog)| (key, PreparedCatalog::of(catalog)))
            .collect();
        Catalogs {
            resolved,
            by_system,
        }
    }

    fn get(&self, system: &str) -> Option<&PreparedCatalog<'r>> {
        self.by_system.get(system.to_ascii_lowercase().as_str())
    }
}

impl<'r> PreparedCatalog<'r> {
    fn of(catalog: &'r ResolvedCatalog) -> PreparedCatalog<'r> {
        let names = catalog
            .roller
            .iter()
            .map(|role| (Arc::from(role.id.as_str()), Arc::from(role.navn.as_str())))
            .collect();
        let mut index = HashMap::default();
        for (at, role) in catalog.roller.iter().enumerate() {
            index.entry(role.id.as_str()).or_insert(at);
        }
        let advice = advice(catalog, &index);
        PreparedCatalog {
            catalog,
            names,
            index,
            advice,
        }
    }
}

/// Each role's personsammenfald advice as pairs of places, in the catalog's order: for each
/// role its `undgaas`, then its `anbefalet`.
fn advice(catalog: &ResolvedCatalog, index: &HashMap<&str, usize>) -> Vec<Advice> {
    let mut pairs = Vec::new();
    for (at, role) in catalog.roller.iter().enumerate() {
        let apart = partners(catalog, index, role, |s| &s.undgaas);
        pairs.extend(apart.map(|other| Advice::Apart(at, other)));
        let together = partners(catalog, index, role, |s| &s.anbefalet);
        pairs.extend(together.map(|other| Advice::Together(at, other)));
    }
    pairs
}

/// The places of the roles named in one kind of `role`'s advice (`list`), each pair once:
/// advice given on both sides is kept where the role whose id sorts first gives it.
fn partners<'a>(
    catalog: &'a ResolvedCatalog,
    index: &'a HashMap<&str, usize>,
    role: &'a ResolvedRole,
    list: impl Fn(&Personsammenfald) -> &Vec<String> + 'a,
) -> impl Iterator<Item = usize> + 'a {
    list(&role.personsammenfald)
        .iter()
        .filter_map(move |other| {
            let &other_at = index.get(other.as_str())?;
            let other_role = &catalog.roller[other_at];
            let given_first_there =
                role.id > other_role.id && list(&other_role.personsammenfald).contains(&role.id);
            (!given_first_there).then_some(other_at)
        })
}

/// Diffs every system of one appointments file whose catalog is known and whose phase is
/// written, except those in `skip` (entries with errors of their own).
pub(crate) fn diff(
    doc: &Doc<Appointments>,
    catalogs: &Catalogs,
    skip: &HashSet<usize>,
    options: &DiffOptions,
) -> MunicipalityDiff {
    let (file, appointments) = (&doc.file, &doc.value);
    let persons = shown_persons(appointments, options.staleness);
    let cross_cutting = keys_by_role(&appointments.tvaergaaende);
    let mut diagnostics = Vec::new();
    let mut uden_fase = Vec::new();
    let mut systemer = Vec::new();
    for (index, system) in appointments.systemer.value.iter().enumerate() {
        let Some(prepared) = catalogs.get(&system.system.value) else {
            continue;
        };
        if skip.contains(&index) {
            continue;
        }
        let Some(phase) = system.phase() else {
            uden_fase.push(prepared.catalog.system.clone());
            continue;
        };
        let mut context = SystemContext::new(
            file,
            appointments,
            &persons,
            &cross_cutting,
            system,
            prepared,
            phase,
        );
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
        people::people(doc, catalogs.resolved, &mut municipality, max_roles);
    }
    municipality
}

/// Every person of the file as shown to others, once: each role they hold shares it. A key
/// given twice is the later person, as a YAML mapping reads.
fn shown_persons(appointments: &Appointments, staleness: Staleness) -> HashMap<&str, Arc<Shown>> {
    appointments
        .personer
        .iter()
        .map(|(key, person)| (key.value.as_str(), Arc::new(shown(key, person, staleness))))
        .collect()
}

fn shown(key: &Spanned<String>, person: &Person, staleness: Staleness) -> Shown {
    Shown {
        noegle: key.value.clone(),
        navn: person.navn.value.clone(),
        email: person.shareable_email().map(str::to_string),
        foraeldet: person
            .bekraeftet
            .as_ref()
            .is_some_and(|date| staleness.is_stale(&date.value)),
    }
}

/// Adds a role's holders from `keys`, in the order written: the persons of the file they
/// name (a key naming nobody is left out), the first key of the role the primary contact.
fn add_holders<'k>(
    holders: &mut Vec<Holder>,
    first_key: &mut Option<&'k str>,
    keys: impl Iterator<Item = &'k str>,
    persons: &HashMap<&str, Arc<Shown>>,
) {
    for key in keys {
        let first = *first_key.get_or_insert(key);
        if let Some(person) = persons.get(key) {
            holders.push(Holder {
                person: Arc::clone(person),
                primaer: key == first,
            });
        }
    }
}

/// The keys named for each role, in the order written (a role written twice: both lists).
fn keys_by_role(holders: &RoleHolders) -> HashMap<&str, Vec<&str>> {
    let mut by_role: HashMap<&str, Vec<&str>> = HashMap::default();
    for (role, persons) in holders.iter() {
        by_role
            .entry(role.value.as_str())
            .or_default()
            .extend(persons.iter().map(|p| p.value.as_str()));
    }
    by_role
}

struct SystemContext<'a> {
    file: &'a Arc<SourceFile>,
    appointments: &'a Appointments,
    system: &'a SystemAppointments,
    prepared: &'a PreparedCatalog<'a>,
    catalog: &'a ResolvedCatalog,
    phase: Phase,
    /// For each of the catalog's roles (by place): its holders, each once, the system's own
    /// first, then for a cross-cutting role those under `tvaergaaende`. One person is one
    /// shared [`Shown`], so holders are told apart by pointer.
    holders: Vec<Vec<Holder>>,
    /// For each of the catalog's roles: the key of its first entry in the system's
    /// `udpegninger`, if it has one.
    entries: Vec<Option<&'a Spanned<String>>>,
    found: Vec<Diagnostic>,
}

impl<'a> SystemContext<'a> {
    fn new(
        file: &'a Arc<SourceFile>,
        appointments: &'a Appointments,
        persons: &'a HashMap<&'a str, Arc<Shown>>,
        cross_cutting: &'a HashMap<&'a str, Vec<&'a str>>,
        system: &'a SystemAppointments,
        prepared: &'a PreparedCatalog<'a>,
        phase: Phase,
    ) -> SystemContext<'a> {
        let catalog = prepared.catalog;
        let mut holders: Vec<Vec<Holder>> = vec![Vec::new(); catalog.roller.len()];
        let mut first_keys: Vec<Option<&str>> = vec![None; catalog.roller.len()];
        let mut entries = vec![None; catalog.roller.len()];
        for (role, named) in system.udpegninger.iter() {
            if let Some(&at) = prepared.index.get(role.value.as_str()) {
                entries[at].get_or_insert(role);
                let keys = named.iter().map(|p| p.value.as_str());
                add_holders(&mut holders[at], &mut first_keys[at], keys, persons);
            }
        }
        for (at, role) in catalog.roller.iter().enumerate() {
            if role.gruppe != Gruppe::Systemspecifik
                && let Some(across) = cross_cutting.get(role.id.as_str())
            {
                let keys = across.iter().copied();
                add_holders(&mut holders[at], &mut first_keys[at], keys, persons);
            }
            if holders[at].len() > 1 {
                first_of_each(&mut holders[at]);
            }
        }
        SystemContext {
            file,
            appointments,
            system,
            prepared,
            catalog,
            phase,
            holders,
            entries,
            found: Vec::new(),
        }
    }

    fn diff(&mut self) -> SystemDiff {
        let phase = self.phase;
        let spoc = self.catalog.spoc_in(phase).map(str::to_string);
        let mut roller = Vec::with_capacity(self.catalog.roller.len());
        let mut places = Vec::with_capacity(self.catalog.roller.len());
        for at in 0..self.catalog.roller.len() {
            if let Some(row) = self.row(at, phase, spoc.as_deref()) {
                roller.push(row);
                places.push(at);
            }
        }
        self.overlaps(&mut roller);
        let next = phase.next();
        let mangler_til_naeste_fase = next.map(|n| self.next_phase(n, phase)).unwrap_or_default();
        // Every use of the holders is done: each row takes its role's own.
        for (row, at) in roller.iter_mut().zip(places) {
            row.udpeget = std::mem::take(&mut self.holders[at]);
        }
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

    /// The row of the role at `at`, if it is active or somebody is appointed to it; its
    /// holders are added once every finding about them is made.
    fn row(&mut self, at: usize, phase: Phase, spoc: Option<&str>) -> Option<RoleRow> {
        let role = &self.catalog.roller[at];
        let status = role.status_in(phase);
        let own_entry = self.entries[at];
        if status == Status::Inaktiv && own_entry.is_none() {
            return None;
        }
        let (rolle, navn) = &self.prepared.names[at];
        let holders = &self.holders[at];
        let filled = role.maade == Maade::Aktiveres || !holders.is_empty();
        let stale = holders.iter().any(|h| h.foraeldet);
        let mut row = RoleRow {
            rolle: Arc::clone(rolle),
            navn: Arc::clone(navn),
            status,
            maade: role.maade,
            spoc: spoc == Some(role.id.as_str()),
            udpeget: Vec::new(),
            fund: Vec::new(),
        };
        match (status, own_entry) {
            (Status::Inaktiv, Some(key)) => self.inactive(&mut row, key, phase),
            (Status::Obligatorisk, _) if !filled => {
                self.unfilled(&mut row, &rule::UNFILLED_MANDATORY, "obligatorisk", phase)
            }
            (Status::Anbefalet, _) if !filled => {
                self.unfilled(&mut row, &rule::UNFILLED_RECOMMENDED, "anbefalet", phase)
            }
            _ => {}
        }
        // A contact nobody has confirmed for long is why KLIK mail bounces: worth acting on.
        if stale {
            row.fund.push(crate::diag::codes::appointments::STALE.code);
        }
        if row.spoc && !filled {
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
        for (at, role) in self.catalog.roller.iter().enumerate() {
            let due = role.status_in(next) == Status::Obligatorisk
                && role.status_in(now) != Status::Obligatorisk;
            if !due || role.maade == Maade::Aktiveres || !self.holders[at].is_empty() {
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
            let (rolle, navn) = &self.prepared.names[at];
            missing.push(NextRole {
                rolle: Arc::clone(rolle),
                navn: Arc::clone(navn),
            });
        }
        missing
    }

    /// Personsammenfald: one person in two roles to keep apart, or two people where one is advised.
    fn overlaps(&mut self, rows: &mut [RoleRow]) {
        for &advice in &self.prepared.advice {
            match advice {
                Advice::Apart(at, other_at) => self.kept_apart(rows, at, other_at),
                Advice::Together(at, other_at) => self.held_together(rows, at, other_at),
            }
        }
    }

    /// One person holds both roles the catalog says to keep apart.
    fn kept_apart(&mut self, rows: &mut [RoleRow], at: usize, other_at: usize) {
        let catalog = self.catalog;
        let (role, other) = (&catalog.roller[at], &catalog.roller[other_at]);
        let others = &self.holders[other_at];
        let Some(both) = self.holders[at]
            .iter()
            .find(|h| others.iter().any(|o| Arc::ptr_eq(&o.person, &h.person)))
        else {
            return;
        };
        let message = format!(
            "{}: {} holds both `{}` and `{}`, which the catalog says to keep apart",
            catalog.system, both.navn, role.id, other.id
        );
        let anchor = self.person_span(&role.id, &both.noegle);
        self.report(
            &rule::OVERLAP_DISCOURAGED,
            anchor,
            message,
            "nobody should supervise their own work: appoint another person to one of them",
        );
        mark(rows, &role.id, rule::OVERLAP_DISCOURAGED.code);
    }

    /// Two people hold roles the catalog advises one person for.
    fn held_together(&mut self, rows: &mut [RoleRow], at: usize, other_at: usize) {
        let catalog = self.catalog;
        let (role, other) = (&catalog.roller[at], &catalog.roller[other_at]);
        let (Some(a), Some(b)) = (self.holders[at].first(), self.holders[other_at].first()) else {
            return;
        };
        if Arc::ptr_eq(&a.person, &b.person) {
            return;
        }
        let message = format!(
            "{}: the catalog recommends one person as `{}` and `{}`; {} and {} hold them",
            catalog.system, role.id, other.id, a.navn, b.navn
        );
        let anchor = self.person_span(&other.id, &b.noegle);
        self.report(
            &rule::OVERLAP_RECOMMENDED,
            anchor,
            message,
            "for continuity the catalog advises the same person in both roles",
        );
        mark(rows, &other.id, rule::OVERLAP_RECOMMENDED.code);
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

/// Each person once, in the order first met (one person is one shared record). A role has a
/// handful of holders, for which a scan is cheapest (this runs for every role of every
/// system); a long list gets a set, so that it stays linear.
fn first_of_each(holders: &mut Vec<Holder>) {
    const SCAN_UP_TO: usize = 16;
    if holders.len() <= SCAN_UP_TO {
        let mut kept = 0;
        for at in 0..holders.len() {
            let person = &holders[at].person;
            if !holders[..kept]
                .iter()
                .any(|h| Arc::ptr_eq(&h.person, person))
            {
                holders.swap(kept, at);
                kept += 1;
            }
        }
        holders.truncate(kept);
    } else {
        let mut seen: HashSet<*const Shown> = HashSet::default();
        holders.retain(|h| seen.insert(Arc::as_ptr(&h.person)));
    }
}

fn mark(rows: &mut [RoleRow], role: &str, code: &'static str) {
    if let Some(row) = rows.iter_mut().find(|r| &*r.rolle == role) {
        row.fund.push(code);
    }
}

#[cfg(test)]
mod tests {
    use super::{Holder, Shown, first_of_each};
    use std::sync::Arc;

    fn person(key: &str) -> Arc<Shown> {
        Arc::new(Shown {
            noegle: key.to_string(),
            navn: key.to_string(),
            email: None,
            foraeldet: false,
        })
    }

    fn keys(holders: &[Holder]) -> Vec<&str> {
        holders.iter().map(|h| h.noegle.as_str()).collect()
    }

    #[test]
    fn first_of_each_keeps_the_order_first_met_short_or_long() {
        let (a, b, c) = (person("a"), person("b"), person("c"));
        let hold = |p: &Arc<Shown>| Holder {
            person: Arc::clone(p),
            primaer: false,
        };
        let mut short: Vec<Holder> = [&a, &b, &a, &c, &b].into_iter().map(hold).collect();
        first_of_each(&mut short);
        assert_eq!(keys(&short), ["a", "b", "c"]);
        let people: Vec<Arc<Shown>> = (0..40).map(|i| person(&format!("k{i}"))).collect();
        let mut long: Vec<Holder> = people.iter().chain(&people).map(hold).collect();
        first_of_each(&mut long);
        assert_eq!(long.len(), 40);
        assert_eq!(long[39].noegle, "k39");
    }

    #[test]
    fn a_person_of_the_same_name_under_another_key_is_another_holder() {
        let (a, twin) = (person("a"), person("a"));
        let mut both = vec![
            Holder {
                person: Arc::clone(&a),
                primaer: true,
            },
            Holder {
                person: twin,
                primaer: false,
            },
        ];
        first_of_each(&mut both);
        assert_eq!(both.len(), 2);
    }
}
