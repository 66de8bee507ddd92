//! One IT system's catalog as the generator plans it: roles chosen from the gallery with a
//! status per phase, the SPOC of each phase, the declared integrations and the KLIK tasks.
//! Every choice keeps the catalog clean under `rg check` (the checklist's rules).

use crate::names::TASK_TITLES;
use crate::rng::Rng;
use rollegalleri::api::Gallery;
use rollegalleri::api::{GalleryRole, Gruppe, Integration, Maade, Phase, Status};

/// Roles every catalog has: the SPOCs and the fase-4 hand-over.
const REQUIRED: [&str; 5] = [
    "kombit-programleder",
    "projektejer",
    "projektleder",
    "systemejer",
    "systemansvarlig",
];

pub struct SystemPlan {
    pub name: String,
    pub fagomraade: String,
    pub integrations: Vec<Integration>,
    pub roles: Vec<PlannedRole>,
    /// The SPOC role of each phase, in `Phase::ALL` order.
    pub spoc: [&'static str; 5],
    pub tasks: Vec<PlannedTask>,
}

pub struct PlannedRole {
    pub id: String,
    pub gruppe: Gruppe,
    pub maade: Maade,
    pub status: Vec<(Phase, Status)>,
    /// A phase earlier than the gallery's default, written as `udpeges:`/`aktiveres:`.
    pub earlier: Option<Phase>,
    /// A tailored name (systemspecifik roles only).
    pub navn: Option<String>,
}

impl PlannedRole {
    pub fn status_in(&self, phase: Phase) -> Status {
        self.status
            .iter()
            .find(|(p, _)| *p == phase)
            .map_or(Status::Inaktiv, |(_, s)| *s)
    }
}

pub struct PlannedTask {
    pub id: String,
    pub titel: &'static str,
    pub tema: &'static str,
    pub fase: Phase,
    pub ansvarlig: String,
    pub udfoerer: Vec<String>,
    pub involverede: Vec<String>,
}

impl SystemPlan {
    pub fn new(name: &str, fagomraade: &str, gallery: &Gallery, rng: &mut Rng) -> SystemPlan {
        let fase_1 = if rng.percent(70) {
            "projektejer"
        } else {
            "projektleder"
        };
        let spoc = [
            "kombit-programleder",
            fase_1,
            "projektleder",
            "projektleder",
            "systemansvarlig",
        ];
        let (ids, integrations) = choose_roles(gallery, rng);
        let roles: Vec<PlannedRole> = ids
            .iter()
            .filter_map(|id| gallery.role(id))
            .map(|role| plan_role(role, name, &spoc, rng))
            .collect();
        let tasks = plan_tasks(&roles, rng);
        SystemPlan {
            name: name.to_string(),
            fagomraade: fagomraade.to_string(),
            integrations,
            roles,
            spoc,
            tasks,
        }
    }
}

/// 12–25 roles: the required ones, then optional roles and integrations (each integration
/// brings the roles dedicated to it) in random order until the size drawn is reached.
fn choose_roles(gallery: &Gallery, rng: &mut Rng) -> (Vec<String>, Vec<Integration>) {
    let target = rng.between(12, 25);
    let mut ids: Vec<String> = REQUIRED.iter().map(|s| s.to_string()).collect();
    let mut bundles: Vec<(Option<Integration>, Vec<String>)> = gallery
        .roles()
        .iter()
        .filter(|r| !REQUIRED.contains(&r.id.value.as_str()))
        .filter(|r| r.udpegning.maade != Maade::IkkeInitieret)
        // Roles dedicated to some integrations come with those integrations.
        .filter(|r| r.integrationer.is_empty() || r.integrationer.len() == Integration::ALL.len())
        .map(|r| (None, vec![r.id.value.clone()]))
        .collect();
    for integration in Integration::ALL {
        bundles.push((Some(integration), dedicated_roles(gallery, integration)));
    }
    rng.shuffle(&mut bundles);
    let mut integrations = Vec::new();
    for (integration, roles) in bundles {
        let new: Vec<String> = roles.into_iter().filter(|r| !ids.contains(r)).collect();
        if ids.len() >= target || ids.len() + new.len() > 25 {
            continue;
        }
        ids.extend(new);
        integrations.extend(integration);
    }
    integrations.sort_by_key(|i| Integration::ALL.iter().position(|a| a == i));
    (ids, integrations)
}

/// The roles `rg check` expects in a catalog that declares the integration.
fn dedicated_roles(gallery: &Gallery, integration: Integration) -> Vec<String> {
    gallery
        .roles()
        .iter()
        .filter(|r| r.integrationer.iter().any(|i| i.value == integration))
        .filter(|r| r.integrationer.len() < Integration::ALL.len())
        .filter(|r| r.udpegning.maade != Maade::IkkeInitieret)
        .map(|r| r.id.value.clone())
        .collect()
}

/// Statuses from the appointment phase to the phase-out phase; SPOC phases and the fase-4
/// hand-over are obligatorisk, the rest mostly so.
fn plan_role(role: &GalleryRole, system: &str, spoc: &[&str; 5], rng: &mut Rng) -> PlannedRole {
    let id = role.id.value.as_str();
    let default = role.udpegning.fase;
    let earliest = default.unwrap_or(Phase::Opvarmning);
    let earlier = default
        .filter(|d| *d > Phase::Opvarmning && rng.percent(20))
        .map(|d| Phase::ALL[rng.below(phase_index(d))]);
    let from = match earlier {
        Some(phase) => phase,
        None if default.is_none() && id != "kombit-programleder" => Phase::ALL[rng.below(3)],
        None => earliest,
    };
    let to = role.udpegning.udfases_efter.unwrap_or(Phase::Fase4);
    let status = Phase::ALL
        .into_iter()
        .filter(|p| *p >= from && *p <= to)
        .map(|p| {
            let must = spoc[phase_index(p)] == id
                || (p == Phase::Fase4 && matches!(id, "systemejer" | "systemansvarlig"));
            let status = if must || rng.percent(75) {
                Status::Obligatorisk
            } else {
                Status::Anbefalet
            };
            (p, status)
        })
        .collect();
    PlannedRole {
        id: id.to_string(),
        gruppe: role.gruppe,
        maade: role.udpegning.maade,
        status,
        earlier,
        navn: tailored_name(role, system, rng),
    }
}

fn tailored_name(role: &GalleryRole, system: &str, rng: &mut Rng) -> Option<String> {
    let tailorable = matches!(
        role.id.value.as_str(),
        "superbruger" | "supportberettiget-bruger" | "traener"
    );
    (role.gruppe == Gruppe::Systemspecifik && tailorable && rng.percent(50))
        .then(|| format!("{} {system}", role.navn))
}

fn phase_index(phase: Phase) -> usize {
    Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0)
}

