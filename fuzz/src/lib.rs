//! What the fuzz targets share: the embedded gallery, the repository's catalogs and
//! appointments files (compiled in), a fixed "today", and the steps each command takes with a
//! file, run in memory through the same pipeline as the commands. Each step also checks what
//! must hold for any input:
//!
//! - every diagnostic points inside its file, and every report format renders it;
//! - a compiled document escapes every value (HTML has no tag the template did not write,
//!   Markdown tables keep their columns) and the JSON reads back as the same catalog;
//! - no email of a person without `samtykke: true` appears in an output meant to be shared;
//! - no control character from a file reaches an output.

use rollegalleri::api::{
    self, Appointments, Checker, Date, Diagnostic, FileKind, Level, ResolvedCatalog, SourceFile,
};
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The repository's catalogs, compiled in.
pub const CATALOGS: [(&str, &str); 5] = [
    (
        "catalogs/sapa.yaml",
        include_str!("../../catalogs/sapa.yaml"),
    ),
    ("catalogs/ky.yaml", include_str!("../../catalogs/ky.yaml")),
    ("catalogs/bom.yaml", include_str!("../../catalogs/bom.yaml")),
    (
        "catalogs/testsystem.yaml",
        include_str!("../../tests/fixtures/catalogs/testsystem.yaml"),
    ),
    (
        "catalogs/diffsystem.yaml",
        include_str!("../../tests/fixtures/catalogs/diffsystem.yaml"),
    ),
];

/// The repository's appointments files, compiled in.
pub const APPOINTMENTS: [(&str, &str); 3] = [
    (
        "examples/vordingborg.yaml",
        include_str!("../../examples/vordingborg.yaml"),
    ),
    (
        "examples/holbaek.yaml",
        include_str!("../../examples/holbaek.yaml"),
    ),
    (
        "examples/aabenraa.yaml",
        include_str!("../../examples/aabenraa.yaml"),
    ),
];

/// Everything a target needs besides its input, made once per process.
pub struct World {
    pub checker: Checker,
    pub catalogs: Vec<Arc<SourceFile>>,
    pub appointments: Vec<Arc<SourceFile>>,
}

fn today() -> Date {
    Date::parse("2026-01-15").expect("a date")
}

fn files(list: &[(&str, &str)]) -> Vec<Arc<SourceFile>> {
    list.iter()
        .map(|(path, text)| SourceFile::new(Path::new(path), (*text).to_string()))
        .collect()
}

pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let catalogs = files(&CATALOGS);
        World {
            checker: Checker::embedded()
                .today(today())
                .with_catalogs(catalogs.clone()),
            catalogs,
            appointments: files(&APPOINTMENTS),
        }
    })
}

/// Decodes fuzzed bytes as `rg` decodes a file; an encoding error is exercised like any
/// other diagnostic.
pub fn decode(path: &str, bytes: &[u8]) -> Option<Arc<SourceFile>> {
    match api::decode(Path::new(path), bytes.to_vec()) {
        Ok(file) => Some(file),
        Err(diagnostic) => {
            exercise(&[diagnostic]);
            None
        }
    }
}

/// What must hold for any diagnostics: each points inside its file (a whole character span),
/// and every report format renders them.
pub fn exercise(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        assert!(
            diagnostic.code().starts_with("rg::"),
            "{}",
            diagnostic.code()
        );
        if let Some(span) = diagnostic.span() {
            let text = &diagnostic
                .location
                .as_ref()
                .expect("a span has a file")
                .file
                .text;
            assert!(
                span.offset <= text.len() && span.offset + span.len <= text.len(),
                "{}: span {span:?} outside a file of {} bytes",
                diagnostic.code(),
                text.len()
            );
            assert!(
                text.is_char_boundary(span.offset) && text.is_char_boundary(span.offset + span.len)
            );
            let position = diagnostic.position().expect("a span has a position");
            assert!(position.line >= 1 && position.column >= 1);
            assert!((position.line, position.column) <= (position.end_line, position.end_column));
        }
    }
    printable(
        "human report",
        api::report(diagnostics, 1, "human").as_bytes(),
    );
    let json = api::report(diagnostics, 1, "json");
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report is JSON");
    printable("json report", json.as_bytes());
    printable(
        "github report",
        api::report(diagnostics, 1, "github").as_bytes(),
    );
    printable(
        "sarif report",
        api::report(diagnostics, 1, "sarif").as_bytes(),
    );
}

/// No control character from a file reaches an output: only line breaks (CSV's CRLF too) and
/// tabs.
pub fn printable(what: &str, output: &[u8]) {
    let text = String::from_utf8_lossy(output).replace("\r\n", "\n");
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        panic!("{what}: a control character {c:?} in the output");
    }
}

fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.level == Level::Error)
}

