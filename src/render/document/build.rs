//! Builds the document's outline from a resolved catalog: the title page, the introduction and
//! reading guide, the phase overview with its figure, appointment, SPOC and hand-over, the
//! roles, the KLIK tasks and the appendix with the change log. Every sentence comes from
//! `wording.rs`; no format is known here.

use super::outline::*;
use super::wording;
use crate::model::{Duty, Mark, Phase, Status, TaskPart, Theme};
use crate::render::danish;
use crate::resolve::{ResolvedCatalog, ResolvedRole, ResolvedTask};
use std::collections::HashMap;

/// The outline of the rollekatalog.
pub fn document(catalog: &ResolvedCatalog) -> Document {
    let chapters = vec![
        introduction(catalog),
        guide(catalog),
        phases(catalog),
        appointments(catalog),
        spoc(catalog),
        handover(catalog),
        roles(catalog),
        tasks(catalog),
        role_ids(catalog),
        changes(catalog),
    ];
    Document {
        title: catalog.titel.clone(),
        lang: "da",
        subtitle: wording::SUBTITLE.into(),
        facts: title_facts(catalog),
        footer: wording::footer(catalog),
        contents: contents(&chapters),
        chapters,
    }
}

fn section(id: &str, title: &str, level: u8, kind: SectionKind, blocks: Vec<Block>) -> Section {
    Section {
        id: id.into(),
        title: title.into(),
        level,
        kind,
        blocks,
        sections: Vec::new(),
    }
}

fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph(plain(text))
}

/// A fragment id from any text: ASCII letters, digits and `-`, everything else `-`.
pub fn anchor(prefix: &str, text: &str) -> String {
    let slug: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{prefix}-{slug}")
}

pub fn role_anchor(id: &str) -> String {
    anchor("rolle", id)
}

fn theme_anchor(theme: Theme) -> String {
    anchor("tema", theme.id())
}

fn group_anchor(gruppe: crate::model::Gruppe) -> String {
    anchor("gruppe", gruppe.id())
}

/// A role's name, linked to its section when the role is in the catalog.
fn role_link(catalog: &ResolvedCatalog, id: &str) -> Inline {
    match catalog.role(id) {
        Some(role) => Inline::Link {
            target: role_anchor(&role.id),
            text: role.navn.clone(),
        },
        None => Inline::text(id),
    }
}

fn role_links(catalog: &ResolvedCatalog, ids: &[String]) -> Text {
    // Sized as it ends: a task's two cells of links are held until the document is written.
    let mut text = Vec::with_capacity((2 * ids.len()).saturating_sub(1));
    for (i, id) in ids.iter().enumerate() {
        if i > 0 {
            text.push(Inline::text(", "));
        }
        text.push(role_link(catalog, id));
    }
    text
}

// ------------------------------------------------------------------ title page and contents

fn title_facts(catalog: &ResolvedCatalog) -> Vec<Fact> {
    let doc = &catalog.dokument;
    let unset = || "ikke angivet".to_string();
    let mut facts = vec![fact("It-system", &catalog.system)];
    if let Some(fagomraade) = &catalog.fagomraade {
        facts.push(fact("Fagområde", fagomraade));
    }
    facts.push(fact("Version", &doc.version.clone().unwrap_or_else(unset)));
    facts.push(fact(
        "Dato",
        &doc.dato.as_deref().map_or_else(unset, wording::date),
    ));
    if let Some(status) = doc.status {
        facts.push(fact("Status", status.title()));
    }
    if let Some(author) = &doc.udarbejdet_af {
        facts.push(fact("Udarbejdet af", author));
    }
    if let Some(contact) = &doc.kontakt {
        facts.push(fact("Kontakt", contact));
    }
    facts.push(fact("Rollegalleri", &danish::gallery_line(catalog)));
    let integrations: Vec<&str> = catalog.integrationer.iter().map(|i| i.title()).collect();
    let integrations = match integrations.is_empty() {
        true => "ingen".to_string(),
        false => integrations.join(", "),
    };
    facts.push(fact("Integrationer", &integrations));
    facts.push(fact(
        "Omfang",
        &format!(
            "{} roller, {} KLIK-opgaver",
            catalog.roller.len(),
            catalog.klik_opgaver.len()
        ),
    ));
    facts
}

fn fact(label: &str, value: &str) -> Fact {
    Fact {
        label: label.into(),
        value: plain(value),
    }
}

