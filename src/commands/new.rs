//! `rg new catalog SYSTEM`: a catalog scaffold from the gallery in use. Every gallery role is
//! listed: the systemspecifik ones active from their gallery default phases, the cross-cutting
//! ones commented out for the consultant to choose (except the KOMBIT-programleder, the SPOC of
//! the opvarmningsperiode). The appendix checklist stands as comments where each item applies,
//! the SPOC plan follows seed 003's profile, and a starter set of KLIK tasks from seed 003's
//! examples gives every active role a task. The scaffold passes `rg check` with no findings.

use crate::cli::{NewAppointmentsArgs, NewCatalogArgs, NewCommand, ScaffoldFormat};
use crate::commands::{Context, Failure, Outcome};
use crate::date::Date;
use crate::fill_in::scaffold::{self, Scaffold};
use crate::model::Gallery;
use crate::model::{GalleryRole, Gruppe, Integration, Maade, Phase, Theme};
use crate::pipeline::{GalleryUse, Pipeline};
use crate::printable::yaml_string;
use crate::schema::{self, SchemaKind};
use crate::term::wrap;
use crate::write;
use std::fmt::Write;

pub fn run(
    command: &NewCommand,
    ctx: &Context,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, Failure> {
    match command {
        NewCommand::Catalog(args) => catalog(args, ctx, out),
        NewCommand::Appointments(args) => appointments(args, ctx, out),
    }
}

/// `rg new appointments KOMMUNE`: the scaffold from the usable catalogs of the catalogs folder,
/// as YAML, the fill-in workbook or its CSV form. A catalog with errors is left out (named on
/// stderr); none usable is exit 2.
fn appointments(
    args: &NewAppointmentsArgs,
    ctx: &Context,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, Failure> {
    let kommune = args.kommune.trim();
    if kommune.is_empty() {
        return Err(Failure::message("the municipality's name is empty"));
    }
    let output = write::Output::open(args.output.as_deref(), args.force)?;
    if args.format == ScaffoldFormat::Xlsx && output.is_stdout() && ctx.term.is_terminal {
        return Err(Failure::message(
            "an xlsx workbook is binary; write it with -o FILE (or redirect stdout)",
        ));
    }
    let pipeline = ctx.pipeline(&[], GalleryUse::Clean)?;
    let dir = pipeline.catalogs_dir(args.catalogs.as_deref());
    if !dir.is_dir() {
        return Err(Failure::message(format!(
            "no catalogs folder at {}; name one with --catalogs DIR or `catalogs` in rg.toml",
            crate::printable::path(&dir)
        )));
    }
    let catalogs = usable_catalogs(&pipeline, &dir);
    if catalogs.is_empty() {
        return Err(Failure::message(format!(
            "no catalog in {} can be used; `rg check {}` says why",
            crate::printable::path(&dir),
            crate::printable::path(&dir)
        )));
    }
    let scaffold = Scaffold::new(kommune, &catalogs);
    let bytes = match args.format {
        ScaffoldFormat::Yaml => {
            let file = args
                .output
                .as_deref()
                .filter(|path| !write::is_stdout(path));
            let modeline = schema::appointments_modeline(&ctx.workspace, file);
            let shown = crate::printable::path(&dir);
            format!("{modeline}{}", scaffold::yaml(&scaffold, &shown)).into_bytes()
        }
        ScaffoldFormat::Csv => scaffold::csv(&scaffold::sheet_rows(&scaffold)).into_bytes(),
        ScaffoldFormat::Xlsx => {
            let mut systems = vec![crate::fill_in::layout::CROSS_CUTTING.to_string()];
            systems.extend(scaffold.catalogs.iter().map(|c| c.system.clone()));
            let mut roles: Vec<String> = catalogs
                .iter()
                .flat_map(|c| c.roller.iter().map(|r| r.id.clone()))
                .collect();
            roles.sort();
            roles.dedup();
            crate::fill_in::workbook::workbook(&scaffold::sheet_rows(&scaffold), &systems, &roles)
                .map_err(|error| Failure::message(format!("cannot make the workbook: {error}")))?
        }
    };
    output.emit(&bytes, out)?;
    if args.format == ScaffoldFormat::Yaml
        && let Some(hint) = schema::missing_schema_hint(&ctx.workspace, SchemaKind::Appointments)
    {
        eprintln!("{hint}");
    }
    Ok(Outcome::Clean)
}

/// The folder's catalogs that can be used, resolved; each one with errors named on stderr.
fn usable_catalogs(
    pipeline: &Pipeline,
    dir: &std::path::Path,
) -> Vec<crate::resolve::ResolvedCatalog> {
    let set = pipeline.folder_set(dir);
    let mut usable = Vec::new();
    for entry in set.entries() {
        match (&entry.catalog, entry.usable) {
            (Some(catalog), true) => {
                usable.push(crate::resolve::resolve(catalog, &pipeline.gallery))
            }
            _ => eprintln!(
                "note: `{}` has errors and is left out; `rg check` lists them",
                crate::printable::one_line(&entry.file.name)
            ),
        }
    }
    usable
}

fn catalog(
    args: &NewCatalogArgs,
    ctx: &Context,
    out: &mut dyn std::io::Write,
) -> Result<Outcome, Failure> {
    let system = args.system.trim();
    if system.is_empty() {
        return Err(Failure::message("the system name is empty"));
    }
    let output = write::Output::open(args.output.as_deref(), args.force)?;
    let gallery = ctx.gallery()?;
    // The first line names the JSON Schema, so editors complete and validate while typing.
    let file = args
        .output
        .as_deref()
        .filter(|path| !write::is_stdout(path));
    let modeline = schema::catalog_modeline(&ctx.workspace, file);
    let text = format!("{modeline}{}", scaffold(system, &gallery));
    output.emit(text.as_bytes(), out)?;
    if let Some(hint) = schema::missing_schema_hint(&ctx.workspace, SchemaKind::Catalog) {
        eprintln!("{hint}");
    }
    Ok(Outcome::Clean)
}

/// The SPOC profile of seed 003: kontaktperson → ledelse → projektleder → projektleder → systemansvarlig.
pub const SPOC_PLAN: [(Phase, &str); 5] = [
    (Phase::Opvarmning, "kombit-programleder"),
    (Phase::Fase1, "projektejer"),
    (Phase::Fase2, "projektleder"),
    (Phase::Fase3, "projektleder"),
    (Phase::Fase4, "systemansvarlig"),
];

/// Cross-cutting roles that are active in the scaffold (the others are commented out).
const ACTIVE_CROSS_CUTTING: [&str; 1] = ["kombit-programleder"];

struct StarterTask {
    id: &'static str,
    titel: &'static str,
    tema: Theme,
    fase: Phase,
    ansvarlig: &'static str,
    udfoerer: &'static [&'static str],
    involverede: &'static [&'static str],
}

