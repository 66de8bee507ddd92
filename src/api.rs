//! The library's public surface: what the integration tests, the fuzz targets and the
//! benchmark tools use, and nothing else. Every other item of the crate is `pub(crate)`.
//!
//! A [`Checker`] is `rg` in a box: the same pipeline the commands run, fed files from disk or
//! from memory, with every finding as [`Diagnostic`]s (levels applied).

use crate::diff::run::{self, DiffRun};
use crate::levels::LevelFlag;
use crate::load::workspace::Workspace;
use crate::pipeline::{GalleryUse, Pipeline};
use crate::render::diff_human::View;
use crate::render::diff_stream::{self, OverviewFormat, Shape};
use crate::report::{self, Format, Summary};
use crate::term::Term;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use crate::date::Date;
pub use crate::diag::{
    ByteSpan, Diagnostic, Edit, Fix, Level, Position, Rule, SourceFile, Spanned,
};
pub use crate::diff::{Holder, MunicipalityDiff, NextRole, RoleRow, SystemDiff};
pub use crate::load::discover::{FileKind, MAX_FILES};
pub use crate::load::read::MAX_FILE_BYTES;
pub use crate::model::{
    Appointments, Catalog, CatalogRole, Duty, Galleri, Gallery, GalleryOrigin, GalleryRole,
    GalleryVersion, Gruppe, Integration, KlikTask, Maade, Mark, Phase, STANDARD_ORDER, Status,
    TaskPart, Theme, Udpegning,
};
pub use crate::resolve::{GalleryInfo, PerPhase, ResolvedCatalog, ResolvedRole, ResolvedTask};
pub use crate::yaml::limits::{MAX_ALIAS_EVENTS, MAX_ALIASES, MAX_DEPTH, MAX_NODES};

/// Every rule, in the registry's order.
pub fn rules() -> &'static [&'static Rule] {
    crate::diag::registry::ALL
}

/// The gallery compiled into the binary.
pub fn embedded_gallery() -> Gallery {
    crate::load::gallery::load_embedded()
        .gallery
        .expect("the embedded gallery is checked when the crate is built and tested")
}

/// A gallery folder: the gallery (if it loads) and every finding about it, rules included.
pub fn gallery_folder(dir: &Path) -> Result<(Option<Gallery>, Vec<Diagnostic>), String> {
    let loaded = crate::load::gallery::load_folder(dir)?;
    let mut diagnostics = loaded.diagnostics;
    if let Some(gallery) = &loaded.gallery {
        diagnostics.extend(crate::rules::gallery::check(gallery));
    }
    Ok((loaded.gallery, diagnostics))
}

/// Reads a file as `rg` does (size limit, UTF-8, BOM dropped).
pub fn read_file(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    crate::load::read::read_source(path)
}

/// Decodes bytes as `rg` decodes a file.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    crate::load::read::decode(path, bytes)
}

/// The kind `rg check` gives a file, by its folder or its keys.
pub fn kind_of(file: &SourceFile) -> FileKind {
    crate::load::discover::kind_of(&file.path, &file.text)
}

/// A catalog as far as it can be read, or `None` when nothing of it can (for rendering a
/// broken catalog: resolution never fails).
pub fn read_catalog(file: &Arc<SourceFile>) -> Option<Catalog> {
    crate::yaml::document::<Catalog>(file).value
}

/// An appointments file as far as it can be read.
pub fn read_appointments(file: &Arc<SourceFile>) -> Option<Appointments> {
    crate::yaml::document::<Appointments>(file).value
}

/// `rg` in a box: the gallery, the levels, the date, and the catalogs appointments are
/// checked against.
pub struct Checker {
    pipeline: Pipeline,
    /// `rg diff --people`: each person's roles and the people rules.
    people: bool,
}

impl Checker {
    /// The embedded gallery, every default, no `rg.toml`; the catalogs folder is `catalogs/`
    /// of the current folder unless [`Checker::with_catalogs`] names files instead.
    pub fn embedded() -> Checker {
        Checker::open(&Workspace::empty(), None, &[])
    }

