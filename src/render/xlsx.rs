//! Excel workbooks (rust_xlsxwriter) for the people who live in spreadsheets: the phase × role
//! table of a catalog (`rg table --format xlsx`). A header row, frozen panes, an autofilter,
//! column widths fitted to the texts, the ●/○/★ cells coloured, Danish sheet names, and print
//! settings (A4 landscape, one page wide, the header row repeated) so that it prints as it looks.

use crate::model::{Gruppe, Maade, Phase, Status};
use crate::render::danish::{self, HeaderWidth};
use crate::render::overview::{Overview, Texts};
use crate::resolve::{ResolvedCatalog, ResolvedRole};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// The sheet of the phase × role table.
pub const TABLE_SHEET: &str = "Roller pr. fase";
/// The sheet that explains the symbols and names the catalog.
pub const LEGEND_SHEET: &str = "Forklaring";

/// A4 in Excel's paper size numbering.
const A4: u8 = 9;

/// The formats every workbook shares.
pub(crate) struct Styles {
    pub header: Format,
    pub text: Format,
    /// Text that wraps at its spaces in a column of fixed width (long role names).
    pub wrapped: Format,
    pub title: Format,
    /// The diff's meanings, one across every sheet: red unfilled mandatory, yellow the other
    /// findings, green filled.
    pub unfilled: Format,
    pub warned: Format,
    pub filled: Format,
    /// Status cells: obligatorisk, anbefalet, inaktiv; and the same as the SPOC's cell.
    mandatory: Format,
    recommended: Format,
    inactive: Format,
    mandatory_spoc: Format,
    recommended_spoc: Format,
    inactive_spoc: Format,
}

/// Excel's "Good" (green) and "Neutral" (yellow) cell colours, and a dark blue for the SPOC.
const GREEN_FILL: u32 = 0xC6EFCE;
const GREEN_TEXT: u32 = 0x006100;
const YELLOW_FILL: u32 = 0xFFEB9C;
const YELLOW_TEXT: u32 = 0x9C5700;
const BLUE: u32 = 0x1F4E78;
const LIGHT_BLUE_FILL: u32 = 0xDDEBF7;
const GRID: u32 = 0xBFBFBF;

impl Styles {
    pub(crate) fn new() -> Styles {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(GRID))
            .set_align(FormatAlign::VerticalCenter);
        let status = cell
            .clone()
            .set_align(FormatAlign::Center)
            .set_font_size(12);
        let spoc = |format: &Format| {
            format
                .clone()
                .set_bold()
                .set_font_color(Color::RGB(BLUE))
                .set_border(FormatBorder::Medium)
                .set_border_color(Color::RGB(BLUE))
        };
        let mandatory = status
            .clone()
            .set_background_color(Color::RGB(GREEN_FILL))
            .set_font_color(Color::RGB(GREEN_TEXT));
        let recommended = status
            .clone()
            .set_background_color(Color::RGB(YELLOW_FILL))
            .set_font_color(Color::RGB(YELLOW_TEXT));
        let inactive_spoc = spoc(&status).set_background_color(Color::RGB(LIGHT_BLUE_FILL));
        Styles {
            header: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(BLUE))
                .set_border_color(Color::RGB(BLUE)),
            text: cell.clone(),
            wrapped: cell.clone().set_text_wrap(),
            title: Format::new().set_bold().set_font_size(14),
            unfilled: cell
                .clone()
                .set_background_color(Color::RGB(RED_FILL))
                .set_font_color(Color::RGB(RED_TEXT)),
            warned: cell
                .clone()
                .set_background_color(Color::RGB(YELLOW_FILL))
                .set_font_color(Color::RGB(YELLOW_TEXT)),
            filled: cell
                .clone()
                .set_background_color(Color::RGB(GREEN_FILL))
                .set_font_color(Color::RGB(GREEN_TEXT)),
            mandatory_spoc: spoc(&mandatory),
            recommended_spoc: spoc(&recommended),
            mandatory,
            recommended,
            inactive: status,
            inactive_spoc,
        }
    }

    pub(crate) fn status(&self, status: Status, spoc: bool) -> &Format {
        match (status, spoc) {
            (Status::Obligatorisk, false) => &self.mandatory,
            (Status::Obligatorisk, true) => &self.mandatory_spoc,
            (Status::Anbefalet, false) => &self.recommended,
            (Status::Anbefalet, true) => &self.recommended_spoc,
            (Status::Inaktiv, false) => &self.inactive,
            (Status::Inaktiv, true) => &self.inactive_spoc,
        }
    }
}

