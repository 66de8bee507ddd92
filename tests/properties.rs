//! Property tests over generated catalogs.
//!
//! A generated valid catalog (a random subset of the gallery's roles, random statuses within
//! each role's window, the integrations' roles, a SPOC plan that changes at fase-4, the
//! hand-over, tailoring of systemspecifik roles, KLIK tasks for every role, hostile texts)
//! - checks clean: no diagnostic at all, not even a warning;
//! - compiles: Markdown and HTML render, and `rg compile --format json` reads back as the very
//!   same resolved catalog;
//! - with one rule broken on purpose, gives that rule's code and no other.

use proptest::prelude::*;
use proptest::test_runner::Config;
use rollegalleri::api::{
    self, Checker, Date, FileKind, Gallery, Gruppe, Integration, Maade, Phase, ResolvedCatalog,
    SourceFile, Status, Theme,
};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

fn checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| {
        Checker::embedded()
            .today(Date::parse("2026-01-15").unwrap())
            .with_catalogs(Vec::new())
    })
}

fn gallery() -> &'static Gallery {
    checker().gallery()
}

/// A role the generator never puts in a catalog (KOMBIT does not initiate it, so no
/// integration proposes it): the breaks use it as "a gallery role not in the catalog".
const NEVER_CHOSEN: &str = "forvaltningsansvarlig";
/// Roles every generated catalog has: the hand-over pair, the overlap pair, and one
/// cross-cutting role.
const ALWAYS: [&str; 4] = [
    "projektejer",
    "systemejer",
    "systemansvarlig",
    "kombit-programleder",
];

// ------------------------------------------------------------------ the catalog as data

#[derive(Clone, Debug)]
struct Spec {
    system: String,
    titel: Option<String>,
    fagomraade: Option<String>,
    galleri: Option<String>,
    dokument: Option<DocSpec>,
    integrationer: Vec<Integration>,
    spoc: Vec<(Phase, String)>,
    roller: Vec<RoleSpec>,
    tasks: Vec<TaskSpec>,
}

/// The `dokument` block: an edition and its date, and maybe texts and a change log.
#[derive(Clone, Debug, Default)]
struct DocSpec {
    version: Option<String>,
    dato: Option<String>,
    udarbejdet_af: Option<String>,
    indledning: Option<String>,
    aendringer: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default)]
struct RoleSpec {
    id: String,
    navn: Option<String>,
    effekt: Option<String>,
    kendetegn: Option<String>,
    kompetencer: Option<Vec<String>>,
    opgaver: Option<Vec<String>>,
    status: Vec<(Phase, Status)>,
    udpeges: Option<Phase>,
    aktiveres: Option<Phase>,
    anbefalet: Vec<String>,
    undgaas: Vec<String>,
}

#[derive(Clone, Debug)]
struct TaskSpec {
    id: String,
    titel: String,
    tema: Theme,
    fase: Phase,
    ansvarlig: String,
    udfoerer: Vec<String>,
    involverede: Vec<String>,
}

impl RoleSpec {
    fn status_in(&self, phase: Phase) -> Status {
        self.status
            .iter()
            .find(|(p, _)| *p == phase)
            .map_or(Status::Inaktiv, |(_, s)| *s)
    }

    fn set_status(&mut self, phase: Phase, status: Status) {
        self.status.retain(|(p, _)| *p != phase);
        self.status.push((phase, status));
        self.status.sort_by_key(|(p, _)| *p);
    }

    fn override_phase(&self) -> Option<Phase> {
        self.udpeges.or(self.aktiveres)
    }

    /// The phase the role is appointed or activated in: the catalog's, else the gallery's.
    fn appointed(&self) -> Phase {
        self.override_phase()
            .or(gallery().role(&self.id).unwrap().udpegning.fase)
            .unwrap_or(Phase::Opvarmning)
    }

    fn last_phase(&self) -> Phase {
        gallery()
            .role(&self.id)
            .unwrap()
            .udpegning
            .udfases_efter
            .unwrap_or(Phase::Fase4)
    }

