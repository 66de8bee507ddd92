//! `rg diff` over the three example municipalities. The expected findings were written down by
//! hand from the catalogs' statuses and the standard's hand-over rules, before the output was seen.

use std::collections::BTreeSet;
use std::process::Command;

fn rg(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("RG_TODAY", "2026-11-24")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// (system, code, role) for every finding of one municipality, from the JSON output.
fn findings(file: &str) -> BTreeSet<(String, String, String)> {
    let (_, out) = rg(&["diff", "--format", "json", file]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut found = BTreeSet::new();
    for municipality in json["kommuner"].as_array().unwrap() {
        for system in municipality["systemer"].as_array().unwrap() {
            let name = system["system"].as_str().unwrap().to_string();
            for row in system["roller"].as_array().unwrap() {
                for code in row["fund"].as_array().unwrap() {
                    found.insert((
                        name.clone(),
                        code.as_str().unwrap().to_string(),
                        row["rolle"].as_str().unwrap().to_string(),
                    ));
                }
            }
            for next in system["mangler_til_naeste_fase"].as_array().unwrap() {
                found.insert((
                    name.clone(),
                    "rg::diff::next_phase_unfilled".into(),
                    next["rolle"].as_str().unwrap().to_string(),
                ));
            }
        }
    }
    found
}

fn set(items: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    items
        .iter()
        .map(|(s, c, r)| (s.to_string(), format!("rg::diff::{c}"), r.to_string()))
        .collect()
}

#[test]
fn vordingborg_at_the_hand_over() {
    let expected = set(&[
        ("SAPA", "unfilled_mandatory", "superbruger"),
        ("SAPA", "unfilled_recommended", "systemansvarlig"),
        ("SAPA", "unfilled_recommended", "forvaltningsansvarlig"),
        ("SAPA", "next_phase_unfilled", "systemansvarlig"),
        ("SAPA", "next_phase_unfilled", "klik-administrator"),
        ("Byg og Miljø", "unfilled_mandatory", "superbruger"),
        ("Byg og Miljø", "unfilled_recommended", "gevinstejer"),
    ]);
    assert_eq!(findings("examples/vordingborg.yaml"), expected);
}

#[test]
fn holbaek_in_fase_2() {
    let expected = set(&[
        ("KY", "unfilled_mandatory", "gevinstejer"),
        ("KY", "unfilled_mandatory", "underskriftberettiget"),
        (
            "KY",
            "unfilled_mandatory",
            "systemansvarlig-fk-oeko-debitor",
        ),
        ("KY", "unfilled_recommended", "systemejer"),
        // KY appoints systemansvarlig in fase-2 (`udpeges: fase-2`), where it is anbefalet.
        ("KY", "unfilled_recommended", "systemansvarlig"),
        ("KY", "next_phase_unfilled", "supportberettiget-bruger"),
    ]);
    assert_eq!(findings("examples/holbaek.yaml"), expected);
}

/// Rasmus is both systemadministrator and systemansvarlig, but SAPA's catalog states no
/// personsammenfald between the two (Byg og Miljø's does), so no overlap finding here.
#[test]
fn aabenraa_in_fase_4_with_a_leftover_projektleder() {
    let expected = set(&[
        ("SAPA", "inactive_appointed", "projektleder"),
        ("SAPA", "unfilled_mandatory", "klik-administrator"),
        ("SAPA", "unfilled_recommended", "traener"),
        ("SAPA", "unfilled_recommended", "forvaltningsansvarlig"),
        ("KY", "unfilled_recommended", "traener"),
        ("KY", "unfilled_recommended", "forvaltningsansvarlig"),
    ]);
    assert_eq!(findings("examples/aabenraa.yaml"), expected);
}

#[test]
fn spoc_and_primary_contacts_are_shown() {
    let (_, out) = rg(&["diff", "--format", "json", "examples/vordingborg.yaml"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sapa = &json["kommuner"][0]["systemer"][0];
    assert_eq!(sapa["spoc"], "projektleder");
    let support = sapa["roller"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rolle"] == "supportberettiget-bruger")
        .unwrap();
    assert_eq!(support["udpeget"][0]["navn"], "Birgitte Holm");
    assert_eq!(support["udpeget"][0]["primaer"], true);
    assert_eq!(support["udpeget"][1]["primaer"], false);
    let chef = sapa["roller"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rolle"] == "it-digitaliseringschef")
        .unwrap();
    assert_eq!(chef["maade"], "aktiveres");
    assert!(
        chef["fund"].as_array().unwrap().is_empty(),
        "activated roles are never unfilled"
    );
}

#[test]
fn exit_codes_follow_error_level_findings() {
    assert_eq!(rg(&["diff", "examples/aabenraa.yaml"]).0, 1);
    let (code, _) = rg(&[
        "diff",
        "--allow",
        "rg::diff::unfilled_mandatory",
        "examples/aabenraa.yaml",
    ]);
    assert_eq!(code, 0);
    let (code, _) = rg(&[
        "diff",
        "--allow",
        "rg::diff::unfilled_mandatory",
        "--fail-on",
        "warning",
        "examples/aabenraa.yaml",
    ]);
    assert_eq!(code, 1);
}

#[test]
fn overview_puts_the_worst_first() {
    let (code, out) = rg(&["diff", "--overview", "--format", "json", "examples"]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let order: Vec<(&str, u64)> = json["kommuner"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["kommune"].as_str().unwrap(), r["i_alt"].as_u64().unwrap()))
        .collect();
    assert_eq!(order, [("Holbæk", 3), ("Vordingborg", 2), ("Aabenraa", 1)]);
    assert_eq!(json["kommuner"][1]["systemer"]["SAPA"]["fase"], "fase-3");
}

#[test]
fn no_email_of_a_person_without_consent_leaves_the_municipality() {
    let hidden = [
        "jekr@vordingborg.dk",
        "lape@vordingborg.dk",
        "soem@vordingborg.dk",
        "peny@vordingborg.dk",
        "olba@holb.dk",
        "mafr@holb.dk",
        "hela@holb.dk",
        "loth@holb.dk",
        "lesk@aabenraa.dk",
        "toiv@aabenraa.dk",
        "kaju@aabenraa.dk",
        "boch@aabenraa.dk",
        "sibr@aabenraa.dk",
    ];
    let shown = ["anso@vordingborg.dk", "biho@vordingborg.dk"];
    let mut all_outputs = String::new();
    for format in ["human", "json", "markdown", "github", "csv"] {
        for extra in [&[][..], &["--all"], &["--people"], &["--all", "--people"]] {
            let mut args = vec!["diff", "--format", format, "examples"];
            args.extend_from_slice(extra);
            all_outputs.push_str(&rg(&args).1);
        }
    }
    for format in ["human", "json", "markdown", "csv"] {
        all_outputs.push_str(&rg(&["diff", "--overview", "--format", format, "examples"]).1);
    }
    for email in hidden {
        assert!(!all_outputs.contains(email), "{email} leaked");
    }
    // Every role with `--all`, so that holders of filled roles are shown too.
    let (_, markdown) = rg(&["diff", "--format", "markdown", "--all", "examples"]);
    for email in shown {
        assert!(
            markdown.contains(email),
            "{email} (consented) should be shown"
        );
    }
}

/// Broken entries are reported with code and place; the rest of the file is still diffed.
#[test]
fn bad_entries_are_reported_and_the_rest_still_diffed() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.yaml");
    let text = std::fs::read_to_string("examples/vordingborg.yaml")
        .unwrap()
        .replace("  - system: Byg og Miljø\n", "  - system: Ukendt system\n    fase: fase-1\n  - system: Byg og Miljø\n")
        .replace("      projektejer: [karen]\n", "      projektejer: [karen, karen]\n      superbrugr: [lars]\n      gevinstejer: [birgite]\n");
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
    let expected = [
        ("rg::appointments::unknown_system", line_of("Ukendt system")),
        (
            "rg::appointments::duplicate_person",
            line_of("[karen, karen]"),
        ),
        ("rg::appointments::unknown_role", line_of("superbrugr")),
        ("rg::appointments::unknown_person", line_of("birgite]")),
    ];
    std::fs::write(&broken, &text).unwrap();
    let (code, out) = rg(&[
        "diff",
        "--format",
        "json",
        "--catalogs",
        "catalogs",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<(&str, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| !d["code"].as_str().unwrap().starts_with("rg::diff::"))
        .map(|d| (d["code"].as_str().unwrap(), d["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(codes, expected);
    let systems: Vec<&str> = json["kommuner"][0]["systemer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["system"].as_str().unwrap())
        .collect();
    assert_eq!(
        systems,
        ["SAPA"],
        "SAPA is still diffed; Byg og Miljø's entry has errors"
    );
}

#[test]
fn a_phase_outside_the_five_and_an_empty_system_list() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "kommune: A\nsystemer:\n  - system: SAPA\n    fase: fase-5\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.yaml"), "kommune: B\nsystemer: []\n").unwrap();
    let (code, out) = rg(&[
        "diff",
        "--format",
        "json",
        "--catalogs",
        "catalogs",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let codes: Vec<(&str, &str, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    // The entry of A that cannot be read is not taken for an empty list of systems.
    assert_eq!(
        codes,
        [
            ("rg::yaml::invalid_value", "error", 4),
            ("rg::appointments::empty_systems", "warning", 2)
        ]
    );
    // A is not complete: it has its row, with the error that kept its system out.
    assert_eq!(json["kommuner"][0]["kommune"], "A");
    assert_eq!(json["kommuner"][0]["fejl"], 1);
    assert_eq!(json["kommuner"][1]["kommune"], "B");
    assert_eq!(json["kommuner"][1]["fejl"], 0);
}
