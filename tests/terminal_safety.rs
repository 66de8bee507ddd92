//! Control characters from the files never reach an output. YAML's double-quoted scalars can
//! hold any character as an escape (`"\e]0;title\a"`), and the files are shared between
//! municipalities: a value that moves the cursor, clears the screen, sets the terminal's title
//! or rings its bell must come out as visible text in every command and format (shown as
//! `\u{1b}` and so on), as must a raw control byte quoted under a finding's caret. So must the
//! bidi controls (U+202E and the rest, which reorder the text around them unseen) and the
//! zero-width characters, and a file name may not break a report's lines.

use std::fs;
use std::path::Path;
use std::process::Command;

/// ESC sequences (title, clear screen, colour), BEL, C1 CSI and NEL, DEL and a bare CR, the bidi
/// controls and the zero-width characters.
const PAYLOAD: &str = r#""Rød\e]0;pwned\a\e[2J\e[31mrød\e[0m\x9b31m\x85\x7f\rslut\u202Eevil\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069\u200B\u200C\u200D\u2060\uFEFFend""#;

/// Replaces the value of every line whose key (after indentation) is one of `keys`.
fn with_payload(text: &str, keys: &[&str]) -> String {
    text.lines()
        .map(|line| {
            let indent = line.len() - line.trim_start().len();
            match line.trim_start().split_once(": ") {
                Some((key, _)) if keys.contains(&key) => {
                    format!("{}{key}: {PAYLOAD}", &line[..indent])
                }
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A repository whose catalog, appointments and gallery carry the payload in their texts.
fn repository(dir: &Path) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::create_dir_all(dir.join("catalogs")).unwrap();
    fs::create_dir_all(dir.join("udpegninger")).unwrap();
    fs::create_dir_all(dir.join("galleri")).unwrap();
    let catalog = fs::read_to_string(repo.join("catalogs/sapa.yaml")).unwrap();
    fs::write(
        dir.join("catalogs/sapa.yaml"),
        with_payload(
            &catalog,
            &[
                "titel",
                "fagomraade",
                "navn",
                "version",
                "udarbejdet_af",
                "kontakt",
            ],
        ),
    )
    .unwrap();
    let appointments = fs::read_to_string(repo.join("examples/vordingborg.yaml")).unwrap();
    fs::write(
        dir.join("udpegninger/vordingborg.yaml"),
        with_payload(&appointments, &["kommune", "navn"]),
    )
    .unwrap();
    for entry in fs::read_dir(repo.join("gallery")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let text = with_payload(&text, &["navn", "effekt"]);
        fs::write(dir.join("galleri").join(path.file_name().unwrap()), text).unwrap();
    }
    // A raw control byte, which YAML refuses: the finding quotes the line under its caret.
    fs::write(
        dir.join("catalogs/raw.yaml"),
        "system: \"rå\x1b]0;pwned\x07\"\nroller: []\n",
    )
    .unwrap();
    // Raw bidi and zero-width characters, which YAML takes as they are, under a caret too.
    fs::write(
        dir.join("catalogs/bidi.yaml"),
        "system: rå\u{202e}drow\nroller:\n  - rolle: projekt\u{200b}leder\n",
    )
    .unwrap();
    fs::write(
        dir.join("rg.toml"),
        "catalogs = \"catalogs\"\nappointments = \"udpegninger\"\n",
    )
    .unwrap();
    // A filled-in workbook in CSV form with raw control, bidi and zero-width characters in
    // its cells: a key, a name, a role and a phase that each reach a finding or the YAML.
    fs::write(
        dir.join("udfyldt.csv"),
        "Kommune,Rød\x1b]0;pwned\x07\r\nPersoner\r\nnøgle,navn,email,samtykke\r\n\
         mette\x1b[2J,Rød\x1b[31m\u{202e}navn,meha@x.dk,ja\x07\r\n\
         Udpegninger\r\nsystem,fase,rolle,personer\r\n\
         SAPA,fase-3\x1b[0m,projekt\u{200b}leder,mette\x1b[2J\r\n\
         SAPA\x1b]0;x\x07,fase-2,superbruger,rød\u{202e}\r\n",
    )
    .unwrap();
}

fn run(dir: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .current_dir(dir)
        .env("RG_TODAY", "2026-11-01")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    format!("{}{stderr}", String::from_utf8_lossy(&output.stdout))
}

/// The text without colour sequences (`ESC [ digits ; … m`), the ones rg writes with `--color
/// always`; the payload's title and clear-screen sequences (`ESC ]0;`, `ESC [2J`) stay.
fn without_colours(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(after.len());
        if after[digits..].starts_with('m') {
            rest = &after[digits + 1..];
        } else {
            out.push_str("\x1b[");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The bidi controls and zero-width characters.
fn invisible(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A control character other than a line break (CSV's CRLF included) or a tab, or an
/// invisible one.
fn leaked_control(text: &str) -> Option<char> {
    text.replace("\r\n", "\n")
        .chars()
        .find(|c| (c.is_control() && *c != '\n' && *c != '\t') || invisible(*c))
}

#[test]
fn no_control_character_reaches_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    let sapa = "catalogs/sapa.yaml";
    let commands: Vec<Vec<&str>> = vec![
        vec!["check"],
        vec!["check", "--format", "json"],
        vec!["check", "--format", "github"],
        vec!["check", "--format", "sarif"],
        vec!["check", "catalogs/raw.yaml"],
        vec!["check", "--format", "github", "catalogs/raw.yaml"],
        vec!["check", "catalogs/bidi.yaml"],
        vec!["check", "--format", "json", "catalogs/bidi.yaml"],
        vec!["show", "rå\u{1b}]0;pwned\u{7}\u{202e}x"],
        vec!["compile", sapa],
        vec!["compile", sapa, "--format", "html"],
        vec!["compile", sapa, "--format", "json"],
        vec!["table", sapa],
        vec!["table", sapa, "--format", "markdown"],
        vec!["table", sapa, "--format", "csv"],
        vec!["diff"],
        vec!["diff", "--format", "json"],
        vec!["diff", "--format", "markdown"],
        vec!["diff", "--format", "github"],
        vec!["diff", "--overview"],
        vec!["diff", "--overview", "--format", "markdown"],
        vec!["diff", "--overview", "--format", "csv"],
        vec!["diff", "--overview", "--format", "json"],
        vec!["diff", "--all"],
        vec!["diff", "--people"],
        vec!["diff", "--people", "--format", "json"],
        vec!["diff", "--people", "--format", "markdown"],
        vec!["diff", "--people", "--format", "github"],
        vec!["diff", "--format", "csv", "--all", "--people"],
        vec!["--color", "always", "diff", "--people"],
        vec!["new", "appointments", "Rød\u{1b}]0;pwned\u{7}\u{202e}x"],
        vec!["new", "appointments", "Rød", "--format", "csv"],
        vec!["import", "udfyldt.csv", "-o", "-"],
        vec!["import", "udfyldt.csv", "-o", "importeret.yaml", "--force"],
        vec![
            "import",
            "udfyldt.csv",
            "-o",
            "importeret.yaml",
            "--force",
            "--format",
            "json",
        ],
        vec!["--gallery", "galleri", "list"],
        vec!["--gallery", "galleri", "list", "--format", "markdown"],
        vec!["--gallery", "galleri", "show", "projektleder"],
        vec![
            "--gallery",
            "galleri",
            "show",
            "projektleder",
            "--format",
            "markdown",
        ],
        vec!["--gallery", "galleri", "check", "galleri"],
    ];
    let mut leaks = Vec::new();
    let mut shown = 0;
    for args in &commands {
        let mut output = run(dir, args);
        if args.contains(&"always") {
            output = without_colours(&output);
        }
        if let Some(c) = leaked_control(&output) {
            leaks.push(format!("rg {}: {c:?}", args.join(" ")));
        }
        // The values do reach the outputs (as visible text), or this test would prove nothing.
        shown += usize::from(output.contains("Rød") || output.contains("rå"));
    }
    assert!(
        leaks.is_empty(),
        "control characters in:\n{}",
        leaks.join("\n")
    );
    assert!(
        shown >= commands.len() - 4,
        "{shown} of {} outputs show a value",
        commands.len()
    );
}

/// A file name with a line break and a fake workflow command in it: every report keeps it on
/// its own line, so no line can start `::error` but the real ones.
#[test]
fn a_file_name_cannot_break_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    repository(dir);
    let evil = "udpegninger/x\n::error file=evil.yaml,line=1::pwned\u{202e}.yaml";
    fs::write(
        dir.join(evil),
        "kommune: Ond\npersoner: {}\nsystemer:\n  - system: SAPA\n    fase: fase-2\n    udpegninger:\n      projektleder: [ingen]\n",
    )
    .unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["check", "udpegninger"],
        vec!["check", "udpegninger", "--format", "github"],
        vec!["check", "udpegninger", "--format", "json"],
        vec!["check", "udpegninger", "--format", "sarif"],
        vec!["diff"],
        vec!["diff", "--format", "github"],
        vec!["diff", "--format", "json"],
        vec!["diff", "--format", "markdown"],
        vec!["diff", "--overview"],
        vec!["diff", "--overview", "--format", "csv"],
        vec!["compile", evil],
    ];
    for args in &commands {
        let output = run(dir, args);
        for line in output.lines() {
            assert!(
                !line.trim_start().starts_with("::error file=evil"),
                "rg {}: {line}",
                args.join(" ")
            );
        }
        assert!(
            !output.contains("\n::error file=evil"),
            "rg {}: {output}",
            args.join(" ")
        );
        if let Some(c) = leaked_control(&output) {
            panic!("rg {}: {c:?} in {output}", args.join(" "));
        }
    }
}