/// Example KLIK tasks from seed 003, one or more for every active role.
const STARTER_TASKS: &[StarterTask] = &[
    StarterTask {
        id: "PS-01",
        titel: "Udpeg projektejer",
        tema: Theme::ProjektstyringOgLedelse,
        fase: Phase::Opvarmning,
        ansvarlig: "kombit-programleder",
        udfoerer: &[],
        involverede: &["projektejer"],
    },
    StarterTask {
        id: "PS-02",
        titel: "Udpeg projektleder",
        tema: Theme::ProjektstyringOgLedelse,
        fase: Phase::Fase1,
        ansvarlig: "projektejer",
        udfoerer: &[],
        involverede: &["kombit-programleder", "projektleder"],
    },
    StarterTask {
        id: "PS-03",
        titel: "Alloker ressourcer til idriftsættelse af it-systemet",
        tema: Theme::ProjektstyringOgLedelse,
        fase: Phase::Fase2,
        ansvarlig: "projektejer",
        udfoerer: &["projektleder"],
        involverede: &["faglig-leder"],
    },
    StarterTask {
        id: "GV-01",
        titel: "Udpeg gevinstejer",
        tema: Theme::GevinsterOgVaerdier,
        fase: Phase::Fase2,
        ansvarlig: "projektejer",
        udfoerer: &["projektleder"],
        involverede: &["gevinstejer"],
    },
    StarterTask {
        id: "GV-02",
        titel: "Identificer eget gevinstpotentiale",
        tema: Theme::GevinsterOgVaerdier,
        fase: Phase::Fase2,
        ansvarlig: "gevinstejer",
        udfoerer: &["faglig-leder"],
        involverede: &["projektleder"],
    },
    StarterTask {
        id: "VF-01",
        titel: "Udpeg trænere",
        tema: Theme::VidenOgFaerdigheder,
        fase: Phase::Fase2,
        ansvarlig: "faglig-leder",
        udfoerer: &["projektleder"],
        involverede: &["traener"],
    },
    StarterTask {
        id: "VF-02",
        titel: "Udpeg superbrugere",
        tema: Theme::VidenOgFaerdigheder,
        fase: Phase::Fase2,
        ansvarlig: "faglig-leder",
        udfoerer: &["projektleder"],
        involverede: &["superbruger"],
    },
    StarterTask {
        id: "VF-03",
        titel: "Udpeg supportberettigede brugere",
        tema: Theme::VidenOgFaerdigheder,
        fase: Phase::Fase2,
        ansvarlig: "faglig-leder",
        udfoerer: &["projektleder"],
        involverede: &["supportberettiget-bruger"],
    },
    StarterTask {
        id: "UI-01",
        titel: "Opsæt it-systemet lokalt",
        tema: Theme::UdOgIndfasning,
        fase: Phase::Fase3,
        ansvarlig: "projektleder",
        udfoerer: &["systemadministrator"],
        involverede: &[],
    },
    StarterTask {
        id: "PS-04",
        titel: "Udpeg systemejer og systemansvarlig",
        tema: Theme::ProjektstyringOgLedelse,
        fase: Phase::Fase3,
        ansvarlig: "projektejer",
        udfoerer: &["projektleder"],
        // Systemansvarlig is appointed at the change to fase-4, after this task (inaktiv now).
        involverede: &["systemejer"],
    },
    StarterTask {
        id: "UI-02",
        titel: "Overtag drift og forvaltning af it-systemet",
        tema: Theme::UdOgIndfasning,
        fase: Phase::Fase4,
        ansvarlig: "systemejer",
        udfoerer: &["systemansvarlig"],
        involverede: &[],
    },
];

