//! Resolution: a catalog and the gallery → the resolved rollekatalog.
//!
//! One resolution serves `rg compile`, `rg table` and `rg diff`: every chosen role with its
//! tailored or gallery texts, its status in every phase, when it is appointed or activated,
//! when it is phased out and who takes over, person-overlap advice, the integrations it serves
//! and the KLIK tasks it takes part in; plus the SPOC per phase and the KLIK tasks.
//!
//! [`resolve`] is pure and never fails: a catalog with errors resolves as far as it can. Role
//! entries whose id is not in the gallery, and repeated entries, are skipped; ids named by the
//! SPOC plan and by KLIK tasks are kept as written, so [`ResolvedCatalog::name_of`] falls back
//! to the id for a role that is not in the catalog.

use crate::model::{
    Catalog, CatalogRole, CatalogSet, DocumentStatus, Dokument, Duty, Gallery, GalleryRole, Gruppe,
    Integration, Lookup, Maade, Phase, Status, TaskPart, Theme,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The usable catalogs of a run, resolved once, found by system as [`CatalogSet::lookup`]
/// finds them.
#[derive(Default)]
pub(crate) struct ResolvedSet {
    by_system: HashMap<String, ResolvedCatalog>,
}

impl ResolvedSet {
    pub(crate) fn of(set: &CatalogSet, gallery: &Gallery) -> ResolvedSet {
        let mut by_system = HashMap::new();
        for system in set.systems() {
            if let Lookup::Usable(catalog) = set.lookup(system) {
                by_system.insert(system.to_ascii_lowercase(), resolve(catalog, gallery));
            }
        }
        ResolvedSet { by_system }
    }

    pub(crate) fn get(&self, system: &str) -> Option<&ResolvedCatalog> {
        self.by_system.get(&system.to_ascii_lowercase())
    }

    /// Every catalog, with its system's name in lower case (the key [`ResolvedSet::get`] uses).
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &ResolvedCatalog)> {
        self.by_system
            .iter()
            .map(|(key, catalog)| (key.as_str(), catalog))
    }
}

/// One value per phase of the implementation model, keyed by the phase ids used in every file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerPhase<T> {
    /// Opvarmningsperiode.
    pub opvarmning: T,
    /// Fase 1: Opstart.
    #[serde(rename = "fase-1")]
    pub fase_1: T,
    /// Fase 2: Forberedelse.
    #[serde(rename = "fase-2")]
    pub fase_2: T,
    /// Fase 3: Ibrugtagning.
    #[serde(rename = "fase-3")]
    pub fase_3: T,
    /// Fase 4: Forankring (drift og forvaltning).
    #[serde(rename = "fase-4")]
    pub fase_4: T,
}

impl<T> PerPhase<T> {
    /// Builds the value of each phase with `f`.
    pub fn from_fn(mut f: impl FnMut(Phase) -> T) -> PerPhase<T> {
        PerPhase {
            opvarmning: f(Phase::Opvarmning),
            fase_1: f(Phase::Fase1),
            fase_2: f(Phase::Fase2),
            fase_3: f(Phase::Fase3),
            fase_4: f(Phase::Fase4),
        }
    }

    pub fn get(&self, phase: Phase) -> &T {
        match phase {
            Phase::Opvarmning => &self.opvarmning,
            Phase::Fase1 => &self.fase_1,
            Phase::Fase2 => &self.fase_2,
            Phase::Fase3 => &self.fase_3,
            Phase::Fase4 => &self.fase_4,
        }
    }

    /// The phases in order with their values.
    pub fn iter(&self) -> impl Iterator<Item = (Phase, &T)> {
        Phase::ALL
            .into_iter()
            .map(move |phase| (phase, self.get(phase)))
    }
}

