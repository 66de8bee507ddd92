//! The gallery: one role per `gallery/<id>.yaml`, plus `gallery/galleri.yaml`.

use super::{Integration, Phase};
use crate::diag::{Diagnostic, Spanned, codes};
use crate::vocab::vocabulary;
use crate::yaml::{FromYaml, Reader, Style, yaml_struct};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

vocabulary! {
    /// Rollens gruppe i rollegalleriet.
    pub enum Gruppe: "group" / "groups" {
        /// Knyttet til ét it-system.
        Systemspecifik = "systemspecifik", "Systemspecifik", ["systemspecifikke", "system-specific"];
        /// Tværgående: betjener hele KOMBIT-porteføljen.
        Tvaergaaende = "tvaergaaende", "Tværgående", ["tværgående roller", "cross-cutting"];
        /// Tværgående rolle for den fælleskommunale infrastruktur.
        Infrastruktur = "infrastruktur", "Infrastruktur", ["infrastrukturrolle", "infrastrukturroller"];
    }
}

impl Gruppe {
    /// Danish plural heading, as used in rendered documents.
    pub fn heading(self) -> &'static str {
        match self {
            Gruppe::Systemspecifik => "Systemspecifikke roller",
            Gruppe::Tvaergaaende => "Tværgående roller",
            Gruppe::Infrastruktur => "Infrastrukturroller",
        }
    }

    /// Cross-cutting roles keep name and description (checklist item 3).
    pub fn is_cross_cutting(self) -> bool {
        self != Gruppe::Systemspecifik
    }
}

vocabulary! {
    /// Hvordan rollen besættes.
    pub enum Maade: "way of filling a role" / "ways" {
        /// En navngiven person udpeges.
        Udpeges = "udpeges", "Udpeges", ["udpegning", "udpeget"];
        /// Rollen følger en stilling/funktion og aktiveres uden udpegning.
        Aktiveres = "aktiveres", "Aktiveres", ["aktivering", "aktiveret"];
        /// Udpegning initieres ikke af KOMBIT.
        IkkeInitieret = "ikke_initieret", "Ikke initieret", ["ikke initieret af kombit"];
    }
}

/// Et kryds i kolonnerne Implementering / Drift og forvaltning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// "X"
    Yes,
    /// blank
    No,
    /// "(X)": betinget
    Conditional,
}

impl Mark {
    /// The one-character marker for terminal output (`I`/`D` columns).
    pub fn symbol(self) -> &'static str {
        match self {
            Mark::Yes => "X",
            Mark::No => "",
            Mark::Conditional => "(X)",
        }
    }
}

impl Serialize for Mark {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Mark::Yes => serializer.serialize_bool(true),
            Mark::No => serializer.serialize_bool(false),
            Mark::Conditional => serializer.serialize_str("betinget"),
        }
    }
}

/// In JSON a mark is `true`, `false` or `"betinget"`, as in the YAML files.
impl schemars::JsonSchema for Mark {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Mark".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Et kryds i kolonnen: true (X), false (blank) eller \"betinget\" ((X)).",
            "oneOf": [{"type": "boolean"}, {"const": "betinget"}]
        })
    }
}

impl<'de> Deserialize<'de> for Mark {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MarkVisitor;
        impl Visitor<'_> for MarkVisitor {
            type Value = Mark;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true, false or `betinget`")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Mark, E> {
                Ok(if v { Mark::Yes } else { Mark::No })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Mark, E> {
                match v {
                    "betinget" => Ok(Mark::Conditional),
                    other => Err(E::unknown_variant(other, &["true", "false", "betinget"])),
                }
            }
        }
        deserializer.deserialize_any(MarkVisitor)
    }
}

impl FromYaml for Mark {
    const EXPECTED: &'static str = "`true`, `false` or `betinget`";

    fn read(r: &mut Reader<'_>) -> Option<Mark> {
        let (text, style, span) = r.scalar(Self::EXPECTED)?;
        match (style, text.as_ref()) {
            (Style::Plain, "true") => Some(Mark::Yes),
            (Style::Plain, "false") => Some(Mark::No),
            (_, "betinget") => Some(Mark::Conditional),
            _ => {
                r.report(
                    Diagnostic::new(
                        &codes::yaml::INVALID_VALUE,
                        format!("expected {}, found `{text}`", Self::EXPECTED),
                    )
                    .with_help("an X in the column is `true`, a blank `false`, an (X) `betinget`")
                    .at(r.file(), span),
                );
                None
            }
        }
    }
}