/// The phases a role is obligatorisk in by the gallery's defaults: from its appointment phase
/// (fase-2 for roles the gallery gives no phase) until it is phased out, else through fase-4.
fn default_phases(role: &GalleryRole) -> Vec<Phase> {
    let first = role.udpegning.fase.unwrap_or(Phase::Fase2);
    let last = role.udpegning.udfases_efter.unwrap_or(Phase::Fase4);
    Phase::ALL
        .into_iter()
        .filter(|p| *p >= first && *p <= last)
        .collect()
}

fn status_map(phases: &[Phase]) -> String {
    let entries: Vec<String> = phases
        .iter()
        .map(|p| format!("{}: obligatorisk", p.id()))
        .collect();
    format!("{{{}}}", entries.join(", "))
}

/// Whether the scaffold lists this role uncommented.
fn is_active(role: &GalleryRole) -> bool {
    role.gruppe == Gruppe::Systemspecifik || ACTIVE_CROSS_CUTTING.contains(&role.id.value.as_str())
}

/// The scaffold's YAML text.
pub fn scaffold(system: &str, gallery: &Gallery) -> String {
    let active: Vec<&str> = gallery
        .roles()
        .iter()
        .filter(|r| is_active(r))
        .map(|r| r.id.value.as_str())
        .collect();
    let mut out = String::new();
    header(&mut out, system, gallery);
    spoc(&mut out, &active);
    out.push('\n');
    roles(&mut out, gallery);
    out.push('\n');
    tasks(&mut out, &active);
    out
}

fn header(out: &mut String, system: &str, gallery: &Gallery) {
    let g = &gallery.galleri;
    let _ = writeln!(
        out,
        "# Rollekatalog for {} – skabelon fra `rg new catalog` ({} {}, {}).",
        system.replace('\n', " "),
        g.titel,
        g.version,
        g.dato
    );
    out.push_str(
        "#\n\
         # Tjeklisten i rollegalleriets bilag fører fra det generelle rollegalleri til et konkret\n\
         # rollekatalog for it-systemet. Dens seks punkter står som kommentarer, der hvor de hører\n\
         # hjemme. Kontrollér kataloget med `rg check` og lav dokumentet med `rg compile`.\n\n",
    );
    let _ = writeln!(out, "system: {}", yaml_string(system));
    let _ = writeln!(
        out,
        "titel: {}",
        yaml_string(&format!("Rollekatalog for {system}"))
    );
    let _ = writeln!(out, "galleri: {}", yaml_string(&g.version));
    out.push_str(
        "# Fagområdet, som it-systemet understøtter, fx \"Socialområdet\".\nfagomraade: null\n\n",
    );
    document(out);
    out.push_str(
        "# Integrationer i den fælleskommunale infrastruktur, som it-systemet tager i brug. En\n\
         # erklæret integration foreslår de infrastrukturroller, der betjener den.\n",
    );
    let ids: Vec<&str> = Integration::ALL.iter().map(|i| i.id()).collect();
    out.push_str(&wrap(
        &format!("Mulige: {}.", ids.join(", ")),
        95,
        "# ",
        "# ",
    ));
    out.push_str("integrationer: []\n\n");
}