/// Rollekataloget, som det læses: kataloget og rollegalleriet lagt sammen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolvedCatalog {
    /// It-systemets navn, fx SAPA.
    pub system: String,
    /// Dokumentets titel (katalogets, ellers "Rollekatalog for SYSTEM").
    pub titel: String,
    /// Fagområdet, som it-systemet understøtter.
    pub fagomraade: Option<String>,
    /// Dokumentets udgave, dato, status, indledning og ændringslog (`dokument`).
    pub dokument: DocumentInfo,
    /// Rollegalleriet, som kataloget er lagt sammen med.
    pub galleri: GalleryInfo,
    /// Integrationer i den fælleskommunale infrastruktur, som it-systemet tager i brug.
    pub integrationer: Vec<Integration>,
    /// SPOC-rollens id i hver fase (som kataloget skriver det; null hvis ingen er angivet).
    pub spoc: PerPhase<Option<String>>,
    /// Rollerne: systemspecifikke, tværgående, infrastruktur; i hver gruppe i galleriets orden.
    pub roller: Vec<ResolvedRole>,
    /// KLIK-opgaverne i katalogets rækkefølge.
    pub klik_opgaver: Vec<ResolvedTask>,
}

/// Rollekataloget som dokument; felter, kataloget ikke angiver, er null.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInfo {
    /// Katalogets egen udgave, fx "1.2".
    pub version: Option<String>,
    /// Udgavens dato (YYYY-MM-DD).
    pub dato: Option<String>,
    /// udkast, hoering eller godkendt.
    pub status: Option<DocumentStatus>,
    /// Hvem der har udarbejdet kataloget.
    pub udarbejdet_af: Option<String>,
    /// Projektets kontakt (en funktionspostkasse).
    pub kontakt: Option<String>,
    /// Projektets indledning.
    pub indledning: Option<String>,
    /// Ændringsloggen, nyeste først.
    pub aendringer: Vec<ChangeEntry>,
}

/// En udgave i ændringsloggen.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeEntry {
    /// Udgaven.
    pub version: String,
    /// Udgavens dato (YYYY-MM-DD).
    pub dato: Option<String>,
    /// Hvad der er ændret.
    pub tekst: String,
}

impl DocumentInfo {
    fn from_block(dokument: &Dokument) -> DocumentInfo {
        let text =
            |value: &Option<crate::diag::Spanned<String>>| value.as_ref().map(|v| v.value.clone());
        DocumentInfo {
            version: text(&dokument.version),
            dato: text(&dokument.dato),
            status: dokument.status,
            udarbejdet_af: dokument.udarbejdet_af.clone(),
            kontakt: dokument.kontakt.clone(),
            indledning: dokument.indledning.clone(),
            aendringer: dokument
                .aendringer
                .iter()
                .map(|a| ChangeEntry {
                    version: a.version.clone(),
                    dato: text(&a.dato),
                    tekst: a.tekst.clone(),
                })
                .collect(),
        }
    }
}

/// Rollegalleriets version og dato.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GalleryInfo {
    /// Titel, fx "Rollegalleri".
    pub titel: String,
    /// Versionen, som er brugt, fx "1.6".
    pub version: String,
    /// Versionens dato, som standarden skriver den, fx "Maj 2024".
    pub dato: String,
    /// Versionen, som kataloget siger, det er skrevet mod (`galleri:`), hvis angivet.
    pub skrevet_mod: Option<String>,
}

/// En rolle i kataloget med alle tekster og alle faser udfyldt.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolvedRole {
    /// Rollens id i rollegalleriet.
    pub id: String,
    /// Navnet: katalogets tilpassede navn, ellers galleriets.
    pub navn: String,
    /// Navnet i rollegalleriet.
    pub galleriets_navn: String,
    /// De felter, kataloget har tilpasset (navn, effekt, opgaver, ansvar, kompetencer, kendetegn).
    pub tilpasset: Vec<String>,
    /// systemspecifik, tvaergaaende eller infrastruktur.
    pub gruppe: Gruppe,
    /// Effekten.
    pub effekt: String,
    /// Beskrivelse, kun hvor standarden har en.
    pub beskrivelse: Option<String>,
    /// Opgaver; en tilpasset liste erstatter galleriets.
    pub opgaver: Vec<Duty>,
    /// Ansvar; en tilpasset liste erstatter galleriets.
    pub ansvar: Vec<Duty>,
    /// Kompetencer.
    pub kompetencer: Vec<String>,
    /// Kendetegn.
    pub kendetegn: String,
    /// Status i hver fase; en fase, kataloget ikke nævner, er inaktiv.
    pub status: PerPhase<Status>,
    /// udpeges, aktiveres eller ikke_initieret (fra galleriet).
    pub maade: Maade,
    /// Fasen, hvor rollen udpeges/aktiveres: katalogets, ellers galleriets standard.
    pub udpeges_i: Option<Phase>,
    /// Galleriets standardfase for udpegning/aktivering.
    pub galleriets_udpeges_i: Option<Phase>,
    /// Fasen, hvorefter rollen udfases.
    pub udfases_efter: Option<Phase>,
    /// Rollen, der overtager i drift og forvaltning.
    pub afloeses_af: Option<String>,
    /// Personsammenfald med andre roller, uanset hvilken af de to roller kataloget skrev det på.
    pub personsammenfald: Personsammenfald,
    /// Integrationer, som rollen betjener blandt dem, kataloget erklærer (infrastrukturroller).
    pub integrationer: Vec<Integration>,
    /// KLIK-opgaver, hvor rollen er ansvarlig, udfører eller involveret.
    pub klik_opgaver: Vec<TaskRef>,
}