/// Text for an Excel page header or footer: `&` starts a code there, so it is doubled.
pub(crate) fn header_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// A column width (in characters) that fits the longest of `texts`, within `min..=max`.
pub(crate) fn fit<'a>(texts: impl IntoIterator<Item = &'a str>, min: usize, max: usize) -> f64 {
    let longest = texts
        .into_iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0);
    fit_longest(longest, min, max)
}

/// A column width (in characters) for a longest text of `longest` characters, within
/// `min..=max`.
pub(crate) fn fit_longest(longest: usize, min: usize, max: usize) -> f64 {
    // A little air for the cell padding and the autofilter button.
    (longest + 3).clamp(min, max) as f64
}

/// The lines a text takes when it wraps at its spaces in a column `width` characters wide (a
/// column's width counts digits, which are wider than most letters: a little generous).
pub(crate) fn wrapped_lines(text: &str, width: f64) -> usize {
    let room = (width as usize).max(1);
    let mut lines = 1;
    let mut column = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if column > 0 && column + 1 + len > room {
            lines += 1;
            column = 0;
        }
        column += if column > 0 { len + 1 } else { len };
    }
    lines
}

/// A row as high as its most wrapped cell: neither Excel nor LibreOffice grows a row for text
/// that wraps in a file written without heights, so the wrapped lines would overlap the next row.
pub(crate) fn fit_row(sheet: &mut Worksheet, row: u32, lines: usize) -> Result<(), XlsxError> {
    if lines > 1 {
        sheet.set_row_height(row, 15.0 * lines as f64)?;
    }
    Ok(())
}

/// Print settings: A4 landscape, one page wide, the first `header_rows` repeated on each page.
pub(crate) fn print_setup(
    sheet: &mut Worksheet,
    header_rows: u32,
    left_header: &str,
    right_header: &str,
) -> Result<(), XlsxError> {
    sheet
        .set_paper_size(A4)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_header(format!(
            "&L&\"-,Bold\"{}&R{}",
            header_text(left_header),
            header_text(right_header)
        ))
        .set_footer("&Lrollegalleri&RSide &P af &N");
    if header_rows > 0 {
        sheet.set_repeat_rows(0, header_rows - 1)?;
    }
    Ok(())
}

/// A phase's column header on two lines that fit a narrow column ("Fase 2" over "Forberedelse");
/// the legend sheet gives the full names.
pub(crate) fn phase_header(phase: Phase) -> String {
    match phase.title().split_once(": ") {
        Some((number, name)) => format!("{number}\n{name}"),
        None => danish::phase_header(phase, HeaderWidth::Medium).to_string(),
    }
}

fn gruppe_name(gruppe: Gruppe) -> &'static str {
    match gruppe {
        Gruppe::Systemspecifik => "Systemspecifik",
        Gruppe::Tvaergaaende => "Tværgående",
        Gruppe::Infrastruktur => "Infrastruktur",
    }
}

fn appointed(role: &ResolvedRole) -> String {
    let verb = match role.maade {
        Maade::Udpeges => "udpeges",
        Maade::Aktiveres => "aktiveres",
        Maade::IkkeInitieret => return "initieres ikke af KOMBIT".to_string(),
    };
    match role.udpeges_i {
        Some(phase) => format!(
            "{verb} i {}",
            danish::phase_header(phase, HeaderWidth::Medium).to_lowercase()
        ),
        None => verb.to_string(),
    }
}

