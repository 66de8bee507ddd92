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

/// Everything a diff run found, gathered in memory: per municipality, and every diagnostic
/// (levels applied).
pub struct DiffRun {
    pub municipalities: Vec<MunicipalityDiff>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// The run's pieces in order: a range of `diagnostics`, and the municipality they belong
    /// to (none for the catalogs' and the settings' findings).
    pieces: Vec<(std::ops::Range<usize>, Option<usize>)>,
}

impl DiffRun {
    /// Hands the pieces to `each` again, in the order the run gave them.
    pub(crate) fn replay(
        &self,
        each: &mut dyn FnMut(Piece) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        for (range, municipality) in &self.pieces {
            let found = self.diagnostics[range.clone()].to_vec();
            match municipality {
                Some(index) => each(Piece::Municipality(
                    found,
                    self.municipalities[*index].clone(),
                ))?,
                None => each(Piece::Findings(found))?,
            }
        }
        Ok(())
    }
}

/// Diffs the appointments under `paths` (`-` is standard input) against the catalogs in
/// `catalogs_dir`; `people` adds each person's roles and the people rules (`--people`).
pub(crate) fn run(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    catalogs_dir: &Path,
    people: bool,
) -> Result<DiffRun, CouldNotRun> {
    let Prepared { set, inputs, .. } = prepare(pipeline, paths, catalogs_dir, people)?;
    Ok(run_inputs(pipeline, inputs, set, people))
}

/// The catalogs read and the appointments files found, before any of them is diffed.
pub(crate) struct Prepared {
    set: CatalogSet,
    inputs: inputs::Inputs,
    /// Each person's roles and the people rules (`--people`).
    people: bool,
}

/// Reads the catalogs in `catalogs_dir` and finds the appointments under `paths`.
pub(crate) fn prepare(
    pipeline: &Pipeline,
    paths: &[PathBuf],
    catalogs_dir: &Path,
    people: bool,
) -> Result<Prepared, CouldNotRun> {
    let set = pipeline.folder_set(catalogs_dir);
    let inputs =
        inputs::gather(paths, &|_| Some(FileKind::Appointments)).map_err(CouldNotRun::message)?;
    Ok(Prepared {
        set,
        inputs,
        people,
    })
}

/// What a streamed run hands on, in this order: the findings about the catalogs, each
/// municipality with the findings of its file (in the order the files were named), and the
/// findings about the settings. Levels are applied.
pub(crate) enum Piece {
    Findings(Vec<Diagnostic>),
    Municipality(Vec<Diagnostic>, MunicipalityDiff),
}

/// Files diffed in parallel before their pieces are handed on: enough to keep every core
/// busy, few enough that only a handful of files' texts are held at a time.
const BATCH: usize = 16;

/// Diffs as [`run`] does, making each piece ready (`ready`, on the worker that diffed it)
/// and handing it to `each` as soon as it and all before it are done, so that a run holds a
/// few files at a time whatever their number. The next batch is diffed and made ready while
/// `each` writes this one. Stops at the first error `each` returns.
pub(crate) fn stream<T: Send>(
    pipeline: &Pipeline,
    prepared: Prepared,
    ready: &(dyn Fn(Piece) -> T + Sync),
    each: &mut dyn FnMut(T) -> std::io::Result<()>,
) -> std::io::Result<usize> {
    let Prepared {
        set,
        inputs,
        people,
    } = prepared;
    let options = options(pipeline, people);
    let resolved = ResolvedSet::of(&set, &pipeline.gallery);
    let catalogs = super::Catalogs::of(&resolved);
    let mut hand_on = |piece| each(ready(piece));
    hand_on(Piece::Findings(
        pipeline.levels.apply(catalog_problems(pipeline, &set)),
    ))?;
    for diagnostic in pipeline.levels.apply(inputs.unreadable) {
        match diagnostic.location.as_ref().map(|l| l.file.clone()) {
            Some(file) => hand_on(Piece::Municipality(
                vec![diagnostic],
                MunicipalityDiff::unread(&file, None, 1),
            ))?,
            None => hand_on(Piece::Findings(vec![diagnostic]))?,
        }
    }
    std::thread::scope(|scope| -> std::io::Result<()> {
        // One batch waits while the next is diffed: memory stays bounded when writing is
        // the slower side.
        let (done, waiting) = std::sync::mpsc::sync_channel(1);
        let (set, catalogs, files, options) = (&set, &catalogs, &inputs.files, &options);
        scope.spawn(move || {
            for batch in files.chunks(BATCH) {
                let diffed: Vec<T> = batch
                    .par_iter()
                    .map(|input| {
                        let (found, municipality) =
                            diff_input(pipeline, input, set, catalogs, options);
                        ready(Piece::Municipality(found, municipality))
                    })
                    .collect();
                if done.send(diffed).is_err() {
                    break; // the receiver stopped: a write failed
                }
            }
        });
        for diffed in waiting {
            for piece in diffed {
                each(piece)?;
            }
        }
        Ok(())
    })?;
    each(ready(Piece::Findings(
        pipeline.levels.apply(pipeline.settings_findings.clone()),
    )))?;
    Ok(inputs.count)
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
    run_inputs(pipeline, inputs, set, people)
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
    run_inputs(pipeline, inputs, set, true)
}

fn run_inputs(
    pipeline: &Pipeline,
    inputs: inputs::Inputs,
    set: CatalogSet,
    people: bool,
) -> DiffRun {
    let prepared = Prepared {
        set,
        inputs,
        people,
    };
    let (mut municipalities, mut diagnostics, mut pieces) = (Vec::new(), Vec::new(), Vec::new());
    let files = stream(pipeline, prepared, &|piece| piece, &mut |piece| {
        let start = diagnostics.len();
        let owner = match piece {
            Piece::Findings(found) => {
                diagnostics.extend(found);
                None
            }
            Piece::Municipality(found, municipality) => {
                diagnostics.extend(found);
                municipalities.push(municipality);
                Some(municipalities.len() - 1)
            }
        };
        pieces.push((start..diagnostics.len(), owner));
        Ok(())
    });
    DiffRun {
        municipalities,
        diagnostics,
        // Gathering into memory cannot fail.
        files: files.unwrap_or_default(),
        pieces,
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
    catalogs: &super::Catalogs,
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
    let mut municipality = super::diff(&doc, catalogs, &skip, options);
    municipality.fejl = fejl;
    diagnostics.extend(levels.apply(std::mem::take(&mut municipality.diagnostics)));
    keep_shown_codes(&mut municipality, pipeline);
    (diagnostics, municipality)
}

/// A rule set to `allow` is not shown in the tables either. The codes allowed are found once
/// per municipality, and most runs allow none of the diff's.
fn keep_shown_codes(municipality: &mut MunicipalityDiff, pipeline: &Pipeline) {
    let hidden: Vec<&str> = crate::diag::registry::ALL
        .iter()
        .filter(|rule| !pipeline.levels.shows(rule))
        .map(|rule| rule.code)
        .collect();
    if hidden.is_empty() {
        return;
    }
    for system in &mut municipality.systemer {
        for row in &mut system.roller {
            row.fund.retain(|code| !hidden.contains(code));
        }
    }
}
