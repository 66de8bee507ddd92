//! `rg lsp` driven as an editor drives it: the binary spawned, JSON-RPC written and read with
//! Content-Length framing, the protocol's own order (initialize, initialized, didOpen, ...,
//! shutdown, exit). Positions are checked against offsets counted here in UTF-16, and the
//! findings against `rg check --format json` of the same file.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    notifications: Vec<Value>,
    next_id: i64,
}

impl Client {
    fn start(dir: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_rg"))
            .arg("lsp")
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("rg lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            notifications: Vec::new(),
            next_id: 1,
        };
        let root = uri(dir);
        let answer = client.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}}),
        );
        assert_eq!(answer["capabilities"]["positionEncoding"], "utf-16");
        assert_eq!(answer["serverInfo"]["name"], "rg");
        client.notify("initialized", json!({}));
        client
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self.next(deadline).expect("an answer in time");
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{message}");
                return message["result"].clone();
            }
            self.notifications.push(message);
        }
    }

    fn next(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        self.incoming.recv_timeout(left).ok()
    }

    /// The next diagnostics published for a document (for a version, when one is given).
    fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let fits = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        };
        if let Some(at) = self.notifications.iter().position(fits) {
            let found = self.notifications.remove(at);
            return found["params"]["diagnostics"].as_array().unwrap().clone();
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let message = self
                .next(deadline)
                .unwrap_or_else(|| panic!("no diagnostics for {uri} (version {version:?})"));
            if fits(&message) {
                return message["params"]["diagnostics"].as_array().unwrap().clone();
            }
            self.notifications.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    fn finish(mut self) {
        let answer = self.request("shutdown", Value::Null);
        assert!(answer.is_null());
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

fn path_of(uri: &str) -> PathBuf {
    let path = uri.strip_prefix("file://").unwrap();
    let mut bytes = Vec::new();
    let mut rest = path.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    PathBuf::from(String::from_utf8(bytes).unwrap())
}

/// The protocol's position of a byte offset, counted here: 0-based line, UTF-16 column.
fn position(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count();
    let column = text[line_start..offset].encode_utf16().count();
    json!({"line": line, "character": column})
}

fn offset(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The text with an editor's edits applied (from the end backwards).
fn apply(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let start = offset(text, &e["range"]["start"]);
            let end = offset(text, &e["range"]["end"]);
            (start, end, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut out = text.to_string();
    for (start, end, with) in spans {
        out.replace_range(start..end, &with);
    }
    out
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    codes
}

const CATALOG: &str = r#"system: LSPTEST
titel: Rollekatalog for LSPTEST
galleri: "1.6"
fagomraade: Testområdet
integrationer: []
dokument: {version: "1.0", dato: 2026-01-01}
spoc:
  opvarmning: projektejer
  fase-1: projektejer
  fase-2: projektleder
  fase-3: projektleder
  fase-4: systemansvarlig
roller:
  - rolle: projektejer
    status: {opvarmning: obligatorisk, fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}
    personsammenfald: {anbefalet: [systemejer], undgaas: []}
  - rolle: projektleder
    status: {fase-1: obligatorisk, fase-2: obligatorisk, fase-3: obligatorisk}
  - {navn: "Superbruger 😀 æøå", rolle: superbrugr, status: {fase-3: Obligatorisk}}
  - rolle: systemejer
    status: {fase-4: obligatorisk}
  - rolle: systemansvarlig
    status: {fase-4: obligatorisk}
klik_opgaver:
  - id: PS-01
    titel: Udpeg projektleder
    tema: projektstyring-og-ledelse
    fase: fase3
    ansvarlig: projektejer
    udfoerer: [projektleder]
  - id: UI-01
    titel: Overdrag it-systemet til drift og forvaltning
    tema: ud-og-indfasning
    fase: fase-4
    ansvarlig: systemejer
    udfoerer: [systemansvarlig]
  - id: VF-01
    titel: Undervis superbrugerne
    tema: viden-og-faerdigheder
    fase: fase-3
    ansvarlig: projektleder
    udfoerer: [superbruger]
"#;

const APPOINTMENTS: &str = "kommune: Testby
personer:
  anne: {navn: Anne Test}
  bo: {navn: Bo Test}
systemer:
  - system: LSPTEST
    fase: fase-3
    udpegninger:
      projektejer: [anne]
      projektleder: [bo]
      superbruger: [anne]
";

/// A workspace: `rg.toml` naming `catalogs/` and `udpegninger/`, a catalog and two
/// municipalities' appointments; optionally the repository's gallery folder too.
fn workspace(catalog: &str, gallery: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("rg.toml"),
        "catalogs = \"catalogs\"\nappointments = \"udpegninger\"\n",
    )
    .unwrap();
    for folder in ["catalogs", "udpegninger"] {
        std::fs::create_dir(root.join(folder)).unwrap();
    }
    std::fs::write(root.join("catalogs/lsptest.yaml"), catalog).unwrap();
    std::fs::write(root.join("udpegninger/testby.yaml"), APPOINTMENTS).unwrap();
    let other = APPOINTMENTS.replace("Testby", "Andenby");
    std::fs::write(root.join("udpegninger/andenby.yaml"), other).unwrap();
    if gallery {
        std::fs::create_dir(root.join("gallery")).unwrap();
        for entry in std::fs::read_dir("gallery").unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, root.join("gallery").join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// `rg check --format json FILE` in the workspace: each finding as (code, message, line,
/// column), 1-based, columns in characters.
fn rg_check(dir: &Path, file: &str) -> Vec<(String, String, u64, u64)> {
    let output = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["check", "--format", "json", file])
        .current_dir(dir)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let message = match d["help"].as_str() {
                Some(help) => format!("{}\nhelp: {help}", d["message"].as_str().unwrap()),
                None => d["message"].as_str().unwrap().to_string(),
            };
            (
                d["code"].as_str().unwrap().to_string(),
                message,
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn a_catalog_is_checked_while_typed_and_fixed_by_code_actions() {
    let dir = workspace(CATALOG, false);
    let root = dir.path().canonicalize().unwrap();
    let catalog_uri = uri(&root.join("catalogs/lsptest.yaml"));
    let mut client = Client::start(&root);
    client.open(&catalog_uri, CATALOG);
    let found = client.diagnostics(&catalog_uri, Some(1));
    assert_eq!(
        codes(&found),
        [
            "rg::catalog::task_unknown_role",
            "rg::catalog::unknown_role",
            "rg::yaml::invalid_value",
            "rg::yaml::invalid_value",
        ]
    );
    // The same codes, messages, severities and places as `rg check`.
    let expected = rg_check(&root, "catalogs/lsptest.yaml");
    assert_eq!(expected.len(), found.len());
    for (code, message, line, column) in &expected {
        let diagnostic = found
            .iter()
            .find(|d| d["code"] == code.as_str() && d["message"] == message.as_str())
            .unwrap_or_else(|| panic!("{code}: {message} in {found:?}"));
        let line_text = CATALOG.lines().nth(*line as usize - 1).unwrap();
        let before: String = line_text.chars().take(*column as usize - 1).collect();
        let start = &diagnostic["range"]["start"];
        assert_eq!(start["line"], *line - 1, "{code}");
        assert_eq!(start["character"], before.encode_utf16().count(), "{code}");
        assert_eq!(diagnostic["severity"], 1, "{code} is an error");
        assert_eq!(diagnostic["source"], "rg");
        let href = diagnostic["codeDescription"]["href"].as_str().unwrap();
        let explanation = std::fs::read_to_string(path_of(href)).unwrap();
        assert!(explanation.starts_with(&format!("# {code}")), "{href}");
    }
    // After the emoji (two UTF-16 units) and æøå: the range of `superbrugr` exactly.
    let at = CATALOG.find("superbrugr").unwrap();
    let unknown = found
        .iter()
        .find(|d| d["code"] == "rg::catalog::unknown_role")
        .unwrap();
    assert_eq!(unknown["range"]["start"], position(CATALOG, at));
    assert_eq!(
        unknown["range"]["end"],
        position(CATALOG, at + "superbrugr".len())
    );

    // An edit that fixes one finding: that one goes, the others stay.
    let fase3 = CATALOG.find("fase: fase3").unwrap() + "fase: ".len();
    let range = json!({"start": position(CATALOG, fase3), "end": position(CATALOG, fase3 + 5)});
    client.change(&catalog_uri, 2, json!([{"range": range, "text": "fase-3"}]));
    let text = CATALOG.replace("fase: fase3", "fase: fase-3");
    let found = client.diagnostics(&catalog_uri, Some(2));
    assert_eq!(
        codes(&found),
        [
            "rg::catalog::task_unknown_role",
            "rg::catalog::unknown_role",
            "rg::yaml::invalid_value",
        ]
    );

    // The quick fix under `superbrugr`, applied as an editor applies it.
    let at = text.find("superbrugr").unwrap();
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": catalog_uri},
            "range": {"start": position(&text, at), "end": position(&text, at)},
            "context": {"diagnostics": [], "only": ["quickfix"]},
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    assert_eq!(actions[0]["title"], "write `superbruger`");
    assert_eq!(actions[0]["kind"], "quickfix");
    let edits = actions[0]["edit"]["changes"][&catalog_uri]
        .as_array()
        .unwrap();
    let text = apply(&text, edits);
    client.change(&catalog_uri, 3, json!([{"text": text}]));
    let found = client.diagnostics(&catalog_uri, Some(3));
    assert_eq!(codes(&found), ["rg::yaml::invalid_value"]);

    // The file's remaining fixes at once: the file is clean.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": catalog_uri},
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "context": {"diagnostics": [], "only": ["source.fixAll"]},
        }),
    );
    let all = &actions.as_array().unwrap()[0];
    assert_eq!(all["kind"], "source.fixAll");
    let text = apply(
        &text,
        all["edit"]["changes"][&catalog_uri].as_array().unwrap(),
    );
    assert!(text.contains("status: {fase-3: obligatorisk}"), "{text}");
    client.change(&catalog_uri, 4, json!([{"text": text}]));
    assert_eq!(
        client.diagnostics(&catalog_uri, Some(4)),
        Vec::<Value>::new()
    );
    std::fs::write(root.join("catalogs/lsptest.yaml"), &text).unwrap();
    assert!(rg_check(&root, "catalogs/lsptest.yaml").is_empty());
    client.finish();
}

/// The clean catalog the first test ends with.
fn clean_catalog() -> String {
    CATALOG
        .replace("fase: fase3", "fase: fase-3")
        .replace("superbrugr", "superbruger")
        .replace("fase-3: Obligatorisk", "fase-3: obligatorisk")
}

fn hover_at(client: &mut Client, uri: &str, text: &str, offset: usize) -> String {
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(text, offset)}),
    );
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn definition_at(client: &mut Client, uri: &str, text: &str, offset: usize) -> Value {
    client.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": position(text, offset)}),
    )
}