/// The phase × role table of a catalog as an xlsx workbook.
pub fn table(catalog: &ResolvedCatalog) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&catalog.titel)
            .set_subject("Roller pr. fase")
            .set_author("rollegalleri"),
    );

    let sheet = workbook.add_worksheet();
    sheet.set_name(TABLE_SHEET)?;
    let mut header = vec!["Rolle", "Id", "Gruppe"];
    let phase_headers: Vec<String> = Phase::ALL.iter().map(|p| phase_header(*p)).collect();
    header.extend(phase_headers.iter().map(String::as_str));
    header.extend(["SPOC i", "Besættes"]);
    for (column, text) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *text, &styles.header)?;
    }
    sheet.set_row_height(0, 32)?;
    let first_phase = 3u16;
    let spoc_column = first_phase + Phase::ALL.len() as u16;
    let mut row = 1u32;
    for gruppe in Gruppe::ALL {
        for role in catalog.roles_in(gruppe) {
            sheet.write_string_with_format(row, 0, &role.navn, &styles.wrapped)?;
            sheet.write_string_with_format(row, 1, &role.id, &styles.text)?;
            sheet.write_string_with_format(row, 2, gruppe_name(gruppe), &styles.text)?;
            for (index, phase) in Phase::ALL.iter().enumerate() {
                let status = role.status_in(*phase);
                let spoc = catalog.is_spoc(&role.id, *phase);
                let format = styles.status(status, spoc);
                let column = first_phase + index as u16;
                let symbol = danish::cell(status, spoc);
                if symbol.is_empty() {
                    sheet.write_blank(row, column, format)?;
                } else {
                    sheet.write_string_with_format(row, column, symbol, format)?;
                }
            }
            let spoc: Vec<&str> = catalog
                .spoc_phases(&role.id)
                .into_iter()
                .map(|p| danish::phase_header(p, HeaderWidth::Medium))
                .collect();
            sheet.write_string_with_format(row, spoc_column, danish::join(&spoc), &styles.text)?;
            sheet.write_string_with_format(row, spoc_column + 1, appointed(role), &styles.text)?;
            row += 1;
        }
    }
    let last_row = row.saturating_sub(1).max(1);
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, last_row, spoc_column + 1)?;
    let names = catalog.roller.iter().map(|r| r.navn.as_str());
    let name_width = fit(names.chain(["Rolle"]), 12, 45);
    sheet.set_column_width(0, name_width)?;
    let mut at = 1u32;
    for gruppe in Gruppe::ALL {
        for role in catalog.roles_in(gruppe) {
            fit_row(sheet, at, wrapped_lines(&role.navn, name_width))?;
            at += 1;
        }
    }
    let ids = catalog.roller.iter().map(|r| r.id.as_str());
    sheet.set_column_width(1, fit(ids.chain(["Id"]), 6, 44))?;
    sheet.set_column_width(2, 16)?;
    for index in 0..Phase::ALL.len() {
        sheet.set_column_width(first_phase + index as u16, 13)?;
    }
    sheet.set_column_width(spoc_column, 16)?;
    let appointed_texts: Vec<String> = catalog.roller.iter().map(appointed).collect();
    sheet.set_column_width(
        spoc_column + 1,
        fit(appointed_texts.iter().map(String::as_str), 12, 30),
    )?;
    let fagomraade = catalog.fagomraade.as_deref().unwrap_or_default();
    print_setup(sheet, 1, &catalog.titel, fagomraade)?;

    legend_sheet(workbook.add_worksheet(), catalog, &styles)?;
    workbook.save_to_buffer()
}

/// The symbols with their meaning in the table's own formats, then the catalog's facts and
/// the SPOC of each phase.
fn legend_sheet(
    sheet: &mut Worksheet,
    catalog: &ResolvedCatalog,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(LEGEND_SHEET)?;
    sheet.write_string_with_format(0, 0, &catalog.titel, &styles.title)?;
    sheet.write_string_with_format(2, 0, "Tegn", &styles.header)?;
    sheet.write_string_with_format(2, 1, "Betydning", &styles.header)?;
    let symbols = [
        (
            danish::cell(Status::Obligatorisk, false),
            styles.status(Status::Obligatorisk, false),
            "Obligatorisk: rollen skal være besat i fasen",
        ),
        (
            danish::cell(Status::Anbefalet, false),
            styles.status(Status::Anbefalet, false),
            "Anbefalet: rollen anbefales besat i fasen",
        ),
        (
            danish::cell(Status::Inaktiv, true),
            styles.status(Status::Inaktiv, true),
            "SPOC: KOMBITs ene kontaktpunkt i kommunen i fasen (blå ramme)",
        ),
        (
            String::new(),
            styles.status(Status::Inaktiv, false),
            "Tom celle: rollen er inaktiv i fasen",
        ),
    ];
    let mut row = 3u32;
    for (symbol, format, meaning) in &symbols {
        if symbol.is_empty() {
            sheet.write_blank(row, 0, format)?;
        } else {
            sheet.write_string_with_format(row, 0, symbol, format)?;
        }
        sheet.write_string_with_format(row, 1, *meaning, &styles.text)?;
        row += 1;
    }

    row += 1;
    sheet.write_string_with_format(row, 0, "Kataloget", &styles.header)?;
    sheet.write_string_with_format(row, 1, "", &styles.header)?;
    row += 1;
    let integrations: Vec<&str> = catalog.integrationer.iter().map(|i| i.title()).collect();
    let galleri = format!(
        "{} {} ({})",
        catalog.galleri.titel, catalog.galleri.version, catalog.galleri.dato
    );
    let mut facts = vec![
        ("System", catalog.system.clone()),
        ("Fagområde", catalog.fagomraade.clone().unwrap_or_default()),
        ("Rollegalleri", galleri),
    ];
    // One integration a row: a row's height does not grow with wrapped text in every program.
    if integrations.is_empty() {
        facts.push(("Integrationer", "(ingen)".to_string()));
    }
    for (index, integration) in integrations.iter().enumerate() {
        let label = if index == 0 { "Integrationer" } else { "" };
        facts.push((label, integration.to_string()));
    }
    facts.push(("Roller", catalog.roller.len().to_string()));
    facts.push(("KLIK-opgaver", catalog.klik_opgaver.len().to_string()));
    for (label, value) in &facts {
        sheet.write_string_with_format(row, 0, *label, &styles.text)?;
        sheet.write_string_with_format(row, 1, value, &styles.text)?;
        row += 1;
    }

    row += 1;
    sheet.write_string_with_format(row, 0, "Fase", &styles.header)?;
    sheet.write_string_with_format(row, 1, "SPOC", &styles.header)?;
    row += 1;
    for phase in Phase::ALL {
        sheet.write_string_with_format(row, 0, phase.title(), &styles.text)?;
        let spoc = catalog
            .spoc_in(phase)
            .map(|id| catalog.name_of(id).to_string())
            .unwrap_or_else(|| "(ingen)".to_string());
        sheet.write_string_with_format(row, 1, &spoc, &styles.text)?;
        row += 1;
    }
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 70)?;
    print_setup(sheet, 0, &catalog.titel, LEGEND_SHEET)?;
    Ok(())
}

