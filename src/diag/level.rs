//! How a finding counts.

use crate::vocab::vocabulary;

vocabulary! {
    /// How a finding counts: `error` fails the run, `warning` is shown, `allow` is dropped.
    pub enum Level: "level" / "levels" {
        /// Not reported.
        Allow = "allow", "allow", ["off", "ignore", "none", "skip"];
        /// Reported; fails the run only with `--fail-on warning`.
        Warning = "warning", "warning", ["warn", "warnings"];
        /// Reported; fails the run (exit 1).
        Error = "error", "error", ["deny", "err", "errors", "fail"];
    }
}
