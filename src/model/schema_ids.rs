//! The JSON Schemas of values the model keeps in forms schemars cannot see through: role ids
//! (an enum of the embedded gallery's ids, each described by the role's name) and the persons
//! appointed to a role. Declared beside the model that names them in `#[schemars(with)]`.

use super::embedded;
use super::{Gruppe, STANDARD_ORDER};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::Value;
use std::borrow::Cow;

/// One `{"const": id, "description": …}` per role of the embedded gallery, in the standard's
/// order; only the ids when the embedded gallery could not be pre-parsed.
fn role_alternatives(filter: impl Fn(Gruppe) -> bool) -> Vec<Value> {
    let preparsed: Value = serde_json::from_str(embedded::JSON).unwrap_or_default();
    let text = |role: &Value, key: &str| role[key].as_str().unwrap_or_default().to_string();
    let mut roles: Vec<&Value> = preparsed["roles"]
        .as_array()
        .map(|roles| roles.iter().collect())
        .unwrap_or_default();
    if roles.is_empty() {
        return STANDARD_ORDER
            .iter()
            .map(|id| serde_json::json!({ "const": id }))
            .collect();
    }
    let rank = |role: &&Value| STANDARD_ORDER.iter().position(|id| role["id"] == *id);
    roles.sort_by_key(rank);
    roles
        .into_iter()
        .filter(|role| Gruppe::from_id(&text(role, "gruppe")).is_some_and(&filter))
        .map(|role| {
            serde_json::json!({
                "const": text(role, "id"),
                "description": format!("{} ({}): {}", text(role, "navn"), text(role, "gruppe"), text(role, "effekt")),
            })
        })
        .collect()
}

fn role_enum(description: &str, filter: impl Fn(Gruppe) -> bool) -> Schema {
    json_schema!({
        "type": "string",
        "description": description,
        "oneOf": role_alternatives(filter),
    })
}

/// A role id where the files refer to a role of the gallery.
pub struct RoleId;

impl JsonSchema for RoleId {
    fn schema_name() -> Cow<'static, str> {
        "RoleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        role_enum("En rolles id i rollegalleriet.", |_| true)
    }
}

/// A cross-cutting role id (tværgående or infrastruktur), as under `tvaergaaende` in appointments.
pub struct CrossCuttingRoleId;

impl JsonSchema for CrossCuttingRoleId {
    fn schema_name() -> Cow<'static, str> {
        "CrossCuttingRoleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        role_enum(
            "En tværgående rolles id (gruppe tvaergaaende eller infrastruktur).",
            Gruppe::is_cross_cutting,
        )
    }
}

/// The persons appointed to a role: keys under `personer`, the first being the primary contact.
pub struct PersonKeys;

impl JsonSchema for PersonKeys {
    fn schema_name() -> Cow<'static, str> {
        "PersonKeys".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "array",
            "description": "Personer (nøgler under `personer`), der varetager rollen; den første er den primære kontakt.",
            "items": { "type": "string" },
        })
    }
}

/// The id a gallery role file defines: lower-case ASCII words joined by `-` (æ→ae, ø→oe, å→aa).
pub struct NewRoleId;

impl JsonSchema for NewRoleId {
    fn schema_name() -> Cow<'static, str> {
        "NewRoleId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let examples: Vec<&str> = STANDARD_ORDER.to_vec();
        json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "examples": examples,
        })
    }
}

/// A system's phase in an appointments file: a phase id, or `null` while the scaffold of
/// `rg new appointments` is unfilled (the key itself is required).
pub struct PhaseOrBlank;

impl JsonSchema for PhaseOrBlank {
    fn schema_name() -> Cow<'static, str> {
        "PhaseOrBlank".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let phase = generator.subschema_for::<super::Phase>();
        json_schema!({
            "anyOf": [phase, { "type": "null" }],
        })
    }
}