/// The sheets of the `rg diff --overview` workbook.
pub const OVERVIEW_SHEET: &str = "Oversigt";
pub const UNFILLED_SHEET: &str = "Ubesatte roller";

/// Excel's "Bad" (red) cell colours: unfilled mandatory roles.
const RED_FILL: u32 = 0xFFC7CE;
const RED_TEXT: u32 = 0x9C0006;

/// A count cell: the number, the system's phase shown beside it by the number format (the value
/// stays a number, so it sorts and sums), green for none and red for any unfilled.
fn count_format(styles: &Styles, count: usize, phase: Option<Phase>) -> Format {
    let base = styles.text.clone().set_align(FormatAlign::Center);
    let base = match phase {
        Some(phase) => base.set_num_format(format!(
            "0\" ({})\"",
            danish::phase_header(phase, HeaderWidth::Medium)
        )),
        None => base.set_bold(),
    };
    if count == 0 {
        base.set_background_color(Color::RGB(GREEN_FILL))
            .set_font_color(Color::RGB(GREEN_TEXT))
    } else {
        base.set_background_color(Color::RGB(RED_FILL))
            .set_font_color(Color::RGB(RED_TEXT))
    }
}

/// `rg diff --overview` as a workbook: the municipality × system matrix (worst first, a total
/// row), every unfilled role behind the numbers, and a legend. Like the overview itself it holds
/// no persons, so it can be shared across municipalities. The two large sheets are written a row
/// at a time to temporary files (rust_xlsxwriter's low-memory worksheets), and the workbook is
/// saved through one, so that memory does not grow with the rows.
pub(crate) fn overview(
    out: &mut dyn std::io::Write,
    matrix: &Overview,
    unfilled: &Unfilled,
) -> std::io::Result<()> {
    let mut workbook = overview_workbook(matrix, unfilled).map_err(std::io::Error::other)?;
    save(&mut workbook, out)
}

/// The workbook saved to `out` through an unnamed temporary file (the zip writer needs to
/// own a writer it may send between threads); in memory where no temporary file can be made.
fn save(workbook: &mut Workbook, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Seek;
    match tempfile::tempfile() {
        Ok(mut file) => {
            workbook
                .save_to_writer(&mut file)
                .map_err(std::io::Error::other)?;
            file.rewind()?;
            std::io::copy(&mut file, out)?;
            Ok(())
        }
        Err(_) => out.write_all(&workbook.save_to_buffer().map_err(std::io::Error::other)?),
    }
}

fn overview_workbook(matrix: &Overview, unfilled: &Unfilled) -> Result<Workbook, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Udpegninger: oversigt over ubesatte obligatoriske roller")
            .set_author("rollegalleri"),
    );
    matrix_sheet(large_sheet(&mut workbook)?, matrix, &styles)?;
    unfilled_sheet(large_sheet(&mut workbook)?, matrix, unfilled, &styles)?;
    overview_legend(workbook.add_worksheet(), &styles)?;
    Ok(workbook)
}

