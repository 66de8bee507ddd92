//! What the fuzz targets share: the embedded gallery, the repository's catalogs and
//! appointments files (compiled in), a fixed "today", and the steps each command takes with a
//! file, run in memory. Each step also checks what must hold for any input:
//!
//! - every diagnostic points inside its file, and every report format renders it;
//! - a compiled document escapes every value (HTML has no tag the template did not write,
//!   Markdown tables keep their columns) and the JSON reads back as the same catalog;
//! - no email of a person without `samtykke: true` appears in an output meant to be shared.

use rollegalleri::check;
use rollegalleri::check::memory::{self, Staleness};
use rollegalleri::commands::diff::DiffRun;
use rollegalleri::date::Date;
use rollegalleri::diagnostic::{Diagnostic, SourceFile};
use rollegalleri::diff;
use rollegalleri::load::discover::FileKind;
use rollegalleri::load::gallery::{self, Gallery, GalleryOrigin};
use rollegalleri::load::{read, yaml};
use rollegalleri::model::{Appointments, Catalog};
use rollegalleri::render::{self, diff_human, diff_markdown, overview};
use rollegalleri::report::{self, Summary};
use rollegalleri::resolve::{self, ResolvedCatalog};
use rollegalleri::rules::Level;
use rollegalleri::term::Term;
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
    pub gallery: Gallery,
    pub catalogs: Vec<Catalog>,
    pub resolved: Vec<ResolvedCatalog>,
    pub appointments: Vec<Arc<SourceFile>>,
    pub staleness: Staleness,
}

pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let gallery = gallery::load_embedded()
            .gallery
            .expect("the embedded gallery loads");
        let catalogs: Vec<Catalog> = CATALOGS
            .iter()
            .map(|(path, text)| {
                let file = SourceFile::new(Path::new(path), (*text).to_string());
                yaml::parse::<Catalog>(&file).expect("the repository's catalogs parse")
            })
            .collect();
        let resolved = catalogs
            .iter()
            .map(|c| resolve::resolve(c, &gallery))
            .collect();
        let appointments = APPOINTMENTS
            .iter()
            .map(|(path, text)| SourceFile::new(Path::new(path), (*text).to_string()))
            .collect();
        World {
            gallery,
            catalogs,
            resolved,
            appointments,
            staleness: Staleness {
                today: Date::parse("2026-01-15").expect("a date"),
                after_months: 12,
            },
        }
    })
}

