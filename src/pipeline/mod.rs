//! One pipeline for every command: discover → read → parse → structural validation →
//! semantic rules → resolve | diff → report | render. A [`Pipeline`] is opened once per run
//! with the gallery, the levels and the settings; commands only choose what to feed it and how
//! to print what comes out. Every failure at every stage is a [`Diagnostic`] that reaches the
//! command's output: nothing is reported as complete that was not read.

pub(crate) mod catalogs;
pub(crate) mod check;
pub(crate) mod fix;
pub(crate) mod inputs;
pub(crate) mod session;
pub(crate) mod stages;

use crate::diag::{Diagnostic, Level};
use crate::levels::{LevelFlag, Levels};
use crate::load::discover::FileKind;
use crate::load::gallery::LoadedGallery;
use crate::load::workspace::Workspace;
use crate::model::Gallery;
use crate::rules;
use crate::rules::appointments::Staleness;
use std::path::{Path, PathBuf};

/// Why a run cannot start (exit 2): a message and the findings behind it.
#[derive(Debug)]
pub(crate) struct CouldNotRun {
    pub(crate) message: String,
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl CouldNotRun {
    pub(crate) fn message(message: impl Into<String>) -> CouldNotRun {
        CouldNotRun {
            message: message.into(),
            diagnostics: Vec::new(),
        }
    }
}

impl From<CouldNotRun> for crate::failure::Failure {
    fn from(error: CouldNotRun) -> crate::failure::Failure {
        crate::failure::Failure::CouldNotRun {
            message: error.message,
            diagnostics: error.diagnostics,
        }
    }
}

/// How a command may use a gallery with errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GalleryUse {
    /// `rg check`: any gallery that loads, its errors reported with the files.
    Checking,
    /// Everything else: a gallery with errors cannot be used (exit 2).
    Clean,
}

/// What every stage of a run needs, built once.
pub(crate) struct Pipeline {
    pub(crate) workspace: Workspace,
    pub(crate) gallery: Gallery,
    /// What reading the gallery in use and its rules found.
    pub(crate) gallery_findings: Vec<Diagnostic>,
    pub(crate) levels: Levels,
    pub(crate) staleness: Staleness,
    /// Findings about the run's settings: `rg.toml`, refused level flags.
    pub(crate) settings_findings: Vec<Diagnostic>,
    /// Catalogs held in memory that stand in for the catalogs folder (tests, fuzz targets).
    pub(crate) references: Option<Vec<std::sync::Arc<crate::diag::SourceFile>>>,
}

impl Pipeline {
    pub(crate) fn open(
        workspace: &Workspace,
        gallery_flag: Option<&Path>,
        flags: &[LevelFlag],
        gallery_use: GalleryUse,
    ) -> Result<Pipeline, CouldNotRun> {
        let (levels, refused) = Levels::new(workspace, flags);
        if !refused.unknown.is_empty() {
            return Err(CouldNotRun {
                message: "unknown rule code on the command line; `rg explain --list` lists them"
                    .into(),
                diagnostics: refused.unknown,
            });
        }
        let loaded = workspace
            .load_gallery(gallery_flag)
            .map_err(CouldNotRun::message)?;
        let (gallery, gallery_findings) = usable_gallery(loaded, &levels, gallery_use)?;
        let mut settings_findings = workspace.diagnostics.clone();
        settings_findings.extend(refused.locked);
        Ok(Pipeline {
            workspace: workspace.clone(),
            gallery,
            gallery_findings,
            levels,
            staleness: staleness(workspace),
            settings_findings,
            references: None,
        })
    }

    /// The catalogs folder: `--catalogs`, else `rg.toml`'s, else `catalogs/` at the root.
    pub(crate) fn catalogs_dir(&self, flag: Option<&Path>) -> PathBuf {
        if let Some(dir) = flag {
            return dir.to_path_buf();
        }
        let configured = self
            .workspace
            .config
            .catalogs
            .clone()
            .unwrap_or_else(|| PathBuf::from("catalogs"));
        self.workspace.resolve(&configured)
    }

    /// The kind a file has by living in a folder `rg.toml` names (its appointments folder).
    pub(crate) fn configured_kind(&self, path: &Path) -> Option<FileKind> {
        let folder = self.workspace.config.appointments.as_ref()?;
        let folder = inputs::identity(&self.workspace.resolve(folder));
        let parent = inputs::identity(path.parent()?);
        parent
            .starts_with(&folder)
            .then_some(FileKind::Appointments)
    }

    /// Whether findings at error level remain among these, after levels.
    pub(crate) fn has_errors(&self, diagnostics: &[Diagnostic]) -> bool {
        diagnostics
            .iter()
            .any(|d| self.levels.level_of(d.rule) == Level::Error)
    }
}

/// The gallery to use and what was found wrong in it; exit 2 when it cannot be used.
fn usable_gallery(
    loaded: LoadedGallery,
    levels: &Levels,
    gallery_use: GalleryUse,
) -> Result<(Gallery, Vec<Diagnostic>), CouldNotRun> {
    let LoadedGallery {
        gallery,
        mut diagnostics,
    } = loaded;
    let Some(gallery) = gallery else {
        return Err(CouldNotRun {
            message: "no usable gallery; fix it or choose another with --gallery".into(),
            diagnostics,
        });
    };
    diagnostics.extend(rules::gallery::check(&gallery));
    let errors: Vec<Diagnostic> = levels
        .apply(diagnostics.clone())
        .into_iter()
        .filter(|d| d.level == Level::Error)
        .collect();
    if gallery_use == GalleryUse::Clean && !errors.is_empty() {
        return Err(CouldNotRun {
            message: "the gallery has errors; fix them or choose another with --gallery".into(),
            diagnostics: errors,
        });
    }
    Ok((gallery, diagnostics))
}

/// Today's date and the workspace's `stale_after_months`.
fn staleness(workspace: &Workspace) -> Staleness {
    Staleness {
        today: crate::date::Date::today(),
        after_months: workspace.config.stale_after_months(),
    }
}
