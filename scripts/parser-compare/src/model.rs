//! The appointments model as rg has it, written once per `Spanned` type so that each parser
//! fills its own span type (a parser only recognises its own).

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A mapping as ordered entries, so keys keep their spans (as rg's `Entries`).
#[allow(dead_code)] // parsed to be timed, never read
pub struct Entries<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Entries<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for EntriesVisitor<K, V> {
            type Value = Entries<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

#[derive(Deserialize, Clone, Copy)]
pub enum Phase {
    #[serde(rename = "opvarmning")]
    Opvarmning,
    #[serde(rename = "fase-1")]
    Fase1,
    #[serde(rename = "fase-2")]
    Fase2,
    #[serde(rename = "fase-3")]
    Fase3,
    #[serde(rename = "fase-4")]
    Fase4,
}

/// No span at all, to price the spans.
pub type Plain<T> = T;

macro_rules! appointments {
    ($module:ident, $($spanned:tt)+) => {
        #[allow(dead_code)]
        pub mod $module {
            use super::{Entries, Phase};
            use serde::Deserialize;
            type S<T> = $($spanned)+<T>;

            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct Appointments {
                pub kommune: S<String>,
                #[serde(default)]
                pub personer: Entries<S<String>, Person>,
                #[serde(default)]
                pub tvaergaaende: Entries<S<String>, Vec<S<String>>>,
                pub systemer: S<Vec<SystemAppointments>>,
            }

            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct Person {
                pub navn: String,
                #[serde(default)]
                pub email: Option<S<String>>,
                #[serde(default)]
                pub samtykke: bool,
                #[serde(default)]
                pub bekraeftet: Option<S<String>>,
            }

            #[derive(Deserialize)]
            #[serde(deny_unknown_fields)]
            pub struct SystemAppointments {
                pub system: S<String>,
                pub fase: S<Phase>,
                #[serde(default)]
                pub udpegninger: Entries<S<String>, Vec<S<String>>>,
            }
        }
    };
}

appointments!(saphyr, serde_saphyr::Spanned);
appointments!(marked, marked_yaml::Spanned);
appointments!(plain, crate::model::Plain);
