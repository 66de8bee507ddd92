//! `rg diff` for a person at a terminal. Per municipality a summary first — each system's
//! phase, its SPOC and who holds it, how many mandatory and recommended roles nobody holds and
//! what the next phase still needs — then, per system, only the roles that need action
//! (`--all`: every role), with `--people` each person's roles, and the codes behind the words.
//! Roles are shown by the catalogs' (tailored) names beside their ids; no word, id or person's
//! name is broken across lines ([`crate::render::grid`]); unfilled mandatory roles are red,
//! recommended ones yellow, filled ones green when colour is on.

use crate::diag::codes::{appointments, diff as rule};
use crate::diff::people::PersonRoles;
use crate::diff::{Holder, MunicipalityDiff, RoleRow, SystemDiff};
use crate::model::{Phase, Status};
use crate::printable::one_line;
use crate::render::grid::{Align, Cell, Grid, Paint};

use crate::term::{Term, wrap};

/// What the human diff shows besides the summary and the roles that need action.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// `--all`: every role of every system, not only those that need action.
    pub all: bool,
}

/// One municipality: heading, summary, the systems that need action, people, codes. Rendered
/// on its own, so that a run can print each municipality as soon as it is diffed.
pub fn municipality_text(municipality: &MunicipalityDiff, term: &Term, view: View) -> String {
    let mut out = format!(
        "{}  ({})\n",
        term.bold(&one_line(&municipality.kommune)),
        one_line(&municipality.fil)
    );
    if municipality.fejl > 0 {
        out.push_str(&wrap(
            &format!(
                "Ikke fuldt læst: {} fejl holdt filen eller et it-system ude af sammenligningen (se fejlene nedenfor).",
                municipality.fejl
            ),
            term.width,
            "",
            "",
        ));
    }
    if municipality.systemer.is_empty() {
        // "None" would read as all clear where errors kept the systems out.
        if municipality.fejl == 0 {
            out.push_str("ingen it-systemer med et rollekatalog og en fase\n");
        }
    } else {
        out.push('\n');
        out.push_str(&summary_grid(&municipality.systemer).render(term.width, term.color));
        out.push('\n');
        out.push_str(&wrap(SUMMARY_LEGEND, term.width, "", ""));
    }
    if !municipality.uden_fase.is_empty() {
        out.push_str(&wrap(
            &format!(
                "Fasen er ikke udfyldt, så disse it-systemer er ikke sammenlignet: {} [{}]",
                one_line(&municipality.uden_fase.join(", ")),
                appointments::PLACEHOLDER.code
            ),
            term.width,
            "",
            "  ",
        ));
    }
    let mut quiet = Vec::new();
    let mut narrowed: Vec<String> = Vec::new();
    for system in &municipality.systemer {
        match system_section(system, term, view) {
            Some((section, notes)) => {
                out.push_str(&section);
                for note in notes {
                    if !narrowed.contains(&note) {
                        narrowed.push(note);
                    }
                }
            }
            None => quiet.push(system.system.as_str()),
        }
    }
    if !narrowed.is_empty() {
        out.push_str(&wrap(
            &format!(
                "({} i tabeller, der ellers ikke passer til {} kolonner; en bredere terminal viser alt)",
                narrowed.join(", "),
                term.width
            ),
            term.width,
            "",
            " ",
        ));
    }
    if !quiet.is_empty() && !municipality.systemer.is_empty() {
        out.push('\n');
        out.push_str(&wrap(
            &format!("Intet at gøre i: {}.", one_line(&quiet.join(", "))),
            term.width,
            "",
            "  ",
        ));
    }
    if let Some(people) = &municipality.personer {
        out.push_str(&people_section(people, term));
    }
    out.push_str(&codes_legend(municipality, term.width));
    out.push('\n');
    out
}

const SUMMARY_LEGEND: &str = "mangler: obligatoriske roller uden udpegning i fasen · anbefalet: anbefalede roller uden udpegning · næste fase: roller, der bliver obligatoriske i næste fase, og som ingen har endnu";

