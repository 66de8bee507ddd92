//! Privacy: the email of a person without `samtykke: true` never appears in an output meant to
//! be shared. Every command, in every format, runs in a repository whose appointments hold
//! such emails — appointed, unused, invalid, stale, primary contact or not — and everything it
//! prints or writes (stdout, stderr, `-o` files, the XML inside xlsx workbooks) is searched.
//!
//! Shared: everything but the human reports of `rg check` and `rg diff`, which quote the
//! checked file's own lines around a finding (miette's source snippet) for the person editing
//! that file, in their own terminal. Those are checked too, apart from the snippet lines.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;

/// Appointments with every way an email can travel: appointed (primary and not), cross-cutting,
/// unused, invalid (a diagnostic about it), stale (a diagnostic about the person), consenting.
const APPOINTMENTS: &str = r#"kommune: Privatby
personer:
  hemmelig:
    navn: Hemmelig Person
    email: hemmelig.person@privatby.dk
  anden:
    navn: Anden Hemmelig
    email: anden.hemmelig@privatby.dk
    samtykke: false
  ugyldig:
    navn: Ugyldig Adresse
    email: ugyldig.adresse@privatby
  ubrugt:
    navn: Ubrugt Person
    email: ubrugt.person@privatby.dk
  gammel:
    navn: Gammel Bekræftelse
    email: gammel.person@privatby.dk
    bekraeftet: 2001-01-01
  delt:
    navn: Delt Kontakt
    email: delt.kontakt@privatby.dk
    samtykke: true
  noegle.person@privatby.dk:
    navn: Adresse Som Nøgle
tvaergaaende:
  kombit-programleder: [hemmelig, delt, noegle.person@privatby.dk]
  it-digitaliseringschef: [gammel, ukendt.person@privatby.dk]
systemer:
  - system: SAPA
    fase: fase-3
    udpegninger:
      projektleder: [anden, hemmelig]
      superbruger: [ugyldig]
      systemejer: [delt, anden]
      rolleadministrator: [hemmelig]
"#;

/// Email addresses used as person keys and as references (`rg::appointments::email_as_key`),
/// also inside a system's appointments.
const ADDRESS_KEYS: &str = r#"kommune: Adresseby
personer:
  meha@secret.dk:
    navn: Mette Hansen
  jens:
    navn: Jens Holm
tvaergaaende:
  kombit-programleder: [meha@secret.dk, jens]
systemer:
  - system: SAPA
    fase: fase-3
    udpegninger:
      projektleder: [meha@secret.dk, ukendt@secret.dk]
      projektejer: [jens]
"#;

const PRIVATE: [&str; 8] = [
    "hemmelig.person@privatby.dk",
    "anden.hemmelig@privatby.dk",
    "ugyldig.adresse@privatby",
    "ubrugt.person@privatby.dk",
    "gammel.person@privatby.dk",
    "noegle.person@privatby.dk",
    "ukendt.person@privatby.dk",
    "secret.dk",
];
const SHARED: &str = "delt.kontakt@privatby.dk";

/// A repository: rg.toml, the catalogs, the examples and the file above.
fn repository() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for folder in ["catalogs", "examples"] {
        fs::create_dir(dir.path().join(folder)).unwrap();
        for entry in fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            fs::copy(
                &path,
                dir.path().join(folder).join(path.file_name().unwrap()),
            )
            .unwrap();
        }
    }
    fs::write(dir.path().join("examples/privatby.yaml"), APPOINTMENTS).unwrap();
    fs::write(dir.path().join("examples/adresseby.yaml"), ADDRESS_KEYS).unwrap();
    fs::write(dir.path().join("privatby.csv"), WORKBOOK).unwrap();
    fs::write(
        dir.path().join("rg.toml"),
        "catalogs = \"catalogs\"\nappointments = \"examples\"\n",
    )
    .unwrap();
    dir
}

