//! The municipality's round trip: `rg new appointments --format xlsx` writes a fill-in workbook,
//! a person fills it in (here: this test, reading the scaffold with calamine and writing the
//! filled copy with rust_xlsxwriter, as a spreadsheet program would save it), `rg import` reads
//! it back into YAML that `rg check` finds clean and that holds the same rows. A workbook with
//! mistakes gives a finding per bad cell, located as `Udpegninger!C7`, and nothing is written.

use calamine::{Data, Reader, Xlsx, open_workbook};
use rollegalleri::api;
use std::collections::BTreeSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rg(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RG_TODAY", "2026-11-24")
        .output()
        .expect("rg runs")
}

/// A folder with the repository's catalogs and an `rg.toml` naming them.
fn repository() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("catalogs")).unwrap();
    for entry in fs::read_dir(root.join("catalogs")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(
            &path,
            dir.path().join("catalogs").join(path.file_name().unwrap()),
        )
        .unwrap();
    }
    fs::write(dir.path().join("rg.toml"), "catalogs = \"catalogs\"\n").unwrap();
    dir
}

fn text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Every sheet's cells from A1 (calamine's range starts at the first used cell).
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let names = workbook.sheet_names();
    names
        .into_iter()
        .map(|name| {
            let range = workbook.worksheet_range(&name).unwrap();
            let (top, left) = range.start().unwrap_or((0, 0));
            let mut rows = vec![Vec::new(); top as usize];
            for row in range.rows() {
                let mut cells = vec![String::new(); left as usize];
                cells.extend(row.iter().map(text));
                rows.push(cells);
            }
            (name, rows)
        })
        .collect()
}

fn sheet<'a>(sheets: &'a [(String, Vec<Vec<String>>)], name: &str) -> &'a Vec<Vec<String>> {
    &sheets.iter().find(|(n, _)| n == name).unwrap().1
}

