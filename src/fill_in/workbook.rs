//! `rg new appointments --format xlsx`: the fill-in workbook. *Vejledning* explains it in
//! Danish and names the municipality, *Personer* takes one row per person (nøgle, navn, email,
//! samtykke), *Udpegninger* one row per role (system, fase, rolle, personer, with the role's
//! name and statuses beside it for the reader), and a hidden *Lister* holds the drop-down
//! lists of systems, phases, role ids and consent. Headers frozen, columns fitted, every value
//! a text cell. `rg import` reads it back.

use super::layout;
use super::scaffold::SheetRows;
use crate::model::Phase;
use crate::render::xlsx::{Styles, fit, print_setup};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, Format, Formula, Workbook,
    Worksheet, XlsxError,
};

/// The workbook's bytes.
pub(crate) fn workbook(
    rows: &SheetRows,
    systems: &[String],
    roles: &[String],
) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!("Udpegninger for {}", rows.kommune))
            .set_author("rollegalleri"),
    );
    instructions(workbook.add_worksheet(), &rows.kommune, &styles)?;
    persons(workbook.add_worksheet(), rows, &styles)?;
    let counts = (systems.len(), roles.len());
    appointments(workbook.add_worksheet(), rows, counts, &styles)?;
    lists(workbook.add_worksheet(), systems, roles, &styles)?;
    workbook.save_to_buffer()
}

const GUIDE: [&str; 9] = [
    "Arbejdsbogen samler kommunens udpegninger til it-systemerne i rollekatalogerne.",
    "1. Personer: én række pr. person. Nøglen er et kort navn uden mellemrum (fx mette), som bruges på arket Udpegninger. Erstat eksemplet.",
    "2. Samtykke: »ja«, hvis personen accepterer, at andre kommuner ser kontaktoplysningerne. Uden samtykke vises e-mailen aldrig uden for kommunen.",
    "3. Udpegninger: én række pr. rolle i hvert it-system. Vælg systemets aktuelle fase på mindst én af dets rækker; et system uden fase sammenlignes ikke.",
    "4. Skriv personernes nøgler i kolonnen »personer«, flere adskilt med komma; den første er den primære kontakt. Flere rækker til samme rolle lægges sammen.",
    "5. Rækker med systemet »tværgående« er de tværgående roller og infrastrukturrollerne, som gælder for alle it-systemer.",
    "6. En rolle, der aktiveres, følger en stilling: det er frivilligt at skrive, hvem der har den. Kolonnerne »rollenavn« og »status pr. fase« er kun til hjælp.",
    "7. Læs arbejdsbogen ind med: rg import udpegninger.xlsx -o udpegninger.yaml — en fejl vises med sin celle (fx Udpegninger!C7), og intet skrives, før fejlene er rettet.",
    "Tegn: ● obligatorisk, ○ anbefalet, ★ SPOC (KOMBITs kontaktperson i fasen).",
];

fn instructions(sheet: &mut Worksheet, kommune: &str, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(layout::INSTRUCTIONS)?;
    sheet.write_string_with_format(0, 0, format!("Udpegninger for {kommune}"), &styles.title)?;
    sheet.write_string_with_format(2, 0, layout::KOMMUNE, &styles.header)?;
    sheet.write_string_with_format(2, 1, kommune, &styles.text)?;
    let mut row = 4u32;
    for line in GUIDE {
        sheet.merge_range(row, 0, row, 1, line, &styles.wrapped)?;
        sheet.set_row_height(row, 32)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, "Fase", &styles.header)?;
    sheet.write_string_with_format(row, 1, "Navn", &styles.header)?;
    row += 1;
    for phase in Phase::ALL {
        sheet.write_string_with_format(row, 0, phase.id(), &styles.text)?;
        sheet.write_string_with_format(row, 1, phase.title(), &styles.text)?;
        row += 1;
    }
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 110)?;
    sheet.set_active(true);
    print_setup(
        sheet,
        0,
        &format!("Udpegninger for {kommune}"),
        layout::INSTRUCTIONS,
    )?;
    Ok(())
}

fn header_row(sheet: &mut Worksheet, columns: &[&str], styles: &Styles) -> Result<(), XlsxError> {
    for (column, text) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *text, &styles.header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn persons(sheet: &mut Worksheet, rows: &SheetRows, styles: &Styles) -> Result<(), XlsxError> {
    sheet.set_name(layout::PERSONS)?;
    header_row(sheet, &layout::PERSON_COLUMNS, styles)?;
    write_rows(sheet, &rows.persons, styles, &[])?;
    let last = layout::FILL_ROWS;
    let key = DataValidation::new()
        .allow_any_value()
        .set_input_title("Nøgle")?
        .set_input_message("Et kort navn uden mellemrum, fx mette. Det bruges i kolonnen »personer« på arket Udpegninger.")?;
    sheet.add_data_validation(1, 0, last, 0, &key)?;
    let consent = DataValidation::new()
        .allow_list_formula(Formula::new(format!("={}!$D$2:$D$3", layout::LISTS)))
        .set_input_title("Samtykke")?
        .set_input_message(
            "ja: personen accepterer, at andre kommuner ser kontaktoplysningerne.",
        )?;
    sheet.add_data_validation(1, 3, last, 3, &consent)?;
    sheet.set_column_width(0, 16)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 34)?;
    sheet.set_column_width(3, 11)?;
    sheet.autofilter(0, 0, last, 3)?;
    print_setup(
        sheet,
        1,
        &format!("Personer i {}", rows.kommune),
        layout::PERSONS,
    )?;
    Ok(())
}

