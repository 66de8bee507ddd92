//! Loading a gallery (a folder or the embedded copy) and looking roles up in it.

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::load::{read, yaml};
use crate::model::{Galleri, GalleryRole, Gruppe};
use crate::rules;
use crate::suggest;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_gallery.rs"));

    /// The same files pre-parsed by build.rs (`null` if one was not valid YAML).
    pub(super) static JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded_gallery.json"));
}

/// The file that carries the gallery's version and history.
pub const GALLERI_FILE: &str = "galleri.yaml";

/// The 33 roles of Rollegalleri v1.6 in the standard's own order (its overview figure).
pub const STANDARD_ORDER: [&str; 33] = [
    "projektejer",
    "projektleder",
    "gevinstejer",
    "faglig-leder",
    "traener",
    "superbruger",
    "systemadministrator",
    "systemejer",
    "systemansvarlig",
    "supportberettiget-bruger",
    "kombit-programleder",
    "it-digitaliseringschef",
    "it-arkitekt",
    "tekniker",
    "underskriftberettiget",
    "klik-administrator",
    "infrastrukturejer",
    "infrastrukturansvarlig",
    "fk-oeko-koordinator",
    "systemejer-fk-oeko-finans",
    "systemejer-fk-oeko-debitor",
    "systemansvarlig-fk-oeko-finans",
    "systemansvarlig-fk-oeko-debitor",
    "rolleadministrator",
    "aftaleadministrator",
    "fordelingskomponentadministrator",
    "fk-oeko-finans-administrator",
    "fk-oeko-debitor-administrator",
    "forvaltningsansvarlig",
    "klassifikations-sortimentsadministrator",
    "organisationsadministrator",
    "ruteadministrator",
    "sundhedsagentadministrator",
];

/// Where a gallery came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GalleryOrigin {
    Embedded,
    Folder(PathBuf),
}

/// A loaded gallery: its version file and its roles in the standard's order.
#[derive(Debug)]
pub struct Gallery {
    pub galleri: Galleri,
    pub origin: GalleryOrigin,
    roles: Vec<GalleryRole>,
    /// The file of each role, in the same order as `roles`, so diagnostics can point into it.
    role_files: Vec<Arc<SourceFile>>,
    /// Every file read, `galleri.yaml` included.
    pub sources: Vec<Arc<SourceFile>>,
    /// What loading found wrong in `sources` (parse errors, ids, references).
    findings: Vec<Diagnostic>,
}