fn completion_at(client: &mut Client, uri: &str, text: &str, offset: usize) -> Vec<String> {
    let items = client.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": position(text, offset)}),
    );
    let mut items = items.as_array().unwrap().clone();
    items.sort_by_key(|i| i["sortText"].as_str().unwrap_or_default().to_string());
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn hover_definition_and_completion_with_the_embedded_gallery() {
    let text = clean_catalog();
    let dir = workspace(&text, false);
    let root = dir.path().canonicalize().unwrap();
    let catalog_uri = uri(&root.join("catalogs/lsptest.yaml"));
    let appointments_uri = uri(&root.join("udpegninger/testby.yaml"));
    let mut client = Client::start(&root);
    client.open(&catalog_uri, &text);
    assert_eq!(
        client.diagnostics(&catalog_uri, Some(1)),
        Vec::<Value>::new()
    );

    // Hover on a role id in a KLIK task: name, group, effect, status per phase, SPOC marks.
    let at = text.find("ansvarlig: projektleder").unwrap() + "ansvarlig: ".len() + 3;
    let shown = hover_at(&mut client, &catalog_uri, &text, at);
    assert!(
        shown.contains("**Projektleder** · `projektleder` · systemspecifik"),
        "{shown}"
    );
    assert!(shown.contains("Styring, fremdrift"), "{shown}");
    assert!(
        shown.contains("| – | obligatorisk | obligatorisk ★ | obligatorisk ★ | – |"),
        "{shown}"
    );

    // Definition of a role id with no gallery folder: the embedded role as `rg show` prints it.
    let at = text.find("rolle: systemejer").unwrap() + "rolle: ".len();
    let location = definition_at(&mut client, &catalog_uri, &text, at);
    let shown = std::fs::read_to_string(path_of(location["uri"].as_str().unwrap())).unwrap();
    let show = Command::new(env!("CARGO_BIN_EXE_rg"))
        .args(["show", "systemejer"])
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    assert_eq!(shown, String::from_utf8(show.stdout).unwrap());

    // Completion of a SPOC: the catalog's roles, the one obligatorisk in the phase first.
    let typed = text.replace("fase-4: systemansvarlig", "fase-4: sys");
    client.change(&catalog_uri, 2, json!([{"text": typed}]));
    let at = typed.find("fase-4: sys").unwrap() + "fase-4: sys".len();
    let labels = completion_at(&mut client, &catalog_uri, &typed, at);
    assert_eq!(labels[..2], ["systemejer", "systemansvarlig"], "{labels:?}");
    assert!(labels.contains(&"projektleder".to_string()), "{labels:?}");
    // A phase, a status and a theme where they are written.
    let at = typed.find("fase: fase-4").unwrap() + "fase: ".len();
    assert!(completion_at(&mut client, &catalog_uri, &typed, at).contains(&"opvarmning".into()));
    let at = typed.find("fase-4: obligatorisk").unwrap() + "fase-4: ".len();
    assert_eq!(
        completion_at(&mut client, &catalog_uri, &typed, at),
        ["obligatorisk", "anbefalet", "inaktiv"]
    );
    let at = typed.find("tema: ud-og").unwrap() + "tema: ".len();
    assert_eq!(
        completion_at(&mut client, &catalog_uri, &typed, at).len(),
        7
    );

    // In an appointments file: a role key still being typed, a person, a system name.
    let typing = APPOINTMENTS.replace("      superbruger: [anne]\n", "      superb\n");
    client.open(&appointments_uri, &typing);
    let at = typing.find("superb").unwrap() + "superb".len();
    let labels = completion_at(&mut client, &appointments_uri, &typing, at);
    assert!(labels.contains(&"superbruger".to_string()), "{labels:?}");
    assert!(
        !labels.contains(&"traener".to_string()),
        "only the catalog's roles: {labels:?}"
    );
    let at = typing.find("[bo]").unwrap() + 1;
    assert_eq!(
        completion_at(&mut client, &appointments_uri, &typing, at),
        ["anne", "bo"]
    );
    let at = typing.find("system: LSPTEST").unwrap() + "system: ".len();
    assert_eq!(
        completion_at(&mut client, &appointments_uri, &typing, at),
        ["LSPTEST"]
    );
    // A person key goes to its entry under `personer`.
    let location = definition_at(&mut client, &appointments_uri, &typing, 2);
    assert!(
        location.is_null(),
        "nothing to go to from `kommune`: {location}"
    );
    let at = typing.find("[bo]").unwrap() + 1;
    let location = definition_at(&mut client, &appointments_uri, &typing, at);
    assert_eq!(location["uri"], appointments_uri);
    let key = typing.find("bo: {").unwrap();
    assert_eq!(location["range"]["start"], position(&typing, key));
    // A role in an appointments file: its status in the system's catalog.
    let at = typing.find("projektleder: [bo]").unwrap();
    let shown = hover_at(&mut client, &appointments_uri, &typing, at);
    assert!(shown.contains("Status i kataloget for LSPTEST"), "{shown}");
    client.finish();
}