/// Roller, som samme person anbefales at have, og roller, der bør holdes adskilt.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Personsammenfald {
    /// Roller, som samme person anbefales at varetage sammen med denne.
    pub anbefalet: Vec<String>,
    /// Roller, som ikke bør varetages af samme person som denne.
    pub undgaas: Vec<String>,
}

impl Personsammenfald {
    pub fn is_empty(&self) -> bool {
        self.anbefalet.is_empty() && self.undgaas.is_empty()
    }
}

/// En rolles del i en KLIK-opgave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskRef {
    /// Opgavens id.
    pub id: String,
    /// ansvarlig, udfoerer eller involveret.
    pub del: TaskPart,
}

/// En KLIK-opgave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolvedTask {
    /// Opgavens id, fx PS-01.
    pub id: String,
    /// Opgavens titel.
    pub titel: String,
    /// Tema i implementeringsmodellen.
    pub tema: Theme,
    /// Fasen, hvor opgaven løses.
    pub fase: Phase,
    /// Den ansvarlige rolles id.
    pub ansvarlig: String,
    /// Udførende rollers id.
    pub udfoerer: Vec<String>,
    /// Involverede rollers id.
    pub involverede: Vec<String>,
}

impl ResolvedTask {
    /// Every role the task names, with how it takes part.
    pub fn participants(&self) -> impl Iterator<Item = (&str, TaskPart)> {
        std::iter::once((self.ansvarlig.as_str(), TaskPart::Ansvarlig))
            .chain(
                self.udfoerer
                    .iter()
                    .map(|r| (r.as_str(), TaskPart::Udfoerer)),
            )
            .chain(
                self.involverede
                    .iter()
                    .map(|r| (r.as_str(), TaskPart::Involveret)),
            )
    }
}

/// An overlap statement between two roles, once per pair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlapPair<'a> {
    pub from: &'a str,
    pub to: &'a str,
    /// True: recommended (same person); false: to be avoided.
    pub anbefalet: bool,
}

/// The change from fase-3 to fase-4 (checklist item 6), as a view over a resolved catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct Handover<'a> {
    /// SPOC in fase-3 and in fase-4.
    pub spoc_before: Option<&'a str>,
    pub spoc_after: Option<&'a str>,
    /// Roles that take over: obligatorisk in fase-4 and not in fase-3, plus systemejer,
    /// systemansvarlig and the successors named by phased-out roles when they are obligatorisk in fase-4.
    pub taking_over: Vec<&'a ResolvedRole>,
    /// Roles obligatorisk in fase-3 that are not obligatorisk in fase-4.
    pub phased_out: Vec<&'a ResolvedRole>,
    /// Person-overlap statements, each pair once, in catalog order.
    pub overlaps: Vec<OverlapPair<'a>>,
}

impl ResolvedRole {
    pub fn status_in(&self, phase: Phase) -> Status {
        *self.status.get(phase)
    }

    pub fn is_tailored(&self) -> bool {
        !self.tilpasset.is_empty()
    }

    /// The tasks this role takes part in, with how.
    pub fn takes_part_in(&self, task: &str) -> Vec<TaskPart> {
        self.klik_opgaver
            .iter()
            .filter(|t| t.id == task)
            .map(|t| t.del)
            .collect()
    }
}

impl ResolvedCatalog {
    /// A chosen role by id.
    pub fn role(&self, id: &str) -> Option<&ResolvedRole> {
        self.roller.iter().find(|r| r.id == id)
    }