/// One line per system (on a terminal of 100 columns): phase, SPOC and who holds it, and the
/// counts that say what to do. Only whole names, so that no row takes two lines; when the
/// terminal is too narrow, the SPOC's role name goes first (the system's heading has it), then
/// the recommended count.
fn summary_grid(systems: &[SystemDiff]) -> Grid {
    let mut grid = Grid::new()
        .column("system", Align::Left, 0)
        .column("fase", Align::Left, 0)
        .column("SPOC-rolle", Align::Left, 3)
        .column("SPOC", Align::Left, 1)
        .column("mangler", Align::Right, 0)
        .column("anbefalet", Align::Right, 2)
        .column("næste fase", Align::Right, 0);
    for system in systems {
        let next = match system.naeste_fase {
            None => Cell::whole("—"),
            Some(_) => count_cell(system.mangler_til_naeste_fase.len(), Paint::Yellow),
        };
        let (role, holder) = spoc_cells(system);
        grid.row(vec![
            Cell::whole(&system.system),
            Cell::whole(system.fase.id()),
            role,
            holder,
            count_cell(system.ubesatte_obligatoriske, Paint::Red),
            count_cell(system.ubesatte_anbefalede, Paint::Yellow),
            next,
        ]);
    }
    grid
}

/// The SPOC's role by its name in the catalog, and its primary contact (`+N` for the others).
fn spoc_cells(system: &SystemDiff) -> (Cell, Cell) {
    let Some(row) = system.spoc_row() else {
        let role = system.spoc.as_deref().unwrap_or("—");
        return (Cell::whole(role), Cell::whole("—"));
    };
    let role = Cell::whole(&row.navn);
    let holder = match row.udpeget.split_first() {
        None if row.filled_by_function() => Cell::whole("aktiveres").paint(Paint::Green),
        None => Cell::whole("ingen udpeget").paint(Paint::Red),
        Some((first, [])) => Cell::whole(&first.navn).paint(Paint::Green),
        Some((first, rest)) => {
            Cell::pieces([first.navn.clone(), format!("+{}", rest.len())]).paint(Paint::Green)
        }
    };
    (role, holder)
}

/// A count: green when none, else in the colour of what it counts.
fn count_cell(count: usize, paint: Paint) -> Cell {
    Cell::whole(&count.to_string()).paint(if count == 0 { Paint::Green } else { paint })
}

/// The SPOC, by its name in the catalog, and who holds it: words and whole names.
pub fn spoc_pieces(system: &SystemDiff) -> Vec<String> {
    let Some(spoc) = &system.spoc else {
        return words("ikke angivet i kataloget");
    };
    let Some(row) = system.spoc_row() else {
        return vec![spoc.clone()];
    };
    let mut pieces = words(&row.navn);
    if row.udpeget.is_empty() && row.filled_by_function() {
        pieces.push("(aktiveres)".into());
    } else if row.udpeget.is_empty() {
        pieces.extend(words("— ingen udpeget"));
    } else {
        pieces.push("—".into());
        pieces.extend(holder_pieces(&row.udpeget));
    }
    pieces
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// The system's heading and the table of its roles that need action (every role with
/// `--all`), and what the table folded or left out to fit; `None` when nothing needs doing
/// and not all is asked.
fn system_section(system: &SystemDiff, term: &Term, view: View) -> Option<(String, Vec<String>)> {
    let rows = action_rows(system, view.all);
    if rows.is_empty() {
        return None;
    }
    let phase_name = system.fase.title().rsplit(": ").next().unwrap_or_default();
    // On one line with visible escapes before it is wrapped: names come from the files.
    let heading = format!(
        "{} · {} {phase_name} · SPOC: {}",
        one_line(&system.system),
        system.fase,
        one_line(&spoc_pieces(system).join(" "))
    );
    let mut out = String::from("\n");
    out.push_str(&bold_lines(&wrap(&heading, term.width, "", "  "), term));
    // Narrow terminals put the id after the name (where the name does not say it), then
    // leave out the status (the findings say what is wrong).
    let mut grid = Grid::new()
        .column("rolle", Align::Left, 0)
        .folding_column("id", 0, 3)
        .column("status", Align::Left, 2)
        .column("udpeget", Align::Left, 0)
        .column("fund", Align::Left, 0);
    for row in rows {
        grid.row(row);
    }
    let (table, notes) = grid.draw(term.width, term.color);
    out.push_str(&table);
    out.push('\n');
    Some((out, notes))
}

/// The heading's lines in bold (each line on its own, so a wrapped heading stays bold).
fn bold_lines(text: &str, term: &Term) -> String {
    text.lines()
        .map(|line| format!("{}\n", term.bold(line)))
        .collect()
}

/// The rows of one system: those with findings (or all), and the roles the next phase needs,
/// merged into a role's row when it is there already.
fn action_rows(system: &SystemDiff, all: bool) -> Vec<Vec<Cell>> {
    let next = system.naeste_fase;
    let mut rows = Vec::new();
    for row in &system.roller {
        let due = next.filter(|_| {
            system
                .mangler_til_naeste_fase
                .iter()
                .any(|n| n.rolle == row.rolle)
        });
        if !all && row.fund.is_empty() && due.is_none() {
            continue;
        }
        rows.push(role_cells(row, due));
    }
    for missing in &system.mangler_til_naeste_fase {
        if system.roller.iter().any(|r| r.rolle == missing.rolle) {
            continue;
        }
        let Some(next) = next else { continue };
        rows.push(vec![
            Cell::text(&missing.navn),
            id_cell(&missing.navn, &missing.rolle),
            Cell::whole(&format!("● fra {next}")),
            Cell::whole("—"),
            Cell::whole(&format!("mangler til {next}")).paint(Paint::Yellow),
        ]);
    }
    rows
}

fn role_cells(row: &RoleRow, due: Option<Phase>) -> Vec<Cell> {
    let name = if row.spoc {
        format!("{} ★", row.navn)
    } else {
        row.navn.to_string()
    };
    let mut findings: Vec<String> = row
        .fund
        .iter()
        .map(|code| finding_text(code).to_string())
        .collect();
    if let Some(next) = due {
        findings.push(format!("mangler til {next}"));
    }
    let last = findings.len().saturating_sub(1);
    let findings: Vec<String> = findings
        .into_iter()
        .enumerate()
        .map(|(at, text)| if at < last { format!("{text},") } else { text })
        .collect();
    let paint = findings_paint(&row.fund, due.is_some());
    let holders = Cell::pieces(holders_pieces(row));
    let holders = if row.is_filled() {
        holders.paint(Paint::Green)
    } else {
        holders
    };
    vec![
        Cell::text(&name),
        id_cell(&row.navn, &row.rolle),
        Cell::whole(status_cell(row.status)),
        holders,
        Cell::pieces(findings).paint(paint),
    ]
}

/// A role's id; folded after its name only where the name does not start with it already
/// ("Superbruger SAPA" says `superbruger`, "Systemejer (it-systemet)" says `systemejer`).
fn id_cell(name: &str, id: &str) -> Cell {
    let cell = Cell::whole(id);
    let folded = crate::suggest::fold(name);
    let says = folded
        .strip_prefix(id)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'));
    if says {
        cell.silent_when_folded()
    } else {
        cell
    }
}

/// Red for what must be filled now, yellow for the rest.
fn findings_paint(codes: &[&str], due: bool) -> Paint {
    if codes
        .iter()
        .any(|c| *c == rule::UNFILLED_MANDATORY.code || *c == rule::SPOC_UNFILLED.code)
    {
        Paint::Red
    } else if !codes.is_empty() || due {
        Paint::Yellow
    } else {
        Paint::Plain
    }
}

pub fn status_cell(status: Status) -> &'static str {
    match status {
        Status::Obligatorisk => "● obligatorisk",
        Status::Anbefalet => "○ anbefalet",
        Status::Inaktiv => "inaktiv",
    }
}

