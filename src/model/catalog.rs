//! A system's role catalog: `catalogs/<system>.yaml`.

use super::{Duty, Entries, Integration, Phase, Status, Theme};
use crate::diag::Spanned;
use crate::vocab::vocabulary;
use crate::yaml::{Keyed, Written, yaml_struct};
use serde::{Deserialize, Serialize};

yaml_struct! {
    /// Et rollekatalog for ét it-system.
    #[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Catalog {
        /// It-systemets navn, fx SAPA.
        #[schemars(with = "String")]
        pub system: Spanned<String>,
        /// Dokumentets titel.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub titel: Written<String>,
        /// Rollegalleriets version, som kataloget er skrevet mod.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub galleri: Option<Spanned<String>>,
        /// Fagområdet, som it-systemet understøtter.
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub fagomraade: Written<String>,
        /// Dokumentet, som kommunerne får: udgave, dato, status, indledning og ændringslog.
        #[serde(default)]
        #[schemars(with = "Option<Dokument>")]
        pub dokument: Option<Spanned<Dokument>>,
        /// Integrationer i den fælleskommunale infrastruktur, som it-systemet tager i brug.
        #[serde(default)]
        #[schemars(with = "Vec<Integration>")]
        pub integrationer: Vec<Spanned<Integration>>,
        /// SPOC-rollen i hver fase.
        #[serde(default)]
        #[schemars(with = "Option<Entries<Phase, crate::model::schema_ids::RoleId>>")]
        pub spoc: Option<Keyed<Entries<Spanned<Phase>, Spanned<String>>>>,
        /// De valgte roller.
        #[schemars(with = "Vec<CatalogRole>")]
        pub roller: Vec<Spanned<CatalogRole>>,
        /// KLIK-opgaver.
        #[serde(default)]
        #[schemars(with = "Vec<KlikTask>")]
        pub klik_opgaver: Vec<Spanned<KlikTask>>,
    }
}

impl Catalog {
    /// The entry for a role id, if the catalog chose it.
    pub fn entry(&self, id: &str) -> Option<&Spanned<CatalogRole>> {
        self.roller.iter().find(|r| r.rolle.value == id)
    }
}

yaml_struct! {
    /// Rollekataloget som dokument: hvilken udgave det er, og hvad der er ændret. Alle felter er
    /// valgfrie, men uden `version` og `dato` kan en læser ikke skelne to udgaver fra hinanden.
    #[derive(Clone, Debug, PartialEq, Default, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Dokument {
        /// Katalogets egen udgave, fx "1.2" (ikke rollegalleriets version).
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub version: Option<Spanned<String>>,
        /// Udgavens dato (YYYY-MM-DD).
        #[serde(default)]
        #[schemars(with = "Option<String>", extend("format" = "date"))]
        pub dato: Option<Spanned<String>>,
        /// Udgavens status: udkast, hoering (sendt i høring) eller godkendt.
        #[serde(default)]
        pub status: Option<DocumentStatus>,
        /// Hvem der har udarbejdet kataloget, fx "Implementeringskonsulent, KOMBIT".
        #[serde(default)]
        pub udarbejdet_af: Option<String>,
        /// Projektets kontakt, fx en funktionspostkasse (ikke en persons e-mail).
        #[serde(default)]
        pub kontakt: Option<String>,
        /// Projektets egen indledning; står først i dokumentet. En tom linje skiller afsnit.
        #[serde(default)]
        pub indledning: Option<String>,
        /// Katalogets ændringslog, nyeste først.
        #[serde(default)]
        pub aendringer: Vec<Aendring>,
    }
}

yaml_struct! {
    /// En udgave i katalogets ændringslog.
    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Aendring {
        /// Udgaven, fx "1.2".
        pub version: String,
        /// Udgavens dato (YYYY-MM-DD).
        #[serde(default)]
        #[schemars(with = "Option<String>", extend("format" = "date"))]
        pub dato: Option<Spanned<String>>,
        /// Hvad der er ændret.
        pub tekst: String,
    }
}

vocabulary! {
    /// Et dokuments status.
    pub enum DocumentStatus: "document status" / "document statuses" {
        /// Udkast: under udarbejdelse.
        Udkast = "udkast", "Udkast", ["kladde", "draft"];
        /// Sendt i høring hos kommunerne.
        Hoering = "hoering", "Høringsudgave", ["høring", "i høring", "høringsudgave"];
        /// Godkendt udgave.
        Godkendt = "godkendt", "Godkendt", ["endelig", "final", "approved"];
    }
}

