//! The Excel workbooks, read back the way a spreadsheet program reads them (calamine), checked
//! against the same catalog compiled to JSON, and their sheet XML checked for the frozen header,
//! autofilter, column widths and print setup.

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

fn rg(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("rg runs")
}

fn text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The rows of a sheet as strings.
fn rows(workbook: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<String>> {
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| row.iter().map(text).collect())
        .collect()
}

/// A file inside the xlsx (zip) package.
fn part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

fn compiled(catalog: &str) -> Value {
    let output = rg(&["compile", catalog, "--format", "json"]);
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

const PHASES: [&str; 5] = ["opvarmning", "fase-1", "fase-2", "fase-3", "fase-4"];

#[test]
fn table_workbook_matches_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    for catalog in [
        "catalogs/sapa.yaml",
        "catalogs/ky.yaml",
        "catalogs/bom.yaml",
    ] {
        let path = dir.path().join("table.xlsx");
        let output = rg(&[
            "table",
            catalog,
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap(),
            "--force",
        ]);
        assert!(output.status.success(), "{catalog}: {output:?}");
        assert!(output.stdout.is_empty());

        let resolved = compiled(catalog);
        let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
        assert_eq!(workbook.sheet_names(), ["Roller pr. fase", "Forklaring"]);
        let table = rows(&mut workbook, "Roller pr. fase");
        assert_eq!(
            table[0],
            [
                "Rolle",
                "Id",
                "Gruppe",
                "Opvarmning",
                "Fase 1\nOpstart",
                "Fase 2\nForberedelse",
                "Fase 3\nIbrugtagning",
                "Fase 4\nForankring",
                "SPOC i",
                "Besættes"
            ]
        );
        let roles = resolved["roller"].as_array().unwrap();
        assert_eq!(table.len(), roles.len() + 1, "{catalog}: one row per role");
        for role in roles {
            let id = role["id"].as_str().unwrap();
            let row = table
                .iter()
                .find(|r| r[1] == id)
                .unwrap_or_else(|| panic!("{catalog}: no row for {id}"));
            assert_eq!(row[0], role["navn"].as_str().unwrap());
            for (index, phase) in PHASES.iter().enumerate() {
                let cell = &row[3 + index];
                let status = role["status"][phase].as_str().unwrap();
                let spoc = resolved["spoc"][phase].as_str() == Some(id);
                let right = match status {
                    "obligatorisk" => cell.starts_with('●'),
                    "anbefalet" => cell.starts_with('○'),
                    _ => !cell.contains(['●', '○']),
                };
                assert!(right, "{catalog} {id} {phase}: {cell:?} for {status}");
                assert_eq!(cell.contains('★'), spoc, "{catalog} {id} {phase}: {cell:?}");
            }
            let spoc_phases = PHASES
                .iter()
                .filter(|p| resolved["spoc"][**p].as_str() == Some(id))
                .count();
            assert_eq!(row[8].is_empty(), spoc_phases == 0, "{catalog} {id}");
        }

        let legend = rows(&mut workbook, "Forklaring");
        assert_eq!(legend[0][0], resolved["titel"].as_str().unwrap());
        let system = legend.iter().find(|r| r[0] == "System").unwrap();
        assert_eq!(system[1], resolved["system"].as_str().unwrap());
        for phase_title in [
            "Opvarmningsperiode",
            "Fase 1: Opstart",
            "Fase 4: Forankring",
        ] {
            assert!(legend.iter().any(|r| r[0] == phase_title), "{phase_title}");
        }
    }
}