    /// As `rg` run in `dir`: its `rg.toml` (found upwards), its gallery by precedence.
    pub fn in_folder(dir: &Path) -> Result<Checker, String> {
        let workspace = Workspace::discover_in(dir);
        Pipeline::open(&workspace, None, &[], GalleryUse::Checking)
            .map(|pipeline| Checker {
                pipeline,
                people: false,
            })
            .map_err(|e| e.message)
    }

    /// With a gallery folder instead of the embedded one (`--gallery DIR`).
    pub fn with_gallery(dir: &Path) -> Result<Checker, String> {
        Pipeline::open(&Workspace::empty(), Some(dir), &[], GalleryUse::Checking)
            .map(|pipeline| Checker {
                pipeline,
                people: false,
            })
            .map_err(|e| e.message)
    }

    fn open(workspace: &Workspace, gallery: Option<&Path>, flags: &[LevelFlag]) -> Checker {
        let pipeline = Pipeline::open(workspace, gallery, flags, GalleryUse::Checking)
            .expect("the embedded gallery loads");
        Checker {
            pipeline,
            people: false,
        }
    }

    /// Diffs as `rg diff --people` does: each person's roles, and the people rules.
    pub fn with_people(mut self) -> Checker {
        self.people = true;
        self
    }

    /// A fixed "today", for findings about stale confirmations.
    pub fn today(mut self, today: Date) -> Checker {
        self.pipeline.staleness.today = today;
        self
    }

    /// Catalogs in memory that stand in for the catalogs folder.
    pub fn with_catalogs(mut self, catalogs: Vec<Arc<SourceFile>>) -> Checker {
        self.pipeline.references = Some(catalogs);
        self
    }

    pub fn gallery(&self) -> &Gallery {
        &self.pipeline.gallery
    }

    /// Checks files in memory, each of the kind its path or keys give, as `rg check` checks
    /// files on disk; levels applied, sorted by file and position.
    pub fn check(&self, files: Vec<Arc<SourceFile>>) -> Vec<Diagnostic> {
        self.pipeline
            .levels
            .apply(self.pipeline.check_files(files).diagnostics)
    }

    /// Checks one file in memory as the given kind.
    pub fn check_as(&self, file: Arc<SourceFile>, kind: FileKind) -> Vec<Diagnostic> {
        self.pipeline
            .levels
            .apply(self.pipeline.check_file_as(file, kind))
    }

    /// `rg check PATH...`: every finding and the number of files read.
    pub fn check_paths(&self, paths: &[PathBuf]) -> Result<(Vec<Diagnostic>, usize), String> {
        let run = self.pipeline.check_paths(paths).map_err(|e| e.message)?;
        Ok((self.pipeline.levels.apply(run.diagnostics), run.files))
    }

    /// A catalog checked and resolved, or its findings when it has errors.
    pub fn resolve(&self, file: Arc<SourceFile>) -> Result<ResolvedCatalog, Vec<Diagnostic>> {
        let checked = self.pipeline.check_catalog(file);
        let diagnostics = self.pipeline.levels.apply(checked.diagnostics);
        match checked.doc {
            Some(doc) if !diagnostics.iter().any(|d| d.level == Level::Error) => {
                Ok(crate::resolve::resolve(&doc.value, &self.pipeline.gallery))
            }
            _ => Err(diagnostics),
        }
    }

    /// A catalog resolved as far as it can be read, errors or not.
    pub fn resolve_anyway(&self, catalog: &Catalog) -> ResolvedCatalog {
        crate::resolve::resolve(catalog, &self.pipeline.gallery)
    }

    /// `rg diff` of appointments files in memory, against the catalogs.
    pub fn diff(&self, appointments: Vec<Arc<SourceFile>>) -> Diff {
        Diff {
            run: run::run_files(&self.pipeline, appointments, self.people),
        }
    }

    /// `rg diff` against catalogs taken as usable whatever they hold (to render what broken
    /// catalogs give).
    pub fn diff_unchecked(
        &self,
        catalogs: Vec<(Arc<SourceFile>, Catalog)>,
        appointments: Vec<Arc<SourceFile>>,
    ) -> Diff {
        Diff {
            run: run::run_unchecked(&self.pipeline, catalogs, appointments),
        }
    }