/// Who holds a role, as pieces that stay whole: "aktiveres —" before the holders of an
/// activated role, "—" for nobody.
fn holders_pieces(row: &RoleRow) -> Vec<String> {
    match (row.filled_by_function(), row.udpeget.is_empty()) {
        (true, true) => words("aktiveres — ingen udpegning"),
        (true, false) => {
            let mut pieces = words("aktiveres —");
            pieces.extend(holder_pieces(&row.udpeget));
            pieces
        }
        (false, true) => vec!["—".into()],
        (false, false) => holder_pieces(&row.udpeget),
    }
}

/// Each holder's whole name, the primary contact marked when there are several, commas
/// between.
fn holder_pieces(list: &[Holder]) -> Vec<String> {
    let shown = holders_list(list);
    let last = shown.len().saturating_sub(1);
    shown
        .into_iter()
        .enumerate()
        .map(|(at, name)| if at < last { format!("{name},") } else { name })
        .collect()
}

/// Names, the primary contact marked when there are several.
fn holders_list(list: &[Holder]) -> Vec<String> {
    let many = list.len() > 1;
    list.iter()
        .map(|h| {
            if h.primaer && many {
                format!("{} (primær)", h.navn)
            } else {
                h.navn.clone()
            }
        })
        .collect()
}

/// Each person's roles, the most loaded first: how many, how many rest on them alone. Each
/// role's name is kept on one line where the table then fits the terminal, else the names
/// wrap at their spaces too.
fn people_section(people: &[PersonRoles], term: &Term) -> String {
    let mut grid = people_grid(people, true);
    if !grid.fits(term.width) {
        grid = people_grid(people, false);
    }
    let mut out = String::from("\n");
    out.push_str(&bold_lines("Personer og deres roller", term));
    out.push_str(&grid.render(term.width, term.color));
    out.push('\n');
    out.push_str(&wrap(
        &format!(
            "roller: på tværs af kommunens it-systemer (rødt: flere end max_roles_per_person, {}) · alene om: obligatoriske roller i systemets fase, som kun personen har ({})",
            rule::PERSON_OVERLOADED.code,
            rule::SINGLE_HOLDER.code
        ),
        term.width,
        "",
        "",
    ));
    out
}

