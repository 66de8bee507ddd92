//! Rule levels: defaults, then `rg.toml` `[rules]`, then `--deny/--warn/--allow` (command line wins).
//! Applied in one place, before anything is printed.

use crate::diagnostic::Diagnostic;
use crate::load::workspace::Workspace;
use crate::rules::{self, Level, config};
use crate::suggest;
use std::collections::HashMap;

/// The level of every rule whose level differs from its default.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    overrides: HashMap<&'static str, Level>,
}

/// A `--deny/--warn/--allow CODE` from the command line.
#[derive(Clone, Debug)]
pub struct LevelFlag {
    pub code: String,
    pub level: Level,
}

impl Levels {
    /// Levels from `rg.toml` and the command line. Unknown codes on the command line are returned
    /// as diagnostics (those in `rg.toml` were reported when it was read).
    pub fn new(workspace: &Workspace, flags: &[LevelFlag]) -> (Levels, Vec<Diagnostic>) {
        let mut levels = Levels::default();
        for (code, level) in &workspace.config.rules {
            if let Some(rule) = rules::find(code.get_ref()) {
                levels.overrides.insert(rule.code, *level.get_ref());
            }
        }
        let mut unknown = Vec::new();
        for flag in flags {
            match rules::find(&flag.code) {
                Some(rule) => {
                    levels.overrides.insert(rule.code, flag.level);
                }
                None => unknown.push(
                    Diagnostic::new(
                        &config::UNKNOWN_RULE,
                        format!("unknown rule code `{}` on the command line", flag.code),
                    )
                    .maybe_help(suggest::did_you_mean(rules::suggest(&flag.code))),
                ),
            }
        }
        (levels, unknown)
    }

    pub fn level_of(&self, code: &'static str, default: Level) -> Level {
        self.overrides.get(code).copied().unwrap_or(default)
    }

    /// Sets each diagnostic's level, drops the allowed ones, and sorts by file then position.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut kept: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter_map(|mut d| {
                d.level = self.level_of(d.rule.code, d.rule.level);
                (d.level != Level::Allow).then_some(d)
            })
            .collect();
        kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::catalog;

    #[test]
    fn command_line_wins_and_allow_drops() {
        let mut levels = Levels::default();
        levels
            .overrides
            .insert(catalog::ROLE_WITHOUT_TASKS.code, Level::Allow);
        levels
            .overrides
            .insert(catalog::SPOC_UNCHANGED.code, Level::Error);
        let found = levels.apply(vec![
            Diagnostic::new(&catalog::ROLE_WITHOUT_TASKS, "a"),
            Diagnostic::new(&catalog::SPOC_UNCHANGED, "b"),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, Level::Error);
    }
}
