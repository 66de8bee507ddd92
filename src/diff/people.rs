//! `rg diff --people`: each person's roles across the municipality's systems, who carries more
//! than `max_roles_per_person`, and which mandatory roles of a system's current phase rest on
//! one person alone. A cross-cutting role appointed under `tvaergaaende` counts once, however
//! many systems it serves; a role in a system's own `udpegninger` counts once per system.

use super::{MunicipalityDiff, SystemDiff, reference};
use crate::diag::codes::diff as rule;
use crate::diag::{Diagnostic, Rule, SourceFile, Spanned};
use crate::model::{Appointments, Maade, Status, SystemAppointments};
use crate::resolve::ResolvedSet;
use crate::rules::appointments::shown_key;
use crate::yaml::Doc;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// A role one person holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeldRole {
    /// The system; absent for a cross-cutting role under `tvaergaaende`, which holds in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    pub rolle: String,
    /// The name the system's catalog gives the role.
    pub navn: String,
}

/// One person and the roles they hold, as shown to others: the email only with consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PersonRoles {
    #[serde(serialize_with = "super::masked_key")]
    pub noegle: String,
    pub navn: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub roller: Vec<HeldRole>,
    /// Roles obligatorisk in a system's current phase that rest on this person alone.
    pub alene: Vec<HeldRole>,
    /// More roles than `max_roles_per_person`.
    pub for_mange: bool,
}

/// Adds the people view to a diffed municipality: every person's roles, the rows whose mandatory
/// role rests on one person marked, and the findings of both rules.
pub(crate) fn people(
    doc: &Doc<Appointments>,
    catalogs: &ResolvedSet,
    municipality: &mut MunicipalityDiff,
    max_roles: usize,
) {
    let appointments = &doc.value;
    let mut persons: Vec<PersonRoles> = appointments
        .personer
        .iter()
        .map(|(key, person)| PersonRoles {
            noegle: key.value.clone(),
            navn: person.navn.value.clone(),
            email: person.shareable_email().map(str::to_string),
            roller: Vec::new(),
            alene: Vec::new(),
            for_mange: false,
        })
        .collect();
    let index: HashMap<String, usize> = persons
        .iter()
        .enumerate()
        .map(|(at, p)| (p.noegle.clone(), at))
        .collect();
    held_roles(appointments, catalogs, &index, &mut persons);
    let mut found = Vec::new();
    single_holders(doc, municipality, &index, &mut persons, &mut found);
    overloaded(doc, &mut persons, max_roles, &mut found);
    // The most loaded first; otherwise in the file's order.
    persons.sort_by_key(|p| std::cmp::Reverse(p.roller.len()));
    municipality.diagnostics.extend(found);
    municipality.personer = Some(persons);
}

/// Every appointment in the file, each role once per person and place.
fn held_roles(
    appointments: &Appointments,
    catalogs: &ResolvedSet,
    index: &HashMap<String, usize>,
    persons: &mut [PersonRoles],
) {
    let mut add = |key: &str, held: HeldRole| {
        let Some(&at) = index.get(key) else {
            return;
        };
        let roles = &mut persons[at].roller;
        let across = |r: &HeldRole| r.system.is_none() && r.rolle == held.rolle;
        if !roles.iter().any(|r| *r == held || across(r)) {
            roles.push(held);
        }
    };
    for (role, keys) in appointments.tvaergaaende.iter() {
        let navn = cross_cutting_name(appointments, catalogs, &role.value);
        for key in keys {
            add(
                &key.value,
                HeldRole {
                    system: None,
                    rolle: role.value.clone(),
                    navn: navn.clone(),
                },
            );
        }
    }
    for system in &appointments.systemer.value {
        let catalog = catalogs.get(&system.system.value);
        let name = catalog.map_or_else(|| system.system.value.clone(), |c| c.system.clone());
        for (role, keys) in system.udpegninger.iter() {
            let navn = catalog
                .and_then(|c| c.role(&role.value))
                .map_or_else(|| role.value.clone(), |r| r.navn.clone());
            for key in keys {
                add(
                    &key.value,
                    HeldRole {
                        system: Some(name.clone()),
                        rolle: role.value.clone(),
                        navn: navn.clone(),
                    },
                );
            }
        }
    }
}

