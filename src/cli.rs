//! The command line, as clap sees it. Each subcommand's work lives in `commands/<name>.rs`.

use crate::term::ColorChoice;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The name the program was run by, from `argv[0]`'s file stem (`rg`, `rollegalleri`), else
/// `rg`: ripgrep owns `rg` on many machines, so the same program is built under both names, and
/// its man pages, `--version`, usage and completions must name the one that was run. A stem
/// with anything but letters, digits, `-`, `_` and `.` is not taken, since the name is written
/// into shell scripts and roff.
pub(crate) fn program_name(argv0: Option<&OsStr>) -> String {
    argv0
        .map(Path::new)
        .and_then(Path::file_stem)
        .and_then(OsStr::to_str)
        .filter(|stem| {
            !stem.is_empty()
                && !stem.starts_with(['-', '.'])
                && stem
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
        .unwrap_or("rg")
        .to_string()
}

/// The command line as clap sees it, named `program`.
pub(crate) fn command(program: &str) -> clap::Command {
    Cli::command().name(program.to_string()).bin_name(program)
}

/// rollegalleri: KOMBIT's Rollegalleri as YAML — check, compile and compare role catalogs.
#[derive(Debug, Parser)]
#[command(name = "rg", version = crate::VERSION_LINE, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Use this gallery folder instead of rg.toml's, the repository's gallery/ or the embedded one.
    #[arg(long, global = true, value_name = "DIR")]
    pub gallery: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the gallery's roles.
    List(ListArgs),
    /// Show one role in full.
    Show(ShowArgs),
    /// Compile a catalog into the rollekatalog: Markdown, print-ready HTML, PDF or JSON.
    Compile(CompileArgs),
    /// Print a catalog's phase × role table (● obligatorisk, ○ anbefalet, ★ SPOC).
    Table(TableArgs),
    /// Scaffold a new file from the gallery.
    #[command(subcommand)]
    New(NewCommand),
    /// Validate gallery, catalog and appointments files (for CI).
    Check(CheckArgs),
    /// Explain a rule: what it checks, why, an example and the fix.
    Explain(ExplainArgs),
    /// Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools.
    Schema(SchemaArgs),
    /// Print a shell completion script (role ids and rule codes included).
    Completions(CompletionsArgs),
    /// Print the man page (roff).
    Man(ManArgs),
    /// Compare municipalities' appointments with the roles each system needs in its current phase.
    Diff(DiffArgs),
    /// Apply the certain fixes the findings suggest, in place (comments and layout kept).
    Fix(FixArgs),
    /// Run the language server for editors, on stdin/stdout: rg check's findings while typing,
    /// quick fixes, hover, go to definition and completion.
    Lsp(LspArgs),
    /// Read a filled-in appointments workbook (`rg new appointments --format xlsx`) into YAML.
    Import(ImportArgs),
}

/// Output formats of `rg list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Markdown,
}

/// A vocabulary value on the command line: its id, or its Danish name or an alias written any
/// way (`tværgående`, `Fase 3`), as the files' suggestions understand them.
#[derive(Clone, Copy, Debug)]
pub struct VocabularyArg<V>(std::marker::PhantomData<V>);

impl<V> VocabularyArg<V> {
    pub fn new() -> VocabularyArg<V> {
        VocabularyArg(std::marker::PhantomData)
    }
}

