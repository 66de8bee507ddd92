//! JSON Schemas (draft 2020-12) of the file kinds, for editors (yaml-language-server, VS Code's
//! YAML extension) and for other tools. They are generated from the model types with schemars, so
//! the Danish doc comments of the model become the descriptions an editor shows while typing.
//!
//! Values the model keeps as `Spanned<T>` are described as `T` (`Spanned<T>` reads and writes as
//! `T`); a role id is an enum of the embedded gallery's ids, each described by the role's name.

use crate::load::config::Config;
use crate::load::workspace::Workspace;
use crate::model::{Appointments, Catalog, Entries, Galleri, GalleryRole};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::path::{Component, Path, PathBuf};

/// The file kinds with a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// `gallery/<id>.yaml`: one role of the gallery
    GalleryRole,
    /// `gallery/galleri.yaml`: the gallery's version and history
    Galleri,
    /// `catalogs/<system>.yaml`: a system's role catalog
    Catalog,
    /// a municipality's appointments (udpegninger)
    Appointments,
    /// `rg.toml`: paths and rule levels
    Config,
}

impl SchemaKind {
    pub const ALL: [SchemaKind; 5] = [
        SchemaKind::GalleryRole,
        SchemaKind::Galleri,
        SchemaKind::Catalog,
        SchemaKind::Appointments,
        SchemaKind::Config,
    ];

    /// The id used on the command line and in file names.
    pub fn id(self) -> &'static str {
        match self {
            SchemaKind::GalleryRole => "gallery-role",
            SchemaKind::Galleri => "galleri",
            SchemaKind::Catalog => "catalog",
            SchemaKind::Appointments => "appointments",
            SchemaKind::Config => "config",
        }
    }

    /// The file name under `schemas/`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.id())
    }

    fn title(self) -> &'static str {
        match self {
            SchemaKind::GalleryRole => "Rolle i rollegalleriet (gallery/<id>.yaml)",
            SchemaKind::Galleri => "Rollegalleriets version og historik (gallery/galleri.yaml)",
            SchemaKind::Catalog => "Rollekatalog (catalogs/<system>.yaml)",
            SchemaKind::Appointments => "Kommunens udpegninger",
            SchemaKind::Config => "rg.toml: configuration of rollegalleri",
        }
    }
}

/// The schema of a file kind as a JSON value.
pub fn schema(kind: SchemaKind) -> Value {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = match kind {
        SchemaKind::GalleryRole => generator.into_root_schema_for::<GalleryRole>(),
        SchemaKind::Galleri => generator.into_root_schema_for::<Galleri>(),
        SchemaKind::Catalog => generator.into_root_schema_for::<Catalog>(),
        SchemaKind::Appointments => generator.into_root_schema_for::<Appointments>(),
        SchemaKind::Config => generator.into_root_schema_for::<Config>(),
    };
    schema.insert("title".into(), kind.title().into());
    let mut value = schema.to_value();
    drop_null_defaults(&mut value);
    value
}

/// Removes `"default": null` (what schemars says for an `Option` with `#[serde(default)]`): it
/// tells a reader nothing, and editors would offer `null` as the value to type.
fn drop_null_defaults(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("default").is_some_and(Value::is_null) {
                map.remove("default");
            }
            map.values_mut().for_each(drop_null_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_defaults),
        _ => {}
    }
}

/// The schema as the text written to `schemas/<kind>.schema.json`: pretty JSON and a newline.
pub fn schema_text(kind: SchemaKind) -> String {
    let mut text =
        serde_json::to_string_pretty(&schema(kind)).expect("a JSON value always serialises");
    text.push('\n');
    text
}

/// The `# yaml-language-server: $schema=…` line that makes an editor use the schema for a file.
pub fn modeline(schema_path: &str) -> String {
    format!("# yaml-language-server: $schema={schema_path}\n")
}

/// The modeline for a new catalog: the repository's `schemas/catalog.schema.json` as seen from
/// the file's folder (`-o FILE`), or from the catalogs folder when the scaffold goes to stdout.
pub fn catalog_modeline(workspace: &Workspace, output: Option<&Path>) -> String {
    let file = match output {
        Some(path) => path.to_path_buf(),
        None => workspace
            .resolve(
                workspace
                    .config
                    .catalogs
                    .as_deref()
                    .unwrap_or(Path::new("catalogs")),
            )
            .join("new.yaml"),
    };
    modeline(&relative_schema_path(
        SchemaKind::Catalog,
        &workspace.root,
        &file,
    ))
}

/// The modeline of an appointments file written to `output` (else into the appointments folder
/// of `rg.toml`, else the current folder).
pub fn appointments_modeline(workspace: &Workspace, output: Option<&Path>) -> String {
    let file = match output {
        Some(path) => path.to_path_buf(),
        None => workspace
            .resolve(
                workspace
                    .config
                    .appointments
                    .as_deref()
                    .unwrap_or(Path::new(".")),
            )
            .join("new.yaml"),
    };
    modeline(&relative_schema_path(
        SchemaKind::Appointments,
        &workspace.root,
        &file,
    ))
}