/// `counts`: how many systems and role ids the drop-down lists hold.
fn appointments(
    sheet: &mut Worksheet,
    rows: &SheetRows,
    counts: (usize, usize),
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(layout::APPOINTMENTS)?;
    let columns: Vec<&str> = layout::APPOINTMENT_COLUMNS
        .iter()
        .chain(layout::APPOINTMENT_HELP.iter())
        .copied()
        .collect();
    header_row(sheet, &columns, styles)?;
    // For the reader only: grey, and wide enough to be read on one line.
    let help = Format::new()
        .set_italic()
        .set_font_color(Color::RGB(0x595959));
    write_rows(sheet, &rows.appointments, styles, &[(4, &help), (5, &help)])?;
    let last = layout::FILL_ROWS;
    let list = |column: &str, count: usize| {
        Formula::new(format!(
            "={}!${column}$2:${column}${}",
            layout::LISTS,
            count.max(1) + 1
        ))
    };
    let (systems, roles) = counts;
    let system = DataValidation::new()
        .allow_list_formula(list("A", systems))
        .set_input_title("System")?
        .set_input_message("Et it-system fra rollekatalogerne, eller »tværgående« for roller, der gælder for alle.")?;
    sheet.add_data_validation(1, 0, last, 0, &system)?;
    let phase = DataValidation::new()
        .allow_list_formula(list("B", Phase::ALL.len()))
        .set_input_title("Fase")?
        .set_input_message("Systemets aktuelle fase i kommunen; nok på én af systemets rækker.")?;
    sheet.add_data_validation(1, 1, last, 1, &phase)?;
    let role = DataValidation::new()
        .allow_list_formula(list("C", roles))
        .set_input_title("Rolle")?
        .set_input_message("Rollens id i rollekataloget.")?;
    sheet.add_data_validation(1, 2, last, 2, &role)?;
    // Several keys in one cell are allowed ("mette, jens"), so a value off the list is only
    // questioned, not refused.
    let people = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "={}!$A$2:$A${}",
            layout::PERSONS,
            last + 1
        )))
        .set_error_style(DataValidationErrorStyle::Information)
        .set_input_title("Personer")?
        .set_input_message("Nøgler fra arket Personer, flere adskilt med komma; den første er den primære kontakt.")?
        .set_error_title("Flere personer?")?
        .set_error_message("Nøgler, der ikke står på arket Personer, meldes som fejl af rg import. Flere nøgler adskilles med komma.")?;
    sheet.add_data_validation(1, 3, last, 3, &people)?;
    for (column, title) in columns.iter().enumerate() {
        let texts = rows
            .appointments
            .iter()
            .map(|r| r[column].as_str())
            .chain([*title]);
        let (min, max) = match column {
            3 => (24, 40),
            4 | 5 => (20, 64),
            _ => (10, 40),
        };
        sheet.set_column_width(column as u16, fit(texts, min, max))?;
    }
    sheet.autofilter(0, 0, last, columns.len() as u16 - 1)?;
    print_setup(
        sheet,
        1,
        &format!("Udpegninger i {}", rows.kommune),
        layout::APPOINTMENTS,
    )?;
    Ok(())
}

fn write_rows(
    sheet: &mut Worksheet,
    rows: &[Vec<String>],
    styles: &Styles,
    formats: &[(usize, &Format)],
) -> Result<(), XlsxError> {
    for (index, row) in rows.iter().enumerate() {
        for (column, text) in row.iter().enumerate() {
            let format = formats
                .iter()
                .find(|(c, _)| *c == column)
                .map_or(&styles.text, |(_, f)| *f);
            sheet.write_string_with_format(index as u32 + 1, column as u16, text, format)?;
        }
    }
    Ok(())
}

/// The drop-down lists, hidden: systems (and »tværgående«), phases, role ids, ja/nej.
fn lists(
    sheet: &mut Worksheet,
    systems: &[String],
    roles: &[String],
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(layout::LISTS)?;
    let phases: Vec<String> = Phase::ALL.iter().map(|p| p.id().to_string()).collect();
    let consent = vec![layout::YES.to_string(), layout::NO.to_string()];
    for (column, (title, values)) in [
        ("system", systems),
        ("fase", phases.as_slice()),
        ("rolle", roles),
        ("samtykke", consent.as_slice()),
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_string_with_format(0, column as u16, title, &styles.header)?;
        for (index, value) in values.iter().enumerate() {
            sheet.write_string(index as u32 + 1, column as u16, value)?;
        }
        sheet.set_column_width(
            column as u16,
            fit(values.iter().map(String::as_str), 10, 40),
        )?;
    }
    sheet.set_hidden(true);
    Ok(())
}