impl<V: crate::vocab::Vocabulary + Send + Sync> clap::builder::TypedValueParser
    for VocabularyArg<V>
{
    type Value = V;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<V, clap::Error> {
        let text = value.to_string_lossy();
        V::from_alias(&text).ok_or_else(|| {
            let mut error = clap::Error::new(clap::error::ErrorKind::InvalidValue).with_cmd(cmd);
            let name = arg.map_or_else(|| "value".to_string(), |a| a.to_string());
            error.insert(
                clap::error::ContextKind::InvalidArg,
                clap::error::ContextValue::String(name),
            );
            error.insert(
                clap::error::ContextKind::InvalidValue,
                clap::error::ContextValue::String(text.into_owned()),
            );
            let ids = V::all().iter().map(|v| v.id().to_string()).collect();
            error.insert(
                clap::error::ContextKind::ValidValue,
                clap::error::ContextValue::Strings(ids),
            );
            error
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            V::all()
                .iter()
                .map(|v| clap::builder::PossibleValue::new(v.id())),
        ))
    }
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only roles of this group (`tvaergaaende` or `tværgående` alike).
    #[arg(long, value_parser = VocabularyArg::<crate::model::Gruppe>::new())]
    pub gruppe: Option<crate::model::Gruppe>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Output formats of `rg show`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A role id (`projektleder`) or Danish name (`"Faglig leder"`, `træner`).
    pub role: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Output formats of `rg check` (and the diagnostics of other commands).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// miette reports and a summary line
    Human,
    /// one JSON object: diagnostics and summary
    Json,
    /// GitHub Actions workflow commands
    Github,
    /// SARIF 2.1.0 for code scanning
    Sarif,
}

/// The lowest level that fails the run (exit 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
}

/// `--deny/--warn/--allow CODE`: the command line wins over `rg.toml`; for one code the
/// strongest flag wins (deny over warn over allow).
#[derive(Debug, Args)]
pub struct LevelArgs {
    /// Treat this rule as an error (repeatable).
    #[arg(long, value_name = "CODE")]
    pub deny: Vec<String>,
    /// Treat this rule as a warning (repeatable).
    #[arg(long, value_name = "CODE")]
    pub warn: Vec<String>,
    /// Do not report this rule (repeatable).
    #[arg(long, value_name = "CODE")]
    pub allow: Vec<String>,
    /// Fail (exit 1) on errors only, or on warnings too.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
}

impl LevelArgs {
    pub fn flags(&self) -> Vec<crate::levels::LevelFlag> {
        use crate::diag::Level;
        let each = |codes: &[String], level: Level| {
            codes
                .iter()
                .map(move |code| crate::levels::LevelFlag {
                    code: code.clone(),
                    level,
                })
                .collect::<Vec<_>>()
        };
        let mut flags = each(&self.allow, Level::Allow);
        flags.extend(each(&self.warn, Level::Warning));
        flags.extend(each(&self.deny, Level::Error));
        flags
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (`-` reads one file from stdin). Default: rg.toml's paths, else the current folder.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub levels: LevelArgs,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or folders to fix. Default: rg.toml's paths, else the current folder.
    pub paths: Vec<PathBuf>,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long)]
    pub diff: bool,
    #[command(flatten)]
    pub levels: LevelArgs,
}

#[derive(Debug, Args)]
pub struct LspArgs {
    /// Accepted for editors that pass it; stdin/stdout is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule code, e.g. `rg::catalog::unknown_role` (the `rg::` prefix may be left out).
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every rule with its default level and summary.
    #[arg(long, conflicts_with = "code")]
    pub list: bool,
}

/// Document formats of `rg compile`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CompileFormat {
    /// Markdown, for a repository or a wiki
    Markdown,
    /// one self-contained, print-ready HTML file (A4)
    Html,
    /// PDF on A4, printed from the HTML by a Chromium-family browser on the machine (needs -o)
    Pdf,
    /// the resolved catalog as JSON (its schema: --schema)
    Json,
}

#[derive(Debug, Args)]
pub struct CompileArgs {
    /// The catalog to compile, e.g. catalogs/sapa.yaml.
    #[arg(required_unless_present = "schema")]
    pub catalog: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompileFormat::Markdown, requires_if("pdf", "output"))]
    pub format: CompileFormat,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// The Chromium, Chrome or Edge that prints `--format pdf` (default: RG_BROWSER, else the
    /// first found on PATH or in the usual install folders).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// Print the JSON Schema of `--format json` instead of compiling.
    #[arg(long, conflicts_with_all = ["catalog", "format"])]
    pub schema: bool,
}

/// Output formats of `rg table`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// a terminal table fitted to the width
    Table,
    /// a Markdown table
    Markdown,
    /// CSV for spreadsheets: status ids per phase and the SPOC phases
    Csv,
    /// an Excel workbook (with -o FILE): coloured cells, frozen header, Danish sheet names
    Xlsx,
}