#[test]
fn status_cells_are_coloured_and_the_header_is_bold() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sapa.xlsx");
    let output = rg(&[
        "table",
        "catalogs/sapa.yaml",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let table = rows(&mut workbook, "Roller pr. fase");
    let styles = workbook.worksheet_style("Roller pr. fase").unwrap();
    let fill = |row: usize, column: usize| -> Option<u32> {
        let style = styles.get((row as u32, column as u32))?;
        let colour = style.fill.as_ref()?.get_color()?;
        Some(colour.to_argb() & 0x00FF_FFFF)
    };
    let bold = |row: usize, column: usize| {
        styles
            .get((row as u32, column as u32))
            .and_then(|s| s.font.as_ref())
            .is_some_and(|f| f.is_bold())
    };
    assert!(bold(0, 0), "header bold");
    let (mut mandatory, mut recommended, mut spoc) = (0, 0, 0);
    for (r, row) in table.iter().enumerate().skip(1) {
        for (c, cell) in row.iter().enumerate().take(8).skip(3) {
            if cell.starts_with('●') {
                assert_eq!(fill(r, c), Some(0xC6EFCE), "obligatorisk at {r},{c}");
                mandatory += 1;
            } else if cell.starts_with('○') {
                assert_eq!(fill(r, c), Some(0xFFEB9C), "anbefalet at {r},{c}");
                recommended += 1;
            }
            if cell.contains('★') {
                assert!(bold(r, c), "SPOC bold at {r},{c}");
                spoc += 1;
            } else {
                assert!(!bold(r, c), "{r},{c}");
            }
        }
    }
    assert!(
        mandatory > 20 && recommended > 3,
        "{mandatory} {recommended}"
    );
    assert_eq!(spoc, 5, "one SPOC per phase");
}

#[test]
fn frozen_header_autofilter_widths_and_print_setup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sapa.xlsx");
    assert!(
        rg(&[
            "table",
            "catalogs/sapa.yaml",
            "--format",
            "xlsx",
            "-o",
            path.to_str().unwrap()
        ])
        .status
        .success()
    );
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>"#),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:J24"/>"#), "{sheet}");
    assert!(sheet.contains("<cols>"), "column widths are set");
    assert!(sheet.contains(r#"paperSize="9""#) && sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#), "one page wide");
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles") && workbook.contains("'Roller pr. fase'!$1:$1"),
        "{workbook}"
    );
}

#[test]
fn xlsx_output_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sapa.xlsx");
    let path_text = path.to_str().unwrap();
    let args = [
        "table",
        "catalogs/sapa.yaml",
        "--format",
        "xlsx",
        "-o",
        path_text,
    ];
    assert!(rg(&args).status.success());
    // an existing file is kept without --force
    let again = rg(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    // never onto the catalog itself, even with --force
    let onto = rg(&[
        "table",
        "catalogs/sapa.yaml",
        "--format",
        "xlsx",
        "-o",
        "catalogs/sapa.yaml",
        "--force",
    ]);
    assert_eq!(onto.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&onto.stderr).contains("this run reads it"));
    // a redirected stdout gets the workbook
    let piped = rg(&["table", "catalogs/sapa.yaml", "--format", "xlsx"]);
    assert!(piped.status.success());
    assert!(piped.stdout.starts_with(b"PK\x03\x04"), "a zip package");
    // a catalog with errors gives no workbook
    let broken = rg(&[
        "table",
        "tests/fixtures/catalog/unknown_role/fail.yaml",
        "--format",
        "xlsx",
        "-o",
        dir.path().join("broken.xlsx").to_str().unwrap(),
    ]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(!dir.path().join("broken.xlsx").exists());
}

#[test]
fn xlsx_is_not_written_to_a_terminal() {
    let probe = Command::new("script").arg("--version").output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("`script` (util-linux) is not installed; skipped");
        return;
    }
    let rg = env!("CARGO_BIN_EXE_rg");
    let output = Command::new("script")
        .args([
            "-qec",
            &format!("{rg} table catalogs/sapa.yaml --format xlsx"),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("-o FILE"));
}

fn json_of(args: &[&str]) -> Value {
    let output = rg(args);
    assert_ne!(output.status.code(), Some(2), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn number(data: &Data) -> Option<f64> {
    match data {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn overview_workbook_matches_the_overview() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oversigt.xlsx");
    let output = rg(&[
        "diff",
        "--overview",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        "examples/",
    ]);
    // the examples have unfilled mandatory roles: exit 1, and the workbook is written
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty());
    let overview = json_of(&["diff", "--overview", "--format", "json", "examples/"]);
    let systems: Vec<&str> = overview["systemer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let municipalities = overview["kommuner"].as_array().unwrap();

    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Oversigt", "Ubesatte roller", "Forklaring"]
    );
    let range = workbook.worksheet_range("Oversigt").unwrap();
    let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let mut header = vec!["Kommune".to_string()];
    header.extend(systems.iter().map(|s| s.to_string()));
    header.push("I alt".into());
    assert_eq!(cells[0].iter().map(text).collect::<Vec<_>>(), header);
    assert_eq!(cells.len(), municipalities.len() + 2, "header, rows, total");
    let styles = workbook.worksheet_style("Oversigt").unwrap();
    for (index, municipality) in municipalities.iter().enumerate() {
        let row = &cells[index + 1];
        assert_eq!(
            text(&row[0]),
            municipality["kommune"].as_str().unwrap(),
            "worst first"
        );
        for (column, system) in systems.iter().enumerate() {
            let cell = &row[column + 1];
            match municipality["systemer"].get(system) {
                Some(entry) => {
                    let count = entry["ubesatte_obligatoriske"].as_u64().unwrap();
                    assert_eq!(number(cell), Some(count as f64), "a number, so it sums");
                    let fill = styles
                        .get(((index + 1) as u32, (column + 1) as u32))
                        .and_then(|s| s.fill.as_ref())
                        .and_then(|f| f.get_color())
                        .map(|c| c.to_argb() & 0x00FF_FFFF);
                    let expected = if count == 0 { 0xC6EFCE } else { 0xFFC7CE };
                    assert_eq!(fill, Some(expected), "{system} in row {index}");
                }
                None => assert_eq!(*cell, Data::Empty),
            }
        }
        let total = municipality["i_alt"].as_u64().unwrap() as f64;
        assert_eq!(number(&row[systems.len() + 1]), Some(total));
    }
    let totals = cells.last().unwrap();
    assert_eq!(text(&totals[0]), "I alt");
    let all: u64 = municipalities
        .iter()
        .map(|m| m["i_alt"].as_u64().unwrap())
        .sum();
    assert_eq!(number(&totals[systems.len() + 1]), Some(all as f64));
    // the phase is shown by the number format
    let styles_xml = part(&path, "xl/styles.xml");
    assert!(
        styles_xml.contains("formatCode=\"0&quot; (Fase 2)&quot;\""),
        "{styles_xml}"
    );
    let sheet = part(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#));

    // the roles behind the numbers: as many unfilled mandatory roles "nu" per system as counted
    let unfilled = rows(&mut workbook, "Ubesatte roller");
    assert_eq!(
        unfilled[0],
        [
            "Kommune", "System", "Fase", "Rolle", "Id", "Status", "SPOC", "Hvornår"
        ]
    );
    for municipality in municipalities {
        let kommune = municipality["kommune"].as_str().unwrap();
        for (system, entry) in municipality["systemer"].as_object().unwrap() {
            let now = unfilled
                .iter()
                .filter(|r| r[0] == kommune && r[1] == *system)
                .filter(|r| r[5] == "obligatorisk" && r[7] == "nu")
                .count();
            assert_eq!(
                now as u64,
                entry["ubesatte_obligatoriske"].as_u64().unwrap(),
                "{kommune} {system}"
            );
        }
    }
    assert!(
        unfilled.iter().any(|r| r[7].starts_with("før fase")),
        "roles needed before the next phase"
    );
}

#[test]
fn overview_workbook_holds_no_persons() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oversigt.xlsx");
    rg(&[
        "diff",
        "--overview",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        "examples/",
    ]);
    let strings = part(&path, "xl/sharedStrings.xml");
    let diff = json_of(&["diff", "--format", "json", "examples/"]);
    let mut persons = 0;
    for municipality in diff["kommuner"].as_array().unwrap() {
        for system in municipality["systemer"].as_array().unwrap() {
            for role in system["roller"].as_array().unwrap() {
                for holder in role["udpeget"].as_array().unwrap() {
                    let name = holder["navn"].as_str().unwrap();
                    assert!(!strings.contains(name), "{name} in the overview");
                    if let Some(email) = holder["email"].as_str() {
                        assert!(!strings.contains(email), "{email} in the overview");
                    }
                    persons += 1;
                }
            }
        }
    }
    assert!(persons > 5, "the examples appoint people");
}

/// `rg diff --format xlsx` without `--overview`: a sheet per municipality, one row per finding as
/// the CSV has them, an autofilter and a frozen header on each, red for a mandatory role nobody
/// holds, yellow for the other findings.
#[test]
fn findings_workbook_has_a_sheet_per_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fund.xlsx");
    let output = rg(&[
        "diff",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        "examples/",
    ]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty());
    let csv = rg(&["diff", "--format", "csv", "examples/"]);
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let expected: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();

    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        ["Aabenraa", "Holbæk", "Vordingborg", "Forklaring"]
    );
    let header = [
        "kommune",
        "system",
        "fase",
        "rolle",
        "rollenavn",
        "status",
        "fund",
        "udpeget",
        "kode",
    ];
    let mut red = 0;
    for (index, kommune) in ["Aabenraa", "Holbæk", "Vordingborg"].iter().enumerate() {
        let sheet = rows(&mut workbook, kommune);
        assert_eq!(sheet[0], header, "{kommune}");
        let of_kommune: Vec<&Vec<String>> = expected.iter().filter(|r| r[0] == *kommune).collect();
        assert_eq!(
            sheet.len() - 1,
            of_kommune.len(),
            "{kommune}: one row per finding"
        );
        for (row, line) in sheet.iter().skip(1).zip(&of_kommune) {
            assert_eq!(row, *line, "{kommune}");
        }
        let styles = workbook.worksheet_style(kommune).unwrap();
        for (r, row) in sheet.iter().enumerate().skip(1) {
            let fill = styles
                .get((r as u32, 6))
                .and_then(|s| s.fill.as_ref())
                .and_then(|f| f.get_color())
                .map(|c| c.to_argb() & 0x00FF_FFFF);
            let expected = match row[8].as_str() {
                "rg::diff::unfilled_mandatory" | "rg::diff::spoc_unfilled" => 0xFFC7CE,
                _ => 0xFFEB9C,
            };
            red += usize::from(expected == 0xFFC7CE);
            assert_eq!(fill, Some(expected), "{kommune} row {r}: {row:?}");
        }
        let xml = part(&path, &format!("xl/worksheets/sheet{}.xml", index + 1));
        assert!(xml.contains("<autoFilter ref=\"A1:I"), "{xml}");
        assert!(xml.contains(r#"state="frozen""#), "{xml}");
    }
    assert!(red >= 4, "the examples leave mandatory roles unfilled");

    // One municipality: its own sheet and the legend.
    let one = dir.path().join("en.xlsx");
    rg(&[
        "diff",
        "--format",
        "xlsx",
        "-o",
        one.to_str().unwrap(),
        "examples/vordingborg.yaml",
    ]);
    let workbook: Xlsx<_> = open_workbook(&one).unwrap();
    assert_eq!(workbook.sheet_names(), ["Vordingborg", "Forklaring"]);
}

/// The overview's sheet of unfilled roles has the overview's meaning of colour: red for a
/// mandatory role nobody holds now, yellow for the rest, never green; long role names wrap.
#[test]
fn unfilled_roles_are_red_not_green() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("oversigt.xlsx");
    rg(&[
        "diff",
        "--overview",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
        "examples/",
    ]);
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    let unfilled = rows(&mut workbook, "Ubesatte roller");
    let styles = workbook.worksheet_style("Ubesatte roller").unwrap();
    let style = |r: usize, c: usize| styles.get((r as u32, c as u32)).unwrap();
    for (r, row) in unfilled.iter().enumerate().skip(1) {
        let fill = style(r, 5)
            .fill
            .as_ref()
            .and_then(|f| f.get_color())
            .map(|c| c.to_argb() & 0x00FF_FFFF);
        let now_mandatory = row[5] == "obligatorisk" && row[7] == "nu";
        let expected = if now_mandatory { 0xFFC7CE } else { 0xFFEB9C };
        assert_eq!(fill, Some(expected), "row {r}: {row:?}");
        let wraps = style(r, 3).alignment.as_ref().is_some_and(|a| a.wrap_text);
        assert!(wraps, "row {r}: the role name wraps");
    }
}
