//! The rule registry: every rule's code, default level and summary, declared once in the table
//! below; its explanation is `src/rules/docs/<family>/<name>.md`. `ALL`, `rg explain`, SARIF's
//! rule list and the generated docs all read this table, so a new rule is one line here, one
//! explanation file and the check that emits it. Codes are a public contract: never renamed.

use super::Level;

/// A rule: its stable code, default level, one-line summary and long explanation (Markdown).
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub level: Level,
    pub summary: &'static str,
    pub explanation: &'static str,
}

impl Rule {
    /// The family: `catalog` in `rg::catalog::unknown_role`.
    pub fn family(&self) -> &'static str {
        self.code.split("::").nth(1).unwrap_or_default()
    }

    /// Rules whose failure keeps a file from being read cannot be lowered below `error`: a
    /// file that was not read must never pass as checked.
    pub(crate) fn is_locked(&self) -> bool {
        matches!(self.family(), "yaml" | "file")
    }
}

macro_rules! rules {
    ($( $family:ident { $( $constant:ident $name:ident $level:ident $summary:literal; )+ } )+) => {
        /// Every rule by family, as `codes::<family>::<NAME>`.
        pub(crate) mod codes {
            $(
                pub(crate) mod $family {
                    use crate::diag::{Level, Rule};
                    $(
                        pub(crate) static $constant: Rule = Rule {
                            code: concat!("rg::", stringify!($family), "::", stringify!($name)),
                            level: Level::$level,
                            summary: $summary,
                            explanation: include_str!(concat!(
                                "../rules/docs/", stringify!($family), "/", stringify!($name), ".md"
                            )),
                        };
                    )+
                }
            )+
        }

        /// Every rule, family by family, in the table's order.
        pub(crate) static ALL: &[&Rule] = &[$($(&codes::$family::$constant,)+)+];
    };
}

rules! {
    yaml {
        SYNTAX syntax Error "not valid YAML";
        DUPLICATE_KEY duplicate_key Error "a mapping repeats a key";
        UNKNOWN_FIELD unknown_field Error "a key the file format does not have";
        INVALID_VALUE invalid_value Error "wrong type, missing required field, or a value outside its set";
        LIMIT limit Error "file too large, nesting too deep, or alias expansion too large";
    }
    file {
        ENCODING encoding Error "the file is not UTF-8";
        UNREADABLE unreadable Error "the file cannot be read";
    }
    config {
        INVALID invalid Error "`rg.toml` is not valid TOML, has a value of the wrong type, or lowers a rule that cannot be lowered";
        UNKNOWN_RULE unknown_rule Error "a rule code in `rg.toml` or on the command line names no rule";
    }
    gallery {
        ID_MISMATCH id_mismatch Error "a gallery role's `id` differs from its file name";
        UNKNOWN_REFERENCE unknown_reference Error "`afloeses_af` or another id names no gallery role";
    }
    catalog {
        UNKNOWN_ROLE unknown_role Error "a role id that is not in the gallery";
        DUPLICATE_ROLE duplicate_role Error "a role listed twice in a catalog";
        SPOC_MISSING spoc_missing Error "a phase with no SPOC";
        SPOC_NOT_ACTIVE spoc_not_active Error "the SPOC role is not in the catalog or not obligatorisk in that phase";
        SPOC_UNCHANGED spoc_unchanged Warning "fase-4 has the same SPOC as fase-3";
        TAILORED_CROSSCUTTING tailored_crosscutting Error "name or description changed on a tværgående or infrastruktur role";
        APPOINTED_TOO_LATE appointed_too_late Error "a role is obligatorisk in a phase before the phase it is appointed or activated in";
        APPOINTMENT_KIND appointment_kind Warning "`udpeges` set for a role the gallery activates, or `aktiveres` for one it appoints";
        HANDOVER_MISSING handover_missing Error "systemejer or systemansvarlig not obligatorisk in fase-4";
        ACTIVE_AFTER_PHASE_OUT active_after_phase_out Error "a role is obligatorisk after the phase it is phased out after";
        OVERLAP_UNSTATED overlap_unstated Warning "no personsammenfald statement for projektejer → systemejer";
        ROLE_WITHOUT_TASKS role_without_tasks Warning "a role performs no KLIK task";
        TASK_UNKNOWN_ROLE task_unknown_role Error "a KLIK task names a role that is not in the catalog";
        TASK_ROLE_INACTIVE task_role_inactive Warning "a KLIK task in a phase names a role that is inaktiv in that phase";
        DUPLICATE_TASK duplicate_task Error "two KLIK tasks share an id";
        INTEGRATION_ROLE_MISSING integration_role_missing Warning "a declared integration's role is not in the catalog";
        GALLERY_VERSION gallery_version Warning "written against another gallery version than the one in use";
        DUPLICATE_SYSTEM duplicate_system Error "two catalogs declare the same system";
        PLACEHOLDER placeholder Warning "a value the scaffold left to fill";
        DOCUMENT_UNVERSIONED document_unversioned Warning "the catalog's `dokument` block lacks `version` or `dato`";
    }
    appointments {
        UNKNOWN_SYSTEM unknown_system Error "no catalog for the system";
        DUPLICATE_SYSTEM duplicate_system Error "a system listed twice in one appointments file";
        EMPTY_SYSTEMS empty_systems Warning "the appointments file lists no systems";
        UNKNOWN_ROLE unknown_role Error "a role not in the system's catalog (or, under `tvaergaaende`, not a cross-cutting role)";
        UNKNOWN_PERSON unknown_person Error "a person key not under `personer`";
        DUPLICATE_PERSON duplicate_person Error "a person listed twice for one role";
        UNUSED_PERSON unused_person Warning "a person appointed to nothing";
        INVALID_EMAIL invalid_email Error "not an email address";
        INVALID_CONSENT invalid_consent Error "`samtykke` is not the boolean `true` or `false`";
        EMAIL_AS_KEY email_as_key Error "a person key or a reference is an email address (masked in every output)";
        ACTIVATED_ROLE_APPOINTED activated_role_appointed Allow "an `aktiveres` role is given a holder (recording who holds it is allowed; a project may warn on it)";
        STALE stale Warning "an appointment was last confirmed longer ago than `stale_after_months`";
        PLACEHOLDER placeholder Warning "a value the scaffold left to fill (a system's `fase`, the example person's `navn`)";
    }
    diff {
        UNFILLED_MANDATORY unfilled_mandatory Error "obligatorisk in the current phase, nobody appointed";
        UNFILLED_RECOMMENDED unfilled_recommended Warning "anbefalet in the current phase, nobody appointed";
        SPOC_UNFILLED spoc_unfilled Error "the current phase's SPOC role has nobody";
        INACTIVE_APPOINTED inactive_appointed Warning "appointed to a role that is inactive in the current phase";
        NEXT_PHASE_UNFILLED next_phase_unfilled Warning "obligatorisk in the next phase, nobody appointed yet";
        OVERLAP_DISCOURAGED overlap_discouraged Warning "one person holds two roles the catalog says to keep apart";
        OVERLAP_RECOMMENDED overlap_recommended Warning "the catalog recommends one person for two roles, and two different people hold them";
        PERSON_OVERLOADED person_overloaded Warning "one person holds more roles across the municipality's systems than `max_roles_per_person` (with `--people`)";
        SINGLE_HOLDER single_holder Allow "a mandatory role of the current phase rests on one person with no second holder (with `--people`)";
    }
}

