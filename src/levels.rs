//! Rule levels: defaults, then `rg.toml` `[rules]`, then `--deny/--warn/--allow` (command line
//! wins). Applied in one place, before anything is printed. Rules whose failure keeps a file
//! from being read (`rg::yaml::*`, `rg::file::*`) stay errors whatever is asked.

use crate::diag::{Diagnostic, Level, Rule, codes, registry};
use crate::load::workspace::Workspace;
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

/// What the command line asked that cannot be done.
pub(crate) struct Refused {
    /// Unknown codes: the run cannot start (exit 2).
    pub(crate) unknown: Vec<Diagnostic>,
    /// Locked rules asked to be lowered: reported, and not lowered.
    pub(crate) locked: Vec<Diagnostic>,
}

impl Levels {
    /// Levels from `rg.toml` and the command line (problems in `rg.toml` were reported when it
    /// was read).
    pub(crate) fn new(workspace: &Workspace, flags: &[LevelFlag]) -> (Levels, Refused) {
        let mut levels = Levels::default();
        for (code, level) in &workspace.config.rules {
            if let Some(rule) = registry::find(code.get_ref()) {
                levels.set(rule, *level.get_ref());
            }
        }
        let mut refused = Refused {
            unknown: Vec::new(),
            locked: Vec::new(),
        };
        for flag in flags {
            match registry::find(&flag.code) {
                Some(rule) if rule.is_locked() && flag.level < Level::Error => {
                    refused
                        .locked
                        .push(locked_on_command_line(rule, flag.level));
                }
                Some(rule) => levels.set(rule, flag.level),
                None => refused.unknown.push(
                    Diagnostic::new(
                        &codes::config::UNKNOWN_RULE,
                        format!("unknown rule code `{}` on the command line", flag.code),
                    )
                    .maybe_help(suggest::did_you_mean(registry::suggest(&flag.code))),
                ),
            }
        }
        (levels, refused)
    }

    fn set(&mut self, rule: &'static Rule, level: Level) {
        if rule.is_locked() && level < Level::Error {
            return;
        }
        self.overrides.insert(rule.code, level);
    }

    pub(crate) fn level_of(&self, rule: &Rule) -> Level {
        self.overrides.get(rule.code).copied().unwrap_or(rule.level)
    }

    /// Whether a rule's findings are shown at all.
    pub(crate) fn shows(&self, rule: &Rule) -> bool {
        self.level_of(rule) != Level::Allow
    }

    /// Sets each diagnostic's level, drops the allowed ones, and sorts by file then position.
    pub(crate) fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let mut kept: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter_map(|mut d| {
                d.level = self.level_of(d.rule);
                (d.level != Level::Allow).then_some(d)
            })
            .collect();
        kept.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        kept
    }
}

/// A command-line flag that would lower a locked rule.
fn locked_on_command_line(rule: &Rule, level: Level) -> Diagnostic {
    Diagnostic::new(
        &codes::config::INVALID,
        format!(
            "`{}` cannot be set to {level} on the command line",
            rule.code
        ),
    )
    .with_help(registry::LOCKED_HELP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_wins_and_allow_drops() {
        let mut levels = Levels::default();
        levels.set(&codes::catalog::ROLE_WITHOUT_TASKS, Level::Allow);
        levels.set(&codes::catalog::SPOC_UNCHANGED, Level::Error);
        let found = levels.apply(vec![
            Diagnostic::new(&codes::catalog::ROLE_WITHOUT_TASKS, "a"),
            Diagnostic::new(&codes::catalog::SPOC_UNCHANGED, "b"),
        ]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, Level::Error);
    }

    #[test]
    fn locked_rules_stay_errors() {
        let mut levels = Levels::default();
        levels.set(&codes::yaml::INVALID_VALUE, Level::Allow);
        assert_eq!(levels.level_of(&codes::yaml::INVALID_VALUE), Level::Error);
    }
}