/// 20–40 tasks over the phases; every role takes part in at least one.
fn plan_tasks(roles: &[PlannedRole], rng: &mut Rng) -> Vec<PlannedTask> {
    let count = rng.between(20, 40);
    let mut numbers = [0usize; TASK_TITLES.len()];
    let mut tasks: Vec<PlannedTask> = (0..count)
        .map(|_| {
            let theme = rng.below(TASK_TITLES.len());
            numbers[theme] += 1;
            plan_task(theme, numbers[theme], roles, rng)
        })
        .collect();
    tasks.sort_by(|a, b| a.id.cmp(&b.id));
    for role in roles {
        let takes_part = tasks.iter().any(|t| {
            t.ansvarlig == role.id
                || t.udfoerer.contains(&role.id)
                || t.involverede.contains(&role.id)
        });
        if takes_part {
            continue;
        }
        // A task in a phase where the role is active, so that no task names an inactive role.
        let open: Vec<usize> = (0..tasks.len())
            .filter(|&i| role.status_in(tasks[i].fase) != Status::Inaktiv)
            .collect();
        if !open.is_empty() {
            let index = open[rng.below(open.len())];
            tasks[index].involverede.push(role.id.clone());
        } else if let Some(fase) = Phase::ALL
            .into_iter()
            .find(|p| role.status_in(*p) != Status::Inaktiv)
        {
            let (tema, prefix, titles) = TASK_TITLES[0];
            tasks.push(PlannedTask {
                id: format!("{prefix}-{:02}", 90 + tasks.len()),
                titel: titles[0],
                tema,
                fase,
                ansvarlig: role.id.clone(),
                udfoerer: Vec::new(),
                involverede: Vec::new(),
            });
        }
    }
    tasks
}

fn plan_task(theme: usize, number: usize, roles: &[PlannedRole], rng: &mut Rng) -> PlannedTask {
    let (tema, prefix, titles) = TASK_TITLES[theme];
    let fase = Phase::ALL[rng.below(Phase::ALL.len())];
    let mut active: Vec<&str> = roles
        .iter()
        .filter(|r| r.status_in(fase) != Status::Inaktiv)
        .map(|r| r.id.as_str())
        .collect();
    rng.shuffle(&mut active);
    let mut take = |n: usize| -> Vec<String> {
        let n = n.min(active.len());
        active.drain(..n).map(str::to_string).collect()
    };
    let ansvarlig = take(1)
        .pop()
        .unwrap_or_else(|| "kombit-programleder".to_string());
    let udfoerer = take(rng.between(0, 2));
    let involverede = take(rng.between(0, 2));
    PlannedTask {
        id: format!("{prefix}-{number:02}"),
        titel: titles[rng.below(titles.len())],
        tema,
        fase,
        ansvarlig,
        udfoerer,
        involverede,
    }
}