/// The `dokument` block: the first edition, dated today (`RG_TODAY` for reproducible output),
/// as a draft; the other fields as comments to fill in.
fn document(out: &mut String) {
    let today = Date::today();
    let _ = write!(
        out,
        "# Dokumentet, som kommunerne får: udgave, dato og status står på forsiden og i sidefoden\n\
         # på hver side, og ændringsloggen slutter dokumentet. Hæv `version` og ret `dato` ved hver\n\
         # ny udgave; `status` er udkast, hoering eller godkendt.\n\
         dokument:\n  version: \"0.1\"\n  dato: {today}\n  status: udkast\n\
         \x20 # udarbejdet_af: Implementeringskonsulent, KOMBIT\n\
         \x20 # kontakt: projektets funktionspostkasse (ikke en persons e-mail)\n\
         \x20 # indledning: \"Projektets egen indledning: hvad it-systemet gør, og for hvem.\"\n\
         \x20 # aendringer: [{{version: \"0.1\", dato: {today}, tekst: Første udkast}}]\n\n"
    );
}

fn spoc(out: &mut String, active: &[&str]) {
    out.push_str(
        "# Tjekliste 2: Tag stilling til, hvilke roller der er projektets SPOC, og vær eksplicit om,\n\
         # at profilen skifter over tid: kontaktperson (opvarmning) → ledelse (fase 1) →\n\
         # projektleder (fase 2 og 3) → systemansvarlig (fase 4). Én rolle pr. fase, og den skal\n\
         # være obligatorisk i fasen.\n\
         spoc:\n",
    );
    for (phase, id) in SPOC_PLAN {
        if active.contains(&id) {
            let _ = writeln!(out, "  {}: {id}", phase.id());
        } else {
            let _ = writeln!(
                out,
                "  # {}: <rolle>   (galleriet har ingen `{id}`)",
                phase.id()
            );
        }
    }
}

fn roles(out: &mut String, gallery: &Gallery) {
    out.push_str(
        "# Tjekliste 1: Tag stilling til, hvilke systemspecifikke og tværgående roller der er\n\
         # relevante for at implementere og drifte og forvalte it-systemet. Rollegalleriet er en\n\
         # bruttoliste. Status pr. fase er obligatorisk eller anbefalet; en fase, der ikke står, er\n\
         # inaktiv.\n\
         # Tjekliste 5: Fastlæg, i hvilken fase de systemspecifikke roller udpeges og de tværgående\n\
         # aktiveres. `udpeges:`/`aktiveres:` står med galleriets forslag fra rollens Kendetegn.\n\
         roller:\n",
    );
    for gruppe in Gruppe::ALL {
        let roles: Vec<&GalleryRole> = gallery
            .roles()
            .iter()
            .filter(|r| r.gruppe == gruppe)
            .collect();
        if roles.is_empty() {
            continue;
        }
        group_comment(out, gruppe);
        for role in roles {
            role_entry(out, role, gallery);
        }
    }
}

fn group_comment(out: &mut String, gruppe: Gruppe) {
    let text = match gruppe {
        Gruppe::Systemspecifik => {
            "  # --- Systemspecifikke roller ---\n\
             \x20 # Tjekliste 3: Tilpas de systemspecifikke roller til fagområdet og de KLIK-opgaver,\n\
             \x20 # kommunen skal løse: navn, effekt, opgaver, ansvar, kompetencer og kendetegn kan\n\
             \x20 # tilpasses, og en tilpasset liste erstatter galleriets (se `rg show ROLLE`). Fx\n\
             \x20 # `navn: Supportberettiget bruger Byg og Miljø` og en egen liste under `opgaver:` med\n\
             \x20 # `{tekst: ..., implementering: false, drift_og_forvaltning: true}` for hvert punkt.\n"
        }
        Gruppe::Tvaergaaende => {
            "\n  # --- Tværgående roller: fjern `#` for dem, it-systemet har brug for ---\n\
             \x20 # Tjekliste 3: Navn og beskrivelse af tværgående roller kan ikke ændres.\n"
        }
        Gruppe::Infrastruktur => {
            "\n  # --- Infrastrukturroller: fjern `#` for dem, der betjener de erklærede integrationer ---\n\
             \x20 # Tjekliste 3: Navn og beskrivelse kan ikke ændres.\n"
        }
    };
    out.push_str(text);
}