/// The rule with this code.
pub(crate) fn find(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|rule| rule.code == code)
}

/// The nearest known code, for "did you mean" on a mistyped code. Codes of one family share
/// their prefix, so within a known family only the names are compared (`rg::catalog::nosuch`
/// is no typo of `rg::catalog::spoc_unchanged`).
pub(crate) fn suggest(code: &str) -> Option<&'static str> {
    let mut parts = code.split("::");
    let (family, name) = (
        parts.nth(1).unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let in_family: Vec<&Rule> = ALL
        .iter()
        .copied()
        .filter(|rule| rule.family() == family)
        .collect();
    if in_family.is_empty() {
        return crate::suggest::nearest(code, ALL.iter().map(|rule| rule.code));
    }
    let names = in_family
        .iter()
        .map(|rule| (rule.code.rsplit("::").next().unwrap_or_default(), rule.code));
    crate::suggest::nearest_by(name, names)
}

/// Why a locked rule stays an error.
pub(crate) const LOCKED_HELP: &str = "rules of the yaml and file families stay errors: a file that could not be read must never pass as checked";

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for rule in ALL {
            assert!(seen.insert(rule.code), "{} declared twice", rule.code);
            let parts: Vec<_> = rule.code.split("::").collect();
            assert_eq!(parts.len(), 3, "{}", rule.code);
            assert_eq!(parts[0], "rg");
            assert!(
                rule.explanation.starts_with(&format!("# {}", rule.code)),
                "{}'s explanation starts with its code",
                rule.code
            );
        }
    }

    #[test]
    fn codes_are_suggested_within_their_family() {
        assert_eq!(
            suggest("rg::catalog::unknown_rol"),
            Some("rg::catalog::unknown_role")
        );
        assert_eq!(suggest("rg::catalog::nosuch"), None);
        assert_eq!(
            suggest("rg::catalgo::unknown_role"),
            Some("rg::catalog::unknown_role")
        );
    }

    #[test]
    fn only_reading_rules_are_locked() {
        assert!(codes::yaml::SYNTAX.is_locked());
        assert!(codes::file::UNREADABLE.is_locked());
        assert!(!codes::catalog::UNKNOWN_ROLE.is_locked());
        assert_eq!(codes::catalog::UNKNOWN_ROLE.family(), "catalog");
    }
}
