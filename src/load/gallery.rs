//! Loading a gallery: a folder of one YAML file per role plus `galleri.yaml`, or the copy
//! embedded in the binary. Loading only reads and parses; the gallery rules run in the check
//! stage (`rules::gallery`).

use crate::diag::{Diagnostic, SourceFile, codes};
use crate::load::{discover, read};
use crate::model::embedded;
use crate::model::{Galleri, Gallery, GalleryOrigin, GalleryRole};
use crate::yaml;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file that carries the gallery's version and history.
pub const GALLERI_FILE: &str = "galleri.yaml";

/// A gallery and what reading its files found wrong (rules not yet applied).
pub struct LoadedGallery {
    pub gallery: Option<Gallery>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The gallery compiled into the binary, read from its pre-parsed form; from its YAML only if
/// build.rs could not pre-parse it (the YAML parse then says what is wrong).
pub fn load_embedded() -> LoadedGallery {
    let sources = embedded_sources();
    match preparsed(&sources) {
        Some(parsed) => assemble(sources, parsed, GalleryOrigin::Embedded),
        None => load_sources(sources, GalleryOrigin::Embedded),
    }
}

/// The embedded files' text: diagnostics and `rg new` quote them.
fn embedded_sources() -> Vec<Arc<SourceFile>> {
    embedded::FILES
        .iter()
        .map(|(name, text)| {
            let path = Path::new("<embedded>/gallery").join(name);
            SourceFile::new(&path, (*text).to_string())
        })
        .collect()
}

/// One file of a gallery, read as its kind: `None` when it could not be read (reported).
enum GalleryFile {
    Galleri(Galleri),
    Role(Box<GalleryRole>),
}

type ParsedFile = (Option<GalleryFile>, Vec<Diagnostic>);

/// The embedded files as build.rs parsed them, in the order of `sources`.
fn preparsed(sources: &[Arc<SourceFile>]) -> Option<Vec<ParsedFile>> {
    #[derive(serde::Deserialize)]
    struct Preparsed {
        galleri: Galleri,
        roles: Vec<GalleryRole>,
    }
    let Preparsed { galleri, roles } =
        serde_json::from_str::<Option<Preparsed>>(embedded::JSON).ok()??;
    let mut galleri = Some(galleri);
    let mut roles = roles.into_iter();
    sources
        .iter()
        .map(|source| {
            let file = match is_galleri_file(source) {
                true => GalleryFile::Galleri(galleri.take()?),
                false => GalleryFile::Role(Box::new(roles.next()?)),
            };
            Some((Some(file), Vec::new()))
        })
        .collect()
}

/// A gallery folder: every `*.yaml` in it (not recursive).
pub fn load_folder(dir: &Path) -> Result<LoadedGallery, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the gallery folder {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| discover::is_yaml(path))
        .take(discover::MAX_FILES + 1)
        .collect();
    if paths.len() > discover::MAX_FILES {
        return Err(discover::too_many_files(dir));
    }
    paths.sort();
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    for path in paths {
        match read::read_source(&path) {
            Ok(source) => sources.push(source),
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    let mut loaded = load_sources(sources, GalleryOrigin::Folder(dir.to_path_buf()));
    diagnostics.append(&mut loaded.diagnostics);
    loaded.diagnostics = diagnostics;
    Ok(loaded)
}

pub(crate) fn is_galleri_file(source: &SourceFile) -> bool {
    source
        .path
        .file_name()
        .is_some_and(|name| name == GALLERI_FILE)
}

/// A gallery from files already read (a folder's, the embedded copy's, or `rg check`'s).
pub fn load_sources(sources: Vec<Arc<SourceFile>>, origin: GalleryOrigin) -> LoadedGallery {
    // Parsed in parallel (a gallery folder is 34 files), gathered in file order.
    let parsed = sources.par_iter().map(parse_file).collect();
    assemble(sources, parsed, origin)
}

fn parse_file(source: &Arc<SourceFile>) -> ParsedFile {
    if is_galleri_file(source) {
        let parsed = yaml::document::<Galleri>(source);
        (parsed.value.map(GalleryFile::Galleri), parsed.diagnostics)
    } else {
        let parsed = yaml::document::<GalleryRole>(source);
        let role = parsed.value.map(|role| GalleryFile::Role(Box::new(role)));
        (role, parsed.diagnostics)
    }
}

/// A gallery from its files and what parsing each gave, in the same order.
fn assemble(
    sources: Vec<Arc<SourceFile>>,
    parsed: Vec<ParsedFile>,
    origin: GalleryOrigin,
) -> LoadedGallery {
    let mut diagnostics = Vec::new();
    let mut galleri = None;
    let mut galleri_read = false;
    let mut roles = Vec::new();
    for (source, (file, found)) in sources.iter().zip(parsed) {
        galleri_read |= is_galleri_file(source);
        diagnostics.extend(found);
        match file {
            Some(GalleryFile::Galleri(parsed)) => galleri = Some(parsed),
            Some(GalleryFile::Role(role)) => roles.push((*role, Arc::clone(source))),
            None => {}
        }
    }
    let Some(galleri) = galleri else {
        // A `galleri.yaml` that does not parse has said so already, at the place.
        if !galleri_read {
            diagnostics.push(missing_galleri(&origin));
        }
        return LoadedGallery {
            gallery: None,
            diagnostics,
        };
    };
    LoadedGallery {
        gallery: Some(Gallery::new(galleri, origin, roles, sources)),
        diagnostics,
    }
}

fn missing_galleri(origin: &GalleryOrigin) -> Diagnostic {
    let folder = match origin {
        GalleryOrigin::Embedded => PathBuf::from("<embedded>/gallery"),
        GalleryOrigin::Folder(dir) => dir.clone(),
    };
    let file = SourceFile::new(&folder.join(GALLERI_FILE), String::new());
    Diagnostic::new(
        &codes::file::UNREADABLE,
        format!("the gallery has no readable `{GALLERI_FILE}` (version and history)"),
    )
    .with_help("a gallery folder holds one file per role plus galleri.yaml")
    .in_file(&file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::STANDARD_ORDER;

    #[test]
    fn embedded_gallery_loads_cleanly() {
        let loaded = load_embedded();
        let messages: Vec<_> = loaded
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert!(messages.is_empty(), "{messages:?}");
        let gallery = loaded.gallery.unwrap();
        let ids: Vec<_> = gallery
            .roles()
            .iter()
            .map(|r| r.id.value.as_str())
            .collect();
        assert_eq!(ids, STANDARD_ORDER);
        assert_eq!(gallery.version(), "1.6");
    }

    #[test]
    fn the_preparsed_gallery_is_its_yaml() {
        let sources = embedded_sources();
        let parsed = preparsed(&sources).expect("build.rs pre-parsed the embedded gallery");
        let from_json = assemble(sources.clone(), parsed, GalleryOrigin::Embedded);
        let from_yaml = load_sources(sources, GalleryOrigin::Embedded);
        assert!(from_json.diagnostics.is_empty() && from_yaml.diagnostics.is_empty());
        let (json, yaml) = (from_json.gallery.unwrap(), from_yaml.gallery.unwrap());
        let value = |g: &Gallery| serde_json::json!({"galleri": g.galleri, "roles": g.roles()});
        assert_eq!(value(&json), value(&yaml));
        for (a, b) in json.roles_with_files().zip(yaml.roles_with_files()) {
            assert_eq!(a.1.path, b.1.path, "{}", a.0.id.value);
        }
    }

    #[test]
    fn lookup_by_id_and_danish_name() {
        let gallery = load_embedded().gallery.unwrap();
        assert_eq!(gallery.lookup("træner").unwrap().id.value, "traener");
        assert_eq!(
            gallery.lookup("Faglig leder").unwrap().id.value,
            "faglig-leder"
        );
        assert!(gallery.lookup("projektleer").is_none());
        assert_eq!(gallery.suggest("projektleer"), Some("projektleder"));
        let removed = gallery.removed("sikkerhedsansvarlig").unwrap();
        assert_eq!(removed.version, "1.6");
    }
}
