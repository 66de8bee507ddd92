//! The five phases of KOMBIT's implementation model and the per-phase role status.

use crate::vocab::vocabulary;

vocabulary! {
    /// En fase i KOMBITs implementeringsmodel.
    pub enum Phase: "phase" / "phases" {
        /// Opvarmningsperiode: kommunens tilslutning.
        Opvarmning = "opvarmning", "Opvarmningsperiode",
            ["opvarmningsperioden", "opvarmningsfase", "fase-0", "fase 0", "warm-up"];
        /// Fase 1: Opstart.
        Fase1 = "fase-1", "Fase 1: Opstart", ["fase 1", "fase1", "f1", "opstart", "opstartsfase"];
        /// Fase 2: Forberedelse.
        Fase2 = "fase-2", "Fase 2: Forberedelse", ["fase 2", "fase2", "f2", "forberedelse"];
        /// Fase 3: Ibrugtagning.
        Fase3 = "fase-3", "Fase 3: Ibrugtagning", ["fase 3", "fase3", "f3", "ibrugtagning"];
        /// Fase 4: Forankring (drift og forvaltning).
        Fase4 = "fase-4", "Fase 4: Forankring",
            ["fase 4", "fase4", "f4", "forankring", "drift", "drift og forvaltning", "drift/forvaltning"];
    }
}

impl Phase {
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
}

vocabulary! {
    /// En rolles status i en fase.
    pub enum Status: "status" / "statuses" {
        /// Rollen skal være besat i fasen.
        Obligatorisk = "obligatorisk", "Obligatorisk", ["obl", "mandatory", "required", "skal"];
        /// Rollen anbefales besat i fasen.
        Anbefalet = "anbefalet", "Anbefalet", ["anbefales", "anb", "recommended", "bør"];
        /// Rollen er ikke aktiv i fasen.
        Inaktiv = "inaktiv", "Inaktiv", ["ikke aktiv", "inactive", "passiv"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocabulary;

    #[test]
    fn phases_are_ordered_and_chained() {
        assert!(Phase::Opvarmning < Phase::Fase4);
        assert_eq!(Phase::Fase3.next(), Some(Phase::Fase4));
        assert_eq!(Phase::Fase4.next(), None);
        assert_eq!(Phase::from_id("fase-2"), Some(Phase::Fase2));
        assert_eq!(Phase::from_id("fase-5"), None);
    }

    #[test]
    fn the_standards_own_names_are_understood() {
        for (written, phase) in [
            ("Fase 3", Phase::Fase3),
            ("fase3", Phase::Fase3),
            ("Ibrugtagning", Phase::Fase3),
            ("Forankring", Phase::Fase4),
            ("fase 3: Ibrugtagning", Phase::Fase3),
            ("fase 3:Ibrugtagning", Phase::Fase3),
            ("Opvarmningsperioden", Phase::Opvarmning),
        ] {
            assert_eq!(Phase::from_alias(written), Some(phase), "{written}");
        }
    }

    #[test]
    fn a_phase_that_does_not_exist_suggests_none() {
        assert_eq!(Phase::suggest("fase-5"), None);
        assert_eq!(Phase::suggest("fase-9"), None);
        assert_eq!(Phase::suggest("fse-2"), Some(Phase::Fase2));
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