    /// The status of a role in a phase; a role not in the catalog is inaktiv.
    pub fn status_in(&self, id: &str, phase: Phase) -> Status {
        self.role(id)
            .map_or(Status::Inaktiv, |r| r.status_in(phase))
    }

    /// The SPOC role id of a phase, as the catalog names it.
    pub fn spoc_in(&self, phase: Phase) -> Option<&str> {
        self.spoc.get(phase).as_deref()
    }

    /// The SPOC role of a phase, if it is among the catalog's roles.
    pub fn spoc_role(&self, phase: Phase) -> Option<&ResolvedRole> {
        self.spoc_in(phase).and_then(|id| self.role(id))
    }

    /// Whether a role is the SPOC in a phase.
    pub fn is_spoc(&self, id: &str, phase: Phase) -> bool {
        self.spoc_in(phase) == Some(id)
    }

    /// The phases in which a role is SPOC.
    pub fn spoc_phases(&self, id: &str) -> Vec<Phase> {
        Phase::ALL
            .into_iter()
            .filter(|p| self.is_spoc(id, *p))
            .collect()
    }

    /// The name a role goes by in this catalog; the id for a role that is not in it.
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.role(id).map_or(id, |r| r.navn.as_str())
    }

    /// The roles of one group, in order.
    pub fn roles_in(&self, gruppe: Gruppe) -> impl Iterator<Item = &ResolvedRole> {
        self.roller.iter().filter(move |r| r.gruppe == gruppe)
    }

    /// The groups that have at least one role, in the standard's order.
    pub fn groups(&self) -> Vec<Gruppe> {
        Gruppe::ALL
            .into_iter()
            .filter(|g| self.roles_in(*g).next().is_some())
            .collect()
    }

    pub fn task(&self, id: &str) -> Option<&ResolvedTask> {
        self.klik_opgaver.iter().find(|t| t.id == id)
    }

    /// The tasks of one theme, ordered by phase (catalog order within a phase).
    pub fn tasks_in(&self, theme: Theme) -> Vec<&ResolvedTask> {
        let mut tasks: Vec<&ResolvedTask> = self
            .klik_opgaver
            .iter()
            .filter(|t| t.tema == theme)
            .collect();
        tasks.sort_by_key(|t| t.fase);
        tasks
    }

    /// The hand-over from fase-3 to fase-4.
    pub fn handover(&self) -> Handover<'_> {
        let mandatory = |r: &ResolvedRole, p| r.status_in(p) == Status::Obligatorisk;
        let phased_out: Vec<&ResolvedRole> = self
            .roller
            .iter()
            .filter(|r| mandatory(r, Phase::Fase3) && !mandatory(r, Phase::Fase4))
            .collect();
        let successors: Vec<&str> = phased_out
            .iter()
            .filter_map(|r| r.afloeses_af.as_deref())
            .collect();
        let taking_over = self
            .roller
            .iter()
            .filter(|r| {
                mandatory(r, Phase::Fase4)
                    && (!mandatory(r, Phase::Fase3)
                        || HANDOVER_ROLES.contains(&r.id.as_str())
                        || successors.contains(&r.id.as_str()))
            })
            .collect();
        let mut overlaps: Vec<OverlapPair> = Vec::new();
        for role in &self.roller {
            let statements = role
                .personsammenfald
                .anbefalet
                .iter()
                .map(|o| (o, true))
                .chain(role.personsammenfald.undgaas.iter().map(|o| (o, false)));
            for (other, anbefalet) in statements {
                let seen = overlaps.iter().any(|p| {
                    (p.from == role.id && p.to == *other) || (p.from == *other && p.to == role.id)
                });
                if !seen {
                    overlaps.push(OverlapPair {
                        from: &role.id,
                        to: other,
                        anbefalet,
                    });
                }
            }
        }
        Handover {
            spoc_before: self.spoc_in(Phase::Fase3),
            spoc_after: self.spoc_in(Phase::Fase4),
            taking_over,
            phased_out,
            overlaps,
        }
    }
}

/// The roles appointed at the change to drift og forvaltning (checklist item 6).
pub const HANDOVER_ROLES: [&str; 2] = ["systemejer", "systemansvarlig"];