/// Decodes fuzzed bytes as `rg` decodes a file; an encoding error is exercised like any
/// other diagnostic.
pub fn decode(path: &str, bytes: &[u8]) -> Option<Arc<SourceFile>> {
    match read::decode(Path::new(path), bytes.to_vec()) {
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
        if let Some(location) = &diagnostic.location
            && let Some(span) = location.span
        {
            let text = &location.file.text;
            assert!(
                span.offset <= text.len() && span.offset + span.len <= text.len(),
                "{}: span {span:?} outside a file of {} bytes",
                diagnostic.code(),
                text.len()
            );
            let position = diagnostic.position().expect("a span has a position");
            assert!(position.line >= 1 && position.column >= 1);
            assert!((position.line, position.column) <= (position.end_line, position.end_column));
        }
    }
    let term = Term::plain();
    let summary = Summary::of(1, diagnostics);
    let mut sink = Vec::new();
    report::human::write(&mut sink, diagnostics, &summary, &term).expect("human report");
    printable("human report", &sink);
    sink.clear();
    report::json::write(&mut sink, diagnostics, &summary).expect("json report");
    serde_json::from_slice::<serde_json::Value>(&sink).expect("the JSON report is JSON");
    printable("json report", &sink);
    sink.clear();
    report::github::write(&mut sink, diagnostics, &summary).expect("github report");
    printable("github report", &sink);
    sink.clear();
    report::sarif::write(&mut sink, diagnostics).expect("sarif report");
    printable("sarif report", &sink);
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

/// `rg check` on a catalog, then the catalog as `rg diff` uses it (parsed without checks,
/// resolved as far as it goes) against the repository's appointments.
pub fn catalog(bytes: &[u8]) {
    let world = world();
    let Some(file) = decode("catalogs/fuzz.yaml", bytes) else {
        return;
    };
    let diagnostics = memory::check_source_as(
        Arc::clone(&file),
        FileKind::Catalog,
        &world.gallery,
        &world.catalogs,
        world.staleness,
    );
    exercise(&diagnostics);
    let Ok(catalog) = yaml::parse::<Catalog>(&file) else {
        return;
    };
    let mut catalogs = vec![catalog];
    catalogs.extend(world.catalogs.iter().cloned());
    let resolved: Vec<ResolvedCatalog> = catalogs
        .iter()
        .map(|c| resolve::resolve(c, &world.gallery))
        .collect();
    for appointments in &world.appointments {
        diff_one(appointments, &world.gallery, &catalogs, &resolved);
    }
}

/// `rg check` and `rg diff` on an appointments file, against the repository's catalogs.
pub fn appointments(bytes: &[u8]) {
    let world = world();
    let Some(file) = decode("examples/fuzz.yaml", bytes) else {
        return;
    };
    let diagnostics = memory::check_source_as(
        Arc::clone(&file),
        FileKind::Appointments,
        &world.gallery,
        &world.catalogs,
        world.staleness,
    );
    exercise(&diagnostics);
    diff_one(&file, &world.gallery, &world.catalogs, &world.resolved);
}

/// One appointments file through `rg diff` (as `commands::diff::diff_files` does it) and every
/// output format; no email without consent in the shareable ones.
fn diff_one(
    file: &Arc<SourceFile>,
    gallery: &Gallery,
    catalogs: &[Catalog],
    resolved: &[ResolvedCatalog],
) {
    let world = world();
    let Ok(appointments) = yaml::parse::<Appointments>(file) else {
        return;
    };
    let checked = memory::check_source_as(
        Arc::clone(file),
        FileKind::Appointments,
        gallery,
        catalogs,
        world.staleness,
    );
    let errors: Vec<&Diagnostic> = checked.iter().filter(|d| d.level == Level::Error).collect();
    let skip = diff::systems_with_errors(file, &appointments, &errors);
    let mut municipality = diff::diff(file, &appointments, resolved, &skip);
    let mut diagnostics = checked.clone();
    diagnostics.append(&mut municipality.diagnostics);
    exercise(&diagnostics);
    let run = DiffRun {
        municipalities: vec![municipality],
        diagnostics,
        files: 1,
    };
    let summary = Summary::of(1, &run.diagnostics);
    let mut human = Vec::new();
    diff_human::write(&mut human, &run, &summary, &Term::plain()).expect("human diff");
    printable("human diff", &human);
    let mut shared = diff_markdown::render(&run.municipalities);
    markdown_tables_are_intact(&shared);
    printable("markdown diff", shared.as_bytes());
    let mut sink = Vec::new();
    report::json::write(&mut sink, &run.diagnostics, &summary).expect("json diagnostics");
    report::github::write(&mut sink, &run.diagnostics, &summary).expect("github diagnostics");
    serde_json::to_writer(&mut sink, &run.municipalities).expect("json diff");
    let matrix = overview::Overview::of(&run.municipalities);
    overview::json(&mut sink, &matrix).expect("json overview");
    overview::csv(&mut sink, &matrix).expect("csv overview");
    shared.push_str(&overview::markdown(&matrix));
    let table = overview::table(&matrix, &Term::plain()).to_string();
    printable("overview", table.as_bytes());
    shared.push_str(&String::from_utf8_lossy(&sink));
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
        .filter(|(_, person)| !person.samtykke)
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
        .gallery
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
    let loaded = gallery::load_sources(sources, GalleryOrigin::Folder("gallery".into()));
    exercise(&loaded.diagnostics);
    let Some(gallery) = loaded.gallery else {
        return;
    };
    let pick = bytes.len();
    let (path, text) = CATALOGS[pick % CATALOGS.len()];
    let catalog = &world.catalogs[pick % CATALOGS.len()];
    let appointments = &world.appointments[pick % APPOINTMENTS.len()];
    // `rg check` with a gallery that has errors still checks the other files against it.
    let others = vec![
        SourceFile::new(Path::new(path), text.to_string()),
        Arc::clone(appointments),
    ];
    let diagnostics = memory::check_sources(others, &gallery, &[], world.staleness);
    exercise(&diagnostics);
    let resolved = resolve::resolve(catalog, &gallery);
    if !has_errors(&loaded.diagnostics) {
        documents(&resolved);
    }
    diff_one(
        appointments,
        &gallery,
        std::slice::from_ref(catalog),
        std::slice::from_ref(&resolved),
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
        Some(id) if gallery::STANDARD_ORDER.contains(&id.as_str()) => format!("{id}.yaml"),
        _ => "fuzz.yaml".to_string(),
    }
}

/// `rg compile` and `rg table` on a catalog: refused with errors, else every format.
pub fn compile(bytes: &[u8]) {
    let world = world();
    let Some(file) = decode("catalogs/fuzz.yaml", bytes) else {
        return;
    };
    let report = check::catalog_source(file, &world.gallery);
    exercise(&report.diagnostics);
    let Some(catalog) = report.catalog else {
        return;
    };
    // `rg diff` resolves catalogs with errors too; that must never fail.
    let resolved = resolve::resolve(&catalog, &world.gallery);
    if has_errors(&report.diagnostics) {
        return;
    }
    documents(&resolved);
}

/// Every document and table of a resolved catalog, with what must hold for each.
pub fn documents(catalog: &ResolvedCatalog) {
    let html = render::document::html(catalog);
    html_is_escaped(&html);
    printable("html", html.as_bytes());
    let markdown = render::document::markdown(catalog);
    markdown_tables_are_intact(&markdown);
    printable("markdown", markdown.as_bytes());
    let json = render::document::json(catalog).expect("JSON renders");
    printable("json", json.as_bytes());
    let again: ResolvedCatalog = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(
        &again, catalog,
        "the JSON does not read back as the same catalog"
    );
    let table = render::table::markdown(catalog);
    markdown_tables_are_intact(&table);
    printable("markdown table", table.as_bytes());
    for width in [20, 80, 200] {
        printable("table", render::table::terminal(catalog, width).as_bytes());
    }
    printable("csv", render::table::csv(catalog).as_bytes());
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
