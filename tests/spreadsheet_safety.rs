//! Spreadsheet outputs do not attack their reader: a value that starts like a formula (`=`, `+`,
//! `-`, `@`, a tab or a carriage return, OWASP's list for CSV injection) comes out of every CSV
//! writer with a leading `'`, so a spreadsheet shows it as text, and the xlsx workbooks hold such
//! values as text cells, never as formulas.

use calamine::{Data, Reader, Xlsx, open_workbook};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Values that a spreadsheet would take for formulas.
const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://evil\",\"x\")",
    "+1+1",
    "-1+1",
    "@SUM(1)",
    "\t=1+1",
    "\r=1+1",
];

/// A YAML double-quoted scalar holding `text`.
fn quoted(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\t', "\\t")
        .replace('\r', "\\r");
    format!("\"{escaped}\"")
}

/// A repository: a catalog for the system `=1+1` with a tailored role named like a formula, and
/// one municipality per formula.
fn repository() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("catalogs")).unwrap();
    fs::create_dir(dir.path().join("udpegninger")).unwrap();
    let catalog = fs::read_to_string(root.join("catalogs/sapa.yaml"))
        .unwrap()
        .replace("system: SAPA", "system: \"=1+1\"")
        .replace(
            "navn: Superbruger SAPA",
            &format!("navn: {}", quoted(FORMULAS[0])),
        );
    fs::write(dir.path().join("catalogs/formel.yaml"), catalog).unwrap();
    for (index, formula) in FORMULAS.iter().enumerate() {
        fs::write(
            dir.path().join(format!("udpegninger/k{index}.yaml")),
            format!(
                "kommune: {}\npersoner:\n  ole: {{navn: Ole}}\nsystemer:\n  - system: \"=1+1\"\n    fase: fase-2\n    udpegninger:\n      projektleder: [ole]\n",
                quoted(formula)
            ),
        )
        .unwrap();
    }
    fs::write(
        dir.path().join("rg.toml"),
        "catalogs = \"catalogs\"\nappointments = \"udpegninger\"\n",
    )
    .unwrap();
    dir
}

fn rg(dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

/// Every cell of a CSV text, as a spreadsheet program reads it.
fn cells(csv: &[u8]) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv);
    reader
        .records()
        .flat_map(|record| {
            record
                .unwrap()
                .iter()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn assert_no_formula(label: &str, cells: &[String]) {
    for cell in cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{label}: the cell {cell:?} reads as a formula"
        );
    }
}

#[test]
fn no_csv_cell_starts_a_formula() {
    let repo = repository();
    let overview = cells(&rg(repo.path(), &["diff", "--overview", "--format", "csv"]));
    assert_no_formula("rg diff --overview --format csv", &overview);
    // The values are there, as text.
    assert!(overview.contains(&"'=1+1".to_string()), "{overview:?}");
    for formula in [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "+1+1",
        "-1+1",
        "@SUM(1)",
    ] {
        assert!(
            overview.contains(&format!("'{formula}")),
            "{formula}: {overview:?}"
        );
    }
    let table = cells(&rg(
        repo.path(),
        &["table", "catalogs/formel.yaml", "--format", "csv"],
    ));
    assert_no_formula("rg table --format csv", &table);
    assert!(
        table.contains(&"'=HYPERLINK(\"http://evil\",\"x\")".to_string()),
        "{table:?}"
    );
}

#[test]
fn workbooks_hold_formulas_as_text() {
    let repo = repository();
    let cases = [
        (
            vec![
                "diff",
                "--overview",
                "--format",
                "xlsx",
                "-o",
                "oversigt.xlsx",
            ],
            "oversigt.xlsx",
        ),
        (
            vec![
                "table",
                "catalogs/formel.yaml",
                "--format",
                "xlsx",
                "-o",
                "tabel.xlsx",
            ],
            "tabel.xlsx",
        ),
    ];
    for (args, file) in cases {
        rg(repo.path(), &args);
        let mut workbook: Xlsx<_> = open_workbook(repo.path().join(file)).unwrap();
        let mut texts = Vec::new();
        for sheet in workbook.sheet_names() {
            let formulas = workbook.worksheet_formula(&sheet).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{file}/{sheet}: a formula"
            );
            let range = workbook.worksheet_range(&sheet).unwrap();
            texts.extend(range.used_cells().filter_map(|(_, _, cell)| match cell {
                Data::String(text) => Some(text.clone()),
                _ => None,
            }));
        }
        assert!(
            texts
                .iter()
                .any(|t| t == "=HYPERLINK(\"http://evil\",\"x\")"),
            "{file}: {texts:?}"
        );
    }
}