/// Resolves a catalog against the gallery. Pure: no I/O, never panics on a broken catalog.
pub fn resolve(catalog: &Catalog, gallery: &Gallery) -> ResolvedCatalog {
    let declared: Vec<Integration> = {
        let mut seen = Vec::new();
        for integration in &catalog.integrationer {
            if !seen.contains(&integration.value) {
                seen.push(integration.value);
            }
        }
        seen
    };
    let entries = chosen_entries(catalog, gallery);
    let mut roller: Vec<ResolvedRole> = Vec::new();
    for gruppe in Gruppe::ALL {
        for role in gallery.roles().iter().filter(|r| r.gruppe == gruppe) {
            if let Some(entry) = entries.iter().find(|e| e.rolle.value == role.id.value) {
                roller.push(resolve_role(entry, role, &declared));
            }
        }
    }
    link_overlaps(&mut roller, gallery);
    let klik_opgaver: Vec<ResolvedTask> = catalog
        .klik_opgaver
        .iter()
        .map(|task| ResolvedTask {
            id: task.id.value.clone(),
            titel: task.titel.clone(),
            tema: task.tema.value,
            fase: task.fase.value,
            ansvarlig: task.ansvarlig.value.clone(),
            udfoerer: task.udfoerer.iter().map(|r| r.value.clone()).collect(),
            involverede: task.involverede.iter().map(|r| r.value.clone()).collect(),
        })
        .collect();
    link_tasks(&mut roller, &klik_opgaver);
    let spoc = PerPhase::from_fn(|phase| {
        catalog.spoc.as_ref().and_then(|plan| {
            plan.value
                .iter()
                .find(|(p, _)| p.value == phase)
                .map(|(_, id)| id.value.clone())
        })
    });
    let system = catalog.system.value.clone();
    ResolvedCatalog {
        titel: catalog
            .titel
            .get()
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| format!("Rollekatalog for {system}")),
        system,
        fagomraade: catalog.fagomraade.get().cloned(),
        dokument: catalog
            .dokument
            .as_ref()
            .map(|d| DocumentInfo::from_block(&d.value))
            .unwrap_or_default(),
        galleri: GalleryInfo {
            titel: gallery.galleri.titel.clone(),
            version: gallery.galleri.version.clone(),
            dato: gallery.galleri.dato.clone(),
            skrevet_mod: catalog.galleri.as_ref().map(|g| g.value.clone()),
        },
        integrationer: declared,
        spoc,
        roller,
        klik_opgaver,
    }
}

/// Each role's KLIK tasks, in the tasks' order: one pass over the tasks, whatever their number.
fn link_tasks(roller: &mut [ResolvedRole], tasks: &[ResolvedTask]) {
    let index: HashMap<String, usize> = roller
        .iter()
        .enumerate()
        .map(|(i, role)| (role.id.clone(), i))
        .collect();
    for task in tasks {
        let mut linked: Vec<(usize, TaskPart)> = Vec::new();
        for (id, del) in task.participants() {
            let Some(&role) = index.get(id) else {
                continue;
            };
            // A task that names a role twice in one part links it once.
            if linked.contains(&(role, del)) {
                continue;
            }
            linked.push((role, del));
            roller[role].klik_opgaver.push(TaskRef {
                id: task.id.clone(),
                del,
            });
        }
    }
}

/// The catalog's entries for gallery roles, first entry of each id only.
fn chosen_entries<'c>(catalog: &'c Catalog, gallery: &Gallery) -> Vec<&'c CatalogRole> {
    let mut seen = HashSet::new();
    catalog
        .roller
        .iter()
        .filter(|e| gallery.role(&e.rolle.value).is_some())
        .filter(|e| seen.insert(e.rolle.value.as_str()))
        .map(|e| &e.value)
        .collect()
}

