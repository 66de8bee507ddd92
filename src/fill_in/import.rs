//! `rg import`: a filled-in workbook back into appointments YAML. The YAML text is built from
//! the cells, each value's span noted with the cell it came from; the text then goes through
//! the pipeline's appointments check like any file, and every finding is moved back to its
//! cell (`Udpegninger!C7`), with the check's own codes, messages and did-you-mean. So a cell is
//! held to exactly the rules a hand-written file is. What only a sheet can get wrong (a missing
//! column, a row with people but no role, two phases for one system) is found here.

use super::layout;
#[cfg(test)]
use super::read::CellText;
use super::read::{Book, Sheet};
use crate::diag::{ByteSpan, Diagnostic, SheetCell, SourceFile, codes};
use crate::model::{CatalogSet, Phase};
use crate::pipeline::Pipeline;
use crate::printable::yaml_string;
use crate::vocab::Vocabulary;
use std::fmt::Write;
use std::path::Path;
use std::sync::Arc;

/// The appointments YAML made from a workbook, and every finding about its cells (before
/// levels).
pub(crate) struct Imported {
    pub yaml: String,
    pub diagnostics: Vec<Diagnostic>,
    /// How many people and systems were read, for the closing line.
    pub persons: usize,
    pub systems: usize,
}

/// Where a value of the YAML came from.
#[derive(Clone, Debug)]
struct Origin {
    sheet: String,
    row: usize,
    column: usize,
    /// In CSV, the cell's text in the file.
    span: Option<ByteSpan>,
}

impl Origin {
    fn of(sheet: &Sheet, row: usize, column: usize) -> Origin {
        Origin {
            sheet: sheet.name.clone(),
            row,
            column,
            span: sheet.cell(row, column).and_then(|c| c.span),
        }
    }

    fn cell(&self) -> SheetCell {
        SheetCell::at(&self.sheet, self.row, self.column)
    }
}

/// The YAML being written, with the cell behind each value.
struct Builder<'a> {
    book: &'a Book,
    text: String,
    origins: Vec<(ByteSpan, Origin)>,
    found: Vec<Diagnostic>,
}

impl Builder<'_> {
    fn push(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// A YAML token written as it is (`true`, `null`, a phase id), noted with its cell.
    fn token(&mut self, token: &str, origin: &Origin) {
        let start = self.text.len();
        self.text.push_str(token);
        self.origins
            .push((ByteSpan::new(start, self.text.len()), origin.clone()));
    }

    /// A text as a YAML string, noted with its cell.
    fn string(&mut self, text: &str, origin: &Origin) {
        self.token(&yaml_string(text), origin);
    }

    /// A finding of the import itself, at a cell.
    fn report(&mut self, message: String, help: &str, origin: &Origin) {
        self.found.push(
            Diagnostic::new(&codes::yaml::INVALID_VALUE, message)
                .with_help(help)
                .at_cell(&self.book.file, origin.cell(), origin.span),
        );
    }

    /// A finding about the workbook as a whole.
    fn report_file(&mut self, message: String, help: &str) {
        self.found.push(
            Diagnostic::new(&codes::yaml::INVALID_VALUE, message)
                .with_help(help)
                .in_file(&self.book.file),
        );
    }
}

/// Reads the workbook into YAML and checks it against the catalogs.
pub(crate) fn import(
    book: &Book,
    pipeline: &Pipeline,
    set: &CatalogSet,
    yaml_name: &Path,
) -> Imported {
    let mut builder = Builder {
        book,
        text: String::new(),
        origins: Vec::new(),
        found: Vec::new(),
    };
    let _ = writeln!(
        builder.text,
        "# Udpegninger læst ind af `rg import` fra {}.",
        crate::printable::one_line(&book.file.name)
    );
    kommune(&mut builder);
    let persons = persons(&mut builder);
    let systems = appointments(&mut builder);
    let file = SourceFile::new(yaml_name, std::mem::take(&mut builder.text));
    let checked = pipeline.check_appointments(Arc::clone(&file), set);
    let mut diagnostics = builder.found;
    // A phase the import could not read is written blank: its finding, not also a placeholder.
    let reported: Vec<SheetCell> = diagnostics
        .iter()
        .filter_map(|d| d.cell().cloned())
        .collect();
    diagnostics.extend(
        checked
            .diagnostics
            .into_iter()
            .map(|d| relocate(d, &builder.origins, &book.file))
            .filter(|d| {
                d.rule != &codes::appointments::PLACEHOLDER
                    || d.cell().is_none_or(|cell| !reported.contains(cell))
            }),
    );
    diagnostics.sort_by_key(|d| cell_order(d, book));
    Imported {
        yaml: file.text.clone(),
        diagnostics,
        persons,
        systems,
    }
}