/// Every command and format: (arguments, whether the output is a human report with snippets).
fn invocations() -> Vec<(Vec<&'static str>, bool)> {
    let mut all: Vec<(Vec<&str>, bool)> = Vec::new();
    for format in ["table", "json", "markdown"] {
        all.push((vec!["list", "--format", format], false));
    }
    for format in ["text", "json", "markdown"] {
        all.push((vec!["show", "projektleder", "--format", format], false));
    }
    for format in ["markdown", "html", "json"] {
        all.push((
            vec!["compile", "catalogs/sapa.yaml", "--format", format],
            false,
        ));
    }
    all.push((vec!["compile", "--schema"], false));
    for format in ["table", "markdown", "csv"] {
        all.push((
            vec!["table", "catalogs/sapa.yaml", "--format", format],
            false,
        ));
    }
    all.push((vec!["new", "catalog", "SAPA"], false));
    for format in ["json", "github", "sarif"] {
        all.push((vec!["check", "--format", format], false));
        all.push((
            vec!["check", "examples/privatby.yaml", "--format", format],
            false,
        ));
        all.push((
            vec!["check", "examples/adresseby.yaml", "--format", format],
            false,
        ));
    }
    all.push((vec!["check"], true));
    all.push((vec!["check", "--quiet"], false));
    all.push((vec!["explain", "rg::appointments::invalid_email"], false));
    all.push((vec!["explain", "--list"], false));
    all.push((vec!["schema", "appointments"], false));
    all.push((vec!["completions", "bash"], false));
    all.push((vec!["man"], false));
    for format in ["json", "markdown", "github"] {
        all.push((vec!["diff", "--format", format], false));
        all.push((
            vec!["diff", "examples/privatby.yaml", "--format", format],
            false,
        ));
        all.push((
            vec!["diff", "examples/adresseby.yaml", "--format", format],
            false,
        ));
    }
    all.push((vec!["diff", "examples/adresseby.yaml"], true));
    all.push((vec!["check", "examples/adresseby.yaml"], true));
    all.push((vec!["diff"], true));
    all.push((vec!["diff", "--quiet"], false));
    for format in ["human", "json", "markdown", "csv"] {
        all.push((vec!["diff", "--overview", "--format", format], false));
    }
    for format in ["json", "markdown", "github", "csv"] {
        for extra in ["--people", "--all"] {
            all.push((vec!["diff", extra, "--format", format], false));
            all.push((
                vec!["diff", extra, "examples/privatby.yaml", "--format", format],
                false,
            ));
        }
        all.push((
            vec![
                "diff",
                "--people",
                "--warn",
                "rg::diff::single_holder",
                "examples/privatby.yaml",
                "--format",
                format,
            ],
            false,
        ));
    }
    all.push((vec!["diff", "--people", "examples/privatby.yaml"], true));
    all.push((vec!["diff", "--all", "examples/privatby.yaml"], true));
    for format in ["yaml", "csv"] {
        all.push((
            vec!["new", "appointments", "Privatby", "--format", format],
            false,
        ));
    }
    // The workbook's findings never quote an address; the YAML goes to a file of its own.
    for format in ["json", "github", "sarif"] {
        all.push((
            vec![
                "import",
                "privatby.csv",
                "-o",
                "importeret.yaml",
                "--force",
                "--format",
                format,
            ],
            false,
        ));
    }
    all.push((
        vec!["import", "privatby.csv", "-o", "importeret.yaml", "--force"],
        true,
    ));
    all
}

/// The Privatby people as a filled-in workbook in CSV form, with the same mistakes.
const WORKBOOK: &str = "Kommune,Privatby\r\nPersoner\r\nnøgle,navn,email,samtykke\r\n\
hemmelig,Hemmelig Person,hemmelig.person@privatby.dk,nej\r\n\
ugyldig,Ugyldig Adresse,ugyldig.adresse@privatby,\r\n\
ubrugt,Ubrugt Person,ubrugt.person@privatby.dk,måske\r\n\
noegle.person@privatby.dk,Adresse Som Nøgle,,\r\n\
delt,Delt Kontakt,delt.kontakt@privatby.dk,ja\r\n\
Udpegninger\r\nsystem,fase,rolle,personer\r\n\
tværgående,,kombit-programleder,\"hemmelig, delt, noegle.person@privatby.dk\"\r\n\
SAPA,fase-3,projektleder,\"ugyldig, ukendt.person@privatby.dk\"\r\n";

/// Writers whose `-o` file is searched too (xlsx only goes to files).
const FILE_WRITERS: &[&[&str]] = &[
    &["table", "catalogs/sapa.yaml", "--format", "xlsx"],
    &["diff", "--overview", "--format", "xlsx"],
    &["diff", "--format", "json"],
    &["diff", "--format", "markdown"],
    &["diff", "--format", "xlsx"],
    &["diff", "--format", "xlsx", "--people", "--all"],
    &["diff", "--format", "csv", "--people", "--all"],
    &["new", "appointments", "Privatby", "--format", "xlsx"],
    &["compile", "catalogs/sapa.yaml", "--format", "html"],
];

