//! `rg diff`'s run: the catalogs read and resolved once, then each appointments file read,
//! checked and diffed in parallel. Every file or entry that could not be read or used is a
//! finding, and a municipality with one counts it in `fejl`: never shown as having no gaps.

use super::{DiffOptions, MunicipalityDiff, systems_with_errors};
use crate::diag::{Diagnostic, Level};
use crate::load::discover::FileKind;
use crate::model::{CatalogSet, Lookup};
use crate::pipeline::inputs::{self, Input};
use crate::pipeline::{CouldNotRun, Pipeline};
use crate::resolve::ResolvedSet;
use crate::rules;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Everything a diff run found: per municipality, and every diagnostic (levels applied).
pub struct DiffRun {
    pub municipalities: Vec<MunicipalityDiff>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
}

/// Diffs the appointments under `paths` (`-` is standard input) against the catalogs in
/// `catalogs_dir`; `people` adds each person's roles and the people rules (`--people`).
pub(crate) fn run(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    catalogs_dir: &Path,
    people: bool,
) -> Result<DiffRun, CouldNotRun> {
    let set = pipeline.folder_set(catalogs_dir);
    let inputs =
        inputs::gather(paths, &|_| Some(FileKind::Appointments)).map_err(CouldNotRun::message)?;
    Ok(run_inputs(pipeline, inputs, &set, people))
}

/// What the run asks of each municipality's diff.
fn options(pipeline: &Pipeline, people: bool) -> DiffOptions {
    DiffOptions {
        people: people.then(|| pipeline.workspace.config.max_roles_per_person()),
        staleness: pipeline.staleness,
    }
}

/// Diffs appointments files already in memory against the pipeline's catalogs (its
/// references, or its catalogs folder).
pub(crate) fn run_files(
    pipeline: &Pipeline,
    files: Vec<std::sync::Arc<crate::diag::SourceFile>>,
    people: bool,
) -> DiffRun {
    let set = pipeline.folder_set(&pipeline.catalogs_dir(None));
    let count = files.len();
    let inputs = inputs::Inputs {
        files: files.into_iter().map(Input::Read).collect(),
        unreadable: Vec::new(),
        count,
    };
    run_inputs(pipeline, inputs, &set, people)
}

/// Diffs appointments in memory against catalogs taken as usable whatever their findings:
/// for rendering what broken catalogs give (markup-safety tests, fuzz targets).
pub(crate) fn run_unchecked(
    pipeline: &Pipeline,
    catalogs: Vec<(
        std::sync::Arc<crate::diag::SourceFile>,
        crate::model::Catalog,
    )>,
    files: Vec<std::sync::Arc<crate::diag::SourceFile>>,
) -> DiffRun {
    let mut set = CatalogSet::default();
    for (file, catalog) in catalogs {
        set.push(crate::model::CatalogEntry {
            file,
            catalog: Some(catalog),
            usable: true,
            diagnostics: Vec::new(),
        });
    }
    let count = files.len();
    let inputs = inputs::Inputs {
        files: files.into_iter().map(Input::Read).collect(),
        unreadable: Vec::new(),
        count,
    };
    run_inputs(pipeline, inputs, &set, true)
}

fn run_inputs(
    pipeline: &Pipeline,
    inputs: inputs::Inputs,
    set: &CatalogSet,
    people: bool,
) -> DiffRun {
    let options = options(pipeline, people);
    let resolved = ResolvedSet::of(set, &pipeline.gallery);
    let mut diagnostics = pipeline.levels.apply(catalog_problems(pipeline, set));
    let mut municipalities = Vec::new();
    for diagnostic in pipeline.levels.apply(inputs.unreadable) {
        if let Some(location) = &diagnostic.location {
            municipalities.push(MunicipalityDiff::unread(&location.file, None, 1));
        }
        diagnostics.push(diagnostic);
    }
    let each: Vec<(Vec<Diagnostic>, MunicipalityDiff)> = inputs
        .files
        .par_iter()
        .map(|input| diff_input(pipeline, input, set, &resolved, &options))
        .collect();
    for (found, municipality) in each {
        diagnostics.extend(found);
        municipalities.push(municipality);
    }
    diagnostics.extend(pipeline.levels.apply(pipeline.settings_findings.clone()));
    DiffRun {
        municipalities,
        diagnostics,
        files: inputs.count,
    }
}

/// What keeps catalogs from being used: the errors of each catalog that cannot be, and a
/// second catalog for a system (which one the municipalities were given cannot be told).
fn catalog_problems(pipeline: &Pipeline, set: &CatalogSet) -> Vec<Diagnostic> {
    let mut found: Vec<Diagnostic> = set
        .entries()
        .iter()
        .filter(|entry| !entry.usable)
        .flat_map(|entry| entry.diagnostics.iter())
        .filter(|d| pipeline.levels.level_of(d.rule) == Level::Error)
        .cloned()
        .collect();
    found.extend(rules::catalog::duplicate_systems(
        set,
        &|_| true,
        &|_, _| true,
    ));
    found
}

/// One appointments file: its findings (levels applied) and its diff, or its row marked with
/// the errors that kept it from being diffed.
fn diff_input(
    pipeline: &Pipeline,
    input: &Input,
    set: &CatalogSet,
    resolved: &ResolvedSet,
    options: &DiffOptions,
) -> (Vec<Diagnostic>, MunicipalityDiff) {
    let levels = &pipeline.levels;
    let file = match input.read() {
        Ok(file) => file,
        Err(diagnostic) => {
            let file = diagnostic.location.as_ref().map(|l| l.file.clone());
            let row = file.map_or_else(
                || {
                    MunicipalityDiff::unread(
                        &crate::diag::SourceFile::new(Path::new("-"), String::new()),
                        None,
                        1,
                    )
                },
                |file| MunicipalityDiff::unread(&file, None, 1),
            );
            return (levels.apply(vec![diagnostic]), row);
        }
    };
    let checked = pipeline.check_appointments(file, set);
    let mut diagnostics = levels.apply(checked.diagnostics);
    let errors: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .collect();
    let Some(doc) = checked.doc else {
        let row = MunicipalityDiff::unread(&checked.file, None, errors.len());
        return (diagnostics, row);
    };
    // A system entry with errors, or whose catalog cannot be used, is not diffed; the rest
    // of the file still is.
    let mut skip = systems_with_errors(&doc.value, &errors);
    for (index, system) in doc.value.systemer.value.iter().enumerate() {
        if !matches!(set.lookup(&system.system.value), Lookup::Usable(_)) {
            skip.insert(index);
        }
    }
    // What could not be read at all (a dropped entry), and what kept an entry from the diff.
    let fejl = errors
        .iter()
        .filter(|d| {
            d.rule.is_locked()
                || super::entry_of(&doc.value, d).is_some_and(|index| skip.contains(&index))
        })
        .count();
    let mut municipality = super::diff(&doc, resolved, &skip, options);
    municipality.fejl = fejl;
    diagnostics.extend(levels.apply(std::mem::take(&mut municipality.diagnostics)));
    keep_shown_codes(&mut municipality, pipeline);
    (diagnostics, municipality)
}

/// A rule set to `allow` is not shown in the tables either.
fn keep_shown_codes(municipality: &mut MunicipalityDiff, pipeline: &Pipeline) {
    for system in &mut municipality.systemer {
        for row in &mut system.roller {
            row.fund.retain(|code| {
                crate::diag::registry::find(code).is_some_and(|rule| pipeline.levels.shows(rule))
            });
        }
    }
}