/// A file inside the xlsx (zip) package.
fn part(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// Writes a workbook of sheets of text cells, as a spreadsheet program saves a filled one.
fn write_workbook(path: &Path, sheets: &[(&str, Vec<Vec<String>>)]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

fn scaffold(dir: &Path) -> PathBuf {
    let path = dir.join("udpegninger.xlsx");
    let output = rg(
        dir,
        &[
            "new",
            "appointments",
            "Testby",
            "--format",
            "xlsx",
            "-o",
            "udpegninger.xlsx",
        ],
    );
    assert!(output.status.success(), "{output:?}");
    path
}

#[test]
fn the_scaffold_workbook_has_its_sheets_lists_and_frozen_headers() {
    let repo = repository();
    let path = scaffold(repo.path());
    let all = sheets(&path);
    let names: Vec<&str> = all.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Vejledning", "Personer", "Udpegninger", "Lister"]);
    let guide = sheet(&all, "Vejledning");
    assert_eq!(guide[2][..2], ["Kommune", "Testby"]);
    assert!(
        guide.iter().flatten().any(|c| c.contains("rg import")),
        "{guide:?}"
    );
    assert_eq!(
        sheet(&all, "Personer")[0],
        ["nøgle", "navn", "email", "samtykke"]
    );
    let rows = sheet(&all, "Udpegninger");
    assert_eq!(
        rows[0],
        [
            "system",
            "fase",
            "rolle",
            "personer",
            "rollenavn",
            "status pr. fase"
        ]
    );
    // Every role of every catalog has its row: the systemspecifik ones per system, the
    // cross-cutting ones once.
    for (catalog, system) in [("sapa", "SAPA"), ("ky", "KY"), ("bom", "Byg og Miljø")] {
        let compiled = rg(
            repo.path(),
            &[
                "compile",
                &format!("catalogs/{catalog}.yaml"),
                "--format",
                "json",
            ],
        );
        let compiled: serde_json::Value = serde_json::from_slice(&compiled.stdout).unwrap();
        for role in compiled["roller"].as_array().unwrap() {
            let id = role["id"].as_str().unwrap();
            let place = if role["gruppe"] == "systemspecifik" {
                system
            } else {
                "tværgående"
            };
            let row = rows
                .iter()
                .find(|r| r[0] == place && r[2] == id)
                .unwrap_or_else(|| panic!("no row for {place} {id}"));
            if place == system {
                assert_eq!(row[4], role["navn"].as_str().unwrap(), "the tailored name");
            }
        }
    }
    // The drop-down lists: systems, phases, role ids and person keys; the lists sheet hidden.
    let appointments = part(&path, "xl/worksheets/sheet3.xml");
    for list in [
        "Lister!$A$2",
        "Lister!$B$2:$B$6",
        "Lister!$C$2",
        "Personer!$A$2",
    ] {
        assert!(appointments.contains(list), "{list} in {appointments}");
    }
    assert!(appointments.contains(r#"type="list""#));
    assert!(appointments.contains(r#"state="frozen""#), "frozen header");
    assert!(appointments.contains("<cols>"), "fitted columns");
    let persons = part(&path, "xl/worksheets/sheet2.xml");
    assert!(persons.contains("Lister!$D$2:$D$3"), "ja/nej for samtykke");
    let workbook = part(&path, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="Lister" sheetId="4" state="hidden""#),
        "{workbook}"
    );
    let lists = sheet(&all, "Lister");
    assert_eq!(lists[1][1], "opvarmning");
    assert!(lists.iter().any(|r| r[0] == "tværgående"));
    assert!(
        lists
            .iter()
            .any(|r| r.get(2).is_some_and(|c| c == "superbruger"))
    );

    // Never over an existing file without --force.
    let again = rg(
        repo.path(),
        &[
            "new",
            "appointments",
            "Testby",
            "--format",
            "xlsx",
            "-o",
            "udpegninger.xlsx",
        ],
    );
    assert_eq!(again.status.code(), Some(2));
}

/// The scaffold's rows with people and phases written in, as a municipality fills them.
fn filled(scaffold: &[(String, Vec<Vec<String>>)]) -> Vec<(&'static str, Vec<Vec<String>>)> {
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let persons = vec![
        row(&["nøgle", "navn", "email", "samtykke"]),
        row(&["mette", "Mette Hansen", "meha@testby.dk", "ja"]),
        row(&["jens", "Jens Kristensen", "jekr@testby.dk", "nej"]),
        row(&["anne", "Anne Sørensen", "", ""]),
    ];
    let phases = [
        ("SAPA", "fase-3"),
        ("KY", "Fase 2"),
        ("Byg og Miljø", "fase-4"),
    ];
    let people = [
        ("tværgående", "kombit-programleder", "mette"),
        ("tværgående", "it-digitaliseringschef", "jens"),
        ("SAPA", "projektleder", "anne, jens"),
        ("SAPA", "superbruger", "jens"),
        ("KY", "projektejer", "mette"),
        ("Byg og Miljø", "systemejer", "anne"),
    ];
    let mut appointments = sheet(scaffold, "Udpegninger").clone();
    let mut phased = BTreeSet::new();
    for cells in appointments.iter_mut().skip(1) {
        cells.resize(6, String::new());
        if let Some((system, phase)) = phases.iter().find(|(s, _)| *s == cells[0])
            && phased.insert(*system)
        {
            cells[1] = phase.to_string();
        }
        if let Some((_, _, keys)) = people
            .iter()
            .find(|(s, r, _)| *s == cells[0] && *r == cells[2])
        {
            cells[3] = keys.to_string();
        }
    }
    // A second row for a role adds a holder after the first.
    appointments.push(row(&["SAPA", "", "superbruger", "mette"]));
    vec![
        ("Vejledning", sheet(scaffold, "Vejledning").clone()),
        ("Personer", persons),
        ("Udpegninger", appointments),
    ]
}

#[test]
fn scaffold_fill_import_check_gives_the_same_rows() {
    let repo = repository();
    let path = scaffold(repo.path());
    let sheets = sheets(&path);
    let filled_sheets = filled(&sheets);
    let filled_path = repo.path().join("udfyldt.xlsx");
    write_workbook(&filled_path, &filled_sheets);

    let output = rg(
        repo.path(),
        &["import", "udfyldt.xlsx", "-o", "testby.yaml"],
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("0 errors, 0 warnings"), "{stdout}");
    assert!(
        stderr.contains("wrote testby.yaml: 3 persons, 3 systems"),
        "{stderr}"
    );

    let check = rg(
        repo.path(),
        &["check", "--fail-on", "warning", "testby.yaml"],
    );
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // The same rows: each system's phase (as its id), each role's holders in order.
    let file = api::read_file(&repo.path().join("testby.yaml")).unwrap();
    let appointments = api::read_appointments(&file).unwrap();
    assert_eq!(appointments.kommune.value, "Testby");
    let mut read: Vec<(String, String, String)> = appointments
        .tvaergaaende
        .iter()
        .map(|(role, keys)| {
            let keys: Vec<&str> = keys.iter().map(|k| k.value.as_str()).collect();
            ("tværgående".into(), role.value.clone(), keys.join(", "))
        })
        .collect();
    let mut phases = Vec::new();
    for system in &appointments.systemer.value {
        phases.push((system.system.value.clone(), system.phase().map(|p| p.id())));
        for (role, keys) in system.udpegninger.iter() {
            let keys: Vec<&str> = keys.iter().map(|k| k.value.as_str()).collect();
            read.push((
                system.system.value.clone(),
                role.value.clone(),
                keys.join(", "),
            ));
        }
    }
    read.sort();
    let mut expected = [
        ("tværgående", "kombit-programleder", "mette"),
        ("tværgående", "it-digitaliseringschef", "jens"),
        ("SAPA", "projektleder", "anne, jens"),
        ("SAPA", "superbruger", "jens, mette"),
        ("KY", "projektejer", "mette"),
        ("Byg og Miljø", "systemejer", "anne"),
    ]
    .iter()
    .map(|(s, r, k)| (s.to_string(), r.to_string(), k.to_string()))
    .collect::<Vec<_>>();
    expected.sort();
    assert_eq!(read, expected);
    phases.sort();
    assert_eq!(
        phases,
        [
            ("Byg og Miljø".to_string(), Some("fase-4")),
            ("KY".to_string(), Some("fase-2")),
            ("SAPA".to_string(), Some("fase-3")),
        ]
    );
    let mette = appointments.person("mette").unwrap();
    assert!(mette.shareable_email().is_some(), "ja is consent");
    let jens = appointments.person("jens").unwrap();
    assert_eq!(jens.shareable_email(), None, "nej is no consent");

    // The imported file is diffed like any other.
    let diff = rg(repo.path(), &["diff", "testby.yaml"]);
    assert_eq!(diff.status.code(), Some(1), "unfilled roles remain");
    let diff = String::from_utf8_lossy(&diff.stdout);
    assert!(diff.lines().next().unwrap().starts_with("Testby"), "{diff}");
}

#[test]
fn a_bad_workbook_gives_located_findings_and_writes_nothing() {
    let repo = repository();
    let path = scaffold(repo.path());
    let mut sheets = filled(&sheets(&path));
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    sheets[1]
        .1
        .push(row(&["ida", "Ida Holm", "ida.holm-testby.dk", "måske"]));
    let appointments = &mut sheets[2].1;
    let at = appointments.len();
    appointments.push(row(&["SAPA", "", "superbrugr", "mette"]));
    appointments.push(row(&["SAPA", "", "traener", "mete"]));
    appointments.push(row(&["KY", "fase-3", "", ""]));
    appointments.push(row(&["SAP", "fase-2", "projektleder", "ida"]));
    let bad = repo.path().join("fejl.xlsx");
    write_workbook(&bad, &sheets);

    let output = rg(
        repo.path(),
        &["import", "fejl.xlsx", "-o", "fejl.yaml", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        !repo.path().join("fejl.yaml").exists(),
        "nothing is written"
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: BTreeSet<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["file"], "fejl.xlsx");
            (
                d["code"].as_str().unwrap().to_string(),
                d["sheet"].as_str().unwrap_or_default().to_string(),
                d["cell"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let row_of = |offset: usize| (at + offset + 1).to_string();
    for (code, sheet, cell) in [
        (
            "rg::appointments::invalid_email",
            "Personer",
            "C5".to_string(),
        ),
        (
            "rg::appointments::invalid_consent",
            "Personer",
            "D5".to_string(),
        ),
        (
            "rg::appointments::unknown_role",
            "Udpegninger",
            format!("C{}", row_of(0)),
        ),
        (
            "rg::appointments::unknown_person",
            "Udpegninger",
            format!("D{}", row_of(1)),
        ),
        (
            "rg::yaml::invalid_value",
            "Udpegninger",
            format!("B{}", row_of(2)),
        ),
        (
            "rg::appointments::unknown_system",
            "Udpegninger",
            format!("A{}", row_of(3)),
        ),
    ] {
        let wanted = (code.to_string(), sheet.to_string(), cell.clone());
        assert!(found.contains(&wanted), "{wanted:?} in {found:#?}");
    }
    let help: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(help.contains(&"did you mean `superbruger`?"), "{help:?}");
    assert!(help.contains(&"did you mean `mette`?"), "{help:?}");
    assert!(help.contains(&"did you mean `SAPA`?"), "{help:?}");

    // The human report names file and cell.
    let human = rg(repo.path(), &["import", "fejl.xlsx", "-o", "fejl.yaml"]);
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(
        stdout.contains(&format!("fejl.xlsx Udpegninger!C{}: ", row_of(0))),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&human.stderr).contains("nothing was written"));
    assert!(!repo.path().join("fejl.yaml").exists());
}

/// The CSV form: `rg new appointments --format csv`, filled in as text, imported; a bad cell
/// names its sheet and cell, and its line in the file.
#[test]
fn the_csv_form_round_trips_too() {
    let repo = repository();
    let made = rg(
        repo.path(),
        &["new", "appointments", "Testby", "--format", "csv"],
    );
    assert!(made.status.success());
    let csv = String::from_utf8(made.stdout).unwrap();
    let filled = csv
        .replace("eksempel,,,nej", "mette,Mette Hansen,meha@testby.dk,ja")
        .replace(
            "tværgående,,kombit-programleder,,",
            "tværgående,,kombit-programleder,mette,",
        )
        .replacen("SAPA,,projektleder,,", "SAPA,fase-3,projektleder,mette,", 1)
        .replacen("KY,,projektejer,,", "KY,fase-2,projektejer,mette,", 1)
        .replacen(
            "Byg og Miljø,,projektejer,,",
            "Byg og Miljø,fase-1,projektejer,mette,",
            1,
        );
    fs::write(repo.path().join("udfyldt.csv"), &filled).unwrap();
    let output = rg(repo.path(), &["import", "udfyldt.csv", "-o", "-"]);
    assert!(output.status.success(), "{output:?}");
    let yaml = String::from_utf8(output.stdout).unwrap();
    assert!(yaml.contains("    fase: fase-3\n"), "{yaml}");
    let file = api::decode(Path::new("testby.yaml"), yaml.into_bytes()).unwrap();
    let checker = api::Checker::in_folder(repo.path()).unwrap();
    let found = checker.check_as(file, api::FileKind::Appointments);
    assert!(found.is_empty(), "{found:#?}");

    let bad = filled.replacen(
        "SAPA,fase-3,projektleder,mette,",
        "SAPA,fase-3,projektleder,mete,",
        1,
    );
    fs::write(repo.path().join("fejl.csv"), &bad).unwrap();
    let output = rg(
        repo.path(),
        &["import", "fejl.csv", "-o", "fejl.yaml", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["code"], "rg::appointments::unknown_person");
    assert_eq!(d["sheet"], "Udpegninger");
    let line = bad.lines().position(|l| l.contains(",mete,")).unwrap() + 1;
    assert_eq!(d["line"], line as u64, "{d}");
    let row_in_sheet = bad
        .lines()
        .skip_while(|l| *l != "Udpegninger")
        .position(|l| l.contains(",mete,"))
        .unwrap();
    assert_eq!(d["cell"], format!("D{row_in_sheet}"), "{d}");
    assert!(!repo.path().join("fejl.yaml").exists());
}
