//! Closed vocabularies that files refer to: KLIK themes and infrastructure integrations.

use serde::{Deserialize, Serialize};

/// Tema for en KLIK-opgave i KOMBITs implementeringsmodel.
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
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Projektstyring og ledelse.
    ProjektstyringOgLedelse,
    /// Gevinster og værdier.
    GevinsterOgVaerdier,
    /// Viden og færdigheder.
    VidenOgFaerdigheder,
    /// Organisering og arbejdsgange.
    OrganiseringOgArbejdsgange,
    /// Ud- og indfasning.
    UdOgIndfasning,
    /// It-miljø og infrastruktur.
    ItMiljoeOgInfrastruktur,
    /// It-sikkerhed og aftaler.
    ItSikkerhedOgAftaler,
}

impl Theme {
    pub const ALL: [Theme; 7] = [
        Theme::ProjektstyringOgLedelse,
        Theme::GevinsterOgVaerdier,
        Theme::VidenOgFaerdigheder,
        Theme::OrganiseringOgArbejdsgange,
        Theme::UdOgIndfasning,
        Theme::ItMiljoeOgInfrastruktur,
        Theme::ItSikkerhedOgAftaler,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Theme::ProjektstyringOgLedelse => "projektstyring-og-ledelse",
            Theme::GevinsterOgVaerdier => "gevinster-og-vaerdier",
            Theme::VidenOgFaerdigheder => "viden-og-faerdigheder",
            Theme::OrganiseringOgArbejdsgange => "organisering-og-arbejdsgange",
            Theme::UdOgIndfasning => "ud-og-indfasning",
            Theme::ItMiljoeOgInfrastruktur => "it-miljoe-og-infrastruktur",
            Theme::ItSikkerhedOgAftaler => "it-sikkerhed-og-aftaler",
        }
    }

    /// The Danish heading used in rendered documents.
    pub fn title(self) -> &'static str {
        match self {
            Theme::ProjektstyringOgLedelse => "Projektstyring og ledelse",
            Theme::GevinsterOgVaerdier => "Gevinster og værdier",
            Theme::VidenOgFaerdigheder => "Viden og færdigheder",
            Theme::OrganiseringOgArbejdsgange => "Organisering og arbejdsgange",
            Theme::UdOgIndfasning => "Ud- og indfasning",
            Theme::ItMiljoeOgInfrastruktur => "It-miljø og infrastruktur",
            Theme::ItSikkerhedOgAftaler => "It-sikkerhed og aftaler",
        }
    }
}

/// En integration i den fælleskommunale infrastruktur.
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
#[serde(rename_all = "kebab-case")]
pub enum Integration {
    /// Adgangsstyring.
    Adgangsstyring,
    /// Serviceplatformen.
    Serviceplatformen,
    /// Organisation.
    Organisation,
    /// Klassifikation.
    Klassifikation,
    /// Fordelingskomponent.
    Fordelingskomponent,
    /// FK ØKO finans (bogføring).
    FkOekoFinans,
    /// FK ØKO debitor (opkrævning).
    FkOekoDebitor,
    /// Filudveksling.
    Filudveksling,
    /// Advis om sygehusophold.
    AdvisOmSygehusophold,
    /// Beskedfordeler.
    Beskedfordeler,
    /// Sag/Dokumentindeks.
    SagDokumentindeks,
    /// Ydelsesindeks.
    Ydelsesindeks,
    /// Print.
    Print,
}

impl Integration {
    pub const ALL: [Integration; 13] = [
        Integration::Adgangsstyring,
        Integration::Serviceplatformen,
        Integration::Organisation,
        Integration::Klassifikation,
        Integration::Fordelingskomponent,
        Integration::FkOekoFinans,
        Integration::FkOekoDebitor,
        Integration::Filudveksling,
        Integration::AdvisOmSygehusophold,
        Integration::Beskedfordeler,
        Integration::SagDokumentindeks,
        Integration::Ydelsesindeks,
        Integration::Print,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Integration::Adgangsstyring => "adgangsstyring",
            Integration::Serviceplatformen => "serviceplatformen",
            Integration::Organisation => "organisation",
            Integration::Klassifikation => "klassifikation",
            Integration::Fordelingskomponent => "fordelingskomponent",
            Integration::FkOekoFinans => "fk-oeko-finans",
            Integration::FkOekoDebitor => "fk-oeko-debitor",
            Integration::Filudveksling => "filudveksling",
            Integration::AdvisOmSygehusophold => "advis-om-sygehusophold",
            Integration::Beskedfordeler => "beskedfordeler",
            Integration::SagDokumentindeks => "sag-dokumentindeks",
            Integration::Ydelsesindeks => "ydelsesindeks",
            Integration::Print => "print",
        }
    }

    /// The Danish name used in rendered documents.
    pub fn title(self) -> &'static str {
        match self {
            Integration::Adgangsstyring => "Adgangsstyring",
            Integration::Serviceplatformen => "Serviceplatformen",
            Integration::Organisation => "Organisation",
            Integration::Klassifikation => "Klassifikation",
            Integration::Fordelingskomponent => "Fordelingskomponent",
            Integration::FkOekoFinans => "FK ØKO finans",
            Integration::FkOekoDebitor => "FK ØKO debitor",
            Integration::Filudveksling => "Filudveksling",
            Integration::AdvisOmSygehusophold => "Advis om sygehusophold",
            Integration::Beskedfordeler => "Beskedfordeler",
            Integration::SagDokumentindeks => "Sag/Dokumentindeks",
            Integration::Ydelsesindeks => "Ydelsesindeks",
            Integration::Print => "Print",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_match_serde_names() {
        for theme in Theme::ALL {
            let parsed: Theme = serde_saphyr::from_str(theme.id()).unwrap();
            assert_eq!(parsed, theme);
        }
        for integration in Integration::ALL {
            let parsed: Integration = serde_saphyr::from_str(integration.id()).unwrap();
            assert_eq!(parsed, integration);
        }
    }
}