    fn may_be_mandatory(&self, phase: Phase) -> bool {
        self.appointed() <= phase && phase <= self.last_phase()
    }

    /// Appoints (or activates, as the gallery says) the role in `phase`.
    fn appoint_in(&mut self, phase: Phase) {
        let maade = gallery().role(&self.id).unwrap().udpegning.maade;
        self.udpeges = None;
        self.aktiveres = None;
        match maade {
            Maade::Aktiveres => self.aktiveres = Some(phase),
            _ => self.udpeges = Some(phase),
        }
    }
}

impl Spec {
    fn role(&self, id: &str) -> Option<&RoleSpec> {
        self.roller.iter().find(|r| r.id == id)
    }

    fn role_mut(&mut self, id: &str) -> Option<&mut RoleSpec> {
        self.roller.iter_mut().find(|r| r.id == id)
    }

    fn spoc_of(&self, phase: Phase) -> Option<&str> {
        self.spoc
            .iter()
            .find(|(p, _)| *p == phase)
            .map(|(_, id)| id.as_str())
    }

    fn set_spoc(&mut self, phase: Phase, id: &str) {
        self.spoc.retain(|(p, _)| *p != phase);
        self.spoc.push((phase, id.to_string()));
        self.spoc.sort_by_key(|(p, _)| *p);
    }
}

// ------------------------------------------------------------------ building from choices

/// Reads random choices in order; past the end every choice is 0 (the simplest).
struct Choices<'a>(std::slice::Iter<'a, u8>);

impl Choices<'_> {
    fn next(&mut self, n: usize) -> usize {
        self.0.next().map_or(0, |b| *b as usize % n)
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.next(one_in) == 0
    }
}

/// A text that is not blank: a blank system, title or business area is a placeholder left to
/// fill (`rg::catalog::placeholder`), not a valid catalog.
fn filled(text: String) -> String {
    if text.trim().is_empty() {
        format!("{text}x")
    } else {
        text
    }
}