yaml_struct! {
    /// En rolle valgt og tilpasset til kataloget.
    #[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct CatalogRole {
        /// Rollens id i rollegalleriet.
        #[schemars(with = "crate::model::schema_ids::RoleId")]
        pub rolle: Spanned<String>,
        /// Tilpasset navn (kun systemspecifikke roller).
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub navn: Option<Spanned<String>>,
        /// Tilpasset effekt (kun systemspecifikke roller).
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub effekt: Option<Spanned<String>>,
        /// Tilpassede opgaver; erstatter galleriets liste (kun systemspecifikke roller).
        #[serde(default)]
        #[schemars(with = "Option<Vec<Duty>>")]
        pub opgaver: Option<Spanned<Vec<Duty>>>,
        /// Tilpasset ansvar; erstatter galleriets liste (kun systemspecifikke roller).
        #[serde(default)]
        #[schemars(with = "Option<Vec<Duty>>")]
        pub ansvar: Option<Spanned<Vec<Duty>>>,
        /// Tilpassede kompetencer (kun systemspecifikke roller).
        #[serde(default)]
        #[schemars(with = "Option<Vec<String>>")]
        pub kompetencer: Option<Spanned<Vec<String>>>,
        /// Tilpasset kendetegn (kun systemspecifikke roller).
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        pub kendetegn: Option<Spanned<String>>,
        /// Status pr. fase; en fase, der ikke er nævnt, er inaktiv.
        #[serde(default)]
        #[schemars(with = "Entries<Phase, Status>")]
        pub status: Entries<Spanned<Phase>, Spanned<Status>>,
        /// Fasen, hvor rollen udpeges (overskriver galleriets standard).
        #[serde(default)]
        #[schemars(with = "Option<Phase>")]
        pub udpeges: Option<Spanned<Phase>>,
        /// Fasen, hvor rollen aktiveres (overskriver galleriets standard).
        #[serde(default)]
        #[schemars(with = "Option<Phase>")]
        pub aktiveres: Option<Spanned<Phase>>,
        /// Personsammenfald ved overgangen til drift og forvaltning.
        #[serde(default)]
        #[schemars(with = "Option<Overlap>")]
        pub personsammenfald: Option<Spanned<Overlap>>,
    }
}

impl CatalogRole {
    /// The status in a phase; a phase that is not listed is inaktiv.
    pub fn status_in(&self, phase: Phase) -> Status {
        self.status
            .iter()
            .find(|(p, _)| p.value == phase)
            .map_or(Status::Inaktiv, |(_, s)| s.value)
    }

    /// The catalog's own appointment/activation phase, if it overrides the gallery.
    pub fn appointed_override(&self) -> Option<&Spanned<Phase>> {
        self.udpeges.as_ref().or(self.aktiveres.as_ref())
    }
}

yaml_struct! {
    /// Personsammenfald: roller, som samme person anbefales at have, eller som bør holdes adskilt.
    #[derive(Clone, Debug, PartialEq, Default, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Overlap {
        /// Roller, som samme person anbefales at varetage (fx projektejer → systemejer).
        #[serde(default)]
        #[schemars(with = "Vec<crate::model::schema_ids::RoleId>")]
        pub anbefalet: Vec<Spanned<String>>,
        /// Roller, som ikke bør varetages af samme person.
        #[serde(default)]
        #[schemars(with = "Vec<crate::model::schema_ids::RoleId>")]
        pub undgaas: Vec<Spanned<String>>,
    }
}

yaml_struct! {
    /// En KLIK-opgave, som kommunen skal løse.
    #[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct KlikTask {
        /// Opgavens id, fx PS-01.
        #[schemars(with = "String")]
        pub id: Spanned<String>,
        /// Opgavens titel.
        pub titel: String,
        /// Tema i implementeringsmodellen.
        #[schemars(with = "Theme")]
        pub tema: Spanned<Theme>,
        /// Fasen, hvor opgaven løses.
        #[schemars(with = "Phase")]
        pub fase: Spanned<Phase>,
        /// Den ansvarlige rolle.
        #[schemars(with = "crate::model::schema_ids::RoleId")]
        pub ansvarlig: Spanned<String>,
        /// Udførende roller.
        #[serde(default)]
        #[schemars(with = "Vec<crate::model::schema_ids::RoleId>")]
        pub udfoerer: Vec<Spanned<String>>,
        /// Involverede roller.
        #[serde(default)]
        #[schemars(with = "Vec<crate::model::schema_ids::RoleId>")]
        pub involverede: Vec<Spanned<String>>,
    }
}

impl KlikTask {
    /// Every role the task names, with how it takes part.
    pub fn participants(&self) -> impl Iterator<Item = (&Spanned<String>, TaskPart)> {
        std::iter::once((&self.ansvarlig, TaskPart::Ansvarlig))
            .chain(self.udfoerer.iter().map(|r| (r, TaskPart::Udfoerer)))
            .chain(self.involverede.iter().map(|r| (r, TaskPart::Involveret)))
    }
}

/// Hvordan en rolle indgår i en KLIK-opgave.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum TaskPart {
    /// Ansvarlig for opgaven.
    Ansvarlig,
    /// Udfører opgaven.
    Udfoerer,
    /// Involveret i opgaven.
    Involveret,
}

impl TaskPart {
    pub fn title(self) -> &'static str {
        match self {
            TaskPart::Ansvarlig => "ansvarlig",
            TaskPart::Udfoerer => "udfører",
            TaskPart::Involveret => "involveret",
        }
    }
}