/// A sheet written a row at a time (rows already written are on disk, not in memory), its
/// strings shared as in any sheet; an ordinary one where no temporary file can be made.
fn large_sheet(workbook: &mut Workbook) -> Result<&mut Worksheet, XlsxError> {
    // Tried first on a temporary file of our own: a failed low-memory sheet cannot fall back
    // to an ordinary one in the same match (the workbook stays borrowed by the result).
    if tempfile::tempfile().is_ok() {
        workbook.add_worksheet_with_low_memory()
    } else {
        Ok(workbook.add_worksheet())
    }
}

/// The municipality × system sheet, in the overview's order, with a row of totals.
fn matrix_sheet(
    sheet: &mut Worksheet,
    matrix: &Overview,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(OVERVIEW_SHEET)?;
    sheet.write_string_with_format(0, 0, "Kommune", &styles.header)?;
    let centred = styles.header.clone().set_align(FormatAlign::Center);
    for (index, system) in matrix.systemer.iter().enumerate() {
        sheet.write_string_with_format(0, 1 + index as u16, system, &centred)?;
    }
    let total_column = 1 + matrix.systemer.len() as u16;
    sheet.write_string_with_format(0, total_column, "I alt", &centred)?;
    // The formats of the count cells, made once: a number format per phase, two colours.
    let mut formats: HashMap<(Phase, bool), Format> = HashMap::new();
    let mut sums = vec![0usize; matrix.systemer.len()];
    let mut row = 1u32;
    for municipality in &matrix.kommuner {
        sheet.write_string_with_format(row, 0, &municipality.kommune, &styles.text)?;
        for (index, sum) in sums.iter_mut().enumerate() {
            let column = 1 + index as u16;
            match municipality.cell(index) {
                Some(cell) => {
                    let count = cell.ubesatte_obligatoriske as usize;
                    let format = formats
                        .entry((cell.fase, count == 0))
                        .or_insert_with(|| count_format(styles, count, Some(cell.fase)));
                    sheet.write_number_with_format(row, column, count as f64, format)?;
                    *sum += count;
                }
                None => {
                    sheet.write_blank(row, column, &styles.text)?;
                }
            }
        }
        let format = count_format(styles, municipality.i_alt, None);
        sheet.write_number_with_format(row, total_column, municipality.i_alt as f64, &format)?;
        row += 1;
    }
    let last_municipality = row.saturating_sub(1).max(1);
    // The total per system, as numbers (not formulas), so every reader sees them.
    let total = styles.header.clone().set_align(FormatAlign::Center);
    sheet.write_string_with_format(row, 0, "I alt", &styles.header)?;
    for (index, sum) in sums.iter().enumerate() {
        sheet.write_number_with_format(row, 1 + index as u16, *sum as f64, &total)?;
    }
    let all: usize = matrix.kommuner.iter().map(|m| m.i_alt).sum();
    sheet.write_number_with_format(row, total_column, all as f64, &total)?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.autofilter(0, 0, last_municipality, total_column)?;
    let names = matrix.kommuner.iter().map(|m| m.kommune.as_str());
    sheet.set_column_width(0, fit(names.chain(["Kommune"]), 14, 40))?;
    for (index, system) in matrix.systemer.iter().enumerate() {
        // room for "12 (Opvarmning)"
        sheet.set_column_width(
            1 + index as u16,
            fit([system.as_str(), "12 (Opvarmning)"], 12, 30),
        )?;
    }
    sheet.set_column_width(total_column, 10)?;
    print_setup(
        sheet,
        1,
        "Ubesatte obligatoriske roller pr. kommune og system",
        "",
    )
}

/// The roles nobody holds in each municipality, by its place in the run: all the overview
/// workbook's sheet of unfilled roles needs of the diff, each text kept once.
#[derive(Default)]
pub(crate) struct Unfilled {
    texts: Texts,
    by_arrival: Vec<Box<[Gap]>>,
}

/// A role nobody holds in one system of a municipality.
#[derive(Clone, Copy, Debug)]
struct Gap {
    /// The system's name, the role's name and id: their places in the texts.
    system: u32,
    navn: u32,
    rolle: u32,
    fase: Phase,
    status: Status,
    spoc: bool,
    /// `None`: unfilled now; else needed (obligatorisk) before this, the next phase.
    before: Option<Phase>,
}