/// Findings in the order of the sheets, then row by row, column by column.
fn cell_order(d: &Diagnostic, book: &Book) -> (usize, usize, usize) {
    let Some(cell) = d.cell() else {
        return (0, 0, 0);
    };
    let sheet = book
        .sheets
        .iter()
        .position(|s| s.name == cell.sheet)
        .unwrap_or(0);
    let digits = cell.cell.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let row = cell.cell[digits..].parse().unwrap_or(0);
    let column = cell.cell[..digits]
        .bytes()
        .fold(0, |n, b| n * 26 + usize::from(b - b'A' + 1));
    (sheet + 1, row, column)
}

/// A finding of the check moved from the YAML to the cell its value came from; its fix (an edit
/// of the YAML text) does not apply to the workbook and is dropped.
fn relocate(
    mut d: Diagnostic,
    origins: &[(ByteSpan, Origin)],
    file: &Arc<SourceFile>,
) -> Diagnostic {
    let origin = d.span().and_then(|span| {
        origins
            .iter()
            .filter(|(at, _)| at.offset <= span.offset && span.offset <= at.end())
            .min_by_key(|(at, _)| at.len)
            .map(|(_, origin)| origin)
    });
    d.fix = None;
    match origin {
        Some(origin) => d.at_cell(file, origin.cell(), origin.span),
        None => d.in_file(file),
    }
}

/// The column of each name in a sheet's header row, or the names it lacks.
fn columns<'n, const N: usize>(
    sheet: &Sheet,
    names: [&'n str; N],
) -> ([Option<usize>; N], Vec<&'n str>) {
    let header = sheet.rows.first().map(Vec::as_slice).unwrap_or_default();
    let mut found = [None; N];
    for (at, name) in names.iter().enumerate() {
        found[at] = header
            .iter()
            .position(|cell| cell.text.trim().to_lowercase() == *name);
    }
    let missing = names
        .iter()
        .zip(found)
        .filter(|(_, at)| at.is_none())
        .map(|(name, _)| *name)
        .collect();
    (found, missing)
}

fn kommune(b: &mut Builder) {
    let Some(sheet) = b.book.sheet(layout::INSTRUCTIONS) else {
        b.report_file(
            format!("the workbook has no sheet `{}`", layout::INSTRUCTIONS),
            "start from `rg new appointments KOMMUNE --format xlsx`, which names the municipality there",
        );
        b.push("kommune: \"\"\n");
        return;
    };
    let row =
        (0..sheet.rows.len()).find(|r| sheet.text(*r, 0).eq_ignore_ascii_case(layout::KOMMUNE));
    let Some(row) = row else {
        b.report_file(
            format!(
                "the sheet `{}` has no row `{}`",
                sheet.name,
                layout::KOMMUNE
            ),
            "write `Kommune` in column A and the municipality's name beside it",
        );
        b.push("kommune: \"\"\n");
        return;
    };
    let origin = Origin::of(sheet, row, 1);
    let name = sheet.text(row, 1).to_string();
    if name.is_empty() {
        b.report(
            "the municipality's name is blank".into(),
            "write the municipality's name beside `Kommune`",
            &origin,
        );
    }
    b.push("kommune: ");
    b.string(&name, &origin);
    b.push("\n");
}

