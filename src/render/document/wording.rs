//! The document's Danish wording: the reading guide, the fixed texts of each chapter and the
//! sentences built from a resolved catalog. Written for the municipalities' staff, after the
//! standard's own words (Rollegalleri 1.6, its introduction and appendix; the SPOC timeline of
//! the programme-leader slides). Plain text; each renderer escapes it.

use crate::date::Date;
use crate::model::{DocumentStatus, Gruppe, Maade, Phase};
use crate::render::danish::{join, phase_in_text};
use crate::resolve::{OverlapPair, ResolvedCatalog, ResolvedRole};

/// The subtitle under the document's title.
pub const SUBTITLE: &str = "Rollekatalog udarbejdet efter KOMBITs rollegalleri";

/// The guide's opening, before its sections.
pub fn guide_intro(catalog: &ResolvedCatalog) -> String {
    format!(
        "Rollekataloget beskriver de roller, kommunen skal have på plads for at implementere, \
         drifte og forvalte {system}. Det bygger på KOMBITs rollegalleri, version {version}, og \
         er tilpasset it-systemet og fagområdet. En rolle kan varetages af flere personer, og én \
         person kan have flere roller; den, der har en rolle, kan uddelegere opgaver, men har \
         stadig ansvaret.",
        system = catalog.system,
        version = catalog.galleri.version
    )
}

pub const GUIDE_GROUPS: &str = "Systemspecifikke roller hører til it-systemet, er typisk \
forankret på det fagområde, der bruger det, og er tilpasset til det. Tværgående roller, også \
infrastrukturrollerne for den fælleskommunale infrastruktur, går igen på tværs af KOMBITs \
it-systemer med samme navn og beskrivelse; de fleste hører til kommunens it og digitalisering.";

pub const GUIDE_PHASES: &str = "Kataloget følger faserne i KOMBITs implementeringsmodel: \
opvarmningsperioden (kommunens tilslutning), fase 1: Opstart, fase 2: Forberedelse, fase 3: \
Ibrugtagning og fase 4: Forankring, hvor it-systemet er i drift og forvaltning; ved store \
releases kan faserne 1–3 gentages. En rolle har en status i hver fase:";

pub const STATUS_OBLIGATORISK: &str = "Rollen skal være besat i fasen. En ubesat rolle er en \
risiko for implementering, drift og forvaltning, som kommunen bør tage stilling til.";
pub const STATUS_ANBEFALET: &str = "KOMBIT anbefaler, at rollen er besat i fasen.";
pub const STATUS_INAKTIV: &str = "Rollen er ikke i spil i fasen.";
pub const STATUS_SPOC: &str =
    "Rollen er KOMBITs ene kontaktpunkt i kommunen i fasen (single point of contact).";

pub const GUIDE_APPOINTMENT: &str = "En rolle, der udpeges, får en eller flere navngivne \
personer; KOMBIT-projektet beder typisk om det med en KLIK-opgave. En rolle, der aktiveres, \
følger en stilling eller funktion, fx it-/digitaliseringschefen, og kræver ingen udpegning, men \
bliver aktiv i projektet fra den fase, kataloget angiver (se Udpegning og aktivering). \
Tværgående roller er ofte allerede udpeget på tværs af KOMBITs projekter.";

pub const GUIDE_DUTIES: &str = "Implementering dækker opvarmningsperioden til og med fase 3: \
Ibrugtagning, og Drift og forvaltning dækker fase 4: Forankring.";

pub const MARK_X: &str = "Opgaven eller ansvaret hører til rollen i perioden.";
pub const MARK_CONDITIONAL: &str = "Gælder kun i visse tilfælde (betinget), som teksten beskriver.";
pub const MARK_EMPTY: &str = "Gælder ikke i perioden.";

pub const GUIDE_TASKS: &str = "En KLIK-opgave er en opgave, kommunen forventes at løse for at \
implementere it-systemet; KOMBIT og leverandøren publicerer den i KLIK (Kommunernes Løsning til \
Implementering og Koordinering). Hver har én ansvarlig rolle og kan have udførende og \
involverede roller.";

pub const LEGEND_OBLIGATORISK: &str = "obligatorisk";
pub const LEGEND_ANBEFALET: &str = "anbefalet";
pub const LEGEND_SPOC: &str = "SPOC i fasen";
pub const LEGEND_INAKTIV: &str = "tom celle: inaktiv";
pub const LEGEND_X: &str = "hører til rollen i perioden";
pub const LEGEND_CONDITIONAL: &str = "gælder kun i visse tilfælde (betinget)";
pub const LEGEND_EMPTY: &str = "tom celle: gælder ikke i perioden";

pub const PHASES_INTRO: &str = "Figuren og tabellen viser hver rolles status i hver fase og \
hvilken rolle der er SPOC. Tabellen siger det samme som figuren i tekst.";

pub const APPOINTMENTS_INTRO: &str = "Tabellen viser, hvordan og hvornår hver rolle besættes: \
om den udpeges eller aktiveres, i hvilken fase, og hvem der tager initiativet. Roller af \
betydning for drift og forvaltning kan udpeges tidligere for at sikre en solid overlevering.";

