//! One municipality's appointments: 40–80 invented people with Danish names, the
//! cross-cutting roles, and every system in a phase of its own with the roles that phase
//! needs filled — with some gaps, as in real life, for `rg diff` to find.

use crate::names::{FIRST_NAMES, SURNAMES};
use crate::rng::Rng;
use crate::system_plan::SystemPlan;
use crate::yaml_text::{flow_list, scalar};
use rollegalleri::api::fold;
use rollegalleri::api::{Gruppe, Maade, Phase, Status};
use std::collections::HashSet;
use std::fmt::Write;

/// How often a role that should be filled is left empty, in percent.
const GAP_PERCENT: usize = 7;

pub struct Municipality {
    pub kommune: String,
    persons: Vec<Person>,
    cross_cutting: Vec<(String, Vec<usize>)>,
    systems: Vec<SystemEntry>,
}

struct Person {
    key: String,
    navn: String,
    email: String,
    samtykke: bool,
}

struct SystemEntry {
    name: String,
    fase: Phase,
    roles: Vec<(String, Vec<usize>)>,
}

/// Hands out people so that everyone gets a role before anyone gets a second.
struct Staffing {
    order: Vec<usize>,
    next: usize,
}

impl Staffing {
    /// The role with its holders, or nobody (a gap).
    fn appoint(&mut self, role: String, rng: &mut Rng) -> Option<(String, Vec<usize>)> {
        if rng.percent(GAP_PERCENT) {
            return None;
        }
        // Trainers, super users and support users are usually a team; other roles one or two.
        let count = match role.as_str() {
            "traener" | "superbruger" | "supportberettiget-bruger" => rng.between(2, 4),
            _ => rng.between(1, 2),
        };
        Some((role, self.holders(count, rng)))
    }

    fn holders(&mut self, count: usize, rng: &mut Rng) -> Vec<usize> {
        let mut holders: Vec<usize> = Vec::with_capacity(count);
        while holders.len() < count {
            let person = self.order[self.next % self.order.len()];
            self.next += if self.next < self.order.len() {
                1
            } else {
                1 + rng.below(3)
            };
            if !holders.contains(&person) {
                holders.push(person);
            }
        }
        holders
    }
}

impl Municipality {
    pub fn new(kommune: &str, plans: &[SystemPlan], rng: &mut Rng) -> Municipality {
        let domain = format!("{}.dk", fold(kommune));
        let persons = people(rng.between(40, 80), &domain, rng);
        let mut order: Vec<usize> = (0..persons.len()).collect();
        rng.shuffle(&mut order);
        let mut staffing = Staffing { order, next: 0 };
        let cross_cutting = cross_cutting_roles(plans)
            .into_iter()
            .filter_map(|id| staffing.appoint(id, rng))
            .collect();
        let systems = plans
            .iter()
            .map(|plan| system_entry(plan, &mut staffing, rng))
            .collect();
        let mut municipality = Municipality {
            kommune: kommune.to_string(),
            persons,
            cross_cutting,
            systems,
        };
        municipality.appoint_the_unused(rng);
        municipality
    }

    /// Gaps can leave someone without a role, which `rg check` warns about: give them one.
    fn appoint_the_unused(&mut self, rng: &mut Rng) {
        let used: HashSet<usize> = self
            .cross_cutting
            .iter()
            .chain(self.systems.iter().flat_map(|s| &s.roles))
            .flat_map(|(_, holders)| holders.iter().copied())
            .collect();
        for person in 0..self.persons.len() {
            if used.contains(&person) {
                continue;
            }
            let with_roles: Vec<usize> = (0..self.systems.len())
                .filter(|s| !self.systems[*s].roles.is_empty())
                .collect();
            let roles = match with_roles.is_empty() {
                true => &mut self.cross_cutting,
                false => &mut self.systems[*rng.pick(&with_roles)].roles,
            };
            if roles.is_empty() {
                roles.push(("kombit-programleder".to_string(), Vec::new()));
            }
            let index = rng.below(roles.len());
            roles[index].1.push(person);
        }
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# {} Kommunes udpegninger (genereret; personerne er opdigtede).",
            self.kommune
        );
        let _ = writeln!(out, "kommune: {}", scalar(&self.kommune));
        out.push_str("personer:\n");
        for person in &self.persons {
            let _ = writeln!(out, "  {}:", person.key);
            let _ = writeln!(out, "    navn: {}", scalar(&person.navn));
            let _ = writeln!(out, "    email: {}", person.email);
            let _ = writeln!(out, "    samtykke: {}", person.samtykke);
        }
        out.push_str("tvaergaaende:\n");
        for (role, holders) in &self.cross_cutting {
            let _ = writeln!(out, "  {role}: {}", self.keys(holders));
        }
        out.push_str("systemer:\n");
        for system in &self.systems {
            let _ = writeln!(out, "  # {}, {}", system.name, system.fase.title());
            let _ = writeln!(out, "  - system: {}", scalar(&system.name));
            let _ = writeln!(out, "    fase: {}", system.fase);
            if system.roles.is_empty() {
                continue;
            }
            out.push_str("    udpegninger:\n");
            for (role, holders) in &system.roles {
                let _ = writeln!(out, "      {role}: {}", self.keys(holders));
            }
        }
        out
    }

    fn keys(&self, holders: &[usize]) -> String {
        let keys: Vec<&str> = holders
            .iter()
            .map(|p| self.persons[*p].key.as_str())
            .collect();
        flow_list(&keys)
    }
}