fn resolve_role(entry: &CatalogRole, role: &GalleryRole, declared: &[Integration]) -> ResolvedRole {
    // Only systemspecifik roles are tailored; on a cross-cutting role the gallery's texts stand.
    let tailorable = role.gruppe == Gruppe::Systemspecifik;
    let mut tilpasset = Vec::new();
    let mut pick = |field: &str, tailored: Option<&String>, gallery: &String| -> String {
        match tailored {
            Some(value) if tailorable && value != gallery => {
                tilpasset.push(field.to_string());
                value.clone()
            }
            _ => gallery.clone(),
        }
    };
    let navn = pick("navn", entry.navn.as_ref().map(|n| &n.value), &role.navn);
    let effekt = pick(
        "effekt",
        entry.effekt.as_ref().map(|n| &n.value),
        &role.effekt,
    );
    let mut pick_list =
        |field: &str, tailored: Option<&Vec<Duty>>, gallery: &Vec<Duty>| match tailored {
            Some(value) if tailorable && value != gallery => {
                tilpasset.push(field.to_string());
                value.clone()
            }
            _ => gallery.clone(),
        };
    let opgaver = pick_list(
        "opgaver",
        entry.opgaver.as_ref().map(|o| &o.value),
        &role.opgaver,
    );
    let ansvar = pick_list(
        "ansvar",
        entry.ansvar.as_ref().map(|o| &o.value),
        &role.ansvar,
    );
    let kompetencer = match &entry.kompetencer {
        Some(k) if tailorable && k.value != role.kompetencer => {
            tilpasset.push("kompetencer".into());
            k.value.clone()
        }
        _ => role.kompetencer.clone(),
    };
    let kendetegn = match &entry.kendetegn {
        Some(k) if tailorable && k.value != role.kendetegn => {
            tilpasset.push("kendetegn".into());
            k.value.clone()
        }
        _ => role.kendetegn.clone(),
    };
    // In the catalog's order of declaration.
    let integrationer = declared
        .iter()
        .copied()
        .filter(|i| role.integrationer.iter().any(|served| served.value == *i))
        .collect();
    let mut personsammenfald = Personsammenfald::default();
    if let Some(overlap) = &entry.personsammenfald {
        for id in &overlap.value.anbefalet {
            push_unique(&mut personsammenfald.anbefalet, &id.value);
        }
        for id in &overlap.value.undgaas {
            push_unique(&mut personsammenfald.undgaas, &id.value);
        }
    }
    ResolvedRole {
        id: role.id.value.clone(),
        navn,
        galleriets_navn: role.navn.clone(),
        tilpasset,
        gruppe: role.gruppe,
        effekt,
        beskrivelse: role.beskrivelse.clone(),
        opgaver,
        ansvar,
        kompetencer,
        kendetegn,
        status: PerPhase::from_fn(|phase| entry.status_in(phase)),
        maade: role.udpegning.maade,
        udpeges_i: entry
            .appointed_override()
            .map(|p| p.value)
            .or(role.udpegning.fase),
        galleriets_udpeges_i: role.udpegning.fase,
        udfases_efter: role.udpegning.udfases_efter,
        afloeses_af: role.udpegning.afloeses_af.as_ref().map(|a| a.value.clone()),
        personsammenfald,
        integrationer,
        klik_opgaver: Vec::new(),
    }
}

fn push_unique(list: &mut Vec<String>, id: &str) {
    if !list.iter().any(|x| x == id) {
        list.push(id.to_string());
    }
}