/// Every chapter, and below two of them what a reader looks up: the role groups and the
/// themes of the KLIK tasks, each as one run of links. The roles themselves are linked from
/// the Roller chapter's overview, so the contents fit on the title page of any catalog.
fn contents(chapters: &[Section]) -> Vec<ContentsEntry> {
    chapters
        .iter()
        .map(|chapter| {
            let links = chapter
                .sections
                .iter()
                .map(|s| entry(s, Vec::new(), false))
                .collect();
            match chapter.id.as_str() {
                "roller" | "klik-opgaver" => entry(chapter, links, true),
                _ => entry(chapter, Vec::new(), false),
            }
        })
        .collect()
}

fn entry(section: &Section, children: Vec<ContentsEntry>, inline: bool) -> ContentsEntry {
    ContentsEntry {
        target: section.id.clone(),
        title: section.title.clone(),
        inline,
        children,
    }
}

// ------------------------------------------------------------------ introduction and guide

fn introduction(catalog: &ResolvedCatalog) -> Section {
    let blocks = match &catalog.dokument.indledning {
        Some(text) => paragraphs(text),
        None => vec![paragraph(format!(
            "Dette er rollekataloget for {}{}.",
            catalog.system,
            catalog
                .fagomraade
                .as_deref()
                .map(|f| format!(" på {}", f.to_lowercase()))
                .unwrap_or_default()
        ))],
    };
    section("indledning", "Indledning", 2, SectionKind::Chapter, blocks)
}

/// A text's paragraphs: a blank line separates them, a single line break is a space.
fn paragraphs(text: &str) -> Vec<Block> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(paragraph)
        .collect()
}

fn guide(catalog: &ResolvedCatalog) -> Section {
    let mut guide = section(
        "laesevejledning",
        "Sådan læses kataloget",
        2,
        SectionKind::Flowing,
        vec![paragraph(wording::guide_intro(catalog))],
    );
    let sub = |id: &str, title: &str, blocks: Vec<Block>| {
        section(id, title, 3, SectionKind::Flowing, blocks)
    };
    guide.sections = vec![
        sub(
            "vejledning-grupper",
            "Systemspecifikke og tværgående roller",
            vec![paragraph(wording::GUIDE_GROUPS)],
        ),
        sub(
            "vejledning-status",
            "Faser og status",
            vec![
                paragraph(wording::GUIDE_PHASES),
                Block::Facts(vec![
                    symbol_fact(
                        Symbol::Obligatorisk,
                        "Obligatorisk",
                        wording::STATUS_OBLIGATORISK,
                    ),
                    symbol_fact(Symbol::Anbefalet, "Anbefalet", wording::STATUS_ANBEFALET),
                    fact("Inaktiv (tom celle)", wording::STATUS_INAKTIV),
                    symbol_fact(Symbol::Spoc, "SPOC", wording::STATUS_SPOC),
                ]),
            ],
        ),
        sub(
            "vejledning-udpegning",
            "Udpeges og aktiveres",
            vec![paragraph(wording::GUIDE_APPOINTMENT)],
        ),
        sub(
            "vejledning-opgaver",
            "Opgaver og ansvar: Implementering og Drift og forvaltning",
            vec![
                paragraph(wording::GUIDE_DUTIES),
                Block::Facts(vec![
                    fact("X", wording::MARK_X),
                    fact("(X)", wording::MARK_CONDITIONAL),
                    fact("Tom celle", wording::MARK_EMPTY),
                ]),
            ],
        ),
        sub(
            "vejledning-klik",
            "KLIK-opgaver",
            vec![paragraph(wording::GUIDE_TASKS)],
        ),
    ];
    guide
}

/// A symbol and its word as the label, what it means as the value.
fn symbol_fact(symbol: Symbol, word: &str, meaning: &str) -> Fact {
    Fact {
        label: format!("{} {word}", symbol.glyph()),
        value: plain(meaning),
    }
}

/// ● ○ ★ and the empty cell.
fn phase_legend() -> Block {
    Block::Legend(Legend {
        items: vec![
            legend(
                Inline::Symbol(Symbol::Obligatorisk),
                wording::LEGEND_OBLIGATORISK,
            ),
            legend(Inline::Symbol(Symbol::Anbefalet), wording::LEGEND_ANBEFALET),
            legend(Inline::Symbol(Symbol::Spoc), wording::LEGEND_SPOC),
            legend(Inline::text(""), wording::LEGEND_INAKTIV),
        ],
    })
}