#[derive(Debug, Args)]
pub struct TableArgs {
    /// The catalog, e.g. catalogs/sapa.yaml.
    pub catalog: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// What `rg new` scaffolds.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A catalog for one IT system: every gallery role, the checklist as comments.
    Catalog(NewCatalogArgs),
    /// A municipality's appointments from the catalogs in use: every system, its roles per
    /// phase; as YAML, or as a fill-in workbook for `rg import`.
    Appointments(NewAppointmentsArgs),
}

/// Formats of `rg new appointments`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScaffoldFormat {
    /// an appointments file, the roles per phase as comments
    Yaml,
    /// a fill-in Excel workbook (with -o FILE): instructions, Personer, Udpegninger, drop-downs
    Xlsx,
    /// the workbook's sheets in one CSV file, each after a line naming it
    Csv,
}

#[derive(Debug, Args)]
pub struct NewAppointmentsArgs {
    /// The municipality, e.g. Vordingborg.
    pub kommune: String,
    /// The catalogs folder (default: rg.toml's `catalogs`, else `catalogs/`).
    #[arg(long, value_name = "DIR")]
    pub catalogs: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScaffoldFormat::Yaml)]
    pub format: ScaffoldFormat,
    /// Write to FILE (atomically) instead of stdout; an existing file is kept unless --force.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The filled-in workbook (.xlsx) or its CSV form (.csv).
    pub sheet: PathBuf,
    /// The appointments YAML to write (`-` for stdout); nothing is written while a cell has an error.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// The catalogs folder the appointments are checked against (default: rg.toml's `catalogs`, else `catalogs/`).
    #[arg(long, value_name = "DIR")]
    pub catalogs: Option<PathBuf>,
    /// Format of the findings about the cells.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub levels: LevelArgs,
}

#[derive(Debug, Args)]
pub struct NewCatalogArgs {
    /// The IT system's name, e.g. SAPA.
    pub system: String,
    /// Write to FILE (atomically) instead of stdout; an existing file is kept unless --force.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// Output formats of `rg diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// tables per system and a summary line
    Human,
    /// one JSON object: diagnostics, summary and the diff per municipality
    Json,
    /// Markdown tables, to share
    Markdown,
    /// GitHub Actions workflow commands
    Github,
    /// CSV: one row per finding (with --overview: the matrix, every count a number)
    Csv,
    /// an Excel workbook (with -o FILE): a sheet of findings per municipality, or the overview
    Xlsx,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Appointments files or folders. Default: rg.toml's `appointments` folder.
    pub paths: Vec<PathBuf>,
    /// The catalogs folder (default: rg.toml's `catalogs`, else `catalogs/`).
    #[arg(long, value_name = "DIR")]
    pub catalogs: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// One matrix of municipality × system: unfilled mandatory roles, worst first.
    #[arg(long)]
    pub overview: bool,
    /// Every role of every system, not only those that need action.
    #[arg(long, conflicts_with = "overview")]
    pub all: bool,
    /// Each person's roles across the municipality's systems: who carries too many
    /// (`max_roles_per_person`), which mandatory roles rest on one person.
    #[arg(long, conflicts_with = "overview")]
    pub people: bool,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    #[command(flatten)]
    pub levels: LevelArgs,
    /// Print only the summary line.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The file kind.
    #[arg(value_enum, required_unless_present = "dir")]
    pub kind: Option<crate::schema::SchemaKind>,
    /// Write to FILE (atomically) instead of stdout.
    #[arg(long, short, value_name = "FILE", conflicts_with = "dir")]
    pub output: Option<PathBuf>,
    /// Write every kind's schema into DIR as `<kind>.schema.json`.
    #[arg(long, value_name = "DIR", conflicts_with = "kind")]
    pub dir: Option<PathBuf>,
    /// Overwrite files that exist.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `bash` (then save the script as bash-completion's completions/<name>).
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the page and one page per subcommand (`<name>-check.1`, ...) into DIR instead of printing it.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Overwrite files that exist (with --dir).
    #[arg(long, requires = "dir")]
    pub force: bool,
}