#[test]
fn definition_goes_to_the_repository_gallery_folder() {
    let text = clean_catalog();
    let dir = workspace(&text, true);
    let root = dir.path().canonicalize().unwrap();
    let catalog_uri = uri(&root.join("catalogs/lsptest.yaml"));
    let mut client = Client::start(&root);
    client.open(&catalog_uri, &text);
    client.diagnostics(&catalog_uri, Some(1));
    let at = text.find("rolle: systemejer").unwrap() + "rolle: ".len() + 2;
    let location = definition_at(&mut client, &catalog_uri, &text, at);
    assert_eq!(location["uri"], uri(&root.join("gallery/systemejer.yaml")));
    let role = std::fs::read_to_string(root.join("gallery/systemejer.yaml")).unwrap();
    let id = role.find("id: systemejer").unwrap() + "id: ".len();
    assert_eq!(location["range"]["start"], position(&role, id));
    client.finish();
}

#[test]
fn editing_a_catalog_publishes_the_appointments_that_use_it_again() {
    let text = clean_catalog();
    let dir = workspace(&text, false);
    let root = dir.path().canonicalize().unwrap();
    let catalog_uri = uri(&root.join("catalogs/lsptest.yaml"));
    let open_uri = uri(&root.join("udpegninger/testby.yaml"));
    let on_disk_uri = uri(&root.join("udpegninger/andenby.yaml"));
    let mut client = Client::start(&root);
    client.open(&open_uri, APPOINTMENTS);
    assert_eq!(client.diagnostics(&open_uri, Some(1)), Vec::<Value>::new());
    client.open(&catalog_uri, &text);
    assert_eq!(
        client.diagnostics(&catalog_uri, Some(1)),
        Vec::<Value>::new()
    );

    // The catalog loses `superbruger` (entry and task) while unsaved.
    let entry =
        "  - {navn: \"Superbruger 😀 æøå\", rolle: superbruger, status: {fase-3: obligatorisk}}\n";
    let task = text.find("  - id: VF-01").unwrap();
    let edited = text[..task].replace(entry, "");
    client.change(&catalog_uri, 2, json!([{"text": edited}]));
    assert_eq!(
        client.diagnostics(&catalog_uri, Some(2)),
        Vec::<Value>::new()
    );
    let found = client.diagnostics(&open_uri, Some(1));
    assert_eq!(codes(&found), ["rg::appointments::unknown_role"]);
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("`superbruger` is not a role in the LSPTEST catalog"),
        "{found:?}"
    );
    // The appointments folder's file that is not open is published too.
    let found = client.diagnostics(&on_disk_uri, None);
    assert_eq!(codes(&found), ["rg::appointments::unknown_role"]);

    // Undone: both are clean again.
    client.change(&catalog_uri, 3, json!([{"text": text}]));
    assert_eq!(
        client.diagnostics(&catalog_uri, Some(3)),
        Vec::<Value>::new()
    );
    assert_eq!(client.diagnostics(&open_uri, Some(1)), Vec::<Value>::new());
    assert_eq!(client.diagnostics(&on_disk_uri, None), Vec::<Value>::new());
    client.finish();
}