yaml_struct! {
    /// En punkt under Opgaver eller Ansvar, med kolonnerne Implementering og Drift og forvaltning.
    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Duty {
        /// Punktets tekst, ordret fra standarden.
        pub tekst: String,
        /// Krydset i kolonnen Implementering (opvarmning til fase 3).
        pub implementering: Mark,
        /// Krydset i kolonnen Drift og forvaltning (fase 4).
        pub drift_og_forvaltning: Mark,
    }
}

yaml_struct! {
    /// Kendetegn gjort struktureret: hvordan og hvornår rollen besættes.
    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Udpegning {
        /// udpeges, aktiveres eller ikke_initieret.
        pub maade: Maade,
        /// Standardfasen for udpegning/aktivering.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub fase: Option<Phase>,
        /// Fasen, hvorefter rollen udfases.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub udfases_efter: Option<Phase>,
        /// Rollen, der overtager i drift og forvaltning.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<crate::model::schema_ids::RoleId>")]
        pub afloeses_af: Option<Spanned<String>>,
    }
}

yaml_struct! {
    /// En rolle i rollegalleriet (`gallery/<id>.yaml`).
    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct GalleryRole {
        /// Rollens id; lig med filnavnet.
        #[schemars(with = "crate::model::schema_ids::NewRoleId")]
        pub id: Spanned<String>,
        /// Rollens navn, som standarden skriver det.
        pub navn: String,
        /// systemspecifik, tvaergaaende eller infrastruktur.
        pub gruppe: Gruppe,
        /// Effekten.
        pub effekt: String,
        /// Beskrivelse, kun hvor standarden har en.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub beskrivelse: Option<String>,
        /// Alle punkter under Opgaver, i standardens rækkefølge.
        pub opgaver: Vec<Duty>,
        /// Alle punkter under Ansvar, i standardens rækkefølge.
        pub ansvar: Vec<Duty>,
        /// Kompetencer.
        pub kompetencer: Vec<String>,
        /// Kendetegn, ordret.
        pub kendetegn: String,
        /// Kendetegn gjort struktureret.
        pub udpegning: Udpegning,
        /// Integrationer, som en infrastrukturrolle betjener.
        #[serde(default)]
        #[schemars(with = "Vec<Integration>")]
        pub integrationer: Vec<Spanned<Integration>>,
    }
}

yaml_struct! {
    /// En version i rollegalleriets versionshistorik.
    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct GalleryVersion {
        /// Versionsnummer, fx "1.6".
        pub version: String,
        /// Dato, som standarden skriver den (fx "Maj 2024").
        pub dato: String,
        /// Ændringerne, punkt for punkt.
        pub aendringer: Vec<String>,
    }
}

yaml_struct! {
    /// `gallery/galleri.yaml`: rollegalleriets version og historik.
    #[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Galleri {
        /// Titel.
        pub titel: String,
        /// Versionen, som filerne er transskriberet fra.
        pub version: String,
        /// Versionens dato.
        pub dato: String,
        /// Udgiver.
        pub udgiver: String,
        /// Versionshistorikken, nyeste først.
        pub historik: Vec<GalleryVersion>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mark_reads_bools_and_betinget() {
        let marks = crate::yaml::parse_str::<Vec<Mark>>("[true, false, betinget]");
        assert_eq!(
            marks.value,
            Some(vec![Mark::Yes, Mark::No, Mark::Conditional])
        );
        let bad = crate::yaml::parse_str::<Vec<Mark>>("[X, false]");
        assert_eq!(bad.value, Some(vec![Mark::No]));
        assert_eq!(bad.diagnostics[0].code(), "rg::yaml::invalid_value");
    }

    #[test]
    fn cross_cutting_groups() {
        assert!(!Gruppe::Systemspecifik.is_cross_cutting());
        assert!(Gruppe::Tvaergaaende.is_cross_cutting());
        assert!(Gruppe::Infrastruktur.is_cross_cutting());
    }
}
