//! `rg diff APPOINTMENTS...`: each municipality's appointments against the roles its systems
//! need in their current phase; `--overview` for many municipalities at once.

use crate::check;
use crate::cli::{DiffArgs, DiffFormat};
use crate::commands::check::outcome;
use crate::commands::{Context, Failure, Outcome};
use crate::diagnostic::Diagnostic;
use crate::diff::{self, MunicipalityDiff};
use crate::levels::Levels;
use crate::load::discover::{self, Found};
use crate::load::workspace::Workspace;
use crate::load::{read, yaml};
use crate::model::{Appointments, Catalog};
use crate::render::{diff_human, diff_markdown, overview, xlsx};
use crate::report::{self, Summary};
use crate::resolve::{self, ResolvedCatalog};
use crate::rules::{self, Level};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Everything a diff run found: per municipality, and every diagnostic (levels applied).
pub struct DiffRun {
    pub municipalities: Vec<MunicipalityDiff>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
}

pub fn run(args: &DiffArgs, ctx: &Context, out: &mut dyn Write) -> Result<Outcome, Failure> {
    if args.format == DiffFormat::Csv && !args.overview {
        return Err(Failure::message("`--format csv` is for `--overview`"));
    }
    // Opened first: a target that cannot be written stops the run before it reads anything.
    let output = crate::write::Output::open(args.output.as_deref(), args.force)?;
    if args.format == DiffFormat::Xlsx {
        if !args.overview {
            return Err(Failure::message("`--format xlsx` is for `--overview`"));
        }
        if output.is_stdout() && ctx.term.is_terminal {
            return Err(Failure::message(
                "an xlsx workbook is binary; write it with -o FILE (or redirect stdout)",
            ));
        }
    }
    let (levels, unknown_codes) = Levels::new(&ctx.workspace, &args.levels.flags());
    if !unknown_codes.is_empty() {
        return Err(Failure::CouldNotRun {
            message: "unknown rule code on the command line; `rg explain --list` lists them".into(),
            diagnostics: unknown_codes,
        });
    }
    let gallery = ctx.gallery()?;
    let catalogs = load_catalogs(args, ctx)?;
    let resolved: Vec<ResolvedCatalog> = catalogs
        .iter()
        .map(|c| resolve::resolve(c, &gallery))
        .collect();
    let paths = appointment_paths(args, ctx)?;
    let run = diff_files(
        &paths,
        &catalogs,
        &resolved,
        &gallery,
        &ctx.workspace,
        &levels,
    )?;
    let summary = Summary::of(run.files, &run.diagnostics);
    output.emit_with(out, |out| write(out, args, &run, &summary, ctx))?;
    Ok(outcome(&summary, args.levels.fail_on))
}

fn load_catalogs(args: &DiffArgs, ctx: &Context) -> Result<Vec<Catalog>, Failure> {
    let dir = args
        .catalogs
        .clone()
        .unwrap_or_else(|| check::catalogs_dir(&ctx.workspace));
    if !dir.is_dir() {
        return Err(Failure::message(format!(
            "no catalogs folder at {}; name one with --catalogs DIR or `catalogs` in rg.toml",
            dir.display()
        )));
    }
    Ok(check::reference_catalogs(&dir)
        .into_iter()
        .map(|(_, c)| c)
        .collect())
}

fn appointment_paths(args: &DiffArgs, ctx: &Context) -> Result<Vec<PathBuf>, Failure> {
    if !args.paths.is_empty() {
        return Ok(args.paths.clone());
    }
    match &ctx.workspace.config.appointments {
        Some(dir) => Ok(vec![ctx.workspace.resolve(dir)]),
        None => Err(Failure::message(
            "name the appointments files or folders, or set `appointments` in rg.toml",
        )),
    }
}

/// Checks each appointments file, then diffs it unless the check found errors. Files are
/// handled in parallel, each read, diffed and dropped; only their findings and diffs are kept,
/// in file order.
pub fn diff_files(
    paths: &[PathBuf],
    catalogs: &[Catalog],
    resolved: &[ResolvedCatalog],
    gallery: &crate::load::gallery::Gallery,
    workspace: &Workspace,
    levels: &Levels,
) -> Result<DiffRun, Failure> {
    let found = discover::discover(paths).map_err(Failure::message)?;
    let files: Vec<PathBuf> = found
        .into_iter()
        .filter_map(|item| match item {
            Found::File(path) => Some(path),
            Found::Broken(..) => None,
        })
        .collect();
    let against = Against {
        catalogs,
        resolved,
        gallery,
        staleness: check::staleness(workspace),
        levels,
    };
    let each: Vec<FileDiff> = files.par_iter().map(|path| against.diff(path)).collect();
    let mut run = DiffRun {
        municipalities: Vec::new(),
        diagnostics: Vec::new(),
        files: files.len(),
    };
    for (diagnostics, municipality) in each {
        run.diagnostics.extend(diagnostics);
        run.municipalities.extend(municipality);
    }
    Ok(run)
}