/// A gallery and what loading it found wrong.
pub struct LoadedGallery {
    pub gallery: Option<Gallery>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Gallery {
    pub fn roles(&self) -> &[GalleryRole] {
        &self.roles
    }

    pub fn role(&self, id: &str) -> Option<&GalleryRole> {
        self.roles.iter().find(|role| role.id.value == id)
    }

    /// The roles with the files they were read from.
    pub fn roles_with_files(&self) -> impl Iterator<Item = (&GalleryRole, &Arc<SourceFile>)> {
        self.roles.iter().zip(&self.role_files)
    }

    /// What loading found wrong, if `files` are the very files this gallery was loaded from:
    /// `rg check` of the gallery in use then need not parse them a second time.
    pub fn findings_for(&self, files: &[Arc<SourceFile>]) -> Option<&[Diagnostic]> {
        let same = files.len() == self.sources.len()
            && files
                .iter()
                .zip(&self.sources)
                .all(|(a, b)| a.path == b.path && a.text == b.text);
        same.then_some(self.findings.as_slice())
    }

    pub fn version(&self) -> &str {
        &self.galleri.version
    }

    /// A role by id or by Danish name, ignoring case and æ/ø/å spelling (`træner`, `Faglig leder`).
    pub fn lookup(&self, input: &str) -> Option<&GalleryRole> {
        let wanted = suggest::fold(input);
        self.roles.iter().find(|role| {
            role.id.value == wanted
                || suggest::fold(&role.navn) == wanted
                || role
                    .navn
                    .split('/')
                    .any(|part| suggest::fold(part) == wanted)
                || role
                    .navn
                    .split(" (")
                    .next()
                    .is_some_and(|n| suggest::fold(n) == wanted)
        })
    }

    /// The id nearest to a mistyped id or name.
    pub fn suggest(&self, input: &str) -> Option<&str> {
        let ids = self
            .roles
            .iter()
            .map(|r| (r.id.value.as_str(), r.id.value.as_str()));
        let names = self
            .roles
            .iter()
            .map(|r| (r.navn.as_str(), r.id.value.as_str()));
        suggest::nearest_by(input, ids.chain(names))
    }

    /// Ids of the roles in a group.
    pub fn ids_in(&self, gruppe: Gruppe) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(move |r| r.gruppe == gruppe)
            .map(|r| r.id.value.as_str())
    }
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

/// The embedded files as build.rs parsed them, in the order of `sources`.
fn preparsed(sources: &[Arc<SourceFile>]) -> Option<Vec<Result<GalleryFile, Diagnostic>>> {
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
        .map(|source| match is_galleri_file(source) {
            true => galleri.take().map(|g| Ok(GalleryFile::Galleri(g))),
            false => roles.next().map(|r| Ok(GalleryFile::Role(Box::new(r)))),
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
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .take(crate::load::discover::MAX_FILES + 1)
        .collect();
    if paths.len() > crate::load::discover::MAX_FILES {
        return Err(crate::load::discover::too_many_files(dir));
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

fn is_galleri_file(source: &SourceFile) -> bool {
    source
        .path
        .file_name()
        .is_some_and(|name| name == GALLERI_FILE)
}

/// Loads a gallery from files already read (a folder's, the embedded copy's, or `rg check`'s).
pub fn load_sources(sources: Vec<Arc<SourceFile>>, origin: GalleryOrigin) -> LoadedGallery {
    // Parsed in parallel (a gallery folder is 34 files), gathered in file order.
    let parsed = sources.par_iter().map(parse_file).collect();
    assemble(sources, parsed, origin)
}

/// A gallery from its files and what parsing each gave, in the same order.
fn assemble(
    sources: Vec<Arc<SourceFile>>,
    parsed: Vec<Result<GalleryFile, Diagnostic>>,
    origin: GalleryOrigin,
) -> LoadedGallery {
    let mut diagnostics = Vec::new();
    let mut galleri = None;
    let mut galleri_read = false;
    let mut roles = Vec::new();
    for (source, parsed) in sources.iter().zip(parsed) {
        galleri_read |= is_galleri_file(source);
        match parsed {
            Ok(GalleryFile::Galleri(parsed)) => galleri = Some(parsed),
            Ok(GalleryFile::Role(role)) => {
                diagnostics.extend(rules::gallery::check_id(source, &role));
                roles.push((*role, Arc::clone(source)));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    roles.sort_by_key(|(role, _)| standard_rank(&role.id.value));
    let (roles, role_files) = roles.into_iter().unzip();
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
    let mut gallery = Gallery {
        galleri,
        origin,
        roles,
        role_files,
        sources,
        findings: Vec::new(),
    };
    diagnostics.extend(rules::gallery::check_references(&gallery));
    gallery.findings = diagnostics.clone();
    LoadedGallery {
        gallery: Some(gallery),
        diagnostics,
    }
}

/// One file of a gallery folder, parsed as its kind.
enum GalleryFile {
    Galleri(Galleri),
    Role(Box<GalleryRole>),
}

fn parse_file(source: &Arc<SourceFile>) -> Result<GalleryFile, Diagnostic> {
    if is_galleri_file(source) {
        yaml::parse::<Galleri>(source).map(GalleryFile::Galleri)
    } else {
        yaml::parse::<GalleryRole>(source).map(|role| GalleryFile::Role(Box::new(role)))
    }
}

fn standard_rank(id: &str) -> (usize, String) {
    let rank = STANDARD_ORDER.iter().position(|known| *known == id);
    (rank.unwrap_or(STANDARD_ORDER.len()), id.to_string())
}

fn missing_galleri(origin: &GalleryOrigin) -> Diagnostic {
    let folder = match origin {
        GalleryOrigin::Embedded => PathBuf::from("<embedded>/gallery"),
        GalleryOrigin::Folder(dir) => dir.clone(),
    };
    let file = SourceFile::new(&folder.join(GALLERI_FILE), String::new());
    Diagnostic::new(
        &rules::file::UNREADABLE,
        format!("the gallery has no readable `{GALLERI_FILE}` (version and history)"),
    )
    .with_help("a gallery folder holds one file per role plus galleri.yaml")
    .in_file(&file)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let value = |g: &Gallery| serde_json::json!({"galleri": g.galleri, "roles": g.roles});
        assert_eq!(value(&json), value(&yaml));
        assert_eq!(json.role_files.len(), yaml.role_files.len());
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
        assert_eq!(
            gallery.lookup("projektleder").unwrap().id.value,
            "projektleder"
        );
        assert!(gallery.lookup("projektleer").is_none());
        assert_eq!(gallery.suggest("projektleer"), Some("projektleder"));
    }
}
