//! Hostile and broken input to `rg check`: each gives a diagnostic with a code and a location,
//! never a panic, and the other files are still checked.

use std::fs;
use std::path::Path;
use std::process::Command;

fn check_json(dir: &Path, paths: &[&str]) -> (i32, serde_json::Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(paths)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    let json = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (output.status.code().unwrap(), json)
}

fn codes(json: &serde_json::Value) -> Vec<(String, String, u64, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

const CATALOG: &str = include_str!("fixtures/catalogs/testsystem.yaml");

#[test]
fn a_huge_file_is_refused_by_size_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let huge = fs::File::create(dir.path().join("huge.yaml")).unwrap();
    huge.set_len(100 * 1024 * 1024).unwrap();
    fs::write(
        dir.path().join("other.yaml"),
        CATALOG.replace("rolle: systemejer", "rolle: systemejr"),
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let found = codes(&json);
    assert!(
        found
            .iter()
            .any(|(f, c, _, _)| f == "huge.yaml" && c == "rg::yaml::limit"),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(f, c, _, _)| f == "other.yaml" && c == "rg::catalog::unknown_role"),
        "{found:?}"
    );
}

#[test]
fn a_symlink_loop_is_reported_not_followed_forever() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).unwrap();
    fs::write(dir.path().join("sub/katalog.yaml"), CATALOG).unwrap();
    let (_, json) = check_json(dir.path(), &["."]);
    let found = codes(&json);
    assert!(
        found.iter().any(|(_, c, _, _)| c == "rg::file::unreadable"),
        "{found:?}"
    );
    assert_eq!(json["summary"]["files"], 1);
}

#[test]
fn crlf_and_bom_keep_columns_right() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "\u{feff}{}",
        CATALOG
            .replace("rolle: systemejer", "rolle: systemejr")
            .replace('\n', "\r\n")
    );
    fs::write(dir.path().join("crlf.yaml"), text).unwrap();
    let (_, json) = check_json(dir.path(), &["crlf.yaml"]);
    let found = codes(&json);
    assert!(
        found.contains(&(
            "crlf.yaml".into(),
            "rg::catalog::unknown_role".into(),
            18,
            12
        )),
        "{found:?}"
    );
}

#[test]
fn columns_count_characters_after_danish_letters() {
    let dir = tempfile::tempdir().unwrap();
    let text = CATALOG.replace("  - rolle: systemejer\n", "  - {rolle: systemejr, navn: Æøå Systemejer, status: {fase-4: obligatorisk}}\n  - rolle: systemejer\n");
    let text = text.replace(
        "navn: Æøå Systemejer, status",
        "navn: Æøå, status: {fase-4: obligatorisk}, udpeges: fase-9, x",
    );
    fs::write(dir.path().join("a.yaml"), &text).unwrap();
    let (_, json) = check_json(dir.path(), &["a.yaml"]);
    let found = codes(&json);
    let line = text.lines().position(|l| l.contains("fase-9")).unwrap() as u64 + 1;
    let expected_column = text
        .lines()
        .nth(line as usize - 1)
        .unwrap()
        .split("fase-9")
        .next()
        .unwrap()
        .chars()
        .count() as u64
        + 1;
    assert!(
        found.contains(&(
            "a.yaml".into(),
            "rg::yaml::invalid_value".into(),
            line,
            expected_column
        )),
        "{found:?}"
    );
}

#[test]
fn a_string_where_a_list_is_expected() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.yaml"),
        CATALOG.replace("udfoerer: [projektleder]", "udfoerer: projektleder"),
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), &["a.yaml"]);
    assert_eq!(code, 1);
    let found = codes(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "rg::yaml::invalid_value");
    assert_eq!(found[0].2, 28);
}

#[test]
fn stdin_is_checked_as_one_file() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            CATALOG
                .replace("galleri: \"1.6\"", "galleri: \"1.4\"")
                .as_bytes(),
        )
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = codes(&json);
    assert_eq!(
        found,
        vec![(
            "<stdin>".into(),
            "rg::catalog::gallery_version".into(),
            3,
            10
        )]
    );
}

#[cfg(unix)]
#[test]
fn pipes_are_read_once() {
    // `rg check <(git show HEAD:catalogs/x.yaml)`: the catalog, known only by its keys, makes
    // the appointments file (also a pipe) be checked a second time, which must not read the
    // pipe again.
    let script = format!(
        "'{}' check --format json <(cat catalogs/sapa.yaml) <(cat examples/vordingborg.yaml)",
        env!("CARGO_BIN_EXE_rg")
    );
    let output = Command::new("bash")
        .args(["-c", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(codes(&json), vec![], "{json}");
    assert_eq!(json["summary"]["files"], 2, "{json}");
    assert_eq!(output.status.code(), Some(0));
}

/// UTF-16 (as Windows tools save "Unicode"), little- or big-endian, with a byte order mark or
/// without: `rg::file::encoding`, saying so, not "not a role, catalog or appointments file".
#[test]
fn utf16_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let text = "kommune: Næstved\npersoner: {}\nsystemer: []\n";
    let mut names = Vec::new();
    for (order, big) in [("le", false), ("be", true)] {
        for bom in [false, true] {
            let mut units: Vec<u16> = text.encode_utf16().collect();
            if bom {
                units.insert(0, 0xfeff);
            }
            let bytes: Vec<u8> = units
                .into_iter()
                .flat_map(|u| {
                    if big {
                        u.to_be_bytes()
                    } else {
                        u.to_le_bytes()
                    }
                })
                .collect();
            let name = format!("utf16{order}{}.yaml", if bom { "-bom" } else { "" });
            fs::write(dir.path().join(&name), bytes).unwrap();
            names.push(name);
        }
    }
    let (code, json) = check_json(dir.path(), &["."]);
    assert_eq!(code, 1);
    let found = codes(&json);
    assert_eq!(found.len(), names.len(), "{json:#}");
    for name in &names {
        assert!(
            found
                .iter()
                .any(|(f, c, _, _)| f == name && c == "rg::file::encoding"),
            "{name}: {found:?}"
        );
    }
    for diagnostic in json["diagnostics"].as_array().unwrap() {
        assert_eq!(
            diagnostic["message"],
            "the file looks like UTF-16; save it as UTF-8"
        );
    }
}
