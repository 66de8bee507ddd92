//! `rg.toml`: where the gallery, catalogs and appointments are, and the level of each rule.

use crate::diag::{ByteSpan, Diagnostic, Level, SourceFile, codes, registry};
use crate::suggest;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The file name looked for from the current folder upwards.
pub const CONFIG_FILE: &str = "rg.toml";

/// Default age after which an appointment's confirmation is stale.
pub const DEFAULT_STALE_AFTER_MONTHS: u32 = 12;

/// Default number of roles one person may hold across a municipality's systems before
/// `rg diff --people` reports `rg::diff::person_overloaded`.
pub const DEFAULT_MAX_ROLES_PER_PERSON: usize = 6;

/// The contents of `rg.toml`.
#[derive(Clone, Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folder of the gallery (one YAML file per role plus galleri.yaml).
    #[serde(default)]
    pub gallery: Option<PathBuf>,
    /// Folder of the catalogs.
    #[serde(default)]
    pub catalogs: Option<PathBuf>,
    /// Folder of the municipalities' appointments files.
    #[serde(default)]
    pub appointments: Option<PathBuf>,
    /// Months after which a person's `bekraeftet` date is stale.
    #[serde(default)]
    pub stale_after_months: Option<u32>,
    /// Roles one person may hold across a municipality's systems before `rg diff --people`
    /// reports them (`rg::diff::person_overloaded`; default 6).
    #[serde(default)]
    pub max_roles_per_person: Option<usize>,
    /// Rule code → level (`error`, `warning`, `allow`).
    #[serde(default)]
    #[schemars(with = "RuleLevels")]
    pub rules: BTreeMap<toml::Spanned<String>, toml::Spanned<Level>>,
}

impl Config {
    pub fn stale_after_months(&self) -> u32 {
        self.stale_after_months
            .unwrap_or(DEFAULT_STALE_AFTER_MONTHS)
    }

    pub fn max_roles_per_person(&self) -> usize {
        self.max_roles_per_person
            .unwrap_or(DEFAULT_MAX_ROLES_PER_PERSON)
    }
}

/// Parses `rg.toml`; a broken file gives its diagnostic and an empty configuration.
pub fn parse(file: &Arc<SourceFile>) -> (Config, Vec<Diagnostic>) {
    match toml::from_str::<Config>(&file.text) {
        Ok(config) => {
            let mut found = unknown_rule_codes(file, &config);
            found.extend(locked_rules_lowered(file, &config));
            (config, found)
        }
        Err(error) => {
            let mut diagnostic =
                Diagnostic::new(&codes::config::INVALID, error.message().to_string());
            diagnostic = match error.span() {
                Some(range) => diagnostic.at(
                    file,
                    ByteSpan {
                        offset: range.start,
                        len: range.len(),
                    },
                ),
                None => diagnostic.in_file(file),
            };
            (Config::default(), vec![diagnostic])
        }
    }
}

fn unknown_rule_codes(file: &Arc<SourceFile>, config: &Config) -> Vec<Diagnostic> {
    config
        .rules
        .keys()
        .filter(|code| registry::find(code.get_ref()).is_none())
        .map(|code| {
            let span = code.span();
            Diagnostic::new(
                &codes::config::UNKNOWN_RULE,
                format!("unknown rule code `{}`", code.get_ref()),
            )
            .maybe_help(suggest::did_you_mean(registry::suggest(code.get_ref())))
            .at(
                file,
                ByteSpan {
                    offset: span.start,
                    len: span.len(),
                },
            )
        })
        .collect()
}

/// A rule of the yaml or file family set below `error`: refused where it is written.
fn locked_rules_lowered(file: &Arc<SourceFile>, config: &Config) -> Vec<Diagnostic> {
    config
        .rules
        .iter()
        .filter_map(|(code, level)| {
            let rule = registry::find(code.get_ref())?;
            (rule.is_locked() && *level.get_ref() < Level::Error).then(|| {
                let span = level.span();
                Diagnostic::new(
                    &codes::config::INVALID,
                    format!("`{}` cannot be set to {}", rule.code, level.get_ref()),
                )
                .with_help(registry::LOCKED_HELP)
                .at(file, ByteSpan::new(span.start, span.end))
            })
        })
        .collect()
}

/// `[rules]` in `rg.toml`: every known rule code, with its summary and default level.
pub struct RuleLevels;

impl JsonSchema for RuleLevels {
    fn schema_name() -> Cow<'static, str> {
        "RuleLevels".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let level = generator.subschema_for::<Level>();
        let mut properties = serde_json::Map::new();
        for rule in registry::ALL.iter().copied() {
            let property = json_schema!({
                "allOf": [level],
                "description": format!("{} (default: {})", rule.summary, rule.level),
                "default": rule.level.id(),
            });
            properties.insert(rule.code.to_string(), property.to_value());
        }
        json_schema!({
            "type": "object",
            "description": "Rule code → level (error, warning or allow). See `rg explain --list`.",
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse_text(text: &str) -> (Config, Vec<Diagnostic>) {
        parse(&SourceFile::new(Path::new("rg.toml"), text.to_string()))
    }

    #[test]
    fn reads_paths_and_levels() {
        let (config, found) = parse_text(
            "gallery = \"g\"\ncatalogs = \"c\"\n[rules]\n\"rg::catalog::role_without_tasks\" = \"allow\"\n",
        );
        assert!(found.is_empty());
        assert_eq!(config.gallery, Some(PathBuf::from("g")));
        assert_eq!(config.max_roles_per_person(), DEFAULT_MAX_ROLES_PER_PERSON);
        let (code, level) = config.rules.iter().next().unwrap();
        assert_eq!(code.get_ref(), "rg::catalog::role_without_tasks");
        assert_eq!(*level.get_ref(), Level::Allow);
    }

    #[test]
    fn max_roles_per_person_is_read() {
        let (config, found) = parse_text("max_roles_per_person = 3\n");
        assert!(found.is_empty());
        assert_eq!(config.max_roles_per_person(), 3);
    }

    #[test]
    fn unknown_code_points_at_the_key() {
        let (_, found) = parse_text("[rules]\n\"rg::catalog::role_without_task\" = \"allow\"\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code(), "rg::config::unknown_rule");
        assert_eq!(
            found[0].help.as_deref(),
            Some("did you mean `rg::catalog::role_without_tasks`?")
        );
        let position = found[0].position().unwrap();
        assert_eq!((position.line, position.column), (2, 1));
    }

    #[test]
    fn reading_rules_cannot_be_lowered() {
        let (_, found) = parse_text("[rules]\n\"rg::yaml::invalid_value\" = \"allow\"\n");
        assert_eq!(found[0].code(), "rg::config::invalid");
        assert!(found[0].message.contains("cannot be set"));
    }

    #[test]
    fn bad_level_is_invalid() {
        let (_, found) = parse_text("[rules]\n\"rg::catalog::role_without_tasks\" = \"off\"\n");
        assert_eq!(found[0].code(), "rg::config::invalid");
    }
}