fn run(dir: &Path, args: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A human report without miette's snippet lines (`NN │ text`), which quote the file itself.
fn without_snippets(report: &str) -> String {
    report
        .lines()
        .filter(|line| {
            let trimmed = line.trim_start();
            let number = trimmed.chars().take_while(char::is_ascii_digit).count();
            !(number > 0 && trimmed[number..].trim_start().starts_with(['│', '|', '·']))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of every part of an xlsx workbook (a zip of XML files).
fn workbook_text(path: &Path) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        text.push_str(&String::from_utf8_lossy(&bytes));
    }
    text
}

fn assert_private(label: &str, text: &str) {
    for email in PRIVATE {
        assert!(
            !text.contains(email),
            "{label}: the email {email} (no samtykke) is in the output"
        );
    }
}

#[test]
fn no_email_without_consent_in_any_output_of_any_command() {
    let repo = repository();
    let mut shared_seen = false;
    for (args, human) in invocations() {
        let (stdout, stderr) = run(repo.path(), &args);
        let (stdout, stderr) = if human {
            (without_snippets(&stdout), without_snippets(&stderr))
        } else {
            (stdout, stderr)
        };
        assert_private(&format!("rg {}", args.join(" ")), &stdout);
        assert_private(&format!("rg {} (stderr)", args.join(" ")), &stderr);
        shared_seen |= stdout.contains(SHARED);
    }
    for writer in FILE_WRITERS {
        let target = repo.path().join("ud.bin");
        let mut args = writer.to_vec();
        args.extend(["-o", "ud.bin", "--force"]);
        run(repo.path(), &args);
        let text = if writer.contains(&"xlsx") {
            workbook_text(&target)
        } else {
            fs::read_to_string(&target).unwrap()
        };
        assert_private(&format!("rg {} -o", writer.join(" ")), &text);
    }
    // The test would see an email: the consenting person's is shown.
    assert!(shared_seen, "{SHARED} (samtykke: true) is shown nowhere");
}

/// The snippet of a human report is the only place the file's own lines appear: the rest
/// of the report, like every other format, names the person by key, never by email.
#[test]
fn diagnostics_about_a_person_name_the_key_not_the_email() {
    let repo = repository();
    let (stdout, _) = run(
        repo.path(),
        &["check", "examples/privatby.yaml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let messages: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    let about = |key: &str| messages.iter().any(|m| m.contains(&format!("`{key}`")));
    assert!(about("ugyldig"), "{messages:#?}");
    assert!(about("ubrugt"), "{messages:#?}");
    assert!(about("gammel"), "{messages:#?}");
}

/// An email address used as a person key, or as a reference to one, is an error of its own and
/// is shown masked, `<email>`: in the diagnostics and as the holder's `noegle` in the diff.
#[test]
fn an_email_used_as_a_key_is_reported_and_masked() {
    let repo = repository();
    let (stdout, _) = run(
        repo.path(),
        &["check", "examples/adresseby.yaml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found: Vec<(&str, &str, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let email_as_key: Vec<u64> = found
        .iter()
        .filter(|(code, _, _)| *code == "rg::appointments::email_as_key")
        .map(|(_, message, line)| {
            assert!(message.contains("`<email>`"), "{message}");
            *line
        })
        .collect();
    // The key, the cross-cutting reference, and both references in the system.
    assert_eq!(email_as_key, [3, 8, 13, 13], "{found:#?}");
    assert!(
        !found
            .iter()
            .any(|(code, _, _)| *code == "rg::appointments::unknown_person"),
        "an address is not also an unknown person: {found:#?}"
    );

    let (stdout, _) = run(
        repo.path(),
        &["diff", "examples/privatby.yaml", "--format", "json"],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let holders: Vec<&str> = json["kommuner"][0]["systemer"][0]["roller"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["rolle"] == "kombit-programleder")
        .flat_map(|r| r["udpeget"].as_array().unwrap())
        .map(|h| h["noegle"].as_str().unwrap())
        .collect();
    assert_eq!(holders, ["hemmelig", "delt", "<email>"], "{stdout}");
}