/// A cross-cutting role's name, from the first of the file's catalogs that has it (such names
/// cannot be tailored, so every catalog gives the same).
fn cross_cutting_name(appointments: &Appointments, catalogs: &ResolvedSet, role: &str) -> String {
    appointments
        .systemer
        .value
        .iter()
        .filter_map(|s| catalogs.get(&s.system.value)?.role(role))
        .map(|r| r.navn.clone())
        .next()
        .unwrap_or_else(|| role.to_string())
}

/// A cross-cutting holder alone in a role: (role, key), the systems resting on them, and the
/// key to point at.
type Across<'a> = ((String, String), Vec<String>, &'a Spanned<String>);

/// A mandatory role held by one person: the row marked, the person told, one finding per
/// system entry, and one for a cross-cutting holder however many systems rest on them.
fn single_holders(
    doc: &Doc<Appointments>,
    municipality: &mut MunicipalityDiff,
    index: &HashMap<String, usize>,
    persons: &mut [PersonRoles],
    found: &mut Vec<Diagnostic>,
) {
    let appointments = &doc.value;
    // (role, key) → the systems resting on a cross-cutting holder, and where to point.
    let mut across: Vec<Across<'_>> = Vec::new();
    for system in &mut municipality.systemer {
        let Some(entry) = entry_for(appointments, system) else {
            continue;
        };
        for row in &mut system.roller {
            let [holder] = row.udpeget.as_slice() else {
                continue;
            };
            if row.status != Status::Obligatorisk || row.maade == Maade::Aktiveres {
                continue;
            }
            row.fund.push(rule::SINGLE_HOLDER.code);
            let own = entry
                .udpegninger
                .iter()
                .any(|(r, _)| *r.value == *row.rolle);
            let key = holder.noegle.clone();
            let at = reference(entry, appointments, &row.rolle, &key);
            let held = HeldRole {
                system: own.then(|| system.system.clone()),
                rolle: row.rolle.to_string(),
                navn: row.navn.to_string(),
            };
            if let Some(&person) = index.get(&key)
                && !persons[person].alene.contains(&held)
            {
                persons[person].alene.push(held);
            }
            if own {
                let message = format!(
                    "{}: `{}` is obligatorisk in {} and rests on `{}` alone",
                    system.system,
                    row.rolle,
                    system.fase,
                    shown_key(&key)
                );
                found.push(finding(&rule::SINGLE_HOLDER, &doc.file, at, message));
                continue;
            }
            let pair = (row.rolle.to_string(), key);
            match across.iter_mut().find(|(p, _, _)| *p == pair) {
                Some((_, systems, _)) => systems.push(system.system.clone()),
                None => across.push((pair, vec![system.system.clone()], at)),
            }
        }
    }
    for ((role, key), systems, at) in across {
        let message = format!(
            "`{role}` (tvaergaaende) is obligatorisk in {} and rests on `{}` alone",
            systems.join(", "),
            shown_key(&key)
        );
        found.push(finding(&rule::SINGLE_HOLDER, &doc.file, at, message));
    }
}

/// The file's entry of a diffed system.
fn entry_for<'a>(
    appointments: &'a Appointments,
    system: &SystemDiff,
) -> Option<&'a SystemAppointments> {
    appointments
        .systemer
        .value
        .iter()
        .map(|s| &s.value)
        .find(|s| s.system.value.eq_ignore_ascii_case(&system.system))
}

fn finding(
    which: &'static Rule,
    file: &Arc<SourceFile>,
    at: &Spanned<String>,
    message: String,
) -> Diagnostic {
    let help = match which.code {
        code if code == rule::PERSON_OVERLOADED.code => {
            "share the roles with more people, or raise `max_roles_per_person` in rg.toml"
        }
        _ => "name a second person for the role; the first listed stays the primary contact",
    };
    Diagnostic::new(which, message)
        .with_help(help)
        .at_value(file, at)
}

/// People holding more roles than `max_roles`, each reported at their key under `personer`.
fn overloaded(
    doc: &Doc<Appointments>,
    persons: &mut [PersonRoles],
    max_roles: usize,
    found: &mut Vec<Diagnostic>,
) {
    for (person, (key, _)) in persons.iter_mut().zip(doc.value.personer.iter()) {
        let count = person.roller.len();
        if count <= max_roles {
            continue;
        }
        person.for_mange = true;
        let message = format!(
            "`{}` holds {count} roles across the municipality's systems, more than {max_roles} (`max_roles_per_person`)",
            shown_key(&key.value)
        );
        found.push(finding(&rule::PERSON_OVERLOADED, &doc.file, key, message));
    }
}