/// A hint for stderr when the schema a modeline names is not in the repository yet.
pub fn missing_schema_hint(workspace: &Workspace, kind: SchemaKind) -> Option<String> {
    let folder = workspace.root.join("schemas");
    let folder = folder.strip_prefix(".").unwrap_or(&folder);
    (!folder.join(kind.file_name()).is_file()).then(|| {
        format!(
            "hint: editors read the schema the first line names once `rg schema --dir {}` has written it",
            folder.display()
        )
    })
}

/// The path of `schemas/<kind>.schema.json` under `root`, relative to the folder `file` is in,
/// with `/` separators as the modeline wants (`../schemas/catalog.schema.json` for a file in
/// `catalogs/`). Both paths are taken relative to the current folder when they are not absolute.
pub fn relative_schema_path(kind: SchemaKind, root: &Path, file: &Path) -> String {
    let target = normalise(&root.join("schemas").join(kind.file_name()));
    let folder = normalise(file.parent().unwrap_or(Path::new("")));
    let target: Vec<_> = target.components().collect();
    let folder: Vec<_> = folder.components().collect();
    let common = target
        .iter()
        .zip(&folder)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<String> = Vec::new();
    for component in &folder[common..] {
        match component {
            Component::Normal(_) => parts.push("..".into()),
            // A folder above the current one or another root: fall back to the absolute path.
            _ => return target_string(&target),
        }
    }
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn target_string(components: &[Component]) -> String {
    components
        .iter()
        .collect::<PathBuf>()
        .to_string_lossy()
        .replace('\\', "/")
}

/// Joins a relative path to the current folder and drops `.` and `x/..` pairs, without touching
/// the file system (the file may not exist yet).
fn normalise(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Schemas of values the model keeps in forms schemars cannot see through.

/// A YAML mapping read as [`Entries`]. When the keys are a closed set (phases, role ids), every
/// key is listed as a property, so an editor completes them, and no other key is allowed.
impl<K: JsonSchema, V: JsonSchema> JsonSchema for Entries<K, V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Entries_{}_{}", K::schema_name(), V::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let keys = K::json_schema(generator);
        let value = generator.subschema_for::<V>();
        // An empty mapping (`personer:` with nothing after it) reads as no entries.
        let mut schema = json_schema!({ "type": ["object", "null"] });
        match closed_keys(&keys) {
            Some(keys) => {
                let mut properties = Map::new();
                for (key, description) in keys {
                    let mut property = value.clone();
                    if let Some(description) = description {
                        property =
                            json_schema!({ "allOf": [property], "description": description });
                    }
                    properties.insert(key, property.to_value());
                }
                schema.insert("properties".into(), Value::Object(properties));
                schema.insert("additionalProperties".into(), false.into());
            }
            None => {
                schema.insert("additionalProperties".into(), value.to_value());
            }
        }
        schema
    }
}

/// The closed set of string values a key schema allows, each with its description.
fn closed_keys(keys: &Schema) -> Option<Vec<(String, Option<String>)>> {
    if let Some(Value::Array(values)) = keys.get("enum") {
        return values
            .iter()
            .map(|v| v.as_str().map(|s| (s.to_string(), None)))
            .collect();
    }
    if let Some(Value::Array(alternatives)) = keys.get("oneOf") {
        return alternatives
            .iter()
            .map(|alt| {
                let key = alt.get("const")?.as_str()?.to_string();
                let description = alt
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                Some((key, description))
            })
            .collect();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema_ids::{CrossCuttingRoleId, RoleId};

    #[test]
    fn modeline_path_from_catalogs_folder() {
        let root = Path::new("/repo");
        assert_eq!(
            relative_schema_path(
                SchemaKind::Catalog,
                root,
                Path::new("/repo/catalogs/sapa.yaml")
            ),
            "../schemas/catalog.schema.json"
        );
        assert_eq!(
            relative_schema_path(SchemaKind::Catalog, root, Path::new("/repo/sapa.yaml")),
            "schemas/catalog.schema.json"
        );
        assert_eq!(
            relative_schema_path(
                SchemaKind::Catalog,
                root,
                Path::new("/repo/a/./b/../c/x.yaml")
            ),
            "../../schemas/catalog.schema.json"
        );
    }

    #[test]
    fn role_ids_are_the_embedded_gallery() {
        let mut generator = SchemaSettings::draft2020_12().into_generator();
        let schema = RoleId::json_schema(&mut generator);
        let ids: Vec<String> = closed_keys(&schema)
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(ids, crate::model::STANDARD_ORDER);
        let cross = CrossCuttingRoleId::json_schema(&mut generator);
        let cross = closed_keys(&cross).unwrap();
        assert_eq!(cross.len(), 23);
        assert!(cross.iter().all(|(id, _)| id != "projektleder"));
    }

    #[test]
    fn every_kind_has_a_titled_2020_12_schema() {
        for kind in SchemaKind::ALL {
            let schema = schema(kind);
            assert_eq!(
                schema["$schema"],
                "https://json-schema.org/draft/2020-12/schema"
            );
            assert!(schema["title"].is_string(), "{kind:?}");
        }
    }
}
