//! Closed vocabularies that files refer to: KLIK themes and infrastructure integrations.

use crate::vocab::vocabulary;

vocabulary! {
    /// Tema for en KLIK-opgave i KOMBITs implementeringsmodel.
    pub enum Theme: "theme" / "themes" {
        /// Projektstyring og ledelse.
        ProjektstyringOgLedelse = "projektstyring-og-ledelse", "Projektstyring og ledelse",
            ["projektstyring", "ledelse", "projektledelse"];
        /// Gevinster og værdier.
        GevinsterOgVaerdier = "gevinster-og-vaerdier", "Gevinster og værdier",
            ["gevinster", "værdier", "gevinstrealisering"];
        /// Viden og færdigheder.
        VidenOgFaerdigheder = "viden-og-faerdigheder", "Viden og færdigheder",
            ["viden", "færdigheder", "uddannelse", "oplæring"];
        /// Organisering og arbejdsgange.
        OrganiseringOgArbejdsgange = "organisering-og-arbejdsgange", "Organisering og arbejdsgange",
            ["organisering", "arbejdsgange", "organisation og arbejdsgange"];
        /// Ud- og indfasning.
        UdOgIndfasning = "ud-og-indfasning", "Ud- og indfasning",
            ["udfasning", "indfasning", "ud-og-indfasning", "ud og indfasning"];
        /// It-miljø og infrastruktur.
        ItMiljoeOgInfrastruktur = "it-miljoe-og-infrastruktur", "It-miljø og infrastruktur",
            ["it-miljø", "it-miljoe", "it miljø", "infrastruktur"];
        /// It-sikkerhed og aftaler.
        ItSikkerhedOgAftaler = "it-sikkerhed-og-aftaler", "It-sikkerhed og aftaler",
            ["it-sikkerhed", "sikkerhed", "aftaler"];
    }
}

vocabulary! {
    /// En integration i den fælleskommunale infrastruktur.
    pub enum Integration: "integration" / "integrations" {
        /// Adgangsstyring.
        Adgangsstyring = "adgangsstyring", "Adgangsstyring", ["fælleskommunal adgangsstyring"];
        /// Serviceplatformen.
        Serviceplatformen = "serviceplatformen", "Serviceplatformen", ["serviceplatform", "sp"];
        /// Organisation.
        Organisation = "organisation", "Organisation", ["støttesystemet organisation"];
        /// Klassifikation.
        Klassifikation = "klassifikation", "Klassifikation", ["støttesystemet klassifikation"];
        /// Fordelingskomponent.
        Fordelingskomponent = "fordelingskomponent", "Fordelingskomponent", ["fordelingskomponenten"];
        /// FK ØKO finans (bogføring).
        FkOekoFinans = "fk-oeko-finans", "FK ØKO finans", ["bogføring", "økonomi finans"];
        /// FK ØKO debitor (opkrævning).
        FkOekoDebitor = "fk-oeko-debitor", "FK ØKO debitor", ["opkrævning", "økonomi debitor"];
        /// Filudveksling.
        Filudveksling = "filudveksling", "Filudveksling", ["fildeling"];
        /// Advis om sygehusophold.
        AdvisOmSygehusophold = "advis-om-sygehusophold", "Advis om sygehusophold", ["sygehusophold"];
        /// Beskedfordeler.
        Beskedfordeler = "beskedfordeler", "Beskedfordeler", ["beskedfordeleren"];
        /// Sag/Dokumentindeks.
        SagDokumentindeks = "sag-dokumentindeks", "Sag/Dokumentindeks",
            ["sag- og dokumentindeks", "sdi"];
        /// Ydelsesindeks.
        Ydelsesindeks = "ydelsesindeks", "Ydelsesindeks", ["ydelsesindekset"];
        /// Print.
        Print = "print", "Print", ["fælleskommunal print"];
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Vocabulary;

    #[test]
    fn ids_round_trip() {
        for theme in Theme::ALL {
            assert_eq!(Theme::from_id(theme.id()), Some(theme));
        }
        for integration in Integration::ALL {
            assert_eq!(Integration::from_id(integration.id()), Some(integration));
        }
    }

    #[test]
    fn a_short_theme_is_understood() {
        assert_eq!(
            Theme::suggest("gevinster"),
            Some(Theme::GevinsterOgVaerdier)
        );
        assert_eq!(
            Integration::from_alias("FK ØKO finans"),
            Some(Integration::FkOekoFinans)
        );
    }
}
