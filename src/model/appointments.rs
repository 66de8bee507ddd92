//! A municipality's appointments (`udpegninger`).

use super::{Entries, Phase};
use serde::{Deserialize, Serialize};
use serde_saphyr::Spanned;

/// Role id → the person keys that hold it, the first being the primary contact.
pub type RoleHolders = Entries<Spanned<String>, Vec<Spanned<String>>>;

/// Én kommunes udpegninger.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appointments {
    /// Kommunens navn.
    #[schemars(with = "String")]
    pub kommune: Spanned<String>,
    /// Personer, hver én gang, refereret ved nøgle.
    #[serde(default)]
    #[schemars(with = "Entries<String, Person>")]
    pub personer: Entries<Spanned<String>, Person>,
    /// Tværgående roller; gælder for alle it-systemer.
    #[serde(default)]
    #[schemars(with = "Entries<crate::schema::CrossCuttingRoleId, crate::schema::PersonKeys>")]
    pub tvaergaaende: RoleHolders,
    /// It-systemerne og deres udpegninger.
    #[schemars(with = "Vec<SystemAppointments>")]
    pub systemer: Spanned<Vec<SystemAppointments>>,
}

impl Appointments {
    pub fn person(&self, key: &str) -> Option<&Person> {
        self.personer
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, p)| p)
    }
}

/// En person, der kan udpeges til roller.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Fulde navn.
    pub navn: String,
    /// E-mail; vises kun uden for kommunen ved samtykke.
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "email"))]
    pub email: Option<Spanned<String>>,
    /// Samtykke til, at andre kommuner kan se kontaktoplysningerne.
    #[serde(default)]
    pub samtykke: bool,
    /// Hvornår udpegningen sidst blev bekræftet (YYYY-MM-DD).
    #[serde(default)]
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub bekraeftet: Option<Spanned<String>>,
}

impl Person {
    /// The email only when the person has consented to sharing it.
    pub fn shareable_email(&self) -> Option<&str> {
        if self.samtykke {
            self.email.as_ref().map(|e| e.value.as_str())
        } else {
            None
        }
    }
}

/// Udpegningerne til ét it-system.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SystemAppointments {
    /// It-systemet; navngiver et rollekatalog.
    #[schemars(with = "String")]
    pub system: Spanned<String>,
    /// It-systemets aktuelle fase i kommunen.
    #[schemars(with = "Phase")]
    pub fase: Spanned<Phase>,
    /// Rolle → personer.
    #[serde(default)]
    #[schemars(with = "Entries<crate::schema::RoleId, crate::schema::PersonKeys>")]
    pub udpegninger: RoleHolders,
}