fn role_entry(out: &mut String, role: &GalleryRole, gallery: &Gallery) {
    let id = &role.id.value;
    let active = is_active(role);
    let prefix = if active { "  " } else { "  # " };
    let mut note = role.navn.clone();
    if !role.integrationer.is_empty() && role.integrationer.len() < Integration::ALL.len() {
        let served: Vec<&str> = role.integrationer.iter().map(|i| i.value.id()).collect();
        let _ = write!(note, "; betjener {}", served.join(", "));
    }
    if SPOC_PLAN.iter().any(|(_, spoc)| spoc == id) {
        let phases: Vec<&str> = SPOC_PLAN
            .iter()
            .filter(|(_, spoc)| spoc == id)
            .map(|(p, _)| p.id())
            .collect();
        let _ = write!(note, "; SPOC i {}", phases.join(" og "));
    }
    out.push('\n');
    if id == "systemejer" || id == "systemansvarlig" {
        out.push_str(
            "  # Tjekliste 6: Ved faseskiftet fra fase 3 til fase 4 udpeges systemejer og\n\
             \x20 # systemansvarlig, og SPOC skifter. Roller af betydning for drift og forvaltning kan\n\
             \x20 # udpeges tidligere for at sikre en solid overlevering.\n",
        );
    }
    if id == "projektleder" {
        out.push_str(
            "  # Tjekliste 6: Projektlederen er ikke obligatorisk i fase 4 (galleriet: udfases efter\n\
             \x20 # fase 3 og afløses af systemansvarlig).\n",
        );
    }
    let _ = writeln!(out, "{prefix}- rolle: {id}   # {}", note.replace('\n', " "));
    let phases = if id == "kombit-programleder" {
        Phase::ALL.to_vec()
    } else {
        default_phases(role)
    };
    let _ = writeln!(out, "{prefix}  status: {}", status_map(&phases));
    match (role.udpegning.maade, role.udpegning.fase) {
        (Maade::Aktiveres, Some(phase)) => {
            let _ = writeln!(out, "{prefix}  aktiveres: {}", phase.id());
        }
        (Maade::Udpeges, Some(phase)) => {
            let _ = writeln!(out, "{prefix}  udpeges: {}", phase.id());
        }
        _ => {}
    }
    if id == "projektejer" && gallery.role("systemejer").is_some() {
        out.push_str(
            "    # Tjekliste 6: Anbefal personsammenfald (eller skriv `undgaas`), når it-systemet\n\
             \x20   # overgår til drift og forvaltning: fortsætter projektejeren som systemejer?\n\
             \x20   personsammenfald: {anbefalet: [systemejer], undgaas: []}\n",
        );
    }
}

fn tasks(out: &mut String, active: &[&str]) {
    let themes: Vec<&str> = Theme::ALL.iter().map(|t| t.id()).collect();
    out.push_str(
        "# Tjekliste 4: Konkretiser, hvilke KLIK-opgaver de systemspecifikke og tværgående roller\n\
         # skal udføre for at implementere og etablere drift og forvaltning af it-systemet. Hver\n\
         # opgave har et tema, en fase, én ansvarlig rolle og eventuelt udførende og involverede.\n",
    );
    let _ = writeln!(out, "# Temaer: {}.", themes.join(", "));
    out.push_str(
        "# Opgaverne herunder er eksempler fra KOMBITs implementeringsmodel; tilpas og tilføj.\n\
         klik_opgaver:\n",
    );
    let keep = |ids: &[&str]| -> Vec<String> {
        ids.iter()
            .filter(|id| active.contains(id))
            .map(|id| id.to_string())
            .collect()
    };
    let mut any = false;
    for task in STARTER_TASKS {
        if !active.contains(&task.ansvarlig) {
            continue;
        }
        any = true;
        let _ = writeln!(
            out,
            "  - id: {}\n    titel: {}\n    tema: {}\n    fase: {}\n    ansvarlig: {}\n    udfoerer: [{}]\n    involverede: [{}]",
            task.id,
            yaml_string(task.titel),
            task.tema.id(),
            task.fase.id(),
            task.ansvarlig,
            keep(task.udfoerer).join(", "),
            keep(task.involverede).join(", "),
        );
    }
    if !any {
        out.truncate(out.trim_end_matches("klik_opgaver:\n").len());
        out.push_str("klik_opgaver: []\n");
    }
}