impl Unfilled {
    /// The unfilled roles of the municipality at `arrival` in the run (its row's
    /// [`crate::render::overview::Row::arrival`]), in its systems' order: those of the system's
    /// phase (inactive ones aside), then those its next phase makes obligatorisk.
    pub(crate) fn add(&mut self, arrival: usize, m: &crate::diff::MunicipalityDiff) {
        let mut gaps = Vec::new();
        for system in &m.systemer {
            let name = self.texts.place(&system.system);
            let unfilled = system.roller.iter().filter(|r| !r.is_filled());
            for role in unfilled.filter(|r| r.status != Status::Inaktiv) {
                gaps.push(Gap {
                    system: name,
                    navn: self.texts.place(&role.navn),
                    rolle: self.texts.place(&role.rolle),
                    fase: system.fase,
                    status: role.status,
                    spoc: role.spoc,
                    before: None,
                });
            }
            let Some(next) = system.naeste_fase else {
                continue;
            };
            for role in &system.mangler_til_naeste_fase {
                gaps.push(Gap {
                    system: name,
                    navn: self.texts.place(&role.navn),
                    rolle: self.texts.place(&role.rolle),
                    fase: system.fase,
                    status: Status::Obligatorisk,
                    spoc: false,
                    before: Some(next),
                });
            }
        }
        if self.by_arrival.len() <= arrival {
            self.by_arrival.resize_with(arrival + 1, Box::default);
        }
        self.by_arrival[arrival] = gaps.into_boxed_slice();
    }

    /// The unfilled roles of the municipality that came `arrival`th in the run.
    fn of(&self, arrival: usize) -> &[Gap] {
        self.by_arrival.get(arrival).map_or(&[], |gaps| gaps)
    }

    /// A gap's line on the sheet, `when` its "Hvornår" text.
    fn line<'a>(&'a self, kommune: &'a str, gap: &Gap, when: &'a str) -> [&'a str; 8] {
        let text = |at: u32| self.texts.get(at);
        let (status, spoc) = match gap.before {
            None => (gap.status.id(), if gap.spoc { "ja" } else { "" }),
            Some(_) => ("obligatorisk", ""),
        };
        [
            kommune,
            text(gap.system),
            danish::phase_header(gap.fase, HeaderWidth::Medium),
            text(gap.navn),
            text(gap.rolle),
            status,
            spoc,
            when,
        ]
    }
}

/// A gap's "Hvornår": now, or before the next phase.
fn when(gap: &Gap) -> String {
    match gap.before {
        None => "nu".to_string(),
        Some(next) => format!(
            "før {}",
            danish::phase_header(next, HeaderWidth::Medium).to_lowercase()
        ),
    }
}

/// One row per role nobody holds: now (obligatorisk or anbefalet in the system's phase) or
/// before the next phase (obligatorisk there). Municipalities in the overview's order. The
/// column widths are found in a pass over the roles first, as the rows are written in order.
fn unfilled_sheet(
    sheet: &mut Worksheet,
    matrix: &Overview,
    unfilled: &Unfilled,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(UNFILLED_SHEET)?;
    let header = [
        "Kommune", "System", "Fase", "Rolle", "Id", "Status", "SPOC", "Hvornår",
    ];
    let mut longest = header.map(|title| title.chars().count());
    for entry in &matrix.kommuner {
        for gap in unfilled.of(entry.arrival) {
            let when = when(gap);
            let line = unfilled.line(&entry.kommune, gap, &when);
            for (longest, text) in longest.iter_mut().zip(line) {
                *longest = (*longest).max(text.chars().count());
            }
        }
    }
    let mut widths = [0.0; 8];
    for (column, width) in widths.iter_mut().enumerate() {
        // Role names wrap; ids are never cut (the longest is 39 characters).
        let max = match column {
            3 => 45,
            4 => 44,
            _ => 30,
        };
        *width = fit_longest(longest[column], 8, max);
        sheet.set_column_width(column as u16, *width)?;
    }
    for (column, text) in header.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *text, &styles.header)?;
    }
    let mut row = 1u32;
    for entry in &matrix.kommuner {
        for gap in unfilled.of(entry.arrival) {
            let when = when(gap);
            let line = unfilled.line(&entry.kommune, gap, &when);
            // The height first: a low-memory sheet takes it only for the row being written.
            fit_row(sheet, row, wrapped_lines(line[3], widths[3]))?;
            write_line(sheet, row, &line, styles, gap.status, gap.before.is_none())?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), header.len() as u16 - 1)?;
    print_setup(sheet, 1, "Ubesatte roller", "")?;
    Ok(())
}

