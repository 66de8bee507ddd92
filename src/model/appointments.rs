//! A municipality's appointments (`udpegninger`).

use super::{Entries, Phase};
use crate::diag::{Diagnostic, Spanned, codes};
use crate::yaml::{FromYaml, Reader, Style, Token, Written, yaml_struct};
use serde::Serialize;

/// Role id → the person keys that hold it, the first being the primary contact.
pub type RoleHolders = Entries<Spanned<String>, Vec<Spanned<String>>>;

yaml_struct! {
    /// Én kommunes udpegninger.
    #[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
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
        #[schemars(with = "Entries<crate::model::schema_ids::CrossCuttingRoleId, crate::model::schema_ids::PersonKeys>")]
        pub tvaergaaende: RoleHolders,
        /// It-systemerne og deres udpegninger.
        #[schemars(with = "Vec<SystemAppointments>")]
        pub systemer: Spanned<Vec<Spanned<SystemAppointments>>>,
    }
}

impl Appointments {
    pub fn person(&self, key: &str) -> Option<&Person> {
        self.personer
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(_, p)| p)
    }
}

yaml_struct! {
    /// En person, der kan udpeges til roller.
    #[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Person {
        /// Fulde navn.
        #[schemars(with = "String")]
        pub navn: Spanned<String>,
        /// E-mail; vises kun uden for kommunen ved samtykke.
        #[serde(default)]
        #[schemars(with = "Option<String>", extend("format" = "email"))]
        pub email: Option<Spanned<String>>,
        /// Samtykke til, at andre kommuner kan se kontaktoplysningerne (kun `true` er samtykke).
        #[serde(default)]
        pub samtykke: Consent,
        /// Hvornår udpegningen sidst blev bekræftet (YYYY-MM-DD).
        #[serde(default)]
        #[schemars(with = "Option<String>", extend("format" = "date"))]
        pub bekraeftet: Option<Spanned<String>>,
    }
}

impl SystemAppointments {
    /// The system's current phase; `None` while the scaffold's `fase: null` is unfilled.
    pub fn phase(&self) -> Option<Phase> {
        self.fase.value
    }
}

impl Person {
    /// Written, but empty: the scaffold's example person (`navn: ""`).
    pub fn has_blank_name(&self) -> bool {
        self.navn.value.trim().is_empty()
    }

    /// The email only when the person has consented to sharing it.
    pub fn shareable_email(&self) -> Option<&str> {
        if self.samtykke.given() {
            self.email.as_ref().map(|e| e.value.as_str())
        } else {
            None
        }
    }
}

yaml_struct! {
    /// Udpegningerne til ét it-system.
    #[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct SystemAppointments {
        /// It-systemet; navngiver et rollekatalog.
        #[schemars(with = "String")]
        pub system: Spanned<String>,
        /// It-systemets aktuelle fase i kommunen (`null` i en skabelon fra `rg new appointments`,
        /// indtil den er udfyldt; systemet sammenlignes først, når fasen står).
        #[schemars(with = "crate::model::schema_ids::PhaseOrBlank")]
        pub fase: Written<Phase>,
        /// Rolle → personer.
        #[serde(default)]
        #[schemars(with = "Entries<crate::model::schema_ids::RoleId, crate::model::schema_ids::PersonKeys>")]
        pub udpegninger: RoleHolders,
    }
}

/// Consent to share contact details. Only the YAML boolean `true` is consent; any other value
/// (`"yes"`, `on`, `"true"` in quotes) is reported as `rg::appointments::invalid_consent` and
/// counts as no consent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Consent(bool);

impl Consent {
    pub fn given(self) -> bool {
        self.0
    }
}

impl schemars::JsonSchema for Consent {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Consent".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Samtykke: kun true er samtykke.",
            "type": "boolean"
        })
    }
}

impl FromYaml for Consent {
    const EXPECTED: &'static str = "`true` or `false`";

    fn read(r: &mut Reader<'_>) -> Option<Consent> {
        let span = r.peek().span;
        let written = match &r.peek().token {
            Token::Scalar(text, Style::Plain)
                if matches!(text.as_ref(), "true" | "True" | "TRUE") =>
            {
                r.next();
                return Some(Consent(true));
            }
            Token::Scalar(text, Style::Plain)
                if matches!(
                    text.as_ref(),
                    "false" | "False" | "FALSE" | "" | "~" | "null"
                ) =>
            {
                r.next();
                return Some(Consent(false));
            }
            Token::Scalar(text, Style::Quoted) => format!("the text \"{text}\""),
            Token::Scalar(text, _) => format!("`{text}`"),
            _ => "a list or mapping".to_string(),
        };
        r.skip();
        r.report(
            Diagnostic::new(
                &codes::appointments::INVALID_CONSENT,
                format!("`samtykke` is {written}, not `true` or `false`; it counts as no consent"),
            )
            .with_help("write `samtykke: true` (no quotes) when the person has consented to sharing their contact details")
            .at(r.file(), span),
        );
        Some(Consent(false))
    }
}