/// `rg check` on a catalog, then the catalog as the repository's appointments are diffed
/// against it (taken as usable whatever it holds, so that what a broken catalog resolves to
/// is rendered too).
pub fn catalog(bytes: &[u8]) {
    let world = world();
    let Some(file) = decode("catalogs/fuzz.yaml", bytes) else {
        return;
    };
    exercise(&world.checker.check_as(Arc::clone(&file), FileKind::Catalog));
    let Some(catalog) = api::read_catalog(&file) else {
        return;
    };
    for appointments in &world.appointments {
        let diff = world.checker.diff_unchecked(
            vec![(Arc::clone(&file), catalog.clone())],
            vec![Arc::clone(appointments)],
        );
        diff_outputs(&diff, appointments);
    }
}

/// `rg check` and `rg diff` on an appointments file, against the repository's catalogs.
pub fn appointments(bytes: &[u8]) {
    let world = world();
    let Some(file) = decode("examples/fuzz.yaml", bytes) else {
        return;
    };
    exercise(
        &world
            .checker
            .check_as(Arc::clone(&file), FileKind::Appointments),
    );
    let diff = world.checker.diff(vec![Arc::clone(&file)]);
    diff_outputs(&diff, &file);
}

/// Every output of a diff, with what must hold for each; no email without consent in the
/// shareable ones.
fn diff_outputs(diff: &api::Diff, file: &Arc<SourceFile>) {
    exercise(diff.diagnostics());
    for width in [40, 80, 200] {
        printable("human diff", diff.human(width).as_bytes());
        printable(
            "human diff, every role",
            diff.human_view(width, true).as_bytes(),
        );
    }
    let mut shared = diff.markdown();
    markdown_tables_are_intact(&shared);
    printable("markdown diff", shared.as_bytes());
    let findings = diff.findings_csv(true);
    printable("findings csv", findings.as_bytes());
    shared.push_str(&findings);
    for format in ["markdown", "csv", "json"] {
        let overview = diff.overview(format);
        printable("overview", overview.as_bytes());
        shared.push_str(&overview);
    }
    printable("overview", diff.overview("table").as_bytes());
    let json = diff.json();
    serde_json::from_str::<serde_json::Value>(&json).expect("the diff JSON is JSON");
    shared.push_str(&json);
    shared.push_str(&api::report(diff.diagnostics(), 1, "github"));
    let Some(appointments) = api::read_appointments(file) else {
        return;
    };
    for email in private_emails(file, &appointments) {
        assert!(
            !shared.contains(&email),
            "the email `{email}` of a person without consent is in a shareable output"
        );
    }
}

/// Emails of persons without `samtykke: true` that are distinctive enough to look for: with
/// an `@`, at least 8 characters, and written only once in the file (so no other value can
/// bring them into an output).
fn private_emails(file: &SourceFile, appointments: &Appointments) -> Vec<String> {
    appointments
        .personer
        .iter()
        .filter(|(_, person)| !person.samtykke.given())
        .filter_map(|(_, person)| person.email.as_ref().map(|e| e.value.clone()))
        .filter(|email| {
            email.contains('@')
                && email.chars().count() >= 8
                && email
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "@.-_".contains(c))
                && file.text.matches(email.as_str()).count() == 1
        })
        .collect()
}

/// A gallery role file put into the embedded gallery in place of the role its `id` names (or
/// beside them): see [`in_gallery`].
pub fn gallery_role(bytes: &[u8]) {
    in_gallery(&role_file_name(bytes), bytes);
}

/// A `galleri.yaml` (the gallery's version and history) put into the embedded gallery in
/// place of its own: see [`in_gallery`].
pub fn galleri(bytes: &[u8]) {
    in_gallery("galleri.yaml", bytes);
}

/// The embedded gallery's files with `name` replaced by (or joined by) the input: `rg check`
/// on that gallery folder, then one of the repository's catalogs and one appointments file
/// (chosen by the input's length) checked against it, and, when the gallery has no errors, the
/// catalog compiled with it and the appointments diffed.
fn in_gallery(name: &str, bytes: &[u8]) {
    let world = world();
    let Some(file) = decode(&format!("gallery/{name}"), bytes) else {
        return;
    };
    let mut sources: Vec<Arc<SourceFile>> = world
        .checker
        .gallery()
        .sources
        .iter()
        .filter(|s| s.path.file_name().and_then(|n| n.to_str()) != Some(name))
        .map(|s| {
            let name = s.path.file_name().expect("a file name");
            SourceFile::new(&Path::new("gallery").join(name), s.text.clone())
        })
        .collect();
    sources.push(file);
    // `rg check gallery/` checks the folder's files together, as `--gallery gallery` loads them.
    let (checker, found) = match Checker::with_gallery_files(sources) {
        Ok(loaded) => loaded,
        Err(found) => {
            exercise(&found);
            return;
        }
    };
    exercise(&found);
    let pick = bytes.len();
    let catalog = Arc::clone(&world.catalogs[pick % CATALOGS.len()]);
    let appointments = Arc::clone(&world.appointments[pick % APPOINTMENTS.len()]);
    let checker = checker
        .today(today())
        .with_catalogs(vec![Arc::clone(&catalog)]);
    // `rg check` with a gallery that has errors still checks the other files against it.
    exercise(&checker.check(vec![Arc::clone(&catalog), Arc::clone(&appointments)]));
    if let Some(read) = api::read_catalog(&catalog)
        && !has_errors(&found)
    {
        documents(&checker.resolve_anyway(&read));
    }
    diff_outputs(
        &checker.diff(vec![Arc::clone(&appointments)]),
        &appointments,
    );
}