/// A row of the unfilled sheet. The status cell has the overview's colours, red for a
/// mandatory role nobody holds now, yellow for the rest (a recommended role, one the next
/// phase needs): red means unfilled on every sheet, green only ever "all filled".
fn write_line(
    sheet: &mut Worksheet,
    row: u32,
    line: &[&str],
    styles: &Styles,
    status: Status,
    now: bool,
) -> Result<(), XlsxError> {
    for (column, text) in line.iter().enumerate() {
        let format = match column {
            3 => &styles.wrapped,
            5 if status == Status::Obligatorisk && now => &styles.unfilled,
            5 => &styles.warned,
            _ => &styles.text,
        };
        sheet.write_string_with_format(row, column as u16, *text, format)?;
    }
    Ok(())
}

fn overview_legend(sheet: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(LEGEND_SHEET)?;
    sheet.write_string_with_format(0, 0, "Oversigt over udpegninger", &styles.title)?;
    let lines = [
        (
            count_format(styles, 2, Some(Phase::Fase3)),
            Some(2.0),
            "Antal obligatoriske roller uden udpegning i systemets aktuelle fase hos kommunen; fasen står i parentes",
        ),
        (
            count_format(styles, 0, Some(Phase::Fase4)),
            Some(0.0),
            "Alle obligatoriske roller er besat",
        ),
        (
            styles.text.clone(),
            None,
            "Tom celle: kommunen har ikke systemet i sine udpegninger",
        ),
    ];
    sheet.write_string_with_format(2, 0, "Celle", &styles.header)?;
    sheet.write_string_with_format(2, 1, "Betydning", &styles.header)?;
    let mut row = 3u32;
    for (format, value, meaning) in &lines {
        match value {
            Some(value) => sheet.write_number_with_format(row, 0, *value, format)?,
            None => sheet.write_blank(row, 0, format)?,
        };
        sheet.write_string_with_format(row, 1, *meaning, &styles.text)?;
        row += 1;
    }
    row += 1;
    for text in [
        "Kommunerne står med flest ubesatte obligatoriske roller først.",
        "Roller, der aktiveres (følger en stilling), tæller som besat.",
        "Arket »Ubesatte roller« viser rollerne bag tallene og dem, der skal besættes før næste fase.",
        "Rødt betyder på alle ark: en obligatorisk rolle uden udpegning; gult: en anbefalet rolle uden udpegning eller en rolle, der skal besættes før næste fase; grønt: alt er besat.",
        "Arbejdsbogen indeholder ingen personoplysninger.",
    ] {
        sheet.write_string(row, 0, text)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "Fase", &styles.header)?;
    sheet.write_string_with_format(row, 1, "Navn", &styles.header)?;
    row += 1;
    for phase in Phase::ALL {
        sheet.write_string_with_format(
            row,
            0,
            danish::phase_header(phase, HeaderWidth::Medium),
            &styles.text,
        )?;
        sheet.write_string_with_format(row, 1, phase.title(), &styles.text)?;
        row += 1;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 95)?;
    print_setup(sheet, 0, "Oversigt over udpegninger", LEGEND_SHEET)?;
    Ok(())
}

/// The sheet of the legend in the findings workbook.
pub const FINDINGS_LEGEND_SHEET: &str = "Forklaring";

/// `rg diff --format xlsx` (without `--overview`): one sheet per municipality, one row per
/// finding (every role with `--all`), red for a mandatory role nobody holds, yellow for the
/// other findings, green for a role without one; an autofilter and a frozen header on each.
pub fn findings(
    municipalities: &[crate::diff::MunicipalityDiff],
    all: bool,
) -> Result<Vec<u8>, XlsxError> {
    use crate::render::findings;
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Udpegninger: fund pr. kommune")
            .set_author("rollegalleri"),
    );
    let mut names: Vec<String> = vec![FINDINGS_LEGEND_SHEET.to_string()];
    for municipality in municipalities {
        let name = sheet_name(&municipality.kommune, &names);
        names.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        let rows = findings::rows(municipality, all);
        findings_sheet(sheet, &rows, &styles)?;
        print_setup(
            sheet,
            1,
            &format!("Udpegninger i {}", municipality.kommune),
            "",
        )?;
    }
    findings_legend(workbook.add_worksheet(), &styles)?;
    workbook.save_to_buffer()
}