fn build(choices: &[u8], texts: &[String]) -> Spec {
    let g = gallery();
    let mut c = Choices(choices.iter());
    let mut text = texts.iter().cycle();
    let mut next_text = || text.next().cloned().unwrap_or_default();

    // Roles: the fixed ones, a random subset, and every role a declared integration proposes.
    let mut chosen: BTreeSet<String> = ALWAYS.iter().map(|s| s.to_string()).collect();
    for role in g.roles() {
        if role.id.value != NEVER_CHOSEN && c.chance(2) {
            chosen.insert(role.id.value.clone());
        }
    }
    let integrationer: Vec<Integration> = Integration::ALL
        .into_iter()
        .filter(|_| c.chance(4))
        .collect();
    for integration in &integrationer {
        for role in g.roles() {
            let serves = role.integrationer.iter().any(|i| i.value == *integration);
            let dedicated = role.integrationer.len() < Integration::ALL.len();
            if serves && dedicated && role.udpegning.maade != Maade::IkkeInitieret {
                chosen.insert(role.id.value.clone());
            }
        }
    }

    // Each role: maybe its own appointment phase, statuses inside its window.
    let mut roller: Vec<RoleSpec> = g
        .roles()
        .iter()
        .filter(|r| chosen.contains(&r.id.value))
        .map(|r| {
            let mut role = RoleSpec {
                id: r.id.value.clone(),
                ..RoleSpec::default()
            };
            if r.udpegning.maade != Maade::IkkeInitieret && c.chance(3) {
                role.appoint_in(Phase::ALL[c.next(5)]);
            }
            for phase in Phase::ALL {
                let status = match c.next(4) {
                    0 if role.may_be_mandatory(phase) => Some(Status::Obligatorisk),
                    0 | 1 => Some(Status::Anbefalet),
                    2 if c.chance(4) => Some(Status::Inaktiv),
                    _ => None,
                };
                if let Some(status) = status {
                    role.set_status(phase, status);
                }
            }
            if r.gruppe == Gruppe::Systemspecifik {
                if c.chance(3) {
                    role.navn = Some(next_text());
                }
                if c.chance(4) {
                    role.effekt = Some(next_text());
                }
                if c.chance(4) {
                    role.kendetegn = Some(next_text());
                }
                if c.chance(4) {
                    role.kompetencer = Some(vec![next_text(), next_text()]);
                }
                if c.chance(4) {
                    role.opgaver = Some(vec![next_text()]);
                }
            } else if c.chance(4) {
                // Unchanged texts may be written out on any role.
                role.navn = Some(r.navn.clone());
            }
            role
        })
        .collect();

    // The hand-over: systemejer and systemansvarlig obligatorisk in fase-4.
    for id in ["systemejer", "systemansvarlig"] {
        let role = roller.iter_mut().find(|r| r.id == id).unwrap();
        role.set_status(Phase::Fase4, Status::Obligatorisk);
    }

    let mut spec = Spec {
        system: filled(system_name(next_text())),
        titel: c.chance(2).then(|| filled(next_text())),
        fagomraade: c.chance(2).then(|| filled(next_text())),
        galleri: c.chance(2).then(|| "1.6".to_string()),
        dokument: Some(DocSpec {
            version: Some(next_text()),
            dato: Some(["2026-01-15", "2024-02-29", "1999-12-31"][c.next(3)].to_string()),
            udarbejdet_af: c.chance(2).then(&mut next_text),
            indledning: c.chance(2).then(&mut next_text),
            aendringer: (0..c.next(3)).map(|_| (next_text(), next_text())).collect(),
        }),
        integrationer,
        spoc: Vec::new(),
        roller: std::mem::take(&mut roller),
        tasks: Vec::new(),
    };

    // The SPOC plan: in each phase a role obligatorisk there; fase-4's differs from fase-3's.
    for phase in Phase::ALL {
        let avoid = (phase == Phase::Fase4)
            .then(|| spec.spoc_of(Phase::Fase3).map(str::to_string))
            .flatten();
        let candidates: Vec<String> = spec
            .roller
            .iter()
            .filter(|r| r.status_in(phase) == Status::Obligatorisk)
            .filter(|r| Some(&r.id) != avoid.as_ref())
            .map(|r| r.id.clone())
            .collect();
        let id = if candidates.is_empty() {
            // kombit-programleder can be made obligatorisk in any phase: appoint it in time.
            let role = spec.role_mut("kombit-programleder").unwrap();
            if role.appointed() > phase {
                role.appoint_in(phase);
            }
            role.set_status(phase, Status::Obligatorisk);
            role.id.clone()
        } else {
            candidates[c.next(candidates.len())].clone()
        };
        spec.set_spoc(phase, &id);
    }

    // Personsammenfald: projektejer → systemejer stated one way or the other, plus extras.
    let ids: Vec<String> = g.roles().iter().map(|r| r.id.value.clone()).collect();
    let statement = c.next(3);
    {
        let owner = spec.role_mut("projektejer").unwrap();
        match statement {
            0 => owner.anbefalet.push("systemejer".into()),
            1 => owner.undgaas.push("systemejer".into()),
            _ => {}
        }
    }
    if statement == 2 {
        let systemejer = spec.role_mut("systemejer").unwrap();
        systemejer.anbefalet.push("projektejer".into());
    }
    for i in 0..spec.roller.len() {
        if c.chance(5) {
            let other = ids[c.next(ids.len())].clone();
            spec.roller[i].undgaas.push(other);
        }
    }

    // KLIK tasks: a few random ones, then one for every role that has none yet; a task names
    // only roles active in its phase (`rg::catalog::task_role_inactive`).
    let chosen: Vec<String> = spec.roller.iter().map(|r| r.id.clone()).collect();
    for i in 0..c.next(5) {
        let fase = Phase::ALL[c.next(5)];
        let active: Vec<String> = spec
            .roller
            .iter()
            .filter(|r| r.status_in(fase) != Status::Inaktiv)
            .map(|r| r.id.clone())
            .collect();
        if active.is_empty() {
            continue;
        }
        let pick = |c: &mut Choices| active[c.next(active.len())].clone();
        let ansvarlig = pick(&mut c);
        let udfoerer = (0..c.next(3)).map(|_| pick(&mut c)).collect();
        let involverede = (0..c.next(3)).map(|_| pick(&mut c)).collect();
        spec.tasks.push(TaskSpec {
            id: format!("T-{i:02}"),
            titel: next_text(),
            tema: Theme::ALL[c.next(Theme::ALL.len())],
            fase,
            ansvarlig,
            udfoerer,
            involverede,
        });
    }
    for id in &chosen {
        let performs = spec
            .tasks
            .iter()
            .any(|t| t.ansvarlig == *id || t.udfoerer.contains(id) || t.involverede.contains(id));
        if !performs {
            let role = spec.role_mut(id).unwrap();
            let fase = match Phase::ALL
                .into_iter()
                .find(|p| role.status_in(*p) != Status::Inaktiv)
            {
                Some(phase) => phase,
                None => {
                    // A role active in no phase gets one where it is recommended.
                    let phase = Phase::ALL[c.next(5)];
                    role.set_status(phase, Status::Anbefalet);
                    phase
                }
            };
            let n = spec.tasks.len();
            spec.tasks.push(TaskSpec {
                id: format!("R-{n:02}"),
                titel: next_text(),
                tema: Theme::ALL[c.next(Theme::ALL.len())],
                fase,
                ansvarlig: id.clone(),
                udfoerer: Vec::new(),
                involverede: Vec::new(),
            });
        }
    }
    spec
}

