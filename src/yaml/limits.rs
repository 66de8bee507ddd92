//! The limits every YAML file is read within, so that no file can make `rg` run for long or
//! use much memory: a "billion laughs" alias bomb, a 10,000-deep nesting, a file of a million
//! empty values.

use crate::diag::{ByteSpan, Diagnostic, SourceFile, codes};
use std::sync::Arc;

/// Deepest nesting accepted; the formats need 6 levels, so 64 leaves room for odd but valid files.
pub const MAX_DEPTH: usize = 64;
/// Values expanded from aliases per file; real files use none, a "billion laughs" file needs millions.
pub const MAX_ALIAS_EVENTS: usize = 10_000;
/// Uses of aliases (`*name`) accepted per file.
pub const MAX_ALIASES: usize = 1_000;
/// Values (scalars, sequences, mappings) per file; a 10 MiB catalog has about 300,000.
pub const MAX_NODES: usize = 1_000_000;

/// What one file has used of its limits.
#[derive(Default)]
pub(crate) struct Budget {
    values: usize,
    aliases: usize,
    replayed: usize,
}

/// Which limit a file went over.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Limit {
    Values,
    Aliases,
    Replayed,
}

impl Budget {
    pub(crate) fn count_value(&mut self) -> Result<(), Limit> {
        self.values += 1;
        if self.values > MAX_NODES {
            return Err(Limit::Values);
        }
        Ok(())
    }

    /// One use of an alias that repeats `events` events.
    pub(crate) fn count_alias(&mut self, events: usize) -> Result<(), Limit> {
        self.aliases += 1;
        self.replayed = self.replayed.saturating_add(events);
        if self.aliases > MAX_ALIASES {
            return Err(Limit::Aliases);
        }
        if self.replayed > MAX_ALIAS_EVENTS {
            return Err(Limit::Replayed);
        }
        Ok(())
    }
}

pub(crate) fn too_deep(file: &Arc<SourceFile>, span: ByteSpan) -> Diagnostic {
    exceeded(
        file,
        span,
        format!("nesting deeper than {MAX_DEPTH} levels"),
    )
}

pub(crate) fn breach(file: &Arc<SourceFile>, span: ByteSpan, limit: Limit) -> Diagnostic {
    let what = match limit {
        Limit::Values => format!("more than {MAX_NODES} values"),
        Limit::Aliases => format!("more than {MAX_ALIASES} uses of aliases (`*name`)"),
        Limit::Replayed => format!("more than {MAX_ALIAS_EVENTS} values expanded from aliases"),
    };
    exceeded(file, span, what)
}

fn exceeded(file: &Arc<SourceFile>, span: ByteSpan, what: String) -> Diagnostic {
    Diagnostic::new(
        &codes::yaml::LIMIT,
        format!("the file exceeds a parser limit: {what}"),
    )
    .with_help("a real file stays far below every limit; `rg explain rg::yaml::limit` lists them")
    .at(file, span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_counted_by_use_and_by_size() {
        let mut budget = Budget::default();
        assert_eq!(budget.count_alias(MAX_ALIAS_EVENTS), Ok(()));
        assert_eq!(budget.count_alias(1), Err(Limit::Replayed));
    }
}
