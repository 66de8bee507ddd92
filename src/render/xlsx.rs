//! Excel workbooks (rust_xlsxwriter) for the people who live in spreadsheets: the phase × role
//! table of a catalog (`rg table --format xlsx`). A header row, frozen panes, an autofilter,
//! column widths fitted to the texts, the ●/○/★ cells coloured, Danish sheet names, and print
//! settings (A4 landscape, one page wide, the header row repeated) so that it prints as it looks.

use crate::model::{Gruppe, Maade, Phase, Status};
use crate::render::danish::{self, HeaderWidth};
use crate::resolve::{ResolvedCatalog, ResolvedRole};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

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
    pub title: Format,
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
            title: Format::new().set_bold().set_font_size(14),
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
    // A little air for the cell padding and the autofilter button.
    (longest + 3).clamp(min, max) as f64
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
            sheet.write_string_with_format(row, 0, &role.navn, &styles.text)?;
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
    sheet.set_column_width(0, fit(names.chain(["Rolle"]), 12, 45))?;
    let ids = catalog.roller.iter().map(|r| r.id.as_str());
    sheet.set_column_width(1, fit(ids.chain(["Id"]), 6, 40))?;
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