/// X, (X) when used, and the empty cell.
fn mark_legend(conditional: bool) -> Block {
    let mut items = vec![legend(Inline::text("X"), wording::LEGEND_X)];
    if conditional {
        items.push(legend(Inline::text("(X)"), wording::LEGEND_CONDITIONAL));
    }
    items.push(legend(Inline::text(""), wording::LEGEND_EMPTY));
    Block::Legend(Legend { items })
}

fn legend(key: Inline, meaning: &str) -> LegendItem {
    LegendItem {
        key,
        meaning: meaning.into(),
    }
}

// ------------------------------------------------------------------ phases, figure and table

fn phases(catalog: &ResolvedCatalog) -> Section {
    let blocks = vec![
        paragraph(wording::PHASES_INTRO),
        Block::Figure(timeline(catalog)),
        Block::Table(phase_table(catalog)),
        phase_legend(),
    ];
    section(
        "faseoversigt",
        "Faseoversigt",
        2,
        SectionKind::Chapter,
        blocks,
    )
}

fn timeline(catalog: &ResolvedCatalog) -> Timeline {
    let spoc: Vec<Option<String>> = Phase::ALL
        .iter()
        .map(|p| {
            catalog
                .spoc_in(*p)
                .map(|id| catalog.name_of(id).to_string())
        })
        .collect();
    let groups = catalog
        .groups()
        .into_iter()
        .map(|gruppe| TimelineGroup {
            heading: gruppe.heading().into(),
            rows: catalog
                .roles_in(gruppe)
                .map(|role| TimelineRow {
                    name: role.navn.clone(),
                    status: Phase::ALL.iter().map(|p| role.status_in(*p)).collect(),
                    spoc: Phase::ALL
                        .iter()
                        .map(|p| catalog.is_spoc(&role.id, *p))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    Timeline {
        id: "figur-tidslinje".into(),
        title: format!("Figur 1: Rollerne i {} fase for fase", catalog.system),
        description: timeline_description(catalog, &spoc),
        spoc,
        groups,
        legend: TimelineLegend {
            obligatorisk: "obligatorisk".into(),
            anbefalet: "anbefalet".into(),
            spoc: "SPOC".into(),
            handover: "overgang til drift og forvaltning".into(),
        },
    }
}

fn timeline_description(catalog: &ResolvedCatalog, spoc: &[Option<String>]) -> String {
    let plan: Vec<String> = Phase::ALL
        .iter()
        .zip(spoc)
        .map(|(phase, name)| {
            format!(
                "{}: {}",
                phase.title(),
                name.as_deref().unwrap_or("ikke angivet")
            )
        })
        .collect();
    format!(
        "Tidslinje over katalogets {} roller i de fem faser fra opvarmningsperioden til fase 4: \
         Forankring. En mørk bjælke viser, at rollen er obligatorisk i fasen, en lys, at den er \
         anbefalet; ★ markerer SPOC. Den stiplede linje mellem fase 3 og fase 4 er overgangen \
         til drift og forvaltning. SPOC i hver fase: {}. Tabellen under figuren viser det samme.",
        catalog.roller.len(),
        plan.join("; ")
    )
}

fn phase_columns() -> Vec<Column> {
    let mut columns = vec![column("Rolle", ColumnKind::Name)];
    columns.extend(
        Phase::ALL
            .iter()
            .map(|p| column(p.title(), ColumnKind::Phase(*p))),
    );
    columns
}

fn column(title: &str, kind: ColumnKind) -> Column {
    Column {
        title: title.into(),
        kind,
    }
}

fn phase_table(catalog: &ResolvedCatalog) -> Table {
    let groups = catalog
        .groups()
        .into_iter()
        .map(|gruppe| RowGroup {
            heading: Some(gruppe.heading().into()),
            rows: catalog
                .roles_in(gruppe)
                .map(|role| {
                    let mut row = vec![Cell::new(vec![role_link(catalog, &role.id)])];
                    row.extend(Phase::ALL.iter().map(|p| phase_cell(catalog, role, *p)));
                    row
                })
                .collect(),
        })
        .collect();
    Table {
        kind: TableKind::Phases,
        columns: phase_columns(),
        groups,
    }
}

/// ●/○ and ★, with their meaning in words.
fn phase_cell(catalog: &ResolvedCatalog, role: &ResolvedRole, phase: Phase) -> Cell {
    let status = role.status_in(phase);
    let spoc = catalog.is_spoc(&role.id, phase);
    let mut text = Vec::new();
    match status {
        Status::Obligatorisk => text.push(Inline::Symbol(Symbol::Obligatorisk)),
        Status::Anbefalet => text.push(Inline::Symbol(Symbol::Anbefalet)),
        Status::Inaktiv => {}
    }
    if spoc {
        if !text.is_empty() {
            text.push(Inline::text(" "));
        }
        text.push(Inline::Symbol(Symbol::Spoc));
    }
    let meaning = match spoc {
        true => format!("{}, SPOC", status.id()),
        false => status.id().to_string(),
    };
    Cell {
        text,
        meaning: Some(meaning),
    }
}

// ------------------------------------------------------------------ appointment, SPOC, hand-over

fn appointments(catalog: &ResolvedCatalog) -> Section {
    let columns = vec![
        column("Rolle", ColumnKind::Name),
        column("Udpeges eller aktiveres", ColumnKind::Text),
        column("Fase", ColumnKind::Text),
        column("Initieres af", ColumnKind::Text),
    ];
    let groups = catalog
        .groups()
        .into_iter()
        .map(|gruppe| RowGroup {
            heading: Some(gruppe.heading().into()),
            rows: catalog
                .roles_in(gruppe)
                .map(|role| {
                    vec![
                        Cell::new(vec![role_link(catalog, &role.id)]),
                        Cell::plain(wording::maade(role)),
                        Cell::plain(wording::appointment_phase(role)),
                        Cell::plain(wording::initiated_by(role, catalog)),
                    ]
                })
                .collect(),
        })
        .collect();
    let table = Table {
        kind: TableKind::Appointments,
        columns,
        groups,
    };
    section(
        "udpegning",
        "Udpegning og aktivering",
        2,
        SectionKind::Flowing,
        vec![paragraph(wording::APPOINTMENTS_INTRO), Block::Table(table)],
    )
}

fn spoc(catalog: &ResolvedCatalog) -> Section {
    let columns = vec![
        column("Fase", ColumnKind::Text),
        column(&format!("SPOC for {}", catalog.system), ColumnKind::Name),
        column("SPOC-profil i rollegalleriet", ColumnKind::Text),
    ];
    let rows = Phase::ALL
        .iter()
        .map(|phase| {
            let holder = match catalog.spoc_in(*phase) {
                Some(id) => vec![role_link(catalog, id)],
                None => plain("ikke angivet"),
            };
            vec![
                Cell::plain(phase.title()),
                Cell::new(holder),
                Cell::plain(wording::spoc_profile(*phase)),
            ]
        })
        .collect();
    let table = Table {
        kind: TableKind::Spoc,
        columns,
        groups: vec![RowGroup {
            heading: None,
            rows,
        }],
    };
    section(
        "spoc-forloeb",
        "SPOC-forløb",
        2,
        SectionKind::Flowing,
        vec![Block::Table(table), paragraph(wording::SPOC_PROFILE)],
    )
}

fn handover(catalog: &ResolvedCatalog) -> Section {
    let handover = catalog.handover();
    let sub = |id: &str, title: &str, blocks: Vec<Block>| {
        section(id, title, 3, SectionKind::Flowing, blocks)
    };
    let taking_over = match handover.taking_over.is_empty() {
        true => vec![paragraph(
            "Ingen roller bliver obligatoriske ved overgangen.",
        )],
        false => vec![
            Block::Table(taking_over_table(catalog, &handover.taking_over)),
            phase_legend(),
        ],
    };
    let phased_out = match handover.phased_out.is_empty() {
        true => vec![paragraph(
            "Alle roller, der er obligatoriske i fase 3, er det også i fase 4.",
        )],
        false => vec![Block::Table(phased_out_table(
            catalog,
            &handover.phased_out,
        ))],
    };
    let mut overlaps = vec![paragraph(wording::OVERLAP_INTRO)];
    overlaps.push(match handover.overlaps.is_empty() {
        true => paragraph("Kataloget tager ikke stilling til personsammenfald."),
        false => Block::List(
            handover
                .overlaps
                .iter()
                .map(|pair| plain(wording::overlap_pair(pair, catalog)))
                .collect(),
        ),
    });
    let mut section = section(
        "overgang",
        "Overgang til drift og forvaltning",
        2,
        SectionKind::Flowing,
        vec![paragraph(wording::handover_intro(catalog))],
    );
    section.sections = vec![
        sub(
            "overgang-overtager",
            "Roller, der overtager i fase 4",
            taking_over,
        ),
        sub(
            "overgang-udfases",
            "Roller, der ikke længere er obligatoriske i fase 4",
            phased_out,
        ),
        sub(
            "overgang-spoc",
            "SPOC ved overgangen",
            vec![paragraph(wording::spoc_change(catalog))],
        ),
        sub("overgang-personsammenfald", "Personsammenfald", overlaps),
    ];
    section
}

fn taking_over_table(catalog: &ResolvedCatalog, roles: &[&ResolvedRole]) -> Table {
    let rows = roles
        .iter()
        .map(|role| {
            vec![
                Cell::new(vec![role_link(catalog, &role.id)]),
                Cell::plain(wording::udpegning(role, catalog)),
                phase_cell(catalog, role, Phase::Fase3),
                phase_cell(catalog, role, Phase::Fase4),
            ]
        })
        .collect();
    Table {
        kind: TableKind::TakingOver,
        columns: vec![
            column("Rolle", ColumnKind::Name),
            column("Udpegning", ColumnKind::Text),
            column(Phase::Fase3.title(), ColumnKind::Phase(Phase::Fase3)),
            column(Phase::Fase4.title(), ColumnKind::Phase(Phase::Fase4)),
        ],
        groups: vec![RowGroup {
            heading: None,
            rows,
        }],
    }
}

fn phased_out_table(catalog: &ResolvedCatalog, roles: &[&ResolvedRole]) -> Table {
    let rows = roles
        .iter()
        .map(|role| {
            let successor = role
                .afloeses_af
                .as_deref()
                .map_or_else(Vec::new, |id| vec![role_link(catalog, id)]);
            vec![
                Cell::new(vec![role_link(catalog, &role.id)]),
                Cell::plain(danish::capitalize(role.status_in(Phase::Fase4).id())),
                Cell::new(successor),
            ]
        })
        .collect();
    Table {
        kind: TableKind::PhasedOut,
        columns: vec![
            column("Rolle", ColumnKind::Name),
            column("Status i fase 4", ColumnKind::Text),
            column("Afløses af", ColumnKind::Text),
        ],
        groups: vec![RowGroup {
            heading: None,
            rows,
        }],
    }
}

// ------------------------------------------------------------------ the roles

fn roles(catalog: &ResolvedCatalog) -> Section {
    let uses_conditional = catalog
        .roller
        .iter()
        .any(|r| r.opgaver.iter().chain(&r.ansvar).any(has_conditional));
    let mut chapter = section(
        "roller",
        "Roller",
        2,
        SectionKind::Chapter,
        vec![
            paragraph(wording::roles_intro(catalog)),
            Block::Table(role_overview(catalog)),
            mark_legend(uses_conditional),
        ],
    );
    // Looked up by every role's tasks: a map, so that many tasks cost linear time.
    let tasks: HashMap<&str, &ResolvedTask> = catalog
        .klik_opgaver
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    chapter.sections = catalog
        .groups()
        .into_iter()
        .map(|gruppe| {
            let mut group = section(
                &group_anchor(gruppe),
                gruppe.heading(),
                3,
                SectionKind::Flowing,
                Vec::new(),
            );
            group.sections = catalog
                .roles_in(gruppe)
                .map(|r| role_section(catalog, &tasks, r))
                .collect();
            group
        })
        .collect();
    chapter
}

fn has_conditional(duty: &Duty) -> bool {
    duty.implementering == Mark::Conditional || duty.drift_og_forvaltning == Mark::Conditional
}

fn role_overview(catalog: &ResolvedCatalog) -> Table {
    let groups = catalog
        .groups()
        .into_iter()
        .map(|gruppe| RowGroup {
            heading: Some(gruppe.heading().into()),
            rows: catalog
                .roles_in(gruppe)
                .map(|role| {
                    vec![
                        Cell::new(vec![role_link(catalog, &role.id)]),
                        Cell::plain(&role.effekt),
                        Cell::plain(danish::status_summary(role)),
                    ]
                })
                .collect(),
        })
        .collect();
    Table {
        kind: TableKind::RoleOverview,
        columns: vec![
            column("Rolle", ColumnKind::Name),
            column("Effekt", ColumnKind::Text),
            column("Status", ColumnKind::Text),
        ],
        groups,
    }
}

fn role_section(
    catalog: &ResolvedCatalog,
    tasks: &HashMap<&str, &ResolvedTask>,
    role: &ResolvedRole,
) -> Section {
    let mut blocks = vec![Block::Kind(danish::group_singular(role).into())];
    if let Some(note) = wording::tailoring(role, catalog) {
        blocks.push(Block::Note(plain(note)));
    }
    blocks.push(Block::Facts(role_facts(catalog, role)));
    for (heading, duties) in [("Opgaver", &role.opgaver), ("Ansvar", &role.ansvar)] {
        if !duties.is_empty() {
            blocks.push(Block::Table(duty_table(heading, duties)));
        }
    }
    if !role.opgaver.is_empty() || !role.ansvar.is_empty() {
        let conditional = role.opgaver.iter().chain(&role.ansvar).any(has_conditional);
        blocks.push(mark_legend(conditional));
    }
    if !role.kompetencer.is_empty() {
        blocks.push(Block::Label("Kompetencer".into()));
        blocks.push(Block::List(
            role.kompetencer.iter().map(|k| plain(k.as_str())).collect(),
        ));
    }
    blocks.push(Block::Label("Kendetegn".into()));
    blocks.push(paragraph(role.kendetegn.as_str()));
    blocks.push(Block::Label("KLIK-opgaver".into()));
    blocks.push(role_tasks(tasks, role));
    section(
        &role_anchor(&role.id),
        &role.navn,
        4,
        SectionKind::Role,
        blocks,
    )
}

fn role_facts(catalog: &ResolvedCatalog, role: &ResolvedRole) -> Vec<Fact> {
    let mut facts = vec![fact("Effekt", &role.effekt)];
    if let Some(beskrivelse) = &role.beskrivelse {
        facts.push(fact("Beskrivelse", beskrivelse));
    }
    facts.push(fact("Status", &danish::status_summary(role)));
    let spoc = catalog.spoc_phases(&role.id);
    if !spoc.is_empty() {
        facts.push(Fact {
            label: "SPOC".into(),
            value: vec![
                Inline::Symbol(Symbol::Spoc),
                Inline::text(format!(" i {}", danish::phase_list(&spoc))),
            ],
        });
    }
    facts.push(fact("Udpegning", &wording::udpegning(role, catalog)));
    if let Some(advice) = wording::personsammenfald(role, catalog) {
        facts.push(fact("Personsammenfald", &advice));
    }
    if !role.integrationer.is_empty() {
        let names: Vec<&str> = role.integrationer.iter().map(|i| i.title()).collect();
        facts.push(fact("Integrationer", &names.join(", ")));
    }
    facts
}

fn duty_table(heading: &str, duties: &[Duty]) -> Table {
    let rows = duties
        .iter()
        .map(|duty| {
            vec![
                Cell::plain(&duty.tekst),
                Cell::plain(danish::mark(duty.implementering)),
                Cell::plain(danish::mark(duty.drift_og_forvaltning)),
            ]
        })
        .collect();
    Table {
        kind: TableKind::Duties,
        columns: vec![
            column(heading, ColumnKind::Text),
            column("Implementering", ColumnKind::Mark),
            column("Drift og forvaltning", ColumnKind::Mark),
        ],
        groups: vec![RowGroup {
            heading: None,
            rows,
        }],
    }
}

fn role_tasks(tasks: &HashMap<&str, &ResolvedTask>, role: &ResolvedRole) -> Block {
    // A role's parts in each task, in the order the role first meets the task.
    // Sized for a task at each reference, so neither grows through ever larger copies.
    let mut order: Vec<&str> = Vec::with_capacity(role.klik_opgaver.len());
    let mut parts: HashMap<&str, Vec<TaskPart>> = HashMap::with_capacity(role.klik_opgaver.len());
    for task_ref in &role.klik_opgaver {
        let id = task_ref.id.as_str();
        let of_task = parts.entry(id).or_insert_with(|| {
            order.push(id);
            Vec::new()
        });
        of_task.push(task_ref.del);
    }
    let mut rows = Vec::with_capacity(order.len());
    for id in order {
        let Some(task) = tasks.get(id) else {
            continue;
        };
        let parts: Vec<&str> = parts[id].iter().map(|p| p.title()).collect();
        rows.push(vec![
            Cell::plain(&task.id),
            Cell::plain(&task.titel),
            Cell::plain(task.fase.title()),
            Cell::plain(danish::capitalize(&danish::join(&parts))),
        ]);
    }
    if rows.is_empty() {
        return paragraph("Rollen indgår ikke i katalogets KLIK-opgaver.");
    }
    Block::Table(Table {
        kind: TableKind::RoleTasks,
        columns: vec![
            column("Id", ColumnKind::Code),
            column("Opgave", ColumnKind::Text),
            column("Fase", ColumnKind::Text),
            column("Rollens del", ColumnKind::Text),
        ],
        groups: vec![RowGroup {
            heading: None,
            rows,
        }],
    })
}

// ------------------------------------------------------------------ KLIK tasks, appendix

fn tasks(catalog: &ResolvedCatalog) -> Section {
    let mut chapter = section(
        "klik-opgaver",
        "KLIK-opgaver",
        2,
        SectionKind::Chapter,
        vec![paragraph(match catalog.klik_opgaver.is_empty() {
            true => "Kataloget har ingen KLIK-opgaver.",
            false => wording::TASKS_INTRO,
        })],
    );
    chapter.sections = Theme::ALL
        .into_iter()
        .filter(|theme| !catalog.tasks_in(*theme).is_empty())
        .map(|theme| {
            let table = theme_tasks(catalog, theme);
            section(
                &theme_anchor(theme),
                theme.title(),
                3,
                SectionKind::Flowing,
                vec![Block::Table(table)],
            )
        })
        .collect();
    chapter
}

fn theme_tasks(catalog: &ResolvedCatalog, theme: Theme) -> Table {
    let rows = catalog
        .tasks_in(theme)
        .into_iter()
        .map(|task| {
            vec![
                Cell::plain(&task.id),
                Cell::plain(&task.titel),
                Cell::plain(task.fase.title()),
                Cell::new(vec![role_link(catalog, &task.ansvarlig)]),
                Cell::new(role_links(catalog, &task.udfoerer)),
                Cell::new(role_links(catalog, &task.involverede)),
            ]
        })
        .collect();
    Table {
        kind: TableKind::Tasks,
        columns: vec![
            column("Id", ColumnKind::Code),
            column("Opgave", ColumnKind::Text),
            column("Fase", ColumnKind::Text),
            column("Ansvarlig", ColumnKind::Text),
            column("Udfører", ColumnKind::Text),
            column("Involverede", ColumnKind::Text),
        ],
        groups: vec![RowGroup {
            heading: None,
            rows,
        }],
    }
}

fn role_ids(catalog: &ResolvedCatalog) -> Section {
    let groups = catalog
        .groups()
        .into_iter()
        .map(|gruppe| RowGroup {
            heading: Some(gruppe.heading().into()),
            rows: catalog
                .roles_in(gruppe)
                .map(|role| {
                    vec![
                        Cell::new(vec![role_link(catalog, &role.id)]),
                        Cell::plain(&role.id),
                    ]
                })
                .collect(),
        })
        .collect();
    let table = Table {
        kind: TableKind::RoleIds,
        columns: vec![
            column("Rolle", ColumnKind::Name),
            column("Id", ColumnKind::Code),
        ],
        groups,
    };
    section(
        "bilag-id",
        "Bilag: Rollernes id",
        2,
        SectionKind::Chapter,
        vec![paragraph(wording::ROLE_IDS_INTRO), Block::Table(table)],
    )
}

fn changes(catalog: &ResolvedCatalog) -> Section {
    let log = &catalog.dokument.aendringer;
    let block = match log.is_empty() {
        true => paragraph("Kataloget har endnu ingen ændringslog."),
        false => Block::Table(Table {
            kind: TableKind::Changes,
            columns: vec![
                column("Version", ColumnKind::Code),
                column("Dato", ColumnKind::Text),
                column("Ændring", ColumnKind::Text),
            ],
            groups: vec![RowGroup {
                heading: None,
                rows: log
                    .iter()
                    .map(|change| {
                        vec![
                            Cell::plain(&change.version),
                            Cell::plain(
                                change
                                    .dato
                                    .as_deref()
                                    .map_or_else(String::new, wording::date),
                            ),
                            Cell::plain(&change.tekst),
                        ]
                    })
                    .collect(),
            }],
        }),
    };
    section(
        "aendringslog",
        "Ændringslog",
        2,
        SectionKind::Flowing,
        vec![paragraph(wording::CHANGES_INTRO), block],
    )
}