/// A system name is matched by appointments: one holding a bidi or zero-width character only
/// looks like the name it seems to be, and is `rg::yaml::invalid_value`. Any other text will do.
fn system_name(text: String) -> String {
    let invisible = |c: char| matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
    let name: String = text.chars().filter(|c| !invisible(*c)).collect();
    if name.is_empty() {
        "System".into()
    } else {
        name
    }
}

// ------------------------------------------------------------------ the YAML text

/// A YAML double-quoted scalar: what YAML does not allow raw (controls, DEL, C1, U+FFFE/F) is
/// written as an escape.
fn q(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{2028}' | '\u{2029}' | '\u{feff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{fffd}' | '\u{10000}'.. => out.push(c),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

fn ids(list: &[String]) -> String {
    let quoted: Vec<String> = list.iter().map(|s| q(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn to_yaml(spec: &Spec) -> String {
    let mut y = String::new();
    y.push_str(&format!("system: {}\n", q(&spec.system)));
    if let Some(titel) = &spec.titel {
        y.push_str(&format!("titel: {}\n", q(titel)));
    }
    if let Some(galleri) = &spec.galleri {
        y.push_str(&format!("galleri: {}\n", q(galleri)));
    }
    if let Some(fagomraade) = &spec.fagomraade {
        y.push_str(&format!("fagomraade: {}\n", q(fagomraade)));
    }
    if let Some(dokument) = &spec.dokument {
        document_yaml(&mut y, dokument);
    }
    let integrations: Vec<&str> = spec.integrationer.iter().map(|i| i.id()).collect();
    y.push_str(&format!("integrationer: [{}]\n", integrations.join(", ")));
    if !spec.spoc.is_empty() {
        y.push_str("spoc:\n");
        for (phase, id) in &spec.spoc {
            y.push_str(&format!("  {}: {}\n", phase.id(), q(id)));
        }
    }
    y.push_str("roller:\n");
    for role in &spec.roller {
        y.push_str(&format!("  - rolle: {}\n", q(&role.id)));
        for (key, value) in [
            ("navn", &role.navn),
            ("effekt", &role.effekt),
            ("kendetegn", &role.kendetegn),
        ] {
            if let Some(value) = value {
                y.push_str(&format!("    {key}: {}\n", q(value)));
            }
        }
        if let Some(kompetencer) = &role.kompetencer {
            y.push_str(&format!("    kompetencer: {}\n", ids(kompetencer)));
        }
        if let Some(opgaver) = &role.opgaver {
            y.push_str("    opgaver:\n");
            for tekst in opgaver {
                y.push_str(&format!(
                    "      - {{tekst: {}, implementering: betinget, drift_og_forvaltning: true}}\n",
                    q(tekst)
                ));
            }
        }
        let status: Vec<String> = role
            .status
            .iter()
            .map(|(p, s)| format!("{}: {}", p.id(), s.id()))
            .collect();
        y.push_str(&format!("    status: {{{}}}\n", status.join(", ")));
        if let Some(phase) = role.udpeges {
            y.push_str(&format!("    udpeges: {}\n", phase.id()));
        }
        if let Some(phase) = role.aktiveres {
            y.push_str(&format!("    aktiveres: {}\n", phase.id()));
        }
        if !role.anbefalet.is_empty() || !role.undgaas.is_empty() {
            y.push_str(&format!(
                "    personsammenfald: {{anbefalet: {}, undgaas: {}}}\n",
                ids(&role.anbefalet),
                ids(&role.undgaas)
            ));
        }
    }
    y.push_str("klik_opgaver:\n");
    for task in &spec.tasks {
        y.push_str(&format!(
            "  - id: {}\n    titel: {}\n    tema: {}\n    fase: {}\n    ansvarlig: {}\n    udfoerer: {}\n    involverede: {}\n",
            q(&task.id),
            q(&task.titel),
            task.tema.id(),
            task.fase.id(),
            q(&task.ansvarlig),
            ids(&task.udfoerer),
            ids(&task.involverede)
        ));
    }
    y
}

fn document_yaml(y: &mut String, dokument: &DocSpec) {
    y.push_str("dokument:\n");
    if let Some(version) = &dokument.version {
        y.push_str(&format!("  version: {}\n", q(version)));
    }
    if let Some(dato) = &dokument.dato {
        y.push_str(&format!("  dato: {dato}\n"));
    }
    for (key, value) in [
        ("udarbejdet_af", &dokument.udarbejdet_af),
        ("indledning", &dokument.indledning),
    ] {
        if let Some(value) = value {
            y.push_str(&format!("  {key}: {}\n", q(value)));
        }
    }
    if dokument.aendringer.is_empty() {
        y.push_str("  aendringer: []\n");
        return;
    }
    y.push_str("  aendringer:\n");
    for (version, tekst) in &dokument.aendringer {
        y.push_str(&format!(
            "    - {{version: {}, dato: 2026-01-15, tekst: {}}}\n",
            q(version),
            q(tekst)
        ));
    }
}

// ------------------------------------------------------------------ checking and compiling

fn codes(yaml: &str) -> BTreeSet<&'static str> {
    let file = SourceFile::new(Path::new("catalogs/generated.yaml"), yaml.to_string());
    checker()
        .check_as(file, FileKind::Catalog)
        .iter()
        .map(|d| d.code())
        .collect()
}

fn compiled(yaml: &str) -> ResolvedCatalog {
    let file = SourceFile::new(Path::new("catalogs/generated.yaml"), yaml.to_string());
    checker()
        .resolve(file)
        .unwrap_or_else(|found| panic!("a generated catalog resolves: {found:#?}"))
}

// ------------------------------------------------------------------ breaking one rule

/// The catalog rules that only two catalogs can break (covered by their fixtures).
const ACROSS_CATALOGS: [&str; 1] = ["rg::catalog::duplicate_system"];

/// The rules a catalog can break, each with how to break it alone.
const BREAKS: [&str; 19] = [
    "rg::catalog::unknown_role",
    "rg::catalog::duplicate_role",
    "rg::catalog::spoc_missing",
    "rg::catalog::spoc_not_active",
    "rg::catalog::spoc_unchanged",
    "rg::catalog::tailored_crosscutting",
    "rg::catalog::appointed_too_late",
    "rg::catalog::appointment_kind",
    "rg::catalog::handover_missing",
    "rg::catalog::active_after_phase_out",
    "rg::catalog::overlap_unstated",
    "rg::catalog::role_without_tasks",
    "rg::catalog::task_unknown_role",
    "rg::catalog::duplicate_task",
    "rg::catalog::integration_role_missing",
    "rg::catalog::gallery_version",
    "rg::catalog::task_role_inactive",
    "rg::catalog::placeholder",
    "rg::catalog::document_unversioned",
];

/// Breaks `code` in a valid spec; `None` when this catalog offers no way to (rare).
fn break_rule(spec: &Spec, code: &str, pick: usize) -> Option<Spec> {
    let mut s = spec.clone();
    let n = s.roller.len();
    match code {
        "rg::catalog::unknown_role" => s.roller.push(RoleSpec {
            id: "projektleer".into(),
            ..RoleSpec::default()
        }),
        "rg::catalog::duplicate_role" => {
            let copy = s.roller[pick % n].clone();
            s.roller.push(copy);
        }
        "rg::catalog::spoc_missing" => {
            s.spoc.remove(pick % s.spoc.len());
        }
        "rg::catalog::spoc_not_active" => {
            s.set_spoc(Phase::ALL[pick % 5], NEVER_CHOSEN);
        }
        "rg::catalog::spoc_unchanged" => {
            // fase-4's SPOC also made fase-3's: obligatorisk there, appointed in time.
            let id = s.spoc_of(Phase::Fase4)?.to_string();
            let role = s.role_mut(&id)?;
            if role.appointed() > Phase::Fase3 {
                role.appoint_in(Phase::Fase3);
            }
            role.set_status(Phase::Fase3, Status::Obligatorisk);
            s.set_spoc(Phase::Fase3, &id);
        }
        "rg::catalog::tailored_crosscutting" => {
            let role = s
                .roller
                .iter_mut()
                .find(|r| gallery().role(&r.id).unwrap().gruppe != Gruppe::Systemspecifik)?;
            role.navn = Some(format!("{} (tilpasset)", gallery().role(&role.id)?.navn));
        }
        "rg::catalog::appointed_too_late" => {
            // opvarmning's SPOC is obligatorisk in opvarmning: appoint it a phase later.
            let id = s.spoc_of(Phase::Opvarmning)?.to_string();
            s.role_mut(&id)?.appoint_in(Phase::Fase1);
        }
        "rg::catalog::appointment_kind" => {
            // The other key than the gallery's, with the same phase.
            let mut candidates: Vec<&mut RoleSpec> = s
                .roller
                .iter_mut()
                .filter(|r| gallery().role(&r.id).unwrap().udpegning.maade != Maade::IkkeInitieret)
                .collect();
            let m = candidates.len();
            let role = candidates.get_mut(pick % m)?;
            let phase = role.appointed();
            match gallery().role(&role.id)?.udpegning.maade {
                Maade::Aktiveres => {
                    role.aktiveres = None;
                    role.udpeges = Some(phase);
                }
                _ => {
                    role.udpeges = None;
                    role.aktiveres = Some(phase);
                }
            }
        }
        "rg::catalog::handover_missing" => {
            let spoc = s.spoc_of(Phase::Fase4).map(str::to_string);
            let id = ["systemejer", "systemansvarlig"]
                .into_iter()
                .find(|id| spoc.as_deref() != Some(*id))?;
            s.role_mut(id)?.set_status(Phase::Fase4, Status::Anbefalet);
        }
        "rg::catalog::active_after_phase_out" => {
            // projektejer is phased out after fase-3 (systemejer takes over).
            s.role_mut("projektejer")?
                .set_status(Phase::Fase4, Status::Obligatorisk);
        }
        "rg::catalog::overlap_unstated" => {
            for role in &mut s.roller {
                if role.id == "projektejer" {
                    role.anbefalet.retain(|r| r != "systemejer");
                    role.undgaas.retain(|r| r != "systemejer");
                }
                if role.id == "systemejer" {
                    role.anbefalet.retain(|r| r != "projektejer");
                    role.undgaas.retain(|r| r != "projektejer");
                }
            }
        }
        "rg::catalog::role_without_tasks" => s.roller.push(RoleSpec {
            id: NEVER_CHOSEN.into(),
            ..RoleSpec::default()
        }),
        "rg::catalog::task_unknown_role" => {
            let m = s.tasks.len();
            s.tasks[pick % m].involverede.push(NEVER_CHOSEN.into());
        }
        "rg::catalog::duplicate_task" => {
            let m = s.tasks.len();
            let copy = s.tasks[pick % m].clone();
            s.tasks.push(copy);
        }
        "rg::catalog::integration_role_missing" => {
            // An integration not declared whose dedicated roles are not all in the catalog.
            let g = gallery();
            let missing = Integration::ALL.into_iter().find(|i| {
                !s.integrationer.contains(i)
                    && g.roles().iter().any(|r| {
                        r.integrationer.iter().any(|x| x.value == *i)
                            && r.integrationer.len() < Integration::ALL.len()
                            && r.udpegning.maade != Maade::IkkeInitieret
                            && s.role(&r.id.value).is_none()
                    })
            })?;
            s.integrationer.push(missing);
        }
        "rg::catalog::gallery_version" => s.galleri = Some("1.5".into()),
        "rg::catalog::task_role_inactive" => {
            // A task also involves a chosen role that is inaktiv in the task's phase.
            let m = s.tasks.len();
            let task = pick % m;
            let phase = s.tasks[task].fase;
            let idle = s
                .roller
                .iter()
                .find(|r| r.status_in(phase) == Status::Inaktiv)?
                .id
                .clone();
            s.tasks[task].involverede.push(idle);
        }
        "rg::catalog::placeholder" => s.fagomraade = Some(String::new()),
        // No block, no version or no date: each is the one warning.
        "rg::catalog::document_unversioned" => match pick % 3 {
            0 => s.dokument = None,
            1 => s.dokument.as_mut()?.version = None,
            _ => s.dokument.as_mut()?.dato = None,
        },
        other => panic!("no break for {other}"),
    }
    Some(s)
}

// ------------------------------------------------------------------ strategies

/// Texts that must survive YAML, check, resolve and rendering unchanged.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<script>alert(1)</script>".to_string()),
        Just("</td>".to_string()),
        Just("|".to_string()),
        Just("*".to_string()),
        Just("`".to_string()),
        Just("\n".to_string()),
        Just("&amp;".to_string()),
        Just("æøå ÆØÅ".to_string()),
        Just("# ".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("\"'".to_string()),
        Just("Projektleder".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..6).prop_map(|pieces| pieces.concat())
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(any::<u8>(), 0..256),
        prop::collection::vec(text(), 1..8),
    )
        .prop_map(|(choices, texts)| build(&choices, &texts))
}

/// proptest's 256 cases (its default; `PROPTEST_CASES=10000` for a long run), and no
/// persistence files: a failure prints the minimal catalog as YAML.
fn config() -> Config {
    Config {
        failure_persistence: None,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_generated_valid_catalog_checks_clean_and_compiles(spec in spec()) {
        let yaml = to_yaml(&spec);
        let found = codes(&yaml);
        prop_assert!(found.is_empty(), "{found:?}\n{yaml}");
        let catalog = compiled(&yaml);
        let markdown = api::compile_markdown(&catalog);
        let html = api::compile_html(&catalog);
        prop_assert!(markdown.contains("Rollekatalog") || !markdown.is_empty());
        prop_assert!(html.starts_with("<!DOCTYPE html>"));
        // `rg compile --format json`, read back.
        let json = api::compile(&catalog, "json");
        let again: ResolvedCatalog = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&again, &catalog);
        // Every chosen role is in the document, with its statuses.
        for role in &spec.roller {
            let resolved = catalog.roller.iter().find(|r| r.id == role.id);
            prop_assert!(resolved.is_some(), "{} missing", role.id);
            for phase in Phase::ALL {
                prop_assert_eq!(*resolved.unwrap().status.get(phase), role.status_in(phase));
            }
        }
    }

    #[test]
    fn one_rule_broken_gives_exactly_its_code(
        spec in spec(),
        rule in 0..BREAKS.len(),
        pick in any::<usize>(),
    ) {
        let code = BREAKS[rule];
        let Some(broken) = break_rule(&spec, code, pick) else {
            return Err(TestCaseError::reject("no way to break it in this catalog"));
        };
        let yaml = to_yaml(&broken);
        let found = codes(&yaml);
        prop_assert_eq!(found, BTreeSet::from([code]), "{}", yaml);
    }
}

/// Every rule of the catalog family is among the breaks, so a new rule needs a new break.
#[test]
fn every_catalog_rule_can_be_broken_alone() {
    let catalog_rules: BTreeSet<&str> = api::rules()
        .iter()
        .map(|r| r.code)
        .filter(|c| c.starts_with("rg::catalog::") && !ACROSS_CATALOGS.contains(c))
        .collect();
    assert_eq!(catalog_rules, BREAKS.into_iter().collect());
}

// ------------------------------------------------------------------ every mistake in one run

/// Structural mistakes a hand edit makes, each on one line of a generated catalog's YAML: the
/// line's index and the line as mistyped.
fn mistakes(yaml: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (index, line) in yaml.lines().enumerate() {
        let indent = &line[..line.len() - line.trim_start().len()];
        let mistyped = match line.trim_start() {
            l if l.starts_with("fase: ") => format!("{indent}fase: fase-9"),
            l if l.starts_with("tema: ") => format!("{indent}tema: gevinster"),
            l if l.starts_with("status: ") => format!("{indent}statsu: {}", &l["status: ".len()..]),
            l if l.starts_with("udfoerer: ") => format!("{indent}udfoerer: {{a: b}}"),
            l if l.starts_with("titel: ") && indent.is_empty() => "titel: [a, b]".to_string(),
            l if l.starts_with("integrationer: ") => "integrationer: [adgangstyring]".to_string(),
            _ => continue,
        };
        found.push((index, mistyped));
    }
    found
}

proptest! {
    #![proptest_config(config())]

    /// k independent structural mistakes on k distinct lines give findings on each of them:
    /// one run reports every mistake, not the first alone.
    #[test]
    fn every_structural_mistake_of_a_file_is_reported_in_one_run(
        spec in spec(),
        picks in prop::collection::vec(any::<usize>(), 1..=6),
    ) {
        let yaml = to_yaml(&spec);
        let candidates = mistakes(&yaml);
        let mut chosen: Vec<(usize, String)> = Vec::new();
        for pick in picks {
            let (line, mistyped) = &candidates[pick % candidates.len()];
            if chosen.iter().all(|(l, _)| l != line) {
                chosen.push((*line, mistyped.clone()));
            }
        }
        let mut lines: Vec<String> = yaml.lines().map(str::to_string).collect();
        for (line, mistyped) in &chosen {
            lines[*line] = mistyped.clone();
        }
        let broken = lines.join("\n") + "\n";
        let file = SourceFile::new(Path::new("catalogs/generated.yaml"), broken.clone());
        let reported: BTreeSet<usize> = checker()
            .check_as(file, FileKind::Catalog)
            .iter()
            .filter(|d| d.code().starts_with("rg::yaml::"))
            .filter_map(|d| d.position().map(|p| p.line - 1))
            .collect();
        for (line, _) in &chosen {
            prop_assert!(reported.contains(line), "line {} not reported:\n{}", line + 1, broken);
        }
    }
}