fn people_grid(people: &[PersonRoles], whole_names: bool) -> Grid {
    let mut grid = Grid::new()
        .column("person", Align::Left, 0)
        .column("nøgle", Align::Left, 2)
        .column("roller", Align::Right, 0)
        .column("alene om", Align::Right, 1)
        .column("hvilke roller", Align::Left, 0);
    for person in people {
        let count = person.roller.len();
        let count = Cell::whole(&count.to_string()).paint(if person.for_mange {
            Paint::Red
        } else {
            Paint::Plain
        });
        let alone = person.alene.len();
        let alone = Cell::whole(&alone.to_string()).paint(if alone > 0 {
            Paint::Yellow
        } else {
            Paint::Plain
        });
        let held = held_pieces(person);
        let held = if whole_names {
            Cell::pieces(held)
        } else {
            Cell::text(&held.join(" "))
        };
        grid.row(vec![
            Cell::whole(&person.navn),
            Cell::whole(crate::rules::appointments::shown_key(&person.noegle)),
            count,
            alone,
            held,
        ]);
    }
    grid
}

/// The roles grouped by place, "SAPA: Projektejer, Gevinstejer; tværgående: …": each role's
/// name whole, the place kept with the first role of its group.
pub(crate) fn held_pieces(person: &PersonRoles) -> Vec<String> {
    let mut places: Vec<(&str, Vec<&str>)> = Vec::new();
    for held in &person.roller {
        let place = held.system.as_deref().unwrap_or("tværgående");
        match places.iter_mut().find(|(p, _)| *p == place) {
            Some((_, names)) => names.push(&held.navn),
            None => places.push((place, vec![&held.navn])),
        }
    }
    let mut pieces = Vec::new();
    let last_place = places.len().saturating_sub(1);
    for (at, (place, names)) in places.iter().enumerate() {
        let last_name = names.len() - 1;
        for (index, name) in names.iter().enumerate() {
            let head = if index == 0 {
                format!("{place}: ")
            } else {
                String::new()
            };
            let tail = match (index == last_name, at == last_place) {
                (false, _) => ",",
                (true, false) => ";",
                (true, true) => "",
            };
            pieces.push(format!("{head}{name}{tail}"));
        }
    }
    pieces
}

/// The codes behind the words shown, so that `rg explain CODE` can say more.
fn codes_legend(municipality: &MunicipalityDiff, width: usize) -> String {
    let mut codes: Vec<&str> = Vec::new();
    for system in &municipality.systemer {
        for row in &system.roller {
            codes.extend(row.fund.iter().copied());
        }
        if !system.mangler_til_naeste_fase.is_empty() {
            codes.push(rule::NEXT_PHASE_UNFILLED.code);
        }
    }
    if municipality
        .personer
        .as_ref()
        .is_some_and(|people| people.iter().any(|p| p.for_mange))
    {
        codes.push(rule::PERSON_OVERLOADED.code);
    }
    let mut seen = Vec::new();
    codes.retain(|code| {
        let new = !seen.contains(code);
        seen.push(code);
        new
    });
    if codes.is_empty() {
        return String::new();
    }
    let items: Vec<String> = codes
        .iter()
        .map(|code| format!("{} = {code}", finding_text(code)))
        .collect();
    let mut out = String::from("\n");
    out.push_str(&wrap(
        &format!("Fund: {} (`rg explain KODE` forklarer)", items.join(" · ")),
        width,
        "",
        "  ",
    ));
    out
}

/// The Danish words for a diff finding, as shown next to its code.
pub fn finding_text(code: &str) -> &'static str {
    match code {
        "rg::diff::unfilled_mandatory" => "mangler",
        "rg::diff::unfilled_recommended" => "anbefales besat",
        "rg::diff::spoc_unfilled" => "SPOC mangler",
        "rg::diff::inactive_appointed" => "inaktiv, men udpeget",
        "rg::diff::overlap_discouraged" => "personsammenfald frarådes",
        "rg::diff::overlap_recommended" => "personsammenfald anbefales",
        "rg::diff::next_phase_unfilled" => "mangler til næste fase",
        "rg::diff::single_holder" => "kun én person",
        "rg::diff::person_overloaded" => "for mange roller",
        "rg::appointments::stale" => "bekræftelse forældet",
        _ => "fund",
    }
}
