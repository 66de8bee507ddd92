//! The five phases of KOMBIT's implementation model and the per-phase role status.

use serde::{Deserialize, Serialize};
use std::fmt;

/// En fase i KOMBITs implementeringsmodel.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
pub enum Phase {
    /// Opvarmningsperiode: kommunens tilslutning.
    #[serde(rename = "opvarmning")]
    Opvarmning,
    /// Fase 1: Opstart.
    #[serde(rename = "fase-1")]
    Fase1,
    /// Fase 2: Forberedelse.
    #[serde(rename = "fase-2")]
    Fase2,
    /// Fase 3: Ibrugtagning.
    #[serde(rename = "fase-3")]
    Fase3,
    /// Fase 4: Forankring (drift og forvaltning).
    #[serde(rename = "fase-4")]
    Fase4,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Opvarmning,
        Phase::Fase1,
        Phase::Fase2,
        Phase::Fase3,
        Phase::Fase4,
    ];

    /// The id used in every file (`fase-1`).
    pub fn id(self) -> &'static str {
        match self {
            Phase::Opvarmning => "opvarmning",
            Phase::Fase1 => "fase-1",
            Phase::Fase2 => "fase-2",
            Phase::Fase3 => "fase-3",
            Phase::Fase4 => "fase-4",
        }
    }

    /// The Danish name as the standard prints it.
    pub fn title(self) -> &'static str {
        match self {
            Phase::Opvarmning => "Opvarmningsperiode",
            Phase::Fase1 => "Fase 1: Opstart",
            Phase::Fase2 => "Fase 2: Forberedelse",
            Phase::Fase3 => "Fase 3: Ibrugtagning",
            Phase::Fase4 => "Fase 4: Forankring",
        }
    }

    /// A short column header for narrow tables.
    pub fn short(self) -> &'static str {
        match self {
            Phase::Opvarmning => "Opv.",
            Phase::Fase1 => "F1",
            Phase::Fase2 => "F2",
            Phase::Fase3 => "F3",
            Phase::Fase4 => "F4",
        }
    }

    /// Implementering covers opvarmning..fase-3; drift og forvaltning is fase-4.
    pub fn is_operation(self) -> bool {
        self == Phase::Fase4
    }

    pub fn next(self) -> Option<Phase> {
        let index = Phase::ALL.iter().position(|p| *p == self)?;
        Phase::ALL.get(index + 1).copied()
    }

    pub fn from_id(id: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.id() == id)
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// En rolles status i en fase.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Deserialize,
    Serialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Rollen skal være besat i fasen.
    Obligatorisk,
    /// Rollen anbefales besat i fasen.
    Anbefalet,
    /// Rollen er ikke aktiv i fasen.
    Inaktiv,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Obligatorisk => "obligatorisk",
            Status::Anbefalet => "anbefalet",
            Status::Inaktiv => "inaktiv",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phases_are_ordered_and_chained() {
        assert!(Phase::Opvarmning < Phase::Fase4);
        assert_eq!(Phase::Fase3.next(), Some(Phase::Fase4));
        assert_eq!(Phase::Fase4.next(), None);
        assert_eq!(Phase::from_id("fase-2"), Some(Phase::Fase2));
        assert_eq!(Phase::from_id("fase-5"), None);
    }

    #[test]
    fn only_fase_4_is_operation() {
        let operation: Vec<_> = Phase::ALL
            .into_iter()
            .filter(|p| p.is_operation())
            .collect();
        assert_eq!(operation, vec![Phase::Fase4]);
    }
}