/// *Personer*: each row a person, by key. Returns how many.
fn persons(b: &mut Builder) -> usize {
    let book = b.book;
    let Some(sheet) = book.sheet(layout::PERSONS) else {
        b.report_file(
            format!("the workbook has no sheet `{}`", layout::PERSONS),
            "add the sheet with the columns nøgle, navn, email, samtykke",
        );
        b.push("personer: {}\n");
        return 0;
    };
    let ([key, name, email, consent], missing) = columns(sheet, layout::PERSON_COLUMNS);
    let (Some(key), Some(name)) = (key, name) else {
        let header = Origin::of(sheet, 0, 0);
        b.report(
            format!(
                "the sheet `{}` has no column {}",
                sheet.name,
                listing(&missing)
            ),
            "the header row names the columns nøgle, navn, email, samtykke",
            &header,
        );
        b.push("personer: {}\n");
        return 0;
    };
    b.push("personer:\n");
    let mut count = 0;
    for row in 1..sheet.rows.len() {
        let text = |column: Option<usize>| column.map_or("", |c| sheet.text(row, c));
        let cells = [key, name, email.unwrap_or(key), consent.unwrap_or(key)];
        if cells.iter().all(|c| sheet.text(row, *c).is_empty()) {
            continue;
        }
        let key_origin = Origin::of(sheet, row, key);
        if text(Some(key)).is_empty() {
            b.report(
                "a person without a key".into(),
                "give the person a short key without spaces (e.g. `mette`), used on the sheet Udpegninger",
                &key_origin,
            );
            continue;
        }
        count += 1;
        b.push("  ");
        b.string(text(Some(key)), &key_origin);
        b.push(":\n    navn: ");
        b.string(text(Some(name)), &Origin::of(sheet, row, name));
        b.push("\n");
        if let Some(email) = email.filter(|c| !sheet.text(row, *c).is_empty()) {
            b.push("    email: ");
            b.string(sheet.text(row, email), &Origin::of(sheet, row, email));
            b.push("\n");
        }
        if let Some(consent) = consent {
            let origin = Origin::of(sheet, row, consent);
            b.push("    samtykke: ");
            match layout::consent(sheet.text(row, consent)) {
                Some(true) => b.token("true", &origin),
                Some(false) => b.token("false", &origin),
                // Quoted, so that the check reports it as the text it is.
                None => b.string(sheet.text(row, consent), &origin),
            }
            b.push("\n");
        }
    }
    if count == 0 {
        b.text.truncate(b.text.len() - "personer:\n".len());
        b.push("personer: {}\n");
    }
    count
}

fn listing(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// One role's holders gathered from its rows: the role's cell, and each key with its cell.
struct Role {
    id: String,
    origin: Origin,
    keys: Vec<(String, Origin)>,
}

/// One system's rows.
struct SystemRows {
    name: String,
    origin: Origin,
    /// The phase as written and its cell; the first row's phase cell while none is written.
    phase: Option<(String, Origin)>,
    blank_phase: Origin,
    roles: Vec<Role>,
}

/// *Udpegninger*: the cross-cutting roles and each system's. Returns how many systems.
fn appointments(b: &mut Builder) -> usize {
    let book = b.book;
    let Some(sheet) = book.sheet(layout::APPOINTMENTS) else {
        b.report_file(
            format!("the workbook has no sheet `{}`", layout::APPOINTMENTS),
            "add the sheet with the columns system, fase, rolle, personer",
        );
        b.push("systemer: []\n");
        return 0;
    };
    let ([system, phase, role, people], missing) = columns(sheet, layout::APPOINTMENT_COLUMNS);
    let (Some(system), Some(phase), Some(role), Some(people)) = (system, phase, role, people)
    else {
        b.report(
            format!(
                "the sheet `{}` has no column {}",
                sheet.name,
                listing(&missing)
            ),
            "the header row names the columns system, fase, rolle, personer",
            &Origin::of(sheet, 0, 0),
        );
        b.push("systemer: []\n");
        return 0;
    };
    let mut cross: Vec<Role> = Vec::new();
    let mut systems: Vec<SystemRows> = Vec::new();
    for row in 1..sheet.rows.len() {
        let [name, written_phase, role_id, keys] =
            [system, phase, role, people].map(|c| sheet.text(row, c));
        if [name, written_phase, role_id, keys]
            .iter()
            .all(|t| t.is_empty())
        {
            continue;
        }
        let keys = split_keys(sheet, row, people);
        if name.is_empty() {
            b.report(
                "the row names no system".into(),
                "choose a system from the list, or `tværgående` for a role that holds in every system",
                &Origin::of(sheet, row, system),
            );
            continue;
        }
        if !keys.is_empty() && role_id.is_empty() {
            b.report(
                "the row names people but no role".into(),
                "choose the role's id from the list",
                &Origin::of(sheet, row, role),
            );
            continue;
        }
        let held = (!keys.is_empty()).then(|| Role {
            id: role_id.to_string(),
            origin: Origin::of(sheet, row, role),
            keys,
        });
        if is_cross_cutting(name) {
            if let Some(held) = held {
                merge(&mut cross, held);
            }
            continue;
        }
        let at = match systems.iter().position(|s| s.name == name) {
            Some(at) => at,
            None => {
                systems.push(SystemRows {
                    name: name.to_string(),
                    origin: Origin::of(sheet, row, system),
                    phase: None,
                    blank_phase: Origin::of(sheet, row, phase),
                    roles: Vec::new(),
                });
                systems.len() - 1
            }
        };
        if !written_phase.is_empty() {
            let origin = Origin::of(sheet, row, phase);
            set_phase(b, &mut systems[at], written_phase, origin);
        }
        if let Some(held) = held {
            merge(&mut systems[at].roles, held);
        }
    }
    write_cross_cutting(b, &cross);
    write_systems(b, sheet, &systems);
    systems.len()
}

fn is_cross_cutting(name: &str) -> bool {
    name.eq_ignore_ascii_case(layout::CROSS_CUTTING)
        || name.eq_ignore_ascii_case("tvaergaaende")
        || name.to_lowercase() == layout::CROSS_CUTTING
}

/// The keys in a `personer` cell, separated by commas or semicolons, each with the cell.
fn split_keys(sheet: &Sheet, row: usize, column: usize) -> Vec<(String, Origin)> {
    let origin = Origin::of(sheet, row, column);
    sheet
        .text(row, column)
        .split([',', ';'])
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(|k| (k.to_string(), origin.clone()))
        .collect()
}

/// Rows of one role add their holders to the role's list, in order.
fn merge(roles: &mut Vec<Role>, held: Role) {
    match roles.iter_mut().find(|r| r.id == held.id) {
        Some(role) => role.keys.extend(held.keys),
        None => roles.push(held),
    }
}

/// The phase of a system: the first written, and a finding for a row that says another.
fn set_phase(b: &mut Builder, system: &mut SystemRows, written: &str, origin: Origin) {
    match &system.phase {
        None => system.phase = Some((written.to_string(), origin)),
        Some((first, first_origin)) if !same_phase(first, written) => {
            let message = format!(
                "`{}` is in `{first}` by {}, and this row says `{written}`",
                system.name,
                first_origin.cell().cell
            );
            b.report(
                message,
                "a system has one current phase: write the same on all its rows, or leave the others blank",
                &origin,
            );
        }
        Some(_) => {}
    }
}

/// A phase as the YAML writes it: its id when the cell names one by id or by its Danish name
/// ("Fase 3", "Ibrugtagning").
fn phase_token(written: &str) -> Option<&'static str> {
    Phase::from_id(written)
        .or_else(|| Phase::from_alias(written))
        .map(Phase::id)
}