    /// `rg diff PATH...` against a catalogs folder.
    pub fn diff_paths(&self, paths: &[PathBuf], catalogs: &Path) -> Result<Diff, String> {
        run::run(&self.pipeline, paths, catalogs, self.people)
            .map(|run| Diff { run })
            .map_err(|e| e.message)
    }
}

/// What `rg diff` found, and its outputs.
pub struct Diff {
    run: DiffRun,
}

impl Diff {
    pub fn municipalities(&self) -> &[MunicipalityDiff] {
        &self.run.municipalities
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.run.diagnostics
    }

    /// The human diff at a width, without colour: the summary and the roles that need action.
    pub fn human(&self, width: usize) -> String {
        self.human_view(width, false)
    }

    /// The human diff at a width, without colour; `all` shows every role (`--all`).
    pub fn human_view(&self, width: usize, all: bool) -> String {
        self.render(Shape::Human(View { all }), width)
    }

    pub fn markdown(&self) -> String {
        self.render(Shape::Markdown(View { all: true }), 100)
    }

    /// One row per finding as CSV (`rg diff --format csv`); `all` adds the roles without one.
    pub fn findings_csv(&self, all: bool) -> String {
        self.render(Shape::Csv { all }, 100)
    }

    /// The overview in a format: `table`, `markdown`, `csv` or `json`.
    pub fn overview(&self, format: &str) -> String {
        let format = match format {
            "markdown" => OverviewFormat::Markdown,
            "csv" => OverviewFormat::Csv,
            "json" => OverviewFormat::Json,
            _ => OverviewFormat::Human,
        };
        self.render(Shape::Overview(format), 100)
    }