/// Person-overlap advice holds for both roles: a statement on one is added to the other.
/// Ids that are not gallery roles, and a role named on itself, are dropped.
fn link_overlaps(roller: &mut [ResolvedRole], gallery: &Gallery) {
    for role in roller.iter_mut() {
        let own = role.id.clone();
        let keep = |id: &String| *id != own && gallery.role(id).is_some();
        role.personsammenfald.anbefalet.retain(keep);
        role.personsammenfald.undgaas.retain(keep);
    }
    let stated: Vec<(String, String, bool)> = roller
        .iter()
        .flat_map(|r| {
            let anbefalet = r
                .personsammenfald
                .anbefalet
                .iter()
                .map(|o| (r.id.clone(), o.clone(), true));
            let undgaas = r
                .personsammenfald
                .undgaas
                .iter()
                .map(|o| (r.id.clone(), o.clone(), false));
            anbefalet.chain(undgaas).collect::<Vec<_>>()
        })
        .collect();
    for (from, to, anbefalet) in stated {
        if let Some(other) = roller.iter_mut().find(|r| r.id == to) {
            let list = if anbefalet {
                &mut other.personsammenfald.anbefalet
            } else {
                &mut other.personsammenfald.undgaas
            };
            push_unique(list, &from);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::gallery::load_embedded;

    fn catalog(yaml: &str) -> Catalog {
        crate::yaml::parse_str(yaml)
            .value
            .expect("test catalog parses")
    }

    fn gallery() -> Gallery {
        load_embedded().gallery.expect("embedded gallery")
    }

    const SMALL: &str = r#"
system: TEST
fagomraade: Testområdet
integrationer: [organisation, adgangsstyring, organisation]
spoc:
  opvarmning: kombit-programleder
  fase-1: projektejer
  fase-2: projektleder
  fase-3: projektleder
  fase-4: systemansvarlig
roller:
  - rolle: organisationsadministrator
    status: {fase-2: obligatorisk}
  - rolle: systemansvarlig
    status: {fase-3: anbefalet, fase-4: obligatorisk}
    udpeges: fase-2
  - rolle: projektleder
    status: {fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}
  - rolle: projektleer
    status: {fase-1: obligatorisk}
  - rolle: kombit-programleder
    navn: Programleder
    status: {opvarmning: obligatorisk}
  - rolle: projektejer
    navn: Projektejer TEST
    opgaver:
      - {tekst: "Egen opgave", implementering: true, drift_og_forvaltning: false}
    status: {opvarmning: obligatorisk, fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}
    personsammenfald: {anbefalet: [systemejer], undgaas: [projektleder, nosuchrole, projektejer]}
  - rolle: systemejer
    status: {fase-2: anbefalet, fase-4: obligatorisk}
  - rolle: projektleder
    status: {fase-4: obligatorisk}
klik_opgaver:
  - {id: PS-01, titel: Udpeg projektleder, tema: projektstyring-og-ledelse, fase: fase-1,
     ansvarlig: projektejer, udfoerer: [projektleder], involverede: [kombit-programleder, ukendt]}
  - {id: GV-01, titel: Realiser gevinster, tema: gevinster-og-vaerdier, fase: fase-4,
     ansvarlig: systemejer, udfoerer: [systemejer]}
  - {id: PS-00, titel: Udpeg projektejer, tema: projektstyring-og-ledelse, fase: opvarmning,
     ansvarlig: kombit-programleder}
"#;

    #[test]
    fn roles_come_in_group_then_gallery_order_and_unknown_ones_are_skipped() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        let ids: Vec<&str> = resolved.roller.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "projektejer",
                "projektleder",
                "systemejer",
                "systemansvarlig",
                "kombit-programleder",
                "organisationsadministrator"
            ]
        );
        // The first entry of a repeated role wins.
        assert_eq!(
            resolved.status_in("projektleder", Phase::Fase4),
            Status::Inaktiv
        );
        assert!(resolved.role("projektleer").is_none());
    }

    #[test]
    fn every_phase_has_a_status_and_absent_is_inaktiv() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        let systemejer = resolved.role("systemejer").unwrap();
        let statuses: Vec<Status> = systemejer.status.iter().map(|(_, s)| *s).collect();
        assert_eq!(
            statuses,
            [
                Status::Inaktiv,
                Status::Inaktiv,
                Status::Anbefalet,
                Status::Inaktiv,
                Status::Obligatorisk
            ]
        );
        assert_eq!(resolved.status_in("ukendt", Phase::Fase1), Status::Inaktiv);
    }

    #[test]
    fn tailoring_replaces_lists_only_on_systemspecifik_roles() {
        let g = gallery();
        let resolved = resolve(&catalog(SMALL), &g);
        let ejer = resolved.role("projektejer").unwrap();
        assert_eq!(ejer.navn, "Projektejer TEST");
        assert_eq!(ejer.galleriets_navn, "Projektejer");
        assert_eq!(ejer.tilpasset, ["navn", "opgaver"]);
        assert_eq!(ejer.opgaver.len(), 1);
        assert_eq!(ejer.opgaver[0].tekst, "Egen opgave");
        assert_eq!(ejer.ansvar, g.role("projektejer").unwrap().ansvar);
        // A cross-cutting role keeps the gallery's name even if the catalog (wrongly) changes it.
        let programleder = resolved.role("kombit-programleder").unwrap();
        assert_eq!(programleder.navn, "KOMBIT-programleder");
        assert!(programleder.tilpasset.is_empty());
    }

    #[test]
    fn appointment_phase_is_the_catalogs_else_the_gallerys() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        let ansvarlig = resolved.role("systemansvarlig").unwrap();
        assert_eq!(ansvarlig.udpeges_i, Some(Phase::Fase2));
        assert_eq!(ansvarlig.galleriets_udpeges_i, Some(Phase::Fase4));
        let leder = resolved.role("projektleder").unwrap();
        assert_eq!(leder.udpeges_i, Some(Phase::Fase1));
        assert_eq!(leder.udfases_efter, Some(Phase::Fase3));
        assert_eq!(leder.afloeses_af.as_deref(), Some("systemansvarlig"));
        assert_eq!(leder.maade, Maade::Udpeges);
    }

    #[test]
    fn overlap_advice_holds_for_both_roles() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        let ejer = resolved.role("projektejer").unwrap();
        assert_eq!(ejer.personsammenfald.anbefalet, ["systemejer"]);
        assert_eq!(ejer.personsammenfald.undgaas, ["projektleder"]);
        assert_eq!(
            resolved
                .role("systemejer")
                .unwrap()
                .personsammenfald
                .anbefalet,
            ["projektejer"]
        );
        assert_eq!(
            resolved
                .role("projektleder")
                .unwrap()
                .personsammenfald
                .undgaas,
            ["projektejer"]
        );
        let handover = resolved.handover();
        assert_eq!(
            handover.overlaps,
            [
                OverlapPair {
                    from: "projektejer",
                    to: "systemejer",
                    anbefalet: true
                },
                OverlapPair {
                    from: "projektejer",
                    to: "projektleder",
                    anbefalet: false
                }
            ]
        );
    }

    #[test]
    fn integrations_are_the_declared_ones_the_role_serves() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        assert_eq!(
            resolved.integrationer,
            [Integration::Organisation, Integration::Adgangsstyring]
        );
        assert_eq!(
            resolved
                .role("organisationsadministrator")
                .unwrap()
                .integrationer,
            [Integration::Organisation]
        );
        assert!(
            resolved
                .role("projektleder")
                .unwrap()
                .integrationer
                .is_empty()
        );
    }

    #[test]
    fn tasks_link_to_roles_with_their_part() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        let leder = resolved.role("projektleder").unwrap();
        assert_eq!(
            leder.klik_opgaver,
            [TaskRef {
                id: "PS-01".into(),
                del: TaskPart::Udfoerer
            }]
        );
        let systemejer = resolved.role("systemejer").unwrap();
        assert_eq!(
            systemejer.takes_part_in("GV-01"),
            [TaskPart::Ansvarlig, TaskPart::Udfoerer]
        );
        let themed: Vec<&str> = resolved
            .tasks_in(Theme::ProjektstyringOgLedelse)
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(themed, ["PS-00", "PS-01"]);
        assert_eq!(resolved.name_of("ukendt"), "ukendt");
        assert_eq!(resolved.name_of("projektejer"), "Projektejer TEST");
    }

    #[test]
    fn spoc_per_phase_and_handover() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        assert_eq!(resolved.spoc_in(Phase::Fase2), Some("projektleder"));
        assert_eq!(
            resolved.spoc_role(Phase::Fase4).unwrap().id,
            "systemansvarlig"
        );
        assert_eq!(
            resolved.spoc_phases("projektleder"),
            [Phase::Fase2, Phase::Fase3]
        );
        let handover = resolved.handover();
        assert_eq!(handover.spoc_before, Some("projektleder"));
        assert_eq!(handover.spoc_after, Some("systemansvarlig"));
        let ids = |roles: &[&ResolvedRole]| roles.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(&handover.taking_over),
            ["systemejer", "systemansvarlig"]
        );
        assert_eq!(ids(&handover.phased_out), ["projektejer", "projektleder"]);
    }

    #[test]
    fn a_catalog_without_spoc_or_title_resolves() {
        let resolved = resolve(
            &catalog("system: X\nroller:\n  - rolle: nope\n"),
            &gallery(),
        );
        assert_eq!(resolved.titel, "Rollekatalog for X");
        assert!(resolved.roller.is_empty());
        assert_eq!(resolved.spoc_in(Phase::Fase1), None);
        assert!(resolved.spoc_role(Phase::Fase1).is_none());
        assert_eq!(resolved.galleri.version, "1.6");
        assert_eq!(resolved.galleri.skrevet_mod, None);
    }

    #[test]
    fn json_round_trips() {
        let resolved = resolve(&catalog(SMALL), &gallery());
        let json = serde_json::to_string(&resolved).unwrap();
        let back: ResolvedCatalog = serde_json::from_str(&json).unwrap();
        assert_eq!(back, resolved);
    }
}