fn people(count: usize, domain: &str, rng: &mut Rng) -> Vec<Person> {
    let mut keys = HashSet::new();
    let mut emails = HashSet::new();
    (0..count)
        .map(|_| {
            let first = *rng.pick(&FIRST_NAMES);
            let last = *rng.pick(&SURNAMES);
            let key = person_key(first, last, &mut keys);
            let local = format!("{}.{}", fold(first), fold(last));
            let email = format!("{}@{domain}", unique(&local, &mut emails));
            Person {
                key,
                navn: match rng.percent(40) {
                    // Many Danes carry a middle name, often a second surname.
                    true => format!("{first} {} {last}", rng.pick(&SURNAMES)),
                    false => format!("{first} {last}"),
                },
                email,
                samtykke: rng.percent(70),
            }
        })
        .collect()
}

/// The first name, else with the surname's first letters (`lene-jo`), else numbered.
fn person_key(first: &str, last: &str, taken: &mut HashSet<String>) -> String {
    let key = fold(first);
    if taken.insert(key.clone()) {
        return key;
    }
    let initials: String = fold(last).chars().take(2).collect();
    unique(&format!("{key}-{initials}"), taken)
}

/// `base`, or `base2`, `base3`... if taken.
fn unique(base: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = base.to_string();
    let mut number = 1;
    while !taken.insert(candidate.clone()) {
        number += 1;
        candidate = format!("{base}{number}");
    }
    candidate
}

/// Cross-cutting roles that are appointed (not activated) in any of the catalogs.
fn cross_cutting_roles(plans: &[SystemPlan]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for role in plans.iter().flat_map(|p| &p.roles) {
        if role.gruppe != Gruppe::Systemspecifik
            && role.maade != Maade::Aktiveres
            && !ids.contains(&role.id)
        {
            ids.push(role.id.clone());
        }
    }
    ids
}

/// Systems are mostly in operation (fase-4), some still being implemented.
fn phase(rng: &mut Rng) -> Phase {
    match rng.below(100) {
        0..5 => Phase::Opvarmning,
        5..15 => Phase::Fase1,
        15..30 => Phase::Fase2,
        30..50 => Phase::Fase3,
        _ => Phase::Fase4,
    }
}

/// The system's roles that are needed now or obligatorisk next, appointed (with gaps). Most
/// entries also keep the people of earlier phases listed, as real files do.
fn system_entry(plan: &SystemPlan, staffing: &mut Staffing, rng: &mut Rng) -> SystemEntry {
    let fase = phase(rng);
    let keeps_history = rng.percent(80);
    let roles = plan
        .roles
        .iter()
        .filter(|r| r.gruppe == Gruppe::Systemspecifik && r.maade != Maade::Aktiveres)
        .filter(|r| {
            let needed = |p: Phase| r.status_in(p) != Status::Inaktiv;
            needed(fase)
                || fase
                    .next()
                    .is_some_and(|n| r.status_in(n) == Status::Obligatorisk)
                || (keeps_history && Phase::ALL.into_iter().any(|p| p < fase && needed(p)))
        })
        .filter_map(|r| staffing.appoint(r.id.clone(), rng))
        .collect();
    SystemEntry {
        name: plan.name.clone(),
        fase,
        roles,
    }
}