fn findings_sheet(
    sheet: &mut Worksheet,
    rows: &[crate::render::findings::Row],
    styles: &Styles,
) -> Result<(), XlsxError> {
    use crate::render::findings::HEADER;
    for (column, text) in HEADER.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *text, &styles.header)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let at = index as u32 + 1;
        for (column, text) in row.cells().iter().enumerate() {
            let format = match column {
                4 | 7 => &styles.wrapped,
                6 if row.unfilled_mandatory() => &styles.unfilled,
                6 if row.kode.is_empty() && row.fund.is_empty() => &styles.filled,
                6 => &styles.warned,
                _ => &styles.text,
            };
            sheet.write_string_with_format(at, column as u16, *text, format)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    let last = (rows.len() as u32).max(1);
    sheet.autofilter(0, 0, last, HEADER.len() as u16 - 1)?;
    let mut widths = Vec::new();
    for (column, title) in HEADER.iter().enumerate() {
        let texts = rows.iter().map(|r| r.cells()[column]).chain([*title]);
        // An id is never cut: the longest role id is 39 characters.
        let max = match column {
            3 => 44,
            4 | 7 => 40,
            8 => 34,
            _ => 28,
        };
        let width = fit(texts, 8, max);
        sheet.set_column_width(column as u16, width)?;
        widths.push(width);
    }
    for (index, row) in rows.iter().enumerate() {
        let cells = row.cells();
        let lines = [4, 7]
            .iter()
            .map(|c| wrapped_lines(cells[*c], widths[*c]))
            .max()
            .unwrap_or(1);
        fit_row(sheet, index as u32 + 1, lines)?;
    }
    Ok(())
}

/// A sheet name Excel accepts, unique among `taken`: at most 31 characters, none of `[]:*?/\`,
/// not blank, not starting or ending with `'`.
pub(crate) fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let cleaned: String = wanted
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base: String = if cleaned.is_empty() {
        "Kommune".to_string()
    } else {
        cleaned.chars().take(31).collect()
    };
    let free = |name: &str| {
        !taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let keep = 31 - suffix.chars().count();
            format!("{}{suffix}", base.chars().take(keep).collect::<String>())
        })
        .find(|name| free(name))
        .unwrap_or(base)
}

fn findings_legend(sheet: &mut Worksheet, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(FINDINGS_LEGEND_SHEET)?;
    sheet.write_string_with_format(0, 0, "Fund i udpegningerne", &styles.title)?;
    sheet.write_string_with_format(2, 0, "Fund", &styles.header)?;
    sheet.write_string_with_format(2, 1, "Betydning", &styles.header)?;
    let lines = [
        (
            &styles.unfilled,
            "mangler",
            "En obligatorisk rolle i systemets aktuelle fase, som ingen er udpeget til",
        ),
        (
            &styles.warned,
            "anbefales besat",
            "En anbefalet rolle uden udpegning, eller et andet fund, der bør handles på (næste fase, personsammenfald, forældet bekræftelse)",
        ),
        (
            &styles.filled,
            "",
            "Rollen er besat (med --all vises også rollerne uden fund)",
        ),
    ];
    let mut row = 3u32;
    for (format, text, meaning) in lines {
        sheet.write_string_with_format(row, 0, text, format)?;
        sheet.write_string_with_format(row, 1, meaning, &styles.text)?;
        row += 1;
    }
    row += 1;
    for text in [
        "Ét ark pr. kommune, én række pr. fund. Kolonnen »kode« er reglens kode; `rg explain KODE` forklarer den.",
        "Navne vises; en e-mailadresse kun for personer, der har givet samtykke (samtykke: true).",
    ] {
        sheet.write_string(row, 0, text)?;
        row += 1;
    }
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 100)?;
    print_setup(sheet, 0, "Fund i udpegningerne", FINDINGS_LEGEND_SHEET)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_count_words_that_fit() {
        assert_eq!(wrapped_lines("Superbruger", 40.0), 1);
        assert_eq!(wrapped_lines("aaaa bbbb cccc", 10.0), 2);
        assert_eq!(wrapped_lines("aaaa bbbb cccc dddd eeee", 10.0), 3);
        assert_eq!(wrapped_lines("aaaa bbbb", 10.0), 1);
        assert_eq!(wrapped_lines("", 10.0), 1);
    }

    #[test]
    fn sheet_names_are_ones_excel_takes() {
        let taken = vec!["Forklaring".to_string()];
        assert_eq!(sheet_name("Vordingborg", &taken), "Vordingborg");
        assert_eq!(sheet_name("forklaring", &taken), "forklaring (2)");
        assert_eq!(sheet_name("a/b:c", &taken), "a b c");
        assert_eq!(sheet_name("", &taken), "Kommune");
        assert_eq!(sheet_name(&"x".repeat(40), &taken).chars().count(), 31);
    }
}
