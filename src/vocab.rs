//! Closed vocabularies (phase, status, theme, integration, gruppe, maade, level), each declared
//! once by [`vocabulary!`]: its ids as the files write them, the Danish titles documents print,
//! and the aliases people write instead (`Fase 3`, `fase3`, `Ibrugtagning` for `fase-3`), which
//! the suggestions and `rg fix` use. Part of the base layer: it imports only [`crate::suggest`].

use crate::suggest;

/// A closed set of values written by id in the files.
pub(crate) trait Vocabulary: Copy + Eq + Sized + 'static {
    /// What one value is called in messages ("phase").
    const WHAT: &'static str;
    /// And several ("phases").
    const PLURAL: &'static str;
    /// Every value, in the vocabulary's own order.
    fn all() -> &'static [Self];
    /// The id the files use (`fase-3`).
    fn id(self) -> &'static str;
    /// The Danish title documents print (`Fase 3: Ibrugtagning`).
    fn title(self) -> &'static str;
    /// Other ways people write this value.
    fn aliases(self) -> &'static [&'static str];

    fn from_id(id: &str) -> Option<Self> {
        Self::all().iter().copied().find(|value| value.id() == id)
    }

    /// The value meant by a name, title or alias written another way (case, spaces, æ/ø/å
    /// spelling): certain enough for `rg fix` to write the id.
    fn from_alias(input: &str) -> Option<Self> {
        let wanted = suggest::fold(input);
        Self::all().iter().copied().find(|value| {
            suggest::fold(value.id()) == wanted
                || suggest::fold(value.title()) == wanted
                || value.aliases().iter().any(|a| suggest::fold(a) == wanted)
        })
    }

    /// The value nearest to a mistyped one, by alias first, then by spelling.
    fn suggest(input: &str) -> Option<Self> {
        Self::from_alias(input).or_else(|| {
            let labels = Self::all().iter().flat_map(|value| {
                let id = value.id();
                [id, value.title()]
                    .into_iter()
                    .chain(value.aliases().iter().copied())
                    .map(move |label| (label, id))
            });
            suggest::nearest_by(input, labels).and_then(Self::from_id)
        })
    }

    /// "phases are opvarmning, fase-1, …": every id, for a help with nothing near.
    fn listing() -> String {
        let ids: Vec<&str> = Self::all().iter().map(|value| value.id()).collect();
        ids.join(", ")
    }
}

/// Declares a vocabulary: the enum, its ids, titles and aliases, and the traits every
/// vocabulary has (display and serde as its id, a JSON Schema listing the ids).
///
/// ```ignore
/// vocabulary! {
///     /// En rolles status i en fase.
///     pub enum Status: "status" / "statuses" {
///         /// Rollen skal være besat i fasen.
///         Obligatorisk = "obligatorisk", "Obligatorisk", ["mandatory"];
///     }
/// }
/// ```
macro_rules! vocabulary {
    (
        $(#[doc = $doc:literal])*
        $vis:vis enum $name:ident : $what:literal / $plural:literal {
            $(
                #[doc = $vdoc:literal]
                $variant:ident = $id:literal, $title:literal, [$($alias:literal),* $(,)?];
            )+
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $(#[doc = $vdoc] $variant,)+
        }

        impl $name {
            /// Every value, in order.
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The id the files use.
            pub fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }

            /// The Danish title.
            pub fn title(self) -> &'static str {
                match self {
                    $($name::$variant => $title,)+
                }
            }

            pub fn from_id(id: &str) -> Option<$name> {
                <$name as $crate::vocab::Vocabulary>::from_id(id)
            }
        }

        impl $crate::vocab::Vocabulary for $name {
            const WHAT: &'static str = $what;
            const PLURAL: &'static str = $plural;

            fn all() -> &'static [$name] {
                &$name::ALL
            }

            fn id(self) -> &'static str {
                $name::id(self)
            }

            fn title(self) -> &'static str {
                $name::title(self)
            }

            fn aliases(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$($alias),*],)+
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.id())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<$name, D::Error> {
                let id = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(deserializer)?;
                $name::from_id(&id).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::unknown_variant(&id, &[$($id),+])
                })
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                let description = [$($doc),*].map(str::trim).join("\n");
                let values = vec![$(::serde_json::json!({
                    "const": $id,
                    "description": $vdoc.trim(),
                    "type": "string",
                })),+];
                ::schemars::json_schema!({ "description": description, "oneOf": values })
            }
        }
    };
}

pub(crate) use vocabulary;