pub const SPOC_PROFILE: &str = "KOMBIT-projektet har til hver en tid behov for ét entydigt \
kontaktpunkt i kommunen. Profilen og forventningerne til SPOC skifter over tid: fra kommunens \
tilslutning, mens løsningen kravspecificeres og udvikles, når it-systemet implementeres, og når \
det overgår til drift og forvaltning. Ved store releases og væsentlig videreudvikling kan \
faserne 1–3 gentages, og SPOC fungerer da i en periode igen som projektleder.";

/// The SPOC's profile in each phase, as the programme-leader slides draw it.
pub fn spoc_profile(phase: Phase) -> &'static str {
    match phase {
        Phase::Opvarmning => "Kontaktperson",
        Phase::Fase1 => "Ledelse",
        Phase::Fase2 | Phase::Fase3 => "Projektleder",
        Phase::Fase4 => "Systemansvarlig",
    }
}

pub fn handover_intro(catalog: &ResolvedCatalog) -> String {
    format!(
        "Ved faseskiftet fra fase 3: Ibrugtagning til fase 4: Forankring overgår {} til drift \
         og forvaltning. Systemejer og systemansvarlig skal da være udpeget, KOMBITs SPOC \
         skifter, og projektlederen er ikke længere obligatorisk. I praksis kan det være den \
         hidtidige projektleder, der i en periode med megen efterimplementering varetager rollen \
         som systemansvarlig.",
        catalog.system
    )
}

pub const OVERLAP_INTRO: &str = "Personsammenfald betyder, at samme person har to roller. Ved \
overgangen til drift og forvaltning kan det være en fordel, at den samme fortsætter, fx \
projektejeren som systemejer: Det giver sammenhæng og ejerskab, når projektejeren træffer \
beslutninger med betydning for drift og forvaltning. Andre roller bør holdes adskilt, så ingen \
fører tilsyn med sin egen opgaveløsning.";

pub fn roles_intro(catalog: &ResolvedCatalog) -> String {
    format!(
        "Rollerne står efter gruppe og i rollegalleriets rækkefølge. For hver rolle: effekt, \
         status i faserne, udpegning, opgaver og ansvar, kompetencer, kendetegn og de \
         KLIK-opgaver, rollen indgår i. {} har i alt {} roller.",
        catalog.system,
        catalog.roller.len()
    )
}

pub const TASKS_INTRO: &str = "KLIK-opgaverne efter tema i KOMBITs implementeringsmodel og \
derefter fase, med den ansvarlige rolle, de udførende og de involverede.";

pub const ROLE_IDS_INTRO: &str = "Hver rolle har et fast id. Det bruges, når kommunen \
registrerer sine udpegninger i en fil, og i katalogets maskinlæsbare udgave (JSON).";

pub const CHANGES_INTRO: &str = "Katalogets udgaver, nyeste først.";

/// "30. november 2026"; text that is not a date stays as written.
pub fn date(text: &str) -> String {
    const MONTHS: [&str; 12] = [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ];
    match Date::parse(text) {
        Some(d) => format!("{}. {} {}", d.day, MONTHS[d.month as usize - 1], d.year),
        None => text.to_string(),
    }
}

/// The running footer: system, edition, date and, unless approved, the status.
pub fn footer(catalog: &ResolvedCatalog) -> String {
    let doc = &catalog.dokument;
    let mut parts = vec![catalog.system.clone()];
    parts.push(match &doc.version {
        Some(version) => format!("Rollekatalog version {version}"),
        None => "Rollekatalog, version ikke angivet".into(),
    });
    if let Some(dato) = &doc.dato {
        parts.push(date(dato));
    }
    if let Some(status) = doc.status.filter(|s| *s != DocumentStatus::Godkendt) {
        parts.push(status.title().into());
    }
    parts.join(" · ")
}

/// "Udpeges" or "Aktiveres", as the appointment table's column says it.
pub fn maade(role: &ResolvedRole) -> &'static str {
    match role.maade {
        Maade::Aktiveres => "Aktiveres",
        Maade::Udpeges | Maade::IkkeInitieret => "Udpeges",
    }
}

/// When the role is filled: its phase, else at the latest when it is first needed.
pub fn appointment_phase(role: &ResolvedRole) -> String {
    match (role.udpeges_i, first_needed(role)) {
        (Some(phase), _) => phase.title().to_string(),
        (None, Some(first)) => format!("Senest i {}", phase_in_text(first)),
        (None, None) => "Ikke fastlagt".into(),
    }
}

/// The first phase in which the role is obligatorisk or anbefalet.
fn first_needed(role: &ResolvedRole) -> Option<Phase> {
    role.status
        .iter()
        .find(|(_, s)| **s != crate::model::Status::Inaktiv)
        .map(|(phase, _)| phase)
}