/// One file's findings (levels applied) and, when it parsed, its diff.
type FileDiff = (Vec<Diagnostic>, Option<MunicipalityDiff>);

/// What an appointments file is diffed against.
struct Against<'a> {
    catalogs: &'a [Catalog],
    resolved: &'a [ResolvedCatalog],
    gallery: &'a crate::load::gallery::Gallery,
    staleness: rules::appointments::Staleness,
    levels: &'a Levels,
}

impl Against<'_> {
    fn diff(&self, path: &Path) -> FileDiff {
        let levels = self.levels;
        let parsed = read::read_source(path)
            .and_then(|file| yaml::parse::<Appointments>(&file).map(|a| (file, a)));
        let (file, appointments) = match parsed {
            Ok(parsed) => parsed,
            Err(diagnostic) => return (levels.apply(vec![diagnostic]), None),
        };
        let mut diagnostics = levels.apply(rules::appointments::check(
            &file,
            &appointments,
            self.gallery,
            self.catalogs,
            self.staleness,
        ));
        // A system entry with errors is not diffed; the rest of the file still is.
        let errors: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.level == Level::Error)
            .collect();
        let skip = diff::systems_with_errors(&file, &appointments, &errors);
        let mut municipality = diff::diff(&file, &appointments, self.resolved, &skip);
        diagnostics.extend(levels.apply(std::mem::take(&mut municipality.diagnostics)));
        keep_shown_codes(&mut municipality, levels);
        (diagnostics, Some(municipality))
    }
}

/// A rule set to `allow` is not shown in the tables either.
fn keep_shown_codes(municipality: &mut MunicipalityDiff, levels: &Levels) {
    for system in &mut municipality.systemer {
        for row in &mut system.roller {
            row.fund.retain(|code| {
                rules::find(code)
                    .is_some_and(|rule| levels.level_of(rule.code, rule.level) != Level::Allow)
            });
        }
    }
}

fn write(
    out: &mut dyn Write,
    args: &DiffArgs,
    run: &DiffRun,
    summary: &Summary,
    ctx: &Context,
) -> std::io::Result<()> {
    if args.quiet && matches!(args.format, DiffFormat::Human | DiffFormat::Github) {
        return writeln!(out, "{}", summary.line());
    }
    if args.overview {
        let matrix = overview::Overview::of(&run.municipalities);
        return match args.format {
            DiffFormat::Human | DiffFormat::Github => {
                writeln!(out, "{}", overview::table(&matrix, &ctx.term))?;
                writeln!(out, "{}", summary.line())
            }
            DiffFormat::Json => overview::json(out, &matrix),
            DiffFormat::Markdown => write!(out, "{}", overview::markdown(&matrix)),
            DiffFormat::Csv => overview::csv(out, &matrix),
            DiffFormat::Xlsx => out.write_all(
                &xlsx::overview(&matrix, &run.municipalities).map_err(std::io::Error::other)?,
            ),
        };
    }
    match args.format {
        DiffFormat::Human => diff_human::write(out, run, summary, &ctx.term),
        DiffFormat::Json => diff_json(out, run, summary),
        DiffFormat::Markdown => write!(out, "{}", diff_markdown::render(&run.municipalities)),
        DiffFormat::Github => report::github::write(out, &run.diagnostics, summary),
        // Refused before the run: CSV and xlsx are only for `--overview`.
        DiffFormat::Csv | DiffFormat::Xlsx => Ok(()),
    }
}

/// The check/diff JSON contract (`diagnostics`, `summary`) plus the diff per municipality.
fn diff_json(out: &mut dyn Write, run: &DiffRun, summary: &Summary) -> std::io::Result<()> {
    let document = serde_json::json!({
        "diagnostics": run.diagnostics.iter().map(report::json::JsonDiagnostic::of).collect::<Vec<_>>(),
        "summary": summary,
        "kommuner": run.municipalities,
    });
    out.write_all(crate::printable::json_pretty(&document)?.as_bytes())?;
    writeln!(out)
}