/// The file a fuzzed role replaces: `<id>.yaml` when its first `id:` line names a role of the
/// gallery, else an extra `fuzz.yaml`.
fn role_file_name(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let id = text
        .lines()
        .find_map(|line| line.strip_prefix("id:"))
        .map(|rest| rest.trim().trim_matches(['"', '\'']).to_string());
    match id {
        Some(id) if api::STANDARD_ORDER.contains(&id.as_str()) => format!("{id}.yaml"),
        _ => "fuzz.yaml".to_string(),
    }
}

/// rg's fast YAML path against saphyr-parser: whenever the fast path reads a text, its events
/// (tokens, texts, styles, byte spans) are saphyr-parser's, and saphyr-parser reads the text
/// without an error. Texts it leaves to saphyr-parser are fine either way.
pub fn yaml_fast(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Err(difference) = api::yaml_fast_path(text) {
        panic!("{difference}\n--- text ---\n{text:?}");
    }
}

/// `rg compile` and `rg table` on a catalog: refused with errors, else every format.
pub fn compile(bytes: &[u8]) {
    let world = world();
    let Some(file) = decode("catalogs/fuzz.yaml", bytes) else {
        return;
    };
    exercise(&world.checker.check_as(Arc::clone(&file), FileKind::Catalog));
    // `rg diff` resolves catalogs with errors too; that must never fail.
    if let Some(catalog) = api::read_catalog(&file) {
        world.checker.resolve_anyway(&catalog);
    }
    if let Ok(resolved) = world.checker.resolve(file) {
        documents(&resolved);
    }
}

/// Every document and table of a resolved catalog, with what must hold for each.
pub fn documents(catalog: &ResolvedCatalog) {
    let html = api::compile_html(catalog);
    html_is_escaped(&html);
    printable("html", html.as_bytes());
    let markdown = api::compile_markdown(catalog);
    markdown_tables_are_intact(&markdown);
    printable("markdown", markdown.as_bytes());
    let json = api::compile(catalog, "json");
    printable("json", json.as_bytes());
    let again: ResolvedCatalog = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(
        &again, catalog,
        "the JSON does not read back as the same catalog"
    );
    let table = api::table(catalog, "markdown", 0);
    markdown_tables_are_intact(&table);
    printable("markdown table", table.as_bytes());
    for width in [20, 80, 200] {
        printable("table", api::table(catalog, "table", width).as_bytes());
    }
    printable("csv", api::table(catalog, "csv", 0).as_bytes());
}

/// The only tags in the HTML are the template's: no value can open `<script>` or any tag
/// outside this set.
fn html_is_escaped(html: &str) {
    const TAGS: &[&str] = &[
        "!DOCTYPE",
        "a",
        "body",
        "col",
        "colgroup",
        "dd",
        "desc",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "head",
        "header",
        "html",
        "li",
        "line",
        "main",
        "meta",
        "nav",
        "ol",
        "p",
        "path",
        "polygon",
        "rect",
        "section",
        "span",
        "style",
        "svg",
        "table",
        "tbody",
        "td",
        "text",
        "th",
        "thead",
        "title",
        "tr",
        "tspan",
        "ul",
    ];
    let mut seen = HashSet::new();
    for piece in html.split('<').skip(1) {
        let name: String = piece
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        seen.insert(name);
    }
    for name in seen {
        assert!(
            TAGS.iter().any(|t| t.eq_ignore_ascii_case(&name)),
            "a tag `<{name}>` that the template does not write"
        );
    }
}

/// Every line of a Markdown table has as many cell separators (unescaped `|`) as its header.
fn markdown_tables_are_intact(markdown: &str) {
    let mut columns = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            columns = None;
            continue;
        }
        let pipes = unescaped_pipes(line);
        match columns {
            None => columns = Some(pipes),
            Some(expected) => assert_eq!(pipes, expected, "a table row is broken: {line}"),
        }
    }
}

fn unescaped_pipes(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}