/// Two cells name the same phase (`fase-3` and "Fase 3"), or hold the same text.
fn same_phase(a: &str, b: &str) -> bool {
    match (phase_token(a), phase_token(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

/// A phase cell that names no phase: reported here and written blank, so that the system's
/// other cells are still checked (a system whose phase cannot be read would be left out whole).
fn unknown_phase(b: &mut Builder, written: &str, origin: &Origin) {
    let help = match Phase::suggest(written) {
        Some(phase) => format!("did you mean `{}`?", phase.id()),
        None => "phases are opvarmning, fase-1, fase-2, fase-3, fase-4".to_string(),
    };
    b.report(format!("unknown phase `{written}`"), &help, origin);
}

fn write_holders(b: &mut Builder, indent: &str, role: &Role) {
    b.push(indent);
    b.string(&role.id, &role.origin);
    b.push(": [");
    for (at, (key, origin)) in role.keys.iter().enumerate() {
        if at > 0 {
            b.push(", ");
        }
        b.string(key, origin);
    }
    b.push("]\n");
}

fn write_cross_cutting(b: &mut Builder, roles: &[Role]) {
    if roles.is_empty() {
        return;
    }
    b.push("tvaergaaende:\n");
    for role in roles {
        write_holders(b, "  ", role);
    }
}

fn write_systems(b: &mut Builder, sheet: &Sheet, systems: &[SystemRows]) {
    if systems.is_empty() {
        b.push("systemer: ");
        b.token("[]", &Origin::of(sheet, 0, 0));
        b.push("\n");
        return;
    }
    b.push("systemer:\n");
    for system in systems {
        b.push("  - system: ");
        b.string(&system.name, &system.origin);
        b.push("\n    fase: ");
        match &system.phase {
            Some((written, origin)) => match phase_token(written) {
                Some(id) => b.token(id, origin),
                None => {
                    unknown_phase(b, written, origin);
                    b.token("null", origin);
                }
            },
            None => b.token("null", &system.blank_phase),
        }
        b.push("\n");
        if system.roles.is_empty() {
            continue;
        }
        b.push("    udpegninger:\n");
        for role in &system.roles {
            write_holders(b, "      ", role);
        }
    }
}

/// The cell text of a row, for tests.
#[cfg(test)]
fn cells(texts: &[&str]) -> Vec<CellText> {
    texts
        .iter()
        .map(|t| CellText {
            text: t.to_string(),
            span: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book(persons: &[&[&str]], rows: &[&[&str]]) -> Book {
        let sheet = |name: &str, rows: &[&[&str]]| Sheet {
            name: name.to_string(),
            rows: rows.iter().map(|r| cells(r)).collect(),
        };
        let mut people = vec![&["nøgle", "navn", "email", "samtykke"][..]];
        people.extend_from_slice(persons);
        let mut appointments = vec![&["system", "fase", "rolle", "personer"][..]];
        appointments.extend_from_slice(rows);
        Book {
            file: SourceFile::new(Path::new("u.xlsx"), String::new()),
            sheets: vec![
                sheet("Vejledning", &[&["Kommune", "Næstved"]]),
                sheet("Personer", &people),
                sheet("Udpegninger", &appointments),
            ],
        }
    }

    fn imported(book: &Book) -> Imported {
        let pipeline = Pipeline::open(
            &crate::load::workspace::Workspace::empty(),
            None,
            &[],
            crate::pipeline::GalleryUse::Clean,
        )
        .unwrap();
        import(book, &pipeline, &CatalogSet::default(), Path::new("u.yaml"))
    }

    #[test]
    fn rows_become_yaml() {
        let book = book(
            &[
                &["mette", "Mette Hansen", "meha@k.dk", "ja"],
                &["jens", "Jens", "", "nej"],
            ],
            &[
                &["tværgående", "", "kombit-programleder", "mette"],
                &["SAPA", "Fase 3", "projektleder", "mette, jens"],
                &["SAPA", "", "superbruger", ""],
                &["SAPA", "", "projektleder", "jens"],
            ],
        );
        let imported = imported(&book);
        assert!(
            imported.yaml.contains("kommune: \"Næstved\"\n"),
            "{}",
            imported.yaml
        );
        assert!(imported.yaml.contains("  \"mette\":\n    navn: \"Mette Hansen\"\n    email: \"meha@k.dk\"\n    samtykke: true\n"), "{}", imported.yaml);
        assert!(
            imported
                .yaml
                .contains("tvaergaaende:\n  \"kombit-programleder\": [\"mette\"]\n"),
            "{}",
            imported.yaml
        );
        assert!(imported.yaml.contains("  - system: \"SAPA\"\n    fase: fase-3\n    udpegninger:\n      \"projektleder\": [\"mette\", \"jens\", \"jens\"]\n"), "{}", imported.yaml);
        assert_eq!((imported.persons, imported.systems), (2, 1));
    }

    #[test]
    fn findings_name_their_cells() {
        let book = book(
            &[&["mette", "Mette", "ikke en adresse", "måske"]],
            &[
                &["SAPA", "fase-3", "projektleder", "mete"],
                &["SAPA", "fase-2", "", ""],
                &["", "", "superbruger", "mette"],
            ],
        );
        let found: Vec<(String, String)> = imported(&book)
            .diagnostics
            .iter()
            .map(|d| {
                (
                    d.code().to_string(),
                    d.cell().map_or(String::new(), |c| c.to_string()),
                )
            })
            .collect();
        let has = |code: &str, cell: &str| found.contains(&(code.to_string(), cell.to_string()));
        assert!(
            has("rg::appointments::invalid_email", "Personer!C2"),
            "{found:?}"
        );
        assert!(
            has("rg::appointments::invalid_consent", "Personer!D2"),
            "{found:?}"
        );
        assert!(
            has("rg::appointments::unknown_person", "Udpegninger!D2"),
            "{found:?}"
        );
        assert!(
            has("rg::yaml::invalid_value", "Udpegninger!B3"),
            "{found:?}"
        );
        assert!(
            has("rg::yaml::invalid_value", "Udpegninger!A4"),
            "{found:?}"
        );
        // No catalog folder: the system is unknown, named at its first cell.
        assert!(
            has("rg::appointments::unknown_system", "Udpegninger!A2"),
            "{found:?}"
        );
    }
}