/// Who starts the appointment: the standard's appendix says the system's KOMBIT project
/// (through KLIK tasks) for the systemspecifik roles, KOMBIT across its projects for the
/// cross-cutting ones; a role the project activates is activated by the project.
pub fn initiated_by(role: &ResolvedRole, catalog: &ResolvedCatalog) -> String {
    match (role.maade, role.gruppe) {
        (Maade::IkkeInitieret, _) => "Kommunen selv (ikke KOMBIT)".into(),
        (Maade::Aktiveres, _) | (_, Gruppe::Systemspecifik) => {
            format!("KOMBIT-projektet for {}", catalog.system)
        }
        _ => "KOMBIT, på tværs af projekterne".into(),
    }
}

/// How and when the role is filled, then when it is phased out and who takes over.
pub fn udpegning(role: &ResolvedRole, catalog: &ResolvedCatalog) -> String {
    let mut text = match (role.maade, role.udpeges_i) {
        (Maade::Udpeges, Some(phase)) => format!("Udpeges i {}.", phase_in_text(phase)),
        (Maade::Udpeges, None) => match first_needed(role) {
            Some(first) => format!("Udpeges senest i {}.", phase_in_text(first)),
            None => "Udpeges.".to_string(),
        },
        (Maade::Aktiveres, Some(phase)) => format!(
            "Aktiveres i {}; rollen følger en stilling eller funktion, så udpegning er overflødig.",
            phase_in_text(phase)
        ),
        (Maade::Aktiveres, None) => {
            "Aktiveres; rollen følger en stilling eller funktion, så udpegning er overflødig."
                .to_string()
        }
        (Maade::IkkeInitieret, Some(phase)) => format!(
            "Udpeges af kommunen selv, ikke på KOMBITs initiativ; kataloget regner med rollen fra {}.",
            phase_in_text(phase)
        ),
        (Maade::IkkeInitieret, None) => {
            "Udpeges af kommunen selv, ikke på KOMBITs initiativ.".to_string()
        }
    };
    if let Some(after) = role.udfases_efter {
        text.push_str(&format!(" Udfases efter {}", phase_in_text(after)));
        match &role.afloeses_af {
            Some(by) => text.push_str(&format!(" og afløses af {}.", catalog.name_of(by))),
            None => text.push('.'),
        }
    } else if let Some(by) = &role.afloeses_af {
        text.push_str(&format!(" Afløses af {}.", catalog.name_of(by)));
    }
    text
}

/// The person-overlap advice of one role.
pub fn personsammenfald(role: &ResolvedRole, catalog: &ResolvedCatalog) -> Option<String> {
    let names = |ids: &[String]| {
        join(
            &ids.iter()
                .map(|id| catalog.name_of(id).to_string())
                .collect::<Vec<_>>(),
        )
    };
    let mut parts = Vec::new();
    if !role.personsammenfald.anbefalet.is_empty() {
        parts.push(format!(
            "Samme person anbefales at varetage rollen som {}.",
            names(&role.personsammenfald.anbefalet)
        ));
    }
    if !role.personsammenfald.undgaas.is_empty() {
        parts.push(format!(
            "Samme person bør ikke også varetage rollen som {}.",
            names(&role.personsammenfald.undgaas)
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// One overlap statement of the hand-over.
pub fn overlap_pair(pair: &OverlapPair, catalog: &ResolvedCatalog) -> String {
    let (from, to) = (catalog.name_of(pair.from), catalog.name_of(pair.to));
    if pair.anbefalet {
        format!("Personsammenfald anbefales: {from} → {to} (samme person fortsætter).")
    } else {
        format!("Personsammenfald undgås: {from} og {to} varetages af forskellige personer.")
    }
}

/// The sentence on the SPOC at the change to fase 4 (said once, in the hand-over).
pub fn spoc_change(catalog: &ResolvedCatalog) -> String {
    let handover = catalog.handover();
    match (handover.spoc_before, handover.spoc_after) {
        (Some(before), Some(after)) if before == after => format!(
            "SPOC er den samme i fase 3 og fase 4: {}.",
            catalog.name_of(before)
        ),
        (Some(before), Some(after)) => format!(
            "Ved overgangen fra fase 3: Ibrugtagning til fase 4: Forankring skifter SPOC fra {} \
             til {}.",
            catalog.name_of(before),
            catalog.name_of(after)
        ),
        (None, Some(after)) => format!("I fase 4 er SPOC {}.", catalog.name_of(after)),
        (Some(before), None) => format!("I fase 3 er SPOC {}.", catalog.name_of(before)),
        (None, None) => "Kataloget angiver ingen SPOC for fase 3 og fase 4.".into(),
    }
}

/// Where a tailored role comes from: "Tilpasset til SAPA fra rollegalleriets rolle »…«."
pub fn tailoring(role: &ResolvedRole, catalog: &ResolvedCatalog) -> Option<String> {
    role.is_tailored().then(|| {
        format!(
            "Tilpasset til {} fra rollegalleriets rolle »{}« ({}).",
            catalog.system,
            role.galleriets_navn,
            join(&role.tilpasset)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_danish_way() {
        assert_eq!(date("2026-11-30"), "30. november 2026");
        assert_eq!(date("2024-05-01"), "1. maj 2024");
        assert_eq!(date("maj 2024"), "maj 2024");
    }
}