    /// As `rg diff` writes it, through the same outputs.
    fn render(&self, shape: Shape, width: usize) -> String {
        let out = diff_stream::render(&self.run, shape, &Term::plain_at(width));
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The rollekatalog as a document: `markdown`, `html` or `json`.
pub fn compile(catalog: &ResolvedCatalog, format: &str) -> String {
    use crate::render::document;
    match format {
        "html" => document::html(catalog),
        "json" => document::json(catalog).expect("the resolved catalog serialises"),
        _ => document::markdown(catalog),
    }
}

/// The phase × role table: `table` (at a width), `markdown` or `csv`.
pub fn table(catalog: &ResolvedCatalog, format: &str, width: usize) -> String {
    match format {
        "markdown" => crate::render::table::markdown(catalog),
        "csv" => crate::render::table::csv(catalog),
        _ => crate::render::table::terminal(catalog, width),
    }
}

/// Findings as `rg check` writes them: `human` (no colour, 100 columns), `json`, `github` or
/// `sarif`.
pub fn report(diagnostics: &[Diagnostic], files: usize, format: &str) -> String {
    let format = match format {
        "json" => Format::Json,
        "github" => Format::Github,
        "sarif" => Format::Sarif,
        _ => Format::Human,
    };
    let summary = Summary::of(files, diagnostics);
    let mut out = Vec::new();
    report::emit(
        &mut out,
        format,
        diagnostics,
        &summary,
        &Term::plain_at(100),
    )
    .expect("writing to memory cannot fail");
    String::from_utf8_lossy(&out).into_owned()
}

/// One finding in the human format, no colour, 100 columns.
pub fn human(diagnostic: &Diagnostic) -> String {
    report::human::render(diagnostic, &Term::plain_at(100))
}

/// Whether a code names a rule whose failure keeps a file from being read.
pub fn is_locked(code: &str) -> bool {
    crate::diag::registry::find(code).is_some_and(Rule::is_locked)
}

/// Folds a name for comparison as `rg` does (lower case, æ/ø/å as ae/oe/aa, spaces as `-`).
pub fn fold(word: &str) -> String {
    crate::suggest::fold(word)
}

/// Every YAML file under the paths, as `rg check` walks them (unwalkable entries left out).
pub fn yaml_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    use crate::load::discover::{self, Found};
    Ok(discover::discover(paths)?
        .into_iter()
        .filter_map(|found| match found {
            Found::File(path) => Some(path),
            Found::Broken(..) => None,
        })
        .collect())
}

/// Parses a file into its kind's typed model and drops it, with no rules run: the
/// benchmark's floor. `false` when the parse found anything wrong.
pub fn parse_only(file: &Arc<SourceFile>, kind: FileKind) -> bool {
    use crate::model::{Galleri, GalleryRole};
    fn clean<T: crate::yaml::FromYaml>(file: &Arc<SourceFile>) -> bool {
        let parsed = crate::yaml::document::<T>(file);
        parsed.value.is_some() && parsed.diagnostics.is_empty()
    }
    match kind {
        FileKind::Catalog => clean::<Catalog>(file),
        FileKind::Appointments => clean::<Appointments>(file),
        FileKind::GalleryRole => clean::<GalleryRole>(file),
        FileKind::Galleri => clean::<Galleri>(file),
        FileKind::Unknown => true,
    }
}

/// Whether rg's fast YAML reader reads `text` itself (`Ok(true)`) or leaves it to
/// saphyr-parser (`Ok(false)`); `Err` describes a document it reads otherwise than
/// saphyr-parser does, or one saphyr-parser refuses (for the differential tests and fuzzing).
pub fn yaml_fast_path(text: &str) -> Result<bool, String> {
    crate::yaml::fast_path_agrees(text)
}

/// What reading an `rg.toml` finds wrong in it (the diagnostics `rg` reports with the run).
pub fn config_findings(path: &Path) -> Vec<Diagnostic> {
    match crate::load::read::read_source(path) {
        Ok(file) => crate::load::config::parse(&file).1,
        Err(diagnostic) => vec![diagnostic],
    }
}

/// The rollekatalog as Markdown.
pub fn compile_markdown(catalog: &ResolvedCatalog) -> String {
    compile(catalog, "markdown")
}

/// The rollekatalog as one self-contained HTML file.
pub fn compile_html(catalog: &ResolvedCatalog) -> String {
    compile(catalog, "html")
}

/// A text as one Markdown table cell, escaped as the documents escape it.
pub fn markdown_cell(text: &str) -> String {
    crate::render::markdown_text::cell(text)
}

pub use crate::schema::{SchemaKind, schema_text};

/// The kind `rg check` gives a file at `path` holding `text`.
pub fn kind_of_text(path: &Path, text: &str) -> FileKind {
    crate::load::discover::kind_of(path, text)
}

impl Checker {
    /// With a gallery made of files in memory (as `--gallery DIR` would load that folder):
    /// the checker and every finding about the gallery, or the findings when it cannot load.
    pub fn with_gallery_files(
        files: Vec<Arc<SourceFile>>,
    ) -> Result<(Checker, Vec<Diagnostic>), Vec<Diagnostic>> {
        let loaded =
            crate::load::gallery::load_sources(files, GalleryOrigin::Folder("gallery".into()));
        let Some(gallery) = loaded.gallery else {
            return Err(loaded.diagnostics);
        };
        let mut found = loaded.diagnostics;
        found.extend(crate::rules::gallery::check(&gallery));
        let mut checker = Checker::embedded();
        checker.pipeline.gallery = gallery;
        checker.pipeline.gallery_findings = found.clone();
        Ok((checker, found))
    }
}

impl Diff {
    /// The diff JSON (`diagnostics`, `summary`, `kommuner`).
    pub fn json(&self) -> String {
        let summary = Summary::of(self.run.files, &self.run.diagnostics);
        let document = serde_json::json!({
            "diagnostics": self.run.diagnostics.iter().map(crate::report::json::JsonDiagnostic::of).collect::<Vec<_>>(),
            "summary": summary,
            "kommuner": self.run.municipalities,
        });
        crate::printable::json_pretty(&document).expect("the diff serialises")
    }
}

/// The titles of the document's chapters that start a printed page, in order (the PDF tests
/// read the pages back against them).
pub fn chapter_titles(catalog: &ResolvedCatalog) -> Vec<String> {
    crate::render::document::chapter_titles(catalog)
}
